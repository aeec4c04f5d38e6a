"""The whole job for stored reports: read inputs, extract their claims, store both.

These functions join the pipeline's steps; the steps themselves know nothing of each other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from tollwatch.errors import EmptyRecord, InputError, NotStored, StoreError
from tollwatch.extract import RULESET, extract_document
from tollwatch.ingest import iter_documents
from tollwatch.ingest.fetch import Fetcher
from tollwatch.ingest.html import html_to_text
from tollwatch.models import Document
from tollwatch.reconcile import Query, Reconciliation, reconcile
from tollwatch.store import Added, Ledger, RunSummary
from tollwatch.tables import refresh

Report = Callable[[Added | InputError], None]
log = logging.getLogger(__name__)


def ingest(inputs: Iterable[str], ledger: Ledger, published: date | None = None,
           fetcher: Fetcher | None = None, report: Report | None = None) -> RunSummary:
    """Store every document from `inputs` once, with its claims. Bad inputs are recorded with
    the run and reported; they never stop the batch."""
    inputs = list(inputs)
    return store_documents(inputs, iter_documents(inputs, published, fetcher), ledger, report)


def store_documents(inputs: Sequence[str], items: Iterable[Document | InputError], ledger: Ledger,
                    report: Report | None = None, refresh_tables: bool = True) -> RunSummary:
    """Store documents already read, and record the errors met reading them, as one run over
    `inputs` (what `ingest` does once it has read its inputs), then refresh the reconciled tables
    unless told not to (the web server refreshes them when it next reconciles). A ledger that
    cannot start the run raises StoreError; after that, a document it cannot take is one error,
    and the rest go on."""
    run_id = ledger.start_run(inputs, RULESET)
    new = duplicates = near = stored_claims = failures = 0
    for item in items:
        outcome: Added | InputError = item if isinstance(item, InputError) else _store(item, ledger, run_id)
        if isinstance(outcome, InputError):
            failures += not isinstance(outcome, EmptyRecord)  # an empty record is recorded, but no failure
            _record(ledger, run_id, outcome)
        elif outcome.status == "duplicate":
            duplicates += 1
        else:
            new += 1
            near += outcome.status == "near_duplicate"
            stored_claims += outcome.claims
        if report:
            report(outcome)
    summary = RunSummary(new, duplicates, near, stored_claims, failures)
    ledger.finish_run(run_id, summary)
    if refresh_tables:
        refresh(ledger)
    return summary


def _store(doc: Document, ledger: Ledger, run_id: int) -> Added | InputError:
    try:
        same = ledger.existing(doc)
        if same is not None:  # skip extraction for content already stored
            log.debug("%s: already stored as %s", doc.origin or doc.doc_id, same)
            return Added("duplicate", same)
        added = ledger.add(doc, extract_document(doc), RULESET, run_id)
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
        found = extract_document(doc)
        try:
            ledger.replace_claims(doc.doc_id, found, RULESET, text)
        except InputError as e:
            failed(e)
            continue
        n += 1
        after += len(found)
    refresh(ledger)
    return Reextracted(n, before, after, failures)


def reconciled(ledger: Ledger, query: Query | None = None) -> Reconciliation:
    """Reconcile the claims stored in `ledger` (those `query` keeps)."""
    query = query or Query()
    return reconcile(ledger.claims(outcome=query.outcome), ledger.document_infos(), query)
