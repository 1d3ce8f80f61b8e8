"""A Parquet file mapapp wrote from checked rows reads back as exactly those rows, without a second check.

``mapapp import -o events.parquet`` writes validated, typed events and marks the file as prepared:
its footer holds the rules version and the SHA-256 of every byte before the footer.  The app reads
its configured table with ``trust_prepared``, which skips validation only while both still hold.
Everything else -- an upload, an edited or rewritten file, a file checked under other rules --
goes through the full check, so a bad cell is still reported, never trusted.
"""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from test_parquet_as_csv import _rows, csv_bytes

import mapapp.dataset as dataset_module
import mapapp.importers.parquet as parquet_importer
from mapapp.aggregate import FINEST_RESOLUTION, point_cells
from mapapp.columnar import (
    CELLS_COLUMN,
    CELLS_RESOLUTION,
    PREPARED_KEY,
    events_to_parquet_bytes,
    prepared_rules,
    write_events_parquet,
)
from mapapp.dataset import ScaleIndex, make_dataset, upload_dataset
from mapapp.importers import ImportOptions, import_upload
from mapapp.importers.csvgeneric import import_csv
from mapapp.importers.parquet import import_parquet
from mapapp.load import load_events, read_prepared, write_events
from mapapp.schema import RULES_VERSION

TRUSTED = ImportOptions(trust_prepared=True)
EVENTS = load_events("events.csv").events


