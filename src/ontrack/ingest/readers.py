"""Readers: files -> one long table of raw strings with the line each row came from.

Every reader returns a polars DataFrame with the columns of RAW_COLUMNS (all strings
except `line`), so validation is written once. Supported layouts:

* tidy long CSV/Excel: region, indicator, period, value, unit, source [, vintage, note,
  released (the date the figure was published, YYYY-MM-DD)]
* wide CSV/Excel: region, indicator, unit [, source, vintage, note] and one column per period
* Our World in Data tables: Entity/Country, [Code,] Year, one column per indicator,
  each header carrying its unit in brackets: "Electricity generation (TWh)"
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import polars as pl

from ..errors import InputFileError, PeriodError
from ..limits import limits
from ..periods import parse_period

RAW_COLUMNS = [
    "region",
    "indicator",
    "period",
    "value",
    "unit",
    "source",
    "vintage",
    "note",
    "released",
]
TIDY_REQUIRED = ["region", "indicator", "period", "value", "unit"]
WIDE_REQUIRED = ["region", "indicator", "unit"]
TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}

# Header spellings that mean one of our columns.
_HEADER_ALIASES = {
    "region": {"region", "area", "province", "geo", "region_name", "地区", "省份"},
    "indicator": {"indicator", "variable", "measure", "series", "指标"},
    "period": {"period", "time", "date", "time_period", "年份", "时间"},
    "value": {"value", "obs_value", "数值", "值"},
    "unit": {"unit", "units", "unit_measure", "单位"},
    "source": {"source", "来源"},
    "vintage": {"vintage", "release", "版本"},
    "note": {"note", "notes", "comment", "备注"},
    "released": {"released", "release_date", "published", "发布日期"},
}
_OWID_ENTITY = {"entity", "country"}
_OWID_SKIP = {"code", "iso_code"}


def _canonical_header(name: str) -> str:
    key = name.strip().lower()
    for canonical, spellings in _HEADER_ALIASES.items():
        if key in spellings:
            return canonical
    return name.strip()


def decode(path: Path, data: bytes) -> str:
    """Bytes of a text file -> str, detecting the encoding; refuse binary files."""
    return decode_with_encoding(path, data)[0]


def decode_with_encoding(path: Path, data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (BOM or not), UTF-16 with a BOM, else the detected encoding."""
    if not data.strip():
        raise InputFileError(path, "the file is empty; give a table with a header row")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputFileError(
                path, "starts with a UTF-16 byte-order mark but is not valid UTF-16"
            ) from None
    if b"\x00" in data[:8192]:
        raise InputFileError(
            path, "this is a binary file, not a text table; save it as UTF-8 CSV or .xlsx"
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    from ..encodings import prefer_windows_1252

    best = from_bytes(data[:200_000]).best()
    encoding = prefer_windows_1252(data, best.encoding if best is not None else None)
    if encoding is None:
        raise InputFileError(
            path, "cannot detect the text encoding; save the file as UTF-8 (or UTF-16 with a BOM)"
        )
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise InputFileError(
            path, f"the text is not valid {encoding} (guessed); save the file as UTF-8"
        ) from None


def read_table(path: Path, units: dict[str, str] | None = None) -> tuple[pl.DataFrame, str]:
    """Read any supported file into the raw long table; return (frame, layout name)."""
    if not path.exists():
        raise InputFileError(path, "no such file")
    if path.is_dir():
        raise InputFileError(path, "is a folder; give the data files inside it")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        grid = _excel_grid(path)
    elif suffix in {".csv", ".tsv", ".txt"}:
        grid = _csv_frame(path, separator="\t" if suffix == ".tsv" else None)
    else:
        raise InputFileError(
            path, f"unsupported file type {suffix or '(none)'}: use .csv, .tsv, .xlsx"
        )
    return to_long(path, grid, units or {})


def _check_size(path: Path) -> None:
    """Refuse a file over the size limit, or with a line over the line limit, before
    reading it whole (a 1 GB line would otherwise need many times its size in memory)."""
    limit = limits()
    size = path.stat().st_size
    if size > limit.table_bytes:
        raise InputFileError(
            path,
            f"{size:,} bytes is more than the limit of {limit.table_bytes:,} for a table; "
            "split the file or raise $ONTRACK_MAX_TABLE_BYTES",
        )
    line, length, carry = 1, 0, 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            start = 0
            while True:
                nl = block.find(b"\n", start)
                length = carry + ((nl if nl >= 0 else len(block)) - start)
                if length > limit.line_chars * 4:  # bytes; a UTF-8 character is at most 4
                    raise InputFileError(
                        f"{path}:{line}",
                        f"this line is longer than the limit of {limit.line_chars:,} "
                        "characters ($ONTRACK_MAX_LINE_CHARS); is it really a table?",
                    )
                if nl < 0:
                    carry = length
                    break
                carry, start, line = 0, nl + 1, line + 1


def _duplicate_headers(path: Path, header: list[str]) -> None:
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        key = _canonical_header(name)
        if key in seen:
            raise InputFileError(
                f"{path}:1",
                f"column {name!r} (column {number}) repeats column {seen[key]} "
                f"({header[seen[key] - 1]!r}); give each column a distinct header",
            )
        seen[key] = number


def _csv_frame(path: Path, separator: str | None) -> pl.DataFrame:
    _check_size(path)
    data = path.read_bytes()
    text, encoding = decode_with_encoding(path, data)
    if encoding != "utf-8":
        data = b""  # polars reads UTF-8 only: it gets the decoded text re-encoded
    first = text.split("\n", 1)[0].rstrip("\r")
    if separator is None:
        separator = max([",", ";", "\t"], key=first.count)
        if first.count(separator) == 0:
            raise InputFileError(
                f"{path}:1", "not a table: the first line has no commas, semicolons or tabs"
            )
    try:
        header = next(csv.reader([first.lstrip("\ufeff")], delimiter=separator), [])
    except csv.Error as exc:  # e.g. a lone carriage return inside the header line
        raise InputFileError(f"{path}:1", f"not a readable CSV header: {exc}") from None
    _duplicate_headers(path, header)
    source = io.BytesIO(data if data else text.encode("utf-8"))
    del text, data
    try:
        frame = pl.read_csv(
            source,
            separator=separator,
            infer_schema=False,  # validation parses every value itself and reports the line
            truncate_ragged_lines=False,
        )
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise InputFileError(path, f"not a readable CSV table: {_polars_reason(exc)}") from None
    frame = frame.with_columns(pl.col(c).fill_null("") for c in frame.columns)
    return frame.with_row_index("line", offset=2)


def _polars_reason(exc: Exception) -> str:
    """polars' first line, without its hints about Python options the user cannot pass."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "found more fields than defined" in first:
        return "a row has more fields than the header; check the delimiter and quoting"
    return first[:300]


def _excel_grid(path: Path) -> pl.DataFrame:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InputFileError(path, f"not a readable Excel workbook: {exc}") from None
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise InputFileError(path, "the first sheet is empty")
    names = [str(h).strip() if h is not None else f"column_{i + 1}" for i, h in enumerate(header)]
    data: dict[str, list[str]] = {n: [] for n in names}
    lines: list[int] = []
    for number, row in enumerate(rows, start=2):
        if row is None or all(v is None for v in row):
            continue
        lines.append(number)
        for name, value in zip(names, row, strict=False):
            data[name].append(_cell_text(value))
        for name in names[len(row) :]:
            data[name].append("")
    wb.close()
    frame = pl.DataFrame(data, schema={n: pl.String for n in names})
    return frame.with_columns(pl.Series("line", lines, dtype=pl.UInt32)).select("line", *names)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]  # a date cell
    return str(value)


def _is_period(name: str) -> bool:
    try:
        parse_period(name)
    except PeriodError:
        return False
    return True


def to_long(path: Path, grid: pl.DataFrame, units: dict[str, str]) -> tuple[pl.DataFrame, str]:
    """Recognise the layout of a grid and melt it to the raw long table."""
    grid = grid.rename({c: _canonical_header(c) for c in grid.columns if c != "line"})
    cols = set(grid.columns)
    if all(c in cols for c in TIDY_REQUIRED):
        return _fill(grid), "tidy"
    lowered = {c.lower(): c for c in grid.columns}
    entity = next((lowered[k] for k in _OWID_ENTITY if k in lowered), None)
    year = lowered.get("year")
    if entity and year:
        return _owid(path, grid, entity, year, units), "owid"
    period_cols = [c for c in grid.columns if c != "line" and _is_period(c)]
    if period_cols and all(c in cols for c in WIDE_REQUIRED):
        ids = [c for c in grid.columns if c not in period_cols]
        long = grid.unpivot(index=ids, on=period_cols, variable_name="period", value_name="value")
        long = long.filter(pl.col("value").str.strip_chars() != "")
        return _fill(long), "wide"
    missing = [c for c in TIDY_REQUIRED if c not in cols]
    raise InputFileError(
        path,
        f"unrecognised table layout: missing column(s) {', '.join(missing)}. Use a tidy table "
        "(region, indicator, period, value, unit, source[, vintage, note]), a wide table "
        "(region, indicator, unit and one column per period such as 2023 or 2024Q1) or an "
        "Our World in Data table (Entity, Year and one column per indicator, unit in brackets)",
    )


def _fill(frame: pl.DataFrame) -> pl.DataFrame:
    missing = [pl.lit("").alias(c) for c in RAW_COLUMNS if c not in frame.columns]
    return frame.with_columns(missing).select("line", *RAW_COLUMNS)


_BRACKET_UNIT = re.compile(r"^(.*?)\s*[(\[]([^()\[\]]+)[)\]]\s*$")


def _owid(
    path: Path, grid: pl.DataFrame, entity: str, year: str, units: dict[str, str]
) -> pl.DataFrame:
    value_cols = [
        c for c in grid.columns if c not in {"line", entity, year} and c.lower() not in _OWID_SKIP
    ]
    if not value_cols:
        raise InputFileError(path, "an Our World in Data table needs at least one value column")
    parts = []
    for col in value_cols:
        name, unit = col, units.get(col, "")
        m = _BRACKET_UNIT.match(col)
        if m:
            name = m.group(1)
            unit = unit or m.group(2)
        if unit.startswith("%"):
            unit = "percent"
        if not unit:
            raise InputFileError(
                path,
                f"column {col!r} names no unit; write it in brackets in the header, e.g. "
                f"'{col} (percent)', or pass --unit '{col}=percent'",
            )
        part = grid.select(
            "line",
            pl.col(entity).alias("region"),
            pl.lit(name).alias("indicator"),
            pl.col(year).alias("period"),
            pl.col(col).alias("value"),
            pl.lit(unit).alias("unit"),
        ).filter(pl.col("value").str.strip_chars() != "")
        parts.append(part)
    return _fill(pl.concat(parts))
