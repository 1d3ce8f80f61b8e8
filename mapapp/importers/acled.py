"""ACLED CSV exports -> events.

ACLED (Armed Conflict Location & Event Data) files run to millions of rows, so everything
here is vectorised: cells are read once as Arrow-backed strings, and the few things that
need Python logic (dates, country names, categories) are computed once per *distinct*
value and taken back to the rows.  Line numbers stay exact: the fast readers (Arrow's, then
pandas') are used only when every record sits on one physical line (then line = row
index + 2); otherwise the csv-module reader of ``mapapp.load`` gives each record its real
starting line (``read_acled_chunks``).

Mappings (ACLED codebook semantics):

* ``time_precision`` 1 = the source gives the day -> ``YYYY-MM-DD`` (day);
  2 = the source gives a week, ACLED codes a day inside it -> the coarsest period that
  surely contains that week: ``YYYY-MM`` (month) if the coded day +-3 days stays in one
  month, else ``YYYY`` (year); 3 = the source gives only the month -> ``YYYY-MM`` (month).
  The date is never more precise than the source.
* ``geo_precision`` 1 = the named town itself -> ``city``; 2 = near a town or part of a
  region, 3 = only the region (coded to its capital) -> ``region``.
* ``event_type`` -> category: Battles -> fighting; Explosions/Remote violence and
  Violence against civilians -> attack; Strategic developments -> diplomacy when the
  sub-event is an Agreement, else other; Protests, Riots -> other.
* ``fatalities`` -> ``killed`` (ACLED's own figure, 0 included); ``injured`` stays empty.
* Every ACLED column not copied verbatim is kept as ``acled_<column>``.
"""

from __future__ import annotations

import calendar
import io
import re
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from mapapp.errors import InputError, Problem
from mapapp.gazetteer import load_gazetteer
from mapapp.importers.common import ImportOptions, ImportResult, finish
from mapapp.load import decode_text, parse_csv_text
from mapapp.schema import ORIGINAL_ID_COLUMN, resolve_duplicate_ids

REQUIRED = ("event_id_cnty", "event_date", "event_type", "location", "latitude", "longitude")
"""ACLED columns an import cannot do without; their absence fails the whole file."""

SIGNATURE = ("event_id_cnty", "event_date", "event_type")
"""Header columns that identify a CSV as an ACLED export."""

COPIED = {
    "event_id_cnty": "event_id",
    "location": "place",
    "admin1": "admin1",
    "latitude": "latitude",
    "longitude": "longitude",
    "notes": "description",
    "source": "source",
    "fatalities": "killed",
}
"""ACLED columns copied verbatim into a schema column (all others are kept as ``acled_*``)."""

CATEGORIES = {
    "battles": "fighting",
    "explosions/remote violence": "attack",
    "violence against civilians": "attack",
    "strategic developments": "other",
    "protests": "other",
    "riots": "other",
}
GEO_PRECISIONS = {"1": "city", "2": "region", "3": "region"}
TIME_PRECISIONS = ("1", "2", "3")

# Country names ACLED spells in ways a gazetteer of official/common names may not know.
COUNTRY_ALIASES = {
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "republic of congo": "CG",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "eswatini": "SZ",
    "east timor": "TL",
    "north macedonia": "MK",
    "kosovo": "XK",
    "palestine": "PS",
    "bailiwick of guernsey": "GG",
    "bailiwick of jersey": "JE",
    "caribbean netherlands": "BQ",
    "saint-barthelemy": "BL",
    "saint-martin": "MF",
    "vatican city": "VA",
    "micronesia": "FM",
}

