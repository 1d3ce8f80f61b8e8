"""Landmarks: "Azovstal", "Kramatorsk railway station", "the central market" → the town they are in.

A landmark listed in ``geodata/landmarks.csv`` answers with its town's point.  An unlisted one is
cut off its town ("kramatorsk railway station" → "kramatorsk"), or dropped when no town is
written, so that a building's name is never matched as a village of the same name.
"""

from __future__ import annotations

from mapapp.gazetteer.hints import Hint
from mapapp.gazetteer.index import PlaceIndex
from mapapp.gazetteer.names import (
    LANDMARK_LINK,
    LANDMARK_MODIFIERS,
    LANDMARK_WORDS,
    Part,
    could_be_town,
    is_landmark,
    names_landmark,
    parse_part,
)
from mapapp.gazetteer.ranking import near_context
from mapapp.gazetteer.resolution import Resolution


def known_landmark(index: PlaceIndex, parts: list[Part]) -> Resolution | None:
    """The town of the first part that is a listed landmark ("Azovstal", "Crimean bridge")."""
    for part in parts:
        town = landmark_town_row(index, part)
        if town is not None:
            place = index.place(town)
            return Resolution(place, f"landmark {part.text!r} is in {place.name}", "city", town)
    return None


def landmark_town_row(index: PlaceIndex, part: Part) -> int | None:
    """The town of a landmark listed in ``geodata/landmarks.csv`` ("azovstal steel plant",
    "okhmatdyt"), also when written with other building words ("Azovstal plant")."""
    words = part.full.split() or part.text.split()
    bare = " ".join(w for w in words if w not in LANDMARK_WORDS and w not in LANDMARK_MODIFIERS)
    for key in (part.text, part.full, bare):
        if key in index.landmarks:
            return index.landmarks[key]
    return None


def without_landmarks(index: PlaceIndex, parts: list[Part]) -> tuple[list[Part], bool]:
    """Parts with buildings cut off ("kramatorsk railway station" → "kramatorsk") or dropped
    ("central market", "hospital no 5"), and whether anything was cut."""
    kept, cut = [], False
    for part in parts:
        words = part.text.split()
        if index.candidates(part.text) or not names_landmark(words):
            kept.append(part)
            continue
        cut = True
        town = town_in_landmark(index, words) if is_landmark(words) else None
        if town is not None:
            town.near = town.near or part.near
            kept.append(town)
        elif len(parts) == 1:
            return [], True
    return kept, cut


def town_in_landmark(index: PlaceIndex, words: list[str]) -> Part | None:
    """The town in "kramatorsk railway station" or "railway station in kramatorsk", if known."""
    for cut in range(len(words) - 1, 0, -1):  # the town first, the building after it
        head = parse_part(" ".join(words[:cut]))
        if (is_landmark(words[cut:]) and could_be_town(words[:cut])
                and index.candidates(head.full or head.text)):
            return head
    for cut in range(1, len(words)):  # the building first
        tail = words[cut:]
        while tail and tail[0] in LANDMARK_LINK:
            tail = tail[1:]
        if is_landmark(words[:cut]) and could_be_town(tail) and not names_landmark(tail):
            part = parse_part(" ".join(tail))
            if index.candidates(part.full or part.text):
                return part
    return None


def far_from_context(index: PlaceIndex, result: Resolution, context: Hint | None) -> str:
    """Why a town found only inside an unknown landmark's name is no answer: it lies in another country
    than the context's and far from it ("" when it may stand).  A landmark's first word is often an
    adjective ("Red Square", "Grand Hotel") that only a far-away village has as its name."""
    if context is None or not context.countries or result.row < 0 \
            or near_context(index, result.row, context.countries):
        return ""
    return f"far from {context.text}"


def town_of_unknown_landmark(index: PlaceIndex, result: Resolution, raw: str, context: Hint | None) -> Resolution:
    """The town found once an unknown landmark was cut off ``raw``, with a note; or no answer when
    that town lies far from the context ("Red Square" in a text about Russia is no square in Red, India)."""
    far = far_from_context(index, result, context)
    if far:
        return Resolution(None, f"landmark {raw!r} not in gazetteer; the town its name holds would be "
                                f"{result.place.name} ({result.place.country_code}), {far}")
    return Resolution(result.place, f"{result.note}; landmark not in gazetteer; town used", result.precision)
