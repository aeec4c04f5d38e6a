"""The ledger: documents stored once, their claims beside them, and a record of each ingest run.

SQLite by default (a plain file any SQL tool can open), PostgreSQL by URL. The schema is
created and upgraded by Alembic on open. Each document is written in its own transaction, so
an interrupted run leaves a consistent database and a re-run resumes where it stopped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from typing import Any, Literal

from sqlalchemy import Connection, Engine, and_, create_engine, event, func, or_, select
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from tollwatch import __version__
from tollwatch.errors import ConflictingRecord, StoreError
from tollwatch.ingest.dedupe import THRESHOLD, Signature, content_hash
from tollwatch.models import Claim, Document
from tollwatch.reconcile.figures import DocumentInfo
from tollwatch.store.schema import claims, document_bands, documents, ingest_errors, ingest_runs, ledger_state

DEFAULT_DB = "tollwatch.db"
Status = Literal["new", "near_duplicate", "duplicate"]


def database_url(db: str | None = None) -> str:
    """`db`, else $TOLLWATCH_DB, else ./tollwatch.db; a plain path means an SQLite file."""
    db = db or os.environ.get("TOLLWATCH_DB") or DEFAULT_DB
    return db if "://" in db else f"sqlite:///{db}"


@dataclass(frozen=True, slots=True)
class Added:
    status: Status
    doc_id: str                       # the stored document (the earlier copy, for a duplicate)
    duplicate_of: str | None = None   # for a near-duplicate: the first copy of the story
    similarity: float | None = None
    claims: int = 0


@dataclass(frozen=True, slots=True)
class StoredDocument:
    document: Document
    duplicate_of: str | None
    similarity: float | None
    ruleset: str | None
    ingested_at: datetime


@dataclass(frozen=True, slots=True)
class RunSummary:
    new_documents: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    claims: int = 0
    failures: int = 0


class Ledger:
    """An open ledger database. `Ledger()` opens ./tollwatch.db (or $TOLLWATCH_DB)."""

    def __init__(self, db: str | None = None) -> None:
        self.url = database_url(db)
        try:
            self.engine: Engine = create_engine(self.url)
        except (ArgumentError, ImportError) as e:
            raise StoreError(f"{self.url}: not a database URL tollwatch can open ({e}); "
                             "use a file path or postgresql+psycopg://user@host/db") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self.migrate()
        except OperationalError as e:
            raise StoreError(f"{self.display_url}: cannot open the database ({e.orig})") from None

    @property
    def display_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(resources.files("tollwatch.store") / "migrations"))
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], ruleset: str) -> int:
        with self.engine.begin() as conn:
            run_id = conn.scalar(ingest_runs.insert().values(
                started_at=_now(), inputs=list(inputs), tollwatch_version=__version__, ruleset=ruleset,
                new_documents=0, duplicates=0, near_duplicates=0, claims=0, failures=0)
                .returning(ingest_runs.c.run_id))
            return int(run_id)

    def finish_run(self, run_id: int, summary: RunSummary) -> None:
        with self.engine.begin() as conn:
            conn.execute(ingest_runs.update().where(ingest_runs.c.run_id == run_id).values(
                finished_at=_now(), new_documents=summary.new_documents, duplicates=summary.duplicates,
                near_duplicates=summary.near_duplicates, claims=summary.claims, failures=summary.failures))

    def record_error(self, run_id: int, origin: str, message: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(ingest_errors.insert().values(run_id=run_id, origin=origin, message=message))

    def existing(self, doc: Document) -> str | None:
        """The id of a stored document with exactly this text, if any."""
        with self.engine.connect() as conn:
            return conn.scalar(select(documents.c.doc_id).where(documents.c.content_hash == content_hash(doc.text)))

    def add(self, doc: Document, doc_claims: Sequence[Claim], ruleset: str, run_id: int | None = None) -> Added:
        """Store `doc` and its claims in one transaction, unless its text is already stored.
        A document with another's id but different text is refused, so nothing stored is lost."""
        digest = content_hash(doc.text)
        signature = Signature.of(doc.text)
        with self.engine.begin() as conn:
            same = conn.scalar(select(documents.c.doc_id).where(documents.c.content_hash == digest))
            if same is not None:
                return Added("duplicate", same)
            if conn.scalar(select(documents.c.doc_id).where(documents.c.doc_id == doc.doc_id)) is not None:
                raise ConflictingRecord(doc.origin or doc.doc_id, f"id {doc.doc_id!r} is already stored with "
                                                                  "different text; give this version its own id")
            original, similarity = self._nearest(conn, signature)
            conn.execute(documents.insert().values(
                doc_id=doc.doc_id, content_hash=digest, origin=doc.origin, url=doc.url, title=doc.title,
                site_name=doc.site_name, published=doc.published, text=doc.text, media_type=doc.media_type,
                raw=doc.raw, duplicate_of=original, similarity=similarity, minhash=signature.to_bytes(),
                ruleset=ruleset, run_id=run_id, ingested_at=_now()))
            conn.execute(document_bands.insert(), [
                {"band": band, "key": key, "doc_id": doc.doc_id} for band, key in enumerate(signature.band_keys())])
            self._insert_claims(conn, doc_claims, ruleset)
            _bump(conn)
        status: Status = "near_duplicate" if original else "new"
        return Added(status, doc.doc_id, original, similarity, len(doc_claims))

    def replace_claims(self, doc_id: str, doc_claims: Sequence[Claim], ruleset: str,
                       text: str | None = None) -> None:
        """Swap a document's claims for freshly extracted ones (and its text, when re-derived)."""
        with self.engine.begin() as conn:
            conn.execute(claims.delete().where(claims.c.doc_id == doc_id))
            values: dict[str, Any] = {"ruleset": ruleset}
            if text is not None:
                values.update(text=text, content_hash=content_hash(text))
            conn.execute(documents.update().where(documents.c.doc_id == doc_id).values(**values))
            self._insert_claims(conn, doc_claims, ruleset)
            _bump(conn)

    def set_title(self, doc_id: str, title: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(documents.update().where(documents.c.doc_id == doc_id).values(title=title))
            _bump(conn)

    def _nearest(self, conn: Connection, signature: Signature) -> tuple[str | None, float | None]:
        # OR of (band, key) pairs, not a tuple IN: SQLite only uses the index for the former.
        same_band = or_(*(and_(document_bands.c.band == band, document_bands.c.key == key)
                          for band, key in enumerate(signature.band_keys())))
        candidates = conn.execute(
            select(documents.c.doc_id, documents.c.duplicate_of, documents.c.minhash)
            .where(documents.c.doc_id.in_(select(document_bands.c.doc_id).where(same_band)))
        ).all()
        best: tuple[str | None, float | None] = (None, None)
        for doc_id, duplicate_of, minhash in candidates:
            similarity = signature.similarity(Signature.from_bytes(minhash))
            if similarity >= THRESHOLD and similarity > (best[1] or 0.0):
                best = (duplicate_of or doc_id, similarity)  # link to the first copy of the story
        return best

    @staticmethod
    def _insert_claims(conn: Connection, doc_claims: Sequence[Claim], ruleset: str) -> None:
        if doc_claims:
            conn.execute(claims.insert(), [_claim_row(c, ruleset) for c in doc_claims])

    # --- reading -------------------------------------------------------------------------

    def resolve_doc_id(self, ref: str) -> str:
        """A stored document id from an id, a unique id prefix, the URL or path it came from, or
        that path's file name."""
        with self.engine.connect() as conn:
            exact = conn.scalar(select(documents.c.doc_id).where(
                or_(documents.c.doc_id == ref, documents.c.url == ref, documents.c.origin == ref)))
            if exact is not None:
                return str(exact)
            found = conn.scalars(select(documents.c.doc_id).where(or_(
                documents.c.doc_id.startswith(ref, autoescape=True),
                documents.c.origin.endswith("/" + ref, autoescape=True))).limit(2)).all()
        if len(found) == 1:
            return str(found[0])
        raise StoreError(f"{ref}: {'more than one document matches' if found else 'no such document'} in "
                         f"{self.display_url}; `tollwatch claims` lists document ids")

    def document(self, doc_id: str) -> StoredDocument:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).mappings().first()
        if row is None:
            raise StoreError(f"{doc_id}: no such document in {self.display_url}")
        return _stored(row)

    def documents(self, batch: int = 500) -> Iterator[StoredDocument]:
        """Every stored document, by id, read in batches to keep memory flat."""
        last = ""
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(select(documents).where(documents.c.doc_id > last)
                                    .order_by(documents.c.doc_id).limit(batch)).mappings().all()
            if not rows:
                return
            for row in rows:
                yield _stored(row)
            last = rows[-1]["doc_id"]

    def claims(self, doc_id: str | None = None, outcome: str | None = None, source: str | None = None,
               category: str | None = None, limit: int | None = None, offset: int = 0) -> Iterator[Claim]:
        query = self._claim_filter(select(claims), doc_id, outcome, source, category)
        query = query.order_by(claims.c.doc_id, claims.c.start).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield Claim.from_dict(dict(row))

    def count_claims(self, doc_id: str | None = None, outcome: str | None = None, source: str | None = None,
                     category: str | None = None) -> int:
        query = self._claim_filter(select(func.count()).select_from(claims), doc_id, outcome, source, category)
        with self.engine.connect() as conn:
            return conn.scalar(query) or 0

    def claim(self, claim_id: str) -> Claim:
        with self.engine.connect() as conn:
            row = conn.execute(select(claims).where(claims.c.claim_id == claim_id)).mappings().first()
        if row is None:
            raise StoreError(f"{claim_id}: no such claim in {self.display_url}")
        return Claim.from_dict(dict(row))

    @staticmethod
    def _claim_filter(query: Any, doc_id: str | None, outcome: str | None, source: str | None,
                      category: str | None) -> Any:
        if doc_id:
            query = query.where(claims.c.doc_id == doc_id)
        if outcome:
            query = query.where(claims.c.outcome == outcome)
        if category:
            query = query.where(claims.c.category == category)
        if source:
            query = query.where(or_(claims.c.source_id == source, claims.c.source["kind"].as_string() == source,
                                    func.lower(claims.c.source_name).contains(source.lower(), autoescape=True)))
        return query

    def document_page(self, limit: int, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """(total, newest documents first) with their claim counts, for listings."""
        n_claims = select(func.count()).where(claims.c.doc_id == documents.c.doc_id).scalar_subquery()
        cols = (documents.c.doc_id, documents.c.title, documents.c.url, documents.c.origin, documents.c.published,
                documents.c.site_name, documents.c.duplicate_of, documents.c.ingested_at, n_claims.label("claims"))
        with self.engine.connect() as conn:
            total = conn.scalar(select(func.count()).select_from(documents)) or 0
            rows = conn.execute(select(*cols).order_by(documents.c.ingested_at.desc(), documents.c.doc_id)
                                .limit(limit).offset(offset)).mappings().all()
        return total, [dict(r, ingested_at=r["ingested_at"].isoformat()) for r in rows]

    def generation(self) -> int:
        """A number that changes whenever documents or claims are written: a cache key for derived results."""
        with self.engine.connect() as conn:
            return int(conn.scalar(select(ledger_state.c.generation).where(ledger_state.c.id == 1)) or 0)

    def document_infos(self) -> dict[str, DocumentInfo]:
        """What reconciling needs of every document: dates, syndication links, outlet."""
        cols = (documents.c.doc_id, documents.c.published, documents.c.duplicate_of, documents.c.site_name,
                documents.c.title, documents.c.url)
        with self.engine.connect() as conn:
            return {row[0]: DocumentInfo(*row) for row in conn.execute(select(*cols))}

    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "documents": conn.scalar(select(func.count()).select_from(documents)) or 0,
                "near_duplicates": conn.scalar(select(func.count()).select_from(documents)
                                               .where(documents.c.duplicate_of.is_not(None))) or 0,
                "claims": conn.scalar(select(func.count()).select_from(claims)) or 0,
                "runs": conn.scalar(select(func.count()).select_from(ingest_runs)) or 0,
            }


