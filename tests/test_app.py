"""Specification of the Streamlit app, driven headless with ``streamlit.testing.v1.AppTest``.

Most tests run the app on a small table written to a temporary file (``MAPAPP_EVENTS``), so
edits to the curated ``events.csv`` do not change what they expect; one test opens the
bundled file as a user would.  What is on the map is read from the map component's
arguments: every drawn event's id is in the map script exactly once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from mapapp import app, appdata
from mapapp.load import load_events
from mapapp.schema import COLUMN_NAMES

APP = Path(__file__).resolve().parents[1] / "mapapp" / "app.py"
HOSTILE_TITLE = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) :red[red] $x$"

ROWS = [
    # event_id, event_date, category, country_code, place, lat, lng, title, source_url
    ("a-kyiv", "2023-08-10", "attack", "UA", "Kyiv", "50.45", "30.52", "Strike on Kyiv", "https://example.org/a"),
    ("a-kharkiv", "2023-08", "attack", "UA", "Charkiv", "49.99", "36.23", "Shelling of Kharkiv", ""),
    ("f-bakhmut", "2023-09-05", "fighting", "UA", "Bachmoet", "48.59", "38.00", "Fighting at Bakhmut", ""),
    ("d-bali", "2022", "diplomacy", "ID", "Bali", "-8.45", "115.00", "Summit in Bali", ""),
    ("s-moscow", "2023-08-20", "statement", "RU", "Moskou", "55.75", "37.62", HOSTILE_TITLE, ""),
    ("a-nowhere", "2023-08-15", "attack", "UA", "Somewhere", "", "", "Strike somewhere", ""),
]
ALL_IDS = [row[0] for row in ROWS]
LOCATED_IDS = [i for i in ALL_IDS if i != "a-nowhere"]


def events_csv(rows=ROWS) -> str:
    frame = pd.DataFrame(
        [{"event_id": r[0], "event_date": r[1], "category": r[2], "country_code": r[3], "place": r[4],
          "latitude": r[5], "longitude": r[6], "title": r[7], "source_url": r[8],
          "quote": f"Quote about {r[4]}.", "killed": "2" if r[0] == "a-kyiv" else ""} for r in rows],
        columns=list(COLUMN_NAMES), dtype=object,
    )
    return frame.fillna("").to_csv(index=False)


@pytest.fixture()
def events_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(events_csv(), encoding="utf-8")
    monkeypatch.setenv("MAPAPP_EVENTS", str(path))
    return path


def run_app(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _component(at: AppTest):
    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "component_instance":
                return child
            found = walk(child)
            if found is not None:
                return found
        return None

    return walk(at._tree)


def ids_on_map(at: AppTest, candidates=ALL_IDS) -> list[str]:
    script = json.loads(_component(at).proto.json_args)["script"]
    return [i for i in candidates if json.dumps(i) in script]


def ids_in_table(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["event_id"])


def count_line(at: AppTest) -> str:
    return next(m.value.strip("*") for m in at.markdown if "events shown of" in m.value)


def plain(markdown: str) -> str:
    """Text as the reader sees it once Streamlit has rendered the escaped Markdown."""
    return re.sub(r"\\(.)", r"\1", markdown)


def checkbox(at: AppTest, category: str):
    return at.checkbox(key=f"cat:{category}")


def test_opens_on_the_bundled_events_csv(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("MAPAPP_EVENTS", raising=False)
    bundled = load_events(appdata.DEFAULT_EVENTS).events
    at = run_app()
    n = len(bundled)
    unlocated = int(bundled["latitude"].isna().sum())
    assert count_line(at) == f"{n} events shown of {n}; {unlocated} without coordinates"
    ids = list(bundled["event_id"])
    assert ids_on_map(at, ids) == list(bundled.dropna(subset=["latitude"])["event_id"])
    assert sorted(ids_in_table(at)) == sorted(ids)
    assert not at.warning


def test_opens_with_every_located_event_on_the_map(events_file):
    at = run_app()
    assert count_line(at) == "6 events shown of 6; 1 without coordinates"
    assert ids_on_map(at) == LOCATED_IDS
    assert ids_in_table(at) == ALL_IDS
    assert at.slider(key="window").value == (dt.date(2022, 1, 1), dt.date(2023, 9, 5))


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ((dt.date(2023, 8, 1), dt.date(2023, 8, 31)), ["a-kyiv", "a-kharkiv", "s-moscow", "a-nowhere"]),
        ((dt.date(2023, 8, 11), dt.date(2023, 8, 14)), ["a-kharkiv"]),  # month precision spans the window
        ((dt.date(2022, 6, 1), dt.date(2022, 6, 30)), ["d-bali"]),  # year precision
        ((dt.date(2023, 9, 1), dt.date(2023, 9, 5)), ["f-bakhmut"]),
    ],
)
def test_the_date_slider_narrows_map_table_and_count(events_file, window, expected):
    at = run_app()
    at.slider(key="window").set_value(window).run()
    assert not at.exception
    assert ids_in_table(at) == expected
    assert ids_on_map(at) == [i for i in expected if i in LOCATED_IDS]
    assert count_line(at).startswith(f"{len(expected)} events shown of 6")
    assert at.query_params["start"] == window[0].isoformat() or window[0] == dt.date(2022, 1, 1)


def test_step_buttons_move_the_whole_window(events_file):
    at = run_app()
    at.slider(key="window").set_value((dt.date(2023, 8, 1), dt.date(2023, 8, 7))).run()
    at.button(key="step_forward").click().run()
    assert at.slider(key="window").value == (dt.date(2023, 8, 8), dt.date(2023, 8, 14))
    assert ids_in_table(at) == ["a-kyiv", "a-kharkiv"]  # a-nowhere (15 August) is just outside
    at.radio(key="step").set_value("month").run()
    at.button(key="step_back").click().run()
    assert at.slider(key="window").value == (dt.date(2023, 7, 8), dt.date(2023, 7, 14))
    assert ids_in_table(at) == []
    assert count_line(at) == "0 events shown of 6; 0 without coordinates"


def test_a_layer_toggle_hides_its_events_and_shows_counts(events_file):
    at = run_app()
    assert checkbox(at, "attack").label == "attack (3)"
    checkbox(at, "attack").uncheck().run()
    assert ids_on_map(at) == ["f-bakhmut", "d-bali", "s-moscow"]
    assert ids_in_table(at) == ["f-bakhmut", "d-bali", "s-moscow"]
    assert at.query_params["cat"] == "diplomacy,fighting,statement"
    checkbox(at, "attack").check().run()
    assert ids_on_map(at) == LOCATED_IDS
    assert "cat" not in at.query_params


def test_layer_counts_follow_the_date_window(events_file):
    at = run_app()
    at.slider(key="window").set_value((dt.date(2023, 9, 1), dt.date(2023, 9, 5))).run()
    assert [c.label for c in at.checkbox] == ["attack (0)", "diplomacy (0)", "fighting (1)", "statement (0)"]


def test_countries_filter(events_file):
    at = run_app()
    at.multiselect(key="countries").set_value(["RU", "ID"]).run()
    assert ids_on_map(at) == ["d-bali", "s-moscow"]
    assert at.query_params["country"] == "ID,RU"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("kharkiv", ["a-kharkiv"]), ("BACHMOET", ["f-bakhmut"]), ("alert(1)", ["s-moscow"]), (".*", []),
     ("**bold**", ["s-moscow"])],
)
def test_search_narrows_the_view(events_file, query, expected):
    at = run_app()
    at.text_input(key="search").input(query).run()
    assert not at.exception
    assert ids_in_table(at) == expected


def test_query_parameters_restore_a_view(events_file):
    at = run_app({"start": "2023-08-01", "end": "2023-08-31", "cat": "attack", "q": "kyiv", "event": "a-kyiv",
                  "step": "day"})
    assert at.slider(key="window").value == (dt.date(2023, 8, 1), dt.date(2023, 8, 31))
    assert [c.value for c in at.checkbox] == [True, False, False, False]
    assert at.text_input(key="search").value == "kyiv"
    assert at.radio(key="step").value == "day"
    assert ids_on_map(at) == ["a-kyiv"]
    assert any("Strike on Kyiv" in m.value for m in at.markdown)  # the selected event's details
    assert not at.warning


@pytest.mark.parametrize(
    "params",
    [
        {"start": "not-a-date"},
        {"start": "2023-09-01", "end": "2023-08-01"},
        {"cat": "<img src=x onerror=alert(1)>"},
        {"q": "x" * 5000},
        {"event": "javascript:alert(1)"},
        {"step": "<b>year</b>"},
        {"end": "9999-99-99", "country": "ZZ"},
    ],
)
def test_tampered_parameters_warn_and_fall_back(events_file, params):
    at = run_app(params)
    assert at.warning, "a tampered link must be reported"
    assert not any(re.search(r"(?<!\\)[<\[]", w.value) for w in at.warning)  # markup shown escaped
    assert ids_on_map(at) == LOCATED_IDS
    assert count_line(at) == "6 events shown of 6; 1 without coordinates"


def test_selected_event_details_are_escaped(events_file):
    at = run_app({"event": "s-moscow"})
    texts = [m.value for m in at.markdown]
    title = next(t for t in texts if t.startswith("####"))
    assert "<script>" not in title and "](javascript" not in title and ":red[" not in title
    assert "\\<script\\>" in title and "\\*\\*bold\\*\\*" in title


def test_source_link_only_for_http(events_file):
    at = run_app({"event": "a-kyiv"})
    assert [b.proto.url for b in at.get("link_button")] == ["https://example.org/a"]
    assert any("2 killed" in m.value for m in at.markdown)


def test_a_broken_upload_shows_line_numbers_and_keeps_the_data(events_file):
    at = run_app()
    broken = events_csv().replace("2023-09-05", "2023-02-30").replace(",Charkiv,", ",Charkiv,").encode()
    bad_header = b"id,date\n1,2023-08-01\n"
    at.file_uploader(key="uploader").set_value(("bad.csv", bad_header, "text/csv")).run()
    assert not at.exception
    assert "bad.csv was not loaded" in plain(at.error[0].value)
    assert "bad.csv:1: category: required column is missing" in at.text[0].value
    assert count_line(at) == "6 events shown of 6; 1 without coordinates"  # previous data kept

    at.file_uploader(key="uploader").set_value(("mine.csv", broken, "text/csv")).run()
    assert not at.exception
    assert "Loaded 5 events from mine.csv" in plain(at.success[0].value)
    assert "mine.csv:4: event_date: '2023-02-30' is not a real date" in at.text[0].value
    assert count_line(at) == "5 events shown of 5; 1 without coordinates"


IMPORT_DATA = Path(__file__).resolve().parent / "data" / "import"


@pytest.mark.parametrize(
    ("file_name", "expected_ids"),
    [
        ("acled_sample.csv", ["UKR1001", "UKR1002"]),
        ("points.geojson", ["f1", "g2"]),
        ("timemap/export_events.json", None),
    ],
)
def test_an_upload_in_another_format_is_imported(events_file, file_name, expected_ids):
    data = (IMPORT_DATA / file_name).read_bytes()
    at = run_app()
    at.file_uploader(key="uploader").set_value((Path(file_name).name, data, "application/octet-stream")).run()
    assert not at.exception
    assert f"from {Path(file_name).name}" in plain(at.success[0].value)
    table = ids_in_table(at)
    assert table and not set(table) & set(ALL_IDS)  # the upload replaced the bundled events
    if expected_ids:
        assert set(expected_ids) <= set(table)
        assert set(ids_on_map(at, expected_ids)) == set(expected_ids)


def test_an_upload_without_coordinates_is_located_with_the_gazetteer(events_file):
    pytest.importorskip("mapapp.geocode")
    rows = [("u-kupiansk", "2023-08-10", "evacuation", "", "Koepjansk", "", "", "Kupiansk evacuated", ""),
            ("u-nowhere", "2023-08-11", "attack", "", "Qwxzy-on-Nothing", "", "", "Unplaceable", "")]
    at = run_app()
    at.file_uploader(key="uploader").set_value(("mine.csv", events_csv(rows).encode(), "text/csv")).run()
    assert not at.exception
    assert "Located 1 of 2 events that had a place but no coordinates" in plain(at.success[0].value)
    assert count_line(at) == "2 events shown of 2; 1 without coordinates"
    assert ids_on_map(at, ["u-kupiansk", "u-nowhere"]) == ["u-kupiansk"]
    table = at.dataframe[0].value
    assert table.set_index("event_id").loc["u-kupiansk", "country_code"] == "UA"


@pytest.mark.parametrize("title", ["Plain title", "Costs {{ 7*7 }}", "{% include 'x' %}", "a { b } c"])
def test_the_html_map_export_is_offered_whatever_the_text(tmp_path, monkeypatch, title):
    rows = [("t1", "2023-08-01", "attack", "UA", "Kyiv", "50.45", "30.52", title, "")]
    path = tmp_path / "t.csv"
    path.write_text(events_csv(rows), encoding="utf-8")
    monkeypatch.setenv("MAPAPP_EVENTS", str(path))
    at = run_app()
    assert [b.label for b in at.get("download_button")] == ["CSV", "GeoJSON", "Map (HTML)", "Parquet"]
    assert ids_on_map(at, ["t1"]) == ["t1"]  # the interactive map itself is still drawn


@pytest.mark.parametrize(("env", "expected"), [("1", "1"), ("0", None), ("", None), (" ", None)])
def test_online_geocoder_setting_without_a_secrets_file(monkeypatch, env, expected):
    monkeypatch.setenv("MAPAPP_ONLINE_GEOCODER", env)
    assert app.online_geocoder_setting() == expected


@pytest.mark.parametrize(
    ("rows", "count"),
    [
        ([], "0 events shown of 0; 0 without coordinates"),  # header only
        (ROWS[:1], "1 events shown of 1; 0 without coordinates"),  # a one-day span: no slider to draw
        (ROWS[5:], "1 events shown of 1; 1 without coordinates"),  # nothing to draw on the map
    ],
)
def test_edge_tables_open_without_error(tmp_path, monkeypatch, rows, count):
    path = tmp_path / "edge.csv"
    path.write_text(events_csv(rows), encoding="utf-8")
    monkeypatch.setenv("MAPAPP_EVENTS", str(path))
    at = run_app({"start": "2023-08-10"})
    assert count_line(at) == count
    assert len(at.slider) == 0


def test_a_missing_events_file_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_EVENTS", str(tmp_path / "missing.csv"))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert plain(at.error[0].value).endswith("missing.csv: cannot be read (No such file or directory)")


def test_the_url_follows_the_view(events_file):
    at = run_app()
    assert dict(at.query_params) == {}
    at.text_input(key="search").input("kyiv").run()
    at.radio(key="step").set_value("month").run()
    assert at.query_params["q"] == "kyiv" and at.query_params["step"] == "month"


def test_map_download_does_not_evaluate_template_syntax_in_event_text():
    rows = [("t1", "2023-08-01", "attack", "UA", "Kyiv", "50.45", "30.52", "{{ 7*7 }} {% if 1 %}yes{% endif %}", "")]
    events = load_events(events_csv(rows).encode(), name="t.csv").events
    page = app.mapbuild.map_html(events, assets="local")
    assert "{{ 7*7 }} {% if 1 %}yes{% endif %}" in page
