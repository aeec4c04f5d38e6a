"""Tallies: figures for one quantity, across sources, reduced to low/best/high.

The rules (docs/reconciliation.md explains them with a worked example):
- each source counts once, with its latest figure; its earlier ones form a series, and a later
  figure below an earlier one is flagged `revised_down`;
- `low` is the smallest figure any source's wording allows (UCDP's low, Iraq Body Count's
  minimum), `high` the largest (an open-ended "over 400" contributes 401), and `best` is the
  figure of the most credible source, the lowest on a tie (UCDP's best, ACLED's conservatism);
- figures that cannot all hold (one source's lower bound above another's upper bound, for the
  same days or, for running tolls, an earlier date) are flagged `contradiction`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tollwatch.models import Location
from tollwatch.reconcile.figures import Figure, Kind, VictimKey
from tollwatch.reconcile.records import Discrepancy, SourceFigure, Tally, stable_id

def group_key(f: Figure, by: str) -> str | None:
    """The value of the extra dimension tallies are split by: none for "place", the as-of day for
    "day", the source for "source"."""
    return f.source_key if by == "source" else f.end if by == "day" else None


def tally(figures: Sequence[Figure], kind: Kind, place: Location | None, group: str | None = None,
          incident_id: str | None = None) -> tuple[Tally, list[Discrepancy]]:
    first = figures[0]
    by_source: dict[str, list[Figure]] = defaultdict(list)
    for f in figures:
        by_source[f.source_key].append(f)
    standing: list[tuple[SourceFigure, Figure]] = []
    flags: list[Discrepancy] = []
    for series in by_source.values():
        latest = max(series, key=_recency)
        earlier = sorted((f for f in series if f is not latest), key=lambda f: (f.end or "", f.claim.start))
        standing.append((SourceFigure(
            latest.source_key, latest.source_label, latest.claim.source.kind, latest.claim.claim_id, latest.low,
            latest.best, latest.high, latest.end, latest.derived, tuple(f.claim.claim_id for f in earlier),
            len({f.story for f in series})), latest))
        dropped = [f for f in earlier if (f.end or "") < (latest.end or "") and f.best > latest.best]
        if dropped:
            flags.append(_revised_down(max(dropped, key=lambda f: f.best), latest))
    standing.sort(key=lambda s: (s[1].rank, -s[0].stories, s[0].best, s[0].source_key))
    sources = tuple(s for s, _ in standing)
    best = sources[0]
    manners = {f.claim.manner for f in figures if f.claim.manner}
    start = min((f.start for f in figures if f.start), default=None) if kind == "period" else None
    end = max((f.end for f in figures if f.end), default=None)
    tally_id = stable_id("tly-", kind, first.claim.outcome, first.victims, place.place_id if place else "",
                         start, group, incident_id)
    result = Tally(
        tally_id, kind, first.claim.outcome, first.victims, place, start, end,
        low=min(s.low for s in sources), best=best.best,
        high=max(s.high if s.high is not None else s.best for s in sources),
        open_ended=any(s.high is None for s in sources), best_source=best.source_key, sources=sources,
        claim_ids=tuple(f.claim.claim_id for f in figures), manner=next(iter(manners)) if len(manners) == 1 else None,
        incident_id=incident_id, group=group, dated=not any(f.window_inferred for f in figures))
    flags = [_with_tally(d, tally_id) for d in flags]
    conflict = _contradiction([f for _, f in standing], kind, result)
    return result, flags + ([conflict] if conflict else [])


def cluster_periods(figures: Iterable[Figure]) -> list[list[Figure]]:
    """Groups of figures that share at least one day and whose manners agree (a figure with no
    manner joins any). Sharing a day with the whole group, not just with one member, keeps a
    run of daily reports from chaining into a months-long "incident"."""
    done: list[list[Figure]] = []
    open_: list[_Cluster] = []
    for f in sorted(figures, key=lambda f: (f.start or "", f.end or "")):
        start, end = f.start or "", f.end or ""
        done.extend(c.figures for c in open_ if c.end < start)
        open_ = [c for c in open_ if c.end >= start]
        home = next((c for c in open_ if c.accepts(f.claim.manner, end)), None)
        if home is None:
            home = _Cluster(start=start, end=end)
            open_.append(home)
        home.add(f)
    done.extend(c.figures for c in open_)
    return done


@dataclass
class _Cluster:
    start: str  # the days every member covers
    end: str
    figures: list[Figure] = field(default_factory=list)
    manners: set[str] = field(default_factory=set)

    def accepts(self, manner: str | None, end: str) -> bool:
        # figures arrive by start date, so a figure that starts by self.end shares a day if it ends after self.start
        return end >= self.start and (manner is None or not self.manners or manner in self.manners)

    def add(self, f: Figure) -> None:
        self.figures.append(f)
        self.start, self.end = max(self.start, f.start or ""), min(self.end, f.end or "")
        if f.claim.manner:
            self.manners.add(f.claim.manner)


def _recency(f: Figure) -> tuple[str, str, int, int]:
    # latest as-of date, then the later report, then the tighter wording, then the higher floor
    width = (f.high - f.low) if f.high is not None else 10**12
    return f.end or "", f.published or "", -width, f.low


def _contradiction(figures: list[Figure], kind: Kind, t: Tally) -> Discrepancy | None:
    """One source's floor above another's ceiling. For a running toll the floor must come from the
    same date or earlier: a later, higher toll is growth, not a contradiction."""
    by_floor = sorted(figures, key=lambda f: -f.low)
    worst: tuple[Figure, list[Figure]] | None = None
    for ceiling in sorted((f for f in figures if f.high is not None), key=lambda f: f.high or 0):
        above = []
        for f in by_floor:
            if f.low <= (ceiling.high or 0):
                break
            if kind == "period" or (f.end or "") <= (ceiling.end or ""):
                above.append(f)
        if above:
            worst = (ceiling, above)
            break
    if worst is None:
        return None
    ceiling, above = worst
    sides = [ceiling, *above]
    reason = (f"{_said(ceiling)} cannot hold with {'; '.join(_said(f) for f in above)}, for {describe(t)}"
              + (f" as of {ceiling.end}" if kind == "toll" and ceiling.end else ""))
    return Discrepancy(stable_id("dsc-", "contradiction", *(f.claim.claim_id for f in sides)), "contradiction",
                       tuple(f.claim.claim_id for f in sides), tuple(f.source_label for f in sides),
                       tuple(f.claim.quote for f in sides), reason, t.tally_id)


def _revised_down(earlier: Figure, later: Figure) -> Discrepancy:
    reason = (f"{later.source_label} lowered its figure from {earlier.claim.count.text!r} ({earlier.end}) "
              f"to {later.claim.count.text!r} ({later.end})")
    return Discrepancy(stable_id("dsc-", "revised_down", earlier.claim.claim_id, later.claim.claim_id),
                       "revised_down", (earlier.claim.claim_id, later.claim.claim_id),
                       (earlier.source_label, later.source_label), (earlier.claim.quote, later.claim.quote), reason)


def _with_tally(d: Discrepancy, tally_id: str) -> Discrepancy:
    return Discrepancy(d.discrepancy_id, d.kind, d.claim_ids, d.sources, d.quotes, d.reason, tally_id)


def _said(f: Figure) -> str:
    bounds = f"{f.low}" if f.high == f.low else f"at least {f.low}" if f.high is None else f"{f.low} to {f.high}"
    words = f"derived: {f.claim.count.text}" if f.derived else repr(f.claim.count.text)
    return f"{bounds} ({words}) according to {f.source_label}"


def describe(t: Tally) -> str:
    """"civilians killed in Syrian coast"."""
    return f"{t.victims.label()} {t.outcome}" + (f" in {t.place.name}" if t.place and t.place.name else "")


def victims_of(figures: Iterable[Figure]) -> dict[VictimKey, list[Figure]]:
    out: dict[VictimKey, list[Figure]] = defaultdict(list)
    for f in figures:
        out[f.victims].append(f)
    return out
