"""Events aggregated into H3 hexagons, drawn in the browser from one compact payload per map.

The payload (``cells_payload``) holds one or more *levels*, each an H3 resolution with the
zoom range it is meant for; the layer draws the level of the current zoom on a canvas
renderer (thousands of polygons stay smooth) and swaps it on ``zoomend``.  Each cell's
popup gives its count, the casualties with how many events gave a figure, and the top
categories, built with ``textContent`` (category names are data), and a button that zooms
the map to the cell.  A hexagon is not an event: the app selects nothing on a click on one.

Individual events.  From ``events_zoom`` on, cells whose events are on the page as
markers (``covered``) are not drawn and the event layers named in ``event_groups`` are
shown instead; below it those layers are taken off the map.  A standalone page embeds
markers only for as many events as its size budget allows, so its densest cells stay
hexagons at every zoom and their popup says why.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from folium.template import Template

from mapapp.aggregate import COUNT_COLORS, CellTable, cell_boundaries, count_classes
from mapapp.maplayers.base import RawMacroElement, safe_json


def _figure(values: pd.Series) -> list[int | None]:
    return [None if (v is None or (isinstance(v, float) and math.isnan(v))) else int(v) for v in values.tolist()]


def level_payload(table: CellTable, min_zoom: int, max_zoom: int, categories: dict[str, int],
                  covered: set[int] | None = None) -> dict:
    """One level of the cells payload: outlines, figures and top categories (as indexes into
    ``categories``, which this call extends), column-wise to keep the page small."""
    cells = table.cells
    top = [[[categories.setdefault(name, len(categories)), n] for name, n in entries] for entries in cells["top"]]
    covered = covered or set()
    return {
        "resolution": table.resolution,
        "minZoom": min_zoom,
        "maxZoom": max_zoom,
        "outline": cell_boundaries(cells["cell"].to_numpy()),
        "count": cells["count"].astype(int).tolist(),
        "killed": _figure(cells["killed"]),
        "killedKnown": cells["killed_known"].astype(int).tolist(),
        "injured": _figure(cells["injured"]),
        "injuredKnown": cells["injured_known"].astype(int).tolist(),
        "top": top,
        "covered": [1 if c in covered else 0 for c in cells["cell"].tolist()],
    }


def count_breaks(largest: int, classes: int = len(COUNT_COLORS)) -> list[int]:
    """The smallest count of each colour class (log scale, as ``aggregate.count_classes``)."""
    if largest <= 1:
        return [1]
    breaks = [1]
    for k in range(1, classes):
        edge = math.ceil(math.exp(k / classes * math.log(largest)))
        breaks.append(max(edge, breaks[-1] + 1))
    return [b for b in breaks if b <= largest]


def cells_payload(levels: list[dict], categories: dict[str, int], *, events_zoom: int | None = None,
                  note: str = "") -> dict:
    """The document ``CellLayer`` draws: the levels, category names, colours and class breaks.

    The colour of a cell is computed here (``count_classes`` over all levels' counts of the
    same level), so the browser does no scaling.
    """
    for level in levels:
        level["color"] = count_classes(np.asarray(level["count"], dtype="float64")).tolist()
    return {
        "levels": levels,
        "categories": [name for name, _ in sorted(categories.items(), key=lambda kv: kv[1])],
        "colors": list(COUNT_COLORS),
        "eventsZoom": events_zoom,
        "note": note,
    }


class CellLayer(RawMacroElement):
    """Hexagon cells coloured by count, one level per zoom range; see the module docstring."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
