"""Queries are bounded and read-only unless asked: time limits and Ctrl-C, no SERVICE, no Cypher
writes or file access, the metadata and decisions kept from updates, and remote servers that fail
fast without showing a secret."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from samverkan import Workspace
from samverkan.cli import main
from samverkan.graph import ladybugdb

ROOT = Path(__file__).parents[1]
SMALL = ROOT / "tests" / "data" / "small"
RUNAWAY_SPARQL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
RUNAWAY_CYPHER = (
    "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b WHERE a + b = -1 RETURN count(*)"
)
META = "https://w3id.org/samverkan/graph/meta"
DECISIONS = "https://w3id.org/samverkan/graph/decisions"


@pytest.fixture(scope="module")
def wpath(tmp_path_factory):
    path = tmp_path_factory.mktemp("bounds") / "ws"
    with Workspace.open(path, create=True) as ws:
        ws.load([SMALL])
    return path


def cli(wpath, *args):
    return CliRunner().invoke(main, ["-w", str(wpath), "--lang", "en", *args])


def lock_is_free(wpath) -> bool:
    with Workspace.open(wpath) as ws:
        return ws.sources()[0]["name"] == "small"


@pytest.mark.parametrize("command, text", [("sparql", RUNAWAY_SPARQL), ("cypher", RUNAWAY_CYPHER)])
def test_a_runaway_query_stops_at_its_time_limit(wpath, command, text):
    start = time.monotonic()
    out = cli(wpath, command, "--timeout", "1", text)
    assert time.monotonic() - start < 8
    assert out.exit_code == 3
    assert "the query ran for 1 s, its time limit, and was stopped" in out.output
    assert lock_is_free(wpath)


@pytest.mark.parametrize("command, text", [("sparql", RUNAWAY_SPARQL), ("cypher", RUNAWAY_CYPHER)])
def test_ctrl_c_stops_a_query_at_once_and_frees_the_workspace(wpath, command, text):
    run = [sys.executable, "-c", "from samverkan.cli import main; main()", "-w", str(wpath), command, text]
    process = subprocess.Popen(run, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while (wpath / "lock").read_text() != str(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)  # holding the workspace, deep in the query
    assert process.poll() is None
    start = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=10)
    assert time.monotonic() - start < 6 and process.returncode != 0
    assert b"Traceback" not in err
    assert lock_is_free(wpath)


def test_service_is_refused_unless_allowed(wpath):
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    out = cli(wpath, "sparql", text)
    assert out.exit_code == 1 and "give --allow-service" in out.output
    out = cli(wpath, "sparql", "--allow-service", "--timeout", "10", text)
    assert out.exit_code == 1 and out.output.startswith("error: SPARQL:") and "Traceback" not in out.output
    out = cli(wpath, "sparql", "SELECT ?service WHERE { ?service <http://ex/SERVICE> 'SERVICE' } # SERVICE")
    assert out.exit_code == 0  # a variable, an IRI, a string and a comment are not the keyword


REFUSED = [
    ("CREATE (n:Organisation {id: 'x'})", "CREATE"),
    ("MERGE (n:Organisation {id: 'x'})", "MERGE"),
    ("MATCH (n) DELETE n", "DELETE"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("MATCH (n) SET n.name = 'x'", "SET"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("DROP TABLE Organisation", "DROP"),
    ("ALTER TABLE Organisation ADD x STRING", "ALTER"),
    ("COPY (MATCH (n) RETURN n.name) TO '{out}'", "COPY"),
    ("LOAD FROM '{secret}' RETURN *", "LOAD"),
    ("INSTALL httpfs", "INSTALL"),
    ("ATTACH '{out}' AS other (dbtype lbug)", "ATTACH"),
    ("EXPORT DATABASE '{out}'", "EXPORT"),
    ("IMPORT DATABASE '{out}'", "IMPORT"),
    ("CALL timeout = 0", "CALL ... ="),
    ("match (n) /* a comment */ detach delete n", "DETACH"),
]


@pytest.mark.parametrize("text, word", REFUSED)
def test_cypher_writes_and_file_access_are_refused(wpath, tmp_path, text, word):
    (tmp_path / "secret.csv").write_text("a\n1\n")
    text = text.replace("{out}", str(tmp_path / "out")).replace("{secret}", str(tmp_path / "secret.csv"))
    out = cli(wpath, "cypher", text)
    assert out.exit_code == 1
    assert f"Cypher on the workspace is read-only: {word} is refused" in out.output
    assert not (tmp_path / "out").exists()


def test_cypher_reads_what_only_looks_like_a_write(wpath):
    text = "MATCH (n:Organisation {id: 'trollhattan'}) RETURN n.name AS `set`, 'CREATE' AS `delete` // SET"
    out = cli(wpath, "cypher", "--format", "csv", text)
    assert out.exit_code == 0 and out.output.splitlines()[1] == "Trollhättans Stad,CREATE"
    assert "one statement at a time" in cli(wpath, "cypher", "RETURN 1; RETURN 2").output


def test_the_view_is_opened_read_only(wpath):
    with pytest.raises(RuntimeError, match="read-only"):
        ladybugdb.query(wpath / "cypher", "CREATE (n:Organisation {id: 'x'})")


def test_updates_to_the_metadata_or_decisions_are_refused_and_change_nothing(tmp_path):
    w = tmp_path / "ws"
    with Workspace.open(w, create=True) as ws:
        ws.load([SMALL])
        ws.decide("trollhattan", "omsorg", same=False)
        sources, stats, decisions, generation = ws.sources(), ws.stats(), ws.decisions(), ws.generation()
    for graph in (META, DECISIONS):
        for update in (
            f"DELETE WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
            f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:a> <urn:b> <urn:c> }} }}",
        ):
            out = cli(w, "sparql", "--update", update)
            assert out.exit_code == 1 and "changes the workspace's own records" in out.output
    out = cli(w, "sparql", "--update", "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert out.exit_code == 1 and "nothing changed" in out.output
    with Workspace.open(w) as ws:
        assert ws.sources() == sources and ws.stats() == stats and ws.decisions() == decisions
        assert ws.generation() == generation and ws.view_is_current()  # the view stays valid
    out = cli(
        w,
        "sparql",
        "--update",
        "--timeout",
        "1",
        "INSERT { GRAPH <urn:g> { ?a <urn:p> ?g } } WHERE { GRAPH ?x { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } }",
    )
    assert out.exit_code == 3
    insert = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'c' } }"
    assert cli(w, "sparql", "--update", insert).exit_code == 0
    assert cli(w, "sparql", "--format", "csv", "SELECT ?o WHERE { <urn:a> ?p ?o }").output == "o\nc\n"
    assert cli(w, "unload", "small").exit_code == 0 and cli(w, "load", str(SMALL)).exit_code == 0
    assert sorted(p.name for p in w.iterdir()) == ["cypher", "lock", "records", "samverkan.json", "store"]


def test_a_closed_port_fails_fast_and_no_secret_is_shown(wpath):
    bolt, http = "bolt://neo4j:s3cret@127.0.0.1:1", "http://u:s3cret@127.0.0.1:1/sparql"
    for args in (
        ["cypher", "--uri", bolt, "RETURN 1"],
        ["query", "actors_by_sector_type", "--engine", "cypher", "--uri", bolt],
        ["sparql", "--endpoint", http, "SELECT * WHERE { ?s ?p ?o }"],
    ):
        start = time.monotonic()
        out = cli(wpath, *args)
        assert time.monotonic() - start < 10
        assert out.exit_code == 1 and "127.0.0.1:1" in out.output and "refused" in out.output
        assert "s3cret" not in out.output and "neo4j:" not in out.output and "Traceback" not in out.output


def test_credentials_in_a_bolt_address_are_sent_and_never_shown(wpath, bolt_uri):
    address = bolt_uri.replace("bolt://", "bolt://someone:s3cret@")
    out = cli(wpath, "cypher", "--uri", bolt_uri, "--format", "csv", "RETURN 1 AS one")
    assert out.exit_code == 0 and out.output == "one\n1\n"
    out = cli(wpath, "cypher", "--uri", address, "RETURN 1 AS one")  # FalkorDB refuses any login
    assert out.exit_code == 1 and f"Neo4j at {bolt_uri}:" in out.output
    assert "s3cret" not in out.output and "someone" not in out.output


def test_an_update_cut_short_while_the_store_was_swapped_is_undone(tmp_path):
    w = tmp_path / "ws"
    with Workspace.open(w, create=True) as ws:
        ws.load([SMALL])
        sources = ws.sources()
    (w / "store").rename(w / "store.old")  # what a kill between the two renames leaves
    (w / "store.update").mkdir()  # and a copy that was never swapped in
    with Workspace.open(w) as ws:
        assert ws.sources() == sources
    assert sorted(p.name for p in w.iterdir()) == ["cypher", "lock", "records", "samverkan.json", "store"]
