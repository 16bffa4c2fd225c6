"""Indexing: article file -> clean text + metadata -> sentences with offsets -> chunks -> vectors -> files.

Each step is one module: ``article`` (decode and clean), ``sentences``, ``chunks``,
``embed`` (the one encoder), ``store`` (build, save, load). Nothing here imports ``bot``.
"""

from __future__ import annotations

from pathlib import Path

from index.article import Article, read_file, read_text
from index.config import DEFAULT, Config
from index.errors import ArticleError, ArticleQAError, IndexLoadError
from index.store import Index, build, load, save

DATA_DIR = Path(__file__).parent / "data"
BUNDLED_ARTICLE = DATA_DIR / "lowy-interpreter-2018-08-07-what-kim-jong-un-really-wants.txt"

__all__ = [
    "Article", "ArticleError", "ArticleQAError", "BUNDLED_ARTICLE", "Config", "DEFAULT", "Index",
    "IndexLoadError", "build", "load", "read_file", "read_text", "save",
]  # fmt: skip
