"""Specification of ``mapapp.load``'s atomic writes: all or nothing, and the file mode a plain write gives.

The temporary file of an atomic write is private (0o600); the finished file must not be,
or a map meant for a web server or a colleague is unreadable to them.  Every writer in the
project goes through ``atomic_write`` (or ``normal_mode`` for a directory), so each is
checked here under several umasks.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from geopy.location import Location

from mapapp.cluster import partitioned_output
from mapapp.geocode import CachedGeocoder
from mapapp.load import atomic_write, load_events, normal_mode, write_events
from mapapp.mapbuild import write_map

REPO = Path(__file__).resolve().parents[1]
UMASKS = [0o022, 0o077, 0o002, 0o027]


@pytest.fixture(params=UMASKS, ids=lambda m: f"umask{m:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class _Found:
    """A geocoder that always answers, so the cache has something to save."""

    def geocode(self, query: str, exactly_one: bool = True, context: str | None = None) -> Location:
        return Location(query, (50.0, 30.0), {"note": "stub"})


def _write_text(path: Path) -> None:
    with atomic_write(path) as handle:
        handle.write("text\n")


def _write_bytes(path: Path) -> None:
    with atomic_write(path, "wb") as handle:
        handle.write(b"\x00bytes")


def _write_events(path: Path) -> None:
    write_events(load_events(REPO / "events.csv").events, path)


def _write_map(path: Path) -> None:
    write_map(load_events(REPO / "events.csv").events, path, assets="cdn")


def _save_geocode_cache(path: Path) -> None:
    cache = CachedGeocoder(_Found(), path)
    cache.geocode("Kyiv")
    cache.save()


WRITERS: dict[str, Callable[[Path], None]] = {
    "atomic_write text": _write_text,
    "atomic_write bytes": _write_bytes,
    "write_events (CSV)": _write_events,
    "write_map (HTML)": _write_map,
    "geocode cache": _save_geocode_cache,
}


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_a_new_file_gets_the_mode_a_plain_write_would_give(tmp_path: Path, umask: int, writer) -> None:
    plain, atomic = tmp_path / "plain", tmp_path / "atomic"
    plain.write_text("x")  # what open(path, "w") gives under this umask
    writer(atomic)
    assert mode_of(atomic) == mode_of(plain) == 0o666 & ~umask


@pytest.mark.parametrize("existing", [0o600, 0o640, 0o664, 0o444])
@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_an_overwritten_file_keeps_its_mode(tmp_path: Path, existing: int, writer) -> None:
    target = tmp_path / "out"
    target.write_text("old")
    target.chmod(existing)
    writer(target)
    assert mode_of(target) == existing
    assert target.read_bytes() != b"old"


def test_a_staged_directory_gets_the_mode_of_mkdir(tmp_path: Path, umask: int) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    target = tmp_path / "parts.parquet"
    with partitioned_output(str(target), parquet=True) as staging:
        Path(staging, "part-0.parquet").write_bytes(b"x")
    assert mode_of(target) == mode_of(plain) == 0o777 & ~umask


@pytest.mark.parametrize("umask_value", UMASKS)
def test_normal_mode_reads_the_umask_without_changing_it(tmp_path: Path, umask_value: int) -> None:
    previous = os.umask(umask_value)
    try:
        assert normal_mode(tmp_path / "new") == 0o666 & ~umask_value
        assert normal_mode(tmp_path / "new", directory=True) == 0o777 & ~umask_value
        assert os.umask(umask_value) == umask_value  # still what was set
    finally:
        os.umask(previous)


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write("new, half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_events_written_atomically_read_back_the_same(tmp_path: Path) -> None:
    events = load_events(REPO / "events.csv").events
    write_events(events, tmp_path / "e.csv")
    pd.testing.assert_frame_equal(load_events(tmp_path / "e.csv").events, events)
