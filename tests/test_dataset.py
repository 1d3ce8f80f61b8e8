"""Specification of data preparation for the app: uploads judged as a whole, rows located, facts derived once."""

from __future__ import annotations

import pandas as pd
import pytest
from test_app import ROWS, events_csv

from mapapp import eventquery
from mapapp.dataset import ScaleIndex, content_key, dataset_from_upload, geocode_missing, make_dataset
from mapapp.errors import InputError
from mapapp.load import load_events
from mapapp.schema import table_spans


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


def test_the_scale_index_reuses_the_datasets_date_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = make_dataset(events_csv().encode(), "e.csv", "k")
    start, end = table_spans(dataset.events)
    assert start.equals(dataset.spans[0]) and end.equals(dataset.spans[1])

    def again(events):
        raise AssertionError("spans worked out a second time")

    monkeypatch.setattr(eventquery, "table_spans", again)
    index = ScaleIndex.build(dataset).index
    assert index.rows().tolist() == list(range(len(dataset.events)))


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


# --- uploads are bounded before they are parsed ------------------------------------------------------------

def never_load(key, name, data, online):
    raise AssertionError("a refused upload must not be parsed")


@pytest.mark.parametrize(
    ("data", "max_bytes", "max_rows", "message"),
    [
        (b"x" * 2_000, 1_000, 10, "up.csv is 0.0 MB; uploads are limited to 0 MB."),
        (b"event_date,category\n" + b"2023,attack\n" * 11, 10_000, 10, "up.csv has 12 lines; uploads are limited "
                                                                        "to 10 rows"),
    ],
    ids=["too-many-bytes", "too-many-rows"],
)
def test_an_upload_over_the_limits_is_refused_unparsed(data, max_bytes, max_rows, message) -> None:
    outcome = dataset_from_upload(data, "up.csv", load=never_load, max_bytes=max_bytes, max_rows=max_rows)
    assert outcome.dataset is None
    assert outcome.messages[0] == "up.csv was not loaded; the previous data stays."
    assert outcome.messages[1].startswith(message)


def test_an_upload_at_the_row_limit_loads() -> None:
    data = events_csv(ROWS[:2]).encode()
    assert dataset_from_upload(data, "up.csv", max_rows=2).dataset is not None


def test_a_one_gigabyte_single_line_is_refused_by_its_length() -> None:
    import time

    data = b"x" * (1 << 30)
    started = time.perf_counter()
    outcome = dataset_from_upload(data, "big.csv", load=never_load)
    assert outcome.dataset is None and "uploads are limited to 52 MB" in outcome.messages[1]
    assert time.perf_counter() - started < 5
    del data


@pytest.mark.parametrize(
    "data",
    [
        # a zip bomb renamed .csv: never decompressed, refused as binary
        b"PK\x03\x04\x14\x00\x08\x00\x08\x00" + bytes(range(256)) * 40,
        # gzip
        b"\x1f\x8b\x08\x00" + b"\x00" * 1000,
        # a 40 MB single line (under the byte limit): read, refused as a table, no crash
        b"event_date,category\n" + b"y" * 40_000_000,
    ],
    ids=["zip", "gzip", "40MB-line"],
)
def test_archives_and_giant_lines_never_take_the_app_down(data) -> None:
    outcome = dataset_from_upload(data, "up.csv")
    assert outcome.dataset is None
    assert outcome.messages[0].endswith("the previous data stays.")


def test_repeated_ids_in_an_upload_are_kept_and_said() -> None:
    header, first = events_csv(ROWS[:1]).splitlines()[:2]
    data = "\n".join([header, first, first.replace("2023-08", "2023-09", 1), first]).encode()
    outcome = dataset_from_upload(data, "up.csv")
    assert outcome.dataset is not None and len(outcome.dataset.events) == 2
    assert outcome.messages[0].startswith("Loaded 2 events from up.csv. 1 event(s) reuse an earlier event's id "
                                          "and are kept under a derived id (like ID~2; the id as given is in "
                                          "original_event_id). 1 exact duplicate row(s) were merged.")
    assert len(outcome.messages) == 1  # nothing was left out


def test_a_parquet_upload_is_bounded_by_its_footer_row_count() -> None:
    from mapapp.columnar import events_to_parquet_bytes

    data = events_to_parquet_bytes(load_events(events_csv().encode(), "e.csv").events)
    outcome = dataset_from_upload(data, "up.parquet", load=never_load, max_rows=3)
    assert outcome.messages[1].startswith("up.parquet has 6 rows; uploads are limited to 3 rows")
    assert dataset_from_upload(data, "up.parquet", max_rows=6).dataset is not None
