"""A standalone page of many events in headless Chromium: hexagons at country scale, markers zoomed in.

The aggregation threshold is lowered to 100 events so that 2,000 events take the path a
million take; every non-local request is blocked.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mapapp.mapbuild import write_map

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def cell_page(tmp_path_factory) -> Path:
    from bench_map import synthetic_events

    events = synthetic_events(2000, seed=4)
    events.loc[events.index[:300], "category"] = HOSTILE
    path = tmp_path_factory.mktemp("cells") / "cells.html"
    write_map(events, path, assets="inline", aggregate_above=100)
    return path


def test_cells_then_markers_when_zoomed_in(offline_page, cell_page: Path) -> None:
    page = offline_page
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(cell_page.as_uri())
    page.wait_for_selector(".leaflet-overlay-pane canvas")
    layer = page.evaluate("Object.keys(window).find(k => k.startsWith('cell_layer_'))")
    fmap = page.evaluate("Object.keys(window).find(k => k.startsWith('map_'))")
    assert page.evaluate(f"{layer}.data.levels.length") >= 2
    assert page.locator(".leaflet-marker-icon").count() == 0  # country scale: hexagons only
    assert "Events per hexagon" in page.locator(".mapapp-legend").inner_text()
    # Open a hexagon's popup: its text is built with textContent, so hostile names stay text.
    page.evaluate(f"""(() => {{ const lv = {layer}.data.levels.find(l => {fmap}.getZoom() >= l.minZoom
        && {fmap}.getZoom() <= l.maxZoom); const flat = lv.outline[0];
        let lat = 0, lng = 0; for (let j = 0; j < flat.length; j += 2) {{ lat += flat[j]; lng += flat[j + 1]; }}
        const n = flat.length / 2; {fmap}.eachLayer(l => {{ if (l.options && l.options.mapappCell === 0
        && l.getLatLngs) l.openPopup([lat / n, lng / n]); }}); }})()""")
    popup = page.locator(".mapapp-cell")
    popup.wait_for()
    assert "events" in popup.locator("h4").inner_text()
    zoom = page.evaluate(f"{layer}.data.eventsZoom")
    assert zoom is not None
    events = page.evaluate("Object.keys(window).find(k => k.startsWith('event_layer_'))")
    page.evaluate(f"{fmap}.setView([{events}.data.points[0][0], {events}.data.points[0][1]], {zoom}); 0")
    page.wait_for_function(f"{fmap}.getZoom() === {zoom}")
    page.wait_for_selector(".leaflet-marker-icon")
    markers = page.locator(".leaflet-marker-icon").count()
    assert markers > 0  # the embedded events are on the map from eventsZoom on
    assert problems == []
