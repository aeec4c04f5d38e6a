"""Single victims, later mentions that restate them, and events read from a report (issue 14)."""

from __future__ import annotations

from tollwatch import extract, extract_events


def _figures(text: str) -> list[tuple[str, str, int | None]]:
    return [(c.count.text, c.outcome, c.count.best) for c in extract(text, published="2016-05-01")]


def test_single_victims_count_one_with_the_noun_phrase():
    assert _figures("A 16-year-old boy was shot and killed early Sunday in Elm Park.") == \
        [("A 16-year-old boy", "killed", 1)]
    assert _figures("Gunmen stopped the lorry near the bridge, killing the driver.") == [("the driver", "killed", 1)]
    assert _figures("A man with a rifle accidentally shot his 3-year-old daughter.") == \
        [("his 3-year-old daughter", "injured", 1)]
    assert _figures("Marisol Ortega, 34, was pronounced dead at the scene.") == [("Marisol Ortega", "killed", 1)]


def test_an_age_is_no_count_and_a_place_or_official_is_no_victim():
    assert _figures("Tomas Reyes, 27, and Ana Cruz, 25, were found dead inside the house.")[0][2] != 27
    assert _figures("He was taken to Saint Luke Hospital where he was pronounced dead.") == []
    assert not any(t.startswith("Dana") for t, _, _ in
                   _figures("“It was a tragedy,” said Sgt. Dana Whitfield. A woman was killed."))


def test_a_later_mention_updates_its_victim_instead_of_counting_again():
    claims = extract("A teenager was shot on Corn Street on Sunday night. He later died at County General.",
                     published="2016-05-01")
    assert [(c.count.text, c.outcome) for c in claims] == [("A teenager", "killed")]
    assert claims[0].evidence["same_as"]  # the link to "He"
    named = extract("Lena Hart was taken to a hospital on Friday. She died on Saturday.", published="2016-05-01")
    assert [(c.count.text, c.outcome) for c in named] == [("Lena Hart", "killed")]


def test_the_killer_is_no_victim():
    claims = extract("A man called 911 to say he had shot and killed his wife.", published="2016-05-01")
    assert [(c.count.text, c.outcome) for c in claims] == [("his wife", "killed")]


def test_shot_then_fatally_is_killed_and_injured_once():
    text = ("5 shot, 2 fatally, in Brookvale\n\nPolice said five people were shot outside a club late Friday. "
            "Two men died and three others were wounded.")
    [event] = extract_events(text, published="2016-05-01")
    killed, injured = event.count("killed"), event.count("injured")
    assert killed is not None and injured is not None
    assert (killed.best, injured.best) == (2, 3)


def test_background_figures_are_kept_apart_from_the_event():
    text = ("A woman was shot dead on Pine Road on Tuesday. It was the town's 9th homicide this year. "
            "Last year, 31 people were killed in shootings in the county.")
    events = extract_events(text, published="2016-05-01")
    main = [e for e in events if not e.background]
    assert len(main) == 1 and main[0].count("killed").best == 1  # type: ignore[union-attr]
    assert any(e.background and e.count("killed") and e.count("killed").best == 31 for e in events)  # type: ignore[union-attr]


def test_people_named_side_by_side_add_up_and_others_are_not_the_dead():
    [event] = extract_events("A man and a woman were shot outside a bar in Dunmore on Friday.",
                             published="2016-05-01")
    assert event.count("injured").best == 2  # type: ignore[union-attr]
    [event] = extract_events("One soldier died and four others were injured when the convoy hit a mine.",
                             published="2016-05-01")
    assert (event.count("killed").best, event.count("injured").best) == (1, 4)  # type: ignore[union-attr]


def test_event_record_has_the_contract_shape():
    [event] = extract_events("Militants attacked a checkpoint, killing four soldiers; two attackers were also killed.",
                             published="2020-05-01")
    record = event.to_dict()
    assert set(record) >= {"doc_id", "event_id", "background", "place", "start", "end", "manner", "perpetrator",
                           "killed", "injured", "casualties", "missing", "kidnapped", "detained", "displaced",
                           "victims", "claim_ids"}
    assert record["killed"] == {"low": 6, "best": 6, "high": 6}
    assert record["injured"] is None


