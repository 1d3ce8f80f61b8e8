"""``mapapp extract`` and ``mapapp geocode`` past one machine: the same work on a Dask cluster.

Same answers.  Both commands are per-item maps with no state shared between items
(extraction is per document; geocoding is per distinct place, so a place geocodes to the
same answer on any worker), so the cluster runs exactly the single-process functions
(``extract.extract_documents``, ``geocode.geocode_table``) on ordered chunks and the
chunks are put back in their order: the same rows in the same order as without Dask.

Once per worker.  The gazetteer (0.5 s, ~300 MB) is loaded by the first task a worker
runs and kept for every later task on that worker (``_worker_gazetteer`` and
``_worker_geocoder`` are per-process caches; Dask workers are processes), never shipped
from the client.

Output.  A ``.parquet`` output is written as a partitioned Parquet data set, a directory
with one ``part-NNNNN.parquet`` per chunk, each written by the worker that made it, so the
client never holds the whole table.  The parts go into a temporary directory beside the
target, renamed into place only when every chunk succeeded: never half a data set.  On a
real cluster the output path must be on storage every worker and the client see (NFS, a
mounted bucket).  A CSV output is gathered on the client and written as usual.

Where.  ``scheduler=None`` starts a ``LocalCluster`` (one single-threaded worker process
per core, or ``workers``); ``scheduler="tcp://host:8786"`` uses a running cluster whose
workers have mapapp and its requirements installed (see the README's "On a cluster").
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from mapapp.errors import InputError, Problem
from mapapp.load import normal_mode, write_parquet

PART_NAME = "part-{:05d}.parquet"
DEFAULT_DOCS_PER_TASK = 50


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None, timeout: str = "10s") -> Iterator[object]:
    """A ``distributed.Client`` to ``scheduler``, or to a LocalCluster started (and stopped) here."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            problem = Problem("--scheduler", None, "", f"cannot reach the Dask scheduler at {scheduler!r} ({exc})")
            raise InputError(str(problem), [problem]) from None
        with client:
            yield client
        return
    count = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


@lru_cache(maxsize=1)
def _worker_gazetteer() -> object:
    """The worker process's gazetteer, loaded by its first extraction task only."""
    from mapapp.gazetteer import load_gazetteer

    return load_gazetteer()


@lru_cache(maxsize=1)
def _worker_geocoder() -> object:
    """The worker process's offline geocoder (memory cache: workers must not share a cache file)."""
    from mapapp.geocode import default_geocoder

    return default_geocoder(online=False, cache_dir="")


def prepare_worker() -> None:
    """Load the gazetteer and the extractor on a worker now (``client.run(prepare_worker)``), so
    that a benchmark can time start-up and extraction apart."""
    import mapapp.extract  # noqa: F401  (the import is the work)

    _worker_gazetteer()


def worker_loads() -> dict[str, int]:
    """How often this process built its gazetteer and its geocoder for cluster tasks (``client.run`` it)."""
    return {"gazetteer": _worker_gazetteer.cache_info().misses, "geocoder": _worker_geocoder.cache_info().misses}


def chunks(items: Sequence, size: int) -> list[list]:
    """``items`` in consecutive pieces of ``size`` (the last may be shorter), order kept."""
    return [list(items[start:start + size]) for start in range(0, len(items), max(size, 1))]


@dataclass
class ChunkResult:
    """What one task returns: its events (or the part file it wrote), counts, and bad documents."""

    events: pd.DataFrame | None
    part: str | None
    documents: int
    rows: int
    unresolved: int
    problems: list[Problem]


def _write_part(table: pd.DataFrame, directory: str | None, number: int, events: bool = True) -> str | None:
    """Write one chunk as ``part-NNNNN.parquet``: an events table as GeoParquet, any other table as it is."""
    if directory is None:
        return None
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(directory) / PART_NAME.format(number)
    if events:
        write_parquet(table, path)
    else:
        pq.write_table(pa.Table.from_pandas(table, preserve_index=False), path, compression="zstd")
    return str(path)


