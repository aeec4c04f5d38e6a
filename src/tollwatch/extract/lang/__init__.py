"""Language packs: which reader a document gets, by the language it is written in.

English is read by the rules in tollwatch.extract (claims.py and its helpers); every other
language with a reader is a pack, a subpackage here exposing `RULESET` and
`extract_claims(text, doc_id, published)`, which returns claim records on the same model.
A third language is a new pack and one line in `PACKS`.

Languages are told apart with py3langid (a model shipped inside the PyPI package, loaded on
first use). Its fast path: a text with no letter of a pack's script cannot be in that pack's
language, so English text never pays for the model in `pack_for` (one regex search instead).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import import_module
from types import ModuleType
from typing import Protocol, cast

from tollwatch.models import Claim

# language code (ISO 639-1, as py3langid names them) -> the pack's module, and the script its
# text must contain for the pack to be considered at all
PACKS: dict[str, tuple[str, re.Pattern[str]]] = {
    "ar": ("tollwatch.extract.lang.ar", re.compile(r"[\u0621-\u064A]")),
}
# the model also tells regional varieties apart (Moroccan, Egyptian Arabic); the ledger records the language
_MACROLANGUAGE = {"ary": "ar", "arz": "ar"}
_SAMPLE = 500  # characters the detector reads: a report's opening says its language (cost grows with it)


class Pack(Protocol):
    RULESET: str

    def extract_claims(self, text: str, doc_id: str, published: date | None = None) -> list[Claim]: ...


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in ("en", "ar", ...), or None for a
    text with no letters to judge by."""
    sample = text[:_SAMPLE]
    if not any(c.isalpha() for c in sample):
        return None
    import py3langid  # its model loads on the first call (about a second), so only when needed

    code = str(py3langid.classify(sample)[0])
    return _MACROLANGUAGE.get(code, code)


def pack_for(text: str, language: str | None = None) -> tuple[str, Pack] | None:
    """The language pack that reads `text`, with its language code; None for English (and for a
    language without a pack), which the English rules read. A `language` already detected (a
    stored document's) is taken as it is."""
    if language is not None:
        found = PACKS.get(language)
        return (language, _load(found[0])) if found else None
    for code, (module, script) in PACKS.items():
        if script.search(text, 0, _SAMPLE) and detect_language(text) == code:
            return code, _load(module)
    return None


@lru_cache(maxsize=None)
def _load(module: str) -> Pack:
    return cast(Pack, _module(module))


def _module(name: str) -> ModuleType:
    return import_module(name)
