"""The REST API with FastAPI's test client against a real SQLite ledger."""

from __future__ import annotations

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


def test_writes_from_outside_the_server_show_up_at_once(db: str, client: TestClient):
    from tollwatch.pipeline import reextract

    before = client.get("/api/tallies").json()["total"]
    with Ledger(db) as ledger:
        generation = ledger.generation()
        ingest([str(SCENARIO.parent / "disaster-and-ministry.jsonl")], ledger)  # as `tollwatch ingest` would
        assert ledger.generation() > generation
    assert client.get("/api/tallies").json()["total"] > before
    with Ledger(db) as ledger:
        generation = ledger.generation()
        reextract(ledger)  # same counts, new claims: the cache must still notice
        assert ledger.generation() > generation
