"""The pipeline for one document and for a batch: sentences → candidates → merged rows.

1. **Publication date** from a first-line header or the caller's ``--date`` (``documents``).
2. **Sentences** with their character offsets (``documents``).
3. **Place mentions** resolved with the project's gazetteer in the context of the
   document's main country, the country most resolved mentions fall in (``places``).
4. **Category** from the event triggers (``lexicon``), **casualties** (``mapapp.numbers``),
   **date** (``mapapp.dates``).
5. **Events**: a sentence that has a place and a category cue or casualties makes one
   candidate per place.  A sentence with a place but neither (a passing mention,
   "Leviev woont in de Verenigde Staten") makes none.
6. **Merging**, one row per happening (``merge``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mapapp.dates import DateMention, find_dates, format_date
from mapapp.errors import InputError, Problem
from mapapp.extract.documents import Document, Sentence, body_start, read_document, split_sentences
from mapapp.extract.lexicon import categorize
from mapapp.extract.merge import (
    COUNTRYWIDE,
    ORPHAN_REACH,
    RISEN,
    Candidate,
    attach_orphans,
    drop_area_totals,
    fold_areas_into_places,
    give_zero_to_the_event_just_told,
    merge_a_happening_told_before,
    merge_candidate,
    refine_place,
    same_place,
    take_the_zero,
)
from mapapp.extract.notevents import after, background, event_mentions, only_described, to_come, told_as_plan
from mapapp.extract.placechoice import event_places
from mapapp.extract.places import PlaceFinder, PlaceMention
from mapapp.extract.places.storycountry import main_country
from mapapp.extract.story import (
    OPENS_WITH_PLACE,
    TREATED_IN,
    clause_date,
    countries_named,
    dates_of_other_happenings,
    day_of_a_happening_named_after,
    day_the_scene_is_set,
    earlier,
    goes_on_with_the_scene,
    headline,
    in_an_aside,
    last_town,
    named_just_before,
    redate_a_borrowed_date,
    same_story,
    says_where,
    scene_date,
    share_of_toll,
    today,
    told_reference,
    town_named_earlier,
    trailing_telling_date,
    update_the_toll,
)
from mapapp.extract.unreal import not_told_as_fact
from mapapp.gazetteer import load_gazetteer, normalize_name
from mapapp.numbers import Casualties, figures, find_casualties, that_figure
from mapapp.schema import COLUMN_NAMES

EXTRA_COLUMNS = ("quote_start", "quote_end")
# A happening qualified by a duration and no date is a state: "fighting has raged for months".
_DURATION = re.compile(r"\b(?:for|al|sinds|since)\s+(?:(?:many|several|enkele|vele|some|\w+)\s+){0,3}"
                       r"(?:months|weeks|years|maanden|weken|jaren|jaar)\b"
                       # a happening told as going on: "de strijd gaat onverminderd door", "fighting continues"
                       r"|\b(?:gaat|gingen|ging|gaan)\s+(?:\w+\s+){0,3}?(?:onverminderd\s+)?door\b|\bonverminderd\b"
                       r"|\b(?:continues|continued|continuing|goes\s+on|went\s+on|ongoing)\b"
                       # a state since then: "ligt sindsdien onder vuur", "has been shelled ever since"
                       r"|\bsindsdien\b|\bever\s+since\b|\bsince\s+then\b"
                       # who holds a place now: "Daarmee is de hele regio vrijwel in handen van de RSF"
                       r"|\b(?:is|zijn)\s+(?:[\w-]+\s+){0,5}?in\s+handen\s+van\b", re.IGNORECASE)
# A sentence that adds another place to the happening just told.
_ALSO = re.compile(r"\s*(?:ook|eveneens|also|likewise)\b", re.IGNORECASE)
# A sentence that only says where the last event's place lies: "Het dorp ligt bij Djibo".
_LOCATED = re.compile(r"\b(?:ligt|lag|liggen|gelegen|lies|lay|is\s+located|was\s+located|located|situated)\b",
                      re.IGNORECASE)


# A place named by pointing back at the town just told: "in het ziekenhuis van de stad", "a house there".
_ANAPHOR = re.compile(r"\b(?:in|of|van|at|near|bij|op|outside|buiten)\s+(?:(?:the|de|het)\s+(?:same\s+)?|dezelfde\s+)"
                      r"(?:city|town|village|camp|"
                      r"stad|dorp|kamp)\b|\b(?:a|an|the)\s+(?:\w+\s+){0,2}there\b|^\W*(?:Daar|Ter plaatse)\b"
                      r"|\b(?:troffen|trof|raakten|raakte|werd|werden|vielen|is|zijn|kwamen|kwam)\s+(?:\w+\s+){0,2}daar\b"
                      # the scene of what was just told: "bezocht de plaats van het ongeluk", "visited the site"
                      r"|\bde\s+plaats\s+van\s+(?:het|de)\s+\w+|\bde\s+rampplek\b|\bthe\s+(?:scene|site)\s+of\s+the\b"
                      r"|\bthe\s+(?:crash|disaster|blast)\s+site\b",
                      re.IGNORECASE)

# "dertig kilometer ten noorden van de stad": the town just told is a point of reference, not this place.
_REFERENCE_POINT = re.compile(r"\b(?:ten\s+)?(?:noorden|zuiden|oosten|westen|north|south|east|west)\w*\s+(?:van|of)\s+"
                              r"(?:de|het|the)\s+(?:stad|dorp|city|town|village)\b", re.IGNORECASE)
_TOLL = re.compile(r"\b(?:death\s+toll|dodental)\b", re.IGNORECASE)
# Happenings that spread over a region, whose toll there is a running total; a crash or a blast is at one spot,
# and its toll belongs to the place told with it ("het dodental van de treinramp in Odisha ... bij Balasore").
_AREA_WIDE = re.compile(r"\b(?:floods?|flooding|flash\s+floods|overstroming\w*|storms?|stormen|orkaan|hurricane|"
                        r"regenval|rainfall|downpours|"
                        r"typhoon|tyfoon|cyclone|cycloon|earthquakes?|quake|aardbeving\w*|wildfires?|bosbrand\w*|"
                        r"heatwave|hittegolf|drought|droogte|rains?|regens|noodweer|monsoon|moesson|war|oorlog|"
                        r"fighting|gevechten|violence|geweld|unrest|onrust|protests|epidemic|epidemie|outbreak)\b",
                        re.IGNORECASE)
# ("..., as fighting continues": a clause beside the happening, "terwijl de strijd doorgaat")
_RELATIVE = re.compile(r"\b(?:die|dat|which|that|who|as|while|terwijl)\b[^,.;]*$", re.IGNORECASE)


def _state_for_a_while(text: str) -> bool:
    """Whether the sentence's happening is a state with a duration ("near Bakhmut, where fighting has
    raged for months"); a duration in a relative clause after a happening describes something else
    ("teruggetrokken uit Avdijivka, de stad die al maanden werd belegerd")."""
    for match in _DURATION.finditer(text):
        relative = _RELATIVE.search(text[:match.start()])
        if relative is None or categorize(text[:relative.start()]) is None:
            return True
    return False


def extract_candidates(doc: Document, finder: PlaceFinder) -> tuple[list[Sentence], list[Candidate], str | None]:
    """Sentences, merged events (in order of first mention), and the document's main country."""
    sentences = split_sentences(doc.text, body_start(doc.text))
    context = main_country(finder, sentences)
    events: list[Candidate] = []
    orphans: list[Candidate] = []
    last_category: tuple[int, str] | None = None
    anchor: DateMention | None = None
    anchor_paragraph: int | None = None
    lead: tuple[DateMention, str | None] | None = None  # the first date the story gives, and its kind
    headline_town: PlaceMention | None = None
    published = format_date(doc.pub.day, doc.pub.precision)  # what "still to come" and background count from
    for index, sentence in enumerate(sentences):
        if index == 0 and headline(doc.text, sentence):
            towns = [m for m in finder.mentions(sentence, context)
                     if m.place is not None and m.place.kind == "city" or m.cue == "named_settlement"]
            headline_town = towns[0] if len(towns) == 1 else None
            continue  # the headline repeats what the report tells (and is written to be short, not exact)
        story = last_category[1] if last_category is not None and index - last_category[0] <= ORPHAN_REACH else None
        if story is None and lead is not None and lead[1] == "other":
            story = lead[1]  # damage later in a storm's or a quake's report is still the storm's: "een boom viel"
        category = categorize(sentence.text, story)
        casualties = find_casualties(sentence.text)
        if not casualties.any and index > 0:  # "Kiper reported 19 wounded. By the afternoon that figure rose to 22"
            casualties = that_figure(sentence.text, sentences[index - 1].text)
        if category is not None and not casualties.any and _state_for_a_while(sentence.text) \
                and not find_dates(sentence.text, doc.pub):
            category = None  # "where fighting has raged for months": a state, not a happening
        if category is not None and not casualties.any and told_as_plan(sentence.text):
            category = None  # "leaders are expected to discuss ...", "the talks will not go ahead": a plan
        if category is None and not casualties.any and says_where(orphans, sentence, index):
            category = orphans[-1].category  # "Een explosie heeft ... vernield. Bij het dorp X werd ...": where
        if category is None and not casualties.any:
            if events and _LOCATED.search(sentence.text):
                refine_place(events[-1], finder.mentions(sentence, context), index)
            if lead is None and sentence.paragraph == 0:
                lead = scene_date(sentence, doc, anchor)
            if index > 0 and sentences[index - 1].paragraph != sentence.paragraph \
                    and (scene := day_the_scene_is_set(sentence, doc.pub, anchor, published)) is not None:
                anchor, anchor_paragraph = scene, sentence.paragraph  # "Die kwam vannacht. Bij een aanval op X ..."
            continue
        dates = [d for d in find_dates(sentence.text, doc.pub, sentence.start, anchor)
                 if not trailing_telling_date(sentence, d) and not dates_of_other_happenings(sentence, d)]
        # "A tremor hit 40 km northwest of Herat": a point of reference, the happening is elsewhere ("the village
        # lies 20 km east of Djibo", a sentence of no happening, keeps it to say where the last event was)
        # (where people went, spoke or came from is set aside before choosing among the places: "speaking in
        # Paris, the minister condemned the shelling of Kherson")
        located = finder.locations(sentence, context)
        mentions = [m for m in event_places(event_mentions(sentence, located, category),
                                            sentence) if m.cue != "distance"]
        if category is None:  # "velen van hen liggen in ziekenhuizen in X": where the hurt are, not where it happened
            mentions = [m for m in mentions if not TREATED_IN.search(sentence.text, 0, m.start - sentence.start)]
            if mentions and not casualties.killed and not casualties.injured:
                continue  # "In X werden steigers losgerukt; daarbij vielen geen gewonden": a zero tells no happening
        reference = told_reference(dates, mentions, events, sentence)
        if reference is not None:  # "Een dag vóór de explosie bij Mika ...": counted from Mika's day
            dates = find_dates(sentence.text, doc.pub, sentence.start, reference.date)
            mentions = [m for m in mentions if not same_place(m, reference.mention)]
        coming = [d for d in dates if to_come(d, published)]
        if coming and all(d in coming or d.precision == "year" for d in dates) and not casualties.any \
                or background(dates, sentence.text, published) or only_described(sentence, dates) \
                or not dates and not casualties.any and category is not None and not_told_as_fact(sentence.text):
            continue  # "reist maandag naar X", "a meeting is planned for next month"; "in 2022", "dit jaar al"
        dates = [d for d in dates if not after(d, published)]
        dated = bool(dates)  # the sentence's own dates, before the report's day is lent to it
        if not dates and category is not None and (report_day := today(sentences, index, doc)) is not None:
            dates = [report_day]  # a liveblog entry without a date of its own; a state still going on
        # "de afgelopen week vrijwel dagelijks beschoten; donderdag kwamen daar ...": the day over a vaguer span
        # "Zelensky, who flew into Hiroshima on Saturday, met Biden at the summit on Sunday": the main clause's day
        told = [d for d in dates if not in_an_aside(sentence, d)] or dates
        date = next((d for d in told if d.precision == "day"), told[0]) if told else None
        if date is None and _ALSO.match(sentence.text):
            date = anchor  # "Ook in Nizjni Novgorod werd een terrein geraakt": the same night as the last one
        if date is None and anchor_paragraph == sentence.paragraph:
            date = anchor  # a paragraph tells one story: its later sentences keep the date it gave
        if dates:
            anchor_paragraph = sentence.paragraph
        story_day = anchor  # the day told before this sentence
        anchor = date or anchor
        if _TOLL.search(sentence.text) and _AREA_WIDE.search(sentence.text) and mentions and all(
                m.place is not None and m.place.kind in ("country", "region") for m in mentions):
            if lead is None and dates:
                lead = (dates[0], category)  # the toll still dates the story: "the toll from Tuesday's floods"
            share = share_of_toll(sentence, mentions, casualties)
            if share is None:
                continue  # "the death toll in Rio Grande do Sul rose to 83": a running total, not a happening there
            mentions, casualties = share
        if casualties.any and COUNTRYWIDE.search(sentence.text) and any(
                m.place is not None and m.place.kind == "city" for m in mentions):
            casualties = Casualties(None, None)  # the country's toll, not the city's
        if not mentions and category is None and casualties.any and _ANAPHOR.search(sentence.text):
            # "In Kłodzko stond het water tot de eerste verdieping. Daar kwam één persoon om": the town the sentence
            # before named (it told no event of its own, or it would have taken these casualties)
            told = named_just_before(finder, sentences, index, context)
            if told is not None and not any(e.index == index - 1 for e in events):
                mentions = [told]
                before = find_dates(sentences[index - 1].text, doc.pub, sentences[index - 1].start, anchor)
                date = date or (before[0] if before else None)  # and on the day that sentence gave
            elif dates and (last := last_town(events)) is not None and earlier(dates[0], last.date):
                # "... who were killed at their clinic in the camp on Friday" after the camp's fall on Sunday: the
                # dead of an earlier happening at the place just told, not the toll of the one told
                mentions = [last.mention]
        if not mentions and category is not None and _ANAPHOR.search(sentence.text) \
                and not _REFERENCE_POINT.search(sentence.text):
            # "in het ziekenhuis van de stad", "a house there": the town just told (a sentence of casualties
            # alone stays an orphan: it counts them for the event just told, whenever they were counted)
            told = named_just_before(finder, sentences, index, context) or next(
                (e.mention for e in reversed(events) if e.mention.place is not None
                 and e.mention.place.kind == "city" or e.mention.cue == "named_settlement"), None) \
                or town_named_earlier(finder, sentences, index, context)
            mentions = [told] if told is not None else []
        elif not mentions and category is not None and index > 0 \
                and goes_on_with_the_scene(sentence.text, sentences[index - 1].text, category, bool(located)) \
                and not any(index - 1 in c.sentences for c in events + orphans):
            # "De zondagochtend begon in Soemy als elke andere. Toen sloegen twee raketten in", "... the harbour in
            # Sevastopol seemed untouchable. On Friday it was struck", "In Den Haag waaide een dak weg. Tientallen
            # bewoners moesten hun woning verlaten": the scene the sentence before set
            told = named_just_before(finder, sentences, index, context)
            mentions = [told] if told is not None else []
        if not mentions and category is not None and not events and headline_town is not None \
                and sentence.paragraph <= 1:
            # a lead that names no place ("The restaurant was full on Tuesday evening when the missile came in")
            # under a headline that names one town ("Kramatorsk after the pizzeria strike"): that town
            mentions = [headline_town]
        own_category = category
        if category is None and mentions:
            # Casualties with a place but no cue continue the story just told, if recent.
            recent = last_category is not None and index - last_category[0] <= 2
            category = last_category[1] if recent else "other"
        if category is not None:
            last_category = (index, category)
        if date is None and lead is not None and (lead[1] in (category, None) or own_category is None) \
                and same_story(lead[0], events, mentions, countries_named(finder, sentences, lead[0], context)):
            date = lead[0]  # an undated follow-up paragraph of the same kind continues the story its lead dated
        if lead is None and dates:
            lead = (dates[0], category)
        extra = figures(sentence.text) if category == "evacuation" else []
        if not mentions and own_category is None and not casualties.killed and not casualties.injured:
            # "No one was hurt, officials said": the event just told; "On X Island no deaths were reported" (a
            # place of its own the finder did not resolve): nobody's
            if orphans and orphans[-1].index == index - 1 and orphans[-1].sentence.paragraph == sentence.paragraph:
                # "... drie medewerkers raakten gewond. Doden vielen er niet.": that count's zero
                take_the_zero(orphans[-1], index, casualties)
            elif not OPENS_WITH_PLACE.match(sentence.text):
                give_zero_to_the_event_just_told(events, Candidate(index, sentence, None, category, casualties, date),
                                                 [s.paragraph for s in sentences])
            continue
        if not mentions:
            orphans.append(Candidate(index, sentence, None, category, casualties, date, [index], extra))
            continue
        for mention in mentions:
            if casualties.any and RISEN.search(sentence.text) and update_the_toll(events, mention, casualties, index):
                continue  # "the number of dead in Altadena had risen to five": the count of the event told there
            before = day_of_a_happening_named_after(sentence, mention, dates, story_day, doc.pub)
            if before is not None and len(mentions) == 1 and not any(
                    d.precision == "day" and d.text and sentence.start <= d.start < sentence.end
                    and not before.start <= d.start < before.end for d in dates):
                # "De aanvallen volgen twee dagen na de explosie bij X. Bij die ontploffing kwamen drie mensen om":
                # the only place and day told are the earlier happening's, which the next sentence goes on with
                anchor = before
            own = before or clause_date(sentence, mention, dates) or date
            if dates:
                redate_a_borrowed_date(events, mention, sentence, own)
            candidate = Candidate(index, sentence, mention, category, casualties, own, [index], list(extra))
            if not merge_a_happening_told_before(events, candidate, dated):
                merge_candidate(events, candidate)
    attach_orphans(events, orphans, [s.paragraph for s in sentences])
    events = drop_area_totals(fold_areas_into_places(events))
    return sentences, events, context


