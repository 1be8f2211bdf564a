"""Fetch provenance per ingest, and the record of what changed after each ingest or fetch.

Revision ID: 0004_datain
Revises: 0003_review
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_datain"
down_revision = "0003_review"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # One row per fetched answer stored: every observation of that ingest came from it.
    op.create_table(
        "fetches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "ingest_id",
            sa.Integer,
            sa.ForeignKey("ingests.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("provider", sa.String(64), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("publisher", sa.Text, nullable=False, server_default=""),
        sa.Column("dataset", sa.Text, nullable=False, server_default=""),
        sa.Column("channel", sa.String(32), nullable=False, server_default=""),
        sa.Column("url", sa.Text, nullable=False, server_default=""),
        sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released", sa.Date, nullable=True),
    )
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("ingest_id", sa.Integer, nullable=True),
        sa.Column("cause", sa.Text, nullable=False),
        sa.Column("region_id", sa.String, nullable=True, index=True),
        sa.Column(
            "statement_id",
            sa.Integer,
            sa.ForeignKey("statements.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("old_status", sa.String(32), nullable=True),
        sa.Column("new_status", sa.String(32), nullable=True),
        sa.Column("old_probability", sa.Float, nullable=True),
        sa.Column("new_probability", sa.Float, nullable=True),
        sa.Column("as_of", sa.Date, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("changes")
    op.drop_table("fetches")
