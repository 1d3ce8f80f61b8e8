"""GeoJSON FeatureCollections of points -> events.

Properties named like the schema's columns are used as they are (or named with the same
options as a generic CSV: ``--date when`` ...); the Point geometry gives the coordinates
(GeoJSON order is longitude, latitude).  A feature without geometry is imported without a
position (or geocoded from ``place`` when asked); any other geometry type is rejected with
a problem for that feature, since an event table holds points.
"""

from __future__ import annotations

import math

import pandas as pd

from mapapp.errors import InputError, Problem
from mapapp.importers.common import ImportOptions, ImportResult, cell_text, parse_json
from mapapp.importers.csvgeneric import map_table


def is_feature_collection(document: object) -> bool:
    """True for a GeoJSON FeatureCollection (or a lone Feature)."""
    return isinstance(document, dict) and document.get("type") in ("FeatureCollection", "Feature")


def import_geojson(data: bytes, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Map a GeoJSON FeatureCollection of points onto the events schema, one record per feature."""
    options = options or ImportOptions()
    document = parse_json(data, name)
    if not is_feature_collection(document):
        problem = Problem(name, None, "", "not a GeoJSON FeatureCollection (no \"type\": \"FeatureCollection\")")
        raise InputError(str(problem), [problem])
    features = [document] if document["type"] == "Feature" else document.get("features")
    if not isinstance(features, list):
        problem = Problem(name, None, "features", "a FeatureCollection needs a \"features\" list")
        raise InputError(str(problem), [problem])
    rows: list[dict[str, str]] = []
    rejected: list[Problem] = []
    for number, feature in enumerate(features, start=1):
        row, problem = feature_row(feature)
        if problem:
            rejected.append(Problem(name, number, problem[0], problem[1]))
        rows.append(row)
    frame = pd.DataFrame(rows, dtype=object).fillna("")
    if frame.empty and not len(frame.columns):
        frame = pd.DataFrame(columns=["event_date", "category"], dtype=object)
    lines = pd.Series(range(1, len(frame) + 1), index=frame.index, dtype="int64")
    return map_table(frame, lines, name, options, fmt="geojson", rejected=rejected, records=True)


def feature_row(feature: object) -> tuple[dict[str, str], tuple[str, str] | None]:
    """One feature's properties as cells plus ``latitude``/``longitude``, and ``(field, problem)`` if unusable."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return {}, ("", "not a GeoJSON Feature")
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        return {}, ("properties", "is not an object")
    row = {str(key): cell_text(value) for key, value in properties.items()}
    if "event_id" not in row and feature.get("id") is not None:
        row["event_id"] = cell_text(feature["id"])
    geometry = feature.get("geometry")
    row["latitude"] = row["longitude"] = ""
    if geometry is None:
        return row, None
    kind = geometry.get("type") if isinstance(geometry, dict) else type(geometry).__name__
    if kind != "Point":
        return row, ("geometry", f"{kind} is not a Point; an event needs one position")
    coordinates = geometry.get("coordinates")
    if (not isinstance(coordinates, list) or len(coordinates) < 2
            or not all(isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c)
                       for c in coordinates[:2])):
        return row, ("geometry", f"Point coordinates {coordinates!r} are not [longitude, latitude] numbers")
    row["longitude"], row["latitude"] = repr(float(coordinates[0])), repr(float(coordinates[1]))
    return row, None
