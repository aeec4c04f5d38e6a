"""The dashboard's pages: overview, timeline, map, evidence (documents, claims, tallies,
incidents) and ingest. Templates autoescape, so report text can never become markup.

A failure is shown as a message page with its status (web/errors.py); the ingest form shows
its own above the form, to be put right and sent again.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping, Sequence
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
from tollwatch.reconcile import Incident, Reconciliation, Tally, describe
from tollwatch.alerts import recent
from tollwatch.review import Reviewed
from tollwatch.store import StoredDocument
from tollwatch.versions import changes_between, revisions
from tollwatch.web import charts, csrf
from tollwatch.web.api import (MAX_UPLOAD, Filtered, Offset, State, find, read_upload, store_upload, store_url,
                               stored_document)
from tollwatch.web.state import LedgerState

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("tollwatch.web") / "templates"))
templates.env.filters["describe"] = describe
templates.env.globals.update(outcomes=OUTCOMES, victim_filters=VICTIM_FILTERS)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    user = getattr(request.state, "user", None)
    # the header's log-out form, for a browser logged in (which holds a CSRF cookie since its login)
    session = request.cookies.get(csrf.COOKIE)
    logout = csrf.form_token(request, session) if user is not None and session else None
    return templates.TemplateResponse(request, name, {"user": user, "logout_csrf": logout, **context},
                                      status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """A failure as a page: the ingest form again, above it the message, for the form's own; else the message alone."""
    if request.url.path == "/ingest":
        return _ingest_page(request, status, [message])
    return render(request, "error.html", status, status=status, message=message)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, ledger: State, f: Filtered) -> HTMLResponse:
    found = ledger.tallies(f)
    result = ledger.result()

    def headline() -> tuple[list[Tally], list[Any], dict[str, int]]:
        kept = {t.tally_id for t in found}
        return (sorted(found, key=lambda t: (-len(t.sources), -t.best))[:25],
                [d for d in reversed(result.discrepancies) if d.tally_id in kept or not d.tally_id][:10],
                ledger.ledger.stats())
    tallies, flags, stats = ledger.memo(result, ("overview", f), headline)
    return render(request, "overview.html", tallies=tallies, total=len(found), discrepancies=flags, f=f,
                  stats=stats, alerts=recent(ledger.ledger, 10))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, ledger: State, f: Filtered, tally: str | None = None) -> HTMLResponse:
    result = ledger.result()
    tolls = ledger.memo(result, ("tolls", f), lambda: sorted(
        (t for t in ledger.tallies(f) if t.kind == "toll"), key=lambda t: (-sum(1 + len(s.earlier) for s in t.sources),
                                                                          -t.best)))
    chosen = next((t for t in tolls if t.tally_id == tally), tolls[0] if tolls else None)
    chart, revised = ledger.memo(result, ("timeline", f, chosen.tally_id if chosen else None),
                                 lambda: _timeline(ledger, result, chosen))
    return render(request, "timeline.html", chart=chart, tolls=tolls[:50], chosen=chosen, f=f, revisions=revised)


