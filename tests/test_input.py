"""Input that could crash or exhaust the loader, and what validation must catch: XML entity bombs,
oversized literals, control characters, one id with two types, part_of cycles, dates in the wrong
order, blank nodes in a reloaded RDF source, and a workspace path that is a file."""

import shutil
import time
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from samverkan import Workspace
from samverkan.cli import main
from samverkan.i18n import use
from samverkan.loaders import read
from samverkan.loaders.fields import MAX_TEXT
from samverkan.records import LoadError

SMALL = Path(__file__).parent / "data" / "small"
PREFIXES = (
    "@prefix org: <http://www.w3.org/ns/org#> .\n"
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix ex: <http://example.org/> .\n"
)


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("SAMVERKAN_LANG", "en")  # the CLI's --lang reads it
    with use("en"):
        yield


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A closed workspace holding tests/data/small, built once and copied for each test."""
    folder = tmp_path_factory.mktemp("loaded") / "ws"
    with Workspace.open(folder, create=True) as workspace:
        workspace.load([SMALL])
    return folder


@pytest.fixture
def ws(tmp_path, loaded):
    shutil.copytree(loaded, tmp_path / "ws")
    with Workspace.open(tmp_path / "ws") as workspace:
        yield workspace


def state(ws):
    """What a refusal must leave as it was: the sources and the triples."""
    return ws.sources(), ws.triple_count()


def refused(ws, paths, *messages):
    """Load ``paths``, expect a refusal carrying every message, and the workspace unchanged."""
    before = state(ws)
    with pytest.raises(LoadError) as error:
        ws.load(paths)
    for message in messages:
        assert message in str(error.value)
    assert state(ws) == before
    return str(error.value)


# -- XML entities and literal size ------------------------------------------------------------


def billion_laughs(path: Path, levels: int = 10) -> Path:
    """The classic bomb: each entity ten of the one before; 10 levels expand to 3·10^9 bytes."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{chr(10).join(entities)}\n]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:skos="http://www.w3.org/2004/02/skos/core#">\n'
        f'<rdf:Description rdf:about="https://w3id.org/samverkan/id/x"><skos:prefLabel>&lol{levels - 1};'
        "</skos:prefLabel></rdf:Description>\n</rdf:RDF>\n",
        encoding="utf-8",
    )
    return path


def test_an_rdf_xml_entity_bomb_is_refused_in_seconds(ws, tmp_path):
    bomb = billion_laughs(tmp_path / "bomb.rdf")
    assert bomb.stat().st_size < 1200
    started = time.monotonic()
    refused(
        ws,
        [bomb],
        "bomb.rdf, row 3: the XML declares the entity 'lol0' in its DTD",
        "save the file without a DTD",
    )
    assert time.monotonic() - started < 5


def test_an_owl_file_and_a_graphml_file_with_entities_are_refused_the_same_way(ws, tmp_path):
    owl = billion_laughs(tmp_path / "onto.owl", levels=2)
    refused(ws, [owl], "onto.owl, row 3: the XML declares the entity 'lol0'")
    graphml = tmp_path / "net.graphml"
    graphml.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE graphml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="a"/></graph></graphml>\n',
        encoding="utf-8",
    )
    refused(ws, [graphml], "net.graphml, row 2: the XML declares the entity 'xxe'")


def test_a_normal_rdf_xml_file_still_loads(ws, tmp_path):
    path = tmp_path / "gr.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:skos="http://www.w3.org/2004/02/skos/core#" '
        'xmlns:org="http://www.w3.org/ns/org#">\n'
        '<org:Organization rdf:about="https://w3id.org/samverkan/id/gr">'
        "<skos:prefLabel>Göteborgsregionen</skos:prefLabel></org:Organization>\n</rdf:RDF>\n",
        encoding="utf-8",
    )
    [row] = ws.load([path])
    assert (row["status"], row["loader"], row["triples"]) == ("loaded", "rdf", 2)


def test_a_literal_over_the_limit_is_refused_naming_the_file_and_the_triple(ws, tmp_path):
    path = tmp_path / "big.nt"
    subject, label = "<https://w3id.org/samverkan/id/big>", "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    path.write_text(f'{subject} {label} "{"a" * (MAX_TEXT + 1)}" .\n', encoding="utf-8")
    refused(
        ws,
        [path],
        f"big.nt: the literal of {subject} {label}: the text has 1000001 characters, "
        "more than the limit of 1000000",
    )
    path.write_text(f'{subject} {label} "{"a" * MAX_TEXT}" .\n', encoding="utf-8")
    assert len(read(path).rdf) == 1


