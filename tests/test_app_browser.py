"""The running app (``streamlit run mapapp/app.py``) in headless Chromium, offline.

Every non-local request is blocked (``conftest.block_non_local``): the map must draw its
markers from the Leaflet files Streamlit serves itself.  Only the background tiles are
allowed to fail.  On a failure a screenshot is saved and its path is in the message.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import checkout_env

from mapapp.load import load_events

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[1]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
MARKERS = "path.leaflet-interactive"
BUNDLED = load_events(REPO / "events.csv").events
LOCATED = int(BUNDLED["latitude"].notna().sum())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(browser, tmp_path_factory) -> Iterator[str]:
    """A ``streamlit run`` of the app on a free local port (after ``browser``: no server if we skip)."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = checkout_env({k: v for k, v in os.environ.items() if k != "MAPAPP_EVENTS"})
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "mapapp/app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
                        if reply.read().strip() == b"ok":
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
                time.sleep(0.3)
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


class PageRecorder:
    """Console errors and page errors, minus the blocked tile requests we expect offline."""

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("console", self._console)

    def _console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if "Failed to load resource" in message.text and urlparse(url).hostname not in ("127.0.0.1", "localhost"):
            return  # a tile (or other internet resource) we blocked on purpose
        self.errors.append(f"console: {message.text} ({url})")


@pytest.fixture()
def app_page(offline_page, app_url):
    """The app opened offline, once the map shows its markers."""
    page = offline_page
    page.recorder = PageRecorder(page)
    started = time.perf_counter()
    page.goto(app_url)
    page.map_frame = page.frame_locator(MAP_FRAME)
    page.map_frame.locator(MARKERS).first.wait_for(timeout=30_000)
    page.load_seconds = time.perf_counter() - started
    return page


@contextmanager
def screenshot_on_failure(page, directory: Path) -> Iterator[None]:
    """Save what the browser showed when an assertion failed, and say where in the failure."""
    try:
        yield
    except Exception as exc:
        shot = directory / "failure.png"
        page.screenshot(path=str(shot))
        raise AssertionError(f"{exc}\nscreenshot: {shot}") from exc


def wait_for_marker_count(page, expected: int, timeout: float = 15.0) -> int:
    """Markers in the (possibly re-mounted) map once it shows ``expected``, else the last count."""
    deadline = time.monotonic() + timeout
    while True:
        frames = page.locator(MAP_FRAME)
        single = frames.count() == 1
        count = frames.first.content_frame.locator(MARKERS).count() if single else -1
        if (single and count == expected) or time.monotonic() > deadline:
            return count
        time.sleep(0.2)


def count_text(page) -> str:
    return page.get_by_text("events shown of").first.inner_text()


def test_map_shows_every_located_event_offline(app_page, tmp_path):
    page = app_page
    with screenshot_on_failure(page, tmp_path):
        assert page.map_frame.locator(MARKERS).count() == LOCATED
        assert count_text(page) == f"{len(BUNDLED)} events shown of {len(BUNDLED)}; 0 without coordinates"
        local = [u for u in page.blocked_urls if urlparse(u).hostname in ("127.0.0.1", "localhost")]
        assert local == []
        print(f"app load to markers: {page.load_seconds:.2f} s")
        assert page.recorder.errors == []


def test_clicking_a_marker_opens_its_popup_and_selects_the_event(app_page, tmp_path):
    page = app_page
    frame = page.map_frame
    with screenshot_on_failure(page, tmp_path):
        # Leaflet focuses the map on mousedown; if the map is partly off-screen the browser then
        # scrolls the page between mousedown and mouseup and the click misses.  Show it whole.
        page.locator(MAP_FRAME).evaluate("e => e.scrollIntoView({block: 'center'})")
        # A marker not hidden under a control or another marker (several events share a town).
        topmost = ("body => [...body.querySelectorAll('%s')].findIndex(m => { const r = m.getBoundingClientRect();"
                   " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === m; })" % MARKERS)

        def top_marker():
            index = frame.locator("body").evaluate(topmost)
            assert index >= 0
            return frame.locator(MARKERS).nth(index)

        top_marker().click()
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=4_000)  # one click, no retry: the first click must work
        title = popup.locator("h4").inner_text()
        assert title in set(BUNDLED["title"])
        # The click reruns the script, which shows the same event's details below the map.
        page.get_by_role("heading", name=title).wait_for(timeout=15_000)
        # The address is updated at the end of the same rerun, a moment after the details appear.
        page.wait_for_url(lambda url: "event=" in url, timeout=15_000)
        assert page.recorder.errors == []


def test_moving_the_slider_with_the_keyboard_changes_the_count(app_page, tmp_path):
    page = app_page
    with screenshot_on_failure(page, tmp_path):
        before = count_text(page)
        page.get_by_role("slider").first.focus()
        page.keyboard.press("End")  # the start thumb runs up to the end: only the last month is left
        page.wait_for_function(
            "before => [...document.querySelectorAll('p, strong')].some("
            "e => e.innerText.includes('events shown of') && !e.innerText.includes(before))",
            arg=before.split(";")[0], timeout=15_000,
        )
        after = count_text(page)
        shown = int(after.split()[0])
        assert 0 < shown < len(BUNDLED)
        assert wait_for_marker_count(page, shown) == shown  # the map follows the slider
        assert "start=" in page.url  # the view is in the address bar, ready to share
        assert page.recorder.errors == []


def test_play_advances_the_window_until_stopped(offline_page, app_url, tmp_path):
    page = offline_page
    recorder = PageRecorder(page)
    with screenshot_on_failure(page, tmp_path):
        page.goto(app_url + "?start=2023-08-01&end=2023-08-07")
        page.frame_locator(MAP_FRAME).locator(MARKERS).first.wait_for(timeout=30_000)
        page.get_by_text("Play", exact=True).click()
        page.wait_for_url("**start=2023-08-08**end=2023-08-14**", timeout=15_000)  # one week on
        page.wait_for_url("**start=2023-08-15**", timeout=15_000)  # and on
        page.get_by_text("Play", exact=True).click()  # stop
        time.sleep(2 * 1.5)
        stopped_at = page.url
        time.sleep(2 * 1.5)
        assert page.url == stopped_at
        assert recorder.errors == []
