"""Arabic text as the rules read it: one spelling per letter, digits in ASCII, no vowel marks,
with a shift map back to the original text, so every offset a rule finds is reported in the
document's own coordinates.

Folded: hamza-carrying alefs to bare alef (أ إ آ ٱ → ا), alef maqsura to ya (ى → ي), ta
marbuta to ha (ة → ه), Persian/Urdu letter forms to Arabic ones, Arabic-Indic and Persian
digits to ASCII, the Arabic thousands separator to "," and decimal separator to ".".
Dropped: vowel marks (harakat, shadda, sukun, dagger alef), tatweel and zero-width marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ې": "ي", "ک": "ك", "ہ": "ه",
    "ە": "ه", "٬": ",", "٫": ".", "’": "'",
    **{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)},
})
_DROP = re.compile("[\u064B-\u065F\u0670\u0640\u200B-\u200F\u061C\uFEFF]")
_MARK = re.compile("[\u064B-\u065F\u0670\u0640]")


def fold(text: str) -> str:
    """The folded form of a word list or phrase (for the lexicon; no offsets kept)."""
    return _DROP.sub("", text).translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Folded:
    """`text` folded; `at[i]` is the original offset of folded character i (and `at[len]` the
    original length), so a folded span (a, b) is original (at[a], at[b - 1] + 1)."""

    text: str
    at: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded text[start:end], with the vowel marks its last letter carries
        ('قتيلاً', not 'قتيلا')."""
        if end <= start:
            return self.at[start], self.at[start]
        last = self.at[end - 1] + 1
        while last < self.at[end] and _MARK.match(self.original, last):
            last += 1
        return self.at[start], last


def fold_with_map(text: str) -> Folded:
    out: list[str] = []
    at: list[int] = []
    drop = _DROP
    for i, c in enumerate(text):
        if drop.match(c):
            continue
        out.append(c.translate(_FOLD))
        at.append(i)
    at.append(len(text))
    return Folded("".join(out), tuple(at), text)


# A token: a run of Arabic letters, a number with its separators (kept whole: "1,200", "2,5"),
# a run of Latin letters, or one other visible character. "و48" and "90ألف" fall apart into a
# clitic or a word and a number at the script change.
_TOKEN = re.compile(r"[\u0621-\u064A]+|\d+(?:[.,]\d+)*|[A-Za-z]+|[^\s]")


@dataclass(frozen=True, slots=True)
class Tok:
    start: int  # folded offsets
    end: int
    text: str   # folded
    stem: str   # without the proclitics (و ف ب ل ك) and the article, when what is left is a word
    prefix: str  # the proclitics and article taken off, "" when none
    forms: tuple[str, ...] = ()  # every reading a lexicon may list it under (see variants)


def tokens(text: str, start: int, end: int) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        prefix, stem = split_clitics(word)
        out.append(Tok(m.start(), m.end(), word, stem, prefix, _readings(word, stem, prefix)))
    return out


_PROCLITIC = re.compile(r"^(?P<c>(?:[وف])?(?:[بلك])?)(?P<al>ال)?(?P<stem>[\u0621-\u064A]{2,})$")


def split_clitics(word: str) -> tuple[str, str]:
    """('وبال', 'قتلى') for 'وبالقتلى': the conjunction, preposition and article a word carries.
    'لل' is ل + ال with the alef elided ('للمرصد')."""
    if not word or not ("\u0621" <= word[0] <= "\u064A"):
        return "", word
    if word.startswith("لل") and len(word) > 4:
        return "لل", word[2:]
    if word.startswith(("ولل", "فلل")) and len(word) > 5:
        return word[:3], word[3:]
    m = _PROCLITIC.match(word)
    if m is None:
        return "", word
    return m.group("c") + (m.group("al") or ""), m.group("stem")


def variants(tok: Tok) -> tuple[str, ...]:
    """The forms a lexicon may list a token under: as written, without its article only, and
    without all its proclitics (clitic letters are also word letters: 'وفاه' is a word, 'و'+'فاه'
    is not, so every reading is offered and the lexicon decides)."""
    return tok.forms or _readings(tok.text, tok.stem, tok.prefix)


@lru_cache(maxsize=1 << 15)
def _readings(text: str, stem: str, prefix: str) -> tuple[str, ...]:
    forms = [text]
    if prefix:
        if prefix.endswith("ال") or prefix.endswith("لل"):
            forms.append("ال" + stem)
        forms.append(stem)
        c = prefix.replace("ال", "")
        if len(c) == 2:  # "وب" + stem: also read "ب" + stem
            forms.append(c[1] + stem)
    # the article alone ("الشهداء" -> "شهداء") and a lone conjunction ("وقتلى")
    for pre in ("وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل"):
        if text.startswith(pre) and len(text) - len(pre) >= 2:
            forms.append(text[len(pre):])
    return tuple(dict.fromkeys(forms))
