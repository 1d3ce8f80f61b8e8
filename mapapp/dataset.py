"""What the app shows, prepared once per file: the typed events and everything derived from them.

A ``Dataset`` is built from raw bytes (the bundled file or an upload) by ``make_dataset``:
any format the importers know is detected and validated, uploaded places without
coordinates are located, and the search text and date facts the filters need on every
rerun are computed once.  Nothing here imports streamlit, so all of it is tested directly;
the app only wraps these functions in its caches.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from mapapp import cellmap, present, viewstate
from mapapp.aggregate import point_cells
from mapapp.columnar import is_parquet
from mapapp.errors import InputError
from mapapp.eventquery import EventIndex
from mapapp.geocode import default_geocoder, geocode_table
from mapapp.importers import import_upload
from mapapp.schema import ORIGINAL_ID_COLUMN, table_spans

# geocode_table's output column → the events table's column it fills.
GEOCODED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("latitude", "latitude"), ("longitude", "longitude"), ("location", "resolved_name"),
    ("country_code", "country_code"), ("admin1", "admin1"), ("geo_precision", "geo_precision"),
    ("geo_source", "geo_source"),
)


@dataclass(frozen=True)
class Dataset:
    """A loaded events table and everything derived from it once (never per rerun)."""

    key: str
    name: str
    events: pd.DataFrame
    facts: viewstate.DataFacts
    problems: tuple[str, ...] = ()
    rows_read: int = 0
    notes: tuple[str, ...] = ()
    rows_merged: int = 0
    spans: tuple[pd.Series, pd.Series] | None = None
    """``schema.table_spans(events)``: the date facts and the scale index both need them (0.14 s at 1M)."""
    cells: np.ndarray | None = None
    """The events' finest H3 cells when the file carried them (a prepared Parquet file), else None."""

    @functools.cached_property
    def haystack(self) -> pd.Series:
        """``viewstate.search_text(events)``, made when a search first needs it: 0.3 s at a million
        rows that a first map does not need (``ScaleIndex`` asks for it only on a search)."""
        return viewstate.search_text(self.events)


@dataclass
class UploadOutcome:
    """What an upload gave: a usable Dataset (maybe with rejected rows) or only the reasons why not."""

    dataset: Dataset | None
    messages: list[str] = field(default_factory=list)


def content_key(data: bytes) -> str:
    """A short content hash: the cache key of a file's Dataset, whatever its name."""
    return hashlib.sha256(data).hexdigest()[:32]


