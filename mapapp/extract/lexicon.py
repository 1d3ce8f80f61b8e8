"""Event triggers: the vocabulary that makes a sentence report something, by category.

An event is "something happened at a place at a time".  This module answers the *something*:
a sentence reports a happening when it holds a trigger, a verb or noun of the happening in
Dutch or English (with Dutch participles and compounds: "beschoten", "raketaanval",
"neergestort").  Triggers are grouped by the map's categories and weighted; the sentence's
best-scoring category wins, ties go to the order of ``CATEGORIES``.

How a trigger is written (``_TRIGGERS``), so the table stays a readable word list:

* ``word``: that word exactly (case-insensitive);
* ``stem*``: any word starting with ``stem``, or with "ge" and ``stem`` ("demonstr*": demonstrated,
  demonstratie, gedemonstreerd);
* ``*part*``: any word containing ``part``, for Dutch compounds ("*aanval*": raketaanval);
* ``two_words``: a phrase, ``_`` is any whitespace ("blew_up", "in_brand");
* ``verb...particle``: a Dutch separable verb with up to five words between its parts
  ("rukt...op": "rukt het leger volgens Kyiv langzaam op").

What is *not* an event is decided elsewhere: a sentence without a trigger and without
casualties makes no event (opinions, background states: "De dam werd in 1956 gebouwd");
names that are actors, not places, are left out by ``places``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# The map's layers use exactly these names (see events.csv).
CATEGORIES: dict[str, str] = {
    "attack": "strikes from afar: shelling, bombardment, missiles, rockets, drones, air strikes, bombs",
    "fighting": "ground combat: clashes, advances, loss or capture of territory, encirclement, recapture",
    "evacuation": "people ordered or forced to leave: evacuations, flight, displacement",
    "diplomacy": "summits, visits, talks, meetings, conferences, pledges",
    "statement": "declarations, announcements, bans, designations, condemnations",
    "other": "anything else with a place and a cue: disasters, crashes, arrests, protests, sabotage, annexations",
}

# (category, weight, triggers).  Strong, specific words weigh more than generic ones.
_TRIGGERS: tuple[tuple[str, float, str], ...] = (
    ("attack", 2.0,
     "*raket* *bombard* beschiet* *beschot* *luchtaanval* *droneaanval* *drone-aanval* *artiller* aanslag* "
     "*granaat* mortier* zeedrone* kamikazedrone* "
     "drone drones missile* rocket* shell shells shelled shelling strike strikes struck airstrike* air_strike* "
     "bomb bombs bombed bombing* bomber* artillery explosion* *explosie* warplane* mortar* grenade* "
     "pounded bestookt bestoken beschoten ontplof* explodeer* explodeerde exploded blast blasts blew_up de_lucht_in "
     "opgeblazen blies...op ingeslagen sloeg...in insla* inslag* sniper* gunfire gunmen gunman "
     "schietpartij* shooting shot_dead doodgeschoten neergeschoten shot_down"),
    ("attack", 1.0,
     "*aanval* attack* hit trof troffen getroffen geraakt raakte bestormd* stormed ambush* hinderlaag "
     "hit_by damaged beschadigd* destroyed vernietigd* vernield* verwoest* wrecked targeted debris brokstukken"),
    ("fighting", 1.5,
     "gevecht* gevochten vechten vecht strijd fighting fought clash* skirmish* opmars opgerukt oprukt* "
     "rukt...op rukten...op advanc* terrein veroverd* verover* heroverd* recaptur* captur* omsingel* encircl* "
     "offensie* offensive front* battle* posities positions bezet* occup* ingenomen innemen nam...in namen...in "
     "seized seize seizing overran overrun took_control taken_control take_control gained_control "
     "in_handen fell_to gevallen teruggetrokken terugtrekking retreat* pulled_out withdrawn_from "
     "doorbraak breakthrough frontlinie counterattack* tegenaanval* tegenoffensief binnengetrokken binnengevallen "
     "trokken...binnen trok...binnen entered invaded"),
    ("evacuation", 2.0,
     "*evacu* fled flee* vlucht vluchtten gevlucht ontvlucht* displaced ontheemd* verlaten "
     "huizen_uit homes_behind forced_to_leave relocated in_veiligheid_gebracht brought_to_safety"),
    ("diplomacy", 1.5,
     "top topontmoeting summit* g20 g7 bezoek* visit* gesprek* gesproken talks ontmoeting* meeting met_with "
     "sprak spoke spraken reist reisde reisden travel* bijeen gathered conferent* conference donors? pledged "
     "onderhandel* negotiat* verstek overleg* akkoord treaty agreement ondertekend signed vredesplan* "
     "vredesconferentie* vergader* convene* convened bijeenkomst* discuss discussed discussing besproken "
     "bespraken besprak"),
    ("statement", 1.5,
     "verklaar* declar* announc* kondigde aangekondigd verbod verboden ban banned onwenselijk* undesirable "
     "designat* bestempel* veroordeel* condemn* mourning rouw noodtoestand state_of_emergency"),
    ("other", 1.5,
     "aardbeving* earthquake* overstroming* overstroom* flood* floodwater* storm orkaan hurricane* tornado* "
     "cyclone* cycloon tyfoon typhoon* landfall aan_land flattened flattening "
     "puin rubble overlevenden survivors annex* withdrew terugtrek* trokken protest* demonstr* betoging* "
     "marched rellen riot* muiterij mutiny de_straat_op took_to_the_streets geblokkeerd blokkeerden blocked "
     "blockade* blokkade* "
     "ingestort* instort* stortte...in collaps* neergestort* neerstort* stortte...neer crash* crashed "
     "came_down ontspoor* derail* brand brandde brandden uitgebrand fire fires ablaze blaze burned burnt burning "
     "vlammen in_brand set_on_fire "
     "aardverschuiving* landslide* modderstroom mudslide* kapseis* capsiz* sank gezonken zonk "
     "dijk* dijkdoorbraak burst doorgebroken bres buiten_haar_oevers buiten_de_oevers burst_its_banks "
     "ontworteld uprooted stroomstoring* power_cuts power_outage* without_power zonder_stroom blackout* "
     "arrest* gearresteerd opgepakt aangehouden detain* detained ontvoer* abduct* kidnap* gijzel* hostage* "
     "sabotage* saboteur* sabot* brandstichting arson torched overval* raid raids raided looted geplunderd"),
)


def _trigger_pattern(trigger: str) -> str:
    """The regular expression for one trigger written as described in the module docstring."""
    if "..." in trigger:
        verb, particle = trigger.split("...")
        return rf"\b{re.escape(verb)}\b(?:\s+\w+){{0,5}}?\s+{re.escape(particle)}\b"
    if trigger.startswith("*") and trigger.endswith("*"):
        return rf"\b\w*?{re.escape(trigger[1:-1])}\w*"  # \b: try at word starts only (speed)
    body = re.escape(trigger.rstrip("*")).replace("_", r"\s+").replace(r"\?", "?")
    if trigger.endswith("?"):
        body = re.escape(trigger[:-2]) + re.escape(trigger[-2]) + "?"
    if trigger.endswith("*"):
        return rf"\b(?:ge)?{body}\w*"  # a Dutch participle may put "ge" before the stem: gedemonstreerd
    return rf"\b{body}\b"


def _compile(triggers: str) -> re.Pattern[str]:
    return re.compile("|".join(_trigger_pattern(t) for t in triggers.split()), re.IGNORECASE)


# Taking a settlement: "to have taken the village of X", "nam het dorp in" is covered by "nam...in".
_TAKING = re.compile(r"\b(?:took|taken|take|taking)\s+(?:the\s+)?(?:village|town|city|settlement)\b", re.IGNORECASE)
# Speech is a statement event only where the sentence places it: "zei dinsdag in New York".
_PLACED_SPEECH = re.compile(r"\b(?:zei|zegt|said|says|stelde|sprak)\s+(?:\w+\s+)?(?:in|op|at)\b", re.IGNORECASE)

_CATEGORY_RES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    *((category, weight, _compile(triggers)) for category, weight, triggers in _TRIGGERS),
    ("statement", 0.5, _PLACED_SPEECH),
    ("fighting", 1.5, _TAKING),
)
_CATEGORY_ORDER = tuple(CATEGORIES)


def _fold_accents(text: str) -> str:
    """Text without diacritics, so "geëvacueerd" and "beëindigd" meet their triggers ("evacu*")."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def categorize(sentence: str) -> str | None:
    """The best-scoring category of ``sentence``, or None when it has no trigger."""
    sentence = _fold_accents(sentence)
    scores: Counter[str] = Counter()
    for category, weight, pattern in _CATEGORY_RES:
        hits = len(pattern.findall(sentence))
        if hits:
            scores[category] += weight * min(hits, 2)
    if not scores:
        return None
    best = max(scores.values())
    return next(c for c in _CATEGORY_ORDER if scores[c] == best)
