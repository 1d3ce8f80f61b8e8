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
