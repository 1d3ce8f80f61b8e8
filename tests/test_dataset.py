"""Specification of data preparation for the app: uploads judged as a whole, rows located, facts derived once."""

from __future__ import annotations

import pandas as pd
import pytest
from test_app import ROWS, events_csv

from mapapp.dataset import content_key, dataset_from_upload, geocode_missing, make_dataset
from mapapp.errors import InputError
from mapapp.load import load_events


@pytest.mark.parametrize(
    ("data", "usable", "first_lines"),
    [
        (events_csv().encode(), True, ["Loaded 6 events from up.csv. Located 0 of 1 events that had a place but "
                                       "no coordinates, with the offline gazetteer."]),
        (events_csv(ROWS[:2]).encode(), True, ["Loaded 2 events from up.csv."]),
        (b"", False, ["up.csv was not loaded; the previous data stays.", "up.csv: file is empty"]),
        (b"\x00\x01binary", False, ["up.csv was not loaded; the previous data stays."]),
        (events_csv(ROWS[:1]).replace("2023-08-10", "2023-13-45").encode(), False,
         ["up.csv has no usable event; the previous data stays.",
          "up.csv:2: event_date: '2023-13-45' is not a real date"]),
    ],
)
def test_dataset_from_upload(data, usable, first_lines):
    outcome = dataset_from_upload(data, "up.csv")
    assert (outcome.dataset is not None) == usable
    assert outcome.messages[: len(first_lines)] == first_lines


def test_the_loader_is_injectable_and_gets_the_content_key() -> None:
    seen = []

    def load(key, name, data, online):
        seen.append((key, name, online))
        raise InputError("broken", [])

    outcome = dataset_from_upload(b"abc", "x.csv", online=True, load=load)
    assert seen == [(content_key(b"abc"), "x.csv", True)]
    assert outcome.dataset is None and outcome.messages[0] == "x.csv was not loaded; the previous data stays."


def test_make_dataset_derives_search_text_and_facts_once() -> None:
    dataset = make_dataset(events_csv().encode(), "e.csv", "k")
    assert (dataset.key, dataset.name, dataset.rows_read, dataset.problems) == ("k", "e.csv", 6, ())
    assert len(dataset.haystack) == len(dataset.events) == 6
    assert dataset.facts.categories  # the layers the sidebar offers
    assert dataset.notes == ()  # the bundled file is never geocoded


@pytest.mark.parametrize(
    ("place", "country_code", "expected_lat", "expected_code"),
    [("Koepjansk", "", True, "UA"),  # located, empty code filled
     ("Koepjansk", "XX", True, "XX"),  # a code the file gives is kept
     ("Qwxzy-on-Nothing", "", False, ""),  # unresolvable: stays without coordinates
     ("", "", False, "")],  # no place: not even tried
)
def test_geocode_missing_fills_only_empty_fields(place, country_code, expected_lat, expected_code) -> None:
    rows = [("u1", "2023-08-10", "evacuation", country_code, place, "", "", "t", "")]
    events = load_events(events_csv(rows).encode(), name="u.csv").events
    located, notes = geocode_missing(events, online=False)
    assert located["latitude"].notna().iloc[0] == expected_lat
    assert located["country_code"].iloc[0] == expected_code
    assert pd.isna(events["latitude"].iloc[0])  # the input is not changed
    assert bool(notes) == bool(place)
