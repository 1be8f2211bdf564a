"""Find the figures (number + scale + unit) in one sentence with a hand-written token scanner.

A figure is a number as written (digits with separators and decimals, number words, fractions,
multiples, ordinals in rank phrases) with its scale word expanded and its unit normalised.
Numbers that are not figures under the labelling rules (dates, years, ages, names, counts of
meetings or documents, currency conversions in parentheses, definitional thresholds) are
dropped here. Work is linear in the sentence length.
"""

from __future__ import annotations

import re
from typing import Final

from . import lexicon as lx
from .comparisons import is_rank, region_count_is_figure

# the tables read per token, imported by name: under mypyc `lx.NAME` is an attribute lookup on
# the module at every use, a name of this module one dictionary lookup
from .lexicon import (
    CURRENCY_UNITS,
    DETERMINERS,
    FRACTION_WORDS,
    MULTIPLE_OK_AFTER,
    MULTIPLES,
    NAME_WORDS,
    NON_FIGURE_NOUNS,
    ORDINAL_SUFFIXES,
    ORDINAL_WORDS,
    PERSON_NOUNS,
    QUALIFIER_BEFORE_FRACTION,
    REGION_NOUNS,
    SCALES,
    SHORT_SCALES,
    STOP_AFTER,
    TENS,
    UNIT_NOUNS,
    UNITS_BY_FIRST,
    WORD_NUMBERS,
)
from .nonstatements import drop_restated_fractions, not_a_statement
from .tokens import Figure, Tokens
from .unitwords import CURRENCY_CODES, currency_before, indian_grouped_number, price_per_unit
from .wordsearch import (
    contains_any,
)

_QUOTES: Final = "\"“”‘’'「」《》"


# every match of lx.DEFINITION_RE contains one of these (lower case)
_DEFINITION_KEYS: Final = ("refer", "defined as", "which means", "meaning those", "i.e.")
_YEAR_RE: Final = re.compile(r"(?:19|20)\d\d")
_CLAUSE_SPLIT_RE: Final = re.compile(r"[;:]|,\s")
_BY_END_RE: Final = re.compile(r"(?i)\bby\W*$")
_TOTAL_RE: Final = re.compile(r"(?i)\b(?:population|number|total)\b")
_RATIO_WORD_RE: Final = re.compile(r"\b(?:ratio|coefficient)s?\b")
_PERSONS_RE: Final = re.compile(rf"\b(?:{lx.PERSON_SUBJECTS})\b")  # on lower-cased text
_RANKED_RE: Final = re.compile(r"(?i)\branked\b|\branking\b")
_AND_END_RE: Final = re.compile(r"(?:,|\band)\s*$")
_TOP_BEFORE_RE: Final = re.compile(
    r"(?i)\bamong the\W*$|\bin the\W*$|\branked\W*$|\branks\W*$|\branking\W*$|^\W*the\W*$|"
    r"[.:;]\s*the\W*$"
)
_WORDS_BEFORE_RE: Final = re.compile(
    r"(?i)\b(?:of|with|add(?:ed|ing)?|creat\w+|form\w*|build\w*|launch\w*|"
    r"reach\w*|total\w*|hav\w+|had|had|to|are|were|is|was)\W*$"
)


def _match_unit(tk: Tokens, i: int) -> tuple[str, float, int] | None:
    """Unit starting at token i: (unit, multiplier, index after unit)."""
    if i >= tk.n:
        return None
    first = tk.low[i]
    if first.startswith("percent") and not first.startswith("percentage"):
        return "percent", 1.0, i + 1  # "75.5percentof" as stored in some pages
    rows = UNITS_BY_FIRST.get(first)
    if rows is None:
        return None
    for words, unit, mult in rows:
        n = len(words)
        if i + n > tk.n:
            continue
        if all(tk.low[i + k] == words[k] for k in range(n)):
            written = tk.sentence[tk.start[i] : tk.end[i]]
            if n == 1 and unit in CURRENCY_CODES and unit == written.upper() != written:
                continue  # "pen", "mad", "try" are words; only "PEN", "MAD", "TRY" are codes
            # tokens of a multi-word unit must be close together
            if n > 1 and tk.start[i + n - 1] - tk.end[i] > 4 * n:
                continue
            return unit, mult, i + n
    return None


