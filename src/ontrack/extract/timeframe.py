"""The document's time frame: when it was published and which period it reports on.

Resolved once per document, before any sentence is read, from the front matter and the
title and lead:

* `published`: the front matter's date, else a date estimated from the text's own dates
  (`docdate.estimate_date`), else unknown: with no date and no year in the text, years stay
  unknown rather than guessed;
* `fiscal`: the fiscal year kept where the document is from (its region), which decides what
  "FY2024" or "2023-24" covers;
* `report_period`: the period the document reports on, from the first explicit period of its
  title and lead that had ended by publication ("covering July to September 2022", "the
  first quarter", "reviewed the work of 2016"); a figure with no time of its own is for that
  period;
* `review_year`: set for a report published early in a year about the year before (a
  government work report of January 2017 on 2016): its figures without a time are that
  year's results, and its aims without a deadline are the publication year's targets;
* `budget_period`: set for a budget (a "budget speech", "Budget 2024", a "national budget"):
  the fiscal year it is for, the next one to begin. Its figures with no time of their own and
  no past-tense verb are the plan's targets for that year.

The frame is then refined sentence by sentence (a heading "in 2019" keeps 2019 for its
list) by the engine's carried context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import PeriodError
from ..periods import parse_period
from .fiscal import CALENDAR, FiscalYear, fiscal_year_of
from .timex import TimeMention, find_times

# the title and lead: the first paragraphs, up to this many characters
_LEAD_CHARS = 700
# a report period ends at most this many days before publication (older periods in a lead
# are history, not what the document reports on)
_REPORT_MAX_AGE_DAYS = 550
# reviews of a year are published in its first months
_REVIEW_LAST_MONTH = 4


@dataclass(frozen=True)
class DocumentTimeFrame:
    published: date | None
    estimated: bool = False  # published was estimated from the text, not given
    fiscal: FiscalYear = CALENDAR
    report_period: str | None = None
    review_year: int | None = None
    budget_period: str | None = None

    @property
    def ref_year(self) -> int | None:
        return self.published.year if self.published else None

    def undated_target_period(self) -> str | None:
        """The deadline of an aim stated with none: the plan year of a review, else unknown."""
        if self.review_year is not None:
            return str(self.review_year + 1)
        return None


_BUDGET = re.compile(
    r"(?i)\b(?:budget (?:speech|statement|day|papers|estimates|(?P<named>(?:19|20)\d\d))|"
    r"(?:national|federal|state|annual|union|provincial|city|county|government) budget|"
    r"budget for (?:the )?(?:fy|fiscal|financial|next|coming|(?:19|20)\d\d))\b"
)


def _budget_period(lead: str, published: date | None, fiscal: FiscalYear) -> str | None:
    """The fiscal year a budget document is for, or None when the lead names no budget."""
    m = _BUDGET.search(lead)
    if m is None or published is None:
        return None
    if m.group("named"):
        return fiscal.label_named(int(m.group("named")))
    if fiscal.is_calendar:
        # a budget for a calendar year is presented late in the year before it, or in the
        # first months of its own year
        return str(published.year if published.month <= 3 else published.year + 1)
    current = fiscal.containing(published)
    months_in = (published.year - current) * 12 + published.month - fiscal.start_month
    # presented before its year begins, or in the first weeks of it
    return fiscal.label(current if months_in < 1 else current + 1)


def period_bounds(label: str | None) -> tuple[date, date] | None:
    """(start, end) of a period label; None for no label, "annual" or an unreadable one."""
    if not label or label == "annual":
        return None
    try:
        p = parse_period(label)
    except PeriodError:
        return None
    return p.start, p.end


_PARAGRAPH = re.compile(r"\n\s*\n")


def _lead(title: str, text: str) -> str:
    parts = [title] if title else []
    size = len(title)
    for para in _PARAGRAPH.split(text):
        if size >= _LEAD_CHARS:
            break
        parts.append(para)
        size += len(para)
    return "\n".join(parts)[: _LEAD_CHARS + 300]


def _report_period(mentions: list[TimeMention], published: date | None) -> str | None:
    for t in mentions:
        if t.role != "period" or not t.label:
            continue
        bounds = period_bounds(t.label)
        if bounds is None:
            continue
        if published is not None:
            start, end = bounds
            if end > published or (published - end).days > _REPORT_MAX_AGE_DAYS:
                continue
            if start.year < end.year:
                continue  # a plan period or a fiscal year in the lead is a subject, not a report
        return t.label
    return None


def document_time_frame(
    text: str,
    *,
    date_given: date | None,
    date_estimated: date | None = None,
    region_id: str | None = None,
    title: str = "",
) -> DocumentTimeFrame:
    """The time frame of a document (see the module docstring)."""
    published = date_given or date_estimated
    fiscal = fiscal_year_of(region_id)
    ref = published.year if published else None
    lead = _lead(title, text)
    mentions = find_times(lead, ref, ref, published=published, fiscal=fiscal)
    report = _report_period(mentions, published)
    review = None
    bounds = period_bounds(report)
    if (
        published is not None
        and bounds is not None
        and bounds[0].year == bounds[1].year == published.year - 1
        and bounds[0].month == 1
        and bounds[1].month == 12
        and published.month <= _REVIEW_LAST_MONTH
    ):
        review = published.year - 1
    return DocumentTimeFrame(
        budget_period=_budget_period(lead, published, fiscal),
        published=published,
        estimated=date_given is None and published is not None,
        fiscal=fiscal,
        report_period=report,
        review_year=review,
    )


def shift_years(label: str, years: int) -> str:
    """The same period `years` later (earlier when negative): 2016Q4 -> 2015Q4."""
    return re.sub(
        r"(?<!\d)(1[5-9]\d\d|2[01]\d\d)(?!\d)", lambda m: str(int(m.group(1)) + years), label
    )


def resolve_by_tense(
    mention: TimeMention | None, label: str | None, reported: bool, published: date | None
) -> str | None:
    """A period named without its year ("the fourth quarter", "in March") in a past-tense
    report is the latest such period already over at publication: a release of 28 April
    2016 on "the fourth quarter" means 2015Q4, not 2016Q4."""
    if (
        not reported
        or mention is None
        or mention.explicit
        or label is None
        or published is None
        or mention.role != "period"
    ):
        return label
    bounds = period_bounds(label)
    if bounds is None or bounds[0] <= published:
        return label
    earlier = shift_years(label, -1)
    earlier_bounds = period_bounds(earlier)
    if earlier_bounds is not None and earlier_bounds[0] <= published:
        return earlier
    return label
