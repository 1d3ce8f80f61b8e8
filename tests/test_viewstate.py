"""Specification of the app's view state: URL parsing (including tampered links), URL writing, filters."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from mapapp.columnar import text_series
from mapapp.viewstate import (
    MAX_PARAM_LENGTH,
    DataFacts,
    ViewState,
    data_facts,
    events_in_countries,
    events_in_window,
    events_matching,
    fold_text,
    from_query_params,
    search_text,
    shift_window,
    to_query_params,
    visible_events,
)

D = dt.date
EVENTS = pd.DataFrame(
    {
        "event_id": ["kyiv-day", "kharkiv-month", "moscow-year", "odesa-late", "weird"],
        "event_date": ["2023-08-10", "2023-08", "2022", "2023-09-05", "2023-08-20"],
        "date_precision": ["day", "month", "year", "day", "day"],
        "category": ["attack", "fighting", "statement", "attack", "<b>x</b>"],
        "country_code": ["UA", "UA", "RU", "UA", ""],
        "place": ["Kyiv", "Charkiv", "Moskou", "Odesa", "Zaporizja"],
        "location": ["Kyiv", "Kharkiv", "Moscow", "Odesa", "Zaporizhzhia"],
        "title": ["Strike on Kyiv", "Fighting near Kharkiv", "Kremlin statement", "Port hit (again)", "x"],
        "description": ["", "Heavy shelling [reported]", "", "Dnipro café hit", ""],
    }
)
FACTS = data_facts(EVENTS)


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["event_id"])


def test_data_facts_span_covers_month_and_year_precision():
    assert FACTS.first_day == D(2022, 1, 1)  # the year-precision event spans all of 2022
    assert FACTS.last_day == D(2023, 9, 5)
    assert FACTS.categories == ("<b>x</b>", "attack", "fighting", "statement")
    assert FACTS.countries == ("RU", "UA")


def test_data_facts_of_an_empty_table_has_no_span():
    facts = data_facts(EVENTS.iloc[0:0])
    assert (facts.first_day, facts.last_day, facts.categories) == (None, None, ())


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ViewState()),
        ({"start": "2023-08-01", "end": "2023-08-31"}, ViewState(start=D(2023, 8, 1), end=D(2023, 8, 31))),
        ({"start": "2022-01-01", "end": "2023-09-05"}, ViewState()),  # the whole span is the default
        ({"cat": "attack,fighting"}, ViewState(categories=("attack", "fighting"))),
        ({"cat": "attack,attack"}, ViewState(categories=("attack",))),
        ({"cat": ""}, ViewState(categories=())),  # every layer switched off is a real view
        ({"cat": "<b>x</b>,attack,fighting,statement"}, ViewState()),  # all ticked = default
        ({"country": "RU"}, ViewState(countries=("RU",))),
        ({"q": "  café "}, ViewState(search="café")),
        ({"event": "moscow-year"}, ViewState(event="moscow-year")),
        ({"step": "month"}, ViewState(step="month")),
        ({"start": ["2023-01-01", "2023-08-02"]}, ViewState(start=D(2023, 8, 2))),  # repeated key: last wins
        ({"utm_source": "newsletter"}, ViewState()),  # foreign parameters are ignored silently
    ],
)
def test_valid_links_give_their_view_without_notices(params, expected):
    assert from_query_params(params, EVENTS) == (expected, [])


@pytest.mark.parametrize(
    ("params", "expected", "notice"),
    [
        ({"start": "yesterday"}, ViewState(), "not a date"),
        ({"start": "2023-02-30"}, ViewState(), "not a date"),
        ({"end": "2023-8-1"}, ViewState(), "not a date"),
        ({"start": "2023-08-20", "end": "2023-08-01"}, ViewState(), "start is after the end"),
        ({"start": "1999-01-01", "end": "2023-08-31"}, ViewState(end=D(2023, 8, 31)), "before the first event"),
        ({"end": "2099-01-01"}, ViewState(), "after the last event"),
        ({"start": "2030-01-01"}, ViewState(), "does not overlap"),
        ({"cat": "attack,<script>alert(1)</script>"}, ViewState(categories=("attack",)), "unknown categories"),
        ({"cat": "<img src=x onerror=alert(1)>"}, ViewState(), "showing all"),
        ({"country": "XX"}, ViewState(), "showing all"),
        ({"q": "a" * 201}, ViewState(), "longer than 200"),
        ({"q": "x" * (MAX_PARAM_LENGTH + 1)}, ViewState(), "characters long"),
        ({"q": "a\x00b"}, ViewState(), "control characters"),
        ({"event": "no-such-event"}, ViewState(), "no such event"),
        ({"event": "javascript:alert(1)"}, ViewState(), "no such event"),
        ({"step": "fortnight"}, ViewState(), "expected one of"),
    ],
)
def test_tampered_links_fall_back_to_defaults_with_a_notice(params, expected, notice):
    state, notices = from_query_params(params, EVENTS)
    assert state == expected
    assert len(notices) == 1 and notice in notices[0]


def test_notices_quote_and_shorten_huge_values():
    _, notices = from_query_params({"event": "<b>" + "y" * 500}, EVENTS)
    assert len(notices[0]) < 120 and "…" in notices[0]


def test_no_data_means_no_window():
    state, _ = from_query_params({"start": "2023-08-01"}, DataFacts(None, None))
    assert (state.start, state.end) == (None, None)


@pytest.mark.parametrize(
    ("state", "params"),
    [
        (ViewState(), {}),
        (ViewState(start=D(2023, 8, 1)), {"start": "2023-08-01"}),
        (ViewState(categories=()), {"cat": ""}),
        (ViewState(categories=("attack", "fighting"), countries=("UA",), search="Kyiv", event="kyiv-day",
                   step="day", start=D(2023, 8, 1), end=D(2023, 8, 31)),
         {"start": "2023-08-01", "end": "2023-08-31", "cat": "attack,fighting", "country": "UA", "q": "Kyiv",
          "event": "kyiv-day", "step": "day"}),
    ],
)
def test_to_query_params_round_trips(state, params):
    assert to_query_params(state) == params
    assert from_query_params(params, EVENTS) == (state, [])


FIRST, LAST = D(2023, 1, 1), D(2023, 12, 31)


@pytest.mark.parametrize(
    ("window", "step", "direction", "expected"),
    [
        ((D(2023, 8, 1), D(2023, 8, 7)), "day", 1, (D(2023, 8, 2), D(2023, 8, 8))),
        ((D(2023, 8, 1), D(2023, 8, 7)), "week", 1, (D(2023, 8, 8), D(2023, 8, 14))),
        ((D(2023, 8, 1), D(2023, 8, 7)), "week", -1, (D(2023, 7, 25), D(2023, 7, 31))),
        ((D(2023, 8, 1), D(2023, 8, 31)), "month", 1, (D(2023, 8, 31), D(2023, 9, 30))),  # width kept
        ((D(2023, 1, 31), D(2023, 2, 28)), "month", -1, (D(2023, 1, 1), D(2023, 1, 29))),  # stops at first
        ((D(2023, 12, 20), D(2023, 12, 27)), "week", 1, (D(2023, 12, 24), D(2023, 12, 31))),  # stops at last
        ((D(2023, 12, 24), D(2023, 12, 31)), "day", 1, (D(2023, 12, 24), D(2023, 12, 31))),  # at the end: stays
        ((FIRST, D(2023, 1, 5)), "day", -1, (FIRST, D(2023, 1, 5))),  # at the start: stays
        ((FIRST, LAST), "month", 1, (FIRST, LAST)),  # the whole span cannot move
    ],
)
def test_shift_window_moves_the_whole_window_inside_the_data(window, step, direction, expected):
    assert shift_window(*window, step, direction, FIRST, LAST) == expected


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Café", "cafe"), ("KUPIANSK", "kupiansk"), ("Zaporizja", "zaporizja"), ("Straße", "strasse"), ("", "")],
)
def test_fold_text_ignores_case_and_accents(text, folded):
    assert fold_text(text) == folded


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["kyiv-day", "kharkiv-month", "moscow-year", "odesa-late", "weird"]),
        ("kyiv", ["kyiv-day"]),
        ("KHARKIV", ["kharkiv-month"]),  # location and title, any case
        ("charkiv", ["kharkiv-month"]),  # the place as the source wrote it
        ("cafe", ["odesa-late"]),  # accents ignored in the data ...
        ("Odésa", ["odesa-late"]),  # ... and in the query
        ("(again)", ["odesa-late"]),  # regex characters are plain text
        ("[reported", ["kharkiv-month"]),
        (".*", []),
        ("zaporizhzhia", ["weird"]),
        ("nowhere", []),
    ],
)
def test_search_is_plain_case_and_accent_insensitive(query, expected):
    assert ids(events_matching(EVENTS, query)) == expected
    assert ids(events_matching(EVENTS, query, search_text(EVENTS))) == expected


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        (None, ["kyiv-day", "kharkiv-month", "moscow-year", "odesa-late", "weird"]),
        (("RU",), ["moscow-year"]),
        ((), []),
    ],
)
def test_events_in_countries(countries, expected):
    assert ids(events_in_countries(EVENTS, countries)) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, ["kyiv-day", "kharkiv-month", "moscow-year", "odesa-late", "weird"]),
        (D(2023, 8, 11), D(2023, 8, 15), ["kharkiv-month"]),  # month precision overlaps the window
        (D(2022, 6, 1), D(2022, 6, 1), ["moscow-year"]),
        (D(2023, 9, 1), None, ["odesa-late"]),
        (D(2024, 1, 1), None, []),
    ],
)
def test_events_in_window_follows_the_shared_date_span_rule(start, end, expected):
    assert ids(events_in_window(EVENTS, start, end)) == expected


def test_visible_events_combines_window_countries_and_search():
    state = ViewState(start=D(2023, 8, 1), end=D(2023, 8, 31), countries=("UA",), search="kharkiv")
    assert ids(visible_events(EVENTS, state)) == ["kharkiv-month"]


def _text_not_starting_at_offset_zero(values: list[str]) -> pd.Series:
    """Arrow text whose offsets start past 0 over a longer data buffer, as pandas hands over
    columns read from Parquet (valid Arrow, and the case pyarrow 26's ascii_lower misreads)."""
    base = pa.array(["SKIPPED", *values])
    offsets = np.frombuffer(base.buffers()[1], dtype=np.int32)[1:]
    shifted = pa.Array.from_buffers(pa.string(), len(values), [None, pa.py_buffer(offsets.tobytes()),
                                                                  base.buffers()[2]])
    shifted.validate(full=True)
    return text_series(pa.chunked_array([shifted]))


@pytest.mark.parametrize("titles", [["Kupiansk SHELLED", "Odesa port"], ["Bachmoet", "Zaporizja", "Charkiv"],
                                    ["Ödesa", "KYIV"]])
def test_search_text_folds_text_whose_offsets_do_not_start_at_zero(titles: list[str]) -> None:
    events = pd.DataFrame({"title": _text_not_starting_at_offset_zero(titles)})
    assert search_text(events).tolist() == [fold_text(t) for t in titles]
