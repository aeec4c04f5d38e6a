"""The web dashboard and REST API (FastAPI): `tollwatch serve`, or `create_app(db)` for any ASGI server.

Everything the pages need (styles, one small script, country outlines) is served by the
application itself; every response carries a Content-Security-Policy that allows nothing else.
What each defence is and how it is tested: docs/security.md.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from tollwatch import __version__
from tollwatch.alerts import Rules
from tollwatch.errors import TollwatchError
from tollwatch.ledger import Ledger
from tollwatch.web.auth import Gate
from tollwatch.web.errors import error_response, status_of
from tollwatch.web.guard import LOCAL_HOSTS, Guard
from tollwatch.web.state import LedgerState


def create_app(db: str | None = None, token: str | None = None, allow_private: bool = False,
               hosts: Iterable[str] = LOCAL_HOSTS, public_read: bool = False, alerts: Rules | None = None) -> FastAPI:
    """`hosts`: the Host names the app answers to, "name" (any port) or "name:port"; `tollwatch
    serve` passes its own address and port (guard.served_hosts). `token` acts as an admin's;
    `public_read` opens reads to everyone once users exist (auth.py). `alerts`: rules checked
    each time the server has brought the reconciled tables up to date (alerts.read_rules)."""
    from tollwatch.web import api, feed, health, pages, review_api, review_pages
    from tollwatch.web.head import HeadAsGet

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # with alert rules, the ledger is followed even when no request comes, so alerts fire within seconds
        following = app.state.ledger.follow() if alerts is not None else None
        yield
        if following is not None:
            following.set()
        app.state.ledger.settle()  # the reconciled tables being written, if any
        app.state.ledger.ledger.close()  # on shutdown: folds SQLite's write-ahead log back into the file

    # FastAPI's /docs and /redoc pages load their scripts from a CDN, so they are off; the schema is at /openapi.json
    app = FastAPI(title="tollwatch", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Casualty claims, tallies, incidents and discrepancies, each traced to its quotes.")
    ledger = Ledger(db)
    dispatcher = None
    if alerts is not None:
        from tollwatch.alerts import Dispatcher

        dispatcher = Dispatcher(ledger, alerts, allow_private=allow_private)
    app.state.ledger = LedgerState(ledger, after_write=dispatcher.check if dispatcher else None)
    gate = Gate(app.state.ledger.ledger, token, public_read)
    app.state.token = token
    app.state.allow_private = allow_private
    app.state.csrf_key = secrets.token_bytes(32)  # per process: a restart expires open forms
    app.mount("/static", StaticFiles(directory=str(resources.files("tollwatch.web") / "static")), name="static")
    app.include_router(api.router)
    app.include_router(review_api.router)
    app.include_router(pages.router)
    app.include_router(feed.router)
    app.include_router(review_pages.router)
    app.include_router(health.router)
    app.add_middleware(Guard, hosts=hosts, gate=gate, max_body=api.MAX_BODY)
    app.add_middleware(HeadAsGet)  # outermost, so the guard's refusals lose their body on HEAD too

    @app.exception_handler(TollwatchError)
    async def refused(request: Request, exc: TollwatchError) -> Response:
        return error_response(request, status_of(exc), str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors())
        return error_response(request, 422, problems)

    return app
