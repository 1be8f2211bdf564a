"""SDMX-ML (2.1/3.0 generic and structure-specific) and SDMX-JSON data messages, through sdmx1.

sdmx1 parses the message into its information model; this module flattens the data sets
into a :class:`~ontrack.ingest.cube.Cube`: one column per dimension and attribute,
series-level codes repeated onto their observations. Structure-specific messages read
without their data structure carry attributes as if they were dimensions; cube.py knows
the attribute names (UNIT_MEASURE, UNIT_MULT, OBS_STATUS, ...) either way.
"""

from __future__ import annotations

import io
from typing import Any

import polars as pl

from ..errors import InputFileError
from .cube import Cube, parse_release


def read_sdmx_message(where: str, data: bytes, fmt: str | None = None) -> Any:
    """Parse bytes with sdmx1; any failure is an InputFileError naming the file."""
    import logging
    import warnings

    import sdmx

    if not data.strip():
        raise InputFileError(where, "the file is empty")
    log = logging.getLogger("sdmx")
    level = log.level
    log.setLevel(logging.ERROR)  # "got no structure=... argument": expected for files
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return sdmx.read_sdmx(io.BytesIO(data), format=fmt)
    except Exception as exc:  # sdmx1 raises many types (XMLSyntaxError, KeyError, ValueError)
        kind = "SDMX-JSON" if fmt == "JSON" else "SDMX-ML"
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputFileError(where, f"not a readable {kind} data message: {text}") from None
    finally:
        log.setLevel(level)


def sdmx_json_series_attributes(data: bytes) -> list[list[dict[str, str]]]:
    """Series-level attributes of an SDMX-JSON 1.0 message, per data set and series, in
    message order. sdmx1 2.28 attaches the data set's attribute indices to every series
    (reader/json.py, read_dataset) and so loses UNIT_MEASURE and UNIT_MULT when they are
    given per series, as most services do; these restore them."""
    import orjson

    try:
        doc = orjson.loads(data)
        structure = doc.get("structure") or doc["data"]["structures"][0]
        specs = (structure.get("attributes") or {}).get("series") or []
        sets = doc.get("dataSets") or doc["data"]["dataSets"]
    except (orjson.JSONDecodeError, KeyError, IndexError, TypeError, AttributeError):
        return []
    out: list[list[dict[str, str]]] = []
    for ds in sets:
        per_series: list[dict[str, str]] = []
        for elem in (ds.get("series") or {}).values():
            attrs: dict[str, str] = {}
            for spec, index in zip(specs, elem.get("attributes") or [], strict=False):
                values = spec.get("values") or []
                if isinstance(index, int) and 0 <= index < len(values):
                    attrs[str(spec["id"])] = str(values[index].get("id", values[index].get("name")))
            per_series.append(attrs)
        out.append(per_series)
    return out


