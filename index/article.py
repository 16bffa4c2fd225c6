"""Reading an article: bytes -> decoded text -> blocks (body paragraphs + page furniture) + metadata.

The decoded text is kept untouched: every block is a ``(start, end)`` span into it, so
later stages can cite ``text[start:end]`` verbatim. Cleaning never rewrites characters;
it only decides which spans are body prose and which are page furniture.

The rules are general, written for news and analysis pages saved as text, Markdown or
HTML, not for one site:
- a line naming who publishes ("Published daily by the X", "A publication of X", also after the
  site's own name: "The Lantern Brief — Published daily by X") is the publisher, a date line never;
- the title is a Markdown ``# heading``, an HTML ``<h1>`` (else its ``<title>``), or else the
  first short unpunctuated line of four words or more near the top (else the longest), before
  any prose and above the byline/date;
  short unpunctuated lines above the title are the site's banner (a "Skip to content" link, a
  section label); with a breadcrumb ("News › Transport") near the top, the title is looked for
  below it, and the first line above it that reads as a name is the publisher; an HTML
  ``<title>`` of "headline | Site" names the publisher when the page shows the site as a line
  of its own;
- a short line holding a date ("7 Aug 2018", "March 3, 2021", "2021-03-03") is the date line;
  without one, a dateline opening the first paragraph ("HARLOW, 5 May 2025 – ...") gives the date;
- photo captions ("(Photo: ...)", "Credit:", "FILE PHOTO: ...", a line closing on its credit,
  Markdown images), navigation bars ("A | B | C"), a newsletter box ("Sign up ..."),
  bylines ("By Jane Doe"), wire credits ("(Reporting by ...; Editing by ...)"), and any short
  line that repeats an earlier one are furniture; without a byline, an author's note closing
  the piece ("X is a research fellow at ...") names the author and stays body prose;
- prose between the title and the first date/byline/caption line is the standfirst;
- from a closing marker ("You may also be interested in", "Related", "Read more",
  "Share this", "©", a press release's "###" or "Media contact", a wire's "Reporting by ...",
  a magazine's "This article appears in ...") in the last third of the page, everything is
  furniture;
- a paragraph repeated inside another paragraph (a pull quote) is furniture, compared without
  Markdown and quotation marks; Markdown links are read as their words.
Limits: one article per file; lists are kept as prose lines; a Markdown table is not read (its
rows are cells without their headers, so they are furniture: the prose around it is); a date is parsed
only in the three forms above (others still show as the date line, without an ISO date).
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from index.errors import ArticleError

BODY = "body"
HEADING = "heading"
TITLE = "title"
DATE = "date"
STANDFIRST = "standfirst"
PUBLISHER = "publisher"
BYLINE = "byline"
CAPTION = "caption"
FURNITURE = "furniture"
PULLQUOTE = "pullquote"

# Kinds whose text the bot may cite: body prose first, metadata lines (and captions) on request.
CITABLE = (BODY, STANDFIRST, TITLE, DATE, PUBLISHER, BYLINE, CAPTION)


@dataclass(frozen=True)
class Block:
    """A line or paragraph of the article: ``text[start:end]``, classified."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Article:
    """An article as the bot sees it. ``text`` is the reference for every offset."""

    text: str
    blocks: tuple[Block, ...]
    title: str = ""
    date: str = ""  # ISO yyyy-mm-dd when the date line could be parsed
    date_text: str = ""  # the date line as written
    publisher: str = ""
    byline: str = ""
    name: str = ""  # file name or caller-given label

    def span(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """Body paragraphs in order (paragraph numbers in citations are 1-based into this)."""
        return tuple(b for b in self.blocks if b.kind == BODY)

    def first(self, kind: str) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)


# ---------------------------------------------------------------- decoding

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Bytes -> str: BOMs first, then UTF-8, then UTF-16 without BOM, then Windows-1252.

    Raises ArticleError for binary data (many control bytes once decoded).
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    return text


def _decode_legacy(data: bytes) -> str:
    # UTF-16 without a BOM shows as a NUL in every other byte of ASCII text.
    sample = data[:2000]
    if len(sample) >= 4 and sample[1::2].count(0) > 0.4 * len(sample) / 2:
        return data.decode("utf-16-le", errors="replace")
    if len(sample) >= 4 and sample[0::2].count(0) > 0.4 * len(sample) / 2:
        return data.decode("utf-16-be", errors="replace")
    # cp1252 is what "Latin-1" pages usually are; it decodes curly quotes correctly.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def check_text(text: str, max_chars: int) -> None:
    """Refuse input that is not an article: empty, binary-looking, or too long."""
    if not text or not text.strip():
        raise ArticleError("The article is empty. Paste or upload a text with some paragraphs.")
    if len(text) > max_chars:
        raise ArticleError(
            f"The article is too long ({len(text):,} characters; the limit is {max_chars:,}). Upload a shorter text."
        )
    sample = text[:20000]
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if bad > 0.02 * len(sample) + 2:
        raise ArticleError(
            "This does not look like text (it holds binary or undecodable bytes). "
            "Upload a .txt, .md or .html file saved as text."
        )
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < 20:
        raise ArticleError("The article has almost no words. Paste or upload a text with some paragraphs.")


