"""Fetch reports over HTTP(S) politely and safely, so the same code can sit behind a web server.

Safety: only http(s); no private, loopback or link-local addresses unless allowed (checked
again on every redirect); a size cap enforced while streaming; a redirect cap.
Politeness: a descriptive User-Agent; robots.txt honoured per host (RFC 9309: a missing file
allows everything, an unreachable one disallows); transient failures (connection errors,
429 and 5xx) retried with exponential backoff, honouring Retry-After.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from tollwatch import __version__
from tollwatch.errors import FetchError

USER_AGENT = f"tollwatch/{__version__} (+casualty-ledger research; respects robots.txt)"
ROBOTS_AGENT = "tollwatch"
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str            # the URL asked for
    final_url: str      # after redirects
    body: bytes
    content_type: str   # lower-case media type, no parameters


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise FetchError unless `url` is http(s) and (unless allowed) resolves only to public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"only http and https URLs can be fetched, not {parts.scheme or 'a bare path'}")
    if not parts.hostname:
        raise FetchError(url, "URL has no host name")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        raise FetchError(url, f"host {parts.hostname} could not be resolved; check the URL or your network") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(url, f"refusing to fetch from a private or local address ({address}); "
                                  "pass --allow-private if you mean it")


class Fetcher:
    """One HTTP client with its robots.txt cache; use as a context manager."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 20.0, max_bytes: int = 10 * 1024 * 1024,
                 max_redirects: int = 5, retries: int = 2, backoff: float = 1.0, respect_robots: bool = True) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.retries = retries
        self.backoff = backoff
        self.respect_robots = respect_robots
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                                    headers={"User-Agent": USER_AGENT}, follow_redirects=False)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        """The body at `url`; raises FetchError with a message naming the URL."""
        current = url
        for _ in range(self.max_redirects + 1):
            check_url(current, self.allow_private)
            if self.respect_robots and not self._robots_allow(url, current):
                raise FetchError(url, "robots.txt of this site disallows fetching it")
            got = self._get(url, current)
            if isinstance(got, str):  # a redirect: follow it only after checking the target too
                current = got
                continue
            return got
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    def _get(self, url: str, current: str) -> Fetched | str:
        """The response at `current`, or the target it redirects to."""
        for attempt in range(self.retries + 1):
            try:
                with self._client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        return str(response.url.join(response.headers["location"]))
                    if response.status_code in RETRY_STATUSES and attempt < self.retries:
                        self._sleep(attempt, response.headers.get("retry-after"))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"server answered HTTP {response.status_code}")
                    return Fetched(url, current, self._read(url, response), _media_type(response))
            except httpx.TimeoutException:
                raise FetchError(url, "timed out; the server is slow or unreachable") from None
            except httpx.TransportError as e:
                if attempt < self.retries:
                    self._sleep(attempt, None)
                    continue
                raise FetchError(url, f"could not connect: {e}") from None
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _read(self, url: str, response: httpx.Response) -> bytes:
        limit = self.max_bytes
        declared = int(response.headers.get("content-length") or 0)
        if declared > limit:
            raise FetchError(url, f"response is {declared:,} bytes, over the {limit:,}-byte limit")
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > limit:
                raise FetchError(url, f"response exceeds the {limit:,}-byte limit")
        return bytes(body)

    def _sleep(self, attempt: int, retry_after: str | None) -> None:
        delay = self.backoff * 2 ** attempt
        if retry_after and retry_after.strip().isdigit():
            delay = min(float(retry_after), 30.0)
        time.sleep(delay)

    def _robots_allow(self, url: str, current: str) -> bool:
        parts = urlsplit(current)
        root = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(root)
        if parser is None:
            parser = self._robots[root] = self._load_robots(url, root)
        return parser.can_fetch(ROBOTS_AGENT, current)

    def _load_robots(self, url: str, root: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            response = self._client.get(root + "/robots.txt")
        except httpx.TimeoutException:
            raise FetchError(url, "timed out; the server is slow or unreachable") from None
        except httpx.HTTPError as e:
            raise FetchError(url, f"could not connect: {e}") from None
        if response.status_code >= 500:
            parser.parse(["User-agent: *", "Disallow: /"])  # RFC 9309 2.3.1.4: unreachable means disallowed
        elif response.status_code >= 400:
            parser.parse([])  # no robots.txt: everything allowed
        else:
            parser.parse(response.text[:500_000].splitlines())
        return parser


def _media_type(response: httpx.Response) -> str:
    return str(response.headers.get("content-type", "")).split(";")[0].strip().lower()

