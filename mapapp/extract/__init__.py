"""News text → events table: places, dates, casualties, categories and provenance.

Offline and rule-based (Dutch and English): no model is downloaded, every decision can be
read in the modules below and tested.  One module per concern:

* ``documents``: reading a report, its publication date, sentences with offsets;
* ``lexicon``: event triggers by category (what makes a sentence report something);
* ``notevents`` and ``unreal``: what is not an event though its words look like one (plans, background,
  passing places; happenings told only as possible, hoped for, conditional or habitual);
* ``placewords``: the place-cue vocabulary ``places`` reads;
* ``placecues``: what the words around a name say about it (the cue before it, compounds, lists);
* ``places``: which names in a sentence are used as locations (``PlaceFinder``);
* ``placechoice``: which of a sentence's locations is the event's and which only locate it;
* ``merge``: one row per happening (same place, compatible dates and casualties; orphans);
* ``story``: how a sentence continues the story told before it (its day, the town "daar" points at, tolls);
* ``pipeline``: the steps for one document and for a batch, the events table;
* ``scoring``: precision and recall against a gold table (``mapapp evaluate``).

This package exports what callers use, so ``from mapapp.extract import ...`` keeps working.
"""

from mapapp.extract.documents import Document, Sentence, document_from_text, read_document, split_sentences
from mapapp.extract.lexicon import CATEGORIES, categorize
from mapapp.extract.merge import ORPHAN_REACH, Candidate
from mapapp.extract.pipeline import (
    EXTRA_COLUMNS,
    ExtractionSummary,
    extract_candidates,
    extract_documents,
    extract_events,
    main_country,
)
from mapapp.extract.places import BIG_PLACE, PlaceFinder, PlaceMention
from mapapp.extract.scoring import (
    EventFigures,
    Score,
    evaluate_documents,
    format_scores,
    score_events,
    score_extraction,
)

__all__ = [
    "BIG_PLACE",
    "CATEGORIES",
    "EXTRA_COLUMNS",
    "ORPHAN_REACH",
    "Candidate",
    "Document",
    "EventFigures",
    "ExtractionSummary",
    "PlaceFinder",
    "PlaceMention",
    "Score",
    "Sentence",
    "categorize",
    "document_from_text",
    "evaluate_documents",
    "extract_candidates",
    "extract_documents",
    "extract_events",
    "format_scores",
    "main_country",
    "read_document",
    "score_events",
    "score_extraction",
    "split_sentences",
]
