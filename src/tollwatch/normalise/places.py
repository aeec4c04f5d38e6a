"""Resolve a document's place mentions to gazetteer entries, together.

Each mention is read for what it says about level ("Latakia province" is the governorate,
"northern Syria" a region of the country) and looked up under three name keys. The
candidates are then scored with what the rest of the document says: the countries its other
places agree on, and the areas they name (Baniyas next to "Tartus province" is the Syrian
Baniyas). Without such hints, exact names beat spelling variants, towns beat the
provinces named after them (as "Latakia" alone is usually the city), and larger places
beat smaller ones (Tripoli, Libya over Tripoli, Lebanon, until Lebanon is mentioned).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from tollwatch.models import Place
from tollwatch.normalise.gazetteer import Gazetteer
from tollwatch.normalise.names import is_arabic

_ADMIN_HINT = re.compile(r"\s+(?:province|governorate|state|region|oblast|district|countryside|county|territory|"
                         r"prefecture|division|department|municipality)$", re.I)
_DIRECTION = re.compile(r"^(?:the\s+)?(?:(?:north|south)-?(?:east|west)(?:ern)?|northern|southern|eastern|western|"
                        r"central|north|south|east|west|rural|coastal|downtown|uptown|midtown|suburban)\s+", re.I)
_PART = re.compile(r"\s+neighbou?rhood$", re.I)
_CITY_PARTS = frozenset({"side", "end", "shore", "bank", "village"})
_PRECISION = {"city": "point", "admin1": "admin1", "region": "region", "country": "country"}


@dataclass(frozen=True, slots=True)
class Resolved:
    place: Place
    precision: str
    score: float


@dataclass(frozen=True, slots=True)
class _Reading:
    candidates: tuple[tuple[Place, int], ...]
    admin_hint: bool
    directional: bool
    county: bool = False  # "Mason County": a county, which the gazetteer does not list
    part: bool = False  # "the Austin neighborhood": part of a town, the text's own


class PlaceResolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def read(self, mention: str) -> _Reading:
        text = mention.strip()
        whole = self.gazetteer.candidates(text)  # regions and aliases are stored as whole phrases
        if whole and max(t for _, t in whole) >= 2:
            return _Reading(tuple(whole), False, False)
        directional = bool(_DIRECTION.match(text))
        text = _DIRECTION.sub("", text)
        if directional and text.lower() in _CITY_PARTS:
            return _Reading((), False, True)  # "South Side", "East End": part of a city the text names, no town
        part = bool(_PART.search(text))
        if part:
            text = _PART.sub("", text)
        hint = bool(_ADMIN_HINT.search(text))
        county = bool(re.search(r"\s+county$", text, re.I))
        text = _ADMIN_HINT.sub("", text)
        text = re.sub(r"^the\s+", "", text, flags=re.I)
        return _Reading(tuple(self.gazetteer.candidates(text)), hint, directional, county, part)

    def resolve_all(self, mentions: Iterable[str],
                    context: Callable[[], Iterable[str]] | None = None) -> dict[str, Resolved | None]:
        """Each distinct mention's best reading in the light of the others, and of the `context`:
        the other places the document names ("CHELSEA, Mass."), asked for only when a mention has
        namesakes. They speak for a country and an area but, as a wire report from Beirut may be
        about Syria, rule no country out."""
        readings = {m: self.read(m) for m in dict.fromkeys(mentions)}
        votes: Counter[str] = Counter()
        hints: Counter[str] = Counter()
        named: set[str] = set()
        generic = {m for m in readings if _is_generic(m)}
        wanted = any(len(r.candidates) > 1 or r.part and r.candidates for r in readings.values())
        others = context() if context is not None and wanted else ()
        aside = {m: self.read(m) for m in dict.fromkeys(others) if m not in readings and not _is_generic(m)}
        # "in Austin shooting" above "in the Austin neighborhood": the same neighborhood
        parts = {_PART.sub("", m).strip().lower() for group in (readings, aside) for m, r in group.items() if r.part}
        readings = {m: replace(r, part=True) if m.strip().lower() in parts else r for m, r in readings.items()}
        for tally, group in ((votes, readings), (hints, aside)):
            for m, reading in group.items():
                if m in generic or reading.part:
                    continue  # "the western coast" says nothing of the country; the others must
                strong = {p.country for p, t in reading.candidates if t >= 2}
                if len(strong) == 1:
                    tally[strong.pop()] += 1
                if len(reading.candidates) == 1:
                    place, tier = reading.candidates[0]
                    named.add(place.place_id)
                    if tier >= 2:  # "Sacramento" names California too
                        named.update(a for a in _areas(place.place_id) if "/" in a)
                admin = [p for p, t in reading.candidates if p.kind == "admin1" and t >= 2]
                if len(admin) == 1:  # "Maine", though a town has it among its other names
                    named.add(admin[0].place_id)
        areas = {a for a in named if a.count("/") == 1}
        areas.update(f"{a.split('/')[0]}/" for a in list(areas))  # and their countries, marked "SY/"
        # where a neighborhood may lie: any area a town the text names could be in ("PHILADELPHIA —"),
        # gathered only for a document that names one
        held = areas | {_area(p.place_id) for group in (readings, aside) for r in group.values() if not r.part
                        for p, t in r.candidates if t >= 2 and p.kind == "city"} \
            if any(r.part for r in readings.values()) else areas
        return {m: self._best(r, votes, hints, named, held if r.part else areas, m in generic)
                for m, r in readings.items()}

    def _best(self, reading: _Reading, votes: Counter[str], hints: Counter[str], named: set[str], areas: set[str],
              generic: bool = False) -> Resolved | None:
        best: Resolved | None = None
        if _elsewhere(reading, areas) or reading.part and not any(_area(p.place_id) in areas
                                                                  for p, _ in reading.candidates):
            return None  # a neighborhood named like a town elsewhere: in that town's state only if the text names it
        said = votes + hints
        total = sum(said.values()) or 1
        ambiguous = len({place.country for place, _ in reading.candidates}) > 1
        for place, tier in reading.candidates:
            agreement = said[place.country] / total
            if ambiguous and votes and votes[place.country] == 0 and place.kind not in ("country", "region"):
                continue  # "Acapulco ... in Colonia 20 de Noviembre": not Cologne, nor Uruguay's Colonia
            if generic and agreement == 0:
                continue  # a generic phrase lands in a country only when the document is about it
            if tier == 2 and place.kind == "city" and f"{place.country}/" in areas and _area(place.place_id) not in areas:
                continue  # "Northside" (another name of a town in California) in a report from Cincinnati
            if tier == 1 and (agreement == 0 or place.kind == "city" and not any(
                    area in named for area in _areas(place.place_id) if "/" in area)):
                continue  # a consonant-skeleton match is too loose to trust unless its province is named
            score = 2.0 * tier + 4.0 * agreement + 0.4 * math.log10(place.population + 1)
            if any(area in named for area in _areas(place.place_id)):
                score += 3.0  # another mention names the area this place lies in
            if reading.admin_hint and place.kind == "city" and tier < 3:
                continue  # "Luzerne County" is no spelling of the town of Luzern
            if reading.county and place.kind == "city" and not any(
                    area in named for area in _areas(place.place_id) if "/" in area):
                continue  # "Mason County" is some state's county: a town named Mason only in a state the text names
            if reading.admin_hint:
                score += 5.0 if place.kind == "admin1" else -3.0 if place.kind == "city" else 0.0
            elif place.kind == "city":
                score += 1.0
            if place.kind in ("region", "country"):
                score += 1.5
            if best is None or score > best.score:
                precision = _PRECISION[place.kind]
                if reading.directional and place.kind in ("country", "admin1"):
                    precision = "region"
                best = Resolved(place, precision, round(score, 2))
        return best


def _elsewhere(reading: _Reading, areas: set[str]) -> bool:
    """A name several towns of a country share, none of them in the areas of that country the text
    names: "Auburn" in a report from Sacramento is California's Auburn, which is too small for the
    gazetteer, not Washington's; "the Austin neighborhood" in a report from Chicago is no Austin
    the gazetteer knows. Better no place than a wrong one. (`areas`: the first-level areas named.)"""
    if not areas:
        return False
    by_country: dict[str, set[str]] = {}
    for place, _ in reading.candidates:
        if place.kind == "city":
            by_country.setdefault(place.country, set()).add(_area(place.place_id))
    return any(len(held) >= 2 and not held & areas and f"{country}/" in areas
               for country, held in by_country.items()) and \
        not any(_area(place.place_id) in areas for place, _ in reading.candidates)


def _area(place_id: str) -> str:
    return "/".join(place_id.split("/")[:2])


def _is_generic(mention: str) -> bool:
    """'coastal region', 'the western coast': no name in it, so it means a region only in a document
    about a country that has one by that description. (Arabic has no capitals: its mentions are
    names, found by the Arabic reader from its place table and the words that introduce a name.)"""
    return not any(c.isupper() for c in mention) and not is_arabic(mention)


def _areas(place_id: str) -> list[str]:
    """The ids of the areas a place lies in, by its id's prefixes: "SD/x/y" lies in "SD/x" and "SD".
    (Looked up, not compared against every named place: documents can name thousands.)"""
    parts = place_id.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]
