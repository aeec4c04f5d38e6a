"""Inputs for a cluster: JSONL (also .gz), Parquet and WARC (also .gz) files, local or at any
fsspec URL (s3://, gs://, abfs://, https://...), cut into parts that workers read themselves, so
the client never holds the corpus.

A plain JSONL file is cut into byte ranges (a part holds the lines that start in its range); a
Parquet file into its row groups; a compressed file or a WARC is one part. Every record becomes a
Document exactly as `tollwatch extract` reads it (same id, text and date), or an InputError.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from tollwatch.errors import MalformedRecord, UnreadableInput
from tollwatch.ingest.files import MAX_BYTES, Item, Unread, _jsonl_record, record_documents

BLOCK = 4 * 1024 * 1024  # bytes of plain JSONL per part: ~1,000 reports, a few seconds of one core's work
SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet", ".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of one input file: bytes [start, end) of a plain JSONL file, row group `start` of a
    Parquet file, or the whole of any other file (start 0, end -1)."""

    url: str
    kind: str  # "jsonl", "parquet", "warc"
    start: int = 0
    end: int = -1

    @property
    def name(self) -> str:
        return self.url if self.end < 0 and self.kind != "parquet" else f"{self.url}@{self.start}"


def parts(inputs: list[str], block: int = BLOCK) -> list[Part]:
    """The parts of every input file; a folder or a glob stands for the files in it that have one of
    SUFFIXES. Raises UnreadableInput naming an input that holds none."""
    import fsspec

    out: list[Part] = []
    for given in inputs:
        fs, path = fsspec.core.url_to_fs(given)
        if fs.isdir(path):
            files = sorted(f for f in fs.find(path) if f.lower().endswith(SUFFIXES))
        elif any(c in path for c in "*?["):
            files = sorted(f for f in fs.glob(path) if f.lower().endswith(SUFFIXES))
        elif fs.exists(path):
            files = [path]
        else:
            raise UnreadableInput(given, "no such file or folder")
        if not files:
            raise UnreadableInput(given, "holds no .jsonl(.gz), .parquet or .warc(.gz) files")
        for f in files:
            url, low = fs.unstrip_protocol(f), f.lower()
            if low.endswith(".parquet"):
                out.extend(_parquet_parts(fs, f, url))
            elif low.endswith((".warc", ".warc.gz")):
                out.append(Part(url, "warc"))
            elif low.endswith(".gz"):
                out.append(Part(url, "jsonl"))
            elif low.endswith((".jsonl", ".ndjson")):
                size = fs.size(f)
                out.extend(Part(url, "jsonl", a, min(a + block, size)) for a in range(0, max(size, 1), block))
            else:
                raise UnreadableInput(url, "not a .jsonl(.gz), .parquet or .warc(.gz) file")
    return out


def _parquet_parts(fs: Any, path: str, url: str) -> list[Part]:
    import pyarrow.parquet as pq

    with fs.open(path, "rb") as f:
        groups = pq.ParquetFile(f).num_row_groups
    return [Part(url, "parquet", g, g + 1) for g in range(groups)] or [Part(url, "parquet", 0, 0)]


def read(part: Part, published: date | None) -> Iterator[Item | Unread]:
    """The documents (web pages as Unread) and errors of one part, in file order."""
    if part.kind == "parquet":
        yield from _parquet(part, published)
    elif part.kind == "warc":
        yield from _warc(part, published)
    else:
        yield from _jsonl(part, published)


def _jsonl(part: Part, published: date | None) -> Iterator[Item]:
    import fsspec

    with fsspec.open(part.url, "rb", compression="infer") as f:
        if part.end < 0:  # a whole (compressed) file: lines are numbered as `extract` numbers them
            for n, (_, raw) in enumerate(_lines(f), 1):
                yield from _record(raw, f"{part.url}:{n}", published)
            return
        at = part.start
        if at:
            f.seek(at - 1)
            at += sum(len(raw) for raw in _rest_of_line(f)) - 1  # the line under way belongs to the part before
        for length, raw in _lines(f):
            if at >= part.end:
                break
            yield from _record(raw, f"{part.url} at byte {at}", published)
            at += length


def _lines(f: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(length, line) for each line; the line is None when it is over MAX_BYTES (read past, never
    held: a dump with one endless line must not exhaust a worker's memory)."""
    while True:
        raw = f.readline(MAX_BYTES + 1)
        if not raw:
            return
        if len(raw) <= MAX_BYTES or raw.endswith(b"\n"):
            yield len(raw), raw
        else:
            yield len(raw) + sum(len(r) for r in _rest_of_line(f)), None


def _rest_of_line(f: IO[bytes]) -> Iterator[bytes]:
    while (raw := f.readline(1024 * 1024)) and not raw.endswith(b"\n"):
        yield raw
    yield raw


def _record(raw: bytes | None, where: str, published: date | None) -> Iterator[Item]:
    if raw is None:
        yield MalformedRecord(where, f"line is over the {MAX_BYTES:,}-byte limit for one document")
    else:
        yield from _jsonl_record(raw, where, published)


_COLUMNS = ("id", "text", "published", "url", "title")


def _parquet(part: Part, published: date | None) -> Iterator[Item]:
    import fsspec
    import pyarrow.parquet as pq

    with fsspec.open(part.url, "rb") as f:
        file = pq.ParquetFile(f)
        if "text" not in file.schema_arrow.names:
            yield UnreadableInput(part.url, 'a Parquet input needs a "text" column (and may have id, published, '
                                            'url, title)')
            return
        if part.start >= file.num_row_groups:
            return
        names = [c for c in _COLUMNS if c in file.schema_arrow.names]
        table = file.read_row_group(part.start, columns=names)
        first = sum(file.metadata.row_group(g).num_rows for g in range(part.start))
        for i, row in enumerate(table.to_pylist()):
            if isinstance(row.get("text"), str) and len(row["text"]) > MAX_BYTES:
                yield MalformedRecord(f"{part.url}:row {first + i}", f'"text" is over the {MAX_BYTES:,}-byte limit '
                                                                     "for one document")
                continue
            if isinstance(row.get("published"), date):  # a date or timestamp column
                row["published"] = row["published"].isoformat()[:10]
            yield from record_documents({k: v for k, v in row.items() if v is not None}, f"{part.url}:row {first + i}",
                                        published)


def _warc(part: Part, published: date | None) -> Iterator[Item | Unread]:
    """A WARC's HTML responses, as pages to read through ingest's main-text path (`html_to_text`)."""
    import fsspec
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with fsspec.open(part.url, "rb") as f:
        n = 0
        try:
            for record in ArchiveIterator(f):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                n += 1
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{part.url}#{n}"
                kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if kind and kind not in _HTML_TYPES:
                    continue  # images, scripts, feeds: no report
                body = record.content_stream().read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    yield UnreadableInput(uri, f"response is over the {MAX_BYTES:,}-byte limit")
                    continue
                yield Unread(body, uri, published, "html" if kind else "sniff", uri)
        except ArchiveLoadFailed as e:
            yield MalformedRecord(f"{part.url} after record {n}", f"not a WARC record ({e.msg}); the rest of the "
                                                                  "file is skipped")
