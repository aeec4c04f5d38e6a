"""The ledger: documents stored once, their claims beside them, and a record of each ingest run.

SQLite by default (a plain file any SQL tool can open), PostgreSQL by URL. The schema is
created and upgraded by Alembic on open. Each document is written in its own transaction, so
an interrupted run leaves a consistent database and a re-run resumes where it stopped.

A ledger opened read-only (`read_only=True`, what the read commands do) is never migrated or
written: SQLite opens the file with `mode=ro` (and `immutable=1` where the folder cannot hold
SQLite's shared-memory file: a read-only disk), PostgreSQL with read-only transactions. A
ledger opened for writing on a file that cannot be written falls back to that, so it can still
be read; its first write then says why it failed. The database's refusals (a read-only or full
disk, a lock held too long) become StoreErrors that say what to do.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from importlib import resources
from typing import Any, Literal
from urllib.parse import quote

from sqlalchemy import URL, Connection, Engine, String, and_, create_engine, event, func, make_url, or_, select
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from tollwatch import __version__
from tollwatch.errors import ConflictingRecord, NotStored, OutdatedLedger, ReadOnlyLedger, StoreError
from tollwatch.models import Claim, Document, DocumentInfo
from tollwatch.store.dedupe import THRESHOLD, Signature, content_hash
from tollwatch.store.schema import (
    RECONCILED, RECONCILED_IDS, claims, document_bands, documents, ingest_errors, ingest_runs, ledger_state, reconciled_state,
)

DEFAULT_DB = "tollwatch.db"
MAX_FIGURE = 2 ** 63 - 1  # the low/high/best columns are 64-bit integers
Status = Literal["new", "near_duplicate", "duplicate", "version"]


def database_url(db: str | None = None) -> str:
    """`db`, else $TOLLWATCH_DB, else ./tollwatch.db; a plain path means an SQLite file."""
    db = db or os.environ.get("TOLLWATCH_DB") or DEFAULT_DB
    if "://" in db:
        return db
    return URL.create("sqlite", database=db).render_as_string(hide_password=False)  # escapes '?', '#', '%'


@dataclass(frozen=True, slots=True)
class Added:
    status: Status
    doc_id: str                       # the stored document (the earlier copy, for a duplicate)
    duplicate_of: str | None = None   # for a near-duplicate: the first copy of the story
    similarity: float | None = None
    claims: int = 0
    version: int = 1
    previous: str | None = None       # for a new version: the version it supersedes


@dataclass(frozen=True, slots=True)
class StoredDocument:
    document: Document
    duplicate_of: str | None
    similarity: float | None
    ruleset: str | None
    ingested_at: datetime
    version: int = 1
    superseded_by: str | None = None  # the article's next version
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class RunSummary:
    new_documents: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    claims: int = 0
    failures: int = 0
    versions: int = 0  # of the new documents, how many are new versions of a stored article


_OPEN_TRIES = 6  # a new SQLite file another process is creating at the same moment: tries, ~5 s in all


class Ledger:
    """An open ledger database. `Ledger()` opens ./tollwatch.db (or $TOLLWATCH_DB), creating or
    upgrading its schema; `Ledger(db, read_only=True)` only reads it."""

    def __init__(self, db: str | None = None, *, read_only: bool = False) -> None:
        self.url = database_url(db)
        self.read_only = read_only
        self.engine = self._engine()
        try:
            self._open()
        except OperationalError as e:
            self.close()
            raise StoreError(f"{self.display_url}: cannot open the database ({_reason(e)})") from None

    def _migrate_when_free(self) -> None:
        """Create or upgrade the schema; two processes opening one new SQLite file at once may find
        it locked without waiting (SQLite answers at once where waiting could deadlock), so try again."""
        for attempt in range(_OPEN_TRIES):
            try:
                self.migrate()
                return
            except OperationalError as e:
                if "locked" not in str(e).lower() or attempt == _OPEN_TRIES - 1:
                    raise
                time.sleep(0.25 * (attempt + 1))

    def _open(self) -> None:
        if self.read_only:
            if self._path is not None and not os.path.exists(self._path):
                raise StoreError(f"{self.display_url}: no ledger in this file, which does not exist; "
                                 "`tollwatch ingest --db DB FILE...` creates one")
            self._open_read_only()
            return
        try:
            self._migrate_when_free()
        except OperationalError as e:
            if not (self._path is not None and os.path.isfile(self._path) and _cannot_write(e)):
                raise
            self.engine.dispose()  # a write-protected file or disk: it can still be read
            self.read_only = True
            self.engine = self._engine()
            self._open_read_only()

    @property
    def display_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def _engine(self, immutable: bool = False) -> Engine:
        url = _read_only_url(self.url, immutable) if self.read_only else self.url
        options: dict[str, Any] = {}
        if self.read_only and self.url.startswith("postgresql"):
            options["connect_args"] = {"options": "-c default_transaction_read_only=on"}
        elif self.url.startswith("sqlite"):
            # a second writer waits for the first (whose run ends with a whole reconciliation into the
            # reconciled tables) rather than failing after the driver's default 5 s
            options["connect_args"] = {"timeout": 60}
        try:
            engine = create_engine(url, **options)
        except (ArgumentError, ImportError) as e:
            raise StoreError(f"{self.url}: not a database URL tollwatch can open ({e}); "
                             "use a file path or postgresql+psycopg://user@host/db") from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_read_only if self.read_only else _sqlite_pragmas)
        return engine

    @property
    def _path(self) -> str | None:
        """The SQLite file, if the ledger is one."""
        url = make_url(self.url)
        return url.database if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
            else None

    def _open_read_only(self) -> None:
        try:
            self._check_schema()
        except OperationalError as e:
            path = self._path
            if path is None or not os.path.isfile(path) or not _cannot_write(e) or os.path.exists(f"{path}-wal"):
                raise
            # SQLite reads a WAL-mode file only beside its shared-memory file, which a read-only
            # folder cannot hold. With no -wal file every committed page is in the file itself.
            self.engine.dispose()
            self.engine = self._engine(immutable=True)
            self._check_schema()

    def _check_schema(self) -> None:
        """Unlike a writer, a reader cannot upgrade the schema: it refuses one that is not current."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        scripts = _scripts()
        if current == scripts.get_current_head():
            return
        if current is None:
            raise StoreError(f"{self.display_url}: not a tollwatch ledger (it has no tables); "
                             "`tollwatch ingest --db DB FILE...` creates one")
        if current in {r.revision for r in scripts.walk_revisions()}:
            raise OutdatedLedger(f"{self.display_url}: written by an older tollwatch (schema {current}); opened "
                                 "read-only, it cannot be upgraded: run a write command on it once with write access "
                                 "(e.g. `tollwatch reextract --db DB`), then read it again")
        raise StoreError(f"{self.display_url}: written by a newer tollwatch (schema {current}); "
                         "upgrade tollwatch to read it")

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        from alembic import command

        config = _alembic_config()
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "sqlite":
                # two processes opening a new file at once: the second waits, then finds the tables made
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def close(self) -> None:
        """Release the database; a writer folds SQLite's write-ahead log back into the file, so no
        -wal file is left beside it (a copy of the file alone then holds every committed write)."""
        if not self.read_only and self._path is not None and self.engine.dialect.name == "sqlite":
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except DBAPIError:
                pass  # another process holds the log: it checkpoints when it closes
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction; the database's refusals become StoreErrors that say what to do."""
        if self.read_only:
            raise ReadOnlyLedger(f"{self.display_url}: open for reading only (opened by a read command, or the file or "
                                 f"its folder is write-protected), so it cannot be written; {_NEEDS_WRITE}")
        try:
            with self.engine.begin() as conn:
                if self.engine.dialect.name == "sqlite":
                    # take the write lock first, so what the transaction reads stays true until it
                    # commits: two ingests of one text then see each other's document
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
        except IntegrityError:
            raise  # a conflict between rows: the caller knows what it means
        except DBAPIError as e:
            raise _refusal(self.display_url, e) from None

    def start_run(self, inputs: Sequence[str], ruleset: str) -> int:
        with self._writing() as conn:
            run_id = conn.scalar(ingest_runs.insert().values(
                started_at=_now(), inputs=list(inputs), tollwatch_version=__version__, ruleset=ruleset,
                new_documents=0, duplicates=0, near_duplicates=0, claims=0, failures=0)
                .returning(ingest_runs.c.run_id))
            return int(run_id)

    def finish_run(self, run_id: int, summary: RunSummary) -> None:
        with self._writing() as conn:
            conn.execute(ingest_runs.update().where(ingest_runs.c.run_id == run_id).values(
                finished_at=_now(), new_documents=summary.new_documents, duplicates=summary.duplicates,
                near_duplicates=summary.near_duplicates, claims=summary.claims, failures=summary.failures,
                versions=summary.versions))

    def record_error(self, run_id: int, origin: str, message: str) -> None:
        with self._writing() as conn:
            conn.execute(ingest_errors.insert().values(run_id=run_id, origin=origin, message=message))

    def existing(self, doc: Document) -> str | None:
        """The id of a stored document with exactly this text, if any."""
        try:
            with self.engine.connect() as conn:
                return conn.scalar(select(documents.c.doc_id)
                                   .where(documents.c.content_hash == content_hash(doc.text)))
        except DBAPIError as e:
            raise _refusal(self.display_url, e) from None

    def add(self, doc: Document, doc_claims: Sequence[Claim], ruleset: str, run_id: int | None = None) -> Added:
        """Store `doc` and its claims in one transaction, unless its text is already stored.
        A document with another's id but different text is refused, so nothing stored is lost.
        Raises NotStored for a document the ledger cannot hold, StoreError when it cannot be written
        (a read-only or full disk)."""
        origin = doc.origin or doc.doc_id
        _check_storable(origin, doc, doc_claims)
        try:
            return self._add(doc, doc_claims, ruleset, run_id)
        except IntegrityError:
            # (PostgreSQL) another process stored this text, or took this id, between the checks and the insert
            same = self.existing(doc)
            if same is not None:
                return Added("duplicate", same)
            raise ConflictingRecord(origin, f"id {doc.doc_id!r} was stored with different text by another "
                                            "process at the same time; give this version its own id") from None

    def _add(self, doc: Document, doc_claims: Sequence[Claim], ruleset: str, run_id: int | None) -> Added:
        digest = content_hash(doc.text)
        signature = Signature.of(doc.text)
        key = article_key(doc)
        with self._writing() as conn:
            same = conn.scalar(select(documents.c.doc_id).where(documents.c.content_hash == digest))
            if same is not None:
                return Added("duplicate", same)
            latest = conn.execute(select(documents.c.doc_id, documents.c.duplicate_of, documents.c.version,
                                         documents.c.minhash)
                                  .where(documents.c.article_key == key, documents.c.superseded_by.is_(None))
                                  .order_by(documents.c.version.desc())).first()
            version, doc_id = 1, doc.doc_id
            if latest is not None:  # the article again, with changed text: its next version
                version = latest.version + 1
                if conn.scalar(select(documents.c.doc_id).where(documents.c.doc_id == doc_id)) is not None:
                    doc_id = _version_id(doc_id, version)  # a record's own id, taken by its first version
                doc_claims = _moved(doc_claims, doc_id) if doc_id != doc.doc_id else doc_claims
                original = latest.duplicate_of or latest.doc_id  # the story stays the first copy's
                similarity: float | None = signature.similarity(Signature.from_bytes(latest.minhash)) \
                    if latest.minhash else None  # rows written in bulk may lack one
            else:
                original, similarity = self._nearest(conn, signature)
            if conn.scalar(select(documents.c.doc_id).where(documents.c.doc_id == doc_id)) is not None:
                raise ConflictingRecord(doc.origin or doc.doc_id, f"id {doc_id!r} is already stored with "
                                                                  "different text; give this version its own id")
            conn.execute(documents.insert().values(
                doc_id=doc_id, content_hash=digest, origin=doc.origin, url=doc.url, title=doc.title,
                site_name=doc.site_name, published=doc.published, text=doc.text, media_type=doc.media_type,
                raw=doc.raw, language=doc.language, duplicate_of=original, similarity=similarity,
                minhash=signature.to_bytes(), ruleset=ruleset, run_id=run_id, ingested_at=_now(), article_key=key,
                version=version))
            conn.execute(document_bands.insert(), [
                {"band": band, "key": key, "doc_id": doc_id} for band, key in enumerate(signature.band_keys())])
            self._insert_claims(conn, doc_claims, ruleset)
            if latest is not None:
                conn.execute(documents.update().where(documents.c.doc_id == latest.doc_id).values(superseded_by=doc_id))
                conn.execute(claims.update().where(claims.c.doc_id == latest.doc_id).values(superseded_by=doc_id))
            _bump(conn, doc_id, *([latest.doc_id] if latest is not None else []))
        if latest is not None:
            return Added("version", doc_id, original, similarity, len(doc_claims), version, latest.doc_id)
        status: Status = "near_duplicate" if original else "new"
        return Added(status, doc_id, original, similarity, len(doc_claims))

    def replace_claims(self, doc_id: str, doc_claims: Sequence[Claim], ruleset: str,
                       text: str | None = None, language: str | None = None) -> None:
        """Swap a document's claims for freshly extracted ones (and its text, when re-derived, and
        its language, when detected again)."""
        _check_figures(doc_id, doc_claims)
        try:
            with self._writing() as conn:
                superseded_by = conn.scalar(select(documents.c.superseded_by).where(documents.c.doc_id == doc_id))
                conn.execute(claims.delete().where(claims.c.doc_id == doc_id))
                values: dict[str, Any] = {"ruleset": ruleset}
                if text is not None:
                    values.update(text=text, content_hash=content_hash(text))
                if language is not None:
                    values.update(language=language)
                conn.execute(documents.update().where(documents.c.doc_id == doc_id).values(**values))
                self._insert_claims(conn, doc_claims, ruleset, superseded_by)
                _bump(conn, doc_id)
        except IntegrityError as e:
            raise ConflictingRecord(doc_id, f"its claims could not be replaced ({_reason(e)}): its new text "
                                            "is another stored document's, or it was removed meanwhile; it keeps "
                                            "its old claims") from None

    def set_title(self, doc_id: str, title: str) -> None:
        with self._writing() as conn:
            conn.execute(documents.update().where(documents.c.doc_id == doc_id).values(title=title))
            _bump(conn, doc_id)

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
    def _insert_claims(conn: Connection, doc_claims: Sequence[Claim], ruleset: str,
                       superseded_by: str | None = None) -> None:
        if doc_claims:
            conn.execute(claims.insert(), [_claim_row(c, ruleset) | {"superseded_by": superseded_by}
                                           for c in doc_claims])

    # --- reading -------------------------------------------------------------------------

    def resolve_doc_id(self, ref: str) -> str:
        """A stored document id from an id, a unique id prefix, the URL or path it came from, or
        that path's file name."""
        with self.engine.connect() as conn:
            exact = conn.scalar(select(documents.c.doc_id).where(
                or_(documents.c.doc_id == ref, documents.c.url == ref, documents.c.origin == ref))
                .order_by(documents.c.doc_id != ref, documents.c.version.desc()))  # the id asked for, else the latest
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
               category: str | None = None, limit: int | None = None, offset: int = 0,
               superseded: bool = False) -> Iterator[Claim]:
        """Stored claims, grouped by document. Those of a superseded version are left out unless
        `superseded` or its `doc_id` is asked for."""
        query = self._claim_filter(select(claims), doc_id, outcome, source, category, superseded)
        query = query.order_by(claims.c.doc_id, claims.c.start).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield Claim.from_dict(dict(row))

    def count_claims(self, doc_id: str | None = None, outcome: str | None = None, source: str | None = None,
                     category: str | None = None, superseded: bool = False) -> int:
        query = self._claim_filter(select(func.count()).select_from(claims), doc_id, outcome, source, category,
                                   superseded)
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
                      category: str | None, superseded: bool = False) -> Any:
        if doc_id:
            query = query.where(claims.c.doc_id == doc_id)
        elif not superseded:
            query = query.where(claims.c.superseded_by.is_(None))
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
                documents.c.site_name, documents.c.language, documents.c.duplicate_of, documents.c.ingested_at,
                documents.c.version, documents.c.superseded_by, n_claims.label("claims"))
        with self.engine.connect() as conn:
            total = conn.scalar(select(func.count()).select_from(documents)) or 0
            rows = conn.execute(select(*cols).order_by(documents.c.ingested_at.desc(), documents.c.doc_id)
                                .limit(limit).offset(offset)).mappings().all()
        return total, [dict(r, ingested_at=r["ingested_at"].isoformat()) for r in rows]

    def versions(self, doc_id: str) -> list[StoredDocument]:
        """Every stored version of the article `doc_id` is a version of, oldest first."""
        with self.engine.connect() as conn:
            key = conn.scalar(select(documents.c.article_key).where(documents.c.doc_id == doc_id))
            if key is None:
                return [self.document(doc_id)]
            rows = conn.execute(select(documents).where(documents.c.article_key == key)
                                .order_by(documents.c.version, documents.c.ingested_at)).mappings().all()
        return [_stored(row) for row in rows]

    def versioned(self, doc_ids: Iterable[str]) -> set[str]:
        """Those of `doc_ids` that are a later version of an article."""
        ids = list(doc_ids)
        with self.engine.connect() as conn:
            return set(conn.scalars(select(documents.c.doc_id).where(documents.c.doc_id.in_(ids),
                                                                     documents.c.version > 1))) if ids else set()

    def generation(self) -> int:
        """A number that changes whenever documents or claims are written: a cache key for derived results."""
        with self.engine.connect() as conn:
            return int(conn.scalar(select(ledger_state.c.generation).where(ledger_state.c.id == 1)) or 0)

    def touched_since(self, generation: int) -> list[tuple[str, str | None]]:
        """(doc_id, superseded_by) of the documents changed after `generation`."""
        with self.engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(select(documents.c.doc_id, documents.c.superseded_by)
                                                       .where(documents.c.touched > generation))]

    def reconciled_generation(self) -> int:
        """The generation the reconciled tables were computed from; -1 when never."""
        with self.engine.connect() as conn:
            found = conn.scalar(select(reconciled_state.c.generation).where(reconciled_state.c.id == 1))
            return -1 if found is None else int(found)

    def replace_reconciled(self, generation: int, rows: Mapping[str, Sequence[dict[str, Any]]]) -> None:
        """Replace the rows of the reconciled tables (`rows` by table name) in one transaction,
        recording the `generation` they were computed from. They are derived from the claims, so
        writing them does not bump the generation."""
        with self._writing() as conn:
            for table in RECONCILED:
                conn.execute(table.delete())
                if rows.get(table.name):
                    conn.execute(table.insert(), list(rows[table.name]))
            conn.execute(reconciled_state.update().where(reconciled_state.c.id == 1)
                         .values(generation=generation, reconciled_at=_now()))

    def update_reconciled(self, generation: int, since: int, delete: Mapping[str, Sequence[str]],
                          insert: Mapping[str, Sequence[dict[str, Any]]]) -> bool:
        """Change the reconciled tables computed from generation `since` into those of `generation`:
        delete the rows with these ids, insert these rows, in one transaction. False, and nothing
        changed, when the tables are no longer those of `since` (another process rewrote them)."""
        with self._writing() as conn:
            found = conn.scalar(select(reconciled_state.c.generation).where(reconciled_state.c.id == 1))
            if found != since:
                return False
            for table in RECONCILED:
                key = table.c[RECONCILED_IDS[table.name]]
                ids = list(delete.get(table.name, ()))
                for at in range(0, len(ids), 500):  # bounded IN lists
                    conn.execute(table.delete().where(key.in_(ids[at:at + 500])))
                if insert.get(table.name):
                    conn.execute(table.insert(), list(insert[table.name]))
            conn.execute(reconciled_state.update().where(reconciled_state.c.id == 1)
                         .values(generation=generation, reconciled_at=_now()))
        return True

    def document_infos(self, doc_ids: Sequence[str] | None = None) -> dict[str, DocumentInfo]:
        """What reconciling needs of every document (or of these): dates, syndication links, outlet."""
        cols = (documents.c.doc_id, documents.c.published, documents.c.duplicate_of, documents.c.site_name,
                documents.c.title, documents.c.url)
        query = select(*cols) if doc_ids is None else select(*cols).where(documents.c.doc_id.in_(doc_ids))
        with self.engine.connect() as conn:
            return {row[0]: DocumentInfo(*row) for row in conn.execute(query)}

    def stats(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "documents": conn.scalar(select(func.count()).select_from(documents)) or 0,
                "near_duplicates": conn.scalar(select(func.count()).select_from(documents).where(
                    documents.c.duplicate_of.is_not(None), documents.c.version == 1)) or 0,
                "claims": conn.scalar(select(func.count()).select_from(claims)) or 0,
                "runs": conn.scalar(select(func.count()).select_from(ingest_runs)) or 0,
            }


