"""Document text: the seeds' boilerplate is dropped, and HTML, PDF and DOCX made here read back."""

from pathlib import Path

import pytest

from samverkan.extract.documents import is_boilerplate, main_text
from samverkan.records import LoadError

SEED = Path(__file__).parents[2] / "shared" / "seeds" / "000_4455b9a8e428702b.txt"
SENTENCE = "Jane Johansson, förvaltningschef på omsorgsförvaltningen, reflekterade över dagen."


@pytest.mark.parametrize(
    "line",
    [
        "Öppettider",
        "Måndag–fredag: 8:00–16:30",
        "Gärdhemsvägen 9 461 83 Trollhättan",
        "Senast granskad 2023-11-17 av ANDGLE",
        "Besök oss",
        "Läs mer på www.ri.se",
        "Vad kan kontaktcenter hjälpa mig med?",
        "Senast uppdaterad:  ",
        "LinkedIn",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


def test_content_is_kept():
    assert not is_boilerplate(SENTENCE)
    assert not is_boilerplate("Deltagarna fick ta del av aktuell forskning presenterad av Rise.")
    # an amount is no postal code: only a town's capital after five digits makes an address
    assert not is_boilerplate("Föreningen Svea Sträng har fått stöd med 4 050 00 kronor")


def test_seed_text_without_opening_hours_and_signature(tmp_path):
    text = (
        SEED.read_text(encoding="utf-8")
        if SEED.exists()
        else (
            "Utvecklingsforum Folkhälsa\n\nÖppettider\n\nMåndag–fredag: 8:00–16:30\n\nSenast granskad 2023-11-17 av ANDGLE\n"
        )
    )
    path = tmp_path / "seed.txt"
    path.write_text(text, encoding="utf-8")
    kept = main_text(path)
    assert "Utvecklingsforum Folkhälsa" in kept
    assert "Öppettider" not in kept and "8:00" not in kept and "Senast granskad" not in kept


def test_html_keeps_the_article_and_drops_navigation_and_contact_boxes(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        f"""<html><head><script>var x = 1;</script></head><body>
      <nav><a href="/">Start</a><a href="/om">Om oss</a></nav>
      <main><h1>Utvecklingsforum Folkhälsa</h1><p>{SENTENCE}</p>
        <div class="contact-box"><p>Kontakta oss på 0520-49 50 00</p></div>
        <p>Senast granskad 2023-11-17 av ANDGLE</p></main>
      <footer><p>Trollhättans Stad, 461 83 Trollhättan</p></footer></body></html>""",
        encoding="utf-8",
    )
    assert main_text(page) == f"Utvecklingsforum Folkhälsa\n\n{SENTENCE}"


def test_boilerplate_only_page_yields_nothing(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text(
        """<html><body><nav><p>Start</p></nav><div id="cookie-banner"><p>Vi använder kakor</p></div>
      <main><p>Öppettider</p><p>Måndag–fredag: 8:00–16:30</p><p>Besök oss</p></main></body></html>""",
        encoding="utf-8",
    )
    assert main_text(page) == ""


def test_docx_and_pdf_made_here_read_back(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph(SENTENCE)
    doc.add_paragraph("Öppettider")
    doc.save(tmp_path / "a.docx")
    assert main_text(tmp_path / "a.docx") == SENTENCE

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.3, 11.7))
    fig.text(0.05, 0.9, SENTENCE, fontsize=9)
    fig.savefig(tmp_path / "a.pdf")
    plt.close(fig)
    assert main_text(tmp_path / "a.pdf") == SENTENCE


def test_a_broken_pdf_is_refused_with_its_name(tmp_path, english):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(LoadError, match="broken.pdf: not a readable PDF document"):
        main_text(tmp_path / "broken.pdf")


def test_link_teasers_to_other_documents_are_not_content(tmp_path):
    page = tmp_path / "sida.txt"
    page.write_text(
        "Jämlikt Göteborg\n\nArbetet leds av Göteborgs Stad.\n\n"
        "Plan för Överenskommelsen i Borås\n\nPlan för Överenskommelsen i Borås Den lokala "
        "Överenskommelsen handlar om hur Borås Stad och de idéburna organisationerna ska samarbeta\n\n"
        "Läs mer\n\nKommunförbundet Skåne. Resultat Workshop\n\nResultat Workshop Lund 28 augusti\n\n"
        "Läs mer\n",
        encoding="utf-8",
    )
    assert main_text(page) == "Jämlikt Göteborg\n\nArbetet leds av Göteborgs Stad."


def test_las_mer_with_a_colon_heads_links_and_keeps_the_paragraph_above(tmp_path):
    page = tmp_path / "sida.txt"
    page.write_text("IOP i Skåne\n\nSkåne Stadsmission driver en mottagning.\n\nLäs mer:\n", encoding="utf-8")
    assert main_text(page) == "IOP i Skåne\n\nSkåne Stadsmission driver en mottagning."


def _serve(folder):
    """A real HTTP server on 127.0.0.1 serving ``folder``, in a thread; returns (server, base address)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


PROJECT_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Trygg i Hjällbo</title></head><body>
<nav><a href="/">Start</a></nav><div class="cookie-banner"><p>Vi använder kakor</p></div>
<main><h1>Trygg i Hjällbo</h1><dl><dt>Projektägare</dt><dd>Bostadsbolaget</dd>
<dt>Finansiär</dt><dd>Europeiska socialfonden</dd></dl>
<p>Projektet drivs tillsammans med Polisen.</p></main></body></html>"""


def test_extract_and_load_a_page_by_its_address(tmp_path):
    from click.testing import CliRunner

    from samverkan import Workspace
    from samverkan.cli import main

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "projekt.html").write_text(PROJECT_PAGE, encoding="utf-8")
    server, base = _serve(tmp_path / "site")
    url = f"{base}/projekt.html"
    try:
        assert (
            main_text(url) == "Trygg i Hjällbo\n\nProjektägare\n\nBostadsbolaget\n\nFinansiär\n\n"
            "Europeiska socialfonden\n\nProjektet drivs tillsammans med Polisen."
        )
        runner = CliRunner()
        result = runner.invoke(main, ["extract", url, "--out", str(tmp_path / "review")])
        assert result.exit_code == 0, result.output
        sheet = (tmp_path / "review" / "entities.csv").read_text(encoding="utf-8")
        assert (
            f"Bostadsbolaget,municipal_company,,,,,,,,,{url},Bostadsbolaget" in sheet
        )  # the address is the source
        result = runner.invoke(main, ["-w", str(tmp_path / "ws"), "load", url])
        assert result.exit_code == 0 and "inläst 127.0.0.1" in result.output, result.output
        assert "oförändrad" in runner.invoke(main, ["-w", str(tmp_path / "ws"), "load", url]).output
        with Workspace.open(tmp_path / "ws") as ws:
            assert [s["path"] for s in ws.sources()] == [url]
            leads = {(r.source, r.target) for r in ws.records().relations if r.relation == "leads"}
        assert ("bostadsbolaget", "trygg-i-hjallbo") in leads
        missing = runner.invoke(main, ["-w", str(tmp_path / "ws"), "load", f"{base}/saknas.html"])
        assert missing.exit_code == 1 and f"{base}/saknas.html: servern svarade 404" in missing.output
    finally:
        server.shutdown()


def test_only_http_and_https_addresses_are_fetched(english):
    with pytest.raises(LoadError, match="ftp://example.org/a.html: only http and https addresses are read"):
        main_text("ftp://example.org/a.html")


def test_a_five_megabyte_page_on_one_line_is_read(tmp_path):
    """libxml2 stops at a text node over 10 MB unless lxml reads with huge_tree; a page of one
    line is read whole, never silently empty."""
    sentence = "Trygg i Hjällbo drivs av Bostadsbolaget tillsammans med Polisen. "
    page = tmp_path / "lang.html"
    body = sentence * (5_000_000 // len(sentence) + 1)
    page.write_text(f"<html><body><main><p>{body}</p></main></body></html>", encoding="utf-8")
    assert page.stat().st_size > 5_000_000 and b"\n" not in page.read_bytes()
    assert main_text(page) == body.strip()
    huge = tmp_path / "huge.html"  # a single text node over libxml2's 10 MB limit
    huge.write_text(
        f"<html><body><p>{sentence * (11_000_000 // len(sentence))}</p></body></html>", encoding="utf-8"
    )
    assert len(main_text(huge)) > 10_000_000
