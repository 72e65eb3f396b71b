"""Persons never leak, and no output file is partial or broken.

A person-rich workspace (tests/data/persons: persons with aliases, extra columns naming them,
roles naming others, other entities named after them, quotes, and an interview loaded as a
document named after a person) is exported through every output of every profile, each read
back by a real reader (lxml, openpyxl, python-docx, unzip), and searched case-insensitively for
every name, name part, alias, person id and the old unsalted sha1 pseudonym.
"""

import base64
import hashlib
import re
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from lxml import etree
from openpyxl import load_workbook

from samverkan import Workspace
from samverkan.cli import main
from samverkan.export import EXPORTERS, FOLDER_FORMATS, export
from samverkan.export.atomic import written
from samverkan.export.map import VIS
from samverkan.export.persons import KEY_FILE, Redactor, clean
from samverkan.records import Entity, Records

HERE = Path(__file__).parent
PERSONS = HERE / "data" / "persons"
SOURCES = [PERSONS, PERSONS / "intervju-gunilla-hansson.txt"]
PERSON_IDS = ["person-gunilla-hansson", "person-shams-faraj", "person-jane-johansson", "person-orjan-bjork"]
NAMES = [
    "Gunilla Hansson",
    "Gunilla Hannson",
    "G. Hansson",
    "Shams Faraj",
    "Shams Al-Faraj",
    "Jane Johansson",
    "Örjan Björk",
]
PARTS = [
    "Gunilla",
    "Hansson",
    "Hannson",
    "Shams",
    "Al",
    "Faraj",
    "Jane",
    "Johansson",
    "Örjan",
    "Björk",
    "orjan",
    "bjork",
]
OLD_PSEUDONYMS = ["person-" + hashlib.sha1(pid.encode()).hexdigest()[:10] for pid in PERSON_IDS]
FORBIDDEN = NAMES + PARTS + PERSON_IDS + OLD_PSEUDONYMS
PROFILES = ["hide", "initials", "role"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    path = tmp_path_factory.mktemp("ws") / "ws"
    with Workspace.open(path, create=True) as ws:
        ws.load(SOURCES)
    return path


def run(workspace, *args):
    result = CliRunner().invoke(main, ["-w", str(workspace), *args])
    assert result.exit_code == 0, result.output
    return result


def xml_text(data: bytes) -> str:
    """Every text node and attribute value of an XML document, character references resolved."""
    root = etree.fromstring(data)
    return "\n".join([*root.itertext(), *(v for el in root.iter() for v in el.attrib.values())])


def read_text(path: Path) -> str:
    """What a reader of the output sees: XML parts of xlsx and docx unzipped (and the docx text
    through python-docx), a report's embedded figure decoded, the map without the library it inlines."""
    if path.is_dir():
        return "\n".join(read_text(p) for p in sorted(path.iterdir()))
    if path.suffix in (".xlsx", ".docx"):
        with zipfile.ZipFile(path) as z:
            parts = [n for n in z.namelist() if n.endswith((".xml", ".rels"))]
            text = "\n".join(n + "\n" + xml_text(z.read(n)) for n in parts)
        if path.suffix == ".docx":
            doc = Document(path)
            text += "\n".join(p.text for p in doc.paragraphs)
            text += "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
        return text
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        for library in ("vis-network.min.js", "vis-network.css"):
            inlined = (VIS / library).read_text(encoding="utf-8").replace("</script", "<\\/script")
            text = text.replace(inlined, "")
        figures = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", text)
        text = re.sub(r"base64,[A-Za-z0-9+/=]+", "", text)
        text += "".join(base64.b64decode(f).decode() for f in figures)
    return text


def found(word: str, text: str) -> bool:
    """``word`` in ``text`` ignoring case: anywhere, or for a short name part ("Al") as a word
    (it is inside too many other words and markup)."""
    if len(word) >= 4:
        return word.casefold() in text.casefold()
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text, re.IGNORECASE) is not None


