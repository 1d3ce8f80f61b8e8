"""Name handling: how a written place string becomes comparable keys and parts.

Normalisation ("Kup'yans'k" → "kupyansk"), the words around a name that say what it is
("village of", "oblast", "raion"), landmarks that stand for their town, raion adjectives
(Kupianskyi → Kupiansk) and the other romanisations of Slavic names.  Pure string
functions: nothing here reads the data file.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from dataclasses import dataclass

# Letters that NFKD does not decompose but that people type without the stroke/ligature.
_FOLD = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d",
                       "ħ": "h", "ŧ": "t", "ß": "ss"})
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc\u02b9\u02bb`\u00b4\u2032\u02ee\u055a\u0301\"]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./]+")

JUNK = {"", "unknown", "n a", "na", "none", "null", "nan", "unspecified", "not specified", "various",
         "multiple", "multiple locations", "several", "undisclosed", "unclear", "tbd", "onbekend", "diverse",
         "unknown location", "location unknown", "no location", "nowhere", "somewhere", "online", "x"}
# Words around a place name that say what it is, not where.
REGION_WORDS = {"oblast", "oblasts", "region", "regio", "province", "provincie", "provinz", "oblast'",
                 "obl", "область", "обл", "krai", "kray", "governorate", "state"}
DISTRICT_WORDS = {"district", "raion", "rayon", "microdistrict", "neighbourhood", "neighborhood", "quarter",
                   "hromada", "community", "wijk", "район", "мікрорайон", "mikroraion", "mikrorayon"}
_SETTLEMENT_WORDS = {"village", "settlement", "town", "city", "stad", "dorp", "urban type settlement",
                     "urban-type settlement", "smt", "selo", "село", "селище", "місто", "город", "пгт", "смт",
                     "hamlet", "suburb", "outskirts", "area", "vicinity", "direction", "centre", "center",
                     "stadt", "ville", "s", "m", "v", "vill", "pos", "posyolok", "the", "de", "het"}
LEADING = re.compile(
    r"^(?:(?:in|at|near|nearby|around|outside|outside of|the outskirts of|outskirts of|on the outskirts of|"
    r"vicinity of|in the vicinity of|area of|the area of|the|de|het|bij|nabij|rond|buiten|"
    r"village of|town of|city of|settlement of|suburb of|district of|region of|province of|"
    r"the village of|the town of|the city of|de stad|de regio|het dorp|stad|dorp|regio|provincie|oblast)\s+)+"
)
_DIRECTION = re.compile(
    r"^(?:\d+(?:[.,]\d+)?\s*(?:km|kilometers|kilometres|miles|mi)\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north east|north west|south east|"
    r"south west|ten (?:noorden|zuiden|oosten|westen)(?:|oosten|westen))\s+(?:of|van)\s+"
)
NOT_A_PLACE = re.compile(r"^[\d\s:+\-/.,]*$|^\d{4}-\d{2}(-\d{2})?")
PART_SPLIT = re.compile(r"\s*(?:[,;()\[\]]|\s[-–—]\s|/)\s*")
# "eastern Ukraine", "Oost-Oekraïne", "Zuidoost-Oekraïne": a compass word in front of a place.
_COMPASS = {"north": "north", "noord": "north", "south": "south", "zuid": "south", "east": "east",
            "oost": "east", "west": "west"}
_AREA_DIRECTION = re.compile(
    r"^(?P<ns>north|south|noord|zuid)?\s?(?P<ew>east|west|oost)?(?:ern|elijk|elijke)?\s+(?P<rest>\S.*)$"
    r"|^(?P<central>central|centraal|midden)\s+(?P<crest>\S.*)$")
# Words that make a part a landmark ("Kramatorsk railway station", "central market, Kherson"):
# the gazetteer knows the town, not the building, so the town is used.
LANDMARK_WORDS = {
    "station", "railway", "train", "metro", "terminal", "depot", "theatre", "theater", "airport", "airfield",
    "aerodrome", "hospital", "clinic", "market", "bazaar", "school", "lyceum", "kindergarten", "university",
    "college", "academy", "port", "seaport", "harbour", "harbor", "bridge", "plant", "factory", "dam",
    "refinery", "mall", "shopping", "supermarket", "church", "cathedral", "monastery", "mosque", "stadium",
    "hotel", "museum", "cemetery", "embankment", "prison", "barracks", "warehouse", "substation", "pier",
    "square", "street", "avenue", "prospekt", "boulevard", "building", "tower", "centre", "center",
    # Dutch
    "ziekenhuis", "markt", "haven", "brug", "fabriek", "centrale", "luchthaven", "vliegveld",
    "winkelcentrum", "kerk", "stadion", "universiteit", "gevangenis", "kazerne", "raffinaderij", "plein",
    "straat", "treinstation", "spoorwegstation", "schouwburg",
    "administration", "council", "base", "headquarters", "office", "checkpoint", "dormitory", "hostel", "park",
    "highway", "garage", "shop", "store", "restaurant", "cafe", "library", "sanatorium", "facility",
    "enterprise", "complex", "garrison", "gemeentehuis", "stadhuis",
}
# A nuclear plant is named after a city it is often far from (Zaporizhzhia NPP is in Enerhodar):
# never fall back to the town in its name.
_FAR_LANDMARKS = {"nuclear", "npp", "kerncentrale", "kernkraftwerk", "aes"}
# Words that describe a building, not a town: "central market" has no town "Central" in it.
LANDMARK_MODIFIERS = {"central", "main", "regional", "city", "old", "new", "local", "drama", "children",
                       "childrens", "maternity", "clinical", "military", "railway", "bus", "river", "sea",
                       "international", "shopping", "power", "oil", "fuel", "centraal", "oude", "nieuwe",
                       "grote", "the", "de", "het", "a", "an", "residential", "apartment", "administrative",
                       "police", "fire", "state", "district", "village", "industrial", "sports", "educational"}
LANDMARK_LINK = {"of", "in", "at", "near", "van", "bij", "te", "the", "de", "het"}
# A raion is named as an adjective of its town: Kupianskyi → Kupiansk, Bakhmutskyi → Bakhmut.
_RAION_ENDINGS = (("skyi", ("sk", "")), ("skyy", ("sk", "")), ("skiy", ("sk", "")), ("sky", ("sk", "")),
                  ("skyj", ("sk", "")), ("ckyi", ("ck", "")), ("ska", ("sk", "")))



def normalize_name(text: str) -> str:
    """Comparable form of a name: casefolded, accents and apostrophes gone, hyphens as spaces.

    "Kup'yans'k", "Kupʼyansʼk" and "KUPYANSK" all become "kupyansk"; Cyrillic stays Cyrillic
    (the data carries Cyrillic names, so "Харків" matches without transliteration).
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    # combining marks go (accents); so do format characters (right-to-left marks, zero widths)
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")
    text = text.translate(_FOLD)
    text = _APOSTROPHES.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()



