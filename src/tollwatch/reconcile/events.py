"""A report's event figures: its restatements of one event read as one figure per source.

Reconciliation compares figures across reports. Inside one report, the headline, the lede and
the body often restate one event, and a breakdown or a later update ("he died in hospital")
refines it; comparing those as separate figures would double-count or flag false
contradictions. So each report's event claims are first read into its events
(`tollwatch.extract.events`), and each event gives one figure per outcome and source, listing
the claims it was read from. Figures given as background (earlier incidents, yearly counts) are
set aside: they are context, not an incident of the report's day.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from tollwatch.extract.events import read_events, summarise
from tollwatch.models import Bounds, Claim, Count, Event, TimeSpan, Victims

BACKGROUND = "background: context the report gives, not the event it reports"


def event_figures(batch: list[Claim]) -> tuple[list[Claim], dict[str, tuple[Claim, str]], dict[str, str]]:
    """(the batch with its event claims read into event figures, the background claims set aside
    with why, each claim read into a figure → that figure's id)."""
    readable = [c for c in batch if c.scope == "event" and not c.claim_id.startswith("drv-")]
    if not readable:
        return batch, {}, {}
    out = [c for c in batch if c not in readable or c.modality in ("speculative", "superseded", "negated")]
    aside: dict[str, tuple[Claim, str]] = {}
    read_into: dict[str, str] = {}
    for event in read_events(readable):
        claims = [c for c in readable if c.claim_id in set(event.claim_ids)]
        if event.background:
            aside.update((c.claim_id, (c, BACKGROUND)) for c in claims)
            continue
        by_source: dict[tuple[str | None, str | None], list[Claim]] = defaultdict(list)
        for c in claims:
            by_source[(c.source.source_id, c.source.name)].append(c)
        for same in by_source.values():
            summary = summarise(same)
            for outcome, bounds in summary.outcomes:
                figure = _figure(event, summary, outcome, bounds, [c for c in same if c.outcome == outcome] or same)
                out.append(figure)
                read_into.update((c, figure.claim_id) for c in figure.evidence["claim_ids"])
    out.sort(key=lambda c: (c.start, c.end))
    return out, aside, read_into


def _figure(event: Event, summary: Event, outcome: str, b: Bounds, claims: list[Claim]) -> Claim:
    first = claims[0]
    classes = [category for category, _ in summary.victims if category != "all"]
    category = classes[0] if len(classes) == 1 and outcome == summary.outcomes[0][0] else (
        first.victims.category if len({c.victims.category for c in claims}) == 1 else "mixed")
    qualifier = "exact" if b.low == b.high else "at_least" if b.high is None else "range"
    time = first.time
    if event.start and event.end:
        time = TimeSpan(time.text if time else "", event.start, event.end)
    figure_id = "evt-" + hashlib.sha256(
        f"{event.event_id}\x00{first.source.source_id}\x00{first.source.name}\x00{outcome}".encode()).hexdigest()[:16]
    return Claim(
        figure_id, first.doc_id, first.start, first.end, first.quote,
        Count(first.count.text, b.best, qualifier, b.low, b.high, b.best), outcome,  # type: ignore[arg-type]
        Victims(category, first.victims.group, first.victims.attributes, first.victims.text),  # type: ignore[arg-type]
        first.source, "event", first.modality, event.manner, event.perpetrator, event.place or first.location,
        time, confidence=max(c.confidence for c in claims),
        evidence={"rule": "event", "event_id": event.event_id, "claim_ids": [c.claim_id for c in claims]},
    )
