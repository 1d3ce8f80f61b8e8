"""The gold table of tests/data/extract/ is well formed, so every set is scored against what its rows say.

``scoring`` pairs gold rows with documents by file name, so a name used in two sets would mix
their gold; a row whose document is missing would count as a missed event in no set at all.
These checks read only the gold table and the texts' first lines, never extraction output.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "extract"
CATEGORIES = {"attack", "fighting", "evacuation", "diplomacy", "statement", "other"}
DATE_FORM = {"day": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
             "year": re.compile(r"^\d{4}$")}
HEADER = re.compile(r"^ date (\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s|$)")


def _gold_rows() -> list[dict[str, str]]:
    with open(DATA / "gold.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


GOLD = _gold_rows()
DOCUMENTS = sorted(p for p in DATA.glob("*/*.txt"))


def test_gold_has_the_scored_columns() -> None:
    with open(DATA / "gold.csv", encoding="utf-8") as handle:
        header = handle.readline().strip().split(",")
    assert header == ["doc", "place", "event_date", "date_precision", "killed", "injured", "category"]


@pytest.mark.parametrize("row", GOLD, ids=lambda r: f"{r['doc']}:{r['place']}")
def test_gold_row_is_well_formed(row: dict[str, str]) -> None:
    assert (DATA / row["doc"]).is_file(), "the row's document exists"
    assert row["place"].strip() == row["place"] != ""
    assert DATE_FORM[row["date_precision"]].match(row["event_date"]), "date form matches its precision"
    assert row["category"] in CATEGORIES
    for column in ("killed", "injured"):
        assert row[column] == "" or row[column].isdigit(), f"{column} is a whole number or empty (unknown)"


def test_document_names_are_unique_across_sets() -> None:
    """Scoring matches gold rows to documents by file name, not by path."""
    repeated = [name for name, n in Counter(p.name for p in DOCUMENTS).items() if n > 1]
    assert repeated == []


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_document_starts_with_its_publication_date(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert HEADER.match(first_line), first_line[:40]


@pytest.mark.parametrize("row", GOLD, ids=lambda r: f"{r['doc']}:{r['place']}")
def test_gold_date_is_not_after_publication(row: dict[str, str]) -> None:
    """Events are reported after they happen; only a stated plan may lie ahead (the seed's G20 row)."""
    published = HEADER.match((DATA / row["doc"]).read_text(encoding="utf-8").splitlines()[0]).group(1)
    if row["event_date"] > published and not row["event_date"].startswith(published):
        assert row["category"] == "diplomacy", f"{row['event_date']} after publication {published}"
