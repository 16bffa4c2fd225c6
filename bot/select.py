"""From candidate evidence to the sentences that answer: ranking, answer-ness, context, confidence.

Ranking is a weighted sum of the retrieval signals plus two answer-ness cues:
- a sentence that only restates the question ("Donald Trump has leverage." for "What
  leverage does Trump have?") is pushed down: most of its content words are the question's;
- a sentence holding what the question type asks for (a date for "when", a number for
  "how many", a name not in the question for "who"/"where", a reason marker for "why", a
  quote or reporting verb for "what did X say") is pushed up.
Then 1 sentence, or up to 2 (3 for broad questions) when the next ones score almost as well
and stay near the first; a sentence that cannot stand alone ("This is the leverage Trump
needs.") brings the sentence before it. Confidence is a logistic model over the top
candidate's signals, fitted on the dev split of the QA set (``python -m eval.calibrate``).
Limits: English cues; weights are global, not per article.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from bot.capitals import counterparts, is_place_word
from bot.followup import mentions_ordinal
from bot.retrieve import PROSE, Evidence
from bot.text import (
    DISCOURSE,
    GENERIC_VERBS,
    acronyms,
    content_words,
    count_spans,
    has_calendar_day,
    has_clock_time,
    has_count,
    has_date,
    has_duration,
    has_money,
    has_number,
    has_time,
    has_time_point,
    names,
    stem,
    term_set,
    terms,
    words,
)
from index.config import Config
from index.sentences import Sentence

_ANAPHOR = re.compile(
    r"^(?:this|that|these|those|it|they|such|he|she|his|her|its|their|there|then|so|but|yet|and|"
    r"both|the latter|the former|as a result|after all|however|instead)\b",
    re.I,
)
_CONTRAST = re.compile(r"^\W*(?:but|yet|however|still|nevertheless|even so)\b", re.I)
_FIRST = re.compile(r"^\W*(?:first(?:ly)?|first of all|for one|to begin with|one reason)\b", re.I)
_REASON = re.compile(
    r"\b(?:because|since|as a result|due to|in order to|so that|so as to|reasons?|therefore|thus|"
    r"after all|catalyst|led to|lead to|means|could be read as|sign|causes?|caused|motives?|motivations?|"
    r"blamed|blames|driven by|owing to|thanks to|stems? from|the result of|the problem is|explains?|explained by|"
    r"(?:the|its|their|his|her) (?:aim|goal|purpose|rationale|logic) (?:is|was)|in a bid to|"
    # "..., citing weaker tax collections", "Investors cite the same worry: ..."
    r"cite|cites|cited|citing|"
    # "The remaining emissions come mostly from a backup generator", "calculating that an empty chair ..."
    r"comes?\s+(?:mostly\s+|largely\s+|mainly\s+|partly\s+)?from|given that|on the grounds that|for fear|"
    r"calculating that|arguing that|"
    # "remains stalled by a long-running dispute", "prompted by", "fuelled by"
    r"(?:stalled|blocked|delayed|hampered|held up|prompted|triggered|fuell?ed|spurred|forced)(?:\s+[\w’'-]+){0,2}?\s+by)\b",
    re.I,
)
# The auxiliaries that open a yes/no question or end a noun phrase ("Which company *is* ...").
_AUX = "is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|must"
# A point in time ("How long?" is not one): "when", "what year", "on which exact date", "what deadline".
_WHEN = r"\bwhen\b|\bwhat (?:year|date|month|day|time|deadline)\b|\bwhich (?:(?:exact|precise|specific) )?(?:year|date|month|day)\b|\bwhat (?:exact|precise|specific) (?:year|date|month|day)\b"
# "How long has he ...?" asks a duration; "How long is the line?" a length (a number).
# ... nor is "How long would the sea wall be?"
_LONG_BE = r"\bhow long\s+(?:is|are|was|were|will be|would|will|could|might)\b(?:\s+[\w’'–-]+){0,5}?\s+be\s*\??\s*$"
_TIME_Q = re.compile(
    rf"{_WHEN}|\bhow long\b(?!\s+(?:is|are|was|were|will be)\b)(?!.*\bbe\s*\??\s*$)|\bsince when\b", re.I
)
_NUMBER_Q = re.compile(
    r"\bhow (?:many|much|often|far|fast|big|large|old|heavy|tall|deep|wide|high|long(?=\s+(?:is|are|was|were|will be)\b))\b|"
    rf"{_LONG_BE}|"
    # "What is the population of ...": a quantity noun as what is asked for
    r"^\W*(?:what|which)(?:'s| is| was| are| were)?(?: the| its| their| his| her)?(?: [\w-]+(?: [\w-]+)?'s)?(?: total| average| annual| current)? "
    r"(?:number|percentage|share|amount|size|population|cost|price|budget|gdp|rate|age|height|length|distance|area|"
    r"total|value|salary|income|revenue|death toll|turnout|margin|score|capacity|speed|weight)\b|"
    # "Where was the rate at its peak?": a level, not a place
    r"^\W*where (?:is|was|are|were|will|did|does|do|has|had)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:rate|rates|price|prices|level|index|inflation|unemployment|figure|yield|currency|shilling|dollar|"
    r"euro|pound|rupee|yen|market|stocks?|shares|balance|deficit|debt)\b",
    re.I,
)
# "Which country ...?" asks for a name, like "who" and "where".
_WHICH_NAME = re.compile(
    r"\bwhich (?:person|leader|official|country|countries|city|cities|place|organi[sz]ation|company|companies)\b", re.I
)
_NAME_Q = re.compile(rf"^\W*(?:who|whom|whose|where)\b|\b(?:who|whom|whose|where)\b|{_WHICH_NAME.pattern}|"
                     r"^\W*what(?:'s|’s|\s+is|\s+was|\s+were|\s+are)\s+the\s+names?\s+of\b", re.I)  # fmt: skip
# "What did the mayor say about people who have no garden?": a "who" after another question word
# opens a relative clause; the question is the first word's.
_OTHER_WH_FIRST = re.compile(
    r"^\W*(?:(?:and|so|but|then|ok|okay)\W+)?(?:what|how|why|when|which|is|are|was|were|do|does|did)\b", re.I
)
_WHY_Q = re.compile(r"\bwhy\b|\bwhat (?:is|was) the reason\b|\bhow come\b", re.I)
_SAID_Q = re.compile(
    r"^\W*what (?:did|does|do|has|have|had|was|were|is)\b.*\b(?:say|said|tell|told|write|wrote|argue|claim|"
    r"remark|declare|announce|think|mean)\b",
    re.I,
)
_REPORTED = re.compile(
    # a quotation of four words or more, or one running over the sentence's edge (not scare quotes:
    # a “grand bargain”); an introduction ending in ":"
    r"[“\"](?:[^”\"\s]+\s+){3,}[^”\"]*[”\"]|^[^“”\"]*[”\"]|[“\"][^”\"]*$|:\s*$|"
    # a reporting verb, not a participle used as an adjective ("its stated intention", "the announced plan")
    r"(?<!\bits )(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\ba )"
    r"\b(?:said|says|told|wrote|writes|argued|argues|claimed|remarked|noted|declared|announced|"
    r"stated|added|insisted|warned|called|complained|complains|admits|admitted|described|explained|observed|"
    r"stressed|acknowledged|conceded|predicted|recalled|replied|responded|urged|commented|cautioned|"
    r"maintained|contended|emphasi[sz]ed|put it)\b|\baccording to\b"
    # the present tense after a plural subject: "communities say", "they warn" (not "too soon to say")
    r"|\b(?:they|we|\w+s)\s+(?:say|tell|argue|claim|warn|insist|complain|admit)\b",
    re.I,
)
_OWN_VERB = re.compile(r"\b(announce|declare|claim|argue|write|remark|warn|promise|pledge|propose|insist)\b", re.I)
_YES_NO_Q = re.compile(rf"^\W*(?:{_AUX})\b", re.I)
_BROAD_Q = re.compile(r"^\W*(?:what|how)\b.*\b(?:want|wants|need|needs|leverage|options?|strategy|signs?|"
                      r"goals?|tactics?|desires?|benefits?|drawbacks?|risks?|happen|conditions?)\b|"
                      r"^\W*(?:describe|explain|summari[sz]e|list)\b", re.I)  # fmt: skip


_FACT_TYPES = ("time", "number", "name")
_COST_Q = re.compile(r"^\W*how much\b(?:\s+[\w’'–-]+){0,8}?\s+(?:cost|costs|spend|spent|pay|paid|charge|charged|"
                     r"invest|invested|raise|raised|borrow|borrowed|lend|lent|earn|earned|owe|owed|donate|donated|"
                     r"contribute|contributed|give|gave|given|pledge|pledged|commit|committed|receive|received)\b|"
                     r"\bhow much money\b|^\W*how much (?:is|are|was|were|will be)\b(?:\s+[\w’'–-]+){0,4}?\s+"
                     r"(?:bills?|tickets?|fares?|fees?|fines?|penalt(?:y|ies)|prices?|rents?|salar(?:y|ies)|wages?|"
                     r"taxe?s?|subsid(?:y|ies)|grants?|tolls?)\b", re.I)  # fmt: skip
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
# "How much did his costs go up?": a change in the costs (a share, perhaps), not a sum of money.
_COST_CHANGE = re.compile(
    r"\bcosts?\s+(?:go|goes|gone|went|rise|rises|risen|rose|fall|falls|fell|fallen|drop|dropped|jump|jumped|"
    r"climb|climbed|increase|increased|decrease|decreased|grow|grew|change|changed)\b",
    re.I,
)
_EXACT_DATE_Q = re.compile(r"\b(?:exact|precise|specific)\s+(?:date|day)\b|\bwhat day\b|\bon what date\b", re.I)
_DATE_Q = re.compile(r"\b(?:what|which)\s+(?:date|day)\b", re.I)
# "How long has he held that job?" (not "How long ago ...?", "How long is the canal?": a length)
_HOW_LONG_Q = re.compile(r"\bhow\s+long\b(?!\s+ago\b)", re.I)
_CLOCK_Q = re.compile(r"\bwhat time\b(?!\s+of\s+(?:the\s+)?(?:year|day|month|week))|\bat what hour\b", re.I)
_MEASURE_Q = re.compile(r"\bhow (heavy|tall|deep|wide|high|long)\b", re.I)
_MEASURED = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?)"
_WEIGHT = re.compile(rf"{_MEASURED}\s*(?:kg|kilo(?:gram)?s?|tonnes?|tons?|pounds|lbs?|grams?)\b", re.I)
_LENGTH = re.compile(rf"{_MEASURED}\s*(?:-|\s)?(?:m|metres?|meters?|km|kilomet(?:re|er)s?|cm|centimet(?:re|er)s?|mm|feet|foot|ft|"
                     r"inch(?:es)?|miles?|yards?|storeys?|stories|floors)\b", re.I)  # fmt: skip


def _measures(question: str, sentence: str) -> bool:
    """A "How long / tall / heavy ...?" question and a sentence giving a length or a weight."""
    return bool(_MEASURE_Q.search(question)) and bool(_LENGTH.search(sentence) or _WEIGHT.search(sentence))


_SPEED_Q = re.compile(r"\bhow fast\b|\bwhat (?:top |average )?speed\b", re.I)
# A speed: "80 km/h", or a distance per unit of time, "25 centimetres a year", "three metres per
# second" (not a frequency: "three trains a week").
_SPEED = re.compile(
    r"\d\s*(?:km/h|kph|mph|knots?)\b|\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)\s*"
    r"(?:(?:centi|milli|kilo)?(?:metre|meter)s?|cm|mm|km|m|miles?|feet|foot|inch(?:es)?|yards?)\s+"
    r"(?:an|per|a|each)\s+(?:second|minute|hour|day|week|month|year|decade)\b",
    re.I,
)
_WHEN_Q = re.compile(_WHEN, re.I)
# "How fast is lending growing?": a rate of change (a share, a number), not a speed
_GROWTH_Q = re.compile(r"\b(?:grow|grows|growing|rise|rises|rising|fall|falls|falling|increas\w*|expand\w*|"
                       r"shrink\w*|declin\w*|climb\w*|spread\w*)\b", re.I)  # fmt: skip
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "finally", "lastly")

# Who does something need not be a name: "the government", "residents", "its chief executive".
_AGENT = re.compile(
    r"\b(?:government|council|ministry|department|agency|authority|board|committee|commission|company|firm|"
    r"operator|union|association|court|police|army|officials?|residents?|farmers?|growers?|critics?|experts?|"
    r"analysts?|voters?|workers?|investors?|citizens?|opponents?|supporters?|activists?|campaigners?|"
    r"ratepayers?|taxpayers?|owners?|managers?|directors?|chief executive|chair(?:man|woman)?|spokes(?:man|woman|person))\b",
    re.I,
)

# "Where ...?" is answered by a place: a capitalised name after a preposition of place or a
# verb of visiting ("at Gull Point", "in Beijing", "visited Singapore"), not any name.
_WHERE_Q = re.compile(r"\bwhere\b", re.I)
_PLACE = re.compile(
    r"\b(?:in|at|near|from|to|into|outside|inside|across|beside|around|off|under|over|along|behind|below|above|"
    r"beneath|between|within|throughout|visit(?:ed|ing|s)?|toured)\s+"
    r"(?:the\s+)?(?:[a-z]+\s+){0,2}?(?:of\s+(?:the\s+)?)?[A-Z]"  # "under the arches of the Carver Street bridge"
)
# The kind of thing asked for: "How many <nuclear warheads> ...", "Which <company> ...".
_ASKED_KIND = re.compile(
    rf"\b(?:how many|which)\s+((?:[\w’'–-]+\s+){{0,2}}?[\w’'–-]+)(?=\s+(?:{_AUX})\b|\s*[?.!]?\s*$)", re.I
)
_SAY = "say|said|tell|told|write|wrote|argue|claim|remark|declare|announce|think|believe|feel"
_SPEAKER = re.compile(rf"^\W*what (?:did|does|do|has|have|had) (.+?) (?:{_SAY})\b", re.I)
# "What does the article say about ...?" asks for its content, not for reported speech.
_THE_TEXT = re.compile(
    r"^(?:the |this |that )?(?:article|author|writer|piece|text|story|report|analysis|essay|it)$"
    # ... and a document's content, too: "What does Spain's law say?", "What does the report say?"
    r"|(?:^|\s|['’]s\s)(?:laws?|rules?|reports?|study|studies|survey|agreement|treaty|deal|bill|act|"
    r"constitution|ruling|regulations?|guidelines?|statement|documents?|letter|paper|data|figures|"
    r"research|poll|plan|proposal|budget|contract|order|sign|evidence)$",
    re.I,
)


# "What is the population of North Korea?", "What is Kim's favourite movie?", "What language do
# they speak?": the thing asked for is the noun phrase after "what is (the / X's)" or after "what";
# when the article lacks its head noun, not even with a near word, it cannot say.
_STOP_NP = r"(?:of|in|on|at|for|like|about|to|from|with|by|and|or|is|are|was|were|do|does|did|has|have|had|will|would|can|could)"
_ATTRIBUTE = re.compile(
    r"^\W*what(?:’s|'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|an?\s+|its\s+|their\s+|his\s+|her\s+)?"
    rf"(?:[\w-]+(?:\s+[\w-]+)?(?:’s|'s)\s+)?((?:(?!{_STOP_NP}\b)[\w-]+\s*){{1,3}})|"
    rf"^\W*what\s+((?:(?!{_STOP_NP}\b)[\w-]+\s+){{1,2}})(?:do|does|did)\b",
    re.I,
)


def asked_attribute(question: str) -> str:
    """The words naming what a "What is the <attribute> of X?" / "What <thing> does X ...?" question
    asks for ("population", "favourite movie", "language"), or ""."""
    m = _ATTRIBUTE.search(question)
    found = (m.group(1) or m.group(2) or "").strip() if m else ""
    # "What is Kim's wife called?": the participle naming the question's form is no part of it;
    # nor is the verb of "What's inflation running at?" (no article before it: not "the building").
    found = _CALLED.sub("", found).strip()
    if _PRONOUN_FIRST.match(found):
        return ""  # "What is it allowed to be used for?": a pronoun names no attribute
    if m and m.group(1) and not _DETERMINED.match(question) and len(found.split()) > 1 and found.endswith("ing"):
        found = found.rsplit(None, 1)[0]
    return found


_DETERMINED = re.compile(r"^\W*what(?:’s|'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the|an?|its|their|his|her)\b", re.I)


_PRONOUN_FIRST = re.compile(r"^(?:it|they|he|she|there|we|you|i)\b", re.I)
_CALLED = re.compile(r"\s+(?:called|named|known|titled|like)$", re.I)


def speaker(question: str) -> str:
    """Who a "What did X say?" question asks about ("the governor", "she"), or "" (also for "What
    does the article say ...?", which asks for the article's content)."""
    m = _SPEAKER.search(question)
    return m.group(1) if m and not _THE_TEXT.search(m.group(1).strip()) else ""


# "Which company owns ...?": no auxiliary marks where the kind ends, so only the word after "which".
_WHICH_WORD = re.compile(r"^\W*which\s+([\w’'–-]+)\s+[a-z]", re.I)
_WHICH_Q = re.compile(r"^\W*which\b", re.I)


_HOW_MANY_WORD = re.compile(r"\bhow many\s+([\w’'–-]+)", re.I)
_AUX_AFTER = re.compile(rf"\s+(?:{_AUX})\b", re.I)


# "How many places to swim ...": the kind ends where its modifier begins.
_KIND_END = re.compile(r"\s+(?:to|of|in|on|at|for|from|with|that|who|which)\b.*$", re.I)


_POSSESSIVE_TAIL = re.compile(r"['’]s\b.*$")


def asked_kind(question: str) -> str:
    """The words naming what a "how many" / "which" question asks for ("nuclear warheads"), or ""
    ("How many cyclists live ...?", with no auxiliary to end the phrase: the word after "how many")."""
    m = _ASKED_KIND.search(question)
    if m and (len(m.group(1).split()) <= 2 or _AUX_AFTER.match(question, m.end(1))):
        # "Which country's programme ...?" asks for the country.
        return _POSSESSIVE_TAIL.sub("", _KIND_END.sub("", m.group(1)))
    # No auxiliary ends the phrase and it is long ("Which households benefited most?"): its
    # first word is the kind, the rest is the verb phrase.
    m = _WHICH_WORD.search(question) or _HOW_MANY_WORD.search(question)
    return _POSSESSIVE_TAIL.sub("", m.group(1)) if m else ""


def _kind_terms(kind: str, near_kind: set[str]) -> set[str]:
    """The terms of an asked kind that must be in the article: its head word, and the words before
    it unless the article has a word as near as "nk" is to "korea" ("Which nk economic zones ...?")."""
    ts = terms(kind)
    return set(ts[-1:]) | (set(ts[:-1]) - near_kind - _HOW_MUCH_MORE)


# "How many extra officers ...?", "Which one ...?": words that count or point, not a kind.
_HOW_MUCH_MORE = frozenset(terms("extra additional new total overall"))


def _kind_word(question: str) -> str:
    """The head word of ``asked_kind`` as typed, folded ("warheads"), or ""."""
    words_ = content_words(asked_kind(question))
    return words_[-1] if words_ else ""


# "How many homes were flooded when the river burst its banks?": a "when" that opens a clause of
# a question led by another wh-word says which event, it does not ask a time ("where and when" does).
_SUBORDINATE_WHEN = re.compile(
    r"^\W*(?:how|what|who|whom|whose|which|where|why)\b.*?(?<!\band)(?<!\bor)(?<!\bby)\s+when\b", re.I
)


def _asks_time(question: str) -> bool:
    m = _TIME_Q.search(question)
    sub = _SUBORDINATE_WHEN.match(question)
    return bool(m) and not (sub and m.start() >= sub.end() - len("when"))


def question_type(question: str) -> str:
    if _asks_time(question):
        return "time"
    if _NUMBER_Q.search(question):
        return "number"
    if _WHY_Q.search(question):
        return "why"
    if _NAME_Q.search(question) and not (_OTHER_WH_FIRST.match(question) and not _NAME_Q.match(question)
                                         and not _WHICH_NAME.search(question)):  # fmt: skip
        return "name"
    if _SAID_Q.search(question):
        return "said"
    if _WHICH_Q.match(question) and asked_kind(question):
        return "kind"  # "Which industries ...?": a sentence naming industries
    return "other"


def is_broad(question: str) -> bool:
    return bool(_BROAD_Q.search(question)) or question_type(question) == "why"


@dataclass(frozen=True)
class Ranked:
    sid: int
    score: float
    dense: float
    context: float
    bm25: float
    restates: bool
    fits_type: bool


def can_stand_alone(text: str) -> bool:
    return not _ANAPHOR.match(text.strip().strip("“\"'‘"))


def _novel_terms(sentence: str, question_terms: frozenset[str]) -> int:
    return len(term_set(sentence) - question_terms)


def _first_word(sentence: str) -> frozenset[str]:
    m = re.match(r"^\W*([A-Z][\w’'–-]+)", sentence)
    return frozenset(terms(m.group(1))) if m else frozenset()


_CALENDAR = frozenset(
    stem(w)
    for w in "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def _fits(qtype: str, sentence: str, question: str, article_names: frozenset[str] = frozenset()) -> bool:
    if qtype == "time":
        if _CLOCK_Q.search(question):  # "At what time on 29 April ...?": a clock time, not the date
            return has_clock_time(sentence)
        if _EXACT_DATE_Q.search(question):  # "On what exact date ...?": a day, not "in nine years"
            return has_calendar_day(sentence)
        if _DATE_Q.search(question):  # "What date did they meet?": a day, or at least the year
            return has_date(sentence) or has_calendar_day(sentence)
        if _HOW_LONG_Q.search(question):  # "How long has he held that job?": not "at the weekend"
            return has_duration(sentence)
        return has_time_point(sentence) if _WHEN_Q.search(question) else has_time(sentence)
    if qtype == "number":
        # "How many passengers use the 52 each day?": the route the question names is no answer.
        asked = numbers(question)
        if asked:
            sentence = _NUM.sub(lambda m: " " if m.group(0).replace(",", "") in asked else m.group(0), sentence)
        if _COST_Q.search(question) and not _COST_CHANGE.search(question):  # "How much will it cost?": money
            return has_money(sentence)
        if _SPEED_Q.search(question) and not _GROWTH_Q.search(question):  # "How fast ...?": a speed
            return bool(_SPEED.search(sentence))
        m = _MEASURE_Q.search(question)
        if m:  # "How heavy is the lander?": a weight; "How deep is the canal?": a length
            # (but "How high is unemployment expected to go?": a level, any number)
            if m.group(1).lower() == "high" and not _LENGTH.search(sentence):
                return has_number(sentence)
            # ("How long is the flight?" may ask a duration)
            if m.group(1).lower() == "long" and not _LENGTH.search(sentence):
                return has_time(sentence)
            return bool((_WEIGHT if m.group(1).lower() == "heavy" else _LENGTH).search(sentence))
        if _HOW_MANY.search(question):  # "How many farms ...?": a count, not a year or a share
            return has_count(sentence, _kind_word(question))
        return has_number(sentence)
    if qtype == "name":
        if _WHERE_Q.search(question):
            if not _PLACE.search(sentence):
                return False
        elif _AGENT.search(sentence) and not _AGENT.search(question):
            return True  # "Who pays the rest?": "... the federal government the rest"
        # (A month or weekday is capitalised but names nobody: "Widodo left office in October"; a
        # sentence's first word is a name when the article writes it capitalised elsewhere: "India
        # was the first to offer such assurances".)
        found = names(sentence) | (_first_word(sentence) & article_names)
        return bool(found - names(question) - {w for w in words(question)} - _CALENDAR)
    if qtype == "why":
        # A cue the question itself says ("not a cause for concern?") is a restatement, not a reason;
        # "As a result, ..." opening the sentence says it is the outcome (the reason came before).
        asked = term_set(question)
        opening = _RESULT_OPEN.match(sentence)
        return any(
            not (set(terms(m.group(0))) & asked)
            and not (opening and m.start() < opening.end())
            # "Since the country's democratic transition in 1990, ...": a point in time, no cause
            and not (m.group(0).lower() == "since" and has_time(sentence[m.end() : m.end() + 60]))
            # "Hanoi has responded with notable restraint, for two reasons.": announced, not given
            and not (m.group(0).lower().startswith("reason") and _COUNTED_REASONS.search(sentence, 0, m.end()))
            for m in _REASON.finditer(sentence)
        )
    if qtype == "said":  # "What did Xi say?": a quote, a reporting verb, or an introduction ending in ":"
        if _REPORTED.search(sentence):
            return True
        # "What did Kim announce in April?": "... able to declare victory and announce a shift".
        m = _OWN_VERB.search(question)
        return bool(m) and stem(m.group(1)) in term_set(sentence)
    if qtype == "other" and _HOW_Q.match(question):  # "How did M-Pesa work?": the means, "by text message"
        return bool(_MANNER.search(sentence))
    if qtype == "kind":  # "Which industries ...?": the sentence names that kind of thing
        kind = _kind_word(question)
        return bool(kind) and stem(kind) in term_set(sentence) and not _only_counted(kind, sentence)
    return False


# "Which bakeries will close?": "... would close two of its seven bakeries" says how many, not
# which; the kind word is counted wherever the sentence has it.
_COUNTED = re.compile(
    r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?)"
    r"\s+(?:(?:of\s+)?(?:the|its|their|his|her|our|these|those)\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|[a-z][\w’'-]*)?\s*$",
    re.I,
)


# ("the three eastern rivers – the Ravi, Beas and Sutlej": counted, and then named)
_NAMED_AFTER = re.compile(r"\s*(?:[–—:(,-]\s*)?(?:the\s+)?[A-Z]")


# "Which rivers went to India?": "the three eastern rivers – the Ravi, Beas and Sutlej" says which,
# not "India may build ... on the western rivers", which only mentions the kind.
_NAMES_FOLLOW = re.compile(
    r"\s*(?:[–—:(]|,\s+(?:such as|including|notably|namely)\b|\s+(?:such as|including))\s*(?:the\s+)?[A-Z]"
)


def _names_the_kind(kind: str, sentence: str) -> bool:
    return any(_NAMES_FOLLOW.match(sentence, m.end()) for m in re.finditer(rf"\b{re.escape(kind)}\b", sentence, re.I))


def _counted_at(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 40) : start]
    m = _COUNTED.search(before)
    # ("a SpaceX Falcon 9 rocket": a number inside a name counts nothing)
    return bool(m) and not re.search(r"[A-Z][\w’'-]*\s+$", before[: m.start()])


