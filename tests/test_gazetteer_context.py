"""How far the gazetteer may reach for a place it does not have under that name.

A guess presented as fact is worse than no answer: a near miss without a country to search in
must be a small slip of a real name; a Ukrainian village KATOTTG knows is never swapped for a
look-alike elsewhere; a context country keeps far-away places that merely carry the name as a
GeoNames alternate out, but not the big city the name belongs to or a town across its border.
"""

from __future__ import annotations

import pytest

from mapapp.gazetteer import Gazetteer, load_gazetteer
from mapapp.gazetteer.fuzzy import small_slip
from mapapp.gazetteer.names import spelling_keys


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("written", "name", "slip"),
    [
        ("bakhmutt", "bakhmut", True),  # a doubled letter
        ("melitopl", "melitopol", True),  # a dropped vowel
        ("zaporizhza", "zaporizhzhia", True),  # dropped letters
        ("kherosn", "kherson", True),  # neighbours swapped
        ("donestk", "donetsk", True),  # consonant neighbours swapped
        ("novaya kakhovka", "nova kakhovka", True),  # vowels added
        ("shangla", "shanga", False),  # a consonant added: another name
        ("al masnaa", "al manama", False),  # consonants changed
        ("bahanaga", "bhanga", False),  # too many letters apart
        ("staritsja", "staritsa", False),
        ("karpachiv", "karachi", False),
        ("critici", "curtici", False),  # not a swap: "ri" against "ur"
        ("hlbyoke", "holyoke", False),
    ],
)
def test_a_small_slip_is_a_few_letters_dropped_doubled_swapped_or_vowels(written, name, slip):
    assert small_slip(written, name) is slip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Bakhmutt", "Bakhmut"),
        ("Kherosn", "Kherson"),
        ("Kramatorks", "Kramatorsk"),
        ("Melitopl", "Melitopol"),
        ("Shangla", None),  # a district in Pakistan, not Shanga in Nigeria
        ("Al Masnaa", None),  # a Lebanese border crossing, not Manama
        ("Bahanaga", None),  # a village in India, not Bhanga in Bangladesh
        ("Karpachiv", None),  # a Ukrainian village misspelt, not Karachi
        ("Kitpi", None),
    ],
)
def test_a_near_miss_without_context_is_only_a_small_slip(gaz, query, expected):
    result = gaz.resolve(query)
    assert (result.place.name if result.place else None) == expected, result.note


@pytest.mark.parametrize(
    ("written", "key"),
    [("staritsja", "staritsia"),  # "tsj" is also Dutch for ch (Tsjernihiv): both readings are kept
     ("starytsia", "staritsia"), ("koepjansk", "kupiansk"), ("lozovyi yar", "lozovi iar"),
     ("bakhmutt", "bakhmut"), ("zhuravlevka", "zhuravlivka")],
)
def test_spelling_keys_fold_romanisations(written, key):
    assert key in spelling_keys(written)


@pytest.mark.parametrize("context", [None, "UA", "Oekraïne"])
@pytest.mark.parametrize(
    ("query", "settlement"),
    [
        ("Staritsja", "starytsia"),  # Dutch spelling; Staritsa in Tver Oblast is not it
        ("Starytsia", "starytsia"),
        ("Berdytsji", "berdychi"),  # not Berdychiv, 300 km away
    ],
)
def test_a_ukrainian_settlement_without_a_point_is_never_a_near_miss(gaz, query, settlement, context):
    result = gaz.resolve(query, context)
    assert result.place is None
    assert f"{settlement!r} is a Ukrainian settlement" in result.note and "KATOTTG" in result.note


@pytest.mark.parametrize(
    ("query", "name"),
    [("Yenakievo", "Yenakiieve"),  # Russian spelling, found through KATOTTG's name
     ("Lozovy Iar", "Lozovyi Yar"),
     ("Vasiylevka", "Vasylivka")],  # a 12.6k town: bigger than any namesake without a point
)
def test_another_romanisation_of_a_ukrainian_settlement_finds_its_point(gaz, query, name):
    result = gaz.resolve(query)
    assert result.place is not None and result.place.name == name, result.note
    assert "Ukrainian settlement" in result.note


