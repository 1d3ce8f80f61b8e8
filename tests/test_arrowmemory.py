"""Arrow's allocator: jemalloc unless the operator chose one (mapapp.arrowmemory)."""

from __future__ import annotations

import pyarrow as pa
import pytest
from conftest import REPO, checkout_env

from mapapp import arrowmemory

HAS_JEMALLOC = True
try:
    pa.jemalloc_memory_pool()
except NotImplementedError:  # pragma: no cover - depends on the wheel
    HAS_JEMALLOC = False


@pytest.fixture(autouse=True)
def restore_pool(monkeypatch):
    """Each test starts from mimalloc (pyarrow's Linux default) and leaves the pool as it found it."""
    before = pa.default_memory_pool()
    monkeypatch.delenv(arrowmemory.POOL_ENV, raising=False)
    pa.set_memory_pool(pa.mimalloc_memory_pool())
    yield
    pa.set_memory_pool(before)


@pytest.mark.skipif(not HAS_JEMALLOC, reason="this pyarrow wheel has no jemalloc")
def test_jemalloc_is_chosen_when_the_operator_chose_nothing():
    assert arrowmemory.use_preferred_pool() == "jemalloc"
    assert pa.default_memory_pool().backend_name == "jemalloc"
    assert pa.array(["a table's text"] * 3).to_pylist()[0] == "a table's text"


@pytest.mark.skipif(not HAS_JEMALLOC, reason="this pyarrow wheel has no jemalloc")
def test_calling_it_again_changes_nothing(monkeypatch):
    arrowmemory.use_preferred_pool()
    switched = []
    monkeypatch.setattr(arrowmemory.pa, "set_memory_pool", switched.append)
    assert arrowmemory.use_preferred_pool() == "jemalloc"
    assert switched == []  # each app rerun calls it: the pool is set once


@pytest.mark.parametrize("chosen", ["mimalloc", "system", " system "])
def test_the_operators_choice_in_the_environment_is_kept(monkeypatch, chosen):
    monkeypatch.setenv(arrowmemory.POOL_ENV, chosen)
    assert arrowmemory.use_preferred_pool() == "mimalloc"  # what this process started with stays


def test_a_wheel_without_jemalloc_keeps_its_default(monkeypatch):
    def no_jemalloc():
        raise NotImplementedError("jemalloc support is not enabled")

    monkeypatch.setattr(arrowmemory.pa, "jemalloc_memory_pool", no_jemalloc)
    assert arrowmemory.use_preferred_pool() == "mimalloc"


@pytest.mark.skipif(not HAS_JEMALLOC, reason="this pyarrow wheel has no jemalloc")
def test_the_cli_reads_its_table_through_jemalloc(tmp_path):
    """The CLI sets the pool before any command runs (a fresh process, as a user starts it)."""
    import subprocess
    import sys

    events = tmp_path / "events.csv"
    events.write_text("event_id,event_date,date_precision,place,latitude,longitude,category,source\n"
                      "e1,2023-08-01,day,Kyiv,50.45,30.52,attack,test\n", encoding="utf-8")
    code = ("import pyarrow as pa, sys; from mapapp.cli import main\n"
            "try:\n    main(['validate', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print(pa.default_memory_pool().backend_name)")
    env = {k: v for k, v in checkout_env().items() if k != arrowmemory.POOL_ENV}
    done = subprocess.run([sys.executable, "-c", code, str(events)], capture_output=True, text=True, env=env,
                          cwd=REPO, check=True)
    assert done.stdout.strip().splitlines()[-1] == "jemalloc"
