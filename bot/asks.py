"""What a question asks: its type (time, number, name, why, said, kind or other), the kind of thing,
attribute or speaker it names, and whether it is broad.

The type decides the answer-ness cue that ranking (``bot.rank``) looks for: a date for "when", a
number for "how many", a name not in the question for "who"/"where", a reason marker for "why", a
quote or reporting verb for "what did X say". A broad question ("What does X want?", "Why ...?")
may be answered by up to 3 sentences (``bot.choose``).
Limits: English cues (patterns over the question's wording); a question that matches none is "other".
"""

from __future__ import annotations

import re

from bot.text import _one_edit, content_words, terms

_ANAPHOR = re.compile(
    r"^(?:this|that|these|those|it|they|such|he|she|his|her|its|their|there|then|so|but|yet|and|"
    r"both|the latter|the former|as a result|after all|however|instead)\b",
    re.I,
)
_CONTRAST = re.compile(r"^\W*(?:but|yet|however|still|nevertheless|even so)\b", re.I)
_FIRST = re.compile(r"^\W*(?:first(?:ly)?|first of all|for one|to begin with|one reason)\b", re.I)
_REASON = re.compile(
    r"\b(?:because|since|as a result|due to|in order to|so that|so as to|reasons?|therefore|thus|"
    r"after all|catalyst|led to|lead to|means|could be read as|sign|causes?|caused|motives?|motivations?|"
    r"blamed|blames|driven by|owing to|thanks to|stems? from|the result of|the problem is|explains?|explained by|"
    r"(?:the|its|their|his|her) (?:aim|goal|purpose|rationale|logic) (?:is|was)|in a bid to|"
    # "..., citing weaker tax collections", "Investors cite the same worry: ..."
    r"cite|cites|cited|citing|"
    # "The remaining emissions come mostly from a backup generator", "calculating that an empty chair ..."
    r"comes?\s+(?:mostly\s+|largely\s+|mainly\s+|partly\s+)?from|given that|on the grounds that|for fear|"
    r"calculating that|arguing that|"
    # "remains stalled by a long-running dispute", "prompted by", "fuelled by"; "she was swayed by"
    r"(?:stalled|blocked|delayed|hampered|held up|prompted|triggered|fuell?ed|spurred|forced|"
    r"swayed|persuaded|convinced|motivated|won over)(?:\s+[\w’'-]+){0,2}?\s+by|"
    # "... might have persuaded Kim that reform needn't mean giving up control": what persuaded
    r"(?:persuaded|convinced)(?=\s+(?:[\w’'-]+\s+){1,3}?that\b))\b",
    re.I,
)
# The auxiliaries that open a yes/no question or end a noun phrase ("Which company *is* ...").
_AUX = "is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|must"
# A point in time ("How long?" is not one): "when", "what year", "on which exact date", "what deadline".
_WHEN = r"\bwhen\b|\bwhat (?:year|date|month|day|time|deadline)\b|\bwhich (?:(?:exact|precise|specific) )?(?:year|date|month|day)\b|\bwhat (?:exact|precise|specific) (?:year|date|month|day)\b"
# "How long has he ...?" asks a duration; "How long is the line?" a length (a number).
# ... nor is "How long would the sea wall be?"
_LONG_BE = r"\bhow long\s+(?:is|are|was|were|will be|would|will|could|might)\b(?:\s+[\w’'–-]+){0,5}?\s+be\s*\??\s*$"
_TIME_Q = re.compile(
    rf"{_WHEN}|\bhow long\b(?!\s+(?:is|are|was|were|will be)\b)(?!.*\bbe\s*\??\s*$)|\bsince when\b", re.I
)
_NUMBER_Q = re.compile(
    r"\bhow (?:many|much|often|far|fast|big|large|old|heavy|tall|deep|wide|high|long(?=\s+(?:is|are|was|were|will be)\b))\b|"
    rf"{_LONG_BE}|"
    r"^\W*what\s+(?:will|would|does|do|did|could|might|can)\s+(?:\S+\s+){1,8}?cost\W*$|"  # "What does a ticket cost?"
    r"^\W*what\s+(?:is|was|are|were|will be|would be)\s+.*\bworth\b|"  # "What is the catch worth once landed?"
    # "What is the population of ...": a quantity noun as what is asked for
    r"^\W*(?:what|which)(?:'s| is| was| are| were)?(?: the| its| their| his| her)?(?: [\w-]+(?: [\w-]+)?'s)?(?: total| average| annual| current| final| latest| estimated| expected| overall)? "
    r"(?:number|percentage|share|amount|size|population|cost|price|budget|gdp|rate|age|height|length|distance|area|"
    r"total|value|salary|income|revenue|death toll|turnout|margin|score|capacity|speed|weight|price tag|"
    r"(?:vote|head|body) count|tally)\b|"
    # "Where was the rate at its peak?": a level, not a place
    r"^\W*where (?:is|was|are|were|will|did|does|do|has|had)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:rate|rates|price|prices|level|index|inflation|unemployment|figure|yield|currency|shilling|dollar|"
    r"euro|pound|rupee|yen|market|stocks?|shares|balance|deficit|debt)\b",
    re.I,
)
# "Which country ...?" asks for a name, like "who" and "where".
_WHICH_NAME = re.compile(
    r"\bwhich (?:person|leader|official|country|countries|city|cities|place|organi[sz]ation|company|companies)\b", re.I
)
_NAME_Q = re.compile(rf"^\W*(?:who|whom|whose|where)\b|\b(?:who|whom|whose|where)\b|{_WHICH_NAME.pattern}|"
                     r"^\W*what(?:'s|’s|\s+is|\s+was|\s+were|\s+are)\s+the\s+names?\s+of\b", re.I)  # fmt: skip
