"""The server's view of the ledger: one Ledger, and the reconciliation of all its claims, kept
current as the ledger changes.

Reconciling 100,000 claims whole takes seconds, so requests never do: they filter a result kept
in memory (tollwatch.incremental), which a change to the ledger updates by redoing only the
documents touched since; meanwhile other requests answer from the result before. What a filter
keeps, and each API answer's JSON, is worked out once per result (`memo`), by one request while
the others asking for it wait. The ledger's generation, a counter every write increments, is read
with one cheap query per request, so an ingest or re-extraction (from the web or the command
line) shows up at once; under a stream of writes to a big ledger, within a few seconds: updates
are then paced (tollwatch.incremental), and so are the writes of the ledger's reconciled tables,
which are made from the same result in the background, so that no request waits for them and
catching up never takes most of the server's time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from tollwatch.errors import StoreError
from tollwatch.incremental import PACE_ABOVE, Incremental
from tollwatch.reconcile import Incident, PlaceTree, Query, Reconciliation, Tally
from tollwatch.ledger import Ledger
from tollwatch.tables import Writer

MEMO_SIZE = 512  # filters remembered per result: bounded, whatever the requests ask
MEMO_WAIT = 10.0  # seconds a request waits for another working out the same answer


class LedgerState:
    def __init__(self, ledger: Ledger, places: PlaceTree | None = None,
                 after_write: Callable[[], object] | None = None) -> None:
        self.ledger = ledger
        self._after_write = after_write  # alerts, checked against the tables just written
        self._live = Incremental(ledger, places)
        self._storing = threading.Lock()
        self._stored = -2  # the generation last written to the reconciled tables (-1 means never, in the ledger)
        self._writer: threading.Thread | None = None
        self._write_after = 0.0  # under a stream of writes, the next write of the tables waits till then
        self._tables = Writer(ledger)
        self._memo_lock = threading.Lock()
        self._memo_of: Reconciliation | None = None
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._making: dict[tuple[Any, ...], threading.Event] = {}  # keys being worked out, for this result

    @property
    def places(self) -> PlaceTree:
        return self._live.places

    def result(self) -> Reconciliation:
        # while one request brings the reconciliation up to date after a write, the others answer
        # from the one before rather than queue behind it
        result = self._live.result(wait=False)
        generation = self._live.generation
        if generation != self._stored and not self.ledger.read_only and time.monotonic() >= self._write_after \
                and self._storing.acquire(blocking=False):
            self._writer = threading.Thread(target=self._store, args=(generation, result), daemon=True)
            self._writer.start()
        return result

    def follow(self, every: float = 1.0) -> threading.Event:
        """Bring the reconciliation (and the tables, and so the alerts) up to date every `every`
        seconds, requests or none, until the returned event is set."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(every):
                try:
                    self.result()
                except StoreError:
                    pass  # the database refuses just now; the next turn tries again

        threading.Thread(target=loop, daemon=True, name="tollwatch-follow").start()
        return stop

    def settle(self, timeout: float = 30.0) -> None:
        """Wait for the tables being written in the background, if any (tests, shutdown)."""
        if self._writer is not None:
            self._writer.join(timeout)

    def _store(self, generation: int, result: Reconciliation) -> None:
        """Keep the ledger's reconciled tables current with what the server computed (tables.Writer:
        only the rows that changed since the server last wrote them)."""
        started = time.monotonic()
        try:
            self._tables.write(generation, result)
            self._stored = generation
            if self._after_write is not None:
                self._after_write()
        except StoreError:
            pass  # a full or write-protected disk: the pages still show the figures; the tables wait
        finally:
            # under a stream of writes, the tables (and the alerts read from them) follow at most every
            # few seconds, so writing them takes at most a third of the server's time
            took = time.monotonic() - started
            self._write_after = time.monotonic() + 2 * took if took > PACE_ABOVE else 0.0
            self._storing.release()

    def tallies(self, f: Query) -> list[Tally]:
        result = self.result()
        found: list[Tally] = self.memo(result, ("tallies", f), lambda: _kept(result.tallies, f, self.places))
        return found

    def incidents(self, f: Query) -> list[Incident]:
        result = self.result()
        found: list[Incident] = self.memo(result, ("incidents", f), lambda: _kept(result.incidents, f, self.places))
        return found

    def memo(self, result: Reconciliation, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """What `make` gives for this result (and the ledger it was made from), worked out once:
        most requests repeat a few filters, counts and orderings."""
        with self._memo_lock:
            if self._memo_of is not result:
                self._memo_of, self._memo, self._making = result, {}, {}
            memo, making = self._memo, self._making
            if key in memo:
                return memo[key]
            # one request works a key out; the others asking meanwhile wait for it rather than
            # each doing the same work (right after an update, many ask for the same few pages)
            first = key not in making
            ready = making.setdefault(key, threading.Event())
        if not first:
            ready.wait(MEMO_WAIT)
            if key in memo:
                return memo[key]
            return make()  # the first gave up (an error) or is slow: work it out here
        try:
            found = make()
            if len(memo) < MEMO_SIZE:
                memo[key] = found
            return found
        finally:
            ready.set()
            with self._memo_lock:
                making.pop(key, None)


T = TypeVar("T", Tally, Incident)


def _kept(items: Iterable[T], f: Query, places: PlaceTree) -> list[T]:
    return list(items) if f.everything else [i for i in items if f.selects(i, places)]
