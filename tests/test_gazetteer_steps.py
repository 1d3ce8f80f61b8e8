"""The resolver's steps, one module per concern, called directly: how a query is split into parts
(``resolve.split_query``), listed and unlisted landmarks (``landmarks``), other romanisations and
villages without a point (``settlements``), and city districts (``districts``).  ``Gazetteer.resolve``
only orders these steps; tests/test_gazetteer*.py check the whole."""

from __future__ import annotations

import math

import pytest

from mapapp.gazetteer import Gazetteer, districts, landmarks, load_gazetteer, settlements
from mapapp.gazetteer.hints import context_hint, hint_of_part
from mapapp.gazetteer.resolve import split_query


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def part(text: str):
    """The first part of ``text`` as the resolver parses it."""
    return split_query(text)[1][0]


@pytest.mark.parametrize("query, parts", [
    ("Lysychansk, Luhansk region", [("lysychansk", ""), ("luhansk", "region")]),
    ("Shevchenkivskyi district of Zaporizhzhia", [("shevchenkivskyi", "district"), ("zaporizhzhia", "")]),
    ("Holosiivskyi district (Kyiv)", [("holosiivskyi", "district"), ("kyiv", "")]),
    ("west of Sloviansk", [("sloviansk", "")]),
    ("", []),
    ("   ", []),
    (None, []),
    (math.nan, []),
    ("location unknown", []),
    ("2024-03-01", []),
    ("12:30", []),
    ("???", []),
])
def test_split_query_gives_the_parts_with_what_their_words_say(query, parts):
    assert [(p.text, p.kind) for p in split_query(query)[1]] == parts


def test_a_compass_word_marks_the_part_approximate():
    assert part("west of Sloviansk").near


@pytest.mark.parametrize("query, town", [
    ("Okhmatdyt", "Kyiv"),
    ("Okhmatdyt hospital", "Kyiv"),
    ("Kakhovka dam", "Nova Kakhovka"),
])
def test_a_listed_landmark_answers_with_its_town(gaz, query, town):
    answer = landmarks.known_landmark(gaz, split_query(query)[1])
    assert answer is not None and answer.place.name == town and answer.precision == "city"


@pytest.mark.parametrize("query, kept", [
    ("Sloviansk bus station", ["sloviansk"]),
    ("bus station in Sloviansk", ["sloviansk"]),
    ("the old market", []),
    ("Lviv", ["lviv"]),
])
def test_building_words_are_cut_off_a_town_or_the_part_dropped(gaz, query, kept):
    parts, cut = landmarks.without_landmarks(gaz, split_query(query)[1])
    assert [p.text for p in parts] == kept
    assert cut == (kept != ["lviv"])


def test_a_town_from_an_unknown_landmark_far_from_the_context_is_no_answer(gaz):
    town = gaz.resolve("Red")  # the town a "Red Square" would hold, far from Russia
    if town.place is None or town.place.country_code == "RU":
        pytest.skip("no foreign town named Red in this data")
    answer = landmarks.town_of_unknown_landmark(gaz, town, "Red Square", context_hint(gaz, "Russia"))
    assert answer.place is None and "far from" in answer.note


@pytest.mark.parametrize("key, oblasts, points, words", [
    ("tonenke", "Donetska", 0, "has no coordinates"),
    ("tonenke", "Donetska|Zaporizka", 1, "only 1 of those oblasts"),
])
def test_a_village_without_a_point_is_no_answer_that_names_it(key, oblasts, points, words):
    answer = settlements.settlement_without_point(key, oblasts, points)
    assert answer.place is None and answer.settlement == key and words in answer.note
    assert oblasts.replace("|", ", ") in answer.note


def test_a_katottg_village_under_another_romanisation_is_never_a_near_miss(gaz):
    found, _note, unplaced = settlements.settlement_spelled(gaz, "berdychi")
    assert found == [] and unplaced is not None and unplaced.settlement == "berdychi"


def test_ukrainian_respellings_name_ukrainian_places_only(gaz):
    found, note = settlements.ukrainian_respelled(gaz, "no such name anywhere")
    assert (found, note) == ([], "")
    assert all(gaz.country(row) == "UA" for row, _q in settlements.ukrainian(gaz, "odesa"))


@pytest.mark.parametrize("city, district, name, precision", [
    ("Kyiv", "Podilskyi district", "Podilskyi district, Kyiv", "district"),
    ("Kyiv", "Zzzyx district", "Kyiv", "city"),  # not one of its districts: the city, with a note
])
def test_a_district_of_a_big_city_is_its_point_or_the_city(gaz, city, district, name, precision):
    answer = districts.district_of_city(gaz, gaz.resolve(city), part(district))
    assert answer is not None and answer.place.name == name and answer.precision == precision


def test_a_small_town_has_no_districts(gaz):
    assert districts.district_of_city(gaz, gaz.resolve("Bucha"), part("Podilskyi district")) is None


def test_a_raion_named_after_its_town_is_no_district_of_the_oblast_capital(gaz):
    assert districts.district_of(gaz, part("Kupiansk district"), gaz.resolve("Kharkiv").row) is None


@pytest.mark.parametrize("query, hinted, answer", [
    ("Zzzyx district", "Kyiv", "Kyiv"),
    ("Zzzyx district", None, None),
    ("Zzzyx", "Kyiv", None),  # a village, not a district: never its city
])
def test_an_unknown_district_falls_back_to_its_city_only(gaz, query, hinted, answer):
    hints = [hint_of_part(gaz, gaz.fuzzy, part(hinted), set())] if hinted else []
    found = districts.city_of_unknown_district(gaz, part(query), hints)
    assert (found.place.name if found else None) == answer
