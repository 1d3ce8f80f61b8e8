"""Fuzzy matching: "Donestk" → Donetsk, but only when one place is clearly the one meant.

Candidates are names of countries, regions and towns of at least ``FUZZY_MIN_POPULATION``
(the data file lists their keys), bucketed by first letter and length so a query compares
against a few hundred names, not 240,000.
"""

from __future__ import annotations

import difflib

from mapapp.gazetteer.index import PlaceIndex

FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 0.84
FUZZY_MIN_POPULATION = 5_000
FUZZY_TIE_MARGIN = 0.04  # a second, different place this close in similarity makes the match too risky


class FuzzyMatcher:
    """Near-miss names over one ``PlaceIndex``; the buckets are built on first use."""

    def __init__(self, index: PlaceIndex) -> None:
        self.index = index
        self._buckets: dict[tuple[str, int], list[str]] | None = None

    def rows(self, key: str, countries: set[str]) -> list[int]:
        """Rows whose name is a near-miss of ``key`` with one clear winner name, else []."""
        if len(key) < FUZZY_MIN_LENGTH or not key[0].isalpha():
            return []
        if self._buckets is None:
            self._buckets = self._build_buckets()
        index = self.index
        pool: list[str] = []
        for length in range(len(key) - 2, len(key) + 3):
            pool.extend(self._buckets.get((key[0], length), ()))
        matches = difflib.get_close_matches(key, pool, n=5, cutoff=FUZZY_CUTOFF)
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
        return list(best_rows)

    def _worthy(self, row: int) -> bool:
        return self.index.kind(row) != "P" or int(self.index.fields(row)[7]) >= FUZZY_MIN_POPULATION

    def _build_buckets(self) -> dict[tuple[str, int], list[str]]:
        """Names of countries, regions and towns ≥ FUZZY_MIN_POPULATION, by (first letter, length)."""
        buckets: dict[tuple[str, int], list[str]] = {}
        for key in self.index.fuzzy_keys:
            if len(key) >= FUZZY_MIN_LENGTH - 2:
                buckets.setdefault((key[0], len(key)), []).append(key)
        return buckets
