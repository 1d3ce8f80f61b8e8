"""The events table: its columns, their meaning, and the rules every row must satisfy.

This module is the bottom of the dependency tree (with ``errors``): it knows nothing about
files, maps or Streamlit.  The validation here works on a DataFrame of *strings* exactly as
read from a file, plus a ``line`` Series giving each row's physical line number, so that
every loader in the project (CSV, imports, uploads) reports problems the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mapapp.errors import Problem


@dataclass(frozen=True)
class Column:
    """One column of the events table."""

    name: str
    required: bool
    description: str


COLUMNS: tuple[Column, ...] = (
    Column("event_id", True, "Unique identifier of the event within the table."),
    Column("event_date", True, "ISO date YYYY-MM-DD, or YYYY-MM / YYYY when the source is no more precise."),
    Column("date_precision", False, "day, month or year; must agree with the form of event_date."),
    Column("place", True, "The place as the source wrote it."),
    Column("location", False, "Resolved English name of the place."),
    Column("admin1", False, "First-level region (oblast, province, state) of the resolved place."),
    Column("country_code", False, "ISO 3166-1 alpha-2 code of the resolved place."),
    Column("latitude", True, "WGS84 latitude in [-90, 90]; empty when the place is unresolved."),
    Column("longitude", True, "WGS84 longitude in [-180, 180]; empty when the place is unresolved."),
    Column("geo_precision", False, "point, district (of a city), city, region or country."),
    Column("geo_source", False, "Where the coordinates come from (gazetteer, nominatim, source data, manual)."),
    Column("category", True, "Event category; the map draws one layer per category."),
    Column("title", True, "Short title of the event."),
    Column("description", False, "Longer description."),
    Column("killed", False, "Number killed; empty when unknown, 0 only when the source says nobody was killed."),
    Column("injured", False, "Number injured; empty when unknown, 0 only when the source says nobody was hurt."),
    Column("source", False, "Who reported it (outlet, agency, data set)."),
    Column("source_url", False, "Link to the source; http or https only."),
    Column("source_doc", False, "Document the row was extracted or imported from."),
    Column("quote", False, "The source sentence the row rests on."),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
GEO_PRECISIONS: tuple[str, ...] = ("point", "district", "city", "region", "country")
CASUALTY_COLUMNS: tuple[str, ...] = ("killed", "injured")
NUMBER_COLUMNS: tuple[str, ...] = ("latitude", "longitude", *CASUALTY_COLUMNS)
RULES_VERSION = "events-1"
"""The version of what validation accepts and typing produces (``validate_frame``,
``resolve_duplicate_ids``, ``load.typed_events``).  A Parquet file mapapp wrote from checked rows
carries it (``columnar.write_events_parquet``) and is read back without a second check only
while it is current: change it whenever those rules accept or produce something else."""
"""Columns a typed source (Parquet) may hand over as float64 numbers (NaN = empty) instead of text."""
_EXACT_WHOLE = 2.0 ** 53  # below this every whole float64 is exact and its text is its digits
YEAR_RANGE: tuple[int, int] = (1700, 2200)

_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "day", "%Y-%m-%d"),
    (re.compile(r"\d{4}-\d{2}"), "month", "%Y-%m"),
    (re.compile(r"\d{4}"), "year", "%Y"),
)
_SPAN_END = {"day": pd.DateOffset(days=0), "month": pd.offsets.MonthEnd(0), "year": pd.offsets.YearEnd(0)}
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
# The only links mapapp ever makes: http(s), and no character that could end an attribute or
# start markup (a valid URL percent-encodes them anyway).  javascript:, data: and the like never.
HTTP_URL = re.compile(r"(?i)https?://[^\s<>\"'`]+")
_NON_NEGATIVE_INT = re.compile(r"\d+")


def is_http_url(value: object) -> bool:
    """Whether ``value`` is a plain http(s) URL that may become a link."""
    return isinstance(value, str) and HTTP_URL.fullmatch(value.strip()) is not None


def is_number_column(values: pd.Series) -> bool:
    """Whether ``values`` holds numbers (a typed source's coordinates or counts), not text cells."""
    return pd.api.types.is_float_dtype(values.dtype)


def number_text(values: pd.Series) -> pd.Series:
    """The text a CSV holds for these numbers ("" for NaN): whole ones as digits (``3``, not ``3.0``),
    others as Arrow writes them (``2.5``, ``1e+20``, ``inf``).

    Messages quote a cell as the file's reader saw it; for a typed Parquet column this is that
    text, so a value is reported in the same words whether it came as a number or as a string.
    """
    numbers = pa.array(np.asarray(values, dtype="float64"), from_pandas=True)  # NaN -> null
    return pd.Series(pc.fill_null(float_text(numbers), "").to_pylist(), index=values.index, dtype=object)


def float_text(numbers: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Arrow floats as a CSV's text (null stays null): whole ones below 2**53 as digits, the rest as
    Arrow writes them.  The one rule for ``number_text`` and the Parquet reader's float columns."""
    whole = pc.and_(pc.equal(numbers, pc.floor(numbers)), pc.less(pc.abs(numbers), _EXACT_WHOLE))
    return pc.if_else(whole, pc.cast(pc.cast(numbers, pa.int64(), safe=False), pa.string()),
                      pc.cast(numbers, pa.string()))


def text_numbers(cells: pd.Series) -> pd.Series:
    """Text cells as numbers, NaN where empty or not a number: the values of
    ``pd.to_numeric(cells.where(cells != ""), errors="coerce")`` (as float64), in one Arrow cast when it can be.

    A million coordinates take 0.3 s through ``pd.to_numeric`` and 0.04-0.08 s through Arrow, and
    an import reads each number column twice (checking, then typing).  Arrow's answer is used only
    where it cannot differ from pandas': every non-empty cell parsed, no negative zero (pandas
    reads a lone "-0" as the integer 0) and every value below 2**53 (where pandas would keep an
    exact integer); any other column goes through ``pd.to_numeric`` as before.
    """
    try:
        text = pa.array(cells.array) if isinstance(cells.dtype, pd.StringDtype) else pa.array(cells, type=pa.string())
        numbers = pc.cast(pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        numbers = None
    if numbers is not None:
        values = numbers.to_numpy(zero_copy_only=False)
        finite = values[~np.isnan(values)]
        if not (np.signbit(finite) & (finite == 0)).any() and (np.abs(finite) < _EXACT_WHOLE).all():
            return pd.Series(values, index=cells.index, dtype="float64")
    return pd.to_numeric(cells.where(cells != ""), errors="coerce")


def text_cells(values: pd.Series) -> pd.Series:
    """``values.fillna("").astype(str)``, returned as it is when it already is Arrow text without
    nulls (pandas' ``str``): finding the NaN of a million cells costs a pass over them."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        if pa.array(values.array).null_count == 0:
            return values
    return values.fillna("").astype(str)


def blank_cells(values: pd.Series) -> pd.Series:
    """True where a cell is empty: "" for text, NaN for a number column."""
    return values.isna() if is_number_column(values) else text_cells(values) == ""


def date_precision_of(event_date: str) -> str | None:
    """The precision that the *form* of an ISO date implies, or None if it has no ISO form."""
    for pattern, precision, _ in _DATE_FORMS:
        if pattern.fullmatch(event_date):
            return precision
    return None


def parse_event_date(event_date: str) -> pd.Timestamp | None:
    """The first day that ``event_date`` can mean, or None if it is not a real ISO date.

    ``2023-02-30`` and ``2023-13`` are rejected: they have the form but name no day.  Years
    outside ``YEAR_RANGE`` are rejected too: they are almost always typos (``0203``) and
    would not fit the nanosecond timestamps the filters compute with.
    """
    for pattern, _, fmt in _DATE_FORMS:
        if pattern.fullmatch(event_date):
            if not YEAR_RANGE[0] <= int(event_date[:4]) <= YEAR_RANGE[1]:
                return None
            parsed = pd.to_datetime(event_date, format=fmt, errors="coerce")
            return None if pd.isna(parsed) else parsed
    return None


def date_span(event_dates: pd.Series, precisions: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """First and last day each event can have happened on, as two datetime Series.

    A month-precision event (``2023-08``) spans 1-31 August, a year-precision one the whole
    year.  Filters use the span so that an event dated ``2023-08`` is inside any window that
    overlaps August 2023, instead of being pinned to the 1st.  Unparseable dates give NaT.
    """
    dates = event_dates.fillna("").astype(str).str.strip()
    if precisions is None:
        precisions = pd.Series("", index=dates.index)
    precisions = precisions.fillna("").astype(str)
    start = pd.Series(pd.NaT, index=dates.index, dtype="datetime64[ns]")
    end = start.copy()
    for pattern, precision, fmt in _DATE_FORMS:
        mask = dates.str.fullmatch(pattern.pattern)
        if not mask.any():
            continue
        first = pd.to_datetime(dates[mask], format=fmt, errors="coerce")
        start[mask] = first
        end[mask] = first + _SPAN_END[precision]
    # A declared precision coarser than the date's form widens the span (e.g. 2023-08-01 "month").
    for precision, period in (("month", "M"), ("year", "Y")):
        coarser = (precisions == precision) & start.notna()
        if coarser.any():
            begin = start[coarser].dt.to_period(period).dt.start_time
            start[coarser] = begin
            end[coarser] = begin + _SPAN_END[precision]
    return start, end


def event_spans(event_dates: pd.Series, precisions: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """``date_span`` of every event, worked out once per distinct (date, precision) pair.

    A million events have a few thousand distinct dates; the pairs are found by factorizing
    each column once and combining the integer codes, not by hashing a million tuples.
    """
    if precisions is None:
        precisions = pd.Series("", index=event_dates.index)
    date_codes, dates = pd.factorize(event_dates, use_na_sentinel=False)
    precision_codes, kinds = pd.factorize(precisions, use_na_sentinel=False)
    pair_codes, pairs = pd.factorize(date_codes.astype(np.int64) * max(len(kinds), 1) + precision_codes)
    width = max(len(kinds), 1)
    start, end = date_span(pd.Series(np.asarray(dates, dtype=object)[pairs // width], dtype=object),
                           pd.Series(np.asarray(kinds, dtype=object)[pairs % width], dtype=object))
    return (pd.Series(start.to_numpy()[pair_codes], index=event_dates.index),
            pd.Series(end.to_numpy()[pair_codes], index=event_dates.index))


def table_spans(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """``event_spans`` of an events table (its dates with their precision, where it has that column)."""
    precisions = events["date_precision"].astype(str) if "date_precision" in events.columns else None
    return event_spans(events["event_date"].astype(str), precisions)


def map_distinct(values: pd.Series, func) -> pd.Series:
    """``values.map(func)`` calling ``func`` once per distinct value.

    Imported data sets have a million rows but only a few thousand distinct dates, and
    ``parse_event_date`` costs tens of microseconds per call.
    """
    if values.empty:
        return values.map(func)  # keeps the dtype the callers' comparisons expect for an empty table
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    answers = np.empty(len(distinct), dtype=object)
    answers[:] = [func(value) for value in distinct]
    return pd.Series(answers[codes], index=values.index, dtype=object)


def validate_frame(frame: pd.DataFrame, lines: pd.Series, file: str, *, stripped: bool = False) -> list[Problem]:
    """Every problem in a table of strings, one ``Problem`` per bad cell, sorted by line.

    Repeated ids are not problems here: every loader keeps such rows under derived ids
    (``resolve_duplicate_ids``) and reports them as notes.

    ``frame`` holds the raw cells as strings (missing cells as ""), ``lines`` the physical
    line on which each row starts.  A typed source may give ``NUMBER_COLUMNS`` as float64
    instead (NaN for empty); they are checked as numbers and quoted as ``number_text``.
    Column-level problems (missing required columns) are reported against line 1, the
    header.  Pure: no I/O, no mutation of ``frame``.  ``stripped`` says the text cells are
    already trimmed and free of NaN (``importers.csvgeneric.map_table`` makes them so), which
    spares a second pass over every cell.
    """
    problems: list[Problem] = []
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    for column in missing:
        problems.append(Problem(file, 1, column, "required column is missing"))
    if missing:
        return problems

    def report(mask: pd.Series, column: str, message_for) -> None:
        rows = mask[mask].index
        if not len(rows):
            return
        values = frame.loc[rows, column] if column in frame.columns else pd.Series("", index=rows)
        if is_number_column(values):
            values = number_text(values)  # quoted as the text of the cell, like a CSV's
        for idx, value in zip(rows, values.tolist(), strict=True):
            problems.append(Problem(file, int(lines[idx]), column, message_for(value)))

    def cells(column: str) -> pd.Series:
        if column in frame.columns:
            values = frame[column]
            if is_number_column(values):
                return number_text(values)
            return values if stripped else text_cells(values).str.strip()
        return pd.Series("", index=frame.index, dtype=object)

    event_id = cells("event_id")
    report(event_id == "", "event_id", lambda v: "is empty")
    # A repeated id is not a problem of the row: ``resolve_duplicate_ids`` keeps it under a derived id.

    dates = cells("event_date")
    forms = map_distinct(dates, date_precision_of)
    report(dates == "", "event_date", lambda v: "is empty")
    report((dates != "") & forms.isna(), "event_date",
           lambda v: f"{v!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    has_form = forms.notna()
    parsed = map_distinct(dates[has_form], parse_event_date)
    impossible = pd.Series(False, index=frame.index)
    impossible[has_form] = parsed.isna()
    report(impossible, "event_date",
           lambda v: f"{v!r} is not a real date" if YEAR_RANGE[0] <= int(v[:4]) <= YEAR_RANGE[1]
           else f"{v!r} has a year outside {YEAR_RANGE[0]}-{YEAR_RANGE[1]}")

    if "date_precision" in frame.columns:
        precision = cells("date_precision")
        bad = (precision != "") & ~precision.isin(DATE_PRECISIONS)
        report(bad, "date_precision", lambda v: f"{v!r} is not one of {', '.join(DATE_PRECISIONS)}")
        ok = has_form & ~impossible & precision.isin(DATE_PRECISIONS)
        rank = {"day": 0, "month": 1, "year": 2}
        finer = ok & (map_distinct(precision, rank.get).fillna(0).astype(int)
                      < map_distinct(forms, rank.get).fillna(0).astype(int))
        for idx in finer[finer].index:
            problems.append(
                Problem(file, int(lines[idx]), "date_precision",
                        f"{precision[idx]!r} is finer than the date {dates[idx]!r} allows ({forms[idx]})")
            )

    coords = {}
    for column, limit in (("latitude", 90), ("longitude", 180)):
        if is_number_column(frame[column]):  # typed source: no text to parse, NaN is empty
            numbers, given = frame[column], frame[column].notna()
        else:
            raw = cells(column)
            given = raw != ""
            numbers = text_numbers(raw)
            report(given & numbers.isna(), column, lambda v: f"{v!r} is not a number")
        report(numbers.notna() & ~numbers.between(-limit, limit), column,
               lambda v, limit=limit: f"{v} is outside [-{limit}, {limit}]")
        coords[column] = given
    lat_only = coords["latitude"] & ~coords["longitude"]
    lon_only = coords["longitude"] & ~coords["latitude"]
    report(lat_only, "longitude", lambda v: "is empty while latitude is set (give both coordinates or neither)")
    report(lon_only, "latitude", lambda v: "is empty while longitude is set (give both coordinates or neither)")

    for column in CASUALTY_COLUMNS:
        if column not in frame.columns:
            continue
        if is_number_column(frame[column]):
            numeric = frame[column]
            # Only counts that are not plainly whole need their text (the rule is on the text).
            unsure = (numeric >= 0) & ~((numeric == np.floor(numeric)) & (numeric < _EXACT_WHOLE))
            fractional = unsure.copy()
            fractional[unsure] = ~number_text(numeric[unsure]).str.fullmatch(r"\d+(\.0+)?").astype(bool)
        else:
            raw = cells(column)
            numeric = text_numbers(raw)
            report((raw != "") & numeric.isna(), column, lambda v: f"{v!r} is not a number")
            fractional = numeric.notna() & (numeric >= 0) & ~raw.str.fullmatch(r"\d+(\.0+)?")
        report(numeric < 0, column, lambda v: f"{v} is negative")
        report(fractional, column, lambda v: f"{v!r} is not a whole number")

    if "geo_precision" in frame.columns:
        raw = cells("geo_precision")
        report((raw != "") & ~raw.isin(GEO_PRECISIONS), "geo_precision",
               lambda v: f"{v!r} is not one of {', '.join(GEO_PRECISIONS)}")
    if "country_code" in frame.columns:
        raw = cells("country_code")
        report((raw != "") & ~raw.str.fullmatch(_COUNTRY_CODE.pattern), "country_code",
               lambda v: f"{v!r} is not an ISO 3166-1 alpha-2 code (two capital letters)")
    if "source_url" in frame.columns:
        raw = cells("source_url")
        # On distinct values: links repeat, and the pattern needs Python's regex engine anyway.
        report((raw != "") & ~map_distinct(raw, lambda v: HTTP_URL.fullmatch(v) is not None).astype(bool), "source_url",
               lambda v: f"{v!r} is not an http(s) URL")
    report(cells("category") == "", "category", lambda v: "is empty")

    order = {name: i for i, name in enumerate(COLUMN_NAMES)}
    return sorted(problems, key=lambda p: (p.line or 0, order.get(p.column, len(order))))


ORIGINAL_ID_COLUMN = "original_event_id"
"""Extra column that keeps the id as the source gave it, for rows whose id was repeated."""
DERIVED_ID_MARK = "~"


@dataclass(frozen=True)
class IdResolution:
    """What ``resolve_duplicate_ids`` decided for each row (all Series share the input's index)."""

    ids: pd.Series
    """Unique among the rows kept (where the input id was non-empty)."""
    original: pd.Series
    """The id as given for every row of a repeated-id group, else ""."""
    merged: pd.Series
    """True for exact copies (same id, same content) of an earlier row: drop them, count them."""
    notes: list[Problem]

    @property
    def repeated(self) -> bool:
        return bool((self.original != "").any())

    def apply(self, frame: pd.DataFrame, column: str = "event_id") -> pd.DataFrame:
        """``frame`` with the derived ids and, when any id was repeated, the original-id column."""
        if not self.repeated:
            return frame
        out = frame.copy()
        out[column] = self.ids
        if ORIGINAL_ID_COLUMN in out.columns:
            given = out[ORIGINAL_ID_COLUMN].fillna("").astype(str)
            out[ORIGINAL_ID_COLUMN] = given.where(self.original == "", self.original)
        else:
            out[ORIGINAL_ID_COLUMN] = self.original
        return out


def resolve_duplicate_ids(
    ids: pd.Series,
    lines: pd.Series,
    file: str,
    contents: pd.DataFrame | None = None,
    *,
    column: str = "event_id",
    unit: str = "line",
) -> IdResolution:
    """Keep every row whose id repeats an earlier one, under a derived stable id.

    Real data sets reuse ids (Bellingcat's civilian-harm export has two different strikes
    under one id); dropping either row loses an event the user never sees.  So the first
    row keeps its id and the n-th gets ``ID~n`` (the next free number if the file already
    uses that id), which is stable: importing the same file again gives the same ids.
    Rows that are exact copies of an earlier row -- same id *and* same content in
    ``contents`` (rows missing from ``contents`` are never copies) -- are merged: marked
    in ``merged`` so the caller drops them, and noted.  ``unit`` names what ``lines``
    count in the notes ("line", or "record" for JSON sources).
    """
    ids = text_cells(ids).str.strip()
    none = pd.Series(False, index=ids.index)
    blank = pd.Series("", index=ids.index, dtype=object)
    if ids.nunique() == len(ids):  # the usual table: counting distinct ids is cheaper than marking repeats
        return IdResolution(ids, blank, none, [])
    repeated = ids.duplicated(keep=False) & (ids != "")
    if not repeated.any():
        return IdResolution(ids, blank, none, [])
    keys = pd.Series([f"row {i}" for i in range(len(ids))], index=ids.index, dtype=object)
    if contents is not None:
        compared = repeated & ids.index.isin(contents.index)
        if compared.any():
            hashes = pd.util.hash_pandas_object(contents.loc[compared[compared].index].astype(str), index=False)
            keys[compared] = hashes.astype(str)
    pairs = pd.DataFrame({"id": ids, "key": keys})
    merged = repeated & pairs.duplicated(keep="first")
    notes: list[Problem] = []
    first_copy = {(i, k): int(line) for i, k, line in zip(ids[repeated & ~merged], keys[repeated & ~merged],
                                                        lines[repeated & ~merged], strict=True)}
    for idx in merged[merged].index:
        notes.append(Problem(file, int(lines[idx]), column,
                             f"exact copy of {unit} {first_copy[(ids[idx], keys[idx])]} (same id, same content); "
                             "merged into it"))
    survivors = repeated & ~merged
    survivors &= ids.where(survivors).duplicated(keep=False)  # a group merged into one row is not repeated
    occurrence = ids[survivors].groupby(ids[survivors], sort=False).cumcount() + 1
    first_line: dict[str, int] = {}
    for idx in occurrence.index:
        first_line.setdefault(ids[idx], int(lines[idx]))
    taken = set(ids[ids != ""])
    new_ids = ids.copy()
    for idx in occurrence[occurrence > 1].index:
        number = int(occurrence[idx])
        derived = f"{ids[idx]}{DERIVED_ID_MARK}{number}"
        while derived in taken:
            number += 1
            derived = f"{ids[idx]}{DERIVED_ID_MARK}{number}"
        taken.add(derived)
        new_ids[idx] = derived
        notes.append(Problem(file, int(lines[idx]), column,
                             f"id {ids[idx]!r} repeats {unit} {first_line[ids[idx]]}; row kept as {derived!r} "
                             f"(original id in {ORIGINAL_ID_COLUMN})"))
    original = blank.where(~survivors, ids)
    return IdResolution(new_ids, original, merged, sorted(notes, key=lambda p: p.line or 0))
