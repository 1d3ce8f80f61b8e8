"""Places a sentence names only as a point of reference, not as where its happening was.

A distance or a bearing from a place ("40 km northwest of Herat", "tegenover Khartoem") and the road to a
place ("the road to Wabag") say where something else is; where people fled to or found shelter ("uit El
Fasher gevlucht, richting Tawila", "zochten onderdak in Saint-Marc") is where they arrived, and the
happening is told at the place it emptied.  A known place so used keeps the cue "distance"; an unknown
name so used is dropped.
"""

from __future__ import annotations

from mapapp.extract.placewords import DISTANCE_BEFORE, FLIGHT, OPPOSITE_BEFORE, ROAD_TO_BEFORE, SHELTER_BEFORE


def a_destination(text: str, start: int, cue: str | None) -> bool:
    """Whether the name at ``start`` is where people fled or sheltered, not where it happened: "uit El Fasher
    gevlucht, richting Tawila", "zochten onderdak in Saint-Marc", "the road to Wabag" (an evacuation is
    told at the place it emptied)."""
    if SHELTER_BEFORE.search(text, 0, start) or ROAD_TO_BEFORE.search(text, 0, start):
        return True
    return cue in ("richting", "towards", "toward") and FLIGHT.search(text, 0, start) is not None


def a_point_of_reference(text: str, start: int, qualifier_start: int | None, cue: str | None) -> bool:
    """Whether the name at ``start`` (its qualifier, "ten noorden van", at ``qualifier_start``) only says where
    something else is: a distance, across from it, or a destination (``a_destination``)."""
    return DISTANCE_BEFORE.search(text, 0, qualifier_start if qualifier_start is not None else start) is not None \
        or OPPOSITE_BEFORE.search(text, 0, start) is not None or a_destination(text, start, cue)