def _count_noun(tk: Tokens, i: int) -> tuple[str, int, str] | None:
    """A plural noun within a few words after a number: (unit, index after it, noun)."""
    for k in range(i, min(i + 4, tk.n)):
        if tk.kind[k] != "word":
            if tk.low[k] == "-" and k > i:
                continue
            return None
        w = tk.low[k]
        if w in NON_FIGURE_NOUNS or w in REGION_NOUNS:
            return ("skip" if w in NON_FIGURE_NOUNS else "region"), k + 1, w
        if w in UNIT_NOUNS:
            return "units", k + 1, w
        if w in PERSON_NOUNS:
            return "persons", k + 1, w
        if w in STOP_AFTER and w != "new":
            return None
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return "count", k + 1, w
        if w == "new":
            continue
    return None


def _prev(tk: Tokens, i: int, back: int) -> str:
    """The lower-case token `back` places before token i ("" before the first token)."""
    k = i - back
    return tk.low[k] if k >= 0 else ""


def _glued_left(sentence: str, ts: int) -> bool:
    return ts > 0 and sentence[ts - 1].isalpha()


def _name_number(sentence: str, tk: Tokens, i: int) -> bool:
    """Numbers that are part of a name, code, date or compound word."""
    ts, te = tk.start[i], tk.end[i]
    # single characters, not slices: no string is built
    if ts >= 2 and sentence[ts - 1] in "-/:#" and sentence[ts - 2].isalnum():
        return True
    if te + 1 < len(sentence) and sentence[te] in ":/" and sentence[te + 1].isdigit():
        return True
    if ts >= 1 and te < len(sentence) and sentence[ts - 1] in _QUOTES and sentence[te] in _QUOTES:
        return True
    prev = _prev(tk, i, 1)
    if prev == "." and _prev(tk, i, 2) in {"no", "nos", "vol", "art"}:
        return True
    return prev in NAME_WORDS


def _is_compound_adjective(tk: Tokens, j: int) -> bool:
    """'five-year', '10-day', '3-star': number followed by a hyphen and a word."""
    if j + 1 < tk.n and tk.low[j] == "-" and tk.kind[j + 1] == "word":
        w = tk.low[j + 1]
        return not (w.startswith("percent") or w in {"fold", "odd"})
    return False


def _word_number(tk: Tokens, i: int) -> tuple[float, int] | None:
    """Value and next index for 'five', 'twenty-five', 'one hundred', 'a dozen'."""
    w = tk.low[i]
    if w not in WORD_NUMBERS or w in {"hundred", "dozen"}:
        return None
    value = float(WORD_NUMBERS[w])
    j = i + 1
    if w in TENS and j + 1 < tk.n and tk.low[j] == "-":
        nxt = tk.low[j + 1]
        if nxt in WORD_NUMBERS and WORD_NUMBERS[nxt] < 10:
            value += WORD_NUMBERS[nxt]
            j += 2
    if j < tk.n and tk.low[j] == "hundred":
        value *= 100
        j += 1
    return value, j


def _scale(tk: Tokens, j: int) -> tuple[float, int]:
    mult = 1.0
    while j < tk.n:
        w = tk.low[j]
        if w in SCALES:
            mult *= SCALES[w]
            j += 1
            continue
        if (
            w in SHORT_SCALES
            and tk.start[j] == tk.end[j - 1]
            and tk.kind[j - 1] == "num"
            and (
                _match_unit(tk, j + 1) is not None
                # "50k workers", "5m homes": a scale before people or things counted
                or (j + 1 < tk.n and tk.low[j + 1] in _COUNTED_NOUNS)
            )
        ):
            mult *= SHORT_SCALES[w]
            j += 1
            continue
        break
    return mult, j


