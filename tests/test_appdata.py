"""The app's cached data: which file it shows, and preloading it as the server starts (``serve.py``).

``st.cache_resource`` works outside a running server too (one process-wide cache), so these
are plain function calls; each test uses its own copy of the table, so no test sees another's
cache entries.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import shutil
import threading
from pathlib import Path

import pytest

from mapapp import appdata, cellmap, serve
from mapapp.errors import InputError


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.getMessage()}")


@pytest.fixture
def log() -> list[str]:
    """What ``appdata`` logs (streamlit's loggers do not propagate to the root, so caplog sees nothing)."""
    handler = _Lines()
    appdata.logger.addHandler(handler)
    yield handler.lines
    appdata.logger.removeHandler(handler)


@pytest.fixture
def events_copy(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    shutil.copyfile(appdata.DEFAULT_EVENTS, path)
    return path


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (None, appdata.DEFAULT_EVENTS),
        ("", appdata.DEFAULT_EVENTS),
        ("   ", appdata.DEFAULT_EVENTS),
        ("/data/big.parquet", Path("/data/big.parquet")),
        (" /data/big.parquet ", Path("/data/big.parquet")),
    ],
)
def test_the_events_file_is_the_bundled_one_unless_configured(monkeypatch, setting, expected) -> None:
    if setting is None:
        monkeypatch.delenv(appdata.EVENTS_ENV, raising=False)
    else:
        monkeypatch.setenv(appdata.EVENTS_ENV, setting)
    assert appdata.default_events_path() == expected


def test_a_file_is_loaded_once_and_again_when_it_changes(events_copy: Path) -> None:
    first = appdata.file_dataset(events_copy)
    assert appdata.file_dataset(events_copy) is first
    text = events_copy.read_text(encoding="utf-8")
    header, *rows = text.splitlines(keepends=True)
    events_copy.write_text(header + "".join(rows[:3]), encoding="utf-8")
    changed = appdata.file_dataset(events_copy)
    assert changed is not first and len(changed.events) == 3


def test_preload_fills_the_cache_the_app_reads(events_copy: Path, log) -> None:
    dataset = appdata.preload(events_copy)
    assert dataset is not None and len(dataset.events) == 11
    assert appdata.file_dataset(events_copy) is dataset, "the first visitor finds it loaded"
    assert [line for line in log if f"INFO mapapp: preloaded {events_copy} (11 events) in " in line]


def test_preload_indexes_a_big_table(events_copy: Path, monkeypatch) -> None:
    monkeypatch.setattr(cellmap, "APP_AGGREGATE_ABOVE", 5)
    dataset = appdata.preload(events_copy)
    assert dataset is not None
    built = []
    monkeypatch.setattr(appdata.ScaleIndex, "build", classmethod(lambda cls, d: built.append(d)))
    assert appdata.scale_index(dataset) is not None and built == [], "the index came from the cache"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "No such file"),
        ("not,an,events,table\n1,2,3,4\n", "cannot be read as events"),
    ],
)
def test_a_file_that_cannot_load_is_logged_and_left_to_the_app(tmp_path: Path, log, content, reason) -> None:
    path = tmp_path / "events.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert appdata.preload(path) is None
    assert len(log) == 1 and log[0].startswith(f"WARNING mapapp: {path} was not preloaded: ") and reason in log[0]
    with pytest.raises(OSError if content is None else InputError):
        appdata.file_dataset(path)  # what the app shows the visitor, as without preloading


def test_serve_wraps_the_app_script_and_preloads_beside_the_server(monkeypatch) -> None:
    called = threading.Event()
    monkeypatch.setattr(serve, "preload", lambda: called.set())
    serve.start_preload.cache_clear()

    async def start_and_stop() -> None:
        async with serve.preload_in_background(serve.app):
            pass

    # In a thread of its own: an earlier test (Playwright's sync API) may leave an event loop running in this one.
    runner = threading.Thread(target=asyncio.run, args=(start_and_stop(),))
    runner.start()
    runner.join(10)
    assert called.wait(5), "the lifespan started the preload"
    assert Path(serve.app._script_path).resolve() == Path(serve.__file__).with_name("app.py").resolve()


def test_serve_starts_the_preload_when_streamlit_loads_it_as_its_entry_point(monkeypatch) -> None:
    """``streamlit run mapapp/serve.py`` imports the file as ``serve``: the preload starts then, before
    the server sets itself up; imported as ``mapapp.serve`` it waits for the lifespan."""
    calls = []
    monkeypatch.setattr(appdata, "preload", lambda: calls.append(1))

    def load_as(name: str):
        spec = importlib.util.spec_from_file_location(name, serve.__file__)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    load_as("mapapp_serve_copy")
    assert calls == [], "imported under another name, nothing starts at import"
    entry = load_as("serve")
    assert entry.start_preload.cache_info().currsize == 1, "started as the file was loaded"
    entry.start_preload().join(5)
    assert calls == [1]
    assert entry.start_preload() is entry.start_preload() and calls == [1], "once per process"
