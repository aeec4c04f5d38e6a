"""Turn command-line inputs (files, folders, '-', JSONL dumps, feeds, URLs) into Documents;
and, for the web server, URLs alone or the bytes of one upload, never a path on the server.

Each bad input yields an InputError instead of a Document, so a batch goes on past it.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from tollwatch.errors import EmptyRecord, InputError, MalformedRecord, UnreadableInput
from tollwatch.ingest.feeds import FEED_SUFFIXES, feed_entries, looks_like_feed
from tollwatch.ingest.fetch import Fetched, Fetcher
from tollwatch.ingest.html import html_to_text
from tollwatch.models import Document
from tollwatch.published import parse_published

MAX_BYTES = 50 * 1024 * 1024
# Byte-order marks, longest first: UTF-32's little-endian mark begins with UTF-16's.
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# Characters no report holds, which a JSON string can still spell: NUL (PostgreSQL cannot store
# it) and lone surrogates (not Unicode text; nothing can encode them).
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

Item = Document | InputError


@dataclass(frozen=True, slots=True)
class Unread:
    """A file's or a page's bytes, read but not yet decoded nor, for HTML, turned into text (the slow
    part of reading a web page, which `--jobs` gives to a worker process)."""

    data: bytes
    origin: str
    published: date | None
    kind: str  # "html", "text", or "sniff" (HTML when it looks like a page)
    url: str | None = None  # where a fetched page ended up, after redirects

    def documents(self) -> Iterator[Item]:
        for item in _guard(self.origin, lambda: _from_bytes(self.data, self.origin, self.published, self.kind)):
            if isinstance(item, Document) and item.url is None and self.url is not None:
                item = replace(item, url=self.url)
            yield item


def iter_documents(inputs: Iterable[str], published: date | None = None,
                   fetcher: Fetcher | None = None, defer: bool = False) -> Iterator[Item | Unread]:
    """Documents from every input in order; `published` fills in where a document has no date.
    URLs and feed entries are fetched with `fetcher` (a default one when None). With `defer`, files
    and pages come as Unread, for the caller to turn into documents (`Unread.documents`) elsewhere."""
    reader = _Reader(published, fetcher, defer)
    try:
        for raw in inputs:
            yield from reader.read(raw)
    finally:
        reader.close()


def iter_urls(urls: Iterable[str], published: date | None, fetcher: Fetcher) -> Iterator[Item]:
    """Documents from http(s) URLs (a page, or a feed's entries) and from nothing else: a value
    that is not an http(s) URL is refused by the fetcher, never read as a file, folder or '-'."""
    reader = _Reader(published, fetcher)
    for url in urls:
        yield from _guard(url, lambda url=url: reader._from_url(url, published, feed_ok=True))


def iter_upload(name: str, data: bytes, published: date | None) -> Iterator[Item]:
    """Documents from the bytes of one uploaded or pasted file, read as its name's suffix says
    (.jsonl: a document a line; .html: a page; anything else: text). `name` is only a label."""
    suffix = Path(name).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_lines(io.BytesIO(data), name, published)
    else:
        kind = "html" if suffix in HTML_SUFFIXES else "text"
        yield from _guard(name, lambda: _from_bytes(data, name, published, kind))


class _Reader:
    def __init__(self, published: date | None, fetcher: Fetcher | None, defer: bool = False) -> None:
        self.published = published
        self.defer = defer
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher()
        return self._fetcher

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()

    def read(self, raw: str) -> Iterator[Item | Unread]:
        if raw == "-":
            yield from _guard("-", lambda: _from_bytes(_read_capped(sys.stdin.buffer, "-"), "-", self.published,
                                                       kind="text"))
        elif raw.startswith(("http://", "https://")):
            yield from _guard(raw, lambda: self._from_url(raw, self.published, feed_ok=True))
        else:
            path = Path(raw)
            if path.is_dir():
                files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
                               and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES)
                if not files:
                    yield UnreadableInput(raw, "folder holds no .txt, .html, .jsonl or feed files")
                for f in files:
                    yield from _guard(str(f), lambda f=f: self._from_path(f))
            else:
                yield from _guard(raw, lambda: self._from_path(path))

    def _from_path(self, path: Path) -> Iterator[Item | Unread]:
        if not path.exists():
            raise UnreadableInput(str(path), "no such file or folder")
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:  # dumps can be any size: stream them a line at a time
            yield from _from_jsonl(path, self.published)
            return
        if not path.is_file():
            raise UnreadableInput(str(path), "not a regular file (a device, pipe or socket); give a .txt, .html "
                                             "or .jsonl file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableInput(str(path), f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit; split it")
        with path.open("rb") as f:
            data = _read_capped(f, str(path))  # the file may have grown since stat
        if suffix in FEED_SUFFIXES and looks_like_feed(data):
            yield from self._from_feed(data, str(path))
            return
        kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "sniff"
        yield from self._unread(Unread(data, str(path), self.published, kind))

    def _unread(self, unread: Unread) -> Iterator[Item | Unread]:
        if self.defer:
            yield unread
        else:
            yield from unread.documents()

    def _from_feed(self, data: bytes, origin: str) -> Iterator[Item | Unread]:
        for entry in feed_entries(data, origin):
            own = _date_or_none(entry.published)
            yield from _guard(entry.link, lambda e=entry, d=own: self._from_url(e.link, d or self.published))

    def _from_url(self, url: str, published: date | None, feed_ok: bool = False) -> Iterator[Item | Unread]:
        got = self.fetcher.fetch(url)
        if feed_ok and looks_like_feed(got.body, got.content_type):
            yield from self._from_feed(got.body, url)
            return
        yield from self._unread(_page(got, published))


def from_fetched(got: Fetched, published: date | None) -> Iterator[Item]:
    """The document in a fetched page (or text), read as its media type says; InputError for a bad one."""
    return _page(got, published).documents()


def _page(got: Fetched, published: date | None) -> Unread:
    kind = "html" if "html" in got.content_type else "text" if got.content_type.startswith("text/") else "sniff"
    return Unread(got.body, got.url, published, kind, got.final_url)


def _guard(origin: str, produce: object) -> Iterator[Any]:
    try:
        yield from produce()  # type: ignore[operator]
    except InputError as e:
        yield e
    except OSError as e:
        yield UnreadableInput(origin, f"cannot read: {e.strerror or e}")


def _read_capped(stream: BinaryIO, origin: str) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadableInput(origin, f"more than the {MAX_BYTES:,}-byte limit; split it")
    return data


def _decode(data: bytes, origin: str) -> str:
    """UTF-8, or UTF-16 or UTF-32 with a byte-order mark (which is dropped, as a UTF-8 one is)."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8-sig")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        if encoding != "utf-8-sig":
            raise UnreadableInput(origin, f"not valid {encoding.upper()} text although it starts with its byte-order "
                                          f"mark ({e.reason} at byte {e.start}); convert it to UTF-8") from None
        if b"\x00" in data:
            raise UnreadableInput(origin, "binary file, not text (give a .txt, .html or .jsonl report)") from None
        raise UnreadableInput(
            origin, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
                    "convert it first, e.g. iconv -f windows-1252 -t utf-8") from None
    if not text.strip():
        raise UnreadableInput(origin, "empty file, nothing to read")
    if "\x00" in text:
        raise UnreadableInput(origin, "binary file, not text (give a .txt, .html or .jsonl report)")
    return text


