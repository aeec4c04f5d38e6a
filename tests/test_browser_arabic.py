"""Arabic evidence in a real browser (issue 19): right-to-left text, the Arabic font served by
tollwatch itself under the CSP, and highlights on the figures' own characters."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.test_browser import browser, page, serving  # noqa: F401  (fixtures)

AR = ("قال المرصد السوري لحقوق الإنسان إن 35 مدنياً على الأقل قتلوا يوم الثلاثاء في قصف على مدينة بانياس، "
      "وأصيب ١٢ آخرون بجروح، بينهم طفلان.")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tollwatch.pipeline import ingest
    from tollwatch.store import Ledger
    from tollwatch.web import create_app

    folder = tmp_path_factory.mktemp("browser-ar")
    feed = folder / "ar.jsonl"
    feed.write_text(json.dumps({"id": "sohr-ar", "text": AR, "published": "2025-03-12"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    db = str(folder / "ledger.db")
    with Ledger(db) as ledger:
        ingest([str(feed)], ledger)
    yield from serving(create_app(db))


def test_arabic_evidence_reads_right_to_left_with_its_own_font(page, server):  # noqa: F811
    page.goto(server + "/documents/sohr-ar")
    text = page.locator("#text")
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    marked = [a.inner_text() for a in page.locator("a.claim").all()]
    assert marked == ["35", "١٢", "طفلان"]  # the figures' own characters, found by offsets into the stored text
    page.evaluate("document.fonts.ready")
    assert page.evaluate("""() => [...document.fonts].some(f => f.family.includes("tollwatch Naskh")
                                                         && f.status === "loaded")""")
    assert any(u.endswith("/static/fonts/NotoNaskhArabic-Regular.woff2") for u in page.requests)
    page.locator("a.claim").first.click()
    record = page.locator("#record pre")
    record.wait_for()
    assert '"outcome": "killed"' in record.inner_text() and '"source_id": "sohr"' in record.inner_text()
