"""Golden cases (tests/cases/words_and_places.json): spelled-out numbers read whole, and place
names in any script looked up and shown in one form, with their ISO 3166-2 code."""

from __future__ import annotations

import pytest

from tests.conftest import load_cases
from tollwatch import extract
from tollwatch.normalise import default_normaliser
from tollwatch.normalise.names import display, fold

CASES = load_cases("words_and_places.json")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict) -> None:
    text = case["text"]
    claims = extract(text, published=case["published"], doc_id=case["id"])
    start = text.index(case["anchor"])
    found = [c for c in claims if c.start == start]
    assert len(found) == 1, [(c.count.text, c.start) for c in claims]
    claim = found[0]
    assert text[claim.start:claim.end] == case["anchor"]
    assert (claim.outcome, claim.count.low, claim.count.high) == (case["outcome"], case["low"], case["high"])
    if "place_id" in case:
        loc = claim.location
        assert loc is not None and loc.text in text
        assert (loc.place_id, loc.name, loc.country) == (case["place_id"], case["place_name"], case["country"])
        assert loc.admin1_code == case.get("admin1_code", loc.admin1_code)


@pytest.mark.parametrize("name, folded", [("Łódź", "lodz"), ("Straße", "strasse"), ("Ţarţūs", "tartus"),
                                          ("Харків", "kharkiv"), ("دمشق", "dmshq"), ("al-Lādhiqīyah", "al ladhiqiyah")])
def test_fold_transliterates_every_script_instead_of_dropping_letters(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_one_display_form_for_a_name() -> None:
    assert [display(n) for n in ("Ţarţūs", "Łódź", "Ürümqi", "Kharkivs’ka")] == \
        ["Tartus", "Lodz", "Urumqi", "Kharkivs’ka".replace("’", "'")]
    assert default_normaliser().gazetteer.get("SY/tartus/tartus").name == "Tartus"  # type: ignore[union-attr]


@pytest.mark.parametrize("place_id, code", [("SY/tartus/baniyas", "SY-TA"), ("SD/northern-darfur", "SD-DN"),
                                            ("NG/kaduna", "NG-KD"), ("SY", None), ("region/darfur", None)])
def test_iso_3166_2_codes_beside_place_ids(place_id: str, code: str | None) -> None:
    assert default_normaliser().codes.code(place_id) == code
