"""The kept records and the Cypher view follow each load, reload and unload with a patch of what
it changed, and always equal what a full rebuild from the store gives; a kept copy that is stale,
of another format or damaged is never read but rebuilt."""

import shutil
from pathlib import Path

import pytest

from samverkan import Workspace
from samverkan.graph import ladybugdb, views
from samverkan.graph.mapping import from_quads
from samverkan.graph.store import SourceStore
from samverkan.identity import apply_decisions, sure_pairs
from samverkan.records import Records

SMALL = Path(__file__).parent / "data" / "small"
ENTITIES = (
    "SELECT (COUNT(DISTINCT ?e) AS ?n) "
    "WHERE { ?e dct:identifier ?id ; a ?c . ?c skos:inScheme sv:ActorTypes }"
)


def table(folder: Path, entities: str, relations: str = "") -> Path:
    """A spreadsheet folder of the template's two CSV files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.csv").write_text("id,name,type,part_of\n" + entities, encoding="utf-8")
    (folder / "relations.csv").write_text("from,relation,to,role\n" + relations, encoding="utf-8")
    return folder


def ordered(records: Records) -> Records:
    return Records(
        entities=sorted(records.entities, key=lambda e: e.id),
        relations=sorted(records.relations, key=lambda r: tuple(map(str, r.key))),
    )


def rebuilt(ws) -> Records:
    """The records a full rebuild from the store gives."""
    records, decisions = from_quads(ws.source_quads()), ws.decisions()
    return apply_decisions(records, decisions["same"] + sure_pairs(records, decisions))


def agrees(ws) -> int:
    """Assert that the kept records, the counts, Cypher and SPARQL agree with a full rebuild;
    returns how many patches the kept records hold."""
    full = rebuilt(ws)
    assert ordered(ws.records()) == ordered(full)
    stats = ws.stats()
    assert {k: v for k, v in stats.items() if k not in ("sources", "triples")} == views.counts(full)
    assert stats["triples"] == len({q.triple for q in ws.source_quads()})
    [[nodes]] = ws.cypher("MATCH (n) RETURN count(n)")[1]
    [[ties]] = ws.cypher("MATCH ()-[r]->() RETURN count(r)")[1]
    sparql = int(next(iter(ws.sparql(ENTITIES)))["n"].value)  # before folding
    assert sparql == len(from_quads(ws.source_quads()).entities)
    assert nodes == len(full.entities) and ties == len(full.relations)
    return views.read_marker(ws.path / "records")["patches"]


def test_load_reload_and_unload_are_patched_in_as_a_full_rebuild_would(tmp_path, monkeypatch):
    small = tmp_path / "small"
    shutil.copytree(SMALL, small)
    extra = table(
        tmp_path / "extra",
        "ny-forening,Ny förening,civil_society,\nny-person,Nils Ny,person,\n",
        "ny-person,holds_role_in,ny-forening,ordförande\nny-forening,collaborates_with,omsorg,\n",
    )
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([small, tmp_path / "extra"])
        assert agrees(ws) == 0
    builds: list = []
    fill = ladybugdb._fill
    monkeypatch.setattr(ladybugdb, "_fill", lambda conn, records: builds.append(1) or fill(conn, records))
    with Workspace.open(tmp_path / "ws") as ws:
        ws.load([table(tmp_path / "one", "ett,Förening ett,civil_society,\n", "ett,participates_in,tuti,\n")])
        assert agrees(ws) == 1
        table(  # renamed, a role changed, a relation gone, a new project
            extra,
            "ny-forening,Nya föreningen,civil_society,\nny-person,Nils Ny,person,\nny-projekt,Nytt,project,\n",
            "ny-person,holds_role_in,ny-forening,kassör\nny-forening,participates_in,ny-projekt,\n",
        )
        ws.load([extra])
        assert agrees(ws) == 2
        relations = (small / "relations.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        (small / "relations.csv").write_text(  # one relation fewer, a role changed
            "".join(relations[:-1]).replace("förvaltningschef,", "socialchef,", 1), encoding="utf-8"
        )
        ws.load([small])
        assert agrees(ws) == 3
        ws.unload("extra")
        assert agrees(ws) == 4
        assert builds == []  # the Cypher view followed in place, never rebuilt
        assert [s["name"] for s in ws.sources()] == ["one", "small"]
    monkeypatch.setattr(views, "MAX_PATCHES", 5)
    with Workspace.open(tmp_path / "ws") as ws:  # the fifth patch: the records written whole again
        ws.load([table(tmp_path / "two", "tva,Förening två,civil_society,\n")])
        assert agrees(ws) == 0 and builds == []


def test_a_change_that_may_fold_entities_takes_every_record_through_the_decisions(tmp_path):
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([SMALL])
        # the same kind and name as RISE: surely one, so folded into it
        ws.load([table(tmp_path / "rise", "rise-2,Rise,research,\n", "rise-2,participates_in,tuti,\n")])
        assert "rise-2" not in {e.id for e in ws.records().entities}
        assert agrees(ws) == 0  # written whole, not patched


def facts(kept: Path, **changed) -> dict:
    """The marker's facts but the generation, with ``changed``."""
    return {k: v for k, v in views.read_marker(kept).items() if k != "generation"} | changed


