"""How a sentence continues the story told before it: the rules that look across sentences.

``pipeline`` reads a report sentence by sentence; a sentence's own words rarely say everything.  These
small functions answer, from the sentence and the events already told:

* **when**: the day a lead sets ("Dinsdagavond veranderden straten in rivieren"), whether a date only
  dates the telling ("..., residents said Thursday."), which of two days a clause takes ("Hama fell on
  Thursday, and rebels entered Homs on Saturday"), which told event a story-relative date counts from
  ("een dag vóór de explosie bij X", "twee dagen na de luchtaanval op de school"), whether an undated
  paragraph continues the lead's story (the lead's countries);
* **where**: the town "daar" points at, the last town told, a sentence that says where a placeless
  report happened, a headline that only repeats;
* **how many**: the share of a running toll told at one place, a risen toll that replaces the count of
  the event told at its place, hospitals where the hurt lie (not where it happened).
"""

from __future__ import annotations

import datetime as dt
import re

from mapapp.dates import MONTH_ALT, WEEKDAY_ALT, DateMention, PublicationDate, find_dates, format_date
from mapapp.extract.documents import Document, Sentence
from mapapp.extract.lexicon import categorize
from mapapp.extract.merge import TELLING, Candidate, same_place
from mapapp.extract.places import PlaceFinder, PlaceMention
from mapapp.numbers import Casualties, parse_number


def same_story(lead: DateMention, events: list[Candidate], mentions: list[PlaceMention],
               lead_countries: set[str]) -> bool:
    """Whether ``mentions`` lie in the country of the lead's event: a storm's toll in Donegal after
    its damage in Galway is the storm's story; a flood in Spain after a fire in Greece is another.  A lead
    that names two countries tells a story in both ("warplanes struck Yemen, hours after a missile hit
    Ramat Gan": the strikes in Sanaa are its story)."""
    told = next((e for e in events if e.date is lead), None)
    if told is None:
        return True  # a lead that placed nothing ("an earthquake struck the High Atlas"): the story itself
    here = next((m.place.country_code for m in mentions if m.place is not None), None)
    if here is None:
        return True  # an unknown village: nothing says it is elsewhere
    return told.mention.place is not None and here == told.mention.place.country_code or here in lead_countries


# "een dag vóór de explosie bij X", "two days after the strike on X": X names the happening counted from.
_RELATIVE_TO = ("after", "before", "na", "vóór", "voor")
_NOUN_AFTER = re.compile(r"\s+(?:de|het|the)\s+(\w+)")


def told_reference(dates: list[DateMention], mentions: list[PlaceMention], events: list[Candidate],
                   sentence: Sentence) -> Candidate | None:
    """The event already told that a story-relative date counts from, when the sentence names it by its
    place right after the expression; that place is the reference, not where this sentence happened."""
    if not dates or not dates[0].key.startswith("anaphor:") or dates[0].key.split(":")[1] not in _RELATIVE_TO:
        return None
    for mention in mentions:
        if 0 <= mention.start - dates[0].end <= 40:
            told = next((e for e in reversed(events) if e.date is not None and same_place(e.mention, mention)), None)
            if told is not None:
                return told
    # "Twee dagen na de aanval op de school": the first event of that kind, the story's
    following = _NOUN_AFTER.match(sentence.text, dates[0].end - sentence.start)
    kind = categorize(following.group(1)) if following else None
    return next((e for e in events if e.date is not None and e.category == kind), None) if kind else None


# "155 of them in the province of Valencia", "waarvan 40 in de regio X": the part of a toll told at one place.
_SHARE = re.compile(r"\b(\d[\d.,]*)\s+(?:of\s+them|of\s+whom|van\s+hen)\s+(?:in|bij)\s"
                    r"|\b(?:waarvan|of\s+whom|of\s+which)\s+(\d[\d.,]*)\s+(?:in|bij)\s", re.IGNORECASE)


def share_of_toll(sentence: Sentence, mentions: list[PlaceMention],
                  casualties: Casualties) -> tuple[list[PlaceMention], Casualties] | None:
    """The place and count of a running total's share told at one place, or None: a total for a region is
    no happening there, but the part it says happened at a place is that place's toll."""
    match = _SHARE.search(sentence.text)
    if match is None:
        return None
    at = sentence.start + match.end()
    place = next((m for m in mentions if 0 <= m.start - at <= 25), None)
    count = int(re.sub(r"[.,]", "", match.group(1) or match.group(2)))
    if place is None:
        return None
    if casualties.killed is not None:
        return [place], Casualties(count, None)
    return ([place], Casualties(None, count)) if casualties.injured is not None else None


