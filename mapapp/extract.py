"""News text → events table: places, dates, casualties, categories and provenance.

Offline and rule-based (Dutch and English): no model is downloaded, every decision can be
read below and tested.  The pipeline for one document:

1. **Publication date** from a first-line header (`` date 2023-08`` / `` date 2023-08-17``)
   or the caller's ``--date``; none at all is an ``InputError``.
2. **Sentences** with their character offsets, so every row can quote its sentence and
   point at it (``quote_start``/``quote_end``).
3. **Place mentions**: runs of capitalised words resolved with the project's gazetteer,
   in the context of the document's main country (the country most resolved mentions
   fall in).  A name is a place *of an event* only when the text uses it as a location:
   after a locative cue ("in", "bij", "near", "rond", "ten noorden van", "in de stad",
   "the city of", ...), or, for big places (≥ ``BIG_PLACE`` inhabitants), anywhere it is
   not an actor.  Actors and other non-places are left out: names after a title
   ("president", "minister"), multi-word personal names, media and agencies, names in an
   attribution clause (", meldt het ministerie in Gaza", "according to ..."), a subject
   followed by a reporting verb ("Moscow pulled out", "Iran condemned"), possessives
   ("Russia's"), agents ("door Rusland"), countries without a locative cue or after "war
   in"/"oorlog in", and adjectives ("Russische", "Oekraïense").  A country or region in a
   sentence that also names a city is context for the city, not a second event.
4. **Category** from the vocabulary ``CATEGORIES`` (scored keywords, see ``_CATEGORY_CUES``),
   **casualties** (``mapapp.numbers``), **date** (``mapapp.dates``).
5. **Events**: a sentence that has a place and a category cue or casualties makes one
   candidate per place.  A sentence with a place but neither (a passing mention,
   "Leviev woont in de Verenigde Staten") makes none.
6. **Merging**, one row per happening.  Two candidates at the same resolved place merge
   when their categories are equal, their dates are compatible and their casualties are
   compatible.  Sentences with an event cue but no place ("orphans", e.g. "Er brak brand
   uit ... Op dit moment betreuren we de dood van één persoon") join the nearest event
   within ``ORPHAN_REACH`` sentences, before first, then after, under the same rule
   (an orphan without a category cue fits any category).  Otherwise they are dropped:
   we never invent a place.

*Compatible dates*: either side undated, or equal resolved dates, except that two
different explicit day expressions ("gisteren" vs "donderdag") are different days even
when a month-only publication date resolves both to the same month.
*Compatible casualties*: for killed and for injured, one side unknown or both equal.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mapapp.dates import MONTHS, WEEKDAYS, DateMention, PublicationDate, find_dates, format_date, parse_publication_date
from mapapp.errors import InputError, Problem
from mapapp.numbers import Casualties, figures, find_casualties

# The map's layers use exactly these names (see events.csv).
CATEGORIES: dict[str, str] = {
    "attack": "strikes from afar: shelling, bombardment, missiles, rockets, drones, air strikes, bombs",
    "fighting": "ground combat: clashes, advances, loss or capture of territory, encirclement, recapture",
    "evacuation": "people ordered or forced to leave: evacuations, flight, displacement",
    "diplomacy": "summits, visits, talks, meetings, conferences, pledges",
    "statement": "declarations, announcements, bans, designations, condemnations",
    "other": "anything else with a place and a cue: disasters, annexations, withdrawals, protests",
}
BIG_PLACE = 50_000
ORPHAN_REACH = 3
EXTRA_COLUMNS = ("quote_start", "quote_end")

_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")

# (category, weight, pattern).  Dutch compounds ("raketaanval") need substring matches.
_CATEGORY_CUES: tuple[tuple[str, float, str], ...] = (
    ("attack", 2.0, r"\w*(?:raket|bombard|beschiet|beschiet|beschot|luchtaanval|droneaanval|artiller|aanslag)\w*"
                    r"|\b(?:drones?|missiles?|rockets?|shell(?:s|ing|ed)?|strikes?|struck|air\s*strikes?|"
                    r"airstrikes?|bomb\w*|artillery|explosions?|explosie\w*|warplanes?)\b"),
    ("attack", 1.0, r"\w*aanval\w*|\b(?:attack\w*|hit|trof|geraakt|raakte|gunmen|bestormd\w*|stormed)\b"),
    ("fighting", 1.5, r"\b(?:gevecht\w*|strijd|fighting|fought|clash\w*|opmars|opgerukt|oprukt\w*|advanc\w*|"
                      r"terrein|veroverd\w*|heroverd\w*|recaptur\w*|captur\w*|omsingel\w*|encircl\w*|"
                      r"offensie\w*|offensive|front\w*|battle\w*|posities|positions|bezet\w*|occup\w*)\b"),
    ("evacuation", 2.0, r"\w*evacu\w*|\b(?:fled|flee\w*|vlucht|vluchtten|displaced|ontheemd\w*|verlaten)\b"),
    ("diplomacy", 1.5, r"\b(?:top|topontmoeting|summit\w*|g20|g7|bezoek\w*|visit\w*|gesprek\w*|talks|"
                       r"ontmoeting\w*|meeting|met\s+with|sprak|spoke|reist|reisde|travel\w*|bijeen|gathered|"
                       r"conferent\w*|conference|donors?|pledged|onderhandel\w*|negotiat\w*|verstek)\b"),
    ("statement", 1.5, r"\b(?:verklaar\w*|declar\w*|announc\w*|kondigde|aangekondigd|verbod|verboden|ban|banned|"
                       r"onwenselijk\w*|undesirable|designat\w*|bestempel\w*|veroordeel\w*|condemn\w*|"
                       r"mourning|rouw)\b"),
    # Speech is a statement event only where the sentence places it: "zei dinsdag in New York".
    ("statement", 0.5, r"\b(?:zei|zegt|said|says|stelde|sprak)\s+(?:\w+\s+)?(?:in|op|at)\b"),
    ("other", 1.5, r"\b(?:aardbeving\w*|earthquake\w*|overstroming\w*|flood\w*|storm|puin|rubble|"
                   r"overlevenden|survivors|annex\w*|withdrew|terugtrek\w*|trokken|protest\w*|marched)\b"),
)
_CATEGORY_RES = tuple((cat, weight, re.compile(p, re.IGNORECASE)) for cat, weight, p in _CATEGORY_CUES)
_CATEGORY_ORDER = tuple(CATEGORIES)

# Words right before a name that make it a location.
_LOCATIVE = {"in", "bij", "nabij", "near", "rond", "rondom", "around", "naar", "to", "op", "on", "at", "from", "uit",
             "outside", "buiten", "richting", "towards", "toward", "into", "onto", "nearby", "voor"}
_COUNTRY_LOCATIVE = {"in", "naar", "to", "into", "uit", "from", "inside", "binnen"}
_SETTLEMENT = {"stad", "city", "town", "dorp", "village", "regio", "region", "provincie", "province", "hoofdstad",
               "capital", "havenstad", "port", "haven", "gemeente", "district", "wijk", "oblast", "gebied", "area",
               "omgeving", "deelstaat", "state", "grensstad", "frontstad", "kustplaats"}
_DIRECTIONS = {"noorden", "zuiden", "oosten", "westen", "noordoosten", "noordwesten", "zuidoosten", "zuidwesten",
               "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
               "north-east", "north-west", "south-east", "south-west", "outskirts", "buitenwijken", "centrum",
               "center", "centre"}
_QUALIFYING = {"regio", "region", "omgeving", "area", "provincie", "province"}
_SKIPPABLE = {"de", "het", "the", "een", "a", "an"}
_TITLES = {"president", "premier", "minister", "gouverneur", "generaal", "burgemeester", "mayor", "governor",
           "general", "leider", "leader", "woordvoerder", "spokesman", "spokeswoman", "mr", "mrs", "ms", "dr",
           "paus", "pope", "koning", "king", "koningin", "queen", "prins", "prince", "onderminister", "viceminister",
           "oprichter", "medeoprichter", "founder", "ceo", "chef", "chief", "commandant", "commander", "secretaris",
           "secretary", "kanselier", "chancellor", "prime", "head", "directeur", "director", "adviseur", "ambassadeur",
           "ambassador", "journalist", "correspondent", "presidente", "sheikh", "emir"}
_MEDIA = {"afp", "reuters", "ap", "anp", "belga", "nbc", "bbc", "cnn", "abc", "cbs", "guardian", "telegram", "twitter",
          "facebook", "x", "instagram", "tass", "ria", "interfax", "ukrinform", "nos", "rtl", "vrt", "nyt", "times",
          "post", "journal", "news", "al", "jazeera", "kremlin", "pentagon", "navo", "nato", "vn", "un", "eu", "msf",
          "yandex", "google", "wagner", "hamas", "hezbollah", "houthi", "houthis"}
_ACTOR_VERBS = {"said", "says", "denied", "denies", "pulled", "withdrew", "condemned", "condemns", "announced",
                "claimed", "claims", "warned", "warns", "accused", "accuses", "has", "have", "had", "is", "was", "will",
                "would", "wants", "demanded", "demands", "insists", "responded", "zei", "zegt", "meldt", "meldde",
                "ontkende", "ontkent", "veroordeelde", "stuurt", "stuurde", "heeft", "hebben", "wil", "wilde",
                "kondigde", "eist", "eiste", "beschuldigt", "beschuldigde", "reageerde", "dreigt", "dreigde",
                "stelde", "stelt", "noemde", "noemt", "verklaarde", "liet", "sent", "sends", "launched", "lanceerde"}
_AGENT_CUES = {"door", "by"}
_BLOCKED_BEFORE_COUNTRY = {"oorlog", "war", "invasie", "invasion", "offensief", "offensive", "conflict", "crisis",
                           "annexatie", "annexation", "bezetting", "occupation", "zoals", "such", "like"}
_REPORTING = re.compile(
    r"(?:,|\"|”)\s*(?:meldt|melden|meldde|zei|zegt|aldus|stelt|stelde|maakte|liet|volgens|according\s+to|said|says|"
    r"told|reported|reports|officials\s+said)\b[^.]*?(?=\b(?:dat|that)\b|[.!?]|$)"
    r"|^\s*(?:volgens|according\s+to)\b[^,]*,",
    re.IGNORECASE,
)
_STOP_CAPITALS = {"de", "het", "een", "the", "a", "an", "in", "bij", "op", "dat", "dit", "die", "er", "hij", "zij",
                  "ze",
                  "wij", "we", "ik", "zo", "nu", "toen", "toch", "ook", "maar", "en", "of", "volgens", "intussen",
                  "daarbij", "daar", "hier", "zelf", "it", "this", "that", "he", "she", "they", "there", "on", "at",
                  "also", "but", "and", "meanwhile", "according", "after", "na", "voor", "tijdens", "during",
                  "some", "sommigen", "rescuers", "donors", "gunmen", "residents", "officials", "another"}
# Weekday and month names are capitalised in English but are never places ("on Thursday").
_STOP_CAPITALS |= set(MONTHS) | set(WEEKDAYS)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_DEMONYM_END = re.compile(r"(?:ische|isch|sche|se|ese|ian|ish|ean|an|i)$", re.IGNORECASE)


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


@dataclass(frozen=True)
class PlaceMention:
    """A name used as the location of what the sentence reports."""

    written: str  # as the source wrote it, with "regio"/"ten noorden van" kept
    name: str  # the bare name that was resolved
    start: int
    end: int
    place: object | None  # gazetteer Place, None when unresolved
    precision: str


@dataclass
class Candidate:
    """One (sentence, place) event before merging; orphans have ``mention=None``."""

    index: int  # sentence index
    sentence: Sentence
    mention: PlaceMention | None
    category: str | None
    casualties: Casualties
    date: DateMention | None
    sentences: list[int] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)


# --- reading ---------------------------------------------------------------------------------


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
    header = _HEADER.match(text)
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


# --- sentences -------------------------------------------------------------------------------

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


# --- categories ------------------------------------------------------------------------------


def categorize(sentence: str) -> str | None:
    """The best-scoring category of ``sentence``, or None when it has no category cue."""
    scores: Counter[str] = Counter()
    for category, weight, pattern in _CATEGORY_RES:
        hits = len(pattern.findall(sentence))
        if hits:
            scores[category] += weight * min(hits, 2)
    if not scores:
        return None
    best = max(scores.values())
    return next(c for c in _CATEGORY_ORDER if scores[c] == best)


# --- places ----------------------------------------------------------------------------------


class PlaceFinder:
    """Finds place mentions in sentences and resolves them with a gazetteer (memoised)."""

    def __init__(self, gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[str, str | None], object] = {}

    def resolve(self, name: str, context: str | None):
        """Gazetteer resolution without fuzzy matches.

        Fuzzy matches are refused here: in running text an unknown capitalised word
        ("Telegram", "Guardian") is far more often not a place than a misspelt one.
        """
        key = (name, context)
        if key not in self._cache:
            result = self.gazetteer.resolve(name, context=context)
            if result.place is not None and result.note.startswith("fuzzy"):
                result = None
            elif result.place is None:
                result = None
            self._cache[key] = result
        return self._cache[key]

    def mentions(self, sentence: Sentence, context: str | None) -> list[PlaceMention]:
        """Place mentions of ``sentence`` that are locations of what it reports (module rules)."""
        text = sentence.text
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        blocked = [(m.start(), m.end()) for m in _REPORTING.finditer(text)]
        found: list[PlaceMention] = []
        i = 0
        while i < len(words):
            span = self._capitalised_span(words, i, text)
            if not span:
                i += 1
                continue
            j = i + len(span)
            mention = self._mention(words, i, j, text, sentence, context, blocked)
            if mention is not None:
                found.append(mention)
            i = j
        return self._prune(found)

    @staticmethod
    def _capitalised_span(words, i: int, text: str) -> list[str]:
        span: list[str] = []
        k = i
        while k < len(words) and len(span) < 5:
            word, start, _ = words[k]
            if not word[0].isupper() or any(ch.isdigit() for ch in word):
                break
            if span and text[words[k - 1][2]:start].strip() not in ("",):
                break  # punctuation between words ends the name
            span.append(word)
            k += 1
        return span

    def _mention(self, words, i: int, j: int, text: str, sentence: Sentence, context, blocked):
        # Drop leading function words, demonym adjectives and titles ("De Amerikaanse minister").
        while i < j and (words[i][0].lower() in _STOP_CAPITALS or words[i][0].lower() in _TITLES
                         or (j - i > 1 and _DEMONYM_END.search(words[i][0])
                             and not self._resolves_whole(words, i, j, context))):
            i += 1
        if i >= j:
            return None
        name = text[words[i][1]:words[j - 1][2]]
        lowered = [w[0].lower() for w in words[i:j]]
        if any(w in _MEDIA for w in lowered) or any(w.isupper() and len(w) <= 5 for w, _, _ in words[i:j]):
            return None
        start, end = words[i][1], words[j - 1][2]
        if any(b0 <= start < b1 for b0, b1 in blocked):
            return None
        before = [w[0].lower() for w in words[max(0, i - 4):i]]
        after = words[j][0].lower() if j < len(words) else ""
        gap_after = text[end:words[j][1]] if j < len(words) else ""
        if before and before[-1] in _TITLES:
            return None
        if gap_after.strip() in ("'", "’") and after == "s":
            return None  # "Russia's", "Poland's"
        cue, qualifier_start = self._cue(words, i, text)
        resolved = self.resolve(name, context)
        if resolved is None:
            if len(name.split()) > 1:
                return None  # "Black Sea", "Red Sea": unknown multi-word names are rarely event places
            if cue is None or cue not in _LOCATIVE - {"op", "on", "to", "voor", "at", "from", "uit"}:
                return None
            if words[i][0].lower() in _STOP_CAPITALS or j - i > 3 or (j - i == 1 and _DEMONYM_END.search(name)):
                return None  # "in de Indische hoofdstad": an adjective, not an unknown place
            return PlaceMention(name, name, sentence.start + start, sentence.start + end, None, "")
        place = resolved.place
        if before and before[-1] in _AGENT_CUES:
            return None
        if place.kind == "country":
            if cue not in _COUNTRY_LOCATIVE and cue != "direction":
                return None
            context_words = [w[0].lower() for w in words[max(0, i - 4):i]]
            if any(w in _BLOCKED_BEFORE_COUNTRY for w in context_words):
                return None
        elif cue is None:
            if place.population < BIG_PLACE and place.kind != "region":
                return None
            if after in _ACTOR_VERBS and not gap_after.strip():
                return None
        written = text[qualifier_start:end] if qualifier_start is not None else name
        return PlaceMention(written, name, sentence.start + (qualifier_start if qualifier_start is not None else start),
                            sentence.start + end, place, resolved.precision)

    def _resolves_whole(self, words, i: int, j: int, context) -> bool:
        name = " ".join(w[0] for w in words[i:j])
        return self.resolve(name, context) is not None

    @staticmethod
    def _cue(words, i: int, text: str) -> tuple[str | None, int | None]:
        """The locative cue before word ``i`` and where a qualifier to keep ("regio X") starts."""
        k = i - 1
        skipped = 0
        while k >= 0 and skipped < 2 and (words[k][0].lower() in _SKIPPABLE or
                                          (words[k][0].islower() and words[k][0].endswith("e") and
                                           words[k][0].lower() not in _LOCATIVE | _SETTLEMENT | _DIRECTIONS
                                           | {"since", "sinds", "there", "where", "while", "whose", "the"})
                                          or _DEMONYM_END.search(words[k][0]) and words[k][0][0].isupper()):
            if text[words[k][2]:words[k + 1][1]].strip():
                break
            k -= 1
            skipped += 1
        if k < 0:
            return None, None
        word = words[k][0].lower()
        if text[words[k][2]:words[k + 1][1]].strip() not in ("", ","):
            return None, None
        if word in _LOCATIVE:
            return word, None
        if word in _SETTLEMENT:
            qualifier = words[k][1] if word in _QUALIFYING else None
            return "settlement", qualifier
        if word in ("van", "of") and k >= 1:
            head = words[k - 1][0].lower()
            if head in _DIRECTIONS:
                lead = k >= 2 and words[k - 2][0].lower() in ("ten", "to", "the")
                start = words[k - 2][1] if lead else words[k - 1][1]
                return "direction", start
            if head in _SETTLEMENT:
                return "settlement", None
        return None, None

    @staticmethod
    def _prune(found: list[PlaceMention]) -> list[PlaceMention]:
        """Countries and regions are context when the sentence also names a city."""
        has_city = any(m.place is not None and m.place.kind == "city" for m in found)
        if not has_city:
            return found
        return [m for m in found if m.place is None or m.place.kind == "city"]


# --- events ----------------------------------------------------------------------------------


def _dates_compatible(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    if a.event_date != b.event_date:
        return False
    return a.precision == "day" or a.key == b.key or not (_pins_a_day(a) and _pins_a_day(b))


def _pins_a_day(mention: DateMention) -> bool:
    return mention.key.split(":")[0] in ("yesterday", "day_before_yesterday", "today", "tomorrow", "weekday", "ago",
                                         "iso", "day_month", "month_day")


def _casualties_compatible(a: Casualties, b: Casualties) -> bool:
    return all(x is None or y is None or x == y for x, y in ((a.killed, b.killed), (a.injured, b.injured)))


def _same_place(a: PlaceMention, b: PlaceMention) -> bool:
    if a.place is not None and b.place is not None:
        return (a.place.name, a.place.country_code) == (b.place.name, b.place.country_code)
    return a.place is None and b.place is None and a.name.lower() == b.name.lower()


def _fits(event: Candidate, other: Candidate) -> bool:
    """The merge rule of the module docstring."""
    if other.category is not None and event.category != other.category:
        return False
    return _dates_compatible(event.date, other.date) and _casualties_compatible(event.casualties, other.casualties)


def _absorb(event: Candidate, other: Candidate) -> None:
    event.sentences.extend(other.sentences)
    if event.date is None:
        event.date = other.date
    event.casualties = Casualties(
        event.casualties.killed if event.casualties.killed is not None else other.casualties.killed,
        event.casualties.injured if event.casualties.injured is not None else other.casualties.injured,
    )
    event.figures.extend(f for f in other.figures if f not in event.figures)


def main_country(finder: PlaceFinder, sentences: list[Sentence]) -> str | None:
    """The country most place mentions of the document fall in (resolved without context)."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for mention in finder.mentions(sentence, None):
            if mention.place is not None:
                counts[mention.place.country_code] += 1
    return counts.most_common(1)[0][0] if counts else None


