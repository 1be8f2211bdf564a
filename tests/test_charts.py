"""Charts that do not lie: place in time, latest release, gaps, y range, legend, two series."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

from ontrack.assess.scorecard import latest_points
from ontrack.periods import parse_period
from ontrack.releases import vintage_date, vintage_label
from ontrack.web.charts import WIDTH, ChartPoint, OtherSeries, segments, svg_chart, value_range


def annual(year: int, value: float, kind: str = "official") -> ChartPoint:
    p = parse_period(str(year))
    return ChartPoint(p.end, value, str(year), kind, p.start)


def _circle_x(svg: str, period: str) -> float:
    m = re.search(rf'data-period="{period}"[^>]*cx="([\d.]+)"', svg)
    assert m, period
    return float(m.group(1))


def _label_x(svg: str, year: int) -> float:
    m = re.search(rf'data-year="{year}" x="([\d.]+)"', svg)
    assert m, year
    return float(m.group(1))


def test_a_years_value_sits_on_its_year() -> None:
    svg = str(svg_chart([annual(y, 5.0 + y % 3) for y in range(2019, 2024)], unit="percent"))
    for y in range(2019, 2024):
        assert abs(_circle_x(svg, str(y)) - _label_x(svg, y)) < 2, y
    # and never on the next year's label
    assert abs(_circle_x(svg, "2023") - _label_x(svg, 2023)) < abs(
        _circle_x(svg, "2022") - _label_x(svg, 2023)
    )


def test_gaps_are_not_bridged() -> None:
    pts = [annual(y, 1.0) for y in (2010, 2011, 2012, 2016, 2017)]
    assert [len(r) for r in segments(pts, "A")] == [3, 2]
    svg = str(svg_chart(pts, frequency="A"))
    assert 'data-segments="2"' in svg
    path = re.search(r'class="series-line" [^>]*d="([^"]+)"', svg)
    assert path and path.group(1).count("M") == 2


def test_one_point_gets_a_sensible_y_range() -> None:
    lo, hi = value_range([50.5])
    assert hi - lo >= 50.5 * 0.25 and lo <= 50.5 <= hi
    lo, hi = value_range([5.2, 5.3])
    assert hi - lo >= 1.3
    assert value_range([3.0, 60.0])[0] == 0.0  # zero is near: the axis starts at it


def test_legend_stays_inside_the_picture() -> None:
    svg = str(
        svg_chart(
            [annual(2022, 48.0), annual(2023, 49.0)],
            target=56.8,
            deadline=date(2025, 12, 31),
            as_of=date(2024, 4, 23),
            forecast=ChartPoint(date(2025, 12, 31), 52.0),
            name="Liaoning, clean-energy share",
            others=[OtherSeries("China, clean-energy share", [annual(2023, 51.0)])],
        )
    )
    height = float(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))  # type: ignore[union-attr]
    for m in re.finditer(r'class="legend" x="(\d+)" y="([\d.]+)"[^>]*>([^<]+)<', svg):
        x, y, text = float(m.group(1)), float(m.group(2)), m.group(3)
        assert x + len(text) * 13 * 0.55 <= WIDTH, text
        assert y <= height, text
    assert svg.count('class="series-line') == 2  # the comparison's second series is drawn


def test_latest_vintage_is_the_latest_release_not_the_last_loaded() -> None:
    def row(value: float, vintage: str, released: date | None = None) -> SimpleNamespace:
        p = parse_period("2016")
        return SimpleNamespace(
            period="2016",
            period_end=p.end,
            value=value,
            vintage=vintage,
            source="s",
            kind="official",
            released=released,
        )

    rows = [
        row(0.5, "NBS database export, committed 2021 (census revision)"),
        row(-2.5, "first release (as quoted Jan 2019)"),  # loaded last, released first
    ]
    assert [p.value for p in latest_points(rows)] == [0.5]
    rows.append(row(0.7, "", released=date(2023, 5, 1)))
    assert [p.value for p in latest_points(rows)] == [0.7]


def test_vintages_are_named_for_people() -> None:
    assert vintage_date("first release (NBS 2021-01-18; communique 2021-02-28)") == date(
        2021, 2, 28
    )
    assert vintage_date("later provincial figure (China Daily, 2019-11)") == date(2019, 11, 1)
    assert vintage_date("first release (as quoted Jan 2019)") == date(2019, 1, 1)
    assert vintage_date("as stated in the 14th FYP plan") is None
    assert vintage_label("2026-12-03T21:31:13Z#4").startswith("loaded 3 Dec 2026")
    assert vintage_label("DERIVED").startswith("derived")
    assert "self-reported" in vintage_label("reported in document e11b095c785fad23")
    assert vintage_label("first release (NBS 2024-01-17)") == "first release (NBS 2024-01-17)"
