"""What is not an event, though its words look like one: plans, called-off happenings, background,
and places a sentence names only as where people went, came from or spoke.

``lexicon`` says whether a sentence tells *something*; ``places`` which names are locations.  These
rules sit between them, from the reading of a whole sentence:

* **plans and threats**: a sentence whose only dates lie after publication ("reist maandag naar X",
  "a further meeting is planned for next month", "later this week"), a happening told only after an
  expectation, a vow or a threat ("leaders are expected to discuss", "vowed that the attacks would go
  on"), and one called off ("talks ... will not go ahead", "de top is afgelast");
* **descriptions**: a happening told only in a clause that describes a place ("near Bakhmut, where the
  counteroffensive is grinding forward") is the place's state;
* **background**: a sentence dated only by a year ("captured during the siege of X in 2022", "dit
  jaar al meer dan 200 explosies") tells a history or a tally, not a happening of the report;
* **passing places**: where people were taken or fled *to* ("naar Pavlohrad gebracht", "flights to
  Honolulu"), where someone who speaks *is* ("speaking to reporters in Washington", "said in Vilnius
  that", "a UN official in Yangon said"), and where a person or a reaction comes *from* ("een bewoner
  uit X", "condemnation from Italy", "by video link from Moscow").  The happening is elsewhere; the
  sentence may still tell it at another place it names.
"""

from __future__ import annotations

import re

from mapapp.dates import MONTH_ALT, DateMention
from mapapp.extract.documents import Sentence
from mapapp.extract.lexicon import categorize
from mapapp.extract.places import PlaceMention
from mapapp.extract.places.passing import where_people_went
from mapapp.extract.unreal import in_an_unreal_clause
from mapapp.numbers import find_casualties

# "later deze week", "next week": a time still to come even when it resolves to the publication month.
_COMING = re.compile(r"^(?:later\s+(?:deze|this)\s+(?:week|maand|month)|later\s+this\s+month)$", re.IGNORECASE)


# Dates that name a time to come by their own words, even when their month is the publication's: "volgende
# week", "volgende week zaterdag", "over twee weken".
_AHEAD_KINDS = ("next_week:", "week_after:", "ahead:")


def after(date: DateMention, published: str) -> bool:
    """Whether ``date`` lies after ``published`` (the publication date, ISO, cut to its precision)."""
    n = min(len(date.event_date), len(published))
    return date.event_date[:n] > published[:n] or bool(_COMING.match(date.text.strip())) \
        or date.key.startswith(_AHEAD_KINDS)


def to_come(date: DateMention, published: str) -> bool:
    """Whether ``date`` tells a time still to come.  A date counted from the story ("twee dagen na de
    explosie") is not a plan: it may count from the wrong event."""
    return not date.key.startswith("anaphor") and after(date, published)


# A happening told only as expected, planned, vowed or threatened: the words before the marker tell none.
_PLAN = re.compile(r"\b(?:(?:is|are|was|were)\s+(?:expected|due|scheduled|set|planned)\s+to|plans?\s+to|planning\s+to|"
                   r"vowed|vows|threatened|threatens|pledged\s+to|promised\s+to|intends?\s+to|"
                   r"wordt\s+verwacht|worden\s+verwacht|zou(?:den)?\s+moeten|is\s+van\s+plan|zijn\s+van\s+plan|"
                   r"overweegt|overwegen|dreigde|dreigt|dreigden|dreigen|belooft|beloofde|"
                   # advice is not what it advises: "drivers are advised to take the road through X"
                   r"aangeraden|geadviseerd|advised|advises|recommended|"
                   # an appeal is not what it asks for: "authorities urged residents to leave" (an order is)
                   r"urged|urges|urging|called\s+on|calls\s+on|(?:riep|roept|riepen)\s+(?:\w+\s+){1,3}?op)\b",
                   re.IGNORECASE)
# A happening called off is none.
_CALLED_OFF = re.compile(r"\b(?:will\s+not\s+go\s+ahead|won't\s+go\s+ahead|(?:was|were|has\s+been|have\s+been)\s+"
                         r"(?:called\s+off|cancell?ed|postponed)|gaat\s+niet\s+door|gaan\s+niet\s+door|"
                         r"(?:is|zijn|werd|werden)\s+(?:afgelast|uitgesteld|geannuleerd))\b", re.IGNORECASE)

