"""Extraction throughput and peak memory of `tollwatch extract` on generated 600-word reports.

    python bench/bench_extract.py [--sizes 1000 10000]

Each size up to --compare-up-to runs twice, each time in a fresh process (`tollwatch extract corpus.jsonl --format
jsonl`), with and without normalisation (`--no-normalise`), to show what resolving places,
sources and actors adds. Runs are timed end to end, with peak resident memory read from the OS. Flat memory across sizes shows
the command streams documents rather than loading them all.
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
from pathlib import Path

from tollwatch.synth import generate

ROOT = Path(__file__).resolve().parents[1]


def write_corpus(path: Path, n: int) -> int:
    words = 0
    with path.open("w", encoding="utf-8") as f:
        for record, _ in generate(n, seed=1):
            words += len(record["text"].split())
            f.write(json.dumps(record) + "\n")
    return words


def run_once(corpus: Path, out: Path, normalise: bool = True) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, claims) for one `tollwatch extract` run in a child process."""
    start = time.perf_counter()
    flags = [] if normalise else ["--no-normalise"]
    with out.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "tollwatch", "extract", str(corpus), "--format", "jsonl", *flags],
                                stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not the max over all children
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"tollwatch extract failed on {corpus} (status {status})")
    with out.open("rb") as f:
        claims = sum(1 for _ in f)
    return seconds, usage.ru_maxrss / 1024, claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--compare-up-to", type=int, default=10000, metavar="N",
                    help="Also run without normalisation for sizes up to N.")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.sizes):
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            words = write_corpus(corpus, n)
            seconds, peak_mb, claims = run_once(corpus, Path(tmp) / "claims.jsonl")
            rows.append({"documents": n, "words_per_doc": round(words / n), "seconds": round(seconds, 2),
                         "docs_per_second": round(n / seconds, 1), "peak_rss_mb": round(peak_mb, 1),
                         "claims": claims, "mb": round(corpus.stat().st_size / 1e6, 1)})
            if n <= args.compare_up_to:  # the overhead is a ratio: measuring it on the largest run adds nothing
                raw_seconds, _, _ = run_once(corpus, Path(tmp) / "claims.jsonl", normalise=False)
                rows[-1].update(seconds_without_normalisation=round(raw_seconds, 2),
                                normalisation_overhead_pct=round(100 * (seconds - raw_seconds) / raw_seconds, 1))
            print(json.dumps(rows[-1]), flush=True)
    print(json.dumps({"python": platform.python_version(), "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
