"""Claim output formats: JSONL for pipes, CSV for spreadsheets, a table for people."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable
from typing import IO, Any

from tollwatch.models import Claim, Event

CLAIM_FIELDS = [
    "claim_id", "doc_id", "start", "end", "count_text", "value", "qualifier", "low", "high", "best",
    "outcome", "manner", "victims_category", "victims_group", "victims_attributes", "victims_text",
    "perpetrator", "location", "time_text", "time_start", "time_end", "source_name", "source_kind",
    "scope", "modality", "part_of", "parts", "confidence",
]
# the ids and coordinates users join on come after the quote, so the columns published first keep their places
CSV_COLUMNS = [*CLAIM_FIELDS, "quote", "source_id", "place_id", "country", "admin1", "lat", "lon", "actor_id",
               "admin1_code"]


def claim_row(c: Claim) -> dict[str, Any]:
    return {
        "claim_id": c.claim_id, "doc_id": c.doc_id, "start": c.start, "end": c.end,
        "count_text": c.count.text, "value": c.count.value, "qualifier": c.count.qualifier,
        "low": c.count.low, "high": c.count.high, "best": c.count.best, "outcome": c.outcome,
        "manner": c.manner, "victims_category": c.victims.category, "victims_group": c.victims.group,
        "victims_attributes": ";".join(c.victims.attributes), "victims_text": c.victims.text,
        "perpetrator": c.perpetrator.text if c.perpetrator else None,
        "location": c.location.text if c.location else None,
        "time_text": c.time.text if c.time else None, "time_start": c.time.start if c.time else None,
        "time_end": c.time.end if c.time else None, "source_name": c.source.name,
        "source_kind": c.source.kind, "scope": c.scope, "modality": c.modality, "part_of": c.part_of,
        "parts": ";".join(c.parts), "confidence": c.confidence, "quote": c.quote,
        "source_id": c.source.source_id, "place_id": c.location.place_id if c.location else None,
        "country": c.location.country if c.location else None, "admin1": c.location.admin1 if c.location else None,
        "lat": c.location.lat if c.location else None, "lon": c.location.lon if c.location else None,
        "actor_id": c.perpetrator.actor_id if c.perpetrator else None,
        "admin1_code": c.location.admin1_code if c.location else None,
    }


def claim_lines(claims: Iterable[Claim]) -> str:
    """Claims as `--format jsonl` prints them."""
    return "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in claims)


def event_lines(claims: list[Claim]) -> str:
    """A document's events as `--format events` prints them."""
    from tollwatch.extract.events import read_events

    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in read_events(claims))


class ClaimWriter:
    """Streams claims to `out` in one format; call close() to flush a table."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "csv":  # the header even when no claim follows, so a script reading it finds its columns
            self._csv = csv.DictWriter(out, CSV_COLUMNS)
            self._csv.writeheader()
        self._rows: list[Claim] = []
        self._printed = False

    def write(self, claims: Iterable[Claim]) -> None:
        for c in claims:
            if self.fmt == "jsonl":
                self.out.write(claim_lines([c]))
            elif self._csv is not None:
                self._csv.writerow(claim_row(c))
            else:
                self._rows.append(c)
        if self.fmt == "table" and len(self._rows) >= 200:
            self._flush_table()

    def close(self) -> None:
        if self.fmt == "table":
            self._flush_table(final=True)

    def _flush_table(self, final: bool = False) -> None:
        if self._rows:
            self.out.write(format_table(self._rows) + "\n")
            self._printed = True
        elif final and not self._printed:
            self.out.write("no claims found\n")
        self._rows = []


def _bounds(c: Claim) -> str:
    low = "?" if c.count.low is None else str(c.count.low)
    high = "∞" if c.count.high is None else str(c.count.high)
    return low if low == high else f"{low}..{high}"


def format_table(claims: list[Claim]) -> str:
    width = max(100, shutil.get_terminal_size((140, 20)).columns)
    header = ["count", "bounds", "outcome", "victims", "source", "place", "time", "quote"]
    rows = []
    for c in claims:
        victims = c.victims.category + (f" ({c.victims.group})" if c.victims.group else "")
        time = c.time.text if c.time else ""
        if c.time and c.time.start:
            time = c.time.start if c.time.start == c.time.end else f"{c.time.start}..{c.time.end}"
        flags = "" if c.modality in ("asserted", "reported") else f" [{c.modality}]"
        rows.append([c.count.text, _bounds(c), c.outcome + flags, victims, c.source.name or "-",
                     c.location.name or c.location.text if c.location else "", time, " ".join(c.quote.split())])
    caps = [14, 11, 20, 24, 28, 22, 23]
    widths = [min(cap, max(len(h), *(len(r[i]) for r in rows))) for i, (h, cap) in enumerate(zip(header, caps))]
    quote_width = max(20, width - sum(widths) - 2 * len(widths))
    widths.append(quote_width)

    def fit(s: str, w: int) -> str:
        return s if len(s) <= w else s[: w - 1] + "…"

    lines = ["  ".join(fit(h, w).ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(fit(v, w).ljust(w) for v, w in zip(r, widths)).rstrip())
    return "\n".join(lines)


def format_events(events: list[Event]) -> str:
    """Events for people: one line each, its outcomes as bounds, background marked."""
    header = ["event", "doc", "place", "days", "manner", "killed", "injured", "other", "claims"]
    rows = []
    for e in events:
        days = "" if not e.start else e.start if e.start == e.end else f"{e.start}..{e.end}"
        other = ", ".join(f"{o} {_span(b.low, b.high)}" for o, b in e.outcomes if o not in ("killed", "injured"))
        rows.append([e.event_id[:16] + (" [background]" if e.background else ""), e.doc_id,
                     e.place.name or e.place.text if e.place else "", days, e.manner or "",
                     *(_span(b.low, b.high) if (b := e.count(o)) else "-" for o in ("killed", "injured")),
                     other, str(len(e.claim_ids))])
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


def _span(low: int, high: int | None) -> str:
    return str(low) if low == high else f"{low}..{'∞' if high is None else high}"