_NEEDS_WRITE = ("writing needs write access to the database file and its folder; the read commands "
                "(claims, show, tally, explain, export) work without it")


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("tollwatch.store") / "migrations"))
    return config


def _scripts() -> Any:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


def _read_only_url(url: str, immutable: bool = False) -> str | URL:
    """The URL that opens `url` for reading only: SQLite's URI filename with mode=ro (or immutable=1)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return url  # PostgreSQL is made read-only per connection; memory has no file to protect
    flags = {"immutable": "1"} if immutable else {"mode": "ro"}
    return parsed.set(database=f"file:{quote(parsed.database)}",
                      query={**parsed.query, **flags, "uri": "true"})


def _cannot_write(e: OperationalError) -> bool:
    """SQLite's refusals of a file it may not write, or whose folder it may not write in."""
    return "readonly" in str(e.orig) or "unable to open" in str(e.orig)


def _reason(e: DBAPIError) -> str:
    """The database's message, on one line (PostgreSQL adds DETAIL and HINT lines)."""
    lines = str(e.orig).strip().splitlines()
    return lines[0] if lines else type(e.orig).__name__


def _refusal(url: str, e: DBAPIError) -> StoreError:
    """The StoreError for a database's refusal to read or write, saying what to do about it."""
    reason = _reason(e)
    state = getattr(e.orig, "sqlstate", None)
    if "readonly" in reason or "read-only" in reason or state == "25006":
        return ReadOnlyLedger(f"{url}: cannot be written ({reason}); {_NEEDS_WRITE}")
    if "full" in reason or state == "53100":
        return StoreError(f"{url}: the disk is full ({reason}); free some space and run the command again "
                          "(what is stored is kept, and stored documents are skipped)")
    if "locked" in reason or "busy" in reason:
        return StoreError(f"{url}: another process held the ledger for too long ({reason}); run the command again")
    return StoreError(f"{url}: the database refused ({reason})")


