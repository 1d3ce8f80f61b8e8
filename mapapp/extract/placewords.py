"""The words place finding reads: locative cues, settlement and region nouns, objects that carry a
place, names that are actors or sources, and the shapes around a name (lists, appositions,
containers).  Kept apart from ``places`` so the finder's logic reads without pages of vocabulary,
and so a new cue is a one-line change with a row in tests/test_extract_rules.py.
"""

from __future__ import annotations

import re

from mapapp.dates import MONTHS, WEEKDAYS

# Words right before a name that make it a location.
LOCATIVE = {"in", "bij", "nabij", "near", "rond", "rondom", "around", "naar", "to", "op", "on", "at", "from", "uit",
             "outside", "buiten", "richting", "towards", "toward", "into", "onto", "nearby", "voor", "across",
             "throughout", "through", "above", "boven"}

COUNTRY_LOCATIVE = {"in", "naar", "to", "into", "uit", "from", "inside", "binnen", "across", "throughout", "through"}

SETTLEMENT = {"stad", "city", "town", "dorp", "village", "regio", "region", "provincie", "province", "hoofdstad",
               "capital", "havenstad", "port", "haven", "gemeente", "district", "wijk", "oblast", "gebied", "area",
               "omgeving", "deelstaat", "state", "grensstad", "frontstad", "kustplaats", "graafschap", "county",
               "departement", "department", "département"}

DIRECTIONS = {"noorden", "zuiden", "oosten", "westen", "noordoosten", "noordwesten", "zuidoosten", "zuidwesten",
               "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
               "north-east", "north-west", "south-east", "south-west", "outskirts", "buitenwijken", "centrum",
               "center", "centre"}

QUALIFYING = {"regio", "region", "omgeving", "area", "provincie", "province"}

# A region word after the name makes it the region: "the Kursk region", "Kirov oblast".
REGION_AFTER = {"region", "oblast", "province", "krai", "governorate", "state", "prefecture", "county", "department"}

REGION_BEFORE = {"regio", "region", "provincie", "province", "oblast", "deelstaat", "kraj", "graafschap", "departement",
                 "department", "département"}

# Second-level units: the gazetteer holds first-level regions (GeoNames admin1), not these, so an unknown name the text
# calls one ("het departement Aisne", "County Donegal") is the most specific place it gives.  An unknown name after
# "regio" or "provincie" is a region the gazetteer lacks by that name (a historical region, a missing exonym), too
# coarse to be an event's place.
SECOND_LEVEL_BEFORE = {"departement", "department", "département", "graafschap", "county"}

# Places an unknown name may be, when the text says so ("het dorp Synkivka", "the village of X").
SETTLEMENT_NOUNS = {"stad", "stadje", "city", "town", "dorp", "dorpje", "village", "gehucht", "hamlet", "plaats",
                     "township", "kibbutz", "townland",
                     "havenstad", "grensstad", "frontstad", "kustplaats", "eiland", "island", "kamp",
                     "camp", "district", "kustzone", "kuststrook"}

# Dutch compounds end in the noun that says what they are: "grensregio", "districtscentrum", "villawijk",
# "vluchtelingenkamp", "vissersdorp".  (ending, the noun it stands for)
# A suburb is part of its city ("de zuidelijke voorstad Dahiyeh"), not a settlement of its own.
COMPOUND_ENDINGS = (("voorstad", "voorstad"), ("regio", "regio"), ("provincie", "provincie"), ("stadje", "stadje"),
                     ("stad", "stad"), ("dorpje", "dorpje"), ("dorp", "dorp"), ("wijk", "wijk"), ("kamp", "kamp"),
                     ("centrum", "stad"), ("plaats", "plaats"), ("district", "district"),
                     ("gemeente", "gemeente"),  # "de deelgemeente Hoogvliet"
                     ("rand", "rand"))  # "aan de oostrand van X": the edge of the place

# "op de weg tussen Kaboel en Jalalabad": a route between two places is neither of them.
BETWEEN = {"tussen", "between"}

# An apposition that describes the place before it: "Vuhledar, a mining town south-west of Donetsk".
APPOSITION = re.compile(r"\s*,\s*(?:(?:a|an|the|een|het|de)\s+)?(?:[\w\-'’]+\s+){0,3}?"
                         r"(?:town|city|village|port|camp|suburb|dorp|stad|stadje|plaats|havenstad|kamp|voorstad)\s*",
                         re.IGNORECASE)

# An apposition that opens with an article says what the place before it is: "X, a farming community of mountain
# roads long seen as one of the last safe places near Y".
ARTICLE_APPOSITION = re.compile(r"\s*,\s*(?:a|an|the|een|het|de)\s", re.IGNORECASE)

# An apposition that puts the place before it in an area: "Zalingei, a town in Darfur" (Darfur only locates it).
APPOSITION_IN = re.compile(APPOSITION.pattern + r"(?:in|op|on)\s+(?:(?:the|de|het)\s+)?(?:[a-zà-ÿ\-]+\s+){0,2}",
                           re.IGNORECASE)

# The same apposition as the name's own cue, where the noun is the head ("a town of 40,000 people", "de
# belangrijkste stad van de enclave"), not part of a longer word or a person ("a town councillor").
SETTLEMENT_APPOSITION = re.compile(APPOSITION.pattern.removesuffix(r"\s*")
                                   + r"\b(?=\s*(?:[,;.]|of\b|in\b|on\b|near\b|van\b|in\b|bij\b|aan\b|op\b|"
                                     r"that\b|which\b|where\b|die\b|dat\b|waar\b|with\b|met\b|ten\b|just\b|"
                                     r"zo'n\s|some\b|about\b|around\b|roughly\b|ongeveer\b|circa\b|\d|"
                                     r"(?:north|south|east|west)\w*\b))", re.IGNORECASE)

