"""Resolution: one place string (+ optional context) → a ``Resolution``.

A string is split into the place itself and its hints (a country, a region, a nearby city);
candidates with the same name are narrowed by those hints, then by the optional ``context``,
then by name quality and population (``mapapp.gazetteer.ranking``), and only a clear winner is
returned.  Unknown spellings are tried as transliteration variants and, last, as a fuzzy
match (``mapapp.gazetteer.fuzzy``).  Otherwise the ``Resolution`` is unresolved and its
``note`` lists the candidates so a person can decide.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from mapapp.gazetteer.districts import city_of_unknown_district, district_in_city, district_of_city
from mapapp.gazetteer.exonyms import add_exonyms, read_exonyms
from mapapp.gazetteer.fuzzy import FuzzyMatcher
from mapapp.gazetteer.hints import Hint, context_hint, hint_of_part
from mapapp.gazetteer.index import ALIAS, ALTERNATE, DEFAULT_PATH, MATCH_WORDS, PRECISION_OF_KIND, PlaceIndex
from mapapp.gazetteer.landmarks import known_landmark, town_of_unknown_landmark, without_landmarks
from mapapp.gazetteer.names import (
    JUNK,
    NOT_A_PLACE,
    PART_SPLIT,
    Part,
    area_direction,
    is_city_district,
    normalize_name,
    parse_part,
    raion_town_keys,
    transliteration_variants,
)
from mapapp.gazetteer.ranking import choose
from mapapp.gazetteer.resolution import Resolution
from mapapp.gazetteer.settlements import (
    Candidates,
    settlement_spelled,
    settlement_without_point,
    ukrainian_respelled,
)

__all__ = ["Gazetteer", "Resolution", "load_gazetteer", "split_query"]

DISTRICT_OF = re.compile(r"(?<=\w)\s+(district|raion|rayon)\s+(?:of|in)\s+", re.IGNORECASE)
MIN_RESPELLED = 4  # "How" and "Now" are words, not respellings of Hov (Norway) and Nov (Tajikistan)


def split_query(query: object) -> tuple[str, list[Part]]:
    """The stripped query and its parts ("Izum, Kharkiv region" → "izum", "kharkiv" as a region);
    no parts when it names no place (empty, NaN, junk such as "unknown", no letters)."""
    if query is None or (isinstance(query, float) and math.isnan(query)):
        return "", []
    raw = str(query).strip()
    if normalize_name(raw) in JUNK or NOT_A_PLACE.match(raw) or not any(ch.isalpha() for ch in raw):
        return raw, []
    # "Kuibyshevskyi district of Donetsk" is "Kuibyshevskyi district, Donetsk"
    raw_split = DISTRICT_OF.sub(r" \1, ", raw)
    parts = [parse_part(p) for p in PART_SPLIT.split(raw_split) if p and p.strip()]
    return raw, [p for p in parts if p.text and p.text not in JUNK]


class Gazetteer(PlaceIndex):
    """The loaded place index; ``resolve`` turns one place string into a ``Resolution``.

    What is particular to landmarks, Ukrainian settlements and city districts lives in
    ``landmarks``, ``settlements`` and ``districts``; this class holds the order of the steps.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        add_exonyms(self, read_exonyms())
        self.fuzzy = FuzzyMatcher(self)

    def _hint(self, part: Part, context_countries: set[str]) -> Hint | None:
        return hint_of_part(self, self.fuzzy, part, context_countries)

    # -- the public entry point ------------------------------------------------------------
    def resolve(self, query: str, context: str | None = None) -> Resolution:
        """Resolve one place string; ``context`` is a country or region that narrows ties.

        A country or region written in the string itself ("Yesk, Russia") beats ``context``.
        """
        raw, parts = split_query(query)
        if not parts:
            return Resolution(None, "no place in query")
        listed = known_landmark(self, parts)  # "Azovstal", "Crimean bridge": a landmark we know the town of
        if listed is not None:
            return listed
        parts, landmark = without_landmarks(self, parts)
        if not parts:
            return Resolution(None, f"landmark {raw!r} not in gazetteer and no town given")
        ctx = context_hint(self, context)
        main, *rest = self._place_first(parts, ctx)
        result = self._resolve_main(main, rest, ctx)
        if result.place is not None and main.near:
            result = Resolution(result.place, f"{result.note}; approximate (near {result.place.name})",
                                result.precision)
        if result.place is not None and landmark:
            result = town_of_unknown_landmark(self, result, raw, ctx)
        elif landmark:  # "Red Square" in a text about Russia: its first word only names a hamlet far away
            result = Resolution(None, f"landmark {raw!r} not in gazetteer; {result.note}")
        return result

    # -- which part is the place, which parts are hints ------------------------------------
    def _place_first(self, parts: list[Part], context: Hint | None) -> list[Part]:
        """The parts with the event's place first and its hints after it."""
        # "Kharkiv oblast, Kupiansk district": the most specific part is the place, the region a hint.
        # "Sumy region, Trostianets" too: a plain name after a region is a place in it.
        if parts[0].kind == "region" or self._only_an_area(parts[0]):  # "Crimea, Dzhankoi" too
            specific = [p for p in parts[1:] if p.kind in ("district", "city")
                        or (p.kind == "" and not self.lookup_country(p.text))]
            if specific:
                parts.remove(specific[-1])
                parts.insert(0, specific[-1])
        return self._smaller_place_first(parts, context)

    def _only_an_area(self, part: Part) -> bool:
        """A bare name that is only a region or country ("Crimea", "Donbas"), never a town."""
        found = self.candidates(part.text)
        return part.kind == "" and bool(found) and all(self.kind(row) in "RC" for row, _q in found)

    def _smaller_place_first(self, parts: list[Part], context: Hint | None) -> list[Part]:
        """"Kyiv, Bucha", "Donetsk, Makiivka": when a later part is a smaller place near the first,
        the smaller one is the event's place and the bigger one its context."""
        main = parts[0]
        if len(parts) < 2 or main.kind not in ("", "city") or main.near:
            return parts
        towns = [row for row, _q in self.candidates(main.text) if self.kind(row) == "P"]
        if not towns:
            return parts
        biggest = max(self.population(row) for row in towns)
        for part in parts[1:]:
            if (part.kind not in ("", "city") or is_city_district(part) or self.lookup_country(part.text)
                    or self._only_an_area(part) or not self.candidates(part.text)):
                continue
            hint = self._hint(main, context.countries if context else set())
            found = self._resolve_part(part, [hint] if hint else [], context)
            if found.place is not None and found.place.kind == "city" and found.place.population < biggest:
                return [part] + [p for p in parts if p is not part]
        return parts

    # -- the place, narrowed by its hints ---------------------------------------------------
    def _resolve_main(self, main: Part, rest: list[Part], context: Hint | None) -> Resolution:
        """The place ``main``, given the string's other parts: as a city district, as a name
        narrowed by the hints, and last by the fallbacks for what the index lacks."""
        # A country or region named in the string narrows the context for the other hints.
        own_countries = {code for code in (self.lookup_country(p.text) for p in rest) if code}
        base_countries = own_countries or (context.countries if context else set())
        # "Kharkiv - Kyivskyi" (ACLED's city - district): the district name is also some
        # village's, so as a hint it would pull the answer away from the city.
        districts = [p for p in rest if is_city_district(p)]
        hinted = [(p, h) for p, h in ((p, self._hint(p, base_countries)) for p in rest) if h is not None]
        hints = [h for _, h in hinted]
        result = district_in_city(self, main, hints)
        if result is None and districts:
            others = [h for p, h in hinted if p not in districts]
            result = district_of_city(self, self._resolve_part(main, others, context), districts[0])
        if result is None:
            result = self._resolve_part(main, hints, context)
        if result.place is None and len(main.text.split()) > 1 and not rest:
            result = self._resolve_split(main, context) or result
        if result.place is None and rest and (main.kind == "district" or not self.candidates(main.text)):
            result = city_of_unknown_district(self, main, hints) or result
        if result.place is None and not self.candidates(main.text):
            result = self._resolve_area(main, hints, context) or result
        return result

    def _resolve_area(self, main: Part, hints: list[Hint], context: Hint | None) -> Resolution | None:
        """'eastern Ukraine', 'Oost-Oekraïne': the place without its compass word, with a note."""
        found = area_direction(main.text)
        if found is None:
            return None
        direction, rest = found
        result = self._resolve_part(Part(rest, kind=main.kind, full=rest), hints, context)
        if result.place is None:
            return None
        return Resolution(result.place, f"{result.note}; direction {direction!r} dropped", result.precision)

    def _resolve_split(self, part: Part, context: Hint | None) -> Resolution | None:
        """'Mariupol Donetsk oblast' with no comma: try 'Mariupol' + hint 'Donetsk oblast'."""
        words = part.text.split()
        for cut in range(len(words) - 1, 0, -1):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            if not self.candidates(head):
                continue
            tail_part = parse_part(tail)
            if part.kind == "region" and cut == len(words) - 1:
                tail_part.kind = "region"
            hint = self._hint(tail_part, context.countries if context else set())
            if hint is None:
                continue
            result = self._resolve_part(Part(head), [hint], context)
            if result.place is not None:
                return result
        return None

    # -- one name → one place ----------------------------------------------------------------
    def _resolve_part(self, part: Part, hints: list[Hint], context: Hint | None) -> Resolution:
        """One part: its candidates (the name, then its respellings, then Ukrainian settlements'
        other romanisations, then a fuzzy match), and the clear winner among them."""
        key = part.text
        found, note = self._named(part, hints)
        oblasts = self.settlement_oblasts(key) if not found else ""
        if oblasts:  # a real village we have no point for: a similar town would be a wrong answer
            return settlement_without_point(key, oblasts)
        countries = set().union(*(h.countries for h in hints)) if hints else set()
        if not countries and context is not None:
            countries = context.countries
        if not found and (not countries or "UA" in countries):
            found, note, unplaced = settlement_spelled(self, key)
            if unplaced is not None:  # known under another romanisation, without a point: never a near miss
                return unplaced
        if not found:
            found, note = self._fuzzy(key, countries, hints, context)
        if not found:
            return Resolution(None, f"no place named {key!r} in the gazetteer")
        row, why = choose(self, found, hints, context, part)
        if row is None:
            return Resolution(None, why)
        if not note:
            quality = min(q for r, q in found if r == row)
            note = MATCH_WORDS[quality]
            if hints:
                note += f" (within {', '.join(h.text for h in hints)})"
        place = self.place(row)
        if part.kind == "district" and place.kind == "city" and not any(h.city is not None for h in hints):
            note += f"; raion→town: district {key!r} resolved to its town {place.name}"
        return Resolution(place, note, PRECISION_OF_KIND[place.kind], row)

    def _named(self, part: Part, hints: list[Hint]) -> tuple[Candidates, str]:
        """The places the index holds under the part's name, or under a spelling of it, and a
        note when a respelling found them."""
        key = part.text
        found = self.candidates(key)
        if part.kind == "region":
            regions = self.regions_named(key, explicit=True, full=part.full)
            if regions:
                named = self.candidates(part.full) + found
                found = [(r, min((q for row, q in named if row == r), default=ALIAS)) for r in regions]
        if (not found and part.kind == "district" and any(h.admin1s for h in hints)
                and not any(h.city is not None for h in hints)):  # "Kupianskyi raion, Kharkiv oblast"
            town = next((t for t in raion_town_keys(key) if self.candidates(t)), None)
            if town:
                found = self.candidates(town)
        if not found and len(key) >= MIN_RESPELLED:
            variant = next((v for v in transliteration_variants(key) if self.candidates(v)), None)
            if variant:
                return self._respelled_region(variant, part) or self.candidates(variant), \
                    f"spelling variant {variant!r}"
        if not found and key.isascii():
            return ukrainian_respelled(self, key)
        return found, ""

    def _respelled_region(self, variant: str, part: Part) -> Candidates:
        """The region a respelled name means when the words said "region": "de regio Nizjni Novgorod" is the oblast
        whose seat the respelling names (Nizhniy Novgorod), not the city; [] when there is none."""
        if part.kind != "region":
            return []
        return [(row, ALIAS) for row in self.regions_named(variant, explicit=True)]

    def _fuzzy(self, key: str, countries: set[str], hints: list[Hint],
               context: Hint | None) -> tuple[Candidates, str]:
        """A near-miss name with one clear winner, or with the hints and context leaving only one."""
        rows = self.fuzzy.rows(key, countries)
        if not rows and (hints or context):  # a looser match, only where the context leaves one candidate
            rows = self.fuzzy.loose_rows(key, lambda r: all(h.fits(self, r) for h in hints)
                                         and (context is None or context.fits(self, r)))
        if not rows:
            return [], ""
        return [(r, ALTERNATE) for r in rows], f"fuzzy match {key!r} → {self.name(rows[0])}"


@lru_cache(maxsize=4)
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer for ``path`` (default: the committed data file), loaded once per process."""
    return Gazetteer(path or DEFAULT_PATH)
