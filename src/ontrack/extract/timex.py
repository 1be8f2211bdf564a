"""Time expressions in a sentence -> canonical period strings (see `ontrack.periods`).

Each mention has a role:
  period    the span a figure is measured over ("in 2023", "the first quarter", "last year")
  deadline  a target's deadline ("by 2025" -> 2025, "by the end of 2024" -> 2024-12-31)
  baseline  what a change is measured from ("from 2020", "the same period last year")
  event     a calendar date of an event ("on January 23", "1 Jun 2022"); used for dating only
  annual    a recurring yearly goal ("every year")
Relative expressions ("last year", "this year", "the year") are resolved against a
reference year; when none is known the mention keeps its span but has no label.

All patterns are linear (no nested quantifiers), so long or hostile input cannot make them
backtrack catastrophically.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from .fiscal import CALENDAR, FiscalYear
from .lexicon import ORDINAL_WORDS, WORD_NUMBERS

MONTHS: Final = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# "the first quarter", "the 3rd quarter": ordinals up to twelve, in words or digits.
ORDINALS: Final = {
    **{w: n for w, n in ORDINAL_WORDS.items() if n <= 12},
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
# "the past five years", "the first ten months": spelled numbers one to twelve.
SMALL_NUMBERS: Final = {
    w: n for w, n in WORD_NUMBERS.items() if w.isalpha() and 1 <= n <= 12 and w != "dozen"
}

# Month names are matched case-sensitively (so the modal "may" is not a month).
_MON: Final = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_UNIT_AHEAD: Final = (
    r"(?!(?i:\s?-?(?:%|percent|per cent|pct|yuan|tons?\b|tonnes?|kilowatt|kw|gw|gigawatt|twh|kwh|"
    r"million|billion|trillion|thousand|bn\b|units|vehicles|cubic|people|persons|jobs)))"
)
_YEAR: Final = r"(?<![\d.,\-/])(?:19|20)\d\d(?![\d%])" + _UNIT_AHEAD
_REL: Final = r"(?i:this year|next year|last year|the year|the current year|the previous year)"
_YREF: Final = rf"(?:{_YEAR}|{_REL})"

_I: Final = re.IGNORECASE


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Order matters: earlier patterns win overlaps. Patterns marked "lc" run on the lower-cased
# sentence (same offsets) so they need no case-insensitive flag; all begin with a literal or a
# digit (no optional prefix, no leading look-behind) so the regex engine can skip ahead fast.
_Y: Final = r"(?:19|20)\d\d(?![\d%])" + _UNIT_AHEAD  # a year at the start of a pattern
_YL: Final = r"(?:this year|next year|last year|the year|the current year|the previous year)"
_YREF_LC: Final = rf"(?:{_YEAR}|{_YL})"
# the words right before the year of "from (the) 2020 (levels)" and "by 2025"; no digits in them
_BASELINE_WORDS: Final = (
    r"(?:from|over|than|compared (?:with|to)|relative to|versus|vs\.?|against|since) "
    r"(?:(?:the|its) )?(?:end of |level of |levels of )?(?:in )?"
)
_DEADLINE_WORDS: Final = r"(?:by|before|until|till|through to|through|no later than|up to) "
# ... and before the month name of "5th March" and "in March"; no capitals in them
_DAY_WORDS: Final = r"(?P<d>\d{1,2})(?:st|nd|rd|th)? "
_IN_MONTH_WORDS: Final = r"(?:in|during|for|since|by) "
_PATTERNS: Final[list[tuple[str, re.Pattern[str], bool]]] = [
    # fiscal years named with a fiscal word: "FY2024", "FY 2023-24", "fiscal 2024",
    # "fiscal year 2012-2013", "the 2023-24 financial year"
    (
        "fiscal",
        _c(
            r"(?:fy|fiscal year|financial year|fiscal) ?(?P<y1>(?:19|20)\d\d|\d\d)"
            r"(?: ?[-–/] ?(?P<y2>(?:19|20)\d\d|\d\d))?(?![\d%])"
        ),
        True,
    ),
    (
        "fiscal",
        _c(
            r"(?P<y1>(?:19|20)\d\d) ?[-–/] ?(?P<y2>(?:19|20)\d\d|\d\d)(?![\d%]) "
            r"(?:fiscal|financial|budget) year"
        ),
        True,
    ),
    # "the last financial year", "the current fiscal year"
    (
        "fiscal_rel",
        _c(
            r"(?:the )?(?P<rel>last|past|previous|preceding|current|this|next|coming) "
            r"(?:fiscal|financial) year"
        ),
        True,
    ),
    # "2023-24", "2023/24", "2021-2022" alone: a fiscal year where fiscal years are not the
    # calendar year (else the span pattern below reads it as two years)
    ("fiscal_span", _c(r"(?P<y1>(?:19|20)\d\d) ?[-–/] ?(?P<y2>(?:19|20)\d\d|\d\d)(?![\d%])"), True),
    # twelve months named for their last month: "the 12 months to December", "the year
    # ending March 2024" (a statistics release's rolling year)
    (
        "year_to",
        _c(
            rf"(?:the )?(?i:(?:12|twelve) months|year) (?i:to|ending|ended|through|up to) "
            rf"(?:(?i:the end of) )?(?P<mon>{_MON})(?:,? (?P<yr>{_YEAR}))?"
        ),
        False,
    ),
    # horizons counted from the publication: "over the next decade", "within the next 36
    # months", "in the coming five years", "by the end of the decade"
    (
        "horizon",
        _c(
            r"(?:over|in|during|within|for|across) the (?:next|coming|following) "
            r"(?:(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
            r"twenty|thirty) (?P<u>years|months|decades)|(?P<decade>decade))"
        ),
        True,
    ),
    (
        "horizon",
        _c(
            r"within (?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"fifteen|twenty|thirty) (?P<u>years|months)"
        ),
        True,
    ),
    ("decade_end", _c(r"(?:by|before|until|till|at) the end of (?:the|this) decade"), True),
    ("iso_date", _c(r"(?:19|20)\d\d-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?"), False),
    ("iso_month", _c(r"(?:19|20)\d\d[-/](?:0[1-9]|1[0-2])(?![\d\-/])"), False),
    ("clock", _c(r"\d{1,2}:\d\d(?![\d])"), False),
    (
        "plan_end",
        _c(
            r"(?:by|at|before|until|towards?) (?:the )?end of (?:the )?(?P<n>\d{1,2})"
            r"(?:st|nd|rd|th) five-year plan[”\"’']?"
            r"(?: period)?(?: ?\((?P<y1>(?:19|20)\d\d) ?[-–—~] ?(?P<y2>\d{2,4})\))?"
        ),
        True,
    ),
    (
        "plan_end",
        _c(
            r"(?:when|as|once) the (?P<n>\d{1,2})(?:st|nd|rd|th) five-year plan[”\"’']?"
            r"(?: period)?(?: ?\((?P<y1>(?:19|20)\d\d) ?[-–—~] ?(?P<y2>\d{2,4})\))? "
            r"(?:comes to an end|ends|concludes|is completed)"
        ),
        True,
    ),
    (
        "plan",
        _c(
            r"(?P<n>\d{1,2})(?:st|nd|rd|th) five-year plan[”\"’']?(?: period)?"
            r"(?: ?\((?P<y1>(?:19|20)\d\d) ?[-–—~] ?(?P<y2>\d{2,4})\))?"
        ),
        True,
    ),
    (
        "end_of",
        _c(
            rf"(?i:by|as of|at|until|till|to|since|before) (?:the )?end(?: of|-) ?(?:the )?"
            rf"(?:(?P<mon>{_MON}) ?(?:of )?)?(?P<yr>{_YREF})?"
        ),
        False,
    ),
    ("end_of", _c(rf"end-(?P<mon>{_MON})?(?P<yr>{_YEAR})?"), False),
    ("ytd_q", _c(rf"first (?P<nq>two|three|2|3) quarters(?: of (?P<yr>{_YREF_LC}))?"), True),
    (
        "ytd_m",
        _c(
            rf"first (?P<nm>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven) "
            rf"months(?: of (?P<yr>{_YREF_LC}))?"
        ),
        True,
    ),
    (
        "half",
        _c(rf"(?P<h>first|second|1st|2nd)[ -]half(?: ?\(h[12]\))?(?: of (?P<yr>{_YREF_LC}))?"),
        True,
    ),
    ("half", _c(rf"H(?P<h>[12])(?: (?P<yr>{_YEAR}))?(?![\w])"), False),
    (
        "quarter",
        _c(
            rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[ -]quarter"
            rf"(?: of (?P<yr>{_YREF_LC}))?"
        ),
        True,
    ),
    ("quarter", _c(rf"(?P<yr0>{_Y}) ?Q(?P<q>[1-4])(?!\w)"), False),
    ("quarter", _c(rf"Q(?P<q>[1-4])(?: (?P<yr>{_YEAR}))?(?!\w)"), False),
    # quarters named for their last month: "the September quarter", "the 2019 June quarter"
    (
        "quarter_m",
        _c(
            rf"(?:(?P<yr0>{_Y}) )?(?P<mon>March|June|September|December) quarter"
            rf"(?:,? (?:of )?(?P<yr>{_YEAR}))?"
        ),
        False,
    ),
    (
        "month_range",
        _c(
            rf"(?P<m1>{_MON}) ?(?:to|through|and|-|–|—) ?(?P<m2>{_MON})"
            rf"(?:,? (?P<yr>{_YEAR}))?"
        ),
        False,
    ),
    # "June 5", "June 5th, 2022" (not the "20" of "June 2022")
    (
        "day",
        _c(rf"(?P<mon>{_MON}) (?P<d>\d{{1,2}})(?![\d.,])(?:st|nd|rd|th)?(?:, ?(?P<yr>{_YEAR}))?"),
        False,
    ),
    ("day", _c(rf"{_DAY_WORDS}(?P<mon>{_MON})(?: (?P<yr>{_YEAR}))?"), False),
    ("month", _c(rf"(?P<mon>{_MON}),? (?P<yr>{_YEAR})"), False),
    ("month", _c(rf"{_IN_MONTH_WORDS}(?P<mon>{_MON})(?![\w])"), False),
    (
        "span",
        _c(
            rf"(?P<y1>{_Y}) ?(?:-|–|—|~|to|through) ?(?P<y2>(?:19|20)\d\d|\d\d)(?![\d%])"
            r"(?: period)?"
        ),
        True,
    ),
    (
        "past_n",
        _c(
            r"(?:over|in|during) the (?:past|last) (?P<n>\d{1,2}|two|three|four|five|six|seven|"
            r"eight|nine|ten) years"
        ),
        True,
    ),
    (
        "baseline_rel",
        _c(
            r"(?:over|from|than|compared (?:with|to)|versus|on|against) (?:that of |those of )?"
            r"(?:the same (?:period|quarter|month|half|time|week) (?:of |in )?(?:last year|"
            r"the previous year|the prior year|a year (?:earlier|ago|before))|"
            r"the same (?:period|quarter|month|half|time) a year (?:earlier|ago)|"
            r"a year (?:earlier|ago)|the previous year|the preceding year|the prior year|last year|"
            r"the beginning of the year|the start of the year|the same (?:period|quarter|month))"
        ),
        True,
    ),
    (
        "baseline_rel",
        _c(r"the same (?:period|quarter|month|half) (?:of |in )?(?:last year|the previous year)"),
        True,
    ),
    (
        "baseline_rel",
        _c(
            r"(?:from|over|than|compared (?:with|to)|versus|against) (?:[\w’']+ ){0,3}?"
            r"(?:last year|a year (?:earlier|ago))"
        ),
        True,
    ),
    ("baseline_year", _c(rf"{_BASELINE_WORDS}(?P<yr>{_YEAR})(?: levels?)?"), True),
    ("baseline_year", _c(rf"(?P<yr>{_Y}) levels?(?![\w])"), True),
    ("deadline_year", _c(rf"{_DEADLINE_WORDS}(?P<yr>{_YEAR})"), True),
    ("deadline_rel", _c(r"by (?P<rel>this year|next year)"), True),
    ("year", _c(rf"(?P<yr>{_Y})"), False),
    (
        "rel",
        _c(
            r"(?P<rel>this year|next year|last year|the last year|the past year|the current year|"
            r"the year|this year's|the previous year)"
        ),
        True,
    ),
    ("since_start", _c(r"since the (?:beginning|start) of (?:this|the) year"), True),
    ("now", _c(r"\b(?:currently|at present|presently|so far|as of now|to date|now|today)\b"), True),
    ("annual", _c(r"\b(?:every year|each year|annually|per annum)(?![\w-])"), True),
]
# Kinds whose match must not continue a longer number or word on the left.
_LEFT_CLEAN: Final = {
    "fiscal",
    "fiscal_span",
    "quarter_m",
    "iso_date",
    "iso_month",
    "clock",
    "span",
    "baseline_year",
    "year",
    "quarter",
    "half",
    "day",
    "plan",
    "rel",
    "past_n",
    "since_start",
}


_FROM_BEFORE: Final = re.compile(r"(?i)\b(?:from|since|compared (?:with|to)|than|over)\b[^,;]*$")


_HAS_MONTH: Final = re.compile(_MON)

# Cheap tests that a pattern can match at all: a pattern of these kinds needs one of its
# trigger words in the lower-cased sentence (year and month patterns need a year or a month).
_TRIGGERS: Final[dict[str, tuple[str, ...]]] = {
    "clock": (":",),
    "plan_end": ("five-year",),
    "plan": ("five-year",),
    "end_of": ("end",),
    "ytd_q": ("quarters",),
    "ytd_m": ("months",),
    "half": ("half", "h1", "h2"),
    "quarter": ("quarter", "q1", "q2", "q3", "q4"),
    "past_n": ("past", "last"),
    "baseline_rel": ("year", "period", "quarter", "month"),
    "deadline_rel": ("year",),
    "rel": ("year",),
    "since_start": ("since",),
    "now": ("now", "current", "present", "so far", "to date", "today"),
    "annual": ("year", "annual", "annum"),
    "fiscal": ("fy", "fiscal", "financial", "budget year"),
    "fiscal_rel": ("fiscal", "financial"),
    "horizon": ("next", "coming", "following", "within"),
    "decade_end": ("decade",),
    "quarter_m": ("quarter",),
    "year_to": (
        "months to",
        "months end",
        "year to",
        "year end",
        "months through",
        "year through",
        "months up to",
        "year up to",
    ),
}
_YEAR_KINDS: Final = {
    "iso_date", "iso_month", "span", "baseline_year", "deadline_year", "year", "fiscal_span"
}  # fmt: skip
_MONTH_KINDS: Final = {"month_range", "day", "month"}
_ANY_YEAR: Final = re.compile(r"(?:19|20)\d\d")


@dataclass(slots=True, init=False)
class TimeMention:
    start: int
    end: int
    role: str  # period | deadline | baseline | event | annual | now
    label: str | None  # canonical period string or None when unresolved
    year: int | None  # the calendar year it ends in
    explicit: bool  # True when the year is written out

    def __init__(
        self, start: int, end: int, role: str, label: str | None, year: int | None, explicit: bool
    ) -> None:
        self.start = start
        self.end = end
        self.role = role
        self.label = label
        self.year = year
        self.explicit = explicit


def _month_end(y: int, m: int) -> str:
    return date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def _year(text: str | None) -> int | None:
    if text and text.isdigit() and len(text) == 4:
        return int(text)
    return None


def _rel_year(rel: str | None, ref: int | None, ctx: int | None) -> int | None:
    if not rel:
        return None
    r = rel.lower().replace("'s", "")
    if r in {"this year", "the current year"}:
        return ref if ref is not None else ctx
    if r == "the year":
        return ctx if ctx is not None else ref
    base = ref if ref is not None else ctx
    if base is None:
        return None
    if r in {"last year", "the last year", "the past year", "the previous year"}:
        return base - 1
    if r == "next year":
        return base + 1
    return None


def _yr(m: re.Match[str], name: str, ref: int | None, ctx: int | None) -> tuple[int | None, bool]:
    text = m.groupdict().get(name)
    if not text:
        return ref if ref is not None else ctx, False
    y = _year(text)
    if y is not None:
        return y, True
    return _rel_year(text, ref, ctx), False


def _num(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return SMALL_NUMBERS.get(w)


def _plan_years(m: re.Match[str]) -> tuple[int, int] | None:
    y1 = _year(m.group("y1"))
    y2s = m.group("y2")
    if y1 and y2s:
        y2 = int(y2s) if len(y2s) == 4 else y1 // 100 * 100 + int(y2s)
        if y2 > y1:
            return y1, y2
    n = int(m.group("n"))
    if n < 4 or n > 30:
        return None
    start = 1971 + 5 * (n - 4)  # the 4th plan was 1971-1975; plans run five calendar years
    return start, start + 4


def find_times(
    sentence: str,
    ref_year: int | None,
    ctx_year: int | None,
    low: str | None = None,
    *,
    published: date | None = None,
    fiscal: FiscalYear = CALENDAR,
) -> list[TimeMention]:
    """Every time expression in `sentence`, non-overlapping, in text order.

    ref_year: the publication year (for "this/last/next year"); ctx_year: the year the text is
    currently talking about (for "the year", "the first quarter"). `low` is
    `sentence.lower()` when the caller has it (same length as the sentence). `published`
    (the publication date) resolves horizons in months and relative fiscal years; `fiscal` is
    the fiscal year of the document's jurisdiction.
    Patterns are tried in order; an earlier pattern's match wins any overlap.
    """
    if low is None or len(low) != len(sentence):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in sentence)
    has_year = _ANY_YEAR.search(sentence) is not None
    has_month = _HAS_MONTH.search(sentence) is not None
    taken: list[tuple[int, int]] = []
    out: list[TimeMention] = []
    for kind, pattern, lc in _PATTERNS:
        if kind in _YEAR_KINDS:
            if not has_year:
                continue
        elif kind in _MONTH_KINDS:
            if not has_month:
                continue
        elif kind in _TRIGGERS and not any(t in low for t in _TRIGGERS[kind]):
            continue
        for m in pattern.finditer(low if lc else sentence):
            s, e = m.start(), m.end()
            if s == e or _overlaps(taken, s, e):
                continue
            if s > 0 and kind in _LEFT_CLEAN:
                left = sentence[s - 1]
                if left.isalnum() or left in "_.,-/" and kind != "rel":
                    continue
            mention = _interpret(kind, m, ref_year, ctx_year, published, fiscal)
            if mention is None:
                continue
            taken.append((s, e))
            out.append(_role_from_preposition(sentence, mention))
    out.sort(key=lambda t: t.start)
    return out


# what a change is measured against: "than in September 2013", "compared with the first
# quarter", "below the level seen in the 2019 September quarter", "from the 2018 level"
_BASE_PREPOSITION: Final = re.compile(
    r"(?i)\b(?:from|than|compared (?:with|to)|against|relative to|versus|vs\.?|since|"
    r"(?:below|above|over|under)(?= the levels?\b))"
    r" (?:the |that |those |its |their )?(?:levels? |figures? |rates? )?"
    r"(?:(?:seen|recorded|reported|registered|of) )?(?:in |of |for |during )?(?:the |a )?$"
)


_RANGE_WORD: Final = re.compile(r" to | through |[-–—~]")


def _role_from_preposition(sentence: str, mention: TimeMention) -> TimeMention:
    """A period right after a baseline preposition is the base of a change, not the period of
    the figure ("up 3 percent than in March 2023")."""
    if mention.role != "period" or mention.start == 0:
        return mention
    before = _BASE_PREPOSITION.search(sentence, max(0, mention.start - 48), mention.start)
    # "from January to June", "from 2021-2025": a range, not a base
    ranged = _RANGE_WORD.search(sentence, mention.start, mention.end) is not None
    if before and ranged and before.group(0).lower().startswith(("from", "since")):
        return mention
    if before:
        return TimeMention(
            mention.start, mention.end, "baseline", mention.label, mention.year, mention.explicit
        )
    return mention


def _overlaps(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(e > a and s < b for a, b in taken)


def _interpret(
    kind: str,
    m: re.Match[str],
    ref: int | None,
    ctx: int | None,
    published: date | None = None,
    fiscal: FiscalYear = CALENDAR,
) -> TimeMention | None:
    s, e = m.start(), m.end()
    text = m.group(0).lower()
    if kind in {"fiscal", "fiscal_span", "fiscal_rel", "horizon", "decade_end"}:
        return _interpret_frame(kind, m, ref, ctx, published, fiscal)
    if kind in {"iso_date", "iso_month", "clock"}:
        return TimeMention(s, e, "event", None, None, True)
    if kind in {"plan", "plan_end"}:
        years = _plan_years(m)
        if years is None:
            return None
        y1, y2 = years
        if kind == "plan_end":
            return TimeMention(s, e, "deadline", f"{y2}-12-31", y2, True)
        role = "baseline" if _FROM_BEFORE.search(m.string, max(0, s - 40), s) else "period"
        return TimeMention(s, e, role, f"{y1}/{y2}", y2, True)
    if kind == "end_of":
        gd = m.groupdict()
        if not gd.get("mon") and not gd.get("yr"):
            return None
        y, explicit = _yr(m, "yr", ref, ctx)
        mon = MONTHS.get((gd.get("mon") or "December").rstrip(".").lower(), 12)
        role = (
            "deadline" if text.lower().startswith(("by", "until", "till", "before")) else "period"
        )
        if text.lower().startswith("since"):
            role = "baseline"
        label = _month_end(y, mon) if y else None
        return TimeMention(s, e, role, label, y, explicit)
    if kind == "year_to":
        mon = MONTHS[m.group("mon").rstrip(".").lower()]
        y = _year(m.group("yr"))
        explicit = y is not None
        if y is None and published is not None:
            # the latest such twelve months already over at publication
            y = published.year if mon < published.month else published.year - 1
        elif y is None:
            y = ctx if ctx is not None else ref
        if y is None:
            return TimeMention(s, e, "period", None, None, False)
        label = str(y) if mon == 12 else f"{y - 1}-{mon + 1:02d}/{y}-{mon:02d}"
        return TimeMention(s, e, "period", label, y, explicit)
    if kind == "ytd_q":
        n = _num(m.group("nq")) or 3
        y, explicit = _yr(m, "yr", ref, ctx)
        label = f"{y}-01/{y}-{3 * n:02d}" if y else None
        return TimeMention(s, e, "period", label, y, explicit)
    if kind == "ytd_m":
        nm = _num(m.group("nm"))
        if not nm or nm > 12:
            return None
        n = nm
        y, explicit = _yr(m, "yr", ref, ctx)
        label = f"{y}-01/{y}-{n:02d}" if y else None
        return TimeMention(s, e, "period", label, y, explicit)
    if kind == "half":
        h = m.group("h").lower()
        y, explicit = _yr(m, "yr", ref, ctx)
        if not y:
            return TimeMention(s, e, "period", None, None, False)
        label = f"{y}-01/{y}-06" if h in {"first", "1st", "1"} else str(y)
        return TimeMention(s, e, "period", label, y, explicit)
    if kind == "quarter":
        q = ORDINALS.get(m.group("q").lower()) or int(m.group("q"))
        gd = m.groupdict()
        if gd.get("yr0"):
            y, explicit = int(gd["yr0"]), True
        else:
            y, explicit = _yr(m, "yr", ref, ctx)
        label = f"{y}Q{q}" if y else None
        return TimeMention(s, e, "period", label, y, explicit)
    if kind == "quarter_m":
        q = MONTHS[m.group("mon").lower()] // 3
        gd = m.groupdict()
        if gd.get("yr0"):
            y, explicit = int(gd["yr0"]), True
        else:
            y, explicit = _yr(m, "yr", ref, ctx)
        return TimeMention(s, e, "period", f"{y}Q{q}" if y else None, y, explicit)
    if kind == "month_range":
        m1 = MONTHS[m.group("m1").rstrip(".").lower()]
        m2 = MONTHS[m.group("m2").rstrip(".").lower()]
        if m2 <= m1:
            return None
        y, explicit = _yr(m, "yr", ref, ctx)
        if not y:
            return TimeMention(s, e, "period", None, None, False)
        quarter = m1 % 3 == 1 and m2 == m1 + 2  # "July to September"
        label = f"{y}Q{m2 // 3}" if quarter else f"{y}-{m1:02d}/{y}-{m2:02d}"
        return TimeMention(s, e, "period", label, y, explicit)
    if kind == "day":
        mon = MONTHS[m.group("mon").rstrip(".").lower()]
        d = int(m.group("d"))
        y = _year(m.groupdict().get("yr"))
        label = None
        if y:
            try:
                label = date(y, mon, d).isoformat()
            except ValueError:
                return None
        return TimeMention(s, e, "event", label, y, y is not None)
    if kind == "month":
        mon = MONTHS[m.group("mon").rstrip(".").lower()]
        y, explicit = _yr(m, "yr", ref, ctx)
        label = f"{y}-{mon:02d}" if y else None
        return TimeMention(s, e, "period", label, y, explicit)
    if kind == "span":
        y1 = int(m.group("y1"))
        y2s = m.group("y2")
        y2 = int(y2s) if len(y2s) == 4 else y1 // 100 * 100 + int(y2s)
        if not y1 < y2 <= y1 + 30:
            return None
        return TimeMention(s, e, "period", f"{y1}/{y2}", y2, True)
    if kind == "past_n":
        np_ = _num(m.group("n"))
        base = ref if ref is not None else ctx
        if not np_ or base is None:
            return TimeMention(s, e, "period", None, None, False)
        # "the past five years" of a report early in a year are the five years before it
        last = base - 1 if published is not None and published.month <= 6 else base
        return TimeMention(s, e, "period", f"{last - np_ + 1}/{last}", last, False)
    if kind == "baseline_rel":
        return TimeMention(s, e, "baseline", None, None, False)
    if kind == "baseline_year":
        y = int(m.group("yr"))
        return TimeMention(s, e, "baseline", str(y), y, True)
    if kind == "deadline_year":
        y = int(m.group("yr"))
        return TimeMention(s, e, "deadline", str(y), y, True)
    if kind == "deadline_rel":
        y = _rel_year(m.group("rel"), ref, ctx)
        return TimeMention(s, e, "deadline", str(y) if y else None, y, False)
    if kind == "year":
        y = int(m.group("yr"))
        return TimeMention(s, e, "period", str(y), y, True)
    if kind == "rel":
        y = _rel_year(m.group("rel"), ref, ctx)
        return TimeMention(s, e, "period", str(y) if y else None, y, False)
    if kind == "since_start":
        y = ref if ref is not None else ctx
        return TimeMention(s, e, "period", str(y) if y else None, y, False)
    if kind == "now":
        y = ref if ref is not None else ctx
        return TimeMention(s, e, "now", str(y) if y else None, y, False)
    if kind == "annual":
        return TimeMention(s, e, "annual", "annual", None, False)
    return None


_HORIZON_NUMBERS: Final = {**SMALL_NUMBERS, "fifteen": 15, "twenty": 20, "thirty": 30}


def _full_year(text: str, after: int | None = None) -> int:
    """ "2024" -> 2024; "24" -> 2024 (or the year of that century ending after `after`)."""
    y = int(text)
    if len(text) == 4:
        return y
    century = (after // 100 * 100) if after is not None else 2000
    return century + y


def _interpret_frame(
    kind: str,
    m: re.Match[str],
    ref: int | None,
    ctx: int | None,
    published: date | None,
    fiscal: FiscalYear,
) -> TimeMention | None:
    """Fiscal years and horizons counted from the publication date."""
    s, e = m.start(), m.end()
    if kind in {"fiscal", "fiscal_span"}:
        y1 = _full_year(m.group("y1"))
        y2s = m.group("y2")
        if y2s is None:
            if kind == "fiscal_span":
                return None
            label = fiscal.label_named(y1)
            first = fiscal.first_year(y1)
            last = first + (0 if fiscal.is_calendar else 1)
            return TimeMention(s, e, "period", label, last, True)
        y2 = _full_year(y2s, y1)
        if y2 != y1 + 1:
            if kind == "fiscal_span" or y2 <= y1:
                return None
            return TimeMention(s, e, "period", f"{y1}/{y2}", y2, True)
        span = fiscal.label_span(y1, y2)
        if span is None:
            if kind == "fiscal_span":
                return None  # two calendar years: the span pattern reads it
            # a fiscal year written out where fiscal years are calendar years elsewhere:
            # April to March, the most common convention that spans two years
            span = FiscalYear(4).label(y1)
        return TimeMention(s, e, "period", span, y2, True)
    if kind == "fiscal_rel":
        if published is None:
            return TimeMention(s, e, "period", None, None, False)
        rel = m.group("rel").lower()
        first = fiscal.containing(published)
        first += {"current": 0, "this": 0, "next": 1, "coming": 1}.get(rel, -1)
        last = first + (0 if fiscal.is_calendar else 1)
        return TimeMention(s, e, "period", fiscal.label(first), last, False)
    base = ref if ref is not None else ctx
    if base is None:
        return TimeMention(s, e, "deadline", None, None, False)
    if kind == "decade_end":
        y = base // 10 * 10 + 10
        return TimeMention(s, e, "deadline", str(y), y, False)
    # horizon
    if m.groupdict().get("decade"):
        return TimeMention(s, e, "deadline", str(base + 10), base + 10, False)
    n = (
        _HORIZON_NUMBERS.get(m.group("n").lower())
        if not m.group("n").isdigit()
        else int(m.group("n"))
    )
    if not n:
        return None
    unit = m.group("u").lower()
    if unit == "months":
        if published is None:
            y = base + (n + 11) // 12
            return TimeMention(s, e, "deadline", str(y), y, False)
        months = published.year * 12 + published.month - 1 + n
        y, mon = divmod(months, 12)
        return TimeMention(s, e, "deadline", f"{y}-{mon + 1:02d}", y, False)
    y = base + n * (10 if unit == "decades" else 1)
    return TimeMention(s, e, "deadline", str(y), y, False)
