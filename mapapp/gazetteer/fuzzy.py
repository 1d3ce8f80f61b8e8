"""Fuzzy matching: "Donestk" → Donetsk, but only when one place is clearly the one meant.

Candidates are names of countries, regions and towns of at least ``FUZZY_MIN_POPULATION``
(the data file lists their keys), bucketed by first letter and length so a query compares
against a few hundred names, not 240,000, and those few hundred are first narrowed by
difflib's own letter-count bound, worked out for a whole bucket at once with numpy.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable

import numpy as np

from mapapp.gazetteer.index import PlaceIndex

FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 0.84
FUZZY_MIN_POPULATION = 5_000
FUZZY_TIE_MARGIN = 0.04  # a second, different place this close in similarity makes the match too risky
LOOSE_CUTOFF = 0.78  # "Yasinovata" → Yasynuvata, "Troetsk" → Troitske: only with the checks of loose_rows
SMALL_SLIP = 0.9  # with no country to search in, a near miss must be this close (or a swap of letters)
_VOWELS = re.compile(r"[aeiouy ]")
_VOWEL_LETTERS = set("aeiouy ")


def small_slip(key: str, name: str) -> bool:
    """Whether ``key`` is ``name`` with a slip small enough to trust anywhere in the world: two
    neighbouring letters swapped ("Kherosn", "Donestk"), or, nearly the same letters, with only
    letters dropped ("Melitopl"), doubled ("Bakhmutt") or vowels changed or added.  A consonant
    added or changed makes another name: "Shangla" is not Shanga, nor "Al Masnaa" Al Manama."""
    if len(key) == len(name):
        differ = [i for i, (a, b) in enumerate(zip(key, name, strict=True)) if a != b]
        if len(differ) == 2 and differ[1] == differ[0] + 1 and key[differ[0]] == name[differ[1]] \
                and key[differ[1]] == name[differ[0]]:
            return True
    matcher = difflib.SequenceMatcher(None, name, key)
    if matcher.ratio() < SMALL_SLIP:
        return False
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        added = key[j1:j2]
        if op == "insert" and not all(ch in _VOWEL_LETTERS or ch in (key[j1 - 1:j1] + key[j2:j2 + 1])
                                      for ch in added):
            return False
        if op == "replace" and not all(ch in _VOWEL_LETTERS for ch in name[i1:i2] + added):
            return False
    return True


def consonants(key: str) -> str:
    """The consonant skeleton of a name, which Russian and Ukrainian spellings of one place
    usually share: "yasinovata" and "yasynuvata" → "snvt"."""
    return re.sub(r"(.)\1+", r"\1", _VOWELS.sub("", key.replace("j", "y")))


class FuzzyMatcher:
    """Near-miss names over one ``PlaceIndex``; the buckets are built on first use."""

    def __init__(self, index: PlaceIndex) -> None:
        self.index = index
        self._buckets: dict[tuple[str, int], _Bucket] | None = None
        self._alphabet: dict[str, int] = {}
        self._recent: dict[str, list[tuple[float, str]]] = {}

    def rows(self, key: str, countries: set[str]) -> list[int]:
        """Rows whose name is a near-miss of ``key`` with one clear winner name, else [];
        within ``countries`` when given, else only for a ``small_slip``."""
        if len(key) < FUZZY_MIN_LENGTH or not key[0].isalpha():
            return []
        index = self.index
        matches = [name for ratio, name in self._close(key)[:5] if ratio >= FUZZY_CUTOFF]
        if not matches:
            return []
        scored = []
        for name in matches:
            rows = [r for r, _q in index.candidates(name) if self._worthy(r)]
            if countries:
                rows = [r for r in rows if index.country(r) in countries]
            cities = {index.country(r) for r in rows if index.kind(r) == "P"}
            rows = [r for r in rows if not (index.kind(r) == "R" and index.country(r) in cities)]
            if rows:
                scored.append((difflib.SequenceMatcher(None, key, name).ratio(), name, rows))
        if not scored:
            return []
        scored.sort(key=lambda s: -s[0])
        best_rows = set(scored[0][2])
        for ratio, _name, rows in scored[1:]:
            if ratio >= scored[0][0] - FUZZY_TIE_MARGIN and not set(rows) <= best_rows:
                return []
        if not countries and not any(small_slip(key, name) for _r, name, rows in scored if set(rows) <= best_rows):
            return []  # anywhere in the world: only a small slip of one of its names, never a look-alike
        return list(best_rows)

    def loose_rows(self, key: str, keep: Callable[[int], bool]) -> list[int]:
        """A looser near miss (similarity ≥ LOOSE_CUTOFF: "Troetsk, Luhansk oblast" → Troitske),
        for a string with hints or a context: accepted only when one place is left once ``keep``
        (those hints and context) has filtered the candidates, and its consonants agree."""
        if len(key) < FUZZY_MIN_LENGTH + 1 or not key[0].isalpha():
            return []
        index = self.index
        scored = []
        for ratio, name in self._close(key):
            # every place of that name the context allows, villages too: "Krsane" must not become
            # the one Krasne big enough for typo matching when a dozen villages share the name
            rows = {r for r, _q in index.candidates(name) if index.kind(r) == "P" and keep(r)}
            if rows and any(self._worthy(r) for r in rows):
                scored.append((ratio, name, rows))
        if not scored:
            return []
        best_ratio, best_name, best_rows = scored[0]
        if any(not rows <= best_rows for _r, _n, rows in scored[1:]):
            return []  # two different places pass: a guess
        if consonants(best_name) != consonants(key) or len(best_rows) > 1:
            return []
        return sorted(best_rows)

    def _close(self, key: str) -> list[tuple[float, str]]:
        """(similarity, name) of the up to 8 names most like ``key`` (≥ LOOSE_CUTOFF), best first;
        remembered, since a string's parts are often asked about twice."""
        found = self._recent.get(key)
        if found is None:
            if self._buckets is None:
                self._buckets = self._build_buckets()
            letters = _letter_counts(key, self._alphabet)
            pool: list[str] = []
            for length in range(len(key) - 2, len(key) + 3):
                bucket = self._buckets.get((key[0], length))
                if bucket is not None:
                    pool.extend(bucket.near(letters, len(key), LOOSE_CUTOFF))
            # get_close_matches' own order and score (candidate first), so the strict tier picks
            # exactly what it picked before the loose tier existed
            found = [(difflib.SequenceMatcher(None, n, key).ratio(), n)
                     for n in difflib.get_close_matches(key, pool, n=8, cutoff=LOOSE_CUTOFF)]
            if len(self._recent) > 4096:
                self._recent.clear()
            self._recent[key] = found
        return found

    def _worthy(self, row: int) -> bool:
        return self.index.kind(row) != "P" or int(self.index.fields(row)[7]) >= FUZZY_MIN_POPULATION

    def _build_buckets(self) -> dict[tuple[str, int], _Bucket]:
        """Names of countries, regions and towns ≥ FUZZY_MIN_POPULATION, by (first letter, length)."""
        names: dict[tuple[str, int], list[str]] = {}
        for key in self.index.fuzzy_keys:
            if len(key) >= FUZZY_MIN_LENGTH - 2:
                names.setdefault((key[0], len(key)), []).append(key)
        letters = np.unique(_code_points("".join(self.index.fuzzy_keys)))
        self._alphabet = {chr(c): i for i, c in enumerate(letters.tolist())}
        return {where: _Bucket(group, letters) for where, group in names.items()}


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _letter_counts(text: str, alphabet: dict[str, int]) -> np.ndarray:
    """How often each letter of ``alphabet`` occurs in ``text`` (letters outside it match no name)."""
    counts = np.zeros(len(alphabet), dtype=np.uint8)
    for ch, n in Counter(text).items():
        if ch in alphabet:
            counts[alphabet[ch]] = min(n, 255)
    return counts


