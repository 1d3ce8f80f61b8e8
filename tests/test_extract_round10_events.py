"""Round 10 (issue 11): which sentences tell no event, with which date and which toll, as a specification.

Every sentence is invented for this file; none is copied from a tuning text.
"""

from __future__ import annotations

import pytest

from mapapp.dates import DateMention, find_dates, parse_publication_date
from mapapp.extract import PlaceFinder, categorize, document_from_text, extract_events
from mapapp.extract.documents import Sentence
from mapapp.extract.notevents import after, told_as_plan
from mapapp.extract.story import trailing_telling_date
from mapapp.extract.unreal import (
    not_told_as_fact,
    told_as_an_earlier_round,
    told_as_condition,
    told_as_habit,
    told_as_possible,
    told_as_thought,
)
from mapapp.numbers import find_casualties


def _places(finder: PlaceFinder, text: str) -> list[str]:
    events = extract_events(document_from_text(text, "t.txt"), finder=finder)
    return [r.location for r in events.itertuples()]


@pytest.mark.parametrize(
    ("sentence", "possible"),
    [
        ("The navy could widen its blockade of the northern ports at any moment.", True),
        ("De rebellen kunnen de luchthaven binnen dagen innemen.", True),
        ("Commanders say the brigade will be pulled back to a second line.", True),
        ("De milities zullen proberen de stad af te snijden.", True),
        ("Wie naar de haven wil, moet door een gebied waar gevochten wordt.", True),
        ("Rusland wil de hele regio veroveren.", True),
        ("The minister said the army could not protect convoys travelling to the border.", True),
        # perceiving is no possibility: the explosions were heard
        ("Villagers could hear explosions across the valley.", False),
        # a happening told before the modal is told
        ("A drone struck the depot and firefighters could not reach it for hours.", False),
        # "May" is the month
        ("In May, the rebels captured the airport.", False),
    ],
)
def test_a_modal_before_the_happening_tells_none(sentence: str, possible: bool) -> None:
    assert told_as_possible(sentence) is possible


@pytest.mark.parametrize(
    ("sentence", "thought"),
    [
        ("Shopkeepers hope for fewer air raids now that the new radar is running.", True),
        ("De boeren hopen op minder blokkades.", True),
        ("Zij denkt dat het leger de stad wil omsingelen.", True),
        ("In de hoofdstad twijfelen commentatoren of de gesprekken doorgaan.", True),
        ("The cell had allegedly planned a bomb attack on the parliament.", True),
        ("De bemiddelaars verwachten weinig van de onderhandelingen.", True),
        ("The storm flattened the harbour, and residents hope to rebuild.", False),
    ],
)
def test_a_hope_a_belief_or_a_plot_tells_none(sentence: str, thought: bool) -> None:
    assert told_as_thought(sentence) is thought


@pytest.mark.parametrize(
    ("sentence", "condition"),
    [
        ("If the dam gives way, the lower town will be flooded.", True),
        ('"Als de haven valt, is het hele gebied verloren", zegt een analist.', True),
        ("Mocht het bestand mislukken, dan volgen nieuwe aanvallen.", True),
        ("Als vergelding bestookte het leger de grensposten.", False),  # "als" is also "as"
        ("Als gevolg van de storm vielen bomen om.", False),
    ],
)
def test_a_condition_tells_what_would_happen(sentence: str, condition: bool) -> None:
    assert told_as_condition(sentence) is condition


@pytest.mark.parametrize(
    ("sentence", "habit"),
    [
        ("Ferry disasters are sadly common on the river, where boats sail overloaded.", True),
        ("Aardverschuivingen komen in de bergdorpen vaak voor.", True),
        ("Stroomstoringen zijn in de stad aan de orde van de dag.", True),
        ("A ferry capsized on the river.", False),
    ],
)
def test_a_habit_is_no_happening(sentence: str, habit: bool) -> None:
    assert told_as_habit(sentence) is habit


