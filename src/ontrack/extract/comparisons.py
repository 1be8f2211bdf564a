"""Comparisons: which statements of a sentence compare, and what their value is.

This stage decides, one sentence at a time:

1. Whether a figure found by `figures` is itself the value of a comparison
   (`figure_compares`): a difference against another entity, a plan or target, or another
   period's growth rate ("2 points higher than the national average", "0.5 percentage points
   faster than in the first quarter", "short of the target by 2.6 percent"); a percent of a
   target ("94% of the target", "83% of the way towards its target"); a ratio to another
   quantity set beside a figure ("1.5% of generation, less than a quarter of wind power");
   a count of entities against a benchmark ("12 regions grew faster than the national
   average"); a revision against an earlier estimate ("revised down by 0.1 per cent"); a
   rank. A change of one entity against its own past level is not a comparison but a result
   ("4.2 per cent higher than last year's", "56% below the level seen in 2019", "1.3
   percentage points lower than in 2013" for a rate that is not a growth rate).
2. Whether an ordinal is a rank (`is_rank`): "ranked ninth", "came third", "placed Spain in
   fourth position", "the second-largest", "the fourth most important".
3. Which clauses state a comparison that no figure of the clause carries
   (`clause_comparisons`), each one comparison quoted as its clause: superlatives with a
   scope ("the lowest since March 1998", "the highest on record", "the largest increases
   occurred in"), superlative predicates ("was the largest project"), ranking descriptors
   ("one of the most open economies"), records ("a record 48 GW", "an all-time high"),
   streaks ("the sixth consecutive rise", "for the fifth year in a row"), first times ("for
   the first time since 2011"), comparatives against another entity, average, plan, target
   or another figure's growth ("above the average of its neighbours", "lower than its
   target", "higher relative to the 15 per cent growth of 2021"), revisions to a new figure
   ("was revised to 3.2%"); and comparisons whose value the clause spells in words: "two
   years ahead of schedule" (2 years), "topped the country" (rank 1), "eleven of the
   world's 20 fastest-growing economies" (count 11).

A clause whose figure is already a comparison adds no second one; a clause whose figure
states a change against the entity's own past adds none either (that figure is the result).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from .lexicon import WORD_NUMBERS
from .regions import find_regions

if TYPE_CHECKING:
    from .sentences import Clauses
    from .tokens import Figure


@dataclass(frozen=True, slots=True)
class ClauseComparison:
    """A comparison stated by a clause: where it is, and its value when the words give one."""

    start: int  # sentence-relative
    end: int
    value: float | None = None
    unit: str | None = None
    # where the comparison's object begins ("than ..."): a time named from there on is the
    # base it is compared with, not the period of the statement
    base_from: int | None = None


# --- the words of the grammar -------------------------------------------------------------

_SUPERLATIVE: Final = (
    r"(?:highest|lowest|largest|biggest|smallest|fastest|slowest|strongest|weakest|best|worst|"
    r"greatest|warmest|hottest|coldest|wettest|driest|sharpest|steepest|deepest|longest|"
    r"shortest|busiest|cheapest|dearest|(?:most|least)(?: [a-z]+(?:ly [a-z]+)?)?)"
    r"(?:-(?!ever\b)[a-z]+)*"
)
_DETERMINER: Final = r"(?:the|its|their|his|her|our|a new|this|that|[a-z]+(?:'s|’s))"
# what makes a superlative a comparison: a span of time, a set of entities, or a ranked list
_SCOPE: Final = (
    r"(?:since|ever|on record|in (?:recorded )?history|has been|have been|had been|"
    r"(?:in|for|over) (?:(?:nearly|almost|over|more than|at least|about|around) )?"
    r"(?:\d+|a|an|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|several|many) (?:\w+ )?(?:years?|decades?|months?|quarters?|weeks?)|"
    r"in (?:a|the|over a) (?:decade|generation|century|half-century)|among|of (?:all|any)|"
    r"in the (?:country|world|nation|region|state|union|eu|continent|oecd|euro area|eurozone)|"
    r"nationwide|nationally|globally|worldwide|across|occurred|occurring|"
    r"(?:was|were) (?:recorded |seen |posted |registered )?in)\b"
)
_COPULA: Final = (
    r"(?:is|was|were|are|be|been|being|remains?|remained|became|becomes?|marks?|marked|"
    r"marking|recorded|posted|hit|hitting|reached|reaching|registered|achieved|saw|sees|"
    r"(?:making|made|makes)(?: [\w’'-]+){1,3}?)"
)
_SUPERLATIVE_RE: Final = re.compile(
    rf"\b{_DETERMINER} {_SUPERLATIVE}\b(?:[^,;:]{{0,60}}?)\b{_SCOPE}|"
    rf"\b{_COPULA} {_DETERMINER} {_SUPERLATIVE}\b|"
    rf"\bone of (?:the|its|their|[a-z]+(?:'s|’s)) {_SUPERLATIVE}\b[^,;:]{{0,60}}?\b{_SCOPE}|"
    r"\bone of (?:the|its|their|[a-z]+(?:'s|’s)) (?:few|only)\b|"
    r"\bamong the top\b"
)
# "record" as the noun or adjective of a record ("a record 48 GW", "since records began",
# "record high"), not the verb ("the province records 4.5% growth")
_BARE_SUPERLATIVE_RE: Final = re.compile(rf"\b(?:the|its|their) {_SUPERLATIVE}\b")
# "grew fastest", "rose the most": a superlative of the verb
_ADVERBIAL_SUPERLATIVE_RE: Final = re.compile(
    r"\b(?:grew|grow|grows|growing|rose|rise|rising|expanded|expanding|increased|fell|falling|"
    r"declined|declining|performed) (?:the )?(?:fastest|slowest|most|least|best|worst)\b"
)
_RECORD_RE: Final = re.compile(
    r"\b(?:a|an|the|new|all|on|its|their|previous|since|any|set|sets|broke|breaks|break|"
    r"breaking|beat|beats|surpass\w*|exceed\w*) records?\b|"
    r"\b(?:a|an|the|new|all|its|their|previous|any)(?: [a-z-]+){1,3}? records?\b"
    r"(?! (?:a |an |the )?[\d$€£])|"
    r"\brecord[- ](?:high|low|level|breaking|setting)s?\b|"
    r"\ball-time (?:high|low|peak)s?\b|\bhistoric(?:al)? (?:high|low|peak|level)s?\b|"
    r"\b(?:\d+|[a-z]+)[- ](?:year|month|week|decade|quarter)[- ](?:high|low|peak)s?\b|"
    r"\b(?:hit|hits|hitting|reach\w*|touch\w*) (?:a |an |the |its |their )?(?:new )?"
    r"(?:peak|high|low)\b|\bnew (?:high|low|peak)s?\b|\b(?:the )?peak in\b"
)
_STREAK_RE: Final = re.compile(
    r"\bconsecutive\b(?! (?:budget|session|term|meeting|edition|summit|conference|election)s?\b)|"
    r"\b(?:successive|straight) (?:year|month|quarter|week|day)s?\b|"
    r"\bin a row\b|\bback-to-back\b|\bstreaks?\b|\brecord upon record\b"
)
_PERIOD_NOUN: Final = (
    r"(?:quarter|half|month|months|week|weeks|day|days|year|years|time|phase|batch|round|"
    r"stage|step|part|two|three|four|five|six|seven|eight|nine|ten)"
)
_FIRST_RE: Final = re.compile(
    r"\bfor the first time\b|\bthe first time (?:since|in|ever)\b|\bfirst[- ]ever\b|"
    rf"\bthe first (?!{_PERIOD_NOUN}\b)[a-z-]+(?: [a-z-]+)? (?:to|since)\b|"
    r"\bthe first (?:province|city|region|county|country|municipality|state|nation|economy)s? "
    r"(?:in|among|of)\b"
)
# a comparative and what it is set against (the object, to the end of the clause)
_COMPARATIVE_RE: Final = re.compile(
    r"\b(?P<cmp>(?:higher|lower|faster|slower|greater|smaller|bigger|larger|stronger|weaker|"
    r"better|worse|more|less|fewer)(?: than| compared (?:to|with)| relative to| when compared)|"
    r"above|below|ahead of|behind|short of|on par with|similar (?:level )?to|"
    r"as (?!well|soon|long|far|part|such|of|a|an|the|if)[a-z]+ as|"
    r"exceed\w*|surpass\w*|outpac\w*|outstrip\w*|outperform\w*|overt(?:ook|ake|akes|aking|"
    r"aken)|eclips\w*|beat|beats|beating|"
    r"compared (?:to|with)|relative to|in comparison (?:to|with)|as against)\b(?=(?P<obj>.*))"
)
# objects that are another entity, a benchmark, or a plan or target
_OTHER_ENTITY: Final = (
    r"average|national|nationwide|country|nation|global|world|international|regional|rest of|"
    r"other|others|neighbou?r\w*|peers?|counterparts?|competitors?|emerging|advanced|"
    r"developed|developing|province|provinces|states|countries|economies|the region|cities"
)
_PLAN: Final = (
    r"target\w*|goal|goals|objective|plan|planned|forecast\w*|projection|projected|estimate|"
    r"estimated|expectations?|expected|consensus|budget\w*|schedule\w*|quota|benchmark|"
    r"threshold|limit|cap|ceiling|requirement|guidance"
)
# a statistic's own average ("the daily average production") is not another entity's
_BENCHMARK_RE: Final = re.compile(
    rf"\b(?:{_OTHER_ENTITY}|{_PLAN})\b(?<!daily average)(?<!weekly average)"
    r"(?<!monthly average)(?<!quarterly average)(?<!annual average)(?<!yearly average)"
)
_GROWTH_RE: Final = re.compile(r"\b(?:grow\w*|grew|growth|expan\w+|increas\w*|rise|rose)\b")
# comparatives with the present level: "lower than this", "the last time it was this low"
_PRESENT_RE: Final = re.compile(r"\bthan (?:this|now|today)\b|\bthis (?:high|low) since\b")
# a growth rate that moved from another period's rate: "growth slowed from 4.0 per cent"
_RATE_FROM_RE: Final = re.compile(
    r"\b(?:growth|growth rate)\b[^,;]{0,40}\b(?:declined|decreased|fell|slowed|eased|"
    r"moderated|dropped|rose|increased|accelerated|picked up|jumped)(?: [a-z]+)?"
    r" from \S*\d"
)
_FIRST_COMPANION_RE: Final = re.compile(
    r"\b(?:higher|faster|lower|slower|above|below|outpac\w*|surpass\w*|exceed\w*|outperform\w*|"
    r"more than|less than|grow\w*|growth|rate|since)\b|"
    r"\bfor the first time (?:this|last|in|since|ever|on)\b"
)
_REVISED_TO_RE: Final = re.compile(
    r"\brevised (?:up|down|upwards?|downwards?|higher|lower)?\s*to\b"
)

# --- comparisons with their value in words --------------------------------------------------

_NUMBER_WORD: Final = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(WORD_NUMBERS, key=len)[::-1]) + ")"
# a number after a comparative word makes it a bound on a figure, not a comparison
_BOUND_RE: Final = re.compile(
    r"\s*(?:[^\w\s]{1,2}|[a-z]{1,3}\$|rs\.? |tk )?"
    rf"(?:\d|(?:{_NUMBER_WORD}|half|a (?:third|quarter|fifth|tenth)|twice|double)\b)"
)
_AHEAD_RE: Final = re.compile(
    rf"\b(?P<n>{_NUMBER_WORD}|a|an|one) (?P<unit>years?|months?) (?:ahead of (?:schedule|time|"
    r"target|plan)|early|earlier than (?:planned|scheduled|expected|targeted|required))\b"
)
_AHEAD_PLAIN_RE: Final = re.compile(r"\bahead of (?:schedule|time)\b")
_TOPPED_RE: Final = re.compile(
    r"\btop(?:ped|s|ping)? (?:the|all) (?:country|nation|list|rankings?|league|table|chart|"
    r"world|region|state|provinces|countries|states)\b"
)
# "making Iraq the top destination", "is the number one exporter": the first rank
_THE_TOP_RE: Final = re.compile(
    rf"\b(?:{_COPULA}) (?:the|its|their|[a-z]+(?:'s|’s)) (?:top|number one|no\. ?1) "
    r"(?!\d|one|two|three|four|five|six|seven|eight|nine|ten|priority|priorities)[a-z]+"
)
_N_OF_M_RE: Final = re.compile(
    rf"\b(?P<n>{_NUMBER_WORD}) of (?:the )?(?:[a-z]+(?:'s|’s) )?(?P<m>{_NUMBER_WORD}) "
    rf"{_SUPERLATIVE}\b"
)


def _number(word: str) -> float | None:
    if word in {"a", "an", "one"}:
        return 1.0
    if word in WORD_NUMBERS:
        return float(WORD_NUMBERS[word])
    try:
        return float(word)
    except ValueError:
        return None


def _valued_in_words(low: str) -> tuple[int, float, str] | None:
    """(position, value, unit) of a comparison whose value the clause spells."""
    m = _AHEAD_RE.search(low)
    if m:
        value = _number(m.group("n"))
        if value is not None:
            unit = "years" if m.group("unit").startswith("year") else "months"
            return m.start(), value, unit
    m = _TOPPED_RE.search(low) or _THE_TOP_RE.search(low)
    if m:
        return m.start(), 1.0, "rank"
    m = _N_OF_M_RE.search(low)
    if m and m.group("n") != "one":  # "one of the 20 largest" names a group, not a count
        n, total = _number(m.group("n")), _number(m.group("m"))
        if n is not None and total is not None and n < total:
            return m.start(), n, "count"
    return None


# --- figures that are comparisons ---------------------------------------------------------

CMP_AFTER_RE: Final = re.compile(
    r"(?i)^\s{0,3}(?:year[- ]on[- ]year\s+)?(?P<adj>higher|lower|faster|slower|more|less|"
    r"greater|smaller|bigger|above|below|ahead of|behind|over)\b(?:\s+than)?\s+"
    r"(?P<obj>[^.;]{0,60})"
)
# an object that names the entity's own past: a year, a period, an earlier level
_OWN_PAST_RE: Final = re.compile(
    r"(?i)^(?:that of |those of |in |the level (?:of|seen|recorded|in) |the )?"
    r"(?:the same (?:period|quarter|month|time)|a year|last|the previous|previous|the preceding|"
    r"the prior|(?:fy|q[1-4] )?(?:19|20)\d\d|fy\d\d|the beginning|the start|the end of|before|"
    r"earlier|the year before|a decade|ten years|pre-|(?:january|february|march|april|may|"
    r"june|july|august|september|october|november|december)\b|(?:first|second|third|fourth) "
    r"quarter|level)"
)
TIMES_OBJECT_RE: Final = re.compile(
    r"(?i)^\W{0,2}(?:that of|those of|the|as [a-z]+ as)\s+(?P<obj>[^.;]{0,60})"
)
# a difference given after what it is measured against: "short of the target by 2.6 percent"
SHORT_BY_RE: Final = re.compile(
    r"(?i)(?:short (?:of [^.;]{0,60}?)?by|lagg(?:ed|ing)? (?:behind [^.;]{0,60}?)?by|"
    r"(?:higher|lower|faster|slower|above|below|more|less) than (?:the )?(?:national|country|"
    r"nation|average)[^.;]{0,40}?by)\W*$"
)
_REVISED_BY_RE: Final = re.compile(
    r"(?i)\brevised (?:up|down|upwards?|downwards?|higher|lower)(?: by)?\s*$"
)
_OF_TARGET_RE: Final = re.compile(
    r"(?i)^\s*of (?:the |its |their |this year's |a |an )?(?:[\w-]+ ){0,3}?(?:target\w*|goal|"
    r"objective|quota|forecast|projection|estimate|expected|planned)\b|"
    r"^\s*of the way (?:to|towards)\b"
)
# a ratio set beside another figure: "..., less than a quarter of wind power"
_RATIO_LEAD_RE: Final = re.compile(
    r"(?i)^\W*(?:(?:only|just|still) )*(?:less than|more than|over|under|about|around|"
    r"nearly|almost|roughly|some|close to|barely|well over)?\s*$"
)
_COUNT_BEATS_RE: Final = re.compile(
    r"(?i)^\s*(?:\w+ ){0,3}?(?:beat|beats|outpaced|outperformed|exceeded|surpassed|topped|"
    r"(?:grew|rose|expanded|performed) (?:faster|more|better) than)\b(?P<obj>[^.;]{0,60})"
)
_GROWTH_BEFORE_RE: Final = re.compile(r"(?i)\b(?:grow\w*|grew|growth|expan\w+)\b")
_BY_END_RE: Final = re.compile(r"(?i)\bby\s*$")
_THAN_RE: Final = re.compile(r"(?i)\bthan\b")
_FROM_AFTER_RE: Final = re.compile(r"(?i)^\s*(?:from|relative to|compared)\b")


def region_count_is_figure(before: str, after: str) -> bool:
    """Whether a count of regions (between `before` and `after`) is a figure: set against a
    benchmark ("12 regions grew faster than the national average", "nine states beat the US
    average", a comparison) or counting the regions with a change or past a threshold ("employment
    rose in 39 states", "31 states had decreases", "15 countries posted growth above 5%", a
    result). Other counts of regions ("agreements with 12 provinces") are not statements."""
    clause = _CLAUSE_END_RE.split(after, maxsplit=1)[0]
    if _THAN_RE.search(clause):
        return True
    c = _COUNT_BEATS_RE.match(clause)
    if c is not None and _BENCHMARK_RE.search(c.group("obj").lower()):
        return True
    return bool(_COUNT_CHANGE_RE.match(clause) or _CHANGE_IN_RE.search(before))


_CLAUSE_END_RE: Final = re.compile(r"[.;:]|,\s")
_CHANGE_IN_RE: Final = re.compile(
    r"(?i)\b(?:grew|rose|increased|fell|declined|decreased|expanded|contracted)\s+in\s+$"
)
# right after the regions: "... had unemployment rate decreases", "posted growth above 5%"
_COUNT_CHANGE_RE: Final = re.compile(
    r"(?i)^\s*(?:[\w-]+ ){0,2}?(?:had|saw|posted|recorded|reported|registered|showed)\b"
    r"[^.;]{0,40}?\b(?:increases?|decreases?|declines?|gains?|losses|rises?|falls?|drops?|"
    r"growth|grew)\b|"
    r"^\s*(?:[\w-]+ ){0,2}?(?:grew|rose|increased|fell|declined|decreased|expanded|"
    r"contracted)\b"
)


def _own_past(obj: str) -> bool:
    """The object of a comparative names the entity's own earlier level, not another one."""
    return bool(_OWN_PAST_RE.match(obj)) and not _BENCHMARK_RE.search(obj.lower()[:50])


