"""Fuzzing `tollwatch ingest` end to end: random JSONL lines (good and broken), web pages and
RSS/Atom feeds (whose entries are fetched from a local site) go into a real SQLite ledger.
Whatever the mix: no traceback; exactly one error per bad input, named and recorded with the
run; every good input stored, with the claims `extract` finds in its text."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tollwatch.cli import main
from tollwatch.extract import extract_document
from tollwatch.ingest import iter_documents
from tollwatch.ingest.fetch import Fetcher
from tollwatch.models import Document
from tollwatch.store import Ledger
from tollwatch.store.schema import ingest_errors

SENTENCES = [
    "At least {n} civilians were killed in shelling on the town of Qamar on Friday, medics said.",
    "Gunmen abducted {n} students from a school near Birni on Monday, police said.",
    "The death toll from the floods has risen to {n}, the health ministry said.",
    "An airstrike on a market in Idlib killed {n} people, including four children.",
    "Nearly {n} soldiers were wounded in the attack, the army said.",
    "No one was hurt in the blast.",
]
WORDS = ("the monitor said on Friday that people were killed wounded including of whom toll rose to since in "
         "Baniyas , . ; 62-year-old 2024 $ % km Route 4 5th among them several dozens a an").split()
# text a person might write, and any Unicode a dump might hold, minus what is never text (NUL,
# control characters, lone surrogates): those make a line bad, and are generated as bad lines
FREE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
PROSE = st.lists(st.one_of(st.sampled_from(SENTENCES).flatmap(lambda s: st.integers(2, 900).map(lambda n: s.format(n=n))),
                           st.sampled_from(WORDS), FREE), min_size=1, max_size=12).map(" ".join)
DATES = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))

BAD_LINES = [  # (the line, as bytes) — each must be one error naming its line
    b"{not json", b'[1, 2, 3]', b'"a string"', b'{"id": "x"}', b'{"text": 5}',
    b'{"text": "Five people were killed.", "url": 5}', b'{"text": "Five people were killed.", "title": ["x"]}',
    b'{"text": "Five people were killed.", "published": "not a date"}', b'{"text": "Six were killed \\ud800 there."}',
    b'{"text": "Nul \\u0000 inside"}', b'{"text": "caf\xe9 bombing killed 3"}', b'{"id": "x", "text": "a", "id": {}}',
]
BAD_PAGES = [b"", b"   \n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Cinq civils tués à Alep".encode("latin-1"),
             b"<html><head><script>var killed = 12;</script></head><body>  </body></html>",
             b'<!DOCTYPE html><html><body><img src="x.png"></body></html>']
PAGES = ("wire-story.html", "wire-story-syndicated.html", "ministry-update.html")
BAD_LINKS = ("/news/gone.html", "/private/page.html", "ftp://127.0.0.1/report.txt")


@dataclass
class Batch:
    """The inputs of one run, and what the run must do with them."""
    files: list[Path] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)      # origins that must each be one error
    skipped: list[str] = field(default_factory=list)  # records with no text: one notice each, no failure
    texts: set[str] = field(default_factory=set)      # texts that must be stored
    linked: set[str] = field(default_factory=set)     # site pages a feed links to


@st.composite
def jsonl_file(draw: Any, folder: Path, n: int, batch: Batch) -> None:
    path = folder / f"dump{n}.jsonl"
    lines: list[bytes] = []
    for i in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["good", "good", "bad", "blank", "empty"]))
        where = f"{path}:{i + 1}"
        if kind == "blank":
            lines.append(b"")
        elif kind == "empty":
            lines.append(draw(st.sampled_from([b'{"text": "   "}', b'{"id": "e", "text": ""}'])))
            batch.skipped.append(where)
        elif kind == "bad":
            lines.append(draw(st.sampled_from(BAD_LINES)))
            batch.bad.append(where)
        else:
            text = f"{draw(PROSE)} [ref:{n}.{i}]"  # each good text its own
            record = {"id": f"d{n}-{i}", "text": text, "published": draw(DATES),
                      "title": draw(st.one_of(st.none(), FREE)), "url": draw(st.one_of(st.none(), st.just("https://x.example/a")))}
            lines.append(json.dumps({k: v for k, v in record.items() if v is not None},
                                    ensure_ascii=draw(st.booleans())).encode())
            batch.texts.add(text)
    if not any(line.strip() for line in lines):  # blank lines only
        batch.bad.append(str(path))  # an empty dump is itself one error
    path.write_bytes(b"\n".join(lines) + b"\n")
    batch.files.append(path)


@st.composite
def html_file(draw: Any, folder: Path, n: int, batch: Batch) -> None:
    path = folder / f"page{n}.html"
    if draw(st.integers(0, 3)) == 0:
        path.write_bytes(draw(st.sampled_from(BAD_PAGES)))
        batch.bad.append(str(path))
    else:
        title = f"Report {n}: {draw(st.sampled_from(SENTENCES)).format(n=n + 2)}"
        paragraphs = [draw(PROSE) + " " + s.format(n=k + 2) for k, s in enumerate(draw(
            st.lists(st.sampled_from(SENTENCES), min_size=3, max_size=5)))]
        path.write_text(f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body>"
                        "<nav>Home | World | Sport</nav><article>" f"<h1>{escape(title)}</h1>"
                        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
                        + "</article><footer>Contact us</footer></body></html>", encoding="utf-8")
        [doc] = iter_documents([str(path)])  # the page's text is trafilatura's to decide
        assert isinstance(doc, Document), doc
        batch.texts.add(doc.text)
    batch.files.append(path)


@st.composite
def feed_file(draw: Any, folder: Path, n: int, batch: Batch, site: str) -> None:
    atom = draw(st.booleans())
    path = folder / f"feed{n}.{'atom' if atom else draw(st.sampled_from(['rss', 'xml']))}"
    broken = draw(st.integers(0, 4))
    if broken == 0:
        path.write_bytes(draw(st.sampled_from([
            b'<?xml version="1.0"?><rss><channel><item><link>http://x',
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel><item><title>&a;</title>'
            b"<link>http://127.0.0.1/x</link></item></channel></rss>"])))
        batch.bad.append(str(path))
        batch.files.append(path)
        return
    links: list[str | None] = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["page", "page", "bad", "none"]))
        if kind == "page":
            link: str | None = f"{site}/news/{draw(st.sampled_from(PAGES))}"
            batch.linked.add(link)
        elif kind == "bad":
            bad = draw(st.sampled_from(BAD_LINKS))
            link = bad if "://" in bad else site + bad
            if link not in batch.bad:  # the same bad link in two entries fails twice; keep it simple
                batch.bad.append(link)
            else:
                link = None
        else:
            link = None  # an entry without a link is no document
        links.append(link)
    title = escape(draw(FREE))
    if atom:
        entries = "".join(f"<entry><title>{title}</title>{f'<link href={json.dumps(link)}/>' if link else ''}"
                          "<updated>2025-04-13T08:00:00Z</updated></entry>" for link in links)
        xml = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{entries}</feed>'
    else:
        items = "".join(f"<item><title>{title}</title>{f'<link>{escape(link)}</link>' if link else ''}"
                        "<pubDate>Sat, 12 Apr 2025 10:00:00 GMT</pubDate></item>" for link in links)
        xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    if not any(links):
        batch.bad.append(str(path))  # a feed with no linked entries is one error
    path.write_text(xml, encoding="utf-8")
    batch.files.append(path)


@cache
def _page_texts(site: str) -> dict[str, str]:
    """The text each of the site's pages is stored with, read once."""
    texts = {}
    with Fetcher(allow_private=True) as fetcher:
        for name in PAGES:
            [doc] = iter_documents([f"{site}/news/{name}"], fetcher=fetcher)
            assert isinstance(doc, Document), doc
            texts[f"{site}/news/{name}"] = doc.text
    return texts


