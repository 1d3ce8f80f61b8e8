"""Specification of H3 aggregation: cells per point, parents by arithmetic, per-cell figures, zoom → resolution."""

from __future__ import annotations

import h3
import numpy as np
import pandas as pd
import pytest

import mapapp.aggregate as aggregate_module
from mapapp.aggregate import (
    COARSEST_RESOLUTION,
    FINEST_RESOLUTION,
    aggregate,
    cell_base,
    cell_boundary,
    cell_text,
    cells_in_bounds,
    count_classes,
    parent_cells,
    point_cells,
    resolution_for_zoom,
    roll_up,
)

KYIV, KHARKIV, LVIV = (50.4501, 30.5234), (49.9935, 36.2304), (49.8397, 24.0297)


def events(rows: list[tuple]) -> pd.DataFrame:
    """rows: (lat, lng, category, killed, injured)."""
    frame = pd.DataFrame(rows, columns=["latitude", "longitude", "category", "killed", "injured"])
    for column in ("killed", "injured"):
        frame[column] = frame[column].astype("Int64")
    return frame


@pytest.mark.parametrize("resolution", range(0, FINEST_RESOLUTION + 1))
def test_parent_by_arithmetic_is_h3s_parent(resolution: int) -> None:
    rng = np.random.default_rng(resolution)
    lat, lng = rng.uniform(-85, 85, 300), rng.uniform(-180, 180, 300)
    cells = point_cells(lat, lng)
    expected = [h3.str_to_int(h3.cell_to_parent(h3.int_to_str(int(c)), resolution)) for c in cells]
    assert parent_cells(cells, resolution).tolist() == expected


@pytest.mark.parametrize(("lat", "lng", "located"), [
    (50.45, 30.52, True), (np.nan, 30.52, False), (50.45, None, False), (91.0, 0.0, False), (0.0, 181.0, False),
])
def test_points_without_a_position_have_no_cell(lat: float, lng: float, located: bool) -> None:
    cells = point_cells(pd.Series([lat], dtype="float64"), pd.Series([lng], dtype="float64"))
    assert bool(cells[0] != 0) is located
    assert bool(parent_cells(cells, 3)[0] != 0) is located


def test_point_cells_match_h3_for_repeated_points() -> None:
    lat = np.array([KYIV[0], KHARKIV[0], KYIV[0]])
    lng = np.array([KYIV[1], KHARKIV[1], KYIV[1]])
    cells = point_cells(lat, lng, 7)
    assert [cell_text(c) for c in cells] == [h3.latlng_to_cell(y, x, 7) for y, x in zip(lat, lng, strict=True)]


def test_points_split_over_threads_keep_their_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many points go to h3ronpy in one part per core; the parts join back in the points' order."""
    monkeypatch.setattr(aggregate_module, "PARALLEL_POINTS", 10)
    monkeypatch.setattr(aggregate_module.os, "cpu_count", lambda: 3)
    rng = np.random.default_rng(7)
    lat, lng = rng.uniform(-85, 85, 100), rng.uniform(-180, 180, 100)
    cells = point_cells(lat, lng, 6)
    assert [cell_text(c) for c in cells] == [h3.latlng_to_cell(y, x, 6) for y, x in zip(lat, lng, strict=True)]


@pytest.mark.parametrize(("zoom", "expected"), [(2, 1), (5, 3), (8, 5), (11, 7), (14, 9), (18, 9), (0, 1)])
def test_resolution_follows_zoom(zoom: int, expected: int) -> None:
    assert resolution_for_zoom(zoom) == expected


def test_resolution_never_gets_coarser_when_zooming_in() -> None:
    steps = [resolution_for_zoom(z, latitude=48) for z in range(0, 19)]
    assert steps == sorted(steps) and steps[0] == COARSEST_RESOLUTION and steps[-1] == FINEST_RESOLUTION


