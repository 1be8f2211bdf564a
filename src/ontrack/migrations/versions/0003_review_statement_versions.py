"""Review of extracted statements: a review state per statement and every version of it.

Revision ID: 0003_review
Revises: 0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_review"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null means "extracted": no person has looked at the statement yet.
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("review_state", sa.String(16), nullable=True))
    # One row per version of a statement: version 1 is the machine's reading (or the
    # statement a person added), each later one a review. `fields` is the full snapshot
    # after that version, `changes` the list of {field, old, new} it made.
    op.create_table(
        "statement_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "statement_id",
            sa.Integer,
            sa.ForeignKey("statements.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("changes", sa.Text, nullable=False, server_default="[]"),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("statement_id", "version", name="uq_statement_version"),
    )


def downgrade() -> None:
    op.drop_table("statement_versions")
    # A plain DROP COLUMN (SQLite 3.35+, PostgreSQL): a batch copy of `statements` would
    # break the foreign keys of links and assessments that point at it.
    op.drop_column("statements", "review_state")