def outputs(workspace, out: Path, persons: str) -> list[Path]:
    """Every output of a profile: all export formats, the map at both levels, the figure, both reports."""
    paths = []
    for fmt in sorted(EXPORTERS):
        suffix = "xlsx" if fmt == "kumu" else fmt
        target = out / (f"export-{fmt}" if fmt in FOLDER_FORMATS else f"export.{suffix}")
        run(workspace, "export", "--format", fmt, "--out", str(target), "--persons", persons)
        paths.append(target)
    for level in ("organisation", "person"):
        paths.append(out / f"map-{level}.html")
        run(workspace, "map", "--level", level, "--out", str(paths[-1]), "--persons", persons)
    paths.append(out / "figure.svg")
    run(workspace, "figure", "--level", "person", "--out", str(paths[-1]), "--persons", persons)
    for suffix in ("html", "docx"):
        paths.append(out / f"report.{suffix}")
        run(workspace, "report", "--out", str(paths[-1]), "--persons", persons)
    return paths


@pytest.mark.parametrize("persons", PROFILES)
def test_no_name_part_alias_id_or_old_pseudonym_in_any_output(workspace, tmp_path, persons):
    paths = outputs(workspace, tmp_path, persons)
    assert len(paths) == len(EXPORTERS) + 5
    for path in paths:
        text = read_text(path).casefold()
        assert "kronogårdens vänner" in text or path.suffix in (".svg",), path  # organisations stay
        for word in FORBIDDEN:
            assert not found(word, text), f"{word!r} left in {path.name} under --persons {persons}"
        assert KEY_FILE not in text


def test_show_keeps_every_name(workspace, tmp_path):
    text = read_text(outputs(workspace, tmp_path, "show")[0].parent / "export-csv")
    for name in (
        "Gunilla Hansson",
        "Shams Faraj",
        "Örjan Björk",
        "Gunilla Hanssons ledarskapsprogram",
        "intervju-gunilla-hansson.txt",
        "person-gunilla-hansson",
    ):
        assert name in text
    assert "Gunilla Hansson" in read_text(tmp_path / "map-person.html")


def test_a_person_in_focus_is_found_under_their_pseudonym(workspace, tmp_path):
    run(
        workspace,
        "map",
        "--level",
        "person",
        "--focus",
        "person-shams-faraj",
        "--persons",
        "initials",
        "--out",
        str(tmp_path / "m.html"),
    )
    assert "aktörer inom 1 steg från S. F." in read_text(tmp_path / "m.html")


def test_pseudonyms_are_keyed_per_workspace_and_stable_across_exports(workspace, tmp_path):
    key = workspace / KEY_FILE
    run(workspace, "export", "--format", "csv", "--out", str(tmp_path / "a"), "--persons", "initials")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    run(workspace, "export", "--format", "ttl", "--out", str(tmp_path / "b.ttl"), "--persons", "initials")
    ids = set(re.findall(r"person-[0-9a-f]{12}", read_text(tmp_path / "a")))
    with Workspace.open(workspace) as ws:  # the sheet's four and the interview's four, not merged
        persons = sum(e.type == "person" for e in ws.records().entities)
    assert len(ids) == persons == 8 and ids == set(
        re.findall(r"person-[0-9a-f]{12}", read_text(tmp_path / "b.ttl"))
    )
    with Workspace.open(tmp_path / "other", create=True) as ws:  # the same data, another key
        ws.load(SOURCES)
    run(
        tmp_path / "other", "export", "--format", "csv", "--out", str(tmp_path / "c"), "--persons", "initials"
    )
    assert not ids & set(re.findall(r"person-[0-9a-f]{12}", read_text(tmp_path / "c")))


def test_names_are_found_inflected_in_any_case_and_in_file_names():
    people = Records(
        [
            Entity("person-shams-faraj", "Shams Faraj", "person"),
            Entity("person-orjan-bjork", "Örjan Björk", "person"),
            Entity("project-bjorks-program", "Björks program", "project"),
        ]
    )
    r = Redactor(people, "initials", b"k" * 32)
    assert (
        r.text("Farajs föredrag; SHAMS FARAJ talar; shams_faraj; den Björkska modellen")
        == "S. F. föredrag; S. F. talar; S. F.; den Ö. B. modellen"
    )
    assert r.text("mejla orjan.bjork@example.se") == "mejla Ö. B.@example.se"
    assert r.text("Farajsson och Björkhagen") == "Farajsson och Björkhagen"  # other words stay
    assert r.text("Hansson:s och Faraj's") == "Hansson:s och S. F."
    nordic = Redactor(Records([Entity("person-oystein", "Øystein Dahl", "person")]), "hide", b"k" * 32)
    assert nordic.text("Øysteins bok, ystein-dahl.txt") == "[dold person] bok, [dold person].txt"
    pseudonym = r.pseudonym("intervju-orjan-bjork.txt")
    assert r.file("/data/intervju-orjan-bjork.txt") == f"/data/source-{pseudonym}.txt"
    assert re.fullmatch(r"project-[0-9a-f]{12}", r.id("project-bjorks-program"))
    assert re.fullmatch(r"person-[0-9a-f]{12}", r.id("person-shams-faraj"))
    hidden = Redactor(people, "hide", b"k" * 32)
    assert [e.name for e in hidden.records(people).entities] == ["[dold person] program"]


