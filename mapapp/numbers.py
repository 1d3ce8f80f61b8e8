"""Numbers and casualty counts in Dutch and English news sentences.

``parse_number`` reads digits ("25.000", "1,645", "56") and number words, including Dutch
compounds written as one word ("vierentwintig", "twaalfduizend", "tweehonderdvijftig").

``find_casualties`` reads killed/injured counts.  The rule is deliberately narrow so that
other figures in the same sentence (37 villages, 25.000 inhabitants, 3.500 prisoners) never
become casualties:

* a number counts when a casualty word follows within a few words ("twee doden",
  "8 dead", "three people were killed", "371 mensen om het leven", "zestien mensen gewond"),
  and nothing but people-nouns and filler words stand between them;
* or when a casualty verb or noun comes right before it ("killing three", "injuring at
  least 16", "de dood van één persoon", "death toll rose to 40");
* an article ("een", "a") counts as 1 only directly before a casualty or person word
  ("een dode", "a child was killed");
* vague amounts ("tientallen doden", "dozens wounded") give nothing: unknown stays unknown
  (empty), never 0 for unknown;
* an explicit statement that nobody was hurt is a figure (``nobody_hurt``): "no one was hurt",
  "er vielen geen slachtoffers" → killed 0 and injured 0 (nobody hurt is nobody killed either);
  "niemand kwam om", "no deaths were reported" → killed 0; it only fills what the sentence's counts
  left unknown ("vijf gewonden; doden vielen er niet" → 0 and 5).  "Nobody else", "nobody was
  seriously hurt", "no immediate reports of casualties" and a claim told as first made ("zei eerst
  dat niemand was omgekomen") say less and stay unknown;
* a negated count ("niet één") and an age ("a 70-year-old man", "een
  vrouw van 64") are not counts; "a 70-year-old man was killed" is one killed; two groups
  joined by "en"/"and" before one casualty word add up ("15 agents and a priest were killed");
* a Dutch verb split around a place ("kwam in Donegal om het leven") is joined first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_UNITS_NL = {"nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
             "acht": 8, "negen": 9}
_TEENS_NL = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
             "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS_NL = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
            "tachtig": 80, "negentig": 90}
_WORDS_EN = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
             "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
             "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES_EN = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_DIGITS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*|\d+")


# Units joined to tens by "en"/"ën", looked up whole (a unit may hold "en" itself: "eenentwintig").
_COMPOUNDS_NL = {unit + sep + tens: value + tens_value for unit, value in _UNITS_NL.items() if value
                 for tens, tens_value in _TENS_NL.items() for sep in ("en", "ën")}


def _dutch_below_thousand(word: str) -> int | None:
    if not word:
        return 0
    if word in _UNITS_NL:
        return _UNITS_NL[word]
    if word in _TEENS_NL:
        return _TEENS_NL[word]
    if word in _TENS_NL:
        return _TENS_NL[word]
    if "honderd" in word:
        head, _, tail = word.partition("honderd")
        hundreds = 1 if head == "" else _UNITS_NL.get(head)
        rest = _dutch_below_thousand(tail)
        return None if hundreds is None or rest is None else hundreds * 100 + rest
    return _COMPOUNDS_NL.get(word)  # "tweeëntwintig", "vierentwintig", "eenentwintig"


def _dutch_number(word: str) -> int | None:
    """A Dutch number written as one word, up to the millions; None if it is not one."""
    if "miljoen" in word:
        head, _, tail = word.partition("miljoen")
        millions = 1 if head == "" else _dutch_below_thousand(head)
        rest = _dutch_number(tail) if tail else 0
        return None if millions is None or rest is None else millions * 1_000_000 + rest
    if "duizend" in word:
        head, _, tail = word.partition("duizend")
        thousands = 1 if head == "" else _dutch_below_thousand(head)
        rest = _dutch_below_thousand(tail)
        return None if thousands is None or rest is None else thousands * 1000 + rest
    return _dutch_below_thousand(word) if word else None


@lru_cache(maxsize=65536)  # the same few thousand words come back in every report
def parse_number(token: str) -> int | None:
    """The integer a single token means ("25.000", "1,645", "zestien", "twelve"), or None.

    Dots and commas are read as thousands separators only in groups of three digits, as in
    both languages' news style; "1.5" is not a count and gives None.
    """
    token = token.strip().lower()
    if not token:
        return None
    if token[0].isdigit():
        match = _DIGITS.fullmatch(token)
        return int(re.sub(r"[.,]", "", token)) if match else None
    if token in _WORDS_EN:
        return _WORDS_EN[token]
    if "-" in token:  # "twenty-four"
        parts = token.split("-")
        if len(parts) == 2 and parts[0] in _WORDS_EN and parts[1] in _WORDS_EN:
            return _WORDS_EN[parts[0]] + _WORDS_EN[parts[1]]
        return None
    return _dutch_number(token)


@dataclass(frozen=True)
class Casualties:
    """Killed and injured counts read from one sentence; None means "not said"."""

    killed: int | None = None
    injured: int | None = None

    @property
    def any(self) -> bool:
        return self.killed is not None or self.injured is not None

    def over(self, other: Casualties) -> Casualties:
        """These counts where they are known, ``other``'s where they are not: how a later count replaces an earlier
        one, and why silence never erases a count (None is "not said", not 0)."""
        return Casualties(self.killed if self.killed is not None else other.killed,
                          self.injured if self.injured is not None else other.injured)


_TOKEN = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d+|[^\W\d_]+(?:-[^\W\d_]+)*|[.,;:!?()\"“”‘’']")
_KILLED = {"doden", "dode", "dood", "omgekomen", "omkwamen", "omkwam", "gedood", "doodgeschoten", "leven",
           "killed", "dead", "died", "deaths", "death", "killing", "fatalities", "lives", "slain",
           # murder verbs: "zeventig mensen werden vermoord", "five men were murdered"
           "vermoord", "omgebracht", "murdered", "bodies", "lichamen",
           # fallen in battle: "twaalf soldaten sneuvelden"
           "sneuvelden", "sneuvelde", "gesneuveld",
           # drowned: "vijf mensen verdronken"
           "verdronken", "verdronk", "drowned"}
_INJURED = {"gewonden", "gewonde", "gewond", "verwond", "lichtgewond", "zwaargewond", "injured", "wounded", "injuring",
            "wounding", "hurt",
            "injuries", "hospitalised", "hospitalized", "wounds", "verwondingen"}
# Words before a number that make it a casualty count ("killing three", "de dood van één persoon").
_LEADING_KILLED = {"killing", "killed", "dood", "death", "deaths", "toll", "dodental", "dead", "lichamen", "lichaam",
                   "bodies", "body"}
_LEADING_INJURED = {"injuring", "wounding", "injured", "wounded", "gewonden"}
_PEOPLE = {"mensen", "personen", "persoon", "burgers", "burger", "soldaten", "soldaat", "kinderen", "kind",
           "volwassenen", "inwoners", "militairen", "strijders", "agenten", "man", "vrouw", "vrouwen", "mannen",
           "people", "person", "persons", "civilians", "civilian", "soldiers", "soldier", "children", "child",
           "adults", "fighters", "men", "women", "woman", "residents", "troops", "policemen", "officers",
           "others", "other", "more", "further", "additional", "nog", "andere", "of", "their", "them", "its",
           "his", "her", "de", "het", "the", "van", "hun", "zijn", "inzittenden", "passagiers", "passengers",
           "crew", "member", "members", "bemanningsleden", "workers", "arbeiders", "mijnwerkers", "miners",
           "medewerkers", "servicemen", "patients", "patiënten", "demonstranten", "protesters", "anderen",
           "reizigers", "travellers", "bewoners", "leden", "employees", "pilots", "piloten", "aged", "priester",
           "priest", "journalist", "journalists", "journalisten", "doctor", "doctors", "arts", "artsen", "nurse",
           "nurses",
           "volunteer", "volunteers", "vrijwilligers", "guard", "guards", "bewakers", "firefighters", "brandweerlieden",
           "rescuers", "reddingswerkers", "officer", "agent", "politieagent", "politieagenten", "piloot",
           # one person named by role or kin: "een medewerker raakte gewond", "their daughter was hurt"
           "medewerker", "werknemer", "arbeider", "worker", "employee", "dochter", "zoon", "moeder", "vader",
           "daughter", "son", "mother", "father", "jongen", "meisje", "boy", "girl", "baby", "bestuurder",
           "jongens", "meisjes", "boys", "girls", "babies", "baby's", "tieners", "teenagers",
           "collega", "collega's", "colleague", "colleagues", "fietser", "fietsers", "cyclist", "cyclists",
           "voetganger", "voetgangers", "pedestrian", "pedestrians", "motorist", "motorists", "automobilist",
           "motorrijder", "motorcyclist", "voorbijganger", "voorbijgangers", "passer-by", "passers-by",
           "chauffeur", "driver", "passagier", "passenger", "bewoner", "inwoner", "resident", "militair",
           "strijder", "fighter", "vrijwilliger", "bewaker", "brandweerman", "firefighter", "boer", "farmer",
           "visser", "fisherman", "student", "leraar", "teacher", "toerist", "tourist", "gunman", "attacker",
           "aanvaller", "schutter", "dader", "suspect", "verdachte", "bomber", "militant", "gijzelnemer",
           "ouderen", "bejaarden", "elderly", "pensioners", "gepensioneerden", "official", "officials",
           "functionaris", "ambtenaar", "ambtenaren", "politician", "politicus", "staff",
           # a train's crew: "waarbij de machinist lichtgewond raakte"
           "machinist", "conducteur", "conductor"}
# Plural nouns of people the list lacks, by their ending: "havenarbeiders", "dockworkers", "medics".
_PEOPLE_ENDINGS = ("arbeiders", "werkers", "medewerkers", "bewoners", "leden", "genoten", "strijders", "agenten",
                   "workers", "members", "residents", "medics", "paramedics", "staff", "personnel", "villagers",
                   "pilgrims", "worshippers", "shoppers", "commuters", "fishermen", "farmers", "boeren", "vissers",
                   "studenten", "students", "leerlingen", "pupils", "scholieren", "toeristen", "tourists",
                   # "dertien vredessoldaten", "two peacekeeping soldiers"
                   "soldaten", "soldiers", "militairen", "burgers", "civilians", "kinderen", "children")
_POSSESSIVES = {"hun", "haar", "zijn", "his", "her", "their"}
# Singular people nouns the list lacks, by their ending: "een vrachtwagenchauffeur", "the bus driver".
_PERSON_ENDINGS = ("chauffeur", "bestuurder", "arbeider", "werker", "medewerker", "agent", "soldaat", "driver",
                   "worker", "officer", "official", "man", "vrouw", "woman", "bezoeker", "visitor", "toeschouwer",
                   "spectator", "klant", "customer", "deelnemer", "participant", "bystander", "omstander")
# Nationalities in the plural: "274 Palestijnen", "six Palestinians", "two Israelis".
_NATIONALITY_ENDINGS = ("ijnen", "ianen", "ians", "ezen", "elis", "aners", "eners", "ners")
_PLACE_PREPOSITIONS = {"in", "op", "bij", "at", "on", "near", "inside", "aan"}
_NOT_ONE_PERSON = {"of", "the", "de", "het", "van", "their", "its", "his", "her", "hun", "zijn", "other", "more",
                   "further", "additional", "nog", "andere", "aged", "crew", "staff", "elderly"}
# An apposition that names the person again: "Een derde Zweed, een taxichauffeur, raakte zwaargewond".
_APPOSITION = re.compile(r",\s+(?:een|a|an)\s+[\w-]+(?:\s+[\w-]+)?,(?=\s+(?:raakte|werd|was|is)\b)", re.IGNORECASE)
# One someone named by words the lists lack, told as one by the article and how they suffered: "een derde Zweed
# raakte zwaargewond", "a young Briton was killed".
_ONE_SOMEONE = re.compile(r"\b(een|a|an)\s+(?:[^\W\d_][\w-]*\s+){1,2}?(?=(?:raakte|werd|was)\s+(?:zwaar|licht|ernstig)?"
                          r"(?:gewond|verwond|gedood|killed|injured|wounded|hurt)\b"
                          # "Daarbij kwam ook een Zuid-Afrikaanse vredessoldaat om het leven"
                          r"|om\s+het\s+leven\b)", re.IGNORECASE)
# A share of a count told before: "Two of the dead were children", "drie van de gewonden zijn kinderen".
_SHARE_OF_THE_TOLD = re.compile(r"\b[\w.,]+\s+(?:of\s+the|van\s+de)\s+(?:dead|victims|injured|wounded|killed|doden|"
                                r"slachtoffers|gewonden)\b", re.IGNORECASE)
_CLAUSE_ASIDE = re.compile(r",\s*(?:onder wie|waaronder|including|among them|among whom|of whom)\b[^,.;]*,",
                           re.IGNORECASE)
# A count that rose or was set to a new figure: "het dodental ... is opgelopen tot negentien", "the number of
# people killed ... has risen to 42", "the number of wounded now stands at 124", "bijgesteld tot drie".  The
# verb and its preposition alone (``RISEN_TO``) also tell the extractor that a count replaces the one told.
RISEN_TO = (r"\b(?:opgelopen|gestegen|steeg|liep op|rose|risen|climbed|increased|reached|bereikte|bijgesteld|"
            r"revised|raised|stands|stood|staat|stond)\s+(?:nu\s+|now\s+)?(?:tot|to|naar|op|at)\b")
_ROSE = RISEN_TO + r"\s+(?:at least\s+|minstens\s+|zeker\s+)?([\w.,]+)"
# The happening told between the toll and its figure may be long: "the death toll from Wednesday's missile strike
# on two apartment blocks in Ternopil in western Ukraine has risen to 31"; "the number of people known to have
# died when a boat capsized ... has risen to 148".
_TOLL_ROSE = re.compile(r"\b(?:dodental|death toll|toll|aantal\s+(?:doden|dodelijke\s+slachtoffers)|"
                        r"number\s+of\s+(?:dead|deaths|(?:people\s+|those\s+)?(?:known\s+to\s+have\s+)?"
                        r"(?:killed|died)))\b[^.;]{0,160}?" + _ROSE, re.IGNORECASE)
_INJURED_ROSE = re.compile(r"\b(?:aantal\s+gewonden|number\s+of\s+(?:people\s+|those\s+)?(?:injured|wounded))\b"
                           r"[^.;]{0,160}?" + _ROSE, re.IGNORECASE)
_FILLER = {"were", "was", "have", "has", "been", "had", "are", "is", "zijn", "werden", "werd", "waren",
           "raakten", "raakte", "om", "het", "bij", "in", "te", "daarbij", "vielen", "zou", "would", "reportedly",
           "also", "ook", "nog", "at", "least", "minstens", "zeker", "ten", "minste", "die", "who", "that",
           "got", "left", "seriously", "ernstig", "zwaar", "lichtgewond", "licht", "kwamen", "kwam",
           "hebben", "heeft", "later", "shot", "confirmed", "bevestigd", "reported", "found", "gevonden",
           "on", "ground", "board", "aan", "boord",
           # "62 people lost their lives", "lieten het leven", "31 others were treated for gunshot wounds"
           "lost", "lose", "losing", "lieten", "liet", "verloren", "treated", "behandeld", "for", "voor", "gunshot",
           "schot",
           # "four passengers were initially reported injured", "zijn aanvankelijk gewond gemeld"
           "initially", "aanvankelijk", "eerst",
           # "zeven anderen liepen verwondingen op", "three sustained injuries"
           "liepen", "liep", "sustained", "suffered",
           # how badly: "two people were lightly wounded", "three were critically injured"
           "lightly", "slightly", "critically", "severely", "badly", "moderately", "kritiek"}
_ARTICLES = {"een", "a", "an"}
_QUALIFIERS = {"at", "least", "minstens", "zeker", "ten", "minste", "ruim", "meer", "dan", "more", "than", "over",
               "about", "ongeveer", "zo’n", "zo'n", "some", "nearly", "bijna", "almost", "to"}
_WINDOW = 6


def _count(tokens: list[str], i: int) -> int | None:
    """The number token ``i`` stands for, with articles counting only before a casualty/person word."""
    word = tokens[i]
    if word in _ARTICLES:
        follows = tokens[i + 1] if i + 1 < len(tokens) else ""
        k = i + 1  # "a 70-year-old man", "a Palestinian gunman", "a 21-year-old motorcycle taxi driver"
        while k < len(tokens) and k - i <= 3 and tokens[k].replace("-", "").isalpha() and not _one_person(tokens[k]) \
                and tokens[k] not in _KILLED | _INJURED:
            k += 1
        follows = tokens[k] if k < len(tokens) else ""
        return 1 if (k == i + 1 and follows in _KILLED | _INJURED) or _one_person(follows) else None
    if word in ("één",):
        return 1
    if word in ("the", "de", "het"):  # "killing the driver": one person, named by role
        follows = tokens[i + 1] if i + 1 < len(tokens) else ""
        return 1 if _one_person(follows) else None
    if word in _POSSESSIVES:  # "hun dochter raakte gewond": one person, named by kin or role
        follows = tokens[i + 1] if i + 1 < len(tokens) else ""
        return 1 if follows in _PEOPLE and not follows.endswith(("s", "en", "ren")) else None
    if word in ("couple", "echtpaar"):  # "killed a couple", "een echtpaar kwam om"
        return 2 if i > 0 and tokens[i - 1] in _ARTICLES | {"the", "het"} else None
    if word in ("beide", "both"):  # "beide piloten kwamen om", "both pilots were killed"
        follows = tokens[i + 1] if i + 1 < len(tokens) else ""
        return 2 if follows in _PEOPLE - {"of", "the", "de", "het"} else None
    if word in ("een",):
        return None
    return parse_number(word)


_AGE = re.compile(r"\b\d{1,3}-(?:year-old|jarige|jarig)\b|\b(man|vrouw|jongen|meisje|kind|baby)\s+van\s+\d{1,3}"
                  r"(?:\s+jaar)?\b", re.IGNORECASE)
# An age in words is no count either: "een man van zestig raakte gewond" is one hurt, "hun veertienjarige dochter"
# one daughter.
_AGE_IN_WORDS = re.compile(r"\b(?:(man|vrouw|jongen|meisje|kind|baby)\s+van\s+([a-zë]+)(?:\s+jaar)?"
                           r"|([a-zë]+)jarige?)\b", re.IGNORECASE)


# An age by decade is no count: "a woman in her sixties was taken to hospital".
_AGE_BY_DECADE = re.compile(r"\s+in\s+(?:his|her|their|zijn|haar|hun)\s+(?:early\s+|late\s+|mid-?)?(?:teens|twenties|"
                            r"thirties|forties|fifties|sixties|seventies|eighties|nineties|\d0s)\b", re.IGNORECASE)
# A couple is two people: "een echtpaar uit Belgorod ... kwam om het leven", "an elderly couple was killed" (not "a
# couple of").
_A_COUPLE = re.compile(r"\b(?:een|an?)\s+(?:[\w-]+\s+)?(?:echtpaar|couple)\b(?!\s+of\b)(?P<rest>[^.;]{0,120})",
                       re.IGNORECASE)
_COUPLE_KILLED = re.compile(r"\b(?:kwam|kwamen|killed|died|omgekomen|gedood|overleden|overleed|doodgeschoten|dood)\b",
                            re.IGNORECASE)
_COUPLE_HURT = re.compile(r"\b(?:gewond|verwond|injured|wounded|hurt)\b", re.IGNORECASE)


def a_couple(sentence: str) -> Casualties:
    """Two killed or two hurt when the sentence tells a couple died or was hurt ("Een echtpaar dat over de brug
    reed, kwam om het leven"): the count the sentence gives in a word for two people."""
    match = _A_COUPLE.search(sentence)
    if match is None:
        return Casualties()
    before = sentence[max(0, match.start() - 20):match.start()]
    if _COUPLE_KILLED.search(before) or _COUPLE_HURT.search(before):  # "killed a couple and injured their son"
        return Casualties(2 if _COUPLE_KILLED.search(before) else None, 2 if _COUPLE_HURT.search(before) else None)
    verbs = [m for m in (_COUPLE_KILLED.search(match.group("rest")), _COUPLE_HURT.search(match.group("rest"))) if m]
    if not verbs:
        return Casualties()
    first = min(verbs, key=lambda m: m.start())  # the couple's own verb, the first after it
    return Casualties(2, None) if _COUPLE_KILLED.fullmatch(first.group()) else Casualties(None, 2)


def _drop_an_age_in_words(match: re.Match[str]) -> str:
    number = match.group(2) or match.group(3)
    if parse_number(number.lower()) is None:
        return match.group()
    return match.group(1) or ""
# Dutch puts the place or time inside the verb: "kwam in Donegal om het leven", "raakten bij de aanval
# gewond".  Joining the verb's parts lets the count before it meet its casualty word.
_SPLIT_VERB = re.compile(r"\b(kwam|kwamen|raakte|raakten)\b(\s+(?:in|bij|op|tijdens|door|na|aan|te)\b[^,.;\d]{1,60}?"
                         # a day before a place name: "kwam zondag in Tulln om het leven"
                         r"|\s+(?:zondag|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|gisteren|vandaag|vannacht)"
                         r"\w*\s+(?:in|bij|op|te)\s+[A-ZÀ-Þ][\w\-]*(?:\s+[A-ZÀ-Þ][\w\-]*)?)"
                         r"\s+(om\s+het\s+leven|(?:licht|zwaar|ernstig)?gewond)\b", re.IGNORECASE)
_NEGATIONS = {"no", "not", "geen", "niet", "none"}
_TO_DEATH = re.compile(r"\b(?:stabbed|beaten|burned|burnt|crushed|trampled|hacked|shot|starved|frozen)\s+to\s+death\b"
                       r"|\b(?:dodelijk|fatally)\s+(?:getroffen|geraakt|gewond|verwond|struck|hit|injured|wounded|shot)\b",
                       re.IGNORECASE)
# One person told first, who died later in the sentence: "Een 51-jarige straatveger ... overleed later thuis".
_ONE_DIED = re.compile(r"(?:\b(?:hij|zij|he|she)\b|\b(?:een|a|an)\s+(?:[\w\-]+\s+){0,2}?(?:man|vrouw|jongen|meisje|"
                       r"kind|boy|girl|woman|child|person|persoon|\w+jarige|\w+-year-old|\w+er)\b)"
                       r"(?:(?!\b(?:nobody|no\s+one|niemand|not|niet|geen|never|nooit|said|zei)\b)[^.;]){0,120}?"
                       r"\b(?:overleed|stierf|died|succumbed)\b", re.IGNORECASE)
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "first": 1,
             "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_RAISED_TOLL = re.compile(r"\braised\s+the\s+(?:death\s+)?toll\b|\b(?:verhoogde|verhoogd)\b[^.;]{0,30}\bdodental\b"
                          r"|\bdodental\b[^.;]{0,30}\bverhoogd\b", re.IGNORECASE)
