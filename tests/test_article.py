"""Cleaning: page furniture is separated from body prose by general rules, offsets stay exact."""

from __future__ import annotations

import codecs

import pytest

from index import BUNDLED_ARTICLE, ArticleError, read_file, read_text
from index.article import (
    BODY,
    BYLINE,
    CAPTION,
    DATE,
    FURNITURE,
    HEADING,
    PUBLISHER,
    PULLQUOTE,
    STANDFIRST,
    decode,
    parse_date,
)

from .conftest import (
    EIGHTEENTH_ARTICLE,
    FIFTH_ARTICLE,
    FIFTY_FIFTH_ARTICLE,
    FIFTY_FIRST_ARTICLE,
    FIFTY_NINTH_ARTICLE,
    FIFTY_SEVENTH_ARTICLE,
    FIFTY_THIRD_ARTICLE,
    FORTY_EIGHTH_ARTICLE,
    FORTY_FIFTH_ARTICLE,
    FORTY_FOURTH_ARTICLE,
    FORTY_NINTH_ARTICLE,
    FORTY_SIXTH_ARTICLE,
    FORTY_THIRD_ARTICLE,
    FOURTH_ARTICLE,
    NINTH_ARTICLE,
    SECOND_ARTICLE,
    SIXTH_ARTICLE,
    SIXTIETH_ARTICLE,
    SIXTY_FIRST_ARTICLE,
    THIRD_ARTICLE,
    THIRTEENTH_ARTICLE,
    THIRTY_SEVENTH_ARTICLE,
    TWENTIETH_ARTICLE,
    TWENTY_FIRST_ARTICLE,
    TWENTY_SECOND_ARTICLE,
)  # fmt: skip


def kinds_of(article, needle: str) -> set[str]:
    return {b.kind for b in article.blocks if needle in article.span(b)}


def test_bundled_article_metadata_and_furniture():
    a = read_file(BUNDLED_ARTICLE)
    assert a.title == "What Kim Jong-un really wants hasn’t changed"
    assert a.date == "2018-08-07" and a.date_text == "Published 7 Aug 2018"
    assert a.publisher == "Lowy Institute"
    # banner, caption (twice), closing "You may also be interested in": none of it is body
    assert BODY not in kinds_of(a, "Published daily by")
    assert kinds_of(a, "(Photo: White House)") <= {CAPTION, "furniture"}
    assert BODY not in kinds_of(a, "You may also be interested")
    # the pull quote repeats a later paragraph: only the later one is body
    assert kinds_of(a, "The ultimate question is whether Kim") == {PULLQUOTE, BODY}
    assert len(a.paragraphs) == 17
    assert a.span(a.paragraphs[0]).startswith("The\xa0news\xa0that US and North Korean generals")
    assert a.span(a.paragraphs[-1]).endswith("the “impossible state”.")
    assert a.text == BUNDLED_ARTICLE.read_text(encoding="utf-8")  # untouched


def test_third_article_same_page_format_other_content():
    a = read_file(THIRD_ARTICLE)
    assert a.title == "Why the Pacific fisheries deal matters more than the headlines suggest"
    assert a.date == "2023-03-14" and a.publisher == "Lowy Institute"
    assert kinds_of(a, "(Photo: Ben Carter/Flickr)") <= {CAPTION, "furniture"}
    assert "standfirst" in kinds_of(a, "It is really a test of who the island states trust")
    assert BODY not in kinds_of(a, "You may also be interested")
    assert len(a.paragraphs) == 12
    assert a.span(a.paragraphs[-1]).startswith("The agreement comes into force on 1 July")


def test_html_news_page_headline_site_and_furniture():
    a = read_file(FOURTH_ARTICLE)
    assert a.title == "Rail freight line to reopen after 40 years"  # the <h1>, not "<h1> | site"
    assert a.publisher == "The Valley Courier"  # from the <title>, cited from its own line
    assert a.date == "2024-09-18" and a.byline == "By Tom Hewitt, Transport Reporter"
    assert "publisher" in kinds_of(a, "The Valley Courier")
    for furniture in ("Home | News", "All rights reserved", "dataLayer"):
        assert BODY not in kinds_of(a, furniture), furniture
    assert "Highway crash toll rises" not in a.text  # an <aside> of related links is not read
    assert a.span(a.paragraphs[0]).startswith("A freight railway that closed in 1984")
    assert a.span(a.paragraphs[-1]) == "The first train is scheduled to run on 7 April."


