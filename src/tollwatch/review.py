"""Review: people confirm, correct and reject figures, and the ledger keeps what they did.

The review log is append-only. A review is anchored to the figure it judged: the document, the
span of the count phrase and its words (`figure`), and the sentence (`quote`). The current value
of a claim is its extracted value with its reviews applied in order: corrections field by field
(a later value of a field replaces an earlier one), and the latest verdict (confirm, reject,
same figure) deciding whether it is counted.

Re-extraction replaces claims, never reviews. A review stays with the claim that has the same
document, span and words; when the document's text changed (a new version), with the one claim
that has the same words in the same sentence. A review that finds neither is an orphan: listed
by `tollwatch review --orphans`, never dropped.
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any, Literal, TypeVar, get_args

from tollwatch.errors import InvalidValue
from tollwatch.models import CATEGORIES, OUTCOMES, Claim, Location, Modality, Scope, Source, TimeSpan
from tollwatch.reconcile import Check, Figure, Incident, Reconciliation, Tally

Action = Literal["confirm", "reject", "correct", "same_as", "move", "split"]
ACTIONS: tuple[str, ...] = get_args(Action)
Status = Literal["unreviewed", "confirmed", "corrected", "rejected", "same_figure"]
ACCEPTED = ("confirmed", "corrected")  # statuses of a figure a person has checked and let stand

# what `--set FIELD=VALUE` takes, said the way the error message says it
FIELDS = {
    "count": "a whole number (low, best and high all become it)",
    "low": "a whole number", "best": "a whole number", "high": "a whole number, or none for no upper bound",
    "outcome": "one of " + ", ".join(OUTCOMES), "category": "one of " + ", ".join(CATEGORIES),
    "group": "a victim group, or none", "source": "the name of who the figure is attributed to",
    "place": "a place name or gazetteer id (see `tollwatch places NAME`)",
    "start": "a date, YYYY-MM-DD", "end": "a date, YYYY-MM-DD",
    "scope": "one of " + ", ".join(get_args(Scope)), "modality": "one of " + ", ".join(get_args(Modality)),
    "manner": "e.g. shelling, airstrike, shooting; or none",
}
MAX_NOTE = 2000
T = TypeVar("T", "Tally", "Incident", "Check")


@dataclass(frozen=True, slots=True)
class Review:
    """One entry of the log: what `reviewer` did to the figure at doc_id[start:end]."""

    claim_id: str
    doc_id: str
    start: int
    end: int
    figure: str                  # the count's words when reviewed
    quote: str
    action: Action
    reviewer: str
    reviewed_at: datetime
    note: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)  # field → new value, as stored (see FIELDS)
    target: str | None = None    # same_as, move: the other claim
    review_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"review_id": self.review_id, "claim_id": self.claim_id, "doc_id": self.doc_id, "start": self.start,
                "end": self.end, "figure": self.figure, "action": self.action, "changes": dict(self.changes),
                "target": self.target, "reviewer": self.reviewer,
                "reviewed_at": self.reviewed_at.replace(tzinfo=timezone.utc).isoformat(timespec="seconds"),
                "note": self.note}


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A claim's current value, how it stands and the reviews that made it so (oldest first)."""

    claim: Claim
    status: Status = "unreviewed"
    reviews: tuple[Review, ...] = ()

    @property
    def counted(self) -> bool:
        return self.status not in ("rejected", "same_figure")

    @property
    def why_not(self) -> str:
        """Why a figure that is not counted is set aside, for explanations."""
        last = next(r for r in reversed(self.reviews) if r.action in ("reject", "same_as"))
        note = f": {last.note}" if last.note else ""
        if self.status == "same_figure":
            return f"the same figure as {last.target}, said {last.reviewer}{note}"
        return f"rejected by {last.reviewer}{note}"