@pytest.mark.parametrize(
    ("sentence", "earlier"),
    [
        ("Eerdere gesprekken in de hoofdstad liepen vast.", True),
        ("Previous rounds of talks collapsed within hours.", True),
        ("Earlier, the talks had collapsed.", False),  # "Earlier," goes on with the story's day
        ("The talks collapsed.", False),
    ],
)
def test_an_undated_earlier_round_is_background(sentence: str, earlier: bool) -> None:
    assert told_as_an_earlier_round(sentence) is earlier


@pytest.mark.parametrize(
    ("sentence", "unreal"),
    [
        ("The army could shell the bridge again.", True),
        ("Shelling is common along the river.", True),
        ("The army shelled the bridge.", False),
    ],
)
def test_not_told_as_fact_joins_the_rules(sentence: str, unreal: bool) -> None:
    assert not_told_as_fact(sentence) is unreal


@pytest.mark.parametrize(
    ("sentence", "plan"),
    [
        ("De vakbonden dreigen met een blokkade van de haven.", True),
        ("Reizigers wordt aangeraden de route over de bergpas te nemen.", True),
        ("Motorists are advised to avoid the flooded coast road.", True),
    ],
)
def test_threats_and_advice_are_plans(sentence: str, plan: bool) -> None:
    assert told_as_plan(sentence) is plan


