"""SDMX web services known to sdmx1 (IMF, OECD, Eurostat, ECB, ILO, BIS, WB_WDI, ...).

sdmx1 knows each service's address and quirks: it builds the query URLs (a dry run, no
network) and parses the answers; the download itself goes through :class:`Http`, so it
has retries, and tests replay recorded answers. Query: ``FLOW/KEY``, the key in SDMX REST
form (dot-separated codes per dimension, ``+`` for several, empty for all):
``WEO/CHN+USA.NGDP_RPCH.A``. Two requests: the dataflow (for its name; optional) and the data.
"""

from __future__ import annotations

import warnings
from datetime import date
from typing import Any

from ...errors import InputFileError, ProviderError
from ..sdmx import read_sdmx, read_sdmx_message
from . import Fetched, Http, Progress

_REQUESTS_DEFAULTS = {"user-agent", "accept-encoding", "connection"}


def _split(query: str) -> tuple[str, str]:
    flow, _, key = query.strip().partition("/")
    if not flow:
        raise ProviderError(f"SDMX query {query!r}: give FLOW/KEY, e.g. WEO/CHN.NGDP_RPCH.A")
    return flow, key


class SdmxProvider:
    channel = "SDMX"

    def __init__(self, source_id: str) -> None:
        import sdmx

        self.name = source_id
        self.source = sdmx.get_source(source_id)
        self.description = f"{self.source.name} (SDMX; query FLOW/KEY)"

    def _request(self, resource: str, flow: str, key: str, params: dict[str, Any]) -> Any:
        import sdmx

        client = sdmx.Client(self.name)
        kwargs: dict[str, Any] = {"params": params, "dry_run": True}
        if key:
            kwargs["key"] = key
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return client.get(resource, flow, **kwargs)
        except NotImplementedError as exc:
            raise ProviderError(f"{self.name}: {exc}") from None
        except ValueError as exc:
            raise ProviderError(f"{self.name}: cannot build the query: {exc}") from None

    def fetch(
        self, query: str, since: date | None, http: Http, progress: Progress | None
    ) -> Fetched:
        flow, key = _split(query)
        dataset, bodies = flow, []
        if progress:
            progress("dataflow", 0, 2)
        try:
            req = self._request("dataflow", flow, "", {"references": "none"})
        except ProviderError:
            req = None  # a service without the dataflow endpoint (WB_WDI): use the flow id
        if req is not None:
            answer = http.get(self.name, req.url, headers=_headers(req))
            if answer.status_code == 200:
                dataset = _flow_name(answer.content, flow) or flow
        if progress:
            progress("data", 1, 2)
        params = {"startPeriod": str(since.year)} if since else {}
        req = self._request("data", flow, key, params)
        answer = http.get(self.name, req.url, headers=_headers(req))
        if answer.status_code == 404:
            raise ProviderError(
                f"{self.name} returned no observations for {query!r} (HTTP 404, no results); "
                "check the flow id, the key's codes and their order"
            )
        if answer.status_code >= 400:
            raise ProviderError(
                f"{self.name} refused the query {query!r}: HTTP {answer.status_code} "
                f"{answer.text[:200]!r}"
            )
        where = f"{self.name}:{query}"
        fmt = "JSON" if "json" in answer.headers.get("content-type", "") else None
        try:
            cube = read_sdmx(where, answer.content, fmt)
        except InputFileError as exc:
            if "no observations" in exc.problem:
                raise ProviderError(f"{self.name} returned no observations for {query!r}") from None
            raise
        cube.roles.setdefault("period", "TIME_PERIOD")
        bodies.append(answer.content)
        if progress:
            progress("data", 2, 2)
        return Fetched(
            cube=cube,
            url=str(req.url),
            body=b"".join(bodies),
            dataset=dataset,
            publisher=self.source.name,
        )


def _headers(req: Any) -> dict[str, str]:
    return {k: v for k, v in dict(req.headers).items() if k.lower() not in _REQUESTS_DEFAULTS}


def _flow_name(data: bytes, flow: str) -> str:
    try:
        msg = read_sdmx_message("dataflow", data)
    except InputFileError:
        return ""
    flows = getattr(msg, "dataflow", None) or {}
    for ident, df in getattr(flows, "items", lambda: [])():
        if ident == flow or len(flows) == 1:
            name = getattr(df, "name", None)
            return str(name.localized_default()) if name is not None else ""
    return ""


def sdmx_providers() -> dict[str, SdmxProvider]:
    import sdmx

    return {sid: SdmxProvider(sid) for sid in sdmx.list_sources()}


__all__ = ["SdmxProvider", "sdmx_providers"]
