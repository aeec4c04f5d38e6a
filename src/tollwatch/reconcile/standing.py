"""The whole ledger's reconciliation, standing: kept as groups of figures and updated document by
document, so that a few new reports redo only the groups their figures join.

reconcile.combine reconciles every document's part from scratch, which at 100,000 claims takes
most of a second even when it remembers each group's tallies. Here what every document
contributes is kept (its figures in their groups, its claims, checks and flags), so an update
withdraws the old contribution of each changed document, adds the new one, and reduces again
only the groups that changed. The result equals `combine(parts, Query(), places)` over the same
parts, in the same order (tests/test_incremental.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from tollwatch.models import Claim, Location
from tollwatch.reconcile import (DIED, DocumentPart, Memo, PlaceTree, Quotes, Reconciliation, died, group_of,
                                 incident_order, reduce_group, tally_order)
from tollwatch.reconcile.containment import Containment
from tollwatch.reconcile.figures import Figure
from tollwatch.reconcile.records import Check, Discrepancy, Incident, Tally


@dataclass
class _Group:
    members: dict[str, tuple[int, list[Figure]]] = field(default_factory=dict)  # doc -> (first index, its figures)
    first: tuple[str, int] = ("", 0)  # where its first figure comes in the ledger: groups are reduced in that order
    tallies: list[Tally] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    memo: dict[Any, Any] = field(default_factory=dict)


@dataclass
class _Share:
    """What one document contributes now, to be withdrawn when it changes."""

    groups: set[tuple[Any, ...]]
    claim_ids: list[str]   # its entries in the figures by claim
    aside_ids: list[str]   # its entries in the claims set aside
    places: list[str]      # the places it names
    checks: list[Check]
    flags: list[Discrepancy]


class Standing:
    """Every figure of the ledger reconciled (the whole-ledger query), updated by documents."""

    def __init__(self, places: PlaceTree) -> None:
        self.places = places
        self._parts: dict[str, DocumentPart] = {}
        self._shares: dict[str, _Share] = {}
        self._groups: dict[tuple[Any, ...], _Group] = {}
        self._at: dict[str, set[tuple[Any, ...]]] = defaultdict(set)  # place id -> its groups
        self._named: dict[str, dict[str, Location]] = defaultdict(dict)  # place id -> doc -> how it names it
        self._located: dict[str, Location] = {}
        self._described: dict[str, list[Figure]] = {}  # doc -> its figures of one person told apart (few)
        self._died: dict[str, Figure] = {}
        self._by_claim: dict[str, Figure] = {}
        self._set_aside: dict[str, tuple[Claim, str]] = {}
        self._tallies: _Ordered[Tally] = _Ordered(tally_order)
        self._incidents: _Ordered[Incident] = _Ordered(incident_order)
        self._flagged: dict[tuple[Any, ...], list[Discrepancy]] = {}  # group -> its flags
        self._noted: dict[str, _Share] = {}  # the shares that hold checks or flags
        self._containment = Containment(places)

    def update(self, parts: Mapping[str, DocumentPart | None]) -> Reconciliation:
        """The reconciliation once these documents' parts replace what they were (None: the document
        is gone or contributes nothing)."""
        for doc_id, part in parts.items():
            if part is None:
                self._parts.pop(doc_id, None)
                self._described.pop(doc_id, None)
            else:
                self._parts[doc_id] = part
                self._described[doc_id] = [f for f in part.figures if "person" in f.claim.evidence]
                if not self._described[doc_id]:
                    del self._described[doc_id]
        gone = died(f for doc_id in sorted(self._described) for f in self._described[doc_id])
        changed = set(parts) | {f.claim.doc_id for c, f in {**self._died, **gone}.items()
                                if (c in gone) != (c in self._died)}
        self._died = gone
        dirty: set[tuple[Any, ...]] = set()
        places: set[str] = set()
        for doc_id in changed:
            self._withdraw(doc_id, dirty, places)
            if doc_id in self._parts:
                self._contribute(self._parts[doc_id], dirty, places)
        for place_id in places:
            named = self._named.get(place_id)
            where = named[min(named)] if named else None
            if where != self._located.get(place_id):
                dirty |= self._at.get(place_id, set())
                if where is None:
                    del self._located[place_id]
                else:
                    self._located[place_id] = where
        for key in dirty:
            self._reduce(key)
        return self._result()

    def _withdraw(self, doc_id: str, dirty: set[tuple[Any, ...]], places: set[str]) -> None:
        share = self._shares.pop(doc_id, None)
        self._noted.pop(doc_id, None)
        if share is None:
            return
        for key in share.groups:
            self._groups[key].members.pop(doc_id, None)
            dirty.add(key)
        for claim_id in share.claim_ids:
            self._by_claim.pop(claim_id, None)
        for claim_id in share.aside_ids:
            self._set_aside.pop(claim_id, None)
        for place_id in share.places:
            named = self._named[place_id]
            named.pop(doc_id, None)
            if not named:
                del self._named[place_id]
            places.add(place_id)

    def _contribute(self, part: DocumentPart, dirty: set[tuple[Any, ...]], places: set[str]) -> None:
        """A document's figures into their groups, as reconcile.combine reads them."""
        kept = [(n, f) for n, f in enumerate(part.figures) if f.claim.claim_id not in self._died]
        aside = dict(part.set_aside)
        aside.update((c, (f.claim, DIED)) for c, f in self._died.items() if f.claim.doc_id == part.doc_id)
        by_claim = {f.claim.claim_id: f for _, f in kept}
        by_claim.update((c, by_claim[into]) for c, into in part.aliases.items() if into in by_claim)
        groups: set[tuple[Any, ...]] = set()
        for n, f in kept:
            key = group_of(f, part.labels, "place")
            group = self._groups.get(key)
            if group is None:
                group = self._groups[key] = _Group()
                if f.place_id:
                    self._at[f.place_id].add(key)
            if part.doc_id in group.members:
                group.members[part.doc_id][1].append(f)
            else:
                group.members[part.doc_id] = (n, [f])
            groups.add(key)
        dirty |= groups
        for place_id, named in part.located.items():
            self._named[place_id][part.doc_id] = named
            places.add(place_id)
        self._by_claim.update(by_claim)
        self._set_aside.update(aside)
        share = self._shares[part.doc_id] = _Share(
            groups, list(by_claim), list(aside), list(part.located),
            [c for c in part.checks if c.whole in by_claim or c.derived in by_claim],
            [d for d in part.flags if any(c in by_claim for c in d.claim_ids)])
        if share.checks or share.flags:
            self._noted[part.doc_id] = share

    def _reduce(self, key: tuple[Any, ...]) -> None:
        group = self._groups[key]
        before_tallies, before_incidents = group.tallies, group.incidents
        self._tallies.remove(before_tallies)
        self._incidents.remove(before_incidents)
        self._flagged.pop(key, None)
        if not group.members:
            del self._groups[key]
            if key[3]:
                self._at[key[3]].discard(key)
            group.tallies, group.incidents = [], []
        else:
            docs = sorted(group.members)
            group.first = (docs[0], group.members[docs[0]][0])
            figures = [f for doc_id in docs for f in group.members[doc_id][1]]
            remembered = Memo(group.memo)
            group.tallies, group.incidents, flags = reduce_group(key, figures, self._located, remembered)
            group.memo = remembered.fresh
            self._tallies.add(group.first, group.tallies)
            self._incidents.add(group.first, group.incidents)
            if flags:
                self._flagged[key] = flags
        kept = {id(t) for t in group.tallies}
        for t in before_tallies:
            if id(t) not in kept:
                self._containment.remove(t)
        before = {id(t) for t in before_tallies}
        for t in group.tallies:
            if id(t) not in before:
                self._containment.add(t)

    def _result(self) -> Reconciliation:
        noted = [self._noted[d] for d in sorted(self._noted)]
        checks = [c for s in noted for c in s.checks]
        flags = [d for s in noted for d in s.flags]
        flags += (d for key in sorted(self._flagged, key=lambda k: self._groups[k].first) for d in self._flagged[key])
        by_claim = dict(self._by_claim)  # a copy: requests may still read the result before
        tallies = self._tallies.items
        more_checks, more_flags = self._containment.checks(tallies, Quotes(by_claim))
        return Reconciliation(tuple(tallies), tuple(self._incidents.items), tuple(checks + more_checks),
                              tuple(dict.fromkeys(flags + more_flags)), by_claim, dict(self._set_aside))


