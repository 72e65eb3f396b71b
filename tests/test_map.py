"""The map in real headless Chromium, opened from file:// with every network request refused."""

import os
import shutil
from pathlib import Path

import pytest

from samverkan import Workspace
from samverkan.export.map import render

HERE = Path(__file__).parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = '<img src=x onerror="window.__xss=1">'
QUOTE = "Kultur och fritid leder Projekt A"
CODES = ("public", "civil_society", "academia", "research", "department", "municipality")


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required in CI (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "entities.csv").write_text(
        "id,name,type\n"
        f'x,"{HOSTILE.replace(chr(34), chr(34) * 2)}",civil_society\n'
        "m,Ale kommun,municipality\nd,Kultur och fritid,department\nu,RISE,research\n"
        "p,Projekt A,project\nt,trygghet,theme\nk,Kronogården,place\n",
        encoding="utf-8",
    )
    (folder / "relations.csv").write_text(
        "from,relation,to,source,quote\nd,part_of,m,,\nx,participates_in,p,,\n"
        f"d,leads,p,plan.txt,{QUOTE}\nu,participates_in,p,,\n"
        "p,about_theme,t,,\np,located_in,k,,\n",
        encoding="utf-8",
    )
    with Workspace.open(tmp_path_factory.mktemp("ws") / "ws", create=True) as ws:
        ws.load([folder])
        yield ws.records()


def open_map(browser, path: Path):
    page = browser.new_page()
    requests, errors = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("window.samverkanDrawn === true", timeout=15000)
    return page, requests, errors


def test_map_draws_offline_filters_and_runs_no_script(browser, records, tmp_path):
    path = tmp_path / "map.html"
    path.write_text(render(records), encoding="utf-8")
    page, requests, errors = open_map(browser, path)
    # 4 organisations (x, m, d, u); ties x–d, x–u, d–u through the project
    assert page.evaluate("[samverkan.nodeView.length, samverkan.edgeView.length]") == [4, 3]
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("samverkan.nodes.get('x').label") == HOSTILE
    assert HOSTILE in page.evaluate(
        "Array.from(document.querySelectorAll('#filter-organisation option')).map(o => o.textContent).join('|')"
    )
    page.select_option("#filter-sector", "academia")
    assert page.evaluate("[samverkan.nodeView.length, samverkan.edgeView.length]") == [1, 0]
    assert page.text_content("#count") == "1 nod, 0 band"  # Swedish by default, singular and plural
    page.select_option("#filter-sector", "")
    page.select_option("#filter-theme", "t")
    assert page.evaluate("samverkan.nodeView.getIds().sort()") == ["d", "u", "x"]  # not m: no project
    page.select_option("#filter-theme", "")
    page.fill("#search", "rise")
    assert page.evaluate("samverkan.nodeView.getIds()") == ["u"]
    page.mouse.move(10, 10)
    assert requests == [] and errors == []
    assert page.evaluate("window.__xss") is None
    page.close()


def test_map_html_holds_no_remote_script_or_style(records):
    import lxml.html

    html = render(records)
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//script[@src]") == [] and tree.xpath("//link") == [] and tree.xpath("//img") == []
    assert HOSTILE not in html  # only escaped inside the JSON data


def test_sector_level_and_focus(browser, records, tmp_path, english):
    path = tmp_path / "sectors.html"
    path.write_text(render(records, level="sector"), encoding="utf-8")
    page, requests, errors = open_map(browser, path)
    # three sectors; ties public–civil society, public–academia, civil society–academia
    assert page.evaluate("[samverkan.nodeView.length, samverkan.edgeView.length]") == [3, 3]
    page.close()
    focused = render(records, focus="u", depth=1)
    assert '"id": "m"' not in focused and '"id": "u"' in focused
    with pytest.raises(ValueError, match="no actor with id 'nosuch'"):
        render(records, focus="nosuch")


def test_large_networks_are_drawn_one_node_per_organisation(records, monkeypatch):
    import samverkan.export.map as smap

    monkeypatch.setattr(smap, "AGGREGATE_ABOVE", 3)
    g, notice = smap.network_view(records)
    # 4 organisations > 3: d folds into its top organisation m; x, m and u remain, tied through the project
    assert sorted(g.nodes) == ["m", "u", "x"] and g.number_of_edges() == 3
    assert g.nodes["m"]["members"] == 2 and g.nodes["m"]["sector"] == "public"
    assert notice == "4 aktörer är för många att rita en och en: en nod per organisation"


