"""The server's view of the ledger: one Ledger, and the reconciliation of all its claims, kept
until the ledger changes.

Reconciling 100,000 claims takes seconds, so requests never reconcile: they filter the cached
result. The cache is keyed by the ledger's generation, a counter every write increments, read
with one cheap query per request, so an ingest or re-extraction (from the web or the command
line) shows up at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TypeVar

from tollwatch.errors import StoreError
from tollwatch.pipeline import reconciled
from tollwatch.reconcile import Incident, PlaceTree, Query, Reconciliation, Tally
from tollwatch.ledger import Ledger
from tollwatch.tables import rows


class LedgerState:
    def __init__(self, ledger: Ledger, places: PlaceTree | None = None) -> None:
        self.ledger = ledger
        self._places = places
        self._lock = threading.Lock()
        self._key: int | None = None
        self._result: Reconciliation | None = None

    @property
    def places(self) -> PlaceTree:
        if self._places is None:
            from tollwatch.reconcile import default_places

            self._places = default_places()
        return self._places

    def result(self) -> Reconciliation:
        key = self.ledger.generation()
        with self._lock:  # one reconciliation at a time; the others wait for it rather than repeat it
            if self._result is None or key != self._key:
                self._result = reconciled(self.ledger)
                self._key = key
                self._store(key, self._result)
            return self._result

    def _store(self, generation: int, result: Reconciliation) -> None:
        """Keep the ledger's reconciled tables current with what the server computed, when it may write."""
        if self.ledger.read_only or self.ledger.reconciled_generation() == generation:
            return
        try:
            self.ledger.replace_reconciled(generation, rows(result))
        except StoreError:
            pass  # a full or write-protected disk: the pages still show the figures; the tables wait

    def tallies(self, f: Query) -> list[Tally]:
        return _kept(self.result().tallies, f, self.places)

    def incidents(self, f: Query) -> list[Incident]:
        return _kept(self.result().incidents, f, self.places)


T = TypeVar("T", Tally, Incident)


def _kept(items: Iterable[T], f: Query, places: PlaceTree) -> list[T]:
    return [i for i in items if f.selects(i, places)]