def new_review(claim: Claim, action: str, reviewer: str, note: str | None = None,
               changes: dict[str, Any] | None = None, target: Claim | None = None) -> Review:
    """A review of `claim` (its current value), checked: raises InvalidValue saying what to give instead."""
    if action not in ACTIONS:
        raise InvalidValue(f"no review action {action!r}: give one of {', '.join(ACTIONS)}")
    reviewer = reviewer.strip()
    if not reviewer or len(reviewer) > 64:
        raise InvalidValue("say who reviews, in at most 64 characters (--as NAME)")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise InvalidValue(f"the note is {len(note):,} characters long; keep it under {MAX_NOTE:,}")
    changes = dict(changes or {})
    if action == "correct" and not changes:
        raise InvalidValue("a correction needs at least one FIELD=VALUE (fields: " + ", ".join(FIELDS) + ")")
    if action in ("same_as", "move"):
        if target is None or target.claim_id == claim.claim_id:
            raise InvalidValue(f"{action.replace('_', ' ')} needs another claim's id")
        if action == "move":  # into the target's incident: its place, days and manner
            changes = {"place": _asdict(target.location), "start": target.time.start if target.time else None,
                       "end": target.time.end if target.time else None, "manner": target.manner, "incident": None}
    if action == "split":
        changes = {"incident": f"split-{claim.claim_id}"}
    _check_bounds(_changed(claim, changes, {}))
    return Review(claim.claim_id, claim.doc_id, claim.start, claim.end, claim.count.text, claim.quote,
                  action, reviewer, datetime.now(timezone.utc).replace(tzinfo=None), note,  # type: ignore[arg-type]
                  changes, target.claim_id if target else None)


def parse_changes(pairs: Iterable[str]) -> dict[str, Any]:
    """`FIELD=VALUE` pairs (`--set best=25`, `--set place=Baniyas`) as stored changes."""
    changes: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lower()
        if not sep or name not in FIELDS:
            raise InvalidValue(f"{pair!r}: give FIELD=VALUE, FIELD one of {', '.join(FIELDS)}")
        changes[name] = _value(name, value.strip())
    return changes


def _value(name: str, value: str) -> Any:
    wrong = InvalidValue(f"{name}={value!r}: {name} must be {FIELDS[name]}")
    none = value.lower() in ("none", "null", "")
    if name in ("count", "low", "best", "high"):
        if name == "high" and none:
            return None
        if not value.isdigit() or len(value) > 18:
            raise wrong
        return int(value)
    if name in ("outcome", "category", "scope", "modality"):
        allowed = {"outcome": OUTCOMES, "category": CATEGORIES, "scope": get_args(Scope),
                   "modality": get_args(Modality)}[name]
        if value not in allowed:
            raise wrong
        return value
    if name in ("start", "end"):
        try:
            if len(value) == 10:
                return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
        raise wrong
    if name == "place":
        return _place(value)
    if name == "source":
        if none:
            raise wrong
        return _source(value)
    return None if none else value[:200]  # group, manner


def _place(ref: str) -> dict[str, Any]:
    from tollwatch.normalise import default_normaliser

    normaliser = default_normaliser()
    place_id = normaliser.place_id(ref) if ref else None
    place = normaliser.gazetteer.get(place_id) if place_id else None
    if place is None:
        raise InvalidValue(f"place={ref!r}: no such place in the gazetteer; `tollwatch places NAME` shows what a "
                           "name resolves to")
    admin1 = place.admin1 if place.kind == "city" else place.name if place.kind == "admin1" else None
    precision = {"city": "point", "admin1": "admin1", "country": "country", "region": "region"}[place.kind]
    return asdict(Location(ref, place.place_id, place.name, admin1, place.country, place.lat, place.lon, precision))


def _source(name: str) -> dict[str, Any]:
    from tollwatch.normalise import default_normaliser

    registry = default_normaliser().sources
    entry = registry.lookup(name)
    return {"name": name, "source_id": registry.id_for(name), "kind": entry.kind if entry else None}


def _asdict(location: Location | None) -> dict[str, Any] | None:
    return None if location is None else asdict(location)


def current(claim: Claim, reviews: Sequence[Review]) -> Reviewed:
    """The claim with `reviews` (oldest first) applied, and its status."""
    if not reviews:
        return Reviewed(claim)
    extracted: dict[str, Any] = {}
    verdict = "confirm"
    for r in reviews:
        claim = _changed(claim, r.changes, extracted)
        if r.action in ("confirm", "reject", "same_as"):
            verdict = r.action
        elif r.action == "correct":
            verdict = "confirm"  # a correction lets the corrected figure stand
    status: Status = "rejected" if verdict == "reject" else "same_figure" if verdict == "same_as" \
        else "corrected" if extracted else "confirmed"
    last = reviews[-1]
    summary = {"status": status, "reviews": len(reviews), "reviewers": sorted({r.reviewer for r in reviews}),
               "last_reviewed": last.to_dict()["reviewed_at"], "extracted": extracted}
    if status == "same_figure":
        summary["same_as"] = next(r.target for r in reversed(reviews) if r.action == "same_as")
    return Reviewed(replace(claim, evidence={**claim.evidence, "review": summary}), status, tuple(reviews))


