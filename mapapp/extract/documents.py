"""Documents and sentences: reading a report, its publication date, sentence offsets.

Every extracted row quotes its sentence and points at it (``quote_start``/``quote_end``),
so sentences keep their absolute character offsets in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mapapp.dates import PublicationDate, parse_publication_date
from mapapp.errors import InputError, Problem

HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")


@dataclass(frozen=True)
class Document:
    """One text to extract from; ``pub`` comes from its header or the caller."""

    name: str
    text: str
    pub: PublicationDate


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str


def read_document(path: str | Path, date: str | None = None) -> Document:
    """A document from disk: UTF-8 text, publication date from its header or ``date``."""
    label = str(path)
    try:
        data = Path(path).read_bytes()
    except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        reason = {FileNotFoundError: "no such file", IsADirectoryError: "is a directory"}.get(type(exc),
                                                                                             "permission denied")
        raise InputError(f"{label}: {reason}", [Problem(label, None, "", reason)]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = Problem(label, line, "", f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})")
        raise InputError(str(problem), [problem]) from None
    return document_from_text(text, Path(path).name, date, label=label)


def document_from_text(text: str, name: str, date: str | None = None, label: str | None = None) -> Document:
    """A Document from text; the header's date wins over ``date`` (it is the document's own)."""
    label = label or name
    header = HEADER.match(text)
    if header:
        pub = parse_publication_date(header.group(1), source=f"{label}:1")
    elif date:
        pub = parse_publication_date(date)
    else:
        problem = Problem(label, 1, "date", "no publication date: add a ' date YYYY-MM[-DD]' first line or --date")
        raise InputError(str(problem), [problem])
    if not text.strip():
        raise InputError(f"{label}: file is empty", [Problem(label, None, "", "file is empty")])
    return Document(name, text, pub)


def body_start(text: str) -> int:
    """Where the text after the ``date`` header line starts (0 without a header)."""
    header = HEADER.match(text)
    return header.end() if header else 0


_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z\u00C0-\u024F])|\n\s*\n|\n(?=\S)")
_ABBREVIATIONS = re.compile(r"\b(?:dr|mr|mrs|ms|st|gen|lt|col|nr|vs|o\.a|m\.a\.w|bijv|ca|e\.g|i\.e)\.$",
                            re.IGNORECASE)


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Sentences of ``text[start:]`` with absolute offsets; blank lines start a new paragraph."""
    sentences: list[Sentence] = []
    paragraph = 0
    cursor = start
    for match in _BOUNDARY.finditer(text, start):
        piece = text[cursor:match.start()]
        if _ABBREVIATIONS.search(piece.rstrip("\"”’' ")):
            continue
        _add_sentence(sentences, text, cursor, match.start(), paragraph)
        if "\n" in match.group():
            paragraph += 1
        cursor = match.end()
    _add_sentence(sentences, text, cursor, len(text), paragraph)
    return sentences


def _add_sentence(sentences: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, paragraph, text[start:end]))
