"""Incidents: one event across reports, like a row of ACLED or UCDP.

Event figures for the same place and outcome whose days overlap and whose manners agree are one
incident. Its figures for each victim class are tallies; its totals add classes that cannot
overlap (civilians, each armed side) and never fall below a figure for all victims."""

from __future__ import annotations

from collections.abc import Sequence

from tollwatch.models import Location
from tollwatch.reconcile.figures import ALL, Figure, VictimKey
from tollwatch.reconcile.records import Discrepancy, Incident, Tally, stable_id
from tollwatch.reconcile.tallies import tally, victims_of


def incident(cluster: Sequence[Figure], place: Location | None, group: str | None = None
             ) -> tuple[Incident, list[Discrepancy]]:
    first = cluster[0]
    start = min(f.start or "" for f in cluster)
    end = max(f.end or "" for f in cluster)
    manners = sorted({f.claim.manner for f in cluster if f.claim.manner})
    # the earliest claim keeps apart two incidents of one day and place (two shootings in one city)
    incident_id = stable_id("inc-", first.claim.outcome, place.place_id if place else "", start, *manners, group,
                            min(f.claim.claim_id for f in cluster))
    tallies: list[Tally] = []
    flags: list[Discrepancy] = []
    for figures in victims_of(cluster).values():
        t, found = tally(figures, "period", place, group, incident_id)
        tallies.append(t)
        flags.extend(found)
    tallies.sort(key=lambda t: t.victims.order)
    low, best, high = totals(tallies)
    sources = tuple(dict.fromkeys(s.name for t in tallies for s in t.sources))
    return Incident(incident_id, first.claim.outcome, manners[0] if manners else None, place, start, end,
                    low, best, high, tuple(tallies), sources,
                    tuple(dict.fromkeys(c for f in cluster for c in f.claim.evidence.get("claim_ids", [f.claim.claim_id])))), flags


def totals(tallies: Sequence[Tally]) -> tuple[int, int, int]:
    """low, best, high for everyone an incident's tallies count: the larger of the figure for all
    victims and the sum over victim classes that cannot overlap."""
    chosen: list[Tally] = []
    for t in sorted(tallies, key=lambda t: -t.best):
        if all(t.victims.disjoint(c.victims) for c in chosen):
            chosen.append(t)
    everyone = [t for t in tallies if t.victims == VictimKey(ALL)]
    low = max([sum(t.low for t in chosen)] + [t.low for t in everyone])
    best = max([sum(t.best for t in chosen)] + [t.best for t in everyone])
    high = max([sum(t.high for t in chosen)] + [t.high for t in everyone])
    return low, best, max(high, best)
