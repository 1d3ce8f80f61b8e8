"""What every importer shares: the result type, options, and the last mile to a valid events table.

Each format module only *maps* its source onto the events schema (a DataFrame of strings
plus the line or record each row came from) and lists what it could not map.  ``finish``
then runs the project's one validator (``schema.validate_frame``) on the mapped rows, so an
imported row is held to exactly the rules ``mapapp validate`` applies to the output file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

import numpy as np
import pandas as pd

from mapapp.errors import InputError, Problem, RecordProblem
from mapapp.load import decode_text, typed_events
from mapapp.schema import (
    COLUMN_NAMES,
    blank_cells,
    is_number_column,
    number_text,
    resolve_duplicate_ids,
    validate_frame,
)

GeocodeMissing = Callable[[pd.DataFrame], pd.DataFrame]
"""Adds coordinates to events that have none: receives rows with ``place`` and ``context``
columns and returns them with ``latitude``/``longitude`` (NaN when unresolved) and, where
known, ``resolved_name``, ``country_code``, ``admin1``, ``geo_precision``, ``geo_source``
and ``geocode_note`` -- the contract of ``mapapp.geocode.geocode_table``."""


@dataclass
class ImportOptions:
    """How to read a source; every field has a default that suits a plain import.

    ``columns`` maps schema columns to the source's own column names for the generic CSV
    and GeoJSON importers (``{"latitude": "lat"}`` from ``--lat lat``).  ``associations``
    and ``sources`` are timemap's side files as ``(name, bytes)``.  ``date_order`` settles
    numeric ACLED dates such as ``08/10/2023`` (``"dmy"`` or ``"mdy"``); without it such a
    date is rejected unless the file itself proves the order.  ``progress`` (the CLI's
    progress bar) is called with a row count as rows are done; ``import_paths`` makes sure
    every file's rows are counted, also for importers that do not report as they go.
    """

    format: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    associations: tuple[str, bytes] | None = None
    sources: tuple[str, bytes] | None = None
    geocode: GeocodeMissing | None = None
    date_order: str | None = None
    progress: Callable[[int], None] | None = None  # told the number of rows each time some are done
    trust_prepared: bool = False
    """Read a Parquet file that mapapp wrote from checked rows without checking them again
    (``load.read_prepared``).  Only for a file the operator chose (the app's configured table):
    its digest shows it is unchanged since mapapp wrote it, not who wrote it, so never for an upload."""


class DeferredNotes(Sequence[Problem]):
    """Notes worked out on first use, then kept.

    The app reads a prepared million-event file and never shows its notes (one per event
    without coordinates, tens of thousands), which took 0.2-0.5 s of its first render to
    write; ``mapapp import`` and ``validate`` read them and get exactly the same list.
    """

    def __init__(self, make: Callable[[], list[Problem]]) -> None:
        self._make: Callable[[], list[Problem]] | None = make
        self._items: list[Problem] = []

    def _notes(self) -> list[Problem]:
        if self._make is not None:
            self._items, self._make = self._make(), None
        return self._items

    def __getitem__(self, index):  # type: ignore[override]
        return self._notes()[index]

    def __len__(self) -> int:
        return len(self._notes())

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._notes())

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a list of notes, compared like one


@dataclass
class ImportResult:
    """Imported events (typed like ``load_events``), rejected rows, and notes on kept rows.

    ``problems`` explain every row left out; ``notes`` concern rows that were imported
    anyway (no coordinates, an unknown source id, a dropped non-http link) or the file as
    a whole.  ``rows_read - len(events)`` rows were rejected, never silently.
    """

    events: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    notes: Sequence[Problem] = field(default_factory=list)
    """A list, or ``DeferredNotes`` where nobody may ask (``importers.parquet.prepared_result``)."""
    rows_read: int = 0
    format: str = ""
    name: str = ""
    lines: pd.Series | None = None
    """The line (or record number) each event came from, aligned with ``events``."""
    rows_merged: int = 0
    """Rows that were exact copies of an earlier row (same id, same content), merged into it."""
    cells: np.ndarray | None = None
    """The events' H3 cells at ``columnar.CELLS_RESOLUTION``, aligned with ``events``, when the file
    carried them (a prepared Parquet file); None otherwise."""

    @property
    def rows_rejected(self) -> int:
        return self.rows_read - len(self.events) - self.rows_merged


def slug(name: str) -> str:
    """A short id-safe label for a file name: ``data/ACLED Ukraine.csv`` -> ``acled-ukraine``."""
    stem = PurePath(name).stem if name else ""
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "import"


def parse_json(data: bytes, name: str) -> object:
    """Parsed JSON, or InputError naming the line and column where parsing failed."""
    text = decode_text(data, name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem(name, exc.lineno, "", f"not valid JSON: {exc.msg} (column {exc.colno})")
        raise InputError(str(problem), [problem]) from None
    except RecursionError:  # found by fuzzing: "[[[[..." 200,000 deep overflows the parser's stack
        document = None
    if document is None and text.strip() != "null" or _deeper_than(document, MAX_JSON_DEPTH):
        problem = Problem(name, None, "", f"JSON nested more than {MAX_JSON_DEPTH} levels deep; not an events export")
        raise InputError(str(problem), [problem])
    return document


MAX_JSON_DEPTH = 64
"""Deeper JSON is refused: no export nests that far, and cells made of it (``cell_text``)
would re-serialise it recursively."""


def _deeper_than(document: object, limit: int) -> bool:
    """Whether lists/objects nest deeper than ``limit``, checked without recursion."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (value.values() if isinstance(value, dict) else value))
    return False


def cell_text(value: object) -> str:
    """A JSON value as one table cell: scalars as text, lists and objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def as_record_problems(problems: list[Problem]) -> list[Problem]:
    """The same problems addressed by record number (for JSON sources)."""
    return [RecordProblem(p.file, p.line, p.column, p.message) for p in problems]


def finish(
    mapped: pd.DataFrame,
    lines: pd.Series,
    name: str,
    *,
    fmt: str,
    rows_read: int,
    rejected: list[Problem] | None = None,
    notes: list[Problem] | None = None,
    source_columns: Mapping[str, str] | None = None,
    records: bool = False,
    geocode: GeocodeMissing | None = None,
    resolve_ids: bool = True,
    stripped: bool = False,
) -> ImportResult:
    """Validate mapped rows, geocode the unlocated ones if asked, and type the survivors.

    ``mapped`` holds schema columns (strings) plus extra columns; ``lines`` the line (or
    record number) of each row; ``rejected`` problems the format module already found --
    their rows are left out before validation, so one bad cell is reported once.
    ``source_columns`` renames schema columns back to the source's own names in messages
    (an ACLED user looks for ``fatalities``, not ``killed``).  A repeated id is kept under
    a derived id and exact copies are merged (``schema.resolve_duplicate_ids``), unless
    ``resolve_ids`` is False because the caller does it over a whole file read in chunks.
    ``stripped``: the text cells of ``mapped`` are already trimmed and free of NaN, so the
    validator and the typing need not pass over them again.
    """
    rejected = list(rejected or [])
    notes = list(notes or [])
    for column in COLUMN_NAMES:
        if column not in mapped.columns:
            mapped[column] = ""
    # Rows already rejected are validated too (copying a million-row frame to leave them out
    # costs more), but only the problems of the other rows are reported: one bad cell, one message.
    rejected_lines = {p.line for p in rejected}
    candidates = ~lines.isin(rejected_lines)
    rows = mapped
    merged = pd.Series(False, index=rows.index)
    if resolve_ids:
        ids = resolve_duplicate_ids(rows["event_id"], lines, name, rows, unit="record" if records else "line")
        rows, merged = ids.apply(rows), ids.merged
        notes += ids.notes
        candidates &= ~merged
    unlocated = candidates & blank_cells(rows["latitude"]) & blank_cells(rows["longitude"])
    if unlocated.any():
        if geocode is not None:
            rows = _fill_coordinates(as_text(rows), unlocated, geocode)
            stripped = False  # the geocoder's names are not trimmed
            still = unlocated & (rows["latitude"] == "") & (rows["longitude"] == "")
        else:
            still = unlocated
        notes += unlocated_notes(rows[still], lines[still], name, geocoded=geocode is not None)
    found = [p for p in validate_frame(rows, lines, name, stripped=stripped) if p.line not in rejected_lines]
    found_lines = {p.line for p in found}
    keep = candidates & ~lines.isin(found_lines)
    merged &= ~lines.isin(found_lines | rejected_lines)
    bad_lines = found_lines | rejected_lines
    notes = [n for n in notes if not (n.column == "event_id" and n.line in bad_lines)]
    renamed = {k: v for k, v in (source_columns or {}).items() if k != v}
    problems = (_readdressed(rejected, {}, records) if records else rejected) + _readdressed(found, renamed, records)
    notes = _readdressed(notes, renamed, records)
    return ImportResult(
        events=typed_events(rows[keep] if not keep.all() else rows, stripped=stripped),
        problems=sorted(problems, key=_by_place),
        notes=sorted(notes, key=_by_place),
        rows_read=rows_read,
        format=fmt,
        name=name,
        lines=lines[keep].reset_index(drop=True),
        rows_merged=int(merged.sum()),
    )


def _readdressed(problems: list[Problem], renamed: Mapping[str, str], records: bool) -> list[Problem]:
    """``problems`` under the source's column names, as record problems if ``records``; made anew only
    when something changes (a million-row file can have tens of thousands of notes)."""
    kind = RecordProblem if records else Problem
    if not renamed and all(type(p) is kind for p in problems):
        return list(problems)
    return [kind(p.file, p.line, renamed.get(p.column, p.column), p.message) for p in problems]


def unlocated_notes(rows: pd.DataFrame, lines: pd.Series, name: str, *, geocoded: bool) -> list[Problem]:
    """A note per row imported without coordinates (read column-wise: a million-row file may have
    tens of thousands)."""
    whys = rows["geocode_note"].tolist() if "geocode_note" in rows.columns else [""] * len(rows)
    notes = []
    for line, where, why in zip(lines.tolist(), rows["place"].tolist(), whys, strict=True):
        hint = f"geocoding found nothing ({why})" if geocoded else "pass --geocode to resolve it"
        message = (f"no coordinates for {where!r}: {hint}" if where else "no coordinates and no place")
        notes.append(Problem(name, int(line), "latitude", f"{message}; imported without a map position"))
    return notes


def as_text(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with number columns (from a typed source) as the text a CSV would hold, for code
    that writes text into them (the geocoder's coordinates)."""
    numbers = [column for column in rows.columns if is_number_column(rows[column])]
    return rows.assign(**{column: number_text(rows[column]) for column in numbers}) if numbers else rows


def _by_place(problem: Problem) -> tuple[int, str]:
    return problem.line or 0, problem.column


_GEOCODED = {"resolved_name": "location", "country_code": "country_code", "admin1": "admin1",
             "geo_precision": "geo_precision", "geo_source": "geo_source"}


def _fill_coordinates(rows: pd.DataFrame, unlocated: pd.Series, geocode: GeocodeMissing) -> pd.DataFrame:
    """Rows with coordinates (and resolved names) filled in from the geocoder where it found one.

    Only empty cells are filled: a country code or region the source gave wins over the
    geocoder's guess.  ``geocode_note`` is kept as an extra column so the reader sees why.
    """
    query = rows.loc[unlocated, ["place"]].copy()
    query["context"] = rows.loc[unlocated, "context"] if "context" in rows.columns else ""
    answer = geocode(query)
    rows = rows.copy()
    found = answer["latitude"].notna() & answer["longitude"].notna()
    for column in ("latitude", "longitude"):
        rows.loc[found[found].index, column] = answer.loc[found, column].map(lambda v: f"{float(v):.6f}")
    for theirs, ours in _GEOCODED.items():
        if theirs not in answer.columns:
            continue
        values = answer.loc[found, theirs].fillna("").astype(str)
        empty = rows.loc[values.index, ours].fillna("").astype(str) == ""
        rows.loc[values[empty].index, ours] = values[empty]
    if "geocode_note" in answer.columns:
        rows["geocode_note"] = rows.get("geocode_note", pd.Series("", index=rows.index)).fillna("").astype(str)
        rows.loc[answer.index, "geocode_note"] = answer["geocode_note"].fillna("").astype(str)
    return rows
