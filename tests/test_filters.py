"""Specification of the shared event filters: date-window overlap and category choice."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from mapapp.errors import InputError
from mapapp.filters import events_in_categories, events_in_range, parse_date_bound, unknown_categories

EVENTS = pd.DataFrame(
    {
        "event_id": ["day", "month", "year", "late", "coarse"],
        "event_date": ["2023-08-10", "2023-08", "2022", "2023-09-01", "2023-08-20"],
        "date_precision": ["day", "month", "year", "day", "month"],
        "category": ["attack", "fighting", "attack", "statement", "<b>x</b>"],
    }
)


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["event_id"])


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, ["day", "month", "year", "late", "coarse"]),
        ("2023-08-10", "2023-08-10", ["day", "month", "coarse"]),  # month spans include the 10th
        ("2023-08-11", None, ["month", "late", "coarse"]),  # the day event ended on the 10th
        ("2023-08-02", "2023-08-05", ["month", "coarse"]),  # 'coarse' is declared month precision
        ("2023-08-31", "2023-08-31", ["month", "coarse"]),  # last day of the month is inside
        ("2023-09-01", None, ["late"]),
        (None, "2022-12-31", ["year"]),
        ("2022-06-15", "2022-06-15", ["year"]),  # year precision spans the whole year
        ("2024-01-01", None, []),
        (dt.date(2023, 8, 10), pd.Timestamp("2023-08-10"), ["day", "month", "coarse"]),
        ("", "", ["day", "month", "year", "late", "coarse"]),
    ],
)
def test_events_in_range_uses_span_overlap(start, end, expected: list[str]) -> None:
    assert ids(events_in_range(EVENTS, start, end)) == expected


def test_unparseable_dates_drop_out_only_when_a_bound_is_set() -> None:
    events = pd.DataFrame({"event_id": ["ok", "bad"], "event_date": ["2023-08-10", "someday"],
                           "category": ["a", "a"]})
    assert ids(events_in_range(events)) == ["ok", "bad"]
    assert ids(events_in_range(events, start="2000-01-01")) == ["ok"]


@pytest.mark.parametrize(
    ("value", "option"),
    [("2023-13-01", "--start"), ("10-08-2023", "--end"), ("2023-08", "--start"), ("yesterday", "--end"),
     ("2023-02-30", "--start")],
)
def test_bad_bounds_are_input_errors_naming_the_option(value: str, option: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date_bound(value, option)
    assert caught.value.lines() == [f"{option}: {value!r} is not a date (expected YYYY-MM-DD)"]


def test_reversed_window_is_an_input_error() -> None:
    with pytest.raises(InputError, match="after --end"):
        events_in_range(EVENTS, "2023-09-01", "2023-08-01")


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (None, ["day", "month", "year", "late", "coarse"]),
        (["attack"], ["day", "year"]),
        (["attack", "statement"], ["day", "year", "late"]),
        ([], []),
        (["<b>x</b>"], ["coarse"]),
        (["nothing"], []),
        (("fighting",), ["month"]),
    ],
)
def test_events_in_categories(categories, expected: list[str]) -> None:
    assert ids(events_in_categories(EVENTS, categories)) == expected


@pytest.mark.parametrize(
    ("categories", "expected"),
    [(["attack"], []), (["attak", "attack", "ATTACK"], ["attak", "ATTACK"]), (["x", "x"], ["x"])],
)
def test_unknown_categories(categories: list[str], expected: list[str]) -> None:
    assert unknown_categories(EVENTS, categories) == expected


def test_filters_do_not_mutate_their_input() -> None:
    before = EVENTS.copy()
    events_in_range(EVENTS, "2023-08-01", "2023-08-31")
    events_in_categories(EVENTS, ["attack"])
    pd.testing.assert_frame_equal(EVENTS, before)
