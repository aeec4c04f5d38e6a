"""Breakdowns a report gives ("524, including 213 fighters"; "93 soldiers and 120 gunmen"):
parts are checked against their whole, and a remainder the report implies but never states is
derived, labelled as derived, so that it can be compared with other sources' figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from tollwatch.models import Category, Claim, Count, Victims
from tollwatch.reconcile.figures import COMBATANT_KINDS
from tollwatch.reconcile.records import Check, Discrepancy, stable_id


@dataclass(frozen=True, slots=True)
class Breakdown:
    check: Check
    derived: Claim | None = None
    discrepancy: Discrepancy | None = None


def breakdowns(claims: Sequence[Claim]) -> list[Breakdown]:
    """The checks for every claim of one document that lists its parts."""
    by_id = {c.claim_id: c for c in claims}
    out = []
    for whole in claims:
        parts = [by_id[p] for p in whole.parts if p in by_id]
        if parts:
            out.append(_check(whole, parts))
    return out


def _check(whole: Claim, parts: list[Claim]) -> Breakdown:
    w = whole.count
    w_low = w.low if w.low is not None else (w.best or 0)
    lows = [p.count.low if p.count.low is not None else (p.count.best or 0) for p in parts]
    highs = [p.count.high for p in parts]
    parts_low = sum(lows)
    parts_high = None if None in highs else sum(h for h in highs if h is not None)
    terms = " + ".join(p.count.text for p in parts)
    ids = tuple(p.claim_id for p in parts)
    check_id = stable_id("chk-", whole.claim_id, *ids)

    if w.high is not None and parts_low > w.high:
        expression = f"{terms} = {parts_low} > {w.text}"
        check = Check(check_id, "breakdown", whole.claim_id, ids, expression, "fail")
        reason = f"the parts ({terms}) add up to more than the whole ({w.text})"
        flag = Discrepancy(stable_id("dsc-", "parts", whole.claim_id, *ids), "parts_exceed_whole",
                           (whole.claim_id, *ids), tuple(_source(c) for c in (whole, *parts)),
                           tuple(dict.fromkeys(c.quote for c in (whole, *parts))), reason)
        return Breakdown(check, discrepancy=flag)
    if parts_high is not None and parts_high < w_low:
        rest = _remainder(whole, parts, parts_low, parts_high)
        if rest is not None:
            return Breakdown(Check(check_id, "breakdown", whole.claim_id, ids, rest.count.text, "remainder",
                                   rest.claim_id), derived=rest)
    relation = "=" if parts_low == w_low and parts_high == w.high else "≤"
    return Breakdown(Check(check_id, "breakdown", whole.claim_id, ids, f"{terms} {relation} {w.text}", "ok"))


def _remainder(whole: Claim, parts: list[Claim], parts_low: int, parts_high: int) -> Claim | None:
    """The figure for the victims the breakdown leaves out, when their class is clear: the rest of
    a civilians-and-fighters total after its fighters are civilians, and the other way round."""
    if whole.victims.category not in ("mixed", "unknown"):
        return None
    kinds = {p.victims.category for p in parts}
    category: Category
    if kinds <= COMBATANT_KINDS:
        category = "civilian"
    elif kinds == {"civilian"} and not any(p.victims.group or p.victims.attributes for p in parts):
        category = "combatant"
    else:
        return None
    w = whole.count
    low = (w.low if w.low is not None else 0) - parts_high
    high = None if w.high is None else w.high - parts_low
    best = max(low, (w.best or 0) - sum(p.count.best or 0 for p in parts))
    value = best if high == low else None
    shown = str(low) if high == low else f"{low}..{high if high is not None else ''}"
    count = Count(f"{w.text} − {' − '.join(p.count.text for p in parts)} = {shown}", value,
                  "exact" if high == low else "at_least" if high is None else "range", low, high, best)
    ids = [p.claim_id for p in parts]
    return replace(
        whole, claim_id=stable_id("drv-", whole.claim_id, *ids), count=count,
        quote=" … ".join(dict.fromkeys(c.quote for c in (whole, *parts))),
        victims=Victims(category, text=f"the rest of {w.text}, not {', '.join(p.count.text for p in parts)}"),
        part_of=whole.claim_id, parts=(), confidence=min(c.confidence for c in (whole, *parts)),
        evidence={"rule": "remainder of a breakdown", "derived_from": [whole.claim_id, *ids],
                  "expression": count.text})


def _source(c: Claim) -> str:
    return c.source.name or "the report itself"
