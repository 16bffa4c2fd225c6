"""Sentences with exact character offsets into the article text.

pysbd (rule-based, handles abbreviations like "Dr." / "U.S.", quotes, ellipses and
decimal numbers) proposes the sentence strings; we then *locate* each one in the source
ourselves, because segmenters may trim or alter whitespace. Each located span is checked:
``text[start:end] == sentence`` holds by construction for every Sentence returned.
Limits: English rules; for other languages pysbd falls back to punctuation splitting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.article import BODY, CITABLE, Article

_MIN_CHARS = 2


@dataclass(frozen=True)
class Sentence:
    id: int
    start: int
    end: int
    text: str  # == article.text[start:end]
    paragraph: int  # 1-based body paragraph number, 0 for metadata blocks
    kind: str  # block kind: body, standfirst, title, date, publisher, byline
    position: int  # 1-based position of the sentence within its paragraph
    doc: int = 0


@lru_cache(maxsize=1)
def _segmenter():  # built once: pysbd compiles many regexes
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


_FALLBACK = re.compile(r"[^.!?…]+(?:[.!?…]+[\"'”’)\]]*|$)")


def _propose(block_text: str) -> list[str]:
    # Line breaks inside a paragraph are wrapping, not sentence ends; same length keeps offsets.
    block_text = re.sub(r"[\r\n\t]", " ", block_text)
    try:
        # pysbd's rules without its segment(): that re-finds every sentence with a fresh regex
        # (a third of its time) and keeps the text on the shared segmenter (not thread-safe);
        # we locate the sentences ourselves anyway (_locate).
        parts = _segmenter().processor(block_text).process()
    except Exception:  # pysbd can fail on odd input; punctuation splitting is the fallback
        parts = _FALLBACK.findall(block_text)
    return _join_titles([p for p in parts if p.strip()])


# Titles written before a name that pysbd does not know ("Coun. Sunita Bhatt", "Amb. Lee"):
# a piece ending in one is not a sentence end when the next piece starts with a capital.
# Not "Sr." / "Jr.": they end a name, and a sentence may end with them.
_TITLE_END = re.compile(
    r"(?:^|[\s(\[\"“‘'])(?:Coun|Cllr|Ald|Amb|Atty|Pres|Treas|Sec|Const|Insp|Hon|Rt|Fr|Msgr|"
    r"Mme|Mlle|Pte|Pvt|Spc|Cdr|Commr|Dep|Asst)\.$"
)


# Abbreviations that pysbd does not know, written before a number or a lower-case word ("Approx.
# 61% of cases", "est. 2,000 people", "created c. 2,300 jobs"): a piece ending in one goes on.
_ABBREV_END = re.compile(
    r"(?:^|[\s(\[\"“‘'])(?:approx|appr|est|incl|excl|c|ca|cf|vs|viz|avg|fig|figs|vol|vols|nos?|pp?)\.$", re.I
)
# (a currency code before its sign counts as a number: "approx. US$11.4 billion", "c. A$3m")
_GOES_ON = re.compile(r"^[\s\"“‘'(]*(?:[a-z]|(?:[A-Z]{1,3}[$£€¥₹]|[$£€¥₹])?\d)")


def _join_titles(parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if out and _ABBREV_END.search(out[-1].rstrip()) and _GOES_ON.match(part):
            out[-1] = out[-1].rstrip() + " " + part.lstrip()
        elif out and _TITLE_END.search(out[-1].rstrip()) and part.lstrip()[:1].isupper():
            out[-1] = out[-1].rstrip() + " " + part.lstrip()  # _locate matches any whitespace
        else:
            out.append(part)
    return out


def _locate(text: str, piece: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Find ``piece`` (modulo whitespace) in text[lo:hi]; return stripped (start, end)."""
    core = piece.strip()
    if not core:
        return None
    i = text.find(core, lo, hi)
    if i >= 0:
        return i, i + len(core)
    # Whitespace may differ (segmenter normalised it): match tokens separated by any whitespace.
    tokens = core.split()
    pattern = r"\s+".join(re.escape(t) for t in tokens)
    m = re.compile(pattern).search(text, lo, hi)
    if m:
        return m.start(), m.end()
    return None


_CLOSING_MARKS = re.compile(r"[*_]{1,3}\s+")


def split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (start, end) inside text[start:end], in order, without gaps lost."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for piece in _propose(text[start:end]):
        loc = _locate(text, piece, cursor, end)
        if loc is None:
            continue
        s, e = loc
        # "1. **Power.** The valley ...": the bold label's closing marks are no part of what follows
        # (closing marks stand before a space; opening marks touch their word).
        lead = _CLOSING_MARKS.match(text, s, e)
        if lead and lead.end() < e:
            s = lead.end()
        if e - s >= _MIN_CHARS:
            spans.append((s, e))
        cursor = e
    if not spans:
        s = start + len(text[start:end]) - len(text[start:end].lstrip())
        e = end - (len(text[start:end]) - len(text[start:end].rstrip()))
        spans = [(s, e)] if e > s else []
    return spans


def split_sentences(article: Article, doc: int = 0, first_id: int = 0) -> list[Sentence]:
    """All citable sentences of the article: metadata lines, standfirst and body, in text order."""
    out: list[Sentence] = []
    para = 0
    for block in article.blocks:
        if block.kind not in CITABLE:
            continue
        if block.kind == BODY:
            para += 1
        # Markdown markers around a block ("*standfirst*", "> quote", "# Title") are not text.
        start, end = _strip_markup(article.text, block.start, block.end)
        if block.kind in (BODY, "standfirst"):
            spans = split_block(article.text, start, end)
        else:
            spans = [(start, end)]  # metadata lines are single units
        for pos, (s, e) in enumerate(spans, 1):
            out.append(
                Sentence(
                    id=first_id + len(out),
                    start=s,
                    end=e,
                    text=article.text[s:e],
                    paragraph=para if block.kind == BODY else 0,
                    kind=block.kind,
                    position=pos,
                    doc=doc,
                )  # fmt: skip
            )
    return out


def _strip_markup(text: str, start: int, end: int) -> tuple[int, int]:
    seg = text[start:end]
    # also list markers: "- item", "• item", "1. item"
    m = re.match(r"^(?:#{1,6}\s+|[*_>]+\s*|[-•–]\s+|\d{1,2}[.)]\s+)*", seg)
    s = start + (m.end() if m else 0)
    t = re.search(r"[*_\s]*$", text[s:end])
    e = s + (t.start() if t else len(text[s:end]))
    # a line that is one link ("[The Platform Review](https://...)"): the words a reader sees
    link = re.fullmatch(r"\[([^\]\n]+)\]\([^)\s]*\)", text[s:e])
    if link:
        s, e = s + 1, s + 1 + len(link.group(1))
    return (s, e) if e > s else (start, end)
