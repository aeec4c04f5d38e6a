"""What an Arabic sentence says around its figures: who gives them (وفق، بحسب، قال، أفاد،
أعلنت، نقلا عن ...), where (a known place name, or the name after مدينة، بلدة، محافظة ...),
when (weekdays, both series of month names, أمس، اليوم), how (manner) and by whom.
All positions are folded offsets (script.Folded); claims.py maps them back."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import yaml

from tollwatch.extract.lang.ar import lexicon as lx
from tollwatch.extract.lang.ar.script import Tok, fold, variants
from tollwatch.models import SourceKind


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    kind: str = ""  # a source's kind, a manner's name


def _in(tok: Tok, words: Container[str]) -> str | None:
    for form in variants(tok):
        if form in words:
            return form
    return None


def _word_start(tok: Tok) -> int:
    """Where the word proper starts, its conjunction and preposition left out ('للمرصد' -> 'المرصد')."""
    if tok.text.startswith(("لل", "ولل")):
        return tok.start + (1 if tok.text[0] == "و" else 0)
    for pre in ("ول", "وب", "ل", "ب", "و", "ف"):
        rest = tok.text[len(pre):]
        if tok.text.startswith(pre) and len(rest) >= 3 and (rest.startswith("ال") or pre in ("ل", "ول")):
            return tok.start + len(pre)
    return tok.start  # "للمرصد" too: ل + (ا)لمرصد, the name has no span of its own


def find_sources(toks: list[Tok], figures: set[int]) -> list[Mention]:
    out = []
    for k, t in enumerate(toks):
        say = _in(t, lx.SAY)
        if say is None:
            continue
        j = k + 1
        if say == fold("نقلا") and j < len(toks) and toks[j].text == "عن":
            j += 1
        if j < len(toks) and toks[j].text in ("ل", "لـ"):
            j += 1
        end = j
        while end < len(toks) and end - j < 8 and end not in figures:
            w = toks[end]
            if not w.text[:1].isalpha() or len(w.text) == 1 or w.text in lx.SOURCE_STOP or (end > j and (
                    _in(w, lx.SAY) or _in(w, lx.TOLL_WORDS) or _in(w, lx.TOLL_NOUNS))):
                break  # "قدرت السلطات الحصيلة بـ17": the object starts
            if end > j and w.text in _TOLD:
                break  # "قالت مصادر طبية للجزيرة": the outlet told, not the source
            if _in(w, lx.LEFT_CUES) or _in(w, lx.OUTCOME_PEOPLE) or (end > j and w.text.startswith("و")
                                                                     and not w.text.startswith("وزار")):
                break
            end += 1
        if end == j and toks[k].text[0] != "و":
            before = _subject_before(toks, k, figures)  # "المرصد السوري قال إن ...": the subject first
            if before is not None:
                j, end = before
        while j < end - 1 and _in(toks[j], lx.SOURCE_WRAPPERS):
            j += 1  # "بيانات وزارة الصحة" -> "وزارة الصحة"; "المتحدث باسم الدفاع المدني" -> "الدفاع المدني"
        if end <= j or _in(toks[j], lx.SOURCE_WRAPPERS) and end - j == 1 or _in(toks[j], lx.NOT_SOURCE):
            continue  # "وفق حصيلة أولية": a count, not who gives it
        if end > j and toks[j].text not in ("ان", "إن", "انه", "انها", "بان"):
            kind = _kind(toks[j:end])
            out.append(Mention(_word_start(toks[j]), toks[end - 1].end, kind))
    return out


def _subject_before(toks: list[Tok], k: int, figures: set[int]) -> tuple[int, int] | None:
    """(first, end) of a definite noun phrase that opens the clause and ends at the verb at k."""
    start = k
    while start > 0 and k - start < 8:
        w = toks[start - 1]
        if w.text in _BREAKS or start - 1 in figures or w.text in lx.SOURCE_STOP:
            break
        start -= 1
    if start == k or not (toks[start].text.startswith("ال") or _in(toks[start], lx.SOURCE_WRAPPERS)
                          or toks[start].text.startswith(("وزار", "منظم", "مصادر", "شبك", "مرصد"))):
        return None
    if start > 0 and toks[start - 1].text not in _BREAKS:
        return None  # not the clause's opening words
    return start, k


_BREAKS = frozenset({"،", ",", "؛", ";", ":", ".", "-", "–", "—", "(", ")", '"', "«", "»"})
_TOLD = frozenset(fold(w) for w in "للجزيرة لرويترز لفرانس للعربية لوكالة لقناة لصحيفة لموقع لتلفزيون للتلفزيون "
                  "لبي للأناضول لسكاي للحدث".split())


def _kind(np: list[Tok]) -> str:
    for kind, words in lx.SOURCE_KINDS:
        if any(_in(t, words) for t in np):
            return kind
    return ""


def source_kind(kind: str) -> SourceKind | None:
    return kind if kind in ("monitor", "media", "government", "armed_group", "medical", "un", "witness") else None  # type: ignore[return-value]


# --- places -------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def known_places() -> dict[str, int]:
    """Folded Arabic place names from tollwatch's alias table (normalise/data/places_ar.yaml),
    by first word -> the longest name's length in words."""
    data = yaml.safe_load((resources.files("tollwatch.normalise") / "data" / "places_ar.yaml").read_text("utf-8"))
    names: dict[str, int] = {}
    for aliases in (data.get("aliases") or {}).values():
        for name in aliases:
            words = fold(str(name)).split()
            names[" ".join(words)] = len(words)
    return names


