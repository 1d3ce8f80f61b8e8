"""Choosing the event's place among the places a sentence names.

``places`` finds every name the sentence uses as a location; this module decides, for the
sentence as a whole, which of them is where the happening was and which only locate it:

* countries, regions and unknown names are context when the sentence also names a known town
  ("Kramatorsk in de regio Donetsk"); an unknown settlement wins over its region ("near Mecufi in
  Cabo Delgado province");
* a town that locates another is context: "Kiryat Bialik near Haifa", "Sake, 25 km ten westen van
  Goma", "Paiporta, a suburb south of the city of Valencia", "the village of Letur in Albacete";
  a village located by a town is the village even when the gazetteer lacks it ("Robotyne ten zuiden
  van Orichiv": Robotyne, unresolved with its reason, never Orikhiv's point), and a known village far
  from the town that locates it was resolved to a namesake (``NEAR_KM``), so it is kept unresolved; but
  an object named after one place and located at another is at the other ("de kerncentrale van
  Zaporizja bij Enerhodar", "the Kursk nuclear power plant in Kurchatov");
* containers (the island a town lies on), the area around a camp, a district beside its city, the district
  or province a settlement lies in, when it is named after its seat ("het station X in het district Balasore");
* a sentence's opening ("In Leeds, ...", "Near Athens, ...") is no apposition of the place after it, and a rough
  opening ("Near Athens, a fire broke out near Fyli") gives way to the finer place the sentence tells;
* a where-clause after a list tells of the list's last member when only the clause tells a happening ("Teams
  have arrived in Yangon and Naypyidaw, where a hospital was evacuated": Naypyidaw);
* an unknown area beside a known city ("the Linthorpe area"), and an unknown name in a sentence that opens
  with its city ("In Rotherham, ... at a hotel in Manvers"): a part of the city, which is the place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from mapapp.extract.documents import Sentence
from mapapp.extract.lexicon import categorize
from mapapp.extract.placewords import (
    ADMIN_CONTAINER_GAP,
    APPOSITION,
    APPOSITION_IN,
    AREA_AFTER,
    ARTICLE_APPOSITION,
    COMMA_GAP,
    COMPASS_BEFORE,
    CONTAINER_GAP,
    DISTRICT_AFTER,
    IN_GAP,
    ISLAND_BEFORE,
    LIST_GAP,
    LOCATING_GAP,
    LOCATOR_WORD,
    NAMED_OBJECT_AT,
    OBJECT_IN_SETTLEMENT,
    OPENING_LOCATIVE,
    OPENING_NEARBY,
    PARTICLE_BEFORE_APPOSITION,
    SECOND_CLAUSE,
    WHERE_CLAUSE_AFTER,
)
from mapapp.gazetteer.index import km

if TYPE_CHECKING:  # places imports this module; the mention type is only needed for the hints
    from mapapp.extract.places import PlaceMention


NEAR_KM = 150  # a known village this far from the town that locates it is a namesake elsewhere
APPOSITION_WORDS = 10  # a locating apposition ("X, 25 km ten westen van Y") is short ...
LONG_APPOSITION_WORDS = 25  # ... unless it says what the place is ("X, a farming community that ... near Y")


def _near(a, b) -> bool:
    """Whether two resolved places lie within ``NEAR_KM`` of each other (a place and the town that locates it)."""
    return a.admin1 == b.admin1 and a.country_code == b.country_code or \
        km(a.latitude, a.longitude, b.latitude, b.longitude) <= NEAR_KM


def _locating_apposition(gap: str) -> bool:
    """Whether the text between two names is an apposition that locates the first by the second: a comma,
    a few words with a direction, a distance or "near", and no second clause; a Dutch separable verb's particle
    may stand before the comma ("vielen X aan, een dorp bij Y")."""
    particle = PARTICLE_BEFORE_APPOSITION.match(gap)
    gap = gap[particle.end():] if particle else gap
    words = gap.split()
    longest = LONG_APPOSITION_WORDS if ARTICLE_APPOSITION.match(gap) else APPOSITION_WORDS
    return gap.lstrip().startswith(",") and "," not in gap.strip()[1:] and len(words) <= longest \
        and not any(w.lower() in ("and", "en", "while", "terwijl", "but", "maar") for w in words) \
        and LOCATOR_WORD.search(gap) is not None


def event_places(found: list[PlaceMention], sentence: Sentence) -> list[PlaceMention]:
    """The mentions of ``found`` that are where the sentence's happening was (module docstring): countries,
    regions and unknown names are context when the sentence also names a known city, and so on."""
    cities = [m for m in found if m.place is not None and m.place.kind == "city"]
    named = [m for m in found if m.place is None or m.place.kind == "city"]
    if not cities:
        # Countries and regions are context for an unknown settlement too ("Kuriga, in Kaduna state").
        return named or found
    # A village located by a town is the village ("Robotyne ten zuiden van Orichiv", "a village near Djibo"), even
    # unknown: the row keeps its name unresolved, never the town's coordinates (GOLD_GUIDE, conventions decided).
    # But an object named after one place and located at another is at the other: "de kerncentrale van
    # Zaporizja bij Enerhodar".
    def gap(a: PlaceMention, b: PlaceMention) -> str:
        return sentence.text[a.end - sentence.start:b.start - sentence.start]

    def administrative_container(m: PlaceMention) -> bool:
        # "het station Bahanaga Bazar in het district Balasore", "the village of X in Kaduna district": a district
        # or province named after its seat is where the unknown settlement before it lies, not a second place
        def contains(c: PlaceMention) -> bool:
            return bool(ADMIN_CONTAINER_GAP.fullmatch(gap(c, m)) or IN_GAP.fullmatch(gap(c, m))
                        and DISTRICT_AFTER.match(sentence.text, m.end - sentence.start))
        return m.place is not None and any(c.place is None and c.cue == "named_settlement" and contains(c)
                                           for c in named if c.end <= m.start)

    def locating_cities(m: PlaceMention) -> list[PlaceMention]:
        return [c for c in cities if c.start >= m.end and not administrative_container(c)
                and LOCATING_GAP.fullmatch(gap(m, c))]

    def an_object_located_by_a_city(m: PlaceMention) -> bool:
        return m.cue == "object" and any(
            LOCATING_GAP.fullmatch(gap(m, c)) or OBJECT_IN_SETTLEMENT.fullmatch(gap(m, c))
            for c in cities if c.start >= m.end and not administrative_container(c))

    def names_an_object_located_elsewhere(m: PlaceMention) -> bool:
        # "the Kursk nuclear power plant in Kurchatov": Kursk only names the plant, which lies at Kurchatov; "the X
        # mine in Alxa League": at a place the gazetteer may lack
        located = NAMED_OBJECT_AT.match(sentence.text, m.end - sentence.start)
        if located is None or not sentence.text[located.end():located.end() + 1].isupper():
            return False
        at = next((o for o in found if o.start <= sentence.start + located.end() < o.end), None)
        return at is None or at.place is None or at.place.kind == "city"  # "the X air base in Germany": at X

    def a_namesake_far_away(m: PlaceMention) -> PlaceMention | None:
        # A village the text names as one, resolved far from the town that locates it, was resolved to a namesake
        # ("Bilozerka, near Kherson" is near, so kept): the village without coordinates, and why.
        if m.place is None or m.cue != "named_settlement":
            return None
        town = next((c for c in locating_cities(m) if not _near(m.place, c.place)), None)
        return None if town is None else _unresolved_namesake(m, town)

    def container_of_a_city(m: PlaceMention) -> bool:  # "Lahaina on the island of Maui"
        if ISLAND_BEFORE.search(sentence.text[:m.start - sentence.start]) and (
                m.place is None or any(c is not m for c in cities)):
            return True  # "the island of Maui ..., destroying the town of Lahaina"; "X on the island of Y"
        return m.place is None and any(CONTAINER_GAP.fullmatch(gap(c, m)) for c in cities if c.end <= m.start)

    def locates_a_city(m: PlaceMention) -> bool:  # "Kiryat Bialik near Haifa": Haifa only locates
        return not m.listed and any(LOCATING_GAP.fullmatch(gap(c, m)) and not an_object_located_by_a_city(c)
                                    for c in named if c.end <= m.start)

    def opens_the_sentence(c: PlaceMention, opening=OPENING_LOCATIVE) -> bool:
        # "In Leeds, ...", "Near Athens, ...": what follows the comma is the main clause, unless it says what the
        # place is ("In Paiporta, a suburb south of the city of Valencia, 62 people ...")
        return bool(opening.fullmatch(sentence.text[:c.start - sentence.start])) \
            and sentence.text[c.end - sentence.start:].startswith(",")

    def locates_the_one_before(m: PlaceMention) -> bool:
        # "Vuhledar, a mining town south-west of Donetsk", "Sake, 25 km ten westen van Goma", "Paiporta, a
        # suburb south of the city of Valencia": an apposition that says where the place before lies.
        return any(((m.cue == "direction" and APPOSITION.fullmatch(gap(c, m)))
                    or (m.place is None and c.place is not None and APPOSITION_IN.fullmatch(gap(c, m)))
                    or (not opens_the_sentence(c) or APPOSITION.match(gap(c, m)))
                    and _locating_apposition(gap(c, m) + (" " + m.written if m.cue == "direction" else "")))
                   and not an_object_located_by_a_city(c)  # the town that locates the object is the place
                   for c in named if c.end <= m.start)

    def locates_the_area_before(m: PlaceMention) -> bool:
        # "near the village of Kuzhenkino in the Tver region, north-west of Moscow": a direction after the area a
        # place lies in says where both lie
        return m.cue == "direction" and any(c.end <= m.start for c in named if c is not m) and any(
            o.place is not None and o.place.kind in ("region", "country") and COMMA_GAP.fullmatch(gap(o, m))
            for o in found if o.end <= m.start)

    def area_around_a_place(m: PlaceMention) -> bool:  # "the Maghazi camp in central Gaza": the Strip
        return m.place is not None and bool(COMPASS_BEFORE.search(sentence.text[:m.start - sentence.start])) \
            and any(o is not m and o.start < m.start for o in named)

    def district_of_a_city(m: PlaceMention) -> bool:  # "In Kyiv, a missile hit the Podilskyi district"
        after = m.end - sentence.start
        return bool(DISTRICT_AFTER.match(sentence.text, after) or m.place is None and AREA_AFTER.match(
            sentence.text, after)) and any(c is not m for c in cities)

    def inside_the_opening_city(m: PlaceMention) -> bool:
        # "In Rotherham, a crowd smashed windows at a hotel in Manvers": an unknown name in a sentence that opens
        # with its city is a part of that city, which can be mapped
        return m.place is None and m.cue != "named_settlement" and any(
            c.start < m.start and OPENING_LOCATIVE.fullmatch(sentence.text[:c.start - sentence.start])
            and sentence.text[c.end - sentence.start:].startswith(",") for c in cities)

    kept = [m for m in named
            if not an_object_located_by_a_city(m) and not names_an_object_located_elsewhere(m)
            and not locates_the_one_before(m)
            and not locates_the_area_before(m)
            and not administrative_container(m)
            and not district_of_a_city(m) and not area_around_a_place(m) and not inside_the_opening_city(m)
            and not container_of_a_city(m)
            and not (m.place is not None and locates_a_city(m))]

    # Then, among the places kept, in this order: a where-clause's list, and a rough opening.
    def before_the_one_the_where_clause_tells(m: PlaceMention) -> bool:
        # "Teams have arrived in Yangon and Naypyidaw, where a hospital was evacuated": when only the clause after
        # the list tells a happening, it is told of the list's last member
        last = next((o for o in kept if o.listed and o.start > m.end and LIST_GAP.fullmatch(gap(m, o))), None)
        return last is not None and WHERE_CLAUSE_AFTER.match(sentence.text, last.end - sentence.start) is not None \
            and categorize(sentence.text[:last.end - sentence.start]) is None

    kept = [m for m in kept if not before_the_one_the_where_clause_tells(m)]

    def a_rough_opening_before_a_finer_place(m: PlaceMention) -> bool:
        # "Near Athens, a fire broke out near Fyli", "Bij Athene brak brand uit in Fyli": the opening says roughly
        # where, the town the main clause names where (not a second member of the opening's list)
        return bool(OPENING_NEARBY.fullmatch(sentence.text[:m.start - sentence.start])) \
            and any(o.start > m.end and not o.listed and not SECOND_CLAUSE.search(gap(m, o)) for o in kept)

    kept = [m for m in kept if not a_rough_opening_before_a_finer_place(m)]
    return [a_namesake_far_away(m) or m for m in kept]


def _unresolved_namesake(village: PlaceMention, town: PlaceMention) -> PlaceMention:
    """``village`` without the coordinates of its far namesake, saying why (the row's reason)."""
    note = (f"the gazetteer's {village.place.name} ({village.place.admin1 or village.place.country_code}) lies far "
            f"from {town.place.name}, which locates it: a namesake, not taken")
    return replace(village, place=None, precision="", note=note)
