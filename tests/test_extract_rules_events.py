"""Which sentences are events, and with which date and toll: the rules of ``notevents`` and the event
lexicon, as a specification.  Every sentence is invented for this file.
"""

from __future__ import annotations

import pytest

from mapapp.dates import find_dates, parse_publication_date
from mapapp.extract import PlaceFinder, categorize, document_from_text, extract_events
from mapapp.extract.notevents import told_as_plan
from mapapp.numbers import find_casualties, that_figure


def _rows(finder: PlaceFinder, text: str) -> list[tuple[str, str, str]]:
    events = extract_events(document_from_text(text, "t.txt"), finder=finder)
    return [(r.location, r.event_date, r.category) for r in events.itertuples()]


@pytest.mark.parametrize(
    ("sentence", "plan"),
    [
        # a happening told only as expected, planned, vowed or threatened
        ("Ministers are expected to meet in the capital next week.", True),
        ("The rebels vowed that the raids would continue.", True),
        ("De premier overweegt een bezoek aan het rampgebied.", True),
        ("De bond dreigde met nieuwe blokkades.", True),
        # called off
        ("The summit will not go ahead, the hosts said.", True),
        ("De vredesconferentie is afgelast.", True),
        ("The talks were postponed because of the storm.", True),
        ("Leaders of the G20 are expected to gather in the port city next month.", True),  # the group is no summit
        # an appeal is not what it asks for
        ("The mayor urged residents to evacuate before the storm.", True),
        ("De burgemeester riep de inwoners op de stad te verlaten.", True),
        ("Het leger heeft gezinnen opgedragen de stad te verlaten.", False),  # an order is told as done
        # guessed at, not told
        ("Een grote aanval op de stad achten zij voorlopig onwaarschijnlijk.", True),
        ("Commentary: the raid appears designed to draw reserves away from the front.", True),
        # the report's comment measuring a happening against the past
        ("It is the deadliest train crash in the country since 1999, when a bus ...", True),
        ("Het is de grootste terreinwinst sinds de val van de stad vorig jaar.", True),
        # a happening told before the plan is still one
        ("Drones struck a depot, and officials said repairs are expected to take weeks.", False),
        ("The delegations met on Monday.", False),
    ],
)
def test_plans_threats_and_called_off_happenings(sentence: str, plan: bool) -> None:
    assert told_as_plan(sentence) is plan


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Hundreds of visitors crowded the beach.", None),  # visitors pay no visit
        ("Honderden bezoekers stonden in de rij.", None),
        ("The envoy visited the border post.", "diplomacy"),
        ("De minister bezocht het getroffen gebied.", "diplomacy"),
        ("Tourists were bussed out of the valley.", "evacuation"),
        ("A judge sentenced the smuggler to nine years.", "other"),  # a court's sentence
        # the public gathering is no meeting of envoys; leaders gathering is
        ("Families gathered at the school gate, waiting for news.", None),
        ("Foreign ministers gathered in Riga for the talks.", "diplomacy"),
        # donors are no meeting; a pledging conference is one by its own word
        ("The clinic appealed for blood donors.", None),
        ("Donors pledged new aid at a conference in Oslo.", "diplomacy"),
        # the dead "had fallen", an auxiliary between: no town fell
        ("De politie meldde dat er drie doden waren gevallen.", None),
        # a likeness is no happening: "as if a bomb had fallen"
        ("Het leek wel alsof er een granaat was ingeslagen.", None),
        ("The square looked as though it had been shelled.", None),
        # blown over by the wind; told to leave home
        ("In de Stationsstraat waaide een reclamezuil om.", "other"),
        ("A caravan was blown over on the coast road.", "other"),
        ("Police told families in the valley to leave their homes.", "evacuation"),
        ("The attack was condemned worldwide.", "statement"),  # a condemnation is no sentence of a court
        # opinions: a liveblog's stamp and a label before them, "volgens deskundigen", anyone's fears
        ("09.10 – Analisten denken dat het offensief vooral bedoeld is om reserves weg te lokken.", None),
        ("Volgens westerse deskundigen laat de reeks aanvallen zien dat de voorraad raketten groot is.", None),
        ("Aid agencies fear the number of displaced people is far higher.", None),
        ("Volgens de brandweer zijn er twee doden gevallen.", None),  # the dead fell, no town did
        ("De stad is gevallen.", "fighting"),
        ("In alle gevallen ging het om oudere bewoners.", None),  # cases, not a fall
        # more words of happenings
        ("The dam has been blown up, the army says.", "attack"),
        ("Soldiers detonated the charges at dawn.", "attack"),
        ("A man was stabbed outside the station.", "attack"),
        ("Troops cleared infiltration groups from the village.", "fighting"),
        ("The plant was cut off from its last power line.", "other"),
        ("Honderd toeristen werden per boot uit het dal gehaald.", "evacuation"),
        ("The navy flew dozens of families out of the port.", "evacuation"),
        ("De ministers zaten urenlang om tafel.", "diplomacy"),
        ("The two leaders were signing a trade pact.", "diplomacy"),
        ("The fleet stayed in the harbour.", None),  # a fleet does not flee
        ("Russische eenheden zijn het dorp binnengedrongen.", "fighting"),
        ("De laatste bewoners worden met bussen naar de stad gebracht.", "evacuation"),
        ("De twee landen zijn een bestand overeengekomen.", "diplomacy"),
        # releases and exchanges of prisoners and hostages
        ("Drie gijzelaars werden aan het Rode Kruis overgedragen.", "other"),
        ("The two sides swapped 150 prisoners of war.", "other"),
        ("Twaalf gevangenen zijn vrijgelaten.", "other"),
        # damage belongs to the story told before; alone it is an attack
        ("Water poured through a breach in the dyke.", "attack"),
        # a Dutch separable verb with a long object between its parts
        ("Gisteren hield de marechaussee op Schiphol drie mannen uit Lyon aan.", "other"),
    ],
)
def test_event_words(sentence: str, category: str | None) -> None:
    assert categorize(sentence) == category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a happening beside a clause that goes on is still a happening; a going-on alone is a state
        (" date 2024-03-06 Troops advanced near Bakhmut on Tuesday, as fighting continues on the flanks.",
         [("Bakhmut", "2024-03-05", "fighting")]),
        (" date 2024-03-06 Fighting continues near Bakhmut.", []),
        (" date 2024-03-06 Terwijl in Genève werd onderhandeld, gingen de gevechten gewoon door.", []),
        # a season dates by its year: background
        (" date 2024-03-06 The village of Pisky was shelled repeatedly last summer.", []),
        # a calendar date three months or more before the report is background, with or without its year
        (" date 2024-03-06 In November 2022, a fire destroyed the market hall in Lviv.", []),
        (" date 2024-03-06 On 12 October 2023 a landslide buried part of Sumy.", []),
        (" date 2024-03-06 On 12 February a landslide buried part of Sumy.", [("Sumy", "2024-02-12", "other")]),
        # "Ook in X ging het mis" sets the scene the next sentence tells
        (" date 2024-03-06 Ook in Zwolle ging het dinsdag mis. Een steiger waaide om en raakte een geparkeerde auto.",
         [("Zwolle", "2024-03-05", "other")]),
        # a tally since a month is no happening
        (" date 2024-03-06 Sinds november zijn ruim 20.000 mensen uit Pokrovsk gevlucht.", []),
        # "the same city" is the town the sentence before named
        (" date 2024-08-02 He was first held in Tver in May 2023. A court in the same city sentenced him on "
         "July 19.", [("Tver", "2024-07-19", "other")]),
        (" date 2024-08-02 In mei 2023 brandde in Tver een fabriek af. Agenten in dezelfde stad hielden gisteren "
         "twee verdachten aan.", [("Tver", "2024-08-01", "other")]),
        # a sentence that goes on with the scene the sentence before set is placed there
        (" date 2024-03-06 The old port of Odesa looked calm on Monday morning. Then two missiles slammed into the "
         "pier.", [("Odesa", "2024-03-04", "attack")]),
        (" date 2024-03-06 The central square in Sumy had survived two years of war. On Tuesday it was struck by a "
         "drone.",
         [("Sumy", "2024-03-05", "attack")]),
        # a lead that names no place under a headline that names one town: that town
        (" date 2024-03-06 Mykolaiv counts its dead after the strike on the market\n\nThe market hall was crowded on "
         "Tuesday morning when the missile hit.", [("Mykolaiv", "2024-03-05", "attack")]),
        # damage told later in a disaster's report is the disaster's, on its day
        (" date 2022-02-19 Storm Dudley heeft vrijdag in Nederland drie levens gekost. Het KNMI gaf code rood af. "
         "Treinen reden niet.\n\nScholen bleven dicht. Bij het station waaide een dak weg. Een uur later werd in "
         "Zwolle een fietser geraakt door een tak.",
         [("The Netherlands", "2022-02-18", "other"), ("Zwolle", "2022-02-18", "other")]),
        (" date 2024-03-06 In Haarlem waaide dinsdag het dak van een sporthal. Tientallen bewoners moesten hun huis "
         "verlaten.", [("Haarlem", "2024-03-05", "evacuation")]),
        # a trip still to come is a plan, not an event (an explicit day after publication, "later this week")
        (" date 2024-03-06 De Franse president reist vrijdag naar Berlijn voor overleg.", []),
        (" date 2024-03-06 The envoy flies to Warsaw later this week for talks.", []),
        (" date 2024-03-06 The envoy flew to Warsaw on Tuesday for talks.", [("Warsaw", "2024-03-05", "diplomacy")]),
        # dated by a year only: history or a tally, not a happening of the report
        (" date 2024-03-06 The fortress of Kamianets was captured in 1672.", []),
        (" date 2024-03-06 Dit jaar waren er in Lyon al veertig branden.", []),
        # a state since a year; a named month long before the report
        (" date 2024-03-06 De wegen rond Goma zijn onveilig door de opmars van de rebellen, die sinds 2022 strijden.",
         []),
        (" date 2024-10-06 In juni kwamen bij een ongeluk bij Kinshasa nog zeker 80 mensen om.", []),
        (" date 2024-10-06 In september kwamen bij een ongeluk bij Kinshasa zeker 80 mensen om.",
         [("Kinshasa", "2024-09", "other")]),
        # where the evacuated were taken: the happening is where they left
        (" date 2024-03-06 On Tuesday 300 people were evacuated from Kostiantynivka and taken to Kramatorsk.",
         [("Kostiantynivka", "2024-03-05", "evacuation")]),
        (" date 2024-03-06 On Tuesday thousands fled Rafah towards Khan Younis.",
         [("Rafaḩ", "2024-03-05", "evacuation")]),
        (" date 2024-03-06 Gisteren werden 400 inwoners met treinen naar Zaporizja gebracht, meldt de gemeente "
         "Orichiv.", []),
        # a happening told only in a present-tense clause that describes a place is its state; in the past, an event
        (" date 2024-03-06 The depot lies 20 km from Huliaipole, where Russian shelling has intensified.", []),
        (" date 2024-03-06 Het derde slachtoffer viel in Breda, waar een vrouw door een vallende boom werd geraakt.",
         [("Breda", "2024-03-06", "attack")]),
        (" date 2024-03-06 Gisteren werden 500 inwoners van Orichiv geëvacueerd, onder meer naar de stad Dnipro.",
         [("Orikhiv", "2024-03-05", "evacuation")]),
        (" date 2024-03-06 Thousands fled Kupiansk on Tuesday; most found shelter in Kharkiv.",
         [("Kupiansk", "2024-03-05", "evacuation")]),
        # where someone speaks, or whence a reaction comes, is not where the attack was
        (" date 2024-03-06 Russian artillery shelled Kherson on Tuesday. Speaking to reporters in Paris, the minister "
         "condemned the shelling.", [("Kherson", "2024-03-05", "attack")]),
        (" date 2024-03-06 Drones hit Odesa on Tuesday. The premier said in Rome that the strikes were a crime.",
         [("Odesa", "2024-03-05", "attack")]),
        (" date 2024-03-06 The massacre drew condemnation from Norway and Chile.", []),
        (" date 2024-03-06 Een bewoner uit Kupiansk vertelde dat de beschietingen niet ophouden.", []),
        # a seat of government that acts is an actor, not the place of the attack told
        (" date 2024-03-06 Drones hit Odesa on Tuesday, and officials warned of more strikes if Moscow did not halt "
         "the campaign.", [("Odesa", "2024-03-05", "attack")]),
        (" date 2024-03-06 Russian guns shelled Kherson on Tuesday, days after Kyiv and Moscow agreed a pause.",
         [("Kherson", "2024-03-05", "attack")]),
        # a hospital official where the hurt lie still gives that town's toll
        (" date 2024-03-06 A hospital official in Sukkur said on Tuesday that the death toll had risen to 12.",
         [("Sukkur", "2024-03-05", "other")]),
    ],
)
def test_what_is_not_an_event(finder: PlaceFinder, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _rows(finder, text) == expected


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        # a count updated to a new figure, for the dead and for the hurt
        ("The number of injured in the attack on the depot has risen to nine.", None, 9),
        ("The count of wounded now stands at 57.", None, None),  # "count" is not "number of"
        ("The number of wounded now stands at 57.", None, 57),
        ("Het aantal gewonden is opgelopen tot veertien.", None, 14),
        ("The number of people killed in the mine collapse has risen to 23, officials said.", 23, None),
        ("Het dodental werd later bijgesteld tot vijf.", 5, None),
        # a word between the count and its casualty word
        ("Six tourists were initially reported injured.", None, 6),
        ("Drie Duitse fietsers kwamen om het leven.", 3, None),
        ("Drie Duitse tanks werden vernietigd.", None, None),
        # killed in a way told by "to death"; girls and boys are people
        ("Two teenagers were stabbed to death in the park.", 2, None),
        ("Three girls were hurt.", None, 3),
        # injuries sustained, drowning, a fatal blow, colleagues and passers-by, compound nouns of soldiers
        ("Vier mensen kwamen om, negen anderen liepen verwondingen op.", 4, 9),
        ("Six fishermen sustained burns.", None, None),  # burns are no casualty word
        ("Drie kinderen verdronken in de rivier.", 3, None),
        ("Een motorrijder werd dodelijk getroffen door een vallende tak.", 1, None),
        ("A pedestrian was fatally struck by a tram.", 1, None),
        ("Two colleagues were hurt.", None, 2),
        ("Een collega raakte gewond.", None, 1),
        ("Elf grenssoldaten raakten gewond.", None, 11),
        # the verb before the one who died: "Later overleed in X een automobilist"
        ("Later op de avond overleed in Emmen, vlak bij het station, een voetganger die door een boom werd geraakt.",
         1, None),
        # the nth victim of a story is one more dead, unless hurt; with a raised toll, it is the toll
        ("The mayor raised the death toll on Sunday: a third victim died in hospital.", 3, None),
        ("Het derde slachtoffer viel in Arnhem.", 1, None),
        ("The second victim was hurt by flying glass.", None, None),
        # being treated in hospital is being hurt
        ("By the evening 11 people were being treated in hospitals in the region.", None, 11),
        # a long happening between a toll and its new figure; "known to have died"
        ("The death toll from Sunday's collapse of a parking garage in the old harbour district of the city has "
         "risen to 27.", 27, None),
        ("The number of people known to have died after the ferry sank off the northern coast has risen to 61.",
         61, None),
        # members of one family are people
        ("Zeven leden van één gezin kwamen om bij de brand.", 7, None),
        ("Four members of the same family were killed.", 4, None),
        # an age in words is no count; what hurt someone may stand between the person and "gewond"
        ("Een vrouw van zeventig raakte gewond.", None, 1),
        ("Hun achtjarige zoon kwam om het leven.", 1, None),
        ("Een voorbijganger werd door vallende dakpannen zwaargewond.", None, 1),
        ("Zes mensen werden door de politie aangehouden.", None, None),
        # a train's crew
        ("De machinist raakte lichtgewond.", None, 1),
        # one someone named by words the lists lack, and a person named again in an apposition
        ("A young Dutchman was injured by the blast.", None, 1),
        ("Een tweede Duitser, een vrachtwagenchauffeur, raakte lichtgewond.", None, 1),
        ("A parked car was hit.", None, None),
        # how badly between the count and its word
        ("Two firefighters were lightly hurt.", None, 2),
        ("Five passengers were critically injured.", None, 5),
    ],
)
def test_casualty_updates_and_phrases(sentence: str, killed: int | None, injured: int | None) -> None:
    found = find_casualties(sentence)
    assert (found.killed, found.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        # an outright statement that nobody was hurt is a zero for both; that nobody died, for the dead only
        ("Nobody was injured when the roof came down.", 0, 0),
        ("The fire brigade said no-one had been hurt.", 0, 0),
        ("Bij de brand in de loods raakte niemand gewond.", 0, 0),
        ("De politie meldt dat er niemand gewond is geraakt.", 0, 0),
        ("There were no casualties, the governor said.", 0, 0),
        ("Er vielen geen slachtoffers bij de inslag.", 0, 0),
        ("Gewonden vielen er niet.", 0, 0),
        ("The blaze was put out without injuries.", 0, 0),
        ("No one was killed or wounded in the raid.", 0, 0),
        ("Niemand kwam om bij het ongeluk.", 0, None),
        ("No deaths were reported on the island.", 0, None),
        ("Vijf mensen raakten gewond; doden vielen er niet.", 0, 5),
        ("Two guards were killed, but nobody else was hurt.", 2, None),  # "else": the rest, not everyone
        # less than everyone, not yet known, a claim later undone, or no casualty at all: unknown
        ("Nobody was seriously injured.", None, None),
        ("There were no immediate reports of casualties.", None, None),
        ("No casualties were immediately reported.", None, None),
        ("De gouverneur zei eerst dat niemand was omgekomen.", None, None),
        ("Niemand wist waar de brand begonnen was.", None, None),
        ("If the monitors go, nobody is left to count the dead.", None, None),
        ("De chauffeur raakte niet gewond.", None, None),  # one person unhurt is no zero for the happening
    ],
)
def test_an_explicit_zero_is_a_figure(sentence: str, killed: int | None, injured: int | None) -> None:
    found = find_casualties(sentence)
    assert (found.killed, found.injured) == (killed, injured)