def test_a_broken_xml_prolog_is_refused_with_its_line(tmp_path):
    path = tmp_path / "broken.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [ <!ELEMENT >\n]>\n<rdf:RDF/>', encoding="utf-8"
    )
    with pytest.raises(LoadError, match=r"broken.rdf, row 2: not well-formed XML"):
        read(path)


# -- control characters ------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x0b", "\x1f"])
def test_a_control_character_in_a_csv_cell_is_refused_with_row_and_column(ws, tmp_path, char):
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "entities.csv").write_text(
        f"id,name,type\nx1,Rad ett,company\nx2,Rad{char}två,company\n", encoding="utf-8"
    )
    refused(
        ws,
        [folder],
        f"entities.csv, row 3, column 'name': the text holds the control character "
        f"U+{ord(char):04X} at character 4",
    )


def test_tab_newline_and_carriage_return_are_allowed(tmp_path):
    (tmp_path / "entities.csv").write_text(
        'id,name,type,description\nx1,"Rad ett\r\nRad\ttvå",company,ok\n', encoding="utf-8"
    )
    assert [e.name for e in read(tmp_path).entities] == ["Rad ett\r\nRad\ttvå"]


def test_a_control_character_in_a_kumu_sheet_is_refused(ws, tmp_path):
    folder = tmp_path / "kumu"
    folder.mkdir()
    (folder / "elements.csv").write_text(
        "Label,Type\nAle kommun,Kommun\nRädda\x0bBarnen,NGO\n", encoding="utf-8"
    )
    refused(ws, [folder], "elements.csv, row 3, column 'Label': the text holds the control character U+000B")


def test_a_control_character_in_an_xlsx_sheet_is_refused_naming_the_sheet(ws, tmp_path):
    path = tmp_path / "bad.xlsx"
    wb = Workbook()
    sheet = wb.active
    sheet.title = "entities"
    sheet.append(["id", "name", "type"])
    sheet.append(["x1", "Rad PLACEHOLDER", "company"])
    wb.save(path)
    with zipfile.ZipFile(path) as z:  # a raw control character, as no spreadsheet program writes it
        parts = {name: z.read(name) for name in z.namelist()}
    sheet_xml = "xl/worksheets/sheet1.xml"
    parts[sheet_xml] = parts[sheet_xml].replace(b"PLACEHOLDER", b"ett\x0btv\xc3\xa5")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    refused(ws, [path], "bad.xlsx, sheet 'entities': the sheet is not well-formed XML")


def test_a_control_character_in_an_rdf_literal_is_refused(ws, tmp_path):
    path = tmp_path / "vt.ttl"
    path.write_text(
        PREFIXES + "<https://w3id.org/samverkan/id/gr> a org:Organization ; "
        'skos:prefLabel "Göteborgs\\u000Bregionen" .\n',
        encoding="utf-8",
    )
    refused(
        ws,
        [path],
        "vt.ttl: the literal of <https://w3id.org/samverkan/id/gr>",
        "control character U+000B at character 10",
    )


# -- one id, two types ---------------------------------------------------------------------------


def folder_with(tmp_path, name: str, entities: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "entities.csv").write_text(entities, encoding="utf-8")
    return folder


def test_an_id_with_another_type_in_a_second_load_is_refused_naming_both_sources(ws, tmp_path):
    persons = folder_with(tmp_path, "persons", "id,name,type\nkalle,Kalle Anka,person\n")
    firms = folder_with(
        tmp_path,
        "firms",
        "id,name,type,sector\nx,X AB,company,private\nkalle,Kalle Anka AB,company,private\n",
    )
    ws.load([persons])
    message = refused(
        ws,
        [firms],
        "firms/entities.csv, row 3, column 'type': the id 'kalle' has the type "
        f"company here but person in {persons}",
    )
    assert "one id names one entity" in message


def test_an_id_with_two_types_in_one_load_is_refused_naming_both_rows(ws, tmp_path):
    persons = folder_with(tmp_path, "persons", "id,name,type\nkalle,Kalle Anka,person\n")
    firms = folder_with(tmp_path, "firms", "id,name,type\nkalle,Kalle Anka AB,company\n")
    first = persons / "entities.csv"
    refused(
        ws,
        [persons, firms],
        "firms/entities.csv, row 2, column 'type': the id 'kalle' has the type "
        f"company here but person in {first}, row 2, column 'type'",
    )