def _only_counted(kind: str, sentence: str) -> bool:
    at = [m for m in re.finditer(rf"\b{re.escape(kind)}\b", sentence, re.I)]
    # ("ten industries he wanted to see expand: electric-power, metallurgy, ...": listed after)
    return (bool(at) and ":" not in sentence[at[0].end() :]
            and all(_counted_at(sentence, m.start()) and not _NAMED_AFTER.match(sentence, m.end()) for m in at))  # fmt: skip


_NUM = re.compile(r"\d+(?:[.,]\d+)*")
# The means or way something is done: "by text message", "by forcing", "using money from ...", "through
# membranes", "With the streets largely unpoliced, ...".
_MANNER = re.compile(
    r"\bby\s+(?:\w+ing|rail|road|sea|air|text|phone|mail|hand|law|decree)\b|\busing\b|\bthrough\b|\bvia\b|"
    r"^\W*with\s+(?:the|a|an)\b",
    re.I,
)


def numbers(s: str) -> frozenset[str]:
    return frozenset(m.replace(",", "") for m in _NUM.findall(s))


# "Who is Sofia Marchetti?": a news article introduces a person where it first names them ("Dr.
# Sofia Marchetti, a bat ecologist at ..."); later sentences say what they did.
_WHO_IS = re.compile(r"^\W*who\s+(?:is|was)\s+([^?]+?)\W*$", re.I)
_NOT_A_NAME = re.compile(r"\b(?:the|a|an|this|that|his|her|its|their|our|my|your)\b|['’]s\b", re.I)


