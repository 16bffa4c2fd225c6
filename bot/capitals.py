"""A capital stands for its country's government: "Moscow" for Russia, "Seoul" for South Korea.

News and analysis write "Moscow and Beijing loosened sanctions"; a reader asks "Have Russia and
China eased sanctions?". Word vectors do not tell these apart from neighbours (cosine Russia ~
Moscow 0.83, but China ~ Japan 0.75 and Seoul ~ Korea 0.80), so this is a short table of
general knowledge, not a rule about any article: ``counterparts("russia")`` -> (("moscow",),),
``counterparts("seoul")`` -> (("south", "korea"),). Keys and values are folded words, not stems.
Limits: English names, countries whose capital is used this way in the press; a city that is
also a person's name (Paris, Victoria) is left out.
"""

from __future__ import annotations

_PAIRS = """
moscow: russia | beijing: china | seoul: south korea | pyongyang: north korea | tokyo: japan
washington: united states, us, america | canberra: australia | wellington: new zealand
delhi: india | london: britain, uk, united kingdom | berlin: germany | brussels: european union, eu
taipei: taiwan | hanoi: vietnam | jakarta: indonesia | manila: philippines | bangkok: thailand
kyiv: ukraine | kiev: ukraine | tehran: iran | ankara: turkey | islamabad: pakistan | ottawa: canada
naypyidaw: myanmar | dhaka: bangladesh | colombo: sri lanka | kathmandu: nepal | kabul: afghanistan
riyadh: saudi arabia | cairo: egypt | nairobi: kenya | pretoria: south africa | abuja: nigeria
ulaanbaatar: mongolia | dili: timor-leste, east timor | honiara: solomon islands | suva: fiji
minsk: belarus | warsaw: poland | madrid: spain | rome: italy | havana: cuba
caracas: venezuela | brasilia: brazil | damascus: syria | baghdad: iraq | kuala lumpur: malaysia
phnom penh: cambodia | port moresby: papua new guinea | vientiane: laos
"""


def _pairs() -> list[tuple[tuple[str, ...], list[tuple[str, ...]]]]:
    """(capital, [countries]) of the table, each as its words."""
    out = []
    for pair in _PAIRS.replace("\n", "|").split("|"):
        if pair.strip():
            capital, countries = pair.split(":")
            out.append((tuple(capital.split()), [tuple(c.split()) for c in countries.split(",")]))
    return out


def _table() -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for city, countries in _pairs():
        for country in countries:
            # one-word keys only (the question's word); the other side may be several words
            if len(city) == 1:
                table.setdefault(city[0], []).append(country)
            if len(country) == 1:
                table.setdefault(country[0], []).append(city)
    return {k: tuple(v) for k, v in table.items()}


_COUNTERPARTS = _table()


def counterparts(word: str) -> tuple[tuple[str, ...], ...]:
    """The capital of a country, or the country of a capital, each as its words (() if none)."""
    return _COUNTERPARTS.get(word, ())


def _people_word(word: str, place: str) -> bool:
    """``word`` starts as the place's name does and runs at most four letters longer: the word for
    its people or language ("american", "chinese"), or the name itself."""
    return (
        len(place) >= 4
        and word.startswith(place[: max(4, len(place) - 1)])
        and len(place) <= len(word) <= len(place) + 4
    )


def demonym_places(word: str) -> tuple[tuple[str, ...], ...]:
    """The names of the country a people's word stands for, with its capital: "american" ->
    ("america",), ("washington",), ("united", "states"), ("us",); () for any other word."""
    out: list[tuple[str, ...]] = []
    for city, countries in _pairs():
        if any(len(c) == 1 and len(word) > len(c[0]) and _people_word(word, c[0]) for c in countries):
            out += [city, *countries]
    return tuple(out)


_PLACE_WORDS = frozenset(w for city, countries in _pairs() for place in [city, *countries] for w in place)
_COMPASS = frozenset("north south east west northern southern eastern western united".split())


def is_place_word(word: str) -> bool:
    """A folded word of a country or capital in the table, a compass word, or a word for a people
    or language that starts as its country's name does ("korean", "american", "chinese"): a
    capitalised word that names no person."""
    if word in _PLACE_WORDS or word in _COMPASS:
        return True
    return any(_people_word(word, p) for p in _PLACE_WORDS)