def extract_candidates(doc: Document, finder: PlaceFinder) -> tuple[list[Sentence], list[Candidate], str | None]:
    """Sentences, merged events (in order of first mention), and the document's main country."""
    header = _HEADER.match(doc.text)
    sentences = split_sentences(doc.text, header.end() if header else 0)
    context = main_country(finder, sentences)
    events: list[Candidate] = []
    orphans: list[Candidate] = []
    last_category: tuple[int, str] | None = None
    for index, sentence in enumerate(sentences):
        category = categorize(sentence.text)
        casualties = find_casualties(sentence.text)
        if category is None and not casualties.any:
            continue
        dates = find_dates(sentence.text, doc.pub, sentence.start)
        date = dates[0] if dates else None
        mentions = finder.mentions(sentence, context)
        if category is None and mentions:
            # Casualties with a place but no cue continue the story just told, if recent.
            recent = last_category is not None and index - last_category[0] <= 2
            category = last_category[1] if recent else "other"
        if category is not None:
            last_category = (index, category)
        extra = figures(sentence.text) if category == "evacuation" else []
        if not mentions:
            orphans.append(Candidate(index, sentence, None, category, casualties, date, [index], extra))
            continue
        for mention in mentions:
            candidate = Candidate(index, sentence, mention, category, casualties, date, [index], list(extra))
            target = next((e for e in events if _same_place(e.mention, mention) and _fits(e, candidate)
                           and e.category == category), None)
            if target is not None:
                _absorb(target, candidate)
            else:
                events.append(candidate)
    for orphan in _story_groups(orphans):
        before = [e for e in events if 0 < orphan.index - max(e.sentences) <= ORPHAN_REACH
                  or 0 < orphan.index - e.index <= ORPHAN_REACH]
        after = [e for e in events if 0 < e.index - orphan.index <= ORPHAN_REACH]
        before.sort(key=lambda e: orphan.index - e.index)
        after.sort(key=lambda e: e.index - orphan.index)
        target = next((e for e in before + after if _fits(e, orphan)), None)
        if target is not None:
            _absorb(target, orphan)
    return sentences, events, context


