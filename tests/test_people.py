"""Who a single victim is: descriptions that can or surely do name one person."""

from __future__ import annotations

import pytest

from tollwatch.extract.people import merged, same_person, surely_same


@pytest.mark.parametrize(("a", "b", "same"), [
    ((17, "m", None), (None, "m", None), True),      # "a 17-year-old boy" … "the boy"
    ((1, None, None), (25, "m", None), False),       # a 1-year-old, a 25-year-old man
    ((None, "f", None), (None, "m", None), False),
    ((None, None, "deosha jackson"), (None, None, "dosha jackson"), True),  # one surname, two spellings
    ((None, None, "daryl hunt"), (None, None, "dosha jackson"), False),
])
def test_same_person_when_nothing_said_of_them_differs(a, b, same):
    assert same_person(a, b) is same


@pytest.mark.parametrize(("a", "b", "placed", "same"), [
    ((17, "m", None), (17, None, None), True, True),    # one age, one place: one person
    ((17, "m", None), (17, None, None), False, False),  # an age alone, no place: not enough
    ((2, "m", None), (1, "m", None), True, True),       # "a 22-month-old", "a 2-year-old"
    ((16, "m", None), (15, "m", None), True, False),
    ((None, None, "gavin freeman"), (18, None, "gavin freeman"), False, True),  # a name needs no place
    ((None, "m", None), (None, "m", None), True, False),  # "a man" and "a man": nothing to go by
])
def test_surely_same_across_reports_needs_an_age_or_a_name(a, b, placed, same):
    assert surely_same(a, b, placed) is same


def test_merged_keeps_what_either_description_says():
    assert merged((None, "m", None), (17, None, "ryan mayhew")) == (17, "m", "ryan mayhew")
