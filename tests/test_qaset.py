"""QA-file loading and checking, the real QA files against their articles, and the runner
(scored on a hand-made 3-question set with a fake bot, so no model is loaded here except
for the real-file check, which needs the bundled article)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.types import Answer, Citation
from eval.qaset import QAFormatError, load_qa, missing_golds, parse_qa, select_split
from eval.run import (
    coverage_table,
    decision_point,
    format_misses,
    format_table,
    main,
    run_baseline,
    run_bot,
    summarize,
    write_readme,
)


def _write(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "qa.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


GOOD = [
    '{"id": "a1", "split": "dev", "question": "Who?", "gold": ["Kim"], "answer": "Kim"}',
    "",  # blank lines are allowed
    (
        '{"id": "a2", "question": "Why?", "history": ["Who?"], "gold": [], "answer": "",'
        ' "type": "unanswerable", "extra": 1}'
    ),
    '{"id": "a3", "split": "test", "question": "What?", "gold": ["x", "y z"]}',
]


# ---------------------------------------------------------------- loader


def test_loader_accepts_good_file(tmp_path: Path) -> None:
    items = load_qa(_write(tmp_path, GOOD))
    assert [it.id for it in items] == ["a1", "a2", "a3"]
    assert [it.line for it in items] == [1, 3, 4]
    a1, a2, a3 = items
    assert a1.gold == ("Kim",) and a1.answerable and a1.split == "dev"
    assert a2.history == ("Who?",) and not a2.answerable and a2.split is None
    assert a3.answer == "" and a3.gold == ("x", "y z")
    assert [it.id for it in select_split(items, "dev")] == ["a1"]
    assert [it.id for it in select_split(items, "test")] == ["a3"]
    assert len(select_split(items, "all")) == 3


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ('{"id": "b", "question": "Q?", "gold": ["x"]', "invalid JSON"),
        ('["not", "an", "object"]', "expected a JSON object"),
        ('{"question": "Q?", "gold": ["x"]}', "missing 'id'"),
        ('{"id": "b", "gold": ["x"]}', "missing 'question'"),
        ('{"id": "b", "question": "Q?"}', "missing 'gold'"),
        ('{"id": "b", "question": "Q?", "gold": "x"}', "'gold' must be a list of strings"),
        ('{"id": "b", "question": "Q?", "gold": [1]}', "'gold' must be a list of strings"),
        ('{"id": "b", "question": "Q?", "gold": [" "]}', "empty string"),
        ('{"id": "", "question": "Q?", "gold": []}', "'id' must be a non-empty string"),
        ('{"id": 5, "question": "Q?", "gold": []}', "'id' must be a non-empty string"),
        ('{"id": "b", "question": "Q?", "gold": [], "history": "Who?"}', "'history'"),
        ('{"id": "b", "question": "Q?", "gold": [], "answer": 3}', "'answer' must be a string"),
    ],
)
def test_loader_rejects_malformed_line_naming_it(tmp_path: Path, bad: str, expected: str) -> None:
    path = _write(tmp_path, [GOOD[0], bad])
    with pytest.raises(QAFormatError) as err:
        load_qa(path)
    msg = str(err.value)
    assert f"{path}:2:" in msg
    assert expected in msg


def test_loader_rejects_duplicate_ids(tmp_path: Path) -> None:
    dup = '{"id": "a1", "question": "Again?", "gold": []}'
    with pytest.raises(QAFormatError, match=r"qa.jsonl:5: duplicate id 'a1' \(first seen on line 1\)"):
        load_qa(_write(tmp_path, [*GOOD, dup]))


def test_loader_reports_every_bad_line(tmp_path: Path) -> None:
    with pytest.raises(QAFormatError) as err:
        load_qa(_write(tmp_path, ["{oops", GOOD[0], '{"id": "z"}']))
    msg = str(err.value)
    assert "qa.jsonl:1: invalid JSON" in msg
    assert "qa.jsonl:3: missing 'question'" in msg
    assert "qa.jsonl:3: missing 'gold'" in msg


def test_loader_rejects_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(QAFormatError, match="not found"):
        load_qa(tmp_path / "nope.jsonl")
    with pytest.raises(QAFormatError, match="no questions"):
        parse_qa("\n\n", source="empty.jsonl")


def test_missing_golds_ignores_whitespace_differences() -> None:
    items = parse_qa(
        '{"id": "m1", "question": "Q?", "gold": ["North Korean generals", "not there"]}\n'
        '{"id": "m2", "question": "Q?", "gold": []}\n'
    )
    article = "The US and North\u00a0Korean\ngenerals met."
    assert missing_golds(items, article) == [("m1", "not there")]


# ---------------------------------------------------------------- the real QA files


def _article_text(path: Path | None) -> str:
    """The text citations are offsets into: what ArticleBot.from_file(path).text holds
    (``ArticleBot.default()`` reads ``index.BUNDLED_ARTICLE``), without loading the model."""
    from index import BUNDLED_ARTICLE, read_file

    return read_file(BUNDLED_ARTICLE if path is None else path).text


def _sets():
    from eval.run import PACKAGE_DIR, QA_SETS

    return [(PACKAGE_DIR / name, article) for name, article in QA_SETS]


@pytest.mark.parametrize(("qa_path", "article"), _sets(), ids=lambda v: getattr(v, "name", str(v)))
def test_real_qa_files_are_valid_and_golds_occur(qa_path: Path, article: Path | None) -> None:
    items = load_qa(qa_path)  # raises on malformed lines or duplicate ids
    assert len({it.id for it in items}) == len(items)
    assert any(not it.answerable for it in items), "a QA set needs unanswerable questions"
    assert {it.split for it in items} <= {"dev", "test"}
    assert missing_golds(items, _article_text(article)) == []


# ---------------------------------------------------------------- the runner, with a fake bot

ARTICLE = "Alpha is first. Beta follows alpha. Gamma is last."


def _cit(sentence: str, n: int = 1, score: float = 1.0) -> Citation:
    start = ARTICLE.index(sentence)
    return Citation(
        n=n,
        text=sentence,
        start=start,
        end=start + len(sentence),
        paragraph=1,
        sentence_id=0,
        score=score,
    )


ALPHA, BETA, GAMMA = _cit("Alpha is first."), _cit("Beta follows alpha."), _cit("Gamma is last.")


class FakeBot:
    """Scripted answers by question; records the history each call received."""

    text = ARTICLE

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []

    def answer(self, question: str, history=()) -> Answer:
        self.calls.append((question, tuple(history)))
        if question == "What follows alpha?":
            return Answer(question, "Beta follows alpha. [1]", (BETA,), confidence=0.9,
                          candidates=(BETA, ALPHA))  # fmt: skip
        if question == "And what is last?":
            # Cites the wrong sentence first; the gold is second in the ranked list.
            return Answer(question, "Alpha is first. [1]", (ALPHA,), confidence=0.6,
                          query="what is last beta", candidates=(ALPHA, GAMMA, BETA))  # fmt: skip
        if question == "Who is Delta?":
            return Answer(question, "The article does not say.", (), abstained=True,
                          reason="not_in_article", confidence=0.2, candidates=(ALPHA,))  # fmt: skip
        return Answer(question, "Gamma is last. [1]", (GAMMA,), confidence=0.5)


QA3 = "\n".join(
    json.dumps(o)
    for o in [
        {"id": "t1", "question": "What follows alpha?", "gold": ["Beta follows alpha."],
         "answer": "beta follows alpha"},
        {"id": "t2", "question": "And what is last?", "history": ["Tell me about beta"],
         "gold": ["Gamma is last"], "answer": "gamma"},
        {"id": "t3", "question": "Who is Delta?", "gold": [], "answer": ""},
    ]
)  # fmt: skip


def test_runner_scores_fake_bot() -> None:
    items = parse_qa(QA3)
    bot = FakeBot()
    records = run_bot(bot, items, warmup=False)

    # History replay: the earlier question is asked first with no history, then the
    # follow-up is asked with the real earlier (question, Answer) pair.
    assert [q for q, _ in bot.calls] == [
        "What follows alpha?",
        "Tell me about beta",
        "And what is last?",
        "Who is Delta?",
    ]
    follow_history = bot.calls[2][1]
    assert len(follow_history) == 1 and follow_history[0][0] == "Tell me about beta"
    assert follow_history[0][1].text == "Gamma is last. [1]"

    t1, t2, t3 = records
    assert (t1.hit1, t1.hit3, t1.rr, t1.f1, t1.em, t1.words) == (True, True, 1.0, 1.0, 1.0, 3)
    assert (t2.hit1, t2.answer_hit, t2.hit3, t2.rr, t2.f1) == (False, False, True, 0.5, 0.0)
    assert t2.ranked == ["Alpha is first.", "Gamma is last.", "Beta follows alpha."]  # dedup
    assert t2.query == "what is last beta"
    assert t3.abstained and not t3.hit1 and t3.words == 0 and t3.top_text == "Alpha is first."

    row = summarize("article-qa", records)
    assert row["n_answerable"] == 2 and row["n_unanswerable"] == 1
    assert row["hit@1"] == 0.5
    assert row["answer_hit"] == 0.5
    assert row["hit@3"] == 1.0
    assert row["mrr"] == pytest.approx(0.75)
    assert row["f1"] == pytest.approx(0.5)
    assert row["em"] == pytest.approx(0.5)
    assert row["decline_precision"] == 1.0
    assert row["decline_recall"] == 1.0
    assert row["false_decline_rate"] == 0.0
    assert row["mean_words"] == 3.0  # t1 and t2; the declined t3 is left out
    assert row["p50_ms"] is not None and row["p95_ms"] >= row["p50_ms"]

    # Misses: t2 (wrong first citation); t1 hit; t3 correctly declined.
    misses = format_misses(records)
    assert misses.splitlines()[0] == "Misses (1 of 3):"
    assert "- t2: And what is last? (after: Tell me about beta)" in misses
    assert "cited: Alpha is first." in misses
    assert "gold:  Gamma is last" in misses

    # Accuracy-coverage: at t=0.5 the bot answers t1 (right) and t2 (wrong), declines t3.
    at0, at5 = (r for r in coverage_table(records, (0.0, 0.5)))
    assert at5["coverage"] == pytest.approx(2 / 3) and at5["accuracy"] == 0.5
    assert at5["decline_recall"] == 1.0 and at5["false_decline_rate"] == 0.0
    # At t=0 it would also answer the unanswerable t3 with its best candidate: wrong.
    assert at0["coverage"] == 1.0 and at0["accuracy"] == pytest.approx(1 / 3)
    assert at0["decline_recall"] == 0.0
    assert decision_point(records) == {"answered": 2, "coverage": pytest.approx(2 / 3),
                                       "accuracy": 0.5}  # fmt: skip


def test_baseline_rows_have_no_abstention_columns() -> None:
    items = parse_qa(QA3)
    ranked = {
        "What follows alpha?": ["Gamma is last.", "Beta follows alpha."],
        "And what is last?": ["Gamma is last."],
        "Who is Delta?": ["Alpha is first."],
    }
    records = run_baseline(lambda q: ranked[q], items, warmup=False)
    row = summarize("toy", records)
    assert row["hit@1"] == 0.5 and row["mrr"] == pytest.approx(0.75)
    assert row["decline_precision"] is None and row["false_decline_rate"] is None
    assert row["mean_words"] == 3.0  # all three answers, the unanswerable one included
    table = format_table([summarize("article-qa", run_bot(FakeBot(), items, False)), row])
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["system", "n_ans", "n_unans", "hit@1"]
    assert lines[2].startswith("toy ") and " - " in lines[2]
    assert len({len(line) for line in lines[:2]}) == 1  # aligned columns


# ---------------------------------------------------------------- CLI errors and README


def test_cli_malformed_qa_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, [GOOD[0], "not json"])
    assert main(["--qa", str(path)]) == 2
    err = capsys.readouterr().err
    assert "qa.jsonl:2: invalid JSON" in err and "Traceback" not in err


def test_cli_missing_article_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, GOOD)
    assert main(["--qa", str(path), "--article", str(tmp_path / "none.txt")]) == 2
    assert "article file not found" in capsys.readouterr().err
    assert main(["--qa", str(path), "--split", "dev", "--article", "x"]) == 2


def test_cli_all_scores_every_set_on_its_article(capsys: pytest.CaptureFixture[str]) -> None:
    from eval.run import QA_SETS

    assert main(["--all"]) == 0  # the real bot on every QA set
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["QA", "set", "split"]
    assert {line.split()[0] for line in out[1:]} == {name for name, _ in QA_SETS} | {"all"}
    total = out[-1].split()
    assert total[0] == "all" and int(total[1]) > 250 and 0.5 < float(total[3]) <= 1.0  # n_ans, hit@1


def test_write_readme_creates_then_replaces_section(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    write_readme(readme, "<!-- eval:start -->\nOLDTABLE\n<!-- eval:end -->")
    text = readme.read_text()
    assert text.startswith("# Evaluation") and "hit@1" in text and "OLDTABLE" in text
    write_readme(readme, "<!-- eval:start -->\nNEWTABLE\n<!-- eval:end -->")
    text = readme.read_text()
    assert "NEWTABLE" in text and "OLDTABLE" not in text
    assert text.count("<!-- eval:start -->") == 1


def test_plot_writes_png(tmp_path: Path) -> None:
    from eval.plot import plot_coverage

    records = run_bot(FakeBot(), parse_qa(QA3), warmup=False)
    out = tmp_path / "curve.png"
    plot_coverage(records, decision_point(records), out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
