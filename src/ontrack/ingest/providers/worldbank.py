"""The World Bank's data API, fetched through wbgapi; and saved Indicators API v2 answers.

Query ``COUNTRIES/SERIES[/SOURCE]``: economy codes separated by ``;`` (``CHN;USA``, or
``all``), one series code (``NY.GDP.MKTP.KD.ZG``) and optionally the World Bank database
(source) id, 2 (World Development Indicators) unless given. wbgapi does the requests
(with `requests`, to `wbgapi.endpoint`): its first call in a process reads the database's
concepts, time periods and economy lists (cached), then every data page of 1,000
(``wbgapi.data.fetch``, labelled, so the series name that names the unit comes with the
rows); ``wbgapi.source.get`` gives the database's name and `lastupdated`, the release
date of the figures. Requests go with a User-Agent and a timeout (`wbgapi.get_options`,
set for the fetch and restored after), a response hook reports each data page to the
progress bar; a transport failure or a 5xx/429 answer repeats the step under
:meth:`Http.retry`. Tests serve recorded answers on a local port by pointing
`wbgapi.endpoint` at it, so the code path is the one of a live fetch.

A World Bank Indicators API v2 answer saved to a file (``[header, rows]``) ingests like
any other message (:func:`worldbank_cube`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from ...errors import InputFileError, ProviderError
from ..cube import Cube, code_frame, parse_release
from . import RETRY_STATUS, USER_AGENT, Fetched, Http, Progress, Transient

DEFAULT_SOURCE = 2  # World Development Indicators


def _cube(
    columns: dict[str, list[str]],
    labels: dict[str, dict[str, str]],
    released: date | None,
) -> Cube:
    """The cube of World Bank rows: dimensions country, indicator, date; each indicator's
    name ("GDP growth (annual %)") names its unit."""
    return Cube(
        frame=code_frame(columns),
        dimensions=["country", "indicator", "date"],
        fmt="worldbank",
        source="World Bank",
        released=released,
        labels=labels,
        roles={"region": "country", "indicator": "indicator", "period": "date"},
        units=dict(labels["indicator"]),
    )


def _value(where: str, n: int, value: Any) -> str:
    if value is None:
        return ""
    try:
        return repr(float(value))
    except (TypeError, ValueError):
        raise InputFileError(where, f"row {n}: value {value!r} is not a number") from None


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


def worldbank_cube(where: str, pages: list[Any]) -> Cube:
    """Every row of saved Indicators API v2 answer pages as one cube."""
    cols: dict[str, list[str]] = {"country": [], "indicator": [], "date": [], "value": []}
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
            cols["country"].append(code)
            cols["indicator"].append(ind)
            cols["date"].append(str(row["date"]))
            cols["value"].append(_value(where, n, row.get("value")))
            labels["country"].setdefault(code, str((row.get("country") or {}).get("value", "")))
            labels["indicator"].setdefault(ind, str((row.get("indicator") or {}).get("value", "")))
    return _cube(cols, labels, released)


def wbgapi_cube(where: str, rows: list[dict[str, Any]], released: date | None) -> Cube:
    """The rows of ``wbgapi.data.fetch(..., labels=True)`` as one cube: each row is
    ``{"value": 5.2, "economy": {"id", "value"}, "series": {...}, "time": {...}}``."""
    cols: dict[str, list[str]] = {"country": [], "indicator": [], "date": [], "value": []}
    labels: dict[str, dict[str, str]] = {"country": {}, "indicator": {}}
    for n, row in enumerate(rows, start=1):
        missing = [k for k in ("economy", "series", "time") if not isinstance(row.get(k), dict)]
        if missing:
            raise InputFileError(where, f"row {n}: no {' or '.join(missing)} dimension")
        economy, series, period = row["economy"], row["series"], row["time"]
        code, ind = str(economy.get("id", "")), str(series.get("id", ""))
        cols["country"].append(code)
        cols["indicator"].append(ind)
        cols["date"].append(str(period.get("value") or period.get("id", "")))
        cols["value"].append(_value(where, n, row.get("value")))
        labels["country"].setdefault(code, str(economy.get("value", "")))
        labels["indicator"].setdefault(ind, str(series.get("value", "")))
    return _cube(cols, labels, released)


class _Pages:
    """A `requests` response hook: counts answers, keeps the data pages' bodies (their
    checksum identifies the fetch) and reports each page to the progress bar."""

    def __init__(self, http: Http, progress: Progress | None) -> None:
        self.http, self.progress = http, progress
        self.bodies: list[bytes] = []
        self.urls: list[str] = []
        self.released: date | None = None

    def __call__(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        import orjson

        self.http.requests += 1
        if response.status_code != 200 or "/series/" not in response.url:
            return response
        self.bodies.append(response.content)
        self.urls.append(response.url)
        try:
            head = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            return response  # wbgapi reports it
        if isinstance(head, dict):
            self.released = parse_release(head.get("lastupdated")) or self.released
            if self.progress:
                page, per, total = (int(head.get(k) or 1) for k in ("page", "per_page", "total"))
                pages = int(head.get("pages") or -(-total // max(per, 1)))
                self.progress("pages", min(page, pages), pages)
        return response


@contextlib.contextmanager
def _options(w: Any, http: Http, hook: _Pages) -> Iterator[None]:
    """wbgapi's requests for this fetch: a timeout, our User-Agent and the page hook."""
    saved = w.get_options
    headers = {**dict(saved.get("headers") or {}), "User-Agent": USER_AGENT}
    w.get_options = {**saved, "timeout": http.timeout, "headers": headers,
                     "hooks": {"response": [hook]}}  # fmt: skip
    try:
        yield
    finally:
        w.get_options = saved