_NTH_VICTIM = re.compile(r"\b(?:het|de|the|a)\s+(eerste|tweede|derde|vierde|vijfde|zesde|zevende|first|second|third|"
                         r"fourth|fifth|sixth|seventh)\s+(?:dodelijke\s+)?(?:dodelijk\s+)?(?:slachtoffer|dode|fatality|"
                         r"death|victim\s+(?:died|was\s+killed))\b", re.IGNORECASE)
_HURT = re.compile(r"gewond|injur|wound|hurt", re.IGNORECASE)  # "het eerste slachtoffer raakte gewond": not dead
_DIED_ONE = re.compile(r"\b(?:overleed|stierf|verongelukte)\b[^.;]{0,80}?\b(?:een|één)\s+(?:[\w-]+\s+)??([\w-]+)\b"
                       r"(?=\s+(?:die|dat|van|uit|in|op|bij|na|toen)\b|\s*[,.;]|\s*$)",
                       re.IGNORECASE)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*uur)?\b")
# Being taken to hospital is being hurt: "a worker was taken to hospital with injuries".
_TO_HOSPITAL = re.compile(r"\b(?:(?:rescued|pulled\s+out|freed)\s+and\s+)?(?:taken|rushed|brought|admitted)\s+to\s+"
                          r"(?:a\s+|the\s+)?hospital\b"
                          r"|\b(?:being\s+)?treated\s+in\s+(?:a\s+|the\s+)?hospitals?\b"
                          # "100 people were being treated for injuries"
                          r"|\b(?:being\s+)?treated\s+for\s+(?:\w+\s+)?(?:injuries|wounds|burns)\b"
                          # "naar het ziekenhuis in Zaporizja gebracht": the hospital's town between
                          r"|(?:\bmet\s+[\w-]+\s+)?\bnaar\s+(?:het|een)\s+ziekenhuis\s+(?:in\s+[A-Z][\w'-]*\s+)?"
                          r"(?:gebracht|overgebracht|vervoerd)\b",
                          re.IGNORECASE)
