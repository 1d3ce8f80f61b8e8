"""Which importer a file needs, from its name and its first bytes.

Content wins over the extension where they disagree (people rename ``.geojson`` to
``.json``, and ACLED exports arrive as ``.csv`` or ``.txt``): JSON is recognised by its
first character, then by shape (a list of timemap events, a FeatureCollection); a CSV is
ACLED when its header carries ACLED's identifying columns, else a generic table.
"""

from __future__ import annotations

import csv
import io
from pathlib import PurePath

from mapapp.columnar import PARQUET_MAGIC
from mapapp.errors import InputError, Problem
from mapapp.importers.acled import is_acled_header
from mapapp.importers.common import parse_json
from mapapp.importers.geojson import is_feature_collection
from mapapp.importers.timemap import is_timemap

FORMATS: tuple[str, ...] = ("acled", "timemap", "geojson", "csv", "parquet")


def detect_format(data: bytes, name: str) -> str:
    """``parquet``, ``acled``, ``timemap``, ``geojson`` or ``csv`` for the given bytes and file name.

    Raises InputError for JSON that is neither timemap nor GeoJSON, since guessing a
    mapping for an arbitrary document would invent events.
    """
    if data[:4] == PARQUET_MAGIC:
        return "parquet"
    head = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n")
    suffix = PurePath(name).suffix.lower()
    if head[:1] in (b"[", b"{") or suffix in (".json", ".geojson"):
        document = parse_json(data, name)
        if is_feature_collection(document):
            return "geojson"
        if is_timemap(document) or (isinstance(document, list) and suffix == ".json"):
            return "timemap"
        problem = Problem(name, None, "", "JSON that is neither a GeoJSON FeatureCollection nor a timemap "
                          "events list; give --format if it is one of them")
        raise InputError(str(problem), [problem])
    # Old Mac files end lines with CR alone: let the csv module find the first record's end.
    text = head.decode("utf-8", errors="replace")
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:  # unreadable even as a header: the CSV importer reports where and why
        header = []
    return "acled" if is_acled_header(header) else "csv"