def _bump(conn: Connection) -> None:
    conn.execute(ledger_state.update().where(ledger_state.c.id == 1)
                 .values(generation=ledger_state.c.generation + 1))


def _sqlite_pragmas(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the web server) never block the ingester
    cursor.execute("PRAGMA synchronous=NORMAL")  # durable at each checkpoint; safe with WAL
    cursor.close()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _claim_row(c: Claim, ruleset: str) -> dict[str, Any]:
    d = c.to_dict()
    return {
        **{k: d[k] for k in ("claim_id", "doc_id", "start", "end", "quote", "count", "outcome", "manner", "victims",
                             "perpetrator", "location", "time", "source", "scope", "modality", "part_of", "parts",
                             "confidence", "evidence")},
        "count_text": c.count.text, "low": c.count.low, "high": c.count.high, "best": c.count.best,
        "category": c.victims.category, "place_id": c.location.place_id if c.location else None,
        "time_start": c.time.start if c.time else None, "time_end": c.time.end if c.time else None,
        "source_name": c.source.name, "source_id": c.source.source_id, "ruleset": ruleset,
    }


def _stored(row: Any) -> StoredDocument:
    doc = Document(row["doc_id"], row["text"], row["published"], row["url"], row["title"], row["origin"],
                   row["site_name"], row["media_type"], row["raw"])
    return StoredDocument(doc, row["duplicate_of"], row["similarity"], row["ruleset"], row["ingested_at"])
