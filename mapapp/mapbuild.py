"""Events table → interactive ``folium.Map``: a layer per category, legend, popups, time, offline.

Drawing strategy by size.  Up to ``MARKER_LIMIT`` located events each becomes an SVG circle
marker with its tooltip and popup bound at load; above that the events go into a
MarkerClusterGroup per category and tooltips/popups are built only when the pointer reaches
a marker.  Either way the data travel as one compact JSON payload (``layer_payload``) read by
``maplayers.EventLayer``, so 100,000 events cost about a second and a few MB instead of
52 s / 77 MB for one folium object per event (see ``benchmarks/bench_map.py``).

Escaping.  Event text is untrusted.  It reaches the page only as JSON made inert by
``maplayers.safe_json`` and is put into the DOM with ``textContent`` (popups, legend) or the
one JS ``esc()`` helper (tooltips); layer-control names are ``html.escape``d here because
Leaflet inserts them as HTML.  Source links are made only for http(s) URLs and open with
``target="_blank" rel="noopener noreferrer"``.

Clicks back to rows (streamlit-folium).  Marker clicks propagate to the category
``FeatureGroup``, so ``st_folium`` reports ``last_object_clicked_tooltip`` as
``"<title> [<event_id>]"`` and ``last_object_clicked_popup`` as popup text whose last line is
the event_id.  ``event_id_at(events, lat, lng, text)`` maps such a click back to an event_id:
first by the id in the text (exact, also for several events at one place), else the event
nearest to ``last_object_clicked``.  Every marker also carries ``eventId`` in its options.
``event_id_at`` lives in ``present`` with the other helpers the app shares with the map
(date and casualty wording, GeoJSON export).

Assets.  ``assets="cdn"`` links jsDelivr; ``"local"`` links ``asset_base_url`` (the app serves
``mapapp/static/`` at ``/app/static/``); ``"inline"`` embeds the vendored Leaflet and
MarkerCluster so a single exported file works with no internet except map tiles, and a
bundled Natural Earth outline layer keeps it readable without tiles.
"""

from __future__ import annotations

import html
import os
import zlib
from dataclasses import dataclass

import folium
import pandas as pd

from mapapp import cellmap
from mapapp.aggregate import COUNT_COLORS
from mapapp.load import atomic_write
from mapapp.maplayers import (
    CellLayer,
    CellTimeSlider,
    CountryOutline,
    EventLayer,
    InlineAssets,
    LayerControl,
    Legend,
    TimeSlider,
    asset_links,
)
from mapapp.present import casualty_text, format_event_date, located_events
from mapapp.schema import HTTP_URL, date_span

