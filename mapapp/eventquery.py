"""The app's filters (date window, countries, search, categories) at a million rows, in DuckDB.

Why DuckDB.  Measured on 1,000,000 synthetic events on the 2-core development machine
(``benchmarks/bench_scale.py``, filters): the pandas path (``viewstate.visible_events``)
takes 0.2-0.5 s per filter change, polars 0.05-0.15 s, DuckDB 0.05-0.09 s; building the
index costs DuckDB 0.3 s and polars 1.2 s (its string columns are copied in).  DuckDB was
as fast or faster on every query shape we tried and also reads Parquet and CSV itself, so
it is the one columnar engine the project depends on.

The rules stay the project's: an event is in a window when its date *span*
(``schema.date_span``) overlaps it, search is a plain substring of the folded text
(``viewstate.fold_text``), and "no choice" (None) keeps everything.  The index holds only
what the filters read, one row per event in table order, and answers with row positions,
so the caller slices its own DataFrame and keeps its types.  Tests check it against
``viewstate.visible_events`` on the same views.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from mapapp.columnar import text_array
from mapapp.schema import table_spans

_EPOCH = pd.Timestamp("1970-01-01")
_NO_DAY = np.iinfo(np.int32).min  # unparseable date: outside every window, kept only when none is set


def _day_number(day: dt.date | None) -> int | None:
    return None if day is None else (pd.Timestamp(day) - _EPOCH).days


def _day_numbers(days: pd.Series) -> np.ndarray:
    """Days since 1970 as int32, ``_NO_DAY`` where the date could not be read."""
    return ((days - _EPOCH).dt.days).fillna(_NO_DAY).astype("int32").to_numpy()


class EventIndex:
    """A DuckDB table of the filter columns of one events table, built once per data set.

    ``haystack`` is ``viewstate.search_text(events)`` (folded title, description, place,
    location), or a function giving it: the search text is the costliest column (0.3 s to fold
    and 0.1 s to copy at a million rows) and only a search reads it, so it is made on the first
    query with a search text rather than before the first map.  Queries are thread-safe (one
    cursor each), as Streamlit reruns run in their own threads.
    """

    def __init__(self, events: pd.DataFrame, haystack: pd.Series | Callable[[], pd.Series],
                 spans: tuple[pd.Series, pd.Series] | None = None) -> None:
        start, end = spans if spans is not None else table_spans(events)  # the caller's, when it has them
        country = events["country_code"] if "country_code" in events.columns else pd.Series("", index=events.index)
        self._db = duckdb.connect()
        # Arrow-backed text goes to DuckDB as it is, without a Python string per row.
        self._copy_in("events", {
            "row": pa.array(np.arange(len(events), dtype=np.int64)),
            "first_day": pa.array(_day_numbers(start)),
            "last_day": pa.array(_day_numbers(end)),
            "category": text_array(events["category"]),
            "country": text_array(country),
        })
        self._lock = threading.Lock()
        self._rows = events.index
        self._haystack = haystack
        self._searchable = False
        self.size = len(events)

    def _copy_in(self, name: str, columns: dict[str, pa.Array]) -> None:
        self._db.register("source", pa.table(columns))
        self._db.execute(f"CREATE TABLE {name} AS SELECT * FROM source")
        self._db.unregister("source")

    def _ensure_search_text(self) -> None:
        """The ``search`` table (row, haystack), made once, by the first query that searches."""
        with self._lock:
            if self._searchable:
                return
            haystack = self._haystack() if callable(self._haystack) else self._haystack
            self._copy_in("search", {"row": pa.array(np.arange(self.size, dtype=np.int64)),
                                     "haystack": text_array(haystack.reindex(self._rows))})
            self._haystack, self._searchable = None, True

    def _where(self, start: dt.date | None, end: dt.date | None, countries: Iterable[str] | None, needle: str,
               categories: Iterable[str] | None) -> tuple[str, list]:
        clauses, params = ["TRUE"], []
        first, last = _day_number(start), _day_number(end)
        if first is not None or last is not None:
            clauses.append(f"first_day <> {_NO_DAY}")
        if first is not None:
            clauses.append("last_day >= ?")
            params.append(first)
        if last is not None:
            clauses.append("first_day <= ?")
            params.append(last)
        for column, chosen in (("country", countries), ("category", categories)):
            if chosen is not None:
                clauses.append(f"list_contains(?, {column})")
                params.append(list(dict.fromkeys(str(c) for c in chosen)))
        if needle:
            self._ensure_search_text()
            clauses.append("row IN (SELECT row FROM search WHERE contains(haystack, ?))")
            params.append(needle)
        return " AND ".join(clauses), params

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:  # creating cursors on one connection from several threads must not interleave
            return self._db.cursor()

    def rows(self, start: dt.date | None = None, end: dt.date | None = None, countries: Iterable[str] | None = None,
             needle: str = "", categories: Iterable[str] | None = None) -> np.ndarray:
        """Positions (0-based, ascending) of the events the view keeps.

        ``needle`` is the already folded search text (``viewstate.fold_text``); "" keeps all.
        """
        where, params = self._where(start, end, countries, needle, categories)
        result = self._cursor().execute(f"SELECT row FROM events WHERE {where} ORDER BY row", params).fetchnumpy()
        return np.asarray(result["row"], dtype=np.int64)

    def category_counts(self, start: dt.date | None = None, end: dt.date | None = None,
                        countries: Iterable[str] | None = None, needle: str = "") -> dict[str, int]:
        """Events per category in the view before the category choice (the layer checkboxes' counts)."""
        where, params = self._where(start, end, countries, needle, None)
        found = self._cursor().execute(f"SELECT category, count(*) FROM events WHERE {where} GROUP BY category",
                                       params).fetchall()
        return {str(c): int(n) for c, n in found}
