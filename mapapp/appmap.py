"""The app's map: one streamlit-folium component, its cached HTML and, for many events, a layer per view.

Split from the ``app`` script (which keeps the layout and the rest of the page) because the map
is where the speed of a rerun is decided: ``st_folium`` re-renders the whole folium tree on
every call, so the component's arguments are built here once per (data, filters) and handed
to streamlit-folium's own component function (``fast_path_available`` checks its private
helpers; without them the app falls back to plain ``st_folium``).  Above
``cellmap.APP_AGGREGATE_ABOVE`` events the base map is built once and each view the browser
reports gets its cells or events as a feature group (``show_cell_map``), so the browser never
holds the table.  Functions defined in a module (not in the script) keep one cache identity
whichever entry point runs the script.
"""

from __future__ import annotations

import hashlib
import math

import pandas as pd
import streamlit as st
import streamlit_folium
from streamlit_folium import st_folium

from mapapp import cellmap, mapbuild, present
from mapapp.appdata import view_plan
from mapapp.dataset import Dataset

# Streamlit serves mapapp/static/ at /app/static/ (server.enableStaticServing), so the map
# loads Leaflet from this server and works with no internet (tiles aside).
ASSET_BASE_URL = "/app/static/vendor"
MAP_HEIGHT = cellmap.APP_MAP_HEIGHT
MAP_KEY = "event_map"
CELL_BOX_KEY = "cell_map_box"  # (map key, cellmap.ViewBox) of the map of many events

# The click fields: where, the tooltip and popup text that name the event, and a counter so a
# second click on the same marker (after "Clear selection") is a new value too.
MAP_RETURNED_OBJECTS = ("last_object_clicked", "last_object_clicked_tooltip", "last_object_clicked_popup",
                        "last_object_clicked_count")
CLICK_DEFAULTS = {"last_object_clicked": None, "last_object_clicked_tooltip": None,
                  "last_object_clicked_popup": None, "last_object_clicked_count": 0}
# A map of many events also reports its view, so the script can send the cells or events in it.
VIEW_RETURNED_OBJECTS = (*MAP_RETURNED_OBJECTS, "bounds", "zoom")
# The private streamlit-folium helpers the cached fast path needs; with any missing (another
# streamlit-folium version) the app falls back to plain st_folium, only slower.
_FAST_PATH_HELPERS = ("_component_func", "_get_html", "_get_header", "_get_map_string", "get_full_id")


def fast_path_available() -> bool:
    return all(hasattr(streamlit_folium, name) for name in _FAST_PATH_HELPERS)


def _asset_links(fmap) -> tuple[list[str], list[str]]:
    """The JS/CSS URLs st_folium would collect from the map's elements, in the same order."""
    css: list[str] = []
    js: list[str] = []
    stack = [fmap]
    while stack:
        element = stack.pop(0)
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
        stack.extend(getattr(element, "_children", {}).values())
    return list(dict.fromkeys(css)), list(dict.fromkeys(js))


def app_map_options() -> dict:
    """How the app draws maps: assets from its own static folder, no in-map time slider or
    layer switch (the sidebar's date and layer controls also filter the table and counts)."""
    return {"assets": "local", "asset_base_url": ASSET_BASE_URL, "time_slider": False, "layer_control": False,
            "height": MAP_HEIGHT}


def _component_args(fmap, key: str) -> dict:
    """What ``st_folium`` sends to its component for ``fmap`` (same helpers, one render)."""
    fmap.render()
    html, header = streamlit_folium._get_html(fmap), streamlit_folium._get_header(fmap)
    script = streamlit_folium._get_map_string(fmap)
    css_links, js_links = _asset_links(fmap)
    return {
        "script": script, "header": header, "html": html, "id": streamlit_folium.get_full_id(fmap), "key": key,
        "css_links": css_links, "js_links": js_links, "zoom": fmap.options.get("zoom"),
    }


def _map_key(dataset_key: str, filters: str) -> str:
    # A new key remounts the map (losing pan and zoom) exactly when the map changed; the
    # inputs say that as well as a hash of the multi-megabyte script, at no cost.
    return hashlib.sha256(f"{MAP_KEY}|{dataset_key}|{filters}".encode()).hexdigest()


@st.cache_data(max_entries=16, show_spinner="Drawing the map…")
def map_component_args(dataset_key: str, filters: str, _events: pd.DataFrame) -> dict:
    """What ``st_folium`` would send to its component for the filtered events, built once.

    ``st_folium`` re-renders the whole folium tree on every call: 1.4 s per rerun at 100,000
    events, even when nothing changed.  Its output depends only on the map, so it is cached
    here per (data content, filters), which determine ``_events`` exactly; a rerun then
    costs a cache lookup.  Same helpers as ``streamlit_folium.st_folium``, but one render of
    the map instead of two (the figure render it adds first changes none of the outputs).
    """
    fmap = mapbuild.build_map(_events, **app_map_options())
    args = _component_args(fmap, _map_key(dataset_key, filters))
    (south, west), (north, east) = fmap.get_bounds()
    args["bounds"] = {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}}
    return args


@st.cache_data(max_entries=16, show_spinner="Drawing the map…")
def base_map_args(dataset_key: str, filters: str, bounds: tuple[float, float, float, float]) -> dict:
    """The fixed part of a map of many events (tiles, outline, view fitted to ``bounds``), built once
    per (data, filters); its events come per view as a feature group (``view_layer_script``)."""
    args = _component_args(mapbuild.base_map(*bounds, **app_map_options()), _map_key(dataset_key, filters))
    south, west, north, east = bounds
    args["bounds"] = {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}}
    args["zoom"] = cellmap.zoom_for_bounds(*bounds, height=MAP_HEIGHT)
    return args


