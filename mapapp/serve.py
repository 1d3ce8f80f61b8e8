"""The app with its table loaded as the server starts: ``streamlit run mapapp/serve.py``.

``streamlit run mapapp/app.py`` reads and indexes the events file when the first visitor
arrives, so at a million events that visitor waits for it.  This entry point wraps the same
script in a ``streamlit.App`` and starts ``appdata.preload`` in a background thread as soon as
``streamlit run`` loads this file, before the server has set itself up (1.2-1.8 s here): the
server answers as soon as it is up (health checks pass while the file loads), a visitor who
comes after the preload finds the table in the cache, and one who comes during it waits on the
same cache entry instead of loading the file a second time.  Same script, same pages, same
settings (``.streamlit/config.toml``), same ``MAPAPP_EVENTS``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from mapapp.appdata import preload
from mapapp.arrowmemory import use_preferred_pool


@functools.cache
def start_preload() -> threading.Thread:
    """Start ``appdata.preload`` once per process, in a daemon thread (it never delays a stop)."""
    use_preferred_pool()  # the preload is the first table this process reads
    thread = threading.Thread(target=preload, name="mapapp-preload", daemon=True)
    thread.start()
    return thread


@asynccontextmanager
async def preload_in_background(_app: st.App) -> AsyncIterator[None]:
    """Lifespan: the preload runs beside the starting server (already running when this file is the entry point)."""
    start_preload()
    yield


app = st.App(str(Path(__file__).with_name("app.py")), lifespan=preload_in_background)

# `streamlit run mapapp/serve.py` imports this file as the top-level module `serve` (it puts the
# file's folder on sys.path) and only then sets the server up: start loading now.  Imported as
# `mapapp.serve` (tests, other code) it starts nothing until its lifespan runs.
if __name__ == "serve":
    start_preload()
