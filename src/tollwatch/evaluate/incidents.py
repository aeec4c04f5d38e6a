"""Agreement with incident registries that count the killed and injured of each incident.

The Gun Violence Archive (GVA, as joined to news articles by SemEval-2018 Task 5) lists, for
each shooting, how many were killed and injured, and the local news articles it cites. Each
incident's articles go through the product's own path: stored in a ledger, extracted and
reconciled. The answer for an incident is what a user looking it up would read: for each
outcome, the largest `best` among the reconciled incidents built from its articles' claims
that fit it (in its state, within a day of its date, where the ledger knows these).

Input: the registry's `incidents.jsonl` (`incident_id`, `date` like "January 12, 2014",
`state`, `num_killed`, `num_injured`, `doc_ids`) with `documents.jsonl` (`doc_id`, `content`,
`dct`, `title`) beside it.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from tollwatch.errors import TollwatchError
from tollwatch.models import Document
from tollwatch.reconcile import Incident


@dataclass(frozen=True, slots=True)
class RegistryIncident:
    incident_id: str
    day: date
    state: str
    killed: int
    injured: int
    doc_ids: tuple[str, ...]


@dataclass
class IncidentsReport:
    incidents: int = 0
    killed_exact: int = 0
    injured_exact: int = 0
    both_exact: int = 0
    misses: list[tuple[RegistryIncident, int, int]] = field(default_factory=list)  # (incident, killed, injured) read

    def line(self) -> str:
        n = max(self.incidents, 1)
        return (f"incidents={self.incidents} killed_exact={self.killed_exact / n:.3f} "
                f"injured_exact={self.injured_exact / n:.3f} both_exact={self.both_exact / n:.3f}")


def read_registry(path: Path, sample: int | None = None, seed: int = 11) -> tuple[list[RegistryIncident], list[Document]]:
    """The incidents of `path` (all, or a random sample) and the documents they cite."""
    docs_path = path.with_name("documents.jsonl")
    try:
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        incidents = [RegistryIncident(str(r["incident_id"]), datetime.strptime(r["date"], "%B %d, %Y").date(),
                                      r["state"], int(r["num_killed"]), int(r["num_injured"]), tuple(r["doc_ids"]))
                     for r in rows]
    except OSError as e:
        raise TollwatchError(f"{path}: cannot read ({e.strerror})") from None
    except (ValueError, KeyError, TypeError) as e:
        raise TollwatchError(f"{path}: not a GVA incidents file ({e})") from None
    if sample is not None:
        random.Random(seed).shuffle(incidents)
        incidents = incidents[:sample]
    wanted = {d for i in incidents for d in i.doc_ids}
    return incidents, list(_documents(docs_path, wanted))


def _documents(path: Path, wanted: set[str]) -> Iterator[Document]:
    try:
        with path.open(encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d.get("doc_id") in wanted and d.get("content", "").strip():
                    yield Document(d["doc_id"], d["content"], d.get("dct"), title=d.get("title"),
                                   origin=f"{path.name}:{d['doc_id']}")
    except OSError as e:
        raise TollwatchError(f"{path}: cannot read the documents beside the incidents ({e.strerror})") from None


def evaluate(incidents: list[RegistryIncident], documents: list[Document]) -> IncidentsReport:
    """Store the documents in a throwaway ledger, reconcile it, and score each incident."""
    from tollwatch.pipeline import reconciled, store_documents
    from tollwatch.store import Ledger

    with tempfile.TemporaryDirectory() as tmp, Ledger(f"sqlite:///{tmp}/registry.db") as ledger:
        store_documents(["registry"], documents, ledger)
        result = reconciled(ledger)
        stored = {d.doc_id: (ledger.existing(d) or d.doc_id) for d in documents}
        doc_of = {c.claim_id: c.doc_id for c in ledger.claims()}
    by_doc: dict[str, list[Incident]] = defaultdict(list)
    for x in result.incidents:
        for d in {doc_of.get(c) for c in x.claim_ids} - {None}:
            by_doc[d].append(x)  # type: ignore[index]
    report = IncidentsReport()
    for i in incidents:
        found = {x.incident_id: x for d in i.doc_ids if d in stored for x in by_doc[stored[d]]}
        fits = [x for x in found.values() if _fits(x, i)] or list(found.values())
        best: dict[str, int] = defaultdict(int)
        for x in fits:
            best[x.outcome] = max(best[x.outcome], x.best)
        killed, injured = best["killed"] == i.killed, best["injured"] == i.injured
        report.incidents += 1
        report.killed_exact += killed
        report.injured_exact += injured
        report.both_exact += killed and injured
        if not (killed and injured):
            report.misses.append((i, best["killed"], best["injured"]))
    return report


def _fits(x: Incident, i: RegistryIncident) -> bool:
    place = x.place
    state_ok = place is None or not place.country or (place.country == "US" and place.admin1 in (None, i.state))
    day = timedelta(days=1)
    low = (i.day - day if i.day > date.min else i.day).isoformat()
    high = (i.day + day if i.day < date.max else i.day).isoformat()
    date_ok = not x.start or not x.end or (x.start <= high and x.end >= low)
    return state_ok and date_ok
