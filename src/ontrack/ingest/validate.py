"""Validation: raw strings -> typed, normalised observations, or row errors naming the line.

Each distinct period, unit, region and indicator string is parsed once (files repeat
them millions of times), then mapped back onto the rows with a join.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from ..catalog import Catalog, humanise_id, normalise_name
from ..errors import InputFileError, PeriodError, RowError, UnitError
from ..limits import limits
from ..model import Indicator, Region
from ..periods import parse_period
from ..units import parse_unit

# ASCII digits only: polars' \d is Unicode-aware but its cast to float is not, so other
# digits (fullwidth ５, Arabic-Indic ٥) are translated to ASCII first, explicitly.
_NUMBER = re.compile(r"^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)?(\.[0-9]+)?([eE][+-]?[0-9]+)?$")
LIMITED_COLUMNS = ("region", "indicator", "period", "unit", "vintage", "released")
TEXT_COLUMNS = ("source", "note")


def ascii_digits(text: str) -> str:
    """Unicode decimal digits (fullwidth, Arabic-Indic, ...) and fullwidth signs -> ASCII."""
    out = []
    for ch in text:
        if ch.isdecimal() and not ch.isascii():
            out.append(str(unicodedata.decimal(ch)))
        else:
            out.append(_FULLWIDTH_SIGNS.get(ch, ch))
    return "".join(out)


_FULLWIDTH_SIGNS = {"\uff0e": ".", "\uff0c": ",", "\uff0b": "+", "\uff0d": "-", "\u2212": "-"}


@dataclass
class Validated:
    frame: pl.DataFrame  # columns as Store.write_observations expects
    errors: list[RowError] = field(default_factory=list)
    new_regions: list[Region] = field(default_factory=list)
    new_indicators: list[Indicator] = field(default_factory=list)
    skipped: int = 0  # rows with an empty value (missing data, not an error)


def _slug(text: str, sep: str = "_") -> str:
    return re.sub(r"[^0-9a-zA-Z]+", sep, text.strip()).strip(sep).lower()


def validate(path: Path, raw: pl.DataFrame, catalog: Catalog, *, add_regions: bool) -> Validated:
    name = str(path)
    errors: list[RowError] = []
    limit = limits()
    if raw.height == 0:
        raise InputFileError(path, "the table has a header but no data rows; nothing to store")
    if raw.height > limit.rows_per_file:
        raise InputFileError(
            path,
            f"{raw.height:,} rows is more than the limit of {limit.rows_per_file:,} per file; "
            "split the file or raise $ONTRACK_MAX_ROWS_PER_FILE",
        )
    raw = raw.with_columns(pl.col(c).str.strip_chars() for c in raw.columns if c != "line")
    empty_value = raw["value"] == ""
    skipped = int(empty_value.sum())
    raw = raw.filter(~empty_value)
    if raw.height == 0:
        raise InputFileError(
            path, f"every row's value is empty ({skipped} rows); there is no figure to store"
        )

    def bad(mask: pl.Series, message: pl.Expr) -> None:
        rows = raw.filter(mask).select("line", message.alias("msg"))
        errors.extend(RowError(name, int(ln), msg) for ln, msg in rows.iter_rows())

    for col in ("region", "indicator", "period", "unit"):
        bad(raw[col] == "", pl.lit(f"column {col!r} is empty"))
    for col in (*LIMITED_COLUMNS, *TEXT_COLUMNS, "value"):
        # PostgreSQL refuses NUL in text; refusing it on every database keeps them alike
        bad(raw[col].str.contains("\x00", literal=True), pl.lit(f"column {col!r} holds a NUL"))
    for col, most, var in [
        *((c, limit.field_chars, "FIELD_CHARS") for c in LIMITED_COLUMNS),
        *((c, limit.text_field_chars, "TEXT_FIELD_CHARS") for c in TEXT_COLUMNS),
    ]:
        bad(
            raw[col].str.len_chars() > most,
            pl.format(
                f"column {col!r}: {{}} characters is longer than the limit of {most} "
                f"($ONTRACK_MAX_{var})",
                pl.col(col).str.len_chars(),
            ),
        )
    long_cols = [c for c in LIMITED_COLUMNS if (raw[c].str.len_chars() > limit.field_chars).any()]
    if long_cols:  # refused above; blanked so that no later step parses a huge string
        raw = raw.with_columns(
            pl.when(pl.col(c).str.len_chars() > limit.field_chars)
            .then(pl.lit(""))
            .otherwise(pl.col(c))
            .alias(c)
            for c in long_cols
        )

    # values: numbers with optional thousands separators, finite and representable
    text = raw["value"]
    non_ascii = ~text.str.contains(r"^[\x00-\x7f]*$")
    if non_ascii.any():
        text = pl.Series(
            "value",
            [t if t.isascii() else ascii_digits(t) for t in text.to_list()],
            dtype=pl.String,
        )
    ok = text.str.contains(_NUMBER.pattern) & text.str.contains(r"[0-9]")
    bad(~ok, pl.format("column 'value': '{}' is not a number", pl.col("value").str.slice(0, 40)))
    values = text.str.replace_all(",", "").cast(pl.Float64, strict=False)
    mantissa_nonzero = text.str.replace(r"[eE].*$", "").str.contains(r"[1-9]")
    bad(
        ok & values.is_infinite(),
        pl.format("column 'value': '{}' is too large to store (beyond ±1.8e308)", pl.col("value")),
    )
    bad(
        ok & (values == 0) & mantissa_nonzero,
        pl.format(
            "column 'value': '{}' is too small to store (it would become 0)", pl.col("value")
        ),
    )

    # release dates (optional): when the figure became public, for as-of replays
    release_map: dict[str, date] = {}
    for d in raw["released"].unique().to_list():
        if not d:
            continue
        try:
            release_map[d] = date.fromisoformat(d[:10])
        except ValueError:
            bad(
                raw["released"] == d, pl.lit(f"column 'released': {d!r} is not a date (YYYY-MM-DD)")
            )

    # periods
    period_map: dict[str, tuple[str, str, object, object]] = {}
    for p in raw["period"].unique().to_list():
        if not p:
            continue
        try:
            parsed = parse_period(p)
        except PeriodError as exc:
            bad(raw["period"] == p, pl.lit(f"column 'period': {exc}"))
            continue
        period_map[p] = (parsed.label, str(parsed.frequency), parsed.start, parsed.end)

    # units
    unit_map: dict[str, str] = {}
    for u in raw["unit"].unique().to_list():
        if not u:
            continue
        try:
            unit_map[u] = parse_unit(u).name
        except UnitError as exc:
            bad(raw["unit"] == u, pl.lit(f"column 'unit': {exc}"))

    # regions
    region_map: dict[str, str] = {}
    new_regions: dict[str, Region] = {}
    known_ids = {r.id for r in catalog.regions()}
    for r in raw["region"].unique().to_list():
        if not r:
            continue
        found = catalog.find_region(r)
        if found is not None:
            region_map[r] = found.id
        elif add_regions:
            rid = _slug(r, "-").upper()
            while rid in known_ids and rid not in new_regions:
                rid += "-X"
            new_regions.setdefault(rid, Region(id=rid, name=r, level="other"))
            region_map[r] = rid
        else:
            try:
                catalog.region(r)
            except Exception as exc:  # CatalogError with suggestions
                bad(raw["region"] == r, pl.lit(f"column 'region': {exc}"))

    # indicators: known ids/aliases map to the catalog; new ones are registered
    indicator_map: dict[str, str] = {}
    new_indicators: dict[str, Indicator] = {}
    first_unit = dict(
        raw.group_by("indicator", maintain_order=True).agg(pl.col("unit").first()).iter_rows()
    )
    for ind in raw["indicator"].unique(maintain_order=True).to_list():
        if not ind:
            continue
        known = catalog.find_indicator(ind)
        if known is not None:
            indicator_map[ind] = known.id
            continue
        iid = _slug(ind)
        if not iid:
            bad(raw["indicator"] == ind, pl.lit(f"column 'indicator': {ind!r} has no letters"))
            continue
        looks_like_id = ind == iid
        label = humanise_id(ind) if looks_like_id else ind
        if iid not in new_indicators:
            unit = unit_map.get(first_unit.get(ind, ""), "")
            new_indicators[iid] = Indicator(
                id=iid, name=label, unit=unit, aliases=() if looks_like_id else (ind,)
            )
        indicator_map[ind] = iid

    frame = raw.with_columns(
        values.alias("value"),
        pl.col("region").replace_strict(region_map, default=None).alias("region_id"),
        pl.col("indicator").replace_strict(indicator_map, default=None).alias("indicator_id"),
        pl.col("unit").replace_strict(unit_map, default=None).alias("unit"),
        pl.col("period")
        .replace_strict({k: v[0] for k, v in period_map.items()}, default=None)
        .alias("period_label"),
        pl.col("period")
        .replace_strict({k: v[1] for k, v in period_map.items()}, default=None)
        .alias("frequency"),
        pl.col("period")
        .replace_strict(
            {k: v[2] for k, v in period_map.items()}, default=None, return_dtype=pl.Date
        )
        .alias("period_start"),
        pl.col("period")
        .replace_strict(
            {k: v[3] for k, v in period_map.items()}, default=None, return_dtype=pl.Date
        )
        .alias("period_end"),
        pl.when(pl.col("vintage") == "").then(None).otherwise(pl.col("vintage")).alias("vintage"),
        pl.col("released").replace_strict(release_map, default=None, return_dtype=pl.Date),
    ).select(
        "line",
        "region_id",
        "indicator_id",
        "frequency",
        "unit",
        pl.col("period_label").alias("period"),
        "period_start",
        "period_end",
        "value",
        "vintage",
        "source",
        "note",
        "released",
    )
    errors.sort(key=lambda e: e.line)
    return Validated(
        frame=frame,
        errors=errors,
        new_regions=list(new_regions.values()),
        new_indicators=list(new_indicators.values()),
        skipped=skipped,
    )


__all__ = ["Validated", "normalise_name", "validate"]
