"""The CONTRACT wording table, row by row, with its integer arithmetic."""

from __future__ import annotations

import pytest

from tollwatch.extract.numbers import find_counts, parse_number

TABLE = [
    ("38", "exact", 38, 38, 38), ("thirty-eight", "exact", 38, 38, 38), ("Thirteen", "exact", 13, 13, 13),
    ("at least 40", "at_least", 40, None, 40), ("no fewer than 40", "at_least", 40, None, 40),
    ("more than 400", "more_than", 401, None, 401), ("over 400", "more_than", 401, None, 401),
    ("above 400", "more_than", 401, None, 401), ("rose above 400", "more_than", 401, None, 401),
    ("up to 50", "up_to", None, 50, 1), ("at most 50", "at_most", None, 50, 1),
    ("no more than 50", "at_most", None, 50, 1),
    ("about 15", "about", 13, 17, 15), ("around 15", "about", 13, 17, 15), ("some 15", "about", 13, 17, 15),
    ("approximately 100", "about", 90, 110, 100), ("roughly 101", "about", 90, 112, 101),
    ("nearly 100", "nearly", 90, 99, 90), ("almost 15", "nearly", 13, 14, 13),
    ("between 12 and 15", "range", 12, 15, 12), ("12 to 15", "range", 12, 15, 12), ("12-15", "range", 12, 15, 12),
    ("a dozen", "exact", 12, 12, 12), ("a hundred", "exact", 100, 100, 100), ("a thousand", "exact", 1000, 1000, 1000),
    ("a few", "vague", 2, 5, 2), ("several", "vague", 3, 9, 3), ("dozens", "vague", 24, 99, 24),
    ("scores", "vague", 40, 99, 40), ("hundreds", "vague", 200, 999, 200), ("thousands", "vague", 2000, 9999, 2000),
    ("tens of thousands", "vague", 20000, 99999, 20000),
    ("hundreds of thousands", "vague", 200000, 999999, 200000),
]


@pytest.mark.parametrize("wording,qualifier,low,high,best", TABLE, ids=[r[0] for r in TABLE])
def test_contract_table(wording, qualifier, low, high, best):
    (m,) = [c for c in find_counts(wording + " people") if c.count.text.endswith(wording.split()[-1])]
    assert wording.endswith(m.count.text) or m.count.text == wording
    assert (m.count.qualifier, m.count.low, m.count.high, m.count.best) == (qualifier, low, high, best)


@pytest.mark.parametrize("text,value", [("1,216", 1216), ("forty-two", 42), ("two hundred and five", 205),
                                         ("1.5 million", 1_500_000), ("a thousand", 1000), ("half a dozen", 6)])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_offsets_point_at_surface():
    text = "Reports say over 400 civilians and between 12 and 15 soldiers."
    found = find_counts(text)
    assert [(m.start, m.end, m.count.text) for m in found] == [(12, 20, "over 400"), (35, 52, "between 12 and 15")]
    assert all(text[m.start:m.end] == m.count.text for m in found)


def test_descending_pair_keeps_the_first_number_whole():
    assert [m.count.text for m in find_counts("four or three people, a 3-1 win")] == ["four", "3"]


FORMATS = [
    ("12 at least", "at_least", 12, None), ("twenty or more", "at_least", 20, None), ("30 or so", "about", 27, 33),
    ("no fewer than six", "at_least", 6, None), ("ranging from 19 to 26", "range", 19, 26),
    ("30-35", "range", 30, 35), ("4 500", "exact", 4500, 4500), ("4\u00a0500", "exact", 4500, 4500),
    ("12\u202f300", "exact", 12300, 12300), ("1\u2009250\u2009000", "exact", 1250000, 1250000),
    ("2.3 million", "exact", 2_300_000, 2_300_000), ("1.5m", "exact", 1_500_000, 1_500_000),
    ("two hundred thousand", "exact", 200_000, 200_000), ("three thousand four hundred", "exact", 3400, 3400),
    ("half a million", "exact", 500_000, 500_000), ("a quarter of a million", "exact", 250_000, 250_000),
    ("one million two hundred thousand", "exact", 1_200_000, 1_200_000), ("twelve hundred", "exact", 1200, 1200),
    ("forty-two thousand five hundred", "exact", 42500, 42500), ("nearly two thousand", "nearly", 1800, 1999),
]


@pytest.mark.parametrize("wording,qualifier,low,high", FORMATS, ids=[r[0] for r in FORMATS])
def test_formats_keep_their_span(wording, qualifier, low, high):
    text = f"Officials said {wording} people were affected."
    [m] = find_counts(text)
    assert text[m.start:m.end] == m.count.text
    assert wording.endswith(m.count.text) or m.count.text.endswith(wording.split()[-1])
    assert (m.count.qualifier, m.count.low, m.count.high) == (qualifier, low, high)


def test_rose_from_a_to_b_is_two_figures_not_a_range():
    assert [m.count.text for m in find_counts("the toll rose from 19 to 26")] == ["19", "26"]


def test_a_date_before_a_space_is_not_a_thousands_group():
    assert [m.count.text for m in find_counts("On May 5 200 protesters marched")] == ["200"]


def test_a_postposed_qualifier_does_not_swallow_the_next_figure():
    assert [m.count.text for m in find_counts("killed 12, at least 5 of them children")] == ["12", "at least 5"]
