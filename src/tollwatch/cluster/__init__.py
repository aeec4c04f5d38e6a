"""Extraction on a Dask cluster (`tollwatch extract INPUT... --engine dask --out DIR`).

The client only lists the input files and cuts them into parts (inputs.py); each part is one
task, which reads its records, extracts them as `tollwatch extract` does (same documents, same
claim ids) and writes its own Parquet files (tables.py). A bad record is an error row; a task
that fails outright (a worker lost, a file cut short) is an error row for its part, and the
other parts go on. `ingest --from-claims DIR` loads the output into a ledger without extracting
again.

Needs the `cluster` extra: pip install 'tollwatch[cluster]' (dask, distributed, fsspec, warcio).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from tollwatch.cluster.inputs import BLOCK, Part, parts, read
from tollwatch.cluster.tables import claim_row, document_row, event_row, read_back, write
from tollwatch.errors import EmptyRecord, InputError, InvalidValue
from tollwatch.extract import extract_document, read_events
from tollwatch.ingest.files import Unread

__all__ = ["ClusterRun", "read_back", "run"]

CONNECT_SECONDS = 20  # to reach a scheduler: Dask retries a refused connection until then


@dataclass(frozen=True, slots=True)
class ClusterRun:
    parts: int
    documents: int
    claims: int
    failures: int  # error rows, less the empty records skipped (which `extract` does not count either)
    skipped: int
    seconds: float
    workers: int


def run(inputs: list[str], out: str, scheduler: str | None = None, workers: int = 1, published: date | None = None,
        normalise: bool = True, block: int = BLOCK) -> ClusterRun:
    """Extract every record of `inputs` on the Dask scheduler at `scheduler` (a LocalCluster of
    `workers` processes when None) into Parquet under `out`, which must be new or empty. Raises
    InvalidValue when Dask is not installed, `out` holds files or the scheduler cannot be reached,
    UnreadableInput for an input that names no file to read."""
    try:
        import fsspec
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise InvalidValue(f"--engine dask needs the cluster extra ({e.name} is missing): "
                           "pip install 'tollwatch[cluster]'") from None
    started = time.perf_counter()
    fs, root = fsspec.core.url_to_fs(out)
    if fs.exists(root) and fs.ls(root):  # a part left from an earlier, longer run would be read as this one's
        raise InvalidValue(f"{out} is not empty: give --out a new or empty folder")
    todo = parts(inputs, block)
    fs.makedirs(root, exist_ok=True)
    cluster = None if scheduler else LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)
    try:
        try:
            client = Client(scheduler or cluster, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
        except OSError as e:
            raise InvalidValue(f"{scheduler}: cannot reach the Dask scheduler ({e}); is it running?") from None
        with client:
            n_workers = len(client.scheduler_info()["workers"])
            futures = client.map(_extract_part, todo, range(len(todo)), out=out, published=published,
                                 normalise=normalise, pure=False)
            totals = [0, 0, 0, 0]
            for index, (part, future) in enumerate(zip(todo, futures)):
                try:
                    counts = future.result()
                except Exception as e:  # noqa: BLE001 (a worker died under this part: say so, keep the rest)
                    counts = _write_failed(out, index, part, e)
                totals = [a + b for a, b in zip(totals, counts)]
    finally:
        if cluster is not None:
            cluster.close()
    documents, claims, failures, skipped = totals
    return ClusterRun(len(todo), documents, claims, failures, skipped, round(time.perf_counter() - started, 2),
                      n_workers)


def _extract_part(part: Part, index: int, out: str, published: date | None, normalise: bool) -> tuple[int, ...]:
    """One task: (documents, claims, failures, skipped) of the part, its rows written under `out`."""
    import fsspec

    rows: dict[str, list[dict[str, Any]]] = {"claims": [], "events": [], "documents": [], "errors": []}
    failures = skipped = 0

    def error(origin: str, message: str, skip: bool = False) -> None:
        nonlocal failures, skipped
        rows["errors"].append({"input": origin, "error": message, "skipped": skip})
        failures += not skip
        skipped += skip

    try:
        for unread in read(part, published):
            for item in unread.documents() if isinstance(unread, Unread) else (unread,):
                if isinstance(item, InputError):
                    error(item.origin, item.message, isinstance(item, EmptyRecord))
                    continue
                try:
                    claims = extract_document(item, normalise)
                except Exception as e:  # noqa: BLE001 (a bug on one document must not lose the part)
                    error(item.origin or item.doc_id, f"extraction failed: {type(e).__name__}: {e}")
                    continue
                rows["documents"].append(document_row(item, len(claims)))
                rows["claims"].extend(claim_row(c) for c in claims)
                rows["events"].extend(event_row(e) for e in read_events(claims))
    except Exception as e:  # noqa: BLE001 (a file cut short or a storage error: the rows read so far stay)
        error(part.name, f"reading stopped: {type(e).__name__}: {e}")
    fs, root = fsspec.core.url_to_fs(out)
    write(fs, root, index, rows)
    return len(rows["documents"]), len(rows["claims"]), failures, skipped


def _write_failed(out: str, index: int, part: Part, e: Exception) -> tuple[int, ...]:
    import fsspec

    fs, root = fsspec.core.url_to_fs(out)
    write(fs, root, index, {"errors": [{"input": part.name, "error": f"task failed: {type(e).__name__}: {e}",
                                        "skipped": False}]})
    return 0, 0, 1, 0