# A date right after a reporting verb dates the telling: "residents said Thursday", "meldde maandag".
_TELLING_DATE = re.compile(r"\b(?:said|say|says|told|reported|announced|confirmed|zei|zeiden|zegt|meldde|meldden|"
                           r"meldt|bevestigde|bevestigden|verklaarde)\s+(?:on\s+|op\s+)?$", re.IGNORECASE)
# Where the hurt are treated: "in ziekenhuizen in Balasore", "taken to hospitals in X".
TREATED_IN = re.compile(r"\b(?:ziekenhui(?:s|zen)|hospitals?|klinieken|clinics?)\s+(?:in|of|van|at)\s+"
                         r"(?:(?:the|de|het)\s+)?(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)


def update_the_toll(events: list[Candidate], mention: PlaceMention, casualties: Casualties, index: int) -> bool:
    """Give a risen toll to the event already told at the same place; whether there was one."""
    told = next((e for e in reversed(events) if same_place(e.mention, mention)), None)
    if told is None:
        return False
    told.casualties = casualties.over(told.casualties)
    told.sentences.append(index)
    return True


def last_town(events: list[Candidate]) -> Candidate | None:
    """The last event told at a town (known, or named as a settlement)."""
    return next((e for e in reversed(events) if e.mention.place is not None and e.mention.place.kind == "city"
                 or e.mention.cue == "named_settlement"), None)


def earlier(date: DateMention, than: DateMention | None) -> bool:
    """Whether ``date`` is a day before ``than`` (both to the day)."""
    return than is not None and date.precision == than.precision == "day" and date.event_date < than.event_date


def redate_a_borrowed_date(events: list[Candidate], mention: PlaceMention, sentence: Sentence,
                           date: DateMention | None) -> None:
    """The event just told at ``mention``'s place takes this sentence's own date when its own sentence gave
    none (it borrowed the story's): "Ook in X was het raak. Daar werd dinsdagavond een zorgcentrum getroffen"
    is one happening on Tuesday, not one on the story's day and another on Tuesday."""
    last = events[-1] if events else None
    if date is None or last is None or last.sentence.paragraph != sentence.paragraph \
            or not same_place(last.mention, mention):
        return
    own = last.date is not None and last.sentence.start <= last.date.start < last.sentence.end
    if not own:
        last.date = date


def named_just_before(finder: PlaceFinder, sentences: list[Sentence], index: int,
                      context: str | None) -> PlaceMention | None:
    """The one town the sentence before named, in the same paragraph, for "daar"/"there" to point at: "Vooral
    de haven van X moet het ontgelden. Op 13 september troffen drones daar een silo" (a sentence of no
    happening, so no event to point at)."""
    if index == 0 or sentences[index - 1].paragraph != sentences[index].paragraph:
        return None
    towns = [m for m in finder.mentions(sentences[index - 1], context)
             if m.place is not None and m.place.kind == "city" or m.cue == "named_settlement"]
    return towns[0] if len(towns) == 1 else None


def town_named_earlier(finder: PlaceFinder, sentences: list[Sentence], index: int,
                       context: str | None) -> PlaceMention | None:
    """The one town the nearest earlier sentence named (a district and its city are one town), for "de stad"
    when no event was told yet: an interview that opens in a district of Charkiv and goes on "aan de rand van
    de stad"."""
    for sentence in reversed(sentences[:index]):
        towns = [m for m in finder.mentions(sentence, context)
                 if m.place is not None and m.place.kind == "city" or m.cue == "named_settlement"]
        if len({(m.place.name if m.place is not None else m.name) for m in towns}) == 1:
            return towns[-1]
    return None


# Clauses of one sentence that can tell two happenings on two days: "Hama fell on Thursday ..., and rebels
# entered Homs on Saturday".
_CLAUSE_BREAK = re.compile(r",\s+(?:and|en|while|terwijl|but|maar|whereas|where|waar)\b|;")


def clause_date(sentence: Sentence, mention: PlaceMention, dates: list[DateMention]) -> DateMention | None:
    """The date told in the same clause as ``mention`` when the sentence tells more than one, else None."""
    if len(dates) < 2 or not sentence.start <= mention.start < sentence.end:
        return None  # one date, or a place borrowed from the sentence before ("daar"): no clause of its own
    breaks = [sentence.start + m.start() for m in _CLAUSE_BREAK.finditer(sentence.text)]
    if not breaks:
        return None

    def clause(position: int) -> int:
        return sum(1 for b in breaks if b <= position)

    here = clause(mention.start)
    return next((d for d in dates if clause(d.start) == here), None)


# "twee dagen nadat de dam bij Nova Kachovka werd vernietigd", "a day after signing agreements in Berlin", "twee
# dagen na de explosie op de brug bij Kertsj": the happening named after the expression, at the place named in it,
# was that many days before the sentence's own day.
_DAYS_AFTER = re.compile(r"\b(\w+)\s+(?:dag|dagen|day|days)\s+(?:na|nadat|after)\b", re.IGNORECASE)
_HAPPENING_REACH = 90


def day_of_a_happening_named_after(sentence: Sentence, mention: PlaceMention, dates: list[DateMention],
                                   story_day: DateMention | None, pub: PublicationDate) -> DateMention | None:
    """The day of the happening at ``mention`` when the sentence names it after "N days after": N days before
    the sentence's own day (its other day, else the story's day so far, else the report's).  An opening "Twee
    dagen na de aanval op de school werden in X ..." dates the sentence's own happening at X instead."""
    if "after" not in sentence.text and " na" not in sentence.text:
        return None
    for match in _DAYS_AFTER.finditer(sentence.text):
        at = sentence.start + match.end()
        word = match.group(1).lower()
        count = 1 if word in ("a", "een", "één", "one") else parse_number(word)
        if count is None or not 0 < mention.start - at <= _HAPPENING_REACH \
                or any(c in sentence.text[match.end():mention.start - sentence.start] for c in ".;") \
                or _OPENING.fullmatch(sentence.text[:match.start()]):
            continue
        own = next((d for d in dates if d.precision == "day" and not match.start() <= d.start - sentence.start
                    < match.end()), None) or (story_day if story_day is not None and story_day.precision == "day"
                                              else None)
        if own is None and pub.precision != "day":
            return None
        base = dt.date.fromisoformat(own.event_date) if own is not None else pub.day
        return DateMention(match.start() + sentence.start, match.end() + sentence.start, match.group(),
                           (base - dt.timedelta(days=count)).isoformat(), "day", f"happening_before:{count}")
    return None


_OPENING = re.compile(r"\W*(?:\d{1,2}[:.]\d{2}\s*[-–—]?\s*)?")


# A relative clause set off by commas: ", who flew into Hiroshima on Saturday,", ", die zondag was aangekomen,".
_ASIDE = re.compile(r",\s+(?:who|which|die|dat|wie)\b[^,;]*,")


def in_an_aside(sentence: Sentence, date: DateMention) -> bool:
    """Whether ``date`` sits in a relative clause between commas: it dates what the clause tells, not the
    sentence's happening."""
    at = date.start - sentence.start
    return any(m.start() <= at < m.end() for m in _ASIDE.finditer(sentence.text))


def countries_named(finder: PlaceFinder, sentences: list[Sentence], date: DateMention,
                    context: str | None) -> set[str]:
    """The countries the sentence holding ``date`` names as locations, context ones included."""
    sentence = next((s for s in sentences if s.start <= date.start < s.end), None)
    if sentence is None:
        return set()
    return {m.place.country_code for m in finder.locations(sentence, context) if m.place is not None}


def scene_date(sentence: Sentence, doc: Document, anchor: DateMention | None) -> tuple[DateMention, None] | None:
    """The story's day from a lead sentence that sets the scene without an event word ("Dinsdagavond
    veranderden straten in kolkende rivieren"): a lead of no kind, for the undated events told after it."""
    if TELLING.search(sentence.text):
        return None  # "Dat hebben de autoriteiten zondag bekendgemaakt": the day of the telling
    days = [d for d in find_dates(sentence.text, doc.pub, sentence.start, anchor)
            if d.precision == "day" and not trailing_telling_date(sentence, d)]
    return (days[0], None) if days else None


def day_the_scene_is_set(sentence: Sentence, pub: PublicationDate, anchor: DateMention | None,
                         published: str) -> DateMention | None:
    """The day a sentence of no happening gives to the paragraph it opens ("Die kwam vannacht.", "In Nikopol
    vielen maandag wel doden."): the one day it names, not to come and not a day it was told on (the caller
    asks only of a paragraph's first sentence)."""
    days = [d for d in find_dates(sentence.text, pub, sentence.start, anchor)
            if d.precision == "day" and not trailing_telling_date(sentence, d) and d.event_date <= published]
    return days[0] if len(days) == 1 else None


def trailing_telling_date(sentence: Sentence, date: DateMention) -> bool:
    """Whether ``date`` only dates a trailing attribution: "..., residents said Thursday." ("officials said on
    Friday that two people had died" dates what they said, by the news convention of the day it was told), or a
    count made by then ("ten people were confirmed dead by Saturday")."""
    before = sentence.text[:date.start - sentence.start]
    after = sentence.text[date.end - sentence.start:]
    if _COUNTED_BY.search(before) and _A_COUNT.search(before):
        return True  # "Ten people were confirmed dead there by Saturday": the day of the count, not the happening
    if _TOLD_AFTER.match(after):
        return True  # Dutch puts the verb's particle after the day: "maakten de autoriteiten vanochtend bekend"
    return _TELLING_DATE.search(before) is not None and _CLAUSE_END.match(after) is not None


_COUNTED_BY = re.compile(r"\b(?:by|as\s+of|tegen|per)\s+$", re.IGNORECASE)
_A_COUNT = re.compile(r"\b(?:dead|killed|died|injured|wounded|doden|gewonden|omgekomen|toll|dodental|confirmed|"
                      r"bevestigd|counted|geteld)\b", re.IGNORECASE)
_TOLD_AFTER = re.compile(r"\s*(?:bekend|weten|mee)\W*$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[.;!?]|,|$)")  # "..., residents said Thursday." (not "said on Saturday they had")


def headline(text: str, sentence: Sentence) -> bool:
    """Whether the first sentence is a headline: a line of its own without a full stop."""
    rest = text[sentence.end:sentence.end + 2]
    return not sentence.text.rstrip().endswith((".", "!", "?", '"', "”", "'")) and rest.startswith("\n")


def says_where(orphans: list[Candidate], sentence: Sentence, index: int) -> bool:
    """Whether ``sentence`` follows a report that named no place, in its paragraph, and opens with a place:
    the lead said what happened ("Een explosie heeft de spoorlijn vernield"), this sentence says where."""
    if not orphans or orphans[-1].index != index - 1 or orphans[-1].category not in _SCENE_KINDS:
        return False  # a statement or a talk is told where it was said, not in the next sentence's place
    return orphans[-1].sentence.paragraph == sentence.paragraph and bool(OPENS_WITH_PLACE.match(sentence.text))


# A sentence that opens with its place, after a liveblog's clock if any: "In Den Haag waaide ook een dak weg",
# "Near the harbour of Sevastopol ...", "10:30 – Bij Charkiv ...".  It sets a scene the next sentence may go on
# with, it says where a report without a place happened, and a zero it tells is that place's.
OPENS_WITH_PLACE = re.compile(r"^\W*(?:\d{1,2}[:.]\d{2}\s*[-–—]?\s*)?(?:In|Bij|Nabij|Op|Near|At|On|Outside|Buiten|"
                              # "Ook in Den Haag ging het mis", "Also in Leeds ..."
                              r"Rond|Around|(?:Ook|Also|Zelfs|Even)\s+(?:in|bij|op|near|at|on))\s+"
                              r"(?:(?:het|de|the)\s+(?:\w+\s+){0,2}|(?:[a-zà-ÿ-]+\s+){0,2})[A-ZÀ-Þ]")


# A sentence that goes on with the scene the sentence before set: "Toen sloegen twee raketten in", "it was struck".
_GOES_ON = re.compile(r"^\W*(?:Toen|Then|Daarna|Daarop|Plotseling|Suddenly|Moments\s+later|Even\s+later)\b"
                      r"|\b(?:it|het|hij|zij)\s+(?:was|werd|is)\s+(?:\w+\s+)?(?:struck|hit|getroffen|geraakt|"
                      r"bombarded|shelled|beschoten|bestookt|gebombardeerd|attacked|aangevallen)\b", re.IGNORECASE)
# Happenings that take place where the sentence before set the scene; talks and statements are often told after
# a scene of another kind ("Artsen zonder Grenzen sprak van ...", "Zelensky has not been invited to the summit").
_SCENE_KINDS = ("attack", "fighting", "evacuation", "other")
# A name after a preposition of place, which the finder may have set aside as no location of the happening
# ("zei directeur X in Wenen", "vuurde drones af op Rusland"): the sentence is elsewhere, not in the scene before.
# (a weekday or a month after "on"/"in" is a date: "Fighting raged on Friday")
_NAME_AFTER_A_PREPOSITION = re.compile(r"\b(?i:in|op|naar|bij|uit|vanuit|at|to|near|from|on)\s+"
                                       r"(?i:de\s+|het\s+|the\s+)?"
                                       rf"(?!(?i:{WEEKDAY_ALT}|{MONTH_ALT})\w*\b)[A-ZÀ-Þ]")


def goes_on_with_the_scene(text: str, before: str, category: str, names_a_place: bool) -> bool:
    """Whether a sentence of a happening without a place of its own happens in the one town the sentence before
    named (a sentence of no happening, in the same paragraph; the caller checks both): "In Robotyne bijten de
    eenheden zich vast. Er wordt huis aan huis gevochten", "... the harbour in X seemed untouchable. On Friday it
    was struck".  A sentence that names a place, even one that is no location of its happening ("zei in Wenen",
    "vuurde drones af op Rusland"), is elsewhere; a talk or a statement takes the scene only when the sentence
    opens with it or the one before opens with its place."""
    if _GOES_ON.search(text) or OPENS_WITH_PLACE.match(before):
        return True
    return category in _SCENE_KINDS and not names_a_place and not _NAME_AFTER_A_PREPOSITION.search(text)


# A date that names another happening: "a response to Saturday's blast"; one in a clause of since when a state
# lasts: "Sinds het leger zich in november terugtrok, wordt de stad dagelijks beschoten".
_SINCE = re.compile(r"\b(?:sinds|since)\s+\w[^,;.]*\s$", re.IGNORECASE)  # "since Sunday" dates what began
_POSSESSIVE = re.compile(r"^['’]s\b")
_IN_ANSWER_TO = re.compile(r"\b(?:response\s+to|retaliation\s+for|revenge\s+for|after|following|antwoord\s+op|"
                           r"reactie\s+op|vergelding\s+voor|na)\s+$", re.IGNORECASE)


def dates_of_other_happenings(sentence: Sentence, date: DateMention) -> bool:
    """Whether ``date`` dates another happening than the sentence's: the one it answers ("a response to
    Saturday's blast"; "the toll from Tuesday's floods" is the sentence's own) or the start of a state ("since
    the army withdrew in November")."""
    before = sentence.text[:date.start - sentence.start]
    after = sentence.text[date.end - sentence.start:]
    return bool(_POSSESSIVE.match(after) and _IN_ANSWER_TO.search(before) or _SINCE.search(before))


_STAMP = re.compile(r"^\W*\d{1,2}[:.]\d{2}\b")
_STAMP_ONLY = re.compile(r"^\W*\d{1,2}[:.]\d{2}\W*$")
# A state told as still going on is told of the day of the report: "In Goma wordt nog altijd gevochten".
_STILL = re.compile(r"\b(?:nog\s+altijd|nog\s+steeds|still|inmiddels)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|werd|werden|hadden)\b", re.IGNORECASE)


def today(sentences: list[Sentence], index: int, doc: Document) -> DateMention | None:
    """The publication day for an undated sentence that opens a liveblog entry ("11:40 In the village of X a drone
    struck a car"; the stamp may stand on its own line before it) or that tells a state still going on; None
    otherwise, or when the report has no publication day."""
    if doc.pub.precision != "day":
        return None
    sentence = sentences[index]
    opens_entry = bool(_STAMP.match(sentence.text)) or index > 0 and bool(_STAMP_ONLY.match(
        sentences[index - 1].text)) and sentences[index - 1].paragraph != sentence.paragraph
    if not opens_entry and not (_STILL.search(sentence.text) and not _PAST.search(sentence.text)):
        return None
    return DateMention(sentence.start, sentence.start, "", format_date(doc.pub.day, "day"), "day", "today:report")
