"""Where events happened, round 10 (issue 11, tuned on tuning14, tuning17 and tuning18): a specification.

Each table is input → expected output. The sentences are invented for these rules, not taken from
any tuning or held-out text; the rules are about classes of wording, not about the places named.
"""

from __future__ import annotations

import pytest

from mapapp.extract import PlaceFinder, document_from_text, extract_events, split_sentences
from mapapp.extract.places.mention import PlaceMention
from mapapp.extract.places.storycountry import main_country, scene_weight
from mapapp.gazetteer import Place, load_gazetteer


def _locations(finder: PlaceFinder, sentence: str, context: str | None = None) -> list[tuple[str, str]]:
    """(name, cue) of every name the sentence uses as a location, before the event's place is chosen."""
    return [(m.name, m.cue) for m in finder.locations(split_sentences(sentence)[0], context)]


def _event_places(finder: PlaceFinder, text: str) -> list[str]:
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    return rows["place"].tolist()


# -- a dateline is where the report was filed, with the country and day the wires add -------------------------

@pytest.mark.parametrize(
    ("text", "places"),
    [
        # the agency dateline with the country after a comma: the capital is only where it was filed
        (" date 2025-03-04 Storm\n\nMANILA, Philippines (AP) — A landslide buried the village of Talubig on "
         "Monday, killing four people.", ["Talubig"]),
        # with the day instead of the country
        (" date 2025-03-04 Storm\n\nNAIROBI, March 3 (Reuters) - Floods swept through Garissa on Monday, "
         "killing six people.", ["Garissa"]),
        # both
        (" date 2025-03-04 Storm\n\nLIMA, Peru, March 3 (Reuters) - A bus crashed near Cusco on Monday, "
         "killing nine people.", ["Cusco"]),
        # the plain forms that already were datelines stay so
        (" date 2025-03-04 Storm\n\nBANGKOK (AP) - A fire destroyed a market in Chiang Mai on Monday.",
         ["Chiang Mai"]),
    ],
)
def test_a_dateline_names_where_the_report_was_filed(finder: PlaceFinder, text: str, places: list[str]) -> None:
    assert _event_places(finder, text) == places


@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        # a capitalised sentence opening that is no dateline keeps its place
        ("NATO jets struck depots in Sirte on Monday.", [("Sirte", "in")]),
    ],
)
def test_a_sentence_opening_in_capitals_is_no_dateline(finder: PlaceFinder, sentence: str,
                                                       located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


# -- a distance written in words makes a point of reference, as one in digits does ------------------------------

@pytest.mark.parametrize(
    ("sentence", "reference"),
    [
        ("Het kamp, zo'n dertig kilometer ten noorden van Kassala, werd zaterdag beschoten.", "Kassala"),
        ("Het kamp, zo'n 30 kilometer ten noorden van Kassala, werd zaterdag beschoten.", "Kassala"),
        ("De boerderij, op vijfentwintig kilometer van Poltava, brandde af.", "Poltava"),
        ("The depot, some fifteen miles south of Kherson, was hit overnight.", "Kherson"),
        ("The depot, about twenty-five kilometres south-west of Kherson, was hit overnight.", "Kherson"),
        ("The depot, a few kilometres west of Kherson, was hit overnight.", "Kherson"),
        # a metric conversion in brackets after the miles
        ("The camp, about 12 miles (19km) east of the port city of Mombasa, was flooded.", "Mombasa"),
    ],
)
def test_a_distance_in_words_is_a_point_of_reference(finder: PlaceFinder, sentence: str, reference: str) -> None:
    assert (reference, "distance") in _locations(finder, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Twee raketten troffen vijftig huizen in Poltava.",  # a number word, but no distance
        "Fifteen miles of road were flooded in Poltava.",  # a length, not a distance from the place
    ],
)
def test_a_number_word_without_a_distance_keeps_the_place(finder: PlaceFinder, sentence: str) -> None:
    assert [cue for name, cue in _locations(finder, sentence) if name == "Poltava"] == ["in"]