# A Dutch separable verb's particle between its object and an apposition: "namen X in, een stadje ten westen van Y",
# "vielen X aan, een dorp bij Y".
PARTICLE_BEFORE_APPOSITION = re.compile(r"\s+(?:in|aan|binnen|af|op|over|uit)\b(?=\s*,)")

# Lower-case words after a name that do not make it an adjective: prepositions and conjunctions.
FUNCTION_WORDS = {"in", "bij", "near", "op", "on", "at", "aan", "van", "of", "en", "and", "or", "to", "naar",
                  "from", "uit", "with", "met", "was", "were", "is", "are", "werd", "werden", "has", "had", "have",
                  "heeft", "hebben", "where", "waar", "die", "dat", "which", "that", "who"}

# Dutch separable-verb particles, which may follow a name without making it an adjective: "de Dnipro af stroomde".
VERB_PARTICLES = {"af", "door", "over", "langs", "mee", "weg", "toe", "heen", "binnen", "om", "op", "uit", "in",
                  "aan", "terug", "voorbij"}

# Words of an apposition that locates a place by another: "X, a suburb south of Y", "X, 25 km ten westen van Y",
# "X, on the outskirts of Y".
LOCATOR_WORD = re.compile(r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|noorden|zuiden|"
                          r"oosten|westen|noordoosten|noordwesten|zuidoosten|zuidwesten|near|nabij|outside|buiten|"
                          r"km|kilometers?|kilometres?|miles|mijl|outskirts|buitenwijken|rand)\b", re.IGNORECASE)

# A dateline: a place in capitals that opens the report, with the country or the day the wires add after commas
# and the agency in brackets: "LISBON - ", "BANGKOK (AP) - ", "PORT-AU-PRINCE, Haiti (AP) — ", "ATHENS, March 2
# (Reuters) - ", "KYIV, Ukraine, Feb 24 (Reuters) - ".
DATELINE = re.compile(r"\s*[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s[\w.'’-]+){0,2}){0,2}"
                      r"\s*(?:\([^)]{1,20}\)\s*)?[-–—:]\s")

# Words one of which each of those phrases holds, tested as plain substrings before the regular expression runs
# (most names have none of them before them, and a substring test is far cheaper than the search).
DISTANCE_UNITS = ("km", "kilomet", "mile", "mijl")
HOSPITAL_WORDS = ("ziekenhui", "hospital", "klinie", "clinic")
LINE_WORDS = ("pipeline", "leiding", "corridor", "cable", "kabel", "line", "lijn")

# How far before a name the phrases that end at it are looked for (a distance and a bearing, a hospital of the
# hurt, a line laid through it): the rest of the sentence cannot be part of them, and searching it costs time.
CLAUSE_REACH = 160

# The amount of a distance, in digits or in words as news writes them: "25", "twintig", "vijfentwintig", "fifteen",
# "twenty-five", "a few", "enkele", "tweehonderd".
DISTANCE_AMOUNT = (r"(?:\d+(?:[.,]\d+)?|a\s+few|a\s+couple\s+of|several|enkele|een\s+paar|een|twee|drie|vier|vijf|"
                   r"zes|zeven|acht|negen|elf|twaalf|[a-zë]*(?:tig|tien|honderd|duizend)|one|two|three|four|five|six|"
                   r"seven|eight|nine|ten|eleven|twelve|[a-z]+teen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                   r"ninety)(?:-[a-z]+)?|(?:a|one|two|three|four|five)\s+hundred)")
# A distance and a direction before a name make it a point of reference: "about 40 km northwest of (the city of)".
# "Sake, 25 km ten westen van Goma" is caught earlier as an apposition; a lone "40 km north of X" names no place.
DISTANCE_BEFORE = re.compile(r"\b" + DISTANCE_AMOUNT + r"\s*(?:km|kilometers?|kilometres?|miles|mijl)\s+"
                             r"(?:\([^)]{1,15}\)\s+)?(?:(?:from|van)\s+|(?:\w+\s+){0,2}?"
                             r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|noorden|zuiden|"
                             r"oosten|westen|noordoosten|noordwesten|zuidoosten|zuidwesten)\s+(?:of|van)\s+"
                             r"(?:(?:the|de|het)\s+(?:port\s+|havenstad\s+)?(?:city|town|stad|village|dorp)\s+(?:of|van)\s+)?)?$",
                             re.IGNORECASE)

# Fleeing: the place after "richting"/"towards" in such a sentence is a destination, and a place people fled from
# ("inwoners uit El Fasher gevlucht") is where it happened.
FLIGHT = re.compile(r"\b(?:gevlucht|vluchtten|vluchtte|vluchten|fled|flee|fleeing|sloegen\s+op\s+de\s+vlucht|"
                    r"op\s+de\s+vlucht|ontheemd\w*|displaced|evacuated|geëvacueerd|geevacueerd)\b", re.IGNORECASE)