@pytest.mark.parametrize(
    ("text", "to_come"),
    [
        ("De ministers vergaderen volgende week opnieuw.", True),  # the publication's month, yet to come
        ("De leiders komen over drie weken weer bijeen.", True),
        ("The envoys meet again in two weeks' time.", True),
        ("Volgende week zaterdag wordt opnieuw betoogd.", True),
        ("The rally is planned for Sunday next week.", True),
        ("Vorige week zaterdag werd betoogd.", False),
    ],
)
def test_times_still_to_come(text: str, to_come: bool) -> None:
    pub = parse_publication_date("2025-03-12")
    dates = find_dates(text, pub)
    assert dates and all(after(d, "2025-03-12") for d in dates) is to_come


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The town still remembers the 2011 flood, in which forty people drowned.", "2011"),
        ("The blaze was the worst since the 2011 flood.", None),  # a measure, not a date of the sentence
    ],
)
def test_a_year_before_a_noun_dates_a_past_happening(text: str, year: str | None) -> None:
    dates = find_dates(text, parse_publication_date("2024-05-02"))
    assert [d.event_date for d in dates] == ([year] if year else [])


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a speaker's seat is no place of a statement
        (" date 2024-05-10 Title\n\nThe prime minister said on Thursday in Rome that the ceasefire was fragile.", []),
        (" date 2024-05-10 Title\n\nDe minister noemde de beschieting donderdag in Rome onaanvaardbaar.", []),
        # an answer to something elsewhere, goods from elsewhere
        (" date 2024-05-10 Title\n\nDe top was een antwoord op de handelsmaatregelen in Rome.", []),
        (" date 2024-05-10 Title\n\nBoeren blokkeerden de weg uit protest tegen de invoer van graan uit Oekraïne.", []),
        # a plan for a coming day of next week
        (" date 2024-05-10 Title\n\nDe actiegroep kondigde aan dat volgende week zondag in Rome wordt betoogd.", []),
    ],
)
def test_places_that_tell_no_happening(finder: PlaceFinder, text: str, places: list[str]) -> None:
    assert _places(finder, text) == places


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        # a happening denied a few words after its denial
        ("Officials saw no sign that a new offensive was near.", None),
        ('De minister zei dat er "geen enkel teken" is dat de beschietingen stoppen.', None),
        ("Two tankers crossed the strait without being attacked.", None),
        # a denial of something else leaves the happening told
        ("No trace of the crew was found, but the storm wrecked the harbour.", "other"),
    ],
)
def test_a_denied_happening_is_none(sentence: str, category: str | None) -> None:
    assert categorize(sentence) == category


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a happening with no place of its own goes on in the one town the sentence before named
        (" date 2024-05-10 Title\n\nDe mariniers graven zich in bij Tsjornomorsk. Er wordt per straat gevochten.",
         ["Chornomorsk"]),
        # not a talk, and not when the sentence names a place of its own, even one that is no location of it
        (" date 2024-05-10 Title\n\nDe minister landde in Tsjornomorsk. Hij sprak van een historische dag.", []),
        (" date 2024-05-10 Title\n\nDe minister landde in Tsjornomorsk. Een raket kan een ramp veroorzaken, zei hij in"
         " Genève.", []),
        # a state since then is no happening
        (" date 2024-05-10 Title\n\nDe haven ligt bij Tsjornomorsk. Ze ligt sindsdien dagelijks onder vuur.", []),
    ],
)
def test_a_sentence_goes_on_with_the_scene_before(finder: PlaceFinder, text: str, places: list[str]) -> None:
    assert _places(finder, text) == places


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        # hedged figures give their number (GOLD_GUIDE, second round); vague words stay empty
        ("Bij de brand kwamen ruim veertig mensen om.", 40, None),
        ("At least nine people were killed and around 20 injured.", 9, 20),
        ("Er vielen zo'n vijftig gewonden.", None, 50),
        ("Dozens of people were hurt.", None, None),
        # a couple is two
        ("Een bejaard echtpaar dat in de kelder schuilde, kwam om het leven.", 2, None),
        ("A young couple was injured when the roof fell in.", None, 2),
        ("A couple of houses burned down.", None, None),
        # an age by decade is no count
        ("A man in his seventies was taken to hospital after the gas blast.", None, 1),
        # the hospital's town between "ziekenhuis" and "gebracht"
        ("Haar zoon werd naar het ziekenhuis in Lviv gebracht.", None, 1),
        # an explicit zero with a source between: nobody hurt is nobody killed either
        ("Gewonden vielen er volgens de brandweer niet.", 0, 0),
        # "no reports of injuries" says nothing was reported: not a zero
        ("There were no reports of injuries.", None, None),
    ],
)
def test_casualty_figures(sentence: str, killed: int | None, injured: int | None) -> None:
    found = find_casualties(sentence)
    assert (found.killed, found.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("A half-built hotel caved in on Friday.", "other"),
        ("The wall of the quarry gave way after the rain.", "other"),
        # a population is no flight told; people displaced are
        ("Aid reached the camps for displaced people in the north.", None),
        ("Thousands of people were displaced by the floods.", "evacuation"),
    ],
)
def test_round10_triggers(sentence: str, category: str | None) -> None:
    assert categorize(sentence) == category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hours after the happening just told: its day
        ("A jet struck the market about two hours after the quake.", ["2025-03-28"]),
        ("Enkele uren na de aanval vielen opnieuw granaten.", ["2025-03-28"]),
        # "last August": the August before
        ("The raid began last August.", ["2024-08"]),
        # a day a happening is announced for is the coming one; a possessive day is one told
        ("De bond heeft voor woensdag een staking aangekondigd.", ["2025-04-02"]),
        ("Kyiv called it revenge for Monday's strike.", ["2025-03-31"]),
    ],
)
def test_round10_dates(text: str, expected: list[str]) -> None:
    anchor = DateMention(0, 0, "Friday", "2025-03-28", "day", "weekday:friday")
    dates = find_dates(text, parse_publication_date("2025-04-01"), 0, anchor)
    assert [d.event_date for d in dates] == expected


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # where a speaker spoke from, whatever the category of the sentence
        (" date 2024-05-10 Title\n\nA nurse who spoke to the BBC from Rome said talks had stalled.", []),
        # a tally over a named year is no happening
        (" date 2025-02-10 Title\n\nA report in January counted 900 people killed in Rome in 2024.", []),
    ],
)
def test_round10_no_event_places(finder: PlaceFinder, text: str, places: list[str]) -> None:
    assert _places(finder, text) == places


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Een bus is bij een overweg tegen een vrachtwagen gebotst.", "other"),
        ("A lorry rammed a tram near the depot.", "other"),
        ("Officials said the army had retaken the hill town.", "fighting"),
        ("Trade envoys met in the port city and agreed on a tariff truce.", "diplomacy"),
        ("The envoy flew to the capital, where he met the president.", "diplomacy"),
        ("De premier legde een krans bij het monument.", "diplomacy"),
        ("Hij kwam met zijn vrouw.", None),  # the Dutch "met" is "with"
    ],
)
def test_round10_wordings_of_happenings(sentence: str, category: str | None) -> None:
    assert categorize(sentence) == category


