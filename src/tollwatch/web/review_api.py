"""The REST API for reviews and accounts: a claim's history, reviewing it, the review queue,
orphaned reviews, and users. Roles are checked by the guard before the body is read (auth.py);
the handlers know who asks from `request.state.user`."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from tollwatch.errors import InvalidParameter, InvalidValue, NotFound, StoreError, Unauthorized
from tollwatch.models import Claim
from tollwatch.review import ACTIONS, MAX_NOTE, Review, new_review, parse_changes, queue
from tollwatch.store import reviews
from tollwatch.store.accounts import User, add_user, list_users
from tollwatch.web.api import Limit, Offset, State, page
from tollwatch.web.state import LedgerState

router = APIRouter(prefix="/api")


class ReviewIn(BaseModel):
    action: str = Field(description="One of " + ", ".join(ACTIONS) + ".")
    set: dict[str, str] = Field(default_factory=dict, description="For correct: FIELD → VALUE, as `--set`.")
    target: str | None = Field(None, description="For same_as and move: the other claim's id.")
    note: str | None = Field(None, max_length=MAX_NOTE)


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    role: Literal["viewer", "reviewer", "admin"]


@router.get("/claims/{claim_id}/history", summary="A claim's reviews, with its extracted and current values")
def history(claim_id: str, ledger: State) -> dict[str, Any]:
    from tollwatch.pipeline import claim_history

    try:
        return claim_history(ledger.ledger, claim_id)
    except StoreError:
        raise NotFound(f"{claim_id}: no such claim, nor any review of it; /api/claims lists them") from None


@router.post("/claims/{claim_id}/reviews", summary="Confirm, reject or correct a claim (reviewer role)")
def review(claim_id: str, body: ReviewIn, request: Request, ledger: State) -> dict[str, Any]:
    entry = record_review(request, ledger, claim_id, body.action, [f"{k}={v}" for k, v in body.set.items()],
                          body.note, body.target)
    from tollwatch.pipeline import reviewed_claim

    now = reviewed_claim(ledger.ledger, claim_id)
    return {"review": entry.to_dict(), "status": now.status, "current": now.claim.to_dict()}


def record_review(request: Request, ledger: LedgerState, claim_id: str, action: str, changes: list[str],
                  note: str | None, target: str | None) -> Review:
    """Store a review by the request's user; a value that cannot be used is a 422 saying why."""
    from tollwatch.pipeline import reviewed_claim

    user: User | None = request.state.user
    if user is None:  # the guard lets no write through without a reviewer; this keeps it so
        raise Unauthorized("log in as a reviewer to review")
    def stored(ref: str) -> Claim:
        try:
            return reviewed_claim(ledger.ledger, ref).claim
        except StoreError:
            raise NotFound(f"{ref}: no such stored claim; /api/claims lists them (derived figures cannot be "
                           "reviewed: review the claims they come from)") from None

    claim, other = stored(claim_id), stored(target) if target else None
    try:
        return reviews.append(ledger.ledger, new_review(claim, action, user.name, note,
                                                        parse_changes(changes), other))
    except InvalidValue as e:
        raise InvalidParameter(str(e)) from None


@router.get("/reviews/queue", summary="Unreviewed claims, highest impact first")
def review_queue(ledger: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    from tollwatch.pipeline import reviewed_claims

    found = queue(reviewed_claims(ledger.ledger), ledger.result())
    return {"total": len(found), "limit": limit, "offset": offset,
            "items": [{"claim": q.reviewed.claim.to_dict(), "why": q.why} for q in found[offset:offset + limit]]}


@router.get("/reviews/orphans", summary="Reviews whose figure re-extraction no longer finds")
def orphans(ledger: State, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    store = ledger.ledger
    return page(reviews.book(store).orphans(lambda doc_id: store.claims(doc_id)), limit, offset)


@router.get("/users", summary="Users and their roles (admin role)")
def users(ledger: State) -> dict[str, Any]:
    return {"items": [{"name": u.name, "role": u.role} for u in list_users(ledger.ledger)]}


@router.post("/users", summary="Add a user; the answer holds their API token, shown only this once (admin role)")
def add(body: UserIn, ledger: State) -> dict[str, Any]:
    try:
        token = add_user(ledger.ledger, body.name, body.role)
    except InvalidValue as e:
        raise InvalidParameter(str(e)) from None
    return {"name": body.name, "role": body.role, "token": token}
