"""Initial schema: catalog, documents and statements, series and observations, ingests.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "regions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_zh", sa.String(100), nullable=False, server_default=""),
        sa.Column("code", sa.String(32), nullable=False, server_default=""),
        sa.Column("level", sa.String(32), nullable=False, server_default="other"),
        sa.Column("parent_id", sa.String(64), nullable=True),
        sa.Column("aliases", sa.Text, nullable=False, server_default="[]"),
        sa.Column("origin", sa.String(16), nullable=False, server_default="builtin"),
    )
    op.create_table(
        "indicators",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("unit", sa.String(100), nullable=False, server_default=""),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("aliases", sa.Text, nullable=False, server_default="[]"),
        sa.Column("origin", sa.String(16), nullable=False, server_default="builtin"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("checksum", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("source", sa.Text, nullable=False, server_default=""),
        sa.Column("language", sa.String(16), nullable=False, server_default="en"),
        sa.Column("region_id", sa.String(64), sa.ForeignKey("regions.id"), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_id",
            sa.String(16),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("indicator", sa.Text, nullable=False, server_default=""),
        sa.Column("indicator_id", sa.String(128), nullable=True, index=True),
        sa.Column("region_id", sa.String(64), nullable=True, index=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("unit", sa.String(100), nullable=True),
        sa.Column("comparator", sa.String(4), nullable=True),
        sa.Column("period", sa.String(32), nullable=True),
        sa.Column("baseline_value", sa.Float, nullable=True),
        sa.Column("baseline_period", sa.String(32), nullable=True),
        sa.Column("value_type", sa.String(16), nullable=True),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("start_offset", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False, server_default="1"),
    )
    op.create_table(
        "series",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("region_id", sa.String(64), sa.ForeignKey("regions.id"), nullable=False),
        sa.Column("indicator_id", sa.String(128), sa.ForeignKey("indicators.id"), nullable=False),
        sa.Column("frequency", sa.String(8), nullable=False),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.UniqueConstraint("region_id", "indicator_id", "frequency", name="uq_series_key"),
    )
    op.create_index("ix_series_indicator", "series", ["indicator_id"])
    op.create_table(
        "ingests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rows_read", sa.Integer, nullable=False, server_default="0"),
        sa.Column("observations_added", sa.Integer, nullable=False, server_default="0"),
        sa.Column("vintages_added", sa.Integer, nullable=False, server_default="0"),
        sa.Column("series_added", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "series_id", sa.Integer, sa.ForeignKey("series.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("period", sa.String(32), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("vintage", sa.String(300), nullable=False),
        sa.Column("source", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("kind", sa.String(16), nullable=False, server_default="official"),
        sa.Column("ingest_id", sa.Integer, sa.ForeignKey("ingests.id"), nullable=True),
        sa.Column("statement_id", sa.Integer, sa.ForeignKey("statements.id"), nullable=True),
        sa.UniqueConstraint("series_id", "period", "vintage", "kind", name="uq_observation"),
    )


def downgrade() -> None:
    for table in (
        "observations",
        "ingests",
        "series",
        "statements",
        "documents",
        "indicators",
        "regions",
    ):
        op.drop_table(table)
