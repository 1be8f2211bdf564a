"""Search across regions, statements, documents and series, ranked.

Each thing is a record of weighted fields: its own words (a statement's quote, a series'
indicator name) weigh most, the names and aliases of its region and indicator (Chinese
names included, from the catalog) less. A query is cut into terms: a run of Chinese
characters is matched as a substring (Chinese has no spaces between words); a Latin word
matches a word of the field exactly (3 points), by its stem ("shares" ~ "share", 2) or
as its beginning ("liaon" ~ "liaoning", 1), times the field's weight. Records matching
every term rank first, then by score; a record matching only some terms is shown only
when none matches all. The whole query found as a phrase adds a bonus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

_WORD = re.compile(r"[a-z0-9]+(?:[.'’][a-z0-9]+)*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_SUFFIXES = ("ational", "ations", "ation", "ies", "ing", "ed", "es", "ly", "s")
KIND_ORDER = {"region": 0, "series": 1, "statement": 2, "document": 3}
PHRASE_BONUS = 2.0
MIN_PREFIX = 3
# Words that match nearly everything; dropped from a query that has other words.
STOPWORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to"]
)


def stem(word: str) -> str:
    """A light English stemmer: plural, -ing, -ed, -ly and -ation endings removed, twice
    at most ("briefings" -> "briefing" -> "brief")."""
    once = _strip(word)
    return _strip(once) if once != word else once


def _strip(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                base = word[:-1]  # "shares" -> "share", but "taxes" -> "tax"
            return base + "y" if suffix == "ies" else base
    return word


def query_terms(query: str) -> list[str]:
    """Latin words (lowercased) and runs of Chinese characters, in order."""
    text = query.casefold()
    terms = _CJK.findall(text)
    terms += _WORD.findall(_CJK.sub(" ", text).replace("_", " ").replace("-", " "))
    kept = [t for t in terms if t not in STOPWORDS] or terms
    return list(dict.fromkeys(t for t in kept if t))


@dataclass
class Record:
    kind: str  # region | statement | document | series
    id: Any
    title: str
    snippet: str = ""
    region: str | None = None
    fields: list[tuple[str, float]] = field(default_factory=list)  # (text, weight)
    _words: list[tuple[set[str], set[str], float, str]] = field(default_factory=list)

    def prepare(self) -> None:
        if self._words:
            return
        for text, weight in self.fields:
            low = text.casefold().replace("_", " ").replace("-", " ")
            words = set(_WORD.findall(low))
            self._words.append((words, {stem(w) for w in words}, weight, low))

    def score(self, terms: list[str], phrase: str) -> tuple[int, float]:
        matched, total = 0, 0.0
        for term in terms:
            best = 0.0
            cjk = bool(_CJK.fullmatch(term))
            s = stem(term)
            for words, stems, weight, low in self._words:
                if cjk:
                    points = 3.0 if term in low else 0.0
                elif term in words:
                    points = 3.0
                elif s in stems:
                    points = 2.0
                elif len(term) >= MIN_PREFIX and any(w.startswith(term) for w in words):
                    points = 1.0
                else:
                    points = 0.0
                best = max(best, points * weight)
            if best:
                matched += 1
                total += best
        if matched and len(terms) > 1 and any(phrase in low for *_, low in self._words):
            total += PHRASE_BONUS
        return matched, total


def records(store: Store) -> list[Record]:
    """Everything searchable in the store, with its fields (read whole; search uses the
    index in ontrack.searchindex and reads only the candidates)."""
    from .searchindex import build_records

    with store.engine.connect() as conn:
        return build_records(conn, store.catalog)


def rank(items: Iterable[Record], query: str, *, limit: int = 100) -> list[dict[str, Any]]:
    """The records matching `query`, best first, as dicts with their score."""
    terms = query_terms(query)
    if not terms:
        return []
    phrase = " ".join(_WORD.findall(query.casefold().replace("_", " ").replace("-", " ")))
    phrase = phrase or query.strip().casefold()
    scored = []
    for r in items:
        matched, score = r.score(terms, phrase)
        if matched:
            scored.append((matched, score, r))
    if not scored:
        return []
    best = max(m for m, _, _ in scored)
    kept = [x for x in scored if x[0] == best]
    kept.sort(key=lambda x: (-x[1], KIND_ORDER[x[2].kind], str(x[2].id)))
    return [
        {
            "kind": r.kind,
            "id": r.id,
            "title": r.title,
            "snippet": r.snippet,
            "region": r.region,
            "score": round(score, 2),
            "matched_terms": matched,
            "terms": len(terms),
        }
        for matched, score, r in kept[:limit]
    ]


def search(store: Store, query: str, *, limit: int | None = 100) -> list[dict[str, Any]]:
    """Ranked results for `query` over the whole store: the index gives the candidates
    in one query; a store whose index is out of date and cannot be written (read-only)
    is searched whole."""
    from .searchindex import candidates, is_current, rebuild

    if not query_terms(query):
        return []
    if not getattr(store, "_search_index_ok", False):
        with store.engine.connect() as conn:
            ok = is_current(conn)
        if not ok and not store.read_only:
            with store.engine.begin() as conn:
                store._lock_writes(conn)
                if not is_current(conn):
                    rebuild(conn)
            ok = True
        store._search_index_ok = ok
    if not store._search_index_ok:
        items = records(store)
    else:
        with store.engine.connect() as conn:
            items = candidates(conn, query)
    return rank(items, query, limit=len(items) if limit is None else limit)


__all__ = ["query_terms", "rank", "records", "search", "stem"]
