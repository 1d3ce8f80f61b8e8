"""Folium elements that mapapp's maps are made of, one module per concern.

* ``base``: inert JSON (``safe_json``), render-once macros, vendored assets, the layer control;
* ``events``: individual events as markers or marker clusters (``EventLayer``);
* ``cells``: events aggregated into H3 hexagons, one level per zoom range (``CellLayer``), and
  their time control (``CellTimeSlider``);
* ``controls``: the legend and the time slider;
* ``outline``: country outlines for a map without tiles.

Each element is a small Jinja template (a ``MacroElement``), as folium's own plugins are.
"""

from mapapp.maplayers.base import (
    ASSET_MODES,
    VENDOR_CSS,
    VENDOR_DIR,
    VENDOR_JS,
    InlineAssets,
    LayerControl,
    RawMacroElement,
    asset_links,
    safe_json,
)
from mapapp.maplayers.cells import CellLayer, CellTimeSlider
from mapapp.maplayers.controls import Legend, TimeSlider
from mapapp.maplayers.events import EventLayer
from mapapp.maplayers.outline import OUTLINE_PATH, CountryOutline

__all__ = [
    "ASSET_MODES", "OUTLINE_PATH", "VENDOR_CSS", "VENDOR_DIR", "VENDOR_JS", "CellLayer", "CellTimeSlider",
    "CountryOutline", "EventLayer", "InlineAssets", "LayerControl", "Legend", "RawMacroElement", "TimeSlider",
    "asset_links", "safe_json",
]