def find_places(toks: list[Tok]) -> list[Mention]:
    known = known_places()
    out: list[Mention] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        hit, at = _known_at(toks, k, known)
        if hit:
            out.append(Mention(at, toks[k + hit - 1].end))
            k += hit
            continue
        trigger = _in(t, lx.PLACE_TRIGGERS)
        if trigger is not None and "ال" in t.text[:4] and not t.text.endswith(trigger):
            trigger = None  # "الحي"، "المنطقة": the place already named, an adjective follows
        if trigger is not None and k + 1 < len(toks):
            name = k + 1
            hit, known_start = _known_at(toks, name, known)
            if hit:  # "قرية بولاية جنوب كردفان": the known name is the place
                out.append(Mention(known_start, toks[name + hit - 1].end))
                k = name + hit
                continue
            end = name + 1
            nt = toks[name]
            if (nt.text[:1].isalpha() and nt.text not in lx.PLACE_STOP and not nt.text[:1].isascii()
                    and not _in(nt, lx.SAY) and nt.text not in _NOT_NAMES
                    and not (nt.text.endswith("يه") and not nt.text.startswith("ال"))  # "منطقة سكنية"
                       and not _in(nt, lx.LEFT_CUES) and not _in(nt, lx.PEOPLE) and not _in(nt, lx.PLACE_TRIGGERS)):
                if end < len(toks) and (toks[end].text.startswith("ال") or nt.text in _COMPOUND_FIRST) and toks[end].text not in lx.PLACE_STOP \
                        and not _in(toks[end], lx.MANNERS):
                    end += 1  # "دير الزور"، "جسر الشغور"
                at = t.end - len(trigger) if t.text.endswith(trigger) else _word_start(t)  # "بولاية" -> "ولاية"
                out.append(Mention(at, toks[end - 1].end))
                k = end
                continue
        k += 1
    return out


# first words of two-word place names ("بيت لاهيا"، "كفر نبل"، "خان شيخون"، "ود مدني")
_COMPOUND_FIRST = frozenset(fold(w) for w in "بيت دير كفر عين تل جسر خان رأس بئر أم أبو معرة سيدي ود بني جبل "
                            "مجدل قصر حي باب".split())


_NOT_NAMES = frozenset(fold(w) for w in "مفتوحة سكنية حدودية مجاورة قريبة نائية أخرى واحدة كبيرة صغيرة دون".split())
# words after "برصاص"، "بنيران" that say how, not who ("رصاص طائش"، "رصاص حي")
_NOT_ACTORS = frozenset(fold(w) for w in "طائش طائشة حي الحي حية عشوائي عشوائية كثيف كثيفة مباشر مباشرة متبادل "
                        "مصدره مجهول المصدر".split())


