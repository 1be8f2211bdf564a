"""Vintages for people and for ordering: when a release was made, and what to call it.

A vintage is free text in the data ("first release (NBS 2024-01-17)", "NBS database
export, committed to GitHub 2021", "later provincial figure (China Daily, 2019-11)") or
an automatic one written by ingest ("2026-12-03T21:31:13Z#4"). Two things are read from it:

* `vintage_date`: the latest date it names (a day, a month or a year), so that "the
  latest vintage" of a period means the latest *release*, not the row loaded last;
* `vintage_label`: a name a reader understands ("loaded 3 Dec 2026, no vintage named in
  the file", "derived from other published figures").
"""

from __future__ import annotations

import re
from datetime import date

_ISO_DAY = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_ISO_MONTH = re.compile(r"\b((?:19|20)\d\d)-(\d\d)\b(?!-\d)")
_MONTH_WORD = re.compile(
    r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+((?:19|20)\d\d)\b"
)
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])")
_AUTO = re.compile(r"^((?:19|20)\d\d-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d)?Z?#(\d+)$")
_DOCUMENT = re.compile(r"^reported in document (\w+)$")
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def vintage_date(vintage: str | None) -> date | None:
    """The latest date a vintage names: a day, else a month (its first day), else a year
    (1 January). Years of plans ("14th FYP") are not dates; None when there is none."""
    text = vintage or ""
    found: list[date] = []
    for m in _ISO_DAY.finditer(text):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append(d)
    if not found:
        for m in _ISO_MONTH.finditer(text):
            d = _safe(int(m.group(1)), int(m.group(2)), 1)
            if d:
                found.append(d)
        for m in _MONTH_WORD.finditer(text):
            found.append(date(int(m.group(2)), MONTHS.index(m.group(1).lower()[:3]) + 1, 1))
    if not found:
        found = [date(int(m.group(1)), 1, 1) for m in _YEAR.finditer(text)]
    return max(found) if found else None


def named_date(text: str | None) -> str | None:
    """The latest day or month a text names, as written precision ('2024-01-17', '2019-11'),
    for citing; a bare year is not a publication date (a 'communique 2022' is about 2022)."""
    text = text or ""
    days = [m.group(0) for m in _ISO_DAY.finditer(text) if _safe(*map(int, m.groups()))]
    if days:
        return max(days)
    months = [f"{m.group(1)}-{m.group(2)}" for m in _ISO_MONTH.finditer(text)]
    months += [
        f"{m.group(2)}-{MONTHS.index(m.group(1).lower()[:3]) + 1:02d}"
        for m in _MONTH_WORD.finditer(text)
    ]
    valid = [m for m in months if 1 <= int(m[5:]) <= 12]
    return max(valid) if valid else None


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1].capitalize()} {d.year}"


def vintage_label(vintage: str | None) -> str:
    """A vintage as a reader should see it; text written by a person is kept as it is."""
    text = (vintage or "").strip()
    if not text:
        return "not named in the data"
    auto = _AUTO.match(text)
    if auto:
        when = date.fromisoformat(auto.group(1))
        return f"loaded {_day(when)} (the file named no vintage; automatic number {auto.group(3)})"
    if text.upper() == "DERIVED":
        return "derived: computed from other published figures"
    doc = _DOCUMENT.match(text)
    if doc:
        return "reported in the statement's own document (self-reported)"
    return text


__all__ = ["named_date", "vintage_date", "vintage_label"]
