"""The cluster's output as Parquet: one folder per record kind (claims, events, documents,
errors), one file per part, every file with the same schema. Claims and events keep the
contract's shape, nested fields as structs; a claim's `evidence`, whose keys depend on the rule
that made it, is a JSON string.

    out/claims/part-00000.parquet     the claim record (CONTRACT.md)
    out/events/part-00000.parquet     the event record
    out/documents/part-00000.parquet  doc_id, text, published, url, title, origin, site_name, media_type,
                                      claims (how many of the part's claims, in order, are this document's)
    out/errors/part-00000.parquet     input, error, skipped: one row per record or file that could not be
                                      read (skipped: an empty record, a notice rather than a failure)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tollwatch.errors import EmptyRecord, InputError, InvalidValue
from tollwatch.models import Claim, Document, Event

KINDS = ("claims", "events", "documents", "errors")


def schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i, f = pa.string(), pa.int64(), pa.float64()
    location = pa.struct([("text", s), ("place_id", s), ("name", s), ("admin1", s), ("country", s), ("lat", f),
                          ("lon", f), ("precision", s), ("admin1_code", s)])
    perpetrator = pa.struct([("text", s), ("actor_id", s)])
    bounds = pa.struct([("low", i), ("best", i), ("high", i)])
    from tollwatch.models import EVENT_OUTCOMES

    return {
        "claims": pa.schema([
            ("claim_id", s), ("doc_id", s), ("start", i), ("end", i), ("quote", s),
            ("count", pa.struct([("text", s), ("value", i), ("qualifier", s), ("low", i), ("high", i), ("best", i)])),
            ("outcome", s),
            ("victims", pa.struct([("category", s), ("group", s), ("attributes", pa.list_(s)), ("text", s)])),
            ("source", pa.struct([("name", s), ("source_id", s), ("kind", s)])),
            ("scope", s), ("modality", s), ("manner", s), ("perpetrator", perpetrator), ("location", location),
            ("time", pa.struct([("text", s), ("start", s), ("end", s)])),
            ("part_of", s), ("parts", pa.list_(s)), ("confidence", f), ("evidence", s),
        ]),
        "events": pa.schema([
            ("doc_id", s), ("event_id", s), ("background", pa.bool_()), ("place", location), ("start", s), ("end", s),
            ("manner", s), ("perpetrator", perpetrator), *((o, bounds) for o in EVENT_OUTCOMES),
            ("victims", pa.map_(s, bounds)), ("claim_ids", pa.list_(s)),
        ]),
        "documents": pa.schema([("doc_id", s), ("text", s), ("published", s), ("url", s), ("title", s),
                                ("origin", s), ("site_name", s), ("media_type", s), ("claims", i)]),
        "errors": pa.schema([("input", s), ("error", s), ("skipped", pa.bool_())]),
    }


def claim_row(c: Claim) -> dict[str, Any]:
    return dict(c.to_dict(), evidence=json.dumps(c.evidence, ensure_ascii=False, sort_keys=True))


def event_row(e: Event) -> dict[str, Any]:
    row = e.to_dict()
    row["victims"] = list(row["victims"].items())
    return row


def document_row(d: Document, claims: int) -> dict[str, Any]:
    return {"doc_id": d.doc_id, "text": d.text, "published": d.published, "url": d.url, "title": d.title,
            "origin": d.origin, "site_name": d.site_name, "media_type": d.media_type, "claims": claims}


def write(fs: Any, root: str, index: int, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Part `index` of every kind, an empty file where it has no rows, so each folder reads as one
    dataset and a part's files are found by number."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for kind, schema in schemas().items():
        fs.makedirs(f"{root}/{kind}", exist_ok=True)
        with fs.open(f"{root}/{kind}/part-{index:05d}.parquet", "wb") as f:
            pq.write_table(pa.Table.from_pylist(rows.get(kind, []), schema=schema), f)


def read_back(directory: str) -> Iterator[tuple[Document, list[Claim]] | InputError]:
    """What a cluster run wrote, part by part in order: each document with its claims, and each
    error row as the InputError it was. Raises InvalidValue when `directory` holds no documents
    folder."""
    import fsspec
    import pyarrow.parquet as pq

    fs, root = fsspec.core.url_to_fs(directory)
    names = sorted(p.rsplit("/", 1)[-1] for p in fs.glob(f"{root}/documents/part-*.parquet"))
    if not names:
        raise InvalidValue(f"{directory}: no documents/part-*.parquet here; give the --out folder of "
                           "`tollwatch extract --engine dask`")
    for name in names:
        def table(kind: str, name: str = name) -> list[dict[str, Any]]:
            path = f"{root}/{kind}/{name}"
            if not fs.exists(path):
                return []
            with fs.open(path, "rb") as f:
                rows: list[dict[str, Any]] = pq.read_table(f).to_pylist()
                return rows

        for row in table("errors"):
            yield (EmptyRecord if row["skipped"] else InputError)(row["input"], row["error"])
        claims = table("claims")
        at = 0
        for row in table("documents"):
            n = row.pop("claims")
            found = [Claim.from_dict(dict(c, evidence=json.loads(c["evidence"]) if c["evidence"] else {}))
                     for c in claims[at:at + n]]
            at += n
            yield Document(**row), found
