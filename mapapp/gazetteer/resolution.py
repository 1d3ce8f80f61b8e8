"""The answer of the resolver: ``Resolution``, shared by the modules that each resolve one kind of
place string (landmarks, Ukrainian settlements, city districts, and ``resolve`` itself)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mapapp.gazetteer.index import Place


@dataclass(frozen=True)
class Resolution:
    """What a place string resolved to, or ``place=None`` with the reason in ``note``.

    ``settlement`` names a real place the gazetteer knows without coordinates: the KATOTTG key of a
    Ukrainian settlement ("paraskoviivka"), whichever romanisation the query used ("Paraskovijivka").
    Two strings with the same ``settlement`` are one village, which callers that compare places (the
    extraction scorer) need without parsing ``note``.
    """

    place: Place | None
    note: str
    precision: str = ""
    row: int = field(default=-1, compare=False, repr=False)  # the gazetteer line answered, for follow-ups
    settlement: str = ""

    @property
    def resolved(self) -> bool:
        return self.place is not None