def find_figures(sentence: str, tk: Tokens, masked: list[tuple[int, int]]) -> list[Figure]:
    """All figures in a sentence; `tk` is Tokens(sentence), `masked` holds spans of time
    expressions."""
    figures: list[Figure] = []
    mask_idx = 0
    masked = sorted(masked)
    definition_at = -1
    low = tk.low_sentence
    dm = (
        lx.DEFINITION_RE.search(sentence)
        if low is None or contains_any(low, _DEFINITION_KEYS)
        else None
    )
    if dm:
        definition_at = dm.start()

    next_i = 0
    for i in tk.candidates():
        if i < next_i:
            continue  # inside a figure already found (or rejected)
        ts = tk.start[i]
        while mask_idx < len(masked) and masked[mask_idx][1] <= ts:
            mask_idx += 1
        if mask_idx < len(masked) and masked[mask_idx][0] <= ts:
            continue  # part of a time expression
        fig: Figure | None = None
        if tk.kind[i] == "num":
            fig = _digits_figure(sentence, tk, i, figures)
        else:
            fig = _word_figure(sentence, tk, i)
        if fig is None:
            continue
        next_i = max(i + 1, fig.tok_end)
        if definition_at >= 0 and fig.start > definition_at:
            continue
        if not_a_statement(sentence, fig, figures[-1] if figures else None):
            continue
        if fig.unit == "fraction":
            fig.value = round(fig.value, 3)  # as labelled: "a third" -> 0.333
        elif change_of_a_ratio(sentence, fig):
            fig.unit = "percentage points"
        figures.append(fig)
    _share_units(figures, sentence)
    return drop_restated_fractions(sentence, figures)


def lowered_head(window: str) -> str | None:
    """The window without its trailing non-word characters (`\\W`), lower-cased, when that
    text lower-cases safely (see safe_lower), else None. A `(?i)(?:a|b|...)\\W*$` pattern of
    ASCII phrases then matches the window exactly when this ends with one of the phrases: a
    plain test instead of a regex search that tries every position."""
    end = len(window)
    while end and not (window[end - 1].isalnum() or window[end - 1] == "_"):
        end -= 1
    head = window[:end]
    return head.lower() if head.isascii() else lx.safe_lower(head)


_LEVEL_VERB_ENDINGS: Final = lx.phrase_endings(lx.LEVEL_VERB_RE)


def _after_level_verb(window: str) -> bool:
    """lx.LEVEL_VERB_RE.search(window) is not None."""
    low = lowered_head(window)
    if low is None:
        return lx.LEVEL_VERB_RE.search(window) is not None
    return low.endswith(_LEVEL_VERB_ENDINGS)


def _share_units(figures: list[Figure], sentence: str) -> None:
    """'5 to 6 percent', '1.2-1.5 trillion yuan': a unitless bound takes the next unit."""
    for k in range(len(figures) - 1):
        a, b = figures[k], figures[k + 1]
        if a.unit is None and b.unit is not None:
            gap = sentence[a.end : b.num_start].strip().lower()
            if gap in {"-", "–", "—", "to", "and", "or", "~"}:
                a.unit = b.unit
                a.form = "digits"


