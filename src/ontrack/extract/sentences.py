"""Paragraphs and sentences with offsets, without building large intermediate lists."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

MAX_SENTENCE = 4000  # longer runs without a boundary are cut at whitespace

_BOUNDARY = re.compile(r"[.!?。！？]+[\"”’')\]]*(?=\s|$)|[。！？]")
_BULLET = re.compile(r"\s*(?:[•●▪◆■\-*–·]|\d{1,2}[.)]\s|\(\d{1,2}\)|[a-z][.)]\s)")
_ABBREV = {
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
}


class Sentence:
    """Offsets of one sentence in its text. A plain class, not a NamedTuple: compiled, it is
    made without calling the NamedTuple's interpreted __new__."""

    __slots__ = ("bullet", "end", "paragraph", "start")

    def __init__(self, start: int, end: int, paragraph: int, bullet: bool) -> None:
        self.start = start
        self.end = end
        self.paragraph = paragraph  # index of the paragraph group (bullets join the one before)
        self.bullet = bullet


_LINE = re.compile(r"[^\n]+")


def iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line; a line is a paragraph in press texts."""
    for m in _LINE.finditer(text):
        line = m.group()
        body = line.lstrip()
        if body:
            yield m.end() - len(body), m.start() + len(line.rstrip())


def _is_boundary(text: str, pstart: int, dot_start: int, dot_end: int, pend: int) -> bool:
    k = dot_end
    while k < pend and text[k].isspace():
        k += 1
    if k >= pend:
        return True
    nxt = text[k]
    if text[dot_start] in "。！？":
        return True
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'(•●[" or not nxt.isascii()):
        return False
    if text[dot_start] == ".":
        w = dot_start
        while w > pstart and (text[w - 1].isalpha() or text[w - 1] == "."):
            w -= 1
        word = text[w:dot_start].lower()
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            return False
    return True


_STOP_CHARS = ".!?。！？"  # the characters a _BOUNDARY match starts with


def _boundaries(text: str, pos: int, end: int) -> Iterator[re.Match[str]]:
    """_BOUNDARY.finditer(text, pos, end), trying the pattern only where a stop character is.
    Each stop character is found with str.find (a memchr), which is much faster than scanning
    with the pattern or with a character class; `found` holds each one's next offset."""
    found = [text.find(c, pos, end) for c in _STOP_CHARS]
    while True:
        at = -1
        for p in found:
            if p >= 0 and (at < 0 or p < at):
                at = p
        if at < 0:
            return
        m = _BOUNDARY.match(text, at, end)
        pos = at + 1 if m is None else m.end()
        for i in range(len(found)):
            if 0 <= found[i] < pos:
                found[i] = text.find(_STOP_CHARS[i], pos, end)
        if m is not None:
            yield m


def iter_sentences(text: str) -> Iterator[Sentence]:
    group = -1
    for pstart, pend in iter_paragraphs(text):
        bullet = bool(_BULLET.match(text, pstart, min(pend, pstart + 8)))
        if not bullet or group < 0:
            group += 1
        s = pstart
        boundaries = _boundaries(text, pstart, pend)
        while s < pend:
            e = pend  # the end of the next sentence: its boundary, else the paragraph's end
            for m in boundaries:
                if _is_boundary(text, pstart, m.start(), m.end(), pend):
                    e = m.end()
                    break
            while e - s > MAX_SENTENCE:
                cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
                if cut <= s:
                    cut = s + MAX_SENTENCE
                yield Sentence(s, cut, group, bullet)
                s = cut
                while s < e and text[s].isspace():
                    s += 1
            if e > s:
                yield Sentence(s, e, group, bullet)
            s = e
            while s < pend and text[s].isspace():
                s += 1


_CLAUSE = re.compile(r";|:\s|,\s|\s[—–-]{1,2}\s|—")
# The same separators found from their punctuation: spaces are too common to stop at, so a
# spaced dash is found at its first dash and then given the space before it (_clause_spans).
_CLAUSE_PUNCT = re.compile(r"[;:,—–-](?:(?<=;)|(?<=[:,])\s|(?P<dash>(?<=[—–-])[—–-]?\s)|(?<=—))")


def _clause_spans(sentence: str) -> list[tuple[int, int]]:
    """The spans `_CLAUSE.finditer` gives (leftmost, non-overlapping), found faster."""
    out: list[tuple[int, int]] = []
    last = pos = 0
    search = _CLAUSE_PUNCT.search
    while (m := search(sentence, pos)) is not None:
        a, b = m.span()
        if m.group("dash") is not None:
            if a > last and sentence[a - 1].isspace():
                a -= 1  # " - ", " -- ", " — ": the space before belongs to the separator
            elif sentence[a] == "—":
                b = a + 1  # no free space before: the em dash alone separates
            else:
                pos = a + 1  # a hyphen without a space before it is no separator
                continue
        out.append((a, b))
        last = pos = b
    return out


class Clauses:
    """The clause separators of one sentence, found once; `bounds(pos)` as `clause_bounds`."""

    __slots__ = ("_ends", "_sentence", "_starts")

    def __init__(self, sentence: str) -> None:
        self._sentence = sentence
        self._starts: list[int] | None = None  # found on first use
        self._ends: list[int] = []

    def bounds(self, pos: int) -> tuple[int, int]:
        if self._starts is None:
            spans = _clause_spans(self._sentence)
            self._starts = [a for a, _b in spans]
            self._ends = [b for _a, b in spans]
        i = bisect_right(self._ends, pos)
        j = bisect_left(self._starts, pos)
        return (self._ends[i - 1] if i else 0), (
            self._starts[j] if j < len(self._starts) else len(self._sentence)
        )


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
