"""The dashboard's pages: overview, timeline, map, evidence (documents, claims, tallies,
incidents) and ingest. Templates autoescape, so report text can never become markup.

A failure is shown as a message page with its status (web/errors.py); the ingest form shows
its own above the form, to be put right and sent again.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from html import escape
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.datastructures import FormData, UploadFile

from tollwatch.errors import InvalidParameter, Unauthorized
from tollwatch.explain import explain
from tollwatch.extract.headline import in_title
from tollwatch.models import OUTCOMES, VICTIM_FILTERS, Claim
from tollwatch.reconcile import Incident, Tally, describe
from tollwatch.web import charts, csrf
from tollwatch.web.api import (MAX_UPLOAD, Filtered, Offset, State, find, read_upload, store_upload, store_url,
                               stored_document)
from tollwatch.web.state import LedgerState

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("tollwatch.web") / "templates"))
templates.env.filters["describe"] = describe
templates.env.globals.update(outcomes=OUTCOMES, victim_filters=VICTIM_FILTERS)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """A failure as a page: the ingest form again, above it the message, for the form's own; else the message alone."""
    if request.url.path == "/ingest":
        return _ingest_page(request, status, [message])
    return render(request, "error.html", status, status=status, message=message)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, ledger: State, f: Filtered) -> HTMLResponse:
    found = ledger.tallies(f)
    headline = sorted(found, key=lambda t: (-len(t.sources), -t.best))[:25]
    result = ledger.result()
    kept = {t.tally_id for t in found}
    flags = [d for d in reversed(result.discrepancies) if d.tally_id in kept or not d.tally_id][:10]
    return render(request, "overview.html", tallies=headline, total=len(found), discrepancies=flags, f=f,
                  stats=ledger.ledger.stats())


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, ledger: State, f: Filtered, tally: str | None = None) -> HTMLResponse:
    result = ledger.result()
    tolls = [t for t in ledger.tallies(f) if t.kind == "toll"]
    tolls.sort(key=lambda t: (-sum(1 + len(s.earlier) for s in t.sources), -t.best))
    chosen = next((t for t in tolls if t.tally_id == tally), tolls[0] if tolls else None)
    series = []
    if chosen is not None:
        for s in chosen.sources:
            points = []
            for claim_id in (*s.earlier, s.claim_id):
                fig = result.figures.get(claim_id)
                if fig is not None and fig.end:
                    points.append(charts.Point(fig.end, fig.best, claim_id, fig.claim.count.text))
            points.sort(key=lambda p: p.day)
            series.append(charts.Series(s.name, tuple(points)))
    return render(request, "timeline.html", chart=Markup(charts.timeline(series)), tolls=tolls[:50], chosen=chosen, f=f)


@router.get("/map", response_class=HTMLResponse)
def incident_map(request: Request, ledger: State, f: Filtered) -> HTMLResponse:
    symbols = []
    for i in ledger.incidents(f):
        if i.place is None or i.place.lat is None or i.place.lon is None:
            continue
        categories = {t.victims.category for t in i.by_victims}
        category = "civilian" if categories == {"civilian"} else "combatant" if categories and all(
            c in ("combatant", "state_forces", "non_state_armed") for c in categories) else "all"
        title = f"{i.outcome} {i.best} ({i.low}–{i.high}) in {i.place.name}, {i.start}" + \
            (f", {i.manner}" if i.manner else "")
        symbols.append(charts.Symbol(i.place.lat, i.place.lon, i.best, category, f"/incidents/{i.incident_id}", title))
    return render(request, "map.html", chart=Markup(charts.incident_map(symbols)), count=len(symbols), f=f)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, ledger: State, offset: Offset = 0) -> HTMLResponse:
    total, items = ledger.ledger.document_page(50, offset)
    return render(request, "documents.html", documents=items, total=total, offset=offset)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def evidence(request: Request, doc_id: str, ledger: State) -> HTMLResponse:
    stored = stored_document(ledger, doc_id)
    claims = list(ledger.ledger.claims(stored.document.doc_id))
    headline = [c for c in claims if in_title(c)]  # these index the title (extract/headline.py)
    text = [c for c in claims if not in_title(c)]
    return render(request, "document.html", stored=stored, claims=claims,
                  text=Markup(highlight(stored.document.text, text)),
                  title=Markup(highlight(stored.document.title or "", headline)) if headline else None)


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: str, ledger: State) -> HTMLResponse:
    from tollwatch.web.api import claim as claim_record

    record = claim_record(claim_id, ledger)
    tallies = [t for t in ledger.result().tallies if claim_id in t.claim_ids]
    return render(request, "claim.html", claim=record, tallies=tallies)