# A group named after its people noun is still those people: "zeven leden van de Iraanse Revolutionaire Garde
# om het leven gekomen", "five members of the Wagner Group were killed".
# Members of one family are people: "vijftien leden van één familie kwamen om", "six members of the same family".
_OF_A_FAMILY = re.compile(r"\b(leden|members)\s+(?:van|of)\s+(?:één|een|one|a|the\s+same|dezelfde|hetzelfde)\s+"
                          r"(?:familie|family|gezin|household)\b", re.IGNORECASE)
_OF_A_GROUP = re.compile(r"\b(leden|members|strijders|fighters|soldaten|soldiers|officieren|officers|militairen)"
                         r"\s+(?:van|of)\s+(?:de|het|the)\s+(?:[A-Z][\w-]*\s+){1,4}")
# One person killed "along with N others" / "samen met N anderen": the named one and the others.
_ALONG_WITH = re.compile(r"\b(?:was|is|werd|has been)\s+(?:killed|gedood|slain|murdered|vermoord)\b[^.;]{0,80}?"
                         r"\b(?:along with|together with|with|samen met|met)\s+(?:at least\s+|minstens\s+)?"
                         r"([\w.,]+)\s+(?:others|other people|anderen|andere mensen)\b", re.IGNORECASE)


# An explicit statement that nobody was hurt or killed is a figure, 0 (GOLD_GUIDE, "Nobody was hurt" is a figure);
# silence stays unknown.  Hurt, injured or casualties without a kind say nobody was killed either; died/killed/deaths
# say only that.  "No one else", "nobody was seriously hurt", "no immediate reports of casualties" say less.
_NOBODY_SUBJECT = re.compile(r"\b(?:no[\s-]one|nobody|niemand)\b(?!\s+(?:else|anders|other)\b)((?:\s+[\w'-]+){1,5})",
                             re.IGNORECASE)
