"""The REST API under /api/: documents, claims, tallies, incidents, discrepancies, places,
sources, and ingest by URL, upload or pasted text. Errors are JSON: {"error": "..."}.

Writes reach these handlers only through the guard (guard.py: host, cross-site and token
checks, body cap). Handlers that parse, extract or query are plain `def`, so they run in the
thread pool and never stall the event loop.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile as FormFile  # FastAPI's extends it; a form read by hand holds these

from tollwatch.errors import BodyTooLarge, InputError, InvalidParameter, NotFound, StoreError
from tollwatch.explain import explain
from tollwatch.ingest.files import iter_upload, iter_urls
from tollwatch.ingest.fetch import Fetcher
from tollwatch.models import OUTCOMES, Document
from tollwatch.pipeline import reviewed_claim, reviewed_claims
from tollwatch.store import Added, StoredDocument
from tollwatch.reconcile import Incident, Tally
from tollwatch.reconcile import Query as Selection  # "Query" here is FastAPI's parameter helper
from tollwatch.web.state import LedgerState

router = APIRouter(prefix="/api")

MAX_UPLOAD = 20 * 1024 * 1024
MAX_BODY = MAX_UPLOAD + 64 * 1024  # an upload and the rest of its form: the guard's cap on any request body
MAX_OFFSET = 10**9  # far past any ledger, and far below the 2**63 that overflows a database integer
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def state(request: Request) -> LedgerState:
    return request.app.state.ledger  # type: ignore[no-any-return]


State = Annotated[LedgerState, Depends(state)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def filters(place: str | None = None, from_: Annotated[str | None, Query(alias="from")] = None,
            to: str | None = None, outcome: str | None = None, category: str | None = None) -> Selection:
    """Filters as in `tollwatch tally`: a place id (or name), ISO dates, outcome, victims category."""
    from tollwatch.normalise import default_normaliser

    if outcome and outcome not in OUTCOMES:
        raise InvalidParameter(f"outcome must be one of {', '.join(OUTCOMES)}")
    start, end = iso_day("from", from_), iso_day("to", to)
    if start and end and start > end:
        raise InvalidParameter(f"from ({start}) is after to ({end}); swap them")
    place_id = default_normaliser().place_id(place) if place else None
    if place and place_id is None:
        raise NotFound(f"{place}: no such place in the gazetteer; /api/places?q=NAME shows what a name resolves to")
    return Selection(place_id, start, end, outcome, category or None)


def iso_day(name: str, value: str | None) -> str | None:
    """A date parameter, YYYY-MM-DD; blank means no limit, as the filter form sends it."""
    if not value:
        return None
    try:
        if ISO_DAY.fullmatch(value):
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise InvalidParameter(f"{name} must be a date written YYYY-MM-DD, not {value[:40]!r}")


Filtered = Annotated[Selection, Depends(filters)]


def answered(ledger: LedgerState, key: tuple[Any, ...], make: Callable[[], dict[str, Any]]) -> Response:
    """A JSON answer made and encoded once for the current reconciliation (the ledger's generation):
    the many clients asking for the same page meanwhile get the same bytes."""
    body: bytes = ledger.memo(ledger.result(), ("json", *key), lambda: json.dumps(
        make(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return Response(body, media_type="application/json")


def page(items: Sequence[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of records (anything with to_dict()), serialised only for the page."""
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": [i.to_dict() for i in items[offset:offset + limit]]}


@router.get("/documents", summary="Stored documents, newest first")
def documents(ledger: State, limit: Limit = 50, offset: Offset = 0) -> Response:
    def make() -> dict[str, Any]:
        total, items = ledger.ledger.document_page(limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}
    return answered(ledger, ("documents", limit, offset), make)


@router.get("/documents/{doc_id}", summary="A document's text and its claims")
def document(doc_id: str, ledger: State) -> dict[str, Any]:
    stored = stored_document(ledger, doc_id)
    d = stored.document
    return {"doc_id": d.doc_id, "title": d.title, "url": d.url, "published": d.published, "site_name": d.site_name,
            "language": d.language, "duplicate_of": stored.duplicate_of, "version": stored.version,
            "superseded_by": stored.superseded_by, "text": d.text,
            "claims": [r.claim.to_dict() for r in reviewed_claims(ledger.ledger, d.doc_id)]}


def stored_document(ledger: LedgerState, ref: str) -> StoredDocument:
    try:
        return ledger.ledger.document(ledger.ledger.resolve_doc_id(ref))
    except StoreError:  # the lookups raise it for an unknown or ambiguous id; its message names the database
        raise NotFound(f"{ref}: no document has this id (or more than one starts with it); "
                       "/api/documents lists them") from None


@router.get("/claims", summary="Stored claims at their reviewed values (filtered as extracted), paginated")
def claims(ledger: State, doc: str | None = None, outcome: str | None = None, source: str | None = None,
           category: str | None = None, limit: Limit = 100, offset: Offset = 0) -> Response:
    def make() -> dict[str, Any]:
        total = ledger.ledger.count_claims(doc, outcome, source, category)
        items = [r.claim.to_dict() for r in reviewed_claims(ledger.ledger, doc, outcome, source, category, limit,
                                                            offset)]
        return {"total": total, "limit": limit, "offset": offset, "items": items}
    return answered(ledger, ("claims", doc, outcome, source, category, limit, offset), make)


@router.get("/claims/{claim_id}", summary="One claim, as a CONTRACT record, at its reviewed value "
            "(evidence.review says how it was reviewed)")
def claim(claim_id: str, ledger: State) -> dict[str, Any]:
    derived = ledger.result().figures.get(claim_id)
    if claim_id.startswith("drv-") and derived is not None:
        return derived.claim.to_dict()
    try:
        return reviewed_claim(ledger.ledger, claim_id).claim.to_dict()
    except StoreError:  # no such claim; its message names the database
        raise NotFound(f"{claim_id}: no such claim; /api/claims lists them") from None


@router.get("/tallies", summary="Reconciled tallies with low/best/high")
def tallies(ledger: State, f: Filtered, limit: Limit = 100, offset: Offset = 0) -> Response:
    return answered(ledger, ("tallies", f, limit, offset), lambda: page(ledger.tallies(f), limit, offset))


@router.get("/tallies/{tally_id}", summary="A tally, its claims and how its numbers follow")
def tally(tally_id: str, ledger: State) -> dict[str, Any]:
    return _detail(ledger, find(ledger, tally_id, Tally))


@router.get("/incidents", summary="Incidents: one event across reports")
def incidents(ledger: State, f: Filtered, limit: Limit = 100, offset: Offset = 0) -> Response:
    return answered(ledger, ("incidents", f, limit, offset), lambda: page(ledger.incidents(f), limit, offset))


@router.get("/incidents/{incident_id}", summary="An incident, its tallies and claims")
def incident(incident_id: str, ledger: State) -> dict[str, Any]:
    item: Incident = find(ledger, incident_id, Incident)
    return _detail(ledger, item) | {"by_victims": [t.to_dict() for t in item.by_victims]}


@router.get("/discrepancies", summary="Figures that cannot all hold, newest first")
def discrepancies(ledger: State, limit: Limit = 100, offset: Offset = 0) -> Response:
    return answered(ledger, ("discrepancies", limit, offset),
                    lambda: page(ledger.result().discrepancies[::-1], limit, offset))


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
    url: str = Field(description="An absolute http(s) URL of a page or RSS/Atom feed.")
    published: str | None = Field(None, description="YYYY-MM-DD, for pages that carry no date.")


class TextIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_UPLOAD)
    published: str | None = None
    title: str | None = None


