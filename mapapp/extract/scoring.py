"""Gold-set scoring: how well extracted events match a hand-made gold table.

Two views of the same comparison:

* per aspect (``score_extraction``): precision and recall of places, of (place, date) and of
  (place, casualties) keys, pooled over documents;
* per event (``score_events``): each gold event is paired with at most one extracted row of
  the same document at the same resolved place (one with the right date first).  A paired
  gold event is *found*; its date and its casualties (killed and injured, empty = unknown)
  are *right* when they equal the gold's; an extracted row paired with nothing is
  *spurious*.  These are the figures the extraction goals are stated in: recall of events,
  dates right and casualties right among found events, spurious events per document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mapapp.errors import InputError, Problem
from mapapp.extract.pipeline import extract_documents
from mapapp.gazetteer import load_gazetteer, normalize_name
from mapapp.gazetteer.names import spelling_key

_UNRESOLVED = "?"  # marks a spelling key, which is never a resolved place's normalised name


@dataclass(frozen=True)
class Score:
    """Precision and recall of one aspect, from counts (so sets can be pooled)."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


@dataclass(frozen=True)
class EventFigures:
    """Counts behind the per-event figures (see the module docstring)."""

    documents: int
    gold: int
    predicted: int
    found: int
    dates_right: int
    casualties_right: int

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def dates_share(self) -> float:
        return self.dates_right / self.found if self.found else 0.0

    @property
    def casualties_share(self) -> float:
        return self.casualties_right / self.found if self.found else 0.0

    @property
    def spurious(self) -> int:
        return self.predicted - self.found

    @property
    def spurious_per_document(self) -> float:
        return self.spurious / self.documents if self.documents else 0.0


def _cell(value: object) -> str:
    """A casualty cell as text: "" when unknown, else the whole number."""
    return "" if pd.isna(value) or str(value).strip() == "" else str(int(float(value)))


def _keys(rows: pd.DataFrame, aspect: str, place_column: str) -> Counter:
    keys: Counter = Counter()
    for row in rows.itertuples(index=False):
        place = getattr(row, place_column)
        if aspect == "places":
            keys[(row.doc, place)] += 1
        elif aspect == "dates":
            keys[(row.doc, place, str(row.event_date))] += 1
        elif aspect == "casualties":
            killed, injured = _cell(row.killed), _cell(row.injured)
            if killed or injured:
                keys[(row.doc, place, killed, injured)] += 1
    return keys