@pytest.mark.parametrize(
    "damage",
    [
        lambda kept: (kept / views.RECORDS).write_bytes(b"not a pickle"),
        lambda kept: (kept / views.PATCHES).write_bytes((kept / views.PATCHES).read_bytes()[:40]),
        lambda kept: views.write_marker(kept, views.read_marker(kept)["generation"], **facts(kept, format=1)),
        lambda kept: views.write_marker(kept, "another-generation", **facts(kept)),
    ],
    ids=["records", "patches", "format", "generation"],
)
def test_kept_records_damaged_or_stale_are_detected_and_rebuilt(tmp_path, damage):
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([SMALL])
        ws.load([table(tmp_path / "one", "ett,Förening ett,civil_society,\n")])
        assert views.read_marker(ws.path / "records")["patches"] == 1
        expected = ordered(rebuilt(ws))
    damage(tmp_path / "ws" / "records")
    with Workspace.open(tmp_path / "ws") as ws:
        assert ordered(ws.records()) == expected
        assert ws.stats()["entities"] == len(expected.entities)
    with Workspace.open(tmp_path / "ws") as ws:  # kept again, whole, and read as such
        assert views.read_marker(ws.path / "records")["patches"] == 0
        assert ordered(ws.records()) == expected


def test_a_reload_that_states_the_same_facts_changes_nothing(tmp_path, monkeypatch):
    """The reload compares the lines of the file's quads with those its graph holds, as text:
    rows in another order, with names that need escaping, add and remove nothing."""
    rows = [
        'a,"Föreningen ""Vi i Rosengård""",civil_society,\n',
        "b,Back\\slash & Co AB,company,\n",
        "c,Åre kommun ✓,municipality,\n",
    ]
    links = "a,collaborates_with,b,\nb,participates_in,c,samordnare\n"
    folder = table(tmp_path / "t", "".join(rows), links)
    replaced: list = []
    replace = SourceStore._replace
    monkeypatch.setattr(SourceStore, "_replace", lambda ws, plan: replaced.append(plan) or replace(ws, plan))
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([table(tmp_path / "other", "d,Annan förening,civil_society,\n")])
        ws.load([folder])
        before = {str(q) for q in ws.source_quads()}
        table(folder, "".join(reversed(rows)), links)
        [row] = ws.load([folder])
        assert row["status"] == "reloaded" and row["triples"] == len(before) - 5  # the other's five
        assert [(p["added"], p["removed"]) for p in replaced] == [([], [])]
        assert {str(q) for q in ws.source_quads()} == before
        table(folder, "".join(rows), links.replace("samordnare", "ordförande"))
        ws.load([folder])
        removed, added = replaced[1]["removed"], replaced[1]["added"]  # one statement node for another
        assert len(removed) == len(added) == 5 and {q.subject for q in removed} != {q.subject for q in added}
        roles = [str(q.object) for q in removed + added if q.predicate.value.endswith("#role")]
        assert roles == ['"samordnare"', '"ordförande"']
        agrees(ws)


