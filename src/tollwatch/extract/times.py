"""Time expressions ("on Friday", "since Thursday", "last week", "in 2024", "Friday's
airstrike", "on 7 March") resolved to inclusive ISO date windows against the publication date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from tollwatch.models import TimeSpan

_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS = frozenset(_DAYS)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?:\.|(?![a-z]))"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|nights))?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("since_date", re.compile(rf"\bsince\s+(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MON})|(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}}))(?:,?\s+(?P<y>\d{{4}}))?\b", re.I)),
    ("since_day", re.compile(rf"\bsince\s+(?:last\s+)?(?P<wd>{_DAY}){_PART}\b", re.I)),
    ("since_other", re.compile(r"\bsince\s+(?:the\s+)?(?:(?:onset|start|beginning|outbreak|eruption)\s+of\s+[\w\s’'-]{3,40}?|(?:the\s+)?(?:war|conflict|fighting|clashes|offensive|uprising)\s+(?:began|started|erupted)|then)(?=[,.;]|\s+(?:has|have|had|is|was|rose|stood|reached)\b|$)", re.I)),
    ("range_dates", re.compile(rf"\b(?:between|from)\s+(?P<d1>\d{{1,2}})\s+(?:and|to|-|–)\s+(?P<d2>\d{{1,2}})\s+(?P<m>{_MON})(?:,?\s+(?P<y>\d{{4}}))?\b", re.I)),
    ("range_dates_us", re.compile(rf"\b(?:between|from)?\s*(?P<m>{_MON})\s+(?P<d1>\d{{1,2}})\s*(?:and|to|-|–)\s*(?P<d2>\d{{1,2}})(?:,?\s+(?P<y>\d{{4}}))?\b", re.I)),
    ("date", re.compile(rf"\b(?:on\s+)?(?:{_DAY},?\s+)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MON})|(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+(?P<y>\d{{4}}))?(?!\d)", re.I)),
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("possessive_day", re.compile(rf"\b(?P<wd>{_DAY})(?:’s|'s)\b", re.I)),
    ("weekday", re.compile(rf"\b(?:on\s+|last\s+|this\s+|early\s+|late\s+)?(?P<wd>{_DAY}){_PART}\b", re.I)),
    ("relative_day", re.compile(r"\b(?P<w>yesterday|today|tonight|overnight|last\s+night|this\s+morning|earlier\s+today|this\s+evening)\b", re.I)),
    ("past_n", re.compile(r"\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?P<n>\d+|two|three|four|five|six|seven|ten|24|48|72)?\s*(?P<unit>hours|days|weeks|months|day|week|month|year)\b", re.I)),
    ("ago", re.compile(r"\b(?:(?:almost|nearly|about|around|some|roughly|more\s+than|over|just\s+over|less\s+than)\s+)?"
                       r"(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|few|several)\s+"
                       r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.I)),
    ("relative_period", re.compile(r"\b(?P<which>last|this|past|previous)\s+(?P<unit>week|month|year|weekend)\b", re.I)),
    # "over the weekend", "a weekend shooting": the weekend just past (or this one, read on a weekend)
    ("weekend", re.compile(r"\b(?:over\s+the|during\s+the|on\s+the|a|the)\s+weekend\b", re.I)),
    ("month_year", re.compile(rf"\b(?:in|during|since|throughout)\s+(?:early\s+|late\s+|mid-)?(?P<m>{_MON})(?:\s+(?P<y>\d{{4}}))?\b", re.I)),
    ("year", re.compile(r"\b(?P<prep>in|during|since|throughout|of)\s+(?P<y>(?:19|20)\d{2})\b", re.I)),
]
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# "a few weeks ago": between two and five of them; "several": between three and seven
_VAGUE = {"a few": (2, 5), "few": (2, 5), "several": (3, 7)}


@dataclass(frozen=True, slots=True)
class TimeMention:
    start: int
    end: int
    span: TimeSpan


def find_times(text: str, start: int, end: int, published: date | None) -> list[TimeMention]:
    """Time expressions in text[start:end], resolved where an anchor date allows."""
    found: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            s, e = m.start(), m.end()
            surface = m.group(0).strip()
            s = s + (len(m.group(0)) - len(m.group(0).lstrip()))
            if any(s < te and e > ts for ts, te in taken):
                continue
            if kind == "month_year" and m.group("m").lower().rstrip(".") == "may" and not m.group("y"):
                continue  # "in may" is too often the verb
            try:
                window = _resolve(kind, m, published)
            except OverflowError:  # "last Friday" before 1 January of year 1, or a year past 9999
                window = None
            if window is None and kind in ("date", "month_year") and not _is_month_word_ok(m):
                continue
            taken.append((s, e))
            found.append(TimeMention(s, e, TimeSpan(surface, *(window or (None, None)))))
    return sorted(found, key=lambda t: t.start)


def _is_month_word_ok(m: re.Match[str]) -> bool:
    # "March" alone is a month; "mar" or "may" alone without a day are not worth a time record
    return len(m.group(0)) > 5


def _iso(d: date) -> str:
    return d.isoformat()


def _year_for(month: int, day: int, published: date | None, explicit: str | None) -> int | None:
    if explicit:
        return int(explicit)
    if published is None:
        return None
    try:
        candidate = date(published.year, month, day)
    except ValueError:
        return None
    return published.year if candidate <= published + timedelta(days=1) else published.year - 1


def _safe_date(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_weekday(name: str, published: date) -> date:
    target = _DAYS.index(name.lower())
    return published - timedelta(days=(published.weekday() - target) % 7)


def _weekend(published: date, this: bool) -> tuple[str, str]:
    """The weekend just past ("last weekend", "over the weekend"); read on a Saturday, "last
    weekend" is the one before, "the weekend" this one."""
    sat = _last_weekday("saturday", published)
    if not this and sat == published:
        sat -= timedelta(days=7)
    return _iso(sat), _iso(min(published, sat + timedelta(days=1)))


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[str, str] | None:
    g = m.groupdict()
    if kind in ("date", "since_date"):
        month = _MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
        day = int(g["d1"] or g["d2"])
        d = _safe_date(_year_for(month, day, published, g["y"]), month, day)
        if d is None:
            return None
        if kind == "since_date":
            return (_iso(d), _iso(published)) if published else None
        return _iso(d), _iso(d)
    if kind in ("range_dates", "range_dates_us"):
        month = _MONTHS[g["m"].lower().rstrip(".")]
        d1, d2 = int(g["d1"]), int(g["d2"])
        y = _year_for(month, d1, published, g["y"])
        a, b = _safe_date(y, month, d1), _safe_date(y, month, d2)
        return (_iso(a), _iso(b)) if a and b and a <= b else None
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (_iso(d), _iso(d)) if d else None
    if kind == "year":
        y = int(g["y"])
        if g["prep"].lower() == "since":
            return (f"{y}-01-01", _iso(published)) if published else None
        return f"{y}-01-01", f"{y}-12-31"
    if kind == "month_year":
        month = _MONTHS[g["m"].lower().rstrip(".")]
        y = int(g["y"]) if g["y"] else (
            None if published is None else published.year if month <= published.month else published.year - 1)
        if y is None:
            return None
        return f"{y}-{month:02d}-01", f"{y}-{month:02d}-{calendar.monthrange(y, month)[1]:02d}"
    if published is None:
        return None
    if kind in ("weekday", "possessive_day", "since_day"):
        d = _last_weekday(g["wd"], published)
        if kind == "since_day":
            return _iso(d), _iso(published)
        return _iso(d), _iso(d)
    if kind == "relative_day":
        w = re.sub(r"\s+", " ", g["w"].lower())
        if w == "yesterday":
            d = published - timedelta(days=1)
            return _iso(d), _iso(d)
        if w in ("overnight", "last night"):
            return _iso(published - timedelta(days=1)), _iso(published)
        return _iso(published), _iso(published)
    if kind == "past_n":
        n_text = (g["n"] or "1").lower()
        n = int(n_text) if n_text.isdigit() else _SMALL.get(n_text, 1)
        unit = g["unit"].lower().rstrip("s")
        days = {"hour": n / 24, "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[unit]
        return _iso(published - timedelta(days=max(1, int(days + 0.999)))), _iso(published)
    if kind == "ago":  # "almost two weeks ago": the days around that many units before publication
        n_text = re.sub(r"\s+", " ", g["n"].lower())
        unit = _UNIT_DAYS[g["unit"].lower().rstrip("s")]
        if n_text in _VAGUE:
            low, high = _VAGUE[n_text]
            return _iso(published - timedelta(days=high * unit)), _iso(published - timedelta(days=low * unit))
        n = int(n_text) if n_text.isdigit() else _SMALL.get(n_text, 1)
        slack = 0 if unit == 1 and n < 3 else max(1, n * unit // 7)  # the further back, the looser
        days = n * unit
        return _iso(published - timedelta(days=days + slack)), _iso(published - timedelta(days=max(0, days - slack)))
    if kind == "weekend":
        return _weekend(published, this=True)
    if kind == "relative_period":
        which, unit = g["which"].lower(), g["unit"].lower()
        if unit == "weekend":
            return _weekend(published, this=which == "this")
        if unit == "week":
            monday = published - timedelta(days=published.weekday())
            if which == "this":
                return _iso(monday), _iso(published)
            return _iso(monday - timedelta(days=7)), _iso(monday - timedelta(days=1))
        if unit == "month":
            if which == "this":
                return _iso(published.replace(day=1)), _iso(published)
            last = published.replace(day=1) - timedelta(days=1)
            return _iso(last.replace(day=1)), _iso(last)
        if which == "this":
            return f"{published.year}-01-01", _iso(published)
        return f"{published.year - 1}-01-01", f"{published.year - 1}-12-31"
    if kind == "since_other":
        return None
    return None