CountryLookup = Callable[[str], "str | None"]  # a country's name -> its ISO alpha-2 code, or None

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NAMED = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ -]?,?[ -]?(\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def is_acled_header(columns: list[str]) -> bool:
    """True when a CSV header carries ACLED's identifying columns (any letter case)."""
    names = {c.strip().lower() for c in columns}
    return all(c in names for c in SIGNATURE)


CHUNK_ROWS = 200_000
"""Rows mapped, validated and typed at a time: bounds the intermediate copies of a big import."""


class _NeedsExactLines(Exception):
    """The fast reader's rows cannot be trusted to sit one per physical line."""


def read_acled_chunks(data: bytes | Path, name: str) -> Iterator[tuple[pd.DataFrame, pd.Series, list[Problem]]]:
    """String cells, the physical line of each record and read problems, ``CHUNK_ROWS`` rows at a time.

    Three readers, fastest first, each used only where it gives the same cells as the next:
    Arrow's CSV reader (``_arrow_chunks``: less CPU than pandas' C parser, and it parses ahead on a thread) for
    plain files, ``pandas.read_csv`` (``_pandas_chunks``) for files Arrow refuses (short
    rows, for one), and the csv module (``read_exact_chunks``, raised for by
    ``_NeedsExactLines``) when records do not sit one per physical line or pandas would
    lose cells.  The head is checked first so empty and binary input get the project's message.
    """
    head = data[:65536] if isinstance(data, bytes) else _head(data)
    if b"\x00" in head or not head or head.isspace():
        decode_text(head, name)  # raises the project's message for empty / binary input
    scan = _scan(data)
    if b"\r" in head.replace(b"\r\n", b""):
        raise _NeedsExactLines
    arrow = _arrow_chunks(data, scan) if scan.arrow_safe else None
    yield from arrow if arrow is not None else _pandas_chunks(data, scan.lines)


def _pandas_chunks(data: bytes | Path, physical: int) -> Iterator[tuple[pd.DataFrame, pd.Series, list[Problem]]]:
    """``pandas.read_csv`` in chunks, while the file can still have one physical line per record.

    pandas skips blank lines and folds quoted line breaks, which would shift every later
    line number, and it silently drops surplus cells.  So its chunks are used only while
    the row count stays within the line count (checked again at the end) and pandas raises
    no warning; otherwise ``_NeedsExactLines`` is raised.
    """
    source = _source(data)
    rows, reader = 0, None
    while True:
        try:
            with warnings.catch_warnings():  # only around pandas' reading, not the caller's work
                warnings.simplefilter("error")
                if reader is None:
                    reader = pd.read_csv(source(), dtype=str, keep_default_na=False, index_col=False,
                                         encoding="utf-8-sig", chunksize=CHUNK_ROWS)
                chunk = next(reader)
        except StopIteration:
            break
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.ParserWarning, pd.errors.EmptyDataError,
                ValueError):
            raise _NeedsExactLines from None
        if rows + len(chunk) + 1 > physical:
            raise _NeedsExactLines
        chunk.columns = [str(c).strip().lower() for c in chunk.columns]
        yield chunk, pd.Series(chunk.index + 2, index=chunk.index, dtype="int64"), []
        rows += len(chunk)
    if rows + 1 != physical:
        raise _NeedsExactLines
    if rows == 0:  # a header alone: still one (empty) chunk, so the header is checked
        header = pd.read_csv(source(), dtype=str, nrows=0, index_col=False, encoding="utf-8-sig").columns
        empty = pd.DataFrame(columns=[str(c).strip().lower() for c in header], dtype=str)
        yield empty, pd.Series([], dtype="int64"), []


def _arrow_chunks(data: bytes | Path, scan: _Scan) -> Iterator[tuple[pd.DataFrame, pd.Series, list[Problem]]] | None:
    """Arrow's reading of the whole file as chunks of pandas string columns, or None when it may differ.

    The column names are pandas' own reading of the header (so repeated and empty names get
    pandas' ``.1`` and ``Unnamed: 3``), and Arrow reads the records after it with every
    column as text.  None -- use pandas -- unless Arrow reads exactly one record per
    physical line after the header, every row as wide as the header (Arrow refuses others;
    pandas pads them), and the header names the ACLED columns once each: then both readers
    give the same cells (``tests/test_importers.py`` compares them on hostile files).
    Everything is read before the first chunk is given out, so a refusal costs no rework;
    the record batches are let go as their chunk is made.
    """
    source = _source(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            header = [str(c) for c in pd.read_csv(source(), dtype=str, nrows=0, index_col=False,
                                                   encoding="utf-8-sig").columns]
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.ParserWarning, pd.errors.EmptyDataError,
            ValueError):
        return None
    names = [c.strip().lower() for c in header]
    if len(set(names)) != len(names) or not set(REQUIRED) <= set(names) or any("\n" in c or "\r" in c for c in header):
        return None  # a header over several lines would have Arrow skip only its first
    try:
        reader = pa_csv.open_csv(
            source() if isinstance(data, bytes) else str(data),
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1, block_size=_ARROW_BLOCK),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pa_csv.ConvertOptions(column_types={c: pa.string() for c in header},
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False))
        batches = list(reader)
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    rows = sum(batch.num_rows for batch in batches)
    if rows == 0 or rows + 1 != scan.lines:
        return None
    return _frames_from_batches(batches, names)


