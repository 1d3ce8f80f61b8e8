"""Import a large ACLED-style CSV and report time, rows/s, peak memory, and the ratio to a naive importer.

Goal (issue #7): 1,000,000 rows in under 30 s with peak RSS under 2 GB on 2 cores.

    python benchmarks/bench_import.py            # 1,000,000 rows
    python benchmarks/bench_import.py --rows 200000 --naive-rows 50000
    python benchmarks/bench_import.py --quick    # 100,000 rows, well under a minute

The data are generated (invented rows with ACLED's columns and value styles, 0.1% of them
broken so the rejection path is exercised); the import runs as ``python -m mapapp import``
in a child process so its peak RSS and CPU time (``getrusage(RUSAGE_CHILDREN)``) are the command's own.
The naive baseline is what one would write first: ``csv.DictReader``, one dict per row, the
same date parsing and checks per row, ``csv.DictWriter``; it runs on a sample and is
extrapolated linearly.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mapapp.importers.acled import CATEGORIES, parse_acled_date  # noqa: E402

PLACES = [("Kupiansk", "Kharkivska", 49.7064, 37.6167), ("Bakhmut", "Donetska", 48.5953, 38.0003),
          ("Zaporizhzhia", "Zaporizka", 47.8517, 35.1171), ("Kherson", "Khersonska", 46.6354, 32.6169),
          ("Odesa", "Odeska", 46.4825, 30.7233), ("Kharkiv", "Kharkivska", 49.9935, 36.2304)]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Strategic developments", "Agreement")]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write ``rows`` invented ACLED-style rows (three date styles, all precision codes)."""
    rng = np.random.default_rng(seed)
    place = rng.integers(0, len(PLACES), rows)
    kind = rng.integers(0, len(TYPES), rows)
    days = pd.Timestamp("2022-02-24") + pd.to_timedelta(rng.integers(0, 700, rows), unit="D")
    style = rng.integers(0, 3, rows)
    iso = days.strftime("%Y-%m-%d").to_numpy(dtype=object)
    long = days.strftime("%-d %B %Y").to_numpy(dtype=object)
    dashed = days.strftime("%-d-%B-%Y").to_numpy(dtype=object)
    dates = np.where(style == 0, iso, np.where(style == 1, long, dashed))
    latitude = np.array([p[2] for p in PLACES])[place] + rng.normal(0, 0.05, rows)
    broken = rng.random(rows) < 0.001
    latitude = np.where(broken, 123.0, latitude)
    frame = pd.DataFrame({
        "event_id_cnty": [f"UKR{i}" for i in range(rows)],
        "event_date": dates,
        "year": days.year.astype(str),
        "time_precision": rng.choice(["1", "1", "1", "2", "3"], rows),
        "disorder_type": "Political violence",
        "event_type": np.array([t[0] for t in TYPES], dtype=object)[kind],
        "sub_event_type": np.array([t[1] for t in TYPES], dtype=object)[kind],
        "actor1": "Military Forces of Russia (2000-)",
        "actor2": rng.choice(["Civilians (Ukraine)", "Military Forces of Ukraine (2019-)", ""], rows),
        "country": "Ukraine",
        "admin1": np.array([p[1] for p in PLACES], dtype=object)[place],
        "location": np.array([p[0] for p in PLACES], dtype=object)[place],
        "latitude": np.round(latitude, 4).astype(str),
        "longitude": np.round(np.array([p[3] for p in PLACES])[place] + rng.normal(0, 0.05, rows), 4).astype(str),
        "geo_precision": rng.choice(["1", "2", "3"], rows),
        "source": rng.choice(["Suspilne", "Ukrinform", "Telegram; Kyiv Independent"], rows),
        "notes": "On this day, forces shelled the outskirts; residential buildings were damaged, "
                 "according to the regional administration. Casualties were reported.",
        "fatalities": rng.integers(0, 5, rows).astype(str),
        "tags": "",
        "timestamp": "1692000000",
    })
    frame.to_csv(path, index=False, lineterminator="\n")