def message_to_cube(
    where: str, msg: Any, fmt: str, series_attrs: list[list[dict[str, str]]] | None = None
) -> Cube:
    """Every observation of every data set of a data message, as one cube."""
    from sdmx.message import DataMessage, ErrorMessage

    if isinstance(msg, ErrorMessage):
        text = "; ".join(str(getattr(f, "text", f)) for f in getattr(msg, "footer", []) or [])
        raise InputFileError(where, f"the provider answered with an SDMX error message {text}")
    if not isinstance(msg, DataMessage):
        raise InputFileError(
            where,
            f"this is an SDMX {type(msg).__name__}, not a data message; "
            "give the answer of a data query",
        )
    columns: dict[str, list[str]] = {}
    values: list[str] = []
    n = 0
    dims: list[str] = []
    for ds_number, ds in enumerate(msg.data):
        ds_attrs = {k: _text(v) for k, v in getattr(ds, "attrib", {}).items()}
        restored = series_attrs[ds_number] if series_attrs and ds_number < len(series_attrs) else []
        for series_number, (series_key, observations) in enumerate(ds.series.items()):
            fixed = {k: _text(v) for k, v in series_key.values.items()}
            fixed.update({k: _text(v) for k, v in series_key.attrib.items()})
            if series_number < len(restored):
                fixed.update(restored[series_number])
            for k, v in ds_attrs.items():
                fixed.setdefault(k, v)
            for obs in observations:
                own = (
                    {k: _text(v) for k, v in obs.dimension.values.items()} if obs.dimension else {}
                )
                own.update({k: _text(v) for k, v in obs.attached_attribute.items()})
                n = _append(columns, {**fixed, **own}, n)
                values.append(_value(obs.value))
            obs_dims = (
                list(observations[0].dimension.values)
                if observations and observations[0].dimension
                else []
            )
            for k in [*series_key.values, *obs_dims]:
                if k not in dims:
                    dims.append(k)
        flat = [o for o in ds.obs if o.series_key is None]
        for obs in flat:
            row = {k: _text(v) for k, v in obs.key.values.items()}
            for k, v in {**ds_attrs, **obs.attrib}.items():
                row.setdefault(k, _text(v))
            n = _append(columns, row, n)
            values.append(_value(obs.value))
            for k in obs.key.values:
                if k not in dims:
                    dims.append(k)
    if not n:
        raise InputFileError(where, "the message holds no observations (an empty data set)")
    frame = pl.DataFrame(
        {k: pl.Series(k, v, dtype=pl.String) for k, v in columns.items()}
    ).with_columns(
        pl.Series("value", values, dtype=pl.String),
        pl.int_range(1, n + 1, dtype=pl.UInt32).alias("line"),
    )
    frame = frame.with_columns(pl.col(c).fill_null("") for c in columns)
    return Cube(
        frame=frame,
        dimensions=dims,
        fmt=fmt,
        title=_flow_name(msg),
        source=_source(msg),
        released=_released(msg),
    )


def _append(columns: dict[str, list[str]], row: dict[str, str], n: int) -> int:
    for k in row.keys() - columns.keys():
        columns[k] = [""] * n
    for k, col in columns.items():
        col.append(row.get(k, ""))
    return n + 1


def _text(v: Any) -> str:
    value = getattr(v, "value", v)
    value = getattr(value, "id", value)  # a Code
    return "" if value is None else str(value)


def _value(v: Any) -> str:
    if v is None:
        return ""
    text = str(v)
    return "" if text.lower() == "nan" else text


def _flow_name(msg: Any) -> str:
    flow = getattr(msg, "dataflow", None)
    name = getattr(flow, "name", None)
    text = str(getattr(name, "localized_default", lambda: "")() or "") if name else ""
    return text or str(getattr(flow, "id", "") or "")


def _source(msg: Any) -> str:
    header = msg.header
    sender = getattr(getattr(header, "sender", None), "id", "") or ""
    structure = msg.data[0].structured_by if msg.data else None
    agency = getattr(getattr(structure, "maintainer", None), "id", "") or sender
    flow = getattr(getattr(msg, "dataflow", None), "id", "") or getattr(structure, "id", "")
    return " ".join(p for p in (str(agency or ""), str(flow or "")) if p and p != "None")


def _released(msg: Any) -> Any:
    for ds in msg.data:
        for key, value in getattr(ds, "attrib", {}).items():
            if key.lower() in {"release_date", "last_update", "publication_date"}:
                return parse_release(_text(value))
    return None


def read_sdmx(where: str, data: bytes, fmt: str | None = None) -> Cube:
    """A data message's cube: SDMX-ML 2.1 data streamed (sdmx_stream.py), the rest by sdmx1."""
    if fmt is None:
        from .sdmx_stream import STREAMED_ROOTS, read_sdmx_stream, root_kind

        if root_kind(data) in STREAMED_ROOTS:
            return read_sdmx_stream(where, data)
    msg = read_sdmx_message(where, data, fmt)
    if fmt == "JSON":
        return message_to_cube(where, msg, "sdmx-json", sdmx_json_series_attributes(data))
    return message_to_cube(where, msg, "sdmx-ml")


__all__ = ["message_to_cube", "read_sdmx", "read_sdmx_message"]
