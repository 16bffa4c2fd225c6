"""From candidate evidence to candidate sentences, best first: ranking and answer-ness.

Ranking is a weighted sum of the retrieval signals plus two answer-ness cues:
- a sentence that only restates the question ("Donald Trump has leverage." for "What
  leverage does Trump have?") is pushed down: most of its content words are the question's;
- a sentence holding what the question type asks for (a date for "when", a number for
  "how many", a name not in the question for "who"/"where", a reason marker for "why", a
  quote or reporting verb for "what did X say") is pushed up.
Choosing the answer sentences from the ranking is ``bot.choose``; whether to decline, ``bot.decline``.
Limits: English cues; weights are global, not per article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.asks import (
    _AGE,
    _AGE_Q,
    _AGENT,
    _ANAPHOR,
    _AUX,
    _CLOCK_Q,
    _COST_CHANGE,
    _COST_Q,
    _DATE_Q,
    _EXACT_DATE_Q,
    _FACT_TYPES,
    _GROWTH_Q,
    _HOW_LONG_Q,
    _HOW_MANY,
    _LENGTH,
    _MEASURE_Q,
    _ORDINAL_WORDS,
    _OWN_VERB,
    _PLACE,
    _REASON,
    _REPORTED,
    _SIZE_Q,
    _SPEED,
    _SPEED_Q,
    _WEIGHT,
    _WHEN_Q,
    _WHERE_Q,
    _WHY_Q,
    _YES_NO_Q,
    NAMING,
    _kind_word,
    asked_role,
    asks_naming,
    is_broad,
    question_type,
)
from bot.followup import mentions_ordinal
from bot.retrieve import PROSE, Evidence
from bot.text import (
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
    without_years,
    words,
)
from index.config import Config
from index.sentences import Sentence


@dataclass(frozen=True)
class Ranked:
    sid: int
    score: float
    dense: float
    context: float
    bm25: float
    restates: bool
    fits_type: bool


def introduced(sentences: list[Sentence], sid: int) -> bool:
    """The sentence stands in a paragraph set under an introduction ending in a colon ("Speaking to
    reporters after the meeting, he said:"): a block quotation, quotation marks or not."""
    first = sid - (sentences[sid].position - 1)
    return (
        first > 0
        and sentences[first - 1].doc == sentences[sid].doc
        and sentences[first - 1].paragraph != sentences[sid].paragraph
        and sentences[first - 1].text.rstrip().endswith(":")
        and bool(_REPORTED.search(sentences[first - 1].text))
    )


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

_COUNTED_REASONS = re.compile(r"\b(?:two|three|four|five|several|many|a few|some|a number of|other)\s+reasons?$", re.I)
# "As a result, ...", "Therefore ...", "That is why ...": the sentence is the outcome of the one before.
_RESULT_OPEN = re.compile(
    r"^\W*(?:as a (?:result|consequence)|therefore|thus|hence|consequently|accordingly|for (?:this|that) reason|"
    r"(?:that|this) is why)\b",
    re.I,
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
        if _AGE_Q.search(question):  # "How old is she?": an age, a year or a span of years
            return bool(_AGE.search(sentence))
        if _SIZE_Q.search(question):  # "How big was it?": a size, not "in early 2023"
            return has_number(without_years(sentence))
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
    if qtype == "other" and asks_naming(question):  # "What nickname ...?": "... call the country the “...”"
        return bool(NAMING.search(sentence))
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
    if m and _NOT_A_NAME.search(m.group(1)) and _ROLE_OF.match(m.group(1)):
        return m.group(1)  # "Who is Maroa's foreign minister?": the role, said by all its words
    return "" if not m or _NOT_A_NAME.search(m.group(1)) else m.group(1)


_ROLE_OF = re.compile(r"^[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['’]s\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}$")


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


# "who", "where", "when", "why" open relative clauses too; "So what ...?", "And how ...?" are the same question
_WH_OPEN = re.compile(r"^\W*(?:(?:so|and|but|then|well|ok|okay)\W+)?(what|how)\b", re.I)


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


# A person's name of two words or more: who holds the office.
_HOLDER = r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)+"


def _names_holder(role: str, sentence: str) -> bool:
    """``sentence`` names someone in the office: "Prime Minister Ilse Markov", "the science minister,
    Paweł Grabowski", "Ilse Markov, the prime minister"; the whole office ("Drovnia's energy
    minister, Tomas Varga" names no prime minister)."""
    r = r"(?i:" + r"\s+".join(re.escape(w) for w in role.split()) + ")"
    return bool(
        re.search(
            rf"(?<![\w-]){r}(?![\w-]),?\s+{_HOLDER}|{_HOLDER},\s+(?:(?i:the|its|their)\s+)?{r}(?![\w-])", sentence
        )
    )


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


def _neighbour(sentences: list[Sentence], s: Sentence, step: int) -> Sentence | None:
    i = s.id + step
    if 0 <= i < len(sentences):
        n = sentences[i]
        if n.doc == s.doc and n.kind in ("body", "standfirst"):
            return n
    return None


def is_question(text: str) -> bool:
    return text.rstrip().rstrip("*_”\"'’ ").endswith("?")


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
    role = asked_role(question).lower() if qtype == "name" else ""
    kind = _kind_word(question) if qtype == "kind" else ""
    dated = _dated_verb(question) if qtype == "time" else ""
    period = _asked_period(question) if qtype == "number" else ""
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
        fits = (
            _fits(qtype, s.text, question, article_names)
            or sid == intro
            or (qtype == "said" and introduced(sentences, sid))
        )
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
            # "Four things stand out.": a few words announcing what the next sentences say
            - (config.w_restate if len(s.text.split()) <= _THIN_WORDS and not fits and not yes_no else 0.0)
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
            + (config.w_type if role and _names_holder(role, s.text) else 0.0)
            + (config.w_type if kind and _names_the_kind(kind, s.text) else 0.0)
            + (config.w_type if dated and _dates_verb(dated, s.text) else 0.0)
            # "How much gas ... each year?": a number given per that period ("30 bcm of gas a year")
            + (2 * config.w_type if period and _per_period(period, s.text) else 0.0)
        )
        out.append(Ranked(sid, score, float(ev.dense[j]), float(ev.context[j]), float(ev.bm25[j]), restates, fits))
    out.sort(key=lambda r: -r.score)
    typed = {} if ev.typed_dense is None else dict(zip(ev.ids.tolist(), ev.typed_dense.tolist()))
    _prefer_continuation(out, sentences, own_terms, near, after_near, typed)
    _prefer_person(out, sentences, question, person)
    if qtype in _FACT_TYPES and near and out and not out[0].fits_type:
        # "Where did he give it?" after an answer quoting the speech "... he told the assembled
        # troops in Naypyidaw": the previous answer's sentence holding the fact asked for answers.
        # (or the sentence right after it, in its paragraph: "How big was it?" after "... agreed in
        # early 2023 to a side-by-side trial." is "That spring, crews planted 40 hectares ...")
        j = next((j for j, r in enumerate(out) if r.sid in near and r.fits_type), None)
        if j is None:
            j = next((j for j, r in enumerate(out) if r.sid in after_near and r.fits_type and not r.restates), None)
        if j is not None:
            _promote(out, j)
    naming = qtype == "other" and asks_naming(question)  # "What nickname ...?": saying it is a lexical cue too
    if (qtype in _FACT_TYPES or qtype == "kind" or naming) and out and not out[0].fits_type:
        # "When was the disease confirmed?": "Elsewhere the disease has been devastating." scores a
        # little above "Laboratory tests confirmed in January ...": the one with the time answers.
        # (For "Which <kind> ...?" fitting means saying the kind, itself a lexical match; for
        # "Who is <name>?" the sentence introducing them matches the name, all there is to match.)
        top_bm25, top_dense = out[0].bm25, out[0].dense
        # (or clearly nearer in meaning: "His association estimates that up to 1,900 mining jobs are
        # at risk ..." for "How many mine workers could be laid off ...?")
        j = _close_behind(
            out, config.type_gap,
            lambda r: r.bm25 >= top_bm25 or r.dense >= top_dense + _CLOSER or qtype == "kind" or naming or r.sid == intro,
        )  # fmt: skip
        if j is not None:
            # (scored as the sentence it replaces: "According to the author, who might have been the
            # catalyst ...?" is answered, not declined for the lower score of the one that says it)
            _promote(out, j)
    _prefer_closer(out, sentences, question, qtype, config.type_gap)
    _prefer_dated(out, sentences, question, qtype, config.type_gap)
    _prefer_counting(out, sentences, question, qtype, config.type_gap)
    return out


