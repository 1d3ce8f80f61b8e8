"""The name index and data reading: ``geodata/gazetteer.tsv.gz`` as rows and name keys.

The data file is built by ``geodata/build_gazetteer.py``; loading it is a plain split into
Python lists and one dict (about 0.5 s).  Place lines stay unsplit until a query touches
them, and ``Place`` objects are built on demand.  Nothing here decides between candidates:
that is ``mapapp.gazetteer.ranking``.
"""

from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass
from pathlib import Path

from mapapp.errors import GeocodeError
from mapapp.gazetteer.names import LEADING, REGION_WORDS, district_key, normalize_name, spelling_key

DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "geodata" / "gazetteer.tsv.gz"
FORMAT_VERSION = "mapapp-gazetteer 3"

# Match quality, best first: the place's own name, a hand-curated alias, a GeoNames alternate.
PRIMARY, ALIAS, ALTERNATE = 0, 1, 2
MATCH_WORDS = {PRIMARY: "exact name", ALIAS: "matched alias", ALTERNATE: "alternate name"}
KIND_NAMES = {"C": "country", "R": "region", "P": "city"}
PRECISION_OF_KIND = {"country": "country", "region": "region", "city": "city"}
UNKNOWN_POPULATION = 200  # GeoNames population 0 means "not recorded", not "empty"
DISTRICT_KM = 20.0  # a district's GeoNames point lies within this of its city's point (as build_gazetteer has it)
MIN_DISTRICT_STEM = 4


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



def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine; plenty for "is it the same town")."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))



def _district_stem(key: str) -> str:
    """A district key without its adjective or place-name ending: "saltivski" and "saltivka" → "saltiv"."""
    return re.sub(r"(?:s?ki|ka|ia|e|i)$", "", key)


SECTIONS = ("places", "index", "fuzzy", "districts", "landmarks", "settlements")


def _sections(lines: list[str], path: Path) -> dict[str, list[str]]:
    """The file's sections, each a ``#name N`` line followed by N lines, in SECTIONS order."""
    found, at = {}, 1
    for name in SECTIONS:
        header = lines[at] if at < len(lines) else ""
        if not header.startswith(f"#{name} "):
            raise GeocodeError(f"{path}: line {at + 1}: expected the #{name} section, found {header[:40]!r}")
        count = int(header.split()[1])
        found[name] = lines[at + 1:at + 1 + count]
        at += 1 + count
    return found


