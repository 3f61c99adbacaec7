"""Actors found by code: bodies, people and collective groups an article names often, and name clean-up."""

from summarizer.text.actors import (
    bodies_named_often, groups_named_often, merge_short_forms, people_named_often, tidy_name, tidy_role,
)
from summarizer.brief.types import Actor

RAID = (
    "Harbour raid\n\n"
    "The Red Gulls claimed the night raid on the Pellan docks. The Red Gulls said it was revenge. Police said the "
    "militants fled by boat, and the German consulate nearby was closed. Police found the boat at dawn, and police "
    "divers searched the water. Officials said the Red Gulls had warned of more raids, and German diplomats left.\n"
)

DERBY = (
    "Night of the derby\n\n"
    "The Marlow Otters beat the Dunmore Stags 3-1. The Otters led from the start, and the Stags never recovered. "
    "Later the Otters thanked their fans; the Stags blamed the wind. Coach Ines Varga praised the defence, and "
    "Varga said the Otters had earned it.\n"
)


def test_a_body_named_after_the_article_counts_and_nationality_words_are_not_bodies():
    found = dict(bodies_named_often(RAID))
    assert found.get("Red Gulls") == "organization" or found.get("Red Gulls") == "group"
    assert "German" not in found and "Police" not in found  # 'the German consulate'; one-word name opening a sentence


def test_a_short_form_counts_for_the_one_fuller_name_it_ends():
    found = [name for name, _ in bodies_named_often(DERBY)]
    assert "Marlow Otters" in found and "Otters" not in found


def test_teams_referred_to_as_the_x_are_not_people_but_a_coach_is():
    people = dict(people_named_often(DERBY))
    assert "Marlow Otters" not in people and "Dunmore Stags" not in people
    assert "Ines Varga" in people


def test_a_family_name_written_first_and_used_alone_makes_a_person():
    text = ("Search for a boy\n\nA boy named Wen Lihua fell into a well near a farm. Rescuers dug all night. "
            "It is not known whether Wen is hurt, his uncle said. Volunteers brought lamps as rescuers dug on, "
            "and rescuers asked for more diggers.\n")
    assert "Wen Lihua" in dict(people_named_often(text))
    assert groups_named_often(text) == ["rescuers"]


def test_a_place_is_not_a_person_even_when_its_last_word_stands_alone():
    text = ("Bus crash\n\nThe bus left from Upper Brackley at noon. People from Upper Brackley waited. "
            "Brackley Road was closed, and families in Upper Brackley were told to stay home.\n")
    assert "Upper Brackley" not in dict(people_named_often(text))


def test_collective_actors_need_three_mentions_and_come_most_named_first():
    assert groups_named_often(RAID) == ["police"]  # 'militants' only once
    text = "Protesters marched. Police watched the protesters, and demonstrators sang while police waited and protestors sat."
    assert groups_named_often(text) == ["protesters"]


def test_names_lose_page_furniture_possessives_descriptors_and_front_roles():
    assert tidy_name("Invalid Email Dana Ostrow") == ("Dana Ostrow", "")
    assert tidy_name("Dana Ostrow's") == ("Dana Ostrow", "")
    assert tidy_name("Mother-of-three Dana Ostrow") == ("Dana Ostrow", "")
    assert tidy_name("Otters Manager Ines Varga") == ("Ines Varga", "Otters Manager")
    assert tidy_name("Falcon's Pia Lund") == ("Pia Lund", "")
    assert tidy_name("Pia Lund/Pool via AP") == ("Pia Lund", "")  # a photo credit
    assert tidy_name("Pia Lund Mr Varga") == ("Pia Lund", "")  # two names run together
    assert tidy_name("All German")[0] == ""  # a nationality, not a name
    assert tidy_name("the harbour police chief")[0] == ""  # a description in lower case, not a name
    assert tidy_role("Congratulating the") == "" and tidy_role("a club spokesman") == "a club spokesman"


def test_a_one_word_actor_that_ends_a_fuller_name_becomes_its_alias():
    actors = [Actor(name="Ines Varga", kind="person"), Actor(name="Varga", kind="person"),
              Actor(name="Harbour Police", kind="person")]
    merged = merge_short_forms(actors)
    assert [a.name for a in merged] == ["Ines Varga", "Harbour Police"]
    assert merged[0].aliases == ["Varga"] and merged[1].kind == "organization"


def test_a_first_name_standing_alone_does_not_make_a_caption_run_on_into_a_person():
    text = ("Tram crash\n\nPhilip Logan, 52, died in the crash. Crowds marked Remembrance Day Philip, a father of two, "
            "was named later. Philip was a gentle man, his family said, and Philip loved the sea.\n")
    people = dict(people_named_often(text))
    assert "Philip Logan" in people and "Remembrance Day Philip" not in people


def test_a_word_the_article_writes_in_lower_case_is_not_a_named_actor():
    from summarizer.text.actors import is_common_noun

    text = "A boat packed with nets hit the pier. The Red Gulls said boats were banned. Quorra Vale said the crew left."
    assert is_common_noun("Boat", text) and is_common_noun("Crew", text) and is_common_noun("Nets", text)
    assert not is_common_noun("Red Gulls", text) and not is_common_noun("Quorra Vale", text)  # only at a sentence start


def test_events_and_teams_are_not_people():
    from summarizer.text.actors import fix_kinds

    text = "The Marlow Otters won the Harbour Cup. Fans of the Marlow Otters sang. Ines Varga scored twice."
    kinds = {a.name: a.kind for a in fix_kinds([Actor(name="Marlow Otters", kind="person"), Actor(name="Harbour Cup", kind="person"),
                                                Actor(name="Ines Varga", kind="person")], text)}
    assert kinds == {"Marlow Otters": "group", "Harbour Cup": "other", "Ines Varga": "person"}


def test_in_a_short_article_a_body_named_twice_is_an_actor(tmp_path):
    from conftest import run

    article = tmp_path / "short.txt"
    article.write_text("Raid on the docks\n\nThe Red Gulls raided the Pellan docks on Monday night, officials said. "
                       "Two guards were hurt. The Red Gulls said the raid was revenge for the arrests last month. "
                       "The docks will reopen on Wednesday.\n", encoding="utf-8")
    _, brief, _ = run(path=article)
    assert "Red Gulls" in [a.name for a in brief.actors]


def test_a_name_that_places_something_is_a_place():
    text = ("Ferry strike\n\nThe Dunmore Quay ferry terminal closed. Buses left the Dunmore Quay bus station early, "
            "and the Dunmore Quay pier shut.\n")
    assert dict(bodies_named_often(text)).get("Dunmore Quay") == "place"
