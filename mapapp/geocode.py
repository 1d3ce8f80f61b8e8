"""geopy-compatible geocoders over the offline gazetteer, a cache, a fallback chain, and
the batch function the CLI and the app use.

The shape follows geopy: ``GazetteerGeocoder`` is a ``Geocoder`` subclass returning
``Location`` objects; caching and fallback *wrap* geocoders instead of forking them.
Online lookups (Nominatim) are opt-in only, rate limited to one request per second, and a
failing service never aborts a batch: the row stays unresolved and ``geocode_note`` says why.

Only what is slow and external is cached: online answers, on disk in ``default_cache_dir()``,
keyed by the service (its name and domain) and the version of our answer format.  The
offline gazetteer is always asked first and never cached, so an improved gazetteer is used
at once instead of stale answers.  ``geocode_note`` starts with the source that answered
(``gazetteer:``, ``nominatim:`` or ``nominatim (cached):``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from geopy.exc import GeocoderRateLimited, GeocoderServiceError, GeocoderTimedOut, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapapp.errors import GeocodeError
from mapapp.gazetteer import Gazetteer, Resolution, load_gazetteer
from mapapp.load import atomic_write

GEOCODE_COLUMNS: tuple[str, ...] = ("latitude", "longitude", "resolved_name", "country_code", "admin1",
                                    "geo_precision", "geo_source", "geocode_note")
DEFAULT_USER_AGENT = "mapapp (offline-first event mapper)"
CACHE_FILE_NAME = "geocode-cache.json"
# The cache file's layout; a file in another layout (the v1 cache also held gazetteer
# answers) is ignored and replaced on the next save.
CACHE_FORMAT = 2
# Bump when what we keep from an online answer (``_nominatim_location``) changes, so older
# cached answers are no longer served.
ONLINE_ANSWER_VERSION = 1
logger = logging.getLogger(__name__)


def _location_from_resolution(query: str, resolution: Resolution) -> Location | None:
    place = resolution.place
    if place is None:
        return None
    raw = {
        "name": place.name,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "kind": place.kind,
        "population": place.population,
        "geonameid": place.geonameid,
        "geo_precision": resolution.precision,
        "geo_source": "gazetteer",
        "note": resolution.note,
    }
    address = ", ".join(x for x in (place.name, place.admin1 if place.admin1 != place.name else "",
                                    place.country_code) if x)
    return Location(address, (place.latitude, place.longitude), raw)


class GazetteerGeocoder(Geocoder):
    """The offline gazetteer as a geopy geocoder: no network, ever.

    ``last_note`` keeps why the most recent query failed, since geopy's contract only
    allows ``None`` for "not found" and the batch wants to report the reason.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, path: str | os.PathLike | None = None) -> None:
        super().__init__(scheme="https", timeout=1, proxies={}, user_agent="mapapp-offline")
        self.gazetteer = gazetteer or load_gazetteer(path)
        self.last_note = ""

    def geocode(self, query: str, *, exactly_one: bool = True, context: str | None = None,
                timeout: float | None = None) -> Location | list[Location] | None:
        resolution = self.gazetteer.resolve(query, context)
        self.last_note = resolution.note
        location = _location_from_resolution(query, resolution)
        if location is None or exactly_one:
            return location
        return [location]


def _nominatim_location(location: Location) -> Location:
    """Add the raw keys the batch reads (precision, source) to a Nominatim answer."""
    raw = dict(location.raw or {})
    address = raw.get("address") or {}
    kind = raw.get("addresstype") or raw.get("type") or ""
    precision = {"country": "country", "state": "region", "region": "region", "province": "region"}.get(kind, "city")
    raw.update({
        "country_code": str(address.get("country_code", "")).upper(),
        "admin1": address.get("state", ""),
        "geo_precision": precision,
        "geo_source": "nominatim",
        "note": "found online",
    })
    return Location(location.address, (location.latitude, location.longitude), raw)


class OnlineGeocoder:
    """A geopy geocoder (Nominatim) behind geopy's RateLimiter, with failures turned into notes.

    geopy's RateLimiter logs each retry with a traceback at WARNING and ignores
    ``retry_after``; we turn its retries off and its logging down, and report one clean
    line per failed query in ``last_note`` (and one INFO log line).
    """

    def __init__(self, geocoder: Geocoder, min_delay_seconds: float = 1.0) -> None:
        self.geocoder = geocoder
        self._limited = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                                    swallow_exceptions=False)
        logging.getLogger("geopy").setLevel(logging.ERROR)
        self.last_note = ""
        self.definitive_miss = False  # True after "not found"; False after a failure worth retrying
        service = type(geocoder).__name__.lower()
        self.cache_namespace = f"{service}|{getattr(geocoder, 'domain', '')}|answers-v{ONLINE_ANSWER_VERSION}"

    def geocode(self, query: str, *, exactly_one: bool = True, context: str | None = None,
                timeout: float | None = None) -> Location | None:
        text = f"{query}, {context}" if context else query
        try:
            location = self._limited(text, exactly_one=True, addressdetails=True)
        except GeopyError as exc:
            self.last_note = failure_note(exc)
            self.definitive_miss = False
        else:
            self.definitive_miss = location is None
            if location is None:
                self.last_note = "not found by online geocoder"
                return None
            self.last_note = "found online"
            return _nominatim_location(location)
        logger.info("%s: %s", query, self.last_note)
        return None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]


