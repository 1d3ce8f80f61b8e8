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

import mapapp.importers.parquet as parquet_importer
from mapapp.columnar import PREPARED_KEY, events_to_parquet_bytes, prepared_rules
from mapapp.dataset import make_dataset, upload_dataset
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
