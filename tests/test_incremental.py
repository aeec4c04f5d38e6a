"""Incremental reconciliation equals a whole one, whatever order documents arrive in."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tollwatch.extract import RULESET, extract_document
from tollwatch.incremental import Incremental
from tollwatch.models import Document
from tollwatch.pipeline import reconciled
from tollwatch.reconcile import Reconciliation
from tollwatch.review import new_review
from tollwatch.store import Ledger
from tollwatch.store import reviews

# Small reports that meet: running tolls of one place from several sources, one event told by
# three reports (an incident, and a contradiction), a breakdown, and two versions of one record.
DOCS = [
    Document("a", "The health ministry said 120 people had been killed in Latakia since Thursday.", "2025-03-08"),
    Document("b", "The Syrian Observatory for Human Rights said the toll in Latakia had risen to 310.", "2025-03-09"),
    Document("c", "Medics said 12 people were killed in an air strike on a market in Idlib on Monday.", "2025-03-10"),
    Document("d", "The civil defence said 30 people were killed in the air strike on a market in Idlib on Monday.",
             "2025-03-10"),
    Document("e", "An air strike on a market in Idlib killed 14 people on Monday, including 5 children and 9 men, "
                  "medics said.", "2025-03-10"),
    Document("f", "The health ministry said 90 people had been killed in Latakia since Thursday.", "2025-03-07"),
    Document("a", "The health ministry said 524 people had been killed in Latakia since Thursday.", "2025-03-08"),
    Document("g", "Gunmen killed 4 people in Kano on Monday, police said.", "2025-03-10"),
    # one boy wounded in one report and dead in the next: counted once, as killed, whichever comes first
    Document("h", "A 17-year-old boy was shot and wounded in Kano on Monday, police said.", "2025-03-10"),
    Document("i", "A 17-year-old boy who was shot in Kano on Monday has died, police said.", "2025-03-11"),
    # a whole the Latakia tolls are part of
    Document("k", "The Syrian Observatory for Human Rights said the toll across Syria had risen to 200.", "2025-03-09"),
]
EXTRACTED = [extract_document(d) for d in DOCS]
_EMPTY: list[Path] = []


def empty_ledger(folder: str) -> Ledger:
    """A fresh ledger, copied from one migrated once (migrating per example would be most of the test)."""
    if not _EMPTY:
        template = Path(tempfile.mkdtemp()) / "empty.db"
        Ledger(str(template)).close()
        _EMPTY.append(template)
    path = Path(folder) / "ledger.db"
    shutil.copy(_EMPTY[0], path)
    return Ledger(str(path))


def same(a: Reconciliation, b: Reconciliation) -> None:
    assert a.to_dict() == b.to_dict()
    assert a.figures.keys() == b.figures.keys() and a.set_aside.keys() == b.set_aside.keys()
    assert a.figures_of() == b.figures_of()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.permutations(range(len(DOCS))), cuts=st.lists(st.booleans(), min_size=len(DOCS), max_size=len(DOCS)),
       review_at=st.integers(0, len(DOCS)))
def test_incremental_equals_whole_over_random_ingest_orders(order, cuts, review_at):
    with tempfile.TemporaryDirectory() as folder:
        ledger = empty_ledger(folder)
        live = Incremental(ledger)
        for n, i in enumerate(order):
            ledger.add(DOCS[i], EXTRACTED[i], RULESET)
            if n == review_at:  # a reviewer rejects a figure: its document is redone
                claim = next(iter(ledger.claims()), None)
                if claim is not None:
                    reviews.append(ledger, new_review(claim, "reject", "ana"))
            if cuts[n] or n == len(order) - 1:
                same(live.result(), reconciled(ledger))
        ledger.close()


def test_only_the_documents_touched_are_read_again(tmp_path):
    ledger = Ledger(str(tmp_path / "i.db"))
    for doc, found in zip(DOCS[:6], EXTRACTED[:6]):
        ledger.add(doc, found, RULESET)
    live = Incremental(ledger)
    live.result()
    assert live.redone == 6
    ledger.add(DOCS[7], EXTRACTED[7], RULESET)
    same(live.result(), reconciled(ledger))
    assert live.redone == 1
    ledger.add(DOCS[6], EXTRACTED[6], RULESET)  # a new version of "a": the new one read, the old one dropped
    result = live.result()
    assert live.redone == 1 and not any(c.startswith("clm") and result.figures[c].claim.doc_id == "a"
                                        for c in result.figures)
    same(result, reconciled(ledger))
    assert live.result() is result  # nothing changed: nothing redone


def test_the_tables_are_updated_row_by_row_and_match_a_whole_rewrite(tmp_path, monkeypatch):
    from sqlalchemy import select

    from tollwatch.store.schema import RECONCILED
    from tollwatch.tables import Writer, rows

    ledger = Ledger(str(tmp_path / "t.db"))
    for doc, found in zip(DOCS[:5], EXTRACTED[:5]):
        ledger.add(doc, found, RULESET)
    live, writer = Incremental(ledger), Writer(ledger)
    writer.write(ledger.generation(), live.result())
    replaced: list[int] = []
    monkeypatch.setattr(Ledger, "replace_reconciled", lambda self, *a: replaced.append(1))
    for doc, found in zip(DOCS[5:], EXTRACTED[5:]):
        ledger.add(doc, found, RULESET)
        result = live.result()
        writer.write(live.generation, result)
    assert replaced == [] and ledger.reconciled_generation() == ledger.generation()

    def stored() -> dict[str, list[str]]:
        with ledger.engine.connect() as conn:
            return {t.name: sorted(repr(sorted(dict(r).items())) for r in conn.execute(select(t)).mappings())
                    for t in RECONCILED}
    expected = {name: sorted(repr(sorted(r.items())) for r in found) for name, found in rows(result).items()}
    assert stored() == expected


def test_updates_under_a_stream_of_writes_are_paced(tmp_path, monkeypatch):
    import tollwatch.incremental as incremental

    ledger = Ledger(str(tmp_path / "p.db"))
    for doc, found in zip(DOCS[:3], EXTRACTED[:3]):
        ledger.add(doc, found, RULESET)
    live = Incremental(ledger)
    live.result()
    clock = [1000.0]
    monkeypatch.setattr(incremental.time, "monotonic", lambda: clock[0])
    update = live._update

    def slow_update(touched):  # an update of a big ledger: 2 s on this clock
        clock[0] += 2.0
        update(touched)
    monkeypatch.setattr(live, "_update", slow_update)
    ledger.add(DOCS[3], EXTRACTED[3], RULESET)
    first = live.result(wait=False)
    assert live.generation == ledger.generation()
    # for PACE times as long as the update took, a request not willing to wait gets the result as it was
    ledger.add(DOCS[4], EXTRACTED[4], RULESET)
    clock[0] += 2.0 * incremental.PACE - 0.5
    assert live.result(wait=False) is first
    clock[0] += 1.0
    assert live.result(wait=False) is not first and live.generation == ledger.generation()
    ledger.add(DOCS[5], EXTRACTED[5], RULESET)
    same(live.result(), reconciled(ledger))  # one that waits is always current


def test_a_place_is_shown_as_the_first_document_names_it_whichever_arrives_first():
    """Two reports of one place, naming it differently: the tallies there take the name from the
    first report in the ledger's order, also when it arrives last and tells of other figures (the
    groups there are redone)."""
    from dataclasses import replace

    from tollwatch.models import DocumentInfo
    from tollwatch.reconcile import combine, default_identified, default_places, read_document
    from tollwatch.reconcile.standing import Standing

    def told(doc_id: str, text: str, sentence: str) -> list:
        claims = extract_document(Document(doc_id, sentence, "2025-03-10"))
        assert claims and claims[0].location and claims[0].location.place_id
        return [replace(c, location=replace(c.location, name=None, text=text)) if c.location else c for c in claims]

    identified, places = default_identified(), default_places()
    parts = {d: read_document(told(d, text, sentence), DocumentInfo(d, "2025-03-10"), identified)
             for d, text, sentence in (("p", "Kano city", "Gunmen wounded 6 people in Kano on Monday, police said."),
                                       ("q", "kano", "Gunmen killed 4 people in Kano on Monday, police said."))}
    standing = Standing(places)
    standing.update({"q": parts["q"]})
    assert {t.place.text for t in standing.update({}).tallies if t.place} == {"kano"}
    result = standing.update({"p": parts["p"]})
    assert {t.place.text for t in result.tallies if t.place} == {"Kano city"}
    same(result, combine([parts["p"], parts["q"]], places=places))
    same(standing.update({"p": None}), combine([parts["q"]], places=places))
