"""Relative and absolute dates in Dutch and English news, resolved against the publication date."""

from __future__ import annotations

import pytest

from mapapp.dates import DateMention, find_dates, is_future, parse_publication_date, sentence_date
from mapapp.errors import InputError

MONTH_PUB = "2023-08"  # the seed: publication known only to the month
WEDNESDAY = "2023-03-15"
SATURDAY = "2024-05-18"


@pytest.mark.parametrize(
    ("pub", "sentence", "event_date", "precision"),
    [
        # A month-only publication date never yields a day (see the module docstring).
        (MONTH_PUB, "Gisteren was er ook al een Russische aanval.", "2023-08", "month"),
        (MONTH_PUB, "is donderdag minstens één persoon om het leven gekomen", "2023-08", "month"),
        (MONTH_PUB, "Vandaag evacueerden Oekraïense autoriteiten 37 dorpen.", "2023-08", "month"),
        (MONTH_PUB, "Donderdagavond vielen er raketten.", "2023-08", "month"),
        (MONTH_PUB, "Vorig jaar gaf hij verstek op de G20 in Bali.", "2022", "year"),
        (MONTH_PUB, "Dat gebeurde al een keer in 2014, na de annexatie.", "2014", "year"),
        (MONTH_PUB, "die in september nog op de Russen werd heroverd", "2022-09", "month"),
        (MONTH_PUB, "Poetin overweegt om in september naar de G20 te gaan.", "2023-09", "month"),
        (MONTH_PUB, "Poetin staat volgend jaar voor presidentsverkiezingen.", "2024", "year"),
        (MONTH_PUB, "De aanval vond plaats op 3 augustus.", "2023-08-03", "day"),
        (MONTH_PUB, "Hij werd op 12 maart 2021 gearresteerd.", "2021-03-12", "day"),
        # A full publication date pins the day.
        (WEDNESDAY, "A missile hit the city on Tuesday.", "2023-03-14", "day"),
        (WEDNESDAY, "Yesterday, shelling near Kharkiv left 8 dead.", "2023-03-14", "day"),
        (WEDNESDAY, "Rockets fell today.", "2023-03-15", "day"),
        (WEDNESDAY, "The talks began on Wednesday.", "2023-03-15", "day"),
        (WEDNESDAY, "Troops recaptured two villages last week.", "2023-03", "month"),
        (WEDNESDAY, "On 12 March, one person was killed.", "2023-03-12", "day"),
        (WEDNESDAY, "The summit opened on March 12, 2023.", "2023-03-12", "day"),
        (WEDNESDAY, "It was bombed on 20 March.", "2022-03-20", "day"),  # past tense: the last 20 March
        (WEDNESDAY, "He will visit the plant on 20 March.", "2023-03-20", "day"),
        (WEDNESDAY, "He will visit the plant next month.", "2023-04", "month"),
        (WEDNESDAY, "The offensive started last year.", "2022", "year"),
        (WEDNESDAY, "The port was hit two days ago.", "2023-03-13", "day"),
        (WEDNESDAY, "The port was hit twee dagen geleden.", "2023-03-13", "day"),
        (WEDNESDAY, "De haven werd vorige woensdag geraakt.", "2023-03-08", "day"),
        (WEDNESDAY, "De ministers komen volgende week bijeen.", "2023-03", "month"),
        (SATURDAY, "Bij een raketaanval zijn vrijdag drie doden gevallen.", "2024-05-17", "day"),
        (SATURDAY, "Zelensky sprak zaterdag in Kiev.", "2024-05-18", "day"),
        (SATURDAY, "Zondagochtend werd de stad beschoten.", "2024-05-12", "day"),
        ("2022-10-10", "Eergisteren werd de Krimbrug beschadigd.", "2022-10-08", "day"),
        ("2025-02-25", "In de nacht van donderdag op vrijdag raasde de storm.", "2025-02-21", "day"),
        ("2023-07-04", "Drie jaar geleden werd de stad opgeschrikt door een explosie.", "2020", "year"),
        ("2025-02-25", "During the night from Thursday to Friday the storm hit.", "2025-02-21", "day"),
        ("2023-02-07", "Een jaar geleden begon de oorlog.", "2022", "year"),
    ],
)
def test_sentence_date(pub: str, sentence: str, event_date: str, precision: str) -> None:
    mention = sentence_date(sentence, parse_publication_date(pub))
    assert mention is not None
    assert (mention.event_date, mention.precision) == (event_date, precision)