_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")  # NUL (PostgreSQL refuses it) and lone surrogates (not text)


def _check_storable(origin: str, doc: Document, doc_claims: Sequence[Claim]) -> None:
    """Refuse, the same way on every database, a document the ledger cannot hold."""
    column = documents.c.doc_id.type
    limit = column.length if isinstance(column, String) else None
    if limit and len(doc.doc_id) > limit:
        raise NotStored(origin, f"its id is {len(doc.doc_id):,} characters long, over the {limit}-character "
                                "limit of the ledger; give it a shorter id")
    for name in ("doc_id", "text", "url", "title", "site_name", "origin"):
        value = getattr(doc, name)
        found = _NOT_TEXT.search(value) if value else None
        if found:
            raise NotStored(origin, f"its {name} holds U+{ord(found.group()):04X} at character {found.start()}, "
                                    "which the ledger cannot store as text; remove it")
    _check_figures(origin, doc_claims)


def _check_figures(origin: str, doc_claims: Sequence[Claim]) -> None:
    for c in doc_claims:
        if any(v is not None and v > MAX_FIGURE for v in (c.count.low, c.count.high, c.count.best)):
            raise NotStored(origin, f"states a figure too large to store ({c.count.text!r} at character {c.start}); "
                                    f"the ledger holds figures up to {MAX_FIGURE:,}")