@dataclass
class Part:
    """One comma/bracket-separated piece of a place string, with what its words say about it."""

    text: str
    kind: str = ""  # "region", "district", "city" or "" when the words say nothing
    near: bool = False  # "south of X", "near X": approximate
    full: str = ""  # the normalised part before "oblast"/"raion"... were stripped ("kyiv oblast")



# Parts are compared after normalize_name, which turns "район" into "раион": add the normalised forms.
REGION_WORDS |= {normalize_name(w) for w in REGION_WORDS}
DISTRICT_WORDS |= {normalize_name(w) for w in DISTRICT_WORDS}
_SETTLEMENT_WORDS |= {normalize_name(w) for w in _SETTLEMENT_WORDS}
_DISTRICT_KEYS = DISTRICT_WORDS | {"of", "the"}


def district_key(text: str) -> str:
    """A loose key for a city district's name that Ukrainian, Russian and English spellings share:
    "Petrovskyi district", "Petrovsky", "Petrovskiy raion" and "Petrovs'kyj" → "petrovski".

    Only ever compared within one city's few districts, so the looseness cannot reach a
    namesake elsewhere."""
    words = [w for w in normalize_name(text).split() if w not in _DISTRICT_KEYS]
    key = " ".join(words).replace("j", "i").replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", key)


