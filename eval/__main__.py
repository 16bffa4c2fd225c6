"""Command line entry: ``python -m eval [--qa FILE] [--article FILE] [--split dev|test|all] ...``.

Also the ``article-qa-eval`` console script (``eval.__main__:main``). An entry point, so it
reads the environment: the embedding model is loaded from a local package, so the Hugging
Face hub is switched to offline mode before anything imports sentence-transformers, and
``ARTICLE_QA_ENCODER`` / ``ARTICLE_QA_CACHE`` are passed to ``index.embed.configure``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # no fork warnings mid-report
    from index import embed

    embed.configure(backend=os.environ.get("ARTICLE_QA_ENCODER") or None,
                    cache_dir=os.environ.get("ARTICLE_QA_CACHE") or None)  # fmt: skip
    from eval.run import main as run_main

    return run_main(argv)


if __name__ == "__main__":
    sys.exit(main())
