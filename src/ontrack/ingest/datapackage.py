"""Frictionless data packages (`datapackage.json` with Table Schema), read directly.

Each tabular resource is a CSV file beside the descriptor (or inline `data` rows) with a
`schema` of `fields` (name, type, title, and the common `unit` extension). Fields of type
number or integer are measures, unless named as a role in the mapping file or named like a
period; every other field is a dimension. One measure called `value` (or `obs_value`) is
the observation value; several measures are several indicators (each field's name its
code, its title its label). All resources of one package are one atomic ingest.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import polars as pl

from ..errors import InputFileError
from .cube import INDICATOR_DIMS, PERIOD_DIMS, REGION_DIMS, UNIT_ATTRS, Cube, Mapping
from .readers import decode

MEASURE_TYPES = {"number", "integer"}
VALUE_FIELDS = {"value", "obs_value"}
FIELD_DIM = "field"


def read_datapackage(path: Path, doc: Any, mapping: Mapping | None = None) -> Cube:
    where = str(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("resources"), list):
        raise InputFileError(where, "not a data package: no 'resources' array")
    mapping = mapping or Mapping()
    role_fields = {f.lower() for f in mapping.dimensions.values()}
    parts: list[Cube] = []
    for n, res in enumerate(doc["resources"], start=1):
        if not isinstance(res, dict):
            raise InputFileError(where, f"resource {n} is not an object")
        name = str(res.get("name", f"resource {n}"))
        schema = res.get("schema")
        if isinstance(schema, str):
            schema = json.loads(_local(path, schema, name).read_text(encoding="utf-8"))
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            if res.get("profile", "") not in ("tabular-data-resource", ""):
                continue  # not a table (a PDF, a README): nothing to ingest from it
            raise InputFileError(where, f"resource {name!r} has no Table Schema with 'fields'")
        parts.append(_resource(path, name, res, schema, role_fields))
    if not parts:
        raise InputFileError(where, "the data package has no tabular resource")
    dims = list(dict.fromkeys(d for p in parts for d in p.dimensions))
    frames = [p.frame.with_columns(pl.lit("").alias(d) for d in dims if d not in p.frame.columns)
              for p in parts]  # fmt: skip
    sources: list[Any] = doc["sources"] if isinstance(doc.get("sources"), list) else []
    source = "; ".join(str(s.get("title", "")) for s in sources if isinstance(s, dict))
    return Cube(
        frame=pl.concat(frames, how="diagonal"),
        dimensions=dims,
        fmt="datapackage",
        title=str(doc.get("title", "")),
        source=source or str(doc.get("title", "")),
        labels={FIELD_DIM: {k: v for p in parts for k, v in p.labels.get(FIELD_DIM, {}).items()}},
        units={k: v for p in parts for k, v in p.units.items()},
        unit=next((p.unit for p in parts if p.unit), ""),
        roles={"indicator": FIELD_DIM} if any(FIELD_DIM in p.dimensions for p in parts) else {},
    )


def _local(path: Path, rel: Any, name: str) -> Path:
    if (
        not isinstance(rel, str)
        or "://" in rel
        or Path(rel).is_absolute()
        or ".." in Path(rel).parts
    ):
        raise InputFileError(
            path, f"resource {name!r}: path {rel!r} must be a relative file inside the package"
        )
    target = path.parent / rel
    if not target.is_file():
        raise InputFileError(path, f"resource {name!r}: {rel} does not exist beside the descriptor")
    return target


def _resource(
    path: Path, name: str, res: dict[str, Any], schema: dict[str, Any], role_fields: set[str]
) -> Cube:
    fields = schema["fields"]
    names = [str(f.get("name", "")) for f in fields if isinstance(f, dict)]
    if len(names) != len(fields) or not all(names):
        raise InputFileError(path, f"resource {name!r}: every schema field needs a 'name'")
    if "data" in res and isinstance(res["data"], list):
        rows = res["data"]
        if rows and isinstance(rows[0], list):
            rows = [dict(zip(names, r, strict=False)) for r in rows[1:]]  # header row first
        grid = pl.DataFrame(
            {n: [("" if r.get(n) is None else str(r.get(n))) for r in rows] for n in names},
            schema={n: pl.String for n in names},
        )
    else:
        rel = res.get("path")
        if isinstance(rel, list):
            raise InputFileError(path, f"resource {name!r}: multi-part paths are not supported")
        target = _local(path, rel, name)
        text = decode(target, target.read_bytes())
        dialect: dict[str, Any] = res["dialect"] if isinstance(res.get("dialect"), dict) else {}
        try:
            grid = pl.read_csv(
                io.StringIO(text),
                separator=str(dialect.get("delimiter", ",")),
                infer_schema=False,
                truncate_ragged_lines=False,
            )
        except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
            raise InputFileError(target, f"not a readable CSV table: {exc}") from None
        missing = [n for n in names if n not in grid.columns]
        if missing:
            raise InputFileError(
                target,
                f"field(s) {', '.join(missing)} of the schema of {name!r} are not in the header "
                f"({', '.join(grid.columns)})",
            )
    na = schema.get("missingValues", [""])
    grid = grid.with_row_index("line", offset=2).with_columns(
        pl.when(pl.col(n).is_in(na) | pl.col(n).is_null()).then(pl.lit("")).otherwise(pl.col(n))
        .alias(n)
        for n in names
    )  # fmt: skip
    usual = REGION_DIMS | PERIOD_DIMS | INDICATOR_DIMS | UNIT_ATTRS | role_fields
    measures = [
        f for f in fields if f.get("type") in MEASURE_TYPES and f["name"].lower() not in usual
    ]
    dims = [f["name"] for f in fields if f not in measures]
    if not measures:
        raise InputFileError(path, f"resource {name!r} has no number or integer field to ingest")
    single = len(measures) == 1 and measures[0]["name"].lower() in VALUE_FIELDS
    if single:
        frame = grid.rename({measures[0]["name"]: "value"})
        units, labels = {}, {}
        unit = str(measures[0].get("unit") or "")
    else:
        unit = ""
        frame = grid.unpivot(
            index=["line", *dims],
            on=[m["name"] for m in measures],
            variable_name=FIELD_DIM,
            value_name="value",
        )
        dims = [*dims, FIELD_DIM]
        labels = {FIELD_DIM: {m["name"]: str(m.get("title") or m["name"]) for m in measures}}
        units = {m["name"]: str(m["unit"]) for m in measures if m.get("unit")}
    return Cube(
        frame=frame, dimensions=dims, fmt="datapackage", labels=labels, units=units, unit=unit
    )


__all__ = ["read_datapackage"]
