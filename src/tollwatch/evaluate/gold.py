"""Scoring extracted claims against a gold file, by the matching rules of the project's scorer
(`shared/tools/score_claims.py`), so that both report the same figures.

A gold file has `documents` (id, path relative to the gold file or a folder, published),
`claims` (doc, anchor, occurrence, outcome, low, high, category, source, time_start/time_end,
location; `optional` claims are neither required nor false positives; `optional_attrs` lists
attributes not scored) and `decoys` (number phrases that are not casualty figures).

A prediction matches a gold claim when its count phrase overlaps the gold anchor and its outcome
is compatible; each gold claim matches at most one prediction, the one overlapping most.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tollwatch.errors import TollwatchError

COMBATANT = {"combatant", "state_forces", "non_state_armed"}
_OUTCOME_FAMILY = {"executed": "killed", "dead": "killed", "wounded": "injured", "abducted": "kidnapped",
                   "arrested": "detained"}
ATTRIBUTES = ("count", "category", "source", "time", "place")


@dataclass(frozen=True, slots=True)
class GoldDocument:
    doc_id: str
    text: str
    published: str | None


@dataclass
class Score:
    documents: int
    required: int
    optional: int
    predicted: int
    true_positives: int
    false_positives: int
    strict: int                      # true positives whose count is right too
    decoy_hits: int
    accuracy: dict[str, tuple[int, int]] = field(default_factory=dict)  # attribute → (right, scored)
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(tp: int, fp: int, gold: int) -> tuple[float, float, float]:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / gold if gold else 0.0
        return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)

    @property
    def detection(self) -> tuple[float, float, float]:
        return self._f1(self.true_positives, self.false_positives, self.required)

    @property
    def strict_f1(self) -> float:
        wrong_counts = self.true_positives - self.strict
        return self._f1(self.strict, self.false_positives + wrong_counts, self.required)[2]

    @property
    def count_exact(self) -> float:
        return self.strict / self.true_positives if self.true_positives else 0.0

    def report(self, show_errors: bool = False) -> str:
        precision, recall, f1 = self.detection
        lines = [f"documents={self.documents} gold_required={self.required} gold_optional={self.optional} "
                 f"predicted={self.predicted}",
                 f"detection: precision={precision:.3f} recall={recall:.3f} f1={f1:.3f} "
                 f"(false positives={self.false_positives}, decoy hits={self.decoy_hits})"]
        for attr in ATTRIBUTES:
            right, scored = self.accuracy.get(attr, (0, 0))
            if scored:
                lines.append(f"  {attr:8s} accuracy on matched: {right / scored:.3f} ({right}/{scored})")
        if show_errors:
            lines += self.errors
        lines.append(f"strict_f1={self.strict_f1:.3f} detection_f1={f1:.3f} count_exact={self.count_exact:.3f} "
                     f"decoy_hits={self.decoy_hits}")
        return "\n".join(lines)


def load_gold(path: Path, docs: Path | None = None) -> tuple[dict[str, Any], list[GoldDocument]]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise TollwatchError(f"{path}: not a readable gold file ({e})") from None
    root = docs or path.parent
    documents = []
    for d in gold.get("documents", []):
        doc_path = root / d["path"]
        try:
            text = doc_path.read_text(encoding="utf-8")
        except OSError as e:
            raise TollwatchError(f"{doc_path}: gold document not readable ({e.strerror}); "
                                 "--docs names the folder that holds them") from None
        documents.append(GoldDocument(d["id"], text, d.get("published")))
    return gold, documents


def score(gold: dict[str, Any], documents: Sequence[GoldDocument], predictions: Sequence[dict[str, Any]]) -> Score:
    texts = {d.doc_id: d.text for d in documents}
    golds = [dict(g, _span=_anchor(texts, g)) for g in gold.get("claims", [])]
    decoys = [(d["doc"], *_anchor(texts, d)) for d in gold.get("decoys", [])]
    used: set[int] = set()
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = []
    extra: list[dict[str, Any]] = []
    for p in predictions:
        doc, s, e = p.get("doc_id"), p.get("start"), p.get("end")
        best: tuple[int, int] | None = None
        if doc in texts and isinstance(s, int) and isinstance(e, int):
            for i, g in enumerate(golds):
                gs, ge = g["_span"]
                if g["doc"] == doc and i not in used and s < ge and e > gs and _outcome_ok(g["outcome"], p.get("outcome")):
                    overlap = min(e, ge) - max(s, gs)
                    if best is None or overlap > best[0]:
                        best = (overlap, i)
        if best is None:
            extra.append(p)
        else:
            used.add(best[1])
            matched.append((golds[best[1]], p))
    required = [g for g in golds if not g.get("optional")]
    tp = [(g, p) for g, p in matched if not g.get("optional")]
    decoy_hits = sum(1 for p in extra for doc, ds, de in decoys
                     if p.get("doc_id") == doc and isinstance(p.get("start"), int) and p["start"] < de and p["end"] > ds)
    result = Score(len(texts), len(required), len(golds) - len(required), len(predictions), len(tp), len(extra),
                   sum(1 for g, p in tp if _attr_ok(g, p, "count") is not False), decoy_hits)
    for attr in ATTRIBUTES:
        scored = [ok for ok in (_attr_ok(g, p, attr) for g, p in tp) if ok is not None]
        result.accuracy[attr] = (sum(scored), len(scored))
    found = {id(g) for g, _ in matched}
    result.errors += [f"MISSED  {g['doc']}: {g['anchor']!r} ({g['outcome']} {g['low']}..{g['high']})"
                      for g in required if id(g) not in found]
    for g, p in tp:
        for attr in ATTRIBUTES:
            if _attr_ok(g, p, attr) is False:
                result.errors.append(f"WRONG   {g['doc']}: {g['anchor']!r} {attr}: want {_want(g, attr)} "
                                     f"got {_have(p, attr)}")
    for p in extra:
        s, e = p.get("start"), p.get("end")
        where = texts.get(p.get("doc_id") or "", "")[s:e] if isinstance(s, int) and isinstance(e, int) else "?"
        result.errors.append(f"EXTRA   {p.get('doc_id')}: {where!r} ({p.get('outcome')})")
    return result


def _anchor(texts: dict[str, str], g: dict[str, Any]) -> tuple[int, int]:
    text = texts.get(g["doc"])
    if text is None:
        raise TollwatchError(f"gold names document {g['doc']!r}, which its documents list lacks")
    i = -1
    for _ in range(g.get("occurrence", 1)):
        i = text.find(g["anchor"], i + 1)
        if i < 0:
            raise TollwatchError(f"gold anchor not found in {g['doc']}: {g['anchor']!r}")
    return i, i + len(g["anchor"])


def _outcome_ok(gold: str | None, pred: str | None) -> bool:
    g = _OUTCOME_FAMILY.get((gold or "").lower(), (gold or "").lower())
    p = _OUTCOME_FAMILY.get((pred or "").lower(), (pred or "").lower())
    return g == p or {g, p} <= {"killed", "casualties"} or {g, p} <= {"kidnapped", "detained", "missing"}


def _words(s: str | None) -> set[str]:
    return {w.strip(".,'’\"()").lower() for w in (s or "").split()} - {"the", "a", "an", "of", "for", "said", "to"}


def _overlaps(gold: str | None, pred: str | None) -> bool:
    if not gold:
        return not pred
    g, p = _words(gold), _words(pred)
    return bool(p) and len(g & p) / len(g) >= 0.5


def _get(d: Any, path: str) -> Any:
    for key in path.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _attr_ok(g: dict[str, Any], p: dict[str, Any], attr: str) -> bool | None:
    skipped = g.get("optional_attrs", [])
    if attr in skipped:
        return None
    if attr == "count":
        if "low" in skipped or "high" in skipped:
            return None
        return bool(_get(p, "count.low") == g["low"] and _get(p, "count.high") == g["high"])
    if attr == "category":
        c, pc = g["category"], _get(p, "victims.category")
        return bool(c == pc or (c == "combatant" and pc in COMBATANT) or (pc == "combatant" and c in COMBATANT))
    if attr == "source":
        return _overlaps(g.get("source"), _get(p, "source.name")) if "source" in g else None
    if attr == "time":
        if "time_start" not in g:
            return None
        return bool(_get(p, "time.start") == g["time_start"] and _get(p, "time.end") == g["time_end"])
    # place: an extension of the project scorer, by the same word-overlap rule as sources
    return _overlaps(g.get("location"), _get(p, "location.text")) if "location" in g else None


def _want(g: dict[str, Any], attr: str) -> Any:
    return {"count": (g["low"], g["high"]), "category": g["category"], "source": g.get("source"),
            "time": (g.get("time_start"), g.get("time_end")), "place": g.get("location")}[attr]


def _have(p: dict[str, Any], attr: str) -> Any:
    return {"count": (_get(p, "count.low"), _get(p, "count.high")), "category": _get(p, "victims.category"),
            "source": _get(p, "source.name"), "time": (_get(p, "time.start"), _get(p, "time.end")),
            "place": _get(p, "location.text")}[attr]
