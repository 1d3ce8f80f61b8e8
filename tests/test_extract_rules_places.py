"""Which place an event is at, how it resolves, and how the scorer compares places: a specification.

Each table is input → expected output; the sentences are invented, not taken from any tuning or
held-out text.
"""

from __future__ import annotations

import pandas as pd
import pytest

from mapapp.extract import (
    EXTRA_COLUMNS,
    PlaceFinder,
    document_from_text,
    extract_events,
    score_events,
    split_sentences,
)
from mapapp.extract.notevents import event_mentions
from mapapp.gazetteer import load_gazetteer
from mapapp.schema import COLUMN_NAMES


def _places(finder: PlaceFinder, sentence: str, context: str | None = None) -> list[tuple[str, str | None]]:
    found = finder.mentions(split_sentences(sentence)[0], context)
    return [(m.written, m.place.name if m.place is not None else None) for m in found]


# -- unresolved places keep a reason ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "place", "reason"),
    [
        # a front-line village KATOTTG lists without a point: the gazetteer says so, in its own words
        (" date 2024-03-02 Soldaten bestormden het dorp Paraskovijivka.", "Paraskovijivka",
         "place not resolved: 'paraskoviivka' is a Ukrainian settlement (Donetska per KATOTTG) that the gazetteer "
         "has no coordinates for"),
        # a name the gazetteer does not have at all
        (" date 2024-03-02 Rebels attacked the village of Qorvandi at dawn.", "Qorvandi",
         "place not resolved: no place named 'qorvandi' in the gazetteer"),
    ],
)
def test_an_unresolved_place_says_why_in_the_description(finder: PlaceFinder, text: str, place: str,
                                                         reason: str) -> None:
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    row = rows[rows["place"] == place].iloc[0]
    assert row["location"] == "" and pd.isna(row["latitude"])
    assert reason in row["description"]


def test_a_resolved_place_has_no_unresolved_note(finder: PlaceFinder) -> None:
    rows = extract_events(document_from_text(" date 2024-03-02 Drones hit Kharkiv on Friday.", "t.txt"),
                          finder=finder)
    assert rows["location"].tolist() == ["Kharkiv"]
    assert "not resolved" not in rows["description"].iat[0]


# -- the gazetteer names a settlement it has no point for -----------------------------------------------

@pytest.mark.parametrize(
    ("written", "settlement"),
    [
        ("Paraskoviivka", "paraskoviivka"),  # KATOTTG's own romanisation
        ("Paraskovijivka", "paraskoviivka"),  # the Dutch one
        ("Synkivka", "synkivka"),
        ("Qorvandi", ""),  # unknown everywhere: no settlement
        ("Kharkiv", ""),  # resolved: the place is the answer
    ],
)
def test_resolution_names_the_settlement_known_without_a_point(written: str, settlement: str) -> None:
    assert load_gazetteer().resolve(written).settlement == settlement


# -- scoring: one village under two romanisations is one place ------------------------------------------