def _changed(claim: Claim, changes: dict[str, Any], extracted: dict[str, Any]) -> Claim:
    """`claim` with `changes` applied; `extracted` collects each changed field's extracted value."""
    for name, value in changes.items():
        before, claim = _field(claim, name), _set(claim, name, value)
        extracted.setdefault(name, before)
    return claim


def _field(c: Claim, name: str) -> Any:
    if name in ("count", "low", "best", "high"):
        return c.count.best if name == "count" else getattr(c.count, name)
    if name in ("category", "group"):
        return getattr(c.victims, name)
    if name == "source":
        return {"name": c.source.name, "source_id": c.source.source_id, "kind": c.source.kind}
    if name == "place":
        return _asdict(c.location)
    if name in ("start", "end"):
        return getattr(c.time, name) if c.time else None
    if name == "incident":
        return c.evidence.get("incident")
    return getattr(c, name)


def _set(c: Claim, name: str, value: Any) -> Claim:
    if name == "count":
        return replace(c, count=replace(c.count, value=value, qualifier="exact", low=value, best=value, high=value))
    if name in ("low", "best", "high"):
        return replace(c, count=replace(c.count, **{name: value}))
    if name in ("category", "group"):
        return replace(c, victims=replace(c.victims, **{name: value}))
    if name == "source":
        return replace(c, source=Source(**value))
    if name == "place":
        return replace(c, location=Location(**value) if value else None)
    if name in ("start", "end"):
        return replace(c, time=replace(c.time or TimeSpan(""), **{name: value}))
    if name == "incident":
        evidence = {k: v for k, v in c.evidence.items() if k != "incident"}
        return replace(c, evidence=evidence | ({"incident": value} if value else {}))
    return replace(c, **{name: value})


def _check_bounds(c: Claim) -> None:
    low, best, high = c.count.low, c.count.best, c.count.high
    if (low is not None and best is not None and low > best) or (best is not None and high is not None and best > high):
        raise InvalidValue(f"the figure would read low {low}, best {best}, high {high}; low ≤ best ≤ high must "
                           "hold: set the others too (or --set count=N)")


class ReviewBook:
    """The review log, read once, matched to claims as they stream past."""

    def __init__(self, reviews: Iterable[Review]) -> None:
        self.by_doc: dict[str, list[Review]] = defaultdict(list)
        for r in sorted(reviews, key=lambda r: r.review_id or 0):
            self.by_doc[r.doc_id].append(r)

    def __bool__(self) -> bool:
        return bool(self.by_doc)

    @property
    def changes_outcome(self) -> bool:
        return any("outcome" in r.changes for rs in self.by_doc.values() for r in rs)

    def match(self, doc_claims: Sequence[Claim]) -> dict[str, list[Review]]:
        """Claim id → its reviews, for the claims of one document."""
        found: dict[str, list[Review]] = defaultdict(list)
        reviews = self.by_doc.get(doc_claims[0].doc_id, []) if doc_claims else []
        if not reviews:
            return found
        by_span = {(c.start, c.end, c.count.text): c for c in doc_claims}
        by_words: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for c in doc_claims:
            by_words[(c.count.text, " ".join(c.quote.split()))].append(c)
        for r in reviews:
            claim = by_span.get((r.start, r.end, r.figure))
            if claim is None:
                moved = by_words.get((r.figure, " ".join(r.quote.split())), [])
                claim = moved[0] if len(moved) == 1 else None
            if claim is not None:
                found[claim.claim_id].append(r)
        return found

    def current(self, claims: Iterable[Claim]) -> Iterator[Reviewed]:
        """Each claim (grouped by document, as the ledger yields them) at its current value."""
        for batch in (list(same) for _, same in groupby(claims, key=attrgetter("doc_id"))):
            found = self.match(batch)
            for c in batch:
                yield current(c, found.get(c.claim_id, ()))

    def orphans(self, claims_of: Callable[[str], Iterable[Claim]]) -> list[Review]:
        """Reviews whose figure no claim holds any more; `claims_of(doc_id)` lists a document's claims."""
        lost = []
        for doc_id, reviews in self.by_doc.items():
            attached = {r.review_id for rs in self.match(list(claims_of(doc_id))).values() for r in rs}
            lost += [r for r in reviews if r.review_id not in attached]
        return lost


def reviewed_figures(claim_ids: Iterable[str], figures: dict[str, Figure], checked: dict[str, Reviewed]) -> int:
    """How many of these figures a person has checked and let stand: a figure read from several
    claims (a report's event) counts when every one of them has been."""
    n = 0
    for claim_id in claim_ids:
        figure = figures.get(claim_id)
        members = figure.claim.evidence.get("claim_ids") if figure is not None else None
        members = members if isinstance(members, list) and members else [claim_id]
        n += all(m in checked and checked[m].status in ACCEPTED for m in members)
    return n


