"""Headlines kept apart from the text (a JSONL `title`) are read, and their claims say so."""

from __future__ import annotations

from tollwatch.extract import extract_document
from tollwatch.extract.headline import headline_of, sentence_case
from tollwatch.models import Document


def test_a_headline_claim_indexes_the_title_and_has_its_own_id():
    title = "Gunman Shoots 4 People Near Ferris Wharf"
    doc = Document("d1", "Gunman shoots dogs.", "2020-01-02", title=title)
    [claim] = [c for c in extract_document(doc) if c.evidence.get("field") == "title"]
    assert title[claim.start:claim.end] == claim.count.text == "4"
    assert claim.quote == title and (claim.outcome, claim.count.best) == ("injured", 4)
    body = extract_document(Document("d1", title, "2020-01-02"))
    assert body and body[0].start == claim.start and body[0].claim_id != claim.claim_id


def test_a_title_the_text_opens_with_is_read_once():
    text = "Two killed in Harmon Street fire\n\nTwo people were killed in a fire on Harmon Street."
    doc = Document("d2", text, None, title="Two killed in Harmon Street fire")
    assert headline_of(doc) is None
    assert not [c for c in extract_document(doc) if c.evidence.get("field") == "title"]


def test_sentence_case_keeps_offsets_and_names():
    title = "Police: Person Killed In Shooting Near Dunmore Mall"
    folded = sentence_case(title)
    assert len(folded) == len(title) and folded == "Police: person killed in shooting near Dunmore Mall"
    assert sentence_case("Two killed in Dunmore") == "Two killed in Dunmore"  # not Title Case: as written