def failure_note(exc: BaseException) -> str:
    """One short line saying why the online service gave no answer.

    geopy's classes alone mislead: it raises GeocoderTimedOut for an HTTP 503 and, with
    the requests adapter, GeocoderUnavailable for a read timeout; the message tells more.
    """
    full = " ".join(str(exc).split())
    message = _one_line(exc)
    status = re.search(r"status code (\d{3})", full)
    if isinstance(exc, GeocoderRateLimited) or (status and status.group(1) == "429"):
        return "online geocoder refused: rate limited (HTTP 429)"
    if status:
        return f"online geocoder failed: HTTP {status.group(1)}"
    if isinstance(exc, GeocoderTimedOut) or "timed out" in full.lower():
        return "online geocoder timed out"
    if "refused" in full.lower():
        return "online geocoder failed: connection refused"
    if isinstance(exc, GeocoderServiceError):
        return f"online geocoder failed: {message}"
    return f"online geocoder error: {message}"


def default_cache_dir() -> Path:
    """``$MAPAPP_CACHE_DIR`` or ``~/.cache/mapapp``: never inside the repository."""
    return Path(os.environ.get("MAPAPP_CACHE_DIR") or Path.home() / ".cache" / "mapapp")


class CachedGeocoder:
    """Memoises a geocoder by (its namespace, query, context); optionally persisted as JSON.

    Meant for costly, external geocoders (``OnlineGeocoder``), never the offline gazetteer.
    The key starts with the geocoder's ``cache_namespace`` (service, domain, answer format
    version), so answers of another service or an older format are never served.  Answers
    and definite "not found"s are cached, never service failures, so a later run retries
    what a flaky service could not answer.  A served answer carries ``raw["cached"] = True``.
    ``save`` writes the file atomically.
    """

    def __init__(self, geocoder: Any, cache_file: str | os.PathLike | None = None,
                 namespace: str | None = None) -> None:
        self.geocoder = geocoder
        self.namespace = namespace or getattr(geocoder, "cache_namespace", type(geocoder).__name__)
        self.cache_file = Path(cache_file) if cache_file else None
        self._memory: dict[str, dict | None] = {}
        self._dirty = False
        self._lock = threading.Lock()
        self.last_note = ""
        self.definitive_miss = True
        if self.cache_file and self.cache_file.exists():
            self._memory = self._read(self.cache_file)

    @staticmethod
    def _read(path: Path) -> dict[str, dict | None]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            logger.warning("%s: unreadable geocode cache, starting empty", path)
            return {}
        entries = data.get("entries") if isinstance(data, dict) and data.get("format") == CACHE_FORMAT else None
        if not isinstance(entries, dict):
            logger.info("%s: geocode cache in an older format, ignored", path)
            return {}
        return entries

    def _key(self, query: str, context: str | None) -> str:
        return f"{self.namespace}\x1f{query}\x1f{context or ''}"

    def geocode(self, query: str, *, exactly_one: bool = True, context: str | None = None,
                timeout: float | None = None) -> Location | None:
        key = self._key(query, context)
        if key in self._memory:
            entry = self._memory[key]
            self.definitive_miss = True
            if entry is None:
                self.last_note = "not found (cached)"
                return None
            self.last_note = entry["raw"].get("note", "")
            return Location(entry["address"], (entry["latitude"], entry["longitude"]), {**entry["raw"], "cached": True})
        location = self.geocoder.geocode(query, exactly_one=True, context=context)
        self.last_note = getattr(self.geocoder, "last_note", "")
        self.definitive_miss = getattr(self.geocoder, "definitive_miss", True)
        if location is not None:
            self._store(key, {"address": location.address, "latitude": location.latitude,
                              "longitude": location.longitude, "raw": location.raw})
        elif self.definitive_miss:
            self._store(key, None)
        return location

    def _store(self, key: str, entry: dict | None) -> None:
        with self._lock:
            self._memory[key] = entry
            self._dirty = True

    def save(self) -> None:
        """Write the cache file atomically, if there is one and anything changed."""
        if not self.cache_file or not self._dirty:
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(self.cache_file) as handle:
            json.dump({"format": CACHE_FORMAT, "entries": self._memory}, handle, ensure_ascii=False)
        self._dirty = False


