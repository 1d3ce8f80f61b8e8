"""The real app as a local server for the browser and load benchmarks (not a benchmark itself).

One way to start ``streamlit run mapapp/app.py`` on an events file, on a free loopback port,
with this checkout's code (``PYTHONPATH``), wait until it answers its health check, and stop
it again, so that ``bench_app``, ``bench_scale`` and ``bench_load`` measure the same server;
and one way to open it in Debian's headless Chromium with every non-local request blocked.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
APP_SCRIPT = "mapapp/app.py"
SERVE_SCRIPT = "mapapp/serve.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(events_path: Path, port: int, extra_args: Sequence[str] = (), log_path: Path | None = None,
                 timeout: float = 90, script: str = APP_SCRIPT) -> subprocess.Popen:
    """A running app on ``events_path`` (``MAPAPP_EVENTS``); exits the benchmark if it never answers.

    ``script`` is ``mapapp/app.py`` (loads the file for the first visitor) or ``SERVE_SCRIPT``
    (``mapapp/serve.py``: loads it as the server starts)."""
    env = {**os.environ, "MAPAPP_EVENTS": str(events_path), "PYTHONPATH": str(ROOT)}  # this checkout's code
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", *extra_args],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as reply:
                if reply.read().strip() == b"ok":
                    return server
        except OSError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit("streamlit did not start" + (f"; see {log_path}" if log_path else ""))


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def serving(events_path: Path, extra_args: Sequence[str] = (), log_path: Path | None = None,
            script: str = APP_SCRIPT) -> Iterator[int]:
    """The app running on ``events_path`` for the ``with`` block; yields its port."""
    port = free_port()
    server = start_server(events_path, port, extra_args, log_path, script=script)
    try:
        yield port
    finally:
        stop_server(server)


def launch_chromium(playwright):
    """Debian's Chromium, headless (Playwright's own browser download is not used)."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                      args=["--headless=new", "--no-sandbox", "--disable-gpu"])


def offline_page(browser):
    """A 1400x1000 page on which every request to a host other than this machine is aborted."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.route("**/*", lambda r: r.continue_() if urlparse(r.request.url).hostname in ("127.0.0.1", "localhost")
               else r.abort())
    return page


def open_until_drawn(browser, port: int, selector: str, timeout_ms: float = 600_000):
    """A fresh offline page on the app at ``port``, and the seconds from opening it until ``selector``
    shows in the map's frame (the page is returned open, for what the caller measures next)."""
    page = offline_page(browser)
    started = time.perf_counter()
    page.goto(f"http://127.0.0.1:{port}/")
    page.frame_locator(MAP_FRAME).last.locator(selector).first.wait_for(timeout=timeout_ms)
    return page, time.perf_counter() - started
