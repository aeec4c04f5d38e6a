"""Reconciliation time and memory on a ledger of generated claims.

    python bench/bench_reconcile.py [--claims 100000] [--db ledger.db]

Builds a ledger from generated reports (`tollwatch.synth`: 15 places, 300 days, eight kinds of
source, running tolls and dated events; every tenth report a syndicated copy of an earlier
one), extracting their claims with the real extractor and writing them in bulk. Then
`tollwatch tally --db ledger.db --format json` runs in a fresh process: reading every claim,
figures, breakdowns, tallies, incidents, containment checks, discrepancies and the JSON output.
An existing --db is reused, so the measurement can be repeated without rebuilding.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from tollwatch.extract import RULESET, extract_document
from tollwatch.models import Document
from tollwatch.store import Ledger
from tollwatch.store.ledger import _claim_row
from tollwatch.store.schema import claims, documents
from tollwatch.synth import generate


def build(db: Path, n_claims: int) -> int:
    ledger = Ledger(str(db))
    now = datetime.now()
    doc_rows, claim_rows, total = [], [], 0
    with ledger.engine.begin() as conn:
        for i, (record, _) in enumerate(generate(n_claims, seed=7)):
            if total >= n_claims:
                break
            doc = Document(record["id"], record["text"], record["published"])
            found = extract_document(doc)
            original = f"synth-7-{i - 5}" if i % 10 == 9 else None  # a syndicated copy of an earlier story
            doc_rows.append({"doc_id": doc.doc_id, "content_hash": doc.doc_id, "text": doc.text,
                             "published": doc.published, "media_type": "text/plain", "duplicate_of": original,
                             "ingested_at": now})
            claim_rows += [_claim_row(c, RULESET) for c in found]
            total += len(found)
            if len(doc_rows) >= 2000:
                conn.execute(documents.insert(), doc_rows)
                conn.execute(claims.insert(), claim_rows)
                doc_rows, claim_rows = [], []
        if doc_rows:
            conn.execute(documents.insert(), doc_rows)
            conn.execute(claims.insert(), claim_rows)
    ledger.close()
    return total


def measure(db: Path) -> dict[str, object]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "tollwatch", "tally", "--db", str(db), "--format", "json"],
                            stdout=subprocess.PIPE)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"tollwatch tally failed on {db} (status {status})")
    result = json.loads(out)
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            **{k: len(v) for k, v in result.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="Ledger to build, or to reuse when it exists.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "ledger.db"
        if not db.exists():
            started = time.perf_counter()
            n = build(db, args.claims)
            print(json.dumps({"built_claims": n, "build_seconds": round(time.perf_counter() - started, 1)}), flush=True)
        with Ledger(str(db)) as ledger:
            stats = ledger.stats()
        print(json.dumps({"claims": stats["claims"], "documents": stats["documents"], **measure(db)}), flush=True)
    print(json.dumps({"python": platform.python_version(), "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