def _story_groups(orphans: list[Candidate]) -> list[Candidate]:
    """Consecutive orphan sentences of one paragraph that fit together tell one story.

    "Er brak brand uit ... raket" and "Op dit moment betreuren we de dood van één persoon"
    are one happening; attaching them separately could split it over two events.
    """
    groups: list[Candidate] = []
    for orphan in orphans:
        last = groups[-1] if groups else None
        if (last is not None and orphan.sentence.paragraph == last.sentence.paragraph
                and orphan.index == max(last.sentences) + 1 and _fits(last, orphan)
                and (last.category is None or orphan.category is None or last.category == orphan.category)):
            if last.category is None:
                last.category = orphan.category
            _absorb(last, orphan)
        else:
            groups.append(Candidate(orphan.index, orphan.sentence, None, orphan.category, orphan.casualties,
                                    orphan.date, list(orphan.sentences), list(orphan.figures)))
    return groups


def _slug(text: str) -> str:
    from mapapp.gazetteer import normalize_name

    return re.sub(r"[^a-z0-9]+", "-", normalize_name(text)).strip("-") or "place"


def _row(doc: Document, sentences: list[Sentence], event: Candidate, number: int) -> dict[str, object]:
    mention = event.mention
    place = mention.place
    date = event.date
    if date is not None:
        event_date, precision = date.event_date, date.precision
    else:
        event_date, precision = format_date(doc.pub.day, doc.pub.precision), doc.pub.precision
    # The quote: the event's own sentence, widened over merged sentences right next to it.
    members = sorted(set(event.sentences))
    first = last = event.index
    paragraph = sentences[event.index].paragraph
    while first - 1 in members and sentences[first - 1].paragraph == paragraph:
        first -= 1
    while last + 1 in members and sentences[last + 1].paragraph == paragraph:
        last += 1
    quote_start, quote_end = sentences[first].start, sentences[last].end
    location = place.name if place is not None else ""
    category = event.category or "other"
    title = f"{category.capitalize()} in {location or mention.name}"
    notes = []
    if date is not None:
        notes.append(f"date from {date.text!r}")
    else:
        notes.append("no date in the text: publication date")
    if event.figures:
        notes.append("figures: " + "; ".join(event.figures))
    if len(members) > 1:
        notes.append(f"merged from {len(members)} sentences")
    return {
        "event_id": f"{Path(doc.name).stem}-{number:03d}-{_slug(location or mention.name)}",
        "event_date": event_date,
        "date_precision": precision,
        "place": mention.written,
        "location": location,
        "admin1": place.admin1 if place is not None else "",
        "country_code": place.country_code if place is not None else "",
        "latitude": place.latitude if place is not None else float("nan"),
        "longitude": place.longitude if place is not None else float("nan"),
        "geo_precision": mention.precision if place is not None else "",
        "geo_source": "gazetteer" if place is not None else "",
        "category": category,
        "title": title,
        "description": f"{event.sentence.text} ({'; '.join(notes)})",
        "killed": event.casualties.killed,
        "injured": event.casualties.injured,
        "source": "",
        "source_url": "",
        "source_doc": doc.name,
        "quote": doc.text[quote_start:quote_end],
        "quote_start": quote_start,
        "quote_end": quote_end,
    }


