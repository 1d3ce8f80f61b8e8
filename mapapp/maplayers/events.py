"""The events layer: every event of a map as a marker, drawn in the browser from one compact payload.

The layer ships its data as ONE JSON payload (flat ``[lat, lng, row, ...]`` arrays per
category plus column-wise, dictionary-encoded strings, built by ``mapbuild.layer_payload``)
and creates markers, tooltips and popups in the browser, because one folium object per
event costs ~0.5 ms and ~770 bytes each in Python and HTML (52 s / 77 MB for 100,000 events).
"""

from __future__ import annotations

from folium.elements import JSCSSMixin
from folium.template import Template

from mapapp.maplayers.base import RawMacroElement, safe_json


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
