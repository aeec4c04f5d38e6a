"""`tollwatch watch`'s memory in the ledger: one row per URL polled. It is bookkeeping, not
evidence, so writing it does not bump the ledger's generation."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import select

from tollwatch.store.ledger import Ledger
from tollwatch.store.schema import watched


@dataclass(frozen=True, slots=True)
class Watched:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    entry_updated: str | None = None  # a feed entry's stamp when it was last fetched
    doc_id: str | None = None
    checked_at: datetime | None = None
    next_at: datetime | None = None   # not polled before this (backoff after failures)
    failures: int = 0
    status: str | None = None


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def get(ledger: Ledger, url: str) -> Watched:
    """What is known of `url`; a blank record when it was never polled."""
    with ledger.engine.connect() as conn:
        row = conn.execute(select(watched).where(watched.c.url_hash == url_hash(url))).mappings().first()
    if row is None:
        return Watched(url)
    return Watched(**{k: v for k, v in row.items() if k != "url_hash"})


def save(ledger: Ledger, state: Watched) -> None:
    values = asdict(state)
    with ledger._writing() as conn:
        key = url_hash(state.url)
        if conn.scalar(select(watched.c.url_hash).where(watched.c.url_hash == key)) is None:
            conn.execute(watched.insert().values(url_hash=key, **values))
        else:
            conn.execute(watched.update().where(watched.c.url_hash == key).values(**values))
