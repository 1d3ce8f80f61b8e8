"""Pure filters over an events table, shared by the Streamlit app and the ``map`` command.

Both front ends must agree on what "events between 1 and 15 August" means, so the rule
lives here once: an event is inside a window when its *date span* (``schema.date_span``)
overlaps the window.  An event dated ``2023-08`` (month precision) is therefore inside any
window that touches August 2023, rather than being pinned to 1 August and silently lost by
a window that starts on the 2nd.  Both bounds are inclusive whole days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from mapapp.errors import InputError, Problem
from mapapp.schema import date_span

DateLike = str | dt.date | pd.Timestamp | None


def parse_date_bound(value: DateLike, option: str = "date") -> pd.Timestamp | None:
    """A window bound as a day Timestamp, or None for "open".

    Accepts ``YYYY-MM-DD`` text, ``date``/``datetime`` and ``Timestamp``.  Anything else
    raises ``InputError`` naming ``option`` so the CLI can print it and exit 2.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip()
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        if pd.isna(parsed) or len(text) != 10:
            problem = Problem(option, None, "", f"{value!r} is not a date (expected YYYY-MM-DD)")
            raise InputError(str(problem), [problem])
        return parsed
    return pd.Timestamp(value).normalize()


def events_in_range(events: pd.DataFrame, start: DateLike = None, end: DateLike = None) -> pd.DataFrame:
    """The events whose date span overlaps ``[start, end]`` (inclusive days; None = open).

    With both bounds open every event is kept, including ones whose date cannot be
    parsed; as soon as a bound is set such events are dropped, because we cannot say
    they are inside the window.
    """
    first, last = parse_date_bound(start, "--start"), parse_date_bound(end, "--end")
    if first is None and last is None:
        return events
    if first is not None and last is not None and first > last:
        problem = Problem("--start", None, "", f"{first.date()} is after --end {last.date()}")
        raise InputError(str(problem), [problem])
    precisions = events["date_precision"] if "date_precision" in events.columns else None
    span_start, span_end = date_span(events["event_date"], precisions)
    keep = span_start.notna()
    if first is not None:
        keep &= span_end >= first
    if last is not None:
        keep &= span_start <= last
    return events[keep]


def unknown_categories(events: pd.DataFrame, categories: Iterable[str]) -> list[str]:
    """The requested categories that no event in ``events`` has, in the order asked."""
    present = set(events["category"].astype(str))
    return [c for c in dict.fromkeys(categories) if c not in present]


def events_in_categories(events: pd.DataFrame, categories: Iterable[str] | None) -> pd.DataFrame:
    """The events whose category is one of ``categories``; None means no category filter.

    An empty collection keeps nothing: in the app, unticking every category must empty
    the map, not fill it.
    """
    if categories is None:
        return events
    wanted = set(categories)
    return events[events["category"].astype(str).isin(wanted)]


def select_events(events: pd.DataFrame, start: DateLike = None, end: DateLike = None,
                  categories: Iterable[str] | None = None) -> pd.DataFrame:
    """Date window then categories, refusing categories the table does not have.

    An unknown category is almost always a typo (``--category attak``); silently drawing
    an empty layer would hide it, so it is an ``InputError`` listing what exists.
    """
    if categories is not None:
        unknown = unknown_categories(events, categories)
        if unknown:
            known = ", ".join(sorted(set(events["category"].astype(str)))) or "none"
            problems = [Problem("--category", None, "", f"{c!r} is not a category of this table (it has: {known})")
                        for c in unknown]
            raise InputError(str(problems[0]), problems)
    return events_in_categories(events_in_range(events, start, end), categories)
