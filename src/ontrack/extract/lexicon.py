"""Word lists for the figure scanner: number words, scale words, units, count nouns, cues.

Everything here is general English of economic and energy reporting; nothing is taken from a
particular document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from .unitwords import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    INDIAN_SCALES,
    PHYSICAL_UNITS,
)
from .wordsearch import Gated, safe_lower, trie_pattern

WORD_NUMBERS: Final[dict[str, int]] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "dozen": 12,
}
TENS: Final = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

ORDINAL_WORDS: Final[dict[str, int]] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
}
ORDINAL_SUFFIXES: Final = {"st", "nd", "rd", "th"}

SCALES: Final = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "mio": 1e6,
    "tn": 1e12,
    "trn": 1e12,
    **INDIAN_SCALES,
}
# attached single-letter scales ("200m kilowatts", "5bn yuan") need a unit after them
SHORT_SCALES: Final = {"m": 1e6, "b": 1e9, "k": 1e3}

# (tokens, unit, multiplier); tokens are lower-case; matched longest first.
_UNIT_ROWS: Final[list[tuple[str, str, float]]] = [
    ("percentage points", "percentage points", 1),
    ("percentage point", "percentage points", 1),
    ("percent", "percent", 1),
    ("per cent", "percent", 1),
    ("%", "percent", 1),
    ("pct", "percent", 1),
    ("percents", "percent", 1),
    ("tonnes of standard coal equivalent", "tce", 1),
    ("tons of standard coal equivalent", "tce", 1),
    ("tonnes of standard coal", "tce", 1),
    ("tons of standard coal", "tce", 1),
    ("tonnes of coal equivalent", "tce", 1),
    ("tons of coal equivalent", "tce", 1),
    ("tonnes of sce", "tce", 1),
    ("tons of sce", "tce", 1),
    ("tce", "tce", 1),
    ("tsce", "tce", 1),
    ("metric tons", "tonnes", 1),
    ("metric tonnes", "tonnes", 1),
    ("tons", "tonnes", 1),
    ("tonnes", "tonnes", 1),
    ("ton", "tonnes", 1),
    ("tonne", "tonnes", 1),
    ("kilowatt - hours", "kWh", 1),
    ("kilowatt hours", "kWh", 1),
    ("kilowatt - hour", "kWh", 1),
    ("kwh", "kWh", 1),
    ("kilowatts", "kW", 1),
    ("kilowatt", "kW", 1),
    ("kw", "kW", 1),
    ("gigawatts", "GW", 1),
    ("gigawatt", "GW", 1),
    ("gw", "GW", 1),
    ("terawatt - hours", "TWh", 1),
    ("terawatt hours", "TWh", 1),
    ("twh", "TWh", 1),
    ("cubic meters", "cubic meters", 1),
    ("cubic metres", "cubic meters", 1),
    ("square meters", "square meters", 1),
    ("square metres", "square meters", 1),
    ("square kilometers", "square kilometers", 1),
    ("square kilometres", "square kilometers", 1),
    ("hectares", "hectares", 1),
    ("mu", "mu", 1),
    ("jin", "jin", 1),
    ("times", "times", 1),
    ("- fold", "times", 1),
    ("fold", "times", 1),
    ("days", "days", 1),
    # currencies, power and energy as written, volumes, flows, temperatures (unitwords.py)
    *((words, code, 1.0) for words, code in CURRENCY_WORDS),
    *((code.lower(), code, 1.0) for code in sorted(CURRENCY_CODES)),
    *PHYSICAL_UNITS,
]
UNITS: Final[list[tuple[tuple[str, ...], str, float]]] = sorted(
    ((tuple(row.split()), unit, mult) for row, unit, mult in _UNIT_ROWS),
    key=lambda r: -len(r[0]),
)
UNIT_FIRST: Final = {r[0][0] for r in UNITS}
UNITS_BY_FIRST: Final[dict[str, list[tuple[tuple[str, ...], str, float]]]] = {}
for _row in UNITS:
    UNITS_BY_FIRST.setdefault(_row[0][0], []).append(_row)
CURRENCY_UNITS: Final = frozenset({"yuan", *CURRENCY_CODES})
CURRENCY_PREFIX: Final = {
    **CURRENCY_SYMBOLS,
    **{code.lower(): code for code in CURRENCY_CODES},
}

UNIT_NOUNS: Final = {
    "vehicles",
    "vehicle",
    "cars",
    "units",
    "sets",
    "nevs",
    "evs",
    "trucks",
    "buses",
    "ships",
    "aircraft",
    "planes",
    "phones",
    "handsets",
    "robots",
    "pieces",
    "chips",
    "bicycles",
    "motorcycles",
    "locomotives",
    "turbines",
    "batteries",
    "homes",
    "houses",
    "dwellings",
}
PERSON_NOUNS: Final = {
    "jobs",
    "people",
    "persons",
    "residents",
    "tourists",
    "visitors",
    "workers",
    "employees",
    "students",
    "graduates",
    "passengers",
    "talents",
    "farmers",
    "migrants",
    "households",
    "visits",
    "trips",
    "travellers",
    "travelers",
    "inhabitants",
    "patients",
    "births",
}
# plural nouns after a number that are not figures under the labelling rules
NON_FIGURE_NOUNS: Final = {
    "years",
    "months",
    "weeks",
    "hours",
    "minutes",
    "seconds",
    "decades",
    "centuries",
    "words",
    "characters",
    "pages",
    "ministries",
    "departments",
    "agencies",
    "bodies",
    "meetings",
    "sessions",
    "delegates",
    "deputies",
    "documents",
    "articles",
    "chapters",
    "sections",
    "tasks",
    "measures",
    "steps",
    "aspects",
    "points",
    "policies",
    "guidelines",
    "principles",
    "rounds",
    "editions",
    "languages",
    "times",
    "clicks",
    "views",
    "ages",
    "opinions",
    "plans",
    "regulations",
    "rules",
    "laws",
    "categories",
    "dimensions",
    "pillars",
    "priorities",
    "actions",
    "goals",
    "targets",
    "phases",
    "stages",
    "levels",
    "fronts",
    "ways",
    "areas",
    "fields",
    "sectors",
    "domains",
    "directions",
    "batches",
    "hands",
    "decimal",
    "copies",
    "mentions",
    "forums",
    "conferences",
    "members",
    "parts",
    "places",
    "lines",
}
# counts of events, agreements and partners are not statements either (issue 12, category 5)
NON_FIGURE_NOUNS.update(
    {
        "talks",
        "summits",
        "delegations",
        "exhibitions",
        "expos",
        "fairs",
        "seminars",
        "workshops",
        "ceremonies",
        "agreements",
        "memoranda",
        "mous",
        "partners",
        "treaties",
        "signatories",
        "participants",
        "attendees",
        "guests",
        "speakers",
        "exhibitors",
        "votes",
    }
)
# region nouns: a count of them is a figure only in a comparison ("N provinces grew faster")
REGION_NOUNS: Final = {
    "provinces",
    "regions",
    "cities",
    "municipalities",
    "counties",
    "countries",
    "districts",
    "prefectures",
    "towns",
    "villages",
    "economies",
    "states",
}
DETERMINERS: Final = {
    "the",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "all",
    "both",
    "each",
    "this",
    "that",
    "every",
    "which",
    "whose",
    "my",
}
NAME_WORDS: Final = {
    "no",
    "nos",
    "phase",
    "article",
    "line",
    "level",
    "grade",
    "class",
    "chapter",
    "section",
    "item",
    "page",
    "vol",
    "volume",
    "issue",
    "version",
    "room",
    "gate",
    "route",
    "road",
    "batch",
    "stage",
    "step",
    "type",
    "model",
    "category",
    "group",
    "unit",
    "block",
    "zone",
    "number",
    "aged",
    "age",
    "covid",
    "g",
    "h",
    "q",
    "plan",
    "project",
    # programme names around the world: "Bid Window 5", "Round 3", "Tier 1", "SDG 7"
    "window",
    "round",
    "tier",
    "wave",
    "terminal",
    "pillar",
    "sdg",
    "lot",
    "ward",
    "schedule",
    "annex",
    "appendix",
    "table",
    "figure",
    "chart",
}
STOP_AFTER: Final = {
    "of",
    "in",
    "to",
    "and",
    "or",
    "for",
    "with",
    "from",
    "by",
    "at",
    "on",
    "as",
    "that",
    "which",
    "the",
    "a",
    "an",
    "were",
    "was",
    "is",
    "are",
    "have",
    "has",
    "had",
    "be",
    "been",
    "will",
    "would",
    "this",
    "year",
    "than",
    "respectively",
    "while",
    "compared",
    "over",
    "up",
    "down",
    "more",
    "less",
    "per",
    "each",
    "into",
    "across",
    "during",
    "since",
    "after",
    "before",
    "its",
    "their",
    "his",
    "her",
    "it",
    "they",
    "we",
    "not",
    "also",
    "new",
}
MULTIPLES: Final[dict[str, float]] = {
    "double": 2,
    "doubled": 2,
    "doubling": 2,
    "doubles": 2,
    "twofold": 2,
    "triple": 3,
    "tripled": 3,
    "tripling": 3,
    "triples": 3,
    "threefold": 3,
    "quadruple": 4,
    "quadrupled": 4,
    "fourfold": 4,
    "fivefold": 5,
    "tenfold": 10,
}
MULTIPLE_OK_AFTER: Final = {
    "from",
    "in",
    "by",
    "to",
    "the",
    "its",
    "their",
    "that",
    "those",
    "over",
    "since",
    "compared",
    "within",
    "during",
    "and",
    "or",
    "again",
    "on",
    "than",
    "as",
    "between",
    "last",
    "this",
    "for",
    "when",
    "while",
    "after",
    "before",
    "what",
    "year",
    "his",
    "her",
    "our",
    "relative",
    "against",
    "versus",
}
FRACTION_WORDS: Final = {
    "half": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
    "tenth": 0.1,
    "tenths": 0.1,
}
QUALIFIER_BEFORE_FRACTION: Final = {
    "a",
    "one",
    "two",
    "three",
    "four",
    "more",
    "than",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "roughly",
    "some",
}

_TARGET_ALTS: Final = (
    r"will|would|shall|should|could|might|must|is to|are to|aims?|aiming|aimed (?:to|at|for)|"
    r"plans? to|planned to|planning to|plans|intends?|intended to|seeks?|seeking|strives?|"
    r"striving|endeavou?rs?|pledged?|pledges|vows?|vowed|commits? to|committed to|"
    r"(?:is|are) set to|set to|sets? (?:a |an )?(?:target|goal)|has set (?:a |an )?(?:target|goal)|"
    r"expected|expects?|expecting|projected|projects? to|forecasts?|forecasted|predicted|"
    r"predicts?|estimated to|anticipated|envisages?|envisioned|targets?|targeted|targeting|"
    r"goals?|objectives?|going to|hopes? to|wants? to|"
    # a budget's plan: allocations, provisions and proposals for a year to come
    r"allocates?|allocating|earmarks?|earmarked|earmarking|budgets? for|budgeted|"
    r"proposes?|proposing|sets? aside|setting aside|calls? for|foresees?|"
    r"projects(?= (?:a|an|the|that|revenue|revenues|spending|expenditure|growth|inflation)\b)|"
    r"to be (?:added|built|installed|achieved|"
    r"reached|created)|to (?:add|reach|achieve|raise|exceed|build|create|cut|reduce|lower|"
    r"increase|grow|hit|double|have|make|keep|fulfil|fulfill|put|generate|bring|lift|boost|"
    r"expand|surpass|top|attain|realize|realise|maintain|control|limit|install|account|"
    r"rise|form|launch|cultivate|train|attract|complete|ensure)"
)
_RESULT_ALTS: Final = (
    r"reached|was|were|is|are|has been|have been|stood|hit|grew|rose|increased|decreased|"
    r"declined|dropped|fell|expanded|contracted|totaled|totalled|amounted|recorded|posted|"
    r"realized|realised|registered|achieved|created|added|exceeded|surpassed|topped|generated|"
    r"produced|exported|imported|accounted|accounting|accounts? for|makes? up|represents?|"
    r"reaching|hitting|making up|made up|"
    r"marking|marked|saw|witnessed|reported|had|kept|maintained|completed|fulfilled|"
    r"fulfilling|attained|climbed|jumped|surged|soared|edged|slid|shrank|narrowed|widened|"
    r"narrowing|widening|became|remained|stayed|ranked|rising|growing|increasing|falling|"
    r"dropping|declining|holding|reported|showed|approved|issued|released|"
    # movements of a level, as statistics releases word them ("eased to", "held at")
    r"eased|held|slowed|accelerated|dipped|rebounded|recovered|plunged|tumbled|slumped|"
    r"softened|moderated|improved|worsened|hovered|peaked|leapt|leaped|spiked|gained|lost|"
    r"doubled|tripled|trebled|halved|quadrupled|came in|stands|totals|amounts to"
)
CUE_RE: Final = re.compile(
    rf"(?i)(?<![\w-])(?:(?P<t>{_TARGET_ALTS})|(?P<r>{_RESULT_ALTS}))(?![\w-])"
)


def _split_top(alts: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in alts:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _first_words(alts: str) -> set[str]:
    """First literal words of the alternatives of a cue pattern (for a fast pre-filter)."""
    words: set[str] = set()
    for alt in _split_top(alts):
        if alt.startswith("(?:"):
            depth, close = 0, len(alt)
            for pos, ch in enumerate(alt):
                depth += ch == "("
                depth -= ch == ")"
                if depth == 0:
                    close = pos
                    break
            words |= _first_words(alt[3:close])
        else:
            m = re.match(r"([a-z]+)(\?)?", alt)
            if m:
                words.add(m.group(1))
                if m.group(2):
                    words.add(m.group(1)[:-1])
    return words


CUE_FIRST_WORDS: Final = frozenset(
    _first_words(_TARGET_ALTS)
    | _first_words(_RESULT_ALTS)
    | {"endeavour", "endeavours", "endeavor", "endeavors"}
)


# first words of cues in lower-cased text; the character before is checked by hand (the
# leading \b only skips the insides of words faster: a lower-cased character is a word
# character exactly when the original one is alphanumeric or "_", which the check rejects)
_CUE_FIRST: Final = re.compile(r"\b(?:" + trie_pattern(CUE_FIRST_WORDS) + r")(?![a-z])")


def cue_starts(text: str) -> list[int]:
    """Offsets of the words of text that can begin a cue (a word starts a run of ASCII letters
    not preceded by a word character or a hyphen)."""
    return cue_starts_low(text, safe_lower(text))


def cue_starts_low(text: str, low: str | None) -> list[int]:
    """cue_starts(text) for a caller that has `low = safe_lower(text)` already."""
    if low is None:
        return [
            w.start() for w in _WORD_START.finditer(text) if w.group(0).lower() in CUE_FIRST_WORDS
        ]
    out = []
    for m in _CUE_FIRST.finditer(low):
        p = m.start()
        if p and continues_word(text[p - 1]):
            continue
        out.append(p)
    return out


def continues_word(c: str) -> bool:
    """Whether a word after c is the end of a longer one ("pre-aim", "x_aim", "2aim"), so no
    cue starts there."""
    return c.isalnum() or c == "_" or c == "-"


_WORD_START: Final = re.compile(r"(?<![\w-])[A-Za-z]+")


# the longest text a cue can match: a match that must end before `hi` cannot be cut by it
_CUE_MAX: Final = int(re._parser.parse(CUE_RE.pattern).getwidth()[1])  # type: ignore[attr-defined]


# CUE_RE without IGNORECASE, for lower-cased text (about twice as fast). It finds the same
# spans and groups in safe_lower(text) as CUE_RE in text: its words are ASCII, and a
# lower-cased character is a word character exactly when the original is.
assert CUE_RE.pattern.startswith("(?i)") and CUE_RE.pattern.isascii()
_CUE_LOW: Final = re.compile(CUE_RE.pattern.removeprefix("(?i)"))


def find_cues(
    text: str,
    lo: int,
    hi: int,
    starts: list[int] | None = None,
    cache: dict[int, re.Match[str] | None] | None = None,
    low: str | None = None,
) -> list[re.Match[str]]:
    """CUE_RE matches that start at a word in text[lo:hi] (fast: tries known first words only).
    `starts` is `cue_starts(text)` when the caller has it already; `cache` (one per text)
    keeps the matches at positions far enough before `hi` to be the same for any later `hi`.
    `low` is `safe_lower(text)` when the caller has it: the matches are then made in it (same
    spans and groups; their text is lower-cased)."""
    if starts is None:
        starts = cue_starts(text)
    pattern = CUE_RE
    if low is not None:
        text, pattern = low, _CUE_LOW
    out: list[re.Match[str]] = []
    taken = lo
    for p in starts[bisect_left(starts, lo) :]:
        if p >= hi:
            break
        if p < taken:
            continue  # non-overlapping, leftmost first (as finditer would give)
        if cache is not None and hi - p > _CUE_MAX:
            if p in cache:
                m = cache[p]
            else:
                m = cache[p] = pattern.match(text, p)
        else:
            m = pattern.match(text, p, hi)
        if m:
            out.append(m)
            taken = m.end()
    return out


TARGET_NOUN_RE: Final = re.compile(r"(?i)\b(?:targets?|goals?|objectives?|quotas?)\b")

# comparators of targets, checked against the words just before a figure
COMPARATOR_PATTERNS: Final[list[tuple[str, re.Pattern[str]]]] = [
    (
        ">=",
        re.compile(
            r"(?i)(?:at least|not less than|no less than|no fewer than|not fewer than|"
            r"not lower than|no lower than|a minimum of|minimum of|or more)\W*$"
        ),
    ),
    (
        "<=",
        re.compile(
            r"(?i)(?:as much as|as many as|as high as|within|no more than|not more than|up to|"
            r"at most|a maximum of|maximum of|not exceed|not exceeding|not to exceed|"
            r"no higher than|not higher than|capped at|below or at)\W*$"
        ),
    ),
    (
        ">",
        re.compile(
            r"(?i)(?:exceed|exceeds|exceeded|exceeding|surpass|surpasses|surpassing|over|more than|"
            r"above|beyond|top|tops|topping|greater than|higher than|in excess of|upwards? of|"
            r"over the|break through|breaking through|outstrip|pass|passes|passing|go beyond|"
            r"rise above|climb above)\W*$"
        ),
    ),
    ("<", re.compile(r"(?i)(?:less than|below|under|fewer than|lower than|short of)\W*$")),
    (
        "~",
        re.compile(
            r"(?i)(?:about|around|approximately|roughly|nearly|almost|some|close to|approx|"
            r"circa|an estimated|estimated|or so)\W*$"
        ),
    ),
]


def phrase_endings(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The phrases of a `(?i)(?:a|b|...)\\W*$` comparator pattern ("upwards? of" gives two)."""
    body = pattern.pattern.removeprefix("(?i)(?:").removesuffix(r")\W*$")
    out: list[str] = []
    for alt in body.split("|"):
        if "s?" in alt:
            out += [alt.replace("s?", ""), alt.replace("s?", "s")]
        else:
            out.append(alt)
    return tuple(out)


