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
from branca.element import MacroElement
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
                  note: str = "", time: dict | None = None) -> dict:
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
        "time": time,
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
  var span = null;  // [first bucket, last bucket] of the time control, null = every date
  var shown = {counts: null, colors: null, level: null};
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
  // Counts per window from two prefix sums per cell: events whose span starts by the window's
  // end, minus those whose span ended before its start (= the spans that overlap the window).
  function prepare(level) {
    if (level.cumStart) return;
    var n = data.time.labels.length, m = level.count.length, t = level.time, ends = t.starts.slice();
    for (var k = 0; k < t.moves.length; k += 4) {
      ends[t.moves[k] * n + t.moves[k + 1]] -= t.moves[k + 3];
      ends[t.moves[k] * n + t.moves[k + 2]] += t.moves[k + 3];
    }
    var cs = new Int32Array(m * (n + 1)), ce = new Int32Array(m * (n + 1));
    for (var i = 0; i < m; i++) {
      for (var b = 0; b < n; b++) {
        cs[i * (n + 1) + b + 1] = cs[i * (n + 1) + b] + t.starts[i * n + b];
        ce[i * (n + 1) + b + 1] = ce[i * (n + 1) + b] + ends[i * n + b];
      }
    }
    level.cumStart = cs; level.cumEnd = ce;
  }
  function countClasses(counts) {  // aggregate.count_classes: log scale from 1 to the largest count
    var largest = 1, classes = data.colors.length;
    for (var i = 0; i < counts.length; i++) largest = Math.max(largest, counts[i]);
    var top = Math.log(largest);
    return counts.map(function (c) {
      return top === 0 ? 0 : Math.min(Math.floor(Math.log(Math.max(c, 1)) / top * classes), classes - 1);
    });
  }
  function countsOf(level) {
    if (!span || !data.time || !level.time) return {counts: level.count, colors: level.color, level: level};
    prepare(level);
    var n1 = data.time.labels.length + 1, counts = [];
    for (var i = 0; i < level.count.length; i++) {
      counts.push(level.cumStart[i * n1 + span[1] + 1] - level.cumEnd[i * n1 + span[0]]);
    }
    return {counts: counts, colors: countClasses(counts), level: level};
  }
  function spanText() {
    var labels = data.time.labels;
    return span[0] === span[1] ? labels[span[0]] : labels[span[0]] + " \u2013 " + labels[span[1]];
  }
  function popupNode(level, i) {
    var root = document.createElement("div");
    root.className = "mapapp-cell";
    var n = level.count[i];
    if (span && shown.level === level) {
      var inSpan = shown.counts[i];
      add(root, "h4", inSpan.toLocaleString("en") + (inSpan === 1 ? " event" : " events") + " in " + spanText());
      add(root, "p", "All dates: " + n.toLocaleString("en") + (n === 1 ? " event" : " events") +
        "; the figures below are for all dates.", "note");
    } else {
      add(root, "h4", n.toLocaleString("en") + (n === 1 ? " event" : " events"));
    }
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
  function draw(force) {
    var zoom = map.getZoom(), level = levelFor(zoom);
    var events = data.eventsZoom !== null && zoom >= data.eventsZoom;
    if (level === current && events === showingEvents && force !== true) return;
    current = level; showingEvents = events;
    eventGroups.forEach(function (group) {
      if (events && !map.hasLayer(group)) map.addLayer(group);
      if (!events && map.hasLayer(group)) map.removeLayer(group);
    });
    drawn.clearLayers();
    if (!level) return;
    shown = countsOf(level);
    for (var i = 0; i < level.count.length; i++) {
      if ((events && level.covered[i]) || shown.counts[i] === 0) continue;
      var polygon = L.polygon(ringOf(level, i), {renderer: renderer, color: "#555", weight: 0.6, opacity: 0.8,
        fillColor: data.colors[shown.colors[i]], fillOpacity: 0.65, mapappCell: i});
      polygon.bindPopup((function (lv, k) { return function () { return popupNode(lv, k); }; })(level, i),
                        {maxWidth: 300});
      drawn.addLayer(polygon);
    }
  }
  map.on("zoomend", draw);
  // In the app this layer lives in a feature group that the next view replaces: stop redrawing then.
  host.on("remove", function () { map.off("zoomend", draw); });
  map.whenReady(draw);
  // The time control: cells of the events whose dates overlap buckets first..last (null: every date);
  // returns how many events that is on the current level.
  function setSpan(first, last) {
    span = first === null || first === undefined ? null : [first, last];
    draw(true);
    return shown.counts ? shown.counts.reduce(function (a, b) { return a + b; }, 0) : 0;
  }
  return {data: data, redraw: draw, setSpan: setSpan, drawnCount: function () { return drawn.getLayers().length; }};
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


class CellTimeSlider(RawMacroElement):
    """The time control of a hexagon page: a slider over the payload's time buckets.

    Off by default (every date); when ticked, the cells count only the events whose dates
    overlap the window ending at the slider's bucket (one bucket, a few, or everything until
    it), re-coloured for that window, and cells with none are not drawn.  The events the page
    carries as markers are filtered to the same days (``EventLayer.setWindow``).  Bucket
    labels come from Python (dates, not data text) and are set with ``textContent`` anyway.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var cells = {{ this.cell_layer }}, events = {{ this.event_layer }};
  var axis = cells.data.time, n = axis.labels.length, offset = events.data.time.offset;
  var control = L.control({position: "bottomleft"});
  control.onAdd = function () {
    var div = L.DomUtil.create("div", "mapapp-time leaflet-bar");
    div.style.cssText = "background:#fff;padding:4px 6px;font:12px sans-serif";
    var on = document.createElement("input"), box = document.createElement("label");
    on.type = "checkbox"; on.className = "on";
    box.appendChild(on); box.appendChild(document.createTextNode(" Time "));
    var play = document.createElement("button");
    play.type = "button"; play.className = "play"; play.title = "Play"; play.textContent = "\u25b6";
    var bucket = document.createElement("input");
    bucket.type = "range"; bucket.className = "bucket"; bucket.min = 0; bucket.max = n - 1; bucket.value = n - 1;
    bucket.style.cssText = "width:180px;vertical-align:middle";
    var win = document.createElement("select");
    win.className = "window";
    axis.windows.forEach(function (w) {
      var option = document.createElement("option");
      option.value = w[0]; option.textContent = w[1];
      win.appendChild(option);
    });
    var label = document.createElement("span");
    label.className = "label";
    [box, play, bucket, win, label].forEach(function (el) {
      div.appendChild(el);
      div.appendChild(document.createTextNode(" "));
    });
    var timer = null;
    function update() {
      if (!on.checked) {
        cells.setSpan(null);
        events.setWindow(null, null);
        label.textContent = "all dates";
        return;
      }
      var last = Number(bucket.value), size = Number(win.value), first = size < 0 ? 0 : Math.max(0, last - size + 1);
      var total = cells.setSpan(first, last);
      events.setWindow(axis.days[first] - offset, axis.days[last + 1] - 1 - offset);
      label.textContent = (first === last ? axis.labels[last] : axis.labels[first] + " \u2013 " + axis.labels[last]) +
        ": " + total.toLocaleString("en") + (total === 1 ? " event" : " events");
    }
    on.addEventListener("change", update);
    bucket.addEventListener("input", function () { on.checked = true; update(); });
    win.addEventListener("change", update);
    play.addEventListener("click", function () {
      if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; return; }
      on.checked = true; play.textContent = "\u23f8";
      if (Number(bucket.value) >= n - 1) bucket.value = 0;
      update();
      timer = setInterval(function () {
        bucket.value = Math.min(n - 1, Number(bucket.value) + 1); update();
        if (Number(bucket.value) >= n - 1) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; }
      }, 700);
    });
    label.textContent = "all dates";
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  control.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""
    )

    def __init__(self, cell_layer: CellLayer, event_layer: MacroElement) -> None:
        super().__init__()
        self._name = "CellTimeSlider"
        self.cell_layer = cell_layer.get_name()
        self.event_layer = event_layer.get_name()
