"""The figure and the report on the bundled example, read back by real readers."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from samverkan import Workspace
from samverkan.cli import main
from samverkan.export.figure import draw
from samverkan.export.report import write_report

EXAMPLE = Path(__file__).parents[1] / "samverkan" / "examples" / "seeds"


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    with Workspace.open(tmp_path_factory.mktemp("ws") / "ws", create=True) as workspace:
        workspace.load([EXAMPLE])
        yield workspace


def test_figure_is_stable_for_a_seed_and_has_legend_and_caption(ws, tmp_path):
    a = draw(ws.records(), tmp_path / "a.svg", seed=3, title="Test")
    b = draw(ws.records(), tmp_path / "b.svg", seed=3, title="Test")
    assert a.read_text() == b.read_text()
    svg = a.read_text()
    assert "Trollhättans Stad" in svg and "offentlig sektor" in svg and "Källor: seeds" in svg
    png = draw(ws.records(), tmp_path / "c.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_html_report_is_one_file_with_figure_tables_and_evidence(ws, tmp_path):
    html = write_report(ws, tmp_path / "r.html", permutations=50).read_text()
    assert '<img alt="Nätverksfigur" src="data:image/svg+xml;base64,' in html
    assert "<script" not in html and "http" not in html.split("<body>")[1].split("Källor")[0]
    assert "Stuprör" in html and "E-I-index" in html and "Mellanhänder" in html
    # a gap's evidence carries the quote and the document it comes from
    assert "Eidar är en viktig aktör" in html or "kommunala bolagen" in html
    assert "001_e9a507c79d075104.txt" in html


def test_docx_report_opens_with_figure_and_tables_and_public_hides_names(ws, tmp_path):
    path = write_report(ws, tmp_path / "r.docx", public=True, permutations=50)
    doc = Document(path)
    assert len(doc.inline_shapes) == 1
    assert len(doc.tables) >= 5
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "Trollhättans Stad" in text
    for name in ("Jane Johansson", "Gunilla", "Jörgen Hansson", "Said Niklund"):
        assert name not in text


def test_report_and_figure_commands_check_the_suffix(tmp_path):
    runner = CliRunner()
    ws = ["-w", str(tmp_path / "ws")]
    runner.invoke(main, [*ws, "load", str(EXAMPLE)])
    bad = runner.invoke(main, [*ws, "report", "--out", str(tmp_path / "r.pdf")])
    assert bad.exit_code == 1 and "--out måste sluta på en av .html, .docx" in bad.stderr
    ok = runner.invoke(main, [*ws, "figure", "--out", str(tmp_path / "f.pdf"), "--level", "sector"])
    assert ok.exit_code == 0 and (tmp_path / "f.pdf").read_bytes()[:4] == b"%PDF"
