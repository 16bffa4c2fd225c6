"""Load and check a QA file (JSON Lines) for the Article Q&A evaluation.

Format, one JSON object per line (blank lines are ignored)::

    {"id": "q017", "split": "dev", "question": "...", "history": ["earlier question"],
     "gold": ["verbatim substring of the article"], "answer": "short reference", "type": "..."}

Required: ``id`` (non-empty string, unique in the file), ``question`` (non-empty string),
``gold`` (list of non-empty strings; ``[]`` marks an unanswerable question).
Optional: ``split`` (string, e.g. "dev"/"test"), ``history`` (list of strings: the user's
earlier questions, oldest first), ``answer`` (string), ``type`` (string). Other keys are kept
out of the way and ignored.

Limits: the loader checks structure only. Whether the golds really occur in an article is a
separate check (``missing_golds``), because one QA file may be checked against any article.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from eval.metrics import normalize_ws


class QAFormatError(ValueError):
    """A QA file is malformed; the message names the file and every bad line."""


@dataclass(frozen=True)
class QAItem:
    """One evaluation question."""

    id: str
    question: str
    gold: tuple[str, ...]  # verbatim article spans; empty = unanswerable
    answer: str = ""  # short reference answer ("" for unanswerable)
    history: tuple[str, ...] = ()  # earlier user questions of the same conversation
    split: str | None = None
    type: str = ""
    line: int = 0  # 1-based line number in the source file, for messages

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


def _str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def parse_line(obj: object) -> tuple[QAItem | None, list[str]]:
    """Validate one decoded JSON value; return the item (or None) and the problems found."""
    if not isinstance(obj, dict):
        return None, [f"expected a JSON object, got {type(obj).__name__}"]
    problems: list[str] = []
    for key in ("id", "question"):
        if key not in obj:
            problems.append(f"missing {key!r}")
        elif not isinstance(obj[key], str) or not obj[key].strip():
            problems.append(f"{key!r} must be a non-empty string")
    if "gold" not in obj:
        problems.append("missing 'gold'")
    elif not _str_list(obj["gold"]):
        problems.append("'gold' must be a list of strings")
    elif any(not g.strip() for g in obj["gold"]):
        # An empty gold would match every citation and inflate the scores.
        problems.append("'gold' contains an empty string")
    if "history" in obj and not _str_list(obj["history"]):
        problems.append("'history' must be a list of strings")
    for key in ("answer", "type", "split"):
        if key in obj and not isinstance(obj[key], str):
            problems.append(f"{key!r} must be a string")
    if problems:
        return None, problems
    item = QAItem(
        id=obj["id"],
        question=obj["question"],
        gold=tuple(obj["gold"]),
        answer=obj.get("answer", ""),
        history=tuple(obj.get("history", ())),
        split=obj.get("split"),
        type=obj.get("type", ""),
    )
    return item, []


def parse_qa(text: str, source: str = "<qa>") -> list[QAItem]:
    """Parse QA JSON Lines text; raise QAFormatError listing every bad line."""
    items: list[QAItem] = []
    errors: list[str] = []
    first_line_of: dict[str, int] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(f"{source}:{lineno}: invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        item, problems = parse_line(obj)
        errors.extend(f"{source}:{lineno}: {p}" for p in problems)
        if item is None:
            continue
        if item.id in first_line_of:
            errors.append(f"{source}:{lineno}: duplicate id {item.id!r} (first seen on line {first_line_of[item.id]})")
            continue
        first_line_of[item.id] = lineno
        items.append(replace(item, line=lineno))
    if errors:
        raise QAFormatError("malformed QA file:\n  " + "\n  ".join(errors))
    if not items:
        raise QAFormatError(f"{source}: no questions in file")
    return items


def load_qa(path: str | Path) -> list[QAItem]:
    """Read a QA file; raise QAFormatError (also for a missing or undecodable file)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QAFormatError(f"QA file not found: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QAFormatError(f"cannot read QA file {p}: {exc}") from None
    return parse_qa(text, source=str(p))


def select_split(items: Sequence[QAItem], split: str) -> list[QAItem]:
    """Items of one split; "all" keeps everything (items without a split only appear there)."""
    if split == "all":
        return list(items)
    return [it for it in items if it.split == split]


def missing_golds(items: Sequence[QAItem], article_text: str) -> list[tuple[str, str]]:
    """(id, gold) pairs whose whitespace-normalised gold does not occur in the article.

    Normalised like the matcher, so a gold typed with a plain space still counts as
    occurring where the article has an NBSP or a line break.
    """
    norm_article = normalize_ws(article_text)
    return [(it.id, g) for it in items for g in it.gold if normalize_ws(g) not in norm_article]
