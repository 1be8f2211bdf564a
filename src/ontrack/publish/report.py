"""Region reports: the scorecard with a chart per target, as HTML, PDF (weasyprint) or markdown.

The report is built from the web's region context plus one chart spec per target, so its
figures and statuses are exactly those of the dashboard. HTML is one self-contained file
(stylesheet and SVG charts inline); markdown writes its charts as SVG files into a folder
beside it (`<name>_charts/`); PDF renders the HTML with weasyprint.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from ..cite import cite_page
from ..errors import OntrackError
from ..store import Store
from ..web import context as pages
from ..web.app import STATIC_DIR
from ..web.render import Links, chart_svg, env, num, pct, safe_id

FORMATS = ("html", "pdf", "md")


def report_context(
    store: Store | pages.Dashboard,
    region: str,
    *,
    as_of: date | None = None,
    model: str = "damped",
) -> dict[str, Any]:
    """The region scorecard context with a chart spec for every target linked to a series."""
    dash = store if isinstance(store, pages.Dashboard) else pages.Dashboard(store, model=model)
    when = as_of or date.today()
    ctx = pages.region_context(dash, region, as_of=when.isoformat())
    card = dash.card(region, when)
    for t in ctx["targets"]:
        item = card.by_statement.get(t["id"], {})
        t["chart"] = None
        if t["series"] is None:
            continue
        stmt = item.get("statement", {})
        target = (item.get("inputs") or {}).get("target", stmt.get("value"))
        deadline = pages._deadline(stmt.get("period"))
        t["chart"] = pages.chart_spec(
            dash,
            t["series"],
            as_of=when,
            title=t.get("title") or t["indicator"],
            target=target if isinstance(target, int | float) else None,
            deadline=deadline,
            forecast=item.get("forecast"),
        )
    from ..assess.backtest import record_from_items

    # the context a reader needs before believing a probability: how past targets fared
    ctx["track_record"] = record_from_items(card.by_statement.values(), when)
    ctx["page"] = "report"
    ctx["generated"] = date.today().isoformat()
    # Sources and citations: every figure the verdicts rest on, publisher first, once each.
    sources: dict[str, dict[str, Any]] = {}
    for item in card.card["items"]:
        for e in item.get("evidence", []):
            d = pages.describe(
                dash, str(e.get("source") or ""), str(e.get("vintage") or ""), "", str(e["kind"])
            )
            line = d["source_line"]
            entry = sources.setdefault(line, {"line": line, "url": d["citation"]["url"], "n": 0})
            entry["n"] += 1
    ctx["sources"] = sorted(sources.values(), key=lambda x: x["line"].casefold())
    ctx["method"] = METHOD_NOTE
    ctx["cite"] = cite_page(
        key=f"report-{ctx['region']}",
        title=f"{ctx['region_name']}: is it on track? (scorecard report)",
        url=f"region/{ctx['region']}.html?as_of={when.isoformat()}",
        as_of=when.isoformat(),
        publishers=[],
    )
    return ctx


METHOD_NOTE = (
    "Progress so far is the compound-growth method of the UN Statistics Division and "
    "Statistics Canada: the observed yearly rate since the baseline against the rate the "
    "target needs (ratio at least 0.95: on track; 0.6 to 0.95: acceleration needed; 0 to "
    "0.6: limited progress; below 0: wrong direction); a target reached is met, and after "
    "its deadline only the figure for the deadline decides met or missed. The chance of "
    "meeting it by the deadline averages a forecast's probability (damped trend, from at "
    "least three official observations) with the share of earlier targets met. Reported "
    "figures are supported when an independent official figure for the same period lies "
    "within their rounding; comparisons are checked for direction and size. Only figures "
    "released by the as-of date count."
)


def render_html(ctx: dict[str, Any]) -> str:
    css = (STATIC_DIR / "style.css").read_text(encoding="utf-8")
    return env().get_template("report.html").render(ctx=ctx, css=css, url=Links(static=True))


def _md(text: object) -> str:
    """Plain text made inert in markdown: HTML escaped, table pipes and newlines defused."""
    s = str(text if text is not None else "")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return re.sub(r"([\\`*_\[\]])", r"\\\1", s) if s else s


def render_markdown(ctx: dict[str, Any], charts_dir: Path | None = None) -> str:
    """Markdown text; with `charts_dir`, each target's chart is written there as SVG."""
    lines = [
        f"# {_md(ctx['region_name'])}: is it on track?",
        "",
        f"Scorecard as of {ctx['as_of']} ({ctx['model']} model), generated {ctx['generated']}.",
        "",
        "| status | targets |",
        "|---|---:|",
    ]
    lines += [f"| {s.replace('_', ' ')} | {n} |" for s, n in ctx["counts"].items() if n]
    lines += [
        "",
        "## Targets",
        "",
        "| # | target | status | P(met) | deadline | latest | review |",
        "|---:|---|---|---:|---|---:|---|",
    ]
    for t in ctx["targets"]:
        latest = f"{num(t['latest']['value'])} ({t['latest']['period']})" if t["latest"] else "—"
        lines.append(
            f"| {t['id']} | {_md(t['quote'])} | {_md(t['status_label'])} | "
            f"{pct(t['probability'])} | {_md(t['deadline'] or '—')} | {_md(latest)} | "
            f"{_md(t['review']['label'])} |"
        )
    for t in ctx["targets"]:
        lines += ["", f"### Target {t['id']}: {_md(t['indicator'])} {_md(t['summary'])}", ""]
        lines += [f"**{_md(t['status_label'])}**. {_md(t['explanation'])}", ""]
        lines += [f"> {_md(t['quote'])}", ""]
        if t.get("chart") and charts_dir is not None:
            name = f"target-{safe_id(t['id'])}.svg"
            charts_dir.mkdir(parents=True, exist_ok=True)
            (charts_dir / name).write_text(str(chart_svg(t["chart"])), encoding="utf-8")
            lines += [f"![chart of target {t['id']}]({charts_dir.name}/{name})", ""]
    lines += [
        "## Checked claims",
        "",
        "| # | claim | verdict | why | review |",
        "|---:|---|---|---|---|",
    ]
    for c in ctx["claims"]:
        lines.append(
            f"| {c['id']} | {_md(c['quote'])} | {_md(c['status_label'])} | "
            f"{_md(c['explanation'])} | {_md(c['review']['label'])} |"
        )
    lines += ["", "## Track record", ""]
    record = ctx.get("track_record") or {}
    if record:
        lines += ["| deadline year | met | targets |", "|---|---:|---:|"]
        lines += [f"| {y} | {v['met']} | {v['targets']} |" for y, v in record.items()]
        lines += ["", "Calibration of the probabilities on every region: `ontrack backtest`."]
    else:
        lines.append("No target of this region has a decided outcome yet.")
    lines += ["", "## Goals", ""]
    for g in ctx["goals"]:
        measures = ", ".join(m["name"] for m in g.get("measured_by", []))
        extra = f" — could be measured by {_md(measures)}" if measures else ""
        lines.append(f"* {_md(g['quote'])}{extra} ({_md(g['review']['label'])})")
    lines += ["", "## Method", "", _md(ctx.get("method", "")), "", "## Sources and citations", ""]
    lines += [f"{i}. {_md(src['line'])}" for i, src in enumerate(ctx.get("sources", []), 1)]
    if ctx.get("cite"):
        lines += ["", "Cite this report:", "", _md(ctx["cite"]["text"])]
    return "\n".join(lines) + "\n"


def write_report(
    store: Store,
    region: str,
    out: str | Path,
    *,
    fmt: str | None = None,
    as_of: date | None = None,
    model: str = "damped",
) -> Path:
    """Write the report of `region` to `out`; the format is `fmt` or the file's suffix."""
    path = Path(out).expanduser()
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise OntrackError(f"report format {fmt!r} unknown; use one of {', '.join(FORMATS)}")
    ctx = report_context(store, region, as_of=as_of, model=model)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "md":
        charts = path.with_name(path.stem + "_charts")
        path.write_text(render_markdown(ctx, charts), encoding="utf-8")
    elif fmt == "html":
        path.write_text(render_html(ctx), encoding="utf-8")
    else:
        try:
            from weasyprint import HTML
        except (ImportError, OSError) as exc:
            raise OntrackError(
                f"PDF reports need weasyprint (pip install weasyprint): {exc}"
            ) from None
        HTML(string=render_html(ctx), base_url=str(path.parent)).write_pdf(str(path))
    return path


__all__ = ["FORMATS", "render_html", "render_markdown", "report_context", "write_report"]
