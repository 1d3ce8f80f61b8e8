"""Any CSV table of events -> events, with the user naming the columns that matter.

Columns already named like the schema's are used as they are; ``--lat``, ``--lon``,
``--date``, ``--place``, ``--title``, ``--category`` and ``--id`` name the others.  The same
mapping serves GeoJSON properties (``geojson.py``), so both behave alike.  Missing ids
are generated from the file name and line (stable when the same file is imported
again); a missing title is made from category and place.  Dates must be ISO (an ISO
timestamp keeps its date part): a CSV of unknown origin gives no way to tell
``08/10/2023`` from ``10/08/2023``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from mapapp.errors import InputError, Problem
from mapapp.importers.common import ImportOptions, ImportResult, finish, slug
from mapapp.load import read_table
from mapapp.schema import (
    COLUMN_NAMES,
    NUMBER_COLUMNS,
    blank_cells,
    is_number_column,
    map_distinct,
    number_text,
    text_cells,
)

OPTION_FOR = {"latitude": "--lat", "longitude": "--lon", "event_date": "--date", "place": "--place",
              "title": "--title", "category": "--category", "event_id": "--id"}
"""The command-line option that names the source column for each schema column."""

_ISO_TIMESTAMP = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"
_ISO_STAMP = re.compile(_ISO_TIMESTAMP)


def import_csv(data: bytes, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Map a generic events CSV onto the schema; rows keep their physical line numbers."""
    options = options or ImportOptions()
    raw = read_table(data, name)
    result = map_table(raw.frame, raw.lines, name, options, fmt="csv", rejected=raw.problems)
    result.rows_read += raw.unreadable
    return result


def map_table(
    frame: pd.DataFrame,
    lines: pd.Series,
    name: str,
    options: ImportOptions,
    *,
    fmt: str,
    rejected: list[Problem] | None = None,
    notes: list[Problem] | None = None,
    records: bool = False,
) -> ImportResult:
    """Rename the user's columns to the schema's, fill generated ids/titles, then ``finish``."""
    header_line = None if records else 1
    columns = resolve_columns(list(frame.columns), options.columns, name, header_line)
    # A schema-named column that the user replaced (--lat y beside a "latitude") is kept as source_*;
    # a renamed non-schema column is not kept twice.
    mapped = frame.rename(columns={c: f"source_{c}" for c in frame.columns if c in columns and columns[c] != c})
    for ours, theirs in columns.items():
        mapped[ours] = frame[theirs]
    renamed = {theirs for ours, theirs in columns.items() if ours != theirs and theirs not in COLUMN_NAMES}
    mapped = mapped.drop(columns=list(renamed))
    for column in mapped.columns:
        values = mapped[column]
        if is_number_column(values):  # a typed source's numbers stay numbers only as coordinates and counts
            if column not in NUMBER_COLUMNS:
                mapped[column] = number_text(values)
        else:
            mapped[column] = text_cells(values).str.strip()
    blank = pd.Series("", index=mapped.index, dtype=object)
    event_id = mapped.get("event_id", blank)
    missing_id = event_id == ""
    if missing_id.any():  # the line-number text of a million rows is not made for ids they already have
        mapped["event_id"] = event_id.where(~missing_id, slug(name) + "-" + lines[missing_id].astype(str))
    else:
        mapped["event_id"] = event_id
    place = mapped.get("place", blank)
    mapped["place"] = place
    if "title" not in mapped.columns:
        mapped["title"] = mapped["category"].where(place == "", mapped["category"] + " in " + place)
    dates = mapped["event_date"]
    stamped = map_distinct(dates, lambda date: _ISO_STAMP.fullmatch(date) is not None).astype(bool)
    if stamped.any():
        mapped["event_date"] = dates.where(~stamped, dates.str[:10])
    if "latitude" in mapped.columns and "longitude" in mapped.columns:
        geo_source = mapped.get("geo_source", blank)
        located = ~blank_cells(mapped["latitude"]) & (geo_source == "")
        mapped["geo_source"] = geo_source.where(~located, f"{fmt} import")
    source_doc = mapped.get("source_doc", blank)
    mapped["source_doc"] = source_doc.where(source_doc != "", name).astype(str).str.strip()  # the name too
    for column in ("latitude", "longitude"):
        if column not in mapped.columns:
            mapped[column] = ""
    return finish(mapped, lines, name, fmt=fmt, rows_read=len(frame), rejected=rejected, notes=notes,
                  source_columns=columns, records=records, geocode=options.geocode, stripped=True)


def resolve_columns(header: list[str], named: Mapping[str, str], name: str, line: int | None) -> dict[str, str]:
    """Schema column -> source column, from the user's names and the header's own schema names.

    Raises InputError when a named column is not in the header, or when no column can
    give the date or the category (every event needs both; say which option names them).
    """
    problems: list[Problem] = []
    columns: dict[str, str] = {}
    for ours in OPTION_FOR:
        theirs = named.get(ours)
        if theirs:
            if theirs not in header:
                problems.append(Problem(name, line, theirs, f"no such column (given with {OPTION_FOR[ours]})"))
            columns[ours] = theirs
        elif ours in header:
            columns[ours] = ours
    for ours in ("event_date", "category"):
        if ours not in columns:
            problems.append(Problem(name, line, ours,
                                    f"required column is missing (name yours with {OPTION_FOR[ours]})"))
    if ("latitude" in columns) != ("longitude" in columns):
        have, lack = ("latitude", "longitude") if "latitude" in columns else ("longitude", "latitude")
        problems.append(Problem(name, line, lack,
                                f"{have} is given but {lack} is not (name it with {OPTION_FOR[lack]})"))
    if problems:
        raise InputError(f"{name}: the columns cannot be read as events", problems)
    return columns