def geocode_missing(events: pd.DataFrame, online: bool) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Coordinates for uploaded rows that have a place but none, from the offline gazetteer.

    With the online setting, places the gazetteer does not know go to Nominatim (rate
    limited, so large uploads take a while).  Only empty fields are filled; rows that stay
    unresolved are listed in the table as "without coordinates".
    """
    missing = events["latitude"].isna() & (events["place"].astype(str).str.strip() != "")
    if not missing.any():
        return events, ()
    geocoded = geocode_table(events[missing], default_geocoder(online=online, cache_dir=""))
    found = geocoded["latitude"].notna()
    out = events.copy()
    rows = geocoded.index[found]
    for column, source in GEOCODED_COLUMNS:
        if column in ("latitude", "longitude"):
            out.loc[rows, column] = geocoded.loc[rows, source].astype("float64")
        else:
            empty = out.loc[rows, column].astype(str).str.strip() == ""
            out.loc[rows[empty.to_numpy()], column] = geocoded.loc[rows[empty.to_numpy()], source].astype(str)
    how = "the gazetteer and Nominatim" if online else "the offline gazetteer"
    return out, (f"Located {int(found.sum())} of {int(missing.sum())} events that had a place but no "
                 f"coordinates, with {how}.",)


def make_dataset(data: bytes, name: str, key: str, geocode: bool = False, online: bool = False, *,
                 trusted: bool = False) -> Dataset:
    """Validate and type ``data``; raises ``InputError`` when the file is unusable as a whole.

    Any format the importers know (an events CSV, ACLED CSV, timemap JSON, GeoJSON) is
    accepted, detected from the content; an events CSV loads exactly as ``load_events``.
    ``trusted``: the operator chose the file, so a Parquet file mapapp wrote from checked rows
    is not checked again (``ImportOptions.trust_prepared``); an upload is never trusted.
    """
    result = import_upload(data, name, trust_prepared=trusted)
    events, notes = geocode_missing(result.events, online) if geocode else (result.events, ())
    cells = result.cells if events is result.events else None  # geocoding moves points: their cells with them
    spans = table_spans(events)
    return Dataset(
        key=key,
        name=name,
        events=events,
        facts=viewstate.data_facts(events, spans),
        problems=tuple(str(p) for p in result.problems),
        rows_read=result.rows_read,
        notes=(*id_notes(events, result.rows_merged), *notes),
        rows_merged=result.rows_merged,
        spans=spans,
        cells=cells,
    )


def id_notes(events: pd.DataFrame, merged: int) -> tuple[str, ...]:
    """One sentence on rows kept under a derived id and exact copies merged, if any."""
    said = []
    if ORIGINAL_ID_COLUMN in events.columns:
        derived = int((events[ORIGINAL_ID_COLUMN].astype(str) != events["event_id"].astype(str))
                      .where(events[ORIGINAL_ID_COLUMN].astype(str) != "", False).sum())
        if derived:
            said.append(f"{derived} event(s) reuse an earlier event's id and are kept under a derived id "
                        f"(like ID~2; the id as given is in {ORIGINAL_ID_COLUMN}).")
    if merged:
        said.append(f"{merged} exact duplicate row(s) were merged.")
    return tuple(said)


def upload_dataset(key: str, name: str, data: bytes, online: bool = False) -> Dataset:
    """The dataset of uploaded bytes (``key`` = ``content_key(data)``), places without coordinates geocoded."""
    return make_dataset(data, name, key, geocode=True, online=online)


UploadLoader = Callable[[str, str, bytes, bool], Dataset]


MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""Uploads above this are refused unread (the app passes Streamlit's ``server.maxUploadSize``)."""
MAX_UPLOAD_ROWS = int(os.environ.get("MAPAPP_MAX_UPLOAD_ROWS", "200000") or 200000)
"""Text uploads with more lines than this are refused before they are parsed (``MAPAPP_MAX_UPLOAD_ROWS``)."""


def upload_too_big(data: bytes, name: str, max_bytes: int = MAX_UPLOAD_BYTES,
                   max_rows: int = MAX_UPLOAD_ROWS) -> str | None:
    """Why an upload is refused before parsing (too many bytes or lines), or None.

    Both checks cost one pass over the bytes at memchr speed, never a parse: a 1 GB file is
    refused by its length alone, and a file with millions of short lines by a line count.
    """
    if len(data) > max_bytes:
        return (f"{name} is {len(data) / 1e6:.1f} MB; uploads are limited to {max_bytes / 1e6:.0f} MB. "
                "Import big files with `python -m mapapp import` instead.")
    if is_parquet(data):
        try:  # the footer alone says how many rows there are
            rows = pq.ParquetFile(io.BytesIO(data)).metadata.num_rows
        except Exception:  # an unreadable footer: the importer reports it properly
            return None
        what = f"{rows:,} rows"
    else:
        rows = data.count(b"\n") - 1  # the header line
        what = f"{rows + 1:,} lines"
    if rows > max_rows:
        return (f"{name} has {what}; uploads are limited to {max_rows:,} rows "
                "(MAPAPP_MAX_UPLOAD_ROWS). Import big files with `python -m mapapp import` instead.")
    return None


