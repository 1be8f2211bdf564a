"""Reading Chinese text: language detection, width folding and segmentation.

Every function here keeps offsets: the folded text has the same length as the original, so a
span found in it is the same span in `Document.text` (quotes are always cut from the original).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

_CJK: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN: Final = re.compile(r"[A-Za-z]+")

# one character for one character, so offsets survive: full-width ASCII, the ideographic
# space and the ratio colon become their plain forms
_FOLD: Final = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x2236: 0x3A, 0xFE30: 0x3A, 0x2014: 0x2D, 0x2013: 0x2D, 0x2212: 0x2D})
# a page that stored the decimal point as the ideographic full stop ("6。4") or a middle dot
_CJK_DECIMAL: Final = re.compile(r"(?<=\d)[。·](?=\d)")


def chinese_share(text: str, sample: int = 4000) -> float:
    """Share of Chinese characters among the letters of the first `sample` characters."""
    head = text[:sample]
    cjk = len(_CJK.findall(head))
    latin = sum(len(w) for w in _LATIN.findall(head)) / 4  # four letters weigh as one hanzi
    return cjk / (cjk + latin) if cjk + latin else 0.0


def detect_language(text: str) -> str:
    """ "zh" when Chinese characters dominate the text (English terms inside are fine)."""
    return "zh" if chinese_share(text) >= 0.5 else "en"


def fold_text(text: str) -> str:
    """Full-width digits, letters and punctuation as ASCII, same length as `text`."""
    folded = text.translate(_FOLD)
    return _CJK_DECIMAL.sub(".", folded)


# sentence ends; a line break ends a sentence too (headings and list items stand alone)
_SENTENCE_END: Final = re.compile(r"[。！？!?；;\n]+|\.(?=\s|$)")
_CLAUSE_END: Final = re.compile(r"[,，:：]")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


def iter_sentences(folded: str) -> Iterator[Span]:
    """Sentences of the folded text, stripped of surrounding spaces, with their offsets."""
    pos = 0
    for m in _SENTENCE_END.finditer(folded):
        yield from _stripped(folded, pos, m.start())
        pos = m.end()
    yield from _stripped(folded, pos, len(folded))


def _stripped(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Span(start, end, text[start:end])


def clause_bounds(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the comma-separated clauses of a sentence, relative to it.

    A colon or comma between digits ("10.7:52.5", "1,200") does not separate clauses.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_END.finditer(sentence):
        i = m.start()
        if 0 < i < len(sentence) - 1 and sentence[i - 1].isdigit() and sentence[i + 1].isdigit():
            continue
        out.append((pos, i))
        pos = i + 1
    out.append((pos, len(sentence)))
    return [(a, b) for a, b in out if b > a]


def is_heading(sentence: Span, folded: str) -> bool:
    """A short line of its own with no sentence punctuation: a title or section heading."""
    line_start = folded.rfind("\n", 0, sentence.start) + 1
    line_end = folded.find("\n", sentence.end)
    line = folded[line_start : line_end if line_end >= 0 else len(folded)].strip()
    return line == sentence.text and len(line) <= 40 and not re.search(r"[。,，;；]", line)