# Where people were received or found shelter: "zochten onderdak in X", "opgevangen in de stad X", "took refuge in
# X", "housed at schools in X".  The one word list of that rule (``places.passing.where_people_went``).
RECEIVED_BEFORE = re.compile(r"\b(?:opgevangen|opvang|onderdak|toevlucht|ondergebracht|sheltered|shelter|refuge|"
                             r"housed|accommodated)\s+(?:[\w'-]+\s+){0,3}?(?:in|bij|at)\s+(?:(?:the|de|het)\s+)?"
                             r"(?:[\w'-]+\s+){0,2}$", re.IGNORECASE)

# A hospital where the hurt died, lie or were taken, before the name of its town: "overleed in een ziekenhuis in X",
# "died in hospital in X", "is being treated at a clinic in X", "werd naar het ziekenhuis van X gebracht".
HOSPITAL_OF_THE_HURT_BEFORE = re.compile(
    r"\b(?:died|dies|overleden|overleed|overlijdt|treated|behandeld|opgenomen|admitted|recovering|taken|brought|flown|"
    r"airlifted|gebracht|overgebracht|liggen|ligt|lag|lagen)\b(?:\s+[\w'’-]+){0,4}?\s+(?:in|to|naar|at|into)\s+"
    r"(?:(?:a|an|the|een|het|de)\s+)?(?:[\w-]+\s+){0,2}?(?:ziekenhui(?:s|zen)|hospitals?|kliniek(?:en)?|clinics?)\s+"
    r"(?:in|of|van|at|te)\s+(?:(?:the|de|het)\s+)?(?:(?:city|town|stad)\s+(?:of\s+|van\s+)?)?$", re.IGNORECASE)

# Cues of a destination: "naar X", "to X", "richting X"; and a noun of a place after one ("naar de stad X").
DESTINATION_CUES = {"naar", "to", "towards", "toward", "richting"}
# A building people were taken to in a town is a destination too: "met bussen naar een sporthal in X gebracht",
# "taken to a school in X".
TO_A_PLACE_BEFORE = re.compile(r"\b(?:naar|towards|toward|richting)\s+(?:de\s+|het\s+|the\s+)?(?:stad|dorp|city|town|"
                               r"village|regio|region|provincie|province|hoofdstad|capital)\s+$"
                               r"|\b(?:naar|to)\s+(?:een|de|het|a|an|the)\s+(?:[\w'’-]+\s+){1,2}?(?:in|bij|at|near|te)\s+$",
                               re.IGNORECASE)
