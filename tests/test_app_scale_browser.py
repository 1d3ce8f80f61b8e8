"""The app on more events than ``cellmap.APP_AGGREGATE_ABOVE`` in headless Chromium, offline.

A real 21,000-event table (no lowered threshold): the map opens on hexagons; a click on one
opens its counts and selects nothing; zoomed in, the events are drawn one by one and a click
on one opens its popup and selects it in the app, exactly as on a small map.  Every
non-local request is blocked.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_app_browser import MAP_FRAME, PageRecorder, screenshot_on_failure

from mapapp import cellmap
from mapapp.load import write_parquet

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
EVENTS = 21_000
# A hexagon drawn on the map (on a canvas, so no DOM node): its centre in the map's pixels.
CELL_POINT = """() => { let cell = null;
  window.map.eachLayer(l => { if (!cell && l.options && l.options.mapappCell !== undefined) cell = l; });
  const p = window.map.latLngToContainerPoint(cell.getCenter()); return [p.x, p.y]; }"""
# The index of an event marker not hidden under another one or a control.
TOPMOST_MARKER = """() => [...document.querySelectorAll('path.leaflet-interactive')].findIndex(m => {
  const r = m.getBoundingClientRect();
  return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === m; })"""


@pytest.fixture(scope="module")
def big_table(tmp_path_factory) -> tuple[Path, object]:
    """A 21,000-event Parquet file and its events."""
    from bench_map import synthetic_events

    events = synthetic_events(EVENTS, seed=8)
    assert int(events["latitude"].notna().sum()) > cellmap.APP_AGGREGATE_ABOVE
    path = tmp_path_factory.mktemp("big") / "events.parquet"
    write_parquet(events, path)
    return path, events


@contextmanager
def app_server(events_path: Path, log_path: Path, script: str) -> Iterator[str]:
    """``streamlit run SCRIPT`` on ``events_path``; yields its URL (a failed start shows the server's log)."""
    from support.appserver import free_port, start_server, stop_server

    port = free_port()
    try:
        server = start_server(events_path, port, log_path=log_path, script=script)
    except SystemExit as exc:
        pytest.fail(f"{exc}: {log_path.read_text(errors='replace')[-3000:]}")
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def big_app(browser, big_table, tmp_path_factory) -> Iterator[tuple[str, object]]:
    """``streamlit run mapapp/app.py`` serving the 21,000-event file; yields its URL and the events."""
    from support.appserver import APP_SCRIPT

    path, events = big_table
    with app_server(path, tmp_path_factory.mktemp("log") / "server.log", APP_SCRIPT) as url:
        yield url, events


def test_hexagon_mode_clicks_a_cell_then_selects_an_event(offline_page, big_app, tmp_path) -> None:
    url, events = big_app
    page = offline_page
    recorder = PageRecorder(page)
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    with screenshot_on_failure(page, tmp_path):
        frame.locator(".leaflet-overlay-pane canvas").first.wait_for(timeout=60_000)
        page.locator(MAP_FRAME).evaluate("e => e.scrollIntoView({block: 'center'})")
        inner = page.locator(MAP_FRAME).element_handle().content_frame()
        box = page.locator(MAP_FRAME).bounding_box()

        # A hexagon: its popup gives the counts; nothing is selected.
        x, y = inner.evaluate(CELL_POINT)
        page.mouse.click(box["x"] + x, box["y"] + y)
        popup = frame.locator(".mapapp-cell")
        popup.wait_for(timeout=5_000)
        assert "events" in popup.locator("h4").inner_text()
        assert popup.get_by_role("button", name="Zoom to this hexagon").count() == 1
        time.sleep(1.5)  # the click reached the script (a rerun) and changed nothing
        assert page.get_by_text("Click a marker on the map or a row in the table").count() == 1
        zoom = inner.evaluate("() => window.map.getZoom()")
        popup.get_by_role("button", name="Zoom to this hexagon").click()
        inner.wait_for_function(f"window.map.getZoom() > {zoom}", timeout=5_000)
        time.sleep(1)  # the zoom animation ends

        # Zoomed in on a town: its events are drawn one by one.
        spot = events[events["latitude"].notna()].iloc[0]
        inner.evaluate("([lat, lng]) => { window.map.setView([lat, lng], 12, {animate: false}); }",
                       [float(spot.latitude), float(spot.longitude)])
        frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
        time.sleep(0.5)  # the markers' layer settled
        index = inner.evaluate(TOPMOST_MARKER)
        assert index >= 0
        frame.locator("path.leaflet-interactive").nth(index).click()
        popup = frame.locator(".mapapp-popup")
        popup.wait_for(timeout=4_000)
        title = popup.locator("h4").inner_text()
        event_id = popup.locator(".id").inner_text()
        assert events.set_index("event_id").loc[event_id, "title"] == title
        page.get_by_role("heading", name=title).wait_for(timeout=15_000)  # the details of that event
        page.wait_for_url(f"**event={event_id}**", timeout=15_000)
        assert popup.is_visible()  # the rerun did not swap the layer under the open popup
        assert recorder.errors == []


def test_serve_loads_the_table_before_the_first_visitor(offline_page, big_table, tmp_path) -> None:
    """``streamlit run mapapp/serve.py``: the server logs the preload, then a visitor gets the cells."""
    from support.appserver import SERVE_SCRIPT

    path, _events = big_table
    log = tmp_path / "server.log"
    with app_server(path, log, SERVE_SCRIPT) as url:
        deadline = time.monotonic() + 60
        while "mapapp: preloaded" not in log.read_text(errors="replace"):
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(0.2)
        assert f"preloaded {path} ({EVENTS} events)" in log.read_text(errors="replace")
        page = offline_page
        recorder = PageRecorder(page)
        page.goto(url)
        with screenshot_on_failure(page, tmp_path):
            page.frame_locator(MAP_FRAME).locator(".leaflet-overlay-pane canvas").first.wait_for(timeout=60_000)
            page.get_by_text(f"{EVENTS} events shown of {EVENTS}").wait_for(timeout=10_000)
        assert recorder.errors == []
