"""Document text: the seeds' boilerplate is dropped, and HTML, PDF and DOCX made here read back."""

from pathlib import Path

import pytest

from samverkan.extract.documents import is_boilerplate, main_text
from samverkan.records import LoadError

SEED = Path(__file__).parents[2] / "shared" / "seeds" / "000_4455b9a8e428702b.txt"
SENTENCE = "Jane Johansson, förvaltningschef på omsorgsförvaltningen, reflekterade över dagen."


@pytest.mark.parametrize("line", ["Öppettider", "Måndag–fredag: 8:00–16:30", "Gärdhemsvägen 9 461 83 Trollhättan",
                                  "Senast granskad 2023-11-17 av ANDGLE", "Besök oss", "Läs mer på www.ri.se",
                                  "Vad kan kontaktcenter hjälpa mig med?", "Senast uppdaterad:  ", "LinkedIn"])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


def test_content_is_kept():
    assert not is_boilerplate(SENTENCE)
    assert not is_boilerplate("Deltagarna fick ta del av aktuell forskning presenterad av Rise.")


def test_seed_text_without_opening_hours_and_signature(tmp_path):
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else (
        "Utvecklingsforum Folkhälsa\n\nÖppettider\n\nMåndag–fredag: 8:00–16:30\n\nSenast granskad 2023-11-17 av ANDGLE\n")
    path = tmp_path / "seed.txt"
    path.write_text(text, encoding="utf-8")
    kept = main_text(path)
    assert "Utvecklingsforum Folkhälsa" in kept
    assert "Öppettider" not in kept and "8:00" not in kept and "Senast granskad" not in kept


def test_html_keeps_the_article_and_drops_navigation_and_contact_boxes(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(f"""<html><head><script>var x = 1;</script></head><body>
      <nav><a href="/">Start</a><a href="/om">Om oss</a></nav>
      <main><h1>Utvecklingsforum Folkhälsa</h1><p>{SENTENCE}</p>
        <div class="contact-box"><p>Kontakta oss på 0520-49 50 00</p></div>
        <p>Senast granskad 2023-11-17 av ANDGLE</p></main>
      <footer><p>Trollhättans Stad, 461 83 Trollhättan</p></footer></body></html>""", encoding="utf-8")
    assert main_text(page) == f"Utvecklingsforum Folkhälsa\n\n{SENTENCE}"


def test_boilerplate_only_page_yields_nothing(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("""<html><body><nav><p>Start</p></nav><div id="cookie-banner"><p>Vi använder kakor</p></div>
      <main><p>Öppettider</p><p>Måndag–fredag: 8:00–16:30</p><p>Besök oss</p></main></body></html>""", encoding="utf-8")
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


def test_a_broken_pdf_is_refused_with_its_name(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(LoadError, match="broken.pdf: not a readable PDF document"):
        main_text(tmp_path / "broken.pdf")


def test_link_teasers_to_other_documents_are_not_content(tmp_path):
    page = tmp_path / "sida.txt"
    page.write_text("Jämlikt Göteborg\n\nArbetet leds av Göteborgs Stad.\n\n"
                    "Plan för Överenskommelsen i Borås\n\nPlan för Överenskommelsen i Borås Den lokala "
                    "Överenskommelsen handlar om hur Borås Stad och de idéburna organisationerna ska samarbeta\n\n"
                    "Läs mer\n\nKommunförbundet Skåne. Resultat Workshop\n\nResultat Workshop Lund 28 augusti\n\n"
                    "Läs mer\n", encoding="utf-8")
    assert main_text(page) == "Jämlikt Göteborg\n\nArbetet leds av Göteborgs Stad."
