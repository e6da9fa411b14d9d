"""Claims carry their scope: about the incident, another incident, or a background aggregate.

``claims.scope`` (incident / other / background) and ``claims.scope_reason`` (``tolltrack.extract.scope``):
only claims about the incident enter its figures. Stored claims are classified from their stored
sentence and count, as extraction classifies new ones.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

from types import SimpleNamespace

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
    _classify_stored(op.get_bind())


def _classify_stored(conn) -> None:
    from tolltrack.extract.scope import classify
    from tolltrack.model import Count, CountKind
    from tolltrack.store.schema import claims

    rows = conn.execute(
        sa.select(claims.c.doc_id, claims.c.idx, claims.c.sentence, claims.c.count_kind, claims.c.count_low)
    ).all()
    for doc_id, idx, sentence, kind, low in rows:
        scope, why = classify(SimpleNamespace(sentence=sentence, count=Count(CountKind(kind), low=low)))
        if scope != "incident":
            conn.execute(
                claims.update()
                .where(claims.c.doc_id == doc_id, claims.c.idx == idx)
                .values(scope=scope, scope_reason=why)
            )


def downgrade() -> None:
    op.drop_index("ix_claims_scope", "claims")
    op.execute("ALTER TABLE claims DROP COLUMN scope_reason")  # SQLite 3.35+ and PostgreSQL
    op.execute("ALTER TABLE claims DROP COLUMN scope")
