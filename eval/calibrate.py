"""``python -m eval.calibrate``: fit the abstention model on the dev split and choose its threshold.

For every dev question of every (QA file, article) pair it records the signals
``bot.decline.signals`` reads and whether the question is answerable, fits a logistic
regression (scikit-learn, L2, features standardised then folded back into raw weights), and
picks the highest threshold whose false-decline rate on answerable dev questions stays
within ``--max-false-decline`` (default 1/30). It prints the weights, the threshold table and
the lines to paste into ``index/config.py``; it changes no file. The test split is only
reported, never used to fit. Limits: a few hundred questions; the model is linear.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

import bot.engine as engine
from bot import ArticleBot
from eval.qaset import QAItem, load_qa, select_split
from eval.run import ask_bot
from index import BUNDLED_ARTICLE, DEFAULT, embed

HERE = Path(__file__).parent
PAIRS = [
    (HERE / "qa.jsonl", BUNDLED_ARTICLE),
    (HERE / "qa_second.jsonl", HERE.parent / "tests" / "fixtures" / "second_article.md"),
]


def collect(bot: ArticleBot, items: Sequence[QAItem]) -> tuple[list[list[float]], list[int]]:
    """(features, answerable) for each question the retrieval path answers (not metadata/invalid)."""
    seen: list[list[float]] = []
    original = engine.signals

    def spy(*args, **kwargs):  # record what the engine computes, unchanged
        f = original(*args, **kwargs)
        seen.append(f[0])
        return f

    xs: list[list[float]] = []
    ys: list[int] = []
    engine.signals = spy
    try:
        for item in items:
            seen.clear()
            ask_bot(bot, item)
            if seen:
                xs.append(seen[-1])
                ys.append(int(item.answerable))
    finally:
        engine.signals = original
    return xs, ys


def fit(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    mu, sd = x.mean(0), x.std(0) + 1e-9
    model = LogisticRegression(C=c, max_iter=2000).fit((x - mu) / sd, y)
    w = model.coef_[0] / sd
    b = float(model.intercept_[0] - np.dot(model.coef_[0], mu / sd))
    return w, b


def rates(p: np.ndarray, y: np.ndarray, t: float) -> tuple[float, float]:
    """(decline recall on unanswerable, false-decline rate on answerable) at threshold t."""
    un, ans = p[y == 0], p[y == 1]
    return (float((un < t).mean()) if len(un) else 0.0, float((ans < t).mean()) if len(ans) else 0.0)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.calibrate", description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--max-false-decline", type=float, default=1 / 30)
    args = ap.parse_args(argv)
    embed.configure(backend=os.environ.get("ARTICLE_QA_ENCODER") or None,
                    cache_dir=os.environ.get("ARTICLE_QA_CACHE") or None)  # fmt: skip
    cfg = dataclasses.replace(DEFAULT, min_confidence=0.0)  # see every answer's confidence
    data: dict[str, tuple[list[list[float]], list[int]]] = {"dev": ([], []), "test": ([], [])}
    for qa, article in PAIRS:
        bot = ArticleBot.from_file(article, cfg)
        items = load_qa(qa)
        for split in data:
            xs, ys = collect(bot, select_split(items, split))
            data[split][0].extend(xs)
            data[split][1].extend(ys)
    xd, yd = np.array(data["dev"][0]), np.array(data["dev"][1])
    xt, yt = np.array(data["test"][0]), np.array(data["test"][1])
    w, b = fit(xd, yd, args.c)
    pd, pt = (1 / (1 + np.exp(-(x @ w + b))) for x in (xd, xt))
    print(
        f"dev: {int(yd.sum())} answerable, {int((1 - yd).sum())} unanswerable; test: {int(yt.sum())}, {int((1 - yt).sum())}"
    )
    print(f"{'threshold':>9}  {'dev decl_R':>10}  {'dev false':>9}  {'test decl_R':>11}  {'test false':>10}")
    best = 0.0
    for t in np.round(np.arange(0.30, 0.96, 0.01), 2):
        dr, fd = rates(pd, yd, t)
        if fd <= args.max_false_decline:
            best = float(t)
    for t in sorted({*np.round(np.arange(0.30, 0.96, 0.05), 2), best}):
        dr, fd = rates(pd, yd, t)
        tr, tf = rates(pt, yt, t)
        mark = "  <- chosen" if t == best else ""
        print(f"{t:>9.2f}  {dr:>10.3f}  {fd:>9.3f}  {tr:>11.3f}  {tf:>10.3f}{mark}")
    print("\nPaste into index/config.py:")
    print(f"    conf_weights: tuple[float, ...] = ({', '.join(f'{v:.3f}' for v in w)})")
    print(f"    conf_bias: float = {b:.3f}")
    print(f"    min_confidence: float = {best:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
