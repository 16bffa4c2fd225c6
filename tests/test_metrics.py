"""Hand-made cases for every scoring function of eval.metrics (no model, no bot)."""

from __future__ import annotations

import pytest

from eval.metrics import (
    AbstentionStats,
    abstention_metrics,
    exact_match,
    first_hit_rank,
    hit_at_k,
    max_em,
    max_f1,
    max_over_golds,
    mean,
    mean_words,
    normalize_ws,
    percentile,
    reciprocal_rank,
    span_hit,
    squad_normalize,
    strip_markers,
    token_f1,
    word_count,
)

NBSP = "\u00a0"


# ---------------------------------------------------------------- normalisation


def test_normalize_ws_collapses_every_kind_of_whitespace() -> None:
    assert normalize_ws(f"  a{NBSP}{NBSP}b\n\tc  ") == "a b c"
    assert normalize_ws("") == ""
    assert normalize_ws(f" {NBSP}\n ") == ""


def test_strip_markers_removes_citation_numbers() -> None:
    assert strip_markers("Kim wants aid. [1] Trump has leverage.[2]") == ("Kim wants aid. Trump has leverage.")
    assert strip_markers("No markers here") == "No markers here"
    assert strip_markers("") == ""
    # Only "[digits]" is a marker; other brackets are article text.
    assert strip_markers("see [note] and [12]") == "see [note] and"


def test_squad_normalize() -> None:
    assert squad_normalize("The  Cat, sat on a MAT!") == "cat sat on mat"
    assert squad_normalize("An apple") == "apple"
    # Articles only as whole words; "theme" and "another" keep their letters.
    assert squad_normalize("the theme of another") == "theme of another"
    # Unicode punctuation (curly quotes, en dash, ellipsis) is removed too.
    assert squad_normalize("“impossible state”… US–China") == "impossible state uschina"
    assert squad_normalize(f"a{NBSP}b") == "b"
    assert squad_normalize("") == ""


# ---------------------------------------------------------------- F1 / EM


def test_token_f1_partial_overlap() -> None:
    # pred tokens: kim wants economic aid (4), gold: economic aid (2); overlap 2
    # precision 2/4, recall 2/2 -> F1 = 2*0.5*1/1.5 = 2/3
    assert token_f1("Kim wants economic aid", "economic aid") == pytest.approx(2 / 3)


def test_token_f1_counts_repeated_tokens_once_per_occurrence() -> None:
    # pred "aid aid aid" vs gold "aid": overlap 1; precision 1/3, recall 1 -> 0.5
    assert token_f1("aid aid aid", "aid") == pytest.approx(0.5)


def test_token_f1_edge_cases() -> None:
    assert token_f1("", "") == 1.0
    assert token_f1("", "something") == 0.0
    assert token_f1("something", "") == 0.0
    assert token_f1("the", "a") == 1.0  # both normalise to no tokens
    assert token_f1("cats", "dogs") == 0.0
    assert token_f1(f"North{NBSP}Korea", "north korea") == 1.0


def test_exact_match() -> None:
    assert exact_match("The Lowy Institute.", "lowy institute") == 1.0
    assert exact_match("Lowy", "Lowy Institute") == 0.0
    assert exact_match("", "") == 1.0


def test_max_over_golds() -> None:
    golds = ["economic aid", "sanctions relief"]
    assert max_f1("sanctions relief", golds) == 1.0
    assert max_em("Sanctions relief!", golds) == 1.0
    assert max_f1("anything", []) == 0.0
    assert max_em("", []) == 0.0
    assert max_over_golds(lambda p, g: float(len(g)), "x", ["ab", "abcd"]) == 4.0


# ---------------------------------------------------------------- span matching and ranking


def test_span_hit_whitespace_insensitive() -> None:
    cited = f"The news that US and North{NBSP}Korean generals\nmet was a step."
    assert span_hit(cited, ["North Korean generals met"])
    assert span_hit(cited, [f"US and{NBSP}North  Korean"])
    assert not span_hit(cited, ["South Korean generals"])


