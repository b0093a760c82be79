"""The document model: sentence splitting, quotations, attribution and sourcing."""

from __future__ import annotations

import pytest

from lintnews.document.build import build_document
from lintnews.document.model import Document
from lintnews.document.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


def doc(text: str, name: str = "article.md") -> Document:
    return build_document(name, text)


def quotes(text: str, name: str = "article.md") -> list[tuple[str, bool]]:
    d = doc(text, name)
    return [(text[q.start:q.end], q.attributed) for q in d.quotations]


# -- sentence splitting ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Mr. Smith met Dr. Jones and Gov. Brown on Monday.",
    "Sen. Elizabeth Warren and Gen. Mark Milley were absent.",
    "Mrs. Clinton, Ms. Rice and Prof. Lee attended.",
    "The vote was set for Sept. 12 in Sacramento, Calif., officials said.",
    "The vote is set for Sept. 12.",
    "The U.S. and the U.N. agreed on the text.",
    "He said the U.S. Army would help.",
    "The meeting began at 9 a.m. on Tuesday and ended at 5 p.m. Wednesday.",
    "Downing Street, at No. 10, declined to comment.",
    "The team is ranked No. 3 in the country.",
    "John F. Kennedy was shot in Dallas.",
    "Inflation rose 3.5 percent in March, up from 2.25 percent.",
    "Wait... what?",
    "Wait… what?",
    "Acme Inc. Chief Executive Jane Roe resigned.",
    "J.K. Rowling wrote the books.",
    '"Is it over?" she asked.',
    '"Is it over?" asked Smith.',
])
def test_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize("text,expected", [
    ("Mr. Smith arrived. Dr. Jones left.", ["Mr. Smith arrived.", "Dr. Jones left."]),
    ("The meeting began at 9 a.m. The mayor spoke first.",
     ["The meeting began at 9 a.m.", "The mayor spoke first."]),
    ("The talks ended at 11 p.m. The deal collapsed.",
     ["The talks ended at 11 p.m.", "The deal collapsed."]),
    ("The deal was signed in the U.S. The talks ended.",
     ["The deal was signed in the U.S.", "The talks ended."]),
    ("The talks moved to the U.N. The U.S. delegation walked out.",
     ["The talks moved to the U.N.", "The U.S. delegation walked out."]),
    ("John F. Kennedy was shot in 1963. Lee Harvey Oswald was arrested.",
     ["John F. Kennedy was shot in 1963.", "Lee Harvey Oswald was arrested."]),
    ("Inflation rose 3.5 percent. Prices fell.", ["Inflation rose 3.5 percent.", "Prices fell."]),
    ("Wait... What happened next? Nobody knows!",
     ["Wait...", "What happened next?", "Nobody knows!"]),
    ('"We won," he said. "It was hard."', ['"We won," he said.', '"It was hard."']),
    ('"It is over!" The crowd cheered.', ['"It is over!"', "The crowd cheered."]),
    ('He asked, "Why?" Nobody answered.', ['He asked, "Why?"', "Nobody answered."]),
    ("(The vote was 5-4.) The council adjourned.",
     ["(The vote was 5-4.)", "The council adjourned."]),
    ("He worked for Acme Inc. The company declined to comment.",
     ["He worked for Acme Inc.", "The company declined to comment."]),
])
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text,expected", [
    # "No." abbreviates a number only before one: "said no." ends a sentence.
    ("He said no. The deal collapsed.", ["He said no.", "The deal collapsed."]),
    ("Voters said no. Turnout was low.", ["Voters said no.", "Turnout was low."]),
    # Ordinary lower-case words that happen to spell a state or title abbreviation.
    ("He felt ill. The doctor came.", ["He felt ill.", "The doctor came."]),
    ("It was a near miss. The pilot landed.", ["It was a near miss.", "The pilot landed."]),
    ("She finished 1st. The others trailed.", ["She finished 1st.", "The others trailed."]),
    # A state abbreviation ends the sentence in AP datelines and addresses.
    ("The company is based in Cupertino, Calif. It employs 160,000 people.",
     ["The company is based in Cupertino, Calif.", "It employs 160,000 people."]),
    ("She lives in Peoria, Ill. The city is small.",
     ["She lives in Peoria, Ill.", "The city is small."]),
])
def test_words_that_look_like_abbreviations_end_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_quote_with_question_followed_by_named_speaker_is_one_sentence() -> None:
    text = '"What happens now?" Smith asked.'
    assert sentences(text) == [text]


