"""Folium MacroElements that mapapp's maps are made of: events layer, legend, time slider, outline.

Each element is a small Jinja template, as folium's own plugins are.  The events layer ships
its data as ONE compact JSON payload (flat ``[lat, lng, row, ...]`` arrays per category plus
column-wise, dictionary-encoded strings) and creates markers, tooltips and popups in the
browser, because one folium object per event costs ~0.5 ms and ~770 bytes each in Python
and HTML (52 s / 77 MB for 100,000 events).

Escaping is structural, not per call site: untrusted text only ever enters the page
(1) inside JSON that ``safe_json`` has made inert in a ``<script>`` (``<``, ``>``, ``&``,
U+2028/9 as ``\\uXXXX``), and (2) in the browser through ``textContent`` or the ``esc()``
helper for the one place Leaflet wants an HTML string (tooltips, which streamlit-folium
reads back as ``innerHTML``).  No template here interpolates untrusted text as HTML.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
OUTLINE_PATH = STATIC_DIR / "outline" / "countries-110m.geojson"

# (name, path under vendor/, CDN URL) in load order.
VENDOR_JS = (
    ("leaflet", "leaflet/leaflet.js", "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js"),
    ("markercluster", "leaflet.markercluster/leaflet.markercluster.js",
     "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js"),
)
VENDOR_CSS = (
    ("leaflet_css", "leaflet/leaflet.css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css"),
    ("markercluster_css", "leaflet.markercluster/MarkerCluster.css",
     "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/MarkerCluster.css"),
)
ASSET_MODES = ("cdn", "local", "inline")

_JSON_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def safe_json(value: Any) -> str:
    """JSON that is inert inside an HTML ``<script>``: no ``</script>``, ``<!--`` or ``&`` survives.

    The replacements are JSON string escapes, so ``JSON.parse``/JS sees the same text.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE_RE.sub(lambda m: _JSON_UNSAFE[m.group()], text)


