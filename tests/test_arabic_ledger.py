"""An Arabic report and an English report of the same toll: one ledger, one tally, both quotes;
the language stored with each document and shown by `show`, the API and the evidence page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollwatch.cli import main
from tollwatch.pipeline import ingest, reconciled
from tollwatch.store import Ledger

AR = ("بانياس - قال المرصد السوري لحقوق الإنسان إن 35 مدنياً على الأقل قتلوا يوم الثلاثاء في قصف مدفعي "
      "على مدينة بانياس الساحلية في محافظة طرطوس.")
EN = "The Syrian Observatory for Human Rights said at least 35 civilians were killed in Baniyas on Tuesday in shelling."


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("mixed")
    feed = folder / "reports.jsonl"
    feed.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in (
        {"id": "sohr-ar", "text": AR, "published": "2025-03-12"},
        {"id": "wire-en", "text": EN, "published": "2025-03-12"})) + "\n", encoding="utf-8")
    db = str(folder / "ledger.db")
    with Ledger(db) as ledger:
        summary = ingest([str(feed)], ledger)
        assert summary.new_documents == 2
    return db, feed


def test_arabic_and_english_reports_reconcile_into_one_tally(mixed):
    db, _ = mixed
    with Ledger(db) as ledger:
        result = reconciled(ledger)
        claims = {c.claim_id: c for c in ledger.claims()}
    ar = [c for c in claims.values() if c.doc_id == "sohr-ar"]
    en = [c for c in claims.values() if c.doc_id == "wire-en"]
    assert [(c.count.low, c.outcome, c.victims.category, c.source.source_id, c.location.place_id if c.location else None)
            for c in ar] == [(35, "killed", "civilian", "sohr", "SY/tartus/baniyas")]
    assert (en[0].source.source_id, en[0].location.place_id if en[0].location else None) == ("sohr", "SY/tartus/baniyas")
    [tally] = [t for t in result.tallies if t.outcome == "killed" and t.victims.category == "civilian"]
    assert (tally.low, tally.best, tally.place.place_id if tally.place else None) == (35, 35, "SY/tartus/baniyas")
    assert len(tally.claim_ids) == 2 and len(tally.sources) == 1  # one source, whichever language it wrote in
    run = CliRunner().invoke(main, ["explain", "--db", db, tally.tally_id])
    assert run.exit_code == 0, run.output
    assert "إن 35 مدنياً على الأقل قتلوا" in run.output and "in 2 reports" in run.output
    assert "earlier: 'at least 35'" in run.output  # the English wire copy, the same source's figure
    assert "at least 35 civilians were killed" in en[0].quote

def test_language_is_stored_and_shown(mixed):
    db, _ = mixed
    with Ledger(db) as ledger:
        assert ledger.document("sohr-ar").document.language == "ar"
        assert ledger.document("wire-en").document.language == "en"
    shown = CliRunner().invoke(main, ["show", "sohr-ar", "--db", db, "--format", "json"])
    assert shown.exit_code == 0 and json.loads(shown.output)["language"] == "ar"
    plain = CliRunner().invoke(main, ["show", "sohr-ar", "--db", db])
    assert plain.output == AR + "\n"  # the text alone, as offsets count it


def test_api_and_evidence_page_show_the_language(mixed):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from tollwatch.web import create_app

    db, _ = mixed
    with TestClient(create_app(db), base_url="http://localhost") as client:
        record = client.get("/api/documents/sohr-ar").json()
        assert record["language"] == "ar"
        for c in record["claims"]:
            assert record["text"][c["start"]:c["end"]] == c["count"]["text"]
        page = client.get("/documents/sohr-ar").text
        assert 'dir="auto"' in page and 'lang="ar"' in page
        listing = client.get("/api/documents").json()["items"]
        assert {d["doc_id"]: d["language"] for d in listing} == {"sohr-ar": "ar", "wire-en": "en"}
        assert "<td>ar</td>" in client.get("/documents").text


def test_the_arabic_font_ships_with_its_licence() -> None:
    import tomllib
    from importlib import resources

    root = Path(__file__).resolve().parents[1]
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    assert "web/static/fonts/*" in data["tollwatch"]
    fonts = resources.files("tollwatch.web") / "static" / "fonts"
    assert (fonts / "NotoNaskhArabic-Regular.woff2").read_bytes()[:4] == b"wOF2"
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts / "OFL.txt").read_text(encoding="utf-8")
    css = (resources.files("tollwatch.web") / "static" / "style.css").read_text(encoding="utf-8")
    assert 'url("fonts/NotoNaskhArabic-Regular.woff2")' in css  # served by tollwatch, never a font service
