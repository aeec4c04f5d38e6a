"""The ledger's tables (SQLAlchemy Core). Alembic migrations create them; this module is the
description queries are written against, and a test checks the two agree.

Claims keep every CONTRACT field: nested objects as JSON, and the fields people filter and
group on also as plain indexed columns, so the SQLite file is useful from any SQL tool.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON, BigInteger, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String,
    Table, Text,
)

metadata = MetaData()

ingest_runs = Table(
    "ingest_runs", metadata,
    Column("run_id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("inputs", JSON, nullable=False),
    Column("tollwatch_version", String(32), nullable=False),
    Column("ruleset", String(64), nullable=False),
    Column("new_documents", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("near_duplicates", Integer, nullable=False, default=0),
    Column("claims", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
    Column("versions", Integer, nullable=False, default=0, server_default="0"),
)

documents = Table(
    "documents", metadata,
    Column("doc_id", String(128), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("origin", Text),
    Column("url", Text),
    Column("title", Text),
    Column("site_name", Text),
    Column("published", String(10), index=True),  # ISO date
    Column("text", Text, nullable=False),
    Column("media_type", String(64), nullable=False),
    Column("language", String(8), index=True),  # ISO 639-1, detected (migration 0005)
    Column("raw", LargeBinary),
    Column("duplicate_of", String(128), ForeignKey("documents.doc_id"), index=True),
    Column("similarity", Float),
    Column("minhash", LargeBinary),
    Column("ruleset", String(64)),
    Column("run_id", Integer, ForeignKey("ingest_runs.run_id")),
    Column("ingested_at", DateTime, nullable=False),
    # versions: a URL or JSONL id stored again with changed text (store.ledger.article_key)
    Column("article_key", String(64), index=True),
    Column("version", Integer, nullable=False, default=1, server_default="1"),
    Column("superseded_by", String(128), index=True),  # the next version's doc_id
    # the generation at which its claims, title or reviews last changed (tollwatch.incremental)
    Column("touched", BigInteger, nullable=False, default=0, server_default="0", index=True),
)

# Locality-sensitive hashing index for near-duplicates: one row per (document, band).
document_bands = Table(
    "document_bands", metadata,
    Column("band", Integer, nullable=False),
    Column("key", BigInteger, nullable=False),
    Column("doc_id", String(128), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    Index("ix_document_bands_band_key", "band", "key"),
)

claims = Table(
    "claims", metadata,
    Column("claim_id", String(64), primary_key=True),
    Column("doc_id", String(128), ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("count", JSON, nullable=False),
    Column("count_text", Text, nullable=False),
    Column("low", BigInteger),
    Column("high", BigInteger),
    Column("best", BigInteger),
    Column("outcome", String(16), nullable=False, index=True),
    Column("manner", String(32)),
    Column("victims", JSON, nullable=False),
    Column("category", String(16), nullable=False, index=True),
    Column("perpetrator", JSON),
    Column("location", JSON),
    Column("place_id", String(64), index=True),
    Column("time", JSON),
    Column("time_start", String(10), index=True),
    Column("time_end", String(10)),
    Column("source", JSON, nullable=False),
    Column("source_name", Text),
    Column("source_id", String(128), index=True),
    Column("scope", String(16), nullable=False),
    Column("modality", String(16), nullable=False),
    Column("part_of", String(64)),
    Column("parts", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("ruleset", String(64)),
    Column("superseded_by", String(128), index=True),  # the doc_id of its document's next version
)

ingest_errors = Table(
    "ingest_errors", metadata,
    Column("error_id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("ingest_runs.run_id", ondelete="CASCADE"), nullable=False, index=True),
    Column("origin", Text, nullable=False),
    Column("message", Text, nullable=False),
)

# One row: a counter every write of documents or claims increments in its own transaction.
ledger_state = Table(
    "ledger_state", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("generation", BigInteger, nullable=False),
)

# The review log: append-only. A review is anchored to the figure it judged (document, span and the
# count's words), not to the claims table, so it outlives re-extraction and can be found orphaned.
reviews = Table(
    "reviews", metadata,
    Column("review_id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(64), nullable=False, index=True),
    Column("doc_id", String(128), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("figure", Text, nullable=False),
    Column("quote", Text, nullable=False),
    Column("action", String(16), nullable=False),
    Column("changes", JSON, nullable=False),
    Column("target", String(64)),
    Column("reviewer", String(64), nullable=False),
    Column("reviewed_at", DateTime, nullable=False),
    Column("note", Text),
)

# Accounts: an API token per user, kept only as an Argon2 hash; `token_id` finds the row to check.
users = Table(
    "users", metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("token_id", String(32), nullable=False, unique=True),
    Column("token_hash", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

# Dashboard logins: the SHA-256 of each session cookie (a random 256-bit value), never the cookie itself.
sessions = Table(
    "sessions", metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("name", String(64), ForeignKey("users.name", ondelete="CASCADE"), nullable=False, index=True),
    Column("expires_at", DateTime, nullable=False),
)

# What `tollwatch watch` knows of each URL it polls: the validators for a conditional request,
# a feed entry's updated stamp when last fetched, and when it may be polled again (backoff).
watched = Table(
    "watched", metadata,
    Column("url_hash", String(64), primary_key=True),  # SHA-256 of the URL: any length, one key
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", String(64)),
    Column("entry_updated", String(64)),
    Column("doc_id", String(128)),  # the document last stored from it
    Column("checked_at", DateTime),
    Column("next_at", DateTime),
    Column("failures", Integer, nullable=False, default=0, server_default="0"),
    Column("status", Text),
)

# Alerts (tollwatch.alerts): raised once each, their id made from the rule and the subject, and
# each channel's delivery recorded, so nothing is sent twice.
alerts = Table(
    "alerts", metadata,
    Column("alert_id", String(64), primary_key=True),
    Column("rule", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("subject", String(64), nullable=False),  # the discrepancy, tally or incident it is about
    Column("title", Text, nullable=False),
    Column("payload", JSON, nullable=False),  # what the webhook receives
    Column("created_at", DateTime, nullable=False, index=True),
)

alert_deliveries = Table(
    "alert_deliveries", metadata,
    Column("alert_id", String(64), ForeignKey("alerts.alert_id", ondelete="CASCADE"), primary_key=True),
    Column("channel", String(16), primary_key=True),  # webhook, email
    Column("target", Text, nullable=False),
    Column("attempts", Integer, nullable=False, default=0, server_default="0"),
    Column("delivered_at", DateTime),
    Column("error", Text),
)

# --- reconciled results, refreshed after every write run (tollwatch.tables) ----------------------
# Kept so that SQL tools (sqlite3, Datasette, pandas) see tallies, not only raw claims; the rows
# are derived, so they are replaced whole. Lists are JSON arrays. Described in docs/datasette.yaml.

tallies = Table(
    "tallies", metadata,
    Column("tally_id", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("outcome", String(16), nullable=False, index=True),
    Column("category", String(16), nullable=False, index=True),
    Column("victims_group", Text),
    Column("victims_attributes", JSON, nullable=False),
    Column("place_id", String(64), index=True),
    Column("place_name", Text),
    Column("admin1", Text),
    Column("admin1_code", String(16)),
    Column("country", String(2), index=True),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("low", BigInteger, nullable=False),
    Column("best", BigInteger, nullable=False),
    Column("high", BigInteger, nullable=False),
    Column("open_ended", Boolean, nullable=False),
    Column("best_source", Text),
    Column("sources", JSON, nullable=False),
    Column("manner", String(32)),
    Column("incident_id", String(64), index=True),
    Column("split", Text),
    Column("dated", Boolean, nullable=False),
    Column("claim_ids", JSON, nullable=False),
)

incidents = Table(
    "incidents", metadata,
    Column("incident_id", String(64), nullable=False, index=True),
    Column("outcome", String(16), nullable=False, index=True),
    Column("manner", String(32)),
    Column("place_id", String(64), index=True),
    Column("place_name", Text),
    Column("admin1", Text),
    Column("admin1_code", String(16)),
    Column("country", String(2), index=True),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("start", String(10), nullable=False),
    Column("end", String(10), nullable=False),
    Column("low", BigInteger, nullable=False),
    Column("best", BigInteger, nullable=False),
    Column("high", BigInteger, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("tally_ids", JSON, nullable=False),
    Column("claim_ids", JSON, nullable=False),
)

checks = Table(
    "checks", metadata,
    Column("check_id", String(64), nullable=False, index=True),
    Column("kind", String(16), nullable=False),
    Column("whole", String(64), nullable=False),
    Column("parts", JSON, nullable=False),
    Column("expression", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("derived", String(64)),
)

discrepancies = Table(
    "discrepancies", metadata,
    Column("discrepancy_id", String(64), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("tally_id", String(64), index=True),
    Column("reason", Text, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("quotes", JSON, nullable=False),
    Column("claim_ids", JSON, nullable=False),
)

# One row: the ledger generation the tables above were computed from, and when.
reconciled_state = Table(
    "reconciled_state", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("generation", BigInteger, nullable=False),
    Column("reconciled_at", DateTime),
)

RECONCILED = (tallies, incidents, checks, discrepancies)
RECONCILED_IDS = {"tallies": "tally_id", "incidents": "incident_id", "checks": "check_id",
                  "discrepancies": "discrepancy_id"}
