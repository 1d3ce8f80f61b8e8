"""`mapapp extract` and `mapapp evaluate` as users run them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapapp.cli import main
from mapapp.load import load_events

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b6686d985d54f9ba.txt"
DATA = ROOT / "tests" / "data" / "extract"


def test_extract_writes_a_valid_table_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(main, ["extract", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 document(s)" in result.output and "unresolved" in result.output
    assert CliRunner().invoke(main, ["validate", str(out)]).exit_code == 0
    events = load_events(out, strict=True).events
    assert {"quote_start", "quote_end"} <= set(events.columns)
    assert set(events["source_doc"]) == {SEED.name}


def test_date_option_supplies_a_missing_publication_date(tmp_path: Path) -> None:
    doc = tmp_path / "nodate.txt"
    doc.write_text("Yesterday a missile struck Kharkiv, killing three people.", encoding="utf-8")
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["extract", str(doc), "--date", "2024-05-18", "-o", str(out)])
    assert result.exit_code == 0, result.output
    events = load_events(out).events
    assert events[["event_date", "location", "killed"]].values.tolist() == [["2024-05-17", "Kharkiv", 3]]


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("A missile struck Kharkiv.", [], "no publication date"),
        ("A missile struck Kharkiv.", ["--date", "2024-13"], "is not a date"),
        (b"\xff\xfe bad bytes", [], "not UTF-8"),
    ],
)
def test_bad_documents_exit_2_without_traceback(tmp_path: Path, content, args: list[str], message: str) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(main, ["extract", str(doc), "-o", str(out), *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not out.exists()  # nothing half-written


def test_missing_document_is_reported_by_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and "nope.txt: no such file" in result.output


def test_evaluate_prints_precision_and_recall() -> None:
    docs = sorted(str(p) for p in (DATA / "tuning").glob("*.txt"))
    result = CliRunner().invoke(main, ["evaluate", str(DATA / "gold.csv"), *docs])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ["places", "dates", "casualties", "events"]
    assert all("precision" in line and "recall" in line for line in lines[:3])
    assert "dates right" in lines[3] and "spurious" in lines[3]
