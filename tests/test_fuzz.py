"""Property-based fuzzing of every reader: whatever the bytes, a clear message or a correct table.

The contract, for ``load_events``, ``validate``, each importer (events CSV, ACLED, timemap,
GeoJSON, generic CSV), the share-link parser and the geocoder's string path:

* a clear ``InputError`` (the CLI: exit 2 and ``FILE...: problem`` lines), or a correct table:
  unique non-empty ids, every row valid when written out and read back, every input row
  accounted for (imported, rejected with a problem, or merged as an exact copy);
* never a traceback, never a hang (hypothesis' ``deadline`` bounds each input), never a
  partial output file (the output is complete and valid, or absent and the old one intact).

Example counts come from the hypothesis profile (``tests/conftest.py``): ``mapapp`` for the
normal suite, ``fuzz-long`` (``--hypothesis-profile=fuzz-long``) for a long run.  Add
``--hypothesis-show-statistics`` to see how many examples each test ran.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapapp.cli import main
from mapapp.errors import InputError, MapappError
from mapapp.importers import ImportOptions, ImportResult, import_data, import_upload
from mapapp.load import LoadResult, load_events, write_events
from mapapp.schema import COLUMN_NAMES, REQUIRED_COLUMNS
from mapapp.viewstate import DataFacts, ViewState, from_query_params

# --- strategies ------------------------------------------------------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1",
            "\r=1", "-3.7", "+41", "=1", "'=1"]
DATES = ["2023-08-10", "2023-08", "2023", "2023-02-30", "0203-05-01", "10/08/2023", "13/08/2023", "08/10/2023",
         "10 August 2023", "2023-08-10T12:00:00Z", "", "9999-99-99"]
NUMBERS = ["50.45", "-3.7", "30.52", "95", "-180.5", "0", "1e3", "nan", "inf", "-0", "", "2", "2.5", "-1", "x"]
CATEGORIES = ["attack", "fighting", "other", "", "Battles", "<b>x</b>"]


def cells() -> st.SearchStrategy[str]:
    """Cell text that exercises the validators: formulas, dates, numbers, quotes, newlines, junk."""
    return st.one_of(
        st.sampled_from(FORMULAS + DATES + NUMBERS + CATEGORIES),
        st.text(max_size=20),
        st.text(alphabet=",\"\n\r\t;'=+-@ ", max_size=8),
    )


@st.composite
def events_csv(draw: st.DrawFn) -> bytes:
    """An events-like CSV: a schema-ish header (sometimes missing columns, extra ones), random rows."""
    names = draw(st.lists(st.sampled_from(list(COLUMN_NAMES) + ["extra", "notes", ""]), min_size=1, max_size=12,
                          unique=True))
    if draw(st.booleans()):
        names = list(dict.fromkeys([*REQUIRED_COLUMNS, *names]))
    rows = draw(st.lists(st.lists(cells(), min_size=0, max_size=len(names) + 2), max_size=8))
    if rows and draw(st.booleans()):
        rows.append(list(rows[0]))  # an exact copy, or a repeated id with a surplus cell
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow(names)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@st.composite
def mangled(draw: st.DrawFn, inner: st.SearchStrategy[bytes]) -> bytes:
    """Valid-looking bytes, then maybe truncated, re-encoded, given a BOM or spliced with junk."""
    data = draw(inner)
    how = draw(st.sampled_from(["as is", "truncate", "encode", "bom", "splice", "huge field"]))
    if how == "truncate" and data:
        data = data[:draw(st.integers(0, len(data) - 1))]
    elif how == "encode":
        encoding = draw(st.sampled_from(["utf-16", "latin-1", "cp1252", "utf-32", "cp437"]))
        data = data.decode("utf-8").encode(encoding, errors="replace")
    elif how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "splice":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=16)) + data[at:]
    elif how == "huge field":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"x" * draw(st.sampled_from([70_000, 140_000])) + data[at:]
    return data


ACLED_COLUMNS = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "country",
                 "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"]


@st.composite
def acled_csv(draw: st.DrawFn) -> bytes:
    columns = draw(st.sampled_from([ACLED_COLUMNS, ACLED_COLUMNS[:3], [c.upper() for c in ACLED_COLUMNS]]))
    good = {"event_id_cnty": st.sampled_from(["UKR1", "UKR2", "UKR1~2", ""]), "event_date": st.sampled_from(DATES),
            "time_precision": st.sampled_from(["1", "2", "3", "5", ""]),
            "event_type": st.sampled_from(["Battles", "Riots", "Cyber attack", "=1+1"]),
            "latitude": st.sampled_from(NUMBERS), "longitude": st.sampled_from(NUMBERS),
            "geo_precision": st.sampled_from(["1", "2", "3", "4"]), "fatalities": st.sampled_from(NUMBERS)}
    rows = draw(st.lists(st.fixed_dictionaries({c.lower(): good.get(c.lower(), cells()) for c in columns}),
                         max_size=8))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([list(row.values()) for row in rows])
    return out.getvalue().encode("utf-8")


JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                         st.floats(allow_nan=False, allow_infinity=False), cells())
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                                 st.dictionaries(st.text(max_size=5), inner,
                                                                                 max_size=3)), max_leaves=8)


@st.composite
def timemap_json(draw: st.DrawFn) -> bytes:
    record = st.fixed_dictionaries(
        {"id": st.one_of(st.sampled_from(["CIV1553", "CIV1554", ""]), JSON_VALUES),
         "date": st.one_of(st.sampled_from(["08/10/2023", "13/08/2023", "2023-08-10", "02/30/2023"]), JSON_VALUES),
         "location": JSON_VALUES},
        optional={"latitude": st.one_of(st.sampled_from(NUMBERS), JSON_VALUES),
                  "longitude": st.one_of(st.sampled_from(NUMBERS), JSON_VALUES),
                  "description": JSON_VALUES, "associations": JSON_VALUES, "sources": JSON_VALUES,
                  "extra": JSON_VALUES})
    records = draw(st.lists(st.one_of(record, JSON_VALUES), max_size=6))
    if records and draw(st.booleans()):
        records.append(records[0])
    return json.dumps(records).encode()


@st.composite
def geojson(draw: st.DrawFn) -> bytes:
    geometry = st.one_of(
        st.none(), JSON_VALUES,
        st.fixed_dictionaries({"type": st.sampled_from(["Point", "LineString"]),
                               "coordinates": st.one_of(st.lists(st.one_of(st.floats(), st.integers(), cells()),
                                                                 max_size=3), JSON_VALUES)}))
    properties = st.one_of(st.dictionaries(st.sampled_from(["event_date", "category", "place", "title", "killed",
                                                            "event_id", "x"]), JSON_VALUES, max_size=6),
                           st.fixed_dictionaries({"event_date": st.sampled_from(DATES),
                                                  "category": st.sampled_from(CATEGORIES)}), JSON_VALUES)
    feature = st.fixed_dictionaries({"type": st.just("Feature"), "geometry": geometry, "properties": properties},
                                    optional={"id": JSON_VALUES})
    features = draw(st.one_of(st.lists(st.one_of(feature, JSON_VALUES), max_size=6), JSON_VALUES))
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


# --- the contract ----------------------------------------------------------------------------------------

def assert_clear(error: InputError, name: str) -> None:
    """A refusal names the file and says what is wrong, on one line per problem."""
    lines = error.lines()
    assert lines and all(line.startswith(name) and line.strip() != name for line in lines), lines


def assert_correct_table(events: pd.DataFrame) -> None:
    """Ids unique and present; written out and read back, every row is valid and nothing changes."""
    assert set(COLUMN_NAMES) <= set(events.columns)
    ids = events["event_id"].astype(str)
    assert ids.is_unique and (ids != "").all()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.csv"
        write_events(events, path)
        again = load_events(path)
        assert again.problems == [] and again.notes == []
        assert again.events["event_id"].tolist() == ids.tolist()
        for column in ("title", "place", "description", "category", "event_date"):
            assert again.events[column].tolist() == events[column].astype(str).str.strip().tolist(), column
        for column in ("latitude", "longitude"):
            assert again.events[column].round(6).equals(events[column].astype("float64").round(6)), column


def assert_accounted(result: LoadResult | ImportResult) -> None:
    """Every row read is imported, rejected with a problem, or merged as an exact copy."""
    assert result.rows_rejected >= 0 and result.rows_merged >= 0
    assert result.rows_rejected <= len({p.line for p in result.problems})
    assert_correct_table(result.events)


FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(data=st.one_of(mangled(events_csv()), st.binary(max_size=300)))
def test_load_events_gives_a_clear_message_or_a_correct_table(data: bytes) -> None:
    try:
        result = load_events(data, "up.csv")
    except InputError as error:
        assert_clear(error, "up.csv")
        return
    assert_accounted(result)


@FUZZ
@given(fmt=st.sampled_from(["csv", "acled", "timemap", "geojson", None]),
       data=st.one_of(mangled(events_csv()), mangled(acled_csv()), mangled(timemap_json()), mangled(geojson()),
                      st.binary(max_size=200)))
def test_every_importer_gives_a_clear_message_or_a_correct_table(fmt: str | None, data: bytes) -> None:
    try:
        result = import_data(data, "up.dat", ImportOptions(format=fmt))
    except InputError as error:
        assert_clear(error, "up.dat")
        return
    assert result.rows_read >= len(result.events)
    assert_accounted(result)


@FUZZ
@given(events=timemap_json(), associations=st.one_of(st.none(), JSON_VALUES), sources=st.one_of(st.none(),
                                                                                                 JSON_VALUES))
def test_timemap_side_files_never_crash(events: bytes, associations: object, sources: object) -> None:
    def side(name: str, document: object) -> tuple[str, bytes] | None:
        return None if document is None else (name, json.dumps(document).encode())

    options = ImportOptions(format="timemap", associations=side("a.json", associations),
                            sources=side("s.json", sources))
    try:
        result = import_data(events, "e.json", options)
    except InputError as error:
        assert error.lines()
        return
    assert_accounted(result)


RUNNER = CliRunner()


def run_cli(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback the user would have seen
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in output
    return result.exit_code, output


@FUZZ
@given(data=st.one_of(mangled(events_csv()), mangled(acled_csv()), mangled(timemap_json()), mangled(geojson()),
                      st.binary(max_size=200)),
       strict=st.booleans())
def test_validate_and_import_commands_exit_0_or_2_and_never_leave_a_partial_file(data: bytes, strict: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "in.csv", Path(folder) / "out.csv"
        source.write_bytes(data)
        out.write_text("previous\n", encoding="utf-8")
        code, output = run_cli("validate", str(source), *(["--strict"] if strict else []))
        assert code in (0, 2), output
        code, output = run_cli("import", str(source), "-o", str(out), *(["--strict"] if strict else []))
        assert code in (0, 2), output
        assert sorted(p.name for p in Path(folder).iterdir()) == ["in.csv", "out.csv"]  # no temporary file
        if code == 2:
            assert out.read_text(encoding="utf-8") == "previous\n"
            assert any(line.startswith(str(source)) or line.startswith("--strict") for line in output.splitlines())
        else:
            assert load_events(out, strict=True).problems == []


FACTS = DataFacts(pd.Timestamp("2023-01-01").date(), pd.Timestamp("2023-12-31").date(), ("attack", "other"),
                  ("UA",), frozenset({"e1", "CIV1553~2"}))
PARAM_NAMES = ["start", "end", "cat", "country", "q", "event", "step", "utm_source"]
PARAM_VALUES = st.one_of(cells(), st.sampled_from(["2023-05-01", "2024-01-01", "1999-01-01", "attack,other",
                                                   "attack,,x", "e1", "CIV1553~2", "week", "x" * 5000]))


@FUZZ
@given(params=st.dictionaries(st.one_of(st.sampled_from(PARAM_NAMES), st.text(max_size=5)),
                              st.one_of(PARAM_VALUES, st.lists(PARAM_VALUES, max_size=3)), max_size=8))
def test_share_link_parser_never_raises_and_keeps_only_what_the_data_has(params: dict) -> None:
    state, notices = from_query_params(params, FACTS)
    assert isinstance(state, ViewState) and all(isinstance(n, str) and len(n) < 400 for n in notices)
    assert state.categories is None or set(state.categories) <= set(FACTS.categories)
    assert state.countries is None or set(state.countries) <= set(FACTS.countries)
    assert state.event is None or state.event in FACTS.event_ids
    assert state.start is None or FACTS.first_day <= state.start <= FACTS.last_day
    assert state.end is None or FACTS.first_day <= state.end <= FACTS.last_day
    assert state.start is None or state.end is None or state.start <= state.end


@pytest.fixture(scope="module")
def gazetteer_geocoder():
    from mapapp.geocode import GazetteerGeocoder

    return GazetteerGeocoder()


PLACES = ["Kupiansk", "Koepjansk", "Chuhuiv, south of Kharkiv", "Near Kupiansk", "?", "Unknown", "Donestk",
          "Obolon district, Kyiv", "Zatoka (Odesa)", "Yesk, Russia", "Oost-Oekraïne", "2023-08-10"]


@settings(parent=FUZZ)
@given(query=st.one_of(st.sampled_from(PLACES), st.text(max_size=60), cells(),
                       st.builds(lambda a, b: f"{a}, {b}", st.sampled_from(PLACES), st.text(max_size=20)),
                       st.text(alphabet=", ()-'", max_size=400)),
       context=st.one_of(st.none(), st.sampled_from(["UA", "Ukraine", "Oekraïne", "", "XX"]), st.text(max_size=10)))
def test_geocoder_string_path_answers_or_says_why(gazetteer_geocoder, query: str, context: str | None) -> None:
    started = time.perf_counter()
    try:
        location = gazetteer_geocoder.geocode(query, context=context)
    except MapappError:
        return
    assert time.perf_counter() - started < 2.0
    if location is None:
        assert isinstance(gazetteer_geocoder.last_note, str)
    else:
        assert -90 <= location.latitude <= 90 and -180 <= location.longitude <= 180


# --- inputs too big or too deep for a random search to find ------------------------------------------------

DEEP = 200_000


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        ("timemap", b"[" * DEEP + b"]" * DEEP),
        ("geojson", b'{"type": "FeatureCollection", "features": ' + b"[" * DEEP + b"]" * DEEP + b"}"),
        (None, b"[" * DEEP),
        ("csv", b"event_date,category\n" + b"x" * 50_000_000),
        ("acled", ",".join(ACLED_COLUMNS).encode() + b"\n" + b'"' + b"y" * 20_000_000),
        ("csv", b"\n" * 2_000_000),
    ],
    ids=["deep-timemap", "deep-geojson", "deep-unclosed", "50MB-line", "20MB-open-quote", "2M-blank-lines"],
)
def test_deep_or_huge_input_is_refused_or_read_in_bounded_time(fmt: str | None, data: bytes) -> None:
    started = time.perf_counter()
    try:
        result = import_data(data, "big.json", ImportOptions(format=fmt))
    except InputError as error:
        assert error.lines()
    else:
        assert result.events.empty
    assert time.perf_counter() - started < 30


def test_an_upload_with_a_formula_keeps_the_text_as_data() -> None:
    data = b"event_date,category,title,place\n2023-08-10,attack,\"=cmd|' /C calc'!A0\",-Kyiv\n"
    events = import_upload(data, "up.csv").events
    assert events.at[0, "title"] == "=cmd|' /C calc'!A0" and events.at[0, "place"] == "-Kyiv"
    assert_correct_table(events)


# --- what fuzzing found, kept as plain regression cases --------------------------------------------------

FOUND = [
    ("csv", b"event_id\r=cmd|' /C calc'!A0\r"),  # CR-only lines: detection raised csv.Error
    ("timemap", b"[" * 5_000 + b"]" * 5_000),  # deep JSON: RecursionError
    ("csv", b"event_id,event_date,place,latitude,longitude,category,title\n"  # rows after a huge cell were lost
            b"e1,2023," + b"x" * 20_000_000 + b",,,attack,t\ne2,2023,K,,,attack,t\n"),
    ("timemap", b'[{"id": "a", "date": "08/10/2023", "location": null, "\\r0": "x"}]'),  # CR in a column name
    ("acled", ",".join(ACLED_COLUMNS[:4]).encode() + b"," + b"x" * 200_000 + b","  # 200 KiB column name
     + ",".join(ACLED_COLUMNS[4:]).encode() + b"\nUKR1,2023-08-10,1,Battles,,x,U,A,K,1,2,1,s,n,0\n"),
]


@pytest.mark.parametrize(("fmt", "data"), FOUND, ids=["cr-lines", "deep-json", "huge-cell", "cr-column",
                                                      "huge-header"])
def test_what_fuzzing_found_stays_fixed(fmt: str, data: bytes) -> None:
    try:
        result = import_data(data, "found.dat", ImportOptions(format=None if fmt == "csv" else fmt))
    except InputError as error:
        assert_clear(error, "found.dat")
    else:
        assert_accounted(result)
        if fmt == "csv" and b"e2,2023" in data:
            assert result.events["event_id"].tolist() == ["e2"] and result.rows_read == 2
