"""Errors a user can cause while reading an article or loading an index.

Each message says what happened and what to do, so callers (CLI, app) can show it as-is.
"""

from __future__ import annotations


class ArticleQAError(Exception):
    """Base class: the message is meant for the user, not a traceback."""


class ArticleError(ArticleQAError):
    """The article cannot be read (empty, binary, too large, no prose)."""


class IndexLoadError(ArticleQAError):
    """An index on disk is missing, corrupt or was built differently."""

    def __init__(self, problem: str, directory: str = "") -> None:
        where = f" in {directory}" if directory else ""
        fix = (
            f"Rebuild it with: python -m index build --out {directory or 'DIR'}"
            " (or delete the folder; the bot then builds the index in memory)."
        )
        super().__init__(f"The index{where} cannot be used: {problem}. {fix}")
        self.problem = problem
