"""Specification of the importers: what each source format becomes, and how every rejection is reported.

The fixtures in ``tests/data/import/`` are invented rows in each format (no real data set is
copied); each broken row is there to pin one message.  The invariant checked for every
fixture: nothing is dropped silently -- every row left out has a problem naming its line or
record, and every row with a problem is left out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mapapp.errors import InputError
from mapapp.importers import (
    ImportOptions,
    ImportResult,
    detect_format,
    import_data,
    import_paths,
    import_upload,
    merge_results,
    summary_lines,
)
from mapapp.importers.acled import country_codes, import_acled, numeric_date_order, parse_acled_date
from mapapp.importers.csvgeneric import import_csv
from mapapp.importers.geojson import import_geojson
from mapapp.importers.timemap import category_from, import_timemap, short_title, timemap_date
from mapapp.load import events_to_csv_text, load_events

DATA = Path(__file__).parent / "data" / "import"
TIMEMAP = DATA / "timemap"
ACLED_HEADER = ("event_id_cnty,event_date,time_precision,event_type,sub_event_type,country,admin1,location,"
                "latitude,longitude,geo_precision,source,notes,fatalities")


def acled_row(event_id: str = "UKR1", date: str = "2023-08-10", time_precision: str = "1",
              event_type: str = "Battles", sub_event_type: str = "Armed clash", country: str = "Ukraine",
              latitude: str = "48.59", geo_precision: str = "1", fatalities: str = "0") -> str:
    return (f"{event_id},{date},{time_precision},{event_type},{sub_event_type},{country},Donetska,Bakhmut,"
            f"{latitude},38.0,{geo_precision},Ukrinform,notes,{fatalities}")


def acled(*rows: str, options: ImportOptions | None = None) -> ImportResult:
    return import_acled(("\n".join([ACLED_HEADER, *rows]) + "\n").encode(), "acled.csv", options)


def messages(result: ImportResult) -> list[str]:
    return [str(p) for p in result.problems]


def notes(result: ImportResult) -> list[str]:
    return [str(p) for p in result.notes]


# --- ACLED dates and precisions -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "order", "day"),
    [
        ("2023-08-10", None, "2023-08-10"),
        ("10 August 2023", None, "2023-08-10"),
        ("10-August-2023", None, "2023-08-10"),
        ("10-Aug-2023", None, "2023-08-10"),
        ("1 September 2022", None, "2022-09-01"),
        ("13/08/2023", None, "2023-08-13"),  # the day is > 12: only one reading
        ("08/13/2023", None, "2023-08-13"),
        ("05/05/2023", None, "2023-05-05"),  # both readings agree
        ("08/10/2023", "dmy", "2023-10-08"),
        ("08/10/2023", "mdy", "2023-08-10"),
    ],
)
def test_acled_date_styles(value: str, order: str | None, day: str) -> None:
    parsed, error = parse_acled_date(value, order)
    assert error == ""
    assert parsed == pd.Timestamp(day)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("08/10/2023", "'08/10/2023' is ambiguous (8 October or 10 August?); write YYYY-MM-DD or pass --date-order"),
        ("2023-02-30", "'2023-02-30' is not a real date"),
        ("31 June 2023", "'31 June 2023' is not a real date"),
        ("10 Augustus 2023", "'10 Augustus 2023': 'Augustus' is not a month name"),
        ("13/14/2023", "neither 13 nor 14 can be a month"),
        ("last week", "'last week' is not an ACLED date"),
        ("", "is empty"),
    ],
)
def test_acled_dates_refused_not_guessed(value: str, message: str) -> None:
    parsed, error = parse_acled_date(value)
    assert parsed is None
    assert message in error


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["13/08/2023", "08/10/2023"], "dmy"),
        (["08/13/2023", "08/10/2023"], "mdy"),
        (["08/10/2023", "09/10/2023"], None),  # no proof either way
        (["13/08/2023", "08/13/2023"], None),  # contradictory proof
        (["2023-08-13", "10 August 2023"], None),
    ],
)
def test_numeric_order_is_settled_only_by_proof_in_the_file(values: list[str], order: str | None) -> None:
    assert numeric_date_order(values) == order


@pytest.mark.parametrize(
    ("date", "time_precision", "event_date", "precision"),
    [
        ("2023-08-10", "1", "2023-08-10", "day"),
        ("2023-08-10", "", "2023-08-10", "day"),  # no precision code: the date is all we know
        ("2023-08-10", "2", "2023-08", "month"),  # the week 7-13 August lies in August
        ("2023-08-30", "2", "2023", "year"),  # the week 27 Aug - 2 Sep crosses a month
        ("2023-08-03", "2", "2023", "year"),  # the week 31 Jul - 6 Aug crosses a month
        ("2023-08-15", "3", "2023-08", "month"),
    ],
)
def test_acled_time_precision_keeps_the_date_honest(date: str, time_precision: str, event_date: str,
                                                    precision: str) -> None:
    result = acled(acled_row(date=date, time_precision=time_precision))
    assert result.problems == []
    assert (result.events.at[0, "event_date"], result.events.at[0, "date_precision"]) == (event_date, precision)


@pytest.mark.parametrize(("code", "geo_precision"), [("1", "city"), ("2", "region"), ("3", "region"), ("", "")])
def test_acled_geo_precision(code: str, geo_precision: str) -> None:
    result = acled(acled_row(geo_precision=code))
    assert result.events.at[0, "geo_precision"] == geo_precision
    assert result.events.at[0, "acled_geo_precision"] == code


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "category"),
    [
        ("Battles", "Armed clash", "fighting"),
        ("Explosions/Remote violence", "Air/drone strike", "attack"),
        ("Violence against civilians", "Abduction/forced disappearance", "attack"),
        ("Strategic developments", "Agreement", "diplomacy"),
        ("Strategic developments", "Looting/property destruction", "other"),
        ("Protests", "Peaceful protest", "other"),
        ("Riots", "Mob violence", "other"),
        ("BATTLES", "Armed clash", "fighting"),
        ("Cyber attack", "Hack", "other"),
    ],
)
def test_acled_event_type_to_category(event_type: str, sub_event_type: str, category: str) -> None:
    result = acled(acled_row(event_type=event_type, sub_event_type=sub_event_type))
    assert result.events.at[0, "category"] == category
    assert result.events.at[0, "title"] == f"{sub_event_type} in Bakhmut"
    assert result.events.at[0, "acled_event_type"] == event_type


def test_unknown_event_type_is_noted_once_for_the_file() -> None:
    result = acled(acled_row("A1", event_type="Cyber attack"), acled_row("A2", event_type="Cyber attack"))
    assert notes(result) == ["acled.csv: event_type: 'Cyber attack' (2 row(s)) is not an ACLED event type; "
                             "category set to 'other'"]


@pytest.mark.parametrize(
    ("country", "code"),
    [("Ukraine", "UA"), ("Democratic Republic of Congo", "CD"), ("Republic of Congo", "CG"), ("Russia", "RU"),
     ("Atlantis", "")],
)
def test_country_names_to_iso_codes(country: str, code: str) -> None:
    assert country_codes([country]) == {country: code}


def test_acled_fixture_rejects_each_broken_row_with_its_line_and_acled_column() -> None:
    result = import_acled((DATA / "acled_sample.csv").read_bytes(), "acled_sample.csv")
    assert messages(result) == [
        "acled_sample.csv:6: event_date: '08/10/2023' is ambiguous (8 October or 10 August?); "
        "write YYYY-MM-DD or pass --date-order dmy|mdy",
        "acled_sample.csv:7: event_date: '2023-02-30' is not a real date",
        "acled_sample.csv:8: time_precision: '5' is not 1, 2 or 3",
        "acled_sample.csv:9: fatalities: -1 is negative",
        "acled_sample.csv:9: latitude: 146.48 is outside [-90, 90]",
        "acled_sample.csv:10: geo_precision: '4' is not 1, 2 or 3",
    ]
    assert "acled_sample.csv: country: no ISO code known for 'Atlantis'; country_code left empty" in notes(result)
    assert ("acled_sample.csv:11: event_id_cnty: id 'UKR1001' repeats line 2; row kept as 'UKR1001~2' "
            "(original id in original_event_id)") in notes(result)
    assert list(result.events["event_id"]) == ["UKR1001", "UKR1002", "UKR1003", "UKR1004", "UKR1001~2"]
    assert list(result.events["original_event_id"]) == ["UKR1001", "", "", "", "UKR1001"]
    assert (result.rows_read, result.rows_rejected, result.rows_merged) == (10, 5, 0)


def test_acled_fixture_maps_every_documented_column() -> None:
    events = import_acled((DATA / "acled_sample.csv").read_bytes(), "acled_sample.csv").events
    first = events.iloc[0]
    assert first["place"] == first["location"] == "Kupiansk"
    assert (first["latitude"], first["longitude"]) == (49.7064, 37.6167)
    assert (first["country_code"], first["admin1"]) == ("UA", "Kharkivska")
    assert first["killed"] == 2 and pd.isna(first["injured"])
    assert first["description"].startswith("On 10 August 2023, Russian forces shelled Kupiansk.")
    assert (first["source"], first["geo_source"], first["source_doc"]) == ("Suspilne", "ACLED", "acled_sample.csv")
    assert first["acled_actor1"] == "Military Forces of Russia (2000-)"
    assert first["acled_actor2"] == "Civilians (Ukraine)"
    assert first["acled_event_date"] == "2023-08-10"
    assert pd.isna(events.iloc[3]["killed"])  # an empty fatalities cell stays unknown, not 0
    assert events.iloc[2]["description"] == "<script>alert(1)</script> reported attack"  # kept; escaped when drawn


def test_acled_uppercase_headers_of_older_exports() -> None:
    text = ACLED_HEADER.upper() + "\n" + acled_row() + "\n"
    result = import_acled(text.encode(), "old.csv")
    assert list(result.events["event_id"]) == ["UKR1"]
    assert result.events.at[0, "category"] == "fighting"


def test_date_order_option_settles_numeric_dates() -> None:
    assert acled(acled_row(date="08/10/2023"), options=ImportOptions(date_order="mdy")).events.at[
        0, "event_date"] == "2023-08-10"
    # proof elsewhere in the file settles it too
    result = acled(acled_row("A1", date="08/10/2023"), acled_row("A2", date="25/10/2023"))
    assert list(result.events["event_date"]) == ["2023-10-08", "2023-10-25"]


def test_multiline_notes_and_blank_lines_keep_real_line_numbers() -> None:
    result = import_acled((DATA / "acled_multiline.csv").read_bytes(), "m.csv")
    assert messages(result) == ["m.csv:5: fatalities: 'x' is not a number",
                                "m.csv:6: latitude: 95.0 is outside [-90, 90]"]
    assert result.events.at[0, "description"] == "First line\nsecond line of notes"


@pytest.mark.parametrize("blank_lines", [0, 1, 3])
def test_line_numbers_count_blank_lines(blank_lines: int) -> None:
    text = ACLED_HEADER + "\n" + acled_row("A1") + "\n" + "\n" * blank_lines + acled_row("A2", latitude="x") + "\n"
    result = import_acled(text.encode(), "b.csv")
    assert messages(result) == [f"b.csv:{3 + blank_lines}: latitude: 'x' is not a number"]


def test_surplus_cells_are_reported_not_silently_dropped() -> None:
    result = acled(acled_row("A1"), acled_row("A2") + ",surplus", acled_row("A3"))
    assert messages(result) == ["acled.csv:3: 15 cells but the header has 14"]
    assert list(result.events["event_id"]) == ["A1", "A3"]


def test_missing_acled_columns_fail_the_whole_file() -> None:
    with pytest.raises(InputError) as caught:
        import_acled(b"event_id_cnty,event_date,event_type\nA1,2023-08-10,Battles\n", "thin.csv")
    assert caught.value.lines() == [
        "thin.csv:1: location: required ACLED column is missing",
        "thin.csv:1: latitude: required ACLED column is missing",
        "thin.csv:1: longitude: required ACLED column is missing",
    ]


# --- timemap --------------------------------------------------------------------------------------------

def timemap_fixture(**overrides: object) -> ImportResult:
    options = ImportOptions(
        associations=(str(TIMEMAP / "export_associations.json"), (TIMEMAP / "export_associations.json").read_bytes()),
        sources=(str(TIMEMAP / "export_sources.json"), (TIMEMAP / "export_sources.json").read_bytes()),
    )
    for key, value in overrides.items():
        setattr(options, key, value)
    return import_timemap((TIMEMAP / "export_events.json").read_bytes(), "events.json", options)


def test_timemap_rejections_name_the_record() -> None:
    result = timemap_fixture()
    assert messages(result) == [
        "events.json:record 3: date: '13/08/2023': 13 is not a month (timemap dates are MM/DD/YYYY)",
        "events.json:record 5: record is a str, not an object",
    ]
    assert (result.rows_read, len(result.events)) == (6, 4)


def test_timemap_notes_keep_the_event() -> None:
    result = timemap_fixture()
    sources = str(TIMEMAP / "export_sources.json")
    associations = str(TIMEMAP / "export_associations.json")
    assert notes(result) == [
        "events.json: category: 3 event(s) have no association naming a category (attack, fighting, ...); "
        "category set to 'other'",
        "events.json:record 2: latitude: no coordinates for 'Kupiansk': pass --geocode to resolve it; "
        "imported without a map position",
        f"events.json:record 2: sources: id 'S9' is not in {sources}",
        "events.json:record 2: sources: path 'javascript:alert(1)' is not an http(s) URL; not used as source_url",
        f"events.json:record 4: associations: id 'A99' is not in {associations}",
        "events.json:record 4: latitude: 0, 0 is timemap's placeholder, not a place; treated as empty",
        "events.json:record 4: latitude: no coordinates for 'Odesa': pass --geocode to resolve it; "
        "imported without a map position",
        "events.json:record 4: sources: path '/media/archive/789.jpg' is not an http(s) URL; not used as source_url",
    ]


def test_timemap_fields_become_schema_columns() -> None:
    events = timemap_fixture().events.set_index("event_id")
    first = events.loc["CIV0001"]
    assert (first["event_date"], first["date_precision"], first["time"]) == ("2023-08-10", "day", "14:30")
    assert first["place"] == "Chuhuiv, south of Kharkiv"
    assert (first["latitude"], first["longitude"], first["geo_precision"]) == (49.8353, 36.6866, "point")
    assert first["category"] == "attack"  # from the CATEGORY association "Missile strike"
    assert first["tags"] == "Type of area affected > Residential;Missile strike"
    assert first["title"] == "Residential building in Chuhuiv hit by a missile."
    assert first["source"] == "Telegram post, regional administration"
    assert first["source_url"] == "https://t.me/example_channel/123"
    assert first["source_urls"] == "https://t.me/example_channel/123 https://example.org/archive/123.png"
    second = events.loc["CIV0002"]
    assert pd.isna(second["latitude"]) and pd.isna(second["longitude"])  # never 0, 0
    assert second["source_url"] == "https://example.com/news/456"  # the javascript: path is skipped
    assert second["source_urls"] == "javascript:alert(1) https://example.com/news/456"  # but kept as text
    assert pd.isna(events.loc["CIV0004"]["latitude"])
    generated = events.loc["events-6"]  # empty id: file name + record number
    assert (generated["category"], generated["title"], generated["timemap_graphic"]) == ("evacuation", "Mykolaiv",
                                                                                         "true")


def test_timemap_export_with_a_repeated_id_imports_every_event() -> None:
    """Bellingcat's civilian-harm export reuses an id for two strikes on one day, 500 m apart."""
    strike = {"id": "CIV1553", "date": "03/02/2023", "location": "Kramatorsk", "latitude": "48.7305",
              "longitude": "37.5879", "description": "Missile strike on a residential building.", "sources": []}
    second = {**strike, "latitude": "48.7340", "longitude": "37.5930", "description": "Second missile strike."}
    copy = dict(strike)
    other = {**strike, "id": "CIV1554", "description": "Another strike."}
    result = import_timemap(json.dumps([strike, second, copy, other]).encode(), "export_events.json")
    assert result.problems == []
    assert list(result.events["event_id"]) == ["CIV1553", "CIV1553~2", "CIV1554"]
    assert list(result.events["original_event_id"]) == ["CIV1553", "CIV1553", ""]
    assert list(result.events["latitude"]) == [48.7305, 48.734, 48.7305]
    assert (result.rows_read, len(result.events), result.rows_merged, result.rows_rejected) == (4, 3, 1, 0)
    assert [str(n) for n in result.notes if n.column == "id"] == [
        "export_events.json:record 2: id: id 'CIV1553' repeats record 1; row kept as 'CIV1553~2' "
        "(original id in original_event_id)",
        "export_events.json:record 3: id: exact copy of record 1 (same id, same content); merged into it",
    ]
    assert summary_lines([result]) == [
        "export_events.json (timemap): 4 row(s) read, 3 imported, 0 rejected, 1 exact copies merged"]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("event_id,event_date,category\ne1,2023-08-10,attack\ne1,2023-08-11,attack\n", ["e1", "e1~2"]),
        ("event_id,event_date,category\ne1,2023-08-10,attack\ne1,2023-08-10,attack\n", ["e1"]),
        ("event_date,category\n2023-08-10,attack\n2023-08-10,attack\n", ["up-2", "up-3"]),  # generated ids
    ],
)
def test_generic_csv_keeps_repeated_ids_and_merges_exact_copies(text: str, ids: list[str]) -> None:
    result = import_csv(text.encode(), "up.csv")
    assert list(result.events["event_id"]) == ids
    assert result.rows_rejected == 0


