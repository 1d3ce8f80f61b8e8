"""Maps of many events: hexagon levels within a page budget, markers for what fits, the app's per-view plan."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mapapp import cellmap
from mapapp.aggregate import parent_cells, point_cells
from mapapp.mapbuild import build_map

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
HOSTILE = '</script><script>alert(1)</script>{{ 7*7 }}'


@pytest.fixture(scope="module")
def located() -> pd.DataFrame:
    from bench_map import synthetic_events

    events = synthetic_events(3000, seed=11)
    events.loc[events.index[:40], "category"] = HOSTILE
    return events[events["latitude"].notna()].reset_index(drop=True)


def cell_payload(page: str) -> dict:
    match = re.search(r"var cell_layer_\w+ = \(function \(\) \{\s*var data = (\{.*?\});\n", page, re.S)
    assert match, "no CellLayer in the page"
    return json.loads(match.group(1))


def test_small_tables_keep_individual_markers(located: pd.DataFrame) -> None:
    page = build_map(located.head(50)).get_root().render()
    assert "var cell_layer_" not in page and "var event_layer_" in page


def test_large_tables_become_hexagon_levels_with_escaped_text(located: pd.DataFrame) -> None:
    page = build_map(located, aggregate_above=1000, assets="inline").get_root().render()
    data = cell_payload(page)
    assert [lv["count"] and sum(lv["count"]) for lv in data["levels"]] == [len(located)] * len(data["levels"])
    resolutions = [lv["resolution"] for lv in data["levels"]]
    assert resolutions == sorted(resolutions) and data["levels"][-1]["maxZoom"] == 99
    assert HOSTILE in data["categories"]  # the name travels as inert JSON data...
    assert "<script>alert(1)" not in page and "{{ 7*7 }}" in page  # ...never markup, never a template
    assert 'textContent = text' in page and "Events per hexagon" in page


def test_level_colours_follow_counts(located: pd.DataFrame) -> None:
    data = cell_payload(build_map(located, aggregate_above=1000).get_root().render())
    for level in data["levels"]:
        order = np.argsort(level["count"], kind="stable")
        assert np.all(np.diff(np.asarray(level["color"])[order]) >= 0)


@pytest.mark.parametrize(("cell_budget", "event_budget"), [(50, 100), (500, 0), (10_000, 1_000)])
def test_standalone_plan_stays_within_its_budgets(located: pd.DataFrame, cell_budget: int, event_budget: int) -> None:
    plan = cellmap.standalone_plan(located, 48.0, cell_budget=cell_budget, event_budget=event_budget)
    sizes = [len(t) for t in plan.levels]
    assert sum(sizes) <= cell_budget or len(sizes) == 1
    assert int(plan.event_mask.sum()) <= event_budget
    finest = plan.levels[-1].resolution
    cells = parent_cells(point_cells(located["latitude"], located["longitude"]), finest)
    on_page = pd.Series(plan.event_mask).groupby(cells).agg(["all", "any"])
    assert (on_page["all"] == on_page["any"]).all()  # a cell's events are all markers or none
    covered = plan.payload["levels"][-1]["covered"]
    assert sum(covered) == int(on_page["all"].sum())
    assert (plan.payload["eventsZoom"] is None) == (event_budget == 0 or not plan.event_mask.any())


def test_app_view_plan_draws_events_when_few_are_in_view(located: pd.DataFrame) -> None:
    cells = point_cells(located["latitude"], located["longitude"])
    whole = cellmap.view_plan(located, cells, cellmap.loaded_box(44.0, 22.0, 52.0, 40.0, 6), events_in_view=500)
    assert whole.events is None and sum(whole.payload["levels"][0]["count"]) == len(located)
    spot = located.iloc[0]
    box = cellmap.loaded_box(spot.latitude - 0.05, spot.longitude - 0.05, spot.latitude + 0.05,
                             spot.longitude + 0.05, 12)
    near = cellmap.view_plan(located, cells, box, events_in_view=500)
    assert near.payload is None and 0 < len(near.events) <= 500
    assert spot.event_id in set(near.events["event_id"])


VIEW = (50.0, 30.0, 51.0, 32.0)  # south, west, north, east


@pytest.mark.parametrize(
    ("view", "zoom", "kept"),
    [
        ((50.1, 30.2, 51.1, 32.2), 9, True),  # a small pan (an autoPan to show a popup) stays inside
        ((49.76, 29.51, 50.76, 31.51), 9, True),  # up to the margin on every side
        ((50.3, 30.0, 51.3, 32.0), 9, False),  # past the margin: a new box
        (VIEW, 10, False),  # another zoom: another resolution, a new box
        ((50.4, 30.8, 50.6, 31.2), 11, False),
    ],
)
def test_loaded_box_is_kept_while_it_holds_the_view(view: tuple, zoom: int, kept: bool) -> None:
    first = cellmap.loaded_box(*VIEW, 9)
    assert (first.south, first.west, first.north, first.east) == pytest.approx((49.75, 29.5, 51.25, 32.5))
    again = cellmap.loaded_box(*view, zoom, previous=first)
    assert (again is first) == kept
    assert again.holds(*view)


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ((80.0, -10.0, 89.0, 10.0), (77.75, -15.0, 90.0, 15.0)),  # latitudes stop at the pole
        ((0.0, 170.0, 10.0, -170.0), (-2.5, -180.0, 12.5, 180.0)),  # across the antimeridian: every longitude
        ((-80.0, -200.0, 80.0, 200.0), (-90.0, -180.0, 90.0, 180.0)),
    ],
)
def test_loaded_box_at_the_edges_of_the_world(view: tuple, expected: tuple) -> None:
    box = cellmap.loaded_box(*view, 3)
    assert (box.south, box.west, box.north, box.east) == pytest.approx(expected)
    assert box.holds(*view)


def test_zoom_levels_cover_every_zoom_once() -> None:
    levels = cellmap.zoom_levels(48.0)
    zooms = [z for _, first, last in levels for z in range(first, last + 1)]
    assert zooms == list(range(cellmap.MIN_ZOOM, cellmap.MAX_ZOOM + 1))


# --- the standalone page's time control ------------------------------------------------

def day(iso: str) -> int:
    return int((pd.Timestamp(iso) - pd.Timestamp("1970-01-01")).days)


@pytest.mark.parametrize(
    ("iso", "step", "label", "first_iso"),
    [
        ("2023-08-10", "day", "2023-08-10", "2023-08-10"),
        ("2023-08-10", "week", "week of 2023-08-07", "2023-08-07"),  # weeks start on Monday
        ("2023-08-06", "week", "week of 2023-07-31", "2023-07-31"),  # a Sunday ends its week
        ("2023-08-31", "month", "2023-08", "2023-08-01"),
        ("2023-08-10", "quarter", "2023 Q3", "2023-07-01"),
        ("1969-12-31", "quarter", "1969 Q4", "1969-10-01"),  # before 1970 too
        ("2024-02-29", "year", "2024", "2024-01-01"),
    ],
)
def test_buckets_and_their_labels(iso: str, step: str, label: str, first_iso: str) -> None:
    bucket = int(cellmap.bucket_numbers(np.array([day(iso)]), step)[0])
    assert cellmap.bucket_label(bucket, step) == label
    assert cellmap.bucket_first_day(bucket, step) == day(first_iso)
    assert int(cellmap.bucket_numbers(np.array([day(first_iso) - 1]), step)[0]) == bucket - 1


@pytest.mark.parametrize(
    ("first", "last", "cells", "step"),
    [
        ("2023-08-01", "2023-08-31", 100, "day"),
        ("2023-01-01", "2023-12-31", 100, "week"),  # 365 days are too many steps to drag
        ("2023-01-01", "2023-12-31", 100_000, "month"),  # 53 weeks x 100k cells are over the page budget
        ("2000-01-01", "2023-12-31", 100, "quarter"),
        ("1950-01-01", "2023-12-31", 100, "year"),
        ("1000-01-01", "2023-12-31", 100, None),  # a thousand years: no time control at all
    ],
)
def test_time_step_is_the_finest_that_fits(first: str, last: str, cells: int, step: str | None) -> None:
    assert cellmap.time_step(day(first), day(last), cells) == step


def window_counts(level: dict, buckets: int, first: int, last: int) -> np.ndarray:
    """What the page's CellLayer computes for buckets first..last: spans starting by ``last``
    minus spans ending before ``first`` (the same prefix sums, in NumPy)."""
    starts = np.asarray(level["time"]["starts"]).reshape(-1, buckets)
    ends = starts.copy()
    for i, s, e, n in np.asarray(level["time"]["moves"], dtype=int).reshape(-1, 4):
        ends[i, s] -= n
        ends[i, e] += n
    return starts[:, : last + 1].sum(axis=1) - ends[:, :first].sum(axis=1)


@pytest.fixture(scope="module")
def timed(located: pd.DataFrame) -> tuple[pd.DataFrame, cellmap.StandalonePlan]:
    events = located.copy()
    events.loc[events.index[:25], "event_date"] = "not a date"  # counted in all dates, in no window
    return events, cellmap.standalone_plan(events, 48.0, cell_budget=2_000)


@pytest.mark.parametrize(("first", "last"), [(0, 0), (3, 3), (2, 7), (0, 999), (11, 14)])
def test_cell_counts_per_window_are_the_events_whose_dates_overlap_it(timed, first: int, last: int) -> None:
    events, plan = timed
    payload = plan.payload
    axis = payload["time"]
    buckets = len(axis["labels"])
    last = min(last, buckets - 1)
    start, end = cellmap.event_days(events)
    window_first, window_last = axis["days"][first], axis["days"][last + 1] - 1
    overlaps = (start <= window_last) & (end >= window_first)  # NaN (no date) compares False
    for level, table in zip(payload["levels"], plan.levels, strict=True):
        cells = parent_cells(point_cells(events["latitude"], events["longitude"]), level["resolution"])
        expected = pd.Series(overlaps).groupby(cells).sum().reindex(table.cells["cell"].to_numpy(), fill_value=0)
        assert window_counts(level, buckets, first, last).tolist() == expected.astype(int).tolist()
        assert sum(level["time"]["starts"]) == sum(level["count"]) - 25  # the undated are in no bucket


def test_the_hexagon_page_has_a_time_control_with_inert_labels(located: pd.DataFrame) -> None:
    located = located.copy()
    located.loc[located.index[-5:], "event_date"] = HOSTILE  # unparseable: in no step, nowhere as markup
    page = build_map(located, aggregate_above=1000, assets="inline").get_root().render()
    data = cell_payload(page)
    assert data["time"]["step"] == "month" and data["time"]["labels"][0] == "2022-01"
    assert data["time"]["windows"][-1] == [-1, "everything until"]
    assert "var cell_time_slider_" not in page  # a macro with no variable of its own...
    assert page.count("cells.setSpan(") == 2 and "mapapp-time" in page  # ...but one control on the page
    assert HOSTILE in data["categories"] and "<script>alert(1)" not in page
    assert all(re.fullmatch(r"\d{4}-\d{2}", label) for label in data["time"]["labels"])
    without = build_map(located, aggregate_above=1000, time_slider=False).get_root().render()
    assert cell_payload(without)["time"] is None and "mapapp-time" not in without
