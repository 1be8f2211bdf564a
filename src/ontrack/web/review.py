"""Review controls of the document page: confirm, edit, reject or add statements.

Only a server with ONTRACK_TOKEN offers them. A reviewer signs in once with the token and a
name; the server answers with a signed cookie (HttpOnly, SameSite=Strict) naming the
reviewer. Every review form carries a CSRF token derived from that cookie with the server's
token (HMAC), checked in constant time, and the Origin header, when sent, must be this
server. Each action is one POST that goes through ontrack.review, validated exactly as
`ontrack statement ...` is; the answer redirects back to the document (303), or shows the
document again with the refusal. No inline script: the selection helper is static/review.js.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import review
from ..errors import OntrackError
from . import context as pages

COOKIE = "ontrack_reviewer"
MAX_NAME = 80


def _mac(token: str, purpose: str, value: str) -> str:
    digest = hmac.new(token.encode(), f"{purpose}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()


def session_cookie(token: str, name: str) -> str:
    encoded = base64.urlsafe_b64encode(name.encode()).decode().rstrip("=")
    return f"{encoded}.{_mac(token, 'reviewer', encoded)}"


def reviewer_of(token: str | None, cookie: str | None) -> str | None:
    """The reviewer named by a valid session cookie, else None."""
    if not token or not cookie or "." not in cookie:
        return None
    encoded, _, mac = cookie.rpartition(".")
    if not hmac.compare_digest(mac.encode(), _mac(token, "reviewer", encoded).encode()):
        return None
    try:
        return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def csrf_token(token: str, cookie: str) -> str:
    return _mac(token, "csrf", cookie)


def review_mode(request: Request, token: str | None) -> dict[str, Any] | None:
    """What the document template needs to show review controls, or None (no token).

    {"signed_in": bool, "reviewer": name, "csrf": token}."""
    if not token:
        return None
    cookie = request.cookies.get(COOKIE)
    name = reviewer_of(token, cookie)
    if name is None or cookie is None:
        return {"signed_in": False, "reviewer": "", "csrf": ""}
    return {"signed_in": True, "reviewer": name, "csrf": csrf_token(token, cookie)}


def add_review_routes(
    app: FastAPI,
    dash: pages.Dashboard,
    *,
    token: str | None,
    document_page: Callable[..., HTMLResponse],
) -> None:
    """The POST endpoints of review mode. `document_page(request, document_id, status=...,
    message=...)` renders the document page (used to show a refused action)."""

    def check(request: Request, csrf: str) -> str:
        """The signed-in reviewer, after the token, origin and CSRF checks."""
        if not token:
            raise HTTPException(403, "this server is read-only: no ONTRACK_TOKEN is configured")
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
            raise HTTPException(403, "cross-origin review requests are refused")
        cookie = request.cookies.get(COOKIE)
        name = reviewer_of(token, cookie)
        if name is None or cookie is None:
            raise HTTPException(401, "sign in as a reviewer first (on the document page)")
        if not hmac.compare_digest(csrf.encode(), csrf_token(token, cookie).encode()):
            raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page")
        return name

    def back(document_id: str, anchor: str = "") -> Response:
        target = f"/document/{document_id}" + (f"#{anchor}" if anchor else "")
        return RedirectResponse(target, status_code=303)

    def document_of(statement_id: int) -> str:
        found = dash.store.statements(statement_id=statement_id)
        if not found:
            raise pages.PageNotFound(f"no statement {statement_id}")
        return found[0].document_id or ""

    def attempt(
        request: Request, document_id: str, action: Callable[[], dict[str, Any]]
    ) -> Response:
        try:
            shown = action()
        except OntrackError as exc:
            return document_page(request, document_id, status=422, message=str(exc))
        dash.invalidate()
        return back(document_id, f"r{shown['id']}")

    @app.post("/review/login", include_in_schema=False)
    def login(
        token_field: Annotated[str, Form(alias="token")] = "",
        name: Annotated[str, Form()] = "",
        document: Annotated[str, Form()] = "",
    ) -> Response:
        if not token:
            raise HTTPException(403, "this server is read-only: no ONTRACK_TOKEN is configured")
        if not hmac.compare_digest(token_field.encode(), token.encode()):
            raise HTTPException(401, "wrong API token")
        who = " ".join(name.split())[:MAX_NAME]
        if not who:
            raise HTTPException(400, "give your name: the history records who reviewed")
        dash.store.get_document(document)  # only redirect to a stored document
        resp = back(document)
        resp.set_cookie(
            COOKIE, session_cookie(token, who), httponly=True, samesite="strict", path="/"
        )
        return resp

    @app.post("/review/logout", include_in_schema=False)
    def logout(
        request: Request,
        csrf: Annotated[str, Form()] = "",
        document: Annotated[str, Form()] = "",
    ) -> Response:
        check(request, csrf)
        dash.store.get_document(document)
        resp = back(document)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @app.post("/review/statement/{statement_id}/confirm", include_in_schema=False)
    def confirm(request: Request, statement_id: int, csrf: Annotated[str, Form()] = "") -> Response:
        who = check(request, csrf)
        doc = document_of(statement_id)
        return attempt(request, doc, lambda: review.confirm(dash.store, statement_id, by=who))

    @app.post("/review/statement/{statement_id}/reject", include_in_schema=False)
    def reject(
        request: Request,
        statement_id: int,
        csrf: Annotated[str, Form()] = "",
        reason: Annotated[str, Form()] = "",
    ) -> Response:
        who = check(request, csrf)
        doc = document_of(statement_id)
        return attempt(
            request, doc, lambda: review.reject(dash.store, statement_id, reason=reason, by=who)
        )

    @app.post("/review/statement/{statement_id}/edit", include_in_schema=False)
    async def edit(request: Request, statement_id: int) -> Response:
        form = await request.form()
        who = check(request, str(form.get("csrf", "")))
        doc = document_of(statement_id)
        current = dash.store.statements(statement_id=statement_id)[0].to_dict()
        # Only the fields whose box differs from the value shown are edits.
        changes = {}
        for name in review.EDITABLE:
            if name in form:
                given = str(form[name]).strip()
                now = current["region" if name == "region" else name]
                if given != _shown(now):
                    changes[name] = given
        reason = str(form.get("reason", ""))
        return attempt(
            request,
            doc,
            lambda: review.edit(dash.store, statement_id, changes, reason=reason, by=who),
        )

    @app.post("/review/document/{document_id}/add", include_in_schema=False)
    async def add(request: Request, document_id: str) -> Response:
        form = await request.form()
        who = check(request, str(form.get("csrf", "")))
        dash.store.get_document(document_id)

        def offsets(key: str) -> int | None:
            text = str(form.get(key, "")).strip()
            if not text:
                return None
            if not text.lstrip("-").isdigit():
                raise OntrackError(f"{key} {text!r} is not a character offset")
            return int(text)

        def run() -> dict[str, Any]:
            fields = {
                name: str(form[name])
                for name in review.EDITABLE
                if name != "kind" and str(form.get(name, "")).strip()
            }
            return review.add(
                dash.store,
                document_id,
                kind=str(form.get("kind", "")),
                start=offsets("start"),
                end=offsets("end"),
                quote=str(form.get("quote", "")) or None,
                fields=fields,
                reason=str(form.get("reason", "")),
                by=who,
            )

        return attempt(request, document_id, run)


def add_review_api(app: FastAPI, dash: pages.Dashboard) -> None:
    """Review for scripts over HTTP: POST /api/statements/{id}/{confirm|edit|reject} and
    /api/documents/{id}/statements, JSON in and out. The Guard middleware has already
    checked `Authorization: Bearer $ONTRACK_TOKEN` (every /api/ write needs it), so no
    cookie is involved and CSRF does not apply."""
    from starlette.concurrency import run_in_threadpool

    async def body(request: Request) -> dict[str, Any]:
        try:
            data = await request.json()
        except ValueError:
            raise HTTPException(400, "the body must be a JSON object") from None
        if not isinstance(data, dict):
            raise HTTPException(400, "the body must be a JSON object")
        return data

    def changes_of(data: dict[str, Any]) -> dict[str, str]:
        given = data.get("set", {})
        if not isinstance(given, dict):
            raise HTTPException(400, '"set" must be an object of FIELD: VALUE')
        return {str(k): "" if v is None else str(v) for k, v in given.items()}

    async def run(call: Callable[[], dict[str, Any]]) -> Response:
        shown = await run_in_threadpool(call)
        dash.invalidate()
        return _json_response(shown)

    @app.post("/api/statements/{statement_id}/confirm", tags=["api"], summary="Confirm")
    async def api_confirm(request: Request, statement_id: int) -> Response:
        data = await body(request)
        by, reason = str(data.get("by") or ""), str(data.get("reason") or "")
        return await run(lambda: review.confirm(dash.store, statement_id, by=by, reason=reason))

    @app.post("/api/statements/{statement_id}/edit", tags=["api"], summary="Correct fields")
    async def api_edit(request: Request, statement_id: int) -> Response:
        data = await body(request)
        by, reason = str(data.get("by") or ""), str(data.get("reason") or "")
        changes = changes_of(data)
        return await run(
            lambda: review.edit(dash.store, statement_id, changes, reason=reason, by=by)
        )

    @app.post("/api/statements/{statement_id}/reject", tags=["api"], summary="Reject")
    async def api_reject(request: Request, statement_id: int) -> Response:
        data = await body(request)
        by, reason = str(data.get("by") or ""), str(data.get("reason") or "")
        return await run(lambda: review.reject(dash.store, statement_id, reason=reason, by=by))

    @app.post("/api/documents/{document_id}/statements", tags=["api"], summary="Add one")
    async def api_add(request: Request, document_id: str) -> Response:
        data = await body(request)

        def offset(key: str) -> int | None:
            value = data.get(key)
            if value is None:
                return None
            if not isinstance(value, int) or isinstance(value, bool):
                raise HTTPException(400, f'"{key}" must be a character offset (an integer)')
            return value

        start, end = offset("start"), offset("end")
        changes = changes_of(data)
        return await run(
            lambda: review.add(
                dash.store,
                document_id,
                kind=str(data.get("kind") or ""),
                start=start,
                end=end,
                quote=data.get("quote") if isinstance(data.get("quote"), str) else None,
                fields=changes,
                reason=str(data.get("reason") or ""),
                by=str(data.get("by") or "") or None,
            )
        )


def _json_response(data: Any) -> Response:
    import json

    body = json.dumps(data, ensure_ascii=False, default=str)
    return Response(body, media_type="application/json")


def _shown(value: Any) -> str:
    """A field value as the edit form shows it (so an untouched box is no edit)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


__all__ = [
    "COOKIE",
    "add_review_api",
    "add_review_routes",
    "csrf_token",
    "review_mode",
    "reviewer_of",
]
