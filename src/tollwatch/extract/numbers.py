"""Count phrases ("over 400", "forty-two", "dozens", "between 12 and 15") and their bounds.

Bounds follow CONTRACT.md's wording table with integer arithmetic; `best` is the
conservative point. `find_counts` returns every candidate number phrase; deciding whether it
counts people who were killed, injured, etc. is the job of `claims.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.models import Count, Qualifier

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALE_ABBREV = {"m": "million", "mn": "million", "bn": "billion", "k": "thousand"}

# Vague quantity words: (low, high, best) from the CONTRACT table.
VAGUE: dict[str, tuple[int, int | None, int]] = {
    "a few": (2, 5, 2),
    "a handful of": (2, 5, 2),
    "several": (3, 9, 3),
    "dozens": (24, 99, 24),
    "tens": (20, 99, 20),  # "tens of soldiers": as dozens, from two tens
    "scores": (40, 99, 40),
    "hundreds": (200, 999, 200),
    "thousands": (2000, 9999, 2000),
    "tens of thousands": (20000, 99999, 20000),
    "hundreds of thousands": (200000, 999999, 200000),
}

_QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|a\s+minimum\s+of", "at_least"),
    (r"(?:(?:just|well|slightly|far)\s+)?(?:more\s+than|over|above|in\s+excess\s+of|upwards\s+of|upward\s+of|beyond)", "more_than"),
    (r"up\s+to|as\s+many\s+as|a\s+maximum\s+of", "up_to"),
    (r"at\s+most|no\s+more\s+than|not\s+more\s+than|(?:fewer|less)\s+than|under|below", "at_most"),
    (r"about|around|some|approximately|roughly|an\s+estimated|estimated|circa|an?\s+approximate", "about"),
    (r"nearly|almost|close\s+to|just\s+(?:under|below|shy\s+of)|just\s+short\s+of", "nearly"),
]
_QUAL_RE = "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(_QUALIFIERS))

_W_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_W_TENS = "|".join(_TENS)
_WORD_SMALL = rf"(?:(?:{_W_TENS})(?:[-\s](?:{_W_UNIT}))?|{_W_UNIT})"
# below a thousand: "forty-two", "two hundred and five", "twelve hundred", "a hundred"
_WORD_HUND = rf"(?:(?:{_WORD_SMALL}|a)\s+hundred(?:\s+(?:and\s+)?{_WORD_SMALL})?|{_WORD_SMALL})"
# above: "two hundred thousand", "three thousand four hundred", "half a million", "one million two hundred thousand"
_SCALE_TAIL = (rf"\s+(?:million(?:\s+(?:and\s+)?{_WORD_HUND}\s+thousand)?|thousand)"
               rf"(?:\s+(?:and\s+)?{_WORD_HUND})?")
_WORD_NUM = rf"{_WORD_HUND}(?:{_SCALE_TAIL})?|(?:a|half\s+a|a\s+quarter\s+of\s+a){_SCALE_TAIL}"
# Digits: "1,216", "4 500" (spaces, no-break or thin spaces between groups), "2.3 million", "1.5m", "12k".
_GROUP_SPACE = "[ \u00a0\u2009\u202f]"
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?!\d)(?:\s+(?:million|thousand|billion))?"
    rf"|\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+(?!\d)"
    r"|\d+(?:\.\d+)?(?:\s+(?:million|thousand|billion)|(?:m|mn|bn|k)(?![\w.]))?"
)
_DOZEN = r"(?:(?:a|one|two|three|four|five|half\s+a)\s+dozen)"
_VAGUE_RE = (
    r"hundreds\s+of\s+thousands|tens\s+of\s+thousands|thousands|hundreds|dozens|scores|tens(?=\s+of\s)"
    r"|a\s+few|a\s+handful\s+of|several(?:\s+dozen|\s+hundred|\s+thousand)?"
)
_NUMBER = rf"(?:{_DIGITS}|{_DOZEN}|{_WORD_NUM})"
# A qualifier after the number: "12 at least", "20 or more", "30 or so" (not "12, at least 5 of them").
_POST_QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"at\s+least|or\s+more|and\s+more|(?:and|or)\s+above", "at_least"),
    (r"or\s+so", "about"),
    (r"at\s+most|or\s+fewer|or\s+less|(?:and|or)\s+below", "at_most"),
]
_POST_RE = "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_POST_QUALIFIERS))

COUNT_RE = re.compile(
    # (a sentence glued to the one before it, as scraped pages run them, "said.Three women", starts one)
    rf"(?:(?<![\w$€£.,/:-])|(?<=[a-z]{{2}}\.)(?=[A-Z]))(?:(?P<qual>{_QUAL_RE})\s+)?"
    rf"(?:between\s+(?P<ra>{_NUMBER})\s+(?:and|to|-|–)\s+(?P<rb>{_NUMBER})"
    rf"|(?P<a>{_NUMBER})(?:\s*(?:-|–|—|to|or)\s*(?P<b>{_NUMBER}))?"
    rf"|(?P<vague>{_VAGUE_RE}))"
    rf"(?:\s+(?P<post>{_POST_RE})(?!\s+(?:\d|(?:{_W_UNIT}|{_W_TENS}|a|an|half)\b)))?"
    rf"(?![\w%$€£])(?!\.\d)(?!,\d)",
    re.IGNORECASE,
)
_SPACE_GROUPED = re.compile(rf"\d{_GROUP_SPACE}\d")
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:\.|[a-z]*)\s+$")
_RANGE_WORDS = re.compile(r"\b(?:rang\w*|var\w*|anywhere|somewhere|estimates?)\s+$", re.I)


# "12- and 10-year-old sons", "3, 5 and 7-year-old children": ages that count the people after them
_AGES_OF_PEOPLE = re.compile(r"(\d{1,2}[-–]?(?:\s*,\s*\d{1,2}[-–]?)*\s*,?\s*(?:and|&)\s+\d{1,2}[-\s]years?[-\s]old)"
                             r"\s+(?:[a-z]+s|children|people|men|women)\b")


@dataclass(frozen=True, slots=True)
class CountMatch:
    start: int
    end: int
    count: Count
    is_word: bool  # spelled out ("five") rather than digits; "one"/"a" need stronger cues


def parse_number(s: str) -> int | None:
    """'1,216' -> 1216, '4 500' -> 4500, 'forty-two' -> 42, 'two hundred and five' -> 205,
    '1.5 million' and '1.5m' -> 1500000, 'three thousand four hundred' -> 3400, 'half a million' -> 500000."""
    s = re.sub(r"\s+", " ", s.strip().lower().replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " "))
    if not s:
        return None
    if s[0].isdigit():
        m = re.fullmatch(r"(\d[\d, ]*(?:\.\d+)?)\s*(million|thousand|billion|mn|m|bn|k)?", s)
        if not m:
            return None
        digits = re.sub(r"[, ]", "", m.group(1))
        num = float(digits) if "." in digits else int(digits)
        scale = _SCALES.get(_SCALE_ABBREV.get(m.group(2) or "", m.group(2) or ""), 1)
        return int(round(num * scale))
    m = re.fullmatch(r"(a|one|two|three|four|five|half\s+a)\s+dozen", s)
    if m:
        return {"a": 12, "one": 12, "two": 24, "three": 36, "four": 48, "five": 60, }.get(m.group(1), 6)
    fraction = 1.0
    for lead, part in (("half a ", 0.5), ("a quarter of a ", 0.25)):
        if s.startswith(lead):
            s, fraction = "one " + s[len(lead):], part
    if s.startswith("a "):
        s = "one " + s[2:]
    words = re.split(r"[\s-]+", s)
    if any(w not in _UNITS and w not in _TENS and w not in _SCALES and w != "and" for w in words):
        return None
    value = _words_value(words) if len(words) < 3 else _text2num(s)
    return None if value is None else int(value * fraction)


def _text2num(s: str) -> int | None:
    """Spelled-out numbers with scales, read by text2num (the regex has already found the span)."""
    try:
        from text_to_num import text2num
    except ImportError:  # pragma: no cover - a declared dependency; the small parser still reads most
        return _words_value(re.split(r"[\s-]+", s))
    try:
        return int(text2num(s, "en"))
    except ValueError:
        return _words_value(re.split(r"[\s-]+", s))


def _words_value(words: list[str]) -> int | None:
    total, current = 0, 0
    for w in words:
        if w == "and":
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES:
            scale = _SCALES[w]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
    return total + current


def _tenth(n: int) -> int:
    return -(-n // 10)  # ceiling of n/10 in integers


def bounds(qualifier: Qualifier, n: int, n2: int | None = None) -> tuple[int | None, int | None, int | None]:
    """(low, high, best) for a stated number under a qualifier, per CONTRACT.md."""
    if qualifier == "range" and n2 is not None:
        return min(n, n2), max(n, n2), min(n, n2)
    if qualifier == "at_least":
        return n, None, n
    if qualifier == "more_than":
        return n + 1, None, n + 1
    if qualifier in ("up_to", "at_most"):
        return None, n, min(1, n)
    if qualifier == "about":
        return n - _tenth(n), n + _tenth(n), n
    if qualifier == "nearly":
        return n - _tenth(n), n - 1, n - _tenth(n)
    return n, n, n


def _vague(word: str, qualifier: Qualifier | None) -> tuple[int | None, int | None, int | None, Qualifier]:
    w = re.sub(r"\s+", " ", word.lower())
    high: int | None
    if w.startswith("several "):  # "several dozen/hundred/thousand"
        unit = {"dozen": 12, "hundred": 100, "thousand": 1000}[w.split()[1]]
        low, high, best = 3 * unit, 9 * unit, 3 * unit
    else:
        low, high, best = VAGUE[w]
    if qualifier in ("at_least", "more_than"):  # "at least dozens": the floor holds, no ceiling
        return low, None, low, "vague"
    return low, high, best, "vague"


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[CountMatch]:
    """Every count phrase in text[start:end], with document offsets."""
    out: list[CountMatch] = []
    stop = len(text) if end is None else end
    for m in COUNT_RE.finditer(text, start, stop):
        if out and m.start() < out[-1].end:
            continue  # inside a list of ages read whole
        ages = _AGES_OF_PEOPLE.match(text, m.start(), stop)
        if ages:  # "his 12- and 10-year-old sons": as many people as ages
            n = len(re.findall(r"\d+", ages.group(1)))
            out.append(CountMatch(m.start(), ages.end(1), Count(ages.group(1), n, "exact", n, n, n), False))
            continue
        if _SPACE_GROUPED.search(m.group(0)) and _MONTH_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            pos = m.start() + 1  # "May 5 200 protesters": a date, then a count
            while pos < stop and text[pos].isdigit():
                pos += 1
            out.extend(find_counts(text, pos, m.end()))
            continue
        out.extend(_read(text, m))
    return out


def _read(text: str, m: re.Match[str]) -> list[CountMatch]:
    qualifier: Qualifier | None = None
    groups = m.groupdict()
    if groups["qual"]:
        qualifier = next(named for i, (_, named) in enumerate(_QUALIFIERS) if groups[f"q{i}"])
    if groups["post"] and qualifier is None:
        qualifier = next(named for i, (_, named) in enumerate(_POST_QUALIFIERS) if groups[f"p{i}"])
    surface = m.group(0)
    if m.group("vague"):
        low, high, best, qual = _vague(m.group("vague"), qualifier)
        return [CountMatch(m.start(), m.end(), Count(surface, None, qual, low, high, best), True)]
    a_text = m.group("ra") or m.group("a")
    b_text = m.group("rb") or m.group("b")
    a = parse_number(a_text)
    b = parse_number(b_text) if b_text else None
    if a is None:
        return []
    is_word = not a_text[0].isdigit()
    if m.group("b") and b is not None and re.fullmatch(r"\s*to\s*", text[m.end("a"):m.start("b")]) and \
            re.search(r"\bfrom\s+$", text[max(0, m.start() - 6):m.start()]) and \
            not _RANGE_WORDS.search(text[max(0, m.start() - 30):m.start() - 5]):
        # "rose from 19 to 26": two figures, the earlier one and the new one, not a range
        first = find_counts(text, m.start(), m.end("a"))
        second = find_counts(text, m.start("b"), m.end())
        return first + second
    if b is not None and b > a and not (m.group("b") and _is_date_or_score(m.group(0))):
        low, high, best = bounds("range", a, b)
        count = Count(surface, a, "range", low, high, best)
    else:
        if b is not None:  # "3-1" (a score) or "four or three": keep the first number only
            surface = text[m.start():m.end("ra") if m.group("ra") else m.end("a")]
        q: Qualifier = qualifier or "exact"
        low, high, best = bounds(q, a)
        count = Count(surface, a, q, low, high, best)
    return [CountMatch(m.start(), m.start() + len(surface), count, is_word)]


def _is_date_or_score(s: str) -> bool:
    return bool(re.fullmatch(r"\d{4}\s*[-–]\s*\d{2,4}", s.strip()))

