"""From sentences and figures to Statements: kind, comparator, period, indicator, quote.

The document is processed one sentence at a time with a small amount of carried context (the
year the text is talking about, the last reported period, the deadline of the paragraph),
so memory stays bounded whatever the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Final

from ..model import Comparator, Document, Statement, StatementKind, ValueType
from . import comparisons as cmp
from . import lexicon as lx
from .coordination import (
    elided_subject,
    listed_regions,
    shared_unit_lists,
    split_verb_phrases,
)
from .docdate import estimate_date
from .figures import find_figures, lowered_head
from .goals import find_goals
from .kind import Modality, decide_kind, modality
from .lexicon import CUE_FIRST_WORDS
from .regions import NATIONAL_ID, find_regions
from .sentences import Clauses, Sentence, iter_sentences
from .statements import clamp_confidence, make_statement, round_value
from .timeframe import DocumentTimeFrame, document_time_frame, period_bounds, resolve_by_tense
from .timex import TimeMention, find_times
from .tokens import Figure, Tokens
from .wordsearch import (
    Gated,
    after_gap,
    ascii_letters_end,
    at_word_start,
    contains_any,
    trie_with_endings,
)

_MAX_SEEN: Final = 200_000
_NATIONAL_NEAR: Final = re.compile(
    r"(?i)\b(?:the national|nationwide|national average|the country(?:'s|’s)|the nation(?:'s|’s)|"
    r"national level|national figure|across the country|in the country)\b[^,;]{0,40}$"
)

_NATIONAL_NEAR_GATED: Final = Gated(_NATIONAL_NEAR, ("nation", "country"))
_BASE_FIGURE: Final = re.compile(
    r"(?i)\b(?:against|compared (?:with|to)|relative to|versus|vs\.?|from|than)"
    r"(?: (?:a|an|the) [\w-]+ of)? $"
)


def _frequency_suffix(period: str) -> str | None:
    """The catalog suffix of an indicator measured over this period: a quarter is reported
    cumulatively from January in China and as one quarter elsewhere; the first quarter is
    both, and is read as the cumulative (year-to-date) series."""
    if re.fullmatch(r"\d{4}Q1|\d{4}-01/\d{4}-\d\d", period):
        return "_ytd"
    if re.fullmatch(r"\d{4}Q[2-4]", period):
        return "_quarter"
    return None


@dataclass
class _Context:
    frame: DocumentTimeFrame
    date: date | None  # publication date, or an estimate for undated texts
    ref_year: int | None
    ctx_year: int | None = None
    result_period: str | None = None
    target_group: int = -1
    target_period: str | None = None
    last_indicator: str = ""
    seen: set[int] = field(default_factory=set)
    # phrase -> catalog indicator id, set on each statement as it is built (one construction)
    resolve: Callable[[str], str | None] | None = None
    known: Callable[[str], bool] | None = None  # whether the catalog has an indicator id

    def indicator_id(self, phrase: str, period: str | None = None) -> str | None:
        """The catalog indicator a phrase names, refined by the period's frequency where the
        catalog has the refinement ("GDP grew 5.4 percent in the first quarter" is the
        year-to-date growth series, not the annual one)."""
        if self.resolve is None or not phrase:
            return None
        found = self.resolve(phrase)
        if found is None or self.known is None or not period:
            return found
        suffix = _frequency_suffix(period)
        if suffix is None or found.endswith(suffix):
            return found
        return found + suffix if self.known(found + suffix) else found


def _usable_times(times: list[TimeMention]) -> list[TimeMention]:
    """The expressions a figure can refer to (not baselines, not unresolved events)."""
    return [t for t in times if t.role != "baseline" and not (t.role == "event" and not t.label)]


def _pick_time(
    usable: list[TimeMention],
    pos: int,
    cs: int,
    ce: int,
    others: tuple[int, ...] = (),
    pos_end: int | None = None,
    bases: tuple[int, ...] = (),
) -> TimeMention | None:
    """The time expression a figure at `pos` refers to: same clause first, then sentence.
    An expression with another figure between it and this one counts as further away
    ("20 percent by 2025 and 25 percent by 2030"); one after a base figure that follows this
    one is that base's ("3.5 percent, against 2.4 percent in the second quarter"), and so is
    one between a base figure and this one ("from 103% in June 2017 to 87.2% in June 2022").
    `bases` are the positions of such base figures; `usable` is `_usable_times(times)`."""
    if bases:
        usable = [
            t
            for t in usable
            if not any(pos < b < t.start or b < t.start < pos for b in bases if b != pos)
        ]
    if not usable:
        return None

    def dist(t: TimeMention) -> int:
        d = t.start - (pos_end or pos) if t.start >= pos else pos - t.end
        lo, hi = (pos, t.start) if t.start >= pos else (t.end, pos)
        if any(lo < o < hi for o in others):
            d += 1000
        return d

    def rank(t: TimeMention) -> tuple[int, int]:
        tier = 0 if t.role in {"period", "deadline", "now"} else 1 if t.role == "annual" else 2
        return tier, dist(t)

    in_clause = [t for t in usable if t.start < ce and t.end > cs]
    if in_clause:
        return in_clause[0] if len(in_clause) == 1 else min(in_clause, key=rank)
    # outside the clause, the scene-setting expression before the figure wins
    before = [t for t in usable if t.end <= pos]
    return min(before or usable, key=rank)


def _claimed_by_later_clause(
    t: TimeMention, fig: Figure, figures: list[Figure], s_cue: str, low_cue: str | None
) -> bool:
    """Whether a time expression after a figure belongs to a later figure with a verb of its
    own ("make up 38 percent, and are expected to pass 40 percent by 2025": the deadline is
    the 40's); a bare list ("4.1, 4.3 and 6.7 percent in 2023") shares its time."""
    if t.start < fig.end:
        return False
    return any(
        fig.end <= other.start
        and other.end <= t.start
        and lx.find_cues(s_cue, fig.end, other.start, low=low_cue)
        for other in figures
    )


def _comparator(window: str) -> Comparator | None:
    low = lowered_head(window)
    if low is not None:
        for sym, endings in lx.COMPARATOR_ENDINGS:
            if low.endswith(endings):
                return Comparator(sym)
        return None
    for sym, pattern in lx.COMPARATOR_PATTERNS:
        if pattern.search(window):
            return Comparator(sym)
    return None


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_LEAD_WORDS: Final = _wordset(
    "and but while with whereas including meanwhile furthermore moreover additionally also "
    "specifically the a an its their it of which among them in addition particular"
)
_TRAIL_WORDS: Final = _wordset(
    "of to by at for in on from with as was is were are has have had been be will would which "
    "that and reached reaching stood also respectively approximately about around nearly "
    "roughly more than over up total"
)
_STRIP: Final = " ,;:.-—–()\"“”'’"


def _clean_phrase(phrase: str) -> str:
    """Trim connectives, verbs and qualifiers from both ends; keep at most ten words."""
    words = phrase.split()
    for w in words:
        c = ord(w[0])
        if 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57:
            continue  # starts with a letter or digit: not made of punctuation only
        if not w.strip(_STRIP):  # "—", "(", "'": dropped
            words = [w for w in words if w.strip(_STRIP)]
            break
    i, j = 0, len(words)
    while i < j:
        w = words[i].lower()
        if w == "according":
            return ""  # "according to ..." names a source, not an indicator
        if w.strip(_STRIP) not in _LEAD_WORDS:
            break
        i += 1
    while j > i and words[j - 1].lower().strip(_STRIP) in _TRAIL_WORDS:
        j -= 1
    return " ".join(words[max(i, j - 10) : j]).strip(_STRIP)


class _LowWords:
    """Whether a `(?i)\\b(?:words)\\b` pattern matches: its words are searched for in the
    lower-cased text and the boundary before a match is checked by hand (much faster)."""

    __slots__ = ("_low", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        body = pattern.pattern
        assert body.startswith("(?i)\\b") and body.endswith("\\b")
        self.pattern = pattern
        self._low = re.compile(body.removeprefix("(?i)\\b"))

    def found(self, text: str) -> bool:
        low = lx.safe_lower(text)
        if low is None:
            return self.pattern.search(text) is not None
        for m in self._low.finditer(low):
            p = m.start()
            if p == 0 or not (low[p - 1].isalnum() or low[p - 1] == "_"):
                return True
        return False


_ADJOINS: Final = re.compile(r"[\w-][A-Za-z]")
_SHARE_RE: Final = re.compile(
    r"(?i)\b(?:account\w*|mak\w+ up|made up|shar\w*|proportion|holding|held)\b"
)
_SHARE: Final = Gated(
    _SHARE_RE, ("account", "mak", "made up", "shar", "proportion", "holding", "held")
)
_OF_RE: Final = re.compile(r"\s*of ([^,;.]+)")
_GROWTH_NAME_RE: Final = re.compile(r"(?i)growth|increase|rate|share|proportion|ratio")
_GROWTH_NAMES: Final = ("growth", "increase", "rate", "share", "proportion", "ratio")
_GROWTH_WORDS: Final = _LowWords(lx.GROWTH_WORDS_RE)
_DECREASE_WORDS: Final = _LowWords(lx.DECREASE_WORDS_RE)


class _Gates:
    """Which gated word searches can match anywhere in a sentence (their keys occur in its
    lower-cased text), found once so the searches of its figures can be skipped. `low` and
    `low_cue` are the sentence and its time-masked copy through `lx.safe_lower`."""

    __slots__ = ("_decrease", "_growth", "_low_cue", "national", "share", "target_noun")

    def __init__(self, low: str | None, low_cue: str | None) -> None:
        self._low_cue = low_cue
        self.share = _any_key(low_cue, _SHARE_KEYS)
        self.target_noun = _any_key(low_cue, _TARGET_NOUN_KEYS)
        self.national = _any_key(low, _NATIONAL_KEYS)
        # only percentages and multiples ask for these: found when first asked (-1: not yet)
        self._decrease = -1
        self._growth = -1

    @property
    def decrease(self) -> bool:
        if self._decrease < 0:
            self._decrease = int(_any_key(self._low_cue, _DECREASE_KEYS))
        return self._decrease == 1

    @property
    def growth(self) -> bool:
        if self._growth < 0:
            self._growth = int(_any_key(self._low_cue, _GROWTH_KEYS))
        return self._growth == 1


_SHARE_KEYS: Final = _SHARE.keys
_DECREASE_KEYS: Final = lx.DECREASE_WORDS.keys
_GROWTH_KEYS: Final = lx.GROWTH_WORDS.keys
_TARGET_NOUN_KEYS: Final = lx.TARGET_NOUN.keys
_NATIONAL_KEYS: Final = _NATIONAL_NEAR_GATED.keys


def _any_key(low: str | None, keys: tuple[str, ...]) -> bool:
    """False only when no key occurs in low (None: the text cannot be tested that way)."""
    return low is None or contains_any(low, keys)


def _may_hold_cue(text: str) -> bool:
    """False when lx.find_cues(text, 0, len(text)) is surely empty. A cue begins with one of
    CUE_FIRST_WORDS, matched whole (not after or before another ASCII letter), so some
    run of ASCII letters in text is that word; a character loop finds the runs far more
    cheaply than the cue scan would."""
    n = len(text)
    i = 0
    while i < n:
        c = ord(text[i])
        if 97 <= c <= 122 or 65 <= c <= 90:
            j = ascii_letters_end(text, i + 1, n)
            if text[i:j].lower() in CUE_FIRST_WORDS:
                return True
            i = j
        else:
            i += 1
    return False


# "X said on Tuesday (that) its economy ...": the subject is what follows the report
_REPORTING: Final = re.compile(
    r"(?i)^.*\b(?:said|says|announced|reported|noted|stated|told [\w ]{1,30}?|showed|shows)"
    r"(?: (?:on|in|last|this) \w+)?(?: that)?\s+"
)


# "the share is expected (to top)": a copula and an expectation end the subject
_VERB_CHAIN: Final = re.compile(
    r"(?i)\s(?:is|are|was|were|has been|have been|will be|would be)\s+(?:now\s+)?"
    r"(?:expected|projected|set|forecast|estimated|likely|due|poised|planned|scheduled|slated|"
    r"predicted|anticipated)\b.*$",
    re.S,
)


def _after_reporting_clause(subject: str) -> str:
    m = _REPORTING.match(subject)
    return subject[m.end() :] if m and m.end() < len(subject) else subject


def _indicator(
    s_cue: str,
    fig: Figure,
    cs: int,
    prev: str,
    starts: list[int],
    cache: dict[int, re.Match[str] | None],
    gates: _Gates,
    low_cue: str | None,
) -> str:
    """The phrase naming what a figure measures: the subject of its clause, or the
    previous figure's indicator when the clause has none ("..., up 9.8 percent").
    `starts` is `lx.cue_starts(s_cue)`; `gates` tells which word searches can match;
    `low_cue` is `lx.safe_lower(s_cue)`."""
    pre = s_cue[cs : fig.start]
    if cs and _ADJOINS.match(s_cue, cs - 1):  # the clause is cut inside a word
        cues = [m.span() for m in lx.find_cues(pre, 0, len(pre))]
    else:
        cues = [
            (m.start() - cs, m.end() - cs)
            for m in lx.find_cues(s_cue, cs, fig.start, starts, cache, low_cue)
        ]
    subject = pre
    verb = ""
    for m_start, _m_end in reversed(cues):
        head = pre[:m_start]
        if head.strip(" ,"):
            subject, verb = head, pre[m_start:]
            break
    if cues:
        # "cut energy use per unit of GDP by", "increase its output to": the object names it
        obj = _clean_phrase(pre[cues[-1][1] :])
        # ... but "to pass", "to reach" after "expected" name no object: an infinitive
        infinitive = obj[:3].lower() == "to "
        if (
            len(obj.split()) >= 2
            and not infinitive
            and not (_may_hold_cue(obj) and lx.find_cues(obj, 0, len(obj)))
        ):
            subject = obj
    subject = _clean_phrase(_VERB_CHAIN.sub("", _after_reporting_clause(subject)))
    if (
        len(subject) < 3
        or subject.lower() in {"this", "it", "which", "that", "they", "these"}
        or elided_subject(subject)
    ):
        subject = prev
        verb = pre
    after = s_cue[fig.end : fig.end + 80]
    if gates.share and fig.unit in {"percent", "fraction"} and _SHARE.search(pre):
        of = _OF_RE.match(after)
        if of:
            return f"share of {subject} in {_clean_phrase(of.group(1))}".strip()
    if fig.unit in {"percent", "percentage points"} or fig.form == "multiple":
        text = verb + " " + pre[-30:] + " " + after[:15]
        low = subject.lower()
        if (
            gates.decrease
            and _DECREASE_WORDS.found(text)
            and not low.startswith(("decline", "reduction"))
        ):
            return f"decline in {subject}" if subject else "decline"
        if gates.growth and _GROWTH_WORDS.found(text) and not _growth_named(low):
            return f"{subject} growth" if subject else "growth"
    return subject


_GREW_RE: Final = re.compile(r"(?i)\b(?:grow|growth|grew)\b")
_GREW: Final = _LowWords(_GREW_RE)
_ADD_BEFORE_RE: Final = re.compile(r"(?i)\b(?:increase|rise|up|add|added|raise)\b(?: by)?\W*$")
_ADD_WORDS: Final = ("increase", "rise", "up", "add", "added", "raise")
assert _ADD_BEFORE_RE.pattern == r"(?i)\b(?:" + "|".join(_ADD_WORDS) + r")\b(?: by)?\W*$"


def _after_add_word(window: str) -> bool:
    """_ADD_BEFORE_RE.search(window) is not None, from the window's lowered head (see
    figures.lowered_head) instead of a regex tried at every position."""
    low = lowered_head(window)
    if low is None:
        return _ADD_BEFORE_RE.search(window) is not None
    heads = (low, low[:-3]) if low.endswith(" by") else (low,)
    for head in heads:
        for w in _ADD_WORDS:
            if head.endswith(w):
                at = len(head) - len(w)  # \b before the word: no word character there
                if at == 0 or not (head[at - 1].isalnum() or head[at - 1] == "_"):
                    return True
    return False


_COMMA_RE: Final = re.compile(r"[,;]")
_GAP1_RE: Final = re.compile(r"(?:,|and|or|, and|,\s*and|to|-|–)?")
_GAP2_RE: Final = re.compile(r"[\s,]*(?:and|or)?\s*")


def _growth_named(low: str) -> bool:
    if low.isascii():
        return any(w in low for w in _GROWTH_NAMES)
    return _GROWTH_NAME_RE.search(low) is not None


_THAN_END_RE: Final = re.compile(r"(?i)\bthan(?: the| that of| in)?\W*$")


def _value_type(s: str, fig: Figure, cs: int, has_baseline: bool) -> ValueType:
    if _THAN_END_RE.search(s, max(cs, fig.start - 20), fig.start):
        return ValueType.LEVEL  # "1.5 points lower than 21.2%": the object is a level
    # after the figure, only up to the next comma: "32 percent in 2030, 1.5 points lower"
    window = s[cs : fig.start] + " " + _COMMA_RE.split(s[fig.end : fig.end + 40], 1)[0]
    if fig.unit == "times":
        return ValueType.CHANGE
    if fig.unit in {"percent", "percentage points"} and _DECREASE_WORDS.found(window):
        return ValueType.CHANGE
    if fig.unit == "percent" and _GREW.found(window):
        return ValueType.GROWTH_RATE
    if has_baseline or _after_add_word(s[max(0, fig.start - 30) : fig.start]):
        return ValueType.CHANGE if fig.unit != "percent" or has_baseline else ValueType.GROWTH_RATE
    return ValueType.LEVEL


def _masked_copy(s: str, times: list[TimeMention]) -> str:
    if not times:
        return s
    parts = []
    pos = 0
    for t in times:
        parts.append(s[pos : t.start])
        parts.append(" " * (t.end - t.start))
        pos = t.end
    parts.append(s[pos:])
    return "".join(parts)


def _span(s: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (s[start].isspace() or s[start] in ",;:"):
        start += 1
    while end > start and (s[end - 1].isspace() or s[end - 1] in ",;:."):
        end -= 1
    return start, end


def iter_statements(
    doc: Document,
    resolve_indicator: Callable[[str], str | None] | None = None,
    known_indicator: Callable[[str], bool] | None = None,
) -> Iterator[Statement]:
    """Statements of a document in text order (a generator: memory stays bounded).
    `resolve_indicator` gives the catalog indicator id of a phrase (goals get none)."""
    text = doc.text
    frame = document_time_frame(
        text,
        date_given=doc.date,
        date_estimated=None if doc.date else estimate_date(text),
        region_id=doc.region_id,
        title=doc.title,
    )
    when = frame.published
    ctx = _Context(
        frame=frame,
        date=when,
        ref_year=frame.ref_year,
        resolve=resolve_indicator,
        known=known_indicator,
    )
    ctx.ctx_year = ctx.ref_year
    # figures with no time of their own are for the period the document reports on
    ctx.result_period = frame.report_period
    for sent in iter_sentences(text):
        found = _sentence_statements(doc, text, sent, ctx)
        if found:
            yield from found


def _cue_starts(
    tokens: Tokens, s: str, s_cue: str, low_cue: str | None, times: list[TimeMention]
) -> list[int]:
    """lx.cue_starts_low(s_cue, low_cue), read off the sentence's tokens (a scan of the text
    for cue words costs far more): a cue word is a whole run of ASCII letters, which is one
    token, and masking a time expression blanks its tokens whole unless its edge cuts a
    word, when the text is scanned after all."""
    n = len(s)
    for t in times:
        for edge in (t.start, t.end):
            if 0 < edge < n and _ascii_letter(s[edge - 1]) and _ascii_letter(s[edge]):
                return lx.cue_starts_low(s_cue, low_cue)
    out: list[int] = []
    words = lx.CUE_FIRST_WORDS
    low, start = tokens.low, tokens.start
    for i in range(tokens.n):
        if low[i] in words:
            p = start[i]
            if s_cue[p] == " ":
                continue  # inside a masked time expression
            if p and lx.continues_word(s_cue[p - 1]):
                continue
            out.append(p)
    return out


def _ascii_letter(c: str) -> bool:
    return ("a" <= c <= "z") or ("A" <= c <= "Z")


def _sentence_statements(
    doc: Document, text: str, sent: Sentence, ctx: _Context
) -> list[Statement]:
    """The statements of one sentence, in text order (goals last)."""
    # a line break inside a sentence (a wrapped line) reads as a space; offsets are the same,
    # and quotes are cut from the text itself
    s = text[sent.start : sent.end].replace("\n", " ")
    if not _maybe_words(s) and not cmp.may_compare(s):
        return _goals(doc, s, sent, ctx, [])
    key = hash(s)
    if len(s) > 60 and key in ctx.seen:
        return []  # a passage repeated verbatim (site duplication): labelled once
    if len(ctx.seen) < _MAX_SEEN:
        ctx.seen.add(key)
    tokens = Tokens(s)
    # lower-cased once (by Tokens) for every word search of the sentence. Masking it gives
    # lx.safe_lower(s_cue) but for the final-sigma rule of Greek capitals, which no search
    # can see (it only tells two non-ASCII letters apart)
    low = tokens.low_sentence
    times = find_times(
        s, ctx.ref_year, ctx.ctx_year, low, published=ctx.date, fiscal=ctx.frame.fiscal
    )
    s_cue = _masked_copy(s, times)
    low_cue = low if low is None or s_cue is s else _masked_copy(low, times)
    time_spans = [(t.start, t.end) for t in times]
    figures = shared_unit_lists(s, find_figures(s, tokens, time_spans), time_spans)
    regions = find_regions(s) if figures else []
    clauses = Clauses(s)
    starts = _cue_starts(tokens, s, s_cue, low_cue, times) if figures else []
    cue_cache: dict[int, re.Match[str] | None] = {}
    gates = _Gates(low, low_cue) if figures else None
    usable = _usable_times(times)
    nums = [f.num_start for f in figures] if len(usable) > 1 else []
    # figures that are the base of a comparison ("against 2.4 percent", "from 13%")
    bases = tuple(
        f.num_start for f in figures if _BASE_FIGURE.search(s, max(0, f.start - 24), f.start)
    )
    out: list[Statement] = []
    base_results: list[Statement] = []  # the bases' statements set no period for later text
    prev_fig: Figure | None = None
    prev_cmp: Comparator | None = None
    prev_indicator = ctx.last_indicator
    for i, fig in enumerate(figures):
        assert gates is not None
        cs, ce = clauses.bounds(fig.num_start)
        others = tuple(nums[:i] + nums[i + 1 :])
        compares = cmp.figure_compares(s, fig, cs)
        base = cmp.base_from(s, fig) if compares else None
        own_times = [
            t
            for t in usable
            if not (base is not None and base <= t.start < ce)
            and not _claimed_by_later_clause(t, fig, figures, s_cue, low_cue)
        ]
        tm = _pick_time(own_times, fig.num_start, cs, ce, others, fig.end, bases)
        label = tm.label if tm else None
        if tm is not None and tm.role == "now" and ctx.ref_year:
            label = str(ctx.ref_year)
        window_start = max(0, fig.start - 250)
        cues = lx.find_cues(s_cue, window_start, fig.start, starts, cue_cache, low_cue)
        cue = cues[-1] if cues else None
        if cue is not None and cue.group("r") and len(cues) > 1:
            modal = cues[-2]  # "would account for", "will have reached": the modal governs
            gap = s_cue[modal.end() : cue.start()]
            if modal.group("t") and len(gap) < 25 and not _COMMA_RE.search(gap):
                cue = modal
        target_noun = gates.target_noun and bool(
            lx.TARGET_NOUN.search(s_cue, max(cs, fig.start - 80), fig.start)
        )
        mood = modality(cue)
        is_target = mood is Modality.INTENT or target_noun
        budget = ctx.frame.budget_period
        if tm is None and budget and mood is not Modality.PAST:
            # a budget's figure with no time of its own is the plan's, for its year
            tm = TimeMention(fig.start, fig.start, "period", budget, None, False)
            label = budget
        if tm is None and ctx.target_group == sent.paragraph and ctx.target_period:
            # a list item or follow-up sentence under a heading that set a future period
            tm = TimeMention(fig.start, fig.start, "deadline", ctx.target_period, None, False)
            label = ctx.target_period
        if compares:
            kind = StatementKind.COMPARISON
        else:
            kind = decide_kind(
                mood,
                target_noun=target_noun,
                period=period_bounds(label) if tm is not None else None,
                published=ctx.date,
                deadline=tm is not None and tm.role == "deadline",
            )
        label = resolve_by_tense(tm, label, mood is Modality.PAST, ctx.date)
        if label is None:
            label = _fallback_period(kind, tm, sent, ctx)
        confidence = fig.confidence - (0.1 if label is None else 0.0)
        comparator = None
        value_type = None
        baseline_period = None
        if kind is StatementKind.TARGET:
            prev_end = prev_fig.end if prev_fig else 0
            comparator = _comparator(s_cue[max(prev_end, fig.start - 40) : fig.start])
            if comparator is None and prev_fig is not None and prev_cmp is not None:
                gap = s_cue[prev_fig.end : fig.start].strip().lower()
                if _GAP1_RE.fullmatch(gap) or _GAP2_RE.fullmatch(gap):
                    comparator = prev_cmp
            comparator = comparator or Comparator.EQ
            baselines = [
                t for t in times if t.role == "baseline" and t.label and cs <= t.start < ce
            ]
            baseline_period = baselines[0].label if baselines else None
            # from the previous figure on: "grow by 6 percent ... and raise the share to 60
            # percent" makes the second a level, not a growth rate
            vs = max(cs, prev_fig.end) if prev_fig is not None else cs
            value_type = _value_type(s, fig, vs, baseline_period is not None)
        lo = max(cs, prev_fig.end) if prev_fig is not None else cs
        indicator = _indicator(s_cue, fig, lo, prev_indicator, starts, cue_cache, gates, low_cue)
        region = _region_for(s, fig, cs, regions, doc.region_id, gates.national)
        listed, list_start = (
            listed_regions(s, regions, lo, fig.start) if len(regions) > 1 else ([], 0)
        )
        if listed:
            region = listed[0]
        qs, qe = _span(s, min(cs, list_start) if listed else cs, max(ce, fig.end))
        if len(figures) > 1:
            others_at = [f.start for f in figures if f is not fig]
            qs, qe = _span(s, *split_verb_phrases(s, qs, qe, fig.start, fig.end, others_at))
        if kind is StatementKind.TARGET and not label and not is_target:
            confidence -= 0.1
        out.append(
            make_statement(
                kind=kind,
                quote=text[sent.start + qs : sent.start + qe],
                start=sent.start + qs,
                end=sent.start + qe,
                indicator=indicator,
                indicator_id=ctx.indicator_id(indicator, label),
                value=round_value(fig.value),
                unit=fig.unit,
                comparator=comparator,
                period=label,
                baseline_period=baseline_period,
                value_type=value_type,
                region_id=region,
                confidence=clamp_confidence(confidence),
                document_id=doc.id,
            )
        )
        if fig.num_start in bases:
            base_results.append(out[-1])
        # "A, B and C grew 7%": one statement per region listed as the subject
        for rid in listed[1:]:
            out.append(replace(out[-1], region_id=rid))
        prev_fig, prev_cmp = fig, comparator
        if indicator:
            prev_indicator = indicator
    out.extend(_clause_comparisons(doc, s, s_cue, sent, figures, times, ctx, clauses))
    if len(out) > 1:
        out.sort(key=_start_end)
    _update_context(times, out, sent, ctx, base_results)
    if out:
        ctx.last_indicator = prev_indicator
    if not figures:
        out.extend(_goals(doc, s, sent, ctx, out))
    return out


def _start_end(st: Statement) -> tuple[int, int]:
    return st.start, st.end


_FIGURE_HINT: Final = re.compile(
    r"\d|(?i:\b(?:percent|half|thirds?|doubl\w*|tripl\w*|quadrupl\w*|\w+fold|rank\w*|first|"
    r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|record|highest|lowest|"
    r"largest|biggest|fastest|national|nationwide|consecutive|quarters?|tenths?|fifths?|one|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|peak|country|nation|every)\b)"
)


_DIGIT: Final = re.compile(r"\d")
_ASCII_DIGITS: Final = "0123456789"


_HINT_WORDS: Final = _wordset(
    "percent half third thirds first second fourth fifth sixth seventh eighth ninth tenth top "
    "record highest lowest largest biggest fastest national nationwide consecutive quarter "
    "quarters tenths fifths one two three four five six seven eight nine ten eleven twelve "
    "twenty thirty forty fifty sixty seventy eighty ninety hundred peak country nation every"
)
# _FIGURE_HINT on lower-cased text without its leading word boundaries (checked by hand), as
# one trie whose alternatives all begin with a letter, so the engine skips ahead by first
# letter: whole words, and word beginnings; "-fold" endings are looked for apart
_HINT_LOW: Final = re.compile(
    trie_with_endings(
        {
            **{w: r"\b" for w in _HINT_WORDS},
            **dict.fromkeys(("doubl", "tripl", "quadrupl", "rank"), ""),
        }
    )
)
_FOLD_END: Final = re.compile(r"\Bfold\b")


_HINT_AFTER_GAP: Final = after_gap(_HINT_LOW.pattern)


def _maybe_words(s: str) -> bool:
    """A digit or a word that can carry a figure or a comparison."""
    # ten one-character scans (memchr) beat one character-class scan; only text that is not
    # ASCII can have other digits
    for digit in _ASCII_DIGITS:
        if digit in s:
            return True
    if not s.isascii() and _DIGIT.search(s) is not None:
        return True
    low = lx.safe_lower(s)
    if low is None:
        return _FIGURE_HINT.search(s) is not None
    if at_word_start(_HINT_LOW, _HINT_AFTER_GAP, low):
        return True
    return "fold" in low and _FOLD_END.search(low) is not None


def _fallback_period(
    kind: StatementKind, tm: TimeMention | None, sent: Sentence, ctx: _Context
) -> str | None:
    if tm is not None:
        return None  # the figure's own time expression could not be resolved
    if kind is StatementKind.TARGET:
        if ctx.target_group == sent.paragraph and ctx.target_period:
            return ctx.target_period
        return ctx.frame.undated_target_period()
    if ctx.result_period:
        return ctx.result_period
    return str(ctx.ref_year) if ctx.ref_year else None


def _update_context(
    times: list[TimeMention],
    stmts: list[Statement],
    sent: Sentence,
    ctx: _Context,
    bases: list[Statement],
) -> None:
    for t in times:
        if t.role in {"baseline", "event", "annual", "now"} or not t.label:
            continue
        # the year the text talks about, for later periods named without one ("the first
        # quarter"): a deadline or aim far ahead does not move it, a reported year does
        reported = any(st.kind is StatementKind.RESULT for st in stmts)
        if t.year and (reported or (ctx.date is not None and t.year <= ctx.date.year)):
            ctx.ctx_year = t.year
        bounds = period_bounds(t.label)
        future = bool(bounds and ctx.date and bounds[0] > ctx.date)
        not_past = bool(bounds and (ctx.date is None or bounds[1] >= ctx.date))
        targets = any(st.kind is StatementKind.TARGET for st in stmts)
        # a sentence that only reported results read its times as past periods: they set
        # no period for the targets that follow ("in December" is last December)
        only_results = reported and not targets and t.role != "deadline"
        if (
            not_past
            and not only_results
            and (t.role == "deadline" or future or targets or ctx.date is not None)
        ):
            ctx.target_group = sent.paragraph
            ctx.target_period = t.label
        if not future and t.role != "deadline":
            ctx.result_period = t.label
    for st in stmts:
        if st.kind is StatementKind.RESULT and st.period and not any(st is b for b in bases):
            ctx.result_period = st.period


def _region_for(
    s: str,
    fig: Figure,
    cs: int,
    regions: list[tuple[int, int, str]],
    default: str | None,
    national: bool = True,
) -> str | None:
    # a national phrase ends at most 40 characters before the figure, so only the last
    # stretch of the clause is searched (a clause starts after a separator, never mid-word)
    if national and _NATIONAL_NEAR_GATED.search(s, max(cs, fig.start - 80), fig.start):
        return NATIONAL_ID
    best = None
    for rs, _end, rid in regions:
        if rs < fig.start and fig.start - rs < 200:
            best = rid
    return best or default


def _clause_comparisons(
    doc: Document,
    s: str,
    s_cue: str,
    sent: Sentence,
    figures: list[Figure],
    times: list[TimeMention],
    ctx: _Context,
    clauses: Clauses,
) -> list[Statement]:
    """Statements for the comparisons the comparisons stage finds in clauses (not figures)."""
    out = []
    usable = _usable_times(times)
    for found in cmp.clause_comparisons(s, figures, clauses):
        qs, qe = _span(s, found.start, found.end)
        if qe <= qs:
            continue
        times_here = usable
        if found.base_from is not None:  # the object's times are the base, not the period
            times_here = [t for t in usable if t.start < found.base_from]
        tm = _pick_time(times_here, qs, min(found.start, found.base_from or qs), found.end)
        label = tm.label if tm else None
        if tm is not None and tm.role == "now" and ctx.ref_year:
            label = str(ctx.ref_year)
        if label is None:
            label = _fallback_period(StatementKind.RESULT, tm, sent, ctx)
        indicator = _clean_phrase(s_cue[qs:qe])[:120]
        out.append(
            make_statement(
                kind=StatementKind.COMPARISON,
                quote=doc.text[sent.start + qs : sent.start + qe],
                start=sent.start + qs,
                end=sent.start + qe,
                indicator=indicator,
                indicator_id=ctx.indicator_id(indicator),
                value=found.value,
                unit=found.unit,
                period=label,
                region_id=doc.region_id,
                confidence=0.6,
                document_id=doc.id,
            )
        )
    return out


def _goals(
    doc: Document, s: str, sent: Sentence, ctx: _Context, stmts: list[Statement]
) -> list[Statement]:
    out = []
    for gs, ge, phrase in find_goals(s):
        label = None
        if ctx.target_group == sent.paragraph:
            label = ctx.target_period
        out.append(
            make_statement(
                kind=StatementKind.GOAL,
                quote=doc.text[sent.start + gs : sent.start + ge],
                start=sent.start + gs,
                end=sent.start + ge,
                indicator=phrase,
                period=label,
                region_id=doc.region_id,
                confidence=0.6,
                document_id=doc.id,
            )
        )
    return out
