"""`mapapp geocode IN.csv -o OUT.csv`: the command's contract, through click's CliRunner."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from mapapp.cli import main
from mapapp.geocode import GEOCODE_COLUMNS


@pytest.fixture(autouse=True)
def offline_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MAPAPP_ONLINE_GEOCODER", raising=False)


def run(*args: str):
    return CliRunner().invoke(main, ["geocode", *args])


def read(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_happy_path_keeps_rows_and_order_and_reports_a_summary(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,place,context\n1,Koepjansk,\n2,?,\n3,Pokrovsk,Ukraine\n4,Bachmoet,\n5,Koepjansk,\n",
                      encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run(str(source), "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = read(out)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert list(rows[0]) == ["id", "place", "context", *GEOCODE_COLUMNS]
    assert [r["resolved_name"] for r in rows] == ["Kupiansk", "", "Pokrovsk", "Bakhmut", "Kupiansk"]
    assert rows[2]["country_code"] == "UA" and rows[1]["geocode_note"] == "no place in query"
    assert "resolved 4 of 5 places (1 unresolved)" in result.stderr


def test_context_option_applies_to_rows_without_context(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("place\nPokrovsk\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run(str(source), "-o", str(out), "--context", "RU").exit_code == 0
    assert read(out)[0]["country_code"] == "RU"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "file is empty"),
        (b"id,where\n1,Kyiv\n", "place: required column is missing"),
        (b"place\n", "no rows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary"),
        (b"place\nKy\xefv\xff\n", "UTF-8"),
    ],
)
def test_bad_input_exits_2_with_one_clean_line_and_no_output(tmp_path, content, message):
    source = tmp_path / "in.csv"
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out.csv"
    result = run(str(source), "-o", str(out))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.stderr.startswith(str(source))
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == (["in.csv"] if content is not None else [])


def test_existing_output_is_untouched_when_the_input_is_bad(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("precious\n", encoding="utf-8")
    result = run(str(tmp_path / "missing.csv"), "-o", str(out))
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "precious\n"
