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

DAMAGE = "damage"  # counted as "attack" unless the story just told is of another kind

# (category, weight, triggers).  Strong, specific words weigh more than generic ones.
_TRIGGERS: tuple[tuple[str, float, str], ...] = (
    ("attack", 2.0,
     "*raket* *bombard* beschiet* *beschot* *luchtaanval* *droneaanval* *drone-aanval* *artiller* aanslag* "
     "*granaat* mortier* zeedrone* kamikazedrone* onder_vuur under_fire came_under "
     "drone drones missile* rocket* shell shells shelled shelling strike strikes airstrike* air_strike* "
     "bomb bombs bombed bombing* bomber* artillery explosion* *explosie* warplane* mortar* grenade* "
     "pounded bestookt bestoken beschoten ontplof* explodeer* explodeerde exploded blast blasts blew_up de_lucht_in "
     "opgeblazen blies...op blown_up detonat* ingeslagen sloeg...in sloegen...in insla* inslag* bom bommen "
     "glijbom* clusterbom* autobom* sniper* gunfire gunmen gunman "
     "schietpartij* shooting shot_dead doodgeschoten neergeschoten shot_down"),
    ("attack", 1.0,
     "*aanval* aangevallen viel...aan vielen...aan attack* militaire_operatie military_operation bestormd* stormed "
     "ambush* hinderlaag "
     "targeted debris brokstukken massacre* killings "
     "executions executed bloedbad slachtpartij* geexecuteerd "
     "stabbing* stabbed steekpartij* doodgestoken neergestoken"),
    # Damage says what a happening did, not what it was: after a storm it is the storm's (``categorize``).
    # "hit" and "struck" too: "an earthquake struck", "de stad werd getroffen door een storm".
    (DAMAGE, 1.0,
     "damaged beschadigd* destroyed vernietigd* vernield* verwoest* wrecked "
     "hit struck trof troffen getroffen geraakt raakte hit_by onbruikbaar_gemaakt put_out_of_action "
     "weggeslagen knocked_out raak puin rubble overlevenden survivors breach "
     # a blackout is what a strike or a storm did: "de stad zit zonder stroom"
     "stroomstoring* power_cuts power_outage* without_power zonder_stroom blackout*"),
    ("fighting", 1.5,
     "gevecht* gevochten vechten vecht strijd fighting fought clash* botsing* skirmish* opmars opgerukt oprukt* "
     "retook retaken retake retaking afgeslagen sloeg...af sloegen...af repelled repulsed "
     "rukt...op rukten...op advanc* terrein veroverd* verover* heroverd* recaptur* captur* omsingel* encircl* "
     "offensie* offensive front* battle* posities positions bezet* occup* ingenomen innemen nam...in namen...in "
     "seized seize seizing overran overrun took_control taken_control take_control gained_control "
     "took_full_control taken_full_control "
     "in_handen fell_to gevallen teruggetrokken terugtrekking "
     "trok...terug trokken...terug retreat* pulled_out withdrawn_from "
     "liberated liberating bevrijd bevrijdden bevrijdde doorgedrongen drongen...door drong...door penetrated "
     "doorbraak breakthrough frontlinie counterattack* tegenaanval* tegenoffensief binnengetrokken binnengevallen "
     "trokken...binnen trok...binnen binnengedrongen binnendrongen "
     "entered invaded crossed_into incursion* inval invallen pushed_deeper pushed_into "
     "pushed_back push_into drongen...binnen drong...binnen infiltrat* geinfiltreerd"),
    ("evacuation", 2.0,
     "*evacu* fled flee flees fleeing vlucht vluchtten gevlucht ontvlucht* displaced ontheemd* verlaten bussed "
     "uit...gehaald flew...out met_bussen per_bus huizen_uit homes_behind forced_to_leave relocated "
     "in_veiligheid_gebracht brought_to_safety rescued rescuing "
     "plucked plucking airlifted gered from_rooftops van_daken weggehaald taken_out_of moved_out "
     "leave_their_homes left_their_homes "
     # an order to leave is an evacuation told: "gaf bewoners opdracht te vertrekken", "telling residents to leave"
     "ordered_to_leave ordered_residents_to_leave told_residents_to_leave telling_residents_to_leave "
     "opdracht_om_te_vertrekken opdracht_te_vertrekken bevel_om_te_vertrekken"),
    ("diplomacy", 1.5,
     "top topontmoeting summit* g20 g7 bezoek bezoekt bezocht bezochten bezoeken staatsbezoek* werkbezoek* "
     "visit visits visited visiting gesprek* gesproken talks ontmoeting* meeting met_with "
     "sprak spoke spraken reist reisde reisden travel* bijeen gathered conferent* conference pledged "
     "onderhandel* negotiat* signing tekende tekenden ondertekenden om_tafel verstek overleg* akkoord treaty "
     "agreement ondertekend signed overeengekomen vredesplan* "
     "vredesconferentie* vergader* convene* convened bijeenkomst* discuss discussed discussing besproken "
     "bespraken besprak ontboden ontbood summoned praten gepraat ingestemd stemde...in agreed_to "
     # English "met" is also the Dutch "with": only with its place or its subject ("delegations met in X",
     # "where he met Putin"); a wreath laid is a visit's act
     "met_in met_at met_on met_for he_met she_met they_met agreed_on flew_to laid_a_wreath legde_een_krans "
     "kranslegging bijeengekomen kwamen...bijeen eens_geworden"),
    ("statement", 1.5,
     "verklaar* declar* announc* kondigde aangekondigd verbod verboden ban banned onwenselijk* undesirable "
     "designat* bestempel* veroordeel* condemn* mourning rouw noodtoestand state_of_emergency "
     "presenteerde gepresenteerd presented unveiled onthulde"),
    ("other", 1.5,
     "aardbeving* earthquake* overstroming* overstroom* flood* floodwater* storm storms stormen orkaan hurricane* "
     "tornado* "
     "cyclone* cycloon tyfoon typhoon* landfall aan_land flattened flattening "
     "annex* withdrew terugtrek* trokken protest* demonstr* betoging* "
     "marched rellen riot* muiterij mutiny de_straat_op took_to_the_streets geblokkeerd blokkeerden blocked "
     "blockade* blokkade* "
     "*ongeluk* ongeval* accident* collision* collided botste botsten gebotst botst aanrijding* rammed ramde "
     "ramp treinramp vliegramp mijnramp scheepsramp busramp "
     "ingestort* instort* stortte...in stortten...in collaps* caved_in gave_way "
     "neergestort* neerstort* stortte...neer crash* crashed "
     "came_down ontspoor* derail* brand brandde brandden uitgebrand fire fires ablaze blaze burned burnt burning "
     "vlammen in_brand set_on_fire "
     "aardverschuiving* landslide* modderstroom mudslide* *lawine* avalanche* mudflow* naar_beneden_gekomen "
     "weggevaagd vaagde...weg vaagden...weg weggespoeld spoelde...weg spoelden...weg wiped_out washed_away "
     "kapseis* capsiz* sank gezonken zonk "
     "dijk* dijkdoorbraak burst doorgebroken bres buiten_haar_oevers buiten_de_oevers burst_its_banks "
     "onder_water under_water underwater submerged inundated swamp* in_de_as "
     "wildfire* bushfire* *bosbrand* *natuurbrand* forest_fire* regenval rainfall downpour* hoosbui* noodweer "
     "heavy_rain tore_through swept_through raasde...over water_cannon waterkanon* traangas tear_gas "
     "wreckage wrak wrakstukken crash_site rampplek "
     "waaide...om waaiden...om omgewaaid omgewaaide blew_over blown_over blew_down blown_down "
     "ontworteld uprooted cut_off_from "
     "arrest* gearresteerd opgepakt aangehouden hield...aan hielden...aan "
     "detain* detained ontvoer* abduct* kidnap* gijzel* hostage* "
     # a court's sentence ("veroordeeld" is also "condemned": not a cue)
     "sentenced "
     # releases and exchanges of prisoners and hostages
     "vrijgelaten vrijlating gevangenenruil* prisoner_swap* prisoner_exchange* swapped handed_over overgedragen "
     "sabotage* saboteur* sabot* brandstichting arson torched overval* raid raids raided looted geplunderd "
     # a quake told by its epicentre, rallies, searches, a city brought to a standstill, an exchange
     "epicentrum epicentre epicenter rallied huiszoeking* doorzocht doorzochten searched legden...plat "
     "legde...plat platgelegd ruil"),
)


