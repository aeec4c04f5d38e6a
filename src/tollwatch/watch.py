"""Watching sources: feeds and pages polled on a schedule, so a toll revised on the same page hour
by hour is stored as each of its versions.

Each poll asks conditionally (If-None-Match / If-Modified-Since with the validators the server
gave last time), so an unchanged page costs a 304 and no extraction. A feed entry whose updated
stamp is the one seen when it was last stored is not fetched at all; one without a stamp is asked
for conditionally. Requests to one host are at least `pace` seconds apart; a URL that fails is
left alone for `every` × 2^(failures−1) (at most a day). What is known of each URL lives in the
ledger (store/watching.py), so a restart, or the next `--once` from cron, resumes. The clock
and the sleep are parameters, so tests never wait.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

from tollwatch.errors import FetchError, InputError, InvalidValue
from tollwatch.incremental import Incremental
from tollwatch.ingest.feeds import FeedEntry, feed_entries, looks_like_feed
from tollwatch.ingest.fetch import Fetcher, Validators
from tollwatch.ingest.files import Item, from_fetched
from tollwatch.pipeline import store_documents
from tollwatch.published import parse_published
from tollwatch.store import Added, Ledger
from tollwatch.store import watching
from tollwatch.store.watching import Watched
from tollwatch.tables import Writer

log = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(days=1)
MAX_ENTRIES = 500  # of one feed, per poll: a feed is input like any other


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Pacer:
    """At least `gap` seconds between two requests to one host."""

    def __init__(self, gap: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.gap, self.clock, self.sleep = gap, clock, sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = urlsplit(url).hostname or ""
        due = self._last.get(host, -math.inf) + self.gap
        now = self.clock()
        if due > now:
            self.sleep(due - now)
        self._last[host] = self.clock()


@dataclass(frozen=True, slots=True)
class Polled:
    """What one poll of one source did."""

    url: str
    status: str            # fetched, not modified, waiting, failed
    entries: int = 0       # of a feed
    fetched: int = 0       # pages whose body came
    unchanged: int = 0     # entries or pages not fetched again (same stamp, or a 304)
    new: int = 0           # documents stored, versions included
    versions: int = 0
    failures: int = 0
    note: str = ""

    def line(self) -> str:
        """The log line for this poll."""
        parts = [f"{self.url}: {self.status}"]
        if self.entries:
            parts.append(f"{self.entries} entries")
        if self.status == "fetched" or self.entries:
            parts.append(f"{self.fetched} fetched, {self.unchanged} unchanged, {self.new} new "
                         f"({self.versions} new version{'s' * (self.versions != 1)}), {self.failures} failed")
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)


class Watcher:
    """Polls `sources` into `ledger`. `on_round` runs after each round's reconciled tables are
    refreshed (alerts)."""

    def __init__(self, ledger: Ledger, fetcher: Fetcher, *, every: float = 900.0, pace: float = 1.0,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], datetime] = utcnow, on_round: Callable[[], object] | None = None) -> None:
        self.ledger, self.fetcher, self.every = ledger, fetcher, every
        self.pacer = Pacer(pace, clock, sleep)
        self.clock, self.sleep, self.now, self.on_round = clock, sleep, now, on_round
        self.live = Incremental(ledger)
        self.tables = Writer(ledger)

    def run(self, sources: Sequence[str], once: bool = False, rounds: int | None = None) -> list[Polled]:
        """Poll every source, then again every `every` seconds (once with `once`; `rounds` bounds it
        for tests). Returns the last round's polls."""
        done = 0
        while True:
            started = self.clock()
            polled = self.round(sources)
            done += 1
            if once or (rounds is not None and done >= rounds):
                return polled
            self.sleep(max(0.0, started + self.every - self.clock()))

    def round(self, sources: Sequence[str]) -> list[Polled]:
        polled = []
        for url in sources:
            result = self.poll(url)
            (log.warning if result.status == "failed" else log.info)("%s", result.line())
            polled.append(result)
        if any(p.new for p in polled) and self.live.generation != self.ledger.generation():
            # only the documents stored since the last round are reconciled again (the first round: all)
            reconciled = self.live.result()
            self.tables.write(self.live.generation, reconciled)
        if self.on_round is not None:
            self.on_round()
        return polled

    def poll(self, url: str) -> Polled:
        state = watching.get(self.ledger, url)
        now = self.now()
        if state.next_at is not None and now < state.next_at:
            return Polled(url, "waiting", note=f"after {state.failures} failure{'s' * (state.failures != 1)}, "
                                               f"not before {state.next_at:%Y-%m-%d %H:%M:%S} UTC")
        self.pacer.wait(url)
        try:
            got = self.fetcher.fetch(url, Validators(state.etag, state.last_modified))
            entries = feed_entries(got.body, url)[:MAX_ENTRIES] \
                if not got.not_modified and looks_like_feed(got.body, got.content_type) else None
        except InputError as e:
            self._failed(state, now, e)
            return Polled(url, "failed", failures=1, note=str(e))
        fresh = replace(state, etag=got.etag or state.etag, last_modified=got.last_modified or state.last_modified,
                        checked_at=now, next_at=None, failures=0)
        if got.not_modified:
            watching.save(self.ledger, replace(fresh, status="not modified"))
            return Polled(url, "not modified", unchanged=1)
        tally = _Tally()
        items = self._entries(entries, tally) if entries is not None else self._page(from_fetched(got, None), tally)
        summary = store_documents([url], items, self.ledger, tally.report, refresh_tables=False)
        if entries is None and tally.doc_id:
            fresh = replace(fresh, doc_id=tally.doc_id)
        watching.save(self.ledger, replace(fresh, status="fetched"))
        return Polled(url, "fetched", len(entries or ()), tally.fetched + (entries is None), tally.unchanged,
                      summary.new_documents, summary.versions, summary.failures)

    def _page(self, items: Iterator[Item], tally: _Tally) -> Iterator[Item]:
        for item in items:
            yield item
            tally.remember()

    def _entries(self, entries: list[FeedEntry], tally: _Tally) -> Iterator[Item]:
        """The documents of the entries that are new or changed; each entry's state is saved once
        its document is stored, so one that failed is tried again next time."""
        for entry in entries:
            state = watching.get(self.ledger, entry.link)
            if entry.updated and state.entry_updated == entry.updated and state.doc_id:
                tally.unchanged += 1
                continue
            now = self.now()
            if state.next_at is not None and now < state.next_at:
                continue
            self.pacer.wait(entry.link)
            try:
                got = self.fetcher.fetch(entry.link, Validators(state.etag, state.last_modified))
            except FetchError as e:
                self._failed(state, now, e)
                yield e
                continue
            seen = replace(state, etag=got.etag or state.etag, last_modified=got.last_modified or state.last_modified,
                           checked_at=now, next_at=None, failures=0, entry_updated=entry.updated)
            if got.not_modified:
                tally.unchanged += 1
                watching.save(self.ledger, replace(seen, status="not modified"))
                continue
            tally.fetched += 1
            published = _day(entry.published)
            for item in from_fetched(got, published):
                yield item  # store_documents stores it, and reports the outcome, before this resumes
                if isinstance(item, InputError):
                    continue
                tally.remember()
                watching.save(self.ledger, replace(seen, doc_id=tally.doc_id, status="fetched"))

    def _failed(self, state: Watched, now: datetime, error: InputError) -> None:
        failures = state.failures + 1
        wait = min(timedelta(seconds=self.every * 2 ** (failures - 1)), MAX_BACKOFF)
        watching.save(self.ledger, replace(state, checked_at=now, failures=failures, next_at=now + wait,
                                           status=str(error)[:500]))


class _Tally:
    """Counts for one poll, and the outcome of the document stored last."""

    def __init__(self) -> None:
        self.fetched = self.unchanged = 0
        self.last: Added | InputError | None = None
        self.doc_id: str | None = None

    def report(self, outcome: Added | InputError) -> None:
        self.last = outcome
        if isinstance(outcome, InputError):
            log.warning("error: %s", outcome)

    def remember(self) -> None:
        if isinstance(self.last, Added):
            self.doc_id = self.last.doc_id


def _day(value: str | None) -> date | None:
    try:
        return parse_published(value)
    except ValueError:
        return None


def parse_every(value: str) -> float:
    """'15m', '30s', '1h', '2d' or plain seconds, as seconds; InvalidValue for anything else."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    text = value.strip().lower()
    number, unit = (text[:-1], text[-1]) if text and text[-1] in units else (text, "s")
    try:
        seconds = float(number) * units[unit]
    except ValueError:
        raise InvalidValue(f"{value!r} is not a duration; write e.g. 30s, 15m, 1h") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise InvalidValue(f"{value!r} is not a positive duration")
    return seconds
