"""Every sub-annotation of a claim keeps its offsets, so the evidence view can mark who said it,
where, when and about whom, not only the count."""

from __future__ import annotations

from tollwatch import extract


def test_source_place_time_and_victims_point_into_the_text():
    text = ("The Lakeside Medical Corps said on Friday that shelling killed 14 civilians in Kessala on Thursday. "
            "It added that 30 people were wounded.")
    first, second = extract(text, published="2024-10-12")
    spans = first.evidence["spans"]
    assert {k: text[a:b] for k, (a, b) in spans.items()} == {
        "source": "The Lakeside Medical Corps", "victims": "civilians", "place": "Kessala", "time": "on Thursday"}
    # a source carried from the sentence before is marked where it was named
    assert text[slice(*second.evidence["spans"]["source"])] == "The Lakeside Medical Corps"


def test_a_claim_in_the_outlets_own_voice_marks_no_source():
    [claim] = extract("Two fishermen drowned off Temba Point on Monday.", published="2024-10-12")
    assert "source" not in claim.evidence.get("spans", {})
