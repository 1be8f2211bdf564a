"""Charts drawn on the server as SVG strings: no JavaScript, no network, the same picture in
the dashboard, the static site, the HTML/PDF report and the markdown report's files.

Every piece of text that goes into the SVG is escaped here; the result is `Markup` so that
Jinja can include it as is. Only presentation attributes are used (no `style=`), which keeps
the pages within a strict Content-Security-Policy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 300
PAD_L, PAD_R, PAD_T, PAD_B = 64, 24, 28, 40
COLORS = {
    "line": "#1f5fa8",
    "reported": "#b35900",
    "target": "#1b7a3a",
    "deadline": "#1b7a3a",
    "asof": "#6b6b6b",
    "forecast": "#7a3fb0",
    "band": "#e6dcf2",
    "axis": "#444444",
    "grid": "#e3e3e3",
}


@dataclass(frozen=True)
class ChartPoint:
    when: date
    value: float
    label: str = ""
    kind: str = "official"  # official | reported


@dataclass(frozen=True)
class Band:
    when: date
    low: float
    high: float


def _num(v: float) -> str:
    return f"{v:.1f}"


def _fmt(v: float) -> str:
    if abs(v) >= 1e4:
        return f"{v:,.0f}"
    return f"{v:.4g}"


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / n
    mag = 10.0 ** math.floor(math.log10(raw))
    step = mag
    for m in (1, 2, 2.5, 5, 10):
        step = m * mag
        if span / step <= n:
            break
    first = (lo // step) * step
    out = []
    v = first
    while v <= hi + step * 1e-9:
        if v >= lo - step * 1e-9:
            out.append(round(v, 10))
        v += step
    return out


def svg_chart(
    points: Sequence[ChartPoint],
    *,
    title: str = "",
    unit: str = "",
    target: float | None = None,
    deadline: date | None = None,
    as_of: date | None = None,
    forecast: ChartPoint | None = None,
    band: Band | None = None,
    highlight: Sequence[str] = (),
) -> Markup:
    """A line chart of `points` with the target level, deadline, as-of line, forecast and band.

    The series path has class `series-line` and `data-points` with the number of points, so a
    browser test can check that the chart really drew the data.
    """
    # A value that cannot be drawn (infinite, from an older store) is left out, not fatal.
    pts = sorted((p for p in points if math.isfinite(p.value)), key=lambda p: p.when)
    if target is not None and not math.isfinite(target):
        target = None
    if forecast is not None and not math.isfinite(forecast.value):
        forecast = None
    if band is not None and not (math.isfinite(band.low) and math.isfinite(band.high)):
        band = None
    official = [p for p in pts if p.kind == "official"]
    reported = [p for p in pts if p.kind != "official"]
    dates = [p.when for p in pts]
    values = [p.value for p in pts]
    for d in (deadline, as_of, forecast.when if forecast else None, band.when if band else None):
        if d is not None:
            dates.append(d)
    for v in (target, forecast.value if forecast else None):
        if v is not None:
            values.append(v)
    if band is not None:
        values += [band.low, band.high]
    label = escape(title or "chart")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{label}" width="100%" preserveAspectRatio="xMidYMid meet">'
        f"<title>{label}</title>"
    )
    if not pts:
        return Markup(
            head + f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" '
            f'fill="{COLORS["axis"]}">no observations</text></svg>'
        )
    d0, d1 = min(dates), max(dates)
    if d0 == d1:
        d0 = date(d0.year - 1, d0.month, 1)
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    margin = (hi - lo) * 0.08
    lo, hi = lo - margin, hi + margin
    if min(values) >= 0 > lo:
        lo = 0.0 if min(values) - 0 < (hi - lo) * 0.5 else lo
    span_d = (d1 - d0).days or 1
    plot_w, plot_h = WIDTH - PAD_L - PAD_R, HEIGHT - PAD_T - PAD_B

    def x(d: date) -> float:
        return PAD_L + (d - d0).days / span_d * plot_w

    def y(v: float) -> float:
        return PAD_T + (hi - v) / (hi - lo) * plot_h

    parts = [head]
    # grid and axes
    for t in _ticks(lo, hi):
        parts.append(
            f'<line x1="{PAD_L}" x2="{WIDTH - PAD_R}" y1="{_num(y(t))}" y2="{_num(y(t))}" '
            f'stroke="{COLORS["grid"]}" stroke-width="1"/>'
            f'<text x="{PAD_L - 6}" y="{_num(y(t) + 4)}" text-anchor="end" font-size="11" '
            f'fill="{COLORS["axis"]}">{escape(_fmt(t))}</text>'
        )
    years = sorted({d.year for d in dates})
    step = max(1, (years[-1] - years[0]) // 8 + 1)
    for yr in range(years[0], years[-1] + 1, step):
        d = date(yr, 1, 1)
        if d0 <= d <= d1:
            parts.append(
                f'<text x="{_num(x(d))}" y="{HEIGHT - PAD_B + 16}" text-anchor="middle" '
                f'font-size="11" fill="{COLORS["axis"]}">{yr}</text>'
            )
    parts.append(
        f'<line x1="{PAD_L}" x2="{PAD_L}" y1="{PAD_T}" y2="{HEIGHT - PAD_B}" '
        f'stroke="{COLORS["axis"]}"/><line x1="{PAD_L}" x2="{WIDTH - PAD_R}" '
        f'y1="{HEIGHT - PAD_B}" y2="{HEIGHT - PAD_B}" stroke="{COLORS["axis"]}"/>'
    )
    if unit:
        parts.append(
            f'<text x="{PAD_L}" y="{PAD_T - 10}" font-size="11" fill="{COLORS["axis"]}">'
            f"{escape(unit)}</text>"
        )
    legend: list[tuple[str, str, str]] = []
    if band is not None and official:
        last = official[-1]
        parts.append(
            f'<polygon class="forecast-band" points="{_num(x(last.when))},{_num(y(last.value))} '
            f'{_num(x(band.when))},{_num(y(band.high))} {_num(x(band.when))},{_num(y(band.low))}" '
            f'fill="{COLORS["band"]}" stroke="none"/>'
        )
        legend.append(("forecast band", COLORS["band"], ""))
    if target is not None:
        parts.append(
            f'<line class="target-line" x1="{PAD_L}" x2="{WIDTH - PAD_R}" y1="{_num(y(target))}" '
            f'y2="{_num(y(target))}" stroke="{COLORS["target"]}" stroke-width="1.5" '
            f'stroke-dasharray="6 4"/>'
        )
        legend.append((f"target {_fmt(target)}", COLORS["target"], "6 4"))
    if deadline is not None:
        parts.append(
            f'<line class="deadline-line" x1="{_num(x(deadline))}" x2="{_num(x(deadline))}" '
            f'y1="{PAD_T}" y2="{HEIGHT - PAD_B}" stroke="{COLORS["deadline"]}" '
            f'stroke-width="1"/>'
        )
        legend.append((f"deadline {deadline.isoformat()}", COLORS["deadline"], ""))
    if as_of is not None and d0 <= as_of <= d1:
        parts.append(
            f'<line class="asof-line" x1="{_num(x(as_of))}" x2="{_num(x(as_of))}" y1="{PAD_T}" '
            f'y2="{HEIGHT - PAD_B}" stroke="{COLORS["asof"]}" stroke-width="1" '
            f'stroke-dasharray="2 3"/>'
        )
        legend.append((f"as of {as_of.isoformat()}", COLORS["asof"], "2 3"))
    if official:
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{_num(x(p.when))},{_num(y(p.value))}"
            for i, p in enumerate(official)
        )
        parts.append(
            f'<path class="series-line" data-points="{len(official)}" d="{path}" fill="none" '
            f'stroke="{COLORS["line"]}" stroke-width="2"/>'
        )
        legend.append(("official", COLORS["line"], ""))
    if forecast is not None and official:
        last = official[-1]
        parts.append(
            f'<line class="forecast-line" x1="{_num(x(last.when))}" y1="{_num(y(last.value))}" '
            f'x2="{_num(x(forecast.when))}" y2="{_num(y(forecast.value))}" '
            f'stroke="{COLORS["forecast"]}" stroke-width="2" stroke-dasharray="4 3"/>'
        )
        legend.append((f"forecast {_fmt(forecast.value)}", COLORS["forecast"], "4 3"))
    marked = set(highlight)
    for p in official:
        r = 4.5 if p.label in marked else 3
        parts.append(
            f'<circle cx="{_num(x(p.when))}" cy="{_num(y(p.value))}" r="{r}" '
            f'fill="{COLORS["line"]}"><title>{escape(p.label)}: {escape(_fmt(p.value))}'
            f"</title></circle>"
        )
    for p in reported:
        parts.append(
            f'<rect class="reported-point" x="{_num(x(p.when) - 4)}" y="{_num(y(p.value) - 4)}" '
            f'width="8" height="8" fill="none" stroke="{COLORS["reported"]}" stroke-width="2">'
            f"<title>reported {escape(p.label)}: {escape(_fmt(p.value))}</title></rect>"
        )
    if reported:
        legend.append(("reported in a document", COLORS["reported"], ""))
    lx = PAD_L
    for text, color, dash in legend:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{lx}" x2="{lx + 16}" y1="{HEIGHT - 8}" y2="{HEIGHT - 8}" '
            f'stroke="{color}" stroke-width="3"{dash_attr}/>'
            f'<text x="{lx + 20}" y="{HEIGHT - 4}" font-size="10" fill="{COLORS["axis"]}">'
            f"{escape(text)}</text>"
        )
        lx += 28 + int(len(text) * 5.6)
    parts.append("</svg>")
    return Markup("".join(parts))


__all__ = ["Band", "ChartPoint", "svg_chart"]