@router.post("/ingest/url", summary="Fetch and store a page or feed")
def ingest_url(body: UrlIn, request: Request, ledger: State) -> dict[str, Any]:
    return store_url(request, ledger, body.url, body.published)


@router.post("/ingest/text", summary="Store pasted text")
def ingest_text(body: TextIn, ledger: State) -> dict[str, Any]:
    return store_upload(ledger, "pasted.txt", body.text.encode("utf-8"), body.published, body.title)


@router.post("/ingest/file", summary="Store an uploaded .txt, .html or .jsonl")
def ingest_file(ledger: State, file: Annotated[UploadFile, File()],
                published: Annotated[str | None, Form()] = None) -> dict[str, Any]:
    return store_upload(ledger, file.filename or "upload.txt", read_upload(file), published)


def read_upload(file: FormFile) -> bytes:
    """An uploaded file's bytes, at most MAX_UPLOAD (the form parser has already spooled it to disk)."""
    data = file.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise BodyTooLarge(f"{upload_name(file.filename or 'upload')}: larger than {MAX_UPLOAD // 2**20} MB; split it")
    return data


def store_url(request: Request, ledger: LedgerState, url: str, published: str | None) -> dict[str, Any]:
    """Fetch `url` and store what it holds. Only an absolute http(s) URL is taken: never a path,
    folder or '-' on the server."""
    url = http_url(url)
    day = published_day(published)
    with Fetcher(allow_private=request.app.state.allow_private) as fetcher:
        return store(ledger, [url], iter_urls([url], day, fetcher))