def test_geojson_keeps_repeated_feature_ids() -> None:
    feature = {"type": "Feature", "id": "f1", "geometry": {"type": "Point", "coordinates": [30.5, 50.4]},
               "properties": {"event_date": "2023-08-10", "category": "attack"}}
    moved = {**feature, "geometry": {"type": "Point", "coordinates": [30.6, 50.4]}}
    data = json.dumps({"type": "FeatureCollection", "features": [feature, moved]}).encode()
    assert list(import_geojson(data, "p.geojson").events["event_id"]) == ["f1", "f1~2"]


def test_timemap_without_side_files_notes_once_per_kind() -> None:
    result = import_timemap((TIMEMAP / "export_events.json").read_bytes(), "events.json")
    assert [n for n in notes(result) if "file was given" in n] == [
        "events.json: associations: 4 event(s) refer to associations but no associations file was given "
        "(--associations, or export_associations.json beside the events); ids kept in 'associations'",
        "events.json: sources: 4 event(s) refer to sources but no sources file was given "
        "(--sources, or export_sources.json beside the events); ids kept in 'sources'",
    ]
    assert len(result.events) == 4


@pytest.mark.parametrize(
    ("value", "iso", "error"),
    [("08/10/2023", "2023-08-10", ""), ("8/1/2023", "2023-08-01", ""), ("2023-08-10", "2023-08-10", ""),
     ("13/08/2023", "", "13 is not a month"), ("10 August 2023", "", "is not a timemap date (MM/DD/YYYY)"),
     ("", "", "is empty")],
)
def test_timemap_dates(value: str, iso: str, error: str) -> None:
    got_iso, got_error = timemap_date(value)
    assert got_iso == iso
    assert error in got_error and bool(got_error) == bool(error)


