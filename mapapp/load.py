"""Read and write events tables, with validation that names file, line and column.

Every loader in the project goes through ``read_table`` (raw cells + physical line
numbers) and ``schema.validate_frame`` so that a broken row is reported the same way
whether it came from ``validate``, an import or an upload in the app.  Writes go through
``atomic_write`` so an interrupted run never leaves half a file behind.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from mapapp.aggregate import point_cells
from mapapp.columnar import (
    CELLS_COLUMN,
    CELLS_RESOLUTION,
    GEOMETRY_COLUMN,
    PARQUET_MAGIC,
    is_cells_field,
    is_parquet_path,
    parquet_frame,
    prepared_rules,
    read_parquet_table,
    text_series,
    write_events_parquet,
)
from mapapp.errors import InputError, Problem, RecordProblem
from mapapp.schema import (
    CASUALTY_COLUMNS,
    COLUMN_NAMES,
    NUMBER_COLUMNS,
    REQUIRED_COLUMNS,
    RULES_VERSION,
    date_precision_of,
    is_number_column,
    map_distinct,
    resolve_duplicate_ids,
    text_cells,
    text_numbers,
    validate_frame,
)

MAX_CELL_CHARS = 16 * 1024 * 1024
"""The largest cell the CSV reader accepts; a longer one makes its row unreadable (reported)."""

# Bytes that never occur in a text CSV but always in binary formats (zip, xlsx, images, ...).
_BINARY_MARKERS = (b"\x00",)


@dataclass
class RawTable:
    """Cells exactly as read (strings), the line each row starts on, and row-level read problems."""

    frame: pd.DataFrame
    lines: pd.Series
    name: str
    problems: list[Problem] = field(default_factory=list)
    unreadable: int = 0
    """Records the csv module could not read at all: counted as read (and rejected), not in ``frame``."""


@dataclass
class LoadResult:
    """Valid rows as a typed DataFrame, every problem found in the rows left out, and notes.

    ``notes`` are warnings about rows that were kept (a repeated id kept under a derived
    id) or merged (``rows_merged`` exact copies of an earlier row).
    """

    events: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    notes: list[Problem] = field(default_factory=list)
    rows_merged: int = 0

    @property
    def rows_rejected(self) -> int:
        return self.rows_read - len(self.events) - self.rows_merged


def decode_text(data: bytes, name: str) -> str:
    """The UTF-8 text of ``data`` (a BOM is dropped), or InputError for empty/binary/non-UTF-8."""
    if not data.strip():
        raise InputError(f"{name}: file is empty", [Problem(name, None, "", "file is empty")])
    if any(marker in data[:65536] for marker in _BINARY_MARKERS):
        raise InputError(f"{name}: binary content", [Problem(name, None, "", "binary content, not a CSV text file")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = Problem(name, line, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})")
        raise InputError(str(problem), [problem]) from None


def parse_csv_text(text: str, name: str) -> RawTable:
    """Raw string cells of a CSV text and the physical line each record starts on.

    Uses the csv module rather than ``pandas.read_csv`` because quoted fields may span
    lines, and only the csv reader tells us where each record really starts.  Short rows
    are padded with "", and a row with more cells than the header is reported.
    """
    # pandas (ACLED's fast reader) has no cell size limit, the csv module's default is 128 KiB:
    # a table one reader wrote must be readable by the other (found by fuzzing).
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{name}: file is empty", [Problem(name, None, "", "file is empty")]) from None
    except csv.Error as exc:
        raise InputError(f"{name}:1: {exc}", [Problem(name, 1, "", f"unreadable CSV: {exc}")]) from None
    header = [h.strip() for h in header]
    problems: list[Problem] = []
    if not any(header):
        problems.append(Problem(name, 1, "", "header line is empty"))
    seen: set[str] = set()
    for column in header:
        if column and column in seen:
            problems.append(Problem(name, 1, column, "column appears twice in the header"))
        seen.add(column)
    rows: list[list[str]] = []
    lines: list[int] = []
    width = len(header)
    next_line = reader.line_num + 1
    unreadable = 0
    while True:
        start = next_line
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The reader goes on after a bad record (a field over the size limit): the rows
            # after it are still read; this one is reported, not silently lost.
            next_line = reader.line_num + 1
            problems.append(Problem(name, start, "", f"unreadable CSV: {exc}"))
            unreadable += 1
            if next_line == start:  # no progress: never loop on the same record
                break
            continue
        next_line = reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # blank line
        if len(row) > width:
            extra = row[width:]
            if any(cell.strip() for cell in extra):
                problems.append(Problem(name, start, "", f"{len(row)} cells but the header has {width}"))
            row = row[:width]
        elif len(row) < width:
            row = row + [""] * (width - len(row))
        rows.append(row)
        lines.append(start)
    if problems and any(p.line in (None, 1) for p in problems):
        raise InputError(f"{name}: bad header", problems)
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header, dtype=object)
    return RawTable(frame, pd.Series(lines, index=frame.index, dtype="int64"), name, problems, unreadable)


def read_table(source: str | os.PathLike | bytes, name: str | None = None) -> RawTable:
    """Raw string table and physical line numbers from a path or from uploaded bytes."""
    if isinstance(source, bytes):
        data, label = source, name or "<upload>"
    else:
        path = Path(source)
        label = name or str(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{label}: no such file", [Problem(label, None, "", "no such file")]) from None
        except IsADirectoryError:
            raise InputError(f"{label}: is a directory", [Problem(label, None, "", "is a directory")]) from None
        except PermissionError:
            raise InputError(f"{label}: permission denied", [Problem(label, None, "", "permission denied")]) from None
    return parse_csv_text(decode_text(data, label), label)


def readable_names(columns: list[str]) -> list[str]:
    """Column names as a CSV reader will see them again: restored, stripped, CR-free, unique.

    The reader strips header cells, so ``"x"`` and ``"x\\r"`` (two JSON keys, found by
    fuzzing) would come back as the same column and the table would be refused; the later
    one becomes ``x~2``.  The schema's own names are never renamed.
    """
    cleaned = (restore_formulas(pd.Series(columns, dtype=object)).str.replace("\r\n?", "\n", regex=True)
               .str.replace("\x00", "\ufffd", regex=False).str.strip())
    seen = set(COLUMN_NAMES)
    out = []
    for original, name in zip(columns, cleaned, strict=True):
        if original in COLUMN_NAMES:
            out.append(original)
            continue
        candidate, number = name, 1
        while candidate in seen:
            number += 1
            candidate = f"{name}~{number}"
        seen.add(candidate)
        out.append(candidate)
    return out


def typed_events(frame: pd.DataFrame, *, stripped: bool = False) -> pd.DataFrame:
    """Events with the schema's columns present and typed; extra columns are kept as strings.

    Cells neutralised for spreadsheets by ``events_to_csv_text`` (``'=...``) are restored.

    Coordinates become float (NaN when unresolved), casualties nullable Int64 (<NA> when
    unknown, so unknown never reads as 0), and ``date_precision`` is filled from the
    form of ``event_date`` where the file left it empty.  ``stripped``: the text cells are
    already trimmed and free of NaN (``validate_frame`` takes the same promise).
    """
    events = frame.copy()
    for column in COLUMN_NAMES:
        if column not in events.columns:
            events[column] = ""
    for column in events.columns:
        if column in NUMBER_COLUMNS and is_number_column(events[column]):
            continue  # a typed source's numbers: typed below without a trip through text
        cells = events[column].astype(str) if stripped else text_cells(events[column]).str.strip()
        if not _needs_repair(cells):
            events[column] = cells  # the usual column: none of the three repairs below applies
            continue
        # A restored cell is trimmed again: "'\r=" from another tool is "=", as it reads once written back.
        cells = restore_formulas(cells).str.strip()
        if cells.str.contains("\r", regex=False).any():
            # A lone CR inside a cell is an old Mac line break; written back unquoted (the csv
            # writer quotes only the "\n" terminator) it would split the row.  Found by fuzzing.
            cells = cells.str.replace("\r\n?", "\n", regex=True)
        if cells.str.contains("\x00", regex=False).any():
            # A NUL (JSON "\u0000") would make the written table read as binary.  Found by fuzzing.
            cells = cells.str.replace("\x00", "\ufffd", regex=False)
        events[column] = cells
    names = readable_names([str(c) for c in events.columns])
    if names != list(events.columns):
        events.columns = names
    empty = events["date_precision"] == ""
    if empty.any():  # most sources give it: then no date needs reading again
        forms = map_distinct(events.loc[empty, "event_date"], date_precision_of)
        events.loc[empty, "date_precision"] = forms.fillna("")
    for column in NUMBER_COLUMNS:
        events[column] = _numbers(events[column]).astype("float64" if column in ("latitude", "longitude") else "Int64")
    ordered = list(COLUMN_NAMES) + [c for c in events.columns if c not in COLUMN_NAMES]
    return events[ordered].reset_index(drop=True)


def _needs_repair(cells: pd.Series) -> bool:
    """Whether any cell may need one of ``typed_events``' repairs: a CR or NUL, or a leading quote
    (a formula to restore).  One Arrow scan for the quote and a byte search of the column's text
    for CR and NUL: far cheaper than the repairs' regexes, or than Arrow's per-cell substring search."""
    text = pa.array(cells.astype(str).array)
    text = text if isinstance(text, pa.ChunkedArray) else pa.chunked_array([text])
    if pc.any(pc.starts_with(text, "'")).as_py():
        return True
    return any(b"\r" in raw or b"\x00" in raw for raw in _text_bytes(text))


def _text_bytes(text: pa.ChunkedArray) -> Iterator[bytes]:
    """The UTF-8 bytes of every chunk of a string column, cells run together (a copy per chunk)."""
    for chunk in text.chunks:
        if len(chunk) == 0 or chunk.buffers()[2] is None:
            continue
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(chunk.buffers()[1], dtype=width)
        start, end = int(offsets[chunk.offset]), int(offsets[chunk.offset + len(chunk)])
        yield memoryview(chunk.buffers()[2])[start:end].tobytes()


def _numbers(values: pd.Series) -> pd.Series:
    """Cells of a number column as numbers (NaN where empty); a typed source's are already numbers."""
    if is_number_column(values):
        return values
    return text_numbers(values)


def check_events(raw: RawTable) -> LoadResult:
    """Validate a raw table: valid rows typed, bad rows left out and reported.

    Header-level problems (missing required columns) make the whole table unusable and
    raise; row-level problems only exclude their rows.
    """
    problems = sorted(raw.problems + validate_frame(raw.frame, raw.lines, raw.name), key=lambda p: p.line or 0)
    if any(p.line == 1 or p.line is None for p in problems):
        raise InputError(f"{raw.name}: the table cannot be read as events", problems)
    ids = resolve_duplicate_ids(raw.frame["event_id"], raw.lines, raw.name, raw.frame)
    bad_lines = {p.line for p in problems}
    bad = raw.lines.isin(bad_lines)
    keep = ~bad & ~ids.merged
    return LoadResult(events=typed_events(ids.apply(raw.frame)[keep]), problems=problems,
                      rows_read=len(raw.frame) + raw.unreadable,
                      notes=[n for n in ids.notes if n.line not in bad_lines],
                      rows_merged=int((ids.merged & ~bad).sum()))


def _is_parquet_source(source: str | os.PathLike | bytes) -> bool:
    """A Parquet file (by its magic bytes), so ``load_events`` reads it with ``columnar``."""
    if isinstance(source, bytes):
        return source[:4] == PARQUET_MAGIC
    try:
        with open(source, "rb") as handle:
            return handle.read(4) == PARQUET_MAGIC
    except OSError:
        return False  # read_table reports the problem in its usual words


def load_events(source: str | os.PathLike | bytes, name: str | None = None, *, strict: bool = False) -> LoadResult:
    """Load an events CSV from a path or bytes.

    A Parquet or GeoParquet file (``columnar``) is read and checked the same way, its rows
    addressed by record number.  Non-strict (the app, the map command): rows with problems are left out and listed in
    ``problems``; the rest loads.  Strict: any problem raises ``InputError`` listing all of
    them, so a command can refuse as a whole.  File-level problems always raise.
    """
    if _is_parquet_source(source):
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        result = read_parquet_events(data, name or ("<upload>" if isinstance(source, bytes) else str(source)))
    else:
        result = check_events(read_table(source, name))
    if strict and result.problems:
        raise InputError(f"{len(result.problems)} problem(s)", result.problems)
    return result


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""
_NUMBER = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
_QUOTED_FORMULA = re.compile(r"'+[=+\-@\t\r]")


def neutralise_formulas(values: pd.Series) -> pd.Series:
    """Text cells a spreadsheet would run as a formula, prefixed with ``'`` (the OWASP rule).

    ``=cmd|' /C calc'!A0`` becomes ``'=cmd|' /C calc'!A0``, which Excel and LibreOffice show
    as text.  Numbers are left alone (``-3.7`` is a number, not a formula, and must stay
    one), and so is every non-text column.  A cell that already starts with quotes before a
    trigger gets one more, so ``restore_formulas`` undoes exactly this and nothing else.
    """
    if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
        return values
    text = values.fillna("").astype(str)
    risky = text.str.lstrip("'").str[:1].isin(FORMULA_TRIGGERS) & ~text.str.fullmatch(_NUMBER)
    if not risky.any():
        return values
    return values.where(~risky, "'" + text)


def restore_formulas(values: pd.Series) -> pd.Series:
    """The inverse of ``neutralise_formulas``, so a table written by mapapp reads back unchanged."""
    quoted = values.str.match(_QUOTED_FORMULA.pattern)
    return values.where(~quoted, values.str[1:]) if quoted.any() else values


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and column name passed through ``neutralise_formulas``."""
    out = frame.copy()
    for column in out.columns:
        out[column] = neutralise_formulas(out[column])
    out.columns = list(neutralise_formulas(pd.Series([str(c) for c in out.columns], dtype=object)))
    return out


def events_to_csv_text(events: pd.DataFrame, header: bool = True) -> str:
    """CSV text of an events table: schema columns first, integers without '.0', NaN as ''.

    Written for spreadsheets: formula-like text is neutralised (``spreadsheet_safe``) and
    restored when mapapp reads the file again (``typed_events``), so the round trip is exact.
    """
    out = events.copy()
    for column in COLUMN_NAMES:
        if column not in out.columns:
            out[column] = ""
    ordered = list(COLUMN_NAMES) + [c for c in out.columns if c not in COLUMN_NAMES]
    out = out[ordered]
    for column in CASUALTY_COLUMNS:
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("Int64")
    return spreadsheet_safe(out).to_csv(index=False, header=header, lineterminator="\n", float_format="%.6f")


def current_umask() -> int:
    """The process umask, read without changing it where the OS allows (Linux ``/proc``).

    ``os.umask`` can only be read by setting it, which for that instant also changes the
    mode of files other threads create; the fallback does it only where /proc is missing.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def normal_mode(target: str | os.PathLike, directory: bool = False) -> int:
    """The permission bits a plain ``open(target, "w")`` (or ``mkdir``) would leave.

    An existing file keeps its mode, as when it is overwritten in place; a new one gets
    0o666 (0o777 for a directory) minus the umask.  ``mkstemp``/``mkdtemp`` create 0o600 /
    0o700, and that private mode would otherwise survive the rename: a map meant to be
    served by a web server or shared with another user would be unreadable to them.
    """
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return (0o777 if directory else 0o666) & ~current_umask()


@contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path`` and rename it into place only on success.

    A crash or exception inside the block leaves any previous file untouched and no
    partial file behind; ``os.replace`` is atomic on the same filesystem.  The file ends with
    the mode a normal write would give (``normal_mode``), not the temporary file's 0o600.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(f"{target}: directory {directory} does not exist",
                         [Problem(str(target), None, "", f"directory {directory} does not exist")])
    permissions = normal_mode(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        os.chmod(tmp_name, permissions)
        binary = "b" in mode
        with open(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


WRITE_CHUNK_ROWS = 100_000


def write_events(events: pd.DataFrame, path: str | os.PathLike, *, checked: bool = False) -> None:
    """Write an events table atomically: GeoParquet for ``.parquet``/``.geoparquet``, else CSV.

    ``checked`` (validated, typed rows) marks a Parquet file as prepared (``write_parquet``).

    Written ``WRITE_CHUNK_ROWS`` rows at a time (same bytes as one piece) so that a
    million-row import does not hold a second copy of the table and its whole CSV text.
    """
    if is_parquet_path(path):
        write_parquet(events, path, checked=checked)
        return
    with atomic_write(path) as handle:
        for start in range(0, max(len(events), 1), WRITE_CHUNK_ROWS):
            handle.write(events_to_csv_text(events.iloc[start:start + WRITE_CHUNK_ROWS], header=start == 0))


# --- Parquet (the format itself lives in columnar; here it meets validation and atomic writes) ---


def write_parquet(events: pd.DataFrame, path: str | os.PathLike, *, checked: bool = False) -> None:
    """Write ``events`` as GeoParquet atomically (temporary file, then rename).

    ``checked``: the rows are validated and typed (an import's result), so the file is marked
    as prepared under ``RULES_VERSION`` and a trusted reader need not check them again
    (``read_prepared``); it also carries each event's H3 cell (``columnar.CELLS_COLUMN``), so
    the app's map of many events need not work them out on every cold start.
    """
    cells = point_cells(events["latitude"], events["longitude"], CELLS_RESOLUTION) if checked else None
    with atomic_write(path, "wb") as handle:
        write_events_parquet(events, handle, prepared=RULES_VERSION if checked else None, cells=cells)


@dataclass(frozen=True)
class PreparedEvents:
    """A prepared file's events and, when it carries them, their H3 cells (``columnar.CELLS_COLUMN``)."""

    events: pd.DataFrame
    cells: np.ndarray | None = None


def read_prepared(data: bytes) -> PreparedEvents | None:
    """The events of a Parquet file mapapp wrote from checked rows, typed as ``typed_events`` types
    them, with the cells it carries, or None when the file is not such a file (or was checked
    under other rules).

    What the digest cannot show is checked here: the schema's columns are all present with the
    types the writer gives them.  The rows themselves are not validated again -- that is the
    point (a million rows take seconds) -- so only a caller reading a file its operator chose
    may use this (``ImportOptions.trust_prepared``).
    """
    if prepared_rules(data) != RULES_VERSION:
        return None
    schema = pq.read_schema(pa.BufferReader(data))
    kinds = {name: schema.field(name).type for name in schema.names}
    expected = {c: pa.float64() if c in ("latitude", "longitude") else pa.int64() if c in CASUALTY_COLUMNS
                else pa.string() for c in COLUMN_NAMES}
    has_cells = any(is_cells_field(field) for field in schema)
    derived = {GEOMETRY_COLUMN, *([CELLS_COLUMN] if has_cells else [])}
    extras = [n for n in schema.names if n not in expected and n not in derived]
    if any(kinds.get(c) != kind for c, kind in expected.items()) or any(kinds[n] != pa.string() for n in extras) \
            or len(set(schema.names)) != len(schema.names):
        return None
    table = read_parquet_table(data, [*COLUMN_NAMES, *extras, *([CELLS_COLUMN] if has_cells else [])])
    cells = table.column(CELLS_COLUMN).to_numpy() if has_cells else None
    if has_cells:
        table = table.drop_columns([CELLS_COLUMN])
    columns = {}
    for name in table.column_names:
        values = table.column(name)
        if name in ("latitude", "longitude"):
            columns[name] = pd.Series(values.to_numpy(), dtype="float64")
        elif name in CASUALTY_COLUMNS:
            columns[name] = pd.Series(values.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get),
                                      dtype="Int64")
        else:
            columns[name] = text_series(values)
    return PreparedEvents(pd.DataFrame(columns), cells) if columns else None


def read_parquet_events(data: bytes, name: str) -> LoadResult:
    """Valid rows of a Parquet events table, typed as ``load_events`` types a CSV.

    Missing required columns refuse the file as a whole; bad rows are listed by record
    number and left out.
    """
    frame, rejected = parquet_frame(data, name)
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        problems = [Problem(name, None, c, "required column is missing") for c in missing]
        raise InputError(f"{name}: the table cannot be read as events", problems)
    records = pd.Series(np.arange(1, len(frame) + 1), index=frame.index, dtype="int64")
    # parquet_frame's text is trimmed and has no nulls: the validator and the typing need not trim it again.
    found = [p for p in validate_frame(frame, records, name, stripped=True) if p.line not in {r.line for r in rejected}]
    problems = sorted((RecordProblem(p.file, p.line, p.column, p.message) for p in rejected + found),
                      key=lambda p: (p.line or 0, p.column))
    bad_lines = {p.line for p in problems}
    bad = records.isin(bad_lines)
    ids = resolve_duplicate_ids(frame["event_id"], records, name, frame, unit="record")
    keep = ~bad & ~ids.merged
    frame = ids.apply(frame)
    return LoadResult(events=typed_events(frame[keep] if not keep.all() else frame, stripped=True), problems=problems,
                      rows_read=len(frame),
                      notes=[RecordProblem(n.file, n.line, n.column, n.message) for n in ids.notes
                             if n.line not in bad_lines],
                      rows_merged=int((ids.merged & ~bad).sum()))
