"""Fast case-insensitive word search: lower-cased text, trie-shaped alternations, and
finding a pattern only at the positions of the words its matches can start with."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any


def safe_lower(text: str) -> str | None:
    """text.lower() when searching it for lower-case ASCII words finds exactly what a
    case-insensitive pattern finds in text, at the same offsets; else None."""
    # The only characters that case-insensitive patterns equate with ASCII letters ("İ", "ı",
    # "ſ" and the Kelvin sign); U+0130 is also the only one whose lower case is longer. Four
    # substring tests are several times faster than one character-class search.
    if not text.isascii() and (
        "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text
    ):
        return None
    return text.lower()


def expand_optional(phrase: str) -> list[str]:
    """The plain phrases an alternative with optional letters spells ("aims? to" gives
    "aim to" and "aims to")."""
    out = [""]
    i = 0
    while i < len(phrase):
        ch = phrase[i]
        if i + 1 < len(phrase) and phrase[i + 1] == "?":
            out = [o + x for o in out for x in ("", ch)]
            i += 2
        else:
            out = [o + ch for o in out]
            i += 1
    return out


def trie_pattern(words: Iterable[str]) -> str:
    """One regular-expression alternation for many lower-case words, shaped as a trie so the
    engine tests a character or two per position instead of every word in turn."""
    return trie_with_endings(dict.fromkeys(words, ""))


def trie_with_endings(endings: dict[str, str]) -> str:
    """`trie_pattern` with each word followed by its own ending (a pattern such as a
    look-ahead, or "" for none). Every alternative of the result begins with a literal
    character, so the engine skips ahead by first character."""
    root: dict[str, Any] = {}
    for w, ending in endings.items():
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = ending

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if "" in node and node[""]:
            alts.append(node[""])
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node and not node[""]:  # the word may end here: the rest is optional
            return (body if len(alts) == 1 and len(alts[0]) == 1 else f"(?:{body})") + "?"
        return body

    return emit(root)


class WordStartSearch:
    """`finditer`/`search` of a case-insensitive pattern whose every match starts at a word
    (after a word boundary) with one of a few known words, trying only those words' positions.

    exact: first words that end at a non-word character; prefixes: first letters of words with
    any ending ("exceed" for "exceeded")."""

    def __init__(
        self, pattern: re.Pattern[str], exact: set[str], prefixes: set[str] | None = None
    ) -> None:
        self.pattern = pattern
        # only where a candidate starts matters, so one trie serves both kinds of words (a
        # prefix needs no ending and wins over the same exact word)
        endings = {w: r"(?!\w)" for w in exact}
        endings.update((p, "") for p in prefixes or ())
        self._cand = re.compile(trie_with_endings(endings))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.finditer_low(text, safe_lower(text))

    def finditer_low(self, text: str, low: str | None) -> Iterator[re.Match[str]]:
        """finditer(text) for a caller that has `low = safe_lower(text)` already."""
        if low is None:
            yield from self.pattern.finditer(text)
            return
        pos = 0
        search = self._cand.search
        while (c := search(low, pos)) is not None:
            p = c.start()
            pos = p + 1  # candidates may overlap ("qingxi[an all-time]"): look again from p + 1
            if p and (low[p - 1].isalnum() or low[p - 1] == "_"):
                continue
            m = self.pattern.match(text, p)
            if m:
                yield m
                pos = m.end()

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


class Gated:
    """`pattern.search` behind a cheap test: every match contains one of `keys` (lower case),
    so text without any of them is not searched at all."""

    __slots__ = ("keys", "pattern")

    def __init__(self, pattern: re.Pattern[str], keys: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.keys = keys

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        low = safe_lower(text[pos:end])
        if low is not None and not any(k in low for k in self.keys):
            return None
        return self.pattern.search(text, pos, end)


__all__ = [
    "Gated",
    "WordStartSearch",
    "expand_optional",
    "safe_lower",
    "trie_pattern",
    "trie_with_endings",
]
