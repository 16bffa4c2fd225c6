"""Answering: question + history -> query actually searched -> candidates (dense + BM25)
-> chosen sentences -> ``Answer`` (cited) or a decline. See ``bot.engine``."""

from __future__ import annotations

from bot.engine import ArticleBot
from bot.types import Answer, Citation

__all__ = ["Answer", "ArticleBot", "Citation"]