def extract_chunk(paths: list[str], date: str | None, directory: str | None, number: int) -> ChunkResult:
    """Extract one chunk of documents on a worker; bad documents are returned, not raised."""
    from mapapp.extract import extract_documents

    try:
        table, summary = extract_documents(paths, date, gazetteer=_worker_gazetteer())
    except InputError as exc:
        return ChunkResult(None, None, len(paths), 0, 0, exc.problems or [Problem("", None, "", str(exc))])
    part = _write_part(table, directory, number)
    return ChunkResult(None if part else table, part, summary.documents, len(table), summary.unresolved, [])


def geocode_chunk(frame: pd.DataFrame, default_context: str | None, directory: str | None,
                  number: int) -> ChunkResult:
    """Geocode one chunk of rows on a worker with its own offline geocoder."""
    from mapapp.geocode import geocode_table

    table = geocode_table(frame, _worker_geocoder(), default_context=default_context)
    unresolved = int(table["latitude"].isna().sum())
    part = _write_part(table, directory, number, events=False)
    return ChunkResult(None if part else table, part, len(frame), len(table), unresolved, [])


@dataclass
class ClusterRun:
    """The combined outcome: the table (CSV outputs) or the data set directory (Parquet), and counts."""

    events: pd.DataFrame | None
    directory: str | None
    documents: int
    rows: int
    unresolved: int


@contextmanager
def _staging(output: str | None) -> Iterator[str | None]:
    """A temporary directory beside ``output`` that becomes ``output`` only if the block succeeds."""
    if output is None:
        yield None
        return
    target = Path(output)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        problem = Problem(str(target), None, "", f"directory {parent} does not exist")
        raise InputError(str(problem), [problem])
    staging = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    os.chmod(staging, normal_mode(target, directory=True))  # mkdtemp's 0o700 would survive the rename
    try:
        yield staging
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run(client, tasks: list[tuple], function, parquet_dir: str | None) -> ClusterRun:
    futures = [client.submit(function, *args, pure=False) for args in tasks]
    results: list[ChunkResult] = client.gather(futures)
    problems = [p for r in results for p in r.problems]
    if problems:
        raise InputError(f"{len(problems)} problem(s)", problems)
    frames = [r.events for r in results if r.events is not None]
    events = (pd.concat(frames, ignore_index=True) if frames else None) if parquet_dir is None else None
    return ClusterRun(events, parquet_dir, sum(r.documents for r in results), sum(r.rows for r in results),
                      sum(r.unresolved for r in results))


def extract_on_cluster(client, paths: Sequence[str], date: str | None = None, parquet_dir: str | None = None,
                       docs_per_task: int = DEFAULT_DOCS_PER_TASK) -> ClusterRun:
    """``extract_documents`` over ``paths`` in ordered chunks on ``client``'s workers.

    With ``parquet_dir`` each chunk is written there as ``part-NNNNN.parquet`` (chunk order);
    otherwise the tables come back and are concatenated in order.  Bad documents anywhere
    are all reported together and nothing is returned.
    """
    tasks = [(chunk, date, parquet_dir, number) for number, chunk in enumerate(chunks(list(paths), docs_per_task))]
    return _run(client, tasks, extract_chunk, parquet_dir)


def geocode_on_cluster(client, frame: pd.DataFrame, default_context: str | None = None,
                       parquet_dir: str | None = None, rows_per_task: int | None = None) -> ClusterRun:
    """``geocode_table`` over ``frame`` in ordered row chunks on ``client``'s workers."""
    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    size = rows_per_task or max(1, -(-len(frame) // (workers * 4)))
    tasks = [(frame.iloc[start:start + size], default_context, parquet_dir, number)
             for number, start in enumerate(range(0, len(frame), size))]
    return _run(client, tasks, geocode_chunk, parquet_dir)


@contextmanager
def partitioned_output(output: str, parquet: bool) -> Iterator[str | None]:
    """The staging directory for a partitioned Parquet ``output`` (renamed into place on success), or None."""
    with _staging(output if parquet else None) as directory:
        yield directory
