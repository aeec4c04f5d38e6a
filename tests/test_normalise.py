"""Normalisation: places against the packaged gazetteer, sources and actors against registries."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import load_cases
from tollwatch import extract
from tollwatch.cli import main
from tollwatch.errors import TollwatchError
from tollwatch.normalise import Normaliser, default_normaliser
from tollwatch.normalise.names import name_key

PLACES = load_cases("places.json")


@pytest.fixture(scope="module")
def resolver():
    return default_normaliser().places


@pytest.mark.parametrize("case", PLACES, ids=[f"{c['mention']}|{','.join(c['context'])}" for c in PLACES])
def test_place_resolution(case, resolver):
    chosen = resolver.resolve_all([case["mention"], *case["context"]])[case["mention"]]
    assert chosen is not None and chosen.place.place_id == case["place_id"]
    if "precision" in case:
        assert chosen.precision == case["precision"]


def test_there_are_enough_place_cases_across_conflicts():
    countries = {c["place_id"].split("/")[0] for c in PLACES if not c["place_id"].startswith("region/")}
    assert len(PLACES) >= 40 and {"SY", "SD", "CD", "UA", "NG", "MM", "PS"} <= countries


@pytest.mark.parametrize("variants", [
    ["Tartus", "Tartous", "Tartouss", "Ţarţūs"], ["Latakia", "Lattakia"], ["Baniyas", "Banias", "Bāniyās"],
    ["Khan Younis", "Khān Yūnis", "Khan Yunis"],
])
def test_transliteration_variants_share_a_key(variants):
    assert len({name_key(v) for v in variants}) == 1


def test_containment(resolver):
    gazetteer = default_normaliser().gazetteer
    baniyas, coast = gazetteer.get("SY/tartus/baniyas"), gazetteer.get("region/syria-coast")
    assert baniyas.admin1 == "Tartus" and baniyas.country == "SY"
    assert gazetteer.get("SY/tartus").contains(baniyas.place_id)
    assert coast.contains(baniyas.place_id) and coast.contains("SY/latakia/jablah")
    assert not coast.contains("SY/homs/homs")


def test_claims_get_place_source_and_actor_ids():
    text = ("BEIRUT, March 8 — General Security forces killed at least 52 civilians in Baniyas on Friday, "
            "the Syrian Observatory for Human Rights said. The health ministry said 30 people were wounded.")
    killed, wounded = extract(text, published="2025-03-08")
    assert killed.location.place_id == "SY/tartus/baniyas" and killed.location.precision == "point"
    assert (killed.location.country, killed.location.admin1) == ("SY", "Tartus")
    assert killed.location.lat == pytest.approx(35.18, abs=0.01)
    assert killed.source.source_id == "sohr"
    assert killed.perpetrator.actor_id == "sy-general-security"
    assert wounded.source.source_id == "health-ministry-sy"  # per-country source


def test_dateline_place_applies_and_is_marked_inferred():
    (claim,) = extract("GOMA, Jan 27 — Fighting killed at least 17 people on Monday, officials said.",
                       published="2025-01-27")
    assert claim.location.place_id == "CD/nord-kivu/goma" and claim.evidence["location_inferred"] is True


@pytest.mark.parametrize("text, place_id", [
    # the dateline's state, in the wire services' and the postal spellings
    ("SPRINGFIELD, Ill. — Two men were shot in Springfield late Saturday.", "US/illinois/springfield"),
    ("SPRINGFIELD, MO -- Two men were shot in Springfield late Saturday.", "US/missouri/springfield"),
    # the area named after the town, anywhere in the text
    ("A man was killed in Portland, Maine, on Friday, police said.", "US/maine/portland"),
    ("Seven people were shot in Chelsea, Massachusetts early Sunday.", "US/massachusetts/chelsea"),
    # a town the text's other places put in a state: Chicago's neighbourhood is no Austin the gazetteer knows
    ("CHICAGO — A shooting in the Austin neighborhood killed a 17-year-old boy.", None),
    # a wire report from a neighbouring capital rules out no country
    ("AMMAN, March 8 — Shelling killed 12 civilians in Homs on Friday, activists said.", "SY/homs/homs"),
])
def test_the_documents_other_places_pick_the_namesake(text, place_id):
    (claim,) = extract(text, published="2016-05-02")
    assert claim.location.place_id == place_id


def test_context_speaks_for_a_country_but_rules_none_out(resolver):
    # alone, the larger Chelsea; with a Massachusetts dateline, the American one
    assert resolver.resolve_all(["Chelsea"])["Chelsea"].place.country == "GB"
    with_state = resolver.resolve_all(["Chelsea"], lambda: ["Massachusetts"])
    assert with_state["Chelsea"].place.place_id == "US/massachusetts/chelsea"
    # only the claims' own places are returned
    assert set(resolver.resolve_all(["Baniyas"], lambda: ["BEIRUT"])) == {"Baniyas"}
    assert resolver.resolve_all(["Baniyas"], lambda: ["BEIRUT"])["Baniyas"].place.place_id == "SY/tartus/baniyas"


def test_unknown_source_gets_a_stable_id():
    registry = default_normaliser().sources
    assert registry.id_for("the Coastal Rights Observatory") == registry.id_for("Coastal Rights Observatory")
    assert registry.id_for("SOHR") == registry.id_for("the Observatory") == "sohr"


def test_user_yaml_extends_places_sources_and_actors(tmp_path):
    config = tmp_path / "mine.yaml"
    config.write_text("""
