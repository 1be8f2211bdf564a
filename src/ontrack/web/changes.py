"""What changed, as pages: the context of `/changes[/REGION]` (and its `.json` twin), and
the Atom feed of a region (`/changes/REGION.atom`, `changes/REGION.atom` in the static site).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from ..assess.changes import list_changes
from .context import Dashboard, parse_as_of


def changes_context(
    dash: Dashboard, region: str | None = None, *, since: str | None = None
) -> dict[str, Any]:
    """Recorded changes, newest first, of one region or of all."""
    rid = dash.region_id(region) if region else None
    when = parse_as_of(since) if since else None
    rows = list_changes(dash.store, since=when, region=rid)
    name = dash.store.catalog.region(rid).name if rid else None
    regions = sorted({r["region"] for r in rows if r["region"]} | set(dash.regions()))
    return {
        "region": {"id": rid, "name": name} if rid else None,
        "since": when.isoformat() if when else None,
        "changes": rows,
        "regions": regions if not rid else [],
    }


def atom_feed(
    ctx: dict[str, Any],
    *,
    feed_url: str,
    page_url: str,
    statement_url: Callable[[int], str],
) -> str:
    """An Atom 1.0 feed (RFC 4287) of a changes context: one entry per change."""
    region = ctx["region"] or {"id": "all", "name": "all regions"}
    rows = ctx["changes"]
    updated = rows[0]["recorded_at"] if rows else datetime(2000, 1, 1, tzinfo=UTC).isoformat()
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape('ontrack: what changed in ' + str(region['name']))}</title>",
        f"<id>{escape('urn:ontrack:changes:' + str(region['id']))}</id>",
        f"<updated>{escape(updated)}</updated>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(page_url)}/>',
        "<author><name>ontrack</name></author>",
    ]
    for row in rows:
        out += [
            "<entry>",
            f"<title>{escape(row['text'])}</title>",
            f"<id>urn:ontrack:change:{int(row['id'])}</id>",
            f"<updated>{escape(row['recorded_at'])}</updated>",
            f'<link rel="alternate" href={quoteattr(statement_url(int(row["statement_id"])))}/>',
            f"<summary>{escape(row['text'])} (as of {escape(row['as_of'])})</summary>",
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def add_change_routes(app: Any, dash: Dashboard, page: Callable[..., Any], links: Any) -> None:
    """`/changes`, `/changes/REGION` with their `.json` twins, and `/changes/REGION.atom`."""

    def as_json(ctx: dict[str, Any]) -> Response:
        return JSONResponse(ctx)

    @app.get("/changes.json", tags=["pages"], summary="What changed, all regions")
    def all_changes_json(since: str | None = None) -> Response:
        return as_json(changes_context(dash, since=since))

    @app.get("/changes", include_in_schema=False)
    def all_changes(since: str | None = None) -> Any:
        return page("changes.html", changes_context(dash, since=since), "/changes.json")

    @app.get("/changes/{region}.json", tags=["pages"], summary="What changed in a region")
    def region_changes_json(region: str, since: str | None = None) -> Response:
        return as_json(changes_context(dash, region, since=since))

    @app.get("/changes/{region}.atom", tags=["pages"], summary="Atom feed of a region's changes")
    def region_feed(request: Request, region: str) -> Response:
        ctx = changes_context(dash, region)
        base = str(request.base_url).rstrip("/")
        rid = ctx["region"]["id"]
        xml = atom_feed(
            ctx,
            feed_url=f"{base}{links('changes', rid)}.atom",
            page_url=f"{base}{links('changes', rid)}",
            statement_url=lambda sid: f"{base}{links('statement', sid)}",
        )
        return Response(xml, media_type="application/atom+xml")

    @app.get("/changes/{region}", include_in_schema=False)
    def region_changes(region: str, since: str | None = None) -> Any:
        ctx = changes_context(dash, region, since=since)
        return page("changes.html", ctx, links.json("changes", ctx["region"]["id"]))


__all__ = ["add_change_routes", "atom_feed", "changes_context"]
