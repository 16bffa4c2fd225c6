"""The evaluation runner: ask every QA question, score the answers, print and save a report.

``python -m eval`` (see ``main``) loads a QA file, builds the bot for an article, replays each
question's conversation history through the bot, times the final ``answer()`` call, and scores:

- hit@1 (citations[0] contains a gold span; a declined answer is a miss), answer hit (any
  citation does), hit@3 and MRR over the ranked list (citations, then the other candidates),
  token F1 / EM of the answer text (markers stripped) against the reference answer;
- decline precision/recall on unanswerable questions and the false-decline rate on
  answerable ones; mean answer words (answers that were not declined); latency p50/p95.

With ``--baselines`` the same questions go through the retrievers of ``eval.baselines``.
Limits: scoring is lexical span matching (see ``eval.metrics``); latency is wall-clock on this
machine after one untimed warm-up question, so compare systems only within one run;
hit@3/MRR measure the ranking and ignore whether the bot declined.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eval import metrics as m
from eval.qaset import QAFormatError, QAItem, load_qa, missing_golds, select_split

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_QA = PACKAGE_DIR / "qa.jsonl"
README = PACKAGE_DIR / "README.md"
BOT_NAME = "article-qa"
RANKED_DEPTH = 10  # how much of each ranked list is kept in records (hit@3/MRR need few)
MISS_CHARS = 160
README_START = "<!-- eval:start -->"
README_END = "<!-- eval:end -->"
GRID = tuple(round(0.1 * i, 1) for i in range(10))  # thresholds of the printed table
FIXTURES = PACKAGE_DIR.parent / "tests" / "fixtures"
# Every QA set with its article (None: the bundled one). The first two have dev and test halves
# (weights and thresholds are tuned on dev); the others are test-only sets written for articles
# the bot had not been run on (or, the ten fresh ones, in new words about the bundled one); their
# first scores are in README.md and eval/README.md.
QA_SETS: tuple[tuple[str, Path | None], ...] = (
    ("qa.jsonl", None),
    ("qa_second.jsonl", FIXTURES / "second_article.md"),
    ("qa_third.jsonl", FIXTURES / "third_article.txt"),
    ("qa_fourth.jsonl", FIXTURES / "fourth_article.html"),
    ("qa_fifth.jsonl", FIXTURES / "fifth_article.md"),
    ("qa_sixth.jsonl", FIXTURES / "sixth_article.txt"),
    ("qa_seventh.jsonl", FIXTURES / "seventh_article.txt"),
    ("qa_eighth.jsonl", FIXTURES / "eighth_article.md"),
    ("qa_ninth.jsonl", FIXTURES / "ninth_article.md"),
    ("qa_tenth.jsonl", FIXTURES / "tenth_article.txt"),
    ("qa_eleventh.jsonl", FIXTURES / "eleventh_article.txt"),
    ("qa_twelfth.jsonl", FIXTURES / "twelfth_article.txt"),
    ("qa_thirteenth.jsonl", FIXTURES / "thirteenth_article.txt"),
    ("qa_fourteenth.jsonl", FIXTURES / "fourteenth_article.md"),
    ("qa_fifteenth.jsonl", FIXTURES / "fifteenth_article.txt"),
    ("qa_sixteenth.jsonl", FIXTURES / "sixteenth_article.html"),
    ("qa_seventeenth.jsonl", FIXTURES / "seventeenth_article.txt"),
    ("qa_eighteenth.jsonl", FIXTURES / "eighteenth_article.txt"),
    ("qa_nineteenth.jsonl", FIXTURES / "nineteenth_article.txt"),
    ("qa_twentieth.jsonl", FIXTURES / "twentieth_article.txt"),
    ("qa_twentyfirst.jsonl", FIXTURES / "twentyfirst_article.html"),
    ("qa_twentysecond.jsonl", FIXTURES / "twentysecond_article.txt"),
    ("qa_twentythird.jsonl", FIXTURES / "twentythird_article.txt"),
    ("qa_twentyfourth.jsonl", FIXTURES / "twentyfourth_article.txt"),
    ("qa_twentyfifth.jsonl", FIXTURES / "twentyfifth_article.md"),
    ("qa_twentysixth.jsonl", FIXTURES / "twentysixth_article.txt"),
    ("qa_twentyseventh.jsonl", FIXTURES / "twentyseventh_article.txt"),
    ("qa_twentyeighth.jsonl", FIXTURES / "twentyeighth_article.txt"),
    ("qa_twentyninth.jsonl", FIXTURES / "twentyninth_article.html"),
    ("qa_thirtieth.jsonl", FIXTURES / "thirtieth_article.txt"),
    ("qa_thirtyfirst.jsonl", FIXTURES / "thirtyfirst_article.txt"),
    ("qa_thirtysecond.jsonl", FIXTURES / "thirtysecond_article.txt"),
    ("qa_thirtythird.jsonl", FIXTURES / "thirtythird_article.txt"),
    ("qa_thirtyfourth.jsonl", FIXTURES / "thirtyfourth_article.html"),
    ("qa_thirtyfifth.jsonl", FIXTURES / "thirtyfifth_article.txt"),
    ("qa_bundled_fresh.jsonl", None),
    ("qa_bundled_fresh2.jsonl", None),
    ("qa_bundled_fresh3.jsonl", None),
    ("qa_bundled_fresh4.jsonl", None),
    ("qa_bundled_fresh5.jsonl", None),
    ("qa_thirtysixth.jsonl", FIXTURES / "thirtysixth_article.txt"),
    ("qa_thirtyseventh.jsonl", FIXTURES / "thirtyseventh_article.txt"),
    ("qa_thirtyeighth.jsonl", FIXTURES / "thirtyeighth_article.txt"),
    ("qa_thirtyninth.jsonl", FIXTURES / "thirtyninth_article.txt"),
    ("qa_fortieth.jsonl", FIXTURES / "fortieth_article.txt"),
    ("qa_fortyfirst.jsonl", FIXTURES / "fortyfirst_article.txt"),
    ("qa_bundled_fresh6.jsonl", None),
    ("qa_bundled_fresh7.jsonl", None),
    ("qa_bundled_fresh8.jsonl", None),
    ("qa_bundled_fresh9.jsonl", None),
    ("qa_fortysecond.jsonl", FIXTURES / "fortysecond_article.txt"),
    ("qa_fortythird.jsonl", FIXTURES / "fortythird_article.txt"),
    ("qa_fortyfourth.jsonl", FIXTURES / "fortyfourth_article.txt"),
    ("qa_fortyfifth.jsonl", FIXTURES / "fortyfifth_article.md"),
    ("qa_fortysixth.jsonl", FIXTURES / "fortysixth_article.txt"),
    ("qa_bundled_fresh10.jsonl", None),
    ("qa_fortyseventh.jsonl", FIXTURES / "fortyseventh_article.html"),
    ("qa_fortyeighth.jsonl", FIXTURES / "fortyeighth_article.txt"),
    ("qa_bundled_fresh11.jsonl", None),
    ("qa_fortyninth.jsonl", FIXTURES / "fortyninth_article.md"),
    ("qa_fiftieth.jsonl", FIXTURES / "fiftieth_article.html"),
    ("qa_fiftyfirst.jsonl", FIXTURES / "fiftyfirst_article.txt"),
    ("qa_bundled_fresh12.jsonl", None),
    ("qa_fiftysecond.jsonl", FIXTURES / "fiftysecond_article.md"),
    ("qa_bundled_fresh13.jsonl", None),
    ("qa_fiftythird.jsonl", FIXTURES / "fiftythird_article.txt"),
    ("qa_fiftyfourth.jsonl", FIXTURES / "fiftyfourth_article.txt"),
    ("qa_fiftyfifth.jsonl", FIXTURES / "fiftyfifth_article.html"),
    ("qa_bundled_fresh14.jsonl", None),
    ("qa_fiftysixth.jsonl", FIXTURES / "fiftysixth_article.txt"),
    ("qa_bundled_fresh15.jsonl", None),
    ("qa_fiftyseventh.jsonl", FIXTURES / "fiftyseventh_article.md"),
    ("qa_bundled_fresh16.jsonl", None),
    ("qa_fiftyeighth.jsonl", FIXTURES / "fiftyeighth_article.txt"),
    ("qa_fiftyninth.jsonl", FIXTURES / "fiftyninth_article.html"),
    ("qa_sixtieth.jsonl", FIXTURES / "sixtieth_article.md"),
    ("qa_sixtyfirst.jsonl", FIXTURES / "sixtyfirst_article.txt"),
    ("qa_sixtysecond.jsonl", FIXTURES / "sixtysecond_article.txt"),
    ("qa_bundled_fresh17.jsonl", None),
    ("qa_bundled_fresh18.jsonl", None),
    ("qa_sixtyfifth.jsonl", FIXTURES / "sixtyfifth_article.txt"),
    ("qa_sixtysixth.jsonl", FIXTURES / "sixtysixth_article.md"),
    ("qa_sixtythird.jsonl", FIXTURES / "sixtythird_article.txt"),
    ("qa_sixtyfourth.jsonl", FIXTURES / "sixtyfourth_article.html"),
)


# ---------------------------------------------------------------- one system, one question


@dataclass
class Record:
    """What one system did with one question, and its scores."""

    id: str
    question: str
    answerable: bool
    gold: list[str]
    reference: str
    split: str | None = None
    type: str = ""
    history: list[str] = field(default_factory=list)
    text: str = ""  # the answer shown, "[n]" markers stripped
    cited: list[str] = field(default_factory=list)  # answer citations, best first
    ranked: list[str] = field(default_factory=list)  # for hit@k / MRR
    abstained: bool | None = None  # None: this system cannot decline
    confidence: float | None = None
    reason: str = ""
    missing: str = ""  # the decline rule that found the fact asked for missing (bot only)
    query: str = ""
    latency_ms: float = 0.0
    citations: list[dict[str, Any]] = field(default_factory=list)  # offsets (bot only)
    top_text: str | None = None  # what citations[0] would be without declining
    hit1: bool = False
    answer_hit: bool = False
    hit3: bool = False
    rr: float = 0.0
    f1: float = 0.0
    em: float = 0.0
    words: int = 0
    top_hit: bool = False


def _new_record(item: QAItem) -> Record:
    return Record(
        id=item.id,
        question=item.question,
        answerable=item.answerable,
        gold=list(item.gold),
        reference=item.answer,
        split=item.split,
        type=item.type,
        history=list(item.history),
    )


def score(rec: Record) -> Record:
    """Fill in the score fields of a record from what the system produced."""
    golds = rec.gold
    declined = bool(rec.abstained)
    rec.hit1 = (not declined) and bool(rec.cited) and m.span_hit(rec.cited[0], golds)
    rec.answer_hit = (not declined) and any(m.span_hit(c, golds) for c in rec.cited)
    rec.hit3 = m.hit_at_k(rec.ranked, golds, 3)
    rec.rr = m.reciprocal_rank(rec.ranked, golds)
    pred = "" if declined else rec.text
    refs = [rec.reference] if rec.reference else []
    rec.f1 = m.max_f1(pred, refs)
    rec.em = m.max_em(pred, refs)
    rec.words = 0 if declined else m.word_count(rec.text)
    rec.top_hit = rec.top_text is not None and m.span_hit(rec.top_text, golds)
    return rec


def _cit_dict(c: Any) -> dict[str, Any]:
    return {"text": c.text, "start": c.start, "end": c.end, "score": c.score}


def ranked_citations(ans: Any) -> list[Any]:
    """Citations, then candidates not already cited, deduplicated by (start, end)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for c in list(ans.citations) + list(ans.candidates):
        key = (c.start, c.end)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def ask_bot(bot: Any, item: QAItem) -> tuple[Any, float]:
    """Replay the item's history through the bot, then ask it; return (Answer, latency ms).

    Earlier questions are asked in order, each with the answers so far, so that the final
    question sees the bot's real earlier answers. Only the final call is timed.
    """
    history: list[tuple[str, Any]] = []
    for earlier in item.history:
        history.append((earlier, bot.answer(earlier, tuple(history))))
    t0 = time.perf_counter()
    ans = bot.answer(item.question, tuple(history))
    return ans, (time.perf_counter() - t0) * 1000


