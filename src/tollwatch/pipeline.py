"""The whole job for stored reports: read inputs, extract their claims, store both.

These functions join the pipeline's steps; the steps themselves know nothing of each other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from typing import Any

from tollwatch.errors import EmptyRecord, ExtractionFailed, InputError, NotStored, StoreError, TollwatchError
from tollwatch.extract import RULESET, extract_document
from tollwatch.extract.lang import detect_language
from tollwatch.ingest import iter_documents
from tollwatch.ingest.fetch import Fetcher
from tollwatch.ingest.files import Item, Unread
from tollwatch.ingest.html import html_to_text
from tollwatch.models import Claim, Document
from tollwatch.reconcile import Query, Reconciliation, reconcile
from tollwatch.review import Review, ReviewBook, Reviewed, current, with_reviews
from tollwatch.store import Added, Ledger, RunSummary
from tollwatch.tables import refresh
from tollwatch.workers import extracted

Report = Callable[[Added | InputError], None]
log = logging.getLogger(__name__)


def ingest(inputs: Iterable[str], ledger: Ledger, published: date | None = None,
           fetcher: Fetcher | None = None, report: Report | None = None, jobs: int = 1) -> RunSummary:
    """Store every document from `inputs` once, with its claims. Bad inputs are recorded with
    the run and reported; they never stop the batch. With `jobs` > 1, worker processes read and
    extract; this process alone writes, in input order."""
    inputs = list(inputs)
    return store_documents(inputs, iter_documents(inputs, published, fetcher, defer=jobs > 1), ledger, report,
                           jobs=jobs)


def store_documents(inputs: Sequence[str], items: Iterable[Item | Unread], ledger: Ledger,
                    report: Report | None = None, refresh_tables: bool = True, jobs: int = 1) -> RunSummary:
    """Store documents already read, and record the errors met reading them, as one run over
    `inputs` (what `ingest` does once it has read its inputs), then refresh the reconciled tables
    unless told not to (the web server refreshes them when it next reconciles). A ledger that
    cannot start the run raises StoreError; after that, a document it cannot take is one error,
    and the rest go on. With `jobs` > 1, documents are extracted (and Unread pages read) by that
    many worker processes while this one stores them, each in its own transaction, in input order."""
    pairs: Iterable[tuple[Item, list[Claim] | None]] = extracted(items, jobs) if jobs > 1 else (
        (read, None) for item in items for read in (item.documents() if isinstance(item, Unread) else (item,)))
    return store_extracted(inputs, pairs, ledger, report, refresh_tables)


def load_extracted(directory: str, ledger: Ledger, report: Report | None = None,
                   refresh_tables: bool = True) -> RunSummary:
    """Store what `extract --engine dask` wrote under `directory` (cluster/tables.py): its documents
    with their claims as they are, not extracted again, and its error rows as the run's errors.
    Raises InvalidValue when the folder holds no such output."""
    from tollwatch.cluster.tables import read_back

    rows = read_back(directory)
    first = next(rows, None)  # the folder is checked before a run is recorded
    rows = chain([] if first is None else [first], rows)
    pairs = ((row, None) if isinstance(row, InputError) else row for row in rows)
    return store_extracted([directory], pairs, ledger, report, refresh_tables)


def store_extracted(inputs: Sequence[str], pairs: Iterable[tuple[Item, list[Claim] | None]], ledger: Ledger,
                    report: Report | None = None, refresh_tables: bool = True) -> RunSummary:
    """`store_documents` for documents given with their claims (None: extract them here)."""
    run_id = ledger.start_run(inputs, RULESET)
    new = duplicates = near = versions = stored_claims = failures = 0
    for item, found in pairs:
        outcome: Added | InputError = item if isinstance(item, InputError) else _store(item, ledger, run_id, found)
        if isinstance(outcome, InputError):
            failures += not isinstance(outcome, EmptyRecord)  # an empty record is recorded, but no failure
            _record(ledger, run_id, outcome)
        elif outcome.status == "duplicate":
            duplicates += 1
        else:
            new += 1
            near += outcome.status == "near_duplicate"
            versions += outcome.status == "version"
            stored_claims += outcome.claims
        if report:
            report(outcome)
    summary = RunSummary(new, duplicates, near, stored_claims, failures, versions)
    ledger.finish_run(run_id, summary)
    if refresh_tables:
        refresh(ledger)
    return summary


def _store(doc: Document, ledger: Ledger, run_id: int, found: list[Claim] | None = None) -> Added | InputError:
    """Store `doc` with its claims (`found`, else extracted here)."""
    try:
        same = ledger.existing(doc)
        if same is not None:  # skip extraction for content already stored
            log.debug("%s: already stored as %s", doc.origin or doc.doc_id, same)
            return Added("duplicate", same)
        doc = replace(doc, language=doc.language or detect_language(doc.text))
        try:
            claims = extract_document(doc) if found is None else found
        except TollwatchError:
            raise  # what the user must fix (a config file, say) stops the run, as before
        except Exception as e:  # noqa: BLE001 (a bug on one document must not stop the batch)
            log.debug("%s: extraction failed", doc.origin or doc.doc_id, exc_info=True)
            return ExtractionFailed(doc.origin or doc.doc_id, e)
        added = ledger.add(doc, claims, RULESET, run_id)
        log.debug("%s: %s as %s, %d claims", doc.origin or doc.doc_id, added.status, added.doc_id, added.claims)
        return added
    except InputError as e:
        return e
    except StoreError as e:  # a full disk, say: this document is not stored; a later one may be
        return NotStored(doc.origin or doc.doc_id, str(e))


def _record(ledger: Ledger, run_id: int, error: InputError) -> None:
    try:
        ledger.record_error(run_id, error.origin, str(error))
    except StoreError:
        pass  # the ledger refuses writes just now: the error is reported all the same, and if the
        # ledger stays unwritable, finishing the run raises


@dataclass(frozen=True, slots=True)
class Reextracted:
    documents: int
    claims_before: int
    claims_after: int
    failures: int


def reextract(ledger: Ledger, from_raw: bool = False, report: Callable[[InputError], None] | None = None
              ) -> Reextracted:
    """Run the current extractor over every stored document. With `from_raw`, first derive the
    text of stored web pages again from their raw HTML (claims then point into the new text);
    a page that no longer yields text keeps what it had. A document whose new claims cannot be
    stored keeps its old ones and is reported; a ledger that cannot be written raises StoreError."""
    before = ledger.stats()["claims"]
    n = after = failures = 0

    def failed(e: InputError) -> None:
        nonlocal failures
        failures += 1
        if report:
            report(e)

    for stored in ledger.documents():
        doc = stored.document
        text = None
        if from_raw and doc.media_type == "text/html" and doc.raw:
            try:
                text = html_to_text(doc.raw.decode("utf-8-sig", "replace"), doc.origin or doc.doc_id).text
            except InputError as e:
                failed(e)
            else:
                doc = replace(doc, text=text)
        doc = replace(doc, language=detect_language(doc.text))
        found = extract_document(doc)
        try:
            ledger.replace_claims(doc.doc_id, found, RULESET, text, doc.language)
        except InputError as e:
            failed(e)
            continue
        n += 1
        after += len(found)
    refresh(ledger)
    return Reextracted(n, before, after, failures)


def reconciled(ledger: Ledger, query: Query | None = None) -> Reconciliation:
    """Reconcile the claims stored in `ledger` (those `query` keeps) at their reviewed values:
    corrections applied, rejected figures and repeats of another set aside."""
    from tollwatch.store import reviews

    query = query or Query()
    book = reviews.book(ledger)
    if not book:
        return reconcile(ledger.claims(outcome=query.outcome), ledger.document_infos(), query)
    checked: dict[str, Reviewed] = {}
    aside: dict[str, tuple[Claim, str]] = {}

    def counted() -> Iterator[Claim]:
        # a correction may change a claim's outcome, so the database cannot filter on it then
        for r in book.current(ledger.claims(outcome=None if book.changes_outcome else query.outcome)):
            if r.reviews:
                checked[r.claim.claim_id] = r
            if r.counted:
                yield r.claim
            else:
                aside[r.claim.claim_id] = (r.claim, r.why_not)

    return with_reviews(reconcile(counted(), ledger.document_infos(), query), checked, aside)


def reviewed_claims(ledger: Ledger, doc_id: str | None = None, outcome: str | None = None, source: str | None = None,
                    category: str | None = None, limit: int | None = None, offset: int = 0) -> Iterator[Reviewed]:
    """Stored claims at their current values (filters and paging apply to what was extracted)."""
    from tollwatch.store import reviews

    book = reviews.book(ledger)
    doc, matched = "", dict[str, list[Review]]()  # claims come grouped by document: matched once each
    for c in ledger.claims(doc_id, outcome, source, category, limit, offset):
        if c.doc_id != doc:  # against all the document's claims, as reconciling matches them
            doc = c.doc_id
            matched = book.match(list(ledger.claims(doc))) if book.by_doc.get(doc) else {}
        yield current(c, matched.get(c.claim_id, ()))


def reviewed_claim(ledger: Ledger, claim_id: str) -> Reviewed:
    """One stored claim at its current value; raises StoreError when no claim has this id."""
    from tollwatch.store import reviews

    stored = ledger.claim(claim_id)
    matched = ReviewBook(reviews.read(ledger, stored.doc_id)).match(list(ledger.claims(stored.doc_id)))
    return current(stored, matched.get(claim_id, ()))


def claim_history(ledger: Ledger, claim_id: str) -> dict[str, Any]:
    """A claim's reviews, oldest first, with its extracted and current values (`history --format
    json`, /api/claims/ID/history). For a claim re-extraction no longer finds, the reviews made
    under its id, as orphans."""
    from tollwatch.store import reviews

    try:
        found = reviewed_claim(ledger, claim_id)
    except StoreError:
        lost = [r for r in reviews.read(ledger) if r.claim_id == claim_id]
        if not lost:
            raise StoreError(f"{claim_id}: no stored claim, nor any review, has this id; "
                             "`tollwatch claims --format jsonl` lists claims") from None
        return {"claim_id": claim_id, "status": "orphaned", "extracted": None, "current": None,
                "reviews": [r.to_dict() for r in lost]}
    return {"claim_id": claim_id, "status": found.status, "extracted": ledger.claim(claim_id).to_dict(),
            "current": found.claim.to_dict(), "reviews": [r.to_dict() for r in found.reviews]}
