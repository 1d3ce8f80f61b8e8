"""Extraction and geocoding on a 2-worker LocalCluster give the single-process rows, in the same order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from mapapp.cluster import chunks, dask_client, extract_on_cluster, geocode_on_cluster, partitioned_output, worker_loads
from mapapp.errors import InputError
from mapapp.extract import extract_documents
from mapapp.geocode import default_geocoder, geocode_table
from mapapp.load import events_to_csv_text, read_parquet_events

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted(str(p) for p in (Path(__file__).parent / "data" / "extract").glob("*/*.txt"))
PLACES = pd.DataFrame({
    "place": ["Kupiansk", "Bachmoet", "?", "Zaporizja", "Kharkiv oblast, Kupiansk district", "Kupiansk", ""],
    "context": ["", "", "", "Oekraïne", "", "UA", ""],
    "note": list("abcdefg"),
})


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as client:
        yield client


@pytest.mark.parametrize(("items", "size", "expected"), [
    (list("abcde"), 2, [["a", "b"], ["c", "d"], ["e"]]), ([], 3, []), (list("ab"), 5, [["a", "b"]]),
])
def test_chunks_keep_order(items: list, size: int, expected: list) -> None:
    assert chunks(items, size) == expected


def test_extraction_matches_the_single_process_run(client) -> None:
    single, summary = extract_documents(DOCS)
    run = extract_on_cluster(client, DOCS, docs_per_task=2)
    pd.testing.assert_frame_equal(run.events, single)
    assert (run.documents, run.rows, run.unresolved) == (summary.documents, summary.events, summary.unresolved)


def test_extraction_writes_ordered_parquet_parts(client, tmp_path: Path) -> None:
    single, _ = extract_documents(DOCS)
    target = tmp_path / "events.parquet"
    with partitioned_output(str(target), parquet=True) as staging:
        run = extract_on_cluster(client, DOCS, parquet_dir=staging, docs_per_task=3)
    parts = sorted(target.iterdir())
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(-(-len(DOCS) // 3))]
    back = pd.concat([read_parquet_events(p.read_bytes(), p.name).events for p in parts], ignore_index=True)
    assert events_to_csv_text(back) == events_to_csv_text(single)
    assert run.rows == len(single) and not list(tmp_path.glob(".*.tmp"))


def test_bad_documents_are_all_reported_and_nothing_is_written(client, tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe bad")
    paths = [DOCS[0], str(tmp_path / "missing.txt"), *DOCS[1:3], str(tmp_path / "binary.txt")]
    target = tmp_path / "out.parquet"
    with pytest.raises(InputError) as caught, partitioned_output(str(target), parquet=True) as staging:
        extract_on_cluster(client, paths, parquet_dir=staging, docs_per_task=2)
    assert [line.split(":")[0] for line in caught.value.lines()] == [str(tmp_path / "missing.txt"),
                                                                     str(tmp_path / "binary.txt")]
    assert list(tmp_path.iterdir()) == [tmp_path / "binary.txt"]


def test_geocoding_matches_the_single_process_run(client) -> None:
    single = geocode_table(PLACES, default_geocoder(cache_dir=""))
    run = geocode_on_cluster(client, PLACES, rows_per_task=2)
    pd.testing.assert_frame_equal(run.events, single)
    assert run.unresolved == int(single["latitude"].isna().sum())


def test_gazetteer_is_loaded_once_per_worker(client) -> None:
    extract_on_cluster(client, DOCS, docs_per_task=1)
    geocode_on_cluster(client, PLACES, rows_per_task=1)
    loads = client.run(worker_loads)
    assert len(loads) == 2
    assert all(n["gazetteer"] <= 1 and n["geocoder"] <= 1 for n in loads.values())
    assert sum(n["gazetteer"] for n in loads.values()) >= 1


def test_unreachable_scheduler_is_one_clean_error() -> None:
    with pytest.raises(InputError) as caught, dask_client("tcp://127.0.0.1:9", timeout="1s"):
        pass
    assert caught.value.lines()[0].startswith("--scheduler: cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "mapapp", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_extract_command_on_dask_writes_the_same_rows_as_parquet_parts(tmp_path: Path) -> None:
    plain, parts = tmp_path / "plain.csv", tmp_path / "events.parquet"
    assert run_cli("extract", *DOCS[:4], "-o", str(plain), cwd=tmp_path).returncode == 0
    done = run_cli("extract", *DOCS[:4], "-o", str(parts), "--dask", "--workers", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    back = pd.concat([read_parquet_events(p.read_bytes(), p.name).events for p in sorted(parts.iterdir())],
                     ignore_index=True)
    assert events_to_csv_text(back) == plain.read_text(encoding="utf-8")
    assert "4 document(s)" in done.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("--dask", "--online"), "--online: cannot be combined with --dask"),
    (("--scheduler", "tcp://127.0.0.1:9", "--online"), "--online: cannot be combined with --dask"),
])
def test_geocode_command_refuses_online_on_dask(tmp_path: Path, args: tuple, message: str) -> None:
    source = tmp_path / "places.csv"
    PLACES.to_csv(source, index=False)
    done = run_cli("geocode", str(source), "-o", str(tmp_path / "out.csv"), *args, cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.strip().splitlines() == [message + ": Nominatim's 1 request/s "
                                                                          "cannot be shared by workers"]
    assert not (tmp_path / "out.csv").exists()
