"""Happenings a sentence names but does not tell as fact: possible, hoped for, believed, conditional,
habitual, or an undated earlier round.

The gold guide counts "a happening at a place that the text reports as fact"; plans, threats, forecasts and
opinions are not events.  ``notevents`` holds the plans and threats with their own verbs ("expected to",
"vowed"); this module holds the grammar of the unreal, which any verb of a happening can take:

* **possibility and future**: a modal or a future before the first trigger ("Russia could step up attacks on the
  ports", "troops near the town will be regrouped", "de Russen zullen proberen de stad te omsingelen");
* **hope, belief and doubt**: "residents hope for fewer attacks", "hij denkt dat ...", "commentators doubt";
* **a condition**: "If the city falls, ...", "Als de stad valt, is ...";
* **a habit**: "Deadly boat accidents are common on the lake", "overstromingen komen er vaak voor";
* **an undated earlier round**: "Eerdere onderhandelingen in X liepen op niets uit", "Previous talks collapsed".

Each rule holds only for a sentence without a date and without casualties (the caller checks both): a dated
sentence or a toll tells a happening, whatever its mood ("the toll could rise" still gives its figure).
"""

from __future__ import annotations

import re

from mapapp.extract.lexicon import categorize

# A modal or a future, not of perceiving ("residents could hear explosions" tells the explosions).
_MODAL = re.compile(r"\b(?:could|might|would|will|can|cannot|kan|kunnen|zou|zouden|zal|zullen|moet|moeten|wil|willen|"
                    r"wants\s+to|want\s+to)\b"
                    r"(?!\s+(?:not\s+|niet\s+)?(?:hear|see|feel|horen|zien|voelen|be\s+(?:heard|seen|felt)))"
                    r"|\bmay\b(?!\s+\d)", re.IGNORECASE)
# "May" capitalised is the month ("in May"); the modal is lower case.
_MONTH_MAY = re.compile(r"\bMay\b")

# Hope, belief, doubt and expectation: what follows is in someone's head.
_ATTITUDE = re.compile(r"\b(?:hope|hopes|hoped|hoping|hopen|hoopt|hoopte|hoopten|denkt|denken|dacht|dachten|"
                       r"thinks|believes|geloven|gelooft|doubt|doubts|twijfel\w*|verwachten|verwacht|expects|"
                       r"rekenen\s+op|counting\s+on|plotted|beraamd|beraamden|"
                       r"(?:had|has|have)\s+(?:\w+\s+)?planned|allegedly\s+planned)\b",
                       re.IGNORECASE)

# A sentence that opens with a condition: "If the city falls, ...", "Als El Fasher valt, is ..." (not "Als gevolg
# van", "Als vergelding": the Dutch "als" is also "as").
_CONDITION = re.compile(r"^\W*(?:If|Unless|Should|Indien|Mocht|Tenzij)\b"
                        r"|^\W*Als\s+[^,]{1,60},\s*(?:is|zijn|wordt|worden|zal|zullen|kan|kunnen|dan|heeft|hebben|"
                        r"komt|komen|gaat|gaan|moet|moeten|blijft|blijven|valt|vallen)\b", re.IGNORECASE)

# A habit or a generality: "are common in", "komen er vaak voor", "zijn aan de orde van de dag".
_HABIT = re.compile(r"\b(?:are|is)\s+(?:\w+\s+)?(?:common|frequent|commonplace|routine)\b"
                    r"|\b(?:komt|komen)\s+(?:\w+\s+){0,4}?(?:vaak|veel|geregeld|regelmatig)\s+voor\b"
                    r"|\b(?:zijn|is)\s+(?:\w+\s+){0,4}?(?:gebruikelijk|schering\s+en\s+inslag|aan\s+de\s+orde\s+van\s+de\s+dag)\b",
                    re.IGNORECASE)

# An earlier round told without a date: "Eerdere onderhandelingen in Djedda liepen op niets uit".
_EARLIER_ROUND = re.compile(r"^\W*(?:Eerdere|Vorige|Previous|Earlier|Past|Prior)\s+(?!,)\w", re.IGNORECASE)


def _modal_before_the_happening(text: str) -> bool:
    """Whether a modal or a future comes before the sentence's first trigger ("Russia could step up attacks")."""
    for match in _MODAL.finditer(text):
        if _MONTH_MAY.fullmatch(match.group()):
            continue
        return categorize(text[:match.start()]) is None
    return False


def _attitude_before_the_happening(text: str) -> bool:
    """Whether a hope, a belief or a doubt comes before the sentence's first trigger ("hopen op minder aanvallen")."""
    match = _ATTITUDE.search(text)
    return match is not None and categorize(text[:match.start()]) is None


def told_as_possible(text: str) -> bool:
    """Whether the sentence's happening is only possible, expected or to come: a modal or a future before its
    first trigger.  "Russia could step up attacks on the ports at any time" tells no attack."""
    return _modal_before_the_happening(text)


def told_as_thought(text: str) -> bool:
    """Whether the sentence's happening is only hoped for, believed, doubted or plotted: "the residents hope for
    fewer attacks", "hij denkt dat de Russen de stad willen omsingelen", "they had planned an attack"."""
    return _attitude_before_the_happening(text)


def told_as_condition(text: str) -> bool:
    """Whether the sentence opens with a condition ("If the dam breaks, ...", "Als de stad valt, is ..."): what
    follows is what would happen, not what did."""
    return _CONDITION.match(text) is not None


def told_as_habit(text: str) -> bool:
    """Whether the sentence tells what is common or frequent ("Boat accidents are common on the lake"): a
    generality about a place, not a happening there."""
    return _HABIT.search(text) is not None


def told_as_an_earlier_round(text: str) -> bool:
    """Whether the sentence opens with an earlier round of its happening and no date ("Eerdere onderhandelingen
    liepen op niets uit", "Previous talks in the capital collapsed"): background before the story."""
    return _EARLIER_ROUND.match(text) is not None


# Where a clause starts: "..., but warned that it would not accept troops in Ukraine".
_CLAUSE_START = re.compile(r"[,;:]\s+|\s+(?:but|maar|while|terwijl|whereas)\s+", re.IGNORECASE)


def in_an_unreal_clause(before: str) -> bool:
    """Whether the clause a place stands in (``before``: the sentence's text up to the place) is only possible or
    to come ("Moscow said the talks were useful but warned that it would not accept troops in Ukraine"): the
    sentence's happening, told before that clause, is elsewhere."""
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    if not starts:
        return False
    clause = before[starts[-1]:]
    return any(not _MONTH_MAY.fullmatch(m.group()) for m in _MODAL.finditer(clause))


def not_told_as_fact(text: str) -> bool:
    """Whether an undated sentence without casualties names its happening only as possible, thought,
    conditional, habitual or as an undated earlier round (see the module's rules)."""
    return (told_as_condition(text) or told_as_habit(text) or told_as_an_earlier_round(text)
            or told_as_thought(text) or told_as_possible(text))
