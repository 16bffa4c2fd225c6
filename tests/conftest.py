"""Shared fixtures: the real model, real FAISS, the bundled article and two fixture articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot import ArticleBot  # noqa: E402
from index import BUNDLED_ARTICLE  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
SECOND_ARTICLE = FIXTURES / "second_article.md"
THIRD_ARTICLE = FIXTURES / "third_article.txt"  # same page format as the bundled one, other content
FOURTH_ARTICLE = FIXTURES / "fourth_article.html"  # a news page saved as HTML
FIFTH_ARTICLE = FIXTURES / "fifth_article.md"  # Markdown with sub-headings and a bulleted list
SIXTH_ARTICLE = FIXTURES / "sixth_article.txt"  # a wire story: section label, dateline, credit line
SEVENTH_ARTICLE = FIXTURES / "seventh_article.txt"  # a blog post: "Posted on <date> by <name>", tags
EIGHTH_ARTICLE = FIXTURES / "eighth_article.md"  # an interview: bold questions, answers after them
NINTH_ARTICLE = FIXTURES / "ninth_article.md"  # Markdown with a breadcrumb and a table
TENTH_ARTICLE = FIXTURES / "tenth_article.txt"  # the bundled article's page format, another topic
ELEVENTH_ARTICLE = FIXTURES / "eleventh_article.txt"  # the same format again
TWELFTH_ARTICLE = FIXTURES / "twelfth_article.txt"  # the same format again
THIRTEENTH_ARTICLE = FIXTURES / "thirteenth_article.txt"  # a news site's page copied as text
FOURTEENTH_ARTICLE = FIXTURES / "fourteenth_article.md"  # an explainer whose sub-headings are questions
FIFTEENTH_ARTICLE = FIXTURES / "fifteenth_article.txt"  # the bundled article's page format, another topic
SIXTEENTH_ARTICLE = FIXTURES / "sixteenth_article.html"  # an HTML opinion page with an author bio
SEVENTEENTH_ARTICLE = FIXTURES / "seventeenth_article.txt"  # the bundled article's page format, another topic
EIGHTEENTH_ARTICLE = FIXTURES / "eighteenth_article.txt"  # a press release
NINETEENTH_ARTICLE = FIXTURES / "nineteenth_article.txt"  # the bundled article's page format
TWENTIETH_ARTICLE = FIXTURES / "twentieth_article.txt"  # the bundled article's page format, longer
TWENTY_FIRST_ARTICLE = FIXTURES / "twentyfirst_article.html"  # a news page: cookie banner, figcaption, sign-up box
TWENTY_SECOND_ARTICLE = FIXTURES / "twentysecond_article.txt"  # a busy news page pasted as text
TWENTY_THIRD_ARTICLE = FIXTURES / "twentythird_article.txt"  # the bundled article's page format, options argued
TWENTY_FOURTH_ARTICLE = FIXTURES / "twentyfourth_article.txt"  # the bundled article's page format
TWENTY_FIFTH_ARTICLE = FIXTURES / "twentyfifth_article.md"  # a Markdown feature: list, pull quote, bio
TWENTY_SIXTH_ARTICLE = FIXTURES / "twentysixth_article.txt"  # the bundled article's page format
TWENTY_SEVENTH_ARTICLE = FIXTURES / "twentyseventh_article.txt"  # a wire story
TWENTY_EIGHTH_ARTICLE = FIXTURES / "twentyeighth_article.txt"  # the bundled article's page format, written last
THIRTIETH_ARTICLE = FIXTURES / "thirtieth_article.txt"
THIRTY_FIRST_ARTICLE = FIXTURES / "thirtyfirst_article.txt"
THIRTY_THIRD_ARTICLE = FIXTURES / "thirtythird_article.txt"  # the bundled article's page format
THIRTY_FIFTH_ARTICLE = FIXTURES / "thirtyfifth_article.txt"  # the bundled article's page format
THIRTY_SEVENTH_ARTICLE = FIXTURES / "thirtyseventh_article.txt"  # the bundled article's page format
THIRTY_EIGHTH_ARTICLE = FIXTURES / "thirtyeighth_article.txt"  # a wire story
THIRTY_NINTH_ARTICLE = FIXTURES / "thirtyninth_article.txt"  # the bundled article's page format
FORTIETH_ARTICLE = FIXTURES / "fortieth_article.txt"  # a think-tank commentary: byline, headings, bullets
FORTY_FIRST_ARTICLE = FIXTURES / "fortyfirst_article.txt"  # the bundled article's page format
FORTY_THIRD_ARTICLE = FIXTURES / "fortythird_article.txt"  # a local-news page: site name, breadcrumb, quotes
FORTY_FOURTH_ARTICLE = FIXTURES / "fortyfourth_article.txt"  # a wire page: summary bullets, file photo, standards
FORTY_FIFTH_ARTICLE = FIXTURES / "fortyfifth_article.md"  # a magazine feature: links, pull quote, newsletter box
FORTY_SIXTH_ARTICLE = FIXTURES / "fortysixth_article.txt"  # a think-tank brief: named banner, date line, tags
FORTY_SEVENTH_ARTICLE = FIXTURES / "fortyseventh_article.html"  # an HTML city-hall story: "Coun." titles, a vote
FORTY_EIGHTH_ARTICLE = FIXTURES / "fortyeighth_article.txt"  # a court story: site bar with a slogan, © line
FORTY_NINTH_ARTICLE = FIXTURES / "fortyninth_article.md"  # a health brief: "approx.", bold list labels
FIFTIETH_ARTICLE = FIXTURES / "fiftieth_article.html"  # a think-tank HTML page: "Lt. Gen.", pull quote, aside
FIFTY_FIRST_ARTICLE = FIXTURES / "fiftyfirst_article.txt"  # a blog analysis pasted: "5 min read", tags, bio
FIFTY_SECOND_ARTICLE = FIXTURES / "fiftysecond_article.md"  # a Markdown explainer: question headings, a table
FIFTY_THIRD_ARTICLE = FIXTURES / "fiftythird_article.txt"  # a wire story: label and timestamp above the headline
FIFTY_FOURTH_ARTICLE = FIXTURES / "fiftyfourth_article.txt"  # the bundled article's page format, a new topic
FIFTY_FIFTH_ARTICLE = FIXTURES / "fiftyfifth_article.html"  # an HTML page of <div>s: no <h1>, no <p>
FIFTY_SEVENTH_ARTICLE = FIXTURES / "fiftyseventh_article.md"  # a Markdown long read: "## " subtitle, footnotes
FIFTY_NINTH_ARTICLE = FIXTURES / "fiftyninth_article.html"  # an HTML health story: "Read more:" link mid-body
SIXTIETH_ARTICLE = FIXTURES / "sixtieth_article.md"  # Markdown, some paragraphs hard-wrapped, home link atop
SIXTY_FIRST_ARTICLE = FIXTURES / "sixtyfirst_article.txt"  # a newspaper page: "Name, Sports Correspondent"
SIXTY_SECOND_ARTICLE = FIXTURES / "sixtysecond_article.txt"  # the bundled article's page format
FIFTY_SIXTH_ARTICLE = FIXTURES / "fiftysixth_article.txt"  # the bundled article's page format: "Four things stand out."
THIRTY_SECOND_ARTICLE = FIXTURES / "thirtysecond_article.txt"  # a local-news page pasted with its clutter
THIRTY_FOURTH_ARTICLE = FIXTURES / "thirtyfourth_article.html"  # a news page saved as HTML


# Texts that have broken encoders: other scripts with a NUL, a lone surrogate, one past the
# model's 256-token limit.
AWKWARD_TEXTS = [
    "Ünïcödé — 日本語のテキスト, русский текст, العربية, 🙂 and a NUL\x00 byte",
    "lone surrogate \ud800 here",
    " ".join(["a long text past the 256-token limit of the model"] * 60),
]


@pytest.fixture
def fresh_encoders():
    """Whatever a test did to the encoder choice, the next test chooses again."""
    from index import embed

    yield
    embed.reset()


@pytest.fixture(scope="session")
def bot() -> ArticleBot:
    return ArticleBot.default()


def _bot_for(path: Path):
    """A session-wide bot over one fixture article (built once, on first use)."""

    @pytest.fixture(scope="session")
    def fixture() -> ArticleBot:
        return ArticleBot.from_file(path)

    return fixture


second_bot = _bot_for(SECOND_ARTICLE)
third_bot = _bot_for(THIRD_ARTICLE)
fourth_bot = _bot_for(FOURTH_ARTICLE)
fifth_bot = _bot_for(FIFTH_ARTICLE)
sixth_bot = _bot_for(SIXTH_ARTICLE)
seventh_bot = _bot_for(SEVENTH_ARTICLE)
eighth_bot = _bot_for(EIGHTH_ARTICLE)
tenth_bot = _bot_for(TENTH_ARTICLE)
eleventh_bot = _bot_for(ELEVENTH_ARTICLE)
twelfth_bot = _bot_for(TWELFTH_ARTICLE)
thirteenth_bot = _bot_for(THIRTEENTH_ARTICLE)
fourteenth_bot = _bot_for(FOURTEENTH_ARTICLE)
fifteenth_bot = _bot_for(FIFTEENTH_ARTICLE)
sixteenth_bot = _bot_for(SIXTEENTH_ARTICLE)
seventeenth_bot = _bot_for(SEVENTEENTH_ARTICLE)
eighteenth_bot = _bot_for(EIGHTEENTH_ARTICLE)
nineteenth_bot = _bot_for(NINETEENTH_ARTICLE)
twentieth_bot = _bot_for(TWENTIETH_ARTICLE)
twenty_first_bot = _bot_for(TWENTY_FIRST_ARTICLE)
twenty_second_bot = _bot_for(TWENTY_SECOND_ARTICLE)
twenty_third_bot = _bot_for(TWENTY_THIRD_ARTICLE)
twenty_fourth_bot = _bot_for(TWENTY_FOURTH_ARTICLE)
twenty_fifth_bot = _bot_for(TWENTY_FIFTH_ARTICLE)
twenty_sixth_bot = _bot_for(TWENTY_SIXTH_ARTICLE)
twenty_seventh_bot = _bot_for(TWENTY_SEVENTH_ARTICLE)
twenty_eighth_bot = _bot_for(TWENTY_EIGHTH_ARTICLE)
thirtieth_bot = _bot_for(THIRTIETH_ARTICLE)
thirty_first_bot = _bot_for(THIRTY_FIRST_ARTICLE)
thirty_second_bot = _bot_for(THIRTY_SECOND_ARTICLE)
thirty_third_bot = _bot_for(THIRTY_THIRD_ARTICLE)
thirty_fourth_bot = _bot_for(THIRTY_FOURTH_ARTICLE)
thirty_fifth_bot = _bot_for(THIRTY_FIFTH_ARTICLE)
thirty_seventh_bot = _bot_for(THIRTY_SEVENTH_ARTICLE)
thirty_eighth_bot = _bot_for(THIRTY_EIGHTH_ARTICLE)
thirty_ninth_bot = _bot_for(THIRTY_NINTH_ARTICLE)
fortieth_bot = _bot_for(FORTIETH_ARTICLE)
forty_first_bot = _bot_for(FORTY_FIRST_ARTICLE)
forty_third_bot = _bot_for(FORTY_THIRD_ARTICLE)
forty_fourth_bot = _bot_for(FORTY_FOURTH_ARTICLE)
forty_fifth_bot = _bot_for(FORTY_FIFTH_ARTICLE)
forty_sixth_bot = _bot_for(FORTY_SIXTH_ARTICLE)
forty_seventh_bot = _bot_for(FORTY_SEVENTH_ARTICLE)
forty_eighth_bot = _bot_for(FORTY_EIGHTH_ARTICLE)
forty_ninth_bot = _bot_for(FORTY_NINTH_ARTICLE)
fiftieth_bot = _bot_for(FIFTIETH_ARTICLE)
fifty_first_bot = _bot_for(FIFTY_FIRST_ARTICLE)
fifty_second_bot = _bot_for(FIFTY_SECOND_ARTICLE)
fifty_third_bot = _bot_for(FIFTY_THIRD_ARTICLE)
fifty_fourth_bot = _bot_for(FIFTY_FOURTH_ARTICLE)
fifty_fifth_bot = _bot_for(FIFTY_FIFTH_ARTICLE)
fifty_sixth_bot = _bot_for(FIFTY_SIXTH_ARTICLE)
fifty_seventh_bot = _bot_for(FIFTY_SEVENTH_ARTICLE)
fifty_ninth_bot = _bot_for(FIFTY_NINTH_ARTICLE)
sixtieth_bot = _bot_for(SIXTIETH_ARTICLE)
sixty_second_bot = _bot_for(SIXTY_SECOND_ARTICLE)


@pytest.fixture(scope="session")
def bundled_text() -> str:
    return BUNDLED_ARTICLE.read_text(encoding="utf-8")
