"""Financial years as the periods of values, with sentences written for the tests."""

from __future__ import annotations

from datetime import date

import pytest

from ontrack.extract import extract_text
from ontrack.extract.fiscalyears import FISCAL_YEARS, find_fiscal_years, fiscal_year_of
from ontrack.model import StatementKind
from ontrack.periods import parse_period


def periods(text: str, region: str | None, when: date) -> list[str | None]:
    return [
        s.period
        for s in extract_text(text, date=when, region=region)
        if s.kind != StatementKind.GOAL
    ]


@pytest.mark.parametrize(
    ("text", "region", "when", "period"),
    [
        # named by the first year (April-March)
        (
            "Revenue for FY2024 is expected to be S$90 billion.",
            None,
            date(2024, 2, 1),
            "2024-04/2025-03",
        ),
        (
            "Tax income in fiscal 2023 was 70 trillion yen.",
            "Japan",
            date(2024, 5, 1),
            "2023-04/2024-03",
        ),
        # named by the year it ends in
        ("Spending in FY24 rose 6 per cent.", "India", date(2024, 6, 1), "2023-04/2024-03"),
        (
            "The surplus was $2 billion in fiscal year 2023.",
            "United States",
            date(2023, 11, 1),
            "2022-10/2023-09",
        ),
        # two-year forms, with and without a fiscal word
        (
            "Tk 500 crore is allotted for the fiscal 2023-24.",
            "Bangladesh",
            date(2023, 6, 1),
            "2023-07/2024-06",
        ),
        (
            "The deficit will be 2.1 per cent in 2024-25.",
            "Australia",
            date(2024, 5, 14),
            "2024-07/2025-06",
        ),
        (
            "Receipts rose 4 per cent in 2023/24.",
            "United Kingdom",
            date(2024, 5, 1),
            "2023-04/2024-03",
        ),
        (
            "Growth was 4.2% in the fiscal year 2018-2019.",
            "Egypt",
            date(2022, 8, 1),
            "2018-07/2019-06",
        ),
        # counted from the publication date
        ("Growth was 6.6% in the past fiscal year.", "Egypt", date(2022, 8, 29), "2021-07/2022-06"),
        (
            "Growth is expected to be 5% in the next fiscal year.",
            "Egypt",
            date(2022, 8, 29),
            "2023-07/2024-06",
        ),
        # a stock at the end of a fiscal year
        (
            "The fund will hold $3 billion by the end of FY2025.",
            "Australia",
            date(2024, 5, 1),
            "2025-06-30",
        ),
    ],
)
def test_fiscal_years_by_jurisdiction(
    text: str, region: str | None, when: date, period: str
) -> None:
    assert periods(text, region, when) == [period]
    parse_period(period)  # every label is a period the store accepts


def test_two_year_forms_are_spans_where_the_budget_year_is_the_calendar_year() -> None:
    got = periods("Revenue rose 5 per cent in 2023-24.", "Ireland", date(2024, 5, 1))
    assert got == ["2023/2024"]


def test_no_jurisdiction_no_guess() -> None:
    text = "Revenue for FY2024 is expected to rise 5 percent."
    assert fiscal_year_of(None, text) is None
    assert find_fiscal_years(text, None, date(2024, 1, 1)) == []


def test_a_span_of_years_is_not_a_fiscal_year() -> None:
    assert find_fiscal_years("the FY2021-2025 plan", FISCAL_YEARS["IN"], date(2022, 1, 1)) == []


def test_jurisdiction_from_region_then_currency() -> None:
    assert fiscal_year_of("AU", "") == FISCAL_YEARS["AU"]
    assert fiscal_year_of("US-KY", "").start_month == 7  # type: ignore[union-attr]
    assert fiscal_year_of(None, "The plan costs Tk 50 crore.") == FISCAL_YEARS["BD"]
    assert fiscal_year_of(None, "Revenue of S$5 billion") == FISCAL_YEARS["SG"]
    assert fiscal_year_of("IE", "") is None
