"""Reading and extraction on every core (`--jobs N`): worker processes turn pages into text and
text into claims; the caller gets each item back in input order, so output (and, for ingest, what
one writer stores) is the same as with one job.

Work goes out in small batches and at most a few batches per worker are in flight, so memory stays
flat however long the input is (an executor's `map` would read the whole input first).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from tollwatch.errors import ExtractionFailed, InputError, InvalidValue, TollwatchError
from tollwatch.extract import extract_document
from tollwatch.ingest.files import Item, Unread
from tollwatch.models import Claim, Document

BATCH = 8  # documents per task: enough to hide the cost of passing them between processes
AHEAD = 4  # batches in flight per worker

T = TypeVar("T")


def job_count(jobs: int) -> int:
    """`--jobs` as a number of processes: 0 means every core this process may run on."""
    if jobs < 0:
        raise InvalidValue(f"--jobs must be 0 (every core) or more, not {jobs}")
    if jobs:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def extracted(items: Iterable[Item | Unread], jobs: int = 1, normalise: bool = True
              ) -> Iterator[tuple[Item, list[Claim]]]:
    """Every document of `items` with its claims, and every reading error with none, in input
    order; with `jobs` > 1, the work of that many processes."""
    return rendered(items, _claims_as_they_are, jobs, normalise)


def _claims_as_they_are(found: list[Claim]) -> list[Claim]:
    return found


def rendered(items: Iterable[Item | Unread], then: Callable[[list[Claim]], T], jobs: int = 1,
             normalise: bool = True) -> Iterator[tuple[Item, T]]:
    """`extracted`, with `then` of each document's claims in place of the claims: `then` runs in the
    worker (rendering output there spares this process, which would otherwise bound the speed-up),
    so it must be a module-level function."""
    if jobs <= 1:
        for item in items:
            read = _read(item)
            yield _extracted(read, normalise, then)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm, initargs=(normalise,)) as pool:
        pending: deque[tuple[list[Item | Unread], Future[list[tuple[Item | None, T]]]]] = deque()

        def done() -> Iterator[tuple[Item, T]]:
            batch, future = pending.popleft()
            for item, (read, result) in zip(batch, future.result()):
                yield read or item, result  # type: ignore[misc]

        for batch in _batches(items):
            pending.append((batch, pool.submit(_work, batch, normalise, then)))
            if len(pending) >= jobs * AHEAD:
                yield from done()
        while pending:
            yield from done()


def _batches(items: Iterable[Item | Unread]) -> Iterator[list[Item | Unread]]:
    batch: list[Item | Unread] = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _warm(normalise: bool) -> None:
    """Load what extraction loads once (the gazetteer) before the first document arrives."""
    if normalise:
        extract_document(Document("warm-up", "Two people were killed in Kharkiv."))


def _work(batch: list[Item | Unread], normalise: bool, then: Callable[[list[Claim]], T]) -> list[tuple[Item | None, T]]:
    """Each item's result; a page read here comes back as its document (or error), a document sent
    here does not travel back (the caller holds it)."""
    out: list[tuple[Item | None, T]] = []
    for item in batch:
        read = _read(item)
        done, result = _extracted(read, normalise, then)
        out.append((done if isinstance(item, Unread) or done is not read else None, result))
    return out


def _read(item: Item | Unread) -> Item:
    if not isinstance(item, Unread):
        return item
    (read,) = item.documents()  # a page is one document
    return read


def _extracted(item: Item, normalise: bool, then: Callable[[list[Claim]], T]) -> tuple[Item, T]:
    """The item with its rendered claims; a document extraction fails on comes back as that error,
    so the rest of the batch goes on."""
    try:
        return item, then(_claims(item, normalise))
    except TollwatchError:
        raise  # what the user must fix (a config file, say) stops the run, as before
    except Exception as e:  # noqa: BLE001 (a bug on one document must not stop the batch)
        origin = item.origin if isinstance(item, InputError) else item.origin or item.doc_id
        return ExtractionFailed(origin, e), then([])


def _claims(item: Item, normalise: bool) -> list[Claim]:
    return [] if isinstance(item, InputError) else extract_document(item, normalise)
