"""Ranking: which of the same-named candidates a part means, or none and why.

``choose`` applies the narrowing rules in the order of ``NARROWING_RULES`` (each a small
function from candidate rows to fewer rows), then ranks what is left by name quality and
population and accepts the first only when it is clearly the one meant.  A wrong answer is
worse than no answer: when nothing decides, the note lists the candidates.

The order: the kind the words ask for; the string's own hints; a famous own name over small
context places that only carry it as another name; the caller's context; far-away places that
only carry the name as another name dropped, and hamlets on another continent; countries, then regions
against towns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mapapp.gazetteer.hints import Hint
from mapapp.gazetteer.index import ALTERNATE, PlaceIndex, km
from mapapp.gazetteer.names import Part, is_respelling, raion_town_keys

# A candidate wins outright only if it is this many times larger than the next distinct one.
CLEAR_RATIO = 10.0
CLEAR_RATIO_BIG = 3.0  # ... or this many times, when it is a real town (≥ TOWN inhabitants)
TOWN = 10_000
CLEAR_RATIO_SMALL_TOWN = 5.0  # ... or this many times, when it has ≥ SMALL_TOWN (Olenivka 4.5k vs 0.7k)
SMALL_TOWN = 2_000
BIG_CITY = 50_000
REGION_OVER_CITY = 5.0  # a region beats a same-named foreign city this much smaller (Bali ID, not Bāli IN)
REGION_OVER_HAMLET = 25.0  # ... and a same-named town at home this much smaller (Florida, not Florida NY;
# Zeeland, not the village in Brabant; Kherson's city, 15 times smaller than its oblast in GeoNames, stays)
ALTERNATE_RATIO = 25.0  # an alternate-name match beats a small own-name match only when this much bigger
NEAR_CONTEXT_KM = 300.0  # a place this close to the context country's regions is near it (a border town)
FAR_HAMLET_KM = 3000.0  # a hamlet this far from the context country is on another continent: no answer
SAME_PLACE_KM = 25.0  # candidates this close are one answer (a town and its GeoNames duplicate)
LISTED_RIVALS = 4  # how many rivals an "ambiguous" note names


@dataclass
class Question:
    """What the rules decide on: the part asked for, its hints and context, and each
    candidate row's best match quality (PRIMARY, ALIAS or ALTERNATE)."""

    part: Part
    hints: list[Hint]
    context: Hint | None
    quality: dict[int, int]


class NoAnswer(Exception):
    """A rule found that no candidate fits; the message says why."""


Rule = Callable[[PlaceIndex, list[int], Question], list[int]]


def keep_kind_asked(index: PlaceIndex, cands: list[int], question: Question) -> list[int]:
    """"Kharkiv region" means the region, "Kyiv city" or "X district" a populated place."""
    kind = question.part.kind
    if kind == "region":
        return [r for r in cands if index.kind(r) == "R"] or cands
    if kind in ("city", "district"):
        return [r for r in cands if index.kind(r) == "P"] or cands
    return cands


def keep_within_hints(index: PlaceIndex, cands: list[int], question: Question) -> list[int]:
    """Every hint in the string must fit ("Izum, Kharkiv region"); none fitting is no answer."""
    part = question.part
    for hint in question.hints:
        fitting = [r for r in cands if hint.fits(index, r)]
        if part.kind == "district" and hint.city is not None and raion_town_keys(part.text):
            # an adjectival district of a city lies in it, not 150 km away (Kyivskyi district, Kharkiv)
            clat, clon = index.coords(hint.city)
            fitting = [r for r in fitting if km(clat, clon, *index.coords(r)) <= SAME_PLACE_KM]
        if not fitting:
            raise NoAnswer(f"no place named {part.text!r} in or near {hint.text!r}")
        cands = fitting
    return cands


def _context_decides(question: Question) -> bool:
    """Whether the caller's context applies: given, and the string named no country of its own."""
    return question.context is not None and not any(h.countries for h in question.hints)


def famous_name_beats_context_alias(index: PlaceIndex, cands: list[int], question: Question) -> list[int]:
    """A big city known by this very name beats small places in the context that GeoNames lists
    under it only as another name (Novorossiysk in a text about Ukraine is the Russian port, not a
    Ukrainian village once called so)."""
    if not _context_decides(question):
        return cands
    inside = [r for r in cands if question.context.fits(index, r)]
    famous = [r for r in cands if r not in inside and question.quality[r] != ALTERNATE
              and index.population(r) >= BIG_CITY]
    if not (inside and famous) or any(question.quality[r] != ALTERNATE for r in inside):
        return cands
    biggest = max(famous, key=index.population)
    if all(clearly_bigger(index, biggest, r, factor=ALTERNATE_RATIO) for r in inside):
        return famous
    return cands