def with_reviews(result: Reconciliation, checked: dict[str, Reviewed],
                 aside: dict[str, tuple[Claim, str]]) -> Reconciliation:
    """`result` saying how many figures of each tally, incident and check were reviewed, with the
    figures reviewers rejected (or found to repeat another) listed as set aside. `checked`: the
    claims with reviews, by id."""
    def count(claim_ids: Iterable[str]) -> int:
        return reviewed_figures(claim_ids, result.figures, checked)

    def counted(item: T, n: int) -> T:  # most items have no reviewed figure: leave those as they are
        return replace(item, reviewed=n) if n else item

    tallies = {t.tally_id: counted(t, count(t.claim_ids)) for t in result.tallies}

    def incident(i: Incident) -> Incident:
        by_victims = tuple(tallies[t.tally_id] for t in i.by_victims)
        n = count(i.claim_ids)
        return replace(i, reviewed=n, by_victims=by_victims) if n or any(t.reviewed for t in by_victims) else i

    incidents = tuple(incident(i) for i in result.incidents)
    checks = tuple(counted(c, count((c.whole, *c.parts)) if c.kind == "breakdown" else
                           sum(tallies[t].reviewed for t in (c.whole, *c.parts) if t in tallies))
                   for c in result.checks)
    return replace(result, tallies=tuple(tallies.values()), incidents=incidents, checks=checks,
                   figures=_stamped(result.figures, checked), set_aside={**result.set_aside, **aside})


def _stamped(figures: dict[str, Figure], checked: dict[str, Reviewed]) -> dict[str, Figure]:
    """Figures read from several claims (a report's event) with the review status of the lot."""
    out: dict[str, Figure] = {}
    done: dict[int, Figure] = {}  # one figure may stand for several claim ids
    for claim_id, f in figures.items():
        members = f.claim.evidence.get("claim_ids")
        if id(f) not in done:
            done[id(f)] = f
            if isinstance(members, list) and members and "review" not in f.claim.evidence:
                found = [checked[m].status if m in checked else "unreviewed" for m in members]
                if any(s != "unreviewed" for s in found):
                    status = ("corrected" if "corrected" in found else "confirmed") \
                        if all(s in ACCEPTED for s in found) else "partly_reviewed"
                    reviewers = sorted({r.reviewer for m in members if m in checked for r in checked[m].reviews})
                    review = {"status": status, "reviewers": reviewers, "claims": dict(zip(members, found, strict=True))}
                    done[id(f)] = replace(f, claim=replace(f.claim, evidence={**f.claim.evidence, "review": review}))
        out[claim_id] = done[id(f)]
    return out


@dataclass(frozen=True, slots=True)
class Queued:
    """An unreviewed claim in the review queue, with why it matters."""

    reviewed: Reviewed
    why: str
    rank: tuple[int, int, int, int]  # larger first: open discrepancy, headline tally, tally size, figure


def queue(claims: Iterable[Reviewed], result: Reconciliation, headline: int = 25) -> list[Queued]:
    """The unreviewed claims, highest impact first: figures behind open discrepancies, then
    behind the headline tallies (those the overview shows first), then behind larger tallies."""
    def members(ids: Iterable[str]) -> set[str]:
        out = set(ids)
        for claim_id in list(out):
            figure = result.figures.get(claim_id)
            inner = figure.claim.evidence.get("claim_ids") if figure is not None else None
            out.update(inner if isinstance(inner, list) else ())
        return out

    disputed = members(c for d in result.discrepancies for c in d.claim_ids)
    top = {c for t in sorted(result.tallies, key=lambda t: (-len(t.sources), -t.best))[:headline]
           for c in members(t.claim_ids)}
    largest: dict[str, int] = {}
    for t in result.tallies:
        for c in members(t.claim_ids):
            largest[c] = max(largest.get(c, 0), t.best)
    out = []
    for r in claims:
        if r.status != "unreviewed":
            continue
        c = r.claim.claim_id
        why = "behind an open discrepancy" if c in disputed else "behind a headline tally" if c in top else \
            f"in a tally of {largest[c]:,}" if c in largest else "not counted in any tally"
        out.append(Queued(r, why, (c in disputed, c in top, largest.get(c, -1), r.claim.count.best or 0)))
    out.sort(key=lambda q: q.rank, reverse=True)
    return out