MARKER_LIMIT = 300
KNOWN_CATEGORY_COLORS: dict[str, str] = {
    "attack": "#d62728",
    "fighting": "#ff7f0e",
    "evacuation": "#1f77b4",
    "diplomacy": "#2ca02c",
    "statement": "#9467bd",
    "other": "#7f7f7f",
}
EXTRA_COLORS: tuple[str, ...] = (
    "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)
_EPOCH = pd.Timestamp("1970-01-01")


@dataclass(frozen=True)
class MapStats:
    """What a built map shows: events drawn, and events skipped for lack of coordinates."""

    drawn: int
    skipped: int


def category_color(category: str) -> str:
    """The category's colour: fixed for the known vocabulary, else a stable hash-picked one.

    Hashing the name (not its rank among the categories present) keeps a category's colour
    the same whatever the filters leave on the map.
    """
    if category in KNOWN_CATEGORY_COLORS:
        return KNOWN_CATEGORY_COLORS[category]
    return EXTRA_COLORS[zlib.crc32(category.encode("utf-8")) % len(EXTRA_COLORS)]


def ordered_categories(categories: pd.Series) -> list[str]:
    """Categories present: the known vocabulary in its order, then the others alphabetically."""
    present = set(categories.astype(str))
    return [c for c in KNOWN_CATEGORY_COLORS if c in present] + sorted(present - set(KNOWN_CATEGORY_COLORS))


def _column(events: pd.DataFrame, name: str) -> pd.Series:
    if name not in events.columns:
        return pd.Series("", index=events.index, dtype=object)
    return events[name].astype(object).where(events[name].notna(), "").astype(str)


def _encode(values: pd.Series) -> list[str] | dict:
    """A string column as a plain list, or dictionary-encoded when values repeat a lot."""
    codes, uniques = pd.factorize(values, sort=False)
    if len(uniques) * 2 <= len(values):
        return {"values": [str(v) for v in uniques], "codes": codes.tolist()}
    return [str(v) for v in values]


def layer_payload(events: pd.DataFrame, marker_limit: int = MARKER_LIMIT) -> dict:
    """The compact JSON document the browser draws from (``events`` must be located events).

    Rows are renumbered 0..n-1; ``points[c]`` is a flat ``[lat, lng, row step, ...]`` list for
    category ``c`` (row = previous row of the category + step, which keeps the numbers
    short); ``fields`` hold display strings column-wise, dictionary-encoded when they
    repeat; the ``date`` dictionary also gives each distinct date its span from
    ``schema.date_span`` as first day (days after ``time.offset``, days since 1970) and length.
    """
    frame = events.reset_index(drop=True)
    categories = ordered_categories(frame["category"]) if len(frame) else []
    precision = _column(frame, "date_precision")
    dates = _column(frame, "event_date")
    date_codes, date_keys = pd.factorize(pd.MultiIndex.from_arrays([dates, precision]), sort=False)
    key_dates = pd.Series([d for d, _ in date_keys], dtype=object)
    key_precisions = pd.Series([p for _, p in date_keys], dtype=object)
    start, end = date_span(key_dates, key_precisions)
    valid = start.notna()
    start_day = ((start - _EPOCH).dt.days).fillna(0).astype("int64")
    first_day = int(start_day[valid].min()) if valid.any() else 0
    length = ((end - start).dt.days).fillna(0).astype("int64")
    urls = _column(frame, "source_url").str.strip()
    casualties = [casualty_text(k, i) for k, i in zip(frame["killed"], frame["injured"], strict=True)] \
        if {"killed", "injured"} <= set(frame.columns) else [""] * len(frame)
    fields = {
        "event_id": _column(frame, "event_id"),
        "title": _column(frame, "title"),
        "place": _column(frame, "place"),
        "location": _column(frame, "location"),
        "casualties": pd.Series(casualties, index=frame.index, dtype=object),
        "quote": _column(frame, "quote"),
        "source": _column(frame, "source"),
        "source_url": urls.where(urls.str.fullmatch(HTTP_URL.pattern), ""),
    }
    encoded = {name: _encode(values) for name, values in fields.items()}
    # Dates repeat a lot; each distinct (event_date, precision) carries its label and span.
    encoded["date"] = {
        "values": [format_event_date(d, p) for d, p in date_keys],
        "codes": date_codes.tolist(),
        "start": (start_day - first_day).tolist(),
        "length": length.tolist(),
    }
    # 4 decimals is ~11 m, finer than any geocoded place and 10% of a 100k-event page.
    lat = pd.to_numeric(frame["latitude"]).round(4).tolist()
    lng = pd.to_numeric(frame["longitude"]).round(4).tolist()
    index = {c: i for i, c in enumerate(categories)}
    points: list[list[float]] = [[] for _ in categories]
    previous = [-1] * len(categories)
    for row, (y, x, cat) in enumerate(zip(lat, lng, frame["category"].astype(str).tolist(), strict=True)):
        c = index[cat]
        points[c].extend((y, x, row - previous[c]))
        previous[c] = row
    counts = frame["category"].astype(str).value_counts()
    return {
        "mode": "markers" if len(frame) <= marker_limit else "cluster",
        "categories": [{"name": c, "color": category_color(c), "count": int(counts[c])} for c in categories],
        "points": points,
        "fields": encoded,
        "time": {
            "offset": first_day,
            "first": 0,
            "last": int((start_day + length)[valid].max()) - first_day if valid.any() else 0,
        },
    }


def count_legend_items() -> list[dict]:
    """Legend rows for hexagon colours: light (fewest events at this zoom) to dark (most)."""
    names = ["fewest"] + [""] * (len(COUNT_COLORS) - 2) + ["most events"]
    return [{"name": n, "color": c, "count": None} for n, c in zip(names, COUNT_COLORS, strict=True)]


def build_map(
    events: pd.DataFrame,
    *,
    assets: str = "cdn",
    asset_base_url: str = "/app/static/vendor",
    tiles: bool = True,
    outline: bool = True,
    time_slider: bool = True,
    legend: bool = True,
    layer_control: bool = True,
    marker_limit: int = MARKER_LIMIT,
    aggregate_above: int | None = None,
    height: str | int = "100%",
) -> folium.Map:
    """The interactive map of ``events`` (typed, as ``load_events(...).events`` returns).

    Events without coordinates are not drawn; ``map.mapapp_stats`` says how many were drawn
    and skipped.  The view fits the drawn events.  See the module docstring for assets,
    escaping and how app clicks map back to rows.  ``layer_control=False`` leaves out the
    in-map layer switch, for hosts (the app) whose own toggles also filter the table.
    Above ``aggregate_above`` (default ``cellmap.AGGREGATE_ABOVE``) located events the map
    shows H3 hexagons per zoom level and markers only for the events that fit the page
    (``cellmap.standalone_plan``); the layer switch then stays off (the cells count every
    category) and the time slider is the cells' own (``CellTimeSlider``: counts per time bucket).
    """
    js, css = asset_links(assets, asset_base_url)
    drawn = located_events(events)
    stats = MapStats(drawn=len(drawn), skipped=len(events) - len(drawn))
    # Zoom 2-16: each zoom level is one more clustering pass over every event at load, and
    # news events are rarely placed more precisely than a street.
    fmap = folium.Map(location=[30, 20], zoom_start=2, min_zoom=2, max_zoom=16, tiles=None, height=height,
                      control_scale=True)
    # Instance lists replace folium's CDN defaults (jQuery, Bootstrap, Font Awesome are not
    # needed); streamlit-folium also reads these lists to load the scripts in its iframe.
    fmap.default_js = js[:1]
    fmap.default_css = css[:1]
    if assets == "inline":
        fmap.add_child(InlineAssets())
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False).add_to(fmap)
    if outline:
        fmap.add_child(CountryOutline())
    aggregated = len(drawn) > (cellmap.AGGREGATE_ABOVE if aggregate_above is None else aggregate_above)
    plan = (cellmap.standalone_plan(drawn, float(pd.to_numeric(drawn["latitude"]).median()), with_time=time_slider)
            if aggregated else None)
    payload = layer_payload(drawn[plan.event_mask] if plan else drawn, marker_limit)
    # Aggregated: the event layers join the map only from the zoom where the cells make way for them.
    groups = [folium.FeatureGroup(name=html.escape(c["name"]), show=not aggregated) for c in payload["categories"]]
    for group in groups:
        group.add_to(fmap)
    layer = EventLayer(payload, groups, js=js, css=css)
    fmap.add_child(layer)
    if plan:
        cells = CellLayer(plan.payload, fmap.get_name(), groups)
        fmap.add_child(cells)
        if time_slider and plan.payload["time"]:
            fmap.add_child(CellTimeSlider(cells, layer))
        if legend:
            fmap.add_child(Legend(count_legend_items(), title="Events per hexagon"))
    else:
        if groups and layer_control:
            LayerControl(collapsed=False).add_to(fmap)
        if legend and payload["categories"]:
            fmap.add_child(Legend([{k: c[k] for k in ("name", "color", "count")} for c in payload["categories"]]))
        if time_slider and len(drawn):
            fmap.add_child(TimeSlider(layer))
    if len(drawn):
        lat = pd.to_numeric(drawn["latitude"])
        lng = pd.to_numeric(drawn["longitude"])
        # The first view is set without animation.  ``fit_bounds`` animates the zoom from the
        # placeholder view (zoom 2) to the events, and for those 250 ms the markers are drawn
        # where they will not stay: a click aimed at one lands beside it (about 1 first click in 6).
        first_view = folium.FitBounds([[lat.min(), lng.min()], [lat.max(), lng.max()]], padding=(30, 30),
                                      max_zoom=10)
        first_view.options["animate"] = False
        fmap.add_child(first_view)
    fmap.mapapp_stats = stats
    return fmap


