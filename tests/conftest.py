from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_cases(name: str) -> list[dict]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "corpus" / "seed-article.txt").exists():
        pytest.skip("needs ../shared (the seed corpus), which is not beside this checkout")
    return SHARED
