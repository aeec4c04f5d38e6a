"""One core, every core, a Dask cluster: the figures issue 15 asks for, in one run.

    python bench/bench_scale.py [--docs 10000] [--dask-docs 20000] [--pages 2000]

On the same generated ~600-word reports (`tollwatch.synth`, seed 1), each command in a fresh
process, timed end to end, twice, alternating, best kept:

- `tollwatch extract corpus.jsonl --format jsonl` (one core) beside spaCy's bare English
  tokenizer (`spacy.blank("en")`, in bench/.peers-venv) reading the same JSONL: the ratio;
- the same with `--jobs 2`: the speed-up over one job (needs two idle cores to mean anything);
- `tollwatch extract --engine dask --jobs 2 --out DIR` (a LocalCluster of two workers) on
  --dask-docs reports: documents/second and the ratio to `--jobs 2` on the same file;
- `tollwatch ingest PAGES --jobs 2` (and `--jobs 1`) on generated web pages: pages/second.

Prints one JSON line per measurement, then a summary line of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import write_corpus  # noqa: E402
from bench_ingest import write_pages  # noqa: E402

BENCH = Path(__file__).resolve().parent
PEERS_PYTHON = BENCH / ".peers-venv" / "bin" / "python"
TOKENIZE = """
import json, sys, time
import spacy
nlp = spacy.blank("en")
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    nlp.tokenizer(json.loads(line)["text"])
    n += 1
"""


def timed(cmd: list[str], fresh: Path | None = None) -> float:
    """Seconds `cmd` takes; `fresh`, a folder it writes to, is removed first (--out must be empty)."""
    if fresh is not None:
        shutil.rmtree(fresh, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def best_of_two(commands: dict[str, list[str]], fresh: dict[str, Path] | None = None) -> dict[str, float]:
    """Each command twice, alternating, so a busy moment of a shared machine hits both alike."""
    best = {name: float("inf") for name in commands}
    for _ in range(2):
        for name, cmd in commands.items():
            best[name] = min(best[name], timed(cmd, (fresh or {}).get(name)))
    return best


def tollwatch(*args: str) -> list[str]:
    return [sys.executable, "-m", "tollwatch", *args]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000, help="Reports for the one-core and --jobs 2 runs.")
    ap.add_argument("--dask-docs", type=int, default=20000, help="Reports for the Dask LocalCluster run.")
    ap.add_argument("--pages", type=int, default=2000, help="Web pages for the ingest runs.")
    args = ap.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    out: dict[str, object] = {"cores": cores}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, args.docs)
        commands = {"extract": tollwatch("extract", str(corpus), "--format", "jsonl"),
                    "extract_jobs2": tollwatch("extract", str(corpus), "--format", "jsonl", "--jobs", "2")}
        if PEERS_PYTHON.exists() and subprocess.run([str(PEERS_PYTHON), "-c", "import spacy"]).returncode == 0:
            commands["spacy_tokenizer"] = [str(PEERS_PYTHON), "-c", TOKENIZE, str(corpus)]
        else:
            print("no bench/.peers-venv (bench/run_all.py makes it): spaCy's tokenizer not measured", file=sys.stderr)
        best = best_of_two(commands)
        rate = {name: round(args.docs / s, 1) for name, s in best.items()}
        out.update(documents=args.docs, docs_per_second=rate["extract"], jobs2_docs_per_second=rate["extract_jobs2"],
                   jobs2_speedup=round(best["extract"] / best["extract_jobs2"], 2))
        if "spacy_tokenizer" in rate:
            out.update(spacy_tokenizer_docs_per_second=rate["spacy_tokenizer"],
                       ratio_to_spacy_tokenizer=round(rate["extract"] / rate["spacy_tokenizer"], 3))
        print(json.dumps({"measure": "one core and --jobs 2", **{k: round(v, 2) for k, v in best.items()}}),
              flush=True)

        big = Path(tmp) / "big.jsonl"
        write_corpus(big, args.dask_docs)
        out_dir = Path(tmp) / "dask"
        best = best_of_two({
            "jobs2": tollwatch("extract", str(big), "--format", "jsonl", "--jobs", "2"),
            "dask": tollwatch("extract", str(big), "--engine", "dask", "--jobs", "2", "--out", str(out_dir)),
        }, fresh={"dask": out_dir})
        out.update(dask_documents=args.dask_docs, dask_docs_per_second=round(args.dask_docs / best["dask"], 1),
                   dask_ratio_to_jobs2=round(best["jobs2"] / best["dask"], 2))
        print(json.dumps({"measure": "dask LocalCluster, 2 workers", **{k: round(v, 2) for k, v in best.items()}}),
              flush=True)

        pages = Path(tmp) / "pages"
        write_pages(pages, args.pages)
        ingest = {f"jobs{j}": tollwatch("ingest", str(pages), "--db", str(Path(tmp) / f"j{j}.db"), "--jobs", str(j))
                  for j in (1, 2)}
        best = {}
        for name, cmd in ingest.items():  # once each: a second run would find every page stored
            best[name] = timed(cmd)
        out.update(pages=args.pages, ingest_pages_per_second=round(args.pages / best["jobs1"], 1),
                   ingest_jobs2_pages_per_second=round(args.pages / best["jobs2"], 1),
                   ingest_jobs2_speedup=round(best["jobs1"] / best["jobs2"], 2))
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
