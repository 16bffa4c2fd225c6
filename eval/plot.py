"""Accuracy-coverage curve of the bot's confidence, drawn as a PNG with matplotlib (Agg).

Each point is one confidence threshold t: the bot answers the questions whose
``Answer.confidence >= t`` (and for which it had a sentence to lead with) and declines the
rest. x = coverage (share of all questions answered), y = accuracy on the answered ones
(an answered unanswerable question is wrong). The bot's actual decisions are marked.
Limits: the curve assumes declining depends on confidence alone; a bot that also declines
for other reasons (invalid input, metadata rules) sits off the curve at its marker.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.run import GRID, Record, sweep


def curve_points(records: Sequence[Record]) -> list[dict[str, Any]]:
    """The sweep at every distinct confidence (plus 0), highest threshold first."""
    thresholds = sorted({0.0} | {float(r.confidence or 0.0) for r in records}, reverse=True)
    return [sweep(records, t) for t in thresholds]


def plot_coverage(records: Sequence[Record], current: dict[str, Any], path: str | Path) -> None:
    """Write the accuracy-coverage PNG to ``path``."""
    import matplotlib

    matplotlib.use("Agg")  # no display here; and never pop up windows from a CLI
    import matplotlib.pyplot as plt

    pts = [p for p in curve_points(records) if p["accuracy"] is not None]
    fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=110)
    ax.plot(
        [p["coverage"] for p in pts],
        [p["accuracy"] for p in pts],
        marker=".",
        label="decline below confidence t",
    )
    # Label the grid thresholds; several thresholds often give the same or nearly the same
    # point, so neighbours within 0.04 share one label ("t=0.4-0.6") instead of overlapping.
    groups: list[tuple[float, float, list[float]]] = []
    for p in (sweep(records, t) for t in GRID):
        if p["accuracy"] is None:
            continue
        cov, acc = p["coverage"], p["accuracy"]
        if groups and abs(groups[-1][0] - cov) < 0.04 and abs(groups[-1][1] - acc) < 0.04:
            groups[-1][2].append(p["threshold"])
        else:
            groups.append((cov, acc, [p["threshold"]]))
    for cov, acc, ts in groups:
        label = f"t={ts[0]:.1f}" if len(ts) == 1 else f"t={ts[0]:.1f}-{ts[-1]:.1f}"
        ax.plot([cov], [acc], marker="o", markersize=5, mfc="none", color="dimgray")
        ax.annotate(
            label, (cov, acc), textcoords="offset points", xytext=(-4, -12),
            fontsize=7, color="dimgray", ha="right",
        )  # fmt: skip
    if current["coverage"] is not None and current["accuracy"] is not None:
        ax.plot(
            [current["coverage"]],
            [current["accuracy"]],
            marker="*",
            markersize=14,
            color="tab:red",
            linestyle="none",
            label=f"bot now (cov {current['coverage']:.2f}, acc {current['accuracy']:.2f})",
        )
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("coverage (share of all questions answered)")
    ax.set_ylabel("accuracy on answered (hit@1; answered unanswerable = wrong)")
    ax.set_title(f"Article Q&A: accuracy vs coverage ({len(records)} questions)")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