# Not a destination but nearness: "close to X", "vlak bij X".
NEAR_TO_BEFORE = re.compile(r"\b(?:close|next|dicht|vlak|due)\s+(?:to|naar|bij)\s+(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)
# People carried somewhere: "naar X gebracht", "flights to X", "bussed to X".
CARRIED = re.compile(r"\b(?:gebracht|overgebracht|vervoerd|brought|taken|bussed|flown|moved|moving|flights?|"
                     r"vluchten|transferred|shipped)\b", re.IGNORECASE)

# A road that leads to a place: "the main road to the provincial capital Wabag", "de weg naar X".
ROAD_TO_BEFORE = re.compile(r"\b(?:road|roads|route|highway|weg|wegen|snelweg)\s+(?:to|naar)\s+(?:(?:the|de|het)\s+)?"
                            r"(?:[a-z]+\s+){0,2}$", re.IGNORECASE)

# Across from a place: "Omdurman, aan de overkant van de Nijl tegenover Khartoem", "across the river from X".
OPPOSITE_BEFORE = re.compile(r"\b(?:tegenover|opposite|across\s+(?:the\s+\w+\s+)?from)\s+(?:(?:the|de|het)\s+)?$",
                             re.IGNORECASE)

# "the main city of North Darfur": the name after these is the container, not the settlement.
RANKING = {"main", "largest", "biggest", "second", "third", "grootste", "belangrijkste", "tweede", "derde"}

# Lower-case words inside multi-word names: "Rostov aan de Don", "Straat van Kertsj", "Bay of Biscay".
CONNECTORS = {"aan", "de", "den", "der", "van", "op", "on", "upon", "of", "am", "an", "sur", "del", "la", "el", "do",
               "da", "dos", "das", "du", "des", "di"}

# Heads before "van"/"of" that make the next name the location: "in de buurt van Charkiv", "the edge of X".
NEAR_HEADS = {"buurt", "nabijheid", "omgeving", "rand", "vicinity", "edge", "outskirts", "buitenwijken",
               "buitenwijk", "environs", "parts", "part", "delen", "deel", "streets", "straten",
               # the parts of a city, plural: "de oostelijke wijken van Khan Younis", "the eastern districts of X"
               "wijken", "districts", "neighbourhoods", "neighborhoods", "suburbs", "quarters"}

# After a possessive place name, a part of it: "Beirut's southern suburbs", "Kherson's outskirts", "the city's
# centre" (the possessor is where it happened; "Moscow's claim" is no place).
PART_OF_THE_POSSESSOR = re.compile(r"\s+(?:(?:northern|southern|eastern|western|central|north-?eastern|"
                                   r"north-?western|south-?eastern|south-?western|outer|inner|old)\s+)?"
                                   r"(?:suburbs?|outskirts|centre|center|districts?|neighbou?rhoods?|port|harbou?r|"
                                   r"airport|old\s+city|city\s+cent(?:re|er)|downtown|streets)\b", re.IGNORECASE)

# Objects named after the town they serve, so an unknown name after them is a town: "het vliegveld van Kavumu"
# (a factory or a market may be named after its owner).
PLACE_NAMED_OBJECTS = {"vliegveld", "luchthaven", "airport", "airfield", "haven", "port", "harbour", "station",
                       "treinstation", "brug", "bridge", "stuwdam", "dam", "kerncentrale", "grensovergang",
                       "grenspost", "crossing", "airbase", "vliegbasis", "luchtmachtbasis", "marinebasis"}

# Two-word objects named after a place: "Ramstein air base", "the X naval base" (first word, then "base").
BASE_FIRST_WORDS = {"air", "naval", "military", "army"}

# Nouns before "of"/"van" that name an unknown place as a place, though they are no settlement nouns: "the port of
# X", "the (nearby) area of X", "het gebied van X", "de gemeente X" is said with its own rule.
NAMED_AREA_HEADS = {"port", "haven", "area", "gebied"}

# Nouns right after an unknown name that say it is a settlement: "Yambali village", "Qiryat township".
SETTLEMENT_AFTER_NAME = {"village", "town", "township", "hamlet", "settlement"}
# The last word of a name that says what it is: "Kangaroo Island", "Saint Martin's Island", "Bayan Village".
NAMED_AS_A_PLACE_END = {"island", "village", "town", "township", "eiland",
                        # second-level units the gazetteer lacks, named with their unit: "in Alxa League", "in
                        # Sangareddy District", "Ghor Governorate"
                        "league", "banner", "county", "district", "prefecture", "governorate", "municipality"}

# Objects that carry a place: "het station van Kramatorsk", "de kerncentrale van X", "the port of Odesa".
OBJECT_HEADS = {"station", "treinstation", "busstation", "haven", "brug", "dam", "stuwdam", "kerncentrale",
                 "centrale", "luchthaven", "vliegveld", "vliegbasis", "luchtmachtbasis", "raffinaderij",
                 "olieraffinaderij", "fabriek", "ziekenhuis", "markt", "mijn", "kazerne", "basis", "hoofdkwartier",
                 "depot", "opslagplaats", "terminal", "universiteit", "school", "gevangenis", "stadhuis",
                 "port", "airport", "airfield", "airbase", "base", "bridge", "refinery", "plant", "factory",
                 "hospital", "market", "mine", "barracks", "headquarters", "prison", "railway",
                 "harbour", "harbor", "power", "reactor", "university", "warehouse", "pier"}

CONTAINER_GAP = re.compile(r"\s*,?\s*(?:on|in|op|bij|of|van)\s+(?:(?:the|het|de)\s+)?(?:[a-zà-ÿ]+\s+){0,2}"
                            r"(?:(?:of|van)\s+)?")

# Nouns after which a capitalised word ending like a demonym is an adjective: "the Canadian province".
NOUNS_AFTER_ADJECTIVE = {"province", "provincie", "region", "regio", "city", "stad", "town", "army", "leger", "forces",
                          "troepen", "government", "regering", "border", "grens", "capital", "hoofdstad", "coast",
                          "kust", "side", "kant", "state", "staat", "village", "dorp", "island", "eiland", "port",
                          "haven", "territory", "grondgebied", "officials", "authorities", "autoriteiten", "navy",
                          "marine", "military", "soldiers", "soldaten", "president", "minister", "premier"}

# Landmarks named after something: "Lido beach in Mogadishu"; the place is the one after "in".
LANDMARKS = {"beach", "strand", "square", "plein", "market", "markt", "hotel", "mall", "mosque", "moskee", "church",
              "kerk", "stadium", "stadion", "park"}

WATER_AND_RELIEF = {"river", "rivier", "lake", "meer", "sea", "zee", "strait", "mountains", "bergen", "gebergte",
                     "canal", "kanaal", "bay", "baai", "reservoir", "stuwmeer", "delta", "valley", "vallei", "dal"}

# Dutch compounds of those: "het Atlasgebergte", "de Oostzee", "de Maasrivier" (unknown names only), and of
# streets and squares, which lie in the town the sentence names ("bij de Amstelveenseweg", "op het Stationsplein").
RELIEF_ENDINGS = ("gebergte", "rivier", "baai", "kanaal", "vallei", "zee", "oceaan", "meer",
                  "weg", "straat", "laan", "plein", "kade", "gracht", "singel", "dreef", "steeg", "park")

# Between a place and an object named after another that a list goes on with: "the port of X and the Y power plant".
OBJECT_AFTER_AND = re.compile(r"\s+(?:and|en)\s+(?:the|de|het)\s+")

LIST_JOIN = re.compile(r"\s*(?:,\s*(?:(?:and|en)\s+)?|(?:and|en)\s+)$")

LIST_REST = re.compile(r"(?:\s*,\s*[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*)*\s*,?\s*(?:and|en)\s+[A-ZÀ-Þ]")

# "Russian-occupied", "Iranian-backed"; not "Gaza-stad", "Koeweit-stad" (a city's Dutch name)
HYPHENATED_ADJECTIVE = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ]+-(?!stad$)(?:[a-zà-ÿ]+)$")

CONTAINED_IN = re.compile(r"\s*,\s*(?:in|op)\s+(?:(?:the|het|de)\s+)?(?:[a-z]+\s+)?[A-ZÀ-Þ]")