_GROUPS = re.compile(r"\b(?:G7|G20|G-7|G-20)\b", re.IGNORECASE)


# A happening guessed at, not told: "achten zij onwaarschijnlijk", "the raid appears designed to ...".
_GUESS = re.compile(r"\b(?:onwaarschijnlijk|unlikely|(?:appears|seems|lijkt)\s+(?:to\s+be\s+)?(?:designed|bedoeld)|"
                    r"bedoeld\s+is\s+om|would\s+make|suggests?\s+(?:that\s+)?[A-Z]\w+\s+(?:has|had|is|was|will|would)|"
                    r"speculat\w+)\b", re.IGNORECASE)


# "It is Nepal's deadliest air accident since 1992", "Het is de grootste winst sinds ...": the report's comment on a
# happening it told, measured against the past; not a happening of its own.
_COMPARISON = re.compile(r"^\W*(?:\d{1,2}[:.]\d{2}\s*[-–—]?\s*)?(?:it|this|that|het|dit|dat)\s+(?:is|was|were|are|"
                         r"marks|marked|markeert|ging\s+om|gaat\s+om)\s+(?:[\w'’-]+\s+){0,3}?(?:the\s+|de\s+|het\s+)?"
                         r"(?:[\w'’-]+\s+){0,2}?(?:deadliest|biggest|worst|largest|heaviest|latest|most\s+\w+|"
                         r"dodelijkste|grootste|ergste|zwaarste|laatste|meest\s+\w+)\b", re.IGNORECASE)


def told_as_plan(text: str) -> bool:
    """Whether the sentence's happening is only planned, expected, vowed, guessed at or called off, or the sentence
    only measures a happening told against the past ("It is the deadliest attack since 2022")."""
    if _CALLED_OFF.search(text) or _GUESS.search(text) or _COMPARISON.match(text):
        return True
    plan = _PLAN.search(text)
    # the group's name before the plan is its subject, not a summit told: "Leaders of the G7 are expected to meet"
    return plan is not None and categorize(_GROUPS.sub("", text[:plan.start()])) is None


def background(dates: list[DateMention], text: str, published: str) -> bool:
    """Whether the sentence is dated by years only ("in 2022", "dit jaar") or counts over a named year with no day
    ("a report in December counted 5,600 killed in 2024"), only tells a state since a year
    ("M23, die sinds 2022 grote delen van Noord-Kivu in handen heeft"), or is dated only by the calendar at
    least three months before the report ("In juni kwamen bij een ongeluk nog 80 mensen om", in October; "In
    October 2024, a ferry capsized near Goma", in April 2026): a history or a running tally, not a happening the
    report tells."""
    if not dates:
        return bool(_SINCE_YEAR.search(text))
    if any(d.key.startswith("year:") for d in dates) and not any(d.precision == "day" for d in dates):
        return True  # "a report in December counted 5,600 killed in 2024": a year's tally, no happening
    return all(d.precision == "year" or d.key.startswith(_CALENDAR_DATES) and _months_before(d, published) >= 3
               for d in dates)


# Dates the text gives by the calendar ("in juni", "In October 2024", "on 7 October 2023"): three months or more
# before the report they date a history (GOLD_GUIDE: background is not an event); a relative one ("last week",
# "drie weken geleden") is the story's recent past.
_CALENDAR_DATES = ("month:", "month_year:", "day_month:", "month_day:", "iso:")


# A running tally since a year or a month: "sinds 2022", "Volgens de VN zijn sinds oktober 600.000 mensen gevlucht".
_SINCE_YEAR = re.compile(r"\b(?:sinds|since)\s+(?:(?:begin|eind|early|late|mid)\s+)?(?:(?:19|20)\d{2}|(?:"
                         + MONTH_ALT + r")\b)", re.IGNORECASE)


def _months_before(date: DateMention, published: str) -> int:
    year, month = int(date.event_date[:4]), int(date.event_date[5:7])
    return int(published[:4]) * 12 + int(published[5:7]) - (year * 12 + month)


# A clause that describes a place or a thing: "near Bakhmut, where the offensive is grinding forward".
_DESCRIBING = re.compile(r",\s+(?:where|waar|which)\b[^,;.]*", re.IGNORECASE)

