"""The first ledger: ingest runs, documents with their LSH bands, claims, ingest errors.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("tollwatch_version", sa.String(32), nullable=False),
        sa.Column("ruleset", sa.String(64), nullable=False),
        sa.Column("new_documents", sa.Integer, nullable=False),
        sa.Column("duplicates", sa.Integer, nullable=False),
        sa.Column("near_duplicates", sa.Integer, nullable=False),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("doc_id", sa.String(128), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("origin", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("site_name", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("raw", sa.LargeBinary),
        sa.Column("duplicate_of", sa.String(128), sa.ForeignKey("documents.doc_id")),
        sa.Column("similarity", sa.Float),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("ruleset", sa.String(64)),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.run_id")),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])
    op.create_table(
        "document_bands",
        sa.Column("band", sa.Integer, nullable=False),
        sa.Column("key", sa.BigInteger, nullable=False),
        sa.Column("doc_id", sa.String(128), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    )
    op.create_index("ix_document_bands_band_key", "document_bands", ["band", "key"])
    op.create_table(
        "claims",
        sa.Column("claim_id", sa.String(64), primary_key=True),
        sa.Column("doc_id", sa.String(128), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("count", sa.JSON, nullable=False),
        sa.Column("count_text", sa.Text, nullable=False),
        sa.Column("low", sa.BigInteger),
        sa.Column("high", sa.BigInteger),
        sa.Column("best", sa.BigInteger),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("manner", sa.String(32)),
        sa.Column("victims", sa.JSON, nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("perpetrator", sa.JSON),
        sa.Column("location", sa.JSON),
        sa.Column("place_id", sa.String(64)),
        sa.Column("time", sa.JSON),
        sa.Column("time_start", sa.String(10)),
        sa.Column("time_end", sa.String(10)),
        sa.Column("source", sa.JSON, nullable=False),
        sa.Column("source_name", sa.Text),
        sa.Column("source_id", sa.String(128)),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("part_of", sa.String(64)),
        sa.Column("parts", sa.JSON, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("ruleset", sa.String(64)),
    )
    for column in ("doc_id", "outcome", "category", "place_id", "time_start", "source_id"):
        op.create_index(f"ix_claims_{column}", "claims", [column])
    op.create_table(
        "ingest_errors",
        sa.Column("error_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.run_id", ondelete="CASCADE"), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    )
    op.create_index("ix_ingest_errors_run_id", "ingest_errors", ["run_id"])


def downgrade() -> None:
    for table in ("ingest_errors", "claims", "document_bands", "documents", "ingest_runs"):
        op.drop_table(table)