# -- the settlement an apposition names after a weak cue ------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        # "at" alone is too weak for an unknown name; the apposition calling it a town is not
        ("The worst losses came at Qorvandi, a remote town near the border.", [("Qorvandi", "named_settlement")]),
        ("De klap viel op Qorvandi, een afgelegen dorp aan de grens.", [("Qorvandi", "named_settlement")]),
        # without the apposition an unknown name after "at" stays no place (a person, a firm, a time)
        ("The worst losses came at Qorvandi on Friday.", []),
    ],
)
def test_an_apposition_makes_a_weakly_cued_unknown_name_a_settlement(finder: PlaceFinder, sentence: str,
                                                                      located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


# -- a region word asks for the region, also under a respelled name -------------------------------------------

@pytest.mark.parametrize(
    ("written", "name", "kind"),
    [
        ("regio Nizjni Novgorod", "Nizhny Novgorod Oblast", "region"),  # a Dutch respelling of the seat's name
        ("Nizjni Novgorod region", "Nizhny Novgorod Oblast", "region"),
        ("Nizjni Novgorod", "Nizhniy Novgorod", "city"),  # without the word: the city
        ("regio Rjazan", "Ryazan Oblast", "region"),  # an alias: as before
    ],
)
def test_a_region_word_before_a_respelled_name_gives_the_region(written: str, name: str, kind: str) -> None:
    place = load_gazetteer().resolve(written, context="RU").place
    assert (place.name, place.kind) == (name, kind)


# -- who was behind a happening is no place of it -------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        ("Een bron bevestigde dat Moskou achter de aanslag op het depot zat.", []),
        ("Officials said Minsk was behind the sabotage of the rail line near Lviv.", [("Lviv", "near")]),
        ("Kyiv is responsible for the blast, the ministry said.", []),
        # a place with its own cue before "behind" keeps it
        ("Troops in Bakhmut behind the lines were shelled.", [("Bakhmut", "in")]),
    ],
)
def test_who_was_behind_a_happening_is_not_its_place(finder: PlaceFinder, sentence: str,
                                                     located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


# -- a place's name used for an object that lies elsewhere ----------------------------------------------------

def _event_names(finder: PlaceFinder, sentence: str) -> list[str]:
    return [m.name for m in finder.mentions(split_sentences(sentence)[0], None)]


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("Shelling damaged the Kursk nuclear power plant in Kurchatov on Friday.", ["Kurchatov"]),
        ("Drones struck the Saky air base near Novofedorivka overnight.", ["Novofedorivka"]),
        ("Een brand legde de Kherson-raffinaderij bij Mykolaiv stil.", ["Mykolaiv"]),
        # the object without a second town keeps the name it carries, and so does one placed only in its country
        ("Drones hit the Kharkiv thermal power plant on Friday.", ["Kharkiv"]),
        ("Drones hit the Kharkiv power plant in Ukraine on Friday.", ["Kharkiv"]),
        # a place the gazetteer lacks locates the object too
        ("A blast hit the Kharkiv mine in Qorvandi on Wednesday.", ["Qorvandi"]),
        # a town located near another town is a different rule (the village is the place)
        ("Shelling hit Kurchatov near Kursk on Friday.", ["Kurchatov"]),
    ],
)
def test_a_name_that_only_names_an_object_located_at_a_town_gives_way(finder: PlaceFinder, sentence: str,
                                                                        places: list[str]) -> None:
    assert _event_names(finder, sentence) == places


