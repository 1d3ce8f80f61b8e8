"""What the app is showing, how that view is written into a shareable URL, and which events it keeps.

A view is a date window, the ticked categories and countries, a search text and the selected
event.  It lives in the URL's query string so that copying the address reopens the same view.
Query strings are untrusted (hand-edited, truncated, tampered with), so ``from_query_params``
never raises: each bad parameter falls back to its default and adds a plain-text notice the
app shows as a warning.  Everything here is pure (no Streamlit), so it is tested directly.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from mapapp.columnar import TEXT_DTYPE, text_array, text_series
from mapapp.filters import events_in_range
from mapapp.schema import table_spans

STEPS: tuple[str, ...] = ("day", "week", "month")
DEFAULT_STEP = "week"
# Longest search text and longest parameter value accepted from a URL.  Real values are short;
# anything longer is a pasted document or an attack, and must not reach the filters.
MAX_SEARCH_LENGTH = 200
MAX_PARAM_LENGTH = 2000
LIST_SEPARATOR = ","
SEARCH_COLUMNS: tuple[str, ...] = ("title", "description", "place", "location")

_STEP_OFFSETS = {
    "day": pd.DateOffset(days=1),
    "week": pd.DateOffset(weeks=1),
    "month": pd.DateOffset(months=1),
}


@dataclass(frozen=True)
class ViewState:
    """One view of the events.  ``None`` means "the default": the whole span, every category.

    ``categories == ()`` is not the same as ``None``: it is a view with every layer switched
    off, and must stay empty rather than silently showing everything.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    categories: tuple[str, ...] | None = None
    countries: tuple[str, ...] | None = None
    search: str = ""
    event: str | None = None
    step: str = DEFAULT_STEP


def filters_key(state: ViewState) -> str:
    """The part of a view that decides which events are shown, as a stable string (a cache key:
    the selected event and the step size change no map)."""
    return json.dumps([str(state.start), str(state.end), state.categories, state.countries, state.search])


@dataclass(frozen=True)
class DataFacts:
    """What a URL is checked against: the data's date span, categories, countries and ids."""

    first_day: dt.date | None
    last_day: dt.date | None
    categories: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    event_ids: Collection[str] = field(default_factory=frozenset)
    """Answers ``in``; a million ids stay an index whose hash table is built at the first lookup."""


def data_facts(events: pd.DataFrame, spans: tuple[pd.Series, pd.Series] | None = None) -> DataFacts:
    """The span (first day any event may have happened, last day) and the distinct values.

    ``spans`` is ``schema.table_spans(events)`` when the caller has it already (``dataset``).
    """
    if events.empty:
        return DataFacts(None, None)
    span_start, span_end = spans if spans is not None else table_spans(events)
    first, last = span_start.min(), span_end.max()
    countries = events["country_code"].astype(str).unique() if "country_code" in events.columns else []
    return DataFacts(
        first_day=None if pd.isna(first) else first.date(),
        last_day=None if pd.isna(last) else last.date(),
        categories=tuple(sorted(set(events["category"].astype(str).unique()))),
        countries=tuple(sorted(set(countries) - {""})),
        event_ids=pd.Index(events["event_id"].astype(str)),
    )


def _shown(value: str, limit: int = 40) -> str:
    """A parameter value quoted for a notice, shortened so a huge value cannot flood the page."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _single(params: Mapping[str, object], name: str) -> str | None:
    """The last value of a parameter (lists come from repeated keys), or None when absent."""
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    return None if value is None else str(value)


def _parse_day(text: str) -> dt.date | None:
    if len(text) != 10:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _parse_window(start_text: str | None, end_text: str | None, facts: DataFacts,
                  notices: list[str]) -> tuple[dt.date | None, dt.date | None]:
    """Start and end from the URL, each checked, then clamped to the data's span."""
    bounds: list[dt.date | None] = []
    for name, text in (("start", start_text), ("end", end_text)):
        day = None if text is None else _parse_day(text.strip())
        if text is not None and day is None:
            notices.append(f"Ignored {name}={_shown(text)}: not a date (expected YYYY-MM-DD).")
        bounds.append(day)
    start, end = bounds
    if start is not None and end is not None and start > end:
        notices.append(f"Ignored start={start} and end={end}: the start is after the end.")
        return None, None
    first, last = facts.first_day, facts.last_day
    if first is None or last is None:
        return None, None
    if (start is not None and start > last) or (end is not None and end < first):
        notices.append(f"Ignored the date window: it does not overlap the data ({first} to {last}).")
        return None, None
    if start is not None and start < first:
        notices.append(f"The window started on {start}, before the first event; it now starts on {first}.")
        start = first
    if end is not None and end > last:
        notices.append(f"The window ended on {end}, after the last event; it now ends on {last}.")
        end = last
    return (None if start == first else start), (None if end == last else end)


