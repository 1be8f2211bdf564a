"""Region detection for extraction, behind a name -> id mapping.

The mapping is `ontrack.catalog.default_catalog().text_names()` (the names and aliases of
every region that are safe to search for in running text); `set_region_names()` plugs in any
other mapping.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import Final

from ..catalog import Catalog, default_catalog

NATIONAL_ID: Final = "CN"

# Words that mean "the whole country" in Chinese government English.
NATIONAL_WORDS: Final = re.compile(
    r"\b(?:national(?:ly)?|nationwide|the country(?:'s|’s)?|the nation(?:'s|’s)?|"
    r"my country(?:'s|’s)?|China(?:'s|’s)?)\b"
)

_override: dict[str, str] | None = None


def set_region_names(mapping: Mapping[str, str] | None) -> None:
    """Use `mapping` (name or alias -> region id) instead of the catalog; None restores it."""
    global _override
    _override = {k.lower(): v for k, v in mapping.items()} if mapping is not None else None
    _matcher.cache_clear()
    _first_words.cache_clear()
    _RUN_CACHE.clear()


@lru_cache(maxsize=1)
def _catalog_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for name, region_id in default_catalog().text_names():
        names.setdefault(name.lower(), region_id)
    return names


def region_names() -> dict[str, str]:
    """The active name -> id mapping (lower-case names)."""
    return _override if _override is not None else _catalog_names()


@lru_cache(maxsize=4)
def _first_words(key: int = 0) -> tuple[frozenset[str], dict[str, str]]:
    """First words of every name (lower case), and the names without possessive endings."""
    _pattern, names = _matcher()
    return frozenset(n.split()[0] for n in names if n.split()), names


@lru_cache(maxsize=4)
def _matcher(key: int = 0) -> tuple[re.Pattern[str], dict[str, str]]:
    names = region_names()
    # Only names that read as names (capitalised words or CJK); longest first.
    usable = sorted(
        (n for n in names if len(n) >= 3 or re.search(r"[^\x00-\x7f]", n)), key=len, reverse=True
    )
    alternation = "|".join(re.escape(n) for n in usable) or r"(?!x)x"
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])", re.IGNORECASE), names


_CAP_RUN: Final = re.compile(r"[A-Z][\w'’.-]*(?:[ \t]+(?:of[ \t]+|the[ \t]+)?[A-Z][\w'’.-]*){0,4}")
_WORD: Final = re.compile(r"[A-Za-z][\w'’.-]*")
_CJK: Final = re.compile(r"[\u3400-\u9fff]")


def _strip_possessive(word: str) -> str:
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(".") else word


# region hits of a run of capitalised words, by the run's text: runs repeat ("The", "China's")
_RUN_CACHE: Final[dict[str, tuple[tuple[int, int, str], ...]]] = {}
_RUN_CACHE_MAX: Final = 20_000


def _run_regions(rt: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, region id) of the names in one capitalised run, offsets within the run."""
    firsts, names = _first_words()
    if " " in rt or "\t" in rt:
        words = [(m.start(), m.end()) for m in _WORD.finditer(rt)]
    else:
        words = [(0, len(rt))]  # one word: the run's characters are all word characters
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        hit = None
        first = rt[words[i][0] : words[i][1]].lower()
        if first not in firsts:
            first = _strip_possessive(first)
        for j in range(min(len(words), i + 5), i, -1) if first in firsts else ():
            s, e = words[i][0], words[j - 1][1]
            key = rt[s:e].lower()
            rid = names.get(key) or names.get(_strip_possessive(key))
            if rid and len(_strip_possessive(key)) <= 3 and not rt[s:e].isupper():
                rid = None  # "And", "Are": three-letter codes count only in capitals
            if rid:
                if key.endswith(("'s", "’s", ".")):
                    e -= 2 if key.endswith("s") else 1
                hit = (s, e, rid, j)
                break
        if hit:
            out.append(hit[:3])
            i = hit[3]
        else:
            i += 1
    return tuple(out)


def find_regions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, region id) of every region name in text (capitalised mentions only).

    Runs of capitalised words are looked up in the name table (longest sub-run first), which
    is much faster than one regular expression with hundreds of alternatives."""
    out: list[tuple[int, int, str]] = []
    cache = _RUN_CACHE
    for run in _CAP_RUN.finditer(text):
        rt = run.group(0)
        hits = cache.get(rt)
        if hits is None:
            if len(cache) >= _RUN_CACHE_MAX:
                cache.clear()
            hits = cache[rt] = _run_regions(rt)
        if hits:
            base = run.start()
            out.extend((base + s, base + e, rid) for s, e, rid in hits)
    if not text.isascii() and _CJK.search(text):
        names = _first_words()[1]
        pattern, _names = _matcher()
        for m in pattern.finditer(text):
            word = m.group(0)
            if not word.isascii():
                rid = names.get(word.lower())
                if rid:
                    out.append((m.start(), m.end(), rid))
        out.sort()
    return out


@lru_cache(maxsize=1)
def _catalog() -> Catalog:
    return default_catalog()


def resolve_region(name: str | None) -> str | None:
    """Region id for a name, alias or id ("Liaoning", "Liaoning Province", "CN-LN")."""
    if not name:
        return None
    name = name.strip()
    if re.fullmatch(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?", name):
        return name
    region = _catalog().find_region(name)
    if region is not None:
        return str(region.id)
    names = region_names()
    key = name.lower()
    if key in {"national", "the country", "nationwide", "the nation"}:
        return NATIONAL_ID
    if key in names:
        return names[key]
    simplified = re.sub(r"\b(?:province|autonomous region|municipality|city|sar)\b", "", key)
    simplified = re.sub(
        r"^(?:ne|nw|se|sw|north|south|east|west|northeast|northwest|southeast|"
        r"southwest|central)\s+china(?:'s|’s)?\s+",
        "",
        simplified,
    ).strip()
    if simplified in names:
        return names[simplified]
    found = find_regions(name)
    return found[-1][2] if found else name


def known_region_id(name: str) -> str | None:
    """The id of a region the catalog (or the active name mapping) knows, else None: unlike
    resolve_region, an unknown name is not passed through as if it were an id."""
    region_id = resolve_region(name)
    if region_id is None:
        return None
    if region_id == NATIONAL_ID or region_id in region_names().values():
        return region_id
    found = _catalog().find_region(region_id)
    return str(found.id) if found is not None else None


def main_region(title: str, body: str) -> str | None:
    """The region most mentioned in the title and first paragraph (provinces beat China)."""
    head = body[:1500]
    para_end = head.find("\n\n", 200)
    first = head if para_end < 0 else head[:para_end]
    counts: Counter[str] = Counter()
    for _s, _e, rid in find_regions(title):
        counts[rid] += 2
    for _s, _e, rid in find_regions(first):
        counts[rid] += 1
    if not counts:
        if NATIONAL_WORDS.search(title + " " + first):
            return NATIONAL_ID
        return None
    best = max(counts.values())
    leaders = [rid for rid, c in counts.items() if c == best]
    for rid in leaders:
        if rid != NATIONAL_ID:
            return rid
    return leaders[0]
