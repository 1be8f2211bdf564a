from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontrack.errors import PeriodError
from ontrack.model import Frequency
from ontrack.periods import parse_period, year_to_date_of_quarter


@pytest.mark.parametrize(
    ("text", "label", "freq", "start", "end"),
    [
        ("2023", "2023", Frequency.ANNUAL, date(2023, 1, 1), date(2023, 12, 31)),
        ("2023.0", "2023", Frequency.ANNUAL, date(2023, 1, 1), date(2023, 12, 31)),
        ("2024Q1", "2024Q1", Frequency.QUARTERLY, date(2024, 1, 1), date(2024, 3, 31)),
        ("2024 q4", "2024Q4", Frequency.QUARTERLY, date(2024, 10, 1), date(2024, 12, 31)),
        ("2024-03", "2024-03", Frequency.MONTHLY, date(2024, 3, 1), date(2024, 3, 31)),
        ("2024-2", "2024-02", Frequency.MONTHLY, date(2024, 2, 1), date(2024, 2, 29)),
        ("2024M11", "2024-11", Frequency.MONTHLY, date(2024, 11, 1), date(2024, 11, 30)),
        ("2024-06-30", "2024-06-30", Frequency.DAILY, date(2024, 6, 30), date(2024, 6, 30)),
        (
            "2024-01/2024-10",
            "2024-01/2024-10",
            Frequency.YEAR_TO_DATE,
            date(2024, 1, 1),
            date(2024, 10, 31),
        ),
        # a fiscal year and other runs of whole months (the genres labelling conventions)
        (
            "2023-04/2024-03",
            "2023-04/2024-03",
            Frequency.MONTH_RANGE,
            date(2023, 4, 1),
            date(2024, 3, 31),
        ),
        (
            "2024-03/2024-05",
            "2024-03/2024-05",
            Frequency.MONTH_RANGE,
            date(2024, 3, 1),
            date(2024, 5, 31),
        ),
        ("2016-2020", "2016/2020", Frequency.MULTI_YEAR, date(2016, 1, 1), date(2020, 12, 31)),
        ("2021/2025", "2021/2025", Frequency.MULTI_YEAR, date(2021, 1, 1), date(2025, 12, 31)),
    ],
)
def test_every_period_form(text: str, label: str, freq: Frequency, start: date, end: date) -> None:
    p = parse_period(text)
    assert (p.label, p.frequency, p.start, p.end) == (label, freq, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Q1 2024",
        "2024Q5",
        "2024-13",
        "2024-02-30",
        "2020-2016",
        "2024-05/2024-03",
        "2020-01/2023-06",
        "2024-04/2024-13",
        "last year",
        "20245",
        "2023.5",
    ],
)
def test_bad_periods_say_what_is_accepted(text: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert repr(text) in str(info.value) or "period" in str(info.value)


def test_month_ranges_not_from_january_are_fiscal_years_or_runs_of_months() -> None:
    fy = parse_period("2024-04/2025-03")
    assert fy.frequency is Frequency.MONTH_RANGE
    assert (fy.start, fy.end) == (date(2024, 4, 1), date(2025, 3, 31))
    assert parse_period("2024-01/2024-06").frequency is Frequency.YEAR_TO_DATE


def test_quarter_to_year_to_date() -> None:
    assert year_to_date_of_quarter(parse_period("2024Q3")).label == "2024-01/2024-09"


@given(st.integers(1500, 2199), st.integers(1, 12))
@settings(max_examples=200, deadline=None)
def test_month_round_trips(year: int, month: int) -> None:
    p = parse_period(f"{year}-{month}")
    assert parse_period(p.label) == p
    assert p.start.day == 1 and p.end.month == month and p.start <= p.end
