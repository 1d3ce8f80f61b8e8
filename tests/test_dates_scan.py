"""Date expressions are looked for only where a word starts (``dates.date_expressions``): the
same matches, in the same order, as the whole pattern tried at every character."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapapp import dates

DATA = Path(__file__).resolve().parent / "data" / "extract"
TEXTS = sorted(p for p in DATA.glob("tuning*/*.txt")) + sorted(Path(__file__).resolve().parents[1].glob("seeds/*.txt"))


def spans(matches) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]


def test_there_are_texts_to_compare() -> None:
    assert len(TEXTS) > 200


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_same_matches_as_finditer_on_every_tuning_text(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        assert spans(dates.date_expressions(line)) == spans(dates._COMBINED.finditer(line))


WORDS = ["gisteren", "gisteravond", "yesterday", "eergisteren", "morgen", "vorige", "week", "vrijdag", "Friday",
         "on", "op", "in", "de", "nacht", "van", "maandag", "the", "night", "of", "to", "last", "next", "month",
         "maand", "jaar", "year", "sinds", "since", "2023", "2023-08-10", "10", "augustus", "August", "mid", "begin",
         "twee", "three", "dagen", "days", "ago", "geleden", "this", "deze", "dit", "zomer", "winter", "earlier",
         "later", "ochtend", "morning", "x2023", "a", "an", "één", "1", "15"]
SEPARATORS = [" ", "  ", ", ", ". ", "-", "'", "(", ")", "", "\u00a0", ":", "/", "–"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=14))
def test_the_same_matches_as_finditer_on_any_mix_of_date_words(parts) -> None:
    sentence = "".join(word + separator for word, separator in parts)
    assert spans(dates.date_expressions(sentence)) == spans(dates._COMBINED.finditer(sentence))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_the_same_matches_as_finditer_on_any_text(sentence) -> None:
    assert spans(dates.date_expressions(sentence)) == spans(dates._COMBINED.finditer(sentence))
