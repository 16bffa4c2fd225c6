"""Whether to answer or decline: the abstention model's signals (``FEATURES``) and its confidence.

Confidence is a logistic model over the top candidate's signals, fitted on the dev split of the
QA set (``python -m eval.calibrate``); the signals are few and monotone on purpose. One of
them, type_missing, is a list of named decline rules ("no_fact", "undated_deed", ...) tried in
order; ``signals`` also returns the name of the first that fires, which the Answer carries as
``missing`` (and the decline sentence reads: "The article does not say when.").
Limits: English cues; weights are global, not per article.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Sequence

import numpy as np

from bot.asks import (
    _ATTRIBUTE,
    _DETERMINED,
    _FACT_TYPES,
    _HOW_MANY,
    _WHICH_Q,
    NAMING,
    _kind_terms,
    _kind_word,
    _measures,
    asked_attribute,
    asked_kind,
    asked_role,
    asks_naming,
    is_broad,
    question_type,
    speaker,
)
from bot.capitals import counterparts, is_place_word
from bot.choose import _OPENS_QUOTE, _expansion, _name_parts, thinker
from bot.rank import _CALENDAR, Ranked, _fits, introduced
from bot.retrieve import TITLE_SHORT, Evidence
from bot.text import (
    _WORD,
    DISCOURSE,
    GENERIC_VERBS,
    acronyms,
    content_words,
    count_spans,
    has_money,
    has_number,
    has_time,
    names,
    stem,
    term_set,
    terms,
    words,
)
from index.config import Config
from index.sentences import Sentence

_GENERIC_QUANTITY = frozenset(
    # ("price tag", "vote count", "tally", "death toll": the number asked for, not a thing the article must name)
    stem(w)
    for w in "share amount number total percentage proportion portion fraction figure level sum tag count tally toll".split()
)
# "What did the Indonesian official say?": any office-holder the article names may be the one.
_GENERIC_SPEAKER = frozenset(
    # ("the producers' association chief": "Mr. Tomas Ferenc, head of the ... Association")
    terms("official officials spokesperson spokesman spokeswoman representative source sources chief head boss")
)
_TIME_MODIFIERS = frozenset(terms("former ex then current new late outgoing incoming acting interim"))
_KIND_COSINE = 0.65
# "How many times ...?", "In how many ways ...?": a count of occasions, not a kind of thing; "How
# many people ...?" counts whoever the article counts ("respondents", "households").
# ("Which North Korean official ...?": any office-holder the article names, "Foreign Minister Ri")
_GENERIC_KIND = frozenset(
    terms("times time ways kinds types sorts occasions people persons one ones official officials")
)
# "Which bit of the project ...?", "Which aspect ...?": a discourse noun asks in the user's words
# (not "Which state is Port Alden in?": a state is a place).
_DISCOURSE_KIND = DISCOURSE - frozenset(terms("state states"))
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


def _role_word(question: str) -> str:
    """The head word of the role a "Who is the <role> (of X)?" question asks about ("president"), or ""."""
    words_ = content_words(asked_role(question))
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
    # ("Which bit of the project ...?": a discourse noun is the user's word for "part")
    if not kind or stem(kind) in term_set(sentence) | _DISCOURSE_KIND:
        return False
    # ("Which North Korean official ...?": "... North Korean Foreign Minister Ri Yong-ho" names one)
    if stem(kind) in _GENERIC_KIND and names(sentence) - names(question):
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
    # ... and so does a paragraph that is all quotation (a block quote after "Dr. Ruben Ostrava, an
    # economist at ..., put it this way.")
    if (
        near
        and near[0].position == 1
        and near[0].id > 0
        and (
            _POSSESSIVE_OPEN.search(near[0].text)
            or _OPENS_QUOTE.match(near[0].text)
            or introduced(sentences, near[0].id)
        )
    ):
        near = _in_paragraph(sentences, near[0].id - 1, 1, 0) + near
    # ("the Arvandian general": "Lt. Gen. Harald Brenner, who commands Arvandia’s ...": the title
    # as abbreviated, the people's adjective as its country's name)
    wanted |= {a for w in wanted for a in TITLE_SHORT.get(w, ())}
    if any(_says_any(wanted, term_set(x.text)) for x in near):
        return False
    # ("the minister": "Ms. Chilufya-Banda said ..." after "Nyasara's health minister, Grace
    # Chilufya-Banda, said ..." two paragraphs up: the name the article gives the role; looked up
    # only when the role's own words are not near, it reads the whole article)
    names_ = _role_names(wanted, sentences)
    return not (names_ and any(_says_any(names_, term_set(x.text)) for x in near))


_APPOSED_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}"
_AFTER_ROLE = re.compile(rf",?\s+({_APPOSED_NAME})\b")  # "health minister, Grace Chilufya-Banda"
_BEFORE_ROLE = re.compile(rf"({_APPOSED_NAME}),\s+(?:the|a|an|its|[A-Z][\w’'-]*[’']s)\s+(?:[\w’'-]+\s+){{0,4}}$")


def _role_names(roles: set[str], sentences: list[Sentence]) -> set[str]:
    """The surnames the article sets beside a role's word: {"chilufya-banda"} for the minister
    of "Nyasara's health minister, Grace Chilufya-Banda, said" or "Grace Chilufya-Banda, the
    country's health minister". (Only a name in apposition: "the minister met Mr. Tan" names
    nobody.)"""
    found: set[str] = set()
    for s in sentences:
        if not roles & term_set(s.text):
            continue
        for m in _WORD.finditer(s.text):
            if not roles & set(terms(m.group())):
                continue
            after = _AFTER_ROLE.match(s.text, m.end())
            before = _BEFORE_ROLE.search(s.text, max(0, m.start() - 120), m.start())
            for name in (after.group(1) if after else "", before.group(1) if before else ""):
                if name:
                    found |= set(terms(name.split()[-1]))
    return found - roles


def _says_any(wanted: set[str], said: set[str]) -> bool:
    return bool(wanted & said) or any(
        len(t) >= 5 and w.startswith(t) and len(w) - len(t) <= 3 for w in wanted for t in said
    )


_YEAR_Q = re.compile(r"\b(?:1[89]|20)\d\d\b")


# A name the article keeps returning to (in more than this share of its paragraphs) is its topic,
# often left unsaid near the answer ("the company", "its river"); measured over the QA sets, a third:
# 13 unanswerable questions more declined, 1 answerable one lost (a half: 15 and 2; no limit: 15 and 4).
_TOPIC_NAME_SHARE = 0.34
_NAME_WINDOW = 3  # sentences before and after the answer, in its paragraph


def _name_elsewhere(
    question: str,
    sentences: list[Sentence],
    sid: int,
    known: set[str],
    brought: Sequence[Sentence] = (),
    speech: bool = False,
) -> bool:
    """The question names something the article has, though not near the best sentence: "How many
    hectares has the Philippines reclaimed?" answered by a sentence about Vietnam's reclamation. A
    capital stands for its country ("Canberra has promised ..." for Australia), a phrase for its
    initials and a shared start for the word ("Iranian" for Iran); the article's topic names are exempt (see above)."""
    # ("Who headed the government's delegation in Geneva?": a place closing a who-question is where
    # it happened, which the sentence naming the doer may leave unsaid)
    setting = set(terms(m.group(1))) if (m := _CLOSING_PLACE.search(question)) and _WHO_Q.match(question) else set()
    asked = (set(names(question)) & known) - setting
    if not asked:
        return False
    article = _article_of(sentences, sid)  # (a corpus index holds many: the topic is this one's)
    n_par = len({x.paragraph for x in article})
    asked = {n for n in asked
             if len({x.paragraph for x in article if n in term_set(x.text)}) <= _TOPIC_NAME_SHARE * n_par}  # fmt: skip
    if not asked:
        return False
    around: set[str] = set()
    window = _in_paragraph(sentences, sid, _NAME_WINDOW, _NAME_WINDOW)
    if speech and window and window[0].position == 1 and window[0].id > 0 and _OPENS_QUOTE.match(window[0].text):
        window = _in_paragraph(sentences, window[0].id - 1, 1, 0) + window  # a block quote's speaker, above it
    for x in window + list(brought):
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

    # "What did Petr Valashny say ...?": a speaker is named by the surname after the first mention
    # ('"...," Valashny said. "We have offered joint monitoring ..."'): a given name need not recur.
    # (Only for speech: "How old is Imani Okafor?" is not answered by "Okafor expects ...")
    runs = _NAME_RUN.finditer(question) if speech else ()
    surname = {t: run[-1] for m in runs if (run := terms(m.group(0))) for t in run[:-1]}
    # "When did Xi Jinping scrap term limits?": "Xi’s decision ..." names him, where the article has
    # his full name (the family name may come first).
    full = [run for m in _NAME_RUN.finditer(question) if len(run := terms(m.group(0))) == 2  # (a person's)
            and any(_has_run(x.text, run) for x in article)]  # fmt: skip
    alone = {t for x in window + list(brought) for t in _lone_names(x.text)} if full else set()
    return not all(present(n) or (n in surname and present(surname[n]))
                   or any(n in run and any(t in alone for t in run if t != n) for run in full)
                   for n in asked)  # fmt: skip