# Between a settlement and the administrative area it lies in: "X in het district Y", "X, in the province of Y".
ADMIN_CONTAINER_GAP = re.compile(r"\s*,?\s*(?:in|op)\s+(?:the|het|de)\s+(?:[a-zà-ÿ\-]+\s+){0,2}?(?:district|province|"
                                 r"provincie|region|regio|county|graafschap|deelstaat|state|prefecture|gemeente|"
                                 r"municipality)\s+(?:(?:of|van)\s+)?", re.IGNORECASE)

COMMA_GAP = re.compile(r"\s*,\s*")

IN_GAP = re.compile(r"\s*,?\s*in\s+(?:the\s+)?")  # "the village of X in Kaduna district"

DISTRICT_AFTER = re.compile(r"\s+(?:district|wijk|neighbourhood|neighborhood|quarter|raion|rayon)\b", re.IGNORECASE)

# An unknown name before these is a part of the city the sentence names: "in the Linthorpe area".
AREA_AFTER = re.compile(r"\s+(?:area|estate|neighbou?rhood|quarter|buurt)\b", re.IGNORECASE)

# A sentence that opens with its place: "In Rotherham, ...", "10:20 – Bij Charkiv, ..." (a liveblog's clock first).
OPENING_LOCATIVE = re.compile(r"[\d:.\s–—-]*(?:In|At|Bij|Near|Outside|Buiten)\s+")
# The relative clause after the last member of a list of places: "in Yangon and Naypyidaw, where a hospital was
# evacuated", "in Lviv en Rivne, waar ...".
WHERE_CLAUSE_AFTER = re.compile(r"\s*,\s*(?:where|waar)\b", re.IGNORECASE)
LIST_GAP = re.compile(r"\s*(?:,|and|en|&)\s*(?:and\s+|en\s+)?")

# A second clause, which may tell a second happening at a place of its own: "Bij X werd gevochten; ook in Y ...".
SECOND_CLAUSE = re.compile(r";|,\s+(?:and|en|while|terwijl|but|maar|whereas)\b|\b(?:ook|also)\b", re.IGNORECASE)

# An opening that only says roughly where: "Near Athens, a fire broke out near X": the finer place told after it is
# where it happened.
OPENING_NEARBY = re.compile(r"[\d:.\s–—-]*(?:Bij|Near|Nabij|Outside|Buiten|Close\s+to|Vlakbij|"
                            r"In\s+de\s+buurt\s+van)\s+")

COMPASS_BEFORE = re.compile(r"\b(?:central|northern|southern|eastern|western|north-eastern|north-western|"
                             r"south-eastern|south-western|centraal|noordelijk|zuidelijk|oostelijk|westelijk)\s+$",
                             re.IGNORECASE)

CONTAINER_AFTER = re.compile(r"\s*,\s*(?:in\s+(?:the|de|het)\s+(?:[\w\-]+\s+){0,2}?(?:staat|state|provincie|"
                              r"province|regio|region|deelstaat)\s+|in\s+)?"  # "Jasper, in Alberta"
                              r"([A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*)")

CAMP_AFTER = re.compile(r"\s+(?:refugee\s+)?camp\b|\s+(?:vluchtelingen)?kamp\b", re.IGNORECASE)

ARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ar|as|an|ash|at|az|ad|ud)-[A-ZÀ-Þ]")

# An object placed in the settlement after it: "de kerncentrale van Zaporizja, in de bezette stad Enerhodar".
OBJECT_IN_SETTLEMENT = re.compile(r"\s*,?\s*in\s+(?:de|het|the)\s+(?:[\w\-]+\s+){0,5}?(?:stad|stadje|dorp|city|town|"
                                  r"village)\s+(?:of\s+)?", re.IGNORECASE)

# Between a place's name used for an object it names and the town the object lies at: "the Kursk nuclear power plant
# in (the town of) Kurchatov", "de Belbek-vliegbasis bij Sevastopol", "Ramstein air base in Germany" (a town only).
NAMED_OBJECT_AT = re.compile(r"(?:\s+|-)(?:[a-z\-]+\s+){0,2}?(?:plant|power\s+station|centrale|base|airbase|vliegbasis|"
                             r"airport|airfield|vliegveld|luchthaven|dam|stuwdam|refinery|raffinaderij|bridge|brug|"
                             r"terminal|depot|factory|fabriek|mine|mijn|prison|gevangenis)\s*,?\s*"
                             r"(?:in|near|at|bij|nabij|outside|buiten|close\s+to)\s+(?:(?:the|de|het)\s+"
                             r"(?:city|town|stad|village|dorp)\s+(?:of\s+|van\s+)?)?", re.IGNORECASE)

LOCATING_GAP = re.compile(r"[\s,]*(?:(?:near|bij|nabij|outside|buiten|close\s+to|vlakbij)\s*)?"
                           r"|\s*,?\s*in\s+"  # "het dorp X, in de buurt van Y", "the village of X in Y"
                           r"|(?:\s+[a-zà-ÿ]+){1,2}\s*,\s*")  # "het dorp X binnengetrokken, ten westen van Y"

# A place name before these is the name of a body: "the Odesa regional administration", "Kharkiv police".
BODIES = {"administration", "authorities", "police", "officials", "council", "prosecutors", "prosecutor",
          "governor", "mayor", "government", "politie", "autoriteiten", "bestuur", "gemeenteraad"}
BODY_QUALIFIERS = {"regional", "city", "military", "local", "state", "provincial", "regionale", "militaire"}

# A route: "from Karachi to Havelian", "van Kyiv naar Lviv".
ROUTE_TO = re.compile(r"\s+(?:to|naar)\s+[A-ZÀ-Þ]")
ROUTE_FROM = re.compile(r"\b(?:from|van)\s+[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*\s+$")

