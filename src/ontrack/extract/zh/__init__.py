"""The Chinese front end of the extractor (simplified Chinese plans, reports, communiqués).

`iter_statements_zh(doc)` yields the same `Statement` records as the English engine;
`detect_language(text)` tells which front end a text needs. `ontrack.extract` dispatches.
"""

from __future__ import annotations

from .pipeline import iter_statements_zh
from .text import detect_language

__all__ = ["detect_language", "iter_statements_zh"]
