"""robots.txt as RFC 9309 reads it: `*` and `$` in paths, and the longest matching rule decides
(the standard-library parser ignores both and takes the first match)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tollwatch.errors import FetchError
from tollwatch.ingest.fetch import Fetcher

ROBOTS = b"""User-agent: *
Disallow: /news/
Allow: /news/public/
Disallow: /*.pdf$
Disallow: /*?session=
Disallow: /archive/
Allow: /archive/$
"""


class _Site(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = ROBOTS if self.path == "/robots.txt" else b"Gunmen killed 4 villagers, police said."
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path, allowed", [
    ("/news/public/raid.txt", True),    # the longer Allow wins over the Disallow listed first
    ("/news/raid.txt", False),
    ("/files/report.pdf", False),       # `*` and `$`
    ("/files/report.pdf?page=2", True),
    ("/page.txt?session=1", False),
    ("/archive/", True),                # `$`: only the folder itself
    ("/archive/2024/raid.txt", False),
    ("/other/page.txt", True),
])
def test_robots_rules_for_tollwatch(site: str, path: str, allowed: bool) -> None:
    with Fetcher(allow_private=True, timeout=2.0) as fetcher:
        if allowed:
            assert b"Gunmen" in fetcher.fetch(site + path).body
        else:
            with pytest.raises(FetchError, match="robots.txt of this site disallows fetching it"):
                fetcher.fetch(site + path)



def test_each_fetch_is_logged_for_verbose_runs(site: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("DEBUG", logger="tollwatch.ingest.fetch"), Fetcher(allow_private=True) as fetcher:
        fetcher.fetch(site + "/other/page.txt")
    assert f"{site}/other/page.txt: 39 bytes of text/plain" in caplog.messages
