"""What the words around a capitalised name say about it: the cue before it, the noun a Dutch compound ends
in, whether it continues a list, qualifies a noun or a body, or is the subject of a passive event verb.

Pure functions over a sentence's words (``(word, start, end)`` triples) and text, kept apart from
``places`` so the finder reads as decisions and these as the shapes they are made on.
"""

from __future__ import annotations

import re

from mapapp.extract.placewords import (
    BASE_FIRST_WORDS,
    BATTLE_FOR,
    BODIES,
    BODY_QUALIFIERS,
    BORDER_POINTS,
    BORDERS,
    CAPTURE_NOUNS,
    COMPOUND_ENDINGS,
    DEMONYM_END,
    DIRECTIONS,
    EVENT_PARTICIPLES,
    FELL,
    FUNCTION_WORDS,
    INHABITANTS,
    LIST_JOIN,
    LIST_REST,
    LOCATIVE,
    MOTION,
    NEAR_HEADS,
    OBJECT_AFTER_AND,
    OBJECT_HEADS,
    OBJECT_SUFFIXES,
    PASSIVE_AUX,
    PERFECT_AUX,
    PLACE_NAMED_OBJECTS,
    QUALIFYING,
    RANKING,
    REGION_BEFORE,
    SETTLEMENT,
    SETTLEMENT_AFTER_NAME,
    SETTLEMENT_NOUNS,
    SKIPPABLE,
    VERB_PARTICLES,
    VERBS_BEFORE_PLACE,
    WATER_AND_RELIEF,
)


def introduced_as_water(words, i: int) -> bool:
    """Whether the name at ``i`` is introduced as a river or lake: "de rivier de X", "the river X"."""
    before = [w[0].lower() for w in words[max(0, i - 2):i]]
    return bool(before) and (before[-1] in WATER_AND_RELIEF or len(before) == 2 and before[0] in WATER_AND_RELIEF
                             and before[1] in ("de", "the"))


def noun(word: str) -> str:
    """A lower-cased word, a Dutch compound as the noun it ends in ("grensregio" → "regio")."""
    word = word.lower()
    if len(word) > 6 and word.isalpha():
        for ending, noun in COMPOUND_ENDINGS:
            if word == ending or word.endswith(ending) and len(word) > len(ending) + 2:
                return noun
    return word


