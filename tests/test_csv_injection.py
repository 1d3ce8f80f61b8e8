"""CSV injection: tables mapapp writes for spreadsheets never carry a live formula.

The OWASP rule: a text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or CR is
prefixed with ``'`` so a spreadsheet shows it as text.  Numbers keep their value and stay
numbers (a longitude of -3.7 is not a formula).  mapapp reads its own files back exactly:
the prefix is removed again when a table is loaded, so ``events.csv`` round-trips losslessly.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from mapapp.cli import main
from mapapp.load import events_to_csv_text, load_events, neutralise_formulas, restore_formulas, write_events

HEADER = "event_id,event_date,place,latitude,longitude,category,title,description,extra"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        ("'=1", "''=1"),  # already quoted by someone: one more, so reading back gives "'=1" again
        # numbers are numbers, not formulas: their text is never touched
        ("-3.7", "-3.7"),
        ("+41", "+41"),
        ("-1e-3", "-1e-3"),
        ("-.5", "-.5"),
        # ordinary text
        ("Kyiv", "Kyiv"),
        ("'quoted'", "'quoted'"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised_and_numbers_left_alone(cell: str, written: str) -> None:
    out = neutralise_formulas(pd.Series([cell], dtype=object))
    assert out.tolist() == [written]
    assert restore_formulas(out).tolist() == [cell]


def test_numeric_columns_are_never_changed() -> None:
    values = pd.Series([-3.7, 50.45, float("nan")])
    assert neutralise_formulas(values) is values
    killed = pd.Series([1, None], dtype="Int64")
    assert neutralise_formulas(killed) is killed


def events_with_formulas() -> pd.DataFrame:
    text = (f"{HEADER}\n"
            "e1,2023-08-10,Madrid,40.4168,-3.7038,attack,\"=cmd|' /C calc'!A0\",+31 injured,-5\n"
            "e2,2023-08-11,\"@Lisbon\",38.72,-9.14,other,-2+3 votes,\"'=already quoted\",-x\n")
    return load_events(text.encode(), "in.csv", strict=True).events


def test_written_events_csv_has_no_live_formula_and_keeps_numbers(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    write_events(events_with_formulas(), path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [r["title"] for r in rows] == ["'=cmd|' /C calc'!A0", "'-2+3 votes"]
    # "'=already quoted" in a file is read as mapapp's own neutralising: the value is "=already quoted"
    assert [r["description"] for r in rows] == ["'+31 injured", "'=already quoted"]
    assert [r["place"] for r in rows] == ["Madrid", "'@Lisbon"]
    assert [r["extra"] for r in rows] == ["-5", "'-x"]  # "-5" is a number in a text column: left alone
    assert [r["longitude"] for r in rows] == ["-3.703800", "-9.140000"]  # numbers, unquoted, same value
    for row in rows:
        assert not any(value[:1] in ("=", "+", "@", "\t", "\r") for value in row.values())
        assert all(value[:1] != "-" or _is_number(value) for value in row.values())


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_events_csv_round_trip_is_lossless(tmp_path: Path) -> None:
    events = events_with_formulas()
    path = tmp_path / "events.csv"
    write_events(events, path)
    again = load_events(path, strict=True).events
    pd.testing.assert_frame_equal(again, events)
    assert again.at[0, "longitude"] == -3.7038 and again["longitude"].dtype == "float64"
    assert events_to_csv_text(again) == path.read_text(encoding="utf-8")


def test_import_output_is_spreadsheet_safe(tmp_path: Path) -> None:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("event_date,category,place,latitude,longitude,title\n"
                      "2023-08-10,attack,Madrid,40.4,-3.7,\"=1+1\"\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert (row["title"], row["longitude"]) == ("'=1+1", "-3.700000")
    assert load_events(out).events.at[0, "title"] == "=1+1"


def test_extra_column_names_are_neutralised_too(tmp_path: Path) -> None:
    events = events_with_formulas().rename(columns={"extra": "=evil()"})
    path = tmp_path / "events.csv"
    write_events(events, path)
    assert path.read_text(encoding="utf-8").splitlines()[0].endswith(",'=evil()")
    assert "=evil()" in load_events(path).events.columns


def test_geocode_output_is_spreadsheet_safe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MAPAPP_ONLINE_GEOCODER", raising=False)
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("place,note,offset\nMadrid,\"=HYPERLINK(\"\"http://evil\"\")\",-3.7\n@Kyiv,+x,+2\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["geocode", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["note"] for r in rows] == ["'=HYPERLINK(\"http://evil\")", "'+x"]
    assert [r["offset"] for r in rows] == ["-3.7", "+2"]  # numbers stay numbers
    assert rows[1]["place"] == "'@Kyiv"
    assert float(rows[0]["longitude"]) < 0 and not rows[0]["longitude"].startswith("'")  # Madrid, a number


@pytest.mark.parametrize(("cell", "value"), [
    ("'\r=1", "=1"),  # restoring "'" uncovers a CR: the cell is trimmed as every cell is
    ("'\t@x ", "@x"),
    ("''=1", "'=1"),
])
def test_a_restored_cell_is_trimmed_so_it_reads_back_the_same(tmp_path: Path, cell: str, value: str) -> None:
    # Another tool's "'\r=1" once read as "\n=1", which a written copy read back as "=1" (found by fuzzing).
    path = tmp_path / "in.csv"
    path.write_bytes(("event_id,event_date,category,place,latitude,longitude,title\n"
                      "e1,2023-08-10,attack,Madrid,40.4,-3.7,\"" + cell + "\"\n").encode())
    events = load_events(path).events
    assert events.at[0, "title"] == value
    write_events(events, tmp_path / "again.csv")
    assert load_events(tmp_path / "again.csv").events.at[0, "title"] == value
