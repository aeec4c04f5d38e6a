"""Durable storage: the ledger database (SQLAlchemy; SQLite or PostgreSQL; Alembic migrations)."""

from tollwatch.store.ledger import Added, Ledger, RunSummary, StoredDocument, database_url

__all__ = ["Added", "Ledger", "RunSummary", "StoredDocument", "database_url"]
