"""Coordination: lists that share a unit, a subject or a verb.

Decides how one phrase that names several things becomes several statements:

* numbers listed before one unit share it, scale words too: "passed the 20, 30 and 40
  gigawatt marks" is three figures in GW, "2, 3 or 5 million tonnes" three in tonnes;
* regions listed as the subject of one figure each get it: "Yunnan, Guizhou and Hunan also
  grew faster than 7%" is one statement per region;
* verb phrases joined by "and" ("is set to exceed 50 percent by 2024 and to reach 56.8
  percent by 2025") are quoted apart, each figure with its own verb (see `split_verb_phrases`);
* a clause whose subject is left out ("..., and are expected to pass 40 percent") or is only
  a direction ("crude steel 88 million tonnes, down 1.5%") speaks of the previous figure's
  indicator (see `elided_subject`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .tokens import Figure

# a run of numbers joined by commas, "and" or "or", right before a figure's own number
_LISTED_NUMBERS = re.compile(
    r"(?:(?<![\w.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:, (?:and |or )?| and | or ))+\Z"
)
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")
# units that name a quantity (a list before "percent" is a list of rates, and each is read
# by the figure reader on its own)
_SHARABLE_FORMS = {"digits"}


def _number(text: str) -> float | None:
    m = _NUMBER.match(text)
    return float(m.group(0).replace(",", "")) if m else None


def shared_unit_lists(
    sentence: str, figures: list[Figure], masked: Sequence[tuple[int, int]]
) -> list[Figure]:
    """The figures of a sentence with the numbers listed before a figure's unit added as
    figures of that unit (`masked` are the spans of time expressions, never figures)."""
    taken = [(f.start, f.end) for f in figures]
    added: list[Figure] = []
    for fig in figures:
        if fig.form not in _SHARABLE_FORMS or fig.unit is None or fig.comparison:
            continue
        own = _number(sentence[fig.num_start : fig.end])
        if not own:
            continue
        scale = fig.value / own
        m = _LISTED_NUMBERS.search(sentence, max(0, fig.num_start - 80), fig.num_start)
        if m is None:
            continue
        for n in _NUMBER.finditer(sentence, m.start(), m.end()):
            span = n.span()
            if any(a < span[1] and span[0] < b for a, b in [*taken, *masked]):
                continue  # already a figure, or a year
            value = float(n.group(0).replace(",", "")) * scale
            added.append(
                Figure(
                    value,
                    fig.unit,
                    span[0],
                    fig.end,
                    span[0],
                    fig.form,
                    fig.tok_end,
                    fig.confidence - 0.05,
                    False,
                )
            )
    if not added:
        return figures
    return sorted([*figures, *added], key=lambda f: (f.num_start, f.end))


_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+|as well as\s+)?|\s(?:and|&|as well as)\s)\s*")


def listed_regions(
    sentence: str, regions: Sequence[tuple[int, int, str]], lo: int, hi: int
) -> tuple[list[str], int]:
    """The regions listed together as one subject ("A, B and C") whose list ends in
    sentence[lo:hi] (a list may begin before lo: clauses are cut at its commas), and where the
    list starts; ([], hi) unless two or more regions are listed."""
    before = [r for r in regions if r[1] <= hi]
    best: list[tuple[int, int, str]] = []
    run: list[tuple[int, int, str]] = []
    for r in before:
        if run and _JOINER.fullmatch(sentence, run[-1][1], r[0]):
            run.append(r)
        else:
            run = [r]
        if run[-1][0] >= lo and len(run) > len(best):
            best = list(run)
    unique = list(dict.fromkeys(r[2] for r in best))
    if len(unique) < 2:
        return [], hi
    return unique, best[0][0]


# what is left of a subject that says only which way the figure went
_DIRECTION_ONLY = re.compile(
    r"(?i)^(?:and |but |while )?(?:up|down|rising|falling|rose|fell|increasing|decreasing|"
    r"increased|decreased|growing|declining|an? (?:increase|decrease|rise|fall|drop|decline)"
    r"(?: of)?)?$"
)


# a subject that points back to the previous figure's ("the share", "it", "this figure")
_ANAPHORIC = re.compile(
    r"(?i)^(?:it|this|that|they|these|(?:the |this |that )?(?:share|figure|rate|ratio|"
    r"proportion|number|total|level|amount|value|index))$"
)


def elided_subject(subject: str) -> bool:
    """Whether a clause's subject is missing, names only a direction or points back, so the
    previous figure's indicator is meant ("..., up 4.2%"; "and are expected to reach"; "the
    share is expected to top 50 percent")."""
    bare = subject.strip(" ,;:")
    return _DIRECTION_ONLY.match(bare) is not None or _ANAPHORIC.match(bare) is not None


# "and" (or "but", "while") then a verb phrase: "and to reach", "and will", "and is expected"
_VERB_JOIN = re.compile(
    r"\s(?:and|but|while|whereas)\s+(?=(?:to|will|would|should|shall|is|are|was|were|has|have|"
    r"had|aims?|plans?|expects?|is expected|are expected)\b)"
)


def split_verb_phrases(
    sentence: str, lo: int, hi: int, fig_start: int, fig_end: int, others: Sequence[int]
) -> tuple[int, int]:
    """The quote bounds [lo, hi) of a figure narrowed to its own verb phrase, where "and" +
    a verb joins it to another figure's ("... exceed 50 percent by 2024 and to reach 56.8
    percent by 2025"). `others` are the start offsets of the sentence's other figures."""
    for m in _VERB_JOIN.finditer(sentence, lo, hi):
        at = m.start()
        if fig_end <= at and any(at < o < hi for o in others):
            return lo, at  # the next figure's phrase begins here
        if at < fig_start and any(lo <= o < at for o in others):
            lo = m.end()  # this figure's phrase begins after the previous one's
    return lo, hi