places:
  - {id: SY/tartus/qamar-village, name: Qamar Village, kind: city, country: SY, admin1: Tartus, lat: 35.1, lon: 35.9,
     aliases: [Qamar]}
aliases:
  SY/tartus/baniyas: [Banyas al-Sahel]
sources:
  - {id: coast-monitor, name: Coastal Rights Observatory, kind: monitor, aliases: [the coastal monitor]}
actors:
  - {id: black-brigade, name: Black Brigade}
""", encoding="utf-8")
    normaliser = Normaliser(config)
    resolved = normaliser.places.resolve_all(["Qamar", "Banyas al-Sahel"])
    assert resolved["Qamar"].place.place_id == "SY/tartus/qamar-village"
    assert resolved["Banyas al-Sahel"].place.place_id == "SY/tartus/baniyas"
    assert normaliser.sources.id_for("the coastal monitor") == "coast-monitor"
    assert normaliser.actors.id_for("the Black Brigade") == "black-brigade"


def test_bad_user_yaml_is_a_clear_error(tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("sources:\n  - {name: no id}\n", encoding="utf-8")
    with pytest.raises(TollwatchError, match=r"bad.yaml: sources\[0\].id: Field required"):
        Normaliser(config)


def test_places_and_sources_commands():
    runner = CliRunner()
    out = runner.invoke(main, ["places", "Tripoli", "--context", "Beirut"]).output
    assert out.startswith("* LB/liban-nord/tripoli")
    assert "LY/tripoli/tripoli" in out
    missing = runner.invoke(main, ["places", "Xqzzyville"])
    assert missing.exit_code == 1 and "no place of that name" in missing.output
    assert runner.invoke(main, ["sources", "SOHR"]).output.startswith("sohr\tmonitor\tSyrian Observatory")


def test_a_lone_foreign_city_in_a_document_about_one_country_is_not_taken():
    from tollwatch import extract

    # "Colonia" alone is also a name of Cologne
    text = "On 1 May 2020, in Acapulco, Guerrero, a man was found dead in Colonia 20 de Noviembre. 1 fatality."
    countries = {c.location.country for c in extract(text, "2020-05-02") if c.location and c.location.country}
    assert countries == {"MX"}


@pytest.mark.parametrize(("mention", "context", "place_id"), [
    ("Mason County", [], None),  # a county of some state: no town named Mason is it
    ("Luzerne County", [], None),  # nor a town spelt like it
    ("Fresno County", ["California"], "US/california/fresno"),  # the state named: its town of that name, roughly
])
def test_a_county_is_a_town_of_its_name_only_in_a_state_the_text_names(resolver, mention, context, place_id):
    chosen = resolver.resolve_all([mention, *context])[mention]
    assert (chosen.place.place_id if chosen else None) == place_id


@pytest.mark.parametrize(("text", "place_id"), [
    # a neighborhood named like towns elsewhere, in a report that names no town of theirs: none of them
    ("A 17-year-old boy was killed in a shooting in the Austin neighborhood on Saturday.", None),
    ("A man was shot in the Hermosa neighbourhood early Sunday, police said.", None),
    # the town the text names puts the neighborhood in its state
    ("PHILADELPHIA — A man was shot in the Kingsessing neighborhood on Sunday.", "US/pennsylvania/kingsessing"),
    ("A woman was wounded in the Englewood neighborhood in Chicago on Friday.", "US/illinois/englewood"),
])
def test_a_neighborhood_lies_in_a_town_the_text_names(text, place_id):
    (claim,) = extract(text, published="2016-05-02")
    assert claim.location.place_id == place_id


def test_a_headline_place_called_a_neighborhood_in_the_text_is_that_neighborhood():
    """'in Austin shooting' in the headline is the Austin neighborhood of the article, not Texas's capital."""
    from tollwatch.extract import extract_document
    from tollwatch.models import Document

    doc = Document("austin", "A woman was killed and three people were wounded in a shooting in the Austin "
                   "neighborhood on the West Side on Saturday night.", "2017-02-12",
                   title="Woman killed, 3 others wounded in Austin shooting")
    assert {c.location.place_id for c in extract_document(doc) if c.location} == {None}


