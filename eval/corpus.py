"""A generated corpus for scale benchmarks: many articles made of real sentences, shuffled.

``sentence_pool()`` takes the prose sentences of the real articles shipped with the project
(the bundled Lowy Institute article and ``tests/fixtures/second_article.md`` when present),
as the project's own splitter cuts them, plus the plain-prose sentences of the Python
documentation that ships with the interpreter (``pydoc_data.topics``: real English, another
domain) so the pool has about a thousand distinct sentences. ``generate(n)`` makes ``n``
articles: a title line, a date line and paragraphs of 2-6 sentences drawn from the pool in
a shuffled order (seeded, so a run is repeatable). The texts are real prose, but at 10 000
articles each sentence appears a few hundred times: fine for timing and memory (the work
per sentence is the same), not a test of retrieval quality.

``vector_cache`` + ``build_reusing`` build an ``index.store.Index`` for such a corpus without
re-embedding repeats: every distinct sentence is embedded once (real vectors, exactly what
the encoder gives) and a chunk's vector is the normalised mean of its sentences' vectors
(a stand-in: the real encoder would embed the chunk's text). Search cost is the same for
either vector, which is what the benchmark measures at sizes too slow to embed in full.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "fixtures" / "second_article.md"]


@dataclass(frozen=True)
class GenArticle:
    text: str
    spans: tuple[tuple[int, int], ...]  # where each pool sentence stands in ``text``


def sentence_pool() -> list[str]:
    """Distinct prose sentences of the real articles, in their original order."""
    from index import BUNDLED_ARTICLE, read_file
    from index.sentences import split_sentences

    out: list[str] = []
    seen: set[str] = set()
    for path in [BUNDLED_ARTICLE, *SOURCES]:
        if not path.is_file():
            continue
        for s in split_sentences(read_file(path)):
            t = " ".join(s.text.split())
            if s.kind in ("body", "standfirst") and len(t) >= 20 and t not in seen:
                seen.add(t)
                out.append(t)
    for t in _pydoc_sentences():
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


def _pydoc_sentences() -> list[str]:
    """Plain-prose sentences of the interpreter's own documentation (no code, no markup)."""
    import re

    try:
        from pydoc_data.topics import topics
    except ImportError:
        return []
    out = []
    for key in sorted(topics):
        for para in re.split(r"\n\s*\n", topics[key]):
            flat = " ".join(para.split())
            if len(flat) < 40 or any(c in flat for c in "{}[]<>=*|\\@$^`~#") or ">>>" in flat or "::" in flat:
                continue
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", flat):
                letters = sum(ch.isalpha() for ch in s)
                if 8 <= len(s.split()) <= 60 and s.endswith(".") and letters > 0.75 * len(s.replace(" ", "")):
                    out.append(s)
    return list(dict.fromkeys(out))


def generate(n: int, sentences_per_article: int = 30, seed: int = 0, pool: list[str] | None = None) -> list[GenArticle]:
    """``n`` articles of about ``sentences_per_article`` real sentences each, shuffled."""
    pool = pool or sentence_pool()
    rng = random.Random(seed)
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    out = []
    for i in range(n):
        k = max(3, int(rng.gauss(sentences_per_article, sentences_per_article / 4)))
        picked = rng.sample(pool, min(k, len(pool))) if k <= len(pool) else rng.choices(pool, k=k)
        title_words = rng.choice(pool).split()[:8]
        head = f"# Report {i + 1}: {' '.join(title_words).rstrip('.,;:')}\n\n{rng.randint(1, 28)} {rng.choice(months)} {rng.randint(2015, 2025)}\n\n"
        parts, spans, pos, j = [head], [], len(head), 0
        while j < len(picked):
            para = picked[j : j + rng.randint(2, 6)]
            j += len(para)
            for m, s in enumerate(para):
                spans.append((pos, pos + len(s)))
                sep = " " if m < len(para) - 1 else "\n\n"
                parts.append(s + sep)
                pos += len(s) + len(sep)
        out.append(GenArticle("".join(parts).rstrip() + "\n", tuple(spans)))
    return out


def vector_cache(texts: list[str], batch_size: int = 64) -> dict[str, np.ndarray]:
    """Each distinct text embedded once with the project's encoder (as ``index.store`` embeds it)."""
    from index.embed import encode
    from index.store import embed_text

    distinct = sorted({embed_text(t) for t in texts})
    vecs = encode(distinct, batch_size=batch_size)
    return dict(zip(distinct, vecs))


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v)
    return (v / n if n > 0 else v).astype(np.float32)


def build_reusing(articles, cache: dict[str, np.ndarray], config=None):
    """``index.store.build`` with cached sentence vectors and stand-in chunk vectors (see module doc)."""
    from index.chunks import make_chunks
    from index.config import DEFAULT
    from index.embed import encode
    from index.sentences import split_sentences
    from index.store import Index, embed_text

    config = config or DEFAULT
    sentences, chunks = [], []
    for doc, article in enumerate(articles):
        ss = split_sentences(article, doc=doc, first_id=len(sentences))
        chunks += make_chunks(article.text, ss, config.chunk_size, config.chunk_overlap, first_id=len(chunks))
        sentences += ss
    keys = [embed_text(s.text) for s in sentences]
    missing = sorted({k for k in keys if k not in cache})  # titles, dates: not in the pool
    if missing:
        cache.update(zip(missing, encode(missing)))
    sv = np.vstack([cache[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, config.dim), np.float32)
    cv = (
        np.vstack([_unit(sv[list(c.sentence_ids)].mean(0)) for c in chunks])
        if chunks
        else np.zeros((0, config.dim), np.float32)
    )
    return Index(list(articles), sentences, chunks, sv, cv, config)


def standin_vectors(
    texts_and_starts, article: GenArticle, cache: dict[str, np.ndarray], dim: int = 384
) -> list[np.ndarray]:
    """Stand-in vectors for arbitrary windows of a generated article (the tutorial's chunks):
    the normalised mean of the cached vectors of the pool sentences the window overlaps."""
    from index.store import embed_text

    out = []
    for text, start in texts_and_starts:
        end = start + len(text)
        vs = [cache[embed_text(article.text[s:e])] for s, e in article.spans if s < end and e > start]
        out.append(_unit(np.mean(vs, 0)) if vs else np.full(dim, 1 / np.sqrt(dim), np.float32))
    return out