def bot_record(item: QAItem, ans: Any, latency_ms: float) -> Record:
    """Turn one bot Answer into a scored Record."""
    rec = _new_record(item)
    ranked = ranked_citations(ans)
    rec.text = m.strip_markers(ans.text)
    rec.cited = [c.text for c in ans.citations]
    rec.ranked = [c.text for c in ranked[:RANKED_DEPTH]]
    rec.abstained = bool(ans.abstained)
    rec.confidence = float(ans.confidence)
    rec.reason = ans.reason
    rec.missing = ans.missing
    rec.query = ans.query
    rec.latency_ms = latency_ms
    rec.citations = [_cit_dict(c) for c in ans.citations]
    # For the accuracy-coverage sweep: the sentence the bot would lead with if it had not
    # declined (its best candidate, else its first suggestion).
    fallback = list(ans.candidates) + list(getattr(ans, "suggestions", ()))
    top = ans.citations[0] if ans.citations else (fallback[0] if fallback else None)
    rec.top_text = None if top is None else top.text
    return score(rec)


def run_bot(bot: Any, items: Sequence[QAItem], warmup: bool = True) -> list[Record]:
    """Ask the bot every item (with history replay) and score each answer."""
    if warmup and items:
        bot.answer(items[0].question, ())  # loads lazy models, so p95 is not one cold start
    return [bot_record(item, *ask_bot(bot, item)) for item in items]