def test_html_boxes_named_by_their_class_and_a_figcaption():
    a = read_file(TWENTY_FIRST_ARTICLE)
    # <div class="cookie-banner">, <div class="newsletter-signup">: not the article's text at all
    assert "We use cookies" not in a.text and "Morning Briefing" not in a.text
    assert a.title.startswith("Vennhoven votes to open Stadsgracht canal")
    # A <figcaption> is a caption, whatever its words; the credit need not be in brackets.
    assert kinds_of(a, "Swimmers at an unofficial spot on the Stadsgracht") == {CAPTION}
    assert a.span(a.paragraphs[0]).startswith("Vennhoven’s city council has voted to allow swimming")
    assert kinds_of(
        read_text("Rain ends drought\n\nA farmer in a field. Photo: Reuters\n\n" + "Rain fell. " * 30), "Photo: Reuters"
    ) == {CAPTION}


def test_a_bare_name_beside_the_date_line_is_the_author():
    a = read_file(TWENTIETH_ARTICLE)
    assert a.byline == "Dilani Jayawardena" and kinds_of(a, "Dilani Jayawardena") == {"byline"}
    assert read_file(BUNDLED_ARTICLE).byline == ""  # no author line there: none is made up


def test_a_busy_news_page_pasted_as_text():
    a = read_file(TWENTY_SECOND_ARTICLE)
    # a menu split by runs of spaces is no headline
    assert a.title == "Ireland launches mass measles vaccine drive as cases climb"
    assert "furniture" in kinds_of(a, "News  Sport  Business")
    # the line above a bare "Image source, ..." credit is the photo's caption
    assert kinds_of(a, "A nurse prepares a dose of the MMR vaccine") == {CAPTION}
    assert kinds_of(a, "Image source, Getty Images") == {CAPTION}
    # "More on this story" closes the article: the links and the bio after it are not prose
    assert BODY not in kinds_of(a, "What are the symptoms of measles?")
    assert a.span(a.paragraphs[0]).startswith("Ireland is to launch a nationwide measles vaccination campaign")


def test_markdown_list_items_are_sentences_without_their_markers():
    from index.sentences import split_sentences

    a = read_file(FIFTH_ARTICLE)
    assert a.title == "Why the city's bats are dying, and what can be done"
    assert a.date == "2025-02-05" and a.byline.startswith("By Priya Nair")
    for furniture in ("Science | Health", "Related:", "Share this article", "© 2025"):
        assert BODY not in kinds_of(a, furniture), furniture
    texts = [s.text for s in split_sentences(a)]
    assert "keeping people out of roosts, because visitors carry fungal spores on their clothes and boots;" in texts
    assert not any(t.startswith(("-", "•")) for t in texts)


def test_wire_story_section_label_and_credit_line():
    a = read_file(SIXTH_ARTICLE)
    assert a.title == "Harbour Foods to cut 800 jobs as it closes two bakeries"  # not "Business News"
    assert a.date == "2024-06-03" and a.byline == "By Lena Fischer"
    assert BODY not in kinds_of(a, "Business News")
    assert BODY not in kinds_of(a, "(Reporting by Lena Fischer; Editing by Sam Holt)")
    assert a.span(a.paragraphs[0]).startswith("MANCHESTER, June 3 - Harbour Foods")
    assert a.span(a.paragraphs[-1]).startswith("Harbour employs about 5,200 people")


def test_news_site_page_skip_link_section_label_and_image_caption():
    a = read_file(THIRTEENTH_ARTICLE)
    # The headline is the longest short line above the byline, not "Skip to content" or "Science".
    assert a.title == "Iceland's carbon-to-stone plant falls short of its first target"
    assert a.date == "2025-03-14" and a.byline == "By Helen Carrow, Science correspondent"
    for furniture in ("Skip to content", "Science", "Home | News | Science | Climate | Technology",
                      "Image caption: The Mammoth plant at Hellisheidi, about 30km east of Reykjavik"):  # fmt: skip
        assert BODY not in kinds_of(a, furniture) and STANDFIRST not in kinds_of(a, furniture), furniture
    assert a.span(a.paragraphs[0]).startswith("A plant in Iceland that pulls carbon dioxide")
    assert "Related Topics" not in a.span(a.paragraphs[-1])


