"""Ingest throughput into SQLite on generated web pages.

    python bench/bench_ingest.py [--sizes 10000]

Each generated report (`tollwatch.synth`) is wrapped in an HTML page with the usual site
furniture (navigation, related links, comment form, footer), one file per page. Every tenth
page is a syndicated copy of another under a different headline and site, so near-duplicate
detection does real work. `tollwatch ingest FOLDER --db FILE` then runs in a fresh process:
HTML extraction (trafilatura), claim extraction, MinHash, and one SQLite transaction per page.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tollwatch.synth import generate

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="article:published_time" content="{published}">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<section><h2>Similar Posts</h2><ul><li><a href="/a">Markets close higher</a></li></ul></section>
<form><textarea></textarea><button>Post comment</button></form><footer>Copyright {site}</footer></body></html>"""


def write_pages(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    previous: list[str] = []
    for i, (record, _) in enumerate(generate(n, seed=1)):
        body = record["text"]
        site, title = "Daily Ledger", body.split(".")[0][:80]
        if i % 10 == 9 and previous:  # a syndicated copy of an earlier story
            body, site, title = previous[i % len(previous)], "Regional Herald", "Wire: " + title
        previous.append(body)
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
        (folder / f"page-{i:06d}.html").write_text(
            PAGE.format(title=html.escape(title), site=site, published=record["published"], paragraphs=paragraphs),
            encoding="utf-8")


def run_once(folder: Path, db: Path) -> tuple[float, float, str]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "tollwatch", "ingest", str(folder), "--db", str(db)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    summary = proc.stdout.read().strip()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"tollwatch ingest failed on {folder} (status {status}): {summary}")
    return seconds, usage.ru_maxrss / 1024, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(args.sizes):
            folder, db = Path(tmp) / f"pages-{n}", Path(tmp) / f"ledger-{n}.db"
            write_pages(folder, n)
            seconds, peak_mb, summary = run_once(folder, db)
            print(json.dumps({"pages": n, "seconds": round(seconds, 1), "pages_per_second": round(n / seconds, 1),
                              "peak_rss_mb": round(peak_mb, 1), "db_mb": round(db.stat().st_size / 1e6, 1),
                              "summary": summary}), flush=True)
    print(json.dumps({"python": platform.python_version(), "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
