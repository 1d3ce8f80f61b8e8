"""The curated exonym table (``geodata/exonyms.csv``): Dutch and news spellings GeoNames lacks.

Expected points are independent reference values (Wikipedia city centres, the conventional
country points), not read back from the table.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from mapapp.gazetteer import Gazetteer, load_gazetteer, normalize_name
from mapapp.gazetteer.exonyms import Exonym, add_exonyms, read_exonyms, target_row
from mapapp.gazetteer.index import km

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _check_script():
    spec = importlib.util.spec_from_file_location("check_exonyms", REPO / "geodata" / "check_exonyms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# (news spelling, country, kind, latitude, longitude, tolerance km)
EXONYMS = [
    ("Port Soedan", "SD", "city", 19.617, 37.217, 25),
    ("Hodeidah", "YE", "city", 14.798, 42.954, 25),
    ("Djoeba", "SS", "city", 4.851, 31.582, 25),
    ("Voechledar", "UA", "city", 47.780, 37.248, 25),
    ("Falluja", "IQ", "city", 33.350, 43.783, 25),
    ("Rijsel", "FR", "city", 50.633, 3.067, 25),
    ("Tsjaad", "TD", "country", 15.0, 19.0, 600),
    ("Zuid-Soedan", "SS", "country", 7.0, 30.0, 600),  # not Sudan with its compass word dropped
    ("Servië", "RS", "country", 44.0, 21.0, 600),
    ("Ivoorkust", "CI", "country", 8.0, -5.0, 600),
    ("Koeweit", "KW", "country", 29.5, 45.75, 600),  # the country; GeoNames gives the name to Kuwait City
    ("Gazastrook", "PS", "region", 31.42, 34.38, 60),
    ("Westelijke Jordaanoever", "PS", "region", 31.95, 35.25, 80),
    ("Tsjetsjenië", "RU", "region", 43.3, 45.7, 120),
    ("Noord-Kivu", "CD", "region", -0.8, 29.0, 200),
]


@pytest.mark.parametrize(("name", "country", "kind", "lat", "lon", "tolerance"), EXONYMS)
def test_news_spellings_resolve_to_their_place(gaz, name, country, kind, lat, lon, tolerance):
    place = gaz.resolve(name).place
    assert place is not None, name
    assert (place.country_code, place.kind) == (country, kind)
    assert km(lat, lon, place.latitude, place.longitude) <= tolerance


def test_every_row_of_the_table_resolves_to_its_recorded_target(gaz):
    assert _check_script().problems(gaz, read_exonyms()) == []


def test_the_table_has_one_row_per_spelling():
    keys = [normalize_name(e.exonym) for e in read_exonyms()]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("wrong", [
    Exonym("Nergensstad", "Port Sudan", "SD", "city", 0.0, 0.0),  # the recorded point is elsewhere
    Exonym("Nergensstad", "Port Sudan", "EG", "city", 19.62, 37.22),  # wrong country
    Exonym("Nergensstad", "Port Sudan", "SD", "country", 19.62, 37.22),  # wrong kind
    Exonym("Nergensstad", "Atlantis", "SD", "city", 19.62, 37.22),  # no such place
])
def test_a_row_whose_target_is_not_where_it_says_adds_nothing(gaz, wrong):
    assert target_row(gaz, wrong) is None
    assert add_exonyms(gaz, [wrong]) == [wrong]
    assert normalize_name(wrong.exonym) not in gaz.index


def test_a_missing_table_is_an_empty_one(tmp_path):
    assert read_exonyms(tmp_path / "none.csv") == []
