"""The REST API under /api/: documents, claims, tallies, incidents, discrepancies, places,
sources, and ingest by URL, upload or pasted text. Errors are JSON: {"error": "..."}."""

from __future__ import annotations

import hmac
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from pydantic import BaseModel, Field

from tollwatch.errors import InputError, StoreError
from tollwatch.explain import explain
from tollwatch.ingest.fetch import Fetcher
from tollwatch.models import OUTCOMES
from tollwatch.store import Added
from tollwatch.reconcile import Incident, Tally
from tollwatch.reconcile import Query as Selection  # "Query" here is FastAPI's parameter helper
from tollwatch.web.state import LedgerState

router = APIRouter(prefix="/api")

MAX_UPLOAD = 20 * 1024 * 1024


def state(request: Request) -> LedgerState:
    return request.app.state.ledger  # type: ignore[no-any-return]


def require_token(request: Request) -> None:
    """Write endpoints need `Authorization: Bearer TOKEN` when the server was started with --token."""
    token = request.app.state.token
    given = request.headers.get("authorization", "")
    if token and not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise HTTPException(401, "this server requires a token for writing: send 'Authorization: Bearer TOKEN'")


State = Annotated[LedgerState, Depends(state)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


def filters(place: str | None = None, from_: Annotated[str | None, Query(alias="from")] = None,
            to: str | None = None, outcome: str | None = None, category: str | None = None) -> Selection:
    """Filters as in `tollwatch tally`: a place id (or name), ISO dates, outcome, victims category."""
    from tollwatch.normalise import default_normaliser

    if outcome and outcome not in OUTCOMES:
        raise HTTPException(422, f"outcome must be one of {', '.join(OUTCOMES)}")
    place_id = default_normaliser().place_id(place) if place else None
    if place and place_id is None:
        raise HTTPException(404, f"{place}: no such place in the gazetteer")
    return Selection(place_id, from_, to, outcome, category)


Filtered = Annotated[Selection, Depends(filters)]


def page(items: Sequence[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of records (anything with to_dict()), serialised only for the page."""
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": [i.to_dict() for i in items[offset:offset + limit]]}


@router.get("/documents", summary="Stored documents, newest first")
def documents(ledger: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    total, items = ledger.ledger.document_page(limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/documents/{doc_id}", summary="A document's text and its claims")
def document(doc_id: str, ledger: State) -> dict[str, Any]:
    try:
        stored = ledger.ledger.document(ledger.ledger.resolve_doc_id(doc_id))
    except StoreError as e:
        raise HTTPException(404, str(e)) from None
    d = stored.document
    return {"doc_id": d.doc_id, "title": d.title, "url": d.url, "published": d.published, "site_name": d.site_name,
            "duplicate_of": stored.duplicate_of, "text": d.text,
            "claims": [c.to_dict() for c in ledger.ledger.claims(d.doc_id)]}


@router.get("/claims", summary="Stored claims, filtered and paginated")
def claims(ledger: State, doc: str | None = None, outcome: str | None = None, source: str | None = None,
           category: str | None = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    total = ledger.ledger.count_claims(doc, outcome, source, category)
    items = [c.to_dict() for c in ledger.ledger.claims(doc, outcome, source, category, limit, offset)]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/claims/{claim_id}", summary="One claim, as a CONTRACT record")
def claim(claim_id: str, ledger: State) -> dict[str, Any]:
    derived = ledger.result().figures.get(claim_id)
    if claim_id.startswith("drv-") and derived is not None:
        return derived.claim.to_dict()
    try:
        return ledger.ledger.claim(claim_id).to_dict()
    except StoreError as e:
        raise HTTPException(404, str(e)) from None


@router.get("/tallies", summary="Reconciled tallies with low/best/high")
def tallies(ledger: State, f: Filtered, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page(ledger.tallies(f), limit, offset)


@router.get("/tallies/{tally_id}", summary="A tally, its claims and how its numbers follow")
def tally(tally_id: str, ledger: State) -> dict[str, Any]:
    return _detail(ledger, find(ledger, tally_id, Tally))


@router.get("/incidents", summary="Incidents: one event across reports")
def incidents(ledger: State, f: Filtered, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page(ledger.incidents(f), limit, offset)


@router.get("/incidents/{incident_id}", summary="An incident, its tallies and claims")
def incident(incident_id: str, ledger: State) -> dict[str, Any]:
    item: Incident = find(ledger, incident_id, Incident)
    return _detail(ledger, item) | {"by_victims": [t.to_dict() for t in item.by_victims]}


@router.get("/discrepancies", summary="Figures that cannot all hold, newest first")
def discrepancies(ledger: State, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page(ledger.result().discrepancies[::-1], limit, offset)


@router.get("/checks", summary="Breakdown and containment checks")
def checks(ledger: State, status: str | None = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page([c for c in ledger.result().checks if status is None or c.status == status], limit, offset)


@router.get("/places", summary="What a place name resolves to")
def places(q: Annotated[str, Query(min_length=2)]) -> dict[str, Any]:
    from tollwatch.normalise import default_normaliser

    resolver = default_normaliser().places
    chosen = resolver.resolve_all([q])[q]
    return {"query": q, "resolved": chosen.place.place_id if chosen else None,
            "candidates": [{"place_id": p.place_id, "name": p.name, "kind": p.kind, "country": p.country,
                            "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "population": p.population}
                           for p, _ in resolver.read(q).candidates]}


@router.get("/sources", summary="Known sources")
def sources() -> dict[str, Any]:
    from tollwatch.normalise import default_normaliser

    entries = sorted(default_normaliser().sources.entries.values(), key=lambda e: e.id)
    return {"items": [{"id": e.id, "name": e.name, "kind": e.kind, "per_country": e.per_country} for e in entries]}


class UrlIn(BaseModel):
    url: str = Field(description="An http(s) page or RSS/Atom feed.")
    published: str | None = Field(None, description="YYYY-MM-DD, for pages that carry no date.")


class TextIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_UPLOAD)
    published: str | None = None
    title: str | None = None


@router.post("/ingest/url", dependencies=[Depends(require_token)], summary="Fetch and store a page or feed")
def ingest_url(body: UrlIn, request: Request, ledger: State) -> dict[str, Any]:
    return run_ingest(request, ledger, [body.url], body.published)


@router.post("/ingest/text", dependencies=[Depends(require_token)], summary="Store pasted text")
def ingest_text(body: TextIn, request: Request, ledger: State) -> dict[str, Any]:
    return ingest_bytes(request, ledger, "pasted.txt", body.text.encode("utf-8"), body.published, body.title)


@router.post("/ingest/file", dependencies=[Depends(require_token)], summary="Store an uploaded .txt, .html or .jsonl")
async def ingest_file(request: Request, ledger: State, file: Annotated[UploadFile, File()],
                      published: Annotated[str | None, Form()] = None) -> dict[str, Any]:
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise HTTPException(413, f"{file.filename}: larger than {MAX_UPLOAD // 2**20} MB")
    return ingest_bytes(request, ledger, file.filename or "upload.txt", data, published)


def ingest_bytes(request: Request, ledger: LedgerState, name: str, data: bytes, published: str | None,
                 title: str | None = None) -> dict[str, Any]:
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".txt", ".html", ".htm", ".jsonl") else ".txt"
    with tempfile.TemporaryDirectory() as tmp:
        stem = "".join(ch for ch in Path(name).stem if ch.isalnum() or ch in "-_")[:60] or "upload"
        path = Path(tmp) / f"{stem}{suffix}"
        path.write_bytes(data)
        result = run_ingest(request, ledger, [str(path)], published)
    if title:
        for doc in result["documents"]:
            ledger.ledger.set_title(doc["doc_id"], title)
    return result


def run_ingest(request: Request, ledger: LedgerState, inputs: list[str], published: str | None) -> dict[str, Any]:
    from tollwatch.pipeline import ingest
    from tollwatch.published import parse_published

    try:
        day = parse_published(published)
    except ValueError as e:
        raise HTTPException(422, str(e)) from None
    outcomes: list[Added | InputError] = []
    with Fetcher(allow_private=request.app.state.allow_private) as fetcher:
        summary = ingest(inputs, ledger.ledger, day, fetcher, outcomes.append)
    errors = [str(o) for o in outcomes if isinstance(o, InputError)]
    if errors and not summary.new_documents and not summary.duplicates:
        raise HTTPException(400, "; ".join(errors))
    return {"documents": [{"doc_id": o.doc_id, "status": o.status, "claims": o.claims, "duplicate_of": o.duplicate_of}
                          for o in outcomes if isinstance(o, Added)],
            "new_documents": summary.new_documents, "claims": summary.claims, "errors": errors}


def find(ledger: LedgerState, ref: str, kind: type[Any]) -> Any:
    item = ledger.result().find(ref)
    if not isinstance(item, kind):
        raise HTTPException(404, f"{ref}: no such {kind.__name__.lower()}")
    return item


def _detail(ledger: LedgerState, item: Tally | Incident) -> dict[str, Any]:
    """A tally or incident with how its numbers follow and the claims behind it."""
    return item.to_dict() | {"explanation": explain(item, ledger.result()),
                             "claims": [f.claim.to_dict() for f in ledger.result().figures_of(item.claim_ids)]}
