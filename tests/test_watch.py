"""Watching feeds and pages, and the alerts that follow, against servers on 127.0.0.1 whose
content changes between polls: `watch --once` three times, a webhook receiver, an SMTP server."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tollwatch.alerts import Dispatcher, read_rules
from tollwatch.cli import main
from tollwatch.errors import ConfigError
from tollwatch.ingest.fetch import Fetcher
from tollwatch.ledger import Ledger
from tollwatch.models import Document
from tollwatch.watch import Watcher, parse_every
from tollwatch.web import create_app

SECRET = "s3cret-shared-with-the-receiver"
ATOM = "{http://www.w3.org/2005/Atom}"


def page(title: str, body: str) -> str:
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='Coast Wire'>"
            "<meta property='article:published_time' content='2025-03-10T08:00:00Z'></head>"
            f"<body><article><h1>{title}</h1><p>{body}</p><p>Rescue teams were still searching the area.</p>"
            "</article></body></html>")


def feed(base: str, entries: list[tuple[str, str]]) -> str:
    items = "".join(f"<item><title>{path}</title><link>{base}{path}</link><pubDate>{stamp}</pubDate></item>"
                    for path, stamp in entries)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Wire</title>{items}</channel></rss>'


class Received(list):
    """The POSTs a receiver got; `arrived` is set at each."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = threading.Event()


class _Hook(BaseHTTPRequestHandler):
    received: Received

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(204)
        self.end_headers()
        self.received.arrived.set()


