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
