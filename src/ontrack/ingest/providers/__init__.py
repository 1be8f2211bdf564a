"""Fetch: download a provider's answer and ingest it in one step, with its provenance.

Providers (``ontrack fetch --help`` lists them):

* every SDMX web service sdmx1 knows (IMF_DATA, OECD, ESTAT, ECB, ILO, BIS, UNSD, WB_WDI,
  ...): query ``FLOW/KEY`` (``WEO/CHN.NGDP_RPCH.A``), see sdmx.py;
* ``worldbank``, the World Bank's data API through wbgapi: ``COUNTRIES/SERIES[/SOURCE]``
  (``CHN;USA/NY.GDP.MKTP.KD.ZG``), see worldbank.py;
* ``nbs``, the National Bureau of Statistics of China data portal: ``DBCODE/INDICATOR[/REGIONS]``
  (``hgnd/A0201``, ``fsnd/A0201/Liaoning;Jilin``), see nbs.py.

Every request is tried under :class:`Http`'s rule (retries with back-off on failures and
5xx/429 answers). The SDMX and NBS providers request through its httpx client, so tests
replay recorded answers by giving it an ``httpx.MockTransport``; wbgapi makes its own
requests (with `requests`), so tests serve recorded answers on a local port and point
``wbgapi.endpoint`` at it. Either way the same code runs as for a live fetch. The answer
is read by the same readers as a file and stored by the same validation and vintage rules;
the ingest records provider, query, publisher, dataset, URL, retrieval time and release
date (the fetches table).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import httpx

from ...errors import ProviderError
from ..cube import Cube, Mapping

if TYPE_CHECKING:
    from ...store import IngestSummary, Store

Progress = Callable[[str, int, int], None]
USER_AGENT = "ontrack (https://github.com/ontrack; statistics fetch)"
RETRY_STATUS = {429, 500, 502, 503, 504}
T = TypeVar("T")


class Transient(Exception):
    """A failure worth trying again: a transport error or a 5xx/429 answer."""


class Http:
    """Requests with retries: a transport failure or a 5xx/429 answer is tried again after
    `backoff`, 2x`backoff`, 4x`backoff`... seconds, up to `tries` times in all.

    `get` is a GET through httpx (the SDMX and NBS providers); `retry` runs any attempt
    that raises :class:`Transient` under the same rule (the World Bank provider, whose
    requests wbgapi makes through `requests`). The httpx client is made on first use.
    """

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        tries: int = 4,
        backoff: float = 1.0,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self.tries, self.backoff, self.timeout, self.sleep = max(tries, 1), backoff, timeout, sleep
        self.requests = 0  # answers received, for tests and progress

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
            )
        return self._client

    def retry(self, provider: str, what: str, attempt: Callable[[], T]) -> T:
        """`attempt()`, tried again with back-off while it raises Transient; a provider
        still failing after `tries` is a ProviderError naming `what` was asked."""
        problem = ""
        for n in range(self.tries):
            if n:
                self.sleep(self.backoff * 2 ** (n - 1))
            try:
                return attempt()
            except Transient as exc:
                problem = str(exc)
        raise ProviderError(
            f"{provider} is not answering ({problem}) after {self.tries} tries of {what}; "
            "the service may be down: try again later"
        )

    def get(
        self,
        provider: str,
        url: str,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        def attempt() -> httpx.Response:
            try:
                response = self.client.get(url, params=params, headers=headers)
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                raise Transient(problem) from None
            self.requests += 1
            if response.status_code in RETRY_STATUS:
                raise Transient(f"HTTP {response.status_code}")
            return response

        return self.retry(provider, url, attempt)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


@dataclass
class Fetched:
    """A provider's answer, read: the cube and what to record about where it came from."""

    cube: Cube
    url: str
    body: bytes  # every answer concatenated: its checksum identifies the fetch
    dataset: str = ""
    publisher: str = ""
    released: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Provider(Protocol):
    name: str
    channel: str  # SDMX, World Bank API, NBS portal
    description: str

    def fetch(
        self, query: str, since: date | None, http: Http, progress: Progress | None
    ) -> Fetched: ...


def providers() -> dict[str, Provider]:
    """Every provider by name: the SDMX services of sdmx1, then worldbank and nbs."""
    from .nbs import NbsProvider
    from .sdmx import sdmx_providers
    from .worldbank import WorldBankProvider

    out: dict[str, Provider] = dict(sdmx_providers())
    out["worldbank"] = WorldBankProvider()
    out["nbs"] = NbsProvider()
    return out


