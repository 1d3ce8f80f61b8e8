"""The exported standalone map in headless Chromium, with every non-local request blocked.

What a person who receives only the HTML file sees: markers, layers, legend, popups that
show hostile text as text, a working time slider, and a 100,000-event page usable quickly.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import open_file_page

from mapapp.load import load_events
from mapapp.mapbuild import write_map

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[1]
MARKERS = "path.leaflet-interactive"



@pytest.fixture(scope="module")
def seed_map(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("map") / "seed.html"
    write_map(load_events(REPO / "events.csv").events, path, assets="inline")
    return path


def test_seed_map_works_offline(offline_page, seed_map: Path) -> None:
    page = offline_page
    problems = open_file_page(page, seed_map)
    page.wait_for_selector(MARKERS)
    assert page.locator(MARKERS).count() == 11
    assert page.locator(".leaflet-control-layers-overlays label").count() == 6
    assert "fighting (3)" in page.locator(".mapapp-legend").inner_text()
    assert all(urlparse_host(u) not in ("", "127.0.0.1") for u in page.blocked_urls)  # only tiles were blocked
    page.locator(".leaflet-control-layers-overlays input").first.uncheck()  # hide "attack"
    assert page.locator(MARKERS).count() == 9
    assert problems == []


def urlparse_host(url: str) -> str:
    from urllib.parse import urlparse

    return urlparse(url).hostname or ""


def test_popup_tells_the_story_and_links_safely(offline_page, tmp_path: Path) -> None:
    table = load_events(REPO / "events.csv").events.head(1).copy()
    table["source_url"] = "https://example.org/report"
    path = tmp_path / "one.html"
    write_map(table, path, assets="inline")
    page = offline_page
    open_file_page(page, path)
    page.locator(MARKERS).first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=4_000)
    text = popup.inner_text()
    row = table.iloc[0]
    for expected in (row["title"], "Aug 2023", "Zaporizja → Zaporizhzhia", "2 killed, 7 injured", row["event_id"]):
        assert expected in text
    link = popup.locator("a")
    assert link.get_attribute("href") == "https://example.org/report"
    assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener noreferrer"


PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\"'><svg onload=alert(3)>",
    "${alert(4)}`<b>bold</b>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_shows_as_text_everywhere(offline_page, tmp_path: Path, payload: str) -> None:
    columns = ["event_id", "title", "place", "location", "category", "quote", "source"]
    table = pd.DataFrame([{**{c: payload for c in columns}, "event_date": "2023-08-10", "date_precision": "day",
                           "latitude": 50.45, "longitude": 30.52, "killed": pd.NA, "injured": pd.NA,
                           "source_url": "javascript:alert(5)"}])
    path = tmp_path / "hostile.html"
    write_map(table, path, assets="inline")
    page = offline_page
    problems = open_file_page(page, path)
    page.wait_for_selector(MARKERS)
    marker = page.locator(MARKERS).first
    marker.hover()
    page.wait_for_selector(".leaflet-tooltip")
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=4_000)
    assert popup.inner_text().count(payload) >= 4  # title, place, quote, source, id: as text
    assert page.locator(".leaflet-tooltip").inner_text() == f"{payload} [{payload}]"
    assert payload in page.locator(".mapapp-legend").inner_text()
    assert page.locator(".leaflet-control-layers-overlays").inner_text().strip() == payload
    assert popup.locator("a").count() == 0  # javascript: is never a link
    assert page.locator("img[src=x], svg[onload], b:text('bold')").count() == 0
    page.wait_for_timeout(200)
    assert problems == []


@pytest.mark.parametrize(
    ("day", "window", "shown", "label"),
    [("2023-08-31", "0", ["month"], "2023-08-31 – 2023-08-31: 1"),  # the month spans to its last day
     ("2023-08-31", "-1", ["day", "month", "year"], "until 2023-08-31: 3"),
     ("2023-08-12", "6", ["day", "month"], "2023-08-06 – 2023-08-12: 2"),
     ("2022-06-15", "0", ["year"], "2022-06-15 – 2022-06-15: 1")],  # a year event shows all year
)
def test_time_slider_filters_by_date_span(offline_page, tmp_path: Path, day, window, shown, label) -> None:
    table = pd.DataFrame({"event_id": ["day", "month", "year"], "event_date": ["2023-08-10", "2023-08", "2022"],
                          "date_precision": ["day", "month", "year"], "latitude": [50.0, 49.0, 48.0],
                          "longitude": [30.0, 31.0, 32.0], "category": ["attack", "fighting", "other"],
                          "title": ["D", "M", "Y"]})
    path = tmp_path / "time.html"
    write_map(table, path, assets="inline")
    page = offline_page
    problems = open_file_page(page, path)
    page.wait_for_selector(MARKERS)
    page.locator(".mapapp-time .window").select_option(window)
    offset_day = (pd.Timestamp(day) - pd.Timestamp("2022-01-01")).days  # the slider counts from the first day
    page.locator(".mapapp-time .day").evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input')); }", offset_day)
    assert page.locator(".mapapp-time .label").inner_text() == label
    assert page.locator(MARKERS).count() == len(shown)
    page.locator(".mapapp-time .on").uncheck()  # off again: everything, same layers
    assert page.locator(MARKERS).count() == 3
    assert problems == []


@pytest.mark.slow
def test_100k_events_page_is_usable_quickly(offline_page, tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_map import synthetic_events

    path = tmp_path / "big.html"
    stats = write_map(synthetic_events(100_000), path, assets="inline")
    assert stats.drawn > 95_000
    page = offline_page
    problems = open_file_page(page, path)
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector(".mapapp-cluster", timeout=15_000)
    visible = time.perf_counter() - started
    # The first element of `sel` really on top at its centre (not faded out, not under a control).
    find_visible = """(sel) => { for (const el of document.querySelectorAll(sel)) {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (r.width && document.elementFromPoint(x, y) === el) return [x, y]; } return null; }"""
    for _ in range(20):  # zoom into clusters until single events show, then open one
        dot = page.evaluate(find_visible, ".mapapp-dot")
        if dot:
            break
        cluster = page.evaluate(find_visible, ".mapapp-cluster")
        if cluster:  # None while a zoom animation is running
            page.mouse.click(*cluster)
        page.wait_for_timeout(500)
    assert dot, "no single event became visible after zooming into clusters"
    for _ in range(5):  # a marker found mid-animation may have moved: look again once it has settled
        page.wait_for_timeout(600)
        dot = page.evaluate(find_visible, ".mapapp-dot") or dot
        page.mouse.click(*dot)
        if page.locator(".leaflet-popup-content").count():
            break
    page.wait_for_selector(".leaflet-popup-content", timeout=5_000)
    print(f"\n100k events: {path.stat().st_size / 1e6:.1f} MB, clusters visible after {visible:.2f} s")
    assert "syn-" in page.locator(".leaflet-popup-content").inner_text()
    # The 5 s goal is a benchmark figure (printed above, and by benchmarks/bench_map.py --browser),
    # not an assertion: on a loaded 2-core CI machine a timed assert would only make the suite flaky.
    assert problems == []


ZOOM_ANIMATION_WATCH = """
window.__zoomAnimated = false;
new MutationObserver(records => {
  if (records.some(r => r.target.classList && r.target.classList.contains("leaflet-zoom-anim"))) {
    window.__zoomAnimated = true;
  }
}).observe(document, {attributes: true, attributeFilter: ["class"], subtree: true});
"""


def test_first_view_is_not_animated_so_markers_never_move_under_the_pointer(offline_page, seed_map: Path) -> None:
    """The cause of the lost first click: markers drawn at the placeholder view, then zoomed for 250 ms."""
    page = offline_page
    page.add_init_script(ZOOM_ANIMATION_WATCH)
    open_file_page(page, seed_map)
    page.wait_for_selector(MARKERS)
    first = page.locator(MARKERS).first.bounding_box()
    page.wait_for_timeout(600)
    assert page.evaluate("window.__zoomAnimated") is False
    assert page.locator(MARKERS).first.bounding_box() == first
