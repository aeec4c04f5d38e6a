"""A living ledger under load: the first GET /api/tallies after an ingest, and many clients at once.

    python bench/bench_live.py [--claims 100000] [--db ledger.db] [--new 10]
                               [--clients 16] [--requests 2000] [--seconds 60] [--no-ingest-during-load]

Builds (or reuses) a ledger of generated claims like bench_reconcile.py, starts `tollwatch serve`
on 127.0.0.1 and waits for its first answer (a whole reconciliation, kept in memory). Then:

1. `tollwatch ingest --no-refresh` stores `--new` new generated reports from another process, and
   the next GET /api/tallies is timed: the server redoes only those documents (incremental).
2. A load generator (httpx, asyncio) sends a mix of pages and API calls from `--clients` clients,
   at most `--requests` requests and `--seconds` seconds, while another process ingests reports
   one at a time; it reports requests per second, median and 95th percentile latency, errors.

Only 127.0.0.1 is ever contacted. Each step is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import first_answer, start_server  # noqa: E402  (sibling scripts)
from bench_reconcile import build  # noqa: E402

from tollwatch.synth import generate  # noqa: E402

MIX = ["/api/tallies", "/api/tallies?outcome=killed", "/api/tallies?category=civilian&limit=50",
       "/api/incidents", "/api/discrepancies", "/api/tallies?offset=200", "/", "/timeline", "/api/claims?limit=20",
       "/api/documents?limit=20", "/api/tallies?from=2025-06-01&to=2025-06-30"]


def settled(db: Path, limit: float) -> float:
    """Seconds until the server has written its first reconciliation to the ledger's tables (it does
    so in the background, after answering), so the ingest that follows is timed on a quiet server."""
    import sqlite3

    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            (stored,), (current,) = (conn.execute("SELECT generation FROM reconciled_state").fetchone(),
                                     conn.execute("SELECT generation FROM ledger_state").fetchone())
        if stored == current:
            break
        time.sleep(0.5)
    return time.perf_counter() - started


def write_reports(path: Path, n: int, seed: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for record, _ in generate(n, seed=seed):
            f.write(json.dumps(record) + "\n")
    return path


async def load(base: str, clients: int, requests: int, seconds: float) -> dict[str, object]:
    assert base.startswith("http://127.0.0.1:"), "the load generator only talks to 127.0.0.1"
    latencies: list[float] = []
    by_path: dict[str, list[float]] = {}
    kinds: dict[str, int] = {}
    errors = 0
    sent = 0
    ends = time.perf_counter() + seconds
    rng = random.Random(3)

    async def client(session: httpx.AsyncClient) -> None:
        nonlocal errors, sent
        while sent < requests and time.perf_counter() < ends:
            sent += 1
            path = rng.choice(MIX)
            started = time.perf_counter()
            try:
                response = await session.get(path)
                if response.status_code != 200:
                    errors += 1
                    kinds[str(response.status_code)] = kinds.get(str(response.status_code), 0) + 1
            except httpx.HTTPError as e:
                errors += 1
                kinds[type(e).__name__] = kinds.get(type(e).__name__, 0) + 1
            latencies.append(time.perf_counter() - started)
            by_path.setdefault(path, []).append(latencies[-1])

    started = time.perf_counter()
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits, trust_env=False) as session:
        await asyncio.gather(*(client(session) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "seconds": round(elapsed, 1), "per_second": round(len(latencies) / elapsed, 1),
            "median_ms": round(statistics.median(latencies) * 1000, 1),
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1), "errors": errors,
            "error_kinds": kinds,
            "median_ms_by_path": {p: round(statistics.median(t) * 1000, 1) for p, t in sorted(by_path.items())}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="Ledger to build, or to reuse when it exists.")
    ap.add_argument("--new", type=int, default=10, help="Reports to ingest before timing the first answer.")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--no-ingest-during-load", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "ledger.db"
        if not db.exists():
            build(db, args.claims)
        server, base = start_server(db, quiet=True)
        out: dict[str, object] = {}
        try:
            with httpx.Client(base_url=base, timeout=300, trust_env=False) as client:
                started = time.perf_counter()
                before = first_answer(client).json()["total"]
                out["first_answer_s"] = round(time.perf_counter() - started, 2)
                out["tables_written_s"] = round(settled(db, 600), 1)
                claims = client.get("/api/claims?limit=1").json()["total"]
                out["claims"] = claims
                reports = write_reports(Path(tmp) / "new.jsonl", args.new, seed=int(time.time()) % 100_000 + 11)
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "tollwatch", "-q", "ingest", "--no-refresh", "--db", str(db),
                                str(reports)], check=True)
                out[f"ingest_{args.new}_reports_s"] = round(time.perf_counter() - started, 2)
                started = time.perf_counter()
                after = client.get("/api/tallies").json()["total"]
                out["first_tallies_after_ingest_s"] = round(time.perf_counter() - started, 3)
                out["tallies_before_after"] = [before, after]
                started = time.perf_counter()
                client.get("/api/tallies")
                out["next_tallies_s"] = round(time.perf_counter() - started, 3)
            ingester = None
            if not args.no_ingest_during_load:
                more = write_reports(Path(tmp) / "more.jsonl", 200, seed=int(time.time()) % 100_000 + 12)
                lines = more.read_text(encoding="utf-8").splitlines()
                script = ("import subprocess,sys,pathlib\n"
                          "for n, line in enumerate(sys.argv[3:]):\n"
                          "    p = pathlib.Path(sys.argv[2]) / f'r{n}.jsonl'; p.write_text(line + '\\n')\n"
                          "    subprocess.run([sys.executable, '-m', 'tollwatch', '-q', 'ingest', '--no-refresh', "
                          "'--db', sys.argv[1], str(p)])\n")
                ingester = subprocess.Popen([sys.executable, "-c", script, str(db), tmp, *lines])
            out["load"] = asyncio.run(load(base, args.clients, args.requests, args.seconds))
            out["load"]["ingest_running"] = ingester is not None and ingester.poll() is None  # type: ignore[index]
            if ingester is not None:
                ingester.terminate()
                ingester.wait(timeout=30)
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(json.dumps(out))  # one line: bench/run_all.py reads it


if __name__ == "__main__":
    main()
