"""Incidents of one country sorted by date or by best killed read from an index.

The incident lists filter by country (``ledger.query.incident_filter``) and sort by any stored
column; with only (country, id) and (column, id) indexes the database reads every incident of the
country and sorts them, which at a million reports is tens of thousands of rows for a large
country. (country, date, id) and (country, killed_best, id) serve the default sort and the headline
figure's sort within a country, and count "at least N killed in a country" from the index alone. On
PostgreSQL a second index of each serves descending order with missing values last, as in 0003.
Building them fills them for a store of any age: nothing else to backfill.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COUNTRY_SORTS = ("date", "killed_best")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in COUNTRY_SORTS:
        op.create_index(f"ix_incidents_country_{name}_id", "incidents", ["country", name, "id"])
        if postgres:
            cols = ["country", sa.text(f"{name} DESC NULLS LAST"), sa.text("id DESC")]
            op.create_index(f"ix_incidents_country_{name}_desc", "incidents", cols)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in COUNTRY_SORTS:
        op.drop_index(f"ix_incidents_country_{name}_id", "incidents")
        if postgres:
            op.drop_index(f"ix_incidents_country_{name}_desc", "incidents")
