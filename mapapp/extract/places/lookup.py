"""Resolving a name found in running text with the gazetteer, memoised per name and document country.

Running text is not a geocoding query: an unknown capitalised word ("Telegram", "Guardian") is far more often
not a place than a misspelt one, so near spellings are refused except where a place is expected inside the
document's own country; a region word beside a name ("de regio Krasnodar", "the Kirov region") asks for the
region; a district's own point stands for its city (``cityparts``).
"""

from __future__ import annotations

from mapapp.extract.cityparts import name_after_part_of
from mapapp.extract.placecues import noun
from mapapp.extract.placewords import REGION_AFTER, REGION_BEFORE
from mapapp.gazetteer import Resolution, normalize_name


class PlaceLookup:
    """The gazetteer as the place finder asks it: one answer per (name, context), read several ways."""

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

    def resolve_known(self, name: str, context: str | None):
        """``resolve`` of a name the gazetteer has as a key, else None: a cheap test first, since a resolution may
        end in a fuzzy search, for names only worth trying when they are known as written ("Cox's Bazar")."""
        if not name or not self.gazetteer.candidates(normalize_name(name)):
            return None
        return self.resolve(name, context)

    def town_of_an_object(self, head: str, name: str, context: str | None):
        """The town the gazetteer knows an object named after a place to be in ("de kerncentrale van Zaporizja" is
        at Enerhodar: ``geodata/landmarks.csv`` and its aliases), else None; ``head`` is the object's noun."""
        for query in (f"{head} {name}", f"{name} {head}"):
            resolved = self.resolve_known(query, context)
            if resolved is not None and resolved.place.kind == "city":
                return resolved
        return None

    def city_of_a_district_point(self, resolved):
        """The city, when ``resolved`` is the point of one of its districts ("Obolon", "Svyatoshyn" in Kyiv; "Saltivka",
        named after Kharkiv's Saltivskyi district): a part of a city is not a place of its own (``cityparts``)."""
        if resolved.row < 0:
            return resolved
        city_row = self.gazetteer.district_city(resolved.row) or self.gazetteer.city_of_a_district_named(resolved.row)
        if city_row is None:
            return resolved
        city = self.gazetteer.place(city_row)
        return Resolution(city, f"{resolved.note}; a district of {city.name}, the city is used", "city", city_row)

    def part_of_an_area(self, words, j: int, text: str, context) -> bool:
        """Whether "X district of Y" names a district of a region or country ("Wayanad district of Kerala"), an
        administrative area and so a place, not a part of a city."""
        area = name_after_part_of(words, j, text)
        resolved = self.resolve_known(area, context)
        return resolved is not None and resolved.place.kind in ("region", "country")

    def qualified(self, words, i: int, j: int, text: str, name: str, end: int, qualifier_start: int | None,
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

    def resolves_whole(self, words, i: int, j: int, context) -> bool:
        """Whether the words ``i:j`` joined by spaces are a known place ("Nieuw-Zeelandse" is not)."""
        return self.resolve(" ".join(w[0] for w in words[i:j]), context) is not None
