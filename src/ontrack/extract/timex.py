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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from .lexicon import ORDINAL_WORDS, WORD_NUMBERS
from .wordsearch import is_digit_at

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
    ("iso_date", _c(r"(?:19|20)\d\d-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?"), False),
    ("iso_month", _c(r"(?:19|20)\d\d[-/](?:0[1-9]|1[0-2])(?![\d\-/])"), False),
    ("clock", _c(r"\d{1,2}:\d\d(?![\d])"), False),
    (
        "plan_end",
        _c(
            r"by (?:the )?end of (?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) five-year plan"
            r"(?: period)?(?: ?\((?P<y1>(?:19|20)\d\d) ?[-–—~] ?(?P<y2>\d{2,4})\))?"
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
            rf"(?:by|as of|at|until|till|to|since|before) (?:the )?end(?: of|-) ?(?:the )?"
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
    (
        "month_range",
        _c(
            rf"(?P<m1>{_MON}) ?(?:to|through|and|-|–|—) ?(?P<m2>{_MON})"
            rf"(?:,? (?P<yr>{_YEAR}))?"
        ),
        False,
    ),
    ("day", _c(rf"(?P<mon>{_MON}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:, ?(?P<yr>{_YEAR}))?"), False),
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
            r"(?:the same period (?:of |in )?last year|the same period a year (?:earlier|ago)|"
            r"a year (?:earlier|ago)|the previous year|the preceding year|the prior year|last year|"
            r"the beginning of the year|the start of the year|the same period)"
        ),
        True,
    ),
    ("baseline_rel", _c(r"the same period (?:of |in )?last year"), True),
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
    ("now", _c(r"\b(?:currently|at present|presently|so far|as of now|to date|now)\b"), True),
    ("annual", _c(r"\b(?:every year|each year|annually|per annum)(?![\w-])"), True),
]
# Kinds whose match must not continue a longer number or word on the left.
_LEFT_CLEAN: Final = {
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
# Where a year can start: every start, as no year starts inside the "19"/"20" of another.
# `_year_starts` finds what its finditer finds, `_month_starts` what _HAS_MONTH's does.
YEAR_START_RE: Final = re.compile(r"(?:19|20)(?=\d\d)")
# every month name (and so every match of _MON) begins with one of these, and no capital
# letter follows inside a match, so matches start exactly where these do
_MONTH_PREFIXES: Final = frozenset(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
)
_MONTH_INITIALS: Final = ("A", "D", "F", "J", "M", "N", "O", "S")


# Both scans look for literal characters with str.find, which runs at memchr speed: a regex
# scan, or a compiled loop over the characters, costs tens of instructions per character.
def _year_starts(s: str) -> list[int]:
    """[m.start() for m in YEAR_START_RE.finditer(s)]. A match covers only its "19"/"20", and
    no "19"/"20" starts at its second character, so every "19"/"20" followed by two digits
    starts a match."""
    out: list[int] = []
    last = len(s) - 4  # a year needs four characters
    for lead in ("19", "20"):
        p = s.find(lead, 0, last + 2)
        while p >= 0:
            if is_digit_at(s, p + 2) and is_digit_at(s, p + 3):
                out.append(p)
            p = s.find(lead, p + 2, last + 2)
    if len(out) > 1:
        out.sort()
    return out


def _month_starts(s: str, pos: int) -> list[int]:
    """[m.start() for m in _HAS_MONTH.finditer(s, pos)]."""
    out: list[int] = []
    for initial in _MONTH_INITIALS:
        p = s.find(initial, pos)
        while p >= 0:
            if s[p : p + 3] in _MONTH_PREFIXES:
                out.append(p)
            p = s.find(initial, p + 1)
    if len(out) > 1:
        out.sort()
    return out


# Cheap tests that a pattern can match at all: most sentences need only a few patterns.
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
    "baseline_rel": ("year", "period"),
    "deadline_rel": ("year",),
    "rel": ("year",),
    "since_start": ("since",),
    "now": ("now", "current", "present", "so far", "to date"),
    "annual": ("year", "annual", "annum"),
}
_YEAR_KINDS: Final = {"iso_date", "iso_month", "span", "baseline_year", "deadline_year", "year"}
_MONTH_KINDS: Final = {"month_range", "day", "month"}
# Sharper triggers for the patterns whose kind trigger ("year") is in most sentences, keyed by
# (kind, n-th pattern of that kind); every match of the pattern contains one of them.
_SHARP_TRIGGERS: Final[dict[tuple[str, int], tuple[str, ...]]] = {
    ("baseline_rel", 0): (
        "same period",
        "a year",
        "previous year",
        "preceding year",
        "prior year",
        "last year",
        "of the year",
    ),
    ("baseline_rel", 1): ("same period",),
    ("baseline_rel", 2): ("last year", "a year"),
    ("deadline_rel", 0): ("by this year", "by next year"),
    ("rel", 0): (
        "this year",
        "next year",
        "last year",
        "past year",
        "current year",
        "the year",
        "previous year",
    ),
    ("annual", 0): ("every year", "each year", "annually", "per annum"),
}
# A match of a year (month) pattern starts at most this many characters before its year
# (month name), so the scan can begin there (the longest lead is "compared with the levels of in").
_YEAR_LEAD: Final = 40
_MONTH_LEAD: Final = 12
# ... and ends, with everything its look-aheads inspect, well within this many characters
# after its last year (month name), so the scan can stop there
_TAIL: Final = 80
_GATE_YEAR: Final = 0
_GATE_MONTH: Final = 1
_GATE_WORDS: Final = 2


