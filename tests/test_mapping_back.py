"""Records read back from the records themselves (``from_records``) are what ``from_quads`` reads
from their quads, to the byte once pickled: the first load of a workspace keeps those."""

import pickle
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from samverkan import Workspace, loaders
from samverkan.graph import mapping
from samverkan.graph.views import load_records
from samverkan.records import Entity, Evidence, Records, Relation

ROOT = Path(__file__).parents[1]
FOLDERS = [
    ROOT / "samverkan" / "examples" / "seeds",
    *(ROOT / "tests" / "data" / name for name in ("small", "network", "persons")),
]
GRAPH = mapping.source_iri("källa")


def by_quads(records: Records) -> bytes:
    return pickle.dumps(mapping.from_quads(dict.fromkeys(mapping.to_quads(records, GRAPH))), protocol=5)


def by_records(records: Records) -> bytes | None:
    read = mapping.from_records(records, GRAPH)
    return None if read is None else pickle.dumps(read, protocol=5)


def varied() -> Records:
    """Records with what the reading back merges, shares or converts."""
    shared, day = "Delad text", date(2024, 5, 1)
    ev = Evidence(source="rapport.pdf", quote="citat", span=(3, 9))
    return Records(
        entities=[
            Entity("a", "A", "municipality", aliases=["A", "Å", shared, shared], attributes={"x y": shared}),
            Entity(
                "b", shared, "civil_society", sector="public", part_of="a", start=day, end=day, evidence=[ev]
            ),
            Entity("c/ö", "C", "person", url="u", description=shared, confidence=0.25, org_number="5"),
            Entity("d", "D", "theme", evidence=[Evidence(quote="q"), Evidence(source="rapport.pdf")]),
        ],
        relations=[
            Relation("b", "part_of", "a", evidence=[ev], confidence=0.5),  # on the node of b's part_of
            Relation("c/ö", "holds_role_in", "b", role="ordförande", start=day),
            Relation("c/ö", "holds_role_in", "b", role="kassör", evidence=[ev, ev]),
            Relation(
                "c/ö", "holds_role_in", "b", role="kassör", evidence=[Evidence(quote="q")], confidence=1
            ),
            Relation("a", "about_theme", "d", role="", attributes={"k": "1", "j": shared}),
            Relation("c/ö", "member_of", "nowhere"),  # an end that is no entity: not read
        ],
    )


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_records_read_back_from_records_are_those_read_from_their_quads(folder):
    records = loaders.read(folder)
    assert by_records(records) == by_quads(records)


def test_merged_shared_and_converted_values_read_back_the_same():
    records = varied()
    assert by_records(records) == by_quads(records)
    read = mapping.from_records(records, GRAPH)
    assert read is not None and [e.part_of for e in read.entities] == [None, "a", None, None]


@pytest.mark.parametrize(
    "odd",
    [
        [Entity("a", "Igen", "municipality")],  # an id twice
        [
            Entity("e", "E", "theme", evidence=[Evidence(quote="q"), Evidence(source="", quote="q")])
        ],  # one node
        [Relation("c/ö", "member_of", "b\x1fx"), Relation("c/ö", "member_of", "b", role="x\x1f")],  # one node
    ],
)
def test_what_it_does_not_follow_is_left_to_the_quads(odd):
    records = varied()
    records.entities += [x for x in odd if isinstance(x, Entity)]
    records.relations += [x for x in odd if isinstance(x, Relation)]
    assert by_records(records) is None


def test_the_lines_written_for_a_first_load_are_its_quads():
    records = varied()
    records.entities[0].name = 'A "citat" \\ ny\nrad\r\t\u2028 😀'
    lines = "".join(mapping.to_nquads(mapping.statements(records), GRAPH))
    read = list(ox.parse(input=lines.encode(), format=ox.RdfFormat.N_QUADS))
    assert read == list(mapping.to_quads(records, GRAPH))


def test_a_first_load_keeps_what_the_quads_read_back(tmp_path, monkeypatch):
    """The kept records of a first load are those of the quads, whichever way they were read."""
    kept = []
    for name, reader in (("records", mapping.from_records), ("quads", lambda records, graph: None)):
        monkeypatch.setattr(mapping, "from_records", reader)
        with Workspace.open(tmp_path / name, create=True) as ws:
            ws.load([FOLDERS[0]])
        kept.append((tmp_path / name / "records" / "records.pickle").read_bytes())
        assert load_records(tmp_path / name / "records")[0].entities
    assert kept[0] == kept[1]
