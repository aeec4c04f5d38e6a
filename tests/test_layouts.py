"""Event-data exports read back as their users would: ACLED's and UCDP GED's column sets, an
event type for each manner the extractor produces, actors only from the actor registry, the same
bytes on every run, HXL hashtags, and standard output."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollwatch.cli import main
from tollwatch.extract.lexicon import MANNER_CUES, OUTCOME_CUES
from tollwatch.layouts import acled, ucdp
from tollwatch.store import Ledger

REPORTS = [
    {"id": "shelling", "published": "2025-06-02",
     "text": "Artillery shelling killed 15 civilians in Kharkiv on Monday, the regional governor said."},
    {"id": "drone", "published": "2025-06-04",
     "text": "Russian forces killed six civilians in a drone strike on Sumy on Tuesday, officials said."},
    {"id": "clash", "published": "2025-06-08",
     "text": "Clashes between the Sudanese army and the RSF killed 11 fighters in El Obeid on Saturday, "
             "a military source said."},
    # one incident, two actors named once each: a tie that must come out the same on every run
    {"id": "tie-a", "published": "2025-06-10",
     "text": "The Sudanese army killed 20 civilians in El Fasher on Monday, activists said."},
    {"id": "tie-b", "published": "2025-06-10",
     "text": "The RSF killed 20 civilians in El Fasher on Monday, medics said."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("layouts")
    dump = folder / "reports.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    path = str(folder / "ledger.db")
    run = CliRunner().invoke(main, ["ingest", "--db", path, str(dump)])
    assert run.exit_code == 0, run.output
    return path


def _export(db: str, schema: str, fmt: str, out: Path, *extra: str) -> None:
    run = CliRunner().invoke(main, ["export", "--db", db, "--schema", schema, "--format", fmt, "-o", str(out), *extra])
    assert run.exit_code == 0, run.output


@pytest.mark.parametrize("schema, columns", [("acled", acled.COLUMNS), ("ucdp", ucdp.COLUMNS)])
def test_acled_and_ucdp_files_read_back_with_the_projects_column_sets(db: str, tmp_path: Path, schema: str,
                                                                      columns: tuple[str, ...]) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / f"{schema}.csv"
    _export(db, schema, "csv", out)
    with out.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        records = list(reader)
        header = reader.fieldnames or []
    # the project's every column, in its order, then tollwatch's own provenance columns
    assert header[: len(columns)] == list(columns)
    assert all(c.startswith("tollwatch_") for c in header[len(columns):])
    assert len(records) == 4
    _export(db, schema, "json", tmp_path / f"{schema}.json")
    assert [list(r) for r in json.loads((tmp_path / f"{schema}.json").read_text(encoding="utf-8"))] == [header] * 4
    _export(db, schema, "parquet", tmp_path / f"{schema}.parquet")
    assert pq.read_table(tmp_path / f"{schema}.parquet").column_names == header


def test_acled_rows_filled_where_known_and_actor1_only_from_the_registry(db: str, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    _export(db, "acled", "csv", out)
    rows = {r["notes"].split()[0]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    shelling, drone, clash, tie = rows["Artillery"], rows["Russian"], rows["Clashes"], rows["The"]
    assert shelling["actor1"] == ""  # "Artillery" is a weapon, not an actor
    assert (shelling["event_type"], shelling["sub_event_type"]) == ("Explosions/Remote violence",
                                                                    "Shelling/artillery/missile attack")
    assert (shelling["iso"], shelling["country"], shelling["location"], shelling["fatalities"]) == \
        ("804", "Ukraine", "Kharkiv", "15")
    assert (shelling["actor2"], shelling["inter2"], shelling["disorder_type"]) == \
        ("Civilians (Ukraine)", "Civilians", "Political violence")
    assert drone["sub_event_type"] == "Air/drone strike" and drone["actor1"] == "Russian armed forces"
    assert clash["actor1"] == "Rapid Support Forces" and clash["civilian_targeting"] == ""
    # named once each: the first by name is actor1, the other its associate
    assert (tie["actor1"], tie["assoc_actor_1"]) == ("Rapid Support Forces", "Sudanese Armed Forces")


def test_ucdp_rows_fill_sources_dates_and_the_prio_grid_cell(db: str, tmp_path: Path) -> None:
    out = tmp_path / "ucdp.json"
    _export(db, "ucdp", "json", out)
    [shelling] = [r for r in json.loads(out.read_text(encoding="utf-8")) if r["source_original"] == "regional governor"]
    assert (shelling["type_of_violence"], shelling["side_b"], shelling["deaths_civilians"]) == (3, "Civilians", 15)
    assert shelling["source_date"] == "2025-06-02" and shelling["number_of_sources"] == 1
    assert shelling["priogrid_gid"] == ucdp.priogrid_gid(shelling["latitude"], shelling["longitude"])


def test_priogrid_cells_count_from_the_south_west_corner() -> None:
    assert ucdp.priogrid_gid(-89.9, -179.9) == 1
    assert ucdp.priogrid_gid(-89.9, 179.9) == 720
    assert ucdp.priogrid_gid(89.9, 179.9) == 259200
    assert ucdp.priogrid_gid(0.1, 0.1) == 180 * 720 + 360 + 1


def _lexicon_manners() -> set[str]:
    return set(MANNER_CUES.values()) | {m for _, m in OUTCOME_CUES.values() if m}


def test_every_manner_the_lexicon_produces_has_an_acled_event_type() -> None:
    assert _lexicon_manners() <= acled.MANNERS, _lexicon_manners() - acled.MANNERS


EXPECTED = {  # manner → (event type, sub-event type) for civilian victims, then for armed victims
    "airstrike": ("Explosions/Remote violence", "Air/drone strike") * 2,
    "drone_strike": ("Explosions/Remote violence", "Air/drone strike") * 2,
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack") * 2,
    "missile_strike": ("Explosions/Remote violence", "Shelling/artillery/missile attack") * 2,
    "bombing": ("Explosions/Remote violence", "Remote explosive/landmine/IED") * 2,
    "landmine": ("Explosions/Remote violence", "Remote explosive/landmine/IED") * 2,
    "executed": ("Violence against civilians", "Attack") * 2,
    "massacre": ("Violence against civilians", "Attack") * 2,
    "shooting": ("Violence against civilians", "Attack", "Battles", "Armed clash"),
    "stabbing": ("Violence against civilians", "Attack", "", ""),
    None: ("Violence against civilians", "Attack", "", ""),
}


@pytest.mark.parametrize("manner", sorted(EXPECTED, key=str))
def test_acled_event_type_of_each_manner(manner: str | None) -> None:
    assert acled.event_type(manner, True, "killed") + acled.event_type(manner, False, "killed") == EXPECTED[manner]
    assert acled.event_type(manner, False, "kidnapped") == ("Violence against civilians",
                                                            "Abduction/forced disappearance")


def test_exports_are_the_same_bytes_whatever_the_hash_seed(db: str, tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "5"):  # seeds under which a set of the two tied names iterates in opposite orders
        out = tmp_path / f"acled-{seed}.csv"
        subprocess.run([sys.executable, "-m", "tollwatch", "export", "--db", db, "--schema", "acled", "--format",
                        "csv", "-o", str(out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_hxl_hashtags_in_a_second_header_row(db: str, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    _export(db, "acled", "csv", out, "--hxl")
    header, tags, *rows = list(csv.reader(out.open(encoding="utf-8")))
    assert dict(zip(header, tags))["event_date"] == "#date+occurred"
    assert dict(zip(header, tags))["fatalities"] == "#affected+killed"
    assert dict(zip(header, tags))["notes"] == "#description" and len(rows) == 4
    run = CliRunner().invoke(main, ["export", "--db", db, "--format", "json", "--hxl", "-o", str(tmp_path / "x")])
    assert run.exit_code == 2 and "give --format csv with --hxl" in run.stderr


def test_dash_writes_the_export_to_standard_output(db: str) -> None:
    run = CliRunner().invoke(main, ["export", "--db", db, "--schema", "ucdp", "--format", "csv", "-o", "-"])
    assert run.exit_code == 0, run.output
    assert list(csv.DictReader(io.StringIO(run.stdout)))[0]["id"].startswith("inc-")
    assert run.stderr == "-: 4 incidents (ucdp, csv)\n"
    run = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet", "-o", "-"])
    assert run.exit_code == 2 and "parquet is binary" in run.stderr


def test_claims_csv_always_has_its_header_and_the_join_columns(db: str, tmp_path: Path) -> None:
    empty = str(tmp_path / "empty.db")
    Ledger(empty).close()
    run = CliRunner().invoke(main, ["claims", "--db", empty, "--format", "csv"])
    assert run.exit_code == 0 and run.stdout.startswith("claim_id,doc_id,")
    header = run.stdout.splitlines()[0].split(",")
    assert {"source_id", "place_id", "country", "admin1", "lat", "lon", "actor_id"} <= set(header)
    run = CliRunner().invoke(main, ["claims", "--db", db, "--format", "csv"])
    rows = {r["doc_id"]: r for r in csv.DictReader(io.StringIO(run.stdout))}
    assert (rows["drone"]["actor_id"], rows["shelling"]["place_id"], rows["shelling"]["country"]) == \
        ("ru-forces", "UA/kharkivska/kharkiv", "UA")
    assert float(rows["shelling"]["lat"]) == pytest.approx(49.98, abs=0.01)


def test_a_plugin_adds_a_layout_through_an_entry_point(db: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from tollwatch import layouts

    (tmp_path / "deaths_only.py").write_text(
        "from tollwatch.layouts import Layout\n"
        "def rows(result, documents):\n"
        "    return [{'id': i.incident_id, 'deaths': i.best} for i in result.incidents if i.outcome == 'killed']\n"
        "LAYOUT = Layout('deaths', 'incidents', ('id', 'deaths'), rows, {'deaths': '#affected+killed'})\n",
        encoding="utf-8")
    info = tmp_path / "deaths_only-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: deaths-only\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[tollwatch.layouts]\ndeaths = deaths_only:LAYOUT\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    layouts._plugins.cache_clear()
    try:
        assert "deaths" in layouts.names()
        run = CliRunner().invoke(main, ["export", "--db", db, "--schema", "deaths", "--format", "csv", "--hxl", "-o", "-"])
        assert run.exit_code == 0, run.output
        header, tags, *rows = list(csv.reader(io.StringIO(run.stdout)))
        assert (header, tags) == (["id", "deaths"], ["", "#affected+killed"])
        assert sorted(int(r[1]) for r in rows) == [6, 11, 15, 20]
    finally:
        layouts._plugins.cache_clear()
