"""The bundled events.csv: valid, faithful to the seed, and geocoded by the project's own gazetteer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from geopy.distance import distance

from mapapp.gazetteer import load_gazetteer
from mapapp.load import load_events

REPO = Path(__file__).resolve().parents[1]
SEED = (REPO / "seeds" / "000_b6686d985d54f9ba.txt").read_text(encoding="utf-8")
EVENTS = load_events(REPO / "events.csv", strict=True).events


@pytest.mark.parametrize("row", EVENTS.to_dict("records"), ids=list(EVENTS["event_id"]))
def test_every_row_quotes_the_seed_and_is_located_where_the_gazetteer_says(row: dict) -> None:
    assert row["quote"] and row["quote"] in SEED
    assert row["source_doc"] == "seeds/000_b6686d985d54f9ba.txt"
    place = load_gazetteer().resolve(row["place"], context="UA").place
    assert place is not None, row["place"]
    assert place.country_code == row["country_code"]
    assert distance((row["latitude"], row["longitude"]), (place.latitude, place.longitude)).km < 1


@pytest.mark.parametrize(
    ("event_id", "location", "event_date", "precision", "category", "killed", "injured"),
    [
        ("seed-zaporizhzhia-strike-residential", "Zaporizhzhia", "2023-08", "month", "attack", 2, 7),
        ("seed-zaporizhzhia-strike-civil-building", "Zaporizhzhia", "2023-08", "month", "attack", 1, None),
        ("seed-kupiansk-villages-evacuated", "Kupiansk", "2023-08", "month", "evacuation", None, None),
        ("seed-kupiansk-city-evacuation-call", "Kupiansk", "2023-08", "month", "evacuation", None, None),
        ("seed-bakhmut-ground-lost-north", "Bakhmut", "2023-08", "month", "fighting", None, None),
        ("seed-bakhmut-near-encirclement", "Bakhmut", "2023-08", "month", "fighting", None, None),
        ("seed-g20-new-delhi-putin-weighs", "New Delhi", "2023-09", "month", "diplomacy", None, None),
        ("seed-g20-bali-putin-skipped", "Bali", "2022", "year", "diplomacy", None, None),
    ],
)
def test_the_required_seed_events_are_there(event_id, location, event_date, precision, category, killed,
                                            injured) -> None:
    row = EVENTS.set_index("event_id").loc[event_id]
    assert (row["location"], row["event_date"], row["date_precision"], row["category"]) == (
        location, event_date, precision, category)
    assert [None if pd.isna(row[c]) else int(row[c]) for c in ("killed", "injured")] == [killed, injured]