def store_upload(ledger: LedgerState, name: str, data: bytes, published: str | None,
                 title: str | None = None) -> dict[str, Any]:
    """Store the documents in uploaded or pasted bytes; `title` names each new one (a document
    already stored keeps its own)."""
    name = upload_name(name)
    day = published_day(published)
    items = iter_upload(name, data, day)
    if title:
        items = (replace(i, title=title) if isinstance(i, Document) else i for i in items)
    return store(ledger, [name], items)


def store(ledger: LedgerState, inputs: list[str], items: Iterable[Document | InputError]) -> dict[str, Any]:
    outcomes: list[Added | InputError] = []
    # the tables are refreshed by the next reconciliation the server makes anyway (LedgerState)
    summary = ledger.ledger.add_documents(items, outcomes.append, inputs=inputs, refresh_tables=False)
    errors = [o for o in outcomes if isinstance(o, InputError)]
    if errors and not summary.new_documents and not summary.duplicates:
        raise errors[0] if len(errors) == 1 else InputError(inputs[0], "nothing could be stored: " +
                                                             "; ".join(str(e) for e in errors))
    return {"documents": [{"doc_id": o.doc_id, "status": o.status, "claims": o.claims, "duplicate_of": o.duplicate_of}
                          for o in outcomes if isinstance(o, Added)],
            "new_documents": summary.new_documents, "claims": summary.claims, "errors": [str(e) for e in errors]}


def http_url(value: str) -> str:
    """`value` if it is an absolute http(s) URL with a host; anything else is refused unread."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port that is not a number from 0 to 65535
        ok = False
    if not ok or any(ch.isspace() or ord(ch) < 32 for ch in value):
        raise InvalidParameter(f"url must be an absolute http:// or https:// address of a page or feed, "
                               f"not {value[:80]!r}")
    return value


def published_day(value: str | None) -> date | None:
    from tollwatch.published import parse_published

    try:
        return parse_published(value)
    except ValueError as e:
        raise InvalidParameter(f"published: {e}") from None


def upload_name(name: str) -> str:
    """A label for an upload: its file name's letters, digits, '-' and '_', and a suffix it can be read by."""
    path = Path(name.replace("\\", "/"))
    stem = "".join(ch for ch in path.stem if ch.isalnum() or ch in "-_")[:60] or "upload"
    suffix = path.suffix.lower()
    return stem + (suffix if suffix in UPLOAD_SUFFIXES else ".txt")


def find(ledger: LedgerState, ref: str, kind: type[Any]) -> Any:
    item = ledger.result().find(ref)
    if not isinstance(item, kind):
        listing = "tallies" if kind is Tally else "incidents"
        raise NotFound(f"{ref}: no such {kind.__name__.lower()}; /api/{listing} lists them")
    return item


def _detail(ledger: LedgerState, item: Tally | Incident) -> dict[str, Any]:
    """A tally or incident with how its numbers follow and the claims behind it."""
    return item.to_dict() | {"explanation": explain(item, ledger.result()),
                             "claims": [f.claim.to_dict() for f in ledger.result().figures_of(item.claim_ids)]}
