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
import re
from collections import defaultdict
from dataclasses import replace

from tollwatch.extract.events import by_class, find_count, main_place, read_events
from tollwatch.extract.people import Person, merged, person, same_person
from tollwatch.extract.headline import in_title
from tollwatch.reconcile.figures import one_incident
from tollwatch.models import EVENT_OUTCOMES, Bounds, Claim, Count, Event, TimeSpan, Victims

_OF_ONE_INCIDENT = 50  # the most people, per outcome, one incident's other figures bring into it

BACKGROUND = "background: context the report gives, not the event it reports"
RESTATED = "restated: a victim or a figure the event already counts (under another outcome, or in the text)"


def event_figures(batch: list[Claim]) -> tuple[list[Claim], dict[str, tuple[Claim, str]], dict[str, str]]:
    """(the batch with its event claims read into event figures, the background claims set aside
    with why, each claim read into a figure → that figure's id)."""
    readable = [c for c in batch if c.scope == "event" and not c.claim_id.startswith("drv-")
                and c.outcome in EVENT_OUTCOMES]
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
        key = {c.claim_id: (c.source.source_id, c.source.name) for c in claims}
        for c in claims:
            # a part or a subset stays with its whole: "two men were shot; one of them died, police said"
            whole = c.part_of or c.evidence.get("subset_of")
            by_source[key.get(whole, key[c.claim_id]) if isinstance(whole, str) else key[c.claim_id]].append(c)
        _one_voice_for_people(by_source)
        made = len(out)
        for same in by_source.values():
            for outcome, (total, classes) in by_class(same, claims).items():
                if total.high == 0 and not any(c.modality == "negated" for c in same if c.outcome == outcome):
                    # "a 41-year-old was shot", says one source, of the man another says died: no
                    # figure of its own, or that source's zero would stand for the event
                    aside.update((c.claim_id, (c, RESTATED)) for c in same if c.outcome == outcome)
                    continue
                specific = {c: v for c, v in classes.items() if c != "all"}
                for category, (bounds, group) in specific.items():
                    out.append(_figure(event, outcome, category, total if len(classes) == 1 else bounds, group, same))
                if "all" in classes or len(specific) > 1:  # everyone, when classes alone do not say it
                    out.append(_figure(event, outcome, "mixed" if len(specific) > 1 else "unknown", total,
                                       [c for c in same if c.outcome == outcome], same))
        mine = out[made:]
        if any(one_incident(f) for f in mine):
            # "leaving one dead and a dozen others wounded": the wounded of one incident are in it,
            # however many (read alone, a dozen might be a toll to date); "over 400" still may be
            out[made:] = [replace(f, evidence={**f.evidence, "one_incident": True}) if f.count.qualifier == "exact"
                          and (f.count.best or 0) <= _OF_ONE_INCIDENT else f for f in mine]
    for figure in out:
        read_into.update((c, figure.claim_id) for c in figure.evidence.get("claim_ids", ()))
    out.sort(key=lambda c: (c.start, c.end))
    return out, aside, read_into


def _one_voice_for_people(by_source: dict[tuple[str | None, str | None], list[Claim]]) -> None:
    """A source quoted only on one person ("a 41-year-old was shot in the ankle, Pacheco said";
    "the suspect killed an individual inside the home", said the chief) gives a piece of the
    event, not a count of it: for that outcome, the person joins the report's own account (or
    the fullest other one), where the report counts them among the others, each once."""
    outcomes = {c.outcome for same in by_source.values() for c in same}
    for outcome in outcomes:
        told = {k: [c for c in same if c.outcome == outcome] for k, same in by_source.items()}
        pieces = [k for k, cs in told.items() if cs and all(_piece(c) for c in cs)]
        counts = [k for k, cs in told.items() if cs and k not in pieces]
        if len(pieces) < (1 if counts else 2):
            continue
        # where every source speaks of single people ("Harewood was found dead, officials said";
        # "a 1-year-old girl was found shot, police said"), the report's own account gathers them
        among = counts or pieces
        # not the headline alone, which the text's own figures replace ("Teen, 3 adults shot" above
        # "police said a 15-year-old girl, two women and a man were shot")
        among = [k for k in among if not all(in_title(c) for c in told[k])] or among
        main = (None, None) if (None, None) in among else max(among, key=lambda k: len(told[k]))
        pieces = [k for k in pieces if k != main]
        for k in pieces:
            by_source[k] = [c for c in by_source[k] if c.outcome != outcome]
            by_source[main].extend(told[k])
    for k in [k for k, same in by_source.items() if not same]:
        del by_source[k]