class PlaceIndex:
    """The loaded rows and name keys, with small accessors; ``Gazetteer`` adds resolution."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if not path.exists():
            raise GeocodeError(f"{path}: gazetteer data file not found (run python geodata/build_gazetteer.py)")
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            text = handle.read()
        lines = text.split("\n")
        if lines[0] != FORMAT_VERSION:
            raise GeocodeError(f"{path}: not a {FORMAT_VERSION!r} file (header {lines[0][:40]!r}); "
                               "rebuild it with python geodata/build_gazetteer.py")
        sections = _sections(lines, path)
        # Place lines stay unsplit until asked for: a query touches a handful of the 240k.
        self._lines = sections["places"]
        self._fields_cache: dict[int, list[str]] = {}
        self.index: dict[str, str] = dict(line.split("\t", 1) for line in sections["index"])
        self.fuzzy_keys = sections["fuzzy"]
        # city line → district key → (district name, line of its point or None)
        self.districts: dict[int, dict[str, tuple[str, int | None]]] = {}
        for line in sections["districts"]:
            city, key, name, point = line.split("\t")
            self.districts.setdefault(int(city), {})[key] = (name, int(point) if point else None)
        self.landmarks: dict[str, int] = {key: int(town) for key, town in
                                          (line.split("\t") for line in sections["landmarks"])}
        self._settlement_lines = sections["settlements"]
        self._settlements: dict[str, str] | None = None
        self._settlement_spellings: dict[str, list[str]] | None = None
        self._country_points: dict[str, list[tuple[float, float]]] | None = None
        self._district_stems: dict[int, set[str]] | None = None
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
        key = LEADING.sub("", key)
        for row, _quality in self.candidates(key):
            if self.kind(row) == "C":
                return self.country(row)
        return None

    def regions_named(self, key: str, explicit: bool, full: str = "") -> list[int]:
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
            worded = [r for r in named if REGION_WORDS & set(normalize_name(self.name(r)).split())]
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

    def km_from_country(self, row: int, code: str) -> float:
        """Roughly how far ``row`` lies from country ``code``: the distance to the nearest centre of
        its regions (or its own point), so 0 to a few hundred km for a place near its border."""
        if self._country_points is None:
            points: dict[str, list[tuple[float, float]]] = {}
            for other in (*self.country_row.values(), *self.admin_row.values()):
                points.setdefault(self.country(other), []).append(self.coords(other))
            self._country_points = points
        lat, lon = self.coords(row)
        return min((km(lat, lon, *point) for point in self._country_points.get(code, ())), default=math.inf)

    def district_city(self, row: int) -> int | None:
        """The line of the city whose district ``row`` is the point of, else None."""
        fields = self.fields(row)
        return int(fields[8]) if fields[0] == "P" and fields[8] else None

    def city_of_a_district_named(self, row: int) -> int | None:
        """The line of the city within DISTRICT_KM one of whose districts ``row`` is named after, else None:
        "Saltivka" is Kharkiv's Saltivskyi district, a point the build did not mark (its name is not the
        district's).  Compared by stem ("saltiv"), only with the districts of the few cities nearby."""
        if self._district_stems is None:
            self._district_stems = {city: {_district_stem(key) for key in keys}
                                    for city, keys in self.districts.items()}
        stem = _district_stem(district_key(self.name(row)))
        if len(stem) < MIN_DISTRICT_STEM or self.kind(row) != "P":
            return None
        lat, lon = self.coords(row)
        return next((city for city, stems in self._district_stems.items() if city != row and stem in stems
                     and km(lat, lon, *self.coords(city)) <= DISTRICT_KM), None)

    def settlement_oblasts(self, key: str) -> str:
        """The oblasts (romanised, "|"-joined) of the Ukrainian settlements KATOTTG lists under
        ``key``, or "" — places that exist but that the gazetteer has no point for."""
        if self._settlements is None:
            self._settlements = dict(line.split("\t", 1) for line in self._settlement_lines)
        return self._settlements.get(key, "")

    def oblast_admin(self, oblast: str) -> str:
        """The admin1 code of an oblast as KATOTTG names it ("Kharkivska", "Avtonomna Respublika
        Krym"), found through the region keys ("kharkivska oblast", "krym"); "" when unknown."""
        key = normalize_name(oblast)
        for name in (f"{key} oblast", key, key.split()[-1]):
            for row, _q in self.candidates(name):
                if self.kind(row) == "R" and self.country(row) == "UA" and self.admin(row):
                    return self.admin(row)
        return ""

    def settlements_spelled(self, keys: set[str]) -> list[str]:
        """KATOTTG's keys of the Ukrainian settlements whose ``spelling_key`` is one of ``keys``:
        the same name in another romanisation ("staritsja" → "starytsia")."""
        if self._settlement_spellings is None:
            self.settlement_oblasts("")
            spellings: dict[str, list[str]] = {}
            for name in sorted(self._settlements or {}):
                spellings.setdefault(spelling_key(name), []).append(name)
            self._settlement_spellings = spellings
        return sorted({name for key in keys for name in self._settlement_spellings.get(key, ())})

    def describe(self, row: int) -> str:
        """"Name (admin1, CC, pop. N)": how a candidate is listed in an "ambiguous" note."""
        place = self.place(row)
        where = ", ".join(x for x in (place.admin1, place.country_code) if x)
        return f"{place.name} ({where}, pop. {place.population})"
