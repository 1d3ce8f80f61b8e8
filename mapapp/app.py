"""The Streamlit app: ``streamlit run mapapp/app.py``.

The script is layout and wiring only: load (``appdata``: the ``dataset`` of the file, cached
on its content), filter (pure functions in ``viewstate`` and ``filters``, DuckDB for a big
table), draw (``appmap``: the map component over ``mapbuild``), show details and exports
(``present``).  It imports ``mapapp`` as an installed
package (the README's set-up installs it; tests put the checkout on ``PYTHONPATH``).  The view
(date window, layers, countries, search, selected event) is mirrored into the URL so a
copied address reopens it; the URL is untrusted and parsed by ``viewstate``.

Speed.  A rerun must stay fast with 100,000 events, so nothing that depends only on the
data is recomputed: the loaded table, its search text and date facts are one cached
``Dataset`` keyed on the file's content; the map is cached per (data, filters), so a
click, a table selection or a step-size change does not rebuild it, and panning or
zooming a map of markers does not rerun the script at all (it returns only click fields;
a map of cells reports its view, see ``appmap``).

Safety.  Event text is shown through ``st.dataframe`` (never HTML), ``st.text``, or
``st.markdown`` after ``escape_markdown``; only http(s) URLs become links.  Nothing is
written into the repository: uploads live in the session, downloads are built on click.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from mapapp import appmap, mapbuild, present, viewstate
from mapapp.appdata import PAGE_ICON, default_events_path, file_dataset, load_upload_dataset, scale_index
from mapapp.arrowmemory import use_preferred_pool
from mapapp.columnar import events_to_parquet_bytes
from mapapp.dataset import (
    Dataset,
    ScaleIndex,
    cells_to_draw,
    dataset_from_upload,
    needs_scale_index,
    visible_events,
)
from mapapp.errors import InputError
from mapapp.filters import events_in_categories
from mapapp.load import events_to_csv_text
from mapapp.present import escape_markdown
from mapapp.schema import RULES_VERSION

ONLINE_GEOCODER_SETTING = "MAPAPP_ONLINE_GEOCODER"
TABLE_ROW_LIMIT = 1000
PLAY_INTERVAL_SECONDS = 1.5
TABLE_KEY = "event_table"
TABLE_COLUMNS: tuple[str, ...] = (
    "event_date", "category", "title", "place", "location", "country_code", "killed", "injured", "source",
    "event_id",
)
STEP_LABELS = {"day": "Day", "week": "Week", "month": "Month"}


def online_geocoder_setting() -> str | None:
    """The optional online geocoder setting from the environment or ``st.secrets``.

    A missing secrets file must not crash the app: Community Cloud has one, a laptop rarely.
    """
    value = os.environ.get(ONLINE_GEOCODER_SETTING, "").strip()
    if not value:
        try:
            value = str(st.secrets.get(ONLINE_GEOCODER_SETTING, "") or "").strip()
        except Exception:  # st.secrets raises (FileNotFoundError, parse errors) when there is no usable file
            return None
    return value if value not in ("", "0", "false", "False") else None


def category_counts(events: pd.DataFrame, categories: tuple[str, ...]) -> dict[str, int]:
    counts = events["category"].astype(str).value_counts()
    return {c: int(counts.get(c, 0)) for c in categories}


def count_caption(shown: pd.DataFrame, total: int) -> str:
    """'11 events shown of 11; 0 without coordinates' (the unlocated ones are in the table only)."""
    lat, lng = pd.to_numeric(shown["latitude"], errors="coerce"), pd.to_numeric(shown["longitude"], errors="coerce")
    located = int((lat.between(-90, 90) & lng.between(-180, 180)).sum())  # as present.located_events, no copy
    return f"{len(shown)} events shown of {total}; {len(shown) - located} without coordinates"


def share_url(base: str | None, params: dict[str, str]) -> str:
    query = urlencode(params)
    return f"{base or ''}{'?' + query if query else ''}"


# --- session state ---------------------------------------------------------------------

def _window_default(facts: viewstate.DataFacts, state: viewstate.ViewState) -> tuple[dt.date, dt.date] | None:
    if facts.first_day is None or facts.last_day is None:
        return None
    return state.start or facts.first_day, state.end or facts.last_day


def apply_view(state: viewstate.ViewState, dataset: Dataset) -> None:
    """Put ``state`` into the widgets' session state (before the widgets are drawn)."""
    ss = st.session_state
    window = _window_default(dataset.facts, state)
    if window is not None:
        ss["window"] = window
    for category in dataset.facts.categories:
        ss[f"cat:{category}"] = state.categories is None or category in state.categories
    ss["countries"] = list(state.countries if state.countries is not None else dataset.facts.countries)
    ss["search"] = state.search
    ss["step"] = state.step
    ss["selected"] = state.event
    ss["playing"] = False