def test_extract_prints_events_as_json_lines_and_as_a_table(tmp_path):
    import json

    from click.testing import CliRunner

    from tollwatch.cli import main

    report = tmp_path / "report.txt"
    report.write_text("3 shot, 1 fatally, in Riverton\n\nPolice said three people were shot on Elm Street on "
                      "Friday night. One man died and two others were wounded. Last year 14 people were killed "
                      "in the county.", encoding="utf-8")
    run = CliRunner().invoke(main, ["extract", str(report), "--published", "2021-06-05", "--format", "events"])
    assert run.exit_code == 0, run.output
    events = [json.loads(line) for line in run.output.splitlines()]
    own = [e for e in events if not e["background"]]
    assert [(e["killed"], e["injured"]) for e in own] == [({"low": 1, "best": 1, "high": 1},
                                                          {"low": 2, "best": 2, "high": 2})]
    assert any(e["background"] and e["killed"]["best"] == 14 for e in events)
    table = CliRunner().invoke(main, ["extract", str(report), "--published", "2021-06-05", "--format", "events-table"])
    assert table.exit_code == 0 and "[background]" in table.output
    assert table.output.splitlines()[0].split()[:7] == ["event", "doc", "place", "days", "manner", "killed", "injured"]


def test_a_name_with_an_age_and_a_home_town_is_one_victim():
    assert _figures("Corwin Vale, 23, of Ashby Falls was declared dead at the scene.") == \
        [("Corwin Vale", "killed", 1)]
    assert _figures("Lena Moss, 31, and Ivo Brandt, 29, were found dead in the flat.") == \
        [("Lena Moss", "killed", 1), ("Ivo Brandt", "killed", 1)]


def test_a_number_put_on_a_toll_said_before():
    assert _figures("The death toll from the market blast rose overnight; officials put the number at 17.") == \
        [("17", "killed", 17)]
    assert _figures("Officials put the number at 40 for next year's budget.") == []


def test_some_of_the_victims_are_a_part_of_the_figure_before_not_deaths():
    claims = extract("Six people were shot outside a bar in Kelso on Sunday. Four of the victims are women.",
                     published="2016-05-01")
    whole, part = claims
    assert (whole.outcome, part.outcome, part.part_of) == ("injured", "injured", whole.claim_id)
    assert extract("Four of the victims are women.", published="2016-05-01") == []


def test_one_person_shot_with_an_adverb_or_as_the_object_of_shooting():
    assert _figures("A neighbour was arrested after a teenage girl was accidentally shot in the yard.")[-1] == \
        ("a teenage girl", "injured", 1)
    assert _figures("The man fired into a house on Birch Lane, shooting a child in the arm.") == \
        [("a child", "injured", 1)]
    assert _figures("Police are investigating the shooting of a man on Elm Street.") == []


def test_a_pronoun_inside_a_witness_quote_restates_no_one():
    text = ("Dion Parks, 13, was killed Sunday night a few blocks from his home.\n\n"
            "His friend, Tasha Greene, who was across the street at the time of the shooting, believes it was an "
            "accident.\n\n“They were playing with the gun and he was trying to take the bullets out. He pointed it "
            "at him and he shot it,” said Tasha Greene.")
    assert [t for t, _, _ in _figures(text)] == ["Dion Parks"]
    assert _figures("Lena Hart was taken to a hospital on Friday. She died on Saturday.") == \
        [("Lena Hart", "killed", 1)]


def test_a_man_in_jail_is_the_shooter_not_the_one_a_pronoun_restates():
    text = ("A man is in custody after police said he shot into a car at a gas station, injuring a child. "
            "The victim had two gunshot wounds. An unknown man shot him.")
    assert _figures(text) == [("a child", "injured", 1)]


