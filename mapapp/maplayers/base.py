"""What every map element shares: inert JSON, render-once macros, vendored assets, the layer control.

Escaping is structural, not per call site: untrusted text only ever enters the page
(1) inside JSON that ``safe_json`` has made inert in a ``<script>`` (``<``, ``>``, ``&``,
U+2028/9 as ``\\uXXXX``), and (2) in the browser through ``textContent`` or the ``esc()``
helper for the one place Leaflet wants an HTML string (tooltips, which streamlit-folium
reads back as ``innerHTML``).  No template in this package interpolates untrusted text as HTML.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"

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


class LayerControl(folium.LayerControl, RawMacroElement):
    """folium's layer control, rendered once: its labels are category names from the data."""
