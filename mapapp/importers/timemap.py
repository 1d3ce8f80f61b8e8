"""Forensic Architecture timemap exports -> events (the format behind Bellingcat's civilian-harm map).

A timemap export is three JSON files: the events (a list of objects), the associations
they point to by id (filters such as ``["Type of area affected", "Residential"]``,
categories, narratives) and the sources (an object keyed by source id, each with
``paths`` -- usually URLs -- a ``title`` and a ``description``).

* ``date`` is ``MM/DD/YYYY`` by timemap's definition (so ``08/10/2023`` is 10 August);
  ISO ``YYYY-MM-DD`` is accepted too.  ``time`` is kept as an extra column.
* Empty ``latitude``/``longitude`` (and the placeholder ``0, 0``) mean "not located": the
  event is imported without a position, or geocoded from ``location`` when asked.
* Associations become ``tags`` (``;``-joined ``filter > path``s) and the category: the
  first of attack, fighting, evacuation, diplomacy, statement that a category title or
  filter path names (``Airstrike`` -> attack), else ``other``.
* Sources become ``source`` (titles) and ``source_url`` (the first http(s) path); every
  path is kept in ``source_urls``.  Unknown association/source ids are noted, and the
  event is imported all the same.
"""

from __future__ import annotations

import re

import pandas as pd

from mapapp.errors import InputError, Problem
from mapapp.importers.common import ImportOptions, ImportResult, cell_text, finish, parse_json, slug
from mapapp.schema import is_http_url

EVENTS_FILE = "export_events.json"
ASSOCIATIONS_FILE = "export_associations.json"
SOURCES_FILE = "export_sources.json"

CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("attack", ("attack", "strike", "airstrike", "air strike", "shelling", "bomb", "bombing", "missile", "rocket",
                "drone", "artillery", "explosion", "shooting", "shot", "killing", "cluster munition")),
    ("fighting", ("fighting", "battle", "clash", "combat", "firefight", "offensive")),
    ("evacuation", ("evacuation", "evacuate", "displacement", "displaced", "refugee")),
    ("diplomacy", ("diplomacy", "negotiation", "agreement", "talks", "summit", "ceasefire")),
    ("statement", ("statement", "announcement", "declaration", "claim")),
)
"""Words that name a category in association titles and filter paths, in priority order."""

_KNOWN_KEYS = {"id", "description", "date", "time", "location", "latitude", "longitude", "associations", "sources"}
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TITLE_LENGTH = 90


def is_timemap(document: object) -> bool:
    """True for a JSON list whose first object looks like a timemap event."""
    return (isinstance(document, list) and bool(document) and isinstance(document[0], dict)
            and {"date", "location"} <= set(document[0]) and ("latitude" in document[0] or "sources" in document[0]))


