"""ISO 3166-2 codes for first-level areas, from pycountry's public API: the codes ACLED and HDX
users join on, shown beside tollwatch's own place ids ("SY/tartus" is SY-TA).

pycountry names areas in their own languages ("Ţarţūs", "Łódzkie", "Yunnan Sheng"); each is
looked up in the gazetteer, whose aliases hold the English and local names, and kept only when it
names exactly one first-level area of its country. An area no code matches has none, rather
than a guessed one."""

from __future__ import annotations

import re
from collections import defaultdict

from tollwatch.normalise.gazetteer import Gazetteer

# words pycountry appends that the gazetteer's names leave out ("Xinjiang Uygur Zizhiqu", "Donetska oblast")
_GENERIC = re.compile(r"(?:\s+(?:sheng|shi|zizhiqu|uygur|huizu|zhuangzu|zangzu|sar|oblast|province|governorate|"
                      r"state|region|voivodeship|autonomous))+$", re.IGNORECASE)


class SubdivisionCodes:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._by_country: dict[str, dict[str, str]] = {}

    def code(self, place_id: str) -> str | None:
        """The ISO 3166-2 code of the first-level area `place_id` is or lies in ("SY/tartus/baniyas"
        → "SY-TA"); None for countries, regions and areas without a known code."""
        country, _, rest = place_id.partition("/")
        if not rest or country == "region":
            return None
        if country not in self._by_country:
            self._by_country[country] = self._codes(country)
        return self._by_country[country].get(f"{country}/{rest.split('/')[0]}")

    def _codes(self, country: str) -> dict[str, str]:
        import pycountry

        found: dict[str, list[str]] = defaultdict(list)
        for sub in pycountry.subdivisions.get(country_code=country) or ():  # type: ignore[no-untyped-call]
            if sub.parent_code is not None:
                continue
            areas = {p.place_id for name in {sub.name, _GENERIC.sub("", sub.name)}
                     for p, _ in self.gazetteer.candidates(name) if p.kind == "admin1" and p.country == country}
            if len(areas) == 1:
                found[areas.pop()].append(sub.code)
        return {place_id: codes[0] for place_id, codes in found.items() if len(codes) == 1}
