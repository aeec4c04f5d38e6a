"""Golden cases for reading a report's events (tests/cases/events.json).

Each case is a short report written for these tests (names, towns and figures invented) with
the events a careful analyst reads from it, in the order the report first mentions them:

    {"id", "title"?: "a headline kept apart from the text", "text", "published": ISO date | null,
     "strict": bool, "xfail"?: "why",
     "events": [{"background": bool, "killed": [low, best, high] | null, "injured": ..., ...}]}

- The report's own (non-background) events must match the listed non-background events in
  order, for each outcome given: a triple is the event's low/best/high (high null: no upper
  bound); null means the outcome is absent or null.
- A zero triple is also met by an absent outcome ("No one else was hurt" may leave `injured`
  out), and events where nothing happened are ignored on both sides: an event whose outcomes
  are all zero or absent (a bare "no one was injured") neither counts toward nor against the
  list.
- With "strict", the report has exactly as many own events as listed; otherwise at least as
  many, and the first ones must match.
- Background events listed (context: yearly counts, earlier incidents, national totals) must be
  among the report's background events, in order, as the first ones; their figures must never
  be in the report's own events, which the own events' counts check.
- Cases with "xfail" are ones today's rules get wrong (the reason says how); they are expected
  to fail, strictly, so that a fix shows up as an unexpected pass to promote.
"""

from __future__ import annotations

import pytest

from tests.conftest import load_cases
from tollwatch import extract_events

CASES = load_cases("events.json")
OUTCOMES = ("killed", "injured", "casualties", "missing", "kidnapped", "detained", "displaced")


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        yield pytest.param(case, id=case["id"], marks=marks)


def _triple(record):
    return None if record is None else [record["low"], record["best"], record["high"]]


def _empty(outcomes: dict) -> bool:
    """Nothing happened: every outcome absent or zero."""
    return all(v is None or v == [0, 0, 0] for v in outcomes.values())


def _got(event) -> dict:
    """The event's outcomes as its published record gives them (CONTRACT.md, the event record)."""
    record = event.to_dict()
    assert record["background"] == event.background
    got = {o: _triple(record[o]) for o in OUTCOMES}
    for o, value in got.items():
        bounds = event.count(o)
        assert value == (None if bounds is None else [bounds.low, bounds.best, bounds.high]), o
    return got


def _want(spec: dict) -> dict:
    return {o: spec[o] for o in OUTCOMES if o in spec}


def _show(events) -> list:
    return [("bg " if e.background else "") + ", ".join(f"{o}={v}" for o, v in _got(e).items() if v is not None)
            for e in events]


def _match(kind: str, want: list[dict], got: list, strict: bool, everything) -> None:
    assert len(got) >= len(want), f"{kind}: want {len(want)} events, got {len(got)}: {_show(everything)}"
    if strict:
        assert len(got) == len(want), f"{kind}: want {len(want)} events, got {len(got)}: {_show(everything)}"
    for i, (spec, event) in enumerate(zip(want, got)):
        actual = _got(event)
        for outcome, expected in _want(spec).items():
            value = actual[outcome]
            if expected == [0, 0, 0] and value is None:
                continue
            assert value == expected, \
                f"{kind} event {i}, {outcome}: want {expected}, got {value}; events: {_show(everything)}"


@pytest.mark.parametrize("case", list(_params()))
def test_events(case):
    events = extract_events(case["text"], published=case["published"], doc_id=case["id"], title=case.get("title"))
    own = [e for e in events if not e.background and not _empty(_got(e))]
    want_own = [s for s in case["events"] if not s["background"] and not _empty(_want(s))]
    _match("own", want_own, own, case["strict"], events)
    background = [e for e in events if e.background]
    want_background = [s for s in case["events"] if s["background"]]
    _match("background", want_background, background, False, events)


def test_cases_are_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    assert len(CASES) >= 60
    for case in CASES:
        assert set(case) <= {"id", "title", "text", "published", "events", "strict", "xfail"}, case["id"]
        for spec in case["events"]:
            assert isinstance(spec["background"], bool), case["id"]
            for outcome, value in _want(spec).items():
                assert value is None or (len(value) == 3 and value[0] <= value[1]
                                         and (value[2] is None or value[1] <= value[2])), (case["id"], outcome)


CLASSES = {"all", "civilian", "combatant", "state_forces", "non_state_armed"}


def test_victim_classes_are_the_contracts_names():
    """People of no stated class named beside others ("two men and three women") are read apart
    inside an event, but shown under the contract's "all", never under a name of our own."""
    events = extract_events("Two men and three women were killed in a shooting in Dayton on Saturday, police said.",
                            published="2024-03-02")
    assert [(e.to_dict()["victims"], e.count("killed").best) for e in events] == \
        [({"civilian": {"low": 3, "best": 3, "high": 3}, "all": {"low": 2, "best": 2, "high": 2}}, 5)]
    for case in CASES:
        for event in extract_events(case["text"], published=case["published"], title=case.get("title")):
            assert set(event.to_dict()["victims"]) <= CLASSES, case["id"]