@router.get("/tallies/{tally_id}", response_class=HTMLResponse)
def tally(request: Request, tally_id: str, ledger: State) -> HTMLResponse:
    return _item(request, ledger, tally_id, Tally)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, incident_id: str, ledger: State) -> HTMLResponse:
    return _item(request, ledger, incident_id, Incident)


def _item(request: Request, ledger: State, ref: str, kind: type[Any]) -> HTMLResponse:
    result = ledger.result()
    item = find(ledger, ref, kind)
    figures = result.figures_of(item.claim_ids)
    return render(request, "item.html", item=item, is_tally=isinstance(item, Tally), figures=figures,
                  explanation=explain(item, result))


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    return _ingest_page(request)


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_submit(request: Request, ledger: State) -> Response:
    # async only to read the form; the ingest itself runs in the thread pool. Failures, the
    # form's reading included (a body over the cap), come back as the form with a message.
    async with request.form(max_part_size=MAX_UPLOAD) as form:
        csrf.check(request, _field(form, csrf.FIELD))
        token = request.app.state.token
        if token and not hmac.compare_digest(_field(form, "token").encode(), token.encode()):
            raise Unauthorized("The token is not right: enter the one the server was started with.")
        result = await run_in_threadpool(_ingest, request, ledger, form)
    if not result["documents"]:
        return _ingest_page(request, 400, result["errors"] or ["Nothing was stored."])
    return RedirectResponse(f"/documents/{result['documents'][0]['doc_id']}", status_code=303)


def _ingest(request: Request, ledger: LedgerState, form: FormData) -> dict[str, Any]:
    url, text, published = _field(form, "url").strip(), _field(form, "text"), _field(form, "published") or None
    file = form.get("file")
    if url:
        return store_url(request, ledger, url, published)
    if isinstance(file, UploadFile) and file.filename:
        return store_upload(ledger, file.filename, read_upload(file), published)
    if text.strip():
        return store_upload(ledger, "pasted.txt", text.encode("utf-8"), published)
    raise InvalidParameter("Paste a report, choose a file or give a URL.")


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _ingest_page(request: Request, status: int = 200, errors: Sequence[str] = ()) -> HTMLResponse:
    session = csrf.session_of(request)
    response = render(request, "ingest.html", status, needs_token=bool(request.app.state.token), errors=list(errors),
                      csrf=csrf.form_token(request, session))
    csrf.keep(response, request, session)
    return response


def highlight(text: str, claims: list[Claim]) -> str:
    """`text` (a document's text or title), escaped, with each claim's count phrase marked and linked."""
    spans = sorted({(c.start, c.end): c for c in claims}.items())
    out, at = [], 0
    for (start, end), c in spans:
        if start < at:
            continue  # overlapping spans: the first one wins
        out.append(escape(text[at:start]))
        label = f"{c.outcome} {c.count.text} ({c.victims.category})"
        out.append(f'<a class="claim claim-{escape(c.outcome)}" href="/claims/{escape(c.claim_id)}" '
                   f'data-claim="{escape(c.claim_id)}" title="{escape(label)}">{escape(text[start:end])}</a>')
        at = end
    out.append(escape(text[at:]))
    return "".join(out)
