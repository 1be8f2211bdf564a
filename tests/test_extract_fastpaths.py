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
    from ontrack.extract import docdate

    rng = random.Random(0)
    for _ in range(2000):
        text = "".join(rng.choice(_DATE_PIECES) for _ in range(rng.randrange(1, 6)))
        low = docdate.safe_lower(text)
        plain = [(m.group("yr"), m.group("mon")) for m in docdate._EST_END_MONTH.finditer(text)]
        assert list(docdate._est_end_months(text, low)) == plain, text
        plain_years = [m.group("yr") for m in docdate._EST_LOOKING.finditer(text)]
        assert list(docdate._est_looking(text, low)) == plain_years, text


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
