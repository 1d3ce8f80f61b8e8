"""Specification of ``mapapp map``: what it writes, what it prints, and how it refuses bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapapp.cli import main

HEADER = "event_id,event_date,date_precision,place,latitude,longitude,category,title"
ROWS = [
    "a,2023-08-10,day,Kyiv,50.45,30.52,attack,Strike on Kyiv",
    "b,2023-08,month,Odesa,46.48,30.72,evacuation,Evacuation of Odesa",
    "c,2023-09-02,day,Somewhere,,,fighting,Unlocated fighting",
    "d,2022,year,Lviv,49.84,24.03,statement,Statement in Lviv",
]


def run(tmp_path: Path, *args: str, rows: list[str] = ROWS) -> tuple[int, str, str, Path]:
    source = tmp_path / "events.csv"
    source.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["map", str(source), "-o", str(out), *args])
    return result.exit_code, result.stdout, result.stderr, out


def drawn_ids(page: str) -> list[str]:
    data = json.loads(re.search(r"var data = (\{.*?\});\n", page).group(1))
    ids = data["fields"]["event_id"]
    return ids if isinstance(ids, list) else [ids["values"][c] for c in ids["codes"]]


@pytest.mark.parametrize(
    ("args", "ids", "summary"),
    [([], ["a", "b", "d"], "drew 3 events, skipped 1 without coordinates"),
     (["--start", "2023-08-15"], ["b"], "drew 1 events, skipped 1 without coordinates"),
     (["--end", "2022-12-31"], ["d"], "drew 1 events, skipped 0 without coordinates"),
     (["--category", "attack", "--category", "fighting"], ["a"], "drew 1 events, skipped 1 without coordinates"),
     (["--start", "2023-08-01", "--end", "2023-08-31", "--category", "evacuation"], ["b"],
      "drew 1 events, skipped 0 without coordinates")],
)
def test_map_writes_filtered_standalone_page(tmp_path: Path, args: list[str], ids: list[str], summary: str) -> None:
    code, stdout, stderr, out = run(tmp_path, *args)
    assert code == 0, stderr
    assert summary in stdout
    page = out.read_text(encoding="utf-8")
    assert drawn_ids(page) == ids
    assert "Leaflet 1.9.4" in page and '<script src="http' not in page  # inline by default: works offline


def test_cdn_assets_option(tmp_path: Path) -> None:
    code, _, _, out = run(tmp_path, "--assets", "cdn")
    assert code == 0 and "cdn.jsdelivr.net/npm/leaflet@1.9.4" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "rows", "message"),
    [(["--start", "2023-13-01"], ROWS, "--start: '2023-13-01' is not a date (expected YYYY-MM-DD)"),
     (["--end", "10/08/2023"], ROWS, "--end: '10/08/2023' is not a date (expected YYYY-MM-DD)"),
     (["--start", "2023-09-01", "--end", "2023-08-01"], ROWS, "--start: 2023-09-01 is after --end 2023-08-01"),
     (["--category", "attak"], ROWS, "--category: 'attak' is not a category of this table"),
     ([], [*ROWS, "e,2023-02-30,day,X,1,1,attack,Bad"], "events.csv:6: event_date: '2023-02-30' is not a real date"),
     ([], [*ROWS, 'f,2023-08-01,day,"unclosed,1,1,attack,T'], "events.csv:6:"),
     ([], ["a,2023-08-10,day,Kyiv,95,30,attack,T"], "events.csv:2: latitude: 95 is outside [-90, 90]")],
)
def test_bad_input_exits_2_with_located_messages_and_writes_nothing(tmp_path: Path, args, rows, message) -> None:
    code, _, stderr, out = run(tmp_path, *args, rows=rows)
    assert code == 2
    assert message in stderr
    assert "Traceback" not in stderr
    assert not out.exists()


def test_missing_file_and_missing_column(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["map", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("event_id,title\nx,y\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["map", str(bad), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2 and "bad.csv:1: event_date: required column is missing" in result.stderr


def test_skip_bad_rows_draws_the_rest_and_lists_the_bad(tmp_path: Path) -> None:
    code, stdout, stderr, out = run(tmp_path, "--skip-bad-rows", rows=[*ROWS, "e,2023-02-30,day,X,1,1,attack,Bad"])
    assert code == 0
    assert "events.csv:6: event_date" in stderr
    assert "left out 1 bad rows" in stdout
    assert drawn_ids(out.read_text(encoding="utf-8")) == ["a", "b", "d"]


def test_output_directory_must_exist(tmp_path: Path) -> None:
    source = tmp_path / "events.csv"
    source.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["map", str(source), "-o", str(tmp_path / "no" / "map.html")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
