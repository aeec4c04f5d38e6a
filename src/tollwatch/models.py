"""Immutable records that flow through the pipeline.

The claim record follows CONTRACT.md field for field; `to_dict()` gives exactly the JSON
shape that `tollwatch extract --format jsonl` prints. Records are frozen: change one with
`dataclasses.replace`.
"""

from __future__ import annotations

import hashlib
from copy import deepcopy
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

Qualifier = Literal[
    "exact", "at_least", "more_than", "at_most", "up_to", "about", "nearly", "range", "vague"
]
Outcome = Literal[
    "killed", "injured", "casualties", "kidnapped", "missing", "detained", "displaced", "affected"
]
Category = Literal["civilian", "combatant", "state_forces", "non_state_armed", "mixed", "unknown"]
OUTCOMES: tuple[str, ...] = get_args(Outcome)
CATEGORIES: tuple[str, ...] = get_args(Category)
# victims to filter tallies on: the classes a figure can count, and "all" for figures about everyone
VICTIM_FILTERS = (*(c for c in CATEGORIES if c not in ("mixed", "unknown")), "all")

SourceKind = Literal["monitor", "media", "government", "armed_group", "medical", "un", "witness", "outlet"]
Scope = Literal["event", "cumulative", "total"]
Modality = Literal[
    "asserted", "reported", "estimated", "speculative", "unverified", "superseded", "negated"
]


@dataclass(frozen=True, slots=True)
class Document:
    """One report. `text` is what offsets point into; it is never rewritten."""

    doc_id: str
    text: str
    published: str | None = None  # ISO date
    url: str | None = None
    title: str | None = None
    origin: str | None = None  # file path, URL or "-" the document came from
    site_name: str | None = None
    media_type: str = "text/plain"  # of `raw`: text/plain, text/html, application/x-ndjson
    raw: bytes | None = field(default=None, repr=False)  # as read, so text can be re-derived later
    language: str | None = None  # ISO 639-1, as detected when stored ("en", "ar"); None when unknown

    @staticmethod
    def make_id(text: str) -> str:
        return "doc-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What reconciling and exports need to know of a stored document, without its text."""

    doc_id: str
    published: str | None = None
    duplicate_of: str | None = None   # first copy of a syndicated story
    site_name: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Count:
    text: str
    value: int | None
    qualifier: Qualifier
    low: int | None
    high: int | None
    best: int | None


@dataclass(frozen=True, slots=True)
class Victims:
    category: Category = "unknown"
    group: str | None = None
    attributes: tuple[str, ...] = ()
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Perpetrator:
    text: str
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    place_id: str | None = None
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    admin1_code: str | None = None  # ISO 3166-2 code of the first-level area, where known ("SY-TA")