def checked_rows(extra: dict | None = None) -> pd.DataFrame:
    """The bundled events (validated and typed), optionally with some cells changed."""
    events = EVENTS.copy()
    for column, value in (extra or {}).items():
        events.loc[0, column] = value
    return events


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each file that went through the full check (``map_table``) instead of the prepared read."""
    seen: list[str] = []
    real = parquet_importer.map_table

    def spy(frame, lines, name, *args, **kwargs):
        seen.append(name)
        return real(frame, lines, name, *args, **kwargs)

    monkeypatch.setattr(parquet_importer, "map_table", spy)
    return seen


def rewritten(data: bytes, change, keep_claim: bool = True) -> bytes:
    """``data`` rewritten by plain pyarrow after ``change(table)``, with the old claim copied over."""
    table = change(pq.read_table(io.BytesIO(data)))
    claim = pq.read_metadata(io.BytesIO(data)).metadata[PREPARED_KEY.encode()]
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, table.schema) as writer:
        writer.write_table(table)
        if keep_claim:
            writer.add_key_value_metadata({PREPARED_KEY: claim})
    return sink.getvalue()


def with_latitude(table: pa.Table, value: float) -> pa.Table:
    column = table.column("latitude").to_pylist()
    column[0] = value
    return table.set_column(table.schema.get_field_index("latitude"), "latitude", pa.array(column, pa.float64()))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
@given(_rows())
def test_prepared_file_reads_back_as_the_checked_rows(rows: list[dict]) -> None:
    checked = import_csv(csv_bytes(rows), "t.csv")
    data = events_to_parquet_bytes(checked.events, prepared=RULES_VERSION)
    trusted, full = import_parquet(data, "t.parquet", TRUSTED), import_parquet(data, "t.parquet")
    pd.testing.assert_frame_equal(trusted.events, checked.events)
    pd.testing.assert_frame_equal(trusted.events, full.events)
    assert trusted.problems == full.problems == []
    assert trusted.notes == full.notes
    assert (trusted.rows_read, trusted.rows_merged, list(trusted.lines)) == (full.rows_read, 0, list(full.lines))


def test_a_trusted_prepared_file_is_not_checked_again(full_checks: list[str]) -> None:
    data = events_to_parquet_bytes(EVENTS, prepared=RULES_VERSION)
    result = import_upload(data, "events.parquet", trust_prepared=True)
    assert full_checks == []
    pd.testing.assert_frame_equal(result.events, EVENTS)


@pytest.mark.parametrize(("case", "make"), [
    ("written without a claim", lambda: events_to_parquet_bytes(EVENTS)),
    ("checked under other rules", lambda: events_to_parquet_bytes(EVENTS, prepared="events-0")),
    ("rewritten by another tool, claim dropped",
     lambda: rewritten(events_to_parquet_bytes(EVENTS, prepared=RULES_VERSION), lambda t: t, keep_claim=False)),
    ("rewritten unchanged, claim copied",
     lambda: rewritten(events_to_parquet_bytes(EVENTS, prepared=RULES_VERSION), lambda t: t)),
    ("a cell edited, claim copied",
     lambda: rewritten(events_to_parquet_bytes(EVENTS, prepared=RULES_VERSION), lambda t: with_latitude(t, 50.0))),
])
def test_any_other_file_gets_the_full_check(case: str, make, full_checks: list[str]) -> None:
    data = make()
    assert prepared_rules(data) != RULES_VERSION
    assert read_prepared(data) is None
    trusted, full = import_parquet(data, "t.parquet", TRUSTED), import_parquet(data, "t.parquet")
    assert full_checks == ["t.parquet", "t.parquet"]
    pd.testing.assert_frame_equal(trusted.events, full.events)


def test_an_invalid_cell_edited_into_a_prepared_file_is_still_rejected() -> None:
    data = rewritten(events_to_parquet_bytes(EVENTS, prepared=RULES_VERSION), lambda t: with_latitude(t, 999.0))
    result = import_parquet(data, "t.parquet", TRUSTED)
    assert [(p.line, p.column) for p in result.problems] == [(1, "latitude")]
    assert len(result.events) == len(EVENTS) - 1


@pytest.mark.parametrize(("claim", "why"), [
    (b"not json", "a claim that does not parse"),
    (json.dumps({"rules": RULES_VERSION}).encode(), "a claim without a digest"),
    (json.dumps({"rules": RULES_VERSION, "sha256": "0" * 64}).encode(), "a digest of other bytes"),
])
def test_a_claim_that_does_not_hold_is_ignored(claim: bytes, why: str) -> None:
    table = pq.read_table(io.BytesIO(events_to_parquet_bytes(EVENTS)))
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, table.schema) as writer:
        writer.write_table(table)
        writer.add_key_value_metadata({PREPARED_KEY: claim.decode("latin-1")})
    assert prepared_rules(sink.getvalue()) is None, why


def test_an_upload_is_never_trusted(full_checks: list[str]) -> None:
    data = events_to_parquet_bytes(EVENTS, prepared=RULES_VERSION)
    upload_dataset("k", "up.parquet", data)
    import_upload(data, "up2.parquet")
    assert full_checks == ["up.parquet", "up2.parquet"]


def test_the_import_command_writes_a_prepared_file_the_app_reads_as_is(tmp_path, full_checks: list[str]) -> None:
    path = tmp_path / "events.parquet"
    write_events(EVENTS, path, checked=True)
    data = path.read_bytes()
    assert prepared_rules(data) == RULES_VERSION
    trusted, full = make_dataset(data, "events.parquet", "k", trusted=True), make_dataset(data, "events.parquet", "k")
    assert full_checks == ["events.parquet"]  # only the untrusted read was checked
    pd.testing.assert_frame_equal(trusted.events, full.events)
    pd.testing.assert_series_equal(trusted.haystack, full.haystack)
    assert trusted.facts.event_ids.equals(full.facts.event_ids)
    assert (trusted.facts.first_day, trusted.facts.last_day, trusted.facts.categories, trusted.facts.countries) == \
        (full.facts.first_day, full.facts.last_day, full.facts.categories, full.facts.countries)
    assert (trusted.problems, trusted.notes, trusted.rows_read) == (full.problems, full.notes, full.rows_read)


def test_unchecked_output_is_not_marked(tmp_path) -> None:
    path = tmp_path / "extracted.parquet"
    write_events(EVENTS, path)  # extract and geocode write tables nobody validated
    assert prepared_rules(path.read_bytes()) is None


def test_the_notes_of_a_prepared_file_are_written_only_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app never reads them (a prepared million-event file has tens of thousands); the CLI does."""
    written = []
    real = parquet_importer.unlocated_notes
    monkeypatch.setattr(parquet_importer, "unlocated_notes", lambda *a, **k: written.append(1) or real(*a, **k))
    events = checked_rows({"latitude": float("nan"), "longitude": float("nan")})
    data = events_to_parquet_bytes(events, prepared=RULES_VERSION)
    make_dataset(data, "events.parquet", "key", trusted=True)
    assert written == []
    result = import_parquet(data, "events.parquet", TRUSTED)
    assert written == []
    assert [(n.line, n.column) for n in result.notes] == [(1, "latitude")]
    assert len(result.notes) == 1 and result.notes[0].message.endswith("imported without a map position")
    assert written == [1]  # worked out once, then kept
    assert result.notes == import_parquet(data, "events.parquet").notes  # the full check's notes


