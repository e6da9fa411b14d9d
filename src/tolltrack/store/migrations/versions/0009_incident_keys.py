"""The keys the linker finds each incident under, so that a writer loads only the incidents it needs.

A writer used to read every stored incident into its linking index before its first write: at a
million reports, four to five minutes. ``incident_keys`` holds, for each incident, the blocking keys
(region and week) and the distinctive names under which the linker looks it up
(``tolltrack.linking.incidents.stored_keys``); a writer now reads the incidents under the keys its
batch asks for. The data step "keys" (``tolltrack.ledger.backfill.fill_keys``) computes them for
the incidents of a store of any age when the ledger opens it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incident_keys",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("incident_id", sa.String(40), primary_key=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], ondelete="CASCADE", name="fk_inckeys_incident"
        ),
    )
    op.create_index("ix_incident_keys_incident_id", "incident_keys", ["incident_id"])
    from tolltrack.store.schema import mark_pending

    mark_pending(op.get_bind(), "keys")


def downgrade() -> None:
    op.drop_table("incident_keys")
