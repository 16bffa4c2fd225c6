"""Where a cited sentence stands, in words for people (the terminal and the web page share these)."""

from __future__ import annotations

from bot.types import Citation

PLACES = {
    "standfirst": "summary under the title", "title": "title", "date": "date line", "publisher": "publisher line",
    "byline": "byline", "caption": "photo caption",
}  # fmt: skip


def where(c: Citation) -> str:
    """'paragraph 12, sentence 2' (or the metadata line it is), for people."""
    if c.paragraph:
        return f"paragraph {c.paragraph}, sentence {c.position}"
    return PLACES.get(c.kind, c.kind) + (f", sentence {c.position}" if c.kind == "standfirst" else "")