def _tolls(finder: PlaceFinder, text: str) -> list[tuple[str, int | None, int | None]]:
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    return [(r.location, None if str(r.killed) == "<NA>" else int(r.killed),
             None if str(r.injured) == "<NA>" else int(r.injured)) for r in rows.itertuples()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a zero with no place of its own is the event told just before it, in its paragraph or opening the next
        (" date 2024-03-06 A drone hit a fuel depot in Bryansk on Tuesday. No one was hurt, the governor said.",
         [("Bryansk", 0, 0)]),
        (" date 2024-03-06 A drone hit a fuel depot in Bryansk on Tuesday.\n\nThe governor said no one was hurt. "
         "Firefighters worked through the night.", [("Bryansk", 0, 0)]),
        # a zero right after a count told without a place completes that count, wherever it goes
        (" date 2024-03-06 Een raket trof dinsdag een fabriek in Dnipro.\n\nVolgens het bestuur raakten vier "
         "arbeiders gewond. Doden vielen er niet.", [("Dnipro", 0, 4)]),
        # a place with a zero and no happening of its own makes no event
        (" date 2024-03-06 Een boom viel dinsdag op een auto in Utrecht; de bestuurder kwam om. In Zwolle "
         "waaiden dakpannen weg; daarbij vielen geen gewonden.", [("Utrecht", 1, None)]),
    ],
)
def test_a_zero_speaks_of_the_event_just_told(finder: PlaceFinder, text: str, expected) -> None:
    assert _tolls(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # many people fleeing, told right after a happening at a town and naming no town they left: they left it
        (" date 2024-03-09 Gunmen attacked the market town of Kenscoff on Friday. Hundreds of residents fled into the "
         "mountains.", [("Kenscoff", "2024-03-08", "attack"), ("Kenscoff", "2024-03-08", "evacuation")]),
        # one man fleeing, or the displaced described, is no flight of the town
        (" date 2024-03-09 Gunmen attacked the market town of Kenscoff on Friday. The mayor fled to the capital.",
         [("Kenscoff", "2024-03-08", "attack")]),
    ],
)
def test_people_fleeing_the_town_just_told(finder: PlaceFinder, text: str, expected) -> None:
    assert _rows(finder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-town story's happening told without a place, on a day of its own, is a second event in that town
        (" date 2024-03-09 Thousands of farmers blocked the ring road in Lyon on Friday. The blockade began on "
         "Tuesday morning when tractors drove into the centre.",
         [("Lyon", "2024-03-08"), ("Lyon", "2024-03-05")]),
        # not what was said about it, nor how things still stand, nor a day already told there
        (" date 2024-03-09 Thousands of farmers blocked the ring road in Lyon on Friday. The union claimed the "
         "action in a statement on Tuesday.", [("Lyon", "2024-03-08")]),
        (" date 2024-03-09 Thousands of farmers blocked the ring road in Lyon on Friday. Tractors were still "
         "parked on the bridges on Saturday.", [("Lyon", "2024-03-08")]),
        # a story of two towns does not say which one
        (" date 2024-03-09 Farmers blocked roads in Lyon and in Grenoble on Friday. The blockade began on Tuesday "
         "morning when tractors drove into the centre.", [("Lyon", "2024-03-08"), ("Grenoble", "2024-03-08")]),
    ],
)
def test_another_day_in_a_one_town_story(finder: PlaceFinder, text: str, expected) -> None:
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert [(r.location, r.event_date) for r in rows.itertuples()] == expected