def test_a_settlement_name_with_points_in_fewer_oblasts_than_katottg_lists_is_no_answer(gaz):
    # KATOTTG has Zhuravlivka in Crimea and Vinnytsia Oblast; the Dutch spelling of the Russian
    # village (Belgorod) must not become the city section of Kharkiv that shares the name
    result = gaz.resolve("Zjoeravlovka", "UA")
    assert result.place is None and "Kharkiv" not in result.note


@pytest.mark.parametrize(
    ("query", "context", "country"),
    [
        ("Kanan", "MM", None),  # GeoNames lists "Kanan" for Kanō, Japan: 3,900 km from Myanmar
        ("Tawila", "SD", None),  # a town in Darfur, not Aţ Ţawīlah in Yemen
        ("Zhuravlevka", "RU", None),  # a Belgorod village, not the Ukrainian one spelled so in Russian
        ("Sjebekino", "UA", "RU"),  # a town across the border keeps its Dutch name
        ("Kirjat Sjmona", "SY", "IL"),
        ("Sudzha", "UA", "RU"),  # its own name: always an answer
        ("Moskou", "UA", "RU"),  # a curated name
        ("Novorossiysk", "UA", "RU"),  # the big port, not a Ukrainian village once called so
        ("Novorossiysk", None, "RU"),
        ("Dzerzhinsk", "UA", "UA"),  # Toretsk's old name: the context's town is only 7x smaller
        ("Pokrovsk, Russia", "UA", "RU"),  # the string's own country beats the context
    ],
)
def test_the_context_keeps_far_away_namesakes_by_another_name_out(gaz, query, context, country):
    result = gaz.resolve(query, context)
    assert (result.place.country_code if result.place else None) == country, result.note


@pytest.mark.parametrize(
    ("query", "context"),
    [("Huge", "PG"), ("Huge", None),  # g→h makes Russian spellings Ukrainian, not Huhe in China
     ("How", None), ("Now", None)],  # too short to respell: Hov (Norway), Nov (Tajikistan)
)
def test_respellings_stay_where_their_rules_belong(gaz, query, context):
    assert gaz.resolve(query, context).place is None


def test_dutch_spellings_of_russian_places_are_found_far_from_the_context(gaz):
    result = gaz.resolve("Oest-Loega", "UA")  # Ust-Luga: a systematic Dutch spelling, not a GeoNames alternate
    assert result.place is not None and result.place.country_code == "RU"


def test_a_far_away_namesake_is_named_in_the_note(gaz):
    note = gaz.resolve("Kanan", "Myanmar").note
    assert "in or near Myanmar" in note and "Kanō" in note


@pytest.mark.parametrize(
    ("query", "context", "expected"),
    [
        ("Rhodes", "GR", "Ródos"),
        ("Tamworth", "GB", "Tamworth"),
        ("Southport", "GB", "Southport"),
        ("Southport", None, None),  # England 92k, Queensland 33k: too close to call without a country
    ],
)
def test_a_country_decides_between_namesakes(gaz, query, context, expected):
    result = gaz.resolve(query, context)
    assert (result.place.name if result.place else None) == expected, result.note


@pytest.mark.parametrize(
    ("query", "context", "expected"),
    [
        ("Red Square", "RU", None),  # not a square in Red, a village in India
        ("Red Square on Friday", "RU", None),
        ("Grand Hotel Rimini", "IT", None),  # "Grand" is a village in Côte d'Ivoire, not this hotel's town
        ("Kramatorsk railway station", "UA", "Kramatorsk"),  # the town in the context country stands
        ("central market in Kharkiv", "UA", "Kharkiv"),
        ("Lviv railway station", "RU", "Lviv"),  # a big city abroad stands
    ],
)
def test_the_town_in_an_unknown_landmarks_name_stays_near_the_context(gaz, query, context, expected):
    result = gaz.resolve(query, context=context)
    assert (result.place.name if result.place else None) == expected
    if expected is None:
        assert "landmark" in result.note and "far from" in result.note