# what every match of a pattern begins with
_LEAD_ANY: Final = 0
_LEAD_YEAR: Final = 1
_LEAD_MONTH: Final = 2  # a month name, in its original case
_LEAD_WORDS_YEAR: Final = 3  # words of `_WORDS_BEFORE`, then a year
_LEAD_WORDS_MONTH: Final = 4  # words of `_WORDS_BEFORE`, then a month name
# those words, to be matched up to a year or month start (the end of the text searched)
_WORDS_BEFORE: Final = {
    w: re.compile(w + r"\Z")
    for w in (_BASELINE_WORDS, _DEADLINE_WORDS, _DAY_WORDS, _IN_MONTH_WORDS)
}


def _lead(pattern: re.Pattern[str], lc: bool) -> tuple[int, re.Pattern[str] | None]:
    """What every match of the pattern begins with, and the words before its year/month."""
    source = re.sub(r"^\(\?P<\w+>", "", pattern.pattern)  # an opening named group
    if source.startswith("(?:19|20)"):
        return _LEAD_YEAR, None
    if source.startswith(_MON) and not lc:
        return _LEAD_MONTH, None
    for words, words_re in _WORDS_BEFORE.items():
        if pattern.pattern.startswith(words + "(?P<yr>"):
            return _LEAD_WORDS_YEAR, words_re
        if pattern.pattern.startswith(words + "(?P<mon>") and not lc:
            return _LEAD_WORDS_MONTH, words_re
    return _LEAD_ANY, None


_Step = tuple[
    str, re.Pattern[str], bool, int, bool, int, re.Pattern[str] | None, tuple[str, ...], int
]
# what a look-ahead at the end of a match reads beyond it, at most (the longest is _UNIT_AHEAD's)
_LOOK_AHEAD: Final = 16


def _window_keys(pattern: re.Pattern[str], triggers: frozenset[str]) -> tuple[tuple[str, ...], int]:
    """(keys, width) for a pattern scanned over the whole text: every match contains one of its
    trigger words and so one of the keys (substrings shared by triggers, picked greedily), and
    is at most `width` characters long. Its matches then lie near the keys' occurrences, and
    the scan can be kept to them. ((), 0) when the width is unbounded."""
    width = re._parser.parse(pattern.pattern, pattern.flags).getwidth()[1]  # type: ignore[attr-defined]
    if width >= 1000 or not triggers:  # unbounded repeats
        return (), 0
    keys: list[str] = []
    left = set(triggers)
    while left:
        # the substring in the most remaining triggers, longest first (three characters at
        # least, unless the trigger is one)
        subs = {
            t[a:b]
            for t in left
            for a in range(len(t))
            for b in range(a + min(3, len(t)), len(t) + 1)
        }
        key = max(sorted(subs), key=lambda k: (sum(k in t for t in left), len(k)))
        keys.append(key)
        left = {t for t in left if key not in t}
    return tuple(keys), int(width)


def _window(low: str, keys: tuple[str, ...], width: int, pos: int, end: int) -> tuple[int, int]:
    """The part of low[pos:end] a pattern with these window keys and width needs scanning to
    find all its matches there (empty when no key occurs). A match starts at most width
    before the end of the first occurrence of a key and ends at most width after the start
    of the last; one more character on the left lets a \\b or look-behind at a match start
    see what precedes it, and _LOOK_AHEAD more on the right lets look-aheads see what follows."""
    lo = hi = -1
    for key in keys:
        first = low.find(key, pos, end)
        if first >= 0:
            first += len(key)
            last = low.rfind(key, pos, end)
            lo = first if lo < 0 else min(lo, first)
            hi = max(hi, last)
    if lo < 0:
        return pos, pos
    return max(pos, lo - width - 1), min(end, hi + width + _LOOK_AHEAD)


