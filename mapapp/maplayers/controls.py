"""On-map controls over the events layer: the category legend and the time slider (time data)."""

from __future__ import annotations

from folium.template import Template

from mapapp.maplayers.base import RawMacroElement, safe_json
from mapapp.maplayers.events import EventLayer


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
      row.appendChild(document.createTextNode(item.name + (item.count === null ? "" : " (" + item.count + ")")));
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