# "de geboortestad van Zelensky", "the hometown of X": the name after these is a person.
PERSON_OF_HEADS = {"geboortestad", "geboorteplaats", "geboortedorp", "woonplaats", "hometown", "birthplace"}
# People named after a place they held or came from: "de verdedigers van Marioepol", "veterans of Bakhmut".  The place
# names who they are, not where the sentence's happening is.
PEOPLE_OF_HEADS = {"verdedigers", "defenders", "veteranen", "veterans", "helden", "heroes", "bevrijders", "liberators",
                   "overlevenden", "survivors"}

# Gatherings named after their host city: "the Munich Security Conference", "the Davos Forum".
GATHERINGS = {"conference", "summit", "forum", "conferentie", "top", "games", "spelen", "olympics", "festival",
              "marathon", "talks"}

# "de verovering van X", "the capture of X": X is what was taken.
CAPTURE_NOUNS = {"verovering", "inname", "capture", "seizure", "fall", "val", "bevrijding", "liberation",
                 "encirclement", "omsingeling"}

# "de strijd om X", "the battle for X": X is where the fighting is.
BATTLE_FOR = {"strijd", "slag", "gevecht", "gevechten", "battle", "fight", "fighting", "struggle"}

# Words after a name that make it a border: "near the Gaza border".
BORDERS = {"border", "grens", "frontier", "boundary"}
# What a border word names when another noun follows: "the Masnaa border crossing", "de grenspost", "border post".
BORDER_POINTS = {"crossing", "post", "checkpoint", "point", "overgang"}

# Verbs whose object is the place itself: "Shells hit Kupiansk", "Rusland beschoot Charkiv".
VERBS_BEFORE_PLACE = {"hitting", "striking", "targeting", "shelling", "pounding", "attacking",
                       "hit", "struck", "shelled", "bombed", "attacked", "targeted", "captured", "seized", "took",
                       "retook", "recaptured", "entered", "stormed", "liberated", "pounded", "raided", "besieged",
                       "encircled", "surrounded", "evacuated", "beschoot", "bestookte", "bombardeerde",
                       "bombardeerden", "veroverde", "veroverden", "heroverde", "heroverden", "bevrijdde",
                       "bevrijdden", "omsingelde", "omsingelden", "trof", "troffen", "bestormden", "bestormde",
                       "visited", "bezocht", "bezochten", "toured", "leave", "left", "fled", "verlieten",
                       "ontvluchtten", "fleeing", "flee", "leaving", "evacuating", "ontvluchten", "ontvlucht",
                       "ontvluchtte", "verlaten"}

# Dutch compounds of an object head: "kernreactor", "elektriciteitscentrale", "olieraffinaderij".
OBJECT_SUFFIXES = ("reactor", "centrale", "station", "haven", "fabriek", "brug", "dam", "raffinaderij", "depot",
                    "kazerne", "gevangenis", "ziekenhuis", "vliegveld", "basis", "terminal", "plant", "port")

# The place as the subject of a passive event verb: "Kramatorsk was hit", "Charkiv werd zondag getroffen".
PASSIVE_AUX = {"was", "were", "is", "are", "werd", "werden", "wordt", "worden", "zijn"}

# A town that fell: "Vuhledar fell", "Avdiivka viel" (the active verb says what happened to the place).
FELL = {"fell", "viel"}

PERFECT_AUX = {"has", "have", "had"}  # only with "been": "Kyiv has hit back" is an actor

EVENT_PARTICIPLES = {
    "hit", "struck", "shelled", "attacked", "targeted", "bombed", "captured", "seized", "taken", "retaken",
    "recaptured", "liberated", "flooded", "evacuated", "damaged", "destroyed", "rocked", "pounded", "surrounded",
    "encircled", "overrun", "besieged", "devastated", "battered", "raided", "stormed", "flattened", "levelled",
    "leveled", "shaken", "swamped", "inundated", "cut", "plunged",
    "getroffen", "geraakt", "beschoten", "aangevallen", "gebombardeerd", "veroverd", "ingenomen", "heroverd",
    "bevrijd", "overstroomd", "geevacueerd", "geëvacueerd", "ontruimd", "beschadigd", "verwoest", "vernield",
    "omsingeld", "bestookt", "bestormd", "platgegooid", "opgeschrikt"}

SKIPPABLE = {"de", "het", "the", "een", "a", "an"}

TITLES = {"president", "premier", "minister", "gouverneur", "generaal", "burgemeester", "mayor", "governor",
           "general", "leider", "leader", "woordvoerder", "spokesman", "spokeswoman", "mr", "mrs", "ms", "dr",
           "paus", "pope", "koning", "king", "koningin", "queen", "prins", "prince", "onderminister", "viceminister",
           "oprichter", "medeoprichter", "founder", "ceo", "chef", "chief", "commandant", "commander", "secretaris",
           "secretary", "kanselier", "chancellor", "prime", "head", "directeur", "director", "adviseur", "ambassadeur",
           "ambassador", "journalist", "correspondent", "presidente", "sheikh", "emir"}