def test_the_headline_stands_below_a_breadcrumb_not_the_site_name_above_it():
    a = read_file(FORTY_THIRD_ARTICLE)
    # "The Wrexford Evening Gazette" (four words, first line) is the site; "News › Transport"
    # is the breadcrumb between it and the headline.
    assert a.title == "Tram extension to Hollins Park delayed until 2028 as costs rise by £46m"
    assert a.date == "2025-11-04" and a.byline == "By Priya Raman, Transport Reporter"
    for furniture in ("The Wrexford Evening Gazette", "News › Transport"):
        assert BODY not in kinds_of(a, furniture) and STANDFIRST not in kinds_of(a, furniture), furniture
    assert a.span(a.paragraphs[0]).startswith("The long-awaited extension of the Wrexford tram network")


def test_the_site_name_above_a_breadcrumb_is_the_publisher():
    assert read_file(FORTY_THIRD_ARTICLE).publisher == "The Wrexford Evening Gazette"
    # A "Skip to content" link above the site's name is not a name; with no breadcrumb, a short
    # capitalised first line stays banner furniture and names nobody.
    page = "Skip to content\n\nNorthgate Daily Post\n\nHome › Business\n\nMill closure leaves town short of jobs\n\n"
    body = "The mill closed on Friday after ninety years. Four hundred people worked there.\n"
    a = read_text(page + body)
    assert a.publisher == "Northgate Daily Post" and kinds_of(a, "Northgate Daily Post") == {PUBLISHER}
    assert a.title == "Mill closure leaves town short of jobs"
    assert read_text(page.replace("Home › Business\n\n", "") + body).publisher == ""


def test_a_banner_naming_its_publisher_after_the_site_name_and_a_published_date_line():
    a = read_file(FORTY_SIXTH_ARTICLE)
    # "The Lantern Brief — Published daily by the Halden Institute ..." is the banner, not the
    # headline; "Published 12 Mar 2024" is the date line, not a publisher called "Mar 2024".
    assert a.publisher == "Halden Institute for International Affairs"
    assert a.title == "The Tavra Dam standoff: can Drovnia and Kessaly share a shrinking river?"
    assert a.date == "2024-03-12" and kinds_of(a, "Published 12 Mar 2024") == {DATE}
    assert a.byline == "By Dr. Anika Rosstrand"
    assert a.span(a.paragraphs[0]).startswith("On 4 March, engineers at the Tavra Dam")
    assert "Tags:" not in a.span(a.paragraphs[-1])
    # The bundled page's banner, without a site name before it, is read as before.
    page = "Published daily by the Lowy Institute\n\nA headline of some words\n\nPublished 7 Aug 2018\n\nBody text. More.\n"
    assert read_text(page).publisher == "Lowy Institute"


def test_a_wire_page_file_photo_and_what_follows_the_reporting_credit_are_furniture():
    a = read_file(FORTY_FOURTH_ARTICLE)
    assert a.title.startswith("Osmeria takes Tarvania to arbitration") and a.byline == "By Leyla Darrow"
    assert kinds_of(a, "FILE PHOTO: Water flows through the spillway") == {CAPTION}
    # "Reporting by ...; Editing by ..." ends the story: the agency's standards line is not prose.
    assert BODY not in kinds_of(a, "Our Standards:")
    last = a.span(a.paragraphs[-1])
    assert last.startswith("Halvorsen, reached by phone in Oslo")


def test_a_magazine_page_links_pull_quote_newsletter_box_and_print_note_are_furniture():
    a = read_file(FORTY_FIFTH_ARTICLE)
    prose = [a.span(p) for p in a.paragraphs]
    assert a.title == "The Town That Planted Its Forest in Clumps"
    # The breadcrumb of links above the title reads "Science › Forests": banner, not prose.
    assert not any(p.startswith("[Science]") for p in prose)
    # The line under the image closes on its credit ("Photograph: Owen Tashiro for Meridian").
    assert kinds_of(a, "plants a cluster of seedlings on the burned slope above") == {CAPTION}
    # '> "We needed trees ..."' repeats the end of the mayor's quote, marks and all.
    assert kinds_of(a, '> "We needed trees in the ground') == {PULLQUOTE}
    assert kinds_of(a, "**Sign up for our newsletter**") == {FURNITURE}
    assert not any("handpicked by our editors" in p for p in prose)
    assert not any("print edition" in p for p in prose)
    assert prose[-1].startswith("Back on the slope, Marsh finishes her cluster")
    # A sentence that merely ends on "sign up" is prose.
    page = (
        "Mill closure leaves town short of jobs\n\nThe mill closed on Friday. Only thirty workers chose to sign up.\n"
    )
    assert len(read_text(page).paragraphs) == 1


