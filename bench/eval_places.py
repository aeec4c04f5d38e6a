"""Place resolution against ACLED's own coding: for event notes that name places, does the
place tollwatch resolves lie in the country (and first-level area) ACLED coded for the event?

    python bench/eval_places.py ../shared/datasets/acled_notes_samples/*.csv

Every location mention found in a note's claims is resolved with the note's other mentions as
context; a mention counts as right on country when the resolved place's country is the row's
country, and right on admin1 when a city or admin1 result names the row's admin1 (after
folding spelling). Rows are never used to tune anything; this only measures.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter

from tollwatch import extract
from tollwatch.normalise import default_normaliser
from tollwatch.normalise.names import name_key


def main(paths: list[str]) -> None:
    gazetteer = default_normaliser().gazetteer
    stats: Counter[str] = Counter()
    misses: list[tuple[str, str, str]] = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            for row in csv.DictReader(f):
                country_places = gazetteer.candidates(row["country"])
                country = next((p.country for p, t in country_places if p.kind == "country"), None)
                if country is None:
                    stats["rows_country_unknown"] += 1
                    continue
                for claim in extract(row["notes"]):
                    loc = claim.location
                    if loc is None:
                        continue
                    stats["mentions"] += 1
                    if loc.place_id is None:
                        stats["unresolved"] += 1
                        continue
                    stats["resolved"] += 1
                    if loc.country == country:
                        stats["country_right"] += 1
                        if loc.precision in ("point", "admin1") and loc.admin1:
                            stats["admin1_checked"] += 1
                            if name_key(loc.admin1) == name_key(row["admin1"]):
                                stats["admin1_right"] += 1
                    elif len(misses) < 30:
                        misses.append((loc.text, f"{loc.place_id}", f"{row['country']} / {row['admin1']} / {row['location']}"))
    resolved = stats["resolved"] or 1
    print(json.dumps({**stats, "country_accuracy": round(stats["country_right"] / resolved, 3),
                      "admin1_accuracy": round(stats["admin1_right"] / (stats["admin1_checked"] or 1), 3),
                      "resolved_share": round(stats["resolved"] / (stats["mentions"] or 1), 3)}))
    for miss in misses:
        print(" | ".join(miss))


if __name__ == "__main__":
    main(sys.argv[1:])
