"""Kind: whether a figure is a target (a goal, plan or expectation) or a result (a reported figure).

Decided from the clause first, the period only breaks ties:

* the verb that governs the figure and its modality: a past-tense reporting verb ("rose",
  "was", "has reached") reports a result whatever date its period resolves to; a modal or
  intent verb ("will", "is expected to", "plans", "aims", "set a goal of") states a target,
  unless the period it speaks of had already ended when the text was published (an
  estimate of a finished year, a machine translation's "will reach" for last year) or is a
  year about to close (an October budget's forecast for the current year, its outturn
  estimate): then it is a result;
* a present-tense verb ("is", "accounts for", "makes up") reports the current level, a
  result, unless its period lies after publication;
* a target noun just before the figure ("the target of 5 percent", "a goal of 60 percent")
  makes a target whatever the verb ("the target was set at 5 percent");
* with no such verb, a period after the publication date makes a target; anything else is
  a result.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum

from ..model import StatementKind


class Modality(Enum):
    PAST = "past"  # reported: rose, was, has reached, totalled
    PRESENT = "present"  # the current level: is, accounts for, makes up, stands at
    INTENT = "intent"  # will, is expected to, plans, aims, target
    NONE = "none"  # no governing verb found


# result cues that report the present rather than the past ("is", "are", "accounts for")
_PRESENT: frozenset[str] = frozenset(
    [
        "is",
        "are",
        "accounts",
        "account",
        "makes",
        "represents",
        "stands",
        "remains",
        "stays",
        "has",
        "have",
        "holds",
    ]
)
# -ing forms report nothing by themselves ("rising 5 percent" follows another verb)
_PARTICIPLE = re.compile(r"ing$")


def modality(cue: re.Match[str] | None) -> Modality:
    """The modality of a cue match of `lexicon.CUE_RE` (group t: intent, group r: reporting)."""
    if cue is None:
        return Modality.NONE
    if cue.group("t"):
        return Modality.INTENT
    words = cue.group("r").lower().split()
    first = words[0]
    if first in {"has", "have"} and len(words) > 1:  # "has been", "have reached"
        return Modality.PAST
    if first in _PRESENT:
        return Modality.PRESENT
    if _PARTICIPLE.search(first):
        return Modality.NONE
    return Modality.PAST


# an expectation for a year (or a fiscal year) that ends within this many days of publication
# is the estimate of its outturn: "forecasting revenues of 88 billion this year" in October
_CLOSING_DAYS = 92
_YEAR_LONG_DAYS = 180


def _about_to_close(period: tuple[date, date] | None, published: date | None) -> bool:
    if period is None or published is None:
        return False
    start, end = period
    return (end - start).days >= _YEAR_LONG_DAYS and 0 <= (end - published).days <= _CLOSING_DAYS


def decide_kind(
    mood: Modality,
    *,
    target_noun: bool,
    period: tuple[date, date] | None,
    published: date | None,
    deadline: bool = False,
) -> StatementKind:
    """Target or result for a figure whose clause has this modality.

    `period` is the (start, end) of the period the figure refers to, `published` the
    document's date (either may be unknown), `deadline` whether its time expression is a
    deadline ("by 2025")."""
    ended = period is not None and published is not None and period[1] < published
    future = period is not None and published is not None and period[0] > published
    if target_noun:
        return StatementKind.TARGET
    if mood is Modality.PAST:
        return StatementKind.RESULT
    if mood is Modality.INTENT:
        if ended or _about_to_close(period, published):
            return StatementKind.RESULT
        return StatementKind.TARGET
    if future:
        return StatementKind.TARGET
    if mood is Modality.NONE and deadline and published is None:
        return StatementKind.TARGET  # "40 percent by 2030" in an undated text
    return StatementKind.RESULT