@pytest.mark.parametrize(
    ("sentence", "before", "killed", "injured"),
    [
        # "that figure" is the one count the sentence before gave, of its kind
        ("By the evening that figure had climbed to 31.", "The mayor first spoke of 25 wounded.",
         None, 31),
        ("Dat aantal is inmiddels opgelopen tot negen.", "Eerst werden zes doden gemeld.", 9, None),
        # not a count of things, nor a sentence before with two kinds or none
        ("The number of houses destroyed rose to 300.", "Six people died.", None, None),
        ("That figure rose to 40.", "Two died and nine were hurt.", None, None),
        ("That figure rose to 40.", "The storm moved north.", None, None),
    ],
)
def test_that_figure_is_the_count_told_before(sentence: str, before: str, killed, injured) -> None:
    found = that_figure(sentence, before)
    assert (found.killed, found.injured) == (killed, injured)


def test_the_latest_figures_update_the_toll_of_the_happening_told_last(finder: PlaceFinder) -> None:
    text = (" date 2024-03-06 09:10\nA missile hit the station square in Poltava this morning. The governor said "
            "12 people were killed.\n\n11:30\nRescuers are still searching the rubble. Traffic was diverted.\n\n"
            "14:00\nThe latest figures from the police: 15 dead and 40 injured.")
    assert _tolls(finder, text) == [("Poltava", 15, 40)]


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        # a later source that puts the toll at a figure replaces the count told; an initial count does not
        ("A leaked report later put the toll at 31 dead and 80 wounded.", [("Kramatorsk", 31, 80)]),
        ("An initial count had put the toll at 9 dead.", [("Kramatorsk", 12, None)]),
    ],
)
def test_a_toll_put_at_a_figure(finder: PlaceFinder, later: str, expected) -> None:
    text = f" date 2024-03-06 A missile hit a cafe in Kramatorsk on Tuesday, killing 12 people. {later}"
    assert _tolls(finder, text) == expected