MEDIA = {"afp", "reuters", "ap", "anp", "belga", "nbc", "bbc", "cnn", "abc", "cbs", "guardian", "telegram", "twitter",
          "facebook", "x", "instagram", "tass", "ria", "interfax", "ukrinform", "nos", "rtl", "vrt", "nyt", "times",
          "post", "journal", "news", "jazeera", "arabiya",
          "qaeda", "shabaab", "kremlin", "pentagon", "navo", "nato", "vn", "un", "eu", "msf",
          "yandex", "google", "wagner", "hamas", "hezbollah", "houthi", "houthis", "taliban"}

ACTOR_VERBS = {"said", "says", "denied", "denies", "pulled", "withdrew", "condemned", "condemns", "announced",
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
                "imposed", "imposes", "introduced", "introduces", "recalled", "expelled", "summoned",
                "volhoudt", "beweert", "beweerde", "maintains", "maintained", "insisted", "argues", "argued"}

AGENT_CUES = {"door", "by"}

# Prepositions of a party, not a place: "the urgency of the talks for Kyiv", "a warning against Moscow", "talks with
# Tehran".  A big place named after one, with no locative cue of its own, is an actor.
PARTY_BEFORE = {"for", "against", "with", "tegen", "met"}

# "door" is "through" after a verb of motion: "een brand raasde door Altadena".
MOTION = {"raasde", "raast", "raasden", "trok", "trokken", "trekt", "reed", "reden", "liep", "liepen", "sneed",
           "ging", "gingen", "tore", "swept", "ripped", "cut", "marched", "drove", "walked", "moved", "getrokken",
           "geraasd", "trekken", "razen", "passed"}

INHABITANTS = {"inwoners", "bewoners", "residents", "inhabitants", "people", "citizens", "burgers", "bevolking",
                "population"}

# Verbs whose object is an actor: "Moscow blamed Kyiv", "Iran accused Israel".
# After a name: the one who did it, not where ("dat Kyiv achter beide aanvallen zit", "Russia was behind the
# strike", "Moscow is responsible for", "dat Moskou verantwoordelijk is").
BEHIND_IT_AFTER = re.compile(r"\s+(?:(?:zat|zit|zaten|zitten|zou|zouden|is|was|were|are|had\s+been|has\s+been|"
                             r"stond|staat)\s+)?(?:(?:al|ook|also|likely|probably|waarschijnlijk|niet|not)\s+)?"
                             r"(?:achter\s+(?:de|het|deze|die|dat|beide|alle)\b|behind\s+(?:the|this|these|both|all|it)\b|"
                             r"responsible\s+for\b|verantwoordelijk\b)", re.IGNORECASE)

# A line laid through a place: "a gas pipeline, Power of Siberia 2, through Mongolia", "een pijpleiding door X", "the
# grain corridor via X": the line's path, not where a happening was (roads are left out: ambushes happen on them).
LINE_THROUGH_BEFORE = re.compile(r"\b(?:pipelines?|pijpleidingen|pijpleiding|gasleiding|corridor|cables?|kabels?|"
                                 r"power\s+lines?|hoogspanningslijn)\b[^.;:]{0,60}?\b(?:through|door|via|across)\s+"
                                 r"(?:the\s+|de\s+|het\s+)?$", re.IGNORECASE)

# Seats of power that news names as actors ("the Kremlin said") and as buildings ("talks in the Kremlin"); as a
# building one is in, the gazetteer's landmark gives its town (geodata/landmarks.csv).
SEATS_AS_BUILDINGS = {"kremlin"}

BLAME_VERBS = {"blamed", "blames", "accused", "accuses", "condemned", "condemns", "warned", "warns", "urged",
                "urges", "threatened", "threatens", "beschuldigde", "beschuldigt", "veroordeelde", "veroordeelt",
                "waarschuwde", "waarschuwt", "bedreigde", "dreigde", "thanked", "bedankte", "asked", "vroeg",
                "called", "riep", "told", "vertelde", "sanctioned", "supported", "steunde", "met", "ontmoette"}

# Words before "uit"/"from" that make the place an origin: "een man uit Den Haag", "an echtpaar uit de regio".
ORIGIN_HEADS = {"man", "vrouw", "jongen", "meisje", "echtpaar", "gezin", "familie", "inwoner", "inwoners", "mensen",
                 "toeristen", "vluchtelingen", "woman", "boy", "girl", "couple", "family", "resident", "residents",
                 "people", "tourists", "refugees", "migrants", "migranten",
                 "student", "studenten", "students", "aged", "jarige", "old"}
# Help sent from elsewhere: "water-dropping aircraft from Italy", "reddingswerkers uit Turkije", "aid from Norway".
# Where the help came from, like where a person came from, is not where it happened.
HELP_FROM_HEADS = {"aircraft", "planes", "helicopters", "firefighters", "rescuers", "teams", "experts", "volunteers",
                   "reinforcements", "aid", "help", "donations", "vliegtuigen", "blusvliegtuigen", "helikopters",
                   "brandweerlieden", "reddingswerkers", "reddingsteams", "hulpverleners", "vrijwilligers",
                   "versterkingen", "hulp", "steun", "donaties"}

# Verbs after which "residents from X" is where they were taken from, not where they come from.
RESCUE_VERBS = {"evacuated", "rescued", "moved", "bused", "airlifted", "geevacueerd", "geëvacueerd", "gered",
                "weggehaald", "evacueerden", "evacueerde", "haalden", "haalde"}