# ---------------------------------------------------------------- HTML -> text


class _HTMLText(HTMLParser):
    """Collects visible text with blank lines at block boundaries; drops scripts, styles, nav, asides."""

    # <aside> holds related links, ads and sign-up boxes, not the article's prose.
    _SKIP = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "iframe", "head", "aside"}
    _BLOCK = {
        "p", "div", "section", "article", "header", "footer", "main", "li", "ul", "ol",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table", "tr",
        "br", "hr", "pre", "time", "dl", "dt", "dd",
    }  # fmt: skip

    # A box whose class or id says what it is: a cookie banner, a newsletter sign-up, share
    # buttons, related links, an advert, a paywall notice ("cookie-banner", "newsletter-signup").
    _SKIP_CLASS = re.compile(
        r"(?:^|[\s_-])(?:cookies?|consent|gdpr|newsletter|subscribe|subscription|sign-?up|share|sharing|social|"
        r"related|promo|advert|ads?|sponsored|paywall|popup|modal|breadcrumbs?|comments?)(?:$|[\s_-])",
        re.I,
    )
    _VOID = {"img", "br", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "param", "track"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.captions: list[str] = []  # the text of each <figcaption>: a photo's caption and credit
        self._caption: list[str] | None = None
        self.skip = 0
        # The box skipped for its class (its tag) and how deep inside same-tag elements the parser is.
        self._box_tag: str | None = None
        self._box_depth = 0
        self.title = ""
        self._in_title = False
        self._h1 = False
        self.h1 = ""  # the text of the first <h1>
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if self._box_tag is not None:
            self._box_depth += tag == self._box_tag
            return
        named = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        if tag not in self._VOID and tag not in ("html", "body", "main", "article") and self._SKIP_CLASS.search(named):
            self._box_tag, self._box_depth = tag, 1
            return
        if tag == "figcaption":
            self._caption = []
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")
            if tag == "h1" and not self._h1:
                self._h1 = True
                self._in_h1 = True
                self.parts.append("# ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._box_tag is not None:
            self._box_depth -= tag == self._box_tag
            if not self._box_depth:
                self._box_tag = None
            return
        if tag == "figcaption" and self._caption is not None:
            self.captions.append(" ".join("".join(self._caption).split()))
            self._caption = None
        if tag == "h1":
            self._in_h1 = False
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if not self.skip and self._box_tag is None:
            self.parts.append(re.sub(r"\s+", " ", data))
            if self._caption is not None:
                self._caption.append(data)
            if self._in_h1:
                self.h1 += data


_HTML_HINT = re.compile(r"<\s*(html|body|p|div|article|h1|br|span|section)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    return len(_HTML_HINT.findall(text[:50000])) >= 2


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one block per paragraph; the text is then the article."""
    return _html_page(markup)[0]


_TITLE_SEP = re.compile(r"\s+(?:[|·•:–—-]|::)\s+")


def site_name(title: str, h1: str) -> str:
    """The site in a ``<title>`` that is the headline plus the site ("Rail line to reopen | The
    Valley Courier" with that ``<h1>`` gives "The Valley Courier"), else ''."""
    parts = [p.strip() for p in _TITLE_SEP.split(title)]
    head = _norm(h1)
    rest = [p for p in parts if _norm(p) != head]
    return rest[0] if head and len(parts) == 2 and len(rest) == 1 and _words(rest[0]) <= 6 else ""


def _html_page(markup: str) -> tuple[str, str, tuple[str, ...]]:
    """(visible text, site name from the ``<title>``, the ``<figcaption>`` texts). The headline
    is the first ``<h1>`` (a ``# `` line); only a page without one gets its ``<title>`` as the
    first line."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    body = "".join(parser.parts)
    lines = [ln.strip() for ln in body.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = " ".join(html.unescape(parser.title).split())
    h1 = " ".join(parser.h1.split())
    if title and not parser._h1:
        # No <h1>: a line of the page that is the <title>'s headline part ("Council approves charge
        # - The Courier", the headline in a styled <div>) is the headline; else the <title> is.
        shown = next(
            (p for p in _TITLE_SEP.split(title) if _words(p) >= 4 and _norm(p) in {_norm(x) for x in lines}), ""
        )
        if shown:
            i = next(i for i, x in enumerate(lines) if _norm(x) == _norm(shown))
            lines[i] = "# " + lines[i]
            text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
            h1 = shown
        else:
            text = f"# {title}\n\n{text}"
    return text, site_name(title, h1), tuple(c for c in parser.captions if c)


# ---------------------------------------------------------------- line rules

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]  # fmt: skip
    )
    for m in names
}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\s+{_MON},?\s+(\d{{4}})\b", re.I)
_DATE_MDY = re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

_PUBLISHER = re.compile(
    # (after the site's own name, as a banner often reads: "The Lantern Brief — Published daily by ...")
    r"^(?:[A-Z][^—–|:]{0,60}?\s+[—–|:]\s+)?(?:published|produced|brought to you|a (?:publication|blog|project) of|an? \w+ (?:of|from))"
    r"(?:\s+\w+)?\s+(?:by|of|from)?\s*(?:the\s+)?(?P<name>[A-Z][\w&.,' -]{2,80})$",
    re.I,
)
# A line naming where a photo came from: "Image source, Getty Images", "Photo credit: ...".
_SOURCE_LINE = r"^(?:image|photo|picture|media)\s+(?:source|credit)s?"
_CAPTION = re.compile(
    r"\((?:photo|image|picture|source|credit)s?\b[^)]*\)|^(?:(?:photo|image|picture|video)\s+)?(?:photo|image|picture|credit|caption)s?\s*[:/]"
    r"|^!\[|getty images|\b(?:photograph|illustration):"
    # a credit closing the line: "An M-Pesa agent in Kibera, Nairobi. Photo: Reuters"
    r"|\b(?:photo|image|picture)s?\s*(?::|by)\s*[A-Z][\w .&/’'-]{1,40}$"
    rf"|{_SOURCE_LINE}\b",  # "Image source, Getty Images"
    re.I,
)
# A caption however long: one opening "FILE PHOTO:" or closing on its credit ("... above the
# town's reservoir. Photograph: Owen Tashiro for Meridian"); prose ends otherwise.
_CREDITED = re.compile(
    r"^(?:file\s+)?(?:photo|picture|image)s?\s*:|[.)]\s+(?:photo(?:graph)?|picture|image)s?\s*(?::|by)\s*[A-Z][\w .&/’'-]{1,60}$",
    re.I,
)
_BARE_CREDIT = re.compile(rf"^(?:{_SOURCE_LINE}|(?:photo|image|credit)s?\s*[:/,])", re.I)
_BYLINE = re.compile(r"^(?:by|words by|written by|author:)\s+\S", re.I)
# A byline without "By": the writer's name and job on a line of their own ("Sarah O'Neill, Sports
# Correspondent", "Jan Vos and Mia Lind, Political Reporters").
_ROLE_BYLINE = re.compile(
    r"^[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}(?:\s+(?:and|&)\s+[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3})?,\s+"
    r"(?:[A-Z][\w’'-]*\s+){0,3}(?i:correspondents?|reporters?|editors?|writers?|columnists?|journalists?|contributors?)\s*$"
)
# A wire service's credit line: "(Reporting by Lena Fischer; Editing by Sam Holt)".
_CREDIT = re.compile(r"^\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|produced) by\b", re.I)
_TAIL = re.compile(
    r"^(?:you (?:may|might) also (?:be interested|like)|related(?: articles| stories| reading)?\b|read more\b"
    r"|more from\b|more on this (?:story|topic|subject)\b|share (?:this|on)\b|sign up\b|subscribe\b|comments?\b|tags?:|topics?:|©|copyright\b"
    r"|all rights reserved|follow us\b|advertisement\b|recommended\b|most (?:read|popular)\b"
    # a press release's end mark and boilerplate: "###", "-ends-", "Notes to editors", "Media contact:"
    r"|#{3}\s*$|-+\s*ends\s*-+|notes? to editors\b|(?:media|press) (?:contacts?|enquiries|inquiries)\b)",
    re.I,
)
_SIGN_UP = re.compile(r"^(?:sign up|subscribe)\b", re.I)
_SIGN_UP_LINK = re.compile(r"\[(?:sign up|subscribe)\b[^\]]*\]\(", re.I)  # "... every Friday. [Sign up](https://...)"
# A magazine's closing note: "This article appears in the November 2026 print edition ...",
# "A version of this story was first published in ...".
_APPEARS = re.compile(
    r"^(?:this|a version of this)\s+(?:article|story|piece|essay|feature)\s+(?:also\s+)?"
    r"(?:appears|appeared|was (?:first |originally )?published|first appeared|originally appeared|ran)\b",
    re.I,
)
# "HARLOW, 5 May 2025 – ...", "NEW YORK, March 3, 2021 (Reuters) - ...": place in capitals, then the date.
_DATELINE = re.compile(
    rf"[A-Z][A-Z .'’-]{{1,40}},\s+(?i:((?:\d{{1,2}}\s+{_MON},?\s+\d{{4}})|(?:{_MON}\s+\d{{1,2}},?\s+\d{{4}})))"
)
_TERMINAL = re.compile(r"[.!?…:;\"”’)\]]\s*$")
_MD_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\([^)\s]*\)")  # not an image, "![alt](src)"
_MD_MARK = re.compile(r"^(?:#{1,6}\s+|[*_]{1,3}(?=\S)|>\s*)|(?<=\S)[*_]{1,3}$")


def parse_date(line: str) -> str:
    """ISO date for the first date in ``line`` in a known form, else ''."""
    for pattern, order in ((_DATE_DMY, "dmy"), (_DATE_MDY, "mdy"), (_DATE_ISO, "ymd")):
        m = pattern.search(line)
        if not m:
            continue
        try:
            if order == "dmy":
                d, mon, y = int(m.group(1)), _MONTHS[m.group(2).lower().rstrip(".")], int(m.group(3))
            elif order == "mdy":
                mon, d, y = _MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)), int(m.group(3))
            else:
                y, mon, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        except KeyError:
            continue
        if 1 <= mon <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mon:02d}-{d:02d}"
    return ""


def _words(s: str) -> int:
    return len(s.split())


def _is_date_line(s: str) -> bool:
    if len(s) > 100 or not parse_date(s):
        return False
    rest = _DATE_ISO.sub(" ", _DATE_MDY.sub(" ", _DATE_DMY.sub(" ", s)))
    return _words(rest) <= 8 and not s.rstrip().endswith(".")


def _is_short(s: str) -> bool:
    return _words(s) <= 25 and len(s) <= 200


_FOOTNOTE = re.compile(r"^\s*\[\^[^\]\s]+\]:")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


def _is_nav(s: str) -> bool:
    """A menu: three or more short items split by bars, bullets, slashes or runs of spaces
    ("Home | News | Sport", "News  Sport  Business  More")."""
    parts = [p.strip() for p in re.split(r"\s[|•·»/]\s|\s{2,}|\t", s.strip())]
    long = [p for p in parts if _words(p) > 4]
    # A site bar may carry one longer item, its name or slogan ("THE POST | Independent news
    # since 1921 | Home | News | Sport"), among four or more menu items.
    return len(parts) >= 3 and not long or len(parts) >= 5 and len(long) == 1 and _words(long[0]) <= 8


def _named_date(s: str) -> bool:
    """ "Leila Ahmadova | 3 March 2025": a person's name and the date, split by a bar or a dot."""
    parts = [p.strip() for p in re.split(r"\s[|·•]\s", s)]
    return len(parts) >= 2 and any((_PERSON.match(p) or _PERSON_ROLE.match(p)) and not parse_date(p) for p in parts)


# "Ilse Marovic, editor of Silicon Lowlands": a name and the writer's role beside it.
_PERSON_ROLE = re.compile(
    r"^[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3},\s+(?:[\w’'-]+\s+){0,3}"
    r"(?i:editor|correspondent|reporter|writer|columnist|journalist|contributor|founder|author|analyst|fellow|host)s?"
    r"(?:\s+(?:of|at|for)\s+[\w’'.& -]{1,60})?$"
)


def _strip_md(s: str) -> str:
    prev = None
    s = _MD_LINK.sub(r"\1", s)  # "[Science](https://...)": the words a reader sees
    while prev != s:
        prev, s = s, _MD_MARK.sub("", s).strip()
    return s


# ---------------------------------------------------------------- blocks


def _paragraph_units(text: str) -> list[tuple[int, int, bool]]:
    """Split text into lines and record whether a blank line precedes each."""
    units: list[tuple[int, int, bool]] = []
    pos = 0
    blank_before = True
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            units.append((pos + lead, pos + lead + len(stripped), blank_before))
            blank_before = False
        else:
            blank_before = True
        pos = end + 1
    return units


def segment_blocks(text: str) -> tuple[list[Block], dict[str, str]]:
    """Classify every line of ``text``, merge hard-wrapped prose lines into paragraphs, then
    find title, standfirst and sub-headings among the merged blocks."""
    units = _paragraph_units(text)
    hard_wrapped = _hard_wrapped(text, units)
    meta = {"title": "", "publisher": "", "date": "", "date_text": "", "byline": ""}
    kinds = _line_kinds(text, units, meta)
    continues = [True] * len(units) if hard_wrapped else _wrapped_runs(text, units, kinds)
    blocks, blank_before = _merge(units, kinds, continues)
    _block_rules(text, blocks, blank_before, hard_wrapped)
    blocks = _mark_pullquotes(text, blocks)
    for b in blocks:
        raw = text[b.start : b.end]
        if b.kind == TITLE and not meta["title"]:
            meta["title"] = _strip_md(raw)
        elif b.kind in (DATE, BYLINE) and not meta["date_text"] and parse_date(raw):
            meta["date_text"] = _strip_md(raw)
            meta["date"] = parse_date(raw)
        if b.kind == BYLINE and not meta["byline"]:
            meta["byline"] = _strip_md(raw)
        if b.kind == PUBLISHER and not meta["publisher"]:
            meta["publisher"] = _strip_md(raw)
    if not meta["byline"]:
        # No byline: an author's note closing the piece ("Tran Minh Chau is a research fellow in the
        # Southeast Asia Program at the Lowy Institute ...") says who wrote it. It stays body prose.
        body = [b for b in blocks if b.kind == BODY]
        note = next((b for b in body[-3:] if _AUTHOR_NOTE.match(text[b.start : b.end])), None)
        if note is not None:
            meta["byline"] = text[note.start : note.end].strip()
    if not meta["date"]:
        # No date line: a dateline opening the first paragraph ("HARLOW, 5 May 2025 – ...") dates it.
        first = next((b for b in blocks if b.kind == BODY), None)
        m = _DATELINE.match(text, first.start, first.end) if first is not None else None
        if m and parse_date(m.group(1)):
            meta["date_text"], meta["date"] = m.group(1), parse_date(m.group(1))
    return blocks, meta


_COMMENTS = re.compile(r"^comments?\b", re.I)
_PROSE_WORDS = 30  # a paragraph of the piece, not a related headline, a tag list or a bio line


def _prose_after(text: str, units: list[tuple[int, int, bool]]) -> list[bool]:
    """For each line: whether a paragraph of prose (long, ending as a sentence ends) follows it."""
    out = [False] * len(units)
    seen = False
    for i in range(len(units) - 1, -1, -1):
        out[i] = seen
        plain = _strip_md(text[units[i][0] : units[i][1]])
        seen = seen or (_words(plain) >= _PROSE_WORDS and bool(re.search(r"[.!?\"”’]\s*$", plain)))
    return out


def _line_kinds(text: str, units: list[tuple[int, int, bool]], meta: dict[str, str]) -> list[str]:
    """Line-level furniture: closing section, Markdown title, publisher, repeats, captions, dates, bylines, nav."""
    n = len(units)
    kinds: list[str] = []
    seen_short: set[str] = set()
    tail_from = n
    prose_after = _prose_after(text, units)
    for i, (s, e, _) in enumerate(units):
        line = text[s:e]
        plain = _strip_md(line)
        norm = " ".join(plain.split()).lower()
        kind = BODY
        closing = i >= (2 * n) // 3 and (
            ((_TAIL.match(plain) or _CREDIT.match(plain)) and _is_short(plain))  # (a wire's "Reporting by ..." ends it)
            or (_APPEARS.match(plain) and _words(plain) <= 60)
        )
        if closing and prose_after[i] and not _COMMENTS.match(plain):
            # "Read more: Why nets are losing their edge" between two paragraphs of the story: a
            # link set in the body, itself furniture; the paragraphs after it are still the piece.
            kind = FURNITURE
        elif closing:
            tail_from = min(tail_from, i)
        if i >= tail_from:
            kind = FURNITURE
        elif line.lstrip().startswith("# ") and TITLE not in kinds:
            kind = TITLE
        elif (
            not meta["publisher"]
            and TITLE not in kinds
            and _PUBLISHER.match(plain)
            and _is_short(plain)
            and not _is_date_line(plain)
        ):
            kind = PUBLISHER
            meta["publisher"] = _PUBLISHER.match(plain).group("name").strip(" .")  # type: ignore[union-attr]
        elif _is_short(plain) and norm in seen_short:
            kind = FURNITURE  # a repeated line: caption/banner echo
        elif _CAPTION.search(plain) and _is_short(plain) or _CREDITED.search(plain) and _words(plain) <= 60:
            kind = CAPTION
        elif (_BYLINE.match(plain) and _words(plain) <= 14 and not plain.endswith(".")) or _ROLE_BYLINE.match(plain):
            kind = BYLINE
        elif _CREDIT.match(plain) and _is_short(plain):
            kind = FURNITURE
        elif (_SIGN_UP.match(plain) and _is_short(plain)) or (_SIGN_UP_LINK.search(line) and _words(plain) <= 40):
            kind = FURNITURE  # a newsletter box inside the article: "Sign up for our newsletter"
        elif _is_date_line(plain):
            # "Posted on 22 October 2024 by Claire Dubois": a date line that names its author
            # (so does "Leila Ahmadova | 3 March 2025": a name beside the date)
            kind = BYLINE if re.search(r"\bby\s+[A-Z]", plain) or _named_date(plain) else DATE
        elif _FOOTNOTE.match(line):
            kind = FURNITURE  # a Markdown footnote's text ("[^1]: Source: ..."): the sources, not the piece
        elif _is_nav(plain) or _TABLE_ROW.match(plain.strip()) or _TABLE_RULE.match(plain.strip()):
            kind = FURNITURE  # a Markdown table's rows are cells, not sentences (see Limits)
        elif line.lstrip().startswith("#") and not plain.rstrip().endswith("?"):
            # A sub-heading that asks ("## Why did the city do it?") is kept as prose: the section
            # under it answers it, and the bot answers such questions with what follows them.
            kind = HEADING
        if _is_short(plain):
            seen_short.add(norm)
        kinds.append(kind)
    # An italic line right under a Markdown image is its caption, credit or not ("![...](...)"
    # then "*Passengers queue in the main ticket hall ...*").
    for i in range(1, n):
        above, (s, e, blank) = text[units[i - 1][0] : units[i - 1][1]], units[i]
        if kinds[i] == BODY and not blank and above.lstrip().startswith("![") and _ITALIC_LINE.match(text[s:e]):
            kinds[i] = CAPTION
    return kinds


_ITALIC_LINE = re.compile(r"^\s*([*_])(?![*_\s]).*(?<![*_\s])\1\s*$")


_HOME_LINK = re.compile(r"^\s*\[[^\]\n]{2,60}\]\(https?://[^/\s)]+/?\)\s*$")
_SITE_NAME = re.compile(r"^\s*[A-Z][\w’'.&-]*(?:\s+(?:(?:of|the|and|&|for|on)\s+)?[A-Z][\w’'.&-]*){0,5}\s*$")
_BREADCRUMB = re.compile(r"^\s*[^\s›»>]+(?:\s+[^\s›»>]+){0,3}(?:\s+[›»>]\s+[^\s›»>]+(?:\s+[^\s›»>]+){0,3})+\s*$")


def _block_rules(text: str, blocks: list[Block], blank_before: list[bool], hard_wrapped: bool) -> None:
    """In place: title (when no Markdown title), standfirst, sub-headings."""
    n = len(blocks)

    def plain(i: int) -> str:
        return _strip_md(text[blocks[i].start : blocks[i].end])

    kinds = [b.kind for b in blocks]
    title_idx = kinds.index(TITLE) if TITLE in kinds else -1
    if title_idx < 0:
        # The headline: among the short, unpunctuated lines near the top, before any prose, the
        # first of four words or more (else the longest). Above it stand the site's banner, a "Skip
        # to content" link, a section label ("Business News", "Science"), "FOR IMMEDIATE RELEASE";
        # below it may stand a longer deck.
        # A breadcrumb ("News › Transport") stands between the site's banner and the headline,
        # so the search starts below it ("The Wrexford Evening Gazette" above it is the site).
        start = 0
        for i in range(min(n, 8)):
            if kinds[i] == BODY and not _is_short(plain(i)):
                break
            # (a menu bar does too: "Home   Analysis   Regions   Energy": above it, the site's
            # name and tagline)
            if (kinds[i] == BODY and _BREADCRUMB.match(plain(i))) or (kinds[i] == FURNITURE and _is_nav(plain(i))):
                start = i + 1
                # Above a breadcrumb stands the site's banner: its first line that reads as a
                # name ("The Wrexford Evening Gazette", "BBC News") is the publisher.
                site = next((j for j in range(i) if kinds[j] in (BODY, FURNITURE) and _SITE_NAME.match(plain(j))), -1)
                if site >= 0 and PUBLISHER not in kinds:
                    kinds[site] = PUBLISHER
                if kinds[i] == BODY:
                    break  # (below a menu bar a breadcrumb may still stand)
        best, best_words = -1, 0
        for i in range(start, min(n, start + 8)):
            if kinds[i] in (DATE, BYLINE) and best >= 0:
                # The headline stands above its byline and date; but a wire page puts a section
                # label and a timestamp above it ("WORLD NEWS", "March 18, 2025 9:42 PM GMT+1"):
                # a short label there, then a headline line of four words or more below.
                below = next((j for j in range(i + 1, min(n, i + 3)) if kinds[j] == BODY), -1)
                if below >= 0 and _is_short(plain(below)) and _words(plain(below)) >= 4 \
                        and not re.search(r"[.:;]\s*$", plain(below)):  # fmt: skip
                    best = below
                break
            if kinds[i] != BODY:
                continue
            line = plain(i)
            if not (_is_short(line) and not re.search(r"[.:;]\s*$", line)):
                break  # prose: the title, if any, was above it
            if _words(line) >= 4:
                best = i
                break
            if _words(line) >= best_words:
                best, best_words = i, _words(line)
        if best >= 0:
            kinds[best] = TITLE
            title_idx = best
    if title_idx >= 0:
        # Short unpunctuated lines above the title are the site's banner, not the article.
        for i in range(title_idx):
            if kinds[i] == BODY and _words(plain(i)) <= 12 and not _TERMINAL.search(plain(i)):
                kinds[i] = FURNITURE
                # ... the first of them a link to the site's home page: "[The Platform Review](https://
                # www.theplatformreview.eu)" names the publisher.
                if PUBLISHER not in kinds and _HOME_LINK.match(text[blocks[i].start : blocks[i].end]):
                    kinds[i] = PUBLISHER
        # Prose between the title and the first date/byline/caption line near the top.
        marker = next(
            (j for j in range(title_idx + 1, min(n, title_idx + 8)) if kinds[j] in (DATE, BYLINE, CAPTION)), -1
        )
        for j in range(title_idx + 1, max(marker, title_idx + 1)):
            if kinds[j] == BODY and blocks[j].end - blocks[j].start <= 400:
                kinds[j] = STANDFIRST
        # A deck: an unpunctuated line right after the title, longer than a sub-heading ("New
        # programme follows tests that found lead above the legal limit in 340 homes"); or a
        # Markdown sub-heading there that is sentences ("## The government wants to cap ...").
        j = title_idx + 1
        if j < n and kinds[j] == BODY:
            deck = plain(j)
            if _is_short(deck) and _words(deck) > 12 and not _TERMINAL.search(deck):
                kinds[j] = STANDFIRST
        elif j < n and kinds[j] == HEADING and _TERMINAL.search(plain(j)) and _words(plain(j)) >= 8:
            kinds[j] = STANDFIRST
        # An italic paragraph right after the title (and its date lines) is a standfirst too.
        j = title_idx + 1
        while j < n and kinds[j] in (DATE, BYLINE, CAPTION, FURNITURE, PUBLISHER):
            j += 1
        if j < n and kinds[j] == BODY and re.match(r"^[*_](?![*_\s])", text[blocks[j].start : blocks[j].end]):
            kinds[j] = STANDFIRST
    # A short unpunctuated line right above a bare credit line is the photo's caption ("A nurse
    # prepares a dose ... in Dublin" then "Image source, Getty Images").
    for i in range(n - 1):
        plain = _strip_md(text[blocks[i].start : blocks[i].end])
        credit = _strip_md(text[blocks[i + 1].start : blocks[i + 1].end])
        if kinds[i] == BODY and kinds[i + 1] == CAPTION and _BARE_CREDIT.match(credit) and _is_short(plain) \
                and not _TERMINAL.search(plain):  # fmt: skip
            kinds[i] = CAPTION
    # Short unpunctuated blocks inside the body are sub-headings, not sentences.
    for i, b in enumerate(blocks):
        plain = _strip_md(text[b.start : b.end])
        if kinds[i] == BODY and i > title_idx and _words(plain) <= 12 and not _TERMINAL.search(plain):
            if (i + 1 < n and blank_before[i + 1]) or not hard_wrapped:
                kinds[i] = HEADING
    # A bare name next to the date line, above the first paragraph, is the author's ("Published 3
    # Jun 2024" then "Dilani Jayawardena"): two to four capitalised words, particles allowed.
    first_body = next((i for i in range(n) if kinds[i] == BODY), n)
    for i in range(max(title_idx, 0) + 1, min(first_body, n)):
        plain = _strip_md(text[blocks[i].start : blocks[i].end]).strip()
        beside = {kinds[j] for j in (i - 1, i + 1) if 0 <= j < n}
        if kinds[i] in (HEADING, STANDFIRST) and DATE in beside and _PERSON.match(plain) and BYLINE not in kinds:
            kinds[i] = BYLINE
    for i, b in enumerate(blocks):
        if kinds[i] != b.kind:
            blocks[i] = Block(b.start, b.end, kinds[i])


# "<Name> is a research fellow / professor / the editor of ...": one sentence naming a role.
_AUTHOR_NOTE = re.compile(
    r"^(?:(?:Dr|Prof|Professor)\.?\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}\s+is\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:fellow|professor|lecturer|researcher|director|editor|correspondent|journalist|writer|author|analyst|"
    r"scholar|economist|historian|adviser|advisor|associate|candidate|student|columnist|reporter|commentator|"
    r"contributor)\b[^.!?]*[.!?]?"
    # "... West Asia Program. She previously worked as a hydrologist ...": the note goes on about them.
    r"(?:\s+(?:She|He|They|Her|His|Their|Previously|Before that)\b[^.!?]*[.!?]){0,2}\s*$"
)


def is_author_note(text: str) -> bool:
    """ "Leila Ahmadova is a senior fellow at ...": a paragraph saying who wrote the piece."""
    text = re.sub(r"\bis The\b", "is the", text.strip(" *_"))  # "... is The Ledger's correspondent."
    return bool(_AUTHOR_NOTE.match(text))


_PERSON = re.compile(
    r"^(?:(?:Dr|Prof|Professor|Sir|Dame)\.?\s+)?[A-Z][\w’'.-]+(?:\s+(?:(?:de|da|van|von|der|bin|binti|al|el|la|le)\s+)?[A-Z][\w’'.-]+){1,3}$"
)


def _hard_wrapped(text: str, units: list[tuple[int, int, bool]]) -> bool:
    """True when paragraphs are wrapped at a fixed width (lines joined into paragraphs)."""
    lengths = [e - s for s, e, _ in units]
    if len(lengths) < 6:
        return False
    continued = sum(1 for (_, _, blank) in units[1:] if not blank)
    long = sum(1 for n in lengths if n > 100)
    return continued > 0.3 * len(units) and long < 0.1 * len(units)


_WRAP_MIN, _WRAP_MAX = 40, 100  # the width of a line wrapped by an editor or a mail program
_ITEM = re.compile(r"^\s*(?:[-*+•–]\s|\d{1,2}[.)]\s|>)")


def _wrapped_runs(text: str, units: list[tuple[int, int, bool]], kinds: list[str]) -> list[bool]:
    """For each line: whether it continues the line above in a paragraph wrapped at a fixed width,
    where only some paragraphs are (a page saved with a few paragraphs hard-wrapped): its run of
    body lines has every line but the last 40-100 characters long, one of them breaks off inside
    a sentence, and none is a list item or a quotation mark-up."""
    out = [False] * len(units)
    i = 0
    while i < len(units):
        j = i + 1
        while j < len(units) and not units[j][2] and kinds[j] == kinds[i] == BODY:
            j += 1
        run = units[i:j]
        lines = [text[s:e] for s, e, _ in run]
        if (
            len(run) >= 2
            and all(_WRAP_MIN <= len(x) <= _WRAP_MAX for x in lines[:-1])
            and len(lines[-1]) <= _WRAP_MAX
            and any(not _TERMINAL.search(x) for x in lines[:-1])
            and not any(_ITEM.match(x) for x in lines)
        ):
            for k in range(i + 1, j):
                out[k] = True
        i = j
    return out


def _merge(
    units: list[tuple[int, int, bool]], kinds: list[str], continues: Sequence[bool]
) -> tuple[list[Block], list[bool]]:
    """Join consecutive body lines of one blank-line-separated block where a line ``continues``
    the one above (all of them when the text is hard-wrapped)."""
    blocks: list[Block] = []
    blank_before: list[bool] = []
    for (s, e, blank), kind, wrapped in zip(units, kinds, continues):
        prev = blocks[-1] if blocks else None
        if wrapped and prev is not None and not blank and kind == prev.kind == BODY:
            blocks[-1] = Block(prev.start, e, kind)
        else:
            blocks.append(Block(s, e, kind))
            blank_before.append(blank)
    return blocks, blank_before


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).split()).lower()


_QUOTES = re.compile(r"[\"“”„«»]")


def _mark_pullquotes(text: str, blocks: list[Block]) -> list[Block]:
    """A body paragraph repeated inside another (longer or earlier) one is a pull quote."""
    # Compared without Markdown marks and quotation marks: '> "We needed trees ..., fast."' quotes
    # the end of '... last year alone. We needed trees ..., fast."' in the body.
    body = [
        (i, _QUOTES.sub("", _norm(_strip_md(text[b.start : b.end])))) for i, b in enumerate(blocks) if b.kind == BODY
    ]
    out = list(blocks)
    for i, ni in body:
        if len(ni) < 40:
            continue
        for j, nj in body:
            if i == j:
                continue
            if (ni in nj and len(nj) > len(ni)) or (ni == nj and j < i):
                out[i] = Block(blocks[i].start, blocks[i].end, PULLQUOTE)
                break
    return out


# ---------------------------------------------------------------- entry points


_COPYRIGHT = re.compile(
    r"^(?:©|\([cC]\)|(?i:copyright\b))\s*©?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s+)?"
    r"(?P<name>[A-Z][\w’'&-]*(?:\s+(?:of|the|and|&|for|on|[A-Z][\w’'&.-]*))*)"
    r"\s*(?:[.|,·]\s*(?:(?i:all rights reserved)\.?|.*\|.*)?|\s(?i:all rights reserved)\.?)?\s*$"
)
_CORPORATE = re.compile(
    r"\s+(?:Ltd|Limited|Inc|LLC|plc|Pty|GmbH|Co|Corp|B\.V|N\.V|AG|SA)\.?(?:\s+(?:Ltd|Limited)\.?)?$"
)


def read_text(text: str, name: str = "", max_chars: int = 1_000_000) -> Article:
    """An Article from text already decoded (HTML is converted to its visible text first)."""
    if not isinstance(text, str):
        raise ArticleError("The article must be text.")
    check_text(text, max_chars)
    site, captions = "", ()
    if looks_like_html(text):
        text, site, captions = _html_page(text)
        check_text(text, max_chars)
    blocks, meta = segment_blocks(text)
    if captions:
        # A <figcaption> is a caption whatever its words ("Swimmers on the quay. Photo: Agency").
        said = [_norm(c) for c in captions]
        for i, b in enumerate(blocks):
            if b.kind in (BODY, STANDFIRST) and any(_norm(text[b.start : b.end]) in c for c in said):
                blocks[i] = Block(b.start, b.end, CAPTION)
    if site and not meta["publisher"]:
        # The site named in the page's <title>, where the page shows it as a line of its own.
        for i, b in enumerate(blocks):
            if _norm(text[b.start : b.end]) == _norm(site) and b.kind in (BODY, FURNITURE, STANDFIRST, HEADING):
                blocks[i] = Block(b.start, b.end, PUBLISHER)
                meta["publisher"] = site
                break
    if not meta["publisher"]:
        # No publisher line: the copyright line closing the page ("© 2025 The Meridian Post Ltd.
        # All rights reserved.") names who publishes; it becomes the publisher line.
        for i in range(len(blocks) - 1, max(-1, len(blocks) - 12), -1):
            b = blocks[i]
            m = _COPYRIGHT.match(_strip_md(text[b.start : b.end]))
            if b.kind == FURNITURE and m:
                blocks[i] = Block(b.start, b.end, PUBLISHER)
                meta["publisher"] = _CORPORATE.sub("", m.group("name")).strip(" .,")
                break
    if not any(b.kind == BODY for b in blocks):
        # Nothing looked like body prose (e.g. a single short line): treat every block as body.
        blocks = [Block(b.start, b.end, BODY) if b.kind in (HEADING, TITLE, FURNITURE) else b for b in blocks]
        meta["title"] = ""
    if not any(b.kind == BODY for b in blocks):
        raise ArticleError("No paragraphs of prose were found in the article.")
    return Article(text=text, blocks=tuple(blocks), name=name, **meta)


def read_file(path: str | Path, max_chars: int = 1_000_000) -> Article:
    """An Article from a .txt/.md/.html file (decoding detected; offsets refer to Article.text)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"No article file at {p}. Check the path.") from None
    except OSError as exc:
        raise ArticleError(f"Cannot read {p}: {exc.strerror or exc}.") from None
    if len(data) > 4 * max_chars:
        raise ArticleError(f"The file is too large ({len(data):,} bytes; the limit is {max_chars:,} characters).")
    return read_text(decode(data), name=p.name, max_chars=max_chars)
