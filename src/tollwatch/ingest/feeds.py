"""RSS and Atom feeds: the entries to fetch. XML is screened with defusedxml first, so a feed
cannot expand entities (billion laughs) or pull in external files; feedparser then does the
reading, with its tolerance for the many dialects feeds come in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.errors import UnreadableInput

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
FEED_MEDIA_TYPES = {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
                    "application/rdf+xml"}
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)\b")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str
    title: str | None
    published: str | None  # ISO date, when the entry carries one
    updated: str | None = None  # the entry's own updated (else published) stamp, as written: a change means a revision


def looks_like_feed(data: bytes, media_type: str | None = None) -> bool:
    if media_type in FEED_MEDIA_TYPES - {"application/xml", "text/xml"}:
        return True
    return bool(_FEED_ROOT.search(data[:4096].lstrip()))


def feed_entries(data: bytes, origin: str) -> list[FeedEntry]:
    import defusedxml.ElementTree
    import feedparser
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    try:
        defusedxml.ElementTree.fromstring(data)
    except DefusedXmlException:
        raise UnreadableInput(origin, "feed declares XML entities or external references; refused for safety") from None
    except ParseError as e:
        raise UnreadableInput(origin, f"not a well-formed feed ({e})") from None
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}" if when else None
        # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning
        stamp = dict.get(entry, "updated") or dict.get(entry, "published")
        entries.append(FeedEntry(link, entry.get("title"), published, str(stamp)[:64] if stamp else None))
    if not entries:
        raise UnreadableInput(origin, "feed has no entries with links")
    return entries