# -- unknown names the text names by a port, an area or a base ------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        ("Jets struck the rebel-held port of Qorvandi overnight.", [("Qorvandi", "named_settlement")]),
        ("Police clashed with gunmen in the nearby area of Qorvandi.", [("Qorvandi", "named_settlement")]),
        ("Het leger rukte op in het gebied van Qorvandi.", [("Qorvandi", "named_settlement")]),
        ("Ministers met at Qorvandi air base on Monday.", [("Qorvandi", "named_settlement")]),
        # an unknown name after a plain "the province of" stays a region word's business, not a settlement
        ("Ministers met at Qorvandi on Monday.", []),
    ],
)
def test_an_unknown_name_named_by_its_port_area_or_base_is_a_place(finder: PlaceFinder, sentence: str,
                                                                    located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


# -- a sentence's opening is no apposition; a rough opening gives way to the finer place ----------------------

@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # "near X," at the start only says roughly where; the town the main clause names is where
        ("Near Kharkiv, a fire broke out on Monday near Lyptsi, forcing people out.", ["Lyptsi"]),
        ("Bij Charkiv brak maandag brand uit in Lyptsi.", ["Lyptsi"]),
        # an opening "In X," is the place when the sentence names nothing finer
        ("In Kharkiv, a fire broke out on Monday.", ["Kharkiv"]),
        # an opening followed by an apposition that says what it is: the apposition locates it
        ("In Lyptsi, a village north of Kharkiv, a fire broke out on Monday.", ["Lyptsi"]),
    ],
)
def test_a_rough_opening_gives_way_to_the_finer_place(finder: PlaceFinder, sentence: str, places: list[str]) -> None:
    assert _event_names(finder, sentence) == places


# -- a Dutch separable verb's particle before an apposition ---------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # "namen X in, een stadje ...": the particle stands between the name and what the text calls it
        ("De rebellen namen vorige week Lyptsi in, een dorp zo'n twintig kilometer ten noorden van Charkiv.",
         ["Lyptsi"]),
        ("Troepen vielen Qorvandi aan, een dorp ten zuiden van Charkiv.", ["Qorvandi"]),
        # an apposition that goes on with "some"/"zo'n" and a distance
        ("Shells hit Lyptsi, a village some 20 km north of Kharkiv.", ["Lyptsi"]),
    ],
)
def test_a_particle_does_not_hide_the_apposition(finder: PlaceFinder, sentence: str, places: list[str]) -> None:
    assert _event_names(finder, sentence) == places


def test_a_rough_opening_over_a_list_keeps_the_list(finder: PlaceFinder) -> None:
    assert _event_names(finder, "Near Kharkiv and Izium, fighting went on all day.") == ["Kharkiv", "Izium"]


# -- a long apposition that says what the place is locates it by the places inside it -------------------------

@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("Gunmen raided Lyptsi, a farming village of narrow lanes that was long thought one of the safest places "
         "near Kharkiv.", ["Lyptsi"]),
        # without an article the apposition must stay short
        ("Gunmen raided Lyptsi, then moved on through the fields and the woods for hours until they reached "
         "the outskirts near Kharkiv.", ["Lyptsi", "Kharkiv"]),
    ],
)
def test_a_long_apposition_with_an_article_locates_the_place_before_it(finder: PlaceFinder, sentence: str,
                                                                       places: list[str]) -> None:
    assert _event_names(finder, sentence) == places


# -- with a context, a hamlet on another continent is no answer -----------------------------------------------

@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("Siberia", "RU", None),  # a region the gazetteer lacks, not a hamlet of 954 people in Chiapas
        ("Siberia", None, "Siberia"),  # without a context nothing says the text is elsewhere
        ("Davos", "UA", "Davos"),  # a real town far away still answers
        ("Kitzbühel", "DE", "Kitzbühel"),  # a small town near the context's country still answers
    ],
)
def test_a_far_hamlet_is_no_answer_in_a_text_about_another_continent(name: str, context: str | None,
                                                                      expected: str | None) -> None:
    place = load_gazetteer().resolve(name, context=context).place
    assert (place.name if place is not None else None) == expected


# -- the story's country: its scenes vote, not the countries it talks about -----------------------------------

