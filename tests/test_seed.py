"""The evaluation gate on the shared seed page: strict F1 must stay at or above 0.95."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tollwatch import extract

FLOOR = 0.95


def test_seed_article_score(shared_dir: Path, tmp_path: Path):
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(c.to_dict()) + "\n" for c in extract(text, doc_id="seed-article")))
    out = subprocess.run([sys.executable, str(shared_dir / "tools" / "score_claims.py"),
                          str(shared_dir / "corpus" / "seed-article.gold.json"), str(pred)],
                         capture_output=True, text=True, check=True).stdout
    last = dict(kv.split("=") for kv in out.strip().splitlines()[-1].split())
    assert float(last["strict_f1"]) >= FLOOR, out
    assert last["decoy_hits"] == "0", out


def test_seed_repeated_title_counts_once(shared_dir: Path):
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    title_claims = [c for c in extract(text) if c.count.text.lower() == "over 400" and c.start < 200]
    assert len(title_claims) == 1