def parse_part(raw: str) -> Part:
    """Strip "near", "village of", "raion", "oblast" ... and remember what they said."""
    text = normalize_name(raw)
    part = Part(text)
    direction = _DIRECTION.match(text)
    if direction:
        text, part.near = text[direction.end():], True
    lead = LEADING.match(text)
    if lead:
        words = lead.group(0).split()
        if any(w in {"near", "nearby", "around", "outside", "outskirts", "vicinity", "area", "bij", "nabij",
                     "rond", "buiten"} for w in words):
            part.near = True
        if any(w in {"region", "province", "regio", "provincie", "oblast"} for w in words):
            part.kind = "region"
        elif "district" in words:
            part.kind = "district"
        elif any(w in {"city", "town", "village", "settlement", "stad", "dorp"} for w in words):
            part.kind = "city"
        text = text[lead.end():]
    part.full = text
    words = text.split()
    while len(words) > 1 and (words[-1] in REGION_WORDS or words[-1] in DISTRICT_WORDS
                              or words[-1] in _SETTLEMENT_WORDS):
        last = words.pop()
        if last in REGION_WORDS:
            part.kind = "region"
        elif last in DISTRICT_WORDS:
            part.kind = part.kind or "district"
        elif last in {"outskirts", "area", "vicinity", "direction"}:
            part.near = True
        elif part.kind == "":
            part.kind = "city"
    while len(words) > 1 and words[0] in _SETTLEMENT_WORDS | REGION_WORDS | DISTRICT_WORDS:
        first = words.pop(0)
        if first in REGION_WORDS:
            part.kind = "region"
        elif first in DISTRICT_WORDS:
            part.kind = part.kind or "district"
    part.text = " ".join(words)
    return part



# A city district named as an adjective: Kyivskyi, Shevchenkivskyi, Tsentralnyi, Livoberezhnyi.
_DISTRICT_ADJECTIVE = re.compile(r"(?:[sc]k|n)(?:yi|yy|iy|yj|ij)$|(?:ськ|н)(?:ий|ии)$")  # "ии": й after normalize_name


def is_city_district(part: Part) -> bool:
    """A part that names a district: said so ("Podilskyi district") or an adjective on its own."""
    return part.kind == "district" or (part.kind == "" and len(part.text.split()) == 1
                                        and bool(_DISTRICT_ADJECTIVE.search(part.text)))


def area_direction(key: str) -> tuple[str, str] | None:
    """("east", "oekraine") for "oost oekraine"; None when the key starts with no compass word."""
    match = _AREA_DIRECTION.match(key)
    if not match:
        return None
    if match.group("central"):
        return "central", match.group("crest")
    ns, ew = match.group("ns"), match.group("ew")
    if not (ns or ew):
        return None
    return "".join(_COMPASS[w] for w in (ns, ew) if w), match.group("rest")


def names_landmark(words: list[str]) -> bool:
    return any(w in LANDMARK_WORDS or w in _FAR_LANDMARKS for w in words)


def is_landmark(words: list[str]) -> bool:
    """A building the town in its name stands for (not a nuclear plant, often far from it)."""
    return any(w in LANDMARK_WORDS for w in words) and not any(w in _FAR_LANDMARKS for w in words)


def could_be_town(words: list[str]) -> bool:
    return bool(words) and not all(w in LANDMARK_MODIFIERS or w in LANDMARK_WORDS for w in words)


def raion_town_keys(key: str) -> list[str]:
    """Town names a raion adjective may stand for: "kupianskyi" → ["kupiansk", "kupian"]."""
    words = key.split()
    for ending, replacements in _RAION_ENDINGS:
        if words and words[-1].endswith(ending) and len(words[-1]) > len(ending) + 2:
            stem = words[-1][:-len(ending)]
            return [" ".join(words[:-1] + [stem + r]) for r in replacements]
    return []


# Ukrainian romanisations differ in a few letters: я ia/ya/iya, ю iu/yu, є ie/ye, ї i/yi/iyi, й i/y.
_UKRAINIAN_SPELLINGS = re.compile(r"iia|iya|iyu|iiu|ia|ya|iu|yu|ie|ye|iyi|ii|yi|yy|iy|(?<=[aeou])i(?![aeiouy])"
                                  r"|(?<=[aeou])y(?![aeiouy])")
_UKRAINIAN_CHOICES = {"iia": ("iia", "iya"), "iya": ("iya", "iia"), "iyu": ("iyu", "iiu"), "iiu": ("iiu", "iyu"),
                      "ia": ("ia", "ya"), "ya": ("ya", "ia"), "iu": ("iu", "yu"), "yu": ("yu", "iu"),
                      "ie": ("ie", "ye"), "ye": ("ye", "ie"), "iyi": ("iyi", "ii", "iy"), "ii": ("ii", "iyi", "iy"),
                      "yi": ("yi", "yyi", "i"), "yy": ("yy", "yi"), "iy": ("iy", "ii", "iyi"), "i": ("i", "y"),
                      "y": ("y", "i")}
MAX_SPELLINGS = 64