def test_an_authors_note_is_the_byline_only_when_there_is_none():
    assert read_file(THIRTY_SEVENTH_ARTICLE).byline.startswith("Tran Minh Chau is a research fellow in the")
    page = "Mill closure leaves town short of jobs\n\nThe mill closed on Friday after ninety years.\n\n"
    noted = read_text(page + "Maria Lopez is a senior lecturer in economics at Leeds.\n")
    assert noted.byline == "Maria Lopez is a senior lecturer in economics at Leeds."
    # A news sentence about somebody's role is no author's note; nor is a note under a byline.
    assert read_text(page + "Maria Lopez is the new mayor of the town.\n").byline == ""
    signed = page.replace("\n\n", "\n\nBy Ann Lee\n\n", 1) + "Maria Lopez is a senior lecturer at Leeds.\n"
    assert read_text(signed).byline == "By Ann Lee"


def test_press_release_headline_deck_dateline_and_boilerplate():
    a = read_file(EIGHTEENTH_ARTICLE)
    # "FOR IMMEDIATE RELEASE" is no headline, and the longer deck under the headline is its standfirst.
    assert a.title == "Harlow Water to replace 12,000 lead pipes by 2030"
    assert BODY not in kinds_of(a, "FOR IMMEDIATE RELEASE")
    assert kinds_of(a, "New programme follows tests that found lead above the legal limit in 340 homes") == {STANDFIRST}
    # No date line: the dateline opening the first paragraph dates the release.
    assert a.date == "2025-05-05" and a.date_text == "5 May 2025"
    assert a.span(a.paragraphs[0]).startswith("HARLOW, 5 May 2025 – Harlow Water said")
    # From "###" on: the company boilerplate and the media contact are not the article.
    assert "Meridian Infrastructure Partners" not in " ".join(a.span(p) for p in a.paragraphs)
    assert a.span(a.paragraphs[-1]).startswith("The Drinking Water Inspectorate")


def test_a_markdown_table_is_not_prose():
    a = read_file(NINTH_ARTICLE)
    assert a.title == "Four-day school week trial ends with mixed results"
    assert a.byline.startswith("By Daniel Osei") and a.date == "2025-03-27"
    for line in ("| School | Change in maths score", "| --- | --- |", "| Oakfield | -4 | -1 |", "Home > Education"):
        assert BODY not in kinds_of(a, line) and HEADING not in kinds_of(a, line), line
    # the prose on either side of the table is body
    assert BODY in kinds_of(a, "The picture on learning was less clear:")
    assert BODY in kinds_of(a, "Scores at Millbank and Oakfield fell in maths")


def test_site_name_from_the_html_title():
    from index.article import site_name

    assert site_name("Rail line to reopen | The Valley Courier", "Rail line to reopen") == "The Valley Courier"
    assert site_name("The Valley Courier - Rail line to reopen", "Rail line to reopen") == "The Valley Courier"
    assert site_name("Rail line to reopen", "Rail line to reopen") == ""
    assert site_name("A | B | C", "A") == ""  # not "headline | site"


def test_second_article_markdown_hard_wrapped():
    a = read_file(SECOND_ARTICLE)
    assert a.title.startswith("Port Alden approves $1.2bn desalination plant")
    assert a.date == "2021-03-03"
    assert a.byline.startswith("By Jane Okafor")
    assert BODY not in kinds_of(a, "Home | World")  # navigation bar
    assert BODY not in kinds_of(a, "Share this article")
    assert BODY not in kinds_of(a, "© 2021")
    assert BODY not in kinds_of(a, "## A costly insurance policy")  # sub-heading
    # hard-wrapped lines are joined into one paragraph each
    first = a.span(a.paragraphs[0])
    assert first.startswith("PORT ALDEN") and "after nearly six hours of public comment." in first
    assert "standfirst" in kinds_of(a, "After two dry winters")


def test_html_article_drops_scripts_and_keeps_paragraphs():
    html = (
        "<html><head><title>Rivers run dry</title><style>p{color:red}</style></head><body>"
        "<nav>Home | News | Sport</nav><h1>Rivers run dry</h1><p>Published 3 March 2021</p>"
        "<p>The river fell to its lowest level in a century. Farmers say crops are failing.</p>"
        "<script>alert('x')</script><p>Officials will meet on Monday to discuss water limits.</p></body></html>"
    )
    a = read_text(html)
    assert a.title == "Rivers run dry"
    assert "alert" not in a.text and "color:red" not in a.text and "<p>" not in a.text
    assert [a.span(b) for b in a.paragraphs] == [
        "The river fell to its lowest level in a century. Farmers say crops are failing.",
        "Officials will meet on Monday to discuss water limits.",
    ]
    assert a.date == "2021-03-03"