def figure_compares(s: str, fig: Figure, clause_start: int) -> bool:
    """The figure is the value of a comparison (a difference, ratio, count or rank against
    another entity, a plan or another period's growth), not a level or an own change."""
    if fig.comparison:
        return True
    before = s[max(clause_start, fig.start - 100) : fig.start]
    if _BY_END_RE.search(before) and SHORT_BY_RE.search(before):
        return True
    if _REVISED_BY_RE.search(before):
        return True
    after = s[fig.end : fig.end + 120]
    if fig.unit == "percent" and _OF_TARGET_RE.match(after):
        return True
    m = CMP_AFTER_RE.match(after)
    if m:
        obj, adj = m.group("obj"), m.group("adj").lower()
        if fig.unit == "percentage points":
            growth = adj in {"faster", "slower"} or _GROWTH_BEFORE_RE.search(
                s[clause_start : fig.start]
            )
            return not _own_past(obj) or bool(growth)
        if fig.unit in {"percent", "times", "fraction"}:
            return not _own_past(obj)
        if fig.unit == "count":
            return bool(_BENCHMARK_RE.search(obj.lower()))
    if fig.unit == "percentage points" and _FROM_AFTER_RE.match(after):
        return bool(_GROWTH_BEFORE_RE.search(s[clause_start : fig.start])) or bool(
            _BENCHMARK_RE.search(after.lower()[:80])
        )
    if fig.unit == "count":
        c = _COUNT_BEATS_RE.match(after)
        if c and _BENCHMARK_RE.search(c.group("obj").lower()):
            return True
    if fig.unit == "times":
        t = TIMES_OBJECT_RE.match(after)
        if t and not _own_past(t.group("obj")):
            return True
    if fig.unit == "fraction" and clause_start > 0 and s[clause_start - 2 : clause_start].strip():
        # the clause is only the ratio ("less than a quarter of X"), set after another clause
        lead = s[clause_start : fig.start]
        of_obj = re.match(r"(?i)^\s*(?:of\s+|(?=the\b))(?P<obj>[^,.;]{1,60})", after)
        if (
            _RATIO_LEAD_RE.match(lead)
            and of_obj
            and not re.match(
                r"(?i)(?:the )?(?:total|all|its|their|this|these|those)\b", of_obj.group("obj")
            )
        ):
            return True
    return False