# the same as plain endings of a lower-cased ASCII window stripped of trailing non-word characters
COMPARATOR_ENDINGS: Final[list[tuple[str, tuple[str, ...]]]] = [
    (sym, phrase_endings(pattern)) for sym, pattern in COMPARATOR_PATTERNS
]

DEFINITION_RE: Final = re.compile(
    r"(?i)\b(?:refers? to|defined as|which means|meaning those|i\.e\.)"
)
GROWTH_WORDS_RE: Final = re.compile(
    r"(?i)\b(?:grow|grew|grown|growth|increase|increased|rise|rose|"
    r"up|expand|expanded|expansion)\b"
)
DECREASE_WORDS_RE: Final = re.compile(
    r"(?i)\b(?:decrease[ds]?|decline[ds]?|drop(?:ped|s)?|fell|fall|"
    r"down|cut|reduce[ds]?|reduction|lower(?:ed)?|shr[iau]nk|"
    r"contract(?:ed|ion)?|narrow(?:ed|ing)?)\b"
)
LEVEL_VERB_RE: Final = re.compile(
    r"(?i)(?:reached|reach|reaching|was|is|were|are|stood at|stands at|standing at|at|to|"
    r"totaled|totalled|totaling|hit|of|amounted to|numbered|came to|with|had)\W*$"
)
BARE_INDICATOR_RE: Final = re.compile(
    r"(?i)\b(?:number|total|ratio|population|index|coefficient|count|quantity|amount|tally)\b"
)
# subjects counted in people, and in things, whose figures statistics releases give with
# no unit ("employment rose by 187,000", "net migration was estimated at 685,000")
PERSON_SUBJECTS: Final = (
    r"population|people|residents|persons|jobs|employment|payrolls?|(?:im|e)?migration|"
    r"migrants|visitors|arrivals|tourists|passengers|births|deaths|students|patients|workers|"
    r"employees|unemployed"
)
COUNTED_SUBJECT_RE: Final = re.compile(
    rf"(?i)\b(?:{PERSON_SUBJECTS}|households|homes|houses|dwellings|cases|claims|"
    r"applications)\b"
)
# a change given by its size: "rose by", "was down by", "increased by"
CHANGE_BY_RE: Final = re.compile(
    r"(?i)\b(?:rose|fell|grew|increased|decreased|declined|dropped|climbed|jumped|"
    r"expanded|contracted|up|down|higher|lower|added|gained|lost|shed)(?: by)?\W*$"
)

# the same searches behind a test for the words every match contains
TARGET_NOUN: Final = Gated(TARGET_NOUN_RE, ("target", "goal", "objective", "quota"))
GROWTH_WORDS: Final = Gated(GROWTH_WORDS_RE, ("gr", "increase", "rise", "rose", "up", "expan"))
DECREASE_WORDS: Final = Gated(
    DECREASE_WORDS_RE,
    ("decrease", "decline", "drop", "fell", "fall", "down", "cut", "reduc", "lower", "shr")
    + ("contract", "narrow"),
)
