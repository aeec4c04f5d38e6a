"""Fetch reports over HTTP(S) politely and safely, so the same code can sit behind a web server.

Safety: only http(s); no private, loopback or link-local addresses unless allowed (checked
again on every redirect), and the connection goes to the address that was checked, never to a
second answer from DNS (which could be private: DNS rebinding); a size cap enforced while
streaming, on robots.txt too; a redirect cap; a deadline for the whole fetch, so a server
trickling a byte at a time cannot hold it open. Proxies from the environment are not used:
they would connect to addresses nobody checked.
Politeness: a descriptive User-Agent; robots.txt honoured per host (RFC 9309: a missing file
allows everything, an unreachable one disallows; rules read by protego, which matches `*` and `$`
and lets the longest matching rule decide, as the standard-library parser does not); transient failures (connection errors,
429 and 5xx) retried with exponential backoff, honouring Retry-After.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType

import httpcore
import httpx
from protego import Protego

from tollwatch import __version__
from tollwatch.errors import FetchError

USER_AGENT = f"tollwatch/{__version__} (+casualty-ledger research; respects robots.txt)"
log = logging.getLogger(__name__)
ROBOTS_AGENT = "tollwatch"
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 2.5: parse at least 500 KiB; what follows is ignored

Pins = dict[tuple[str, int], list[str]]  # (host, port) -> the addresses checked for it


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str            # the URL asked for
    final_url: str      # after redirects
    body: bytes
    content_type: str   # lower-case media type, no parameters
    etag: str | None = None            # validators for the next, conditional, request
    last_modified: str | None = None
    not_modified: bool = False         # a 304 to a conditional request: no body


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said of the copy already held (ETag, Last-Modified), to ask only for a newer one."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        return {k: v for k, v in (("If-None-Match", self.etag), ("If-Modified-Since", self.last_modified)) if v}


def check_url(url: str, allow_private: bool = False) -> list[str]:
    """The addresses `url`'s host resolves to; FetchError unless `url` is http(s) and (unless
    allowed) every address is public. With `allow_private`, nothing is resolved: []."""
    host, port = _origin(url)
    if allow_private:
        return []
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchError(url, f"host {host} could not be resolved; check the URL or your network") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise FetchError(url, f"refusing to fetch from a private or local address ({address}); "
                                  "pass --allow-private if you mean it")
    return addresses


def _origin(url: str) -> tuple[str, int]:
    """(host, port) as httpx will connect to them: the host IDNA-encoded, the port defaulted."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as e:
        raise FetchError(url, f"not a valid URL ({e})") from None
    if parsed.scheme not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs can be fetched, not {parsed.scheme or 'a bare path'}")
    if not parsed.host:
        raise FetchError(url, "URL has no host name")
    return parsed.raw_host.decode("ascii"), parsed.port or (443 if parsed.scheme == "https" else 80)


class _PinnedBackend(httpcore.SyncBackend):
    """Opens each TCP connection to an address check_url approved for that host, so DNS is
    asked once per fetch and its answer is the one checked. Hosts not checked are refused,
    unless private addresses are allowed (then nothing is checked, and DNS decides)."""

    def __init__(self, pins: Pins, allow_unchecked: bool) -> None:
        self.pins = pins
        self.allow_unchecked = allow_unchecked

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        addresses = self.pins.get((host, port))
        if addresses is None:
            if not self.allow_unchecked:
                raise httpcore.ConnectError(f"{host}:{port} was not checked before connecting")
            addresses = [host]
        error: Exception = httpcore.ConnectError(f"{host}:{port}: no address to connect to")
        for address in addresses:  # as socket.create_connection tries each address in turn
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        raise error


