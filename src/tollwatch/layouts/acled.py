"""One row per incident in ACLED's column layout, every column of ACLED's export in its order,
then tollwatch's own bounds and claim ids. Columns tollwatch cannot know (admin2, tags, ...) are
empty. Vague words are coded with ACLED's conventional points ("dozens" → 12), said in `notes`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from tollwatch.layouts import Layout
from tollwatch.layouts.shared import actors, country, days, incident_review
from tollwatch.reconcile import DocumentInfo, Incident, Reconciliation, totals

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
TOLLWATCH_COLUMNS = ("tollwatch_low", "tollwatch_best", "tollwatch_high", "tollwatch_claim_ids", "tollwatch_review_status")

# the hashtags of ACLED's own datasets on HDX
HXL = {"event_id_cnty": "#event+code", "event_date": "#date+occurred", "year": "#date+year",
       "event_type": "#event+type", "sub_event_type": "#event+type+sub", "actor1": "#group+name+first",
       "assoc_actor_1": "#group+name+first+assoc", "actor2": "#group+name+second",
       "assoc_actor_2": "#group+name+second+assoc", "iso": "#country+code", "region": "#region+name",
       "country": "#country+name", "admin1": "#adm1+name", "admin2": "#adm2+name", "admin3": "#adm3+name",
       "location": "#loc+name", "latitude": "#geo+lat", "longitude": "#geo+lon", "source": "#meta+source",
       "notes": "#description", "fatalities": "#affected+killed"}

# ACLED codes vague fatality words with fixed points (its codebook); tollwatch's own `best` stays
# the smallest figure the wording allows.
ACLED_VAGUE = {"several": 10, "tens": 10, "many": 10, "dozens": 12, "hundreds": 100}

# Each manner the lexicon produces, as ACLED's event type and sub-event type. Remote violence
# keeps its type whoever the victims were; other manners depend on them (see `event_type`).
REMOTE = {"airstrike": "Air/drone strike", "drone_strike": "Air/drone strike",
          "shelling": "Shelling/artillery/missile attack", "missile_strike": "Shelling/artillery/missile attack",
          "bombing": "Remote explosive/landmine/IED", "landmine": "Remote explosive/landmine/IED"}
ONE_SIDED = frozenset({"executed", "massacre"})   # ACLED counts the executed as civilians, armed or not
CLASHES = frozenset({"shooting"})                 # between armed people it is an armed clash
TARGETED = frozenset({"stabbing"})                # only an attack when the victims were civilians
MANNERS = frozenset(REMOTE) | ONE_SIDED | CLASHES | TARGETED
POLITICAL_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def event_type(manner: str | None, civilian: bool, outcome: str) -> tuple[str, str]:
    """ACLED's (event_type, sub_event_type); both empty when the report does not say enough."""
    if outcome == "kidnapped":
        return "Violence against civilians", "Abduction/forced disappearance"
    if manner in REMOTE:
        return "Explosions/Remote violence", REMOTE[manner]
    if manner in ONE_SIDED or civilian:
        return "Violence against civilians", "Attack"
    if manner in CLASHES:
        return "Battles", "Armed clash"
    return "", ""


def rows(result: Reconciliation, documents: Mapping[str, DocumentInfo]) -> list[dict[str, Any]]:
    return [_row(i, result) for i in result.incidents]


def _row(i: Incident, result: Reconciliation) -> dict[str, Any]:
    figures = result.figures_of(i.claim_ids)
    place = i.place
    fatalities, vague_note = _fatalities(i, result) if i.outcome == "killed" else (0, "")
    civilian = i.best_for("civilian") is not None
    kind, sub_kind = event_type(i.manner, civilian, i.outcome)
    nation = country(place.country if place else None)
    named = actors(figures)
    victims = f"Civilians ({nation['name']})" if civilian and nation else "Civilians" if civilian else ""
    notes = " ".join(dict.fromkeys(" ".join(f.claim.quote.split()) for f in figures))
    outcome_note = "" if i.outcome == "killed" else f" [{i.outcome}: {i.best}]"
    return {
        "event_id_cnty": i.incident_id, "event_date": i.start, "year": int(i.start[:4]) if i.start else None,
        "time_precision": 1 if i.start == i.end else 2 if days(i.start, i.end) <= 7 else 3,
        "disorder_type": "Political violence" if kind in POLITICAL_VIOLENCE else "",
        "event_type": kind, "sub_event_type": sub_kind, "actor1": named[0] if named else "",
        "assoc_actor_1": "; ".join(named[1:]), "inter1": "", "actor2": victims, "assoc_actor_2": "",
        "inter2": "Civilians" if civilian else "", "interaction": "",
        "civilian_targeting": "Civilian targeting" if civilian else "", "iso": nation.get("isonumeric"),
        "region": "", "country": nation.get("name"), "admin1": place.admin1 if place else None, "admin2": "",
        "admin3": "", "location": place.name if place else None, "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": {"point": 1, "admin2": 2}.get(place.precision or "", 3) if place else 3,
        "source": "; ".join(i.sources), "source_scale": "", "notes": notes + outcome_note + vague_note,
        "fatalities": fatalities, "tags": "", "timestamp": "",
        "tollwatch_low": i.low, "tollwatch_best": i.best, "tollwatch_high": i.high,
        "tollwatch_claim_ids": ";".join(i.claim_ids), "tollwatch_review_status": incident_review(i),
    }


def _fatalities(i: Incident, result: Reconciliation) -> tuple[int, str]:
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


LAYOUT = Layout("acled", "incidents", (*COLUMNS, *TOLLWATCH_COLUMNS), rows, HXL,
                "incidents in ACLED's layout")