def run_baseline(answer: Callable[[str], list[str]], items: Sequence[QAItem], warmup: bool = True) -> list[Record]:
    """Ask a never-declining retriever the raw questions (no history) and score its top text."""
    if warmup and items:
        answer(items[0].question)
    records = []
    for item in items:
        t0 = time.perf_counter()
        ranked = list(answer(item.question))
        latency = (time.perf_counter() - t0) * 1000
        rec = _new_record(item)
        rec.ranked = ranked[:RANKED_DEPTH]
        rec.cited = ranked[:1]
        rec.text = m.normalize_ws(ranked[0]) if ranked else ""
        rec.top_text = ranked[0] if ranked else None
        rec.latency_ms = latency
        records.append(score(rec))
    return records


# ---------------------------------------------------------------- summaries


def summarize(name: str, records: Sequence[Record]) -> dict[str, Any]:
    """One row of the report table. Rates are None where undefined (printed as "-")."""
    ans = [r for r in records if r.answerable]
    can_decline = any(r.abstained is not None for r in records)
    row: dict[str, Any] = {
        "system": name,
        "n_answerable": len(ans),
        "n_unanswerable": len(records) - len(ans),
        "hit@1": m.mean(float(r.hit1) for r in ans),
        "answer_hit": m.mean(float(r.answer_hit) for r in ans),
        "hit@3": m.mean(float(r.hit3) for r in ans),
        "mrr": m.mean(r.rr for r in ans),
        "f1": m.mean(r.f1 for r in ans),
        "em": m.mean(r.em for r in ans),
        "decline_precision": None,
        "decline_recall": None,
        "false_decline_rate": None,
        "mean_words": m.mean(r.words for r in records if not r.abstained),
        "p50_ms": m.percentile([r.latency_ms for r in records], 50),
        "p95_ms": m.percentile([r.latency_ms for r in records], 95),
    }
    if can_decline:
        stats = m.abstention_metrics((r.answerable, bool(r.abstained)) for r in records)
        row["decline_precision"] = stats.decline_precision
        row["decline_recall"] = stats.decline_recall
        row["false_decline_rate"] = stats.false_decline_rate
    return row