def test_an_rdf_reload_with_the_same_literals_in_another_order_changes_nothing(tmp_path, monkeypatch):
    """Typed, language-tagged and escaped literals: the lines the file gives and the lines the
    store gives back are the same text. But a number not written canonically ("01", "2.50"):
    the store keeps "1" and "2.5", so each reload swaps it for itself (as comparing quads did)."""
    f, ex, xsd = (
        "<https://w3id.org/samverkan/id/f>",
        "http://example.org/",
        "http://www.w3.org/2001/XMLSchema#",
    )
    triples = [
        f"{f} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .",
        f'{f} <http://www.w3.org/2004/02/skos/core#prefLabel> "Förening" .',
        f'{f} <{ex}label> "Förening"@SV-se .',
        f'{f} <{ex}n> "01"^^<{xsd}integer> .',
        f'{f} <{ex}d> "2.50"^^<{xsd}decimal> .',
        f'{f} <{ex}t> "2024-01-02T03:04:05Z"^^<{xsd}dateTime> .',
        f'{f} <{ex}b> "true"^^<{xsd}boolean> .',
        f'{f} <{ex}s> "x"^^<{xsd}string> .',
        f'{f} <{ex}e> "\\"citat\\"\\tflik\\nrad \\\\ ✓" .',
    ]
    path = tmp_path / "f.nt"
    path.write_text("\n".join(triples) + "\n", encoding="utf-8")
    replaced: list = []
    replace = SourceStore._replace
    monkeypatch.setattr(SourceStore, "_replace", lambda ws, plan: replaced.append(plan) or replace(ws, plan))
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([path])
        before = {str(q) for q in ws.source_quads()}
        path.write_text("\n".join(reversed(triples)) + "\n", encoding="utf-8")
        assert ws.load([path])[0]["status"] == "reloaded"
        [plan] = replaced
        assert sorted(str(q.object) for q in plan["added"] + plan["removed"]) == [
            f'"01"^^<{xsd}integer>',
            f'"1"^^<{xsd}integer>',
            f'"2.5"^^<{xsd}decimal>',
            f'"2.50"^^<{xsd}decimal>',
        ]
        assert {str(q) for q in ws.source_quads()} == before and len(before) == len(triples)


# A relation with every field set, pickled by the code before records were pickled by their
# fields: kept records written then must still read.
EARLIER = (
    b"\x80\x05\x95\x91\x01\x00\x00\x00\x00\x00\x00\x8c\x11samverkan.records\x94\x8c\x08Relation\x94"
    b"\x93\x94)\x81\x94}\x94(\x8c\x06source\x94\x8c\x01a\x94\x8c\x08relation\x94\x8c\x11collaborates_with"
    b"\x94\x8c\x06target\x94\x8c\x01b\x94\x8c\x04role\x94\x8c\x07partner\x94\x8c\x05start\x94\x8c\x08"
    b"datetime\x94\x8c\x04date\x94\x93\x94C\x04\x07\xe4\x01\x02\x94\x85\x94R\x94\x8c\x03end\x94N\x8c\n"
    b"attributes\x94}\x94\x8c\tfrequency\x94\x8c\x013\x94s\x8c\x08evidence\x94]\x94h\x00\x8c\x08Evidence"
    b"\x94\x93\x94)\x81\x94}\x94(h\x05\x8c\x07doc.txt\x94\x8c\x05quote\x94\x8c\x12A och B samarbetar\x94"
    b"\x8c\x04span\x94K\x00K\x12\x86\x94uba\x8c\x07sources\x94]\x94\x8c\x02s1\x94a\x8c\nconfidence\x94G?"
    b"\xe0\x00\x00\x00\x00\x00\x00\x8c\x06origin\x94h\x00\x8c\x06Origin\x94\x93\x94)\x81\x94}\x94(\x8c"
    b"\x04file\x94\x8c\x05f.csv\x94\x8c\x05sheet\x94N\x8c\x03row\x94K\x03\x8c\x06column\x94\x8c\x02to"
    b"\x94ubub."
)


def test_records_pickle_as_their_fields_and_earlier_kept_records_still_read():
    import pickle
    from datetime import date

    from samverkan.records import Evidence, Origin, Relation

    relation = Relation(
        "a",
        "collaborates_with",
        "b",
        role="partner",
        start=date(2020, 1, 2),
        attributes={"frequency": "3"},
        evidence=[Evidence("doc.txt", "A och B samarbetar", (0, 18))],
        sources=["s1"],
        confidence=0.5,
        origin=Origin("f.csv", None, 3, "to"),
    )
    now = pickle.dumps(relation, protocol=5)
    assert b"__dict__" not in now and b"source" not in now  # field values, not names
    for data in (now, EARLIER):
        back = pickle.loads(data)
        assert back == relation and back.origin == relation.origin  # origin is not compared by ==
    assert len(now) < len(EARLIER) * 0.7
