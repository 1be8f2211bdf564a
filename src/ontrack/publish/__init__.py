"""Publishing: a static site of the dashboard's pages, and region reports (HTML, PDF, markdown).

    from ontrack.publish import export_site, write_report
    export_site(store, "site/")                       # open site/index.html from disk
    write_report(store, "Liaoning", "report.pdf")     # .html, .pdf (weasyprint) or .md

The static site renders the very templates and context functions of the web server, with
relative links (`region/CN-LN.html`) so it works from `file://` and any static host; each page
has its `.json` beside it. Charts are the server's SVG, inline, so nothing needs JavaScript.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import OntrackError
from ..jsonsafe import strict_json
from ..store import Store
from ..web import context as pages
from ..web.app import STATIC_DIR
from ..web.glossary import glossary_context
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
    from .atomic import replaced_folder

    final = Path(out).expanduser().resolve()
    with replaced_folder(final) as root:
        written = _write_site(store, root, as_of=as_of, model=model)
    written["out"] = str(final)
    return written


def _write_site(store: Store, root: Path, *, as_of: date | None, model: str) -> dict[str, Any]:
    dash = pages.Dashboard(store, model=model)
    when = (as_of or date.today()).isoformat()
    written: dict[str, Any] = {
        "pages": 0,
        "regions": 0,
        "statements": 0,
        "documents": 0,
        "series": 0,
        "skipped": [],  # "kind id: why" for each page that could not be made
    }

    def emit(kind: str, ident: object, template: str, ctx: dict[str, Any]) -> None:
        depth = 0 if kind in ("home", "glossary") else 1
        links = Links(static=True, depth=depth)
        rel = {"home": "index", "glossary": "glossary"}.get(kind) or f"{kind}/{safe_id(ident)}"
        json_name = Path(rel).name + ".json"
        _write(root, rel + ".html", render(template, ctx, links, json_url=json_name))
        _write(root, rel + ".json", strict_json(ctx, indent=1))
        written["pages"] += 1
        if kind not in ("home", "glossary"):
            written[kind if kind == "series" else kind + "s"] += 1

    def page(kind: str, ident: object, template: str, make: Callable[[], dict[str, Any]]) -> None:
        """One page; one that cannot be made is skipped and reported, never the whole site."""
        try:
            emit(kind, ident, template, make())
        except (OntrackError, ValueError) as exc:
            written["skipped"].append(f"{kind} {str(ident)[:80]!r}: {exc}")

    emit("home", None, "home.html", pages.home_context(dash, as_of=when))
    from ..web.trackrecord import track_record_context

    record = track_record_context(dash, today=as_of)
    html = render("track_record.html", record, Links(static=True), json_url="track-record.json")
    _write(root, "track-record.html", html)
    _write(root, "track-record.json", strict_json(record))
    written["pages"] += 1
    emit("glossary", None, "glossary.html", glossary_context())
    for rid in dash.regions():
        page("region", rid, "region.html", partial(pages.region_context, dash, rid, as_of=when))
    for stmt in store.statements(include_rejected=True):  # a rejected one shows why
        sid = stmt.id or 0
        page(
            "statement",
            sid,
            "statement.html",
            partial(pages.statement_context, dash, sid, as_of=when),
        )
    for doc in store.list_documents():
        did = doc["id"]
        page("document", did, "document.html", partial(pages.document_context, dash, did))
    for info in store.list_series():
        sid = info.series.id or 0
        page("series", sid, "series.html", partial(pages.series_context, dash, sid))
    written["pages"] += _write_series_index(root, dash)
    _write_changes(root, dash)
    static = _inside(root, "static")
    static.mkdir(exist_ok=True)
    for f in STATIC_DIR.iterdir():
        if f.is_file():
            shutil.copyfile(f, static / f.name)
    return written


def _write_series_index(root: Path, dash: pages.Dashboard) -> int:
    """series.html (and series-2.html, ... when there are more than a page of them), each
    with its .json: the whole series index, as the server pages it."""
    from ..web.series_index import series_index_context

    links = Links(static=True)
    n, pages_count = 1, 1
    while n <= pages_count:
        ctx = series_index_context(dash, page=n)
        pages_count = ctx["pages"]
        json_name = links.json("series-index", page=n)
        _write(
            root,
            links("series-index", page=n),
            render("series_index.html", ctx, links, json_url=json_name),
        )
        _write(root, json_name, strict_json(ctx, indent=1))
        n += 1
    return pages_count


def _write_changes(root: Path, dash: pages.Dashboard) -> None:
    """changes/REGION.html, its .json and its Atom feed .atom, for every region."""
    from ..web.changes import atom_feed, changes_context

    links = Links(static=True, depth=1)
    for rid in dash.regions():
        ctx = changes_context(dash, rid)
        name = safe_id(rid)
        html = render("changes.html", ctx, links, json_url=f"{name}.json")
        _write(root, f"changes/{name}.html", html)
        _write(root, f"changes/{name}.json", strict_json(ctx, indent=1))
        feed = atom_feed(
            ctx,
            feed_url=f"{name}.atom",
            page_url=f"{name}.html",
            statement_url=lambda sid: f"../statement/{sid}.html",
        )
        _write(root, f"changes/{name}.atom", feed)


__all__ = ["PublishError", "export_site", "report_context", "write_report"]
