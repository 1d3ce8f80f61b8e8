"""Gold-set scoring: per-aspect keys and per-event pairing (found, dates right, casualties right, spurious)."""

from __future__ import annotations

import pandas as pd
import pytest

from mapapp.extract import EXTRA_COLUMNS, EventFigures, format_scores, score_events, score_extraction
from mapapp.gazetteer import load_gazetteer
from mapapp.schema import COLUMN_NAMES

GOLD = pd.DataFrame(
    [
        ("d1.txt", "Kharkiv", "2024-05-17", "3", "16"),
        ("d1.txt", "Kyiv", "2024-05-18", "", ""),
        ("d2.txt", "Odessa", "2023-07", "", "1"),  # gold spelling; GeoNames says Odesa
    ],
    columns=["doc", "place", "event_date", "killed", "injured"],
)


def _predicted(rows: list[tuple[str, str, str, int | None, int | None]]) -> pd.DataFrame:
    records = [{"source_doc": doc, "location": place, "place": place, "country_code": "UA", "event_date": date,
                "killed": killed, "injured": injured} for doc, place, date, killed, injured in rows]
    frame = pd.DataFrame(records, columns=list(COLUMN_NAMES) + list(EXTRA_COLUMNS))
    for column in ("killed", "injured"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    return frame.fillna({"location": "", "country_code": ""})


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        # everything right
        ([("d1.txt", "Kharkiv", "2024-05-17", 3, 16), ("d1.txt", "Kyiv", "2024-05-18", None, None),
          ("d2.txt", "Odesa", "2023-07", None, 1)], (3, 3, 3, 0)),
        # a wrong date and a casualty figure on an event the gold gives none
        ([("d1.txt", "Kharkiv", "2024-05-18", 3, 16), ("d1.txt", "Kyiv", "2024-05-18", 1, None)], (2, 1, 1, 0)),
        # the right place in the wrong document is spurious, not found
        ([("d2.txt", "Kharkiv", "2024-05-17", 3, 16)], (0, 0, 0, 1)),
        # a place reported twice: the row with the right date is paired, the other is spurious
        ([("d1.txt", "Kharkiv", "2024-05-01", None, None), ("d1.txt", "Kharkiv", "2024-05-17", 3, 16)], (1, 1, 1, 1)),
        # spelling variants are one place: the gold name is resolved through the gazetteer
        ([("d1.txt", "Kharkiv", "2024-05-17", 3, 16), ("d2.txt", "Odesa", "2023-07", None, 1)], (2, 2, 2, 0)),
        ([("d2.txt", "Odessa Oblast", "2023-07", None, 1)], (0, 0, 0, 1)),
        ([], (0, 0, 0, 0)),
    ],
)
def test_score_events_pairs_gold_with_extracted_rows(gazetteer, predicted, expected) -> None:
    figures = score_events(GOLD, _predicted(predicted), gazetteer, documents=2)
    assert (figures.found, figures.dates_right, figures.casualties_right, figures.spurious) == expected
    assert figures.gold == 3


def test_event_figures_shares_and_empty_counts() -> None:
    figures = EventFigures(documents=3, gold=10, predicted=10, found=9, dates_right=8, casualties_right=9)
    assert (figures.recall, figures.spurious_per_document) == (0.9, pytest.approx(1 / 3))
    assert figures.dates_share == pytest.approx(8 / 9)
    assert EventFigures(0, 0, 0, 0, 0, 0).recall == 0.0


def test_score_extraction_counts_keys_per_aspect(gazetteer) -> None:
    scores = score_extraction(GOLD, _predicted([("d1.txt", "Kharkiv", "2024-05-17", 3, 15)]), gazetteer)
    assert (scores["places"].matched, scores["dates"].matched, scores["casualties"].matched) == (1, 1, 0)
    assert scores["casualties"].gold == 2


def test_format_scores_prints_one_line_per_aspect_and_the_event_figures(gazetteer) -> None:
    scores: dict = dict(score_extraction(GOLD, _predicted([]), gazetteer))
    scores["events"] = EventFigures(documents=2, gold=3, predicted=1, found=1, dates_right=1, casualties_right=0)
    lines = format_scores(scores)
    assert [line.split()[0] for line in lines] == ["places", "dates", "casualties", "events"]
    assert "recall  33.3%" in lines[3] and "spurious 0.00/doc" in lines[3]


def _unresolved(doc: str, place: str) -> pd.DataFrame:
    frame = _predicted([(doc, place, "2024-05-17", None, None)])
    frame["location"] = ""  # kept unresolved, with the gazetteer's reason, instead of a guessed point
    return frame


NAMESAKE_GOLD = pd.DataFrame([("v.txt", "Sjevtsjenko", "2024-05-17", "", "")],
                             columns=["doc", "place", "event_date", "killed", "injured"])


@pytest.mark.parametrize(("doc", "place", "found"), [
    # the village by the text's town: the scorer's own lookup finds a namesake for the gold name
    ("v.txt", "Sjevtsjenko", 1),
    ("v.txt", "sjevtsjenko", 1),          # the same name written the same way, up to case
    ("v.txt", "Sjevtsjenkove", 0),        # another place
    ("w.txt", "Sjevtsjenko", 0),          # the right name in another document
])
def test_an_unresolved_place_written_as_the_gold_writes_it_is_that_place(gazetteer, doc, place, found) -> None:
    assert gazetteer.resolve("Sjevtsjenko", context="UA").place is not None  # the namesake the gold key becomes
    figures = score_events(NAMESAKE_GOLD, _unresolved(doc, place), gazetteer, documents=2)
    assert (figures.found, figures.spurious) == (found, 1 - found)
