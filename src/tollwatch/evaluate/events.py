"""Agreement with event datasets that code a fatality figure for a free-text description.

For each row (ACLED: `notes` and `fatalities`), tollwatch reads the text into the events it
describes (`tollwatch extract --format events`) and adds up the killed of the events that are
not background, by their `best`, with `low`/`high` added alongside. The row agrees *exactly*
when that sum equals the coded figure, and *within bounds* when the coded figure lies between
the summed lows and highs.

ACLED codes a conventional number when the text gives none ("Unknown fatalities coded as 10");
such rows are reported apart, since no extractor can find a number the text does not state.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dateutil import parser as dateparser

from tollwatch.errors import TollwatchError
from tollwatch.extract import extract_events
from tollwatch.models import Event

CONVENTIONAL = re.compile(r"\b(?:coded\s+as\s+\d+|unknown\s+(?:number\s+of\s+)?fatalities|fatalities\s+"
                          r"(?:were\s+)?coded)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EventRow:
    event_id: str
    country: str
    text: str
    fatalities: int
    published: str | None
    conventional: bool  # the coder gave a conventional number the text does not state


@dataclass(frozen=True, slots=True)
class Agreement:
    row: EventRow
    low: int
    best: int
    high: int | None  # None: some wording sets no upper bound

    @property
    def exact(self) -> bool:
        return self.best == self.row.fatalities

    @property
    def within(self) -> bool:
        return self.low <= self.row.fatalities and (self.high is None or self.row.fatalities <= self.high)


@dataclass
class Rates:
    rows: int = 0
    exact: int = 0
    within: int = 0

    def add(self, a: Agreement) -> None:
        self.rows += 1
        self.exact += a.exact
        self.within += a.within

    def rates(self) -> str:
        if not self.rows:
            return "no rows"
        return f"{self.rows} rows, exact {self.exact / self.rows:.1%}, within bounds {self.within / self.rows:.1%}"


@dataclass
class EventsReport:
    stated: Rates = field(default_factory=Rates)        # rows whose figure the text states
    conventional: Rates = field(default_factory=Rates)  # rows with a coder's conventional number
    with_deaths: Rates = field(default_factory=Rates)   # stated rows with fatalities > 0
    by_country: dict[str, Rates] = field(default_factory=lambda: defaultdict(Rates))
    disagreements: list[Agreement] = field(default_factory=list)

    def add(self, a: Agreement) -> None:
        if a.row.conventional:
            self.conventional.add(a)
            return
        self.stated.add(a)
        if a.row.fatalities > 0:
            self.with_deaths.add(a)
        self.by_country[a.row.country].add(a)
        if not a.within:
            self.disagreements.append(a)

    def worst(self, n: int = 15) -> list[Agreement]:
        return sorted(self.disagreements, key=lambda a: (-abs(a.best - a.row.fatalities), a.row.event_id))[:n]


def killed_figure(events: Iterable[Event]) -> tuple[int, int, int | None]:
    """low, best, high of the killed in a text's own events (background events left out)."""
    low = best = 0
    high: int | None = 0
    for e in events:
        killed = e.count("killed")
        if e.background or killed is None:
            continue
        low += killed.low
        best += killed.best
        high = None if high is None or killed.high is None else high + killed.high
    return low, best, high


def evaluate(rows: Iterable[EventRow]) -> EventsReport:
    report = EventsReport()
    for row in rows:
        events = extract_events(row.text, published=row.published, doc_id=row.event_id, normalise=False)
        report.add(Agreement(row, *killed_figure(events)))
    return report


def read_acled(path: Path) -> Iterator[EventRow]:
    """Rows of an ACLED export (any of its schemas: notes, fatalities, country, event_date)."""
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as f:
            reader = csv.DictReader(f)
            missing = {"notes", "fatalities", "country"} - set(reader.fieldnames or [])
            if missing:
                raise TollwatchError(f"{path}: not an ACLED export (no {', '.join(sorted(missing))} column)")
            for n, row in enumerate(reader, 2):
                try:
                    fatalities = int(row["fatalities"])
                except (TypeError, ValueError):
                    continue  # a row without a coded figure has nothing to compare
                notes = row["notes"] or ""
                yield EventRow(row.get("event_id_cnty") or f"{path.name}:{n}", row["country"], notes, fatalities,
                               _date(row.get("event_date")), bool(CONVENTIONAL.search(notes)))
    except OSError as e:
        raise TollwatchError(f"{path}: cannot read ({e.strerror})") from None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dateparser.parse(value).date().isoformat()
    except (ValueError, OverflowError):
        return None