def _frames_from_batches(batches: list[pa.RecordBatch], names: list[str]
                         ) -> Iterator[tuple[pd.DataFrame, pd.Series, list[Problem]]]:
    """``CHUNK_ROWS``-row frames of pandas' ``str`` columns (Arrow-backed, not copied) from record batches."""
    batches.reverse()  # popped from the end: a batch is freed once its rows are in a chunk
    start = 0
    while batches:
        taken: list[pa.RecordBatch] = []
        count = 0
        while batches and count < CHUNK_ROWS:
            batch = batches.pop()
            if count + batch.num_rows > CHUNK_ROWS:
                batches.append(batch.slice(CHUNK_ROWS - count))
                batch = batch.slice(0, CHUNK_ROWS - count)
            taken.append(batch)
            count += batch.num_rows
        table = pa.Table.from_batches(taken)
        del taken
        frame = table.to_pandas(types_mapper=_STRING_TYPES.get)
        frame.columns = names
        frame.index = pd.RangeIndex(start, start + count)
        yield frame, pd.Series(frame.index + 2, index=frame.index, dtype="int64"), []
        start += count


_ARROW_BLOCK = 1 << 24
"""Bytes Arrow parses at a time; a record longer than this makes Arrow refuse the file (pandas reads it)."""
STRING = pd.Series([], dtype=str).dtype
"""The dtype ``pandas.read_csv(dtype=str)`` gives: pandas' Arrow-backed ``str`` from pandas 3 on,
``object`` before; the readers and the mapping give it, and ``finish`` works on it fastest."""
_STRING_TYPES = {pa.string(): STRING} if isinstance(STRING, pd.StringDtype) else {}
"""Arrow text -> ``STRING`` (pandas before 3 makes Python strings of it by itself)."""


def read_exact_chunks(data: bytes | Path, name: str) -> Iterator[tuple[pd.DataFrame, pd.Series, list[Problem]]]:
    """The csv-module reader of ``mapapp.load`` (real line numbers, surplus cells reported), in chunks."""
    raw = parse_csv_text(decode_text(data if isinstance(data, bytes) else data.read_bytes(), name), name)
    raw.frame.columns = [c.strip().lower() for c in raw.frame.columns]
    for start in range(0, max(len(raw.frame), 1), CHUNK_ROWS):
        frame = raw.frame.iloc[start:start + CHUNK_ROWS]
        lines = raw.lines.iloc[start:start + CHUNK_ROWS]
        yield frame, lines, [p for p in raw.problems if lines.isin([p.line]).any()]


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(65536)


def _source(data: bytes | Path) -> Callable[[], io.BytesIO | Path]:
    """A fresh readable source each call: the bytes as a new stream, or the path itself."""
    return (lambda: io.BytesIO(data)) if isinstance(data, bytes) else (lambda: data)


@dataclass(frozen=True)
class _Scan:
    """What one pass over the raw bytes tells the readers."""

    lines: int
    """Physical lines, counting a last line without its newline."""
    arrow_safe: bool
    """No NUL byte, an even number of quote characters in all and on the header line: no
    record can run on to the end of the file, so Arrow and pandas may read alike."""


