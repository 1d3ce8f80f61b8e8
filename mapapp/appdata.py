"""The app's data, cached per server process: which file it shows, its ``Dataset`` and scale index.

Part of the app layer (it imports streamlit for its caches), split from the ``app`` script so
that the same cached loaders serve two entry points: ``streamlit run mapapp/app.py`` loads
the file when the first visitor arrives, and ``streamlit run mapapp/serve.py`` calls
``preload`` as the server starts, so that visitor finds the table read and indexed (at a
million events that is most of a cold first render).  Both fill the same
``st.cache_resource`` entries, which are per process and shared by every session.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.logger import get_logger

from mapapp import cellmap, viewstate
from mapapp.dataset import (
    Dataset,
    ScaleIndex,
    cells_to_draw,
    content_key,
    make_dataset,
    needs_scale_index,
    upload_dataset,
    visible_events,
)
from mapapp.filters import events_in_categories

# The bundled table sits beside the package in the repository (and in the deployed app).
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVENTS = REPO_ROOT / "events.csv"
EVENTS_ENV = "MAPAPP_EVENTS"
PAGE_ICON = "🗺️"  # app.py's set_page_config; here so that preload can warm its emoji check

logger = get_logger(__name__)


def default_events_path() -> Path:
    """The bundled events.csv, or the file named by ``MAPAPP_EVENTS``."""
    configured = os.environ.get(EVENTS_ENV, "").strip()
    return Path(configured) if configured else DEFAULT_EVENTS


# Datasets are cached as resources: ``cache_data`` would unpickle a copy on every rerun (2 s for a
# million events).  A Dataset is frozen and the app only ever derives new frames from its table.
@st.cache_resource(max_entries=4, show_spinner="Loading events…")
def load_file_dataset(path: str, mtime_ns: int, size: int) -> Dataset:
    """The dataset of a file on disk; cached on (path, mtime, size) so a rerun does not even read it."""
    data = Path(path).read_bytes()
    # The operator chose this file: a Parquet table written by `mapapp import` is not checked twice.
    return make_dataset(data, Path(path).name, content_key(data), trusted=True)


def file_dataset(path: Path) -> Dataset:
    """``load_file_dataset`` of ``path`` as it is on disk now (a changed file is a new cache entry).

    Raises ``OSError`` when the file cannot be read and ``InputError`` when it is no events table.
    """
    stat = path.stat()
    return load_file_dataset(str(path), stat.st_mtime_ns, stat.st_size)


@st.cache_resource(max_entries=4, show_spinner="Checking and locating the upload…")
def load_upload_dataset(key: str, name: str, _data: bytes, online: bool = False) -> Dataset:
    """``dataset.upload_dataset``, cached; ``key`` is the content hash, so ``_data`` is not re-hashed per rerun."""
    return upload_dataset(key, name, _data, online)


@st.cache_resource(max_entries=2, show_spinner="Indexing the events…", hash_funcs={Dataset: lambda d: d.key})
def scale_index(dataset: Dataset) -> ScaleIndex:
    """The DuckDB filter index and H3 cells of a big data set, built once per content.

    ``cache_resource``: a database connection is shared, not copied into every rerun.
    """
    return ScaleIndex.build(dataset)


@st.cache_resource(max_entries=32, show_spinner=False)
def view_plan(dataset_key: str, filters: str, box: cellmap.ViewBox, _located: pd.DataFrame, _cells) -> cellmap.ViewPlan:
    """``cellmap.view_plan``, once per (data, filters, loaded area): the located events and their cells
    follow from the data and the filters, so a new visitor's first view, a pan back or a replayed time
    step reuses the layer (0.3 s of aggregating at a million events).  A resource: never mutated."""
    return cellmap.view_plan(_located, _cells, box)


def plan_first_view(dataset: Dataset, scale: ScaleIndex) -> cellmap.ViewPlan | None:
    """The layer a visitor who opens the app without a link sees first, into ``view_plan``'s cache.

    The default view (``ViewState()``: every day, layer and country) filtered and located exactly
    as the app's script does it, at the box of its first run (``cellmap.first_view_box``), so that
    the script finds the layer planned.  None when that view is drawn as markers.
    """
    state = viewstate.ViewState()
    located, cells = cells_to_draw(events_in_categories(visible_events(dataset, state, scale), state.categories),
                                   scale)
    if cells is None:
        return None
    box = cellmap.first_view_box(cellmap.events_bounds(located))
    return view_plan(dataset.key, viewstate.filters_key(state), box, located, cells)


def warm_page_icon() -> None:
    """Streamlit checks the page icon against its emoji catalogue on the first ``set_page_config``
    (0.2 s: the catalogue is imported and compiled then); done here, the first visitor does not wait."""
    try:
        from streamlit.string_util import is_emoji
    except ImportError:  # another Streamlit version: the first visitor pays it, nothing breaks
        return
    is_emoji(PAGE_ICON)


def preload(path: Path | None = None) -> Dataset | None:
    """Read the events file the app will show, and index it when it is big, into the caches above.

    Called by ``serve.py`` in a background thread while the server starts.  A file that cannot
    be loaded is only logged: the first visitor then gets the app's own error message for it,
    exactly as without preloading.  Returns the dataset, or None when it could not be loaded.
    """
    path = path or default_events_path()
    started = time.perf_counter()
    try:
        dataset = file_dataset(path)
        if needs_scale_index(dataset):
            plan_first_view(dataset, scale_index(dataset))
        warm_page_icon()
    except Exception as exc:  # noqa: BLE001 - a server must start even on a broken file; the app reports it
        logger.warning("mapapp: %s was not preloaded: %s", path, exc)
        return None
    logger.info("mapapp: preloaded %s (%d events) in %.1f s", path, len(dataset.events),
                time.perf_counter() - started)
    return dataset