def _rows(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    records = [{"source_doc": doc, "place": place, "location": location, "country_code": country,
                "event_date": "2024-03-02", "killed": None, "injured": None}
               for doc, place, location, country in rows]
    frame = pd.DataFrame(records, columns=list(COLUMN_NAMES) + list(EXTRA_COLUMNS))
    for column in ("killed", "injured"):
        frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
    return frame


@pytest.mark.parametrize(
    ("gold_place", "extracted", "found"),
    [
        # the same KATOTTG village, the gold in one romanisation and the text in another
        ("Paraskoviivka", ("Paraskovijivka", ""), 1),
        ("Paraskovijivka", ("Paraskoviivka", ""), 1),
        # two different unknown names stay two places
        ("Qorvandi", ("Qorvandu", ""), 0),
        # an unknown name matches itself
        ("Qorvandi", ("Qorvandi", ""), 1),
        # a different village KATOTTG knows is another place
        ("Paraskoviivka", ("Synkivka", ""), 0),
        # two romanisations of a village the gazetteer lacks: one spelling key
        ("Zhovtanka", ("Zjovtanka", ""), 1),
        ("Kolvarnoye", ("Kolvarnoje", ""), 1),
    ],
)
def test_the_scorer_keys_a_pointless_village_by_its_katottg_name(gold_place: str, extracted: tuple[str, str],
                                                                 found: int) -> None:
    gold = pd.DataFrame([("d.txt", gold_place, "2024-03-02", "", "")],
                        columns=["doc", "place", "event_date", "killed", "injured"])
    predicted = _rows([("d.txt", extracted[0], extracted[1], ""), ("d.txt", "Kharkiv", "Kharkiv", "UA")])
    figures = score_events(gold, predicted, load_gazetteer(), documents=1)
    assert figures.found == found


# -- which names are places ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "context", "places"),
    [
        # a GeoNames point of a city district is the city (the gazetteer marks district points)
        ("Debris fell on a school in Obolon overnight.", "UA", [("Obolon", "Kyiv")]),
        ("Reddingswerkers zoeken in Darnytsia naar overlevenden.", "UA", [("Darnytsia", "Kyiv")]),
        # ... and so is a point named after one of a city's districts, which the data did not mark
        ("Een drone trof een flat in Sykhiv.", "UA", [("Sykhiv", "Lviv")]),
        # streets, squares and parks lie in the town the sentence names
        ("In Leiden waaiden bij de Morsweg bomen om.", "NL", [("Leiden", "Leiden")]),
        ("Een raket sloeg in bij het Tarasovpark.", "UA", []),
        # a town's name after a bare article is a river or another feature, not the town
        ("Een ponton zonk in de Dnjepr.", "UA", []),
        ("Soldiers crossed the Dnipro at night.", "UA", []),
        ("Fighting raged along the Pokrovsk front.", "UA", [("Pokrovsk", "Pokrovsk")]),  # the town qualifies a noun
        ("Een raket trof het Russische Brjansk.", "RU", [("Brjansk", "Bryansk")]),  # an adjective between
        # institutions and waters whose name GeoNames also has as a town
        ("A rocket hit the State University campus.", "UA", []),
        ("Leaders met at an African Union meeting in Kampala.", "UG", [("Kampala", "Kampala")]),
        ("Aid for the army is held up in Congress.", "US", []),
        ("Het vrachtschip zonk in de Bay of Biscay.", "FR", []),
        ("Protesters gathered outside the White House.", "US", []),
        ("Het water stroomde de Dnjepr af naar zee.", "UA", []),  # a particle after the river, not a noun
        # an object placed in the settlement after it: the settlement is the place
        ("Inspecteurs kwamen aan bij de kerncentrale van Zaporizja, in de bezette stad Enerhodar.", "UA",
         [("Enerhodar", "Enerhodar")]),
        # "Congo" is the DRC (AP style), the Republic of Congo is named so
        ("Een veerboot kapseisde in het oosten van Congo.", None, [("oosten van Congo",
                                                                    "Democratic Republic of the Congo")]),
        ("Floods left thousands homeless in the Republic of Congo.", None,
         [("Republic of Congo", "Republic of the Congo")]),
        # a direction after the area a place lies in, and the outskirts of a city, only locate the place
        ("A helicopter came down near the village of Xaltrevo in the Tver region, north-west of Moscow.", "RU",
         [("Xaltrevo", None)]),
        ("A tree fell on a car in Lisburn, on the outskirts of Belfast.", "GB", [("Lisburn", "Lisburn")]),
        # a Dutch compound of a mountain range or sea
        ("Een aardbeving trof dorpen in het Pamirgebergte.", "TJ", []),
        ("Een tanker brandt in de Oostzee.", "SE", []),
        # a comma closes a region noun's phrase: the name after it is no region
        ("The governor of the Oryol region, Andrei Klychkov, said drones were shot down.", "RU",
         [("Oryol region", "Oryol oblast")]),
        # a state beats a village abroad and a hamlet at home that only has its name as another name
        ("Talks were held in Alaska.", "US", [("Alaska", "Alaska")]),
    ],
)
def test_which_names_are_places(finder: PlaceFinder, sentence: str, context: str, places) -> None:
    assert _places(finder, sentence, context) == places