def _digits_figure(sentence: str, tk: Tokens, i: int, figures: list[Figure]) -> Figure | None:
    ts, te = tk.start[i], tk.end[i]
    raw = tk.low[i].replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    n = tk.n
    j = i + 1
    # ordinal suffix (7th, 2nd): only rank phrases make these figures
    if j < n and tk.low[j] in ORDINAL_SUFFIXES and tk.start[j] == te:
        return _rank_figure(sentence, tk, i, j + 1, value)
    if _name_number(sentence, tk, i) and _match_unit(tk, j) is None:
        return None
    start = ts
    unit: str | None = None
    currency = currency_before(sentence, tk, i)
    if currency is not None:
        unit, start = currency
    grouped = indian_grouped_number(tk, i, unit) or _space_grouped_number(sentence, tk, i)
    if grouped is not None:
        value, j = grouped
    # fractions: "N out of every M", "N in every M"
    frac = _fraction_every(tk, i, value)
    if frac is not None:
        return frac
    mult, j = _scale(tk, j)
    if unit is not None and unit in CURRENCY_UNITS:
        per = price_per_unit(tk, j)
        if per is not None:
            unit = f"{unit}/{per[0]}"
            return Figure(value * mult, unit, start, tk.end[per[1] - 1], ts, "digits", per[1])
    if j < n and tk.low[j] == "-" and j + 1 < n and tk.low[j + 1].startswith("percent"):
        j += 1  # 49.5-percent
    um = _match_unit(tk, j)
    if um is not None and um[0] == "days" and not _after_level_verb(sentence[max(0, ts - 30) : ts]):
        um = None
    end = tk.end[j - 1]
    if um is not None:
        unit, umult, j = um[0], um[1], um[2]
        mult *= umult
        end = tk.end[j - 1]
    # lower bound of a range: "5 to 5.5 percent", "1.2-1.5 trillion yuan"
    if (
        unit is None
        and j + 1 < n
        and tk.low[j] in {"to", "-", "–", "~", "and"}
        and tk.kind[j + 1] == "num"
        and (tk.low[j] != "and" or _prev(tk, i, 1) == "between")
    ):
        m2, k = _scale(tk, j + 2)
        um2 = _match_unit(tk, k)
        if um2 is not None and um2[0] != "days":
            mult = (mult if mult != 1.0 else m2) * um2[1]
            return Figure(value * mult, um2[0], start, end, ts, "digits", j, 0.8)
    glued = _glued_left(sentence, start)
    if unit is not None:
        if glued and um is None:
            return None
        return Figure(value * mult, unit, start, end, ts, "digits", j)
    if glued or _is_compound_adjective(tk, j):
        return None
    if mult == 1.0 and _YEAR_RE.fullmatch(tk.low[i]):
        return None  # a year the time scanner did not claim
    in_brackets = _bracketed_count(sentence, tk, i, j, value * mult, figures)
    if in_brackets is not None:
        return in_brackets
    prev = _prev(tk, i, 1)
    if prev in DETERMINERS:
        return None
    if (prev == "of" and _prev(tk, i, 2) == "one") or prev == "top":
        return None
    if _points_of_percent(sentence, tk, i, j):
        return Figure(value * mult, "percentage points", start, tk.end[j], ts, "digits", j + 1)
    noun = _count_noun(tk, j)
    if noun is not None:
        kind, k, word = noun
        if kind == "skip":
            return None
        if kind == "region":
            before, after = sentence[max(0, ts - 40) : ts], sentence[tk.end[k - 1] :]
            if not (
                region_count_is_figure(before, after)
                or entities_with_a_change(sentence, ts, tk.end[k - 1])
            ):
                return None
            kind = "count"
        if kind == "count" and (prev == "key" or "key" in tk.low[j : k - 1]):
            return None  # "N key projects": components of a plan, not a statement
        if word == "times":
            return None
        return Figure(value * mult, kind, start, tk.end[k - 1], ts, "count", k, 0.75)
    return _bare_figure(sentence, tk, i, value * mult, start, end, j, figures, mult != 1.0)


