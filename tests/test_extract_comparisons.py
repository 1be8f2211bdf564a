"""The comparisons stage (extract/comparisons.py), on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from ontrack.extract import comparisons as cmp
from ontrack.extract import extract_document
from ontrack.extract.figures import find_figures
from ontrack.extract.sentences import Clauses
from ontrack.extract.tokens import Tokens
from ontrack.model import Document, StatementKind


def _statements(text: str) -> list[tuple[str, float | None, str | None, str | None, str]]:
    doc = Document(text=text, date=date(2025, 3, 1))
    return [(st.kind.value, st.value, st.unit, st.period, st.quote) for st in extract_document(doc)]


def _comparisons(text: str) -> list[tuple[float | None, str | None, str]]:
    return [(v, u, q) for k, v, u, _p, q in _statements(text) if k == "comparison"]


# --- superlatives, records, streaks, firsts -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Joblessness fell to 4.1 percent, the lowest since March 1998.",
            "the lowest since March 1998",
        ),
        ("Tourist arrivals were the highest on record.", "Tourist arrivals were the highest"),
        ("It was the strongest year ever for rooftop solar.", "the strongest year ever"),
        ("Harbour traffic is at its busiest in two decades.", "its busiest in two decades"),
        ("The new line was the longest bridge opened in 2023.", "was the longest bridge"),
        ("Malta is one of the most open economies in the world.", "one of the most open"),
        ("Exports hit an all-time high.", "an all-time high"),
        ("Wind output set a new record in January.", "set a new record"),
        ("Sales rose for the fifth consecutive month in June.", "fifth consecutive month"),
        ("Retail volumes grew for the third year in a row.", "third year in a row"),
        ("It was the first time since 2011 that wind outpaced hydro.", "the first time since"),
        ("The last time prices were lower than this was in 1974.", "lower than this"),
        ("East Africa grew fastest in 2024.", "grew fastest"),
        ("Fuel prices hit a 14-year high in May.", "a 14-year high"),
        ("It was the biggest-ever harvest in 2024.", "the biggest-ever harvest"),
        ("Output per worker was higher than in Germany.", "higher than in Germany"),
        ("Lyon had the highest jobless rate in France.", "the highest jobless rate in France"),
        ("Sales grew twice as fast as the national average.", "as fast as the national"),
    ],
)
def test_clause_comparisons_without_a_value(text: str, quote: str) -> None:
    found = _comparisons(text)
    assert len(found) == 1, found
    value, unit, got = found[0]
    assert value is None and unit is None
    assert quote in got


def test_a_record_figure_is_a_result_and_a_comparison() -> None:
    out = _statements("Solar generation reached a record 48 GW in 2024.")
    kinds = sorted((k, v) for k, v, _u, _p, _q in out)
    assert kinds == [("comparison", None), ("result", 48.0)]


def test_participle_goes_on_with_the_comparison_before_it() -> None:
    found = _comparisons("Grain output rose for four consecutive years, hitting a peak in 2024.")
    assert len(found) == 1
    assert found[0][2].endswith("hitting a peak in 2024")


@pytest.mark.parametrize(
    "text",
    [
        "The city records 4.5 percent growth in 2024.",  # the verb, not a record
        "Officials kept medical records of 3,000 patients in 2024.",
        "The agency released its first report on air quality for the first time.",
        "The minister presented the 5th consecutive budget in 2024.",  # a count of budgets
        "Innovation is considered one of the most vital drivers.",  # no scope
        "Revenue surpassed a new milestone of one trillion yuan in 2024.",
        "The plan works as well as the old one.",
    ],
)
def test_not_comparisons(text: str) -> None:
    assert _comparisons(text) == []


# --- ranks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("Italy came third in 2024.", 3.0),
        ("Chile is the fourth-largest exporter of copper.", 4.0),
        ("The port ranked ninth last year.", 9.0),
        ("The index placed Norway in second position in 2024.", 2.0),
        ("It is the second largest wind farm in Wales.", 2.0),
        ("Ontario topped the country in housing starts in 2024.", 1.0),
    ],
)
def test_ranks(text: str, rank: float) -> None:
    assert [(v, u) for v, u, _q in _comparisons(text)] == [(rank, "rank")]


def test_ranked_list_with_a_figure_each_gives_ranks_in_order() -> None:
    text = (
        "The largest increases in jobs occurred in Ohio (+12,100), Iowa (+8,300), "
        "and Utah (+5,200)."
    )
    assert [(v, u) for v, u, _q in _comparisons(text)] == [
        (1.0, "rank"),
        (2.0, "rank"),
        (3.0, "rank"),
    ]


def test_ranked_list_with_a_shared_figure_is_a_tie() -> None:
    text = "The largest declines occurred in Maine, Idaho, and Kansas (-0.3 percent each)."
    found = _comparisons(text)
    assert [v for v, _u, _q in found] == [None, None, None]
    assert [q.rsplit(" ", 1)[-1] for _v, _u, q in found] == ["Maine", "Idaho", "Kansas"]


def test_is_rank_reads_the_words_around_an_ordinal() -> None:
    assert cmp.is_rank("the city ranked ", " in the survey", False) == (True, False)
    assert cmp.is_rank("Spain took ", " place overall", False) == (True, True)
    assert cmp.is_rank("jumping from the ", " place", False) == (False, False)
    assert cmp.is_rank("the ", "-fastest-growing region", False) == (True, False)
    assert cmp.is_rank("in the ", " quarter", False) == (False, False)


# --- differences, ratios and counts --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Output grew 2 percentage points faster than the national average.", 2.0, None),
        ("Growth in 2024 was 0.6 percentage points faster than in 2023.", 0.6, None),
        ("Tax receipts reached 94% of the target in 2024.", 94.0, "percent"),
        ("The state is 83% of the way towards its housing target.", 83.0, "percent"),
        ("The March rate was revised down by 0.1 per cent.", 0.1, "percent"),
        ("The tunnel opened two years ahead of schedule.", 2.0, "years"),
        ("Nine of the 15 fastest-growing cities are in the south.", 9.0, "count"),
        ("Twelve regions beat the national average in 2024.", 12.0, "count"),
    ],
)
def test_valued_comparisons(text: str, value: float, unit: str | None) -> None:
    found = _comparisons(text)
    assert [v for v, _u, _q in found] == [value], found
    if unit is not None:
        assert found[0][1] == unit


def test_a_ratio_beside_a_figure_is_a_comparison() -> None:
    text = "Coal gave 1.5% of total power in 2024, less than a quarter of wind power."
    assert ("result", 1.5) in [(k, v) for k, v, _u, _p, _q in _statements(text)]
    assert [(v, u) for v, u, _q in _comparisons(text)] == [(0.25, "fraction")]
    # a share of a total is a result, not a ratio to another quantity
    assert _comparisons("Coal gave 1.5% of power in 2024, or about a quarter of the total.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Output was 12 percent below the level seen in 2019.",  # own past level: a result
        "Revenue was 4.2 per cent higher than last year's.",
        "The jobless rate was 1.3 percentage points lower than in September 2023.",
        "It said output was lower than the daily average of 1.5 mbpd in 2023 by 0.3 mbpd.",
        "More than 120 projects were approved in 2024.",  # a bound, not a comparison
        "Prices rose above 5 percent in 2024.",
    ],
)
def test_changes_against_the_own_past_and_bounds_are_not_comparisons(text: str) -> None:
    assert _comparisons(text) == [], _statements(text)


def test_a_level_beside_a_target_is_a_result_plus_a_comparison_without_value() -> None:
    out = _statements("Retail sales grew 6.2 percent in 2024, above the annual goal of 6 percent.")
    kinds = [(k, v) for k, v, _u, _p, _q in out]
    assert ("result", 6.2) in kinds
    assert ("comparison", None) in kinds
    assert ("comparison", 6.2) not in kinds


def test_two_comparatives_joined_by_and_are_two_comparisons_for_the_first_period() -> None:
    text = (
        "Growth in Q3 2024 was higher relative to the 4.1 per cent growth recorded in Q3 2023 "
        "and higher compared to the 3.9 per cent growth recorded in Q2 2024."
    )
    out = [(p, q) for k, v, _u, p, q in _statements(text) if k == "comparison"]
    assert len(out) == 2
    assert {p for p, _q in out} == {"2024Q3"}
    assert out[1][1].startswith("higher compared to")


def test_a_growth_rate_against_another_entity_without_a_difference() -> None:
    found = _comparisons("Egypt grew 6.6% in 2022, compared to a global average of 3.2%.")
    assert [v for v, _u, _q in found] == [None]


# --- the stage alone ----------------------------------------------------------------------


def test_clause_comparisons_skips_a_clause_whose_figure_compares() -> None:
    s = "Output rose 7 percent, 2 percentage points higher than the national average."
    figures = find_figures(s, Tokens(s), [])
    clauses = Clauses(s)
    compares = [cmp.figure_compares(s, f, clauses.bounds(f.start)[0]) for f in figures]
    assert compares == [False, True]
    assert cmp.clause_comparisons(s, figures, clauses) == []


def test_may_compare_lets_sentences_without_digits_through() -> None:
    assert cmp.may_compare("Spain remains above the average of its neighbours.")
    assert not cmp.may_compare("The minister opened the new hall.")


def test_comparison_statements_are_of_kind_comparison() -> None:
    doc = Document(text="Spain remains above the average of its neighbours.", date=date(2025, 1, 1))
    (st,) = extract_document(doc)
    assert st.kind is StatementKind.COMPARISON and st.value is None
