"""The engine's fast paths give exactly what the plain searches they replace give."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ontrack.extract import engine
from ontrack.extract import lexicon as lx
from ontrack.extract.wordsearch import after_gap, at_word_start

_TEXTS = [
    "GDP grew 5.2 percent, up from 3 percent",
    "Output ROSE by a fifth; exports were Down",
    "the setup upgraded; the grownup regrew",
    "a cutback, not a Cut",
    "_up up_ -up up-",
    "İncrease ſhrank KELVIN \u212aup",
    "Σ rose ΣΣ",
    "",
    "expansion2 expansion",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_low_words_match_the_case_insensitive_patterns(text: str) -> None:
    for fast, pattern in [
        (engine._GROWTH_WORDS, lx.GROWTH_WORDS_RE),
        (engine._DECREASE_WORDS, lx.DECREASE_WORDS_RE),
        (engine._GREW, engine._GREW_RE),
    ]:
        assert fast.found(text) == (pattern.search(text) is not None)


def _clean_phrase_reference(phrase: str) -> str:
    words = [w for w in phrase.split() if w.strip(engine._STRIP)]
    while words and (
        words[0].lower().strip(engine._STRIP) in engine._LEAD_WORDS
        or words[0].lower() == "according"
    ):
        if words[0].lower() == "according":
            return ""
        words.pop(0)
    while words and words[-1].lower().strip(engine._STRIP) in engine._TRAIL_WORDS:
        words.pop()
    if len(words) > 10:
        words = words[-10:]
    return " ".join(words).strip(engine._STRIP)


@pytest.mark.parametrize(
    "phrase",
    [
        "and the total output of industrial enterprises above designated size reached",
        "According to the bureau, output",
        "the (provincial) — output – of grain , was",
        "a b c d e f g h i j k l m n o p",
        "“ ” ' - the output",
        "according, output",
        "",
        "  ,  ;  ",
    ],
)
def test_clean_phrase_matches_the_reference(phrase: str) -> None:
    assert engine._clean_phrase(phrase) == _clean_phrase_reference(phrase)


_PHRASE_WORDS = ["the", "Output", "of", "(GDP)", "—", "–", "(", ")", "'", "“", "”", "’s", ",", ";"]
_PHRASE_WORDS += ["2023", "_x", "é", "according", "and", "reached", "-", "--", ".", "a.m."]


def test_clean_phrase_matches_the_reference_on_random_phrases() -> None:
    rng = random.Random(6)
    for _ in range(3000):
        words = [rng.choice(_PHRASE_WORDS) for _ in range(rng.randrange(0, 14))]
        phrase = rng.choice([" ", "  ", "\t", ""]).join(words)
        assert engine._clean_phrase(phrase) == _clean_phrase_reference(phrase), phrase


def test_cue_starts_skip_only_what_the_check_rejects() -> None:
    text = "claimed aims, pre-aim, x_aim, 2aim, aim; target-reach (reach) Aim"
    low = text.lower()
    loose = re.compile(lx.trie_pattern(lx.CUE_FIRST_WORDS) + r"(?![a-z])")
    expected = [
        m.start()
        for m in loose.finditer(low)
        if not (m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] in "_-"))
    ]
    assert lx.cue_starts(text) == expected


_DATE_PIECES = [
    "By the end of March 2024",
    " by the END OF march 2023",
    "As of end of Sept. 2022",
    "at the end of Dec 2021,",
    "looking ahead to 2025",
    "Looking Forward into 2026",
    "TURNING TO 2027",
    "for the year 2024 percent",
    "for the year 2028",
    "March 5, 2023",
    "12 May 2024",
    " June 2021",
    "Decree ",
    "İ",
    "ſ",
    " x ",
]


def test_date_clues_on_lower_case_match_the_case_insensitive_patterns() -> None:
    from ontrack.extract import docdate, timex

    rng = random.Random(0)
    for _ in range(2000):
        text = "".join(rng.choice(_DATE_PIECES) for _ in range(rng.randrange(1, 6)))
        low = docdate.safe_lower(text)
        plain = [(m.group("yr"), m.group("mon")) for m in docdate._EST_END_MONTH.finditer(text)]
        assert list(docdate._est_end_months(text, low)) == plain, text
        plain_years = [m.group("yr") for m in docdate._EST_LOOKING.finditer(text)]
        assert list(docdate._est_looking(text, low)) == plain_years, text
        months = timex._month_starts(text, 0)
        days = timex._matches_at(docdate._EST_DAY, text, months, len(text))
        assert [m.span() for m in days] == [m.span() for m in docdate._EST_DAY.finditer(text)]


_TIME_PIECES = [
    "2019",
    "2020",
    "202020",
    "19",
    "1",
    "2",
    "0",
    "9",
    "٢٠٢٤",
    "²",
    "Ma",
    "y",
    "Ju",
    "ne",
    "Dec",
    "Decree",
    "Augur",
    "JUNE",
    "-",
    "/",
    "–",
    " ",
    " to ",
    "05",
    "Q1",
    " levels",
    "by ",
    "through to ",
    "no later than ",
    "from ",
    "compared with the ",
    "levels of ",
    "in ",
    "during ",
    "12",
    "vs. ",
    "since ",
    "March",
    "Sept. ",
    "May",
    "5 ",
    "31st ",
    ", ",
    "%",
    " yuan",
    "x",
]


def test_time_patterns_tried_at_their_anchors_match_finditer() -> None:
    from ontrack.extract import timex

    rng = random.Random(1)
    steps = [e[5] for e in timex._PLAN if e[5][5] != timex._LEAD_ANY]
    for _ in range(3000):
        text = "".join(rng.choice(_TIME_PIECES) for _ in range(rng.randrange(1, 12)))
        years = [m.start() for m in timex.YEAR_START_RE.finditer(text)]
        months = [m.start() for m in timex._HAS_MONTH.finditer(text)]
        assert timex._year_starts(text) == years, text
        assert timex._month_starts(text, 0) == months, text
        pos = rng.randrange(len(text) + 1)
        assert timex._month_starts(text, pos) == [
            m.start() for m in timex._HAS_MONTH.finditer(text, pos)
        ]
        end = rng.randrange(len(text) + 1)
        for _kind, pattern, _lc, _gate, _clean, lead, words_before, _key, _width in steps:
            plain = [m.span() for m in pattern.finditer(text, 0, end)]
            if lead == timex._LEAD_YEAR:
                fast = timex._matches_at(pattern, text, years, end)
            elif lead == timex._LEAD_MONTH:
                fast = timex._matches_at(pattern, text, months, end)
            else:
                assert words_before is not None
                anchors, most = (years, 40) if lead == timex._LEAD_WORDS_YEAR else (months, 12)
                fast = timex._matches_before(pattern, words_before, text, anchors, most, 0, end)
            assert [m.span() for m in fast] == plain, (text, pattern.pattern)


_WINDOW_PIECES = [
    *_TIME_PIECES,
    "this year",
    "The Year",
    " year",
    "years",
    "year's",
    "next",
    "the previous ",
    "by ",
    "end of ",
    "end-",
    "end-September.2025",
    "end-Dec2024",
    "weekend",
    "the past ",
    "last ",
    "three ",
    "the same period of ",
    "since the start of the ",
    "first ",
    "10 months",
    "two quarters of ",
    "14th five-year plan",
    " (2021-2025)",
    " percent",
    " yuan",
    "currently",
    "now",
    "x",
]


def test_scans_kept_to_the_window_key_find_every_match() -> None:
    from ontrack.extract import timex

    ahead = timex._UNIT_AHEAD.removeprefix("(?!").removesuffix(")")  # the widest look-ahead
    assert re._parser.parse(ahead).getwidth()[1] < timex._LOOK_AHEAD  # type: ignore[attr-defined]
    windowed = [e[5] for e in timex._PLAN if e[5][7]]
    assert {step[0] for step in windowed} >= {"rel", "end_of", "past_n", "plan", "now"}
    rng = random.Random(4)
    # a year at the far end of the widest match, then a unit its look-ahead must see
    cases = [(t, 0, len(t)) for t in ("end-Dec2024 percent", "at end-Dec2024 yuan")]
    for _ in range(4000):
        text = "".join(rng.choice(_WINDOW_PIECES) for _ in range(rng.randrange(1, 10)))
        pos = rng.randrange(len(text) // 2 + 1)
        cases.append((text, pos, rng.randrange(pos, len(text) + 1)))
    for text, pos, end in cases:
        low = text.lower()
        for _kind, pattern, lc, *_, keys, width in windowed:
            subject = low if lc else text
            plain = [m.span() for m in pattern.finditer(subject, pos, end)]
            lo, hi = timex._window(low, keys, width, pos, end)
            fast = [m.span() for m in pattern.finditer(subject, lo, hi)] if lo < hi else []
            assert fast == plain, (text, pos, end, pattern.pattern)


_COMPARATOR_PIECES = [
    "At Least",
    "more than",
    "MORE THAN",
    "hangover",
    "up to",
    "upwards of",
    "close to",
    "or so",
    "short of",
    "below",
    "wİthin",
    "leſs than",
    "ABOVE",
    "Stood At",
    "reached",
    "that",
    "amounted to",
    "wİth",
    "up by",
    "UP",
    "raised",
    " by",
    "increase",
    "Added",
    " ",
    ", ",
    "’",
    "“",
    "é",
    "É",
    "Σ",
    "İ",
    "ſ",
    "\u212a",
    "\n",
    "5",
    "_",
    "x",
]


def _comparator_reference(window: str) -> str | None:
    for sym, pattern in lx.COMPARATOR_PATTERNS:
        if pattern.search(window):
            return sym
    return None


def test_comparator_endings_match_the_patterns() -> None:
    rng = random.Random(5)
    for _ in range(5000):
        window = "".join(rng.choice(_COMPARATOR_PIECES) for _ in range(rng.randrange(0, 6)))
        found = engine._comparator(window)
        assert (found and found.value) == _comparator_reference(window), window


def test_level_verb_endings_match_the_pattern() -> None:
    from ontrack.extract import figures

    rng = random.Random(7)
    for _ in range(5000):
        window = "".join(rng.choice(_COMPARATOR_PIECES) for _ in range(rng.randrange(0, 6)))
        plain = lx.LEVEL_VERB_RE.search(window) is not None
        assert figures._after_level_verb(window) == plain, window


def test_add_word_endings_match_the_pattern() -> None:
    rng = random.Random(8)
    for _ in range(5000):
        window = "".join(rng.choice(_COMPARATOR_PIECES) for _ in range(rng.randrange(0, 6)))
        plain = engine._ADD_BEFORE_RE.search(window) is not None
        assert engine._after_add_word(window) == plain, window


_GAP_PIECES = ["ten", "often", "tenth", "rank", "ranked", "twofold", "top", "é", "ü", "_", "2"]
_GAP_PIECES += [" ", "(", "“", "-", "’", "\n", "x", "ranking", "every", "one", "done"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_GAP_PIECES), max_size=10).map("".join))
def test_at_word_start_equals_a_search_after_a_boundary(low: str) -> None:
    # the hint words (whole words and word beginnings) and _LowWords-like whole words
    for pattern in (engine._HINT_LOW, re.compile(r"(?:ten|tenth|one|top)\b")):
        plain = re.search(r"\b(?:" + pattern.pattern + ")", low) is not None
        assert at_word_start(pattern, after_gap(pattern.pattern), low) == plain, low


