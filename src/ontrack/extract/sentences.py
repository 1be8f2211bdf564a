"""Paragraphs and sentences with offsets, without building large intermediate lists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from .wordsearch import digits_end, is_space_at

MAX_SENTENCE: Final = 4000  # longer runs without a boundary are cut at whitespace

# the rules as patterns; the character loops below follow them (tests compare the two)
_BOUNDARY: Final = re.compile(r"[.!?。！？]+[\"”’')\]]*(?=\s|$)|[。！？]")
_BULLET: Final = re.compile(r"\s*(?:[•●▪◆■\-*–·]|\d{1,2}[.)]\s|\(\d{1,2}\)|[a-z][.)]\s)")
_ABBREV: Final = {
    "e.g",
    "i.e",
    "etc",
    "no",
    "nos",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "vs",
    "inc",
    "co",
    "ltd",
    "corp",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "est",
    "fig",
    "vol",
    "art",
    "gov",
    "govt",
    "u.s",
    "u.k",
    "u.n",
    "p.m",
    "a.m",
    "jr",
    "sr",
    "dept",
    "al",
    "rs",  # "Rs. 500 crore": the rupee sign, always before a number
    "tk",
}

_ABBREV_LONGEST: Final = max(len(word) for word in _ABBREV)


class Sentence:
    """Offsets of one sentence in its text. A plain class, not a NamedTuple: compiled, it is
    made without calling the NamedTuple's interpreted __new__."""

    __slots__ = ("bullet", "end", "paragraph", "start")

    def __init__(self, start: int, end: int, paragraph: int, bullet: bool) -> None:
        self.start = start
        self.end = end
        self.paragraph = paragraph  # index of the paragraph group (bullets join the one before)
        self.bullet = bullet


def iter_sentences(text: str) -> Iterator[Sentence]:
    """The sentences of each paragraph (a non-empty line, white space stripped), split at
    the _BOUNDARY matches _is_boundary accepts; runs longer than MAX_SENTENCE are cut."""
    n = len(text)
    stops = _STOP_CHARS if not text.isascii() else _STOP_CHARS_ASCII
    nexts = [-1] * len(stops)  # the next offset of each stop character (_advance)
    group = -1
    line = 0
    while line < n:
        pend = text.find("\n", line)
        if pend < 0:
            pend = n
        pstart = line
        line = pend + 1
        while pstart < pend and is_space_at(text, pstart):
            pstart += 1
        while pend > pstart and is_space_at(text, pend - 1):
            pend -= 1
        if pstart == pend:
            continue
        bullet = _is_bullet(text, pstart, pend)
        if not bullet or group < 0:
            group += 1
        s = pos = pstart  # the sentence's start; where the boundary search goes on
        while s < pend:
            e = pend  # the end of the next sentence: its boundary, else the paragraph's end
            while True:
                at = _advance(text, stops, nexts, pos)
                if at >= pend:
                    break
                k = _boundary_end(text, at, pend)
                pos = at + 1 if k < 0 else k
                if k >= 0 and _is_boundary(text, pstart, at, k, pend):
                    e = k
                    break
            while e - s > MAX_SENTENCE:
                cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
                if cut <= s:
                    cut = s + MAX_SENTENCE
                yield Sentence(s, cut, group, bullet)
                s = cut
                while s < e and is_space_at(text, s):
                    s += 1
            if e > s:
                yield Sentence(s, e, group, bullet)
            s = e
            while s < pend and is_space_at(text, s):
                s += 1


# the characters a _BOUNDARY match starts with (a tuple: indexing it makes no new string)
_STOP_CHARS: Final = (".", "!", "?", "。", "！", "？")
_STOP_CHARS_ASCII: Final = (".", "!", "?")


def _advance(text: str, chars: tuple[str, ...], nexts: list[int], pos: int) -> int:
    """Moves each nexts[i], the next offset of chars[i] (len(text): none left), to pos or
    after; returns the smallest. Each is found with str.find (a memchr, much faster than a
    loop over the characters), once per occurrence."""
    at = len(text)
    for i in range(len(nexts)):
        p = nexts[i]
        if p < pos:
            p = text.find(chars[i], pos)
            if p < 0:
                p = len(text)
            nexts[i] = p
        if p < at:
            at = p
    return at


def _is_stop(c: int) -> bool:
    """chr(c) is in _STOP_CHARS."""
    return c == 46 or c == 33 or c == 63 or c == 0x3002 or c == 0xFF01 or c == 0xFF1F


def _boundary_end(text: str, at: int, end: int) -> int:
    """The end of `_BOUNDARY.match(text, at, end)` at a stop character, or -1. Only the
    whole run of stops and closers can be followed by white space or the end (a shorter one
    is followed by a stop or a closer); failing that, a CJK stop alone matches."""
    j = at + 1
    while j < end and _is_stop(ord(text[j])):
        j += 1
    while j < end:
        c = ord(text[j])  # the closers "”’')]
        if c == 34 or c == 0x201D or c == 0x2019 or c == 39 or c == 41 or c == 93:
            j += 1
        else:
            break
    if j == end or is_space_at(text, j):
        return j
    return at + 1 if ord(text[at]) > 127 else -1


