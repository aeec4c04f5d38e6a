"""Measuring tollwatch: against gold claims (`gold.py`, the project scorer's rules) and against
event datasets that code a fatality figure for a text (`events.py`)."""

from __future__ import annotations

from pathlib import Path

from tollwatch.evaluate.gold import GoldDocument, Score, load_gold, score
from tollwatch.extract import extract_document
from tollwatch.models import Document

__all__ = ["GoldDocument", "Score", "evaluate_gold", "load_gold", "score"]


def evaluate_gold(path: Path, docs: Path | None = None) -> Score:
    """Extract the gold file's documents (ids as the gold names them) and score the claims."""
    gold, documents = load_gold(path, docs)
    predictions = [c.to_dict() for d in documents
                   for c in extract_document(Document(d.doc_id, d.text, d.published))]
    return score(gold, documents, predictions)
