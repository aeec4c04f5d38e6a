"""How the command line and the server behave around the work: help, one-line errors and their
exit statuses, logging levels, date windows, health checks, HEAD, the access log, and leaving no
write-ahead log behind."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tollwatch.cli import main
from tollwatch.errors import StoreError
from tollwatch.web import create_app

DATED = {"id": "dated", "published": "2025-03-04",
         "text": "Gunmen killed 4 villagers in Kaduna on Monday, police said."}
UNDATED = {"id": "undated", "text": "Gunmen killed 7 farmers in Zamfara, police said."}


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (DATED, UNDATED)) + '{"id": "blank", "text": ""}\n',
                    encoding="utf-8")
    return path


def test_h_is_help_for_the_group_and_each_command() -> None:
    for args in (["-h"], ["tally", "-h"], ["export", "-h"]):
        run = CliRunner().invoke(main, args)
        assert run.exit_code == 0 and run.stdout.startswith("Usage: "), args
    assert "--include-undated" in CliRunner().invoke(main, ["tally", "-h"]).stdout


@pytest.mark.parametrize("args, message", [
    (["tally", "--format", "xml"], "Invalid value for '--format'"),
    (["no-such-command"], "No such command 'no-such-command'"),
    (["export", "--format", "csv"], "Missing option '-o' / '--output'"),
    (["export", "--format", "csv", "--schema", "gdelt", "-o", "-"], "no export schema 'gdelt'"),
    (["--verbose", "--quiet", "tally"], "give --verbose or --quiet, not both"),
])
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    run = CliRunner().invoke(main, [*args[:1], *args[1:]], env={"TOLLWATCH_DB": str(tmp_path / "x.db")})
    assert run.exit_code == 2, run.output
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("Error: ") and message in run.stderr, run.stderr


def test_a_bug_is_one_line_and_its_traceback_comes_with_verbose(dump: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import tollwatch.pipeline

    db = str(tmp_path / "ledger.db")
    assert CliRunner().invoke(main, ["ingest", "--db", db, str(dump)]).exit_code == 0

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(tollwatch.pipeline, "reconciled", broken)
    run = CliRunner().invoke(main, ["tally", "--db", db])
    assert run.exit_code == 1
    assert run.stderr.splitlines() == ["Error: unexpected RuntimeError: boom. This is a bug in tollwatch: please "
                                       "report it with the output of the same command run with --verbose"]
    run = CliRunner().invoke(main, ["--verbose", "tally", "--db", db])
    assert "Traceback (most recent call last)" in run.stderr and 'raise RuntimeError("boom")' in run.stderr


def test_quiet_keeps_errors_only_and_verbose_says_what_each_step_did(dump: Path, tmp_path: Path) -> None:
    run = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "a.db"), str(dump)])
    assert run.stderr.startswith(f'skipped: {dump}:3: "text" is empty')
    run = CliRunner().invoke(main, ["--quiet", "ingest", "--db", str(tmp_path / "b.db"), str(dump)])
    assert run.exit_code == 0 and run.stderr == ""
    run = CliRunner().invoke(main, ["--verbose", "ingest", "--db", str(tmp_path / "c.db"), str(dump)])
    assert f"tollwatch.pipeline: {dump}:1: new as dated, 1 claims" in run.stderr.splitlines()


def test_a_date_window_leaves_out_undated_tallies_unless_asked(dump: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    CliRunner().invoke(main, ["ingest", "--db", db, str(dump)])

    def bests(*args: str) -> list[int]:
        run = CliRunner().invoke(main, ["tally", "--db", db, "--format", "json", *args])
        assert run.exit_code == 0, run.output
        return sorted(t["best"] for t in json.loads(run.stdout)["tallies"] if t["category"] != "all")

    assert bests() == [4, 7]
    assert bests("--from", "2025-03-01", "--to", "2025-03-31") == [4]
    assert bests("--to", "2025-03-31") == [4]
    assert bests("--from", "2025-03-01", "--include-undated") == [4, 7]


def test_healthz_head_and_no_write_ahead_log_after_shutdown(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    with TestClient(create_app(str(db)), base_url="http://localhost") as client:
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json() == {"status": "ok", "generation": 0}
        posted = client.post("/api/ingest/text", json={"text": DATED["text"], "published": DATED["published"]})
        assert posted.status_code < 300, posted.text
        assert client.get("/healthz").json()["generation"] > 0
        for path in ("/", "/documents", "/api/tallies", "/static/style.css"):
            got, head = client.get(path), client.head(path)
            assert head.status_code == got.status_code == 200, path
            assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], path
        assert client.head("/tallies/tly-nope").status_code == 404
        refused = client.head("/", headers={"host": "evil.example"})
        assert refused.status_code == 400 and refused.content == b""
        assert refused.headers["content-security-policy"].startswith("default-src 'self'")

        def unreadable() -> int:
            raise StoreError("sqlite:///secret/path.db: disk I/O error")

        client.app.state.ledger.ledger.generation = unreadable  # type: ignore[attr-defined]
        down = client.get("/healthz")
        assert down.status_code == 503 and down.json() == {"error": "the ledger cannot be read (StoreError)"}
        del client.app.state.ledger.ledger.generation  # type: ignore[attr-defined]
        assert Path(f"{db}-wal").exists()  # the server writes through SQLite's write-ahead log
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("access_log", [True, False])
def test_serve_writes_an_access_log_only_when_asked(tmp_path: Path, access_log: bool) -> None:
    port = _free_port()
    args = [sys.executable, "-m", "tollwatch", "serve", "--db", str(tmp_path / "ledger.db"), "--port", str(port)]
    server = subprocess.Popen([*args, *(["--access-log"] if access_log else [])], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        for _ in range(100):
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert ('"GET /healthz HTTP/1.1" 200' in output) == access_log, output


def test_a_closed_pipe_ends_quietly() -> None:
    done = subprocess.run(f"{sys.executable} -m tollwatch extract --examples --format jsonl | head -c 10",
                          shell=True, capture_output=True, text=True, timeout=120)
    assert len(done.stdout) == 10 and "Error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