def _is_boundary(text: str, pstart: int, dot_start: int, dot_end: int, pend: int) -> bool:
    """Whether a stop ends the sentence: not before a lower-case word, nor after an
    abbreviation or an initial."""
    k = dot_end
    while k < pend and is_space_at(text, k):
        k += 1
    if k >= pend:
        return True
    stop = ord(text[dot_start])
    if stop > 127:
        return True  # 。！？
    c = ord(text[k])
    # the next character must be a capital, a digit, an opening quote or bracket, a bullet
    # or anything else outside ASCII
    if c < 128 and not (65 <= c <= 90 or 48 <= c <= 57 or c == 34 or c == 39 or c == 40 or c == 91):
        return False
    if stop == 46:  # "."
        w = dot_start
        while w > pstart and _word_char_before(text, w):
            w -= 1
        # lower() never shortens a word: a longer one is no abbreviation, and not sliced
        if dot_start - w <= _ABBREV_LONGEST:
            word = text[w:dot_start].lower()
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                return False
    return True


def _word_char_before(text: str, i: int) -> bool:
    """text[i - 1] is a letter or a dot (a part of an abbreviation)."""
    c = ord(text[i - 1])
    if c < 128:
        return 97 <= c <= 122 or 65 <= c <= 90 or c == 46
    return text[i - 1].isalpha()


def _is_bullet(text: str, p: int, end: int) -> bool:
    """`_BULLET.match(text, p, min(end, p + 8))` succeeds ("•", "-", "1.", "(2)", "a) ")."""
    end = min(end, p + 8)
    while p < end and is_space_at(text, p):
        p += 1
    if p >= end:
        return False
    c = ord(text[p])
    # •●▪◆■-*–·
    if c == 0x2022 or c == 0x25CF or c == 0x25AA or c == 0x25C6 or c == 0x25A0:
        return True
    if c == 45 or c == 42 or c == 0x2013 or c == 0xB7:
        return True
    if c == 40:  # "(" and one or two digits, then ")"
        j = digits_end(text, p + 1, min(end, p + 3))
        return p + 1 < j < end and ord(text[j]) == 41
    j = p + 1 if 97 <= c <= 122 else digits_end(text, p, min(end, p + 2))
    if j == p or j + 1 >= end:
        return False
    c = ord(text[j])
    return (c == 46 or c == 41) and is_space_at(text, j + 1)


_CLAUSE: Final = re.compile(r";|:\s|,\s|\s[—–-]{1,2}\s|—")


def _clause_spans(sentence: str) -> tuple[list[int], list[int]]:
    """The starts and ends of the `_CLAUSE.finditer` matches (leftmost, non-overlapping),
    found from their punctuation (_advance): a pattern search or a loop over the characters
    costs much more. A spaced dash is found at its first dash; the space before it must not
    end the separator before."""
    starts: list[int] = []
    ends: list[int] = []
    n = len(sentence)
    chars = _CLAUSE_CHARS if not sentence.isascii() else _CLAUSE_CHARS_ASCII
    nexts = [-1] * len(chars)
    pos = last = 0  # where the search goes on; the end of the last separator
    while True:
        a = _advance(sentence, chars, nexts, pos)
        if a >= n:
            return starts, ends
        c = ord(sentence[a])
        b = -1  # the end of a separator at a (or at a - 1, a space before a dash)
        if c == 59:  # ";"
            b = a + 1
        elif c == 44 or c == 58:  # ", ", ": "
            if a + 1 < n and is_space_at(sentence, a + 1):
                b = a + 2
        else:  # a dash: " - ", " -- ", " — " (one or two dashes between spaces), or "—"
            if a > last and is_space_at(sentence, a - 1):
                k = a + 1
                if k < n and _is_dash(ord(sentence[k])):
                    k += 1
                if k < n and is_space_at(sentence, k):
                    a -= 1
                    b = k + 1
            if b < 0 and c == 0x2014:
                b = a + 1
        if b < 0:
            pos = a + 1
        else:
            starts.append(a)
            ends.append(b)
            pos = last = b


# what a _CLAUSE match starts with, or has after its space
_CLAUSE_CHARS: Final = (";", ":", ",", "-", "—", "–")
_CLAUSE_CHARS_ASCII: Final = (";", ":", ",", "-")


def _is_dash(c: int) -> bool:
    return c == 45 or c == 0x2013 or c == 0x2014  # "-", "–", "—"


class Clauses:
    """The clause separators of one sentence, found once; `bounds(pos)` as `clause_bounds`."""

    __slots__ = ("_ends", "_sentence", "_starts")

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        self._starts: list[int] | None = None  # found on first use
        self._ends: list[int] = []

    def bounds(self, pos: int) -> tuple[int, int]:
        starts = self._starts
        if starts is None:
            starts, self._ends = _clause_spans(self._sentence)
            self._starts = starts
        ends = self._ends
        start = 0
        # the loop of clause_bounds: sentences have few separators, and a plain loop is
        # cheaper than two bisections
        for i in range(len(starts)):
            if ends[i] <= pos:
                start = ends[i]
            elif starts[i] >= pos:
                return start, starts[i]
        return start, len(self._sentence)


def clause_bounds(sentence: str, pos: int) -> tuple[int, int]:
    """The clause (between ', ', ';', ': ', dashes) around sentence position pos."""
    start = 0
    end = len(sentence)
    for m in _CLAUSE.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end
