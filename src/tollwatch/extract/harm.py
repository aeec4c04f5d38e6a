"""Harm told in words beyond the cue lexicon: a wound someone arrives with, harm a person
"suffered", and the death that ends a sentence opened by a reduced relative ("a boy shot last
week ... has died"). Each reads tokens of one sentence and returns where the harm is said."""

from __future__ import annotations

from collections.abc import Sequence

from tollwatch.extract import lexicon as lx
from tollwatch.extract.victims import Token


def with_wound(toks: Sequence[Token], k: int) -> int | None:
    """In the clause from k, "with a gunshot wound" said of the person before: "arrived at the
    hospital with a gunshot wound", "was found in the yard with gunshot wounds"."""
    for j in range(k, min(k + 14, len(toks) - 2)):
        t = toks[j].low
        if t == "and" and j + 1 < len(toks) and toks[j + 1].low in _CARRIED:
            continue  # "was struck by gunfire and taken to a hospital with non-life-threatening injuries"
        if t in (".", ";") or t in lx.CLAUSE_STOPS or t in ("who", "which", "and"):
            return None
        if t in lx.PERSON and toks[j - 1].low in ("a", "an", "another"):
            return None  # "informed by the hospital's officer on duty of a patient who came in with a gunshot wound"
        if t == "with" and (" ".join(x.low for x in toks[j + 1:j + 4]).startswith(
                ("a gunshot wound", "gunshot wound", "multiple gunshot", "several gunshot", "a graze wound",
                 "a stab wound", "stab wound", "multiple stab", "several stab")) or _injuries_after(toks, j + 1)):
            return j + 1
    return None


_CARRIED = frozenset("taken transported rushed brought flown airlifted driven".split())
_CARE = frozenset("hospital hospitals clinic infirmary".split())


def carried_to_care(toks: Sequence[Token], k: int) -> int | None:
    """'was taken to a hospital', 'was rushed to Mercy Medical Center', 'was flown to a Jackson
    hospital': a person brought in for care, from the predicate at k. The verb's token, else None."""
    j = k
    while j < len(toks) and toks[j].low in ("was", "were", "is", "are", "been", "later", "then", "quickly", "also"):
        j += 1
    if j + 2 >= len(toks) or j == k or toks[j].low not in _CARRIED or toks[j + 1].low != "to":
        return None
    for n in range(j + 2, min(j + 8, len(toks))):
        low = toks[n].low
        if low in _CARE or low in ("center", "centre") and toks[n - 1].low in ("medical", "trauma"):
            return j
        if not toks[n].text[:1].isalpha() and toks[n].text not in ("'s", "’s"):
            return None
    return None
# what may stand between "with" and the injuries: "with non-life threatening injuries", "with minor injuries"
_INJURY_WORDS = frozenset("a an non life threatening life-threatening non-life-threatening non-life - minor serious "
                          "critical severe multiple several superficial apparent possible potentially "
                          "gunshot stab graze bullet shrapnel".split())


def _injuries_after(toks: Sequence[Token], k: int) -> bool:
    """'with non-life threatening injuries', 'with minor injuries': harm borne, said after "with"."""
    for j in range(k, min(k + 7, len(toks))):
        if toks[j].low in ("injuries", "injury", "wounds", "wound"):
            return j > k or toks[j].low == "injuries"  # "with injuries", not "with wound" dressing
        if toks[j].low not in _INJURY_WORDS:
            return False
    return False


def suffered(toks: Sequence[Token], k: int) -> tuple[str, str | None, int] | None:
    """'suffered non-life threatening injuries', 'sustained a gunshot wound to the leg': harm
    borne, told with a verb of its own (fatal harm is a death)."""
    if k >= len(toks) or toks[k].low not in ("suffered", "sustained", "suffering", "sustaining", "received"):
        return None
    for j in range(k + 1, min(k + 9, len(toks))):
        t = toks[j].low
        if t in (".", ";", ",") or t in lx.CLAUSE_STOPS:
            return None
        if t in ("injuries", "injury", "wound", "wounds", "cuts", "bruises", "burns", "fractures"):
            fatal = any(x.low in ("fatal", "deadly", "mortal") for x in toks[k + 1:j])
            shot = toks[j - 1].low == "gunshot"
            return ("killed" if fatal else "injured"), "shooting" if shot else None, j
    return None


_DIED = frozenset({"died", "dies", "succumbed", "succumbs"})


def dies_at(toks: Sequence[Token], j: int) -> bool:
    """'died', 'succumbed', 'passed away' at token j."""
    return toks[j].low in _DIED or toks[j].low in ("passed", "passes") and j + 1 < len(toks) \
        and toks[j + 1].low == "away"


def later_died(toks: Sequence[Token], k: int) -> int | None:
    """After a reduced relative ("a boy shot on Monday in a car ..."), the main verb of the
    sentence when it is a death: "has died", "died Friday", "succumbed to his wounds"."""
    for j in range(k, min(k + 30, len(toks))):
        t = toks[j].low
        if t in (".", ";") or (t in lx.BE_AUX and j + 1 < len(toks) and toks[j + 1].low not in ("pronounced", "declared")
                               and t not in ("has", "had", "have")):
            return None
        if dies_at(toks, j):
            return j
        if t in ("pronounced", "declared") and j + 1 < len(toks) and toks[j + 1].low == "dead":
            return j
    return None
