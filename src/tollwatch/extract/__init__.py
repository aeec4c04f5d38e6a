"""Extraction: turn a report's text into casualty claim records (see CONTRACT.md)."""

from __future__ import annotations

from datetime import date

from tollwatch.extract.claims import RULESET, extract_claims
from tollwatch.extract.events import read_events
from tollwatch.models import Claim, Document, Event
from tollwatch.published import parse_published

__all__ = ["RULESET", "extract", "extract_document", "extract_events", "read_events"]


def extract(text: str, published: str | date | None = None, doc_id: str | None = None,
            normalise: bool = True, outlet: str | None = None) -> list[Claim]:
    """Every casualty claim in `text`; times resolve against `published` (ISO date) when given.
    With `normalise` (the default), places, sources and actors are resolved to ids as well;
    figures stated in the document's own voice are given to `outlet` (the site's name) when known."""
    anchor = parse_published(published) if not isinstance(published, date) else published
    claims = extract_claims(text, doc_id or Document.make_id(text), anchor)
    if normalise and claims:
        from tollwatch.normalise import default_normaliser

        claims = default_normaliser().claims(claims, outlet)
    return claims


def extract_document(doc: Document, normalise: bool = True) -> list[Claim]:
    return extract(doc.text, doc.published, doc.doc_id, normalise, doc.site_name)


def extract_events(text: str, published: str | date | None = None, doc_id: str | None = None,
                   normalise: bool = True, outlet: str | None = None) -> list[Event]:
    """The events `text` reports, each with its killed/injured/... counted once (see events.py)."""
    return read_events(extract(text, published, doc_id, normalise, outlet))