@pytest.mark.parametrize(
    ("sentence", "context", "cues"),
    [
        ("A blast hit a plant about 40km from Pune.", "IN", [("Pune", "distance")]),
        ("Trucks are stuck on the road to Mendi.", "PG", [("Mendi", "distance")]),
        # across from a place: the place only says where the other is
        ("In Bahri, aan de overkant van de rivier tegenover Khartoem, vielen granaten.", "SD",
         [("Bahri", "in"), ("Khartoem", "distance")]),
        ("Shells hit Marhanets, across the river from Enerhodar.", "UA",
         [("Marhanets", "verb"), ("Enerhodar", "distance")]),
    ],
)
def test_a_point_of_reference(finder: PlaceFinder, sentence: str, context: str, cues) -> None:
    found = finder.mentions(split_sentences(sentence)[0], context)
    assert [(m.written, m.cue) for m in found] == cues


@pytest.mark.parametrize(
    ("sentence", "context", "places"),
    [
        # a village located by a town is the village; unknown, it keeps its name without coordinates
        ("Drones struck the hamlet of Zarichnivka near Kupiansk.", "UA", [("Zarichnivka", None)]),
        ("Het dorp Kleinveldje bij Izjoem werd beschoten.", "UA", [("Kleinveldje", None)]),
        ("Mortars hit Prytulyne, a village west of Donetsk.", "UA", [("Prytulyne", None)]),
        # a known village near the town that locates it keeps its point; the town is only the reference
        ("Shelling hit Bilozerka, near Kherson.", "UA", [("Bilozerka", "Bilozerka")]),
        # an object named after one place and located at another is at the other
        ("Een drone trof de kerncentrale van Zaporizja bij Enerhodar.", "UA", [("Enerhodar", "Enerhodar")]),
        # a second-level unit the gazetteer does not hold, named as one, is the place; an unknown first-level
        # region is too coarse
        ("Een storm rukte daken los in het departement Haute-Vienne.", "FR", [("Haute-Vienne", None)]),
        ("De hele regio Groot-Zandland is in handen van de rebellen.", "SD", []),
        # a coastal zone named as one, located by a town
        ("Raketten troffen de kustzone Zandvlakte, ten westen van Khan Younis.", "PS", [("Zandvlakte", None)]),
        # where help came from is not where it happened
        ("Blusvliegtuigen uit Spanje hielpen de brandweer in Porto.", "PT", [("Porto", "Porto")]),
        ("Helicopters from Greece and Italy dropped water on the fire near Antalya.", "TR", [("Antalya", "Antalya")]),
        # a big place after a preposition of a party, with no locative cue, is an actor
        ("Shelling hit Kharkiv, raising the stakes for Kyiv.", "UA", [("Kharkiv", "Kharkiv")]),
        ("De onderhandelaars spraken urenlang met Moskou.", "RU", []),
        # a border crossing is a point named after its place, not the border
        ("A drone struck a lorry near the Kharrub border crossing.", "LB", [("Kharrub", None)]),
        ("Gunfire was heard near the Lebanese border.", "IL", []),
        # the edge of a place, as a Dutch compound, locates at the place
        ("Er werd gevochten aan de noordrand van Bachmoet.", "UA", [("de noordrand van Bachmoet", "Bakhmut")]),
        # a storm that moved over a territory: through it, a location even for a country
        ("De orkaan trok over Jamaica en liet een spoor van vernieling achter.", "JM", [("Jamaica", "Jamaica")]),
        # where a person comes from reads the same with the place's qualifier between
        ("Een gezin uit de Poolse provincie Silezië kwam om bij het ongeluk in Tirol.", "AT", [("Tirol", "Tirol")]),
        # a name whose last word says it is a place, past a possessive: unknown, still a named place
        ("Storm surges swamped houses on Saint Brendan's Island.", "IE", [("Saint Brendan's Island", None)]),
        # people named after a place they held: who they are, not where it happened
        ("Bij de ruil kwamen ook veteranen van Avdijivka vrij.", "UA", []),
        # an object the gazetteer knows to lie in another town than the one it is named after is there
        ("Artillerie trof opnieuw de kerncentrale van Zaporizja.", "UA", [("Zaporizja", "Enerhodar")]),
        ("Drones struck the railway station of Kramatorsk.", "UA", [("Kramatorsk", "Kramatorsk")]),
    ],
)
def test_a_village_located_by_a_town_is_the_village(finder: PlaceFinder, sentence: str, context: str,
                                                    places) -> None:
    assert _places(finder, sentence, context) == places


