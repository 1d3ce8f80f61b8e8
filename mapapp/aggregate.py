"""Events → H3 hexagon cells: counts, casualties and top categories per cell, chosen by zoom.

Why aggregate.  A million markers are noise at country scale and cost the browser tens of
MB; a few thousand hexagons say the same (where, how many, how deadly, what kind) in a
few hundred KB.  The map switches back to individual events once the view holds few
enough of them (``mapbuild`` and the app decide when).

Why H3.  Hexagons have one distance to every neighbour and equal-ish areas, so colour by
count compares like with like, and a cell's id encodes its parents: the events' cells are
computed once per table at ``FINEST_RESOLUTION`` (one ``h3`` call per *distinct* point),
and every coarser level is integer arithmetic on those ids (``parent_cells``), so a
filter or zoom change never calls h3 per event again.

Everything here is pure (DataFrames and arrays in, DataFrames out); drawing is in
``maplayers.cells``.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import h3
import h3.api.basic_int as h3int
import numpy as np
import pandas as pd
import pyarrow as pa
from h3ronpy import vector as h3_vector

FINEST_RESOLUTION = 9  # ~200 m edges: finer than a geocoded town, coarse enough to be cheap
COARSEST_RESOLUTION = 1
# Web Mercator metres per pixel at zoom 0 on the equator (256-pixel tiles).
_METRES_PER_PIXEL_Z0 = 156543.03392
MIN_EDGE_PIXELS = 9.0  # a hexagon smaller than this on screen is a speck, not a cell
TOP_CATEGORIES = 3
# Sequential YlOrRd (ColorBrewer), light = few events, dark = many.
COUNT_COLORS: tuple[str, ...] = ("#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026")

# H3 index bit layout (h3geo.org/docs/core-library/h3Indexing): 4 resolution bits at 52..55,
# then 15 three-bit digits, digit r at bits 3 * (15 - r); digits finer than the resolution are 7.
_RES_SHIFT = np.uint64(52)
_RES_MASK = np.uint64(0xF) << _RES_SHIFT


def edge_pixels(resolution: int, zoom: float, latitude: float = 0.0) -> float:
    """The average hexagon edge of ``resolution`` in screen pixels at ``zoom`` (Web Mercator)."""
    metres_per_pixel = _METRES_PER_PIXEL_Z0 * math.cos(math.radians(latitude)) / 2 ** zoom
    return h3.average_hexagon_edge_length(resolution, unit="m") / metres_per_pixel


def resolution_for_zoom(zoom: float, latitude: float = 0.0, min_edge_pixels: float = MIN_EDGE_PIXELS) -> int:
    """The finest H3 resolution whose hexagons are still at least ``min_edge_pixels`` wide at ``zoom``.

    Capped to ``COARSEST_RESOLUTION..FINEST_RESOLUTION``.  At zoom 2 a cell is a region of a
    continent, at zoom 10 a town.
    """
    for resolution in range(FINEST_RESOLUTION, COARSEST_RESOLUTION - 1, -1):
        if edge_pixels(resolution, zoom, latitude) >= min_edge_pixels:
            return resolution
    return COARSEST_RESOLUTION


def point_cells(latitude: pd.Series | np.ndarray, longitude: pd.Series | np.ndarray,
                resolution: int = FINEST_RESOLUTION) -> np.ndarray:
    """The H3 cell (as uint64) of each point; 0 where a coordinate is missing or out of range.

    h3 is called once per distinct point: events pile up at the places they were geocoded
    to, so a million events are often only thousands of distinct points.  The call is
    h3ronpy's vectorised one (the same H3 library in Rust, one call for all points): at a
    million distinct points it takes about half the time of one ``h3`` call per point.
    """
    lat = np.asarray(pd.to_numeric(pd.Series(latitude), errors="coerce"), dtype="float64")
    lng = np.asarray(pd.to_numeric(pd.Series(longitude), errors="coerce"), dtype="float64")
    ok = (np.abs(lat) <= 90) & (np.abs(lng) <= 180)
    cells = np.zeros(len(lat), dtype=np.uint64)
    if not ok.any():
        return cells
    # One integer key per point at 1e-6 degrees (~0.1 m): factorizing it is far cheaper than pairs.
    keys = np.round(lat[ok] * 1e6).astype(np.int64) * 400_000_000 + np.round(lng[ok] * 1e6).astype(np.int64)
    codes, distinct = pd.factorize(keys)
    first = np.zeros(len(distinct), dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # a row of each distinct point
    distinct_cells = located_cells(lat[ok][first], lng[ok][first], resolution)
    cells[ok] = distinct_cells[codes]
    return cells


PARALLEL_POINTS = 200_000
"""Below this many points one h3ronpy call is quick enough that threads would only add overhead."""


def located_cells(lat: np.ndarray, lng: np.ndarray, resolution: int) -> np.ndarray:
    """h3ronpy's cells of valid points as uint64, in one call per core for many points.

    h3ronpy releases the GIL, so a million points take half the time on two cores (0.4 s to 0.2 s).
    """
    def cells_of(part: slice) -> np.ndarray:
        ids = h3_vector.coordinates_to_cells(lat[part], lng[part], resolution)
        return np.asarray(pa.array(ids).to_numpy(zero_copy_only=False), dtype=np.uint64)

    workers = min(os.cpu_count() or 1, 8, max(1, len(lat) // PARALLEL_POINTS))
    if workers == 1:
        return cells_of(slice(None))
    bounds = np.linspace(0, len(lat), workers + 1).astype(int)
    with ThreadPoolExecutor(workers) as pool:
        parts = list(pool.map(cells_of, [slice(a, b) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]))
    return np.concatenate(parts)


def parent_cells(cells: np.ndarray, resolution: int) -> np.ndarray:
    """The ancestor of each cell at a coarser ``resolution``, by bit arithmetic (0 stays 0).

    Same answer as ``h3.cell_to_parent`` for every valid cell, without a Python call per cell.
    """
    cells = np.asarray(cells, dtype=np.uint64)
    finer_digits = np.uint64((1 << (3 * (15 - resolution))) - 1)
    parents = ((cells & ~_RES_MASK) | (np.uint64(resolution) << _RES_SHIFT)) | finer_digits
    return np.where(cells == 0, np.uint64(0), parents)


def cell_text(cell: int) -> str:
    """The usual hexadecimal H3 id of a cell (``"842d64dffffffff"``)."""
    return h3.int_to_str(int(cell))


@dataclass(frozen=True)
class CellTable:
    """Aggregated cells at one resolution: one row per non-empty cell, ordered by count (largest first).

    Columns: ``cell`` (uint64), ``count``, ``killed``/``injured`` (sum of the known figures),
    ``killed_known``/``injured_known`` (how many events gave a figure), ``top`` (list of
    ``[category, count]``, at most ``TOP_CATEGORIES``), ``lat``/``lng`` (cell centre).
    """

    resolution: int
    cells: pd.DataFrame

    def __len__(self) -> int:
        return len(self.cells)


def cell_base(events: pd.DataFrame, cells: np.ndarray) -> pd.DataFrame:
    """Per (cell, category) of ``cells``: events ``n``, known casualty sums and how many were known.

    The one pass over every event; each resolution is then a roll-up of this (usually far
    smaller) table, so a page with seven levels does not group a million rows seven times.
    Events whose cell is 0 (no coordinates) are left out.  Rows come in the order each pair
    first appears.  The pass is integer codes and ``np.bincount``: a pandas groupby with five
    aggregations cost 0.4-0.6 s of every filter change at a million events.
    """
    cells = np.asarray(cells, dtype=np.uint64)
    located = cells != 0
    cell_codes, distinct_cells = pd.factorize(cells[located])
    category_codes, names = pd.factorize(events["category"].astype(str), sort=True)  # Arrow text: no Python strings
    category_codes = category_codes[located]
    width = max(len(names), 1)
    pair_codes, pairs = pd.factorize(cell_codes.astype(np.int64) * width + category_codes)
    groups = len(pairs)
    base = pd.DataFrame({
        "cell": np.asarray(distinct_cells, dtype=np.uint64)[pairs // width],
        "category": np.asarray(names, dtype=object)[pairs % width] if groups else np.array([], dtype=object),
        "n": np.bincount(pair_codes, minlength=groups).astype(np.int64),
    })
    for column in ("killed", "injured"):
        values = events[column] if column in events.columns else pd.Series(np.nan, index=events.index)
        numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)[located]
        known = ~np.isnan(numbers)
        sums = np.bincount(pair_codes, weights=np.where(known, numbers, 0.0), minlength=groups)
        base[column] = sums.astype("float64")
        base[f"{column}_known"] = np.bincount(pair_codes, weights=known, minlength=groups).astype(np.int64)
    return base


def aggregate(events: pd.DataFrame, cells: np.ndarray, resolution: int) -> CellTable:
    """Counts, casualties and top categories per H3 cell of ``resolution``.

    ``cells`` are the events' cells at a resolution at least as fine (``point_cells``),
    aligned with ``events``; events whose cell is 0 (no coordinates) are left out.
    Unknown casualty figures are not counted as 0: ``killed_known`` says how many events
    gave one, so a popup can say "12 killed (in 3 of 40 events that give a figure)".

    The events are grouped by their cells at ``resolution`` straight away: at a million events a
    base table of the finest cells has up to a million rows to roll up, at a country's zoom a few
    thousand (the same table, a third of the time).
    """
    return roll_up(cell_base(events, parent_cells(cells, resolution)), resolution)


def coarser_base(base: pd.DataFrame, resolution: int) -> pd.DataFrame:
    """A ``cell_base`` table at a coarser ``resolution``: levels of a page are rolled up fine to
    coarse, each from the last one, instead of each from the (largest) finest table."""
    frame = base.assign(cell=parent_cells(base["cell"].to_numpy(), resolution))
    return frame.groupby(["cell", "category"], sort=False).agg(
        n=("n", "sum"), killed=("killed", "sum"), killed_known=("killed_known", "sum"),
        injured=("injured", "sum"), injured_known=("injured_known", "sum")).reset_index()


def roll_up(base: pd.DataFrame, resolution: int) -> CellTable:
    """``aggregate`` from a ``cell_base`` table, at ``resolution`` (coarser than or equal to its cells)."""
    if base.empty:
        empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in (
            ("cell", "uint64"), ("count", "int64"), ("killed", "float64"), ("killed_known", "int64"),
            ("injured", "float64"), ("injured_known", "int64"), ("top", object), ("lat", "float64"),
            ("lng", "float64"))})
        return CellTable(resolution, empty)
    frame = base.assign(cell=parent_cells(base["cell"].to_numpy(), resolution))
    pairs = frame.groupby(["cell", "category"], sort=False)["n"].sum().reset_index()
    out = frame.groupby("cell", sort=False).agg(count=("n", "sum"), killed=("killed", "sum"),
                                                 killed_known=("killed_known", "sum"), injured=("injured", "sum"),
                                                 injured_known=("injured_known", "sum")).reset_index()
    for column in ("killed", "injured"):
        out[column] = out[column].astype("float64").where(out[f"{column}_known"] > 0)
    ranked = pairs.sort_values(["cell", "n", "category"], ascending=[True, False, True], kind="stable")
    ranked = ranked.groupby("cell", sort=False).head(TOP_CATEGORIES)
    top: dict[int, list] = {}
    for cell, category, n in zip(ranked["cell"].tolist(), ranked["category"].tolist(), ranked["n"].tolist(),
                                 strict=True):
        entry = top.get(cell)
        if entry is None:
            top[cell] = [[category, n]]
        else:
            entry.append([category, n])
    out = out.sort_values(["count", "cell"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out["cell"] = out["cell"].astype(np.uint64)
    out["count"] = out["count"].astype("int64")
    out["top"] = [top[c] for c in out["cell"].tolist()]
    centres = [h3int.cell_to_latlng(c) for c in out["cell"].tolist()]
    out["lat"] = np.fromiter((c[0] for c in centres), dtype="float64", count=len(centres))
    out["lng"] = np.fromiter((c[1] for c in centres), dtype="float64", count=len(centres))
    return CellTable(resolution, out[["cell", "count", "killed", "killed_known", "injured", "injured_known", "top",
                                      "lat", "lng"]])


def cells_in_bounds(table: CellTable, south: float, west: float, north: float, east: float,
                    margin: float = 0.25) -> CellTable:
    """The cells whose centre lies in the view, widened by ``margin`` of its size on every side.

    The margin keeps hexagons at the edge of the screen drawn while the user pans a little.
    A view that crosses the antimeridian (``west > east``) is treated as the whole width.
    """
    height, width = north - south, (east - west) if east >= west else 360.0
    lat, lng = table.cells["lat"], table.cells["lng"]
    inside = lat.between(south - margin * height, north + margin * height)
    if east >= west and width < 360:
        inside &= lng.between(west - margin * width, east + margin * width)
    return CellTable(table.resolution, table.cells[inside].reset_index(drop=True))


def cell_boundary(cell: int) -> list[float]:
    """The cell's outline as a flat ``[lat, lng, lat, lng, ...]`` list at 4 decimals (~11 m)."""
    return cell_boundaries([cell])[0]


