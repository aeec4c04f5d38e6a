"""Arabic count phrases over tokens: digits Western and Arabic-Indic with their separators,
number words in every case and gender, compounds of both ("12 ألفا و350"), scale words
("2,5 مليون"), vague quantities (عشرات، مئات، آلاف) and the qualifiers before them. Bounds
follow CONTRACT.md through the English reader's `bounds`, so both languages agree."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract.lang.ar import lexicon as lx
from tollwatch.extract.lang.ar.script import Tok
from tollwatch.extract.numbers import VAGUE, bounds
from tollwatch.models import Count, Qualifier

_THOUSANDS = re.compile(r"\d{1,3}(?:[,.]\d{3})+")
_DECIMAL = re.compile(r"(\d+)[,.](\d{1,2})")
_TEEN = frozenset({"عشر", "عشره"})
_HUNDRED = frozenset({"مئه", "مائه"})


@dataclass(frozen=True, slots=True)
class Figure:
    """A count phrase: tokens [first, last) with the qualifier, the number from `number` on."""

    first: int
    number: int
    last: int
    start: int  # folded offsets, a leading clitic left out
    end: int
    count: Count

    def with_qualifier(self, qualifier: Qualifier) -> Figure:
        """The figure under a qualifier written after it ("35 قتيلا على الأقل")."""
        c = self.count
        if c.qualifier != "exact" or c.value is None:
            return self
        low, high, best = bounds(qualifier, c.value)
        return Figure(self.first, self.number, self.last, self.start, self.end,
                      Count(c.text, c.value, qualifier, low, high, best))


def find_figures(toks: list[Tok], text: str) -> list[Figure]:
    """Every number phrase among `toks` (tokens of folded `text`), left to right, not overlapping."""
    out: list[Figure] = []
    i = 0
    while i < len(toks):
        figure = _figure_at(toks, i, text)
        if figure is None:
            i += 1
            continue
        out.append(figure)
        i = figure.last
    return out


def _figure_at(toks: list[Tok], i: int, text: str) -> Figure | None:
    qualifier: Qualifier = "exact"
    j = i
    first = toks[i].text
    if first in _QUALIFIER_HEADS or first[1:] in _QUALIFIER_HEADS:
        for phrase, q in lx.QUALIFIERS:
            if _phrase_at(toks, i, phrase):
                qualifier, j = q, i + len(phrase)  # type: ignore[assignment]
                break
    if j < len(toks) and toks[j].text in ("بين", "وبين") or (j + 1 < len(toks) and toks[j].text == "ما"
                                                             and toks[j + 1].text == "بين"):
        ranged = _range_at(toks, j + (2 if toks[j].text == "ما" else 1), i, text)
        if ranged is not None:
            return ranged
    read = read_number(toks, j)
    if read is None:
        return None
    value, last, vague = read
    start = _clitic_free_start(toks[i])
    end = toks[last - 1].end
    surface = text[start:end]
    if vague is not None:
        low, high, best = VAGUE[vague]
        if qualifier in ("at_least", "more_than"):
            high = None
        return Figure(i, j, last, start, end, Count(surface, None, "vague", low, high, best))
    low_, high_, best_ = bounds(qualifier, value)
    return Figure(i, j, last, start, end, Count(surface, value, qualifier, low_, high_, best_))


def _range_at(toks: list[Tok], j: int, first: int, text: str) -> Figure | None:
    a = read_number(toks, j)
    if a is None or a[2] is not None or a[1] >= len(toks):
        return None
    k = a[1]
    if toks[k].text == "و":
        k += 1
    elif not toks[k].text.startswith("و") and toks[k].text not in ("الي", "-", "–"):
        return None
    b = read_number(toks, k, conjunction=True)
    if b is None or b[2] is not None or b[0] <= a[0]:
        return None
    start, end = _clitic_free_start(toks[first]), toks[b[1] - 1].end
    low, high, best = bounds("range", a[0], b[0])
    return Figure(first, j, b[1], start, end, Count(text[start:end], a[0], "range", low, high, best))


def _phrase_at(toks: list[Tok], i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(toks):
        return False
    first = toks[i]
    if phrase[0] not in (first.text, first.stem, first.text[1:] if first.text[:1] in "وبل" else first.text):
        return False
    return all(toks[i + n].text == w for n, w in enumerate(phrase[1:], 1))


def _clitic_free_start(tok: Tok) -> int:
    """Where a figure's words begin inside its first token: 'لنحو' -> 'نحو', 'وثلاثة' -> 'ثلاثة'."""
    if tok.text[:1] in "وبلف" and len(tok.text) > 2 and (
            _word_value(tok.text[1:]) is not None or tok.text[1:] in _QUALIFIER_HEADS or tok.text[1:] in lx.VAGUE):
        return tok.start + 1
    return tok.start


_QUALIFIER_HEADS = frozenset(p[0] for p, _ in lx.QUALIFIERS)


