"""``python -m index build [ARTICLE ...] --out DIR`` and ``python -m index check DIR``.

Environment: ``ARTICLE_QA_ENCODER=torch|onnx|auto`` and ``ARTICLE_QA_CACHE`` (see ``index.embed``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from index import BUNDLED_ARTICLE, ArticleQAError, build, embed, load, read_file, save


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description="Build or check an Article Q&A index.")
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="index one or more articles (.txt, .md, .html)")
    b.add_argument("articles", nargs="*", type=Path, help=f"article files (default: {BUNDLED_ARTICLE.name})")
    b.add_argument("--out", required=True, type=Path, help="folder to write the index to")
    c = sub.add_parser("check", help="load an index and report what it holds")
    c.add_argument("dir", type=Path)
    args = parser.parse_args(argv)
    try:
        embed.configure(backend=os.environ.get("ARTICLE_QA_ENCODER") or None,
                        cache_dir=os.environ.get("ARTICLE_QA_CACHE") or None)  # fmt: skip
    except ValueError as exc:
        parser.error(str(exc))
    try:
        if args.cmd == "build":
            t0 = time.perf_counter()
            articles = [read_file(p) for p in (args.articles or [BUNDLED_ARTICLE])]
            idx = build(articles)
            manifest = save(idx, args.out)
            dt = time.perf_counter() - t0
            print(
                f"Indexed {len(articles)} article(s): {len(idx.sentences)} sentences, {len(idx.chunks)} chunks "
                f"in {dt:.1f} s -> {manifest}"
            )
        else:
            idx = load(args.dir)
            print(f"OK: {len(idx.articles)} article(s), {len(idx.sentences)} sentences, {len(idx.chunks)} chunks")
            for a in idx.articles:
                print(f"  {a.name or '(text)'}: {a.title!r} {a.date or a.date_text}")
    except ArticleQAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