def in_a_list(text: str, previous_end: int, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` continues a list begun by the name ending at ``previous_end``:
    "in Amman, Beirut and Ramallah", "around Latakia and Tartus".  "Asheville, North Carolina" is no
    list (no "and" closes it): there the second name locates the first."""
    gap = text[previous_end:start]
    if not LIST_JOIN.fullmatch(gap):
        return False
    return bool(re.search(r"\b(?:and|en)\s*$", gap)) or bool(LIST_REST.match(text, end))


def an_object_in_a_list(words, i: int, j: int, text: str, previous_end: int) -> bool:
    """Whether the name at ``i:j`` names an object that continues a list after the place ending at
    ``previous_end``: "struck the port of X and the Y power plant" (the second member shares the first's cue)."""
    return bool(OBJECT_AFTER_AND.fullmatch(text[previous_end:words[i][1]])) and named_by_its_noun(words, i, j,
                                                                                                   text) == "after"


def before_a_noun(words, j: int, text: str) -> bool:
    """Whether the word after a name is a lower-case noun it qualifies ("de Indische hoofdstad"), not a
    preposition or the end of the clause ("near Mecufi in ...", "bij Kassala.")."""
    if j >= len(words) or text[words[j - 1][2]:words[j][1]].strip():
        return False
    following = words[j][0]
    return following.islower() and following not in FUNCTION_WORDS




def names_a_feature(words, i: int, j: int, text: str) -> bool:
    """Whether the one-word name at ``i`` follows a bare article and ends its phrase: "in de Dnjepr", "across the
    Dnipro".  Towns take no article, rivers, seas and mountains do; "the Pokrovsk direction" names a noun after it
    (the town qualifies the noun) and "het Russische Brjansk" an adjective between."""
    return j - i == 1 and i > 0 and words[i - 1][0] in ("de", "het", "the") \
        and not text[words[i - 1][2]:words[i][1]].strip() \
        and (not before_a_noun(words, j, text) or words[j][0] in VERB_PARTICLES)  # "de Dnipro af stroomde"


def named_by_its_noun(words, i: int, j: int, text: str) -> str:
    """How the name at ``i:j`` is named with the noun that says it is a settlement or a place-named object:
    "after" ("Yambali village", "Kavumu airport"), "before" ("de grensovergang Masnaa", "het station X", after
    an article), or "".  For unknown names, which the text must call a place."""
    after = words[j][0].lower() if j < len(words) and not text[words[j - 1][2]:words[j][1]].strip() else ""
    adjective = DEMONYM_END.search(words[j - 1][0]) and (i > 0 and words[i - 1][0].lower() in SKIPPABLE
                                                         or j + 1 < len(words) and words[j + 1][0] in ("of", "van"))
    if after in BORDERS and j + 1 < len(words) and words[j + 1][0].lower() in BORDER_POINTS:
        after = "crossing"  # "the Masnaa border crossing"
    if after in BASE_FIRST_WORDS and j + 1 < len(words) and words[j + 1][0].lower() == "base":
        after = "airbase"  # "at Ramstein air base": a base is named after the town it lies at
    if after == "power" and j + 1 < len(words) and words[j + 1][0].lower() in ("plant", "station"):
        after = "crossing"  # "the Ras Kanatib power plant": an unknown name before it is where the plant is
    if (after in SETTLEMENT_AFTER_NAME or after in PLACE_NAMED_OBJECTS) and not adjective:
        return "after"  # but "the Crimean bridge", "a Russian village", "raid on Haitian town of X": an adjective
    if i >= 2 and words[i - 1][0].lower() in PLACE_NAMED_OBJECTS and words[i - 2][0].lower() in SKIPPABLE \
            and not text[words[i - 1][2]:words[i][1]].strip():
        return "before"
    return ""


def possessor_before(words, i: int, text: str) -> int | None:
    """Where the capitalised possessor right before word ``i`` starts ("the Gaza Strip's Nuseirat camp": the
    index of "Gaza"), or None when the word before is no possessive name."""
    k = i - 1
    if k < 0 or not words[k][0][0].isupper() or not words[k][0].endswith(("'s", "’s")) \
            or text[words[k][2]:words[i][1]].strip():
        return None
    while k > 0 and words[k - 1][0][0].isupper() and not text[words[k - 1][2]:words[k][1]].strip():
        k -= 1
    return k


def names_an_institution(words, j: int, text: str) -> bool:
    """Whether the name ending before word ``j`` qualifies a body: "the Odesa regional administration", "Kharkiv
    police", "de Rotterdamse politie" is the body, a source or an actor, not a location."""
    k = j
    if k < len(words) and words[k][0].lower() in BODY_QUALIFIERS:
        k += 1
    return k < len(words) and words[k][0].lower() in BODIES \
        and not any(ch in ",.;:()\"" for ch in text[words[j - 1][2]:words[k][1]])


def bare(word: str) -> str:
    """A word lower-cased without its possessive: "June's" is "june", never a place."""
    return word.lower().removesuffix("'s").removesuffix("’s")


def passive_event_after(words, j: int, text: str) -> bool:
    """Whether the name ending before word ``j`` is the subject of a passive event verb.

    English puts the participle right after the auxiliary ("was hit", "were heavily shelled",
    "has been retaken"); Dutch at the end of the clause ("werd zondag opnieuw getroffen").
    """
    if j >= len(words) or text[words[j - 1][2]:words[j][1]].strip():
        return False
    aux = words[j][0].lower()
    if aux in FELL:
        return True  # "Vuhledar fell after a two-year siege": the place itself is what happened to
    k = j + 1
    if aux in PERFECT_AUX:
        if k >= len(words) or words[k][0].lower() != "been":
            return False
        k += 1
    elif aux not in PASSIVE_AUX:
        return False
    reach = 3 if aux in PERFECT_AUX or aux in ("was", "were", "is", "are") else 8
    for m in range(k, min(len(words), k + reach)):
        if "," in text[words[m - 1][2]:words[m][1]]:
            return False  # the clause ended
        if words[m][0].lower() in EVENT_PARTICIPLES:
            return True
    return False



def cue_before(words, i: int, text: str) -> tuple[str | None, int | None]:
    """The locative cue before word ``i`` and where a qualifier to keep ("regio X") starts."""
    k = i - 1
    skipped = 0
    while k >= 0 and skipped < 2 and (words[k][0].lower() in SKIPPABLE or
                                      (words[k][0].islower() and words[k][0].endswith("e") and
                                       noun(words[k][0]) not in LOCATIVE | SETTLEMENT | DIRECTIONS
                                       | VERBS_BEFORE_PLACE
                                       | SETTLEMENT_NOUNS | OBJECT_HEADS | NEAR_HEADS
                                       | {"since", "sinds", "there", "where", "while", "whose", "the"})
                                      or DEMONYM_END.search(words[k][0]) and words[k][0][0].isupper()):
        if text[words[k][2]:words[k + 1][1]].strip():
            break
        k -= 1
        skipped += 1
    if k < 0:
        return None, None
    word = words[k][0].lower()
    if word not in LOCATIVE and word not in SETTLEMENT and word not in SETTLEMENT_NOUNS:
        word = noun(word)
    gap = text[words[k][2]:words[k + 1][1]].strip()
    if gap not in ("", ",") or gap and (word in SETTLEMENT or word in SETTLEMENT_NOUNS):
        return None, None  # "the governor of the Kursk region, Alexei Smirnov": a comma ends the noun's phrase
    if word in ("door", "through", "over") and k >= 1 and any(w[0].lower() in MOTION for w in words[max(0, k - 8):k]):
        return "through", None  # "een brand raasde door Altadena", "de storm trok over X": through, not by
    if word in LOCATIVE:
        return word, None
    if word in VERBS_BEFORE_PLACE:
        return "verb", None
    if word in SETTLEMENT_NOUNS:
        return "named_settlement", None
    if word in SETTLEMENT:
        qualifier = words[k][1] if word in QUALIFYING | REGION_BEFORE else None
        return "settlement", qualifier
    if word in ("om", "for") and k >= 1 and words[k - 1][0].lower() in BATTLE_FOR:
        return "verb", None  # "de strijd om Koerachove", "the battle for Bakhmut"
    if word in ("van", "of") and k >= 1 and words[k - 1][0].lower() in ("territory", "territorium"):
        return "in", None  # "the French territory of Mayotte"
    if word in ("van", "of") and k >= 1:
        head = words[k - 1][0].lower()
        if head not in SETTLEMENT and head not in SETTLEMENT_NOUNS and head not in DIRECTIONS:
            head = noun(head)
        if head in INHABITANTS:
            return "inhabitants", None  # "180.000 inwoners van Los Angeles"; of a country: passing mention
        if head == "control" or head in CAPTURE_NOUNS:
            return "verb", None  # "taken full control of Zamzam", "de verovering van Koerachove", "the fall of X"
        if head == "out":
            return "from", None  # "pulled out of Avdiivka"
        if head in REGION_BEFORE:
            return "settlement", words[k - 1][1]  # "the Russian region of Voronezh": the region
        if head in DIRECTIONS or head in NEAR_HEADS:
            lead = k >= 2 and words[k - 2][0].lower() in ("ten", "to", "the", "de", "in")
            start = words[k - 2][1] if lead else words[k - 1][1]
            return "direction", start
        if head in SETTLEMENT_NOUNS and (k < 2 or words[k - 2][0].lower() not in RANKING):
            return "named_settlement", None
        if head in SETTLEMENT:
            return "settlement", None
        if head in OBJECT_HEADS or head.endswith(OBJECT_SUFFIXES):
            return "object", None
    return None, None
