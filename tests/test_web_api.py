"""The REST API with FastAPI's test client against a real SQLite ledger."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tollwatch.pipeline import ingest
from tollwatch.store import Ledger
from tollwatch.web import create_app

SCENARIO = Path(__file__).resolve().parents[1] / "src" / "tollwatch" / "examples" / "el-fasher-week.jsonl"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ledger.db")
    with Ledger(path) as ledger:
        ingest([str(SCENARIO)], ledger)
    return path


@pytest.fixture
def client(db: str) -> TestClient:
    return TestClient(create_app(db), base_url="http://localhost")


def test_tallies_filters_and_pages(client: TestClient):
    body = client.get("/api/tallies").json()
    assert body["total"] == 4 and len(body["items"]) == 4
    civilians = client.get("/api/tallies", params={"category": "civilian", "outcome": "killed"}).json()
    assert sorted(t["best"] for t in civilians["items"]) == [12, 30]
    assert client.get("/api/tallies", params={"place": "North Darfur", "limit": 1}).json()["total"] == 4
    assert client.get("/api/tallies", params={"place": "Khartoum"}).json()["total"] == 0
    assert client.get("/api/tallies", params={"from": "2025-05-04"}).json()["total"] == 1  # Monday's toll only
    page = client.get("/api/tallies", params={"limit": 2, "offset": 3}).json()
    assert (page["total"], len(page["items"]), page["offset"]) == (4, 1, 3)


def test_tally_and_incident_detail_trace_to_quotes(client: TestClient):
    tally_id = next(t["tally_id"] for t in client.get("/api/tallies").json()["items"] if t["best"] == 30)
    detail = client.get(f"/api/tallies/{tally_id}").json()
    assert "derived, not stated: 40 − 10 = 30" in detail["explanation"]
    assert any("including 10 soldiers" in c["quote"] for c in detail["claims"])
    [incident] = client.get("/api/incidents").json()["items"]
    detail = client.get(f"/api/incidents/{incident['incident_id']}").json()
    assert (detail["low"], detail["best"], detail["high"]) == (12, 12, 15)
    kinds = {d["kind"] for d in client.get("/api/discrepancies").json()["items"]}
    assert kinds == {"contradiction", "revised_down", "parts_exceed_whole"}


def test_documents_and_claims(client: TestClient):
    docs = client.get("/api/documents").json()
    assert docs["total"] == 5
    doc = client.get("/api/documents/toll-sat").json()
    assert doc["text"].startswith("El Fasher toll climbs") and len(doc["claims"]) == 2
    claims = client.get("/api/claims", params={"outcome": "killed", "limit": 2}).json()
    assert claims["total"] == 6 and len(claims["items"]) == 2
    one = claims["items"][0]
    assert client.get(f"/api/claims/{one['claim_id']}").json() == one
    derived = next(i for i in client.get("/api/tallies").json()["items"] if i["best"] == 30)["claim_ids"][0]
    assert client.get(f"/api/claims/{derived}").json()["evidence"]["rule"] == "remainder of a breakdown"


def test_errors_are_json_with_the_right_status(client: TestClient):
    for path in ("/api/claims/clm-nope", "/api/documents/nope", "/api/tallies/tly-nope"):
        response = client.get(path)
        assert response.status_code == 404 and "error" in response.json(), path
    response = client.get("/api/tallies", params={"outcome": "exploded"})
    assert response.status_code == 422 and "outcome must be one of" in response.json()["error"]
    response = client.get("/api/claims", params={"limit": 0})
    assert response.status_code == 422 and "limit" in response.json()["error"]
    response = client.post("/api/ingest/text", json={})
    assert response.status_code == 422 and "text" in response.json()["error"]


def test_ingest_text_and_file_then_see_the_claims(client: TestClient):
    response = client.post("/api/ingest/text", json={"text": "Gunmen killed 9 villagers in Zamfara on Monday, police said.",
                                                     "published": "2025-06-03", "title": "Zamfara raid"})
    assert response.status_code == 200, response.text
    [doc] = response.json()["documents"]
    assert doc["status"] == "new" and doc["claims"] == 1
    assert client.get(f"/api/documents/{doc['doc_id']}").json()["title"] == "Zamfara raid"
    upload = client.post("/api/ingest/file", files={"file": ("raid.html", b"<html><body><article><p>Gunmen abducted "
                                                     b"14 students from a school in Kaduna on Friday, police said.</p>"
                                                     b"</article></body></html>", "text/html")})
    assert upload.status_code == 200 and upload.json()["claims"] == 1
    assert client.get("/api/tallies", params={"outcome": "kidnapped"}).json()["items"][0]["best"] == 14
    bad = client.post("/api/ingest/file", files={"file": ("blob.txt", b"\x00\x01\x02binary", "text/plain")})
    assert bad.status_code == 400 and "blob.txt" in bad.json()["error"]


def test_token_guards_writes_only(db: str):
    client = TestClient(create_app(db, token="s3cret"), base_url="http://localhost")
    text = {"text": "Shelling killed 4 civilians in Goma on Sunday."}
    assert client.post("/api/ingest/text", json=text).status_code == 401
    assert client.post("/api/ingest/text", json=text, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/ingest/text", json=text, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert client.get("/api/tallies").status_code == 200


def test_ingest_url_refuses_private_addresses_unless_allowed(db: str, site: str):
    client = TestClient(create_app(db), base_url="http://localhost")
    response = client.post("/api/ingest/url", json={"url": f"{site}/news/wire-story.html"})
    assert response.status_code == 400 and "private" in response.json()["error"]
    allowed = TestClient(create_app(db, allow_private=True), base_url="http://localhost")
    response = allowed.post("/api/ingest/url", json={"url": f"{site}/news/wire-story.html"})
    assert response.status_code == 200 and response.json()["new_documents"] == 1


def test_report_text_is_escaped_and_csp_sent(client: TestClient):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)> Raiders killed 3 herders near Gao.'
    [doc] = client.post("/api/ingest/text", json={"text": hostile}).json()["documents"]
    page = client.get(f"/documents/{doc['doc_id']}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;alert" in page.text
    assert "<img src=x" not in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert client.get("/api/tallies").headers["x-content-type-options"] == "nosniff"


def test_pages_render(client: TestClient):
    for path in ("/", "/timeline", "/map", "/documents", "/documents/medics-thu", "/ingest", "/openapi.json"):
        assert client.get(path).status_code == 200, path
    assert "/api/tallies" in client.get("/openapi.json").json()["paths"]
    missing = client.get("/tallies/tly-nope")
    assert missing.status_code == 404 and "no such tally" in missing.text


def test_one_error_shape_over_every_endpoint(client: TestClient):
    """Every /api/ route, asked for something that is not there or with a bad parameter, answers
    {"error": "<one readable line>"} with a 4xx status."""
    paths = client.get("/openapi.json").json()["paths"]
    assert len(paths) >= 14
    seen = 0
    for path, methods in paths.items():
        for method, spec in methods.items():
            if method == "get" and "{" not in path and not spec.get("parameters"):
                continue  # nothing to get wrong
            if "{" in path:
                response = client.request(method, path.split("{")[0] + "does-not-exist")
            elif method == "post":
                response = client.post(path, json={"unexpected": True})
            else:
                response = client.get(path, params={"limit": "many", "q": ""})
            assert 400 <= response.status_code < 500, (method, path, response.status_code)
            body = response.json()
            assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"], (method, path, body)
            seen += 1
    assert seen >= 13


def test_writes_from_outside_the_server_show_up_at_once(db: str, client: TestClient, monkeypatch: pytest.MonkeyPatch):
    """The server reconciles once per ledger generation (incrementally): again after any write from
    the command line (ingest or re-extraction), never on a request that follows no write."""
    import tollwatch.pipeline
    from tollwatch.pipeline import reextract
    from tollwatch.reconcile.standing import Standing

    runs: list[int] = []
    update = Standing.update
    monkeypatch.setattr(Standing, "update", lambda *a: runs.append(1) or update(*a))

    def claim_ids() -> set[str]:
        return {c for t in client.get("/api/tallies").json()["items"] for c in t["claim_ids"]}

    before = claim_ids()
    assert claim_ids() == before and len(runs) == 1  # nothing written: the cached result answers
    with Ledger(db) as ledger:
        ingest([str(SCENARIO.parent / "disaster-and-ministry.jsonl")], ledger)  # as `tollwatch ingest` would
    assert claim_ids() > before and len(runs) == 2
    saturday = {c["claim_id"] for c in client.get("/api/documents/toll-sat").json()["claims"]}
    assert saturday & claim_ids()
    extract = tollwatch.pipeline.extract_document  # a new ruleset that no longer reads Saturday's report
    monkeypatch.setattr(tollwatch.pipeline, "extract_document", lambda doc: [] if doc.doc_id == "toll-sat"
                        else extract(doc))
    with Ledger(db) as ledger:
        reextract(ledger)  # as `tollwatch reextract` would
    assert not saturday & claim_ids() and len(runs) == 3


def _stored(client: TestClient) -> int:
    return client.get("/api/documents").json()["total"]


def test_ingest_by_url_reads_nothing_but_http_urls(client: TestClient, tmp_path: Path):
    """A file, folder, '-' or device named as a "URL" is refused unread: 422, nothing stored."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Gunmen killed 5 guards at the depot in Goma on Monday, police said.")
    before = _stored(client)
    for value in (str(secret), str(tmp_path), f"file://{secret}", "-", "secret.txt", "ftp://example.org/x.txt",
                  "http://", "http:///etc/passwd", "https://exa mple.org/", "javascript:alert(1)", "/dev/zero"):
        response = client.post("/api/ingest/url", json={"url": value})
        assert response.status_code == 422, (value, response.text)
        assert set(response.json()) == {"error"} and "http://" in response.json()["error"]
    assert _stored(client) == before
    form = _form_post(client, {"url": str(secret)})
    assert form.status_code == 422 and "http://" in form.text and form.headers["content-type"].startswith("text/html")
    assert _stored(client) == before


