"""Questions about the article itself (its date, author, publisher, title, photo, gist, conclusion).

These are answered from the metadata lines found by ``index.article`` ("Published 7 Aug
2018", "Published daily by the Lowy Institute", ...), which are verbatim text of the page
and so can be cited like any sentence. A question is about the article when it asks for
one of these and either names the article ("this piece", "the article") or has no other
subject ("When was it published?"). Limits: English phrasings only.
"""

from __future__ import annotations

import re

from bot.text import STOP, Vocabulary, words

_ARTICLE_NOUN = r"(?:article|piece|story|post|analysis|text|essay|report|column|commentary|op-?ed|blog)"
# "What is the article mainly about?": what it is about, all the same.
_MAINLY = r"(?:mainly|mostly|chiefly|primarily|really|actually|basically|all|generally)"
_INTENTS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    (
        "standfirst",
        re.compile(r"\bsummary line\b|\bstandfirst\b|\bsub-?(?:title|head(?:ing|line)?)\b|\btagline\b|"
                   r"\bstrapline\b|\bdek\b|\blead paragraph\b", re.I),
        ("standfirst",),
    ),
    (
        "about",
        re.compile(rf"\bwhat(?:'s| is| was)? (?:this|the) {_ARTICLE_NOUN}(?: is| was)?(?: {_MAINLY})? about\b|\bsummar(?:y|ise|ize)\b|"
                   rf"\bsum(?:s|med)? (?:it |this |that )?up\b|\boverview\b|"
                   rf"\b(?:main|key|central) (?:point|argument|idea|message|takeaway)s?\b|\btake-?aways?\b|"
                   rf"\bbottom line\b|\bin a nutshell\b|\bgist\b|\btl;?dr\b", re.I),
        ("title", "standfirst"),
    ),
    (
        "date",
        re.compile(r"\bwhen\b.*\b(?:publish\w*|written|write|wrote|post\w*|date\w*|come out|came out|appear\w*|"
                   r"release\w*|updat\w*|modified|revised|edited)\b|\b(?:publication|publish\w*|release) date\b|\bwhat date\b|\bdated\b|"
                   rf"\bdate (?:on|of) (?:this|the|that|it)(?: {_ARTICLE_NOUN})?\W*$", re.I),
        ("date",),
    ),
    (
        "author",
        re.compile(r"\bwho\b.*\b(?:wrote|write|written|author\w*|interview(?:ed|er)?|conducted)\b|\bauthor\b|\bwritten by\b|"
                   r"\bbyline\b|\binterviewer\b", re.I),
        ("byline",),
    ),
    (
        "publisher",
        re.compile(r"\bwho\b.*\bpublish\w*\b|\b(?:which|what) (?:website|site|publication|outlet|magazine|"
                   r"newspaper|paper|newsletter|blog|journal|institute|organi[sz]ation|publisher|think tank)\b|\bpublisher\b", re.I),
        ("publisher", "byline"),
    ),
    # "What is the article's conclusion?", "How does the piece end?": its closing paragraph.
    (
        "conclusion",
        re.compile(rf"^\W*what(?:'s|’s| is| was| are)\s+(?:the\s+)?(?:(?:{_ARTICLE_NOUN}|author|writer)(?:'s|’s)\s+)?"
                   rf"(?:final\s+|main\s+|overall\s+)?conclusions?(?:\s+of\s+(?:the|this)\s+{_ARTICLE_NOUN})?\W*$|"
                   rf"^\W*how\s+does\s+(?:the|this)\s+{_ARTICLE_NOUN}\s+(?:end|conclude)\W*$", re.I),
        ("conclusion",),
    ),
    ("title", re.compile(r"\b(?:title|headline)\b", re.I), ("title",)),
    ("photo", re.compile(r"\b(?:photo\w*|picture\w*|image|caption|pictured)\b", re.I), ("caption",)),
)  # fmt: skip
_INTENT_WORDS = frozenset(
    "publish published publication date dated updated update last modified revised edited written write wrote author authors post posted released release "
    "appear appeared come came out title headline photo photograph picture pictures image caption pictured "
    "interview interviewed interviewer conducted took taken take credit credited top page "
    "website site outlet magazine newspaper paper newsletter blog journal institute organisation organization publisher think tank "
    "summary line standfirst subtitle subheading tagline strapline dek lead paragraph summarise summarize main point argument idea message gist tldr show shows shown "
    "key central takeaway takeaways take-away bottom nutshell sum overview conclusion conclusions final overall end".split()
)  # fmt: skip
_NAMES_ARTICLE = re.compile(rf"\b(?:this|the|that) {_ARTICLE_NOUN}\b|\b(?:it|this)\b", re.I)


_KEYWORDS = Vocabulary(frozenset(
    "article published publish publication written author headline photo picture caption summary "
    "summarise summarize title website publisher".split()
))  # fmt: skip


def _fix_typos(question: str) -> str:
    """'when was the artcle publshed' -> 'when was the article published' (keywords only)."""

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        return _KEYWORDS.correct(w.lower()) or w

    return re.sub(r"[A-Za-z]{5,}", fix, question)


# "What does the author say about China?" asks for the article's content, not for its author.
_AUTHOR_VIEW = re.compile(
    r"^\W*(?:what|how|why|does|do|did|is|would)\b.*\b(?:say|says|said|think|thinks|argue|argues|believe|believes|"
    r"suggest|suggests|claim|claims|conclude|concludes|mean|means|want|wants|recommend|recommends|see|sees|view|make)\b",
    re.I,
)


# "What is the author's conclusion?": the author's view, argument, point ... is the content.
_AUTHOR_THING_WORDS = r"(?:name|names|byline|identity|credentials|job|title)"
_AUTHORS_THING = re.compile(rf"\bauthor['’]s\s+(?!{_AUTHOR_THING_WORDS}\b)[a-z]", re.I)


_PHOTO_CREDIT = re.compile(
    r"\b(?:who|whom)\b.*\b(?:took|taken|shot|credited|credit)\b.*\b(?:photo\w*|picture|image)\b|"
    r"\b(?:credit|credited)\b.*\b(?:photo\w*|picture|image)\b",
    re.I,
)


def metadata_kinds(question: str) -> tuple[str, tuple[str, ...]] | None:
    """(intent name, block kinds to cite in order of preference), or None for ordinary questions."""
    question = _fix_typos(question)
    for name, pattern, kinds in _INTENTS:
        if not pattern.search(question):
            continue
        if name == "author" and (_AUTHOR_VIEW.search(question) or _AUTHORS_THING.search(question)):
            continue
        own = [w for w in words(question) if w not in STOP and w not in _INTENT_WORDS]
        if name == "about" or len(own) <= 1 or (_NAMES_ARTICLE.search(question) and len(own) <= 2):
            return name, kinds
        # "Who is credited with the photo of Kim and Trump in Singapore?": the words describe the
        # photo; who took it is its caption's credit.
        if name == "photo" and _PHOTO_CREDIT.search(question):
            return name, kinds
    return None
