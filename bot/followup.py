"""Follow-up questions: decide whether a question leans on the conversation, and say what to search.

"Who did he meet?" after "Who is Ri Yong-ho?" is searched as
"Who did he meet? (Ri Yong-ho)": the question plus the content words of the previous
turn's *search* (which already carries its own context, so chains of follow-ups work).
A question is a follow-up when it has a pronoun or demonstrative standing for something
earlier, opens with a continuation ("And in 2016?", "What about China?"), or has almost no
content of its own ("Why?"). A question that names its own subject is searched as it is.
"The first one" after an answer that lists items ("two goals – to pursue ..., and create ...")
is searched as that item (``enumerated_item``).
Limits: English cues only; at most ``max_terms`` borrowed words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.text import STOP, words

_PRONOUN = frozenset(
    "he she it they him her them his hers its their theirs this that these those there then such "
    "one ones else other former latter".split()
)
_OPENERS = re.compile(
    r"^(?:and|but|also|so|then|what about|how about|what else|why( not)?|how come|anything else|"
    r"tell me more|more on|same for|in what way|when|where)\b",
    re.I,
)
_WH = frozenset("what who whom whose which when where why how".split())
# "And what about Kishida?", "How about China?": the same question about another name.
_SUBSTITUTES = re.compile(
    r"^(?i:(?:and\s+)?(?:what|how)\s+about\s+(?:the\s+)?)[A-Z]|^(?i:and\s+(?:the\s+)?)[A-Z][\w'’-]*\W*$"
)


_NAME = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’-]+")


def is_followup(question: str) -> bool:
    ws = words(question)
    if not ws:
        return False
    content = [w for w in ws if w not in STOP and w not in _PRONOUN]
    if any(w in _PRONOUN for w in ws):
        return True
    if _OPENERS.match(question.strip()) and len(content) <= 3:
        return True
    if _NAME.search(question.strip()):
        return False  # "What did Xi say?" names its own subject
    return len(content) <= 1


def context_terms(previous_query: str, question: str, max_terms: int = 8) -> list[str]:
    """Content words of the previous search that the new question does not already have."""
    have = {w for w in words(question)}
    # A question with its own number ("And in 2016?") replaces the earlier one, not adds to it;
    # so does a name of its own ("And what about Kishida?" after "How popular is Yoon at home?").
    own_number = any(w.isdigit() for w in have)
    own_name = bool(_SUBSTITUTES.match(question.strip()))
    out: list[str] = []
    for i, w in enumerate(re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", previous_query)):
        lw = w.lower()
        if (own_number and lw.isdigit()) or (own_name and i > 0 and w[0].isupper()):
            continue
        if lw in STOP or lw in _PRONOUN or lw in _WH or lw in have or lw in (x.lower() for x in out):
            continue
        out.append(w)
    return out[:max_terms]


def rewrite(question: str, previous_queries: Sequence[str], max_terms: int = 8) -> str:
    """The text to search for ``question`` given earlier searches (most recent last)."""
    if not previous_queries or not is_followup(question):
        return question
    extra = context_terms(previous_queries[-1], question, max_terms)
    return f"{question} ({' '.join(extra)})" if extra else question


_MORE = re.compile(r"\b(?:else|other|another|also|more|second|next|too|besides|additionally|further)\b", re.I)


def asks_for_more(question: str) -> bool:
    """'What else?', 'And the second?': the user wants something beyond the last answer."""
    return bool(_MORE.search(question))


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
_ASKS_ORDINAL = re.compile(r"\b(?:the\s+)?(" + "|".join(_ORDINALS[1:]) + r")\b", re.I)


def asked_ordinal(question: str) -> str:
    """'And the second?', 'What is the third reason?': the ordinal asked for, or ""."""
    m = _ASKS_ORDINAL.search(question)
    return m.group(1).lower() if m else ""


def opens_with_ordinal(sentence: str, ordinal: str) -> bool:
    """The sentence starts an enumerated item: 'Second, ...', 'Secondly, ...', 'The third is ...'."""
    return bool(re.match(rf"^\W*(?:the\s+)?{ordinal}(?:ly)?\b", sentence, re.I))


def previous_ordinal(ordinal: str) -> str:
    """'second' -> 'first': the item before the one asked for."""
    return _ORDINALS[_ORDINALS.index(ordinal) - 1]


def mentions_ordinal(text: str, ordinal: str) -> bool:
    return bool(re.search(rf"\b{ordinal}(?:ly)?\b", text, re.I))


_ITEM_REF = re.compile(
    r"\bthe\s+(first|second|third|former|latter|last)(?:\s+(?:one|of (?:those|these|them|the two)))?\b", re.I
)
# An enumeration's start: after a colon or a dash ("two national goals – to pursue ..., and create ...").
_LIST_START = re.compile(r"[:–—]\s*")


def enumerated_item(question: str, previous_answer: str) -> str:
    """'When did he achieve the first one?' after an answer listing "two national goals – to pursue a
    powerful nuclear deterrent, and create a vibrant economy": the item meant ("to pursue a powerful
    nuclear deterrent"), or "". Only for lists after a colon or dash, of two to six items."""
    m = _ITEM_REF.search(question)
    start = _LIST_START.search(previous_answer)
    if not m or not start or asks_for_more(question.replace(m.group(0), "")):
        return ""
    items = [
        x.strip(' .;“”"') for x in re.split(r",\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+", previous_answer[start.end() :])
    ]
    items = [x for x in items if x]
    if not 2 <= len(items) <= 6:
        return ""
    which = m.group(1).lower()
    index = {"first": 0, "former": 0, "second": 1, "third": 2, "latter": -1, "last": -1}[which]
    if which in ("former", "latter") and len(items) != 2:
        return ""
    return items[index] if index < len(items) else ""