# A clause in the present tells a state ("where shelling has intensified", "waar scholen nu vol liggen"); one in
# the past tells a happening at the place ("in Den Haag, waar een man door een tak werd geraakt").
_PRESENT = re.compile(r"\b(?:is|are|has|have|ligt|liggen|zijn|heeft|hebben|wordt|worden|nu|now|still|blijft|remains|"
                      r"opvangen|vangen)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|werd|werden|hadden|held|sprak|spoke)\b", re.IGNORECASE)


def only_described(sentence: Sentence, dates: list[DateMention]) -> bool:
    """Whether the sentence's happening is only in a present-tense clause that describes a place ("near Bakhmut,
    where the offensive is grinding forward"): the state of the place, not a happening the report tells.  A clause
    with its own date tells one ("Kucheriv Yar, where troops were fighting on Wednesday")."""
    clauses = [c for c in _DESCRIBING.finditer(sentence.text)
               if _PRESENT.search(c.group()) and not _PAST.search(c.group())]
    if not clauses:
        return False
    rest = sentence.text
    for clause in reversed(clauses):
        rest = rest[:clause.start()] + rest[clause.end():]
    if categorize(rest) is not None or find_casualties(rest).any:
        return False
    return not any(c.start() <= d.start - sentence.start < c.end() for c in clauses for d in dates)


# Where someone speaks: "speaking to reporters in X", "said at the White House", "zei dinsdag in X dat".
_SPEAKING_BEFORE = re.compile(r"\b(?:said|says|speaking|spoke|told\s+reporters|zei|zegt|verdedigde|verklaarde|"
                              r"addressed)\b(?:\s+(?:to\s+reporters|to\s+(?:the\s+)?[A-Z][\w'-]+|(?:on|op)\s+\w+|\w+day|\w+dag\w*|yesterday|today|gisteren|vandaag|"
                              r"later|earlier|eerder|publicly|openly))*\s+(?:in|at|from|vanuit)\s+(?:the\s+|de\s+|het\s+)?$",
                              re.IGNORECASE)
# Someone naming a happening on a day, at a seat: "noemde de aanval maandag in Wenen roekeloos" (the day right
# before "in": "called the shelling of Kharkiv a crime" names the shelled city, not the speaker's).
_NAMING_BEFORE = re.compile(r"\b(?:noemde|noemden|noemt|called|calls|described|describes|beschreef|omschreef)\s+"
                            r"(?:[\w'-]+\s+){1,4}?(?:\w+day|\w+dag\w*|yesterday|today|gisteren|vandaag)\s+"
                            r"(?:in|at|vanuit)\s+(?:the\s+|de\s+|het\s+)?$", re.IGNORECASE)
# Where a speaker spoke from: "who spoke to the Guardian from Abidjan", "sprak vanuit Kyiv".
_SPOKE_FROM = re.compile(r"\b(?:said|says|speaking|spoke|told|zei|zegt|sprak|spreekt)\b[^.;]{0,40}?\b(?:from|vanuit)\s+"
                         r"(?:the\s+|de\s+|het\s+)?$", re.IGNORECASE)
# Where people are held: "the hostages still held in Gaza", "de gijzelaars die nog in Gaza worden vastgehouden".
# ("held talks in Milan" is a meeting held there: no object between "held" and the place)
_HELD_IN = re.compile(r"\b(?:held|kept|vastgehouden|vastzitten|gevangen)\s+(?:captive\s+|hostage\s+|gevangen\s+)?"
                      r"(?:in|at|op)\s+(?:the\s+|de\s+|het\s+)?$", re.IGNORECASE)
# What a happening answers or where goods come from is no place of it: "a response to the change of course in
# Washington", "de invoer van landbouwproducten uit Oekraïne".
_ANSWERED = re.compile(r"\b(?:reactie|antwoord|response|reaction|answer)\s+(?:op|to)\s+(?:[\w'-]+\s+){0,4}?"
                       r"(?:in|at|uit|from|van|of)\s+(?:the\s+|de\s+|het\s+)?$", re.IGNORECASE)
_GOODS_FROM = re.compile(r"\b(?:\w*producten|\w*products|invoer|import|imports|export|exports|goods|goederen|graan|"
                         r"grain)\s+(?:uit|from)\s+(?:the\s+|de\s+|het\s+)?$", re.IGNORECASE)