class GeocoderChain:
    """Ask each geocoder in turn; the first answer wins, the notes of the misses are kept."""

    def __init__(self, geocoders: list[Any]) -> None:
        if not geocoders:
            raise GeocodeError("a geocoder chain needs at least one geocoder")
        self.geocoders = geocoders
        self.last_note = ""
        self.definitive_miss = False

    def geocode(self, query: str, *, exactly_one: bool = True, context: str | None = None,
                timeout: float | None = None) -> Location | None:
        notes = []
        failed = False
        for geocoder in self.geocoders:
            location = geocoder.geocode(query, exactly_one=True, context=context)
            note = getattr(geocoder, "last_note", "")
            if location is not None:
                self.last_note = location.raw.get("note", note) if isinstance(location.raw, dict) else note
                return location
            if note and note not in notes:
                notes.append(note)
            if note == "no place in query":  # nothing for a later geocoder to look up either
                break
            failed = failed or not getattr(geocoder, "definitive_miss", True)
        self.last_note = "; ".join(notes)
        self.definitive_miss = not failed  # a service failure is worth retrying later
        return None

    def save(self) -> None:
        """Save the caches of the geocoders that have one."""
        for geocoder in self.geocoders:
            if hasattr(geocoder, "save"):
                geocoder.save()


def default_geocoder(online: bool = False, user_agent: str | None = None, cache_dir: str | os.PathLike | None = None,
                     nominatim_domain: str | None = None, nominatim_scheme: str = "https",
                     min_delay_seconds: float = 1.0, timeout: float = 10.0) -> GeocoderChain:
    """gazetteer → (only if ``online`` or $MAPAPP_ONLINE_GEOCODER=1) cached Nominatim.

    The gazetteer is never cached.  Online answers are cached in
    ``cache_dir/geocode-cache.json``; ``cache_dir=None`` uses ``default_cache_dir()``, and
    ``cache_dir=""`` keeps them in memory only (``--no-cache``).
    """
    online = online or os.environ.get("MAPAPP_ONLINE_GEOCODER", "") == "1"
    chain: list[Any] = [GazetteerGeocoder()]
    if online:
        agent = user_agent or os.environ.get("MAPAPP_USER_AGENT") or DEFAULT_USER_AGENT
        kwargs: dict[str, Any] = {"user_agent": agent, "scheme": nominatim_scheme, "timeout": timeout}
        if nominatim_domain:
            kwargs["domain"] = nominatim_domain
        if cache_dir is None:
            cache_dir = default_cache_dir()
        cache_file = Path(cache_dir) / CACHE_FILE_NAME if str(cache_dir) else None
        online_geocoder = OnlineGeocoder(Nominatim(**kwargs), min_delay_seconds=min_delay_seconds)
        chain.append(CachedGeocoder(online_geocoder, cache_file))
    return GeocoderChain(chain)


def _clean(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def geocode_table(frame: pd.DataFrame, geocoder: Any, place_column: str = "place",
                  context_column: str = "context", default_context: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Same rows, same order, plus the GEOCODE_COLUMNS; each distinct (place, context) is
    geocoded once.  Never raises for a bad row or a failing service: the row stays
    unresolved and ``geocode_note`` says why.  The input frame is not modified.
    """
    if place_column not in frame.columns:
        raise GeocodeError(f"no {place_column!r} column")
    places = frame[place_column].map(_clean)
    if context_column in frame.columns:
        contexts = frame[context_column].map(_clean)
    else:
        contexts = pd.Series("", index=frame.index, dtype=object)
    if default_context:
        contexts = contexts.where(contexts != "", default_context)
    pairs = list(dict.fromkeys(zip(places, contexts, strict=True)))
    answers: dict[tuple[str, str], dict[str, object]] = {}
    for done, (place, context) in enumerate(pairs, start=1):
        answers[(place, context)] = _answer(geocoder, place, context)
        if progress:
            progress(done, len(pairs))
    if hasattr(geocoder, "save"):
        geocoder.save()
    out = frame.copy()
    rows = [answers[pair] for pair in zip(places, contexts, strict=True)]
    for column in GEOCODE_COLUMNS:
        out[column] = [row[column] for row in rows]
    out["latitude"] = pd.to_numeric(out["latitude"], errors="coerce")
    out["longitude"] = pd.to_numeric(out["longitude"], errors="coerce")
    return out


def _answer(geocoder: Any, place: str, context: str) -> dict[str, object]:
    empty: dict[str, object] = {c: "" for c in GEOCODE_COLUMNS}
    empty["latitude"] = empty["longitude"] = None
    if not place:
        empty["geocode_note"] = "no place given"
        return empty
    try:
        location = geocoder.geocode(place, exactly_one=True, context=context or None)
    except GeopyError as exc:  # a geocoder outside our wrappers: still never abort the batch
        empty["geocode_note"] = f"geocoder failed: {_one_line(exc)}"
        return empty
    note = getattr(geocoder, "last_note", "")
    if location is None:
        empty["geocode_note"] = note or "not found"
        return empty
    raw = location.raw if isinstance(location.raw, dict) else {}
    source = str(raw.get("geo_source", ""))
    note = note or str(raw.get("note", ""))
    if source:
        note = f"{source}{' (cached)' if raw.get('cached') else ''}: {note}".rstrip(": ")
    return {
        "latitude": round(float(location.latitude), 6),
        "longitude": round(float(location.longitude), 6),
        "resolved_name": raw.get("name") or (location.address or "").split(",")[0],
        "country_code": raw.get("country_code", ""),
        "admin1": raw.get("admin1", ""),
        "geo_precision": raw.get("geo_precision", ""),
        "geo_source": source,
        "geocode_note": note,
    }