T = TypeVar("T", Tally, Incident)


class _Ordered(Generic[T]):
    """Tallies (or incidents) in the order reconcile.combine gives them: by `order`, then by their
    group's place in the ledger (its first figure's), then as the group gives them; kept sorted as
    groups are reduced again (the changes of one update are merged in at once)."""

    def __init__(self, order: Callable[[T], tuple[Any, ...]]) -> None:
        self.order: Callable[[T], tuple[Any, ...]] = order
        self._sorted: list[tuple[tuple[Any, ...], T]] = []  # (key, item); no two keys are equal
        self._gone: set[int] = set()  # by identity: the removed are still held in _sorted
        self._new: list[tuple[tuple[Any, ...], T]] = []
        self._items: list[T] = []

    def add(self, first: tuple[str, int], items: list[T]) -> None:
        self._new += (((self.order(item), first, n), item) for n, item in enumerate(items))

    def remove(self, items: list[T]) -> None:
        self._gone.update(map(id, items))

    @property
    def items(self) -> list[T]:
        if self._gone or self._new:
            gone = self._gone
            kept = [pair for pair in self._sorted if id(pair[1]) not in gone] if gone else self._sorted
            self._new.sort(key=_first)
            kept += self._new  # two sorted runs: sorting merges them in one pass
            kept.sort(key=_first)
            self._sorted, self._gone, self._new = kept, set(), []
            self._items = [item for _, item in kept]
        return self._items


def _first(pair: tuple[tuple[Any, ...], Any]) -> tuple[Any, ...]:
    return pair[0]
