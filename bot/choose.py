"""From ranked candidates (``bot.rank``) to the sentences that answer, and the context they need.

1 sentence, or up to 2 (3 for broad questions) when the next ones score almost as well and stay
near the first; a sentence that cannot stand alone ("This is the leverage Trump needs.") brings
the sentence before it, and an introduction, a question the article asks or a claim brings the
sentence that completes it.
Limits: English cues; context comes only from neighbouring body (or standfirst) sentences of the
same document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.asks import _ANAPHOR, _CONTRAST, _FACT_TYPES, _FIRST, _REASON, _REPORTED, _YES_NO_Q, is_broad, question_type
from bot.rank import _RESULT_OPEN, Ranked, _fits, _neighbour, can_stand_alone, is_question
from bot.text import has_date, names, stem, term_set, terms, words
from index.config import Config
from index.sentences import Sentence

_OPENS_QUOTE = re.compile(r"^\s*[“\"]")
_BARE_QUOTE = re.compile(r"^\s*[“\"][^“”\"]*[”\"]\s*$")  # a whole sentence quoted, nobody named
# "Consider his Armed Forces Day speech last March." then the quotation from it
_SPEECH_NOUN = re.compile(r"\b(?:speech|speeches|remarks|address|statement|interview|letter|message|testimony)\b", re.I)
# '“...,” he told parliament': a quotation attributed to a pronoun
_PRONOUN_SAID = re.compile(r"[”\"],?\s+(?:he|she|they)\s+[a-z]+", re.I)
# A sentence going on about the one before: "The trip, ...", "It ...", "This ..."
_GOES_ON = re.compile(rf"^\W*(?:the\s+(?-i:[a-z]+)\b(?!\s+of\b)|{_ANAPHOR.pattern[1:]})", re.I)
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
    - a quote after such an introduction brings the introduction (who said it), and so does a
      sentence that is all quotation after one that names its speaker ('"...," Valashny said.');
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
    # (also "The labour minister ... welcomed the clarity ..." then "“The court has spoken ...,” he
    # told parliament": a quotation given to "he" is the person the sentence before is about)
    if qtype == "said" and nxt is not None and _OPENS_QUOTE.match(nxt.text) and not _OPENS_QUOTE.match(s.text) \
            and (_REPORTED.search(s.text) or _SPEECH_NOUN.search(s.text) or _PRONOUN_SAID.search(nxt.text)):  # fmt: skip
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
    # '"The river does not belong to Tarvania ...," Valashny said.' then '"We have offered joint
    # monitoring three times. ..."': a quotation going on from the sentence naming its speaker
    # brings that sentence (who said it).
    if (prev is not None and prev.paragraph == s.paragraph and _BARE_QUOTE.match(s.text)
            and _REPORTED.search(prev.text)):  # fmt: skip
        return [prev], False
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