@pytest.mark.parametrize(
    ("texts", "category"),
    [(["Missile strike"], "attack"), (["Weapon", "Artillery"], "attack"), (["Type", "Armed clash"], "fighting"),
     (["Evacuation route"], "evacuation"), (["Ceasefire talks"], "diplomacy"), (["Official statement"], "statement"),
     (["Type of area affected", "Residential"], "other"), ([], "other"), (["Dronesque art"], "other")],
)
def test_category_from_association_names(texts: list[str], category: str) -> None:
    assert category_from(texts) == category


@pytest.mark.parametrize(
    ("description", "title"),
    [("Short one. Second sentence.", "Short one."),
     ("word " * 40, ("word " * 18).strip() + "…"),
     ("", "")],
)
def test_short_title(description: str, title: str) -> None:
    assert short_title(description) == title


# --- GeoJSON --------------------------------------------------------------------------------------------

def test_geojson_points_and_rejected_geometries() -> None:
    result = import_geojson((DATA / "points.geojson").read_bytes(), "points.geojson")
    assert messages(result) == [
        "points.geojson:record 3: geometry: LineString is not a Point; an event needs one position",
        "points.geojson:record 5: geometry: Point coordinates ['30.1', 50] are not [longitude, latitude] numbers",
        "points.geojson:record 6: source_url: 'javascript:alert(1)' is not an http(s) URL",
    ]
    assert notes(result) == ["points.geojson:record 4: latitude: no coordinates for 'Kupiansk': pass --geocode to "
                             "resolve it; imported without a map position"]
    events = result.events.set_index("event_id")
    assert list(events.index) == ["f1", "g2", "g4"]  # feature id used when properties carry none
    assert (events.loc["f1", "latitude"], events.loc["f1", "longitude"]) == (50.4501, 30.5234)  # GeoJSON is lon, lat
    assert events.loc["f1", "killed"] == 0
    assert events.loc["g2", "event_date"] == "2023-08-11"  # timestamp -> its date
    assert events.loc["g2", "unit"] == '{"name":"x"}'
    assert events.loc["g4", "date_precision"] == "month"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"type": "Feature"}, None),
        ({"type": "FeatureCollection"}, "points.geojson: features: a FeatureCollection needs a \"features\" list"),
        ({"type": "Topology"}, "not a GeoJSON FeatureCollection"),
    ],
)
def test_geojson_document_shapes(document: dict, message: str | None) -> None:
    data = json.dumps(document).encode()
    if message is None:
        with pytest.raises(InputError) as caught:  # a lone feature with no date or category
            import_geojson(data, "points.geojson")
        assert "required column is missing (name yours with --date)" in "\n".join(caught.value.lines())
        return
    with pytest.raises(InputError) as caught:
        import_geojson(data, "points.geojson")
    assert message in "\n".join(caught.value.lines())


