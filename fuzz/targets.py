"""Fuzz targets: each takes bytes and must either return or raise an OntrackError with a
message. Anything else (an IndexError, a polars SchemaError, an OverflowError...) is a bug.
Shared by the atheris harness (fuzz/run.py) and the hypothesis tests (tests/test_fuzz.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from ontrack.errors import OntrackError


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def period(data: bytes) -> None:
    from ontrack.periods import parse_period

    parse_period(_text(data))


def unit(data: bytes) -> None:
    from ontrack.units import parse_unit

    parse_unit(_text(data))


def _table(data: bytes, suffix: str) -> None:
    from ontrack.catalog import default_catalog
    from ontrack.ingest.readers import read_table
    from ontrack.ingest.validate import validate

    with tempfile.TemporaryDirectory(prefix="ontrack-fuzz-") as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        raw, _layout = read_table(path)
        validate(path, raw, default_catalog(), add_regions=False)


def table_csv(data: bytes) -> None:
    _table(data, ".csv")


def table_xlsx(data: bytes) -> None:
    _table(data, ".xlsx")


def front_matter(data: bytes) -> None:
    from ontrack.extract import split_front_matter

    split_front_matter(_text(data))


def document(data: bytes) -> None:
    from ontrack.extract import extract_text
    from ontrack.extract.reader import decode_bytes

    extract_text(decode_bytes(data))


def figure(data: bytes) -> None:
    """A fuzzed number (or anything) where the extractor expects a figure."""
    from ontrack.extract import extract_text

    extract_text(f"Liaoning's GDP grew {_text(data)} percent in 2023 and will reach it by 2025.")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "period": period,
    "unit": unit,
    "table_csv": table_csv,
    "table_xlsx": table_xlsx,
    "front_matter": front_matter,
    "document": document,
    "figure": figure,
}


def check(target: Callable[[bytes], None], data: bytes) -> None:
    """Run a target; an OntrackError must carry a message, nothing else may escape."""
    try:
        target(data)
    except OntrackError as exc:
        if not str(exc).strip():
            raise AssertionError(f"{type(exc).__name__} without a message") from exc
