"""Dutch and English names of conflict regions (``geodata/exonyms.csv``), as news writes them.

Expected points are independent reference values (each region's capital or main town), not read
back from the table; the tolerance covers the distance from that town to the gazetteer's region
centre.
"""

from __future__ import annotations

import pytest

from mapapp.gazetteer import Gazetteer, load_gazetteer
from mapapp.gazetteer.index import km


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


# (news spelling, context, country, kind, reference point: its capital/main town, tolerance km)
REGIONS = [
    ("Neder-Oostenrijk", "AT", "AT", "region", 48.20, 15.62, 100),  # St. Pölten
    ("Opper-Oostenrijk", None, "AT", "region", 48.31, 14.29, 100),  # Linz
    ("Noord-Darfoer", "SD", "SD", "region", 13.63, 25.35, 150),  # El Fasher
    ("North Darfur", None, "SD", "region", 13.63, 25.35, 150),
    ("Zuid-Darfoer", "SD", "SD", "region", 12.05, 24.88, 150),  # Nyala
    ("South Darfur", None, "SD", "region", 12.05, 24.88, 150),
    ("West-Darfoer", "SD", "SD", "region", 13.45, 22.45, 150),  # El Geneina
    ("West-Darfur", None, "SD", "region", 13.45, 22.45, 150),
    ("Oost-Darfoer", "SD", "SD", "region", 11.46, 26.13, 150),  # Ed Daein
    ("Zuid-Kordofan", "SD", "SD", "region", 11.01, 29.72, 150),  # Kadugli
    ("South Kordofan", None, "SD", "region", 11.01, 29.72, 150),
    ("West Kordofan", "SD", "SD", "region", 11.72, 28.34, 150),  # El Fula
    ("Noord-Sinaï", "EG", "EG", "region", 31.13, 33.80, 100),  # Arish; not Sinaí in Ecuador
    ("Zuid-Sinaï", None, "EG", "region", 28.24, 33.62, 150),  # El Tor
    ("Transnistrië", "MD", "MD", "region", 46.84, 29.63, 60),  # Tiraspol, exactly rather than by a typo match
    ("Noord-Ossetië", "RU", "RU", "region", 43.02, 44.68, 60),  # Vladikavkaz
    ("Ingushetia", None, "RU", "region", 43.17, 44.81, 60),  # Magas
    ("Anbar", "IQ", "IQ", "region", 33.42, 43.30, 200),  # Ramadi; not Ambar in Turkey
    ("Ninive", None, "IQ", "region", 36.34, 43.13, 100),  # Mosul
    ("Kasjmir", "IN", "IN", "region", 34.08, 74.80, 120),  # Srinagar
]


@pytest.mark.parametrize(("name", "context", "country", "kind", "lat", "lon", "tolerance"), REGIONS)
def test_conflict_regions_resolve_under_their_news_names(gaz, name, context, country, kind, lat, lon, tolerance):
    place = gaz.resolve(name, context=context).place
    assert place is not None, name
    assert (place.country_code, place.kind) == (country, kind)
    assert km(lat, lon, place.latitude, place.longitude) <= tolerance


@pytest.mark.parametrize("context", ["ML", None])
def test_a_bamako_district_named_bare_is_bamako(gaz, context):
    """Faladié is a district of Bamako that reports name without the city; GeoNames only has a
    village of that name 70 km away, in Koulikoro."""
    place = gaz.resolve("Faladié", context=context).place
    assert place is not None and place.name == "Bamako"


# Areas GeoNames has no first-level region for: ``region:`` rows of geodata/aliases.csv, built into the
# data file.  (name, context, area, reference point: a town inside it, tolerance km)
AREAS = [
    ("Darfur", "SD", "Darfur", 13.63, 25.35, 250),  # El Fasher
    ("Darfoer", None, "Darfur", 12.05, 24.88, 250),  # Nyala
    ("Kordofan", "SD", "Kordofan", 13.18, 30.22, 250),  # El Obeid
    ("Nagorno-Karabach", None, "Nagorno-Karabakh", 39.82, 46.75, 40),  # Stepanakert
    ("Karabach", None, "Nagorno-Karabakh", 39.82, 46.75, 40),  # not Karabash in the Urals
    ("Opper-Karabach", "AM", "Nagorno-Karabakh", 39.82, 46.75, 40),
    ("Oost-Ghouta", "SY", "Eastern Ghouta", 33.57, 36.40, 25),  # Douma
    ("Eastern Ghouta", None, "Eastern Ghouta", 33.57, 36.40, 25),
    ("Golanhoogvlakte", "IL", "Golan Heights", 32.99, 35.69, 40),  # Katzrin
    ("Golan", None, "Golan Heights", 32.99, 35.69, 40),  # not Golān, a village in Iran
    ("Sinaï", "EG", "Sinai", 29.0, 33.8, 250),
    ("Sinai", None, "Sinai", 29.0, 33.8, 250),  # not Sinaí in Ecuador
    ("Koerdistan", "IQ", "Kurdistan Region", 36.19, 44.01, 60),  # Erbil; not Iran's Kurdistan Province
    ("Iraqi Kurdistan", None, "Kurdistan Region", 36.19, 44.01, 60),
]


@pytest.mark.parametrize(("name", "context", "area", "lat", "lon", "tolerance"), AREAS)
def test_areas_without_an_admin1_resolve_to_their_own_point(gaz, name, context, area, lat, lon, tolerance):
    place = gaz.resolve(name, context=context).place
    assert place is not None and (place.name, place.kind) == (area, "region")
    assert km(lat, lon, place.latitude, place.longitude) <= tolerance


@pytest.mark.parametrize(("name", "context", "expected"), [
    ("Golān", "IR", "Golān"),  # the village stays in a text about Iran
    ("Kurdistan", "IR", "Kurdistan Province"),  # and Iran's province in a text about Iran
    ("Noord-Sinaï", None, "North Sinai"),  # the governorate, not the whole peninsula
    ("Noord-Darfoer", None, "Northern Darfur"),
])
def test_an_area_does_not_take_the_names_of_its_parts_or_namesakes(gaz, name, context, expected):
    place = gaz.resolve(name, context=context).place
    assert place is not None and place.name == expected
