"""PxWeb JSON answers (the `"format": "json"` response of PxWeb API v1), read directly.

An answer lists `columns` (code, text, type: "d" dimension, "t" time, "c" content) and
`data` rows of `key` (one code per d/t column, in order) and `values` (one string per
content column; ".." or "-" mark missing figures). Each content column is an indicator
(its `text` the label, its `unit` where given the unit). `metadata[0].updated` is when
the table was published, `metadata[0].source` who published it. PxWeb's JSON-stat answers
go through the JSON-stat reader.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from ..errors import InputFileError
from .cube import Cube, parse_release

CONTENT_DIM = "ContentsCode"
MISSING = {"..", "...", "-", ".", ""}


def read_pxweb(where: str, doc: Any) -> Cube:
    if not isinstance(doc, dict) or not isinstance(doc.get("columns"), list):
        raise InputFileError(where, "not a PxWeb JSON answer: no 'columns' array")
    if not isinstance(doc.get("data"), list):
        raise InputFileError(where, "not a PxWeb JSON answer: no 'data' array")
    keys: list[str] = []
    contents: list[dict[str, Any]] = []
    dim_labels: dict[str, str] = {}
    roles: dict[str, str] = {}
    for i, col in enumerate(doc["columns"]):
        if not isinstance(col, dict) or "code" not in col:
            raise InputFileError(where, f"column {i + 1} has no 'code'")
        kind = col.get("type", "d")
        if kind == "c":
            contents.append(col)
        else:
            keys.append(str(col["code"]))
            dim_labels[str(col["code"])] = str(col.get("text", ""))
            if kind == "t":
                roles["period"] = str(col["code"])
    if not contents:
        raise InputFileError(where, "the answer has no content column (type 'c')")
    if CONTENT_DIM in keys:
        raise InputFileError(where, f"a dimension is called {CONTENT_DIM!r}, which is reserved")
    codes: dict[str, list[str]] = {k: [] for k in keys}
    content: list[str] = []
    values: list[str] = []
    lines: list[int] = []
    for n, row in enumerate(doc["data"], start=1):
        key, vals = (row.get("key"), row.get("values")) if isinstance(row, dict) else (None, None)
        if not isinstance(key, list) or len(key) != len(keys):
            raise InputFileError(
                where, f"data row {n}: 'key' must list {len(keys)} codes ({', '.join(keys)})"
            )
        if not isinstance(vals, list) or len(vals) != len(contents):
            raise InputFileError(where, f"data row {n}: 'values' must hold {len(contents)} entries")
        for col, text in zip(contents, vals, strict=True):
            for k, code in zip(keys, key, strict=True):
                codes[k].append(str(code))
            content.append(str(col["code"]))
            text = "" if text is None else str(text).strip()
            values.append("" if text in MISSING else text)
            lines.append(n)
    frame = pl.DataFrame(
        {**codes, CONTENT_DIM: content, "value": values},
        schema={**{k: pl.String for k in keys}, CONTENT_DIM: pl.String, "value": pl.String},
    ).with_columns(pl.Series("line", lines, dtype=pl.UInt32))
    meta = doc.get("metadata") or [{}]
    meta = meta[0] if isinstance(meta, list) and meta and isinstance(meta[0], dict) else {}
    return Cube(
        frame=frame,
        dimensions=[*keys, CONTENT_DIM],
        fmt="pxweb",
        title=str(meta.get("label", "")),
        source=str(meta.get("source", "")),
        released=parse_release(meta.get("updated")),
        labels={CONTENT_DIM: {str(c["code"]): str(c.get("text", "")) for c in contents}},
        dim_labels=dim_labels,
        roles={**roles, "indicator": CONTENT_DIM},
        units={str(c["code"]): str(c["unit"]) for c in contents if c.get("unit")},
    )


__all__ = ["read_pxweb"]
