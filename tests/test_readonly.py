"""A ledger that may not be written can still be read: the read commands open it read-only,
never migrate it, and work on a write-protected file in a write-protected folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tollwatch.cli import main
from tollwatch.errors import OutdatedLedger, ReadOnlyLedger, StoreError
from tollwatch.pipeline import ingest
from tollwatch.store import Ledger

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "tollwatch" / "examples"
READS = [["tally"], ["claims", "--format", "jsonl"], ["show", "monitor-update.txt"], ["export", "--format", "json"]]


def _ingest(db: str) -> None:
    with Ledger(db) as ledger:  # closed, so SQLite folds its -wal file into the database
        assert ingest([str(EXAMPLES)], ledger).failures == 0


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_read_only_ledger_is_opened_so_and_refuses_writes(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        ledger.start_run([], "test")
    with Ledger(db_url, read_only=True) as ledger:
        assert ledger.stats()["runs"] == 1
        if ledger.engine.dialect.name == "sqlite":
            assert ledger.engine.url.query["mode"] == "ro" and ledger.engine.url.database.startswith("file:")
        with pytest.raises(ReadOnlyLedger, match="open for reading only"):
            ledger.start_run([], "test")
        # and the database itself refuses, should anything write past the ledger's own check
        with pytest.raises(DBAPIError, match="(?i)read-?only"), ledger.engine.begin() as conn:
            conn.execute(text("INSERT INTO ingest_errors (run_id, origin, message) VALUES (1, 'x', 'y')"))
    with Ledger(db_url) as ledger:
        assert ledger.stats()["runs"] == 1


def test_read_commands_neither_migrate_nor_change_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ledger"
    folder.mkdir()
    db = str(folder / "ledger.db")
    _ingest(db)
    before = _digest(folder)

    def no_migrations(self: Ledger) -> None:
        raise AssertionError("a read command migrated the ledger")

    monkeypatch.setattr(Ledger, "migrate", no_migrations)
    for args in READS:
        out = ["-o", str(tmp_path / "out.json")] if args[0] == "export" else []
        result = CliRunner().invoke(main, [*args, "--db", db, *out])
        assert result.exit_code == 0, (args, result.output)
    assert _digest(folder)["ledger.db"] == before["ledger.db"]


@pytest.fixture
def protected_ledger() -> Iterator[Path]:
    """A ledger file (mode 0444) in a folder (0555) that only root could write, outside pytest's
    private temporary folder so another user can reach it."""
    base = Path(tempfile.mkdtemp(prefix="tollwatch-ro-"))
    base.chmod(0o755)
    folder = base / "ledger"
    folder.mkdir()
    _ingest(str(folder / "ledger.db"))
    (folder / "ledger.db").chmod(0o444)
    folder.chmod(0o555)
    yield folder / "ledger.db"
    folder.chmod(0o755)
    shutil.rmtree(base)


def _as_unprivileged(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run tollwatch as a user the file permissions apply to: root ignores them, so as root the
    command runs as `nobody` (with setpriv)."""
    command = [sys.executable, "-m", "tollwatch", *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot drop to a user file permissions apply to")
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
    env = {**os.environ, "HOME": str(cwd), "XDG_CACHE_HOME": str(cwd / ".cache"), "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    return subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=cwd, env=env)


def test_read_commands_work_on_a_write_protected_file_and_folder(protected_ledger: Path) -> None:
    db = str(protected_ledger)
    before = _digest(protected_ledger.parent)
    out = Path(tempfile.mkdtemp(prefix="tollwatch-out-"))
    out.chmod(0o777)
    # the other user's cache: a copy of ours, so each command need not build the gazetteer again
    ours = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tollwatch"
    if ours.is_dir():
        shutil.copytree(ours, out / ".cache" / "tollwatch")
    try:
        for args in READS:
            extra = ["-o", str(out / "export.json")] if args[0] == "export" else []
            proc = _as_unprivileged([*args, "--db", db, *extra], out)
            assert proc.returncode == 0, (args, proc.stderr)
            if args == ["tally"]:
                assert "310 − 182 = 128" in proc.stdout
        # a write command says at once, in one line, why it cannot write
        (out / "new.txt").write_text("Five soldiers were killed in Homs on Monday.\n")
        proc = _as_unprivileged(["ingest", "--db", db, str(out / "new.txt")], out)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        [line] = proc.stderr.splitlines()
        assert line.startswith(f"Error: sqlite:///{db}: ") and "cannot be written" in line
    finally:
        shutil.rmtree(out)
    assert _digest(protected_ledger.parent) == before  # not even a -wal or -shm file appeared


def test_an_outdated_ledger_read_only_says_to_run_a_write_command(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    with Ledger(db) as ledger, ledger.engine.begin() as conn:  # as tollwatch's first schema left it
        for table in ("sessions", "users", "reviews", "ledger_state", "reconciled_state", "tallies", "incidents",
                      "checks", "discrepancies", "watched", "alert_deliveries", "alerts"):
            conn.execute(text(f"DROP TABLE {table}"))
        for index in ("ix_documents_article_key", "ix_documents_superseded_by", "ix_claims_superseded_by",
                      "ix_documents_touched", "ix_documents_language"):
            conn.execute(text(f"DROP INDEX {index}"))
        for table, column in (("documents", "article_key"), ("documents", "version"), ("documents", "superseded_by"),
                              ("documents", "touched"), ("claims", "superseded_by"), ("ingest_runs", "versions"),
                              ("documents", "language")):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    result = CliRunner().invoke(main, ["tally", "--db", db])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: sqlite:///{db}: written by an older tollwatch (schema 0001); opened read-only, "
                             "it cannot be upgraded: run a write command on it once with write access (e.g. "
                             "`tollwatch reextract --db DB`), then read it again\n")
    with pytest.raises(OutdatedLedger):
        Ledger(db, read_only=True)
    assert CliRunner().invoke(main, ["reextract", "--db", db]).exit_code == 0
    assert CliRunner().invoke(main, ["tally", "--db", db]).exit_code == 0


def test_reading_a_missing_ledger_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    result = CliRunner().invoke(main, ["tally", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: sqlite:///{db}: no ledger in this file, which does not exist; "
                             "`tollwatch ingest --db DB FILE...` creates one\n")
    assert not db.exists()
    with pytest.raises(StoreError, match="not a tollwatch ledger"):
        db.touch()
        Ledger(str(db), read_only=True)