def prefer_context(index: PlaceIndex, cands: list[int], question: Question) -> list[int]:
    """The caller's context narrows, unless the string named its own country ("Yesk, Russia")."""
    context = question.context
    if context is None or any(h.countries for h in question.hints):
        return cands
    fitting = [r for r in cands if context.fits(index, r)]
    if fitting:
        return fitting
    if context.admin1s:  # a region context can still narrow to its country
        return [r for r in cands if index.country(r) in context.countries] or cands
    return cands


def near_context(index: PlaceIndex, row: int, countries: set[str]) -> bool:
    """Whether a reader of a text about ``countries`` may mean ``row`` without being told more: it lies in one
    of them, is a big city, or lies near one of them (a border town)."""
    return index.country(row) in countries or index.population(row) >= BIG_CITY \
        or any(index.km_from_country(row, code) <= NEAR_CONTEXT_KM for code in countries)


def answers_abroad_by_other_name(index: PlaceIndex, row: int, question: Question, countries: set[str]) -> bool:
    """Whether a place outside the context's countries, found only under one of GeoNames' other names,
    may still be what the text means: a big city anywhere, or a place near the border when the name is
    its own name romanised ("Tjotkino", "Glusjkovo": Russian villages at the Ukrainian border).  A name
    of another language is not: GeoNames lists many border villages under their neighbours' names
    ("Mika" for Mücka, a German village near Poland), and a text about Poland that writes "Mika" means a
    Polish village the gazetteer lacks."""
    return index.population(row) >= BIG_CITY or (near_context(index, row, countries)
                                                  and is_respelling(question.part.text, index.name(row)))


def abroad_only_by_own_name(index: PlaceIndex, cands: list[int], question: Question) -> list[int]:
    """With nothing of that name in the context's country, a place elsewhere answers under its own
    (or a curated) name, or when it is a big city or lies near that country under its own name
    romanised (Tjotkino, Russia, in a text about Ukraine; ``answers_abroad_by_other_name``); one that
    merely has the name as another name is no answer:
    "Kanan" in a text about Myanmar is not Kanō in Japan, which GeoNames also lists as "Kanan"."""
    context = question.context
    if not _context_decides(question) or any(index.country(r) in context.countries for r in cands):
        return cands
    kept = [r for r in cands
            if question.quality[r] != ALTERNATE or answers_abroad_by_other_name(index, r, question, context.countries)]
    if not kept:
        elsewhere = "; ".join(index.describe(r) for r in cands[:LISTED_RIVALS])
        raise NoAnswer(f"no place named {question.part.text!r} in or near {context.text}; elsewhere only "
                       f"places with it as another name: {elsewhere}")
    return kept


def far_hamlets_dropped(index: PlaceIndex, cands: list[int], question: Question) -> list[int]:
    """With a context, a hamlet (under ``SMALL_TOWN`` inhabitants) on another continent (over ``FAR_HAMLET_KM``
    from the context's country) is no answer, even under its own name: "Siberia" in a text about Russia is not a
    hamlet of that name in Chiapas, but a region the gazetteer lacks; a real town (Davos) still answers."""
    context = question.context
    if not _context_decides(question):
        return cands
    kept = [r for r in cands if index.country(r) in context.countries or index.population(r) >= SMALL_TOWN
            or min(index.km_from_country(r, code) for code in context.countries) <= FAR_HAMLET_KM]
    if not kept:
        elsewhere = "; ".join(index.describe(r) for r in cands[:LISTED_RIVALS])
        raise NoAnswer(f"no place named {question.part.text!r} in or near {context.text}; elsewhere only "
                       f"hamlets far from {context.text}: {elsewhere}")
    return kept


def prefer_country(index: PlaceIndex, cands: list[int], question: Question) -> list[int]:
    """Countries beat same-named towns (Georgia), unless the words said town or district."""
    countries = [r for r in cands if index.kind(r) == "C"]
    if countries and question.part.kind not in ("city", "district"):
        return countries
    return cands


