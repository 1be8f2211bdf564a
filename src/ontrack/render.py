"""Rich renderings of ontrack's results for the terminal: tables, sparklines, colours."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from rich.table import Table

from .store import IngestSummary

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    values = [v for v in values if math.isfinite(v)]  # an undrawable value is left out
    if not values:
        return ""
    lo, hi = min(values), max(values)
    span = hi - lo or 1.0
    return "".join(SPARKS[min(7, int((v - lo) / span * 7.999))] for v in values)


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if not math.isfinite(value):
        return "(not finite)"
    return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"


def summary_table(summaries: list[IngestSummary]) -> Table:
    table = Table(title="ingested")
    for col in (
        "file",
        "rows",
        "observations added",
        "new vintages",
        "series added",
        "unchanged",
        "skipped (no value)",
    ):
        table.add_column(col, justify="left" if col == "file" else "right")
    for s in summaries:
        table.add_row(
            Path(s.path).name,
            str(s.rows_read),
            str(s.observations_added),
            str(s.vintages_added),
            str(s.series_added),
            str(s.unchanged),
            str(s.rows_skipped),
        )
    return table


def store_latest_values(obs: list[Any]) -> list[float]:
    """The last value given for each period, in period order (for the sparkline)."""
    by_period: dict[str, float] = {}
    for o in obs:
        by_period[o.period] = o.value
    return list(by_period.values())


def statements_table(doc: Any, stmts: list[Any]) -> Table:
    title = f"{doc.title or doc.id} ({doc.date or 'undated'}): {len(stmts)} statements"
    table = Table(title=title)
    for col in ("kind", "indicator", "value", "unit", "cmp", "period", "quote"):
        table.add_column(col, overflow="fold")
    for st in stmts:
        table.add_row(
            str(st.kind),
            st.indicator,
            fmt(st.value),
            st.unit or "",
            str(st.comparator or ""),
            st.period or "",
            st.quote,
        )
    return table


STATUS_STYLE = {
    "met": "bold green",
    "on_track": "green",
    "supported": "green",
    "acceleration_needed": "yellow",
    "limited_progress": "red",
    "wrong_direction": "bold red",
    "missed": "bold red",
    "contradicted": "bold red",
    "cannot_assess": "dim",
    "unverifiable": "dim",
    "not_measurable": "blue",
}


def scorecard_table(card: dict[str, Any]) -> Table:
    table = Table(
        title=f"{card['region_name']} — as of {card['as_of']} ({card['model']})", show_lines=True
    )
    for col in ("#", "kind", "statement", "status", "P(met)", "explanation"):
        table.add_column(
            col, overflow="fold", justify="right" if col in ("#", "P(met)") else "left"
        )
    for item in card["items"]:
        st = item["statement"]
        status = item["status"] or ""
        figure = " ".join(
            x
            for x in (
                st["comparator"] or "",
                fmt(st["value"]) if st["value"] is not None else "",
                st["unit"] or "",
            )
            if x
        )
        what = f"{st['quote']}" + (f"\n[dim]{figure} · {st['period']}[/]" if figure else "")
        prob = f"{item['probability']:.0%}" if item["probability"] is not None else ""
        table.add_row(
            str(st["id"]),
            st["kind"],
            what,
            f"[{STATUS_STYLE.get(status, '')}]{status}[/]",
            prob,
            item["explanation"],
        )
    return table
