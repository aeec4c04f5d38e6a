"""Fetch a report over HTTP(S) with a timeout, a size cap, capped redirects and no private
addresses (unless allowed), so the same code is safe behind a web server."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

from tollwatch import __version__
from tollwatch.errors import FetchError

USER_AGENT = f"tollwatch/{__version__} (+casualty-ledger research; respects robots.txt)"
MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_REDIRECTS = 5


def check_url(url: str, allow_private: bool = False) -> None:
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


def fetch_url(url: str, allow_private: bool = False) -> tuple[bytes, str, str]:
    """(body, content type, final URL). Raises FetchError with a message naming the URL."""
    current = url
    with httpx.Client(timeout=TIMEOUT, headers={"User-Agent": USER_AGENT}, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = str(response.url.join(response.headers["location"]))
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"server answered HTTP {response.status_code}")
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > MAX_BYTES:
                        raise FetchError(url, f"response is {declared // 1_000_000} MB, over the {MAX_BYTES // 1_000_000} MB limit")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > MAX_BYTES:
                            raise FetchError(url, f"response exceeds the {MAX_BYTES // 1_000_000} MB limit")
                    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    return bytes(body), content_type, str(response.url)
            except httpx.TimeoutException:
                raise FetchError(url, "timed out; the server is slow or unreachable") from None
            except httpx.HTTPError as e:
                raise FetchError(url, f"could not fetch: {e}") from None
    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
