"""Cubes: what every statistical message is (dimensions, codes, values, attributes), and
how one becomes ontrack's raw long table.

SDMX, JSON-stat, PxWeb, Frictionless packages and the provider APIs all describe an
observation by a code per dimension (REF_AREA=CHN, TIME_PERIOD=2023) plus attributes
(UNIT_MEASURE=PC, UNIT_MULT=6). Each reader builds a :class:`Cube`; :func:`cube_to_raw`
decides which dimension is the region, the indicator and the period (a mapping file, the
message's own roles, or the usual dimension names), resolves every distinct code once
against the mapping and the catalog, and returns the raw string table that
:func:`ontrack.ingest.validate.validate` checks like any CSV. A code that cannot be resolved
is an error naming it and the closest known ones, before anything is stored.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl

from ..catalog import Catalog, normalise_name
from ..errors import InputFileError, PeriodError, UnitError
from ..periods import parse_period
from ..units import parse_unit
from .readers import RAW_COLUMNS

# Dimension ids that usually mean one of our three roles (compared lowercased).
REGION_DIMS = {
    "ref_area", "geo", "geography", "country", "countries", "area", "region", "reg",
    "location", "economy", "counterpart_area", "province", "state", "地区", "省份",
}  # fmt: skip
PERIOD_DIMS = {"time_period", "time", "year", "period", "tid", "sj", "date", "obs_time", "时间"}
INDICATOR_DIMS = {
    "indicator", "series", "measure", "contentscode", "zb", "na_item", "subject", "var",
    "variable", "metric", "concept", "indic", "指标",
}  # fmt: skip
# Attributes with a meaning of their own, whether a message sends them as attributes or
# (structure-specific data read without its structure) as if they were dimensions.
UNIT_ATTRS = {"unit_measure", "unit", "units", "unit_measure_type"}
MULT_ATTRS = {"unit_mult", "unit_multiplier"}
RELEASE_ATTRS = {"release_date", "last_update", "publication_date", "released", "time_pub"}
IGNORED_ATTRS = {
    "obs_status", "obs_conf", "obs_pre_break", "decimals", "time_format", "freq",
    "comment_obs", "obs_comment", "title", "title_compl", "source_detail", "status",
}  # fmt: skip

# SDMX cross-domain unit codes (CL_UNIT and CL_UNIT_MEASURE) for the units ontrack knows.
SDMX_UNITS = {
    "PC": "percent", "PT": "percent", "PCT": "percent", "PCH": "percent", "PC_GDP": "percent",
    "PCPI": "percent", "PERCENT": "percent", "PERCENT_CHANGE": "percent",
    "PP": "percentage points", "PPT": "percentage points",
    "USD": "USD", "EUR": "EUR", "CNY": "yuan", "RMB": "yuan",
    "IX": "index", "IDX": "index", "INDEX": "index",
    "PS": "persons", "PERS": "persons", "PER": "persons", "THS_PER": "thousand persons",
    "NUM": "count", "NR": "count", "PURE_NUMB": "count",
    "T": "tonnes", "TONNE": "tonnes", "KW": "kW", "MW": "MW", "GW": "GW", "KWH": "kWh",
    "GWH": "GWh", "TWH": "TWh",
    "MIO_EUR": "million EUR", "MIO_USD": "million USD", "MIO_PER": "million persons",
}  # fmt: skip


@dataclass
class Cube:
    """One statistical message as columns of codes.

    `frame` has one String column per dimension and attribute (the code of each
    observation), `value` (String, empty = missing) and `line` (the observation's number
    in the message, or its line in a CSV).
    """

    frame: pl.DataFrame
    dimensions: list[str]  # dimension ids, in the message's order
    fmt: str  # sdmx-ml, sdmx-json, json-stat, pxweb, datapackage, worldbank, nbs
    title: str = ""  # the dataset's label
    source: str = ""  # publisher / dataset, as the message names them
    released: date | None = None  # when the message says its data were published
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # dim -> code -> label
    dim_labels: dict[str, str] = field(default_factory=dict)  # dim -> its own label
    roles: dict[str, str] = field(default_factory=dict)  # region|period|indicator -> dim
    units: dict[str, str] = field(default_factory=dict)  # indicator code -> unit text
    unit: str = ""  # one unit for the whole message


def code_frame(columns: dict[str, list[str]]) -> pl.DataFrame:
    """A Cube's frame from equal-length String columns (codes and `value`), each row
    numbered in `line` from 1 in the order the message gave it."""
    rows = len(columns["value"])
    return pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String)).with_columns(
        pl.int_range(1, rows + 1, dtype=pl.UInt32).alias("line")
    )


@dataclass
class Mapping:
    """A mapping file: which dimension plays which role and what its codes mean.

    ```toml
    source = "IMF World Economic Outlook, October 2025"   # optional
    [dimensions]          # optional: roles of dimensions whose names are not the usual ones
    region = "REF_AREA"
    indicator = "WEO_SUBJECT"
    period = "TIME_PERIOD"
    [region]              # code -> catalog region (id, name or alias)
    "210000" = "Liaoning"
    [indicator]           # code -> catalog indicator, or a new indicator name
    NGDP_RPCH = "gdp_real_growth_yoy"
    [units]               # indicator code -> unit, where the message gives none
    NGDP_RPCH = "percent"
    [select]              # keep only these codes of other dimensions
    SCENARIO = "BASELINE"
    [fixed]               # a role the message has no dimension for
    region = "China"
    ```
    """

    path: str = ""
    dimensions: dict[str, str] = field(default_factory=dict)
    region: dict[str, str] = field(default_factory=dict)
    indicator: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    select: dict[str, list[str]] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)
    source: str = ""
    unit: str = ""
    released: date | None = None

    @classmethod
    def load(cls, path: str | Path) -> Mapping:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputFileError(p, "no such mapping file") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputFileError(p, f"not a valid TOML mapping file: {exc}") from None
        return cls.from_dict(data, str(p))

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "mapping") -> Mapping:
        known = {"dimensions", "region", "indicator", "units", "select", "fixed"}
        known |= {"source", "unit", "released"}
        extra = sorted(set(data) - known)
        if extra:
            raise InputFileError(
                where, f"unknown key(s) {', '.join(extra)}; a mapping file has {sorted(known)}"
            )
        tables: dict[str, dict[str, str]] = {}
        for key in ("dimensions", "region", "indicator", "units", "fixed"):
            table = data.get(key, {})
            if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
                raise InputFileError(where, f"[{key}] must map codes to strings")
            tables[key] = {str(k): v for k, v in table.items()}
        for role in list(tables["dimensions"]) + list(tables["fixed"]):
            if role not in ("region", "indicator", "period"):
                raise InputFileError(
                    where, f"role {role!r}: [dimensions] and [fixed] name region, indicator, period"
                )
        select: dict[str, list[str]] = {}
        for dim, codes in dict(data.get("select", {})).items():
            codes = [codes] if isinstance(codes, str) else codes
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise InputFileError(where, f"[select] {dim}: give a code or a list of codes")
            select[str(dim)] = codes
        released = data.get("released")
        if isinstance(released, str):
            try:
                released = date.fromisoformat(released)
            except ValueError:
                raise InputFileError(where, f"released: {released!r} is not YYYY-MM-DD") from None
        if released is not None and not isinstance(released, date):
            raise InputFileError(where, "released must be a date (YYYY-MM-DD)")
        return cls(
            path=where,
            dimensions=tables["dimensions"],
            region=tables["region"],
            indicator=tables["indicator"],
            units=tables["units"],
            select=select,
            fixed=tables["fixed"],
            source=str(data.get("source", "")),
            unit=str(data.get("unit", "")),
            released=released,
        )


_PERIOD_FORMS = [
    (re.compile(r"^(\d{4})-?[QK]([1-4])$"), lambda m: f"{m[1]}Q{m[2]}"),  # 2023-Q1, 2023K1
    (re.compile(r"^(\d{4})([A-D])$"), lambda m: f"{m[1]}Q{'ABCD'.index(m[2]) + 1}"),  # NBS
    (re.compile(r"^(\d{4})-?M(\d{2})$"), lambda m: f"{m[1]}-{m[2]}"),  # 2023-M01, 2023M01
    (re.compile(r"^(\d{4})(\d{2})$"), lambda m: f"{m[1]}-{m[2]}"),  # 202301 (NBS monthly)
    (re.compile(r"^(\d{4})-A1?$"), lambda m: m[1]),  # 2023-A1 (SDMX annual)
]


def normalise_period(code: str) -> str:
    """A provider's period code in ontrack's period grammar (unknown forms pass through,
    so validation reports them)."""
    code = code.strip()
    for pattern, fix in _PERIOD_FORMS:
        m = pattern.match(code)
        if m:
            return fix(m)
    if "T" in code and code[:10].count("-") == 2:  # 2023-12-31T00:00:00
        return code[:10]
    return code


def unit_text(code: str) -> str | None:
    """A unit code or label as a unit ontrack parses, or None."""
    code = code.strip()
    if not code:
        return None
    candidates = [SDMX_UNITS.get(code.upper(), ""), code]
    inside = re.findall(r"\(([^()]*)\)", code)  # "GDP growth (annual %)"
    for text in inside + [code]:
        candidates += [text, *re.split(r"[\s,;]+", text)]
    for cand in candidates:
        if not cand:
            continue
        try:
            return parse_unit(cand).name
        except UnitError:
            continue
    return None


def _closest(code: str, label: str, names: Iterable[str]) -> str:
    pool = list(dict.fromkeys(names))
    folded = {normalise_name(n): n for n in pool}
    found: list[str] = []
    for probe in filter(None, [label, code]):
        for hit in difflib.get_close_matches(normalise_name(probe), folded, n=3, cutoff=0.5):
            found.append(folded[hit])
    found = list(dict.fromkeys(found))[:3]
    return f" (closest known: {', '.join(repr(f) for f in found)})" if found else ""


def _pick_role(cube: Cube, mapping: Mapping, role: str, usual: set[str], taken: set[str]) -> str:
    dims = cube.dimensions
    if role in mapping.dimensions:
        dim = mapping.dimensions[role]
        if dim not in dims:
            raise InputFileError(
                mapping.path,
                f"[dimensions] {role} = {dim!r}: the message has no such dimension "
                f"(it has {', '.join(dims)})",
            )
        return dim
    if role in mapping.fixed:
        return ""
    if cube.roles.get(role) in dims:
        return cube.roles[role]
    for dim in dims:
        if dim not in taken and (
            dim.lower() in usual or cube.dim_labels.get(dim, "").lower() in usual
        ):
            return dim
    return ""


def cube_to_raw(
    name: str, cube: Cube, catalog: Catalog, mapping: Mapping | None = None
) -> pl.DataFrame:
    """The raw long table (RAW_COLUMNS + line) of a cube, every code resolved."""
    mapping = mapping or Mapping()
    frame = cube.frame
    for dim, codes in mapping.select.items():
        if dim not in frame.columns:
            raise InputFileError(
                mapping.path, f"[select] {dim}: the message has no such dimension or attribute"
            )
        frame = frame.filter(pl.col(dim).is_in(codes))
    special = UNIT_ATTRS | MULT_ATTRS | RELEASE_ATTRS | IGNORED_ATTRS
    dims = [d for d in cube.dimensions if d.lower() not in special]
    cube = Cube(**{**cube.__dict__, "dimensions": dims, "frame": frame})
    taken: set[str] = set()
    region_dim = _pick_role(cube, mapping, "region", REGION_DIMS, taken)
    taken.add(region_dim)
    period_dim = _pick_role(cube, mapping, "period", PERIOD_DIMS, taken)
    taken.add(period_dim)
    indicator_dim = _pick_role(cube, mapping, "indicator", INDICATOR_DIMS, taken)
    rest = [d for d in dims if d not in {region_dim, period_dim, indicator_dim}]
    several = {d: frame[d].unique().sort().to_list() for d in rest}
    several = {d: c for d, c in several.items() if len(c) > 1}
    if not indicator_dim and "indicator" not in mapping.fixed:
        if len(several) == 1:
            indicator_dim = next(iter(several))
            several = {}
        elif not several and len(rest) == 1:
            indicator_dim = rest[0]
    where = name
    for role, dim in (("region", region_dim), ("period", period_dim)):
        if not dim and role not in mapping.fixed:
            raise InputFileError(
                where,
                f"no {role} dimension: the message has {', '.join(dims) or 'none'}; name it in a "
                f'mapping file ([dimensions] {role} = "...") or fix it ([fixed] {role} = "...")',
            )
    if several:
        dim, codes = next(iter(several.items()))
        shown = ", ".join(codes[:5]) + (", ..." if len(codes) > 5 else "")
        raise InputFileError(
            where,
            f"dimension {dim!r} has {len(codes)} codes ({shown}) but is neither region, "
            f'indicator nor period; keep one with [select] {dim} = "..." in a mapping file, '
            "or name it as the indicator in [dimensions]",
        )
    if not frame.height:
        raise InputFileError(where, "the message holds no observations")

    cols = {c.lower(): c for c in frame.columns}
    unit_col = next((cols[a] for a in UNIT_ATTRS if a in cols), None)
    mult_col = next((cols[a] for a in MULT_ATTRS if a in cols), None)
    release_col = next((cols[a] for a in RELEASE_ATTRS if a in cols), None)

    # regions: each distinct code once
    region_expr: pl.Expr
    if region_dim:
        labels = cube.labels.get(region_dim, {})
        region_map: dict[str, str] = {}
        bad: list[str] = []
        for code in frame[region_dim].unique().to_list():
            region_id = _region_id(catalog, mapping, code, labels.get(code, ""))
            if region_id is None:
                bad.append(
                    f"region code {code!r}"
                    + (f" ({labels[code]})" if labels.get(code) else "")
                    + _closest(code, labels.get(code, ""), _region_names(catalog, mapping))
                )
            else:
                region_map[code] = region_id
        _raise_unmapped(where, region_dim, bad, "region")
        region_expr = pl.col(region_dim).replace_strict(region_map, return_dtype=pl.String)
    else:
        fixed = _region_id(catalog, mapping, mapping.fixed["region"], "")
        if fixed is None:
            raise InputFileError(
                mapping.path,
                f"[fixed] region = {mapping.fixed['region']!r} is not a known region"
                + _closest(mapping.fixed["region"], "", _region_names(catalog, mapping)),
            )
        region_expr = pl.lit(fixed)

    # indicators
    ind_codes = frame[indicator_dim].unique().to_list() if indicator_dim else [""]
    ind_labels = cube.labels.get(indicator_dim, {}) if indicator_dim else {}
    indicator_map: dict[str, str] = {}
    bad = []
    for code in ind_codes:
        label = ind_labels.get(code, "") if code else (mapping.fixed.get("indicator") or cube.title)
        resolved = _indicator_name(catalog, mapping, code, label)
        if resolved is None:
            what = f"indicator code {code!r}" if code else f"dataset label {label!r}"
            if code and label:
                what += f" ({label})"
            names = [n for i in catalog.indicators() for n in (i.id, i.name, *i.aliases)]
            bad.append(what + _closest(code, label, names + list(mapping.indicator)))
        else:
            indicator_map[code] = resolved
    _raise_unmapped(where, indicator_dim or "(none)", bad, "indicator")
    indicator_expr = (
        pl.col(indicator_dim).replace_strict(indicator_map, return_dtype=pl.String)
        if indicator_dim
        else pl.lit(indicator_map[""])
    )

    # units: mapping per indicator code, the message's unit attribute, its metadata, the catalog
    unit_expr = _unit_expr(where, cube, mapping, catalog, indicator_dim, indicator_map, unit_col)
    if mult_col:
        prefix: dict[str, str] = {}
        for code in frame[mult_col].unique().to_list():
            text = (code or "").strip()
            if not re.fullmatch(r"\d{0,2}", text):
                raise InputFileError(
                    where, f"{mult_col} {code!r} is not a power of ten (0, 3, 6, ...)"
                )
            prefix[code] = f"{10 ** int(text)} " if text not in ("", "0") else ""
        unit_expr = pl.col(mult_col).replace_strict(prefix, return_dtype=pl.String) + unit_expr

    periods = frame[period_dim].unique().to_list() if period_dim else []
    period_map = {p: normalise_period(p) for p in periods}
    period_expr = (
        pl.col(period_dim).replace_strict(period_map, return_dtype=pl.String)
        if period_dim
        else pl.lit(mapping.fixed["period"])
    )
    released = mapping.released or cube.released
    released_expr: pl.Expr = pl.lit(released.isoformat() if released else "")
    if release_col and not mapping.released:
        released_expr = (
            pl.when(pl.col(release_col).str.strip_chars() != "")
            .then(pl.col(release_col).str.slice(0, 10))
            .otherwise(released_expr)
        )
    source = mapping.source or cube.source
    out = frame.select(
        "line",
        region_expr.alias("region"),
        indicator_expr.alias("indicator"),
        period_expr.alias("period"),
        pl.col("value"),
        unit_expr.alias("unit"),
        pl.lit(source).alias("source"),
        pl.lit("").alias("vintage"),
        pl.lit("").alias("note"),
        released_expr.alias("released"),
    )
    return out.select("line", *RAW_COLUMNS)


def _raise_unmapped(where: str, dim: str, bad: list[str], role: str) -> None:
    if not bad:
        return
    shown = "; ".join(bad[:10]) + (f"; and {len(bad) - 10} more" if len(bad) > 10 else "")
    raise InputFileError(
        where,
        f"cannot map dimension {dim!r} to {role}s: {shown}. Give them in a mapping file "
        f'([{role}] CODE = "catalog name") or add aliases with `ontrack catalog add`; '
        "nothing was stored",
    )


def _region_names(catalog: Catalog, mapping: Mapping) -> list[str]:
    names = list(mapping.region)
    for r in catalog.regions():
        names += [r.id, r.name, *r.aliases]
    return names


def _region_id(catalog: Catalog, mapping: Mapping, code: str, label: str) -> str | None:
    for probe in (mapping.region.get(code), code, label):
        if probe:
            found = catalog.find_region(probe)
            if found is not None:
                return found.id
    if len(code) == 3 and code.isalpha():  # ISO 3166 alpha-3 (CHN, USA), as WB and IMF use
        import pycountry

        country = pycountry.countries.get(alpha_3=code.upper())
        if country is not None:
            found = catalog.find_region(country.alpha_2)
            if found is not None:
                return found.id
    return None


def _indicator_name(catalog: Catalog, mapping: Mapping, code: str, label: str) -> str | None:
    if code in mapping.indicator:
        target = mapping.indicator[code]
        found = catalog.find_indicator(target)
        return found.id if found else target  # a new indicator, registered on ingest
    for probe in (code, label):
        if probe:
            found = catalog.find_indicator(probe)
            if found is not None:
                return found.id
    return None


def _unit_expr(
    where: str,
    cube: Cube,
    mapping: Mapping,
    catalog: Catalog,
    indicator_dim: str,
    indicator_map: dict[str, str],
    unit_col: str | None,
) -> pl.Expr:
    fallback: dict[str, str] = {}
    missing: list[str] = []
    for code, ind in indicator_map.items():
        known = catalog.find_indicator(ind)
        text = (
            mapping.units.get(code)
            or mapping.unit
            or unit_text(cube.units.get(code, ""))
            or unit_text(cube.unit)
            or (known.unit if known else "")
        )
        if text:
            fallback[code] = text
        elif unit_col is None:
            missing.append(code or ind)
    base = (
        pl.col(indicator_dim).replace_strict(fallback, default="", return_dtype=pl.String)
        if indicator_dim
        else pl.lit(fallback.get("", ""))
    )
    if unit_col is None:
        if missing:
            raise InputFileError(
                where,
                f"no unit for indicator(s) {', '.join(repr(m) for m in missing[:5])}: the "
                'message has no UNIT_MEASURE; give [units] CODE = "percent" in a mapping file',
            )
        return base
    if mapping.units or mapping.unit:
        return base  # the mapping file wins over the message
    codes = cube.frame[unit_col].unique().to_list()
    unit_map: dict[str, str] = {}
    for code in codes:
        found = unit_text(code) if code else None
        if found is None and code:
            raise InputFileError(
                where,
                f"{unit_col} code {code!r} is not a unit ontrack knows; give "
                '[units] INDICATOR_CODE = "..." in a mapping file',
            )
        unit_map[code] = found or ""
    from_attr = pl.col(unit_col).replace_strict(unit_map, default="", return_dtype=pl.String)
    return pl.when(from_attr != "").then(from_attr).otherwise(base)


def parse_release(text: str | None) -> date | None:
    """A release timestamp as providers write it (2025-10-14, 2025-10-14T08:00:00Z)."""
    if not text:
        return None
    text = str(text).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def check_period_codes(where: str, codes: Iterable[str]) -> None:
    """Raise on the first period code no form of the grammar accepts (for readers that
    must know the frequency before validation)."""
    for code in codes:
        try:
            parse_period(normalise_period(code))
        except PeriodError as exc:
            raise InputFileError(where, f"period {code!r}: {exc}") from None


__all__ = [
    "Cube",
    "Mapping",
    "check_period_codes",
    "cube_to_raw",
    "normalise_period",
    "parse_release",
    "unit_text",
]
