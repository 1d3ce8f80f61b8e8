"""Offline geocoding figures: load time, data size, 10,000 strings end to end, memory, and
the resolver against a naive baseline (exact name of any kind, biggest population wins).

    python benchmarks/bench_geocode.py                  # 10,000 strings
    python benchmarks/bench_geocode.py --strings 50000
    python benchmarks/bench_geocode.py --quick          # 1,000 strings, well under a minute

The 10k run happens in a fresh subprocess so that start-up (imports + loading the
gazetteer) is included, as a user running ``mapapp geocode`` would pay it.
Targets: 10k strings < 5 s including start-up, peak memory < 400 MB, load < 2 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = r"""
import resource, sys, time
start = time.perf_counter()
import pandas as pd
from mapapp.geocode import GazetteerGeocoder, geocode_table
places = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
out = geocode_table(pd.DataFrame({"place": places}), GazetteerGeocoder())
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed:.3f} {rss:.0f} {int(out['latitude'].notna().sum())} {len(out)}")
"""

JUNK = ["?", "Unknown", "N/A", "", "2023-08-10", "42", "-", "unknown location", "none", "12:30"]



def workload(gaz, n: int = 10_000, seed: int = 7) -> list[str]:
    """Real names (mostly Ukraine/Russia, as in the event data), 'Town, Region oblast'
    strings, messy prefixes, typos and junk — each string distinct where possible."""
    from tests.test_gazetteer import RESOLVED

    rng = random.Random(seed)
    ua_rows = [r for r in range(len(gaz._lines)) if gaz._lines[r].startswith("P") and "\tUA\t" in gaz._lines[r]]
    any_rows = [rng.randrange(len(gaz._lines)) for _ in range(n)]
    strings = [q for q, *_ in RESOLVED]
    while len(strings) < n:
        pick = rng.random()
        if pick < 0.35:
            strings.append(gaz.name(rng.choice(ua_rows)))
        elif pick < 0.55:
            row = rng.choice(ua_rows)
            region = gaz.place(row).admin1
            strings.append(f"{gaz.name(row)}, {region} oblast")
        elif pick < 0.65:
            strings.append(f"{rng.choice(['Near', 'village of', 'outskirts of'])} {gaz.name(rng.choice(ua_rows))}")
        elif pick < 0.75:
            name = gaz.name(rng.choice(ua_rows))
            i = rng.randrange(1, max(2, len(name) - 1))
            strings.append(name[:i - 1] + name[i:i + 1] + name[i - 1:i] + name[i + 1:])
        elif pick < 0.9:
            strings.append(gaz.name(any_rows.pop()))
        else:
            strings.append(rng.choice(JUNK) + ("" if rng.random() < 0.5 else f" {rng.randrange(100)}"))
    return strings[:n]


def naive_resolve(gaz, query: str):
    """Baseline: normalised exact match on any name, biggest population wins, no parsing."""
    from mapapp.gazetteer import normalize_name

    rows = [r for r, _q in gaz.candidates(normalize_name(query))]
    return gaz.place(max(rows, key=gaz.population)) if rows else None


def accuracy(resolve, table) -> tuple[int, int, int]:
    """(answers given, answers right, rows) on the spec table of tests/test_gazetteer.py."""
    from mapapp.gazetteer.index import km

    given = right = 0
    for query, context, country, lat, lon, tolerance, _precision in table:
        place = resolve(query, context)
        if place is None:
            continue
        given += 1
        right += place.country_code == country and km(place.latitude, place.longitude, lat, lon) <= tolerance
    return given, right, len(table)


def case_rows(split: str) -> list[tuple]:
    """The rows of tests/data/geocode/cases.csv in ``split`` ("tune" or "held") as accuracy() rows;
    a row without a point (must stay unresolved) has latitude None."""
    with (ROOT / "tests" / "data" / "geocode" / "cases.csv").open(encoding="utf-8") as handle:
        return [(r["query"], r["context"] or None, r["country"],
                 float(r["latitude"]) if r["latitude"] else None,
                 float(r["longitude"]) if r["longitude"] else None, float(r["tolerance_km"] or 0))
                for r in csv.DictReader(handle) if r["split"] == split]


def case_figures(resolve, rows: list[tuple]) -> str:
    """"within 25 km a/b, answers right c/d": an answer to a must-stay-unresolved row is wrong."""
    from mapapp.gazetteer.index import km

    pointed = [r for r in rows if r[3] is not None]
    within = given = right = 0
    for query, context, country, lat, lon, tolerance in rows:
        place = resolve(query, context)
        if place is None:
            continue
        given += 1
        ok = lat is not None and place.country_code == country and km(place.latitude, place.longitude, lat,
                                                                         lon) <= tolerance
        within += ok
        right += ok
    return (f"within 25 km {within}/{len(pointed)} = {within / max(len(pointed), 1):.0%}, "
            f"answers right {right}/{given} = {right / max(given, 1):.0%}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strings", type=int, default=10_000, help="place strings in the workload (default 10,000)")
    parser.add_argument("--quick", action="store_true", help="1,000 strings: a smoke run in well under a minute")
    parser.add_argument("--heldout", action="store_true",
                        help="also score the held-out rows of tests/data/geocode/cases.csv (once per tuning round)")
    args = parser.parse_args(argv)
    if args.quick:
        args.strings = 1_000
    return args


def main() -> None:
    args = parse_args()
    print(f"plan: load the gazetteer; geocode {args.strings:,} strings in a fresh process (start-up included); "
          "resolver vs naive on the same strings and on the spec table of tests/test_gazetteer.py")
    from mapapp.gazetteer import DEFAULT_PATH, Gazetteer
    from tests.test_gazetteer import JUNK as JUNK_TABLE
    from tests.test_gazetteer import RESOLVED

    start = time.perf_counter()
    gaz = Gazetteer(DEFAULT_PATH)
    load = time.perf_counter() - start
    print(f"data file          {DEFAULT_PATH.name}: {DEFAULT_PATH.stat().st_size / 1e6:.1f} MB")
    print(f"gazetteer load     {load:.2f} s")

    strings = workload(gaz, args.strings)
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "places.txt"
        listing.write_text("\n".join(s.replace("\n", " ") for s in strings) + "\n", encoding="utf-8")
        child = subprocess.run([sys.executable, "-c", CHILD, str(listing)], capture_output=True, text=True,
                               cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed, rss, resolved, total = child.stdout.split()
    print(f"{len(strings):,} strings     {float(elapsed):.2f} s incl. start-up ({resolved} of {total} resolved), "
          f"peak memory {rss} MB")

    timings = {}
    for label, fn in (("resolver", lambda q: gaz.resolve(q)), ("naive", lambda q: naive_resolve(gaz, q))):
        t0 = time.perf_counter()
        for query in strings:
            fn(query)
        timings[label] = time.perf_counter() - t0
    print(f"resolve only       resolver {timings['resolver']:.2f} s, naive {timings['naive']:.2f} s "
          f"(resolver is {timings['resolver'] / timings['naive']:.1f}x the naive time)")

    ours = accuracy(lambda q, c: gaz.resolve(q, c).place, RESOLVED)
    naive = accuracy(lambda q, c: naive_resolve(gaz, q), RESOLVED)
    for label, (given, right, rows) in (("resolver", ours), ("naive", naive)):
        print(f"spec table {label:9} within tolerance {right}/{rows} = {right / rows:.0%}, "
              f"precision {right}/{given} = {right / max(given, 1):.0%}")
    junk_ours = sum(gaz.resolve(q).place is not None for q in JUNK_TABLE)
    junk_naive = sum(naive_resolve(gaz, q) is not None for q in JUNK_TABLE)
    print(f"junk answered      resolver {junk_ours}/{len(JUNK_TABLE)}, naive {junk_naive}/{len(JUNK_TABLE)}")
    print(f"accuracy ratio     {ours[1] / max(naive[1], 1):.2f}x the naive baseline's right answers")
    splits = ("tune", "held") if args.heldout else ("tune",)
    for split in splits:
        rows = case_rows(split)
        print(f"cases.csv {split:5}    resolver {case_figures(lambda q, c: gaz.resolve(q, c).place, rows)}")
        print(f"cases.csv {split:5}    naive    {case_figures(lambda q, c: naive_resolve(gaz, q), rows)}")


if __name__ == "__main__":
    main()
