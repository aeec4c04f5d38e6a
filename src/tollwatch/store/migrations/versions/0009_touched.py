"""The generation at which each document (its claims, title or reviews) last changed, so a
reconciliation kept in memory can redo only the documents changed since it was made.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("touched", sa.BigInteger, nullable=False, server_default="0"))
    op.create_index("ix_documents_touched", "documents", ["touched"])


def downgrade() -> None:
    op.drop_index("ix_documents_touched", "documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("touched")
