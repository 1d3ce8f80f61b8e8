"""The fuzzy matcher's letter-count prefilter changes nothing: the same near names as difflib over
the whole bucket (``get_close_matches`` with the same cutoff), for names, typos and noise."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapapp.gazetteer import load_gazetteer
from mapapp.gazetteer.fuzzy import LOOSE_CUTOFF, FuzzyMatcher


@pytest.fixture(scope="module")
def matcher() -> FuzzyMatcher:
    gazetteer = load_gazetteer()
    found = [v for v in vars(gazetteer).values() if isinstance(v, FuzzyMatcher)]
    assert len(found) == 1
    return found[0]


def reference(matcher: FuzzyMatcher, key: str) -> list[tuple[float, str]]:
    """What ``_close`` gave before the prefilter: difflib over every name of the five buckets."""
    matcher._close("warm")  # builds the buckets
    pool = [name for length in range(len(key) - 2, len(key) + 3)
            for name in getattr(matcher._buckets.get((key[0], length)), "names", [])]
    return [(difflib.SequenceMatcher(None, n, key).ratio(), n)
            for n in difflib.get_close_matches(key, pool, n=8, cutoff=LOOSE_CUTOFF)]


@pytest.mark.parametrize("key", ["donestk", "kherosn", "yasinovata", "troetsk", "bakhmutt", "melitopl",
                                 "zaporizja", "koepjansk", "charkiv", "xxxxxxx", "sjevtsjenko", "al masnaa",
                                 "nagorno-karabach", "ijzeren", "ǝmre", "дніпро"])
def test_the_same_near_names_as_difflib_over_the_whole_bucket(matcher, key) -> None:
    matcher._recent.clear()
    assert matcher._close(key) == reference(matcher, key)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="abcdehiklmnoprstuvyz -'", min_size=3, max_size=14).filter(lambda k: k[0].isalpha()))
def test_the_same_near_names_for_any_string(matcher, key) -> None:
    matcher._recent.clear()
    assert matcher._close(key) == reference(matcher, key)


def test_a_typo_still_finds_its_town(matcher) -> None:
    assert any(name == "donetsk" for _ratio, name in matcher._close("donestk"))