_NOBODY_HURT = re.compile(r"^(?:\s+(?:was|were|is|has|had|have|been|got|reported|reportedly|appeared|to|be|raakte|"
                          r"raakten|werd|kwam|kwamen|ernstig)?)*?\s+(?:(?P<hurt>hurt|injured|wounded|harmed|gewond|verwond)|"
                          r"(?P<killed>killed|died|dead|omgekomen|om|gedood|overleden|overleed|stierf)"
                          # "no one was killed or injured", "niemand werd gedood of gewond"
                          r"(?:\s+(?:or|nor|and|of|en)\s+(?P<also>hurt|injured|wounded|gewond|verwond))?)\b",
                          re.IGNORECASE)
_NO_CASUALTIES = re.compile(r"\b(?:(?:no|geen|zonder|without)\s+(?:(?:dodelijke\s+)?(?P<killed>doden|deaths|"
                            r"fatalities|dodelijke\s+slachtoffers)|(?P<hurt>slachtoffers|gewonden|casualties|"
                            r"injuries|verwondingen))\b(?!\s+(?:were\s+)?immediately)"
                            r"|\b(?:(?P<killed2>doden|dodelijke\s+slachtoffers)|(?P<hurt2>slachtoffers|gewonden))\s+"
                            # "gewonden vielen er volgens de autoriteiten niet": a source between
                            r"(?:vielen|zijn|waren)\s+(?:er\s+)?(?:[\w-]+\s+){0,5}?niet\b)", re.IGNORECASE)