_WORDS_KEPT = 200_000  # distinct words each category remembers as trigger or not


class _Triggers:
    """One category's triggers, matched word by word (fast) and phrase by phrase (regex).

    A single regular expression with hundreds of alternatives is tried at every word of every
    sentence; set lookups, ``str.startswith`` with a tuple and a few substring tests do the same
    work several times faster.  Phrases and separable verbs stay regular expressions.
    """

    def __init__(self, triggers: str) -> None:
        exact, stems, parts, phrases = set(), [], [], []
        for trigger in triggers.split():
            if "..." in trigger:
                verb, particle = trigger.split("...")
                phrases.append(rf"\b{re.escape(verb)}\b(?:\s+\w+){{0,9}}?\s+{re.escape(particle)}\b")
            elif "_" in trigger:
                phrases.append(r"\b" + r"\s+".join(map(re.escape, trigger.split("_"))) + r"\b")
            elif trigger.startswith("*") and trigger.endswith("*"):
                parts.append(trigger[1:-1])
            elif trigger.endswith("*"):
                stems += [trigger[:-1], "ge" + trigger[:-1]]  # "ge" before the stem: gedemonstreerd
            elif trigger.endswith("?"):
                exact |= {trigger[:-2], trigger[:-1]}
            else:
                exact.add(trigger)
        self.exact = frozenset(exact)
        self.stems = tuple(stems)
        self.parts = tuple(parts)
        self.phrases = re.compile("|".join(phrases), re.IGNORECASE) if phrases else None
        # Whether a word is a trigger, worked out once per distinct word: every sentence asks every
        # category about every word, and the same few thousand words come back (a third of the
        # extractor's time went to these tests before).
        self._is_trigger: dict[str, bool] = {}

    def _trigger(self, word: str) -> bool:
        known = self._is_trigger.get(word)
        if known is None:
            known = word in self.exact or word.startswith(self.stems) or any(part in word for part in self.parts)
            if len(self._is_trigger) >= _WORDS_KEPT:
                self._is_trigger.clear()  # a corpus with an endless vocabulary never grows it past this
            self._is_trigger[word] = known
        return known

    def hits(self, sentence: str, words: list[str]) -> int:
        """How many words and phrases of ``sentence`` (``words``: its lower-cased words) are triggers."""
        count = sum(1 for w in words if self._trigger(w))
        return count + (len(self.phrases.findall(sentence)) if self.phrases is not None else 0)


