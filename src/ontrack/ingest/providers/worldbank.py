"""The World Bank Indicators API v2 (https://api.worldbank.org/v2), over plain httpx.

Query ``COUNTRIES/INDICATOR``: ISO codes separated by ``;`` (``CHN;USA``, or ``all``) and
one indicator code (``NY.GDP.MKTP.KD.ZG``). The indicator's metadata (its name, which
names the unit, and its source, e.g. World Development Indicators) is one request; the
data come in pages of 1,000 (`page`, `pages` in each answer's header), each one request.
Each page header's `lastupdated` is the release date of the figures.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ...errors import InputFileError, ProviderError
from ..cube import Cube, code_frame, parse_release
from . import Fetched, Http, Progress

API = "https://api.worldbank.org/v2"
PER_PAGE = 1000
MAX_PAGES = 200


def _check(where: str, doc: Any) -> list[dict[str, Any]]:
    if isinstance(doc, list) and doc and isinstance(doc[0], dict) and "message" in doc[0]:
        msgs = doc[0]["message"] or [{}]
        text = "; ".join(str(m.get("value") or m.get("key") or m) for m in msgs)
        raise ProviderError(f"{where}: the World Bank API answered with an error: {text}")
    if not (isinstance(doc, list) and len(doc) == 2 and isinstance(doc[0], dict)):
        raise InputFileError(where, "not a World Bank API answer: expected [header, rows]")
    rows = doc[1] or []
    if not isinstance(rows, list):
        raise InputFileError(where, "not a World Bank API answer: the rows are not a list")
    return rows


def worldbank_cube(where: str, pages: list[Any], indicator_name: str = "") -> Cube:
    """Every row of the given answer pages as one cube (dimensions country, indicator, date)."""
    country: list[str] = []
    indicator: list[str] = []
    period: list[str] = []
    values: list[str] = []
    labels: dict[str, dict[str, str]] = {"country": {}, "indicator": {}}
    released = None
    for doc in pages:
        rows = _check(where, doc)
        released = max(filter(None, [released, parse_release(doc[0].get("lastupdated"))]),
                       default=None)  # fmt: skip
        for n, row in enumerate(rows, start=1):
            if not isinstance(row, dict) or "date" not in row or "indicator" not in row:
                raise InputFileError(where, f"row {n}: no 'date' or 'indicator'")
            code = str(row.get("countryiso3code") or (row.get("country") or {}).get("id") or "")
            ind = str((row.get("indicator") or {}).get("id", ""))
            country.append(code)
            indicator.append(ind)
            period.append(str(row["date"]))
            value = row.get("value")
            values.append("" if value is None else repr(float(value)))
            labels["country"].setdefault(code, str((row.get("country") or {}).get("value", "")))
            labels["indicator"].setdefault(
                ind, indicator_name or str((row.get("indicator") or {}).get("value", ""))
            )
    frame = code_frame(
        {"country": country, "indicator": indicator, "date": period, "value": values}
    )
    return Cube(
        frame=frame,
        dimensions=["country", "indicator", "date"],
        fmt="worldbank",
        source="World Bank",
        released=released,
        labels=labels,
        roles={"region": "country", "indicator": "indicator", "period": "date"},
        units={k: v for k, v in labels["indicator"].items()},  # "GDP growth (annual %)"
    )


class WorldBankProvider:
    name = "worldbank"
    channel = "World Bank API"
    description = (
        "World Bank Indicators API v2 (query COUNTRIES/INDICATOR, e.g. CHN;USA/NY.GDP.MKTP.KD.ZG)"
    )

    def fetch(
        self, query: str, since: date | None, http: Http, progress: Progress | None
    ) -> Fetched:
        countries, _, indicator = query.strip().partition("/")
        if not countries or not indicator or "/" in indicator:
            raise ProviderError(
                f"World Bank query {query!r}: give COUNTRIES/INDICATOR, "
                "e.g. CHN;USA/NY.GDP.MKTP.KD.ZG"
            )
        meta_url = f"{API}/indicator/{indicator}"
        meta = http.get(self.name, meta_url, params={"format": "json"})
        bodies = [meta.content]
        name, dataset = "", ""
        if meta.status_code == 200:
            doc = _json(meta_url, meta.content)
            rows = _check(meta_url, doc)
            if not rows:
                raise ProviderError(f"the World Bank has no indicator {indicator!r}")
            name = str(rows[0].get("name", ""))
            dataset = str((rows[0].get("source") or {}).get("value", ""))
        url = f"{API}/country/{countries}/indicator/{indicator}"
        params: dict[str, Any] = {"format": "json", "per_page": PER_PAGE}
        if since:
            params["date"] = f"{since.year}:{date.today().year}"
        pages: list[Any] = []
        page, total = 1, 1
        while page <= total:
            if progress:
                progress("pages", page - 1, total)
            answer = http.get(self.name, url, params={**params, "page": page})
            if answer.status_code >= 400:
                raise ProviderError(
                    f"the World Bank API refused {query!r}: HTTP {answer.status_code}"
                )
            doc = _json(url, answer.content)
            _check(url, doc)
            bodies.append(answer.content)
            pages.append(doc)
            total = min(int(doc[0].get("pages") or 1), MAX_PAGES)
            page += 1
        if progress:
            progress("pages", total, total)
        cube = worldbank_cube(f"{self.name}:{query}", pages, name)
        return Fetched(
            cube=cube,
            url=url,
            body=b"\n".join(bodies),
            dataset=dataset or "World Development Indicators",
            publisher="World Bank",
            released=cube.released,
        )


def _json(where: str, data: bytes) -> Any:
    import orjson

    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ProviderError(f"{where}: the answer is not JSON ({exc})") from None


__all__ = ["WorldBankProvider", "worldbank_cube"]