def _from_bytes(data: bytes, origin: str, published: date | None, kind: str) -> Iterator[Item]:
    text = _decode(data, origin)
    if kind == "sniff":
        head = text[:2000].lstrip().lower()
        kind = "html" if head.startswith(("<!doctype html", "<html")) or "<body" in head else "text"
    if kind == "html":
        page = html_to_text(text, origin)
        yield Document(Document.make_id(page.text), page.text, _iso(_date_or_none(page.published) or published),
                       page.url, page.title, origin, page.site_name, "text/html", data)
    else:
        yield Document(Document.make_id(text), text, _iso(published), origin=origin, raw=data)


def _from_jsonl(path: Path, published: date | None) -> Iterator[Item]:
    with path.open("rb") as f:
        yield from _jsonl_lines(f, str(path), published)


def _jsonl_lines(lines: Iterable[bytes], origin: str, published: date | None) -> Iterator[Item]:
    empty = True
    for n, raw in enumerate(lines, 1):
        if n == 1 and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
            yield UnreadableInput(origin, "JSONL must be UTF-8, and this file is UTF-16 or UTF-32 (it starts with "
                                          "that byte-order mark); convert it, e.g. iconv -f UTF-16 -t UTF-8")
            return
        empty = empty and not raw.strip()
        yield from _jsonl_record(raw, f"{origin}:{n}", published)
    if empty:
        yield UnreadableInput(origin, "empty file, nothing to read")


def _jsonl_record(raw: bytes, where: str, published: date | None) -> Iterator[Item]:
    if not raw.strip():
        return
    if len(raw) > MAX_BYTES:
        yield MalformedRecord(where, f"line is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit for one "
                                     "document")
        return
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        yield MalformedRecord(where, f"not UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})")
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        yield MalformedRecord(where, f"not valid JSON ({e.msg} at column {e.colno})")
        return
    yield from record_documents(record, where, published, raw)


def record_documents(record: Any, where: str, published: date | None, raw: bytes | None = None) -> Iterator[Item]:
    """The document of one record (a JSONL line's object, a Parquet row): `text`, and `id`,
    `published`, `url`, `title` when given; or the one error that says what is wrong with it."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        yield MalformedRecord(where, 'each line must be a JSON object with a "text" string')
        return
    if not record["text"].strip():
        yield EmptyRecord(where, '"text" is empty: there is no report to read')
        return
    problem = _record_problem(record)
    if problem:
        yield MalformedRecord(where, problem)
        return
    try:
        own_date = parse_published(record.get("published")) if record.get("published") else None
    except ValueError as e:
        yield MalformedRecord(where, f'"published" {e}')
        return
    doc_id = str(record["id"]) if record.get("id") not in (None, "") else Document.make_id(record["text"])
    yield Document(doc_id, record["text"], _iso(own_date or published), record.get("url"), record.get("title"), where,
                   media_type="application/x-ndjson" if raw is not None else "text/plain", raw=raw)


def _record_problem(record: dict[str, Any]) -> str | None:
    """What is wrong with a JSONL document's fields, if anything."""
    for name in ("id", "text", "url", "title", "published"):
        value = record.get(name)
        if value is None or isinstance(value, str) or (name == "id" and type(value) is int):
            continue
        kind = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}
        return f'"{name}" must be a string{" or an integer" if name == "id" else ""}, not {kind[type(value)]}'
    for name in ("id", "text", "url", "title"):
        value = record.get(name)
        found = _NOT_TEXT.search(value) if isinstance(value, str) else None
        if found:
            char = f"U+{ord(found.group()):04X}"
            what = "a NUL character" if char == "U+0000" else "a lone surrogate (not Unicode text)"
            return f'"{name}" holds {what}, {char}, at character {found.start()}; fix the export that wrote it'
    return None


def _date_or_none(value: str | None) -> date | None:
    try:
        return parse_published(value)
    except ValueError:
        return None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
