"""FAISS index type by corpus size: exact up to ``Config.ann_above`` vectors, IVF above.

Real FAISS on synthetic unit vectors (clustered, as sentence embeddings are) with a tiny
threshold, so the approximate index is built in a second: the type chosen, its top-10 against
exact search, the files ``save`` writes (flat either way) and the bot's retrieval through it.
"""

from __future__ import annotations

import faiss
import numpy as np
import pytest

from index import load, save
from index.config import DEFAULT, Config
from index.store import Index, search, search_index

DIM = DEFAULT.dim
SMALL = Config(ann_above=1_000)


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def clustered(n: int, seed: int = 0, centers: int = 60) -> np.ndarray:
    rng = np.random.default_rng(seed)
    c = unit(rng.standard_normal((centers, DIM)))
    return unit(c[rng.integers(0, centers, n)] + 0.06 * rng.standard_normal((n, DIM)))


def top10_overlap(index: faiss.Index, vectors: np.ndarray, queries: np.ndarray) -> float:
    exact = faiss.IndexFlatIP(DIM)
    exact.add(vectors)
    _, want = exact.search(queries, 10)
    _, got = index.search(queries, 10)
    return float(np.mean([len(set(w) & set(g)) / 10 for w, g in zip(want, got)]))


def test_exact_up_to_the_threshold_ivf_above():
    assert isinstance(search_index(clustered(1_000), SMALL), faiss.IndexFlatIP)
    assert isinstance(search_index(np.zeros((0, DIM), np.float32), SMALL), faiss.IndexFlatIP)
    ivf = search_index(clustered(1_001), SMALL)
    assert isinstance(ivf, faiss.IndexIVFFlat) and ivf.metric_type == faiss.METRIC_INNER_PRODUCT
    assert ivf.ntotal == 1_001
    assert DEFAULT.ann_above == 50_000  # the bundled article and any upload (<= 1 MB, ~10 000 sentences) stay exact


def test_ivf_top10_overlaps_exact_search():
    rng = np.random.default_rng(1)
    v = clustered(20_000)
    queries = unit(v[rng.choice(len(v), 200, replace=False)] + 0.04 * rng.standard_normal((200, DIM)))
    idx = search_index(v, SMALL)
    assert isinstance(idx, faiss.IndexIVFFlat)
    assert idx.nlist == int(SMALL.ivf_lists_per_sqrt * np.sqrt(len(v))) and idx.nprobe < idx.nlist  # not a full scan
    assert top10_overlap(idx, v, queries) >= 0.95
    # and the overlap is a real check: probing a single list misses neighbours
    idx.nprobe = 1
    assert top10_overlap(idx, v, queries) < 0.95


def test_search_runs_on_one_thread_and_puts_the_setting_back():
    v = clustered(3_000)
    exact = search_index(v, DEFAULT)
    before = faiss.omp_get_max_threads()
    got = search(exact, v[:3].astype(np.float64), 10)  # any float array: made float32, contiguous
    assert faiss.omp_get_max_threads() == before
    for x, y in zip(got, exact.search(v[:3], 10)):
        np.testing.assert_array_equal(x, y)


@pytest.fixture(scope="module")
def generated() -> Index:
    """~21 000 real sentences with their real vectors (eval.corpus: the pool's sentences shuffled
    into articles): past bot.retrieve's 20 000, where it asks FAISS for k = dense_k + 64 instead
    of a matrix product. Sentences come from the generator's spans (the splitter is slow)."""
    from eval.corpus import generate, sentence_pool, vector_cache
    from index import read_text
    from index.sentences import Sentence
    from index.store import embed_text

    cache = vector_cache(sentence_pool())
    articles, sentences = [], []
    for doc, g in enumerate(generate(700, 30, seed=0)):
        a = read_text(g.text, name=f"g{doc}")
        assert a.text == g.text
        articles.append(a)
        for pos, (s, e) in enumerate(g.spans, 1):
            sentences.append(Sentence(len(sentences), s, e, g.text[s:e], 1, "body", pos, doc))
    sv = np.vstack([cache[embed_text(s.text)] for s in sentences])
    assert len(sentences) > 20_000
    return Index(articles, sentences, [], sv, np.zeros((0, DIM), np.float32), DEFAULT)


def test_files_stay_flat_and_load_builds_the_index_again(generated, tmp_path):
    e = generated
    config = Config(ann_above=10_000)
    ann = Index(e.articles, e.sentences, e.chunks, e.sentence_vectors, e.chunk_vectors, config)
    assert isinstance(ann.sentence_faiss, faiss.IndexIVFFlat) and isinstance(e.sentence_faiss, faiss.IndexFlatIP)
    save(ann, tmp_path / "ann")
    save(e, tmp_path / "exact")
    names = lambda d: sorted(p.name for p in d.iterdir())  # noqa: E731
    assert names(tmp_path / "ann") == names(tmp_path / "exact")  # the same bytes: content-addressed names
    again = load(tmp_path / "ann", config)
    assert isinstance(again.sentence_faiss, faiss.IndexIVFFlat)
    np.testing.assert_array_equal(again.sentence_vectors, e.sentence_vectors)
    q = e.sentence_vectors[:5]
    for x, y in zip(again.sentence_faiss.search(q, 10), ann.sentence_faiss.search(q, 10)):
        np.testing.assert_array_equal(x, y)  # built again the same way: the same answers
    assert isinstance(load(tmp_path / "ann").sentence_faiss, faiss.IndexFlatIP)  # the default config: exact


@pytest.mark.parametrize("nprobe", [DEFAULT.ivf_nprobe, 1])
def test_retrieval_through_ivf_finds_what_exact_search_finds(generated, nprobe):
    from bot.retrieve import Retriever

    e = generated
    config = Config(ann_above=10_000, ivf_nprobe=nprobe)
    ann = Index(e.articles, e.sentences, e.chunks, e.sentence_vectors, e.chunk_vectors, config)
    assert isinstance(ann.sentence_faiss, faiss.IndexIVFFlat)
    ours, ref = Retriever(ann, DEFAULT.dense_k, DEFAULT.bm25_k), Retriever(e, DEFAULT.dense_k, DEFAULT.bm25_k)
    k = DEFAULT.dense_k
    if nprobe == 1:  # one list holds fewer than k + 64 vectors: FAISS pads with id -1
        _, ids = ann.sentence_faiss.search(ours.search("What does Kim want?").query_vector[None, :], k + 64)
        assert (ids < 0).any()
    recall = []
    for q in ["What does Kim want?", "Who is Ri Yong-ho?", "Why did the talks stall?", "What is a generator?"]:
        got, want = ours.search(q), ref.search(q)
        assert got.ids.min() >= 0 and ours.is_prose[got.ids].all()
        np.testing.assert_allclose(got.dense, e.sentence_vectors[got.ids] @ got.query_vector, atol=1e-5)
        # the dense top-k by score (the corpus repeats sentences: equal scores, any copy)
        top = lambda ev: np.sort(ev.dense)[::-1][:k]  # noqa: E731
        recall.append(np.mean(top(got) >= top(want)[k - 1] - 1e-5))
    if nprobe == DEFAULT.ivf_nprobe:
        assert np.mean(recall) >= 0.95
