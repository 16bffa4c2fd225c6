"""ArticleBot: question + history -> query searched -> candidates -> chosen sentences -> Answer.

Every sentence in an answer is a verbatim span of the article (``text[start:end]``);
nothing is generated. When the evidence is weak (calibrated confidence below
``Config.min_confidence``) the bot declines and offers the nearest passages instead.
A bot is read-only after construction, so one instance can serve many threads.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path

from bot.asks import _WHERE_Q, question_type
from bot.choose import choose
from bot.decline import confidence, signals
from bot.followup import (
    asked_ordinal,
    asks_for_more,
    enumerated_item,
    mentions_ordinal,
    opens_with_ordinal,
    previous_ordinal,
    rewrite,
)
from bot.intent import metadata_kinds
from bot.question import clean, english_share, looks_foreign, script_of
from bot.rank import Ranked, asked_person, rank
from bot.retrieve import Retriever
from bot.text import term_set
from bot.types import Answer, Citation
from index import BUNDLED_ARTICLE, DEFAULT, Config, Index, build, load, read_file, read_text
from index.article import is_author_note, parse_date
from index.sentences import Sentence

log = logging.getLogger(__name__)

_SUGGESTED = "The passages closest to your question are listed as suggestions."
NOT_FOUND = f"The article does not say. {_SUGGESTED}"
NOT_FOUND_LANGUAGE = (
    "Your question seems to be in another language than the article, so I cannot match them. "
    "Try asking in the article's language."
)


class ArticleBot:
    """Answers questions about one article (or several indexed together) with cited sentences."""

    def __init__(self, index: Index, config: Config | None = None) -> None:
        self.index = index
        self.config = config or index.config
        self.retriever = Retriever(index, self.config.dense_k, self.config.bm25_k, self.config.near_min_cosine,
                                   self.config.names_only_cosine)  # fmt: skip
        sample = " ".join(s.text for s in index.sentences[:200])
        self._script = script_of(sample)
        self._english = english_share(sample) > 0.15

    # ------------------------------------------------------------ constructors

    @classmethod
    def default(cls, config: Config = DEFAULT) -> ArticleBot:
        """The bundled Lowy Institute article, indexed in memory (under a second)."""
        return cls.from_file(BUNDLED_ARTICLE, config)

    @classmethod
    def from_file(cls, path: str | Path, config: Config = DEFAULT) -> ArticleBot:
        return cls(build([read_file(path, config.max_article_chars)], config), config)

    @classmethod
    def from_text(cls, text: str, name: str = "", config: Config = DEFAULT) -> ArticleBot:
        return cls(build([read_text(text, name, config.max_article_chars)], config), config)

    @classmethod
    def from_index(cls, directory: str | Path, config: Config = DEFAULT) -> ArticleBot:
        """A bot over a prebuilt index folder; raises IndexLoadError if it is corrupt or mismatched."""
        return cls(load(directory, config), config)

    # ------------------------------------------------------------ properties

    @property
    def article(self):
        return self.index.articles[0]

    @property
    def text(self) -> str:
        """The original text of the (first) article: citations index into it."""
        return self.index.articles[0].text

    @property
    def sentences(self) -> list[Sentence]:
        return self.index.sentences

    # ------------------------------------------------------------ answering

    def answer(self, question: object, history: Sequence[tuple[str, Answer]] = ()) -> Answer:
        """Answer ``question`` given earlier turns ``(question, Answer)``; never raises for bad input."""
        cfg = self.config
        q = clean(question, cfg.max_question_chars)
        if q.problem:
            return Answer(question=q.text, text=q.problem, abstained=True, reason="invalid_question", note=q.note)
        qscript = script_of(q.text)
        if (qscript and self._script and qscript != self._script) or (self._english and looks_foreign(q.text)):
            return Answer(question=q.text, text=NOT_FOUND_LANGUAGE, abstained=True, reason="not_in_article",
                          note=q.note, query=q.text)  # fmt: skip

        meta = metadata_kinds(q.text)
        if meta is not None:
            if meta[0] != "about" or any(s.kind in meta[1] for s in self.sentences):
                return self._metadata_answer(q.text, meta[0], meta[1], q.note)

        previous = [a.query or a.question or str(qq) for qq, a in list(history)[-cfg.history_turns :]]
        query = rewrite(q.text, previous)
        # "When did he achieve the first one?": the first item of the list the last answer gave.
        item = enumerated_item(q.text, history[-1][1].citations[0].text) if history and history[-1][1].citations else ""
        if item:
            query = f"{q.text} ({item})"
        near: frozenset[int] = frozenset()
        avoid: frozenset[int] = frozenset()
        if query != q.text and history:
            near = frozenset(c.sentence_id for c in history[-1][1].citations)
            if asks_for_more(q.text):
                avoid = near - _holding_ordinal(q.text, history[-1][1])
                # ("Who else did he meet?" asks for another person, not the rest of the sentence)
                if question_type(q.text) not in ("time", "number", "name"):
                    avoid -= _saying_more(history[-1])
        ev = self.retriever.search(query, q.text)
        # The article's capitalised words: only "who" questions read them (made on first need).
        names = self.retriever.names if question_type(q.text) == "name" else frozenset()
        person = asked_person(history[-1][1].question) if near else ""  # (the cleaned text of that turn)
        ranked = rank(ev, self.sentences, q.text, cfg, near, avoid, self.retriever.first_naming, names, person)
        item = self._enumerated(q.text, history)
        if item is not None:  # "And the second?" after the first item of an enumeration: its next item
            feats, _ = signals([item], ev, self.sentences, q.text, self.retriever.near.says_near, names)
            return self._compose(q.text, [item], max(confidence(feats, cfg), cfg.min_confidence), query, q.note)
        feats, missing = signals(ranked, ev, self.sentences, q.text, self.retriever.near.says_near, names)
        conf = confidence(feats, cfg)
        candidates = tuple(self._cite(r, 0) for r in ranked[: cfg.n_candidates])
        # No word of the question occurs in the article (even one typo away): nothing to cite.
        if not ranked or not ev.query_terms or conf < cfg.answer_threshold(followup=query != q.text):
            return Answer(
                question=q.text, text=_not_found(q.text, missing), abstained=True, reason="not_in_article",
                confidence=conf, query=query, note=q.note, suggestions=candidates[: cfg.n_suggestions],
                candidates=candidates, missing=missing,
            )  # fmt: skip
        chosen = choose(ranked, self.sentences, q.text, cfg, frozenset(ev.query_terms))
        return self._compose(q.text, chosen, conf, query, q.note, candidates)

    def _enumerated(self, question: str, history: Sequence[tuple[str, Answer]]) -> Ranked | None:
        """The sentence opening the asked item of an enumeration ("Second, ...") within three
        paragraphs after the previous answer, when the question asks for that ordinal ("And the
        second?") and the previous turn was about the item before ("What is the first reason?",
        or an answer opening "First, ...")."""
        ordinal = asked_ordinal(question)
        if not ordinal or not history or not history[-1][1].citations:
            return None
        before, prev = previous_ordinal(ordinal), history[-1]
        if _holding_ordinal(question, prev[1]):
            return None
        # The previous turn was about the item before: its question or one of its sentences says so.
        if not (
            mentions_ordinal(prev[0], before) or any(opens_with_ordinal(c.text, before) for c in prev[1].citations)
        ):
            return None
        first = min(prev[1].citations, key=lambda c: (c.doc, c.start))
        for s in self.sentences[first.sentence_id + 1 :]:
            if s.doc != first.doc or s.paragraph > first.paragraph + 3:
                break
            if s.kind == "body" and opens_with_ordinal(s.text, ordinal):
                return Ranked(s.id, 1.0, 0.0, 0.0, 0.0, False, True)
        return None

    def _compose(self, question: str, chosen: list[Ranked], conf: float, query: str, note: str,
                 candidates: tuple[Citation, ...] = (), reason: str = "answered") -> Answer:  # fmt: skip
        order = sorted(chosen, key=lambda r: (self.sentences[r.sid].doc, self.sentences[r.sid].start))
        number = {r.sid: n for n, r in enumerate(order, 1)}
        citations = tuple(self._cite(r, number[r.sid]) for r in chosen)
        text = " ".join(f"{self.sentences[r.sid].text} [{number[r.sid]}]" for r in order)
        return Answer(question=question, text=text, citations=citations, abstained=False, reason=reason,
                      confidence=conf, query=query, note=note, candidates=candidates)  # fmt: skip

    def _cite(self, r: Ranked, n: int) -> Citation:
        s = self.sentences[r.sid]
        return Citation(n=n, text=s.text, start=s.start, end=s.end, paragraph=s.paragraph, sentence_id=s.id,
                        score=round(r.score, 4), doc=s.doc, kind=s.kind, position=s.position)  # fmt: skip

    def _gist(self, titles: list[Sentence]) -> Sentence | None:
        """The sentence that best says what the article is about: of the standfirst, the one
        nearest the headline (vectors are normalized, so inner product = cosine); with no
        standfirst, the first body sentence."""
        doc0 = [s for s in self.sentences if s.doc == 0]
        stand = [s for s in doc0 if s.kind == "standfirst"]
        if stand and titles:
            vecs = self.index.sentence_vectors
            return max(stand, key=lambda s: float(vecs[s.id] @ vecs[titles[0].id]))
        if stand:
            return None  # (cited next, as the standfirst)
        return next((s for s in doc0 if s.kind == "body"), None)

    def _metadata_answer(self, question: str, intent: str, kinds: tuple[str, ...], note: str) -> Answer:
        """Cite the metadata lines the question asks for, or say the article does not give them."""
        picked: list[Ranked] = []
        wants_credit = bool(re.search(r"\b(?:who|credit\w*|took|taken|by whom)\b", question, re.I))
        for kind in kinds:
            lines = [
                s for s in self.sentences
                # A byline that carries the date ("By Jane Doe | March 3, 2021") answers "when" too.
                if s.doc == 0 and (s.kind == kind or (kind == "date" and s.kind == "byline" and parse_date(s.text)))
            ]  # fmt: skip
            if kind == "caption" and wants_credit:  # "Who took the photo?": the credit line first
                lines.sort(key=lambda s: not _CREDIT.search(s.text))
            if kind == "date":  # "When was it updated?": the line saying "Updated" first
                asked = _prefixes(question)
                lines.sort(key=lambda s: not (asked & _prefixes(s.text)))
                dated = self.index.articles[0].date_text
                if not lines and dated:  # no date line: the dateline ("HARLOW, 5 May 2025 – ...")
                    lines = [s for s in self.sentences if s.doc == 0 and s.kind == "body" and dated in s.text][:1]
            if kind == "conclusion":
                # The closing paragraph's first sentence (an author's note after it is no part of it).
                body = [s for s in self.sentences if s.doc == 0 and s.kind == "body"]
                paras = [p for p in dict.fromkeys(s.paragraph for s in body)
                         if not is_author_note(next(s.text for s in body if s.paragraph == p))]  # fmt: skip
                lines = [s for s in body if paras and s.paragraph == paras[-1]][:1]
            if kind == "byline" and not lines and self.index.articles[0].byline:
                # no byline line: the author's note closing the piece ("X is a research fellow ...")
                note = self.index.articles[0].byline
                lines = [s for s in self.sentences if s.doc == 0 and s.kind == "body" and s.text in note][:1]
            if kind not in ("standfirst", "caption"):
                lines = lines[:1]
            if intent == "about" and kind == "title":
                # "What is the main argument?": a headline is a phrase, not the point; the point is
                # the standfirst sentence closest to the headline, else the lead (first body) sentence.
                gist = self._gist(lines)
                lines = lines if gist is None else [gist, *lines]
            for s in [s for s in lines if s.id not in {r.sid for r in picked}][:3]:
                picked.append(Ranked(s.id, 1.0 - 0.01 * len(picked), 1.0, 1.0, 1.0, False, True))
        if picked:
            return self._compose(question, picked, 1.0, question, note, reason="metadata")
        others = tuple(
            self._cite(Ranked(s.id, 0.0, 0.0, 0.0, 0.0, False, False), 0)
            for s in self.sentences if s.doc == 0 and s.kind in ("title", "publisher", "byline", "date")
        )  # fmt: skip
        what = _METADATA_LABELS.get(intent, "that")
        return Answer(question=question, text=f"The article does not give its {what}.", abstained=True,
                      reason="not_in_article", query=question, note=note, suggestions=others)  # fmt: skip


# What the decline says when a rule found the kind of fact asked for missing: the article talks
# about the topic, so "does not say when" is of more use than "does not say".
_NOT_FOUND_WHAT = {
    "time": "The article does not say when.", "where": "The article does not say where.",
    "who": "The article does not say who.", "how many": "The article does not say how many.",
    "how much": "The article does not say how much.", "number": "The article does not give that figure.",
    "said": "The article does not report that.",
}  # fmt: skip


_HOW_MANY_OR_MUCH = re.compile(r"\bhow (?:many|much)\b", re.I)


def _not_found(question: str, missing: str) -> str:
    """The decline sentence: specific when a rule found the kind of fact asked for missing."""
    kind = question_type(question)
    if kind == "name":
        kind = "where" if _WHERE_Q.search(question) else "who"
    elif kind == "number" and (m := _HOW_MANY_OR_MUCH.search(question)):
        kind = m.group(0).lower()
    if not missing or missing == "no_candidates" or kind not in _NOT_FOUND_WHAT:
        return NOT_FOUND
    return f"{_NOT_FOUND_WHAT[kind]} {_SUGGESTED}"


def _prefixes(text: str) -> set[str]:
    """6-letter word prefixes: "updated" ~ "update", "published" ~ "publis"."""
    return {w[:6] for w in re.findall(r"[a-z]{4,}", text.lower())}


_CREDIT = re.compile(
    r"\bphoto\s*:|\bcredit|©|\bphoto(?:graph)?(?:ed)? by\b|\breuters\b|\bgetty\b|\bap photo\b|\bafp\b", re.I
)
_METADATA_LABELS = {
    "date": "publication date", "author": "author", "publisher": "publisher", "title": "title", "conclusion": "conclusion",
    "photo": "photo caption", "standfirst": "summary line",
}  # fmt: skip


def _holding_ordinal(question: str, previous: Answer) -> frozenset[int]:
    """The previous answer's sentences that already say the ordinal asked for, inside them: "And in
    the second and third phases?" after "... 102 townships in the first phase, 100 in the second
    and 63 in the third." (not the next item of a list, "Second, ...")."""
    ordinal = asked_ordinal(question)
    if not ordinal:
        return frozenset()
    return frozenset(c.sentence_id for c in previous.citations
                     if mentions_ordinal(c.text, ordinal) and not opens_with_ordinal(c.text, ordinal))  # fmt: skip


def _saying_more(turn: tuple[str, Answer]) -> frozenset[int]:
    """The previous answer's sentences that say much the last question did not ask about ("What
    did Kim say about Singapore's development?": "... 'social and economic development', noting
    its cleanliness and beauty"): "What else did he comment on?" may be answered there."""
    # (the Answer's own question: the cleaned text, whatever the caller passed as turn[0])
    asked = term_set(turn[1].question) | term_set(turn[1].query)
    return frozenset(c.sentence_id for c in turn[1].citations if len(term_set(c.text) - asked) >= _MORE_TERMS)


_MORE_TERMS = 6  # measured over the QA sets: 4 or 5 gave +5 hits -1 (a 5-term sentence given again), 6 gave +5 -0