def extract_events(doc: Document, gazetteer=None, finder: PlaceFinder | None = None) -> pd.DataFrame:
    """The events table (schema columns + quote_start/quote_end) for one document."""
    if finder is None:
        if gazetteer is None:
            from mapapp.gazetteer import load_gazetteer

            gazetteer = load_gazetteer()
        finder = PlaceFinder(gazetteer)
    sentences, events, _context = extract_candidates(doc, finder)
    rows = [_row(doc, sentences, event, n) for n, event in enumerate(events, start=1)]
    return _frame(rows)


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    from mapapp.schema import COLUMN_NAMES

    frame = pd.DataFrame(rows, columns=list(COLUMN_NAMES) + list(EXTRA_COLUMNS))
    for column in ("killed", "injured"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    return frame


@dataclass
class ExtractionSummary:
    documents: int
    events: int
    unresolved: int


def extract_documents(paths: list[str], date: str | None = None, gazetteer=None) -> tuple[pd.DataFrame,
                                                                                          ExtractionSummary]:
    """Events from many documents, one table; every bad document is reported before any work."""
    problems: list[Problem] = []
    docs: list[Document] = []
    for path in paths:
        try:
            docs.append(read_document(path, date))
        except InputError as exc:
            problems.extend(exc.problems or [Problem(str(path), None, "", str(exc))])
    if problems:
        raise InputError(f"{len(problems)} problem(s)", problems)
    if gazetteer is None:
        from mapapp.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    finder = PlaceFinder(gazetteer)
    frames = [extract_events(doc, finder=finder) for doc in docs]
    frames = [f for f in frames if not f.empty]
    table = pd.concat(frames, ignore_index=True) if frames else _frame([])
    unresolved = int((table["location"] == "").sum()) if not table.empty else 0
    return table, ExtractionSummary(len(docs), len(table), unresolved)


# --- evaluation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """Precision and recall of one aspect, from counts (so sets can be pooled)."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


def _keys(rows: pd.DataFrame, aspect: str, place_column: str) -> Counter:
    def cell(value: object) -> str:
        return "" if pd.isna(value) or str(value).strip() == "" else str(int(float(value)))

    keys: Counter = Counter()
    for row in rows.itertuples(index=False):
        place = getattr(row, place_column)
        if aspect == "places":
            keys[(row.doc, place)] += 1
        elif aspect == "dates":
            keys[(row.doc, place, str(row.event_date))] += 1
        elif aspect == "casualties":
            killed, injured = cell(row.killed), cell(row.injured)
            if killed or injured:
                keys[(row.doc, place, killed, injured)] += 1
    return keys


def score_extraction(gold: pd.DataFrame, predicted: pd.DataFrame, gazetteer) -> dict[str, Score]:
    """Precision/recall of places, dates and casualties; places compared as resolved names.

    ``gold`` has doc, place, event_date, killed, injured (doc is matched on its file name);
    ``predicted`` is an extracted events table.  A gold place is resolved with the
    gazetteer in the context of the predicted rows' main country of the same document, so
    "Zaporizhzhia" (gold) and "Zaporizhzhya" (GeoNames) are one place.
    """
    from mapapp.gazetteer import normalize_name

    pred = predicted.copy()
    pred["doc"] = pred["source_doc"].map(lambda d: Path(str(d)).name)
    pred["canon"] = pred["location"].where(pred["location"] != "", pred["place"]).map(normalize_name)
    gold = gold.copy()
    gold["doc"] = gold["doc"].map(lambda d: Path(str(d)).name)
    countries = pred.groupby("doc")["country_code"].agg(lambda c: c[c != ""].mode().iat[0] if (c != "").any() else None)

    def canon(row) -> str:
        resolution = gazetteer.resolve(row.place, context=countries.get(row.doc))
        return normalize_name(resolution.place.name if resolution.place is not None else row.place)

    gold["canon"] = [canon(row) for row in gold.itertuples(index=False)] if len(gold) else []
    scores = {}
    for aspect in ("places", "dates", "casualties"):
        gold_keys, pred_keys = _keys(gold, aspect, "canon"), _keys(pred, aspect, "canon")
        matched = sum((gold_keys & pred_keys).values())
        scores[aspect] = Score(matched, sum(pred_keys.values()), sum(gold_keys.values()))
    return scores


def evaluate_documents(gold_path: str, paths: list[str], date: str | None = None,
                       gazetteer=None) -> dict[str, Score]:
    """Extract ``paths`` and score them against the gold CSV (doc, place, event_date, killed, injured)."""
    try:
        gold = pd.read_csv(gold_path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{gold_path}: {exc}", [Problem(gold_path, None, "", f"unreadable gold CSV: {exc}")]) from None
    missing = [c for c in ("doc", "place", "event_date", "killed", "injured") if c not in gold.columns]
    if missing:
        raise InputError(f"{gold_path}: missing columns", [Problem(gold_path, 1, c, "required column is missing")
                                                           for c in missing])
    if gazetteer is None:
        from mapapp.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    names = {Path(p).name for p in paths}
    gold = gold[gold["doc"].map(lambda d: Path(d).name in names)]
    table, _summary = extract_documents(paths, date, gazetteer)
    return score_extraction(gold, table, gazetteer)


def format_scores(scores: dict[str, Score]) -> list[str]:
    """One line per aspect: precision, recall and the counts behind them."""
    return [f"{aspect:<11} precision {s.precision:6.1%}  recall {s.recall:6.1%}  "
            f"(matched {s.matched}, predicted {s.predicted}, gold {s.gold})" for aspect, s in scores.items()]
