"""Verifying reported figures and comparisons against the data, with the evidence shown.

A reported figure is `supported` when an independent official observation of the same
period lies within the figure's rounding (5.3 covers 5.25 to 5.35), `contradicted` when
official observations exist and none does, and `unverifiable` when the data hold no
observation for that period, or only observations that repeat the claim's own source
("self-reported": they are shown, but a claim cannot support itself).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..errors import PeriodError
from ..extract.lexicon import ORDINAL_WORDS, WORD_NUMBERS
from ..model import Status
from ..periods import parse_period
from .progress import Point, _fmt


@dataclass(frozen=True)
class Verdict:
    status: Status
    explanation: str
    tolerance: float | None = None
    evidence: tuple[Point, ...] = ()
    details: Mapping[str, object] | None = None


def rounding_tolerance(value: float) -> float:
    """Half a unit of the last digit written: 5.3 -> 0.05, 49.5 -> 0.05, 5 -> 0.5.

    Large round numbers are read as rounded at their last non-zero digit
    (1.2e12 from "1.2 trillion" -> 5e10); numbers below 1000 as exact at the units.
    """
    text = repr(float(value))
    if "e" in text or abs(value) >= 1000:
        digits = f"{abs(value):.15g}".split(".")[0]
        zeros = len(digits) - len(digits.rstrip("0"))
        return 0.5 * 10**zeros
    decimals = text.split(".")[1].rstrip("0") if "." in text else ""
    return 0.5 * 10 ** (-len(decimals))


def is_self_reported(point: Point, doc_source: str, doc_date: date | None) -> bool:
    """Is an observation the claim's own report (same source, or published the same day)?

    A source field naming the document's address, or a vintage/source naming the document's
    publication date (a report of the same event), counts as the same source unless the
    row says it is independent of that report.
    """
    text = f"{point.source} {point.vintage}".casefold()
    if doc_source and doc_source.casefold() in text:
        return True
    if doc_date is None or "independent" in text:
        return False
    return doc_date.isoformat() in text


def verify_result(
    value: float,
    period: str,
    points: Sequence[Point],
    *,
    doc_source: str = "",
    doc_date: date | None = None,
    tolerance: float | None = None,
) -> Verdict:
    """Check one reported value against every vintage of the same period."""
    tol = rounding_tolerance(value) if tolerance is None else tolerance
    same = [p for p in points if p.period == period and p.kind == "official"]
    if not same:
        official = [p for p in points if p.kind == "official"]
        if not official:
            return Verdict(
                Status.UNVERIFIABLE,
                f"No observation for {period} in the data (the series is empty).",
                tol,
            )
        try:
            when = parse_period(period).end
            near = min(official, key=lambda p: abs((p.end - when).days))
            hint = f"; the nearest is {_fmt(near.value)} for {near.period}"
        except PeriodError:
            hint = ""
        return Verdict(
            Status.UNVERIFIABLE,
            f"No observation for {period} in the data (it has {official[0].period} to "
            f"{official[-1].period}{hint}).",
            tol,
            evidence=(near,) if hint else (),
        )
    independent = [p for p in same if not is_self_reported(p, doc_source, doc_date)]
    if not independent:
        return Verdict(
            Status.UNVERIFIABLE,
            f"Unverifiable (self-reported): the only figures for {period} "
            f"({', '.join(_fmt(p.value) for p in same)}) come from the claim's own report.",
            tol,
            tuple(same),
            {"self_reported": True},
        )
    within = [p for p in independent if abs(p.value - value) <= tol + 1e-9]
    if within:
        p = within[-1]
        others = len(independent) - len(within)
        extra = f"; {others} other vintage(s) differ" if others else ""
        return Verdict(
            Status.SUPPORTED,
            f"Supported: {_fmt(p.value)} for {period} ({p.vintage or 'official'}) is within "
            f"±{tol:g} of the reported {_fmt(value)}{extra}.",
            tol,
            tuple(same),
        )
    nearest = min(independent, key=lambda p: abs(p.value - value))
    return Verdict(
        Status.CONTRADICTED,
        f"Contradicted: the data give {_fmt(nearest.value)} for {period} "
        f"({nearest.vintage or 'official'}), {nearest.value - value:+.3g} from the reported "
        f"{_fmt(value)} (tolerance ±{tol:g}).",
        tol,
        tuple(same),
    )


# -- comparisons ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ComparisonClaim:
    relation: str | None  # ">" above / faster, "<" below / slower
    against_national: bool
    first_time_years: int | None  # "for the first time in a decade" -> 10
    rank: int | None  # "ranking first" -> 1
    among_provinces: bool
    size: float | None = None  # "2.5 percentage points higher" -> 2.5
    size_kind: str | None = None  # "points" (a difference) or "times" (a ratio)


_ABOVE = re.compile(
    r"(?i)\b(?:above|higher|faster|surpass\w*|exceed\w*|outpac\w*|outperform\w*|"
    r"ahead of|more than|beat)\b"
)
_BELOW = re.compile(r"(?i)\b(?:below|lower|slower|behind|less than|lagg\w*|trail\w*)\b")
_NATIONAL = re.compile(
    r"(?i)\b(?:national|nationwide|country(?:'s|’s)?|nation(?:'s|’s)?|"
    r"whole country|china(?:'s|’s)? (?:average|overall|growth))\b"
)
_FIRST_TIME = re.compile(
    r"(?i)first time (?:in|for|over|since) (?:(?:a|one) (?P<decade>decade)|(?:the (?:past|last) )?"
    r"(?P<n>\d+|\w+) (?P<unit>years|decades))"
)
_RANK = re.compile(
    r"(?i)\brank(?:s|ed|ing)? (?:(?:the )?(?P<word>first|second|third|fourth|"
    r"fifth|sixth|seventh|eighth|ninth|tenth)|(?:no\.\s*)?(?P<num>\d+)(?:st|nd|rd|th)?)"
)


_SIZE_POINTS = re.compile(
    r"(?i)(?P<n>\d+(?:\.\d+)?)\s*(?:percentage[- ]points?|pct\.? points?|points?|pp)\b"
)
_SIZE_TIMES = re.compile(r"(?i)(?P<n>\d+(?:\.\d+)?)\s*(?:times|-fold|fold)\b")


def _claimed_size(quote: str, value: float | None, unit: str | None) -> tuple[float, str] | None:
    """The size a comparison claims: a difference in points or a ratio in times."""
    unit_text = (unit or "").casefold()
    if value is not None and "point" in unit_text:
        return float(value), "points"
    if value is not None and unit_text in ("times", "fold", "-fold"):
        return float(value), "times"
    for pattern, kind in ((_SIZE_POINTS, "points"), (_SIZE_TIMES, "times")):
        m = pattern.search(quote)
        if m:
            return float(m.group("n")), kind
    return None


def parse_comparison(
    quote: str, value: float | None = None, unit: str | None = None
) -> ComparisonClaim:
    """Read what a comparison claims from its words (and its value: ranks, sizes)."""
    if re.search(r"[\u4e00-\u9fff]", quote):
        from .comparison_zh import parse_comparison_zh

        return ComparisonClaim(*parse_comparison_zh(quote, value))
    relation = ">" if _ABOVE.search(quote) else "<" if _BELOW.search(quote) else None
    years = None
    m = _FIRST_TIME.search(quote)
    if m:
        if m.group("decade"):
            years = 10
        else:
            raw = m.group("n").lower()
            n = int(raw) if raw.isdigit() else WORD_NUMBERS.get(raw)
            if n is not None:
                years = n * (10 if m.group("unit") == "decades" else 1)
    rank = None
    r = _RANK.search(quote)
    if r:
        rank = ORDINAL_WORDS.get((r.group("word") or "").lower()) or (
            int(r.group("num")) if r.group("num") else None
        )
    if rank is None and value is not None and re.search(r"(?i)\brank|\bplace", quote):
        rank = int(value)
    among = bool(re.search(r"(?i)provinc|regions|in the country|nationwide|in china", quote))
    size = None if rank is not None else _claimed_size(quote, value, unit)
    return ComparisonClaim(
        relation,
        bool(_NATIONAL.search(quote)),
        years,
        rank,
        among,
        size[0] if size else None,
        size[1] if size else None,
    )


def check_size(a: float, b: float, size: float, kind: str) -> tuple[bool, float, float]:
    """Does the gap between a and b match a claimed size within its rounding?

    Returns (holds, the actual size, the tolerance). "2.5 points" covers 2.45-2.55 of
    a - b; "1.5 times" covers 1.45-1.55 of a / b. The direction is checked separately.
    """
    tol = rounding_tolerance(size)
    ratio = a / b if b else math.inf
    actual = ratio if kind == "times" else abs(a - b)
    return abs(actual - size) <= tol + 1e-9, actual, tol


def verify_streak(
    subject: Mapping[int, Point],
    other: Mapping[int, Point],
    year: int,
    relation: str,
    years: int | None,
    subject_name: str,
    other_name: str,
    size: float | None = None,
    size_kind: str | None = None,
) -> Verdict:
    """ "A above B in `year` (for the first time in `years` years)", from yearly values.

    With a claimed `size` ("2.5 points higher", "1.5 times"), the gap is checked within
    its rounding too; a right direction with a wrong size is contradicted, saying so.
    """

    def holds(y: int) -> bool | None:
        if y not in subject or y not in other:
            return None
        a, b = subject[y].value, other[y].value
        return a > b if relation == ">" else a < b

    word = "above" if relation == ">" else "below"
    now = holds(year)
    if now is None:
        missing = [n for n, d in ((subject_name, subject), (other_name, other)) if year not in d]
        return Verdict(
            Status.UNVERIFIABLE, f"No {year} figure for {' and '.join(missing)} in the data."
        )
    evidence = [subject[year], other[year]]
    head = (
        f"{subject_name} {_fmt(subject[year].value)} vs {other_name} "
        f"{_fmt(other[year].value)} in {year}"
    )
    if not now:
        return Verdict(
            Status.CONTRADICTED, f"Contradicted: {head}, not {word}.", evidence=tuple(evidence)
        )
    size_note = ""
    if size is not None and size_kind:
        ok, actual, tol = check_size(subject[year].value, other[year].value, size, size_kind)
        unit = "points" if size_kind == "points" else "times"
        details = {"claimed_size": size, "actual_size": actual, "size_tolerance": tol}
        if not ok:
            return Verdict(
                Status.CONTRADICTED,
                f"Contradicted: direction right, size {_fmt(actual)} not {_fmt(size)} "
                f"{unit} ({head}; {_fmt(size)} covers {_fmt(size - tol)} to "
                f"{_fmt(size + tol)}).",
                evidence=tuple(evidence),
                details=details,
            )
        size_note = f", a gap of {_fmt(actual)} {unit} (claimed {_fmt(size)})"
    head += size_note
    if not years:
        return Verdict(Status.SUPPORTED, f"Supported: {head}.", evidence=tuple(evidence))
    window = range(year - years + 1, year)
    missing_years, earlier = [], []
    for y in window:
        h = holds(y)
        if h is None:
            missing_years.append(y)
        elif h:
            earlier.append(y)
        if y in subject and y in other:
            evidence += [subject[y], other[y]]
    if earlier:
        return Verdict(
            Status.CONTRADICTED,
            f"Contradicted: {head}, but {subject_name} was also {word} {other_name} in "
            f"{', '.join(map(str, earlier))}, within the {years} years claimed.",
            evidence=tuple(evidence),
            details={"earlier": earlier},
        )
    if missing_years:
        return Verdict(
            Status.UNVERIFIABLE,
            f"{head}, and not {word} in the other years of the window, but "
            f"{', '.join(map(str, missing_years))} is missing from the data, so "
            f"'first time in {years} years' cannot be confirmed.",
            evidence=tuple(evidence),
            details={"missing_years": missing_years},
        )
    last = max((y for y in subject if y < year - years + 1 and holds(y)), default=None)
    since = f"; the last time before was {last}" if last else ""
    return Verdict(
        Status.SUPPORTED,
        f"Supported: {head}, and {word} in none of {year - years + 1}-{year - 1}{since}.",
        evidence=tuple(evidence),
        details={"window": [year - years + 1, year - 1]},
    )


def verify_rank(
    subject_id: str,
    values: Mapping[str, Point],
    claimed: int,
    *,
    expected: int,
    higher_is_better: bool = True,
    names: Mapping[str, str] | None = None,
) -> Verdict:
    """Rank the regions' values and compare the subject's rank with the claim.

    `expected` is how many regions the ranking is among (31 provinces); regions without a
    value are named, and only a rank that is wrong whatever they hold is contradicted.
    """
    names = names or {}
    if subject_id not in values:
        return Verdict(Status.UNVERIFIABLE, f"No value for {names.get(subject_id, subject_id)}.")
    mine = values[subject_id].value
    better = [
        r for r, p in values.items() if (p.value > mine if higher_is_better else p.value < mine)
    ]
    best_rank = len(better) + 1
    missing = expected - len(values)
    worst_rank = best_rank + max(missing, 0)
    evidence = tuple(
        sorted(values.values(), key=lambda p: -p.value if higher_is_better else p.value)
    )
    if best_rank > claimed:
        ahead = ", ".join(names.get(r, r) for r in better[:5])
        return Verdict(
            Status.CONTRADICTED,
            f"Contradicted: ranks at best {best_rank}, behind {ahead}.",
            evidence=evidence,
        )
    if claimed > worst_rank:
        return Verdict(
            Status.CONTRADICTED,
            f"Contradicted: ranks {best_rank} at worst {worst_rank}, not {claimed}.",
            evidence=evidence,
        )
    if best_rank != worst_rank:
        return Verdict(
            Status.UNVERIFIABLE,
            f"Ranks {best_rank} among the {len(values)} regions with data; {missing} of "
            f"{expected} have no value, so rank {claimed} cannot be confirmed.",
            evidence=evidence,
        )
    ok = best_rank == claimed
    return Verdict(
        Status.SUPPORTED if ok else Status.CONTRADICTED,
        f"{'Supported' if ok else 'Contradicted'}: ranks {best_rank} of {len(values)} "
        f"(claimed {claimed}).",
        evidence=evidence,
    )
