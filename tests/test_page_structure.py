"""Page structure: bullet items, headlines and captions are sentences of their own, so a figure in
one item never takes the place or source of the item before it. Pinned on the seed page ingested
as HTML with its summary bullets run together on one line, as some sites publish them."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from tollwatch import extract
from tollwatch.extract.text import sentences
from tollwatch.pipeline import ingest, reconciled
from tollwatch.store import Ledger


def _seed_as_html(text: str) -> str:
    """The seed page as a news site might serve it: a headline, paragraphs, and the summary bullets
    in one paragraph, separated only by bullet characters."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body, bullets = [f"<h1>{html.escape(lines[0])}</h1>"], []
    for line in lines[2:]:
        if line.startswith("•"):
            bullets.append(html.escape(line))
            continue
        if bullets:
            body.append("<p>" + " ".join(bullets) + "</p>")
            bullets = []
        body.append(f"<p>{html.escape(line)}</p>")
    return (f"<html><head><title>{html.escape(lines[0])}</title></head><body><article>"
            + "".join(body) + "</article></body></html>")


def _reconcile(path: Path, tmp_path: Path):
    with Ledger(str(tmp_path / f"{path.name}.db")) as ledger:
        ingest([str(path)], ledger, published=date(2025, 3, 9))
        return reconciled(ledger)


def test_seed_html_bullets_keep_their_own_place_and_one_real_contradiction(shared_dir: Path, tmp_path: Path):
    text = (shared_dir / "corpus" / "seed-article.txt").read_text(encoding="utf-8")
    page = tmp_path / "seed-article.html"
    page.write_text(_seed_as_html(text), encoding="utf-8")
    as_html, as_text = _reconcile(page, tmp_path), _reconcile(shared_dir / "corpus" / "seed-article.txt", tmp_path)
    for result in (as_html, as_text):
        contradictions = [d for d in result.discrepancies if d.kind == "contradiction"]
        assert len(contradictions) == 1, [d.reason for d in result.discrepancies]
        assert "311" in contradictions[0].reason and "401" in contradictions[0].reason
        # the 163 civilians executed on Friday are inside the coast's civilians: never added to them
        assert not [c.expression for c in result.checks if c.kind == "containment" and "163" in c.expression]
    checks = lambda r: sorted((c.kind, c.expression, c.status) for c in r.checks)  # noqa: E731
    assert checks(as_html) == checks(as_text)


def test_bullets_on_one_line_are_paragraphs_of_their_own():
    text = "Residents in Baniyas fled. • Reports indicate over 400 civilians killed. • Calm in Latakia."
    spans = sentences(text)
    assert [text[s.start:s.end] for s in spans] == [
        "Residents in Baniyas fled.", "Reports indicate over 400 civilians killed.", "Calm in Latakia."]
    assert len({s.paragraph for s in spans}) == 3


def test_a_bullet_figure_does_not_take_the_place_of_the_bullet_before():
    text = "• Pleas for help: residents in Baniyas call for aid. • Toll: over 400 civilians killed, reports say."
    [claim] = extract(text)
    assert claim.count.text == "over 400" and claim.location is None
