"""Each layer uses only those below it, and other modules use reconcile only through its public
names; the library takes documents as records (Ledger.add_documents)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tollwatch
from tollwatch import Document, Ledger
from tollwatch.errors import MalformedRecord

PACKAGE = Path(tollwatch.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


ABOVE_STORE = ("tollwatch.ingest", "tollwatch.extract", "tollwatch.reconcile", "tollwatch.pipeline",
               "tollwatch.ledger", "tollwatch.web", "tollwatch.cli", "tollwatch.export", "tollwatch.layouts")


@pytest.mark.parametrize("path", sorted((PACKAGE / "store").rglob("*.py")), ids=lambda p: p.name)
def test_the_store_imports_nothing_above_it(path: Path) -> None:
    assert not {m for m in _imports(path) if m.startswith(ABOVE_STORE)}


def test_claim_output_does_not_need_reconciliation() -> None:
    assert not {m for m in _imports(PACKAGE / "output.py") if m.startswith("tollwatch.reconcile")}


def test_only_reconcile_reaches_into_its_modules() -> None:
    outside = [p for p in PACKAGE.rglob("*.py") if "reconcile" not in p.relative_to(PACKAGE).parts]
    reached = {(p.name, m) for p in outside for m in _imports(p) if m.startswith("tollwatch.reconcile.")}
    assert not reached


def test_add_documents_takes_records_and_refreshes_the_tables(db_url: str) -> None:
    docs = [Document("a", "Shelling killed 12 civilians in Kharkiv on Monday, officials said.", "2025-06-02"),
            Document("b", "Gunmen killed 4 villagers in Kaduna on Tuesday, police said.", "2025-06-04"),
            MalformedRecord("upload.jsonl:3", "not JSON")]
    heard: list[object] = []
    with Ledger(db_url) as ledger:  # SQLite, and PostgreSQL when TOLLWATCH_TEST_PG names one
        summary = ledger.add_documents(docs, heard.append)
        assert (summary.new_documents, summary.claims, summary.failures) == (2, 2, 1)
        assert len(heard) == 3
        assert sorted(t.best for t in ledger.reconcile().tallies if t.victims.category != "all") == [4, 12]
        assert ledger.reconciled_generation() == ledger.generation()
        again = ledger.add_documents(docs[:1])
        assert (again.new_documents, again.duplicates) == (0, 1)