def test_who_was_killed_tells_which_victim_a_definite_mention_restates():
    text = ("A 16-year-old boy was fatally shot Saturday evening on Auburn Street. A second teenager suffered a "
            "wound to the arm. The 17-year-old was treated and released. The name of the youth who was killed "
            "has not been released.")
    assert sorted((t, o) for t, o, _ in _figures(text)) == [("A 16-year-old boy", "killed"),
                                                             ("A second teenager", "injured")]
    events = extract_events(text, published="2016-05-01")
    assert [{o: b.best for o, b in e.outcomes} for e in events] == [{"killed": 1, "injured": 1}]


def test_a_speaker_with_an_agency_and_a_hospital_name_are_no_victims():
    text = ("The coroner identified the teenager who was shot to death by her foster father while hunting. "
            "Rick Moll with the state Department of Natural Resources said the father accidentally shot the girl. "
            "She was rushed to Medical Center of Peach County, Navicent Health, where she was pronounced dead.")
    assert [t for t, _, _ in _figures(text) if t[:1].isupper()] == []


def test_the_one_who_shot_and_critically_injured_another_is_no_victim():
    text = ("A 5-year-old boy shot and critically injured his 6-year-old brother at their home, deputies said. "
            "The little boy was taken by ambulance to Memorial Hospital with a gunshot wound to the stomach.")
    events = extract_events(text, published="2016-05-01")
    assert [{o: b.best for o, b in e.outcomes} for e in events] == [{"injured": 1}]


def test_a_name_after_said_with_a_title_is_the_speaker():
    assert _figures("Four people were shot in the house, said Carla Moen, a spokeswoman for the sheriff. "
                    "She said the investigation continues.") == [("Four", "injured", 4)]
    assert _figures("Police said Tyrone Jones, 25, was shot in the leg.") == [("Tyrone Jones", "injured", 1)]


def test_an_age_after_a_name_and_before_who_is_no_count():
    text = "He is the brother of Anthony Hale, 33, and Darrell Hale, 34 who were shot and killed on Fourth Street."
    assert all(b != 34 for _, _, b in _figures(text))


def test_a_pronoun_opening_a_sentence_takes_up_the_last_sentences_subject():
    """'He died' after 'Dell was shot along with a girl and a man' is Dell's death, not the man's;
    the two shot along with him are each one person, told again as 'the girl and the man'."""
    assert _figures("Marcus Dell, 18, was shot along with a 15-year-old girl and a 30-year-old man outside a corner "
                    "store on Friday night. He died early Saturday at Temple University Hospital. The girl and the "
                    "man were treated for wounds to their legs.") == [
        ("Marcus Dell", "killed", 1), ("a 15-year-old girl", "injured", 1), ("a 30-year-old man", "injured", 1)]


def test_a_victim_named_again_in_a_sentence_of_no_harm_is_whom_he_takes_up():
    """'The coroner said Devin was unconscious. He was pronounced dead': Devin died, not the brother
    a neighbour spoke of in the sentence before."""
    assert _figures("Devin Marsh, 8, was struck twice by bullets fired through the door of an apartment early "
                    "Tuesday. A neighbor who rents the unit where the shooting happened said he was like a father to "
                    "Devin and his 6-year-old brother, who was asleep at the time. The coroner said Devin was "
                    "unconscious when officers arrived. He was pronounced dead at a hospital an hour later.") == [
        ("Devin Marsh", "killed", 1)]


def test_the_one_charged_is_no_victim():
    """The student the police charged is the one a later 'she was shot' does not take up."""
    assert _figures("A female student was critically injured when she was struck by a stray bullet on campus "
                    "Thursday. Police have charged 16-year-old student Dale Norris Pratt in connection with the "
                    "shooting. Shortly after the shooting, police identified Pratt as the shooter and took him into "
                    "custody. Relatives say she was shot in the neck.") == [("A female student", "injured", 1)]
