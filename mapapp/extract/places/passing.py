"""Places a sentence names only as a point of reference or as where people went, not as where its happening was.

* A distance or a bearing from a place ("40 km northwest of Herat", "tegenover Khartoem") and the road to a
  place ("the road to Wabag") say where something else is: the finder gives a known place so used the cue
  "distance" and drops an unknown one (``a_point_of_reference``).
* Where the fled went or were received ("uit El Fasher gevlucht, richting Tawila", "zochten onderdak in
  Saint-Marc", "opgevangen in Mykolajiv", "naar Pavlohrad gebracht") is where they arrived; the happening is
  told at the place they left.  One rule, ``where_people_went``, read by ``notevents.passing_place`` with the
  sentence's category and its other places; "fled to Pemba" alone tells where the fleeing was seen.
"""

from __future__ import annotations

from mapapp.extract.documents import Sentence
from mapapp.extract.places.mention import PlaceMention
from mapapp.extract.placewords import (
    CARRIED,
    CLAUSE_REACH,
    DESTINATION_CUES,
    DISTANCE_BEFORE,
    DISTANCE_UNITS,
    FLIGHT,
    NEAR_TO_BEFORE,
    OPPOSITE_BEFORE,
    RECEIVED_BEFORE,
    ROAD_TO_BEFORE,
    TO_A_PLACE_BEFORE,
    mentions_any,
)


def a_point_of_reference(text: str, start: int, qualifier_start: int | None) -> bool:
    """Whether the name at ``start`` (its qualifier, "ten noorden van", at ``qualifier_start``) only says where
    something else is: a distance, across from it, the road to it."""
    before = qualifier_start if qualifier_start is not None else start
    window = max(0, before - CLAUSE_REACH)
    return mentions_any(text, window, before, DISTANCE_UNITS) \
        and DISTANCE_BEFORE.search(text, window, before) is not None \
        or OPPOSITE_BEFORE.search(text, 0, start) is not None or ROAD_TO_BEFORE.search(text, 0, start) is not None


def where_people_went(sentence: Sentence, mention: PlaceMention, category: str | None,
                      others: list[PlaceMention]) -> bool:
    """Whether ``mention`` is where people were received or sheltered, or a destination they were carried or
    fled to from a place the sentence names (module docstring); a visit's destination is the visit's place
    (``category`` "diplomacy").  ``others``: the sentence's place mentions."""
    before = sentence.text[:mention.start - sentence.start]
    if RECEIVED_BEFORE.search(before):
        return True  # "zij worden opgevangen in Mykolajiv", "most found shelter in X"
    destination = mention.cue in DESTINATION_CUES or TO_A_PLACE_BEFORE.search(before) is not None
    if not destination or category == "diplomacy" or NEAR_TO_BEFORE.search(before):
        return False
    came_from = any(m.cue in ("uit", "from") for m in others) \
        or category == "evacuation" and any(m.end <= mention.start for m in others)
    fled_from_before = mention.cue in ("richting", "towards", "toward") and FLIGHT.search(before) is not None
    return CARRIED.search(sentence.text) is not None or came_from or fled_from_before
