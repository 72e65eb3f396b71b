"""The explorer in real headless Chromium against a real ``samverkan serve`` on loopback."""

from __future__ import annotations

import pytest
from serve_fixtures import (
    HOSTILE,
    QUOTE,
    Page,
    browser,  # noqa: F401 (a fixture)
    make_workspace,
    screenshots,
    server,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with server(make_workspace(tmp_path_factory.mktemp("serve"))) as url:
        yield url


def search(page, text: str):
    page.fill("#search", text)
    page.press("#search", "Enter")
    page.wait_for_selector("#panel:not([hidden]) .actor-name")


def test_search_enter_shows_the_quote_and_the_url_keeps_the_actor(site, browser):
    p = Page(browser)
    page = p.open(site + "/")
    search(page, "Rädda Bar")
    panel = page.locator("#panel")
    assert panel.locator(".actor-name").inner_text() == "Rädda Barnen"
    assert QUOTE in panel.inner_text()
    assert "rapport.txt" in panel.inner_text()
    assert "idéburen sektor" in panel.inner_text()
    assert "focus=rb" in page.url
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator("#panel .actor-name").inner_text() == "Rädda Barnen"
    if screenshots():
        page.screenshot(path=str(screenshots() / "evidence.png"))
    assert p.outside() == []
    assert p.errors == []


def test_an_alias_finds_the_actor_and_its_part_of_chain(site, browser):
    page = Page(browser).open(site + "/")
    search(page, "Save the Children")
    assert page.locator("#panel .actor-name").inner_text() == "Rädda Barnen"
    page.goto(site + "/?focus=kultur")
    page.wait_for_selector("body[data-ready='1']")
    assert "Ale kommun" in page.locator("#panel").inner_text()  # Kultur och fritid is part of Ale kommun


def test_a_quote_opens_its_document_highlighted(site, browser):
    page = Page(browser).open(site + "/?focus=ale")
    page.locator("#panel button.quote", has_text="Trygga skolvägar").first.click()
    page.wait_for_selector("dialog#document[open] mark")
    assert page.locator("dialog#document mark").inner_text() == QUOTE
    assert "RISE utvärderar arbetet" in page.locator("dialog#document .text").inner_text()


def test_a_hostile_name_is_text_never_markup(site, browser):
    p = Page(browser)
    page = p.open(site + "/")
    search(page, "<img")
    assert page.locator("#panel .actor-name").inner_text() == HOSTILE
    assert page.evaluate("window.__xss") is None
    assert p.errors == []


def test_english_with_lang(site, browser):
    page = Page(browser).open(site + "/?lang=en&focus=rb")
    assert "civil society" in page.locator("#panel").inner_text().lower()
    assert page.locator("#search").get_attribute("placeholder") == "Search an actor by name"