@pytest.fixture
def hook() -> Iterator[tuple[str, Received]]:
    received = Received()
    handler = type("Hook", (_Hook,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp() -> Iterator[tuple[int, list[object]]]:
    from aiosmtpd.controller import Controller

    class Collect:
        def __init__(self) -> None:
            self.envelopes: list[object] = []

        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
            self.envelopes.append(envelope)
            return "250 OK"

    with socket.socket() as s:  # a free port: the controller needs one named
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, handler.envelopes
    controller.stop()


def rules_file(tmp_path: Path, hook_url: str, smtp_port: int) -> Path:
    path = tmp_path / "alerts.yaml"
    path.write_text(f"""
smtp: {{host: 127.0.0.1, port: {smtp_port}, sender: tollwatch@localhost}}
alerts:
  - when: discrepancy
    webhook: {hook_url}
  - when: threshold
    place: "Syria's coast"
    outcome: killed
    above: 500
    email: desk@example.org
  - when: new_incident
    min_killed: 10
""", encoding="utf-8")
    return path


def test_watch_once_stores_versions_and_sends_each_alert_once(tmp_path, newsroom, hook, smtp):
    hook_url, posts = hook
    smtp_port, mails = smtp
    db = str(tmp_path / "w.db")
    a = newsroom.put("/a.html", page("Coast toll", "The health ministry said more than 300 people were killed in "
                                                   "Latakia since Thursday."))
    newsroom.put("/b.html", page("Market strike", "Medics said 12 people were killed in an air strike on a market "
                                                  "in Idlib on Monday."))
    monday = "Mon, 10 Mar 2025 09:00:00 GMT"
    source = newsroom.put("/feed.xml", feed(newsroom.base, [("/a.html", monday), ("/b.html", monday)]),
                          "application/rss+xml")
    args = ["watch", source, "--db", db, "--once", "--alerts", str(rules_file(tmp_path, hook_url, smtp_port)),
            "--allow-private", "--pace", "0"]
    runner = CliRunner()

    first = runner.invoke(main, args, env={"TOLLWATCH_WEBHOOK_SECRET": SECRET})
    assert first.exit_code == 0, first.output
    assert f"{source}: fetched; 2 entries; 2 fetched, 0 unchanged, 2 new (0 new versions), 0 failed" in first.output
    assert posts == [] and mails == []  # no discrepancy yet, and 300 is not above 500

    # the page is revised in place, and a second source disagrees on the strike
    newsroom.put("/a.html", page("Coast toll", "The health ministry said the toll had risen to 524 people killed in "
                                               "Latakia."))
    newsroom.put("/c.html", page("Strike toll", "The civil defence said 30 people were killed in the air strike on a "
                                                "market in Idlib on Monday."))
    later = "Mon, 10 Mar 2025 12:00:00 GMT"
    newsroom.put("/feed.xml", feed(newsroom.base, [("/a.html", later), ("/b.html", monday), ("/c.html", later)]),
                 "application/rss+xml")
    second = runner.invoke(main, args, env={"TOLLWATCH_WEBHOOK_SECRET": SECRET})
    assert second.exit_code == 0, second.output
    assert "3 entries; 2 fetched, 1 unchanged, 2 new (1 new version), 0 failed" in second.output
    assert newsroom.hits["/b.html"] == 1  # stored and unchanged: not fetched again

    third = runner.invoke(main, args, env={"TOLLWATCH_WEBHOOK_SECRET": SECRET})
    assert third.exit_code == 0, third.output
    assert f"{source}: not modified" in third.output and newsroom.not_modified["/feed.xml"] == 1

    # one signed POST for the new contradiction, not two
    assert len(posts) == 1
    headers, body = posts[0]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-tollwatch-signature"], expected)
    alert = json.loads(body)
    assert alert["kind"] == "contradiction" and {q["source"] for q in alert["quotes"]} == {"Medics", "civil defence"}
    assert all(q["evidence"].startswith(("/claims/clm-", "/tallies/tly-")) for q in alert["quotes"])
    assert alert["evidence"][0].startswith("/tallies/tly-") and "cannot hold" in alert["reason"]
    # the threshold mail, once
    assert len(mails) == 1
    assert mails[0].rcpt_tos == ["desk@example.org"]
    assert b"above 500: best 524" in mails[0].content

    versions = json.loads(runner.invoke(main, ["show", "--db", db, a, "--versions", "--format", "json"]).output)
    assert [v["version"] for v in versions] == [1, 2] and versions[1]["changed"] == 1

    client = TestClient(create_app(db), base_url="http://localhost")
    timeline = client.get("/timeline").text
    assert "Revisions" in timeline and "more than 300" in timeline
    atom = client.get("/alerts.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(atom.content)
    assert root.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{element}").text
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) >= 3
    for entry in entries:
        for element in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{element}").text, element
        datetime.fromisoformat(entry.find(f"{ATOM}updated").text.replace("Z", "+00:00"))
    assert {e.find(f"{ATOM}category").get("term") for e in entries} == {"discrepancy", "threshold", "new_incident"}
    overview = client.get("/").text
    assert "Recent alerts" in overview and "above 500" in overview


def test_a_private_webhook_is_refused_without_allow_private(tmp_path, hook, monkeypatch):
    hook_url, posts = hook
    monkeypatch.setenv("TOLLWATCH_WEBHOOK_SECRET", SECRET)
    path = tmp_path / "alerts.yaml"
    path.write_text(f"alerts:\n  - when: new_incident\n    min_killed: 1\n    webhook: {hook_url}\n", encoding="utf-8")
    ledger = Ledger(str(tmp_path / "p.db"))
    ledger.add_documents([Document("s", "Medics said 12 people were killed in an air strike on a market in Idlib "
                                        "on Monday.", "2025-03-10")])
    sleeps: list[float] = []
    dispatcher = Dispatcher(ledger, read_rules(path), sleep=sleeps.append)
    assert len(dispatcher.check()) == 1
    assert posts == [] and sleeps == []  # refused outright: no retries
    with ledger.engine.connect() as conn:
        (error,) = conn.exec_driver_sql("SELECT error FROM alert_deliveries").scalars()
    assert "private or local address" in error
    Dispatcher(ledger, read_rules(path), allow_private=True).deliver()  # the operator allows it: delivered now
    assert len(posts) == 1


def test_a_failing_webhook_is_retried_with_backoff(tmp_path, newsroom, monkeypatch):
    monkeypatch.setenv("TOLLWATCH_WEBHOOK_SECRET", SECRET)
    path = tmp_path / "alerts.yaml"  # the newsroom answers POSTs with 501: not taken
    path.write_text(f"alerts:\n  - when: new_incident\n    webhook: {newsroom.base}/hook\n", encoding="utf-8")
    ledger = Ledger(str(tmp_path / "r.db"))
    ledger.add_documents([Document("s", "Medics said 12 people were killed in an air strike on a market in Idlib "
                                        "on Monday.", "2025-03-10")])
    sleeps: list[float] = []
    Dispatcher(ledger, read_rules(path), allow_private=True, sleep=sleeps.append).check()
    with ledger.engine.connect() as conn:
        attempts, error = conn.exec_driver_sql("SELECT attempts, error FROM alert_deliveries").one()
    assert attempts == 1 and "HTTP 501" in error and sleeps == []  # 501 is no transient failure
    monkeypatch.setattr("tollwatch.alerts.Fetcher.post", lambda self, url, body, headers: 503)
    Dispatcher(ledger, read_rules(path), allow_private=True, sleep=sleeps.append).deliver()
    assert sleeps == [1.0, 2.0, 4.0]


@pytest.mark.parametrize(("text", "problem"), [
    ("alerts:\n  - when: threshold\n    outcome: killed\n", "alerts[0]: a threshold rule needs `above: N`"),
    ("alerts:\n  - when: sometimes\n", "alerts[0].when: Input should be 'discrepancy', 'threshold' or 'new_incident'"),
    ("alerts:\n  - when: threshold\n    above: 5\n    place: Nowhereville Qx\n", "is no place in the gazetteer"),
    ("alerts:\n  - when: discrepancy\n    webhook: https://example.org/h\n", "webhooks are signed: set $"),
    ("alerts:\n  - when: discrepancy\n    email: desk@example.org\n", "alerts[0].email: sending email needs"),
    ("alerts:\n  - when: discrepancy\n    webhook: ftp://example.org/h\n", "must be an http:// or https:// URL"),
    ("alerts: [\n", "not valid YAML"),
])
def test_a_wrong_alerts_file_is_one_clear_line(tmp_path, monkeypatch, text, problem):
    monkeypatch.delenv("TOLLWATCH_WEBHOOK_SECRET", raising=False)
    path = tmp_path / "alerts.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        read_rules(path)
    assert str(e.value).startswith(f"{path}: ") and problem in str(e.value) and "\n" not in str(e.value)
    result = CliRunner().invoke(main, ["watch", "http://127.0.0.1:9/feed.xml", "--db", str(tmp_path / "x.db"),
                                       "--once", "--alerts", str(path)])
    assert result.exit_code == 2 and problem in result.output


def test_pacing_backoff_and_resuming_use_the_ledger_and_an_injected_clock(tmp_path, newsroom):
    ledger = Ledger(str(tmp_path / "b.db"))
    one = newsroom.put("/one.txt", "Gunmen killed 4 people in Kano on Monday, police said.", "text/plain")
    gone = newsroom.base + "/gone.txt"
    clock, sleeps = [100.0], []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds

    now = [datetime(2026, 1, 1, 12, 0)]
    with Fetcher(allow_private=True, retries=0) as fetcher:
        watcher = Watcher(ledger, fetcher, every=60, pace=5, clock=lambda: clock[0], sleep=sleep,
                          now=lambda: now[0])
        polled = watcher.round([one, gone])
        assert [p.status for p in polled] == ["fetched", "failed"] and sleeps == [5.0]  # one host: 5 s apart
        assert "HTTP 404" in polled[1].note
        assert [p.status for p in watcher.round([gone])] == ["waiting"]  # backing off: 60 s after one failure
        now[0] += timedelta(seconds=61)
        assert [p.status for p in watcher.round([gone])] == ["failed"]
        now[0] += timedelta(seconds=61)
        assert [p.status for p in watcher.round([gone])] == ["waiting"]  # two failures: 120 s
    # a new watcher (a restart) resumes from the ledger: the page is asked for conditionally
    with Fetcher(allow_private=True) as fetcher:
        again = Watcher(ledger, fetcher, pace=0).round([one])
    assert [p.status for p in again] == ["not modified"] and newsroom.hits["/one.txt"] == 1
    # and the loop sleeps until the next round is due, without really sleeping
    with Fetcher(allow_private=True) as fetcher:
        Watcher(ledger, fetcher, every=900, pace=0, clock=lambda: clock[0], sleep=sleep).run([one], rounds=2)
    assert sleeps[-1] == pytest.approx(900)


def test_durations_and_sources_are_checked(tmp_path):
    assert (parse_every("15m"), parse_every("30s"), parse_every("2h"), parse_every("90")) == (900, 30, 7200, 90)
    for bad in ("soon", "-5m", "0"):
        with pytest.raises(ValueError):
            parse_every(bad)
    result = CliRunner().invoke(main, ["watch", "feeds.txt", "--db", str(tmp_path / "x.db"), "--once"])
    assert result.exit_code == 2 and "a SOURCE is an http(s) URL" in result.output
    refused = CliRunner().invoke(main, ["watch", "http://127.0.0.1:9/feed.xml", "--db", str(tmp_path / "x.db"),
                                        "--once"])
    assert refused.exit_code == 1 and "private or local address" in refused.output


def test_the_server_with_alert_rules_fires_within_seconds_of_an_ingest_elsewhere(tmp_path, hook, monkeypatch):
    hook_url, posts = hook
    monkeypatch.setenv("TOLLWATCH_WEBHOOK_SECRET", SECRET)
    path = tmp_path / "alerts.yaml"
    path.write_text(f"alerts:\n  - when: discrepancy\n    webhook: {hook_url}\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    Ledger(db).add_documents([Document("m", "Medics said 12 people were killed in an air strike on a market in "
                                            "Idlib on Monday.", "2025-03-10")])
    with TestClient(create_app(db, allow_private=True, alerts=read_rules(path)), base_url="http://localhost"):
        with Ledger(db) as other:  # as `tollwatch ingest --no-refresh` would, from another process
            other.add_documents([Document("d", "The civil defence said 30 people were killed in the air strike on a "
                                               "market in Idlib on Monday.", "2025-03-10")], refresh_tables=False)
        assert posts.arrived.wait(30)  # the server follows the ledger every second, requests or none
    assert len(posts) == 1 and json.loads(posts[0][1])["kind"] == "contradiction"
