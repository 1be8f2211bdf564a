"""Find the figures (number + scale + unit) in one sentence with a hand-written token scanner.

A figure is a number as written (digits with separators and decimals, number words, fractions,
multiples, ordinals in rank phrases) with its scale word expanded and its unit normalised.
Numbers that are not figures under the labelling rules (dates, years, ages, names, counts of
meetings or documents, currency conversions in parentheses, definitional thresholds) are
dropped here. Work is linear in the sentence length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|[A-Za-z]+|[^\sA-Za-z\d]")
_QUOTES = "\"“”‘’'「」《》"


# words that can start a figure: number words, ordinals, multiples, fractions
_WORD_STARTS = frozenset(
    set(lx.WORD_NUMBERS)
    | set(lx.ORDINAL_WORDS)
    | set(lx.MULTIPLES)
    | {"every", "top", "a", "one", "two", "three", "four", "half"}
)


@dataclass(slots=True)
class Token:
    text: str
    low: str
    start: int
    end: int
    kind: str  # num | word | punct


@dataclass(slots=True)
class Figure:
    value: float
    unit: str | None
    start: int  # sentence-relative, first character of the number (or its prefix)
    end: int  # after the unit
    num_start: int
    form: str  # digits | words | fraction | multiple | rank | count | bare
    tok_end: int = 0  # index of the first token after the figure
    confidence: float = 0.85
    comparison: bool = False


def tokenize(sentence: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(sentence):
        t = m.group(0)
        c = t[0]
        kind = "num" if c.isdigit() else "word" if c.isalpha() else "punct"
        out.append(Token(t, t.lower(), m.start(), m.end(), kind))
    return out


def _match_unit(toks: list[Token], i: int) -> tuple[str, float, int] | None:
    """Unit starting at token i: (unit, multiplier, index after unit)."""
    if i >= len(toks):
        return None
    first = toks[i].low
    if first.startswith("percent") and not first.startswith("percentage"):
        return "percent", 1.0, i + 1  # "75.5percentof" as stored in some pages
    rows = lx.UNITS_BY_FIRST.get(first)
    if rows is None:
        return None
    for words, unit, mult in rows:
        n = len(words)
        if i + n > len(toks):
            continue
        if all(toks[i + k].low == words[k] for k in range(n)):
            # tokens of a multi-word unit must be close together
            if n > 1 and toks[i + n - 1].start - toks[i].end > 4 * n:
                continue
            return unit, mult, i + n
    return None


def _count_noun(toks: list[Token], i: int) -> tuple[str, int, str] | None:
    """A plural noun within a few words after a number: (unit, index after it, noun)."""
    for k in range(i, min(i + 4, len(toks))):
        t = toks[k]
        if t.kind != "word":
            if t.text == "-" and k > i:
                continue
            return None
        w = t.low
        if w in lx.NON_FIGURE_NOUNS or w in lx.REGION_NOUNS:
            return ("skip" if w in lx.NON_FIGURE_NOUNS else "region"), k + 1, w
        if w in lx.UNIT_NOUNS:
            return "units", k + 1, w
        if w in lx.PERSON_NOUNS:
            return "persons", k + 1, w
        if w in lx.STOP_AFTER and w != "new":
            return None
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return "count", k + 1, w
        if w == "new":
            continue
    return None


def _prev_words(toks: list[Token], i: int, n: int) -> list[str]:
    out: list[str] = []
    k = i - 1
    while k >= 0 and len(out) < n:
        out.append(toks[k].low)
        k -= 1
    return out


def _glued_left(sentence: str, tok: Token) -> bool:
    return tok.start > 0 and sentence[tok.start - 1].isalpha()


def _name_number(sentence: str, toks: list[Token], i: int) -> bool:
    """Numbers that are part of a name, code, date or compound word."""
    tok = toks[i]
    before = sentence[max(0, tok.start - 2) : tok.start]
    after = sentence[tok.end : tok.end + 2]
    if before[-1:] in {"-", "/", ":", "#"} and len(before) == 2 and before[0].isalnum():
        return True
    if after[:1] in {":", "/"} and after[1:2].isdigit():
        return True
    if before[-1:] and before[-1] in _QUOTES and after[:1] and after[0] in _QUOTES:
        return True
    prev = _prev_words(toks, i, 2)
    if prev and prev[0] == "." and len(prev) > 1 and prev[1] in {"no", "nos", "vol", "art"}:
        return True
    return bool(prev and prev[0] in lx.NAME_WORDS)


def _is_compound_adjective(toks: list[Token], j: int) -> bool:
    """'five-year', '10-day', '3-star': number followed by a hyphen and a word."""
    if j + 1 < len(toks) and toks[j].text == "-" and toks[j + 1].kind == "word":
        w = toks[j + 1].low
        return not (w.startswith("percent") or w in {"fold", "odd"})
    return False


def _word_number(toks: list[Token], i: int) -> tuple[float, int] | None:
    """Value and next index for 'five', 'twenty-five', 'one hundred', 'a dozen'."""
    w = toks[i].low
    if w not in lx.WORD_NUMBERS or w in {"hundred", "dozen"}:
        return None
    value = float(lx.WORD_NUMBERS[w])
    j = i + 1
    if w in lx.TENS and j + 1 < len(toks) and toks[j].text == "-":
        nxt = toks[j + 1].low
        if nxt in lx.WORD_NUMBERS and lx.WORD_NUMBERS[nxt] < 10:
            value += lx.WORD_NUMBERS[nxt]
            j += 2
    if j < len(toks) and toks[j].low == "hundred":
        value *= 100
        j += 1
    return value, j


def _scale(toks: list[Token], j: int) -> tuple[float, int]:
    mult = 1.0
    while j < len(toks):
        w = toks[j].low
        if w in lx.SCALES:
            mult *= lx.SCALES[w]
            j += 1
            continue
        if (
            w in lx.SHORT_SCALES
            and toks[j].start == toks[j - 1].end
            and toks[j - 1].kind == "num"
            and _match_unit(toks, j + 1) is not None
        ):
            mult *= lx.SHORT_SCALES[w]
            j += 1
            continue
        break
    return mult, j


def find_figures(sentence: str, toks: list[Token], masked: list[tuple[int, int]]) -> list[Figure]:
    """All figures in a tokenized sentence. `masked` holds spans of time expressions."""
    figures: list[Figure] = []
    n = len(toks)
    mask_idx = 0
    masked = sorted(masked)
    consumed_until = -1
    definition_at = -1
    dm = lx.DEFINITION_RE.search(sentence)
    if dm:
        definition_at = dm.start()

    def is_masked(tok: Token) -> bool:
        nonlocal mask_idx
        while mask_idx < len(masked) and masked[mask_idx][1] <= tok.start:
            mask_idx += 1
        return mask_idx < len(masked) and masked[mask_idx][0] <= tok.start < masked[mask_idx][1]

    i = 0
    while i < n:
        tok = toks[i]
        if i < consumed_until or is_masked(tok):
            i += 1
            continue
        fig: Figure | None = None
        if tok.kind == "num":
            fig = _digits_figure(sentence, toks, i, figures)
        elif tok.kind == "word" and tok.low in _WORD_STARTS:
            fig = _word_figure(sentence, toks, i)
        if fig is None:
            i += 1
            continue
        if definition_at >= 0 and fig.start > definition_at:
            i = max(i + 1, fig.tok_end)
            continue
        if _currency_conversion(sentence, fig, figures):
            i = max(i + 1, fig.tok_end)
            continue
        figures.append(fig)
        consumed_until = fig.tok_end
        i = max(i + 1, fig.tok_end)
    _share_units(figures, sentence)
    return figures


def _currency_conversion(sentence: str, fig: Figure, figures: list[Figure]) -> bool:
    """'5.43 trillion yuan ($760.2 billion)': the amount in parentheses is a conversion."""
    if fig.unit not in lx.CURRENCY_UNITS:
        return False
    before = sentence[max(0, fig.start - 3) : fig.start]
    if "(" not in before:
        return False
    return bool(
        figures and figures[-1].unit in lx.CURRENCY_UNITS and fig.start - figures[-1].end <= 4
    )


def _share_units(figures: list[Figure], sentence: str) -> None:
    """'5 to 6 percent', '1.2-1.5 trillion yuan': a unitless bound takes the next unit."""
    for a, b in zip(figures, figures[1:], strict=False):
        if a.unit is None and b.unit is not None:
            gap = sentence[a.end : b.num_start].strip().lower()
            if gap in {"-", "–", "—", "to", "and", "or", "~"}:
                a.unit = b.unit
                a.form = "digits"


def _digits_figure(
    sentence: str, toks: list[Token], i: int, figures: list[Figure]
) -> Figure | None:
    tok = toks[i]
    raw = tok.text.replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    n = len(toks)
    j = i + 1
    # ordinal suffix (7th, 2nd): only rank phrases make these figures
    if j < n and toks[j].low in lx.ORDINAL_SUFFIXES and toks[j].start == tok.end:
        return _rank_figure(sentence, toks, i, j + 1, value)
    if _name_number(sentence, toks, i) and _match_unit(toks, j) is None:
        return None
    start = tok.start
    prev = toks[i - 1] if i > 0 else None
    unit: str | None = None
    if prev is not None and prev.low in lx.CURRENCY_PREFIX and prev.end >= tok.start - 1:
        unit = lx.CURRENCY_PREFIX[prev.low]
        start = prev.start
        if i > 1 and toks[i - 2].low == "us" and prev.text == "$":
            start = toks[i - 2].start
    # fractions: "N out of every M", "N in every M"
    frac = _fraction_every(toks, i, value)
    if frac is not None:
        return frac
    mult, j = _scale(toks, j)
    if j < n and toks[j].text == "-" and j + 1 < n and toks[j + 1].low.startswith("percent"):
        j += 1  # 49.5-percent
    um = _match_unit(toks, j)
    if (
        um is not None
        and um[0] == "days"
        and not lx.LEVEL_VERB_RE.search(sentence[max(0, tok.start - 30) : tok.start])
    ):
        um = None
    end = toks[j - 1].end
    if um is not None:
        unit, umult, j = um[0], um[1], um[2]
        mult *= umult
        end = toks[j - 1].end
    # lower bound of a range: "5 to 5.5 percent", "1.2-1.5 trillion yuan"
    if (
        unit is None
        and j + 1 < n
        and toks[j].low in {"to", "-", "–", "~", "and"}
        and toks[j + 1].kind == "num"
        and (toks[j].low != "and" or _prev_words(toks, i, 1) == ["between"])
    ):
        m2, k = _scale(toks, j + 2)
        um2 = _match_unit(toks, k)
        if um2 is not None and um2[0] != "days":
            mult = (mult if mult != 1.0 else m2) * um2[1]
            return Figure(value * mult, um2[0], start, end, tok.start, "digits", j, 0.8)
    glued = _glued_left(sentence, tok)
    if unit is not None:
        if glued and um is None:
            return None
        return Figure(value * mult, unit, start, end, tok.start, "digits", j)
    if glued or _is_compound_adjective(toks, j):
        return None
    if mult == 1.0 and re.fullmatch(r"(?:19|20)\d\d", tok.text):
        return None  # a year the time scanner did not claim
    prev_words = _prev_words(toks, i, 3)
    if prev_words and prev_words[0] in lx.DETERMINERS:
        return None
    if prev_words[:2] == ["of", "one"] or (prev_words and prev_words[0] == "top"):
        return None
    noun = _count_noun(toks, j)
    if noun is not None:
        kind, k, word = noun
        if kind == "skip":
            return None
        if kind == "region":
            if not re.search(r"(?i)\bthan\b", sentence[toks[k - 1].end :]):
                return None
            kind = "count"
        if kind == "count" and prev_words[:1] == ["key"]:
            return None
        if word == "times":
            return None
        return Figure(value * mult, kind, start, toks[k - 1].end, tok.start, "count", k, 0.75)
    return _bare_figure(sentence, toks, i, value * mult, start, end, j, figures, mult != 1.0)


def _bare_figure(
    sentence: str,
    toks: list[Token],
    i: int,
    value: float,
    start: int,
    end: int,
    j: int,
    figures: list[Figure],
    scaled: bool,
) -> Figure | None:
    """A number with no unit: accepted after a level verb when the clause names a count."""
    tok = toks[i]
    before = sentence[max(0, tok.start - 160) : tok.start]
    clause = re.split(r"[;:]|,\s", before)[-1] if before else ""
    if j < len(toks) and toks[j].kind == "word" and toks[j].low not in lx.STOP_AFTER:
        return None  # followed by some other word: not a bare amount
    if re.search(r"(?i)\bby\W*$", before) and figures:
        last = figures[-1]
        if last.unit not in {None, "percent", "percentage points"} and last.form == "bare":
            return Figure(value, last.unit, start, end, tok.start, "bare", j, 0.6)
    if not lx.LEVEL_VERB_RE.search(before[-40:]):
        return None
    indicator = lx.BARE_INDICATOR_RE.search(clause)
    if indicator is None and not (scaled or "," in tok.text):
        return None
    if (
        indicator is None
        and not re.search(r"(?i)\b(?:population|number|total)\b", clause)
        and not scaled
    ):
        return None
    low = clause.lower()
    if "ratio" in low or "coefficient" in low:
        unit = "ratio"
    elif "index" in low:
        unit = "index"
    elif re.search(r"\b(?:population|people|residents|persons|jobs)\b", low):
        unit = "persons"
    elif any(f" {w}" in low for w in lx.UNIT_NOUNS):
        unit = "units"
    elif "total" in low and figures and figures[-1].unit in {"count", "units", "persons"}:
        unit = figures[-1].unit
    else:
        unit = "count"
    return Figure(value, unit, start, end, tok.start, "bare", j, 0.6)


def _fraction_every(toks: list[Token], i: int, value: float) -> Figure | None:
    """'40 out of every 100 vehicles' / '1 in every 4'."""
    n = len(toks)
    k = i + 1
    if k + 2 < n and toks[k].low == "out" and toks[k + 1].low == "of":
        k += 2
    elif k < n and toks[k].low in {"in", "of"}:
        k += 1
    else:
        return None
    if k + 1 < n and toks[k].low == "every" and toks[k + 1].kind == "num":
        denom = float(toks[k + 1].text.replace(",", ""))
        if denom > value > 0:
            end_idx = k + 2
            noun = _count_noun(toks, end_idx)
            end_tok = toks[noun[1] - 1] if noun and noun[0] != "skip" else toks[k + 1]
            return Figure(
                value / denom,
                "fraction",
                toks[i].start,
                end_tok.end,
                toks[i].start,
                "fraction",
                end_idx,
            )
    return None


def _every_includes(sentence: str, toks: list[Token], i: int) -> Figure | None:
    """'every 4 vehicles ... includes 1 vehicle' -> 0.25."""
    if i + 1 >= len(toks) or toks[i + 1].kind != "num":
        return None
    denom = float(toks[i + 1].text.replace(",", ""))
    for k in range(i + 2, min(i + 14, len(toks) - 1)):
        if toks[k].low in {".", ";"}:
            return None
        if (
            toks[k].low
            in {"include", "includes", "including", "contains", "has", "have", "is", "are"}
            and toks[k + 1].kind == "num"
        ):
            num = float(toks[k + 1].text.replace(",", ""))
            if 0 < num < denom:
                end_i = k + 2
                if (
                    end_i < len(toks)
                    and toks[end_i].kind == "word"
                    and toks[end_i].low not in lx.STOP_AFTER
                ):
                    end_i += 1
                return Figure(
                    num / denom,
                    "fraction",
                    toks[i].start,
                    toks[end_i - 1].end,
                    toks[k + 1].start,
                    "fraction",
                    end_i,
                )
    return None


def _rank_figure(sentence: str, toks: list[Token], i: int, j: int, value: float) -> Figure | None:
    """An ordinal is a figure only as a rank: 'ranking fourth', 'the 2nd place', 'seventh
    largest in the country'."""
    tok = toks[i]
    before = sentence[max(0, tok.start - 40) : tok.start]
    after = sentence[toks[j - 1].end : toks[j - 1].end + 90]
    end = toks[j - 1].end
    is_rank = False
    if lx.RANK_WORD_RE.search(before):
        is_rank = True
    elif lx.PLACE_AFTER_RE.match(after):
        if lx.FROM_BEFORE_RE.search(before):
            return None
        is_rank = True
        end = toks[j].end if j < len(toks) else end
    elif lx.SUPERLATIVE_AFTER_RE.match(after) or (
        re.search(r"(?i)\branked\b|\branking\b", before) and re.search(r"(?:,|\band)\s*$", before)
    ):
        is_rank = True
    if not is_rank:
        return None
    return Figure(value, "rank", tok.start, end, tok.start, "rank", j, 0.8, comparison=True)


