"""Fetching and feeds against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import pytest

from tollwatch.errors import FetchError, UnreadableInput
from tollwatch.ingest import iter_documents
from tollwatch.ingest.feeds import feed_entries
from tollwatch.ingest.fetch import Fetcher, check_url
from tollwatch.models import Document


@pytest.fixture
def fetcher():
    with Fetcher(allow_private=True, timeout=1.0, max_bytes=1_000_000, backoff=0.01) as f:
        yield f


def test_fetches_a_page_with_its_media_type(site, fetcher):
    got = fetcher.fetch(f"{site}/news/wire-story.html")
    assert got.content_type == "text/html"
    assert b"Qamar" in got.body


def test_follows_redirects_and_reports_the_final_url(site, fetcher):
    got = fetcher.fetch(f"{site}/moved")
    assert got.final_url == f"{site}/news/ministry-update.html"


def test_404_is_a_clear_error(site, fetcher):
    with pytest.raises(FetchError, match=r"/nowhere: server answered HTTP 404"):
        fetcher.fetch(f"{site}/nowhere")


def test_slow_server_times_out(site, fetcher):
    with pytest.raises(FetchError, match="timed out"):
        fetcher.fetch(f"{site}/slow")


def test_huge_response_is_cut_off_at_the_limit(site, fetcher):
    with pytest.raises(FetchError, match="exceeds the 1,000,000-byte limit"):
        fetcher.fetch(f"{site}/huge")


def test_transient_503_is_retried(site, fetcher):
    assert b"At least 3 people" in fetcher.fetch(f"{site}/flaky").body


def test_robots_txt_is_respected(site, fetcher):
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.fetch(f"{site}/private/page.html")


def test_unreachable_host_is_a_clear_error(fetcher):
    with pytest.raises(FetchError, match="127.0.0.1:9/x: could not connect"):
        fetcher.fetch("http://127.0.0.1:9/x")


@pytest.mark.parametrize("url, reason", [
    ("file:///etc/passwd", "only http and https"),
    ("ftp://example.org/x", "only http and https"),
    ("http://127.0.0.1/admin", "private or local address"),
    ("http://[::1]/admin", "private or local address"),
    ("http://10.0.0.8/", "private or local address"),
    ("http://169.254.169.254/latest/meta-data/", "private or local address"),
])
def test_refuses_unsafe_urls_without_allow_private(url, reason):
    with pytest.raises(FetchError, match=reason):
        check_url(url)


def test_feed_entries_are_each_fetched_and_dated(site):
    with Fetcher(allow_private=True, timeout=2.0, backoff=0.01) as f:
        items = list(iter_documents([f"{site}/feed.xml"], fetcher=f))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if not isinstance(i, Document)]
    assert len(docs) == 3
    assert {d.site_name for d in docs} == {"The Daily Ledger", "Regional Herald"}
    assert docs[0].url == "https://daily-ledger.example/world/border-town-shelling"  # canonical
    assert docs[0].published == "2025-04-12" and docs[0].media_type == "text/html"
    assert docs[0].raw and docs[0].raw.startswith(b"<!DOCTYPE html>")
    assert [str(e) for e in errors] == [f"{site}/news/gone.html: server answered HTTP 404"]


def test_boilerplate_is_dropped_from_pages(site):
    with Fetcher(allow_private=True) as f:
        (doc,) = iter_documents([f"{site}/news/wire-story.html"], fetcher=f)
    assert "At least 14 civilians were killed" in doc.text
    for junk in ("Similar Posts", "Leave a comment", "Subscribe", "cookies", "rights reserved"):
        assert junk not in doc.text


def test_entity_expansion_in_a_feed_is_refused(site):
    with Fetcher(allow_private=True) as f:
        (error,) = iter_documents([f"{site}/bomb.xml"], fetcher=f)
    assert isinstance(error, UnreadableInput) and "entities" in str(error)


def test_feed_file_on_disk(tmp_path, site):
    feed = tmp_path / "ledger.atom"
    feed.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>Update</title><link href="{site}/news/ministry-update.html"/><updated>2025-04-13T08:00:00Z</updated></entry>
</feed>""", encoding="utf-8")
    with Fetcher(allow_private=True) as f:
        (doc,) = iter_documents([str(feed)], fetcher=f)
    assert doc.title == "Toll from Qamar attack rises to 19"


def test_broken_feed_is_a_clear_error(tmp_path):
    feed = tmp_path / "broken.rss"
    feed.write_bytes(b'<?xml version="1.0"?><rss><channel><item><link>http://x')
    with pytest.raises(UnreadableInput, match="broken.rss: not a well-formed feed"):
        feed_entries(feed.read_bytes(), str(feed))


def test_figures_in_a_sites_own_voice_are_the_outlets(site):
    from tollwatch.extract import extract_document

    with Fetcher(allow_private=True) as f:
        (doc,) = iter_documents([f"{site}/news/ministry-update.html"], fetcher=f)
    title_claim = next(c for c in extract_document(doc) if c.start < len(doc.title))
    assert (title_claim.source.name, title_claim.source.source_id, title_claim.source.kind) == \
        (None, "daily-ledger", "outlet")
