"""A streaming reader for SDMX-ML 2.1 data messages, for large files.

sdmx1 builds its full information model, several Python objects per observation: about
4,000 observations a second here (a 1,000,000-observation message would take minutes).
SDMX 2.1 data messages have two simple forms, and this module reads both with lxml's
iterparse in bounded memory, straight into the cube's columns:

* StructureSpecificData: `<Series DIM="code" ATTR="code">` holding `<Obs TIME_PERIOD=""
  OBS_VALUE="" ATTR=""/>`, or `<Obs>` directly in the data set (all dimensions at
  observation level);
* GenericData: `<Series>` with `<SeriesKey><Value id="" value=""/>`, `<Attributes>`, and
  `<Obs>` with `<ObsDimension value=""/>` (its id in the header's dimensionAtObservation),
  `<ObsValue value=""/>` and `<Attributes>`; or flat `<Obs>` with an `<ObsKey>`.

Everything else (SDMX-JSON, SDMX-ML 3.0, error and structure messages) goes through sdmx1.
tests/test_ingest_messages.py checks both readers give the same cube for the same message.
"""

from __future__ import annotations

import io
from typing import Any

import polars as pl

from ..errors import InputFileError
from .cube import Cube

SDMX21 = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
STREAMED_ROOTS = {
    "StructureSpecificData",
    "StructureSpecificTimeSeriesData",
    "GenericData",
    "GenericTimeSeriesData",
}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def root_kind(data: bytes) -> str:
    """The root element's local name when the message is SDMX-ML 2.1, else ""."""
    from lxml import etree

    try:
        for _event, elem in etree.iterparse(io.BytesIO(data[:65536]), events=("start",)):
            if elem.tag.startswith("{" + SDMX21 + "}"):
                return _local(elem.tag)
            return ""
    except etree.XMLSyntaxError:
        return ""
    return ""


def read_sdmx_stream(where: str, data: bytes, fmt: str = "sdmx-ml") -> Cube:
    from lxml import etree

    series: list[dict[str, str]] = []  # codes of each series (dimensions and attributes)
    obs_series: list[int] = []  # the series of each observation (-1: none)
    obs_cols: dict[str, list[str]] = {}
    values: list[str] = []
    dims: list[str] = []
    obs_dim = "TIME_PERIOD"
    agency = flow = sender = ""
    generic = False
    current = -1
    pending: dict[str, str] = {}  # codes of the generic Obs being read
    section = ""  # SeriesKey | Attributes | ObsKey, inside a generic Series or Obs
    n = 0

    def add_obs(row: dict[str, str], value: str) -> None:
        nonlocal n
        for key in row.keys() - obs_cols.keys():
            obs_cols[key] = [""] * n
        for key, col in obs_cols.items():
            col.append(row.get(key, ""))
        obs_series.append(current)
        values.append("" if value.lower() in ("nan", "") else value)
        n += 1

    try:
        # no entity expansion, no network: messages come from files and providers
        parse = etree.iterparse(
            io.BytesIO(data), events=("start", "end"), resolve_entities=False, no_network=True
        )
        for event, elem in parse:
            name = _local(elem.tag)
            if event == "start":
                if name in ("GenericData", "GenericTimeSeriesData"):
                    generic = True
                elif name == "Structure" and elem.get("dimensionAtObservation"):
                    obs_dim = elem.get("dimensionAtObservation") or obs_dim
                elif name == "Ref" and not agency:
                    agency, flow = elem.get("agencyID", ""), elem.get("id", "")
                elif name == "Sender":
                    sender = elem.get("id", "")
                elif name == "Series":
                    current = len(series)
                    codes = {k: v for k, v in elem.attrib.items() if "}" not in k}
                    series.append(codes)
                    for k in codes:
                        if not generic and k not in dims:
                            dims.append(k)
                elif generic and name in ("SeriesKey", "Attributes", "ObsKey"):
                    section = name
                elif generic and name == "Obs":
                    pending = {}
                continue
            # end events
            if name == "Obs":
                if generic:
                    value = pending.pop("\0value", "")
                    add_obs(pending, value)
                else:
                    row = {k: v for k, v in elem.attrib.items() if "}" not in k}
                    value = row.pop("OBS_VALUE", "")
                    if current < 0 or not series:
                        for k in row:
                            if k not in dims and k != obs_dim:
                                dims.append(k)
                    add_obs(row, value)
                _drop(elem)
            elif name == "Series":
                current = -1
                _drop(elem)
            elif generic and name == "Value":
                key, code = elem.get("id", ""), elem.get("value", "")
                if section == "SeriesKey" and current >= 0:
                    series[current][key] = code
                    if key not in dims:
                        dims.append(key)
                elif section == "Attributes" and current >= 0 and _in_series(elem):
                    series[current][key] = code
                else:
                    pending[key] = code
                    if section == "ObsKey" and key not in dims:
                        dims.append(key)
            elif generic and name == "ObsDimension":
                pending[elem.get("id") or obs_dim] = elem.get("value", "")
            elif generic and name == "ObsValue":
                pending["\0value"] = elem.get("value", "")
            elif generic and name in ("SeriesKey", "Attributes", "ObsKey"):
                section = ""
    except etree.XMLSyntaxError as exc:
        raise InputFileError(where, f"not a readable SDMX-ML data message: {exc}") from None
    if not n:
        raise InputFileError(where, "the message holds no observations (an empty data set)")
    if obs_dim not in dims and obs_dim != "AllDimensions":
        dims.append(obs_dim)
    frame = pl.DataFrame(
        {**{k: pl.Series(k, v, dtype=pl.String) for k, v in obs_cols.items()},
         "value": pl.Series("value", values, dtype=pl.String),
         "_series": pl.Series("_series", obs_series, dtype=pl.Int64)}
    )  # fmt: skip
    if series:
        keys = sorted({k for s in series for k in s} - set(obs_cols))
        table = pl.DataFrame(
            {"_series": list(range(len(series))),
             **{k: [s.get(k, "") for s in series] for k in keys}},
            schema={"_series": pl.Int64, **{k: pl.String for k in keys}},
        )  # fmt: skip
        frame = frame.join(table, on="_series", how="left", maintain_order="left")
    frame = frame.drop("_series").with_columns(
        pl.int_range(1, n + 1, dtype=pl.UInt32).alias("line")
    )
    frame = frame.with_columns(pl.col(c).fill_null("") for c in frame.columns if c != "line")
    source = " ".join(p for p in (agency or sender, flow) if p)
    return Cube(frame=frame, dimensions=dims, fmt=fmt, title=flow, source=source)


def _drop(elem: Any) -> None:
    """Free a finished element and its finished siblings (iterparse keeps the tree)."""
    elem.clear()
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def _in_series(elem: Any) -> bool:
    """Whether a generic <Value> belongs to a Series' own <Attributes> (not an Obs')."""
    parent = elem.getparent()
    grand = parent.getparent() if parent is not None else None
    return grand is not None and _local(grand.tag) == "Series"


__all__ = ["STREAMED_ROOTS", "read_sdmx_stream", "root_kind"]