def test_span_hit_edge_cases() -> None:
    assert not span_hit("Anything at all.", [])  # unanswerable: nothing can hit
    assert not span_hit("Anything at all.", ["", "   "])  # empty gold never matches
    assert not span_hit("", ["gold"])
    assert span_hit("a b", ["nope", "b"])  # any gold counts
    # Gold longer than the citation (spans two sentences) is a miss.
    assert not span_hit("First.", ["First. Second."])
    # Matching is case-sensitive: golds are verbatim.
    assert not span_hit("kim jong-un", ["Kim Jong-un"])


def test_hit_at_k_and_rank() -> None:
    ranked = ["alpha one.", "beta two.", "gamma three.", "delta four."]
    golds = ["gamma three"]
    assert not hit_at_k(ranked, golds, 1)
    assert not hit_at_k(ranked, golds, 2)
    assert hit_at_k(ranked, golds, 3)
    assert hit_at_k(ranked, golds, 10)
    assert not hit_at_k(ranked, golds, 0)
    assert first_hit_rank(ranked, golds) == 3
    assert reciprocal_rank(ranked, golds) == pytest.approx(1 / 3)


def test_rank_edge_cases() -> None:
    assert reciprocal_rank([], ["x"]) == 0.0
    assert reciprocal_rank(["x"], []) == 0.0
    assert first_hit_rank(["a", "b"], ["c"]) is None
    assert reciprocal_rank(["gold here", "gold again"], ["gold"]) == 1.0
    assert not hit_at_k([], ["x"], 3)


# ---------------------------------------------------------------- abstention


def test_abstention_metrics() -> None:
    pairs = [
        (True, False),  # answered an answerable question: fine
        (True, True),  # false decline
        (True, False),
        (True, False),
        (False, True),  # correct decline
        (False, False),  # answered an unanswerable question
    ]
    stats = abstention_metrics(pairs)
    assert stats == AbstentionStats(
        n_answerable=4,
        n_unanswerable=2,
        n_declined=2,
        decline_precision=0.5,
        decline_recall=0.5,
        false_decline_rate=0.25,
    )


def test_abstention_metrics_undefined_rates_are_none() -> None:
    # Never declines, no unanswerable questions: precision and recall undefined.
    stats = abstention_metrics([(True, False), (True, False)])
    assert stats.decline_precision is None
    assert stats.decline_recall is None
    assert stats.false_decline_rate == 0.0
    empty = abstention_metrics([])
    assert (empty.decline_precision, empty.decline_recall, empty.false_decline_rate) == (
        None,
        None,
        None,
    )
    only_unanswerable = abstention_metrics([(False, True), (False, True)])
    assert only_unanswerable.decline_precision == 1.0
    assert only_unanswerable.decline_recall == 1.0
    assert only_unanswerable.false_decline_rate is None


# ---------------------------------------------------------------- statistics


def test_percentile_matches_linear_interpolation() -> None:
    vals = [10.0, 1.0, 3.0, 2.0]  # unsorted on purpose; sorted: 1 2 3 10
    assert percentile(vals, 0) == 1.0
    assert percentile(vals, 100) == 10.0
    assert percentile(vals, 50) == pytest.approx(2.5)
    # position (4-1)*0.95 = 2.85 -> 3 + 0.85*(10-3)
    assert percentile(vals, 95) == pytest.approx(8.95)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_mean_and_words() -> None:
    assert mean([1.0, 2.0, 6.0]) == 3.0
    assert mean([]) is None
    assert word_count("Kim wants aid. [1] Trump has leverage. [2]") == 6
    assert word_count(f"one{NBSP}two") == 2
    assert word_count("") == 0
    assert mean_words(["a b c [1]", "d"]) == 2.0
    assert mean_words([]) is None
