"""ACLED CSV exports -> events.

ACLED (Armed Conflict Location & Event Data) files run to millions of rows, so everything
here is vectorised pandas: cells are read once as strings, and the few things that need
Python logic (dates, country names) are computed once per *distinct* value and mapped
back.  Line numbers stay exact: the fast reader is used only when every record sits on
one physical line (then line = row index + 2); otherwise the csv-module reader of
``mapapp.load`` gives each record its real starting line.

Mappings (ACLED codebook semantics):

* ``time_precision`` 1 = the source gives the day -> ``YYYY-MM-DD`` (day);
  2 = the source gives a week, ACLED codes a day inside it -> the coarsest period that
  surely contains that week: ``YYYY-MM`` (month) if the coded day +-3 days stays in one
  month, else ``YYYY`` (year); 3 = the source gives only the month -> ``YYYY-MM`` (month).
  The date is never more precise than the source.
* ``geo_precision`` 1 = the named town itself -> ``city``; 2 = near a town or part of a
  region, 3 = only the region (coded to its capital) -> ``region``.
* ``event_type`` -> category: Battles -> fighting; Explosions/Remote violence and
  Violence against civilians -> attack; Strategic developments -> diplomacy when the
  sub-event is an Agreement, else other; Protests, Riots -> other.
* ``fatalities`` -> ``killed`` (ACLED's own figure, 0 included); ``injured`` stays empty.
* Every ACLED column not copied verbatim is kept as ``acled_<column>``.
"""

from __future__ import annotations

import calendar
import io
import re
import warnings

import pandas as pd

from mapapp.errors import InputError, Problem
from mapapp.importers.common import ImportOptions, ImportResult, finish
from mapapp.load import decode_text, parse_csv_text

REQUIRED = ("event_id_cnty", "event_date", "event_type", "location", "latitude", "longitude")
"""ACLED columns an import cannot do without; their absence fails the whole file."""

SIGNATURE = ("event_id_cnty", "event_date", "event_type")
"""Header columns that identify a CSV as an ACLED export."""

COPIED = {
    "event_id_cnty": "event_id",
    "location": "place",
    "admin1": "admin1",
    "latitude": "latitude",
    "longitude": "longitude",
    "notes": "description",
    "source": "source",
    "fatalities": "killed",
}
"""ACLED columns copied verbatim into a schema column (all others are kept as ``acled_*``)."""

CATEGORIES = {
    "battles": "fighting",
    "explosions/remote violence": "attack",
    "violence against civilians": "attack",
    "strategic developments": "other",
    "protests": "other",
    "riots": "other",
}
GEO_PRECISIONS = {"1": "city", "2": "region", "3": "region"}
TIME_PRECISIONS = ("1", "2", "3")

# Country names ACLED spells in ways a gazetteer of official/common names may not know.
COUNTRY_ALIASES = {
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "republic of congo": "CG",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "eswatini": "SZ",
    "east timor": "TL",
    "north macedonia": "MK",
    "kosovo": "XK",
    "palestine": "PS",
    "bailiwick of guernsey": "GG",
    "bailiwick of jersey": "JE",
    "caribbean netherlands": "BQ",
    "saint-barthelemy": "BL",
    "saint-martin": "MF",
    "vatican city": "VA",
    "micronesia": "FM",
}

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NAMED = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ -]?,?[ -]?(\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def is_acled_header(columns: list[str]) -> bool:
    """True when a CSV header carries ACLED's identifying columns (any letter case)."""
    names = {c.strip().lower() for c in columns}
    return all(c in names for c in SIGNATURE)


def read_acled_frame(data: bytes, name: str) -> tuple[pd.DataFrame, pd.Series, list[Problem]]:
    """String cells, the physical line of each record, and read problems.

    ``pandas.read_csv`` is ~10x faster than the csv module, but it skips blank lines and
    folds quoted line breaks, which would shift every later line number, and it silently
    drops surplus cells.  So its result is trusted only when the file has exactly one
    physical line per record and pandas raised no warning; otherwise the csv-module
    reader (exact lines, surplus cells reported) is used.
    """
    if b"\x00" in data[:65536] or not data.strip():
        decode_text(data, name)  # raises the project's message for empty / binary input
    physical = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, index_col=False,
                                encoding="utf-8-sig")
        fast = physical == len(frame) + 1 and b"\r" not in data[:65536].replace(b"\r\n", b"")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
        fast = False
    if fast:
        frame.columns = [str(c).strip().lower() for c in frame.columns]
        return frame, pd.Series(range(2, len(frame) + 2), index=frame.index, dtype="int64"), []
    raw = parse_csv_text(decode_text(data, name), name)
    raw.frame.columns = [c.strip().lower() for c in raw.frame.columns]
    return raw.frame, raw.lines, raw.problems


