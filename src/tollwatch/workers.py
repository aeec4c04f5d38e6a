"""Reading and extraction on every core (`--jobs N`): worker processes turn pages into text and
text into claims; the caller gets each item back in input order, so output (and, for ingest, what
one writer stores) is the same as with one job.

Work goes out in small batches and at most a few batches per worker are in flight, so memory stays
flat however long the input is (an executor's `map` would read the whole input first).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from tollwatch.errors import InputError
from tollwatch.extract import extract_document
from tollwatch.ingest.files import Item, Unread
from tollwatch.models import Claim, Document

BATCH = 8  # documents per task: enough to hide the cost of passing them between processes
AHEAD = 4  # batches in flight per worker

Extracted = tuple[Item, list[Claim]]


def job_count(jobs: int) -> int:
    """`--jobs` as a number of processes: 0 means every core this process may run on."""
    if jobs < 0:
        raise ValueError(f"--jobs must be 0 (every core) or more, not {jobs}")
    if jobs:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def extracted(items: Iterable[Item | Unread], jobs: int = 1, normalise: bool = True) -> Iterator[Extracted]:
    """Every document of `items` with its claims, and every reading error with none, in input
    order; with `jobs` > 1, the work of that many processes."""
    if jobs <= 1:
        for item in items:
            yield from _work_one(item, normalise)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm, initargs=(normalise,)) as pool:
        pending: deque[Future[list[Extracted]]] = deque()
        for batch in _batches(items):
            pending.append(pool.submit(_work, batch, normalise))
            if len(pending) >= jobs * AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


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


def _work(batch: list[Item | Unread], normalise: bool) -> list[Extracted]:
    return [done for item in batch for done in _work_one(item, normalise)]


def _work_one(item: Item | Unread, normalise: bool) -> Iterator[Extracted]:
    for read in item.documents() if isinstance(item, Unread) else (item,):
        yield read, [] if isinstance(read, InputError) else extract_document(read, normalise)