def dataset_from_upload(data: bytes, name: str, online: bool = False,
                        load: UploadLoader = upload_dataset, max_bytes: int = MAX_UPLOAD_BYTES,
                        max_rows: int = MAX_UPLOAD_ROWS) -> UploadOutcome:
    """Everything done with an uploaded file, in one place (new formats plug in here).

    A file that cannot be read as events at all, or that has no usable row, gives no
    dataset: the caller keeps the previous data.  Rejected rows are reported with their
    ``FILE:LINE: column: problem`` lines either way.  ``load`` has ``upload_dataset``'s
    signature; the app passes its cached wrapper of it.
    """
    refused = upload_too_big(data, name, max_bytes, max_rows)
    if refused:
        return UploadOutcome(None, [f"{name} was not loaded; the previous data stays.", refused])
    try:
        dataset = load(content_key(data), name, data, online)
    except InputError as exc:
        return UploadOutcome(None, [f"{name} was not loaded; the previous data stays.", *exc.lines()])
    if dataset.events.empty:
        return UploadOutcome(None, [f"{name} has no usable event; the previous data stays.", *dataset.problems])
    messages = [" ".join([f"Loaded {len(dataset.events)} events from {name}.", *dataset.notes])]
    if dataset.problems:
        messages.append(f"{dataset.rows_read - len(dataset.events) - dataset.rows_merged} row(s) were left out:")
        messages.extend(dataset.problems)
    return UploadOutcome(dataset, messages)




# What a rerun reads of every shown event (counts, map, selection); the long text columns are
# only read for the rows that reach the screen (table, markers in view, downloads).
NARROW_COLUMNS: tuple[str, ...] = ("event_id", "category", "country_code", "latitude", "longitude", "killed",
                                   "injured")


@dataclass(frozen=True)
class ScaleIndex:
    """What a big data set needs once, beside its table: the DuckDB filter index and every
    event's finest H3 cell (0 without coordinates), aligned with ``Dataset.events``."""

    index: EventIndex
    cells: np.ndarray
    narrow: pd.DataFrame

    @classmethod
    def build(cls, dataset: Dataset) -> ScaleIndex:
        events = dataset.events
        narrow = events[[c for c in NARROW_COLUMNS if c in events.columns]].copy()
        cells = dataset.cells
        if cells is None or len(cells) != len(events):  # (columnar.CELLS_RESOLUTION is FINEST_RESOLUTION)
            cells = point_cells(events["latitude"], events["longitude"])
        return cls(EventIndex(events, lambda: dataset.haystack, dataset.spans), cells, narrow)


def needs_scale_index(dataset: Dataset) -> bool:
    """Tables above ``cellmap.APP_AGGREGATE_ABOVE`` events are filtered in DuckDB and may be drawn as cells."""
    return len(dataset.events) > cellmap.APP_AGGREGATE_ABOVE


def cells_to_draw(shown: pd.DataFrame, scale: ScaleIndex | None) -> tuple[pd.DataFrame, np.ndarray | None]:
    """The located events of ``shown``, and their finest H3 cells when they are drawn as cells: a big
    table (``scale``) with more than ``cellmap.APP_AGGREGATE_ABOVE`` of them; else None (markers)."""
    located = present.located_events(shown)
    if scale is None or len(located) <= cellmap.APP_AGGREGATE_ABOVE:
        return located, None
    return located, scale.cells[located.index.to_numpy()]


def visible_events(dataset: Dataset, state: viewstate.ViewState, scale: ScaleIndex | None = None) -> pd.DataFrame:
    """The events ``state`` shows before the category choice: ``viewstate.visible_events``, or, for a
    big data set, the same rows from its DuckDB index with only ``NARROW_COLUMNS`` (a rerun must not
    copy a million quotes and titles; ``dataset.events.loc[frame.index]`` gives the full rows)."""
    if scale is None:
        return viewstate.visible_events(dataset.events, state, dataset.haystack)
    rows = scale.index.rows(state.start, state.end, state.countries, viewstate.fold_text(state.search.strip()))
    return scale.narrow if len(rows) == len(scale.narrow) else scale.narrow.iloc[rows]
