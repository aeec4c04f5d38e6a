"""CSRF tokens for the HTML forms: a signed double-submit cookie (OWASP's stateless pattern).

A browser that opens a form gets a random session cookie, and the form a hidden token: the
HMAC of that cookie under a key only this server process knows. A form is taken only when the
two agree. A page on another site can neither read the form's token nor make one for the
cookie it cannot see; the cookie is SameSite=Strict besides. This backs up the guard's
Origin / Sec-Fetch-Site check, for browsers that send neither.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from tollwatch.errors import CrossSiteRequest

COOKIE = "tollwatch_csrf"
FIELD = "csrf"


def session_of(request: Request) -> str:
    """The browser's session id: the one its cookie holds, or a new one."""
    return request.cookies.get(COOKIE) or new_session()


def new_session() -> str:
    return secrets.token_urlsafe(32)


def form_token(request: Request, session: str) -> str:
    """The token a form carries for `session`."""
    key: bytes = request.app.state.csrf_key
    return hmac.new(key, session.encode(), hashlib.sha256).hexdigest()


def keep(response: Response, request: Request, session: str) -> None:
    """Set (or refresh) the session cookie on the response that carries the form."""
    response.set_cookie(COOKIE, session, httponly=True, samesite="strict", secure=request.url.scheme == "https")


def check(request: Request, given: str, page: str = "the ingest page") -> None:
    session = request.cookies.get(COOKIE)
    if not session or not hmac.compare_digest(given.encode(), form_token(request, session).encode()):
        raise CrossSiteRequest("this form did not come from this dashboard, or it has expired; "
                               f"reload {page} and submit it again")

