"""The track-record page: how ontrack's probabilities fared on targets whose outcome is known.

`track_record_context` runs the backtest (assess/backtest.py) once per store state and
returns JSON-ready data: the score table with the bootstrap intervals against the default,
the splits by target type and horizon, the reliability bins and, for each region, how its
past targets fared year by year. `reliability_svg` draws the reliability diagram on the
server (no script), escaping every label itself.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from markupsafe import Markup

from ..render_backtest import MODEL_LABELS

if TYPE_CHECKING:
    from .context import Dashboard

_CACHE: dict[tuple[Any, ...], dict[str, Any]] = {}
_LOCK = threading.Lock()
COLOURS = ("#1b6ca8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0f766e", "#a16207", "#4b5563")


def track_record_context(dash: Dashboard, *, today: date | None = None) -> dict[str, Any]:
    from ..assess.backtest import backtest

    when = today or date.today()
    key = (id(dash.store), dash.model, when, dash.state())
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        report = backtest(dash.store, models=(dash.model,), today=when)
        _CACHE.clear()  # one store state at a time
        _CACHE[key] = ctx = _context(report, when)
    return ctx


def _context(report: dict[str, Any], when: date) -> dict[str, Any]:
    default = (report.get("default") or {}).get("model")
    diffs = report.get("differences") or {}
    rows = []
    for name, score in report["scores"].items():
        d = diffs.get(name) or {}
        rows.append(
            {
                "model": name,
                "label": MODEL_LABELS.get(name, name),
                "n": score["n"],
                "brier": score["brier"],
                "log_loss": score["log_loss"],
                "is_default": name == default,
                "difference": d.get("difference"),
                "low": d.get("low"),
                "high": d.get("high"),
            }
        )
    regions = []
    for region, years in sorted(report.get("regions", {}).items()):
        met = sum(y["met"] for y in years.values())
        total = sum(y["targets"] for y in years.values())
        regions.append(
            {
                "region": region,
                "met": met,
                "targets": total,
                "share": met / total if total else None,
                "years": [
                    {"year": y, **v, "share": v["met"] / v["targets"]}
                    for y, v in sorted(years.items())
                ],
            }
        )
    return {
        "page": "track-record",
        "as_of": when.isoformat(),
        "n_targets": report["n_targets"],
        "n_regions": report.get("n_regions", 0),
        "n_replays": len(report["cases"]),
        "default": report.get("default"),
        "scores": rows,
        "reliability": {m: s["reliability"] for m, s in report["scores"].items()},
        "splits": report.get("splits", {}),
        "regions": regions,
        "weights": report.get("weights"),
    }


def reliability_svg(reliability: dict[str, list[dict[str, Any]]], width: int = 420) -> Markup:
    """Predicted P(met) against the observed share met, one line per model; dot area ~ n."""
    if not reliability:
        return Markup("")
    pad, size = 48, width - 64
    height = size + pad + 56 + 18 * ((len(reliability) + 1) // 2)

    def px(p: float) -> float:
        return pad + p * size

    def py(p: float) -> float:
        return 16 + (1 - p) * size

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="rel-title" class="reliability">',
        '<title id="rel-title">Reliability diagram: observed share of targets met against '
        "the predicted probability, per model</title>",
        f'<rect x="{pad}" y="16" width="{size}" height="{size}" fill="none" stroke="#999"/>',
        f'<line x1="{px(0)}" y1="{py(0)}" x2="{px(1)}" y2="{py(1)}" stroke="#999" '
        'stroke-dasharray="4 3"/>',
    ]
    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<text x="{px(t):.1f}" y="{py(0) + 16:.1f}" font-size="11" '
            f'text-anchor="middle">{t:g}</text>'
        )
        parts.append(
            f'<text x="{pad - 6}" y="{py(t) + 4:.1f}" font-size="11" text-anchor="end">{t:g}</text>'
        )
    parts.append(
        f'<text x="{px(0.5):.1f}" y="{py(0) + 32:.1f}" font-size="12" text-anchor="middle">'
        "predicted P(met)</text>"
    )
    parts.append(
        f'<text x="14" y="{py(0.5):.1f}" font-size="12" text-anchor="middle" '
        f'transform="rotate(-90 14 {py(0.5):.1f})">observed share met</text>'
    )
    legend_y = py(0) + 52
    for i, (model, bins) in enumerate(reliability.items()):
        colour = COLOURS[i % len(COLOURS)]
        pts = [
            (b["mean_predicted"], b["observed_frequency"], b["n"])
            for b in bins
            if b["n"] and b["mean_predicted"] is not None
        ]
        if len(pts) > 1:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y, _ in pts)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
            )
        for x, y, n in pts:
            r = min(9.0, 2.0 + n**0.5 / 2)
            parts.append(
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="{r:.1f}" fill="{colour}" '
                f'fill-opacity="0.7"><title>{escape(model)}: {n} replays, predicted '
                f"{x:.2f}, observed {y:.2f}</title></circle>"
            )
        lx = pad + (i % 2) * (size / 2)
        ly = legend_y + 18 * (i // 2)
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly - 9:.1f}" width="10" height="10" fill="{colour}"/>'
        )
        parts.append(f'<text x="{lx + 14:.1f}" y="{ly:.1f}" font-size="11">{escape(model)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


__all__ = ["reliability_svg", "track_record_context"]
