"""Progress on long runs: a bar on a terminal only (never in pipes, logs or tests, never with
--quiet), every row or document counted once, and a final summary line with the time taken."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, checkout_env

from mapapp.cli import main
from mapapp.importers import ImportOptions, import_paths
from mapapp.progress import progress_bar, wants_bar

DATA = REPO / "tests" / "data" / "import"
SEED = REPO / "seeds" / "000_b6686d985d54f9ba.txt"
GENERIC_COLUMNS = {"latitude": "lat", "longitude": "lng", "event_date": "when", "place": "town", "category": "kind",
                   "title": "headline"}


class FakeTerminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("tty", "quiet", "bar"), [(True, False, True), (True, True, False), (False, False, False),
                                                    (False, True, False)])
def test_a_bar_only_on_a_terminal_and_not_when_quiet(tty: bool, quiet: bool, bar: bool) -> None:
    stream = FakeTerminal(tty)
    assert wants_bar(stream, quiet) is bar
    with progress_bar("working", "doc", total=3, quiet=quiet, stream=stream) as progress:
        progress.update(3)
    assert ("working" in stream.getvalue()) is bar


@pytest.mark.parametrize("chunk_rows", [1, 3, 200_000])
@pytest.mark.parametrize("source", ["acled_sample.csv", "acled_multiline.csv", "points.geojson", "generic.csv",
                                    "timemap/export_events.json"])
def test_import_counts_every_row_read_once(monkeypatch, source: str, chunk_rows: int) -> None:
    monkeypatch.setattr("mapapp.importers.acled.CHUNK_ROWS", chunk_rows)
    counts: list[int] = []
    columns = GENERIC_COLUMNS if source == "generic.csv" else {}
    results = import_paths([DATA / source], ImportOptions(columns=columns, progress=counts.append))
    assert sum(counts) == results[0].rows_read > 0


def test_import_of_several_files_counts_all_their_rows() -> None:
    counts: list[int] = []
    results = import_paths([DATA / "acled_sample.csv", DATA / "points.geojson"], ImportOptions(progress=counts.append))
    assert sum(counts) == sum(r.rows_read for r in results)


SUMMARY = re.compile(r"in \d+\.\d s$")


@pytest.mark.parametrize("command", [
    ["import", str(DATA / "points.geojson")],
    ["geocode", str(DATA / "generic.csv"), "--context", "Ukraine"],
    ["extract", str(SEED)],
])
def test_no_bar_when_stderr_is_not_a_terminal_and_a_timed_summary(tmp_path: Path, command: list[str]) -> None:
    if command[0] == "geocode":
        (tmp_path / "p.csv").write_text("place\nKyiv\nBachmoet\n?\n")
        command = ["geocode", str(tmp_path / "p.csv")]
    result = CliRunner().invoke(main, [*command, "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert "\r" not in result.stderr and "it/s" not in result.stderr
    assert SUMMARY.search(result.stderr.splitlines()[-1])


def run_on_a_terminal(args: list[str]) -> str:
    """Run ``python -m mapapp ARGS`` with stderr on a pseudo-terminal; what it wrote there."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 24 x 100, as a terminal has
    process = subprocess.Popen([sys.executable, "-m", "mapapp", *args], cwd=REPO, env=checkout_env(),
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(controller, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(controller)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(("quiet", "bar"), [(False, True), (True, False)])
def test_a_bar_on_a_real_terminal_unless_quiet(tmp_path: Path, quiet: bool, bar: bool) -> None:
    out = tmp_path / "out.csv"
    written = run_on_a_terminal(["import", str(DATA / "acled_sample.csv"), "-o", str(out),
                                 *(["--quiet"] if quiet else [])])
    assert ("importing" in written) is bar
    assert f"{out}: wrote 5 events" in written  # the summary is there either way
