"""Every claim behind the reconciliation as a CONTRACT record, flattened (derived figures included,
marked in `derived`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tollwatch.layouts import Layout
from tollwatch.output import CLAIM_FIELDS, claim_row
from tollwatch.reconcile import DocumentInfo, Figure, Reconciliation

COLUMNS = (*CLAIM_FIELDS, "place_id", "place_name", "admin1", "country", "latitude", "longitude", "precision",
           "source_id", "derived", "quote", "actor_id", "admin1_code", "review_status", "reviewed_by")

HXL = {"claim_id": "#meta+id", "count_text": "#affected+text", "low": "#affected+num+min",
       "best": "#affected+num", "high": "#affected+num+max", "outcome": "#affected+type",
       "time_start": "#date+start", "time_end": "#date+end", "source_name": "#meta+source",
       "place_name": "#loc+name", "admin1": "#adm1+name", "admin1_code": "#adm1+code", "country": "#country+code", "latitude": "#geo+lat",
       "longitude": "#geo+lon", "quote": "#description"}


def rows(result: Reconciliation, documents: Mapping[str, DocumentInfo]) -> list[dict[str, Any]]:
    return [_row(f) for f in result.figures_of()]


def _row(f: Figure) -> dict[str, Any]:
    c = f.claim
    loc = c.location
    review = c.evidence.get("review") or {}
    return {**claim_row(c), "place_id": f.place_id, "place_name": loc.name if loc else None,
            "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
            "precision": loc.precision if loc else None, "derived": f.derived,
            "review_status": review.get("status", "unreviewed"), "reviewed_by": ";".join(review.get("reviewers", ()))}


LAYOUT = Layout("native", "claims", COLUMNS, rows, HXL, "claims as CONTRACT records")
