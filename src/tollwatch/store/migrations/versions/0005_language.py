"""The language each document is written in (ISO 639-1, detected when stored), so readers can
tell Arabic reports from English ones. Documents stored before it have none until
`tollwatch reextract` detects it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("language", sa.String(8)))
    op.create_index("ix_documents_language", "documents", ["language"])


def downgrade() -> None:
    op.drop_index("ix_documents_language", "documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("language")
