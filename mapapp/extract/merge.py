"""Merging candidates into one row per happening.

Two candidates at the same resolved place merge when their categories are equal, their
dates are compatible and their casualties are compatible.  Sentences with an event cue but
no place ("orphans", e.g. "Er brak brand uit ... Op dit moment betreuren we de dood van één
persoon") join the nearest event within ``ORPHAN_REACH`` sentences, before first, then
after, under the same rule (an orphan without a category cue fits any category).
In a story of one town, an orphan with its own cue and a day of the report's week that no event there
has ("The protests erupted on Thursday") is a second event in that town; otherwise it is dropped: we
never invent a place.  A toll of the whole happening told at
several places ("at least 64 people have died in the storm") belongs to none of them.

*Compatible dates*: either side undated, or equal resolved dates, except that two different
explicit day expressions ("gisteren" vs "donderdag") are different days even when a
month-only publication date resolves both to the same month.
*Compatible casualties*: for killed and for injured, one side unknown or both equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mapapp.dates import DateMention
from mapapp.extract.documents import Sentence
from mapapp.extract.places import PlaceMention, area_holds
from mapapp.numbers import FIRST_CLAIM, RISEN_TO, Casualties, zeros_filled

ORPHAN_REACH = 3
# A toll told for a whole country beside a city is not the city's: "a barrage that killed 41 people across
# Ukraine" in a sentence about a hospital in Kyiv.
COUNTRYWIDE = re.compile(r"\b(?:[Aa]cross|[Tt]hroughout|all\s+over|in\s+heel|door\s+heel)\s+(?:the\s+country\b|"
                          r"[A-ZÀ-Þ])|\b(?:nationwide|landelijk|in\s+het\s+hele\s+land)\b")
# A relative clause that describes a thing ("de stad die al maanden werd belegerd"); "where"/"waar" describes
# the place's situation ("near Bakhmut, where fighting has raged for months") and stays a state.
# A toll of the whole happening: "at least 64 people have died in the storm", "in total", "het dodental".
_OVERALL_TOLL = re.compile(
    r"\b(?:in|by|during|since|bij|door|sinds|tijdens)\s+(?:the|de|het)\s+(?:\w+\s+)?(?:storm|hurricane|typhoon|"
    r"cyclone|floods|flooding|earthquake|quake|wildfires|fires|strikes|attacks|raids|bombardments|violence|"
    r"fighting|clashes|overstromingen|noodweer|aardbeving|bosbranden|branden|aanvallen|luchtaanvallen|"
    r"bombardementen|geweld|gevechten|rellen)\b|\b(?:in total|in all|overall|nationwide|across the country|"
    r"death toll|toll|in totaal|dodental|landelijk|in het hele land)\b", re.IGNORECASE)


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


def _dates_compatible(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    if a.event_date != b.event_date:
        return False
    return a.precision == "day" or a.key == b.key or not (_pins_a_day(a) and _pins_a_day(b))


def _pins_a_day(mention: DateMention) -> bool:
    return mention.key.split(":")[0] in ("yesterday", "day_before_yesterday", "today", "tomorrow", "weekday", "ago",
                                         "iso", "day_month", "month_day", "anaphor")


def _casualties_compatible(a: Casualties, b: Casualties) -> bool:
    return all(x is None or y is None or x == y for x, y in ((a.killed, b.killed), (a.injured, b.injured)))


def same_place(a: PlaceMention, b: PlaceMention) -> bool:
    if a.place is not None and b.place is not None:
        return (a.place.name, a.place.country_code) == (b.place.name, b.place.country_code)
    return a.place is None and b.place is None and a.name.lower() == b.name.lower()


def fits(event: Candidate, other: Candidate) -> bool:
    """The merge rule of the module docstring."""
    if other.category is not None and event.category != other.category:
        return False
    return _dates_compatible(event.date, other.date) and _casualties_compatible(event.casualties, other.casualties)


def absorb(event: Candidate, other: Candidate) -> None:
    event.sentences.extend(other.sentences)
    if event.date is None:
        event.date = other.date
    event.casualties = event.casualties.over(other.casualties)
    event.figures.extend(f for f in other.figures if f not in event.figures)


def _coarse(mention: PlaceMention | None) -> bool:
    """A country or region (or nothing resolved): a place a finer mention may stand in for."""
    return mention is None or mention.place is None or mention.place.kind in ("country", "region")


def _inside(city: PlaceMention, area: PlaceMention) -> bool:
    """Whether the resolved ``city`` lies in the resolved country or region ``area``."""
    return city.place is not None and area.place is not None and area_holds(area.place, city.place)


def refine_place(event: Candidate, mentions: list[PlaceMention], index: int) -> None:
    """A sentence saying where the last event lies ("The village lies 20 km east of Djibo")
    gives it a finer place when the event only had a country or region; a settlement the text named ("the
    village of Kucheriv Yar ... The village lies close to the road to Kostiantynivka") keeps its name."""
    finer = [m for m in mentions if m.place is None or m.place.kind == "city"]
    named = event.mention is not None and event.mention.cue == "named_settlement"  # "the village of Kucheriv Yar"
    if index - max(event.sentences) <= 2 and _coarse(event.mention) and not named and len(finer) == 1:
        if event.mention is None or event.mention.place is None or finer[0].place is None \
                or _inside(finer[0], event.mention):
            event.mention = finer[0]
            event.sentences.append(index)


def fold_areas_into_places(events: list[Candidate]) -> list[Candidate]:
    """An event placed only at a country or region joins a nearby event at a city inside it.

    "De brug naar de Krim is getroffen. Bij de aanval bij Kertsj ..." is one happening at
    Kerch; "In het zuiden van Polen braken dijken door. In Kłodzko ..." is one at Kłodzko.
    Near: within ``ORPHAN_REACH`` sentences; dates and casualties must fit.  An area's row without a toll joins
    a town's row of another kind too ("drones hebben raffinaderijen diep in Rusland aangevallen. In Rjazan brak
    brand uit"): the summary of what the report tells at its towns.
    """
    kept: list[Candidate] = []
    for event in events:
        if event.mention is not None and event.mention.place is not None and \
                event.mention.place.kind in ("country", "region"):
            towns = [e for e in events if e is not event and e.mention is not None
                     and e.mention.place is not None and e.mention.place.kind == "city"
                     and abs(e.index - event.index) <= ORPHAN_REACH and _inside(e.mention, event.mention)
                     and _dates_compatible(e.date, event.date)
                     and _casualties_compatible(e.casualties, event.casualties)]
            # a town's row of the same kind first; of another kind only for an area's row without a toll
            # (an evacuation of an area is its own happening: "76,000 evacuated from the border districts")
            target = next((e for e in towns if e.category == event.category), None) or next(
                (e for e in towns if not event.casualties.any and "evacuation" not in (e.category, event.category)),
                None)
            if target is not None:
                absorb(target, event)
                continue
        kept.append(event)
    return kept


def drop_area_totals(events: list[Candidate]) -> list[Candidate]:
    """A disaster's toll told for a whole country ("Storm Eunice heeft in Nederland aan vier mensen het
    leven gekost", "More than 1,600 people have died in Myanmar") is the sum of what the report tells at its towns,
    not a happening of its own, when the report tells the disaster at a town in that country too.  (A region's
    share is often told as its own: "155 of them in the province of Valencia".)"""
    def total(event: Candidate) -> bool:
        return event.category == "other" and event.casualties.any and event.mention is not None \
            and event.mention.place is not None and event.mention.place.kind == "country"

    return [e for e in events if not total(e) or not any(
        o is not e and o.category == "other" and o.mention is not None and o.mention.place is not None
        and o.mention.place.kind == "city" and o.mention.place.country_code == e.mention.place.country_code
        for o in events)]


def merge_candidate(events: list[Candidate], candidate: Candidate) -> None:
    """Fold ``candidate`` into an event at the same place that fits it, or add it as a new one."""
    target = next((e for e in events if same_place(e.mention, candidate.mention) and fits(e, candidate)
                   and e.category == candidate.category), None)
    if target is not None:
        absorb(target, candidate)
    else:
        events.append(candidate)


# A happening told in the pluperfect: "dat zijn troepen zich uit El Fasher hadden teruggetrokken", "had withdrawn".
_PLUPERFECT = re.compile(r"\b(?:had|hadden)\s+(?:been\s+)?(?:[\w'-]+\s+){0,5}?(?:\w+ed|\w+en|\w*ge\w+[dt])\b"
                         r"|\b(?:[\w-]*ge\w+[dt]|\w+ge\w+en)\s+(?:had|hadden)\b", re.IGNORECASE)


def merge_a_happening_told_before(events: list[Candidate], candidate: Candidate, dated: bool) -> bool:
    """Fold an undated sentence told in the pluperfect into the event of its kind already told at its place ("De
    RSF namen zondag El Fasher in. ... Al-Burhan zei dat zijn troepen zich uit El Fasher hadden teruggetrokken"):
    the same happening told again, whatever day the story is at now; whether it was folded."""
    if dated or not _PLUPERFECT.search(candidate.sentence.text):
        return False
    target = next((e for e in reversed(events) if same_place(e.mention, candidate.mention)
                   and e.category == candidate.category
                   and _casualties_compatible(e.casualties, candidate.casualties)), None)
    if target is None:
        return False
    absorb(target, candidate)
    return True


def attach_orphans(events: list[Candidate], orphans: list[Candidate], paragraphs: list[int] | None = None) -> None:
    """Join each story of orphan sentences to the nearest event it fits (before first, then after).

    ``paragraphs``: the paragraph of each sentence, so that an event whose toll a later paragraph updated
    ("The death toll in Kyiv has risen to 16") is told in that paragraph too."""
    busy = {i for c in events + orphans for i in c.sentences}
    for orphan in _story_groups(orphans):
        _date_the_story(events, orphan, busy)
        if orphan.casualties.any and _OVERALL_TOLL.search(orphan.sentence.text) and len(
                {(e.mention.name.lower()) for e in events if e.index < orphan.index}) >= 2:
            continue  # a toll of a happening told at several places belongs to none of them
        if orphan.casualties.any and COUNTRYWIDE.search(orphan.sentence.text):
            continue  # "a barrage which killed 39 people across Ukraine": no single place's toll
        before = [e for e in events if 0 < orphan.index - _last_told(e, orphan.index) <= ORPHAN_REACH
                  or 0 < orphan.index - e.index <= ORPHAN_REACH]
        # A later event takes an orphan only within its paragraph: a lead that names no place ("An earthquake
        # struck the High Atlas, killing 800") does not hand its toll to a town told in the next paragraph.
        after = [e for e in events if 0 < e.index - orphan.index <= ORPHAN_REACH
                 and e.sentence.paragraph == orphan.sentence.paragraph]
        before.sort(key=lambda e: orphan.index - _last_told(e, orphan.index))
        # an event told in the orphan's own paragraph is its story; another paragraph's event is not
        here = [e for e in before + after if paragraphs is not None
                and paragraphs[_last_told(e, orphan.index)] == orphan.sentence.paragraph]
        if here:
            before, after = [e for e in before if e in here], [e for e in after if e in here]
        after.sort(key=lambda e: e.index - orphan.index)
        if (raised := _the_toll_it_raises(before, orphan)) is not None:
            raise_the_toll(raised, orphan)  # "By Tuesday the toll had risen to ten": the count told, its day kept
            continue
        # A dated orphan joins only an event dated the same: an undated event would take its date, and a
        # dated aside ("Marokko werd in september 2023 getroffen ...") is background, not this event's day.
        target = next((e for e in before + after if fits(e, orphan)
                       and (orphan.date is None or e.date is not None)), None)
        if target is not None:
            absorb(target, orphan)
        elif (fled := _fled_from_the_town_just_told(events, orphan, paragraphs)) is not None:
            events.append(Candidate(orphan.index, orphan.sentence, fled.mention, orphan.category, orphan.casualties,
                                    orphan.date or fled.date, list(orphan.sentences), list(orphan.figures)))
        elif (town := _another_day_in_the_one_town(events, orphan)) is not None:
            events.append(Candidate(orphan.index, orphan.sentence, town, orphan.category, orphan.casualties,
                                    orphan.date, list(orphan.sentences), list(orphan.figures)))
        elif orphan.casualties.any:
            _give_casualties_to_the_sentence_before(events, orphan, busy, paragraphs)


# People of a place leaving it: a verb of flight and a word for many people.
_RESIDENTS_FLED = re.compile(r"^(?=.*\b(?:fled|flee|fleeing|evacuated|geëvacueerd|evacueerden|op\s+de\s+vlucht|"
                             r"vluchtten|in\s+veiligheid|(?:leave|left)\s+(?:their\s+)?homes?|verlaten|verlieten)\b)"
                             r"(?=.*\b(?:residents|inwoners|bewoners|omwonenden|mensen|"
                             r"people|families|gezinnen|villagers|dorpelingen|burgers|civilians|thousands|duizenden|"
                             r"hundreds|honderden)\b)", re.IGNORECASE | re.DOTALL)


def _fled_from_the_town_just_told(events: list[Candidate], orphan: Candidate,
                                  paragraphs: list[int] | None) -> Candidate | None:
    """The event at a town told just before, in its paragraph, when the orphan tells people fleeing without
    saying from where ("Ruim zesduizend inwoners sloegen op de vlucht; de meesten zochten onderdak in X",
    "Thousands of residents fled into the hills"): they fled that town, a second happening there."""
    if orphan.category != "evacuation" or paragraphs is None or not _RESIDENTS_FLED.search(orphan.sentence.text):
        return None  # "ontheemden in tenten" describes; "the president fled the country" is one man
    told = [e for e in events if 0 < orphan.index - _last_told(e, orphan.index) <= 2
            and paragraphs[_last_told(e, orphan.index)] == orphan.sentence.paragraph]
    if not told:
        return None
    last = max(told, key=lambda e: _last_told(e, orphan.index))
    town = last.mention
    if last.category == "evacuation" or not (town.place is not None and town.place.kind == "city"
                                              or town.cue == "named_settlement"):
        return None
    return last if _dates_compatible(last.date, orphan.date) else None


# Days a report names by their place in its own week ("on Thursday", "gisteravond"): the story's days, not history.
_DAYS_OF_THE_WEEK = ("weekday", "yesterday", "day_before_yesterday")
# What was said about the story ("claimed the attack in a statement", "sprak van sabotage") or how things still
# stand ("were still burning", "zitten nog steeds opgesloten") is no second happening.
_WORDS_OR_STATE = re.compile(r"\b(?:claimed|claims|statement|verklaring|sprak|spoke|still|nog\s+altijd|nog\s+steeds|"
                             r"sinds|since)\b", re.IGNORECASE)


def _another_day_in_the_one_town(events: list[Candidate], orphan: Candidate) -> PlaceMention | None:
    """The town of a one-town story, for a happening it tells without a place on a day of its own: "Protesters
    rallied in Tbilisi on Sunday ... The protests erupted on Thursday evening ... On Saturday night, part of the
    parliament building caught fire" are three days of happenings there.  Only when every event told before is
    at that town (a story of several places does not say which one) and the orphan has its own cue and day."""
    if orphan.category is None or orphan.date is None or orphan.date.key.split(":")[0] not in _DAYS_OF_THE_WEEK \
            or TELLING.search(orphan.sentence.text) or _WORDS_OR_STATE.search(orphan.sentence.text):
        return None
    told = [e for e in events if e.index < orphan.index]
    if not told or any(not same_place(e.mention, told[0].mention) for e in told):
        return None
    town = told[0].mention
    if any(_dates_compatible(e.date, orphan.date) for e in told):
        return None  # the day already told there: the happening told, or more of it
    return town if town.place is not None and town.place.kind == "city" or town.cue == "named_settlement" else None


def _last_told(event: Candidate, index: int) -> int:
    """The last sentence of ``event`` before sentence ``index``: an event merged with a later mention ("the strike
    on Kyiv" in the last paragraph) is still the one a toll update in between continues."""
    return max((i for i in event.sentences if i < index), default=max(event.sentences))


def _told_between(event: Candidate, orphan: Candidate, busy: set[int]) -> int:
    """How many sentences between ``event`` and ``orphan`` tell something (an attribution such as "Dat meldt
    de noodhulpdienst" tells nothing, so it does not put the orphan further from its event)."""
    return sum(1 for i in range(_last_told(event, orphan.index) + 1, orphan.index) if i in busy)


def _date_the_story(events: list[Candidate], orphan: Candidate, busy: set[int]) -> None:
    """A dated sentence without a place dates the undated event its paragraph just told.

    "Het dodental van de aanval in Charkiv is opgelopen tot negentien. De vestiging werd zaterdagmiddag
    getroffen": Saturday is the attack's day.  A sentence that only dates the telling ("dat heeft de
    politie maandag bekendgemaakt") dates nothing; one that says when it happened ("de ontploffing vond
    zaterdagochtend plaats") reaches further back in the paragraph.
    """
    date = orphan.date
    if date is None or date.precision != "day" or TELLING.search(orphan.sentence.text):
        return
    reach = ORPHAN_REACH if _HAPPENED.search(orphan.sentence.text) else 1
    told = [e for e in events if e.index < orphan.index]
    target = next((e for e in reversed(events) if e.date is None
                   and (e.sentence.paragraph == orphan.sentence.paragraph
                        or reach == ORPHAN_REACH and e is told[-1])  # "De explosie vond vrijdagavond plaats"
                   and 0 < orphan.index - max(e.sentences) <= ORPHAN_REACH
                   and _told_between(e, orphan, busy) < reach), None)
    if target is not None:
        target.date = date


# A sentence that dates the telling, not the happening; one that says when the happening was.
TELLING = re.compile(r"\b(?:bekendgemaakt|bekendmaakte|meldde|meldden|zei|zeiden|verklaarde|bevestigde|said|announced|"
                      r"reported|confirmed|told|stated)\b", re.IGNORECASE)
# ("The blaze broke out on Tuesday", "de brand ontstond zaterdag": when the happening began)
_HAPPENED = re.compile(r"\b(?:vond\b[^.]{0,60}\bplaats|gebeurde|took\s+place|happened|occurred|broke\s+out|"
                       r"brak\b[^.]{0,40}\buit|ontstond|began|begon)\b", re.IGNORECASE)
# A count that adds to the one just told: "At least 19 people on the ground also died".
# A count that replaces the one told: "het dodental is opgelopen tot drie", "the number of dead had risen to five".
RISEN = re.compile(RISEN_TO + r"|\bupdated\s+(?:its|the|their)\s+(?:figures|toll|count)\b|\bcijfers\s+bijgewerkt\b"
                   # "the latest figures from the police: 34 dead and 117 injured"
                   r"|\b(?:latest|newest)\s+(?:figures|toll|count)\b|\b(?:laatste|nieuwste)\s+(?:cijfers|stand)\b"
                   # "a security document later put it at 77 dead and 255 wounded"
                   r"|\bput\s+(?:it|the\s+(?:toll|figure|number))\s+at\b"
                   r"|\braised\s+the\s+(?:death\s+)?toll\b",  # "the governor raised the toll: a fourth victim died"
                   re.IGNORECASE)  # "the ministry has updated its figures for the shooting: 31 dead"
_ADDITIONAL = re.compile(r"\b(?:also|ook|another|nog\s+eens|further|additional)\b", re.IGNORECASE)


def _the_toll_it_raises(before: list[Candidate], orphan: Candidate) -> Candidate | None:
    """The nearest event told before whose count of the same kind an orphan's risen toll replaces ("eight were
    killed on Monday ... By Tuesday morning the toll had risen to ten dead"): a count of the day it was made, not
    a happening of that day, so it goes to the event that had a count, not to a later one of no count."""
    if not orphan.casualties.any or not RISEN.search(orphan.sentence.text) or FIRST_CLAIM.search(orphan.sentence.text):
        return None
    return next((e for e in before if orphan.casualties.killed is not None and e.casualties.killed is not None
                 and e.casualties.killed <= orphan.casualties.killed
                 or orphan.casualties.injured is not None and e.casualties.injured is not None
                 and e.casualties.injured <= orphan.casualties.injured), None)


def raise_the_toll(event: Candidate, orphan: Candidate) -> None:
    """The orphan's counts replace the event's of the same kind; the event keeps its day."""
    event.sentences.extend(orphan.sentences)
    event.casualties = orphan.casualties.over(event.casualties)


def _give_casualties_to_the_sentence_before(events: list[Candidate], orphan: Candidate, busy: set[int],
                                            paragraphs: list[int] | None = None) -> None:
    """Casualties told right after an event, in its paragraph, are its casualties whatever else the
    sentence tells: "Bij een droneaanval op Brjansk ontplofte een depot. Volgens de gouverneur raakten
    vier mensen gewond en moesten honderden bewoners hun huizen uit" (an evacuation cue too).  An undated
    count that opens the next paragraph, right after an event that had none, is its count too."""
    adds = bool(_ADDITIONAL.search(orphan.sentence.text))
    # "het dodental was opgelopen tot drie": replaces the count; "an initial count had put the toll at 50" does not
    risen = bool(RISEN.search(orphan.sentence.text)) and not FIRST_CLAIM.search(orphan.sentence.text)
    # A sentence of casualties alone ("Six people were confirmed dead on Friday") counts them, whenever told.
    dated_ok = orphan.category is None and not orphan.figures
    # A count that replaces the toll ("the latest figures: 34 dead") updates the happening told last, even past a
    # sentence that told something else or a liveblog's next entry.
    fitting = [e for e in events if 0 < orphan.index - _last_told(e, orphan.index) <= ORPHAN_REACH
                   and (risen or _told_between(e, orphan, busy) == 0)
                   and (e.sentence.paragraph == orphan.sentence.paragraph or risen
                        or paragraphs is not None
                        and paragraphs[_last_told(e, orphan.index)] == orphan.sentence.paragraph
                        or orphan.date is None and orphan.sentence.paragraph == e.sentence.paragraph + 1
                        and not e.casualties.any and orphan.index - 1 in e.sentences)
                   and (dated_ok or _dates_compatible(e.date, orphan.date) and (orphan.date is None
                                                                                 or e.date is not None))
                   and (adds or risen or _casualties_compatible(e.casualties, orphan.casualties)
                        or _raised_since(e, orphan))]
    target = max(fitting, key=lambda e: _last_told(e, orphan.index)) if fitting else None
    if target is not None and risen:
        target.sentences.append(orphan.index)
        target.casualties = orphan.casualties.over(target.casualties)
    elif target is not None:
        target.sentences.append(orphan.index)
        target.casualties = Casualties(_sum_or_fill(target.casualties.killed, orphan.casualties.killed, adds),
                                       _sum_or_fill(target.casualties.injured, orphan.casualties.injured, adds))


def give_zero_to_the_event_just_told(events: list[Candidate], orphan: Candidate, paragraphs: list[int]) -> None:
    """An explicit zero with no happening of its own ("No one was hurt, officials said") speaks of the event
    told last, a few sentences before in its paragraph (or in the paragraph before, when the zero opens its
    own: "Sobyanin said no one was killed"), and fills what that event left unknown."""
    told = [(_last_told(e, orphan.index), e) for e in events if min(e.sentences) < orphan.index]
    if not told:
        return
    last, target = max(told, key=lambda pair: pair[0])
    paragraph = orphan.sentence.paragraph
    opens = orphan.index == 0 or paragraphs[orphan.index - 1] != paragraph
    if orphan.index - last > ORPHAN_REACH or not (paragraphs[last] == paragraph
                                                  or opens and paragraphs[last] == paragraph - 1):
        return
    take_the_zero(target, orphan.index, orphan.casualties)


def take_the_zero(target: Candidate, index: int, zero: Casualties) -> None:
    """Sentence ``index``'s explicit zero speaks of ``target``: it fills what ``target`` left unknown."""
    target.sentences.append(index)
    target.casualties = zeros_filled(target.casualties, zero)


def _raised_since(event: Candidate, orphan: Candidate) -> bool:
    """Whether ``event``'s count of dead differs from the orphan's only because a later sentence raised it ("twee
    doden en elf gewonden ... Update: het dodental is opgelopen tot drie"): the orphan's other count still holds."""
    return event.casualties.killed is not None and orphan.casualties.killed is not None \
        and event.casualties.killed > orphan.casualties.killed and max(event.sentences) > orphan.index


def _sum_or_fill(told: int | None, more: int | None, adds: bool) -> int | None:
    if told is None or more is None:
        return told if more is None else more
    return told + more if adds else told


def _story_groups(orphans: list[Candidate]) -> list[Candidate]:
    """Consecutive orphan sentences of one paragraph that fit together tell one story.

    "Er brak brand uit ... raket" and "Op dit moment betreuren we de dood van één persoon"
    are one happening; attaching them separately could split it over two events.
    """
    groups: list[Candidate] = []
    for orphan in orphans:
        last = groups[-1] if groups else None
        if (last is not None and orphan.sentence.paragraph == last.sentence.paragraph
                and orphan.index == max(last.sentences) + 1 and RISEN.search(orphan.sentence.text)
                and orphan.category is None and _dates_compatible(last.date, orphan.date)):
            # "meldde aanvankelijk veertig doden. Later ... was het dodental opgelopen tot 93": the count replaced
            last.sentences.extend(orphan.sentences)
            last.casualties = orphan.casualties.over(last.casualties)
            continue
        if (last is not None and orphan.sentence.paragraph == last.sentence.paragraph
                and orphan.index == max(last.sentences) + 1 and fits(last, orphan)
                and (last.category is None or orphan.category is None or last.category == orphan.category)):
            if last.category is None:
                last.category = orphan.category
            absorb(last, orphan)
        else:
            groups.append(Candidate(orphan.index, orphan.sentence, None, orphan.category, orphan.casualties,
                                    orphan.date, list(orphan.sentences), list(orphan.figures)))
    return groups
