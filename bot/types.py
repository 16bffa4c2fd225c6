"""The answer engine's output: plain frozen dataclasses with offsets into the source text.

Like Haystack's ``ExtractedAnswer``/``Span``: a ``Citation`` is a sentence of the article,
located by ``start``/``end`` character offsets into the *original* article text, so
``article_text[c.start:c.end] == c.text`` always holds. Nothing here is generated.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citation:
    """One cited sentence: verbatim text and where it stands in the source article."""

    n: int  # the marker number used in Answer.text, "[n]"; 0 for uncited candidates
    text: str  # == source[start:end], verbatim (may contain NBSP / newlines)
    start: int
    end: int
    paragraph: int  # 1-based body paragraph number; 0 for title/date/standfirst lines
    sentence_id: int  # index into the index's sentence table
    score: float  # relevance score used for ranking (higher is better)
    doc: int = 0  # which article of the index (0 for single-article bots)
    position: int = 1  # 1-based position of the sentence within its paragraph
    kind: str = "body"  # "body", "title", "date", "standfirst", "publisher"


@dataclass(frozen=True)
class Answer:
    """The reply to one question.

    ``text`` is what a user sees: verbatim article sentences each followed by its "[n]"
    marker, in article order; or, when ``abstained``, a sentence saying the article does
    not say (with ``suggestions`` holding the nearest passages).
    ``citations`` are ranked best first (citations[0] is the single best answer sentence).
    ``candidates`` is the longer ranked list of sentences considered (for hit@k / MRR).
    """

    question: str  # the question as received (after sanitising)
    text: str
    citations: tuple[Citation, ...] = ()
    abstained: bool = False
    reason: str = "answered"  # "answered" | "not_in_article" | "invalid_question" | "metadata"
    confidence: float = 0.0  # 0..1, calibrated probability that citations[0] answers
    query: str = ""  # what was actually searched (after follow-up rewriting)
    note: str = ""  # e.g. "Your question was shortened to 1000 characters."
    suggestions: tuple[Citation, ...] = ()  # nearest passages, shown when abstained
    candidates: tuple[Citation, ...] = field(default=(), repr=False)
    # The decline rule that found the kind of fact asked for missing near the best sentence
    # ("undated_deed": "When will the footpaths reopen?" finds only other deeds dated); "" if none.
    missing: str = ""
