"""A standalone page of many events in headless Chromium: hexagons at country scale, markers zoomed in.

The aggregation threshold is lowered to 100 events so that 2,000 events take the path a
million take; every non-local request is blocked.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import open_file_page

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
    problems = open_file_page(page, cell_page)
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


def test_the_time_slider_redraws_the_cells_of_its_window(offline_page, cell_page: Path) -> None:
    page = offline_page
    problems = open_file_page(page, cell_page)
    page.wait_for_selector(".leaflet-overlay-pane canvas")
    fmap = page.evaluate("Object.keys(window).find(k => k.startsWith('map_'))")
    drawn = f"""() => {{ const cells = []; {fmap}.eachLayer(l => {{
        if (l.options && l.options.mapappCell !== undefined) cells.push(l.options.mapappCell); }});
        return cells.sort((a, b) => a - b); }}"""
    label = page.locator(".mapapp-time .label")
    every_date = page.evaluate(drawn)
    assert label.inner_text() == "all dates" and len(every_date) > 0

    page.locator(".mapapp-time .bucket").focus()
    page.keyboard.press("Home")  # moving the slider turns the control on: the first month's cells only
    assert page.locator(".mapapp-time .on").is_checked()
    assert label.inner_text().startswith("2022-01: ")
    page.keyboard.press("End")  # the last month (the slider starts there, so it is moved back first)
    last_month = page.evaluate(drawn)
    assert label.inner_text().startswith("2024-12: ")
    page.keyboard.press("Home")
    for _ in range(12):
        page.keyboard.press("ArrowRight")  # a year on: 2023-01
    assert label.inner_text().startswith("2023-01: ")
    earlier = page.evaluate(drawn)
    assert set(earlier) <= set(every_date) and set(last_month) <= set(every_date)
    assert earlier != last_month  # moving the slider changes which cells are drawn
    shown = int(label.inner_text().split(": ")[1].split()[0].replace(",", ""))
    assert 0 < shown < 2000

    page.locator(".mapapp-time .window").select_option("-1")  # everything until that month: more cells
    assert set(page.evaluate(drawn)) >= set(earlier)
    page.locator(".mapapp-time .on").uncheck()
    assert page.evaluate(drawn) == every_date and label.inner_text() == "all dates"
    assert problems == []
