"""Incidents keep their reconciled figures, so that they can be sorted and filtered in the database.

Columns on ``incidents``: the headline low / best / high killed and injured (the "all" group's, else
the widest group's), whether any figure is flagged (``disputed``), how many claimants its claims
have, the first and last publication date of its reports, and the whole reconciliation (figures
with reasons, flags) and the timeline as JSON. They are NULL here; the ledger fills
them when it opens a store whose figures were computed by another version of the rules (the
``figures_version`` of ``ledger_state``; see ``tolltrack.ledger.figures``), so a store made before
this revision gets them on its first open, under the write lock.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FIGURE_COLUMNS = [f"{o}_{b}" for o in ("killed", "injured") for b in ("low", "best", "high")]
SORT_INDEXED = (
    "date", "killed_best", "killed_high", "injured_best", "injured_high", "n_docs", "country", "event_type",
)  # fmt: skip


def upgrade() -> None:
    for name in FIGURE_COLUMNS:
        op.add_column("incidents", sa.Column(name, sa.Integer))
    for name in ("disputed", "n_claimants"):
        op.add_column("incidents", sa.Column(name, sa.Integer, nullable=False, server_default=sa.text("0")))
    op.add_column("incidents", sa.Column("first_reported", sa.Date))
    op.add_column("incidents", sa.Column("last_reported", sa.Date))
    op.add_column("incidents", sa.Column("reconciled", sa.JSON))
    op.add_column("incidents", sa.Column("timeline", sa.JSON))
    # (column, id) serves sorting either way on SQLite and ascending on PostgreSQL; on PostgreSQL a
    # second index serves descending order with missing values last
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in SORT_INDEXED:
        op.create_index(f"ix_incidents_{name}_id", "incidents", [name, "id"])
        if postgres:
            cols = [sa.text(f"{name} DESC NULLS LAST"), sa.text("id DESC")]
            op.create_index(f"ix_incidents_{name}_desc", "incidents", cols)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in SORT_INDEXED:
        op.drop_index(f"ix_incidents_{name}_id", "incidents")
        if postgres:
            op.drop_index(f"ix_incidents_{name}_desc", "incidents")
    more = ["disputed", "n_claimants", "first_reported", "last_reported", "reconciled", "timeline"]
    for name in [*FIGURE_COLUMNS, *more]:
        op.drop_column("incidents", name)
