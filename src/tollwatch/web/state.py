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

from tollwatch.pipeline import reconciled
from tollwatch.reconcile import Incident, PlaceTree, Query, Reconciliation, Tally
from tollwatch.ledger import Ledger


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
            return self._result

    def tallies(self, f: Query) -> list[Tally]:
        return _kept(self.result().tallies, f, self.places)

    def incidents(self, f: Query) -> list[Incident]:
        return _kept(self.result().incidents, f, self.places)


T = TypeVar("T", Tally, Incident)


def _kept(items: Iterable[T], f: Query, places: PlaceTree) -> list[T]:
    return [i for i in items if f.selects(i, places)]