# "What did the mayor say about people who have no garden?": a "who" after another question word
# opens a relative clause; the question is the first word's.
_OTHER_WH_FIRST = re.compile(
    r"^\W*(?:(?:and|so|but|then|ok|okay)\W+)?(?:what|how|why|when|which|is|are|was|were|do|does|did)\b", re.I
)
_WHY_Q = re.compile(r"\bwhy\b|\bwhat (?:is|was) the reason\b|\bhow come\b", re.I)
# ("What exactly did Xi say ...?": the adverb only insists)
_INSIST = r"(?:(?:exactly|precisely|really|actually) )?"
_SAID_Q = re.compile(
    rf"^\W*what {_INSIST}(?:did|does|do|has|have|had|was|were|is)\b.*\b(?:say|said|tell|told|write|wrote|argue|claim|"
    r"remark|declare|announce|think|mean)\b",
    re.I,
)
_REPORTED = re.compile(
    # a quotation of four words or more, or one running over the sentence's edge (not scare quotes:
    # a “grand bargain”); an introduction ending in ":"
    r"[“\"](?:[^”\"\s]+\s+){3,}[^”\"]*[”\"]|^[^“”\"]*[”\"]|[“\"][^”\"]*$|:\s*$|"
    # a reporting verb, not a participle used as an adjective ("its stated intention", "the announced plan")
    r"(?<!\bits )(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\ba )"
    r"\b(?:said|says|told|wrote|writes|argued|argues|claimed|remarked|noted|declared|announced|"
    r"stated|added|insisted|warned|called|complained|complains|admits|admitted|described|explained|observed|"
    r"stressed|acknowledged|conceded|predicted|recalled|replied|responded|urged|commented|cautioned|"
    r"maintained|contended|emphasi[sz]ed|put it|reported|reports|revealed|disclosed|confirmed|"
    # (the present tense of the same verbs, but not those that are also nouns: "states", "claims", "notes")
    r"insists|warns|adds|stresses|explains|predicts|concedes|acknowledges|maintains|contends|observes|"
    r"recalls|replies|responds|urges|cautions|declares|announces|remarks|emphasi[sz]es)\b|\baccording to\b"
    # the present tense after a plural subject: "communities say", "they warn" (not "too soon to say")
    r"|\b(?:they|we|\w+s)\s+(?:say|tell|argue|claim|warn|insist|complain|admit)\b",
    re.I,
)
_OWN_VERB = re.compile(r"\b(announce|declare|claim|argue|write|remark|warn|promise|pledge|propose|insist)\b", re.I)
_YES_NO_Q = re.compile(rf"^\W*(?:{_AUX})\b", re.I)
_BROAD_Q = re.compile(r"^\W*(?:what|how)\b.*\b(?:want|wants|need|needs|leverage|options?|strategy|signs?|"
                      r"goals?|tactics?|desires?|benefits?|drawbacks?|risks?|happen|conditions?)\b|"
                      r"^\W*(?:describe|explain|summari[sz]e|list)\b", re.I)  # fmt: skip


