"""Index builds: the int8 build graph gives vectors close to the float32 (query) encoder's and
falls back to it, chunk vectors are the right rows, and sentence splitting is safe to run from
several threads at once."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index import BUNDLED_ARTICLE, build, embed, load, onnx_encoder, read_file, read_text, save
from index.sentences import split_sentences
from index.store import embed_text

from .conftest import AWKWARD_TEXTS, SECOND_ARTICLE

pytestmark = pytest.mark.usefixtures("fresh_encoders")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    a = read_file(BUNDLED_ARTICLE)
    return [embed_text(s.text) for s in split_sentences(a)] + ["What leverage does Trump have?", *AWKWARD_TEXTS]


def test_builds_use_the_int8_graph_close_to_float32(texts):
    vecs, used = embed.encode_many(texts)
    assert used == "onnxruntime-int8"  # this machine has onnxruntime, onnx and an export
    ref = embed.encode(texts)
    assert vecs.shape == ref.shape == (len(texts), 384) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    cos = (vecs * ref).sum(axis=1)
    assert float(cos.min()) >= onnx_encoder.INT8_MIN_COSINE and float(cos.mean()) >= 0.985, cos
    # Not the float32 vectors under another name.
    assert float(cos.mean()) < 0.9999
    # The same input gets the same vectors (the batches are the same).
    np.testing.assert_array_equal(embed.encode_many(texts)[0], vecs)


def test_int8_builds_can_be_switched_off(texts):
    with embed.configured(int8_builds=False):
        vecs, used = embed.encode_many(texts)
        assert used == embed.backend() == "onnxruntime"
        np.testing.assert_allclose(vecs, embed.encode(texts), atol=1e-5)
        assert build([read_file(BUNDLED_ARTICLE)]).encoder == "onnxruntime"


def test_torch_backend_builds_with_torch(texts):
    with embed.configured(backend="torch"):
        vecs, used = embed.encode_many(texts[:5])
        assert used == "torch"
        np.testing.assert_allclose(vecs, embed.torch_encode(texts[:5]), atol=1e-5)


def test_a_missing_or_changed_int8_graph_builds_in_float32(tmp_path, texts, caplog):
    """A cache whose int8 file is gone or altered: refused by its recorded size, logged, and the
    build goes on with the float32 graph."""
    src = onnx_encoder.cache_dir(embed.model_path())
    cache = tmp_path / "cache"
    with embed.configured(cache_dir=cache):
        dst = onnx_encoder.cache_dir(embed.model_path())
        shutil.copytree(src, dst)
        (dst / onnx_encoder.INT8_FILE).write_bytes(b"truncated")
        with pytest.raises(onnx_encoder.OnnxUnavailable, match="missing or changed"):
            onnx_encoder.load_int8(embed.model_path())
        with caplog.at_level(logging.WARNING, logger="index.embed"):
            vecs, used = embed.encode_many(texts[:5])
        assert used == "onnxruntime" and "int8 build encoder unavailable" in caplog.text
        np.testing.assert_allclose(vecs, embed.encode(texts[:5]), atol=1e-5)


def test_small_builds_do_not_load_torch():
    """The app indexes its article (and uploads) at start: that must not pay for importing torch."""
    code = (
        "import sys\n"
        "from index import BUNDLED_ARTICLE, build, read_file\n"
        "idx = build([read_file(BUNDLED_ARTICLE)])\n"
        "print(idx.encoder, 'torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.split() == ["onnxruntime-int8", "False"]


def test_every_chunk_vector_is_its_own_text(tmp_path):
    idx = build([read_file(BUNDLED_ARTICLE), read_file(SECOND_ARTICLE)])
    assert any(len(c.sentence_ids) == 1 for c in idx.chunks)  # the reuse below is exercised
    ref = embed.encode([embed_text(idx.articles[c.doc].text[c.start : c.end]) for c in idx.chunks])
    cos = (idx.chunk_vectors * ref).sum(axis=1)
    assert float(cos.min()) >= onnx_encoder.INT8_MIN_COSINE
    for c in idx.chunks:
        if len(c.sentence_ids) == 1:
            np.testing.assert_array_equal(idx.chunk_vectors[c.id], idx.sentence_vectors[c.sentence_ids[0]])
    # Which encoder embedded the vectors is written down and read back.
    assert idx.encoder == "onnxruntime-int8"
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
