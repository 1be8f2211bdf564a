"""Statistical messages: recognise the format of a file or a provider's answer and read it
into a cube (see cube.py), then into the raw long table every ingest validates.

Formats: SDMX-ML (.xml), SDMX-JSON, JSON-stat 2.0, PxWeb JSON, Frictionless data packages
(datapackage.json), and the JSON answers of the World Bank API and the NBS China portal
(saved to a file, they ingest like any other message).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from ..catalog import Catalog
from ..errors import InputFileError
from .cube import Cube, Mapping, cube_to_raw

MESSAGE_SUFFIXES = {".xml", ".json"}


def _json(where: str, data: bytes) -> Any:
    import orjson

    if not data.strip():
        raise InputFileError(where, "the file is empty")
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputFileError(where, f"not valid JSON ({exc}); is the file truncated?") from None


def sniff_json(doc: Any) -> str:
    """Which JSON message this is: json-stat, pxweb, sdmx-json, datapackage, worldbank, nbs."""
    if isinstance(doc, list) and len(doc) == 2 and isinstance(doc[0], dict) and "page" in doc[0]:
        return "worldbank"
    if isinstance(doc, list) and doc and isinstance(doc[0], dict) and "message" in doc[0]:
        return "worldbank"  # the API's error answer
    if not isinstance(doc, dict):
        return ""
    if doc.get("class") in ("dataset", "collection", "bundle") or doc.get("version") == "2.0":
        return "json-stat"
    if "columns" in doc and "data" in doc:
        return "pxweb"
    if "dataSets" in doc or isinstance(doc.get("data"), dict) and "dataSets" in doc["data"]:
        return "sdmx-json"
    if "resources" in doc:
        return "datapackage"
    if "returndata" in doc or "returncode" in doc:
        return "nbs"
    return ""


def read_message(
    path: Path, data: bytes, mapping: Mapping | None = None, *, where: str | None = None
) -> Cube:
    """The cube of a file's bytes (or a provider's answer, named by `where`)."""
    name = where or str(path)
    head = data.lstrip()[:1]
    if head == b"<":
        from .sdmx import read_sdmx

        return read_sdmx(name, data)
    doc = _json(name, data)
    kind = sniff_json(doc)
    if kind == "json-stat":
        from .jsonstat import read_jsonstat

        return read_jsonstat(name, doc)
    if kind == "pxweb":
        from .pxweb import read_pxweb

        return read_pxweb(name, doc)
    if kind == "sdmx-json":
        from .sdmx import read_sdmx

        return read_sdmx(name, data, "JSON")
    if kind == "datapackage":
        from .datapackage import read_datapackage

        return read_datapackage(path, doc, mapping)
    if kind == "worldbank":
        from .providers.worldbank import worldbank_cube

        return worldbank_cube(name, [doc])
    if kind == "nbs":
        from .providers.nbs import nbs_cube

        return nbs_cube(name, [doc])
    raise InputFileError(
        name,
        "unrecognised JSON: not a JSON-stat 2.0 dataset, PxWeb answer, SDMX-JSON message, "
        "data package, World Bank or NBS answer",
    )


def read_message_table(
    path: Path, catalog: Catalog, mapping: Mapping | None = None
) -> tuple[pl.DataFrame, str, Cube]:
    if not path.exists():
        raise InputFileError(path, "no such file")
    if path.is_dir():
        raise InputFileError(path, "is a folder; give the data files inside it")
    cube = read_message(path, path.read_bytes(), mapping)
    return cube_to_raw(str(path), cube, catalog, mapping), cube.fmt, cube


__all__ = ["MESSAGE_SUFFIXES", "read_message", "read_message_table", "sniff_json"]
