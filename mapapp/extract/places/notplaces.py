"""Words around a capitalised name that say it is not a location, whatever the gazetteer knows of it.

Pure checks over a sentence's words (``(word, start, end)`` triples) and text, asked before a name is
resolved: an adjective before its noun ("the Ukrainian army"), media and acronyms, a name inside an
attribution clause, a dateline, a person's title or origin ("minister", "een 52-jarige man uit Den Haag"),
the object of blame, who was behind a happening ("dat Kyiv achter de aanval zit"), the hospital where the hurt
lie ("overleed in een ziekenhuis in X"), a border, a river bank, a route, a body or landmark named after a
place, a river.
"""

from __future__ import annotations

from mapapp.extract.placecues import bare, introduced_as_water, names_an_institution
from mapapp.extract.placewords import (
    ANAPHORIC_POSSESSORS,
    BEHIND_IT_AFTER,
    BETWEEN,
    BLAME_VERBS,
    BORDER_POINTS,
    BORDERS,
    CLAUSE_REACH,
    DATELINE,
    DEMONYM_END,
    FLIGHT,
    HELP_FROM_HEADS,
    HOSPITAL_OF_THE_HURT_BEFORE,
    HOSPITAL_WORDS,
    LANDMARKS,
    LINE_THROUGH_BEFORE,
    LINE_WORDS,
    MEDIA,
    NOUNS_AFTER_ADJECTIVE,
    ORIGIN_HEADS,
    PEOPLE_OF_HEADS,
    PERSON_OF_HEADS,
    REGION_BEFORE,
    RESCUE_VERBS,
    ROUTE_FROM,
    ROUTE_TO,
    SEATS_AS_BUILDINGS,
    SETTLEMENT_NOUNS,
    SKIPPABLE,
    TITLES,
    WATER_AND_RELIEF,
    mentions_any,
)


def _an_adjective(words, i: int, j: int, text: str) -> bool:
    """"the Canadian province of", "the Ukrainian army": a demonym before its noun."""
    return j - i == 1 and DEMONYM_END.search(words[i][0]) is not None and j < len(words) \
        and words[j][0] in NOUNS_AFTER_ADJECTIVE and not text[words[i][2]:words[j][1]].strip() \
        and i > 0 and words[i - 1][0].lower() in SKIPPABLE


def _media_or_acronym(words, i: int, j: int) -> bool:
    """"Reuters", "BBC", "UN": a medium or an acronym, never a settlement; but a seat named as a building one is in
    ("in het Kremlin", "at the Kremlin") is where a meeting was."""
    if i >= 2 and words[i - 1][0].lower() in ("the", "het") and words[i - 2][0].lower() in ("in", "at", "inside") \
            and j - i == 1 and words[i][0].lower() in SEATS_AS_BUILDINGS:
        return False
    return any(w[0].lower() in MEDIA for w in words[i:j]) or any(w.isupper() and len(w) <= 5 for w, _, _ in words[i:j])


def _in_a_dateline(text: str, start: int) -> bool:
    """"LISBON - Three firefighters ...", "PORT-AU-PRINCE, Haiti (AP) —": where the report was filed, and the
    country the wire adds to it, not where its happening was."""
    dateline = DATELINE.match(text)
    return dateline is not None and start < dateline.end()


def _a_person(before: list[str], text: str, end: int) -> bool:
    """A person's title, birthplace or origin before the name, where help came from, or the object of blame:
    "president X", "de geboortestad van Zelensky", "een 52-jarige man uit Den Haag", "aircraft from Italy",
    "Moscow blamed Kyiv"; but evacuated or fled people from X tell where it happened."""
    if before and (before[-1] in TITLES or before[-1] in BLAME_VERBS):
        return True
    if len(before) >= 2 and before[-1] in ("van", "of") and (before[-2] in PERSON_OF_HEADS
                                                             or before[-2] in PEOPLE_OF_HEADS):
        return True  # "de geboortestad van Zelensky": a person; "de verdedigers van Marioepol": people
    if len(before) >= 2 and before[-1] in ("uit", "from") and before[-2] in HELP_FROM_HEADS:
        return True  # "aircraft from Italy": where help came from
    return len(before) >= 2 and before[-1] in ("uit", "from") \
        and (before[-2] in ORIGIN_HEADS or before[-2].endswith(("jarige", "old"))) \
        and not any(bare(w) in RESCUE_VERBS for w in before[:-2]) and not FLIGHT.search(text, end, end + 40)


def _the_one_behind_it(before: list[str], text: str, end: int) -> bool:
    """"dat Kyiv achter beide aanvallen zit", "Russia was behind the strike": the name is who did it (a
    government by its seat), not where it happened; "in X behind the lines" keeps its cue."""
    return not (before and before[-1] in ("in", "bij", "near", "at", "op", "nabij")) \
        and BEHIND_IT_AFTER.match(text, end) is not None