def test_a_named_settlement_keeps_its_name_when_the_next_sentence_says_where_it_lies(finder: PlaceFinder) -> None:
    text = (" date 2024-03-06 Russian troops seized the village of Novoye Zhyttia on Tuesday. The village lies close "
            "to the road between Pokrovsk and Kostiantynivka.")
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert list(rows["place"]) == ["Novoye Zhyttia"]


def test_a_count_told_before_a_raised_toll_keeps_its_other_figure(finder: PlaceFinder) -> None:
    text = (" date 2024-03-06 09.10 Een raket trof vannacht een flat in Cherson. Er vielen twee doden en negen "
            "gewonden.\n\n12.05 Update: het dodental in Cherson is opgelopen tot vier.")
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert [(r.location, int(r.killed), int(r.injured)) for r in rows.itertuples()] == [("Kherson", 4, 9)]


def test_updated_figures_replace_the_count_of_the_event_told(finder: PlaceFinder) -> None:
    text = (" date 2024-03-06 Gunfire at a market in Jenin killed 12 people and injured 40 on Tuesday.\n\n"
            "The ministry has updated its figures for the shooting in Jenin: 14 dead, 52 injured.")
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert [(int(r.killed), int(r.injured)) for r in rows.itertuples()] == [(14, 52)]


