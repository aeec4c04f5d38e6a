"""Fetching and feeds against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tollwatch.errors import FetchError, UnreadableInput
from tollwatch.ingest import iter_documents
from tollwatch.ingest.feeds import feed_entries
from tollwatch.ingest.fetch import Fetcher, check_url
from tollwatch.models import Document


@pytest.fixture
def fetcher():
    with Fetcher(allow_private=True, timeout=1.0, max_bytes=1_000_000, backoff=0.01) as f:
        yield f


def test_fetches_a_page_with_its_media_type(site, fetcher):
    got = fetcher.fetch(f"{site}/news/wire-story.html")
    assert got.content_type == "text/html"
    assert b"Qamar" in got.body


def test_follows_redirects_and_reports_the_final_url(site, fetcher):
    got = fetcher.fetch(f"{site}/moved")
    assert got.final_url == f"{site}/news/ministry-update.html"


def test_404_is_a_clear_error(site, fetcher):
    with pytest.raises(FetchError, match=r"/nowhere: server answered HTTP 404"):
        fetcher.fetch(f"{site}/nowhere")


def test_slow_server_times_out(site, fetcher):
    with pytest.raises(FetchError, match="timed out"):
        fetcher.fetch(f"{site}/slow")


def test_huge_response_is_cut_off_at_the_limit(site, fetcher):
    with pytest.raises(FetchError, match="exceeds the 1,000,000-byte limit"):
        fetcher.fetch(f"{site}/huge")


def test_transient_503_is_retried(site, fetcher):
    assert b"At least 3 people" in fetcher.fetch(f"{site}/flaky").body


def test_robots_txt_is_respected(site, fetcher):
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.fetch(f"{site}/private/page.html")


def test_unreachable_host_is_a_clear_error(fetcher):
    with pytest.raises(FetchError, match="127.0.0.1:9/x: could not connect"):
        fetcher.fetch("http://127.0.0.1:9/x")


@pytest.mark.parametrize("url, reason", [
    ("file:///etc/passwd", "only http and https"),
    ("ftp://example.org/x", "only http and https"),
    ("http://127.0.0.1/admin", "private or local address"),
    ("http://[::1]/admin", "private or local address"),
    ("http://10.0.0.8/", "private or local address"),
    ("http://169.254.169.254/latest/meta-data/", "private or local address"),
])
def test_refuses_unsafe_urls_without_allow_private(url, reason):
    with pytest.raises(FetchError, match=reason):
        check_url(url)


def test_feed_entries_are_each_fetched_and_dated(site):
    with Fetcher(allow_private=True, timeout=2.0, backoff=0.01) as f:
        items = list(iter_documents([f"{site}/feed.xml"], fetcher=f))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if not isinstance(i, Document)]
    assert len(docs) == 3
    assert {d.site_name for d in docs} == {"The Daily Ledger", "Regional Herald"}
    assert docs[0].url == "https://daily-ledger.example/world/border-town-shelling"  # canonical
    assert docs[0].published == "2025-04-12" and docs[0].media_type == "text/html"
    assert docs[0].raw and docs[0].raw.startswith(b"<!DOCTYPE html>")
    assert [str(e) for e in errors] == [f"{site}/news/gone.html: server answered HTTP 404"]


def test_boilerplate_is_dropped_from_pages(site):
    with Fetcher(allow_private=True) as f:
        (doc,) = iter_documents([f"{site}/news/wire-story.html"], fetcher=f)
    assert "At least 14 civilians were killed" in doc.text
    for junk in ("Similar Posts", "Leave a comment", "Subscribe", "cookies", "rights reserved"):
        assert junk not in doc.text


def test_entity_expansion_in_a_feed_is_refused(site):
    with Fetcher(allow_private=True) as f:
        (error,) = iter_documents([f"{site}/bomb.xml"], fetcher=f)
    assert isinstance(error, UnreadableInput) and "entities" in str(error)


def test_feed_file_on_disk(tmp_path, site):
    feed = tmp_path / "ledger.atom"
    feed.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>Update</title><link href="{site}/news/ministry-update.html"/><updated>2025-04-13T08:00:00Z</updated></entry>
</feed>""", encoding="utf-8")
    with Fetcher(allow_private=True) as f:
        (doc,) = iter_documents([str(feed)], fetcher=f)
    assert doc.title == "Toll from Qamar attack rises to 19"


def test_broken_feed_is_a_clear_error(tmp_path):
    feed = tmp_path / "broken.rss"
    feed.write_bytes(b'<?xml version="1.0"?><rss><channel><item><link>http://x')
    with pytest.raises(UnreadableInput, match="broken.rss: not a well-formed feed"):
        feed_entries(feed.read_bytes(), str(feed))


def test_figures_in_a_sites_own_voice_are_the_outlets(site):
    from tollwatch.extract import extract_document

    with Fetcher(allow_private=True) as f:
        (doc,) = iter_documents([f"{site}/news/ministry-update.html"], fetcher=f)
    title_claim = next(c for c in extract_document(doc) if c.start < len(doc.title))
    assert (title_claim.source.name, title_claim.source.source_id, title_claim.source.kind) == \
        (None, "daily-ledger", "outlet")


# --- a hostile server: each endpoint bounded, so a test cannot hang on it ------------------------