# Unknown names that are bodies and buildings, not places: "outside the European Parliament".
INSTITUTIONS = {"parliament", "parlement", "congress", "congres", "senate", "senaat", "commission", "commissie",
                 "council", "raad", "embassy", "ambassade", "consulate", "consulaat", "ministry", "ministerie",
                 "court", "rechtbank", "tribunal", "assembly", "cabinet", "kabinet", "house", "hall", "palace",
                 "paleis", "cathedral", "kathedraal", "mosque", "moskee", "church", "kerk", "stadium", "stadion",
                 "university", "universiteit", "union", "unie"}

# Unknown names that are continents or parts of one: "in Centraal-Europa", "across West Africa".
CONTINENTS = ("europa", "europe", "afrika", "africa", "azie", "asia", "amerika", "america", "oceanie", "oceania",
               "midden oosten", "middle east", "balkan", "scandinavie", "scandinavia", "caribbean", "caraiben")

# "the Hawaiian island of Maui": an island named before a town on it contains the town.
ISLAND_BEFORE = re.compile(r"\b(?:island|eiland)\s+(?:of\s+)?$", re.IGNORECASE)

# Possessors that point back at the place just told: "the city's Oleksandrivskyi district".
ANAPHORIC_POSSESSORS = {"city's", "city’s", "town's", "town’s", "village's", "village’s", "region's", "region’s",
                         "capital's", "capital’s", "country's", "country’s"}

# A region after these is the name of a background war, not where something happened: "the war in Tigray".
BACKGROUND_BEFORE_AREA = {"oorlog", "war", "conflict", "crisis", "bezetting", "occupation", "annexatie", "annexation",
                          "burgeroorlog"}

BLOCKED_BEFORE_COUNTRY = {"oorlog", "war", "invasie", "invasion", "offensief", "offensive", "conflict", "crisis",
                           "annexatie", "annexation", "bezetting", "occupation", "zoals", "such", "like"}

REPORTING = re.compile(
    r"(?:,['’]?|\"|”)\s*(?:meldt|melden|meldde|zei|zegt|aldus|stelt|stelde|maakte|liet|volgens|according\s+to|said|says|"
    r"told|reported|reports|officials\s+said)\b[^.]*?(?=\b(?:dat|that|it|they|he|she|we)\b|[.!?]|$)"
    r"|^\s*(?:volgens|according\s+to)\b[^,]*,",
    re.IGNORECASE,
)

# A concessive opening is background: "Ondanks het offensief in de regio Koersk lijkt de druk ...", "Despite the
# ceasefire in X, ...": up to its comma, or in Dutch up to the finite verb that follows it.
CONCESSIVE = re.compile(r"^\W*(?:Ondanks|Despite|In\s+spite\s+of|Notwithstanding)\b.*?"
                        r"(?=,|\s(?:lijkt|lijken|is|zijn|blijft|blijven|gaat|gaan|heeft|hebben|wordt|worden|kan|kunnen|"
                        r"moet|moeten|zal|zullen)\b)")

# The source named after "volgens"/"according to", up to its first capitalised name: "volgens Kyiv".
NAME = r"[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*)*"

SOURCE = re.compile(
    # "volgens Kyiv", "volgens het ministerie van Gezondheid in Gaza", "according to officials in Bishkek"
    rf"\b(?:[Vv]olgens|[Aa]ccording\s+to)\s+(?:[a-zà-ÿ'’\-]+\s+){{0,4}}?{NAME}(?:\s+(?:van|in|of|uit|from)\s+{NAME})*"
    # "officials in Bishkek said", "de autoriteiten in Kyiv meldden"
    rf"|\b(?:officials|authorities|sources|ministry|government|police|spokesman|spokeswoman|autoriteiten|bronnen|"
    rf"ministerie|regering|politie|woordvoerder|junta|regime|leaders|leiders|leadership|leiding)"
    rf"(?:\s+(?:van|of)\s+[A-ZÀ-Þ][\w'’\-]*)?\s+(?:in|from|uit)\s+"  # "het ministerie van Defensie in Moskou meldde"
    rf"{NAME}(?=\s+(?:said|say|says|told|reported|has|have|had|is|was|were|will|zei|zeiden|zeggen|meldt|melden|"
    rf"meldde|meldden|heeft|hebben|had|is|was|zal))")

STOP_CAPITALS = {"de", "het", "een", "the", "a", "an", "in", "bij", "op", "dat", "dit", "die", "er", "hij", "zij",
                  "ze",
                  "wij", "we", "ik", "zo", "nu", "toen", "toch", "ook", "maar", "en", "of", "volgens", "intussen",
                  "daarbij", "daar", "hier", "zelf", "it", "this", "that", "he", "she", "they", "there", "on", "at",
                  "also", "but", "and", "meanwhile", "according", "after", "na", "voor", "tijdens", "during",
                  "some", "sommigen", "rescuers", "donors", "gunmen", "residents", "officials", "another",
                  "most", "many", "several", "all", "both", "each", "few", "none", "veel", "meeste", "alle", "beide",
                  "enkele", "sommige"}
# Weekday and month names are capitalised in English but are never places ("on Thursday").
STOP_CAPITALS |= set(MONTHS) | set(WEEKDAYS)

WORD = re.compile(r"[^\W\d_][\w'’\-]*")

DEMONYM_END = re.compile(r"(?:ische|isch|sche|se|ese|ian|ish|ean|an|i)$", re.IGNORECASE)


def mentions_any(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` holds one of ``words`` (lower case) as a substring: a cheap test before a
    regular expression that needs one of them."""
    window = text[start:end].lower()
    return any(word in window for word in words)