@dataclass(frozen=True, slots=True)
class TimeSpan:
    text: str
    start: str | None = None  # ISO date, inclusive
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    name: str | None = None
    source_id: str | None = None
    kind: SourceKind | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    claim_id: str
    doc_id: str
    start: int
    end: int
    quote: str
    count: Count
    outcome: Outcome
    victims: Victims
    source: Source
    scope: Scope = "event"
    modality: Modality = "asserted"
    manner: str | None = None
    perpetrator: Perpetrator | None = None
    location: Location | None = None
    time: TimeSpan | None = None
    part_of: str | None = None
    parts: tuple[str, ...] = ()
    confidence: float = 0.5
    evidence: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def make_id(doc_id: str, start: int, end: int) -> str:
        return "clm-" + hashlib.sha256(f"{doc_id}\x00{start}\x00{end}".encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        # what asdict() gives, field for field, built directly: asdict's generic recursion was a
        # tenth of `extract --format jsonl`
        v = self.victims
        return {
            "claim_id": self.claim_id, "doc_id": self.doc_id, "start": self.start, "end": self.end,
            "quote": self.quote, "count": _flat(self.count), "outcome": self.outcome,
            "victims": {"category": v.category, "group": v.group, "attributes": list(v.attributes), "text": v.text},
            "source": _flat(self.source), "scope": self.scope, "modality": self.modality, "manner": self.manner,
            "perpetrator": _flat(self.perpetrator), "location": _flat(self.location), "time": _flat(self.time),
            "part_of": self.part_of, "parts": list(self.parts), "confidence": self.confidence,
            "evidence": deepcopy(self.evidence),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        """The inverse of to_dict(), for claims read back from storage or JSONL."""
        def nested(kind: Any, value: dict[str, Any] | None) -> Any:
            return kind(**value) if value is not None else None

        victims = dict(d["victims"], attributes=tuple(d["victims"].get("attributes") or ()))
        return cls(
            d["claim_id"], d["doc_id"], d["start"], d["end"], d["quote"], Count(**d["count"]), d["outcome"],
            Victims(**victims), Source(**d["source"]), d["scope"], d["modality"], d.get("manner"),
            nested(Perpetrator, d.get("perpetrator")), nested(Location, d.get("location")),
            nested(TimeSpan, d.get("time")), d.get("part_of"), tuple(d.get("parts") or ()),
            d.get("confidence", 0.5), d.get("evidence") or {},
        )


def _flat(record: Any) -> dict[str, Any] | None:
    """asdict() of a record whose fields are plain values."""
    return None if record is None else {name: getattr(record, name) for name in record.__dataclass_fields__}


PlaceKind = Literal["country", "admin1", "city", "region"]


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry. Ids nest, so containment is a prefix test: "SY/tartus/baniyas" lies in
    "SY/tartus", which lies in "SY"; a region lists the admin areas it covers in `members`."""

    place_id: str
    name: str
    kind: PlaceKind
    country: str            # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    members: tuple[str, ...] = ()

    def contains(self, other_id: str) -> bool:
        if other_id == self.place_id or other_id.startswith(self.place_id + "/"):
            return True
        return any(other_id == m or other_id.startswith(m + "/") for m in self.members)


EVENT_OUTCOMES: tuple[str, ...] = ("killed", "injured", "casualties", "missing", "kidnapped", "detained", "displaced")


@dataclass(frozen=True, slots=True)
class Bounds:
    """How many, as a figure's wording allows: `high` None means no upper bound."""

    low: int
    best: int
    high: int | None

    def __add__(self, other: Bounds) -> Bounds:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Bounds(self.low + other.low, self.best + other.best, high)

    def minus(self, other: Bounds) -> Bounds:
        """People hit less those of them who died: never below zero."""
        high = None if self.high is None else max(0, self.high - other.low)
        return Bounds(max(0, self.low - (other.high if other.high is not None else other.low)),
                      max(0, self.best - other.best), high)

    def at_least(self, other: Bounds) -> Bounds:
        """The larger of two readings of one figure (a restatement counts once)."""
        return self if (self.best, self.low) >= (other.best, other.low) else other


@dataclass(frozen=True, slots=True)
class Event:
    """One event a report describes, with what it cost per outcome (CONTRACT.md, the event record).
    `background` events are context: earlier incidents, yearly counts, national totals."""

    doc_id: str
    event_id: str
    background: bool
    place: Location | None
    start: str | None
    end: str | None
    manner: str | None
    perpetrator: Perpetrator | None
    outcomes: tuple[tuple[str, Bounds], ...]
    victims: tuple[tuple[str, Bounds], ...]
    claim_ids: tuple[str, ...]

    def count(self, outcome: str) -> Bounds | None:
        return dict(self.outcomes).get(outcome)

    def to_dict(self) -> dict[str, Any]:
        found = dict(self.outcomes)
        return {
            "doc_id": self.doc_id, "event_id": self.event_id, "background": self.background,
            "place": asdict(self.place) if self.place else None, "start": self.start, "end": self.end,
            "manner": self.manner, "perpetrator": asdict(self.perpetrator) if self.perpetrator else None,
            **{o: asdict(found[o]) if o in found else None for o in EVENT_OUTCOMES},
            "victims": {c: asdict(b) for c, b in self.victims}, "claim_ids": list(self.claim_ids),
        }