def test_geojson_properties_named_with_options() -> None:
    document = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.0, 50.0]},
         "properties": {"when": "2023-08-01", "kind": "attack", "name": "Strike"}}]}
    options = ImportOptions(columns={"event_date": "when", "category": "kind", "title": "name"})
    events = import_geojson(json.dumps(document).encode(), "p.geojson", options).events
    assert events.loc[0, ["event_id", "event_date", "category", "title"]].tolist() == ["p-1", "2023-08-01", "attack",
                                                                                       "Strike"]


# --- generic CSV ----------------------------------------------------------------------------------------

GENERIC_OPTIONS = ImportOptions(columns={"latitude": "lat", "longitude": "lng", "event_date": "when",
                                         "place": "town", "category": "kind", "title": "headline"})


def test_generic_csv_with_named_columns() -> None:
    result = import_csv((DATA / "generic.csv").read_bytes(), "generic.csv", GENERIC_OPTIONS)
    assert messages(result) == [
        "generic.csv:4: when: '10/08/2023' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)",
        "generic.csv:5: lng: is empty while latitude is set (give both coordinates or neither)",
    ]
    events = result.events
    assert list(events["event_id"]) == ["generic-2", "generic-3", "generic-6"]  # file name + line: stable
    assert list(events["event_date"]) == ["2023-08-10", "2023-08-11", "2023-08-13"]
    assert list(events["deaths"]) == ["2", "", "1.5"]  # unmapped columns are kept as they are
    assert "lat" not in events.columns and "town" not in events.columns