def base_from(s: str, fig: Figure) -> int | None:
    """Where the object of a comparing figure begins ("2 points higher than [in 2019]", "83%
    of [the way towards its 2030 target]"): times named there are its base, not its period."""
    after = s[fig.end : fig.end + 120]
    m = CMP_AFTER_RE.match(after)
    if m:
        return fig.end + m.start("obj")
    if _OF_TARGET_RE.match(after):
        return fig.end
    return None


# --- ranks --------------------------------------------------------------------------------

# a verb of ranking before the ordinal, with at most a short object between ("placed Spain in")
RANK_WORD_RE: Final = re.compile(
    r"(?i)(?:\brank(?:s|ed|ing)?|\bplac(?:es|ed|ing)|\bcame|\bcomes?|\bfinish(?:ed|es)?|"
    r"\bposition(?:ed|ing))(?: [\w’'-]+){0,2}?(?: (?:the|at|as|in|no\.?))?\W*$"
)
SUPERLATIVE_AFTER_RE: Final = re.compile(
    r"(?i)^\s*(?:-\s*)?(?:largest|biggest|highest|lowest|fastest|best|strongest|most|"
    r"greatest|leading)\b[^.;,]{0,50}?\b(?:in the country|in china|nationwide|nationally|in the "
    r"nation|in the world|globally|among|in all|across the country)"
)
# an ordinal joined to a superlative is a rank in any clause: "second-largest", "third most"
_ORDINAL_SUPERLATIVE_RE: Final = re.compile(rf"(?i)^(?:-|\s)\s*{_SUPERLATIVE}\b")
PLACE_AFTER_RE: Final = re.compile(r"(?i)^\s*(?:place|position|spot)\b")
FROM_BEFORE_RE: Final = re.compile(r"(?i)\bfrom(?: the)?\W*$")


