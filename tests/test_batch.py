"""One bad document never aborts a batch: each is one error line naming it, recorded with the
run; the rest are stored; the exit status is 1. Run through the command line, as users do."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

import tollwatch.store.ledger as ledger_module
from tollwatch.cli import main
from tollwatch.extract import extract
from tollwatch.store import Ledger
from tollwatch.store.schema import ingest_errors, ingest_runs

GOOD = "At least 12 civilians were killed in shelling on the town of Qamar on Friday, medics said.\n"
OTHER = "Gunmen abducted 23 students from a school near the town of Birni on Monday, police said.\n"


def ingest(db: Path, *inputs: Path | str) -> Any:
    return CliRunner().invoke(main, ["ingest", "--db", str(db), *map(str, inputs)])


def recorded_errors(db: Path) -> list[tuple[str, str]]:
    """(origin, message) of every error the ledger recorded with its runs."""
    with Ledger(str(db), read_only=True) as ledger, ledger.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(ingest_errors.c.origin, ingest_errors.c.message)
                                               .order_by(ingest_errors.c.error_id))]


def stored_texts(db: Path) -> list[str]:
    with Ledger(str(db), read_only=True) as ledger:
        return sorted(d.document.text for d in ledger.documents())


def assert_failed_cleanly(result: Any) -> None:
    """Exit status 1 from the command itself: a crash inside CliRunner also reads exit code 1."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def jsonl(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_each_bad_document_is_one_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    overflow = tmp_path / "overflow.txt"
    overflow.write_text("At least 99999999999999999999 people were killed in the town, officials said.\n")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    dump = jsonl(tmp_path / "dump.jsonl",
                 json.dumps({"id": "url", "text": "Three people were killed.", "url": 5}),
                 json.dumps({"id": "title", "text": "Four people were killed.", "title": ["a list"]}),
                 r'{"id": "surrogate", "text": "Six people were killed \ud800 in the raid."}',
                 json.dumps({"id": "empty", "text": ""}),
                 json.dumps({"id": "ok", "text": OTHER}))
    db = tmp_path / "ledger.db"
    result = ingest(db, overflow, dump, good)
    assert_failed_cleanly(result)
    errors = result.stderr.splitlines()
    assert errors == [
        f"error: {overflow}: states a figure too large to store ('At least 99999999999999999999' at character 0); "
        "the ledger holds figures up to 9,223,372,036,854,775,807",
        f'error: {dump}:1: "url" must be a string, not a number',
        f'error: {dump}:2: "title" must be a string, not a list',
        f'error: {dump}:3: "text" holds a lone surrogate (not Unicode text), U+D800, at character 23; '
        "fix the export that wrote it",
        f'skipped: {dump}:4: "text" is empty: there is no report to read',  # recorded, but no failure
    ]
    assert "2 new documents" in result.stdout and "4 failures" in result.stdout
    assert stored_texts(db) == sorted([GOOD, OTHER])
    assert [origin for origin, _ in recorded_errors(db)] == \
        [str(overflow), f"{dump}:1", f"{dump}:2", f"{dump}:3", f"{dump}:4"]
    with Ledger(str(db), read_only=True) as ledger, ledger.engine.connect() as conn:
        [(finished, failures)] = conn.execute(select(ingest_runs.c.finished_at, ingest_runs.c.failures)).all()
    assert finished is not None and failures == 4