def provider_list() -> list[tuple[str, str]]:
    """(name, description) of every provider, without importing sdmx1 (slow to import):
    its services are read from the sources.json it ships."""
    import importlib.util
    import json
    from pathlib import Path

    out: list[tuple[str, str]] = []
    spec = importlib.util.find_spec("sdmx")
    if spec is not None and spec.origin:
        listing = Path(spec.origin).parent / "sources.json"
        if listing.is_file():
            for src in json.loads(listing.read_text(encoding="utf-8")):
                if src.get("supports", {}).get("data", True):
                    out.append((str(src["id"]), f"{src.get('name', '')} (SDMX)"))
    out.append(("worldbank", "World Bank data API through wbgapi (COUNTRIES/SERIES[/SOURCE])"))
    out.append(("nbs", "NBS China data portal (DBCODE/INDICATOR[/REGIONS])"))
    return out


def get_provider(name: str) -> Provider:
    known = providers()
    for key, provider in known.items():
        if key.lower() == name.lower():
            return provider
    import difflib

    close = difflib.get_close_matches(name.upper(), [k.upper() for k in known], n=3)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise ProviderError(
        f"unknown provider {name!r}.{hint} Known: {', '.join(known)} (`ontrack fetch --help`)"
    )


def citation(fetched: Fetched, channel: str, retrieved: datetime) -> str:
    """'IMF World Economic Outlook (SDMX, retrieved 2026-12-03)': the source of every row."""
    what = " ".join(p for p in (fetched.publisher, fetched.dataset) if p).strip()
    return f"{what or 'unnamed dataset'} ({channel}, retrieved {retrieved:%Y-%m-%d})"


def fetch(
    store: Store,
    provider_name: str,
    query: str,
    *,
    since: date | None = None,
    mapping: Mapping | None = None,
    http: Http | None = None,
    progress: Progress | None = None,
    add_regions: bool = False,
    now: datetime | None = None,
) -> IngestSummary:
    """Download `query` from a provider and ingest it atomically, with its provenance.

    A second fetch that finds revised values adds them as new vintages (the ingest rules);
    an unchanged answer changes nothing.
    """
    from .. import ingest_cube

    provider = get_provider(provider_name)
    own = http is None
    http = http or Http()
    try:
        fetched = provider.fetch(query, since, http, progress)
    finally:
        if own:
            http.close()
    retrieved = now or datetime.now(UTC)
    cube = fetched.cube
    cube.source = citation(fetched, provider.channel, retrieved)
    if fetched.released and not cube.released:
        cube.released = fetched.released
    if since is not None:
        cube.frame = _since(cube, since)
    if not cube.frame.height:
        raise ProviderError(
            f"{provider.name} returned no observations for {query!r}"
            + (f" since {since}" if since else "")
            + "; check the query (codes, dimensions, period)"
        )
    name = f"{provider.name}:{query}"
    provenance = {
        "provider": provider.name,
        "query": query,
        "publisher": fetched.publisher,
        "dataset": fetched.dataset,
        "channel": provider.channel,
        "url": fetched.url,
        "retrieved_at": retrieved,
        "released": cube.released,
    }
    return ingest_cube(
        store,
        name,
        cube,
        checksum=hashlib.sha256(fetched.body).hexdigest(),
        mapping=mapping,
        add_regions=add_regions,
        progress=progress,
        provenance=provenance,
    )


def _since(cube: Cube, since: date) -> Any:
    """Observations whose period ends on or after `since` (providers that cannot filter
    by date on the server get it filtered here)."""
    import polars as pl

    from ...errors import PeriodError
    from ...periods import parse_period
    from ..cube import normalise_period

    period_dim = cube.roles.get("period", "")
    if period_dim not in cube.frame.columns:
        return cube.frame
    keep: list[str] = []
    for code in cube.frame[period_dim].unique().to_list():
        try:
            if parse_period(normalise_period(code)).end >= since:
                keep.append(code)
        except PeriodError:
            keep.append(code)  # validation names it
    return cube.frame.filter(pl.col(period_dim).is_in(keep))


__all__ = [
    "Fetched",
    "Http",
    "Provider",
    "Transient",
    "citation",
    "fetch",
    "get_provider",
    "provider_list",
    "providers",
]
