"""Parts of a city: a neighbourhood, a district or an area of a city is not a place of its own.

News names the part of a city where something happened ("in de wijk Saltivka", "the Sneinton area of
Nottingham", "Rotterdam-Noord"); the place of the event is the city.  A part named with its city
("... of Nottingham", "de Rotterdamse wijk Crooswijk", "Rotterdam-Noord") is mapped to that city; a
part named alone is left out, so the sentence falls to the town the story just told (the pipeline's
orphans and "of the city").  A district that is an administrative area ("het district Balasore",
"Zinda Jan district", "Wayanad district of Kerala") is not a part of a city, so only the words below mark
one.  A GeoNames point of a district resolves to its city in ``places`` (the gazetteer knows the points).
"""

from __future__ import annotations

import re

# Nouns before a name that make it a part of a city: "in de wijk Saltivka", "the neighbourhood of X".
CITY_PART_BEFORE_NOUNS = {"wijk", "woonwijk", "buurt", "stadsdeel", "neighbourhood", "neighborhood", "quarter"}

# A part of a city named with its city after it: "the Sneinton area of Nottingham", "the X district of the
# capital", "de wijk X van de stad".
PART_OF_A_CITY = re.compile(r"\s+(?:district|area|neighbou?rhood|quarter|wijk|buurt|stadsdeel)\s+(?:of|van)\s+"
                            r"(?:(?:the|de|het)\s+)?(?:(?:city|capital|town|stad|hoofdstad)\b|[A-ZÀ-Þ])")

# A side of a city written onto its name: "Rotterdam-Noord", "Amsterdam-Zuidoost", "Den Haag Centrum".
CITY_SIDE = re.compile(r"^(.+?)[\s-](?:Noord|Zuid|Oost|West|Noordoost|Noordwest|Zuidoost|Zuidwest|Centrum)$")

# A part of a city after the city's Dutch adjective: "de Rotterdamse wijk Crooswijk" is in Rotterdam.
CITY_ADJECTIVE_BEFORE = re.compile(r"\b([A-ZÀ-Þ][\w\-]+(?:se|sche))\s+(?:wijk|deelgemeente|buurt|stadsdeel|voorstad|"
                                   r"winkelcentrum|haven|havengebied)\s+$")


def introduced_as_a_city_part(words, i: int, j: int, text: str) -> bool:
    """Whether the name at words ``i:j`` is introduced as a part of a city: "in de wijk X", "the X area of
    Nottingham", "the X district of the capital"."""
    before = [w[0].lower() for w in words[max(0, i - 2):i]]
    if before and before[-1] in CITY_PART_BEFORE_NOUNS and not text[words[i - 1][2]:words[i][1]].strip():
        return not CITY_ADJECTIVE_BEFORE.search(text, 0, words[i][1])  # the adjective names the city: mapped
    return bool(PART_OF_A_CITY.match(text, words[j - 1][2]))


def name_after_part_of(words, j: int, text: str) -> str:
    """The capitalised name in "the X district of Y" after the name ending before word ``j`` (Y), or ""."""
    match = PART_OF_A_CITY.match(text, words[j - 1][2])
    if match is None or not match.group(0)[-1].isupper():
        return ""
    rest = re.match(r"[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*", text[match.end() - 1:])
    return rest.group(0) if rest else ""


def city_of_a_part(resolve, start: int, end: int, text: str, context: str | None):
    """The city a part of a city at ``text[start:end]`` is named with, as (resolution, where its written form
    starts), or None: "de Rotterdamse wijk Crooswijk", "het Warschause winkelcentrum X", "Rotterdam-Noord".

    ``resolve(name, context)`` is the finder's gazetteer resolution."""
    side = CITY_SIDE.match(text[start:end])
    if side is not None:
        city = resolve(side.group(1), context)
        return (city, start) if city is not None and city.place.kind == "city" else None
    before = CITY_ADJECTIVE_BEFORE.search(text, 0, start)
    if before is None:
        return None
    adjective = before.group(1)
    stem = adjective[:-2] if adjective.endswith("se") else adjective[:-4]  # Rotterdamse, Warschause → Warschau
    city = resolve(stem, context) or resolve(stem + "e", context)
    if city is None or city.place.kind != "city":
        return None
    return city, before.start(1)
