"""Claims record the figure they revise: ``claims.supersedes``.

A toll update ("the toll has risen to 45 from 30", "revised the toll down to 12 from 20") gives two
claims; the newer one's ``supersedes`` is the index (``idx``) of the older one in the same report.
Stored claims have no record of it: the column is nullable and left empty for them (a re-ingest of a
report fills it).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE (see 0004): a batch copy on SQLite would cascade-delete victims and sources
    op.add_column("claims", sa.Column("supersedes", sa.Integer, nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE claims DROP COLUMN supersedes")  # SQLite 3.35+ and PostgreSQL
