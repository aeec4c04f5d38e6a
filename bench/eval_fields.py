"""Per-field accuracy of the extractor: on the team's golden cases and on ACLED coder notes.

    python bench/eval_fields.py [--cases tests/cases/extraction.json tests/cases/phrasing.json]
                                [--acled ../shared/datasets/acled_notes_samples/*.csv]

Golden cases: each expected claim is found by its anchor (as tests/test_extract_cases.py does);
detection recall counts the expected claims found, false positives are claims on a `not` phrase
or any claim a case with `allow_extra: false` does not expect. On the found claims, each field is
scored where the case states it: count (low and high), outcome, class (victims category), source
(the expected name inside the found one, case-insensitive), time (start and end).

ACLED notes: per row with a figure the text states, count is the conservative killed sum equal
to the coded fatalities (as `tollwatch eval-events`); outcome is whether a killed claim was found
exactly when ACLED coded deaths; class is the victims category of the killed claims in
"Violence against civilians" rows (civilian is right); time is a killed claim's resolved date
against the coded event date, where the claim has one. ACLED codes no source per figure.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from tollwatch import extract
from tollwatch.evaluate.events import CONVENTIONAL, _date, killed_figure
from tollwatch.reconcile.figures import SET_ASIDE

ROOT = Path(__file__).resolve().parents[1]


def _hits(claims, text, anchor):
    s = text.find(anchor)
    e = s + len(anchor)
    return [c for c in claims if c.start < e and c.end > s] if s >= 0 else []


def score_cases(path: Path) -> dict[str, tuple[int, int]]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    n = Counter()
    for case in cases:
        text = case["text"]
        claims = extract(text, published=case["published"], doc_id=case["id"], normalise=False)
        matched = set()
        for want in case["claims"]:
            n["expected"] += 1
            hits = _hits(claims, text, want["anchor"])
            if not hits:
                continue
            got = hits[0]
            matched.add(got.claim_id)
            n["found"] += 1
            for field, ok in (
                ("count", (got.count.low, got.count.high) == (want["low"], want["high"])),
                ("outcome", got.outcome == want["outcome"]),
                ("class", got.victims.category == want.get("category")) if "category" in want else ("", None),
                ("source", bool(got.source.name) and want["source"].lower() in got.source.name.lower())
                if "source" in want else ("", None),
                ("time", (got.time.start if got.time else None, got.time.end if got.time else None) ==
                 (want.get("time_start"), want.get("time_end"))) if "time_start" in want else ("", None),
            ):
                if ok is not None:
                    n[f"{field}_n"] += 1
                    n[f"{field}_ok"] += bool(ok)
        for phrase in case["not"]:
            n["decoy_hits"] += bool(_hits(claims, text, phrase))
        if not case["allow_extra"]:
            n["false_positives"] += sum(c.claim_id not in matched for c in claims)
    return {"cases": (len(cases), len(cases)), "recall": (n["found"], n["expected"]),
            "false_positives": (n["false_positives"], 0), "decoy_hits": (n["decoy_hits"], 0),
            **{f: (n[f"{f}_ok"], n[f"{f}_n"]) for f in ("count", "outcome", "class", "source", "time")}}


def score_acled(paths: list[Path]) -> dict[str, tuple[int, int]]:
    n = Counter()
    categories: Counter[str] = Counter()
    for path in paths:
        with path.open(encoding="utf-8", errors="replace", newline="") as f:
            for row in csv.DictReader(f):
                try:
                    coded = int(row["fatalities"])
                except (TypeError, ValueError):
                    continue
                notes = row.get("notes") or ""
                if CONVENTIONAL.search(notes):
                    continue
                day = _date(row.get("event_date"))
                claims = extract(notes, published=day, normalise=False)
                killed = [c for c in claims if c.outcome == "killed" and c.modality not in SET_ASIDE]
                n["rows"] += 1
                n["count_ok"] += killed_figure(claims)[1] == coded
                n["outcome_ok"] += bool(killed) == (coded > 0)
                if coded > 0 and row.get("event_type") == "Violence against civilians":
                    for c in killed:
                        if c.part_of is None:
                            categories[c.victims.category] += 1
                for c in killed:
                    if c.time and c.time.start:
                        n["time_n"] += 1
                        n["time_ok"] += c.time.start <= (day or "") <= (c.time.end or c.time.start)
    total = sum(categories.values())
    return {"rows": (n["rows"], n["rows"]), "count": (n["count_ok"], n["rows"]), "outcome": (n["outcome_ok"], n["rows"]),
            "class": (categories["civilian"], total), "class_unknown": (categories["unknown"], total),
            "time": (n["time_ok"], n["time_n"])}


def _show(name: str, scores: dict[str, tuple[int, int]]) -> None:
    parts = []
    for k, (ok, total) in scores.items():
        parts.append(f"{k}={ok}" if k in ("cases", "rows", "false_positives", "decoy_hits")
                     else f"{k}={ok}/{total} ({ok / total:.1%})" if total else f"{k}=n/a")
    print(f"{name}: " + ", ".join(parts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", nargs="*", type=Path,
                    default=[ROOT / "tests/cases/extraction.json", ROOT / "tests/cases/phrasing.json"])
    ap.add_argument("--acled", nargs="*", type=Path, default=[])
    args = ap.parse_args()
    for path in args.cases:
        _show(path.name, score_cases(path))
    if args.acled:
        _show("acled notes", score_acled(args.acled))


if __name__ == "__main__":
    main()