def asset_links(assets: str, asset_base_url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (name, url) JS and CSS lists for ``cdn`` or ``local``; empty lists for ``inline``."""
    if assets not in ASSET_MODES:
        raise ValueError(f"assets must be one of {', '.join(ASSET_MODES)}, not {assets!r}")
    if assets == "inline":
        return [], []
    base = asset_base_url.rstrip("/")

    def url(path: str, cdn: str) -> str:
        return cdn if assets == "cdn" else f"{base}/{path}"

    return ([(n, url(p, c)) for n, p, c in VENDOR_JS], [(n, url(p, c)) for n, p, c in VENDOR_CSS])


class _RawHeader(Element):
    """Text emitted verbatim (vendored JS may contain ``{{``, so it must not be a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class RawMacroElement(MacroElement):
    """A ``MacroElement`` whose rendered macros reach the page as plain text.

    branca's ``MacroElement.render`` wraps each macro's *output* in ``Element(text)``, which
    compiles that output as a Jinja template and renders it a second time when the page is
    rendered.  Event text in the output (a title ``{{ cycler.__init__.__globals__.os }}``)
    would then be executed on the server.  Adding the output as ``_RawHeader`` elements
    renders each template exactly once, with the data as data.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "a map element must be inside a Figure to render"
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                target.add_child(_RawHeader(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


def _css_with_inline_images(css: str, directory: Path) -> str:
    """Leaflet's CSS points at ``images/*.png``; a standalone file needs them as data: URIs."""

    def embed(match: re.Match) -> str:
        data = base64.b64encode((directory / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", embed, css)


class InlineAssets(MacroElement):
    """Embed the vendored JS and CSS into the page header, for a file that works offline."""

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "InlineAssets must be inside a Figure"
        for name, path, _ in VENDOR_CSS:
            file = VENDOR_DIR / path
            css = _css_with_inline_images(file.read_text(encoding="utf-8"), file.parent)
            figure.header.add_child(_RawHeader(f"<style>{css}</style>"), name=f"inline_{name}")
        for name, path, _ in VENDOR_JS:
            js = (VENDOR_DIR / path).read_text(encoding="utf-8").replace("</script", "<\\/script")
            figure.header.add_child(_RawHeader(f"<script>{js}</script>"), name=f"inline_{name}")
        super().render(**kwargs)


class EventLayer(JSCSSMixin, RawMacroElement):
    """All events of a map, drawn into one folium ``FeatureGroup`` per category.

    ``payload`` (built by ``mapbuild.layer_payload``) holds ``mode``: ``"markers"`` draws one
    SVG circle marker per event with its tooltip and popup bound up front (small tables);
    ``"cluster"`` puts lightweight div-icon markers into a MarkerClusterGroup per category
    (chunked loading) and binds a tooltip/popup only when the pointer reaches a marker.
    Clicks on any marker propagate to its category FeatureGroup, which is what
    streamlit-folium listens to; the tooltip ends with ``[event_id]`` and every marker's
    options carry ``eventId``.  The layer object exposes ``setWindow(firstDay, lastDay)``
    for the time slider (days since 1970-01-01, null = open).
    """

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
.mapapp-dot{border-radius:50%;border:1px solid #222;box-sizing:border-box;opacity:.9}
.mapapp-cluster{border-radius:50%;color:#fff;font:bold 12px sans-serif;text-align:center;line-height:30px;
  border:2px solid rgba(255,255,255,.8);box-shadow:0 0 3px #333;text-shadow:0 0 2px #000}
.mapapp-popup{max-width:320px;font:13px/1.35 sans-serif}
.mapapp-popup h4{margin:0 0 4px;font-size:14px}
.mapapp-popup .meta{color:#555;margin:0 0 4px}
.mapapp-popup blockquote{margin:6px 0;padding-left:6px;border-left:3px solid #ccc;font-style:italic}
.mapapp-popup .id{color:#888;font-size:11px}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var data = {{ this.payload_json }};
  var groups = [{% for name in this.group_names %}{{ name }}{% if not loop.last %}, {% endif %}{% endfor %}];
  function field(name, i) {
    var f = data.fields[name];
    if (!f) return "";
    return Array.isArray(f) ? f[i] : f.values[f.codes[i]];
  }
  var catOfRow = [], rowsOf = data.points.map(function (pts, c) {
    var rows = [], row = -1;
    for (var k = 0; k < pts.length; k += 3) { row += pts[k + 2]; rows.push(row); catOfRow[row] = c; }
    return rows;
  });
  var dates = data.fields.date;
  function esc(s) {
    return String(s).replace(/[&<>"'`]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function tooltipHtml(i) { return esc(field("title", i)) + " [" + esc(field("event_id", i)) + "]"; }
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function popupNode(i) {
    var root = document.createElement("div");
    root.className = "mapapp-popup";
    add(root, "h4", field("title", i));
    add(root, "p", field("date", i) + " \u00b7 " + data.categories[catOfRow[i]].name, "meta");
    var place = field("place", i), location = field("location", i);
    add(root, "p", location && location !== place ? place + " \u2192 " + location : place, "place");
    var toll = field("casualties", i);
    if (toll) add(root, "p", toll, "casualties");
    var quote = field("quote", i);
    if (quote) add(root, "blockquote", "\u201c" + quote + "\u201d");
    var source = field("source", i), url = field("source_url", i);
    if (source || url) {
      var p = add(root, "p", "Source: ", "source");
      if (/^https?:\\/\\//i.test(url)) {
        var a = add(p, "a", source || url);
        a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      } else {
        p.appendChild(document.createTextNode(source));
      }
    }
    add(root, "p", field("event_id", i), "id");
    return root;
  }
  function bind(marker) {
    var i = marker.options.mapappRow;
    marker.bindTooltip(tooltipHtml(i));
    marker.bindPopup(popupNode(i), {maxWidth: 340});
  }
  var perCategory = [];
  // One shared div icon per category, coloured by a class: no per-marker style work.
  var sheet = document.createElement("style");
  sheet.textContent = data.categories.map(function (cat, c) {
    return ".mapapp-cat-" + c + "{background:" + cat.color + "}";
  }).join(" ");
  document.head.appendChild(sheet);
  data.categories.forEach(function (cat, c) {
    var pts = data.points[c], rows = rowsOf[c], markers = [], holder;
    if (data.mode === "cluster") {
      var icon = L.divIcon({className: "mapapp-dot mapapp-cat-" + c, iconSize: [12, 12], html: ""});
      holder = L.markerClusterGroup({
        chunkedLoading: false, showCoverageOnHover: false, maxClusterRadius: 50,
        iconCreateFunction: function (cluster) {
          var n = cluster.getChildCount(), size = n < 100 ? 30 : n < 1000 ? 36 : 44;
          return L.divIcon({html: '<div class="mapapp-cluster" style="background:' + cat.color + ";width:" + size +
            "px;height:" + size + "px;line-height:" + size + 'px">' + n + "</div>",
            className: "", iconSize: [size, size]});
        }
      });
      for (var k = 0; k < pts.length; k += 3) {
        var m = L.marker([pts[k], pts[k + 1]],
          {icon: icon, mapappRow: rows[k / 3], eventId: field("event_id", rows[k / 3])});
        markers.push(m);
      }
      holder.addLayers(markers);
    } else {
      holder = L.featureGroup();
      for (var j = 0; j < pts.length; j += 3) {
        var cm = L.circleMarker([pts[j], pts[j + 1]], {radius: 7, color: "#222", weight: 1, fillColor: cat.color,
          fillOpacity: 0.85, mapappRow: rows[j / 3], eventId: field("event_id", rows[j / 3])});
        bind(cm);
        markers.push(cm);
        holder.addLayer(cm);
      }
    }
    groups[c].addLayer(holder);
    groups[c].on("mouseover click", function (e) {
      var m = e.propagatedFrom || e.sourceTarget;
      if (!m || !m.options || m.options.mapappRow === undefined || m.getPopup()) return;
      bind(m);
      if (e.type === "click") m.openPopup(); else m.openTooltip();
    });
    perCategory.push({holder: holder, markers: markers});
  });
  function setWindow(first, last) {
    var shown = [];
    perCategory.forEach(function (entry) {
      var keep = entry.markers.filter(function (m) {
        var d = dates.codes[m.options.mapappRow], s = dates.start[d], e = s + dates.length[d];
        return (first === null || e >= first) && (last === null || s <= last);
      });
      entry.holder.clearLayers();
      if (entry.holder.addLayers) entry.holder.addLayers(keep);
      else keep.forEach(function (m) { entry.holder.addLayer(m); });
      shown.push(keep.length);
    });
    return shown;
  }
  return {setWindow: setWindow, data: data, field: field};
})();
{% endmacro %}
"""
    )

    def __init__(self, payload: dict, groups: list, *, js: list, css: list) -> None:
        super().__init__()
        self._name = "EventLayer"
        self.payload_json = safe_json(payload)
        self.group_names = [g.get_name() for g in groups]
        self.default_js = js[1:] if js else []  # the Map already links Leaflet itself
        self.default_css = css[1:] if css else []


class Legend(RawMacroElement):
    """The category legend: colour swatch, name and count; text set with textContent."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var items = {{ this.items_json }};
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "mapapp-legend leaflet-bar");
    div.style.cssText = "background:#fff;padding:6px 8px;font:12px/1.5 sans-serif;max-height:40vh;overflow:auto";
    var head = document.createElement("b"); head.textContent = {{ this.title_json }}; div.appendChild(head);
    items.forEach(function (item) {
      var row = document.createElement("div"); row.className = "mapapp-legend-item";
      var swatch = document.createElement("span");
      swatch.style.cssText = "display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;" +
        "border:1px solid #222;background:" + item.color;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(item.name + " (" + item.count + ")"));
      div.appendChild(row);
    });
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""
    )

    def __init__(self, items: list[dict], title: str = "Events") -> None:
        super().__init__()
        self._name = "Legend"
        self.items = items
        self.items_json = safe_json(items)
        self.title_json = safe_json(title)


class TimeSlider(RawMacroElement):
    """A play-through-time control for the standalone page: a day slider and a window length.

    Off by default (every event shown); when ticked, only events whose date span overlaps
    the window ending on the slider's day are drawn, in the same layers and colours.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var layer = {{ this.layer_name }};
  var t0 = layer.data.time.first, t1 = layer.data.time.last, offset = layer.data.time.offset;
  var control = L.control({position: "bottomleft"});
  control.onAdd = function () {
    var div = L.DomUtil.create("div", "mapapp-time leaflet-bar");
    div.style.cssText = "background:#fff;padding:4px 6px;font:12px sans-serif";
    div.innerHTML = '<label><input type="checkbox" class="on"> Time</label> ' +
      '<button type="button" class="play" title="Play">\u25b6</button> ' +
      '<input type="range" class="day" style="width:180px;vertical-align:middle"> ' +
      '<select class="window"><option value="0">that day</option><option value="6">7 days</option>' +
      '<option value="29" selected>30 days</option><option value="364">1 year</option>' +
      '<option value="-1">everything until</option></select> <span class="label"></span>';
    var on = div.querySelector(".on"), day = div.querySelector(".day"), win = div.querySelector(".window");
    var label = div.querySelector(".label"), play = div.querySelector(".play"), timer = null;
    day.min = t0; day.max = t1; day.value = t1;
    function iso(d) { return new Date((d + offset) * 86400000).toISOString().slice(0, 10); }
    function update() {
      if (!on.checked) { layer.setWindow(null, null); label.textContent = "all dates"; return; }
      var last = Number(day.value), w = Number(win.value), first = w < 0 ? null : last - w;
      var shown = layer.setWindow(first, last).reduce(function (a, b) { return a + b; }, 0);
      label.textContent = (first === null ? "until " : iso(first) + " \u2013 ") + iso(last) + ": " + shown;
    }
    on.addEventListener("change", update);
    day.addEventListener("input", function () { on.checked = true; update(); });
    win.addEventListener("change", update);
    play.addEventListener("click", function () {
      if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; return; }
      on.checked = true; play.textContent = "\u23f8";
      if (Number(day.value) >= t1) day.value = t0;
      var step = Math.max(1, Math.round((t1 - t0) / 60));
      timer = setInterval(function () {
        day.value = Math.min(t1, Number(day.value) + step); update();
        if (Number(day.value) >= t1) { clearInterval(timer); timer = null; play.textContent = "\u25b6"; }
      }, 400);
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

    def __init__(self, layer: EventLayer) -> None:
        super().__init__()
        self._name = "TimeSlider"
        self.layer_name = layer.get_name()


class CountryOutline(RawMacroElement):
    """Natural Earth 110m country outlines under the events, so the map reads without tiles."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var pane = map.createPane("mapappOutline");
  pane.style.zIndex = 250;
  pane.style.pointerEvents = "none";
  L.geoJSON({{ this.geojson }}, {pane: "mapappOutline", interactive: false,
    style: {color: "#777", weight: 0.8, fillColor: "#e8e4d8", fillOpacity: 0.35}}).addTo(map);
})();
{% endmacro %}
"""
    )

    def __init__(self, path: Path = OUTLINE_PATH) -> None:
        super().__init__()
        self._name = "CountryOutline"
        self.geojson = safe_json(json.loads(path.read_text(encoding="utf-8")))


class LayerControl(folium.LayerControl, RawMacroElement):
    """folium's layer control, rendered once: its labels are category names from the data."""
