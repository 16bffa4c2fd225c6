"""From candidate evidence to the sentences that answer: ranking, answer-ness, context, confidence.

Ranking is a weighted sum of the retrieval signals plus two answer-ness cues:
- a sentence that only restates the question ("Donald Trump has leverage." for "What
  leverage does Trump have?") is pushed down: most of its content words are the question's;
- a sentence holding what the question type asks for (a date for "when", a number for
  "how many", a name not in the question for "who"/"where", a reason marker for "why") is
  pushed up.
Then 1 sentence, or up to 2 (3 for broad questions) when the next ones score almost as well
and stay near the first; a sentence that cannot stand alone ("This is the leverage Trump
needs.") brings the sentence before it. Confidence is a logistic model over the top
candidate's signals, fitted on the dev split of the QA set (``python -m eval.calibrate``).
Limits: English cues; weights are global, not per article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from bot.retrieve import Evidence
from bot.text import STOP, has_number, has_time, names, term_set, words
from index.config import Config
from index.sentences import Sentence

_ANAPHOR = re.compile(
    r"^(?:this|that|these|those|it|they|such|he|she|his|her|its|their|there|then|so|but|yet|and|"
    r"both|the latter|the former|as a result|after all|however|instead)\b",
    re.I,
)
_REASON = re.compile(
    r"\b(?:because|since|as a result|due to|in order to|so that|so as to|reason|therefore|thus|"
    r"after all|catalyst|led to|lead to|means|could be read as|sign)\b",
    re.I,
)
_TIME_Q = re.compile(r"\bwhen\b|\bwhat (?:year|date|month|day|time)\b|\bhow long\b|\bsince when\b", re.I)
_NUMBER_Q = re.compile(r"\bhow (?:many|much|often|far|big|large|old)\b|\bwhat (?:number|percentage|share|amount|size)\b", re.I)
_NAME_Q = re.compile(r"^\W*(?:who|whom|whose|where)\b|\b(?:who|whom|whose|where)\b|\bwhich (?:person|leader|official|country|countries|city|cities|place|organi[sz]ation|company|companies)\b", re.I)
_WHY_Q = re.compile(r"\bwhy\b|\bwhat (?:is|was) the reason\b|\bhow come\b", re.I)
_BROAD_Q = re.compile(r"^\W*(?:what|how)\b.*\b(?:want|wants|need|needs|leverage|options?|strategy|signs?|"
                      r"goals?|tactics?|desires?|benefits?|drawbacks?|risks?|happen|conditions?)\b|"
                      r"^\W*(?:describe|explain|summari[sz]e|list)\b", re.I)  # fmt: skip


def question_type(question: str) -> str:
    if _TIME_Q.search(question):
        return "time"
    if _NUMBER_Q.search(question):
        return "number"
    if _WHY_Q.search(question):
        return "why"
    if _NAME_Q.search(question):
        return "name"
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


def _fits(qtype: str, sentence: str, question: str) -> bool:
    if qtype == "time":
        return has_time(sentence)
    if qtype == "number":
        return has_number(sentence)
    if qtype == "name":
        return bool(names(sentence) - names(question) - {w for w in words(question)})
    if qtype == "why":
        return bool(_REASON.search(sentence))
    return False


def rank(
    ev: Evidence,
    sentences: list[Sentence],
    question: str,
    config: Config,
    near: frozenset[int] = frozenset(),
) -> list[Ranked]:
    """Candidates best first. ``near``: sentence ids cited by the previous turn (follow-ups)."""
    qtype = question_type(question)
    qterms = term_set(question) | frozenset(ev.query_terms)
    near_paras = {(sentences[i].doc, sentences[i].paragraph) for i in near}
    out: list[Ranked] = []
    for j, sid in enumerate(ev.ids.tolist()):
        s = sentences[sid]
        st = term_set(s.text)
        novel = len(st - qterms)
        # Restating: nearly every content word is the question's (and too few new ones to be an answer).
        restates = bool(st) and novel <= max(1, len(st) // 3)
        fits = _fits(qtype, s.text, question)
        score = (
            config.w_dense * float(ev.dense[j])
            + config.w_context * float(ev.context[j])
            + config.w_bm25 * float(ev.bm25[j])
            + (config.w_type if fits else 0.0)
            - (config.w_restate if restates else 0.0)
            + (config.w_near if (s.doc, s.paragraph) in near_paras else 0.0)
        )
        out.append(Ranked(sid, score, float(ev.dense[j]), float(ev.context[j]), float(ev.bm25[j]), restates, fits))
    out.sort(key=lambda r: -r.score)
    return out


def features(ranked: list[Ranked], ev: Evidence, vocab: frozenset[str], question_terms: frozenset[str]) -> list[float]:
    """Signals the abstention model reads (see Config.conf_*)."""
    if not ranked:
        return [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    top = ranked[0]
    coverage = len(question_terms & vocab) / len(question_terms) if question_terms else 0.0
    margin = top.score - ranked[1].score if len(ranked) > 1 else top.score
    return [top.score, top.dense, top.context, math.log1p(ev.bm25_max), coverage, margin]


def confidence(feats: list[float], config: Config) -> float:
    z = config.conf_bias + float(np.dot(config.conf_weights, feats))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose(ranked: list[Ranked], sentences: list[Sentence], question: str, config: Config) -> list[Ranked]:
    """The answer sentences, best first (context sentences added after what they explain)."""
    if not ranked:
        return []
    broad = is_broad(question)
    limit = config.max_sentences if broad else 2
    top = ranked[0]
    chosen = [top]
    for r in ranked[1:]:
        if len(chosen) >= limit:
            break
        s = sentences[r.sid]
        if r.restates or top.score - r.score > (config.extra_gap_broad if broad else config.extra_gap):
            continue
        # Stay near the first sentence: a second answer from far away is usually a different topic.
        if s.doc != sentences[top.sid].doc or abs(s.paragraph - sentences[top.sid].paragraph) > 1:
            continue
        chosen.append(r)
    by_id = {r.sid: r for r in ranked}
    out: list[Ranked] = []
    for r in chosen:
        s = sentences[r.sid]
        prev = sentences[r.sid - 1] if r.sid > 0 else None
        needs_context = not can_stand_alone(s.text) and prev is not None and prev.doc == s.doc and prev.kind in ("body", "standfirst")
        if needs_context and prev is not None and prev.id not in {x.sid for x in out + chosen}:
            ctx = by_id.get(prev.id) or Ranked(prev.id, r.score - 1e-3, 0.0, 0.0, 0.0, False, False)
            if r.restates:
                # The sentence only points back ("This is the leverage Trump needs."): the one
                # before holds the content, so it ranks first.
                out += [Ranked(ctx.sid, r.score, ctx.dense, ctx.context, ctx.bm25, False, ctx.fits_type), r]
            else:
                out += [r, Ranked(ctx.sid, min(ctx.score, r.score - 1e-3), ctx.dense, ctx.context, ctx.bm25, False, ctx.fits_type)]
        elif r.sid not in {x.sid for x in out}:
            out.append(r)
    return out


def content_terms(question: str) -> frozenset[str]:
    return frozenset(t for t in term_set(question) if t not in STOP)
