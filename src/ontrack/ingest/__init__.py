"""Ingest: data files -> validated series and observations in the store.

One file is one transaction: a file with any bad row stores nothing, and a process
killed mid-file leaves the store as it was before that file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from collections.abc import Mapping as MappingABC
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from ..errors import ValidationError
from .cube import Cube, Mapping, cube_to_raw
from .messages import MESSAGE_SUFFIXES, read_message_table
from .readers import TABLE_SUFFIXES, decode, read_table
from .validate import validate

if TYPE_CHECKING:
    from ..store import IngestSummary, Store

MAX_ROW_ERRORS = 20

__all__ = [
    "MESSAGE_SUFFIXES",
    "TABLE_SUFFIXES",
    "Cube",
    "Mapping",
    "decode",
    "expand_paths",
    "ingest_cube",
    "ingest_file",
    "read_table",
]


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
            suffixes = TABLE_SUFFIXES | MESSAGE_SUFFIXES
            out += sorted(c for c in p.iterdir() if c.suffix.lower() in suffixes)
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
    mapping: Mapping | str | Path | None = None,
) -> IngestSummary:
    """One file, atomically: a table (CSV, Excel) or a statistical message (SDMX-ML,
    SDMX-JSON, JSON-stat, PxWeb, data package; see messages.py) with its mapping file."""
    if isinstance(mapping, str | Path):
        mapping = Mapping.load(mapping)
    if path.suffix.lower() in MESSAGE_SUFFIXES:
        raw, layout, _cube = read_message_table(path, store.catalog, mapping)
    else:
        raw, layout = read_table(path, units)
    return _store_raw(
        store, path, raw, layout, _checksum(path), add_regions=add_regions, progress=progress
    )


def _store_raw(
    store: Store,
    path: Path | str,
    raw: pl.DataFrame,
    layout: str,
    checksum: str,
    *,
    add_regions: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    provenance: MappingABC[str, Any] | None = None,
) -> IngestSummary:
    if progress:
        progress("read", raw.height, raw.height)
    checked = validate(Path(path), raw, store.catalog, add_regions=add_regions)
    if checked.errors:
        raise ValidationError(path, checked.errors[:MAX_ROW_ERRORS], len(checked.errors))
    if progress:
        progress("validate", raw.height, raw.height)
    summary = store.write_observations(
        checked.frame,
        path=str(path),
        checksum=checksum,
        fmt=layout,
        new_regions=checked.new_regions,
        new_indicators=checked.new_indicators,
        progress=progress,
        provenance=provenance,
    )
    summary.rows_read = raw.height
    summary.rows_skipped = checked.skipped
    return summary


def ingest_cube(
    store: Store,
    name: str,
    cube: Cube,
    *,
    checksum: str,
    mapping: Mapping | None = None,
    add_regions: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    provenance: MappingABC[str, Any] | None = None,
) -> IngestSummary:
    """A cube read from a provider's answer, through the same validation and vintage rules
    as a file; `provenance` (provider, query, dataset, publisher, retrieved_at) is kept
    with the ingest, so every observation it adds can say where it came from."""
    raw = cube_to_raw(name, cube, store.catalog, mapping)
    return _store_raw(
        store,
        name,
        raw,
        cube.fmt,
        checksum,
        add_regions=add_regions,
        progress=progress,
        provenance=provenance,
    )
