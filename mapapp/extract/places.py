"""Place finding: which capitalised names in a sentence are the location of what it reports.

A name is a place *of an event* only when the text uses it as a location: after a locative
cue ("in", "bij", "near", "rond", "ten noorden van", "in de stad", "the city of", ...), or,
for big places (>= ``BIG_PLACE`` inhabitants), anywhere it is not an actor.  Actors and other
non-places are left out: names after a title ("president", "minister"), multi-word personal
names, media and agencies, names in an attribution clause (", meldt het ministerie in Gaza",
"according to ..."), a subject followed by a reporting verb ("Moscow pulled out", "Iran
condemned"), possessives ("Russia's"), agents ("door Rusland"), countries without a locative
cue or after "war in"/"oorlog in", and adjectives ("Russische", "Oekraïense").  A country or
region in a sentence that also names a city is context for the city, not a second event.

Issue 11 widened what counts as a location (each rule has a row in tests/test_extract_rules.py):
region words before or after a name ("de regio Tver", "the Kirov region"); names with
connectors ("Rostov aan de Don", "Deir al-Balah"); "in de buurt van X", "the outskirts of X";
the object of an event verb ("shells hit X"); objects that carry a place ("het station van X",
"the port of X"), where a place that locates the object wins ("... van Zaporizja bij
Enerhodar"); villages and islands named as such even when unknown.  And what does not: a
place that only locates another ("X near Y", "X, a town south-west of Y"), a container of a
city ("Lahaina on the island of Maui"), routes ("between X and Y"), rivers and lakes,
organisations after an adjective ("de Europese Unie"), sources ("volgens Kyiv", "officials in
X said"), and a sentence's first word that resolves far from the document's country.

The tuning13-16 round (rows in tests/test_extract_rules_places.py): an unresolved name keeps the
gazetteer's reason (``PlaceMention.note``) and, for a village KATOTTG lists without a point, its
``settlement``; a city district's point is its city ("Obolon", "Saltivka"); unknown names the text calls
a settlement or a place-named object ("Yambali village", "Kavumu airport", "de grensovergang Masnaa");
a possessor's cue for what it contains ("the Gaza Strip's Nuseirat camp") and a possessive place before a
part of it ("Beirut's southern suburbs"); lists whose first member needed no cue.  Not places: a town's
name after a bare article (a river: "in de Dnjepr"), names ending in an institution or water word
("State University", "Bay"), streets and relief compounds ("Amstelveenseweg", "Atlasgebergte"),
borders ("the Gaza border"), "N km from X" (a point of reference).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mapapp.dates import MONTHS, WEEKDAYS
from mapapp.extract.cityparts import city_of_a_part, introduced_as_a_city_part, name_after_part_of
from mapapp.extract.documents import Sentence
from mapapp.extract.placechoice import event_places
from mapapp.extract.placecues import (
    bare,
    before_a_noun,
    cue_before,
    in_a_list,
    introduced_as_water,
    named_by_its_noun,
    names_a_feature,
    names_an_institution,
    noun,
    passive_event_after,
    possessor_before,
)
from mapapp.extract.placewords import (
    ACTOR_VERBS,
    AGENT_CUES,
    ANAPHORIC_POSSESSORS,
    APPOSITION,
    ARTICLE_PREFIX,
    BACKGROUND_BEFORE_AREA,
    BETWEEN,
    BLAME_VERBS,
    BLOCKED_BEFORE_COUNTRY,
    BORDERS,
    CAMP_AFTER,
    CONCESSIVE,
    CONNECTORS,
    CONTAINED_IN,
    CONTAINER_AFTER,
    CONTINENTS,
    COUNTRY_LOCATIVE,
    DATELINE_AFTER,
    DEMONYM_END,
    DISTANCE_BEFORE,
    FLIGHT,
    GATHERINGS,
    HYPHENATED_ADJECTIVE,
    INSTITUTIONS,
    LANDMARKS,
    LOCATIVE,
    MEDIA,
    NOUNS_AFTER_ADJECTIVE,
    OPPOSITE_BEFORE,
    ORIGIN_HEADS,
    PART_OF_THE_POSSESSOR,
    PERSON_OF_HEADS,
    PLACE_NAMED_OBJECTS,
    REGION_AFTER,
    REGION_BEFORE,
    RELIEF_ENDINGS,
    REPORTING,
    RESCUE_VERBS,
    ROAD_TO_BEFORE,
    ROUTE_FROM,
    ROUTE_TO,
    SETTLEMENT_APPOSITION,
    SHELTER_BEFORE,
    SKIPPABLE,
    SOURCE,
    STOP_CAPITALS,
    TITLES,
    WATER_AND_RELIEF,
    WORD,
)
from mapapp.gazetteer import Resolution, normalize_name
from mapapp.gazetteer.index import km

BIG_PLACE = 50_000
CITY_REACH_KM = 50.0  # "Kyiv's Boryspil airport": what a city owns lies this near it


# Weekday and month names are capitalised in English but are never places ("on Thursday").
STOP_CAPITALS |= set(MONTHS) | set(WEEKDAYS)


@dataclass(frozen=True)
class PlaceMention:
    """A name used as the location of what the sentence reports."""

    written: str  # as the source wrote it, with "regio"/"ten noorden van" kept
    name: str  # the bare name that was resolved
    start: int
    end: int
    place: object | None  # gazetteer Place, None when unresolved
    precision: str
    cue: str = ""  # what made it a location: "in", "direction", "object", "verb", ... ("" for none)
    listed: bool = False  # a later member of a list that shares the first member's cue ("in A, B and C")
    note: str = ""  # why an unresolved name has no coordinates (the gazetteer's reason), for the row to say
    settlement: str = ""  # an unresolved name the gazetteer knows as a real village without a point (KATOTTG)


def area_holds(area, place) -> bool:
    """Whether the resolved country or region ``area`` holds the resolved ``place``: the same country and, for a
    region, the place's first-level region (GeoNames admin1) is that region."""
    if place.country_code != area.country_code:
        return False
    return area.kind == "country" or normalize_name(place.admin1) == normalize_name(area.name)