@pytest.mark.parametrize(
    ("sentence", "context", "category", "places"),
    [
        # where the fled went or were received is where they arrived; where they fled from is the place
        ("Duizenden inwoners zijn uit Kadugli gevlucht, richting Dilling.", "SD", "evacuation", ["Kadugli"]),
        ("Most of them found shelter in Gonaïves, a port further north.", "HT", "evacuation", []),
        ("Families from Kharkiv were housed in Poltava.", "UA", "evacuation", ["Kharkiv"]),
        ("Een groep inwoners vond toevlucht in Zaporizja.", "UA", "evacuation", []),
        ("De gewonden werden vanuit Marioepol naar Dnipro overgebracht.", "UA", "attack", []),
        # fleeing to a place, with nowhere named they left: where the fleeing was seen
        ("Thousands fled to Pemba.", "MZ", "evacuation", ["Pemba"]),
        # a visit's destination is the visit's place
        ("The minister flew to Kyiv.", "UA", "diplomacy", ["Kyiv"]),
    ],
)
def test_where_people_went_is_not_the_event_place(finder: PlaceFinder, sentence: str, context: str,
                                                  category: str, places: list[str]) -> None:
    parsed = split_sentences(sentence)[0]
    kept = event_mentions(parsed, finder.locations(parsed, context), category)
    assert [m.name for m in kept] == places


@pytest.mark.parametrize(
    ("name", "context", "expected", "kind"),
    [
        ("Alaska", "US", "Alaska", "region"),  # not Fort Ashby, a hamlet also called so
        ("Hama", "SY", "Ḩamāh", "city"),  # a big city under its other name still beats its governorate
        ("Donetsk", "UA", "Donetsk", "city"),  # a city of the region's own name at home beats the region
        ("Florida", "US", "Florida", "region"),  # ... unless it is a village (Florida, New York)
        ("Zeeland", "NL", "Zeeland", "region"),  # not the village in Brabant
        ("Kherson", "UA", "Kherson", "city"),  # an oblast fifteen times its city (in GeoNames) keeps the city
    ],
)
def test_a_region_and_its_namesake_towns(name: str, context: str, expected: str, kind: str) -> None:
    place = load_gazetteer().resolve(name, context).place
    assert (place.name, place.kind) == (expected, kind)


# -- unknown names the text calls a place, and the area they lie in --------------------------------------