def _canonical(gold: pd.DataFrame, predicted: pd.DataFrame, gazetteer) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables with ``doc`` (file name) and ``canon`` (normalised resolved place name).

    A place the gazetteer knows by name only (a front-line village KATOTTG lists without coordinates) is keyed
    by that settlement's name, so gold "Paraskoviivka" and an extracted, unresolved "Paraskovijivka" (the
    Dutch romanisation) are one place; any other unresolved place is keyed by its written name's spelling key,
    so two romanisations of a village the gazetteer lacks ("Zjelanne", "Zhelanne") are one place too.
    An extracted place left unresolved that the gold row of its document writes the same way is that gold
    row's place, even when the scorer's own lookup finds a namesake for the gold name: gold "Sjevtsjenko"
    (a village by the text's town) resolves to a Shevchenko far away, and the extractor, which kept the
    village unresolved rather than put it there, named the same place.
    """
    pred = predicted.copy()
    pred["doc"] = pred["source_doc"].map(lambda d: Path(str(d)).name)
    gold = gold.copy()
    gold["doc"] = gold["doc"].map(lambda d: Path(str(d)).name)
    countries = pred.groupby("doc")["country_code"].agg(lambda c: c[c != ""].mode().iat[0] if (c != "").any() else None)

    def country_of(doc: str) -> str | None:
        country = countries.get(doc)
        return country if isinstance(country, str) else None

    def unresolved_key(place: str, resolution) -> str:
        return resolution.settlement or _UNRESOLVED + spelling_key(normalize_name(place))

    def written(doc: str, place: str) -> tuple[str, str]:
        return doc, spelling_key(normalize_name(place))

    def gold_key(row) -> str:
        resolution = gazetteer.resolve(row.place, context=country_of(row.doc))
        if resolution.place is not None:
            return normalize_name(resolution.place.name)
        return unresolved_key(row.place, resolution)

    gold["canon"] = [gold_key(row) for row in gold.itertuples(index=False)] if len(gold) else []
    gold_as_written = {written(doc, place): canon
                       for doc, place, canon in zip(gold["doc"], gold["place"], gold["canon"], strict=True)}

    def pred_key(row) -> str:
        if row.location != "":
            return normalize_name(row.location)
        same_name = gold_as_written.get(written(row.doc, row.place))
        return same_name or unresolved_key(row.place, gazetteer.resolve(row.place, context=country_of(row.doc)))

    pred["canon"] = [pred_key(row) for row in pred.itertuples(index=False)] if len(pred) else []
    return gold, pred


def score_extraction(gold: pd.DataFrame, predicted: pd.DataFrame, gazetteer) -> dict[str, Score]:
    """Precision/recall of places, dates and casualties; places compared as resolved names.

    ``gold`` has doc, place, event_date, killed, injured (doc is matched on its file name);
    ``predicted`` is an extracted events table.  A gold place is resolved with the
    gazetteer in the context of the predicted rows' main country of the same document, so
    "Zaporizhzhia" (gold) and "Zaporizhzhya" (GeoNames) are one place.
    """
    gold, pred = _canonical(gold, predicted, gazetteer)
    scores = {}
    for aspect in ("places", "dates", "casualties"):
        gold_keys, pred_keys = _keys(gold, aspect, "canon"), _keys(pred, aspect, "canon")
        matched = sum((gold_keys & pred_keys).values())
        scores[aspect] = Score(matched, sum(pred_keys.values()), sum(gold_keys.values()))
    return scores


def score_events(gold: pd.DataFrame, predicted: pd.DataFrame, gazetteer, documents: int) -> EventFigures:
    """Per-event figures: gold events paired with extracted rows (module docstring)."""
    gold, pred = _canonical(gold, predicted, gazetteer)
    unused: dict[tuple[str, str], list] = {}
    for row in pred.itertuples(index=False):
        unused.setdefault((row.doc, row.canon), []).append(row)
    found = dates_right = casualties_right = 0
    for row in gold.itertuples(index=False):
        candidates = unused.get((row.doc, row.canon))
        if not candidates:
            continue
        match = next((c for c in candidates if str(c.event_date) == str(row.event_date)), candidates[0])
        candidates.remove(match)
        found += 1
        dates_right += str(match.event_date) == str(row.event_date)
        casualties_right += ((_cell(match.killed), _cell(match.injured)) == (_cell(row.killed), _cell(row.injured)))
    return EventFigures(documents, len(gold), len(pred), found, dates_right, casualties_right)


def evaluate_documents(gold_path: str, paths: list[str], date: str | None = None,
                       gazetteer=None) -> dict[str, Score | EventFigures]:
    """Extract ``paths`` and score them against the gold CSV (doc, place, event_date, killed, injured)."""
    try:
        gold = pd.read_csv(gold_path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{gold_path}: {exc}", [Problem(gold_path, None, "", f"unreadable gold CSV: {exc}")]) from None
    missing = [c for c in ("doc", "place", "event_date", "killed", "injured") if c not in gold.columns]
    if missing:
        raise InputError(f"{gold_path}: missing columns", [Problem(gold_path, 1, c, "required column is missing")
                                                           for c in missing])
    if gazetteer is None:
        gazetteer = load_gazetteer()
    names = {Path(p).name for p in paths}
    gold = gold[gold["doc"].map(lambda d: Path(d).name in names)]
    table, summary = extract_documents(paths, date, gazetteer)
    scores: dict[str, Score | EventFigures] = dict(score_extraction(gold, table, gazetteer))
    scores["events"] = score_events(gold, table, gazetteer, summary.documents)
    return scores


def format_scores(scores: dict[str, Score | EventFigures]) -> list[str]:
    """One line per aspect (precision, recall, counts), then the per-event figures."""
    lines = []
    for aspect, s in scores.items():
        if isinstance(s, EventFigures):
            lines.append(f"{aspect:<11} recall {s.recall:6.1%}  dates right {s.dates_share:6.1%}  "
                         f"casualties right {s.casualties_share:6.1%}  spurious {s.spurious_per_document:.2f}/doc  "
                         f"(found {s.found} of {s.gold}, predicted {s.predicted}, {s.documents} documents)")
        else:
            lines.append(f"{aspect:<11} precision {s.precision:6.1%}  recall {s.recall:6.1%}  "
                         f"(matched {s.matched}, predicted {s.predicted}, gold {s.gold})")
    return lines
