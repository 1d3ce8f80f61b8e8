"""Which hexagon levels and which individual events a map of many events carries (part of mapbuild).

Above a threshold of located events a map draws H3 cells (``aggregate``) instead of one
marker per event: ``AGGREGATE_ABOVE`` for a standalone page (up to there, marker clusters of
every event stay under 10 MB), ``APP_AGGREGATE_ABOVE`` for the app, which can ask for each
view.  Two hosts, two plans:

* the standalone page (``standalone_plan``) cannot ask a server, so it embeds one level
  per zoom range, coarse to fine, while the cells fit ``CELL_BUDGET``, plus the events of
  the sparsest finest cells while they fit ``EVENT_BUDGET``; those show as markers from
  ``events_zoom`` on.  The page therefore stays a few MB whatever the table size.
* the app (``view_plan``) knows the current bounds and zoom: it sends the cells of the
  view at the zoom's resolution, or the events themselves once the view holds at most
  ``EVENTS_IN_VIEW`` of them.  Every rerun sends only what the eye can see.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mapapp.aggregate import (
    FINEST_RESOLUTION,
    CellTable,
    aggregate,
    cell_base,
    cells_in_bounds,
    coarser_base,
    parent_cells,
    point_cells,
    resolution_for_zoom,
    roll_up,
)
from mapapp.maplayers.cells import cells_payload, level_payload
from mapapp.schema import event_spans

AGGREGATE_ABOVE = 100_000  # a standalone page: up to here marker clusters carry every event in < 10 MB
APP_AGGREGATE_ABOVE = 20_000  # the app can ask for each view, so it stops sending every event sooner
CELL_BUDGET = 30_000  # ~110 bytes each on the page: ~3.3 MB
EVENT_BUDGET = 15_000  # ~100 bytes each as cluster markers: ~1.5 MB
EVENTS_IN_VIEW = 5_000
VIEW_MARGIN = 0.25  # of the view's size on every side: a small pan needs no new layer
EVENTS_MIN_ZOOM = 9
APP_MAP_HEIGHT = 560  # pixels: the app's map, whose first zoom the server works out before the browser reports one
MIN_ZOOM, MAX_ZOOM = 2, 16
# The standalone page's time control: counts per cell and time bucket, the finest step of
# ``TIME_STEPS`` whose buckets fit both bounds (numbers on the page: ~2.5 bytes each).
TIME_STEPS = ("day", "week", "month", "quarter", "year")
MAX_TIME_BUCKETS = 120  # a slider of more steps is too fine to drag
TIME_BUDGET = 1_500_000  # cell x bucket counts in all levels: ~4 MB
WINDOW_SIZES = {"day": (1, 7, 30), "week": (1, 4, 13), "month": (1, 3, 12), "quarter": (1, 2, 4), "year": (1, 5, 10)}
_EPOCH = pd.Timestamp("1970-01-01")
STANDALONE_NOTE = ("Too many events here to put one by one in a standalone page: narrow it with --start, --end "
                   "or --category, or open the data in the app.")


def zoom_levels(latitude: float = 0.0, min_zoom: int = MIN_ZOOM,
                max_zoom: int = MAX_ZOOM) -> list[tuple[int, int, int]]:
    """``(resolution, first zoom, last zoom)`` for each resolution the zoom range uses, coarse first."""
    levels: list[tuple[int, int, int]] = []
    for zoom in range(min_zoom, max_zoom + 1):
        resolution = resolution_for_zoom(zoom, latitude)
        if levels and levels[-1][0] == resolution:
            levels[-1] = (resolution, levels[-1][1], zoom)
        else:
            levels.append((resolution, zoom, zoom))
    return levels


def event_days(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """First and last day (days since 1970-01-01) of each event's date span (``schema.event_spans``:
    once per distinct (date, precision) pair), as float arrays with NaN for an unparseable date."""
    start, end = event_spans(events.get("event_date", pd.Series("", index=events.index)),
                             events.get("date_precision"))
    first = ((start - _EPOCH).dt.days).to_numpy(dtype="float64", na_value=np.nan)
    last = ((end - _EPOCH).dt.days).to_numpy(dtype="float64", na_value=np.nan)
    return first, last


def bucket_numbers(days: np.ndarray, step: str) -> np.ndarray:
    """The bucket of each day (days since 1970): the day itself, its Monday-to-Sunday week, month,
    quarter or year, numbered from 1970."""
    days = np.asarray(days, dtype="int64")
    if step == "day":
        return days
    if step == "week":
        return (days + 3) // 7  # 1970-01-01 was a Thursday
    if step == "year":
        return days.astype("datetime64[D]").astype("datetime64[Y]").astype("int64")
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype("int64")
    return months if step == "month" else months // 3


def bucket_first_day(bucket: int, step: str) -> int:
    """The first day (days since 1970) of ``bucket`` (``bucket_numbers``' numbering)."""
    if step == "day":
        return bucket
    if step == "week":
        return bucket * 7 - 3
    unit, count = {"month": ("M", bucket), "quarter": ("M", bucket * 3), "year": ("Y", bucket)}[step]
    return int(np.datetime64(count, unit).astype("datetime64[D]").astype("int64"))


def bucket_label(bucket: int, step: str) -> str:
    """How the slider names a bucket: 2023-08-10, week of 2023-08-07, 2023-08, 2023 Q3, 2023."""
    first = str(np.datetime64(bucket_first_day(bucket, step), "D"))
    if step == "week":
        return f"week of {first}"
    if step == "month":
        return first[:7]
    if step == "quarter":
        return f"{first[:4]} Q{bucket % 4 + 1}"
    return first[:4] if step == "year" else first


def time_step(first_day: int, last_day: int, cells: int, max_buckets: int = MAX_TIME_BUCKETS,
              budget: int = TIME_BUDGET) -> str | None:
    """The finest step whose buckets from ``first_day`` to ``last_day`` number at most ``max_buckets``
    and, over ``cells`` cells, at most ``budget`` counts; None when even years do not fit."""
    for step in TIME_STEPS:
        first, last = bucket_numbers(np.array([first_day, last_day]), step)
        buckets = int(last - first + 1)
        if buckets <= max_buckets and buckets * cells <= budget:
            return step
    return None


def time_axis(step: str, first_bucket: int, buckets: int) -> dict:
    """The page's time axis: labels, each bucket's first day (and the day after the last), window sizes."""
    numbers = range(first_bucket, first_bucket + buckets)
    sizes = [n for n in WINDOW_SIZES[step] if n < buckets]
    return {
        "step": step,
        "labels": [bucket_label(b, step) for b in numbers],
        "days": [bucket_first_day(b, step) for b in range(first_bucket, first_bucket + buckets + 1)],
        "windows": [[n, f"{n} {step}{'s' if n > 1 else ''}"] for n in sizes] + [[-1, "everything until"]],
    }


def level_times(level_cells: np.ndarray, spans: pd.DataFrame, finest: np.ndarray, resolution: int,
                buckets: int) -> dict:
    """One level's counts per cell and time bucket, for the page's time control.

    ``spans`` holds distinct (finest cell ``code`` into ``finest``, first bucket ``s``, last
    bucket ``e``) with their ``n`` events.  ``starts`` is a cells x buckets row-major list of the events whose span
    starts in each bucket; ``moves`` lists ``[cell index, first bucket, last bucket, events]``
    for spans over several buckets (an event dated by its month on a weekly axis).  With both
    the browser counts the events whose span overlaps a window, as the events slider does.
    """
    # Each distinct finest cell is looked up once, not once per span.
    index = pd.Index(level_cells).get_indexer(parent_cells(finest, resolution))[spans["code"].to_numpy()]
    starts = np.bincount(index * buckets + spans["s"].to_numpy(), weights=spans["n"].to_numpy(),
                         minlength=len(level_cells) * buckets)
    several = (spans["s"] != spans["e"]).to_numpy()
    moves = (pd.DataFrame({"i": index[several], "s": spans["s"].to_numpy()[several],
                           "e": spans["e"].to_numpy()[several], "n": spans["n"].to_numpy()[several]})
             .groupby(["i", "s", "e"], sort=True)["n"].sum().reset_index())
    return {"starts": starts.astype("int64").tolist(), "moves": moves.to_numpy(dtype="int64").ravel().tolist()}


def _time_spans(events: pd.DataFrame, cells: np.ndarray,
                total_cells: int) -> tuple[dict, pd.DataFrame, np.ndarray] | None:
    """The time axis of a standalone page, the distinct (cell code, first bucket, last bucket) spans
    and the distinct finest cells the codes point into."""
    first, last = event_days(events)
    dated = ~np.isnan(first)
    if not dated.any():
        return None
    step = time_step(int(first[dated].min()), int(last[dated].max()), total_cells)
    if step is None:
        return None
    start_bucket = bucket_numbers(first[dated], step)
    end_bucket = bucket_numbers(last[dated], step)
    origin = int(start_bucket.min())
    buckets = int(end_bucket.max()) - origin + 1
    # Distinct (cell, first bucket, last bucket) with their events, through one integer key per event.
    cell_codes, distinct_cells = pd.factorize(np.asarray(cells)[dated])
    key = (cell_codes.astype("int64") * buckets + (start_bucket - origin)) * buckets + (end_bucket - origin)
    keys, counts = np.unique(key, return_counts=True)
    spans = pd.DataFrame({"code": keys // (buckets * buckets), "s": keys // buckets % buckets, "e": keys % buckets,
                          "n": counts})
    return time_axis(step, origin, buckets), spans, np.asarray(distinct_cells, dtype=np.uint64)


@dataclass
class StandalonePlan:
    """The cells payload of a standalone page and which events it also carries as markers."""

    payload: dict
    event_mask: np.ndarray
    levels: list[CellTable]


def _covered_cells(finest: CellTable, budget: int) -> set[int]:
    """The sparsest cells of ``finest`` whose events together fit ``budget`` (whole cells only)."""
    counts = finest.cells.sort_values(["count", "cell"], kind="stable")
    fits = counts["count"].cumsum() <= budget
    return {int(c) for c in counts.loc[fits, "cell"]}


def standalone_plan(events: pd.DataFrame, latitude: float = 0.0, cell_budget: int = CELL_BUDGET,
                    event_budget: int = EVENT_BUDGET, with_time: bool = True) -> StandalonePlan:
    """Levels (coarse to fine, within ``cell_budget`` cells in all) and markers for a standalone page.

    ``events`` are located events.  The finest level kept serves every deeper zoom; its
    sparsest cells get their events as markers (within ``event_budget``), shown from
    ``events_zoom`` on, where those cells are no longer drawn.  ``with_time`` adds each
    level's counts per time bucket (``level_times``) and the axis (``time_axis``) for the
    page's time control.
    """
    cells = point_cells(events["latitude"], events["longitude"], FINEST_RESOLUTION)
    base = cell_base(events, cells)
    base_cells = base["cell"].to_numpy()
    # How many cells each level has, fine to coarse, each from the distinct cells of the last.
    levels = zoom_levels(latitude)
    sizes: dict[int, int] = {}
    distinct = np.unique(base_cells)
    for resolution in sorted({r for r, _, _ in levels}, reverse=True):
        distinct = np.unique(parent_cells(distinct, resolution))
        sizes[resolution] = len(distinct)
    kept: list[tuple[int, int, int]] = []
    total = 0
    for resolution, first, last in levels:
        if kept and total + sizes[resolution] > cell_budget:
            break
        kept.append((resolution, first, last))
        total += sizes[resolution]
    rolled: dict[int, CellTable] = {}
    level_base = base
    for resolution, _, _ in reversed(kept):
        level_base = coarser_base(level_base, resolution)
        rolled[resolution] = roll_up(level_base, resolution)
    tables: list[tuple[CellTable, int, int]] = [(rolled[r], first, last) for r, first, last in kept]
    finest, finest_first, _ = tables[-1]
    tables[-1] = (finest, finest_first, 99)
    covered = _covered_cells(finest, event_budget)
    covered_ids = np.fromiter(covered, dtype=np.uint64, count=len(covered))
    event_mask = np.isin(parent_cells(cells, finest.resolution), covered_ids)
    base_covered = pd.Series(np.isin(parent_cells(base_cells, finest.resolution), covered_ids))
    categories: dict[str, int] = {}
    levels = []
    for table, first, last in tables:
        # A coarser cell is covered when every one of its events is on the page as a marker.
        on_page = base_covered.groupby(parent_cells(base_cells, table.resolution)).all()
        level_covered = set(on_page.index[on_page.to_numpy()].tolist())
        levels.append(level_payload(table, first, last, categories, level_covered))
    events_zoom = max(EVENTS_MIN_ZOOM, finest_first) if covered else None
    timed = _time_spans(events, cells, sum(len(t) for t, _, _ in tables)) if with_time else None
    if timed is not None:
        axis, spans, finest_cells = timed
        for level, (table, _, _) in zip(levels, tables, strict=True):
            level["time"] = level_times(table.cells["cell"].to_numpy(), spans, finest_cells, table.resolution,
                                        len(axis["labels"]))
    payload = cells_payload(levels, categories, events_zoom=events_zoom, note=STANDALONE_NOTE,
                            time=timed[0] if timed else None)
    return StandalonePlan(payload, event_mask, [t for t, _, _ in tables])


@dataclass(frozen=True)
class ViewBox:
    """The area the app sends events or cells for: the reported view widened on every side, at one zoom."""

    south: float
    west: float
    north: float
    east: float
    zoom: float

    @classmethod
    def world(cls, zoom: float) -> ViewBox:
        """Every place at ``zoom``: the box of a first view, which is fitted to hold every event anyway."""
        return cls(-90.0, -180.0, 90.0, 180.0, zoom)

    def holds(self, south: float, west: float, north: float, east: float) -> bool:
        """Whether the view ``south..north`` x ``west..east`` lies inside this box."""
        if east < west:  # across the antimeridian: only a box of the whole width holds it
            return self.west <= -180 and self.east >= 180 and self.south <= south and north <= self.north
        west, east = max(west, -180.0), min(east, 180.0)  # Leaflet reports longitudes past the edge of the world
        return self.south <= south and north <= self.north and self.west <= west and east <= self.east


def loaded_box(south: float, west: float, north: float, east: float, zoom: float,
               previous: ViewBox | None = None, margin: float = VIEW_MARGIN) -> ViewBox:
    """The box the app loads for a reported view: ``previous`` while it still holds the view at the same
    zoom, else the view widened by ``margin`` of its size on every side.

    Keeping the box across small pans keeps the layer the browser holds byte for byte the same,
    so streamlit-folium does not swap it: a popup that pans the map to fit (Leaflet's autoPan)
    stays open, and panning within the margin costs no new layer.
    """
    if previous is not None and previous.zoom == zoom and previous.holds(south, west, north, east):
        return previous
    height = north - south
    if east < west or east - west >= 360:
        west_edge, east_edge = -180.0, 180.0
    else:
        width = east - west
        west_edge, east_edge = west - margin * width, east + margin * width
    return ViewBox(max(-90.0, south - margin * height), west_edge, min(90.0, north + margin * height), east_edge,
                   zoom)


@dataclass
class ViewPlan:
    """What the app draws for one view: the events themselves, or the cells payload."""

    events: pd.DataFrame | None
    payload: dict | None
    resolution: int | None = None


def view_plan(events: pd.DataFrame, cells: np.ndarray, box: ViewBox, events_in_view: int | None = None) -> ViewPlan:
    """The app's layer for the area ``box`` (``loaded_box`` of the view streamlit-folium reported).

    ``events`` are the located events the filters keep and ``cells`` their finest cells.
    Few enough events in the box (``EVENTS_IN_VIEW`` by default) are drawn one by one;
    otherwise the box's cells at the zoom's resolution.
    """
    events_in_view = EVENTS_IN_VIEW if events_in_view is None else events_in_view
    lat, lng = events["latitude"].to_numpy(), events["longitude"].to_numpy()
    inside = (lat >= box.south) & (lat <= box.north)
    if box.west > -180 or box.east < 180:
        inside &= (lng >= box.west) & (lng <= box.east)
    if int(inside.sum()) <= events_in_view:
        return ViewPlan(events[inside], None)
    resolution = resolution_for_zoom(box.zoom, (box.south + box.north) / 2)
    figures = events[[c for c in ("category", "killed", "injured") if c in events.columns]]  # not every column
    if not inside.all():
        figures, cells = figures[inside], cells[inside]
    table = cells_in_bounds(aggregate(figures, cells, resolution), box.south, box.west, box.north, box.east,
                            margin=0.0)
    categories: dict[str, int] = {}
    payload = cells_payload([level_payload(table, 0, 99, categories)], categories,
                            note="Zoom in to see the events one by one.")
    return ViewPlan(None, payload, resolution)


def events_bounds(events: pd.DataFrame) -> tuple[float, float, float, float]:
    """(south, west, north, east) of located events: the box a first view is fitted to."""
    lat, lng = events["latitude"], events["longitude"]
    return float(lat.min()), float(lng.min()), float(lat.max()), float(lng.max())


def first_view_box(bounds: tuple[float, float, float, float], height: int = APP_MAP_HEIGHT) -> ViewBox:
    """The box of the app's first view of events within ``bounds``: the whole world at the zoom that
    fits them (the view is fitted to every event, so the world box draws the same cells, and the
    browser's first report of its real bounds then keeps it instead of swapping the layer)."""
    return ViewBox.world(zoom_for_bounds(*bounds, height=height))


def zoom_for_bounds(south: float, west: float, north: float, east: float, width: int = 1000,
                    height: int = APP_MAP_HEIGHT) -> int:
    """The zoom at which Leaflet's ``fitBounds`` shows the bounds in a map of ``width`` x ``height`` pixels.

    The app needs it before the browser has reported a zoom (the first run).
    """
    import math

    lng_span = max(east - west, 1e-6)
    lat_span = max(north - south, 1e-6)
    zoom = min(math.log2(360 / lng_span * width / 256), math.log2(170 / lat_span * height / 256))
    return int(max(MIN_ZOOM, min(MAX_ZOOM, math.floor(zoom))))