def ukrainian_spellings(key: str) -> list[str]:
    """The other romanisations of a Ukrainian name: "vysokopillia" → "vysokopillya", ...
    (national system vs GeoNames' BGN style), tried only when the name itself is unknown."""
    pieces, last = [], 0
    for match in _UKRAINIAN_SPELLINGS.finditer(key):
        pieces.append((key[last:match.start()],))
        pieces.append(_UKRAINIAN_CHOICES[match.group(0)])
        last = match.end()
    pieces.append((key[last:],))
    variants = []
    for combo in itertools.islice(itertools.product(*pieces), MAX_SPELLINGS):
        variant = "".join(combo)
        if variant != key:
            variants.append(variant)
    return variants


def transliteration_variants(key: str) -> list[str]:
    """Dutch/German spellings of Slavic names rewritten the English way ("Tsjernihiv" →
    "chernihiv", "Mykolajiv" → "mykolayiv"), tried only when the literal name is unknown."""
    variants = []
    dutch = key.replace("tsj", "\0").replace("ch", "kh").replace("\0", "ch")
    for old, new in (("sj", "sh"), ("zj", "zh"), ("oe", "u"), ("j", "y")):
        dutch = dutch.replace(old, new)
    variants.append(dutch)
    german = key.replace("tsch", "\0").replace("sch", "sh").replace("ch", "kh").replace("\0", "ch")
    for old, new in (("w", "v"), ("j", "y")):
        german = german.replace(old, new)
    variants.append(german)
    return [v for v in dict.fromkeys(variants) if v != key]



# Russian romanisations of Ukrainian place names differ by rule: г is h, -ovka/-evka are -ivka,
# -oye/-ovo/-evo are -e/-ove/-eve, -aya is -a.  (Pairs, applied at the end of each word.)
_RUSSIAN_ENDINGS = (("eyevka", "iivka"), ("eevka", "iivka"), ("yevka", "iivka"), ("ovka", "ivka"), ("evka", "ivka"),
                    ("skoye", "ske"), ("skoe", "ske"), ("skaya", "ska"), ("skiy", "skyi"), ("ovo", "ove"),
                    ("evo", "eve"), ("oye", "e"), ("aya", "a"))


def russian_to_ukrainian(key: str) -> list[str]:
    """Ukrainian forms of a Russian romanisation, tried only when the name itself is unknown:
    "gulyaipole" → "hulyaipole", "huliaipole"; "avdeevka" → "avdiivka"; "debaltsevo" → "debaltseve".
    Each is looked up exactly, so a form that names no place adds nothing."""
    words = []
    for word in key.replace("g", "h").split():
        for old, new in _RUSSIAN_ENDINGS:
            if word.endswith(old) and len(word) > len(old) + 2:
                word = word[: -len(old)] + new
                break
        words.append(word)
    first = " ".join(words)
    if first == key:
        return []
    return list(dict.fromkeys([first, *ukrainian_spellings(first)]))


# Letters in which Dutch, German, English, Russian and Ukrainian romanisations of one Slavic name
# differ ("Staritsja", "Starytsia"; "Koepjansk", "Kupiansk"), folded away by ``spelling_key``.
_SPELLING_FOLDS = (("tsj", "ch"), ("sj", "sh"), ("zj", "zh"), ("oe", "u"), ("j", "y"), ("y", "i"))


def spelling_key(key: str) -> str:
    """One key for the romanisations of a Slavic name: "staritsja" and "starytsia" → "staritsia".

    Too loose to look places up worldwide; used only against KATOTTG's Ukrainian names."""
    for old, new in _SPELLING_FOLDS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


RESPELLING_SIMILARITY = 0.75  # Tjotkino/Tëtkino 0.8, Bolsje-Soldatskoje/Bol'shoye Soldatskoye 0.95; Mika/Mücka 0.67


def is_respelling(key: str, name: str) -> bool:
    """Whether the normalised ``key`` is the place ``name`` written another way (a romanisation:
    "tjotkino" for Tëtkino, "nuseirat" for An Nuşayrāt, "abasan" for ‘Abasān al Kabīrah) rather than
    another name of it (the Sorbian or Polish name of a German village).  Compared by
    ``spelling_key`` with any run of the name's words (an article or "al Kabirah" may be left out),
    loosely: romanisations differ in a letter or two."""
    words = spelling_key(normalize_name(name)).split()
    runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    return any(difflib.SequenceMatcher(None, written, run).ratio() >= RESPELLING_SIMILARITY
               for written in spelling_keys(key) for run in runs)


def spelling_keys(key: str) -> set[str]:
    """``spelling_key`` of the name as written and of its Dutch/German and Russian readings."""
    written = [key, *transliteration_variants(key)]
    readings = written + [russian_to_ukrainian(w)[0] for w in written if russian_to_ukrainian(w)]
    return {spelling_key(r) for r in readings}