def _scan(data: bytes | Path) -> _Scan:
    if isinstance(data, bytes):
        first = data[:data.find(b"\n") + 1 or len(data)]
        return _Scan(data.count(b"\n") + (0 if data.endswith(b"\n") else 1),
                     b"\x00" not in data and data.count(b'"') % 2 == 0 and first.count(b'"') % 2 == 0)
    count, quotes, nul, last, first = 0, 0, False, b"\n", None
    with open(data, "rb") as handle:
        while block := handle.read(1 << 24):
            if first is None:
                first = block[:block.find(b"\n") + 1 or len(block)]
            count += block.count(b"\n")
            quotes += block.count(b'"')
            nul = nul or b"\x00" in block
            last = block[-1:]
    header_even = first is None or first.count(b'"') % 2 == 0
    return _Scan(count + (0 if last == b"\n" else 1), not nul and quotes % 2 == 0 and header_even)


@dataclass
class _FileState:
    """What one pass learns across chunks: file-level facts reported once, not per chunk."""

    date_order: str | None
    country_lookup: Callable[[], CountryLookup | None]
    """Gives the gazetteer's country lookup when a name is not in ``COUNTRY_ALIASES`` (see ``import_acled``)."""
    country_codes: dict[str, str] = field(default_factory=dict)
    unknown_types: dict[str, int] = field(default_factory=dict)
    numeric_dates: set[str] = field(default_factory=set)
    ambiguous: bool = False
    ids: list[pd.Series] = field(default_factory=list)
    id_lines: list[pd.Series] = field(default_factory=list)
    dates: dict[tuple[str, str, str | None], tuple[str, str, str]] = field(default_factory=dict)
    """``_acled_date`` answers by (date, time_precision, order): chunks share most of their dates."""


