"""The search index: records with their weighted fields, and a term -> record table.

Revision ID: 0005_search
Revises: 0004_datain
Create Date: 2026-12-08

The tables are filled by ontrack.searchindex.rebuild, which Store.migrate runs right after
this revision (it needs the catalog, which lives in code as well as in the store).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_search"
down_revision = "0004_datain"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_records",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("snippet", sa.Text, nullable=False, server_default=""),
        sa.Column("region_id", sa.String(128), nullable=True),
        sa.Column("fields", sa.Text, nullable=False),
    )
    # Byte order ("C") on PostgreSQL, as SQLite's default, so that the prefix range
    # term >= 'grai' AND term < 'graj' is answered by the primary key's B-tree.
    term = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")
    op.create_table(
        "search_terms",
        sa.Column("term", term, primary_key=True),
        sa.Column("record", sa.String(200), primary_key=True),
    )
    op.create_index("ix_search_terms_record", "search_terms", ["record"])
    op.create_table(
        "search_meta",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("search_meta")
    op.drop_index("ix_search_terms_record", table_name="search_terms")
    op.drop_table("search_terms")
    op.drop_table("search_records")
