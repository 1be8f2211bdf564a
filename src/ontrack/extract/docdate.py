"""When an undated text was written, estimated from the dates it reports (`estimate_date`).

The month and year patterns are the ones `find_times` uses (ontrack.extract.timex).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Final

# the month-name and year pieces and the anchored matching shared with find_times
from .timex import _HAS_MONTH, _MON, _YEAR, MONTHS, _month_end
from .wordsearch import safe_lower

# "March 5, 2023" (with its day) and "5 March 2023" (found from "March 2023"; the day is the run
# of one or two digits before, checked by hand). One scan finds both: after a month name at most
# one of the two can follow, and no month name starts inside either.
_EST_DAY: Final = re.compile(
    rf"(?P<mon>{_MON})(?: (?P<d>\d{{1,2}}), ?(?P<yr>{_YEAR})|,? (?P<yr2>{_YEAR}))"
)
_EST_END_MONTH: Final = re.compile(
    rf"(?i:(?:by|as of|at) (?:the )?end of )(?P<mon>{_MON}),? (?P<yr>{_YEAR})"
)
_EST_LOOKING: Final = re.compile(
    rf"(?i:looking (?:ahead|forward) (?:to|into)|turning to|for the year) (?P<yr>{_YEAR})"
)
# the two above on lower-cased text (safe_lower): their words then lead with plain letters, which
# the engine can skip ahead to; the month name is checked in its original case afterwards
_EST_END_MONTH_LOW: Final = re.compile(
    rf"(?:by|as of|at) (?:the )?end of (?P<mon>{_MON.lower()}),? (?P<yr>{_YEAR})"
)
_EST_END_LEAD: Final = len("as of the ")  # the longest text before "end of" in _EST_END_MONTH_LOW
_EST_LOOKING_LOW: Final = re.compile(
    rf"(?:looking (?:ahead|forward) (?:to|into)|turning to|for the year) (?P<yr>{_YEAR})"
)
_EST_LOOKING_WORDS: Final = ("looking", "turning", "for the year")
_MON_RE: Final = re.compile(_MON)


def _est_end_months(sample: str, low: str | None, start: int = 0) -> Iterator[tuple[str, str]]:
    """(year, month name) of "by the end of March 2024" and the like, from `start` of `low`."""
    if low is None:
        for m in _EST_END_MONTH.finditer(sample):
            yield m.group("yr"), m.group("mon")
        return
    for m in _EST_END_MONTH_LOW.finditer(low, start):
        ms, me = m.span("mon")
        if _MON_RE.fullmatch(sample, ms, me):  # month names count only capitalised
            yield m.group("yr"), sample[ms:me]


def _est_looking(sample: str, low: str | None, start: int = 0) -> Iterator[str]:
    """Years of "looking ahead to 2025" and the like, from `start` of `low`."""
    if low is None:
        for m in _EST_LOOKING.finditer(sample):
            yield m.group("yr")
        return
    for m in _EST_LOOKING_LOW.finditer(low, start):
        yield m.group("yr")


def _est_days(sample: str) -> Iterator[tuple[str, str, str]]:
    """(year, month name, day) of full dates."""
    for m in _EST_DAY.finditer(sample):
        day = m.group("d")
        if day is not None:
            yield m.group("yr"), m.group("mon"), day
            continue
        s = m.start() - 1  # the space before the month
        if s < 1 or sample[s] != " " or not sample[s - 1].isdecimal():
            continue
        d = s - 1 if s < 2 or not sample[s - 2].isdecimal() else s - 2
        if d > 0 and (sample[d - 1].isdecimal() or sample[d - 1] in ".,"):
            continue  # three or more digits, or part of a decimal or a list of numbers
        yield m.group("yr2"), m.group("mon"), sample[d:s]


def estimate_date(text: str) -> date | None:
    """A best guess of when an undated text was written: the latest full date it reports,
    the end of the latest month it reports a stock for, or 1 January of the year it is
    "looking ahead to". None when the text gives no such clue."""
    best: date | None = None
    sample = text[:200_000]
    safe = safe_lower(sample)  # None when lower-casing would move offsets
    low = safe if safe is not None else sample.lower()
    month_starts = _HAS_MONTH.search(sample) is not None
    # the scans of lower-cased text start at the first place their words can (offsets of
    # `low` are those of `sample` only when it is `safe`)
    looking_at = -1
    for word in _EST_LOOKING_WORDS:
        at = low.find(word)
        if at >= 0 and (looking_at < 0 or at < looking_at):
            looking_at = at
    if not month_starts and looking_at < 0:
        return None
    for yr, mon_name, day in _est_days(sample):
        try:
            cand = date(int(yr), MONTHS[mon_name.rstrip(".").lower()], int(day))
        except (ValueError, KeyError):
            continue
        best = cand if best is None or cand > best else best
    end_of = low.find("end of")
    end_start = max(0, end_of - _EST_END_LEAD)
    for yr, mon_name in (
        _est_end_months(sample, safe, end_start) if month_starts and end_of >= 0 else ()
    ):
        mon = MONTHS[mon_name.rstrip(".").lower()]
        if mon == 12:
            continue  # year-end dates are usually deadlines, not reporting dates
        cand = date.fromisoformat(_month_end(int(yr), mon))
        best = cand if best is None or cand > best else best
    for yr in _est_looking(sample, safe, looking_at) if looking_at >= 0 else ():
        cand = date(int(yr), 1, 1)
        best = cand if best is None or cand > best else best
    return best
