"""Rich tables of a backtest report (`ontrack backtest`): scores, differences, splits."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

MODEL_LABELS = {
    "always_0.5": "always 0.5",
    "base_rate": "base rate of the indicator's earlier targets",
    "status_rule": "status rule (0.9 / 0.5 / 0.1)",
    "damped": "damped trend alone",
    "AutoETS": "statsforecast AutoETS alone",
    "AutoARIMA": "statsforecast AutoARIMA alone",
    "anchored": "anchored trend alone",
    "scorecard": "scorecard: trend averaged with the track record",
    "learned": "learned combination (cross-validated across regions)",
}


def _num(x: float | None, digits: int = 3) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def backtest_tables(report: dict[str, Any]) -> Group:
    scores = report["scores"]
    default = (report.get("default") or {}).get("model")
    diffs = report.get("differences") or {}
    title = (
        f"backtest: {len(report['cases'])} replays of {report['n_targets']} targets with "
        f"known outcomes in {report.get('n_regions', 0)} regions"
    )
    table = Table(title=title)
    for col in ("model", "n", "Brier", "log loss", "Brier vs default (90% interval)"):
        table.add_column(col, justify="left" if col == "model" else "right")
    for name, score in scores.items():
        d = diffs.get(name)
        vs = (
            "default"
            if name == default
            else f"{d['difference']:+.3f} ({d['low']:+.3f}, {d['high']:+.3f})"
            if d and d["difference"] is not None
            else "—"
        )
        table.add_row(
            MODEL_LABELS.get(name, name),
            str(score["n"]),
            _num(score["brier"]),
            _num(score["log_loss"]),
            vs,
        )
    parts: list[Any] = [table]
    if not report["cases"]:
        return Group(*parts)
    parts.append(Text((report.get("default") or {}).get("note", ""), style="italic"))
    for key, label in (("target_type", "target type"), ("horizon", "horizon")):
        split = report.get("splits", {}).get(key, {})
        t = Table(title=f"Brier score by {label}")
        t.add_column(label)
        for col in ("replays", "targets", "met"):
            t.add_column(col, justify="right")
        for name in scores:
            t.add_column(name, justify="right")
        for value, part in split.items():
            t.add_row(
                value,
                str(part["n"]),
                str(part["targets"]),
                f"{part['met_share']:.0%}",
                *(_num(part["brier"].get(m)) for m in scores),
            )
        parts.append(t)
    reliability = Table(title="reliability: observed share met per band of predicted P(met)")
    reliability.add_column("model")
    bands = next(iter(scores.values()))["reliability"]
    for band in bands:
        reliability.add_column(f"{band['lower']:.1f}-{band['upper']:.1f}", justify="right")
    for name, score in scores.items():
        reliability.add_row(
            name,
            *(
                f"{b['observed_frequency']:.2f} ({b['n']})" if b["n"] else "—"
                for b in score["reliability"]
            ),
        )
    parts.append(reliability)
    return Group(*parts)