_CONDITION = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:is|are|was|were|remains?|remained)\s+(?:listed\s+|reported\s+)?"
                        r"(?:still\s+)?in\s+(?:[\w-]+,?\s+){0,3}?condition\b", re.I)


def _piece(c: Claim) -> bool:
    """One person, or some of a group ("two of the victims shot are teenagers, police say"; by
    ellipsis, "one was listed in critical condition, the other two ..."; "one victim was taken
    to ..."), told by a source that gives no count of its own."""
    if c.modality == "negated" or "previously injured" in c.victims.attributes:
        return False  # ("five of the injured later died, medics said" is an update: a figure of its own)
    if c.evidence.get("single_victim") or re.search(
            r"(?<![\w-])" + re.escape(c.count.text) + r"\s+of\s+(?:the|those|these|them)\b", c.quote, re.I):
        return True
    if c.count.best == 1 and (c.victims.text or "").lower() == "victim":
        return True  # "One victim was transported with life-threatening injuries, police said": one of them
    at = find_count(c.quote, c)
    if at >= 0 and _CONDITION.match(c.quote, at + len(c.count.text)):
        return True  # "two people are in critical condition, authorities said": how some of them are
    return c.victims.text is None and at >= 0 and bool(
        re.fullmatch(r"[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|\d", c.count.text)
        and re.match(r"\s+(?:was|were|is|are|had|has|have)\b", c.quote[at + len(c.count.text):]))


def _figure(event: Event, outcome: str, category: str, b: Bounds, claims: list[Claim], source: list[Claim]) -> Claim:
    # where the text gives it, if it does, and not a denial beside it ("No one inside was hurt"
    # after "a man shot himself"), whose modality would set the whole figure aside
    told = [c for c in claims if c.modality != "negated"] or claims
    first = next((c for c in told if not in_title(c)), told[0])
    # manner and days are also those of the whole a part or a subset belongs to ("one of them died")
    wholes = {c.part_of or c.evidence.get("subset_of") for c in claims}
    context = claims + [c for c in source if c.claim_id in wholes]
    qualifier = "exact" if b.low == b.high else "at_least" if b.high is None else "range"
    days = [(c.time.start, c.time.end) for c in context if c.time and c.time.start and c.time.end]
    time = TimeSpan(first.time.text if first.time else "", min(d[0] for d in days), max(d[1] for d in days)) \
        if days else first.time
    same = len({(c.victims.group, c.victims.attributes) for c in claims}) == 1
    figure_id = "evt-" + hashlib.sha256(f"{event.event_id}\x00{first.source.source_id}\x00{first.source.name}"
                                        f"\x00{outcome}\x00{category}".encode()).hexdigest()[:16]
    evidence: dict[str, object] = {"rule": "event", "event_id": event.event_id, "claim_ids": [c.claim_id for c in claims],
                                   "single_victim": all(c.evidence.get("single_victim") for c in claims)}
    who = _one_person(claims)
    if who is not None:
        evidence["person"] = {k: v for k, v in zip(("age", "sex", "name"), who) if v is not None}
    return Claim(
        figure_id, first.doc_id, first.start, first.end, first.quote,
        Count(first.count.text, b.best, qualifier, b.low, b.high, b.best), outcome,  # type: ignore[arg-type]
        Victims(category, first.victims.group if same else None, first.victims.attributes if same else (),  # type: ignore[arg-type]
                first.victims.text),
        first.source, "event", first.modality, next((c.manner for c in context if c.manner), None),
        next((c.perpetrator for c in context if c.perpetrator), None),
        main_place(claims) or first.location,
        time, confidence=max(c.confidence for c in claims), evidence=evidence,
    )


def _one_person(claims: list[Claim]) -> Person | None:
    """The person a figure of one victim counts, from all its claims' descriptions; None when the
    figure counts more than one person or its claims describe different people."""
    if not all(c.evidence.get("single_victim") for c in claims):
        return None
    who: Person = (None, None, None)
    for c in claims:
        if not same_person(who, person(c)):
            return None
        who = merged(who, person(c))
    return who if any(x is not None for x in who) else None
