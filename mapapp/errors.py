"""One exception tree for mapapp, so callers catch at the level they care about.

``MapappError`` is the root.  ``InputError`` carries the list of ``Problem``s found in
a file so that commands can print one ``FILE:LINE: column: problem`` line per problem
and exit 2 without a traceback.  ``GeocodeError`` covers geocoding failures that are
not simply "no match" (a missing gazetteer, a broken online service).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in an input file.

    ``line`` is the physical line in the file (header = 1); ``None`` when the problem
    concerns the whole file (empty, not UTF-8, missing columns).
    """

    file: str
    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass(frozen=True, order=True)
class RecordProblem(Problem):
    """A problem in a record of a file without lines (JSON, Parquet): ``line`` holds the 1-based
    record number.  It prints as ``FILE:record N: field: problem``, the most precise honest address.
    """

    def __str__(self) -> str:
        where = f"{self.file}:record {self.line}" if self.line is not None else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class MapappError(Exception):
    """Root of every error mapapp raises on purpose."""


class InputError(MapappError):
    """Input that cannot be used as given; ``problems`` says exactly where and why."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems: list[Problem] = list(problems or [])

    def lines(self) -> list[str]:
        """The human-readable report: one line per problem, or the message alone."""
        return [str(p) for p in self.problems] or [str(self)]


class GeocodeError(MapappError):
    """Geocoding could not run (no gazetteer data, unusable service settings)."""


class ExportError(MapappError):
    """An output could not be produced or written."""
