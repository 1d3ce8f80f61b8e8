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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mapapp.gazetteer.fuzzy import FuzzyMatcher
from mapapp.gazetteer.hints import Hint, context_hint, hint_of_part
from mapapp.gazetteer.index import ALIAS, ALTERNATE, DEFAULT_PATH, MATCH_WORDS, PRECISION_OF_KIND, Place, PlaceIndex
from mapapp.gazetteer.names import (
    JUNK,
    LANDMARK_LINK,
    NOT_A_PLACE,
    PART_SPLIT,
    Part,
    area_direction,
    could_be_town,
    is_city_district,
    is_landmark,
    names_landmark,
    normalize_name,
    parse_part,
    raion_town_keys,
    transliteration_variants,
    ukrainian_spellings,
)
from mapapp.gazetteer.ranking import BIG_CITY, choose


@dataclass(frozen=True)
class Resolution:
    """What a place string resolved to, or ``place=None`` with the reason in ``note``."""

    place: Place | None
    note: str
    precision: str = ""

    @property
    def resolved(self) -> bool:
        return self.place is not None



class Gazetteer(PlaceIndex):
    """The loaded place index; ``resolve`` turns one place string into a ``Resolution``."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self.fuzzy = FuzzyMatcher(self)

    def _hint(self, part: Part, context_countries: set[str]) -> Hint | None:
        return hint_of_part(self, self.fuzzy, part, context_countries)

    # -- the public entry point ------------------------------------------------------------
    def resolve(self, query: str, context: str | None = None) -> Resolution:
        """Resolve one place string; ``context`` is a country or region that narrows ties.

        A country or region written in the string itself ("Yesk, Russia") beats ``context``.
        """
        if query is None or (isinstance(query, float) and math.isnan(query)):
            return Resolution(None, "no place in query")
        raw = str(query).strip()
        if normalize_name(raw) in JUNK or NOT_A_PLACE.match(raw) or not any(ch.isalpha() for ch in raw):
            return Resolution(None, "no place in query")
        pieces = [p for p in PART_SPLIT.split(raw) if p and p.strip()]
        parts = [parse_part(p) for p in pieces]
        parts = [p for p in parts if p.text and p.text not in JUNK]
        if not parts:
            return Resolution(None, "no place in query")
        parts, landmark = self._without_landmarks(parts)
        if not parts:
            return Resolution(None, f"landmark {raw!r} not in gazetteer and no town given")
        # "Kharkiv oblast, Kupiansk district": the most specific part is the place, the region a hint.
        # "Sumy region, Trostianets" too: a plain name after a region is a place in it.
        if parts[0].kind == "region":
            specific = [p for p in parts[1:] if p.kind in ("district", "city")
                        or (p.kind == "" and not self.lookup_country(p.text))]
            if specific:
                parts.remove(specific[-1])
                parts.insert(0, specific[-1])
        ctx = context_hint(self, context)
        main, rest = parts[0], parts[1:]
        # A country or region named in the string narrows the context for the other hints.
        own_countries = set()
        for part in rest:
            code = self.lookup_country(part.text)
            if code:
                own_countries.add(code)
        base_countries = own_countries or (ctx.countries if ctx else set())
        hinted = [(p, h) for p, h in ((p, self._hint(p, base_countries)) for p in rest) if h is not None]
        hints = [h for _, h in hinted]
        result = None
        if any(is_city_district(p) for p, _ in hinted):
            # "Kharkiv - Kyivskyi" (ACLED's city - district): the district name is also some
            # village's, so as a hint it would pull the answer away from the city.
            result = self._city_of_district(main, hinted, ctx)
        if result is None:
            result = self._resolve_part(main, hints, ctx)
        if result.place is None and len(main.text.split()) > 1 and not rest:
            result = self._resolve_split(main, ctx) or result
        if result.place is None and rest and (main.kind == "district" or not self.candidates(main.text)):
            result = self._fallback_to_hint(main, rest, hints, ctx) or result
        if result.place is None and not self.candidates(main.text):
            result = self._resolve_area(main, hints, ctx) or result
        if result.place is not None and main.near:
            result = Resolution(result.place, f"{result.note}; approximate (near {result.place.name})",
                                result.precision)
        if result.place is not None and landmark:
            result = Resolution(result.place, f"{result.note}; landmark not in gazetteer; town used",
                                result.precision)
        return result

    def _without_landmarks(self, parts: list[Part]) -> tuple[list[Part], bool]:
        """Parts with buildings cut off ("kramatorsk railway station" → "kramatorsk") or dropped
        ("central market", "hospital no 5"), and whether anything was cut."""
        kept, cut = [], False
        for part in parts:
            words = part.text.split()
            if self.candidates(part.text) or not names_landmark(words):
                kept.append(part)
                continue
            cut = True
            town = self._landmark_town(words) if is_landmark(words) else None
            if town is not None:
                town.near = town.near or part.near
                kept.append(town)
            elif len(parts) == 1:
                return [], True
        return kept, cut

    def _landmark_town(self, words: list[str]) -> Part | None:
        """The town in "kramatorsk railway station" or "railway station in kramatorsk", if known."""
        for cut in range(len(words) - 1, 0, -1):  # the town first, the building after it
            head = parse_part(" ".join(words[:cut]))
            if (is_landmark(words[cut:]) and could_be_town(words[:cut])
                    and self.candidates(head.full or head.text)):
                return head
        for cut in range(1, len(words)):  # the building first
            tail = words[cut:]
            while tail and tail[0] in LANDMARK_LINK:
                tail = tail[1:]
            if is_landmark(words[:cut]) and could_be_town(tail) and not names_landmark(tail):
                part = parse_part(" ".join(tail))
                if self.candidates(part.full or part.text):
                    return part
        return None

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

    def _resolve_part(self, part: Part, hints: list[Hint], context: Hint | None) -> Resolution:
        key = part.text
        found = self.candidates(key)
        note = ""
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
        if not found:
            variant = next((v for v in transliteration_variants(key) if self.candidates(v)), None)
            if variant:
                found, note = self.candidates(variant), f"spelling variant {variant!r}"
        if not found and key.isascii():
            variants = [v for v in ukrainian_spellings(key) if self.candidates(v)]
            if variants:
                found = [c for v in variants for c in self.candidates(v)]
                note = f"spelling variant {variants[0]!r}"
        if not found:
            countries = set().union(*(h.countries for h in hints)) if hints else set()
            if not countries and context is not None:
                countries = context.countries
            rows = self.fuzzy.rows(key, countries)
            if rows:
                found = [(r, ALTERNATE) for r in rows]
                note = f"fuzzy match {key!r} → {self.name(rows[0])}"
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
        return Resolution(place, note, PRECISION_OF_KIND[place.kind])

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

    def _city_of_district(self, main: Part, hinted: list[tuple[Part, Hint]],
                          context: Hint | None) -> Resolution | None:
        """"Kyiv, Podilskyi district": a city's own district, though the district's name also
        belongs to a village far away.  Only for real cities (≥ BIG_CITY), which have districts."""
        others = [h for p, h in hinted if not is_city_district(p)]
        result = self._resolve_part(main, others, context)
        if result.place is None or result.place.kind != "city" or result.place.population < BIG_CITY:
            return None
        district = next(p.text for p, _ in hinted if is_city_district(p))
        return Resolution(result.place, f"{result.note}; district {district!r} taken as a district of the city",
                          result.precision)

    def _fallback_to_hint(self, main: Part, rest: list[Part], hints: list[Hint],
                          context: Hint | None) -> Resolution | None:
        """An unknown district of a known city ("Obolon district, Kyiv") resolves to the city;
        an unknown village in a region resolves to nothing (the region centroid would
        look precise and be tens of km off)."""
        if main.kind != "district":
            return None
        for hint in hints:
            if hint.city is not None:
                place = self.place(hint.city)
                return Resolution(place, f"district {main.text!r} not in gazetteer; using the city {place.name}",
                                  "city")
        return None



@lru_cache(maxsize=4)
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer for ``path`` (default: the committed data file), loaded once per process."""
    return Gazetteer(path or DEFAULT_PATH)
