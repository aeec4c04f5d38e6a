"""The dashboard in a real browser: Playwright driving Debian's Chromium, headless, against a
live server on 127.0.0.1 with a seeded ledger. `apt-get install chromium` provides the browser
(.ci/run installs it). Without it these tests skip, saying so, except in CI (CI=true), where they
fail: a gate that cannot run must not pass. Set TOLLWATCH_SCREENSHOTS=1 to refresh docs/screenshots/."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import cannot_run

CHROMIUM = Path(os.environ.get("TOLLWATCH_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SCENARIO = Path(__file__).resolve().parents[1] / "src" / "tollwatch" / "examples" / "el-fasher-week.jsonl"



@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tollwatch.cli import example_paths
    from tollwatch.pipeline import ingest
    from tollwatch.store import Ledger
    from tollwatch.web import create_app

    db = str(tmp_path_factory.mktemp("browser") / "ledger.db")
    with Ledger(db) as ledger:
        ingest([str(SCENARIO), *example_paths()], ledger)
    yield from serving(create_app(db))


def serving(app: object) -> Iterator[str]:
    """`app` served by uvicorn on a free local port in a thread, for a fixture to yield from: its
    base URL, then a clean stop."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        cannot_run(f"needs Chromium at {CHROMIUM} (apt-get install chromium)", "browser tests")
    try:
        from playwright import sync_api
    except ImportError:
        cannot_run("needs Playwright (pip install -e '.[test]')", "browser tests")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []  # every URL the page asked for, to prove nothing left 127.0.0.1
    page.on("request", lambda r: page.requests.append(r.url))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    offsite = [u for u in page.requests if not u.startswith(server) and not u.startswith(("data:", "about:"))]
    assert not offsite, offsite
    assert not page.errors, page.errors
    context.close()


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if os.environ.get("TOLLWATCH_SCREENSHOTS"):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_overview_lists_tallies_and_discrepancies(page, server):
    page.goto(server + "/")
    assert page.locator("table.tallies tbody tr").count() >= 4
    assert page.get_by_text("civilians killed in El Fasher").first.is_visible()
    assert page.locator("ul.discrepancies li").count() >= 2
    _shot(page, "overview")
    page.fill("input[name=place]", "North Darfur")
    page.select_option("select[name=category]", "civilian")
    page.click("form.filters button")
    rows = page.locator("table.tallies tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert len(texts) >= 2 and all("El Fasher" in t and ("civilians" in t or "children" in t) for t in texts)


def test_timeline_shows_each_source_and_revisions(page, server):
    page.goto(server + "/timeline")
    assert page.locator("svg.chart polyline").count() >= 1
    assert page.locator("svg.chart circle[fill='#fff']").count() == 1  # the 40 -> 38 revision
    assert "Sudan Doctors Network" in page.locator("ul.legend").inner_text()
    _shot(page, "timeline")


def test_map_draws_incidents_over_outlines(page, server):
    page.goto(server + "/map")
    assert page.locator("svg.map path").count() > 5
    circles = page.locator("svg.map circle")
    assert circles.count() >= 1
    _shot(page, "map")
    circles.last.click()  # drawn last, on top: larger circles lie beneath smaller ones at one place
    page.wait_for_url("**/incidents/**")
    assert "How the numbers follow" in page.content()


def test_evidence_click_a_claim_and_see_its_record(page, server):
    page.goto(server + "/documents/toll-sat")
    claims = page.locator("a.claim")
    assert claims.count() == 2
    claims.first.click()
    record = page.locator("#record pre")
    record.wait_for()
    assert '"outcome": "killed"' in record.inner_text() and '"claim_id"' in record.inner_text()
    assert page.url.endswith("/documents/toll-sat")  # stayed on the page
    _shot(page, "evidence")


def test_tally_page_lists_claims_with_quotes(page, server):
    page.goto(server + "/timeline")
    page.click("h2 a")
    page.wait_for_url("**/tallies/**")
    assert page.locator("ul.claims li blockquote").count() >= 2
    assert "low" in page.locator("p.lede").inner_text()
    _shot(page, "tally")


def test_ingest_a_pasted_report_and_see_its_claims(page, server):
    page.goto(server + "/ingest")
    _shot(page, "ingest")
    page.fill("textarea[name=text]", "Gunmen killed 7 farmers near Maiduguri on Tuesday, a local official said. "
                                      "<script>document.title='pwned'</script>")
    page.fill("input[name=published]", "2025-07-02")
    page.click("form.ingest button")
    page.wait_for_url("**/documents/**")
    assert page.locator("a.claim").count() == 1 and page.locator("a.claim").inner_text() == "7"
    assert page.title() != "pwned" and "<script>document.title" in page.locator("#text").inner_text()


class _Attacker(BaseHTTPRequestHandler):
    """Pages on another origin that try to write to the dashboard as soon as they load."""

    target = ""
    marker = "Gunmen killed 99 villagers in Csrfville on Monday, police said."

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        json_text = '{"text": "%s", "x": "' % self.marker
        pages = {
            "/form": f'<form method="post" action="{self.target}/ingest" enctype="multipart/form-data">'
                     f'<textarea name="text">{self.marker}</textarea></form>',
            "/json-form": f'<form method="post" action="{self.target}/api/ingest/text" enctype="text/plain">'
                          f"<input name='{json_text}' value='\"}}'></form>",
            "/fetch": "",
        }
        script = ("fetch(%r, {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, "
                  "body: JSON.stringify({text: %r})}).finally(() => { document.title = 'sent'; });"
                  % (f"{self.target}/api/ingest/text", self.marker)) if self.path == "/fetch" else \
            "document.forms[0].submit();"
        body = f"<!doctype html><title>cute cats</title>{pages.get(self.path, '')}<script>{script}</script>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def attacker(server: str) -> Iterator[str]:
    """A second site, on another port of 127.0.0.1: another origin, though the same site."""
    handler = type("Attacker", (_Attacker,), {"target": server})
    site = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site.server_address[1]}"
    site.shutdown()
    site.server_close()


def test_a_page_on_another_origin_cannot_ingest(browser, server, attacker):  # type: ignore[no-untyped-def]
    import httpx

    def stored() -> int:
        return int(httpx.get(f"{server}/api/documents", timeout=10).json()["total"])

    before = stored()
    context = browser.new_context()
    page = context.new_page()
    answers: list[int] = []
    page.on("response", lambda r: answers.append(r.status) if r.request.method == "POST" else None)
    for path in ("/form", "/json-form"):
        page.goto(attacker + path)
        page.wait_for_url(f"{server}/**")  # the browser followed the form to the dashboard's answer
        page.wait_for_load_state()
        assert "another site" in page.content()
    page.goto(attacker + "/fetch")
    page.wait_for_function("document.title === 'sent'")
    context.close()
    assert answers == [403, 403, 403]
    assert stored() == before
    found = httpx.get(f"{server}/api/claims", params={"source": "police", "limit": 1000}, timeout=10).json()["items"]
    assert not any("Csrfville" in c["quote"] for c in found)
