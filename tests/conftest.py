from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_cases(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def _span(text: str, anchor: str) -> tuple[int, int]:
    i = text.find(anchor)
    assert i >= 0, f"test anchor {anchor!r} not in text"
    return i, i + len(anchor)


def claim_at(claims, text: str, anchor: str):
    """The first claim whose count overlaps `anchor`'s first place in `text`, else None."""
    s, e = _span(text, anchor)
    hits = [c for c in claims if c.start < e and c.end > s]
    return hits[0] if hits else None


def check_case(case: dict, claims) -> None:
    """A golden extraction case (tests/cases/*.json) against the claims read from its text: each
    wanted claim at its anchor with the fields it gives, no claim on a "not" phrase, and no other
    claim unless "allow_extra"."""
    text = case["text"]
    matched = set()
    for want in case["claims"]:
        got = claim_at(claims, text, want["anchor"])
        assert got is not None, f"no claim at {want['anchor']!r}; got {[(c.count.text, c.outcome) for c in claims]}"
        matched.add(got.claim_id)
        assert got.outcome == want["outcome"]
        assert (got.count.low, got.count.high) == (want["low"], want["high"]), got.count
        for key, actual in (("category", got.victims.category), ("group", got.victims.group),
                            ("attributes", list(got.victims.attributes)),
                            ("modality", got.modality), ("scope", got.scope), ("manner", got.manner),
                            ("perpetrator", got.perpetrator.text if got.perpetrator else None),
                            ("actor_id", got.perpetrator.actor_id if got.perpetrator else None),
                            ("time_start", got.time.start if got.time else None),
                            ("time_end", got.time.end if got.time else None),
                            ("source_id", got.source.source_id),
                            ("place_id", got.location.place_id if got.location else None)):
            if key in want:
                assert actual == want[key], f"{key}: want {want[key]!r}, got {actual!r}"
        if "source" in want:
            assert got.source.name is not None and want["source"].lower() in got.source.name.lower(), \
                f"source: want {want['source']!r}, got {got.source.name!r}"
        if "part_of" in want:
            whole = claim_at(claims, text, want["part_of"])
            assert whole is not None and got.part_of == whole.claim_id, "part_of link missing"
            assert got.claim_id in whole.parts
    for phrase in case["not"]:
        s, e = _span(text, phrase)
        wrong = [c for c in claims if c.start < e and c.end > s]
        assert not wrong, f"{phrase!r} is not a casualty figure, got {wrong[0].count.text!r} {wrong[0].outcome}"
    if not case["allow_extra"]:
        extra = [c for c in claims if c.claim_id not in matched]
        assert not extra, f"unexpected claims: {[(c.count.text, c.outcome) for c in extra]}"


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "corpus" / "seed-article.txt").exists():
        pytest.skip("needs ../shared (the seed corpus), which is not beside this checkout")
    return SHARED


PAGES = Path(__file__).parent / "pages"


class _Site(BaseHTTPRequestHandler):
    """A small news site on 127.0.0.1: pages, a feed, robots.txt and misbehaving endpoints."""

    hits: dict[str, int] = {}

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        self.hits[path] = self.hits.get(path, 0) + 1
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/robots.txt":
            return self._send(b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path.startswith("/news/") and (PAGES / path[6:]).exists():
            return self._send((PAGES / path[6:]).read_bytes(), "text/html; charset=utf-8")
        if path == "/private/page.html":
            return self._send((PAGES / "wire-story.html").read_bytes(), "text/html")
        if path == "/feed.xml":
            items = "".join(
                f"<item><title>{name}</title><link>{base}/news/{name}</link>"
                f"<pubDate>Sat, 12 Apr 2025 10:00:00 GMT</pubDate></item>"
                for name in ("wire-story.html", "wire-story-syndicated.html", "ministry-update.html", "gone.html"))
            return self._send(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>{items}'
                              "</channel></rss>".encode(), "application/rss+xml")
        if path == "/bomb.xml":
            return self._send(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
                              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel>'
                              b"<item><title>&b;</title><link>http://127.0.0.1/x</link></item></channel></rss>",
                              "application/rss+xml")
        if path == "/slow":
            time.sleep(3)
            return self._send(b"too late", "text/plain")
        if path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"x" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if path == "/flaky":
            if self.hits[path] % 2 == 1:
                self.send_response(503)
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._send(b"At least 3 people were killed in the flood, officials said.", "text/plain")
        if path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/news/ministry-update.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        self.send_error(404)
        return None

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Newsroom:
    """A site on 127.0.0.1 whose pages a test rewrites between polls. Each page answers with an
    ETag and Last-Modified, and 304 to a request that names them; `hits` counts full answers
    and `not_modified` the 304s, by path."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.hits: dict[str, int] = {}
        self.not_modified: dict[str, int] = {}
        self.base = ""

    def put(self, path: str, body: str, content_type: str = "text/html; charset=utf-8") -> str:
        self.pages[path] = (body.encode("utf-8"), content_type)
        return self.base + path


def _newsroom_handler(room: Newsroom) -> type[BaseHTTPRequestHandler]:
    import hashlib

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            found = room.pages.get(self.path)
            if found is None:
                self.send_error(404)
                return
            body, content_type = found
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            modified = f"Mon, 10 Mar 2025 {len(body) % 24:02d}:00:00 GMT"
            if self.headers.get("If-None-Match") == etag:
                room.not_modified[self.path] = room.not_modified.get(self.path, 0) + 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            room.hits[self.path] = room.hits.get(self.path, 0) + 1
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def newsroom() -> Iterator[Newsroom]:
    room = Newsroom()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _newsroom_handler(room))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    room.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield room
    server.shutdown()
    server.server_close()


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def cannot_run(reason: str, gate: str, skip_reason: str | None = None) -> None:
    """A gate that cannot run here: outside CI it skips, saying why; in CI (CI=true) it fails,
    since a gate that vanishes proves nothing."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run the {gate}")
    pytest.skip(skip_reason or reason)


def run_tests(test_file: str, keyword: str, env: dict[str, str], ci: bool) -> subprocess.CompletedProcess[str]:
    """Run the tests of `test_file` matching `keyword` in a child pytest, as CI would when `ci`."""
    env = {k: v for k, v in env.items() if k != "CI"} | ({"CI": "true"} if ci else {})
    root = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", keyword,
                           str(root / "tests" / test_file)], env=env, cwd=root, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def pg_url() -> str:
    """A fresh, empty PostgreSQL database, when TOLLWATCH_TEST_PG names one. In CI (CI=true),
    where .ci/run starts one, its absence fails the test instead of skipping it."""
    url = os.environ.get("TOLLWATCH_TEST_PG")
    if not url:
        cannot_run("TOLLWATCH_TEST_PG is not set (.ci/run sets it from scripts/test-postgres.sh)", "PostgreSQL tests",
                   "set TOLLWATCH_TEST_PG=postgresql+psycopg://user:pass@host/db to run against PostgreSQL")
    _reset_postgres(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty ledger database: an SQLite file, and PostgreSQL when TOLLWATCH_TEST_PG names one."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return str(request.getfixturevalue("pg_url"))
