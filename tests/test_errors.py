"""One error tree: every failure a user can cause is a TollwatchError whose message names the
value and says what to do, and the command line prints it as one line."""

from __future__ import annotations

import ast
import builtins
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import tollwatch.errors as errors
from tollwatch import export
from tollwatch.cli import main
from tollwatch.errors import ConflictingRecord, InvalidValue, TollwatchError
from tollwatch.extract import RULESET, extract
from tollwatch.models import Document
from tollwatch.reconcile import Query, reconcile
from tollwatch.store import Ledger

REPORT = "At least 12 civilians were killed in shelling on the town of Qamar on Friday, medics said."


def test_a_bad_publication_date() -> None:
    with pytest.raises(InvalidValue, match=r"not a date: 'bad' \(write it as YYYY-MM-DD\)"):
        extract(REPORT, published="bad")


def test_an_unknown_grouping() -> None:
    with pytest.raises(InvalidValue, match="cannot split tallies by 'week': give one of place, day, source"):
        reconcile([], {}, Query(by="week"))


def test_an_unknown_export_format_or_schema(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match="no export format 'xml': give one of csv, json, geojson, parquet"):
        export.write([], "native", "xml", tmp_path / "x.xml")
    with pytest.raises(InvalidValue, match="no export schema 'gdelt': give one of native, acled, ucdp"):
        export.write([], "gdelt", "csv", tmp_path / "x.csv")
    with pytest.raises(TollwatchError, match=r"no-such-folder/x.csv: cannot write \(No such file or directory\); "
                                             "check that its folder exists and is writable"):
        export.write([], "native", "csv", tmp_path / "no-such-folder" / "x.csv")


def test_invalid_values_are_still_value_errors() -> None:
    with pytest.raises(ValueError):  # callers written before the error tree keep working
        extract(REPORT, published="bad")


def test_replacing_claims_that_conflict_is_a_tollwatch_error(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        doc = Document("d1", REPORT)
        [claim] = extract(REPORT, doc_id="d1")
        ledger.add(doc, [claim], RULESET)
        # the same claim twice: the database refuses the second (a unique claim id)
        with pytest.raises(ConflictingRecord, match="d1: its claims could not be replaced .*keeps its old claims"):
            ledger.replace_claims("d1", [claim, replace(claim)], RULESET)
        assert [c.claim_id for c in ledger.claims()] == [claim.claim_id]


def test_the_tree_in_the_docstring_names_every_error() -> None:
    drawn = set(re.findall(r"[├└]── (\w+)", errors.__doc__ or ""))
    defined = {name for name, value in vars(errors).items()
               if isinstance(value, type) and issubclass(value, TollwatchError) and value is not TollwatchError}
    assert drawn == defined
    # and the library raises no bare ValueError, OSError... for a user to meet
    raised: set[str] = set()
    for path in (Path(errors.__file__).parent).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name):
                raised.add(node.exc.func.id)
    builtin = {name for name in raised if hasattr(builtins, name)}
    assert builtin == {"AssertionError", "AttributeError"}, builtin  # reached only by a bug, or Python's protocol


def test_the_command_line_prints_a_library_error_on_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "ledger.db")
    (tmp_path / "r.txt").write_text(REPORT)
    assert CliRunner().invoke(main, ["ingest", "--db", db, str(tmp_path / "r.txt")]).exit_code == 0
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", "-o",
                                       str(tmp_path / "missing" / "x.csv")])
    assert (result.exit_code, result.exception.__class__) == (1, SystemExit)
    assert result.stderr == (f"Error: {tmp_path}/missing/x.csv: cannot write (No such file or directory); "
                             "check that its folder exists and is writable\n")

    def bad_value(*args: object, **kwargs: object) -> None:
        raise InvalidValue("cannot split tallies by 'week': give one of place, day, source")

    monkeypatch.setattr("tollwatch.pipeline.reconciled", bad_value)  # a value the library refuses: exit 2
    result = CliRunner().invoke(main, ["tally", "--db", db])
    assert (result.exit_code, result.stderr) == \
        (2, "Error: cannot split tallies by 'week': give one of place, day, source\n")


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_a_document_extraction_fails_on_is_one_error_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """A bug met on one document is reported for that document; the others are read and stored."""
    from tollwatch.extract import extract_document as real_extract

    def fails_on_one(doc: Document, *args: object, **kwargs: object) -> object:
        if "BREAKS" in doc.text:
            raise KeyError(1579)
        return real_extract(doc, *args, **kwargs)

    monkeypatch.setattr("tollwatch.pipeline.extract_document", fails_on_one)
    monkeypatch.setattr("tollwatch.workers.extract_document", fails_on_one)
    paths = []
    for name, text in (("a", REPORT), ("b", "This report BREAKS the rules: two people were killed."),
                       ("c", "Three people were wounded in Tartus on Monday, officials said.")):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text(text + "\n")
    db = str(tmp_path / "ledger.db")
    args = ["ingest", "--db", db] if command == "ingest" else ["extract", "--format", "jsonl"]
    result = CliRunner().invoke(main, [*args, *map(str, paths)])
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if "b.txt" in line]
    assert len(failed) == 1 and "extraction failed (KeyError: 1579)" in failed[0] and "report it" in failed[0]
    if command == "ingest":
        with Ledger(db) as ledger:
            assert len(list(ledger.documents())) == 2
    else:
        assert "Tartus" in result.stdout and "BREAKS" not in result.stdout

