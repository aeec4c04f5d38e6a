"""Properties that hold for any input: the extractor never raises and offsets point at the count."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tollwatch import extract

_WORDS = st.sampled_from(
    "at least more than over nearly about 12 1,200 forty-two dozens hundreds a an no one people civilians "
    "soldiers were killed wounded died including of whom toll rose to the said according monitor on Friday "
    "since Thursday in Baniyas , . ; : — ’s 62-year-old 2024 $ % km Route 4 5th among them".split()
)


def _check(text: str) -> None:
    for c in extract(text, published="2025-03-08"):
        assert text[c.start:c.end] == c.count.text
        assert c.quote and c.quote in text
        assert c.count.low is None or c.count.high is None or c.count.low <= c.count.high


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_arbitrary_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=80).map(" ".join))
def test_offsets_on_casualty_like_word_salad(text: str) -> None:
    _check(text)


def test_very_long_line_without_sentence_breaks() -> None:
    text = ("at least 12 civilians were killed and " * 20000)  # ~760 KB, one sentence
    claims = extract(text)
    assert claims and all(text[c.start:c.end] == c.count.text for c in claims)


def test_five_megabyte_document() -> None:
    para = ("The monitor said on Friday that {} people were killed, including eight children, "
            "and 40 others were wounded in the town. ")
    paragraphs = [para.format(n) * 5 for n in range(10, 10 + 5_000_000 // (len(para) * 5))]
    text = "\n".join(paragraphs)  # distinct paragraphs: repeated ones count once, like a repeated title
    claims = extract(text, published="2025-03-08")
    assert len(claims) == 15 * len(paragraphs)
    assert all(text[c.start:c.end] == c.count.text for c in claims)
    # every paragraph's own toll was read, the last one as well as the first
    killed = {c.count.value for c in claims if c.outcome == "killed" and c.count.text != "eight"}
    assert killed == set(range(10, 10 + len(paragraphs)))
    assert {c.outcome for c in claims if c.count.text == "eight"} == {"killed"}