# (header, key, format) of each column of the printed table.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("system", "system", "s"),
    ("n_ans", "n_answerable", "d"),
    ("n_unans", "n_unanswerable", "d"),
    ("hit@1", "hit@1", ".3f"),
    ("ans_hit", "answer_hit", ".3f"),
    ("hit@3", "hit@3", ".3f"),
    ("MRR", "mrr", ".3f"),
    ("F1", "f1", ".3f"),
    ("EM", "em", ".3f"),
    ("decl_P", "decline_precision", ".3f"),
    ("decl_R", "decline_recall", ".3f"),
    ("false_decl", "false_decline_rate", ".3f"),
    ("words", "mean_words", ".1f"),
    ("p50_ms", "p50_ms", ".1f"),
    ("p95_ms", "p95_ms", ".1f"),
)


def _fmt(value: Any, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    """Plain-text table, one row per system; text left-aligned, numbers right-aligned."""
    cells = [[h for h, _, _ in COLUMNS]]
    cells += [[_fmt(row.get(key), spec) for _, key, spec in COLUMNS] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(COLUMNS))]
    lines = []
    for r in cells:
        parts = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def _short(text: str, limit: int = MISS_CHARS) -> str:
    t = m.normalize_ws(text)
    return t if len(t) <= limit else t[: limit - 1] + "…"


