"""Targets from plan tables: each row becomes a target statement quoting its own line.

The layout is that of the bundled `targets/targets_outcomes.csv` (which mirrors official
plan tables): plan, region, indicator, unit, target_kind, baseline_period, baseline_value,
target_period, target_operator, target_value, target_value_high, outcome_period,
outcome_value, outcome_value_revised, reported_assessment, target_source, outcome_source,
note. The file itself is stored as a document, so every target keeps its provenance (the
exact line). Outcomes become official observations, unless the series already holds the
same figure for that period.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from ..errors import InputFileError, PeriodError, RowError, ValidationError
from ..model import Comparator, Document, Statement, StatementKind, ValueType
from ..periods import parse_period
from .readers import decode
from .validate import validate

if TYPE_CHECKING:
    from ..store import Store

# Documents made from plan tables carry this title prefix; their quotes are CSV lines.
TABLE_TITLE = "Targets table"
REQUIRED = ["region", "indicator", "unit", "target_period", "target_operator", "target_value"]
OPERATORS = {
    "about": Comparator.APPROX,
    "around": Comparator.APPROX,
    "equal": Comparator.EQ,
    "reach": Comparator.EQ,
    "at_least": Comparator.GE,
    "above": Comparator.GT,
    "exceed": Comparator.GT,
    "below": Comparator.LT,
    "at_most": Comparator.LE,
    "within": Comparator.LE,
    ">": Comparator.GT,
    ">=": Comparator.GE,
    "=": Comparator.EQ,
    "<=": Comparator.LE,
    "<": Comparator.LT,
    "~": Comparator.APPROX,
}


@dataclass
class TargetsSummary:
    path: str
    document_id: str = ""
    targets: int = 0
    goals: int = 0
    outcomes_added: int = 0
    already_stored: bool = False
    skipped: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return spans


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "")) if text.strip() else None
    except ValueError:
        return None


def import_targets(store: Store, path: str | Path) -> TargetsSummary:
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "no such file")
    text = decode(path, path.read_bytes())
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputFileError(path, f"not a targets table: missing column(s) {', '.join(missing)}")
    doc = Document(
        text=text, title=f"{TABLE_TITLE} {path.name}", source=str(path.name), language="en"
    )
    summary = TargetsSummary(path=str(path), document_id=doc.id)
    spans = _line_spans(text)
    cat = store.catalog
    errors: list[RowError] = []
    statements: list[Statement] = []
    outcome_rows: list[dict[str, str]] = []
    first_line = 2
    for row in reader:
        last_line = reader.line_num
        start, end = spans[first_line - 1][0], spans[last_line - 1][1]
        line, first_line = first_line, last_line + 1
        quote = text[start:end]
        region = cat.find_region(row["region"])
        if region is None:
            errors.append(
                RowError(path, line, f"column 'region': unknown region {row['region']!r}")
            )
            continue
        indicator = cat.find_indicator(row["indicator"])
        ind_id = indicator.id if indicator else row["indicator"].strip()
        op = row["target_operator"].strip().lower()
        value = _number(row["target_value"])
        base = Statement(
            kind=StatementKind.GOAL,
            quote=quote,
            start=start,
            end=end,
            indicator=row["indicator"],
            indicator_id=ind_id,
            region_id=region.id,
            document_id=doc.id,
        )
        if op in ("", "none") or op.startswith("qualitative") or value is None and op != "range":
            if value is None and row["target_value"].strip():
                errors.append(
                    RowError(
                        path,
                        line,
                        f"column 'target_value': {row['target_value']!r} is not a number",
                    )
                )
                continue
            statements.append(base)
            summary.goals += 1
            continue
        try:
            deadline = parse_period(row["target_period"]).label
        except PeriodError as exc:
            errors.append(RowError(path, line, f"column 'target_period': {exc}"))
            continue
        unit = row["unit"].strip() or None
        baseline = _number(row.get("baseline_value") or "")
        baseline_period = (row.get("baseline_period") or "").strip() or None
        vtype = (
            ValueType.GROWTH_RATE
            if "growth" in ind_id
            else ValueType.CHANGE
            if "reduction" in ind_id
            else ValueType.LEVEL
        )
        target = replace(
            base,
            kind=StatementKind.TARGET,
            unit=unit,
            period=deadline,
            baseline_value=baseline,
            baseline_period=baseline_period,
            value_type=vtype,
        )
        if op == "range":
            high = _number(row.get("target_value_high") or "")
            if value is None or high is None:
                errors.append(
                    RowError(path, line, "a range needs target_value and target_value_high")
                )
                continue
            statements += [
                replace(target, value=value, comparator=Comparator.GE),
                replace(target, value=high, comparator=Comparator.LE),
            ]
            summary.targets += 2
        elif op in OPERATORS:
            statements.append(replace(target, value=value, comparator=OPERATORS[op]))
            summary.targets += 1
        else:
            errors.append(
                RowError(
                    path,
                    line,
                    f"column 'target_operator': unknown operator "
                    f"{op!r}; use {', '.join(sorted(OPERATORS))} or range",
                )
            )
            continue
        for column, vintage in (
            ("outcome_value", "first release"),
            ("outcome_value_revised", "revised"),
        ):
            if _number(row.get(column) or "") is not None and row.get("outcome_period"):
                outcome_rows.append(
                    {
                        "line": str(line),
                        "region": region.id,
                        "indicator": ind_id,
                        "period": row["outcome_period"],
                        "value": row[column],
                        "unit": row["unit"],
                        "source": row.get("outcome_source") or "",
                        "vintage": f"{vintage} (targets table {path.name})",
                        "note": row.get("note") or "",
                        "released": "",
                    }
                )
    if errors:
        raise ValidationError(path, errors[:20], len(errors))
    statements = _without_repeats(store, statements, summary)
    summary.already_stored = not store.save_document(doc, statements)
    if outcome_rows:
        summary.outcomes_added = _store_outcomes(store, path, outcome_rows, summary)
    return summary


def _target_key(s: Statement) -> tuple[object, ...]:
    plan = next(csv.reader([s.quote]), [""])[0].strip().casefold()
    return (plan, s.region_id, s.indicator_id, s.period, str(s.comparator), s.value)


def _without_repeats(
    store: Store, statements: list[Statement], summary: TargetsSummary
) -> list[Statement]:
    """A plan target already imported (same plan, region, indicator, deadline, comparison
    and value, from this table or another) is kept once, so a scorecard never lists it
    twice; each repeat is named in `skipped`."""
    tables = {d["id"] for d in store.list_documents() if str(d["title"]).startswith(TABLE_TITLE)}
    seen = {
        _target_key(s)
        for s in store.statements(kind="target")
        if s.document_id in tables and s.document_id != summary.document_id
    }
    kept = []
    for s in statements:
        if s.kind is StatementKind.TARGET:
            key = _target_key(s)
            if key in seen:
                summary.skipped.append(
                    f"repeat of an imported target: {s.indicator_id} {s.comparator} {s.value} "
                    f"by {s.period} ({key[0]})"
                )
                summary.targets -= 1
                continue
            seen.add(key)
        kept.append(s)
    return kept


def _store_outcomes(
    store: Store, path: Path, rows: list[dict[str, str]], summary: TargetsSummary
) -> int:
    from ..assess.verify import rounding_tolerance

    raw = pl.DataFrame(rows).with_columns(pl.col("line").cast(pl.UInt32))
    checked = validate(path, raw, store.catalog, add_regions=False)
    if checked.errors:  # an outcome in an unknown unit or period: say so, keep the targets
        summary.skipped += [str(e) for e in checked.errors]
        bad = {e.line for e in checked.errors}
        checked = validate(
            path, raw.filter(~pl.col("line").is_in(list(bad))), store.catalog, add_regions=False
        )
    frame = checked.frame
    # The same figure already stored (an NBS series, say) needs no second copy.
    existing = {
        (i.series.region_id, i.series.indicator_id, o.period): o.value
        for i in store.list_series()
        for o in store.observations(i.series.id or 0)
        if (i.series.region_id, i.series.indicator_id)
        in set(zip(frame["region_id"], frame["indicator_id"], strict=True))
    }
    keep = [
        (r, i, p) not in existing or abs(existing[(r, i, p)] - v) > rounding_tolerance(v)
        for r, i, p, v in frame.select("region_id", "indicator_id", "period", "value").iter_rows()
    ]
    frame = frame.filter(pl.Series(keep, dtype=pl.Boolean))
    if frame.height == 0:
        return 0
    result = store.write_observations(
        frame,
        path=str(path),
        checksum=summary.document_id,
        fmt="targets",
        new_indicators=checked.new_indicators,
    )
    return result.observations_added