class _Hostile(BaseHTTPRequestHandler):
    robots_sent = 0
    robots_done = threading.Event()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        try:
            if self.path == "/trickle":  # a byte a second, 30 at most
                self._start("text/plain")
                for _ in range(30):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(1)
            elif self.path == "/robots.txt":  # 64 MB, of which only the first line matters
                self._start("text/plain")
                self.wfile.write(b"User-agent: *\nDisallow: /private/\n")
                for _ in range(1024):
                    self.wfile.write(b"#" * 65536)
                    type(self).robots_sent += 65536
            elif self.path == "/host":  # what the client said it was asking
                body = self.headers["Host"].encode()
                self._start("text/plain", len(body))
                self.wfile.write(body)
            else:
                self.send_error(404)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            if self.path == "/robots.txt":
                type(self).robots_done.set()

    def _start(self, content_type: str, length: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_trickling_server_cannot_outlast_the_deadline(hostile):
    started = time.monotonic()
    with Fetcher(allow_private=True, timeout=5.0, deadline=2.5, respect_robots=False) as f, \
            pytest.raises(FetchError, match=r"/trickle: took longer than the 2.5-second limit for one fetch"):
        f.fetch(f"{hostile}/trickle")  # each byte comes well within the 5-second read timeout
    assert time.monotonic() - started < 5


def test_robots_txt_is_read_up_to_its_cap_and_no_further(hostile):
    with Fetcher(allow_private=True, deadline=60) as f:
        with pytest.raises(FetchError, match="robots.txt of this site disallows"):
            f.fetch(f"{hostile}/private/page.html")  # the first line of robots.txt still counts
        assert f.fetch(f"{hostile}/host").body == hostile.removeprefix("http://").encode()
    assert _Hostile.robots_done.wait(10)
    assert _Hostile.robots_sent < 16 * 2 ** 20  # of 64 MiB: what the socket buffers took before it closed


# --- DNS: the address checked is the address connected to ---------------------------------------

PUBLIC = "93.184.216.34"  # stands in for a public server; connections to it reach the local one


def _resolver(answers: dict[str, list[list[str]]], lookups: list[str]):
    """A getaddrinfo giving each name its answers in turn (the last one repeated)."""
    def getaddrinfo(host, port, *args, **kwargs):
        if host == "127.0.0.1":  # the test's own connections to the local server
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (host, port))]
        lookups.append(host)
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        seen = lookups.count(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in answers[host][min(seen, len(answers[host])) - 1]]
    return getaddrinfo


def _connections(monkeypatch, local_port: int | None) -> list[tuple[str, int]]:
    """Record every TCP connection; one to PUBLIC goes to 127.0.0.1:local_port instead."""
    made: list[tuple[str, int]] = []
    real = socket.create_connection

    def create_connection(address, *args, **kwargs):
        made.append(address)
        if address[0] == PUBLIC and local_port is not None:
            return real(("127.0.0.1", local_port), *args, **kwargs)
        raise ConnectionRefusedError(f"test: no connection to {address}")

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return made


@pytest.mark.parametrize("answer", [["10.1.2.3"], [PUBLIC, "192.168.7.7"], ["127.0.0.1"], ["169.254.169.254"]])
def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch, answer):
    monkeypatch.setattr(socket, "getaddrinfo", _resolver({"intranet.example": [answer]}, []))
    made = _connections(monkeypatch, None)
    with Fetcher(backoff=0.01) as f, pytest.raises(FetchError, match=r"private or local address \((10|192|127|169)"):
        f.fetch("http://intranet.example/admin")
    assert made == []


def test_the_connection_goes_to_the_address_that_was_checked(monkeypatch, hostile):
    port = int(hostile.rsplit(":", 1)[1])
    lookups: list[str] = []
    # DNS rebinding: the name is public when checked, loopback when asked again
    monkeypatch.setattr(socket, "getaddrinfo", _resolver({"news.example": [[PUBLIC], ["127.0.0.1"]]}, lookups))
    made = _connections(monkeypatch, port)
    with Fetcher(respect_robots=False, backoff=0.01) as f:
        got = f.fetch(f"http://news.example:{port}/host")
    assert got.body == f"news.example:{port}".encode()  # the Host header names the site, not the address
    assert made == [(PUBLIC, port)] and lookups == ["news.example"]


def test_https_keeps_the_name_for_sni_and_the_certificate(monkeypatch, tmp_path):
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-subj", "/CN=news.example", "-addext", "subjectAltName=DNS:news.example", "-days", "1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    names: list[str | None] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        monkeypatch.setattr(socket, "getaddrinfo", _resolver({"news.example": [[PUBLIC], ["127.0.0.1"]]}, []))
        made = _connections(monkeypatch, port)
        monkeypatch.setattr(httpx, "create_ssl_context", lambda *a, **k: ssl.create_default_context(cafile=str(cert)))
        with Fetcher(respect_robots=False, backoff=0.01) as f:
            got = f.fetch(f"https://news.example:{port}/host")
    finally:
        server.shutdown()
        server.server_close()
    # connected to the checked address, yet TLS spoke to (and verified) the name
    assert made == [(PUBLIC, port)] and names == ["news.example"]
    assert got.body == f"news.example:{port}".encode()