def test_cells_count_events_sum_known_casualties_and_rank_categories() -> None:
    table = events([
        (*KYIV, "attack", 2, None), (*KYIV, "attack", None, None), (*KYIV, "fighting", 1, 4),
        (*KHARKIV, "evacuation", None, None), (np.nan, np.nan, "attack", 9, 9),
    ])
    cells = aggregate(table, point_cells(table["latitude"], table["longitude"]), 5).cells
    assert cells["count"].tolist() == [3, 1]  # largest first; the unlocated event is in no cell
    kyiv, kharkiv = cells.iloc[0], cells.iloc[1]
    assert cell_text(kyiv["cell"]) == h3.latlng_to_cell(*KYIV, 5)
    assert (kyiv["killed"], kyiv["killed_known"], kyiv["injured"], kyiv["injured_known"]) == (3, 2, 4, 1)
    assert kyiv["top"] == [["attack", 2], ["fighting", 1]]
    assert np.isnan(kharkiv["killed"]) and kharkiv["killed_known"] == 0  # unknown, not 0
    assert (round(kyiv["lat"], 4), round(kyiv["lng"], 4)) == tuple(round(v, 4) for v in h3.cell_to_latlng(
        h3.latlng_to_cell(*KYIV, 5)))


def test_top_categories_are_capped_and_ties_break_by_name() -> None:
    table = events([(*LVIV, c, None, None) for c in ("b", "a", "d", "c", "c")])
    cells = aggregate(table, point_cells(table["latitude"], table["longitude"]), 4).cells
    assert cells.loc[0, "top"] == [["c", 2], ["a", 1], ["b", 1]]


def test_coarser_resolution_merges_cells() -> None:
    table = events([(*KYIV, "attack", None, None), (KYIV[0] + 0.05, KYIV[1], "attack", None, None)])
    cells = point_cells(table["latitude"], table["longitude"])
    assert len(aggregate(table, cells, 6)) == 2  # ~5.5 km apart: two cells of ~3.7 km edges
    assert len(aggregate(table, cells, 3)) == 1


def test_no_located_event_gives_no_cell() -> None:
    table = events([(np.nan, np.nan, "attack", None, None)])
    assert len(aggregate(table, point_cells(table["latitude"], table["longitude"]), 4)) == 0


def test_cells_in_bounds_keeps_the_view_and_a_margin() -> None:
    table = events([(*KYIV, "a", None, None), (*KHARKIV, "a", None, None), (*LVIV, "a", None, None)])
    cells = aggregate(table, point_cells(table["latitude"], table["longitude"]), 6)
    view = cells_in_bounds(cells, south=49.0, west=29.0, north=51.0, east=32.0, margin=0.0)
    assert [cell_text(c) for c in view.cells["cell"]] == [h3.latlng_to_cell(*KYIV, 6)]
    assert len(cells_in_bounds(cells, 49.0, 29.0, 51.0, 32.0, margin=2.5)) == 3  # Lviv and Kharkiv are 6° away
    assert len(cells_in_bounds(cells, 49.0, 170.0, 51.0, -170.0)) == 3  # across the antimeridian: whole width


def test_boundary_is_a_closed_hexagon_as_flat_pairs() -> None:
    cell = point_cells(np.array([KYIV[0]]), np.array([KYIV[1]]), 5)[0]
    outline = cell_boundary(cell)
    assert len(outline) == 12
    assert all(49 < lat < 52 and 29 < lng < 32 for lat, lng in zip(outline[::2], outline[1::2], strict=True))


@pytest.mark.parametrize(("counts", "expected"), [
    ([1, 10, 100, 1000], [0, 2, 4, 5]), ([5, 5], [5, 5]), ([1, 1], [0, 0]), ([], []),
])
def test_colour_classes_are_on_a_log_scale(counts: list[int], expected: list[int]) -> None:
    assert count_classes(counts).tolist() == expected


@pytest.mark.parametrize("resolution", [1, 3, 5, 7, FINEST_RESOLUTION])
def test_one_resolution_is_the_roll_up_of_the_finest_cells(resolution: int) -> None:
    """``aggregate`` groups at its resolution at once; the answer is the roll-up of the finest table's."""
    from bench_map import synthetic_events

    table = synthetic_events(3000, seed=resolution)
    table.loc[table.index[:40], ["latitude", "longitude"]] = float("nan")  # no cell, no count
    cells = point_cells(table["latitude"], table["longitude"])
    expected = roll_up(cell_base(table, cells), resolution).cells
    assert len(expected) > 1
    pd.testing.assert_frame_equal(aggregate(table, cells, resolution).cells, expected)
