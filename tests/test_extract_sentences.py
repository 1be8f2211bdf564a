"""Sentences, paragraphs, bullets, clauses and hard-wrapped lines (texts written for the tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ontrack.extract import extract_text
from ontrack.extract.sentences import MAX_SENTENCE, Clauses, iter_sentences


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in iter_sentences(text)]


def test_stops_end_sentences_but_not_abbreviations_initials_or_decimals() -> None:
    text = "Output rose 3.5 percent in Jan. and Feb. this year. Mr. J. Smith said so. Next one!"
    assert _sentences(text) == [
        "Output rose 3.5 percent in Jan. and Feb. this year.",
        "Mr. J. Smith said so.",
        "Next one!",
    ]


def test_a_stop_before_a_lower_case_word_does_not_end_the_sentence() -> None:
    assert _sentences("Sales were up 2 p.c. on the year. Prices fell.") == [
        "Sales were up 2 p.c. on the year.",
        "Prices fell.",
    ]


def test_cjk_stops_end_sentences() -> None:
    assert _sentences("增长5.3%。投资增长4%。") == ["增长5.3%。", "投资增长4%。"]


def test_bullets_join_the_paragraph_before_them() -> None:
    text = "In 2019 the region achieved:\n- exports up 5 percent;\n- imports up 2 percent.\n\nNew."
    found = list(iter_sentences(text))
    assert [s.paragraph for s in found] == [0, 0, 0, 1]
    assert [s.bullet for s in found] == [False, True, True, False]


def test_hard_wrapped_lines_read_as_one_sentence() -> None:
    text = (
        "Growth in the region was 1.1 percentage\n"
        "points higher than the national\n"
        "average, the office said.\n"
        "Exports Surge\n"
        "Exports grew 9 percent."
    )
    assert _sentences(text) == [
        "Growth in the region was 1.1 percentage\npoints higher than the national\n"
        "average, the office said.",
        "Exports Surge",  # a headline: short, and the next line starts a sentence
        "Exports grew 9 percent.",
    ]


def test_a_long_wrapped_line_joins_a_capitalised_continuation() -> None:
    text = (
        "The figures released on Thursday by the national statistics office show that\n"
        "Manufacturing output rose 4 percent."
    )
    assert len(_sentences(text)) == 1


def test_a_figure_broken_across_lines_is_read_with_its_unit_and_an_exact_quote() -> None:
    text = "Household income grew 2.5 percentage\npoints faster than prices in 2023."
    found = [st for st in extract_text(text) if st.value == 2.5]
    assert found and found[0].unit == "percentage points"
    assert text[found[0].start : found[0].end] == found[0].quote


def test_clauses_split_at_commas_semicolons_colons_and_spaced_dashes() -> None:
    s = "Imports rose 2%, exports 3%; services: 4% — a record"
    clauses = Clauses(s)
    assert s[slice(*clauses.bounds(s.index("2%")))] == "Imports rose 2%"
    assert s[slice(*clauses.bounds(s.index("3%")))] == "exports 3%"
    assert s[slice(*clauses.bounds(s.index("4%")))] == "4%"
    assert s[slice(*clauses.bounds(s.index("record")))] == "a record"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["x" * 1999, "word " * 300, " ", "\n", ". A", "\n\n"]), max_size=9))
def test_sentences_are_in_order_inside_the_text_and_never_too_long(pieces: list[str]) -> None:
    text = "".join(pieces)
    last = 0
    for s in iter_sentences(text):
        assert last <= s.start < s.end <= len(text)
        assert s.end - s.start <= MAX_SENTENCE
        assert not text[s.start].isspace()
        last = s.end