def test_a_weekday_after_on_is_no_place_of_the_sentence(finder: PlaceFinder) -> None:
    text = " date 2022-09-10 Live\n\nThe soldiers posted pictures in Kupiansk. Fighting raged on Friday."
    assert _places(finder, text) == ["Kupiansk"]


@pytest.mark.parametrize(
    ("word", "value"),
    [("eenentwintig", 21), ("éénendertig", 31), ("negenennegentig", 99), ("honderdeenentwintig", 121)],
)
def test_dutch_numbers_whose_unit_holds_en(word: str, value: int) -> None:
    from mapapp.numbers import parse_number

    assert parse_number(word) == value


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # a risen toll replaces the count of the event that had one, not a later event of no count
        (" date 2023-07-04 Title\n\nThousands of people fled Kramatorsk overnight as troops pressed on.\n\n"
         "The operation began early on Monday with drone strikes on Kramatorsk. Officials said five people were"
         " killed on Monday.\n\nBy Tuesday morning the toll had risen to nine dead.",
         {("Kramatorsk", "2023-07-03", 9), ("Kramatorsk", "2023-07-04", None)}),
        # "de stad" with no event told yet: the one town an earlier sentence named
        (" date 2024-06-02 Title\n\nZe woont al jaren in Charkiv.\n\nDat bleek niet zo. Vorige week zaterdag sloegen"
         " twee bommen in aan de rand van de stad. Negen mensen kwamen om.",
         {("Kharkiv", "2024-05-25", 9)}),
    ],
)
def test_round10_tolls(finder: PlaceFinder, text: str, rows: set) -> None:
    events = extract_events(document_from_text(text, "t.txt"), finder=finder)
    found = {(r.location, r.event_date, None if str(r.killed) == "<NA>" else int(r.killed))
             for r in events.itertuples()}
    assert rows <= found


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("De ministers van Financiën zijn in de hoofdstad bijeengekomen.", "diplomacy"),
        ("De partijen zijn het in de havenstad eens geworden over een bestand.", "diplomacy"),
        ("Het leger zegt een aanval op het eiland te hebben afgeslagen.", "fighting"),
        ("Troops repelled an assault on the bridgehead.", "fighting"),
        ("The army told residents to leave the valley.", "evacuation"),
        ("Het leger gaf de bewoners opdracht om te vertrekken.", "evacuation"),
        ("The epicentre was near a mountain village.", "other"),
        ("Thousands rallied outside the courthouse.", "other"),
        ("Police searched a farmhouse near the border.", "other"),
        ("Taxichauffeurs legden het centrum urenlang plat.", "other"),
        ("De ruil vond plaats op het vliegveld.", "other"),
    ],
)
def test_round10_more_wordings(sentence: str, category: str | None) -> None:
    assert categorize(sentence) == category


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # where people are held is no place of the happening told
        (" date 2024-09-21 Title\n\nThousands marched through Rome on Saturday to demand the release of the sailors"
         " held in Odesa.", ["Rome"]),
        # a place in a clause of what would happen
        (" date 2024-09-21 Title\n\nThe talks in Rome ended on Friday, but Kyiv warned that it would not accept troops"
         " in Odesa.", ["Rome"]),
        # who holds a place now is a state
        (" date 2024-09-21 Title\n\nDaarmee is de hele regio Odesa vrijwel in handen van het leger.", []),
    ],
)
def test_round10_places_not_of_the_happening(finder: PlaceFinder, text: str, places: list[str]) -> None:
    assert _places(finder, text) == places


def test_a_blackout_is_what_the_story_did() -> None:
    assert categorize("Grote delen van de stad zitten zonder stroom.", "attack") == "attack"
    assert categorize("Large parts of the town were without power.", "other") == "other"


