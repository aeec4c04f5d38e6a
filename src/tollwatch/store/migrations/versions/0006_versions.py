"""Versions of a document: a URL or JSONL id fetched again with changed text is stored as the
article's next version, and the previous version and its claims are marked superseded by it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("article_key", sa.String(64)))
    op.add_column("documents", sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.add_column("documents", sa.Column("superseded_by", sa.String(128)))
    op.create_index("ix_documents_article_key", "documents", ["article_key"])
    op.create_index("ix_documents_superseded_by", "documents", ["superseded_by"])
    op.add_column("claims", sa.Column("superseded_by", sa.String(128)))
    op.create_index("ix_claims_superseded_by", "claims", ["superseded_by"])
    op.add_column("ingest_runs", sa.Column("versions", sa.Integer, nullable=False, server_default="0"))
    # the key each stored document is found by when it comes again (store.ledger.article_key)
    conn = op.get_bind()
    docs = sa.table("documents", sa.column("doc_id", sa.String), sa.column("origin", sa.Text),
                    sa.column("article_key", sa.String))
    keys = []
    for doc_id, origin in conn.execute(sa.select(docs.c.doc_id, docs.c.origin)).all():
        kind, value = ("url", origin) if origin and origin.startswith(("http://", "https://")) else ("id", doc_id)
        keys.append({"id": doc_id, "key": hashlib.sha256(f"{kind}\x00{value}".encode("utf-8", "surrogatepass"))
                     .hexdigest()})
    if keys:  # one statement, many rows
        conn.execute(docs.update().where(docs.c.doc_id == sa.bindparam("id")).values(article_key=sa.bindparam("key")),
                     keys)


def downgrade() -> None:
    op.drop_index("ix_claims_superseded_by", "claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("superseded_by")
    op.drop_index("ix_documents_superseded_by", "documents")
    op.drop_index("ix_documents_article_key", "documents")
    with op.batch_alter_table("documents") as batch:
        for column in ("superseded_by", "version", "article_key"):
            batch.drop_column(column)
    with op.batch_alter_table("ingest_runs") as batch:
        batch.drop_column("versions")