def _bump(conn: Connection, *doc_ids: str) -> None:
    """A new generation, at which `doc_ids` changed."""
    conn.execute(ledger_state.update().where(ledger_state.c.id == 1)
                 .values(generation=ledger_state.c.generation + 1))
    if doc_ids:
        generation = conn.scalar(select(ledger_state.c.generation).where(ledger_state.c.id == 1))
        conn.execute(documents.update().where(documents.c.doc_id.in_(doc_ids)).values(touched=generation))


def _sqlite_read_only(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")  # refused even where mode=ro is not (immutable=1)
    cursor.close()


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
                   row["site_name"], row["media_type"], row["raw"], row["language"])
    return StoredDocument(doc, row["duplicate_of"], row["similarity"], row["ruleset"], row["ingested_at"],
                          row["version"], row["superseded_by"], row["content_hash"])


def article_key(doc: Document) -> str:
    """What finds a document's earlier versions: the URL it was fetched from, else its id (a JSONL
    record's own id; a text's id is its hash, so it never meets another text)."""
    origin = doc.origin or ""
    kind, value = ("url", origin) if origin.startswith(("http://", "https://")) else ("id", doc.doc_id)
    return hashlib.sha256(f"{kind}\x00{value}".encode("utf-8", "surrogatepass")).hexdigest()