def test_generic_csv_generates_titles_from_category_and_place() -> None:
    data = b"event_date,category,place\n2023-08-10,attack,Kyiv\n2023-08-11,other,\n"
    events = import_csv(data, "t.csv").events
    assert list(events["title"]) == ["attack in Kyiv", "other"]


def test_a_replaced_schema_column_is_kept_aside() -> None:
    data = b"event_date,category,latitude,longitude,lat_wgs84\n2023-08-10,attack,1,2,50.1\n"
    events = import_csv(data, "t.csv", ImportOptions(columns={"latitude": "lat_wgs84"})).events
    assert (events.at[0, "latitude"], events.at[0, "source_latitude"]) == (50.1, "1")
    assert "lat_wgs84" not in events.columns  # renamed, not kept twice


@pytest.mark.parametrize(
    ("header", "columns", "lines"),
    [
        ("when,kind", {}, ["c.csv:1: event_date: required column is missing (name yours with --date)",
                           "c.csv:1: category: required column is missing (name yours with --category)"]),
        ("event_date,category", {"latitude": "y"}, ["c.csv:1: y: no such column (given with --lat)",
                                                    "c.csv:1: longitude: latitude is given but longitude is not "
                                                    "(name it with --lon)"]),
    ],
)
def test_generic_csv_column_errors_name_the_option(header: str, columns: dict, lines: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        import_csv(f"{header}\nx,y\n".encode(), "c.csv", ImportOptions(columns=columns))
    assert caught.value.lines() == lines


# --- detection, uploads, hostile input ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "name", "fmt"),
    [
        (DATA / "acled_sample.csv", "acled_sample.csv", "acled"),
        (DATA / "acled_sample.csv", "export.txt", "acled"),
        (DATA / "generic.csv", "generic.csv", "csv"),
        (TIMEMAP / "export_events.json", "export_events.json", "timemap"),
        (DATA / "points.geojson", "points.geojson", "geojson"),
        (DATA / "points.geojson", "renamed.json", "geojson"),
        (DATA / "points.geojson", "no_extension", "geojson"),
    ],
)
def test_detect_format_by_content_and_name(path: Path, name: str, fmt: str) -> None:
    assert detect_format(path.read_bytes(), name) == fmt


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"", "up.csv: file is empty"),
        (b"\x00\x01binary", "up.csv: binary content, not a CSV text file"),
        (b'[{"id": 1,}', "up.csv:1: not valid JSON: Expecting property name enclosed in double quotes (column 11)"),
        (b'{"type": "Something"}', "up.csv: JSON that is neither a GeoJSON FeatureCollection nor a timemap events "
                                   "list; give --format if it is one of them"),
        (b"event_date,category\n\xff\xfe\n", "up.csv:2: not UTF-8 text (byte 0xff at offset 20)"),
    ],
)
def test_unusable_uploads_raise_input_error(data: bytes, line: str) -> None:
    with pytest.raises(InputError) as caught:
        import_upload(data, "up.csv")
    assert caught.value.lines() == [line]