_FACT_TYPES = ("time", "number", "name")
# ("How much paid holiday do drivers get?": "paid" right after "how much" describes the thing asked)
_COST_Q = re.compile(r"^\W*how much\b(?!\s+paid\s+(?!for\b|out\b|to\b|by\b)[a-z])(?:\s+[\w’'–-]+){0,8}?\s+(?:cost|costs|spend|spent|pay|paid|charge|charged|"
                     r"invest|invested|raise|raised|borrow|borrowed|lend|lent|earn|earned|owe|owed|donate|donated|"
                     r"contribute|contributed|give|gave|given|pledge|pledged|commit|committed|receive|received)\b|"
                     r"\bhow much (?:money|investment|funding|aid|cash|compensation|financing|assistance)\b|"
                     # "What is Tavalesi's GDP in dollars?": a sum, not a share
                     r"\bin (?:(?:us|u\.s\.|australian|american)\s+)?(?:dollars|euros|pounds|yen|yuan|rupees)\W*$|"
                     r"^\W*how much (?:is|are|was|were|will be)\b(?:\s+[\w’'–-]+){0,4}?\s+"
                     r"(?:bills?|tickets?|fares?|fees?|fines?|penalt(?:y|ies)|prices?|rents?|salar(?:y|ies)|wages?|"
                     r"taxe?s?|subsid(?:y|ies)|grants?|tolls?)\b|"
                     # "What will a fare on the new line cost?"
                     r"^\W*what\s+(?:will|would|does|do|did|could|might|can)\s+(?:\S+\s+){1,8}?cost\W*$", re.I)  # fmt: skip
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
# "How much did his costs go up?": a change in the costs (a share, perhaps), not a sum of money.
_COST_CHANGE = re.compile(
    r"\bcosts?\s+(?:go|goes|gone|went|rise|rises|risen|rose|fall|falls|fell|fallen|drop|dropped|jump|jumped|"
    r"climb|climbed|increase|increased|decrease|decreased|grow|grew|change|changed)\b",
    re.I,
)
_EXACT_DATE_Q = re.compile(r"\b(?:exact|precise|specific)\s+(?:date|day)\b|\bwhat day\b|\bon what date\b", re.I)
_DATE_Q = re.compile(r"\b(?:what|which)\s+(?:date|day)\b", re.I)
# "How long has he held that job?" (not "How long ago ...?", "How long is the canal?": a length)
_HOW_LONG_Q = re.compile(r"\bhow\s+long\b(?!\s+ago\b)", re.I)
_CLOCK_Q = re.compile(r"\bwhat time\b(?!\s+of\s+(?:the\s+)?(?:year|day|month|week))|\bat what hour\b", re.I)
_MEASURE_Q = re.compile(r"\bhow (heavy|tall|deep|wide|high|long)\b", re.I)
_MEASURED = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?)"
_WEIGHT = re.compile(rf"{_MEASURED}\s*(?:kg|kilo(?:gram)?s?|tonnes?|tons?|pounds|lbs?|grams?)\b", re.I)
_LENGTH = re.compile(rf"{_MEASURED}\s*(?:-|\s)?(?:m|metres?|meters?|km|kilomet(?:re|er)s?|cm|centimet(?:re|er)s?|mm|feet|foot|ft|"
                     r"inch(?:es)?|miles?|yards?|storeys?|stories|floors)\b", re.I)  # fmt: skip


