"""The fast ACLED path against slow references that are plainly right.

* Arrow's CSV reader takes a file only when it gives exactly the cells pandas' reader gives
  (the reader the import used before); every other file goes the old way.  The table below
  says which files Arrow takes, and the test checks the cells are the same when it does.
* The vectorised mapping (distinct values, Arrow takes) equals a per-row reference written
  straight from the module docstring's rules, on hypothesis-generated files.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mapapp.importers.acled as acled_module
from mapapp.errors import InputError
from mapapp.importers.acled import (
    _arrow_chunks,
    _NeedsExactLines,
    _pandas_chunks,
    _scan,
    acled_dates,
    country_codes,
    import_acled,
    map_distinct_text,
    parse_acled_date,
)
from mapapp.importers.common import ImportOptions
from mapapp.load import decode_text, parse_csv_text

HEADER = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,country,admin1,location,"
          "latitude,longitude,geo_precision,source,notes,fatalities")


def row(event_id: str, notes: str = "notes") -> str:
    return f"{event_id},2023-08-10,1,Battles,Armed clash,Ukraine,Donetska,Bakhmut,48.59,38.0,1,Ukrinform,{notes},0"


PLAIN = HEADER + "\n" + "\n".join(row(f"A{i}") for i in range(4)) + "\n"


def with_notes(notes: str) -> bytes:
    return (HEADER + "\n" + row("A1") + "\n" + row("A2", notes) + "\n" + row("A3") + "\n").encode()


# --- which reader reads what -------------------------------------------------------------------------------

READERS = [
    # (case, bytes, read by Arrow?)
    ("plain", PLAIN.encode(), True),
    ("CRLF line ends", PLAIN.replace("\n", "\r\n").encode(), True),
    ("UTF-8 BOM", b"\xef\xbb\xbf" + PLAIN.encode(), True),
    ("no final newline", PLAIN.rstrip("\n").encode(), True),
    ("one row", (HEADER + "\n" + row("A1") + "\n").encode(), True),
    ("quoted header names", PLAIN.replace("notes,fatalities", '"notes","fatalities"', 1).encode(), True),
    ("upper-case header", PLAIN.replace(HEADER, HEADER.upper()).encode(), True),
    ("quoted cell with commas", with_notes('"a, b, c"'), True),
    ("doubled quotes in a quoted cell", with_notes('"say ""hi"", ok"'), True),
    ("empty quoted cell", with_notes('""'), True),
    ("quote inside an unquoted cell", with_notes('no"tes"'), True),
    ("text after a closing quote", with_notes('"no"tes'), True),
    ("CR inside quotes", with_notes('"a\rb"'), True),
    ("formula and tab cells", with_notes("=cmd|' /C calc'!A0\t"), True),
    ("non-ASCII text", with_notes("ümlaut，数据"), True),
    ("NA and null stay text", with_notes("NA").replace(b",0\n", b",null\n"), True),
    ("header only", (HEADER + "\n").encode(), False),
    ("blank line", PLAIN.replace("\nA2", "\n\nA2").encode(), False),
    ("blank lines at the end", (PLAIN + "\n\n").encode(), False),
    ("line of spaces", PLAIN.replace("\nA2", "\n   \nA2").encode(), False),
    ("quoted line break", with_notes('"line 1\nline 2"'), False),
    ("unterminated quote", with_notes('"oops'), False),
    ("unterminated quote on the header line", PLAIN.replace("notes,", '"notes,', 1).encode(), False),
    ("header cell over two lines, quotes even on each count", PLAIN.replace("admin1,", 'ad"min1,"x\ny",', 1)
     .replace(",Donetska,", ",Donetska,,").replace("Ukrinform,notes", 'Ukrinform,no"tes', 1).encode(), False),
    ("short row", (PLAIN + "A9,2023-08-10,1,Battles\n").encode(), False),
    ("surplus cell", (PLAIN + row("A9") + ",x\n").encode(), False),
    ("surplus empty cell", (PLAIN + row("A9") + ",\n").encode(), False),
    ("NUL byte", with_notes("a\x00b"), False),
    ("invalid UTF-8", with_notes("caf\xe9").replace("é".encode(), b"\xe9"), False),
    ("Latin-1 text", with_notes("café").decode().encode("latin-1"), False),
    ("repeated header name (pandas: notes.1)", PLAIN.replace("admin1", "notes", 1).encode(), True),
    ("header names equal but for case", PLAIN.replace("admin1", "NOTES", 1).encode(), False),
    ("an empty header name (pandas: Unnamed: 6)", PLAIN.replace("admin1", "", 1).encode(), True),
    ("ACLED columns missing", b"event_id_cnty,event_date,event_type\nA1,2023-08-10,Battles\n", False),
]


def pandas_frames(data: bytes) -> list[pd.DataFrame] | None:
    try:
        return [frame for frame, _lines, _problems in _pandas_chunks(data, _scan(data).lines)]
    except _NeedsExactLines:
        return None


@pytest.mark.parametrize(("data", "by_arrow"), [case[1:] for case in READERS], ids=[case[0] for case in READERS])
def test_arrow_reads_a_file_only_as_pandas_would(data: bytes, by_arrow: bool) -> None:
    scan = _scan(data)
    chunks = _arrow_chunks(data, scan) if scan.arrow_safe else None
    assert (chunks is not None) == by_arrow
    if chunks is not None:
        arrow = [(frame, lines) for frame, lines, _problems in chunks]
        pandas = pandas_frames(data)
        assert pandas is not None and len(arrow) == len(pandas) == 1
        pd.testing.assert_frame_equal(arrow[0][0], pandas[0])
        assert arrow[0][1].tolist() == list(range(2, len(pandas[0]) + 2))


@pytest.mark.parametrize("chunk_rows", [1, 3, 4, 200_000])
def test_arrow_chunks_follow_chunk_rows_and_keep_line_numbers(chunk_rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(acled_module, "CHUNK_ROWS", chunk_rows)
    monkeypatch.setattr(acled_module, "_ARROW_BLOCK", 256)  # several record batches, split across chunks
    data = (HEADER + "\n" + "\n".join(row(f"A{i}") for i in range(10)) + "\n").encode()
    chunks = list(_arrow_chunks(data, _scan(data)))
    assert [len(frame) for frame, _, _ in chunks] == [min(chunk_rows, 10 - start) for start in range(0, 10, chunk_rows)]
    assert [line for _, lines, _ in chunks for line in lines] == list(range(2, 12))
    assert [cell for frame, _, _ in chunks for cell in frame["event_id_cnty"]] == [f"A{i}" for i in range(10)]


# --- small vectorised pieces -------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "expected"), [
    (["b", "a", "b", ""], ["B!", "A!", "B!", "!"]),
    ([], []),
    (["only"], ["ONLY!"]),
])
def test_map_distinct_is_map_with_one_call_per_distinct_value(values: list[str], expected: list[str]) -> None:
    calls: list[str] = []

    def shout(value: str) -> str:
        calls.append(value)
        return value.upper() + "!"

    series = pd.Series(values, index=np.arange(10, 10 + len(values)), dtype="str")
    mapped = map_distinct_text(series, shout)
    assert mapped.tolist() == expected and list(mapped.index) == list(series.index)
    assert sorted(calls) == sorted(set(values)) and mapped.dtype == "str"


@pytest.mark.parametrize(("dates", "precisions", "expected"), [
    (["2023-08-10", "10 August 2023"], ["1", "3"], [("2023-08-10", "day", ""), ("2023-08", "month", "")]),
    (["2023-08-30", "2023-08-15"], ["2", "2"], [("2023", "year", ""), ("2023-08", "month", "")]),
    (["08/10/2023", "x"], ["1", "7"], [("", "", "'08/10/2023' is ambiguous (8 October or 10 August?); "
                                                "write YYYY-MM-DD or pass --date-order dmy|mdy"),
                                       ("", "", "time_precision: '7' is not 1, 2 or 3")]),
])
def test_acled_dates_remember_answers_for_the_next_chunk(dates: list[str], precisions: list[str],
                                                         expected: list[tuple[str, str, str]]) -> None:
    known: dict = {}
    first = acled_dates(pd.Series(dates, dtype="str"), pd.Series(precisions, dtype="str"), None, known)
    assert list(zip(*(column.tolist() for column in first), strict=True)) == expected
    assert set(known) == {(d, p, None) for d, p in zip(dates, precisions, strict=True)}
    known = {key: ("remembered", "day", "") for key in known}
    again = acled_dates(pd.Series(dates, dtype="str"), pd.Series(precisions, dtype="str"), None, known)
    assert again[0].tolist() == ["remembered"] * len(dates)


# --- the whole import against slow references --------------------------------------------------------------

def reference_event(cells: dict[str, str], order: str | None) -> dict[str, str]:
    """ACLED's rules (module docstring) applied to one row of cells, in the plainest way."""
    def get(column: str) -> str:
        return cells.get(column, "").strip()

    day, _error = parse_acled_date(get("event_date"), order)
    precision = get("time_precision")
    if precision == "3":
        event_date, date_precision = day.strftime("%Y-%m"), "month"
    elif precision == "2":
        week = [day + pd.Timedelta(days=offset) for offset in range(-3, 4)]
        one_month = len({(d.year, d.month) for d in week}) == 1
        event_date, date_precision = (day.strftime("%Y-%m"), "month") if one_month else (day.strftime("%Y"), "year")
    else:
        event_date, date_precision = day.strftime("%Y-%m-%d"), "day"
    kind = get("event_type").lower()
    if kind == "strategic developments" and get("sub_event_type").lower() == "agreement":
        category = "diplomacy"
    else:
        category = {"battles": "fighting", "explosions/remote violence": "attack",
                    "violence against civilians": "attack"}.get(kind, "other")
    return {
        "event_date": event_date, "date_precision": date_precision, "category": category,
        "geo_precision": {"1": "city", "2": "region", "3": "region"}.get(get("geo_precision"), ""),
        "country_code": country_codes([get("country")])[get("country")] if get("country") else "",
        "title": f"{get('sub_event_type') or get('event_type')} in {cells.get('location', '')}".strip(),
        "place": get("location"), "description": get("notes"), "source": get("source"),
        "geo_source": "ACLED", "source_doc": "a.csv",
    }