.mapapp-cell{font:13px/1.35 sans-serif;max-width:280px}
.mapapp-cell h4{margin:0 0 4px;font-size:14px}
.mapapp-cell p{margin:2px 0}
.mapapp-cell .note{color:#666;font-size:12px}
.mapapp-cell button{margin-top:4px;font:12px sans-serif;cursor:pointer}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var data = {{ this.payload_json }};
  var map = {{ this.map_name }};
  var host = {{ this._parent.get_name() }};
  var eventGroups = [{% for name in this.event_groups %}{{ name }}{% if not loop.last %}, {% endif %}{% endfor %}];
  var renderer = L.canvas({padding: 0.5});
  var drawn = L.layerGroup().addTo(host), current = null, showingEvents = null;
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function figure(value, known, count, word) {
    if (!known) return "";
    return value + " " + word + (known < count ? " (in " + known + " of " + count + " events that give a figure)" : "");
  }
  function ringOf(level, i) {
    var flat = level.outline[i], ring = [];
    for (var j = 0; j < flat.length; j += 2) ring.push([flat[j], flat[j + 1]]);
    return ring;
  }
  function popupNode(level, i) {
    var root = document.createElement("div");
    root.className = "mapapp-cell";
    var n = level.count[i];
    add(root, "h4", n.toLocaleString("en") + (n === 1 ? " event" : " events"));
    var killed = figure(level.killed[i], level.killedKnown[i], n, "killed");
    var injured = figure(level.injured[i], level.injuredKnown[i], n, "injured");
    if (killed) add(root, "p", killed);
    if (injured) add(root, "p", injured);
    if (!killed && !injured) add(root, "p", "No casualty figures reported.");
    var top = level.top[i].map(function (pair) { return data.categories[pair[0]] + " " + pair[1]; });
    if (top.length) add(root, "p", "Most: " + top.join(", "));
    var hint = data.eventsZoom !== null && map.getZoom() < data.eventsZoom && level.covered[i] ?
      "Zoom in to see the events one by one." : data.note;
    if (hint) add(root, "p", hint, "note");
    if (map.getZoom() < map.getMaxZoom()) {
      var zoomIn = add(root, "button", "Zoom to this hexagon", "zoom");
      zoomIn.type = "button";
      zoomIn.addEventListener("click", function () {
        map.closePopup();
        map.fitBounds(L.latLngBounds(ringOf(level, i)), {padding: [20, 20]});
      });
    }
    return root;
  }
  function levelFor(zoom) {
    for (var k = 0; k < data.levels.length; k++) {
      var level = data.levels[k];
      if (zoom >= level.minZoom && zoom <= level.maxZoom) return level;
    }
    return data.levels.length ? data.levels[data.levels.length - 1] : null;
  }
  function draw() {
    var zoom = map.getZoom(), level = levelFor(zoom);
    var events = data.eventsZoom !== null && zoom >= data.eventsZoom;
    if (level === current && events === showingEvents) return;
    current = level; showingEvents = events;
    eventGroups.forEach(function (group) {
      if (events && !map.hasLayer(group)) map.addLayer(group);
      if (!events && map.hasLayer(group)) map.removeLayer(group);
    });
    drawn.clearLayers();
    if (!level) return;
    for (var i = 0; i < level.count.length; i++) {
      if (events && level.covered[i]) continue;
      var polygon = L.polygon(ringOf(level, i), {renderer: renderer, color: "#555", weight: 0.6, opacity: 0.8,
        fillColor: data.colors[level.color[i]], fillOpacity: 0.65, mapappCell: i});
      polygon.bindPopup((function (lv, k) { return function () { return popupNode(lv, k); }; })(level, i),
                        {maxWidth: 300});
      drawn.addLayer(polygon);
    }
  }
  map.on("zoomend", draw);
  // In the app this layer lives in a feature group that the next view replaces: stop redrawing then.
  host.on("remove", function () { map.off("zoomend", draw); });
  map.whenReady(draw);
  return {data: data, redraw: draw};
})();
{% endmacro %}
"""
    )

    def __init__(self, payload: dict, map_name: str, event_groups: list | None = None) -> None:
        super().__init__()
        self._name = "CellLayer"
        self.payload_json = safe_json(payload)
        self.map_name = map_name
        self.event_groups = [g.get_name() for g in (event_groups or [])]
