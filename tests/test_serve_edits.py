"""Edits and reviews in the explorer: kept as sources of their own, with who and when, undone,
visible to `samverkan stats`, and never lost when the same files are loaded again."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from serve_fixtures import (
    ROOT,
    Page,
    browser,  # noqa: F401 (a fixture)
    make_workspace,
    server,
)

DOCUMENT = ROOT / "samverkan" / "examples" / "texts" / "000_4455b9a8e428702b.txt"


def cli(workspace, *args) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "from samverkan.cli import main; main()", "-w", str(workspace), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def panel_shows(page, url: str, text: str, seconds: float = 20) -> str:
    """Reload ``url`` until the evidence panel holds ``text`` (the server looks for changes each second)."""
    deadline = time.monotonic() + seconds
    while True:
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']")
        shown = page.locator("#panel").inner_text()
        if text in shown or time.monotonic() > deadline:
            return shown
        time.sleep(0.5)


@pytest.fixture()
def site(tmp_path):
    workspace = make_workspace(tmp_path)
    with server(workspace) as url:
        yield url, workspace, tmp_path / "sources"


def test_an_edit_survives_loading_the_same_files_again_and_can_be_undone(site, browser):
    url, workspace, sources = site
    page = Page(browser).open(url + "/")
    page.click("#edit-box summary")
    page.fill("#editor", "Anna")
    page.dispatch_event("#editor", "change")
    page.fill("#rel-from", "Rädda Barnen")
    page.select_option("#rel-relation", "collaborates_with")
    page.fill("#rel-to", "RISE")
    page.click("#add-relation")
    page.wait_for_selector("#status:text-is('Sparat')")
    with (sources / "entities.csv").open("a", encoding="utf-8") as f:  # the same files, changed: reloaded
        f.write("ny,Nya föreningen,civil_society,,,,,,,\n")
    assert "inläst på nytt" in cli(workspace, "load", str(sources))
    shown = panel_shows(page, url + "/?focus=rb", "Nya föreningen")
    shown = panel_shows(page, url + "/?focus=rb", "samverkar med")
    assert "samverkar med" in shown and "RISE" in shown and "redigerat av Anna" in shown
    stats = json.loads(cli(workspace, "stats", "--format", "json"))
    assert stats["relations_by_kind"]["collaborates_with"] == 1 and stats["sources"] == 2
    page.click("#edit-box summary")
    page.click("#undo")
    page.wait_for_selector("#status:text-is('Sparat')")
    assert "samverkar med" not in panel_shows(page, url + "/?focus=rb", "__never__", seconds=0)
    assert json.loads(cli(workspace, "stats", "--format", "json"))["sources"] == 1


def test_a_relation_to_an_unknown_actor_is_refused_and_nothing_changes(site, browser):
    url, workspace, _ = site
    before = cli(workspace, "stats", "--format", "json")
    page = Page(browser).open(url + "/")
    page.click("#edit-box summary")
    page.fill("#rel-from", "Rädda Barnen")
    page.fill("#rel-to", "Ingen sådan aktör")
    page.click("#add-relation")
    page.wait_for_selector("#status:text-matches('^Ingen')")
    assert page.locator("#status").inner_text() == "Ingen enskild aktör heter Ingen sådan aktör"
    assert cli(workspace, "stats", "--format", "json") == before


def test_a_review_accepts_merges_and_is_visible_in_stats(site, browser):
    url, workspace, _ = site
    page = Page(browser).open(url + f"/?review={DOCUMENT}")
    page.wait_for_selector("#queue-entities li")

    def decide(cid: str, button: str, into: str | None = None):
        item = page.locator(f"li.candidate[data-id='{cid}']")
        if into:
            item.locator("input[list]").fill(into)
        item.locator(f"button.{button}").click()
        page.wait_for_selector(f"li.candidate[data-id='{cid}'] .decision")

    decide("trollhattans-stad", "accept")
    stats = json.loads(cli(workspace, "stats", "--format", "json"))
    assert (stats["entities"], stats["sources"]) == (9, 2)  # the fixture's 8 and Trollhättans Stad
    decide("rise", "merge", into="RISE")
    decide("utvecklingsforum-folkhalsa", "accept")
    decide("rise|participates_in|utvecklingsforum-folkhalsa|", "accept")
    assert "beslutat: Godta av" in page.locator("li.candidate[data-id='trollhattans-stad']").inner_text()
    shown = panel_shows(page, url + "/?focus=rise", "Utvecklingsforum Folkhälsa")
    assert "Utvecklingsforum Folkhälsa" in shown and "000_4455b9a8e428702b.txt" in shown
    assert json.loads(cli(workspace, "stats", "--format", "json"))["entities"] == 10  # no second RISE