class _Pattern:
    """A trigger that only a regular expression can say (a word followed by its object)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def hits(self, sentence: str, words: list[str]) -> int:
        return len(self.pattern.findall(sentence))


# Taking a settlement: "to have taken the village of X", "nam het dorp in" is covered by "nam...in".
_TAKING = re.compile(r"\b(?:took|taken|take|taking)\s+(?:the\s+)?(?:village|town|city|settlement)\b", re.IGNORECASE)
# Speech is a statement event only where the sentence places it: "zei dinsdag in New York".
_PLACED_SPEECH = re.compile(r"\b(?:zei|zegt|said|says|stelde|sprak)\s+(?:\w+\s+)?(?:in|op|at)\b", re.IGNORECASE)

_CATEGORY_RES: tuple[tuple[str, float, _Triggers | _Pattern], ...] = (
    *((category, weight, _Triggers(triggers)) for category, weight, triggers in _TRIGGERS),
    ("statement", 0.5, _Pattern(_PLACED_SPEECH)),
    ("fighting", 1.5, _Pattern(_TAKING)),
)
_WORDS = re.compile(r"\w+(?:-\w+)*")
_CATEGORY_ORDER = tuple(CATEGORIES)


def _fold_accents(text: str) -> str:
    """Text without diacritics, so "geëvacueerd" and "beëindigd" meet their triggers ("evacu*")."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# An opinion about what may come is not a happening, whatever words it uses: "Analysts say the
# protests could strengthen far-right parties", "Experts vrezen dat de overstromingen ...".
_SIMILE = re.compile(r"\b(?:alsof|as\s+if|as\s+though)\b[^,.;\"”]*", re.IGNORECASE)
_OPINION = re.compile(r"^\W*(?:\d{1,2}[:.]\d{2}\s*[-–—]?\s*)?"  # a liveblog's time stamp may open it
                      r"(?:(?:analysis|analyse|opinion|commentaar)\s*:\s*)?"  # and a label of the kind of entry
                      # "Volgens militaire deskundigen laat ... zien", "According to analysts, ..."
                      r"(?:(?:volgens|according\s+to)\s+(?:\w+\s+){0,2}(?:analisten|deskundigen|waarnemers|experts|"
                      r"analysts|observers)\b"
                      # "Aid workers fear the toll is higher", "Hulpverleners vrezen dat ..."
                      r"|(?:[\w'-]+\s+){1,4}(?:fear|fears|vrezen|vreest)\b"
                      r"|(?:[\w'-]+\s+){0,3}(?:analysts?|experts?|critics?|observers?|commentators?|economists?|forecasters?|"
                      r"meteorologists?|analisten|critici|waarnemers|deskundigen|economen|commentatoren|meteorologen|"
                      r"weerdiensten)\b[^.]{0,80}?\b(?:say|said|think|"
                      r"believe|fear|warn|warned|expect|predict|zeggen|zei|denken|vrezen|verwachten|waarschuwen|"
                      r"voorspellen)\b)", re.IGNORECASE)


