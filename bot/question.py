"""Turning raw user input into a question the engine can search, or a reason it cannot.

Removes what a person cannot see or did not mean: HTML tags and scripts, control and
zero-width characters, bidi overrides, lone surrogates; folds whitespace; caps very long
input (with a note saying so). Returns a ``Question`` whose ``problem`` is a sentence for
the user when nothing searchable is left (empty, only symbols or emoji).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from bot.text import _one_edit
from index.embed import known_words

_SCRIPT = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.I | re.S)
_ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|.)")  # terminal colour/control codes
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,500}>|<!--.*?-->", re.S)
# Cc controls (except tab/newline), Cf format chars (zero-width, bidi, BOM), Cs surrogates, Co private use.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


@dataclass(frozen=True)
class Question:
    text: str  # cleaned, what is searched and echoed back
    note: str = ""  # told to the user (e.g. it was shortened)
    problem: str = ""  # non-empty: nothing to search; this sentence is the reply


def _visible(s: str) -> str:
    out = []
    for ch in s:
        if ch in "\t\n\r":
            out.append(" ")
        elif unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            continue
        else:
            out.append(ch)
    return "".join(out)


def clean(raw: object, max_chars: int = 500) -> Question:
    """Sanitise a question; never raises."""
    if raw is None:
        raw = ""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        return Question("", problem="Please ask a question as text.")
    note = ""
    # Cap before the heavier passes so 100 000 characters cost no more than 4 x max_chars.
    if len(raw) > 4 * max_chars:
        raw = raw[: 4 * max_chars]
        note = f"Your question was very long; I only read its first {max_chars} characters."
    s = _ANSI.sub("", raw)
    s = _SCRIPT.sub(" ", s)
    s = _TAG.sub(" ", s)
    s = html.unescape(s)
    s = _TAG.sub(" ", s)  # tags that were entity-escaped
    s = _visible(s).replace("\ufffd", " ")
    s = " ".join(unicodedata.normalize("NFKC", s).split())
    if len(s) > max_chars:
        cut = s[:max_chars]
        s = cut.rsplit(" ", 1)[0] if " " in cut[max_chars // 2 :] else cut
        note = f"Your question was very long; I only read its first {max_chars} characters."
    if not s:
        return Question("", note, "Please type a question about the article.")
    if not any(ch.isalnum() for ch in s):
        return Question(s, note, "I need some words to search for. Try a question such as “What does Kim want?”.")
    return Question(fix_question_word(s), note)


_WH = ("what", "which", "when", "where", "who", "whom", "whose", "why", "how")
_FIRST_WORD = re.compile(r"^(\W*)([A-Za-z]+)\b")


def fix_question_word(s: str) -> str:
    """A misspelt question word at the start ("wich", "wat", "hwo") becomes the one question word
    it is one edit away from, so the question is read as the kind it is; a real word ("wet",
    "hot") or a misspelling close to two of them ("whos": who / whose) is left as typed."""
    m = _FIRST_WORD.match(s)
    if not m:
        return s
    word = m.group(2)
    low = word.lower()
    if low in _WH:
        return s
    near = [w for w in _WH if _one_edit(low, w)]
    if len(near) != 1 or low in known_words():
        return s
    fixed = near[0].capitalize() if word[0].isupper() else near[0]
    return s[: m.start(2)] + fixed + s[m.end(2) :]


def script_of(s: str) -> str:
    """'latin' or the Unicode script-ish family of most letters ('cjk', 'cyrillic', ...)."""
    counts: dict[str, int] = {}
    for ch in s:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        fam = name.split(" ")[0].lower() if name else "other"
        if fam in ("latin",):
            fam = "latin"
        elif fam in ("cjk", "hiragana", "katakana", "hangul"):
            fam = "cjk"
        counts[fam] = counts.get(fam, 0) + 1
    return max(counts, key=counts.get) if counts else ""


# Frequent function words of other Latin-script languages (none of them English words).
_FOREIGN = frozenset(
    """que qui quoi pourquoi comment est sont les des une dans pour avec sur pas veut
    qué quién cómo por qué es el los las una para con del está quiere
    was wer wie warum ist sind der die das und nicht mit ein eine für auf will
    che chi cosa perché come sono della gli vuole
    quem como porque são uma com não quer
    wat wie hoe waarom zijn het een niet met voor wil""".split()
)  # fmt: skip
_ENGLISH = frozenset(
    "the a an is are was were what who whom which when where why how does do did has have of to in on for and "
    "with about that this it he she they can will would could should from by".split()
)  # fmt: skip


def _latin_words(s: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]+", s)]


def english_share(s: str) -> float:
    """Share of words that are common English function words (about 0.3-0.5 in English prose)."""
    ws = _latin_words(s)
    return sum(w in _ENGLISH for w in ws) / len(ws) if ws else 0.0


def looks_foreign(question: str) -> bool:
    """A Latin-script question in another language: its function words, and no English ones."""
    ws = _latin_words(question)
    return sum(w in _FOREIGN and w not in _ENGLISH for w in ws) >= 2 and not any(w in _ENGLISH for w in ws)
