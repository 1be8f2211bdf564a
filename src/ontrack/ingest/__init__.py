"""Ingest: data files -> validated series and observations in the store.

One file is one transaction: a file with any bad row stores nothing, and a process
killed mid-file leaves the store as it was before that file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ValidationError
from .readers import TABLE_SUFFIXES, decode, read_table
from .validate import validate

if TYPE_CHECKING:
    from ..store import IngestSummary, Store

MAX_ROW_ERRORS = 20

__all__ = ["TABLE_SUFFIXES", "decode", "expand_paths", "ingest_file", "read_table"]


def _checksum(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; a folder means every table file directly inside it, sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(c for c in p.iterdir() if c.suffix.lower() in TABLE_SUFFIXES)
        else:
            out.append(p)
    return out


def ingest_file(
    store: Store,
    path: Path,
    *,
    add_regions: bool = False,
    units: dict[str, str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> IngestSummary:
    raw, layout = read_table(path, units)
    if progress:
        progress("read", raw.height, raw.height)
    checked = validate(path, raw, store.catalog, add_regions=add_regions)
    if checked.errors:
        raise ValidationError(path, checked.errors[:MAX_ROW_ERRORS], len(checked.errors))
    if progress:
        progress("validate", raw.height, raw.height)
    summary = store.write_observations(
        checked.frame,
        path=str(path),
        checksum=_checksum(path),
        fmt=layout,
        new_regions=checked.new_regions,
        new_indicators=checked.new_indicators,
        progress=progress,
    )
    summary.rows_read = raw.height
    summary.rows_skipped = checked.skipped
    return summary
