"""The README's Python example runs and prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_example():
    block = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    code = "\n".join(line for line in block.splitlines() if not line.startswith("# "))
    expected = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), {})
    assert out.getvalue().splitlines() == expected


def test_ci_runs_the_readme_test_command():
    readme = README.read_text(encoding="utf-8")
    test_command = re.search(r"\*\*Test it\*\*:\s*```sh\n(.*?)\n```", readme, re.S).group(1)
    assert test_command in (README.parent / ".ci" / "run").read_text().splitlines()
