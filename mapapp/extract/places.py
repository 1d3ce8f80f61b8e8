"""Place finding: which capitalised names in a sentence are the location of what it reports.

A name is a place *of an event* only when the text uses it as a location: after a locative
cue ("in", "bij", "near", "rond", "ten noorden van", "in de stad", "the city of", ...), or,
for big places (>= ``BIG_PLACE`` inhabitants), anywhere it is not an actor.  Actors and other
non-places are left out: names after a title ("president", "minister"), multi-word personal
names, media and agencies, names in an attribution clause (", meldt het ministerie in Gaza",
"according to ..."), a subject followed by a reporting verb ("Moscow pulled out", "Iran
condemned"), possessives ("Russia's"), agents ("door Rusland"), countries without a locative
cue or after "war in"/"oorlog in", and adjectives ("Russische", "Oekraïense").  A country or
region in a sentence that also names a city is context for the city, not a second event.

Issue 11 widened what counts as a location (each rule has a row in tests/test_extract_rules.py):
region words before or after a name ("de regio Tver", "the Kirov region"); names with
connectors ("Rostov aan de Don", "Deir al-Balah"); "in de buurt van X", "the outskirts of X";
the object of an event verb ("shells hit X"); objects that carry a place ("het station van X",
"the port of X"), where a place that locates the object wins ("... van Zaporizja bij
Enerhodar"); villages and islands named as such even when unknown.  And what does not: a
place that only locates another ("X near Y", "X, a town south-west of Y"), a container of a
city ("Lahaina on the island of Maui"), routes ("between X and Y"), rivers and lakes,
organisations after an adjective ("de Europese Unie"), sources ("volgens Kyiv", "officials in
X said"), and a sentence's first word that resolves far from the document's country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from mapapp.dates import MONTHS, WEEKDAYS
from mapapp.extract.documents import Sentence
from mapapp.gazetteer import normalize_name

BIG_PLACE = 50_000

# Words right before a name that make it a location.
_LOCATIVE = {"in", "bij", "nabij", "near", "rond", "rondom", "around", "naar", "to", "op", "on", "at", "from", "uit",
             "outside", "buiten", "richting", "towards", "toward", "into", "onto", "nearby", "voor", "across",
             "throughout", "through"}
_COUNTRY_LOCATIVE = {"in", "naar", "to", "into", "uit", "from", "inside", "binnen", "across", "throughout"}
_SETTLEMENT = {"stad", "city", "town", "dorp", "village", "regio", "region", "provincie", "province", "hoofdstad",
               "capital", "havenstad", "port", "haven", "gemeente", "district", "wijk", "oblast", "gebied", "area",
               "omgeving", "deelstaat", "state", "grensstad", "frontstad", "kustplaats", "graafschap", "county"}
_DIRECTIONS = {"noorden", "zuiden", "oosten", "westen", "noordoosten", "noordwesten", "zuidoosten", "zuidwesten",
               "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
               "north-east", "north-west", "south-east", "south-west", "outskirts", "buitenwijken", "centrum",
               "center", "centre"}
_QUALIFYING = {"regio", "region", "omgeving", "area", "provincie", "province"}
# A region word after the name makes it the region: "the Kursk region", "Kirov oblast".
_REGION_AFTER = {"region", "oblast", "province", "krai", "governorate", "state", "prefecture", "county"}
_REGION_BEFORE = {"regio", "region", "provincie", "province", "oblast", "deelstaat", "kraj", "graafschap"}
# Places an unknown name may be, when the text says so ("het dorp Synkivka", "the village of X").
_SETTLEMENT_NOUNS = {"stad", "stadje", "city", "town", "dorp", "dorpje", "village", "gehucht", "hamlet", "plaats",
                     "township", "havenstad", "grensstad", "frontstad", "kustplaats", "eiland", "island", "kamp",
                     "camp", "district"}
# Dutch compounds end in the noun that says what they are: "grensregio", "districtscentrum", "villawijk",
# "vluchtelingenkamp", "vissersdorp".  (ending, the noun it stands for)
# A suburb is part of its city ("de zuidelijke voorstad Dahiyeh"), not a settlement of its own.
_COMPOUND_ENDINGS = (("voorstad", "voorstad"), ("regio", "regio"), ("provincie", "provincie"), ("stadje", "stadje"),
                     ("stad", "stad"), ("dorpje", "dorpje"), ("dorp", "dorp"), ("wijk", "wijk"), ("kamp", "kamp"),
                     ("centrum", "stad"), ("plaats", "plaats"))
# "op de weg tussen Kaboel en Jalalabad": a route between two places is neither of them.
_BETWEEN = {"tussen", "between"}
# An apposition that describes the place before it: "Vuhledar, a mining town south-west of Donetsk".
_APPOSITION = re.compile(r"\s*,\s*(?:(?:a|an|the|een|het|de)\s+)?(?:[\w\-'’]+\s+){0,3}?"
                         r"(?:town|city|village|port|camp|dorp|stad|stadje|plaats|havenstad|kamp)\s*", re.IGNORECASE)
# "the main city of North Darfur": the name after these is the container, not the settlement.
_RANKING = {"main", "largest", "biggest", "second", "third", "grootste", "belangrijkste", "tweede", "derde"}
# Lower-case words inside multi-word names: "Rostov aan de Don", "Straat van Kertsj", "Bay of Biscay".
_CONNECTORS = {"aan", "de", "den", "der", "van", "op", "on", "upon", "of", "am", "an", "sur", "del", "la", "el", "do",
               "da", "dos", "das", "du", "des", "di"}
# Heads before "van"/"of" that make the next name the location: "in de buurt van Charkiv", "the edge of X".
_NEAR_HEADS = {"buurt", "nabijheid", "omgeving", "rand", "vicinity", "edge", "outskirts", "buitenwijken",
               "buitenwijk", "environs", "parts", "part", "delen", "deel", "streets", "straten"}
# Objects that carry a place: "het station van Kramatorsk", "de kerncentrale van X", "the port of Odesa".
_OBJECT_HEADS = {"station", "treinstation", "busstation", "haven", "brug", "dam", "stuwdam", "kerncentrale",
                 "centrale", "luchthaven", "vliegveld", "vliegbasis", "luchtmachtbasis", "raffinaderij",
                 "olieraffinaderij", "fabriek", "ziekenhuis", "markt", "mijn", "kazerne", "basis", "hoofdkwartier",
                 "depot", "opslagplaats", "terminal", "universiteit", "school", "gevangenis", "stadhuis",
                 "port", "airport", "airfield", "airbase", "base", "bridge", "refinery", "plant", "factory",
                 "hospital", "market", "mine", "barracks", "headquarters", "prison", "railway",
                 "harbour", "harbor", "power", "reactor", "university", "warehouse", "pier"}
_CONTAINER_GAP = re.compile(r"\s*,?\s*(?:on|in|op|bij|of|van)\s+(?:(?:the|het|de)\s+)?(?:[a-zà-ÿ]+\s+){0,2}"
                            r"(?:(?:of|van)\s+)?")
# Nouns after which a capitalised word ending like a demonym is an adjective: "the Canadian province".
_NOUNS_AFTER_ADJECTIVE = {"province", "provincie", "region", "regio", "city", "stad", "town", "army", "leger", "forces",
                          "troepen", "government", "regering", "border", "grens", "capital", "hoofdstad", "coast",
                          "kust", "side", "kant", "state", "staat", "village", "dorp", "island", "eiland", "port",
                          "haven", "territory", "grondgebied", "officials", "authorities", "autoriteiten", "navy",
                          "marine", "military", "soldiers", "soldaten", "president", "minister", "premier"}
# Landmarks named after something: "Lido beach in Mogadishu"; the place is the one after "in".
_LANDMARKS = {"beach", "strand", "square", "plein", "market", "markt", "hotel", "mall", "mosque", "moskee", "church",
              "kerk", "stadium", "stadion", "park"}
_WATER_AND_RELIEF = {"river", "rivier", "lake", "meer", "sea", "zee", "strait", "mountains", "bergen", "gebergte",
                     "canal", "kanaal", "bay", "baai", "reservoir", "stuwmeer", "delta", "valley", "vallei", "dal"}


def _introduced_as_water(words, i: int) -> bool:
    """Whether the name at ``i`` is introduced as a river or lake: "de rivier de X", "the river X"."""
    before = [w[0].lower() for w in words[max(0, i - 2):i]]
    return bool(before) and (before[-1] in _WATER_AND_RELIEF or len(before) == 2 and before[0] in _WATER_AND_RELIEF
                             and before[1] in ("de", "the"))


def _noun(word: str) -> str:
    """A lower-cased word, a Dutch compound as the noun it ends in ("grensregio" → "regio")."""
    word = word.lower()
    if len(word) > 6 and word.isalpha():
        for ending, noun in _COMPOUND_ENDINGS:
            if word == ending or word.endswith(ending) and len(word) > len(ending) + 2:
                return noun
    return word


_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:(?:and|en)\s+)?|(?:and|en)\s+)$")
_LIST_REST = re.compile(r"(?:\s*,\s*[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*)*\s*,?\s*(?:and|en)\s+[A-ZÀ-Þ]")


def _in_a_list(text: str, previous_end: int, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` continues a list begun by the name ending at ``previous_end``:
    "in Amman, Beirut and Ramallah", "around Latakia and Tartus".  "Asheville, North Carolina" is no
    list (no "and" closes it): there the second name locates the first."""
    gap = text[previous_end:start]
    if not _LIST_JOIN.fullmatch(gap):
        return False
    return bool(re.search(r"\b(?:and|en)\s*$", gap)) or bool(_LIST_REST.match(text, end))


