"""The fast paths of the extractor give what the plain patterns they stand for give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ontrack.extract import engine, goals, statements
from ontrack.extract import lexicon as lx
from ontrack.extract.sentences import Clauses, clause_bounds
from ontrack.extract.tokens import TOKEN_RE, Tokens
from ontrack.extract.wordsearch import (
    expand_optional,
    safe_lower,
    trie_pattern,
    trie_with_endings,
)

_PIECES = [
    "for the first time",
    "All-time high",
    "hitting a record",
    "the peak in",
    "outpacing the national average",
    "the highest among",
    "consecutive years",
    "Qingxian",
    "aims to",
    "will",
    "transforming it into",
    "Becoming",
    "serve as",
    "is expected to",
    "be built into",
    "endeavours to",
    "accounted for",
    "the national average",
    "the country’s",
    "targets",
    "Goal",
    "grew",
    "rose",
    "up",
    "shrank",
    "reduced",
    "making up",
    "held",
    "to reach",
    "has set a target",
    "short of the goal by",
    "lagging behind by",
    "faster than the national average by",
    "would",
    "WILL",
    "Is Expected To",
    "AIMS to",
    "1,234.5",
    "12,34",
    "5%",
    "2025",
    "İ",
    "ı",
    "ſ",
    "\u212a",
    "é",
    "Ⅻ",
    "٣",
    "·",
    "-",
    "_",
    ", ",
    "; ",
    " — ",
    "—",
    ":",
    " –- ",
    " ",
    "\t",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)
_PLAIN_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|[A-Za-z]+|[^\sA-Za-z\d]"
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_word_start_searches_equal_their_patterns(text: str) -> None:
    fast, slow = goals._INTENT_WORDS.search(text), goals._INTENT.search(text)
    assert (fast and fast.span()) == (slow and slow.span())
    for pos, endpos in ((0, len(text)), (3, len(text) - 2), (len(text) // 2, len(text) // 2 + 9)):
        fast = goals._GOAL_VERB_WORDS.search(text, pos, endpos)
        slow = goals._GOAL_VERB.search(text, pos, endpos)
        assert (fast and fast.span()) == (slow and slow.span())


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_gated_search_equals_search(text: str) -> None:
    for gated in (
        lx.TARGET_NOUN,
        lx.GROWTH_WORDS,
        lx.DECREASE_WORDS,
        engine._SHARE,
        engine._NATIONAL_NEAR_GATED,
    ):
        for pos, end in ((0, len(text)), (len(text) // 3, len(text) - 2)):
            fast = gated.search(text, pos, max(pos, end))
            slow = gated.pattern.search(text, pos, max(pos, end))
            assert (fast and fast.span()) == (slow and slow.span())


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_cue_starts_and_find_cues(text: str) -> None:
    slow = [
        w.start()
        for w in re.finditer(r"(?<![\w-])[A-Za-z]+", text)
        if w.group(0).lower() in lx.CUE_FIRST_WORDS
    ]
    assert lx.cue_starts(text) == slow
    low = safe_lower(text)
    cache: dict[int, re.Match[str] | None] = {}
    for hi in range(0, len(text) + 1, 7):
        plain = [(m.span(), m.lastgroup) for m in lx.find_cues(text, 0, hi)]
        cached = [(m.span(), m.lastgroup) for m in lx.find_cues(text, 0, hi, slow, cache)]
        lowered = [(m.span(), m.lastgroup) for m in lx.find_cues(text, 0, hi, slow, None, low)]
        assert cached == plain
        assert lowered == plain


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_cue_prefilter_never_hides_a_cue(text: str) -> None:
    if lx.find_cues(text, 0, len(text)):
        assert engine._may_hold_cue(text)
    for cut in (1, 2, len(text) // 2):  # cut inside words too
        if lx.find_cues(text[cut:], 0, len(text) - cut):
            assert engine._may_hold_cue(text[cut:])


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_tokens_and_clauses(text: str) -> None:
    tk = Tokens(text)
    plain = list(_PLAIN_TOKEN.finditer(text))
    assert tk.text == [m.group() for m in plain]
    assert list(zip(tk.start, tk.end, strict=True)) == [m.span() for m in plain]
    clauses = Clauses(text)
    for pos in range(len(text) + 1):
        assert clauses.bounds(pos) == clause_bounds(text, pos)


# digit runs of every length around separators, and every kind of character the token loop
# tells apart: ASCII and Unicode decimal digits (\d), a superscript two (a digit to str.isdigit,
# not to \d), ASCII and Unicode white space (\s, including the separators 28-31), letters that
# lower-case differently
_TOKEN_PIECES = [
    *"0123456789",
    *["12", "345", "6789", "1,234", ",567", ",89", ".5", ","],
    *[".", ",", ",", ".", " ", " ", "a", "Zé", "²", "٣", "໕", "𝟙", "İ", "ſ", "-", "%"],
    *["\t", "\n", "\x0b", "\x1c", "\x1f", "\x85", "\xa0", "\u2003", "\u3000"],
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_TOKEN_PIECES), max_size=30).map("".join))
def test_token_loop_reads_what_token_re_finds(text: str) -> None:
    tk = Tokens(text)
    spans = []
    pos = 0
    for space, token in TOKEN_RE.findall(text):
        pos += len(space)
        spans.append((pos, pos + len(token)))
        pos += len(token)
    assert list(zip(tk.start, tk.end, strict=True)) == spans
    assert tk.low == [text[a:b].lower() for a, b in spans]


_HINT_PIECES = [
    *sorted(engine._HINT_WORDS)[::3],
    "doubling",
    "Tripled",
    "ranks",
    "frankly",
    "twofold",
    "TENFOLD",
    "fold",
    "phone",
    "won",
    "2",
    "_",
    "-",
    " ",
    "é",
    "İ",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HINT_PIECES), max_size=12).map("".join))
def test_maybe_words_equals_the_plain_hint_search(text: str) -> None:
    assert engine._maybe_words(text) == (engine._FIGURE_HINT.search(text) is not None)


def test_trie_with_endings_finds_the_same_starts() -> None:
    endings = {"hit": r"(?!\w)", "hits": r"(?!\w)", "the first ": "", "exceed": ""}
    fast = re.compile(trie_with_endings(endings))
    plain = re.compile(r"(?:hit|hits)(?!\w)|the first |exceed")
    for text in ["hit hits hitx the first one exceeded", "thit the firsthit", "exceed"]:
        starts = [p for p in range(len(text)) if fast.match(text, p)]
        assert starts == [p for p in range(len(text)) if plain.match(text, p)]


def test_helpers() -> None:
    assert expand_optional("endeavou?rs? to") == [
        "endeavor to",
        "endeavors to",
        "endeavour to",
        "endeavours to",
    ]
    pattern = re.compile(trie_pattern(["rise", "rose", "risen", "up"]) + r"\b")
    assert [m.group() for m in pattern.finditer("up rise risen rose")] == [
        "up",
        "rise",
        "risen",
        "rose",
    ]
    assert safe_lower("Ab’c") == "ab’c"
    assert safe_lower("\u212aB") is None


@settings(max_examples=2000, deadline=None)
@given(st.floats(allow_nan=False) | st.decimals(places=4, allow_nan=False).map(float))
def test_round_equals_rounding_to_12_digits(value: float) -> None:
    whole = value.is_integer() and -1e12 < value < 1e12
    expected = float(value) if whole else float(f"{value:.12g}")
    assert repr(statements.round_value(value)) == repr(expected)


def test_fast_statement_equals_the_dataclass() -> None:
    from ontrack.model import Comparator, Statement, StatementKind, ValueType

    args = {
        "kind": StatementKind.TARGET,
        "quote": "reach 56.8 percent by 2025",
        "start": 3,
        "end": 29,
        "indicator": "clean energy share",
        "indicator_id": "clean_energy_share",
        "value": 56.8,
        "unit": "percent",
        "comparator": Comparator.EQ,
        "period": "2025",
        "baseline_period": "2020",
        "value_type": ValueType.LEVEL,
        "region_id": "CN-LN",
        "confidence": 0.85,
        "document_id": "doc1",
    }
    fast = statements.make_statement(**args)  # type: ignore[arg-type]
    assert fast == Statement(**args)  # type: ignore[arg-type]
    assert repr(fast) == repr(Statement(**args))  # type: ignore[arg-type]
    assert fast.baseline_value is None and fast.id is None


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.lists(st.integers(0, 40), max_size=4), st.lists(st.integers(0, 30), max_size=3))
def test_cue_starts_from_tokens(text: str, whole: list[int], cut: list[tuple[int, int]]) -> None:
    from ontrack.extract.timex import TimeMention

    # time expressions over whole runs of non-space (as they mostly are) and a few anywhere
    runs = [m.span() for m in re.finditer(r"\S+", text)]
    spans = {runs[i] for i in whole if i < len(runs)}
    spans |= {(a, a + 3) for a in cut if a + 3 <= len(text)}
    times: list[TimeMention] = []
    taken = 0
    for a, b in sorted(spans):
        if a >= taken:
            times.append(TimeMention(a, b, "period", "2024", 2024, True))
            taken = b
    s_cue = engine._masked_copy(text, times)
    low_cue = safe_lower(s_cue)
    expected = lx.cue_starts_low(s_cue, low_cue)
    assert engine._cue_starts(Tokens(text), text, s_cue, low_cue, times) == expected