def map_html(events: pd.DataFrame, **kwargs: object) -> str:
    """The standalone HTML page of ``build_map(events, **kwargs)``."""
    return build_map(events, **kwargs).get_root().render()


def write_map(events: pd.DataFrame, path: str | os.PathLike, **kwargs: object) -> MapStats:
    """Write the standalone page atomically; return what it drew and skipped."""
    fmap = build_map(events, **kwargs)
    page = fmap.get_root().render()
    with atomic_write(path) as handle:
        handle.write(page)
    return fmap.mapapp_stats




def base_map(south: float, west: float, north: float, east: float, **kwargs: object) -> folium.Map:
    """A map without events, fitted to the bounds: the fixed part of the app's map of many events,
    whose events come per view as a ``view_layer``."""
    fmap = build_map(pd.DataFrame(columns=["latitude", "longitude", "category", "event_date"]), **kwargs)
    # Not animated (as build_map's first view): the app's first report of the view is then the fitted
    # one, not the placeholder zoom 2 the animation starts from, which would cost a swapped layer.
    first_view = folium.FitBounds([[south, west], [north, east]], padding=(30, 30), max_zoom=10)
    first_view.options["animate"] = False
    fmap.add_child(first_view)
    if kwargs.get("legend", True):
        fmap.add_child(Legend(count_legend_items(), title="Events per hexagon"))
    return fmap


def hosted_view_layer(plan: cellmap.ViewPlan) -> tuple[folium.FeatureGroup, folium.Map]:
    """One ``FeatureGroup`` with what ``cellmap.view_plan`` chose for the view -- the events as
    markers (one sub-group per category, popups and tooltips as on every map) or the cells --
    on a stand-in map that streamlit-folium renames to the live one when it sends the layer."""
    host = folium.Map(tiles=None)
    layer = folium.FeatureGroup(name="mapapp view")
    if plan.events is not None:
        payload = layer_payload(plan.events)
        groups = [folium.FeatureGroup(name=html.escape(c["name"])) for c in payload["categories"]]
        for group in groups:
            layer.add_child(group)
        layer.add_child(EventLayer(payload, groups, js=[], css=[]))
    elif plan.payload is not None:
        layer.add_child(CellLayer(plan.payload, host.get_name()))
    layer.add_to(host)
    return layer, host