def test_a_toll_update_reaches_the_event_it_updates_over_a_later_mention(finder: PlaceFinder) -> None:
    # the event at Lviv is told again in the last paragraph; the update between still belongs to it
    text = (" date 2024-03-06 A missile hit a school in Lviv overnight.\n\nThe death toll in Lviv has risen to 7. "
            "The number of wounded now stands at 40.\n\nThe mayor said the strike on Lviv was a war crime.")
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert [(r.location, int(r.killed), int(r.injured)) for r in rows.itertuples()] == [("Lviv", 7, 40)]


@pytest.mark.parametrize(
    ("sentence", "pub", "event_date"),
    [
        # that weekday of the week before the publication's
        ("Vorige week dinsdag werd de brug opgeblazen.", "2024-03-06", "2024-02-27"),
        ("The bridge was blown up on Tuesday last week.", "2024-03-06", "2024-02-27"),
        ("Vorige week werd de brug opgeblazen.", "2024-03-06", "2024-02"),  # the week before: its month
        # a plan's weekday is the coming one; a weekday far from the plan's verb is the past one
        ("De premier reist donderdag naar Brussel.", "2024-03-06", "2024-03-07"),
        ("The bloc will admit two members, its chairman announced on Monday.", "2024-03-06", "2024-03-04"),
    ],
)
def test_which_day_a_weekday_is(sentence: str, pub: str, event_date: str) -> None:
    assert find_dates(sentence, parse_publication_date(pub))[0].event_date == event_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the happening a date answers is another: "a response to Saturday's blast"
        (" date 2024-03-06 In Moscow, the president called the strikes a response to Sunday's attack on a depot.",
         [("Moscow", "2024-03-06")]),
        # a toll "from Tuesday's floods" is the toll of those floods
        (" date 2024-03-08 The death toll from Tuesday's floods in Mykolaiv rose to 40.", [("Mykolaiv", "2024-03-05")]),
        # the start of a state is not the day the sentence tells
        (" date 2024-03-06 Sinds het leger zich in november uit de stad terugtrok, wordt Cherson dagelijks beschoten.",
         [("Kherson", "2024-03-06")]),
        # "since Sunday" dates what began on Sunday
        (" date 2024-03-06 Since Sunday thousands of residents have fled Kharkiv.", [("Kharkiv", "2024-03-03")]),
        # a liveblog entry without a date of its own is of the report's day, not of the entry before it
        (" date 2024-03-06 09:10 – Drones struck Kharkiv on Monday night.\n\n11:40 – Shells hit a school in Sumy.",
         [("Kharkiv", "2024-03-04"), ("Sumy", "2024-03-06")]),
        # a state still going on is told of the report's day
        (" date 2024-03-06 Rebels captured Goma on Sunday.\n\nIn Goma wordt nog altijd gevochten.",
         [("Goma", "2024-03-03"), ("Goma", "2024-03-06")]),
        # the happening named after "N days after" at its place was that many days before the sentence's day
        (" date 2024-03-06 The minister toured the port of Odesa on Tuesday, two days after a missile hit a grain "
         "terminal in Izmail.", [("Odesa", "2024-03-05"), ("Izmail", "2024-03-03")]),
        (" date 2024-03-06 De aanvallen volgen een dag na de ontploffing in een munitiedepot bij Brjansk. Bij die "
         "ontploffing kwamen twee mensen om.", [("Bryansk", "2024-03-05")]),
        # a day in a relative clause between commas dates that clause, not the sentence's happening
        (" date 2024-03-06 The envoy, who had flown in on Saturday, held talks in Milan on Monday.",
         [("Milan", "2024-03-04")]),
        # an opening "two days after ..." dates the sentence's own happening, at its own place
        (" date 2024-03-06 Twee dagen na de aanval op de markt werd in Cherson een school getroffen.",
         [("Kherson", "2024-03-06")]),
    ],
)
def test_which_day_an_event_gets(finder: PlaceFinder, text: str, expected: list[tuple[str, str]]) -> None:
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert [(r.location, r.event_date) for r in rows.itertuples()] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # casualties told in a paragraph belong to its event, not to an event of their kind a paragraph before
        (" date 2024-03-06 10:00 – In Lviv brak brand uit in een depot.\n\n11:00 – In Dnipro sloeg een raket in. "
         "Een bus vloog in brand; de chauffeur kwam om.", [("Lviv", "2024-03-06", None), ("Dnipro", "2024-03-06", 1)]),
        # "daar" after "kwamen" is the town just told, and a day wins over a vaguer span in the same sentence
        (" date 2024-03-09 In Cherson viel vrijdag een raket op een school. De stad werd de afgelopen week bijna "
         "dagelijks beschoten; donderdag kwamen daar nog negen mensen om.",
         [("Kherson", "2024-03-08", None), ("Kherson", "2024-03-07", 9)]),
    ],
)
def test_whose_toll_and_which_day(finder: PlaceFinder, text: str, expected) -> None:
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert [(r.location, r.event_date, None if str(r.killed) == "<NA>" else int(r.killed))
            for r in rows.itertuples()] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a disaster's country toll beside its towns is their sum, not an event of its own
        (" date 2024-03-06 Storm Ciarán killed five people in Belgium on Tuesday. Among them was a cyclist who was "
         "killed when a tree fell in Ghent, police said. Hail and rain continued.\n\nThe meteorological service "
         "lifted the code red. Trains ran again. Schools reopened.\n\nIn Liège a falling wall killed two people on "
         "Tuesday.", ["Gent", "Liège"]),
        # without a town of the country told, the country's toll is the event
        (" date 2024-03-06 Storm Ciarán killed five people in Belgium on Tuesday.", ["Belgium"]),
    ],
)
def test_a_disasters_country_toll_beside_its_towns(finder: PlaceFinder, text: str, expected: list[str]) -> None:
    rows = extract_events(document_from_text(text, "t.txt"), finder=finder)
    assert sorted(rows["location"]) == expected