_CAPITALISED = re.compile(r"\b[A-Z][\w’'–-]*(?:\s+[A-Z][\w’'–-]*)*")


def _lone_names(text: str) -> set[str]:
    """Capitalised words standing alone, not inside a longer name ("Xi’s decision": xi; not the
    "Korean" of "North Korean generals"); a sentence's first word is skipped unless possessive."""
    out: set[str] = set()
    for m in _CAPITALISED.finditer(text):
        ts = terms(m.group(0))
        if len(ts) == 1 and (m.start() > 0 or re.search(r"['’]s?$", m.group(0))):
            out.add(ts[0])
    return out


def _has_run(text: str, run: list[str]) -> bool:
    """The sentence names the whole run of name words, in order ("President Xi Jinping said ...")."""
    ts = terms(text)
    return any(ts[i : i + len(run)] == run for i in range(len(ts) - len(run) + 1))


_CLOSING_PLACE = re.compile(r"\b(?:in|at)\s+((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\W*$")
_WHO_Q = re.compile(r"^\W*who\b", re.I)


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
    r"^\W*which\s+((?:[\w–-]+\s+){0,2}[\w–-]+)|\bnames?\s+of\s+(?:(?:the|this|that|their|its)\s+)?((?:[\w–-]+\s+){0,2}[\w–-]+)",
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
    if asks_naming(question) and any(NAMING.search(t) for t in texts):  # "... call the country the “...”"
        return False
    if not m.group(1):
        # ("What lesson might Kim have learned ...?": a discourse noun, asked in the user's words)
        thing = content_words(m.group(2))
        return bool(thing) and stem(thing[-1]) not in DISCOURSE and _thing_absent(question, m.group(2), texts, near)
    ws = content_words(asked_attribute(question))
    # "What were the trial schools compared with?": a participle ends no attribute, it is the verb.
    # ("What is included in China's counter-offer?": no article before it, a lone participle too)
    participle = ws and ws[-1].endswith("ed") and (len(ws) > 1 or not _DETERMINED.match(question))
    if not ws or stem(ws[-1]) in DISCOURSE | unmatched or participle:
        return False
    head = ws[-1]
    # "What is the deadline for Zipply to appeal?": "Zipply has 28 days to lodge an appeal" gives
    # the time asked for in its own words; "What is the second-dose vaccination rate?": "Second-dose
    # coverage ... 81.4%" the figure, when a word of what it measures is said.
    if stem(head) in _TIME_KIND | _TIME_SPANS and any(has_time(t) for t in texts):
        return False
    # ("What is the fine for not paying?": "a penalty notice of €80" gives the sum asked)
    if stem(head) in _PRICED_THINGS and any(has_money(t) for t in texts):
        return False
    said = {stem(w) for w in ws[:-1]} & set().union(*(term_set(t) for t in texts))
    if stem(head) in _GENERIC_QUANTITY | _RATES and said and any(has_number(t) for t in texts):
        return False
    return not any(stem(head) in term_set(t) or (near is not None and near(head, t)) for t in texts)


