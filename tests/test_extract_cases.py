"""Golden extraction cases: each text with the claims it must yield and the phrases it must not."""

from __future__ import annotations

import pytest

from tollwatch import extract
from tests.conftest import load_cases

CASES = load_cases("extraction.json") + load_cases("phrasing.json")  # phrasing: issue 13, real phrasing


def _span(text: str, anchor: str) -> tuple[int, int]:
    i = text.find(anchor)
    assert i >= 0, f"test anchor {anchor!r} not in text"
    return i, i + len(anchor)


def _find(claims, text, anchor):
    s, e = _span(text, anchor)
    hits = [c for c in claims if c.start < e and c.end > s]
    return hits[0] if hits else None


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    text = case["text"]
    claims = extract(text, published=case["published"], doc_id=case["id"])
    matched = set()
    for want in case["claims"]:
        got = _find(claims, text, want["anchor"])
        assert got is not None, f"no claim at {want['anchor']!r}; got {[(c.count.text, c.outcome) for c in claims]}"
        matched.add(got.claim_id)
        assert got.outcome == want["outcome"]
        assert (got.count.low, got.count.high) == (want["low"], want["high"])
        for key, actual in (("category", got.victims.category), ("group", got.victims.group),
                            ("attributes", list(got.victims.attributes)),
                            ("modality", got.modality), ("scope", got.scope), ("manner", got.manner),
                            ("perpetrator", got.perpetrator.text if got.perpetrator else None),
                            ("time_start", got.time.start if got.time else None),
                            ("time_end", got.time.end if got.time else None)):
            if key in want:
                assert actual == want[key], f"{key}: want {want[key]!r}, got {actual!r}"
        if "source" in want:
            assert got.source.name is not None and want["source"].lower() in got.source.name.lower(), \
                f"source: want {want['source']!r}, got {got.source.name!r}"
        if "part_of" in want:
            whole = _find(claims, text, want["part_of"])
            assert whole is not None and got.part_of == whole.claim_id, "part_of link missing"
            assert got.claim_id in whole.parts
    for phrase in case["not"]:
        s, e = _span(text, phrase)
        wrong = [c for c in claims if c.start < e and c.end > s]
        assert not wrong, f"{phrase!r} is not a casualty figure, got {wrong[0].count.text!r} {wrong[0].outcome}"
    if not case["allow_extra"]:
        extra = [c for c in claims if c.claim_id not in matched]
        assert not extra, f"unexpected claims: {[(c.count.text, c.outcome) for c in extra]}"
