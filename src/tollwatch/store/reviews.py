"""The review log in the ledger: appended to, read, never changed. Each write bumps the ledger's
generation, so a server's cached reconciliation picks the review up at once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from tollwatch.review import Review, ReviewBook
from tollwatch.store.ledger import Ledger, _bump
from tollwatch.store.schema import reviews


def append(ledger: Ledger, review: Review) -> Review:
    """Store `review`; returns it with its id."""
    with ledger._writing() as conn:
        review_id = conn.scalar(reviews.insert().values(
            claim_id=review.claim_id, doc_id=review.doc_id, start=review.start, end=review.end,
            figure=review.figure, quote=review.quote, action=review.action, changes=review.changes,
            target=review.target, reviewer=review.reviewer, reviewed_at=review.reviewed_at, note=review.note,
        ).returning(reviews.c.review_id))
        _bump(conn, review.doc_id)
    return Review(**{**_fields(review), "review_id": int(review_id)})


def read(ledger: Ledger, doc_id: str | None = None) -> Iterator[Review]:
    """Every review (of one document), oldest first."""
    query = select(reviews).order_by(reviews.c.review_id)
    if doc_id is not None:
        query = query.where(reviews.c.doc_id == doc_id)
    with ledger.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            yield Review(**dict(row))


def book(ledger: Ledger) -> ReviewBook:
    return ReviewBook(read(ledger))


def _fields(review: Review) -> dict[str, Any]:
    return {name: getattr(review, name) for name in Review.__dataclass_fields__}