# A claim or count told as the first one made, which the report goes on to undo or raise.
FIRST_CLAIM = re.compile(r"\b(?:eerst|aanvankelijk|initially|initial|at\s+first)\b", re.IGNORECASE)
_NOT_ALL = re.compile(r"\b(?:seriously|ernstig|zwaar|else|other|verdere?|further|anders)\b", re.IGNORECASE)


def nobody_hurt(sentence: str) -> Casualties:
    """Zeros the sentence states outright: "no one was hurt" → (0, 0), "er vielen geen doden" → (0, None)."""
    killed = hurt = False
    if FIRST_CLAIM.search(sentence):
        return Casualties()  # "zei eerst dat er niemand was omgekomen": a claim the report goes on to undo
    for match in _NOBODY_SUBJECT.finditer(sentence):
        told = _NOBODY_HURT.match(match.group(1))
        if told and not _NOT_ALL.search(told.group()):
            hurt |= told.group("hurt") is not None or told.group("also") is not None
            killed = True
    for match in _NO_CASUALTIES.finditer(sentence):
        if not _NOT_ALL.search(sentence, max(0, match.start() - 12), match.start()):
            hurt |= (match.group("hurt") or match.group("hurt2")) is not None
            killed = True
    return Casualties(0 if killed else None, 0 if hurt else None)


