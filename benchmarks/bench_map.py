"""Build+render time and HTML size of ``build_map`` vs the naive one-folium.Marker-per-event loop.

    python benchmarks/bench_map.py            # 1k, 10k, 100k (naive at 100k extrapolated)
    python benchmarks/bench_map.py --naive-100k  # also run the naive loop at 100k (~1 min)
    python benchmarks/bench_map.py --write-html /tmp/map100k.html  # keep the largest page
    python benchmarks/bench_map.py --browser  # also time the largest page in headless Chromium (goal: < 5 s at 100k)
    python benchmarks/bench_map.py --sizes 1000 50000
    python benchmarks/bench_map.py --quick    # 1k and 10k only, well under a minute

Synthetic events: 6 categories, 500 places scattered over Ukraine, unique ids and titles
(~40 chars), quotes drawn from 2,000 sentences of ~110 chars, dates over two years at
mixed day/month/year precision, casualties known for a third of events, 3% unlocated.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import folium
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mapapp.mapbuild import build_map  # noqa: E402
from mapapp.present import located_events  # noqa: E402

CATEGORIES = ["attack", "fighting", "evacuation", "diplomacy", "statement", "other"]


def synthetic_events(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    place_lat = rng.uniform(44.5, 52.0, 500)
    place_lng = rng.uniform(22.5, 40.0, 500)
    place = rng.integers(0, 500, n)
    lat = place_lat[place] + rng.normal(0, 0.02, n)
    lng = place_lng[place] + rng.normal(0, 0.02, n)
    unlocated = rng.random(n) < 0.03
    lat[unlocated] = np.nan
    lng[unlocated] = np.nan
    day = pd.Timestamp("2022-02-24") + pd.to_timedelta(rng.integers(0, 730, n), unit="D")
    precision = rng.choice(["day", "month", "year"], n, p=[0.8, 0.15, 0.05])
    date = np.where(precision == "day", day.strftime("%Y-%m-%d"),
                    np.where(precision == "month", day.strftime("%Y-%m"), day.strftime("%Y")))
    known = rng.random(n) < 0.33
    killed = pd.array(np.where(known, rng.integers(0, 20, n), 0), dtype="Int64")
    killed[~known] = pd.NA
    sentences = [f"Officials said that shelling near settlement number {i} damaged homes and a school overnight."
                 for i in range(2000)]
    return pd.DataFrame({
        "event_id": [f"syn-{i:06d}" for i in range(n)],
        "event_date": date,
        "date_precision": precision,
        "place": [f"Place {p}" for p in place],
        "location": [f"Town {p}" for p in place],
        "latitude": lat,
        "longitude": lng,
        "category": rng.choice(CATEGORIES, n),
        "title": [f"Synthetic event {i} near Place {p}" for i, p in zip(range(n), place, strict=True)],
        "killed": killed,
        "injured": pd.array([pd.NA] * n, dtype="Int64"),
        "source": rng.choice(["Agency A", "Agency B", "Ministry"], n),
        "source_url": [f"https://example.org/report/{i % 5000}" for i in range(n)],
        "quote": [sentences[i] for i in rng.integers(0, 2000, n)],
    })


def naive_map(events: pd.DataFrame) -> folium.Map:
    """One folium.Marker with an html.escape'd Popup per located event: the baseline."""
    import html

    fmap = folium.Map(location=[48.5, 31], zoom_start=6)
    for row in located_events(events).itertuples():
        folium.Marker([row.latitude, row.longitude], tooltip=html.escape(row.title),
                      popup=folium.Popup(html.escape(f"{row.title} {row.event_date} {row.quote}"))).add_to(fmap)
    return fmap


def measure(build, events: pd.DataFrame) -> tuple[float, int, str]:
    start = time.perf_counter()
    page = build(events).get_root().render()
    return time.perf_counter() - start, len(page.encode("utf-8")), page


def browser_seconds(page_html: str) -> float:
    """Seconds from navigation until the 100k page shows clusters, in headless Debian Chromium, offline."""
    import tempfile
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "map.html"
        path.write_text(page_html, encoding="utf-8")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.route("**/*", lambda r: r.continue_() if urlparse(r.request.url).scheme == "file" else r.abort())
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector(".mapapp-cluster", timeout=60_000)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


NAIVE_LIMIT = 10_000  # above this the naive loop is extrapolated unless --naive-100k


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000],
                        help="event counts (default 1000 10000 100000)")
    parser.add_argument("--naive-100k", action="store_true",
                        help=f"really run the naive loop above {NAIVE_LIMIT:,} events instead of extrapolating")
    parser.add_argument("--write-html", help="write the largest mapapp page here (inline assets)")
    parser.add_argument("--browser", action="store_true", help="time the largest page in headless Chromium")
    parser.add_argument("--quick", action="store_true", help="1k and 10k events only: well under a minute")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = [1_000, 10_000]
    args.sizes = sorted(args.sizes)
    return args


def main() -> None:
    args = parse_args()
    print(f"plan: build_map + render at {', '.join(f'{n:,}' for n in args.sizes)} events vs one folium.Marker "
          f"per event (naive measured up to {NAIVE_LIMIT:,}{'' if not args.naive_100k else ' and above'}, "
          f"extrapolated beyond){'; largest page in Chromium' if args.browser else ''}")
    print(f"{'events':>8} {'mapapp s':>9} {'mapapp MB':>10} {'naive s':>9} {'naive MB':>9} {'time x':>7} {'size x':>7}")
    naive_per_event: tuple[float, float] | None = None
    largest = args.sizes[-1]
    for n in args.sizes:
        events = synthetic_events(n)
        seconds, size, page = measure(lambda e: build_map(e, assets="inline"), events)
        if n == largest and args.write_html:
            Path(args.write_html).write_text(page, encoding="utf-8")
        if n == largest and args.browser:
            print(f"{n:,}-event page in headless Chromium: clusters visible after {browser_seconds(page):.2f} s "
                  "(goal < 5 s at 100k)")
        if n <= NAIVE_LIMIT or args.naive_100k or naive_per_event is None:
            naive_s, naive_b, _ = measure(naive_map, events)
            naive_per_event = (naive_s / n, naive_b / n)
            note = ""
        else:
            naive_s, naive_b = naive_per_event[0] * n, naive_per_event[1] * n
            note = "  (naive EXTRAPOLATED linearly from the largest measured size)"
        print(f"{n:>8} {seconds:>9.2f} {size / 1e6:>10.2f} {naive_s:>9.2f} {naive_b / 1e6:>9.2f} "
              f"{naive_s / seconds:>7.1f} {naive_b / size:>7.1f}{note}")


if __name__ == "__main__":
    main()
