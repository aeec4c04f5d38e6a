"""Reviews from the command line: confirm, reject and correct figures; the tally, the history,
the export and re-extraction all follow them; orphaned reviews are listed, never dropped."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tollwatch.cli import main
from tollwatch.extract import RULESET, extract_document
from tollwatch.models import Document
from tollwatch.pipeline import reconciled
from tollwatch.store import Ledger
from tollwatch.store.schema import users

# Three reports of one day's shelling: two figures for the civilians (a contradiction), one for
# fighters, and a running toll the next day.
REPORTS = [
    {"id": "harbour-sun", "published": "2025-03-10",
     "text": "Shelling hits Baniyas harbour\n\nShelling on the harbour in Baniyas killed 14 civilians on Sunday, "
             "medics said. Nine fighters were also killed in the clashes, the Coastal Rights Observatory said.\n"},
    {"id": "harbour-observatory", "published": "2025-03-10",
     "text": "Baniyas harbour shelled\n\nArtillery shelling killed 15 civilians in Baniyas on Sunday, according to "
             "the Coastal Rights Observatory.\n"},
    {"id": "harbour-toll", "published": "2025-03-11",
     "text": "Baniyas toll rises\n\nThe death toll from Sunday's shelling in Baniyas has risen to 23, the Coastal "
             "Rights Observatory said on Monday.\n"},
]


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def db(tmp_path: Path, db_url: str) -> str:
    """The reports ingested into a fresh ledger: SQLite, and PostgreSQL when TOLLWATCH_TEST_PG is set."""
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    run("ingest", "--db", db_url, str(path))
    return db_url


def claim_id(db: str, doc_id: str, words: str) -> str:
    found = [json.loads(line) for line in run("claims", "--db", db, "--format", "jsonl").splitlines()]
    return next(c["claim_id"] for c in found if c["doc_id"] == doc_id and c["count"]["text"] == words)


def tallies(db: str) -> dict[str, dict]:
    result = json.loads(run("tally", "--db", db, "--format", "json"))
    return {t["victims"]["category"]: t for t in result["tallies"] if t["kind"] == "period"} | \
        {"incidents": result["incidents"], "checks": result["checks"]}


def test_reject_and_correct_then_reextract_and_everything_follows(db: str, tmp_path: Path):
    fighters, medics = claim_id(db, "harbour-sun", "Nine"), claim_id(db, "harbour-sun", "14")
    before = tallies(db)
    assert before["combatant"]["best"] == 9 and before["civilian"]["low"] == 14

    assert "rejected" in run("review", fighters, "--reject", "--note", "fighters' own claim", "--as", "alice",
                             "--db", db)
    assert "corrected" in run("review", medics, "--set", "count=16", "--note", "hospital list gives 16",
                              "--as", "bob", "--db", db)
    run("review", medics, "--confirm", "--note", "checked against the morgue", "--as", "alice", "--db", db)
    assert "3 documents re-extracted" in run("reextract", "--db", db)

    after = tallies(db)
    assert "combatant" not in after  # the rejected figure is counted nowhere
    civilians = after["civilian"]
    # medics' 16 against the Observatory's 15, whose figure (a monitor's) is preferred as best
    assert (civilians["low"], civilians["best"], civilians["high"]) == (15, 15, 16)
    assert civilians["reviewed"] == 1 and len(civilians["claim_ids"]) == 2
    explained = run("explain", civilians["tally_id"], "--db", db)
    assert "corrected by alice, bob" in explained and "rejected by alice: fighters' own claim" in explained
    [check] = [c for c in after["checks"] if c["kind"] == "containment"]  # civilians within the running toll
    assert (check["parts"], check["reviewed"]) == ([civilians["tally_id"]], 1)
    [incident] = after["incidents"]
    assert (incident["best"], incident["high"], incident["reviewed"]) == (15, 16, 1)  # fighters no longer in it

    history = json.loads(run("history", medics, "--format", "json", "--db", db))
    assert history["status"] == "corrected"
    assert [(r["action"], r["reviewer"], r["note"]) for r in history["reviews"]] == [
        ("correct", "bob", "hospital list gives 16"), ("confirm", "alice", "checked against the morgue")]
    assert history["extracted"]["count"]["best"] == 14 and history["current"]["count"]["best"] == 16
    assert history["current"]["evidence"]["review"]["extracted"] == {"count": 14}
    listed = {json.loads(line)["claim_id"]: json.loads(line) for line in
              run("claims", "--db", db, "--format", "jsonl").splitlines()}
    assert listed[medics]["count"]["best"] == 16 and listed[fighters]["evidence"]["review"]["status"] == "rejected"
    assert "#" in run("history", medics, "--db", db) and "hospital list gives 16" in run("history", medics, "--db", db)

    out = tmp_path / "claims.csv"
    run("export", "--db", db, "--format", "csv", "--schema", "native", "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert not any(r["count_text"] == "Nine" for r in rows)
    [corrected] = [r for r in rows if r["doc_id"] == "harbour-sun"]
    assert (corrected["best"], corrected["review_status"], corrected["reviewed_by"]) == ("16", "corrected", "alice;bob")
    assert {r["review_status"] for r in rows if r["doc_id"] != "harbour-sun"} == {"unreviewed"}

    acled = tmp_path / "acled.csv"
    run("export", "--db", db, "--format", "csv", "--schema", "acled", "-o", str(acled))
    [row] = list(csv.DictReader(acled.open(encoding="utf-8")))
    assert (row["fatalities"], row["tollwatch_review_status"]) == ("15", "partly_reviewed")
    assert "0 incidents" in run("export", "--db", db, "--format", "csv", "--schema", "acled", "--reviewed-only",
                                "-o", str(acled))
    observatory = claim_id(db, "harbour-observatory", "15")
    run("review", observatory, "--confirm", "--as", "alice", "--db", db)
    assert "1 incidents" in run("export", "--db", db, "--format", "json", "--schema", "acled", "--reviewed-only",
                                "-o", str(acled))
    assert json.loads(acled.read_text())[0]["tollwatch_review_status"] == "reviewed"


def test_a_review_whose_figure_is_gone_is_listed_as_an_orphan(db: str):
    medics = claim_id(db, "harbour-sun", "14")
    run("review", medics, "--set", "best=15", "--set", "high=15", "--as", "alice", "--db", db)
    assert "no orphaned reviews" in run("review", "--orphans", "--db", db)
    with Ledger(db) as ledger:  # an extractor that no longer finds the figure
        doc = ledger.document("harbour-sun").document
        ledger.replace_claims(doc.doc_id, [c for c in extract_document(doc) if c.count.text != "14"], RULESET)
    listed = run("review", "--orphans", "--db", db)
    assert "1 review whose figure" in listed and medics in listed and "'14'" in listed
    [orphan] = json.loads(run("review", "--orphans", "--format", "json", "--db", db))
    assert (orphan["claim_id"], orphan["reviewer"], orphan["changes"]) == (medics, "alice", {"best": 15, "high": 15})
    history = json.loads(run("history", medics, "--format", "json", "--db", db))
    assert history["status"] == "orphaned" and len(history["reviews"]) == 1
    assert tallies(db)["civilian"]["reviewed"] == 0


def test_a_review_follows_its_figure_into_a_new_version_of_the_text(db: str):
    medics = claim_id(db, "harbour-sun", "14")
    run("review", medics, "--set", "count=16", "--as", "alice", "--db", db)
    with Ledger(db) as ledger:  # the page was updated above the story: every offset moves
        old = ledger.document("harbour-sun").document
        new = Document(old.doc_id, "UPDATED 11:05. " + old.text, old.published)
        ledger.replace_claims(old.doc_id, extract_document(new), RULESET, new.text)
    moved = claim_id(db, "harbour-sun", "14")
    assert moved != medics
    assert json.loads(run("history", moved, "--format", "json", "--db", db))["current"]["count"]["best"] == 16
    assert "no orphaned reviews" in run("review", "--orphans", "--db", db)


def test_same_figure_split_and_move_change_what_is_counted(db: str):
    medics, observatory = claim_id(db, "harbour-sun", "14"), claim_id(db, "harbour-observatory", "15")
    run("review", observatory, "--split", "--note", "another strike that day", "--as", "alice", "--db", db)
    assert len(tallies(db)["incidents"]) == 2
    run("review", observatory, "--move-to", medics, "--as", "alice", "--db", db)
    assert len(tallies(db)["incidents"]) == 1
    run("review", observatory, "--same-as", medics, "--note", "the same count, relayed", "--as", "bob", "--db", db)
    civilians = tallies(db)["civilian"]
    assert (civilians["low"], civilians["best"], len(civilians["sources"])) == (14, 14, 1)
    with Ledger(db, read_only=True) as ledger:
        aside = reconciled(ledger).set_aside[observatory][1]
    assert aside == f"the same figure as {medics}, said bob: the same count, relayed"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--set", "deaths=3"], 2, "FIELD one of count, low, best"),
    (["--set", "best=many"], 2, "best must be a whole number"),
    (["--set", "low=20"], 2, "low ≤ best ≤ high must hold"),
    (["--set", "place=Nowhere-on-earth"], 2, "no such place in the gazetteer"),
    (["--set", "outcome=exploded"], 2, "outcome must be one of killed"),
    (["--confirm", "--reject"], 0, None),  # the last flag of one group wins, as click does
    ([], 2, "give a CLAIM_ID and one of --confirm"),
])
def test_review_arguments_are_checked(db: str, args: list[str], code: int, message: str | None):
    medics = claim_id(db, "harbour-sun", "14")
    out = run("review", medics, *args, "--as", "alice", "--db", db, code=code)
    if message:
        assert message in out


def test_a_review_needs_a_reviewer_and_a_stored_claim(db: str):
    medics = claim_id(db, "harbour-sun", "14")
    assert "--as NAME" in run("review", medics, "--confirm", "--db", db, code=2)
    assert "no stored claim has this id" in run("review", "clm-nope", "--confirm", "--as", "a", "--db", db, code=1)
    assert "no stored claim, nor any review" in run("history", "clm-nope", "--db", db, code=1)


def test_users_add_prints_a_token_once_and_stores_only_its_hash(db: str):
    out = run("users", "add", "rana", "--role", "reviewer", "--db", db)
    token = out.strip().splitlines()[-1]
    assert token.startswith("tw_")
    assert "rana\treviewer" in run("users", "list", "--db", db)
    assert "already a user of this name" in run("users", "add", "rana", "--role", "admin", "--db", db, code=2)
    with Ledger(db, read_only=True) as ledger, ledger.engine.connect() as conn:
        [(stored,)] = conn.execute(select(users.c.token_hash)).all()
    assert token not in stored and stored.startswith("$argon2id$")
    from tollwatch.store.accounts import by_token

    with Ledger(db, read_only=True) as ledger:
        assert by_token(ledger, token).role == "reviewer"
        assert by_token(ledger, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    run("users", "remove", "rana", "--db", db)
    with Ledger(db, read_only=True) as ledger:
        assert by_token(ledger, token) is None


def test_the_latest_verdict_decides_and_corrections_accumulate():
    from tollwatch.review import current, new_review

    [claim] = [c for c in extract_document(Document("d", REPORTS[1]["text"], "2025-03-10")) if c.count.text == "15"]
    reviews = [new_review(claim, "reject", "alice", "wrong report"),
               new_review(claim, "split", "bob"),
               new_review(claim, "correct", "bob", changes={"best": 14, "low": 14})]
    assert current(claim, reviews[:2]).status == "rejected"
    assert current(claim, reviews[:2]).why_not == "rejected by alice: wrong report"  # not the later split's
    now = current(claim, reviews)
    assert (now.status, now.claim.count.best, now.counted) == ("corrected", 14, True)  # a correction lets it stand
    assert now.claim.evidence["review"]["extracted"] == {"incident": None, "best": 15, "low": 15}
    assert now.claim.count.text == "15" and now.claim.evidence["incident"] == f"split-{claim.claim_id}"
    assert current(claim, [*reviews, new_review(claim, "confirm", "carol")]).status == "corrected"


def test_the_database_itself_keeps_the_log_append_only(db: str):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    run("review", claim_id(db, "harbour-sun", "14"), "--confirm", "--as", "alice", "--db", db)
    with Ledger(db) as ledger:
        for statement in ("UPDATE reviews SET reviewer = 'mallory'", "DELETE FROM reviews"):
            with pytest.raises(DBAPIError, match="append-only"), ledger.engine.begin() as conn:
                conn.execute(text(statement))
        with ledger.engine.connect() as conn:
            assert conn.execute(text("SELECT reviewer FROM reviews")).scalars().all() == ["alice"]