def asked_person(question: str) -> str:
    """The name a "Who is <name>?" question asks about ("Lena Hoffmann"), or ""."""
    m = _WHO_IS.match(question)
    return "" if not m or _NOT_A_NAME.search(m.group(1)) else m.group(1)


def introduction(
    question: str, sentences: list[Sentence], first_naming: Callable[[frozenset[str]], int | None] | None = None
) -> int | None:
    """For "Who is <name>?", the id of the first prose sentence naming them, else None.
    ``first_naming(terms)`` finds that sentence from an index (``Retriever.first_naming``); without
    it every sentence is read."""
    m = _WHO_IS.match(question)
    if not m or _NOT_A_NAME.search(m.group(1)):
        return None
    wanted = frozenset(terms(m.group(1)))
    if not wanted:
        return None
    if first_naming is not None:
        return first_naming(wanted)
    return next((x.id for x in sentences if x.kind in PROSE and wanted <= term_set(x.text)), None)


def _opens_item(text: str, ordinal: str, qterms: frozenset[str]) -> bool:
    """The sentence opens the enumerated item asked for: "First, ...", or "The first option is ..."
    when the question asks for the first option (not "The first train ..." for it)."""
    if re.match(rf"^\W*{ordinal}(?:ly)?\b,", text, re.I):
        return True
    m = re.match(rf"^\W*the\s+{ordinal}\s+([\w’'–-]+)", text, re.I)
    return bool(m) and stem(m.group(1).lower()) in qterms


_WH_OPEN = re.compile(r"^\W*(what|how)\b", re.I)  # "who", "where", "when", "why" open relative clauses too


def _embeds_question(question: str) -> Callable[[str], bool] | None:
    """For "What does Kim Jong-un want?": a test for sentences that hold the question itself as a
    clause ("understanding what Kim Jong-un wants is not so difficult"), which says that there is
    an answer, not what it is. None when the question opens with no "what"/"how" or has no verb
    after its subject to look for."""
    m = _WH_OPEN.match(question)
    content = terms(question)
    if not m or len(content) < 2:
        return None
    wh, verb, subject = m.group(1).lower(), content[-1], frozenset(content[:-1])

    def test(sentence: str) -> bool:
        ws = words(sentence)
        for i, w in enumerate(ws):
            # (Not first: "What the government really wants is ..." says what it wants.)
            if w == wh and i > 0:
                span = [stem(x) for x in ws[i + 1 : i + 8]]
                if verb in span and subject & set(span[: span.index(verb)]):
                    return True
        return False

    return test


# "When was the original security pact signed?": the question's last word is the event dated, and
# "The original agreement, signed in April 2022 and never fully published, ..." dates it, where
# "Consider the sequel to the 2022 security pact." only has a year.
_WHEN_VERB = re.compile(r"^\W*when\b.*\s([a-z][\w’'-]*?)\W*$", re.I)
_DATED = re.compile(r"\s+(?:in|on|at|from|since)\s+(?:early\s+|late\s+|mid-?)?(?:\d|[A-Z][a-z]+\s+\d)")


def _dated_verb(question: str) -> str:
    m = _WHEN_VERB.match(question)
    return stem(m.group(1).lower()) if m and m.group(1).lower() not in _AUX.split("|") else ""


def _dates_verb(dated: str, sentence: str) -> bool:
    return any(stem(m.group(0).lower()) == dated and _DATED.match(sentence, m.end())
               for m in re.finditer(r"[A-Za-z][\w’'-]*", sentence))  # fmt: skip


# "Who runs the Mammoth plant?": the doer is named where the question's verb has its agent, "the
# Swiss company that runs the Mammoth facility", "The phrase was popularised by ...", not where the
# thing asked about is the subject ("Mammoth runs on power from ...").
_WHO_VERB = re.compile(rf"^\W*who\s+(?:(?:{_AUX})\s+)?([a-z][\w’'-]*)\b", re.I)
_AGENT_BEFORE = frozenset("that who which".split())


def _deed(question: str) -> str:
    """The stem of the verb a "Who <verb> ...?" question asks the doer of ("" if none)."""
    m = _WHO_VERB.match(question)
    if not m:
        return ""
    verb = m.group(1).lower()
    aux = m.group(0).split()[1].lower() != verb
    if verb in _AUX.split("|") or (aux and not verb.endswith(("ing", "ed", "en"))):
        return ""  # "Who is the current secretary-general?": no verb; "Who is doing ...": no deed
    return stem(verb)


def _names_doer(deed: str, sentence: str, asked: frozenset[str] = frozenset()) -> bool:
    """``sentence`` has the verb with its doer beside it: "<verb> by ...", "... that <verb>", or a
    name the question does not say right before it ("India replaced them with civilian technicians")."""
    ws = words(sentence)
    return (
        any(
            stem(w) == deed and ((i + 1 < len(ws) and ws[i + 1] == "by") or (i > 0 and ws[i - 1] in _AGENT_BEFORE))
            for i, w in enumerate(ws)
        )
        or (bool(names(sentence)) and any(_is_doer_noun(deed, w) for w in ws))
        or _named_subject(deed, sentence, asked)
    )


