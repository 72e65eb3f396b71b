"""The Cypher view never disagrees with the RDF store: any character round-trips, a build that is
killed or fails is detected, and the view is rebuilt before it answers."""

import csv
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from samverkan import Workspace
from samverkan.cli import main
from samverkan.graph import ladybugdb

HERE = Path(__file__).parent
SMALL = HERE / "data" / "small"
HOSTILE = [
    "Rad ett\nRad två",
    'Citat "med" citattecken',
    "back\\slash",
    "komma, och mer",
    "[hakparentes]",
    "{klammer}",
    "it's",
    " mellanslag först",
    "sist ",
    "<img src=x onerror=alert(1)>",
    "tab\tinne",
]
ENTITIES = (
    "SELECT (COUNT(DISTINCT ?e) AS ?n) "
    "WHERE { ?e dct:identifier ?id ; a ?c . ?c skos:inScheme sv:ActorTypes }"
)


def write_entities(folder: Path, rows: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "entities.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["id", "name", "type", "aliases"])
        writer.writeheader()
        writer.writerows(rows)
    return folder


def counts(ws) -> tuple[int, int]:
    """Entities in the store (SPARQL) and nodes in the view (Cypher)."""
    [[n]] = ws.cypher("MATCH (n) RETURN count(n)")[1]
    return int(next(iter(ws.sparql(ENTITIES)))["n"].value), n


def test_hostile_names_and_many_aliases_round_trip(tmp_path):
    rows = [
        {"id": f"x{i}", "name": name, "type": "company", "aliases": f'{name} AB;[Gbg, {i}];"{i}\\'}
        for i, name in enumerate(HOSTILE)
    ]
    rows += [
        {
            "id": f"y{i}",
            "name": f"Förening {i}",
            "type": "civil_society",
            "aliases": f'[Gbg {i};Gbg, {i}];x{i}"y;z\\{i}',
        }
        for i in range(700)
    ]
    data = write_entities(tmp_path / "hostile", rows)
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([data])
        assert ws.view_error is None
        found = {r[0]: (r[1], r[2]) for r in ws.cypher("MATCH (n) RETURN n.id, n.name, n.aliases")[1]}
        expected = {e.id: (e.name, list(e.aliases)) for e in ws.records().entities}
        assert found == expected and len(found) == 711
        assert found["x0"][0] == "Rad ett\nRad två"
        assert sorted(found["x0"][1]) == sorted(["Rad ett\nRad två AB", "[Gbg, 0]", '"0\\'])
        assert sorted(found["y650"][1]) == sorted(["[Gbg 650", "Gbg, 650]", 'x650"y', "z\\650"])


def test_cypher_and_sparql_count_the_same_entities_after_every_change(tmp_path):
    a = write_entities(tmp_path / "a", [{"id": "a1", "name": "Ett\nTvå", "type": "company", "aliases": ""}])
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        for change in (lambda: ws.load([SMALL]), lambda: ws.load([a]), lambda: ws.unload("small")):
            change()
            assert ws.view_is_current()
            sparql, cypher = counts(ws)
            assert sparql == cypher == len(ws.records().entities)
        assert counts(ws) == (1, 1)


KILLED_BUILD = """
import os, signal, sys
from samverkan import Workspace
from samverkan.graph import ladybugdb
fill = ladybugdb._fill
def fill_then_die(conn, records):
    fill(conn, records)
    os.kill(os.getpid(), signal.SIGKILL)  # after the RDF commit, in the middle of the view's build
ladybugdb._fill = fill_then_die
with Workspace.open(sys.argv[1]) as ws:
    ws.load([sys.argv[2]])
"""


def test_a_build_killed_midway_is_detected_and_rebuilt(tmp_path):
    rows = [
        {"id": f"e{i}", "name": f"E {i}", "type": "company", "aliases": ""} for i in range(2100)
    ]  # a rebuild, not a patch
    data = write_entities(tmp_path / "data", rows)
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([SMALL])
        before = ws.generation()
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(tmp_path / "ws"), str(data)])
    assert killed.returncode == -signal.SIGKILL
    assert [p.name for p in (tmp_path / "ws").glob("cypher.new-*")]  # the half-built folder is left
    assert ladybugdb.built_from(tmp_path / "ws" / "cypher") == before  # the old view, now stale
    runner = CliRunner()
    out = runner.invoke(main, ["-w", str(tmp_path / "ws"), "--lang", "en", "load", str(data)])
    assert out.exit_code == 0 and "unchanged data" in out.output
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.view_is_current() and ws.generation() != before
        assert counts(ws) == (len(ws.records().entities),) * 2
        assert not list((tmp_path / "ws").glob("cypher.*-*"))


def test_a_half_written_view_is_never_read(tmp_path):
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([SMALL])
        (ws.path / "cypher" / "view.json").unlink()  # as if the marker had never been written
        assert not ws.view_is_current()
        assert counts(ws)[0] == counts(ws)[1] > 0
        assert ws.view_is_current()


def test_a_failed_build_keeps_the_load_and_says_how_to_rebuild(tmp_path, monkeypatch):
    data = write_entities(tmp_path / "data", [{"id": "a1", "name": "A", "type": "company", "aliases": ""}])
    runner, w = CliRunner(), ["-w", str(tmp_path / "ws"), "--lang", "en"]

    def broken(conn, records):
        raise RuntimeError("Copy exception: disk full")

    monkeypatch.setattr(ladybugdb, "_fill", broken)
    out = runner.invoke(main, [*w, "load", str(data)])
    assert out.exit_code == 1 and "loaded data: 1 entity," in out.output
    assert "disk full" in out.output and "samverkan rebuild" in out.output
    assert "Traceback" not in out.output
    again = runner.invoke(main, [*w, "load", str(data)])  # unchanged, but the view is still not built
    assert again.exit_code == 1 and "samverkan rebuild" in again.output
    monkeypatch.undo()
    assert runner.invoke(main, [*w, "rebuild"]).exit_code == 0
    out = runner.invoke(main, [*w, "cypher", "MATCH (n) RETURN n.name AS name", "--format", "json"])
    assert out.exit_code == 0 and '"name": "A"' in out.output
