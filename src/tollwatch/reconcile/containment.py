"""Figures inside figures: a Baniyas toll is part of the coast's, Friday's part of the week's,
Alawite civilians part of all civilians. Parts that cannot overlap are added up, and their sum
must not exceed the whole."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from collections.abc import Iterable, Mapping, Sequence

from tollwatch.models import Place
from tollwatch.reconcile.figures import ALL, VictimKey
from tollwatch.reconcile.records import Check, Discrepancy, SourceFigure, Tally, stable_id
from tollwatch.reconcile.tallies import describe

MAX_PARTS = 200  # the largest parts tried for the sum; enough for any tally a person reads


class PlaceTree:
    """Containment between place ids: prefixes ("SY/tartus/baniyas" lies in "SY/tartus" and "SY")
    and regions, which list their member areas."""

    def __init__(self, regions: Iterable[Place] = ()) -> None:
        self.regions: dict[str, Place] = {r.place_id: r for r in regions}
        self._containing: dict[str, list[str]] = defaultdict(list)
        for r in self.regions.values():
            for member in r.members:
                self._containing[member].append(r.place_id)
        self._ancestors: dict[str, list[str]] = {}  # asked for again and again while reconciling
        # (outcome, victims, place) -> the wholes' keys a tally of it is a part of (containment)
        self.part_keys: dict[tuple[str, VictimKey, str | None], list[tuple[str, VictimKey, str]]] = {}

    def ancestors(self, place_id: str) -> list[str]:
        """Every place strictly containing `place_id`, nearest first."""
        found = self._ancestors.get(place_id)
        if found is None:
            found = self._ancestors[place_id] = self._find_ancestors(place_id)
        return found

    def _find_ancestors(self, place_id: str) -> list[str]:
        if place_id in self.regions:
            return [self.regions[place_id].country]
        if place_id.startswith("region/"):  # a region this tree was not given
            return []
        chain = place_id.split("/")
        prefixes = ["/".join(chain[:i]) for i in range(len(chain) - 1, 0, -1)]
        regions = [r for p in [place_id, *prefixes] for r in self._containing.get(p, ())]
        return [*prefixes[:-1], *regions, *prefixes[-1:]]

    def contains(self, outer: str, inner: str) -> bool:
        return outer == inner or outer in self.ancestors(inner)


@lru_cache(maxsize=4096)
def broader(v: VictimKey) -> list[VictimKey]:
    """Victim keys counting everyone `v` counts, `v` itself excluded."""
    keys = []
    if v.attributes:
        keys.append(VictimKey(v.category, v.group))
    if v.group:
        keys.append(VictimKey(v.category))
    category = v.category
    while category != ALL:
        category = "combatant" if category in ("state_forces", "non_state_armed") else ALL
        keys.append(VictimKey(category))
    return keys


def containment(tallies: Sequence[Tally], places: PlaceTree,
                quotes: Mapping[str, str]) -> tuple[list[Check], list[Discrepancy]]:
    """A check for each tally that has parts: running tolls and multi-day totals, against the
    tallies for places, days and victims inside them (in the order of the tallies)."""
    found = Containment(places)
    for t in tallies:
        found.add(t)
    return found.checks(tallies, quotes)


class Containment:
    """Which tallies are parts of which, kept as tallies come and go (the whole ledger's standing
    reconciliation replaces a few at a time), and each whole's check, made again only when its
    parts change. Tallies are told apart by identity: a changed tally is a new object."""

    def __init__(self, places: PlaceTree) -> None:
        self.places = places
        self._wholes: dict[tuple[str, VictimKey, str], dict[int, Tally]] = defaultdict(dict)
        self._under: dict[tuple[str, VictimKey, str], dict[int, Tally]] = defaultdict(dict)  # may be parts of these
        self._parts: dict[int, dict[int, Tally]] = {}  # whole -> its parts
        self._done: dict[int, tuple[Check, Discrepancy | None]] = {}  # whole -> its check, while its parts stand

    def add(self, t: Tally) -> None:
        own = _own(t)
        for key in _part_keys(t, self.places):
            self._under[key][id(t)] = t
            for w in self._wholes.get(key, {}).values():
                if w is not t and _within(t, w) and (key != own or _longer(w, t)):
                    self._parts.setdefault(id(w), {})[id(t)] = t
                    self._done.pop(id(w), None)
        if _is_whole(t):
            self._wholes[own][id(t)] = t
            for p in self._under.get(own, {}).values():
                if p is not t and _within(p, t) and (own != _own(p) or _longer(t, p)):
                    self._parts.setdefault(id(t), {})[id(p)] = p

    def remove(self, t: Tally) -> None:
        for key in _part_keys(t, self.places):
            self._under[key].pop(id(t), None)
            for w in self._wholes.get(key, {}).values():
                if self._parts.get(id(w), {}).pop(id(t), None) is not None:
                    self._done.pop(id(w), None)
        if _is_whole(t):
            self._wholes[_own(t)].pop(id(t), None)
            self._parts.pop(id(t), None)
            self._done.pop(id(t), None)

    def checks(self, tallies: Sequence[Tally], quotes: Mapping[str, str]) -> tuple[list[Check], list[Discrepancy]]:
        """The check of each whole with parts, in the order of `tallies` (every tally added and
        none removed), its parts in that order too."""
        position: dict[int, int] | None = None
        checks, flags = [], []
        for whole in tallies:
            parts = self._parts.get(id(whole))
            if not parts:
                continue
            done = self._done.get(id(whole))
            if done is None:
                if position is None:
                    position = {id(t): n for n, t in enumerate(tallies)}
                found = sorted(parts.values(), key=lambda t: position[id(t)])  # noqa: B023
                done = self._done[id(whole)] = _sum_check(whole, found, self.places, quotes)
            checks.append(done[0])
            if done[1]:
                flags.append(done[1])
        return checks, flags


def _own(t: Tally) -> tuple[str, VictimKey, str]:
    return t.outcome, t.victims, t.place_id or ""


def _is_whole(t: Tally) -> bool:
    """Running tolls and totals over days that are no incident have parts."""
    return t.kind == "toll" or t.incident_id is None


def _part_keys(t: Tally, places: PlaceTree) -> list[tuple[str, VictimKey, str]]:
    """The keys of the wholes a tally may be part of: its place and every place around it, its
    victims and every broader class (the same for every tally of one outcome, class and place,
    so worked out once per tree)."""
    at = (t.outcome, t.victims, t.place_id)
    keys = places.part_keys.get(at)
    if keys is None:
        keys = places.part_keys[at] = [
            (t.outcome, victims, place_id)
            for place_id in ([t.place_id, *places.ancestors(t.place_id)] if t.place_id else [""])
            for victims in [t.victims, *broader(t.victims)]]
    return keys


def _longer(whole: Tally, part: Tally) -> bool:
    return (whole.start or "") < (part.start or "") or (whole.end or "") > (part.end or "")


def _within(part: Tally, whole: Tally) -> bool:
    if (part.end or "") > (whole.end or ""):
        return False
    return whole.kind == "toll" or (part.start is not None and (whole.start or "") <= part.start)


def _disjoint(a: Tally, b: Tally, places: PlaceTree) -> bool:
    if a.victims.disjoint(b.victims):
        return True
    if a.place_id and b.place_id and not (places.contains(a.place_id, b.place_id) or
                                          places.contains(b.place_id, a.place_id)):
        return True
    # stated windows that do not meet; a running toll reaches back to the start, and days guessed
    # from a publication date are too loose to keep two figures apart
    return a.start is not None and b.start is not None and a.dated and b.dated and (
        (a.end or "") < b.start or (b.end or "") < a.start)


def _sum_check(whole: Tally, found: list[Tally], places: PlaceTree, quotes: Mapping[str, str]) -> tuple[Check, Discrepancy | None]:
    chosen: list[Tally] = []
    for t in sorted({t.tally_id: t for t in found}.values(), key=lambda t: -t.low)[:MAX_PARTS]:
        if all(_disjoint(t, c, places) for c in chosen):
            chosen.append(t)
    total = sum(t.low for t in chosen)
    standing = whole.standing
    ceiling = standing.high
    ids = tuple(t.tally_id for t in chosen)
    terms = " + ".join(str(t.low) for t in chosen)
    check_id = stable_id("chk-", whole.tally_id, *ids)
    if ceiling is None or total <= ceiling:
        bound = "no upper bound" if ceiling is None else str(ceiling)
        return Check(check_id, "containment", whole.tally_id, ids, f"{terms} ≤ {bound}", "ok"), None
    expression = f"{terms} = {total} > {ceiling}" if len(chosen) > 1 else f"{total} > {ceiling}"
    behind = [standing] + [_floor_source(t) for t in chosen]
    claim_ids = tuple(s.claim_id for s in behind)
    parts = " + ".join(f"{s.low} according to {s.name}" for s in behind[1:])
    reason = (f"{parts} {'is' if len(chosen) == 1 else 'are'} part of {describe(whole)}, which is at most "
              f"{ceiling} according to {standing.name}")
    flag = Discrepancy(stable_id("dsc-", "containment", whole.tally_id, *ids), "parts_exceed_whole", claim_ids,
                       tuple(s.name for s in behind), tuple(quotes.get(c, "") for c in claim_ids), reason, whole.tally_id)
    return Check(check_id, "containment", whole.tally_id, ids, expression, "fail"), flag


def _floor_source(t: Tally) -> SourceFigure:
    """The source figure that sets a tally's low."""
    return min(t.sources, key=lambda s: s.low)
