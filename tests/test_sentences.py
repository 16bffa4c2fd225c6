"""Sentences and chunks: exact offsets (checked, not trusted) and sentence-aligned chunks."""

from __future__ import annotations

import pytest

from index import BUNDLED_ARTICLE, read_file, read_text
from index.chunks import make_chunks
from index.sentences import split_sentences

from .conftest import FORTY_SEVENTH_ARTICLE, SECOND_ARTICLE


@pytest.mark.parametrize("path", [BUNDLED_ARTICLE, SECOND_ARTICLE])
def test_every_sentence_is_its_exact_span(path):
    a = read_file(path)
    sentences = split_sentences(a)
    assert len(sentences) > 30
    for s in sentences:
        assert a.text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    ids = [s.id for s in sentences]
    assert ids == list(range(len(sentences)))
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)


def test_abbreviations_quotes_and_wrapping_do_not_split():
    a = read_file(SECOND_ARTICLE)
    texts = [" ".join(s.text.split()) for s in split_sentences(a)]
    assert any(t.startswith("Dr. Samuel Reyes, a hydrologist") for t in texts)
    assert any("to the U.S. Geological Survey." in t for t in texts)
    assert any(t.startswith("The vote came at 11:40 p.m., after nearly six hours") for t in texts)
    assert any("No. 3 power station" in t for t in texts)
    assert not any(t in ("Critics", "Dr.", "U.S.") for t in texts)


def test_a_title_before_a_name_is_not_a_sentence_end():
    # pysbd knows "Sen." and "Dr." but not "Coun." or "Amb.": a sentence cut there cites half a
    # fact ("...an amendment from Coun.") and the vote that follows goes to the next sentence.
    a = read_file(FORTY_SEVENTH_ARTICLE)
    texts = [s.text for s in split_sentences(a)]
    assert not any(t.endswith("Coun.") for t in texts)
    assert any(
        t.startswith("Before the final vote, council passed an amendment from Coun. Sunita Bhatt, 9-3") for t in texts
    )
    b = read_text("Ask Amb. Lee about it. Then ask Cllr. Ward. A vote came at 9 p.m. Sr. staff left.")
    assert [s.text for s in split_sentences(b)] == [
        "Ask Amb. Lee about it.",
        "Then ask Cllr. Ward.",
        "A vote came at 9 p.m.",
        "Sr. staff left.",
    ]


def test_an_abbreviation_before_a_number_or_a_small_letter_is_no_sentence_end():
    b = read_text(
        "Three have died. Approx. 61% are children. It costs est. $4m a year, incl. staff. Fig. 2 shows it. "
        "It would have created c. 2,300 jobs."
    )
    assert [s.text for s in split_sentences(b)] == [
        "Three have died.",
        "Approx. 61% are children.",
        "It costs est. $4m a year, incl. staff.",
        "Fig. 2 shows it.",
        "It would have created c. 2,300 jobs.",
    ]
    assert [s.text for s in split_sentences(read_text("We asked for an approx. Figures came later."))] == [
        "We asked for an approx.",
        "Figures came later.",
    ]


def test_bundled_sentences_with_dashes_colons_and_nbsp():
    a = read_file(BUNDLED_ARTICLE)
    texts = [s.text for s in split_sentences(a)]
    assert (
        "On 31 March 2013, Kim Jong-un announced the Byungjin policy, which set two national goals – to pursue a powerful nuclear deterrent, and create a vibrant economy."
        in texts
    )
    assert any(t.startswith("Now it looked as though the People’s\xa0Republic of China") for t in texts)
    assert "President Xi Jinping said during his third\xa0meeting\xa0with Kim in Beijing:" in texts


def test_chunks_hold_whole_sentences_and_know_them():
    a = read_file(BUNDLED_ARTICLE)
    sentences = split_sentences(a)
    chunks = make_chunks(a.text, sentences, size=500, overlap=50)
    assert chunks
    by_id = {s.id: s for s in sentences}
    covered = set()
    for c in chunks:
        first, last = by_id[c.sentence_ids[0]], by_id[c.sentence_ids[-1]]
        assert (c.start, c.end) == (first.start, last.end)
        assert list(c.sentence_ids) == sorted(c.sentence_ids)
        covered |= set(c.sentence_ids)
    prose = {s.id for s in sentences if s.kind in ("body", "standfirst")}
    assert covered == prose


def test_chunk_offsets_survive_repeated_text():
    # The same paragraph twice: str.find would place both copies at the first one.
    para = "The council met again. It voted to delay the plan once more. Nobody was surprised by that."
    a = read_text(f"# Repeats\n\n{para}\n\nSomething else happened in between, at length.\n\n{para}")
    sentences = split_sentences(a)
    chunks = make_chunks(a.text, sentences, size=60, overlap=0)
    for c in chunks:
        assert a.text[c.start : c.end].startswith(sentences[c.sentence_ids[0]].text)
    assert len({c.start for c in chunks}) == len(chunks)


def test_approx_before_a_currency_code_does_not_end_the_sentence():
    a = read_text("Plant\n\nThe plant will cost approx. US$11.4 billion to build. Work starts in May.\n")
    texts = [s.text for s in split_sentences(a) if s.kind == "body"]
    assert texts == ["The plant will cost approx. US$11.4 billion to build.", "Work starts in May."]


def test_a_bold_list_label_leaves_no_marks_on_the_sentence_after_it():
    a = read_text("Why it won\n\nThree things tipped the balance:\n\n1. **Power.** The valley sits next to a dam.\n")
    body = [s for s in split_sentences(a) if s.kind == "body"]
    assert [s.text for s in body][-2:] == ["Power.", "The valley sits next to a dam."]
    assert all(a.text[s.start : s.end] == s.text for s in body)
