"""Rich renderings of reviews: one statement with its history, and the review statistics."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .review import EDITABLE

STATE_STYLE = {
    "extracted": "dim",
    "confirmed": "green",
    "corrected": "yellow",
    "rejected": "red",
    "added": "cyan",
}


def review_table(shown: dict[str, Any]) -> Group:
    """A statement's fields beside the extractor's reading, then its history."""
    state = shown["state"]
    title = f"statement {shown['id']} · {shown['kind']} · {state} ({shown['review']})"
    fields = Table(title=title, title_justify="left")
    fields.add_column("field")
    fields.add_column("now", overflow="fold")
    fields.add_column("as extracted", overflow="fold")
    first = shown.get("extracted") or {}
    for name in EDITABLE:
        now = shown["region" if name == "region" else name]
        was = first.get(name) if shown.get("extracted") is not None else "(added by hand)"
        style = "yellow" if shown.get("extracted") is not None and was != now else ""
        fields.add_row(name, Text("" if now is None else str(now), style=style), str(was or ""))
    fields.add_row("quote", Text(shown["quote"]), f"{shown['start']}-{shown['end']}")
    parts: list[Any] = [fields]
    if shown.get("rejection_reason"):
        parts.append(Text(f"rejected: {shown['rejection_reason']}", style="red"))
    assessed = shown.get("assessment")
    if assessed:
        parts.append(
            Text(
                f"re-assessed as of {assessed['as_of']}: {assessed['status']} — "
                f"{assessed['explanation']}"
            )
        )
    if shown["history"]:
        hist = Table(title="history", title_justify="left")
        for col in ("v", "field", "old", "new", "by", "at", "reason"):
            hist.add_column(col, overflow="fold")
        for h in shown["history"]:
            hist.add_row(
                str(h["version"]),
                h["field"],
                "" if h["old"] is None else str(h["old"]),
                "" if h["new"] is None else str(h["new"]),
                h["by"],
                h["at"][:19].replace("T", " "),
                h["reason"],
            )
        parts.append(hist)
    return Group(*parts)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def review_stats_table(report: dict[str, Any]) -> Group:
    """Per kind: confirmed / corrected / rejected / added, precision; per field: accuracy."""
    kinds = Table(title="the extractor as reviewers saw it", title_justify="left")
    for col in ("kind", "reviewed", "confirmed", "corrected", "rejected", "precision", "exact",
                "missed (added)"):  # fmt: skip
        kinds.add_column(col, justify="left" if col == "kind" else "right")
    rows = [*report["kinds"].items(), ("all", report["overall"])]
    for kind, k in rows:
        kinds.add_row(
            kind,
            str(k["reviewed"]),
            str(k["confirmed"]),
            str(k["corrected"]),
            str(k["rejected"]),
            _pct(k["precision"]),
            _pct(k["exact"]),
            str(k["added"]),
        )
    fields = Table(title="fields: share of kept statements read right", title_justify="left")
    fields.add_column("field")
    for kind in report["kinds"]:
        fields.add_column(kind, justify="right")
    for name in EDITABLE:
        cells = []
        for k in report["kinds"].values():
            f = k["fields"][name]
            cells.append(f"{_pct(f['accuracy'])} ({f['corrected']} fixed)")
        fields.add_row(name, *cells)
    note = Text(f"{report['unreviewed']} statement(s) not reviewed yet", style="dim")
    return Group(kinds, fields, note)