def _bare_figure(
    sentence: str,
    tk: Tokens,
    i: int,
    value: float,
    start: int,
    end: int,
    j: int,
    figures: list[Figure],
    scaled: bool,
) -> Figure | None:
    """A number with no unit: accepted after a level verb when the clause names a count."""
    if j < tk.n and tk.kind[j] == "word" and tk.low[j] not in STOP_AFTER:
        return None  # followed by some other word: not a bare amount
    ts = tk.start[i]
    before = sentence[max(0, ts - 160) : ts]
    if (
        figures
        and figures[-1].unit in _COUNTED_UNITS
        and _MORE_THAN_AFTER_RE.match(sentence, tk.end[i])
    ):
        # "72,841 projects, 3,841 more than in 2018": a change of the count just given
        return Figure(value, figures[-1].unit, start, end, ts, "bare", j, 0.6)
    if figures and _BY_END_RE.search(before):
        last = figures[-1]
        if last.unit not in {None, "percent", "percentage points"} and last.form == "bare":
            return Figure(value, last.unit, start, end, ts, "bare", j, 0.6)
    clause = _CLAUSE_SPLIT_RE.split(before)[-1] if before else ""
    grouped = scaled or "," in tk.low[i]
    counted = lx.COUNTED_SUBJECT_RE.search(clause) if grouped else None
    if not _after_level_verb(before[-40:]) and not (
        counted and lx.CHANGE_BY_RE.search(before[-40:])
    ):
        return None
    indicator = lx.BARE_INDICATOR_RE.search(clause) or counted
    if indicator is None and not (scaled or "," in tk.low[i]):
        return None
    if indicator is None and not _TOTAL_RE.search(clause) and not scaled:
        return None
    low = clause.lower()
    if _RATIO_WORD_RE.search(low):  # a word: "migration" holds "ratio"
        unit = "ratio"
    elif "index" in low:
        unit = "index"
    elif _PERSONS_RE.search(low):
        unit = "persons"
    elif any(f" {w}" in low for w in UNIT_NOUNS):
        unit = "units"
    elif "total" in low and figures and figures[-1].unit in {"count", "units", "persons"}:
        unit = figures[-1].unit
    else:
        unit = "count"
    return Figure(value, unit, start, end, ts, "bare", j, 0.6)


_COUNTED_UNITS: Final = frozenset({"count", "units", "persons"})
_COUNTED_NOUNS: Final = frozenset(PERSON_NOUNS | UNIT_NOUNS)
_MORE_THAN_AFTER_RE: Final = re.compile(r"(?i)\s*(?:more|fewer|less)\s+than\b")
_SIGNS: Final = "+-−–"
_EMPLOYMENT_RE: Final = re.compile(
    r"(?i)\b(?:employment|employed|jobs?|payrolls?|workers|workforce|unemployed|hires|hiring)\b"
)
# a change of one entity or period against its own past: these make a count a statement
_CHANGE_AFTER_RE: Final = re.compile(
    r"(?i)\s*(?:and (?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*| of| the){0,4}\s+)?"
    r"(?:had|have|has|posted|recorded|reported|saw|showed|registered|experienced|logged)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:increases?|decreases?|declines?|rises?|gains?|losses|falls?|"
    r"drops?|growth|contractions?|expansions?|no change|changes?)\b"
)
_CHANGE_BEFORE_RE: Final = re.compile(
    r"(?i)\b(?:increased|decreased|rose|fell|declined|grew|dropped|gained|expanded|"
    r"contracted|shrank|was unchanged|were unchanged|edged up|edged down)\s+in\s+"
    r"(?:(?:all|only|just|a total of)\s+)?$"
)


_POINTS_AFTER: Final = frozenset(
    {"higher", "lower", "above", "below", "more", "less", "faster", "slower", "up", "down"}
)
_PERCENT_RE: Final = re.compile(r"(?i)%|\bper ?cent|\bpct\b")
_INDEX_RE: Final = re.compile(r"(?i)\bindex|\bscore|\bpoints? (?:on|in) the\b")


def _points_of_percent(sentence: str, tk: Tokens, i: int, j: int) -> bool:
    """'1.5 points lower than 21.2%': points beside percentages are percentage points (not
    in a sentence about an index or a score, whose points are its own)."""
    if j >= tk.n or tk.low[j] not in {"points", "point", "pts"}:
        return False
    after = tk.low[j + 1] if j + 1 < tk.n else ""
    before = _prev(tk, i, 1)
    if after not in _POINTS_AFTER and before not in {"by", "of"}:
        return False
    return bool(_PERCENT_RE.search(sentence)) and not _INDEX_RE.search(sentence)


_CHANGE_BY_RE: Final = re.compile(
    r"(?i)\b(?:increased|decreased|rose|fell|dropped|declined|narrowed|widened|reduced|cut|"
    r"climbed|grew|shrank|improved|deteriorated)\s+by\s+(?:about |around |nearly |some )?$"
)
_OF_GDP_RE: Final = re.compile(
    r"(?i)\s*of (?:the )?(?:GDP|GNI|GNP|gross domestic product|gross national income)\b"
)


