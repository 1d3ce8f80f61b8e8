"""Candidate names in a sentence: where a capitalised name starts and ends.

A name is a run of capitalised words without punctuation between them; an Arabic article belongs to the
name ("Deir al-Balah"); lower-case connectors and a possessive join a longer name only when the longer
name is a known place ("Rostov aan de Don", "Cox's Bazar", but "Moskou van Poetin", "Florida's Big Bend");
leading function words, titles and adjectives are not part of it ("De Amerikaanse minister").
"""

from __future__ import annotations

from mapapp.extract.placecues import bare
from mapapp.extract.places.lookup import PlaceLookup
from mapapp.extract.placewords import (
    ARTICLE_PREFIX,
    CONNECTORS,
    DEMONYM_END,
    HYPHENATED_ADJECTIVE,
    LOCATIVE,
    NAMED_AS_A_PLACE_END,
    STOP_CAPITALS,
    TITLES,
)


def capitalised_span(words, i: int, text: str) -> list[str]:
    """The capitalised words from ``i`` on that form one name (at most five)."""
    span: list[str] = []
    k = i
    while k < len(words) and len(span) < 5:
        word, start, _ = words[k]
        if not word[0].isupper() or any(ch.isdigit() for ch in word):
            break
        if span and text[words[k - 1][2]:start].strip() not in ("",):
            break  # punctuation between words ends the name
        span.append(word)
        k += 1
        if word.endswith(("'s", "’s")):
            break  # "Florida's Big Bend": the possessor is a name of its own
        if k < len(words) and ARTICLE_PREFIX.match(words[k][0]) and not text[words[k - 1][2]:words[k][1]].strip():
            span.append(words[k][0])  # "Deir al-Balah", "Ras el-Ain": the article belongs to the name
            k += 1
    return span


def extend_over_connectors(lookup: PlaceLookup, words, j: int, i: int, text: str, context) -> int:
    """End of the name: past lower-case connectors when the longer name is a known place.

    "Rostov aan de Don" and "Straat van Kertsj" are one name; "Moskou van Poetin" is not
    (it does not resolve), so the name stays "Moskou".
    """
    k = j
    while k < len(words) and k - j < 2 and words[k][0] in CONNECTORS:
        k += 1
    if k == j or k >= len(words) or not words[k][0][0].isupper():
        return j
    if any(text[words[m - 1][2]:words[m][1]].strip() for m in range(j, k + 1)):
        return j  # punctuation in between: two names
    end = k + 1
    while end < len(words) and end - k < 2 and words[end][0][0].isupper() \
            and not text[words[end - 1][2]:words[end][1]].strip():
        end += 1
    for stop in range(end, k, -1):
        if lookup.resolve(text[words[i][1]:words[stop - 1][2]], context) is not None:
            return stop
    return j


def extend_over_a_possessive(lookup: PlaceLookup, words, i: int, j: int, text: str, context) -> int:
    """End of the name: past a possessive when the longer name is a known place ("Cox's Bazar") or ends in a word
    that says it is one ("Saint Martin's Island"); otherwise the possessor is a name of its own ("Florida's Big
    Bend")."""
    if not words[j - 1][0].endswith(("'s", "’s")):
        return j
    end = j
    while end < len(words) and end - j < 2 and words[end][0][0].isupper() \
            and not text[words[end - 1][2]:words[end][1]].strip():
        end += 1
        longer = text[words[i][1]:words[end - 1][2]]
        if lookup.resolve_known(longer, context) is not None or words[end - 1][0].lower() in NAMED_AS_A_PLACE_END:
            return end  # "Cox's Bazar"; "Saint Martin's Island": the name says it is a place
    return j


def strip_leading_words(lookup: PlaceLookup, words, i: int, j: int, context) -> tuple[int, bool]:
    """Start of the name past leading function words, titles and adjectives ("De Amerikaanse minister", "Near
    Orikhiv", "the Russian-occupied city of X"), and whether a demonym adjective was among them (then the rest
    is more likely an organisation: "de Europese Unie")."""
    stripped_adjective = False
    while i < j and (bare(words[i][0]) in STOP_CAPITALS or words[i][0].lower() in TITLES
                     or (j - i > 1 and words[i][0].lower() in LOCATIVE)  # "Near Orikhiv, ...", "Outside X"
                     or HYPHENATED_ADJECTIVE.match(words[i][0])  # "the Russian-occupied city of X"
                     or (j - i > 1 and DEMONYM_END.search(words[i][0])
                         and not lookup.resolves_whole(words, i, j, context))):
        stripped_adjective = stripped_adjective or bool(DEMONYM_END.search(words[i][0]))
        i += 1
    return i, stripped_adjective
