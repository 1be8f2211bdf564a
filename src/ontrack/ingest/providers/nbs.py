"""The National Bureau of Statistics of China data portal (data.stats.gov.cn), over httpx.

The portal answers `easyquery.htm?m=QueryData` with JSON: `returndata.wdnodes` lists the
dimensions (zb indicator, reg region, sj time) with each code's name and unit, and
`returndata.datanodes` one node per cell (`wds` its codes, `data.hasdata`, `data.data`).
Databases: hgnd / hgjd / hgyd (national annual, quarterly, monthly), fsnd / fsjd / fsyd
(provincial). Query ``DBCODE/INDICATOR[/REGIONS]``: ``hgnd/A0201`` or
``fsnd/A0201/Liaoning;Jilin`` (regions by name, alias or GB/T 2260 code; one request
each). Quarterly codes 2024A-2024D are the four quarters. The portal gives no release dates,
so as-of replays estimate them from the period (see README, "As of a date").
"""

from __future__ import annotations

import json
import time
from datetime import date
from typing import Any

from ...errors import InputFileError, ProviderError
from ..cube import Cube, code_frame
from . import Fetched, Http, Progress

URL = "https://data.stats.gov.cn/easyquery.htm"
NATIONAL = {"hgnd": "annual", "hgjd": "quarterly", "hgyd": "monthly"}
PROVINCIAL = {"fsnd": "annual", "fsjd": "quarterly", "fsyd": "monthly"}
CHINA_CODE = "100000"  # GB/T 2260 code of the whole country, a catalog code of CN


def nbs_cube(where: str, docs: list[Any]) -> Cube:
    zb: list[str] = []
    reg: list[str] = []
    sj: list[str] = []
    values: list[str] = []
    labels: dict[str, dict[str, str]] = {"zb": {}, "reg": {}, "sj": {}}
    units: dict[str, str] = {}
    for doc in docs:
        if not isinstance(doc, dict) or "returndata" not in doc:
            raise InputFileError(where, "not an NBS portal answer: no 'returndata'")
        if doc.get("returncode") not in (200, "200", None):
            raise ProviderError(
                f"{where}: the NBS portal answered with code {doc.get('returncode')}: "
                f"{str(doc.get('returndata'))[:200]}"
            )
        data = doc["returndata"]
        if not isinstance(data, dict):
            raise InputFileError(where, "returndata is not an object")
        for dim in data.get("wdnodes") or []:
            code = dim.get("wdcode", "")
            for node in dim.get("nodes") or []:
                labels.setdefault(code, {})[str(node.get("code"))] = str(
                    node.get("cname") or node.get("name") or ""
                )
                if code == "zb" and node.get("unit"):
                    units[str(node["code"])] = str(node["unit"])
        for n, node in enumerate(data.get("datanodes") or [], start=1):
            try:
                codes = {w["wdcode"]: str(w["valuecode"]) for w in node["wds"]}
                cell = node["data"]
            except (KeyError, TypeError):
                raise InputFileError(where, f"data node {n} has no 'wds' codes or 'data'") from None
            if "zb" not in codes or "sj" not in codes:
                raise InputFileError(where, f"data node {n} names no zb (indicator) or sj (time)")
            zb.append(codes["zb"])
            reg.append(codes.get("reg", CHINA_CODE))
            sj.append(codes["sj"])
            has = cell.get("hasdata", True) and cell.get("data") is not None
            values.append(repr(float(cell["data"])) if has else "")
    frame = code_frame({"reg": reg, "zb": zb, "sj": sj, "value": values})
    return Cube(
        frame=frame,
        dimensions=["reg", "zb", "sj"],
        fmt="nbs",
        source="National Bureau of Statistics of China",
        labels=labels,
        roles={"region": "reg", "indicator": "zb", "period": "sj"},
        units=units,
    )


class NbsProvider:
    name = "nbs"
    channel = "NBS data portal"
    description = (
        "National Bureau of Statistics of China data portal (query DBCODE/INDICATOR[/REGIONS]:"
        " hgnd/A0201, fsjd/A0101/Liaoning)"
    )

    def fetch(
        self, query: str, since: date | None, http: Http, progress: Progress | None
    ) -> Fetched:
        parts = query.strip().split("/")
        if len(parts) not in (2, 3) or not all(parts):
            raise ProviderError(
                f"NBS query {query!r}: give DBCODE/INDICATOR[/REGIONS], e.g. hgnd/A0201 or "
                "fsnd/A0201/Liaoning"
            )
        dbcode, indicator = parts[0].lower(), parts[1]
        if dbcode not in NATIONAL and dbcode not in PROVINCIAL:
            known = ", ".join([*NATIONAL, *PROVINCIAL])
            raise ProviderError(f"NBS database {dbcode!r} is not one of {known}")
        regions: list[str | None] = [None]
        if dbcode in PROVINCIAL:
            if len(parts) < 3:
                raise ProviderError(f"{dbcode} is provincial: add /REGIONS, e.g. {query}/Liaoning")
            regions = [_region_code(r) for r in parts[2].split(";")]
        elif len(parts) == 3:
            raise ProviderError(f"{dbcode} is national: drop the regions, or use fs{dbcode[2:]}")
        period = f"{since.year}-" if since else "LAST20"
        docs, bodies = [], []
        for i, region in enumerate(regions):
            if progress:
                progress("regions", i, len(regions))
            wds = [{"wdcode": "reg", "valuecode": region}] if region else []
            params = {
                "m": "QueryData",
                "dbcode": dbcode,
                "rowcode": "zb",
                "colcode": "sj",
                "wds": json.dumps(wds),
                "dfwds": json.dumps(
                    [
                        {"wdcode": "zb", "valuecode": indicator},
                        {"wdcode": "sj", "valuecode": period},
                    ]
                ),
                "k1": str(int(time.time() * 1000)),
                "h": "1",
            }
            answer = http.get(self.name, URL, params=params)
            if answer.status_code >= 400:
                raise ProviderError(f"the NBS portal refused {query!r}: HTTP {answer.status_code}")
            try:
                docs.append(json.loads(answer.content))
            except ValueError:
                raise ProviderError(
                    f"the NBS portal's answer to {query!r} is not JSON (a block page?)"
                ) from None
            bodies.append(answer.content)
        if progress:
            progress("regions", len(regions), len(regions))
        cube = nbs_cube(f"{self.name}:{query}", docs)
        freq = {**NATIONAL, **PROVINCIAL}[dbcode]
        level = "national" if dbcode in NATIONAL else "provincial"
        return Fetched(
            cube=cube,
            url=URL,
            body=b"\n".join(bodies),
            dataset=f"{level} {freq} data ({dbcode})",
            publisher="National Bureau of Statistics of China",
        )


def _region_code(name: str) -> str:
    if name.isdigit() and len(name) == 6:
        return name
    from ...catalog import default_catalog

    region = default_catalog().region(name)  # CatalogError with suggestions when unknown
    if not region.code:
        raise ProviderError(f"region {name!r} has no GB/T 2260 code for the NBS portal")
    return region.code


__all__ = ["NbsProvider", "nbs_cube"]