@pytest.mark.parametrize(
    ("path", "fmt", "read", "imported"),
    [
        (DATA / "acled_sample.csv", "acled", 10, 5),  # a repeated id is kept as UKR1001~2
        (DATA / "acled_multiline.csv", "acled", 3, 1),
        (TIMEMAP / "export_events.json", "timemap", 6, 4),
        (DATA / "points.geojson", "geojson", 6, 3),
    ],
)
def test_upload_detects_and_imports(path: Path, fmt: str, read: int, imported: int) -> None:
    result = import_upload(path.read_bytes(), path.name)
    assert (result.format, result.rows_read, len(result.events)) == (fmt, read, imported)


@pytest.mark.parametrize(
    ("path", "options"),
    [
        (DATA / "acled_sample.csv", ImportOptions()),
        (DATA / "acled_multiline.csv", ImportOptions()),
        (TIMEMAP / "export_events.json", ImportOptions()),
        (DATA / "points.geojson", ImportOptions()),
        (DATA / "generic.csv", GENERIC_OPTIONS),
    ],
)
def test_nothing_is_dropped_silently_and_the_output_validates(path: Path, options: ImportOptions,
                                                              tmp_path: Path) -> None:
    result = import_data(path.read_bytes(), path.name, options)
    rejected_places = {p.line for p in result.problems}
    assert result.rows_rejected == len(rejected_places)  # each left-out row has its reason, and only those
    reloaded = load_events(events_to_csv_text(result.events).encode(), "out.csv")
    assert reloaded.problems == []
    assert len(reloaded.events) == len(result.events)


