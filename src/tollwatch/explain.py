"""`tollwatch explain`: how a tally's or an incident's numbers follow from the quoted claims."""

from __future__ import annotations

from collections.abc import Iterator

from tollwatch.reconcile import KIND_RANK, Figure, Incident, Reconciliation, SourceFigure, Tally, describe


def explain(item: Tally | Incident, result: Reconciliation) -> str:
    lines = list(_incident(item, result) if isinstance(item, Incident) else _tally(item, result))
    related = {item.tally_id} if isinstance(item, Tally) else {t.tally_id for t in item.by_victims}
    claim_ids = set(item.claim_ids)
    docs = {result.figures[c].claim.doc_id for c in claim_ids if c in result.figures}
    aside = [(c, why) for c, why in result.set_aside.values() if c.doc_id in docs and c.outcome == item.outcome]
    if aside:
        lines += ["", "Set aside, not counted:"]
        lines += [f"  {c.count.text!r}: {why} ({c.claim_id})\n      “{_short(c.quote)}”" for c, why in aside]
    checks = [c for c in result.checks if c.whole in related | claim_ids or set(c.parts) & (related | claim_ids)]
    if checks:
        lines += ["", "Checks:"]
        lines += [f"  [{c.status}] {c.kind}: {c.expression}  ({c.check_id})" for c in checks]
    flags = [d for d in result.discrepancies if d.tally_id in related or set(d.claim_ids) & claim_ids]
    if flags:
        lines += ["", "Discrepancies:"]
        for d in flags:
            lines.append(f"  [{d.kind}] {d.reason}  ({d.discrepancy_id})")
            lines += [f"      “{_short(q)}”" for q in d.quotes if q]
    return "\n".join(lines)


def _tally(t: Tally, result: Reconciliation, indent: str = "") -> Iterator[str]:
    window = f"as of {t.end} (a running toll)" if t.kind == "toll" else \
        (f"on {t.start}" if t.start == t.end else f"{t.start} to {t.end}")
    if t.kind == "period" and not t.dated:
        window += ", days inferred from publication"
    yield f"{indent}{t.tally_id}: {describe(t)}, {window}"
    open_note = " (some wording sets no upper bound)" if t.open_ended else ""
    yield f"{indent}low {t.low} · best {t.best} · high {t.high}{open_note}"
    yield ""
    yield f"{indent}Sources, each counted once with its latest figure:"
    for s in t.sources:
        yield from _source(s, result, indent + "  ")
    low = min(t.sources, key=lambda s: s.low)
    top = max(t.sources, key=lambda s: s.high if s.high is not None else s.best)
    best = t.standing
    yield ""
    yield f"{indent}How the numbers follow:"
    yield f"{indent}  low  {t.low}: the smallest figure any source's wording allows ({low.name})"
    reason = "the only source" if len(t.sources) == 1 else f"the most credible source ({_kind(best.kind)})" + _tie(t, best)
    yield f"{indent}  best {t.best}: the figure of {best.name}, {reason}"
    opened = ", an open-ended wording counting as its least figure" if top.high is None else ""
    yield f"{indent}  high {t.high}: the largest figure any source gives ({top.name}{opened})"


def _incident(i: Incident, result: Reconciliation) -> Iterator[str]:
    days = f"on {i.start}" if i.start == i.end else f"{i.start} to {i.end}"
    where = f" in {i.place.name}" if i.place and i.place.name else ""
    yield f"{i.incident_id}: {i.outcome}{where} {days}" + (f" ({i.manner})" if i.manner else "")
    yield f"low {i.low} · best {i.best} · high {i.high}: the larger of the figure for all victims and the sum " \
          "over victim classes that cannot overlap"
    for t in i.by_victims:
        yield ""
        yield from _tally(t, result, "  ")


def _source(s: SourceFigure, result: Reconciliation, indent: str) -> Iterator[str]:
    bounds = f"{s.low}" if s.high == s.low else f"{s.low}..{s.high if s.high is not None else ''}"
    f = result.figures.get(s.claim_id)
    what = f"{f.claim.count.text!r}" if f else ""
    yield f"{indent}- {s.name} ({s.kind or 'unknown kind'}): {what} → {bounds}, as of {s.as_of or 'unknown'}" + \
        (f", in {s.stories} reports" if s.stories > 1 else "")
    if f:
        yield from _evidence(f, result, indent + "    ")
    for earlier in s.earlier:
        e = result.figures.get(earlier)
        if e:
            yield f"{indent}    earlier: {e.claim.count.text!r} as of {e.end or 'unknown'} ({earlier})"


def _evidence(f: Figure, result: Reconciliation, indent: str) -> Iterator[str]:
    if f.derived:
        yield f"{indent}derived, not stated: {f.claim.evidence.get('expression')} ({f.claim.claim_id})"
        for source_id in f.claim.evidence.get("derived_from", []):
            g = result.figures.get(source_id)
            if g:
                yield f"{indent}  from “{_short(g.claim.quote)}” ({source_id})"
        return
    place = " (place taken from the rest of the report)" if f.place_inherited else ""
    yield f"{indent}“{_short(f.claim.quote)}” ({f.claim.claim_id}, {f.claim.doc_id}){place}"
    review = f.claim.evidence.get("review")
    if review:
        by = ", ".join(review.get("reviewers", ()))
        yield f"{indent}{review['status'].replace('_', ' ')}" + (f" by {by}" if by else "") + \
            " (`tollwatch history CLAIM_ID` shows each review)"


def _tie(t: Tally, best: SourceFigure) -> str:
    """How `best` won among sources of its own kind, if it had rivals."""
    rivals = [s for s in t.sources if s is not best and KIND_RANK.get(s.kind, 7) == KIND_RANK.get(best.kind, 7)]
    if not rivals:
        return ""
    if all(s.stories < best.stories for s in rivals):
        return f", carried by more independent reports ({best.stories})"
    return ", the lowest figure among equals"


def _kind(kind: str | None) -> str:
    return {"monitor": "a monitoring group", "un": "the UN", "medical": "medical services",
            "government": "an authority", "media": "a news organisation", "witness": "witnesses",
            "outlet": "the outlet itself", "armed_group": "a party to the fighting"}.get(kind or "", "unknown kind")


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
