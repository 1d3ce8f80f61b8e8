"""How an event reads to a person, and the exports: shared by the map, the app and the CLI.

Neither folium nor streamlit is imported here, so the app can format a date, count the
drawable events, export GeoJSON or map a click back to its event without the map module,
and the map module draws popups with exactly the same wording.  Text is returned as plain
strings; escaping for a given medium (HTML, JSON, Markdown) happens where it is rendered,
except ``escape_markdown``, which exists for that one medium.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from mapapp.schema import date_precision_of, is_http_url, parse_event_date

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:=\"'^%@])")


def format_event_date(event_date: str, precision: str | None = None) -> str:
    """The date as a reader should see it, no more precise than known.

    ``("2023-08-10", "day")`` → ``"10 Aug 2023"``, ``("2023-08", "month")`` → ``"Aug 2023"``,
    ``("2022", "year")`` → ``"2022"``.  A declared precision coarser than the date's form
    wins (``("2023-08-01", "month")`` → ``"Aug 2023"``), because a month-precision date is
    often stored as the 1st.  Text that is not an ISO date is returned unchanged.
    """
    text = str(event_date).strip()
    first = parse_event_date(text)
    if first is None:
        return text
    rank = {"day": 0, "month": 1, "year": 2}
    form = date_precision_of(text) or "day"
    shown = precision if precision in rank and rank[precision] > rank[form] else form
    if shown == "day":
        return f"{first.day} {first:%b %Y}"
    if shown == "month":
        return f"{first:%b %Y}"
    return f"{first:%Y}"


def casualty_text(killed: object, injured: object) -> str:
    """``"2 killed, 7 injured"``; a figure that is unknown is left out, not shown as 0."""
    parts = [f"{int(n)} {word}" for n, word in ((killed, "killed"), (injured, "injured")) if not pd.isna(n)]
    return ", ".join(parts)


def located_events(events: pd.DataFrame) -> pd.DataFrame:
    """Events that can be drawn: both coordinates present and finite (never a fake 0,0)."""
    lat = pd.to_numeric(events["latitude"], errors="coerce")
    lng = pd.to_numeric(events["longitude"], errors="coerce")
    ok = lat.between(-90, 90) & lng.between(-180, 180)
    return events[ok]


def event_facts(event: pd.Series) -> list[str]:
    """The one-line facts shown under an event's title: date, category, place(s), casualties.

    Empty facts are left out; the place as written and the resolved location are both
    given when they differ.
    """
    facts = [format_event_date(str(event["event_date"]), str(event.get("date_precision", ""))),
             str(event.get("category", "") or "")]
    place = " / ".join(dict.fromkeys(str(v) for v in (event.get("place"), event.get("location")) if v))
    if place:
        facts.append(place)
    casualties = casualty_text(event.get("killed"), event.get("injured"))
    if casualties:
        facts.append(casualties)
    return [f for f in facts if f]


def escape_markdown(text: object) -> str:
    """``text`` as literal Markdown: no links, emphasis, HTML, LaTeX or Streamlit directives.

    Streamlit renders Markdown in ``st.markdown``, ``st.warning``, ``st.caption`` and labels,
    so untrusted text (events, URL parameters, file names) goes through here first.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def safe_link(url: object) -> str | None:
    """``url`` if it is a plain http(s) URL, else None: ``javascript:`` never becomes a link."""
    text = str(url or "").strip()
    return text if is_http_url(text) else None


def event_id_at(events: pd.DataFrame, lat: float | None = None, lng: float | None = None,
                text: str | None = None) -> str | None:
    """The event_id of the drawn event a streamlit-folium click refers to, or None.

    ``text`` is ``last_object_clicked_tooltip`` (ends with ``[event_id]``) or
    ``last_object_clicked_popup`` (last line is the event_id); it decides when it names a
    drawn event, which also separates events at the same coordinates.  Otherwise the
    event nearest to ``(lat, lng)`` wins (longitude distance scaled by cos(latitude)).
    """
    drawn = located_events(events)
    if drawn.empty:
        return None
    ids = drawn["event_id"].astype(str)
    if text:
        stripped = text.strip()
        last_line = stripped.splitlines()[-1].strip() if stripped else ""
        matches = ids[ids.map(lambda i: stripped.endswith(f"[{i}]") or last_line == i)]
        if not matches.empty:
            return max(matches, key=len)
    if lat is None or lng is None or any(map(math.isnan, (float(lat), float(lng)))):
        return None
    scale = math.cos(math.radians(float(lat)))
    dist = (pd.to_numeric(drawn["latitude"]) - float(lat)) ** 2 + \
        ((pd.to_numeric(drawn["longitude"]) - float(lng)) * scale) ** 2
    return str(ids[dist.idxmin()])


def events_to_geojson(events: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection of the located events, every column as a property.

    Unknown values (NaN, <NA>) become null, never 0 or "nan".  Events without coordinates
    are left out, as on the map.
    """
    drawn = located_events(events)
    plain = drawn.astype(object).where(drawn.notna(), None)
    features = []
    for record in plain.to_dict(orient="records"):
        properties = {k: (v.item() if hasattr(v, "item") else v) for k, v in record.items()}
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(record["longitude"]), float(record["latitude"])]},
            "properties": properties,
        })
    return {"type": "FeatureCollection", "features": features}