# --- several files, geocoding ---------------------------------------------------------------------------

def test_merge_prefixes_colliding_ids_and_says_so() -> None:
    def table(name: str, ids: list[str]) -> ImportResult:
        text = "event_id,event_date,category\n" + "".join(f"{i},2023-08-01,other\n" for i in ids)
        return import_csv(text.encode(), name)

    merged = merge_results([table("a.csv", ["e1", "e2"]), table("b.csv", ["e1", "b-e1", "e3"]),
                            table("b.csv", ["e1"])])
    assert list(merged.events["event_id"]) == ["e1", "e2", "b-e1-2", "b-e1", "e3", "b-e1-3"]
    assert merged.events["event_id"].is_unique
    assert [str(n) for n in merged.notes if n.column == "event_id"] == [
        "b.csv: event_id: 1 id(s) already used by an earlier file were prefixed with 'b-' (e.g. 'e1' -> 'b-e1-2')",
        "b.csv: event_id: 1 id(s) already used by an earlier file were prefixed with 'b-' (e.g. 'e1' -> 'b-e1-3')",
    ]
    assert merged.rows_read == 6


def test_import_paths_finds_timemap_side_files_beside_the_events() -> None:
    [result] = import_paths([TIMEMAP / "export_events.json"])
    assert result.format == "timemap"
    assert not any("file was given" in n for n in notes(result))
    assert result.events.set_index("event_id").loc["CIV0001", "source_url"] == "https://t.me/example_channel/123"


def test_unlocated_events_are_geocoded_only_when_asked() -> None:
    calls: list[list[str]] = []

    def fake_geocode(frame: pd.DataFrame) -> pd.DataFrame:
        calls.append(list(frame["place"]))
        out = frame.copy()
        out["latitude"] = [49.71 if p == "Kupiansk" else float("nan") for p in frame["place"]]
        out["longitude"] = [37.62 if p == "Kupiansk" else float("nan") for p in frame["place"]]
        out["resolved_name"] = ["Kupyansk" if p == "Kupiansk" else "" for p in frame["place"]]
        out["geo_source"] = ["gazetteer" if p == "Kupiansk" else "" for p in frame["place"]]
        out["geocode_note"] = ["matched" if p == "Kupiansk" else "not in the gazetteer" for p in frame["place"]]
        return out

    result = timemap_fixture(geocode=fake_geocode)
    assert calls == [["Kupiansk", "Odesa"]]  # only the events without coordinates
    events = result.events.set_index("event_id")
    assert (events.loc["CIV0002", "latitude"], events.loc["CIV0002", "location"]) == (49.71, "Kupyansk")
    assert events.loc["CIV0002", "geo_source"] == "gazetteer"
    assert events.loc["CIV0001", "latitude"] == 49.8353  # the source's own coordinates are untouched
    assert ("events.json:record 4: latitude: no coordinates for 'Odesa': geocoding found nothing "
            "(not in the gazetteer); imported without a map position") in notes(result)


