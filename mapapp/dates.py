"""Dates in news text, resolved against the publication date (Dutch and English).

Reporters write "gisteren", "donderdagavond", "last week", "in september", "on 12 March";
an events table needs ISO dates with an honest precision.  Everything here is a small pure
function of (text, publication date) so the rules can be read and tested as a table.

Honesty rules
-------------
* The result is never more precise than the publication date allows.  With a month-only
  publication date (``2023-08``) "gisteren" and "donderdag" name a day we cannot know, so
  they give ``2023-08`` with month precision.  *Month boundary:* "gisteren" in a report
  dated only ``2023-08`` could be 31 July if the report is from 1 August; we accept the
  publication month (a 1-in-31 risk) rather than widening every such event to a year.
* Weekday names mean the most recent such day on or before publication ("donderdag" in a
  Thursday report is that day); "vorige donderdag"/"last Thursday" means strictly before,
  "volgende donderdag"/"next Thursday" strictly after.
* "vorige week"/"last week" and "N weeks ago" keep month precision (the week is not a day).
* A bare month ("in september") is the last such month before publication when the
  sentence is in the past tense, the next one (or the current one) when it talks about
  plans ("overweegt", "zal", "will", "plans").  A month equal to the publication month is
  that month.
* Dates introduced by "sinds"/"since" are background, not the event's date, and are skipped.
* Dates that point back at the story ("een dag later", "two days earlier", "later that day",
  "dezelfde avond", "the next day") count from the *anchor*, the date of the event told just
  before (the caller passes it); without an anchor they are unknown, not the publication day.
* "eerder deze week"/"earlier this week" keeps month precision, like "last week".
* "de nacht van donderdag op vrijdag" / "the night from Thursday to Friday" is the second day:
  the happening falls in its early hours.

Absolute dates ("12 maart 2023", "12 March", "March 12, 2023") are found by a regular
expression and only those spans are handed to dateparser, restricted to Dutch and English:
dateparser is slow per call and returns nothing for "donderdagavond" or "vorige week", so
the relative forms are handled here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mapapp.errors import InputError, Problem

MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "februari": 2, "february": 2, "maart": 3, "march": 3, "april": 4,
    "mei": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7, "augustus": 8, "august": 8,
    "september": 9, "oktober": 10, "october": 10, "november": 11, "december": 12,
}
WEEKDAYS: dict[str, int] = {
    "maandag": 0, "monday": 0, "dinsdag": 1, "tuesday": 1, "woensdag": 2, "wednesday": 2,
    "donderdag": 3, "thursday": 3, "vrijdag": 4, "friday": 4, "zaterdag": 5, "saturday": 5,
    "zondag": 6, "sunday": 6,
}
_COUNT_WORDS = {"een": 1, "één": 1, "a": 1, "an": 1, "one": 1, "twee": 2, "two": 2, "drie": 3, "three": 3,
                "vier": 4, "four": 4, "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7,
                "acht": 8, "eight": 8, "negen": 9, "nine": 9, "tien": 10, "ten": 10}
_UNIT_DAYS = {"dag": 1, "dagen": 1, "day": 1, "days": 1, "week": 7, "weken": 7, "weeks": 7}

# Words that put a sentence in the future or in the conditional of plans.
_FUTURE = re.compile(
    r"\b(?:overweeg\w*|zal|zullen|zou\s+\w+\s+gaan|gaat|gaan\s+\w+|plan|plannen|plande|planden|gepland|planning|plant\s+(?:om|te)|van\s+plan|volgende|komende|verwacht\w*|"
    r"will|shall|plans?|planned|planning|expected|intends?|considering|considers|next|upcoming|"
    r"reist|vliegt|vertrekt|travels|flies|"
    r"is\s+to|are\s+to|going\s+to|scheduled)\b",
    re.IGNORECASE,
)
# The verbs of a plan that a weekday right after belongs to: "will travel on Friday", "reist vrijdag".
_PLAN_VERB = re.compile(r"\b(?:zal|zullen|gaat|gaan|will|shall|reist|vliegt|vertrekt|travels|flies|going\s+to|"
                        r"(?:is|are)\s+(?:to|expected\s+to|due\s+to|scheduled\s+to))\b", re.IGNORECASE)

_AHEAD_UNITS = {"dagen": 1, "days": 1, "weken": 7, "weeks": 7, "maanden": 30, "months": 30}
# Every month and weekday name, longest first, as one alternation (other modules' patterns use them too).
MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_DAYPART = r"(?:ochtend|morgen|middag|avond|nacht)?"
_COUNT_ALT = r"\d+|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True))

# Order matters: longer, more specific forms first; one combined pattern keeps it one pass.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("since", rf"\b(?:sinds|since)\s+(?:(?:begin|eind|half|early|late|mid)\s+)?(?:(?:{MONTH_ALT})\s+)?\d{{4}}\b"),
    ("iso", r"\b\d{4}-\d{2}-\d{2}\b"),
    ("day_month", rf"\b\d{{1,2}}\s+(?:{MONTH_ALT})(?:\s+\d{{4}})?\b"),
    ("month_day", rf"\b(?:{MONTH_ALT})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"),
    ("month_year", rf"\b(?:{MONTH_ALT})\s+\d{{4}}\b"),
    ("day_before_yesterday", r"\beergisteren\b|\bthe\s+day\s+before\s+yesterday\b"),
    ("yesterday", r"\bgister(?:en)?(?:ochtend|morgen|middag|avond|nacht)?\b|\byesterday\b"),
    ("today", r"\bvandaag\b|\bvannacht\b|\bvanochtend\b|\bvanmorgen\b|\bvanmiddag\b|\bvanavond\b|\btoday\b"
              r"|\btonight\b|\bovernight\b|\bthis\s+(?:morning|afternoon|evening)\b|\blast\s+night\b"),
    ("tomorrow", r"\bmorgen\b(?!\w)|\btomorrow\b"),
    ("anaphor", rf"\b(?:(?:{_COUNT_ALT})\s+(?:dag|dagen|day|days|week|weken|weeks)\s+"
                r"(?:later|eerder|daarna|ervoor|earlier|before|after)"
                rf"|(?:{_COUNT_ALT})\s+(?:dag|dagen)\s+(?:vóór|voor|na)(?=\s+(?:de|het|een)\b)"
                r"|de\s+(?:volgende|daaropvolgende)\s+dag|daags\s+(?:daarna|erna|ervoor)|de\s+dag\s+(?:erna|daarna|ervoor)"
                r"|the\s+(?:next|following|previous)\s+day|de\s+vorige\s+dag|the\s+day\s+(?:after|before)(?!\s+yesterday)"
                r"|(?:(?:later|eerder)\s+)?(?:die|diezelfde|dezelfde)\s+(?:dag|avond|nacht|ochtend|middag|morgen)"
                r"|(?:later|earlier)\s+that\s+(?:day|evening|night|morning|afternoon)"
                r"|(?:(?:a\s+few|several|some|two|three|enkele|een\s+paar|twee|drie)\s+)?(?:hours|uur|uren)\s+(?:later|eerder|earlier)"
                # "about three hours after the quake", "enkele uren na de aanval": the day of the happening named
                r"|(?:(?:a\s+few|several|some|two|three|four|five|enkele|een\s+paar|twee|drie|vier|vijf|\d+)\s+)?"
                r"(?:hours|uur|uren)\s+(?:after|na)(?=\s+(?:the|de|het)\b)"
                r"|(?:that|the)\s+same\s+(?:day|evening|night|morning|afternoon)"
                r"|^\W*(?:that|die)\s+(?:evening|night|morning|afternoon|avond|nacht|ochtend|middag))\b"),
    ("this_week", r"\b(?:(?:eerder|later|earlier)\s+)?(?:deze|die|this|that)\s+week\b"),
    ("this_month", r"\b(?:(?:eerder|later|earlier)\s+)?(?:deze|this)\s+maand\b|\b(?:earlier|later)\s+this\s+month\b"),
    ("ago", rf"\b(?:{_COUNT_ALT})\s+(?:dag|dagen|week|weken|day|days|weeks)\s+(?:geleden|ago)\b"),
    ("year_ago", rf"\b(?:{_COUNT_ALT})\s+(?:jaar|jaren|years?)\s+(?:geleden|ago)\b"),
    ("night_to", rf"\b(?:in\s+)?de\s+nacht\s+van\s+(?:{WEEKDAY_ALT})\s+op\s+(?:{WEEKDAY_ALT})\b"
                 rf"|\bthe\s+night\s+(?:of|from)\s+(?:{WEEKDAY_ALT})\s+(?:to|into)\s+(?:{WEEKDAY_ALT})\b"),
    # "vorige week vrijdag", "on Friday last week": that weekday of the week before publication's
    ("week_before", rf"\b(?:vorige|afgelopen)\s+week\s+(?:op\s+)?(?:{WEEKDAY_ALT}){_DAYPART}\b"
                    rf"|\b(?:on\s+)?(?:{WEEKDAY_ALT})\s+(?:of\s+)?last\s+week\b"),
    # "volgende week zaterdag", "on Saturday next week": that weekday of the week after publication's
    ("week_after", rf"\b(?:volgende|komende)\s+week\s+(?:op\s+)?(?:{WEEKDAY_ALT}){_DAYPART}\b"
                   rf"|\b(?:on\s+)?(?:{WEEKDAY_ALT})\s+(?:of\s+)?next\s+week\b"),
    ("weekday", rf"\b(?:(?:vorige|afgelopen|volgende|komende|last|next|this|on|op)\s+)?(?:{WEEKDAY_ALT}){_DAYPART}\b"
                r"(?:\s+(?:morning|afternoon|evening|night))?"),
    ("last_week", r"\b(?:vorige|afgelopen)\s+week\b|\blast\s+week\b|\bde\s+afgelopen\s+dagen\b|\bin\s+recent\s+days\b"),
    ("next_week", r"\b(?:volgende|komende)\s+week\b|\bnext\s+week\b"),
    # "over twee weken", "in three weeks' time", "two weeks from now": a time still to come
    ("ahead", rf"\bover\s+(?:{_COUNT_ALT}|enkele|een\s+paar)\s+(?:dagen|weken|maanden)\b"
              rf"|\bin\s+(?:{_COUNT_ALT}|a\s+few)\s+(?:days|weeks|months)(?:'|’)?\s+time\b"
              rf"|\b(?:{_COUNT_ALT})\s+(?:days|weeks|months)\s+from\s+now\b"),
    ("last_month", r"\b(?:vorige|afgelopen)\s+maand\b|\blast\s+month\b"),
    ("next_month", r"\b(?:volgende|komende)\s+maand\b|\bnext\s+month\b"),
    ("last_year", r"\bvorig\s+jaar\b|\blast\s+year\b|\bverleden\s+jaar\b"),
    # a season is no month: "last autumn", "deze zomer" tell a year
    ("season", r"\b(?:last|this|vorige|vorig|afgelopen|deze|dit)\s+(?:spring|summer|autumn|fall|winter|voorjaar|"
               r"lente|zomer|najaar|herfst|winter)\b"),
    ("next_year", r"\bvolgend\s+jaar\b|\bnext\s+year\b|\bkomend\s+jaar\b"),
    ("this_year", r"\bdit\s+jaar\b|\bthis\s+year\b"),
    ("month", rf"\b(?:in|op|on|begin|eind|half|early|late|mid|medio|last|afgelopen|vorige)\s+(?:{MONTH_ALT})\b"
              r"(?!,?\s+\d)"),
    ("year", r"\b(?:in|sinds|since|van|of|uit|from)\s+(?:(?:begin|eind|early|late|mid)\s+)?(?:19|20)\d{2}\b"),
    # a year before a noun names a past happening: "the 2018 fire", "the 2014 annexation" ("since the 2018 fire"
    # measures against it, see ``find_dates``)
    ("year_adjective", r"\bthe\s+(?:19|20)\d{2}(?=\s+[a-z])"),
)
_COMBINED = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS), re.IGNORECASE)
_WORD_START = re.compile(r"\b\w")


def date_expressions(sentence: str) -> Iterator[re.Match[str]]:
    """``_COMBINED.finditer(sentence)``, tried only where a word starts.

    Every expression begins at a word boundary with a letter or digit, so no match can start
    inside a word; ``finditer`` tries the whole alternation of some fifty expressions at every
    character, which made date finding a fifth of extraction time.  Same matches, same order
    (``tests/test_dates_scan.py`` holds the two to each other).
    """
    end = 0
    for word in _WORD_START.finditer(sentence):
        start = word.start()
        if start < end:
            continue
        match = _COMBINED.match(sentence, start)
        if match is not None:
            end = max(match.end(), start + 1)
            yield match


@dataclass(frozen=True)
class PublicationDate:
    """When the document appeared: the first day of its span and how precise that is."""

    day: dt.date
    precision: str  # "day" or "month"


@dataclass(frozen=True)
class DateMention:
    """One date expression in a text, resolved; ``key`` identifies the expression itself.

    Two mentions with different keys may resolve to the same month yet name different
    days ("gisteren" and "donderdag" in a month-dated report); the merge rule uses ``key``.
    """

    start: int
    end: int
    text: str
    event_date: str
    precision: str
    key: str


def parse_publication_date(value: str, source: str = "--date") -> PublicationDate:
    """``YYYY-MM-DD`` or ``YYYY-MM`` as a PublicationDate; InputError for anything else."""
    value = value.strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    try:
        if match:
            year, month = int(match[1]), int(match[2])
            if match[3]:
                return PublicationDate(dt.date(year, month, int(match[3])), "day")
            return PublicationDate(dt.date(year, month, 1), "month")
    except ValueError:
        pass
    problem = Problem(source, None, "date", f"{value!r} is not a date (YYYY-MM-DD or YYYY-MM)")
    raise InputError(str(problem), [problem])


def format_date(day: dt.date, precision: str) -> str:
    """ISO form of ``day`` cut to ``precision`` (day → YYYY-MM-DD, month → YYYY-MM, year → YYYY)."""
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]


def _cap(precision: str, pub: PublicationDate) -> str:
    """A day-level answer is only a day when the publication date is one."""
    return "month" if precision == "day" and pub.precision != "day" else precision


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _weekday_date(name: str, modifier: str, pub: PublicationDate) -> dt.date:
    """The weekday ``name`` relative to the publication day (see the module's rules)."""
    target = WEEKDAYS[name]
    back = (pub.day.weekday() - target) % 7
    if modifier in ("vorige", "afgelopen", "last") and back == 0:
        back = 7
    if modifier in ("volgende", "komende", "next"):
        ahead = (target - pub.day.weekday()) % 7 or 7
        return pub.day + dt.timedelta(days=ahead)
    return pub.day - dt.timedelta(days=back)


def _month_date(month: int, year: int | None, future: bool, pub: PublicationDate) -> dt.date:
    """The named month: explicit year, else the last one before (past) or next one (future)."""
    if year is not None:
        return dt.date(year, month, 1)
    year = pub.day.year
    if future:
        return dt.date(year + (month < pub.day.month), month, 1)
    return dt.date(year - (month > pub.day.month), month, 1)


def _absolute(text: str, pub: PublicationDate, future: bool) -> tuple[dt.date, str] | None:
    """An absolute date span, parsed by dateparser (nl/en only); year inferred when missing."""
    import dateparser  # imported here: only sentences with an absolute date pay for it

    has_year = re.search(r"\d{4}", text) is not None
    parsed = dateparser.parse(text, languages=["nl", "en"],
                              settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month"]})
    if parsed is None:
        return None
    day = parsed.date()
    if not has_year:
        day = day.replace(year=pub.day.year)
        # "on 12 March" in a past-tense report from February means last year's March.
        if not future and day > _span_end(pub):
            day = day.replace(year=day.year - 1)
        elif future and day < pub.day:
            day = day.replace(year=day.year + 1)
    return day, "day"


def _span_end(pub: PublicationDate) -> dt.date:
    if pub.precision == "day":
        return pub.day
    return pub.day.replace(day=calendar.monthrange(pub.day.year, pub.day.month)[1])


def _anaphor_offset(low: str) -> int:
    """Days from the anchor that a story-relative expression means ("twee dagen eerder" → -2)."""
    words = low.split()
    if {"hours", "uur", "uren"} & set(words):
        return 0  # "hours later": the same day, as far as a date can tell
    if words[-1] in ("later", "daarna", "after", "erna", "na") or "volgende" in words or "daaropvolgende" in words \
            or "next" in words or "following" in words:
        sign = 1
    elif words[-1] in ("eerder", "earlier", "ervoor", "before", "vóór", "voor") or "previous" in words \
            or "vorige" in words:
        sign = -1
    else:
        return 0  # "dezelfde avond", "later that day": the anchor's day
    count = words[0] if words[0] not in ("de", "the", "daags") else "1"
    unit = 7 if {"week", "weken", "weeks"} & set(words) else 1  # "een week eerder"
    return sign * unit * (int(count) if count.isdigit() else _COUNT_WORDS.get(count, 1))


def resolve_expression(kind: str, text: str, pub: PublicationDate, future: bool = False,
                       anchor: DateMention | None = None, reverse: bool = False) -> tuple[str, str] | None:
    """(event_date, precision) for one matched expression of ``kind``, or None to ignore it.

    ``reverse``: a story-relative expression dates the other side ("the attack came a day after the
    barrage": the barrage, a day *before* the attack told).
    """
    low = " ".join(text.lower().split())
    day: dt.date
    if kind == "since":
        return None
    if kind == "anaphor":
        if anchor is None:
            return None
        if anchor.precision != "day":
            return anchor.event_date, anchor.precision
        offset = _anaphor_offset(low)
        day = dt.date.fromisoformat(anchor.event_date) + dt.timedelta(days=-offset if reverse else offset)
        return format_date(day, "day"), "day"
    if kind == "this_week":
        return format_date(pub.day - dt.timedelta(days=2 if low.split()[0] in ("eerder", "earlier") else 0),
                           "month"), "month"
    if kind == "this_month":  # "eerder deze maand", "earlier this month": the publication month, no day
        return format_date(pub.day, "month"), "month"
    if kind in ("iso", "day_month", "month_day"):
        found = _absolute(low, pub, future)
        if found is None:
            return None
        day, precision = found
        return format_date(day, precision), precision
    if kind == "month_year":
        name, year = low.split()
        return format_date(dt.date(int(year), MONTHS[name], 1), "month"), "month"
    offsets = {"day_before_yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1}
    if kind in offsets:
        day = pub.day + dt.timedelta(days=offsets[kind])
        precision = _cap("day", pub)
        if precision == "month":
            day = pub.day  # see the module docstring: month boundary → the publication month
        return format_date(day, precision), precision
    if kind == "ago":
        count_word, unit = low.split()[:2]
        count = int(count_word) if count_word.isdigit() else _COUNT_WORDS[count_word]
        day = pub.day - dt.timedelta(days=count * _UNIT_DAYS[unit])
        precision = _cap("day" if _UNIT_DAYS[unit] == 1 else "month", pub)
        return format_date(day, precision), precision
    if kind == "year_ago":
        count_word = low.split()[0]
        return str(pub.day.year - (int(count_word) if count_word.isdigit() else _COUNT_WORDS[count_word])), "year"
    if kind == "night_to":
        kind, low = "weekday", low.split()[-1]  # the early hours belong to the second day
    if kind == "weekday":
        words = low.split()
        modifier = words[0] if len(words) > 1 and words[0] in ("vorige", "afgelopen", "volgende", "komende",
                                                               "last", "next") else ""
        name = next(w for w in WEEKDAYS if re.match(w, words[-1] if words[-1] not in
                                                     ("morning", "afternoon", "evening", "night") else words[-2]))
        # "De president reist vrijdag naar Berlijn", "will meet on Friday": a plan's weekday is the coming one
        day = _weekday_date(name, modifier or ("komende" if future else ""), pub)
        precision = _cap("day", pub)
        if precision == "month":
            day = pub.day if not modifier else day
        return format_date(day, precision), precision
    if kind == "week_after":
        name = next(w for w in low.split() if any(w.startswith(d) for d in WEEKDAYS))
        target = next(v for d, v in WEEKDAYS.items() if name.startswith(d))
        day = pub.day + dt.timedelta(days=7 - pub.day.weekday() + target)
        precision = _cap("day", pub)
        return format_date(day if precision == "day" else pub.day, precision), precision
    if kind == "ahead":  # "over twee weken": a month's precision at most, the count is a round figure
        words = low.split()
        count_word = words[1] if words[0] == "over" or words[0] == "in" else words[0]
        count = int(count_word) if count_word.isdigit() else _COUNT_WORDS.get(count_word, 2)
        unit = next(w.rstrip("'’") for w in words if w.rstrip("'’") in _AHEAD_UNITS)
        return format_date(pub.day + dt.timedelta(days=count * _AHEAD_UNITS[unit]), "month"), "month"
    if kind == "week_before":
        name = next(w for w in low.split() if any(w.startswith(d) for d in WEEKDAYS))
        target = next(v for d, v in WEEKDAYS.items() if name.startswith(d))
        day = pub.day - dt.timedelta(days=pub.day.weekday() + 7 - target)
        precision = _cap("day", pub)
        return format_date(day if precision == "day" else pub.day, precision), precision
    if kind in ("last_week", "next_week"):
        day = pub.day + dt.timedelta(days=-7 if kind == "last_week" else 7) if pub.precision == "day" else pub.day
        return format_date(day, "month"), "month"
    if kind in ("last_month", "next_month"):
        return format_date(_shift_months(pub.day, -1 if kind == "last_month" else 1), "month"), "month"
    if kind == "season":
        words = low.split()
        back = words[0] in ("last", "vorige", "vorig", "afgelopen") and (
            words[1] in ("winter",) or words[1] in ("autumn", "fall", "najaar", "herfst") and pub.day.month < 9
            or words[1] in ("summer", "zomer") and pub.day.month < 6 or words[1] in ("spring", "voorjaar", "lente")
            and pub.day.month < 3)
        return str(pub.day.year - (1 if back else 0)), "year"
    if kind in ("last_year", "next_year", "this_year"):
        return str(pub.day.year + {"last_year": -1, "next_year": 1, "this_year": 0}[kind]), "year"
    if kind == "month":
        name = low.split()[-1]
        if low.split()[0] in ("last", "afgelopen", "vorige"):  # "last August": the one before, a year back at most
            day = _month_date(MONTHS[name], None, False, pub)
            day = day.replace(year=day.year - 1) if MONTHS[name] == pub.day.month else day
            return format_date(day, "month"), "month"
        return format_date(_month_date(MONTHS[name], None, future, pub), "month"), "month"
    if kind in ("year", "year_adjective"):
        return low.split()[-1], "year"
    return None


# "The attack came a day after the barrage": the sentence goes on to tell the earlier happening.
_FOLLOWED = re.compile(r"\b(?:came|comes|come|kwam|komt|followed|follows|volgde|volgt)\s+$", re.IGNORECASE)


# "heeft voor woensdag een spoedtop aangekondigd", "a meeting called for Friday": a day a happening is set for.
_FOR_THE_DAY = re.compile(r"\b(?:for|voor)\s+$", re.IGNORECASE)
_SET = re.compile(r"\b(?:aangekondigd|kondigde|announced|announces|scheduled|gepland|convened|bijeengeroepen|"
                  r"belegd)\b", re.IGNORECASE)


_POSSESSIVE_DAY = re.compile(r"\w+['’]s\b")  # "retaliation for Monday's attack": a day told, not set


def scheduled_for(sentence: str, start: int) -> bool:
    """Whether the weekday at ``start`` is the day a happening was announced or set for ("EAC heeft voor woensdag
    een spoedtop aangekondigd"): the coming one."""
    return _FOR_THE_DAY.search(sentence, 0, start) is not None and _SET.search(sentence) is not None \
        and not _POSSESSIVE_DAY.match(sentence, start)


def is_future(sentence: str) -> bool:
    """Whether the sentence talks about plans or the future (decides "in september")."""
    return _FUTURE.search(sentence) is not None


def find_dates(sentence: str, pub: PublicationDate, offset: int = 0,
               anchor: DateMention | None = None) -> list[DateMention]:
    """Every resolvable date expression in ``sentence``, in text order (offsets + ``offset``).

    ``anchor`` is the date of the event told before, for story-relative expressions.
    """
    mentions: list[DateMention] = []
    future = None
    for match in date_expressions(sentence):
        kind = match.lastgroup or ""
        if future is None:
            future = is_future(sentence)
        if kind == "year" and match.group().lower().split()[0] in ("sinds", "since"):
            continue
        if kind == "year_adjective" and re.search(r"\b(?:since|sinds)\s+$", sentence[:match.start()], re.IGNORECASE):
            continue  # "the worst fire since the 2018 blaze": a measure, the sentence's own happening is now
        reverse = kind == "anaphor" and _FOLLOWED.search(sentence, 0, match.start()) is not None
        # "began on November 27, and three days later ...": counted from the date just told in the sentence
        told = next((m for m in reversed(mentions) if m.precision == "day"), anchor)
        # a weekday is a plan's only right after the plan's word ("will travel to Athens on Friday", "reist
        # vrijdag"); "will invite six members, the president announced on Thursday" told it on the past one
        soon = future if kind != "weekday" else _PLAN_VERB.search(
            sentence[max(0, match.start() - 40):match.start()].rsplit(",", 1)[-1]) is not None \
            or scheduled_for(sentence, match.start())
        resolved = resolve_expression(kind, match.group(), pub, soon, told, reverse)
        if resolved is None:
            continue
        event_date, precision = resolved
        key = f"{kind}:{' '.join(match.group().lower().split()[-1:])}"
        mentions.append(DateMention(match.start() + offset, match.end() + offset, match.group(),
                                    event_date, precision, key))
    return mentions


def sentence_date(sentence: str, pub: PublicationDate) -> DateMention | None:
    """The date the sentence's event happened on: its first date expression, or None."""
    mentions = find_dates(sentence, pub)
    return mentions[0] if mentions else None
