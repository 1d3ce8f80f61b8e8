"""Specification of Parquet/GeoParquet events tables: round trip, GeoParquet metadata, validation by record."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mapapp.columnar import (
    dictionary_columns,
    events_to_parquet_bytes,
    is_parquet,
    is_parquet_path,
    parquet_cells,
    read_parquet_table,
    text_array,
)
from mapapp.errors import InputError
from mapapp.importers import detect_format, import_upload
from mapapp.load import load_events, read_parquet_events, write_parquet

ROOT = Path(__file__).resolve().parents[1]


def parquet_of(columns: dict) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table(columns), sink)
    return sink.getvalue().to_pybytes()


def wkb_point(lng: float, lat: float, order: str = "<") -> bytes:
    return struct.pack(order + "BIdd", 1 if order == "<" else 0, 1, lng, lat)


@pytest.fixture(scope="module")
def bundled() -> pd.DataFrame:
    return load_events(ROOT / "events.csv").events


def test_round_trip_keeps_every_value_and_type(bundled: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    write_parquet(bundled, path)
    result = read_parquet_events(path.read_bytes(), str(path))
    assert result.problems == []
    pd.testing.assert_frame_equal(result.events, bundled)
    assert str(result.events["killed"].dtype) == "Int64"  # unknown stays <NA>, never 0


def test_file_is_geoparquet_with_wkb_points(bundled: pd.DataFrame) -> None:
    table = pq.read_table(pa.BufferReader(events_to_parquet_bytes(bundled)))
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    assert geo["columns"]["geometry"]["geometry_types"] == ["Point"]
    west, south, east, north = geo["columns"]["geometry"]["bbox"]
    assert west == bundled["longitude"].min() and north == bundled["latitude"].max()
    first = bundled.index[bundled["latitude"].notna()][0]
    assert table.column("geometry")[int(first)].as_py() == wkb_point(bundled.at[first, "longitude"],
                                                                      bundled.at[first, "latitude"])
    unlocated = bundled["latitude"].isna()
    assert table.column("geometry").null_count == int(unlocated.sum())


@pytest.mark.parametrize(("name", "expected"), [
    ("events.parquet", True), ("x.GEOPARQUET", True), ("a.pq", True), ("events.csv", False), ("parquet", False),
])
def test_parquet_is_chosen_by_file_name(name: str, expected: bool) -> None:
    assert is_parquet_path(name) is expected


def test_parquet_bytes_are_detected_for_import_and_upload(bundled: pd.DataFrame) -> None:
    data = events_to_parquet_bytes(bundled)
    assert is_parquet(data) and not is_parquet(b"PAR1 but a text")
    assert detect_format(data, "upload.bin") == "parquet"
    result = import_upload(data, "upload.parquet")
    assert result.format == "parquet" and len(result.events) == len(bundled) and result.problems == []


BASE = {"event_id": ["a", "b", "c"], "event_date": ["2023-08-01", "2023-02-30", "2023-08"],
        "place": ["Kyiv", "Lviv", "Odesa"], "category": ["attack", "attack", "other"], "title": ["t1", "t2", "t3"],
        "latitude": pa.array([None] * 3, type=pa.float64()), "longitude": pa.array([None] * 3, type=pa.float64())}


@pytest.mark.parametrize(("extra", "expected"), [
    ({}, ["t.parquet:record 2: event_date: '2023-02-30' is not a real date"]),
    ({"latitude": [50.45, 200.0, None], "longitude": [30.52, 24.0, None]},
     ["t.parquet:record 2: event_date: '2023-02-30' is not a real date",
      "t.parquet:record 2: latitude: 200 is outside [-90, 90]"]),
    ({"killed": [1.0, None, -2.0]},
     ["t.parquet:record 2: event_date: '2023-02-30' is not a real date", "t.parquet:record 3: killed: -2 is negative"]),
    ({"source_url": ["javascript:alert(1)", "", ""]},
     ["t.parquet:record 1: source_url: 'javascript:alert(1)' is not an http(s) URL",
      "t.parquet:record 2: event_date: '2023-02-30' is not a real date"]),
])
def test_bad_rows_are_listed_by_record_and_left_out(extra: dict, expected: list[str]) -> None:
    result = read_parquet_events(parquet_of({**BASE, **extra}), "t.parquet")
    assert [str(p) for p in result.problems] == expected
    assert result.rows_read == 3
    assert len(result.events) == 3 - len({p.line for p in result.problems})


def test_missing_required_column_refuses_the_file() -> None:
    with pytest.raises(InputError) as caught:
        read_parquet_events(parquet_of({"event_id": ["a"], "place": ["Kyiv"]}), "t.parquet")
    assert caught.value.lines() == [f"t.parquet: {c}: required column is missing"
                                    for c in ("event_date", "latitude", "longitude", "category", "title")]


@pytest.mark.parametrize("data", [b"PAR1garbagePAR1", b"not parquet at all", b""])
def test_unreadable_bytes_are_one_clean_error(data: bytes) -> None:
    with pytest.raises(InputError) as caught:
        read_parquet_events(data, "t.parquet")
    assert caught.value.lines()[0].startswith("t.parquet: not a readable Parquet file")


def test_foreign_geoparquet_gets_coordinates_from_its_points() -> None:
    without_coordinates = {k: v for k, v in BASE.items() if k not in ("latitude", "longitude")}
    data = parquet_of({**without_coordinates, "event_date": ["2023-08-01"] * 3,
                       "geometry": [wkb_point(30.52, 50.45), wkb_point(24.03, 49.84, ">"),
                                    struct.pack("<BII", 1, 2, 0)]})
    frame, problems = parquet_cells(data, "g.parquet")
    assert frame["latitude"].tolist()[:2] == ["50.45", "49.84"]
    assert [str(p) for p in problems] == ["g.parquet:3: geometry: WKB geometry type 2 is not a Point; an event "
                                          "needs one position"]
    result = read_parquet_events(data, "g.parquet")
    assert result.events["event_id"].tolist() == ["a", "b"]
    assert str(result.problems[0]).startswith("g.parquet:record 3: geometry:")


@pytest.mark.parametrize(("values", "expected"), [
    (pa.array([1.0, 2.5, float("nan"), None]), ["1", "2.5", "", ""]),
    (pa.array([pd.Timestamp("2023-08-01"), None]), ["2023-08-01", ""]),
    (pa.array([3, None], type=pa.int32()), ["3", ""]),
    (pa.array([True, False]), ["true", "false"]),
    (pa.array([" padded ", None]), ["padded", ""]),
])
def test_cells_read_as_the_text_a_csv_would_hold(values: pa.Array, expected: list[str]) -> None:
    frame, _ = parquet_cells(parquet_of({"x": values}), "t.parquet")
    assert frame["x"].tolist() == expected


def test_load_events_and_write_events_choose_parquet_by_content_and_name(bundled: pd.DataFrame,
                                                                          tmp_path: Path) -> None:
    from mapapp.load import write_events

    path = tmp_path / "events.parquet"
    write_events(bundled, path)
    assert is_parquet(path.read_bytes())
    pd.testing.assert_frame_equal(load_events(path).events, bundled)
    pd.testing.assert_frame_equal(load_events(path.read_bytes(), "up.parquet").events, bundled)
    write_events(bundled, tmp_path / "events.csv")
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").startswith("event_id,")


def test_import_command_writes_parquet_and_map_reads_it(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = tmp_path / "events.parquet"
    done = subprocess.run([sys.executable, "-m", "mapapp", "import", str(ROOT / "events.csv"), "-o", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(read_parquet_events(out.read_bytes(), "x").events) == len(load_events(ROOT / "events.csv").events)
    page = tmp_path / "map.html"
    done = subprocess.run([sys.executable, "-m", "mapapp", "map", str(out), "-o", str(page)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "drew" in done.stdout and page.stat().st_size > 0


@pytest.mark.parametrize("dtype", [object, pd.StringDtype("python"), pd.StringDtype("pyarrow"),
                                   pd.StringDtype("pyarrow", na_value=float("nan"))])
def test_text_columns_become_arrow_strings_with_empty_for_missing_whatever_their_pandas_dtype(dtype) -> None:
    values = pd.Series(["Kyiv", None, "", " =1+1", "Zaporizja \u00e9"], dtype=dtype)
    got = text_array(values)
    assert got.type == pa.string()
    assert got.to_pylist() == ["Kyiv", "", "", " =1+1", "Zaporizja \u00e9"]


def _parquet(table: pa.Table, **options) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, **options)
    return sink.getvalue().to_pybytes()


_REPEATED = pa.table({"place": ["Kyiv", "Odesa"] * 500, "id": [f"e{i}" for i in range(1000)],
                      "n": list(range(1000)), "tags": [["a"], None] * 500})


@pytest.mark.parametrize(("data", "dictionaries"), [
    (_parquet(_REPEATED), ["place"]),  # ids fill plain pages: not read as a dictionary
    (_parquet(_REPEATED, use_dictionary=["id"]), []),  # place stored plain
    (_parquet(_REPEATED, row_group_size=300), ["place"]),  # several row groups, all dictionary pages
    (_parquet(_REPEATED.slice(0, 0)), []),
    (_parquet(pa.table({"quote": ["a long repeated quote " * 4] * 1000,
                        "cat": pa.array(["x"] * 1000).dictionary_encode()})),
     ["quote"]),  # a column the file itself stores as a dictionary stays one
], ids=["ids-plain", "place-stored-plain", "row-groups", "empty", "stored-dictionary"])
def test_parquet_table_reads_dictionary_text_as_a_plain_read_does(data: bytes, dictionaries: list[str]) -> None:
    assert dictionary_columns(pq.read_metadata(pa.BufferReader(data))) == dictionaries
    expected = pq.read_table(pa.BufferReader(data))
    assert read_parquet_table(data).equals(expected)
    assert read_parquet_table(data, expected.column_names[:1]).equals(expected.select(expected.column_names[:1]))


_PADDED = ["  Kyiv ", "Odesa", None, "\tKharkiv", ""] * 200
_STORED_DICTIONARY = pa.DictionaryArray.from_arrays(pa.array([0, 1, None, 2, 3] * 200, pa.int32()),
                                                    pa.array([" Kyiv", "Odesa ", "Lviv", " "]), ordered=True)


@pytest.mark.parametrize("table", [
    pa.table({"place": _PADDED}),  # written as a dictionary page, read as a dictionary
    pa.table({"place": pa.array(_PADDED, pa.large_string())}),
    pa.table({"place": _STORED_DICTIONARY}),  # a file that stores an (ordered) dictionary type itself
], ids=["dictionary-page", "large-string", "stored-ordered-dictionary"])
@pytest.mark.parametrize("row_group_size", [None, 333], ids=["one-group", "row-groups"])
def test_dictionary_text_reads_as_the_plain_text_does(table: pa.Table, row_group_size: int | None) -> None:
    # Dictionary text is trimmed and decoded straight into pandas (its distinct values trimmed, not
    # its rows); the cells must be those the same column gives when stored plain.
    plain = pa.table({"place": table.column("place").cast(pa.string())})
    dictionary = _parquet(table, row_group_size=row_group_size)
    expected, _ = parquet_cells(_parquet(plain, use_dictionary=False), "plain.parquet")
    cells, _ = parquet_cells(dictionary, "dictionary.parquet")
    pd.testing.assert_frame_equal(cells, expected)
    assert cells["place"].tolist()[:5] == (["Kyiv", "Odesa", "", "Kharkiv", ""]
                                           if table.column("place").type != _STORED_DICTIONARY.type
                                           else ["Kyiv", "Odesa", "", "Lviv", ""])
