"""The alerts as an Atom feed (RFC 4287) at /alerts.atom, for feed readers and newsroom tools.
Built with ElementTree, so every text is escaped."""

from __future__ import annotations

from datetime import datetime, timezone
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from tollwatch.alerts import Alert, recent
from tollwatch.web.api import State

ATOM = "http://www.w3.org/2005/Atom"
router = APIRouter()


@router.get("/alerts.atom", summary="Recent alerts as an Atom feed")
async def alerts_feed(request: Request, ledger: State) -> Response:
    found = await run_in_threadpool(recent, ledger.ledger, 50)
    base = str(request.base_url).rstrip("/")
    return Response(atom(found, base), media_type="application/atom+xml")


def atom(found: list[Alert], base: str) -> bytes:
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        e = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        e.text = text
        return e

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", "urn:tollwatch:alerts")
    sub(feed, "title", "tollwatch alerts")
    sub(feed, "updated", _stamp(found[0].created_at if found else datetime.now(timezone.utc).replace(tzinfo=None)))
    sub(sub(feed, "author"), "name", "tollwatch")
    sub(feed, "link", rel="self", href=f"{base}/alerts.atom")
    for a in found:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:tollwatch:alert:{a.alert_id}")
        sub(entry, "title", a.title)
        sub(entry, "updated", _stamp(a.created_at))
        links = [str(link) for link in a.payload.get("evidence") or []]
        if links:  # relative unless the alerts file names the dashboard's address
            sub(entry, "link", href=base + links[0] if links[0].startswith("/") else links[0])
        quotes = [f"{q.get('source')}: {q.get('quote') or q.get('figure')}" for q in a.payload.get("quotes", [])]
        sub(entry, "summary", "\n".join([a.title, *quotes]))
        sub(entry, "category", term=a.kind)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def _stamp(when: datetime) -> str:
    return when.replace(microsecond=0).isoformat() + "Z"