def _bare(word: str) -> str:
    """A word lower-cased without its possessive: "June's" is "june", never a place."""
    return word.lower().removesuffix("'s").removesuffix("’s")


def _passive_event_after(words, j: int, text: str) -> bool:
    """Whether the name ending before word ``j`` is the subject of a passive event verb.

    English puts the participle right after the auxiliary ("was hit", "were heavily shelled",
    "has been retaken"); Dutch at the end of the clause ("werd zondag opnieuw getroffen").
    """
    if j >= len(words) or text[words[j - 1][2]:words[j][1]].strip():
        return False
    aux = words[j][0].lower()
    k = j + 1
    if aux in _PERFECT_AUX:
        if k >= len(words) or words[k][0].lower() != "been":
            return False
        k += 1
    elif aux not in _PASSIVE_AUX:
        return False
    reach = 3 if aux in _PERFECT_AUX or aux in ("was", "were", "is", "are") else 8
    for m in range(k, min(len(words), k + reach)):
        if "," in text[words[m - 1][2]:words[m][1]]:
            return False  # the clause ended
        if words[m][0].lower() in _EVENT_PARTICIPLES:
            return True
    return False


_HYPHENATED_ADJECTIVE = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ]+-(?:[a-zà-ÿ]+)$")  # "Russian-occupied", "Iranian-backed"
_CONTAINED_IN = re.compile(r"\s*,\s*(?:in|op)\s+(?:(?:the|het|de)\s+)?(?:[a-z]+\s+)?[A-ZÀ-Þ]")
_DISTRICT_AFTER = re.compile(r"\s+(?:district|wijk|neighbourhood|neighborhood|quarter|raion|rayon)\b", re.IGNORECASE)
_COMPASS_BEFORE = re.compile(r"\b(?:central|northern|southern|eastern|western|north-eastern|north-western|"
                             r"south-eastern|south-western|centraal|noordelijk|zuidelijk|oostelijk|westelijk)\s+$",
                             re.IGNORECASE)
