"""Claims record the claim whose figure they revise: ``claims.supersedes`` ("rose to 45 from 30").

The index, among its report's claims, of the older figure a toll update replaces (``Claim.supersedes``).
Claims stored before this revision have none: ``ingest --update`` extracts a report again.

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
    op.add_column("claims", sa.Column("supersedes", sa.Integer))  # plain ALTER TABLE, as in 0004


def downgrade() -> None:
    op.execute("ALTER TABLE claims DROP COLUMN supersedes")  # SQLite 3.35+ and PostgreSQL
