"""Sentences and clauses: where each sentence of a document starts and ends, and its clauses.

Paragraphs are runs of lines; a line that a layout wrapped (as PDFs, e-mails and plain-text
releases do: "1.1 percentage" / "points higher") joins the next one, so a phrase broken by a
line break reads as one sentence. A headline, a table row or a bullet stays a line of its
own. Sentences end at a stop (. ! ? and their CJK forms) that is followed by white space and
a word that can begin a sentence, and not after an abbreviation or an initial. Clauses are
separated by "; ", ": ", ", " and spaced dashes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

MAX_SENTENCE: Final = 4000  # longer runs without a boundary are cut at whitespace

_BOUNDARY: Final = re.compile(r"[.!?。！？]+[\"”’')\]]*(?=\s|$)|[。！？]")
_BULLET: Final = re.compile(r"\s*(?:[•●▪◆■\-*–·]|\d{1,2}[.)]\s|\(\d{1,2}\)|[a-z][.)]\s)")
# what may begin a sentence after a stop: a capital, a digit, an opening quote or bracket,
# or any character outside ASCII
_SENTENCE_START: Final = re.compile(r"\s*(?:[A-Z0-9\"'(\[]|[^\x00-\x7f])")
_WORD_BEFORE_STOP: Final = re.compile(r"[A-Za-z.]+\Z|[^\W\d_]+\Z")
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


# a line ends its sentence when it ends with one of these (or is short: a headline)
_LINE_END: Final = re.compile(r"[.!?:;。！？：；\"”’)\]]\s*$")
_CONTINUATION: Final = re.compile(r"\s*[a-z0-9%(]")
_LONG_LINE: Final = (
    50  # a wrapped line is this long at least; shorter unfinished ones are headlines
)


class Sentence:
    """Offsets of one sentence in its text."""

    __slots__ = ("bullet", "end", "paragraph", "start")

    def __init__(self, start: int, end: int, paragraph: int, bullet: bool) -> None:
        self.start = start
        self.end = end
        self.paragraph = paragraph  # index of the paragraph group (bullets join the one before)
        self.bullet = bullet


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line, white space stripped."""
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            yield start, end


def _is_bullet(text: str, start: int, end: int) -> bool:
    return _BULLET.match(text, start, min(end, start + 8)) is not None


def _wraps(text: str, prev: tuple[int, int], line: tuple[int, int]) -> bool:
    """Whether `line` continues `prev`, a line the layout broke in mid-sentence."""
    ps, pe = prev
    ls, le = line
    if text.count("\n", pe, ls) != 1:  # a blank line ends a paragraph
        return False
    if _is_bullet(text, ls, le) or _LINE_END.search(text, ps, pe):
        return False
    return _CONTINUATION.match(text, ls, le) is not None or pe - ps >= _LONG_LINE


def _paragraphs(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is a bullet) of each paragraph: a line, with the lines it wraps into."""
    current: tuple[int, int] | None = None
    last: tuple[int, int] | None = None
    for line in _lines(text):
        if current is not None and last is not None and _wraps(text, last, line):
            current = (current[0], line[1])
        else:
            if current is not None:
                yield current[0], current[1], _is_bullet(text, *current)
            current = line
        last = line
    if current is not None:
        yield current[0], current[1], _is_bullet(text, *current)


def _is_boundary(text: str, pstart: int, stop: re.Match[str], pend: int) -> bool:
    """Whether a stop ends the sentence: not before a lower-case word, nor after an
    abbreviation or an initial."""
    k = stop.end()
    if text[k:pend].strip() == "":
        return True
    if text[stop.start()] in "。！？":
        return True
    if not _SENTENCE_START.match(text, k, pend):
        return False
    if text[stop.start()] == ".":
        word = _WORD_BEFORE_STOP.search(text, pstart, stop.start())
        if word is not None:
            w = word.group(0).lower()
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                return False
    return True


def iter_sentences(text: str) -> Iterator[Sentence]:
    """The sentences of each paragraph, split at the stops `_is_boundary` accepts; runs longer
    than MAX_SENTENCE are cut at white space."""
    group = -1
    for pstart, pend, bullet in _paragraphs(text):
        if not bullet or group < 0:
            group += 1
        s = pstart
        for stop in _BOUNDARY.finditer(text, pstart, pend):
            if stop.start() < s or not _is_boundary(text, pstart, stop, pend):
                continue
            yield from _cut(text, s, stop.end(), group, bullet)
            s = _skip_space(text, stop.end(), pend)
        if s < pend:
            yield from _cut(text, s, pend, group, bullet)


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i


def _cut(text: str, s: int, e: int, group: int, bullet: bool) -> Iterator[Sentence]:
    """The sentence text[s:e], cut at white space into pieces of at most MAX_SENTENCE."""
    while e - s > MAX_SENTENCE:
        cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        if cut <= s:
            cut = s + MAX_SENTENCE
        yield Sentence(s, cut, group, bullet)
        s = _skip_space(text, cut, e)
    if e > s:
        yield Sentence(s, e, group, bullet)


_CLAUSE: Final = re.compile(r";|:\s|,\s|\s[—–-]{1,2}\s|—")


class Clauses:
    """The clause separators of one sentence, found once; `bounds(pos)` as `clause_bounds`."""

    __slots__ = ("_seps", "_sentence")

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        self._seps: list[tuple[int, int]] | None = None  # found on first use

    def bounds(self, pos: int) -> tuple[int, int]:
        if self._seps is None:
            self._seps = [m.span() for m in _CLAUSE.finditer(self._sentence)]
        start = 0
        for a, b in self._seps:
            if b <= pos:
                start = b
            elif a >= pos:
                return start, a
        return start, len(self._sentence)

    def spans(self) -> list[tuple[int, int]]:
        """Every clause of the sentence, in order, as (start, end)."""
        if self._seps is None:
            self._seps = [m.span() for m in _CLAUSE.finditer(self._sentence)]
        starts = [0, *(b for _a, b in self._seps)]
        ends = [*(a for a, _b in self._seps), len(self._sentence)]
        return list(zip(starts, ends, strict=True))


def clause_bounds(sentence: str, pos: int) -> tuple[int, int]:
    """The clause (between ', ', ';', ': ', dashes) around sentence position pos."""
    return Clauses(sentence).bounds(pos)
