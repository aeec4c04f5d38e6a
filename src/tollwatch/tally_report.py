"""A reconciliation's output: a table of tallies, checks and discrepancies for people, and one
CSV row per tally for spreadsheets (`tollwatch tally`)."""

from __future__ import annotations

from typing import Any

from tollwatch.reconcile import Reconciliation, Tally

TALLY_COLUMNS = ["tally_id", "kind", "outcome", "category", "victims_group", "victims_attributes", "place_id",
                 "place_name", "country", "start", "end", "low", "best", "high", "open_ended", "best_source",
                 "sources", "incident_id", "group", "claim_ids", "reviewed"]


def tally_row(t: Tally) -> dict[str, Any]:
    return {
        "tally_id": t.tally_id, "kind": t.kind, "outcome": t.outcome, "category": t.victims.category,
        "victims_group": t.victims.group, "victims_attributes": ";".join(t.victims.attributes),
        "place_id": t.place_id, "place_name": t.place.name if t.place else None,
        "country": t.place.country if t.place else None, "start": t.start, "end": t.end, "low": t.low,
        "best": t.best, "high": t.high, "open_ended": t.open_ended,
        "best_source": t.standing.name,
        "sources": ";".join(s.name for s in t.sources), "incident_id": t.incident_id, "group": t.group,
        "claim_ids": ";".join(t.claim_ids), "reviewed": t.reviewed,
    }


def format_reconciliation(result: Reconciliation) -> str:
    """Tallies as a table, then the checks that failed or derived a figure, then discrepancies."""
    if not result.tallies:
        return "no tallies: no stored claims match"
    rows = []
    for t in result.tallies:
        window = (f"to {t.end}" if t.end else "undated") if t.kind == "toll" else (t.start or "") if t.start == t.end else f"{t.start}..{t.end}"
        victims = t.victims.label() if t.group is None else f"{t.victims.label()} [{t.group}]"
        high = f"{t.high}+" if t.open_ended else str(t.high)
        rows.append([t.tally_id, t.outcome, victims, t.place.name if t.place and t.place.name else "-", window,
                     str(t.low), str(t.best), high, str(len(t.sources)), f"{t.reviewed}/{len(t.claim_ids)}"])
    header = ["tally", "outcome", "victims", "place", "days", "low", "best", "high", "sources", "reviewed"]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    notable = [c for c in result.checks if c.status != "ok"]
    passed = len(result.checks) - len(notable)
    lines += ["", f"checks: {passed} passed" + (f", {len(notable)} to read:" if notable else "")]
    lines += [f"  [{c.status}] {c.expression}  ({c.whole})" for c in notable]
    if result.discrepancies:
        lines += ["", f"discrepancies: {len(result.discrepancies)}"]
        lines += [f"  [{d.kind}] {d.reason}" for d in result.discrepancies]
    lines += ["", "`tollwatch explain ID` shows the claims and quotes behind a tally."]
    return "\n".join(lines)