def _measures(question: str, sentence: str) -> bool:
    """A "How long / tall / heavy ...?" question and a sentence giving a length or a weight."""
    return bool(_MEASURE_Q.search(question)) and bool(_LENGTH.search(sentence) or _WEIGHT.search(sentence))


_SIZE_Q = re.compile(r"\bhow (?:big|large|small)\b", re.I)
# "How old is Dr. Farid Osman?": an age ("54-year-old", "aged 54", "Farid Osman, 54,"), a year
# (born, founded, built in) or a span of years ("a century-old treaty"), not "on 15 January".
_AGE_Q = re.compile(r"\bhow old\b|\bwhat age\b|\bwhat (?:is|was) (?:the |his |her |their |its )?age\b", re.I)
_AGE = re.compile(
    r"\b\d{1,3}[- ]years?[- ]old\b|\bturn(?:s|ed|ing)\s+\d{1,3}\b|\baged\s+\d{1,3}\b|\bage\s+(?:of\s+)?\d{1,3}\b|[A-Z][\w’'-]+,\s+\d{1,3},|"
    r"\b(?:1[0-9]|20)\d\d\b|\b(?:centur(?:y|ies)|decades?|years?)[- ]old\b|\b\d[\d,]*\s+years\b|"
    r"\bin (?:his|her|their) (?:early |mid-?|late )?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[2-9]0s)\b"
)
_SPEED_Q = re.compile(r"\bhow fast\b|\bwhat (?:top |average )?speed\b", re.I)
# A speed: "80 km/h", or a distance per unit of time, "25 centimetres a year", "three metres per
# second" (not a frequency: "three trains a week").
_SPEED = re.compile(
    r"\d\s*(?:km/h|kph|mph|knots?)\b|\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)\s*"
    r"(?:(?:centi|milli|kilo)?(?:metre|meter)s?|cm|mm|km|m|miles?|feet|foot|inch(?:es)?|yards?)\s+"
    r"(?:an|per|a|each)\s+(?:second|minute|hour|day|week|month|year|decade)\b",
    re.I,
)
_WHEN_Q = re.compile(_WHEN, re.I)
# "How fast is lending growing?": a rate of change (a share, a number), not a speed
_GROWTH_Q = re.compile(r"\b(?:grow|grows|growing|rise|rises|rising|fall|falls|falling|increas\w*|expand\w*|"
                       r"shrink\w*|declin\w*|climb\w*|spread\w*)\b", re.I)  # fmt: skip
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "finally", "lastly")

# Who does something need not be a name: "the government", "residents", "its chief executive".
_AGENT = re.compile(
    r"\b(?:government|council|ministry|department|agency|authority|board|committee|commission|company|firm|"
    r"operator|union|association|court|police|army|officials?|residents?|farmers?|growers?|critics?|experts?|"
    r"analysts?|voters?|workers?|investors?|citizens?|opponents?|supporters?|activists?|campaigners?|"
    r"ratepayers?|taxpayers?|owners?|managers?|directors?|chief executive|chair(?:man|woman)?|spokes(?:man|woman|person))\b",
    re.I,
)