class _Bucket:
    """Names of one (first letter, length), with their letter counts as one matrix.

    ``get_close_matches`` keeps a name only if its ``quick_ratio`` (twice the letters two strings
    share, as multisets, over their total length) reaches the cutoff, and ``ratio`` never exceeds
    it; ``near`` applies that same bound to every name of the bucket in one numpy step, so
    difflib then compares the key with the few names that can pass, not with hundreds (two
    thirds of extraction time on news text went to those comparisons).  The answer is the
    same: the names left out are the ones difflib would have dropped, and it orders what it
    keeps by score and name, whatever the pool's order.
    """

    def __init__(self, names: list[str], letters: np.ndarray) -> None:
        """``letters``: the sorted code points of the alphabet (every letter of every name)."""
        self.names = names
        self.length = len(names[0])
        # One pass for the whole bucket (its names share a length): 66,000 names took 0.25 s one by one.
        columns = np.searchsorted(letters, _code_points("".join(names))).reshape(len(names), self.length)
        cells = (np.arange(len(names))[:, None] * len(letters) + columns).ravel()
        self.counts = np.bincount(cells, minlength=len(names) * len(letters)).reshape(len(names), len(letters)) \
            .astype(np.uint8)

    def near(self, letters: np.ndarray, key_length: int, cutoff: float) -> list[str]:
        shared = np.minimum(self.counts, letters).sum(axis=1)
        bound = 2.0 * shared / (key_length + self.length)
        return [self.names[i] for i in np.flatnonzero(bound >= cutoff)]