_CONTAINER_AFTER = re.compile(r"\s*,\s*(?:in\s+(?:the|de|het)\s+(?:[\w\-]+\s+){0,2}?(?:staat|state|provincie|"
                              r"province|regio|region|deelstaat)\s+)?([A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*)")
_CAMP_AFTER = re.compile(r"\s+(?:refugee\s+)?camp\b|\s+(?:vluchtelingen)?kamp\b", re.IGNORECASE)
_ARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ar|as|an|ash|at|az|ad|ud)-[A-ZÀ-Þ]")
_LOCATING_GAP = re.compile(r"[\s,]*(?:(?:near|bij|nabij|outside|buiten|close\s+to|vlakbij)\s*)?"
                           r"|(?:\s+[a-zà-ÿ]+){1,2}\s*,\s*")  # "het dorp X binnengetrokken, ten westen van Y"
# Verbs whose object is the place itself: "Shells hit Kupiansk", "Rusland beschoot Charkiv".
_VERBS_BEFORE_PLACE = {"hit", "struck", "shelled", "bombed", "attacked", "targeted", "captured", "seized", "took",
                       "retook", "recaptured", "entered", "stormed", "liberated", "pounded", "raided", "besieged",
                       "encircled", "surrounded", "evacuated", "beschoot", "bestookte", "bombardeerde",
                       "bombardeerden", "veroverde", "veroverden", "heroverde", "heroverden", "bevrijdde",
                       "bevrijdden", "omsingelde", "omsingelden", "trof", "troffen", "bestormden", "bestormde",
                       "visited", "bezocht", "bezochten", "toured"}
# Dutch compounds of an object head: "kernreactor", "elektriciteitscentrale", "olieraffinaderij".
_OBJECT_SUFFIXES = ("reactor", "centrale", "station", "haven", "fabriek", "brug", "dam", "raffinaderij", "depot",
                    "kazerne", "gevangenis", "ziekenhuis", "vliegveld", "basis", "terminal", "plant", "port")
# The place as the subject of a passive event verb: "Kramatorsk was hit", "Charkiv werd zondag getroffen".
_PASSIVE_AUX = {"was", "were", "is", "are", "werd", "werden", "wordt", "worden", "zijn"}
_PERFECT_AUX = {"has", "have", "had"}  # only with "been": "Kyiv has hit back" is an actor
_EVENT_PARTICIPLES = {
    "hit", "struck", "shelled", "attacked", "targeted", "bombed", "captured", "seized", "taken", "retaken",
    "recaptured", "liberated", "flooded", "evacuated", "damaged", "destroyed", "rocked", "pounded", "surrounded",
    "encircled", "overrun", "besieged", "devastated", "battered", "raided", "stormed", "flattened", "levelled",
    "leveled", "shaken", "swamped", "inundated", "cut", "plunged",
    "getroffen", "geraakt", "beschoten", "aangevallen", "gebombardeerd", "veroverd", "ingenomen", "heroverd",
    "bevrijd", "overstroomd", "geevacueerd", "geëvacueerd", "ontruimd", "beschadigd", "verwoest", "vernield",
    "omsingeld", "bestookt", "bestormd", "platgegooid", "opgeschrikt"}
_SKIPPABLE = {"de", "het", "the", "een", "a", "an"}
_TITLES = {"president", "premier", "minister", "gouverneur", "generaal", "burgemeester", "mayor", "governor",
           "general", "leider", "leader", "woordvoerder", "spokesman", "spokeswoman", "mr", "mrs", "ms", "dr",
           "paus", "pope", "koning", "king", "koningin", "queen", "prins", "prince", "onderminister", "viceminister",
           "oprichter", "medeoprichter", "founder", "ceo", "chef", "chief", "commandant", "commander", "secretaris",
           "secretary", "kanselier", "chancellor", "prime", "head", "directeur", "director", "adviseur", "ambassadeur",
           "ambassador", "journalist", "correspondent", "presidente", "sheikh", "emir"}
_MEDIA = {"afp", "reuters", "ap", "anp", "belga", "nbc", "bbc", "cnn", "abc", "cbs", "guardian", "telegram", "twitter",
          "facebook", "x", "instagram", "tass", "ria", "interfax", "ukrinform", "nos", "rtl", "vrt", "nyt", "times",
          "post", "journal", "news", "jazeera", "arabiya",
          "qaeda", "shabaab", "kremlin", "pentagon", "navo", "nato", "vn", "un", "eu", "msf",
          "yandex", "google", "wagner", "hamas", "hezbollah", "houthi", "houthis"}