def test_the_url_reader_never_opens_a_path(tmp_path: Path):
    from tollwatch.errors import FetchError
    from tollwatch.ingest.fetch import Fetcher
    from tollwatch.ingest.files import iter_urls

    secret = tmp_path / "secret.txt"
    secret.write_text("Gunmen killed 5 guards at the depot in Goma on Monday, police said.")
    with Fetcher() as fetcher:
        [item] = iter_urls([str(secret)], None, fetcher)
    assert isinstance(item, FetchError) and "only http and https" in str(item)


def _form_post(client: TestClient, fields: dict[str, str], files: dict | None = None) -> object:
    """Post the ingest form as its page would: with the page's CSRF token and cookie."""
    page = client.get("/ingest")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    return client.post("/ingest", data={"csrf": token, **fields}, files=files or {"file": ("", b"")},
                       follow_redirects=False)


def test_the_ingest_form_needs_its_csrf_token(client: TestClient):
    text = {"text": "Gunmen killed 6 traders near Maiduguri on Tuesday, police said."}
    before = _stored(client)
    assert client.post("/ingest", data=text, files={"file": ("", b"")}).status_code == 403
    assert client.post("/ingest", data={"csrf": "0" * 64, **text}, files={"file": ("", b"")}).status_code == 403
    page = client.get("/ingest")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    assert "httponly" in page.headers["set-cookie"].lower() and "samesite=strict" in page.headers["set-cookie"].lower()
    other = TestClient(client.app, base_url="http://localhost")  # another browser: its own cookie
    refused = other.post("/ingest", data={"csrf": token, **text}, files={"file": ("", b"")})
    assert refused.status_code == 403 and "reload the ingest page" in refused.text
    assert _stored(client) == before
    taken = client.post("/ingest", data={"csrf": token, **text}, files={"file": ("", b"")}, follow_redirects=False)
    assert taken.status_code == 303 and _stored(client) == before + 1


