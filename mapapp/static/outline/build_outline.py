"""Convert world-atlas's Natural Earth 110m TopoJSON into the compact GeoJSON the map bundles.

Run once at build time (needs the npm registry, never at run time):

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python mapapp/static/outline/build_outline.py package/countries-110m.json \
        mapapp/static/outline/countries-110m.geojson

Coordinates are rounded to 2 decimals (about 1 km): the layer only has to keep the map
readable when tiles cannot load, and every map page embeds it, so bytes matter more than
precision.  Only the country name is kept as a property.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    """Absolute lon/lat positions of every arc (TopoJSON arcs are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 2), round(y * sy + ty, 2)])
        arcs.append(points)
    return arcs


def ring(arc_ids: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """Stitch arcs into one ring; a negative id (~i) means arc i reversed."""
    points: list[list[float]] = []
    for arc_id in arc_ids:
        arc = arcs[arc_id] if arc_id >= 0 else arcs[~arc_id][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def to_geojson(topology: dict, object_name: str = "countries") -> dict:
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"][object_name]["geometries"]:
        if geometry["type"] == "Polygon":
            coordinates = [ring(r, arcs) for r in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "properties": {"name": geometry.get("properties", {}).get("name", "")},
                         "geometry": {"type": geometry["type"], "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": features}


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    collection = to_geojson(json.loads(source.read_text(encoding="utf-8")))
    target.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=True), encoding="utf-8")
    print(f"{target}: {len(collection['features'])} countries, {target.stat().st_size} bytes")
