"""Figures: claims made comparable across documents.

A claim says "over 400 civilians killed in Syria's coastal region" in the words of one report. A
figure adds what reconciling needs and the claim leaves implicit: the place it is about (the
document's main place when the sentence names none), the window of days it covers, the date it
speaks as of, who it really comes from (one identity for a named source across documents, one
per story for an unnamed one) and which story it belongs to (syndicated copies share one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from tollwatch.models import Claim, DocumentInfo, Source

# Claims that are not a figure for the quantity they name: a retracted earlier figure, a
# projection ("could reach"), a denial. They are listed in explanations, never counted.
SET_ASIDE = {"superseded": "an earlier figure the report itself says was replaced",
             "speculative": "a projection, not a count", "negated": "a denial"}

# How far back an undated event figure reaches: news reports what happened that day or the day before.
RECENT = timedelta(days=1)

# Whose figure is preferred as `best` when sources disagree: documenters who keep named lists
# first, the UN and medical services next, then authorities, media, witnesses, the outlet's own
# voice, and last the parties to the fighting.
KIND_RANK = {"monitor": 0, "un": 1, "medical": 2, "government": 3, "media": 4, "witness": 5,
             "outlet": 6, None: 7, "armed_group": 8}

# Victim classes: what a figure counts, from broadest to narrowest.
ALL = "all"
COMBATANT_KINDS = frozenset({"combatant", "state_forces", "non_state_armed"})
_BROADER = {"civilian": ALL, "combatant": ALL, "state_forces": "combatant", "non_state_armed": "combatant"}

Kind = Literal["toll", "period"]
Identified = Callable[[Source], bool]  # whether a source is one identity across documents


@dataclass(frozen=True, slots=True)
class VictimKey:
    """Who is counted: a class ("all" for mixed or unstated victims), optionally a group and attributes."""

    category: str
    group: str | None = None
    attributes: tuple[str, ...] = ()

    @classmethod
    def of(cls, claim: Claim) -> VictimKey:
        v = claim.victims
        category = ALL if v.category in ("mixed", "unknown") else v.category
        return cls(category, v.group.casefold() if v.group else None, tuple(sorted(v.attributes)))

    @property
    def order(self) -> tuple[bool, str, str, tuple[str, ...]]:
        return self.category != ALL, self.category, self.group or "", self.attributes

    def within(self, other: VictimKey) -> bool:
        """Every victim this key counts is also counted by `other`."""
        if other.group is not None and other.group != self.group:
            return False
        if not set(other.attributes) <= set(self.attributes):
            return False
        category: str | None = self.category
        while category is not None:
            if category == other.category:
                return True
            category = _BROADER.get(category)
        return False

    def disjoint(self, other: VictimKey) -> bool:
        """No victim can be counted by both: civilians and fighters, two armed sides, two groups."""
        if self.within(other) or other.within(self) or ALL in (self.category, other.category):
            return False
        if self.category == other.category:
            return self.group is not None and other.group is not None and self.group != other.group
        family = {c: "combatant" if c in COMBATANT_KINDS else c for c in (self.category, other.category)}
        return len(set(family.values())) == 2 or "combatant" not in (self.category, other.category)

    def label(self) -> str:
        """In words: "Alawite civilians", "children", "people"."""
        words = [*self.attributes] if self.attributes and self.category in (ALL, "civilian") else \
            [*self.attributes, _NOUNS[self.category]]
        return " ".join(([self.group.title()] if self.group else []) + words)


_NOUNS = {ALL: "people", "civilian": "civilians", "combatant": "combatants", "state_forces": "state forces",
          "non_state_armed": "members of armed groups"}


@dataclass(frozen=True, slots=True)
class Figure:
    claim: Claim
    victims: VictimKey
    place_id: str | None
    place_inherited: bool        # the sentence names no place; the document's main place is assumed
    start: str | None            # first day covered (ISO); None: since the beginning
    end: str | None              # the day the figure speaks as of
    window_inferred: bool        # no time in the sentence; window follows from the publication date
    source_key: str              # one identity per named source, one per story for unnamed ones
    source_label: str
    story: str                   # the first copy of the story this document belongs to
    published: str | None
    derived: bool = False

    @property
    def kind(self) -> Kind:
        return "toll" if self.start is None else "period"

    @property
    def low(self) -> int:
        c = self.claim.count
        return c.low if c.low is not None else (c.best or 0)

    @property
    def high(self) -> int | None:
        """The upper bound; None when the wording sets none ("over 400")."""
        return self.claim.count.high

    @property
    def best(self) -> int:
        c = self.claim.count
        return c.best if c.best is not None else self.low

    @property
    def rank(self) -> int:
        return KIND_RANK.get(self.claim.source.kind, 7)


def implied_places(claims: Sequence[Claim]) -> dict[str, str]:
    """The place each claim is about: its own; its whole's, for a part of a breakdown; otherwise
    the first place the report resolves, as a news lede names where it happened."""
    first = next((c.location.place_id for c in claims if c.location and c.location.place_id), None)
    places: dict[str, str] = {}
    for c in claims:
        place = (c.location.place_id if c.location else None) or places.get(c.part_of or "") or first
        if place:
            places[c.claim_id] = place
    return places


def figure(claim: Claim, doc: DocumentInfo, story: str, place: str | None,
           identified: Identified, derived: bool = False) -> Figure:
    own_place = claim.location.place_id if claim.location else None
    start, end, inferred = _window(claim, doc.published)
    s = claim.source
    if s.source_id and identified(s):
        key, label = s.source_id, s.name or s.source_id
    else:  # "medics", "reports", the outlet's own voice: a witness of this story only
        key = f"{s.source_id or 'outlet'}@{story}"
        label = s.name or doc.site_name or "the report itself"
    return Figure(claim, VictimKey.of(claim), own_place or place, own_place is None and place is not None,
                  start, end, inferred, key, label, story, doc.published, derived)


def _window(claim: Claim, published: str | None) -> tuple[str | None, str | None, bool]:
    t = claim.time
    if t is not None and t.start is not None:
        if claim.scope == "event" or t.start != t.end or _PERIOD.match(t.text):
            return t.start, t.end or published or t.start, False
        # "the toll has risen to 40, officials said on Saturday": the day is an as-of date
        return None, t.end, False
    if claim.scope == "event" and published is not None and one_incident(claim):
        # "an airstrike killed 12", "one person was found dead": an event; undated, it is news of
        # that day or the day before
        day = date.fromisoformat(published)
        return (day - RECENT if day > date.min else day).isoformat(), published, True
    # "213 fighters have died": which days it covers is not said, so it is read as a toll to date
    return None, (t.end if t is not None and t.end else published), t is None or t.end is None


def one_incident(claim: Claim) -> bool:
    """A report's event that names how people were harmed ("an airstrike killed 12"), or counts a
    few people exactly ("a man was found dead", "three people were wounded"), or whose other
    figures do, is one incident; a large or open-ended figure read as no more than that ("over
    400 civilians") may be a toll to date."""
    c = claim.count
    return bool(claim.manner or claim.evidence.get("single_victim") or claim.evidence.get("one_incident")) or (
        claim.evidence.get("rule") == "event" and c.qualifier == "exact" and c.best is not None and c.best <= _FEW)


_FEW = 10
_PERIOD = re.compile(r"(?i)^(?:since|from|between|during|over|in the (?:past|last))\b")