@st.composite
def batches(draw: Any, folder: Path, site: str) -> Batch:
    batch = Batch()
    makers = draw(st.lists(st.sampled_from(["jsonl", "html", "feed"]), min_size=1, max_size=5))
    for n, kind in enumerate(makers):
        if kind == "jsonl":
            draw(jsonl_file(folder, n, batch))
        elif kind == "html":
            draw(html_file(folder, n, batch))
        else:
            draw(feed_file(folder, n, batch, site))
    batch.texts |= {_page_texts(site)[link] for link in batch.linked}
    return batch


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_ingest_never_loses_a_document_nor_hides_an_error(site: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        batch = data.draw(batches(folder, site))
        db = folder / "ledger.db"
        result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--allow-private", *map(str, batch.files)])

        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        assert result.exit_code == (1 if batch.bad else 0), result.output
        lines = result.stderr.splitlines()
        assert len(lines) == len(batch.bad) + len(batch.skipped), (lines, batch.bad, batch.skipped)
        for origin in batch.bad:
            assert sum(line.startswith(f"error: {origin}: ") for line in lines) == 1, (origin, lines)
        for origin in batch.skipped:
            assert sum(line.startswith(f"skipped: {origin}: ") for line in lines) == 1, (origin, lines)

        with Ledger(str(db), read_only=True) as ledger:
            stored = list(ledger.documents())
            assert {s.document.text for s in stored} == batch.texts
            for s in stored:
                want = sorted((c.to_dict() for c in extract_document(s.document)), key=lambda c: c["start"])
                got = sorted((c.to_dict() for c in ledger.claims(s.document.doc_id)), key=lambda c: c["start"])
                assert got == want, s.document.origin
            with ledger.engine.connect() as conn:
                recorded = conn.scalars(select(ingest_errors.c.origin)).all()
        assert sorted(recorded) == sorted(batch.bad + batch.skipped)
