"""The ``mapapp import`` command: what the user sees on stderr, what is written, and when nothing is."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import checkout_env

from mapapp.cli import main

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "import"
TIMEMAP = DATA / "timemap"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["import", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_acled_import_reports_counts_and_rejections_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    code, _, err = run(str(DATA / "acled_sample.csv"), "-o", str(out))
    assert code == 0
    lines = err.splitlines()
    assert f"{DATA / 'acled_sample.csv'}:7: event_date: '2023-02-30' is not a real date" in lines
    assert f"{DATA / 'acled_sample.csv'} (acled): 10 row(s) read, 5 imported, 5 rejected" in lines
    assert re.fullmatch(rf"{re.escape(str(out))}: wrote 5 events \(5 of 10 rows rejected\) in \d+\.\d s", lines[-1])
    assert CliRunner().invoke(main, ["validate", str(out)]).exit_code == 0


def test_notes_are_marked_as_notes(tmp_path: Path) -> None:
    code, _, err = run(str(DATA / "points.geojson"), "-o", str(tmp_path / "o.csv"))
    assert code == 0
    assert (f"{DATA / 'points.geojson'}:record 4: latitude: note: no coordinates for 'Kupiansk': pass --geocode "
            "to resolve it; imported without a map position") in err.splitlines()


def test_strict_refuses_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    out.write_text("previous\n", encoding="utf-8")
    code, _, err = run(str(DATA / "acled_sample.csv"), "-o", str(out), "--strict")
    assert code == 2
    assert "Traceback" not in err
    assert err.splitlines()[-1] == f"--strict: 5 row(s) rejected (listed above); {out} not written"
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]  # no temporary file left behind


def test_strict_passes_a_clean_file(tmp_path: Path) -> None:
    source = tmp_path / "clean.csv"
    source.write_text("event_date,category,place,latitude,longitude\n2023-08-10,attack,Kyiv,50.45,30.52\n",
                      encoding="utf-8")
    code, _, _ = run(str(source), "-o", str(tmp_path / "o.csv"), "--strict")
    assert code == 0


def test_several_sources_get_unique_ids(tmp_path: Path) -> None:
    first, second = tmp_path / "a.geojson", tmp_path / "b.geojson"
    shutil.copy(DATA / "points.geojson", first)
    shutil.copy(DATA / "points.geojson", second)
    out = tmp_path / "o.csv"
    code, _, err = run(str(first), str(second), str(DATA / "acled_sample.csv"), "-o", str(out))
    assert code == 0
    assert (f"{second}: event_id: note: 3 id(s) already used by an earlier file were prefixed with 'b-' "
            "(e.g. 'f1' -> 'b-f1')") in err.splitlines()
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert written["event_id"].is_unique and len(written) == 3 + 3 + 5
    assert CliRunner().invoke(main, ["validate", str(out)]).exit_code == 0


def test_timemap_side_files_given_explicitly(tmp_path: Path) -> None:
    events = tmp_path / "civharm.json"
    shutil.copy(TIMEMAP / "export_events.json", events)
    out = tmp_path / "o.csv"
    code, _, err = run(str(events), "-o", str(out), "--associations", str(TIMEMAP / "export_associations.json"),
                       "--sources", str(TIMEMAP / "export_sources.json"))
    assert code == 0
    assert "file was given" not in err
    written = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("event_id")
    assert written.loc["CIV0001", "category"] == "attack"
    assert written.loc["CIV0001", "source_url"] == "https://t.me/example_channel/123"


def test_geocode_flag_locates_free_text_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "o.csv"
    code, _, err = run(str(TIMEMAP / "export_events.json"), "-o", str(out), "--geocode")
    assert code == 0
    written = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("event_id")
    assert float(written.loc["CIV0002", "latitude"]) == pytest.approx(49.71, abs=0.05)  # Kupiansk
    assert written.loc["CIV0002", "geo_source"] == "gazetteer"
    assert "no coordinates for 'Kupiansk'" not in err


def test_generic_csv_column_options(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    code, _, err = run(str(DATA / "generic.csv"), "-o", str(out), "--lat", "lat", "--lon", "lng", "--date", "when",
                       "--place", "town", "--category", "kind", "--title", "headline")
    assert code == 0, err
    assert len(pd.read_csv(out)) == 3


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["missing.csv"], "missing.csv: no such file"),
        ([str(DATA / "generic.csv")], f"{DATA / 'generic.csv'}:1: event_date: required column is missing "
                                      "(name yours with --date)"),
        ([str(DATA / "generic.csv"), "--format", "geojson"],
         f"{DATA / 'generic.csv'}:1: not valid JSON: Expecting value (column 1)"),
    ],
)
def test_bad_input_exits_2_without_traceback(args: list[str], line: str, tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    code, _, err = run(*args, "-o", str(out))
    assert code == 2
    assert line in err.splitlines()
    assert "Traceback" not in err
    assert not out.exists()


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    done = subprocess.run([sys.executable, "-m", "mapapp", "import", str(DATA / "points.geojson"), "-o", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=60,
                          env=checkout_env())
    assert done.returncode == 0, done.stderr
    assert "(geojson): 6 row(s) read, 3 imported, 3 rejected" in done.stderr
    assert out.exists()
