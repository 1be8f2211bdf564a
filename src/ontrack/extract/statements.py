"""Statements from the engine's fields, and the rounding of their numbers and confidences."""

from __future__ import annotations

from ..model import Comparator, Statement, StatementKind, ValueType


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
    """A Statement with these fields (its baseline value and id are set later, if ever)."""
    return Statement(
        kind=kind,
        quote=quote,
        start=start,
        end=end,
        indicator=indicator,
        value=value,
        unit=unit,
        comparator=comparator,
        period=period,
        baseline_period=baseline_period,
        value_type=value_type,
        indicator_id=indicator_id,
        region_id=region_id,
        confidence=confidence,
        document_id=document_id,
    )


def clamp_confidence(c: float) -> float:
    """A confidence kept within 0.05-1.0, to two decimals."""
    return round(max(0.05, min(1.0, c)), 2)


def round_value(v: float) -> float:
    """v rounded to 12 significant digits (drops float noise such as 0.30000000000000004)."""
    return float(f"{v:.12g}")