# A count named only as "that figure": "Kiper reported 19 wounded. By the afternoon that figure had risen to 22".
_THAT_FIGURE_ROSE = re.compile(r"\b(?:(?:that|this)\s+(?:figure|number|count)|(?:dat|dit)\s+(?:aantal|cijfer))\b"
                               r"(?!\s+(?:of|van)\b)(?=[^.;]{0,60}?" + RISEN_TO + r")", re.IGNORECASE)
_FIGURE_VALUE = re.compile(_ROSE, re.IGNORECASE)


def that_figure(sentence: str, sentence_before: str) -> Casualties:
    """The count of the sentence before, raised or set anew by a sentence that only says "that figure": of the
    one kind the sentence before counted."""
    match = _THAT_FIGURE_ROSE.search(sentence)
    value = _FIGURE_VALUE.search(sentence, match.end()) if match else None
    count = parse_number(value.group(1).lower().rstrip(".,")) if value else None
    if count is None:
        return Casualties()
    before = find_casualties(sentence_before)
    if (before.killed is None) == (before.injured is None):
        return Casualties()
    return Casualties(count, None) if before.killed is not None else Casualties(None, count)


def zeros_filled(told: Casualties, zero: Casualties) -> Casualties:
    """``told``, with ``zero``'s explicit zeros where it left a count unknown: a zero never replaces a count."""
    return told.over(zero)