def region_or_city(index: PlaceIndex, cands: list[int], question: Question) -> list[int]:
    """A region beats a same-named town abroad (Bali) but not one inside its own country (Donetsk city, not
    Donetsk oblast) unless that town is REGION_OVER_HAMLET times smaller (Florida); a town at home that only
    has the name as another name does not count unless it is a big city (Alaska is the state, not Fort Ashby,
    a village GeoNames also lists as "Alaska")."""
    regions = [r for r in cands if index.kind(r) == "R"]
    cities = [r for r in cands if index.kind(r) == "P"]
    if not (regions and cities):
        return cands
    region_countries = {index.country(r) for r in regions}
    home = [c for c in cities if index.country(c) in region_countries]
    if home and max(map(index.population, regions)) >= REGION_OVER_HAMLET * max(map(index.population, home)):
        return regions  # Florida is the state, not the villages of that name in New York and Massachusetts
    if any(question.quality[c] != ALTERNATE or index.population(c) >= BIG_CITY for c in home):
        return cities  # Hama is the city Ḩamāh too, under its other name: a big city is what a reader means
    if home and any(question.quality[r] != ALTERNATE for r in regions):
        return regions
    if max(map(index.population, regions)) >= REGION_OVER_CITY * max(map(index.population, cities)):
        return regions
    return cities


# The order is the policy: the string's own words first, then its hints, then the caller's context.
NARROWING_RULES: tuple[Rule, ...] = (keep_kind_asked, keep_within_hints, famous_name_beats_context_alias,
                                     prefer_context, abroad_only_by_own_name, far_hamlets_dropped, prefer_country,
                                     region_or_city)


def clearly_bigger(index: PlaceIndex, a: int, b: int, factor: float | None = None) -> bool:
    """Whether place ``a`` is so much bigger than ``b`` that a reader means ``a``.

    A town among villages of its name is what people mean (Lyman 20k vs 4k, Vasylivka 12.6k
    vs 3.9k); villages of similar size stay ambiguous (Kyselivka 1.3k vs 1.3k)."""
    pa, pb = index.population(a), index.population(b)
    if factor is None:
        factor = (CLEAR_RATIO_BIG if pa >= TOWN else CLEAR_RATIO_SMALL_TOWN if pa >= SMALL_TOWN
                  else CLEAR_RATIO)
    return pa >= factor * pb


def rank_by_name_then_population(index: PlaceIndex, cands: list[int], question: Question) -> list[int]:
    """An own or curated name beats a GeoNames alternate name, unless the alternate belongs
    to a far bigger place and the named one is small (a village "Kiev" vs Kyiv)."""
    quality = question.quality
    named = [r for r in cands if quality[r] != ALTERNATE]
    ranked = sorted(named or cands, key=index.population, reverse=True)
    if named and len(named) < len(cands):
        biggest_other = max((r for r in cands if quality[r] == ALTERNATE), key=index.population)
        if index.population(ranked[0]) < BIG_CITY and clearly_bigger(index, biggest_other, ranked[0],
                                                                       factor=ALTERNATE_RATIO):
            ranked = sorted(cands, key=index.population, reverse=True)
    return ranked


def clear_winner(index: PlaceIndex, ranked: list[int], question: Question) -> tuple[int | None, str]:
    """The first ranked row when no distinct rival (> SAME_PLACE_KM away) comes close in size."""
    winner = ranked[0]
    wlat, wlon = index.coords(winner)
    rivals = [r for r in ranked[1:] if km(wlat, wlon, *index.coords(r)) > SAME_PLACE_KM]
    if not rivals or clearly_bigger(index, winner, rivals[0]):
        return winner, ""
    listed = [winner] + rivals[:LISTED_RIVALS]
    described = "; ".join(index.describe(r) for r in listed)
    more = f" (+{len(rivals) - LISTED_RIVALS} more)" if len(rivals) > LISTED_RIVALS else ""
    why = "no context" if question.context is None and not question.hints else "context does not decide"
    return None, (f"ambiguous: {len(rivals) + 1} places named {question.part.text!r}, {why}: "
                  f"{described}{more}")


def choose(index: PlaceIndex, found: list[tuple[int, int]], hints: list[Hint], context: Hint | None,
           part: Part) -> tuple[int | None, str]:
    """The single clear winner among same-named candidates, or None and why not."""
    quality: dict[int, int] = {}
    for row, q in found:
        quality[row] = min(q, quality.get(row, q))
    question = Question(part, hints, context, quality)
    cands = list(quality)
    try:
        for rule in NARROWING_RULES:
            cands = rule(index, cands, question)
    except NoAnswer as reason:
        return None, str(reason)
    if len(cands) == 1:
        return cands[0], ""
    return clear_winner(index, rank_by_name_then_population(index, cands, question), question)
