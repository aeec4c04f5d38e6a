"""The ledger: a real SQLite file (and PostgreSQL when TOLLWATCH_TEST_PG is set)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine

from tollwatch import pipeline
from tollwatch.cli import main
from tollwatch.errors import ConflictingRecord, StoreError
from tollwatch.extract import RULESET, extract_document
from tollwatch.ingest.fetch import Fetcher
from tollwatch.models import Document
from tollwatch.store import Ledger

REPORT = "At least 12 civilians were killed in shelling on the town of Qamar on Friday, medics said."
OTHER = "Gunmen abducted 23 students from a school near the town of Birni on Monday, police said."


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_same_content_is_stored_once(db_url, tmp_path):
    ledger = Ledger(db_url)
    a = tmp_path / "a.txt"
    a.write_text(REPORT, encoding="utf-8")
    first = pipeline.ingest([str(a)], ledger)
    (tmp_path / "copy.txt").write_text(REPORT, encoding="utf-8")
    second = pipeline.ingest([str(a), str(tmp_path / "copy.txt")], ledger)
    assert (first.new_documents, first.claims) == (1, 1)
    assert (second.new_documents, second.duplicates, second.claims) == (0, 2, 0)
    assert ledger.stats() == {"documents": 1, "near_duplicates": 0, "claims": 1, "runs": 2}


def test_syndicated_copy_is_linked_to_the_first(db_url, site):
    ledger = Ledger(db_url)
    with Fetcher(allow_private=True) as f:
        summary = pipeline.ingest([f"{site}/feed.xml"], ledger, fetcher=f)
    assert (summary.new_documents, summary.near_duplicates, summary.failures) == (3, 1, 1)
    docs = {d.document.site_name + " " + (d.document.title or ""): d for d in ledger.documents()}
    original = docs["The Daily Ledger Shelling of border town kills 14 civilians, officials say"]
    copy = docs["Regional Herald 14 civilians killed as shells hit Qamar"]
    update = docs["The Daily Ledger Toll from Qamar attack rises to 19"]
    assert copy.duplicate_of == original.document.doc_id and copy.similarity >= 0.7
    assert original.duplicate_of is None and update.duplicate_of is None


def test_claims_point_into_the_stored_text(db_url, site):
    ledger = Ledger(db_url)
    with Fetcher(allow_private=True) as f:
        pipeline.ingest([f"{site}/news/wire-story.html"], ledger, fetcher=f)
    stored = list(ledger.claims())
    assert {c.count.text for c in stored} >= {"At least 14", "30"}
    for claim in stored:
        text = ledger.document(claim.doc_id).document.text
        assert text[claim.start:claim.end] == claim.count.text


def test_claims_round_trip_every_contract_field(db_url):
    ledger = Ledger(db_url)
    doc = Document(Document.make_id(REPORT), REPORT, "2025-03-09")
    found = extract_document(doc)
    ledger.add(doc, found, RULESET)
    assert list(ledger.claims()) == found


def test_an_id_stored_again_with_other_text_is_a_version_and_nothing_is_lost(db_url, tmp_path):
    ledger = Ledger(db_url)
    dump = write_jsonl(tmp_path / "d.jsonl", [{"id": "r1", "text": REPORT}])
    pipeline.ingest([dump], ledger)
    added = ledger.add(Document("r1", OTHER), extract_document(Document("r1", OTHER)), RULESET)
    assert (added.status, added.doc_id, added.version, added.previous) == ("version", "r1@2", 2, "r1")
    assert ledger.document("r1").document.text == REPORT
    assert [c.doc_id for c in ledger.claims()] == ["r1@2"]
    # an id taken by another article's version is still refused
    with pytest.raises(ConflictingRecord, match="'r1@2' is already stored with different text"):
        ledger.add(Document("r1@2", "Fighting displaced 40 families from the valley, officials said."), [], RULESET)


def test_bad_inputs_are_named_and_the_batch_goes_on(db_url, tmp_path):
    ledger = Ledger(db_url)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "latin1.txt").write_bytes("Zwölf Menschen".encode("latin-1"))
    (tmp_path / "truncated.html").write_text(f"<html><body><article><p>{OTHER}</p><p>The gunm", encoding="utf-8")
    (tmp_path / "nav.html").write_text("<html><head><title>Index</title></head><body><script>var a=1;</script></body></html>", encoding="utf-8")
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "ok", "text": REPORT}) + "\n{not json\n" + json.dumps({"id": 3}) + "\n")
    errors = []
    summary = pipeline.ingest([str(tmp_path)], ledger, report=lambda o: errors.append(str(o)))
    failed = [e for e in errors if not e.startswith("Added(")]
    assert summary.new_documents == 2 and summary.failures == 6  # the truncated page's text is kept
    assert any("binary.txt: binary file" in e for e in failed)
    assert any("empty.txt: empty file" in e for e in failed)
    assert any("latin1.txt: not UTF-8" in e for e in failed)
    assert any("nav.html: no article text" in e for e in failed)
    assert any("dump.jsonl:2: not valid JSON" in e for e in failed)
    assert any('dump.jsonl:3: each line must be a JSON object with a "text" string' in e for e in failed)


def test_an_interrupted_run_leaves_a_consistent_database_and_resumes(db_url, tmp_path, monkeypatch):
    ledger = Ledger(db_url)
    dump = write_jsonl(tmp_path / "d.jsonl", [{"id": f"r{i}", "text": f"{REPORT} Item {i}."} for i in range(5)])
    calls = []

    def dies_on_third(doc):
        calls.append(doc.doc_id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return extract_document(doc)

    monkeypatch.setattr(pipeline, "extract_document", dies_on_third)
    with pytest.raises(KeyboardInterrupt):
        pipeline.ingest([dump], ledger)
    assert ledger.stats()["documents"] == 2 and ledger.stats()["claims"] == 2
    monkeypatch.setattr(pipeline, "extract_document", extract_document)
    resumed = pipeline.ingest([dump], ledger)
    assert (resumed.new_documents, resumed.duplicates) == (3, 2)
    assert ledger.stats()["claims"] == 5


def test_reextract_rebuilds_claims_from_stored_documents(db_url, site):
    ledger = Ledger(db_url)
    with Fetcher(allow_private=True) as f:
        pipeline.ingest([f"{site}/news/wire-story.html"], ledger, fetcher=f)
    before = list(ledger.claims())
    doc_id = before[0].doc_id
    ledger.replace_claims(doc_id, [], "old-rules/0")
    assert list(ledger.claims()) == []
    result = pipeline.reextract(ledger, from_raw=True)
    assert (result.documents, result.claims_before, result.claims_after) == (1, 0, len(before))
    assert list(ledger.claims()) == before


def test_filters(db_url, tmp_path):
    ledger = Ledger(db_url)
    pipeline.ingest([write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": REPORT}, {"id": "b", "text": OTHER}])],
                    ledger)
    assert [c.doc_id for c in ledger.claims(outcome="kidnapped")] == ["b"]
    assert [c.doc_id for c in ledger.claims(source="MEDICS")] == ["a"]
    assert [c.doc_id for c in ledger.claims(source="medical")] == ["a"]  # by kind
    assert [c.doc_id for c in ledger.claims(doc_id="b")] == ["b"]
    assert ledger.resolve_doc_id("a") == "a"


def test_sqlite_file_is_plain_and_indexed(tmp_path):
    path = tmp_path / "plain.db"
    Ledger(str(path)).add(Document("x", REPORT), extract_document(Document("x", REPORT)), RULESET)
    with sqlite3.connect(path) as conn:
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        best, outcome = conn.execute("SELECT best, outcome FROM claims").fetchone()
    assert {"ix_claims_doc_id", "ix_claims_outcome", "ix_claims_source_id", "ix_document_bands_band_key",
            "ix_documents_published"} <= indexes
    assert (best, outcome) == (12, "killed")


def test_migrations_build_exactly_the_schema_queries_use(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from tollwatch.store.schema import metadata

    url = f"sqlite:///{tmp_path / 'm.db'}"
    Ledger(url).close()
    with create_engine(url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_unopenable_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open the database"):
        Ledger(str(tmp_path / "no" / "such" / "dir" / "x.db"))
    with pytest.raises(StoreError, match="not a database URL"):
        Ledger("nosuchdialect://x")


def test_cli_ingest_claims_show_reextract(tmp_path, site):
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    dump = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": REPORT}, {"id": "b", "text": OTHER}])
    result = runner.invoke(main, ["ingest", "--db", db, dump, f"{site}/news/wire-story.html", "--allow-private"])
    assert result.exit_code == 0, result.output
    assert "3 new documents, 0 duplicates skipped" in result.output
    again = runner.invoke(main, ["ingest", "--db", db, dump, str(tmp_path / "missing.txt")])
    assert again.exit_code == 1
    assert "2 duplicates skipped" in again.output and "missing.txt: no such file or folder" in again.output

    listed = runner.invoke(main, ["claims", "--db", db, "--format", "jsonl", "--outcome", "kidnapped"])
    assert [json.loads(line)["count"]["text"] for line in listed.output.splitlines()] == ["23"]
    shown = runner.invoke(main, ["show", "--db", db, "b"])
    assert shown.output == OTHER + "\n"
    assert runner.invoke(main, ["show", "--db", db, "zzz"]).exit_code == 1
    redone = runner.invoke(main, ["reextract", "--db", db])
    assert redone.exit_code == 0 and "3 documents re-extracted" in redone.output


def test_cli_refuses_private_urls_by_default(tmp_path, site):
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), f"{site}/news/wire-story.html"])
    assert result.exit_code == 1 and "private or local address" in result.output


def test_a_ledger_from_the_first_schema_is_upgraded_on_open(tmp_path):
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = Config()
    config.set_main_option("script_location", str(resources.files("tollwatch.store") / "migrations"))
    with create_engine(url).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    with Ledger(url) as ledger:
        assert ledger.generation() == 0
        ledger.add(Document("d1", "Gunmen killed 4 people."), [], "test")
        assert ledger.generation() == 1
