"""Versions of a document: a URL or JSONL id stored again with changed text."""

from __future__ import annotations

import json

from click.testing import CliRunner
from fastapi.testclient import TestClient

from tollwatch import pipeline
from tollwatch.cli import main
from tollwatch.ingest.fetch import Fetcher
from tollwatch.ledger import Ledger
from tollwatch.models import Document
from tollwatch.web import create_app

EARLY = "The health ministry said more than 300 people were killed in Latakia on Thursday."
LATER = "The health ministry said the toll had risen to 524 people killed in Latakia on Thursday."


def page(body: str, title: str = "Toll rises on the coast") -> str:
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='Coast Wire'>"
            "<meta property='article:published_time' content='2025-03-07T10:00:00Z'></head>"
            f"<body><article><h1>{title}</h1><p>{body}</p><p>Rescue teams were still searching the area.</p>"
            "</article></body></html>")


def test_a_record_id_stored_again_with_changed_text_is_its_next_version(db_url):
    ledger = Ledger(db_url)
    ledger.add_documents([Document("r1", EARLY, "2025-03-07")])
    summary = ledger.add_documents([Document("r1", LATER, "2025-03-07")])
    assert (summary.new_documents, summary.versions) == (1, 1)
    first, second = ledger.versions("r1")
    assert (first.document.doc_id, first.version, first.superseded_by) == ("r1", 1, "r1@2")
    assert (second.document.doc_id, second.version, second.superseded_by) == ("r1@2", 2, None)
    # the old claims stay, marked superseded; reconciliation counts the latest version only
    assert [c.count.text for c in ledger.claims("r1")] == ["more than 300"]
    assert [c.count.text for c in ledger.claims()] == ["524"]
    assert sorted(c.count.text for c in ledger.claims(superseded=True)) == ["524", "more than 300"]
    (tally,) = ledger.reconcile().tallies
    assert (tally.best, tally.claim_ids) == (524, tuple(c.claim_id for c in ledger.claims("r1@2")))
    # the same text again is no version
    assert ledger.add_documents([Document("r1", LATER)]).duplicates == 1


def test_a_page_fetched_again_with_changed_text_is_a_version(tmp_path, newsroom):
    db = str(tmp_path / "v.db")
    url = newsroom.put("/coast.html", page(EARLY))
    ledger = Ledger(db)
    with Fetcher(allow_private=True) as fetcher:
        pipeline.ingest([url], ledger, fetcher=fetcher)
        newsroom.put("/coast.html", page(LATER))
        summary = pipeline.ingest([url], ledger, fetcher=fetcher)
    assert summary.versions == 1
    runner = CliRunner()
    table = runner.invoke(main, ["show", "--db", db, url, "--versions"])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].startswith("v1 ") and "+1 -0 ~0" in lines[0] and "'more than 300'" in lines[1]
    assert lines[2].startswith("v2 ") and "+0 -0 ~1" in lines[2] and "(latest)" in lines[2]
    assert "'more than 300' → '524'" in lines[3]
    listed = json.loads(runner.invoke(main, ["show", "--db", db, url, "--versions", "--format", "json"]).output)
    assert [v["version"] for v in listed] == [1, 2]
    assert listed[1]["changes"] == [{"change": "changed", "before": listed[1]["changes"][0]["before"],
                                     "after": listed[1]["changes"][0]["after"]}]
    assert (listed[1]["changes"][0]["before"]["count"], listed[1]["changes"][0]["after"]["count"]) == (
        "more than 300", "524")
    assert len(listed[0]["content_hash"]) == 64 and listed[0]["superseded_by"] == listed[1]["doc_id"]

    client = TestClient(create_app(db), base_url="http://localhost")
    timeline = client.get("/timeline").text
    assert "Revisions" in timeline and "more than 300" in timeline and "version 1" in timeline
    evidence = client.get(f"/documents/{listed[1]['doc_id']}").text
    assert "Figures changed against" in evidence and "more than 300" in evidence and "diff-changed" in evidence
    old = client.get(f"/documents/{listed[0]['doc_id']}").text
    assert "superseded by" in old
    assert client.get("/api/tallies").json()["items"][0]["best"] == 524


def test_pages_stored_before_versions_existed_get_their_next_version(tmp_path):
    from importlib import resources

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from tollwatch.extract import RULESET

    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = Config()
    config.set_main_option("script_location", str(resources.files("tollwatch.store") / "migrations"))
    with create_engine(url).begin() as conn:  # a ledger as the schema before versions left it
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        conn.execute(text("INSERT INTO documents (doc_id, content_hash, origin, text, media_type, ingested_at) "
                          "VALUES ('doc-old', 'h', 'https://example.org/live', :t, 'text/html', '2025-03-07')"),
                     {"t": EARLY})
    with Ledger(url) as ledger:
        added = ledger.add(Document(Document.make_id(LATER), LATER, origin="https://example.org/live"), [], RULESET)
        assert (added.status, added.version, added.previous) == ("version", 2, "doc-old")
