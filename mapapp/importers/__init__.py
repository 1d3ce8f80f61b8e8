"""Import event data sets people already have: ACLED exports, timemap exports, GeoJSON, any CSV.

Each importer is a pure function ``(data: bytes, name, options) -> ImportResult``: the
events as a typed table (as ``load_events`` returns them), the rows it rejected with the
``FILE:LINE: column: problem`` (or ``FILE:record N: field: problem``) reason for each, and
notes on rows it kept.  Nothing is dropped silently: ``rows_read == len(events) +
rejected``.  File reading (``import_paths``) and writing stay at the edges, for the CLI.

The app's upload calls ``import_upload(data, filename)``; the command line calls
``import_paths`` then ``merge_results``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from mapapp.errors import InputError, Problem
from mapapp.importers.acled import import_acled
from mapapp.importers.common import GeocodeMissing, ImportOptions, ImportResult, RecordProblem, slug
from mapapp.importers.csvgeneric import import_csv
from mapapp.importers.detect import FORMATS, detect_format
from mapapp.importers.geojson import import_geojson
from mapapp.importers.parquet import import_parquet
from mapapp.importers.timemap import ASSOCIATIONS_FILE, SOURCES_FILE, import_timemap

__all__ = [
    "FORMATS", "ImportOptions", "ImportResult", "RecordProblem", "detect_format", "import_data", "import_upload",
    "import_paths", "merge_results", "summary_lines", "offline_geocode",
]

IMPORTERS: dict[str, Callable[[bytes, str, ImportOptions | None], ImportResult]] = {
    "acled": import_acled,
    "timemap": import_timemap,
    "geojson": import_geojson,
    "csv": import_csv,
    "parquet": import_parquet,
}


def import_data(data: bytes, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Import one source held in memory, in ``options.format`` or the detected format."""
    options = options or ImportOptions()
    fmt = options.format or detect_format(data, name)
    if fmt not in IMPORTERS:
        problem = Problem(name, None, "", f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
        raise InputError(str(problem), [problem])
    return IMPORTERS[fmt](data, name, options)


def import_upload(data: bytes, filename: str, *, trust_prepared: bool = False) -> ImportResult:
    """What the app calls: detect the format of one file (an upload, or the configured table) and import it.

    Raises ``InputError`` when the file cannot be read as events at all (``.lines()``
    gives the messages to show); otherwise the result lists rejected rows in ``problems``.
    No geocoding and no timemap side files here: an upload is a single file.
    ``trust_prepared`` only for the operator's own file, never an upload (``ImportOptions``).
    """
    return import_data(data, filename, ImportOptions(trust_prepared=trust_prepared))


def import_paths(paths: Sequence[str | os.PathLike], options: ImportOptions | None = None) -> list[ImportResult]:
    """Import each file, finding timemap's side files beside an events export when not given."""
    options = options or ImportOptions()
    results = []
    for path in paths:
        head = _read(path, limit=65536)
        json_like = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{")
        data = head if len(head) < 65536 else _read(path) if json_like or Path(path).suffix.lower() in (
            ".json", ".geojson") else None
        fmt = options.format or detect_format(data if data is not None else head, str(path))
        if data is None:
            # A big CSV: ACLED streams it from the path; the other importers get its bytes.
            data = Path(path) if fmt == "acled" else _read(path)
        file_options = ImportOptions(**{**vars(options), "format": fmt})
        if fmt == "timemap":
            for field, default in (("associations", ASSOCIATIONS_FILE), ("sources", SOURCES_FILE)):
                if getattr(file_options, field) is None:
                    beside = Path(path).parent / default
                    if beside.is_file():
                        setattr(file_options, field, (str(beside), beside.read_bytes()))
        reported = [0]
        if options.progress:
            def count(rows: int, reported: list[int] = reported) -> None:
                reported[0] += rows
                options.progress(rows)
            file_options.progress = count
        result = import_data(data, str(path), file_options)
        if options.progress and result.rows_read > reported[0]:
            options.progress(result.rows_read - reported[0])  # an importer that does not report as it goes
        results.append(result)
    return results


def merge_results(results: Sequence[ImportResult]) -> ImportResult:
    """One table from several imports, with event ids made unique across files.

    An id already used by an earlier file gets the later file's name as a prefix
    (``events-b.csv``: ``e1`` -> ``events-b-e1``, numbered further if that is taken too),
    and a note says how many ids were changed, so the rename is never silent.
    """
    frames: list[pd.DataFrame] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    seen: set[str] = set()
    for position, result in enumerate(results):
        events = result.events
        ids = events["event_id"].astype(str)
        clash = ids.isin(seen)
        if clash.any():
            events = events.copy()
            prefix = slug(result.name)
            taken = seen | set(ids[~clash])
            renamed = [_free_id(f"{prefix}-{old}", taken) for old in ids[clash]]
            example = f"{ids[clash].iloc[0]!r} -> {renamed[0]!r}"
            ids[clash] = renamed
            notes.append(Problem(result.name, None, "event_id",
                                 f"{int(clash.sum())} id(s) already used by an earlier file were prefixed "
                                 f"with '{prefix}-' (e.g. {example})"))
            events["event_id"] = ids
        if position < len(results) - 1:  # the last file's ids are never looked up: a million-row
            seen.update(ids)             # import saves 0.8 s of building a set nobody reads
        frames.append(events)
        problems += result.problems
        notes += result.notes
    events = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    formats = sorted({r.format for r in results})
    return ImportResult(events=events, problems=problems, notes=notes,
                        rows_read=sum(r.rows_read for r in results), format="+".join(formats),
                        name=", ".join(r.name for r in results), rows_merged=sum(r.rows_merged for r in results))


def summary_lines(results: Sequence[ImportResult]) -> list[str]:
    """One line per file: format, rows read, imported, rejected, and exact copies merged (if any)."""
    return [f"{r.name} ({r.format}): {r.rows_read} row(s) read, {len(r.events)} imported, "
            f"{r.rows_rejected} rejected" + (f", {r.rows_merged} exact copies merged" if r.rows_merged else "")
            for r in results]


def offline_geocode() -> GeocodeMissing:
    """The default geocoder (offline gazetteer; online only if configured) as an importer's ``geocode``."""
    # Lazy on purpose: geopy costs 0.07-0.17 s of start-up (measured with python -X importtime), paid
    # otherwise by every import without --geocode and by `mapapp extract`, which imports this package.
    from mapapp.geocode import default_geocoder, geocode_table

    geocoder = default_geocoder()
    return lambda frame: geocode_table(frame, geocoder, place_column="place", context_column="context")


def _free_id(candidate: str, taken: set[str]) -> str:
    """``candidate`` or ``candidate-2``, ``-3``, ... whichever is not taken yet."""
    number, free = 1, candidate
    while free in taken:
        number += 1
        free = f"{candidate}-{number}"
    taken.add(free)
    return free


def _read(path: str | os.PathLike, limit: int = -1) -> bytes:
    """The file's bytes (the first ``limit`` only, if given), or InputError in the ``FILE: problem`` form."""
    label = str(path)
    try:
        with open(path, "rb") as handle:
            return handle.read(limit)
    except FileNotFoundError:
        problem = Problem(label, None, "", "no such file")
    except IsADirectoryError:
        problem = Problem(label, None, "", "is a directory")
    except PermissionError:
        problem = Problem(label, None, "", "permission denied")
    raise InputError(str(problem), [problem])
