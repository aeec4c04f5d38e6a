"""Normalisation: one identity for each place, source and actor a claim mentions, offline.

    normaliser = Normaliser()            # tollwatch's data, plus $TOLLWATCH_CONFIG if set
    claims = normaliser.claims(claims)   # locations resolved, source and actor ids filled

A user file (YAML) extends the built-in data with sections `places`, `aliases`, `sources` and
`actors`, in the shapes of the files in tollwatch/normalise/data/.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from tollwatch.models import Claim, Location
from tollwatch.normalise.codes import SubdivisionCodes
from tollwatch.normalise.config import read_config
from tollwatch.normalise.gazetteer import Gazetteer, load
from tollwatch.normalise.places import PlaceResolver, Resolved
from tollwatch.normalise.registry import Registry

__all__ = ["Normaliser", "default_normaliser"]


class Normaliser:
    def __init__(self, config: Path | None = None) -> None:
        self.config = config
        self.sources = Registry("sources")
        self.actors = Registry("actors")
        self._user: dict[str, Any] = {}
        if config is not None:  # read and checked once; each part takes its own sections
            self._user = read_config(config)
            self.sources.load_data(self._user, str(config))
            self.actors.load_data(self._user, str(config))

    @cached_property
    def gazetteer(self) -> Gazetteer:
        # loaded on first use: a document without place names never pays for it
        return load(self._user, str(self.config))

    @cached_property
    def places(self) -> PlaceResolver:
        return PlaceResolver(self.gazetteer)

    @cached_property
    def codes(self) -> SubdivisionCodes:
        return SubdivisionCodes(self.gazetteer)

    def place_id(self, ref: str) -> str | None:
        """The place a user means by `ref`: a gazetteer id as it is, else what the name resolves to."""
        if ref in self.gazetteer:
            return ref
        found = self.places.resolve_all([ref]).get(ref)
        return found.place.place_id if found else None

    def claims(self, claims: Sequence[Claim], outlet: str | None = None,
               context: Callable[[], Sequence[str]] | None = None) -> list[Claim]:
        """The same claims with locations resolved and source and actor ids filled in. A figure the
        document states in its own voice is the outlet's (`outlet`: the site's name), when known.
        `context` gives the other places the document names, which help say which of its
        namesakes a claim's place is ("Auburn" in a report datelined "SACRAMENTO, Calif.")."""
        mentions = [c.location.text for c in claims if c.location is not None]
        resolved = self.places.resolve_all(mentions, context) if mentions else {}
        countries = Counter(r.place.country for r in resolved.values() if r is not None)
        country = countries.most_common(1)[0][0] if countries else None
        out = []
        for c in claims:
            location = c.location
            if location is not None and (r := resolved.get(location.text)) is not None:
                location = _located(location, r, self.codes.code(r.place.place_id))
            source = c.source
            if source.name:
                entry = self.sources.lookup(source.name)
                source_id = self.sources.id_for(source.name)
                if entry and entry.per_country and country:
                    source_id = f"{source_id}-{country.lower()}"
                source = replace(source, source_id=source_id, kind=source.kind or (entry.kind if entry else None))  # type: ignore[arg-type]
            elif outlet:
                source = replace(source, source_id=self.sources.id_for(outlet), kind="outlet")
            perpetrator = c.perpetrator
            if perpetrator is not None:
                perpetrator = replace(perpetrator, actor_id=self.actors.id_for(perpetrator.text))
            out.append(replace(c, location=location, source=source, perpetrator=perpetrator))
        return out


def _located(location: Location, r: Resolved, admin1_code: str | None) -> Location:
    p = r.place
    return replace(location, place_id=p.place_id, name=p.name, admin1=p.admin1 if p.kind == "city" else
                   (p.name if p.kind == "admin1" else None), country=p.country, lat=p.lat, lon=p.lon,
                   precision=r.precision, admin1_code=admin1_code)


@lru_cache(maxsize=1)
def default_normaliser() -> Normaliser:
    config = os.environ.get("TOLLWATCH_CONFIG")
    return Normaliser(Path(config) if config else None)