class _Deadline:
    """The time left for one fetch: its redirects, retries and robots.txt included."""

    def __init__(self, url: str, seconds: float) -> None:
        self.url, self.seconds = url, seconds
        self.ends = time.monotonic() + seconds

    def left(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise FetchError(self.url, f"took longer than the {self.seconds:g}-second limit for one fetch; "
                                       "the server is too slow")
        return left


class Fetcher:
    """One HTTP client with its robots.txt cache; use as a context manager. `timeout` bounds
    each connect and read, `deadline` the whole fetch."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 20.0, deadline: float = 120.0,
                 max_bytes: int = 10 * 1024 * 1024, max_redirects: int = 5, retries: int = 2, backoff: float = 1.0,
                 respect_robots: bool = True) -> None:
        self.allow_private = allow_private
        self.timeout = timeout
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.retries = retries
        self.backoff = backoff
        self.respect_robots = respect_robots
        self._robots: dict[str, Protego] = {}
        self._pins: Pins = {}
        transport = httpx.HTTPTransport()
        # httpx's transport with its connection pool made over the pinned backend (httpx has no
        # public way to give it one; the fetch tests fail if this stops taking effect)
        transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                                  network_backend=_PinnedBackend(self._pins, allow_private))
        self._client = httpx.Client(transport=transport, headers={"User-Agent": USER_AGENT}, follow_redirects=False,
                                    trust_env=False)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, validators: Validators | None = None) -> Fetched:
        """The body at `url`; raises FetchError with a message naming the URL. With `validators`
        the request is conditional, and an unchanged resource comes back `not_modified`."""
        deadline = _Deadline(url, self.deadline)
        current = url
        for _ in range(self.max_redirects + 1):
            self._check(current)
            if self.respect_robots and not self._robots_allow(url, current, deadline):
                raise FetchError(url, "robots.txt of this site disallows fetching it")
            got = self._get(url, current, deadline, validators.headers() if validators else {})
            if isinstance(got, str):  # a redirect: follow it only after checking the target too
                log.debug("%s: redirected to %s", current, got)
                current = got
                continue
            log.debug("%s: %d bytes of %s", current, len(got.body), got.content_type or "unknown type")
            return got
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> int:
        """POST `body` to `url`, checked as a fetch is (redirects are not followed, the answer's body
        is not read); the status. FetchError when it cannot be delivered."""
        deadline = _Deadline(url, self.deadline)
        self._check(url)
        try:
            with self._client.stream("POST", url, content=body, headers=headers,
                                     timeout=self._timeout(deadline)) as response:
                return response.status_code
        except httpx.TimeoutException:
            raise FetchError(url, "timed out; the server is slow or unreachable") from None
        except httpx.TransportError as e:
            raise FetchError(url, f"could not connect: {e}") from None

    def _check(self, url: str) -> None:
        addresses = check_url(url, self.allow_private)
        if addresses:
            self._pins[_origin(url)] = addresses

    def _timeout(self, deadline: _Deadline) -> httpx.Timeout:
        """Each read waits no longer than the fetch has left."""
        left = min(self.timeout, deadline.left())
        return httpx.Timeout(left, connect=min(left, 10.0))

    def _get(self, url: str, current: str, deadline: _Deadline, headers: dict[str, str]) -> Fetched | str:
        """The response at `current`, or the target it redirects to."""
        for attempt in range(self.retries + 1):
            try:
                with self._client.stream("GET", current, timeout=self._timeout(deadline), headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        return str(httpx.URL(current).join(response.headers["location"]))
                    if response.status_code == 304 and headers:
                        return Fetched(url, current, b"", _media_type(response), *_validators(response), True)
                    if response.status_code in RETRY_STATUSES and attempt < self.retries:
                        self._sleep(attempt, response.headers.get("retry-after"), deadline)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"server answered HTTP {response.status_code}")
                    body = self._read(url, response, self.max_bytes, deadline)
                    return Fetched(url, current, body, _media_type(response), *_validators(response))
            except httpx.TimeoutException:
                deadline.left()  # the deadline's message, when that is what ran out
                raise FetchError(url, "timed out; the server is slow or unreachable") from None
            except httpx.TransportError as e:
                if attempt < self.retries:
                    self._sleep(attempt, None, deadline)
                    continue
                raise FetchError(url, f"could not connect: {e}") from None
        raise AssertionError("unreachable: the last attempt returns or raises")

    @staticmethod
    def _read(url: str, response: httpx.Response, limit: int, deadline: _Deadline) -> bytes:
        declared = int(response.headers.get("content-length") or 0)
        if declared > limit:
            raise FetchError(url, f"response is {declared:,} bytes, over the {limit:,}-byte limit")
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > limit:
                raise FetchError(url, f"response exceeds the {limit:,}-byte limit")
            deadline.left()
        return bytes(body)

    def _sleep(self, attempt: int, retry_after: str | None, deadline: _Deadline) -> None:
        delay = self.backoff * 2 ** attempt
        if retry_after and retry_after.strip().isdigit():
            delay = min(float(retry_after), 30.0)
        if delay >= deadline.left():
            raise FetchError(deadline.url, f"the server asks to retry in {delay:g} seconds, after the "
                                           f"{deadline.seconds:g}-second limit for one fetch")
        time.sleep(delay)

    def _robots_allow(self, url: str, current: str, deadline: _Deadline) -> bool:
        parsed = httpx.URL(current)
        root = f"{parsed.scheme}://{parsed.netloc.decode('ascii')}"
        parser = self._robots.get(root)
        if parser is None:
            parser = self._robots[root] = self._load_robots(url, root, deadline)
        return bool(parser.can_fetch(current, ROBOTS_AGENT))

    def _load_robots(self, url: str, root: str, deadline: _Deadline) -> Protego:
        try:
            with self._client.stream("GET", root + "/robots.txt", timeout=self._timeout(deadline)) as response:
                if response.status_code >= 500:
                    rules = "User-agent: *\nDisallow: /"  # RFC 9309 2.3.1.4: unreachable means disallowed
                elif response.status_code >= 400:
                    rules = ""  # no robots.txt: everything allowed
                else:
                    rules = self._head(response, MAX_ROBOTS_BYTES, deadline).decode("utf-8", "replace")
        except httpx.TimeoutException:
            deadline.left()
            raise FetchError(url, "timed out; the server is slow or unreachable") from None
        except httpx.HTTPError as e:
            raise FetchError(url, f"could not connect: {e}") from None
        return Protego.parse(rules)

    @staticmethod
    def _head(response: httpx.Response, limit: int, deadline: _Deadline) -> bytes:
        """The first `limit` bytes of a body; the rest is never read."""
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) >= limit:
                break
            deadline.left()
        return bytes(body[:limit])


def _validators(response: httpx.Response) -> tuple[str | None, str | None]:
    """ETag and Last-Modified as sent, unless too long to be honest ones (they are stored and sent back)."""
    etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
    return (etag if etag and len(etag) <= 256 else None), (modified if modified and len(modified) <= 64 else None)


def _media_type(response: httpx.Response) -> str:
    return str(response.headers.get("content-type", "")).split(";")[0].strip().lower()
