"""'N of M' claims checked against the data: "20 of the 31 provinces grew faster than the
national average", "8 of the 31 provinces had growth above 6 percent", "ranked 3rd of 31
provinces".

Both numbers are sizes and both are checked exactly (they are whole counts, so their
rounding is none): M against the regions of the group (the catalog's provinces of the
country), N against the regions whose figure for the period meets the condition. Regions
without a figure are counted both ways, and only a count that is wrong whatever they hold
is contradicted. A verdict says which part holds.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..extract.lexicon import WORD_NUMBERS
from ..model import Status
from .progress import Point, _fmt
from .verify import Verdict

_NUMBER = r"\d+|" + "|".join(sorted((w for w in WORD_NUMBERS if " " not in w), key=len)[::-1])
_GROUP = r"provinc\w*|provincial[- ]level (?:regions|divisions)|regions|cities|prefectures"
_N_OF_M = re.compile(
    rf"(?i)\b(?P<n>{_NUMBER}) (?:out )?of (?:the |all |its |china's |china’s )?(?P<m>{_NUMBER}) "
    rf"(?:\w+ ){{0,2}}?(?P<group>{_GROUP})\b"
)
_N_OF_M_ZH = re.compile(r"(?P<m>\d+)个(?:省份|省区市|省|地区|城市|市)中(?:有|共有)?(?P<n>\d+)个")
_RANK_OF = re.compile(
    rf"(?i)\b(?:rank\w*|place\w*|position)\b[^.;]{{0,30}}?\b(?:of|among|out of) "
    rf"(?:the |all )?(?P<m>{_NUMBER})\b"
)
_RANK_OF_ZH = re.compile(r"(?P<m>\d+)个(?:省份|省区市|省)[^。；]{0,6}(?:居|位列|排名|排)")
_THRESHOLD = re.compile(
    r"(?i)(?:above|over|more than|exceed\w*|higher than|at least|below|under|less than|"
    r"lower than|超过|高于|低于)\s*(?P<x>\d+(?:\.\d+)?)\s*(?:per ?cent|%)?"
)


def _whole(text: str) -> int | None:
    low = text.lower()
    return int(low) if low.isdigit() else WORD_NUMBERS.get(low)


@dataclass(frozen=True)
class CountClaim:
    """'n of the m provinces ...': the count, the total, and the bar each region is held to:
    the national figure, or a threshold in the series' unit."""

    n: int
    m: int
    threshold: float | None  # None: against the national figure
    relation: str | None = None  # the threshold's: ">" above it, "<" below it


def parse_count_claim(quote: str, *, against_national: bool) -> CountClaim | None:
    """The 'N of M' a comparison claims, or None (no such count, or no bar to count by)."""
    m = _N_OF_M.search(quote) or _N_OF_M_ZH.search(quote)
    if not m:
        return None
    n, total = _whole(m.group("n")), _whole(m.group("m"))
    if n is None or total is None or n > total:
        return None
    if against_national:
        return CountClaim(n, total, None)
    bar = _THRESHOLD.search(quote, m.end())
    if not bar:
        return None
    below = re.match(r"(?i)below|under|less|lower|低于", bar.group(0))
    return CountClaim(n, total, float(bar.group("x")), "<" if below else ">")


def rank_total(quote: str) -> int | None:
    """The M of "ranked 3rd of 31 provinces" / "31个省份中居第3", or None."""
    m = _RANK_OF.search(quote) or _RANK_OF_ZH.search(quote)
    return _whole(m.group("m")) if m else None


def check_total(claimed: int, group: int, with_data: int, what: str) -> tuple[bool | None, str]:
    """Does 'of M' fit the group? (holds: True, wrong: False, cannot tell: None, sentence).
    M may be the whole group or those of it with a figure."""
    if with_data <= claimed <= group:
        return True, f"the total holds ({claimed} {what})"
    if claimed > group:
        return False, f"there are {group} {what}, not {claimed}"
    return None, f"{with_data} {what} have a figure, so which {claimed} are meant is not known"


