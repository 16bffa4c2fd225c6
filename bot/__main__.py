"""``python -m bot QUESTION``: ask the bundled article (or --article FILE / --index DIR) from a shell.

With no QUESTION and a terminal, starts a chat (follow-ups keep their context).
Environment: ``ARTICLE_QA_ENCODER=torch|onnx|auto`` and ``ARTICLE_QA_CACHE`` (see ``index.embed``).
Exit status: 0 answered or declined, 2 bad article/index or setting (message on stderr).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path

from bot.engine import ArticleBot
from bot.labels import where
from bot.types import Answer, Citation
from index import embed
from index.errors import ArticleQAError


def _where(c: Citation) -> str:
    return f"{where(c)}; characters {c.start}-{c.end}"


def _one_line(s: str) -> str:
    return " ".join(s.split())


def render(ans: Answer) -> str:
    """Plain-text rendering of an answer for a terminal."""
    lines = []
    if ans.note:
        lines.append(f"Note: {ans.note}")
    if ans.query and ans.query != ans.question:
        lines.append(f"Searched: {ans.query}")
    lines.append(_one_line(ans.text))
    if ans.citations:
        lines.append("")
        lines.append("Sources:")
        for c in sorted(ans.citations, key=lambda c: c.n):
            lines.append(f"  [{c.n}] ({_where(c)}) {_one_line(c.text)}")
    if ans.suggestions:
        lines.append("")
        lines.append("Nearest passages:")
        for c in ans.suggestions:
            lines.append(f"  - ({_where(c)}) {_one_line(c.text)}")
    return "\n".join(lines)


def to_json(ans: Answer) -> dict:
    d = asdict(ans)
    d.pop("candidates", None)
    return d


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Ask a question about an article.")
    parser.add_argument("question", nargs="*", help="the question (omit for an interactive chat)")
    src = parser.add_mutually_exclusive_group()
    src.add_argument("--article", type=Path, help="a .txt, .md or .html article instead of the bundled one")
    src.add_argument("--index", type=Path, help="a folder written by `python -m index build`")
    parser.add_argument("--history", action="append", default=[], metavar="Q",
                        help="an earlier question of the conversation (repeat, oldest first)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    try:
        embed.configure(backend=os.environ.get("ARTICLE_QA_ENCODER") or None,
                        cache_dir=os.environ.get("ARTICLE_QA_CACHE") or None)  # fmt: skip
    except ValueError as exc:
        parser.error(str(exc))
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        if args.index:
            bot = ArticleBot.from_index(args.index)
        elif args.article:
            bot = ArticleBot.from_file(args.article)
        else:
            bot = ArticleBot.default()
    except ArticleQAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    history: list[tuple[str, Answer]] = []
    for q in args.history:
        history.append((q, bot.answer(q, history)))
    if args.question:
        question = " ".join(args.question)
        if question == "-":
            question = sys.stdin.read()
        ans = bot.answer(question, history)
        print(json.dumps(to_json(ans), ensure_ascii=False, indent=2) if args.json else render(ans))
        return 0
    if not sys.stdin.isatty():
        ans = bot.answer(sys.stdin.read(), history)
        print(json.dumps(to_json(ans), ensure_ascii=False, indent=2) if args.json else render(ans))
        return 0
    title = bot.article.title or bot.article.name
    print(f"Ask about “{title}”. Empty line or Ctrl-D to quit.")
    while True:
        try:
            q = input("> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not q.strip():
            return 0
        ans = bot.answer(q, history)
        history.append((q, ans))
        print(render(ans) + "\n")


def run() -> int:
    """``main`` for the console: output piped into ``head`` that closes early ends quietly."""
    try:
        return main()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


if __name__ == "__main__":
    sys.exit(run())
