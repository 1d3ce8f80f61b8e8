"""Shared fixtures.

``browser``: one headless Debian Chromium per test session, driven by playwright.  Browser
tests skip with a clear reason when Chromium or playwright is missing, except when
``MAPAPP_REQUIRE_BROWSER=1`` (CI), where a missing browser is a failure: CI must never
report green because the browser half of the suite silently did not run.

``checkout_env()``: the environment for subprocesses that must run this checkout's code.

``finder``: a place finder over the bundled gazetteer, one per test module, for the extraction
specifications (``tests/test_extract*.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

# Fuzz tests (tests/test_fuzz.py): a bounded run in the normal suite, a long one on request
# (``pytest tests/test_fuzz.py --hypothesis-profile=fuzz-long --hypothesis-show-statistics``).
# The deadline is what "never a hang" means per input; it is generous because the machine is shared.
settings.register_profile("mapapp", max_examples=60, deadline=10_000, derandomize=False, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz-long", parent=settings.get_profile("mapapp"), max_examples=2_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "mapapp"))

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOSTS = ("127.0.0.1", "localhost", "")


@pytest.fixture(scope="module")
def finder():
    """``PlaceFinder(load_gazetteer())``; one per module, as its memo of resolved names grows with use."""
    from mapapp.extract import PlaceFinder
    from mapapp.gazetteer import load_gazetteer

    return PlaceFinder(load_gazetteer())


def checkout_env(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a subprocess (``python -m mapapp``, ``streamlit run``) that must run
    this checkout's code, even when another copy of mapapp is installed: the repository root
    first on ``PYTHONPATH``.  Run such subprocesses with ``cwd=REPO`` too."""
    env = dict(os.environ if environ is None else environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def events_table(rows: list[dict]) -> pd.DataFrame:
    """A typed events table from a few partial rows (unset columns empty / unknown)."""
    base = {"event_id": "e", "event_date": "2023-08-10", "date_precision": "", "place": "Kyiv", "location": "",
            "latitude": 50.45, "longitude": 30.52, "category": "attack", "title": "Strike", "killed": pd.NA,
            "injured": pd.NA, "source": "", "source_url": "", "quote": ""}
    frame = pd.DataFrame([{**base, "event_id": f"e{i}", **row} for i, row in enumerate(rows)])
    for column in ("killed", "injured"):
        frame[column] = frame[column].astype("Int64")
    return frame


def open_file_page(page: object, path: Path) -> list[str]:
    """Load a standalone map page from file://; the list fills with its dialogs and page errors
    (hostile data must raise neither)."""
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(path.as_uri())
    return problems


def _browser_unavailable(reason: str) -> None:
    if os.environ.get("MAPAPP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"MAPAPP_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A playwright ``Browser`` (headless /usr/bin/chromium), shared by the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_unavailable("playwright is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        _browser_unavailable(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def block_non_local(page: object) -> list[str]:
    """Abort every request that is not to this machine; return the list of blocked URLs.

    file:// and data: URLs have no hostname and are allowed; a test that passes only with
    internet access is a broken test.
    """
    blocked: list[str] = []

    def route(r: object) -> None:
        url = r.request.url
        if urlparse(url).scheme in ("file", "data", "blob") or urlparse(url).hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)
    return blocked


@pytest.fixture()
def offline_page(browser: object) -> Iterator[object]:
    """A fresh page in its own context with every non-local request blocked.

    ``page.blocked_urls`` lists what was blocked, so a test can show what the page tried
    to fetch from the internet.
    """
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    page.blocked_urls = block_non_local(page)
    try:
        yield page
    finally:
        context.close()
