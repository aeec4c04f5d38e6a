"""One row per incident that killed people, in the layout of UCDP's Georeferenced Event Dataset
(GED): every GED column in its order, then tollwatch's claim ids. UCDP's own ids (conflict, dyad,
side, Gleditsch-Ward codes) are empty: they come from UCDP's coding, not from the reports."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from tollwatch.layouts import Layout
from tollwatch.layouts.shared import actors, country, days, incident_review
from tollwatch.reconcile import DocumentInfo, Incident, Reconciliation

COLUMNS = ("id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
           "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
           "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
           "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
           "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
           "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
           "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
           "gwnoa", "gwnob")
TOLLWATCH_COLUMNS = ("tollwatch_claim_ids", "tollwatch_review_status")

HXL = {"id": "#event+code", "year": "#date+year", "side_a": "#group+name+first", "side_b": "#group+name+second",
       "source_original": "#meta+source", "where_coordinates": "#loc+name", "adm_1": "#adm1+name",
       "adm_2": "#adm2+name", "latitude": "#geo+lat", "longitude": "#geo+lon", "country": "#country+name",
       "date_start": "#date+start", "date_end": "#date+end", "deaths_civilians": "#affected+killed+civilians",
       "best": "#affected+killed", "low": "#affected+killed+min", "high": "#affected+killed+max"}

WHERE_PREC = {"point": 1, "admin2": 3, "admin1": 4, "region": 5, "country": 6}
ONE_SIDED, STATE_BASED = 3, 1


def rows(result: Reconciliation, documents: Mapping[str, DocumentInfo]) -> list[dict[str, Any]]:
    return [_row(i, result, documents) for i in result.incidents if i.outcome == "killed"]


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (half a degree, numbered row by row from 90°S 180°W, starting at 1)."""
    row = min(359, math.floor((lat + 90) * 2))
    col = min(719, math.floor((lon + 180) * 2))
    return row * 720 + col + 1


def _row(i: Incident, result: Reconciliation, documents: Mapping[str, DocumentInfo]) -> dict[str, Any]:
    figures = result.figures_of(i.claim_ids)
    place = i.place
    deaths_a, deaths_b, civilians = (i.best_for(c) or 0 for c in ("state_forces", "non_state_armed", "civilian"))
    one_sided = civilians > 0 and deaths_a == deaths_b == 0
    violence = ONE_SIDED if one_sided else STATE_BASED if deaths_a and deaths_b else None
    docs = [d for d in dict.fromkeys(documents.get(f.claim.doc_id) for f in figures) if d]
    named = actors(figures)
    point = (place.lat, place.lon) if place and place.lat is not None and place.lon is not None else None
    return {
        "id": i.incident_id, "year": int(i.start[:4]) if i.start else None, "type_of_violence": violence,
        "side_a": named[0] if named else "", "side_b": "Civilians" if one_sided else "",
        "number_of_sources": len(i.sources),
        "source_article": "; ".join(dict.fromkeys(d.title or d.url or d.doc_id for d in docs)),
        "source_office": "; ".join(dict.fromkeys(d.site_name for d in docs if d.site_name)),
        "source_date": "; ".join(dict.fromkeys(d.published for d in docs if d.published)),
        "source_headline": "; ".join(dict.fromkeys(d.title for d in docs if d.title)),
        "source_original": "; ".join(i.sources),
        "where_prec": WHERE_PREC.get(place.precision or "", 7) if place else 7,
        "where_coordinates": place.name if place else None,
        "where_description": "; ".join(dict.fromkeys(f.claim.location.text for f in figures if f.claim.location)),
        "adm_1": place.admin1 if place else None,
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "geom_wkt": f"POINT ({point[1]} {point[0]})" if point else None,
        "priogrid_gid": priogrid_gid(*point) if point else None,
        "country": country(place.country if place else None).get("name"),
        "date_prec": 1 if i.start == i.end else 2 if days(i.start, i.end) <= 6 else 3,
        "date_start": i.start, "date_end": i.end, "deaths_a": deaths_a, "deaths_b": deaths_b,
        "deaths_civilians": civilians, "deaths_unknown": max(0, i.best - deaths_a - deaths_b - civilians),
        "best": i.best, "high": i.high, "low": i.low, "tollwatch_claim_ids": ";".join(i.claim_ids),
        "tollwatch_review_status": incident_review(i),
    }


LAYOUT = Layout("ucdp", "incidents", (*COLUMNS, *TOLLWATCH_COLUMNS), rows, HXL,
                "incidents that killed people in UCDP GED's layout")