def _full_after(pages: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the ledger's 'disk' hold `pages` pages of 4 KiB, as a full disk would."""
    original = ledger_module._sqlite_pragmas

    def pragmas(dbapi_connection: Any, record: Any) -> None:
        original(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(ledger_module, "_sqlite_pragmas", pragmas)


def test_a_full_disk_fails_the_documents_that_do_not_fit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, big, last = tmp_path / "1.txt", tmp_path / "2-big.txt", tmp_path / "3.txt"
    first.write_text(GOOD)
    big.write_text("".join(f"Some {n} people were killed in the village, medics said.\n" for n in range(20, 9000)))
    last.write_text(OTHER)
    _full_after(64, monkeypatch)  # room for the schema and a few small documents
    result = ingest(tmp_path / "ledger.db", first, big, last)
    assert_failed_cleanly(result)
    [error] = result.stderr.splitlines()
    assert error.startswith(f"error: {big}: sqlite:///{tmp_path / 'ledger.db'}: the disk is full")
    assert "free some space and run the command again" in error
    monkeypatch.undo()
    assert stored_texts(tmp_path / "ledger.db") == sorted([GOOD, OTHER])
    assert [origin for origin, _ in recorded_errors(tmp_path / "ledger.db")] == [str(big)]


def test_a_read_only_ledger_is_one_error_before_anything_is_read(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "ledger.db"
    report = tmp_path / "report.txt"
    report.write_text(GOOD)
    assert ingest(db, report).exit_code == 0
    original = ledger_module._sqlite_pragmas

    def read_only(dbapi_connection: Any, record: Any) -> None:  # what a write-protected file does
        original(dbapi_connection, record)
        dbapi_connection.execute("PRAGMA query_only = ON")

    monkeypatch.setattr(ledger_module, "_sqlite_pragmas", read_only)
    (tmp_path / "new.txt").write_text(OTHER)
    result = ingest(db, tmp_path / "new.txt")
    assert_failed_cleanly(result)
    [error] = result.stderr.splitlines()
    assert error.startswith(f"Error: sqlite:///{db}: ") and "cannot be written" in error
    assert "writing needs write access to the database file and its folder" in error


def test_two_ingests_of_the_same_inputs_at_once(tmp_path: Path) -> None:
    from tollwatch.synth import generate

    dump = jsonl(tmp_path / "docs.jsonl", *(json.dumps(record) for record, _ in generate(120, seed=5)))
    db = tmp_path / "shared.db"  # new: both processes also create its tables at once
    command = [sys.executable, "-m", "tollwatch", "ingest", "--db", str(db), str(dump)]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outputs):
        assert p.returncode == 0, err[-3000:]
        assert "Traceback" not in err
    with Ledger(str(db), read_only=True) as ledger, ledger.engine.connect() as conn:
        runs = conn.execute(select(ingest_runs.c.new_documents, ingest_runs.c.duplicates,
                                   ingest_runs.c.finished_at)).all()
        assert ledger.stats()["documents"] == 120
    # every document was stored by exactly one of the two; the other counted it a duplicate
    assert sum(r.new_documents for r in runs) == 120 and sum(r.duplicates for r in runs) == 120
    assert all(r.finished_at is not None for r in runs)


def test_utf16_and_utf8_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    texts = {"utf-16": GOOD, "utf-16-be": OTHER, "utf-8-sig": "Five soldiers were killed in Homs.\n"}
    paths = []
    for encoding, text in texts.items():
        path = tmp_path / f"{encoding}.txt"
        bom = b"\xfe\xff" if encoding == "utf-16-be" else b""
        path.write_bytes(bom + text.encode(encoding))
        paths.append(str(path))
    result = CliRunner().invoke(main, ["extract", *paths, "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    # offsets count in the decoded text, the mark dropped as it is from UTF-8
    assert [(c["count"]["text"], c["start"]) for c in claims] == [("At least 12", 0), ("23", 16), ("Five", 0)]
    assert [c["count"]["text"] for c in claims] == [c.count.text for t in texts.values() for c in extract(t)]


def test_utf16_jsonl_and_broken_utf16_are_clear_errors(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_bytes(json.dumps({"text": GOOD}).encode("utf-16"))
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe" + "Five".encode("utf-16-le") + b"\x00\xd8" + "x".encode("utf-16-le"))  # lone surrogate
    result = CliRunner().invoke(main, ["extract", str(dump), str(broken)])
    assert_failed_cleanly(result)
    assert result.stderr.splitlines() == [
        f"error: {dump}: JSONL must be UTF-8, and this file is UTF-16 or UTF-32 (it starts with that byte-order "
        "mark); convert it, e.g. iconv -f UTF-16 -t UTF-8",
        f"error: {broken}: not valid UTF-16 text although it starts with its byte-order mark (illegal UTF-16 "
        "surrogate at byte 10); convert it to UTF-8",
    ]


def test_sizes_over_the_limit_are_stated_exactly(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(52_428_801)  # sparse: one byte over the limit, without writing 50 MB
    result = CliRunner().invoke(main, ["extract", str(huge)])
    assert_failed_cleanly(result)
    assert result.stderr == f"error: {huge}: file is 52,428,801 bytes, over the 52,428,800-byte limit; split it\n"


def test_devices_and_pipes_are_refused_not_read() -> None:
    # in a process of its own with capped memory: a regression would read /dev/zero without end
    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    proc = subprocess.run([sys.executable, "-m", "tollwatch", "extract", "/dev/zero"], capture_output=True,
                          text=True, timeout=60, preexec_fn=cap_memory)
    assert proc.returncode == 1
    assert proc.stderr == "error: /dev/zero: not a regular file (a device, pipe or socket); give a .txt, " \
                          ".html or .jsonl file\n"


def test_a_dump_whose_only_problem_is_empty_records_exits_0(tmp_path: Path) -> None:
    """Crawled dumps carry records with no text: they are skipped with a notice, nothing is lost,
    and scripts that check the exit status still run (as on real crawls)."""
    dump = jsonl(tmp_path / "dump.jsonl", json.dumps({"id": "blank", "text": "  \n"}),
                 json.dumps({"id": "ok", "text": OTHER}))
    result = ingest(tmp_path / "ledger.db", dump)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f'skipped: {dump}:1: "text" is empty: there is no report to read']
    assert stored_texts(tmp_path / "ledger.db") == [OTHER]


def test_publication_dates_at_the_ends_of_the_calendar(tmp_path: Path) -> None:
    """'on Friday' before 1 January of year 1 (found by the fuzz test) reads as an unresolved time."""
    dump = jsonl(tmp_path / "dump.jsonl",
                 json.dumps({"id": "first", "text": GOOD, "published": "0001-01-01"}),
                 json.dumps({"id": "last", "text": OTHER, "published": "9999-12-31"}))
    db = tmp_path / "ledger.db"
    result = ingest(db, dump)
    assert result.exit_code == 0, result.output
    assert stored_texts(db) == sorted([GOOD, OTHER])
    assert CliRunner().invoke(main, ["tally", "--db", str(db)]).exit_code == 0