def _plan() -> list[tuple[str, re.Pattern[str], bool, int, frozenset[str], _Step]]:
    """(kind, pattern, on lower case, gate, trigger words, step) in pattern order; a step is
    (kind, pattern, on lower case, gate, left-clean, lead, words before the year, window keys,
    width): see _window_keys."""
    seen: dict[str, int] = {}
    plan = []
    for kind, pattern, lc in _PATTERNS:
        nth = seen.get(kind, 0)
        seen[kind] = nth + 1
        words: frozenset[str]
        if kind in _YEAR_KINDS:
            gate, words = _GATE_YEAR, frozenset()
        elif kind in _MONTH_KINDS:
            gate, words = _GATE_MONTH, frozenset()
        else:
            gate = _GATE_WORDS
            words = frozenset(_SHARP_TRIGGERS.get((kind, nth)) or _TRIGGERS[kind])
        lead, words_before = _lead(pattern, lc)
        keys, width = _window_keys(pattern, words) if lead == _LEAD_ANY else ((), 0)
        step = (kind, pattern, lc, gate, kind in _LEFT_CLEAN, lead, words_before, keys, width)
        plan.append((kind, pattern, lc, gate, words, step))
    return plan


_PLAN: Final = _plan()
# the plan as bit masks: entries gated by a year, by a month name, and by each trigger word
_YEAR_MASK: Final = sum(1 << k for k, e in enumerate(_PLAN) if e[3] == _GATE_YEAR)
_MONTH_MASK: Final = sum(1 << k for k, e in enumerate(_PLAN) if e[3] == _GATE_MONTH)
_TRIGGER_MASKS: Final = tuple(
    (w, sum(1 << k for k, e in enumerate(_PLAN) if w in e[4]))
    for w in sorted({w for e in _PLAN for w in e[4]})
)
# triggers grouped under a common substring, tested only when the text has it:
# (key, plan bits of the key itself, (trigger, bits) of the group's members)
_GROUP_KEYS: Final = ("year", "q")
_TRIGGER_GROUPS: Final[tuple[tuple[str, int, tuple[tuple[str, int], ...]], ...]] = tuple(
    [(g, 0, tuple(t for t in _TRIGGER_MASKS if g in t[0])) for g in _GROUP_KEYS]
    + [(w, bits, ()) for w, bits in _TRIGGER_MASKS if not any(g in w for g in _GROUP_KEYS)]
)
_STEPS: Final[dict[int, tuple[_Step, ...]]] = {}


def _steps(mask: int) -> tuple[_Step, ...]:
    """The plan entries of a mask, in plan order (cached: few masks occur)."""
    steps = _STEPS.get(mask)
    if steps is None:
        steps = tuple(e[5] for k, e in enumerate(_PLAN) if mask >> k & 1)
        _STEPS[mask] = steps
    return steps


