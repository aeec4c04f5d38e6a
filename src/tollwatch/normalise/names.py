"""Comparison keys for names written many ways: Tartus / Tartous / Tartouss / Ţarţūs,
Latakia / Lattakia, Baniyas / Banias, al-Ladhiqiyah / Al Lādhiqīyah, North Kivu / Nord-Kivu,
Łódź / Lodz, Харків / Kharkiv. Every script is transliterated (anyascii), never dropped."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

from tollwatch.extract.lang.ar.script import fold as fold_arabic

_ARTICLE = re.compile(r"^(?:the|al|el|ad|adh|ar|as|ash|at|az|ed|en|er|es|ez)[\s'’-]+")
_SPELLINGS = [("ou", "u"), ("oo", "u"), ("ee", "i"), ("iy", "i"), ("ph", "f"), ("kh", "h"), ("q", "k"),
              ("dh", "d"), ("th", "t"), ("sh", "s"), ("j", "g"), ("y", "i"), ("e", "a"), ("o", "u")]


_QUOTES = re.compile(r"['`]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def display(name: str) -> str:
    """The one form a place's name is shown in, in Latin letters as English reporting writes it:
    'Ţarţūs' -> 'Tartus', 'Łódź' -> 'Lodz', 'Ürümqi' -> 'Urumqi'."""
    return anyascii(name).replace("`", "'")


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Lower case, transliterated, no punctuation, single spaces: 'Ţarţūs' -> 'tartus',
    'Straße' -> 'strasse', 'Łódź' -> 'lodz'. Cached: resolving a document folds each name
    several times (exact, variant and skeleton keys)."""
    # Arabic is folded first (hamza seats, ta marbuta, vowel marks), so 'الإنسان' and 'الانسان' meet
    plain = name.lower() if name.isascii() else anyascii(fold_arabic(name)).lower()
    return " ".join(_NOT_ALNUM.sub(" ", _QUOTES.sub("", plain)).split())


def name_key(name: str) -> str:
    """A loose key under which transliteration variants coincide. Collisions are expected; the
    resolver picks among candidates with context, so the key may be generous."""
    key = _ARTICLE.sub("", fold(name))
    key = key.replace(" ", "")
    for a, b in _SPELLINGS:
        key = key.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", key)  # doubled letters: Lattakia, Tartouss


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def is_arabic(name: str) -> bool:
    return _ARABIC_LETTER.search(name) is not None


def arabic_key(name: str) -> str:
    """An Arabic name's key: folded letters, single spaces ('محافظة طرطوس' and 'محافظه طرطوس' meet)."""
    return " ".join(re.sub(r"[^\u0621-\u064A0-9]+", " ", fold_arabic(name)).split())


def slug(name: str) -> str:
    return "-".join(fold(name).split()) or "unnamed"


def skeleton(name: str) -> str:
    """name_key without inner vowels, the last resort: El Fasher / Al Fashir -> 'fsr'."""
    key = name_key(name)
    return key[:1] + re.sub(r"[aeiou]", "", key[1:])