@pytest.mark.parametrize(
    "data",
    [
        "Café prices rose — “sharply” — in Zürich.".encode(),
        codecs.BOM_UTF8 + "Café prices rose — “sharply” — in Zürich.".encode(),
        "Café prices rose — “sharply” — in Zürich.".encode("utf-16"),
        "Café prices rose — “sharply” — in Zürich.".encode("utf-16-le"),
        "Café prices rose — “sharply” — in Zürich.".encode("cp1252"),
    ],
)
def test_decode_encodings(data):
    assert decode(data) == "Café prices rose — “sharply” — in Zürich."


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("\x00\x01\x02\x03" * 200, "does not look like text"),
        ("!!! ??? ...", "almost no words"),
        ("x" * 1_000_001, "too long"),
    ],
)
def test_unusable_articles_are_refused_with_a_message(text, message):
    with pytest.raises(ArticleError, match=message):
        read_text(text)


def test_missing_file_message(tmp_path):
    with pytest.raises(ArticleError, match="No article file"):
        read_file(tmp_path / "nope.txt")


@pytest.mark.parametrize(
    "line, iso",
    [("Published 7 Aug 2018", "2018-08-07"), ("By Jane | March 3, 2021", "2021-03-03"),
     ("Updated 2020-02-29", "2020-02-29"), ("No date here", "")],
)  # fmt: skip
def test_parse_date(line, iso):
    assert parse_date(line) == iso


def test_a_site_bar_with_a_slogan_is_furniture_and_the_copyright_line_names_the_publisher():
    a = read_file(FORTY_EIGHTH_ARTICLE)
    # "THE MERIDIAN POST | Calderra’s independent news since 1921 | Home | News | ...": one longer
    # item among the menu's does not make the bar a headline.
    assert a.title == "Zipply drivers are employees, not contractors, National Labour Court rules"
    assert BODY not in kinds_of(a, "THE MERIDIAN POST | Calderra’s independent news since 1921")
    # No publisher line: "© 2025 The Meridian Post Ltd. All rights reserved." says who publishes.
    assert a.publisher == "The Meridian Post"
    b = read_file(FORTY_NINTH_ARTICLE)
    assert b.publisher == "Meridian Institute for Health Policy"  # "© 2025 ... | Privacy | Terms"
    assert not any(b.span(p).startswith("[Meridian Institute") for p in b.paragraphs)  # the Markdown site bar
    # A publisher line above wins over the copyright line.
    page = "Harbour Times\n\nPublished daily by the Harbour Trust\n\nPort reopens after storm\n\n"
    page += "The port reopened on Monday. Ships queued for a day.\n\n© 2024 Coastline Media Ltd. All rights reserved.\n"
    assert read_text(page).publisher == "Harbour Trust"


def test_a_wire_pages_label_and_timestamp_stand_above_its_headline():
    a = read_file(FIFTY_THIRD_ARTICLE)
    # "WORLD NEWS" / "March 18, 2025 9:42 PM GMT+1 Updated 3 hours ago" / the headline / "By ..."
    assert a.title == "Kestria, rebels agree 30-day truce and prisoner swap at U.N. talks in Geneva"
    assert a.date == "2025-03-18" and a.byline == "By Anna Kowalczyk and Luis Ferreira"
    assert BODY not in kinds_of(a, "WORLD NEWS")
    assert a.span(a.paragraphs[0]).startswith("GENEVA, March 18 (Wire) - Kestria's government")


def test_the_site_name_and_tagline_above_a_menu_bar_are_no_headline():
    a = read_file(FIFTY_FIRST_ARTICLE)
    # "Skip to main content" / "The Steppe Ledger" / its tagline / "Home   Analysis   ..." / "ANALYSIS"
    assert a.title == "What Tursunov really wants from the Turan–Altai gas deal"
    assert a.publisher == "The Steppe Ledger"
    # "Leila Ahmadova | 3 March 2025": a name beside the date is the byline (and dates the piece)
    assert a.byline == "Leila Ahmadova | 3 March 2025" and a.date == "2025-03-03"
    for furniture in (
        "Skip to main content",
        "Independent analysis of Eurasian politics, energy and power",
        "ANALYSIS",
    ):
        assert BODY not in kinds_of(a, furniture) and STANDFIRST not in kinds_of(a, furniture), furniture