def _where_the_hurt_lie(text: str, start: int) -> bool:
    """"overleed in een ziekenhuis in Dnipro", "is being treated at a hospital in Lviv": where the hurt died or lie,
    not where they were hurt; "a missile hit a hospital in X" keeps X (no word of dying, care or carrying)."""
    window = max(0, start - CLAUSE_REACH)
    return mentions_any(text, window, start, HOSPITAL_WORDS) \
        and HOSPITAL_OF_THE_HURT_BEFORE.search(text, window, start) is not None


def _without_the_qualifier(words, i: int) -> list[str]:
    """The lower-cased words before the name at ``i`` without the words that qualify it ("uit de Russische regio
    Belgorod" → "... uit"), so that a person's origin reads the same with or without them."""
    k = i
    while k > 0 and i - k < 4 and (words[k - 1][0].lower() in SKIPPABLE | REGION_BEFORE | SETTLEMENT_NOUNS
                                   or words[k - 1][0][0].isupper() and DEMONYM_END.search(words[k - 1][0])):
        k -= 1
    return [w[0].lower() for w in words[max(0, k - 4):k]]


def _a_border_bank_or_route(words, i: int, before: list[str], text: str, end: int) -> bool:
    """"near the boundary with X", "the west bank of the Dnipro", "between X and Y", "the train from X to Y":
    a line or a route, not where it happened; and the path of a line laid through a place ("a pipeline through X")."""
    core = [w for w in before if w not in SKIPPABLE]
    if len(core) >= 2 and core[-1] in ("with", "met") and core[-2] in ("border", "boundary", "grens", "frontier"):
        return True
    if len(core) >= 2 and core[-1] in ("of", "van") and core[-2] in ("bank", "banks", "oever", "oevers", "water",
                                                                     "waters", "overkant", "shore", "shores"):
        return True
    if before and (before[-1] in BETWEEN or before[-1] in ("en", "and") and BETWEEN & set(before[:-1])):
        return True
    if not before:
        return False
    window = max(0, words[i][1] - CLAUSE_REACH)
    if mentions_any(text, window, words[i][1], LINE_WORDS) \
            and LINE_THROUGH_BEFORE.search(text, window, words[i][1]):
        return True  # "a gas pipeline ... through Mongolia": the line's path
    return before[-1] in ("from", "van") and ROUTE_TO.match(text, end) is not None \
        or before[-1] in ("to", "naar") and ROUTE_FROM.search(text, 0, words[i - 1][1]) is not None


def _a_border_point(words, j: int) -> bool:
    """"the Masnaa border crossing": the border word at ``j`` names a crossing, a point named after its place."""
    return j + 1 < len(words) and words[j + 1][0].lower() in BORDER_POINTS


def _named_after_it(words, i: int, j: int, text: str) -> bool:
    """A body, water, landmark or border named after the place: "the Odesa regional administration said", "the
    Karachay river", "Manila Bay", "Lido beach in Mogadishu", "near the Gaza border", "de rivier de X"."""
    gap_after = text[words[j - 1][2]:words[j][1]] if j < len(words) else ""
    if names_an_institution(words, j, text):
        return True
    if j < len(words) and words[j][0].lower() in WATER_AND_RELIEF and not gap_after.strip() \
            or j - i > 1 and words[j - 1][0].lower() in WATER_AND_RELIEF:
        return True
    if j + 1 < len(words) and words[j][0].lower() in LANDMARKS and not gap_after.strip() \
            and words[j + 1][0].lower() in ("in", "at", "near", "op", "bij", "nabij", "te"):
        return True
    if i > 0 and words[i - 1][0] in ("the", "de", "het") and j < len(words) and not gap_after.strip() \
            and words[j][0].lower() in BORDERS and not _a_border_point(words, j):
        return True
    return introduced_as_water(words, i)


def not_a_location(words, i: int, j: int, text: str, blocked: list[tuple[int, int]]) -> bool:
    """Whether the words around the name ``words[i:j]`` say it is not a location (module docstring); ``blocked``:
    the spans of attribution and concessive clauses, whose names are sources."""
    start, end = words[i][1], words[j - 1][2]
    before = [w[0].lower() for w in words[max(0, i - 4):i]]
    return _an_adjective(words, i, j, text) or _media_or_acronym(words, i, j) \
        or any(b0 <= start < b1 for b0, b1 in blocked) or _in_a_dateline(text, start) \
        or (i > 0 and words[i - 1][0].lower() in ANAPHORIC_POSSESSORS) \
        or _a_person(before, text, end) or _a_person(_without_the_qualifier(words, i), text, end) \
        or _the_one_behind_it(before, text, end) or _where_the_hurt_lie(text, start) \
        or _a_border_bank_or_route(words, i, before, text, end) \
        or _named_after_it(words, i, j, text)
