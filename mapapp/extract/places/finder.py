"""The place finder: which capitalised names in a sentence are the location of what it reports.

A name is a place *of an event* only when the text uses it as a location: after a locative cue ("in",
"bij", "near", "ten noorden van", "in de stad", "the city of", ...), as the object of an event verb, as
the place an object carries ("het station van X"), or, for big places, anywhere it is not an actor.  Each
sentence is read in a visible order, one concern per module of this package:

1. ``names``: where each capitalised name starts and ends (connectors, possessives, leading adjectives);
2. ``notplaces``: words around it that say it is not a location (titles, media, sources, routes, rivers);
3. the cue before it (``placecues.cue_before``), a list's shared cue, a possessor's cue, an apposition;
4. ``lookup``: the gazetteer's answer, as a region when a region word stands beside the name, a district
   as its city, an object at the town the gazetteer knows it in ("de kerncentrale van Zaporizja":
   Enerhodar), a near spelling only after a cue at home (``cityparts`` for "de Rotterdamse wijk X");
5. ``named`` for a name the gazetteer lacks, ``known`` for one it has: whether it is a location;
6. ``passing``: a point of reference (a distance, across from, the road to it).

``placechoice`` then chooses among a sentence's locations the event's place; ``notevents`` drops the
places of speakers, sources and where people went (``passing.where_people_went``) by the reading of
the whole sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mapapp.extract.cityparts import city_of_a_part, introduced_as_a_city_part
from mapapp.extract.documents import Sentence
from mapapp.extract.placechoice import event_places
from mapapp.extract.placecues import (
    an_object_in_a_list,
    before_a_noun,
    cue_before,
    in_a_list,
    names_a_feature,
    passive_event_after,
    possessor_before,
)
from mapapp.extract.places.known import cue_of_a_known_place
from mapapp.extract.places.lookup import PlaceLookup
from mapapp.extract.places.mention import PlaceMention
from mapapp.extract.places.named import an_adjective_not_a_name, cue_of_an_unknown_name, never_a_settlement
from mapapp.extract.places.names import (
    capitalised_span,
    extend_over_a_possessive,
    extend_over_connectors,
    strip_leading_words,
)
from mapapp.extract.places.notplaces import not_a_location
from mapapp.extract.places.passing import a_point_of_reference
from mapapp.extract.placewords import (
    CONCESSIVE,
    CONTAINER_AFTER,
    DEMONYM_END,
    GATHERINGS,
    INSTITUTIONS,
    LOCATIVE,
    PARTICLE_BEFORE_APPOSITION,
    REPORTING,
    SETTLEMENT_APPOSITION,
    SOURCE,
    WATER_AND_RELIEF,
    WORD,
)


@dataclass(frozen=True)
class _Reading:
    """A candidate name as the words before it read it: the name without a possessive "'s", its span in the
    sentence's text, its cue and where a qualifier before it starts ("ten noorden van"), and a possessor."""

    name: str
    start: int
    end: int
    possessive: bool
    cue: str | None
    qualifier_start: int | None
    owner: object | None  # the resolved possessor: "the Gaza Strip's Nuseirat camp"


def _a_known_landmark(resolved) -> bool:
    """Whether the gazetteer answered with the town of a landmark it lists ("in het Kremlin", "at the White
    House", "in het Europagebouw": a building named with its article, in its town)."""
    return resolved.note.startswith("landmark")


def _past_a_particle(text: str, end: int) -> int:
    """Where an apposition after the name ending at ``end`` would start: past a Dutch separable verb's particle
    ("namen de rebellen Sake in, een stadje ..."), else ``end``."""
    particle = PARTICLE_BEFORE_APPOSITION.match(text, end)
    return particle.end() if particle else end