# Not frozen, with init=False: under mypyc a hand-written __init__ compiles to direct slot
# stores, where the dataclass-generated (frozen) one runs as interpreted code calling
# object.__setattr__ per field. Mentions are never changed after they are made.
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
    sentence: str, ref_year: int | None, ctx_year: int | None, low: str | None = None
) -> list[TimeMention]:
    """Every time expression in `sentence`, non-overlapping, in text order.

    ref_year: the publication year (for "this/last/next year"); ctx_year: the year the text is
    currently talking about (for "the year", "the first quarter"). `low` is
    `safe_lower(sentence)` when the caller has it.
    """
    if low is None:
        low = sentence.lower()
        if len(low) != len(sentence):  # a few characters change length when lower-cased
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in sentence)
    n = len(sentence)
    year_pos = month_pos = -1
    year_end = month_end = n
    first_year = last_year = first_month = last_month = -1
    year_starts = _year_starts(sentence)
    if year_starts:
        first_year = year_starts[0]
        last_year = year_starts[-1] + 4
    month_starts = _month_starts(sentence, 0)
    if month_starts:
        first_month = month_starts[0]
        last = _HAS_MONTH.match(sentence, month_starts[-1])
        assert last is not None
        last_month = last.end()
    mask = 0
    if first_year >= 0:
        mask = _YEAR_MASK
        year_pos = max(0, first_year - _YEAR_LEAD)
        year_end = min(n, last_year + _TAIL)
    if first_month >= 0:
        mask |= _MONTH_MASK
        month_pos = max(0, first_month - _MONTH_LEAD)
        month_end = min(n, last_month + _TAIL)
    for key, bits, members in _TRIGGER_GROUPS:
        if key in low:
            mask |= bits
            for w, b in members:
                if w in low:
                    mask |= b
    taken: list[tuple[int, int]] = []
    out: list[TimeMention] = []
    in_order = True  # mentions are appended in text order (no sort needed)
    for kind, pattern, lc, gate, left_clean, lead, words_before, keys, width in _steps(mask):
        if gate == _GATE_YEAR:
            pos, end = year_pos, year_end
        elif gate == _GATE_MONTH:
            pos, end = month_pos, month_end
        else:
            pos, end = 0, n
        text = low if lc else sentence
        matches: Iterable[re.Match[str]]
        # matching at the few places a match can begin is cheaper than a scan of the text
        by_year = lead in (_LEAD_YEAR, _LEAD_WORDS_YEAR)
        anchors = year_starts if by_year else month_starts
        if lead == _LEAD_ANY:
            if keys:
                pos, end = _window(low, keys, width, pos, end)
                if pos >= end:
                    continue
            matches = pattern.finditer(text, pos, end)
        elif words_before is None:
            matches = _matches_at(pattern, text, anchors, end)
        else:
            most_before = _YEAR_LEAD if by_year else _MONTH_LEAD
            matches = _matches_before(pattern, words_before, text, anchors, most_before, pos, end)
        for m in matches:
            s, e = m.start(), m.end()
            if s == e or (taken and _overlaps(taken, s, e)):
                continue
            if s > 0 and left_clean:
                left = sentence[s - 1]
                if left.isalnum() or left in "_.,-/" and kind != "rel":
                    continue
            mention = _interpret(kind, m, ref_year, ctx_year)
            if mention is None:
                continue
            if in_order and out and s < out[-1].start:
                in_order = False
            taken.append((s, e))
            out.append(mention)
    if not in_order:
        out.sort(key=_start)
    return out


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int], end: int
) -> list[re.Match[str]]:
    """pattern.finditer(text, pos, end) for a pattern whose matches can begin only at `starts`
    (in order, none before pos): the leftmost match from each point on, not overlapping."""
    found: list[re.Match[str]] = []
    free = 0  # where the last match ended: finditer resumes there
    for at in starts:
        if at >= free:
            m = pattern.match(text, at, end)
            if m is not None:
                found.append(m)
                free = m.end()
    return found


def _matches_before(
    pattern: re.Pattern[str],
    words_before: re.Pattern[str],
    text: str,
    anchors: list[int],
    most_before: int,
    pos: int,
    end: int,
) -> list[re.Match[str]]:
    """pattern.finditer(text, pos, end) for a pattern of words (`words_before`) then a year or
    month name starting at one of `anchors`: its matches begin at most `most_before` before an
    anchor, where the words run up to it. The words (no digits before a year, no capitals
    before a month) of a match at a later anchor cannot span this one's first character, so
    trying the anchors in order finds the leftmost match."""
    found: list[re.Match[str]] = []
    free = pos  # where the last match ended: finditer resumes there
    for at in anchors:
        if at <= free:
            continue
        start = max(free, at - most_before)
        while True:
            words = words_before.search(text, start, at)  # ending right at the year
            if words is None:
                break
            m = pattern.match(text, words.start(), end)
            if m is not None:
                found.append(m)
                free = m.end()
                break
            start = words.start() + 1
    return found


def _start(mention: TimeMention) -> int:
    return mention.start


def _overlaps(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(e > a and s < b for a, b in taken)


def _interpret(kind: str, m: re.Match[str], ref: int | None, ctx: int | None) -> TimeMention | None:
    s, e = m.start(), m.end()
    text = m.group(0).lower()
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
    if kind == "month_range":
        m1 = MONTHS[m.group("m1").rstrip(".").lower()]
        m2 = MONTHS[m.group("m2").rstrip(".").lower()]
        if m2 <= m1:
            return None
        y, explicit = _yr(m, "yr", ref, ctx)
        if not y:
            return TimeMention(s, e, "period", None, None, False)
        label = f"{y}-01/{y}-{m2:02d}" if m1 == 1 else str(y)
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
        return TimeMention(s, e, "period", f"{base - np_}/{base}", base, False)
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