def _parse_choice(text: str | None, name: str, known: tuple[str, ...],
                  notices: list[str]) -> tuple[str, ...] | None:
    """A comma-separated list checked against ``known``; unknown items are dropped with a notice.

    An empty value is a real choice (nothing ticked).  If nothing in a non-empty value is
    known, the whole parameter is treated as tampered and falls back to "all".
    """
    if text is None:
        return None
    items = [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
    if not items:
        return ()
    wanted = list(dict.fromkeys(items))
    unknown = [item for item in wanted if item not in known]
    kept = tuple(item for item in wanted if item in known)
    if unknown:
        listed = ", ".join(_shown(item) for item in unknown[:5]) + (" …" if len(unknown) > 5 else "")
        if kept:
            notices.append(f"Ignored unknown {name} in the link: {listed}.")
        else:
            notices.append(f"Ignored {name}={_shown(text)}: none of it is in the data; showing all.")
            return None
    return None if set(kept) == set(known) else kept


def from_query_params(params: Mapping[str, object], events: pd.DataFrame | DataFacts) -> tuple[ViewState, list[str]]:
    """The view a URL asks for, checked against the data, and what was wrong with the URL.

    Never raises on any input: every unusable parameter falls back to its default, and the
    returned notices (plain text, values quoted and shortened) say what was ignored and why.
    Unknown parameter names (``utm_source`` and the like) are ignored silently.
    """
    facts = events if isinstance(events, DataFacts) else data_facts(events)
    notices: list[str] = []
    values: dict[str, str | None] = {}
    for name in ("start", "end", "cat", "country", "q", "event", "step"):
        value = _single(params, name)
        if value is not None and len(value) > MAX_PARAM_LENGTH:
            notices.append(f"Ignored {name}: its value is {len(value)} characters long.")
            value = None
        values[name] = value

    start, end = _parse_window(values["start"], values["end"], facts, notices)
    categories = _parse_choice(values["cat"], "categories", facts.categories, notices)
    countries = _parse_choice(values["country"], "countries", facts.countries, notices)

    search = (values["q"] or "").strip()
    if len(search) > MAX_SEARCH_LENGTH:
        notices.append(f"Ignored the search text: longer than {MAX_SEARCH_LENGTH} characters.")
        search = ""
    if any(unicodedata.category(ch) == "Cc" for ch in search):
        notices.append("Ignored the search text: it contains control characters.")
        search = ""

    event = values["event"]
    if event is not None and event not in facts.event_ids:
        notices.append(f"Ignored event={_shown(event)}: no such event in the data.")
        event = None

    step = values["step"] or DEFAULT_STEP
    if step not in STEPS:
        notices.append(f"Ignored step={_shown(step)}: expected one of {', '.join(STEPS)}.")
        step = DEFAULT_STEP

    return ViewState(start, end, categories, countries, search, event or None, step), notices


def to_query_params(state: ViewState) -> dict[str, str]:
    """The query parameters for ``state``; defaults are left out so the plain view has a clean URL."""
    params: dict[str, str] = {}
    if state.start is not None:
        params["start"] = state.start.isoformat()
    if state.end is not None:
        params["end"] = state.end.isoformat()
    if state.categories is not None:
        params["cat"] = LIST_SEPARATOR.join(state.categories)
    if state.countries is not None:
        params["country"] = LIST_SEPARATOR.join(state.countries)
    if state.search:
        params["q"] = state.search
    if state.event:
        params["event"] = state.event
    if state.step != DEFAULT_STEP:
        params["step"] = state.step
    return params


def shift_window(start: dt.date, end: dt.date, step: str, direction: int,
                 first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The window moved by one ``step`` (``direction`` +1 forward, -1 back), kept inside the data.

    The whole window moves, so its width is kept; at either end of the data it stops against
    the edge rather than shrinking or running past it (play then knows it has reached the end).
    """
    width = end - start
    offset = _STEP_OFFSETS[step]
    if direction > 0:
        new_end = min((pd.Timestamp(end) + offset).date(), last)
        new_start = max(first, new_end - width)
        return new_start, new_end
    new_start = max((pd.Timestamp(start) - offset).date(), first)
    new_end = min(last, new_start + width)
    return new_start, new_end


def fold_text(text: str) -> str:
    """Case- and accent-insensitive form for searching: ``Kupi'ansk``, ``KUPIANSK`` → ``kupiansk``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _fold_column(values: pd.Series) -> pa.ChunkedArray:
    """``fold_text`` of every cell: vectorised ``lower()`` for ASCII text (there casefold is
    lower and nothing decomposes), ``fold_text`` once per distinct value for the rest.

    Done in Arrow: a million Python strings per column would cost seconds."""
    text = text_array(values)  # pandas' str hands over its chunks
    # One array whose offsets start at 0: Arrow's ascii_lower (pyarrow 26) shifts the text of an
    # array whose offsets do not, which pandas hands over for columns read from Parquet.
    text = pa.chunked_array([text.combine_chunks() if isinstance(text, pa.ChunkedArray) else pa.concat_arrays([text])])
    ascii_text = pc.string_is_ascii(text)
    folded = pc.ascii_lower(text)
    if not pc.all(ascii_text).as_py():
        other = pc.invert(ascii_text)
        codes, distinct = pd.factorize(pd.Series(pc.filter(text, other), dtype=TEXT_DTYPE), use_na_sentinel=False)
        answers = pa.array([fold_text(v) for v in distinct], type=pa.string())
        folded = pc.replace_with_mask(folded.combine_chunks(), other.combine_chunks(), pc.take(answers, codes))
    return pa.chunked_array([folded]) if isinstance(folded, pa.Array) else folded


def search_text(events: pd.DataFrame) -> pd.Series:
    """One folded string per event over the searchable columns; computed once per data set."""
    present = [c for c in SEARCH_COLUMNS if c in events.columns]
    if not present or events.empty:
        return pd.Series("", index=events.index, dtype=TEXT_DTYPE)
    folded = [_fold_column(events[c]) for c in present]  # column-wise: vectorised, and places repeat a lot
    joined = pc.binary_join_element_wise(*folded, "\n") if len(folded) > 1 else folded[0]
    return text_series(joined).set_axis(events.index)


def events_matching(events: pd.DataFrame, query: str, haystack: pd.Series | None = None) -> pd.DataFrame:
    """Events whose title, description or place contains ``query`` as plain text.

    Case- and accent-insensitive; ``query`` is never a regular expression, so ``(``, ``*`` or
    ``[`` in a search cannot break it.  ``haystack`` is ``search_text(events)`` when the caller
    has it cached.
    """
    needle = fold_text(query.strip())
    if not needle:
        return events
    if haystack is None:
        haystack = search_text(events)
    return events[haystack.reindex(events.index).fillna("").str.contains(needle, regex=False)]


def events_in_countries(events: pd.DataFrame, countries: Iterable[str] | None) -> pd.DataFrame:
    """Events in one of ``countries`` (alpha-2); None keeps all, including those with no country."""
    if countries is None:
        return events
    return events[events["country_code"].astype(str).isin(set(countries))]


def events_in_window(events: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> pd.DataFrame:
    """``filters.events_in_range`` applied once per distinct (date, precision) pair.

    The rule stays the shared one; only the work changes: a 100,000-row table has a few
    thousand distinct dates, so parsing each once keeps a slider move fast.
    """
    if start is None and end is None:
        return events
    keys = ["event_date", "date_precision"] if "date_precision" in events.columns else ["event_date"]
    distinct = events[keys].drop_duplicates()
    inside = events_in_range(distinct, start, end)
    if len(inside) == len(distinct):
        return events
    wanted = pd.MultiIndex.from_frame(inside[keys].astype(str))
    return events[pd.MultiIndex.from_frame(events[keys].astype(str)).isin(wanted)]


def visible_events(events: pd.DataFrame, state: ViewState, haystack: pd.Series | None = None) -> pd.DataFrame:
    """The events ``state`` shows, before the category choice (counts per layer need that)."""
    shown = events_in_window(events, state.start, state.end)
    shown = events_in_countries(shown, state.countries)
    return events_matching(shown, state.search, haystack)
