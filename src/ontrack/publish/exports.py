"""Exports: the store's tables and scorecards as CSV, JSON or Parquet files.

One file per table, flat columns, so spreadsheets, pandas, R and DuckDB read them as they
are: series, observations (every vintage, official and reported), statements (with their
document and offsets), and the scorecard items of every region with statements.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from ..errors import OntrackError
from ..jsonsafe import FORMULA_STARTS, strict_json

if TYPE_CHECKING:
    from ..store import Store

FORMATS = ("csv", "json", "parquet")


def export_tables(store: Store) -> dict[str, pl.DataFrame]:
    """The exported tables as polars frames (no files written)."""
    from ..assess import build_scorecard

    series = store.series_by_id()
    names = {r.id: r.name for r in store.catalog.regions()}
    series_rows = [
        {
            "series_id": sid,
            "key": s.key,
            "region": s.region_id,
            "region_name": names.get(s.region_id, s.region_id),
            "indicator": s.indicator_id,
            "unit": s.unit,
            "frequency": str(s.frequency),
        }
        for sid, s in sorted(series.items())
    ]
    obs_rows = [
        {
            "series_id": sid,
            "key": series[sid].key,
            "period": r.period,
            "period_end": r.period_end,
            "value": r.value,
            "vintage": r.vintage,
            "kind": r.kind,
            "source": r.source,
            "note": r.note,
            "released": r.released,
            "statement_id": r.statement_id,
        }
        for sid, rows in sorted(store.series_points(series).items())
        for r in rows
    ]
    from ..review import histories, label, review_states

    # Rejected statements are exported too, marked, so the audit trail leaves with the data.
    statements = store.statements(include_rejected=True)
    states = review_states(store)
    history = histories(store)
    stmt_rows = [
        {
            **s.to_dict(),
            "region_name": names.get(s.region_id or "", s.region_id),
            "review_state": states.get(s.id or -1, "extracted"),
            "review": label(states.get(s.id or -1, "extracted")),
            "history": json.dumps(
                [h.to_dict() for h in history.get(s.id or -1, [])], ensure_ascii=False
            ),
        }
        for s in statements
    ]
    statements = [s for s in statements if states.get(s.id or -1) != "rejected"]
    today = date.today()
    item_rows: list[dict[str, Any]] = []
    for region in sorted({s.region_id for s in statements if s.region_id}):
        card = build_scorecard(store, region, as_of=today)
        for item in card["items"]:
            st = item["statement"]
            item_rows.append(
                {
                    "region": card["region"],
                    "as_of": card["as_of"],
                    "statement_id": st["id"],
                    "kind": st["kind"],
                    "statement": st.get("display") or st["quote"],
                    "indicator": st["indicator"],
                    "value": st["value"],
                    "unit": st["unit"],
                    "comparator": st["comparator"],
                    "period": st["period"],
                    "series_id": item["series"],
                    "status": item["status"],
                    "probability": item["probability"],
                    "explanation": item["explanation"],
                    "review_state": item["review"]["state"],
                    "review": item["review"]["label"],
                    "evidence": json.dumps(item["evidence"], ensure_ascii=False, default=str),
                }
            )
    return {
        "series": _frame(series_rows),
        "observations": _frame(obs_rows),
        "statements": _frame(stmt_rows),
        "scorecards": _frame(item_rows),
    }


def _frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()


def _finite(frame: pl.DataFrame) -> pl.DataFrame:
    """Non-finite floats as nulls: `inf` in a CSV is a value ingest itself refuses."""
    floats = [c for c, t in frame.schema.items() if t in (pl.Float32, pl.Float64)]
    return frame.with_columns(
        pl.when(pl.col(c).is_finite()).then(pl.col(c)).otherwise(None).alias(c) for c in floats
    )


def _neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells starting with = + - @ (or a tab) get a leading quote (see jsonsafe)."""
    texts = [c for c, t in frame.schema.items() if t == pl.String]
    starts = "^[" + "".join("\\" + ch if ch in "-+" else ch for ch in FORMULA_STARTS) + "]"
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(starts))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in texts
    )


def write_exports(store: Store, out: str | Path, fmt: str = "csv") -> list[Path]:
    """Write every table to OUT/<table>.<fmt>; return the paths written."""
    if fmt not in FORMATS:
        raise OntrackError(f"unknown export format {fmt!r}: use {', '.join(FORMATS)}")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise OntrackError(f"{folder} is a file; give a folder for the exports")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in export_tables(store).items():
        path = folder / f"{name}.{fmt}"
        frame = _finite(frame)
        if fmt == "csv":
            _neutralise_formulas(frame).write_csv(path)
        elif fmt == "json":
            path.write_text(strict_json(frame.to_dicts(), indent=1), encoding="utf-8")
        else:
            frame.write_parquet(path)
        written.append(path)
    return written
