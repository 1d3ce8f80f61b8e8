"""Curated exonyms: Dutch names and news spellings the GeoNames names lack (``geodata/exonyms.csv``).

GeoNames lists many Dutch names ("Kaboel", "Bagdad") but not all that Dutch and English
news use ("Port Soedan", "Tsjaad", "Gazastrook", "Hodeidah").  Transliteration rules
(``names.transliteration_variants``) cover the regular Dutch spellings of Slavic names
(-oe- for -u-, -sj- for -sh-, -tsj- for -ch-); the names no rule derives are listed here.
Each row names its target by GeoNames name, country and kind *and* by the coordinates the
gazetteer holds for it, so a rebuilt gazetteer that moved or lost the target is caught by
``geodata/check_exonyms.py`` (and the test suite) instead of silently answering another place.

Unlike ``aliases.csv`` (built into the data file), this table is added to the loaded index at
start-up: about a hundred keys, well under a millisecond, and no rebuild of the gazetteer.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from mapapp.gazetteer.index import ALIAS, ALTERNATE, PlaceIndex, km
from mapapp.gazetteer.names import normalize_name

EXONYMS_PATH = Path(__file__).resolve().parent.parent.parent / "geodata" / "exonyms.csv"
# The recorded point and the gazetteer's may differ by rounding (two decimals) and by a
# rebuilt source; farther than this is another place.
MAX_KM = 25.0
_KIND_CODES = {"country": "C", "region": "R", "city": "P"}


@dataclass(frozen=True)
class Exonym:
    """One row of the table: ``exonym`` means the place ``name`` (``kind`` in ``country``) at the point."""

    exonym: str
    name: str
    country: str
    kind: str
    latitude: float
    longitude: float
    note: str = ""


def read_exonyms(path: str | Path = EXONYMS_PATH) -> list[Exonym]:
    """The table's rows (an absent file is an empty table: the gazetteer works without it)."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [Exonym(r["exonym"], r["name"], r["country"], r["kind"], float(r["latitude"]),
                       float(r["longitude"]), r.get("note", "")) for r in csv.DictReader(handle)]


def target_row(index: PlaceIndex, exonym: Exonym) -> int | None:
    """The gazetteer line the row means: its name, country and kind, nearest the recorded point."""
    code = _KIND_CODES.get(exonym.kind)
    rows = [row for row, _q in index.candidates(normalize_name(exonym.name))
            if index.country(row) == exonym.country and index.kind(row) == code]
    near = [(km(exonym.latitude, exonym.longitude, *index.coords(row)), row) for row in rows]
    near = [pair for pair in near if pair[0] <= MAX_KM]
    return min(near)[1] if near else None


def add_exonyms(index: PlaceIndex, exonyms: list[Exonym]) -> list[Exonym]:
    """Add each exonym as a curated alias of its target; returns the rows whose target was not found.

    A curated name outranks GeoNames' alternate names under the same key: "Koeweit" (an alternate
    name of Kuwait City) names the country, "Bretagne" the region, not a village in the Landes.
    """
    missing = []
    for exonym in exonyms:
        row = target_row(index, exonym)
        if row is None:
            missing.append(exonym)
            continue
        key = normalize_name(exonym.exonym)
        code = str(row * 4 + ALIAS)
        # GeoNames' alternate spellings under the same key give way ("Bretagne" is also an alternate name of
        # the village Bretagne-de-Marsan); places whose own name it is stay and are ranked as usual.
        kept = [c for c in (index.index.get(key) or "").split(",") if c and int(c) & 3 != ALTERNATE and c != code]
        index.index[key] = ",".join([*kept, code])
    return missing
