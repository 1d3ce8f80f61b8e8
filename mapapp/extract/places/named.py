"""Names the gazetteer does not know that the text still makes a location: the text calls them a village,
town, camp or airport ("het dorp Synkivka", "Yambali village", "the Maghazi refugee camp", "het vliegveld van
Kavumu", "captured Vremivka, a village in ..."), or places them after a plain locative cue.  Multi-word and
long unknown names, institutions, continents and relief ("Black Sea", "in Centraal-Europa", "het
Atlasgebergte") are not; an unknown name keeps the gazetteer's reason for having no coordinates.
"""

from __future__ import annotations

from mapapp.extract.placecues import before_a_noun, cue_before, named_by_its_noun, noun, passive_event_after
from mapapp.extract.placewords import (
    APPOSITION,
    CAMP_AFTER,
    CONTAINED_IN,
    CONTINENTS,
    DEMONYM_END,
    INSTITUTIONS,
    LOCATIVE,
    NAMED_AREA_HEADS,
    NAMED_AS_A_PLACE_END,
    PLACE_NAMED_OBJECTS,
    RELIEF_ENDINGS,
    SECOND_LEVEL_BEFORE,
    SETTLEMENT_APPOSITION,
    STOP_CAPITALS,
)
from mapapp.gazetteer import normalize_name

# Cues after which an unknown name is not taken: "on", "at", "to", "from" are as often times, people or bodies.
_WEAK_CUES = {"op", "on", "to", "voor", "at", "from", "uit"}
UNKNOWN_NAME_CUES = (LOCATIVE | {"named_settlement"}) - _WEAK_CUES


def never_a_settlement(name: str, lowered: list[str]) -> bool:
    """"outside the European Parliament", "in Centraal-Europa", "in het Atlasgebergte": an institution, a
    continent or a relief compound, never an unknown village."""
    return any(w in INSTITUTIONS for w in lowered) or normalize_name(name).endswith(CONTINENTS) \
        or lowered[-1].endswith(RELIEF_ENDINGS)


def cue_of_an_unknown_name(words, i: int, j: int, text: str, name: str, end: int, cue: str | None) -> str | None:
    """The cue under which the unknown name ``words[i:j]`` (``name``, ending at ``end``) is a location, or None:
    "named_settlement" when the text calls it a settlement or a place-named object, else a strong locative cue
    for a single short name."""
    named_as = named_by_its_noun(words, i, j, text) or ("itself" if j - i > 1 and words[j - 1][0].lower()
                                                         in NAMED_AS_A_PLACE_END else "")
    if named_as == "before" and cue is None:
        cue = cue_before(words, i - 1, text)[0]  # "bij de grensovergang Masnaa": the noun's own cue
    if named_as and (cue is not None or passive_event_after(words, j + 1, text)):
        cue = "named_settlement"  # "on Yambali village", "seized Kavumu airport", "de grensovergang Masnaa"
    if cue == "settlement" and i > 1 and words[i - 1][0].lower() in ("of", "van") \
            and noun(words[i - 2][0]) in NAMED_AREA_HEADS:
        cue = "named_settlement"  # "the port of X", "the nearby area of X", "het gebied van X": the text names a place
    if cue == "settlement" and i > 0 and noun(words[i - 1][0]) in SECOND_LEVEL_BEFORE:
        cue = "named_settlement"  # "in het departement Aisne": the text names a unit the gazetteer does not hold
    located = bool(CONTAINED_IN.match(text, end))  # "in Alxa Left Banner, in northern China's ..."
    if cue != "named_settlement" and len(name.split()) > 1 and not (located and cue == "in"):
        return None  # "Black Sea", "Red Sea": unknown multi-word names are rarely event places
    if cue == "verb" and APPOSITION.match(text, end) or cue is not None and SETTLEMENT_APPOSITION.match(text, end):
        # "captured Vremivka, a village in the Donetsk region"; after any cue, even one too weak alone, an
        # apposition that calls the name a settlement makes it one: "the blow came at X, a remote town on ..."
        cue = "named_settlement"
    if CAMP_AFTER.match(text, end):
        cue = "named_settlement"  # "the Maghazi refugee camp", "het kamp Jabalia" is said before
    if cue == "object" and words[i - 2][0].lower() in PLACE_NAMED_OBJECTS:
        cue = "named_settlement"  # "het vliegveld van Kavumu": an airport is named after its town
    if cue is None or cue not in UNKNOWN_NAME_CUES or j - i > 3:
        return None  # no cue, a weak one, or a long unknown name
    return cue


def an_adjective_not_a_name(words, i: int, j: int, text: str, name: str, cue: str) -> bool:
    """"in de Indische hoofdstad": a capitalised adjective before a noun, not an unknown place."""
    return words[i][0].lower() in STOP_CAPITALS or (j - i == 1 and cue != "named_settlement"
                                                    and DEMONYM_END.search(name) is not None
                                                    and before_a_noun(words, j, text))