def current_view(dataset: Dataset) -> viewstate.ViewState:
    """The view the widgets show now, in the canonical form ``to_query_params`` writes."""
    ss = st.session_state
    facts = dataset.facts
    start = end = None
    if "window" in ss and facts.first_day is not None:
        start, end = ss["window"]
        start = None if start <= facts.first_day else start
        end = None if end >= facts.last_day else end
    ticked = tuple(c for c in facts.categories if ss.get(f"cat:{c}", True))
    categories = None if len(ticked) == len(facts.categories) else ticked
    chosen = tuple(c for c in facts.countries if c in ss.get("countries", facts.countries))
    countries = None if len(facts.countries) < 2 or len(chosen) == len(facts.countries) else chosen
    return viewstate.ViewState(start, end, categories, countries, ss.get("search", "").strip()[
        :viewstate.MAX_SEARCH_LENGTH], ss.get("selected"), ss.get("step", viewstate.DEFAULT_STEP))


def _step_window(direction: int, first: dt.date, last: dt.date) -> None:
    """Button callback: move the whole window one step (callbacks run before widgets are drawn)."""
    ss = st.session_state
    start, end = ss["window"]
    ss["window"] = viewstate.shift_window(start, end, ss.get("step", viewstate.DEFAULT_STEP), direction, first, last)


def _start_playing(first: dt.date, last: dt.date) -> None:
    """Toggle callback: playing from the end of the data starts again from its beginning."""
    ss = st.session_state
    ss["last_tick"] = time.monotonic()
    if ss.get("playing") and "window" in ss:
        start, end = ss["window"]
        if end >= last:
            ss["window"] = (first, first + (end - start))


def _on_table_select() -> None:
    rows = st.session_state[TABLE_KEY].selection.rows
    ids = st.session_state.get("table_ids", [])
    if rows and rows[0] < len(ids):
        st.session_state["selected"] = ids[rows[0]]


def _apply_pending() -> None:
    """Changes made by the play timer are applied here, before the widgets they concern exist."""
    pending = st.session_state.pop("pending", None)
    if pending:
        st.session_state.update(pending)


# --- page sections ---------------------------------------------------------------------

def active_dataset() -> Dataset | None:
    """The uploaded data if there is a usable upload, else the bundled (or configured) file."""
    upload = st.session_state.get("upload")
    if upload is not None:
        key, name, data = upload
        return load_upload_dataset(key, name, data, online=bool(online_geocoder_setting()))
    path = default_events_path()
    try:
        return file_dataset(path)
    except OSError as exc:
        st.error(escape_markdown(f"{path}: cannot be read ({exc.strerror or exc})"))
    except InputError as exc:
        st.error(escape_markdown("\n".join(exc.lines())))
    return None


def upload_section() -> None:
    """The uploader; a new file is checked once, and only a usable one replaces the data."""
    ss = st.session_state
    uploaded = st.file_uploader("Your own events", type=["csv", "json", "geojson", "parquet", "geoparquet"],
                                key="uploader",
                                help="An events CSV (the columns of events.csv), an ACLED CSV export, a timemap "
                                     "events export (JSON) or a GeoJSON FeatureCollection of points. Broken rows "
                                     "are listed and left out.")
    upload_id = None if uploaded is None else uploaded.file_id
    if upload_id != ss.get("upload_id"):
        ss["upload_id"] = upload_id
        if uploaded is None:
            ss["upload"] = None
            ss["upload_report"] = []
        else:
            data = uploaded.getvalue()
            # Streamlit itself refuses bodies over server.maxUploadSize; the same bound (and a
            # row limit) is checked again here, before anything is parsed.
            outcome = dataset_from_upload(data, uploaded.name, online=bool(online_geocoder_setting()),
                                          load=load_upload_dataset,
                                          max_bytes=int(st.get_option("server.maxUploadSize")) * 1024 * 1024)
            if outcome.dataset is not None:
                ss["upload"] = (outcome.dataset.key, uploaded.name, data)
            ss["upload_report"] = [outcome.dataset is not None, *outcome.messages]
    report = ss.get("upload_report") or []
    if report:
        ok, headline, *details = report
        (st.success if ok else st.error)(escape_markdown(headline))
        if details:
            with st.expander(f"{len(details)} problem line(s)", expanded=not ok):
                st.text("\n".join(details[:500]) + ("\n…" if len(details) > 500 else ""))