def _contains(area, place) -> bool:
    """Whether the resolved ``area`` holds ``place``: ``area_holds`` for a country or region, and a city holds what
    lies within ``CITY_REACH_KM`` ("Kyiv's Boryspil airport")."""
    if area.kind in ("country", "region"):
        return area_holds(area, place)
    return km(area.latitude, area.longitude, place.latitude, place.longitude) <= CITY_REACH_KM


class PlaceFinder:
    """Finds place mentions in sentences and resolves them with a gazetteer (memoised)."""

    def __init__(self, gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple, object] = {}

    def _answer(self, name: str, context: str | None) -> Resolution:
        """The gazetteer's own answer, asked once per name and context: an unknown name costs a fuzzy search,
        and ``resolve``, ``unresolved`` and ``resolve_near_spelling`` all read the same answer."""
        key = (name, context, "answer")
        if key not in self._cache:
            self._cache[key] = self.gazetteer.resolve(name, context=context)
        return self._cache[key]

    def resolve(self, name: str, context: str | None):
        """Gazetteer resolution without fuzzy matches.

        Fuzzy matches are refused here: in running text an unknown capitalised word
        ("Telegram", "Guardian") is far more often not a place than a misspelt one.
        """
        key = (name, context)
        if key not in self._cache:
            result = self._answer(name, context)
            if result.place is not None and result.note.startswith("fuzzy"):
                result = None
            elif result.place is None:
                result = None
            elif context is not None and not result.note.startswith("exact"):
                # "Gent" in a Dutch story: the Belgian city of that exact name, not a Dutch village that has
                # it as an alternate name
                exact = self._answer(name, None)
                if exact.place is not None and exact.note.startswith("exact") \
                        and exact.place.population >= 10 * max(result.place.population, 1):
                    result = exact
            self._cache[key] = result
        return self._cache[key]

    def unresolved(self, name: str, context: str | None) -> Resolution:
        """Why ``name`` has no coordinates, as the gazetteer answers it (its ``note``, which ``mapapp geocode``
        reports as ``geocode_note``; its ``settlement`` when it is a village known without a point).  An answer
        with a place was refused by ``resolve``: a near spelling, which running text does not take."""
        key = (name, context, "unresolved")
        if key not in self._cache:
            result = self._answer(name, context)
            if result.place is not None:
                result = Resolution(None, f"{result.note}, not taken for a name in running text")
            self._cache[key] = result
        return self._cache[key]

    def resolve_near_spelling(self, name: str, context: str | None):
        """A fuzzy match, accepted only inside the document's main country ("Deir al-Balah" → Dayr al Balah).

        Called only for names after a locative cue, where a misspelt place is likely; the
        country check keeps "in Telegram" from becoming a village somewhere else.
        """
        key = (name, context, "near")
        if key not in self._cache:
            result = self._answer(name, context) if context else None
            ok = result is not None and result.place is not None and result.place.country_code == context
            self._cache[key] = result if ok else None
        return self._cache[key]

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
            span = self._capitalised_span(words, i, text)
            if not span:
                i += 1
                continue
            j = self._extend_over_connectors(words, i + len(span), i, text, context)
            j = self._extend_over_a_possessive(words, i, j, text, context)
            last = found[-1] if found else None
            # "hitting Lviv, Rivne and Ternopil": a list, even when its first member needed no cue (a big city)
            listed = last is not None and in_a_list(text, last.end - sentence.start, words[i][1], words[j - 1][2])
            mention = self._mention(words, i, j, text, sentence, context, blocked,
                                    inherited=last.cue if listed and last.cue else None)
            if mention is not None:
                found.append(replace(mention, listed=True) if listed else mention)
            i = j
        return found

    def _extend_over_connectors(self, words, j: int, i: int, text: str, context) -> int:
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
            if self.resolve(text[words[i][1]:words[stop - 1][2]], context) is not None:
                return stop
        return j

    def _resolve_known(self, name: str, context: str | None):
        """``resolve`` of a name the gazetteer has as a key, else None: a cheap test first, since a resolution may
        end in a fuzzy search, for names only worth trying when they are known as written ("Cox's Bazar")."""
        if not name or not self.gazetteer.candidates(normalize_name(name)):
            return None
        return self.resolve(name, context)

    def _extend_over_a_possessive(self, words, i: int, j: int, text: str, context) -> int:
        """End of the name: past a possessive when the longer name is a known place ("Cox's Bazar"); otherwise
        the possessor is a name of its own ("Florida's Big Bend")."""
        if not words[j - 1][0].endswith(("'s", "’s")):
            return j
        end = j
        while end < len(words) and end - j < 2 and words[end][0][0].isupper() \
                and not text[words[end - 1][2]:words[end][1]].strip():
            end += 1
            longer = text[words[i][1]:words[end - 1][2]]
            if self._resolve_known(longer, context) is not None:
                return end
        return j

    @staticmethod
    def _capitalised_span(words, i: int, text: str) -> list[str]:
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

    def _mention(self, words, i: int, j: int, text: str, sentence: Sentence, context, blocked,
                 inherited: str | None = None):
        # Drop leading function words, demonym adjectives and titles ("De Amerikaanse minister").
        stripped_adjective = False
        while i < j and (bare(words[i][0]) in STOP_CAPITALS or words[i][0].lower() in TITLES
                         or (j - i > 1 and words[i][0].lower() in LOCATIVE)  # "Near Orikhiv, ...", "Outside X"
                         or HYPHENATED_ADJECTIVE.match(words[i][0])  # "the Russian-occupied city of X"
                         or (j - i > 1 and DEMONYM_END.search(words[i][0])
                             and not self._resolves_whole(words, i, j, context))):
            stripped_adjective = stripped_adjective or bool(DEMONYM_END.search(words[i][0]))
            i += 1
        if i >= j:
            return None
        if j - i == 1 and DEMONYM_END.search(words[i][0]) and j < len(words) \
                and words[j][0] in NOUNS_AFTER_ADJECTIVE and not text[words[i][2]:words[j][1]].strip() \
                and i > 0 and words[i - 1][0].lower() in SKIPPABLE:
            return None  # "the Canadian province of", "the Ukrainian army": an adjective
        name = text[words[i][1]:words[j - 1][2]]
        lowered = [w[0].lower() for w in words[i:j]]
        if any(w in MEDIA for w in lowered) or any(w.isupper() and len(w) <= 5 for w, _, _ in words[i:j]):
            return None
        start, end = words[i][1], words[j - 1][2]
        if any(b0 <= start < b1 for b0, b1 in blocked):
            return None
        if not text[:start].strip() and name.isupper() and DATELINE_AFTER.match(text, end):
            return None  # "LISBON - Three firefighters ...", "BANGKOK (AP) -": where the report was filed
        before = [w[0].lower() for w in words[max(0, i - 4):i]]
        after = words[j][0].lower() if j < len(words) else ""
        gap_after = text[end:words[j][1]] if j < len(words) else ""
        if before and before[-1] in TITLES:
            return None
        if i > 0 and words[i - 1][0].lower() in ANAPHORIC_POSSESSORS:
            return None  # "the city's X district": a part of the place just told, not another event
        if len(before) >= 2 and before[-1] in ("van", "of") and before[-2] in PERSON_OF_HEADS:
            return None  # "de geboortestad van Zelensky": a person
        if before and before[-1] in BLAME_VERBS:
            return None  # "Moscow blamed Kyiv": the object of blame is an actor
        if len(before) >= 2 and before[-1] in ("uit", "from") and (before[-2] in ORIGIN_HEADS
                                                                  or before[-2].endswith(("jarige", "old"))) \
                and not any(bare(w) in RESCUE_VERBS for w in before[:-2]) \
                and not FLIGHT.search(text, end, end + 40):  # "evacuated residents from X", "inwoners uit X gevlucht"
            return None  # "een 52-jarige man uit Den Haag": where a person comes from, not where it happened
        core = [w for w in before if w not in SKIPPABLE]
        if len(core) >= 2 and core[-1] in ("with", "met") and core[-2] in ("border", "boundary", "grens", "frontier"):
            return None  # "near the boundary with Zaporizhzhia"
        if len(core) >= 2 and core[-1] in ("of", "van") and core[-2] in ("bank", "banks", "oever", "oevers", "water",
                                                                         "waters", "overkant", "shore", "shores"):
            return None  # "the west bank of the Dnipro", "het water van de Dnipro": a river
        if before and (before[-1] in BETWEEN or before[-1] in ("en", "and") and BETWEEN & set(before[:-1])):
            return None
        if before and (before[-1] in ("from", "van") and ROUTE_TO.match(text, end)
                       or before[-1] in ("to", "naar") and ROUTE_FROM.search(text, 0, words[i - 1][1])):
            return None  # "the train from Karachi to Havelian": a route, neither end is where it happened
        if introduced_as_a_city_part(words, i, j, text) and not self._part_of_an_area(words, j, text, context):
            return None  # "in de wijk Saltivka", "the Sneinton area of Nottingham": the city is the place (cityparts)
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
            owner_name = text[words[owner_start][1]:words[i - 1][2] - 2]
            owner = self._resolve_known(owner_name, context)
            cue = cue_before(words, owner_start, text)[0] if owner is not None else None
        if cue is None and not possessive and SETTLEMENT_APPOSITION.match(text, end):
            cue = "named_settlement"  # "Shebekino, a town of 40,000 people, came under fire": the text says so
        if cue is None and i == 0 and j == 1 and not text[:start].strip() and context is not None:
            first_word = self.resolve(name, context)
            if first_word is not None and first_word.place.country_code != context:
                return None  # "Boze boeren ...": capitalised because it opens the sentence, a place far away
        if names_an_institution(words, j, text):
            return None  # "the Odesa regional administration said": a body named after the place, a source
        if j < len(words) and words[j][0].lower() in WATER_AND_RELIEF and not gap_after.strip() \
                or j - i > 1 and words[j - 1][0].lower() in WATER_AND_RELIEF:
            return None  # "the Karachay river", "Manila Bay": a river, lake or sea, not a settlement
        if j + 1 < len(words) and words[j][0].lower() in LANDMARKS and not gap_after.strip() \
                and words[j + 1][0].lower() in ("in", "at", "near", "op", "bij", "nabij", "te"):
            return None  # "Lido beach in Mogadishu", "het Tahrirplein in Caïro": a landmark's name, placed after it
        if i > 0 and words[i - 1][0] in ("the", "de", "het") and j < len(words) and not gap_after.strip() \
                and words[j][0].lower() in BORDERS:
            return None  # "near the Gaza border", "bij de Poolse grens": a border, not the place
        if introduced_as_water(words, i):
            return None  # "de rivier de Guadalhorce"
        if stripped_adjective and cue is None:
            return None  # "de Europese Unie", "de Afrikaanse Unie": an organisation, not "Unie" somewhere
        resolved, name, end, qualifier_start = self._qualified(words, i, j, text, name, end, qualifier_start,
                                                               context)
        if resolved is not None:
            resolved = self._city_of_a_district_point(resolved)
        container = CONTAINER_AFTER.match(text, end) if resolved is None and cue is not None else None
        if container is not None:  # "in Butler, in de Amerikaanse staat Pennsylvania": the state decides
            resolved = self.resolve(f"{name}, {container.group(1)}", context)
        if resolved is None and cue in LOCATIVE | {"named_settlement"} and len(name) >= 6 \
                and not (j - i == 1 and DEMONYM_END.search(name) and before_a_noun(words, j, text)):
            resolved = self.resolve_near_spelling(name, context)
        if resolved is None and (part := city_of_a_part(self.resolve, start, end, text, context)) is not None:
            city, written_start = part  # "de Rotterdamse wijk Crooswijk", "Rotterdam-Noord": the city
            return PlaceMention(text[written_start:end], city.place.name, sentence.start + written_start,
                                sentence.start + end, city.place, city.precision, "settlement")
        if lowered[-1] in INSTITUTIONS or lowered[-1] in WATER_AND_RELIEF:
            return None  # "the State University", "in Congress", "the Bay of Bengal": GeoNames has towns of those names
        if resolved is not None and resolved.place.kind == "city" and names_a_feature(words, i, j, text):
            return None  # "de Kachovka-dam in de Dnjepr": a city's name after a bare article is its river
        if resolved is None:
            if any(w in INSTITUTIONS for w in lowered) or normalize_name(name).endswith(CONTINENTS) \
                    or lowered[-1].endswith(RELIEF_ENDINGS):
                return None  # "outside the European Parliament", "in Centraal-Europa", "in het Atlasgebergte"
            if j - i > 1 and lowered[-1] in GATHERINGS and cue in LOCATIVE:
                host = self._resolve_known(words[i][0], context)  # "at the Munich Security Conference": in Munich
                if host is not None and host.place.kind == "city":
                    return PlaceMention(name, host.place.name, sentence.start + start, sentence.start + end,
                                        host.place, host.precision, cue)
            named_as = named_by_its_noun(words, i, j, text)
            if named_as == "before" and cue is None:
                cue = cue_before(words, i - 1, text)[0]  # "bij de grensovergang Masnaa": the noun's own cue
            if named_as and (cue is not None or passive_event_after(words, j + 1, text)):
                cue = "named_settlement"  # "on Yambali village", "seized Kavumu airport", "de grensovergang Masnaa"
            located = bool(CONTAINED_IN.match(text, end))  # "in Alxa Left Banner, in northern China's ..."
            if cue != "named_settlement" and len(name.split()) > 1 and not (located and cue == "in"):
                return None  # "Black Sea", "Red Sea": unknown multi-word names are rarely event places
            if cue == "verb" and APPOSITION.match(text, end):
                cue = "named_settlement"  # "captured Vremivka, a village in the Donetsk region"
            if CAMP_AFTER.match(text, end):
                cue = "named_settlement"  # "the Maghazi refugee camp", "het kamp Jabalia" is said before
            if cue == "object" and words[i - 2][0].lower() in PLACE_NAMED_OBJECTS:
                cue = "named_settlement"  # "het vliegveld van Kavumu": an airport is named after its town
            if cue is None or cue not in (LOCATIVE | {"named_settlement"}) - {"op", "on", "to", "voor", "at",
                                                                                 "from", "uit"}:
                return None
            if j - i > 3 or self._a_destination(text, start, cue):
                return None  # a long unknown name; where people fled to ("richting Tawila")
            if words[i][0].lower() in STOP_CAPITALS or (j - i == 1 and cue != "named_settlement"
                                                         and DEMONYM_END.search(name)
                                                         and before_a_noun(words, j, text)):
                return None  # "in de Indische hoofdstad": an adjective; "near Mecufi in ...": a place
            why = self.unresolved(name, context)
            return PlaceMention(name, name, sentence.start + start, sentence.start + end, None, "", cue,
                                note=why.note, settlement=why.settlement)
        place = resolved.place
        if owner is not None and not _contains(owner.place, place):
            return None  # "Florida's Big Bend": not the Big Bend in Wisconsin
        if before and before[-1] in AGENT_CUES and cue != "through":
            return None
        if possessive and place.kind != "country" and cue is not None and cue not in LOCATIVE \
                and PART_OF_THE_POSSESSOR.match(text, end + 2):
            cue = "direction"  # "strikes hit Beirut's southern suburbs", "shelled Kherson's outskirts": the place
        if possessive and (place.kind == "country" or cue not in LOCATIVE | {"direction"}):
            return None  # "Russia's war", "Moscow's claim"; but "in Florida's Big Bend region" is a place
        context_words = [w[0].lower() for w in words[max(0, i - 4):i]]
        if place.kind == "country":
            if cue not in COUNTRY_LOCATIVE and cue != "direction":
                return None
            if any(w in BLOCKED_BEFORE_COUNTRY for w in context_words):
                return None
        elif place.kind == "region" and any(w in BACKGROUND_BEFORE_AREA for w in context_words[-3:]) \
                or len(context_words) >= 2 and context_words[-1] == "in" \
                and context_words[-2] in BACKGROUND_BEFORE_AREA:
            return None  # "during the war in Tigray", "until the war in Gaza ends": the war is background
        elif cue is None:
            if place.population < BIG_PLACE and place.kind != "region":
                return None
            if after in ACTOR_VERBS and not gap_after.strip():
                return None
            if context is not None and place.country_code != context and place.kind == "city" \
                    and place.population < 500_000:
                return None  # "de wedstrijd van Ajax": a bare foreign name far from the story is rarely its place
        if DISTANCE_BEFORE.search(text, 0, qualifier_start if qualifier_start is not None else start) \
                or OPPOSITE_BEFORE.search(text, 0, start) or self._a_destination(text, start, cue):
            cue = "distance"  # "40 km northwest of Herat", "tegenover Khartoem", "fled towards X": a reference
        written = text[qualifier_start:end] if qualifier_start is not None else name
        return PlaceMention(written, name, sentence.start + (qualifier_start if qualifier_start is not None else start),
                            sentence.start + end, place, resolved.precision, cue or "")

    def _city_of_a_district_point(self, resolved):
        """The city, when ``resolved`` is the point of one of its districts ("Obolon", "Svyatoshyn" in Kyiv; "Saltivka",
        named after Kharkiv's Saltivskyi district): a part of a city is not a place of its own (``cityparts``)."""
        if resolved.row < 0:
            return resolved
        city_row = self.gazetteer.district_city(resolved.row) or self.gazetteer.city_of_a_district_named(resolved.row)
        if city_row is None:
            return resolved
        city = self.gazetteer.place(city_row)
        return Resolution(city, f"{resolved.note}; a district of {city.name}, the city is used", "city", city_row)

    @staticmethod
    def _a_destination(text: str, start: int, cue: str | None) -> bool:
        """Whether the name at ``start`` is where people fled or sheltered, not where it happened: "uit El Fasher
        gevlucht, richting Tawila", "zochten onderdak in Saint-Marc", "the road to Wabag" (an evacuation is
        told at the place it emptied)."""
        if SHELTER_BEFORE.search(text, 0, start) or ROAD_TO_BEFORE.search(text, 0, start):
            return True
        return cue in ("richting", "towards", "toward") and FLIGHT.search(text, 0, start) is not None

    def _part_of_an_area(self, words, j: int, text: str, context) -> bool:
        """Whether "X district of Y" names a district of a region or country ("Wayanad district of Kerala"), an
        administrative area and so a place, not a part of a city."""
        area = name_after_part_of(words, j, text)
        resolved = self._resolve_known(area, context)
        return resolved is not None and resolved.place.kind in ("region", "country")

    def _qualified(self, words, i: int, j: int, text: str, name: str, end: int, qualifier_start: int | None,
                   context):
        """Resolve ``name``, as a region when a region word stands before or after it.

        "de regio Krasnodar" and "the Krasnodar region" are Krasnodar Krai, not the city.
        Returns (resolution, name, end, qualifier_start).
        """
        if qualifier_start is not None and noun(text[qualifier_start:words[i][1]].split()[0]) in REGION_BEFORE:
            for query in (text[qualifier_start:end], f"{name} region", name):  # "de grensregio Belgorod"
                resolved = self.resolve(query, context)
                if resolved is not None and resolved.place.kind == "region":
                    return resolved, name, end, qualifier_start
        if j < len(words) and words[j][0].lower() in REGION_AFTER and not text[end:words[j][1]].strip():
            resolved = self.resolve(f"{name} {words[j][0].lower()}", context)
            if resolved is None or resolved.place.kind != "region":
                resolved = self.resolve(name, context)  # "Russia's Buryatia region": the name alone is the region
            if resolved is not None and resolved.place.kind == "region":
                written_start = qualifier_start if qualifier_start is not None else words[i][1]
                return resolved, f"{name} {words[j][0]}", words[j][2], written_start
        return self.resolve(name, context), name, end, qualifier_start

    def _resolves_whole(self, words, i: int, j: int, context) -> bool:
        name = " ".join(w[0] for w in words[i:j])
        return self.resolve(name, context) is not None
