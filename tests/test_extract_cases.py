"""Golden extraction cases: each text with the claims it must yield and the phrases it must not."""

from __future__ import annotations

import pytest

from tollwatch import extract
from tests.conftest import check_case, load_cases

CASES = load_cases("extraction.json") + load_cases("phrasing.json")  # phrasing: issue 13, real phrasing


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    check_case(case, extract(case["text"], published=case["published"], doc_id=case["id"]))