def is_rank(before: str, after: str, ranked_list: bool) -> tuple[bool, bool]:
    """Whether an ordinal between `before` and `after` is a rank, and whether the rank takes
    the next word ("fourth place"). `ranked_list`: the ordinal follows "ranked ... and"."""
    if RANK_WORD_RE.search(before):
        return True, False
    if PLACE_AFTER_RE.match(after):
        if FROM_BEFORE_RE.search(before):
            return False, False  # "from the 7th place": the old rank
        return True, True
    if _ORDINAL_SUPERLATIVE_RE.match(after) or SUPERLATIVE_AFTER_RE.match(after):
        return True, False
    return ranked_list, False


# --- clauses that compare -----------------------------------------------------------------


def _clause_compares(clause: str, sentence: str, sentence_figures: bool) -> bool:
    """The grammar of a comparison stated without its own figure, on a clause (`sentence`:
    the whole lower-cased sentence, `sentence_figures`: it has figures)."""
    low = clause.lower()
    if _SUPERLATIVE_RE.search(low) or _RECORD_RE.search(low) or _STREAK_RE.search(low):
        return True
    if _ADVERBIAL_SUPERLATIVE_RE.search(low):
        return True
    sup = _BARE_SUPERLATIVE_RE.search(low)
    if sup is not None and len(low) == len(clause) and find_regions(clause[sup.end() :][:80]):
        return True  # a superlative within a named region: "the highest rate in France"
    if _FIRST_RE.search(low) and (sentence_figures or _FIRST_COMPANION_RE.search(sentence)):
        # a first that is a milestone of a measure, not the first issue of a document
        return True
    if _PRESENT_RE.search(low) or _REVISED_TO_RE.search(low):
        return True
    if _AHEAD_PLAIN_RE.search(low):
        return True
    if _RATE_FROM_RE.search(low):
        return True
    return bool(_comparatives(clause))


