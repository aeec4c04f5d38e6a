"""Main text and metadata of a web page, with site boilerplate dropped (trafilatura)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from tollwatch.errors import UnreadableInput


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    published: str | None  # as the page states it
    url: str | None        # canonical URL, when the page declares one
    site_name: str | None


def html_to_text(html: str, origin: str) -> Page:
    """The article of a page. The title leads the text as its own line, because headlines carry
    figures too."""
    import trafilatura  # imported here: it takes half a second and plain text never needs it

    # trafilatura logs every page it finds thin; the caller reports problems itself.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta and meta.title else None
    if not body or not body.strip():
        raise UnreadableInput(origin, "no article text found in this HTML page (is it a navigation or index page?)")
    text = body if not title or body.lstrip().startswith(title) else f"{title}\n\n{body}"
    return Page(text, title, meta.date if meta else None, meta.url if meta else None,
                meta.sitename if meta else None)