def test_a_national_map_draws_the_best_tied_organisations_and_gathers_the_rest_by_sector(
    browser, records, tmp_path, monkeypatch
):
    import samverkan.export.map as smap

    monkeypatch.setattr(smap, "AGGREGATE_ABOVE", 3)
    monkeypatch.setattr(smap, "SHOWN", 2)
    path = tmp_path / "national.html"
    path.write_text(render(records), encoding="utf-8")
    page, requests, errors = open_map(browser, path)
    # one node per organisation: m (with its unit d), x and u, each with two ties; m and u kept
    # (ties, then id), x gathered as the other civil-society organisations; every tie counted once
    assert page.evaluate("samverkan.nodeView.getIds().sort()") == ["m", "others:civil_society", "u"]
    assert page.evaluate("samverkan.edgeView.length") == 3
    assert page.evaluate("samverkan.nodes.get('others:civil_society').label") == (
        "övriga organisationer: idéburen sektor"
    )
    assert page.text_content("#notice") == (
        "4 aktörer är för många att rita en och en: en nod per organisation för de 2 med flest band, "
        "och en per sektor för 1 annan organisation"
    )
    assert "1 aktör" in page.evaluate("samverkan.nodes.get('others:civil_society').title")
    assert "2 aktörer" in page.evaluate("samverkan.nodes.get('m').title")
    assert requests == [] and errors == []
    page.close()


def texts(page, selector: str) -> list[str]:
    return page.evaluate(
        f"Array.from(document.querySelectorAll({selector!r})).map(e => e.textContent.trim())"
    )


def hover_tie(page, a: str, b: str) -> str:
    """Hover the middle of the tie a–b and read the tooltip vis-network shows."""
    point = page.evaluate(f"""(() => {{ var p = samverkan.network.getPositions([{a!r}, {b!r}]);
        var c = samverkan.network.canvasToDOM({{x: (p[{a!r}].x + p[{b!r}].x) / 2, y: (p[{a!r}].y + p[{b!r}].y) / 2}});
        var r = document.getElementById("network").getBoundingClientRect(); return [c.x + r.left, c.y + r.top]; }})()""")
    page.mouse.move(point[0] + 3, point[1] + 3)
    page.mouse.move(*point)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    return page.text_content("div.vis-tooltip")


def test_the_map_speaks_swedish_with_labels_and_reasons_in_words(browser, records, tmp_path):
    path = tmp_path / "map.html"
    path.write_text(render(records), encoding="utf-8")
    page, requests, errors = open_map(browser, path)
    assert page.get_attribute("html", "lang") == "sv"
    assert [t.split()[0] for t in texts(page, "header label")] == [
        "Sök",
        "Sektor",
        "Typ",
        "Organisation",
        "Tema",
        "Plats",
    ]
    sectors = texts(page, "#filter-sector option")
    assert sectors == ["alla", "akademi", "idéburen sektor", "offentlig sektor"]
    assert "förvaltning" in texts(page, "#filter-type option") and "trygghet" in texts(
        page, "#filter-theme option"
    )
    legend = texts(page, "#legend div")
    assert "band över sektorsgräns" in legend and "offentlig sektor" in legend
    assert page.text_content("#count") == "4 noder, 3 band"
    shown = (
        " ".join(texts(page, "option") + legend)
        + " "
        + page.evaluate("samverkan.nodes.get().concat(samverkan.edges.get()).map(x => x.title).join(' ')")
    )
    assert not any(code in shown.split() for code in CODES)  # labels, never codes
    # the tie between Kultur och fritid and RISE, in words, with the quote and its document
    tooltip = hover_tie(page, "d", "u")
    assert "Kultur och fritid – RISE" in tooltip and "deltar båda i Projekt A" in tooltip
    assert f"»{QUOTE}« (plan.txt)" in tooltip
    node = page.evaluate("samverkan.nodes.get('d').title")
    assert node.splitlines()[:4] == [
        "Kultur och fritid",
        "typ: förvaltning",
        "sektor: offentlig sektor",
        "organisation: Ale kommun",
    ]
    assert requests == [] and errors == []
    page.close()


def test_the_map_speaks_english_on_request(browser, records, tmp_path):
    from samverkan.i18n import use

    with use("en"):
        html = render(records, color_by="type")
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    page, requests, errors = open_map(browser, path)
    assert page.get_attribute("html", "lang") == "en"
    assert texts(page, "#filter-sector option") == ["all", "academia", "civil society", "public"]
    assert "research organisation" in texts(page, "#legend div") and "tie across sectors" in texts(
        page, "#legend div"
    )
    assert page.text_content("#count") == "4 nodes, 3 ties"
    assert "both take part in Projekt A" in hover_tie(page, "d", "u")
    assert requests == [] and errors == []
    page.close()


def test_the_figure_legend_and_caption_speak_the_language(records):
    from datetime import date

    from samverkan.export.figure import _legend, caption
    from samverkan.export.map import network_view
    from samverkan.i18n import use

    g, _notice = network_view(records, date(2025, 1, 1))
    assert [h.get_label() for h in _legend({"public", "academia"})] == [
        "akademi",
        "offentlig sektor",
        "band över sektorsgräns",
        "band inom sektor",
    ]
    assert caption(g, ["seeds"], date(2025, 1, 1)) == (
        "4 aktörer, 3 band. Källor: seeds. Läge per 2025-01-01. Storlek = mellanhandsposition (betweenness)."
    )
    with use("en"):
        assert [h.get_label() for h in _legend({"civil_society"})] == [
            "civil society",
            "tie across sectors",
            "tie within a sector",
        ]
        sectors, _notice = network_view(records, level="sector")
        assert caption(sectors, ["seeds"], date(2025, 1, 1), "sector").startswith(
            "3 sectors, 3 ties. Sources: seeds."
        )
