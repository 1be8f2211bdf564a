"""Vintage rules: what a validated file adds to what is stored, without overwriting anything.

* A row equal to the latest stored value of its (series, period) changes nothing.
* A row with a different value is added as a new vintage: the file's `vintage` column if
  given, else an automatic one naming the ingest time. The old vintage stays.
* A row naming an explicit vintage that is already stored with a different value is a
  conflict: the file is rejected, because storing it would overwrite that vintage.
* Values are converted to the unit of an existing series (10 MW -> GW); an incompatible
  unit is an error for that row.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..errors import RowError, UnitError
from ..units import parse_unit

REL_TOL = 1e-9


@dataclass
class WritePlan:
    rows: (
        pl.DataFrame
    )  # series_id, period, period_start/end, value, vintage, source, note, released
    errors: list[RowError]
    revisions: int  # rows adding a vintage to a period already stored
    unchanged: int


def _same(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    scale = pl.max_horizontal(pl.lit(1.0), a.abs(), b.abs())
    return (a - b).abs() <= REL_TOL * scale


def plan_writes(
    frame: pl.DataFrame,
    series_ids: dict[tuple[str, str, str], int],
    series_units: dict[int, str],
    existing: pl.DataFrame,
    auto_vintage: str,
    path: str,
) -> WritePlan:
    errors: list[RowError] = []
    keys = pl.DataFrame(
        [(r, i, f, sid, series_units[sid]) for (r, i, f), sid in series_ids.items()],
        schema={
            "region_id": pl.String,
            "indicator_id": pl.String,
            "frequency": pl.String,
            "series_id": pl.Int64,
            "series_unit": pl.String,
        },
        orient="row",
    )
    df = frame.join(keys, on=["region_id", "indicator_id", "frequency"], how="left")

    # Convert into the series' unit where a file writes a compatible but different one.
    factors: dict[tuple[str, str], float] = {}
    for unit, series_unit in df.select("unit", "series_unit").unique().iter_rows():
        if unit == series_unit:
            continue
        try:
            factors[(unit, series_unit)] = parse_unit(unit).factor_to(parse_unit(series_unit))
        except UnitError as exc:
            for (line,) in (
                df.filter((pl.col("unit") == unit) & (pl.col("series_unit") == series_unit))
                .select("line")
                .iter_rows()
            ):
                errors.append(
                    RowError(path, line, f"unit {unit!r} does not fit the stored series: {exc}")
                )
    if factors:
        factor_frame = pl.DataFrame(
            [(u, s, f) for (u, s), f in factors.items()],
            schema={"unit": pl.String, "series_unit": pl.String, "factor": pl.Float64},
            orient="row",
        )
        df = (
            df.join(factor_frame, on=["unit", "series_unit"], how="left")
            .with_columns((pl.col("value") * pl.col("factor").fill_null(1.0)).alias("value"))
            .drop("factor")
        )

    # Duplicates within the file: the same value twice is harmless, two values are not.
    df = df.with_columns(pl.col("vintage").fill_null("").alias("vkey"))
    firsts = df.group_by("series_id", "period", "vkey").agg(
        pl.col("value").first().alias("first_value"), pl.col("line").first().alias("first_line")
    )
    df = df.join(firsts, on=["series_id", "period", "vkey"], how="left")
    clash = df.filter(
        (pl.col("line") != pl.col("first_line")) & ~_same(pl.col("value"), pl.col("first_value"))
    )
    for line, first_line, period in clash.select("line", "first_line", "period").iter_rows():
        errors.append(
            RowError(
                path,
                line,
                f"gives a different value for period {period} than line "
                f"{first_line} (same series and vintage); keep one of them",
            )
        )
    df = df.filter(pl.col("line") == pl.col("first_line")).drop("first_value", "first_line")

    # Against the store.
    latest = (
        existing.sort("id")
        .group_by("series_id", "period")
        .agg(pl.col("value").last().alias("latest_value"))
    )
    stored_vintages = existing.select(
        "series_id", "period", pl.col("vintage").alias("vkey"), pl.col("value").alias("stored")
    )
    df = df.join(latest, on=["series_id", "period"], how="left").join(
        stored_vintages, on=["series_id", "period", "vkey"], how="left"
    )
    explicit = pl.col("vkey") != ""
    conflict = df.filter(
        explicit & pl.col("stored").is_not_null() & ~_same(pl.col("value"), pl.col("stored"))
    )
    for line, period, vintage, stored in conflict.select(
        "line", "period", "vkey", "stored"
    ).iter_rows():
        errors.append(
            RowError(
                path,
                line,
                f"vintage {vintage!r} of period {period} is already stored "
                f"with value {stored:g}; give the revised figure a new vintage name",
            )
        )
    unchanged_mask = (
        pl.when(explicit)
        .then(pl.col("stored").is_not_null())
        .otherwise(
            pl.col("latest_value").is_not_null() & _same(pl.col("value"), pl.col("latest_value"))
        )
    )
    df = df.with_columns(unchanged_mask.fill_null(False).alias("unchanged"))
    unchanged = int(df["unchanged"].sum())
    new = df.filter(~pl.col("unchanged"))
    revisions = int(new["latest_value"].is_not_null().sum())
    rows = new.select(
        "series_id",
        "period",
        "period_start",
        "period_end",
        "value",
        pl.when(pl.col("vkey") == "")
        .then(pl.lit(auto_vintage))
        .otherwise(pl.col("vkey"))
        .alias("vintage"),
        "source",
        "note",
        "released",
    )
    errors.sort(key=lambda e: e.line)
    return WritePlan(rows=rows, errors=errors, revisions=revisions, unchanged=unchanged)
