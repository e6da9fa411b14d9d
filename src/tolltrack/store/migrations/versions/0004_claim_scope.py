"""Claims carry their scope: about the incident, another incident, or a background aggregate.

``claims.scope`` (incident / other / background) and ``claims.scope_reason`` (``tolltrack.extract.scope``):
only claims about the incident enter its figures. Stored claims are classified from their stored
sentence and count, as extraction classifies new ones, when the ledger opens the store (the data
step "scope", ``tolltrack.ledger.backfill``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE: a batch (copy-and-move) on SQLite would drop the claims table and with it,
    # through ON DELETE CASCADE, every claim's victims and sources
    op.add_column("claims", sa.Column("scope", sa.String(16), nullable=False, server_default="incident"))
    op.add_column("claims", sa.Column("scope_reason", sa.Text, nullable=False, server_default=""))
    op.create_index("ix_claims_scope", "claims", ["scope"])
    from tolltrack.store.schema import mark_pending

    mark_pending(op.get_bind(), "scope")  # the ledger classifies stored claims when it opens the store


def downgrade() -> None:
    op.drop_index("ix_claims_scope", "claims")
    op.execute("ALTER TABLE claims DROP COLUMN scope_reason")  # SQLite 3.35+ and PostgreSQL
    op.execute("ALTER TABLE claims DROP COLUMN scope")