def is_miss(rec: Record) -> bool:
    """Answerable and citations[0] misses (or declined), or unanswerable and answered."""
    return not rec.hit1 if rec.answerable else not rec.abstained


def format_misses(records: Sequence[Record], limit: int | None = None) -> str:
    """Every miss of a system: id, question, what it cited (or "(declined)"), gold."""
    misses = [r for r in records if is_miss(r)]
    lines = [f"Misses ({len(misses)} of {len(records)}):"]
    shown = misses if limit is None else misses[:limit]
    for r in shown:
        cited = "(declined)" if r.abstained else (_short(r.cited[0]) if r.cited else "(nothing)")
        gold = " | ".join(_short(g) for g in r.gold) if r.gold else "(unanswerable)"
        follow = f" (after: {' / '.join(r.history)})" if r.history else ""
        lines.append(f"- {r.id}: {r.question}{follow}")
        lines.append(f"    cited: {cited}")
        if r.query and r.query != r.question:
            lines.append(f"    query: {_short(r.query)}")
        lines.append(f"    gold:  {gold}")
    if len(shown) < len(misses):
        lines.append(f"  ... {len(misses) - len(shown)} more (raise --misses)")
    return "\n".join(lines)


# ---------------------------------------------------------------- accuracy vs coverage


def _correct(rec: Record) -> bool:
    # An answered unanswerable question is always wrong.
    return rec.answerable and rec.top_hit


def sweep(records: Sequence[Record], threshold: float) -> dict[str, Any]:
    """What declining below ``threshold`` (by Answer.confidence alone) would give.

    Answered = confidence >= threshold and the bot had a sentence to lead with.
    Coverage counts over all questions; accuracy over the answered ones.
    """
    answered = [r for r in records if r.top_text is not None and (r.confidence or 0.0) >= threshold]
    ids = {r.id for r in answered}
    n_ans = sum(1 for r in records if r.answerable)
    n_unans = len(records) - n_ans
    return {
        "threshold": threshold,
        "answered": len(answered),
        "coverage": len(answered) / len(records) if records else None,
        "accuracy": m.mean(float(_correct(r)) for r in answered),
        "decline_recall": (
            sum(1 for r in records if not r.answerable and r.id not in ids) / n_unans if n_unans else None
        ),
        "false_decline_rate": (sum(1 for r in records if r.answerable and r.id not in ids) / n_ans if n_ans else None),
    }


def decision_point(records: Sequence[Record]) -> dict[str, Any]:
    """Coverage and accuracy of the bot's actual answer/decline decisions."""
    answered = [r for r in records if not r.abstained]
    return {
        "answered": len(answered),
        "coverage": len(answered) / len(records) if records else None,
        "accuracy": m.mean(float(r.answerable and r.hit1) for r in answered),
    }


def coverage_table(records: Sequence[Record], thresholds: Sequence[float] = GRID) -> list[dict]:
    return [sweep(records, t) for t in thresholds]


