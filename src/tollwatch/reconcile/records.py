"""What reconciling produces: tallies, incidents, arithmetic checks and discrepancies.

Every record names the claims behind it, so each number it shows leads back to quoted spans.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any, Literal

from tollwatch.models import Location
from tollwatch.reconcile.figures import Kind, VictimKey


def stable_id(prefix: str, *parts: object) -> str:
    return prefix + hashlib.sha256("\x00".join(map(str, parts)).encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class SourceFigure:
    """One source's standing figure for a quantity: its latest, with the series it replaced."""

    source_key: str
    name: str
    kind: str | None
    claim_id: str
    low: int
    best: int
    high: int | None              # None: the wording sets no upper bound
    as_of: str | None
    derived: bool = False
    earlier: tuple[str, ...] = ()  # the same source's other figures for this quantity, oldest first
    stories: int = 1               # independent stories carrying it (syndicated copies count once)


@dataclass(frozen=True, slots=True)
class Tally:
    """A quantity (outcome, victims, place, window) with its low/best/high over sources.

    `kind` "toll": a running total as of `end` (open start); "period": figures for the days
    `start`..`end`. See docs/reconciliation.md for the rules."""

    tally_id: str
    kind: Kind
    outcome: str
    victims: VictimKey
    place: Location | None
    start: str | None
    end: str | None
    low: int
    best: int
    high: int
    open_ended: bool              # some source's wording sets no upper bound
    best_source: str              # source_key whose figure is `best`
    sources: tuple[SourceFigure, ...]
    claim_ids: tuple[str, ...]
    manner: str | None = None
    incident_id: str | None = None
    group: str | None = None      # the value of --by day/source, when used
    dated: bool = True            # every figure's days are stated, none inferred from publication
    reviewed: int = 0             # how many of its figures a person has confirmed or corrected

    @property
    def place_id(self) -> str | None:
        return self.place.place_id if self.place else None

    @property
    def standing(self) -> SourceFigure:
        """The source figure that gives `best`."""
        return next(s for s in self.sources if s.source_key == self.best_source)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["victims"] = {"category": self.victims.category, "group": self.victims.group,
                        "attributes": list(self.victims.attributes)}
        d["category"] = self.victims.category
        d["place"] = _place(self.place)
        d["sources"] = [dict(asdict(s), earlier=list(s.earlier)) for s in self.sources]
        d["claim_ids"] = list(self.claim_ids)
        return d


@dataclass(frozen=True, slots=True)
class Incident:
    """One event across reports: same place, overlapping days, same outcome and manner. Its
    figures by victims are tallies; the totals add disjoint victim classes."""

    incident_id: str
    outcome: str
    manner: str | None
    place: Location | None
    start: str
    end: str
    low: int
    best: int
    high: int
    by_victims: tuple[Tally, ...]
    sources: tuple[str, ...]      # source names
    claim_ids: tuple[str, ...]
    reviewed: int = 0             # how many of its figures a person has confirmed or corrected

    @property
    def place_id(self) -> str | None:
        return self.place.place_id if self.place else None

    def best_for(self, category: str) -> int | None:
        """The best figure for one victim class: its own tally's, else the largest of its subgroups'."""
        exact = [t.best for t in self.by_victims if t.victims == VictimKey(category)]
        narrower = [t.best for t in self.by_victims if t.victims.category == category]
        return exact[0] if exact else max(narrower) if narrower else None

    def to_dict(self) -> dict[str, Any]:
        return {"incident_id": self.incident_id, "outcome": self.outcome, "manner": self.manner,
                "place": _place(self.place), "start": self.start, "end": self.end, "low": self.low,
                "best": self.best, "high": self.high, "tallies": [t.tally_id for t in self.by_victims],
                "sources": list(self.sources), "claim_ids": list(self.claim_ids), "reviewed": self.reviewed}


CheckStatus = Literal["ok", "remainder", "fail"]


@dataclass(frozen=True, slots=True)
class Check:
    """Parts against their whole: a breakdown a report gives (93 + 120 = 213), or figures for
    places, days or victims inside a larger tally's."""

    check_id: str
    kind: Literal["breakdown", "containment"]
    whole: str                    # claim id (breakdown) or tally id (containment)
    parts: tuple[str, ...]
    expression: str
    status: CheckStatus
    derived: str | None = None    # the claim id of a figure derived from the remainder
    reviewed: int = 0             # how many of its claims (breakdown) or tallies' figures a person has checked

    def to_dict(self) -> dict[str, Any]:
        return dict(asdict(self), parts=list(self.parts))


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Figures that cannot all hold, with both sides' words."""

    discrepancy_id: str
    kind: Literal["contradiction", "revised_down", "parts_exceed_whole"]
    claim_ids: tuple[str, ...]
    sources: tuple[str, ...]
    quotes: tuple[str, ...]
    reason: str
    tally_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(asdict(self), claim_ids=list(self.claim_ids), sources=list(self.sources),
                    quotes=list(self.quotes))


def _place(place: Location | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"place_id": place.place_id, "name": place.name, "admin1": place.admin1, "country": place.country,
            "lat": place.lat, "lon": place.lon, "precision": place.precision, "admin1_code": place.admin1_code}
