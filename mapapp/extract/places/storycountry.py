"""The country a story is about: the context the finder resolves its ambiguous names in.

The story's country decides namesakes ("Odessa" is the Texan town in a story about Texas), so it must be
the country where the story's happenings are, not the one it talks about.  Each place name the story uses
as a location votes once for its country, with a weight that says how surely it is a scene
(``scene_weight``): a town or village named with a cue ("in Dnipro", "de haven van Odessa") is a scene; a
country or region named ("de G20-top in de Verenigde Staten", "in Amerika") is a topic as often as a
scene, and a bare name is as often an actor or a body.  So a liveblog about Ukraine and Russia that
mentions a summit in the United States and a trip to Miami stays about Ukraine and Russia.
"""

from __future__ import annotations

from collections import Counter

from mapapp.extract.documents import Sentence
from mapapp.extract.places.mention import PlaceMention
from mapapp.gazetteer import normalize_name

SCENE = 2  # a town named with a locative cue
MENTION = 1  # an area's own name, or a bare name


def scene_weight(mention: PlaceMention) -> int:
    """How surely ``mention`` is a scene of the story (module docstring): ``SCENE`` for a town or village named
    with a cue, ``MENTION`` for a country or region, or a name with no cue."""
    return SCENE if mention.cue and mention.place.kind == "city" else MENTION


def country_votes(mentions: list[PlaceMention]) -> Counter[str]:
    """Each resolved name's best weight, summed per country: a name told three times votes once (a village
    resolved to a namesake abroad must not outvote the story's other places)."""
    best: dict[tuple[str, str], int] = {}
    for mention in mentions:
        if mention.place is not None:
            key = (normalize_name(mention.name), mention.place.country_code)
            best[key] = max(best.get(key, 0), scene_weight(mention))
    votes: Counter[str] = Counter()
    for (_name, country), weight in best.items():
        votes[country] += weight
    return votes


def main_country(finder, sentences: list[Sentence]) -> str | None:
    """The country most of the story's scenes lie in (its place names resolved without a context), or None.  Every
    name used as a location votes, also one that only locates another ("bij het dorp X, in de buurt van Y": Y
    is in the story's country as surely as X)."""
    votes = country_votes([m for sentence in sentences for m in finder.locations(sentence, None)])
    return votes.most_common(1)[0][0] if votes else None