# "a UN official in Yangon said", "officials in X said": the speaker's seat.
_SPEAKER_IN = re.compile(r"\b(?:official|officials|spokesman|spokeswoman|spokesperson|woordvoerder|correspondent|"
                         r"diplomat|diplomats)\s+(?:in|at)\s+$", re.IGNORECASE)
_SAID_AFTER = re.compile(r"^\s*(?:said|says|zei|zegt|told)\b", re.IGNORECASE)
# A name with no word of place before it that goes on with a will of its own is an actor, a government by its seat:
# "Moscow did not agree", "Moskou wil", "to force Moscow to pull back"; a list of them: "Kyiv and Moscow agreed".
_ACTS = re.compile(r"^(?:\s+(?:and|en)\s+[A-Z][\w'-]*)?\s+(?:did|does|will|would|could|can|must|should|might|may|"
                   r"agreed|agrees|walked|wants|wanted|refused|refuses|rejected|rejects|insisted|insists|demanded|"
                   r"demands|to|zal|zou|kan|moet|wil|wilde|weigert|weigerde|eist|eiste)\b")
# Where a person or a reaction comes from: "een bewoner uit X", "condemnation from Italy", "video link from X".
_FROM_WHOM = re.compile(r"\b(?:bewoner|inwoner|resident|man|vrouw|woman|bemiddelaars|mediators|delegatie|"
                        r"delegation|leaders|leiders|diplomaten|diplomats|journalists?|journalisten|condemnation|"
                        r"criticism|kritiek|reactions?|reacties|link|verbinding)\s+(?:uit|from)\s+(?:the\s+|de\s+|het\s+)?$"
                        r"|\bvanuit\s+(?:the\s+|de\s+|het\s+)?$",
                        re.IGNORECASE)


def passing_place(sentence: Sentence, mention: PlaceMention, category: str | None,
                  others: list[PlaceMention]) -> bool:
    """Whether ``mention`` names where people went, came from or spoke, not where the happening was.

    A destination counts as passing when people were carried there ("naar X gebracht", "flights to X") or
    the sentence names where they came from ("fled El Fasher towards X"); "fled to Pemba" alone tells
    where the fleeing was seen.  ``others``: the sentence's place mentions."""
    before = sentence.text[:mention.start - sentence.start]
    rest = sentence.text[mention.end - sentence.start:]
    if where_people_went(sentence, mention, category, others):
        return True  # "naar Pavlohrad gebracht", "opgevangen in Mykolajiv", "gevlucht uit X, richting Y"
    speaker = _SPEAKING_BEFORE.search(before) or _NAMING_BEFORE.search(before) \
        or _SPEAKER_IN.search(before) and _SAID_AFTER.match(rest)
    if speaker and category not in (None, "diplomacy"):
        return True  # a speaker's seat, even for a statement: "Netanyahu zei zaterdag in Tel Aviv dat ..."
    if _SPOKE_FROM.search(before):
        return True  # "an activist who spoke to the Guardian from Abidjan": a speaker's seat, whatever the category
    if in_an_unreal_clause(before):
        return True  # "..., but warned that it would not accept troops in Ukraine"
    if _HELD_IN.search(before):
        return True  # "a deal to free the hostages held in Gaza": where they are held, not where it happened
    if _ANSWERED.search(before) or _GOODS_FROM.search(before):
        return True  # "een reactie op de koerswijziging in Washington", "invoer van graan uit Oekraïne"
    if not mention.cue and _ACTS.match(rest):
        return True  # "if Moscow did not agree", "since Moscow walked out of the deal", "Kyiv and Moscow agreed"
    return category != "evacuation" and bool(_FROM_WHOM.search(before)) or "video link" in before.lower()


def event_mentions(sentence: Sentence, mentions: list[PlaceMention], category: str | None) -> list[PlaceMention]:
    """``mentions`` without the passing places; a later member of a list shares its first member's part
    ("condemnation from Norway and Chile")."""
    kept: list[PlaceMention] = []
    passing = False
    for mention in mentions:
        passing = passing if mention.listed else passing_place(sentence, mention, category, mentions)
        if not passing:
            kept.append(mention)
    return kept