class PlaceFinder:
    """Finds place mentions in sentences and resolves them with a gazetteer (memoised in ``lookup``)."""

    def __init__(self, gazetteer) -> None:
        self.gazetteer = gazetteer
        self.lookup = PlaceLookup(gazetteer)

    def mentions(self, sentence: Sentence, context: str | None) -> list[PlaceMention]:
        """Place mentions of ``sentence`` that are locations of what it reports (module rules)."""
        return event_places(self.locations(sentence, context), sentence)

    def locations(self, sentence: Sentence, context: str | None) -> list[PlaceMention]:
        """Every name ``sentence`` uses as a location, before choosing the event's (``placechoice``)."""
        text = sentence.text
        words = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
        blocked = [(m.start(), m.end()) for pattern in (REPORTING, SOURCE, CONCESSIVE) for m in pattern.finditer(text)]
        found: list[PlaceMention] = []
        i = 0
        while i < len(words):
            span = capitalised_span(words, i, text)
            if not span:
                i += 1
                continue
            j = extend_over_connectors(self.lookup, words, i + len(span), i, text, context)
            j = extend_over_a_possessive(self.lookup, words, i, j, text, context)
            last = found[-1] if found else None
            # "hitting Lviv, Rivne and Ternopil": a list, even when its first member needed no cue (a big city)
            listed = last is not None and (
                in_a_list(text, last.end - sentence.start, words[i][1], words[j - 1][2])
                or an_object_in_a_list(words, i, j, text, last.end - sentence.start))
            mention = self._mention(words, i, j, text, sentence, context, blocked,
                                    inherited=last.cue if listed and last.cue else None)
            if mention is not None:
                found.append(replace(mention, listed=True) if listed else mention)
            i = j
        return found

    def _mention(self, words, i: int, j: int, text: str, sentence: Sentence, context, blocked,
                 inherited: str | None = None) -> PlaceMention | None:
        """The name ``words[i:j]`` as a location, or None (the steps of the module docstring, in order)."""
        i, stripped_adjective = strip_leading_words(self.lookup, words, i, j, context)
        if i >= j or not_a_location(words, i, j, text, blocked):
            return None
        if introduced_as_a_city_part(words, i, j, text) and not self.lookup.part_of_an_area(words, j, text, context):
            return None  # "in de wijk Saltivka", "the Sneinton area of Nottingham": the city is the place (cityparts)
        reading = self._read(words, i, j, text, context, inherited)
        if reading is None or stripped_adjective and reading.cue is None:
            return None  # "de Europese Unie", "de Afrikaanse Unie": an organisation, not "Unie" somewhere
        return self._resolved(words, i, j, text, sentence, context, reading)

    def _read(self, words, i: int, j: int, text: str, context, inherited: str | None) -> _Reading | None:
        """What the words before and after the name make of it (its cue), or None for a sentence's first word
        that is a place far from the story ("Boze boeren ...": capitalised only because it opens the sentence)."""
        start, end = words[i][1], words[j - 1][2]
        name = text[start:end]
        possessive = name.endswith(("'s", "’s"))  # "Russia's", "Florida's"
        if possessive:
            name, end = name[:-2], end - 2
        cue, qualifier_start = cue_before(words, i, text)
        if cue is None and not possessive and passive_event_after(words, j, text):
            cue = "passive"
        if cue is None and inherited:
            cue = inherited  # "in Amman, Beirut and Ramallah": the list shares its first member's cue
        owner = None
        if cue is None and (owner_start := possessor_before(words, i, text)) is not None:
            # "in the Gaza Strip's Nuseirat camp": a place the possessor contains takes the possessor's cue
            owner = self.lookup.resolve_known(text[words[owner_start][1]:words[i - 1][2] - 2], context)
            cue = cue_before(words, owner_start, text)[0] if owner is not None else None
        if cue is None and not possessive and SETTLEMENT_APPOSITION.match(text, _past_a_particle(text, end)):
            # "Shebekino, a town of 40,000 people, came under fire", "namen X in, een stadje bij Y": the text says so
            cue = "named_settlement"
        if cue is None and i == 0 and j == 1 and not text[:start].strip() and context is not None:
            first_word = self.lookup.resolve(name, context)
            if first_word is not None and first_word.place.country_code != context:
                return None
        return _Reading(name, start, end, possessive, cue, qualifier_start, owner)

    def _resolved(self, words, i: int, j: int, text: str, sentence: Sentence, context,
                  reading: _Reading) -> PlaceMention | None:
        """The gazetteer's place for the name read as ``reading``, then whether it is a location (``known``,
        ``named``); a part of a city resolves to the city (``cityparts``)."""
        name, start, end, cue = reading.name, reading.start, reading.end, reading.cue
        resolved, name, end, qualifier_start = self.lookup.qualified(words, i, j, text, name, end,
                                                                     reading.qualifier_start, context)
        if cue == "object" and i >= 2 and words[i - 1][0].lower() in ("van", "of"):
            # "de kerncentrale van Zaporizja": an object the gazetteer knows to lie in another town is there
            resolved = self.lookup.town_of_an_object(words[i - 2][0], name, context) or resolved
        if resolved is not None:
            resolved = self.lookup.city_of_a_district_point(resolved)
        container = CONTAINER_AFTER.match(text, end) if resolved is None and cue is not None else None
        if container is not None:  # "in Butler, in de Amerikaanse staat Pennsylvania": the state decides
            resolved = self.lookup.resolve(f"{name}, {container.group(1)}", context)
        if resolved is None and cue in LOCATIVE | {"named_settlement"} and len(name) >= 6 \
                and not (j - i == 1 and DEMONYM_END.search(name) and before_a_noun(words, j, text)):
            resolved = self.lookup.resolve_near_spelling(name, context)
        if resolved is None and (part := city_of_a_part(self.lookup.resolve, start, end, text, context)) is not None:
            city, written_start = part  # "de Rotterdamse wijk Crooswijk", "Rotterdam-Noord": the city
            return PlaceMention(text[written_start:end], city.place.name, sentence.start + written_start,
                                sentence.start + end, city.place, city.precision, "settlement")
        last = words[j - 1][0].lower()
        if last in INSTITUTIONS or last in WATER_AND_RELIEF:
            return None  # "the State University", "in Congress", "the Bay of Bengal": GeoNames has towns of those names
        if resolved is not None and resolved.place.kind == "city" and names_a_feature(words, i, j, text) \
                and not _a_known_landmark(resolved):
            return None  # "de Kachovka-dam in de Dnjepr": a city's name after a bare article is its river
        if resolved is None:
            return self._unknown(words, i, j, text, sentence, context, replace(reading, name=name, end=end))
        cue = cue_of_a_known_place(resolved.place, words, i, j, text, cue, possessive=reading.possessive, end=end,
                                   owner=reading.owner, context=context)
        if cue is None:
            return None
        if a_point_of_reference(text, start, qualifier_start):
            cue = "distance"  # "40 km northwest of Herat", "tegenover Khartoem", "the road to X": a reference
        written_start = qualifier_start if qualifier_start is not None else start
        return PlaceMention(text[written_start:end] if qualifier_start is not None else name, name,
                            sentence.start + written_start, sentence.start + end, resolved.place,
                            resolved.precision, cue)

    def _unknown(self, words, i: int, j: int, text: str, sentence: Sentence, context,
                 reading: _Reading) -> PlaceMention | None:
        """A name the gazetteer lacks, kept unresolved with the gazetteer's reason when the text makes it a place
        (``named``); a gathering named after its host city is in that city."""
        name, start, end = reading.name, reading.start, reading.end
        lowered = [w[0].lower() for w in words[i:j]]
        if never_a_settlement(name, lowered):
            return None
        if j - i > 1 and lowered[-1] in GATHERINGS and reading.cue in LOCATIVE:
            host = self.lookup.resolve_known(words[i][0], context)  # "at the Munich Security Conference": in Munich
            if host is not None and host.place.kind == "city":
                return PlaceMention(name, host.place.name, sentence.start + start, sentence.start + end,
                                    host.place, host.precision, reading.cue)
        cue = cue_of_an_unknown_name(words, i, j, text, name, end, reading.cue)
        if cue is None or a_point_of_reference(text, start, None) \
                or an_adjective_not_a_name(words, i, j, text, name, cue):
            return None  # "the road to Wabag"; "in de Indische hoofdstad": an adjective
        why = self.lookup.unresolved(name, context)
        return PlaceMention(name, name, sentence.start + start, sentence.start + end, None, "", cue,
                            note=why.note, settlement=why.settlement)
