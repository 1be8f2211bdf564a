"""A statement in words for people: a plan-table row reads as a sentence, not its CSV line.

Targets imported from a plan table (`ontrack targets import`) are stored with the table's
row as their quote, so the row can always be found again. Every page that shows such a
statement (scorecard, series page, search results, headings) shows `statement_words`
instead: "Real GDP growth (annual) about 6 percent in 2015, Liaoning government work
report (annual)".
"""

from __future__ import annotations

import csv

from ..catalog import Catalog, humanise_id
from ..ingest.targets import TABLE_TITLE
from ..model import Statement
from .progress import _fmt
from .story import comparator_words


def is_table_row(document_title: str | None) -> bool:
    """Whether a statement's document is a plan table (its quote a CSV line)."""
    return bool(document_title) and str(document_title).startswith(TABLE_TITLE)


def statement_words(s: Statement, document_title: str | None, catalog: Catalog) -> str:
    """The statement as a reader should see it: its quote, or a plan-table row in words."""
    if not is_table_row(document_title):
        return s.quote
    known = catalog.find_indicator(s.indicator_id or s.indicator)
    name = known.name if known else humanise_id(s.indicator)
    figure = " ".join(
        x
        for x in (
            comparator_words(str(s.comparator or "")),
            _fmt(s.value) if s.value is not None else "",
            s.unit or "",
        )
        if x
    )
    plan = next(csv.reader([s.quote]), [""])[0]
    when = f"in {s.period}" if s.period and s.period.isdigit() else f"by {s.period}"
    words = f"{name} {figure} {when}" if figure else name
    return words + (f", {plan}" if plan else "")
