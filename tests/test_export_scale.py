"""What leaves the workspace at national scale: records without persons are passed on as they
are unless a string holds a character XML cannot hold (then that record alone is rewritten), and
the report's DOCX sets its list styles by id."""

from docx import Document

from samverkan.export.persons import apply
from samverkan.export.report import _docx_findings, _paragraph
from samverkan.records import Entity, Evidence, Records, Relation


def test_records_without_persons_pass_unchanged_and_only_the_unsafe_ones_are_cleaned():
    ale = Entity("ale", "Ale kommun", "municipality", evidence=[Evidence("a.csv", "Ale kommun")])
    bad = Entity("rb", "Rädda\x0bBarnen", "civil_society", aliases=["RB\x00"], sources=["s.csv"])
    tie = Relation("rb", "collaborates_with", "ale", role="part\x1fner")
    ok = Relation("ale", "funds", "rb", evidence=[Evidence("b.csv", "Ale stöder")])
    for mode in ("show", "initials", "hide", "role"):  # no persons: every mode is the same
        out = apply(Records([ale, bad], [tie, ok]), mode)
        assert out.entities[0] is ale and out.relations[1] is ok
        assert (out.entities[1].name, out.entities[1].aliases) == ("Rädda Barnen", ["RB "])
        assert out.entities[1].sources == ["s.csv"] and bad.name == "Rädda\x0bBarnen"
        assert (out.relations[0].role, out.relations[0].source) == ("part ner", "rb")


def test_docx_paragraphs_carry_the_style_named(tmp_path):
    doc = Document()
    style = {name: doc.styles[name].style_id for name in ("List Number", "List Bullet 2")}
    _docx_findings(
        doc, [{"detail": "A och B", "why": "de delar tema", "lines": ["citat"]}], style["List Number"], style
    )
    _paragraph(doc, "en punkt", doc.styles["List Bullet"].style_id)
    doc.save(tmp_path / "r.docx")
    paragraphs = Document(tmp_path / "r.docx").paragraphs
    assert [(p.text, p.style.name) for p in paragraphs] == [
        ("A och B — de delar tema", "List Number"),
        ("citat", "List Bullet 2"),
        ("en punkt", "List Bullet"),
    ]
    assert paragraphs[0].runs[0].bold and not paragraphs[0].runs[1].bold
