"""The gate in front of the application. It is plain ASGI, so it sees each request before its
body is read and each response however it was made:

- only Host names the server is served as are answered (against DNS rebinding);
- a write (any method but GET, HEAD, OPTIONS) that a browser says comes from another site is
  refused, with or without a token (the forms carry a CSRF token as well: see csrf.py);
- a request needs the login, token and role that auth.py's Gate asks for, checked before a byte
  of the body is read; a logged-out browser asking for a page is sent to the login page;
- a request body is cut off at the cap while it streams in, never buffered whole;
- every response, a 500 included, carries the security headers.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tollwatch.errors import BodyTooLarge, CrossSiteRequest, RequestError, UnknownHost
from tollwatch.web.auth import Gate, LoginRequired, login_url
from tollwatch.web.errors import INTERNAL, error_response

LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
# Referrer-Policy same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" with our own forms
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "same-origin"}


def served_hosts(bind: str, port: int, extra: Iterable[str] = ()) -> list[str]:
    """The Host values of a server listening on `bind`:`port`: that address and the loopback
    names, with the port (and without it on port 80, as browsers send it), then `extra`."""
    bind = f"[{bind}]" if ":" in bind else bind
    names = dict.fromkeys((bind, *LOCAL_HOSTS))
    return [*(f"{n}:{port}" for n in names), *(names if port == 80 else ()), *extra]


class Guard:
    """`hosts` are names ("news.example.org": any port) or name:port pairs ("localhost:8000")."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str], gate: Gate, max_body: int) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)
        self.gate = gate
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        request = Request(scope)
        try:
            self._admit(request)
            # the user, for the handlers; the gate reads the ledger, so off the event loop
            scope.setdefault("state", {})["user"] = await run_in_threadpool(self.gate.admit, request)
            self._check_length(request)
        except LoginRequired as e:
            if request.url.path.startswith("/api/"):
                await error_response(request, e.status, str(e))(scope, receive, send_secured)
            else:
                await RedirectResponse(login_url(request), status_code=303)(scope, receive, send_secured)
            return
        except RequestError as e:
            await error_response(request, e.status, str(e))(scope, receive, send_secured)
            return
        except Exception:  # the ledger failed while the gate read it: a 500 with the headers, logged
            await error_response(request, 500, INTERNAL)(scope, receive, send_secured)
            raise
        try:
            await self.app(scope, self._capped(receive), send_secured)
        except Exception:
            if not started:
                await error_response(request, 500, INTERNAL)(scope, receive, send_secured)
            raise  # on to the server, which logs it

    def _admit(self, request: Request) -> None:
        host = request.headers.get("host", "")
        if not self._serves(host):
            raise UnknownHost(f"this server does not answer to the host name {host!r}; if that name is "
                              "really its own, start it with --allow-host NAME")
        if request.method in SAFE_METHODS:
            return
        if _cross_site(request, host):
            raise CrossSiteRequest("a page on another site cannot write to this ledger; use the dashboard's own "
                                   "ingest page, or send the request from a script")

    def _check_length(self, request: Request) -> None:
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            raise self._too_large()

    def _serves(self, host: str) -> bool:
        host = host.lower()
        name, _, port = host.rpartition(":")
        return host in self.hosts or (port.isdigit() and name in self.hosts)

    def _capped(self, receive: Receive) -> Receive:
        seen = 0

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                # an HTTPException, because FastAPI passes those on from a body read (others become a 400)
                raise HTTPException(413, str(self._too_large()))
            return message

        return capped

    def _too_large(self) -> BodyTooLarge:
        return BodyTooLarge(f"the request body is over the {self.max_body // 2**20} MB limit; "
                            "send a smaller file, or split it")


def _cross_site(request: Request, host: str) -> bool:
    """Whether the browser says this request comes from a page of another origin. Clients that
    are not browsers send neither header; the token is what stops those."""
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if site is not None and site not in ("same-origin", "none"):
        return True  # "same-site" too: another port on this host is another origin
    return origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != host.lower())
