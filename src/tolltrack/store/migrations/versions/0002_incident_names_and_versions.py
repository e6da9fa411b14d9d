"""Incidents keep what the linker knows of them and the store version of their last change.

``incidents.names`` and ``incidents.tallies``: the linker's distinctive names of each report that
joined the incident and how often each date, place, type... was reported (``IncidentIndex.names_of``,
``tallies_of``), so that a writer that rebuilds its index from the store links the next reports
as one that never stopped would. An existing store gets them recomputed from its reports and
claims when the ledger opens it (the data step "names", ``tolltrack.ledger.backfill``).

``incidents.version``: the ``ledger_state`` version of the write that last changed the incident, so
that a writer reloads only the incidents changed since the version it last saw. Existing incidents
get 0: a writer that starts loads every incident anyway.

Revision ID: 0002
Revises: 0001
Create Date: 2026-02-14
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incidents", sa.Column("names", sa.JSON, nullable=False, server_default=sa.text("'[]'")))
    op.add_column("incidents", sa.Column("tallies", sa.JSON))
    op.add_column("incidents", sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("0")))
    op.create_index("ix_incidents_version", "incidents", ["version"])

    from tolltrack.store.schema import mark_pending

    mark_pending(op.get_bind(), "names")  # the ledger recomputes them when it opens the store


def downgrade() -> None:
    op.drop_index("ix_incidents_version", "incidents")
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch copy of the table would drop and
    # recreate it, and on SQLite dropping it deletes the memberships that refer to it.
    op.drop_column("incidents", "version")
    op.drop_column("incidents", "tallies")
    op.drop_column("incidents", "names")