def test_split_sentences_returns_trimmed_offsets_into_the_text() -> None:
    text = "  Intro.  Mr. Smith met Gov. Brown at 9 a.m. The end.  "
    spans = split_sentences(text, 2, len(text) - 2)
    assert [text[s:e] for s, e in spans] == [
        "Intro.", "Mr. Smith met Gov. Brown at 9 a.m.", "The end."]
    assert all(2 <= s < e <= len(text) - 2 for s, e in spans)


def test_document_sentences_per_paragraph_and_headings_are_one_sentence() -> None:
    text = "# A heading. With two parts\n\nMr. Smith arrived at 9 a.m. The U.S. said no.\n"
    d = doc(text)
    assert [(p.kind, [d.sentence_text(d.sentences[i]) for i in p.sentences])
            for p in d.paragraphs] == [
        ("heading", ["A heading. With two parts"]),
        ("paragraph", ["Mr. Smith arrived at 9 a.m.", "The U.S. said no."]),
    ]


# -- quotations ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,quote", [
    ('"We will not retreat," Smith said.', '"We will not retreat,"'),
    ("“We will not retreat,” Smith said.", "“We will not retreat,”"),
    ('Smith said: "We will not retreat."', '"We will not retreat."'),
    ("Smith said: «We will not retreat.»", "«We will not retreat.»"),
])
def test_straight_and_curly_double_quotes(text: str, quote: str) -> None:
    assert quotes(text) == [(quote, True)]


@pytest.mark.parametrize("text,outer,inner", [
    ('"He told me \'never again\' and left," Smith said.',
     '"He told me \'never again\' and left,"', "never again"),
    ("“He told me ‘never again’ and then he left,” Smith said.",
     "“He told me ‘never again’ and then he left,”", "never again"),
    ("“They called it ‘a disgrace,’ and walked out,” she said.",
     "“They called it ‘a disgrace,’ and walked out,”", "a disgrace"),
])
def test_single_quotes_nested_in_double_quotes(text: str, outer: str, inner: str) -> None:
    d = doc(text)
    outer_quotes = [q for q in d.quotations if text[q.start:q.end] == outer]
    assert len(outer_quotes) == 1 and outer_quotes[0].attributed
    # No quotation may end at the nested closing mark, or extend past the outer one.
    assert all(q.start >= outer_quotes[0].start and q.end <= outer_quotes[0].end
               for q in d.quotations)
    i = text.index(inner)
    assert d.quotation_at(i) is not None and d.in_direct_quote(i, i + len(inner))


def test_quote_spanning_several_sentences() -> None:
    text = "“The talks failed. We tried everything. Nothing worked,” the minister said.\n"
    d = doc(text)
    assert [(text[q.start:q.end], q.attributed) for q in d.quotations] == [
        ("“The talks failed. We tried everything. Nothing worked,”", True)]
    q = d.quotations[0]
    inside = [s for s in d.sentences if s.start < q.end]
    assert len(inside) >= 3  # the splitter still splits inside the quote
    for word in ("failed", "everything", "Nothing"):
        i = text.index(word)
        assert d.in_direct_quote(i, i + len(word))


@pytest.mark.parametrize("open_mark,close_mark", [("“", "”"), ('"', '"')])
def test_multi_paragraph_quotation(open_mark: str, close_mark: str) -> None:
    text = (
        f"{open_mark}We will rebuild every school in the district, and we will do it "
        "this year.\n\n"
        f"{open_mark}The money is there. The builders are there.\n\n"
        f"{open_mark}What we need now is the will,{close_mark} the mayor said.\n\n"
        "The council meets on Friday.\n"
    )
    d = doc(text)
    assert len(d.quotations) == 1
    q = d.quotations[0]
    assert q.paragraphs == (0, 1, 2)
    assert q.start == 0
    assert text[q.start:q.end].endswith(f"will,{close_mark}")
    assert q.attributed
    for word in ("rebuild", "builders", "will,"):
        assert d.quotation_at(text.index(word)) is q
    assert d.quotation_at(text.index("council")) is None


