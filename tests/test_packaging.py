"""What users install and run: the declared licence matches the LICENSE file, the core install
leaves the dashboard and Parquet to extras that name themselves when missing, `[test]` brings
every extra, the sdist carries tests and docs, the image runs as a user, completion works."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from tollwatch.cli import main

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_license_file_is_the_declared_apache_2() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text and "END OF TERMS AND CONDITIONS" in text
    assert PROJECT["license"] == {"text": "Apache-2.0"}
    assert "License :: OSI Approved :: Apache Software License" in PROJECT["classifiers"]


def test_the_core_leaves_web_and_parquet_to_extras_and_test_brings_them_all() -> None:
    core = " ".join(PROJECT["dependencies"])
    assert "fastapi" not in core and "uvicorn" not in core and "pyarrow" not in core and "dask" not in core
    extras = PROJECT["optional-dependencies"]
    assert {"web", "parquet", "postgres", "cluster", "test"} <= set(extras)
    assert "tollwatch[web,parquet,postgres,cluster]" in extras["test"]


def test_a_missing_extra_is_named_with_its_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "ledger.db")
    assert CliRunner().invoke(main, ["ingest", "--examples", "--db", db]).exit_code == 0
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    run = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "x.parquet")])
    assert run.exit_code == 2 and "pip install 'tollwatch[parquet]'" in run.stderr
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    run = CliRunner().invoke(main, ["extract", db, "--engine", "dask", "--out", str(tmp_path / "out")])
    assert run.exit_code == 2 and "pip install 'tollwatch[cluster]'" in run.stderr
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    run = CliRunner().invoke(main, ["serve", "--db", db])
    assert run.exit_code == 2 and "pip install 'tollwatch[web]'" in run.stderr and "uvicorn" in run.stderr


def test_the_sdist_carries_tests_docs_and_the_licence() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    assert {"graft tests", "graft docs", "include LICENSE README.md Dockerfile"} <= set(manifest)


def test_the_image_serves_on_every_interface_as_a_user() -> None:
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert 'CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]' in lines
    assert "scripts/docker-build.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_write_ahead_log_files_are_ignored() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"*.db-wal", "*.db-shm"} <= set(ignored)


def test_shell_completion_completes_commands() -> None:
    env = {**os.environ, "COMP_WORDS": "tollwatch ta", "COMP_CWORD": "1", "_TOLLWATCH_COMPLETE": "bash_complete"}
    done = subprocess.run([sys.executable, "-m", "tollwatch"], env=env, capture_output=True, text=True, timeout=60)
    assert "plain,tally" in done.stdout.splitlines()
