"""The ledger as the library's users hold it: storage (tollwatch.store.Ledger) with the pipeline's
verbs, so documents go in as records, in the manner of sqlite-utils' `insert_all`:

    from tollwatch import Document, Ledger

    with Ledger("ledger.db") as ledger:
        summary = ledger.add_documents([Document("d1", "Shelling killed 12 civilians in Kharkiv.")])
        result = ledger.reconcile()

The command line and the web server both store documents through `add_documents`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tollwatch import store
from tollwatch.ingest.files import Item, Unread
from tollwatch.pipeline import Report, load_extracted, reconciled, store_documents
from tollwatch.reconcile import Query, Reconciliation

__all__ = ["Ledger"]


class Ledger(store.Ledger):
    def add_documents(self, documents: Iterable[Item | Unread], report: Report | None = None,
                      inputs: Sequence[str] = ("(documents)",), refresh_tables: bool = True,
                      jobs: int = 1) -> store.RunSummary:
        """Extract and store each document once, as one ingest run over `inputs` (what the run
        record names as its source), then refresh the reconciled tables (a whole reconciliation:
        pass refresh_tables=False to leave that for later). An InputError among the documents (a
        reader's failure) is recorded with the run; `report` hears of every outcome. With `jobs` > 1,
        that many worker processes extract (and read pages given as Unread) while this one stores,
        in the same order and with the same result."""
        return store_documents(inputs, documents, self, report, refresh_tables, jobs)

    def add_extracted(self, directory: str, report: Report | None = None,
                      refresh_tables: bool = True) -> store.RunSummary:
        """Store what `extract --engine dask` wrote under `directory` (a folder or fsspec URL): its
        documents with their claims, not extracted again, as one run. Raises InvalidValue when the
        folder holds no such output."""
        return load_extracted(directory, self, report, refresh_tables)

    def reconcile(self, query: Query | None = None) -> Reconciliation:
        """The stored claims (those `query` keeps) reconciled into tallies, incidents, checks and
        discrepancies."""
        return reconciled(self, query)
