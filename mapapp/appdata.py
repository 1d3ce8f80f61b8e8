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

import streamlit as st
from streamlit.logger import get_logger

from mapapp.dataset import Dataset, ScaleIndex, content_key, make_dataset, needs_scale_index, upload_dataset

# The bundled table sits beside the package in the repository (and in the deployed app).
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVENTS = REPO_ROOT / "events.csv"
EVENTS_ENV = "MAPAPP_EVENTS"

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
            scale_index(dataset)
    except Exception as exc:  # noqa: BLE001 - a server must start even on a broken file; the app reports it
        logger.warning("mapapp: %s was not preloaded: %s", path, exc)
        return None
    logger.info("mapapp: preloaded %s (%d events) in %.1f s", path, len(dataset.events),
                time.perf_counter() - started)
    return dataset
