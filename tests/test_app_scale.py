"""The app on a table above the aggregation threshold: DuckDB filters, cells per view, events when zoomed in.

The threshold is lowered to 100 events so that a 400-event Parquet file exercises the path
a million-event file takes (``benchmarks/bench_scale.py`` measures the real sizes).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from mapapp import cellmap
from mapapp.load import write_parquet

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "mapapp" / "app.py"
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture()
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    from bench_map import synthetic_events

    events = synthetic_events(400, seed=21)
    events.loc[events.index[0], "title"] = "<b>bold</b> {{ 7*7 }}"
    path = tmp_path / "events.parquet"
    write_parquet(events, path)
    monkeypatch.setenv("MAPAPP_EVENTS", str(path))
    monkeypatch.setattr(cellmap, "APP_AGGREGATE_ABOVE", 100)
    monkeypatch.setattr(cellmap, "EVENTS_IN_VIEW", 50)
    return events


def component_args(at: AppTest) -> dict:
    found = list(at.get("component_instance"))
    assert len(found) == 1
    return json.loads(found[0].proto.json_args)


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def test_first_view_sends_cells_not_events(many: pd.DataFrame) -> None:
    at = run(AppTest.from_file(str(APP), default_timeout=60))
    args = component_args(at)
    assert "var cell_layer_" in args["feature_group"] and "var event_layer_" not in args["feature_group"]
    assert set(args["returned_objects"]) >= {"bounds", "zoom", "last_object_clicked"}
    assert many.loc[5, "event_id"] not in args["script"] + args["feature_group"]  # no event travels at this zoom
    located = int(many["latitude"].notna().sum())
    counts = json.loads(args["feature_group"].split("var data = ", 1)[1].split(";\n", 1)[0])["levels"][0]["count"]
    assert 0 < sum(counts) <= located
    assert f"{len(many)} events shown of {len(many)}" in at.markdown[0].value


def test_a_small_reported_view_sends_its_events(many: pd.DataFrame) -> None:
    at = run(AppTest.from_file(str(APP), default_timeout=60))
    key = component_args(at)["key"] if "key" in component_args(at) else None
    key = key or next(k for k in at.session_state.filtered_state if len(str(k)) == 64)
    spot = many[many["latitude"].notna()].iloc[0]
    at.session_state[key] = {"bounds": {"_southWest": {"lat": spot.latitude - 0.05, "lng": spot.longitude - 0.05},
                                        "_northEast": {"lat": spot.latitude + 0.05, "lng": spot.longitude + 0.05}},
                             "zoom": 12}
    args = component_args(run(at))
    assert "var event_layer_" in args["feature_group"] and spot.event_id in args["feature_group"]
    assert "<b>bold</b>" not in args["feature_group"]  # titles travel as inert JSON, as on every map


def test_filters_run_on_the_index_and_agree_with_the_table(many: pd.DataFrame) -> None:
    at = run(AppTest.from_file(str(APP), default_timeout=60))
    attack = next(c for c in at.checkbox if c.label.startswith("attack"))
    attack.set_value(False)
    run(at)
    expected = int((many["category"] != "attack").sum())
    assert f"{expected} events shown of {len(many)}" in at.markdown[0].value
    at.text_input[0].set_value("near place 12")
    run(at)
    matching = many[(many["category"] != "attack") & many["title"].str.contains("near Place 12", regex=False)]
    assert f"{len(matching)} events shown" in at.markdown[0].value


def map_key(at: AppTest) -> str:
    return component_args(at)["key"]


def report(at: AppTest, spot: pd.Series, zoom: int = 12, span: float = 0.05, **clicked: object) -> AppTest:
    """What streamlit-folium sends after the user moved to ``spot`` (and perhaps clicked): the view and click fields."""
    at.session_state[map_key(at)] = {
        "bounds": {"_southWest": {"lat": spot.latitude - span, "lng": spot.longitude - span},
                   "_northEast": {"lat": spot.latitude + span, "lng": spot.longitude + span}},
        "zoom": zoom, "last_object_clicked": None, "last_object_clicked_tooltip": None,
        "last_object_clicked_popup": None, "last_object_clicked_count": 0, **clicked}
    return run(at)


def details_title(at: AppTest) -> str | None:
    return next((m.value for m in at.markdown if m.value.startswith("####")), None)


def event_click(spot: pd.Series, count: int = 1) -> dict:
    return {"last_object_clicked": {"lat": spot.latitude, "lng": spot.longitude},
            "last_object_clicked_tooltip": f"{spot.title} [{spot.event_id}]",
            "last_object_clicked_popup": f"{spot.title}\n{spot.event_id}", "last_object_clicked_count": count}


def test_a_click_on_an_event_of_the_view_selects_it(many: pd.DataFrame) -> None:
    spot = many[many["latitude"].notna()].iloc[3]
    at = report(run(AppTest.from_file(str(APP), default_timeout=60)), spot)
    assert spot.event_id in component_args(at)["feature_group"]  # zoomed in: its marker is drawn
    at = report(at, spot, **event_click(spot))
    assert at.session_state["selected"] == spot.event_id
    assert details_title(at) == f"#### {spot.title}"
    assert at.query_params["event"] == spot.event_id  # and in the address, ready to share


def test_the_same_marker_clicked_again_after_clearing_selects_it_again(many: pd.DataFrame) -> None:
    spot = many[many["latitude"].notna()].iloc[3]
    at = report(run(AppTest.from_file(str(APP), default_timeout=60)), spot, **event_click(spot, count=1))
    at.button(key="clear_selection").click()
    assert run(at).session_state["selected"] is None
    at = report(at, spot, **event_click(spot, count=2))  # same place and text: only the counter moved
    assert at.session_state["selected"] == spot.event_id


@pytest.mark.parametrize(
    "clicked",
    [
        {"last_object_clicked_popup": "12 events\nMost: attack 5\nZoom to this hexagon"},  # a hexagon's popup
        {"last_object_clicked_tooltip": "Synthetic event 999999 [syn-999999]"},  # names no event of the view
    ],
)
def test_a_click_that_names_no_drawn_event_selects_nothing(many: pd.DataFrame, clicked: dict) -> None:
    spot = many[many["latitude"].notna()].iloc[3]
    at = run(AppTest.from_file(str(APP), default_timeout=60))
    args = component_args(report(at, spot, zoom=5, span=8.0))
    assert "var cell_layer_" in args["feature_group"]  # at this zoom the view is drawn as hexagons
    at = report(at, spot, zoom=5, span=8.0, last_object_clicked={"lat": spot.latitude, "lng": spot.longitude},
                last_object_clicked_count=1, **clicked)
    assert at.session_state["selected"] is None  # not the event nearest to the click
    assert details_title(at) is None


def test_a_small_pan_keeps_the_layer_the_browser_holds(many: pd.DataFrame) -> None:
    spot = many[many["latitude"].notna()].iloc[3]
    at = report(run(AppTest.from_file(str(APP), default_timeout=60)), spot)
    before = component_args(at)["feature_group"]
    nudged = spot.copy()
    nudged["latitude"] += 0.01  # a popup's autoPan: a fifth of the view
    assert component_args(report(at, nudged))["feature_group"] == before
    nudged["latitude"] += 0.2  # far away: another layer
    assert component_args(report(at, nudged))["feature_group"] != before


def test_a_second_visitor_reuses_the_first_views_layer(many: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    """The layer of a view is worked out once per (data, filters, area): every visitor's first view is the same."""
    st.cache_resource.clear()  # earlier tests drew the same data
    planned = []
    real = cellmap.view_plan
    monkeypatch.setattr(cellmap, "view_plan", lambda *args: planned.append(args[2]) or real(*args))
    first = component_args(run(AppTest.from_file(str(APP), default_timeout=60)))
    second = component_args(run(AppTest.from_file(str(APP), default_timeout=60)))
    assert second["feature_group"] == first["feature_group"]
    assert len(planned) == 1
    at = run(AppTest.from_file(str(APP), default_timeout=60))
    at.checkbox[0].set_value(False)
    run(at)  # other filters: a layer of its own
    assert len(planned) == 2


def test_a_preloaded_server_has_the_first_views_layer_planned(many: pd.DataFrame,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve.py``'s preload plans the default view's layer, so its first visitor's script finds it planned."""
    from mapapp import appdata

    st.cache_resource.clear()
    planned = []
    real = cellmap.view_plan
    monkeypatch.setattr(cellmap, "view_plan", lambda *args: planned.append(args[2]) or real(*args))
    dataset = appdata.preload()
    assert dataset is not None and len(planned) == 1
    args = component_args(run(AppTest.from_file(str(APP), default_timeout=60)))
    assert len(planned) == 1, "the visitor's first view is the one the preload planned"
    assert "var cell_layer_" in args["feature_group"]


def test_a_preload_of_a_table_drawn_as_markers_plans_no_layer(many: pd.DataFrame,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from mapapp import appdata

    st.cache_resource.clear()
    monkeypatch.setattr(cellmap, "APP_AGGREGATE_ABOVE", len(many))  # indexed? no: every event fits as a marker
    dataset = appdata.preload()
    assert dataset is not None
    assert appdata.plan_first_view(dataset, appdata.scale_index(dataset)) is None
