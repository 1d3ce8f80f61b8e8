"""Events tables as Parquet (GeoParquet 1.1): written beside CSV, read with the same checks.

Why Parquet.  A million-row events CSV is ~300 MB and takes seconds to parse and type; the
same table as Parquet is a fraction of that on disk, keeps its types (floats, nullable
integers) and reads column-wise in well under a second.  ``write_events`` picks the format
from the file name (``-o events.parquet``).

Layering.  This module is the format only (Arrow tables, WKB, cells as text); it sits below
``load``, which owns validation, typing and atomic writes and so also ``read_parquet_events``
and ``write_parquet``.

GeoParquet.  The file also carries a WKB ``geometry`` column of points (null for events
without coordinates) and the ``geo`` metadata key of GeoParquet 1.1, so GIS tools
(GeoPandas, QGIS, DuckDB spatial) open it as a point layer.  ``latitude``/``longitude``
stay as plain columns: they are what our schema validates.  A foreign GeoParquet file with
only a geometry column gets its coordinates from the points; other geometry types are
rejected per row, as in the GeoJSON importer.

Validation.  A Parquet file is not trusted more than a CSV: every cell is turned into the
text the CSV would hold (by Arrow's casts, not Python loops) and goes through the one
validator, ``schema.validate_frame``.  Coordinates and counts typed as numbers are the
exception (``parquet_frame``): they stay float64, and the validator checks them as numbers
with the same rules and words.  Rows are addressed by record number (``FILE:record
N: column: problem``), since a Parquet file has no lines.

Prepared files.  The one exception: ``mapapp import`` writes rows it has just checked and marks
the file (``write_events_parquet``'s ``prepared``: the rules version and the SHA-256 of every
byte before the footer).  A reader that trusts the file's origin (the app's configured table,
never an upload) reads such a file as it is while the digest and the rules still match
(``prepared_rules``): validating a million rows again costs seconds on every cold start.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
from collections.abc import Collection
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from mapapp.errors import InputError, Problem
from mapapp.schema import CASUALTY_COLUMNS, COLUMN_NAMES, NUMBER_COLUMNS, float_text

PARQUET_MAGIC = b"PAR1"
PARQUET_SUFFIXES: tuple[str, ...] = (".parquet", ".geoparquet", ".pq")
GEOMETRY_COLUMN = "geometry"
# A prepared file's H3 cell of every event at CELLS_RESOLUTION (uint64, 0 without coordinates): the
# app's map of many events needs them, and working them out again costs 0.6 s per million points.
CELLS_COLUMN = "h3_res9"
CELLS_RESOLUTION = 9
PREPARED_KEY = "mapapp.prepared"  # footer key: {"rules": version, "sha256": digest of the bytes before the footer}
GEOPARQUET_VERSION = "1.1.0"
# A little-endian WKB point: byte order (1), geometry type (1 = Point), x, y.
_WKB_POINT = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])
_WKB_POINT_TYPES = {1, 1001, 0x80000001}  # 2D point, ISO Z point, EWKB Z point (x, y come first in all)


def is_parquet_path(path: str | os.PathLike) -> bool:
    """True when the file name asks for Parquet (``events.parquet``, ``.geoparquet``, ``.pq``)."""
    return Path(path).suffix.lower() in PARQUET_SUFFIXES


def is_parquet(data: bytes) -> bool:
    """True for the bytes of a Parquet file (it starts and ends with ``PAR1``)."""
    return len(data) >= 8 and data[:4] == PARQUET_MAGIC and data[-4:] == PARQUET_MAGIC


# --- writing -------------------------------------------------------------------------------


def wkb_points(latitude: pd.Series, longitude: pd.Series) -> pa.Array:
    """WKB points (x = longitude, y = latitude), null where a coordinate is missing.

    Built as one buffer with NumPy: a Python ``bytes`` object per row would cost about a
    second at a million rows.
    """
    lat = pd.to_numeric(latitude, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    lng = pd.to_numeric(longitude, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    valid = ~(np.isnan(lat) | np.isnan(lng))
    points = np.zeros(len(lat), dtype=_WKB_POINT)
    points["order"], points["kind"], points["x"], points["y"] = 1, 1, lng, lat
    offsets = np.arange(len(lat) + 1, dtype=np.int32) * _WKB_POINT.itemsize
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(pa.binary(), len(lat), [bitmap, pa.py_buffer(offsets), pa.py_buffer(points.tobytes())],
                                 null_count=int((~valid).sum()))


def geo_metadata(latitude: pd.Series, longitude: pd.Series) -> dict:
    """The GeoParquet 1.1 ``geo`` metadata for a point column in WGS84 (CRS omitted = OGC:CRS84)."""
    column: dict = {"encoding": "WKB", "geometry_types": ["Point"]}
    lat, lng = pd.to_numeric(latitude, errors="coerce"), pd.to_numeric(longitude, errors="coerce")
    located = lat.notna() & lng.notna()
    if located.any():
        column["bbox"] = [float(lng[located].min()), float(lat[located].min()),
                          float(lng[located].max()), float(lat[located].max())]
    return {"version": GEOPARQUET_VERSION, "primary_column": GEOMETRY_COLUMN, "columns": {GEOMETRY_COLUMN: column}}


def text_array(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """A text column as Arrow strings, "" where the cell is missing.

    Arrow-backed pandas text (what ``load`` and the importers give) goes over as it is: a
    Python string per cell cost about 1.8 s of CPU for the text columns of a million events.
    """
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        return pc.fill_null(pa.chunked_array(pa.array(values)), "").cast(pa.string())
    return pa.array(values.astype(object).where(values.notna(), "").astype(str), type=pa.string())


def events_to_arrow(events: pd.DataFrame) -> pa.Table:
    """The events as an Arrow table: schema columns first and typed, extra columns as text.

    Coordinates are float64, casualties nullable int64 (unknown stays null, never 0), every
    other column a string with "" for empty, as in the CSV.
    """
    arrays: dict[str, pa.Array] = {}
    ordered = list(COLUMN_NAMES) + [c for c in events.columns if c not in COLUMN_NAMES and c != GEOMETRY_COLUMN]
    for column in ordered:
        values = events[column] if column in events.columns else pd.Series("", index=events.index)
        if column in ("latitude", "longitude"):
            arrays[column] = pa.array(pd.to_numeric(values, errors="coerce").astype("float64"), from_pandas=True)
        elif column in CASUALTY_COLUMNS:
            arrays[column] = pa.array(pd.to_numeric(values, errors="coerce").astype("Int64"), type=pa.int64(),
                                      from_pandas=True)
        else:
            arrays[column] = text_array(values)
    lat = events["latitude"] if "latitude" in events.columns else pd.Series(np.nan, index=events.index)
    lng = events["longitude"] if "longitude" in events.columns else pd.Series(np.nan, index=events.index)
    arrays[GEOMETRY_COLUMN] = wkb_points(lat, lng)
    table = pa.table(arrays)
    return table.replace_schema_metadata({b"geo": json.dumps(geo_metadata(lat, lng)).encode()})


class _Digesting(io.RawIOBase):
    """A write-only file that passes every byte on to ``sink`` and keeps their SHA-256."""

    def __init__(self, sink: IO[bytes]) -> None:
        super().__init__()
        self.sink, self.digest = sink, hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # a bytes-like object
        self.digest.update(data)
        self.sink.write(data)
        return len(data)


def is_cells_field(field: pa.Field) -> bool:
    """Whether a Parquet column is the H3 cells a prepared file carries (``CELLS_COLUMN``), not an event field.

    By name and type: a text column of that name in someone's own file is an extra column like any other.
    """
    return field.name == CELLS_COLUMN and field.type == pa.uint64()


def write_events_parquet(events: pd.DataFrame, sink: IO[bytes], *, prepared: str | None = None,
                         cells: np.ndarray | None = None) -> None:
    """Write ``events`` as GeoParquet to ``sink``; ``prepared`` marks the rows as checked.

    ``prepared`` is the validation rules version (``schema.RULES_VERSION``) the rows passed:
    only a caller holding validated, typed events (an import's result, the app's table) may
    give it.  The footer then carries it with the SHA-256 of every byte before the footer, so
    a reader can tell the data pages are still exactly those written (``prepared_rules``).
    The footer is written last, so the digest of what came before it is known in time.
    ``cells``: the events' cells at ``CELLS_RESOLUTION``, written as ``CELLS_COLUMN`` (unless
    the events have a column of that name of their own).
    """
    table = events_to_arrow(events)
    if cells is not None and CELLS_COLUMN not in table.column_names:
        table = table.append_column(pa.field(CELLS_COLUMN, pa.uint64()), pa.array(cells, type=pa.uint64()))
    digesting = _Digesting(sink)
    with pq.ParquetWriter(digesting, table.schema, compression="zstd") as writer:
        writer.write_table(table)
        if prepared is not None:
            claim = {"rules": prepared, "sha256": digesting.digest.hexdigest()}
            writer.add_key_value_metadata({PREPARED_KEY: json.dumps(claim)})


def events_to_parquet_bytes(events: pd.DataFrame, *, prepared: str | None = None) -> bytes:
    """The GeoParquet file of ``events`` in memory (the app's download)."""
    sink = io.BytesIO()
    write_events_parquet(events, sink, prepared=prepared)
    return sink.getvalue()


def prepared_rules(data: bytes) -> str | None:
    """The rules version a mapapp-written Parquet file's rows passed, if its data is unchanged.

    None for any other file: no claim, a claim that does not parse, or a digest that does not
    match the bytes before the footer (the file was edited or rewritten since).  The digest
    proves the rows are the ones mapapp checked, not who wrote the file: callers trust it only
    for a file the operator chose (``ImportOptions.trust_prepared``), never for an upload.
    """
    if not is_parquet(data):
        return None
    try:
        claim = json.loads((pq.read_metadata(pa.BufferReader(data)).metadata or {})[PREPARED_KEY.encode()])
        rules, digest = str(claim["rules"]), str(claim["sha256"])
    except (pa.ArrowException, OSError, KeyError, TypeError, ValueError):
        return None
    footer_start = len(data) - 8 - struct.unpack("<I", data[-8:-4])[0]
    if footer_start < len(PARQUET_MAGIC):
        return None
    return rules if hashlib.sha256(memoryview(data)[:footer_start]).hexdigest() == digest else None


# --- reading -------------------------------------------------------------------------------


def _unreadable(name: str, why: str) -> InputError:
    problem = Problem(name, None, "", why)
    return InputError(str(problem), [problem])


TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' own "str": Arrow memory, no Python objects


def text_series(text: pa.Array | pa.ChunkedArray) -> pd.Series:
    """Arrow strings as a pandas ``TEXT_DTYPE`` column, left in Arrow memory (no Python string per cell)."""
    return pd.Series(text.to_pandas(types_mapper={pa.string(): TEXT_DTYPE}.get), dtype=TEXT_DTYPE)


def _is_dictionary_text(kind: pa.DataType) -> bool:
    return pa.types.is_dictionary(kind) and (pa.types.is_string(kind.value_type)
                                             or pa.types.is_large_string(kind.value_type))


def _trimmed_dictionary(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A dictionary text column with its distinct values trimmed, not its rows: the same text after decoding."""
    return pa.chunked_array([pa.DictionaryArray.from_arrays(chunk.indices, pc.utf8_trim_whitespace(chunk.dictionary),
                                                            ordered=chunk.type.ordered)
                             for chunk in column.chunks], type=column.type)


def _as_numbers(column: pa.ChunkedArray) -> pd.Series | None:
    """A float64 or integer column as float64 numbers (NaN where null), or None when its numbers
    would not survive that exactly (float32, integers past 2**53): those are read as text.

    Same values as the text path gives after parsing: NaN is empty, -0.0 reads as 0 ("0").
    """
    kind = column.type
    if pa.types.is_integer(kind):
        extremes = pc.min_max(column)
        low, high = extremes["min"], extremes["max"]
        if high.is_valid and (high.as_py() >= 2 ** 53 or low.as_py() <= -(2 ** 53)):
            return None
    elif not pa.types.is_float64(kind):
        return None
    values = pc.cast(column, pa.float64()).to_numpy()
    return pd.Series(values + 0.0, dtype="float64")  # + 0.0 turns -0.0 into 0.0, as its text "0" would


def _as_text(column: pa.ChunkedArray, trim: bool = True) -> pd.Series:
    """One column as the strings a CSV would hold ("" for null, trimmed), converted by Arrow.

    The text stays in Arrow memory (pandas' pyarrow-backed ``str``): a million Python
    string objects per column would cost seconds.
    """
    kind = column.type
    if pa.types.is_timestamp(kind):
        column = pc.strftime(column, format="%Y-%m-%d")
    elif pa.types.is_floating(kind):
        # NaN is "unknown", as null is; a whole float (a count stored as double) reads as "3", like the CSV.
        column = float_text(pc.if_else(pc.is_nan(column), pa.scalar(None, kind), column))
    elif pa.types.is_nested(kind) or pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
        values = [("" if v is None else json.dumps(v, ensure_ascii=False, default=str)) for v in column.to_pylist()]
        column = pa.chunked_array([pa.array(values, type=pa.string())])
    elif _is_dictionary_text(kind):
        return text_series(pc.fill_null(pc.dictionary_decode(_trimmed_dictionary(column) if trim else column), ""))
    elif not pa.types.is_string(kind):
        column = pc.cast(column, pa.string())
    text = pc.fill_null(column, "")
    text = pc.utf8_trim_whitespace(text) if trim else text
    return text_series(text)


def _points_from_wkb(values: list[bytes | None]) -> tuple[list[str], list[str], list[tuple[int, str]]]:
    """Latitude and longitude text from WKB points, and ``(row, problem)`` for other geometries."""
    lats, lngs, problems = [], [], []
    for row, value in enumerate(values):
        lat = lng = ""
        if value is not None:
            try:
                order = "<" if value[0] == 1 else ">"
                kind = struct.unpack_from(order + "I", value, 1)[0]
                if kind in _WKB_POINT_TYPES:
                    x, y = struct.unpack_from(order + "dd", value, 5)
                    if not (np.isnan(x) and np.isnan(y)):  # POINT EMPTY is NaN, NaN
                        lat, lng = repr(y), repr(x)
                else:
                    problems.append((row, f"WKB geometry type {kind} is not a Point; an event needs one position"))
            except (struct.error, IndexError):
                problems.append((row, "is not a WKB geometry"))
        lats.append(lat)
        lngs.append(lng)
    return lats, lngs, problems


PLAIN_TEXT_MIN_BYTES = 4
"""A plainly encoded Parquet string costs at least its 4-byte length per row, so a text column
whose chunks average fewer bytes per row than that is stored as dictionary indices."""


def dictionary_columns(metadata: pq.FileMetaData) -> list[str]:
    """The text columns stored dictionary-encoded: those worth reading as Arrow dictionaries.

    Parquet writers store a column with few distinct values (dates, places, categories, links,
    a repeated quote) as a dictionary page and small indices.  Read as plain strings, each row's
    value is copied out of the page one by one; read as a dictionary and decoded by Arrow in one
    ``take`` (``read_table``), the same column costs about half, with far less memory churn.  A
    column that fell back to plain pages (ids, titles) is read as usual.
    """
    if metadata.num_rows == 0:
        return []
    sizes: dict[str, int] = {}
    for group in range(metadata.num_row_groups):
        row_group = metadata.row_group(group)
        for index in range(row_group.num_columns):
            chunk = row_group.column(index)
            if not chunk.has_dictionary_page:
                sizes[chunk.path_in_schema] = -1  # one plain chunk: not read as a dictionary
            elif sizes.get(chunk.path_in_schema, 0) >= 0:
                sizes[chunk.path_in_schema] = sizes.get(chunk.path_in_schema, 0) + chunk.total_uncompressed_size
    limit = PLAIN_TEXT_MIN_BYTES * metadata.num_rows
    return [field.name for field in metadata.schema.to_arrow_schema()
            if pa.types.is_string(field.type) and 0 <= sizes.get(field.name, -1) < limit]


def read_parquet_table(data: bytes, columns: list[str] | None = None, *, decode: bool = True) -> pa.Table:
    """``pq.read_table`` of ``data``, dictionary-encoded text columns read as dictionaries.

    ``decode``: turn those back into plain strings, so that the table is the one a plain read gives
    (the tests compare them); only the way there is cheaper.  Without it they stay dictionaries,
    for a caller that works on the distinct values before decoding (``_as_text`` trims them).
    """
    metadata = pq.read_metadata(pa.BufferReader(data))
    wanted = set(columns if columns is not None else metadata.schema.to_arrow_schema().names)
    dictionaries = [name for name in dictionary_columns(metadata) if name in wanted]
    # ParquetFile.read, not read_table: the dataset scanner behind read_table cuts every column into
    # 128k-row chunks, and pandas' take on a chunked Arrow column concatenates it first (50 ms per
    # thousand table rows at a million events); this reader gives one chunk per row group, faster.
    table = pq.ParquetFile(pa.BufferReader(data), read_dictionary=dictionaries or None).read(columns=columns)
    if not decode:
        return table
    for index, field in enumerate(table.schema):
        if field.name in dictionaries and pa.types.is_dictionary(field.type):
            table = table.set_column(index, field.name, pc.dictionary_decode(table.column(index)))
    return table


def parquet_cells(data: bytes, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Every cell of a Parquet file as text, plus problems of rows whose geometry is unusable.

    Problems carry the 1-based record number as ``line`` (callers print them as records).  A geometry column fills
    ``latitude``/``longitude`` only where the file has no such columns of its own.
    """
    return parquet_frame(data, name, numbers=())


def parquet_frame(data: bytes, name: str, numbers: Collection[str] = NUMBER_COLUMNS, *, trim: bool = True
                  ) -> tuple[pd.DataFrame, list[Problem]]:
    """``parquet_cells``, except that the columns named in ``numbers`` stay float64 where the file
    types them as numbers (``_as_numbers``), and text is left untrimmed when ``trim`` is False
    (for a caller that trims every cell itself, as ``map_table`` does).

    A million coordinates turned into text only to be parsed back cost seconds; the validator and
    ``load.typed_events`` take ``schema.NUMBER_COLUMNS`` as numbers as well as text.
    """
    try:
        schema = pq.ParquetFile(pa.BufferReader(data)).schema_arrow
        names = [field.name for field in schema if not is_cells_field(field)]  # derived, not an event field
        unused = GEOMETRY_COLUMN in names and {"latitude", "longitude"} <= set(names) and len(set(names)) == len(names)
        # The points are not read when the file has its own coordinates: decoding them costs a tenth of the load.
        if unused:
            wanted: list[str] | None = [n for n in names if n != GEOMETRY_COLUMN]
        else:  # every column, but a prepared file's cells (a list of names would also drop a duplicate's twin)
            wanted = None if len(names) == len(schema) else names
        table = read_parquet_table(data, wanted, decode=False)
    except (pa.ArrowException, OSError) as exc:
        raise _unreadable(name, f"not a readable Parquet file ({exc})") from None
    geometry = None
    if GEOMETRY_COLUMN in table.column_names and not {"latitude", "longitude"} <= set(table.column_names):
        geometry = table.column(GEOMETRY_COLUMN)
    columns = [c for c in table.column_names if c != GEOMETRY_COLUMN]
    cells = {}
    for column in columns:
        typed = _as_numbers(table.column(column)) if column in numbers else None
        cells[column] = _as_text(table.column(column), trim) if typed is None else typed
    frame = pd.DataFrame(cells)
    if len(frame) != table.num_rows:  # a table with no columns but the geometry
        frame = pd.DataFrame(index=range(table.num_rows))
    problems: list[Problem] = []
    if geometry is not None:
        if not (pa.types.is_binary(geometry.type) or pa.types.is_large_binary(geometry.type)):
            raise _unreadable(name, f"geometry column of type {geometry.type} is not WKB; only WKB points are read")
        lats, lngs, bad = _points_from_wkb(geometry.to_pylist())
        frame["latitude"], frame["longitude"] = lats, lngs
        problems = [Problem(name, row + 1, GEOMETRY_COLUMN, why) for row, why in bad]
    return frame, problems
