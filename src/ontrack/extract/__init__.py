"""Text extraction: targets, results, comparisons and qualitative goals from press texts.

    from ontrack.extract import read_document, extract_document, extract_path

    doc = read_document("briefing.md", date=None, region=None)   # txt/md/html/pdf
    statements = extract_document(doc)                             # sorted by start
    for doc, statements in extract_path("folder/"):                # a file or a folder
        ...

Offsets: `Statement.start/end` index `Document.text`, which is the body of the file (for a
text file with front matter, everything after the closing `---` line), so
`doc.text[st.start:st.end] == st.quote` for every statement.

The extractor is rule based (a token scanner plus linear regular expressions); it needs no
model and no network. `iter_statements(doc)` is the streaming form for very long texts.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..errors import ExtractionError, InputFileError
from ..model import Document, Statement
from .engine import iter_statements as _iter_raw
from .reader import SUPPORTED_SUFFIXES, iter_files, read_document, split_front_matter
from .regions import set_region_names

__all__ = [
    "SUPPORTED_SUFFIXES",
    "extract_document",
    "extract_path",
    "extract_text",
    "iter_documents",
    "iter_statements",
    "read_document",
    "set_region_names",
    "split_front_matter",
]


INDICATOR_THRESHOLD = 0.6  # the catalog match a phrase needs to get an indicator id


def _indicator_resolver() -> Callable[[str], str | None]:
    """Phrase -> catalog indicator id (best match scoring >= INDICATOR_THRESHOLD), cached."""
    try:
        from ..catalog import default_catalog
    except ImportError:  # pragma: no cover - the catalog ships with the package
        return lambda phrase: None
    catalog = default_catalog()
    cache: dict[str, str | None] = {}

    def resolve(phrase: str) -> str | None:
        if phrase not in cache:
            best = catalog.match_indicators(phrase, limit=1)
            cache[phrase] = best[0][0].id if best and best[0][1] >= INDICATOR_THRESHOLD else None
        return cache[phrase]

    return resolve


_resolve_indicator: Callable[[str], str | None] | None = None


@functools.cache
def _builtin_indicator_ids() -> frozenset[str]:
    from ..catalog import default_catalog

    return frozenset(ind.id for ind in default_catalog().indicators())


def _known_indicator(indicator_id: str) -> bool:
    # the built-in ids once: a catalog copy per statement was most of the extraction time
    return indicator_id in _builtin_indicator_ids()


def iter_statements(doc: Document, *, lang: str | None = None) -> Iterator[Statement]:
    """Statements of a document as they are found, each with the catalog indicator id of its
    phrase when one matches (linking to a region's series comes later, in assess).

    `lang` ("en" or "zh") picks the front end; by default the document's language."""
    global _resolve_indicator
    if _resolve_indicator is None:
        _resolve_indicator = _indicator_resolver()
    language = lang or doc.language
    if language == "zh":
        from .zh import iter_statements_zh

        return _sane_statements(iter_statements_zh(doc, _resolve_indicator))
    if language != "en":
        raise ExtractionError(f"no extractor for language {language!r}; use 'en' or 'zh'")
    return _sane_statements(_iter_raw(doc, _resolve_indicator, _known_indicator))


_MAX_ABS_VALUE = 1e300  # beyond this a "figure" in a text is noise, and arithmetic overflows


def _finite(value: float | None) -> bool:
    return value is None or (math.isfinite(value) and abs(value) <= _MAX_ABS_VALUE)


def _sane_statements(statements: Iterator[Statement]) -> Iterator[Statement]:
    """Only what the store and the assessors can use: finite values, periods that parse
    (a text dated 9999-12-31 saying "next year" gives no period rather than year 10000)."""
    from ..errors import PeriodError
    from ..periods import parse_period

    valid: dict[str, bool] = {}

    def ok(period: str | None) -> bool:
        if period is None:
            return True
        if period not in valid:
            try:
                parse_period(period)
                valid[period] = True
            except (PeriodError, OverflowError, ValueError):
                valid[period] = False
        return valid[period]

    for st in statements:
        if not (_finite(st.value) and _finite(st.baseline_value)):
            continue
        if not ok(st.period):
            st = dataclasses.replace(st, period=None)
        if not ok(st.baseline_period):
            st = dataclasses.replace(st, baseline_period=None)
        yield st


def extract_document(doc: Document, *, lang: str | None = None) -> list[Statement]:
    """All statements of a document, sorted by start offset, each with document_id=doc.id."""
    out = list(iter_statements(doc, lang=lang))
    out.sort(key=lambda st: (st.start, st.end))
    return out


def extract_text(
    text: str,
    *,
    date: date | None = None,
    region: str | None = None,
    title: str = "",
    lang: str | None = None,
) -> list[Statement]:
    """Convenience for tests and notebooks: extract from a string (no front matter parsing).
    The language is detected unless `lang` is given."""
    from .regions import main_region, resolve_region
    from .zh import detect_language

    language = lang or detect_language(text)
    region_id = resolve_region(region) if region else None
    if region_id is None and language == "en":
        region_id = main_region(title, text)
    elif region_id is None:
        from .zh.indicators import main_region_zh

        region_id = main_region_zh(title, text)
    doc = Document(text=text, title=title, date=date, region_id=region_id, language=language)
    return extract_document(doc)


def iter_documents(
    path: str | Path,
    *,
    date: date | None = None,
    region: str | None = None,
    lang: str | None = None,
) -> Iterator[Document]:
    """Documents of a file, or of every supported file in a folder (`lang` overrides the
    detected language)."""
    p = Path(path)
    files = list(iter_files(p))
    if p.is_dir() and not files:
        raise InputFileError(
            p, f"the folder has no supported files ({', '.join(sorted(SUPPORTED_SUFFIXES))})"
        )
    for f in files:
        doc = read_document(f, date=date, region=region)
        yield doc if lang is None or lang == doc.language else replace(doc, language=lang)


def extract_path(
    path: str | Path,
    *,
    date: date | None = None,
    region: str | None = None,
    lang: str | None = None,
) -> list[tuple[Document, list[Statement]]]:
    """Read and extract a file or every supported file in a folder."""
    docs = iter_documents(path, date=date, region=region, lang=lang)
    return [(doc, extract_document(doc)) for doc in docs]


# re-exported so callers can catch extraction problems without importing ontrack.errors
ExtractionError = ExtractionError
InputFileError = InputFileError
