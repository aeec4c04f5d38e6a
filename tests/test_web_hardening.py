"""The server's defences, against a live `tollwatch serve` (uvicorn) in its own process on
127.0.0.1, where they depend on the server: Host names, bodies cut off while they stream in,
the token checked before the body, and the event loop kept free while an ingest works.
Every loop here is bounded; docs/security.md says which defence each test covers."""

from __future__ import annotations

import http.client
import json
import os
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tollwatch.pipeline import ingest
from tollwatch.store import Ledger

SCENARIO = Path(__file__).resolve().parents[1] / "src" / "tollwatch" / "examples" / "el-fasher-week.jsonl"
TOKEN = "s3cret-for-tests"
MB = 2**20


@dataclass(frozen=True)
class Live:
    url: str
    port: int
    process: subprocess.Popen[bytes]

    def peak_memory(self) -> int:
        """The server's peak resident memory in bytes (VmHWM)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1]) * 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serve(db: str, *args: str) -> Iterator[Live]:
    """`tollwatch serve` on a free port, its token given the documented way ($TOLLWATCH_TOKEN)."""
    port = _free_port()
    log = Path(db).with_suffix(".log")
    with log.open("wb") as stderr:
        command = [sys.executable, "-m", "tollwatch", "serve", "--db", db, "--port", str(port), *args]
        process = subprocess.Popen(command, env=os.environ | {"TOLLWATCH_TOKEN": TOKEN}, stdout=subprocess.DEVNULL,
                                   stderr=stderr)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        assert process.poll() is None, log.read_text()
        yield Live(f"http://127.0.0.1:{port}", port, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    db = str(tmp_path_factory.mktemp("live") / "ledger.db")
    with Ledger(db) as ledger:
        ingest([str(SCENARIO)], ledger)
    with _serve(db, "--allow-host", "dash.example.org") as server:
        yield server


def _documents(live: Live) -> int:
    return int(httpx.get(f"{live.url}/api/documents", timeout=10).json()["total"])


def test_only_the_hosts_it_is_served_as_are_answered(live: Live):
    def status(host: str) -> int:
        return httpx.get(f"{live.url}/api/sources", headers={"Host": host}, timeout=10).status_code

    for host in (f"127.0.0.1:{live.port}", f"localhost:{live.port}", f"[::1]:{live.port}", "dash.example.org",
                 "DASH.example.org:443"):
        assert status(host) == 200, host
    for host in ("rebind.attacker.example", f"rebind.attacker.example:{live.port}", "127.0.0.1:1",
                 f"localhost:{live.port + 1}", "localhost", "dash.example.org.evil", ""):
        assert status(host) == 400, host
    refused = httpx.get(f"{live.url}/", headers={"Host": "rebind.attacker.example"}, timeout=10)
    assert "--allow-host" in refused.text and refused.headers["content-type"].startswith("text/html")
    assert refused.headers["x-content-type-options"] == "nosniff"


def _post_chunked(live: Live, path: str, headers: dict[str, str], limit_mb: int) -> tuple[int, int, float]:
    """POST a chunked body of up to `limit_mb` MB (a JSON string that never ends), stopping as
    soon as the server answers. Returns (status, bytes sent, seconds to the answer)."""
    head = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{live.port}", "Content-Type: application/json",
            "Transfer-Encoding: chunked", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    chunk = b"%x\r\n%s\r\n" % (MB, b'{"text": "' + b"a" * (MB - 10))
    sent, start = 0, time.monotonic()
    with socket.create_connection(("127.0.0.1", live.port), timeout=10) as s:
        s.sendall("\r\n".join(head).encode())
        try:
            for _ in range(limit_mb):
                if select.select([s], [], [], 0)[0]:
                    break  # the server has answered (or closed): stop sending
                s.sendall(chunk)
                sent += MB
        except OSError:  # the server closed while we were sending, or stopped reading
            pass
        s.settimeout(10)
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 "), answer[:200]
    return int(answer.split()[1]), sent, time.monotonic() - start


def test_a_chunked_body_over_the_cap_is_cut_off_with_413(live: Live):
    before = live.peak_memory()
    status, sent, seconds = _post_chunked(live, "/api/ingest/text", {"Authorization": f"Bearer {TOKEN}"}, 120)
    assert status == 413
    assert sent < 40 * MB, f"the server read {sent // MB} MB before refusing a body over its 20 MB cap"
    assert seconds < 20
    assert live.peak_memory() - before < 64 * MB, "the server buffered the body"


def test_a_declared_length_over_the_cap_is_refused_before_reading(live: Live):
    connection = http.client.HTTPConnection("127.0.0.1", live.port, timeout=10)
    connection.putrequest("POST", "/api/ingest/text")
    for name, value in (("Authorization", f"Bearer {TOKEN}"), ("Content-Type", "application/json"),
                        ("Content-Length", str(10**9))):
        connection.putheader(name, value)
    connection.endheaders()  # and not a byte of the gigabyte
    response = connection.getresponse()
    assert response.status == 413 and "20 MB" in json.loads(response.read())["error"]
    connection.close()


def test_a_wrong_token_is_refused_before_the_body_is_read(live: Live):
    before = live.peak_memory()
    for headers in ({"Authorization": "Bearer wrong"}, {}):
        status, sent, _ = _post_chunked(live, "/api/ingest/text", headers, 120)
        assert status == 401
        assert sent < 16 * MB, f"the server read {sent // MB} MB of a request it was going to refuse"
    assert live.peak_memory() - before < 32 * MB


def test_writes_need_the_token_from_the_environment(live: Live):
    text = {"text": "Shelling killed 4 civilians in Goma on Sunday, medics said."}
    assert httpx.post(f"{live.url}/api/ingest/text", json=text, timeout=30).status_code == 401
    stored = httpx.post(f"{live.url}/api/ingest/text", json=text, headers={"Authorization": f"Bearer {TOKEN}"},
                        timeout=30)
    assert stored.status_code == 200, stored.text


def test_a_cross_site_write_is_refused_even_with_the_token(live: Live):
    before = _documents(live)
    attack = httpx.post(f"{live.url}/api/ingest/text", json={"text": "Gunmen killed 3 herders near Gao."},
                        headers={"Authorization": f"Bearer {TOKEN}", "Origin": "http://127.0.0.1:1",
                                 "Sec-Fetch-Site": "same-site"}, timeout=30)
    assert attack.status_code == 403 and set(attack.json()) == {"error"}
    assert _documents(live) == before


def _report(n: int) -> bytes:
    """About 150 bytes a sentence pair of casualty reporting, each with its own figures."""
    return "\n\n".join(f"Gunmen killed {i % 97 + 2} villagers in Zamfara on Monday, police said. "
                       f"Shelling wounded {i % 89 + 3} people in Goma, medics said." for i in range(n)).encode()


def test_pages_and_static_files_answer_while_a_big_upload_is_processed(tmp_path: Path):
    db = str(tmp_path / "ledger.db")
    with Ledger(db) as ledger:
        ingest([str(SCENARIO)], ledger)
    with _serve(db) as live:
        httpx.get(f"{live.url}/", timeout=30)  # the first page reconciles; later ones use the cache
        upload: dict[str, object] = {}

        def post() -> None:
            upload["response"] = httpx.post(f"{live.url}/api/ingest/file",
                                            files={"file": ("big.txt", _report(2500), "text/plain")},
                                            headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)

        thread = threading.Thread(target=post)
        thread.start()
        time.sleep(1.0)  # the upload is in; extraction takes seconds
        for path in ("/", "/static/style.css", "/api/sources"):
            start = time.monotonic()
            assert httpx.get(f"{live.url}{path}", timeout=30).status_code == 200
            assert time.monotonic() - start < 1.5, f"{path} waited for the upload"
        assert thread.is_alive(), "the upload finished before the pages were asked for: make it bigger"
        thread.join(timeout=120)
        assert upload["response"].status_code == 200  # type: ignore[attr-defined]
