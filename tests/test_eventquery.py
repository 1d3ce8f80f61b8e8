"""The DuckDB filter index keeps exactly the events the pandas filters (``viewstate``) keep."""

from __future__ import annotations

import datetime as dt
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from mapapp import viewstate
from mapapp.eventquery import EventIndex
from mapapp.load import load_events

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    """The bundled events plus 3,000 synthetic ones (day/month/year precisions, four countries)."""
    from bench_map import synthetic_events

    synthetic = synthetic_events(3000, seed=5)
    synthetic["country_code"] = ["UA", "RU", "PL", ""][0:4] * 750
    synthetic.loc[7, "event_date"] = "not a date"
    synthetic.loc[8, "title"] = "Kúpiansk strike"
    bundled = load_events(ROOT / "events.csv").events
    return pd.concat([bundled, synthetic], ignore_index=True)


@pytest.fixture(scope="module")
def index(table: pd.DataFrame) -> EventIndex:
    return EventIndex(table, viewstate.search_text(table))


VIEWS = [
    viewstate.ViewState(),
    viewstate.ViewState(start=dt.date(2023, 8, 15)),
    viewstate.ViewState(end=dt.date(2022, 3, 1)),
    viewstate.ViewState(start=dt.date(2023, 8, 2), end=dt.date(2023, 8, 2)),  # month-precision rows overlap
    viewstate.ViewState(countries=("UA", "RU")),
    viewstate.ViewState(countries=()),
    viewstate.ViewState(search="kupiansk"),
    viewstate.ViewState(search="KÚPIANSK"),
    viewstate.ViewState(search="settlement number 1"),
    viewstate.ViewState(search="(*["),
    viewstate.ViewState(start=dt.date(2022, 6, 1), end=dt.date(2023, 1, 31), countries=("PL",), search="place 1"),
]


@pytest.mark.parametrize("state", VIEWS, ids=[repr(v)[:60] for v in VIEWS])
def test_same_rows_as_the_pandas_filters(table: pd.DataFrame, index: EventIndex, state: viewstate.ViewState) -> None:
    expected = viewstate.visible_events(table, state)
    rows = index.rows(state.start, state.end, state.countries, viewstate.fold_text(state.search.strip()))
    assert table.iloc[rows].index.tolist() == expected.index.tolist()


@pytest.mark.parametrize("categories", [None, (), ("attack",), ("attack", "diplomacy", "no such")])
def test_categories_and_their_counts(table: pd.DataFrame, index: EventIndex, categories: tuple | None) -> None:
    window = dict(start=dt.date(2022, 6, 1), end=dt.date(2023, 6, 1))
    in_view = viewstate.visible_events(table, viewstate.ViewState(**window))
    expected = in_view if categories is None else in_view[in_view["category"].isin(categories)]
    assert table.iloc[index.rows(**window, categories=categories)].index.tolist() == expected.index.tolist()
    assert index.category_counts(**window) == in_view["category"].value_counts().to_dict()


def test_search_text_is_made_once_and_only_when_a_search_reads_it(table: pd.DataFrame) -> None:
    # The search text is the index's costliest column and a first map does not need it.
    made = []

    def haystack() -> pd.Series:
        made.append(1)
        return viewstate.search_text(table)

    index = EventIndex(table, haystack)
    assert len(index.rows(dt.date(2023, 8, 1), None, ("UA",))) and index.category_counts() and made == []
    with ThreadPoolExecutor(4) as pool:  # reruns run in threads: the first searches race to make it
        found = list(pool.map(lambda needle: index.rows(needle=needle).tolist(), ["kupiansk", "place 1"] * 4))
    assert made == [1]
    for needle, rows in zip(["kupiansk", "place 1"] * 4, found, strict=True):
        assert table.iloc[rows].index.tolist() == viewstate.events_matching(table, needle).index.tolist()