def view_layer_script(plan: cellmap.ViewPlan) -> str:
    """The JavaScript streamlit-folium evaluates to swap the view's layer without reloading the map."""
    layer, host = mapbuild.hosted_view_layer(plan)
    return streamlit_folium._get_feature_group_string(layer, host)


def reported_view(value: dict, fallback: dict) -> tuple[tuple[float, float, float, float], float]:
    """(south, west, north, east) and zoom the map reported (untrusted: it comes from the browser),
    else the fitted ones."""
    for candidate in (value, fallback):
        try:
            corner_sw, corner_ne = candidate["bounds"]["_southWest"], candidate["bounds"]["_northEast"]
            box = tuple(float(v) for v in (corner_sw["lat"], corner_sw["lng"], corner_ne["lat"], corner_ne["lng"]))
            zoom = float(candidate["zoom"])
            if all(map(math.isfinite, (*box, zoom))):
                return box, zoom  # type: ignore[return-value]
        except (KeyError, TypeError, ValueError):
            continue
    return (-85.0, -180.0, 85.0, 180.0), 2.0


def show_cell_map(dataset: Dataset, filters: str, located: pd.DataFrame, cells) -> tuple[dict, pd.DataFrame]:
    """A map of many events: the base map once, then per view the cells or the events in it.

    The component reports bounds and zoom, so a pan or zoom reruns the script, which sends
    only what that view shows (``cellmap.view_plan``): the browser never holds the table.
    The area loaded is kept while the view stays inside it (``cellmap.loaded_box``), so the
    layer is not swapped under an open popup.  Returns the component's value and the events
    drawn one by one (none when cells are drawn): the only ones a click can name.
    """
    bounds = cellmap.events_bounds(located)
    args = base_map_args(dataset.key, filters, bounds)
    # The component's last reported view is in session_state under its key before it is drawn again.
    view, zoom = reported_view(st.session_state.get(args["key"]) or {}, args)
    # The first view's box (cellmap.first_view_box; serve.py's preload plans it for the default view).
    # One entry per session (the map's key with its box), however many filter changes playing makes.
    map_key, previous = st.session_state.get(CELL_BOX_KEY) or (None, None)
    if map_key != args["key"]:
        previous = cellmap.first_view_box(bounds, MAP_HEIGHT)
    box = cellmap.loaded_box(*view, zoom, previous)
    st.session_state[CELL_BOX_KEY] = (args["key"], box)
    plan = view_plan(dataset.key, filters, box, located, cells)
    if plan.events is not None:  # markers show titles, places and quotes: the full rows of the few in view
        plan = cellmap.ViewPlan(dataset.events.loc[plan.events.index], None)
    value = streamlit_folium._component_func(
        script=args["script"], header=args["header"], html=args["html"], id=args["id"], key=args["key"],
        height=MAP_HEIGHT, width=None, returned_objects=list(VIEW_RETURNED_OBJECTS),
        default={**CLICK_DEFAULTS, "bounds": args["bounds"], "zoom": args["zoom"]},
        zoom=None, center=None, feature_group=view_layer_script(plan), return_on_hover=False, layer_control=None,
        pixelated=False, css_links=args["css_links"], js_links=args["js_links"], wrap_longitude=False,
    )
    drawn = plan.events if plan.events is not None else located.iloc[:0]
    return value or {}, drawn


@st.cache_data(max_entries=4, show_spinner="Drawing the map…")
def cached_map(dataset_key: str, filters: str, _events: pd.DataFrame):
    """The folium map for the slow path (plain ``st_folium``), built once per (data, filters)."""
    return mapbuild.build_map(_events, **app_map_options())


def show_map(dataset_key: str, filters: str, events: pd.DataFrame) -> dict:
    """Draw the map; returns the click fields only, so panning and zooming never rerun the script."""
    if not fast_path_available():
        return st_folium(cached_map(dataset_key, filters, events), key=MAP_KEY, height=MAP_HEIGHT,
                         use_container_width=True, returned_objects=list(MAP_RETURNED_OBJECTS)) or {}
    args = map_component_args(dataset_key, filters, events)
    value = streamlit_folium._component_func(
        script=args["script"], header=args["header"], html=args["html"], id=args["id"], key=args["key"],
        height=MAP_HEIGHT, width=None, returned_objects=list(MAP_RETURNED_OBJECTS),
        default=dict(CLICK_DEFAULTS),
        zoom=None, center=None, feature_group=None, return_on_hover=False, layer_control=None, pixelated=False,
        css_links=args["css_links"], js_links=args["js_links"], wrap_longitude=False,
    )
    return value or {}


def clicked_event_id(drawn: pd.DataFrame, clicked: dict, *, nearest: bool = True) -> str | None:
    """The event a map click selects: the one its tooltip or popup names (both end with the
    event_id), else with ``nearest`` the drawn event nearest to the click.

    A map of cells passes ``nearest=False``: a click on a hexagon names no event, and the
    event nearest to it is an arbitrary one of thousands, so such a click selects nothing.
    """
    click = clicked.get("last_object_clicked")
    if not click:
        return None
    for text in (clicked.get("last_object_clicked_tooltip"), clicked.get("last_object_clicked_popup")):
        event_id = present.event_id_at(drawn, None, None, text) if text else None
        if event_id:
            return event_id
    return present.event_id_at(drawn, click.get("lat"), click.get("lng")) if nearest else None