def change_of_a_ratio(sentence: str, fig: Figure) -> bool:
    """'the debt ratio decreased by 15.6% of GDP': a change in a ratio to GDP is in
    percentage points, whatever sign the text writes."""
    if fig.unit != "percent" or not _OF_GDP_RE.match(sentence, fig.end):
        return False
    return _CHANGE_BY_RE.search(sentence, max(0, fig.start - 40), fig.start) is not None


_GROUP_SPACES: Final = " \u00a0\u202f\u2009"
_THREE_DIGITS_RE: Final = re.compile(r"\d{3}(?:[.,]\d+)?")


def _space_grouped_number(sentence: str, tk: Tokens, i: int) -> tuple[float, int] | None:
    """'2 583 MW', '1 000MW', '12 500 000 euros': thousands grouped with single spaces (SI
    style, common in Europe and South Africa), read as one number with the index after it.
    Taken only when a unit follows, so that a list of numbers stays a list."""
    first = tk.low[i]
    if not (first.isdigit() and len(first) <= 3):
        return None
    if i > 0 and tk.kind[i - 1] == "num" and tk.start[i] - tk.end[i - 1] <= 1:
        return None  # "2019 1 600": the groups could start anywhere
    digits = first
    k = i + 1
    while (
        k < tk.n
        and tk.kind[k] == "num"
        and tk.start[k] - tk.end[k - 1] == 1
        and sentence[tk.end[k - 1]] in _GROUP_SPACES
        and _THREE_DIGITS_RE.fullmatch(tk.low[k])
        and "," not in digits
        and "." not in digits
    ):
        digits += tk.low[k]
        k += 1
    if k == i + 1:
        return None
    _, after_scale = _scale(tk, k)
    if _match_unit(tk, after_scale) is None and (
        after_scale >= tk.n or tk.low[after_scale] not in PERSON_NOUNS | UNIT_NOUNS
    ):
        return None
    try:
        return float(digits.replace(",", ".")), k
    except ValueError:
        return None


def entities_with_a_change(sentence: str, start: int, end: int) -> bool:
    """'Thirty-one states had unemployment rate decreases', 'employment increased in 39
    states': a count of places with a change is a statement (a count of places alone, as in
    'agreements with 12 cities', is not)."""
    if _CHANGE_AFTER_RE.match(sentence, end):
        return True
    return _CHANGE_BEFORE_RE.search(sentence, max(0, start - 60), start) is not None


def _bracketed_count(
    sentence: str, tk: Tokens, i: int, j: int, value: float, figures: list[Figure]
) -> Figure | None:
    """A bare number in brackets right after a word: a signed change of the entity just named
    ('Texas (+36,400)', 'California (-9,800)': persons when the sentence is about employment),
    or a count restating a share ('94% of the projects (68,560)')."""
    ts = tk.start[i]
    if j >= tk.n or tk.low[j] != ")":
        return None
    k = ts - 1
    sign = ""
    if k >= 0 and sentence[k] in _SIGNS:
        sign = sentence[k]
        k -= 1
    back = 3 if sign else 2  # the word, "(", the sign, the number
    if k < 0 or sentence[k] != "(" or i < back:
        return None
    word_before = tk.low[i - back]
    if not word_before.isalpha():
        return None
    end = tk.end[j - 1]
    if sign:
        unit = "persons" if _EMPLOYMENT_RE.search(sentence) else "count"
        return Figure(value, unit, ts, end, ts, "bare", j, 0.6)
    noun = word_before
    if (
        value >= 100
        and figures
        and figures[-1].unit == "percent"
        and len(noun) > 3
        and noun.endswith("s")
    ):
        unit = "persons" if noun in PERSON_NOUNS else "units" if noun in UNIT_NOUNS else "count"
        return Figure(value, unit, ts, end, ts, "bare", j, 0.6)
    return None


