"""JSON-stat 2.0 datasets (https://json-stat.org/format/), read directly.

A dataset is a dense cube: `id` lists the dimensions, `size` their lengths, and `value`
(an array in row-major order, or an object of index -> value for sparse cubes) the
observations. Category `index` gives each code's position (an array or an object),
`label` its name, and a metric dimension's `unit` the unit of each of its codes. `role`
marks the time, geo and metric dimensions; `updated` is when the data were published.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from ..errors import InputFileError
from .cube import Cube, parse_release


def _codes(where: str, dim: str, spec: Any, size: int) -> list[str]:
    if not isinstance(spec, dict) or not isinstance(spec.get("category"), dict):
        raise InputFileError(where, f"dimension {dim!r} has no category object")
    cat = spec["category"]
    index = cat.get("index")
    if index is None:
        labels = cat.get("label") or {}
        codes = list(labels)
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        codes = [""] * len(index)
        for code, pos in index.items():
            if not isinstance(pos, int) or not 0 <= pos < len(index):
                raise InputFileError(where, f"dimension {dim!r}: index of {code!r} is {pos!r}")
            codes[pos] = str(code)
    else:
        raise InputFileError(where, f"dimension {dim!r}: category.index must be an array or object")
    if len(codes) != size:
        raise InputFileError(
            where, f"dimension {dim!r} has {len(codes)} categories but size says {size}"
        )
    return codes


def read_jsonstat(where: str, doc: Any) -> Cube:
    if not isinstance(doc, dict):
        raise InputFileError(where, "a JSON-stat dataset is a JSON object")
    if doc.get("class") == "collection" or doc.get("class") == "bundle" or "dataset" in doc:
        raise InputFileError(
            where, "this is a JSON-stat collection or a 1.x bundle; give one 2.0 dataset"
        )
    for key in ("id", "size", "dimension", "value"):
        if key not in doc:
            raise InputFileError(where, f"not a JSON-stat 2.0 dataset: no {key!r} property")
    ids, sizes, dims = doc["id"], doc["size"], doc["dimension"]
    if (
        not isinstance(ids, list)
        or not isinstance(sizes, list)
        or len(ids) != len(sizes)
        or not all(isinstance(s, int) and s >= 0 for s in sizes)
    ):
        raise InputFileError(where, "'id' and 'size' must be arrays of the same length")
    missing = [d for d in ids if d not in dims]
    if missing:
        raise InputFileError(where, f"dimension(s) {', '.join(missing)} listed in 'id' are missing")
    total = int(np.prod(sizes)) if sizes else 0
    raw = doc["value"]
    if isinstance(raw, list):
        if len(raw) != total:
            raise InputFileError(
                where, f"'value' has {len(raw)} entries but the sizes make {total} (truncated?)"
            )
        positions = np.arange(total, dtype=np.int64)
        texts = pl.Series("value", raw, strict=False)
    elif isinstance(raw, dict):
        try:
            positions = np.fromiter((int(k) for k in raw), dtype=np.int64, count=len(raw))
        except ValueError:
            raise InputFileError(where, "sparse 'value' keys must be integer positions") from None
        if len(positions) and (positions.min() < 0 or positions.max() >= total):
            raise InputFileError(where, "a sparse 'value' position lies outside the cube")
        texts = pl.Series("value", list(raw.values()), strict=False)
    else:
        raise InputFileError(where, "'value' must be an array or an object")
    if texts.dtype == pl.Null:
        texts = texts.cast(pl.String)
    elif texts.dtype != pl.String:
        if not texts.dtype.is_numeric():
            raise InputFileError(where, "'value' holds entries that are not numbers")
        texts = texts.cast(pl.Float64).cast(pl.String)
    columns: dict[str, pl.Series] = {}
    labels: dict[str, dict[str, str]] = {}
    dim_labels: dict[str, str] = {}
    units: dict[str, str] = {}
    stride = total
    for dim, size in zip(ids, sizes, strict=True):
        codes = _codes(where, dim, dims[dim], size)
        stride //= max(size, 1)
        idx = (positions // max(stride, 1)) % max(size, 1)
        columns[dim] = pl.Series(dim, np.asarray(codes, dtype=object)[idx], dtype=pl.String)
        cat = dims[dim]["category"]
        labels[dim] = {str(k): str(v) for k, v in (cat.get("label") or {}).items()}
        dim_labels[dim] = str(dims[dim].get("label", ""))
        for code, unit in (cat.get("unit") or {}).items():
            if isinstance(unit, dict):
                units[str(code)] = str(unit.get("label") or unit.get("symbol") or "")
    role = doc.get("role") or {}
    roles = {}
    for ours, theirs in (("region", "geo"), ("period", "time"), ("indicator", "metric")):
        if isinstance(role.get(theirs), list) and role[theirs]:
            roles[ours] = str(role[theirs][0])
    frame = pl.DataFrame(list(columns.values())).with_columns(
        texts.fill_null("").alias("value"),
        pl.int_range(1, len(positions) + 1, dtype=pl.UInt32).alias("line"),
    )
    ext: dict[str, Any] = doc["extension"] if isinstance(doc.get("extension"), dict) else {}
    return Cube(
        frame=frame,
        dimensions=list(ids),
        fmt="json-stat",
        title=str(doc.get("label", "")),
        source=str(doc.get("source", "")),
        released=parse_release(doc.get("updated") or ext.get("updated")),
        labels=labels,
        dim_labels=dim_labels,
        roles=roles,
        units=units,
        unit=str(ext.get("unit", "")) if isinstance(ext.get("unit"), str) else "",
    )


__all__ = ["read_jsonstat"]