def test_writes_from_another_site_are_refused(client: TestClient):
    text = {"text": "Gunmen killed 6 traders near Maiduguri on Tuesday, police said."}
    before = _stored(client)
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "http://localhost:8001"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                    {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost"}):
        response = client.post("/api/ingest/text", json=text, headers=headers)
        assert response.status_code == 403 and set(response.json()) == {"error"}, headers
        page = client.post("/ingest", data=text, headers=headers)
        assert page.status_code == 403 and "another site" in page.text, headers
    assert _stored(client) == before
    same = client.post("/api/ingest/text", json=text, headers={"Origin": "http://localhost",
                                                               "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200 and _stored(client) == before + 1  # the dashboard itself, or a script


def test_unknown_host_names_are_refused(db: str):
    from tollwatch.web.guard import served_hosts

    client = TestClient(create_app(db, hosts=served_hosts("127.0.0.1", 8000, ["news.example.org"])),
                        base_url="http://127.0.0.1:8000")
    assert client.get("/api/sources").status_code == 200
    for host in ("localhost:8000", "[::1]:8000", "news.example.org", "news.example.org:8443"):
        assert client.get("/api/sources", headers={"Host": host}).status_code == 200, host
    for host in ("attacker.example", "localhost:8001", "localhost", "127.0.0.1"):
        response = client.get("/api/sources", headers={"Host": host})
        assert response.status_code == 400 and "--allow-host" in response.json()["error"], host
    assert served_hosts("::1", 80) == ["[::1]:80", "localhost:80", "127.0.0.1:80", "[::1]", "localhost", "127.0.0.1"]


def test_dates_and_pages_are_validated(client: TestClient):
    bad = [("/api/tallies", {"from": "garbage"}), ("/api/tallies", {"to": "2025-13-01"}),
           ("/api/incidents", {"from": "2025-5-4"}), ("/api/incidents", {"from": "2025-05-05", "to": "2025-05-01"}),
           ("/api/tallies", {"offset": "-1"}), ("/api/tallies", {"offset": str(2**63)}),
           ("/api/claims", {"offset": str(2**63)}), ("/api/documents", {"offset": "99999999999999999999"}),
           ("/api/documents", {"limit": "0"}), ("/api/discrepancies", {"limit": "1001"}),
           ("/api/checks", {"offset": "1.5"})]
    for path, params in bad:
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, params, response.status_code)
        assert set(response.json()) == {"error"} and response.json()["error"], (path, params)
    assert "YYYY-MM-DD" in client.get("/api/tallies", params={"from": "garbage"}).json()["error"]
    assert client.get("/api/tallies", params={"from": "", "to": "2025-05-31"}).status_code == 200
    for path, params in [("/", {"from": "garbage"}), ("/timeline", {"to": "31/05/2025"}), ("/map", {"from": "x"}),
                         ("/documents", {"offset": "-1"}), ("/documents", {"offset": str(2**63)})]:
        page = client.get(path, params=params)
        assert page.status_code == 422 and page.headers["content-type"].startswith("text/html"), (path, params)
        assert "<h1>422</h1>" in page.text


def test_pasting_stored_text_keeps_its_title(client: TestClient):
    text = "Raiders killed 8 herders near Gao on Sunday, local officials said."
    first = client.post("/api/ingest/text", json={"text": text, "title": "Gao raid"}).json()["documents"][0]
    again = client.post("/api/ingest/text", json={"text": text, "title": "Renamed by a visitor"}).json()["documents"][0]
    assert again["status"] == "duplicate" and again["doc_id"] == first["doc_id"]
    assert client.get(f"/api/documents/{first['doc_id']}").json()["title"] == "Gao raid"


def test_a_500_carries_the_security_headers_and_no_traceback(db: str, monkeypatch: pytest.MonkeyPatch):
    from tollwatch.web.state import LedgerState

    def broken(self: LedgerState) -> None:
        raise RuntimeError(f"reconcile blew up reading {db}")

    monkeypatch.setattr(LedgerState, "result", broken)
    client = TestClient(create_app(db), base_url="http://localhost", raise_server_exceptions=False)
    for path, kind in (("/api/tallies", "application/json"), ("/", "text/html"), ("/tallies/tly-x", "text/html")):
        response = client.get(path)
        assert response.status_code == 500 and response.headers["content-type"].startswith(kind), path
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert "Traceback" not in response.text and "blew up" not in response.text and db not in response.text, path
    assert set(client.get("/api/tallies").json()) == {"error"}


def test_a_long_paste_in_the_form_is_stored_and_one_over_the_cap_shows_the_form(client: TestClient):
    text = "Shelling killed 4 civilians in Goma on Sunday, medics said. " + "The market was closed. " * 70_000
    assert len(text) > 1_500_000
    stored = _form_post(client, {"text": text})
    assert stored.status_code == 303, stored.text[:300]
    over = _form_post(client, {"text": "x" * (21 * 2**20)})
    assert over.status_code == 413 and over.headers["content-type"].startswith("text/html")
    assert "20 MB" in over.text and 'name="csrf"' in over.text  # the form again, with the message


def test_not_found_messages_never_show_where_the_ledger_is(client: TestClient, db: str):
    for path in ("/api/documents/nope", "/documents/nope", "/api/claims/clm-nope", "/claims/clm-nope",
                 "/api/tallies/tly-nope", "/tallies/tly-nope", "/incidents/inc-nope", "/no-such-page"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert db not in response.text and "ledger.db" not in response.text and "sqlite" not in response.text, path


def test_each_error_has_its_status_in_the_one_shape(db: str, monkeypatch: pytest.MonkeyPatch):
    """Every failure a client can cause is a TollwatchError with its own status: JSON under
    /api/, the message page elsewhere. The pages no longer turn every exception into a 404."""
    from tollwatch.store import Ledger as StoreLedger

    client = TestClient(create_app(db, token="s3cret"), base_url="http://localhost", raise_server_exceptions=False)
    auth = {"Authorization": "Bearer s3cret"}
    cases = [
        (client.get("/api/documents/nope"), 404),                                         # NotFound
        (client.get("/api/tallies", params={"place": "Qwxzyville"}), 404),                  # NotFound (place)
        (client.get("/api/tallies", params={"to": "soon"}), 422),                         # InvalidParameter
        (client.post("/api/ingest/text", json={"text": "x"}), 401),                       # Unauthorized
        (client.post("/api/ingest/text", json={"text": "x"}, headers={"Origin": "http://a.example", **auth}), 403),
        (client.get("/api/sources", headers={"Host": "a.example"}), 400),                 # UnknownHost
        (client.post("/api/ingest/text", content=b"{}", headers={"Content-Length": str(2**30), **auth}), 413),
        (client.post("/api/ingest/file", files={"file": ("a.txt", b"\x00\x01")}, headers=auth), 400),  # InputError
        (client.post("/api/ingest/text", json={"text": "x", "published": "someday"}, headers=auth), 422),
    ]
    for response, status in cases:
        assert response.status_code == status, (response.request.url, response.text)
        assert set(response.json()) == {"error"} and response.json()["error"], response.request.url

    def failing(self: StoreLedger, doc_id: str) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(StoreLedger, "document", failing)
    page = client.get("/documents/medics-thu")
    assert page.status_code == 500 and "disk on fire" not in page.text


def test_a_headline_figure_is_highlighted_in_the_title_not_the_text(client: TestClient):
    text = {"text": "The victims were taken to the district hospital, officials said.", "published": "2025-06-03",
            "title": "Four wounded in market blast in Gusau"}
    [doc] = client.post("/api/ingest/text", json=text).json()["documents"]
    assert doc["claims"] == 1
    page = client.get(f"/documents/{doc['doc_id']}").text
    heading = page[page.index("<h1>"):page.index("</h1>")]
    assert 'class="claim claim-injured"' in heading and ">Four</a>" in heading
    article = page[page.index('<article class="text"'):page.index("</article>")]
    assert "claim-injured" not in article and "The victims were taken" in article


def test_an_answer_asked_for_by_many_at_once_is_worked_out_once(db: str):
    import threading
    import time

    from tollwatch.web.state import LedgerState

    state = LedgerState(Ledger(db))
    result = state.result()
    made: list[int] = []

    def slow() -> str:
        made.append(1)
        time.sleep(0.2)
        return "answer"
    answers: list[str] = []
    threads = [threading.Thread(target=lambda: answers.append(state.memo(result, ("page",), slow))) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == ["answer"] * 6 and made == [1]
