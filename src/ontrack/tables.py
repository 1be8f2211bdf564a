"""The store's tables (SQLAlchemy Core) and the mapping between rows and model objects.

The schema itself is created by the Alembic revisions in migrations/; these Table
objects only describe it for queries, so they carry no constraints.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .model import (
    Comparator,
    Document,
    Frequency,
    Indicator,
    Observation,
    ObservationKind,
    Region,
    Series,
    Statement,
    StatementKind,
    ValueType,
)

metadata = sa.MetaData()
regions_t = sa.Table(
    "regions",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("name", sa.String),
    sa.Column("name_zh", sa.String),
    sa.Column("code", sa.String),
    sa.Column("level", sa.String),
    sa.Column("parent_id", sa.String),
    sa.Column("aliases", sa.Text),
    sa.Column("origin", sa.String),
)
indicators_t = sa.Table(
    "indicators",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("name", sa.String),
    sa.Column("unit", sa.String),
    sa.Column("description", sa.Text),
    sa.Column("aliases", sa.Text),
    sa.Column("origin", sa.String),
)
documents_t = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("checksum", sa.String),
    sa.Column("title", sa.Text),
    sa.Column("date", sa.Date),
    sa.Column("source", sa.Text),
    sa.Column("language", sa.String),
    sa.Column("region_id", sa.String),
    sa.Column("text", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True)),
)
statements_t = sa.Table(
    "statements",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.String),
    sa.Column("kind", sa.String),
    sa.Column("indicator", sa.Text),
    sa.Column("indicator_id", sa.String),
    sa.Column("region_id", sa.String),
    sa.Column("value", sa.Float),
    sa.Column("unit", sa.String),
    sa.Column("comparator", sa.String),
    sa.Column("period", sa.String),
    sa.Column("baseline_value", sa.Float),
    sa.Column("baseline_period", sa.String),
    sa.Column("value_type", sa.String),
    sa.Column("quote", sa.Text),
    sa.Column("start_offset", sa.Integer),
    sa.Column("end_offset", sa.Integer),
    sa.Column("confidence", sa.Float),
    sa.Column("review_state", sa.String),  # null = extracted (see review.py)
)
series_t = sa.Table(
    "series",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("region_id", sa.String),
    sa.Column("indicator_id", sa.String),
    sa.Column("frequency", sa.String),
    sa.Column("unit", sa.String),
)
ingests_t = sa.Table(
    "ingests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("path", sa.Text),
    sa.Column("checksum", sa.String),
    sa.Column("format", sa.String),
    sa.Column("created_at", sa.DateTime(timezone=True)),
    sa.Column("rows_read", sa.Integer),
    sa.Column("observations_added", sa.Integer),
    sa.Column("vintages_added", sa.Integer),
    sa.Column("series_added", sa.Integer),
)
observations_t = sa.Table(
    "observations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("series_id", sa.Integer),
    sa.Column("period", sa.String),
    sa.Column("period_start", sa.Date),
    sa.Column("period_end", sa.Date),
    sa.Column("value", sa.Float),
    sa.Column("vintage", sa.String),
    sa.Column("source", sa.Text),
    sa.Column("note", sa.Text),
    sa.Column("kind", sa.String),
    sa.Column("ingest_id", sa.Integer),
    sa.Column("statement_id", sa.Integer),
    sa.Column("released", sa.Date),
)


links_t = sa.Table(
    "links",
    metadata,
    sa.Column("statement_id", sa.Integer, primary_key=True),
    sa.Column("series_id", sa.Integer),
    sa.Column("score", sa.Float),
    sa.Column("method", sa.String),
    sa.Column("reason", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True)),
)
assessments_t = sa.Table(
    "assessments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("statement_id", sa.Integer),
    sa.Column("series_id", sa.Integer),
    sa.Column("as_of", sa.Date),
    sa.Column("model", sa.String),
    sa.Column("status", sa.String),
    sa.Column("probability", sa.Float),
    sa.Column("explanation", sa.Text),
    sa.Column("details", sa.Text),
    sa.Column("computed_at", sa.DateTime(timezone=True)),
)
statement_versions_t = sa.Table(
    "statement_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("statement_id", sa.Integer),
    sa.Column("version", sa.Integer),
    sa.Column("state", sa.String),
    sa.Column("fields", sa.Text),
    sa.Column("changes", sa.Text),
    sa.Column("by", sa.String),
    sa.Column("at", sa.DateTime(timezone=True)),
    sa.Column("reason", sa.Text),
)


def chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def region_ids(conn: Connection) -> set[str]:
    return {r[0] for r in conn.execute(sa.select(regions_t.c.id))}


def region_row(r: Region, origin: str) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "name_zh": r.name_zh,
        "code": r.code,
        "level": r.level,
        "parent_id": r.parent_id,
        "aliases": json.dumps(list(r.aliases), ensure_ascii=False),
        "origin": origin,
    }


def indicator_row(i: Indicator, origin: str) -> dict[str, Any]:
    return {
        "id": i.id,
        "name": i.name,
        "unit": i.unit,
        "description": i.description,
        "aliases": json.dumps(list(i.aliases), ensure_ascii=False),
        "origin": origin,
    }


def document_from_db(row: Any) -> Document:
    return Document(
        text=row.text,
        title=row.title,
        date=row.date,
        source=row.source,
        language=row.language,
        region_id=row.region_id,
        checksum=row.checksum,
    )


def region_from_db(row: Any) -> Region:
    return Region(
        id=row.id,
        name=row.name,
        name_zh=row.name_zh,
        code=row.code,
        level=row.level,
        parent_id=row.parent_id,
        aliases=tuple(json.loads(row.aliases or "[]")),
    )


def indicator_from_db(row: Any) -> Indicator:
    return Indicator(
        id=row.id,
        name=row.name,
        unit=row.unit,
        description=row.description,
        aliases=tuple(json.loads(row.aliases or "[]")),
    )


def series_from_db(row: Any) -> Series:
    return Series(
        id=row.id,
        region_id=row.region_id,
        indicator_id=row.indicator_id,
        unit=row.unit,
        frequency=Frequency(row.frequency),
    )


def observation_from_db(row: Any) -> Observation:
    return Observation(
        period=row.period,
        value=row.value,
        vintage=row.vintage,
        source=row.source,
        note=row.note,
        kind=ObservationKind(row.kind),
        series_id=row.series_id,
    )


def statement_row(s: Statement, doc_id: str) -> dict[str, Any]:
    return {
        "document_id": doc_id,
        "kind": str(s.kind),
        "indicator": s.indicator,
        "indicator_id": s.indicator_id,
        "region_id": s.region_id,
        "value": s.value,
        "unit": s.unit,
        "comparator": str(s.comparator) if s.comparator else None,
        "period": s.period,
        "baseline_value": s.baseline_value,
        "baseline_period": s.baseline_period,
        "value_type": str(s.value_type) if s.value_type else None,
        "quote": s.quote,
        "start_offset": s.start,
        "end_offset": s.end,
        "confidence": s.confidence,
    }


def statement_from_db(row: Any) -> Statement:
    return Statement(
        id=row.id,
        document_id=row.document_id,
        kind=StatementKind(row.kind),
        indicator=row.indicator,
        indicator_id=row.indicator_id,
        region_id=row.region_id,
        value=row.value,
        unit=row.unit,
        comparator=Comparator(row.comparator) if row.comparator else None,
        period=row.period,
        baseline_value=row.baseline_value,
        baseline_period=row.baseline_period,
        value_type=ValueType(row.value_type) if row.value_type else None,
        quote=row.quote,
        start=row.start_offset,
        end=row.end_offset,
        confidence=row.confidence,
    )


# Fetch provenance and change records (migration 0004_datain).
fetches_t = sa.Table(
    "fetches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("ingest_id", sa.Integer),
    sa.Column("provider", sa.String),
    sa.Column("query", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("dataset", sa.Text),
    sa.Column("channel", sa.String),
    sa.Column("url", sa.Text),
    sa.Column("retrieved_at", sa.DateTime(timezone=True)),
    sa.Column("released", sa.Date),
)
changes_t = sa.Table(
    "changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("recorded_at", sa.DateTime(timezone=True)),
    sa.Column("ingest_id", sa.Integer),
    sa.Column("cause", sa.Text),
    sa.Column("region_id", sa.String),
    sa.Column("statement_id", sa.Integer),
    sa.Column("label", sa.Text),
    sa.Column("kind", sa.String),
    sa.Column("old_status", sa.String),
    sa.Column("new_status", sa.String),
    sa.Column("old_probability", sa.Float),
    sa.Column("new_probability", sa.Float),
    sa.Column("as_of", sa.Date),
)