@pytest.mark.parametrize(
    "sentence",
    [
        "De Russische president verscheen sinds 2020 steeds minder op evenementen.",
        "Since 2014 the region has been occupied.",
        "Hij ontmoette de premier.",
        "De Groep van 20 bestaat uit negentien landen.",
        "The attack damaged 2023 homes.",  # a number, not a year: no 'in' before it
    ],
)
def test_sentences_without_an_event_date(sentence: str) -> None:
    assert sentence_date(sentence, parse_publication_date(WEDNESDAY)) is None


@pytest.mark.parametrize(
    ("anchor", "sentence", "event_date", "precision"),
    [
        # Story-relative dates count from the event told before (the anchor).
        (("2024-07-20", "day"), "Een dag later brandde een seinhuis.", "2024-07-21", "day"),
        (("2024-07-20", "day"), "Twee dagen eerder was er een brand.", "2024-07-18", "day"),
        (("2024-07-20", "day"), "De volgende dag werd een dader opgepakt.", "2024-07-21", "day"),
        (("2024-12-08", "day"), "A day earlier, the rebels captured Homs.", "2024-12-07", "day"),
        (("2024-12-08", "day"), "Later that day, a bomb hit a factory.", "2024-12-08", "day"),
        (("2025-01-14", "day"), "Dezelfde avond gingen duizenden de straat op.", "2025-01-14", "day"),
        (("2024-12-15", "day"), "Hours later, an air strike hit a school.", "2024-12-15", "day"),
        (("2023-08", "month"), "The next day, a bridge was hit.", "2023-08", "month"),  # never finer than the anchor
    ],
)
def test_story_relative_dates(anchor: tuple[str, str], sentence: str, event_date: str, precision: str) -> None:
    pub = parse_publication_date("2025-02-01")
    before = DateMention(0, 0, "", anchor[0], anchor[1], "weekday:x")
    mention = find_dates(sentence, pub, anchor=before)[0]
    assert (mention.event_date, mention.precision) == (event_date, precision)


def test_story_relative_dates_without_an_anchor_are_unknown() -> None:
    assert find_dates("Een dag later brandde een seinhuis.", parse_publication_date(WEDNESDAY)) == []


@pytest.mark.parametrize(
    ("sentence", "event_date"),
    [("Eerder deze week werden twee mensen gedood.", "2023-03"), ("Earlier this week a depot burned.", "2023-03")],
)
def test_this_week_keeps_month_precision(sentence: str, event_date: str) -> None:
    mention = sentence_date(sentence, parse_publication_date(WEDNESDAY))
    assert mention is not None and (mention.event_date, mention.precision) == (event_date, "month")


def test_mentions_carry_offsets_into_the_document() -> None:
    text = "Gisteren was er een aanval; donderdag nog een."
    mentions = find_dates(text, parse_publication_date(MONTH_PUB), offset=100)
    assert [(m.start - 100, m.end - 100, m.text) for m in mentions] == [(0, 8, "Gisteren"), (28, 37, "donderdag")]
    assert mentions[0].key != mentions[1].key  # same month, different days: the merge rule needs this


@pytest.mark.parametrize(
    ("sentence", "future"),
    [("Poetin overweegt om in september te gaan.", True), ("He will travel to Ankara.", True),
     ("De stad werd in september heroverd.", False), ("The city was retaken in September.", False)],
)
def test_tense(sentence: str, future: bool) -> None:
    assert is_future(sentence) is future


@pytest.mark.parametrize("value", ["2023", "2023-13", "2023-02-30", "gisteren", "", "08-2023"])
def test_bad_publication_dates_are_input_errors(value: str) -> None:
    with pytest.raises(InputError, match="not a date"):
        parse_publication_date(value)
