"""Extraction: one test per language pattern, with sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from ontrack.extract import extract_text
from ontrack.model import Comparator, Statement, StatementKind, ValueType

D = date(2024, 4, 23)


def one(text: str, *, when: date | None = D, kind: str | None = None) -> Statement:
    stmts = [s for s in extract_text(text, date=when) if s.kind != StatementKind.GOAL]
    if kind is not None:
        stmts = [s for s in stmts if s.kind == kind]
    assert len(stmts) == 1, [(s.kind, s.value, s.quote) for s in stmts]
    return stmts[0]


def figures(text: str, when: date | None = D) -> list[tuple[str, float | None, str | None]]:
    return [
        (str(s.kind), s.value, s.period)
        for s in extract_text(text, date=when)
        if s.kind != StatementKind.GOAL
    ]


def check_offsets(text: str, stmts: list[Statement]) -> None:
    for s in stmts:
        assert text[s.start : s.end] == s.quote


# --- numbers -------------------------------------------------------------------------------


def test_percent_result_with_year() -> None:
    s = one("Exports from the province rose 7.2 percent in 2023.")
    assert (s.kind, s.value, s.unit, s.period, s.comparator) == (
        "result",
        7.2,
        "percent",
        "2023",
        None,
    )


def test_thousands_separator_and_scale_word() -> None:
    s = one("Retail sales reached 30,209.4 billion yuan last year.")
    assert s.value == pytest.approx(30_209.4e9)
    assert s.unit == "yuan"
    assert s.period == "2023"


def test_trillion_and_percent_sign() -> None:
    text = "The city's output hit 1.2 trillion yuan in 2022, and services made up 61% of it."
    got = figures(text)
    assert ("result", 1.2e12, "2022") in got
    assert ("result", 61.0, "2022") in got


def test_number_words() -> None:
    s = one("Industrial output grew by five percent in 2023.")
    assert s.value == 5 and s.unit == "percent"


def test_fraction_words() -> None:
    s = one("Wind and solar supplied a third of the new power demand in 2023.")
    assert s.value == 0.333 and s.unit == "fraction"  # three decimals, as labelled
    s = one("More than half of the new cars sold in 2023 were electric.")
    assert s.value == 0.5 and s.unit == "fraction"


def test_doubling_is_a_multiple() -> None:
    s = one("The number of charging points doubled in 2023 from a year earlier.")
    assert (s.value, s.unit, s.kind) == (2.0, "times", "result")


def test_several_figures_respectively() -> None:
    text = (
        "By 2030, wind and solar capacity in the region will exceed 90 gigawatts and "
        "40 gigawatts respectively."
    )
    got = extract_text(text, date=D)
    assert [(s.kind, s.value, s.unit, s.comparator, s.period) for s in got] == [
        ("target", 90.0, "GW", Comparator.GT, "2030"),
        ("target", 40.0, "GW", Comparator.GT, "2030"),
    ]


def test_million_kilowatts_become_kw() -> None:
    s = one("Installed hydropower capacity stood at 42 million kilowatts at the end of March.")
    assert s.value == 42e6 and s.unit == "kW"
    assert s.period == "2024-03-31"


def test_percentage_points() -> None:
    s = one("The share of services rose by 1.5 percentage points in 2023.")
    assert s.unit == "percentage points" and s.value == 1.5


def test_counts_and_persons() -> None:
    got = extract_text(
        "In 2023 the province created 480,000 new urban jobs and added "
        "1,350 high-tech enterprises.",
        date=D,
    )
    assert [(s.value, s.unit) for s in got] == [(480000.0, "persons"), (1350.0, "count")]


def test_vehicles_are_units() -> None:
    s = one("Car makers in the city produced 310,000 vehicles in the first quarter.")
    assert s.unit == "units" and s.period == "2024Q1"


def test_range_gives_two_bounds() -> None:
    got = extract_text("The province expects growth of 5 to 5.5 percent in 2024.", date=D)
    assert [(s.kind, s.value, s.unit) for s in got] == [
        ("target", 5.0, "percent"),
        ("target", 5.5, "percent"),
    ]


def test_tce_and_tonnes() -> None:
    s = one("Energy use is to be kept within 250 million tonnes of standard coal by 2025.")
    assert (s.unit, s.value, s.comparator) == ("tce", 250e6, Comparator.LE)
    s = one("Grain output reached 38.5 million tons in 2023.")
    assert s.unit == "tonnes"


# --- things that are not figures -------------------------------------------------------------


def test_dates_plans_and_sessions_are_not_figures() -> None:
    text = (
        "On March 5, 2024, the second session of the 14th National People's Congress opened "
        "to review the 14th Five-Year Plan, which has 20 key tasks."
    )
    assert figures(text) == []


def test_currency_conversion_in_parentheses_is_dropped() -> None:
    got = extract_text("Revenue totaled 120 billion yuan ($16.6 billion) in 2023.", date=D)
    assert [(s.value, s.unit) for s in got] == [(120e9, "yuan")]


# --- periods ---------------------------------------------------------------------------------


def test_relative_periods() -> None:
    assert one("Investment grew 4 percent last year.").period == "2023"
    assert one("In the first 10 months, exports rose 3.1 percent.").period == "2024-01/2024-10"
    assert one("From January to June, output rose 6 percent.").period == "2024-01/2024-06"
    assert one("In the first three quarters, sales rose 9 percent.").period == "2024-01/2024-09"


def test_deadline_forms() -> None:
    s = one("The city will add 2,000 charging stations by the end of next year.")
    assert (s.kind, s.period) == ("target", "2025-12-31")
    s = one("Forest coverage is expected to reach 30 percent by 2025.")
    assert (s.kind, s.period, s.comparator) == ("target", "2025", Comparator.EQ)


def test_five_year_plan_period() -> None:
    s = one(
        "During the 14th Five-Year Plan period (2021-2025), the province aims to cut "
        "energy use per unit of GDP by 14 percent."
    )
    assert s.kind == "target"
    assert s.period == "2021/2025"
    assert s.value_type == ValueType.CHANGE
    assert "energy" in s.indicator


# --- target or result ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cue", ["will", "is expected to", "aims to", "strives to", "plans to", "is set to"]
)
def test_modal_cues_make_targets(cue: str) -> None:
    s = one(f"The province {cue} raise its forest coverage to 45 percent in 2026.")
    assert s.kind == "target" and s.period == "2026"


def test_ended_period_is_a_result_despite_future_wording() -> None:
    text = "In 2023, the province aims to increase its output to 2.5 trillion yuan."
    assert one(text).kind == "result"


def test_comparators() -> None:
    cases = {
        "more than 60 percent": Comparator.GT,
        "at least 60 percent": Comparator.GE,
        "about 60 percent": Comparator.APPROX,
        "no more than 60 percent": Comparator.LE,
        "less than 60 percent": Comparator.LT,
        "60 percent": Comparator.EQ,
    }
    for phrase, comp in cases.items():
        s = one(f"The share of clean power will reach {phrase} by 2027.")
        assert s.comparator == comp, phrase


def test_qualifier_governs_a_list() -> None:
    got = extract_text("The plan targets about 20 percent by 2025 and 25 percent by 2030.", date=D)
    assert [(s.value, s.comparator, s.period) for s in got] == [
        (20.0, Comparator.APPROX, "2025"),
        (25.0, Comparator.APPROX, "2030"),
    ]


def test_decrease_keeps_positive_value_and_direction_in_indicator() -> None:
    s = one("Coal consumption fell 3.4 percent in 2023.")
    assert s.value == 3.4 and s.indicator.startswith("decline")


# --- comparisons -----------------------------------------------------------------------------


def test_rank_is_a_comparison() -> None:
    s = one(
        "Its exports reached 600 billion yuan in 2023, ranking second in the country.",
        kind="comparison",
    )
    assert (s.value, s.unit, s.period) == (2.0, "rank", "2023")


def test_percentage_points_above_national() -> None:
    s = one(
        "The county's income grew 7 percent in 2023, 1.2 percentage points higher than "
        "the national average.",
        kind="comparison",
    )
    assert (s.value, s.unit) == (1.2, "percentage points")


def test_first_time_comparison_without_value() -> None:
    text = "Growth in 2023 outpaced the national rate for the first time in eight years."
    s = one(text, kind="comparison")
    assert s.value is None and s.period == "2023"
    check_offsets(text, [s])


def test_record_high() -> None:
    s = one("Grain output hit a record high in 2023.", kind="comparison")
    assert s.value is None


# --- regions and goals -----------------------------------------------------------------------


def test_national_figure_region() -> None:
    got = extract_text(
        "Jiangsu's output grew 6 percent in 2023, above the national average of 5.2 percent.",
        date=D,
    )
    result = [s for s in got if s.value == 5.2][0]
    assert result.region_id == "CN"
    assert [s for s in got if s.value == 6.0][0].region_id == "CN-JS"


def test_goals_split_per_item() -> None:
    text = (
        "The city will strive to become a hub for green finance, a centre of "
        "biomedical research and a gateway for trade with Central Asia."
    )
    goals = [s for s in extract_text(text, date=D) if s.kind == "goal"]
    assert [g.quote for g in goals] == [
        "a hub for green finance",
        "a centre of biomedical research",
        "a gateway for trade with Central Asia",
    ]
    check_offsets(text, goals)


def test_indicator_ids_from_the_catalog() -> None:
    from ontrack.extract import extract_text

    stmts = extract_text(
        "Hebei's gross domestic product grew 5.4 percent last year, and the province aims to "
        "raise R&D intensity to 2.5 percent by 2025.",
        date=date(2025, 1, 20),
    )
    ids = {(s.kind, s.indicator_id) for s in stmts}
    assert ("result", "gdp_real_growth_yoy") in ids
    assert ("target", "rd_expenditure_share_of_gdp") in ids