# "Where ...?" is answered by a place: a capitalised name after a preposition of place or a
# verb of visiting ("at Gull Point", "in Beijing", "visited Singapore"), not any name.
_WHERE_Q = re.compile(r"\bwhere\b", re.I)
_PLACE = re.compile(
    r"\b(?:in|at|near|from|to|into|outside|inside|across|beside|around|off|under|over|along|behind|below|above|"
    r"beneath|between|within|throughout|visit(?:ed|ing|s)?|toured)\s+"
    r"(?:the\s+)?(?:[a-z]+\s+){0,2}?(?:of\s+(?:the\s+)?)?[A-Z]"  # "under the arches of the Carver Street bridge"
)
# The kind of thing asked for: "How many <nuclear warheads> ...", "Which <company> ...".
_ASKED_KIND = re.compile(
    rf"\b(?:how many|which)\s+((?:[\w’'–-]+\s+){{0,2}}?[\w’'–-]+)(?=\s+(?:{_AUX})\b|\s*[?.!]?\s*$)", re.I
)
_SAY = "say|said|tell|told|write|wrote|argue|claim|remark|declare|announce|think|believe|feel"
_SPEAKER = re.compile(rf"^\W*what {_INSIST}(?:did|does|do|has|have|had) (.+?) (?:{_SAY})\b", re.I)
# "What does the article say about ...?" asks for its content, not for reported speech.
_THE_TEXT = re.compile(
    r"^(?:the |this |that )?(?:article|author|writer|piece|text|story|report|analysis|essay|it)$"
    # ... and a document's content, too: "What does Spain's law say?", "What does the report say?"
    r"|(?:^|\s|['’]s\s)(?:laws?|rules?|reports?|study|studies|survey|agreement|treaty|deal|bill|act|"
    r"constitution|ruling|regulations?|guidelines?|statement|documents?|letter|paper|data|figures|"
    r"research|poll|plan|proposal|budget|contract|order|sign|evidence)$",
    re.I,
)


# "What is the population of North Korea?", "What is Kim's favourite movie?", "What language do
# they speak?": the thing asked for is the noun phrase after "what is (the / X's)" or after "what";
# when the article lacks its head noun, not even with a near word, it cannot say.
_STOP_NP = r"(?:of|in|on|at|for|like|about|to|from|with|by|behind|between|among|against|over|under|after|before|during|within|without|across|around|into|through|and|or|is|are|was|were|do|does|did|has|have|had|will|would|can|could)"
_ATTRIBUTE = re.compile(
    r"^\W*what(?:’s|'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+|an?\s+|its\s+|their\s+|his\s+|her\s+)?"
    rf"(?:[\w-]+(?:\s+[\w-]+)?(?:’s|'s)\s+)?((?:(?!{_STOP_NP}\b)[\w-]+\s*){{1,3}})|"
    rf"^\W*what\s+((?:(?!{_STOP_NP}\b)[\w-]+\s+){{1,2}})(?:do|does|did|will|would|could|might|can|should|must)\b",
    re.I,
)


# "What nickname do policy experts have for North Korea?", "What is the plan called?": the name
# something goes by, which a sentence gives with a naming verb ("policy wonks call the country
# the “impossible state”", "known as gentan").
_NAMING_Q = re.compile(
    r"^\W*what\s+(?:(?:is|was|are|were)\s+(?:the|its|their|his|her)\s+)?(?:nick)?(?:names?|labels?|terms?|monikers?|"
    r"epithets?|titles?)\s+(?:do|does|did|is|are|was|were|has|have)\b|^\W*what\s+(?:is|was|are|were)\b.*\bcalled\W*$",
    re.I,
)
NAMING = re.compile(
    r"\b(?:call|calls|called|calling|dub|dubs|dubbed|nicknamed|labelled|labeled|branded|known\s+as|referred\s+to\s+as)\b",
    re.I,
)


def asks_naming(question: str) -> bool:
    """Whether the question asks what something is called (see ``_NAMING_Q``)."""
    return bool(_NAMING_Q.search(question))


def asked_attribute(question: str) -> str:
    """The words naming what a "What is the <attribute> of X?" / "What <thing> does X ...?" question
    asks for ("population", "favourite movie", "language"), or ""."""
    m = _ATTRIBUTE.search(question)
    found = (m.group(1) or m.group(2) or "").strip() if m else ""
    # "What is Kim's wife called?": the participle naming the question's form is no part of it;
    # nor is the verb of "What's inflation running at?" (no article before it: not "the building").
    found = _CALLED.sub("", found).strip()
    if _PRONOUN_FIRST.match(found):
        return ""  # "What is it allowed to be used for?": a pronoun names no attribute
    if m and m.group(1) and not _DETERMINED.match(question) and len(found.split()) > 1 and found.endswith("ing"):
        found = found.rsplit(None, 1)[0]
    return found


