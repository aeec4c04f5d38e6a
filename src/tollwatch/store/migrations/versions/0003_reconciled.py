"""Reconciled results as tables (tallies, incidents, checks, discrepancies) and the generation
they were computed from, so SQL tools see them beside the raw claims.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_INDEXED = {
    "tallies": ["tally_id", "outcome", "category", "place_id", "country", "incident_id"],
    "incidents": ["incident_id", "outcome", "place_id", "country"],
    "checks": ["check_id"],
    "discrepancies": ["discrepancy_id", "tally_id"],
}


def upgrade() -> None:
    op.create_table(
        "tallies",
        sa.Column("tally_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("victims_group", sa.Text),
        sa.Column("victims_attributes", sa.JSON, nullable=False),
        sa.Column("place_id", sa.String(64)),
        sa.Column("place_name", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.Column("admin1_code", sa.String(16)),
        sa.Column("country", sa.String(2)),
        sa.Column("start", sa.String(10)),
        sa.Column("end", sa.String(10)),
        sa.Column("low", sa.BigInteger, nullable=False),
        sa.Column("best", sa.BigInteger, nullable=False),
        sa.Column("high", sa.BigInteger, nullable=False),
        sa.Column("open_ended", sa.Boolean, nullable=False),
        sa.Column("best_source", sa.Text),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("manner", sa.String(32)),
        sa.Column("incident_id", sa.String(64)),
        sa.Column("split", sa.Text),
        sa.Column("dated", sa.Boolean, nullable=False),
        sa.Column("claim_ids", sa.JSON, nullable=False),
    )
    op.create_table(
        "incidents",
        sa.Column("incident_id", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("manner", sa.String(32)),
        sa.Column("place_id", sa.String(64)),
        sa.Column("place_name", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.Column("admin1_code", sa.String(16)),
        sa.Column("country", sa.String(2)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("start", sa.String(10), nullable=False),
        sa.Column("end", sa.String(10), nullable=False),
        sa.Column("low", sa.BigInteger, nullable=False),
        sa.Column("best", sa.BigInteger, nullable=False),
        sa.Column("high", sa.BigInteger, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("tally_ids", sa.JSON, nullable=False),
        sa.Column("claim_ids", sa.JSON, nullable=False),
    )
    op.create_table(
        "checks",
        sa.Column("check_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("whole", sa.String(64), nullable=False),
        sa.Column("parts", sa.JSON, nullable=False),
        sa.Column("expression", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("derived", sa.String(64)),
    )
    op.create_table(
        "discrepancies",
        sa.Column("discrepancy_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("tally_id", sa.String(64)),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("quotes", sa.JSON, nullable=False),
        sa.Column("claim_ids", sa.JSON, nullable=False),
    )
    for table, columns in _INDEXED.items():
        for column in columns:
            op.create_index(f"ix_{table}_{column}", table, [column])
    state = op.create_table(
        "reconciled_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("generation", sa.BigInteger, nullable=False),
        sa.Column("reconciled_at", sa.DateTime),
    )
    op.bulk_insert(state, [{"id": 1, "generation": -1, "reconciled_at": None}])  # -1: never reconciled


def downgrade() -> None:
    for table in ("reconciled_state", "discrepancies", "checks", "incidents", "tallies"):
        op.drop_table(table)
