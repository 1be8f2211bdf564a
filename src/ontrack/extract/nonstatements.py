"""Numbers that are not statements: which figures the reader found are dropped, and why.

A number can be read perfectly and still state nothing about the indicator of its sentence.
Under the labelling rules these are not statements, and this stage decides them:

* a currency conversion: an amount in parentheses or after "or" that restates the previous
  amount in another currency ("5 billion yuan (about 690 million U.S. dollars)");
* a definitional threshold: the amount that defines a group ("firms with annual sales above
  20 million yuan", "households earning less than $30,000");
* an illustrative equivalence: everyday things an amount is compared with ("enough to power
  37,000 homes", "the equivalent of taking 26,000 cars off the road");
* the partners of an agreement ("agreements with 12 local governments"), the sample of a
  survey ("a survey of 1,200 adults"), visits someone paid ("paid 3 visits");
* a fraction restated as a percentage in brackets ("just over half (58%)"): one item, the
  percentage.

Dates, ages, names, ordinals and counts of meetings or documents never become figures at all
(figures.py and its word lists); what is decided here needs the figure and its neighbours.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from .lexicon import CURRENCY_UNITS

if TYPE_CHECKING:
    from .tokens import Figure

# between an amount and its conversion: "(", "(about", ", or about", "or roughly", "/"
_CONVERSION_GAP_RE: Final = re.compile(
    r"(?i)\s*(?P<open>\()?\s*(?:,\s*)?(?P<or>or\s+|i\.e\.\s*|equivalent to\s+|equal to\s+)?"
    r"(?:(?:about|around|approximately|approx\.|roughly|some|nearly|almost|over|"
    r"more than|less than|close to|just over|just under|~)\s*)?"
)

# a group defined by an amount: "firms with annual revenue above", "those earning over"
_DEFINED_GROUP_RE: Final = re.compile(
    r"(?i)\b(?:firms|enterprises|companies|businesses|industries|industrial firms|entities|"
    r"households|families|individuals|people|persons|taxpayers|earners|employers|those|anyone)\s+"
    r"(?:with|whose|having|earning|making|that earn|who earn|that have|which have)\b"
    r"[^,;:.()]{0,60}?\b(?:above|over|exceeding|in excess of|at least|more than|"
    r"below|under|less than|up to|not exceeding)\s*$"
)
_THRESHOLD_AFTER_RE: Final = re.compile(r"(?i)^\s*(?:or (?:more|above|over|less|below))\b")
_GROUP_WITH_RE: Final = re.compile(
    r"(?i)\b(?:firms|enterprises|companies|businesses|industries|entities|households|"
    r"families|individuals|taxpayers|those)\s+(?:with|whose|having|earning)\b[^,;:.()]{0,60}$"
)

# an equivalence: "enough (electricity) to power", "the equivalent of", "as much as ... use"
_EQUIVALENCE_BEFORE_RE: Final = re.compile(
    r"(?i)(?:\b(?:enough|sufficient)\b[^,;:.]{0,40}?\bto\s+(?:power|supply|heat|light|meet|"
    r"run|charge|serve|fuel|fill|cover|feed|provide for)\b[^,;:.]{0,40}"
    r"|\b(?:enough|sufficient)\b(?:\s+\w+){0,3}?\s+for\b[^,;:.]{0,30}"
    r"|\b(?:the\s+)?equivalent\s+(?:of|to)\b[^,;:.]{0,40}"
    r"|\b(?:the\s+)?(?:annual\s+|yearly\s+)?(?:electricity|energy|power|water)\s+"
    r"(?:needs|use|usage|consumption|demand)\s+of)\W*$"
)
_OFF_THE_ROAD_RE: Final = re.compile(r"(?i)^[^,;:.]{0,30}\boff the roads?\b")

# partners: "agreements with", "partnerships with", "signed deals with"
_PARTNERS_BEFORE_RE: Final = re.compile(
    r"(?i)\b(?:agreements?|deals?|memorand(?:a|um)(?: of understanding)?|mous?|"
    r"partnerships?|treaties|treaty|accords?|compacts?|pacts?|cooperation|ties|relations)\s+"
    r"(?:\w+\s+){0,2}?(?:with|between|among)\s+(?:(?:a total of|some|about|more than|over)\s+)?$"
)

_COUNTED: Final = frozenset({"count", "units", "persons"})

# the size of a survey's sample: "a survey of 1,200 adults", "a sample of 5,000 households"
_SAMPLE_BEFORE_RE: Final = re.compile(
    r"(?i)\b(?:survey|surveys|poll|polls|sample|samples|study|questionnaire|interviews?)\s+"
    r"(?:of|among|with|covering)\s+(?:(?:some|about|around|more than|over|nearly)\s+)?$"
)
# visits someone made: "paid 3 visits to", "made two trips"
_VISITS_RE: Final = re.compile(r"(?i)(?:visits|trips|tours)$")
_MADE_BEFORE_RE: Final = re.compile(
    r"(?i)\b(?:paid|pays|pay|made|makes|make|conducted|undertook|undertaken|led)\s+"
    r"(?:(?:some|about|more than|over)\s+)?$"
)


def is_currency_conversion(sentence: str, fig: Figure, previous: Figure | None) -> bool:
    """The amount restates the previous amount in another currency ("... yuan ($760
    million)", "... rupees, or about $1.2 billion"), or in the same currency in parentheses
    right after it."""
    if previous is None or fig.unit not in CURRENCY_UNITS or previous.unit not in CURRENCY_UNITS:
        return False
    gap = sentence[previous.end : fig.start]
    if len(gap) > 30:
        return False
    m = _CONVERSION_GAP_RE.fullmatch(gap)
    if m is None:
        return False
    if m.group("open"):
        return True  # "5.43 trillion yuan ($760.2 billion)", "(about 2.4 trillion U.S. dollars)"
    return bool(m.group("or")) and fig.unit != previous.unit


def is_definitional_threshold(sentence: str, fig: Figure) -> bool:
    """The amount defines the group a statement is about ("enterprises with annual revenue of
    20 million yuan or more", "households earning less than $30,000")."""
    before = sentence[max(0, fig.start - 90) : fig.start]
    if _DEFINED_GROUP_RE.search(before):
        return True
    after = sentence[fig.end : fig.end + 20]
    return bool(_THRESHOLD_AFTER_RE.match(after) and _GROUP_WITH_RE.search(before))


def is_illustrative_equivalence(sentence: str, fig: Figure) -> bool:
    """A count of everyday things an amount is likened to ("enough electricity to power more
    than 37,000 homes", "the equivalent of 26,000 cars", "taking 5,000 cars off the road")."""
    if fig.unit not in _COUNTED:
        return False
    before = sentence[max(0, fig.start - 90) : fig.start]
    if _EQUIVALENCE_BEFORE_RE.search(before):
        return True
    return bool(_OFF_THE_ROAD_RE.match(sentence[fig.end : fig.end + 40]))


def is_partner_count(sentence: str, fig: Figure) -> bool:
    """The number of partners of an agreement ("agreements with 12 local governments")."""
    if fig.unit not in _COUNTED:
        return False
    return bool(_PARTNERS_BEFORE_RE.search(sentence[max(0, fig.start - 60) : fig.start]))


def is_sample_size(sentence: str, fig: Figure) -> bool:
    """The size of a survey's sample ("a survey of 1,200 adults")."""
    if fig.unit not in _COUNTED:
        return False
    return bool(_SAMPLE_BEFORE_RE.search(sentence[max(0, fig.start - 50) : fig.start]))


def is_visit_count(sentence: str, fig: Figure) -> bool:
    """Visits or trips someone made ("the minister paid 3 visits"), unlike visits received
    ("the city received 20 million visits")."""
    if not _VISITS_RE.search(sentence[fig.start : fig.end]):
        return False
    return bool(_MADE_BEFORE_RE.search(sentence[max(0, fig.start - 40) : fig.start]))


def not_a_statement(sentence: str, fig: Figure, previous: Figure | None) -> bool:
    """Whether the figure is one of the numbers above, which state nothing."""
    return (
        is_currency_conversion(sentence, fig, previous)
        or is_definitional_threshold(sentence, fig)
        or is_illustrative_equivalence(sentence, fig)
        or is_partner_count(sentence, fig)
        or is_sample_size(sentence, fig)
        or is_visit_count(sentence, fig)
    )


def drop_restated_fractions(sentence: str, figures: list[Figure]) -> list[Figure]:
    """Figures without a fraction word that a bracketed percentage of the same clause
    restates ("over half (51%) of the power", "more than half of it came from wind (51.5%)")."""
    if not any(f.unit == "fraction" for f in figures):
        return figures
    dropped: set[int] = set()
    for k, frac in enumerate(figures):
        if frac.unit != "fraction":
            continue
        for pct in figures[k + 1 :]:
            gap = sentence[frac.end : pct.start]
            if len(gap) > 120 or ";" in gap:
                break
            if (
                pct.unit == "percent"
                and gap.rstrip().endswith("(")
                and abs(pct.value / 100 - frac.value) <= 0.1
            ):
                dropped.add(k)
                break
    return [f for k, f in enumerate(figures) if k not in dropped]