def test_a_happening_told_again_in_the_pluperfect_is_the_one_told(finder: PlaceFinder) -> None:
    text = (" date 2025-10-29 Title\n\nDe milities namen zondag de stad Odesa in.\n\nDe generaal zei in een toespraak"
            " dat zijn troepen zich uit Odesa hadden teruggetrokken.")
    events = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert [(r.location, r.event_date) for r in events.itertuples()] == [("Odesa", "2025-10-26")]


def test_talks_held_in_a_city_are_there(finder: PlaceFinder) -> None:
    text = " date 2024-03-06 Title\n\nThe envoys held talks in Milan on Monday."
    assert _places(finder, text) == ["Milan"]


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        # the day a count was made by is no day of the happening
        ("Ten people were confirmed dead there by Saturday.", False),
        # a happening going on by then is dated by it
        ("By Monday afternoon, hundreds of families were fleeing the town.", True),
    ],
)
def test_a_count_made_by_a_day(text: str, dated: bool) -> None:
    sentence = Sentence(0, len(text), 0, text)
    dates = find_dates(text, parse_publication_date("2025-03-29"))
    assert any(not trailing_telling_date(sentence, d) for d in dates) is dated


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Bij de beschieting kwam ook een Poolse vrijwilliger om het leven.", 1, None),
        ("Another 40 were rescued and taken to hospital.", None, 40),
        ("Doctors said 60 people were being treated for burns.", None, 60),
        # a share of a count told before is no count of its own
        ("Three of the dead were firefighters.", None, None),
        ("Twee van de gewonden zijn kinderen.", None, None),
    ],
)
def test_round10_more_casualty_wordings(sentence: str, killed: int | None, injured: int | None) -> None:
    found = find_casualties(sentence)
    assert (found.killed, found.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # a paragraph's first sentence of no happening sets its day: "Die kwam vannacht."
        (" date 2023-07-18 Title\n\nDe president beloofde vergelding. Hij sprak maandag.\n\nDie kwam vannacht. Bij een"
         " aanval met drones op Lviv werden huizen getroffen.", [("Lviv", "2023-07-18")]),
        (" date 2024-04-09 Title\n\nDe IAEA sprak zondag van een aanval.\n\nIn Lviv vielen maandag wel doden. Bij"
         " beschietingen op de stad kwam een man om het leven.", [("Lviv", "2024-04-08")]),
    ],
)
def test_the_day_a_paragraph_opens_with(finder: PlaceFinder, text: str, rows: list) -> None:
    events = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert [(r.location, r.event_date) for r in events.itertuples() if r.location == "Lviv"] == rows


def test_a_comparison_with_the_past_is_no_happening() -> None:
    assert told_as_plan("Het ging om de zwaarste gevechten in tien jaar.")


def test_when_the_happening_broke_out_dates_the_undated_lead(finder: PlaceFinder) -> None:
    text = (" date 2023-08-10 Title\n\nAt least 20 people have been killed by the wildfire in Lahaina, officials said"
            " on Thursday.\n\nThe blaze broke out on Tuesday and was driven by strong gusts.")
    events = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert [(r.location, r.event_date) for r in events.itertuples()] == [("Lahaina", "2023-08-08")]


def test_a_statement_is_not_placed_by_the_next_sentence(finder: PlaceFinder) -> None:
    text = (" date 2023-09-09 Title\n\nDe regering kondigde drie dagen van nationale rouw af. In Nederland en"
            " België zijn inzamelingsacties gestart.")
    assert _places(finder, text) == []


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # an area's row without a toll is the summary of what the report tells at a town in it, of any kind
        (" date 2024-03-13 Title\n\nVoor de tweede dag hebben drones raffinaderijen in Rusland aangevallen. Woensdag"
         " brak brand uit in een raffinaderij in Rjazan.", ["Ryazan’"]),  # the gazetteer's spelling
        # an evacuation of an area is its own happening
        (" date 2024-08-10 Title\n\nFighting raged around Sudzha on Saturday. More than 70,000 people were evacuated"
         " from the Kursk region on Saturday.", ["Sudzha", "Kursk Oblast"]),
    ],
)
def test_an_area_row_folds_into_a_town(finder: PlaceFinder, text: str, places: list[str]) -> None:
    assert _places(finder, text) == places
