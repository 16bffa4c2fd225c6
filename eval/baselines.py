"""Reference retrievers that the evaluation compares Article Q&A against.

Each baseline is a small class built from the article text with one method,
``answer(question) -> list[str]``: ranked texts, best first; the first text is its answer.
Baselines never decline and ignore conversation history (they search the raw question).

- ``LangChainFaiss``: the LangChain tutorial RAG retriever, i.e. RecursiveCharacterTextSplitter
  (500 characters, 50 overlap) + MiniLM embeddings + LangChain's FAISS vector store; the
  answer is the top chunk (long, so hit@1 is easier but the answer is not one sentence).
- ``DenseSentence``: MiniLM cosine similarity over single sentences (faiss IndexFlatIP).
- ``BM25Sentence``: BM25 (bm25s, lowercased, English stopwords, no stemmer) over the same
  sentences.

The sentence baselines use the project's own sentence table (``index.sentences``) when it is
importable, so that only the retrieval differs from the bot; otherwise pysbd over each line.
Limits: all models load offline through ``index.embed`` (the project's one encoder); the
ranked lists are cut at ``k`` texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

DEFAULT_K = 10


class Baseline(Protocol):
    name: str

    def answer(self, question: str) -> list[str]: ...


# ---------------------------------------------------------------- sentences


def pysbd_sentences(text: str) -> list[str]:
    """Sentences of ``text`` by pysbd, paragraph by paragraph (blank-line separated).

    Line breaks inside a paragraph are joined with a space first: pysbd (clean=False) cuts
    at every newline, which would chop hard-wrapped text into half sentences. The result is
    therefore whitespace-normalised, not verbatim; span matching ignores whitespace anyway.
    """
    import re

    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        flat = " ".join(para.split())
        if flat:
            out.extend(s.strip() for s in seg.segment(flat) if s.strip())
    return out


def project_sentences(text: str) -> list[str] | None:
    """The bot's own sentence table for ``text`` (``index.sentences``), or None if missing.

    Uses ``index.article.read_text`` + ``index.sentences.split_sentences``, so the sentence
    baselines cite exactly the units the bot can cite (metadata lines included).
    """
    try:
        from index.article import read_text
        from index.sentences import split_sentences
    except ImportError:
        return None
    return [s.text for s in split_sentences(read_text(text)) if s.text.strip()]


def article_sentences(text: str) -> tuple[list[str], str]:
    """Sentences for the sentence baselines and which splitter produced them."""
    try:
        sents = project_sentences(text)
    except Exception:  # noqa: BLE001 - a half-written module must not break the baselines
        sents = None
    if sents:
        return sents, "index.sentences"
    return pysbd_sentences(text), "pysbd"


# ---------------------------------------------------------------- embeddings


def _encode(texts: Sequence[str]) -> np.ndarray:
    # Imported late: the project's one encoder (cached, offline, L2-normalised float32).
    from index.embed import encode

    return np.asarray(encode(list(texts)), dtype=np.float32)


def _langchain_embeddings() -> Any:
    """A LangChain ``Embeddings`` adapter over ``index.embed.encode`` (no langchain-huggingface)."""
    from langchain_core.embeddings import Embeddings

    class MiniLMEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return _encode(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return _encode([text])[0].tolist()

    return MiniLMEmbeddings()


# ---------------------------------------------------------------- baselines


class LangChainFaiss:
    """LangChain tutorial pipeline: 500/50 character chunks in a FAISS vector store."""

    name = "langchain-faiss-500"

    def __init__(self, text: str, k: int = DEFAULT_K, chunk_size: int = 500, overlap: int = 50):
        import warnings

        from langchain_text_splitters import RecursiveCharacterTextSplitter

        with warnings.catch_warnings():
            # langchain-community announces its own sunset on import; not our concern here.
            warnings.simplefilter("ignore", DeprecationWarning)
            from langchain_community.vectorstores import FAISS

        splitter = RecursiveCharacterTextSplitter(chunk_size=chunk_size, chunk_overlap=overlap)
        self.chunks = splitter.split_text(text)
        self.k = k
        self.store = FAISS.from_texts(self.chunks, _langchain_embeddings())

    def answer(self, question: str) -> list[str]:
        docs = self.store.similarity_search(question, k=min(self.k, len(self.chunks)))
        return [d.page_content for d in docs]


class DenseSentence:
    """MiniLM cosine similarity over sentences (exact inner-product search)."""

    name = "dense-sentence"

    def __init__(self, sentences: Sequence[str], k: int = DEFAULT_K):
        import faiss

        self.sentences = list(sentences)
        self.k = k
        vecs = _encode(self.sentences)
        self.index = faiss.IndexFlatIP(vecs.shape[1])
        self.index.add(vecs)

    def answer(self, question: str) -> list[str]:
        k = min(self.k, len(self.sentences))
        _, ids = self.index.search(_encode([question]), k)
        return [self.sentences[i] for i in ids[0] if i >= 0]


class BM25Sentence:
    """BM25 over sentences: lowercased, English stopwords removed, no stemming."""

    name = "bm25-sentence"

    def __init__(self, sentences: Sequence[str], k: int = DEFAULT_K):
        import bm25s

        self._bm25s = bm25s
        self.sentences = list(sentences)
        self.k = k
        tokens = bm25s.tokenize(self.sentences, lower=True, stopwords="en", return_ids=False, show_progress=False)
        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)

    def answer(self, question: str) -> list[str]:
        tokens = self._bm25s.tokenize([question], lower=True, stopwords="en", return_ids=False, show_progress=False)
        k = min(self.k, len(self.sentences))
        # A question of stopwords only scores every sentence 0; bm25s still returns an
        # (arbitrary) ranking, which is what a never-declining baseline would show.
        docs, _ = self.retriever.retrieve(tokens, k=k, show_progress=False)
        return [self.sentences[int(i)] for i in docs[0]]


def build_baselines(text: str, k: int = DEFAULT_K) -> tuple[list[Baseline], str]:
    """All three baselines over one article, plus the name of the sentence splitter used."""
    sentences, splitter = article_sentences(text)
    baselines: list[Baseline] = [
        LangChainFaiss(text, k=k),
        DenseSentence(sentences, k=k),
        BM25Sentence(sentences, k=k),
    ]
    return baselines, splitter
