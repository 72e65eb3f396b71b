"""The workspace on a real on-disk Oxigraph store: load, reload, unload, refusal, lock, export."""

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare

from samverkan import Workspace, WorkspaceInUse
from samverkan.export import export
from samverkan.graph.mapping import entity_iri
from samverkan.records import LoadError

SMALL = Path(__file__).parent / "data" / "small"
EXAMPLE = Path(__file__).parents[1] / "samverkan" / "examples" / "seeds"


@pytest.fixture
def small(tmp_path):
    """A copy of the small template folder, free to edit."""
    folder = tmp_path / "small"
    shutil.copytree(SMALL, folder)
    return folder


@pytest.fixture
def ws(tmp_path):
    with Workspace.open(tmp_path / "ws", create=True) as workspace:
        yield workspace


def all_quads(ws):
    return {str(q) for q in ws.store.quads_for_pattern(None, None, None, None)}


def facts(ws):
    """Every quad but the store's generation."""
    return {q for q in all_quads(ws) if "ns#generation" not in q}


def test_load_reads_every_row_and_keeps_names_exactly(ws, small):
    [row] = ws.load([small])
    assert (row["status"], row["entities"], row["relations"]) == ("loaded", 11, 12)  # 3 of them part_of
    names = {e.id: e.name for e in ws.records().entities}
    assert names["forening"] == 'Föreningen "<img src=x onerror=alert(1)>" & }\''
    assert names["trollhattan"] == "Trollhättans Stad"
    aliases = {e.id: e.aliases for e in ws.records().entities}
    assert aliases["trollhattan"] == ["Trollhättan", "Trollhättans kommun"]
    jane = [r for r in ws.records().relations if r.source == "jane"]
    assert [(r.relation, r.target, r.role) for r in jane] == [("holds_role_in", "omsorg", "förvaltningschef")]
    assert jane[0].evidence[0].quote == "Jane Johansson, förvaltningschef på omsorgsförvaltningen"
    omsorg = next(e for e in ws.records().entities if e.id == "omsorg")
    # the extra column 'kontakt' is kept as an attribute; part_of from the column; default sector
    assert (omsorg.attributes, omsorg.part_of, omsorg.sector) == (
        {"kontakt": "omsorg@example.se"},
        "trollhattan",
        "public",
    )


def test_turtle_round_trip_gives_the_same_triples(ws, small, tmp_path):
    ws.load([small])
    export(ws, "ttl", tmp_path / "out.ttl")
    parsed = rdflib.Graph().parse(tmp_path / "out.ttl", format="turtle")
    stored = rdflib.Graph().parse(
        data=ox.serialize({q.triple for q in ws.source_quads()}, format=ox.RdfFormat.N_TRIPLES), format="nt"
    )
    assert len(parsed) == len(stored) == ws.triple_count()
    assert rdflib.compare.isomorphic(parsed, stored)
    jane = rdflib.URIRef("https://w3id.org/samverkan/id/jane")
    assert parsed.value(jane, rdflib.SKOS.prefLabel) == rdflib.Literal("Jane Johansson")
    # schema.org is bound with http, not rdflib's https default
    assert "@prefix schema: <http://schema.org/>" in (tmp_path / "out.ttl").read_text()


def test_trig_keeps_sources_as_named_graphs(ws, small, tmp_path):
    ws.load([small])
    export(ws, "trig", tmp_path / "out.trig")
    ds = rdflib.Dataset()
    ds.parse(tmp_path / "out.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs()}
    assert "https://w3id.org/samverkan/source/small" in names
    assert "https://w3id.org/samverkan/graph/meta" in names


def test_loading_the_same_file_again_changes_nothing(ws, small):
    ws.load([small])
    before = all_quads(ws)
    [row] = ws.load([small])
    assert row["status"] == "unchanged"
    assert all_quads(ws) == before


def test_reload_replaces_exactly_the_facts_of_the_source(ws, small):
    ws.load([small])
    count = ws.triple_count()
    text = (small / "entities.csv").read_text()
    (small / "entities.csv").write_text(text.replace("Kronogården,place", "Kronogården i Trollhättan,place"))
    [row] = ws.load([small])
    assert row["status"] == "reloaded"
    names = {e.name for e in ws.records().entities}
    assert "Kronogården i Trollhättan" in names and "Kronogården" not in names
    assert ws.triple_count() == count  # one literal swapped for another
    assert len(ws.sources()) == 1


def test_unload_removes_the_source_and_keeps_what_another_source_states(ws, small, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "entities.csv").write_text("id,name,type\nrise,RISE,research\n", encoding="utf-8")
    ws.load([small, other])
    ws.unload("small")
    records = ws.records()
    assert [(e.id, e.sources) for e in records.entities] == [("rise", ["other"])]
    assert records.relations == []
    assert [s["name"] for s in ws.sources()] == ["other"]


BAD = {
    "unknown type": (
        "entities.csv",
        "omsorg,Omsorgsförvaltningen,department",
        "omsorg,Omsorgsförvaltningen,avdelningen",
        "row 3, column 'type': unknown type 'avdelningen'",
    ),
    "bad date": ("entities.csv", "2019-01-01,2021-12-31", "2019-13-01,2021-12-31", "row 10, column 'start'"),
    "check digit": (
        "entities.csv",
        "212000-1561",
        "212000-1562",
        "row 2, column 'org_number': organisationsnummer '212000-1562' has a wrong check digit",
    ),
    "personnummer": ("entities.csv", "212000-1561", "811218-9876", "is a personnummer"),
    "unknown relation": (
        "relations.csv",
        "eidar,leads,tuti",
        "eidar,styr,tuti",
        "row 6, column 'relation': unknown relation 'styr'",
    ),
    "missing id": (
        "relations.csv",
        "eidar,leads,tuti",
        "eidar,leads,okand",
        "row 6, column 'to': 'okand' is not an id",
    ),
    "duplicate id": (
        "entities.csv",
        "service,Serviceförvaltningen",
        "omsorg,Serviceförvaltningen",
        "duplicate id 'omsorg' with different data",
    ),
    "missing column": (
        "relations.csv",
        "from,relation,to",
        "from,relation,till",
        "missing required column 'to'",
    ),
}


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_refused_with_its_place_and_leaves_the_store_as_it_was(ws, small, case):
    ws.load([small])
    before = all_quads(ws)
    file, old, new, message = BAD[case]
    path = small / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LoadError) as error:
        ws.load([small])
    assert message in str(error.value)
    assert file in str(error.value)
    assert all_quads(ws) == before