def import_timemap(data: bytes, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Map a timemap events export (and its side files from ``options``) onto the events schema."""
    options = options or ImportOptions()
    document = parse_json(data, name)
    if not isinstance(document, list):
        problem = Problem(name, None, "", "a timemap events export is a JSON list of events")
        raise InputError(str(problem), [problem])
    associations, assoc_name = _associations(options.associations)
    sources, sources_name = _sources(options.sources)
    rejected: list[Problem] = []
    notes: list[Problem] = []
    rows: list[dict[str, str]] = []
    numbers: list[int] = []
    fallback_id = slug(name)
    uncategorised = 0
    for number, record in enumerate(document, start=1):
        if not isinstance(record, dict):
            rejected.append(Problem(name, number, "", f"record is a {type(record).__name__}, not an object"))
            rows.append({})
            numbers.append(number)
            continue
        row, row_problems, row_notes = _event_row(record, number, name, associations, assoc_name,
                                                  sources, sources_name)
        row["event_id"] = row["event_id"] or f"{fallback_id}-{number}"
        row["source_doc"] = name
        uncategorised += row["category"] == "other"
        rejected += row_problems
        notes += row_notes
        rows.append(row)
        numbers.append(number)
    for missing, label, flag in ((associations is None, "associations", "--associations"),
                                 (sources is None, "sources", "--sources")):
        used = sum(bool(r.get(label)) for r in rows)
        if missing and used:
            notes.append(Problem(name, None, label, f"{used} event(s) refer to {label} but no {label} file was "
                                 f"given ({flag}, or export_{label}.json beside the events); ids kept in '{label}'"))
    if uncategorised:
        notes.append(Problem(name, None, "category", f"{uncategorised} event(s) have no association naming a "
                             "category (attack, fighting, ...); category set to 'other'"))
    frame = pd.DataFrame(rows, dtype=object).fillna("")
    lines = pd.Series(numbers, index=frame.index, dtype="int64")
    return finish(frame, lines, name, fmt="timemap", rows_read=len(document), rejected=rejected, notes=notes,
                  source_columns={"event_date": "date", "place": "location", "event_id": "id"},
                  records=True, geocode=options.geocode)


def _event_row(record: dict, number: int, name: str, associations: dict | None, assoc_name: str,
               sources: dict | None, sources_name: str) -> tuple[dict[str, str], list[Problem], list[Problem]]:
    """One timemap event as schema cells, plus its rejections and notes."""
    problems: list[Problem] = []
    notes: list[Problem] = []
    description = cell_text(record.get("description"))
    place = cell_text(record.get("location"))
    row = {"event_id": cell_text(record.get("id")), "place": place, "description": description,
           "time": cell_text(record.get("time"))}
    row["event_date"], error = timemap_date(cell_text(record.get("date")))
    if error:
        problems.append(Problem(name, number, "date", error))
    row["latitude"], row["longitude"] = cell_text(record.get("latitude")), cell_text(record.get("longitude"))
    if _is_null_island(row["latitude"], row["longitude"]):
        notes.append(Problem(name, number, "latitude", "0, 0 is timemap's placeholder, not a place; treated as empty"))
        row["latitude"] = row["longitude"] = ""
    if row["latitude"] or row["longitude"]:
        row["geo_source"] = "timemap export"
        row["geo_precision"] = "point"

    assoc_ids = [cell_text(i) for i in _as_list(record.get("associations"))]
    row["associations"] = ";".join(assoc_ids)
    texts: list[str] = []
    tags: list[str] = []
    narratives: list[str] = []
    for assoc_id in assoc_ids:
        if associations is None:
            break
        assoc = associations.get(assoc_id)
        if assoc is None:
            notes.append(Problem(name, number, "associations", f"id {assoc_id!r} is not in {assoc_name}"))
            continue
        mode = cell_text(assoc.get("mode")).upper()
        title = cell_text(assoc.get("title"))
        paths = [cell_text(p) for p in _as_list(assoc.get("filter_paths")) if cell_text(p)]
        if mode == "NARRATIVE":
            narratives.append(title or assoc_id)
            continue
        if paths or (mode == "CATEGORY" and title):
            tags.append(" > ".join(paths or [title]))
        texts += [title, *paths] if mode == "CATEGORY" else paths
    row["tags"] = ";".join(tags)
    row["narratives"] = ";".join(narratives)
    row["category"] = category_from(texts)

    source_ids = [cell_text(i) for i in _as_list(record.get("sources"))]
    row["sources"] = ";".join(source_ids)
    titles: list[str] = []
    urls: list[str] = []
    for source_id in source_ids:
        if sources is None:
            break
        source = sources.get(source_id)
        if source is None:
            notes.append(Problem(name, number, "sources", f"id {source_id!r} is not in {sources_name}"))
            continue
        title = cell_text(source.get("title")) or source_id
        if title not in titles:
            titles.append(title)
        for path in (cell_text(p) for p in _as_list(source.get("paths"))):
            if path and path not in urls:
                urls.append(path)
    links = [u for u in urls if is_http_url(u)]
    for url in urls:
        if not is_http_url(url):
            notes.append(Problem(name, number, "sources",
                                 f"path {url!r} is not an http(s) URL; not used as source_url"))
    row["source"] = "; ".join(titles)
    row["source_url"] = links[0] if links else ""
    row["source_urls"] = " ".join(urls)
    row["title"] = short_title(description) or place or row["event_id"]
    for key, value in record.items():
        if key not in _KNOWN_KEYS:
            row[f"timemap_{key}"] = cell_text(value)
    return row, problems, notes


def timemap_date(value: str) -> tuple[str, str]:
    """``(ISO date, "")`` for timemap's ``MM/DD/YYYY`` (or ISO), else ``("", reason)``."""
    if _ISO_DATE.fullmatch(value):
        return value, ""
    match = _US_DATE.fullmatch(value)
    if not match:
        return "", f"{value!r} is not a timemap date (MM/DD/YYYY)" if value else "is empty"
    month, day, year = int(match[1]), int(match[2]), int(match[3])
    if not 1 <= month <= 12:
        return "", f"{value!r}: {month} is not a month (timemap dates are MM/DD/YYYY)"
    return f"{year:04d}-{month:02d}-{day:02d}", ""


def category_from(texts: list[str]) -> str:
    """The first category (in ``CATEGORY_WORDS`` order) that any text names, else ``other``."""
    words = " ".join(texts).lower()
    for category, keywords in CATEGORY_WORDS:
        if re.search(r"\b(" + "|".join(map(re.escape, (category, *keywords))) + r")s?\b", words):
            return category
    return "other"


def short_title(description: str) -> str:
    """The description's first sentence, cut at a word boundary to about 90 characters."""
    first = re.split(r"(?<=[.!?])\s", description.strip(), maxsplit=1)[0]
    if len(first) <= _TITLE_LENGTH:
        return first
    return first[:_TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _as_list(value: object) -> list:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]


def _is_null_island(latitude: str, longitude: str) -> bool:
    try:
        return float(latitude) == 0 and float(longitude) == 0
    except ValueError:
        return False


def _associations(side: tuple[str, bytes] | None) -> tuple[dict[str, dict] | None, str]:
    """Associations keyed by id, or None when no file was given."""
    if side is None:
        return None, ASSOCIATIONS_FILE
    name, data = side
    document = parse_json(data, name)
    if not isinstance(document, list) or not all(isinstance(a, dict) for a in document):
        problem = Problem(name, None, "", "a timemap associations export is a JSON list of objects")
        raise InputError(str(problem), [problem])
    return {cell_text(a.get("id")): a for a in document}, name


def _sources(side: tuple[str, bytes] | None) -> tuple[dict[str, dict] | None, str]:
    """Sources keyed by id (timemap writes an object keyed by id; a list with ids is accepted)."""
    if side is None:
        return None, SOURCES_FILE
    name, data = side
    document = parse_json(data, name)
    if isinstance(document, list) and all(isinstance(s, dict) for s in document):
        return {cell_text(s.get("id")): s for s in document}, name
    if isinstance(document, dict) and all(isinstance(s, dict) for s in document.values()):
        return {str(k): v for k, v in document.items()}, name
    problem = Problem(name, None, "", "a timemap sources export is a JSON object keyed by source id")
    raise InputError(str(problem), [problem])
