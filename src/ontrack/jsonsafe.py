"""Strict JSON and safe CSV cells for everything ontrack writes out.

`json.dumps` writes `Infinity` and `NaN` for non-finite floats, which no JSON parser in a
browser accepts: one such value (from an older store, or a computation that overflowed)
would break a whole API answer. `strict_json` writes them as null. `safe_cell` keeps a
spreadsheet from running a text cell as a formula (`=HYPERLINK(...)`), as OWASP advises.
"""

from __future__ import annotations

import json
import math
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def finite_or_none(data: Any) -> Any:
    """`data` with every non-finite float replaced by None (dicts, lists, tuples walked)."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: finite_or_none(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [finite_or_none(v) for v in data]
    return data


def strict_json(data: Any, *, indent: int | None = None) -> str:
    """JSON text that every parser accepts: no NaN or Infinity tokens (they become null)."""
    try:
        return json.dumps(data, ensure_ascii=False, default=str, indent=indent, allow_nan=False)
    except ValueError:  # a non-finite float somewhere: the slow path, only then
        return json.dumps(
            finite_or_none(data), ensure_ascii=False, default=str, indent=indent, allow_nan=False
        )


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading formula character gets a quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


__all__ = ["FORMULA_STARTS", "finite_or_none", "safe_cell", "strict_json"]
