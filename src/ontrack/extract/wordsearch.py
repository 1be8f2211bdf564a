"""Fast case-insensitive word search: lower-cased text, trie-shaped alternations, and
finding a pattern only at the positions of the words its matches can start with."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any


# Character tests by code point: compiled, ord(s[i]) is a plain array read, several times
# cheaper than a one-character string and a method call.
def is_space_at(s: str, i: int) -> bool:
    """s[i] matches `\\s` (str.isspace: ASCII 9-13, 28-32, and Unicode spaces)."""
    c = ord(s[i])
    if c < 128:
        return c == 32 or 9 <= c <= 13 or 28 <= c <= 31
    return s[i].isspace()


def is_digit_at(s: str, i: int) -> bool:
    """s[i] matches `\\d` (str.isdecimal: any Unicode decimal digit)."""
    c = ord(s[i])
    if c < 128:
        return 48 <= c <= 57
    return s[i].isdecimal()


def ascii_letters_end(s: str, i: int, n: int) -> int:
    """The end of the run of ASCII letters at i."""
    while i < n:
        c = ord(s[i])
        if 97 <= c <= 122 or 65 <= c <= 90:
            i += 1
        else:
            break
    return i


def digits_end(s: str, i: int, n: int) -> int:
    """The end of the run of decimal digits (`\\d`) at i."""
    while i < n and is_digit_at(s, i):
        i += 1
    return i


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


def after_gap(body: str) -> re.Pattern[str]:
    """`body` after a character that is not an ASCII word character: searching for it, the
    engine stops only at spaces and punctuation (a character-set scan), instead of at every
    letter a word starts with; most sentences have many such letters and few gaps."""
    return re.compile(f"[^a-z0-9_](?:{body})")


def at_word_start(pattern: re.Pattern[str], gapped: re.Pattern[str], low: str) -> bool:
    """Whether `pattern`, whose matches are ASCII letters only, matches at a word start of
    lower-cased text (the start, or after a character that is neither alphanumeric nor "_");
    `gapped` is `after_gap(pattern.pattern)`. A match found after a gap hides no other
    word start: its letters are word characters."""
    if pattern.match(low) is not None:
        return True
    for m in gapped.finditer(low):  # noqa: SIM110 (a plain loop: cheaper compiled)
        if not low[m.start()].isalnum():  # a non-ASCII letter before: no word start
            return True
    return False


class WordStartSearch:
    """`finditer`/`search` of a case-insensitive pattern whose every match starts at a word
    (after a word boundary) with one of a few known words, trying only those words' positions.

    exact: first words that end at a non-word character; prefixes: first letters of words with
    any ending ("exceed" for "exceeded"); keys: lower-case strings one of which every match
    contains, so text without any of them is not scanned (none: always scan)."""

    def __init__(
        self,
        pattern: re.Pattern[str],
        exact: set[str],
        prefixes: set[str] | None = None,
        keys: tuple[str, ...] = (),
    ) -> None:
        self.pattern = pattern
        self.keys = keys
        # only where a candidate starts matters, so one trie serves both kinds of words (a
        # prefix needs no ending and wins over the same exact word)
        endings = {w: r"(?!\w)" for w in exact}
        endings.update((p, "") for p in prefixes or ())
        trie = trie_with_endings(endings)
        self._cand = re.compile(trie)
        # a candidate after a word start is found from the character before it: a character
        # that is not an ASCII word character (the lower-cased text has no capitals). The
        # engine then stops only at spaces and punctuation, and tries the trie only there,
        # instead of at every letter the candidates start with
        self._after_gap = re.compile(f"[^a-z0-9_](?={trie})")

    def finditer(self, text: str) -> list[re.Match[str]]:
        return self.finditer_low(text, safe_lower(text))

    def finditer_low(self, text: str, low: str | None) -> list[re.Match[str]]:
        """finditer(text) for a caller that has `low = safe_lower(text)` already."""
        return self._matches(text, low, 0, len(text), False)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.search_low(text, safe_lower(text), pos, endpos)

    def search_low(
        self, text: str, low: str | None, pos: int = 0, endpos: int | None = None
    ) -> re.Match[str] | None:
        """search(text, pos, endpos) for a caller that has `low = safe_lower(text)` already."""
        # offsets out of range are clamped as the re module clamps them
        n = len(text)
        end = n if endpos is None else max(0, min(endpos, n))
        found = self._matches(text, low, max(0, min(pos, n)), end, True)
        return found[0] if found else None

    def _matches(
        self, text: str, low: str | None, pos: int, end: int, first_only: bool
    ) -> list[re.Match[str]]:
        """The matches in text[pos:end] as `pattern` finds them with pos and endpos."""
        if low is None:
            if first_only:
                m = self.pattern.search(text, pos, end)
                return [] if m is None else [m]
            return list(self.pattern.finditer(text, pos, end))
        out: list[re.Match[str]] = []
        if self.keys and not contains_any(low, self.keys):
            return out
        match = self.pattern.match
        at = pos  # candidates before `at` are inside the last match: skipped
        for p in self._word_starts(low, pos, end):
            if p < at:
                continue
            m = match(text, p, end)
            if m is not None:
                out.append(m)
                if first_only:
                    return out
                at = m.end()
        return out

    def _word_starts(self, low: str, pos: int, end: int) -> Iterator[int]:
        """The offsets in low[pos:end], in order, where a word starts with a candidate."""
        if (pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] == "_")) and (
            self._cand.match(low, pos, end) is not None
        ):
            yield pos
        for c in self._after_gap.finditer(low, pos, end):
            p = c.end()
            if not low[p - 1].isalnum():  # after a non-ASCII letter: no word start
                yield p


def contains_any(text: str, keys: tuple[str, ...]) -> bool:
    """Whether any key occurs in text."""
    # a plain loop: mypyc compiles it to direct substring tests, cheaper than any() over a
    # generator and much cheaper than any(map(...)) (the generic iterator protocol per key)
    for k in keys:  # noqa: SIM110
        if k in text:
            return True
    return False


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
        if low is not None and not contains_any(low, self.keys):
            return None
        return self.pattern.search(text, pos, end)


__all__ = [
    "Gated",
    "WordStartSearch",
    "after_gap",
    "ascii_letters_end",
    "at_word_start",
    "contains_any",
    "digits_end",
    "expand_optional",
    "is_digit_at",
    "is_space_at",
    "safe_lower",
    "trie_pattern",
    "trie_with_endings",
]
