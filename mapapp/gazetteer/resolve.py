"""Resolution: one place string (+ optional context) → a ``Resolution``.

A string is split into the place itself and its hints (a country, a region, a nearby city);
candidates with the same name are narrowed by those hints, then by the optional ``context``,
then by name quality and population (``mapapp.gazetteer.ranking``), and only a clear winner is
returned.  Unknown spellings are tried as transliteration variants and, last, as a fuzzy
match (``mapapp.gazetteer.fuzzy``).  Otherwise the ``Resolution`` is unresolved and its
``note`` lists the candidates so a person can decide.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from mapapp.gazetteer.exonyms import add_exonyms, read_exonyms
from mapapp.gazetteer.fuzzy import FuzzyMatcher
from mapapp.gazetteer.hints import Hint, context_hint, hint_of_part
from mapapp.gazetteer.index import (
    ALIAS,
    ALTERNATE,
    DEFAULT_PATH,
    MATCH_WORDS,
    PRECISION_OF_KIND,
    Place,
    PlaceIndex,
    km,
)
from mapapp.gazetteer.names import (
    JUNK,
    LANDMARK_LINK,
    LANDMARK_MODIFIERS,
    LANDMARK_WORDS,
    NOT_A_PLACE,
    PART_SPLIT,
    Part,
    area_direction,
    could_be_town,
    district_key,
    is_city_district,
    is_landmark,
    names_landmark,
    normalize_name,
    parse_part,
    raion_town_keys,
    russian_to_ukrainian,
    spelling_keys,
    transliteration_variants,
    ukrainian_spellings,
)
from mapapp.gazetteer.ranking import BIG_CITY, SAME_PLACE_KM, choose, near_context

DISTRICT_OF = re.compile(r"(?<=\w)\s+(district|raion|rayon)\s+(?:of|in)\s+", re.IGNORECASE)
SMALL_TOWN_OVER_UNPLACED = 2_500  # CLEAR_RATIO_SMALL_TOWN times cities500's 500 inhabitants
MIN_RESPELLED = 4  # "How" and "Now" are words, not respellings of Hov (Norway) and Nov (Tajikistan)
DISTRICT_CUTOFF = 0.85  # a misspelt district name, compared only with the few districts of its city


@dataclass(frozen=True)
class Resolution:
    """What a place string resolved to, or ``place=None`` with the reason in ``note``.

    ``settlement`` names a real place the gazetteer knows without coordinates: the KATOTTG key of a
    Ukrainian settlement ("paraskoviivka"), whichever romanisation the query used ("Paraskovijivka").
    Two strings with the same ``settlement`` are one village, which callers that compare places (the
    extraction scorer) need without parsing ``note``.
    """

    place: Place | None
    note: str
    precision: str = ""
    row: int = field(default=-1, compare=False, repr=False)  # the gazetteer line answered, for follow-ups
    settlement: str = ""

    @property
    def resolved(self) -> bool:
        return self.place is not None



class Gazetteer(PlaceIndex):
    """The loaded place index; ``resolve`` turns one place string into a ``Resolution``."""

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
        if query is None or (isinstance(query, float) and math.isnan(query)):
            return Resolution(None, "no place in query")
        raw = str(query).strip()
        if normalize_name(raw) in JUNK or NOT_A_PLACE.match(raw) or not any(ch.isalpha() for ch in raw):
            return Resolution(None, "no place in query")
        # "Kuibyshevskyi district of Donetsk" is "Kuibyshevskyi district, Donetsk"
        raw_split = DISTRICT_OF.sub(r" \1, ", raw)
        pieces = [p for p in PART_SPLIT.split(raw_split) if p and p.strip()]
        parts = [parse_part(p) for p in pieces]
        parts = [p for p in parts if p.text and p.text not in JUNK]
        if not parts:
            return Resolution(None, "no place in query")
        for part in parts:
            town = self._landmark_town_row(part)
            if town is not None:  # "Azovstal", "Crimean bridge": a landmark we know the town of
                place = self.place(town)
                return Resolution(place, f"landmark {part.text!r} is in {place.name}", "city", town)
        parts, landmark = self._without_landmarks(parts)
        if not parts:
            return Resolution(None, f"landmark {raw!r} not in gazetteer and no town given")
        # "Kharkiv oblast, Kupiansk district": the most specific part is the place, the region a hint.
        # "Sumy region, Trostianets" too: a plain name after a region is a place in it.
        if parts[0].kind == "region" or self._only_an_area(parts[0]):  # "Crimea, Dzhankoi" too
            specific = [p for p in parts[1:] if p.kind in ("district", "city")
                        or (p.kind == "" and not self.lookup_country(p.text))]
            if specific:
                parts.remove(specific[-1])
                parts.insert(0, specific[-1])
        ctx = context_hint(self, context)
        parts = self._smaller_place_first(parts, ctx)
        main, rest = parts[0], parts[1:]
        # A country or region named in the string narrows the context for the other hints.
        own_countries = set()
        for part in rest:
            code = self.lookup_country(part.text)
            if code:
                own_countries.add(code)
        base_countries = own_countries or (ctx.countries if ctx else set())
        # "Kharkiv - Kyivskyi" (ACLED's city - district): the district name is also some
        # village's, so as a hint it would pull the answer away from the city.
        districts = [p for p in rest if is_city_district(p)]
        hinted = [(p, h) for p, h in ((p, self._hint(p, base_countries)) for p in rest) if h is not None]
        hints = [h for _, h in hinted]
        result = self._district_in_city(main, hints)
        if result is None and districts:
            others = [h for p, h in hinted if p not in districts]
            result = self._city_of_district(main, districts[0], others, ctx)
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
            far = self._far_from_context(result, ctx)
            if far:  # "Red Square" in a text about Russia is not a square in Red, India
                return Resolution(None, f"landmark {raw!r} not in gazetteer; the town its name holds would be "
                                        f"{result.place.name} ({result.place.country_code}), {far}")
            result = Resolution(result.place, f"{result.note}; landmark not in gazetteer; town used",
                                result.precision)
        return result

    def _far_from_context(self, result: Resolution, context: Hint | None) -> str:
        """Why a town found only inside an unknown landmark's name is no answer: it lies in another country
        than the context's and far from it ("" when it may stand).  A landmark's first word is often an
        adjective ("Red Square", "Grand Hotel") that only a far-away village has as its name."""
        if context is None or not context.countries or result.row < 0 \
                or near_context(self, result.row, context.countries):
            return ""
        return f"far from {context.text}"

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

    def _landmark_town_row(self, part: Part) -> int | None:
        """The town of a landmark listed in ``geodata/landmarks.csv`` ("azovstal steel plant",
        "okhmatdyt"), also when written with other building words ("Azovstal plant")."""
        words = part.full.split() or part.text.split()
        bare = " ".join(w for w in words if w not in LANDMARK_WORDS and w not in LANDMARK_MODIFIERS)
        for key in (part.text, part.full, bare):
            if key in self.landmarks:
                return self.landmarks[key]
        return None

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
        if not found and len(key) >= MIN_RESPELLED:
            variant = next((v for v in transliteration_variants(key) if self.candidates(v)), None)
            if variant:
                found, note = self.candidates(variant), f"spelling variant {variant!r}"
        # the other romanisations of Ukrainian names, and Russian ones of them, name Ukrainian places
        if not found and key.isascii():
            variants = [v for v in ukrainian_spellings(key) if self._ukrainian(v)]
            if variants:
                found = [c for v in variants for c in self._ukrainian(v)]
                note = f"spelling variant {variants[0]!r}"
        if not found and key.isascii():
            variants = [v for v in russian_to_ukrainian(key) if self._ukrainian(v)]
            if variants:
                found = [c for v in variants for c in self._ukrainian(v)]
                note = f"Russian spelling of {variants[0]!r}"
        oblasts = self.settlement_oblasts(key) if not found else ""
        if oblasts:  # a real village we have no point for: a similar town would be a wrong answer
            return self._settlement_without_point(key, oblasts)
        countries = set().union(*(h.countries for h in hints)) if hints else set()
        if not countries and context is not None:
            countries = context.countries
        if not found and (not countries or "UA" in countries):
            found, note, unplaced = self._ukrainian_settlement_spelled(key)
            if unplaced is not None:  # known under another romanisation, without a point: never a near miss
                return unplaced
        if not found:
            rows = self.fuzzy.rows(key, countries)
            if not rows and (hints or context):  # a looser match, only where the context leaves one candidate
                rows = self.fuzzy.loose_rows(key, lambda r: all(h.fits(self, r) for h in hints)
                                             and (context is None or context.fits(self, r)))
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
        return Resolution(place, note, PRECISION_OF_KIND[place.kind], row)

    def _ukrainian(self, key: str) -> list[tuple[int, int]]:
        """The Ukrainian places (and regions) known under ``key``."""
        return [(row, q) for row, q in self.candidates(key) if self.country(row) == "UA"]

    def _ukrainian_settlement_spelled(self, key: str) -> tuple[list[tuple[int, int]], str, Resolution | None]:
        """A Ukrainian settlement (KATOTTG) under another romanisation of ``key`` ("Staritsja" is
        Starytsia): its points in the oblasts KATOTTG lists it in, as candidates, and a note; or,
        when the gazetteer has no point for it, or only village points in fewer of those oblasts
        than KATOTTG lists (the one point may be the wrong village), no candidates and the
        unresolved answer.  A town of SMALL_TOWN_OVER_UNPLACED or more is a candidate anyway: the
        villages without a point are smaller than cities500's 500 inhabitants."""
        names = self.settlements_spelled(spelling_keys(key))
        if not names:
            return [], "", None
        oblasts = sorted({o for name in names for o in self.settlement_oblasts(name).split("|")})
        admins = {self.oblast_admin(o) for o in oblasts}
        found = [(row, ALTERNATE) for name in names for row, _q in self.candidates(name)
                 if self.kind(row) == "P" and self.country(row) == "UA" and self.admin(row) in admins]
        placed = {self.admin(row) for row, _q in found}
        if found and (len(placed) >= len(oblasts)
                      or max(self.population(row) for row, _q in found) >= SMALL_TOWN_OVER_UNPLACED):
            named = next(n for n in names if self.candidates(n))
            return found, f"spelling variant {named!r} (a Ukrainian settlement)", None
        return [], "", self._settlement_without_point(names[0], "|".join(oblasts), len(placed))

    @staticmethod
    def _settlement_without_point(key: str, oblasts: str, points: int = 0) -> Resolution:
        listed = oblasts.replace("|", ", ")
        if points:
            return Resolution(None, f"{key!r} is a Ukrainian settlement name in {listed} (per KATOTTG); the "
                                    f"gazetteer has village points in only {points} of those oblasts, which may "
                                    "not be this one", settlement=key)
        return Resolution(None, f"{key!r} is a Ukrainian settlement ({listed} per KATOTTG) that the gazetteer "
                                "has no coordinates for", settlement=key)

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

    def _city_of_district(self, main: Part, district: Part, hints: list[Hint],
                          context: Hint | None) -> Resolution | None:
        """"Kyiv, Podilskyi district": a city's own district, though the district's name also
        belongs to a village far away.  Only for real cities (≥ BIG_CITY), which have districts."""
        result = self._resolve_part(main, hints, context)
        if result.place is None or result.place.kind != "city" or result.place.population < BIG_CITY:
            return None
        answer = self._district_of(district, result.row)
        if answer is not None:
            return answer
        return Resolution(result.place, f"{result.note}; district {district.text!r} taken as a district of the city",
                          result.precision, result.row)

    def _district_in_city(self, main: Part, hints: list[Hint]) -> Resolution | None:
        """"Petrovskyi district, Donetsk": a district named first, its city as a hint."""
        if main.kind != "district":
            return None
        for hint in hints:
            if hint.city is not None and (hint.city in self.districts
                                          or self.population(hint.city) >= BIG_CITY):
                return self._district_of(main, hint.city)
        return None

    def _district_of(self, district: Part, city_row: int) -> Resolution | None:
        """A district of the city on ``city_row``: its own point when the data has one, else the
        city with a note.  Never another district's or a namesake village's answer: a name that
        is not one of the city's districts gives the city, at city precision, with a note.
        None when the "district" is a raion of the oblast named after its town (Kupiansk district)."""
        city = self.place(city_row)
        known = self.districts.get(city_row, {})
        key = district_key(district.text)
        entry = known.get(key)
        if entry is None and known:
            close = difflib.get_close_matches(key, list(known), n=3, cutoff=DISTRICT_CUTOFF)
            if close and len({known[k][0] for k in close}) == 1:  # one district, however spelled
                entry = known[close[0]]
        if entry is None:
            if self._raion_of_oblast(district, city_row):
                return None
            why = (f"{district.text!r} is not one of the districts of {city.name} we know" if known
                   else f"the gazetteer has no districts for {city.name}")
            return Resolution(city, f"district not located: {why}; the city is used", "city", city_row)
        name, point = entry
        if point is None:
            return Resolution(city, f"district {name} of {city.name}: the gazetteer has no point for it; "
                                    "the city is used", "city", city_row)
        # kind stays "city" (Place kinds are country/region/city, which callers rely on); the
        # precision says it is a district
        place = replace(self.place(point), name=f"{name} district, {city.name}")
        written = "" if district_key(name) == key else f" (written {district.text!r})"
        return Resolution(place, f"district {name} of {city.name}{written}", "district", point)

    def _raion_of_oblast(self, district: Part, city_row: int) -> bool:
        """"Kupiansk district, Kharkiv": a raion of the oblast named after its town, which lies
        outside the city (the city's own district would be within it)."""
        towns = [district.text, *raion_town_keys(district.text)]
        clat, clon = self.coords(city_row)
        return any(self.kind(row) == "P" and self.admin(row) == self.admin(city_row)
                   and km(clat, clon, *self.coords(row)) > SAME_PLACE_KM
                   for town in towns for row, _q in self.candidates(town))

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
