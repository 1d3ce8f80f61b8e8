"""Text → events: the seed liveblog, place/actor decisions, casualties, categories, merging."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapapp.extract import (
    CATEGORIES,
    PlaceFinder,
    categorize,
    document_from_text,
    extract_events,
    read_document,
    split_sentences,
)
from mapapp.numbers import find_casualties, parse_number

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b6686d985d54f9ba.txt"


@pytest.fixture(scope="module")
def seed_events(finder: PlaceFinder):
    return extract_events(read_document(SEED), finder=finder)


def _rows(events, location: str):
    return events[events["location"] == location]


def test_seed_zaporizhzhia_two_strikes_with_their_casualties(seed_events) -> None:
    rows = _rows(seed_events, "Zaporizhzhia")
    casualties = {(int(r.killed), None if str(r.injured) == "<NA>" else int(r.injured)) for r in rows.itertuples()}
    assert casualties == {(2, 7), (1, None)}
    assert set(rows["category"]) == {"attack"}


@pytest.mark.parametrize(
    ("location", "category", "event_date", "precision"),
    [
        ("Kupiansk", "evacuation", "2023-08", "month"),
        ("Bakhmut", "fighting", "2023-08", "month"),
    ],
)
def test_seed_events(seed_events, location: str, category: str, event_date: str, precision: str) -> None:
    rows = _rows(seed_events, location)
    assert not rows.empty
    found = set(zip(rows["category"], rows["event_date"], rows["date_precision"], strict=True))
    assert (category, event_date, precision) in found


@pytest.mark.parametrize("location", ["New Delhi", "Bali"])
def test_seed_plans_and_last_years_happenings_are_no_events(seed_events, location: str) -> None:
    # "overweegt om in september naar de G20 in New Delhi te gaan" is a plan; "Vorig jaar gaf hij verstek op de
    # G20 in Bali" is background dated by a year (notevents)
    assert _rows(seed_events, location).empty


def test_seed_bali_is_the_indonesian_island(finder: PlaceFinder) -> None:
    text = read_document(SEED).text
    sentence = next(s for s in split_sentences(text) if "Bali" in s.text)
    found = [m.place.country_code for m in finder.locations(sentence, "UA") if m.name == "Bali"]
    assert found == ["ID"]


@pytest.mark.parametrize("not_an_event_place", ["United States", "The Guardian", "Zelensky", "Ukraine", "India",
                                                "Poetin", "Maljar", "Telegram"])
def test_seed_passing_mentions_and_actors_make_no_events(seed_events, not_an_event_place: str) -> None:
    assert not_an_event_place not in set(seed_events["location"]) | set(seed_events["place"])


def test_seed_quotes_point_into_the_document(seed_events) -> None:
    text = SEED.read_text(encoding="utf-8")
    for row in seed_events.itertuples():
        assert text[row.quote_start:row.quote_end] == row.quote
        assert row.source_doc == SEED.name


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("Vandaag evacueerden autoriteiten 37 dorpen in de regio Koepjansk.", ["regio Koepjansk"]),
        ("Het leger verloor terrein ten noorden van Bachmoet .", ["ten noorden van Bachmoet"]),
        ("Poetin wil in september naar de G20 in de Indische hoofdstad New Delhi.", ["New Delhi"]),
        ("Shelling near Kharkiv left 8 dead.", ["Kharkiv"]),
        ("A missile hit a block in the city of Zaporizhzhia.", ["Zaporizhzhia"]),
        ("In het Syrische Aleppo stortten gebouwen in.", ["Aleppo"]),
        ("Dat zegt minister Hanna Maljar tegen de Britse krant The Guardian.", []),
        ("Het Russische leger en Oekraïense troepen vechten.", []),
        ("Zelf woont Leviev in de Verenigde Staten.", ["Verenigde Staten"]),  # a place; no event cue (see below)
        ("It was the third night since Moscow pulled out of the deal.", []),  # an actor
        ("Poland's president spoke.", []),
        ("Dead in Jabalia, meldt het ministerie van Gezondheid in Gaza.", ["Jabalia"]),  # attribution clause
        ("De invasie van Oekraïne door Rusland is barbaars.", []),
        ("Sinds de start van de oorlog in Oekraïne.", []),
        ("Bij een aardbeving in het zuiden van Turkije zijn in de stad Kahramanmaraş doden gevallen.",
         ["Kahramanmaraş"]),  # the country is context for the city
    ],
)
def test_place_mentions(finder: PlaceFinder, sentence: str, places: list[str]) -> None:
    found = finder.mentions(split_sentences(sentence)[0], "UA")
    assert [m.written for m in found] == places


def test_a_passing_mention_makes_no_event(finder: PlaceFinder) -> None:
    doc = document_from_text("Zelf woont Leviev momenteel in de Verenigde Staten.", "x.txt", "2023-08")
    assert extract_events(doc, finder=finder).empty


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Daarbij vielen toen in een woonwijk twee doden en zeven gewonden.", 2, 7),
        ("is donderdag minstens één persoon om het leven gekomen .", 1, None),
        ("Shelling left 8 dead and 56 injured.", 8, 56),
        ("At least one person was killed in a drone strike.", 1, None),
        ("A missile hit the block, killing three people.", 3, None),
        ("Daarbij viel een dode.", 1, None),
        ("Er vielen twaalf gewonden.", None, 12),
        ("Op dit moment betreuren we de dood van één persoon.", 1, None),
        ("killing two adults and injuring at least 16 people", 2, 16),
        ("kwamen 371 mensen om het leven en raakten 1.089 mensen gewond", 371, 1089),
        ("Five of their fighters were killed and six wounded.", 5, 6),
        # Figures that are not casualties stay out; vague amounts stay unknown, never 0.
        ("Vandaag evacueerden autoriteiten 37 dorpen; twaalfduizend mensen moeten weg.", None, None),
        ("De stad telde zo'n 25.000 inwoners.", None, None),
        ("Bij een aanval vielen tientallen doden en dozens wounded.", None, None),
        ("Meer dan 3.500 gevangenen ontsnapten.", None, None),
    ],
)
def test_casualties(sentence: str, killed: int | None, injured: int | None) -> None:
    found = find_casualties(sentence)
    assert (found.killed, found.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("token", "value"),
    [("vierentwintig", 24), ("twaalfduizend", 12000), ("tweehonderdvijftig", 250), ("25.000", 25000),
     ("1,645", 1645), ("twenty-four", 24), ("één", 1), ("1.5", None), ("tientallen", None), ("honderden", None)],
)
def test_parse_number(token: str, value: int | None) -> None:
    assert parse_number(token) == value


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Bij een Russische raketaanval op Charkiv vielen doden.", "attack"),
        ("Russian drones struck the port.", "attack"),
        ("Het leger verloor terrein ten noorden van Bachmoet.", "fighting"),
        ("De Russen voeren aanvallen uit om onze opmars rond Bachmoet te vertragen.", "fighting"),
        ("Vandaag evacueerden autoriteiten 37 dorpen vanwege een Russische opmars.", "evacuation"),
        ("Poetin overweegt naar de G20 in New Delhi te gaan.", "diplomacy"),
        ("Een organisatie die het etiket onwenselijk krijgt, kan vervolgd worden.", "statement"),
        ("Reddingswerkers zoeken naar overlevenden na de aardbeving.", "other"),
        ("Hij woont in de Verenigde Staten.", None),
    ],
)
def test_categories(sentence: str, category: str | None) -> None:
    assert categorize(sentence) == category
    assert category is None or category in CATEGORIES


def test_merge_rule_same_story_merges_and_different_happenings_stay_apart(finder: PlaceFinder) -> None:
    text = (" date 2023-08 Gisteren was er een aanval op Zaporizja. Daarbij vielen twee doden.\n\n"
            "Er brak brand uit na een raketinslag. We betreuren de dood van één persoon.\n\n"
            "Bij een aanval op de stad Zaporizja is donderdag één persoon om het leven gekomen.")
    events = extract_events(document_from_text(text, "m.txt"), finder=finder)
    assert sorted(int(k) for k in events["killed"]) == [1, 2]


def test_no_date_is_an_input_error() -> None:
    from mapapp.errors import InputError

    with pytest.raises(InputError, match="no publication date"):
        document_from_text("Een aanval op Kiev.", "x.txt")