_ACTOR_VERBS = {"said", "says", "denied", "denies", "pulled", "withdrew", "condemned", "condemns", "announced",
                "claimed", "claims", "warned", "warns", "accused", "accuses", "has", "have", "had", "is", "was", "will",
                "would", "wants", "demanded", "demands", "insists", "responded", "zei", "zegt", "meldt", "meldde",
                "ontkende", "ontkent", "veroordeelde", "stuurt", "stuurde", "heeft", "hebben", "wil", "wilde",
                "kondigde", "eist", "eiste", "beschuldigt", "beschuldigde", "reageerde", "dreigt", "dreigde",
                "stelde", "stelt", "noemde", "noemt", "verklaarde", "liet", "sent", "sends", "launched", "lanceerde",
                "sprak", "spreekt", "called", "calls", "blamed", "blames", "beloofde", "belooft", "promised", "vowed",
                "vows", "reageert", "hoopt", "hopes", "geeft", "geven", "gaf", "gave", "carried", "voert", "voerde",
                "bleef", "stayed", "weigerde", "refused", "verwacht", "expects", "expected", "vroeg", "asked",
                "gevraagd", "roept", "riep", "urged", "urges", "pleitte", "pleit", "opposes", "are", "houdt", "hield",
                "holds", "held", "wijst", "wees", "points", "pointed", "declared", "declares", "ordered", "orders",
                "imposed", "imposes", "introduced", "introduces", "recalled", "expelled", "summoned"}
_AGENT_CUES = {"door", "by"}
# "door" is "through" after a verb of motion: "een brand raasde door Altadena".
_MOTION = {"raasde", "raast", "raasden", "trok", "trokken", "trekt", "reed", "reden", "liep", "liepen", "sneed",
           "ging", "gingen", "tore", "swept", "ripped", "cut", "marched", "drove", "walked", "moved"}
_INHABITANTS = {"inwoners", "bewoners", "residents", "inhabitants", "people", "citizens", "burgers", "bevolking",
                "population"}
# Verbs whose object is an actor: "Moscow blamed Kyiv", "Iran accused Israel".
_BLAME_VERBS = {"blamed", "blames", "accused", "accuses", "condemned", "condemns", "warned", "warns", "urged",
                "urges", "threatened", "threatens", "beschuldigde", "beschuldigt", "veroordeelde", "veroordeelt",
                "waarschuwde", "waarschuwt", "bedreigde", "dreigde", "thanked", "bedankte", "asked", "vroeg",
                "called", "riep", "told", "vertelde", "sanctioned", "supported", "steunde", "met", "ontmoette"}
# Words before "uit"/"from" that make the place an origin: "een man uit Den Haag", "an echtpaar uit de regio".
_ORIGIN_HEADS = {"man", "vrouw", "jongen", "meisje", "echtpaar", "gezin", "familie", "inwoner", "inwoners", "mensen",
                 "toeristen", "vluchtelingen", "woman", "boy", "girl", "couple", "family", "resident", "residents",
                 "people", "tourists", "refugees", "migrants", "migranten",
                 "student", "studenten", "students", "aged", "jarige", "old"}
# Unknown names that are bodies and buildings, not places: "outside the European Parliament".
_INSTITUTIONS = {"parliament", "parlement", "congress", "congres", "senate", "senaat", "commission", "commissie",
                 "council", "raad", "embassy", "ambassade", "consulate", "consulaat", "ministry", "ministerie",
                 "court", "rechtbank", "tribunal", "assembly", "cabinet", "kabinet", "house", "hall", "palace",
                 "paleis", "cathedral", "kathedraal", "mosque", "moskee", "church", "kerk", "stadium", "stadion"}
# Unknown names that are continents or parts of one: "in Centraal-Europa", "across West Africa".
_CONTINENTS = ("europa", "europe", "afrika", "africa", "azie", "asia", "amerika", "america", "oceanie", "oceania",
               "midden oosten", "middle east", "balkan", "scandinavie", "scandinavia", "caribbean", "caraiben")
# "the Hawaiian island of Maui": an island named before a town on it contains the town.
_ISLAND_BEFORE = re.compile(r"\b(?:island|eiland)\s+(?:of\s+)?$", re.IGNORECASE)
# Possessors that point back at the place just told: "the city's Oleksandrivskyi district".
_ANAPHORIC_POSSESSORS = {"city's", "city’s", "town's", "town’s", "village's", "village’s", "region's", "region’s",
                         "capital's", "capital’s", "country's", "country’s"}
_BLOCKED_BEFORE_COUNTRY = {"oorlog", "war", "invasie", "invasion", "offensief", "offensive", "conflict", "crisis",
                           "annexatie", "annexation", "bezetting", "occupation", "zoals", "such", "like"}
