"""A table read from Parquet gives the same events, problems and notes as the same table read from CSV.

Parquet keeps coordinates and counts typed (float64, int64) instead of turning them into text
and parsing them back (``columnar.parquet_frame``); the validator and the typing take them as
numbers.  These properties hold that shortcut to the text path: the CSV holds the text a
Parquet number stands for (``schema.number_text``), and both files must load alike, hostile
cells included.  Rows are lines in a CSV (record + 1, after the header) and records in Parquet.
"""

from __future__ import annotations

import csv
import io
import math
import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapapp.columnar import parquet_frame
from mapapp.errors import Problem
from mapapp.importers.csvgeneric import import_csv
from mapapp.importers.parquet import import_parquet
from mapapp.load import _needs_repair, _text_bytes, check_events, parse_csv_text, read_parquet_events
from mapapp.schema import blank_cells, date_span, event_spans, is_number_column, number_text

# Hostile text: edge whitespace (ASCII, NBSP, em space, separators Python and Arrow may see
# differently), CR, quotes, spreadsheet formula triggers, accents.  No NUL: a CSV with one is binary.
TEXT = st.text(alphabet=" \t\r\n\u00a0\u2003\x1cab'=+-@,\"é", max_size=6)
IDS = st.sampled_from(["a", "b", " a ", "c\r", "=x", "'=y"])
DATES = st.sampled_from(["2023-08-01", "2023-02-30", "2023-08", "2023", "0203-01-01", "2023-08-01T10:00:00Z",
                         " 2023-08-01 ", "", "garbage", "\uff12\uff10\uff12\uff13-08-01", "2023-08-01 25:00"])
NUMBERS = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0.0, -0.0, 3.0, 3.5, -2.0, 90.0, 90.000001, -180.0, 1e16, 2.0 ** 53, 1e-7]))
COUNTS = st.one_of(st.none(), st.integers(min_value=-5, max_value=2 ** 60))


def _rows(draw_size: int = 8):
    return st.lists(st.fixed_dictionaries({
        "event_id": IDS, "event_date": DATES, "category": st.sampled_from(["attack", "", " fighting "]),
        "place": TEXT, "title": TEXT, "latitude": NUMBERS, "longitude": NUMBERS, "killed": NUMBERS,
        "injured": COUNTS, "country_code": st.sampled_from(["UA", "ua", "", " PL "]),
        "source_url": st.sampled_from(["https://a.example/x", "javascript:alert(1)", "", " http://b.example "]),
        "note": TEXT,
    }), min_size=1, max_size=draw_size)


def parquet_bytes(rows: list[dict]) -> bytes:
    columns = {}
    for name in rows[0]:
        values = [row[name] for row in rows]
        kind = {"latitude": pa.float64(), "longitude": pa.float64(), "killed": pa.float64(),
                "injured": pa.int64()}.get(name, pa.string())
        columns[name] = pa.array(values, type=kind)
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table(columns), sink)
    return sink.getvalue().to_pybytes()


def csv_bytes(rows: list[dict]) -> bytes:
    """The same table as a CSV: numbers as the text they stand for, everything quoted."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    header = list(rows[0])
    writer.writerow(header)
    for row in rows:
        cells = []
        for value in (row[name] for name in header):
            if value is None:
                cells.append("")
            elif isinstance(value, float):
                cells.append(number_text(pd.Series([value]))[0])
            else:
                cells.append(str(value))
        writer.writerow(cells)
    return out.getvalue().encode()


def addressed(problems: list[Problem], record_of: dict[int, int] | None = None) -> list[tuple]:
    """Problems without the unit: (record, column, message with each line or record number made a
    record number).  ``record_of`` maps a CSV's lines to records (a quoted cell may span lines)."""
    def record(number: int) -> int:
        return record_of[number] if record_of is not None else number

    def message(text: str) -> str:
        return re.sub(r"(line|record) (\d+)", lambda m: f"record {record(int(m.group(2)))}", text)
    return [(record(p.line) if p.line else p.line, p.column, message(p.message)) for p in problems]


def records_by_line(data: bytes) -> dict[int, int]:
    return {int(line): number for number, line in enumerate(parse_csv_text(data.decode(), "t").lines, start=1)}


