"""The ONNX query/sentence encoder: same vectors as sentence-transformers, and torch whenever it fails."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from index import BUNDLED_ARTICLE, embed, onnx_encoder, read_file
from index.sentences import split_sentences
from index.store import embed_text

from .conftest import AWKWARD_TEXTS

TEXTS = ["What does Kim want?", "Who is Ri Yong-ho?", "", "x", *AWKWARD_TEXTS]
pytestmark = pytest.mark.usefixtures("fresh_encoders")


@pytest.fixture
def cache_in(tmp_path):
    """Point the ONNX cache at ``tmp_path / "cache"`` (what ARTICLE_QA_CACHE does at the entry points)."""
    with embed.configured(cache_dir=tmp_path / "cache"):
        yield tmp_path / "cache"


def test_onnx_is_the_backend_here():
    assert embed.backend() == "onnxruntime"


def test_onnx_vectors_match_torch():
    sents = [embed_text(s.text) for s in split_sentences(read_file(BUNDLED_ARTICLE))]
    texts = TEXTS + sents
    enc = onnx_encoder.load(embed.model_path())
    got = enc.encode(texts, batch_size=16)  # padded batches of mixed lengths
    ref = embed.torch_encode(texts, batch_size=16)
    assert got.shape == ref.shape == (len(texts), 384) and got.dtype == np.float32
    cos = (got * ref).sum(1)
    assert float(cos.min()) >= 0.999, cos.min()
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    # One at a time (the query path) gives the same vectors as in a batch.
    single = np.vstack([enc.encode([t]) for t in texts[:8]])
    assert float((single * got[:8]).sum(1).min()) >= 0.9999


def test_export_writes_a_verified_graph_outside_site_packages(cache_in):
    out = onnx_encoder.ensure_exported(embed.model_path())
    assert out.is_relative_to(cache_in)
    meta = onnx_encoder.read_meta(out)
    assert meta and meta["verified"] and meta["min_cosine"] >= onnx_encoder.MIN_COSINE
    # ... and the int8 build graph beside it, checked against the float32 one.
    assert meta["int8"]["ok"] and meta["int8"]["min_cosine"] >= onnx_encoder.INT8_MIN_COSINE, meta["int8"]
    assert (out / onnx_encoder.INT8_FILE).stat().st_size == meta["int8"]["bytes"]
    assert onnx_encoder.load_int8(embed.model_path()).model_file.startswith(str(cache_in))
    enc = onnx_encoder.load(embed.model_path())
    assert enc.model_file.startswith(str(cache_in))
    assert float((enc.encode(TEXTS[:2]) * embed.torch_encode(TEXTS[:2])).sum(1).min()) >= 0.999


def test_a_corrupt_cached_graph_falls_back_to_torch(cache_in):
    out = onnx_encoder.cache_dir(embed.model_path())
    out.mkdir(parents=True)
    (out / onnx_encoder.MODEL_FILE).write_bytes(b"not an onnx graph")
    (out / onnx_encoder.META_FILE).write_text(json.dumps({"verified": True, "bytes": 17}))
    with pytest.raises(onnx_encoder.OnnxUnavailable, match="does not run"):
        onnx_encoder.load(embed.model_path())
    embed.reset()
    v = embed.encode(["What does Kim want?"])
    assert embed.backend() == "torch" and v.shape == (1, 384)


def test_a_half_written_export_is_never_used(cache_in):
    out = onnx_encoder.cache_dir(embed.model_path())
    out.mkdir(parents=True)
    (out / onnx_encoder.MODEL_FILE).write_bytes(b"\x08\x07")  # no meta.json: the export did not finish
    assert onnx_encoder.read_meta(out) is None
    with pytest.raises(onnx_encoder.OnnxUnavailable, match="no verified export"):
        onnx_encoder.load(embed.model_path(), export_if_missing=False)


def test_a_failing_run_switches_to_torch_and_still_answers(monkeypatch):
    enc = embed.get_encoder()
    assert enc.backend == "onnxruntime"

    def boom(*a, **kw):
        raise RuntimeError("simulated onnxruntime failure")

    monkeypatch.setattr(enc, "encode", boom)
    v = embed.encode(["Who is Ri Yong-ho?"])
    assert embed.backend() == "torch"
    ref = embed.torch_encode(["Who is Ri Yong-ho?"])
    assert float((v * ref).sum()) >= 0.9999


def test_torch_can_be_forced():
    assert embed.backend() == "onnxruntime"
    with embed.configured(backend="torch"):
        assert embed.requested_backend() == "torch"
        assert embed.backend() == "torch"  # the change forgot the encoder chosen before
        assert embed.encode(["hello"]).shape == (1, 384)
    assert embed.settings() == embed.Settings()  # restored
    assert embed.backend() == "onnxruntime"


def test_configure_checks_its_values_and_keeps_what_it_is_not_given(tmp_path):
    with pytest.raises(ValueError, match="unknown encoder backend 'tensorflow'.*auto, onnx, torch"):
        embed.configure(backend="tensorflow")
    with pytest.raises(ValueError, match="empty"):
        embed.configure(cache_dir=" ")
    assert embed.settings() == embed.Settings()  # a refused value changes nothing
    with embed.configured(backend=" Torch ", cache_dir=tmp_path):
        embed.configure(backend="onnx")  # the cache folder stays
        assert embed.settings() == embed.Settings("onnx", tmp_path)
        assert onnx_encoder.cache_root() == tmp_path
    assert onnx_encoder.cache_root() == Path.home() / ".cache" / "article-qa"


def test_the_encoder_modules_read_no_settings_from_the_environment():
    for mod in (embed, onnx_encoder):
        code = Path(mod.__file__).read_text("utf-8").split('if __name__ == "__main__":')[0]  # entry points may
        assert not re.search(r"environ\.get|environ\[|getenv", code), mod.__name__
