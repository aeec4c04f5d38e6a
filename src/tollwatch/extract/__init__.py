"""Extraction: turn a report's text into casualty claim records (see CONTRACT.md)."""

from __future__ import annotations

from datetime import date

from tollwatch.extract.claims import RULESET, extract_claims
from tollwatch.extract.events import read_events
from tollwatch.extract.headline import from_title, headline_of, sentence_case
from tollwatch.extract.lang import pack_for
from tollwatch.extract.places import document_places
from tollwatch.models import Claim, Document, Event
from tollwatch.published import parse_published

__all__ = ["RULESET", "extract", "extract_document", "extract_events", "read_events"]


def extract(text: str, published: str | date | None = None, doc_id: str | None = None,
            normalise: bool = True, outlet: str | None = None, headline: bool = False,
            language: str | None = None, around: str = "") -> list[Claim]:
    """Every casualty claim in `text`; times resolve against `published` (ISO date) when given.
    With `normalise` (the default), places, sources and actors are resolved to ids as well;
    figures stated in the document's own voice are given to `outlet` (the site's name) when known.
    A `headline` is read in headline grammar too ("Teen killed in shooting"). The rules are the
    `language`'s ("ar"), detected when not given (see lang/). `around`: text the places of `text` are
    read with (a headline's, its article's)."""
    anchor = parse_published(published) if not isinstance(published, date) else published
    pack = pack_for(text, language)  # another language's reader (lang/), or None for the English rules
    if pack is not None:
        claims = pack[1].extract_claims(text, doc_id or Document.make_id(text), anchor)
    else:
        claims = extract_claims(text, doc_id or Document.make_id(text), anchor, headline)
    if normalise and claims:
        from tollwatch.normalise import default_normaliser

        places = (lambda: document_places(text) + document_places(around)) if pack is None else None
        claims = default_normaliser().claims(claims, outlet, places)
    return claims


def extract_document(doc: Document, normalise: bool = True) -> list[Claim]:
    """A document's claims: its text's, and its headline's when the text does not open with it
    (those index the title; see headline.py)."""
    claims = extract(doc.text, doc.published, doc.doc_id, normalise, doc.site_name, language=doc.language)
    headline = headline_of(doc)
    if headline is None and doc.title and not _read_in_text(doc.title, doc.text, claims):
        headline = doc.title  # "× Hummelstown Juvenile dead from gunshot wound" opening the page, read as no sentence
    if headline is None:
        return claims
    # the title is read in its own language: a page's title may be English over an Arabic report
    read = extract(sentence_case(headline), doc.published, doc.doc_id, normalise, doc.site_name, headline=True,
                   around=doc.text)
    return from_title(headline, read) + claims


def _read_in_text(title: str, text: str, claims: list[Claim]) -> bool:
    """Whether the text's own copy of its title, opening it, gave a claim."""
    start = len(text) - len(text.lstrip(" \t\n×•|-–—"))  # past the marks a scraped page puts first
    return any(c.start < start + len(title) + 8 for c in claims)


def extract_events(text: str, published: str | date | None = None, doc_id: str | None = None,
                   normalise: bool = True, outlet: str | None = None, title: str | None = None) -> list[Event]:
    """The events `text` (under its `title`, when it has one apart) reports, each with its
    killed/injured/... counted once (see events.py)."""
    if title is None:
        return read_events(extract(text, published, doc_id, normalise, outlet))
    day = published.isoformat() if isinstance(published, date) else published
    doc = Document(doc_id or Document.make_id(text), text, day, title=title, site_name=outlet)
    return read_events(extract_document(doc, normalise))
