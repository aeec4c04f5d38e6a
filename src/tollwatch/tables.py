"""A reconciliation as rows of the ledger's reconciled tables (tallies, incidents, checks,
discrepancies), and the refresh that keeps them current: after every run that writes claims, so
that sqlite3, Datasette and pandas users read the same figures `tollwatch tally` prints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tollwatch.models import Location
from tollwatch.reconcile import Check, Discrepancy, Incident, Reconciliation, Tally, reconcile
from tollwatch.store import Ledger
from tollwatch.store.schema import RECONCILED_IDS


def refresh(ledger: Ledger) -> bool:
    """Reconcile the ledger's claims into its tables unless they are current. Returns whether it
    did. The generation is read first, so a write landing meanwhile makes the next refresh redo it."""
    generation = ledger.generation()
    if ledger.reconciled_generation() == generation:
        return False
    ledger.replace_reconciled(generation, rows(reconcile(ledger.claims(), ledger.document_infos())))
    return True


Rows = dict[str, list[dict[str, Any]]]


class Writer:
    """Writes a process's reconciliations to the ledger's tables: after the first, only the rows
    that changed, unless another process rewrote the tables meanwhile (then all of them)."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._rows: Rows | None = None  # what this writer last wrote
        self._generation = -2
        self._made: dict[int, tuple[object, dict[str, Any], str]] = {}  # id(item) -> (item, its row, its table)

    def write(self, generation: int, result: Reconciliation) -> None:
        if self.ledger.reconciled_generation() == generation:
            if generation != self._generation:
                self._rows = None  # written by another process: its rows are not ours to diff against
            return
        new, delete, insert = self._rows_of(result)
        if self._rows is None or not self.ledger.update_reconciled(generation, self._generation, delete, insert):
            self.ledger.replace_reconciled(generation, new)
        self._rows, self._generation = new, generation

    def _rows_of(self, result: Reconciliation) -> tuple[Rows, dict[str, list[str]], Rows]:
        """rows(result), and what turns the rows last written into them: the ids to delete and the
        rows to insert. The row of an item that is the very object of the last result is reused (an
        incremental reconciliation keeps what did not change), so only the rows of new items are
        made, and only their ids, and those of items gone, are rewritten."""
        made: dict[int, tuple[object, dict[str, Any], str]] = {}
        out: Rows = {}
        touched: dict[str, set[str]] = {table: set() for table in RECONCILED_IDS}
        tables: list[tuple[str, Sequence[Any], Callable[[Any], dict[str, Any]]]] = [
            ("tallies", result.tallies, _tally), ("incidents", result.incidents, _incident),
            ("checks", result.checks, _check), ("discrepancies", result.discrepancies, _discrepancy)]
        for table, items, convert in tables:
            key, found, ids = RECONCILED_IDS[table], [], touched[table]
            for item in items:
                known = self._made.get(id(item))
                if known is not None and known[0] is item:
                    row = known[1]
                else:
                    row = convert(item)
                    ids.add(row[key])
                made[id(item)] = (item, row, table)
                found.append(row)
            out[table] = found
        for n, (item, row, table) in self._made.items():
            now = made.get(n)
            if now is None or now[0] is not item:
                touched[table].add(row[RECONCILED_IDS[table]])
        self._made = made  # holds the items, so no id above is reused by another object meanwhile
        delete = {table: sorted(ids) for table, ids in touched.items()}
        insert = {table: [r for r in out[table] if r[RECONCILED_IDS[table]] in ids] if ids else []
                  for table, ids in touched.items()}
        return out, delete, insert


def rows(result: Reconciliation) -> Rows:
    return {"tallies": [_tally(t) for t in result.tallies], "incidents": [_incident(i) for i in result.incidents],
            "checks": [_check(c) for c in result.checks], "discrepancies": [_discrepancy(d) for d in result.discrepancies]}


def _place(place: Location | None) -> dict[str, Any]:
    return {"place_id": place.place_id if place else None, "place_name": place.name if place else None,
            "admin1": place.admin1 if place else None, "admin1_code": place.admin1_code if place else None,
            "country": place.country if place else None}


def _tally(t: Tally) -> dict[str, Any]:
    return {"tally_id": t.tally_id, "kind": t.kind, "outcome": t.outcome, "category": t.victims.category,
            "victims_group": t.victims.group, "victims_attributes": list(t.victims.attributes), **_place(t.place),
            "start": t.start, "end": t.end, "low": t.low, "best": t.best, "high": t.high, "open_ended": t.open_ended,
            "best_source": t.standing.name, "manner": t.manner, "incident_id": t.incident_id, "split": t.group,
            "dated": t.dated, "claim_ids": list(t.claim_ids),
            "sources": [{"name": s.name, "kind": s.kind, "low": s.low, "best": s.best, "high": s.high,
                         "as_of": s.as_of, "claim_id": s.claim_id, "derived": s.derived} for s in t.sources]}


def _incident(i: Incident) -> dict[str, Any]:
    return {"incident_id": i.incident_id, "outcome": i.outcome, "manner": i.manner, **_place(i.place),
            "latitude": i.place.lat if i.place else None, "longitude": i.place.lon if i.place else None,
            "start": i.start, "end": i.end, "low": i.low, "best": i.best, "high": i.high, "sources": list(i.sources),
            "tally_ids": [t.tally_id for t in i.by_victims], "claim_ids": list(i.claim_ids)}


def _check(c: Check) -> dict[str, Any]:
    return {"check_id": c.check_id, "kind": c.kind, "whole": c.whole, "parts": list(c.parts),
            "expression": c.expression, "status": c.status, "derived": c.derived}


def _discrepancy(d: Discrepancy) -> dict[str, Any]:
    return {"discrepancy_id": d.discrepancy_id, "kind": d.kind, "tally_id": d.tally_id, "reason": d.reason,
            "sources": list(d.sources), "quotes": list(d.quotes), "claim_ids": list(d.claim_ids)}