_DENIALS = {"no", "geen", "without", "zonder"}
_POPULATION = {"people", "persons", "families", "civilians", "residents", "population", "population's"}
# A happening denied a few words after its denial: "no sign yet of a large offensive", "geen enkel teken dat het de
# aanvallen wil staken", "sailed through without being attacked".
_DENIED_AHEAD = re.compile(r"\b(?:no|geen)\s+(?:enkel\s+)?(?:signs?|teken|tekenen|aanwijzing\w*|indication\w*|evidence|"
                           r"bewijs)\W{0,3}\s*(?:\w+\s+){0,6}?(?:of|that|van|dat)\s+(?:[\w'-]+\s+){0,3}[\w'-]+"
                           r"|\b(?:without|zonder)\s+(?:being|te\s+worden|dat)\s+(?:\w+\s+){0,2}?\w+", re.IGNORECASE)
_PUBLIC = {"relatives", "families", "mourners", "crowds", "residents", "protesters", "demonstrators", "fans",
           "supporters", "familieleden", "nabestaanden", "bewoners", "demonstranten", "betogers"}
_FELL = {"gevallen", "vielen", "viel"}
_AUXILIARIES = {"zijn", "waren", "is", "was"}
# ... and "in alle gevallen", "in beide gevallen": cases, not a fall
_CASUALTY_NOUNS = {"doden", "dode", "gewonden", "gewonde", "slachtoffers", "slachtoffer", "alle", "beide", "deze",
                   "sommige", "vele", "enkele", "bepaalde", "andere"}


def categorize(sentence: str, story: str | None = None) -> str | None:
    """The best-scoring category of ``sentence``, or None when it has no trigger.

    A sentence whose only cue is damage ("Huizen werden verwoest") belongs to ``story``, the
    kind of happening told just before (the earthquake, the flood), else it is an attack.
    """
    sentence = _fold_accents(sentence)
    if _OPINION.match(sentence):
        return None
    sentence = _SIMILE.sub(" ", sentence)  # "het lijkt alsof er een bom is gevallen": a likeness, not a bomb
    sentence = _DENIED_AHEAD.sub(" ", sentence)  # "no sign that an attack was imminent": none told
    words = [w.lower() for w in _WORDS.findall(sentence)]
    # "there had been no fighting in the town", "geen gevechten": a denied happening is none
    words = [w for k, w in enumerate(words) if k == 0 or words[k - 1] not in _DENIALS]
    # "er zijn tien doden gevallen": the dead fell, no town did
    # ("twee doden waren gevallen": an auxiliary between them)
    words = [w for k, w in enumerate(words) if w not in _FELL or k == 0 or words[k - 1] not in _CASUALTY_NOUNS
             and not (k > 1 and words[k - 1] in _AUXILIARIES and words[k - 2] in _CASUALTY_NOUNS)]
    # "relatives gathered at a hotel", "crowds gathered outside": a gathering of the public is no meeting of envoys
    words = [w for k, w in enumerate(words) if w not in ("gathered", "bijeen") or not _PUBLIC.intersection(words[:k])]
    # "camps for displaced people", "the displaced": a population, not a flight told
    words = [w for k, w in enumerate(words) if w != "displaced" or not (
        k + 1 < len(words) and words[k + 1] in _POPULATION or k > 0 and words[k - 1] in ("the", "for", "of"))]
    words += [piece for w in words if "-" in w for piece in w.split("-")]  # "drone-aanval": drone, aanval
    scores: Counter[str] = Counter()
    for category, weight, triggers in _CATEGORY_RES:
        hits = triggers.hits(sentence, words)
        if hits:
            scores[category] += weight * min(hits, 2)
    if not scores:
        return None
    if DAMAGE in scores:
        damage = scores.pop(DAMAGE)
        if not scores:
            return story or "attack"
        scores["attack"] += damage
    best = max(scores.values())
    return next(c for c in _CATEGORY_ORDER if scores[c] == best)
