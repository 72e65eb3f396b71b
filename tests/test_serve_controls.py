"""The explorer's filters, time, compare, findings and saved views, in headless Chromium."""

from __future__ import annotations

import json
import urllib.request

import pytest
from serve_fixtures import (
    Page,
    browser,  # noqa: F401 (a fixture)
    make_workspace,
    screenshots,
    server,
)

TODAY_TIES = 1  # Kultur och fritid – the hostile-named association, through Läsfrämjande (2024–)
TIES_2022 = 3  # Ale kommun, Rädda Barnen and RISE pairwise, through Trygga skolvägar (2021–2023)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("controls")
    workspace = make_workspace(root)
    with server(workspace) as url:
        yield url, workspace


def status(page) -> str:
    return page.locator("#status").inner_text()


def test_the_date_in_the_url_and_the_slider_show_the_network_of_that_day(site, browser):
    url, _ = site
    page = Page(browser).open(url + "/?as_of=2022-06-01")
    assert status(page) == f"5 av 5 aktörer, {TIES_2022} band"
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready='1']")
    assert status(page) == f"5 av 5 aktörer, {TODAY_TIES} band"
    # the slider counts days from the earliest date in the sources, 2021-01-01
    page.eval_on_selector(
        "#as-of",
        """(slider) => {
        slider.value = String(Math.round((Date.parse('2022-06-01') - Date.parse('2021-01-01')) / 86400000));
        slider.dispatchEvent(new Event('change')); }""",
    )
    page.wait_for_function("() => new URLSearchParams(location.search).get('as_of') === '2022-06-01'")
    page.wait_for_selector("body[data-ready='1']")
    assert status(page) == f"5 av 5 aktörer, {TIES_2022} band"


def test_a_filter_hides_the_other_actors_and_lives_in_the_url(site, browser):
    url, _ = site
    page = Page(browser).open(url + "/")
    page.select_option("#c-sector", "civil_society")
    assert status(page) == f"2 av 5 aktörer, {TODAY_TIES} band"  # Rädda Barnen and the association
    assert "sector=civil_society" in page.url
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert status(page) == f"2 av 5 aktörer, {TODAY_TIES} band"


def test_compare_counts_new_and_ended_ties(site, browser):
    url, _ = site
    page = Page(browser).open(url + "/?compare=2022-06-01")
    page.wait_for_selector("#changes li")
    assert page.locator("#changes .change-new").inner_text() == "nytt band (1)"
    assert page.locator("#changes .change-ended").inner_text() == "upphört band (3)"
    if screenshots():
        page.screenshot(path=str(screenshots() / "compare.png"))


def test_a_finding_highlights_its_actors(site, browser):
    url, _ = site
    with urllib.request.urlopen(url + "/api/findings") as r:
        first = json.load(r)["gaps"][0]
    page = Page(browser).open(url + "/")
    page.click("#findings-box summary")
    page.locator("#findings ol.findings li").first.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('highlight')")
    assert (
        page.evaluate("new URLSearchParams(location.search).get('highlight')").split(",") == first["entities"]
    )
    assert first["names"][0] in page.locator("#findings ol.findings li").first.inner_text()


def test_a_view_is_saved_by_name_in_the_workspace(site, browser):
    url, workspace = site
    page = Page(browser).open(url + "/?sector=public&focus=ale")
    page.fill("#view-name", "Offentliga <b>aktörer</b>")
    page.click("#save-view")
    page.wait_for_selector("#saved li a")
    assert page.locator("#saved li a").first.inner_text() == "Offentliga <b>aktörer</b>"
    saved = json.loads((workspace / "serve" / "views.json").read_text(encoding="utf-8"))
    assert saved == {"Offentliga <b>aktörer</b>": "sector=public&focus=ale"}


def test_a_named_query_runs_from_its_form_and_downloads_as_csv(site, browser):
    url, _ = site
    page = Page(browser).open(url + "/")
    page.click("#questions-box summary")
    page.select_option("#q-name", "actors_by_sector_type")
    page.click("#run-named")
    page.wait_for_selector("#panel table.results")
    rows = page.locator("#panel table.results tbody tr").all_inner_texts()
    assert "civil_society\tcivil_society\t2" in rows  # Rädda Barnen and the hostile-named association
    assert "academia\tresearch\t1" in rows
    with urllib.request.urlopen(url + "/" + page.get_attribute("#csv", "href").lstrip("/")) as r:
        text = r.read().decode()
    assert text.splitlines()[0] == "sector,type,actors" and "civil_society,civil_society,2" in text


def test_the_sparql_box_answers_and_refuses_an_update(site, browser):
    url, _ = site
    page = Page(browser).open(url + "/")
    page.click("#questions-box summary")
    page.fill(
        "#q-sparql",
        'SELECT DISTINCT ?name WHERE { ?s skos:prefLabel ?name FILTER(CONTAINS(?name, "Barnen")) }',
    )
    page.click("#run-sparql")
    page.wait_for_selector("#panel table.results")
    assert page.locator("#panel table.results tbody").inner_text().strip() == "Rädda Barnen"
    page.fill("#q-sparql", 'INSERT DATA { <urn:a> <urn:b> "c" }')
    page.click("#run-sparql")
    page.wait_for_selector("#panel .error")
    assert page.locator("#panel .error").inner_text().startswith("Frågan kunde inte besvaras")


def test_the_export_buttons_download_the_exchange_formats(site, browser):
    import io
    import zipfile
    from xml.etree import ElementTree

    url, _ = site
    page = Page(browser).open(url + "/")
    links = {a.inner_text(): a.get_attribute("href") for a in page.locator("#exports a").all()}
    assert set(links) == {"rapport", "figur", "GEXF", "GraphML", "Turtle", "CSV"}
    with urllib.request.urlopen(url + links["GEXF"]) as r:
        gexf = ElementTree.fromstring(r.read())
    labels = {n.get("label") for n in gexf.iter() if n.tag.endswith("}node")}
    assert {"Rädda Barnen", "RISE", "Ale kommun"} <= labels
    with urllib.request.urlopen(url + links["CSV"]) as r:
        archive = zipfile.ZipFile(io.BytesIO(r.read()))
    entities = archive.read("entities.csv").decode("utf-8-sig").splitlines()
    assert len(entities) == 1 + 8  # the header and the fixture's eight entities
