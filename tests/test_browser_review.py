"""Logging in and reviewing in a real browser: Playwright driving Debian's Chromium, headless,
against a live server on 127.0.0.1 whose ledger has users. Skips without Chromium, except in CI
(CI=true), where it fails, as test_browser.py does."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.test_browser import _shot, browser, serving  # noqa: F401 (the fixture: Chromium, or a skip saying why)
from tests.test_review import REPORTS


@pytest.fixture(scope="module")
def accounts(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    from tollwatch.pipeline import ingest
    from tollwatch.store import Ledger
    from tollwatch.store.accounts import add_user

    folder = tmp_path_factory.mktemp("browser-review")
    reports = folder / "reports.jsonl"
    reports.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    db = str(folder / "ledger.db")
    with Ledger(db) as ledger:
        ingest([str(reports)], ledger)
        tokens = {name: add_user(ledger, name, role) for name, role in (("rana", "reviewer"), ("vic", "viewer"))}
    return db, tokens


@pytest.fixture(scope="module")
def server(accounts: tuple[str, dict[str, str]]) -> Iterator[str]:
    from tollwatch.web import create_app

    yield from serving(create_app(accounts[0]))


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert not page.errors, page.errors
    context.close()


def _log_in(page, server: str, name: str, token: str, path: str = "/") -> None:  # type: ignore[no-untyped-def]
    page.goto(server + path)
    page.wait_for_url("**/login?next=**")  # logged out: sent to the login page, to come back here after
    page.fill("input[name=name]", name)
    page.fill("input[name=token]", token)
    page.click("form.login button")
    page.wait_for_url(server + path)


def test_a_logged_out_browser_is_sent_to_login(page, server):  # type: ignore[no-untyped-def]
    page.goto(server + "/timeline")
    assert page.url == server + "/login?next=/timeline"
    assert page.locator("form.login input[name=token]").is_visible()
    page.fill("input[name=name]", "rana")
    page.fill("input[name=token]", "tw_0000000000000000_" + "x" * 43)
    page.click("form.login button")
    assert "do not match a user" in page.locator("p.error").inner_text()


def test_a_correction_typed_in_the_dashboard_appears_in_the_tally_page(page, server, accounts):  # type: ignore[no-untyped-def]
    _log_in(page, server, "rana", accounts[1]["rana"], "/review")
    assert "rana (reviewer)" in page.locator("header").inner_text()
    page.click("a.start")
    page.wait_for_url("**/review/clm-**")
    first = page.url
    figure = page.locator("a.claim.selected").inner_text()
    assert figure in ("14", "15") and "open discrepancy" in page.locator("p.lede").inner_text()
    _shot(page, "review")
    page.keyboard.press("e")  # to the correction form
    page.keyboard.type("31")
    page.fill("#correct input[name=best]", "31")
    page.fill("#correct input[name=high]", "31")
    page.fill("#correct input[name=note]", "names list from the hospital")
    page.press("#correct input[name=note]", "Enter")
    page.wait_for_url(lambda url: url != first and "/review/clm-" in url)
    second = page.url
    assert page.locator("#status").inner_text() == "unreviewed"
    page.keyboard.press("c")  # confirm the next claim, by key
    page.wait_for_url(lambda url: url != second)
    third = page.url
    assert "civilians" not in page.locator("a.claim.selected").get_attribute("title")
    page.keyboard.press("r")  # and reject the one after (not a civilian figure), by key
    page.wait_for_url(lambda url: url != third)
    for url, status in ((second, "confirmed"), (third, "rejected")):
        page.goto(url)
        assert page.locator("#status").inner_text() == status

    page.goto(server + "/")
    row = page.locator("table.tallies tbody tr", has_text="civilians killed")
    assert "/2" in row.locator("td.reviewed").inner_text()
    row.locator("a").click()
    page.wait_for_url("**/tallies/**")
    assert "high 31" in page.locator("p.lede.big").inner_text()
    assert "figures reviewed" in page.locator("p.reviewed").inner_text()
    assert page.locator("ul.claims .status-corrected").count() == 1
    page.goto(first.replace("/review/", "/claims/"))
    assert "names list from the hospital" in page.locator("ol.history").inner_text()


def test_a_viewer_sees_no_review_forms(page, server, accounts):  # type: ignore[no-untyped-def]
    _log_in(page, server, "vic", accounts[1]["vic"], "/review")
    page.click("a.start")
    page.wait_for_url("**/review/clm-**")
    assert page.locator("form#correct").count() == 0 and page.locator("pre.record-json").is_visible()
    assert "vic may read but not review" in page.locator(".review-panel").inner_text()
    shown = page.url
    page.keyboard.press("r")  # nothing to reject with
    page.keyboard.press("n")  # but on to the next claim (or back to the queue)
    page.wait_for_url(lambda url: url != shown)