def _word_value(word: str) -> tuple[str, int] | None:
    for kind, table in (("unit", lx.UNITS), ("ten", lx.TENS), ("hundred", lx.HUNDREDS), ("scale", lx.SCALES),
                        ("dual", lx.SCALE_DUALS)):
        if word in table:
            return kind, int(table[word])
    return None


def read_number(toks: list[Tok], j: int, conjunction: bool = False) -> tuple[int, int, str | None] | None:
    """(value, index after the number, vague word or None) for the number starting at token j."""
    if j >= len(toks):
        return None
    t = toks[j]
    if t.text[:1].isdigit():
        return _digits(toks, j)
    word = t.text
    if word[:1] in "وبل" and word not in lx.VAGUE and _word_value(word) is None:
        word = word[1:]  # "وثلاثة"، "لعشرات"
    if word in lx.VAGUE:
        after = j + 1
        if lx.VAGUE[word] in ("dozens", "hundreds") and after < len(toks) and toks[after].text in lx.VAGUE_THOUSANDS:
            return 0, after + 1, "tens of thousands" if lx.VAGUE[word] == "dozens" else "hundreds of thousands"
        return 0, after, lx.VAGUE[word]
    if word in lx.CONSTRUCT_DUALS:
        return int(lx.CONSTRUCT_DUALS[word]), j + 1, None
    return _words(toks, j, word)


def _digits(toks: list[Tok], j: int) -> tuple[int, int, str | None] | None:
    raw = toks[j].text
    k = j + 1
    scale = _scale(toks, k)
    if scale:
        m = _DECIMAL.fullmatch(raw)
        if m:  # "2,5 مليون": a decimal comma before a scale word
            whole, frac = m.groups()
            value = int(whole) * scale + int(frac) * scale // (10 ** len(frac))
        elif _THOUSANDS.fullmatch(raw) or raw.isdigit():
            value = int(re.sub(r"\D", "", raw)) * scale
        else:
            return None
        k += 1
        more = _and_more(toks, k, scale)
        if more is not None:
            value, k = value + more[0], more[1]
        return value, k, None
    if raw.isdigit():
        return int(raw), k, None
    if _THOUSANDS.fullmatch(raw):
        return int(re.sub(r"\D", "", raw)), k, None
    return None  # "2.5" with no scale, "3,4" : no count of people


def _scale(toks: list[Tok], k: int) -> int:
    if k < len(toks) and toks[k].text in lx.SCALES:
        return int(lx.SCALES[toks[k].text])
    return 0


def _and_more(toks: list[Tok], k: int, below: int) -> tuple[int, int] | None:
    """'... ألفا و350': the hundreds after a thousand, joined by و."""
    if k >= len(toks):
        return None
    if toks[k].text == "و" and k + 1 < len(toks) and toks[k + 1].text.isdigit():
        value = int(toks[k + 1].text)
        return (value, k + 2) if value < below else None
    if toks[k].text.startswith("و") and len(toks[k].text) > 1:
        read = _words(toks, k, toks[k].text[1:])
        if read is not None and read[0] < below:
            return read[0], read[1]
    return None


def _words(toks: list[Tok], j: int, first: str) -> tuple[int, int, str | None] | None:
    total = current = 0
    k = j
    word = first
    previous = ""
    while True:
        kind_value = _word_value(word)
        if word in _TEEN and previous == "unit" and k > j:
            current += 10  # "ثلاثة عشر"، "إحدى عشرة"
            previous = "teen"
        elif kind_value is None:
            break
        else:
            kind, value = kind_value
            if kind == "unit":
                if previous not in ("", "and"):
                    break
                if word in ("احد", "احدي") and not (k + 1 < len(toks) and toks[k + 1].text in _TEEN):
                    break  # "أحد" alone is "one of", or Sunday: no figure
                current += value
            elif kind == "ten":
                if previous not in ("", "and"):
                    break
                current += value
            elif kind == "hundred":
                if word in _HUNDRED and previous == "unit" and 0 < current < 10:
                    current *= 100  # "ثلاث مئة"
                elif previous in ("", "and"):
                    current += value
                else:
                    break
            elif kind == "scale":
                if previous == "scale":
                    break
                current = max(current, 1) * value
                total += current
                current = 0
            else:  # ألفان
                if previous not in ("", "and"):
                    break
                total += value
            previous = kind
        k += 1
        if k >= len(toks):
            break
        nxt = toks[k].text
        if nxt == "و" and k + 1 < len(toks) and _word_value(toks[k + 1].text):
            k += 1
            word, previous = toks[k].text, "and"
        elif nxt.startswith("و") and _word_value(nxt[1:]) is not None:
            word, previous = nxt[1:], "and"
        elif nxt.startswith("و") and nxt[1:].isdigit():
            break
        else:
            word = nxt
    if k == j:
        return None
    value = total + current
    if value <= 0:
        return None
    # a trailing "و350" after a thousand: "ألف و200"
    if previous == "scale":
        more = _and_more(toks, k, 1000)
        if more is not None:
            value, k = value + more[0], more[1]
    return value, k, None
