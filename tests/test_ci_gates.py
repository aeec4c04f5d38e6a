"""In CI a gate that cannot run fails instead of vanishing: the seed accuracy gate without
../shared, and the PostgreSQL tests without the server .ci/run starts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_tests

ROOT = Path(__file__).resolve().parents[1]


def _seed_gate(tmp_path: Path, ci: bool, shared: bool) -> subprocess.CompletedProcess[str]:
    """scripts/seed-gate.sh in a checkout of its own, with ../shared beside it or not, and a
    stand-in tollwatch that says how it was called."""
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "scripts" / "seed-gate.sh", checkout / "scripts")
    (checkout / ".venv" / "bin").mkdir(parents=True, exist_ok=True)
    (checkout / ".venv" / "bin" / "tollwatch").write_text('#!/bin/sh\necho "tollwatch $*"\n')
    (checkout / ".venv" / "bin" / "tollwatch").chmod(0o755)
    if shared:
        (tmp_path / "shared" / "corpus").mkdir(parents=True)
        (tmp_path / "shared" / "corpus" / "seed-article.gold.json").write_text("{}")
    env = {"PATH": os.environ["PATH"], **({"CI": "true"} if ci else {})}
    return subprocess.run(["/bin/bash", str(checkout / "scripts" / "seed-gate.sh")], env=env, capture_output=True,
                          text=True, timeout=60)


def test_the_seed_gate_fails_in_ci_without_shared(tmp_path: Path) -> None:
    in_ci = _seed_gate(tmp_path, ci=True, shared=False)
    assert in_ci.returncode == 1
    assert "seed accuracy gate cannot run; CI needs it" in in_ci.stderr
    outside = _seed_gate(tmp_path, ci=False, shared=False)
    assert outside.returncode == 0 and "seed accuracy gate skipped" in outside.stdout
    assert "scripts/seed-gate.sh" in (ROOT / ".ci" / "run").read_text().splitlines()


def test_the_seed_gate_runs_the_eval_when_shared_is_there(tmp_path: Path) -> None:
    gate = _seed_gate(tmp_path, ci=True, shared=True)
    assert gate.returncode == 0, gate.stderr
    assert gate.stdout == "tollwatch eval ../shared/corpus/seed-article.gold.json --min-f1 0.95\n"


@pytest.mark.parametrize("ci", [True, False], ids=["in CI", "outside CI"])
def test_postgresql_tests_fail_in_ci_without_a_server(ci: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TOLLWATCH_TEST_PG"}
    run = run_tests("test_reconcile.py", "postgresql", env, ci)
    if ci:
        assert run.returncode == 1 and "CI must run the PostgreSQL tests" in run.stdout, run.stdout[-2000:]
    else:
        assert run.returncode == 0 and "1 skipped" in run.stdout, run.stdout[-2000:]
