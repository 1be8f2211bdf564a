"""Charts drawn on the server as SVG strings: no JavaScript, no network, the same picture in
the dashboard, the static site, the HTML/PDF report and the markdown report's files.

Charts that do not lie:

* a value sits at the middle of the period it is for (a year's figure on its year, between
  that year's tick marks; a point-in-time figure on its day);
* a gap of more than one and a half periods is not bridged: the line breaks;
* the y range always shows a sensible span (at least a quarter of the values' size), so a
  single point or a flat line is not magnified into a cliff;
* axes are labelled (years; the unit), the target level, deadline, as-of date, forecast
  and its band are drawn, and the legend wraps into rows inside the picture;
* text is large (14 px in a 560-wide picture, about 10 px on a 390 px phone).

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

WIDTH = 560  # the wide picture (desktop, print); NARROW for phones
NARROW = 360
PLOT_H = 230
PAD_L, PAD_R, PAD_T, PAD_B = 60, 16, 34, 30
FONT, LEGEND_FONT = 14, 13
LEGEND_ROW = 22
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
# Further series of a comparison chart (the national line beside the province's).
OTHER_COLORS = ("#b3261e", "#5b5b5b", "#00796b")
STEP_DAYS = {"A": 365.25, "MY": 365.25, "Q": 91.3, "YTD": 91.3, "M": 30.4, "D": 1.0}
GAP_FACTOR = 1.5


@dataclass(frozen=True)
class ChartPoint:
    when: date  # the end of the period
    value: float
    label: str = ""
    kind: str = "official"  # official | reported
    start: date | None = None  # the start of the period; None for a point in time

    @property
    def at(self) -> date:
        """Where the value is drawn: the middle of its period."""
        if self.start is None or self.start >= self.when:
            return self.when
        return self.start + (self.when - self.start) / 2


@dataclass(frozen=True)
class Band:
    when: date
    low: float
    high: float


@dataclass(frozen=True)
class OtherSeries:
    name: str
    points: Sequence[ChartPoint]


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


def value_range(values: Sequence[float]) -> tuple[float, float]:
    """A y range that shows the values honestly: padded, at least a quarter of their size
    wide, and starting at zero when zero is near."""
    lo, hi = min(values), max(values)
    size = max(abs(lo), abs(hi))
    min_span = size * 0.25 if size > 0 else 1.0
    if hi - lo < min_span:
        mid = (hi + lo) / 2
        lo, hi = mid - min_span / 2, mid + min_span / 2
    margin = (hi - lo) * 0.08
    lo, hi = lo - margin, hi + margin
    if min(values) >= 0 > lo or (min(values) >= 0 and lo < (hi - lo) * 0.5):
        lo = 0.0
    ticks = _ticks(lo, hi)
    if len(ticks) >= 2:
        step = ticks[1] - ticks[0]
        lo = math.floor(lo / step + 1e-9) * step
        hi = math.ceil(hi / step - 1e-9) * step
    return lo, hi


def segments(points: Sequence[ChartPoint], frequency: str | None) -> list[list[ChartPoint]]:
    """Runs of points with no gap longer than 1.5 periods (the line breaks at a gap)."""
    pts = sorted(points, key=lambda p: p.when)
    if not pts:
        return []
    if frequency in STEP_DAYS:
        limit = STEP_DAYS[frequency] * GAP_FACTOR
    else:
        gaps = sorted((b.when - a.when).days for a, b in zip(pts, pts[1:], strict=False))
        limit = (gaps[len(gaps) // 2] if gaps else 365) * GAP_FACTOR
    runs = [[pts[0]]]
    for a, b in zip(pts, pts[1:], strict=False):
        if (b.when - a.when).days > limit:
            runs.append([])
        runs[-1].append(b)
    return runs


def _legend_rows(
    items: list[tuple[str, str, str]], width: int, left: int
) -> list[list[tuple[str, str, str, int]]]:
    """Legend entries wrapped into rows that fit the picture's width."""
    rows: list[list[tuple[str, str, str, int]]] = [[]]
    x = left
    for text, color, dash in items:
        w = 26 + int(len(text) * LEGEND_FONT * 0.55)
        if rows[-1] and x + w > width - 4:
            rows.append([])
            x = left
        rows[-1].append((text, color, dash, x))
        x += w + 12
    return rows if rows[0] else []


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
    frequency: str | None = None,
    name: str = "official",
    others: Sequence[OtherSeries] = (),
    width: int = WIDTH,
    css: str = "chart",
) -> Markup:
    """A line chart of `points` with the target level, deadline, as-of line, forecast and band.

    `others` are further series drawn beside it (a comparison's national line). The series
    paths have class `series-line` and `data-points` with the number of points, and each
    point its `data-period`, so a browser test can check the chart drew the data in place.
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
    every = pts + [p for o in others for p in o.points]
    dates = [p.at for p in every] + [p.when for p in every]
    values = [p.value for p in every]
    for d in (deadline, as_of, forecast.when if forecast else None, band.when if band else None):
        if d is not None:
            dates.append(d)
    for v in (target, forecast.value if forecast else None):
        if v is not None:
            values.append(v)
    if band is not None:
        values += [band.low, band.high]
    label = escape(title or "chart")

    legend: list[tuple[str, str, str]] = []
    if band is not None and official:
        legend.append(("forecast 80% band", COLORS["band"], ""))
    if target is not None:
        legend.append((f"target {_fmt(target)}", COLORS["target"], "6 4"))
    if deadline is not None:
        legend.append((f"deadline {deadline.isoformat()}", COLORS["deadline"], ""))
    if official:
        legend.append((name, COLORS["line"], ""))
    for i, other in enumerate(others):
        legend.append((other.name, OTHER_COLORS[i % len(OTHER_COLORS)], ""))
    if forecast is not None and official:
        legend.append((f"forecast {_fmt(forecast.value)}", COLORS["forecast"], "4 3"))
    if reported:
        legend.append(("reported in a document", COLORS["reported"], ""))
    if as_of is not None:
        legend.append((f"as of {as_of.isoformat()}", COLORS["asof"], "2 3"))
    narrow = width < WIDTH
    pad_l = PAD_L - 12 if narrow else PAD_L
    plot_h = PLOT_H - 40 if narrow else PLOT_H
    rows = _legend_rows(legend, width, 8 if narrow else pad_l)
    height = PAD_T + plot_h + PAD_B + LEGEND_ROW * len(rows) + 4
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(css)}" '
        f'viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{label}" width="100%" preserveAspectRatio="xMidYMid meet">'
        f"<title>{label}</title>"
    )
    if not every:
        return Markup(
            head + f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" '
            f'font-size="{FONT}" fill="{COLORS["axis"]}">no observations</text></svg>'
        )
    # Whole calendar years, so that each year has its band between two tick marks.
    d0 = date(min(dates).year, 1, 1)
    d1 = date(max(dates).year, 12, 31)
    lo, hi = value_range(values)
    span_d = (d1 - d0).days or 1
    plot_w = width - pad_l - PAD_R
    bottom = PAD_T + plot_h

    def x(d: date) -> float:
        return pad_l + (d - d0).days / span_d * plot_w

    def y(v: float) -> float:
        return PAD_T + (hi - v) / (hi - lo) * plot_h

    parts = [head]
    for t in _ticks(lo, hi):
        parts.append(
            f'<line x1="{pad_l}" x2="{width - PAD_R}" y1="{_num(y(t))}" y2="{_num(y(t))}" '
            f'stroke="{COLORS["grid"]}" stroke-width="1"/>'
            f'<text x="{pad_l - 6}" y="{_num(y(t) + 5)}" text-anchor="end" font-size="{FONT}" '
            f'fill="{COLORS["axis"]}">{escape(_fmt(t))}</text>'
        )
    first, last = d0.year, d1.year
    n_years = last - first + 1
    label_step = max(1, math.ceil(n_years / max(2, plot_w // 70)))
    for yr in range(first, last + 1):
        x_start = x(date(yr, 1, 1))
        parts.append(
            f'<line x1="{_num(x_start)}" x2="{_num(x_start)}" y1="{bottom}" y2="{bottom + 5}" '
            f'stroke="{COLORS["axis"]}"/>'
        )
        if (yr - first) % label_step == 0:
            mid = x(date(yr, 7, 2))
            parts.append(
                f'<text class="x-label" data-year="{yr}" x="{_num(mid)}" y="{bottom + 20}" '
                f'text-anchor="middle" font-size="{FONT}" fill="{COLORS["axis"]}">{yr}</text>'
            )
    parts.append(
        f'<line x1="{pad_l}" x2="{pad_l}" y1="{PAD_T}" y2="{bottom}" '
        f'stroke="{COLORS["axis"]}"/><line x1="{pad_l}" x2="{width - PAD_R}" '
        f'y1="{bottom}" y2="{bottom}" stroke="{COLORS["axis"]}"/>'
    )
    if unit:
        parts.append(
            f'<text class="y-unit" x="{pad_l}" y="{PAD_T - 12}" font-size="{FONT}" '
            f'fill="{COLORS["axis"]}">{escape(unit)}</text>'
        )
    if band is not None and official:
        end = official[-1]
        parts.append(
            f'<polygon class="forecast-band" points="{_num(x(end.at))},{_num(y(end.value))} '
            f'{_num(x(band.when))},{_num(y(band.high))} {_num(x(band.when))},{_num(y(band.low))}" '
            f'fill="{COLORS["band"]}" stroke="none"/>'
        )
    if target is not None:
        parts.append(
            f'<line class="target-line" x1="{pad_l}" x2="{width - PAD_R}" y1="{_num(y(target))}" '
            f'y2="{_num(y(target))}" stroke="{COLORS["target"]}" stroke-width="1.5" '
            f'stroke-dasharray="6 4"/>'
        )
    if deadline is not None:
        parts.append(
            f'<line class="deadline-line" x1="{_num(x(deadline))}" x2="{_num(x(deadline))}" '
            f'y1="{PAD_T}" y2="{bottom}" stroke="{COLORS["deadline"]}" stroke-width="1"/>'
        )
    if as_of is not None and d0 <= as_of <= d1:
        parts.append(
            f'<line class="asof-line" x1="{_num(x(as_of))}" x2="{_num(x(as_of))}" y1="{PAD_T}" '
            f'y2="{bottom}" stroke="{COLORS["asof"]}" stroke-width="1" stroke-dasharray="2 3"/>'
        )

    def line(series: Sequence[ChartPoint], color: str, css: str) -> None:
        runs = segments(series, frequency)
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{_num(x(p.at))},{_num(y(p.value))}"
            for run in runs
            for i, p in enumerate(run)
        )
        parts.append(
            f'<path class="{css}" data-points="{len(series)}" data-segments="{len(runs)}" '
            f'd="{path}" fill="none" stroke="{color}" stroke-width="2"/>'
        )
        for p in series:
            r = 4.5 if p.label in marked else 3.5
            parts.append(
                f'<circle class="point" data-period="{escape(p.label)}" '
                f'data-value="{escape(_fmt(p.value))}" cx="{_num(x(p.at))}" '
                f'cy="{_num(y(p.value))}" r="{r}" fill="{color}"><title>{escape(p.label)}: '
                f"{escape(_fmt(p.value))}</title></circle>"
            )

    marked = set(highlight)
    for i, other in enumerate(others):
        official_other = [p for p in other.points if p.kind == "official"]
        if official_other:
            line(official_other, OTHER_COLORS[i % len(OTHER_COLORS)], "series-line other-line")
    if official:
        line(official, COLORS["line"], "series-line")
    if forecast is not None and official:
        end = official[-1]
        parts.append(
            f'<line class="forecast-line" x1="{_num(x(end.at))}" y1="{_num(y(end.value))}" '
            f'x2="{_num(x(forecast.when))}" y2="{_num(y(forecast.value))}" '
            f'stroke="{COLORS["forecast"]}" stroke-width="2" stroke-dasharray="4 3"/>'
        )
    for p in reported:
        parts.append(
            f'<rect class="reported-point" data-period="{escape(p.label)}" '
            f'x="{_num(x(p.at) - 4)}" y="{_num(y(p.value) - 4)}" width="8" height="8" '
            f'fill="none" stroke="{COLORS["reported"]}" stroke-width="2">'
            f"<title>reported {escape(p.label)}: {escape(_fmt(p.value))}</title></rect>"
        )
    base = bottom + PAD_B
    for r, row in enumerate(rows):
        ly = base + LEGEND_ROW * r + 12
        for text, color, dash, lx in row:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<line x1="{lx}" x2="{lx + 20}" y1="{ly - 4}" y2="{ly - 4}" '
                f'stroke="{color}" stroke-width="4"{dash_attr}/>'
                f'<text class="legend" x="{lx + 26}" y="{ly + 1}" font-size="{LEGEND_FONT}" '
                f'fill="{COLORS["axis"]}">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


__all__ = ["Band", "ChartPoint", "OtherSeries", "segments", "svg_chart", "value_range"]
