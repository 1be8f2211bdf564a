"""The response cache of the web server: keyed on what a page depends on, bounded in bytes.

A key is (path, the request's *known* query parameters normalised, today, store version):
a junk parameter (`?x=1`), a repeated one or a differently spelled date (`2024-4-23` is
refused, `2024-04-23` kept) cannot make a new entry, so rotating them cannot grow memory or
bypass the cache. The entries are bounded by their total size ($ONTRACK_CACHE_BYTES), the
least recently used evicted first. The store version changes with every write by any
process (see `store_version`), so a `ontrack link` in a shell shows on the next request.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import date
from typing import Any
from urllib.parse import parse_qsl

import sqlalchemy as sa

from ..limits import limits
from ..store import Store

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UNCACHED_PREFIXES = ("/static/", "/upload", "/docs")


def store_version(store: Store) -> tuple[Any, ...]:
    """One cheap query whose answer changes with every write: counts where rows can be
    deleted, the newest id or time where rows are only added or replaced."""
    from ..tables import (
        assessments_t,
        documents_t,
        indicators_t,
        links_t,
        observations_t,
        regions_t,
        series_t,
        statements_t,
    )

    def scalar(expr: Any) -> Any:
        return sa.select(expr).scalar_subquery()

    q = sa.select(
        scalar(sa.func.count(documents_t.c.id)),
        scalar(sa.func.count(statements_t.c.id)),
        scalar(sa.func.max(statements_t.c.id)),
        scalar(sa.func.max(observations_t.c.id)),
        scalar(sa.func.count(series_t.c.id)),
        scalar(sa.func.count(links_t.c.statement_id)),
        scalar(sa.func.max(links_t.c.created_at)),
        scalar(sa.func.max(assessments_t.c.id)),
        scalar(sa.func.count(regions_t.c.id)),
        scalar(sa.func.count(indicators_t.c.id)),
    )
    with store.engine.connect() as conn:
        return tuple(conn.execute(q).one())


def known_parameters(app: Any) -> frozenset[str]:
    """Every query parameter name some route of the app reads."""
    names: set[str] = set()
    for route in getattr(app, "routes", []):
        dependant = getattr(route, "dependant", None)
        if dependant is not None:
            names.update(p.alias for p in dependant.query_params)
    return frozenset(names)


def normalised_query(raw: bytes, known: frozenset[str]) -> tuple[tuple[str, str], ...] | None:
    """The known parameters (last value wins, as in the app), sorted; None: do not cache."""
    try:
        pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=False)
    except ValueError:
        return None
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in known:
            values[name] = value.strip()
    as_of = values.get("as_of")
    if as_of:
        try:
            values["as_of"] = date.fromisoformat(as_of).isoformat()
        except ValueError:
            return None  # answered 422, never cached
    return tuple(sorted((k, v) for k, v in values.items() if v))


class ResponseCache:
    """ASGI middleware: successful GETs of pages and API reads, bounded in bytes."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        dash: Any,
        max_bytes: int | None = None,
        known: frozenset[str] | None = None,
    ) -> None:
        self.app, self.dash = app, dash
        self.max_bytes = max_bytes if max_bytes is not None else limits().cache_bytes
        self.entry_bytes = max(1, self.max_bytes // 8)  # no single page may take it all
        self.known = known
        self.entries: OrderedDict[tuple[Any, ...], tuple[int, list[Any], bytes]] = OrderedDict()
        self.bytes = 0

    def _key(self, scope: Scope) -> tuple[Any, ...] | None:
        if self.known is None:
            self.known = known_parameters(scope.get("app"))
        query = normalised_query(scope.get("query_string", b""), self.known)
        if query is None:
            return None
        return (scope.get("path", ""), query, date.today(), self.dash.state())

    def _put(self, key: tuple[Any, ...], headers: list[Any], body: bytes) -> None:
        if len(body) > self.entry_bytes:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.bytes -= len(old[2])
        self.entries[key] = (200, headers, body)
        self.bytes += len(body)
        while self.bytes > self.max_bytes and self.entries:
            _k, (_s, _h, dropped) = self.entries.popitem(last=False)
            self.bytes -= len(dropped)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or path.startswith(UNCACHED_PREFIXES)
            or _has_review_cookie(scope)  # a reviewer's pages carry their CSRF token
        ):
            await self.app(scope, receive, send)
            return
        key = self._key(scope)
        hit = self.entries.get(key) if key is not None else None
        if key is not None and hit is not None:
            self.entries.move_to_end(key)
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: Message = {}
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and key is not None:
                body = message.get("body", b"")
                size += len(body)
                if size <= self.entry_bytes:
                    chunks.append(body)
                done = not message.get("more_body") and start.get("status") == 200
                if done and size <= self.entry_bytes:
                    self._put(key, list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)


__all__ = ["ResponseCache", "known_parameters", "normalised_query", "store_version"]


def _has_review_cookie(scope: Scope) -> bool:
    from .review import COOKIE

    marker = COOKIE.encode() + b"="
    return any(k == b"cookie" and marker in v for k, v in scope.get("headers", []))
