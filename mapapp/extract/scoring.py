"""Gold-set scoring: precision and recall of extracted places, dates and casualties."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mapapp.errors import InputError, Problem
from mapapp.extract.pipeline import extract_documents
from mapapp.gazetteer import load_gazetteer, normalize_name


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


def _keys(rows: pd.DataFrame, aspect: str, place_column: str) -> Counter:
    def cell(value: object) -> str:
        return "" if pd.isna(value) or str(value).strip() == "" else str(int(float(value)))

    keys: Counter = Counter()
    for row in rows.itertuples(index=False):
        place = getattr(row, place_column)
        if aspect == "places":
            keys[(row.doc, place)] += 1
        elif aspect == "dates":
            keys[(row.doc, place, str(row.event_date))] += 1
        elif aspect == "casualties":
            killed, injured = cell(row.killed), cell(row.injured)
            if killed or injured:
                keys[(row.doc, place, killed, injured)] += 1
    return keys


def score_extraction(gold: pd.DataFrame, predicted: pd.DataFrame, gazetteer) -> dict[str, Score]:
    """Precision/recall of places, dates and casualties; places compared as resolved names.

    ``gold`` has doc, place, event_date, killed, injured (doc is matched on its file name);
    ``predicted`` is an extracted events table.  A gold place is resolved with the
    gazetteer in the context of the predicted rows' main country of the same document, so
    "Zaporizhzhia" (gold) and "Zaporizhzhya" (GeoNames) are one place.
    """
    pred = predicted.copy()
    pred["doc"] = pred["source_doc"].map(lambda d: Path(str(d)).name)
    pred["canon"] = pred["location"].where(pred["location"] != "", pred["place"]).map(normalize_name)
    gold = gold.copy()
    gold["doc"] = gold["doc"].map(lambda d: Path(str(d)).name)
    countries = pred.groupby("doc")["country_code"].agg(lambda c: c[c != ""].mode().iat[0] if (c != "").any() else None)

    def canon(row) -> str:
        resolution = gazetteer.resolve(row.place, context=countries.get(row.doc))
        return normalize_name(resolution.place.name if resolution.place is not None else row.place)

    gold["canon"] = [canon(row) for row in gold.itertuples(index=False)] if len(gold) else []
    scores = {}
    for aspect in ("places", "dates", "casualties"):
        gold_keys, pred_keys = _keys(gold, aspect, "canon"), _keys(pred, aspect, "canon")
        matched = sum((gold_keys & pred_keys).values())
        scores[aspect] = Score(matched, sum(pred_keys.values()), sum(gold_keys.values()))
    return scores


def evaluate_documents(gold_path: str, paths: list[str], date: str | None = None,
                       gazetteer=None) -> dict[str, Score]:
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
    table, _summary = extract_documents(paths, date, gazetteer)
    return score_extraction(gold, table, gazetteer)


def format_scores(scores: dict[str, Score]) -> list[str]:
    """One line per aspect: precision, recall and the counts behind them."""
    return [f"{aspect:<11} precision {s.precision:6.1%}  recall {s.recall:6.1%}  "
            f"(matched {s.matched}, predicted {s.predicted}, gold {s.gold})" for aspect, s in scores.items()]
