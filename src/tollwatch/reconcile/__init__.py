"""Reconcile: claims from many reports into tallies, incidents, checks and discrepancies.

    result = reconcile(ledger.claims(), ledger.document_infos())
    result.tallies          # each quantity with low/best/high over its sources
    result.incidents        # each event across reports, like an event-data row
    result.checks           # breakdowns and parts against wholes
    result.discrepancies    # figures that cannot all hold, with both quotes

The steps: claims become figures (figures.py), breakdowns are checked and remainders derived
(arithmetic.py), running tolls and period figures are grouped and reduced (tallies.py,
incidents.py), and parts are checked against their wholes (containment.py).
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from tollwatch.errors import InvalidValue
from tollwatch.extract.events import nested
from tollwatch.extract.people import Person, person, same_person, surely_same
from tollwatch.models import Claim, DocumentInfo, Location, Source
from tollwatch.reconcile.arithmetic import breakdowns
from tollwatch.reconcile.containment import PlaceTree, containment
from tollwatch.reconcile.events import event_figures
from tollwatch.reconcile.figures import ALL, KIND_RANK, Figure, Identified, VictimKey, figure, implied_places
from tollwatch.reconcile.figures import SET_ASIDE as SET_ASIDE
from tollwatch.reconcile.incidents import incident, totals
from tollwatch.reconcile.records import Check, Discrepancy, Incident, SourceFigure, Tally
from tollwatch.reconcile.tallies import cluster_periods, describe, group_key, tally, victims_of

__all__ = ["KIND_RANK", "Check", "Discrepancy", "DocumentInfo", "DocumentPart", "Figure", "Identified", "Incident",
           "PlaceTree",
           "Query", "Reconciliation", "SourceFigure", "Standing", "Tally", "combine", "describe", "read_document",
           "reconcile", "totals"]

BY = ("place", "day", "source")


@dataclass(frozen=True, slots=True)
class Query:
    """Which figures to reconcile. `place` keeps figures in that place or inside it; `start`/`end`
    keep figures whose days meet that window, and leave out undated ones unless `include_undated`;
    `category` "all" means figures for all victims."""

    place: str | None = None
    start: str | None = None
    end: str | None = None
    outcome: str | None = None
    category: str | None = None
    by: str = "place"
    include_undated: bool = False

    @property
    def everything(self) -> bool:
        """Whether this query keeps every figure and result (it may still split tallies `by`)."""
        return not (self.outcome or self.category or self.place or self.start or self.end)

    def keeps(self, f: Figure, places: PlaceTree) -> bool:
        """Whether a figure is reconciled at all."""
        return self._meets(f.claim.outcome, f.victims, f.place_id, f.start, f.end, places)

    def selects(self, item: Tally | Incident, places: PlaceTree) -> bool:
        """Whether a result of a whole-ledger reconciliation answers this query (the web's way)."""
        victims = item.victims if isinstance(item, Tally) else None
        return self._meets(item.outcome, victims, item.place_id, item.start, item.end, places)

    def _meets(self, outcome: str, victims: VictimKey | None, place_id: str | None, start: str | None,
               end: str | None, places: PlaceTree) -> bool:
        if self.outcome and outcome != self.outcome:
            return False
        wanted = ALL if self.category in ("mixed", "unknown") else self.category
        if wanted and victims is not None and victims.category != wanted:
            return False
        if self.place and not (place_id and places.contains(self.place, place_id)):
            return False
        if (self.start or self.end) and start is None and end is None and not self.include_undated:
            return False  # a figure of no known day is not known to fall in the window
        if self.start and end and end < self.start:
            return False
        return not (self.end and start and start > self.end)


@dataclass(frozen=True)
class Reconciliation:
    tallies: tuple[Tally, ...]
    incidents: tuple[Incident, ...]
    checks: tuple[Check, ...]
    discrepancies: tuple[Discrepancy, ...]
    # claim id → figure, derived ones included; a claim read into its report's event figure maps to that
    figures: dict[str, Figure] = field(repr=False)
    set_aside: dict[str, tuple[Claim, str]] = field(repr=False)  # claim id → (claim, why)

    def figures_of(self, claim_ids: Iterable[str] | None = None) -> list[Figure]:
        """The figures behind these claims (every figure when None, in the ledger's order of
        documents), each once."""
        ids = self.figures if claim_ids is None else claim_ids
        found = (self.figures[c] for c in ids if c in self.figures)
        once = list({f.claim.claim_id: f for f in found}.values())
        return once if claim_ids is not None else sorted(once, key=lambda f: f.claim.doc_id)

    def find(self, ref: str) -> Tally | Incident | None:
        """A tally or incident by id or unique id prefix."""
        found: list[Tally | Incident] = [t for t in self.tallies if t.tally_id.startswith(ref)]
        found += [i for i in self.incidents if i.incident_id.startswith(ref)]
        return found[0] if len(found) == 1 else None

    def to_dict(self) -> dict[str, Any]:
        return {"tallies": [t.to_dict() for t in self.tallies],
                "incidents": [i.to_dict() for i in self.incidents],
                "checks": [c.to_dict() for c in self.checks],
                "discrepancies": [d.to_dict() for d in self.discrepancies]}


@dataclass(frozen=True, slots=True)
class DocumentPart:
    """What one document's claims contribute, before figures meet across documents: its figures,
    breakdown checks and flags, the claims it sets aside, the claims read into its event figures,
    the incidents reviewers split off, and the places it names. Reconciling incrementally keeps
    one per document and recomputes only those of documents that changed (tollwatch.incremental)."""

    doc_id: str
    figures: tuple[Figure, ...]
    checks: tuple[Check, ...]
    flags: tuple[Discrepancy, ...]
    set_aside: dict[str, tuple[Claim, str]]
    aliases: dict[str, str]  # claim id -> the event figure it was read into
    labels: dict[str, str]   # figure's claim id -> the incident a reviewer put it in alone (review.py)
    located: dict[str, Location]


def read_document(batch: list[Claim], doc: DocumentInfo, identified: Identified) -> DocumentPart:
    """One document's claims (all of them, in the ledger's order) as figures."""
    story = doc.duplicate_of or doc.doc_id
    batch = list(batch)
    figures: list[Figure] = []
    checks: list[Check] = []
    flags: list[Discrepancy] = []
    set_aside: dict[str, tuple[Claim, str]] = {}
    labels: dict[str, str] = {}
    for b in breakdowns(batch):
        checks.append(b.check)
        if b.discrepancy:
            flags.append(b.discrepancy)
        if b.derived:
            batch.append(b.derived)
    split = {c.claim_id: c.evidence["incident"] for c in batch if c.evidence.get("incident")}
    batch, background, read_into = event_figures(batch)
    labels.update((c.claim_id, split[c.claim_id]) for c in batch if c.claim_id in split)
    labels.update((into, split[c]) for c, into in read_into.items() if c in split)
    set_aside.update(background)
    places_of = implied_places(batch)
    for c in batch:
        if c.modality in SET_ASIDE:
            set_aside[c.claim_id] = (c, SET_ASIDE[c.modality])
        else:
            figures.append(figure(c, doc, story, places_of.get(c.claim_id), identified, derived=c.claim_id.startswith("drv-")))
    located: dict[str, Location] = {}
    _name_places(figures, located)
    return DocumentPart(doc.doc_id, tuple(figures), tuple(checks), tuple(flags), set_aside, dict(read_into), labels,
                        located)


def reconcile(claims: Iterable[Claim], documents: dict[str, DocumentInfo], query: Query = Query(),
              places: PlaceTree | None = None, identified: Identified | None = None) -> Reconciliation:
    """Claims must arrive grouped by document, as the ledger yields them."""
    identified = identified or default_identified()
    parts = (read_document(batch, documents.get(batch[0].doc_id) or DocumentInfo(batch[0].doc_id), identified)
             for batch in (list(same) for _, same in groupby(claims, key=attrgetter("doc_id"))))
    return combine(parts, query, places)


def combine(parts: Iterable[DocumentPart], query: Query = Query(), places: PlaceTree | None = None) -> Reconciliation:
    """The documents' parts (in the ledger's order of documents) reconciled: figures grouped
    across documents into tallies and incidents, and parts checked against wholes. (The whole
    ledger's reconciliation is also kept standing, updated document by document: standing.py.)"""
    if query.by not in BY:
        raise InvalidValue(f"cannot split tallies by {query.by!r}: give one of {', '.join(BY)}")
    places = places if places is not None else default_places()
    everything = query.everything  # no need to ask of each figure
    kept: list[Figure] = []
    located: dict[str, Location] = {}
    set_aside: dict[str, tuple[Claim, str]] = {}
    checks: list[Check] = []
    flags: list[Discrepancy] = []
    aliases: dict[str, str] = {}
    labels: dict[str, str] = {}
    for part in parts:  # (most parts hold no checks, labels or aliases: only the non-empty are merged)
        if part.checks:
            checks.extend(part.checks)
        if part.flags:
            flags.extend(part.flags)
        if part.labels:
            labels.update(part.labels)
        if part.set_aside:
            set_aside.update(part.set_aside)
        for place_id, named in part.located.items():
            located.setdefault(place_id, named)
        kept.extend(part.figures if everything else (f for f in part.figures if query.keeps(f, places)))
        if part.aliases:
            aliases.update(part.aliases)
    gone = died(kept)
    if gone:
        set_aside.update((f.claim.claim_id, (f.claim, DIED)) for f in gone.values())
        kept = [f for f in kept if f.claim.claim_id not in gone]
    by_claim = {f.claim.claim_id: f for f in kept}
    by_claim.update((claim_id, by_claim[into]) for claim_id, into in aliases.items() if into in by_claim)
    checks = [c for c in checks if c.whole in by_claim or c.derived in by_claim]
    flags = [d for d in flags if any(c in by_claim for c in d.claim_ids)]

    groups: dict[tuple[Any, ...], list[Figure]] = defaultdict(list)
    for f in kept:
        groups[group_of(f, labels, query.by)].append(f)
    remembered = Memo()
    tallies: list[Tally] = []
    incidents: list[Incident] = []
    for key, figures in groups.items():
        made, more_incidents, found = reduce_group(key, figures, located, remembered)
        tallies.extend(made)
        incidents.extend(more_incidents)
        flags.extend(found)
    tallies.sort(key=tally_order)
    incidents.sort(key=incident_order)
    if query.by == "place":
        more_checks, more_flags = containment(tallies, places, Quotes(by_claim))
        checks.extend(more_checks)
        flags.extend(more_flags)
    return Reconciliation(tuple(tallies), tuple(incidents), tuple(checks), tuple(dict.fromkeys(flags)),
                          by_claim, set_aside)


def group_of(f: Figure, labels: Mapping[str, str], by: str) -> tuple[Any, ...]:
    """The group a figure is reconciled in: running tolls by outcome, victims and place; period
    figures by outcome, place and whether they are a report's event (then clustered by days)."""
    if f.kind == "toll":
        return ("toll", f.claim.outcome, f.victims, f.place_id, group_key(f, by))
    # a report's event that names no place is its own: unplaced events of one day are not one incident;
    # a figure a reviewer split off is its own incident too
    alone = labels.get(f.claim.claim_id) or (
        f.story if f.place_id is None and f.claim.evidence.get("rule") == "event" else None)
    return ("period", f.claim.outcome, f.claim.scope == "event", f.place_id, group_key(f, by), alone)


class Memo:
    """Results remembered between reconciliations: the same figures or tallies (the very objects)
    under the same key give the same result as last time. `fresh` holds what this round used,
    the objects too, so no id in a key is reused by a new object meanwhile; it is the next
    round's `before`."""

    def __init__(self, before: dict[Any, Any] | None = None) -> None:
        self.before = before if before is not None else {}
        self.fresh: dict[Any, Any] = {}

    def __call__(self, key: tuple[Any, ...], objects: list[Any], make: Callable[[], Any]) -> Any:
        full = (*key, tuple(map(id, objects)))
        done = self.before[full][1] if full in self.before else make()
        self.fresh[full] = (objects, done)
        return done


def reduce_group(key: tuple[Any, ...], figures: list[Figure], located: Mapping[str, Location],
                 remembered: Memo) -> tuple[list[Tally], list[Incident], list[Discrepancy]]:
    """One group's tallies (and incidents) and the flags they raise. Period figures are clustered
    by days, each cluster remembered apart, so a new figure redoes only its own."""
    kind, _, detail, place_id, group, *_ = key
    where = located.get(place_id) if place_id else None
    if kind == "toll":
        t, found = remembered((key, where), figures, lambda: tally(figures, "toll", where, group))
        return [t], [], list(found)
    tallies: list[Tally] = []
    incidents: list[Incident] = []
    flags: list[Discrepancy] = []
    for cluster in remembered(("clusters", key), figures, lambda: cluster_periods(figures)):
        made, more_incidents, found = remembered(("cluster", detail, where, group), cluster,
                                                 lambda: _cluster(detail, cluster, where, group))  # noqa: B023
        tallies.extend(made)
        incidents.extend(more_incidents)
        flags.extend(found)
    return tallies, incidents, flags


def tally_order(t: Tally) -> tuple[Any, ...]:
    return t.place_id or "", t.outcome, t.victims.order, t.kind == "period", t.start or "", t.group or ""


def incident_order(i: Incident) -> tuple[Any, ...]:
    return i.start, i.place.place_id if i.place else "", i.outcome


def _cluster(detail: bool, cluster: list[Figure], where: Location | None,
             group: str | None) -> tuple[list[Tally], list[Incident], list[Discrepancy]]:
    """One cluster's tallies (and incident, for event figures) and the flags they raise."""
    if detail:  # event figures: one incident, a tally for each victim class
        inc, found = incident(cluster, where, group)
        return list(inc.by_victims), [inc], found
    tallies: list[Tally] = []
    flags: list[Discrepancy] = []
    for same in victims_of(cluster).values():
        t, more = tally(same, "period", where, group)
        tallies.append(t)
        flags.extend(more)
    return tallies, [], flags


class Quotes(Mapping[str, str]):
    """Each claim's quote, looked up when a flag needs it (most never do)."""

    def __init__(self, figures: dict[str, Figure]) -> None:
        self._figures = figures

    def __getitem__(self, claim_id: str) -> str:
        return self._figures[claim_id].claim.quote

    def __iter__(self) -> Iterator[str]:
        return iter(self._figures)

    def __len__(self) -> int:
        return len(self._figures)


DIED = "died: another report of the same days and place says this person was killed"


def died(figures: Iterable[Figure]) -> dict[str, Figure]:
    """One report says a 17-year-old was shot; a later one, of the same days and place, that a
    17-year-old died: one person, dead, not one dead and one hurt. The figures of the wounded who
    died, by claim id. A person is known across reports only by an age or a name both give
    (tollwatch.extract.events.surely_same)."""
    figures = list(figures)
    described = [f for f in figures if "person" in f.claim.evidence]  # few: single victims told apart
    dead: dict[object, list[tuple[Figure, Person]]] = defaultdict(list)
    for f in described:
        if f.claim.outcome == "killed" and (who := _person(f)) is not None:
            for key in _person_keys(who):
                dead[key].append((f, who))
    gone: dict[str, Figure] = {}
    told = _told(figures)
    lone_dead = [(f, person(f.claim)) for f in described if f.claim.outcome == "killed"
                 and f.claim.evidence.get("single_victim") and told.get(_event(f)) == {"killed": 1}]
    if not dead and not lone_dead:
        return gone
    for f in described:
        who = _person(f) if f.claim.outcome == "injured" and f.best == 1 else None
        if who is None:
            continue
        if any(g.story != f.story and _same_days(f, g) and nested(f.place_id, g.place_id)
               and surely_same(who, them, placed=bool(f.place_id and g.place_id))
               for key in _person_keys(who) for g, them in dead.get(key, ())):
            gone[f.claim.claim_id] = f
        elif told.get(_event(f)) == {"injured": 1} and any(
                g.story != f.story and _same_days(f, g) and f.place_id and g.place_id and nested(f.place_id, g.place_id)
                and same_person(who, them) and _same_sex(who, them) for g, them in lone_dead):
            # "a man was shot in Tulsa" in one report; "a man died in Tulsa" of the same day in another:
            # each tells of one person only, of one sex, so it is the one, dead
            gone[f.claim.claim_id] = f
    return gone


def _same_sex(a: Person, b: Person) -> bool:
    return a[1] is not None and a[1] == b[1]


def _event(f: Figure) -> tuple[str, object]:
    return f.story, f.claim.evidence.get("event_id")


def _told(figures: Iterable[Figure]) -> dict[tuple[str, object], dict[str, int]]:
    """Per report's event, the people it counts per outcome."""
    out: dict[tuple[str, object], dict[str, int]] = defaultdict(dict)
    for f in figures:
        if f.best and f.claim.outcome in ("killed", "injured"):
            held = out[_event(f)]
            held[f.claim.outcome] = max(held.get(f.claim.outcome, 0), f.best)
    return out


def _person(f: Figure) -> Person | None:
    who = person(f.claim)
    return who if any(x is not None for x in who) else None


def _person_keys(who: Person) -> list[object]:
    age, _, name = who
    keys: list[object] = [("name", name.rsplit(maxsplit=1)[-1])] if name else []
    if age is not None:
        keys += [("age", a) for a in ((age - 1, age, age + 1) if age <= 2 else (age,))]
    return keys


def _same_days(a: Figure, b: Figure) -> bool:
    return bool(a.start and a.end and b.start and b.end and a.start <= b.end and b.start <= a.end)


def default_places() -> PlaceTree:
    from tollwatch.normalise import default_normaliser

    return PlaceTree(default_normaliser().gazetteer.regions())


_PROPER_NAME = re.compile(r"^(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+(?:of|for|and|the|de|al)?\s*[A-Z][\w'’.&-]*)+$")


def default_identified() -> Identified:
    """A source is one identity across documents when the registry knows it or it is a proper
    name ("Kurdistan Health Directorate"); "medics" or "reports" are only this report's witnesses."""
    from tollwatch.normalise import default_normaliser

    registry = default_normaliser().sources

    def identified(s: Source) -> bool:
        return bool(s.source_id) and (registry.knows(s.source_id or "") or bool(s.name and _PROPER_NAME.match(s.name)))
    return identified


def _name_places(figures: Iterable[Figure], located: dict[str, Location]) -> None:
    """A Location for each place id, from the first claim that names it."""
    for f in figures:
        loc = f.claim.location
        if loc is not None and loc.place_id and loc.place_id not in located:
            located[loc.place_id] = replace(loc, text=loc.name or loc.text)


from tollwatch.reconcile.standing import Standing  # noqa: E402  (built on the names above)