def import_acled(data: bytes, name: str, options: ImportOptions | None = None) -> ImportResult:
    """Map an ACLED CSV export onto the events schema (see the module docstring for the rules)."""
    options = options or ImportOptions()
    frame, lines, read_problems = read_acled_frame(data, name)
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        problems = [Problem(name, 1, c, "required ACLED column is missing") for c in missing]
        raise InputError(f"{name}: not a usable ACLED export", problems)

    rejected = list(read_problems)
    notes: list[Problem] = []
    cells = {c: frame[c].fillna("").astype(str).str.strip() for c in frame.columns}
    blank = pd.Series("", index=frame.index, dtype=object)

    time_precision = cells.get("time_precision", blank)
    event_date, date_precision, date_error = acled_dates(cells["event_date"], time_precision, options.date_order)
    for idx in date_error[date_error != ""].index:
        column = "time_precision" if date_error[idx].startswith("time_precision") else "event_date"
        message = date_error[idx].removeprefix("time_precision: ")
        rejected.append(Problem(name, int(lines[idx]), column, message))

    geo_code = cells.get("geo_precision", blank)
    bad_geo = (geo_code != "") & ~geo_code.isin(list(GEO_PRECISIONS))
    for idx in bad_geo[bad_geo].index:
        rejected.append(Problem(name, int(lines[idx]), "geo_precision", f"{geo_code[idx]!r} is not 1, 2 or 3"))

    event_type = cells["event_type"]
    category = event_type.str.lower().map(CATEGORIES).fillna("other").astype(object)
    agreement = cells.get("sub_event_type", blank).str.lower() == "agreement"
    category = category.where(~(agreement & (event_type.str.lower() == "strategic developments")), "diplomacy")
    unknown = event_type[~event_type.str.lower().isin(list(CATEGORIES))].value_counts()
    for value, count in unknown.items():
        notes.append(Problem(name, None, "event_type",
                             f"{value!r} ({count} row(s)) is not an ACLED event type; category set to 'other'"))

    country = cells.get("country", blank)
    codes = country_codes(country.unique().tolist())
    unresolved = sorted(c for c, code in codes.items() if c and not code)
    if unresolved:
        notes.append(Problem(name, None, "country",
                             f"no ISO code known for {', '.join(map(repr, unresolved))}; country_code left empty"))

    kind = cells.get("sub_event_type", blank).where(cells.get("sub_event_type", blank) != "", event_type)
    mapped = pd.DataFrame({ours: cells[theirs] for theirs, ours in COPIED.items() if theirs in cells})
    mapped["event_date"] = event_date
    mapped["date_precision"] = date_precision
    mapped["location"] = cells["location"]
    mapped["country_code"] = country.map(codes).fillna("").astype(object)
    mapped["geo_precision"] = geo_code.map(GEO_PRECISIONS).fillna("").astype(object)
    mapped["geo_source"] = "ACLED"
    mapped["category"] = category
    mapped["title"] = kind + " in " + cells["location"]
    mapped["source_doc"] = name
    for column in frame.columns:
        if column not in COPIED:
            mapped[f"acled_{column}"] = cells[column]
    return finish(mapped, lines, name, fmt="acled", rows_read=len(frame), rejected=rejected, notes=notes,
                  source_columns={ours: theirs for theirs, ours in COPIED.items()} | {"event_date": "event_date"},
                  geocode=options.geocode)


