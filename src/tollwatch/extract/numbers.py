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
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague quantity words: (low, high, best) from the CONTRACT table.
VAGUE: dict[str, tuple[int, int | None, int]] = {
    "a few": (2, 5, 2),
    "a handful of": (2, 5, 2),
    "several": (3, 9, 3),
    "dozens": (24, 99, 24),
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
_WORD_NUM = (
    rf"(?:{_WORD_SMALL}|a)\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?{_WORD_SMALL})?"
    rf"|{_WORD_SMALL}"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
_DOZEN = r"(?:(?:a|one|two|three|four|five|half\s+a)\s+dozen)"
_VAGUE_RE = (
    r"hundreds\s+of\s+thousands|tens\s+of\s+thousands|thousands|hundreds|dozens|scores"
    r"|a\s+few|a\s+handful\s+of|several(?:\s+dozen|\s+hundred|\s+thousand)?"
)
_NUMBER = rf"(?:{_DIGITS}|{_DOZEN}|{_WORD_NUM})"

COUNT_RE = re.compile(
    rf"(?<![\w$€£.,/:-])(?:(?:{_QUAL_RE})\s+)?"
    rf"(?:between\s+(?P<ra>{_NUMBER})\s+and\s+(?P<rb>{_NUMBER})"
    rf"|(?P<a>{_NUMBER})(?:\s*(?:-|–|—|to|or)\s*(?P<b>{_NUMBER}))?"
    rf"|(?P<vague>{_VAGUE_RE}))"
    rf"(?![\w%$€£])(?!\.\d)(?!,\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CountMatch:
    start: int
    end: int
    count: Count
    is_word: bool  # spelled out ("five") rather than digits; "one"/"a" need stronger cues


def parse_number(s: str) -> int | None:
    """'1,216' -> 1216, 'forty-two' -> 42, 'two hundred and five' -> 205, '1.5 million' -> 1500000."""
    s = s.strip().lower().replace("\u00a0", " ")
    if not s:
        return None
    if s[0].isdigit():
        m = re.fullmatch(r"([\d,]+(?:\.\d+)?)\s*(million|thousand)?", s)
        if not m:
            return None
        num = float(m.group(1).replace(",", "")) if "." in m.group(1) else int(m.group(1).replace(",", ""))
        scale = _SCALES.get(m.group(2) or "", 1)
        return int(round(num * scale))
    m = re.fullmatch(r"(a|one|two|three|four|five|half\s+a)\s+dozen", s)
    if m:
        return {"a": 12, "one": 12, "two": 24, "three": 36, "four": 48, "five": 60, }.get(m.group(1), 6)
    total, current = 0, 0
    for w in re.split(r"[\s-]+", s):
        if w == "and":
            continue
        if w == "a":
            current = 1
        elif w in _UNITS:
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
    for m in COUNT_RE.finditer(text, start, len(text) if end is None else end):
        qualifier: Qualifier | None = None
        for i, (_, named) in enumerate(_QUALIFIERS):
            if m.group(f"q{i}"):
                qualifier = named
                break
        surface = m.group(0)
        if m.group("vague"):
            low, high, best, qual = _vague(m.group("vague"), qualifier)
            count = Count(surface, None, qual, low, high, best)
            out.append(CountMatch(m.start(), m.end(), count, True))
            continue
        a_text = m.group("ra") or m.group("a")
        b_text = m.group("rb") or m.group("b")
        a = parse_number(a_text)
        b = parse_number(b_text) if b_text else None
        if a is None:
            continue
        is_word = not a_text[0].isdigit()
        if b is not None and b > a and not (m.group("b") and _is_date_or_score(m.group(0))):
            low, high, best = bounds("range", a, b)
            count = Count(surface, a, "range", low, high, best)
        else:
            if b is not None:  # "3-1" (a score) or "four or three": keep the first number only
                surface = text[m.start():m.end("ra") if m.group("ra") else m.end("a")]
            q: Qualifier = qualifier or "exact"
            low, high, best = bounds(q, a)
            count = Count(surface, a, q, low, high, best)
        out.append(CountMatch(m.start(), m.start() + len(surface), count, is_word))
    return out


def _is_date_or_score(s: str) -> bool:
    return bool(re.fullmatch(r"\d{4}\s*[-–]\s*\d{2,4}", s.strip()))