def import_acled(data: bytes | Path, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Map an ACLED CSV export onto the events schema (see the module docstring for the rules).

    ``data`` may be a ``Path`` instead of bytes: the file is then streamed, so a big export
    is never held in memory twice (as bytes and as a table).
    """
    options = options or ImportOptions()
    counter = _RowCounter(options.progress)
    # Country names beyond the aliases need the gazetteer (0.5-0.8 s to load, for their codes only): it loads
    # beside the first rows' parsing, which Arrow does without holding the GIL, instead of after it.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mapapp-countries") as pool:
        lookup = pool.submit(_gazetteer_country_lookup).result
        result, state = _import_pass(data, name, options, options.date_order, counter, lookup)
        proven = numeric_date_order(sorted(state.numeric_dates))
        if state.ambiguous and options.date_order is None and proven:
            # The file proves its numeric date order somewhere after rows that needed it: read it again.
            counter.rewind()
            result, state = _import_pass(data, name, options, proven, counter, lookup)
    return result


class _RowCounter:
    """Reports each chunk's rows to ``progress`` once processed; a re-read first takes back what
    the abandoned pass reported, so every row is counted once in the end."""

    def __init__(self, progress: Callable[[int], None] | None) -> None:
        self.progress = progress
        self.reported = 0

    def each(self, chunks: Iterator[tuple]) -> Iterator[tuple]:
        for chunk in chunks:
            yield chunk
            if self.progress:
                self.progress(len(chunk[0]))
                self.reported += len(chunk[0])

    def rewind(self) -> None:
        if self.progress and self.reported:
            self.progress(-self.reported)
        self.reported = 0


def _import_pass(data: bytes | Path, name: str, options: ImportOptions, order: str | None,
                 counter: _RowCounter, lookup: Callable[[], CountryLookup | None]) -> tuple[ImportResult, _FileState]:
    state = _FileState(date_order=order, country_lookup=lookup)
    try:
        parts = [_import_chunk(*chunk, name, options, state) for chunk in counter.each(read_acled_chunks(data, name))]
    except _NeedsExactLines:
        counter.rewind()
        state = _FileState(date_order=order, country_lookup=lookup)
        parts = [_import_chunk(*chunk, name, options, state) for chunk in counter.each(read_exact_chunks(data, name))]
    return _combine(parts, name, state), state


def _import_chunk(frame: pd.DataFrame, lines: pd.Series, read_problems: list[Problem], name: str,
                  options: ImportOptions, state: _FileState) -> ImportResult:
    """Map, validate and type one chunk of rows; file-level findings go into ``state``."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        problems = [Problem(name, 1, c, "required ACLED column is missing") for c in missing]
        raise InputError(f"{name}: not a usable ACLED export", problems)

    rejected = list(read_problems)
    # Only the cells interpreted here are cleaned; verbatim columns are shared with ``frame``
    # (typed_events strips them once), which keeps a million-row import to a few copies.
    interpreted = ("event_date", "time_precision", "geo_precision", "event_type", "sub_event_type", "country")
    cells = {c: frame[c].fillna("").astype(str).str.strip() if c in interpreted else frame[c] for c in frame.columns}
    blank = _repeated("", frame.index)

    dates = cells["event_date"]
    distinct_dates = dates.unique().tolist()
    state.numeric_dates.update(d for d in distinct_dates if _NUMERIC.fullmatch(d))
    order = state.date_order or numeric_date_order(sorted(state.numeric_dates))
    time_precision = cells.get("time_precision", blank)
    event_date, date_precision, date_error = acled_dates(dates, time_precision, order, state.dates)
    for idx in date_error[date_error != ""].index:
        column = "time_precision" if date_error[idx].startswith("time_precision") else "event_date"
        message = date_error[idx].removeprefix("time_precision: ")
        state.ambiguous |= "is ambiguous" in message
        rejected.append(Problem(name, int(lines[idx]), column, message))

    geo_code = cells.get("geo_precision", blank)
    bad_geo = (geo_code != "") & ~geo_code.isin(list(GEO_PRECISIONS))
    for idx in bad_geo[bad_geo].index:
        rejected.append(Problem(name, int(lines[idx]), "geo_precision", f"{geo_code[idx]!r} is not 1, 2 or 3"))

    event_type = cells["event_type"]
    lowered = event_type.str.lower()
    category = map_distinct_text(lowered, lambda kind: CATEGORIES.get(kind, "other"))
    agreement = cells.get("sub_event_type", blank).str.lower() == "agreement"
    category = category.where(~(agreement & (lowered == "strategic developments")), "diplomacy")
    for value, count in event_type[~lowered.isin(list(CATEGORIES))].value_counts().items():
        state.unknown_types[value] = state.unknown_types.get(value, 0) + int(count)

    country = cells.get("country", blank)
    new = [c for c in country.unique().tolist() if c not in state.country_codes]
    state.country_codes.update(country_codes(new, state.country_lookup))

    kind = cells.get("sub_event_type", blank).where(cells.get("sub_event_type", blank) != "", event_type)
    columns = {ours: cells[theirs] for theirs, ours in COPIED.items() if theirs in cells}
    columns.update({
        "event_date": event_date,
        "date_precision": date_precision,
        "location": cells["location"],
        "country_code": map_distinct_text(country, lambda value: state.country_codes.get(value, "")),
        "geo_precision": map_distinct_text(geo_code, lambda code: GEO_PRECISIONS.get(code, "")),
        "geo_source": _repeated("ACLED", frame.index),
        "category": category,
        "title": kind + " in " + cells["location"],
        "source_doc": _repeated(name, frame.index),
    })
    columns.update({f"acled_{c}": cells[c] for c in frame.columns if c not in COPIED})
    mapped = pd.DataFrame(columns, copy=False)
    del cells, columns
    state.ids.append(mapped["event_id"].fillna("").astype(str).str.strip())
    state.id_lines.append(lines)
    return finish(mapped, lines, name, fmt="acled", rows_read=len(frame), rejected=rejected,
                  source_columns={ours: theirs for theirs, ours in COPIED.items()},
                  geocode=options.geocode, resolve_ids=False)  # over the whole file in _combine


def _combine(parts: list[ImportResult], name: str, state: _FileState) -> ImportResult:
    """One result from the chunks' results, with the checks that need the whole file.

    Repeated ids are resolved over the whole file (``schema.resolve_duplicate_ids``), so a
    chunk border never shows: the later row is kept under ``ID~2``, an exact copy merged.
    Concatenating Arrow-backed string columns is zero-copy, so this costs no second table.
    """
    events = pd.concat([p.events for p in parts], ignore_index=True)
    lines = pd.concat([p.lines for p in parts], ignore_index=True)
    problems = [p for part in parts for p in part.problems]
    notes = [n for part in parts for n in part.notes]
    ids = pd.concat(state.ids, ignore_index=True)
    id_lines = pd.concat(state.id_lines, ignore_index=True)
    merged_rows = 0
    repeated = ids.duplicated(keep=False) & (ids != "")
    if repeated.any():
        # Content is compared for the rows that were kept; a rejected row is never a copy.
        position = pd.Series(range(len(lines)), index=lines.to_numpy())
        kept = id_lines.isin(lines) & repeated
        contents = events.iloc[position[id_lines[kept]].to_numpy()].drop(columns=["event_id"])
        contents.index = kept[kept].index
        resolution = resolve_duplicate_ids(ids, id_lines, name, contents, column="event_id_cnty")
        bad_lines = {p.line for p in problems}
        notes += [n for n in resolution.notes if n.line not in bad_lines]
        by_line = pd.Series(resolution.ids.to_numpy(), index=id_lines.to_numpy())
        original = pd.Series(resolution.original.to_numpy(), index=id_lines.to_numpy())
        events["event_id"] = by_line[lines].to_numpy()
        events[ORIGINAL_ID_COLUMN] = original[lines].to_numpy()
        drop = lines.isin(set(id_lines[resolution.merged]))
        merged_rows = int(drop.sum())
        if drop.any():
            events, lines = events[~drop].reset_index(drop=True), lines[~drop].reset_index(drop=True)
    for value, count in state.unknown_types.items():
        notes.append(Problem(name, None, "event_type",
                             f"{value!r} ({count} row(s)) is not an ACLED event type; category set to 'other'"))
    unresolved = sorted(c for c, code in state.country_codes.items() if c and not code)
    if unresolved:
        notes.insert(0, Problem(name, None, "country",
                                f"no ISO code known for {', '.join(map(repr, unresolved))}; country_code left empty"))
    return ImportResult(events=events, problems=sorted(problems, key=lambda p: p.line or 0),
                        notes=sorted(notes, key=lambda p: p.line or 0), rows_read=sum(p.rows_read for p in parts),
                        format="acled", name=name, lines=lines, rows_merged=merged_rows)


def acled_dates(
    dates: pd.Series, time_precision: pd.Series, date_order: str | None = None,
    known: dict[tuple[str, str, str | None], tuple[str, str, str]] | None = None,
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``(event_date, date_precision, error)`` string Series for ACLED date and time_precision cells.

    Computed once per distinct (date, precision) pair -- a million rows share a few
    thousand -- then taken back to the rows.  ``error`` is "" for good rows.  ``known``
    carries answers from earlier chunks of the same file (and gains this chunk's).
    """
    order = date_order or numeric_date_order(dates.unique().tolist())
    known = {} if known is None else known
    date_codes, distinct_dates = pd.factorize(dates, use_na_sentinel=False)
    precision_codes, distinct_precisions = pd.factorize(time_precision, use_na_sentinel=False)
    width = max(len(distinct_precisions), 1)
    pair_codes, pairs = pd.factorize(date_codes * width + precision_codes)
    answers = []
    for code in pairs:
        key = (distinct_dates[code // width], distinct_precisions[code % width], order)
        if key not in known:
            known[key] = _acled_date(*key)
        answers.append(known[key])
    return tuple(_take(pd.array([answer[i] for answer in answers], dtype=STRING), pair_codes, dates.index)
                 for i in range(3))


def map_distinct_text(values: pd.Series, func: Callable[[str], str]) -> pd.Series:
    """``values.map(func)`` as ``STRING`` text, calling ``func`` once per distinct value, not per row.

    Unlike ``schema.map_distinct`` (any answers, as Python objects) the answers are text and are
    taken into Arrow, so no Python object is made per row."""
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    return _take(pd.array([func(value) for value in distinct], dtype=STRING), codes, values.index)


def _take(answers: pd.api.extensions.ExtensionArray, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """``answers[codes]`` on ``index``: Arrow's take, no Python object per row."""
    return pd.Series(answers.take(codes) if len(codes) else answers[:0], index=index)


def _repeated(value: str, index: pd.Index) -> pd.Series:
    """One string on every row of ``index``."""
    return _take(pd.array([value], dtype=STRING), np.zeros(len(index), dtype=np.intp), index)


def numeric_date_order(values: list[str]) -> str | None:
    """``"dmy"`` or ``"mdy"`` when the file's numeric dates prove one order, else None.

    ``13/08/2023`` proves day-first, ``08/13/2023`` month-first.  A file with proof of only
    one order settles its ambiguous dates (``08/10/2023``); one with neither or both does not.
    """
    day_first = month_first = False
    for value in values:
        match = _NUMERIC.fullmatch(value.strip())
        if match:
            a, b = int(match[1]), int(match[2])
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    return None


def _acled_date(value: str, time_precision: str, order: str | None) -> tuple[str, str, str]:
    """One distinct ACLED date -> (ISO date at the honest precision, precision, error)."""
    if time_precision not in ("", *TIME_PRECISIONS):
        return "", "", f"time_precision: {time_precision!r} is not 1, 2 or 3"
    day, error = parse_acled_date(value, order)
    if day is None:
        return "", "", error
    if time_precision == "3":
        return day.strftime("%Y-%m"), "month", ""
    if time_precision == "2":
        first, last = day - pd.Timedelta(days=3), day + pd.Timedelta(days=3)
        if (first.year, first.month) == (last.year, last.month):
            return day.strftime("%Y-%m"), "month", ""
        return day.strftime("%Y"), "year", ""
    return day.strftime("%Y-%m-%d"), "day", ""


def parse_acled_date(value: str, order: str | None = None) -> tuple[pd.Timestamp | None, str]:
    """The day an ACLED ``event_date`` names, or ``(None, reason)``.

    Accepted: ``2023-08-10`` (API), ``10 August 2023`` / ``10-August-2023`` / ``10-Aug-2023``
    (website exports), and numeric ``DD/MM/YYYY`` or ``MM/DD/YYYY`` when the day is > 12 or
    ``order`` says which comes first.  ``08/10/2023`` without that is refused, not guessed.
    """
    text = value.strip()
    if not text:
        return None, "is empty"
    if match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _NAMED.fullmatch(text):
        month = _MONTHS.get(match[2].lower())
        if month is None:
            return None, f"{text!r}: {match[2]!r} is not a month name"
        year, day = int(match[3]), int(match[1])
    elif match := _NUMERIC.fullmatch(text):
        a, b, year = int(match[1]), int(match[2]), int(match[3])
        if a > 12 and b > 12:
            return None, f"{text!r} is not a date (neither {a} nor {b} can be a month)"
        if a == b or a > 12 or b > 12:
            day, month = (a, b) if b <= 12 and (a > 12 or a == b) else (b, a)
        elif order in ("dmy", "mdy"):
            day, month = (a, b) if order == "dmy" else (b, a)
        else:
            return None, (f"{text!r} is ambiguous ({a} {calendar.month_name[b]} or {b} {calendar.month_name[a]}?); "
                          "write YYYY-MM-DD or pass --date-order dmy|mdy")
    else:
        return None, f"{text!r} is not an ACLED date (YYYY-MM-DD, '10 August 2023', '10-August-2023')"
    try:
        return pd.Timestamp(year=year, month=month, day=day), ""
    except ValueError:
        return None, f"{text!r} is not a real date"


def country_codes(names: list[str], lookup: Callable[[], CountryLookup | None] | None = None) -> dict[str, str]:
    """ISO alpha-2 code per ACLED country name ("" when unknown), from aliases then the gazetteer.

    ``lookup`` gives the gazetteer's country lookup (or None without a gazetteer); it is only called
    when a name is not an alias.  (``import_acled`` starts loading the gazetteer with the import whatever
    the names, and waits for that load to end before it returns.)
    """
    codes = {name: COUNTRY_ALIASES.get(name.strip().lower(), "") for name in names}
    todo = [name for name, code in codes.items() if name and not code]
    if todo:
        lookup = (lookup or _gazetteer_country_lookup)()
        for name in todo:
            codes[name] = (lookup(name) or "") if lookup else ""
    return codes


def _gazetteer_country_lookup() -> CountryLookup | None:
    """``Gazetteer.lookup_country`` when the gazetteer can be loaded, else None (codes stay empty)."""
    try:
        return load_gazetteer().lookup_country
    except Exception:  # a missing or broken gazetteer only costs the country codes
        return None