def _word_figure(sentence: str, toks: list[Token], i: int) -> Figure | None:
    tok = toks[i]
    w = tok.low
    n = len(toks)
    if w == "every":
        return _every_includes(sentence, toks, i)
    if w in lx.ORDINAL_WORDS:
        return _rank_figure(sentence, toks, i, i + 1, float(lx.ORDINAL_WORDS[w]))
    if w == "top" and i + 1 < n:
        nxt = toks[i + 1]
        val = None
        if nxt.kind == "num":
            val = float(nxt.text.replace(",", ""))
        elif nxt.low in lx.WORD_NUMBERS:
            val = float(lx.WORD_NUMBERS[nxt.low])
        if val is not None and re.search(
            r"(?i)\bamong the\W*$|\bin the\W*$|\branked\W*$|"
            r"\branks\W*$|\branking\W*$",
            sentence[max(0, tok.start - 20) : tok.start],
        ):
            return Figure(
                val, "rank", tok.start, nxt.end, nxt.start, "rank", i + 2, 0.75, comparison=True
            )
        return None
    if w in lx.MULTIPLES:
        after_tok = toks[i + 1] if i + 1 < n else None
        if (
            after_tok is not None
            and after_tok.kind == "word"
            and after_tok.low not in lx.MULTIPLE_OK_AFTER
        ):
            return None
        if after_tok is not None and after_tok.text == "-":
            return None
        return Figure(
            float(lx.MULTIPLES[w]), "times", tok.start, tok.end, tok.start, "multiple", i + 1, 0.75
        )
    frac = _fraction_word(sentence, toks, i)
    if frac is not None:
        return frac
    wn = _word_number(toks, i)
    if wn is None:
        return None
    value, j = wn
    prev = _prev_words(toks, i, 2)
    if prev[:1] and prev[0] in lx.DETERMINERS:
        return None
    if w == "one" and j < n and toks[j].low == "of":
        return None
    mult, j = _scale(toks, j)
    if j < n and toks[j].text == "-" and j + 1 < n and toks[j + 1].low.startswith("percent"):
        j += 1
    if _is_compound_adjective(toks, j):
        return None
    um = _match_unit(toks, j)
    if um is not None and um[0] not in {"days"}:
        return Figure(
            value * mult * um[1],
            um[0],
            tok.start,
            toks[um[2] - 1].end,
            tok.start,
            "words",
            um[2],
            0.75,
        )
    noun = _count_noun(toks, j)
    if noun is not None and noun[0] in {"count", "units", "persons"}:
        before = sentence[max(0, tok.start - 40) : tok.start]
        if re.search(
            r"(?i)\b(?:of|with|add(?:ed|ing)?|creat\w+|form\w*|build\w*|launch\w*|"
            r"reach\w*|total\w*|hav\w+|had|had|to|are|were|is|was)\W*$",
            before,
        ):
            return Figure(
                value * mult,
                noun[0],
                tok.start,
                toks[noun[1] - 1].end,
                tok.start,
                "words",
                noun[1],
                0.65,
            )
    return None


def _fraction_word(sentence: str, toks: list[Token], i: int) -> Figure | None:
    """'half', 'a third', 'one-tenth', 'two-thirds' (followed by 'of' or 'the')."""
    n = len(toks)
    w = toks[i].low
    num = 1.0
    k = i
    if w in {"a", "one", "two", "three", "four"}:
        num = 1.0 if w in {"a", "one"} else float(lx.WORD_NUMBERS[w])
        k = i + 1
        if k < n and toks[k].text == "-":
            k += 1
        if k >= n or toks[k].low not in lx.FRACTION_WORDS:
            return None
        if toks[k].low == "half" and w not in {"a", "one"}:
            return None
    elif w != "half":
        return None
    fw = toks[k].low
    after = toks[k + 1].low if k + 1 < n else ""
    if after not in {"of", "the"}:
        return None
    if fw == "half" and k == i:
        prev = _prev_words(toks, i, 1)
        if not prev or prev[0] not in lx.QUALIFIER_BEFORE_FRACTION:
            return None
    value = lx.FRACTION_WORDS[fw] * num
    return Figure(
        value, "fraction", toks[i].start, toks[k].end, toks[i].start, "fraction", k + 1, 0.7
    )
