"""Villages abroad found only under another name (``ranking.answers_abroad_by_other_name``).

When nothing of a name lies in the context's country, a place across the border that GeoNames
lists under that name only as another name answers when the name is its own name romanised
(Russian border villages in a text about Ukraine, Gaza camps in a text about Israel); when it is
the name in another language (a German village's Sorbian or Polish name), a text about the
neighbouring country means a village of its own that the gazetteer lacks: no answer.
"""

from __future__ import annotations

import pytest

from mapapp.gazetteer import Gazetteer, load_gazetteer
from mapapp.gazetteer.names import is_respelling


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


# (query, context, expected GeoNames name or None)
ABROAD = [
    ("Mika", "PL", None),  # also a name of Mücka (Saxony), not its own name romanised
    ("Mika", None, "Mücka"),  # without a context nothing says the text is about Poland
    ("Tjotkino", "UA", "Tëtkino"),  # Dutch romanisation of a Kursk border village
    ("Glusjkovo", "UA", "Glushkovo"),
    ("Krasnaja Jaroega", "UA", "Krasnaya Yaruga"),
    ("Bolsje-Soldatskoje", "UA", "Bol’shoye Soldatskoye"),
    ("Alexejewka", "UA", "Alexeyevka"),  # German spelling of a Belgorod town
    ("Nuseirat", "IL", "An Nuşayrāt"),  # the Arabic article left out
    ("Bureij", "IL", "Al Burayj"),
    ("Abasan", "IL", "‘Abasān al Kabīrah"),  # "al Kabirah" left out
    ("Zeitoun", "PS", None),  # a Gaza City quarter, not Süleymanlı in Turkey (once Zeitun)
    ("Lemberg", "PL", "Lviv"),  # a big city answers under any of its names
]


@pytest.mark.parametrize(("query", "context", "expected"), ABROAD)
def test_a_place_abroad_answers_under_its_own_name_romanised(gaz, query, context, expected):
    place = gaz.resolve(query, context=context).place
    assert (place.name if place is not None else None) == expected


def test_the_note_names_what_was_left_abroad(gaz):
    note = gaz.resolve("Mika", context="PL").note
    assert "in or near PL" in note and "Mücka" in note


@pytest.mark.parametrize(("key", "name", "expected"), [
    ("tjotkino", "Tëtkino", True),
    ("krasnaja jaroega", "Krasnaya Yaruga", True),
    ("nuseirat", "An Nuşayrāt", True),
    ("abasan", "‘Abasān al Kabīrah", True),
    ("mika", "Mücka", False),
    ("abacum", "Bad Abbach", False),  # a Latin name
    ("zeitoun", "Süleymanlı", False),
])
def test_a_respelling_is_the_same_name_written_another_way(key, name, expected):
    assert is_respelling(key, name) is expected


# (query, context, expected country): what the caller's context decides is kept as given.
CONTEXT_DECIDES = [
    ("Odessa", "US", "US"),  # Odessa, Texas: right for a text about the United States
    ("Odessa", "UA", "UA"),
    ("Odessa", None, "UA"),
]


@pytest.mark.parametrize(("query", "context", "country"), CONTEXT_DECIDES)
def test_a_context_place_of_its_own_name_wins(gaz, query, context, country):
    place = gaz.resolve(query, context=context).place
    assert place is not None and place.country_code == country
