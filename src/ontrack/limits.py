"""Limits on what ontrack accepts, as settings: each has a default and an environment variable.

A limit protects the store and the server from input that is too large to be sensible
(a 100,000-character indicator name, a 2 GB upload). Every limit is checked where the
input arrives and refused with a message naming the file, line or field and the setting
to raise, so nothing partial is ever stored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from .errors import OntrackError


@dataclass(frozen=True)
class Limits:
    """Sizes in bytes or characters; read once per call of `limits()` from the environment."""

    document_bytes: int = 50 * 1024 * 1024  # ONTRACK_MAX_DOCUMENT_BYTES
    table_bytes: int = 2 * 1024 * 1024 * 1024  # ONTRACK_MAX_TABLE_BYTES
    rows_per_file: int = 5_000_000  # ONTRACK_MAX_ROWS_PER_FILE
    line_chars: int = 1_000_000  # ONTRACK_MAX_LINE_CHARS (one line of a data table)
    field_chars: int = 128  # ONTRACK_MAX_FIELD_CHARS (region, indicator, unit, vintage, period)
    text_field_chars: int = 10_000  # ONTRACK_MAX_TEXT_FIELD_CHARS (source, note)
    request_bytes: int = 10 * 1024 * 1024  # ONTRACK_MAX_REQUEST_BYTES (a request body)
    query_chars: int = 2_048  # ONTRACK_MAX_QUERY_CHARS (a URL's query string)
    front_matter_chars: int = 20_000  # ONTRACK_MAX_FRONT_MATTER_CHARS
    unit_chars: int = 1_000  # ONTRACK_MAX_UNIT_CHARS (unit text given to the unit parser)
    cache_bytes: int = 64 * 1024 * 1024  # ONTRACK_CACHE_BYTES (the web response cache)

    @staticmethod
    def variable(name: str) -> str:
        return "ONTRACK_MAX_" + name.upper() if name != "cache_bytes" else "ONTRACK_CACHE_BYTES"


def limits() -> Limits:
    """The limits in force: the defaults, each overridden by its environment variable."""
    values: dict[str, int] = {}
    for f in fields(Limits):
        var = Limits.variable(f.name)
        raw = os.environ.get(var)
        if raw is None or not raw.strip():
            continue
        try:
            number = int(raw.replace("_", ""))
        except ValueError:
            raise OntrackError(f"${var}={raw!r} is not a whole number") from None
        if number <= 0:
            raise OntrackError(f"${var}={raw!r} must be a positive number")
        values[f.name] = number
    return Limits(**values)


__all__ = ["Limits", "limits"]