def _timeline(ledger: LedgerState, result: Reconciliation, chosen: Tally | None) -> tuple[Markup, list[Any]]:
    """The chosen toll's chart, one line a source, and the revisions its sources made on one page."""
    series, revised = [], []
    if chosen is not None:
        # the documents among the chosen toll's that have earlier versions (one query, not one per figure)
        versioned = ledger.ledger.versioned({f.claim.doc_id for f in result.figures_of(chosen.claim_ids)})
        for s in chosen.sources:
            points = []
            for claim_id in (*s.earlier, s.claim_id):
                fig = result.figures.get(claim_id)
                if fig is None or not fig.end:
                    continue
                # the figures earlier versions of the same article gave: that source's own revisions
                for r in reversed(revisions(ledger.ledger, fig.claim) if fig.claim.doc_id in versioned else []):
                    day = min(fig.end, r.before_doc.ingested_at.date().isoformat())
                    points.append(charts.Point(day, r.before.count.best or 0, r.before.claim_id,
                                               f"{r.before.count.text} (version {r.before_doc.version})"))
                    revised.append((s.name, r))
                points.append(charts.Point(fig.end, fig.best, claim_id, fig.claim.count.text))
            points.sort(key=lambda p: p.day)
            series.append(charts.Series(s.name, tuple(points)))
    return Markup(charts.timeline(series)), revised


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
def evidence(request: Request, doc_id: str, ledger: State, against: str | None = None) -> HTMLResponse:
    from tollwatch.pipeline import reviewed_claims

    stored = stored_document(ledger, doc_id)
    found = list(reviewed_claims(ledger.ledger, stored.document.doc_id))
    text, title = marked(stored, found)
    chain = ledger.ledger.versions(stored.document.doc_id)
    ids = [v.document.doc_id for v in chain]
    here = ids.index(stored.document.doc_id) if stored.document.doc_id in ids else 0
    # the figure diff against the version `against` names, else against the one before this
    other = against if against in ids and against != stored.document.doc_id else ids[here - 1] if here else None
    changes = []
    if other is not None:
        first, second = sorted((other, stored.document.doc_id), key=ids.index)
        changes = [c for c in changes_between(ledger.ledger, first, second) if c.change != "same"]
    return render(request, "document.html", stored=stored, claims=[r.claim for r in found], text=text, title=title,
                  versions=chain if len(chain) > 1 else [], compared=other, changes=changes)


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: str, ledger: State) -> HTMLResponse:
    from tollwatch.web.api import claim as claim_record

    from tollwatch.pipeline import claim_history

    record = claim_record(claim_id, ledger)
    result = ledger.result()
    figure = result.figures.get(claim_id)  # a claim read into a report's event is counted as that figure
    counted_as = {claim_id, figure.claim.claim_id} if figure else {claim_id}
    tallies = [t for t in result.tallies if counted_as & set(t.claim_ids)]
    history = None if claim_id.startswith("drv-") else claim_history(ledger.ledger, claim_id)
    return render(request, "claim.html", claim=record, tallies=tallies, history=history)


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
        # a logged-in user has passed the guard's role check; otherwise the form carries the server's token
        if token and request.state.user is None and not hmac.compare_digest(_field(form, "token").encode(),
                                                                             token.encode()):
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
    # a logged-in user passed the guard's role check; a browser without a login gives the server's token
    needs_token = bool(request.app.state.token) and getattr(request.state, "user", None) is None
    response = render(request, "ingest.html", status, needs_token=needs_token, errors=list(errors),
                      csrf=csrf.form_token(request, session))
    csrf.keep(response, request, session)
    return response


def marked(stored: StoredDocument, claims: list[Reviewed], selected: str | None = None) -> tuple[Markup, Markup | None]:
    """A document's text and, when claims index it (extract/headline.py), its title, each with
    its claims marked by review status; `selected`, the claim under review, stands out."""
    statuses = {r.claim.claim_id: r.status for r in claims}
    headline = [r.claim for r in claims if in_title(r.claim)]
    text = [r.claim for r in claims if not in_title(r.claim)]
    title = Markup(highlight(stored.document.title or "", headline, selected, statuses)) if headline else None
    return Markup(highlight(stored.document.text, text, selected, statuses)), title


def highlight(text: str, claims: list[Claim], selected: str | None = None,
              statuses: Mapping[str, str] | None = None) -> str:
    """`text` (a document's text or title), escaped, with each claim's count phrase marked and
    linked; `statuses` says how each was reviewed."""
    spans = sorted({(c.start, c.end): c for c in claims}.items())
    out, at = [], 0
    for (start, end), c in spans:
        if start < at:
            continue  # overlapping spans: the first one wins
        out.append(escape(text[at:start]))
        status = (statuses or {}).get(c.claim_id, "unreviewed")
        label = f"{c.outcome} {c.count.text} ({c.victims.category}), {status}"
        classes = f"claim claim-{escape(c.outcome)}" + (" selected" if c.claim_id == selected else "")
        out.append(f'<a class="{classes}" href="/claims/{escape(c.claim_id)}" data-claim="{escape(c.claim_id)}" '
                   f'data-review="{escape(status)}" title="{escape(label)}">{escape(text[start:end])}</a>')
        at = end
    out.append(escape(text[at:]))
    return "".join(out)