def test_an_rdf_source_cannot_retype_an_entity_of_a_spreadsheet(ws, tmp_path):
    path = tmp_path / "retype.ttl"
    path.write_text(
        PREFIXES + "@prefix sv: <https://w3id.org/samverkan/ns#> .\n"
        '<https://w3id.org/samverkan/id/jane> a sv:Company ; skos:prefLabel "Jane AB" .\n',
        encoding="utf-8",
    )
    refused(ws, [path], "retype.ttl: the id 'jane' has the type company here but person in")


def test_a_reloaded_source_may_change_the_type_it_alone_gives(ws, tmp_path):
    folder = folder_with(tmp_path, "one", "id,name,type\nkalle,Kalle Anka,person\n")
    ws.load([folder])
    (folder / "entities.csv").write_text("id,name,type\nkalle,Kalle Anka AB,company\n", encoding="utf-8")
    [row] = ws.load([folder])
    assert row["status"] == "reloaded"
    assert {e.id: e.type for e in ws.records().entities}["kalle"] == "company"


# -- validate: part_of cycles and dates -------------------------------------------------------------


def test_part_of_cycles_and_dates_in_the_wrong_order_are_violations(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "entities.csv").write_text(
        "id,name,type,part_of,start,end\n"
        "a,Avdelning A,department,b,,\nb,Avdelning B,department,a,,\n"  # a -> b -> a
        "c,Avdelning C,department,c,,\n"  # part of itself
        "d,Avdelning D,department,e,,\ne,Avdelning E,department,f,,\n"  # d -> e -> f -> d
        "f,Avdelning F,department,d,2020-01-01,2019-12-31\n"  # start after end
        "g,Avdelning G,department,,2020-01-01,2020-01-01\n"  # one day: fine
        "h,Avdelning H,department,g,,\n",
        encoding="utf-8",
    )  # a plain part_of: fine
    (folder / "relations.csv").write_text(
        "from,relation,to,start,end\n"
        "a,collaborates_with,g,2022-05-01,2021-01-01\n"
        "b,collaborates_with,g,2021-01-01,2022-05-01\n",
        encoding="utf-8",
    )
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([folder])
        found = sorted((v.focus, v.message) for v in ws.validate())
    assert found == [
        (
            "Avdelning A (a)",
            "part_of goes round in a circle: Avdelning A (a) → Avdelning B (b) → Avdelning A (a)",
        ),
        ("Avdelning A (a) collaborates with Avdelning G (g)", "the start date is after the end date"),
        ("Avdelning C (c)", "Avdelning C (c) is part of itself"),
        (
            "Avdelning D (d)",
            "part_of goes round in a circle: Avdelning D (d) → Avdelning E (e) → "
            "Avdelning F (f) → Avdelning D (d)",
        ),
        ("Avdelning F (f)", "the start date is after the end date"),
    ]


def test_validate_in_the_cli_exits_1_and_speaks_swedish_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("SAMVERKAN_LANG", raising=False)
    folder = folder_with(tmp_path, "units", "id,name,type,part_of\nc,Avdelning C,department,c\n")
    runner = CliRunner()
    ws = ["-w", str(tmp_path / "ws")]
    assert runner.invoke(main, [*ws, "load", str(folder)]).exit_code == 0
    result = runner.invoke(main, [*ws, "validate", "--format", "csv"])
    assert result.exit_code == 1
    assert "Avdelning C (c) är en del av sig själv" in result.stdout


def test_an_rdf_file_with_a_part_of_cycle_is_refused_at_load(ws, tmp_path):
    path = tmp_path / "cycle.ttl"
    path.write_text(
        PREFIXES + "@prefix id: <https://w3id.org/samverkan/id/> .\n"
        'id:p a org:Organization ; skos:prefLabel "P" ; org:subOrganizationOf id:q .\n'
        'id:q a org:Organization ; skos:prefLabel "Q" ; org:subOrganizationOf id:p .\n',
        encoding="utf-8",
    )
    refused(
        ws,
        [path],
        "cycle.ttl: SHACL: P (id:p): org:subOrganizationOf: part_of goes round in a circle: "
        "P (id:p) → Q (id:q) → P (id:p)",
    )