def _story_country(finder: PlaceFinder, text: str) -> str | None:
    return main_country(finder, split_sentences(text))


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a liveblog about strikes in Ukraine that mentions a summit in America and a trip to Miami: Ukraine
        ("Poetin overweegt naar de top in de Verenigde Staten te gaan. De gezant vliegt later door naar Miami. "
         "In Dnipro is vannacht een fabriek getroffen. De haven van Odessa is opnieuw bestookt.", "UA"),
        # a village told with the town that locates it: the town votes too
        ("Bij het dorp Mika, in de buurt van Garwolin, werd een stuk rails weggeslagen. Bij Puławy was al een "
         "bovenleiding vernield.", "PL"),
        # a story about Texas stays about Texas
        ("A gunman opened fire in Odessa on Saturday. Police in Midland and in Lubbock were on alert.", "US"),
        ("Nothing here names a place.", None),
    ],
)
def test_the_story_country_is_where_its_scenes_are(finder: PlaceFinder, text: str, country: str | None) -> None:
    assert _story_country(finder, text) == country


@pytest.mark.parametrize(
    ("kind", "cue", "weight"),
    [
        ("city", "in", 2),  # a town with a cue: a scene
        ("city", "", 1),  # a bare town: as often an actor
        ("country", "in", 1),  # a country: as often the topic
        ("region", "in", 1),
    ],
)
def test_a_scene_weighs_more_than_a_named_area(kind: str, cue: str, weight: int) -> None:
    place = Place("X", 0.0, 0.0, "UA", "", kind, 1000, 0)
    assert scene_weight(PlaceMention("X", "X", 0, 1, place, kind, cue)) == weight


# -- the hospital where the hurt died, lie or were taken is not where they were hurt -------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        ("Een gewonde man is later overleden in een ziekenhuis in Poltava.", []),
        ("Two of the injured are being treated at a clinic in Poltava.", []),
        ("The wounded were flown to a hospital in the city of Poltava.", []),
        ("Shelling killed two people in Kupiansk; a third died in hospital in Poltava.", [("Kupiansk", "in")]),
        # a hospital that was itself hit is the place
        ("A missile hit a hospital in Poltava on Monday.", [("Poltava", "in")]),
        ("Een raket trof een ziekenhuis in Poltava.", [("Poltava", "in")]),
    ],
)
def test_where_the_hurt_lie_is_not_where_they_were_hurt(finder: PlaceFinder, sentence: str,
                                                        located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


# -- a second-level unit the gazetteer lacks, named with its unit word ----------------------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        ("A coal mine collapsed in Qorvanda League on Wednesday.", [("Qorvanda League", "named_settlement")]),
        ("Floods swept through villages in Qorvanda District overnight.", [("Qorvanda District", "named_settlement")]),
        ("Gunmen attacked a checkpoint in Qorvanda Governorate.", [("Qorvanda Governorate", "named_settlement")]),
        # an unknown two-word name without such a word stays no place (a firm, a ship, a person)
        ("A coal mine collapsed in Qorvanda Holdings on Wednesday.", []),
    ],
)
def test_an_unknown_unit_named_with_its_unit_word_is_a_place(finder: PlaceFinder, sentence: str,
                                                             located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


# -- a seat of power named as the building one meets in ------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        ("The two presidents held talks in the Kremlin on Monday.", [("Kremlin", "Moscow")]),
        ("Gisteren ontving de president de gezant in het Kremlin.", [("Kremlin", "Moscow")]),
        ("De ministers kwamen bijeen in het Europagebouw.", [("Europagebouw", "Brussels")]),
        # the seat as an actor or a source stays no place
        ("The Kremlin said the talks had gone well.", []),
        ("A spokesman for the Kremlin denied it.", []),
    ],
)
def test_a_seat_named_as_a_building_is_in_its_town(finder: PlaceFinder, sentence: str,
                                                   located: list[tuple[str, str]]) -> None:
    found = finder.locations(split_sentences(sentence)[0], None)
    assert [(m.name, m.place.name) for m in found] == located


# -- a building people were taken to in a town is where they went --------------------------------------------