# "Where is Zipply based?": the participle only asks where; "... headquartered in Dublin" says it.
_WHERE_BASED = re.compile(r"^\W*where\b.*\b(?:based|located|headquartered|situated|registered)\W*$", re.I)


def _measure_absent(question: str, unmatched: set[str]) -> bool:
    ws = terms(asked_attribute(question))
    return len(ws) > 1 and ws[-1] in _GENERIC_QUANTITY | _RATES and bool(set(ws[:-1]) & unmatched - DISCOURSE)


_PRICED_THINGS = frozenset(
    terms("fine fines fee fees price prices fare fares penalty toll charge salary wage rent levy")
)
_TIME_SPANS = frozenset(terms("timeline timetable schedule window period"))
_RATES = frozenset(terms("rate rates"))


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


_PRICED = re.compile(
    r"^\W*(?:what|how much)\s+(?:will|would|does|do|did|is|was|could|might|can)\s+(?:an?|the|each|one|every)\s+"
    # (a place may close it: "How much does a bus ticket cost in Dunmere?")
    r"((?:[\w’'-]+\s+){0,6}?[\w’'-]+)\s+cost(?:\s+(?:in|at)\s+(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)*)?\W*$",
    re.I,
)


def _priced_absent(question: str, unknown: set[str]) -> bool:
    """ "What will a fare on the new BRT cost?", "How much does a bus ticket cost?": a word of what
    is priced (before any "on ..." / "for ...") is nowhere in the article, nor a word near it."""
    m = _PRICED.match(question)
    if not m:
        return False
    # (what is priced ends at a preposition or a verb: "the canal expected to")
    thing = re.split(r"\s+(?:on|for|of|in|at|to|from|with|expected|likely|going|supposed|set|due|now|finally)\b",
                     m.group(1), maxsplit=1)[0]  # fmt: skip
    # ("What does the government think adaptation will cost?": a clause, not a thing priced)
    if len(thing.split()) > 4 or re.search(
        r"\b(?:will|would|can|could|should|might|may|must|do|does|did|is|are|think|say|says|believe|expect)\b",
        thing,
        re.I,
    ):
        return False
    return bool(set(terms(thing)) & unknown)


