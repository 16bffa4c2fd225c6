"""Word-level helpers shared by retrieval and answer selection: tokens, stems, content terms.

Tokens are lowercased, accent-folded words and numbers; possessive "'s" (straight or
curly apostrophe) is dropped; stop words (including question words) are removed and the
rest Snowball-stemmed (PyStemmer), so "announced" matches "announce" and "Korea's" matches
"Korea". Limits: English stop words and stemming only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import Stemmer

STOP = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before being
    below between both but by can could did do does doing don't down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is isn't it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with would
    you your yours yourself yourselves also may might must shall us upon within without yet tell say said
    says according article author piece know let ok okay please thing things way really much many else
    happen happened happens happening occur occurred occurs
    i'm i've i'd i'll you're you've you'd you'll he's he'd he'll she's she'd she'll it's it'd it'll we're
    we've we'd we'll they're they've they'd they'll that's there's here's what's who's where's when's why's
    how's let's isn't aren't wasn't weren't hasn't haven't hadn't doesn't didn't won't wouldn't can't
    cannot couldn't shouldn't mustn't""".split()
)  # fmt: skip

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_stemmer = Stemmer.Stemmer("english")


def fold(s: str) -> str:
    """Lowercase, strip accents, unify apostrophes."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("’", "'").replace("‘", "'").lower()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(s: str) -> list[str]:
    """Folded words, possessives removed, hyphenated words kept whole and also split."""
    out: list[str] = []
    for w in _WORD.findall(fold(s)):
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip("'")
        if not w:
            continue
        out.append(w)
        if "-" in w:
            out.extend(p for p in w.split("-") if p)
    return out


def content_words(s: str) -> list[str]:
    """Folded words that are not stop words, in order (``terms`` before stemming)."""
    return [w for w in words(s) if w not in STOP and (len(w) > 1 or w.isdigit())]


def terms(s: str) -> list[str]:
    """Stemmed content terms (stop words removed), in order, repeats kept (for BM25)."""
    return [stem(w) for w in content_words(s)]


# Nouns that ask about the discussion rather than name a thing ("What is the weakest *part* of the
# system?", "What is the *background* to the talks?", "What *conditions* did it set?"): an article
# answers them in other words. So do the adjectives that rank them ("the *main* risks").
DISCOURSE = frozenset(
    terms(
        """part kind type sort aspect side piece bit element thing point idea theme argument message conclusion
        lesson purpose aim goal significance implication problem issue concern reason cause effect impact outcome
        result role view position stance opinion response reaction difference relationship situation context
        background history story news case plan focus attitude approach strategy policy state status future
        condition requirement term risk danger threat challenge downside drawback benefit advantage disadvantage
        option choice alternative worry criticism objection excuse explanation justification obstacle weakness
        strength consequence main major primary biggest name label nickname title hurdle barrier stake
        complaint warning advice demand request verdict plea prediction forecast assessment comment remark"""
    )
)
# Verbs that ask what the article says in its own words: intent ("What does Koizumi want?": "He
# has said that Japan should ..."), how a thing works, what it caused or stands for, light verbs
# ("What conditions did the bank set?"), verbs of saying ("What did Kim stress?") and the verbs of
# phrasal verbs, whose particle is a stop word ("roll out", "single out", "pull out", "carry out").
GENERIC_VERBS = frozenset(
    terms("want need hope expect plan intend seek try wish aim stand work cause affect change mean "
          "set make take give get put play keep show find learn "
          "say tell argue claim think believe stress emphasise emphasize highlight promise pledge propose suggest "
          "warn insist explain describe "
          "roll single pull turn carry point run")
)  # fmt: skip


@lru_cache(maxsize=65536)
def term_set(s: str) -> frozenset[str]:
    # Cached: ranking asks for the terms of the same article sentences on every question.
    return frozenset(terms(s))


_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)(?:s|'s)?\b")  # also decades: "the 1990s"
# Digits, also with a unit glued on ("$600m", "100C", "30km"; not a decade: "the 1990s" is a time).
_NUMBER = re.compile(
    r"\b\d[\d,.]*(?:\b|(?=(?:bn|[mkbCF]|km|kg|mm|cm|mph|kph|kw|mw|gw)\b))|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|billion|trillion|dozen|half|quarter|percent|twice|double|triple)s?\b|%|\bper cent\b|"
    r"\b(?:a|one|two|three|four)[\s-]+(?:third|fifth|sixth|tenth)s?\b",  # fractions: "a third less"
    re.I,
)
_MONTH = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|"
    r"yesterday|today|last (?:week|month|year)|next (?:week|month|year))\b",
    re.I,
)


_COUNT = r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|several|few|many|hundreds?|thousands?)"
# durations ("nine years", "nearly six hours", "two school years")
_DURATION = re.compile(
    rf"\b{_COUNT}(?:[\s-]+(?:more|full|long|school|calendar|working|financial|academic))?[\s-]+"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))\b",
    re.I,
)
# clock and day-part times ("11:40 p.m.", "that evening", "last autumn", "soon")
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.m\.|\b(?:noon|midnight|morning|afternoon|evening|"
    r"tonight|overnight|decades?|centur(?:y|ies)|spring|summer|autumn|winter|recently|soon|later|earlier|ago)\b",
    re.I,
)
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:[ap]\.?m\b\.?)|\b(?:noon|midday|midnight)\b", re.I)
# a duration that places an event in time: "in nine years", "for the first time in nine years", "two years ago"
_DURATION_AS_TIME = re.compile(
    rf"\b(?:in|after|within|over|since|than|for)\s+(?:the\s+(?:last|past|next|first)\s+)?(?:about\s+|nearly\s+|almost\s+)?"
    rf"{_DURATION.pattern}|{_DURATION.pattern}\s+(?:ago|later|earlier|before|after|on)\b",
    re.I,
)


def has_time_point(s: str) -> bool:
    """What a "when" question asks: a date, year, weekday, clock or day-part time, or a duration
    that places the event ("nine years ago", "in nine years"); not a bare length ("a five-day week")."""
    return bool(_YEAR.search(s) or _MONTH.search(s) or _CLOCK.search(s) or _DURATION_AS_TIME.search(s))


# "21/6/2018", "2018-06-21": a date in figures
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")


def has_calendar_day(s: str) -> bool:
    """A day on the calendar, what "On what exact date ...?" asks: a month or weekday named, or a
    date in figures; not a year alone, nor a duration ("for the first time in nine years")."""
    return bool(_MONTH.search(s) or _NUMERIC_DATE.search(s))


def has_clock_time(s: str) -> bool:
    """A time of day by the clock ("11:40 p.m.", "9am", "noon"), what "At what time ...?" asks."""
    return bool(_CLOCK_TIME.search(s))


def without_years(s: str) -> str:
    """``s`` with its years blanked: "in early 2023" says when, not how big or how many."""
    return _YEAR.sub(" ", s)


def has_date(s: str) -> bool:
    """A year, month or weekday: a time that dates an event ("a year this week", "soon" do not)."""
    return bool(_YEAR.search(s) or _MONTH.search(s))


# "since 1938", "since the 2020 election", "since March": the start of a span
_SINCE_TIME = re.compile(r"\bsince\s+(?:(?:the|early|late|mid)\W+)*(?:1[6-9]\d\d|20\d\d|[A-Z][a-z]+)\b")
_UNCOUNTED_SPAN = re.compile(
    r"\b(?:for|over)\s+(?:years|months|weeks|decades|centuries|ages|a while|a long time)\b", re.I
)


def has_duration(s: str) -> bool:
    """A length of time, what "How long has she been mayor?" asks: "25 years", "a 14-day ...",
    "since 1938", "for decades"; not a point in time ("at the weekend", "in June")."""
    return bool(_DURATION.search(s) or _SINCE_TIME.search(s) or _UNCOUNTED_SPAN.search(s))


def has_time(s: str) -> bool:
    """A date, year, weekday, duration, clock time or season: what a "when"/"how long" question asks."""
    return bool(_YEAR.search(s) or _MONTH.search(s) or _CLOCK.search(s) or _DURATION.search(s))


def has_number(s: str) -> bool:
    return bool(_NUMBER.search(s))


_MONEY = re.compile(
    r"(?:[$£€¥₹]|\b(?:US|A|NZ|C|HK|S)\$)\s?\d|\b\d[\d,.]*\s*(?:million|billion|trillion|bn|m|k)?\s*"
    r"(?:dollars?|pounds?|euros?|yen|yuan|renminbi|rupees?|rupiah|francs?|pesos?|cents?|kroner|krone|kronor|krona|"
    r"rand|lira|liras|baht|ringgit|dong|taka|shillings?|naira|reais|zloty|forint|koruna|dinars?|dirhams?|"
    r"riyals?|rubles?|roubles?|hryvnias?|kyat|riel|tenge|lari|cedis?|birr|kwacha)\b",
    re.I,
)
_NUM_WORD = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?)"
# what a number measures when it is not a count of things: a year, a share, money, a unit
_NOT_COUNT = re.compile(
    r"^(?:1[6-9]\d\d|20\d\d)$|^(?:per|percent|cent)\b|^%|^(?:tonnes?|tons?|kilo(?:metre|meter|gram|watt)s?|km|metres?|meters?|miles?|hectares?|"
    r"(?:centi|milli)(?:metre|meter)s?|cm|mm|inch(?:es)?|feet|foot|yards?|"
    r"acres?|litres?|liters?|gallons?|hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|degrees?|"
    r"megawatts?|mw|kw|kg|grams?|pounds?|dollars?|euros?|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\b",  # "8 December": a date
    re.I,
)


def has_money(s: str) -> bool:
    """An amount of money: "$1.2 billion", "£60,000", "US$4 billion", "18 million pounds"."""
    return bool(_MONEY.search(s))


# A capitalised word (not the sentence's first) or "No." right before the number.
_NAMED_BEFORE = re.compile(r"(?:(?<=\S\s)[A-Z][a-z]+|\bNo\.)\s$")
_LABEL_AFTER = re.compile(r"(?:to|from|bus|buses|route|routes|line|service|tram|train)\b", re.I)


def count_spans(s: str, kind: str = "") -> Iterator[tuple[int, int]]:
    """Where ``s`` has a number counting things (start, end of the number and its multiplier), not
    a year, share, sum of money or measure ("140 farms", "five schools"); a measure counts when it
    is the kind asked for ("How many years ...?": "nine years")."""
    for m in re.finditer(
        rf"(?<![$£€¥₹\w.,]){_NUM_WORD}\b(?:\s+(?:million|billion|thousand|hundred)\b)?(?:\s+(\S+))?", s, re.I
    ):
        # "7 million tonnes": the unit after the multiplier says what is counted
        num, after = m.group(0).split()[0], (m.group(1) or "")
        if _MONEY.match(s, m.start()):
            continue  # "120 million kroner": a sum of money
        if num[0].isdigit() and _NAMED_BEFORE.search(s, 0, m.start()):
            continue  # a number inside a name: "the Shi Yan 6", "Apollo 11", "the No. 3 power station"
        if num[0].isdigit() and _LABEL_AFTER.match(after) and s[max(0, m.start() - 4) : m.start()].lower() == "the ":
            continue  # a route or line by its number: "the 44 to Cold Aston", "the 52 bus"
        if _NOT_COUNT.match(num) or (
            _NOT_COUNT.match(after) and not (kind and after.lower().startswith(kind[:4].lower()))
        ):
            continue
        yield m.start(), m.start(1) if m.group(1) is not None else m.end()


def has_count(s: str, kind: str = "") -> bool:
    """A number counting things (see ``count_spans``)."""
    return any(True for _ in count_spans(s, kind))


# (A quotation opens a sentence too: "“People moved here,” she said." names nobody.)
_CAP = re.compile(r"(?<![.!?]\s)(?<![.!?:]\s[“\"‘])(?<!^[“\"‘])(?<!^)\b[A-Z][\w’'-]+")


@lru_cache(maxsize=65536)
def names(s: str) -> frozenset[str]:
    """Capitalised words not at a sentence start: a cheap stand-in for named entities."""
    return frozenset(stem(w) for w in words(" ".join(_CAP.findall(s))))


# A run of capitalised words, small words allowed inside ("Union Solidarity and Development Party").
_CAP_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|on|for|and|the|de|du|des|la|le|van|von)\s+)?[A-Z][\w’'-]*)+")
_SMALL = frozenset("the of on for and de du des la le van von a an".split())


def acronyms(s: str) -> dict[str, str]:
    """The initials of each capitalised phrase of two words or more in ``s``, folded, and the
    phrase's big words: {"usdp": "Union Solidarity Development Party"}. What a short form a reader
    types may stand for; a guess (the article may use the initials for something else)."""
    out: dict[str, str] = {}
    for m in _CAP_RUN.finditer(s):
        big = [w for w in m.group(0).split() if w.lower() not in _SMALL]
        if len(big) >= 2:
            out.setdefault("".join(w[0] for w in big).lower(), " ".join(big))
    return out


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _deletes(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


_DOUBLED = re.compile(r"(.)\1+")


def _single_letters(term: str) -> str:
    """``term`` with each run of a letter written once: "tariff" and "tarrif" are both "tarif"."""
    return _DOUBLED.sub(r"\1", term)


class Vocabulary:
    """The stemmed terms of an article, with typo-tolerant lookup.

    ``correct("anounc")`` -> "announc": a query term not in the article is mapped to an
    article term one edit away (insert, delete, substitute, via SymSpell-style delete
    neighbourhoods) when the term is long enough for that to be safe (>= 5 letters).
    ``correct_word`` first asks whether the word is a real word (one of ``known``, e.g. the
    encoder's own word list): "reason" is not a typo of the article's "Rason" (but "America"
    still finds "American").
    """

    def __init__(self, vocab: frozenset[str], known: frozenset[str] = frozenset()) -> None:
        self.terms = vocab
        self.known = known
        self._by_delete: dict[str, set[str]] = {}
        self._by_single: dict[str, set[str]] = {}
        for t in vocab:
            self._by_single.setdefault(_single_letters(t), set()).add(t)
            if len(t) >= 4:
                for d in _deletes(t) | {t}:
                    self._by_delete.setdefault(d, set()).add(t)

    def __contains__(self, term: str) -> bool:
        return term in self.terms

    def correct_word(self, word: str) -> str | None:
        """The article term for a folded content word: its stem, or a typo fix unless it is a real word."""
        term = stem(word)
        if term in self.terms:
            return self._longer_spelling(word, term)
        fixed = self.correct(term)
        if fixed is None and word not in self.known:
            fixed = self._correct_spelling(word) or self._correct_doubling(term)
        if fixed is not None and word in self.known and not (fixed.startswith(term) or term.startswith(fixed)):
            return None  # a real word, not a typo; only a word-form variant ("America" ~ "American") maps
        return fixed

    def _correct_spelling(self, word: str) -> str | None:
        """The stem of a word one edit from ``word`` when that stem is the article's: the stemmer
        cuts a misspelling elsewhere than the word ("presdient" stays whole, "president" is
        "presid"), so the edit is looked for in the word as typed, then stemmed. Only for a word of
        six letters or more that is no real word ("pacts" is one edit from "parts"), or of five
        with a letter left out ("peple")."""
        if len(word) < 5 or not word.isalpha():
            return None
        n = len(word)
        # (a five-letter one only with a letter left out: "peple" is "people"; "pacts" stays)
        short = n == 5
        edits = (
            set()
            if short
            else _deletes(word) | {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1)}
        )
        for i in range(n + 1):
            for c in _LETTERS:
                edits.add(word[:i] + c + word[i:])
                if i < n and c != word[i] and not short:
                    edits.add(word[:i] + c + word[i + 1 :])
        hits = {stem(e) for e in edits} & self.terms
        return min(hits, key=lambda t: (abs(len(t) - len(word)), t)) if hits else None

    def _longer_spelling(self, word: str, term: str) -> str:
        """The article's term, or a longer one a no-real-word is one edit from: the stemmer can cut
        a misspelling to another word's stem ("governer" is "govern", as "government" is; one edit
        away is "governor", the word meant)."""
        if word in self.known:
            return term
        fixed = self._correct_spelling(word)
        return fixed if fixed is not None and len(fixed) > len(term) else term

    def _correct_doubling(self, term: str) -> str | None:
        """The one article term that is ``term`` with letters doubled elsewhere: a doubled letter
        typed single and a single one doubled ("tarrifs" for "tariffs") is two edits, yet the
        commonest of misspellings. Only for a stem of five letters or more that no real word is."""
        hits = self._by_single.get(_single_letters(term), set()) if len(term) >= 5 else set()
        return next(iter(hits)) if len(hits) == 1 else None

    def correct_name(self, word: str, article_names: frozenset[str]) -> str | None:
        """The one name of the article a capitalised four-letter no-real-word is one edit from
        ("Camp Davd": "David"); ``correct`` wants five letters, as among all words four is too few."""
        if len(word) != 4 or not word.isalpha() or word in self.known:
            return None
        hits: set[str] = set(self._by_delete.get(word, ()))
        for d in _deletes(word):
            hits |= self._by_delete.get(d, set()) | ({d} & self.terms)
        hits = {t for t in hits & article_names if _one_edit(word, t)}
        return next(iter(hits)) if len(hits) == 1 else None

    def correct(self, term: str) -> str | None:
        if term in self.terms:
            return term
        if len(term) < 5 or term.isdigit():
            return None
        hits: set[str] = set(self._by_delete.get(term, ()))
        for d in _deletes(term):
            hits |= self._by_delete.get(d, set())
            if d in self.terms:
                hits.add(d)
        hits = {t for t in hits if _one_edit(term, t)}
        if not hits:
            return None
        return min(hits, key=lambda t: (abs(len(t) - len(term)), t))


_STOP_LONG = tuple(sorted(w for w in STOP if len(w) >= 3))


@lru_cache(maxsize=4096)
def is_stop_typo(word: str, known: frozenset[str] = frozenset()) -> bool:
    """A folded word that is not a real word (not in ``known``) and is one edit from a stop word:
    "abut" (about), "wil" (will), "whats" (what) carry no content, so they are not unknown terms."""
    return len(word) >= 3 and word not in known and any(_one_edit(word, w) for w in _STOP_LONG)


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or adjacent swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]
