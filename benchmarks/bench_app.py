"""Rerun time of the Streamlit app after a widget change, at 1k / 10k / 100k events.

    python benchmarks/bench_app.py              # 1k, 10k, 100k
    python benchmarks/bench_app.py --sizes 1000 10000 --repeat 5
    python benchmarks/bench_app.py --browser --sizes 100000   # page load and slider in Chromium
    python benchmarks/bench_app.py --quick      # 1k events, 2 reruns per action: well under a minute

For each size a synthetic events CSV (the generator of ``bench_map.py``) is written to a
temporary directory and the app is run headless with ``AppTest`` and ``MAPAPP_EVENTS``
pointing at it.  Timed, after a first (cold) run:

* a new layer choice over the whole span (untick one category after another): every
  rerun is a filter never seen, so the map for it is built (cache miss, the worst case);
* a layer choice seen before (tick them back): the map comes from the cache;
* "Forward ▶" on a 30-day window: a new window each time, a smaller map built;
* a change of the step size: nothing shown changes, everything comes from the cache.

The naive baseline is the same app with every cache cleared before each rerun, i.e. what
the script costs when loading, validating and map building are not cached on content.
Targets: a rerun under 0.3 s at 10,000 events and under 1 s at 100,000.

``--browser`` instead runs ``streamlit run`` on the file and drives it in headless Chromium
(all non-local requests blocked): time from opening the page to the first marker or
cluster, for a cold server and again for a second visitor (warm caches), then the time
from a keyboard move of the date slider to the new count and to the redrawn map.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


import streamlit as st  # noqa: E402
from bench_map import synthetic_events  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from mapapp.load import write_events  # noqa: E402

APP = ROOT / "mapapp" / "app.py"


def timed(action, at: AppTest, clear: bool) -> float:
    """Seconds for one ``at.run()`` after ``action(at)``; ``clear`` empties every cache first."""
    if clear:
        st.cache_data.clear()
        st.cache_resource.clear()
    action(at)
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"app raised: {at.exception[0].message}")
    return elapsed


def untick(index: int):
    def action(at: AppTest) -> None:
        at.checkbox[index].set_value(False)
    return action


def tick(index: int):
    def action(at: AppTest) -> None:
        at.checkbox[index].set_value(True)
    return action


def narrow_window(at: AppTest) -> None:
    first, _ = at.slider(key="window").value
    at.slider(key="window").set_value((first, first + dt.timedelta(days=30)))


def step_forward(at: AppTest) -> None:
    at.button(key="step_forward").click()


def change_step(at: AppTest) -> None:
    radio = at.radio(key="step")
    radio.set_value("day" if radio.value != "day" else "month")


def scenario(repeat: int) -> list[tuple[str | None, object]]:
    """(label, action) pairs; label None = setup, not timed.  Labels group the reported medians."""
    steps: list[tuple[str | None, object]] = []
    layers = min(repeat, 3)
    steps += [("new layer choice (whole span)", untick(i)) for i in range(layers)]
    steps += [("layer choice seen before", tick(i)) for i in reversed(range(layers))]
    steps += [(None, narrow_window)]
    steps += [("step a 30-day window", step_forward) for _ in range(repeat)]
    steps += [("step size (no change)", change_step) for _ in range(repeat)]
    return steps


def bench_size(n: int, repeat: int, directory: Path) -> dict[str, tuple[float, float]]:
    path = directory / f"events-{n}.csv"
    write_events(synthetic_events(n), path)
    os.environ["MAPAPP_EVENTS"] = str(path)
    times: dict[tuple[str, bool], list[float]] = {}
    for clear in (False, True):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(APP), default_timeout=600)
        start = time.perf_counter()
        at.run()
        cold = time.perf_counter() - start
        if not clear:
            print(f"  {n:>7,} events: first run {cold:.2f} s, {at.markdown[0].value.strip('*')}")
        for label, action in scenario(repeat):
            if label is None:
                action(at)
                at.run()
            else:
                times.setdefault((label, clear), []).append(timed(action, at, clear))
    labels = dict.fromkeys(label for label, _ in times)
    return {label: (statistics.median(times[label, False]), statistics.median(times[label, True]))
            for label in labels}


def bench_browser(n: int, directory: Path) -> None:
    """Page load and slider response of the real app in Chromium, offline, at ``n`` events."""
    from playwright.sync_api import sync_playwright
    from support.appserver import MAP_FRAME, launch_chromium, open_until_drawn, serving

    drawn = "path.leaflet-interactive, .leaflet-marker-icon"
    path = directory / f"events-{n}.csv"
    write_events(synthetic_events(n), path)
    with serving(path) as port:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            for visit in ("first visitor (cold server)", "second visitor (warm caches)"):
                page, loaded = open_until_drawn(browser, port, drawn, timeout_ms=300_000)
                before = page.get_by_text("events shown of").first.inner_text()
                page.get_by_role("slider").first.focus()
                start = time.perf_counter()
                page.keyboard.press("PageUp")
                page.wait_for_function(
                    "b => [...document.querySelectorAll('p, strong')].some(e => e.innerText.includes("
                    "'events shown of') && !e.innerText.startsWith(b + ' '))", arg=before.split(" ")[0],
                    timeout=120_000)
                counted = time.perf_counter() - start
                page.wait_for_function(f"document.querySelectorAll('{MAP_FRAME}').length === 1", timeout=120_000)
                page.frame_locator(MAP_FRAME).last.locator(drawn).first.wait_for(timeout=120_000)
                redrawn = time.perf_counter() - start
                print(f"  {n:>7,} events, {visit}: page to first marker {loaded:.2f} s; slider key -> new count "
                      f"{counted:.2f} s, -> map redrawn {redrawn:.2f} s")
                page.close()
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=4, help="reruns per action (median reported)")
    parser.add_argument("--browser", action="store_true", help="time the real app in headless Chromium instead")
    parser.add_argument("--quick", action="store_true", help="1k events, 2 reruns per action: well under a minute")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.repeat = [1_000], 2
    sizes = ", ".join(f"{n:,}" for n in args.sizes)
    print(f"plan: {'the real app in headless Chromium' if args.browser else 'AppTest reruns, cached vs naive'} "
          f"at {sizes} events" + ("" if args.browser else f", median of {args.repeat} reruns per action"))
    if args.browser:
        print("the app in headless Chromium, every non-local request blocked")
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.sizes:
                bench_browser(n, Path(tmp))
        return
    targets = {10_000: 0.3, 100_000: 1.0}
    print(f"app rerun after a widget change (median of {args.repeat}); naive = every cache cleared first")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            results = bench_size(n, args.repeat, Path(tmp))
            for name, (cached, naive) in results.items():
                target = targets.get(n)
                verdict = "" if target is None else ("  OK" if cached < target else f"  OVER {target:g} s")
                print(f"  {n:>7,} events  {name:<30} cached {cached * 1000:7.0f} ms   naive {naive * 1000:7.0f} ms"
                      f"   naive/cached {naive / cached:5.1f}x{verdict}")


if __name__ == "__main__":
    main()