CELLS = {
    "event_id_cnty": st.sampled_from(["UKR1", "UKR2", "UKR3", " UKR4 ", ""]),
    "event_date": st.sampled_from(["2023-08-10", "2023-08-30", "10 August 2023", "1-Sep-2023", "08/10/2023",
                                   "13/10/2023", "2023-02-30", "", "soon"]),
    "time_precision": st.sampled_from(["1", "2", "3", " 2", "", "9"]),
    "event_type": st.sampled_from(["Battles", "battles", "Strategic developments", "Riots", "Cyber attack", ""]),
    "sub_event_type": st.sampled_from(["Agreement", "agreement ", "Armed clash", ""]),
    "country": st.sampled_from(["Ukraine", "Democratic Republic of Congo", "Atlantis", "", "ivory coast"]),
    "location": st.sampled_from(["Bakhmut", " Kupiansk ", "Saint-Martin, north", ""]),
    "latitude": st.sampled_from(["48.59", "-3.7", "91", "x", ""]),
    "longitude": st.sampled_from(["38.0", "30", ""]),
    "geo_precision": st.sampled_from(["1", "2", "3", "4", ""]),
    "source": st.sampled_from(["Ukrinform", "", '"quoted" source']),
    "notes": st.one_of(st.sampled_from(["", "a, b", "say \"hi\"", "=1+1", "line\nbreak", " pad "]),
                       st.text(alphabet="ab ,\"'\t=é", max_size=6)),
    "fatalities": st.sampled_from(["0", "3", "-1", "1.5", "x", ""]),
}