_REPORTING = re.compile(
    r"(?:,|\"|”)\s*(?:meldt|melden|meldde|zei|zegt|aldus|stelt|stelde|maakte|liet|volgens|according\s+to|said|says|"
    r"told|reported|reports|officials\s+said)\b[^.]*?(?=\b(?:dat|that)\b|[.!?]|$)"
    r"|^\s*(?:volgens|according\s+to)\b[^,]*,",
    re.IGNORECASE,
)
# The source named after "volgens"/"according to", up to its first capitalised name: "volgens Kyiv".
_NAME = r"[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*"
_SOURCE = re.compile(
    # "volgens Kyiv", "volgens het ministerie van Gezondheid in Gaza", "according to officials in Bishkek"
    rf"\b(?:[Vv]olgens|[Aa]ccording\s+to)\s+(?:[a-zà-ÿ'’\-]+\s+){{0,4}}?{_NAME}(?:\s+(?:van|in|of|uit|from)\s+{_NAME})*"
    # "officials in Bishkek said", "de autoriteiten in Kyiv meldden"
    rf"|\b(?:officials|authorities|sources|ministry|government|police|spokesman|spokeswoman|autoriteiten|bronnen|"
    rf"ministerie|regering|politie|woordvoerder|junta|regime|leaders|leiders|leadership|leiding)\s+(?:in|from|uit)\s+"
    rf"{_NAME}(?=\s+(?:said|say|says|told|reported|has|have|had|is|was|were|will|zei|zeiden|zeggen|meldt|melden|"
    rf"meldde|meldden|heeft|hebben|had|is|was|zal))")
_STOP_CAPITALS = {"de", "het", "een", "the", "a", "an", "in", "bij", "op", "dat", "dit", "die", "er", "hij", "zij",
                  "ze",
                  "wij", "we", "ik", "zo", "nu", "toen", "toch", "ook", "maar", "en", "of", "volgens", "intussen",
                  "daarbij", "daar", "hier", "zelf", "it", "this", "that", "he", "she", "they", "there", "on", "at",
                  "also", "but", "and", "meanwhile", "according", "after", "na", "voor", "tijdens", "during",
                  "some", "sommigen", "rescuers", "donors", "gunmen", "residents", "officials", "another",
                  "most", "many", "several", "all", "both", "each", "few", "none", "veel", "meeste", "alle", "beide",
                  "enkele", "sommige"}
