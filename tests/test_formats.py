"""Exchange formats checked against real readers: the official schemas (xmllint), networkx,
our own loaders (round trips), and searches for the names of hidden persons."""

import csv
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from samverkan import Workspace
from samverkan.export import export
from samverkan.export.formats import cypher_literal
from samverkan.export.persons import apply
from samverkan.graph.mapping import to_triples

HERE = Path(__file__).parent
SCHEMAS = HERE / "data" / "schemas"
EXAMPLE = HERE.parent / "samverkan" / "examples" / "seeds"


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    with Workspace.open(tmp_path_factory.mktemp("ws") / "ws", create=True) as workspace:
        workspace.load([EXAMPLE, HERE / "data" / "small"])
        yield workspace


def xmllint(schema: Path, file: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["xmllint", "--noout", "--schema", str(schema), str(file)], capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "fmt, schema", [("gexf", "gexf-1.2draft/gexf.xsd"), ("graphml", "graphml-1.0-local/graphml.xsd")]
)
def test_gexf_and_graphml_validate_and_read_back_in_networkx(ws, tmp_path, fmt, schema):
    out = tmp_path / f"net.{fmt}"
    export(ws, fmt, out)
    result = xmllint(SCHEMAS / schema, out)
    assert result.returncode == 0, result.stderr[-2000:]
    g = getattr(nx, f"read_{fmt}")(out)
    records = ws.records()
    assert set(g.nodes) == {e.id for e in records.entities}
    assert g.number_of_edges() == len(records.relations)
    forening = g.nodes["forening"]
    assert (forening["label"], forening["type"], forening["sector"], forening["color"]) == (
        'Föreningen "<img src=x onerror=alert(1)>" & }\'',
        "civil_society",
        "civil_society",
        "#009E73",
    )
    relations = {(a, b, d["relation"]) for a, b, d in g.edges(data=True)}
    assert ("person-jane-johansson", "omsorgsforvaltningen-trollhattan", "holds_role_in") in relations


def test_graphml_export_loads_back_into_the_same_records(ws, tmp_path):
    export(ws, "graphml", tmp_path / "net.graphml")
    with Workspace.open(tmp_path / "again", create=True) as again:
        again.load([tmp_path / "net.graphml"])
        assert {(e.id, e.name, e.type, e.sector) for e in again.records().entities} == {
            (e.id, e.name, e.type, e.sector) for e in ws.records().entities
        }


def test_csv_export_reloads_into_an_identical_workspace(ws, tmp_path):
    """The export holds the workspace as one graph — the example's and the small data's
    Trollhättans Stad folded into one — and loading it back gives exactly that graph."""
    export(ws, "csv", tmp_path / "template")
    with Workspace.open(tmp_path / "again", create=True) as again:
        again.load([tmp_path / "template"])
        assert {q.triple for q in again.source_quads()} == set(to_triples(ws.records()))
        assert "trollhattans-stad" not in {e.id for e in again.records().entities}


def test_kumu_export_reloads_through_the_kumu_loader(ws, tmp_path):
    export(ws, "kumu", tmp_path / "kumu.xlsx")
    with Workspace.open(tmp_path / "again", create=True) as again:
        again.load([tmp_path / "kumu.xlsx"])
        records, original = again.records(), ws.records()
        assert {(e.id, e.type) for e in records.entities} == {(e.id, e.type) for e in original.entities}
        assert {(r.source, r.relation, r.target) for r in records.relations} == {
            (r.source, r.relation, r.target) for r in original.relations
        }


@pytest.mark.parametrize("fmt", ["csv", "gexf", "graphml", "kumu", "cypher", "neo4j-admin", "ttl", "trig"])
def test_hidden_persons_leave_no_name_in_any_output(ws, tmp_path, fmt):
    out = tmp_path / ("out.xlsx" if fmt == "kumu" else f"out-{fmt}")
    export(ws, fmt, out, persons="hide")
    files = sorted(out.iterdir()) if out.is_dir() else [out]
    if fmt == "kumu":
        from openpyxl import load_workbook

        text = "\n".join(
            str(c.value) for f in files for sheet in load_workbook(f) for row in sheet for c in row
        )
    else:
        text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    for name in ("Jane", "Johansson", "Gunilla", "Hannson", "Said Niklund", "Magnus Larsson", "Högenberg"):
        assert name not in text, f"{name!r} left in the {fmt} export"
    assert "Trollhättans Stad" in text  # organisations stay


def test_initials_and_role_stand_in_for_names():
    from samverkan.records import Entity, Evidence, Records, Relation

    records = Records(
        [
            Entity("person-jane", "Jane Johansson", "person"),
            Entity("omsorg", "Omsorgsförvaltningen", "department"),
        ],
        [
            Relation(
                "person-jane",
                "holds_role_in",
                "omsorg",
                role="förvaltningschef",
                evidence=[Evidence("a.txt", "Jane Johansson, förvaltningschef; -Visst, säger Jane.")],
            )
        ],
    )
    initials = apply(records, "initials")
    assert initials.entities[0].name == "J. J." and initials.entities[0].id.startswith("person-")
    assert initials.relations[0].evidence[0].quote == "J. J., förvaltningschef; -Visst, säger J. J.."
    role = apply(records, "role")
    assert role.entities[0].name == "förvaltningschef, Omsorgsförvaltningen"
    assert role.relations[0].source == role.entities[0].id != "person-jane"


def test_cypher_script_escapes_hostile_values(ws, tmp_path):
    assert cypher_literal("a'b\"c\\d}") == '"a\\\'b\\"c\\\\d}"'
    export(ws, "cypher", tmp_path / "script.cypher")
    text = (tmp_path / "script.cypher").read_text()
    assert 'MERGE (n:Organisation {id: "ale-kommun"}) SET n.name = "Ale kommun"' in text
    assert 'n.name = "Föreningen \\"<img src=x onerror=alert(1)>\\" & }\\\'"' in text
    assert "MERGE (a)-[r:HOLDS_ROLE_IN {key: " in text


def test_neo4j_admin_files_have_import_headers(ws, tmp_path):
    export(ws, "neo4j-admin", tmp_path / "neo")
    with open(tmp_path / "neo" / "nodes.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [
        "id:ID",
        "name",
        "aliases:string[]",
        "type",
        "sector",
        "start_date:date",
        "end_date:date",
        "sources:string[]",
        ":LABEL",
    ]
    assert [
        "ale-kommun",
        "Ale kommun",
        "Ale",
        "municipality",
        "public",
        "",
        "",
        "seeds",
        "Organisation",
    ] in rows
    with open(tmp_path / "neo" / "relationships.csv", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
