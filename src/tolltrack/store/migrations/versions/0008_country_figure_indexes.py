"""A country's incidents sorted by any of their figures or by their number of reports, from an index.

0006 indexed (country, date, id) and (country, killed_best, id). The lists sort by the other stored
figures and by the number of reports too; filtered to a country, such a sort read every incident of
the country and sorted them (at a million reports, 40,000 rows and 200-500 ms for the largest
countries). (country, column, id) for best and high injured, high killed and the number of reports
serves them; on PostgreSQL a second index of each serves descending order with missing values last.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

COLUMNS = ("killed_high", "injured_best", "injured_high", "n_docs")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in COLUMNS:
        op.create_index(f"ix_incidents_country_{name}_id", "incidents", ["country", name, "id"])
        if postgres:
            cols = ["country", sa.text(f"{name} DESC NULLS LAST"), sa.text("id DESC")]
            op.create_index(f"ix_incidents_country_{name}_desc", "incidents", cols)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in COLUMNS:
        op.drop_index(f"ix_incidents_country_{name}_id", "incidents")
        if postgres:
            op.drop_index(f"ix_incidents_country_{name}_desc", "incidents")