# Weekday and month names are capitalised in English but are never places ("on Thursday").
_STOP_CAPITALS |= set(MONTHS) | set(WEEKDAYS)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_DEMONYM_END = re.compile(r"(?:ische|isch|sche|se|ese|ian|ish|ean|an|i)$", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceMention:
    """A name used as the location of what the sentence reports."""

    written: str  # as the source wrote it, with "regio"/"ten noorden van" kept
    name: str  # the bare name that was resolved
    start: int
    end: int
    place: object | None  # gazetteer Place, None when unresolved
    precision: str
    cue: str = ""  # what made it a location: "in", "direction", "object", "verb", ... ("" for none)
    listed: bool = False  # a later member of a list that shares the first member's cue ("in A, B and C")


class PlaceFinder:
    """Finds place mentions in sentences and resolves them with a gazetteer (memoised)."""

    def __init__(self, gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[tuple[str, str | None], object] = {}

    def resolve(self, name: str, context: str | None):
        """Gazetteer resolution without fuzzy matches.

        Fuzzy matches are refused here: in running text an unknown capitalised word
        ("Telegram", "Guardian") is far more often not a place than a misspelt one.
        """
        key = (name, context)
        if key not in self._cache:
            result = self.gazetteer.resolve(name, context=context)
            if result.place is not None and result.note.startswith("fuzzy"):
                result = None
            elif result.place is None:
                result = None
            self._cache[key] = result
        return self._cache[key]

    def resolve_near_spelling(self, name: str, context: str | None):
        """A fuzzy match, accepted only inside the document's main country ("Deir al-Balah" → Dayr al Balah).

        Called only for names after a locative cue, where a misspelt place is likely; the
        country check keeps "in Telegram" from becoming a village somewhere else.
        """
        key = (name, context, "near")
        if key not in self._cache:
            result = self.gazetteer.resolve(name, context=context) if context else None
            ok = result is not None and result.place is not None and result.place.country_code == context
            self._cache[key] = result if ok else None
        return self._cache[key]

    def mentions(self, sentence: Sentence, context: str | None) -> list[PlaceMention]:
        """Place mentions of ``sentence`` that are locations of what it reports (module rules)."""
        text = sentence.text
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        blocked = [(m.start(), m.end()) for pattern in (_REPORTING, _SOURCE) for m in pattern.finditer(text)]
        found: list[PlaceMention] = []
        i = 0
        while i < len(words):
            span = self._capitalised_span(words, i, text)
            if not span:
                i += 1
                continue
            j = self._extend_over_connectors(words, i + len(span), i, text, context)
            last = found[-1] if found else None
            listed = last is not None and last.cue and _in_a_list(text, last.end - sentence.start, words[i][1],
                                                                   words[j - 1][2])
            mention = self._mention(words, i, j, text, sentence, context, blocked,
                                    inherited=last.cue if listed else None)
            if mention is not None:
                found.append(replace(mention, listed=True) if listed else mention)
            i = j
        return self._prune(found, sentence)

    def _extend_over_connectors(self, words, j: int, i: int, text: str, context) -> int:
        """End of the name: past lower-case connectors when the longer name is a known place.

        "Rostov aan de Don" and "Straat van Kertsj" are one name; "Moskou van Poetin" is not
        (it does not resolve), so the name stays "Moskou".
        """
        k = j
        while k < len(words) and k - j < 2 and words[k][0] in _CONNECTORS:
            k += 1
        if k == j or k >= len(words) or not words[k][0][0].isupper():
            return j
        if any(text[words[m - 1][2]:words[m][1]].strip() for m in range(j, k + 1)):
            return j  # punctuation in between: two names
        end = k + 1
        while end < len(words) and end - k < 2 and words[end][0][0].isupper() \
                and not text[words[end - 1][2]:words[end][1]].strip():
            end += 1
        for stop in range(end, k, -1):
            if self.resolve(text[words[i][1]:words[stop - 1][2]], context) is not None:
                return stop
        return j

    @staticmethod
    def _capitalised_span(words, i: int, text: str) -> list[str]:
        span: list[str] = []
        k = i
        while k < len(words) and len(span) < 5:
            word, start, _ = words[k]
            if not word[0].isupper() or any(ch.isdigit() for ch in word):
                break
            if span and text[words[k - 1][2]:start].strip() not in ("",):
                break  # punctuation between words ends the name
            span.append(word)
            k += 1
            if word.endswith(("'s", "’s")):
                break  # "Florida's Big Bend": the possessor is a name of its own
            if k < len(words) and _ARTICLE_PREFIX.match(words[k][0]) and not text[words[k - 1][2]:words[k][1]].strip():
                span.append(words[k][0])  # "Deir al-Balah", "Ras el-Ain": the article belongs to the name
                k += 1
        return span

    def _mention(self, words, i: int, j: int, text: str, sentence: Sentence, context, blocked,
                 inherited: str | None = None):
        # Drop leading function words, demonym adjectives and titles ("De Amerikaanse minister").
        stripped_adjective = False
        while i < j and (_bare(words[i][0]) in _STOP_CAPITALS or words[i][0].lower() in _TITLES
                         or (j - i > 1 and words[i][0].lower() in _LOCATIVE)  # "Near Orikhiv, ...", "Outside X"
                         or _HYPHENATED_ADJECTIVE.match(words[i][0])  # "the Russian-occupied city of X"
                         or (j - i > 1 and _DEMONYM_END.search(words[i][0])
                             and not self._resolves_whole(words, i, j, context))):
            stripped_adjective = stripped_adjective or bool(_DEMONYM_END.search(words[i][0]))
            i += 1
        if i >= j:
            return None
        if j - i == 1 and _DEMONYM_END.search(words[i][0]) and j < len(words) \
                and words[j][0] in _NOUNS_AFTER_ADJECTIVE and not text[words[i][2]:words[j][1]].strip() \
                and i > 0 and words[i - 1][0].lower() in _SKIPPABLE:
            return None  # "the Canadian province of", "the Ukrainian army": an adjective
        name = text[words[i][1]:words[j - 1][2]]
        lowered = [w[0].lower() for w in words[i:j]]
        if any(w in _MEDIA for w in lowered) or any(w.isupper() and len(w) <= 5 for w, _, _ in words[i:j]):
            return None
        start, end = words[i][1], words[j - 1][2]
        if any(b0 <= start < b1 for b0, b1 in blocked):
            return None
        before = [w[0].lower() for w in words[max(0, i - 4):i]]
        after = words[j][0].lower() if j < len(words) else ""
        gap_after = text[end:words[j][1]] if j < len(words) else ""
        if before and before[-1] in _TITLES:
            return None
        if i > 0 and words[i - 1][0].lower() in _ANAPHORIC_POSSESSORS:
            return None  # "the city's X district": a part of the place just told, not another event
        if before and before[-1] in _BLAME_VERBS:
            return None  # "Moscow blamed Kyiv": the object of blame is an actor
        if len(before) >= 2 and before[-1] in ("uit", "from") and (before[-2] in _ORIGIN_HEADS
                                                                  or before[-2].endswith(("jarige", "old"))):
            return None  # "een 52-jarige man uit Den Haag": where a person comes from, not where it happened
        core = [w for w in before if w not in _SKIPPABLE]
        if len(core) >= 2 and core[-1] in ("with", "met") and core[-2] in ("border", "boundary", "grens", "frontier"):
            return None  # "near the boundary with Zaporizhzhia"
        if len(core) >= 2 and core[-1] in ("of", "van") and core[-2] in ("bank", "banks", "oever", "oevers", "water",
                                                                         "waters"):
            return None  # "the west bank of the Dnipro", "het water van de Dnipro": a river
        if before and (before[-1] in _BETWEEN or before[-1] in ("en", "and") and _BETWEEN & set(before[:-1])):
            return None
        possessive = name.endswith(("'s", "’s"))  # "Russia's", "Florida's"
        if possessive:
            name, end = name[:-2], end - 2
        cue, qualifier_start = self._cue(words, i, text)
        if cue is None and not possessive and _passive_event_after(words, j, text):
            cue = "passive"
        if cue is None and inherited:
            cue = inherited  # "in Amman, Beirut and Ramallah": the list shares its first member's cue
        if cue is None and i == 0 and j == 1 and not text[:start].strip() and context is not None:
            first_word = self.resolve(name, context)
            if first_word is not None and first_word.place.country_code != context:
                return None  # "Boze boeren ...": capitalised because it opens the sentence, a place far away
        if j < len(words) and words[j][0].lower() in _WATER_AND_RELIEF and not gap_after.strip():
            return None  # "the Karachay river", "het Ladogameer": a river or lake, not a settlement
        if j + 1 < len(words) and words[j][0].lower() in _LANDMARKS and not gap_after.strip() \
                and words[j + 1][0].lower() in ("in", "at", "near", "op", "bij", "nabij", "te"):
            return None  # "Lido beach in Mogadishu", "het Tahrirplein in Caïro": a landmark's name, placed after it
        if _introduced_as_water(words, i):
            return None  # "de rivier de Guadalhorce"
        if stripped_adjective and cue is None:
            return None  # "de Europese Unie", "de Afrikaanse Unie": an organisation, not "Unie" somewhere
        resolved, name, end, qualifier_start = self._qualified(words, i, j, text, name, end, qualifier_start,
                                                               context)
        container = _CONTAINER_AFTER.match(text, end) if resolved is None and cue is not None else None
        if container is not None:  # "in Butler, in de Amerikaanse staat Pennsylvania": the state decides
            resolved = self.resolve(f"{name}, {container.group(1)}", context)
        if resolved is None and cue in _LOCATIVE | {"named_settlement"} and len(name) >= 6 \
                and not (j - i == 1 and _DEMONYM_END.search(name)):
            resolved = self.resolve_near_spelling(name, context)
        if resolved is None:
            if any(w in _INSTITUTIONS for w in lowered) or normalize_name(name).endswith(_CONTINENTS):
                return None  # "outside the European Parliament", "in Centraal-Europa"
            located = bool(_CONTAINED_IN.match(text, end))  # "in Alxa Left Banner, in northern China's ..."
            if cue != "named_settlement" and len(name.split()) > 1 and not (located and cue == "in"):
                return None  # "Black Sea", "Red Sea": unknown multi-word names are rarely event places
            if cue == "verb" and _APPOSITION.match(text, end):
                cue = "named_settlement"  # "captured Vremivka, a village in the Donetsk region"
            if _CAMP_AFTER.match(text, end):
                cue = "named_settlement"  # "the Maghazi refugee camp", "het kamp Jabalia" is said before
            if cue is None or cue not in (_LOCATIVE | {"named_settlement"}) - {"op", "on", "to", "voor", "at",
                                                                                 "from", "uit"}:
                return None
            if j - i > 3:
                return None
            if words[i][0].lower() in _STOP_CAPITALS or (j - i == 1 and cue != "named_settlement"
                                                         and _DEMONYM_END.search(name)):
                return None  # "in de Indische hoofdstad": an adjective, not an unknown place
            return PlaceMention(name, name, sentence.start + start, sentence.start + end, None, "", cue)
        place = resolved.place
        if before and before[-1] in _AGENT_CUES and cue != "through":
            return None
        if possessive and (place.kind == "country" or cue not in _LOCATIVE):
            return None  # "Russia's war", "Moscow's claim"; but "in Florida's Big Bend region" is a place
        if place.kind == "country":
            if cue not in _COUNTRY_LOCATIVE and cue != "direction":
                return None
            context_words = [w[0].lower() for w in words[max(0, i - 4):i]]
            if any(w in _BLOCKED_BEFORE_COUNTRY for w in context_words):
                return None
        elif cue is None:
            if place.population < BIG_PLACE and place.kind != "region":
                return None
            if after in _ACTOR_VERBS and not gap_after.strip():
                return None
            if context is not None and place.country_code != context and place.kind == "city" \
                    and place.population < 500_000:
                return None  # "de wedstrijd van Ajax": a bare foreign name far from the story is rarely its place
        written = text[qualifier_start:end] if qualifier_start is not None else name
        return PlaceMention(written, name, sentence.start + (qualifier_start if qualifier_start is not None else start),
                            sentence.start + end, place, resolved.precision, cue or "")

    def _qualified(self, words, i: int, j: int, text: str, name: str, end: int, qualifier_start: int | None,
                   context):
        """Resolve ``name``, as a region when a region word stands before or after it.

        "de regio Krasnodar" and "the Krasnodar region" are Krasnodar Krai, not the city.
        Returns (resolution, name, end, qualifier_start).
        """
        if qualifier_start is not None and _noun(text[qualifier_start:words[i][1]].split()[0]) in _REGION_BEFORE:
            for query in (text[qualifier_start:end], f"{name} region", name):  # "de grensregio Belgorod"
                resolved = self.resolve(query, context)
                if resolved is not None and resolved.place.kind == "region":
                    return resolved, name, end, qualifier_start
        if j < len(words) and words[j][0].lower() in _REGION_AFTER and not text[end:words[j][1]].strip():
            resolved = self.resolve(f"{name} {words[j][0].lower()}", context)
            if resolved is None or resolved.place.kind != "region":
                resolved = self.resolve(name, context)  # "Russia's Buryatia region": the name alone is the region
            if resolved is not None and resolved.place.kind == "region":
                written_start = qualifier_start if qualifier_start is not None else words[i][1]
                return resolved, f"{name} {words[j][0]}", words[j][2], written_start
        return self.resolve(name, context), name, end, qualifier_start

    def _resolves_whole(self, words, i: int, j: int, context) -> bool:
        name = " ".join(w[0] for w in words[i:j])
        return self.resolve(name, context) is not None

    @staticmethod
    def _cue(words, i: int, text: str) -> tuple[str | None, int | None]:
        """The locative cue before word ``i`` and where a qualifier to keep ("regio X") starts."""
        k = i - 1
        skipped = 0
        while k >= 0 and skipped < 2 and (words[k][0].lower() in _SKIPPABLE or
                                          (words[k][0].islower() and words[k][0].endswith("e") and
                                           words[k][0].lower() not in _LOCATIVE | _SETTLEMENT | _DIRECTIONS
                                           | _SETTLEMENT_NOUNS | _OBJECT_HEADS | _NEAR_HEADS
                                           | {"since", "sinds", "there", "where", "while", "whose", "the"})
                                          or _DEMONYM_END.search(words[k][0]) and words[k][0][0].isupper()):
            if text[words[k][2]:words[k + 1][1]].strip():
                break
            k -= 1
            skipped += 1
        if k < 0:
            return None, None
        word = words[k][0].lower()
        if word not in _LOCATIVE and word not in _SETTLEMENT and word not in _SETTLEMENT_NOUNS:
            word = _noun(word)
        if text[words[k][2]:words[k + 1][1]].strip() not in ("", ","):
            return None, None
        if word in ("door", "through") and k >= 1 and any(w[0].lower() in _MOTION for w in words[max(0, k - 8):k]):
            return "through", None  # "een brand raasde door Altadena": through, not by
        if word in _LOCATIVE:
            return word, None
        if word in _VERBS_BEFORE_PLACE:
            return "verb", None
        if word in _SETTLEMENT_NOUNS:
            return "named_settlement", None
        if word in _SETTLEMENT:
            qualifier = words[k][1] if word in _QUALIFYING | _REGION_BEFORE else None
            return "settlement", qualifier
        if word in ("van", "of") and k >= 1:
            head = words[k - 1][0].lower()
            if head not in _SETTLEMENT and head not in _SETTLEMENT_NOUNS and head not in _DIRECTIONS:
                head = _noun(head)
            if head in _INHABITANTS:
                return "inhabitants", None  # "180.000 inwoners van Los Angeles"; of a country: passing mention
            if head == "control":
                return "verb", None  # "taken full control of Zamzam"
            if head == "out":
                return "from", None  # "pulled out of Avdiivka"
            if head in _REGION_BEFORE:
                return "settlement", words[k - 1][1]  # "the Russian region of Voronezh": the region
            if head in _DIRECTIONS or head in _NEAR_HEADS:
                lead = k >= 2 and words[k - 2][0].lower() in ("ten", "to", "the", "de", "in")
                start = words[k - 2][1] if lead else words[k - 1][1]
                return "direction", start
            if head in _SETTLEMENT_NOUNS and (k < 2 or words[k - 2][0].lower() not in _RANKING):
                return "named_settlement", None
            if head in _SETTLEMENT:
                return "settlement", None
            if head in _OBJECT_HEADS or head.endswith(_OBJECT_SUFFIXES):
                return "object", None
        return None, None

    @staticmethod
    def _prune(found: list[PlaceMention], sentence: Sentence) -> list[PlaceMention]:
        """Countries, regions and unknown names are context when the sentence also names a known city."""
        cities = [m for m in found if m.place is not None and m.place.kind == "city"]
        named = [m for m in found if m.place is None or m.place.kind == "city"]
        if not cities:
            # Countries and regions are context for an unknown settlement too ("Kuriga, in Kaduna state").
            return named or found
        # An unknown name located by the known city right after it: "Robotyne ten zuiden van Orichiv",
        # "a village near Djibo".  The city can be mapped; the unknown name cannot.  Likewise an object
        # named after one place and located at another: "de kerncentrale van Zaporizja bij Enerhodar".
        def gap(a: PlaceMention, b: PlaceMention) -> str:
            return sentence.text[a.end - sentence.start:b.start - sentence.start]

        def vague(m: PlaceMention) -> bool:
            return m.place is None or m.cue in ("object", "named_settlement")

        def located_by_a_city(m: PlaceMention) -> bool:
            # A known village is kept when the town that locates it lies in the same region ("Bilozerka,
            # near Kherson"); a different region means the village was resolved to a namesake.
            return any(_LOCATING_GAP.fullmatch(gap(m, c)) and (m.place is None or m.cue == "object"
                                                               or m.place.admin1 != c.place.admin1)
                       for c in cities if c.start >= m.end)

        def container_of_a_city(m: PlaceMention) -> bool:  # "Lahaina on the island of Maui"
            if m.place is None and _ISLAND_BEFORE.search(sentence.text[:m.start - sentence.start]):
                return True  # "the island of Maui ..., destroying the town of Lahaina"
            return m.place is None and any(_CONTAINER_GAP.fullmatch(gap(c, m)) for c in cities if c.end <= m.start)

        def locates_a_city(m: PlaceMention) -> bool:  # "Kiryat Bialik near Haifa": Haifa only locates
            return not m.listed and any(_LOCATING_GAP.fullmatch(gap(c, m)) and not (vague(c) and located_by_a_city(c))
                       for c in cities if c.end <= m.start)

        def locates_the_one_before(m: PlaceMention) -> bool:
            return m.cue == "direction" and any(_APPOSITION.fullmatch(gap(c, m)) for c in named if c.end <= m.start)

        def area_around_a_place(m: PlaceMention) -> bool:  # "the Maghazi camp in central Gaza": the Strip
            return m.place is not None and bool(_COMPASS_BEFORE.search(sentence.text[:m.start - sentence.start])) \
                and any(o is not m and o.start < m.start for o in named)

        def district_of_a_city(m: PlaceMention) -> bool:  # "In Kyiv, a missile hit the Podilskyi district"
            return bool(_DISTRICT_AFTER.match(sentence.text, m.end - sentence.start)) and any(c is not m
                                                                                              for c in cities)

        return [m for m in named
                if not (vague(m) and located_by_a_city(m)) and not locates_the_one_before(m)
                and not district_of_a_city(m) and not area_around_a_place(m)
                and not container_of_a_city(m)
                and not (m.place is not None and locates_a_city(m))]