_DETERMINED = re.compile(r"^\W*what(?:’s|'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the|an?|its|their|his|her)\b", re.I)


_PRONOUN_FIRST = re.compile(r"^(?:it|they|he|she|there|we|you|i)\b", re.I)
_CALLED = re.compile(r"\s+(?:called|named|known|titled|like)$", re.I)


def speaker(question: str) -> str:
    """Who a "What did X say?" question asks about ("the governor", "she"), or "" (also for "What
    does the article say ...?", which asks for the article's content)."""
    m = _SPEAKER.search(question)
    if not m or _THE_TEXT.search(m.group(1).strip()) or _misspelt_text(m.group(1)):
        return ""
    # "What did Kim actually say ...?": the adverb is no part of who spoke
    return _SPEAKER_ADVERB.sub("", m.group(1))


_SPEAKER_ADVERB = re.compile(
    r"\s+(?:actually|really|publicly|officially|specifically|exactly|first|also|later|then|ever|once|just|"
    r"originally|previously|recently|initially|finally|ultimately)$",
    re.I,
)
_TEXT_WORDS = ("article", "author", "writer", "piece", "story", "report", "analysis")


def _misspelt_text(who: str) -> bool:
    """ "the athor", "the artcle": the text's own noun, one letter dropped or swapped."""
    ws = who.lower().split()
    if len(ws) > 2 or (len(ws) == 2 and ws[0] not in ("the", "this", "that")):
        return False
    w = ws[-1] if ws else ""
    # one letter added, or (same letters, same length) two neighbours swapped; not one changed
    return len(w) >= 4 and any(
        t != w
        and t[0] == w[0]
        and _one_edit(w, t)
        and (len(t) == len(w) + 1 or (len(t) == len(w) and sorted(t) == sorted(w)))
        for t in _TEXT_WORDS
    )


# "Which company owns ...?": no auxiliary marks where the kind ends, so only the word after "which".
_WHICH_WORD = re.compile(r"^\W*which\s+([\w’'–-]+)\s+[a-z]", re.I)
# "Which construction company built the dam?": two words, then a past-tense verb
_WHICH_TWO = re.compile(
    # (lower-case words only: "Which US official met Ri?" asks for an official, the US one)
    r"^\W*(?i:which)\s+([a-z][\w’'–-]*\s+[a-z][\w’'–-]*)\s+(?:[a-z]+ed|built|made|won|led|ran|sold|bought|paid|"
    r"took|gave|held|wrote|found|began|brought|chose|drew|fought|grew|kept|lost|met|sent|spent|struck|became|hit)\b",
)
_WHICH_Q = re.compile(r"^\W*which\b", re.I)


_HOW_MANY_WORD = re.compile(r"\bhow many\s+([\w’'–-]+)", re.I)
_AUX_AFTER = re.compile(rf"\s+(?:{_AUX})\b", re.I)


# "How many places to swim ...": the kind ends where its modifier begins.
# ("How many passengers a day ...?": a rate's period is no part of the kind)
_KIND_END = re.compile(
    r"\s+(?:to|of|in|on|at|for|from|with|that|who|which|(?:a|an|per|each|every)\s+(?:day|week|month|year|hour|night))\b.*$",
    re.I,
)


_POSSESSIVE_TAIL = re.compile(r"['’]s\b.*$")


