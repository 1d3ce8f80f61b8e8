"""Ukrainian settlements (KATOTTG): other romanisations of a Ukrainian name, and villages the
gazetteer knows by name but has no point for.

KATOTTG lists every Ukrainian city, town and village; cities500 has points for about a fifth of
them.  A village without a point must stay unresolved, with a note naming its oblast, rather than
be fuzzy-matched to a similar town ("Berdychi", a Donetsk village, is not Berdychiv, 300 km away).
"""

from __future__ import annotations

from mapapp.gazetteer.index import ALTERNATE, PlaceIndex
from mapapp.gazetteer.names import russian_to_ukrainian, spelling_keys, ukrainian_spellings
from mapapp.gazetteer.resolution import Resolution

SMALL_TOWN_OVER_UNPLACED = 2_500  # CLEAR_RATIO_SMALL_TOWN times cities500's 500 inhabitants

Candidates = list[tuple[int, int]]  # (gazetteer line, match quality), as PlaceIndex.candidates gives them


def ukrainian(index: PlaceIndex, key: str) -> Candidates:
    """The Ukrainian places (and regions) known under ``key``."""
    return [(row, q) for row, q in index.candidates(key) if index.country(row) == "UA"]


def ukrainian_respelled(index: PlaceIndex, key: str) -> tuple[Candidates, str]:
    """The Ukrainian places under another romanisation of ``key``, or under the Ukrainian form of
    a Russian name ("Artemovsk"), with a note; the other romanisations and Russian names of
    Ukrainian names name Ukrainian places only."""
    for respell, why in ((ukrainian_spellings, "spelling variant"), (russian_to_ukrainian, "Russian spelling of")):
        variants = [v for v in respell(key) if ukrainian(index, v)]
        if variants:
            return [c for v in variants for c in ukrainian(index, v)], f"{why} {variants[0]!r}"
    return [], ""


def settlement_spelled(index: PlaceIndex, key: str) -> tuple[Candidates, str, Resolution | None]:
    """A Ukrainian settlement (KATOTTG) under another romanisation of ``key`` ("Staritsja" is
    Starytsia): its points in the oblasts KATOTTG lists it in, as candidates, and a note; or,
    when the gazetteer has no point for it, or only village points in fewer of those oblasts
    than KATOTTG lists (the one point may be the wrong village), no candidates and the
    unresolved answer.  A town of SMALL_TOWN_OVER_UNPLACED or more is a candidate anyway: the
    villages without a point are smaller than cities500's 500 inhabitants."""
    names = index.settlements_spelled(spelling_keys(key))
    if not names:
        return [], "", None
    oblasts = sorted({o for name in names for o in index.settlement_oblasts(name).split("|")})
    admins = {index.oblast_admin(o) for o in oblasts}
    found = [(row, ALTERNATE) for name in names for row, _q in index.candidates(name)
             if index.kind(row) == "P" and index.country(row) == "UA" and index.admin(row) in admins]
    placed = {index.admin(row) for row, _q in found}
    if found and (len(placed) >= len(oblasts)
                  or max(index.population(row) for row, _q in found) >= SMALL_TOWN_OVER_UNPLACED):
        named = next(n for n in names if index.candidates(n))
        return found, f"spelling variant {named!r} (a Ukrainian settlement)", None
    return [], "", settlement_without_point(names[0], "|".join(oblasts), len(placed))


def settlement_without_point(key: str, oblasts: str, points: int = 0) -> Resolution:
    """No answer for a real village: KATOTTG lists it in ``oblasts`` ("a|b"), and the gazetteer has
    village points of that name in only ``points`` of them (0: none)."""
    listed = oblasts.replace("|", ", ")
    if points:
        return Resolution(None, f"{key!r} is a Ukrainian settlement name in {listed} (per KATOTTG); the "
                                f"gazetteer has village points in only {points} of those oblasts, which may "
                                "not be this one", settlement=key)
    return Resolution(None, f"{key!r} is a Ukrainian settlement ({listed} per KATOTTG) that the gazetteer "
                            "has no coordinates for", settlement=key)
