"""Candidates for a query: dense (FAISS, sentences and their chunks) and lexical (BM25) evidence.

For every sentence in the union of the dense top-k and the BM25 top-k we keep the raw
signals, so the selector can weigh them and the abstention model can read them:
- ``dense``: cosine(query, sentence);
- ``context``: best cosine(query, chunk holding the sentence): the sentence's surroundings;
- ``bm25``: BM25 of the sentence, divided by the best BM25 of the query (0..1), plus the raw best;
  a question word the article never uses is searched also as the article's nearest word
  (``bot.nearwords``), at the weight of words borrowed from the conversation.
Metadata lines (title, date, publisher, byline, captions) are not candidates: the bot
cites them only for questions about them (see ``intent``).
Dense search: a matrix product up to 20 000 sentences; above, the index's FAISS index (exact up
to ``Config.ann_above`` vectors, IVF above, which may pad its results with id -1: skipped).
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass

import bm25s
import numpy as np

from bot.capitals import counterparts, demonym_places
from bot.nearwords import NearWords
from bot.text import (
    DISCOURSE,
    GENERIC_VERBS,
    STOP,
    Vocabulary,
    acronyms,
    content_words,
    is_stop_typo,
    names,
    stem,
    terms,
)
from index.embed import encode, known_words
from index.store import Index, embed_text, search

PROSE = ("body", "standfirst")
# Titles as the press abbreviates them before a name ("Rear Adm. Tomasi Veikune"), folded words.
TITLE_SHORT = {
    "general": ("gen",), "generals": ("gen",), "admiral": ("adm",), "colonel": ("col",),
    "lieutenant": ("lt",), "sergeant": ("sgt",), "captain": ("capt",), "commander": ("cmdr", "cdr"),
    "major": ("maj",), "brigadier": ("brig",), "senator": ("sen",), "governor": ("gov",),
    "professor": ("prof",), "doctor": ("dr",), "representative": ("rep",), "ambassador": ("amb",),
    "councillor": ("cllr", "coun"), "inspector": ("insp",), "superintendent": ("supt",),
}  # fmt: skip
_LIGHT = frozenset(terms("go goes went gone come comes came get gets got have has had do does did make made take took"))
_HOW_WORD = re.compile(r"\bhow\s+([a-z]+)", re.I)
# Derivational endings the stemmer leaves on: "leads" is "lead", the article's "leader" stays "leader".
_FORM_ENDINGS = ("er", "ers", "ership", "ing", "ings", "ion", "ions", "ment", "ments", "al", "ness", "ity")


def _another_form(term: str, near: str, word: str) -> bool:
    """The article's near word is the same word in another form ("lead" ~ "leader"; the typed
    ``word`` and the near word sharing seven letters: "deliveries" ~ "delivered"), not only a word
    of like meaning: the question asks what the article says."""
    return (len(term) >= 4 and near.startswith(term) and near[len(term) :] in _FORM_ENDINGS) or (
        # "deliveries" ~ "delivered": the stemmer cuts them apart ("deliveri", "deliv")
        len(os.path.commonprefix([word, near])) >= 7
    )


# A short form typed in capitals ("IPCC", "EU").
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_SHORT_FORM = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}\b")
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG


@dataclass(frozen=True)
class Evidence:
    ids: np.ndarray  # sentence ids, int64
    dense: np.ndarray  # cosine with the sentence
    context: np.ndarray  # best cosine with a chunk holding it
    bm25: np.ndarray  # BM25 / best BM25 for this query
    bm25_max: float  # the best raw BM25 score (0 when no query term is in the article)
    query_terms: tuple[str, ...]  # stemmed query terms, typos corrected to article terms
    unknown_terms: tuple[str, ...]  # query terms found nowhere in the article, even one edit away
    query_vector: np.ndarray
    # Unknown terms of the typed question with no near word in the article either (declining
    # "What is the weather like in Pyongyang?").
    unmatched_terms: tuple[str, ...] = ()
    # The typed question (not a follow-up) shares only names with the article ("Is Kim married?"):
    # its other words are nowhere in it, not even near ones.
    names_only: bool = False
    # (question term, the article's near word searched for it, their cosine) for each unknown term
    # that has one: the decline rules ask more of a near word than the search does.
    near_matches: tuple[tuple[str, str, float], ...] = ()
    # A rewritten follow-up: the cosine of each candidate with the typed question alone, without
    # the borrowed words (which find the previous answer again); None for a question searched as typed.
    typed_dense: np.ndarray | None = None


class Retriever:
    """Hybrid search over one Index. Thread-safe: read-only after construction."""

    def __init__(self, index: Index, dense_k: int = 30, bm25_k: int = 30, near_min_cosine: float = 0.55,
                 names_only_cosine: float = 0.60) -> None:  # fmt: skip
        self.index = index
        self.names_only_cosine = names_only_cosine
        self.dense_k = dense_k
        self.bm25_k = bm25_k
        self.prose = np.array([s.id for s in index.sentences if s.kind in PROSE], dtype=np.int64)
        self.is_prose = np.zeros(len(index.sentences), dtype=bool)
        self.is_prose[self.prose] = True
        self.sentence_terms = [terms(s.text) for s in index.sentences]
        self.vocab = Vocabulary(frozenset(t for i in self.prose for t in self.sentence_terms[i]), known_words())
        self._names: frozenset[str] | None = None
        self._spelling: dict[str, str] | None = None
        self._acronyms: dict[str, tuple[str, ...]] | None = None
        self._spelled: dict[str, tuple[str, ...] | None] = {}
        self._short: frozenset[str] | None = None
        self._first: dict[str, int] | None = None
        self.near = NearWords([index.sentences[i].text for i in self.prose], near_min_cosine)
        # BM25 over prose sentences only; empty token lists get a placeholder so ids stay aligned.
        corpus = [self.sentence_terms[i] or ["\x00"] for i in self.prose]
        self.bm25 = bm25s.BM25()
        self.bm25.index(corpus, show_progress=False)

    @property
    def names(self) -> frozenset[str]:
        """The terms the article writes capitalised: the names a question may share with it. Made on
        first need, not at start-up (like the near-word list: 320 000 sentences take seconds)."""
        if self._names is None:
            self._names = frozenset(t for i in self.prose for t in names(self.index.sentences[i].text))
        return self._names

    @property
    def acronyms(self) -> dict[str, tuple[str, ...]]:
        """The initials of the article's capitalised phrases of two words or more, and the
        phrase's terms: "ipcc" -> the terms of "Intergovernmental Panel on Climate Change", so a
        question may use the short form the article never writes ("eu" -> "European Union", used
        only when typed in capitals). Made on first need."""
        if self._acronyms is None:
            out: dict[str, tuple[str, ...]] = {}
            for i in self.prose:
                # Two words make a two-letter short form ("European Union": "EU"), typed in capitals.
                for short, phrase in acronyms(self.index.sentences[i].text).items():
                    out.setdefault(short, tuple(terms(phrase)))
            self._acronyms = out
        return self._acronyms

    @property
    def short_forms(self) -> frozenset[str]:
        """The short forms the article writes in capitals, folded and without dots ("U.S.", "US":
        "us"), for the ones that are stop words in lower case. Made on first need."""
        if self._short is None:
            self._short = frozenset(
                m.replace(".", "").lower()
                for i in self.prose
                for m in _SHORT_FORM.findall(self.index.sentences[i].text)
            )
        return self._short

    def first_naming(self, wanted: frozenset[str]) -> int | None:
        """The first prose sentence holding every term of ``wanted`` ("Who is Prabowo?"), or None.
        Read from each term's first sentence on (a map made on first need), not from the start:
        a "Who is ...?" question must not read 320 000 sentences."""
        if self._first is None:
            first: dict[str, int] = {}
            for i in self.prose:
                for t in self.sentence_terms[i]:
                    first.setdefault(t, int(i))
            self._first = first
        if not wanted or any(t not in self._first for t in wanted):
            return None
        start = max(self._first[t] for t in wanted)
        for i in self.prose[np.searchsorted(self.prose, start) :]:
            if wanted <= set(self.sentence_terms[i]):
                return int(i)
        return None

    def _correct_word(self, w: str, text: str) -> str | None:
        """The article term for a folded word of ``text``; a short name as typed, capitalised."""
        fixed = self.vocab.correct_word(w)
        if fixed is None and re.search(rf"\b{re.escape(w.capitalize())}\b", text):
            fixed = self.vocab.correct_name(w, self.names)
        return fixed

    def _respelt(self, text: str) -> str:
        """``text`` with each misspelt word as the article spells it, for the encoder: "What did the
        governer say about tarrifs?" finds little, "... governor ... tariffs?" finds the answer. A
        word stays when its stem is the article's, or no article word is typed so ("Davd")."""
        for w in set(content_words(text)):
            fixed = self._correct_word(w, text)
            if w not in self.vocab.known and fixed not in (None, stem(w)) and fixed in self.spelling:
                text = re.sub(rf"\b{re.escape(w)}\b", self.spelling[fixed], text, flags=re.I)
        return text

    @property
    def spelling(self) -> dict[str, str]:
        """Each article term as the article first writes it, folded ("tariff" -> "tariffs"). Made
        on first need."""
        if self._spelling is None:
            out: dict[str, str] = {}
            for i in self.prose:
                for w in content_words(self.index.sentences[i].text):
                    out.setdefault(stem(w), w)
            self._spelling = out
        return self._spelling

    def _terms(self, text: str) -> tuple[list[str], list[str], list[str]]:
        """(article terms, typos corrected; terms unknown to the article; those unknown words as typed)."""
        raw = content_words(text)
        fixed = [self._correct_word(w, text) for w in raw]
        found = {f for f in fixed if f is not None}
        # A hyphenated word the article lacks whose parts it has ("remains-repatriation") is not
        # unknown: its parts, listed after it, carry it (the article says "repatriation of remains").
        # A misspelt stop word ("abut", "wil") is no term at all.
        missing = [
            w for w, f in zip(raw, fixed)
            if f is None and not ("-" in w and all(self.vocab.correct_word(p) in found for p in w.split("-") if p and p not in STOP))
            and not is_stop_typo(w, self.vocab.known)
        ]  # fmt: skip
        known = [f for f in fixed if f is not None]
        # "Russia" where the article says "Moscow", "Seoul" where it says "South Korea"; "general"
        # where it writes "Lt. Gen. Harald Brenner".
        for w in list(missing):
            for phrase in counterparts(w) + demonym_places(w) + tuple((a,) for a in TITLE_SHORT.get(w, ())):
                ts = [stem(x) for x in phrase if x not in STOP]
                # ("us": a stop word as a term, so the article's "U.S." or "US" as written)
                if (ts and all(t in self.vocab for t in ts)) or (not ts and set(phrase) <= self.short_forms):
                    missing.remove(w)
                    known += [t for t in ts if t not in known]
                    break
        typed_caps = {w.lower() for w in _ACRONYM.findall(text)}
        for w in [w for w in missing if (len(w) >= 3 or w in typed_caps) and w.isalpha()]:
            # "IPCC": the phrase the article spells out; typed in capitals, also a lower-case one
            # ("GDP": "gross domestic product"). A two-letter one only as typed in capitals ("EU",
            # "MP": "member of parliament").
            short = len(w) == 2
            phrase = (self.acronyms.get(w) if not short or w in typed_caps else None) or (
                self._spelled_out(w) if w in typed_caps else None
            )
            if phrase:
                missing.remove(w)
                known += [t for t in phrase if t not in known]
        return known, [stem(w) for w in missing], missing

    def _spelled_out(self, acronym: str) -> tuple[str, ...] | None:
        """The terms of the first run of the article's content words whose initials spell
        ``acronym`` ("gdp": "gross domestic product"), or None; cached. Not searched in indexes of
        more than 20 000 sentences (a scan per new acronym would stall the query)."""
        if acronym not in self._spelled:
            found = None
            if len(self.prose) <= 20000:
                n = len(acronym)
                for i in self.prose:
                    # The sentence's terms: a stem keeps its word's first letter, so the initials are the words'.
                    ts = self.sentence_terms[i]
                    j = next((j for j in range(len(ts) - n + 1) if "".join(t[0] for t in ts[j : j + n]) == acronym), -1)
                    if j >= 0:
                        found = tuple(ts[j : j + n])
                        break
            self._spelled[acronym] = found
        return self._spelled[acronym]

    def search(self, query: str, question: str | None = None) -> Evidence:
        """Evidence for ``query``. When a follow-up was rewritten, ``question`` is what the user
        typed: its own words then weigh as much as all the borrowed context together, so
        "When did he declare victory on it? (Byungjin policy)" still looks for the victory."""
        single = question is None or question == query
        own, unknown, missing = self._terms(query if single else question)
        borrowed: list[str] = [] if single else [t for t in self._terms(query)[0] if t not in own]
        # "How long is the line?": the word after "how" is the question's form, not its topic, so it
        # gets no near word ("long" ~ "year" would find sentences about years).
        asked = {m.lower() for m in _HOW_WORD.findall(question or query)}
        words = [w for w in missing if w not in asked] if missing and self.near.enabled else []
        # One encoder run for the query, the typed question and the words the article lacks.
        texts = [embed_text(self._respelt(query))] + ([] if single else [embed_text(self._respelt(question))])
        v = encode(texts + words)
        qv = v[0] if single else (v[0] + v[1]) / 2.0  # mean of cosines == cosine with the mean vector
        # Words the article does not use search also as the article's nearest word ("business"
        # -> "industry"), borrowed-weight; they stay unknown for declining, unless the near word is
        # another form of the same word.
        unmatched = [stem(w) for w in missing]
        loosely = []  # matched only by a near word below names_only_cosine ("married" ~ "single", 0.57)
        matches: list[tuple[str, str, float]] = []
        typed_names = names(question or query)
        for w, (near, cos) in zip(words, self.near.nearest_scored(words, v[len(texts) :])):
            if near is None:
                continue
            unmatched.remove(stem(w))
            matches.append((stem(w), near, cos))
            if cos < self.names_only_cosine:
                loosely.append(stem(w))
            if (w[:4] == near[:4] and stem(w) in typed_names) or _another_form(stem(w), near, w):
                # Another form of a name the article has ("Swedish" ~ "Sweden"): known, full weight.
                unknown.remove(stem(w))
                if stem(near) not in own:
                    own.append(stem(near))
            elif stem(near) not in own and stem(near) not in borrowed:
                borrowed.append(stem(near))
        qt = tuple(own + borrowed)
        # Generic verbs and discourse nouns the article lacks ("What does Koizumi want?", "What
        # problems has it caused?") are asked in its own words: not a missing topic.
        # Names-only asks more of a near word: "Is Nuwan Ratnayake married?" is not about the
        # article's "single" (measured on the QA sets: 0.60 declined 9 more unanswerable questions
        # and 3 more answerable ones; 0.65 and 0.70 one and three more of those).
        strict = unmatched + loosely
        topical = [t for t in strict if t not in GENERIC_VERBS and t not in DISCOURSE]
        names_only = (single and bool(topical) and len(strict) == len(unknown)
                      and any(t in self.names or t in typed_names for t in own)
                      # "Where did Mehra go to university?": a light verb is no topic of its own
                      and all(t in self.names or t in typed_names or t in _LIGHT for t in own))  # fmt: skip
        idx = self.index
        n_prose = len(self.prose)
        if n_prose == 0:
            empty = np.zeros(0)
            return Evidence(
                np.zeros(0, np.int64),
                empty,
                empty,
                empty,
                0.0,
                qt,
                tuple(unknown),
                qv,
                tuple(unmatched),
                names_only,
                tuple(matches),
            )
        # Dense: over few sentences a matrix product is cheaper than a FAISS call.
        if len(idx.sentences) <= 20000:
            all_dense = idx.sentence_vectors @ qv
            all_dense[~self.is_prose] = -1.0
            k = min(self.dense_k, n_prose)
            dense_top = np.argpartition(-all_dense, k - 1)[:k]
        else:
            scores, ids = search(idx.sentence_faiss, qv[None, :], self.dense_k + 64)
            keep = [(i, s) for i, s in zip(ids[0], scores[0]) if i >= 0 and self.is_prose[i]][: self.dense_k]
            dense_top = np.array([i for i, _ in keep], dtype=np.int64)
            all_dense = None
        # Lexical.
        bm = np.zeros(n_prose, dtype=np.float32)
        if own:
            # A hyphenated word is listed whole and in parts ("timor-lest", "timor", "lest"): found
            # whole in the article, its parts would count it three times over.
            whole = {t for t in own if "-" in t}
            parts = {p for t in whole for p in t.split("-")}
            bm = self.bm25.get_scores([t for t in own if t not in parts or not whole]).astype(np.float32)
        if borrowed:
            bm = bm + 0.5 * self.bm25.get_scores(borrowed).astype(np.float32)
        bm_max = float(bm.max()) if len(bm) else 0.0
        k = min(self.bm25_k, n_prose)
        bm_top = self.prose[np.argpartition(-bm, k - 1)[:k]] if bm_max > 0 else np.zeros(0, np.int64)
        ids = np.unique(np.concatenate([dense_top.astype(np.int64), bm_top.astype(np.int64)]))
        # Context: chunk cosines, mapped to their sentences.
        chunk_cos = idx.chunk_vectors @ qv if len(idx.chunks) <= 20000 else None
        context = np.empty(len(ids), dtype=np.float32)
        for j, sid in enumerate(ids):
            cids = idx.chunk_of[sid]
            if not cids:
                context[j] = 0.0
            elif chunk_cos is not None:
                context[j] = max(float(chunk_cos[c]) for c in cids)
            else:
                context[j] = max(float(idx.chunk_vectors[c] @ qv) for c in cids)
        dense = all_dense[ids] if all_dense is not None else idx.sentence_vectors[ids] @ qv
        pos = np.searchsorted(self.prose, ids)
        bm_norm = bm[pos] / bm_max if bm_max > 0 else np.zeros(len(ids), np.float32)
        typed = None if single else (idx.sentence_vectors[ids] @ v[1]).astype(np.float32)
        return Evidence(ids, dense.astype(np.float32), context, bm_norm.astype(np.float32), bm_max, qt, tuple(unknown), qv,
                        tuple(unmatched), names_only, tuple(matches), typed)  # fmt: skip
