"""Index builds: the bfloat16 bulk path gives the serving encoder's vectors, chunk vectors are the
right rows, and sentence splitting is safe to run from several threads at once."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index import BUNDLED_ARTICLE, build, embed, load, read_file, read_text, save
from index.sentences import split_sentences
from index.store import embed_text

from .conftest import SECOND_ARTICLE


@pytest.fixture(scope="module")
def texts() -> list[str]:
    a = read_file(BUNDLED_ARTICLE)
    return [embed_text(s.text) for s in split_sentences(a)] + [
        "What leverage does Trump have?",
        "Ünïcödé — 日本語のテキスト, русский текст, العربية, 🙂",
        "lone surrogate \ud800 here",
        " ".join(["a long text past the 256-token limit of the model"] * 60),
    ]


@pytest.fixture(autouse=True)
def _fresh_choice():
    yield
    embed.reset()


def test_bfloat16_vectors_equal_the_serving_encoder(texts):
    fast = embed._bf16_encode(texts)
    ref = embed.encode(texts)
    assert fast.shape == ref.shape == (len(texts), 384) and fast.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert float((fast * ref).sum(axis=1).min()) >= embed.BULK_MIN_COSINE


def test_encode_many_whichever_path_it_takes(texts):
    vecs, used = embed.encode_many(texts, min_texts=0)
    assert used in ("bfloat16", embed.backend())
    assert used == ("bfloat16" if embed.bulk_ready() else embed.backend())
    assert float((vecs * embed.encode(texts)).sum(axis=1).min()) >= embed.BULK_MIN_COSINE


def test_bulk_can_be_switched_off(texts):
    with embed.configured(bulk=False):
        vecs, used = embed.encode_many(texts, min_texts=0)
        assert used == embed.backend()
        np.testing.assert_allclose(vecs, embed.encode(texts), atol=1e-5)


def test_small_builds_do_not_load_torch():
    """The app indexes its article (and uploads) at start: that must not pay for importing torch."""
    code = (
        "import sys\n"
        "from index import BUNDLED_ARTICLE, build, read_file\n"
        "idx = build([read_file(BUNDLED_ARTICLE)])\n"
        "print(idx.encoder, 'torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.split() == [embed.backend(), str(embed.backend() == "torch")]


def test_the_path_depends_on_the_build_not_on_the_process(texts):
    """With torch already in memory a small build still uses the serving encoder: the same article
    gets the same vectors in the app, the CLI and the eval, whatever ran before."""
    embed.get_torch_model()
    assert embed.encode_many(texts)[1] == embed.backend()
    assert build([read_file(BUNDLED_ARTICLE)]).encoder == embed.backend()


def test_every_chunk_vector_is_its_own_text(tmp_path):
    idx = build([read_file(BUNDLED_ARTICLE), read_file(SECOND_ARTICLE)])
    assert any(len(c.sentence_ids) == 1 for c in idx.chunks)  # the reuse below is exercised
    ref = embed.encode([embed_text(idx.articles[c.doc].text[c.start : c.end]) for c in idx.chunks])
    cos = (idx.chunk_vectors * ref).sum(axis=1)
    assert float(cos.min()) >= embed.BULK_MIN_COSINE
    for c in idx.chunks:
        if len(c.sentence_ids) == 1:
            np.testing.assert_array_equal(idx.chunk_vectors[c.id], idx.sentence_vectors[c.sentence_ids[0]])
    # Which encoder embedded the vectors is written down and read back.
    assert idx.encoder in ("bfloat16", "onnxruntime", "torch")
    save(idx, tmp_path / "idx")
    assert load(tmp_path / "idx").encoder == idx.encoder


def test_sentence_splitting_from_several_threads():
    articles = [read_file(BUNDLED_ARTICLE), read_file(SECOND_ARTICLE)] + [
        read_text(f"Paragraph {i}. Dr. Smith arrived at 5 p.m. on Monday. He left on Tuesday.\n\n" * (i + 1))
        for i in range(6)
    ]
    alone = [split_sentences(a) for a in articles]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(split_sentences, articles * 4))
    assert together == alone * 4
    for a, ss in zip(articles, alone):
        assert all(a.text[s.start : s.end] == s.text for s in ss)