@pytest.mark.parametrize(
    ("text", "places"),
    [
        (" date 2026-04-11 Blokkade\n\nDe politie hield zaterdag in Utrecht tweehonderd betogers aan. Zij werden met "
         "bussen naar een sporthal in Nieuwegein gebracht.", ["Utrecht"]),
        (" date 2026-04-11 Shelling\n\nShelling hit Sloviansk on Saturday. The wounded were taken to a school in "
         "Kramatorsk.", ["Sloviansk"]),
        # a march to a square in a town is a march in that town
        (" date 2026-04-11 March\n\nProtesters marched to a square in Tbilisi on Saturday.", ["Tbilisi"]),
    ],
)
def test_a_building_people_were_taken_to_is_where_they_went(finder: PlaceFinder, text: str,
                                                            places: list[str]) -> None:
    assert _event_places(finder, text) == places


# -- a where-clause after a list tells of the list's last member ----------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # only the clause tells a happening: it is told of the last member
        ("Rescue teams have arrived in Lviv and Rivne, where a school was evacuated on Friday.", ["Rivne"]),
        ("Hulpteams zijn aangekomen in Lviv en Rivne, waar een school werd geëvacueerd.", ["Rivne"]),
        # the main clause tells one too: every member keeps it
        ("Missiles hit Lviv and Rivne, where power was cut.", ["Lviv", "Rivne"]),
    ],
)
def test_a_where_clause_after_a_list_tells_of_its_last_member(finder: PlaceFinder, sentence: str,
                                                              places: list[str]) -> None:
    assert _event_names(finder, sentence) == places


# -- the place people flee is the object of the verb of fleeing ----------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        ("By evening hundreds of families were fleeing Kupiansk on foot.", [("Kupiansk", "verb")]),
        ("Duizenden inwoners ontvluchten Cherson.", [("Cherson", "verb")]),
        ("Residents began leaving Pokrovsk as the front drew closer.", [("Pokrovsk", "verb")]),
    ],
)
def test_the_place_people_flee_is_the_object_of_fleeing(finder: PlaceFinder, sentence: str,
                                                        located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


# -- the path of a line laid through a place ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        ("The leaders agreed on a new gas pipeline through Poland.", []),
        ("Er komt een nieuwe pijpleiding door Polen.", []),
        # a road is where ambushes happen: its place stays
        ("Drones hit a convoy on the road through Izium.", [("Izium", "through")]),
    ],
)
def test_the_path_of_a_line_is_not_a_place_of_a_happening(finder: PlaceFinder, sentence: str,
                                                           located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


# -- an unknown name before "power plant" is where the plant is -----------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        ("Drones hit the Qorvanda power station overnight.", [("Qorvanda", "named_settlement")]),
        ("Jets struck the Qorvanda power plant on Sunday.", [("Qorvanda", "named_settlement")]),
        # a known town keeps its own reading
        ("Drones hit the Kharkiv power station overnight.", [("Kharkiv", "verb")]),
    ],
)
def test_an_unknown_name_before_a_power_plant_is_its_place(finder: PlaceFinder, sentence: str,
                                                          located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


# -- an object named after a place that goes on a list after "and the" ----------------------------------------

@pytest.mark.parametrize(
    ("sentence", "located"),
    [
        ("Jets struck the port of Qorvanda and the Belvanta power plant on Sunday.",
         [("Qorvanda", "named_settlement"), ("Belvanta", "named_settlement")]),
        # a bare area after "and the" does not join the list
        ("The storm tore through the village of Qorvanda and the Belvantas.", [("Qorvanda", "named_settlement")]),
    ],
)
def test_an_object_after_and_the_continues_the_list(finder: PlaceFinder, sentence: str,
                                                    located: list[tuple[str, str]]) -> None:
    assert _locations(finder, sentence) == located


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # a second clause with a place of its own is a second happening: the opening keeps its own
        ("Bij Pokrovsk werd hevig gevochten; ook in Myrnohrad vielen doden.", ["Pokrovsk", "Myrnohrad"]),
        ("Near Kharkiv, shelling went on all night, and in Izium two people died.", ["Kharkiv", "Izium"]),
    ],
)
def test_a_rough_opening_keeps_its_place_when_a_second_clause_tells_another(finder: PlaceFinder, sentence: str,
                                                                             places: list[str]) -> None:
    assert _event_names(finder, sentence) == places
