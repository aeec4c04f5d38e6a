"""The dashboard's login and review pages: the review queue, and each claim in its evidence view
with the parsed record, its history and forms to confirm, reject, correct or regroup it.

Forms carry the CSRF token (csrf.py); the guard has checked the role before they are read.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from tollwatch.errors import InvalidParameter, NotFound, StoreError
from tollwatch.models import CATEGORIES, OUTCOMES, Modality, Scope
from tollwatch.review import FIELDS, Queued, Reviewed, queue
from tollwatch.store.accounts import SESSION_LIFETIME, by_login, close_session, open_session
from tollwatch.web import csrf
from tollwatch.web.api import State, stored_document
from tollwatch.web.auth import SESSION_COOKIE, safe_next
from tollwatch.web.pages import marked, render
from tollwatch.web.review_api import record_review
from tollwatch.web.state import LedgerState

router = APIRouter(include_in_schema=False)
CHOICES = {"outcome": OUTCOMES, "category": CATEGORIES, "scope": Scope.__args__,  # type: ignore[attr-defined]
           "modality": Modality.__args__}  # type: ignore[attr-defined]
MAX_FORM = 64 * 1024


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return _login_page(request, safe_next(next))


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, ledger: State) -> Response:
    async with request.form(max_part_size=MAX_FORM) as form:
        csrf.check(request, _field(form, csrf.FIELD), "the login page")
        name, token, to = _field(form, "name").strip(), _field(form, "token").strip(), safe_next(_field(form, "next"))
    user = await run_in_threadpool(by_login, ledger.ledger, name, token)
    if user is None:
        return _login_page(request, to, 401, "That name and token do not match a user: use the token "
                                             "`tollwatch users add` printed.")
    session = await run_in_threadpool(open_session, ledger.ledger, user)
    response = RedirectResponse(to, status_code=303)
    response.set_cookie(SESSION_COOKIE, session, max_age=int(SESSION_LIFETIME.total_seconds()), httponly=True,
                        samesite="lax", secure=request.url.scheme == "https")
    csrf.keep(response, request, csrf.new_session())  # a fresh CSRF session for the logged-in browser
    return response


@router.post("/logout")
async def logout(request: Request, ledger: State) -> Response:
    async with request.form(max_part_size=MAX_FORM) as form:
        csrf.check(request, _field(form, csrf.FIELD), "the page")
    session = request.cookies.get(SESSION_COOKIE)
    if session:
        await run_in_threadpool(close_session, ledger.ledger, session)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


@router.get("/review", response_class=HTMLResponse)
def review_queue(request: Request, ledger: State) -> HTMLResponse:
    found = _queue(ledger)
    return render(request, "review_queue.html", queue=found[:200], total=len(found))


@router.get("/review/{claim_id}", response_class=HTMLResponse)
def review_claim(request: Request, claim_id: str, ledger: State) -> HTMLResponse:
    return _review_page(request, ledger, claim_id)


@router.post("/review/{claim_id}", response_class=HTMLResponse)
async def review_submit(request: Request, claim_id: str, ledger: State) -> Response:
    async with request.form(max_part_size=MAX_FORM) as form:
        csrf.check(request, _field(form, csrf.FIELD), "the review page")
        action = _field(form, "action")
        changes = [f"{name}={_field(form, name).strip()}" for name in FIELDS if _field(form, name).strip()]
        note, target = _field(form, "note") or None, _field(form, "target").strip() or None
    try:
        await run_in_threadpool(record_review, request, ledger, claim_id, action, changes, note, target)
    except (InvalidParameter, NotFound) as e:
        if isinstance(e, NotFound) and str(e).startswith(claim_id):
            raise  # no such claim: a 404 page; a value that cannot be used shows the form again, saying why
        return await run_in_threadpool(_review_page, request, ledger, claim_id, e.status, str(e))
    found = await run_in_threadpool(_queue, ledger)
    return RedirectResponse(f"/review/{found[0].reviewed.claim.claim_id}" if found else "/review", status_code=303)


def _queue(ledger: LedgerState) -> list[Queued]:
    from tollwatch.pipeline import reviewed_claims

    return queue(reviewed_claims(ledger.ledger), ledger.result())


def _review_page(request: Request, ledger: LedgerState, claim_id: str, status: int = 200,
                 error: str | None = None) -> HTMLResponse:
    from tollwatch.pipeline import reviewed_claims

    try:
        doc_id = ledger.ledger.claim(claim_id).doc_id
    except StoreError:
        raise NotFound(f"{claim_id}: no such stored claim; the review queue lists those to review") from None
    stored = stored_document(ledger, doc_id)
    claims = list(reviewed_claims(ledger.ledger, doc_id))
    this: Reviewed = next(r for r in claims if r.claim.claim_id == claim_id)
    found = _queue(ledger)
    ids = [q.reviewed.claim.claim_id for q in found]
    after = ids[ids.index(claim_id) + 1:] if claim_id in ids else ids
    why = next((q.why for q in found if q.reviewed.claim.claim_id == claim_id), None)
    text, title = marked(stored, claims, claim_id)
    user = request.state.user
    session = csrf.session_of(request)
    response = render(request, "review.html", status, reviewed=this, claim=this.claim, why=why,
                      next_id=after[0] if after else None, remaining=len(found), error=error, choices=CHOICES,
                      text=text, title=title,
                      can_review=user is not None and user.can("reviewer"), csrf=csrf.form_token(request, session))
    csrf.keep(response, request, session)
    return response


def _login_page(request: Request, to: str, status: int = 200, error: str | None = None) -> HTMLResponse:
    session = csrf.session_of(request)
    response = render(request, "login.html", status, next=to, error=error, csrf=csrf.form_token(request, session))
    csrf.keep(response, request, session)
    return response


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""