def same_events(from_parquet: pd.DataFrame, from_csv: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(from_parquet.reset_index(drop=True), from_csv.reset_index(drop=True))


SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@SETTINGS
@given(_rows())
def test_import_reads_parquet_as_it_reads_the_same_csv(rows: list[dict]) -> None:
    parquet, data = import_parquet(parquet_bytes(rows), "t"), csv_bytes(rows)
    text, record_of = import_csv(data, "t"), records_by_line(data)
    events = text.events.assign(geo_source=text.events["geo_source"].replace("csv import", "parquet import"))
    same_events(parquet.events, events)
    assert addressed(parquet.problems) == addressed(text.problems, record_of)
    assert addressed(parquet.notes) == addressed(text.notes, record_of)
    assert (parquet.rows_read, parquet.rows_merged) == (text.rows_read, text.rows_merged)


@SETTINGS
@given(_rows())
def test_load_reads_parquet_as_it_reads_the_same_csv(rows: list[dict]) -> None:
    parquet, data = read_parquet_events(parquet_bytes(rows), "t"), csv_bytes(rows)
    text, record_of = check_events(parse_csv_text(data.decode(), "t")), records_by_line(data)
    same_events(parquet.events, text.events)
    # The two loaders list a row's problems in different orders (by column name, by schema order).
    assert sorted(addressed(parquet.problems)) == sorted(addressed(text.problems, record_of))
    assert addressed(parquet.notes) == addressed(text.notes, record_of)


@pytest.mark.parametrize(("value", "text"), [
    (3.0, "3"), (-0.0, "0"), (2.5, "2.5"), (float("nan"), ""), (float("inf"), "inf"), (-float("inf"), "-inf"),
    (1e20, "1e+20"), (2.0 ** 53, "9.007199254740992e+15"), (2.0 ** 53 - 1, "9007199254740991"),
    (0.00001, "0.00001"), (123.456, "123.456"),
])
def test_number_text_is_the_text_a_csv_holds(value: float, text: str) -> None:
    assert number_text(pd.Series([value])).tolist() == [text]
    assert math.isnan(value) or float(text) == value or text == "0"


@pytest.mark.parametrize(("values", "expected"), [
    (pd.Series([1.0, float("nan")]), [False, True]),
    (pd.Series(["", " ", "x"]), [True, False, False]),  # text cells count as empty only when ""
    (pd.Series(["", None], dtype=object), [True, True]),
])
def test_blank_cells_are_empty_text_or_nan_numbers(values: pd.Series, expected: list[bool]) -> None:
    assert blank_cells(values).tolist() == expected


@pytest.mark.parametrize(("values", "numbers"), [
    (pd.Series([1.5]), True), (pd.Series(["1.5"]), False), (pd.Series([1], dtype="Int64"), False),
    (pd.Series([], dtype="float64"), True),
])
def test_only_float_columns_are_number_columns(values: pd.Series, numbers: bool) -> None:
    assert is_number_column(values) is numbers


@pytest.mark.parametrize(("column", "expected"), [
    (pa.array([1.5, None, float("nan"), -0.0]), [1.5, None, None, 0.0]),  # NaN and null both empty; -0 reads "0"
    (pa.array([3, None], type=pa.int32()), [3.0, None]),
    (pa.array([2 ** 53], type=pa.int64()), None),  # past float64's whole numbers: read as text
    (pa.array([1.5], type=pa.float32()), None),  # float32's text would not be float64's
    (pa.array(["1.5"]), None),
])
def test_parquet_frame_keeps_exact_numbers_as_numbers(column: pa.Array, expected: list | None) -> None:
    frame, _ = parquet_frame(parquet_bytes_of({"latitude": column}), "t.parquet")
    values = frame["latitude"]
    if expected is None:
        assert not is_number_column(values)
    else:
        assert [None if math.isnan(v) else v for v in values.tolist()] == expected
        assert all(math.copysign(1.0, v) == 1.0 for v in values[values == 0])  # +0, as the text "0" reads


@pytest.mark.parametrize(("dates", "precisions", "first", "last"), [
    (["2023-08-01", "2023-08", "2023", "bad"], None,
     ["2023-08-01", "2023-08-01", "2023-01-01", None], ["2023-08-01", "2023-08-31", "2023-12-31", None]),
    (["2023-08-15", "2023-08-15"], ["month", "day"], ["2023-08-01", "2023-08-15"], ["2023-08-31", "2023-08-15"]),
])
def test_event_spans_are_date_span_of_every_event(dates: list[str], precisions: list[str] | None,
                                                   first: list, last: list) -> None:
    start, end = event_spans(pd.Series(dates), None if precisions is None else pd.Series(precisions))
    assert [None if pd.isna(d) else str(d.date()) for d in start] == first
    assert [None if pd.isna(d) else str(d.date()) for d in end] == last
    reference = date_span(pd.Series(dates), None if precisions is None else pd.Series(precisions))
    pd.testing.assert_series_equal(start, reference[0], check_dtype=False)


@pytest.mark.parametrize(("cells", "repair"), [
    (["plain", "text"], False), (["'=1+1", "x"], True), (["a\rb"], True), (["nul\x00"], True),
    (["it's", "x'=y"], False), ([], False),
])
def test_typed_events_looks_for_repairs_in_one_cheap_pass(cells: list[str], repair: bool) -> None:
    assert _needs_repair(pd.Series(cells, dtype=object)) is repair


def parquet_bytes_of(columns: dict) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table(columns), sink)
    return sink.getvalue().to_pybytes()


@pytest.mark.parametrize(("text", "expected"), [
    (pa.chunked_array([pa.array(["ab", "c"])]), [b"abc"]),
    (pa.chunked_array([pa.array(["ab\r", "cd", "ef"]).slice(1), pa.array(["gh", "i\x00"]).slice(0, 1)]),
     [b"cdef", b"gh"]),  # a slice gives only its own cells' bytes, never its neighbours'
    (pa.chunked_array([pa.array(["x"], type=pa.large_string())]), [b"x"]),
    (pa.chunked_array([pa.array([], type=pa.string())]), []),
])
def test_text_bytes_are_the_cells_of_each_chunk_run_together(text: pa.ChunkedArray, expected: list[bytes]) -> None:
    assert list(_text_bytes(text)) == expected
