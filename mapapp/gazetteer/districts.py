"""City districts: "Petrovskyi district, Donetsk", "Kyiv, Podilskyi district", "Obolon district, Kyiv".

A district answers with its own point when the data has one (``#districts``), else with its
city and a note.  It never answers with a namesake village elsewhere (many district names are
also villages' names), and a raion of the oblast named after its town ("Kupiansk district,
Kharkiv") is not taken for a district of the oblast's capital.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from mapapp.gazetteer.hints import Hint
from mapapp.gazetteer.index import PlaceIndex, km
from mapapp.gazetteer.names import Part, district_key, raion_town_keys
from mapapp.gazetteer.ranking import BIG_CITY, SAME_PLACE_KM
from mapapp.gazetteer.resolution import Resolution

DISTRICT_CUTOFF = 0.85  # a misspelt district name, compared only with the few districts of its city


def district_in_city(index: PlaceIndex, main: Part, hints: list[Hint]) -> Resolution | None:
    """"Petrovskyi district, Donetsk": a district named first, its city as a hint."""
    if main.kind != "district":
        return None
    for hint in hints:
        if hint.city is not None and (hint.city in index.districts
                                      or index.population(hint.city) >= BIG_CITY):
            return district_of(index, main, hint.city)
    return None


def district_of_city(index: PlaceIndex, city: Resolution, district: Part) -> Resolution | None:
    """"Kyiv, Podilskyi district": a city's own district, though the district's name also
    belongs to a village far away.  Only for real cities (≥ BIG_CITY), which have districts;
    ``city`` is what the string's first part resolved to."""
    if city.place is None or city.place.kind != "city" or city.place.population < BIG_CITY:
        return None
    answer = district_of(index, district, city.row)
    if answer is not None:
        return answer
    return Resolution(city.place, f"{city.note}; district {district.text!r} taken as a district of the city",
                      city.precision, city.row)


def district_of(index: PlaceIndex, district: Part, city_row: int) -> Resolution | None:
    """A district of the city on ``city_row``: its own point when the data has one, else the
    city with a note.  Never another district's or a namesake village's answer: a name that
    is not one of the city's districts gives the city, at city precision, with a note.
    None when the "district" is a raion of the oblast named after its town (Kupiansk district)."""
    city = index.place(city_row)
    known = index.districts.get(city_row, {})
    key = district_key(district.text)
    entry = known.get(key)
    if entry is None and known:
        close = difflib.get_close_matches(key, list(known), n=3, cutoff=DISTRICT_CUTOFF)
        if close and len({known[k][0] for k in close}) == 1:  # one district, however spelled
            entry = known[close[0]]
    if entry is None:
        if raion_of_oblast(index, district, city_row):
            return None
        why = (f"{district.text!r} is not one of the districts of {city.name} we know" if known
               else f"the gazetteer has no districts for {city.name}")
        return Resolution(city, f"district not located: {why}; the city is used", "city", city_row)
    name, point = entry
    if point is None:
        return Resolution(city, f"district {name} of {city.name}: the gazetteer has no point for it; "
                                "the city is used", "city", city_row)
    # kind stays "city" (Place kinds are country/region/city, which callers rely on); the
    # precision says it is a district
    place = replace(index.place(point), name=f"{name} district, {city.name}")
    written = "" if district_key(name) == key else f" (written {district.text!r})"
    return Resolution(place, f"district {name} of {city.name}{written}", "district", point)


def raion_of_oblast(index: PlaceIndex, district: Part, city_row: int) -> bool:
    """"Kupiansk district, Kharkiv": a raion of the oblast named after its town, which lies
    outside the city (the city's own district would be within it)."""
    towns = [district.text, *raion_town_keys(district.text)]
    clat, clon = index.coords(city_row)
    return any(index.kind(row) == "P" and index.admin(row) == index.admin(city_row)
               and km(clat, clon, *index.coords(row)) > SAME_PLACE_KM
               for town in towns for row, _q in index.candidates(town))


def city_of_unknown_district(index: PlaceIndex, main: Part, hints: list[Hint]) -> Resolution | None:
    """An unknown district of a known city ("Obolon district, Kyiv") resolves to the city;
    an unknown village in a region resolves to nothing (the region centroid would
    look precise and be tens of km off)."""
    if main.kind != "district":
        return None
    for hint in hints:
        if hint.city is not None:
            place = index.place(hint.city)
            return Resolution(place, f"district {main.text!r} not in gazetteer; using the city {place.name}",
                              "city")
    return None
