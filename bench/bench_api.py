"""Latency of GET /api/tallies against a running `tollwatch serve` on loopback.

    python bench/bench_api.py [--claims 100000] [--db ledger.db] [--requests 300] [--concurrency 4]

Builds (or reuses) a ledger like bench_reconcile.py, starts `tollwatch serve` in its own
process, waits for the first answer (which reconciles the ledger once and caches it), then
sends requests from several threads with httpx, each a fresh page of tallies with filters
drawn in turn from a few typical ones. Reports median, 95th percentile and throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_reconcile import build  # noqa: E402  (a sibling script)

QUERIES = [{}, {"outcome": "killed"}, {"category": "civilian", "limit": 50}, {"offset": 200},
           {"outcome": "killed", "category": "state_forces"}, {"from": "2025-06-01", "to": "2025-06-30"}]


def start_server(db: Path, quiet: bool = False) -> tuple[subprocess.Popen[bytes], str]:
    """`tollwatch serve` on a free port of 127.0.0.1, and its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "tollwatch", *(["-q"] if quiet else []), "serve", "--db", str(db),
               "--port", str(port)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL if quiet else None), f"http://127.0.0.1:{port}"


def first_answer(client: httpx.Client) -> httpx.Response:
    """`GET /api/tallies`, asked again until the server starting up answers."""
    while True:
        try:
            return client.get("/api/tallies")
        except httpx.TransportError:
            time.sleep(0.2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--concurrency", type=int, default=4)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "ledger.db"
        if not db.exists():
            build(db, args.claims)
        server, base = start_server(db)
        try:
            with httpx.Client(base_url=base, timeout=120) as client:
                started = time.perf_counter()
                first = first_answer(client)
                warm = time.perf_counter() - started
                total = first.json()["total"]

                def one(i: int) -> float:
                    t = time.perf_counter()
                    r = client.get("/api/tallies", params=QUERIES[i % len(QUERIES)])
                    r.raise_for_status()
                    return (time.perf_counter() - t) * 1000

                t0 = time.perf_counter()
                with ThreadPoolExecutor(args.concurrency) as pool:
                    times = sorted(pool.map(one, range(args.requests)))
                elapsed = time.perf_counter() - t0
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(json.dumps({"claims_db": str(db.name), "tallies": total, "first_answer_s": round(warm, 1),
                          "requests": args.requests, "concurrency": args.concurrency,
                          "median_ms": round(statistics.median(times), 1),
                          "p95_ms": round(times[int(0.95 * len(times)) - 1], 1),
                          "requests_per_s": round(args.requests / elapsed, 1), "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
