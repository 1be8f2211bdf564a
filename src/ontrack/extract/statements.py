"""Statements built fast from the engine's fields, and the rounding of their numbers.

The engine makes a Statement per figure; the model's dataclass constructor is a large part of
that cost when interpreted, so it is bypassed here with the same result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Final

from ..model import Comparator, Statement, StatementKind, ValueType

# Statement is a frozen dataclass: its generated __init__ assigns each of its 17 fields
# through object.__setattr__, several microseconds per statement. Its slots' own
# descriptors make the same assignments at a fraction of the cost. They are listed in
# field order, checked here, so a field added to the model fails loudly at import.
_STATEMENT_FIELDS: Final = (
    "kind", "quote", "start", "end", "indicator", "value", "unit", "comparator", "period",
    "baseline_value", "baseline_period", "value_type", "indicator_id", "region_id",
    "confidence", "document_id", "id",
)  # fmt: skip
if tuple(f.name for f in fields(Statement)) != _STATEMENT_FIELDS:  # pragma: no cover
    raise ImportError("ontrack.extract.statements: update _STATEMENT_FIELDS to Statement's fields")
_STATEMENT_SETTERS: Final[tuple[Callable[[Statement, object], None], ...]] = tuple(
    getattr(Statement, name).__set__ for name in _STATEMENT_FIELDS
)


def make_statement(
    *,
    kind: StatementKind,
    quote: str,
    start: int,
    end: int,
    indicator: str,
    indicator_id: str | None = None,
    value: float | None = None,
    unit: str | None = None,
    comparator: Comparator | None = None,
    period: str | None,
    baseline_period: str | None = None,
    value_type: ValueType | None = None,
    region_id: str | None,
    confidence: float,
    document_id: str | None,
) -> Statement:
    """Statement(...) with these fields (baseline_value and id None), built faster."""
    st: Statement = object.__new__(Statement)
    # one call per field, in _STATEMENT_FIELDS order (a loop over zip() cost as much again)
    setter = _STATEMENT_SETTERS
    setter[0](st, kind)
    setter[1](st, quote)
    setter[2](st, start)
    setter[3](st, end)
    setter[4](st, indicator)
    setter[5](st, value)
    setter[6](st, unit)
    setter[7](st, comparator)
    setter[8](st, period)
    setter[9](st, None)  # baseline_value
    setter[10](st, baseline_period)
    setter[11](st, value_type)
    setter[12](st, indicator_id)
    setter[13](st, region_id)
    setter[14](st, confidence)
    setter[15](st, document_id)
    setter[16](st, None)  # id
    return st


_CONFIDENCES: Final[dict[float, float]] = {}


def clamp_confidence(c: float) -> float:
    """round(max(0.05, min(1.0, c)), 2), memoised: a handful of values recur."""
    r = _CONFIDENCES.get(c)
    if r is None:
        r = round(max(0.05, min(1.0, c)), 2)
        if len(_CONFIDENCES) < 1024:
            _CONFIDENCES[c] = r
    return r


def round_value(v: float) -> float:
    """v rounded to 12 significant digits (drops float noise such as 0.30000000000000004)."""
    if v.is_integer() and -1e12 < v < 1e12:
        return float(v)  # what the 12-digit rounding gives for a whole number below 1e12
    if len(repr(v)) <= 13:
        # a shortest repr of 13 characters has at most 12 digits, so v is already a
        # 12-digit decimal and rounds to itself (repr is several times cheaper than format)
        return float(v)
    return float(f"{v:.12g}")
