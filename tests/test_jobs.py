"""`--jobs N`: worker processes read and extract, and the output is what one job gives, in order."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollwatch.cli import main
from tollwatch.errors import MalformedRecord
from tollwatch.ledger import Ledger
from tollwatch.synth import generate
from tollwatch.workers import BATCH, job_count

PAGES = Path(__file__).parent / "pages"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of reports: a JSONL dump longer than a few batches, with a bad line and an empty
    record among them, three web pages, a text file and an unreadable one."""
    folder = tmp_path_factory.mktemp("reports")
    lines = [json.dumps(record) for record, _ in generate(3 * BATCH + 3, seed=4)]
    lines[7] = "{not json"
    lines[12] = json.dumps({"id": "empty", "text": "  "})
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for page in PAGES.glob("*.html"):
        shutil.copy(page, folder / page.name)
    (folder / "note.txt").write_text("Gunmen killed three villagers near Goma on Monday, officials said.\n",
                                     encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "events"])
def test_extract_gives_the_same_output_in_the_same_order(inputs: Path, fmt: str):
    one = run("extract", str(inputs), "--format", fmt, "--jobs", "1")
    two = run("extract", str(inputs), "--format", fmt, "--jobs", "2")
    assert one == two
    status, out, err = two
    assert status == 1  # the binary file and the broken line are failures, named on standard error
    assert "binary.txt" in err and "dump.jsonl:8" in err
    docs = [json.loads(line)["doc_id"] for line in out.splitlines()]
    assert len(set(docs)) > 3 * BATCH  # every report, from the dump, the pages and the text file


def test_ingest_stores_the_same_ledger(inputs: Path, tmp_path: Path):
    def ingest(jobs: str) -> tuple[str, list[tuple[str, ...]], list[str]]:
        db = tmp_path / f"jobs-{jobs}.db"
        status, out, _ = run("ingest", str(inputs), "--db", str(db), "--jobs", jobs, "--no-refresh")
        assert status == 1
        with Ledger(str(db), read_only=True) as ledger:
            docs = [(d.document.doc_id, d.document.text) for d in ledger.documents()]
            claims = [c.claim_id for c in ledger.claims()]
        return out.split(": ", 1)[1], docs, claims

    serial, parallel = ingest("1"), ingest("2")
    assert serial == parallel
    assert "2 duplicates skipped" not in serial[0] and "claims stored" in serial[0]
    assert len(serial[2]) > 2 * 3 * BATCH


def test_job_count():
    assert job_count(3) == 3
    assert job_count(0) >= 1
    with pytest.raises(ValueError):
        job_count(-1)


def test_an_input_error_crosses_a_process_boundary():
    import pickle

    e = pickle.loads(pickle.dumps(MalformedRecord("dump.jsonl:3", "not valid JSON")))
    assert isinstance(e, MalformedRecord) and e.origin == "dump.jsonl:3" and str(e) == "dump.jsonl:3: not valid JSON"


def test_workers_read_only_a_few_batches_ahead():
    """Memory stays flat: an endless input is read a bounded distance ahead of what is consumed."""
    from itertools import count, islice

    from tollwatch.models import Document
    from tollwatch.workers import AHEAD, extracted

    read = 0

    def endless():
        nonlocal read
        for i in count():
            read += 1
            yield Document(f"d{i}", f"{i % 7 + 2} people were killed in Goma.")

    got = [doc.doc_id for doc, _ in islice(extracted(endless(), jobs=2, normalise=False), 3)]
    assert got == ["d0", "d1", "d2"]
    assert read <= (2 * AHEAD + 1) * BATCH
