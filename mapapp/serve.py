"""The app with its table loaded as the server starts: ``streamlit run mapapp/serve.py``.

``streamlit run mapapp/app.py`` reads and indexes the events file when the first visitor
arrives, so at a million events that visitor waits for it.  This entry point wraps the same
script in a ``streamlit.App`` whose lifespan starts ``appdata.preload`` in a background
thread: the server answers at once (health checks pass while the file loads), and a visitor
who comes after the preload finds the table in the cache; one who comes during it waits on
the same cache entry instead of loading the file a second time.  Same script, same pages,
same settings (``.streamlit/config.toml``), same ``MAPAPP_EVENTS``.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from mapapp.appdata import preload
from mapapp.arrowmemory import use_preferred_pool


@asynccontextmanager
async def preload_in_background(_app: st.App) -> AsyncIterator[None]:
    """Lifespan: load the events file beside the starting server (a daemon: it never delays a stop)."""
    use_preferred_pool()  # the preload is the first table this process reads
    threading.Thread(target=preload, name="mapapp-preload", daemon=True).start()
    yield


app = st.App(str(Path(__file__).with_name("app.py")), lifespan=preload_in_background)
