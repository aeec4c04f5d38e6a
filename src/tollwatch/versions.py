"""Versions of one article: what changed in its figures from one fetch to the next.

A page revised in place ("more than 300 killed", an hour later "the toll has risen to 524") is
stored as a new version each time its text changes (store.Ledger.add); reconciling counts only
the latest. Here the figures of two versions are matched, so a changed figure reads as the
source's revision of it: figures are paired on what they count (outcome, victims, place, title
or text; not scope, as "300 killed on Thursday" becomes "the toll has risen to 524"), equal
figures first, the rest in order of position.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from tollwatch.extract.headline import in_title
from tollwatch.models import Claim
from tollwatch.store import Ledger, StoredDocument

Change = Literal["added", "removed", "changed", "same"]


@dataclass(frozen=True, slots=True)
class FigureChange:
    change: Change
    before: Claim | None
    after: Claim | None

    def to_dict(self) -> dict[str, Any]:
        def said(c: Claim | None) -> dict[str, Any] | None:
            return None if c is None else {"claim_id": c.claim_id, "count": c.count.text, "best": c.count.best,
                                           "outcome": c.outcome, "victims": c.victims.category, "quote": c.quote}
        return {"change": self.change, "before": said(self.before), "after": said(self.after)}

    def describe(self) -> str:
        c = self.after or self.before
        assert c is not None
        what = f"{c.outcome} ({c.victims.category}{', ' + c.location.name if c.location and c.location.name else ''})"
        if self.change == "changed" and self.before and self.after:
            return f"~ {what}: {self.before.count.text!r} → {self.after.count.text!r}"
        return f"{'+' if self.change == 'added' else '-' if self.change == 'removed' else '='} {what}: " \
               f"{c.count.text!r}"


@dataclass(frozen=True, slots=True)
class Version:
    stored: StoredDocument
    changes: tuple[FigureChange, ...]  # from the previous version (the first's figures are all added)

    def to_dict(self) -> dict[str, Any]:
        d = self.stored
        counts = {k: sum(c.change == k for c in self.changes) for k in ("added", "removed", "changed")}
        return {"doc_id": d.document.doc_id, "version": d.version, "fetched_at": d.ingested_at.isoformat(),
                "content_hash": d.content_hash, "superseded_by": d.superseded_by, **counts,
                "changes": [c.to_dict() for c in self.changes if c.change != "same"]}


def diff(before: Sequence[Claim], after: Sequence[Claim]) -> list[FigureChange]:
    """The figures of one version against the next's."""
    old, new = _by_what(before), _by_what(after)
    out: list[FigureChange] = []
    for key in dict.fromkeys([*old, *new]):
        was, now = list(old.get(key, ())), list(new.get(key, ()))
        for c in list(now):  # the same figure in both: unchanged
            same = next((b for b in was if _value(b) == _value(c)), None)
            if same is not None:
                was.remove(same)
                now.remove(c)
                out.append(FigureChange("same", same, c))
        for b, c in zip(was, now):
            out.append(FigureChange("changed", b, c))
        out.extend(FigureChange("removed", b, None) for b in was[len(now):])
        out.extend(FigureChange("added", None, c) for c in now[len(was):])
    return out


def versions(ledger: Ledger, doc_id: str) -> list[Version]:
    """Every version of the article `doc_id` belongs to, oldest first, each with its changes."""
    stored = ledger.versions(doc_id)
    out, previous = [], list[Claim]()
    for s in stored:
        claims = list(ledger.claims(s.document.doc_id))
        out.append(Version(s, tuple(diff(previous, claims))))
        previous = claims
    return out


def changes_between(ledger: Ledger, before: str, after: str) -> list[FigureChange]:
    return diff(list(ledger.claims(before)), list(ledger.claims(after)))


@dataclass(frozen=True, slots=True)
class Revision:
    """An earlier version's figure that a later version's claim revised."""

    before: Claim
    after: Claim
    before_doc: StoredDocument
    after_doc: StoredDocument


def revisions(ledger: Ledger, claim: Claim) -> list[Revision]:
    """The figures earlier versions of `claim`'s article gave for it, where they differ, latest first."""
    found: list[Revision] = []
    chain = ledger.versions(claim.doc_id)
    at = next((i for i, s in enumerate(chain) if s.document.doc_id == claim.doc_id), 0)
    current = claim
    for older, newer in zip(reversed(chain[:at]), reversed(chain[1:at + 1])):
        match = next((c for c in diff(list(ledger.claims(older.document.doc_id)),
                                      list(ledger.claims(newer.document.doc_id)))
                      if c.after is not None and c.after.claim_id == current.claim_id), None)
        if match is None or match.before is None:
            break
        if match.change == "changed":
            found.append(Revision(match.before, current, older, newer))
        current = match.before
    return found


def _by_what(claims: Sequence[Claim]) -> dict[tuple[Any, ...], list[Claim]]:
    out: dict[tuple[Any, ...], list[Claim]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (in_title(c), c.start)):
        out[(c.outcome, c.victims.category, c.victims.group, c.location.place_id if c.location else None,
             in_title(c))].append(c)
    return out


def _value(c: Claim) -> tuple[int | None, int | None, int | None]:
    return c.count.low, c.count.best, c.count.high
