"""Reconciling as the ledger changes, redoing only what changed.

A reconciliation is built from one part per document (reconcile.read_document: its figures,
breakdown checks, claims set aside) combined across documents. Here the combination stands in
memory (reconcile.standing), with the reviews applied to each document's claims; when the
ledger's generation moves, only the documents touched since (`documents.touched`: new ones,
versions superseded, re-extracted, retitled or reviewed) are read again, and only the groups of
figures they join are reduced again. The result equals a whole reconciliation of the ledger
(tests/test_incremental.py checks it over random ingest orders).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import groupby
from operator import attrgetter

from tollwatch.models import Claim, DocumentInfo
from tollwatch.reconcile import (DocumentPart, Identified, PlaceTree, Reconciliation, Standing, default_identified,
                                 default_places, read_document)
from tollwatch.review import ReviewBook, Reviewed, with_reviews
from tollwatch.store import Ledger


PACE_ABOVE = 0.25  # seconds an update may take before updates under a stream of writes are paced
PACE = 3.0  # then the next waits this many times as long as the last took (requests keep the rest of the time)


class Incremental:
    """The whole ledger's reconciliation (reviewed values, every figure), kept current."""

    def __init__(self, ledger: Ledger, places: PlaceTree | None = None, identified: Identified | None = None) -> None:
        self.ledger = ledger
        self._places = places
        self._identified = identified
        self._standing: Standing | None = None
        self._changed: dict[str, DocumentPart | None] = {}  # documents' parts since the last update (None: gone)
        self._checked: dict[str, dict[str, Reviewed]] = {}
        self._aside: dict[str, dict[str, tuple[Claim, str]]] = {}
        self._generation = -1  # the ledger's generation the result was made from
        self._result: Reconciliation | None = None
        self._lock = threading.Lock()
        self.redone = 0  # documents read again by the last update (for tests and benchmarks)
        self._paced_until = 0.0  # before then, a request not willing to wait gets the result before

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def places(self) -> PlaceTree:
        if self._places is None:
            self._places = default_places()
        return self._places

    def result(self, wait: bool = True) -> Reconciliation:
        """The current reconciliation. Without `wait`, while another thread is bringing it up to date,
        the one before (a generation behind, whole and consistent) rather than waiting for it; and
        under a stream of writes, the one before until PACE times as long has passed since the last
        update as that update took, so that updating takes at most a quarter of the process's time
        and requests keep the rest (a small ledger, updated in a blink, is never paced)."""
        if not wait and self._result is not None and time.monotonic() < self._paced_until:
            return self._result
        if not self._lock.acquire(blocking=wait or self._result is None):
            assert self._result is not None
            return self._result
        try:
            return self._current()
        finally:
            self._lock.release()

    def _current(self) -> Reconciliation:
        generation = self.ledger.generation()  # read first: a write landing meanwhile is redone next time
        if self._result is not None and generation == self._generation:
            return self._result
        started = time.monotonic() if self._result is not None else None  # updates are paced, not the load
        if self._result is None:
            self._load()
        else:
            self._update(self.ledger.touched_since(self._generation))
        self._generation = generation
        if self._standing is None:
            self._standing = Standing(self.places)
        with _collector_paused():
            combined = self._standing.update(self._changed)
        self._changed = {}
        checked = {k: v for doc in sorted(self._checked) for k, v in self._checked[doc].items()}
        aside = {k: v for doc in sorted(self._aside) for k, v in self._aside[doc].items()}
        if self._result is None:
            # the ledger's parts and groups live as long as the process: a full cyclic collection
            # scanning those millions of objects held the interpreter for seconds at random updates
            gc.collect()
            gc.freeze()
        self._result = with_reviews(combined, checked, aside) if checked or aside else combined
        took = time.monotonic() - started if started is not None else 0.0
        self._paced_until = time.monotonic() + PACE * took if took > PACE_ABOVE else 0.0
        return self._result

    def _load(self) -> None:
        from tollwatch.store import reviews

        book = reviews.book(self.ledger)
        infos = self.ledger.document_infos()
        for batch in (list(same) for _, same in groupby(self.ledger.claims(), key=attrgetter("doc_id"))):
            self._read(batch, infos.get(batch[0].doc_id) or DocumentInfo(batch[0].doc_id), book)
        self.redone = len(self._changed)

    def _update(self, touched: Iterable[tuple[str, str | None]]) -> None:
        from tollwatch.store import reviews

        touched = list(touched)
        current = [doc_id for doc_id, superseded_by in touched if superseded_by is None]
        for doc_id, _ in touched:
            self._drop(doc_id)
        infos = self.ledger.document_infos(current) if current else {}
        for doc_id in current:
            batch = list(self.ledger.claims(doc_id))
            if batch:
                book = ReviewBook(reviews.read(self.ledger, doc_id))
                self._read(batch, infos.get(doc_id) or DocumentInfo(doc_id), book)
        self.redone = len(current)

    def _read(self, batch: list[Claim], info: DocumentInfo, book: ReviewBook) -> None:
        """One document's claims at their reviewed values, as its part; those reviewers set aside apart."""
        doc_id = batch[0].doc_id
        counted: list[Claim] = []
        checked: dict[str, Reviewed] = {}
        aside: dict[str, tuple[Claim, str]] = {}
        for r in book.current(batch):
            if r.reviews:
                checked[r.claim.claim_id] = r
            if r.counted:
                counted.append(r.claim)
            else:
                aside[r.claim.claim_id] = (r.claim, r.why_not)
        if counted:
            self._changed[doc_id] = read_document(counted, info, self._identified or self._default_identified())
        if checked:
            self._checked[doc_id] = checked
        if aside:
            self._aside[doc_id] = aside

    def _default_identified(self) -> Identified:
        self._identified = default_identified()
        return self._identified

    def _drop(self, doc_id: str) -> None:
        self._changed[doc_id] = None
        self._checked.pop(doc_id, None)
        self._aside.pop(doc_id, None)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Combining makes many small lists and tuples beside a heap of a few million long-lived
    objects (the parts); a full cyclic collection triggered in the middle scans them all, which
    took seconds on 100,000 claims. Collection waits until combining is done, then runs as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