# "How much gas could the pipeline move each year?": a rate, answered by a number given per that
# period ("up to 30 billion cubic metres (bcm) of gas a year"), not a year's total ("11 bcm last year").
_PERIOD_Q = re.compile(
    r"\b(?:a|an|per|each|every)\s+(day|week|month|year|hour)\b|\b(daily|weekly|monthly|annually|yearly|hourly)\b", re.I
)
_PERIOD_OF = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "annually": "year",
    "yearly": "year",
    "hourly": "hour",
}


def _period(m: re.Match[str]) -> str:
    """The period a ``_PERIOD_Q`` match names: "day" for "a day", "per day" or "daily"."""
    return (m.group(1) or _PERIOD_OF[m.group(2).lower()]).lower()


def _asked_period(question: str) -> str:
    m = _PERIOD_Q.search(question)
    return _period(m) if m else ""


def _per_period(period: str, sentence: str) -> bool:
    """A number given per ``period`` in ``sentence``: "30 bcm a year", "21,000 riders per day", "annually"."""
    return any(
        _period(m) == period and _NUM.search(sentence, max(0, m.start() - 60), m.start())
        for m in _PERIOD_Q.finditer(sentence)
    )


_THIN_WORDS = 4


def _counts_kind(kind: str, sentence: str) -> bool:
    """A number in ``sentence`` counting ``kind``: "2,814 cases" for "How many measles cases ...?"."""
    k = stem(kind)
    return any(k in {stem(w) for w in words(sentence[e:])[:3]} for _, e in count_spans(sentence, kind))