class WorldBankProvider:
    name = "worldbank"
    channel = "World Bank API"
    description = (
        "World Bank data API through wbgapi (query COUNTRIES/SERIES[/SOURCE], "
        "e.g. CHN;USA/NY.GDP.MKTP.KD.ZG)"
    )

    def fetch(
        self, query: str, since: date | None, http: Http, progress: Progress | None
    ) -> Fetched:
        import wbgapi as w

        countries, series, db = _parse(query)
        where = f"{self.name}:{query}"
        hook = _Pages(http, progress)

        def call(what: str, step: Callable[[], Any]) -> Any:
            return http.retry(self.name, what, lambda: _attempt(w, where, step))

        with _options(w, http, hook):
            source = call(f"database {db}", lambda: w.source.get(db))
            if not isinstance(source, dict):
                raise ProviderError(f"the World Bank has no database (source) {db}")
            period: Any = "all"
            if since:
                known = call(f"the periods of database {db}", lambda: w.time.periods(db))
                period = [key for value, key in known.items() if _year(value) >= since.year]
            rows: list[dict[str, Any]] = []
            if period:
                if progress:
                    progress("pages", 0, 1)
                rows = call(
                    f"{series} for {countries}",
                    lambda: list(w.data.fetch(series, countries, period, labels=True, db=db)),
                )
        released = hook.released or parse_release(source.get("lastupdated"))
        cube = wbgapi_cube(where, rows, released)
        return Fetched(
            cube=cube,
            url=hook.urls[0].split("?")[0] if hook.urls else str(w.endpoint),
            body=b"\n".join(hook.bodies) or repr(rows).encode(),
            dataset=str(source.get("name") or "World Development Indicators"),
            publisher="World Bank",
            released=released,
        )


def _parse(query: str) -> tuple[str, str, int]:
    parts = query.strip().split("/")
    db = parts[2] if len(parts) == 3 else str(DEFAULT_SOURCE)
    if len(parts) not in (2, 3) or not all(parts) or not db.isdigit():
        raise ProviderError(
            f"World Bank query {query!r}: give COUNTRIES/SERIES[/SOURCE], "
            "e.g. CHN;USA/NY.GDP.MKTP.KD.ZG or CHN/NY.GDP.MKTP.KD.ZG/2"
        )
    return parts[0], parts[1], int(db)


def _year(value: str) -> int:
    head = str(value).strip()[:4]
    return int(head) if head.isdigit() else 0


def _attempt(w: Any, where: str, step: Callable[[], Any]) -> Any:
    """One try of a wbgapi step, its failures sorted: Transient (tried again), the API's
    refusal or error answer (ProviderError), an answer that is not the API's format
    (InputFileError). Only wbgapi runs inside `step`, so a KeyError or TypeError there
    is an answer missing a field wbgapi reads."""
    import requests

    try:
        return step()
    except requests.RequestException as exc:
        problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise Transient(problem) from None
    except w.APIResponseError as exc:
        raise ProviderError(
            f"{exc.url}: the answer is not JSON ({exc.msg}); is it truncated?"
        ) from None
    except w.APIError as exc:
        if exc.code in RETRY_STATUS:
            raise Transient(f"HTTP {exc.code}") from None
        if exc.code:
            raise ProviderError(
                f"the World Bank API refused {where.partition(':')[2]!r}: "
                f"HTTP {exc.code} {exc.msg} ({exc.url})"
            ) from None
        if "Unrecognized response" in str(exc.msg):
            raise InputFileError(exc.url, "not a World Bank API answer") from None
        raise ProviderError(
            f"{exc.url}: the World Bank API answered with an error: {exc.msg}"
        ) from None
    except (KeyError, TypeError, IndexError, ValueError) as exc:
        raise InputFileError(
            where, f"not a World Bank API answer: {type(exc).__name__} {exc} while reading it"
        ) from None


__all__ = ["WorldBankProvider", "wbgapi_cube", "worldbank_cube"]