def _comparatives(clause: str) -> list[int]:
    """Where a clause sets something against another entity, average, plan, target or
    another period's growth rate (one position per comparative)."""
    low = clause.lower()
    same_offsets = len(low) == len(clause)  # region names are found in the original text
    out = []
    for m in _COMPARATIVE_RE.finditer(low):
        obj = m.group("obj")[:90].strip()
        if _BOUND_RE.match(obj):
            continue  # "more than 100 projects", "above 5 percent": a bound on a figure
        if _DIFFERENCE_GIVEN_RE.search(obj):
            continue  # "lower than X by 0.37": the difference is the clause's figure
        names_region = same_offsets and bool(find_regions(clause[m.end("cmp") :][:60]))
        if _BENCHMARK_RE.search(obj) or names_region:
            # another entity (an average, a group, a named region), a benchmark or plan
            out.append(m.start())
            continue
        # a growth rate set against another period's: "higher relative to the 15.41 per
        # cent growth recorded in 2021"; a level against its own past is a result, not this
        if (
            _EXPLICIT_RE.search(m.group("cmp"))
            and _DIGIT_RE.search(obj)
            and _GROWTH_RE.search(low)
            and _PERIOD_NAMED_RE.search(obj)
        ):
            out.append(m.start())
    return out


def _coordinated(s: str, low: str, cs: int, ce: int) -> list[ClauseComparison]:
    """The comparisons of a clause: two when two comparatives are joined by "and" ("higher
    relative to A and higher compared to B"), else one; each knows where its base begins
    (the first comparative: what comes before it names the compared period)."""
    starts = _comparatives(s[cs:ce])
    base = cs + starts[0] if starts else None
    if starts and "respectively" in low[cs : ce + 16]:
        # "surpassing the averages of 2.9% and 3.2%, respectively": one per figure
        n = len(_FIGURE_IN_LIST_RE.findall(low, cs + starts[0], ce))
        return [ClauseComparison(cs, ce, base_from=base)] * max(1, n)
    out = []
    begin = cs
    for at in starts[1:]:
        cut = low.rfind(" and ", begin, cs + at)
        if cut > begin and cut > cs + starts[0]:
            out.append(ClauseComparison(begin, cut, base_from=base))
            begin = cut + len(" and ")
    out.append(ClauseComparison(begin, ce, base_from=base))
    return out


