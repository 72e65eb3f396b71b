"""National scale: light startup, derived state kept with the store's generation, progress."""

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from samverkan import Workspace
from samverkan.cli import GAP_KINDS, main
from samverkan.graph import ladybugdb, views
from samverkan.graph.mapping import from_quads
from samverkan.records import Records


def test_light_commands_import_no_analysis_or_drawing_library():
    code = (
        "import sys, samverkan.cli; print(sorted(m for m in ('igraph', 'spacy', 'matplotlib', "
        "'pyvis', 'networkx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_choices_read_without_import_are_the_analyses_own():
    from samverkan.network.boundaries import PARTITIONS
    from samverkan.network.gaps import KINDS

    assert GAP_KINDS == KINDS
    help_text = CliRunner().invoke(main, ["boundaries", "--help"]).output
    assert all(p in help_text for p in PARTITIONS)


SMALL = Path(__file__).parent / "data" / "small"
ROOT = str(Path(__file__).parents[1])
CLI = [sys.executable, "-c", "from samverkan.cli import main; main()"]


def fresh(path) -> Records:
    """The records rebuilt from the store, as if nothing were kept."""
    from samverkan.identity import apply_decisions, sure_pairs

    with Workspace.open(path) as ws:
        records, decisions = from_quads(ws.source_quads()), ws.decisions()
        return apply_decisions(records, decisions["same"] + sure_pairs(records, decisions))


def test_kept_records_are_used_when_current_and_never_when_stale(tmp_path):
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([SMALL])
        stats = ws.stats()
        generation = ws.generation()
    assert views.built_from(tmp_path / "ws" / "records", views.RECORDS) == generation
    kept = views.load_records(tmp_path / "ws" / "records")[0]
    assert kept == fresh(tmp_path / "ws") and len(kept.entities) == stats["entities"]
    # a kept copy marked with the current generation is what records() returns ...
    views.save_records(tmp_path / "ws" / "records", Records(), generation, 0)
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.records() == Records() and ws.stats()["entities"] == 0
    # ... and one of another generation is never read: the records come from the store again
    views.save_records(tmp_path / "ws" / "records", Records(), "an-older-generation", 0)
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.records() == kept and ws.stats() == stats


def test_stats_of_the_whole_workspace_come_from_the_marker_and_agree_with_a_count(tmp_path):
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([SMALL])
        stats = ws.stats()
    records = fresh(tmp_path / "ws")
    assert stats["entities"] == len(records.entities) and stats["relations"] == len(records.relations)
    assert stats["entities_by_type"] == dict(sorted(Counter(e.type for e in records.entities).items()))
    with Workspace.open(tmp_path / "ws") as ws:
        triples = {q.triple for q in ws.source_quads()}
        assert stats["triples"] == len(triples) and ws.stats() == stats
        assert ws._records is None  # answered from the marker, the records not read


def in_terminal(args: list[str], piped_out: bool = False) -> tuple[str, str]:
    """What ``samverkan ARGS`` writes to a terminal (a pseudo-terminal for stderr, and for stdout
    unless ``piped_out``), and what it writes to stdout when that is piped."""
    import pty

    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(
        [*CLI, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if piped_out else child_fd,
        stderr=child_fd,
        env={**os.environ, "COLUMNS": "100", "PYTHONPATH": ROOT},
    )
    os.close(child_fd)
    out = b""
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    piped = process.stdout.read() if process.stdout else b""
    assert process.wait() == 0
    return out.decode("utf-8", "replace"), piped.decode("utf-8")


def test_progress_shows_on_a_terminal_and_is_silent_when_piped_or_quiet(tmp_path):
    w = ["-w", str(tmp_path / "ws"), "--lang", "en"]
    shown = in_terminal([*w, "load", str(SMALL)])[0]
    assert "reading small" in shown and "building the Cypher view" in shown
    shown, table = in_terminal([*w, "boundaries", "--by", "sector"], piped_out=True)
    assert "building the network of ties" in shown and "counting the ties within and across" in shown
    assert "E-I index" in table and "E-I index" not in shown  # the table is the command's output
    assert "laying out the map" in in_terminal([*w, "map", "--out", str(tmp_path / "m.html")])[0]
    piped = subprocess.run(
        [*CLI, *w, "rebuild"], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ROOT}
    )
    assert piped.returncode == 0 and piped.stderr == ""
    (tmp_path / "ws" / "cypher" / "view.json").unlink()
    quiet = in_terminal([*w, "--quiet", "query", "cross_sector_ties", "--engine", "cypher"])[0]
    assert "building the Cypher view" not in quiet and "cross_sector_ties" not in quiet


def dump(ws) -> tuple[list, list]:
    """Every node and relationship of the Cypher view with its properties, sorted."""
    nodes = ws.cypher("MATCH (n) RETURN label(n), n.id, n.name, n.aliases, n.type, n.sector, n.sources")[1]
    rels = ws.cypher("MATCH (a)-[r]->(b) RETURN label(r), a.id, b.id, r.key, r.role, r.quote, r.sources")[1]
    return sorted(map(str, nodes)), sorted(map(str, rels))


def test_adding_an_entity_patches_the_kept_records_as_a_full_rebuild_would(tmp_path, monkeypatch):
    import samverkan.graph.mapping as mapping_module

    one = tmp_path / "one"
    one.mkdir()
    (one / "entities.csv").write_text(  # two new, one restated, one surely the same as one loaded
        "id,name,type,part_of\nny-enhet,Ny enhet,department,trollhattan\nny-forening,Ny förening,civil_society,\n"
        "service,Serviceförvaltningen i Trollhättan,department,trollhattan\n"
        "trollhattans-kommun,Trollhättans kommun,municipality,\n",
        encoding="utf-8",
    )
    (one / "relations.csv").write_text(
        "from,relation,to,role\nny-forening,collaborates_with,omsorg,\n"
        "trollhattan,collaborates_with,ny-forening,\n",
        encoding="utf-8",
    )
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([SMALL])
        before = ws.stats()
    calls = []
    real = mapping_module.from_quads
    monkeypatch.setattr(mapping_module, "from_quads", lambda quads: calls.append(1) or real(quads))
    fill, builds = ladybugdb._fill, []
    monkeypatch.setattr(ladybugdb, "_fill", lambda conn, records: builds.append(1) or fill(conn, records))
    with Workspace.open(tmp_path / "ws") as ws:
        ws.load([one])
        assert len(calls) == 2  # the quads around the new facts, before and after: not the whole store
        service = next(e for e in ws.records().entities if e.id == "service")
        assert {service.name, *service.aliases} == {
            "Serviceförvaltningen",
            "Serviceförvaltningen i Trollhättan",
        }
        patched_records, stats = ws.records(), ws.stats()
        assert ws.view_is_current() and builds == []  # the view updated in place, not rebuilt
        view = dump(ws)
        [[nodes]] = ws.cypher("MATCH (n) RETURN count(n)")[1]
        [[ties]] = ws.cypher("MATCH (:Organisation {id: 'ny-forening'})-[r]-() RETURN count(r)")[1]
        ws.rebuild_view()
        assert dump(ws) == view
    monkeypatch.undo()
    full = fresh(tmp_path / "ws")
    assert patched_records == full and stats["entities"] == before["entities"] + 2 == nodes
    assert ties == 2 and {k: v for k, v in stats.items() if k not in ("sources", "triples")} == views.counts(
        full
    )
    with Workspace.open(tmp_path / "ws") as ws:
        assert stats["sources"] == 2 and stats["triples"] == len({q.triple for q in ws.source_quads()})
    shutil.rmtree(tmp_path / "ws" / "records")  # counted again from the store: the same
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.stats() == stats


def test_a_long_table_is_printed_whole_in_aligned_columns(tmp_path):
    rows = "".join(f"org-{i},Förening nummer {i},civil_society\n" for i in range(600))
    data = tmp_path / "many"
    data.mkdir()
    (data / "entities.csv").write_text("id,name,type\n" + rows, encoding="utf-8")
    w = ["-w", str(tmp_path / "ws"), "--lang", "en"]
    assert CliRunner().invoke(main, [*w, "load", str(data)]).exit_code == 0
    out = (
        CliRunner()
        .invoke(
            main,
            [
                *w,
                "sparql",
                "SELECT ?id ?name WHERE { ?e dct:identifier ?id ; skos:prefLabel ?name } ORDER BY ?id",
            ],
        )
        .output.splitlines()
    )
    assert len(out) == 2 + 600 and out[0].split() == ["id", "name"] and set(out[1]) == {"─", " "}
    assert out[2].split(None, 1) == ["org-0", "Förening nummer 0"]
    assert out[2].index("Förening") == out[-1].index("Förening")  # one column, aligned


KILLED_UPDATE = """
import os, signal, sys
from samverkan import Workspace
from samverkan.graph import ladybugdb
apply = ladybugdb._apply
def apply_then_die(*args):
    apply(*args)
    os.kill(os.getpid(), signal.SIGKILL)  # the view half updated in place
ladybugdb._apply = apply_then_die
with Workspace.open(sys.argv[1]) as ws:
    ws.load([sys.argv[2]])
"""


def test_an_update_of_the_view_killed_midway_is_never_read_and_is_rebuilt(tmp_path):
    one = tmp_path / "one"
    one.mkdir()
    (one / "entities.csv").write_text(
        "id,name,type\nny-forening,Ny förening,civil_society\n", encoding="utf-8"
    )
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([SMALL])
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_UPDATE, str(tmp_path / "ws"), str(one)],
        env={**os.environ, "PYTHONPATH": ROOT},
    )
    assert killed.returncode == -9
    assert ladybugdb.built_from(tmp_path / "ws" / "cypher") is None  # the marker went first
    with Workspace.open(tmp_path / "ws") as ws:
        assert not ws.view_is_current()
        [[n]] = ws.cypher("MATCH (n) RETURN count(n)")[1]
        assert ws.view_is_current() and n == len(ws.records().entities)
        assert "ny-forening" in {e.id for e in ws.records().entities}
