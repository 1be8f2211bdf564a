"""Tokens of a sentence and the Figure record: the data the figures stage reads and makes.

Kept apart from figures.py so that the modules deciding what a number is (units and
currencies, counts and changes, fractions) can share them without an import cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from . import lexicon as lx
from .lexicon import MULTIPLES, ORDINAL_WORDS, WORD_NUMBERS
from .wordsearch import ascii_letters_end, digits_end, is_digit_at, is_space_at

# One token: a number (with thousands separators and decimals), a run of ASCII letters or any
# other single non-space character. This pattern is the definition; Tokens reads the same tokens
# with a character loop (compiled, ord(s[i]) is a plain array read: several times faster than
# findall), and a property test holds the two equal.
TOKEN_RE: Final = re.compile(
    r"(\s*+)([A-Za-z]++|[^\sA-Za-z\d]|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)"
)


# words that can start a figure: number words, ordinals, multiples, fractions
_WORD_STARTS: Final = frozenset(
    set(WORD_NUMBERS)
    | set(ORDINAL_WORDS)
    | set(MULTIPLES)
    | {"every", "top", "a", "one", "two", "three", "four", "five", "six", "seven", "eight"}
    | {"nine", "half", "majority"}
)


class _Kinds(dict[str, str]):
    """Token kind by first character: num | word | punct (filled on first sight)."""

    def __missing__(self, c: str) -> str:
        kind = "num" if c.isdigit() else "word" if c.isalpha() else "punct"
        self[c] = kind
        return kind


_KINDS: Final = _Kinds()


def _number_end(s: str, i: int, n: int) -> int:
    """The end of the number token at digit i, as TOKEN_RE's number alternatives give it: with
    thousands separators ("12,345.6", one to three digits before the first comma) when a comma
    group follows and no digit continues the last group (it then gives one group back);
    else digits with an optional decimal part."""
    j = digits_end(s, i, n)
    if j - i <= 3:
        g = j
        groups = 0
        while (
            g + 3 < n
            and ord(s[g]) == 44  # ","
            and is_digit_at(s, g + 1)
            and is_digit_at(s, g + 2)
            and is_digit_at(s, g + 3)
        ):
            g += 4
            groups += 1
        if groups:
            if g + 1 < n and ord(s[g]) == 46 and is_digit_at(s, g + 1):  # "."
                return digits_end(s, g + 1, n)
            if g >= n or not is_digit_at(s, g):
                return g
            if groups > 1:
                return g - 4
    if j + 1 < n and ord(s[j]) == 46 and is_digit_at(s, j + 1):
        return digits_end(s, j + 1, n)
    return j


class Tokens:
    """The tokens of a sentence as parallel lists: lower-case text, kind, start and end."""

    __slots__ = ("end", "kind", "low", "low_sentence", "n", "sentence", "start", "starts")

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        # Lower-casing the whole sentence gives the same tokens, offsets and kinds as
        # lower-casing each token (safe_lower rules out the characters that would not; a
        # final sigma may lower differently, but tokens only ever equal ASCII words).
        self.low_sentence = lx.safe_lower(sentence)
        text = sentence if self.low_sentence is None else self.low_sentence
        lowered = self.low_sentence is not None
        low: list[str] = []
        kind: list[str] = []
        start: list[int] = []
        end: list[int] = []
        starts: list[int] = []  # the tokens a figure can start at
        n = len(text)
        i = 0
        while i < n:
            c = ord(text[i])
            if c == 32 or is_space_at(text, i):
                i += 1
                continue
            if 97 <= c <= 122 or 65 <= c <= 90:
                j = ascii_letters_end(text, i + 1, n)
                w = text[i:j] if lowered else text[i:j].lower()
                token_kind = "word"
                if w in _WORD_STARTS:
                    starts.append(len(low))
            elif is_digit_at(text, i):
                j = _number_end(text, i, n)
                w = text[i:j]
                token_kind = "num"
                starts.append(len(low))
            else:
                j = i + 1
                w = text[i] if lowered else text[i].lower()
                token_kind = _KINDS[w[0]]
                if token_kind == "num" or (token_kind == "word" and w in _WORD_STARTS):
                    starts.append(len(low))
            start.append(i)
            end.append(j)
            low.append(w)
            kind.append(token_kind)
            i = j
        self.low, self.kind, self.start, self.end, self.starts = low, kind, start, end, starts
        self.n = len(low)

    @property
    def text(self) -> list[str]:
        """The tokens as written (case kept)."""
        return [self.sentence[a:b] for a, b in zip(self.start, self.end, strict=True)]

    def candidates(self) -> list[int]:
        """Indices of the tokens a figure can start at: numbers and number-like words."""
        return self.starts


# init=False: the dataclass-generated __init__ would run as interpreted code under mypyc
@dataclass(slots=True, init=False)
class Figure:
    value: float
    unit: str | None
    start: int  # sentence-relative, first character of the number (or its prefix)
    end: int  # after the unit
    num_start: int
    form: str  # digits | words | fraction | multiple | rank | count | bare
    tok_end: int  # index of the first token after the figure
    confidence: float
    comparison: bool

    def __init__(
        self,
        value: float,
        unit: str | None,
        start: int,
        end: int,
        num_start: int,
        form: str,
        tok_end: int = 0,
        confidence: float = 0.85,
        comparison: bool = False,
    ) -> None:
        self.value = value
        self.unit = unit
        self.start = start
        self.end = end
        self.num_start = num_start
        self.form = form
        self.tok_end = tok_end
        self.confidence = confidence
        self.comparison = comparison