_SUBJECT_VERB = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*)\s+([a-z][\w’'-]*)")


def _named_subject(deed: str, sentence: str, asked: frozenset[str]) -> bool:
    return any(
        stem(m.group(2)) == deed and stem(m.group(1).lower()) not in asked for m in _SUBJECT_VERB.finditer(sentence)
    )


def _is_doer_noun(deed: str, word: str) -> bool:
    """``word`` names who does the deed: "leader" for "lead", "spokesman" for "speak" ("Who speaks
    for the election commission?": "Major General Aung Kyaw Hein, the commission's spokesman")."""
    if deed == "speak":
        return word.startswith("spokes")
    return len(deed) > 2 and stem(word) in (deed + "er", deed + "or", deed + "r")


@lru_cache(maxsize=65536)
def _bigrams(text: str) -> frozenset[tuple[str, str]]:
    """Pairs of consecutive content terms: "his 2018 New Year's Speech" has ("new", "year"), ("year", "speech")."""
    t = terms(text)
    return frozenset(zip(t, t[1:]))


# An article's own question this near the user's (cosine) is the same question: 0.6 and 0.7 each lost
# an answer over the QA sets ("What should New Delhi do next?" for "What does New Delhi worry
# about?", 0.7x), 0.8 none.
_ASKED_HERE = 0.8
_LONG = 40  # words: a sentence this long or longer gets all of Config.w_length
# "Why ...?", "How does ...?", "What does X want?" are answered by a sentence that explains, and
# explaining takes words: the longer of two near-equal candidates more often holds the reason.
_HOW_Q = re.compile(r"^\W*(?:(?:and|so|but)\W+)?how\b", re.I)


def _explaining_words(s: Sentence, sentences: list[Sentence], restates: bool) -> int:
    """Words of the sentence, or for one that restates the question ("... but it misses what Mr
    Marape actually wants."), of the next one in its paragraph, which the answer brings along."""
    if restates:
        nxt = _neighbour(sentences, s, +1)
        return len(nxt.text.split()) if nxt is not None and nxt.paragraph == s.paragraph else 0
    return len(s.text.split())


def _explanatory(question: str, qtype: str) -> bool:
    return qtype not in _FACT_TYPES and (is_broad(question) or bool(_HOW_Q.match(question)))


def rank(
    ev: Evidence,
    sentences: list[Sentence],
    question: str,
    config: Config,
    near: frozenset[int] = frozenset(),
    avoid: frozenset[int] = frozenset(),
    first_naming: Callable[[frozenset[str]], int | None] | None = None,
    article_names: frozenset[str] = frozenset(),
    person: str = "",
) -> list[Ranked]:
    """Candidates best first.

    ``near``: sentence ids cited by the previous turn (a follow-up looks around them);
    ``avoid``: ids the user has already been given and asks past ("What else?");
    ``person``: the name a follow-up's "he" / "she" stands for ("Who is Lena Hoffmann?" before).
    """
    qtype = question_type(question)
    yes_no = bool(_YES_NO_Q.match(question))
    qterms = term_set(question) | frozenset(ev.query_terms)
    qnums = numbers(question)
    own_terms = term_set(question)
    # "What should India do first?": the item the article opens with "First, ..." is the answer.
    # Not for a fact question: in "When was their first meeting?" the ordinal says which event.
    ordinal = "" if qtype in _FACT_TYPES else next((o for o in _ORDINAL_WORDS if mentions_ordinal(question, o)), "")
    near_paras = {(sentences[i].doc, sentences[i].paragraph) for i in near}
    # "What could go wrong with it?" after "The first option is ...": the sentence right after the
    # previous answer continues it ("This has the appeal of clarity, but it risks ..."; "In
    # Singapore, he remarked ..." after "In the Panmunjom Declaration, he called for ...").
    after_near = {i + 1 for i in near if i + 1 < len(sentences) and sentences[i + 1].doc == sentences[i].doc
                  and sentences[i + 1].paragraph == sentences[i].paragraph} - set(near)  # fmt: skip
    intro = introduction(question, sentences, first_naming) if qtype == "name" else None
    qbigrams = _bigrams(question)
    explanatory = _explanatory(question, qtype)
    embedded = _embeds_question(question)
    cond = _conditions(question)
    deed = _deed(question) if qtype == "name" else ""
    kind = _kind_word(question) if qtype == "kind" else ""
    dated = _dated_verb(question) if qtype == "time" else ""
    out: list[Ranked] = []
    for j, sid in enumerate(ev.ids.tolist()):
        s = sentences[sid]
        st = term_set(s.text)
        # (A follow-up's borrowed words are its topic, not its restatement: "Which of their meetings
        # was that? (Xi Jinping Kim Beijing)" is answered by "Xi Jinping said during his third meeting
        # with Kim in Beijing:".)
        novel = len(st - (own_terms if near else qterms))
        # Restating: nearly every content word is the question's (and too few new ones to be an answer).
        # The sentence introducing the person a "Who is <name>?" asks about says who they are.
        fits = _fits(qtype, s.text, question, article_names) or sid == intro
        # ... unless its few new words are what a when/how-many/who question asks ("In 2016, ...").
        # ... and for a yes/no question, a sentence saying what the question says is the answer.
        restates = bool(st) and novel <= max(1, len(st) // 3) and not (fits and qtype in _FACT_TYPES) and not yes_no
        # "... understanding what Kim Jong-un wants is not so difficult" names the question, not its answer.
        restates = restates or (embedded is not None and embedded(s.text))
        # "So what can Hanoi do?" for "What options does Hanoi have?": the article asks the question
        # itself, and answers it next; no penalty, the answer (its next sentence) comes along.
        # ("Why, then, keep China in the mix?" for "Why do island governments keep China involved at
        # all?": the article asking why is asking the same, even in other words.)
        asked_here = (restates and is_question(s.text)
                      and (float(ev.dense[j]) >= _ASKED_HERE or (qtype == "why" and bool(_WHY_Q.search(s.text)))))  # fmt: skip
        score = (
            config.w_dense * float(ev.dense[j])
            + config.w_context * float(ev.context[j])
            + config.w_bm25 * float(ev.bm25[j])
            # "What did X say?": only reported speech can answer, so the cue counts double.
            + (config.w_type * (2.0 if qtype == "said" else 1.0) if fits else 0.0)
            - (config.w_restate if restates and not asked_here else 0.0)
            + (config.w_near if (s.doc, s.paragraph) in near_paras else 0.0)
            + (config.w_next if sid in after_near else 0.0)
            + (config.w_number if qnums and qnums & numbers(s.text) else 0.0)
            + (2 * config.w_type if ordinal and _opens_item(s.text, ordinal, qterms) else 0.0)
            + (config.w_type if sid == intro else 0.0)
            # The question's words in the same order ("New Year's Speech"), not only anywhere.
            + (config.w_phrase * len(qbigrams & _bigrams(s.text)) / len(qbigrams) if qbigrams else 0.0)
            - (config.w_repeat if sid in avoid else 0.0)
            # The standfirst sums the piece up; a body sentence saying the same has the particulars.
            - (config.w_standfirst if s.kind == "standfirst" else 0.0)
            + (config.w_length * min(_explaining_words(s, sentences, restates), _LONG) / _LONG if explanatory else 0.0)
            # "What are the risks if Trump gets this wrong?": "But if Trump is easily waylaid ..., then ..."
            + (config.w_type if cond and cond & _conditions(s.text) else 0.0)
            + (2 * config.w_type if deed and _names_doer(deed, s.text, own_terms) else 0.0)
            + (config.w_type if kind and _names_the_kind(kind, s.text) else 0.0)
            + (config.w_type if dated and _dates_verb(dated, s.text) else 0.0)
        )
        out.append(Ranked(sid, score, float(ev.dense[j]), float(ev.context[j]), float(ev.bm25[j]), restates, fits))
    out.sort(key=lambda r: -r.score)
    typed = {} if ev.typed_dense is None else dict(zip(ev.ids.tolist(), ev.typed_dense.tolist()))
    _prefer_continuation(out, sentences, own_terms, near, after_near, typed)
    _prefer_person(out, sentences, question, person)
    if qtype in _FACT_TYPES and near and out and not out[0].fits_type:
        # "Where did he give it?" after an answer quoting the speech "... he told the assembled
        # troops in Naypyidaw": the previous answer's sentence holding the fact asked for answers.
        j = next((j for j, r in enumerate(out) if r.sid in near and r.fits_type), None)
        if j is not None:
            _promote(out, j)
    if (qtype in _FACT_TYPES or qtype == "kind") and out and not out[0].fits_type:
        # "When was the disease confirmed?": "Elsewhere the disease has been devastating." scores a
        # little above "Laboratory tests confirmed in January ...": the one with the time answers.
        for j, r in enumerate(out[1:], 1):
            if out[0].score - r.score > config.type_gap:
                break
            # (For "Which <kind> ...?" fitting means saying the kind, itself a lexical match; for
            # "Who is <name>?" the sentence introducing them matches the name, all there is to match.)
            if r.fits_type and not r.restates and (r.bm25 >= out[0].bm25 or qtype == "kind" or r.sid == intro):
                out.insert(0, out.pop(j))
                break
    _prefer_closer(out, sentences, question, qtype, config.type_gap)
    return out


def _promote(out: list[Ranked], j: int) -> None:
    """Candidate ``j`` goes first, scored as the sentence it replaces: the confidence is then the
    answer's, not that of a lower-scored sentence moved up by a rule."""
    out.insert(0, replace(out.pop(j), score=out[0].score))


def _prefer_closer(out: list[Ranked], sentences: list[Sentence], question: str, qtype: str, gap: float) -> None:
    """Two sentences both holding the kind of fact asked, scored a hair apart: the one nearer in
    meaning answers. "How much coal did Mongolia export this year?": "In the first ten months of
    2023, Mongolian coal exports reached a record 54 million tonnes", not "China buys roughly 84
    per cent of Mongolia's exports, most of it coal ..."."""
    if qtype not in ("number", "time") or len(out) < 2 or not (out[0].fits_type and out[1].fits_type):
        return
    if out[0].score - out[1].score > gap or out[1].dense - out[0].dense < _CLOSER or out[1].restates:
        return
    # ... unless only the top says the date the question names: "How much rice was sold at auction
    # in March?" is "In March the ministry sold 210,000 tonnes at auction", not "In May ... sold".
    dates = {w for w in terms(question) if has_date(w)}
    if dates & term_set(sentences[out[0].sid].text) - term_set(sentences[out[1].sid].text):
        return
    _promote(out, 1)


_CLOSER = 0.05


def _prefer_continuation(out: list[Ranked], sentences: list[Sentence], own: frozenset[str], near: frozenset[int],
                         after_near: set[int], typed: dict[int, float]) -> None:  # fmt: skip
    """A follow-up's best sentence is the previous answer again, sharing none of the words the user
    typed, while the sentence right after it has some, or is nearer to the typed question alone:
    that one answers, it goes first. "What did it conclude?" after "Who investigated the crash?":
    not "The ... commission investigated ..." again but the next sentence, "It concluded that ...";
    "How did they fix it?" after "In the first winter, ice on the charging arm forced ...": "A
    heated cover fitted in late 2022 has mostly solved the problem"."""
    if not out or out[0].sid not in near or not own or own & term_set(sentences[out[0].sid].text):
        return
    top = typed.get(out[0].sid, 1.0)
    j = next((j for j, r in enumerate(out) if r.sid in after_near
              and (own & term_set(sentences[r.sid].text) or typed.get(r.sid, 0.0) > top)), None)  # fmt: skip
    if j is not None:
        _promote(out, j)


_PERSONAL = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.I)


def _prefer_person(out: list[Ranked], sentences: list[Sentence], question: str, person: str) -> None:
    """A "he" / "she" after "Who is <name>?" stands for that person: "What did she say about the two
    offers?" after "Who is Lucy Kewa?" is answered by "Dr. Lucy Kewa ... put it bluntly: 'Canberra
    brings a manual, ...'", not by a best sentence naming neither her nor anyone as "he" / "she"
    ("China's offer is smaller but easier to accept.")."""
    surname = terms(person)[-1:] if person and _PERSONAL.search(question) else []
    if not surname or not out:
        return
    top = sentences[out[0].sid].text
    # (A sentence with "he" / "she" may be about them: "He has also promised to lift growth ...")
    if surname[0] in term_set(top) or _PERSONAL.search(top):
        return
    j = next((j for j, r in enumerate(out) if surname[0] in term_set(sentences[r.sid].text)), None)
    if j is not None:
        _promote(out, j)


# "if Trump ...", "unless the council ...": the condition's first content words.
_CONDITION = re.compile(r"\b(?:if|unless)\s+((?:[\w’'–-]+\s+){0,3}[\w’'–-]+)", re.I)


def _conditions(text: str) -> set[str]:
    """The terms opening each "if ..." / "unless ..." clause of ``text`` (up to four words each)."""
    return {t for m in _CONDITION.finditer(text) for t in terms(m.group(1))}


_GENERIC_QUANTITY = frozenset(
    stem(w) for w in "share amount number total percentage proportion portion fraction figure level sum".split()
)
# "What did the Indonesian official say?": any office-holder the article names may be the one.
_GENERIC_SPEAKER = frozenset(
    terms("official officials spokesperson spokesman spokeswoman representative source sources")
)
_TIME_MODIFIERS = frozenset(terms("former ex then current new late outgoing incoming acting interim"))
_KIND_COSINE = 0.65
# "How many times ...?", "In how many ways ...?": a count of occasions, not a kind of thing; "How
# many people ...?" counts whoever the article counts ("respondents", "households").
_GENERIC_KIND = frozenset(terms("times time ways kinds types sorts occasions people persons one ones"))
_PARAPHRASE_COSINE = 0.6
# "On which exact date ...?", "What deadline did she give?": the time asked for, not a topic.
_TIME_KIND = frozenset(terms("exact precise specific date year month day time deadline"))
# "What did the Suva Agreement provide?", "What should Australia avoid?": the unmatched word is the
# verb, which the article says in its own words ("Puna served out his term ..."), so sharing only
# names with the article is no sign here (measured: 3 false declines fewer on the seventeenth
# article, one "What does Samuel Reyes teach?" no longer declined).
_DO_Q = re.compile(
    r"^\W*(?:what|how|why|who|whom)\s+(?:did|does|do|should|will|would|can|could|might|must|has|have|had)\b", re.I
)

# Signals of the abstention model. Few and monotone on purpose: with ~100 dev questions,
# more (correlated) signals fit the dev set better and new articles worse.
FEATURES = ("top_dense", "support", "margin", "unknown_name", "type_missing")


_PLURAL_KIND = re.compile(r"(?:[^s]s|ies)$", re.I)


# "Who is South Korea's president?", "Who was the governor of Jakarta?": the role asked about.
_WHO_ROLE = re.compile(
    r"^\W*who\s+(?:is|was|are|were|will be)\s+(?:the\s+|an?\s+|[\w-]+(?:\s+[\w-]+)?['’]s\s+)"
    r"((?:[\w-]+\s+){0,2}?[\w-]+)\s*(?:\bof\b|\bin\b|\bat\b|\bfor\b|\?|$)",
    re.I,
)


def _role_word(question: str) -> str:
    """The head word of the role a "Who is the <role> (of X)?" question asks about ("president"), or ""."""
    m = _WHO_ROLE.match(question)
    words_ = content_words(m.group(1)) if m else []
    return words_[-1] if words_ else ""


_LESSER = frozenset("deputy vice former ex assistant acting interim late junior shadow would-be".split())


def _only_a_lesser_role(role: str, question: str, sentence: str) -> bool:
    """The sentence has the role only as a lesser or past one the question does not ask for:
    "deputy mayor", "vice-president", "former minister" for "Who is the mayor / president / minister?"."""
    ws = words(sentence)
    asked = set(words(question))
    found = [i for i, w in enumerate(ws) if stem(w) == stem(role)]
    if not found:
        return False
    # A hyphenated word is listed whole, then its parts: "vice-president", "vice", "president".
    return all(any(w in _LESSER and w not in asked for w in ws[max(0, i - 3) : i]) for i in found)


_LIST_NAME = r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
# "France, Germany and the United Kingdom", "Shenzhen and Zhuhai"
_NAME_LIST = re.compile(rf"{_LIST_NAME}(?:,\s+{_LIST_NAME})*,?\s+(?:and|or)\s+{_LIST_NAME}")
_LIST_SPLIT = re.compile(r",\s+|\s+(?:and|or)\s+")


def _lists_the_kind(question: str, sentence: str) -> bool:
    """A "Which <kinds> ...?" question whose sentence lists two or more names ("X, Y and Z"), none
    of them the question's, and says something the question asks besides its names and kind
    ("set up" in "set up by France, Germany and the United Kingdom"; "Which companies want to
    invest in Rason?" is not answered by "Rason and Sinuiju ... could become the next Shenzhen and
    Zhuhai")."""
    kind = _kind_word(question)
    if not _WHICH_Q.match(question) or not _PLURAL_KIND.search(kind):
        return False
    if not (term_set(question) - names(question) - {stem(kind)}) & term_set(sentence):
        return False
    asked = set(words(question))
    return any(
        not any(set(words(item)) - {"the"} & asked for item in _LIST_SPLIT.split(m.group(0)))
        for m in _NAME_LIST.finditer(sentence)
    )


def _names_no_such_kind(question: str, sentence: str, near: Callable[[str, str], bool] | None = None) -> bool:
    """A "Which <kind> ...?" question whose sentence never says that kind ("company"), nor a word
    near it (``near(kind, sentence)``: "Sweden, France" for "countries", "kilometres" for
    "distances"); a "Who is the <role>?" question whose sentence never says the role ("Who is
    South Korea's president?" answered by a sentence about South Korea without a president)."""
    if _WHICH_Q.match(question):
        kind = _kind_word(question)
    else:
        kind = _role_word(question)
        if kind and _only_a_lesser_role(kind, question, sentence):
            return True  # "Who is the mayor?": "Anouk Verbeek, the city's deputy mayor"
    if not kind or stem(kind) in term_set(sentence):
        return False
    # "Which Chinese cities ...?": "the next Shenzhen and Zhuhai" names two, new to the question.
    if _PLURAL_KIND.search(kind) and len(names(sentence) - names(question) - set(terms(question))) >= 2:
        return False
    if _WHICH_Q.match(question) and (
        _done_by_a_name(question, kind, sentence) or _done_to_a_name(question, kind, sentence)
    ):
        return False
    return not (near is not None and near(kind, sentence))


_BY_NAME = re.compile(r"\bby\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")


def _done_by_a_name(question: str, kind: str, sentence: str) -> bool:
    """ "Which company will run the buses?": "It will be run ... by Redline Buses, the Leeds-based
    operator": the sentence says what the question asks besides its names and kind, done "by" a name
    not made of the question's words alone ("Redline Buses" for "the buses")."""
    asked = set(words(question))
    if not any(not set(words(m.group(1))) <= asked for m in _BY_NAME.finditer(sentence)):
        return False
    return bool((term_set(question) - names(question) - {stem(kind)}) & term_set(sentence))


_VERB_NAME = re.compile(r"\b([a-z]+)\s+(?:the\s+|an?\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")


def _done_to_a_name(question: str, kind: str, sentence: str) -> bool:
    """ "Which ship did the Revolutionary Guards seize?": "... the Islamic Revolutionary Guard Corps
    seized the British-flagged Stena Impero": a word the question asks (not its names or kind) right
    before a name not made of the question's words alone."""
    asked = set(words(question))
    wanted = term_set(question) - names(question) - {stem(kind)}
    return any(
        stem(m.group(1)) in wanted and not set(words(m.group(2))) <= asked for m in _VERB_NAME.finditer(sentence)
    )


_POSSESSIVE_OPEN = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:he|she|his|her|they|their)\b", re.I)
_PRONOUN_SPEAKER = frozenset("he she they it we i you him her them".split())


def _in_paragraph(sentences: list[Sentence], sid: int, before: int, after: int) -> list[Sentence]:
    """The sentences from ``before`` ahead of ``sid`` to ``after`` behind it, in its paragraph."""
    s = sentences[sid]
    window = sentences[max(0, sid - before) : sid + after + 1]
    return [x for x in window if x.doc == s.doc and x.paragraph == s.paragraph]


def _speaker_absent(who: set[str], sentences: list[Sentence], sid: int) -> bool:
    """A named speaker ("the police", "Ofwat": its terms as the article writes them) that neither
    the sentence nor the ones before it in its paragraph name (a quotation's speaker is named next
    to it: "..., she said." after "X said")."""
    wanted = who - _PRONOUN_SPEAKER
    if not wanted:
        return False
    near = _in_paragraph(sentences, sid, 2, 1)
    # "Consider his Armed Forces Day speech ...": a paragraph opening with "his" goes on about the
    # person the paragraph before ends with.
    if near and near[0].position == 1 and _POSSESSIVE_OPEN.search(near[0].text) and near[0].id > 0:
        near = _in_paragraph(sentences, near[0].id - 1, 1, 0) + near
    return not any(wanted & term_set(x.text) for x in near)


_YEAR_Q = re.compile(r"\b(?:1[89]|20)\d\d\b")


# A name the article keeps returning to (in more than this share of its paragraphs) is its topic,
# often left unsaid near the answer ("the company", "its river"); measured over the QA sets, a third:
# 13 unanswerable questions more declined, 1 answerable one lost (a half: 15 and 2; no limit: 15 and 4).
_TOPIC_NAME_SHARE = 0.34
_NAME_WINDOW = 3  # sentences before and after the answer, in its paragraph


def _name_elsewhere(
    question: str, sentences: list[Sentence], sid: int, known: set[str], brought: Sequence[Sentence] = ()
) -> bool:
    """The question names something the article has, though not near the best sentence: "How many
    hectares has the Philippines reclaimed?" answered by a sentence about Vietnam's reclamation. A
    capital stands for its country ("Canberra has promised ..." for Australia), a phrase for its
    initials and a shared start for the word ("Iranian" for Iran); the article's topic names are exempt (see above)."""
    asked = set(names(question)) & known
    if not asked:
        return False
    article = _article_of(sentences, sid)  # (a corpus index holds many: the topic is this one's)
    n_par = len({x.paragraph for x in article})
    asked = {n for n in asked
             if len({x.paragraph for x in article if n in term_set(x.text)}) <= _TOPIC_NAME_SHARE * n_par}  # fmt: skip
    if not asked:
        return False
    around: set[str] = set()
    for x in _in_paragraph(sentences, sid, _NAME_WINDOW, _NAME_WINDOW) + list(brought):
        # "the USDP" asked, "the Union Solidarity and Development Party" said
        around |= term_set(x.text) | set(acronyms(x.text))
        for w in words(x.text):
            for c in counterparts(w):
                around |= set(terms(" ".join(c)))

    def present(n: str) -> bool:
        return n in around or any(
            len(n) >= 4 and len(t) >= 4 and len(os.path.commonprefix([n, t])) >= max(4, min(len(n), len(t)) - 1)
            for t in around
        )

    return not all(present(n) for n in asked)


def _article_of(sentences: list[Sentence], sid: int) -> list[Sentence]:
    """The sentences of the article ``sid`` belongs to (an article's sentences are consecutive)."""
    doc, lo, hi = sentences[sid].doc, sid, sid
    while lo > 0 and sentences[lo - 1].doc == doc:
        lo -= 1
    while hi + 1 < len(sentences) and sentences[hi + 1].doc == doc:
        hi += 1
    return sentences[lo : hi + 1]


# Nouns for a person: "Which American general led the talks?" asks for one by name.
_PERSON_NOUNS = frozenset(terms(
    "general admiral commander officer minister official leader diplomat envoy secretary judge economist "
    "analyst expert spokesman spokeswoman spokesperson director commissioner ambassador senator mayor governor "
    "chairman chairwoman negotiator politician lawmaker researcher scientist professor journalist reporter "
    "executive president premier person man woman"
))  # fmt: skip
# the three words after "Which" or "the name of (the)": "Which North Korean general ...?"
_PERSON_ASKED = re.compile(
    r"^\W*which\s+((?:[\w–-]+\s+){0,2}[\w–-]+)|\bname\s+of\s+(?:(?:the|this|that|their|its)\s+)?((?:[\w–-]+\s+){0,2}[\w–-]+)",
    re.I,
)
_NAME_RUN = re.compile(r"\b[A-Z][\w’'–-]*(?:\s+[A-Z][\w’'–-]*)+")


def _unnamed_person(question: str, texts: Sequence[str]) -> bool:
    """ "Which American general led the talks?", "What is the name of the US general ...?": a person
    is asked for by name, and the sentences name nobody the question does not: no run of two
    capitalised words once a people or place that opens it is set aside ("North Korean generals",
    "the Korean War"; but "North Korean Foreign Minister Ri Yong-ho"). (A surname alone, "Brooks led them", is missed.)"""
    m = _PERSON_ASKED.search(question)
    if not m or not set(terms(m.group(1) or m.group(2))) & _PERSON_NOUNS:
        return False
    asked = set(words(question))
    for t in texts:
        for run in _NAME_RUN.finditer(t):
            ws = [w for w in words(run.group(0)) if w not in ("the", "a", "an")]
            while ws and (is_place_word(ws[0]) or stem(ws[0]) in _CALENDAR):  # "North Korean Foreign Minister Ri"
                ws.pop(0)
            if len(ws) >= 2 and not set(ws) <= asked:
                return False
    return True


# A clause ends at a comma, dash or conjunction: "the number of confirmed cases rose to 147"
# holds its kind before the number, "... homes are, and will replace about 2,000 pipes" does not.
_CLAUSE_BREAK = re.compile(r"[,;:–—()]|\b(?:and|but|while|whereas|which|who)\b", re.I)
_COUNTED_AFTER = 4  # words after a number that may say what it counts ("200 American soldiers lost")


def _counts_something_else(
    question: str, texts: Sequence[str], known: set[str], near: Callable[[str, str], bool] | None = None
) -> bool:
    """ "How many lifeguards will be hired?": the article has lifeguards, but the counts of the
    sentences count something else ("one of the three bathing spots", "2,300 signatures"): no
    count has the kind (or a word near it) in the words after it or in its clause before it. (A
    kind the article lacks is another clause's; "people" is whoever the article counts.)"""
    if not _HOW_MANY.search(question):
        return False
    kind = _kind_word(question)
    if not kind or stem(kind) not in known or stem(kind) in _GENERIC_KIND or is_place_word(kind):
        return False

    # Any word of the kind may be the one counted: "200 American soldiers" for "How many American
    # soldiers' remains ...?"
    wanted = {stem(w) for w in content_words(asked_kind(question)) if not is_place_word(w)}
    done = term_set(question) - names(question) - GENERIC_VERBS - wanted
    for t in texts:
        for start, end in count_spans(t, kind):
            around = " ".join(words(t[end:])[:_COUNTED_AFTER] + words(_CLAUSE_BREAK.split(t[:start])[-1]))
            if wanted & term_set(around) or (near is not None and near(kind, around)):
                return False
            # "How many countries must ratify ...?": "once four signatories have ratified it" counts
            # them in the article's word, by what the question says they do.
            if {stem(w) for w in words(t[end:])[:_COUNTED_AFTER] if w.endswith("ed")} & done:
                return False
            # "How many agreements came out of Xi's visit?": "The two-day state visit produced 45
            # cooperation documents": what the question asks about did the count.
            before = words(t[:start])[-2:]
            if len(before) == 2 and before[1].endswith("ed") and stem(before[0]) in done:
                return False
    return True


def _attribute_absent(
    question: str, texts: Sequence[str], unmatched: set[str], near: Callable[[str, str], bool] | None = None
) -> bool:
    """ "What is the capital of South Korea?", "What is the city's crime rate?": the article has the
    attribute asked for (else the unmatched-attribute rule decides) but the answer's sentences never
    say it, nor a word near it ("aims" for "target"). A discourse noun ("What is the aim of ...?")
    is asked in the article's own words."""
    m = _ATTRIBUTE.search(question)
    if not m or is_broad(question):  # "What are the signs of ...?": in its own words
        return False
    if not m.group(1):
        return _thing_absent(question, m.group(2), texts, near)
    ws = content_words(asked_attribute(question))
    # "What were the trial schools compared with?": a participle ends no attribute, it is the verb.
    if not ws or stem(ws[-1]) in DISCOURSE | unmatched or (len(ws) > 1 and ws[-1].endswith("ed")):
        return False
    head = ws[-1]
    return not any(stem(head) in term_set(t) or (near is not None and near(head, t)) for t in texts)


def _thing_absent(question: str, thing: str, texts: Sequence[str], near: Callable[[str, str], bool] | None) -> bool:
    """ "What growth target did the Five-Year Plan set?" answered by "In 2016, he announced his new
    “Five-Year Plan”.": the thing asked for ("growth target") is not in the answer, not even a word
    near it, and the answer shares nothing else with the question but its names; it only names what
    the question is about. (Not a modal, "What should India do first?", nor a name; nor an answer
    sharing another word: "What vaccination rate does the WHO say is needed ...?" for "... well below
    the 95% the World Health Organization says is needed to prevent outbreaks".)"""
    ws = content_words(thing)
    if not ws or thing.split()[0].lower() in _MODALS or any(w[:1].isupper() for w in ws):
        return False
    if any(stem(w) in term_set(t) or (near is not None and near(w, t)) for w in ws for t in texts):
        return False
    qterms = term_set(question) - names(question)
    first = texts[0]
    # A long sentence may say it its own way ("... or whether he intends to have his cake and eat
    # it too" for "What trade-off does Kim face?"); a short one only names the topic.
    return len(first.split()) <= _SHORT_TOPIC and not (
        qterms & (term_set(first) - _name_parts(first, term_set(question)))
    )


_SHORT_TOPIC = 20


_MODALS = frozenset("should would could can will must might may shall".split())


def _year_missing(question: str, sentences: list[Sentence], sid: int) -> bool:
    """The question names a year that neither the sentence nor its paragraph says."""
    years = set(_YEAR_Q.findall(question))
    if not years:
        return False
    return not any(years & set(_YEAR_Q.findall(x.text)) for x in _in_paragraph(sentences, sid, 6, 6))


# "What did Kim admire about ...?", "What did she compare direct air capture to?": the verb after
# the subject of a what-did question is asked in the user's words; the article says it its own
# way ("remarked on", "likened to"), so it is no topic the article misses.
_DO_SUBJECT_VERB = re.compile(
    r"^\W*(?i:what\s+(?:did|does|do|will|would|can|could|might|should|has|have|had)\s+)"
    r"(?:(?i:he|she|they|it|we|you|i)\s+|(?:the\s+)?(?:[A-Z][\w’'-]*\s+)+|the\s+[a-z]+\s+)"
    r"(?:[a-z]+ly\s+)?([a-z]+)\b"
)


# "When will the footpaths reopen?": the event asked about is the question's last word (an adverb
# after it skipped: "When will the civil servants move now?"); a sentence about another deed ("The
# city council closed both bridge footpaths last week") dates that one, not the reopening.
_WHEN_WILL = re.compile(r"^\W*when\s+will\b.*\s([a-z][\w’'-]*?)(?:\s+(?:now|again|next|first|finally))?\W*$", re.I)
# "When will elections be held?": the verb of an event says only that it happens.
_EVENT_VERBS = frozenset(terms("hold held happen occur"))


def _undated_deed(
    question: str, texts: Sequence[str], sentences: list[Sentence], near: Callable[[str, str], bool] | None
) -> bool:
    """A "When will ... <verb>?" whose best sentence (and neighbours) never say that verb."""
    m = _WHEN_WILL.match(question)
    if not m:
        return False
    word = m.group(1).lower()
    deed = stem(word)
    if deed in GENERIC_VERBS | _EVENT_VERBS or any(deed in term_set(t) for t in texts):
        return False
    # the article's own word for it may be a near one ("construction is due to begin" for "start"),
    # unless the article says the asked word elsewhere
    said = any(deed in term_set(x.text) for x in sentences)
    return said or not any(near is not None and near(word, t) for t in texts)


# "How many Australian police officers will be deployed to PNG?": the participle is the deed
# counted; "PNG has roughly 6,000 police officers" counts the ones it has.
_COUNT_DONE = re.compile(
    r"^\W*how\s+many\b.*?\s(?:will\s+be|are|were|is|was|have\s+been|has\s+been)\s+(?:[a-z]+ly\s+)?([a-z]+(?:ed|en|wn))\b",
    re.I,
)
# "How many American troops are based in South Korea?": a participle of place says only where
# they are, as "28,500 US troops in South Korea" does.
_PLACED = frozenset(terms("based stationed located situated housed"))


def _uncounted_deed(question: str, texts: Sequence[str], near: Callable[[str, str], bool] | None) -> bool:
    """A "How many ... were <done>?" whose best sentence (and neighbours) never say that deed."""
    m = _COUNT_DONE.match(question)
    if not m:
        return False
    word = m.group(1).lower()
    deed = stem(word)
    return deed not in GENERIC_VERBS | _EVENT_VERBS | _PLACED and not any(
        deed in term_set(t) or (near is not None and near(word, t)) for t in texts
    )


def _asked_verb(question: str) -> frozenset[str]:
    """The term of the verb of a "What did <subject> <verb> ...?" question, or none."""
    m = _DO_SUBJECT_VERB.match(question)
    return frozenset(terms(m.group(1))) if m else frozenset()


def features(
    ranked: list[Ranked],
    ev: Evidence,
    sentences: list[Sentence],
    question: str = "",
    near: Callable[[str, str], bool] | None = None,
    article_names: frozenset[str] = frozenset(),
) -> list[float]:
    """Signals the abstention model reads, in the order of FEATURES (weights: Config.conf_*).

    - top_dense: cosine of the best sentence with the question;
    - support: share of the question's terms found in that sentence or its neighbours;
    - margin: how far the best sentence is ahead of the next;
    - unknown_name: the question names something the article never mentions ("Japan");
    - type_missing: the article talks about the topic but does not hold the fact asked for:
      a when / how-many / who / where question whose best sentence has no point in time,
      number, new name or place ("When was the summit held?" answered by a sentence without a
      time), no sum of money for "How much did it cost?", no count (a year or a share is none)
      for "How many ...?", no speed for "How fast ...?"; a "how many" / "which" question whose
      kind of thing the article never mentions ("How many nuclear warheads ...?" where no
      sentence has "warhead"), or a "Which <kind> ...?" whose best sentence says neither the
      kind nor a word near it; "What did <someone> say?" answered by a sentence that reports no
      speech, or about a speaker the article never mentions; a question about the article's
      topic asking for what it never mentions, not even with a near word: the thing asked for
      in "What is the weather like in Pyongyang?" / "What language do they speak?", or all of
      the question but its names ("Is Kim married?").
    """
    unknown_name = float(bool(names(question) & set(ev.unknown_terms)))
    known = set(ev.query_terms)
    # "What are the main risks ...?", "Who does Ndungu work for?": a discourse noun or generic verb
    # the article lacks is asked in its own words, no topic it misses (support counts the rest).
    n_terms = len(known) + len(set(ev.unknown_terms) - DISCOURSE - GENERIC_VERBS - _asked_verb(question))
    if not ranked:
        return [0.0, 0.0, 0.0, unknown_name, 1.0]
    top = ranked[0]
    qtype = question_type(question)
    unknown = set(ev.unknown_terms)
    # The fact may stand in the neighbour the answer brings along as the one that answers: after a
    # question in the article ("Who objected?"), or a sentence naming a term ("... a policy known
    # as gentan.") before the one saying what it is.
    fits = top.fits_type
    # The neighbours the answer brings along ("President Xi Jinping said ... in Beijing:" brings the
    # quotation): needed when the best sentence does not fit, or the question names something
    # (for _name_elsewhere); skipped otherwise, it is the costliest step here.
    extra: list[Sentence] = []
    if not fits or names(question):
        qterms = term_set(question) | frozenset(ev.query_terms)
        extra, extra_answers = _expansion(sentences[top.sid], sentences, qterms, qtype, asked_names=thinker(question))
        if not fits:
            fits = extra_answers and any(_fits(qtype, x.text, question, article_names) for x in extra)
    near_kind = {t for t, _, cos in ev.near_matches if cos >= _KIND_COSINE}
    who = speaker(question)
    answer_texts = [sentences[top.sid].text] + [x.text for x in extra]  # as the answer brings them
    type_missing = float(
        (qtype in _FACT_TYPES and not fits)
        # "How many warheads ...?": the kind counted is nowhere in the article, nor a word as near
        # as "options" is to "choices" (0.77; "war" is to "warheads" 0.61).
        # ("Which <kind>?" keeps the strict rule: measured, a near kind there answered three
        # unanswerable questions more and no answerable one.)
        # (But "Which countries set up INSTEX?": "... set up by France, Germany and the United
        # Kingdom" names them, though the article never says "countries".)
        or (
            bool(
                (unknown - (near_kind if _HOW_MANY.search(question) else set()) - _GENERIC_KIND)
                & _kind_terms(asked_kind(question), near_kind) - (_TIME_KIND if qtype == "time" else frozenset())
            )
            and not _lists_the_kind(question, sentences[top.sid].text)
            and not (
                _WHICH_Q.match(question) and _done_to_a_name(question, _kind_word(question), sentences[top.sid].text)
            )
        )
        # "What did the governor say?": no governor here, nor a prime minister in "Fiji's prime
        # minister" (but "the former mayor" is the mayor the article names; a near word does not do:
        # "governor" ~ "mayor")
        or bool(unknown & set(terms(who)) - _TIME_MODIFIERS - _GENERIC_SPEAKER)
        or (qtype == "said" and bool(who) and not fits)
        # "What did the police say about enforcement?": the speech cited is somebody else's.
        or (qtype == "said" and _speaker_absent(set(terms(who)) & known, sentences, top.sid))
        # "How many cases did Ireland have in 2023?": the year asked about is not the answer's.
        or (qtype in _FACT_TYPES and _year_missing(question, sentences, top.sid))
        # "Which company built the bridges?": the best sentence does not name that kind of thing.
        or _names_no_such_kind(question, sentences[top.sid].text, near)
        # "Which American general led the talks?": the best sentence names no general.
        or _unnamed_person(question, answer_texts)
        # "How many lifeguards will be hired?": the sentence's numbers count signatures and spots.
        or (qtype == "number" and _counts_something_else(question, answer_texts, known, near))
        # "When will the footpaths reopen?": the best sentence dates another deed.
        or (qtype == "time" and _undated_deed(question, answer_texts, sentences, near))
        # "How many police officers will be deployed?": the best sentence counts no deploying.
        or (qtype == "number" and _uncounted_deed(question, answer_texts, near))
        # "How many hectares has the Philippines reclaimed?": the best sentence is about somebody else.
        or (qtype in _FACT_TYPES + ("said",) and _name_elsewhere(question, sentences, top.sid, known, extra))
        # "What is the mayor's political party?": the best sentence says no party.
        or (qtype == "other" and _attribute_absent(question, answer_texts, set(ev.unmatched_terms), near))
        # "What is the weather like in Pyongyang?": the thing asked for (the head noun) is nowhere in
        # the article, not even as a near word.
        # (A generic quantity, "What's India's share of the debt?", is the number the type asks for.)
        or bool(
            set(terms(asked_attribute(question))[-1:])
            & set(ev.unmatched_terms)
            - DISCOURSE
            - (_GENERIC_QUANTITY if qtype == "number" else frozenset())
            - (_TIME_KIND if qtype == "time" else frozenset())
        )
        # "Is Kim married?", "How tall is Kim?": only the names are the article's; unless the best
        # sentence holds the fact asked for and is as close in meaning as a paraphrase ("When did
        # SoftBank pull out?": "SoftBank ... withdrew in March 2022", cosine 0.66; the unanswerable
        # questions of the QA sets whose sentence had the fact type were at 0.41 or less).
        # (or, for "How long would the sea wall be?", when it holds a length or a weight: "a
        # 946-kilometre Giant Sea Wall", cosine 0.54; "How tall is Kim?" finds none)
        or (
            ev.names_only
            and not (fits and (top.dense >= _PARAPHRASE_COSINE or _measures(question, sentences[top.sid].text)))
            and not _DO_Q.match(question)
        )
    )
    s = sentences[top.sid]
    around: set[str] = set()
    for i in (top.sid - 1, top.sid, top.sid + 1):
        if 0 <= i < len(sentences) and sentences[i].doc == s.doc:
            around |= term_set(sentences[i].text)
    support = len(known & around) / n_terms if n_terms else 0.0
    margin = top.score - ranked[1].score if len(ranked) > 1 else top.score
    return [top.dense, support, margin, unknown_name, type_missing]


def confidence(feats: list[float], config: Config) -> float:
    z = config.conf_bias + float(np.dot(config.conf_weights, feats))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _neighbour(sentences: list[Sentence], s: Sentence, step: int) -> Sentence | None:
    i = s.id + step
    if 0 <= i < len(sentences):
        n = sentences[i]
        if n.doc == s.doc and n.kind in ("body", "standfirst"):
            return n
    return None


_OPENS_QUOTE = re.compile(r"^\s*[“\"]")
# "Consider his Armed Forces Day speech last March." then the quotation from it
_SPEECH_NOUN = re.compile(r"\b(?:speech|speeches|remarks|address|statement|interview|letter|message|testimony)\b", re.I)
# A sentence going on about the one before: "The trip, ...", "It ...", "This ..."
_GOES_ON = re.compile(rf"^\W*(?:the\s+(?-i:[a-z]+)\b(?!\s+of\b)|{_ANAPHOR.pattern[1:]})", re.I)
_COUNTED_REASONS = re.compile(r"\b(?:two|three|four|five|several|many|a few|some|a number of|other)\s+reasons?$", re.I)
# "As a result, ...", "Therefore ...", "That is why ...": the sentence is the outcome of the one before.
_RESULT_OPEN = re.compile(
    r"^\W*(?:as a (?:result|consequence)|therefore|thus|hence|consequently|accordingly|for (?:this|that) reason|"
    r"(?:that|this) is why)\b",
    re.I,
)
_IS_WHY = re.compile(
    r"^\W*(?:this|that|these|those|such|it)\b[^.;:]*?\b(?:is|was|are|were)\s+(?:partly\s+|largely\s+)?why\b", re.I
)
_ANNOUNCES = re.compile(
    r"\b(?:concerns|reasons|things|problems|issues|questions|options|indications|signs|ways|factors|risks|drawbacks|"
    r"benefits|objections|challenges|steps|lessons|points|arguments|worries|doubts|criticisms?|"
    r"several|a number of|the following)\b",
    re.I,
)


_WHAT_FOLLOWS = re.compile(
    r"\b(?:what|why|how)\b(?:\s+[\w’'–-]+){1,5}?\s+(?:really\s+|actually\s+|truly\s+)?"
    r"(?:wants?|needs?|means?|matters?|intends?|seeks?|hopes?|fears?)\W*$",
    re.I,
)
_LIST = re.compile(r"[\w’'–-]+,\s+(?:[\w’'–-]+\s+){0,2}?[\w’'–-]+,?\s+(?:and|or)\s+[\w’'–-]+")
# "Underlying all of this is a policy known as gentan.": a term named, explained by what follows.
_NAMES_TERM = re.compile(
    r"\b(?:known as|called|dubbed|termed)\s+(?:the\s+)?[“\"']?[\w’'–-]+(?:\s+[\w’'–-]+){0,3}[”\"']?\.\s*$", re.I
)


def is_question(text: str) -> bool:
    return text.rstrip().rstrip("*_”\"'’ ").endswith("?")


def _question_end(sentences: list[Sentence], s: Sentence) -> Sentence | None:
    """``s`` if it is a question, or the question right after it that ends a paragraph of two
    sentences (an interviewer's "You call soil loss "the slowest emergency". What do you
    mean?"); else None. Longer paragraphs ending in a question are prose, not a question."""
    if is_question(s.text):
        return s
    nxt = _neighbour(sentences, s, +1)
    if (
        nxt is None
        or nxt.paragraph != s.paragraph
        or nxt.kind != s.kind
        or s.position != 1
        or not is_question(nxt.text)
    ):
        return None
    after = _neighbour(sentences, nxt, +1)
    return nxt if after is None or after.paragraph != s.paragraph else None


_CAP_RUN = re.compile(r"\b[A-Z][\w’'–-]*(?:\s+[A-Z][\w’'–-]*)+")


def _name_parts(text: str, qterms: frozenset[str]) -> set[str]:
    """Terms of the capitalised runs that hold a question term: "Donald" in "Donald Trump" for a
    question about "Trump" is no new word."""
    out: set[str] = set()
    for m in _CAP_RUN.finditer(text):
        ts = set(terms(m.group(0)))
        if ts & qterms:
            out |= ts
    return out


def _thin(s: Sentence, qterms: frozenset[str], qtype: str = "other") -> bool:
    """A short topic sentence that announces more than it says: few new words ("Opponents were not
    persuaded."), a plural it does not spell out ("Environmental groups have raised separate
    concerns."), or a term it only names ("... a policy known as gentan."); the sentences after
    it say what they are."""
    n = len(s.text.split())
    st = term_set(s.text)
    if qtype != "why" and qterms and qterms <= st and st - qterms - _name_parts(s.text, qterms):
        # "Slowness is the policy's main weakness." says what "What is its main weakness?" asks (but
        # "China has doubtless been pleased." does not say why).
        return False
    return ((n <= 8 and len(st - qterms) < 3)
            # "Environmental groups have raised separate concerns." (not "... clubs, sport and catch-up lessons.")
            or (n <= 10 and bool(_ANNOUNCES.search(s.text)) and not _LIST.search(s.text))
            or (n <= 16 and bool(_NAMES_TERM.search(s.text))))  # fmt: skip


_WHICH_INSIDE = re.compile(r"\bwhich\s+(?:of\s+(?:the|their|his|her|its|these|those)\s+)?([\w’'–-]+)", re.I)


def _which_inside(question: str) -> str:
    """The kind a "which" anywhere in the question asks for, as a term ("this was at which meeting
    of them?", "at which of his meetings"), or ""."""
    m = _WHICH_INSIDE.search(question)
    return stem(m.group(1).lower()) if m else ""


# "Why does Tom Ellery think ...?": the one whose view is asked about.
_THINKER = re.compile(
    r"^\W*why\s+(?:does|do|did|would|is|was)\s+(.+?)\s+(?:think|believe|say|argue|feel|expect|claim|insist|"
    r"fear|worry|want)\b",
    re.I,
)


def thinker(question: str) -> frozenset[str]:
    """The names of who "Why does X think ...?" asks about ({"tom", "ellery"}); none for "the analyst",
    nor the other names of the question ("Why does the analyst think satellites would be a better
    bet for Polish industry?" is not about a Pole)."""
    m = _THINKER.match(question)
    return names(question) & frozenset(terms(m.group(1))) if m else frozenset()


def _expansion(s: Sentence, sentences: list[Sentence], qterms: frozenset[str], qtype: str,
               answers_type: bool = False, asked_names: frozenset[str] = frozenset(),
               which: str = "") -> tuple[list[Sentence], bool]:  # fmt: skip
    """The neighbours ``s`` needs to be understood (most informative first), and whether they,
    rather than ``s``, hold the answer.

    - "President Xi said ...:" introduces what follows: the next sentence comes with it, and
      answers unless the question asks who/where/when or which <kind> the introduction names
      (the introduction has that);
    - a question the article asks (an interviewer's, or "Why the change?") brings the sentence
      after it, which answers;
    - a quote after such an introduction brings the introduction (who said it);
    - "This is the leverage Trump needs." points back: the sentence before comes with it;
    - a thin topic sentence ("Opponents were not persuaded.") brings the next sentence of its
      paragraph, which says more (and what that one introduces, if it ends with a colon);
    - for "why", a claim followed by an enumeration ("First, ...") brings the first reason.
    """
    prev, nxt = _neighbour(sentences, s, -1), _neighbour(sentences, s, +1)
    asks_circumstance = qtype in ("name", "time")
    if s.text.rstrip().endswith(":") and nxt is not None:
        # ("this was at which meeting of them?": "... said during his third meeting with Kim in Beijing:")
        return [nxt], not (
            asks_circumstance or (qtype == "kind" and answers_type) or (which and which in term_set(s.text))
        )
    # "Sarah Lindqvist ... described the approach modestly." then "“Our job is ...,” she said.":
    # what someone said is the quotation after the sentence that names them (which comes along,
    # second, when the naming sentence quotes them itself: "Vos said the scheme was “an ...”").
    if qtype == "said" and nxt is not None and _OPENS_QUOTE.match(nxt.text) \
            and (_REPORTED.search(s.text) or _SPEECH_NOUN.search(s.text)) and not _OPENS_QUOTE.match(s.text):  # fmt: skip
        return [nxt], not re.search(r"[“\"”]", s.text)
    # "Why does Tom Ellery think ...?": "Tom Ellery ... said the storage basin was the most important
    # part." then "“Walls alone would simply push the problem downstream ...,” he said.": why the
    # person asked about thinks so is in the quotation after the sentence reporting what they think
    # (the one of the next two giving a reason, if any).
    if (qtype == "why" and not answers_type and asked_names and asked_names <= term_set(s.text)
            and _REPORTED.search(s.text) and _OPENS_QUOTE.match(nxt.text if nxt else "")):  # fmt: skip
        after = _neighbour(sentences, nxt, +1)
        quotes = [
            q for q in (nxt, after) if q is not None and q.paragraph == s.paragraph and _OPENS_QUOTE.match(q.text)
        ]
        if quotes:
            return [next((q for q in quotes if _REASON.search(q.text)), quotes[0])], True
    asked = _question_end(sentences, s)
    if asked is not None:
        # A question in the article ("What causes most of the damage?" in an interview, "Why the
        # change?" in prose) is answered by what follows it; in an interview the question may be
        # a paragraph ("You call soil loss ... What do you mean?").
        after = _neighbour(sentences, asked, +1)
        # "Why, then, should Canberra worry?" then "If Australia is spending more ..., what exactly is
        # the problem?": the answer follows the run of questions.
        while after is not None and after.paragraph == asked.paragraph and is_question(after.text):
            after = _neighbour(sentences, after, +1)
        if after is not None:
            # "What leverage do they have? Less than they often assume. Their main tools are ...":
            # a short reply brings the sentence that says what it means.
            more = _neighbour(sentences, after, +1)
            if more is not None and more.paragraph == after.paragraph and len(after.text.split()) <= 6:
                return [after, more], True
            # "So why, barely a month after the riots, did Foreign Minister Justin Tkatchenko
            # confirm ...?" names the minister "Who is PNG's foreign minister?" asks for: a fact
            # the article's question states is answered by that question.
            return [after], not (asked is s and answers_type and qtype in _FACT_TYPES)
    if prev is not None and prev.text.rstrip().endswith(":"):
        return [prev], asks_circumstance
    # "It is a year this week since Yoon Suk Yeol flew to Tokyo ..." then "The trip, on 16 March
    # 2023, followed ...": the date of the event is in the next sentence, which goes on about it.
    if (qtype == "time" and nxt is not None and nxt.paragraph == s.paragraph and not has_date(s.text)
            and has_date(nxt.text) and _GOES_ON.match(nxt.text)):  # fmt: skip
        return [nxt], True
    thin = _thin(s, qterms, qtype) and not (answers_type and qtype in _FACT_TYPES)
    # "But restraint carries its own risks." opening a paragraph turns to what that paragraph says
    # next, not back to the paragraph before (a "This ..." still points back).
    opens_paragraph = (thin and s.position == 1 and nxt is not None and nxt.paragraph == s.paragraph
                       and bool(_CONTRAST.match(s.text)))  # fmt: skip
    # "That is partly true, but it misses what Mr Marape actually wants.": what he wants follows
    # (though the sentence also points back).
    if nxt is not None and nxt.paragraph == s.paragraph and len(s.text.split()) <= 20 and _WHAT_FOLLOWS.search(s.text):
        return [nxt], True
    if nxt is not None and nxt.paragraph == s.paragraph and _answers_by_cleft(nxt.text, qterms):
        return [nxt], True
    if prev is not None and not can_stand_alone(s.text) and not opens_paragraph:
        # "That fear, more than any affection for Canberra, is why ...": the reason is the fear the
        # sentence before names.
        return [prev], thin or (qtype == "why" and bool(_IS_WHY.match(s.text) or _RESULT_OPEN.match(s.text)))
    if qtype == "why" and prev is not None and _RESULT_OPEN.match(s.text):
        # "As a result, Kim might feel ... necessary.": why he might is the sentence before.
        return [prev], True
    if qtype == "why" and not answers_type and nxt is not None:
        # "X is not a cause for concern." then "First, ...": the reasons follow (also after one more
        # sentence of the claim's paragraph, opening the next).
        after = _neighbour(sentences, nxt, +1)
        if _FIRST.match(nxt.text):
            return [nxt], True
        if after is not None and nxt.paragraph == s.paragraph and after.position == 1 and _FIRST.match(after.text):
            return [after], True
    reason = _reason_after(s, sentences) if qtype == "why" and not answers_type else None
    if reason is not None and len(qterms & term_set(s.text)) * 3 >= len(qterms):
        # "Xi's praise to the young Chairman is highly relevant." then "After all, Xi might have been
        # the catalyst ...": a claim saying what the question says, then its reason (a third of the
        # question's terms will do: "China has done the most to make the polls possible." for "Why is
        # China so keen on these polls going ahead?"; half: no gain).
        return [reason], True
    if thin and nxt is not None and nxt.paragraph == s.paragraph:
        after = _neighbour(sentences, nxt, +1)
        if nxt.text.rstrip().endswith(":") and after is not None:
            return [after, nxt], True
        return [nxt], True
    return [], False


# "What he wants is recognition on his own terms": what someone wants, said as such.
_CLEFT = re.compile(r"^\W*what\s+(?:[\w’'-]+\s+){1,4}?([\w’'-]+)\s+(?:is|was|are|were)\b", re.I)


def _answers_by_cleft(text: str, qterms: frozenset[str]) -> bool:
    """The sentence says "What <someone> <verb> is ..." with the question's verb: "What does Min Aung
    Hlaing really want?" after "But the mistake is to assume that Min Aung Hlaing wants what his
    interlocutors want – a negotiated exit." is answered by "What he wants is recognition ..."."""
    m = _CLEFT.match(text)
    return bool(m) and stem(m.group(1).lower()) in qterms


_REASON_REACH = 3  # sentences after a claim, in its paragraph, that may give its reason


def _reason_after(s: Sentence, sentences: list[Sentence]) -> Sentence | None:
    """The first of the next sentences of ``s``'s paragraph that gives a reason: "China has done the
    most to make the polls possible." ... "Its motives are plain: the US$1.5 billion deep-sea port ..."."""
    x = s
    for _ in range(_REASON_REACH):
        x = _neighbour(sentences, x, +1)
        if x is None or x.paragraph != s.paragraph:
            return None
        if _REASON.search(x.text):
            return x
    return None


@lru_cache(maxsize=65536)
def _core(text: str) -> str:
    return " ".join(words(text))


def _prefer_fuller(ranked: list[Ranked], sentences: list[Sentence], k: int = 10) -> list[Ranked]:
    """The best sentence gives way to a candidate that repeats it and says more ("Pyongyang wants
    something he has." vs "Pyongyang wants something he has to help with the economy."; a
    summary line repeated in the body): same words, more content, so the longer one answers."""
    top = _core(sentences[ranked[0].sid].text)
    if not top:
        return ranked
    for j, r in enumerate(ranked[1:k], 1):
        other = _core(sentences[r.sid].text)
        if len(other) > len(top) and (other.startswith(top + " ") or f" {top} " in f" {other} "):
            lifted = Ranked(r.sid, ranked[0].score, r.dense, r.context, r.bm25, r.restates, r.fits_type)
            return [lifted] + ranked[:j] + ranked[j + 1 :]
    return ranked


def choose(ranked: list[Ranked], sentences: list[Sentence], question: str, config: Config,
           query_terms: frozenset[str] = frozenset()) -> list[Ranked]:  # fmt: skip
    """The answer sentences, best first. A neighbour needed to understand a chosen sentence comes
    with it, and goes first when it carries the content (the chosen one only restates, points or
    introduces) or when only it has what the question type asks for (a name for "who")."""
    if not ranked:
        return []
    ranked = _prefer_fuller(ranked, sentences)
    broad = is_broad(question)
    limit = config.max_sentences if broad else 2
    top = ranked[0]
    chosen = [top]
    gap = config.extra_gap_broad if broad else config.extra_gap
    for r in ranked[1:]:
        if len(chosen) >= limit:
            break
        s = sentences[r.sid]
        if r.restates or top.score - r.score > gap:
            continue
        # Stay near the first sentence: a second answer from far away is usually a different topic.
        if s.doc != sentences[top.sid].doc or abs(s.paragraph - sentences[top.sid].paragraph) > 1:
            continue
        chosen.append(r)
    by_id = {r.sid: r for r in ranked}
    qtype = question_type(question)
    which = _which_inside(question)
    yes_no = bool(_YES_NO_Q.match(question))
    qterms = term_set(question) | query_terms
    out: list[Ranked] = []
    taken: set[int] = set()
    chosen_ids = {x.sid for x in chosen}
    for r in chosen:
        if r.sid in taken:
            continue
        extra, extra_first = _expansion(
            sentences[r.sid], sentences, qterms, qtype, r.fits_type, thinker(question), which
        )
        extra = [e for e in extra if e.id not in taken and (e.id not in chosen_ids or extra_first)]
        ctx = [
            by_id.get(e.id) or Ranked(e.id, r.score, 0.0, 0.0, 0.0, False, _fits(qtype, e.text, question))
            for e in extra
        ]
        # A yes/no answer keeps its own sentence first, unless that sentence is itself a question.
        if ctx and (r.restates or extra_first) and (not yes_no or is_question(sentences[r.sid].text)):
            # The neighbours carry the content: they take this sentence's rank, in front of it.
            out += [
                Ranked(c.sid, r.score - 1e-4 * i, c.dense, c.context, c.bm25, False, c.fits_type)
                for i, c in enumerate(ctx)
            ]
            out.append(Ranked(r.sid, r.score - 1e-3, r.dense, r.context, r.bm25, r.restates, r.fits_type))
        else:
            out.append(r)
            out += [
                Ranked(c.sid, min(c.score, r.score - 1e-3), c.dense, c.context, c.bm25, False, c.fits_type) for c in ctx
            ]
        taken |= {r.sid} | {c.sid for c in ctx}
    # The neighbours that came along count too: at most max_sentences in all, the last given up.
    return _reason_first(out[: config.max_sentences], qtype)


def _reason_first(out: list[Ranked], qtype: str) -> list[Ranked]:
    """For "why", the answer's sentence that gives a reason goes first when the first gives none:
    "It can help, but people oversell it." then "The problem is that carbon builds up slowly ..."."""
    if qtype != "why" or not out or out[0].fits_type:
        return out
    j = next((j for j, r in enumerate(out) if r.fits_type), None)
    if j is None:
        return out
    return (
        [Ranked(out[j].sid, out[0].score, out[j].dense, out[j].context, out[j].bm25, False, True)]
        + out[:j]
        + out[j + 1 :]
    )
