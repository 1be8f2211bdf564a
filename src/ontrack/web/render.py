"""Jinja2 rendering shared by the server, the static site and the report.

Templates never build URLs by hand: they call `url(kind, ident)`, which gives absolute
paths on the server and relative `.html` paths in the static site (so it works from
`file://`). Autoescape is on for every template; the only markup inserted unescaped is the
SVG from `charts.svg_chart`, which escapes its own text.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .charts import NARROW, WIDTH, Band, ChartPoint, OtherSeries, svg_chart

PAGES = ("region", "statement", "document", "series", "changes")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def safe_id(ident: object) -> str:
    """An id usable as one path segment and file name: letters, digits, `_` and `-` only."""
    text = str(ident)
    if not _SAFE_ID.match(text):
        raise ValueError(f"unsafe id {text!r}")
    return text


class Links:
    """URL builder: server paths (`static=False`) or relative static-site paths."""

    def __init__(self, *, static: bool = False, depth: int = 0) -> None:
        self.static = static
        self.prefix = "../" * depth

    def __call__(self, kind: str, ident: object = None, **query: Any) -> str:
        if kind == "home":
            return self.prefix + "index.html" if self.static else "/" + self._q(query)
        if kind == "static":
            return (self.prefix if self.static else "/") + "static/" + quote(str(ident))
        if kind == "glossary":
            return self.prefix + "glossary.html" if self.static else "/glossary"
        if kind == "search":
            return "" if self.static else "/search" + self._q(query)
        if kind == "track-record":
            return self.prefix + "track-record.html" if self.static else "/track-record"
        if kind in ("upload", "docs"):
            return "" if self.static else f"/{kind}"
        if kind == "series-index":  # the static site has every page of the whole index
            n = int(query.get("page") or 1)
            if self.static:
                return self.prefix + ("series.html" if n == 1 else f"series-{n}.html")
            return "/series" + self._q({**query, "page": n if n > 1 else None})
        if kind in PAGES:
            seg = quote(str(ident), safe="")
            if self.static:
                return f"{self.prefix}{kind}/{safe_id(ident)}.html"
            return f"/{kind}/{seg}" + self._q(query)
        raise ValueError(f"unknown page kind {kind!r}")

    def json(self, kind: str, ident: object = None, **query: Any) -> str:
        if kind == "home":
            return self.prefix + "index.json" if self.static else "/index.json"
        if kind == "glossary":
            return self.prefix + "glossary.json" if self.static else "/glossary.json"
        if kind == "series-index":
            n = int(query.get("page") or 1)
            if self.static:
                return self.prefix + ("series.json" if n == 1 else f"series-{n}.json")
            return "/series.json" + self._q({**query, "page": n if n > 1 else None})
        if self.static:
            return f"{self.prefix}{kind}/{safe_id(ident)}.json"
        return f"/{kind}/{quote(str(ident), safe='')}.json"

    def _q(self, query: dict[str, Any]) -> str:
        kept = {k: v for k, v in query.items() if v not in (None, "")}
        return "?" + urlencode(kept) if kept and not self.static else ""


def chart(spec: dict[str, Any] | None) -> Markup:
    """The chart of a spec as two SVGs drawn by the same code: a wide one (desktop, print)
    and a narrow one that the stylesheet shows instead on a phone, so text stays legible."""
    if not spec:
        return Markup("")
    wide = chart_svg(spec, WIDTH, "chart chart-wide")
    return wide + chart_svg(spec, NARROW, "chart chart-narrow")


def chart_svg(spec: dict[str, Any], width: int = 0, css: str = "chart") -> Markup:
    """One SVG of a chart spec from `context.chart_spec` (the report's files use this)."""
    width = width or WIDTH

    def d(text: str | None) -> date | None:
        return date.fromisoformat(text) if text else None

    def points(rows: list[dict[str, Any]]) -> list[ChartPoint]:
        return [
            ChartPoint(
                date.fromisoformat(p["date"]), p["value"], p["label"], p["kind"], d(p.get("start"))
            )
            for p in rows
        ]

    forecast = spec.get("forecast")
    band = spec.get("band")
    return svg_chart(
        points(spec["points"]),
        title=spec.get("title", ""),
        unit=spec.get("unit", ""),
        target=spec.get("target"),
        deadline=d(spec.get("deadline")),
        as_of=d(spec.get("as_of")),
        forecast=ChartPoint(date.fromisoformat(forecast["date"]), forecast["value"])
        if forecast
        else None,
        band=Band(date.fromisoformat(band["date"]), band["low"], band["high"]) if band else None,
        highlight=spec.get("highlight", []),
        frequency=spec.get("frequency"),
        name=spec.get("name") or "official",
        others=[OtherSeries(o["name"], points(o["points"])) for o in spec.get("others", [])],
        width=width,
        css=css,
    )


def num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:,.4g}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def make_env() -> Environment:
    env = Environment(
        loader=PackageLoader("ontrack.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["chart"] = chart
    from .trackrecord import reliability_svg

    env.globals["reliability_chart"] = reliability_svg
    env.filters["num"] = num
    env.filters["pct"] = pct
    return env


_ENV: Environment | None = None


def env() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = make_env()
    return _ENV


def render(
    template: str,
    ctx: dict[str, Any],
    links: Links,
    *,
    json_url: str = "",
    writable: bool = False,
    **extra: Any,
) -> str:
    return (
        env()
        .get_template(template)
        .render(
            ctx=ctx,
            url=links,
            static_site=links.static,
            json_url=json_url,
            writable=writable,
            **extra,
        )
    )


__all__ = ["Links", "chart", "chart_svg", "env", "num", "pct", "render", "safe_id"]
