"""What `tollwatch watch` knows of each URL it polls (validators, the feed entry's stamp, backoff),
so a restart resumes where it stopped.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watched",
        sa.Column("url_hash", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.String(64)),
        sa.Column("entry_updated", sa.String(64)),
        sa.Column("doc_id", sa.String(128)),
        sa.Column("checked_at", sa.DateTime),
        sa.Column("next_at", sa.DateTime),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("watched")
