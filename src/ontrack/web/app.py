"""The FastAPI application: server-rendered pages, their `.json` twins and the REST API.

    from ontrack.web import create_app
    app = create_app("ontrack.db", token=os.environ.get("ONTRACK_TOKEN"))

Pages call the context functions of `context.py` and render them with `render.py`; the API
calls the Store. Writes (uploads) need `Authorization: Bearer <token>`; with no token
configured the server is read-only (writes answer 403), a missing or wrong token gets 401.
"""

from __future__ import annotations

import dataclasses
import hmac
import os
import re
import tempfile
import threading
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NotFoundError, OntrackError, ParameterError, RowError, ValidationError
from ..jsonsafe import strict_json
from ..limits import limits
from ..store import Store
from . import context as pages
from .cache import ResponseCache
from .glossary import glossary_context
from .render import Links, render

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
DATA_SUFFIXES = {".csv", ".tsv", ".xlsx"}
STATIC_DIR = Path(__file__).parent / "static"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(HTTPException):
    """A request body passed the size limit while it was being read (an HTTPException, so
    that FastAPI's body parsing passes it on as 413 instead of a generic 400)."""

    def __init__(self) -> None:
        super().__init__(413, "upload too large")


class Guard:
    """ASGI middleware: security headers on every response; for writes, the size limit and
    the API token are checked before any of the request body is read."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_bytes: int) -> None:
        self.app, self.token, self.max_bytes = app, token, max_bytes
        self.max_query = limits().query_chars

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] not in _HEADER_NAMES]
                message["headers"] = headers + SECURITY_HEADERS
            await send(message)

        if len(scope.get("query_string", b"")) > self.max_query:
            too_long = JSONResponse(
                {"detail": f"query string over {self.max_query} characters"}, status_code=414
            )
            await too_long(scope, receive, send_with_headers)
            return
        if scope["method"] in WRITE_METHODS:
            refusal = self.refuse(scope)
            if refusal is not None:
                await refusal(scope, receive, send_with_headers)
                return
            receive = self.bounded(receive)
        try:
            await self.app(scope, receive, send_with_headers)
        except BodyTooLarge:
            # Raised while the body streams in (chunked uploads carry no length): at most
            # max_bytes were read, and nothing was stored.
            refusal = JSONResponse({"detail": "upload too large"}, status_code=413)
            await refusal(scope, receive, send_with_headers)

    def bounded(self, receive: Receive) -> Receive:
        """`receive` that stops a body, chunked or not, once it passes the size limit."""
        seen = 0
        limit = self.max_bytes + 64 * 1024  # room for the multipart envelope

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        return limited

    def refuse(self, scope: Scope) -> Response | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes + 64 * 1024:
            return JSONResponse({"detail": "upload too large"}, status_code=413)
        if not self.token:
            return JSONResponse(
                {"detail": "this server is read-only: no ONTRACK_TOKEN is configured"},
                status_code=403,
            )
        if not scope["path"].startswith("/api/"):
            return None  # the upload page form carries its token in the (bounded) body
        if not check_token(headers.get("authorization", ""), self.token):
            return JSONResponse(
                {"detail": "a valid API token is required (Authorization: Bearer ...)"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return None


_HEADER_NAMES = {h[0] for h in SECURITY_HEADERS}


MAX_CACHED_BYTES = 8 * 1024 * 1024


def check_token(authorization: str, token: str) -> bool:
    scheme, _, given = authorization.partition(" ")
    ok_scheme = scheme.lower() == "bearer"
    same = hmac.compare_digest(given.strip().encode(), token.encode())
    return ok_scheme and same


def _json(data: Any, status_code: int = 200) -> Response:
    body = strict_json(data)
    return Response(body, status_code=status_code, media_type="application/json")


def _safe_name(filename: str | None, allowed: set[str]) -> str:
    name = Path((filename or "").replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise HTTPException(
            415, f"file type {suffix or '(none)'!r} not accepted; use {', '.join(sorted(allowed))}"
        )
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", Path(name).stem)[:80] or "upload"
    return stem + suffix


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"upload too large: the limit is {limit} bytes")
    return data


@contextmanager
def _named_as(path: Path, name: str) -> Iterator[None]:
    """Errors about an uploaded file name the user's file, never the server's temp path."""
    try:
        yield
    except ValidationError as exc:
        rows = [RowError(name, e.line, e.problem) for e in exc.errors]
        raise ValidationError(name, rows, exc.count) from None
    except OntrackError as exc:
        message = str(exc).replace(str(path), name).replace(str(path.parent), "")
        raise OntrackError(message) from None


class Uploads:
    """Document and data uploads: write to a private temp dir, run the library, re-link."""

    def __init__(self, dash: pages.Dashboard) -> None:
        self.dash = dash
        self.lock = threading.Lock()

    def document(self, name: str, data: bytes) -> dict[str, Any]:
        from ..assess import link_statements
        from ..extract import extract_document, read_document

        with self.lock, tempfile.TemporaryDirectory(prefix="ontrack-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            with _named_as(path, name):
                doc = read_document(path)
                if doc.source == str(path):  # never store (or show) the server's temp path
                    doc = dataclasses.replace(doc, source=name)
                stmts = extract_document(doc)
                stored = self.dash.store.save_document(doc, stmts)
            link_statements(self.dash.store)
            self.dash.invalidate()
        return {
            "document_id": doc.id,
            "title": doc.title,
            "statements": len(stmts),
            "stored": stored,
            "region": doc.region_id,
        }

    def data(self, name: str, data: bytes) -> dict[str, Any]:
        from ..assess import link_statements

        with self.lock, tempfile.TemporaryDirectory(prefix="ontrack-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            with _named_as(path, name):
                summary = self.dash.store.ingest(path)
            link_statements(self.dash.store)
            self.dash.invalidate()
        out = summary.to_dict()
        out["path"] = name
        return out


def create_app(
    store_or_url: Store | str | os.PathLike[str] | None = None,
    token: str | None = None,
    *,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    model: str = "damped",
    cache: bool = True,
) -> FastAPI:
    """The dashboard over a Store (or a path/URL to open one). `token` defaults to
    $ONTRACK_TOKEN; with no token the server is read-only."""
    store = store_or_url if isinstance(store_or_url, Store) else Store(store_or_url)
    token = token if token is not None else os.environ.get("ONTRACK_TOKEN") or None
    dash = pages.Dashboard(store, model=model)
    uploads = Uploads(dash)
    links = Links()
    app = FastAPI(
        title="ontrack",
        summary="Targets and claims from government texts, checked against statistics.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.dashboard = dash
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    def page(template: str, ctx: dict[str, Any], json_url: str, **extra: Any) -> HTMLResponse:
        html = render(template, ctx, links, json_url=json_url, writable=bool(token), **extra)
        return HTMLResponse(html)

    # -- errors ----------------------------------------------------------------------------
    def error(request: Request, status: int, detail: str) -> Response:
        path = request.url.path
        if path.startswith("/api/") or path.endswith(".json"):
            return _json({"detail": detail}, status)
        html = render("error.html", {}, links, status_code=status, detail=detail)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(pages.PageNotFound)
    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: Exception) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        # One sentence naming each bad field, the same shape as every other 4xx answer.
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("path", "query"))
            parts.append(f"{where}: {e.get('msg', 'invalid')}")
        return error(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(pages.BadParameter)
    async def bad_page_parameter(request: Request, exc: Exception) -> Response:
        return error(request, 422, str(exc))

    @app.exception_handler(ValidationError)
    async def invalid(request: Request, exc: ValidationError) -> Response:
        detail = f"{exc.count} bad row(s); nothing stored: " + "; ".join(map(str, exc.errors))
        return error(request, 422, detail)

    @app.exception_handler(ParameterError)
    async def bad_parameter(request: Request, exc: ParameterError) -> Response:
        path = request.url.path
        if path.startswith("/api/") or path.endswith(".json"):
            detail = [{"loc": ["query", exc.field], "msg": exc.problem, "type": "value_error"}]
            return _json({"detail": detail}, 422)
        return error(request, 422, str(exc))

    @app.exception_handler(OntrackError)
    async def bad_input(request: Request, exc: OntrackError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        """No traceback reaches a visitor: a known failure (a locked or read-only store)
        gets its message, anything else a short internal-error answer (the server log has
        the traceback)."""
        from ..failures import explain

        known = explain(exc)
        if known is not None:
            return error(request, 503, str(known))
        return error(request, 500, "internal error; the server log has the details")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        resp = error(request, exc.status_code, str(exc.detail))
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

    # -- pages and their JSON ---------------------------------------------------------------
    @app.get("/index.json", tags=["pages"], summary="Home page data: regions by status")
    def home_json(as_of: str | None = None) -> Response:
        return _json(pages.home_context(dash, as_of=as_of))

    @app.get("/", include_in_schema=False)
    def home(as_of: str | None = None) -> HTMLResponse:
        return page("home.html", pages.home_context(dash, as_of=as_of), "/index.json")

    region_params = dict(
        as_of=Query(None, description="YYYY-MM-DD; default today"),
        status=Query(None),
        kind=Query(None, description="target, result, comparison or goal"),
        q=Query(None, description="words in the quote or indicator"),
        sort=Query(None, description=", ".join(pages.SORTS)),
        order=Query(None, description="asc or desc"),
    )

    @app.get("/region/{region}.json", tags=["pages"], summary="Region scorecard data")
    def region_json(
        region: str,
        as_of: str | None = region_params["as_of"],
        status: str | None = region_params["status"],
        kind: str | None = region_params["kind"],
        q: str | None = region_params["q"],
        sort: str | None = region_params["sort"],
        order: str | None = region_params["order"],
        checked: str | None = Query(None, description="yes: rows checked by a person; no"),
    ) -> Response:
        ctx = pages.region_context(
            dash,
            region,
            as_of=as_of,
            status=status,
            kind=kind,
            q=q,
            sort=sort,
            order=order,
            checked=checked,
        )
        return _json(ctx)

    @app.get("/region/{region}", include_in_schema=False)
    def region_page(
        request: Request,
        region: str,
        as_of: str | None = None,
        status: str | None = None,
        kind: str | None = None,
        q: str | None = None,
        sort: str | None = None,
        order: str | None = None,
        checked: str | None = None,
    ) -> HTMLResponse:
        ctx = pages.region_context(
            dash,
            region,
            as_of=as_of,
            status=status,
            kind=kind,
            q=q,
            sort=sort,
            order=order,
            checked=checked,
        )
        query = f"?{request.url.query}" if request.url.query else ""
        return page("region.html", ctx, links.json("region", ctx["region"]) + query)

    def _int(text: str) -> int:
        # ASCII digits only (str.isdigit accepts '²'), and within a database integer
        if not (text.isascii() and text.isdigit()) or len(text) > 19 or int(text) > 2**63 - 1:
            raise pages.PageNotFound(f"{text[:40]!r} is not an id")
        return int(text)

    def base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    @app.get("/statement/{statement_id}.json", tags=["pages"], summary="Statement page data")
    def statement_json(request: Request, statement_id: str, as_of: str | None = None) -> Response:
        ctx = pages.statement_context(dash, _int(statement_id), as_of=as_of, base_url=base(request))
        return _json(ctx)

    @app.get("/statement/{statement_id}", include_in_schema=False)
    def statement_page(
        request: Request, statement_id: str, as_of: str | None = None
    ) -> HTMLResponse:
        ctx = pages.statement_context(dash, _int(statement_id), as_of=as_of, base_url=base(request))
        return page("statement.html", ctx, links.json("statement", statement_id))

    @app.get("/document/{document_id}.json", tags=["pages"], summary="Document page data")
    def document_json(document_id: str) -> Response:
        return _json(pages.document_context(dash, document_id))

    @app.get("/document/{document_id}", include_in_schema=False)
    def document_page(request: Request, document_id: str) -> HTMLResponse:
        return review_document_page(request, document_id)

    def review_document_page(
        request: Request, document_id: str, *, status: int = 200, message: str = ""
    ) -> HTMLResponse:
        from .review import _shown, review_mode

        ctx = pages.document_context(dash, document_id)
        mode = review_mode(request, token)
        resp = page(
            "document.html",
            ctx,
            links.json("document", document_id),
            review=mode,
            review_message=message,
            field_text=_shown,
        )
        resp.status_code = status
        if mode and mode["signed_in"]:
            resp.headers["cache-control"] = "no-store"
        return resp

    from .series_index import page_number, series_index_context

    index_page = Query(None, alias="page", description="page of the index, from 1 (100 a page)")
    index_region = Query(None, description="only this region's series (id, name or alias)")

    @app.get("/series.json", tags=["pages"], summary="Series index: one page of every series")
    def series_index_json(
        page_no: str | None = index_page, region: str | None = index_region
    ) -> Response:
        return _json(series_index_context(dash, page=page_number(page_no), region=region))

    @app.get("/series", include_in_schema=False)
    def series_index_page(
        page_no: str | None = index_page, region: str | None = index_region
    ) -> HTMLResponse:
        ctx = series_index_context(dash, page=page_number(page_no), region=region)
        where = {"page": ctx["page_number"], "region": ctx["region"]}
        return page("series_index.html", ctx, links.json("series-index", **where))

    @app.get("/series/{series_id}.json", tags=["pages"], summary="Series page data")
    def series_json(request: Request, series_id: str) -> Response:
        return _json(pages.series_context(dash, _int(series_id), base_url=base(request)))

    @app.get("/series/{series_id}", include_in_schema=False)
    def series_page(request: Request, series_id: str) -> HTMLResponse:
        ctx = pages.series_context(dash, _int(series_id), base_url=base(request))
        return page("series.html", ctx, links.json("series", series_id))

    @app.get("/search.json", tags=["pages"], summary="Search statements and series")
    def search_json(q: str | None = None) -> Response:
        return _json(pages.search_context(dash, q))

    @app.get("/search", include_in_schema=False)
    def search_page(request: Request, q: str | None = None) -> HTMLResponse:
        query = f"?{request.url.query}" if request.url.query else ""
        return page("search.html", pages.search_context(dash, q), "/search.json" + query)

    @app.get("/glossary.json", tags=["pages"], summary="Glossary: the words verdicts use")
    def glossary_json() -> Response:
        return _json(glossary_context())

    @app.get("/glossary", include_in_schema=False)
    def glossary_page() -> HTMLResponse:
        return page("glossary.html", glossary_context(), "/glossary.json")

    from .changes import add_change_routes

    add_change_routes(app, dash, page, links)

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        endpoints = []
        for path, ops in app.openapi()["paths"].items():
            for method, op in ops.items():
                endpoints.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": op.get("summary", ""),
                        "params": [p["name"] for p in op.get("parameters", [])],
                    }
                )
        return page("api_docs.html", {}, "/openapi.json", endpoints=endpoints)

    # -- upload page -------------------------------------------------------------------------
    max_mb = max_upload_bytes // (1024 * 1024)

    @app.get("/upload", include_in_schema=False)
    def upload_form() -> HTMLResponse:
        return page("upload.html", {}, "", message="", max_mb=max_mb)

    @app.post("/upload", include_in_schema=False)
    async def upload_submit(
        file: Annotated[UploadFile, File()],
        token_field: Annotated[str, Form(alias="token")] = "",
        kind: Annotated[str, Form()] = "document",
    ) -> HTMLResponse:
        if not token:
            raise HTTPException(403, "this server is read-only: no ONTRACK_TOKEN is configured")
        if not hmac.compare_digest(token_field.encode(), token.encode()):
            raise HTTPException(401, "wrong API token")
        result = await _upload(kind, file)
        if kind == "document":
            message = (
                f"Stored {result['title'] or result['document_id']}: "
                f"{result['statements']} statements extracted."
                if result["stored"]
                else "This document was already stored."
            )
        else:
            message = (
                f"Ingested {result['path']}: {result['observations_added']} observations, "
                f"{result['series_added']} new series."
            )
        return page("upload.html", {}, "", message=message, max_mb=max_mb)

    async def _upload(kind: str, file: UploadFile) -> dict[str, Any]:
        from starlette.concurrency import run_in_threadpool

        if kind == "document":
            name = _safe_name(file.filename, DOCUMENT_SUFFIXES)
            data = await _read_limited(file, max_upload_bytes)
            return await run_in_threadpool(uploads.document, name, data)
        if kind == "data":
            name = _safe_name(file.filename, DATA_SUFFIXES)
            data = await _read_limited(file, max_upload_bytes)
            return await run_in_threadpool(uploads.data, name, data)
        raise HTTPException(400, "kind must be 'document' or 'data'")

    from .trackrecord import track_record_context

    @app.get("/track-record.json", tags=["pages"], summary="Track record: backtest of P(met)")
    def track_record_json() -> Response:
        return _json(track_record_context(dash))

    @app.get("/track-record", include_in_schema=False)
    def track_record_page() -> HTMLResponse:
        return page("track_record.html", track_record_context(dash), "/track-record.json")

    # -- REST API ----------------------------------------------------------------------------
    from .api import add_api

    add_api(app, dash, upload=_upload)
    from .review import add_review_api, add_review_routes

    add_review_routes(app, dash, token=token, document_page=review_document_page)
    add_review_api(app, dash)
    if cache:
        app.add_middleware(ResponseCache, dash=dash)
    app.add_middleware(Guard, token=token, max_bytes=max_upload_bytes)
    return app


__all__ = ["MAX_UPLOAD_BYTES", "check_token", "create_app"]
