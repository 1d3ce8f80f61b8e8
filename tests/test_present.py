"""Specification of the shared presentation helpers: wording of dates and casualties, the
facts line, Markdown escaping, safe links, clicks back to rows, and the GeoJSON export."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import events_table

from mapapp.present import (
    casualty_text,
    escape_markdown,
    event_facts,
    event_id_at,
    events_to_geojson,
    format_event_date,
    located_events,
    safe_link,
)


@pytest.mark.parametrize(
    ("date", "precision", "shown"),
    [("2023-08-10", "day", "10 Aug 2023"), ("2023-08-01", "", "1 Aug 2023"), ("2023-08", "month", "Aug 2023"),
     ("2023-08", None, "Aug 2023"), ("2022", "year", "2022"), ("2023-08-01", "month", "Aug 2023"),
     ("2023-08-10", "year", "2023"), ("2023-08", "day", "Aug 2023"), ("someday", "day", "someday"),
     ("2023-02-30", "day", "2023-02-30")],
)
def test_format_event_date_shows_no_more_than_is_known(date: str, precision: str | None, shown: str) -> None:
    assert format_event_date(date, precision) == shown


@pytest.mark.parametrize(
    ("killed", "injured", "text"),
    [(2, 7, "2 killed, 7 injured"), (1, pd.NA, "1 killed"), (pd.NA, 3, "3 injured"), (pd.NA, pd.NA, ""),
     (0, pd.NA, "0 killed")],
)
def test_casualties_shown_only_when_known(killed, injured, text: str) -> None:
    assert casualty_text(killed, injured) == text


@pytest.mark.parametrize(
    ("row", "facts"),
    [({}, ["10 Aug 2023", "attack", "Kyiv"]),
     ({"date_precision": "month", "location": "Kyiv"}, ["Aug 2023", "attack", "Kyiv"]),
     ({"place": "Kiev", "location": "Kyiv", "killed": 2}, ["10 Aug 2023", "attack", "Kiev / Kyiv", "2 killed"]),
     ({"place": "", "location": "", "category": ""}, ["10 Aug 2023"])],
)
def test_event_facts_leave_out_what_is_empty(row: dict, facts: list[str]) -> None:
    assert event_facts(events_table([row]).iloc[0]) == facts


@pytest.mark.parametrize(
    ("latitude", "longitude", "drawn"),
    [(50.45, 30.52, True), (float("nan"), float("nan"), False), (91.0, 30.0, False), (50.0, 181.0, False),
     (0.0, 0.0, True)],
)
def test_located_events_are_those_with_both_coordinates_in_range(latitude, longitude, drawn: bool) -> None:
    assert len(located_events(events_table([{"latitude": latitude, "longitude": longitude}]))) == int(drawn)


SAME_PLACE = [{"event_id": "a", "title": "First"}, {"event_id": "b", "title": "Second"},
              {"event_id": "c", "latitude": 46.48, "longitude": 30.72},
              {"event_id": "d", "latitude": float("nan"), "longitude": float("nan")}]


@pytest.mark.parametrize(
    ("lat", "lng", "text", "expected"),
    [(50.45, 30.52, "Second [b]", "b"),  # same coordinates: the tooltip decides
     (50.45, 30.52, "First\nAug 2023 · attack\na", "a"),  # popup text ends with the id
     (46.5, 30.7, None, "c"),  # no text: nearest drawn event
     (46.5, 30.7, "Unrelated [zzz]", "c"),
     (None, None, "Unlocated [d]", None),  # never an event that is not drawn
     (None, None, None, None)],
)
def test_event_id_at_maps_clicks_back_to_rows(lat, lng, text, expected) -> None:
    table = events_table(SAME_PLACE)
    table["event_id"] = [r["event_id"] for r in SAME_PLACE]
    assert event_id_at(table, lat, lng, text) == expected


def test_events_to_geojson_keeps_all_columns_and_unknowns_as_null() -> None:
    table = events_table([{"killed": 3}, {"latitude": float("nan"), "longitude": float("nan")}])
    table["extra"] = ["k", "v"]
    collection = events_to_geojson(table)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 1
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [30.52, 50.45]}
    assert feature["properties"]["killed"] == 3 and feature["properties"]["injured"] is None
    assert feature["properties"]["extra"] == "k"
    json.dumps(collection, allow_nan=False)  # serialisable, no NaN


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words", "plain words"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("[x](javascript:alert(1))", "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"),
        ("**bold** _it_ `code` $x$ :red[r] # h", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\$x\\$ \\:red\\[r\\] \\# h"),
        ("a\nb", "a  \nb"),
    ],
)
def test_escape_markdown(text, escaped):
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)//https://x", None),
        ("data:text/html,<b>x</b>", None),
        ("https://example.org/\"onmouseover=alert(1)", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_link(url, link):
    assert safe_link(url) == link