def may_compare(s: str) -> bool:
    """Whether a sentence without digits can state a comparison (so it is read at all)."""
    low = s.lower()
    return _clause_compares(s, low, False) or _valued_in_words(low) is not None


def clause_comparisons(s: str, figures: list[Figure], clauses: Clauses) -> list[ClauseComparison]:
    """The comparisons of a sentence that are not a figure's: one per clause that states one,
    with the value when the clause spells it ("two years ahead of schedule"). A clause that
    goes on with a participle ("..., hitting the peak in seven years") continues the
    comparison of the clause before it."""
    low = s.lower()
    out, listed = ranked_list(s)
    last_index = -2  # the clause of out[-1]
    for index, (cs, ce) in enumerate(clauses.spans()):
        if listed is not None and cs < listed[1] and ce > listed[0]:
            continue  # read as a ranked list
        clause = low[cs:ce]
        in_clause = [f for f in figures if cs <= f.start < ce]
        if any(f.comparison or figure_compares(s, f, cs) for f in in_clause):
            continue  # the clause's figure is the comparison
        valued = _valued_in_words(clause)
        if valued is not None:
            at, value, unit = valued
            if not any(f.start <= cs + at < f.end for f in figures):
                out.append(ClauseComparison(cs, ce, value, unit))
                last_index = index
                continue
        if not _clause_compares(s[cs:ce], low, bool(figures)):
            continue
        if in_clause and _states_own_change(s, in_clause):
            continue
        if (
            last_index == index - 1
            and out[-1].value is None
            and (_PARTICIPLE_RE.match(clause) or _PREPOSITION_RE.match(low, out[-1].start))
        ):
            # a participle goes on with the comparison before it; a phrase of a preposition
            # ("for the first time in years, lower than ...") belongs to the one after it
            out[-1] = ClauseComparison(out[-1].start, ce)
        else:
            out.extend(_coordinated(s, low, cs, ce))
        last_index = index
    return out