def _slug(text: str) -> str:
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
    if place is None:  # the project's standard: an unresolved place stays, with empty coordinates and why
        notes.append(f"place not resolved: {mention.note}" if mention.note else "place not resolved")
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
            gazetteer = load_gazetteer()
        finder = PlaceFinder(gazetteer)
    sentences, events, _context = extract_candidates(doc, finder)
    rows = [_row(doc, sentences, event, n) for n, event in enumerate(events, start=1)]
    return _frame(rows)


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMN_NAMES) + list(EXTRA_COLUMNS))
    for column in ("killed", "injured"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    return frame


@dataclass
class ExtractionSummary:
    documents: int
    events: int
    unresolved: int


def extract_documents(paths: list[str], date: str | None = None, gazetteer=None,
                      progress: Callable[[int], None] | None = None) -> tuple[pd.DataFrame, ExtractionSummary]:
    """Events from many documents, one table; every bad document is reported before any work.

    ``progress`` (the CLI's progress bar) is called with 1 after each document.
    """
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
        gazetteer = load_gazetteer()
    finder = PlaceFinder(gazetteer)
    frames = []
    for doc in docs:
        frames.append(extract_events(doc, finder=finder))
        if progress:
            progress(1)
    frames = [f for f in frames if not f.empty]
    table = pd.concat(frames, ignore_index=True) if frames else _frame([])
    unresolved = int((table["location"] == "").sum()) if not table.empty else 0
    return table, ExtractionSummary(len(docs), len(table), unresolved)
