"""Time expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from tollwatch import extract
from tollwatch.extract.times import find_times

CASES = [
    # (text, published, start, end)
    ("a shooting that wounded four people over the weekend", date(2016, 9, 6), "2016-09-03", "2016-09-04"),
    ("A weekend drive-by shooting left one dead", date(2016, 8, 8), "2016-08-06", "2016-08-07"),
    ("killed on the weekend", date(2016, 8, 7), "2016-08-06", "2016-08-07"),  # read on the Sunday
    ("the mass shooting that occurred almost two weeks ago", date(2014, 7, 7), "2014-06-21", "2014-06-25"),
    ("a man shot three days ago has died", date(2014, 7, 8), "2014-07-04", "2014-07-06"),  # a day either side
    ("a man shot two days ago has died", date(2014, 7, 8), "2014-07-06", "2014-07-06"),
    ("the raid a few weeks ago", date(2014, 7, 8), "2014-06-03", "2014-06-24"),
    ("an attack a month ago", date(2014, 7, 8), "2014-06-04", "2014-06-12"),
]


@pytest.mark.parametrize(("text", "published", "start", "end"), CASES, ids=[c[0][:40] for c in CASES])
def test_relative_times_resolve_against_publication(text: str, published: date, start: str, end: str) -> None:
    found = find_times(text, 0, len(text), published)
    assert [(t.span.start, t.span.end) for t in found] == [(start, end)]


def test_ago_without_a_publication_date_is_left_unresolved() -> None:
    found = find_times("two weeks ago", 0, 13, None)
    assert all(t.span.start is None for t in found)


def test_a_name_that_starts_like_a_month_is_no_date() -> None:
    text = "kills man, 19 Marco Diaz found dead, and on 19 Mar. a second man"
    found = find_times(text, 0, len(text), date(2015, 7, 16))
    assert [t.span.text for t in found] == ["on 19 Mar."]


def test_a_death_after_harm_days_before_covers_both_days():
    text = "Deputies said Jordan Pace, 16, died Wednesday after being shot in the head Monday."
    (claim,) = extract(text, published="2016-03-10")
    assert (claim.time.start, claim.time.end) == ("2016-03-07", "2016-03-09")
    start, end = claim.evidence["spans"]["time"]
    assert text[start:end] == claim.time.text == "Wednesday after being shot in the head Monday"