_DIGIT_RE: Final = re.compile(r"\d")
_FIGURE_IN_LIST_RE: Final = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
_EXPLICIT_RE: Final = re.compile(r"than|compared|relative|comparison")
_DIFFERENCE_GIVEN_RE: Final = re.compile(r"\bby \S*\d")
_PERIOD_NAMED_RE: Final = re.compile(
    r"\b(?:(?:19|20)\d\d|q[1-4]|fy\d+|quarter|half|month|year|january|february|march|april|"
    r"may|june|july|august|september|october|november|december)\b"
)

# "The largest increases occurred in Texas (+36,400), Illinois (+19,300) and Colorado (+9,600)"
_RANKED_HEAD_RE: Final = re.compile(
    rf"(?i:\bthe {_SUPERLATIVE}\b(?P<subject>[^.;:]{{0,80}}?)\b(?P<verb>occurred|were|was|came|"
    r"took place)(?: (?:recorded|seen|posted|reported|found|registered))?\s+in)\s+"
)
_PLURAL_CHANGE_RE: Final = re.compile(
    r"(?i)\b(?:increases|declines|decreases|gains|losses|rises|falls|drops|jumps|changes|"
    r"reductions|improvements|growth rates|rates)\b"
)
_LIST_ITEM_RE: Final = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+)?(?P<name>(?:the )?[A-Z][\w.'’-]*(?: (?:of |and )?"
    r"(?:the )?[A-Z][\w.'’-]*)*)(?:\s*(?P<paren>\([^()]*\)))?"
)


def ranked_list(s: str) -> tuple[list[ClauseComparison], tuple[int, int] | None]:
    """The ranks of a list that follows a plural superlative: ranks 1..n when each entity
    has its own figure, one comparison without a value per entity when they share one
    ("(-0.2 percent each)") or have none; and the span the list covers. A list after
    "followed by", or of one entity, ranks only its first entity (the clause rule)."""
    head = _RANKED_HEAD_RE.search(s)
    if head is None or not (
        _PLURAL_CHANGE_RE.search(head.group("subject")) or head.group("verb").lower() == "were"
    ):
        return [], None
    items: list[tuple[int, str | None]] = []  # (end of the name, its bracket)
    pos = head.end()
    while True:
        m = _LIST_ITEM_RE.match(s, pos)
        if m is None or not m.group("name"):
            break
        if items and m.start("name") == m.start():
            break  # after the first, a name follows a comma or "and"
        items.append((m.end("name"), m.group("paren")))
        pos = m.end()
    if len(items) < 2:
        return [], None
    own = [p is not None and bool(_DIGIT_RE.search(p)) and "each" not in p for _e, p in items]
    start = head.start()
    if all(own):
        found = [ClauseComparison(start, e, k + 1.0, "rank") for k, (e, _p) in enumerate(items)]
    else:
        found = [ClauseComparison(start, e) for e, _p in items]
    return found, (start, pos)


_PARTICIPLE_RE: Final = re.compile(r"\s*(?:and )?[a-z]+ing\b")
_PREPOSITION_RE: Final = re.compile(r"\s*(?:for|since|in|at|over|by)\b")


def _states_own_change(s: str, figures: list[Figure]) -> bool:
    """A figure of the clause is a change against the entity's own past ("56% below the
    level seen in 2019"): the clause is that result, not a further comparison."""
    for f in figures:
        after = s[f.end : f.end + 80]
        m = CMP_AFTER_RE.match(after)
        if m and _own_past(m.group("obj")):
            return True
    return False
