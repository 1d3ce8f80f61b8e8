"""Offline place index over ``geodata/gazetteer.tsv.gz``: place strings → coordinates.

Event databases and news write places as "Izum, Kharkiv region", "Near Kupiansk",
"Obolon district, Kyiv" or in Dutch ("Koepjansk", "Oekraïne").  Resolution here is built
around one rule: *a wrong answer is worse than no answer*.  A string is split into the
place itself and its hints (a country, a region, a nearby city); candidates with the same
name are narrowed by those hints, then by the optional ``context``, then by name quality
(primary or curated name beats an alternate name) and finally by population, and only a
clear winner is returned.  Otherwise the ``Resolution`` is unresolved and its ``note``
lists the candidates so a person can decide.

The data file is built by ``geodata/build_gazetteer.py``; loading it is a plain split into
Python lists and one dict (about 0.6 s), cached once per process.
"""

from __future__ import annotations

import difflib
import gzip
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mapapp.errors import GeocodeError

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "geodata" / "gazetteer.tsv.gz"
FORMAT_VERSION = "mapapp-gazetteer 2"

# Letters that NFKD does not decompose but that people type without the stroke/ligature.
_FOLD = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d",
                       "ħ": "h", "ŧ": "t", "ß": "ss"})
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc\u02b9\u02bb`\u00b4\u2032\u02ee\u055a\u0301\"]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./]+")

# Match quality, best first: the place's own name, a hand-curated alias, a GeoNames alternate.
PRIMARY, ALIAS, ALTERNATE = 0, 1, 2
_MATCH_WORDS = {PRIMARY: "exact name", ALIAS: "matched alias", ALTERNATE: "alternate name"}
KIND_NAMES = {"C": "country", "R": "region", "P": "city"}
PRECISION_OF_KIND = {"country": "country", "region": "region", "city": "city"}

# A candidate wins outright only if it is this many times larger than the next distinct one.
CLEAR_RATIO = 10.0
CLEAR_RATIO_BIG = 3.0  # ... or this many times, when it is a real town (≥ TOWN inhabitants)
TOWN = 10_000
CLEAR_RATIO_SMALL_TOWN = 5.0  # ... or this many times, when it has ≥ SMALL_TOWN (Olenivka 4.5k vs 0.7k)
SMALL_TOWN = 2_000
BIG_CITY = 50_000
REGION_OVER_CITY = 5.0  # a region beats a same-named foreign city this much smaller (Bali ID, not Bāli IN)
ALTERNATE_RATIO = 25.0  # an alternate-name match beats a small own-name match only when this much bigger
SAME_PLACE_KM = 25.0  # candidates this close are one answer (a town and its GeoNames duplicate)
NEAR_HINT_KM = 150.0  # "Chuhuiv, south of Kharkiv": candidates within this of the hint place
UNKNOWN_POPULATION = 200  # GeoNames population 0 means "not recorded", not "empty"
FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 0.84
FUZZY_MIN_POPULATION = 5_000

_JUNK = {"", "unknown", "n a", "na", "none", "null", "nan", "unspecified", "not specified", "various",
         "multiple", "multiple locations", "several", "undisclosed", "unclear", "tbd", "onbekend", "diverse",
         "unknown location", "location unknown", "no location", "nowhere", "somewhere", "online", "x"}
# Words around a place name that say what it is, not where.
_REGION_WORDS = {"oblast", "oblasts", "region", "regio", "province", "provincie", "provinz", "oblast'",
                 "obl", "область", "обл", "krai", "kray", "governorate", "state"}
_DISTRICT_WORDS = {"district", "raion", "rayon", "microdistrict", "neighbourhood", "neighborhood", "quarter",
                   "hromada", "community", "wijk", "район", "мікрорайон", "mikroraion", "mikrorayon"}
_SETTLEMENT_WORDS = {"village", "settlement", "town", "city", "stad", "dorp", "urban type settlement",
                     "urban-type settlement", "smt", "selo", "село", "селище", "місто", "город", "пгт", "смт",
                     "hamlet", "suburb", "outskirts", "area", "vicinity", "direction", "centre", "center",
                     "stadt", "ville", "s", "m", "v", "vill", "pos", "posyolok", "the", "de", "het"}
_LEADING = re.compile(
    r"^(?:(?:in|at|near|nearby|around|outside|outside of|the outskirts of|outskirts of|on the outskirts of|"
    r"vicinity of|in the vicinity of|area of|the area of|the|de|het|bij|nabij|rond|buiten|"
    r"village of|town of|city of|settlement of|suburb of|district of|region of|province of|"
    r"the village of|the town of|the city of|de stad|de regio|het dorp|stad|dorp|regio|provincie|oblast)\s+)+"
)
_DIRECTION = re.compile(
    r"^(?:\d+(?:[.,]\d+)?\s*(?:km|kilometers|kilometres|miles|mi)\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north east|north west|south east|"
    r"south west|ten (?:noorden|zuiden|oosten|westen)(?:|oosten|westen))\s+(?:of|van)\s+"
)
_NOT_A_PLACE = re.compile(r"^[\d\s:+\-/.,]*$|^\d{4}-\d{2}(-\d{2})?")
_PART_SPLIT = re.compile(r"\s*(?:[,;()\[\]]|\s[-–—]\s|/)\s*")
# "eastern Ukraine", "Oost-Oekraïne", "Zuidoost-Oekraïne": a compass word in front of a place.
_COMPASS = {"north": "north", "noord": "north", "south": "south", "zuid": "south", "east": "east",
            "oost": "east", "west": "west"}
_AREA_DIRECTION = re.compile(
    r"^(?P<ns>north|south|noord|zuid)?\s?(?P<ew>east|west|oost)?(?:ern|elijk|elijke)?\s+(?P<rest>\S.*)$"
    r"|^(?P<central>central|centraal|midden)\s+(?P<crest>\S.*)$")
# Words that make a part a landmark ("Kramatorsk railway station", "central market, Kherson"):
# the gazetteer knows the town, not the building, so the town is used.
_LANDMARK_WORDS = {
    "station", "railway", "train", "metro", "terminal", "depot", "theatre", "theater", "airport", "airfield",
    "aerodrome", "hospital", "clinic", "market", "bazaar", "school", "lyceum", "kindergarten", "university",
    "college", "academy", "port", "seaport", "harbour", "harbor", "bridge", "plant", "factory", "dam",
    "refinery", "mall", "shopping", "supermarket", "church", "cathedral", "monastery", "mosque", "stadium",
    "hotel", "museum", "cemetery", "embankment", "prison", "barracks", "warehouse", "substation", "pier",
    "square", "street", "avenue", "prospekt", "boulevard", "building", "tower", "centre", "center",
    # Dutch
    "ziekenhuis", "markt", "haven", "brug", "fabriek", "centrale", "luchthaven", "vliegveld",
    "winkelcentrum", "kerk", "stadion", "universiteit", "gevangenis", "kazerne", "raffinaderij", "plein",
    "straat", "treinstation", "spoorwegstation", "schouwburg",
    "administration", "council", "base", "headquarters", "office", "checkpoint", "dormitory", "hostel", "park",
    "highway", "garage", "shop", "store", "restaurant", "cafe", "library", "sanatorium", "facility",
    "enterprise", "complex", "garrison", "gemeentehuis", "stadhuis",
}
# A nuclear plant is named after a city it is often far from (Zaporizhzhia NPP is in Enerhodar):
# never fall back to the town in its name.
_FAR_LANDMARKS = {"nuclear", "npp", "kerncentrale", "kernkraftwerk", "aes"}
# Words that describe a building, not a town: "central market" has no town "Central" in it.
_LANDMARK_MODIFIERS = {"central", "main", "regional", "city", "old", "new", "local", "drama", "children",
                       "childrens", "maternity", "clinical", "military", "railway", "bus", "river", "sea",
                       "international", "shopping", "power", "oil", "fuel", "centraal", "oude", "nieuwe",
                       "grote", "the", "de", "het", "a", "an", "residential", "apartment", "administrative",
                       "police", "fire", "state", "district", "village", "industrial", "sports", "educational"}
_LANDMARK_LINK = {"of", "in", "at", "near", "van", "bij", "te", "the", "de", "het"}
# A raion is named as an adjective of its town: Kupianskyi → Kupiansk, Bakhmutskyi → Bakhmut.
_RAION_ENDINGS = (("skyi", ("sk", "")), ("skyy", ("sk", "")), ("skiy", ("sk", "")), ("sky", ("sk", "")),
                  ("skyj", ("sk", "")), ("ckyi", ("ck", "")), ("ska", ("sk", "")))


def normalize_name(text: str) -> str:
    """Comparable form of a name: casefolded, accents and apostrophes gone, hyphens as spaces.

    "Kup'yans'k", "Kupʼyansʼk" and "KUPYANSK" all become "kupyansk"; Cyrillic stays Cyrillic
    (the data carries Cyrillic names, so "Харків" matches without transliteration).
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    # combining marks go (accents); so do format characters (right-to-left marks, zero widths)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")
    text = text.translate(_FOLD)
    text = _APOSTROPHES.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


@dataclass(frozen=True)
class Place:
    """One resolved place; ``kind`` is "city", "region" or "country"."""

    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str
    kind: str
    population: int
    geonameid: int = 0


@dataclass(frozen=True)
class Resolution:
    """What a place string resolved to, or ``place=None`` with the reason in ``note``."""

    place: Place | None
    note: str
    precision: str = ""

    @property
    def resolved(self) -> bool:
        return self.place is not None


@dataclass
class _Hint:
    """Where the string (or the caller's context) says the place is."""

    text: str
    countries: set[str] = field(default_factory=set)
    admin1s: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    city: int | None = None  # row of the hint when it is a city ("Obolon district, Kyiv")
    region: int | None = None  # row of the hint when it names a region ("Izum, Kharkiv region")

    def fits(self, gaz: Gazetteer, row: int) -> bool:
        if self.countries and gaz.country(row) not in self.countries:
            return False
        if not (self.admin1s or self.points):
            return True
        if gaz.admin(row) and gaz.admin(row) in self.admin1s:
            return True
        lat, lon = gaz.coords(row)
        return any(_km(lat, lon, plat, plon) <= NEAR_HINT_KM for plat, plon in self.points)


@dataclass
class _Part:
    """One comma/bracket-separated piece of a place string, with what its words say about it."""

    text: str
    kind: str = ""  # "region", "district", "city" or "" when the words say nothing
    near: bool = False  # "south of X", "near X": approximate
    full: str = ""  # the normalised part before "oblast"/"raion"... were stripped ("kyiv oblast")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine; plenty for "is it the same town")."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _parse_part(raw: str) -> _Part:
    """Strip "near", "village of", "raion", "oblast" ... and remember what they said."""
    text = normalize_name(raw)
    part = _Part(text)
    direction = _DIRECTION.match(text)
    if direction:
        text, part.near = text[direction.end():], True
    lead = _LEADING.match(text)
    if lead:
        words = lead.group(0).split()
        if any(w in {"near", "nearby", "around", "outside", "outskirts", "vicinity", "area", "bij", "nabij",
                     "rond", "buiten"} for w in words):
            part.near = True
        if any(w in {"region", "province", "regio", "provincie", "oblast"} for w in words):
            part.kind = "region"
        elif "district" in words:
            part.kind = "district"
        elif any(w in {"city", "town", "village", "settlement", "stad", "dorp"} for w in words):
            part.kind = "city"
        text = text[lead.end():]
    part.full = text
    words = text.split()
    while len(words) > 1 and (words[-1] in _REGION_WORDS or words[-1] in _DISTRICT_WORDS
                              or words[-1] in _SETTLEMENT_WORDS):
        last = words.pop()
        if last in _REGION_WORDS:
            part.kind = "region"
        elif last in _DISTRICT_WORDS:
            part.kind = part.kind or "district"
        elif last in {"outskirts", "area", "vicinity", "direction"}:
            part.near = True
        elif part.kind == "":
            part.kind = "city"
    while len(words) > 1 and words[0] in _SETTLEMENT_WORDS | _REGION_WORDS | _DISTRICT_WORDS:
        first = words.pop(0)
        if first in _REGION_WORDS:
            part.kind = "region"
        elif first in _DISTRICT_WORDS:
            part.kind = part.kind or "district"
    part.text = " ".join(words)
    return part


class Gazetteer:
    """The loaded place index; ``resolve`` turns one place string into a ``Resolution``."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if not path.exists():
            raise GeocodeError(f"{path}: gazetteer data file not found (run python geodata/build_gazetteer.py)")
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            text = handle.read()
        lines = text.split("\n")
        if lines[0] != FORMAT_VERSION or not lines[1].startswith("#places "):
            raise GeocodeError(f"{path}: not a {FORMAT_VERSION!r} file (header {lines[0][:40]!r})")
        count = int(lines[1].split()[1])
        # Place lines stay unsplit until asked for: a query touches a handful of the 240k.
        self._lines = lines[2:2 + count]
        self._fields_cache: dict[int, list[str]] = {}
        fuzzy_at = text.rfind("\n#fuzzy ")
        tail = lines[2 + count:]
        fuzzy_count = int(text[fuzzy_at + 8:text.index("\n", fuzzy_at + 1)])
        self.index: dict[str, str] = dict(line.split("\t", 1) for line in tail[:len(tail) - fuzzy_count - 2])
        self._fuzzy_keys = tail[len(tail) - fuzzy_count - 1:-1]
        del text, lines
        self.path = path
        self.admin_row: dict[str, int] = {}
        self.country_row: dict[str, int] = {}
        self.iso3: dict[str, str] = {}  # alpha-3 → alpha-2
        for row, line in enumerate(self._lines):  # countries and regions come first in the file
            if line[0] == "P":
                break
            fields = self.fields(row)
            if fields[0] == "R" and fields[6]:
                self.admin_row[fields[6]] = row
            elif fields[0] == "C":
                self.country_row[fields[5]] = row
                if fields[8]:  # a country's last field holds its alpha-3 code
                    self.iso3[fields[8]] = fields[5]
        self._fuzzy: dict[tuple[str, int], list[str]] | None = None

    def fields(self, row: int) -> list[str]:
        """kind, geonameid, name, lat, lon, country, admin1 key, population, seat of one place."""
        fields = self._fields_cache.get(row)
        if fields is None:
            fields = self._fields_cache[row] = self._lines[row].split("\t")
        return fields

    # -- small accessors -------------------------------------------------------------------
    def kind(self, row: int) -> str:
        return self.fields(row)[0]

    def country(self, row: int) -> str:
        return self.fields(row)[5]

    def admin(self, row: int) -> str:
        return self.fields(row)[6]

    def coords(self, row: int) -> tuple[float, float]:
        fields = self.fields(row)
        return float(fields[3]), float(fields[4])

    def population(self, row: int) -> int:
        return int(self.fields(row)[7]) or UNKNOWN_POPULATION

    def place(self, row: int) -> Place:
        """The public ``Place`` for a row (built on demand: most rows are never asked for)."""
        kind_code, gid, name, lat, lon, cc, admin, pop, _seat = self.fields(row)
        kind = KIND_NAMES[kind_code]
        if kind == "region":
            admin1 = name
        else:
            admin_row = self.admin_row.get(admin)
            admin1 = self.fields(admin_row)[2] if admin and admin_row is not None else ""
        return Place(name, float(lat), float(lon), cc, admin1, kind, int(pop), int(gid))

    def name(self, row: int) -> str:
        return self.fields(row)[2]

    def candidates(self, key: str) -> list[tuple[int, int]]:
        """(row, match quality) for every place known under the normalised ``key``."""
        codes = self.index.get(key)
        if not codes:
            return []
        return [(code >> 2, code & 3) for code in map(int, codes.split(","))]

    # -- countries and regions -------------------------------------------------------------
    def lookup_country(self, text: str) -> str | None:
        """ISO alpha-2 code for a country name (any covered language) or an ISO 2/3-letter code."""
        stripped = text.strip()
        if len(stripped) == 2 and stripped.isalpha():
            code = stripped.upper()
            return code if code in self.country_row else ("GB" if code == "UK" else None)
        if len(stripped) == 3 and stripped.isalpha() and stripped.isupper():
            row = self.iso3.get(stripped)
            if row:
                return row
        key = normalize_name(stripped)
        key = _LEADING.sub("", key)
        for row, _quality in self.candidates(key):
            if self.kind(row) == "C":
                return self.country(row)
        return None

    def _regions_named(self, key: str, explicit: bool, full: str = "") -> list[int]:
        """Region rows a name can mean: a region key, or (when the words said "region") the
        region whose largest place has that name ("Kharkiv region" → Kharkiv Oblast).

        When the words said "oblast"/"region", the regions known under "<name> oblast" come
        first and alone: "Kyiv Oblast" is the oblast, not the city-region Kyiv City."""
        def regions(name: str) -> list[int]:
            return [row for row, _q in self.candidates(name) if self.kind(row) == "R"]

        if explicit:
            named = regions(full) if full and full != key else []
            named = list(dict.fromkeys(named or regions(f"{key} oblast") + regions(f"{key} region")))
            # "Moscow region" is Moscow Oblast, not the federal city Moscow (both answer to it)
            worded = [r for r in named if _REGION_WORDS & set(normalize_name(self.name(r)).split())]
            if worded or named:
                return worded or named
        rows = regions(key)
        if explicit:
            if not rows:
                for row, _q in self.candidates(key):
                    if self.kind(row) == "P":
                        region = self.admin_row.get(self.admin(row))
                        if region is not None and self.fields(region)[8] == self.fields(row)[1]:
                            rows.append(region)
        return list(dict.fromkeys(rows))

    def _hint(self, part: _Part, context_countries: set[str]) -> _Hint | None:
        """What a secondary part ("Kharkiv region", "Russia", "Odesa") says about location."""
        hint = _Hint(part.text)
        code = self.lookup_country(part.text)
        if code:
            hint.countries.add(code)
            return hint
        regions = self._regions_named(part.text, explicit=part.kind == "region", full=part.full)
        if context_countries:
            regions = [r for r in regions if self.country(r) in context_countries] or regions
        for row in regions:
            if self.admin(row):
                hint.admin1s.add(self.admin(row))
            else:  # an area without admin1 (Donbas): use its point
                hint.points.append(self.coords(row))
        if regions:
            hint.region = regions[0]
        if part.kind != "region":
            cities = [row for row, _q in self.candidates(part.text) if self.kind(row) == "P"]
            if context_countries:
                cities = [r for r in cities if self.country(r) in context_countries] or cities
            if not cities and len(part.text) >= FUZZY_MIN_LENGTH:
                fuzzy = self._fuzzy_rows(part.text, context_countries)
                cities = [r for r in fuzzy if self.kind(r) == "P"]
            if cities:
                best = max(cities, key=self.population)
                hint.city = best
                hint.points.append(self.coords(best))
                if self.admin(best):
                    hint.admin1s.add(self.admin(best))
        if not (hint.countries or hint.admin1s or hint.points):
            return None
        return hint

    def _context_hint(self, context: str | None) -> _Hint | None:
        """The caller's ``context`` (country or region, any language, or ISO code) as a hint."""
        if not context or not context.strip():
            return None
        code = self.lookup_country(context)
        if code:
            return _Hint(context, countries={code})
        part = _parse_part(context)
        regions = self._regions_named(part.text, explicit=True, full=part.full)
        if regions:
            hint = _Hint(context, countries={self.country(r) for r in regions})
            hint.admin1s = {self.admin(r) for r in regions if self.admin(r)}
            return hint
        return None

    # -- choosing among candidates ---------------------------------------------------------
    def _choose(self, found: list[tuple[int, int]], hints: list[_Hint], context: _Hint | None,
                part: _Part) -> tuple[int | None, str]:
        """The single clear winner among same-named candidates, or None and why not."""
        rows: dict[int, int] = {}
        for row, quality in found:
            rows[row] = min(quality, rows.get(row, quality))
        cands = list(rows)
        if part.kind == "region":
            regions = [r for r in cands if self.kind(r) == "R"]
            cands = regions or cands
        elif part.kind in ("city", "district"):
            cands = [r for r in cands if self.kind(r) == "P"] or cands
        for hint in hints:
            fitting = [r for r in cands if hint.fits(self, r)]
            if part.kind == "district" and hint.city is not None and _raion_town_keys(part.text):
                # an adjectival district of a city lies in it, not 150 km away (Kyivskyi district, Kharkiv)
                clat, clon = self.coords(hint.city)
                fitting = [r for r in fitting if _km(clat, clon, *self.coords(r)) <= SAME_PLACE_KM]
            if not fitting:
                return None, f"no place named {part.text!r} in or near {hint.text!r}"
            cands = fitting
        if context is not None and not any(h.countries for h in hints):
            fitting = [r for r in cands if context.fits(self, r)]
            if fitting:
                cands = fitting
            elif context.admin1s:  # a region context can still narrow to its country
                fitting = [r for r in cands if self.country(r) in context.countries]
                cands = fitting or cands
        # Countries beat same-named towns; a region beats a same-named town abroad (Bali)
        # but not one inside its own country (Donetsk city, not Donetsk oblast).
        countries = [r for r in cands if self.kind(r) == "C"]
        if countries and part.kind not in ("city", "district"):
            cands = countries
        regions = [r for r in cands if self.kind(r) == "R"]
        cities = [r for r in cands if self.kind(r) == "P"]
        if regions and cities:
            region_countries = {self.country(r) for r in regions}
            if any(self.country(c) in region_countries for c in cities):
                cands = cities
            elif max(map(self.population, regions)) >= REGION_OVER_CITY * max(map(self.population, cities)):
                cands = regions
            else:
                cands = cities
        if len(cands) == 1:
            return cands[0], ""
        # An own or curated name beats a GeoNames alternate name, unless the alternate belongs
        # to a far bigger place and the named one is small (a village "Kiev" vs Kyiv).
        named = [r for r in cands if rows[r] != ALTERNATE]
        ranked = sorted(named or cands, key=self.population, reverse=True)
        if named and len(named) < len(cands):
            biggest_other = max((r for r in cands if rows[r] == ALTERNATE), key=self.population)
            if self.population(ranked[0]) < BIG_CITY and self._clearly_bigger(biggest_other, ranked[0],
                                                                              factor=ALTERNATE_RATIO):
                ranked = sorted(cands, key=self.population, reverse=True)
        winner = ranked[0]
        wlat, wlon = self.coords(winner)
        rivals = [r for r in ranked[1:] if _km(wlat, wlon, *self.coords(r)) > SAME_PLACE_KM]
        if not rivals or self._clearly_bigger(winner, rivals[0]):
            return winner, ""
        listed = [winner] + rivals[:4]
        described = "; ".join(self._describe(r) for r in listed)
        more = f" (+{len(rivals) - 4} more)" if len(rivals) > 4 else ""
        why = "no context" if context is None and not hints else "context does not decide"
        return None, f"ambiguous: {len(rivals) + 1} places named {part.text!r}, {why}: {described}{more}"

    def _clearly_bigger(self, a: int, b: int, factor: float | None = None) -> bool:
        pa, pb = self.population(a), self.population(b)
        if factor is None:
            # A town among villages of its name is what people mean (Lyman 20k vs 4k, Vasylivka
            # 12.6k vs 3.9k); villages of similar size stay ambiguous (Kyselivka 1.3k vs 1.3k).
            factor = (CLEAR_RATIO_BIG if pa >= TOWN else CLEAR_RATIO_SMALL_TOWN if pa >= SMALL_TOWN
                      else CLEAR_RATIO)
        return pa >= factor * pb

    def _describe(self, row: int) -> str:
        place = self.place(row)
        where = ", ".join(x for x in (place.admin1, place.country_code) if x)
        return f"{place.name} ({where}, pop. {place.population})"

    # -- fuzzy matching --------------------------------------------------------------------
    def _fuzzy_rows(self, key: str, countries: set[str]) -> list[int]:
        """Rows whose name is a near-miss of ``key`` with one clear winner name, else []."""
        if len(key) < FUZZY_MIN_LENGTH or not key[0].isalpha():
            return []
        if self._fuzzy is None:
            self._fuzzy = self._build_fuzzy_buckets()
        pool: list[str] = []
        for length in range(len(key) - 2, len(key) + 3):
            pool.extend(self._fuzzy.get((key[0], length), ()))
        matches = difflib.get_close_matches(key, pool, n=5, cutoff=FUZZY_CUTOFF)
        if not matches:
            return []
        scored = []
        for name in matches:
            rows = [r for r, _q in self.candidates(name) if self._fuzzy_worthy(r)]
            if countries:
                rows = [r for r in rows if self.country(r) in countries]
            cities = {self.country(r) for r in rows if self.kind(r) == "P"}
            rows = [r for r in rows if not (self.kind(r) == "R" and self.country(r) in cities)]
            if rows:
                scored.append((difflib.SequenceMatcher(None, key, name).ratio(), name, rows))
        if not scored:
            return []
        scored.sort(key=lambda s: -s[0])
        best_rows = set(scored[0][2])
        for ratio, _name, rows in scored[1:]:
            # a second, different place almost as close: too risky to pick one
            if ratio >= scored[0][0] - 0.04 and not set(rows) <= best_rows:
                return []
        return list(best_rows)

    def _fuzzy_worthy(self, row: int) -> bool:
        return self.kind(row) != "P" or int(self.fields(row)[7]) >= FUZZY_MIN_POPULATION

    def _build_fuzzy_buckets(self) -> dict[tuple[str, int], list[str]]:
        """Names of countries, regions and towns ≥ FUZZY_MIN_POPULATION, by (first letter, length)."""
        buckets: dict[tuple[str, int], list[str]] = {}
        for key in self._fuzzy_keys:
            if len(key) >= FUZZY_MIN_LENGTH - 2:
                buckets.setdefault((key[0], len(key)), []).append(key)
        return buckets

    # -- the public entry point ------------------------------------------------------------
    def resolve(self, query: str, context: str | None = None) -> Resolution:
        """Resolve one place string; ``context`` is a country or region that narrows ties.

        A country or region written in the string itself ("Yesk, Russia") beats ``context``.
        """
        if query is None or (isinstance(query, float) and math.isnan(query)):
            return Resolution(None, "no place in query")
        raw = str(query).strip()
        if normalize_name(raw) in _JUNK or _NOT_A_PLACE.match(raw) or not any(ch.isalpha() for ch in raw):
            return Resolution(None, "no place in query")
        pieces = [p for p in _PART_SPLIT.split(raw) if p and p.strip()]
        parts = [_parse_part(p) for p in pieces]
        parts = [p for p in parts if p.text and p.text not in _JUNK]
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
        context_hint = self._context_hint(context)
        main, rest = parts[0], parts[1:]
        # A country or region named in the string narrows the context for the other hints.
        own_countries = set()
        for part in rest:
            code = self.lookup_country(part.text)
            if code:
                own_countries.add(code)
        base_countries = own_countries or (context_hint.countries if context_hint else set())
        hinted = [(p, h) for p, h in ((p, self._hint(p, base_countries)) for p in rest) if h is not None]
        hints = [h for _, h in hinted]
        result = None
        if any(_is_city_district(p) for p, _ in hinted):
            # "Kharkiv - Kyivskyi" (ACLED's city - district): the district name is also some
            # village's, so as a hint it would pull the answer away from the city.
            result = self._city_of_district(main, hinted, context_hint)
        if result is None:
            result = self._resolve_part(main, hints, context_hint)
        if result.place is None and len(main.text.split()) > 1 and not rest:
            result = self._resolve_split(main, context_hint) or result
        if result.place is None and rest and (main.kind == "district" or not self.candidates(main.text)):
            result = self._fallback_to_hint(main, rest, hints, context_hint) or result
        if result.place is None and not self.candidates(main.text):
            result = self._resolve_area(main, hints, context_hint) or result
        if result.place is not None and main.near:
            result = Resolution(result.place, f"{result.note}; approximate (near {result.place.name})",
                                result.precision)
        if result.place is not None and landmark:
            result = Resolution(result.place, f"{result.note}; landmark not in gazetteer; town used",
                                result.precision)
        return result

    def _without_landmarks(self, parts: list[_Part]) -> tuple[list[_Part], bool]:
        """Parts with buildings cut off ("kramatorsk railway station" → "kramatorsk") or dropped
        ("central market", "hospital no 5"), and whether anything was cut."""
        kept, cut = [], False
        for part in parts:
            words = part.text.split()
            if self.candidates(part.text) or not _names_landmark(words):
                kept.append(part)
                continue
            cut = True
            town = self._landmark_town(words) if _is_landmark(words) else None
            if town is not None:
                town.near = town.near or part.near
                kept.append(town)
            elif len(parts) == 1:
                return [], True
        return kept, cut

    def _landmark_town(self, words: list[str]) -> _Part | None:
        """The town in "kramatorsk railway station" or "railway station in kramatorsk", if known."""
        for cut in range(len(words) - 1, 0, -1):  # the town first, the building after it
            head = _parse_part(" ".join(words[:cut]))
            if (_is_landmark(words[cut:]) and _could_be_town(words[:cut])
                    and self.candidates(head.full or head.text)):
                return head
        for cut in range(1, len(words)):  # the building first
            tail = words[cut:]
            while tail and tail[0] in _LANDMARK_LINK:
                tail = tail[1:]
            if _is_landmark(words[:cut]) and _could_be_town(tail) and not _names_landmark(tail):
                part = _parse_part(" ".join(tail))
                if self.candidates(part.full or part.text):
                    return part
        return None

    def _resolve_area(self, main: _Part, hints: list[_Hint], context: _Hint | None) -> Resolution | None:
        """'eastern Ukraine', 'Oost-Oekraïne': the place without its compass word, with a note."""
        found = _area_direction(main.text)
        if found is None:
            return None
        direction, rest = found
        result = self._resolve_part(_Part(rest, kind=main.kind, full=rest), hints, context)
        if result.place is None:
            return None
        return Resolution(result.place, f"{result.note}; direction {direction!r} dropped", result.precision)

    def _resolve_part(self, part: _Part, hints: list[_Hint], context: _Hint | None) -> Resolution:
        key = part.text
        found = self.candidates(key)
        note = ""
        if part.kind == "region":
            regions = self._regions_named(key, explicit=True, full=part.full)
            if regions:
                named = self.candidates(part.full) + found
                found = [(r, min((q for row, q in named if row == r), default=ALIAS)) for r in regions]
        if (not found and part.kind == "district" and any(h.admin1s for h in hints)
                and not any(h.city is not None for h in hints)):  # "Kupianskyi raion, Kharkiv oblast"
            town = next((t for t in _raion_town_keys(key) if self.candidates(t)), None)
            if town:
                found = self.candidates(town)
        if not found:
            variant = next((v for v in _transliteration_variants(key) if self.candidates(v)), None)
            if variant:
                found, note = self.candidates(variant), f"spelling variant {variant!r}"
        if not found and key.isascii():
            variants = [v for v in _ukrainian_spellings(key) if self.candidates(v)]
            if variants:
                found = [c for v in variants for c in self.candidates(v)]
                note = f"spelling variant {variants[0]!r}"
        if not found:
            countries = set().union(*(h.countries for h in hints)) if hints else set()
            if not countries and context is not None:
                countries = context.countries
            rows = self._fuzzy_rows(key, countries)
            if rows:
                found = [(r, ALTERNATE) for r in rows]
                note = f"fuzzy match {key!r} → {self.name(rows[0])}"
        if not found:
            return Resolution(None, f"no place named {key!r} in the gazetteer")
        row, why = self._choose(found, hints, context, part)
        if row is None:
            return Resolution(None, why)
        if not note:
            quality = min(q for r, q in found if r == row)
            note = _MATCH_WORDS[quality]
            if hints:
                note += f" (within {', '.join(h.text for h in hints)})"
        place = self.place(row)
        if part.kind == "district" and place.kind == "city" and not any(h.city is not None for h in hints):
            note += f"; raion→town: district {key!r} resolved to its town {place.name}"
        return Resolution(place, note, PRECISION_OF_KIND[place.kind])

    def _resolve_split(self, part: _Part, context: _Hint | None) -> Resolution | None:
        """'Mariupol Donetsk oblast' with no comma: try 'Mariupol' + hint 'Donetsk oblast'."""
        words = part.text.split()
        for cut in range(len(words) - 1, 0, -1):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            if not self.candidates(head):
                continue
            tail_part = _parse_part(tail)
            if part.kind == "region" and cut == len(words) - 1:
                tail_part.kind = "region"
            hint = self._hint(tail_part, context.countries if context else set())
            if hint is None:
                continue
            result = self._resolve_part(_Part(head), [hint], context)
            if result.place is not None:
                return result
        return None

    def _city_of_district(self, main: _Part, hinted: list[tuple[_Part, _Hint]],
                          context: _Hint | None) -> Resolution | None:
        """"Kyiv, Podilskyi district": a city's own district, though the district's name also
        belongs to a village far away.  Only for real cities (≥ BIG_CITY), which have districts."""
        others = [h for p, h in hinted if not _is_city_district(p)]
        result = self._resolve_part(main, others, context)
        if result.place is None or result.place.kind != "city" or result.place.population < BIG_CITY:
            return None
        district = next(p.text for p, _ in hinted if _is_city_district(p))
        return Resolution(result.place, f"{result.note}; district {district!r} taken as a district of the city",
                          result.precision)

    def _fallback_to_hint(self, main: _Part, rest: list[_Part], hints: list[_Hint],
                          context: _Hint | None) -> Resolution | None:
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


# A city district named as an adjective: Kyivskyi, Shevchenkivskyi, Tsentralnyi, Livoberezhnyi.
_DISTRICT_ADJECTIVE = re.compile(r"(?:[sc]k|n)(?:yi|yy|iy|yj|ij)$|(?:ськ|н)ий$")


def _is_city_district(part: _Part) -> bool:
    """A part that names a district: said so ("Podilskyi district") or an adjective on its own."""
    return part.kind == "district" or (part.kind == "" and len(part.text.split()) == 1
                                        and bool(_DISTRICT_ADJECTIVE.search(part.text)))


def _area_direction(key: str) -> tuple[str, str] | None:
    """("east", "oekraine") for "oost oekraine"; None when the key starts with no compass word."""
    match = _AREA_DIRECTION.match(key)
    if not match:
        return None
    if match.group("central"):
        return "central", match.group("crest")
    ns, ew = match.group("ns"), match.group("ew")
    if not (ns or ew):
        return None
    return "".join(_COMPASS[w] for w in (ns, ew) if w), match.group("rest")


def _names_landmark(words: list[str]) -> bool:
    return any(w in _LANDMARK_WORDS or w in _FAR_LANDMARKS for w in words)


def _is_landmark(words: list[str]) -> bool:
    """A building the town in its name stands for (not a nuclear plant, often far from it)."""
    return any(w in _LANDMARK_WORDS for w in words) and not any(w in _FAR_LANDMARKS for w in words)


def _could_be_town(words: list[str]) -> bool:
    return bool(words) and not all(w in _LANDMARK_MODIFIERS or w in _LANDMARK_WORDS for w in words)


def _raion_town_keys(key: str) -> list[str]:
    """Town names a raion adjective may stand for: "kupianskyi" → ["kupiansk", "kupian"]."""
    words = key.split()
    for ending, replacements in _RAION_ENDINGS:
        if words and words[-1].endswith(ending) and len(words[-1]) > len(ending) + 2:
            stem = words[-1][:-len(ending)]
            return [" ".join(words[:-1] + [stem + r]) for r in replacements]
    return []


# Ukrainian romanisations differ in a few letters: я ia/ya/iya, ю iu/yu, є ie/ye, ї i/yi/iyi, й i/y.
_UKRAINIAN_SPELLINGS = re.compile(r"iia|iya|iyu|iiu|ia|ya|iu|yu|ie|ye|iyi|ii|yi|yy|iy|(?<=[aeou])i(?![aeiouy])"
                                  r"|(?<=[aeou])y(?![aeiouy])")
_UKRAINIAN_CHOICES = {"iia": ("iia", "iya"), "iya": ("iya", "iia"), "iyu": ("iyu", "iiu"), "iiu": ("iiu", "iyu"),
                      "ia": ("ia", "ya"), "ya": ("ya", "ia"), "iu": ("iu", "yu"), "yu": ("yu", "iu"),
                      "ie": ("ie", "ye"), "ye": ("ye", "ie"), "iyi": ("iyi", "ii", "iy"), "ii": ("ii", "iyi", "iy"),
                      "yi": ("yi", "yyi", "i"), "yy": ("yy", "yi"), "iy": ("iy", "ii", "iyi"), "i": ("i", "y"),
                      "y": ("y", "i")}
MAX_SPELLINGS = 64


def _ukrainian_spellings(key: str) -> list[str]:
    """The other romanisations of a Ukrainian name: "vysokopillia" → "vysokopillya", ...
    (national system vs GeoNames' BGN style), tried only when the name itself is unknown."""
    pieces, last = [], 0
    for match in _UKRAINIAN_SPELLINGS.finditer(key):
        pieces.append((key[last:match.start()],))
        pieces.append(_UKRAINIAN_CHOICES[match.group(0)])
        last = match.end()
    pieces.append((key[last:],))
    variants = []
    for combo in itertools.islice(itertools.product(*pieces), MAX_SPELLINGS):
        variant = "".join(combo)
        if variant != key:
            variants.append(variant)
    return variants


def _transliteration_variants(key: str) -> list[str]:
    """Dutch/German spellings of Slavic names rewritten the English way ("Tsjernihiv" →
    "chernihiv", "Mykolajiv" → "mykolayiv"), tried only when the literal name is unknown."""
    variants = []
    dutch = key.replace("tsj", "\0").replace("ch", "kh").replace("\0", "ch")
    for old, new in (("sj", "sh"), ("zj", "zh"), ("oe", "u"), ("j", "y")):
        dutch = dutch.replace(old, new)
    variants.append(dutch)
    german = key.replace("tsch", "\0").replace("sch", "sh").replace("ch", "kh").replace("\0", "ch")
    for old, new in (("w", "v"), ("j", "y")):
        german = german.replace(old, new)
    variants.append(german)
    return [v for v in dict.fromkeys(variants) if v != key]


@lru_cache(maxsize=4)
def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer for ``path`` (default: the committed data file), loaded once per process."""
    return Gazetteer(path or DEFAULT_PATH)
