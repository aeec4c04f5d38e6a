"""Accounts, roles and reviews over the REST API and the dashboard's forms, in process, against a
real SQLite ledger: who may read, review and manage users; login sessions; the review queue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.test_review import REPORTS
from tollwatch.pipeline import ingest
from tollwatch.store import Ledger
from tollwatch.store.accounts import add_user
from tollwatch.web import create_app


@pytest.fixture
def db(tmp_path: Path, db_url: str) -> str:
    """The reports ingested into a fresh ledger: SQLite, and PostgreSQL when TOLLWATCH_TEST_PG is set."""
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    with Ledger(db_url) as ledger:
        ingest([str(path)], ledger)
    return db_url


@pytest.fixture
def tokens(db: str) -> dict[str, str]:
    with Ledger(db) as ledger:
        return {role: add_user(ledger, role[:3] + "-user", role) for role in ("viewer", "reviewer", "admin")}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def claim_of(client: TestClient, headers: dict[str, str], doc: str, words: str) -> str:
    found = client.get("/api/claims", params={"doc": doc}, headers=headers).json()["items"]
    return next(c["claim_id"] for c in found if c["count"]["text"] == words)


def test_reads_need_a_login_once_users_exist(db: str, tokens: dict[str, str]):
    client = TestClient(create_app(db), base_url="http://localhost")
    refused = client.get("/api/tallies")
    assert refused.status_code == 401 and set(refused.json()) == {"error"}
    page = client.get("/tallies/x?y=1", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/tallies/x%3Fy%3D1"
    assert client.get("/login").status_code == 200 and client.get("/static/style.css").status_code == 200
    assert client.get("/api/tallies", headers=bearer(tokens["viewer"])).status_code == 200
    assert client.get("/api/tallies", headers=bearer(tokens["viewer"] + "x")).status_code == 401
    public = TestClient(create_app(db, public_read=True), base_url="http://localhost")
    assert public.get("/api/tallies").status_code == 200 and public.get("/").status_code == 200
    claim = claim_of(public, {}, "harbour-sun", "14")
    assert public.post(f"/api/claims/{claim}/reviews", json={"action": "confirm"}).status_code == 401


def test_roles_viewer_cannot_review_reviewer_cannot_add_users(db: str, tokens: dict[str, str]):
    client = TestClient(create_app(db), base_url="http://localhost")
    viewer, reviewer, admin = (bearer(tokens[r]) for r in ("viewer", "reviewer", "admin"))
    claim = claim_of(client, viewer, "harbour-sun", "14")
    body = {"action": "correct", "set": {"count": "16"}, "note": "hospital list"}
    refused = client.post(f"/api/claims/{claim}/reviews", json=body, headers=viewer)
    assert refused.status_code == 403 and "needs reviewer" in refused.json()["error"]
    assert client.post(f"/api/claims/{claim}/reviews", json=body, headers=reviewer).status_code == 200
    new_user = {"name": "sam", "role": "viewer"}
    assert client.post("/api/users", json=new_user, headers=reviewer).status_code == 403
    assert client.get("/api/users", headers=reviewer).status_code == 403
    added = client.post("/api/users", json=new_user, headers=admin)
    assert added.status_code == 200 and added.json()["token"].startswith("tw_")
    assert client.get("/api/tallies", headers=bearer(added.json()["token"])).status_code == 200
    assert client.post("/api/users", json=new_user, headers=admin).status_code == 422  # taken
    names = {u["name"]: u["role"] for u in client.get("/api/users", headers=admin).json()["items"]}
    assert names["sam"] == "viewer" and names["rev-user"] == "reviewer"
    server_token = TestClient(create_app(db, token="s3cret"), base_url="http://localhost")
    assert server_token.post("/api/users", json={"name": "kim", "role": "reviewer"},
                             headers=bearer("s3cret")).status_code == 200


def test_reviews_over_the_api_change_tallies_history_and_queue(db: str, tokens: dict[str, str]):
    client = TestClient(create_app(db), base_url="http://localhost")
    reviewer = bearer(tokens["reviewer"])
    queue = client.get("/api/reviews/queue", headers=reviewer).json()
    assert queue["total"] == 4
    assert queue["items"][0]["why"] == "behind an open discrepancy"  # 14 against 15 civilians
    medics, fighters = claim_of(client, reviewer, "harbour-sun", "14"), claim_of(client, reviewer, "harbour-sun", "Nine")
    answer = client.post(f"/api/claims/{medics}/reviews", json={"action": "correct", "set": {"count": "16"},
                                                                "note": "hospital list"}, headers=reviewer)
    assert answer.json()["status"] == "corrected" and answer.json()["current"]["count"]["best"] == 16
    client.post(f"/api/claims/{fighters}/reviews", json={"action": "reject", "note": "unsourced"}, headers=reviewer)
    tallies = client.get("/api/tallies", headers=reviewer).json()["items"]
    civilians = next(t for t in tallies if t["category"] == "civilian" and t["kind"] == "period")
    assert (civilians["high"], civilians["reviewed"]) == (16, 1)
    assert not any(t["category"] == "combatant" for t in tallies)
    assert client.get(f"/api/claims/{medics}", headers=reviewer).json()["evidence"]["review"]["status"] == "corrected"
    history = client.get(f"/api/claims/{medics}/history", headers=reviewer).json()
    assert [(r["reviewer"], r["note"]) for r in history["reviews"]] == [("rev-user", "hospital list")]
    assert client.get("/api/reviews/queue", headers=reviewer).json()["total"] == 2
    evidence = client.get("/documents/harbour-sun", headers=reviewer).text
    assert 'data-review="corrected"' in evidence and 'data-review="rejected"' in evidence
    bad = client.post(f"/api/claims/{medics}/reviews", json={"action": "correct", "set": {"low": "99"}}, headers=reviewer)
    assert bad.status_code == 422 and "low ≤ best ≤ high" in bad.json()["error"]
    missing = client.post("/api/claims/clm-nope/reviews", json={"action": "confirm"}, headers=reviewer)
    assert missing.status_code == 404 and set(missing.json()) == {"error"}
    assert client.get("/api/reviews/orphans", headers=reviewer).json()["total"] == 0


def _login(client: TestClient, name: str, token: str, next_path: str = "/") -> object:
    form = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    return client.post("/login", data={"csrf": csrf, "name": name, "token": token, "next": next_path},
                       follow_redirects=False)


def test_login_sets_a_secure_http_only_session_and_logout_ends_it(db: str, tokens: dict[str, str]):
    client = TestClient(create_app(db), base_url="https://localhost")
    assert _login(client, "rev-user", tokens["viewer"]).status_code == 401  # another user's token
    no_csrf = client.post("/login", data={"name": "rev-user", "token": tokens["reviewer"]}, follow_redirects=False)
    assert no_csrf.status_code == 403
    answer = _login(client, "rev-user", tokens["reviewer"], "//evil.example/")
    assert answer.status_code == 303 and answer.headers["location"] == "/"  # never off to another site
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("tollwatch_session="))
    assert "HttpOnly" in cookie and "Secure" in cookie and "samesite=lax" in cookie.lower()
    overview = client.get("/")
    assert overview.status_code == 200 and "rev-user (reviewer)" in overview.text
    session = client.cookies.get("tollwatch_session")
    csrf = re.search(r'name="csrf" value="([^"]+)"', overview.text).group(1)
    assert client.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    client.cookies.set("tollwatch_session", session)  # the old cookie, replayed: the server forgot it
    assert client.get("/", follow_redirects=False).headers["location"] == "/login?next=/"


def test_a_correction_made_in_the_review_form_shows_on_the_tally_page(db: str, tokens: dict[str, str]):
    client = TestClient(create_app(db), base_url="http://localhost")
    _login(client, "rev-user", tokens["reviewer"])
    queue = client.get("/review")
    first = re.search(r'id="next" href="/review/(clm-[0-9a-f]+)"', queue.text).group(1)
    page = client.get(f"/review/{first}")
    assert page.status_code == 200 and 'id="correct"' in page.text and "selected" in page.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    assert client.post(f"/review/{first}", data={"action": "correct", "best": "16"}).status_code == 403  # no csrf
    done = client.post(f"/review/{first}", data={"csrf": csrf, "action": "correct", "count": "", "low": "16",
                                                 "best": "16", "high": "16", "note": "morgue list"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/review/clm-")
    assert done.headers["location"] != f"/review/{first}"  # on to the next claim
    refused = client.post(f"/review/{first}", data={"csrf": csrf, "action": "correct", "low": "99"})
    assert refused.status_code == 422 and "low ≤ best ≤ high" in refused.text
    tally = next(t for t in client.get("/api/tallies").json()["items"] if t["category"] == "civilian")
    assert "16" in client.get(f"/tallies/{tally['tally_id']}").text
    assert "1 of 2 figures reviewed" in client.get(f"/tallies/{tally['tally_id']}").text
    claim_page = client.get(f"/claims/{first}").text
    assert "corrected" in claim_page and "morgue list" in claim_page


def test_without_users_reads_stay_open_and_reviews_need_a_token(db: str):
    client = TestClient(create_app(db), base_url="http://localhost")
    assert client.get("/api/tallies").status_code == 200 and client.get("/review").status_code == 200
    claim = claim_of(client, {}, "harbour-sun", "14")
    assert client.post(f"/api/claims/{claim}/reviews", json={"action": "confirm"}).status_code == 401
    with_token = TestClient(create_app(db, token="s3cret"), base_url="http://localhost")
    answer = with_token.post(f"/api/claims/{claim}/reviews", json={"action": "confirm"}, headers=bearer("s3cret"))
    assert answer.status_code == 200 and answer.json()["review"]["reviewer"] == "server-token"


def test_with_accounts_ingest_needs_a_reviewer_not_the_servers_token(db: str, tokens: dict[str, str]):
    client = TestClient(create_app(db, token="s3cret"), base_url="http://localhost")
    text = {"text": "Gunmen killed 6 herders near Gao on Monday, police said."}
    assert client.post("/api/ingest/text", json=text, headers=bearer(tokens["viewer"])).status_code == 403
    assert client.post("/api/ingest/text", json=text, headers=bearer(tokens["reviewer"])).status_code == 200
    _login(client, "rev-user", tokens["reviewer"], "/ingest")
    form = client.get("/ingest").text
    assert 'name="token"' not in form  # the login stands for it
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    stored = client.post("/ingest", data={"csrf": csrf, "text": "Shelling killed 3 civilians in Goma on Sunday."},
                         follow_redirects=False)
    assert stored.status_code == 303 and stored.headers["location"].startswith("/documents/")


def test_a_ledger_failing_while_the_gate_reads_it_is_a_500_with_the_headers(db: str, monkeypatch: pytest.MonkeyPatch):
    import tollwatch.web.auth

    def broken(ledger: Ledger) -> bool:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(tollwatch.web.auth, "any_users", broken)
    client = TestClient(create_app(db), base_url="http://localhost", raise_server_exceptions=False)
    for path in ("/", "/api/tallies"):
        response = client.get(path)
        assert response.status_code == 500 and "went away" not in response.text
        assert "default-src 'self'" in response.headers["content-security-policy"]


def test_the_review_page_marks_a_same_figure_and_splits_an_incident(db: str, tokens: dict[str, str]):
    client = TestClient(create_app(db), base_url="http://localhost")
    _login(client, "rev-user", tokens["reviewer"])
    medics, observatory = (claim_of(client, {}, doc, words) for doc, words in
                           (("harbour-sun", "14"), ("harbour-observatory", "15")))
    page = client.get(f"/review/{observatory}").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    split = client.post(f"/review/{observatory}", data={"csrf": csrf, "action": "split"}, follow_redirects=False)
    assert split.status_code == 303 and len(client.get("/api/incidents").json()["items"]) == 2
    missing = client.post(f"/review/{observatory}", data={"csrf": csrf, "action": "same_as", "target": "clm-nope"})
    assert missing.status_code == 404 and "clm-nope: no such stored claim" in missing.text
    client.post(f"/review/{observatory}", data={"csrf": csrf, "action": "same_as", "target": medics,
                                                "note": "relayed"})
    civilians = [t for t in client.get("/api/tallies").json()["items"] if t["category"] == "civilian"]
    assert [(t["best"], len(t["sources"])) for t in civilians] == [(14, 1)]
    assert "same figure" in client.get(f"/claims/{observatory}").text