# --- the H3 cells a prepared file carries (columnar.CELLS_COLUMN) ---------------------------------

def test_the_cells_column_is_at_the_resolution_the_app_aggregates_from() -> None:
    assert CELLS_RESOLUTION == FINEST_RESOLUTION and CELLS_COLUMN.endswith(str(FINEST_RESOLUTION))


def test_a_prepared_file_carries_every_events_cell_and_the_app_uses_them(tmp_path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    events = checked_rows({"latitude": float("nan"), "longitude": float("nan")})  # one event without a point
    path = tmp_path / "events.parquet"
    write_events(events, path, checked=True)
    data = path.read_bytes()
    expected = point_cells(events["latitude"], events["longitude"])
    stored = pq.read_table(io.BytesIO(data), columns=[CELLS_COLUMN]).column(CELLS_COLUMN)
    assert stored.type == pa.uint64() and stored.to_pylist() == expected.tolist() and expected[0] == 0
    dataset = make_dataset(data, "events.parquet", "k", trusted=True)
    assert CELLS_COLUMN not in dataset.events.columns
    monkeypatch.setattr(dataset_module, "point_cells", lambda *a, **k: pytest.fail("cells worked out again"))
    assert ScaleIndex.build(dataset).cells.tolist() == expected.tolist()


@pytest.mark.parametrize(("case", "make"), [
    ("an upload of a prepared file (never trusted)",
     lambda data: make_dataset(data, "up.parquet", "k")),
    ("a prepared file geocoded on upload (points may move)",
     lambda data: make_dataset(data, "up.parquet", "k", geocode=True)),
])
def test_cells_are_worked_out_when_the_file_is_not_read_as_prepared(tmp_path, case: str, make) -> None:
    path = tmp_path / "events.parquet"
    write_events(EVENTS, path, checked=True)
    dataset = make(path.read_bytes())
    assert dataset.cells is None and CELLS_COLUMN not in dataset.events.columns, case
    assert ScaleIndex.build(dataset).cells.tolist() == point_cells(EVENTS["latitude"], EVENTS["longitude"]).tolist()


def test_a_prepared_file_without_cells_still_reads_as_prepared(full_checks: list[str]) -> None:
    """Files written before the cells column (and the app's Parquet download) are read as they are."""
    data = events_to_parquet_bytes(EVENTS, prepared=RULES_VERSION)
    dataset = make_dataset(data, "events.parquet", "k", trusted=True)
    assert full_checks == [] and dataset.cells is None
    pd.testing.assert_frame_equal(dataset.events, EVENTS)


def test_a_text_column_of_that_name_in_someones_file_is_an_extra_column_like_any_other() -> None:
    events = checked_rows().assign(**{CELLS_COLUMN: "mine"})
    sink = io.BytesIO()
    write_events_parquet(events, sink, prepared=RULES_VERSION, cells=point_cells(events["latitude"],
                                                                                 events["longitude"]))
    data = sink.getvalue()
    assert pq.read_schema(io.BytesIO(data)).field(CELLS_COLUMN).type == pa.string()  # theirs kept, ours not written
    for trusted in (True, False):
        dataset = make_dataset(data, "events.parquet", "k", trusted=trusted)
        assert dataset.cells is None and set(dataset.events[CELLS_COLUMN]) == {"mine"}
