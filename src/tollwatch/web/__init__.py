"""The web dashboard and REST API (FastAPI): `tollwatch serve`, or `create_app(db)` for any ASGI server.

Everything the pages need (styles, one small script, country outlines) is served by the
application itself; every response carries a Content-Security-Policy that allows nothing else.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from tollwatch import __version__
from tollwatch.store import Ledger
from tollwatch.web.state import LedgerState

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def create_app(db: str | None = None, token: str | None = None, allow_private: bool = False) -> FastAPI:
    from tollwatch.web import api, pages

    # FastAPI's /docs and /redoc pages load their scripts from a CDN, so they are off; the schema is at /openapi.json
    app = FastAPI(title="tollwatch", version=__version__, docs_url=None, redoc_url=None,
                  description="Casualty claims, tallies, incidents and discrepancies, each traced to its quotes.")
    app.state.ledger = LedgerState(Ledger(db))
    app.state.token = token
    app.state.allow_private = allow_private
    app.mount("/static", StaticFiles(directory=str(resources.files("tollwatch.web") / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)
        return pages.render(request, "error.html", exc.status_code, status=exc.status_code, message=str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"error": problems}, status_code=422)

    return app