# -- blank nodes in a reloaded RDF source ---------------------------------------------------------


def test_a_changed_turtle_file_with_blank_nodes_reloads_and_drops_its_old_facts(ws, tmp_path):
    path = tmp_path / "gr.ttl"
    text = (
        PREFIXES + "<https://w3id.org/samverkan/id/gr> a org:Organization ;\n"
        '  skos:prefLabel "Göteborgsregionen" ;\n'
        '  ex:address [ ex:street "Anders Personsgatan 8" ; ex:city "Göteborg" ] ;\n'
        '  ex:contact [ ex:mail "info@goteborgsregionen.se" ] .\n'
    )
    path.write_text(text, encoding="utf-8")
    count = ws.triple_count()
    ws.load([path])
    assert ws.triple_count() == count + 7
    streets = (
        "SELECT ?node ?street WHERE { ?a <http://example.org/address> ?node . "
        "?node <http://example.org/street> ?street }"
    )
    [(node, street)] = [(r["node"].value, r["street"].value) for r in ws.sparql(streets)]
    assert node.startswith("https://w3id.org/samverkan/source/gr.ttl/.well-known/genid/")
    assert street == "Anders Personsgatan 8"
    assert ws.load([path])[0]["status"] == "unchanged"
    path.write_text(text.replace("Anders Personsgatan 8", "Gullbergs Strandgata 36D"), encoding="utf-8")
    [row] = ws.load([path])
    assert row["status"] == "reloaded"
    assert [r["street"].value for r in ws.sparql(streets)] == ["Gullbergs Strandgata 36D"]
    assert ws.triple_count() == count + 7
    terms = [term for q in ws.source_quads() for term in (q.subject, q.object)]
    assert not any(isinstance(term, ox.BlankNode) for term in terms)


def test_the_same_file_gives_the_same_skolem_iris(tmp_path):
    path = tmp_path / "b.ttl"
    path.write_text(
        PREFIXES + 'ex:a ex:knows [ ex:name "X" ; ex:knows [ ex:name "Y" ] ], [ ex:name "Z" ], '
        '[ ex:name "Z" ] .\n',
        encoding="utf-8",
    )
    iris = []
    for name in ("one", "two"):
        with Workspace.open(tmp_path / name, create=True) as ws:
            ws.load([path])
            iris.append(sorted(str(q.subject) for q in ws.source_quads()))
            assert ws.triple_count() == 8  # the two nodes named Z stay two
    assert iris[0] == iris[1] and len(set(iris[0])) == 5


def test_a_source_stored_with_blank_nodes_before_they_were_skolemised_reloads(ws, tmp_path):
    path = tmp_path / "old.ttl"
    path.write_text(PREFIXES + 'ex:a ex:name "A" .\n', encoding="utf-8")
    ws.load([path])
    graph = ox.NamedNode("https://w3id.org/samverkan/source/old.ttl")
    ws.store.add(ox.Quad(ox.BlankNode(), ox.NamedNode("http://example.org/name"), ox.Literal("B"), graph))
    path.write_text(PREFIXES + 'ex:a ex:name "A2" .\n', encoding="utf-8")
    assert ws.load([path])[0]["status"] == "reloaded"
    assert sorted(q.object.value for q in ws.store.quads_for_pattern(None, None, None, graph)) == ["A2"]


# -- workspace paths -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["init"], ["sources"], ["load", str(SMALL)]])
def test_a_workspace_that_is_a_file_is_a_clear_error(tmp_path, command):
    file = tmp_path / "notes.txt"
    file.write_text("not a workspace", encoding="utf-8")
    result = CliRunner().invoke(main, ["-w", str(file), *command])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: the workspace {file} is a file, not a folder: give a folder with --workspace\n"
    )
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert file.read_text(encoding="utf-8") == "not a workspace"


def test_a_workspace_under_a_file_is_a_clear_error_and_init_makes_missing_folders(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["-w", str(tmp_path / "notes.txt" / "ws"), "init"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"error: cannot use the workspace {tmp_path / 'notes.txt' / 'ws'}: ")
    deep = tmp_path / "a" / "b" / "ws"
    result = runner.invoke(main, ["-w", str(deep), "init"])
    assert result.exit_code == 0 and (deep / "samverkan.json").exists()
    shutil.rmtree(tmp_path / "a")
