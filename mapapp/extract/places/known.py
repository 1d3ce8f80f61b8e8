"""Whether a name the gazetteer knows is used as a location, by what kind of place it is.

A country needs a locative cue of its own ("in", "naar", "across") and no war before it ("de oorlog in
Oekraïne"); a region after a war is background ("the war in Tigray"); a town without any cue counts only when
it is big (``BIG_PLACE``), not an actor ("Moscow pulled out"), and in the story's country or a big city abroad;
an agent ("door Rusland") and a possessor ("Russia's war") are actors, except a possessor of a part of it
("Beirut's southern suburbs").
"""

from __future__ import annotations

from mapapp.extract.places.mention import contains
from mapapp.extract.placewords import (
    ACTOR_VERBS,
    AGENT_CUES,
    BACKGROUND_BEFORE_AREA,
    BLOCKED_BEFORE_COUNTRY,
    COUNTRY_LOCATIVE,
    LOCATIVE,
    PART_OF_THE_POSSESSOR,
    PARTY_BEFORE,
)

BIG_PLACE = 50_000


def cue_of_a_known_place(place, words, i: int, j: int, text: str, cue: str | None, *, possessive: bool, end: int,
                         owner, context: str | None) -> str | None:
    """The cue under which the resolved ``place`` (the name ``words[i:j]``, ending at ``end`` without a possessive
    "'s") is a location: ``cue``, "direction" for a possessor of its part, "" for a big place without a cue; None
    when it is not a location (module docstring).  ``owner``: the resolved possessor before it, if any."""
    if owner is not None and not contains(owner.place, place):
        return None  # "Florida's Big Bend": not the Big Bend in Wisconsin
    before = [w[0].lower() for w in words[max(0, i - 4):i]]
    if before and before[-1] in AGENT_CUES and cue != "through":
        return None
    if possessive and place.kind != "country" and cue is not None and cue not in LOCATIVE \
            and PART_OF_THE_POSSESSOR.match(text, end + 2):
        cue = "direction"  # "strikes hit Beirut's southern suburbs", "shelled Kherson's outskirts": the place
    if possessive and (place.kind == "country" or cue not in LOCATIVE | {"direction"}):
        return None  # "Russia's war", "Moscow's claim"; but "in Florida's Big Bend region" is a place
    if place.kind == "country":
        if cue not in COUNTRY_LOCATIVE and cue != "direction" or any(w in BLOCKED_BEFORE_COUNTRY for w in before):
            return None
    elif place.kind == "region" and any(w in BACKGROUND_BEFORE_AREA for w in before[-3:]) \
            or len(before) >= 2 and before[-1] == "in" and before[-2] in BACKGROUND_BEFORE_AREA:
        return None  # "during the war in Tigray", "until the war in Gaza ends": the war is background
    elif cue is None and (before and before[-1] in PARTY_BEFORE
                          or not _a_place_without_a_cue(place, words, j, text, context)):
        return None  # "the talks for Kyiv": a party
    return cue or ""


def _a_place_without_a_cue(place, words, j: int, text: str, context: str | None) -> bool:
    """Whether a town named with no locative cue is still where it happened: a big place, not the subject of an
    actor's verb ("Moscow pulled out"), at home or a big city abroad ("de wedstrijd van Ajax" is not)."""
    if place.population < BIG_PLACE and place.kind != "region":
        return False
    after = words[j][0].lower() if j < len(words) else ""
    gap_after = text[words[j - 1][2]:words[j][1]] if j < len(words) else ""
    if after in ACTOR_VERBS and not gap_after.strip():
        return False
    return not (context is not None and place.country_code != context and place.kind == "city"
                and place.population < 500_000)