def with_rank_total(verdict: Verdict, claimed: int, group: int, with_data: int) -> Verdict:
    """A rank verdict with the 'of M' of "ranked 3rd of 31 provinces" checked too."""
    ok, note = check_total(claimed, group, with_data, "provinces")
    if ok is True:
        return verdict
    if ok is None:  # ranked among some other set of provinces than the data's
        if verdict.status is not Status.SUPPORTED:
            return verdict
        text = f"{verdict.explanation.rstrip('.')}; but {note}."
        return Verdict(Status.UNVERIFIABLE, text, verdict.tolerance, verdict.evidence)
    if verdict.status is Status.SUPPORTED:
        text = f"Contradicted: the rank holds, but {note}."
    else:
        text = f"{verdict.explanation.rstrip('.')}; and {note}."
    return Verdict(Status.CONTRADICTED, text, verdict.tolerance, verdict.evidence, verdict.details)


def verify_count(
    claim: CountClaim,
    values: Mapping[str, Point],
    *,
    group: int,
    relation: str,
    bar: float,
    bar_name: str,
    period: str,
    what: str = "provinces",
) -> Verdict:
    """Count the regions whose figure for `period` is above (`relation` '>') or below the
    bar, and compare count and total with the claim."""
    word = "above" if relation == ">" else "below"
    meets = sorted(
        (r for r, p in values.items() if (p.value > bar if relation == ">" else p.value < bar)),
        key=lambda r: -values[r].value if relation == ">" else values[r].value,
    )
    missing = max(group - len(values), 0)
    low, high = len(meets), len(meets) + missing
    evidence = tuple(sorted(values.values(), key=lambda p: -p.value))
    details = {
        "claimed_count": claim.n,
        "claimed_total": claim.m,
        "count": low,
        "count_at_most": high,
        "group": group,
        "with_data": len(values),
        "bar": bar,
    }
    total_ok, total_note = check_total(claim.m, group, len(values), what)
    counted = (
        f"{low} of the {len(values)} {what} with a {period} figure are {word} {bar_name} "
        f"{_fmt(bar)}"
    )
    if claim.n < low or claim.n > high:
        wrong = f"the count is {low}" + (f" to {high}" if high > low else "")
        part = (
            f"{total_note}, but {wrong}, not {claim.n}" if total_ok else f"{wrong}, not {claim.n}"
        )
        if total_ok is False:
            part += f", and {total_note}"
        return Verdict(
            Status.CONTRADICTED,
            f"Contradicted: {part} ({counted}).",
            evidence=evidence,
            details=details,
        )
    if low != high:
        return Verdict(
            Status.UNVERIFIABLE,
            f"{counted}; {missing} have no figure, so {claim.n} cannot be confirmed.",
            evidence=evidence,
            details=details,
        )
    if total_ok is False:
        return Verdict(
            Status.CONTRADICTED,
            f"Contradicted: the count holds ({counted}), but {total_note}.",
            evidence=evidence,
            details=details,
        )
    if total_ok is None:
        return Verdict(
            Status.UNVERIFIABLE,
            f"The count holds ({counted}), but {total_note}.",
            evidence=evidence,
            details=details,
        )
    return Verdict(
        Status.SUPPORTED,
        f"Supported: {counted} (claimed {claim.n} of {claim.m}).",
        evidence=evidence,
        details=details,
    )


def values_in(
    period: str, same: dict[str, int], points: Any, names: dict[str, str], group: Sequence[str]
) -> dict[str, Point]:
    """Each region of the group's official figure for the period (regions without one left out)."""
    values = {}
    for r in group:
        if r not in same:
            continue
        match = [p for p in points(same[r]) if p.period == period and p.kind == "official"]
        if match:
            values[r] = dataclasses.replace(match[-1], region=names.get(r, r))
    return values


def count_verdict(
    count: CountClaim,
    relation: str | None,
    period: str,
    same: dict[str, int],
    points: Any,
    names: dict[str, str],
    provinces: Sequence[str],
) -> Verdict:
    """ "20 of the 31 provinces grew faster than the national rate" against the data."""
    values = values_in(period, same, points, names, [r for r in provinces if r in same])
    if count.threshold is not None and count.relation:
        bar, bar_name, relation = count.threshold, "", count.relation
    else:
        national = values_in(period, same, points, names, ["CN"])
        if "CN" not in national:
            return Verdict(Status.UNVERIFIABLE, f"No {period} figure for China in the data.")
        bar, bar_name = national["CN"].value, "China's"
    return verify_count(
        count,
        values,
        group=len(provinces),
        relation=relation or ">",
        bar=bar,
        bar_name=bar_name,
        period=period,
    )


__all__ = [
    "CountClaim",
    "check_total",
    "count_verdict",
    "parse_count_claim",
    "rank_total",
    "values_in",
    "verify_count",
    "with_rank_total",
]