def test_without_an_h1_the_line_that_is_the_titles_headline_is_the_headline():
    # <title>Dunmere council approves ... - The National Courier</title>, the headline in a <div>
    a = read_file(FIFTY_FIFTH_ARTICLE)
    assert a.title == "Dunmere council approves €12 daily congestion charge for city centre"
    assert a.publisher == "The National Courier" and a.date == "2025-11-06"
    assert a.span(a.paragraphs[0]).startswith("Drivers entering the centre of Dunmere will have to pay €12 a day")
    assert STANDFIRST not in kinds_of(a, "Dunmere council approves")


def test_a_markdown_subtitle_is_the_standfirst_and_footnotes_are_not_prose():
    a = read_file(FIFTY_SEVENTH_ARTICLE)
    assert a.title == "Lisvania's power struggle over power prices"
    # "## The government wants to cap household energy bills before winter. ...": sentences under
    # the title, before the byline, are the standfirst, not a section heading.
    assert STANDFIRST in kinds_of(a, "The government wants to cap household energy bills before winter")
    # "[^1]: Source: Lisvania Statistics Office ...": a footnote's text is furniture.
    assert BODY not in kinds_of(a, "Source: Lisvania Statistics Office")
    assert FURNITURE in kinds_of(a, "Source: Lisvania Statistics Office")


def test_a_read_more_link_inside_the_story_does_not_end_it():
    # "Read more: Why insecticide-treated nets are losing their edge ..." between two paragraphs
    a = read_file(FIFTY_NINTH_ARTICLE)
    assert FURNITURE in kinds_of(a, "Why insecticide-treated nets are losing their edge")
    assert BODY not in kinds_of(a, "Why insecticide-treated nets are losing their edge")
    # the paragraphs after it are still the piece, up to its last one
    assert BODY in kinds_of(a, "Prof. Samuel Oduya, an epidemiologist")
    assert a.span(a.paragraphs[-1]).startswith("Dr. Kamanga said her team would also study")
    assert BODY not in kinds_of(a, "Sign up")


def test_partly_hard_wrapped_markdown_joins_only_its_wrapped_paragraphs():
    a = read_file(SIXTIETH_ARTICLE)
    # "[The Platform Review](https://www.theplatformreview.eu)" atop the page: the site's home link
    assert a.publisher == "The Platform Review"
    # a paragraph wrapped at 80 columns is one paragraph, its sentences whole across the breaks
    para = next(p for p in a.paragraphs if "TixCore is still in use" in a.span(p))
    assert "far\nbelow the target" in a.span(para)
    # ... while the bulleted list's items, one per line, stay apart
    items = [p for p in a.paragraphs if "The company expected online and app sales" in a.span(p)]
    assert len(items) == 1 and "Staffed ticket counters" not in a.span(items[0])
    # the italic line under the image is its caption, not the first paragraph
    assert kinds_of(a, "Passengers queue in the main ticket hall") == {CAPTION}
    assert a.span(a.paragraphs[0]).startswith("For almost two decades, Meridian Rail")


def test_a_name_and_job_on_a_line_of_their_own_is_the_byline():
    a = read_file(SIXTY_FIRST_ARTICLE)
    assert a.byline == "Sarah O'Neill, Sports Correspondent"
    assert kinds_of(a, "Sarah O'Neill, Sports Correspondent") == {BYLINE}
    assert a.date == "2025-02-18" and a.publisher == "The Northern Courier"


def test_a_name_and_role_beside_the_date_is_the_byline():
    a = read_text("# Chips\n\nIlse Marovic, editor of Silicon Lowlands · Mar 14, 2025\n\nThe fab will open in 2028.\n")
    assert a.byline == "Ilse Marovic, editor of Silicon Lowlands · Mar 14, 2025"
    assert a.date == "2025-03-14"
    # a place beside the date is no byline
    b = read_text("# Chips\n\nNew York, USA · Mar 14, 2025\n\nThe fab will open in 2028.\n")
    assert b.byline == ""


def test_an_authors_note_of_two_sentences_still_names_the_author():
    note = ("Elena Vashti is a research fellow in the Institute’s West Asia Program. "
            "She previously worked as a hydrologist in Melsa.")  # fmt: skip
    body = " ".join(["The river is low this year and the talks have stalled again."] * 4)
    a = read_text(f"A dam and a drought\n\n{body}\n\n{note}\n")
    assert a.byline == note
    assert not read_text(f"A dam and a drought\n\n{body}\n\n{note} The river fell.\n").byline
