"""Who is asking, and whether they may: accounts and roles in front of every request.

A request is made by a user when it carries `Authorization: Bearer TOKEN` (a user's API token,
or the server's own `--token`, which acts as an admin) or the session cookie of a dashboard
login. What it may do depends on the role it needs:

- reads need a login (viewer or above) once any user exists, unless the server was started
  with `--public-read`; before the first user is added they stay open, as they always were;
- reviews need the reviewer role, user management the admin role;
- ingest needs the reviewer role once any user exists; before that, the server's token when
  it has one (the ingest form carries it in its body, checked by the form's handler).

The guard (guard.py) asks `Gate.admit` before a byte of the body is read.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import quote

from starlette.requests import HTTPConnection, Request

from tollwatch.errors import Forbidden, Unauthorized
from tollwatch.store import Ledger
from tollwatch.store.accounts import User, any_users, by_session, by_token

SESSION_COOKIE = "tollwatch_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SERVER_TOKEN = User("server-token", "admin")  # who a request with the server's --token is
OPEN = ("/login", "/logout", "/static/")  # reachable logged out: the login form, and what it needs


class LoginRequired(Unauthorized):
    """A read that needs a login: the dashboard sends the browser to the login page."""


@dataclass(frozen=True, slots=True)
class Gate:
    ledger: Ledger
    token: str | None = None
    public_read: bool = False

    def admit(self, request: Request) -> User | None:
        """The user making `request`, if any; raises Unauthorized (no or a wrong login or token)
        or Forbidden (a role too low) when the request needs more. Blocking: it reads the ledger."""
        user = self.identify(request)
        needed = self.needs(request.method, request.url.path)
        if needed is None or (user is not None and user.can(needed)):
            return user
        if user is not None:
            raise Forbidden(f"{user.name} has the {user.role} role; this needs {needed} or above: an admin can "
                            f"give it with `tollwatch users add NAME --role {needed}`")
        if request.method in SAFE_METHODS:
            raise LoginRequired("log in first: this ledger is open to its users only; send 'Authorization: "
                                "Bearer TOKEN' with a token from `tollwatch users add`")
        raise Unauthorized("this server requires a token for writing: send 'Authorization: Bearer TOKEN', "
                           "or log in to the dashboard")

    def identify(self, request: HTTPConnection) -> User | None:
        given = request.headers.get("authorization")
        if given is not None:
            scheme, _, token = given.partition(" ")
            token = token.strip()
            if self.token and hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
                return SERVER_TOKEN
            user = by_token(self.ledger, token) if scheme.lower() == "bearer" else None
            if user is None:
                raise Unauthorized("this token is not right: send 'Authorization: Bearer TOKEN' with the token "
                                   "`tollwatch users add` printed, or the server's own")
            return user
        session = request.cookies.get(SESSION_COOKIE)
        return by_session(self.ledger, session) if session else None

    def needs(self, method: str, path: str) -> str | None:
        """The role a request needs; None when anyone may make it."""
        if path.startswith("/api/users"):
            return "admin"
        if path in OPEN[:2] or path.startswith(OPEN[2]):
            return None
        accounts = any_users(self.ledger)
        if method in SAFE_METHODS:
            return "viewer" if accounts and not self.public_read else None
        if path.startswith(("/api/ingest/", "/ingest")):
            return "reviewer" if accounts or (self.token and path.startswith("/api/")) else None
        return "reviewer"  # reviews, and any write to come


def login_url(request: HTTPConnection) -> str:
    """The login page, sending the browser back here once logged in."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/login?next={quote(here, safe='/')}"


def safe_next(value: str | None) -> str:
    """A path on this server to go to after logging in: never another site ('//evil', '/\\evil')."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")) or any(ord(c) < 32 for c in value):
        return "/"
    return value