def _version_id(doc_id: str, version: int) -> str:
    """A later version's id: the record's own id with '@N' (its hash when that would be too long)."""
    column = documents.c.doc_id.type
    limit = column.length if isinstance(column, String) else None
    candidate = f"{doc_id}@{version}"
    if not limit or len(candidate) <= limit:
        return candidate
    return f"doc-{hashlib.sha256(candidate.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}@{version}"


def _moved(doc_claims: Sequence[Claim], doc_id: str) -> list[Claim]:
    """Claims extracted under a record's own id, given to the version it is stored as: each id is
    made anew from the version's id and the old one (title claims have ids of their own making),
    and the links between parts and wholes follow."""
    ids = {c.claim_id: "clm-" + hashlib.sha256(f"{doc_id}\x00{c.claim_id}".encode("utf-8", "surrogatepass"))
           .hexdigest()[:16] for c in doc_claims}
    moved = []
    for c in doc_claims:
        evidence = dict(c.evidence)
        if evidence.get("subset_of") in ids:
            evidence["subset_of"] = ids[evidence["subset_of"]]
        moved.append(replace(c, doc_id=doc_id, claim_id=ids[c.claim_id], part_of=ids.get(c.part_of or "", c.part_of),
                             parts=tuple(ids.get(p, p) for p in c.parts), evidence=evidence))
    return moved
