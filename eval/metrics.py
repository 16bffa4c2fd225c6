"""Pure scoring functions for the Article Q&A evaluation (no I/O, no model, no bot).

What is here:
- text normalisation: ``normalize_ws`` (for span matching) and ``squad_normalize``
  (for SQuAD-style token F1 / exact match);
- answer-text scores: ``token_f1``, ``exact_match`` and ``max_over_golds``;
- span retrieval scores: ``span_hit``, ``hit_at_k``, ``reciprocal_rank``;
- abstention scores: ``abstention_metrics``;
- small statistics: ``percentile``, ``mean``, ``mean_words``.

Limits: matching is purely lexical. A gold span "matches" a citation only when the
whitespace-normalised gold is a substring of the whitespace-normalised citation, so a
correct paraphrase or a citation that covers only half of a two-sentence gold is a miss.
Token F1 / EM compare the whole answer text with a short reference answer, so for an
extractive bot that answers in full sentences they are low by construction; they are
useful for comparing systems, not as absolute numbers.
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

# str.split() without arguments already splits on NBSP (U+00A0) and other Unicode spaces,
# which is exactly the "any whitespace run" the QA format asks for.
_MARKER_RE = re.compile(r"\s*\[\d+\]")
_ARTICLES_RE = re.compile(r"\b(a|an|the)\b")


def normalize_ws(s: str) -> str:
    """Collapse every whitespace run (incl. NBSP, newlines, tabs) to one space and strip."""
    return " ".join(s.split())


def strip_markers(text: str) -> str:
    """Remove the "[n]" citation markers that Answer.text carries, then normalise spaces."""
    return normalize_ws(_MARKER_RE.sub("", text))


def _is_punct(ch: str) -> bool:
    # Unicode punctuation too: the articles use curly quotes, en dashes and ellipses,
    # which string.punctuation (ASCII only, as in the official SQuAD script) would keep.
    return ch in string.punctuation or unicodedata.category(ch).startswith("P")


def squad_normalize(s: str) -> str:
    """SQuAD answer normalisation: lowercase, drop punctuation and a/an/the, collapse spaces."""
    s = s.lower()
    s = "".join(ch for ch in s if not _is_punct(ch))
    s = _ARTICLES_RE.sub(" ", s)
    return normalize_ws(s)


def token_f1(pred: str, gold: str) -> float:
    """SQuAD token-overlap F1 between two strings (after ``squad_normalize``).

    If either side has no tokens, F1 is 1.0 when both are empty and 0.0 otherwise
    (the SQuAD 2.0 convention for no-answer).
    """
    p = squad_normalize(pred).split()
    g = squad_normalize(gold).split()
    if not p or not g:
        return float(p == g)
    common = Counter(p) & Counter(g)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision = same / len(p)
    recall = same / len(g)
    return 2 * precision * recall / (precision + recall)


def exact_match(pred: str, gold: str) -> float:
    """1.0 when the two strings are equal after ``squad_normalize``, else 0.0."""
    return float(squad_normalize(pred) == squad_normalize(gold))


def max_over_golds(fn: Callable[[str, str], float], pred: str, golds: Sequence[str]) -> float:
    """Best score of ``pred`` against any reference; 0.0 when there is no reference."""
    return max((fn(pred, g) for g in golds), default=0.0)


def max_f1(pred: str, golds: Sequence[str]) -> float:
    """``token_f1`` against the best-matching reference."""
    return max_over_golds(token_f1, pred, golds)


def max_em(pred: str, golds: Sequence[str]) -> float:
    """``exact_match`` against the best-matching reference."""
    return max_over_golds(exact_match, pred, golds)


def span_hit(citation_text: str, golds: Sequence[str]) -> bool:
    """True when some gold span, whitespace-normalised, occurs inside the citation text.

    A gold that is empty after normalisation never matches (it would match everything),
    and no golds (an unanswerable question) means no hit.
    """
    cited = normalize_ws(citation_text)
    for gold in golds:
        g = normalize_ws(gold)
        if g and g in cited:
            return True
    return False


def first_hit_rank(ranked_texts: Sequence[str], golds: Sequence[str]) -> int | None:
    """1-based rank of the first text that matches a gold span, or None."""
    for i, text in enumerate(ranked_texts):
        if span_hit(text, golds):
            return i + 1
    return None


def hit_at_k(ranked_texts: Sequence[str], golds: Sequence[str], k: int) -> bool:
    """True when one of the first ``k`` ranked texts matches a gold span."""
    if k <= 0:
        return False
    return any(span_hit(t, golds) for t in ranked_texts[:k])


def reciprocal_rank(ranked_texts: Sequence[str], golds: Sequence[str]) -> float:
    """1/rank of the first matching text (0.0 when none matches) — averaged, this is MRR."""
    rank = first_hit_rank(ranked_texts, golds)
    return 0.0 if rank is None else 1.0 / rank


@dataclass(frozen=True)
class AbstentionStats:
    """How well a system declines. A rate is None when its denominator is zero."""

    n_answerable: int
    n_unanswerable: int
    n_declined: int
    decline_precision: float | None  # of the declined questions, share that were unanswerable
    decline_recall: float | None  # of the unanswerable questions, share that were declined
    false_decline_rate: float | None  # of the answerable questions, share that were declined


def abstention_metrics(pairs: Iterable[tuple[bool, bool]]) -> AbstentionStats:
    """Score declining from ``(is_answerable, abstained)`` pairs, one per question."""
    pairs = list(pairs)
    n_ans = sum(1 for answerable, _ in pairs if answerable)
    n_unans = len(pairs) - n_ans
    n_declined = sum(1 for _, abstained in pairs if abstained)
    true_declines = sum(1 for answerable, abstained in pairs if abstained and not answerable)
    false_declines = sum(1 for answerable, abstained in pairs if abstained and answerable)
    return AbstentionStats(
        n_answerable=n_ans,
        n_unanswerable=n_unans,
        n_declined=n_declined,
        decline_precision=_ratio(true_declines, n_declined),
        decline_recall=_ratio(true_declines, n_unans),
        false_decline_rate=_ratio(false_declines, n_ans),
    )


def _ratio(num: int, den: int) -> float | None:
    return None if den == 0 else num / den


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean, or None for no values (so reports can print "-")."""
    vals = list(values)
    return None if not vals else sum(vals) / len(vals)


def percentile(values: Iterable[float], p: float) -> float | None:
    """The p-th percentile (0..100) with linear interpolation (numpy's default); None if empty."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile p must be in [0, 100], got {p}")
    vals = sorted(values)
    if not vals:
        return None
    pos = (len(vals) - 1) * p / 100
    lo = math.floor(pos)
    hi = math.ceil(pos)
    return vals[lo] + (vals[hi] - vals[lo]) * (pos - lo)


def word_count(text: str) -> int:
    """Number of whitespace-separated words, ignoring "[n]" markers."""
    return len(strip_markers(text).split())


def mean_words(texts: Iterable[str]) -> float | None:
    """Mean ``word_count`` over texts; None when there are none."""
    return mean(word_count(t) for t in texts)