def asked_kind(question: str) -> str:
    """The words naming what a "how many" / "which" question asks for ("nuclear warheads"), or ""
    ("How many cyclists live ...?", with no auxiliary to end the phrase: the word after "how many")."""
    m = _ASKED_KIND.search(question)
    if m and (len(m.group(1).split()) <= 2 or _AUX_AFTER.match(question, m.end(1))):
        # "Which country's programme ...?" asks for the country.
        return _POSSESSIVE_TAIL.sub("", _KIND_END.sub("", m.group(1)))
    # No auxiliary ends the phrase and it is long ("Which households benefited most?"): its
    # first word is the kind, the rest is the verb phrase.
    m = _WHICH_TWO.search(question) or _WHICH_WORD.search(question) or _HOW_MANY_WORD.search(question)
    return _POSSESSIVE_TAIL.sub("", m.group(1)) if m else ""


def _kind_terms(kind: str, near_kind: set[str]) -> set[str]:
    """The terms of an asked kind that must be in the article: its head word, and the words before
    it unless the article has a word as near as "nk" is to "korea" ("Which nk economic zones ...?")."""
    ts = terms(kind)
    return set(ts[-1:]) | (set(ts[:-1]) - near_kind - _HOW_MUCH_MORE)


# "How many extra officers ...?", "Which one ...?": words that count or point, not a kind.
_HOW_MUCH_MORE = frozenset(terms("extra additional new total overall"))


def _kind_word(question: str) -> str:
    """The head word of ``asked_kind`` as typed, folded ("warheads"), or ""."""
    words_ = content_words(asked_kind(question))
    return words_[-1] if words_ else ""


# "How many homes were flooded when the river burst its banks?": a "when" that opens a clause of
# a question led by another wh-word says which event, it does not ask a time ("where and when" does).
_SUBORDINATE_WHEN = re.compile(
    r"^\W*(?:(?:and|so|but)\s+)?(?:how|what|who|whom|whose|which|where|why)\b.*?(?<!\band)(?<!\bor)(?<!\bby)\s+when\b",
    re.I,
)


def _asks_time(question: str) -> bool:
    m = _TIME_Q.search(question)
    sub = _SUBORDINATE_WHEN.match(question)
    return bool(m) and not (sub and m.start() >= sub.end() - len("when"))


def question_type(question: str) -> str:
    if _asks_time(question):
        return "time"
    if _NUMBER_Q.search(question):
        return "number"
    if _WHY_Q.search(question):
        return "why"
    if _NAME_Q.search(question) and not (_OTHER_WH_FIRST.match(question) and not _NAME_Q.match(question)
                                         and not _WHICH_NAME.search(question)):  # fmt: skip
        return "name"
    if _SAID_Q.search(question):
        return "said"
    if _WHICH_Q.match(question) and asked_kind(question):
        return "kind"  # "Which industries ...?": a sentence naming industries
    return "other"


def is_broad(question: str) -> bool:
    return bool(_BROAD_Q.search(question)) or question_type(question) == "why"


# "Who is South Korea's president?", "Who was the governor of Jakarta?": the role asked about.
_WHO_ROLE = re.compile(
    r"^\W*who\s+(?:is|was|are|were|will be)\s+(?:the\s+|an?\s+|[\w-]+(?:\s+[\w-]+)?['’]s\s+)"
    r"((?:[\w-]+\s+){0,2}?[\w-]+)\s*(?:\bof\b|\bin\b|\bat\b|\bfor\b|\?|$)",
    re.I,
)


# "What is the name of Drovnia's prime minister?" asks the same
_NAME_OF_ROLE = re.compile(
    r"^\W*what\s+(?:is|was|are|were)\s+the\s+names?\s+of\s+(?:the\s+|an?\s+|[\w-]+(?:\s+[\w-]+)?['’]s\s+)"
    r"((?:[\w-]+\s+){0,2}?[\w-]+)\s*(?:\bof\b|\bin\b|\bat\b|\bfor\b|\?|$)",
    re.I,
)


def asked_role(question: str) -> str:
    """The office a "Who is the <role> (of X)?" question asks the holder of ("prime minister"), or ""."""
    m = _WHO_ROLE.match(question) or _NAME_OF_ROLE.match(question)
    return m.group(1) if m else ""