@st.composite
def acled_files(draw: st.DrawFn) -> bytes:
    """ACLED files written by the csv module: random cells, repeated ids and rows, CRLF or LF."""
    rows = draw(st.lists(st.fixed_dictionaries(CELLS), min_size=1, max_size=12))
    if draw(st.booleans()):
        rows.append(dict(rows[0]))  # an exact copy
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(list(CELLS))
    writer.writerows([list(r.values()) for r in rows])
    return out.getvalue().encode()


def outcome(data: bytes, arrow: bool, chunk_rows: int, order: str | None) -> tuple:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(acled_module, "CHUNK_ROWS", chunk_rows)
        if not arrow:
            patch.setattr(acled_module, "_arrow_chunks", lambda data, scan: None)
        try:
            result = import_acled(data, "a.csv", ImportOptions(date_order=order))
        except InputError as error:
            return ("refused", error.lines())
    return (result.events, result.lines.tolist(), [str(p) for p in result.problems], [str(n) for n in result.notes],
            result.rows_read, result.rows_merged)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=acled_files(), chunk_rows=st.sampled_from([1, 2, 5, 200_000]),
       order=st.sampled_from([None, "dmy", "mdy"]))
def test_fast_import_equals_the_pandas_reader_and_a_per_row_mapping(data: bytes, chunk_rows: int,
                                                                     order: str | None) -> None:
    fast = outcome(data, arrow=True, chunk_rows=chunk_rows, order=order)
    slow = outcome(data, arrow=False, chunk_rows=chunk_rows, order=order)
    if isinstance(fast[0], str):
        assert fast == slow
        return
    pd.testing.assert_frame_equal(fast[0], slow[0])
    assert fast[1:] == slow[1:]
    raw = parse_csv_text(decode_text(data, "a.csv"), "a.csv")
    cells_at = {line: raw.frame.loc[i].to_dict() for i, line in raw.lines.items()}
    proven = order or acled_module.numeric_date_order(raw.frame["event_date"].str.strip().tolist())
    events, lines = fast[0], fast[1]
    for position, line in enumerate(lines):
        expected = reference_event(cells_at[line], proven)
        assert {column: events.at[position, column] for column in expected} == expected, line
