"""Specification of the events table's validation: what is accepted, what is reported, and how.

Every case writes a small CSV, runs the loader (and the ``validate`` command), and checks the
exact ``FILE:LINE: column: problem`` lines, so the messages a user sees are part of the spec.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import checkout_env
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp.cli import main
from mapapp.errors import InputError
from mapapp.load import atomic_write, load_events, read_table, write_events
from mapapp.schema import COLUMN_NAMES, date_precision_of, date_span, parse_event_date, text_numbers

REPO = Path(__file__).resolve().parents[1]
HEADER = "event_id,event_date,date_precision,place,latitude,longitude,category,title,killed,injured,source_url"
GOOD = "e1,2023-08-10,day,Kyiv,50.45,30.52,attack,Strike,2,7,https://example.org/a"


def write(tmp_path: Path, text: str | bytes, name: str = "events.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2023-08-10", "day"), ("2023-08", "month"), ("2023", "year"), ("10-08-2023", None), ("2023/08/10", None),
     ("", None), ("August 2023", None), ("2023-8-1", None)],
)
def test_date_form_implies_precision(value: str, precision: str | None) -> None:
    assert date_precision_of(value) == precision


@pytest.mark.parametrize(
    ("value", "valid"),
    [("2024-02-29", True), ("2023-02-29", False), ("2023-02-30", False), ("2023-13", False), ("2023-00", False),
     ("2023-12-31", True), ("0000", False), ("0203-05-01", False), ("1999", True)],
)
def test_real_dates_only(value: str, valid: bool) -> None:
    assert (parse_event_date(value) is not None) is valid


@pytest.mark.parametrize(
    ("date", "precision", "start", "end"),
    [
        ("2023-08-10", "day", "2023-08-10", "2023-08-10"),
        ("2023-08", "month", "2023-08-01", "2023-08-31"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2022", "year", "2022-01-01", "2022-12-31"),
        ("2023-08-10", "month", "2023-08-01", "2023-08-31"),  # declared precision coarser than the form
    ],
)
def test_date_span_covers_the_whole_precision(date: str, precision: str, start: str, end: str) -> None:
    first, last = date_span(pd.Series([date]), pd.Series([precision]))
    assert first[0] == pd.Timestamp(start)
    assert last[0] == pd.Timestamp(end)


BROKEN_ROWS = [
    ("e2,2023-02-30,day,Kyiv,50,30,attack,t,,,", "event_date", "'2023-02-30' is not a real date"),
    ("e2,10/08/2023,,Kyiv,50,30,attack,t,,,", "event_date", "is not an ISO date"),
    ("e2,,,Kyiv,50,30,attack,t,,,", "event_date", "is empty"),
    ("e2,2023-08,day,Kyiv,50,30,attack,t,,,", "date_precision", "'day' is finer than the date '2023-08' allows"),
    ("e2,2023-08,hourly,Kyiv,50,30,attack,t,,,", "date_precision", "'hourly' is not one of day, month, year"),
    ("e2,2023-08,,Kyiv,95.5,30,attack,t,,,", "latitude", "95.5 is outside [-90, 90]"),
    ("e2,2023-08,,Kyiv,-90.01,30,attack,t,,,", "latitude", "outside [-90, 90]"),
    ("e2,2023-08,,Kyiv,50,180.5,attack,t,,,", "longitude", "180.5 is outside [-180, 180]"),
    ("e2,2023-08,,Kyiv,north,30,attack,t,,,", "latitude", "'north' is not a number"),
    ("e2,2023-08,,Kyiv,50,,attack,t,,,", "longitude", "is empty while latitude is set"),
    ("e2,2023-08,,Kyiv,,30,attack,t,,,", "latitude", "is empty while longitude is set"),
    ("e2,2023-08,,Kyiv,50,30,attack,t,-1,,", "killed", "-1 is negative"),
    ("e2,2023-08,,Kyiv,50,30,attack,t,,many,", "injured", "'many' is not a number"),
    ("e2,2023-08,,Kyiv,50,30,attack,t,2.5,,", "killed", "'2.5' is not a whole number"),
    ("e2,2023-08,,Kyiv,50,30,,t,,,", "category", "is empty"),
    (",2023-08,,Kyiv,50,30,attack,t,,,", "event_id", "is empty"),
    ("e2,2023-08,,Kyiv,50,30,attack,t,,,javascript:alert(1)", "source_url", "is not an http(s) URL"),
    ("e2,2023-08,,Kyiv,50,30,attack,t,,,https://x.org/a'onmouseover=alert(1)", "source_url", "is not an http(s) URL"),
    ("e2,2023-08,,Kyiv,50,30,attack,t,,,https://x.org/<script>", "source_url", "is not an http(s) URL"),
    ("e2,2023-08,,Kyiv,50,30,attack,t,,,,surplus", "", "12 cells but the header has 11"),
]


@pytest.mark.parametrize(("row", "column", "message"), BROKEN_ROWS)
def test_a_broken_row_is_named_by_file_line_and_column(tmp_path: Path, row: str, column: str, message: str) -> None:
    path = write(tmp_path, f"{HEADER}\n{GOOD}\n{row}\n")
    result = load_events(path)
    assert [p.line for p in result.problems] == [3] * len(result.problems)
    texts = [str(p) for p in result.problems]
    prefix = f"{path}:3: {column}: " if column else f"{path}:3: "
    assert any(t.startswith(prefix) and message in t for t in texts), texts
    # the good row still loads; the broken one is left out, not half-kept
    assert result.events["event_id"].tolist() == ["e1"]
    assert result.rows_read == 2


@pytest.mark.parametrize(
    ("rows", "ids", "originals", "merged", "note_lines"),
    [
        # a repeated id with other content: both kept, the later under a derived id
        ([GOOD, GOOD.replace("Strike", "Second strike")], ["e1", "e1~2"], ["e1", "e1"], 0, [3]),
        # an exact copy (same id, same content): merged and counted
        ([GOOD, GOOD], ["e1"], [""], 1, [3]),
        # the derived id never takes an id the file already uses
        ([GOOD, GOOD.replace("Strike", "B"), GOOD.replace("e1,", "e1~2,")], ["e1", "e1~3", "e1~2"],
         ["e1", "e1", ""], 0, [3]),
        # three of a kind: ~2, ~3, and an exact copy of the second merged into it
        ([GOOD, GOOD.replace("Strike", "B"), GOOD.replace("Strike", "B"), GOOD.replace("Strike", "C")],
         ["e1", "e1~2", "e1~3"], ["e1", "e1", "e1"], 1, [3, 4, 5]),
    ],
)
def test_a_repeated_id_keeps_every_row_under_a_derived_stable_id(
        tmp_path: Path, rows: list[str], ids: list[str], originals: list[str], merged: int,
        note_lines: list[int]) -> None:
    path = write(tmp_path, "\n".join([HEADER, *rows]) + "\n")
    result = load_events(path)
    assert result.problems == []
    assert result.events["event_id"].tolist() == ids
    assert result.events.get("original_event_id", pd.Series([""] * len(ids))).tolist() == originals
    assert (result.rows_read, result.rows_merged, result.rows_rejected) == (len(rows), merged, 0)
    assert [n.line for n in result.notes] == note_lines
    assert load_events(path).events.equals(result.events)  # stable: the same file gives the same ids


def test_repeated_id_note_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{GOOD}\n{GOOD.replace('Strike', 'Other')}\n{GOOD}\n")
    assert [str(n) for n in load_events(path).notes] == [
        f"{path}:3: event_id: id 'e1' repeats line 2; row kept as 'e1~2' (original id in original_event_id)",
        f"{path}:4: event_id: exact copy of line 2 (same id, same content); merged into it",
    ]


def test_a_repeated_id_on_a_rejected_row_is_not_noted(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{GOOD}\n{GOOD.replace('2023-08-10', '2023-02-30')}\n")
    result = load_events(path)
    assert [p.line for p in result.problems] == [3] and result.notes == []
    assert (result.rows_rejected, result.rows_merged) == (1, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"PK\x03\x04\x14\x00\x00\x00binary zip", "binary content"),
        (HEADER.encode() + b"\ne1,2023,,K\xf6ln,,,attack,t,,,\n", "not UTF-8 text"),
        (b"event_id,event_date\ne1,2023\n", "place: required column is missing"),
        (b"a,a,b\n1,2,3\n", "column appears twice in the header"),
    ],
)
def test_a_file_that_cannot_be_a_table_is_refused_as_a_whole(tmp_path: Path, content: bytes, message: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(InputError) as caught:
        load_events(path)
    assert any(message in line for line in caught.value.lines()), caught.value.lines()


def test_line_numbers_count_physical_lines_of_multiline_fields(tmp_path: Path) -> None:
    text = f'{HEADER}\ne1,2023-08,,"Kyiv\nsecond line\nthird",50,30,attack,t,,,\ne2,2023-13,,Lviv,49,24,attack,t,,,\n'
    result = load_events(write(tmp_path, text))
    assert [str(p).split(": ")[0] for p in result.problems] == [f"{tmp_path / 'events.csv'}:5"]


def test_types_unknown_casualties_stay_unknown_and_extra_columns_are_kept(tmp_path: Path) -> None:
    text = "event_id,event_date,place,latitude,longitude,category,title,killed,my_tag\n" \
           "a,2023-08,Kyiv,,,attack,t,,x\nb,2023,Lviv,49.8,24.0,other,u,0,y\n"
    events = load_events(write(tmp_path, text)).events
    assert events["killed"].isna().tolist() == [True, False]
    assert events["killed"][1] == 0
    assert events["date_precision"].tolist() == ["month", "year"]
    assert pd.isna(events["latitude"][0]) and events["latitude"][1] == pytest.approx(49.8)
    assert events["my_tag"].tolist() == ["x", "y"]
    assert list(events.columns[: len(COLUMN_NAMES)]) == list(COLUMN_NAMES)


def test_strict_loading_refuses_the_whole_table(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{GOOD}\n{BROKEN_ROWS[0][0]}\n")
    with pytest.raises(InputError) as caught:
        load_events(path, strict=True)
    assert caught.value.lines() == [f"{path}:3: event_date: '2023-02-30' is not a real date"]


def test_uploaded_bytes_are_named_by_their_upload_name() -> None:
    result = load_events(f"{HEADER}\n{GOOD}\n{BROKEN_ROWS[5][0]}\n".encode(), name="mine.csv")
    assert [str(p) for p in result.problems] == ["mine.csv:3: latitude: 95.5 is outside [-90, 90]"]


def test_round_trip_keeps_every_value(tmp_path: Path) -> None:
    source = REPO / "events.csv"
    events = load_events(source, strict=True).events
    out = tmp_path / "copy.csv"
    write_events(events, out)
    again = load_events(out, strict=True).events
    pd.testing.assert_frame_equal(events, again)


def test_atomic_write_leaves_the_old_file_when_interrupted(tmp_path: Path) -> None:
    target = write(tmp_path, "old content", name="out.csv")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("half of the new")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_read_table_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_table(tmp_path / "nope.csv")
    assert caught.value.lines() == [f"{tmp_path / 'nope.csv'}: no such file"]


# --- the command -------------------------------------------------------------------------------

def test_validate_command_accepts_the_bundled_events() -> None:
    result = CliRunner().invoke(main, ["validate", str(REPO / "events.csv")])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1
    assert "OK, 11 events" in result.output


def test_validate_command_prints_one_line_per_problem_and_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\n{GOOD}\n{BROKEN_ROWS[0][0]}\n{BROKEN_ROWS[5][0].replace('e2', 'e3')}\n")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[:2] == [
        f"{path}:3: event_date: '2023-02-30' is not a real date",
        f"{path}:4: latitude: 95.5 is outside [-90, 90]",
    ]
    assert "2 problem(s) in 2 of 3 rows" in lines[-1]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 2)])
def test_validate_command_warns_on_a_repeated_id_and_fails_only_when_strict(tmp_path: Path, strict: bool,
                                                                           code: int) -> None:
    path = write(tmp_path, f"{HEADER}\n{GOOD}\n{GOOD.replace('Strike', 'Second strike')}\n")
    result = CliRunner().invoke(main, ["validate", str(path), *(["--strict"] if strict else [])])
    assert result.exit_code == code
    assert result.stderr.splitlines()[0] == (f"{path}:3: event_id: warning: id 'e1' repeats line 2; row kept as "
                                             "'e1~2' (original id in original_event_id)")
    if strict:
        assert result.stderr.splitlines()[-1] == f"{path}: --strict: 1 warning(s)"
    else:
        assert result.output.splitlines()[-1] == (f"{path}: OK, 2 events (2 with coordinates, 1 categories, "
                                                  "1 warning(s))")


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02", b"\xff\xfe\xfa broken"])
def test_validate_command_never_shows_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    proc = subprocess.run([sys.executable, "-m", "mapapp", "validate", str(path)], capture_output=True, text=True,
                          cwd=REPO, timeout=60, env=checkout_env())
    assert proc.returncode == 2
    assert proc.stderr.startswith(str(path))
    assert "Traceback" not in proc.stderr


# --- number cells: one Arrow cast where it cannot differ from pandas ----------------------

NUMBER_LIKE = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "-0", "+0", "-0.0", "0.", ".5", "1e5", "1E-3", "nan", "NaN", "inf", "-Infinity", "+1",
                     " 1", "1 ", "1_000", "0x1A", "1,5", "１２", "٣", "e5", "-", ".", "9007199254740993"]),
    st.text(alphabet="0123456789+-.eE_ xn", max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(NUMBER_LIKE, max_size=12), arrow_text=st.booleans())
def test_text_numbers_read_cells_as_pandas_does(cells: list[str], arrow_text: bool) -> None:
    """``text_numbers`` is ``pd.to_numeric`` of the non-empty cells, value for value, whatever the mix."""
    series = pd.Series(cells, dtype="string[pyarrow]" if arrow_text else object)
    expected = pd.to_numeric(series.where(series != ""), errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    got = text_numbers(series)
    assert got.index.equals(series.index)
    assert np.array_equal(got.to_numpy(dtype="float64"), expected, equal_nan=True)
    assert list(np.signbit(got.to_numpy(dtype="float64"))) == list(np.signbit(expected))


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["1.5", "", "-2"], [1.5, np.nan, -2.0]),
        (["-0"], [0.0]),  # pandas reads a lone "-0" as the integer 0, Arrow as -0.0: pandas decides
        (["-0", "1.5"], None),  # (and beside a fraction pandas reads -0.0)
        (["9007199254740993"], [9007199254740993]),  # beyond 2**53: pandas keeps the exact integer
        ([" 7", "x"], [7.0, np.nan]),  # Arrow refuses both; pandas trims the one and gives up on the other
    ],
)
def test_text_numbers_examples(cells: list[str], expected: list[float] | None) -> None:
    series = pd.Series(cells, dtype=object)
    reference = pd.to_numeric(series.where(series != ""), errors="coerce")
    got = text_numbers(series).tolist()
    assert got == pytest.approx(reference.tolist(), nan_ok=True)
    if expected is not None:
        assert got == pytest.approx(expected, nan_ok=True, rel=0, abs=0)
    assert list(np.signbit(got)) == list(np.signbit(reference.to_numpy(dtype="float64")))