def _known_at(toks: list[Tok], k: int, known: dict[str, int]) -> tuple[int, int]:
    """(words, start) of the known place name at token k: 'بلبنان' -> (1, where 'لبنان' starts)."""
    for size in (3, 2, 1):
        if k + size > len(toks):
            continue
        rest = " ".join(x.text for x in toks[k + 1:k + size])
        for form in variants(toks[k]):
            name = f"{form} {rest}".strip()
            if known.get(name) == size and toks[k].text.endswith(form):
                return size, toks[k].end - len(form)
    return 0, 0


# --- times --------------------------------------------------------------------------------------

_MONTH_NAMES = {
    "كانون الثاني": 1, "يناير": 1, "شباط": 2, "فبراير": 2, "آذار": 3, "مارس": 3, "نيسان": 4, "أبريل": 4, "إبريل": 4,
    "أيار": 5, "مايو": 5, "حزيران": 6, "يونيو": 6, "يونيه": 6, "تموز": 7, "يوليو": 7, "يوليه": 7, "آب": 8,
    "أغسطس": 8, "اغسطس": 8, "أيلول": 9, "سبتمبر": 9, "تشرين الأول": 10, "أكتوبر": 10, "تشرين الثاني": 11,
    "نوفمبر": 11, "كانون الأول": 12, "ديسمبر": 12,
}
MONTHS = {fold(k): v for k, v in _MONTH_NAMES.items()}
_MON = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_WD = "|".join(map(re.escape, (fold(w) for w in lx.WEEKDAYS)))
_PATTERNS = [
    ("since_date", re.compile(rf"منذ\s+(?:يوم\s+)?(?P<d>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<m>{_MON})"
                              rf"(?:\s*[/(]\s*(?:{_MON})(?:\s*\))?)?(?:\s+(?:عام\s+|سنه\s+)?(?P<y>(?:19|20)\d\d))?")),
    ("date", re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?(?P<m>{_MON})(?:\s*[/(]\s*(?:{_MON})(?:\s*\))?)?"
                        rf"(?:\s+(?:عام\s+|سنه\s+)?(?P<y>(?:19|20)\d\d))?")),
    ("since_month", re.compile(rf"منذ\s+(?:شهر\s+)?(?P<m>{_MON})(?:\s*[/(]\s*(?:{_MON})(?:\s*\))?)?"
                               rf"(?:\s+(?:عام\s+|سنه\s+)?(?P<y>(?:19|20)\d\d))?(?![\u0621-\u064A])")),
    ("month", re.compile(rf"(?:في|خلال|طوال)\s+(?:شهر\s+)?(?P<m>{_MON})(?:\s*[/(]\s*(?:{_MON})(?:\s*\))?)?"
                         rf"(?:\s+(?:عام\s+|سنه\s+)?(?P<y>(?:19|20)\d\d))?(?![\u0621-\u064A])")),
    ("since_day", re.compile(rf"منذ\s+(?:يوم\s+)?(?P<wd>{_WD})")),
    ("weekday", re.compile(rf"(?:يوم\s+|ليله\s+|مساء\s+|صباح\s+|فجر\s+)?(?P<wd>{_WD})(?![\u0621-\u064A])")),
    ("yesterday", re.compile(r"(?<![\u0621-\u064A])(?:امس|البارحه|الليله\s+الماضيه)(?![\u0621-\u064A])")),
    ("last_week", re.compile(r"(?<![\u0621-\u064A])(?:الاسبوع\s+الماضي|الاسبوع\s+المنصرم)")),
    ("last_month", re.compile(r"(?<![\u0621-\u064A])(?:الشهر\s+الماضي|الشهر\s+المنصرم)")),
    ("this_year", re.compile(r"(?:منذ\s+)?(?:بدايه|مطلع|بدء)\s+(?:العام|السنه)(?:\s+الجاري|\s+الحالي)?")),
    ("this_month", re.compile(r"(?:منذ\s+)?(?:بدايه|مطلع|بدء)\s+(?:الشهر)(?:\s+الجاري|\s+الحالي)?")),
    ("today", re.compile(r"(?<![\u0621-\u064A])(?:اليوم|صباح\s+اليوم|فجر\s+اليوم|مساء\s+اليوم)(?![\u0621-\u064A])")),
]
_WEEKDAY = {fold(w): int(n) for w, n in lx.WEEKDAYS.items()}