def test_open_quote_not_continued_by_next_paragraph_ends_at_its_paragraph() -> None:
    text = ("“We will rebuild every school, and we will do it this year.\n\n"
            "The council meets on Friday.\n")
    d = doc(text)
    assert len(d.quotations) == 1
    q = d.quotations[0]
    assert q.paragraphs == (0,)
    assert q.end == d.paragraphs[0].end
    assert d.quotation_at(text.index("council")) is None


@pytest.mark.parametrize("text", [
    "Zelensky’s plan was backed by the players’ union on Friday.",
    "Zelensky's plan was backed by the players' union on Friday.",
    "It was rock ’n’ roll in the ’90s, the band’s best decade.",
    "The owners’ group and the players’ union met at the Smiths’ house.",
])
def test_apostrophes_are_not_quotations(text: str) -> None:
    assert doc(text).quotations == ()


def test_apostrophes_inside_a_quotation_do_not_end_it() -> None:
    text = "“Zelensky’s plan is the players’ choice, not ours,” she said."
    assert quotes(text) == [("“Zelensky’s plan is the players’ choice, not ours,”", True)]


@pytest.mark.parametrize("text", [
    "“We will not retreat from this city,” she said.",
    '"We will not retreat from this city," said Smith.',
    'Smith said: "We will not retreat from this city."',
    'According to the ministry, "the talks have failed for good."',
    'A spokesman told Reuters "the talks have failed for good."',
    "Smith told Reuters “the talks have failed for good.”",
    '"We will not retreat from this city," Smith told reporters on Monday.',
    'She said, "We will not retreat from this city."',
])
def test_attributed_quotations(text: str) -> None:
    d = doc(text)
    assert len(d.quotations) == 1
    assert d.quotations[0].attributed


@pytest.mark.parametrize("text", [
    'The banner read "We will not retreat from this city."',
    '"We will not retreat from this city." The crowd cheered.',
    "“This is the end of the road for the plan,” the banner proclaimed in red letters.",
])
def test_unattributed_quotations(text: str) -> None:
    d = doc(text)
    assert len(d.quotations) == 1
    assert not d.quotations[0].attributed


def test_quotations_in_plain_text_files() -> None:
    text = ("Headline Here\n\n“We will not retreat,” she said.\n\n"
            "The banner read “We will not retreat from this city.”\n")
    assert quotes(text, "article.txt") == [
        ("“We will not retreat,”", True), ("“We will not retreat from this city.”", False)]


# -- sourcing --------------------------------------------------------------------------------

def _sentence(d: Document, words: str):
    return next(s for s in d.sentences if words in d.sentence_text(s))


def test_claim_followed_by_source_in_the_same_paragraph_is_sourced() -> None:
    text = ("The plant will close in March and 400 jobs will go. "
            "That is what the ministry said in a statement.\n")
    d = doc(text)
    assert d.is_sourced(_sentence(d, "plant will close"))


def test_claim_with_source_in_a_different_paragraph_is_not_sourced() -> None:
    text = ("The plant will close in March and 400 jobs will go.\n\n"
            "That is what the ministry said in a statement.\n")
    d = doc(text)
    assert not d.is_sourced(_sentence(d, "plant will close"))
    assert d.is_sourced(_sentence(d, "ministry said"))


def test_claim_with_no_source_is_not_sourced() -> None:
    d = doc("The plant will close in March and 400 jobs will go.\n")
    assert not d.is_sourced(d.sentences[0])


def test_claim_carried_by_an_attributed_quotation_is_sourced() -> None:
    text = "“The plant will close in March and 400 jobs will go,” the ministry said.\n"
    d = doc(text)
    assert d.is_sourced(d.sentences[0])