def time_controls(facts: viewstate.DataFacts) -> None:
    """Date-range slider, step buttons and play; all move ``session_state['window']``."""
    first, last = facts.first_day, facts.last_day
    if first is None or last is None:
        return
    if first == last:
        st.caption(f"All events are on {first}.")
        return
    st.slider("Date range", min_value=first, max_value=last, key="window", format="YYYY-MM-DD")
    cols = st.columns([1, 1, 2, 1.4])
    cols[0].button("◀ Back", key="step_back", on_click=_step_window, args=(-1, first, last),
                   width="stretch", help="Move the whole window one step earlier")
    cols[1].button("Forward ▶", key="step_forward", on_click=_step_window, args=(1, first, last),
                   width="stretch", help="Move the whole window one step later")
    cols[2].radio("Step", list(STEP_LABELS), key="step", horizontal=True, format_func=STEP_LABELS.get,
                  label_visibility="collapsed")
    cols[3].toggle("Play", key="playing", on_change=_start_playing, args=(first, last),
                   help=f"Advance the window one step every {PLAY_INTERVAL_SECONDS:g} s until the end")
    if st.session_state.get("playing"):
        _play_ticker(first, last)


def _play_ticker(first: dt.date, last: dt.date) -> None:
    @st.fragment(run_every=PLAY_INTERVAL_SECONDS)
    def tick() -> None:
        ss = st.session_state
        if not ss.get("playing") or time.monotonic() - ss.get("last_tick", 0.0) < PLAY_INTERVAL_SECONDS * 0.9:
            return
        ss["last_tick"] = time.monotonic()
        start, end = ss["window"]
        moved = viewstate.shift_window(start, end, ss.get("step", viewstate.DEFAULT_STEP), 1, first, last)
        ss["pending"] = {"window": moved, "playing": moved[1] < last}
        st.rerun(scope="app")

    tick()


def layer_controls(dataset: Dataset, before_categories: pd.DataFrame) -> None:
    """One checkbox per category with its count in the current window, and countries when several."""
    facts = dataset.facts
    st.markdown("**Layers**")
    counts = category_counts(before_categories, facts.categories)
    for category in facts.categories:
        st.checkbox(f"{escape_markdown(category)} ({counts[category]})", key=f"cat:{category}")
    if len(facts.countries) > 1:
        country_counts = before_categories["country_code"].astype(str).value_counts()
        st.multiselect("Countries", facts.countries, key="countries",
                       format_func=lambda c: f"{c} ({int(country_counts.get(c, 0))})")


def map_section(dataset: Dataset, state: viewstate.ViewState, shown: pd.DataFrame,
                scale: ScaleIndex | None = None) -> None:
    """The map; a click on a marker selects its event (``clicked_event_id``).

    Above ``cellmap.APP_AGGREGATE_ABOVE`` located events (and with the fast path) the map shows
    hexagon cells per view, and the events themselves once the view holds few enough; a
    click on one of those selects it as on a small map, a click on a hexagon opens its
    counts (and a button that zooms to it) and leaves the selection alone.
    """
    located, cells = cells_to_draw(shown, scale)
    if cells is not None and appmap.fast_path_available():
        clicked, drawn = appmap.show_cell_map(dataset, viewstate.filters_key(state), located, cells)
        nearest = False
    else:
        if scale is not None:  # a big table filtered down to a map of markers: they need every column
            shown = dataset.events.loc[shown.index]
        clicked, drawn, nearest = appmap.show_map(dataset.key, viewstate.filters_key(state), shown), shown, True
    fingerprint = json.dumps([clicked.get(k) for k in appmap.MAP_RETURNED_OBJECTS], sort_keys=True)
    if fingerprint != st.session_state.get("last_click"):
        event_id = appmap.clicked_event_id(drawn, clicked, nearest=nearest)
        if event_id:
            st.session_state["selected"] = event_id
    st.session_state["last_click"] = fingerprint


def table_section(dataset: Dataset, shown: pd.DataFrame) -> None:
    """The filtered table (capped so 100,000 rows never reach the browser), selectable by row.

    ``shown`` may hold only some columns (a big data set); the table's come from the full rows.
    """
    columns = [c for c in TABLE_COLUMNS if c in dataset.events.columns]
    table = dataset.events.loc[shown.index[:TABLE_ROW_LIMIT], columns]
    st.session_state["table_ids"] = table["event_id"].astype(str).tolist()
    st.dataframe(table, hide_index=True, width="stretch", key=TABLE_KEY, on_select=_on_table_select,
                 selection_mode="single-row")
    if len(shown) > TABLE_ROW_LIMIT:
        st.caption(f"Showing the first {TABLE_ROW_LIMIT:,} of {len(shown):,} rows; download the CSV for all.")