def test_control_characters_are_replaced_in_every_xml_output(tmp_path):
    path = tmp_path / "ws"
    with Workspace.open(path, create=True) as ws:
        ws.load([PERSONS])
        ws.sparql(
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "DELETE { GRAPH ?g { ?s skos:prefLabel ?n } } "
            'INSERT { GRAPH ?g { ?s skos:prefLabel "Rad\\u0000ett\\u000Btvå\\u000Cslut" } } '
            'WHERE { GRAPH ?g { ?s skos:prefLabel ?n } FILTER(?n = "Omsorgsförvaltningen") }',
            update=True,
        )
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf")):
        run(path, "export", "--format", fmt, "--out", str(tmp_path / name))
        assert "Rad ett två slut" in etree.tostring(etree.parse(str(tmp_path / name)), encoding="unicode")
    run(path, "export", "--format", "kumu", "--out", str(tmp_path / "k.xlsx"))
    sheet = load_workbook(tmp_path / "k.xlsx")["Elements"]
    assert "Rad ett två slut" in [c.value for row in sheet for c in row]
    run(path, "report", "--out", str(tmp_path / "r.docx"))
    assert "Rad ett två slut" in read_text(tmp_path / "r.docx")
    assert clean("a\x00b\x0bc\td\ne\r") == "a b c\td\ne\r"


def test_output_is_whole_or_absent_and_missing_folders_are_made(tmp_path):
    out = tmp_path / "report.txt"
    out.write_text("the earlier report")
    with pytest.raises(ZeroDivisionError):
        with written(out) as tmp:
            tmp.write_text("half a rep")
            1 / 0
    assert out.read_text() == "the earlier report" and [p.name for p in tmp_path.iterdir()] == ["report.txt"]
    with pytest.raises(ZeroDivisionError):
        with written(tmp_path / "new.xlsx") as tmp:
            tmp.write_bytes(b"PK")
            1 / 0
    assert not (tmp_path / "new.xlsx").exists() and [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_out_into_a_missing_folder_creates_it(workspace, tmp_path):
    for args, target in (
        (["export", "--format", "gexf"], "a/b/g.gexf"),
        (["export", "--format", "csv"], "c/d"),
        (["map"], "e/m.html"),
        (["figure"], "f/f.svg"),
        (["report"], "g/r.docx"),
    ):
        run(workspace, *args, "--out", str(tmp_path / target))
        assert (tmp_path / target).exists() and (tmp_path / target).stat().st_size > 0
    assert not [p for p in tmp_path.rglob(".*")]  # no temporary file left beside them
    result = CliRunner().invoke(
        main, ["-w", str(workspace), "export", "--format", "ttl", "--out", str(tmp_path / "c")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"fel: kan inte skriva {tmp_path / 'c'}: Is a directory")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_kumu_cells_are_text_never_formulas(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "entities.csv").write_text(
        'id,name,type,description\nx,"=HYPERLINK(""http://x"",""klick"")",company,+1+2\n'
        "y,@SUM(A1:A2),company,-3\nz,Vanlig AB,company,\n",
        encoding="utf-8",
    )
    (folder / "relations.csv").write_text(
        "from,relation,to,role\nx,collaborates_with,y,=1+1\n", encoding="utf-8"
    )
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([folder])
        export(ws, "kumu", tmp_path / "k.xlsx")
    book = load_workbook(tmp_path / "k.xlsx")
    cells = [c for sheet in book for row in sheet for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value: c for c in cells}
    for value in ('=HYPERLINK("http://x","klick")', "+1+2", "@SUM(A1:A2)", "-3", "=1+1"):
        assert values[value].data_type == "s" and values[value].quotePrefix