def find_casualties(sentence: str) -> Casualties:
    """Killed and injured counts stated in ``sentence`` (see the module docstring for the rule)."""
    told = sentence
    sentence = _CLOCK.sub(" ", sentence)  # a liveblog's "Wednesday 22:30 – Two people were killed" counts two
    sentence = _CLAUSE_ASIDE.sub(" ", sentence)  # "vier mensen, onder wie twee kinderen, kwamen om"
    if " of the " in sentence or " van de " in sentence:
        sentence = _SHARE_OF_THE_TOLD.sub(" ", sentence)  # "Two of the dead were children": a share, no new count
    sentence = _APPOSITION.sub("", sentence)
    sentence = _ONE_SOMEONE.sub(r"\1 person ", sentence)
    sentence = _AGE.sub(lambda m: m.group(1) or "aged", sentence)
    if " in " in sentence:
        sentence = _AGE_BY_DECADE.sub("", sentence)
    if "jarig" in sentence or " van " in sentence:
        sentence = _AGE_IN_WORDS.sub(_drop_an_age_in_words, sentence)
    sentence = _SPLIT_VERB.sub(r"\1 \3 \2", sentence)
    sentence = _TO_DEATH.sub("killed", sentence)  # "three girls were stabbed to death", "dodelijk getroffen"
    low = sentence.lower()  # cheap guards: most sentences hold none of these phrases
    if "hospital" in low or "ziekenhuis" in low or "treated" in low:
        sentence = _TO_HOSPITAL.sub(" hospitalised", sentence)
    if " van " in low or " of " in low:
        sentence = _OF_A_GROUP.sub(r"\1 ", _OF_A_FAMILY.sub(r"\1", sentence))
    tokens = [t.lower() for t in _TOKEN.findall(sentence)]
    killed: int | None = None
    injured: int | None = None
    used: set[int] = set()
    for i in range(len(tokens)):
        value = _count(tokens, i)
        if value is None or i in used or (i > 0 and tokens[i - 1] in _NEGATIONS):
            continue
        kind = _following_kind(tokens, i)
        if kind is None and (kind := _leading_kind(tokens, i)) is not None:
            # "killed five children and a policeman": the second group shares the leading verb
            second = _second_group(tokens, i)
            if second is not None and _following_kind(tokens, second) in (None, kind):
                value += _count(tokens, second) or 0
                used.add(second)
        if kind is None:
            # "vijftien agenten en een priester kwamen om het leven": two groups, one casualty word.
            second = _second_group(tokens, i)
            if second is not None:
                kind = _following_kind(tokens, second)
                if kind is not None:
                    value += _count(tokens, second) or 0
                    used.add(second)
        if kind == "killed" and killed is None:
            killed = value
        elif kind == "injured" and injured is None:
            injured = value
    if killed is None and _ONE_DIED.search(sentence):
        killed = 1  # "een man van 46 werd getroffen door een tak; hij overleed later", "a boy ... later died"
    if killed is None and (nth := _NTH_VICTIM.search(sentence)) and not _HURT.search(sentence):
        killed = 1  # "Het vierde slachtoffer viel in Den Haag": one more dead, counted in the story's order
        if _RAISED_TOLL.search(sentence):  # "the governor raised the toll: a fourth victim died": four in all
            killed = _ORDINALS.get(nth.group(1).lower(), 1)
    if killed is None and (died := _DIED_ONE.search(sentence)) and _one_person(died.group(1).lower()):
        killed = 1  # "Later overleed in Hollandscheveld een automobilist": the verb before the one who died
    if "paar" in told or "couple" in told.lower():  # "an elderly couple was killed": two, not its article's one
        couple = a_couple(told)
        killed = couple.killed if couple.killed is not None and killed in (None, 1) else killed
        injured = couple.injured if couple.injured is not None and injured in (None, 1) else injured
    rose = _TOLL_ROSE.search(sentence)  # "het dodental ... is opgelopen tot negentien"
    if rose and killed is None:
        killed = parse_number(rose.group(1).lower().rstrip(".,"))
    rose = _INJURED_ROSE.search(sentence) if injured is None else None  # "the number of injured has risen to 7"
    if rose:
        injured = parse_number(rose.group(1).lower().rstrip(".,"))
    along = _ALONG_WITH.search(sentence) if "other" in low or "ander" in low else None
    others = parse_number(along.group(1).lower().rstrip(".,")) if along else None
    if others is not None and killed in (None, others):  # "five others" alone was read as the count
        killed = others + 1
    if any(word in low for word in ("no", "niemand", "geen", "zonder", "niet", "without")):
        return zeros_filled(Casualties(killed, injured), nobody_hurt(sentence))
    return Casualties(killed, injured)


