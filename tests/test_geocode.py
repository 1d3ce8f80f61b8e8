"""Geocoders, cache, chain and the batch function.  The online path only ever talks to a stub
HTTP server on 127.0.0.1; nothing here reaches the internet."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from click.testing import CliRunner
from geopy.exc import GeocoderRateLimited, GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders import Nominatim
from geopy.location import Location

from mapapp.cli import main as cli_main
from mapapp.gazetteer import Place, Resolution
from mapapp.geocode import (
    GEOCODE_COLUMNS,
    CachedGeocoder,
    GazetteerGeocoder,
    GeocoderChain,
    OnlineGeocoder,
    default_geocoder,
    geocode_table,
)


class CountingGeocoder:
    """A fake geocoder that counts calls and answers from a dict."""

    def __init__(self, answers: dict[str, tuple[float, float]]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, str | None]] = []
        self.last_note = ""
        self.definitive_miss = True

    def geocode(self, query, *, exactly_one=True, context=None, timeout=None):
        self.calls.append((query, context))
        if query in self.answers:
            self.last_note = "fake"
            return Location(query, self.answers[query], {"name": query, "geo_source": "fake", "note": "fake"})
        self.last_note = "fake miss"
        return None


# -- the gazetteer as a geopy geocoder ---------------------------------------------------

def test_gazetteer_geocoder_returns_geopy_locations():
    location = GazetteerGeocoder().geocode("Koepjansk")
    assert isinstance(location, Location)
    assert location.latitude == pytest.approx(49.71, abs=0.1)
    assert location.raw["country_code"] == "UA"
    assert location.raw["geo_precision"] == "city"
    assert location.raw["geo_source"] == "gazetteer"
    assert location.raw["kind"] == "city" and location.raw["note"] == "matched alias"


def test_gazetteer_geocoder_passes_context_and_returns_none_for_junk():
    geocoder = GazetteerGeocoder()
    assert geocoder.geocode("Pokrovsk", context="RU").raw["country_code"] == "RU"
    assert geocoder.geocode("N/A") is None
    assert geocoder.last_note == "no place in query"
    assert isinstance(geocoder.geocode("Kyiv", exactly_one=False), list)


# -- batch ------------------------------------------------------------------------------

def test_geocode_table_keeps_rows_and_order_and_adds_columns():
    frame = pd.DataFrame({"event_id": ["a", "b", "c", "d"],
                          "place": ["Bachmoet", "?", "Pokrovsk", "Bachmoet"],
                          "context": ["", "", "Ukraine", ""]})
    out = geocode_table(frame, GazetteerGeocoder())
    assert list(out["event_id"]) == ["a", "b", "c", "d"]
    assert list(out.columns) == ["event_id", "place", "context", *GEOCODE_COLUMNS]
    assert list(out["resolved_name"]) == ["Bakhmut", "", "Pokrovsk", "Bakhmut"]
    assert pd.isna(out.loc[1, "latitude"]) and out.loc[1, "geocode_note"] == "no place in query"
    assert out.loc[2, "country_code"] == "UA"
    assert "latitude" not in frame.columns  # input untouched


def test_geocode_table_geocodes_each_distinct_pair_once():
    fake = CountingGeocoder({"A": (1.0, 2.0)})
    frame = pd.DataFrame({"place": ["A", "A", "B", "A", "B"], "context": ["x", "x", "", "y", ""]})
    out = geocode_table(frame, fake)
    assert sorted(fake.calls, key=str) == sorted([("A", "x"), ("B", None), ("A", "y")], key=str)
    assert list(out["latitude"].fillna(-1)) == [1.0, 1.0, -1, 1.0, -1]


def test_geocode_table_without_place_column_is_an_error():
    from mapapp.errors import GeocodeError

    with pytest.raises(GeocodeError):
        geocode_table(pd.DataFrame({"x": [1]}), GazetteerGeocoder())


# -- cache and chain --------------------------------------------------------------------

def test_cache_serves_the_second_call_without_asking_the_geocoder(tmp_path):
    fake = CountingGeocoder({"Here": (10.0, 20.0)})
    cache = CachedGeocoder(fake, tmp_path / "cache.json")
    assert cache.geocode("Here").latitude == 10.0
    assert cache.geocode("Here").latitude == 10.0
    assert cache.geocode("Nowhere") is None and cache.geocode("Nowhere") is None
    assert fake.calls == [("Here", None), ("Nowhere", None)]


def test_cache_file_is_written_atomically_and_reused_by_a_new_process(tmp_path):
    path = tmp_path / "cache.json"
    first = CachedGeocoder(CountingGeocoder({"Here": (10.0, 20.0)}), path)
    first.geocode("Here")
    first.save()
    assert json.loads(path.read_text())  # valid JSON
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]  # no temp file left behind
    fresh_fake = CountingGeocoder({})
    second = CachedGeocoder(fresh_fake, path)
    assert second.geocode("Here").longitude == 20.0
    assert fresh_fake.calls == []


def test_chain_asks_in_order_and_stops_at_the_first_answer():
    first, second = CountingGeocoder({"A": (1.0, 1.0)}), CountingGeocoder({"B": (2.0, 2.0)})
    chain = GeocoderChain([first, second])
    assert chain.geocode("A").latitude == 1.0 and second.calls == []
    assert chain.geocode("B").latitude == 2.0
    assert chain.geocode("C") is None and chain.last_note == "fake miss"


def test_default_geocoder_is_offline_and_never_caches_the_gazetteer(tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MAPAPP_ONLINE_GEOCODER", raising=False)
    geocoder = default_geocoder()
    assert [type(g).__name__ for g in geocoder.geocoders] == ["GazetteerGeocoder"]
    out = geocode_table(pd.DataFrame({"place": ["Kyiv"]}), geocoder)
    assert out.loc[0, "geocode_note"].startswith("gazetteer: ")
    assert list(tmp_path.iterdir()) == []  # nothing cached: offline answers are cheap and must stay fresh


def test_the_cache_is_keyed_by_the_geocoders_namespace(tmp_path):
    path = tmp_path / "cache.json"
    first = CachedGeocoder(CountingGeocoder({"Here": (10.0, 20.0)}), path, namespace="service-a|v1")
    first.geocode("Here")
    first.save()
    other = CountingGeocoder({"Here": (1.0, 2.0)})
    assert CachedGeocoder(other, path, namespace="service-b|v1").geocode("Here").latitude == 1.0
    assert CachedGeocoder(other, path, namespace="service-a|v2").geocode("Here").latitude == 1.0
    assert CachedGeocoder(CountingGeocoder({}), path, namespace="service-a|v1").geocode("Here").latitude == 10.0


@pytest.mark.parametrize("content", [
    '{"Here\\u001f": {"address": "Here", "latitude": 9, "longitude": 9, "raw": {"geo_source": "gazetteer"}}}',
    '{"format": 1, "entries": {}}', "[]", "not json", ""])
def test_a_cache_file_in_another_format_is_ignored(tmp_path, content):
    path = tmp_path / "cache.json"
    path.write_text(content)
    fake = CountingGeocoder({"Here": (10.0, 20.0)})
    cache = CachedGeocoder(fake, path, namespace="")
    assert cache.geocode("Here").latitude == 10.0 and fake.calls == [("Here", None)]
    cache.save()
    assert json.loads(path.read_text())["format"] == 2


class OneAnswerGazetteer:
    """A stand-in gazetteer that knows one place, at coordinates given by the test."""

    def __init__(self, latitude: float) -> None:
        self.latitude = latitude

    def resolve(self, query: str, context: str | None = None) -> Resolution:
        if query != "Testville":
            return Resolution(None, "not in the gazetteer")
        return Resolution(Place("Testville", self.latitude, 30.0, "UA", "Testoblast", "city", 1000), "matched name",
                          "city")


def test_an_improved_gazetteer_is_used_at_once_not_a_stale_cache(tmp_path, monkeypatch):
    """Two runs of `mapapp geocode` with the same cache directory; the gazetteer changes in between."""
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MAPAPP_ONLINE_GEOCODER", raising=False)
    (tmp_path / "places.csv").write_text("place\nTestville\n")
    # What an earlier mapapp left behind: the old cache held gazetteer answers.
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "geocode-cache.json").write_text(json.dumps({"Testville\x1f": {
        "address": "Testville", "latitude": 11.0, "longitude": 30.0,
        "raw": {"geo_source": "gazetteer", "note": "matched name", "name": "Testville"}}}))
    runs = []
    for latitude in (48.0, 49.5):  # the gazetteer moves Testville, as a data fix would
        monkeypatch.setattr("mapapp.geocode.load_gazetteer", lambda path=None, lat=latitude: OneAnswerGazetteer(lat))
        result = CliRunner().invoke(cli_main, ["geocode", str(tmp_path / "places.csv"), "-o", str(tmp_path / "o.csv")])
        assert result.exit_code == 0, result.output
        runs.append(pd.read_csv(tmp_path / "o.csv").iloc[0])
    assert [r["latitude"] for r in runs] == [48.0, 49.5]
    assert [r["geocode_note"] for r in runs] == ["gazetteer: matched name"] * 2


def test_no_cache_keeps_online_answers_in_memory_only(stub, tmp_path, monkeypatch):
    monkeypatch.setenv("MAPAPP_CACHE_DIR", str(tmp_path))
    port = stub.server_address[1]
    chain = default_geocoder(online=True, cache_dir="", nominatim_domain=f"127.0.0.1:{port}",
                             nominatim_scheme="http", min_delay_seconds=0)
    geocode_table(pd.DataFrame({"place": ["Qwxplace One", "Qwxplace One"]}), chain)
    assert chain.geocoders[1].cache_file is None and list(tmp_path.iterdir()) == []


def test_the_cli_no_cache_flag_reaches_the_geocoder(tmp_path, monkeypatch):
    seen = {}

    def recording_geocoder(**kwargs):
        seen.update(kwargs)
        return GazetteerGeocoder()

    monkeypatch.setattr("mapapp.geocode.default_geocoder", recording_geocoder)
    (tmp_path / "p.csv").write_text("place\nKyiv\n")
    for flags, cache_dir in (([], None), (["--no-cache"], "")):
        args = ["geocode", str(tmp_path / "p.csv"), "-o", str(tmp_path / "o.csv"), *flags]
        result = CliRunner().invoke(cli_main, args)
        assert result.exit_code == 0, result.output
        assert seen["cache_dir"] == cache_dir


# -- online path against a stub server -------------------------------------------------------

class StubNominatim(BaseHTTPRequestHandler):
    """Replies per the ``mode`` of the server: ok, 429, 500, 503 or slow."""

    def do_GET(self):  # noqa: N802  (http.server's naming)
        mode = self.server.mode
        self.server.hits += 1
        if mode == "slow":
            time.sleep(1.5)
        if mode in ("429", "500", "503"):
            self.send_response(int(mode))
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"nope")
            return
        query = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        body = [] if query.startswith("Nowhere") else [{
            "lat": "52.0", "lon": "5.0", "display_name": f"{query}, Somewhere", "addresstype": "village",
            "address": {"country_code": "nl", "state": "Utrecht"},
        }]
        payload = json.dumps(body).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), StubNominatim)
    server.mode, server.hits = "ok", 0
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def nominatim(port: int) -> Nominatim:
    return Nominatim(domain=f"127.0.0.1:{port}", scheme="http", user_agent="mapapp-tests", timeout=0.5)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("mode", "exception"),
    # geopy itself raises GeocoderTimedOut for a 503, and (requests adapter) GeocoderUnavailable
    # for a read timeout: both are GeocoderServiceError, and failure_note() reads the message.
    [("429", GeocoderRateLimited), ("500", GeocoderServiceError), ("503", GeocoderServiceError),
     ("slow", (GeocoderTimedOut, GeocoderUnavailable))],
)
def test_geopy_raises_for_each_failure_of_the_stub(stub, mode, exception):
    stub.mode = mode
    with pytest.raises(exception):
        nominatim(stub.server_address[1]).geocode("Qwxplace")


def test_geopy_raises_for_a_closed_port():
    with pytest.raises(GeocoderServiceError):
        nominatim(closed_port()).geocode("Qwxplace")


def batch_frame() -> pd.DataFrame:
    # Gazetteer places, places only the online service knows, junk: order must survive.
    return pd.DataFrame({"place": ["Kyiv", "Qwxplace One", "?", "Qwxplace Two", "Bachmoet", "Qwxplace One"]})


def online_chain(port: int) -> GeocoderChain:
    return GeocoderChain([GazetteerGeocoder(), OnlineGeocoder(nominatim(port), min_delay_seconds=0)])


def test_online_fallback_answers_what_the_gazetteer_lacks(stub):
    out = geocode_table(batch_frame(), online_chain(stub.server_address[1]))
    assert list(out["geo_source"]) == ["gazetteer", "nominatim", "", "nominatim", "gazetteer", "nominatim"]
    assert out.loc[1, "country_code"] == "NL" and out.loc[1, "admin1"] == "Utrecht"
    assert stub.hits == 2  # "Qwxplace One" asked once; "?" never sent online


@pytest.mark.parametrize(
    ("mode", "note"),
    [("429", "online geocoder refused: rate limited (HTTP 429)"), ("500", "online geocoder failed: HTTP 500"),
     ("503", "online geocoder failed: HTTP 503"), ("slow", "online geocoder timed out")],
)
def test_a_failing_service_never_aborts_the_batch(stub, mode, note):
    stub.mode = mode
    out = geocode_table(batch_frame(), online_chain(stub.server_address[1]))
    assert list(out["place"]) == list(batch_frame()["place"])
    assert list(out["resolved_name"].iloc[[0, 4]]) == ["Kyiv", "Bakhmut"]
    for row in (1, 3, 5):
        assert pd.isna(out.loc[row, "latitude"])
        assert note in out.loc[row, "geocode_note"]
        assert "\n" not in out.loc[row, "geocode_note"]  # one clean line, no traceback


def test_a_closed_port_never_aborts_the_batch():
    out = geocode_table(batch_frame(), online_chain(closed_port()))
    assert out["latitude"].notna().tolist() == [True, False, False, False, True, False]
    assert "online geocoder failed: connection refused" in out.loc[1, "geocode_note"]


def test_service_failures_are_not_cached_but_answers_and_misses_are(stub, tmp_path):
    port = stub.server_address[1]
    stub.mode = "503"
    cached = CachedGeocoder(OnlineGeocoder(nominatim(port), min_delay_seconds=0), tmp_path / "c.json")
    assert cached.geocode("Qwxplace One") is None and not cached.definitive_miss
    stub.mode = "ok"
    assert cached.geocode("Qwxplace One").raw["geo_source"] == "nominatim"
    assert cached.geocode("Nowhere at all") is None and cached.definitive_miss
    hits = stub.hits
    assert cached.geocode("Qwxplace One").raw["cached"] is True and stub.hits == hits
    assert cached.geocode("Nowhere at all") is None and stub.hits == hits


def test_geocode_note_names_the_source_that_answered(stub, tmp_path):
    port = stub.server_address[1]
    frame = pd.DataFrame({"place": ["Koepjansk", "Qwxplace One", "?"]})

    def run() -> list[str]:
        chain = default_geocoder(online=True, cache_dir=tmp_path, nominatim_domain=f"127.0.0.1:{port}",
                                 nominatim_scheme="http", min_delay_seconds=0)
        return list(geocode_table(frame, chain)["geocode_note"])

    assert run() == ["gazetteer: matched alias", "nominatim: found online", "no place in query"]
    assert run() == ["gazetteer: matched alias", "nominatim (cached): found online", "no place in query"]
    assert stub.hits == 1
    entries = json.loads((tmp_path / "geocode-cache.json").read_text())["entries"]
    assert list(entries) == [f"nominatim|127.0.0.1:{port}|answers-v1\x1fQwxplace One\x1f"]  # no gazetteer answer


def test_default_geocoder_goes_online_only_when_asked(stub, tmp_path, monkeypatch):
    monkeypatch.delenv("MAPAPP_ONLINE_GEOCODER", raising=False)
    port = stub.server_address[1]
    offline = default_geocoder(cache_dir="", nominatim_domain=f"127.0.0.1:{port}", nominatim_scheme="http")
    assert offline.geocode("Qwxplace One") is None and stub.hits == 0
    monkeypatch.setenv("MAPAPP_ONLINE_GEOCODER", "1")
    monkeypatch.setenv("MAPAPP_USER_AGENT", "mapapp-tests-env")
    online = default_geocoder(cache_dir="", nominatim_domain=f"127.0.0.1:{port}", nominatim_scheme="http",
                              min_delay_seconds=0)
    assert online.geocode("Qwxplace One").raw["geo_source"] == "nominatim" and stub.hits == 1
    assert online.geocoders[1].geocoder.geocoder.headers["User-Agent"] == "mapapp-tests-env"
