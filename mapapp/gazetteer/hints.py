"""Hints: what the other parts of a string ("Kharkiv region", "Russia", "south of Kharkiv")
and the caller's ``context`` say about where the place is."""

from __future__ import annotations

from dataclasses import dataclass, field

from mapapp.gazetteer.fuzzy import FUZZY_MIN_LENGTH, FuzzyMatcher
from mapapp.gazetteer.index import PlaceIndex, km
from mapapp.gazetteer.names import Part, parse_part

NEAR_HINT_KM = 150.0  # "Chuhuiv, south of Kharkiv": candidates within this of the hint place


@dataclass
class Hint:
    """Where the string (or the caller's context) says the place is."""

    text: str
    countries: set[str] = field(default_factory=set)
    admin1s: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    city: int | None = None  # row of the hint when it is a city ("Obolon district, Kyiv")
    region: int | None = None  # row of the hint when it names a region ("Izum, Kharkiv region")

    def fits(self, index: PlaceIndex, row: int) -> bool:
        """Whether ``row`` lies where this hint says: its country, its region, or near its place."""
        if self.countries and index.country(row) not in self.countries:
            return False
        if not (self.admin1s or self.points):
            return True
        if index.admin(row) and index.admin(row) in self.admin1s:
            return True
        lat, lon = index.coords(row)
        return any(km(lat, lon, plat, plon) <= NEAR_HINT_KM for plat, plon in self.points)


def hint_of_part(index: PlaceIndex, fuzzy: FuzzyMatcher, part: Part, context_countries: set[str]) -> Hint | None:
    """What a secondary part ("Kharkiv region", "Russia", "Odesa") says about location."""
    hint = Hint(part.text)
    code = index.lookup_country(part.text)
    if code:
        hint.countries.add(code)
        return hint
    regions = index.regions_named(part.text, explicit=part.kind == "region", full=part.full)
    if context_countries:
        regions = [r for r in regions if index.country(r) in context_countries] or regions
    for row in regions:
        if index.admin(row):
            hint.admin1s.add(index.admin(row))
        else:  # an area without admin1 (Donbas): use its point
            hint.points.append(index.coords(row))
    if regions:
        hint.region = regions[0]
    if part.kind != "region":
        cities = [row for row, _q in index.candidates(part.text) if index.kind(row) == "P"]
        if context_countries:
            cities = [r for r in cities if index.country(r) in context_countries] or cities
        if not cities and len(part.text) >= FUZZY_MIN_LENGTH:
            cities = [r for r in fuzzy.rows(part.text, context_countries) if index.kind(r) == "P"]
        if cities:
            best = max(cities, key=index.population)
            hint.city = best
            hint.points.append(index.coords(best))
            if index.admin(best):
                hint.admin1s.add(index.admin(best))
    if not (hint.countries or hint.admin1s or hint.points):
        return None
    return hint


def context_hint(index: PlaceIndex, context: str | None) -> Hint | None:
    """The caller's ``context`` (country or region, any language, or ISO code) as a hint."""
    if not context or not context.strip():
        return None
    code = index.lookup_country(context)
    if code:
        return Hint(context, countries={code})
    part = parse_part(context)
    regions = index.regions_named(part.text, explicit=True, full=part.full)
    if regions:
        hint = Hint(context, countries={index.country(r) for r in regions})
        hint.admin1s = {index.admin(r) for r in regions if index.admin(r)}
        return hint
    return None
