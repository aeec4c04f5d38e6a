"""Reconciliation end to end on a multi-report scenario of our own, on the seed page, and rule by
rule on hand-made claims."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollwatch.cli import main
from tollwatch.models import Claim, Count, Location, Source, TimeSpan, Victims
from tollwatch.pipeline import ingest, reconciled
from tollwatch.reconcile import DocumentInfo, PlaceTree, Query, Reconciliation, reconcile
from tollwatch.store import Ledger

SCENARIO = Path(__file__).resolve().parents[1] / "src" / "tollwatch" / "examples" / "el-fasher-week.jsonl"
FASHER = "SD/northern-darfur/el-fasher"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Reconciliation]:
    db = str(tmp_path_factory.mktemp("scenario") / "ledger.db")
    with Ledger(db) as ledger:
        summary = ingest([str(SCENARIO)], ledger)
        assert (summary.new_documents, summary.near_duplicates) == (5, 1)
        return db, reconciled(ledger)


def _tally(result: Reconciliation, kind: str, category: str):
    [t] = [t for t in result.tallies if t.kind == kind and t.victims.category == category and not t.victims.group]
    return t


def test_one_incident_across_reports_with_its_contradiction(scenario):
    _, result = scenario
    [incident] = result.incidents
    assert (incident.outcome, incident.manner, incident.place.place_id) == ("killed", "shelling", FASHER)
    assert (incident.start, incident.end) == ("2025-05-01", "2025-05-01")
    # medics 12, the network 15: low is the smaller, best the lower of two equally ranked medical sources
    assert (incident.low, incident.best, incident.high) == (12, 12, 15)
    t = _tally(result, "period", "civilian")
    assert {s.name: (s.best, s.stories) for s in t.sources} == {"medics": (12, 1), "Sudan Doctors Network": (15, 1)}
    assert len(t.claim_ids) == 3  # the syndicated copy is behind the tally, but counts once
    [flag] = [d for d in result.discrepancies if d.kind == "contradiction"]
    assert flag.tally_id == t.tally_id and set(flag.sources) == {"medics", "Sudan Doctors Network"}
    assert any("12 civilians" in q for q in flag.quotes) and any("15 civilians" in q for q in flag.quotes)


def test_running_toll_series_revision_and_derived_remainder(scenario):
    _, result = scenario
    toll = _tally(result, "toll", "all")
    assert (toll.low, toll.best, toll.high, toll.end) == (38, 38, 38, "2025-05-05")
    [network] = toll.sources
    assert network.name == "Sudan Doctors Network" and len(network.earlier) == 1  # 40 on Saturday, superseded
    [revised] = [d for d in result.discrepancies if d.kind == "revised_down"]
    assert "from '40' (2025-05-03) to '38' (2025-05-05)" in revised.reason
    [remainder] = [c for c in result.checks if c.status == "remainder"]
    assert remainder.expression == "40 − 10 = 30"
    civilians = _tally(result, "toll", "civilian")
    assert (civilians.best, civilians.end) == (30, "2025-05-03")
    assert civilians.sources[0].derived and civilians.sources[0].claim_id == remainder.derived
    # Saturday's 30 civilians and 10 soldiers no longer fit under Monday's revised 38
    [over] = [c for c in result.checks if c.kind == "containment" and c.status == "fail"]
    assert over.whole == toll.tally_id and over.expression == "30 + 10 = 40 > 38"
    # the market incident sits inside Saturday's civilian toll, and fits
    [fits] = [c for c in result.checks if c.whole == civilians.tally_id]
    assert fits.status == "ok" and fits.expression == "12 ≤ 30"


def test_tally_cli_json_shape_and_filters(scenario):
    db, _ = scenario
    run = CliRunner().invoke(main, ["tally", "--db", db, "--format", "json"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.output)
    assert set(data) >= {"tallies", "checks", "discrepancies"}
    t = data["tallies"][0]
    assert set(t) >= {"tally_id", "outcome", "category", "place", "start", "end", "low", "best", "high", "sources",
                      "claim_ids"}
    run = CliRunner().invoke(main, ["tally", "--db", db, "--format", "json", "--category", "civilian",
                                    "--from", "2025-05-01", "--to", "2025-05-01"])
    kept = json.loads(run.output)["tallies"]
    assert {(t["kind"], t["best"]) for t in kept} == {("period", 12), ("toll", 30)}
    run = CliRunner().invoke(main, ["tally", "--db", db, "--format", "json", "--place", "Khartoum"])
    assert json.loads(run.output)["tallies"] == []
    run = CliRunner().invoke(main, ["tally", "--db", db, "--format", "json", "--place", "North Darfur",
                                    "--by", "source", "--category", "civilian"])
    groups = {t["group"] for t in json.loads(run.output)["tallies"]}
    assert "sudan-doctors-network" in groups and any(g.startswith("medics@") for g in groups)
    run = CliRunner().invoke(main, ["tally", "--db", db, "--place", "Xyzzyville"])
    assert run.exit_code == 2 and "Xyzzyville: no such place" in run.output


def test_explain_traces_numbers_to_quotes(scenario):
    db, result = scenario
    toll = _tally(result, "toll", "civilian")
    run = CliRunner().invoke(main, ["explain", "--db", db, toll.tally_id[:8]])
    assert run.exit_code == 0, run.output
    assert "derived, not stated: 40 − 10 = 30" in run.output
    assert "has risen to 40, including 10 soldiers" in run.output
    assert "best 30: the figure of Sudan Doctors Network, the only source" in run.output
    run = CliRunner().invoke(main, ["explain", "--db", db, result.incidents[0].incident_id])
    assert "killed in El Fasher on 2025-05-01 (shelling)" in run.output and "[contradiction]" in run.output
    run = CliRunner().invoke(main, ["explain", "--db", db, "tly-nothing"])
    assert run.exit_code == 1 and "tly-nothing: no tally or incident" in run.output


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson", "parquet"])
@pytest.mark.parametrize("schema", ["native", "acled", "ucdp"])
def test_export_every_format_and_schema(scenario, tmp_path: Path, fmt: str, schema: str):
    import pyarrow.parquet as pq

    db, _ = scenario
    out = tmp_path / f"out.{fmt}"
    run = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt, "--schema", schema, "-o", str(out)])
    assert run.exit_code == 0, run.output
    if fmt == "parquet":
        records = pq.read_table(out).to_pylist()
    elif fmt == "csv":
        import csv
        records = list(csv.DictReader(out.open(encoding="utf-8")))
    elif fmt == "json":
        records = json.loads(out.read_text(encoding="utf-8"))
    else:
        collection = json.loads(out.read_text(encoding="utf-8"))
        assert collection["type"] == "FeatureCollection"
        assert all(f["geometry"]["type"] == "Point" for f in collection["features"])
        records = [f["properties"] for f in collection["features"]]
    if schema == "native":
        assert len(records) == 7  # six stored claims and the derived 30 civilians
        assert sum(str(r["derived"]).lower() == "true" for r in records) == 1
    elif schema == "acled":
        [row] = records
        assert (row["event_date"], row["location"], row["admin1"], str(row["fatalities"])) == \
            ("2025-05-01", "El Fasher", "Northern Darfur", "12")
        assert row["event_type"] == "Explosions/Remote violence" and row["country"] == "Sudan"
    else:
        [row] = records
        assert (str(row["deaths_civilians"]), str(row["best"]), str(row["low"]), str(row["high"])) == \
            ("12", "12", "12", "15")


def test_seed_page_checks_and_discrepancy(shared_dir: Path, tmp_path: Path):
    from datetime import date

    with Ledger(str(tmp_path / "seed.db")) as ledger:
        ingest([str(shared_dir / "corpus" / "seed-article.txt")], ledger, published=date(2025, 3, 9))
        result = reconciled(ledger)
    expressions = {c.expression: c.status for c in result.checks if c.kind == "breakdown"}
    assert expressions == {"93 + 120 = 213": "ok", "524 − 213 = 311": "remainder"}
    civilians = next(t for t in result.tallies if t.kind == "toll" and t.victims.category == "civilian"
                     and t.place_id == "region/syria-coast")
    assert (civilians.low, civilians.best) == (311, 311)
    over_400 = [d for d in result.discrepancies
                if any("311" in s for s in [d.reason]) and any("regional media" in s for s in d.sources)]
    assert over_400, [d.reason for d in result.discrepancies]
    assert any("over 400 civilians" in q for q in over_400[0].quotes)


# --- rules, on hand-made claims ----------------------------------------------------------------

def _claim(n: int, low: int, high: int | None, *, doc: str = "d1", source: str | None = "Monitor", kind="monitor",
           category="civilian", scope="cumulative", day: str | None = None, text: str | None = None,
           place: str = "XX/a", parts: tuple[str, ...] = (), part_of: str | None = None, modality="reported") -> Claim:
    qualifier = "exact" if high == low else "more_than" if high is None else "range"
    return Claim(f"c{n}", doc, n, n + 1, f"quote {n}", Count(text or str(low), low, qualifier, low, high, low),
                 "killed", Victims(category), Source(source, source and source.lower(), kind), scope, modality,
                 location=Location(place, place, place), time=TimeSpan(day, day, day) if day else None,
                 parts=parts, part_of=part_of)


def _run(claims: list[Claim], docs: dict[str, str], **query) -> Reconciliation:
    infos = {d: DocumentInfo(d, published) for d, published in docs.items()}
    return reconcile(sorted(claims, key=lambda c: c.doc_id), infos, Query(**query), PlaceTree(),
                     identified=lambda s: bool(s.name))


def test_a_later_higher_toll_is_growth_not_contradiction():
    result = _run([_claim(1, 10, 10, doc="d1", source="A"), _claim(2, 20, 20, doc="d2", source="B")],
                  {"d1": "2025-01-01", "d2": "2025-01-05"})
    [t] = result.tallies
    assert (t.low, t.best, t.high) == (10, 10, 20) and not result.discrepancies


def test_an_earlier_higher_toll_from_another_source_contradicts():
    result = _run([_claim(1, 30, 30, doc="d1", source="A"), _claim(2, 20, 20, doc="d2", source="B")],
                  {"d1": "2025-01-01", "d2": "2025-01-05"})
    [flag] = result.discrepancies
    assert flag.kind == "contradiction" and flag.claim_ids == ("c2", "c1")


def test_open_ended_high_and_ranking():
    # an authority's "more than 50" and a monitor's 40: best is the monitor's, high the least "more than 50" allows
    result = _run([_claim(1, 51, None, source="Ministry", kind="government", text="more than 50"),
                   _claim(2, 40, 40, doc="d2", source="Monitor")], {"d1": "2025-01-01", "d2": "2025-01-01"})
    [t] = result.tallies
    assert (t.low, t.best, t.high, t.open_ended) == (40, 40, 51, True)
    assert [d.kind for d in result.discrepancies] == ["contradiction"]


def test_unnamed_sources_are_witnesses_of_their_own_story_only():
    claims = [_claim(1, 5, 5, doc="d1", source=None, kind=None), _claim(2, 5, 5, doc="d2", source=None, kind=None)]
    [t] = _run(claims, {"d1": "2025-01-01", "d2": "2025-01-02"}).tallies
    assert len(t.sources) == 2
    infos = {"d1": DocumentInfo("d1", "2025-01-01"), "d2": DocumentInfo("d2", "2025-01-02", duplicate_of="d1")}
    [t] = reconcile(claims, infos, Query(), PlaceTree(), identified=lambda s: False).tallies
    assert len(t.sources) == 1 and t.sources[0].claim_id == "c2"  # a syndicated copy: one source, latest copy


def test_breakdown_parts_exceeding_whole_are_flagged():
    claims = [_claim(1, 20, 20, category="mixed", parts=("c2", "c3")),
              _claim(2, 15, 15, category="civilian", part_of="c1"), _claim(3, 9, 9, category="combatant", part_of="c1")]
    result = _run(claims, {"d1": "2025-01-01"})
    [check] = [c for c in result.checks if c.kind == "breakdown"]
    assert check.status == "fail" and check.expression == "15 + 9 = 24 > 20"
    assert any(d.kind == "parts_exceed_whole" and d.claim_ids == ("c1", "c2", "c3") for d in result.discrepancies)


def test_set_aside_claims_never_count():
    claims = [_claim(1, 10, 10), _claim(2, 99, 99, modality="superseded"), _claim(3, 500, 500, modality="speculative")]
    result = _run(claims, {"d1": "2025-01-01"})
    [t] = result.tallies
    assert t.best == 10 and set(result.set_aside) == {"c2", "c3"}


def test_places_nest_through_prefixes_and_regions():
    from tollwatch.models import Place

    tree = PlaceTree([Place("region/coast", "Coast", "region", "XX", members=("XX/a",))])
    assert tree.ancestors("XX/a/town") == ["XX/a", "region/coast", "XX"]
    assert tree.contains("region/coast", "XX/a/town") and not tree.contains("region/coast", "XX/b")
    assert tree.ancestors("region/coast") == ["XX"]


def test_daily_reports_do_not_chain_into_one_long_incident():
    days = [("2025-01-01", "2025-01-02"), ("2025-01-02", "2025-01-03"), ("2025-01-03", "2025-01-04")]
    claims = [Claim(f"c{i}", f"d{i}", 0, 1, "q", Count("5", 5, "exact", 5, 5, 5), "killed", Victims("civilian"),
                    Source("Monitor", "monitor", "monitor"), "event", location=Location("A", "XX/a", "A"),
                    time=TimeSpan("x", start, end)) for i, (start, end) in enumerate(days)]
    result = _run(claims, {f"d{i}": end for i, (_, end) in enumerate(days)})
    assert [(i.start, i.end, len(i.claim_ids)) for i in result.incidents] == \
        [("2025-01-01", "2025-01-03", 2), ("2025-01-03", "2025-01-04", 1)]


def test_same_claims_and_reconciliation_on_postgresql_as_on_sqlite(pg_url, scenario):
    sqlite_db, on_sqlite = scenario
    with Ledger(pg_url) as ledger:
        assert ledger.engine.dialect.name == "postgresql"
        ingest([str(SCENARIO)], ledger)
        on_postgres = reconciled(ledger)
        claims = [c.to_dict() for c in ledger.claims()]
    with Ledger(sqlite_db, read_only=True) as ledger:
        assert ledger.engine.dialect.name == "sqlite"
        assert claims == [c.to_dict() for c in ledger.claims()] and claims
    assert on_postgres.to_dict() == on_sqlite.to_dict() and on_sqlite.tallies


def test_explain_lists_set_aside_claims_of_its_documents():
    from tollwatch.explain import explain

    claims = [_claim(1, 10, 10), _claim(2, 99, 99, modality="superseded", text="99")]
    result = _run(claims, {"d1": "2025-01-01"})
    text = explain(result.tallies[0], result)
    assert "Set aside, not counted:" in text and "'99': an earlier figure the report itself says was replaced" in text


def test_two_incidents_of_one_day_without_a_place_have_their_own_ids():
    # two single-victim shootings reported on one day, neither placed: two incidents, two ids
    claims = [Claim(f"c{i}", f"d{i}", 0, 1, "q", Count("a man", 1, "exact", 1, 1, 1), "killed", Victims("unknown"),
                    Source(None, None, None), "event", time=TimeSpan("Sunday", "2025-03-02", "2025-03-02"),
                    evidence={"single_victim": True}) for i in (1, 2)]
    result = _run(claims, {"d1": "2025-03-03", "d2": "2025-03-03"})
    assert len({i.incident_id for i in result.incidents}) == len(result.incidents) == 2


def _reconciled_reports(tmp_path: Path, published: date, *texts: str) -> Reconciliation:
    """Reports of our own, one file each, ingested into a fresh ledger and reconciled."""
    paths = []
    for n, text in enumerate(texts):
        paths.append(tmp_path / f"report-{n}.txt")
        paths[-1].write_text(text + "\n", encoding="utf-8")
    with Ledger(str(tmp_path / "l.db")) as ledger:
        ingest([str(p) for p in paths], ledger, published=published)
        return reconciled(ledger)


def test_a_victim_one_source_restates_does_not_give_that_source_a_zero(tmp_path: Path):
    result = _reconciled_reports(
        tmp_path, date(2024, 8, 25),
        "A 30-year-old man was fatally shot and three others were injured outside a lounge in Dunmore early "
        "Sunday.\nA 41-year-old was shot in the ankle and is in good condition, Officer Dana Pacheco said.")
    assert sorted((i.outcome, i.best) for i in result.incidents) == [("injured", 3), ("killed", 1)]


def test_people_listed_beside_others_reconcile_under_the_contracts_classes(tmp_path: Path):
    """Two reports of one shooting disagree; the one that lists its dead ("two men and three
    women") is read, checked and described in the contract's victim classes."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Two men and three women were killed in a shooting in Dayton on Saturday, police said.\n")
    second.write_text("Police in Dayton said on Saturday that two people were killed in a shooting.\n")
    ledger = Ledger(f"sqlite:///{tmp_path / 'l.db'}")
    ingest([str(first), str(second)], ledger, published=date(2024, 3, 2))
    result = reconciled(ledger, Query())
    categories = {t.victims.category for t in result.tallies} | {c.victims.category for c in ledger.claims()}
    assert categories <= {"all", "civilian", "combatant", "state_forces", "non_state_armed", "mixed", "unknown"}
    assert max(t.high or 0 for t in result.tallies if t.outcome == "killed") == 5  # two reports, 2 and 5


def test_a_source_quoted_on_one_victim_is_a_piece_of_the_reports_count(tmp_path: Path):
    """The chief, a higher-ranked source, speaks of one of the dead; the report counts three."""
    result = _reconciled_reports(
        tmp_path, date(2024, 7, 13),
        "A gunman killed three people and wounded two others in Pasadena on Saturday night.\n'The suspect shot "
        "and killed an individual inside the home first,' Police Chief Ray Ortiz said.")
    assert sorted((i.outcome, i.best) for i in result.incidents) == [("injured", 2), ("killed", 3)]


def test_a_piece_joins_the_texts_count_not_the_headline_it_replaces(tmp_path: Path):
    """Officials speak of one of the four the police count. The headline's figures give way to the
    text's, so the report's own voice holds only the headline: the piece joins the police's count,
    not the headline's, where it would stand alone as a count of one and, lower, win."""
    report = tmp_path / "report.jsonl"
    report.write_text(json.dumps({
        "id": "elmwood", "title": "Girl, 3 adults shot outside Elmwood home", "published": "2024-06-08",
        "text": "Police said a 14-year-old girl, two women and a man were shot outside a home in Elmwood on Friday "
                "night.\n\nHer grandmother was taken to Mercy Hospital in serious condition, officials said."}) + "\n")
    with Ledger(str(tmp_path / "l.db")) as ledger:
        ingest([str(report)], ledger)
        result = reconciled(ledger)
    assert [(i.outcome, i.low, i.best) for i in result.incidents] == [("injured", 4, 4)]


@pytest.mark.parametrize("some", [
    "Police said three of those injured had minor injuries, but one was taken into surgery.",
    "Two of the wounded remain in critical condition, a hospital spokeswoman said.",
    # by ellipsis: one of them, not the police's own count of the hurt
    "One was listed in critical condition and the other three were stable, police said.",
    # how some of them are: no count of the hurt
    "Authorities said two people are in critical condition after the shots were fired.",
    "Two men remain in serious but stable condition, a hospital spokeswoman said.",
])
def test_some_of_the_hurt_told_by_another_source_is_not_a_lower_count(tmp_path: Path, some: str):
    """'Three of those injured', a second source's words on some of the four the report counts,
    stays with the four: read as a figure of its own, the lower of the two would win."""
    result = _reconciled_reports(
        tmp_path, date(2024, 2, 25),
        "A man was killed and four other people were injured in a shooting in Macon on Saturday, the sheriff's "
        f"office said.\n{some}")
    assert sorted((i.outcome, i.best) for i in result.incidents) == [("injured", 4), ("killed", 1)]


def test_one_victim_told_by_the_police_is_one_of_the_reports_count(tmp_path: Path):
    """'One victim was transported ..., police said' under the report's own five: one of the five,
    not the police's count of the wounded, which would outrank the report's voice."""
    result = _reconciled_reports(
        tmp_path, date(2024, 7, 17),
        "Five people were shot, including one who suffered critical injuries, in Garfield Park on Friday "
        "evening.\nOne victim was transported to Mount Sinai Hospital with life-threatening injuries to the "
        "back, police said.\nThe others suffered gunshot wounds to the hand, elbow and leg.")
    assert [(i.outcome, i.best) for i in result.incidents] == [("injured", 5)]


def test_a_source_quoted_on_some_of_the_victims_is_a_piece_of_the_reports_count(tmp_path: Path):
    """'Two of the victims are teenagers, police say' speaks of some of the four the report counts:
    read as the police's own count, it would outrank the report's and give one wounded, not three."""
    result = _reconciled_reports(
        tmp_path, date(2024, 5, 29),
        "Police say two of the victims shot in Marston on Thursday night are teenagers.\nA 21-year-old man who "
        "was shot several times died at the scene, police said.\nFour people were shot on Elm Street in Marston "
        "on Thursday night and one of them died.")
    assert sorted((i.outcome, i.best) for i in result.incidents) == [("injured", 3), ("killed", 1)]


@pytest.mark.parametrize(("later", "injured"), [
    ("A 17-year-old boy who was shot in the torso in Juneau on Saturday has died, police said.", []),
    ("A 45-year-old woman was killed in a shooting in Juneau on Saturday, police said.", [1]),
])
def test_a_person_another_report_says_died_is_one_death(tmp_path: Path, later: str, injured: list[int]):
    """One report says a 17-year-old was shot; another of that day and town that a 17-year-old
    died: one person, dead. A victim of another age is someone else."""
    result = _reconciled_reports(tmp_path, date(2024, 9, 15),
                                 "A 17-year-old boy was shot in the torso in Juneau on Saturday, police said.", later)
    assert [i.best for i in result.incidents if i.outcome == "killed"] == [1]
    assert [i.best for i in result.incidents if i.outcome == "injured"] == injured
    if not injured:
        assert any("died" in why for _, why in result.set_aside.values())


def test_a_denial_beside_a_victim_does_not_set_the_event_aside(tmp_path: Path):
    """'No one inside was hurt' after 'a man shot himself': the man is hurt, and the report's
    figure stands; the denial is not the figure's voice."""
    result = _reconciled_reports(
        tmp_path, date(2014, 11, 10),
        "The homeowner said a man trying to rob the house shot himself in the leg on Sunday.\n"
        "No one inside the home was hurt.")
    assert [(i.outcome, i.best) for i in result.incidents] == [("injured", 1)]


def test_the_wounded_of_one_incident_are_in_it_however_many(tmp_path: Path):
    """One dead makes the report's event one incident; the dozen wounded with them are in it too,
    not a running toll of their own."""
    result = _reconciled_reports(
        tmp_path, date(2013, 10, 6),
        "A biker club's dance turned into a gun battle, leaving one dead and a dozen others wounded, "
        "authorities said.")
    assert sorted((i.outcome, i.best) for i in result.incidents) == [("injured", 12), ("killed", 1)]


@pytest.mark.parametrize(("hurt", "outcomes"), [
    # each report tells of one person only, of one sex, the same day and town: one man, dead
    ("A man was shot in Dayton on Saturday night and taken to a hospital, police said.", [("killed", 1)]),
    # a woman is someone else
    ("A woman was shot in Dayton on Saturday night and taken to a hospital, police said.",
     [("injured", 1), ("killed", 1)]),
])
def test_one_person_hurt_in_one_report_and_dead_in_another_is_one_death(tmp_path: Path, hurt: str, outcomes):
    result = _reconciled_reports(
        tmp_path, date(2024, 9, 15), hurt,
        "A man died after he was shot in Dayton on Saturday night, police said on Sunday.")
    assert sorted((i.outcome, i.best) for i in result.incidents) == outcomes
