"""The reconciliation stored as tables in the ledger, read with nothing but sqlite3: the figures
`tollwatch tally` prints, refreshed whenever the claims change, and described column by column in
the Datasette metadata file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import yaml
from click.testing import CliRunner

from tollwatch.cli import main
from tollwatch.store.schema import RECONCILED, reconciled_state

FIRST = {"id": "kharkiv", "published": "2025-06-02",
         "text": "Artillery shelling killed 15 civilians in Kharkiv on Monday, the regional governor said. "
                 "Earlier reports had put the toll at 12."}
SECOND = {"id": "kaduna", "published": "2025-06-04",
          "text": "Gunmen killed 4 villagers in Kaduna on Tuesday, police said."}
METADATA = Path(__file__).resolve().parents[1] / "docs" / "datasette.yaml"


def _ingest(db: str, tmp_path: Path, *reports: dict) -> None:
    dump = tmp_path / f"{reports[0]['id']}.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    run = CliRunner().invoke(main, ["ingest", "--db", db, str(dump)])
    assert run.exit_code == 0, run.output


def _tallied(db: str) -> dict[str, int]:
    run = CliRunner().invoke(main, ["tally", "--db", db, "--format", "json"])
    return {t["tally_id"]: t["best"] for t in json.loads(run.stdout)["tallies"]}


def test_sqlite3_finds_the_tallies_tally_prints_and_they_follow_the_claims(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    _ingest(db, tmp_path, FIRST)
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT tally_id, best FROM tallies").fetchall())
        place, code, sources = conn.execute(
            "SELECT place_name, admin1_code, sources FROM tallies WHERE category = 'civilian'").fetchone()
        assert conn.execute("SELECT count(*) FROM incidents").fetchone() == (1,)
    assert stored == _tallied(db) and 15 in stored.values()
    assert (place, code) == ("Kharkiv", "UA-63") and json.loads(sources)[0]["name"] == "regional governor"

    _ingest(db, tmp_path, SECOND)  # a new claim: the tables follow
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT tally_id, best FROM tallies").fetchall())
        generation = conn.execute("SELECT generation FROM ledger_state").fetchone()
        assert conn.execute("SELECT generation FROM reconciled_state").fetchone() == generation
    assert stored == _tallied(db) and {4, 15} <= set(stored.values())


def test_reextraction_refreshes_the_tables(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    _ingest(db, tmp_path, FIRST)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM tallies")  # stale on purpose: only a write of claims brings them back
        conn.execute("UPDATE ledger_state SET generation = generation + 1")
    assert CliRunner().invoke(main, ["reextract", "--db", db]).exit_code == 0
    with sqlite3.connect(db) as conn:
        assert dict(conn.execute("SELECT tally_id, best FROM tallies").fetchall()) == _tallied(db)


def test_the_datasette_metadata_describes_every_reconciled_column(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    _ingest(db, tmp_path, FIRST)
    tables = yaml.safe_load(METADATA.read_text(encoding="utf-8"))["databases"]["tollwatch"]["tables"]
    with sqlite3.connect(db) as conn:
        for table in RECONCILED:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")]
            assert columns and list(tables[table.name]["columns"]) == columns, table.name
    assert reconciled_state.name in tables


def test_a_read_only_command_leaves_the_ledger_file_alone(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    _ingest(db, tmp_path, FIRST)
    before = Path(db).stat().st_mtime_ns
    assert CliRunner().invoke(main, ["tally", "--db", db]).exit_code == 0
    assert Path(db).stat().st_mtime_ns == before


def test_the_server_refreshes_the_tables_when_it_reconciles(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from tollwatch.web import create_app

    db = str(tmp_path / "ledger.db")
    client = TestClient(create_app(db), base_url="http://localhost")
    posted = client.post("/api/ingest/text", json={"text": SECOND["text"], "published": SECOND["published"]})
    assert posted.status_code == 200, posted.text
    with sqlite3.connect(db) as conn:  # the upload itself does not reconcile the whole ledger
        assert conn.execute("SELECT count(*) FROM tallies").fetchone() == (0,)
    bests = {t["best"] for t in client.get("/api/tallies").json()["items"]}
    client.app.state.ledger.settle()  # the tables are written in the background, after the answer
    with sqlite3.connect(db) as conn:
        assert {b for (b,) in conn.execute("SELECT best FROM tallies")} == bests == {4}


def test_ingest_no_refresh_leaves_the_tables_for_later(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    _ingest(db, tmp_path, FIRST)
    dump = tmp_path / "second.jsonl"
    dump.write_text(json.dumps(SECOND) + "\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", "--no-refresh", "--db", db, str(dump)]).exit_code == 0
    with sqlite3.connect(db) as conn:
        assert 4 not in {b for (b,) in conn.execute("SELECT best FROM tallies")}
        (stored,), (current,) = conn.execute("SELECT generation FROM reconciled_state"), \
            conn.execute("SELECT generation FROM ledger_state")
        assert stored < current  # stale, and says so
    run = CliRunner().invoke(main, ["refresh", "--db", db])
    assert run.exit_code == 0 and run.stdout.endswith(": reconciled tables refreshed\n")
    with sqlite3.connect(db) as conn:
        assert dict(conn.execute("SELECT tally_id, best FROM tallies").fetchall()) == _tallied(db)
    assert CliRunner().invoke(main, ["refresh", "--db", db]).stdout.endswith(": reconciled tables already current\n")