def _one_person(word: str) -> bool:
    """Whether ``word`` names one person: "man", "driver", "vrachtwagenchauffeur", "dochter"."""
    if word in _PEOPLE:
        return word not in _NOT_ONE_PERSON and not word.endswith(("s", "en"))
    return word.endswith(_PERSON_ENDINGS)


def _second_group(tokens: list[str], i: int) -> int | None:
    """The index of a second count joined to count ``i`` by "en"/"and" ("15 agents and a priest")."""
    k = i + 1
    while k < len(tokens) and k - i <= 3 and tokens[k] in _PEOPLE - {"of", "the", "de", "het", "van"}:
        k += 1
    if k + 1 < len(tokens) and k > i + 1 and tokens[k] in ("en", "and") and _count(tokens, k + 1) is not None:
        return k + 1
    return None


def _following_kind(tokens: list[str], i: int) -> str | None:
    """'killed'/'injured' when a casualty word follows number ``i`` across only people/filler words."""
    k = i
    limit = i + 1 + _WINDOW
    while k + 1 < min(len(tokens), limit):
        k += 1
        word = tokens[k]
        if word in _PLACE_PREPOSITIONS and k + 2 < len(tokens) and tokens[k + 1] in _ARTICLES | {"de", "het", "the"} \
                and tokens[k + 2].isalpha():
            k += 2  # "een vrouw in een park doodgedrukt": a place phrase between the count and its word
            limit += 2
            continue
        if word == "door" and k + 1 < len(tokens) and tokens[k + 1] not in _KILLED | _INJURED:
            # "een buurvrouw werd door rondvliegend glas licht gewond": what hurt her stands between
            skip = next((j for j in range(k + 1, min(len(tokens), k + 5)) if not tokens[j].isalpha()
                         or tokens[j] in _INJURED | _KILLED or tokens[j] in _FILLER), k + 1)
            limit += skip - k - 1
            k = skip - 1
            continue
        if word in _KILLED or word.startswith("doodge"):  # doodgedrukt, doodgestoken, doodgereden
            return "killed"
        if word in _INJURED:
            return "injured"
        if word in ("en", "and") and k + 1 < len(tokens) and (tokens[k + 1] in _PEOPLE or tokens[k + 1].endswith(
                _PEOPLE_ENDINGS + _NATIONALITY_ENDINGS + ("ers", "ists"))):
            continue  # "460 patiënten en begeleiders doodgeschoten": one count of two kinds of people
        if word == "om" and tokens[k + 1:k + 2] != ["te"] and ("kwamen" in tokens[:i] or "kwam" in tokens[:i]
                                                              or tokens[k - 1] in ("kwamen", "kwam")):
            return "killed"  # "kwamen in Mykolajiv twee mensen om bij een aanval": omkomen without "het leven"
        # Plural nouns of agents ("begeleiders", "reporters") before a casualty word are people too.
        if word not in _PEOPLE and word not in _FILLER and not word.endswith(_PEOPLE_ENDINGS + _NATIONALITY_ENDINGS
                                                                             + ("ers",)) \
                and not _modifies_people(tokens, k) and not _one_person(word):
            return None
    return None


def _modifies_people(tokens: list[str], k: int) -> bool:
    """Whether word ``k`` is one modifier of a people noun after it: "seven of its *aid* workers"."""
    follows = tokens[k + 1] if k + 1 < len(tokens) else ""
    # "twee Zweedse voetbalsupporters": a plural agent noun ("-ers") after its adjective is people too
    return tokens[k].isalpha() and (follows in _PEOPLE - {"of", "the", "de", "het", "van", "their", "its", "his", "her",
                                                          "hun", "zijn"} or follows.endswith(_PEOPLE_ENDINGS)
                                    or follows.endswith(("ers", "ists")) and len(follows) > 5)


_BEFORE_A_COUNT = {"van", "of", "rose", "steeg", "naar", "were", "waren", "de", "the", "a", "an", "een"}


def _leading_kind(tokens: list[str], i: int) -> str | None:
    """'killed'/'injured' when a casualty verb/noun stands just before number ``i`` ("killing three")."""
    j = i - 1
    while j >= 0 and tokens[j] in _QUALIFIERS | _BEFORE_A_COUNT:
        j -= 1
    if j < 0 or i - j > 4:
        return None
    if tokens[j] in _LEADING_KILLED:
        return "killed"
    if tokens[j] in _LEADING_INJURED:
        return "injured"
    return None


def figures(sentence: str) -> list[str]:
    """Other counts in the sentence ("37 dorpen", "twaalfduizend mensen") for the description."""
    tokens = _TOKEN.findall(sentence)
    found = []
    for i, token in enumerate(tokens):
        low = token.lower()
        if low in _ARTICLES or low == "een":
            continue
        value = parse_number(low)
        if value is not None and value >= 2 and i + 1 < len(tokens) and tokens[i + 1][:1].isalpha():
            found.append(f"{token} {tokens[i + 1]}")
    return found
