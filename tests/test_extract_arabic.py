"""Arabic golden cases (issue 19): each text with the claims it must yield and the phrases it
must not, read through the same entry point as English (the language is detected)."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import check_case, load_cases
from tollwatch import extract
from tollwatch.extract.lang import detect_language, pack_for

CASES = load_cases("arabic.json")
# a source's name ends before the clause it says: no figure, no "إن ..." and no toll words in it
_NOT_A_NAME = re.compile(r"\d|(?<!\w)(?:إن|أن|إنه|أنه|عدد|حصيلة|الحصيلة)(?!\w)")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    text = case["text"]
    claims = extract(text, published=case["published"], doc_id=case["id"])
    for c in claims:  # offsets index the text as given, never a folded copy
        assert text[c.start:c.end] == c.count.text
        assert c.quote in text and c.evidence["rule"].startswith("tollwatch-rules-ar/")
        assert not (c.source.name and _NOT_A_NAME.search(c.source.name)), f"source {c.source.name!r} runs on"
    check_case(case, claims)


def test_enough_cases():
    assert len(CASES) >= 100
    assert sum(1 for c in CASES if not c["claims"]) >= 15  # decoys


def test_language_detection():
    assert detect_language("قتل 35 شخصاً في غارة جوية على مدينة إدلب.") == "ar"
    assert detect_language("At least 35 people were killed in an air strike on Idlib.") == "en"
    assert detect_language("12 345 — !!") is None
    assert detect_language("قتيلان") == "ar"  # the model says Moroccan Arabic: the language is Arabic
    assert pack_for("At least 35 people were killed.") is None  # English never loads the model's packs
    found = pack_for("قتل 35 شخصاً في غارة جوية على مدينة إدلب.")
    assert found is not None and found[0] == "ar"


def test_english_quote_inside_arabic_is_still_arabic():
    text = "قال المرصد السوري لحقوق الإنسان إن 12 مدنياً قتلوا في قصف على بلدة في ريف إدلب (Idlib) يوم الأحد."
    claims = extract(text, published="2025-03-11")
    assert [(c.count.text, c.outcome, c.source.source_id) for c in claims] == [("12", "killed", "sohr")]


_WORDS = st.sampled_from(
    "قتل قُتل مقتل استشهد أصيب جرحى قتيلاً قتيلان جنديين شخصاً مدنياً أطفال نساء بينهم منهم و48 بـ17 لنحو "
    "٣٥ ١٬٢٠٠ 1,200 2,5 مليون ألفاً و350 ثلاثة عشرين مئتي عشرات مئات آلاف ما لا يقل عن على الأقل أكثر من "
    "نحو حوالي ارتفعت حصيلة القتلى إلى والجرحى بحسب المرصد السوري وفق وزارة الصحة في مدينة بانياس يوم "
    "الثلاثاء 7 آذار/مارس أسرة عائلة ركاب عاماً دولار غارتين ، . ؛ : ( ) ـ ً ٌ ّ \u200f".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=80).map(" ".join))
def test_offsets_on_arabic_word_salad(text: str) -> None:
    for c in extract(text, published="2025-03-11"):
        assert text[c.start:c.end] == c.count.text and c.count.text
        assert c.quote and c.quote in text
        assert c.count.low is None or c.count.high is None or c.count.low <= c.count.high


def test_long_arabic_text_is_read_in_linear_time() -> None:
    line = "قتل 12 شخصاً وأصيب ٣٠ آخرون في قصف على مدينة بانياس، بحسب المرصد السوري لحقوق الإنسان "
    one = line * 200
    start = time.perf_counter()
    claims = extract(one)
    small = time.perf_counter() - start
    start = time.perf_counter()
    assert len(extract(one * 4)) == 4 * len(claims) > 0  # no sentence breaks at all: cut, still read
    assert time.perf_counter() - start < 8 * small + 1.0


def test_a_stored_language_is_used_and_a_title_is_read_in_its_own() -> None:
    from tollwatch import extract_document
    from tollwatch.models import Document

    text = "قتل 12 شخصاً في قصف على مدينة إدلب."
    assert [c.count.text for c in extract(text, language="ar")] == ["12"]
    assert extract(text, language="en") == []  # the English rules, as the stored language says
    doc = Document("d", text, "2025-03-11", title="Shelling kills 4 in Idlib", language="ar")
    assert sorted(c.count.text for c in extract_document(doc)) == ["12", "4"]
