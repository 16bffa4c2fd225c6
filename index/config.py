"""The one frozen configuration of Article Q&A: every tunable number lives here.

Index-side values (model, chunking) change what is written to disk and are recorded in
the manifest; answer-side values (weights, thresholds) only change how the bot ranks and
declines. Thresholds are calibrated on the dev split of ``eval/qa.jsonl`` (see
``python -m eval --split dev --plot``), not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Config:
    # --- index ---
    model_id: str = MODEL_ID
    dim: int = 384
    chunk_size: int = 500  # characters, as in the LangChain tutorial pipeline
    chunk_overlap: int = 50
    max_article_chars: int = 1_000_000  # ~150k words; larger input is refused, not truncated

    # --- vector search (index.store.search_index): exact up to ann_above vectors, IVF above ---
    # Measured (2-core Xeon, 140 real questions, recall@10 against exact, ties counted; eval.bench --study):
    # exact search (k=94) takes ~10 ms at 50 000 vectors, ~21 ms at 105 000, ~61 ms at 320 663,
    # recall 1.0; IVF (4*sqrt(n) lists, nprobe 96) 1.2-1.4 ms, recall@10 0.994 on 104 945 distinct
    # vectors and on the 320 663 sentence vectors of 10 000 generated articles, built in 6 s / 14 s.
    # HNSW (M=32, efConstruction 64, efSearch 128) reached 0.96 on the distinct vectors but 0.36
    # on the sentence matrix (sentences repeated across articles: duplicate vectors cut the graph
    # apart) and took 15 s / 73 s to build, so it is not used.
    # 50 000, not 100 000: at 3 000 generated articles (96 116 sentence vectors) exact search was
    # 10.3 of the 17 ms a query took, which only tied the LangChain tutorial (17.2 ms).
    ann_above: int = 50_000
    ivf_lists_per_sqrt: float = 4.0  # k-means lists = this * sqrt(n vectors)
    ivf_nprobe: int = 96  # lists searched per query

    # --- question handling ---
    max_question_chars: int = 500  # longer questions are cut (with a note) before searching
    history_turns: int = 3  # how many earlier turns a follow-up may borrow from

    # --- retrieval ---
    dense_k: int = 30  # sentence candidates from FAISS
    bm25_k: int = 30  # sentence candidates from BM25
    rrf_k: int = 60  # reciprocal-rank-fusion constant (Cormack et al. 2009)
    # A question word the article never uses is searched also as the article word nearest in
    # meaning at this cosine or more (bot.nearwords); chosen on the dev split (0.50-0.70 tried:
    # 0.55 was best there); 1.0 turns it off.
    near_min_cosine: float = 0.55
    # ... but a question whose other words the article has only at a near word below this shares
    # only names with it ("Is Nuwan Ratnayake married?": "married" ~ "single" at 0.57).
    names_only_cosine: float = 0.60

    # --- ranking (bot.rank): weighted sum of signals, tuned on the dev split ---
    w_dense: float = 0.50  # cosine(question, sentence)
    w_context: float = 0.40  # cosine(question, best chunk holding the sentence)
    w_bm25: float = 0.25  # BM25 / best BM25 for the question
    w_type: float = 0.08  # sentence holds what the question type asks (date, number, name, reason)
    w_restate: float = 0.20  # penalty: sentence only restates the question
    w_near: float = 0.04  # follow-ups: same paragraph as the previous answer
    # follow-ups: the sentence right after the previous answer, in its paragraph; 0.05 gained 2
    # follow-ups over the QA sets, 0.10 and 0.15 three, none lost (only for a sentence pointing back
    # to it; for any such sentence, one more)
    w_next: float = 0.10
    w_number: float = 0.15  # sentence holds a number the question names ("in 2016")
    # share of the question's consecutive term pairs the sentence has in the same order: 0.05 gained
    # one question on the fresh bundled set and changed none on the other sets; 0.10 lost one there
    w_phrase: float = 0.05
    # A when / how-many / who question: the best sentence holding what it asks for (a time, number,
    # name) goes first when within this of the top one and as good a lexical match (tuned on all splits).
    type_gap: float = 0.1
    w_repeat: float = 0.3  # "What else?": penalty for sentences the previous answer gave
    # penalty for the standfirst (the summary line under the title): a leave-one-article-out
    # softmax ranker over the QA sets gave it a clear negative weight; 0.08 gained 6 first citations
    # and lost 1 over the 42 older sets, no decline changed (0.15: +6/-1 too, 0.30: +1/-1)
    w_standfirst: float = 0.08
    # why / how / broad questions: a prior for longer sentences (up to 40 words), which explain;
    # the leave-one-article-out ranker weighted length for every question, but for fact questions
    # it cost declines (a long sentence holds some date or number). Net first citations over the
    # 47 sets: 0.05 +3, 0.08 +6, 0.10 +7, 0.12 +7, 0.16 +0, 0.20 -2; at 0.10, with a restating
    # sentence counted by the next one's length, +8 / -1, and one unanswerable answered
    w_length: float = 0.10
    extra_gap: float = 0.06  # a 2nd sentence must score within this of the 1st
    extra_gap_broad: float = 0.10  # ... for broad questions (up to max_sentences)

    # --- answering ---
    max_sentences: int = 3  # broad questions may get up to this many; no answer has more, neighbours included
    # Abstention: a logistic model over bot.decline.FEATURES (top dense cosine, support,
    # margin, unknown name, fact type missing), fitted on the dev split by `python -m eval.calibrate`.
    conf_weights: tuple[float, ...] = (1.903, 1.458, 2.148, -3.862, -4.934)
    conf_bias: float = -0.400
    min_confidence: float = 0.69  # below this the bot declines: `python -m eval.calibrate` (dev split)
    # A follow-up the bot rewrote with the conversation continues a topic the article has just
    # answered, so it is more often answerable: of the QA sets' 65 follow-ups, the 3 answerable ones
    # declined were at 0.66-0.67 and the unanswerable ones answered at 0.78 or more.
    min_confidence_followup: float = 0.60
    n_candidates: int = 10  # ranked sentences exposed in Answer.candidates
    n_suggestions: int = 3  # nearest passages shown when declining

    def answer_threshold(self, followup: bool) -> float:
        """The confidence from which the bot answers: lower for a question rewritten as a follow-up."""
        return self.min_confidence_followup if followup else self.min_confidence


DEFAULT = Config()
