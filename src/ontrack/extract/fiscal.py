"""Fiscal years: which months "FY2024", "2023-24" or "the last financial year" cover.

A fiscal year is named by the country that keeps it: Japan's and Singapore's "FY2024" starts
in April 2024 (named for the year it starts in), India's "FY24" and Bangladesh's "FY24" end in
March and June 2024 (named for the year they end in), a US federal "fiscal year 2023" runs
from October 2022. The document's region decides; a country that keeps calendar fiscal years
(or an unknown one) reads "FY2024" as the calendar year 2024.

Labels are month ranges in the period grammar (`2024-04/2025-03`), or the plain year when the
fiscal year is the calendar year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FiscalYear:
    """A jurisdiction's fiscal year: the month it starts in, and whether a single-year name
    ("FY2024", "fiscal 2024") is the year it ends in (True) or starts in (False)."""

    start_month: int = 1
    named_by_end: bool = True

    @property
    def is_calendar(self) -> bool:
        return self.start_month == 1

    def first_year(self, named: int) -> int:
        """The calendar year in which fiscal year `named` ("FY2024" -> 2024) starts."""
        if self.is_calendar or not self.named_by_end:
            return named
        return named - 1

    def label(self, first_year: int) -> str:
        """The period label of the fiscal year starting in `first_year`."""
        if self.is_calendar:
            return str(first_year)
        m = self.start_month
        end_month = m - 1
        return f"{first_year}-{m:02d}/{first_year + 1}-{end_month:02d}"

    def label_named(self, named: int) -> str:
        return self.label(self.first_year(named))

    def label_span(self, y1: int, y2: int) -> str | None:
        """ "2023-24", "2023/24", "2021-2022": the fiscal year from y1 to y2 (consecutive years),
        None when this jurisdiction's fiscal year is the calendar year or y2 is not y1 + 1."""
        if self.is_calendar or y2 != y1 + 1:
            return None
        return self.label(y1)

    def containing(self, day: date) -> int:
        """The first calendar year of the fiscal year that contains `day`."""
        return day.year if day.month >= self.start_month else day.year - 1


CALENDAR = FiscalYear()

# Fiscal years that are not the calendar year, by ISO 3166 alpha-2 code of the country (public
# budget conventions of each government). Countries not listed keep calendar fiscal years.
_BY_COUNTRY: dict[str, FiscalYear] = {
    # April to March
    "JP": FiscalYear(4, named_by_end=False),
    "SG": FiscalYear(4, named_by_end=False),
    "HK": FiscalYear(4, named_by_end=False),
    "IN": FiscalYear(4),
    "GB": FiscalYear(4),
    "CA": FiscalYear(4),
    "ZA": FiscalYear(4),
    "NZ": FiscalYear(7),  # July to June
    "AU": FiscalYear(7),
    "BD": FiscalYear(7),
    "PK": FiscalYear(7),
    "EG": FiscalYear(7),
    "KE": FiscalYear(7),
    "UG": FiscalYear(7),
    "TZ": FiscalYear(7),
    "US": FiscalYear(10),  # the federal year; most states run July to June
    "TH": FiscalYear(10),
}
# region ids that stand for those countries' parts (nations of the UK)
_ALIASES: dict[str, str] = {"GB-ENG": "GB", "GB-SCT": "GB", "GB-WLS": "GB", "GB-NIR": "GB"}


def fiscal_year_of(region_id: str | None) -> FiscalYear:
    """The fiscal year kept in a region (a country's ISO code or a subdivision code)."""
    if not region_id:
        return CALENDAR
    rid = region_id.upper()
    rid = _ALIASES.get(rid, rid)
    if rid in _BY_COUNTRY:
        return _BY_COUNTRY[rid]
    country = rid.split("-", 1)[0]
    return _BY_COUNTRY.get(country, CALENDAR)