@pytest.mark.usefixtures("english")
def test_a_refused_file_among_several_loads_nothing(ws, small, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"this is not a workbook")
    with pytest.raises(LoadError, match="bad.xlsx: not a readable XLSX workbook"):
        ws.load([small, bad])
    assert ws.sources() == [] and ws.triple_count() == 0


def test_xlsx_template_loads_the_same_records_as_the_csv_folder(ws, small, tmp_path):
    import csv

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name in ("entities", "relations"):
        sheet = wb.create_sheet(name)
        with open(small / f"{name}.csv", encoding="utf-8") as f:
            for row in csv.reader(f):
                sheet.append(row)
    wb.save(tmp_path / "small.xlsx")
    from samverkan.loaders import read

    assert read(tmp_path / "small.xlsx").entities == read(small).entities
    assert read(tmp_path / "small.xlsx").relations == read(small).relations


def test_relation_may_refer_to_an_id_already_in_the_workspace(ws, small, tmp_path):
    ws.load([small])
    more = tmp_path / "more"
    more.mkdir()
    (more / "entities.csv").write_text("id,name,type\nboras,Borås Stad,municipality\n", encoding="utf-8")
    (more / "relations.csv").write_text("from,relation,to\nboras,participates_in,forum\n", encoding="utf-8")
    ws.load([more])
    assert ("boras", "participates_in", "forum") in {
        (r.source, r.relation, r.target) for r in ws.records().relations
    }


def test_rdf_file_is_checked_against_the_shapes(ws, tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text("""@prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/samverkan/id/gr> a org:Organization ; skos:prefLabel "Göteborgsregionen" .""")
    broken = tmp_path / "broken.ttl"
    broken.write_text("""@prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sv: <https://w3id.org/samverkan/ns#> .
<https://w3id.org/samverkan/id/x> a org:Organization ; skos:prefLabel "A", "B" ;
   sv:sector <https://w3id.org/samverkan/sector/kommunal> .""")
    with pytest.raises(LoadError) as error:
        ws.load([broken])
    assert "broken.ttl: SHACL" in str(error.value)
    assert "en entitet har exakt ett namn" in str(error.value)  # the shapes' messages, in Swedish
    assert "sektor ska vara en av public" in str(error.value)
    assert ws.sources() == []
    ws.load([good])
    assert ws.sources()[0]["loader"] == "rdf"


def test_the_bundled_example_validates_clean(ws):
    ws.load([EXAMPLE])
    assert ws.validate() == []
    assert ws.stats()["entities"] > 50


def test_a_second_process_gets_a_clear_in_use_error(tmp_path, english):
    with Workspace.open(tmp_path / "ws", create=True):
        with pytest.raises(WorkspaceInUse, match="in use by another process"):
            Workspace.open(tmp_path / "ws")
        code = (
            "from samverkan import Workspace, WorkspaceInUse\n"
            f"try:\n    Workspace.open({str(tmp_path / 'ws')!r})\n"
            "except WorkspaceInUse as e:\n    print('refused:', e)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "refused: workspace" in result.stdout and "is in use" in result.stdout
    with Workspace.open(tmp_path / "ws") as ws:  # released on close
        assert ws.sources() == []


def test_an_interrupted_load_is_dropped_when_the_workspace_opens_again(tmp_path, small):
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([small])
        before, generation = facts(ws), ws.generation()
        # what a crash in the middle of a bulk write leaves: facts without the source's metadata
        ghost = ox.NamedNode("https://w3id.org/samverkan/source/ghost")
        ws.store.bulk_extend([ox.Quad(entity_iri("x"), entity_iri("p"), ox.Literal("half"), ghost)])
    with Workspace.open(tmp_path / "ws") as ws:  # dropped, and what was derived meanwhile is stale
        assert facts(ws) == before and ws.generation() != generation


def test_a_first_load_that_fails_after_its_bulk_write_leaves_nothing_behind(tmp_path, small, monkeypatch):
    """The records and the Cypher view are built while the bulk loader writes; a failure after
    both were kept drops the written graphs, and neither shows what was dropped."""
    from samverkan.graph.views import DerivedViews

    built = DerivedViews._prepare

    def fail_after(self, change):
        built(self, change)
        assert self.view_is_current()  # built, and marked with the generation of the load
        raise OSError("disk full")

    with Workspace.open(tmp_path / "ws", create=True) as ws:
        empty = facts(ws)
        monkeypatch.setattr(DerivedViews, "_prepare", fail_after)
        with pytest.raises(OSError, match="disk full"):
            ws.load([small])
        monkeypatch.undo()
        assert facts(ws) == empty and ws.sources() == []
        assert ws.records().entities == [] and ws.cypher("MATCH (n) RETURN count(n)")[1] == [[0]]
        ws.load([small])
        assert len(ws.records().entities) == 11 == ws.cypher("MATCH (n) RETURN count(n)")[1][0][0]  # its rows