def naive_import(source: Path, output: Path) -> int:
    """The obvious row-by-row importer, doing the same per-row work, for comparison."""
    rows = []
    with open(source, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day, error = parse_acled_date(row["event_date"])
            if day is None:
                continue
            try:
                latitude, longitude = float(row["latitude"]), float(row["longitude"])
            except ValueError:
                continue
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                continue
            event = {"event_id": row["event_id_cnty"], "event_date": day.strftime("%Y-%m-%d"),
                     "date_precision": "day", "place": row["location"], "latitude": latitude,
                     "longitude": longitude, "category": CATEGORIES.get(row["event_type"].lower(), "other"),
                     "title": f"{row['sub_event_type']} in {row['location']}", "description": row["notes"],
                     "killed": int(row["fatalities"]) if row["fatalities"] else ""}
            event.update({f"acled_{k}": v for k, v in row.items()})
            rows.append(event)
    with open(output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows to import (default 1,000,000)")
    parser.add_argument("--naive-rows", type=int, default=100_000,
                        help="rows the naive baseline really runs on before extrapolating (default 100,000)")
    parser.add_argument("--quick", action="store_true", help="100,000 rows (naive on 20,000): well under a minute")
    args = parser.parse_args()
    if args.quick:
        args.rows, args.naive_rows = 100_000, 20_000
    args.naive_rows = min(args.naive_rows, args.rows)
    print(f"plan: generate {args.rows:,} ACLED-style rows; `mapapp import` them in a child process; "
          f"naive row-by-row importer on {args.naive_rows:,} rows, extrapolated")
    with tempfile.TemporaryDirectory() as tmp:
        source, output = Path(tmp) / "acled.csv", Path(tmp) / "events.csv"
        started = time.perf_counter()
        generate(source, args.rows)
        size_mb = source.stat().st_size / 1e6
        print(f"generated {args.rows:,} rows ({size_mb:.0f} MB) in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "mapapp", "import", str(source), "-o", str(output)],
                              cwd=REPO, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
        elapsed = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_mb, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        if done.returncode != 0:
            sys.exit(f"import failed ({done.returncode}):\n{done.stderr[-2000:]}")
        summary = [line for line in done.stderr.splitlines() if "(acled):" in line]
        print(f"mapapp import: {elapsed:.1f} s, {args.rows / elapsed:,.0f} rows/s, peak RSS {peak_mb:,.0f} MB "
              f"(CPU {cpu:.1f} s: on a busy machine the wall time above is the noisier figure)")
        print(f"  {summary[0] if summary else done.stderr.splitlines()[-1]}")

        sample = Path(tmp) / "sample.csv"
        with open(source, encoding="utf-8") as src, open(sample, "w", encoding="utf-8") as dst:
            for number, line in enumerate(src):
                if number > args.naive_rows:
                    break
                dst.write(line)
        started = time.perf_counter()
        naive_import(sample, Path(tmp) / "naive.csv")
        naive = (time.perf_counter() - started) * args.rows / args.naive_rows
        print(f"naive row-by-row baseline: {naive:.1f} s for {args.rows:,} rows "
              f"(measured on {args.naive_rows:,}, extrapolated), {args.rows / naive:,.0f} rows/s")
        print(f"speed-up vs naive: {naive / elapsed:.1f}x")
        if args.rows < 1_000_000:
            print("goal (1M rows < 30 s, < 2 GB): not judged below 1,000,000 rows (start-up dominates)")
            return
        time_ok, memory_ok = elapsed < 30 * args.rows / 1_000_000, peak_mb < 2048
        print(f"goal (1M rows < 30 s, < 2 GB): time {'met' if time_ok else 'MISSED'}, "
              f"memory {'met' if memory_ok else 'MISSED'}")


if __name__ == "__main__":
    main()
