"""Near words: for a question word the article never uses, the article word closest in meaning.

"Is figuring out Pyongyang a big business?" shares no word with "Understanding North Korea is
in itself a cottage industry."; the encoder's own vector for the single word "business" is
closest to the article's "industry" (cosine 0.70). The near word joins the lexical (BM25)
search as a borrowed term, at the weight of words borrowed from the conversation, so the
sentence that says it the article's way can rank. Nothing else changes: the word still counts
as unknown to the article for declining ("How many warheads?" is not answered because the
article has "war").

``says_near(word, text)`` asks the same of a whole sentence: "Sweden, France and Italy have
all reopened routes" says something near "countries" (declining "Which <kind> ...?" needs it).

Word vectors are the sentence encoder's vectors of single words (normalised, so inner product
= cosine), made on first need (a question with a word the article lacks) for the article's words
(~400 words, 0.16 s here) and kept as float16.
Limits: single-word vectors are rough (antonyms can be close: "big" ~ "small" 0.68), hence a
high ``min_cosine``, calibrated on the dev split; vocabularies above ``max_words`` are not
expanded (embedding them would stall a first query).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from bot.text import content_words
from index.embed import encode


class NearWords:
    """The article's words and their vectors, both made on first need. Thread-safe."""

    def __init__(self, texts: Sequence[str], min_cosine: float = 0.55, max_words: int = 20_000) -> None:
        self._texts = texts  # the prose sentences; their words are listed only when first needed
        self.min_cosine = min_cosine
        self.max_words = max_words
        self._words: list[str] | None = None
        self._vectors: np.ndarray | None = None
        self._rows: dict[str, int] | None = None
        self._lock = threading.Lock()

    @property
    def words(self) -> list[str]:
        if self._words is None:
            with self._lock:
                if self._words is None:
                    # Not at start-up: listing 320 000 sentences' words takes seconds.
                    self._words = sorted({w for t in self._texts for w in content_words(t)})
        return self._words

    @property
    def enabled(self) -> bool:
        return self.min_cosine < 1.0 and 0 < len(self.words) <= self.max_words

    def _matrix(self) -> np.ndarray:
        if self._vectors is None:
            words = self.words
            with self._lock:
                if self._vectors is None:
                    # float16: half the memory in every bot that has answered (the app keeps one per
                    # uploaded article; 324 words: 0.25 MB); a nearest-word choice needs no more.
                    self._vectors = encode(words, batch_size=256).astype(np.float16)
        return self._vectors

    def says_near(self, word: str, text: str) -> bool:
        """Whether ``text`` (article prose) has a word at ``min_cosine`` or more from ``word``:
        "Sweden, France and Italy have all reopened routes" says something near "countries"."""
        if not self.enabled or not word:
            return False
        rows = [self._row[w] for w in set(content_words(text)) if w in self._row]
        if not rows:
            return False
        cos = self._matrix()[rows].astype(np.float32) @ encode([word])[0]
        return bool(cos.max() >= self.min_cosine)

    @property
    def _row(self) -> dict[str, int]:
        if self._rows is None:
            self._rows = {w: i for i, w in enumerate(self.words)}
        return self._rows

    def nearest(self, words: list[str], vectors: np.ndarray | None = None) -> list[str | None]:
        """For each word, the closest article word at ``min_cosine`` or more, else None.
        ``vectors``: the words' encoder vectors, when the caller has them already."""
        return [w for w, _ in self.nearest_scored(words, vectors)]

    def nearest_scored(self, words: list[str], vectors: np.ndarray | None = None) -> list[tuple[str | None, float]]:
        """``nearest`` with the cosine of each word found (0.0 when none is)."""
        if not words or not self.enabled:
            return [(None, 0.0)] * len(words)
        cos = (encode(words) if vectors is None else vectors) @ self._matrix().T.astype(np.float32)
        best = cos.argmax(axis=1)
        return [
            (self.words[j], float(cos[i, j])) if cos[i, j] >= self.min_cosine else (None, 0.0)
            for i, j in enumerate(best)
        ]