def acled_dates(
    dates: pd.Series, time_precision: pd.Series, date_order: str | None = None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """``(event_date, date_precision, error)`` Series for ACLED date and time_precision cells.

    Computed once per distinct (date, precision) pair -- a million rows share a few
    thousand -- then mapped back.  ``error`` is "" for good rows.
    """
    order = date_order or numeric_date_order(dates.unique().tolist())
    key = dates + "|" + time_precision
    distinct = pd.unique(key)
    answers = {k: _acled_date(*k.rsplit("|", 1), order) for k in distinct}
    parts = [key.map({k: a[i] for k, a in answers.items()}).astype(object) for i in range(3)]
    return parts[0], parts[1], parts[2]


def numeric_date_order(values: list[str]) -> str | None:
    """``"dmy"`` or ``"mdy"`` when the file's numeric dates prove one order, else None.

    ``13/08/2023`` proves day-first, ``08/13/2023`` month-first.  A file with proof of only
    one order settles its ambiguous dates (``08/10/2023``); one with neither or both does not.
    """
    day_first = month_first = False
    for value in values:
        match = _NUMERIC.fullmatch(value.strip())
        if match:
            a, b = int(match[1]), int(match[2])
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    return None


def _acled_date(value: str, time_precision: str, order: str | None) -> tuple[str, str, str]:
    """One distinct ACLED date -> (ISO date at the honest precision, precision, error)."""
    if time_precision not in ("", *TIME_PRECISIONS):
        return "", "", f"time_precision: {time_precision!r} is not 1, 2 or 3"
    day, error = parse_acled_date(value, order)
    if day is None:
        return "", "", error
    if time_precision == "3":
        return day.strftime("%Y-%m"), "month", ""
    if time_precision == "2":
        first, last = day - pd.Timedelta(days=3), day + pd.Timedelta(days=3)
        if (first.year, first.month) == (last.year, last.month):
            return day.strftime("%Y-%m"), "month", ""
        return day.strftime("%Y"), "year", ""
    return day.strftime("%Y-%m-%d"), "day", ""


def parse_acled_date(value: str, order: str | None = None) -> tuple[pd.Timestamp | None, str]:
    """The day an ACLED ``event_date`` names, or ``(None, reason)``.

    Accepted: ``2023-08-10`` (API), ``10 August 2023`` / ``10-August-2023`` / ``10-Aug-2023``
    (website exports), and numeric ``DD/MM/YYYY`` or ``MM/DD/YYYY`` when the day is > 12 or
    ``order`` says which comes first.  ``08/10/2023`` without that is refused, not guessed.
    """
    text = value.strip()
    if not text:
        return None, "is empty"
    if match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _NAMED.fullmatch(text):
        month = _MONTHS.get(match[2].lower())
        if month is None:
            return None, f"{text!r}: {match[2]!r} is not a month name"
        year, day = int(match[3]), int(match[1])
    elif match := _NUMERIC.fullmatch(text):
        a, b, year = int(match[1]), int(match[2]), int(match[3])
        if a > 12 and b > 12:
            return None, f"{text!r} is not a date (neither {a} nor {b} can be a month)"
        if a == b or a > 12 or b > 12:
            day, month = (a, b) if b <= 12 and (a > 12 or a == b) else (b, a)
        elif order in ("dmy", "mdy"):
            day, month = (a, b) if order == "dmy" else (b, a)
        else:
            return None, (f"{text!r} is ambiguous ({a} {calendar.month_name[b]} or {b} {calendar.month_name[a]}?); "
                          "write YYYY-MM-DD or pass --date-order dmy|mdy")
    else:
        return None, f"{text!r} is not an ACLED date (YYYY-MM-DD, '10 August 2023', '10-August-2023')"
    try:
        return pd.Timestamp(year=year, month=month, day=day), ""
    except ValueError:
        return None, f"{text!r} is not a real date"


def country_codes(names: list[str]) -> dict[str, str]:
    """ISO alpha-2 code per ACLED country name ("" when unknown), from aliases then the gazetteer."""
    codes = {name: COUNTRY_ALIASES.get(name.strip().lower(), "") for name in names}
    todo = [name for name, code in codes.items() if name and not code]
    if todo:
        lookup = _gazetteer_country_lookup()
        for name in todo:
            codes[name] = (lookup(name) or "") if lookup else ""
    return codes


def _gazetteer_country_lookup():
    """``Gazetteer.lookup_country`` when the gazetteer can be loaded, else None (codes stay empty)."""
    try:
        from mapapp.gazetteer import load_gazetteer

        return load_gazetteer().lookup_country
    except Exception:  # a missing or broken gazetteer only costs the country codes
        return None
