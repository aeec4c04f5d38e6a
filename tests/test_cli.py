"""The command line as a user runs it: formats, exit statuses, bad inputs, examples."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollwatch.cli import main

REPORT = "The health ministry said on Friday that at least 27 people were killed, including eight children.\n"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    p = tmp_path / "report.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


def test_jsonl_has_every_contract_field(report: Path):
    result = run("extract", str(report), "--published", "2025-03-09", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert [c["count"]["text"] for c in claims] == ["at least 27", "eight"]
    fields = {"claim_id", "doc_id", "start", "end", "quote", "count", "outcome", "manner", "victims",
              "perpetrator", "location", "time", "source", "scope", "modality", "part_of", "parts",
              "confidence", "evidence"}
    assert fields <= set(claims[0])
    assert claims[0]["time"] == {"text": "on Friday", "start": "2025-03-07", "end": "2025-03-07"}
    assert claims[1]["part_of"] == claims[0]["claim_id"]
    assert REPORT[claims[0]["start"]:claims[0]["end"]] == "at least 27"


def test_claim_ids_are_stable(tmp_path: Path):
    """Same document and same span, same id: across processes (whatever Python's hash seed),
    across releases (the id is pinned here), and whatever else the document's text says."""
    dump = tmp_path / "docs.jsonl"
    dump.write_text(json.dumps({"id": "a1", "text": REPORT}) + "\n"
                    + json.dumps({"id": "a1-revised", "text": REPORT + "Two more bodies were found later.\n"}) + "\n")

    def ids(seed: str) -> list[tuple[str, str, int]]:
        proc = subprocess.run([sys.executable, "-m", "tollwatch", "extract", str(dump), "--format", "jsonl"],
                              capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        return [(c["claim_id"], c["doc_id"], c["start"]) for c in map(json.loads, proc.stdout.splitlines())]

    first = ids("1")
    assert first == ids("2")
    assert first[0] == ("clm-00577e51deeaab5c", "a1", 40)  # "at least 27" at 40..51 of document a1
    by_doc = {doc: [(i, start) for i, d, start in first if d == doc] for doc in ("a1", "a1-revised")}
    assert by_doc["a1"][1][1] == by_doc["a1-revised"][1][1]  # the same span in the revised text ...
    assert by_doc["a1"][1][0] != by_doc["a1-revised"][1][0]  # ... of another document: another id


def test_csv_and_table(report: Path):
    rows = list(csv.DictReader(io.StringIO(run("extract", str(report), "--format", "csv").stdout)))
    assert rows[0]["low"] == "27" and rows[0]["high"] == "" and rows[0]["source_name"] == "health ministry"
    table = run("extract", str(report)).stdout
    assert "at least 27" in table and "27..∞" in table and "health ministry" in table


def test_stdin_and_jsonl_documents(tmp_path: Path):
    assert "eight" in run("extract", "-", "--format", "jsonl", stdin=REPORT).stdout
    dump = tmp_path / "docs.jsonl"
    dump.write_text(json.dumps({"id": "a1", "text": REPORT, "published": "2025-03-09"}) + "\n"
                    + "{not json\n"
                    + json.dumps({"id": "a2", "text": "Five soldiers died on Monday."}) + "\n", encoding="utf-8")
    result = run("extract", str(dump), "--format", "jsonl")
    assert result.exit_code == 1
    docs = [json.loads(line)["doc_id"] for line in result.stdout.splitlines()]
    assert docs == ["a1", "a1", "a2"]
    assert f"{dump}:2: not valid JSON" in result.stderr


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path: Path, report: Path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Cinq civils tués à Alep".encode("latin-1"))
    result = run("extract", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
                 str(tmp_path / "latin1.txt"), str(tmp_path / "missing.txt"), str(report), "--format", "jsonl")
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4
    assert "empty.txt: empty file" in errors[0]
    assert "binary.txt: binary file" in errors[1]
    assert "latin1.txt: not UTF-8" in errors[2]
    assert "missing.txt: no such file" in errors[3]
    assert len(result.stdout.splitlines()) == 2  # the good report still came through


def test_folder_and_html(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(REPORT)
    (tmp_path / "page.html").write_text(
        "<html><head><title>Strike kills 12</title></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Strike kills 12</h1><p>" + "An airstrike killed 12 civilians in the town on Tuesday, "
        "medics said. " * 3 + "</p><p>Rescue teams searched the rubble through the night.</p></article>"
        "<footer>Leave a Reply. Similar Posts</footer></body></html>")
    result = run("extract", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    outcomes = [json.loads(line)["count"]["text"] for line in result.stdout.splitlines()]
    assert "12" in outcomes and "at least 27" in outcomes


def test_usage_errors_exit_2():
    assert run("extract").exit_code == 2
    assert run("extract", "x.txt", "--published", "not a date").exit_code == 2
    assert run("extract", "x.txt", "--format", "xml").exit_code == 2


def test_unreachable_url_is_one_error_line():
    result = run("extract", "http://tollwatch-test.invalid/report", "--format", "jsonl")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "http://tollwatch-test.invalid/report" in result.stderr


def test_examples_run_as_a_newcomer_would():
    proc = subprocess.run([sys.executable, "-m", "tollwatch", "extract", "--examples"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "count" in proc.stdout.splitlines()[0] and "Coastal Rights Observatory" in proc.stdout


def test_readme_main_job_on_the_examples(tmp_path: Path):
    db = str(tmp_path / "examples.db")
    for args in (["ingest", "--examples", "--db", db], ["tally", "--db", db]):
        proc = subprocess.run([sys.executable, "-m", "tollwatch", *args], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
    # the monitor's 310, broken down as 182 civilians and 128 fighters, is checked and reconciled
    assert "310 − 182 = 128" in proc.stdout and re.search(r"\blow\s+best\s+high\b", proc.stdout)
    # and the transcript the README shows is what the command prints
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"On the built-in examples.*?```\n(.*?)```", readme, re.S).group(1)
    for line in filter(None, shown.splitlines()):
        assert line in proc.stdout.splitlines(), line
