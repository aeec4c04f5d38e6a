"""CI's gates fail when they cannot run, instead of vanishing: the browser tests without
Chromium, and the install that should provide it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_tests

ROOT = Path(__file__).resolve().parents[1]


def _install_chromium(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    """scripts/install-chromium.sh on a PATH with no chromium and an apt-get that fails."""
    stubs = tmp_path / "bin"
    stubs.mkdir(exist_ok=True)
    (stubs / "apt-get").write_text("#!/bin/sh\necho 'E: Unable to locate package chromium' >&2\nexit 100\n")
    (stubs / "apt-get").chmod(0o755)
    env = {"PATH": str(stubs), **({"CI": "true"} if ci else {})}
    return subprocess.run(["/bin/bash", str(ROOT / "scripts" / "install-chromium.sh")], env=env,
                          capture_output=True, text=True, timeout=60)


def test_a_failed_chromium_install_stops_ci_and_only_warns_elsewhere(tmp_path: Path):
    in_ci = _install_chromium(tmp_path, ci=True)
    assert in_ci.returncode == 1
    assert "Unable to locate package" in in_ci.stderr and "CI needs it" in in_ci.stderr
    outside = _install_chromium(tmp_path, ci=False)
    assert outside.returncode == 0 and "browser tests will be skipped" in outside.stdout
    assert "scripts/install-chromium.sh" in (ROOT / ".ci" / "run").read_text().splitlines()


@pytest.mark.parametrize("ci", [True, False], ids=["in CI", "outside CI"])
def test_browser_tests_fail_in_ci_without_chromium(ci: bool):
    run = run_tests("test_browser.py", "overview", dict(os.environ, TOLLWATCH_CHROMIUM="/nonexistent/chromium"), ci)
    if ci:
        assert run.returncode == 1 and "CI must run the browser tests" in run.stdout, run.stdout[-2000:]
    else:
        assert run.returncode == 0 and "1 skipped" in run.stdout, run.stdout[-2000:]
