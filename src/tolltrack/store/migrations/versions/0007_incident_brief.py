"""Incidents carry a brief of their reconciled figures: what the lists show.

``incidents.brief`` holds each figure's group, outcome, low / best / high and flags, the incident's
flags and its number of claimants: the stored reconciliation (``incidents.reconciled``) without its
reasons and claim ids, a tenth of its size. A list page reads the brief and decodes no reasons.
The writer stores it with the reconciliation (``tolltrack.ledger.figures.summary``); for a store of
any age the data step "brief" (``tolltrack.ledger.figures.fill_briefs``) makes it from the stored
reconciliation when the ledger opens the store.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incidents", sa.Column("brief", sa.JSON))
    from tolltrack.store.schema import mark_pending

    mark_pending(op.get_bind(), "brief")


def downgrade() -> None:
    op.execute("ALTER TABLE incidents DROP COLUMN brief")  # SQLite 3.35+ and PostgreSQL
