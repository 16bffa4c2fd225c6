"""Chunks: windows of whole sentences, cut by LangChain's RecursiveCharacterTextSplitter.

The splitter proposes ~500-character windows (paragraph, then line, then sentence
boundaries first) with ``add_start_index=True``. It finds those start offsets with
``str.find``, which can land on an earlier repeat of the same text, so we check every
offset and re-locate it ourselves; then we snap each window outward to whole sentences.
A chunk therefore knows exactly which sentence ids it holds, and its text is
``article.text[start:end]``. Chunks give each sentence its surrounding context for
dense retrieval.
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from index.sentences import Sentence


@dataclass(frozen=True)
class Chunk:
    id: int
    start: int
    end: int
    sentence_ids: tuple[int, ...]
    doc: int = 0


def make_chunks(
    text: str, sentences: list[Sentence], size: int = 500, overlap: int = 50, first_id: int = 0
) -> list[Chunk]:
    """Sentence-aligned chunks over the prose sentences (body and standfirst) of one article."""
    prose = [s for s in sentences if s.kind in ("body", "standfirst")]
    if not prose:
        return []
    lo, hi = prose[0].start, prose[-1].end
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=size, chunk_overlap=overlap, add_start_index=True,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
        keep_separator="end",
    )  # fmt: skip
    docs = splitter.create_documents([text[lo:hi]])
    chunks: list[Chunk] = []
    seen: set[tuple[int, ...]] = set()
    cursor = lo
    doc_id = prose[0].doc
    for d in docs:
        piece = d.page_content
        start = lo + int(d.metadata.get("start_index", -1))
        if text[start : start + len(piece)] != piece:  # str.find may have matched elsewhere
            found = text.find(piece, cursor, hi)
            if found < 0:
                found = text.find(piece, lo, hi)
            if found < 0:
                continue
            start = found
        end = start + len(piece)
        cursor = start + 1
        ids = tuple(s.id for s in prose if s.start < end and s.end > start)
        if not ids or ids in seen:
            continue
        seen.add(ids)
        first = next(s for s in prose if s.id == ids[0])
        last = next(s for s in prose if s.id == ids[-1])
        chunks.append(Chunk(first_id + len(chunks), first.start, last.end, ids, doc_id))
    return chunks