def _asked_verb(question: str) -> frozenset[str]:
    """The term of the verb of a "What did <subject> <verb> ...?" question, or none."""
    m = _DO_SUBJECT_VERB.match(question)
    return frozenset(terms(m.group(1))) if m else frozenset()


def signals(
    ranked: list[Ranked],
    ev: Evidence,
    sentences: list[Sentence],
    question: str = "",
    near: Callable[[str, str], bool] | None = None,
    article_names: frozenset[str] = frozenset(),
) -> tuple[list[float], str]:
    """Signals the abstention model reads, in the order of FEATURES (weights: Config.conf_*), and
    the name of the decline rule that set type_missing ("" when none did; "no_candidates" when
    nothing was retrieved).

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
      the question but its names ("Is Kim married?"); "What will a fare cost?" where the article
      never mentions a fare, nor a word near it.
    """
    unknown_name = float(bool(names(question) & set(ev.unknown_terms)))
    known = set(ev.query_terms)
    # "What are the main risks ...?", "Who does Ndungu work for?": a discourse noun or generic verb
    # the article lacks is asked in its own words, no topic it misses (support counts the rest).
    n_terms = len(known) + len(set(ev.unknown_terms) - DISCOURSE - GENERIC_VERBS - _asked_verb(question))
    if not ranked:
        return [0.0, 0.0, 0.0, unknown_name, 1.0], "no_candidates"
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
    # The decline rules, in order: the first that finds the fact asked for missing names it.
    checks: tuple[tuple[str, Callable[[], bool]], ...] = (
        ("no_fact", lambda: qtype in _FACT_TYPES and not fits),
        # "How many warheads ...?": the kind counted is nowhere in the article, nor a word as near
        # as "options" is to "choices" (0.77; "war" is to "warheads" 0.61).
        # ("Which <kind>?" keeps the strict rule: measured, a near kind there answered three
        # unanswerable questions more and no answerable one.)
        # (But "Which countries set up INSTEX?": "... set up by France, Germany and the United
        # Kingdom" names them, though the article never says "countries".)
        (
            "kind_absent",
            lambda: (
                bool(
                    # ("Which bit of the project ...?": a discourse noun asks in the user's words)
                    (unknown - (near_kind if _HOW_MANY.search(question) else set()) - _GENERIC_KIND - _DISCOURSE_KIND)
                    & _kind_terms(asked_kind(question), near_kind) - (_TIME_KIND if qtype == "time" else frozenset())
                )
                and not _lists_the_kind(question, sentences[top.sid].text)
                and not (
                    _WHICH_Q.match(question)
                    and _done_to_a_name(question, _kind_word(question), sentences[top.sid].text)
                )
            ),
        ),
        # "What did the governor say?": no governor here, nor a prime minister in "Fiji's prime
        # minister" (but "the former mayor" is the mayor the article names; a near word does not do:
        # "governor" ~ "mayor")
        ("unknown_speaker", lambda: bool(unknown & set(terms(who)) - _TIME_MODIFIERS - _GENERIC_SPEAKER)),
        ("no_speech", lambda: qtype == "said" and bool(who) and not fits),
        # "Who is Marovia's prime minister?": the article has ministers, but no word of "prime".
        (
            "unknown_role",
            lambda: qtype == "name" and bool(unknown & set(terms(asked_role(question))) - _TIME_MODIFIERS - DISCOURSE),
        ),
        # "What did the police say about enforcement?": the speech cited is somebody else's.
        ("speech_elsewhere", lambda: qtype == "said" and _speaker_absent(set(terms(who)) & known, sentences, top.sid)),
        # "How many cases did Ireland have in 2023?": the year asked about is not the answer's.
        ("year_missing", lambda: qtype in _FACT_TYPES and _year_missing(question, sentences, top.sid)),
        # "Which company built the bridges?": the best sentence does not name that kind of thing.
        ("no_such_kind", lambda: _names_no_such_kind(question, sentences[top.sid].text, near)),
        # "Which American general led the talks?": the best sentence names no general.
        ("unnamed_person", lambda: _unnamed_person(question, answer_texts)),
        # "How many lifeguards will be hired?": the sentence's numbers count signatures and spots.
        ("counts_else", lambda: qtype == "number" and _counts_something_else(question, answer_texts, known, near)),
        # "When will the footpaths reopen?": the best sentence dates another deed.
        ("undated_deed", lambda: qtype == "time" and _undated_deed(question, answer_texts, sentences, near)),
        # "How many police officers will be deployed?": the best sentence counts no deploying.
        ("uncounted_deed", lambda: qtype == "number" and _uncounted_deed(question, answer_texts, near)),
        # "How many hectares has the Philippines reclaimed?": the best sentence is about somebody else.
        (
            "about_someone_else",
            lambda: (
                qtype in _FACT_TYPES + ("said",)
                and _name_elsewhere(question, sentences, top.sid, known, extra, qtype == "said")
            ),
        ),
        # "What is the mayor's political party?": the best sentence says no party.
        (
            "attribute_absent",
            lambda: qtype == "other" and _attribute_absent(question, answer_texts, set(ev.unmatched_terms), near),
        ),
        # "What is the weather like in Pyongyang?": the thing asked for (the head noun) is nowhere in
        # the article, not even as a near word.
        # (A generic quantity, "What's India's share of the debt?", is the number the type asks for.)
        (
            "thing_absent",
            lambda: bool(
                set(terms(asked_attribute(question))[-1:])
                & set(ev.unmatched_terms)
                - DISCOURSE
                - (_GENERIC_QUANTITY if qtype == "number" else frozenset())
                - (_TIME_KIND if qtype == "time" else frozenset())
            ),
        ),
        # "What is Lisvania's unemployment rate?": the rate is a generic quantity; what it measures
        # ("unemployment") is nowhere in the article, nor a word near it.
        ("measure_absent", lambda: _measure_absent(question, unknown - near_kind)),
        # "What will a fare on the new BRT cost?": what is priced is nowhere in the article, nor a
        # word near it; the sums the article gives are the cost of something else.
        ("priced_absent", lambda: qtype == "number" and _priced_absent(question, unknown - near_kind)),
        # "Is Kim married?", "How tall is Kim?": only the names are the article's; unless the best
        # sentence holds the fact asked for and is as close in meaning as a paraphrase ("When did
        # SoftBank pull out?": "SoftBank ... withdrew in March 2022", cosine 0.66; the unanswerable
        # questions of the QA sets whose sentence had the fact type were at 0.41 or less).
        # (or, for "How long would the sea wall be?", when it holds a length or a weight: "a
        # 946-kilometre Giant Sea Wall", cosine 0.54; "How tall is Kim?" finds none)
        (
            "names_only",
            lambda: (
                ev.names_only
                and not (
                    fits
                    and (
                        top.dense >= _PARAPHRASE_COSINE
                        or _measures(question, sentences[top.sid].text)
                        or _WHERE_BASED.match(question)
                    )
                )
                and not _DO_Q.match(question)
            ),
        ),
    )
    missing = next((name for name, check in checks if check()), "")
    s = sentences[top.sid]
    around: set[str] = set()
    for i in (top.sid - 1, top.sid, top.sid + 1):
        if 0 <= i < len(sentences) and sentences[i].doc == s.doc:
            around |= term_set(sentences[i].text)
    support = len(known & around) / n_terms if n_terms else 0.0
    margin = top.score - ranked[1].score if len(ranked) > 1 else top.score
    return [top.dense, support, margin, unknown_name, float(bool(missing))], missing


def confidence(feats: list[float], config: Config) -> float:
    z = config.conf_bias + float(np.dot(config.conf_weights, feats))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