def format_coverage(rows: Sequence[dict[str, Any]], current: dict[str, Any]) -> str:
    head = ["threshold", "answered", "coverage", "accuracy", "decl_R", "false_decl"]
    cells = [head] + [
        [
            f"{r['threshold']:.2f}",
            str(r["answered"]),
            _fmt(r["coverage"], ".3f"),
            _fmt(r["accuracy"], ".3f"),
            _fmt(r["decline_recall"], ".3f"),
            _fmt(r["false_decline_rate"], ".3f"),
        ]
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.append(
        f"bot as configured: answered {current['answered']}, coverage "
        f"{_fmt(current['coverage'], '.3f')}, accuracy {_fmt(current['accuracy'], '.3f')}"
    )
    return "\n".join(lines)


# ---------------------------------------------------------------- README section

README_INTRO = """# Evaluation

`python -m eval` asks the bot every question of a QA file (`eval/qa.jsonl` by default),
replaying each question's conversation history first, and scores the answers. A gold span
matches a cited sentence when the gold, with whitespace collapsed, is a substring of it.

| column | meaning |
| --- | --- |
| n_ans / n_unans | answerable / unanswerable questions (gold `[]`) in the split |
| hit@1 | share of answerable questions whose first citation contains a gold span (a decline is a miss) |
| ans_hit | share of answerable questions where any citation contains a gold span |
| hit@3, MRR | the same over the ranked list (citations, then other candidates); ignore declining |
| F1, EM | SQuAD token F1 / exact match of the answer text (markers stripped) vs the short reference answer; low for full-sentence answers by construction |
| decl_P | of the declined questions, share that were unanswerable |
| decl_R | of the unanswerable questions, share that were declined |
| false_decl | of the answerable questions, share that were declined |
| words | mean words per answer that was not declined |
| p50_ms, p95_ms | latency of the final `answer()` call, after one warm-up question |

Baselines (`--baselines`) search the raw question without history and never decline:
`langchain-faiss-500` is the LangChain tutorial retriever (500-character chunks, FAISS,
same MiniLM embeddings) answering with its top chunk; `dense-sentence` and `bm25-sentence`
answer with the top sentence by MiniLM cosine or BM25.
"""


def render_section(table: str, command: str, meta: str) -> str:
    return f"{README_START}\n{meta}\n\n```\n{table}\n```\n\nReproduce with:\n\n```\n{command}\n```\n{README_END}"


def write_readme(path: Path, section: str) -> None:
    """Replace the marked section of the README (creating the file or section if missing)."""
    old = path.read_text(encoding="utf-8") if path.exists() else README_INTRO
    start, end = old.find(README_START), old.find(README_END)
    if start != -1 and end > start:
        new = old[:start] + section + old[end + len(README_END) :]
    else:
        new = old.rstrip("\n") + "\n\n## Results\n\n" + section + "\n"
    path.write_text(new, encoding="utf-8")


# ---------------------------------------------------------------- CLI


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m eval",
        description="Evaluate Article Q&A on a QA file and print a report.",
    )
    p.add_argument("--qa", type=Path, default=DEFAULT_QA, help="QA JSON Lines file")
    p.add_argument("--article", type=Path, help="article file (default: the bundled article)")
    p.add_argument("--split", choices=("dev", "test", "all"), default="all")
    p.add_argument("--json", type=Path, metavar="OUT", help="write all records and the summary")
    p.add_argument("--baselines", action="store_true", help="add baseline retrievers")
    p.add_argument("--plot", type=Path, metavar="FILE", help="accuracy-coverage curve (PNG)")
    p.add_argument("--misses", type=int, metavar="N", help="print at most N misses (default all)")
    p.add_argument("--write-readme", action="store_true", help="update eval/README.md")
    p.add_argument("--all", action="store_true", help="every QA set in eval/ on its article, one line per split")
    return p


_NAME_W = max(len(name) for name, _ in QA_SETS)


def _all_line(label: str, split: str, r: dict[str, Any]) -> str:
    return (f"{label:<{_NAME_W}} {split:<5} {r['n_answerable']:>5} {r['n_unanswerable']:>7} {r['hit@1']:>6.3f} "
            f"{r['decline_recall']:>7.3f} {r['false_decline_rate']:>10.3f} {r['mean_words']:>6.1f}")  # fmt: skip