def details_section(dataset: Dataset, shown: pd.DataFrame) -> None:
    """The selected event's details, every text escaped; the source link only if http(s)."""
    selected = st.session_state.get("selected")
    if not selected:
        st.caption("Click a marker on the map or a row in the table to see an event's details.")
        return
    rows = dataset.events[dataset.events["event_id"].astype(str) == selected]
    if rows.empty:
        return
    event = rows.iloc[0]
    st.markdown(f"#### {escape_markdown(event['title'])}")
    st.markdown(" · ".join(escape_markdown(f) for f in present.event_facts(event)))
    if str(event.get("description", "")):
        st.markdown(escape_markdown(event["description"]))
    if str(event.get("quote", "")):
        st.markdown("> " + escape_markdown(event["quote"]).replace("  \n", "  \n> "))
    source = str(event.get("source", ""))
    link = present.safe_link(event.get("source_url"))
    if source:
        st.caption("Source: " + escape_markdown(source))
    if link:
        st.link_button("Open the source", link)
    if not (shown["event_id"].astype(str) == selected).any():
        st.caption("This event is outside the current filters.")
    st.button("Clear selection", key="clear_selection", on_click=st.session_state.update, args=({"selected": None},))


def downloads_section(dataset: Dataset, shown: pd.DataFrame) -> None:
    """CSV, GeoJSON, standalone HTML and GeoParquet of what is shown, each built only when clicked."""
    stem = Path(dataset.name).stem or "events"

    def rows() -> pd.DataFrame:  # the full rows (``shown`` may hold only some columns), taken on click
        return dataset.events.loc[shown.index]

    cols = st.columns(4)
    cols[3].download_button("Parquet", data=lambda: events_to_parquet_bytes(rows(), prepared=RULES_VERSION),
                            file_name=f"{stem}-filtered.parquet", mime="application/vnd.apache.parquet",
                            on_click="ignore", width="stretch", help="GeoParquet: the table with a point geometry")
    cols[0].download_button("CSV", data=lambda: events_to_csv_text(rows()), file_name=f"{stem}-filtered.csv",
                            mime="text/csv", on_click="ignore", width="stretch")
    cols[1].download_button("GeoJSON", data=lambda: json.dumps(present.events_to_geojson(rows()), ensure_ascii=False),
                            file_name=f"{stem}-filtered.geojson", mime="application/geo+json", on_click="ignore",
                            width="stretch")
    cols[2].download_button("Map (HTML)", data=lambda: mapbuild.map_html(rows(), assets="inline"),
                            file_name=f"{stem}-map.html", mime="text/html", on_click="ignore",
                            width="stretch")


def main() -> None:
    use_preferred_pool()  # before the first table is read (see mapapp.arrowmemory); cheap on reruns
    st.set_page_config(page_title="mapapp: events map", page_icon=PAGE_ICON, layout="wide")
    ss = st.session_state
    with st.sidebar:
        st.header("mapapp")
        upload_section()
    dataset = active_dataset()
    if dataset is None:
        st.stop()

    if ss.get("view_for") != dataset.key:
        first_view = "view_for" not in ss
        state, notices = (viewstate.from_query_params(st.query_params.to_dict(), dataset.facts) if first_view
                          else (viewstate.ViewState(), []))
        apply_view(state, dataset)
        ss["view_for"] = dataset.key
        ss["notices"] = notices
    _apply_pending()

    for notice in ss.get("notices", []):
        st.warning(escape_markdown(notice), icon="⚠️")

    st.title("Events map")
    time_controls(dataset.facts)
    # Widget values are already in session_state when the script starts, so the view can be
    # read before the sidebar widgets are drawn (their labels need the counts).
    state = current_view(dataset)
    scale = scale_index(dataset) if needs_scale_index(dataset) else None
    in_view = visible_events(dataset, state, scale)
    with st.sidebar:
        st.text_input("Search title, description, place", key="search", max_chars=viewstate.MAX_SEARCH_LENGTH)
        layer_controls(dataset, in_view)
    shown = events_in_categories(in_view, state.categories)

    st.markdown(f"**{count_caption(shown, len(dataset.events))}**")
    map_section(dataset, state, shown, scale)
    table_col, details_col = st.columns([3, 2])
    with table_col:
        table_section(dataset, shown)
        downloads_section(dataset, shown)
    with details_col:
        details_section(dataset, shown)

    params = viewstate.to_query_params(current_view(dataset))
    if params != st.query_params.to_dict():
        st.query_params.from_dict(params)
    with st.sidebar, st.expander("Share this view"):
        st.code(share_url(st.context.url, params), language=None, wrap_lines=True)
        st.caption(f"Data: {escape_markdown(dataset.name)}. Uploaded data is not part of the link.")


if __name__ == "__main__":
    main()