def _prefer_counting(out: list[Ranked], sentences: list[Sentence], question: str, qtype: str, gap: float) -> None:
    """ "How many measles cases have been confirmed in Lorvania ...?": of the sentences scored
    close that hold a count, the one counting the kind asked for ("... 2,814 cases have been
    confirmed") answers, not one counting something else ("Lorvania, a country of roughly 9.4
    million people, ...")."""
    if qtype != "number" or len(out) < 2 or not _HOW_MANY.search(question):
        return
    kind = _kind_word(question)
    if not kind or _counts_kind(kind, sentences[out[0].sid].text):
        return
    j = _close_behind(out, gap, lambda r: _counts_kind(kind, sentences[r.sid].text))
    if j is not None:
        _promote(out, j)


def _prefer_dated(out: list[Ranked], sentences: list[Sentence], question: str, qtype: str, gap: float) -> None:
    """A fact asked for a period the question names ("How much water reached Osmeria in the year to
    January?"): of the sentences holding the kind of fact asked, scored close, the one naming that
    month or year answers ("... crossed the border in the 12 months to January"), not the one
    with more of the question's other words."""
    if qtype not in _FACT_TYPES or len(out) < 2:
        return
    dates = {stem(w) for w in content_words(question) if has_date(w)}
    if not dates or dates & term_set(sentences[out[0].sid].text):
        return
    j = _close_behind(out, gap, lambda r: dates <= term_set(sentences[r.sid].text))
    if j is not None:
        _promote(out, j)


def _close_behind(out: list[Ranked], gap: float, also: Callable[[Ranked], bool]) -> int | None:
    """The first candidate after the top, scored within ``gap`` of it, that holds the kind of fact
    asked, does not restate the question, and passes ``also``; None when there is none."""
    for j, r in enumerate(out[1:], 1):
        if out[0].score - r.score > gap:
            return None
        if r.fits_type and not r.restates and also(r):
            return j
    return None


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
    # ... or only the top gives the rate asked: "How much gas ... each year?": "30 bcm of gas a year"
    period = _asked_period(question)
    if (
        period
        and _per_period(period, sentences[out[0].sid].text)
        and not _per_period(period, sentences[out[1].sid].text)
    ):
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
    # A name is said by its surname ("Kewa"); a role by all its words ("Maroa's foreign minister":
    # not "Its foreign minister, Seini Halafihi", Tevaka's).
    said = set(terms(person)) if _ROLE_OF.match(person) else set(surname)
    top = sentences[out[0].sid].text
    # (A sentence with "he" / "she" may be about them: "He has also promised to lift growth ...";
    # not "She argued ..." for a question about "he")
    if said <= term_set(top) or _same_pronoun(question, top):
        return
    j = next((j for j, r in enumerate(out) if said <= term_set(sentences[r.sid].text)), None)
    if j is not None:
        _promote(out, j)


_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)


def _same_pronoun(question: str, sentence: str) -> bool:
    """The sentence says "he" / "she" as the question does (either, when the question says both or
    neither)."""
    he, she = bool(_HE.search(question)), bool(_SHE.search(question))
    if he == she:
        return bool(_PERSONAL.search(sentence))
    return bool((_HE if he else _SHE).search(sentence))


# "if Trump ...", "unless the council ...": the condition's first content words.
_CONDITION = re.compile(r"\b(?:if|unless)\s+((?:[\w’'–-]+\s+){0,3}[\w’'–-]+)", re.I)


def _conditions(text: str) -> set[str]:
    """The terms opening each "if ..." / "unless ..." clause of ``text`` (up to four words each)."""
    return {t for m in _CONDITION.finditer(text) for t in terms(m.group(1))}