def cell_boundaries(cells: list[int] | np.ndarray) -> list[list[float]]:
    """``cell_boundary`` of many cells, rounded in one NumPy call (round() per number is slow)."""
    outlines = [h3int.cell_to_boundary(int(c)) for c in cells]
    sizes = [2 * len(o) for o in outlines]
    flat = np.round(np.fromiter((v for o in outlines for point in o for v in point), dtype="float64",
                                count=sum(sizes)), 4).tolist()
    ends = np.cumsum(sizes).tolist()
    return [flat[end - size:end] for size, end in zip(sizes, ends, strict=True)]


def count_classes(counts: pd.Series | np.ndarray, classes: int = len(COUNT_COLORS)) -> np.ndarray:
    """A colour class 0..classes-1 per count on a log scale from 1 to the largest count.

    Event counts are heavy-tailed (a front-line town has thousands, a village one), so a
    linear scale would paint every cell but one the lightest colour.
    """
    values = np.asarray(counts, dtype="float64")
    if not len(values):
        return np.zeros(0, dtype="int64")
    top = math.log(max(float(values.max()), 1.0))
    if top == 0:
        return np.zeros(len(values), dtype="int64")
    scaled = np.log(np.maximum(values, 1.0)) / top
    return np.minimum((scaled * classes).astype("int64"), classes - 1)
