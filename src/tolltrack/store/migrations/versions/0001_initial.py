"""The first schema: documents, claims, victims, sources, incidents, membership, state.

Revision ID: 0001
Revises:
Create Date: 2026-01-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _claim_part_keys() -> list[sa.Column]:
    return [
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("claim_idx", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("pos", sa.Integer, primary_key=True, autoincrement=False),
    ]


def _claim_fk(name: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["doc_id", "claim_idx"], ["claims.doc_id", "claims.idx"], ondelete="CASCADE", name=name
    )


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("outlet", sa.String(300)),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("title", sa.Text),
        sa.Column("source_path", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "claims",
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("count_kind", sa.String(16), nullable=False),
        sa.Column("count_value", sa.Integer),
        sa.Column("count_low", sa.Integer),
        sa.Column("count_high", sa.Integer),
        sa.Column("count_text", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(16)),
        sa.Column("group_key", sa.String(200), nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("hedge", sa.Text),
        sa.Column("refers_to", sa.Integer),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("event_triggers", sa.JSON, nullable=False),
        sa.Column("event_place", sa.Text),
        sa.Column("event_country", sa.Text),
        sa.Column("event_date", sa.Date),
        sa.Column("event_date_text", sa.Text),
        sa.Column("event_actor", sa.Text),
        sa.Column("event_target", sa.Text),
        sa.Column("incident_id", sa.String(40)),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE", name="fk_claims_doc"),
    )
    for col in ("claim_id", "count_kind", "outcome", "group_key", "incident_id"):
        op.create_index(f"ix_claims_{col}", "claims", [col])
    op.create_table(
        "victims",
        *_claim_part_keys(),
        sa.Column("head", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("nationality", sa.String(200)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("role", sa.Text),
        _claim_fk("fk_victims_claim"),
    )
    op.create_index("ix_victims_nationality", "victims", ["nationality"])
    op.create_table(
        "sources",
        *_claim_part_keys(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_lower", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("cue", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("channel", sa.Text),
        sa.Column("innermost", sa.Integer, nullable=False),
        _claim_fk("fk_sources_claim"),
    )
    op.create_index("ix_sources_name_lower", "sources", ["name_lower"])
    op.create_index("ix_sources_kind", "sources", ["kind"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("date", sa.Date),
        sa.Column("place", sa.Text),
        sa.Column("country", sa.Text),
        sa.Column("event_type", sa.Text),
        sa.Column("actor", sa.Text),
        sa.Column("target", sa.Text),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("n_docs", sa.Integer, nullable=False),
        sa.Column("n_claims", sa.Integer, nullable=False),
    )
    op.create_index("ix_incidents_date", "incidents", ["date"])
    op.create_table(
        "incident_documents",
        sa.Column("incident_id", sa.String(40), primary_key=True),
        sa.Column("doc_id", sa.String(64), primary_key=True),
        sa.Column("pos", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], ondelete="CASCADE", name="fk_incdocs_incident"
        ),
        sa.ForeignKeyConstraint(["doc_id"], ["documents.id"], ondelete="CASCADE", name="fk_incdocs_doc"),
    )
    op.create_index("ix_incident_documents_doc_id", "incident_documents", ["doc_id"])
    op.create_table(
        "ledger_state",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "ledger_state",
        "incident_documents",
        "incidents",
        "sources",
        "victims",
        "claims",
        "documents",
    ):
        op.drop_table(table)