@pytest.mark.parametrize(
    ("sentence", "context", "places"),
    [
        # the noun after an unknown name says it is a settlement or a place-named object
        ("Floods swept away houses on Kawaragi village overnight.", "PG", [("Kawaragi", None)]),
        ("Militias seized Bunyakiri airport on Monday.", "CD", [("Bunyakiri", None)]),
        ("Bunyakiri airport was shelled.", "CD", [("Bunyakiri", None)]),
        # ... or the place-named object before it, after an article
        ("Een raket sloeg in bij de grensovergang Qorvandi.", "LB", [("Qorvandi", None)]),
        ("De trein ontspoorde bij het station Tolmara Halt.", "IN", [("Tolmara Halt", None)]),
        # a demonym after an article is an adjective, not a name
        ("Drones struck the Crimean bridge again.", "UA", []),
        ("Gangs raided Haitian town of Hinche.", "HT", [("Hinche", "Hinche")]),
        # the district or province named after its seat is where the settlement lies, not a second place
        ("De trein ontspoorde bij het station Tolmara Halt in het district Balasore.", "IN", [("Tolmara Halt", None)]),
        ("Gunmen raided the village of Qorvandi in Kaduna district.", "NG", [("Qorvandi", None)]),
        # a possessive that belongs to the name
        ("Thousands were evacuated from the district of Cox's Bazar.", "BD", [("Cox's Bazar", "Cox’s Bāzār")]),
        # a place a possessor contains takes the possessor's cue; one outside it is a namesake
        ("An airstrike hit a school in the Gaza Strip's Bureij camp.", "PS", [("Bureij", "Al Burayj")]),
        ("Drones hit Kyiv's Boryspil airport.", "UA", [("Boryspil", "Boryspil")]),
        ("Shells fell in Russia's Bryansk region.", "RU", [("Bryansk region", "Bryansk Oblast")]),
        ("Floods hit Oregon's Big Bend area.", "US", []),  # the Big Bend the gazetteer has is in Wisconsin
        # a part of a possessive place is at that place; other possessions are not
        ("Jets pounded Tyre's southern suburbs.", "LB", [("Tyre", "Tyre")]),
        ("Shells hit Mykolaiv's port.", "UA", [("Mykolaiv", "Mykolaiv")]),
        ("Kharkiv's mayor condemned the strike.", "UA", []),
        # a list is a list even when its first member needed no cue
        ("The barrage reached the west, hitting Lviv, Rivne and Ternopil.", "UA",
         [("Lviv", "Lviv"), ("Rivne", "Rivne"), ("Ternopil", "Ternopil")]),
        # a border named after a place is no place; a kibbutz is a settlement
        ("Gunmen entered kibbutz Nir Oz near the Gaza border.", "IL", [("Nir Oz", None)]),
        # a district of a region or country is an area, not a part of a city
        ("Mudslides buried homes in Idukki district of Kerala.", "IN", [("Idukki", "Idukki")]),
        # a gathering named after its host city is in that city
        ("Ministers clashed at the Munich Security Conference.", "DE", [("Munich Security Conference", "Munich")]),
        ("A protester was arrested at the Paris Olympics village.", "FR", [("Paris Olympics", "Paris")]),
        # what was captured: "de verovering van X", "the fall of X"
        ("Moskou claimde de verovering van Velyka Novosilka.", "UA", [("Velyka Novosilka", "Velyka Novosilka")]),
        ("Analysts expect the fall of Siversk within weeks.", "UA", [("Siversk", "Siversk")]),
        # a town that fell
        ("Soledar fell after weeks of fighting.", "UA", [("Soledar", "Soledar")]),
        # the parts of a city, plural, locate the city
        ("Het leger beval bewoners van de oostelijke wijken van Khan Younis te vertrekken.", "PS",
         [("wijken van Khan Younis", "Khān Yūnis")]),
        # a city's Dutch name with "-stad" is no hyphenated adjective ("Russian-occupied")
        ("Gijzelaars werden in Gaza-stad vrijgelaten.", "PS", [("Gaza-stad", "Gaza")]),
        ("The Russian-occupied city of Enerhodar was shelled.", "UA", [("Enerhodar", "Enerhodar")]),
        # an exonym of a Gaza town
        ("In Zawaida kwamen vannacht vijf mensen om.", "PS", [("Zawaida", "Az Zuwāydah")]),
    ],
)
def test_unknown_names_the_text_calls_a_place(finder: PlaceFinder, sentence: str, context: str, places) -> None:
    assert _places(finder, sentence, context) == places


@pytest.mark.parametrize(
    ("name", "city"),
    [
        ("Sykhiv", "Lviv"),  # the Sykhivskyi district
        ("Peresyp", "Odesa"),  # the Peresypskyi district
        ("Lviv", None),  # a city is not its own district
        ("Irpin", None),  # a town beside Kyiv is not one of its districts
    ],
)
def test_a_point_named_after_a_city_district(name: str, city: str | None) -> None:
    gazetteer = load_gazetteer()
    row = gazetteer.resolve(name, "UA").row
    found = gazetteer.city_of_a_district_named(row)
    assert (gazetteer.name(found) if found is not None else None) == city