def test_offline_geocoder_resolves_timemap_free_text_locations(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from mapapp.importers import offline_geocode

    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path))
    data = json.dumps([{"id": "x", "date": "08/10/2023", "location": "Chuhuiv, south of Kharkiv",
                        "latitude": "", "longitude": "", "description": "Strike."}]).encode()
    events = import_timemap(data, "e.json", ImportOptions(geocode=offline_geocode())).events
    assert events.at[0, "latitude"] == pytest.approx(49.835, abs=0.05)
    assert events.at[0, "longitude"] == pytest.approx(36.687, abs=0.05)
    assert events.at[0, "country_code"] == "UA"


# --- big files are processed in chunks; the chunks must not show -----------------------------------------

@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 200_000])
def test_chunked_import_equals_whole_file_import(chunk_rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import mapapp.importers.acled as acled_module

    monkeypatch.setattr(acled_module, "CHUNK_ROWS", chunk_rows)
    result = acled(acled_row("A1", date="08/10/2023"), acled_row("A2", country="Atlantis"),
                   acled_row("A1", date="2023-08-11"), acled_row("A3", event_type="Cyber attack"),
                   acled_row("A4", date="25/10/2023"), acled_row("A2", latitude="x"))
    assert messages(result) == ["acled.csv:7: latitude: 'x' is not a number"]
    assert sorted(notes(result)) == [
        "acled.csv: country: no ISO code known for 'Atlantis'; country_code left empty",
        "acled.csv: event_type: 'Cyber attack' (1 row(s)) is not an ACLED event type; category set to 'other'",
        "acled.csv:4: event_id_cnty: id 'A1' repeats line 2; row kept as 'A1~2' (original id in original_event_id)",
    ]
    # the day-first proof on line 6 settles line 2's '08/10/2023', whatever the chunking
    assert list(result.events["event_date"]) == ["2023-10-08", "2023-08-10", "2023-08-11", "2023-08-10",
                                                 "2023-10-25"]
    assert list(result.events["event_id"]) == ["A1", "A2", "A1~2", "A3", "A4"]
    assert list(result.lines) == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("chunk_rows", [1, 2, 200_000])
def test_exact_copies_are_merged_across_chunks(chunk_rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import mapapp.importers.acled as acled_module

    monkeypatch.setattr(acled_module, "CHUNK_ROWS", chunk_rows)
    result = acled(acled_row("A1"), acled_row("A2"), acled_row("A1"), acled_row("A1", date="2023-08-12"))
    assert list(result.events["event_id"]) == ["A1", "A2", "A1~2"]
    assert (result.rows_read, result.rows_merged, result.rows_rejected) == (4, 1, 0)
    assert "acled.csv:4: event_id_cnty: exact copy of line 2 (same id, same content); merged into it" in notes(result)


@pytest.mark.parametrize("text", [ACLED_HEADER + "\n", ACLED_HEADER])
def test_header_only_acled_file_imports_nothing(text: str) -> None:
    result = import_acled(text.encode(), "empty.csv")
    assert (result.rows_read, len(result.events), result.problems) == (0, 0, [])


def test_header_only_file_still_checks_acled_columns() -> None:
    with pytest.raises(InputError):
        import_acled(b"event_id_cnty,event_date,event_type\n", "thin.csv")


@pytest.mark.parametrize("fixture", ["acled_sample.csv", "acled_multiline.csv"])
def test_streaming_from_a_path_equals_importing_bytes(fixture: str) -> None:
    path = DATA / fixture
    from_bytes = import_acled(path.read_bytes(), fixture)
    from_path = import_acled(path, fixture)
    assert messages(from_path) == messages(from_bytes) and messages(from_path)
    pd.testing.assert_frame_equal(from_path.events, from_bytes.events)