@pytest.mark.parametrize("title", ["POLICE: Dad charged after son shoots himself", "UPDATE: Man shot in Dayton dies"])
def test_a_headlines_label_is_no_dateline(title):
    """'POLICE:' over a headline labels it; read as a dateline it is a town in Poland."""
    assert all(c.location is None or c.location.country != "PL" for c in extract(title, "2014-10-14", headline=True))


@pytest.mark.parametrize(("text", "place_id"), [
    # the dateline under a line the page left above it
    ("Please enable Javascript to watch this video\n\nDES MOINES, Iowa -- Police say a teenager is in critical "
     "condition after being shot on Monday.", "US/iowa/des-moines"),
    # a town named with the part of it: "downtown", "suburban"
    ("A 14-year-old boy shot while riding in a car in downtown Des Moines has died.", "US/iowa/des-moines"),
])
def test_places_a_page_or_a_phrase_wraps_are_read(text, place_id):
    assert {c.location.place_id for c in extract(text, "2016-10-24")} == {place_id}


def test_a_storys_place_outweighs_the_dateline_and_a_headline_is_not_filed_from_it():
    """'KHARTOUM —' files a story about Al-Fashir: its later paragraphs are Al-Fashir's; the headline
    above the dateline takes no place from it."""
    text = ("Airstrike on market town kills 27, officials say\n\nKHARTOUM, June 14 — An airstrike on a market in "
            "the town of Al-Fashir killed at least 27 people on Friday, health officials said.\n\nMore than 40 "
            "others were wounded and taken to the town's only hospital, doctors said.")
    places = [(c.count.text, c.location.place_id if c.location else None) for c in extract(text, "2024-06-15")]
    assert places == [("27", None), ("at least 27", "SD/northern-darfur/el-fasher"),
                      ("More than 40", "SD/northern-darfur/el-fasher")]


@pytest.mark.parametrize(("text", "place_id"), [
    ("A child playing with a loaded gun killed a 2-year-old girl on Monday, Longview police said.",
     "US/texas/longview"),
    ("Two men were wounded early Sunday, according to the Chicago Police Department.", "US/illinois/chicago"),
    # a force named for no town
    ("Two men were wounded early Sunday, the city police said.", None),
])
def test_a_towns_own_police_name_the_town(text, place_id):
    assert {c.location.place_id if c.location else None for c in extract(text, "2015-08-03")} == {place_id}


@pytest.mark.parametrize(("mention", "context", "place_id"), [
    # another name of a town in California, in a report whose town is in Ohio: better no place
    ("Northside", ["Cincinnati"], None),
    ("Northside", [], "US/california/oildale"),
    # a town's own name stays whatever else the text names
    ("Oildale", ["Cincinnati"], "US/california/oildale"),
])
def test_a_town_known_by_another_name_lies_only_in_a_state_the_text_names(resolver, mention, context, place_id):
    chosen = resolver.resolve_all([mention, *context])[mention]
    assert (chosen.place.place_id if chosen else None) == place_id
