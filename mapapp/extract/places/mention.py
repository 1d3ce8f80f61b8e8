"""What the place finder returns: a name used as a location, and what an area holds."""

from __future__ import annotations

from dataclasses import dataclass

from mapapp.gazetteer import normalize_name
from mapapp.gazetteer.index import km

CITY_REACH_KM = 50.0  # "Kyiv's Boryspil airport": what a city owns lies this near it


@dataclass(frozen=True)
class PlaceMention:
    """A name used as the location of what the sentence reports."""

    written: str  # as the source wrote it, with "regio"/"ten noorden van" kept
    name: str  # the bare name that was resolved
    start: int
    end: int
    place: object | None  # gazetteer Place, None when unresolved
    precision: str
    cue: str = ""  # what made it a location: "in", "direction", "object", "verb", ... ("" for none)
    listed: bool = False  # a later member of a list that shares the first member's cue ("in A, B and C")
    note: str = ""  # why an unresolved name has no coordinates (the gazetteer's reason), for the row to say
    settlement: str = ""  # an unresolved name the gazetteer knows as a real village without a point (KATOTTG)


def area_holds(area, place) -> bool:
    """Whether the resolved country or region ``area`` holds the resolved ``place``: the same country and, for a
    region, the place's first-level region (GeoNames admin1) is that region."""
    if place.country_code != area.country_code:
        return False
    return area.kind == "country" or normalize_name(place.admin1) == normalize_name(area.name)


def contains(area, place) -> bool:
    """Whether the resolved ``area`` holds ``place``: ``area_holds`` for a country or region, and a city holds what
    lies within ``CITY_REACH_KM`` ("Kyiv's Boryspil airport")."""
    if area.kind in ("country", "region"):
        return area_holds(area, place)
    return km(area.latitude, area.longitude, place.latitude, place.longitude) <= CITY_REACH_KM