def run_all(baselines: bool) -> int:
    """``--all``: each QA set of ``QA_SETS`` on its article, a line per split, then the totals."""
    from eval.baselines import build_baselines

    head = f"{'QA set':<{_NAME_W}} {'split':<5} {'n_ans':>5} {'n_unans':>7} {'hit@1':>6} {'decl_R':>7} {'false_decl':>10} {'words':>6}"
    print(head + ("  tutorial hit@1" if baselines else ""))
    total: dict[str, list[Record]] = {BOT_NAME: [], "langchain-faiss-500": []}
    for name, article in QA_SETS:
        items_all = load_qa(PACKAGE_DIR / name)
        bot = load_bot(article)
        tutorial = None
        if baselines:
            tutorial = next(b for b in build_baselines(bot.text)[0] if b.name == "langchain-faiss-500")
        for split in ("dev", "test"):
            items = select_split(items_all, split)
            if not items:
                continue
            recs = run_bot(bot, items)
            total[BOT_NAME] += recs
            line = _all_line(name, split, summarize(BOT_NAME, recs))
            if tutorial is not None:
                trecs = run_baseline(tutorial.answer, items)
                total["langchain-faiss-500"] += trecs
                line += f"  {summarize(tutorial.name, trecs)['hit@1']:>14.3f}"
            print(line)
    line = _all_line("all", "", summarize(BOT_NAME, total[BOT_NAME]))
    if baselines:
        line += f"  {summarize('tutorial', total['langchain-faiss-500'])['hit@1']:>14.3f}"
    print(line)
    return 0


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def load_bot(article: Path | None) -> Any:
    """The bot for the article (bundled when None). Raises ValueError for a user error."""
    from bot import ArticleBot

    try:
        from index.errors import ArticleQAError
    except ImportError:  # pragma: no cover - index without its errors module
        ArticleQAError = ValueError
    try:
        return ArticleBot.default() if article is None else ArticleBot.from_file(article)
    except ArticleQAError as exc:
        raise ValueError(str(exc)) from None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.all:
        return run_all(args.baselines)
    argv = list(sys.argv[1:] if argv is None else argv)
    command = "python -m eval" + (" " + shlex.join(argv) if argv else "")

    try:
        items = select_split(load_qa(args.qa), args.split)
    except QAFormatError as exc:
        return _fail(str(exc))
    if not items:
        return _fail(f"no questions with split {args.split!r} in {args.qa}")
    if args.article is not None and not args.article.is_file():
        return _fail(f"article file not found: {args.article}")
    try:
        bot = load_bot(args.article)
    except (ValueError, OSError) as exc:
        return _fail(str(exc))

    absent = missing_golds(items, bot.text)
    if absent:
        print(f"warning: {len(absent)} gold span(s) do not occur in the article:", file=sys.stderr)
        for qid, gold in absent:
            print(f"  {qid}: {_short(gold)!r}", file=sys.stderr)

    records = {BOT_NAME: run_bot(bot, items)}
    splitter = None
    if args.baselines:
        from eval.baselines import build_baselines

        baselines, splitter = build_baselines(bot.text)
        for b in baselines:
            records[b.name] = run_baseline(b.answer, items)
    rows = [summarize(name, recs) for name, recs in records.items()]
    table = format_table(rows)

    n_ans = rows[0]["n_answerable"]
    article_name = _display(args.article) if args.article else "bundled article"
    meta = (
        f"QA file `{_display(args.qa)}`, split `{args.split}`: {len(items)} questions "
        f"({n_ans} answerable, {len(items) - n_ans} unanswerable); article: {article_name}."
    )
    print(meta.replace("`", ""))
    if splitter:
        print(f"(sentence baselines split sentences with {splitter})")
    print()
    print(table)
    print()
    if args.misses is None or args.misses > 0:
        print(format_misses(records[BOT_NAME], args.misses))
        print()

    curve = coverage_table(records[BOT_NAME])
    current = decision_point(records[BOT_NAME])
    if args.plot:
        from eval.plot import plot_coverage

        plot_coverage(records[BOT_NAME], current, args.plot)
        print(f"Accuracy vs coverage by confidence threshold (plot: {args.plot}):")
        print(format_coverage(curve, current))
        print()

    if args.json:
        out = {
            "command": command,
            "qa_file": str(args.qa),
            "article": str(args.article) if args.article else None,
            "split": args.split,
            "sentence_splitter": splitter,
            "summary": rows,
            "table": table,
            "coverage": curve,
            "decision_point": current,
            "records": {name: [asdict(r) for r in recs] for name, recs in records.items()},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {args.json}")
    if args.write_readme:
        if args.split != "test":
            print("note: README tables are meant to show the test split", file=sys.stderr)
        write_readme(README, render_section(table, command, meta))
        print(f"updated {_display(README)}")
    return 0
