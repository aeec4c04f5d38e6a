"""Location mentions ("in Baniyas", "in Latakia province", "near Syria's coast", "along the
western coast"). Resolving them to gazetteer entries is normalisation's job; here we only
find the words and keep their offsets.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from tollwatch.extract.attribution import ORG_HEAD


def _upper_class() -> str:
    """A character class of every capital letter, so that 'in Łódź' and 'in Ürümqi' are mentions
    (Python's re has no \\p{Lu}). The Basic Multilingual Plane holds every script places are
    written in."""
    capitals = [c for c in map(chr, range(min(sys.maxunicode, 0xFFFF) + 1)) if c.isupper() or c.istitle()]
    ranges: list[list[str]] = []
    for c in capitals:
        if ranges and ord(c) == ord(ranges[-1][1]) + 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + "".join(re.escape(a) if a == b else f"{re.escape(a)}-{re.escape(b)}" for a, b in ranges) + "]"


_UPPER = _upper_class()
_CAP = rf"(?:{_UPPER}[\w’'-]*|(?:al|el|ez|ad|as|ar|an|ash|at|az|adh|ed|es|en|er)-{_UPPER}[\w’'-]*)"
_CAPS = rf"{_CAP}(?:\s+(?:al-|el-|de\s+|du\s+|of\s+the\s+)?{_CAP}){{0,3}}"
_DIRECTION = r"(?i:northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|south-?western|northeastern|northwestern|southeastern|southwestern|coastal|rural|northwest|northeast|southwest|southeast|downtown|uptown|midtown|suburban)"
_FEATURE = r"(?i:coast|coastal\s+region|coastal\s+areas?|countryside|border(?:\s+area|\s+region)?|region|highlands|lowlands|desert|valley|mountains|heartland|delta|frontier)"
_ADMIN = r"(?:province|governorate|region|district|state|county|prefecture|oblast|territory|municipality|department|division|zone)"
_SETTLEMENT = r"(?:city|town|village|province|region|district|governorate|state|county|camp|refugee\s+camp|neighbou?rhood|suburb|municipality|area|port|capital|enclave|strip)"
_PREP = r"(?i:in|near|along|across|around|outside|inside|at|throughout|within|on\s+the\s+outskirts\s+of|(?:north|south|east|west)(?:east|west)?\s+of|off|from|to|into|toward|towards)"

_NOT_PLACES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december the reports reuters afp i he she they it we his her their "
    "this that these those islamic christian muslim sunni shia alawite druze kurdish arab "
    # where a Title Case headline says someone was hit: "Toddler Shoots Self In Head"
    "head leg legs chest back face neck arm arms stomach shoulder foot feet hand hands abdomen hip eye".split()
)

_STREET_WORD = (r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Highway|Hwy|Parkway|Pkwy|"
                r"Terrace|Trail|Expressway|Freeway|Turnpike)\b")
_STREET_END = re.compile(rf"\s{_STREET_WORD}\.?$")
_STREET_AFTER = re.compile(rf"(?:\s+(?:\d+(?:st|nd|rd|th)|[A-Z][\w'’-]*)){{0,2}}\s+{_STREET_WORD}")
_DIRECTIONS = frozenset("north south east west northeast northwest southeast southwest".split())

MENTION = re.compile(
    rf"\b{_PREP}\s+(?P<loc>"
    rf"(?:the\s+)?(?:{_DIRECTION}\s+)?{_SETTLEMENT}\s+of\s+(?P<named>{_CAPS})"
    rf"|(?:the\s+)?{_CAPS}(?:’s|'s)\s+(?:{_DIRECTION}\s+)?{_FEATURE}"
    rf"|(?:the\s+)?(?:{_DIRECTION}(?:\s+and\s+{_DIRECTION})?\s+)?{_CAPS}(?:\s+{_ADMIN}|\s+neighbou?rhood)?"
    rf"|the\s+{_DIRECTION}\s+{_FEATURE}"
    rf")(?![\w-])",
)
_DATELINE = re.compile(r"^\s*(?P<loc>[A-Z][A-Z'’. -]{2,40}?)"
                       r"(?:,\s*(?P<area>[A-Z][a-z]+\.?(?:\s?[A-Z][a-z]+\.?)?|(?:[A-Z]\.){2}|[A-Z]{2}"
                       r"|[A-Z]\.\s?[A-Z][a-z]+\.))?"
                       r"(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*(?:\((?:[A-Za-z ]+)\))?\s*(?:--|[-–—:])\s")
# the wire services' and the postal abbreviations of US states, as datelines write them ("CHELSEA, Mass. —")
_STATES = {
    "Alabama": "Ala. AL", "Alaska": "AK", "Arizona": "Ariz. AZ", "Arkansas": "Ark. AR", "California": "Calif. Cal. CA",
    "Colorado": "Colo. CO", "Connecticut": "Conn. CT", "Delaware": "Del. DE", "District of Columbia": "D.C. DC",
    "Florida": "Fla. FL", "Georgia": "Ga. GA", "Hawaii": "HI", "Idaho": "ID", "Illinois": "Ill. IL",
    "Indiana": "Ind. IN", "Iowa": "IA", "Kansas": "Kan. Kans. KS", "Kentucky": "Ky. KY", "Louisiana": "La. LA",
    "Maine": "ME", "Maryland": "Md. MD", "Massachusetts": "Mass. MA", "Michigan": "Mich. MI",
    "Minnesota": "Minn. MN", "Mississippi": "Miss. MS", "Missouri": "Mo. MO", "Montana": "Mont. MT",
    "Nebraska": "Neb. Nebr. NE", "Nevada": "Nev. NV", "New Hampshire": "N.H. NH", "New Jersey": "N.J. NJ",
    "New Mexico": "N.M. NM", "New York": "N.Y. NY", "North Carolina": "N.C. NC", "North Dakota": "N.D. ND",
    "Ohio": "OH", "Oklahoma": "Okla. OK", "Oregon": "Ore. Oreg. OR", "Pennsylvania": "Pa. Penn. PA",
    "Rhode Island": "R.I. RI", "South Carolina": "S.C. SC", "South Dakota": "S.D. SD", "Tennessee": "Tenn. TN",
    "Texas": "Tex. TX", "Utah": "UT", "Vermont": "Vt. VT", "Virginia": "Va. VA", "Washington": "Wash. WA",
    "West Virginia": "W.Va. WV", "Wisconsin": "Wis. Wisc. WI", "Wyoming": "Wyo. WY",
}
# looked up with spaces taken out: "W. Va." is "W.Va."
_STATE_OF = {form: state for state, forms in _STATES.items() for form in forms.split()}



@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str


# a town's own force names the town: "Longview police said", "the Mobile Police Department"
_FORCE_OF = re.compile(rf"(?<![\w'’-])(?P<loc>{_CAPS})\s+(?:[Pp]olice|PD\b|[Ff]ire\s+[Dd]epartment)")
_NOT_TOWNS = frozenset("the city state county federal local metro metropolitan campus transit capitol university "
                       "military border tribal port park airport school college national regional city's state's "
                       "county's area our his her their its".split())


def find_places(text: str, start: int, end: int) -> list[PlaceMention]:
    out = [PlaceMention(m.start("loc"), m.end("loc"), m.group("loc")) for m in _FORCE_OF.finditer(text, start, end)
           if not set(m.group("loc").lower().split()) & _NOT_TOWNS and m.group("loc").lower() not in _NOT_PLACES]
    for m in MENTION.finditer(text, start, end):
        s, e = m.span("named") if m.group("named") else m.span("loc")
        surface = text[s:e]
        if surface.lower().startswith("the "):
            s, surface = s + 4, surface[4:]
        if ORG_HEAD.search(surface):
            continue  # "from the Syrian Observatory" names a source, not a place
        first = re.split(r"[\s’']", surface, maxsplit=1)[0].lower()
        if first in _NOT_PLACES:
            continue
        # a demonym before a noun ("Syrian security forces") is no place
        if re.fullmatch(r"[A-Z][a-z]+(?:ian|ese|ish|i)", surface) and re.match(r"\s+[a-z]", text[e:e + 2]):
            continue
        # a street ("along West 3rd Street", "on Main Street") or a bare direction ("in the West") is no town
        if _STREET_END.search(surface) or _STREET_AFTER.match(text, e) or surface.lower() in _DIRECTIONS:
            continue
        out.append(PlaceMention(s, e, surface))
    return sorted(out, key=lambda p: p.start)


def find_dateline(text: str) -> PlaceMention | None:
    found = _read_dateline(text)
    return found[0] if found else None


_LEAD_LINES = re.compile(r"\n\s*")  # where each of the first lines starts
# a headline's or a lede's label, not a town ("POLICE: Dad charged after son shoots self", "UPDATE —")
_NOT_DATELINES = frozenset("police update updated breaking watch video photos photo exclusive developing live "
                           "report reports officials sheriff deputies authorities coroner cops fbi opinion "
                           "editorial analysis graphic warning".split())


def _read_dateline(text: str) -> tuple[PlaceMention, str | None] | None:
    """The dateline's town and the area written after it ("CHELSEA, Mass. —": "Mass.")."""
    # at the top, or under lines the page left above it ("Please enable Javascript to watch this video"),
    # never under a sentence of the story's own
    for at in (0, *(line.end() for line in _LEAD_LINES.finditer(text[:400]))):
        if at and re.search(r"[.!?\"”]\s*$", text[:at]):
            return None
        m = _DATELINE.match(text[at:at + 200])
        if m:
            loc = m.group("loc").strip().rstrip(",")
            if len(loc) < 3 or not any(c.isalpha() for c in loc) or loc.lower() in _NOT_DATELINES:
                return None
            s = at + m.start("loc")
            return PlaceMention(s, s + len(loc), loc), m.group("area")
    return None


# the area named after a town: "in Chelsea, Mass.", "in Homs, Syria." ("in Chicago, Smith said": no area)
_AREA_AFTER = re.compile(r",\s*((?:[A-Z]\.\s?){2}|[A-Z][a-z]+\.|[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})"
                         r"(?=[.,;:)\s]*$|[,;:)]|\.?\s+[A-Z0-9]|\s+(?:on|early|late|last|this|at|in|after|before|"
                         r"when|where|and|was|were)\b)")


def document_places(text: str) -> list[str]:
    """Every place the text names, for resolving its claims' places together: the dateline, the
    area it names ("CHELSEA, Mass. —": Massachusetts) and each place after a preposition, with
    the area named after it."""
    names = []
    for p in find_places(text, 0, len(text)):
        names.append(p.text)
        after = _AREA_AFTER.match(text, p.end)
        if after:
            names.append(_area_name(after.group(1)))
    dateline = _read_dateline(text)
    if dateline is not None:
        town, area = dateline
        names.append(town.text)
        if area:
            names.append(_area_name(area))
    return names


def _area_name(written: str) -> str:
    return _STATE_OF.get(written.replace(" ", "")) or written.rstrip(".")