def _fraction_every(tk: Tokens, i: int, value: float) -> Figure | None:
    """'40 out of every 100 vehicles' / '1 in every 4'."""
    n = tk.n
    k = i + 1
    if k + 2 < n and tk.low[k] == "out" and tk.low[k + 1] == "of":
        k += 2
    elif k < n and tk.low[k] in {"in", "of"}:
        k += 1
    else:
        return None
    if k + 1 < n and tk.low[k] == "every" and tk.kind[k + 1] == "num":
        denom = float(tk.low[k + 1].replace(",", ""))
        if denom > value > 0:
            end_idx = k + 2
            noun = _count_noun(tk, end_idx)
            end_tok = noun[1] - 1 if noun and noun[0] != "skip" else k + 1
            return Figure(
                value / denom,
                "fraction",
                tk.start[i],
                tk.end[end_tok],
                tk.start[i],
                "fraction",
                end_idx,
            )
    return None


def _every_includes(sentence: str, tk: Tokens, i: int) -> Figure | None:
    """'every 4 vehicles ... includes 1 vehicle' -> 0.25."""
    if i + 1 >= tk.n or tk.kind[i + 1] != "num":
        return None
    denom = float(tk.low[i + 1].replace(",", ""))
    for k in range(i + 2, min(i + 14, tk.n - 1)):
        if tk.low[k] in {".", ";"}:
            return None
        if (
            tk.low[k]
            in {"include", "includes", "including", "contains", "has", "have", "is", "are"}
            and tk.kind[k + 1] == "num"
        ):
            num = float(tk.low[k + 1].replace(",", ""))
            if 0 < num < denom:
                end_i = k + 2
                if end_i < tk.n and tk.kind[end_i] == "word" and tk.low[end_i] not in STOP_AFTER:
                    end_i += 1
                return Figure(
                    num / denom,
                    "fraction",
                    tk.start[i],
                    tk.end[end_i - 1],
                    tk.start[k + 1],
                    "fraction",
                    end_i,
                )
    return None


def _rank_figure(sentence: str, tk: Tokens, i: int, j: int, value: float) -> Figure | None:
    """An ordinal is a figure only as a rank (decided by the comparisons stage): 'ranking
    fourth', 'the 2nd place', 'the seventh largest'."""
    ts = tk.start[i]
    before = sentence[max(0, ts - 40) : ts]
    after = sentence[tk.end[j - 1] : tk.end[j - 1] + 90]
    end = tk.end[j - 1]
    ranked_list = bool(_RANKED_RE.search(before) and _AND_END_RE.search(before))
    rank, takes_next = is_rank(before, after, ranked_list)
    if not rank:
        return None
    if takes_next:
        end = tk.end[j] if j < tk.n else end
    return Figure(value, "rank", ts, end, ts, "rank", j, 0.8, comparison=True)


