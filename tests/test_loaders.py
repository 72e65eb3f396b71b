"""Loaders on real files: Kumu workbooks, the organisationsnummer rule, review sheets, the CLI."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from samverkan.cli import main
from samverkan.loaders import read
from samverkan.loaders.fields import parse_org_number
from samverkan.records import LoadError

SMALL = Path(__file__).parent / "data" / "small"


def kumu_workbook(path, element_type="Förvaltning"):
    wb = Workbook()
    elements = wb.active
    elements.title = "Elements"
    elements.append(["Label", "Type", "Description", "Tags"])
    elements.append(["Ale kommun", "Kommun", "", "GR"])
    elements.append(["Kultur och fritid", element_type, "", ""])
    elements.append(["Rädda Barnen", "NGO", "Barnrättsorganisation", "barn|trygghet"])
    elements.append(["TUTI", "Project", "", ""])
    connections = wb.create_sheet("Connections")
    connections.append(["From", "To", "Type"])
    connections.append(["Kultur och fritid", "Ale kommun", "del av"])
    connections.append(["Rädda Barnen", "TUTI", "Deltar i"])
    connections.append(["Kultur och fritid", "Rädda Barnen", ""])
    wb.save(path)
    return path


def test_kumu_types_and_connections_map_to_the_ontology(tmp_path):
    records = read(kumu_workbook(tmp_path / "kumu.xlsx"))
    assert {(e.id, e.type) for e in records.entities} == {
        ("municipality-ale-kommun", "municipality"),
        ("department-kultur-och-fritid", "department"),
        ("civil_society-radda-barnen", "civil_society"),
        ("project-tuti", "project"),
    }
    assert {(r.source, r.relation, r.target) for r in records.relations} == {
        ("department-kultur-och-fritid", "part_of", "municipality-ale-kommun"),
        ("civil_society-radda-barnen", "participates_in", "project-tuti"),
        ("department-kultur-och-fritid", "collaborates_with", "civil_society-radda-barnen"),
    }
    barn = next(e for e in records.entities if e.name == "Rädda Barnen")
    assert barn.attributes == {"tags": "barn|trygghet"} and barn.description == "Barnrättsorganisation"


@pytest.mark.usefixtures("english")
def test_unknown_kumu_types_are_refused_with_the_list_and_a_way_to_map_them(tmp_path):
    path = kumu_workbook(tmp_path / "kumu.xlsx", element_type="Kommunal verksamhet")
    with pytest.raises(LoadError) as error:
        read(path)
    message = str(error.value)
    assert "unknown Kumu types: 'Kommunal verksamhet' (" in message
    assert "sheet 'Elements', row 3" in message
    assert '--map-type "KUMU TYPE=type"' in message
    records = read(path, type_map={"Kommunal verksamhet": "department"})
    assert {e.type for e in records.entities} >= {"department"}


@pytest.mark.parametrize(
    "number, expected",
    [
        ("212000-1355", "212000-1355"),  # Göteborgs Stad
        ("2120000142", "212000-0142"),  # Stockholms stad, written without the dash
        ("16212000-1355", "212000-1355"),  # the 12-digit form
    ],
)
def test_valid_organisationsnummer(number, expected):
    assert parse_org_number(number) == expected


@pytest.mark.parametrize(
    "number, message",
    [
        ("212000-1356", "wrong check digit"),
        ("21200-1355", "must have 10 digits"),
        ("19811218-9876", "must have 10 digits"),
        ("811218-9876", "personnummer"),
    ],
)
@pytest.mark.usefixtures("english")
def test_invalid_organisationsnummer(number, message):
    with pytest.raises(ValueError, match=message):
        parse_org_number(number)


def test_review_sheet_loads_only_accepted_rows(tmp_path):
    (tmp_path / "entities.csv").write_text(
        "id,name,type,accept,confidence\nrise,RISE,research,ja,0.9\nx,Xyz,company,,0.2\ny,Yz,company,nej,0.4\n",
        encoding="utf-8",
    )
    records = read(tmp_path)
    assert [(e.id, e.confidence) for e in records.entities] == [("rise", 0.9)]


def test_cli_load_refuses_bad_input_with_exit_code_and_place(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "entities.csv").write_text("id,name,type\na,A,kommun\nb,B,planet\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["-w", str(tmp_path / "ws"), "load", str(folder)])
    assert result.exit_code == 1
    assert "fel: inget lästes in" in result.stderr
    assert "entities.csv, rad 3, kolumn 'type': okänd typ 'planet'" in result.stderr
    assert not (tmp_path / "ws").exists()  # the refused load leaves no workspace behind


def test_cli_stats_json_counts(tmp_path):
    runner = CliRunner()
    ws = ["-w", str(tmp_path / "ws")]
    assert runner.invoke(main, [*ws, "load", str(SMALL)]).exit_code == 0
    stats = json.loads(runner.invoke(main, [*ws, "stats", "--format", "json"]).stdout)
    # tests/data/small: 11 entities; 9 relation rows + 3 part_of columns
    assert stats["entities"] == 11 and stats["relations"] == 12
    assert stats["entities_by_sector"] == {"academia": 1, "civil_society": 1, "public": 4}
    assert stats["relations_by_kind"]["participates_in"] == 4
    assert stats["sources"] == 1
    csv_out = runner.invoke(main, [*ws, "sources", "--format", "csv"]).stdout.splitlines()
    assert csv_out[0] == "name,loader,entities,relations,triples,loaded_at,path,sha256"
    assert csv_out[1].startswith("small,spreadsheet,11,12,")  # the part_of columns counted, as in stats
    unload = runner.invoke(main, [*ws, "unload", "nosuch"])
    assert unload.exit_code == 1 and "ingen källa heter 'nosuch'" in unload.stderr


def test_cli_loads_an_rdf_file_and_exports_json_ld(tmp_path):
    ttl = tmp_path / "gr.ttl"
    ttl.write_text(
        """@prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/samverkan/id/gr> a org:Organization ; skos:prefLabel "Göteborgsregionen" .""",
        encoding="utf-8",
    )
    runner = CliRunner()
    ws = ["-w", str(tmp_path / "ws")]
    result = runner.invoke(main, [*ws, "load", str(ttl)])
    assert result.exit_code == 0, result.output
    assert "inläst gr.ttl: 0 entiteter, 0 relationer, 2 tripplar" in result.stdout
    out = tmp_path / "out.jsonld"
    assert runner.invoke(main, [*ws, "export", "--format", "jsonld", "--out", str(out)]).exit_code == 0
    import rdflib

    g = rdflib.Graph().parse(out, format="json-ld")
    assert (
        rdflib.URIRef("https://w3id.org/samverkan/id/gr"),
        rdflib.SKOS.prefLabel,
        rdflib.Literal("Göteborgsregionen"),
    ) in g and len(g) == 2


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("suffix", ["graphml", "gexf"])
def test_graphml_and_gexf_nodes_and_edges_load_as_entities_and_relations(tmp_path, suffix):
    import networkx as nx

    g = nx.DiGraph()
    g.add_node("ale", label="Ale kommun", type="kommun")
    g.add_node("kof", label="Kultur och fritid", type="förvaltning", part_of="ale")
    g.add_node("rb", label="Rädda Barnen", type="ngo", tema="barn")
    g.add_edge("rb", "kof", relation="samverkar med")
    g.add_edge("kof", "ale")  # no relation: collaborates_with
    path = tmp_path / f"net.{suffix}"
    getattr(nx, f"write_{suffix}")(g, path)
    records = read(path)
    assert [(e.id, e.name, e.type, e.part_of) for e in records.entities] == [
        ("ale", "Ale kommun", "municipality", None),
        ("kof", "Kultur och fritid", "department", "ale"),
        ("rb", "Rädda Barnen", "civil_society", None),
    ]
    assert records.entities[2].attributes == {"tema": "barn"}
    assert sorted((r.source, r.relation, r.target) for r in records.relations) == [
        ("kof", "collaborates_with", "ale"),
        ("rb", "collaborates_with", "kof"),
    ]
    g.nodes["rb"]["type"] = "planet"
    getattr(nx, f"write_{suffix}")(g, path)
    with pytest.raises(
        LoadError, match=f"net.{suffix}, sheet 'nodes', row 3, column 'type': unknown type 'planet'"
    ):
        read(path)
