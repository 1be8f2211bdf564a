"""Publishing: a static site of the dashboard's pages, and region reports (HTML, PDF, markdown).

    from ontrack.publish import export_site, write_report
    export_site(store, "site/")                       # open site/index.html from disk
    write_report(store, "Liaoning", "report.pdf")     # .html, .pdf (weasyprint) or .md

The static site renders the very templates and context functions of the web server, with
relative links (`region/CN-LN.html`) so it works from `file://` and any static host; each page
has its `.json` beside it. Charts are the server's SVG, inline, so nothing needs JavaScript.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import OntrackError
from ..store import Store
from ..web import context as pages
from ..web.app import STATIC_DIR
from ..web.render import Links, render, safe_id
from .report import report_context, write_report  # noqa: E402  (re-exported)


class PublishError(OntrackError):
    """An export path or id that would write outside the output folder."""


def _inside(root: Path, rel: str) -> Path:
    path = (root / rel).resolve()
    if not path.is_relative_to(root):
        raise PublishError(f"refusing to write outside {root}: {rel!r}")
    return path


def _write(root: Path, rel: str, text: str) -> None:
    path = _inside(root, rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def export_site(
    store: Store,
    out: str | Path,
    *,
    as_of: date | None = None,
    model: str = "damped",
) -> dict[str, Any]:
    """Write the static site into `out` (created if needed); return what was written."""
    root = Path(out).expanduser().resolve()
    root.mkdir(parents=True, exist_ok=True)
    dash = pages.Dashboard(store, model=model)
    when = (as_of or date.today()).isoformat()
    written = {"pages": 0, "regions": 0, "statements": 0, "documents": 0, "series": 0}

    def emit(kind: str, ident: object, template: str, ctx: dict[str, Any]) -> None:
        depth = 0 if kind == "home" else 1
        links = Links(static=True, depth=depth)
        rel = "index" if kind == "home" else f"{kind}/{safe_id(ident)}"
        json_name = Path(rel).name + ".json"
        _write(root, rel + ".html", render(template, ctx, links, json_url=json_name))
        _write(root, rel + ".json", json.dumps(ctx, ensure_ascii=False, default=str, indent=1))
        written["pages"] += 1
        if kind != "home":
            written[kind if kind == "series" else kind + "s"] += 1

    emit("home", None, "home.html", pages.home_context(dash, as_of=when))
    for rid in dash.regions():
        emit("region", rid, "region.html", pages.region_context(dash, rid, as_of=when))
    for stmt in store.statements():
        ctx = pages.statement_context(dash, stmt.id or 0, as_of=when)
        emit("statement", stmt.id, "statement.html", ctx)
    for doc in store.list_documents():
        emit("document", doc["id"], "document.html", pages.document_context(dash, doc["id"]))
    for info in store.list_series():
        sid = info.series.id or 0
        emit("series", sid, "series.html", pages.series_context(dash, sid))
    _write_changes(root, dash)
    static = _inside(root, "static")
    static.mkdir(exist_ok=True)
    for f in STATIC_DIR.iterdir():
        if f.is_file():
            shutil.copyfile(f, static / f.name)
    written["out"] = str(root)  # type: ignore[assignment]
    return written


def _write_changes(root: Path, dash: pages.Dashboard) -> None:
    """changes/REGION.html, its .json and its Atom feed .atom, for every region."""
    from ..web.changes import atom_feed, changes_context

    links = Links(static=True, depth=1)
    for rid in dash.regions():
        ctx = changes_context(dash, rid)
        name = safe_id(rid)
        html = render("changes.html", ctx, links, json_url=f"{name}.json")
        _write(root, f"changes/{name}.html", html)
        _write(root, f"changes/{name}.json", json.dumps(ctx, ensure_ascii=False, indent=1))
        feed = atom_feed(
            ctx,
            feed_url=f"{name}.atom",
            page_url=f"{name}.html",
            statement_url=lambda sid: f"../statement/{sid}.html",
        )
        _write(root, f"changes/{name}.atom", feed)


__all__ = ["PublishError", "export_site", "report_context", "write_report"]