def _word_figure(sentence: str, tk: Tokens, i: int) -> Figure | None:
    ts, te = tk.start[i], tk.end[i]
    w = tk.low[i]
    n = tk.n
    if w == "every":
        return _every_includes(sentence, tk, i)
    if w in ORDINAL_WORDS:
        return _rank_figure(sentence, tk, i, i + 1, float(ORDINAL_WORDS[w]))
    if w == "top" and i + 1 < n:
        val = None
        if tk.kind[i + 1] == "num":
            val = float(tk.low[i + 1].replace(",", ""))
        elif tk.low[i + 1] in WORD_NUMBERS:
            val = float(WORD_NUMBERS[tk.low[i + 1]])
        if val is not None and _TOP_BEFORE_RE.search(sentence[max(0, ts - 20) : ts]):
            return Figure(
                val,
                "rank",
                ts,
                tk.end[i + 1],
                tk.start[i + 1],
                "rank",
                i + 2,
                0.75,
                comparison=True,
            )
        return None
    if w in MULTIPLES:
        if i + 1 < n and tk.kind[i + 1] == "word" and tk.low[i + 1] not in MULTIPLE_OK_AFTER:
            return None
        if i + 1 < n and tk.low[i + 1] == "-":
            return None
        return Figure(float(MULTIPLES[w]), "times", ts, te, ts, "multiple", i + 1, 0.75)
    if w == "majority":
        # "the majority of" a quantity is a fraction 0.5, like "more than half"; "the majority
        # of them" counts members of a set named elsewhere, vaguely: no figure
        if (
            _prev(tk, i, 1) in {"the", "a", "vast", "large"}
            and i + 2 < n
            and tk.low[i + 1] == "of"
            and tk.low[i + 2] not in {"them", "these", "those", "us", "which", "whom"}
        ):
            return Figure(0.5, "fraction", ts, te, ts, "fraction", i + 1, 0.65)
        return None
    frac = _fraction_word(sentence, tk, i)
    if frac is not None:
        return frac
    wn = _word_number(tk, i)
    if wn is None:
        return None
    value, j = wn
    if _prev(tk, i, 1) in DETERMINERS:
        return None
    if w == "one" and j < n and tk.low[j] == "of":
        return None
    mult, j = _scale(tk, j)
    if j < n and tk.low[j] == "-" and j + 1 < n and tk.low[j + 1].startswith("percent"):
        j += 1
    if _is_compound_adjective(tk, j):
        return None
    um = _match_unit(tk, j)
    if um is not None and um[0] not in {"days"}:
        return Figure(
            value * mult * um[1],
            um[0],
            ts,
            tk.end[um[2] - 1],
            ts,
            "words",
            um[2],
            0.75,
        )
    noun = _count_noun(tk, j)
    if noun is not None and noun[0] == "region":
        end = tk.end[noun[1] - 1]
        if region_count_is_figure(
            sentence[max(0, ts - 40) : ts], sentence[end:]
        ) or entities_with_a_change(sentence, ts, end):
            return Figure(value * mult, "count", ts, end, ts, "words", noun[1], 0.65)
        return None
    if noun is not None and noun[0] in {"count", "units", "persons"}:
        before = sentence[max(0, ts - 40) : ts]
        if _WORDS_BEFORE_RE.search(before):
            return Figure(
                value * mult,
                noun[0],
                ts,
                tk.end[noun[1] - 1],
                ts,
                "words",
                noun[1],
                0.65,
            )
    return None


_NUMERATORS: Final = frozenset(
    {"a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
)


def _of_a_point(tk: Tokens, k: int) -> int:
    """How many tokens 'of a percentage point' / 'a percentage point' / 'of a point' take
    from token k (0: none)."""
    words = tk.low[k : k + 4]
    if words[:1] == ["of"]:
        words = words[1:]
        skip = 1
    else:
        skip = 0
    if words[:1] != ["a"]:
        return 0
    if words[1:3] == ["percentage", "point"]:
        return skip + 3
    if words[1:2] == ["point"] and skip:
        return skip + 2
    return 0


def _fraction_word(sentence: str, tk: Tokens, i: int) -> Figure | None:
    """'half', 'a third', 'one-tenth', 'two-thirds' (followed by 'of' or 'the')."""
    n = tk.n
    w = tk.low[i]
    num = 1.0
    k = i
    if w in _NUMERATORS:
        num = 1.0 if w in {"a", "one"} else float(WORD_NUMBERS[w])
        k = i + 1
        if k < n and tk.low[k] == "-":
            k += 1
        if k >= n or tk.low[k] not in FRACTION_WORDS:
            return None
        if tk.low[k] == "half" and w not in {"a", "one"}:
            return None
    elif w != "half":
        return None
    fw = tk.low[k]
    point = _of_a_point(tk, k + 1)
    if point:
        # "three-tenths of a percentage point", "half a percentage point": a value in points
        value = round(FRACTION_WORDS[fw] * num, 3)
        end_k = k + point
        return Figure(
            value, "percentage points", tk.start[i], tk.end[end_k], tk.start[i], "words", end_k + 1
        )
    after = tk.low[k + 1] if k + 1 < n else ""
    by_before = _prev(tk, i, 1) == "by"  # "cut by a third", "fell by half"
    if after not in {"of", "the"} and not by_before:
        return None
    if (
        fw == "half"
        and k == i
        and _prev(tk, i, 1) not in QUALIFIER_BEFORE_FRACTION
        and not by_before
    ):
        return None
    value = FRACTION_WORDS[fw] * num
    return Figure(value, "fraction", tk.start[i], tk.end[k], tk.start[i], "fraction", k + 1, 0.7)
