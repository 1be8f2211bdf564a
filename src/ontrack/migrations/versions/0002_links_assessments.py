"""Links from statements to series, observation release dates, stored assessments.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "links",
        sa.Column(
            "statement_id",
            sa.Integer,
            sa.ForeignKey("statements.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("series_id", sa.Integer, sa.ForeignKey("series.id"), nullable=True),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("method", sa.String(16), nullable=False),  # auto | manual
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    # When a figure became public: the basis of as-of replays. Null = estimated from the period.
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("released", sa.Date, nullable=True))
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "statement_id",
            sa.Integer,
            sa.ForeignKey("statements.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("series_id", sa.Integer, sa.ForeignKey("series.id"), nullable=True),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("model", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("probability", sa.Float, nullable=True),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("details", sa.Text, nullable=False, server_default="{}"),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("statement_id", "as_of", "model", name="uq_assessment"),
    )


def downgrade() -> None:
    op.drop_table("assessments")
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("released")
    op.drop_table("links")
