"""Paragraphs and sentences as offset spans over the untouched document text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt cpl pvt st jr sr prof rev gov sen rep no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est dept fig al u.s u.n u.k "
    "a.m p.m e.g i.e".split()
)
# A run of stops is taken whole and only from its first character (possessive, after a
# non-stop): otherwise every position of "......" retries the rest of the run, quadratic time.
# a stop before a capital; or glued to the next sentence, as scraped pages often are ("thigh.Police
# then", "Side.He was")
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]++["'”’)\]]*+(?=\s+["'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2})\.(?=[A-Z][a-z]{2}|[A-Z][a-z]?\s|\d{1,3}[ -]year)""")
_PARAGRAPH = re.compile(r"[^\n•▪●◦‣■]+")  # a bullet starts a paragraph of its own, as a line break does
_MAX_SENTENCE = 2000  # text with no sentence breaks is cut so windows stay bounded


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines separated by a newline are paragraphs in scraped text; so are blank-line blocks, and the
    items of a bullet list run together on one line ("... militants. • High casualty numbers: ...")."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        start = p_start
        chunk = text[p_start:p_end]
        for m in _BOUNDARY.finditer(chunk):
            cut = p_start + m.end()
            if m.group().startswith(".") and _is_abbreviation(text, p_start + m.start()) \
                    and not _street_then_sentence(text, p_start + m.start()):
                continue
            _add(spans, text, start, cut, p_index)
            start = cut
        _add(spans, text, start, p_end, p_index)
    return spans


# words that open a sentence, not a saint's name: "in the 2200 block of 37th St. As officers arrived"
_OPENERS = frozenset("as the he she they it when police officers investigators authorities deputies witnesses "
                     "a an in on at after no his her their".split())


def _street_then_sentence(text: str, dot: int) -> bool:
    word = re.search(r"(\w+)\s*$", text[max(0, dot - 4):dot])
    after = re.match(r"\s+([A-Za-z]+)", text[dot + 1:dot + 30])
    return bool(word and word.group(1).lower() == "st" and after and after.group(1).lower() in _OPENERS)


def _is_abbreviation(text: str, dot: int) -> bool:
    m = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12):dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in _ABBREV or (len(word) == 1 and word.isalpha())


def _add(spans: list[Span], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and (text[start].isspace() or text[start] in "•*-–"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        spans.append(Span(start, cut, paragraph))
        start = cut
    if end > start:
        spans.append(Span(start, end, paragraph))


def normalise_for_compare(s: str) -> str:
    """Fold quotes, case and spacing so a repeated page title compares equal to the first."""
    s = s.translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(s.split()).lower()