@dataclass(frozen=True, slots=True)
class When:
    start: int
    end: int
    first: str | None
    last: str | None


def month_at(text: str, pos: int) -> bool:
    """Whether a month's name starts at folded offset `pos` ('12 آذار' is a date, not a figure)."""
    return re.compile(rf"\s*(?:من\s+)?(?:شهر\s+)?(?:{_MON})(?![\u0621-\u064A])").match(text, pos) is not None


def find_times(text: str, start: int, end: int, published: date | None) -> list[When]:
    found: list[When] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(m.start() < w.end and m.end() > w.start for w in found):
                continue
            first, last = _resolve(kind, m, published)
            found.append(When(m.start(), m.end(), first, last))
    return found


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[str | None, str | None]:
    if kind in ("date", "since_date"):
        month, day = MONTHS[m.group("m")], int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else None
        if year is None and published is not None:
            year = published.year if (month, day) <= (published.month, published.day + 1) else published.year - 1
        if year is None:
            return None, None
        try:
            d = date(year, month, day).isoformat()
        except ValueError:
            return None, None
        if kind == "since_date":
            return (d, published.isoformat()) if published else (None, None)
        return d, d
    if kind in ("month", "since_month"):
        month = MONTHS[m.group("m")]
        year = int(m.group("y")) if m.group("y") else (
            None if published is None else published.year if month <= published.month else published.year - 1)
        if year is None:
            return None, None
        first = date(year, month, 1)
        if kind == "since_month":
            return (first.isoformat(), published.isoformat()) if published else (None, None)
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
        return first.isoformat(), last.isoformat()
    if published is None:
        return None, None
    if kind in ("weekday", "since_day"):
        back = (published.weekday() - _WEEKDAY[m.group("wd")]) % 7
        d = (published - timedelta(days=back)).isoformat()
        return (d, published.isoformat()) if kind == "since_day" else (d, d)
    if kind == "last_week":
        monday = published - timedelta(days=published.weekday())
        return (monday - timedelta(days=7)).isoformat(), (monday - timedelta(days=1)).isoformat()
    if kind == "last_month":
        last = published.replace(day=1) - timedelta(days=1)
        return last.replace(day=1).isoformat(), last.isoformat()
    if kind == "this_month":
        return published.replace(day=1).isoformat(), published.isoformat()
    if kind == "this_year":
        return f"{published.year}-01-01", published.isoformat()
    if kind == "yesterday":
        if "الليله" in m.group():
            return (published - timedelta(days=1)).isoformat(), published.isoformat()
        d = (published - timedelta(days=1)).isoformat()
        return d, d
    return published.isoformat(), published.isoformat()


# --- manner and perpetrator ---------------------------------------------------------------------

def find_manners(toks: list[Tok]) -> list[Mention]:
    out = []
    for t in toks:
        form = _in(t, lx.MANNERS)
        if form is not None:
            out.append(Mention(t.start, t.end, lx.MANNERS[form]))
    return out


_PERPETRATOR_FIRST = frozenset(p[0] for p in lx.PERPETRATOR_INTRO)


def find_perpetrators(toks: list[Tok], figures: set[int]) -> list[Mention]:
    out = []
    for k in range(len(toks)):
        first = toks[k].text[1:] if toks[k].text.startswith("و") else toks[k].text
        if first not in _PERPETRATOR_FIRST:
            continue
        for phrase in lx.PERPETRATOR_INTRO:
            if k + len(phrase) > len(toks) or first != phrase[0]:
                continue
            if any(toks[k + n].text != w for n, w in enumerate(phrase[1:], 1)):
                continue
            j = end = k + len(phrase)
            while end < len(toks) and end - j < 4 and end not in figures and toks[end].text[:1].isalpha() \
                    and toks[end].text not in lx.PLACE_STOP and not _in(toks[end], lx.PLACE_TRIGGERS):
                end += 1
            if end > j and toks[j].text not in _NOT_ACTORS:
                out.append(Mention(_word_start(toks[j]), toks[end - 1].end))
    return out
