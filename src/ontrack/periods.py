"""Periods: the one place that knows how a period string is written and what span it covers.

Canonical forms (what `Period.label` returns and the store keeps):

    2023                 a calendar year                    Frequency.ANNUAL
    2024Q1               a quarter                          Frequency.QUARTERLY
    2024-03              a month                            Frequency.MONTHLY
    2024-06-30           a day (a stock at that date)       Frequency.DAILY
    2024-01/2024-10      January to October, cumulative     Frequency.YEAR_TO_DATE
    2023-04/2024-03      whole months, e.g. a fiscal year   Frequency.MONTH_RANGE
    2016/2020            several whole years (a plan)       Frequency.MULTI_YEAR

Accepted on input as well: `2016-2020`, `2016–2020`, `2024 Q1`, `2024q1`, `2024-3`,
`2024/03`, `2024M03`, `2024-01~2024-10`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .errors import PeriodError
from .model import Frequency

_YEAR = r"(1[5-9]\d\d|2[01]\d\d)"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"^{_YEAR}$"), "year"),
    (re.compile(rf"^{_YEAR}\s*[Qq]([1-4])$"), "quarter"),
    (re.compile(rf"^{_YEAR}\s*[-/Mm]\s*(\d{{1,2}})$"), "month"),
    (re.compile(rf"^{_YEAR}-(\d{{1,2}})-(\d{{1,2}})$"), "day"),
    (re.compile(rf"^{_YEAR}\s*[-–—/~]\s*{_YEAR}$"), "years"),
    (
        re.compile(rf"^{_YEAR}-(\d{{1,2}})\s*[/~–—]\s*{_YEAR}-(\d{{1,2}})$"),
        "months",
    ),
]


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    frequency: Frequency
    start: date
    end: date

    @property
    def year(self) -> int:
        """The calendar year the period ends in (the year a figure is 'for')."""
        return self.end.year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _check_month(text: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise PeriodError(f"period {text!r}: month {month} is not 1-12")


@lru_cache(maxsize=65536)
def parse_period(text: str) -> Period:
    """Parse one period string; raise PeriodError naming the accepted forms."""
    raw = str(text).strip()
    # Spreadsheets turn 2023 into 2023.0; accept that, nothing looser.
    if re.fullmatch(rf"{_YEAR}\.0+", raw):
        raw = raw.split(".")[0]
    for pattern, form in _PATTERNS:
        m = pattern.match(raw)
        if not m:
            continue
        g = [int(x) for x in m.groups()]
        if form == "year":
            y = g[0]
            return Period(str(y), Frequency.ANNUAL, date(y, 1, 1), date(y, 12, 31))
        if form == "quarter":
            y, q = g
            return Period(
                f"{y}Q{q}", Frequency.QUARTERLY, date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
            )
        if form == "month":
            y, mo = g
            _check_month(raw, mo)
            return Period(f"{y}-{mo:02d}", Frequency.MONTHLY, date(y, mo, 1), _month_end(y, mo))
        if form == "day":
            y, mo, d = g
            _check_month(raw, mo)
            try:
                day = date(y, mo, d)
            except ValueError as exc:
                raise PeriodError(f"period {text!r}: {exc}") from None
            return Period(day.isoformat(), Frequency.DAILY, day, day)
        if form == "years":
            a, b = g
            if b <= a:
                raise PeriodError(f"period {text!r}: the second year must be after the first")
            return Period(f"{a}/{b}", Frequency.MULTI_YEAR, date(a, 1, 1), date(b, 12, 31))
        if form == "months":
            y1, m1, y2, m2 = g
            _check_month(raw, m1)
            _check_month(raw, m2)
            if (y2, m2) < (y1, m1):
                raise PeriodError(f"period {text!r}: the range ends before it starts")
            # from January within one year: year to date; otherwise whole months, such as
            # a fiscal year (2023-04/2024-03) or "the four quarters to June" (2024-07/2025-06)
            ytd = y1 == y2 and m1 == 1
            return Period(
                f"{y1}-{m1:02d}/{y2}-{m2:02d}",
                Frequency.YEAR_TO_DATE if ytd else Frequency.MONTH_RANGE,
                date(y1, m1, 1),
                _month_end(y2, m2),
            )
    raise PeriodError(
        f"unknown period {text!r}: use 2023, 2024Q1, 2024-03, 2024-06-30, "
        "2024-01/2024-10 (year to date), 2023-04/2024-03 (months) or 2016-2020 (several years)"
    )


def year_to_date_of_quarter(period: Period) -> Period:
    """The cumulative period from January to the end of a quarter (2024Q3 -> 2024-01/2024-09)."""
    if period.frequency is not Frequency.QUARTERLY:
        raise PeriodError(f"{period.label} is not a quarter")
    return parse_period(f"{period.start.year}-01/{period.end.year}-{period.end.month:02d}")
