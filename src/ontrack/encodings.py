"""Guessing the code page of a text that is not UTF-8.

charset-normalizer guesses well on long texts but, on a short Western European table,
often picks a neighbouring single-byte code page (cp1250, mac_roman...) and turns "Köln"
into "K—ln". Windows-1252 is by far the most common single-byte encoding of such files,
so when the guess is a single-byte code page and Windows-1252 decodes the bytes into
Latin letters only, Windows-1252 wins.
"""

from __future__ import annotations

import unicodedata

_SINGLE_BYTE_PREFIXES = (
    "cp12",
    "cp8",
    "cp4",
    "cp7",
    "mac",
    "latin",
    "iso8859",
    "koi8",
    "windows",
    "ptcp",
    "hp",
    "tis",
)


def _latin_only(text: str) -> bool:
    for ch in set(text):
        if ch.isascii():
            continue
        if unicodedata.category(ch).startswith("C"):
            return False  # control characters: the bytes mean something else
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def prefer_windows_1252(data: bytes, guess: str | None) -> str | None:
    """`guess`, or "cp1252" where that is the likelier reading of `data` (see above)."""
    if guess is not None and not guess.lower().replace("-", "").replace("_", "").startswith(
        _SINGLE_BYTE_PREFIXES
    ):
        return guess
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return guess
    return "cp1252" if _latin_only(text) else guess


__all__ = ["prefer_windows_1252"]
