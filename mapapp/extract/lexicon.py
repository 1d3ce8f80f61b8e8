"""Event triggers: the vocabulary that makes a sentence report something, by category.

A sentence is scored against every cue; the best-scoring category wins, ties go to the
order of ``CATEGORIES``.  Dutch compounds ("raketaanval") need substring matches.
"""

from __future__ import annotations

import re
from collections import Counter

# The map's layers use exactly these names (see events.csv).
CATEGORIES: dict[str, str] = {
    "attack": "strikes from afar: shelling, bombardment, missiles, rockets, drones, air strikes, bombs",
    "fighting": "ground combat: clashes, advances, loss or capture of territory, encirclement, recapture",
    "evacuation": "people ordered or forced to leave: evacuations, flight, displacement",
    "diplomacy": "summits, visits, talks, meetings, conferences, pledges",
    "statement": "declarations, announcements, bans, designations, condemnations",
    "other": "anything else with a place and a cue: disasters, annexations, withdrawals, protests",
}

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
