"""Financial years as the periods of values: which months "FY2024" or "2023-24" cover.

A fiscal year is the twelve months of the jurisdiction's budget year, named as that country
names it: Singapore's and Japan's "FY2024" begins in April 2024 (named by its first year);
India's "FY24" and "2023-24" run April 2023 to March 2024, Australia's and Bangladesh's
"2023-24" July 2023 to June 2024, a US state's "fiscal year 2023" July 2022 to June 2023
(named by the year it ends in). The jurisdiction is the document's region, else the currency
the text is written in; where neither says, single-year names are left to the calendar-year
reading of timex.py and nothing is guessed.

Two-year forms without a fiscal word ("in 2023-24", "2023/24") are fiscal years only where
the budget year is not the calendar year; relative forms ("the past fiscal year") count from
the publication date. Labels are month ranges (`2023-04/2024-03`, see periods.py); "by the
end of FY2024" is the last day of that year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from .timex import TimeMention


@dataclass(frozen=True, slots=True)
class FiscalYear:
    start_month: int  # the month the fiscal year begins (2-12)
    named_by_end: bool  # "FY2024" names the year it ends in (True) or begins in (False)

    def label(self, first_year: int) -> str:
        """The month range of the fiscal year that begins in `first_year`."""
        m = self.start_month
        return f"{first_year}-{m:02d}/{first_year + 1}-{m - 1:02d}"

    def last_day(self, first_year: int) -> str:
        m = self.start_month - 1
        end = date(first_year + 1, m + 1, 1) if m < 12 else date(first_year + 2, 1, 1)
        return date.fromordinal(end.toordinal() - 1).isoformat()

    def first_year_of(self, day: date) -> int:
        """The first calendar year of the fiscal year `day` falls in."""
        return day.year if day.month >= self.start_month else day.year - 1


_APRIL_START: Final = FiscalYear(4, False)
_APRIL_END: Final = FiscalYear(4, True)
_JULY_END: Final = FiscalYear(7, True)
_OCTOBER_END: Final = FiscalYear(10, True)

# Budget years that are not the calendar year, by region id (ISO 3166).
FISCAL_YEARS: Final[dict[str, FiscalYear]] = {
    "GB": _APRIL_START,  # HM Treasury: "financial year 2024" begins 1 April 2024
    "JP": _APRIL_START,
    "SG": _APRIL_START,
    "HK": _APRIL_START,
    "IN": _APRIL_END,
    "CA": _APRIL_END,
    "ZA": _APRIL_END,
    "AU": _JULY_END,
    "NZ": _JULY_END,
    "BD": _JULY_END,
    "PK": _JULY_END,
    "EG": _JULY_END,
    "KE": _JULY_END,
    "UG": _JULY_END,
    "TZ": _JULY_END,
    "ET": _JULY_END,
    "US": _OCTOBER_END,  # the federal year; 46 states run July-June (region ids US-XX)
    "TH": _OCTOBER_END,
}
_US_STATE: Final = _JULY_END

# the currency a text is written in tells the jurisdiction when its region is unknown
_CURRENCY_CLUES: Final[list[tuple[str, re.Pattern[str]]]] = [
    ("SG", re.compile(r"\bS\$|\bSGD\b|Singapore dollars?")),
    ("AU", re.compile(r"\bA\$|\bAUD\b|Australian dollars?")),
    ("NZ", re.compile(r"\bNZ\$|\bNZD\b|New Zealand dollars?")),
    ("BD", re.compile(r"\bTk\.? ?\d|\bBDT\b|\btaka\b")),
    ("IN", re.compile(r"₹|\bRs\.? ?\d|\bINR\b|\brupees?\b")),
    ("GB", re.compile(r"£|\bGBP\b|pounds? sterling")),
    ("EG", re.compile(r"\bEGP\b|Egyptian pounds?")),
    ("JP", re.compile(r"\bJPY\b|\byen\b")),
]


def fiscal_year_of(region_id: str | None, text: str) -> FiscalYear | None:
    """The fiscal-year convention of a document: from its region, else its currency."""
    if region_id:
        if region_id.startswith("US-"):
            return _US_STATE
        if region_id in FISCAL_YEARS:
            return FISCAL_YEARS[region_id]
    for region, clue in _CURRENCY_CLUES:
        if clue.search(text):
            return FISCAL_YEARS[region]
    return None


_Y: Final = r"(?:19|20)?\d\d"
_NAMED_RE: Final = re.compile(
    rf"(?i)(?P<end>\b(?:by|at|as at|as of|until|to) (?:the )?end of (?:the )?)?"
    rf"(?:\bFY\s?|\b(?:fiscal|financial)(?: year)?(?: \(FY\))?\s|\bbudget year\s)"
    rf"(?P<y1>{_Y})(?:\s?[-–/]\s?(?P<y2>{_Y}))?(?![\d%])"
)
_PAIR_RE: Final = re.compile(
    rf"(?P<end>\b(?:by|at|as at|as of|until|to) (?:the )?end of )?"
    rf"(?<![\d.,/-])(?P<y1>(?:19|20)\d\d)\s?[-–/]\s?(?P<y2>{_Y})(?![\d%]|[-/]\d)"
)
_RELATIVE_RE: Final = re.compile(
    r"(?i)\b(?:the |this |its |our )?(?P<rel>past|last|previous|preceding|current|this|"
    r"next|coming|ongoing)\s+(?:fiscal|financial|budget)\s+year\b"
)
_REL_SHIFT: Final = {
    "past": -1,
    "last": -1,
    "previous": -1,
    "preceding": -1,
    "current": 0,
    "this": 0,
    "ongoing": 0,
    "next": 1,
    "coming": 1,
}
_KEYS: Final = ("fy", "fiscal", "financial", "budget year")


def _full_year(written: str, near: int | None = None) -> int:
    if len(written) == 4:
        return int(written)
    century = (near // 100) * 100 if near else 2000
    return century + int(written)


def find_fiscal_years(
    sentence: str, fiscal: FiscalYear | None, published: date | None
) -> list[TimeMention]:
    """The fiscal years named in a sentence, as time mentions (text order)."""
    out: list[TimeMention] = []
    low = sentence.lower()
    named = any(k in low for k in _KEYS)
    if named:
        for m in _NAMED_RE.finditer(sentence):
            mention = _named(m, fiscal)
            if mention is not None:
                out.append(mention)
        if fiscal is not None and published is not None:
            for m in _RELATIVE_RE.finditer(sentence):
                first = fiscal.first_year_of(published) + _REL_SHIFT[m.group("rel").lower()]
                out.append(_mention(m.start(), m.end(), fiscal, first, None))
    if fiscal is not None:
        for m in _PAIR_RE.finditer(sentence):
            if any(t.start <= m.start("y1") < t.end for t in out):
                continue
            y1 = int(m.group("y1"))
            if _full_year(m.group("y2"), y1) == y1 + 1:
                out.append(_mention(m.start(), m.end(), fiscal, y1, m.group("end")))
    out.sort(key=lambda t: t.start)
    return out


def _named(m: re.Match[str], fiscal: FiscalYear | None) -> TimeMention | None:
    y1 = _full_year(m.group("y1"))
    y2 = m.group("y2")
    if y2 is not None:
        if _full_year(y2, y1) != y1 + 1:
            return None  # "FY2021-2025" is a span of years, for timex
        if fiscal is None:
            return None  # the months of the year are not known: timex's year span stands
        return _mention(m.start(), m.end(), fiscal, y1, m.group("end"))
    if fiscal is None:
        return None
    first = y1 - 1 if fiscal.named_by_end else y1
    return _mention(m.start(), m.end(), fiscal, first, m.group("end"))


def _mention(
    start: int, end: int, fiscal: FiscalYear, first: int, end_words: str | None
) -> TimeMention:
    if end_words:
        role = "deadline" if end_words.lower().startswith(("by", "until", "to")) else "period"
        return TimeMention(start, end, role, fiscal.last_day(first), first + 1, True)
    return TimeMention(start, end, "period", fiscal.label(first), first + 1, True)


def with_fiscal_years(
    sentence: str, times: list[TimeMention], fiscal: FiscalYear | None, published: date | None
) -> list[TimeMention]:
    """`times` with the fiscal years of the sentence in place of what they overlap."""
    years = find_fiscal_years(sentence, fiscal, published)
    if not years:
        return times
    kept = [t for t in times if not any(t.start < y.end and y.start < t.end for y in years)]
    return sorted(kept + years, key=lambda t: t.start)
