"""What a first-time user met: special output files, empty sources, stray children, wording,
encodings, failed loads into new workspaces — each checked on real files through the CLI."""

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from samverkan.cli import main

SMALL = Path(__file__).parent / "data" / "small"


def run(ws: Path, *args: str):
    return CliRunner().invoke(main, ["-w", str(ws), *args])


@pytest.fixture
def loaded(tmp_path):
    """A workspace holding the small template folder."""
    ws = tmp_path / "ws"
    assert run(ws, "load", str(SMALL)).exit_code == 0
    return ws


def test_export_into_a_fifo_writes_through_it_and_keeps_it_a_fifo(loaded, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(loaded, "export", "--format", "ttl", "--out", str(fifo))
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert len(rdflib.Graph().parse(data=got[0].decode(), format="turtle")) > 0


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod of a device needs root")
def test_export_onto_a_device_node_keeps_the_device(loaded, tmp_path):
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = run(loaded, "export", "--format", "ttl", "--out", str(device))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null", "ws"]


def test_export_onto_a_folder_is_refused_clearly(loaded, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    result = run(loaded, "--lang", "en", "export", "--format", "ttl", "--out", str(folder))
    assert result.exit_code == 1
    assert "Is a directory" in result.output and "Traceback" not in result.output
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("text", ["", "@prefix ex: <http://example.org/> .\n"])
def test_an_rdf_file_without_triples_is_refused_like_an_empty_csv(tmp_path, text):
    empty = tmp_path / "empty.ttl"
    empty.write_text(text)
    ws = tmp_path / "ws"
    assert run(ws, "init").exit_code == 0
    result = run(ws, "--lang", "en", "load", str(empty))
    assert result.exit_code == 1
    assert f"{empty}: the file holds no triples" in result.output
    assert "empty.ttl" not in run(ws, "sources", "--format", "csv").output


def test_unload_of_a_source_whose_graph_is_gone_removes_its_listing(tmp_path):
    from samverkan import Workspace
    from samverkan.graph import mapping

    ws = tmp_path / "ws"
    assert run(ws, "load", str(SMALL)).exit_code == 0
    with Workspace.open(ws) as workspace:
        workspace.store.update(f"DROP GRAPH {mapping.source_iri('small')}")
    result = run(ws, "unload", "small")
    assert result.exit_code == 0, result.output
    assert "small" not in run(ws, "sources", "--format", "csv").output


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def workspace_of(tmp_path: Path, files: dict[str, str]) -> Path:
    """A new workspace with ``files`` loaded."""
    ws = tmp_path / "ws"
    assert run(ws, "load", str(write(tmp_path / "d", files))).exit_code == 0
    return ws


MIN = {
    "entities.csv": "id,name,type,part_of,start,end\nk,Kommun K,municipality,,,\n"
    "soc,Socialförvaltningen,department,k,,\nkult,Kulturförvaltningen,department,k,,\n"
    "rk,Röda Korset,civil_society,,,\nproj,Projekt P,project,,2024-01-01,2026-06-30\n",
    "relations.csv": "from,relation,to,source,quote\nsoc,leads,proj,a.txt,Soc leder P\n"
    "kult,participates_in,proj,a.txt,Kult deltar i P\nrk,participates_in,proj,a.txt,RK deltar i P\n",
}
SVAR = "respondent,partner,frequency,level,date\nsoc,kult,3,1,2025-03-01\nsoc,rk,3,1,2025-03-01\n"


def test_the_report_compares_survey_and_documents_on_its_own_day(tmp_path):
    ws = tmp_path / "ws"
    d = write(tmp_path / "d", MIN)
    write(tmp_path, {"svar.csv": SVAR})
    assert run(ws, "load", str(d), str(tmp_path / "svar.csv")).exit_code == 0
    out = tmp_path / "r.html"
    result = run(ws, "--lang", "en", "report", "--out", str(out), "--as-of", "2025-06-01")
    assert result.exit_code == 0, result.output
    assert "Survey svar" in out.read_text()
    assert "no document states it" not in out.read_text()


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?q }"


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def running(pid: int) -> bool:
    """True while ``pid`` exists and is no zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def wait_until(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_a_killed_query_command_takes_its_query_process_with_it(loaded, sig):
    root = str(Path(__file__).parents[1])
    cli = subprocess.Popen(
        [sys.executable, "-c", "from samverkan.cli import main; main()", "-w", str(loaded)]
        + ["sparql", "--timeout", "300", SLOW],
        env={**os.environ, "PYTHONPATH": root},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    child = None
    try:
        assert wait_until(lambda: children(cli.pid), 60), "the query process never started"
        (child,) = children(cli.pid)
        time.sleep(1)  # past the child's start
        cli.send_signal(sig)
        cli.wait(10)
        assert wait_until(lambda: not running(child), 5), "the query process outlived its command"
    finally:
        cli.kill()
        cli.wait()
        if child and running(child):
            os.kill(child, signal.SIGKILL)


TRIO = {
    "entities.csv": "id,name,type\na,Förening A,civil_society\nb,Bolaget B,company\n"
    "c,Förening C,civil_society\nd,Röda Korsets Växjö,civil_society\n"
    "e,Röda korset Växjö,civil_society\n",
    "relations.csv": "from,relation,to,start,source,quote\n"
    "a,collaborates_with,b,2024-06-01,x.txt,A och B samarbetar\nb,collaborates_with,c,,x.txt,B och C\n",
}


@pytest.fixture
def trio(tmp_path):
    return workspace_of(tmp_path, TRIO)


def test_a_direct_tie_is_named_by_the_relations_swedish_label(trio, tmp_path):
    result = run(trio, "changes", "--from", "2024-01-01", "--to", "2025-01-01", "--format", "csv")
    row = "ties_new,a;b,nytt band,Förening A – Bolaget B,samverkar med,A och B samarbetar"
    assert row in result.output
    assert run(trio, "report", "--out", str(tmp_path / "r.html")).exit_code == 0
    report = (tmp_path / "r.html").read_text()
    assert "Bolaget B – Förening C: direkt samverkar med" in report
    assert "collaborates_with" not in report


def test_the_reason_of_a_duplicate_is_swedish(trio):
    result = run(trio, "duplicates", "--format", "csv")
    same = "samma namn när skiftläge, genitiv och allmänna ord räknas bort: 'Röda Korsets Växjö'"
    assert same in result.output


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_a_csv_from_swedish_excel_reads_in_windows_1252_as_well_as_utf_8(tmp_path, encoding):
    from samverkan import Workspace

    d = tmp_path / "d"
    d.mkdir()
    text = "id,name,type\nsoc,Förvaltning Nord,department\nk,Växjö kommun,municipality\n"
    (d / "entities.csv").write_bytes(text.encode(encoding))
    assert (b"F\xf6rvaltning" in (d / "entities.csv").read_bytes()) == (encoding == "cp1252")
    result = run(tmp_path / "ws", "load", str(d))
    assert result.exit_code == 0, result.output
    with Workspace.open(tmp_path / "ws") as ws:
        names = {e.id: e.name for e in ws.records().entities}
    assert names == {"soc": "Förvaltning Nord", "k": "Växjö kommun"}


def test_a_csv_in_neither_utf_8_nor_windows_1252_is_refused_by_name(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"id,name,type\nx,Bad \x81 name,company\n")  # 0x81: undefined in cp1252
    result = run(tmp_path / "ws", "--lang", "en", "load", str(bad))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert str(bad) in result.output and "utf-8" in result.output


BAD = "id,name,type\nx,Planeten X,planet\n"


@pytest.mark.parametrize("where", ["typo", "deep/er/typo"])
def test_a_refused_load_into_a_new_workspace_leaves_no_folder(tmp_path, where):
    bad = write(tmp_path / "bad", {"entities.csv": BAD})
    result = run(tmp_path / "w" / where, "load", str(bad))
    assert result.exit_code == 1 and "planet" in result.output
    assert not (tmp_path / "w").exists()


def test_a_refused_load_into_an_empty_folder_keeps_the_folder_as_it_was(tmp_path):
    bad = write(tmp_path / "bad", {"entities.csv": BAD})
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "notes.txt").write_text("mine")
    assert run(tmp_path / "ws", "load", str(bad)).exit_code == 1
    assert [p.name for p in (tmp_path / "ws").iterdir()] == ["notes.txt"]


def test_a_refused_load_into_an_existing_workspace_keeps_it(loaded, tmp_path):
    bad = write(tmp_path / "bad", {"entities.csv": BAD})
    assert run(loaded, "load", str(bad)).exit_code == 1
    assert "small" in run(loaded, "sources", "--format", "csv").output


def test_a_source_is_what_was_loaded_and_a_document_is_inside_it(trio, tmp_path):
    assert run(trio, "report", "--out", str(tmp_path / "r.html")).exit_code == 0
    report = (tmp_path / "r.html").read_text()
    assert "från 1 källa" in report
    assert "Bolaget B: 2 uppgifter i 1 dokument från 1 källa" in report
    assert "i 2 källor" not in report


@pytest.fixture
def minimal(tmp_path):
    """The departments, the association and their project, loaded."""
    return workspace_of(tmp_path, MIN)


def test_an_unknown_partner_is_said_once(minimal, tmp_path):
    svar = write(
        tmp_path, {"svar-x.csv": "respondent,partner,frequency,level,date\nsoc,nobody,1,1,2027-03-01\n"}
    )
    result = run(minimal, "--lang", "en", "load", str(svar / "svar-x.csv"))
    assert result.exit_code == 1
    assert result.output.count("'nobody' is not an id") == 1


def test_every_problem_of_a_survey_is_reported_at_once(minimal, tmp_path):
    text = (
        "respondent,partner,frequency,level,date\nsoc,rk,7,3,2027-03-01\n"
        "soc,nobody,1,1,2027-03-01\nsoc,rk,2,1,2027-03-01\n"
    )
    bad = write(tmp_path, {"svar-bad.csv": text}) / "svar-bad.csv"
    result = run(minimal, "--lang", "en", "load", str(bad))
    assert result.exit_code == 1
    assert f"{bad}, row 2, column 'frequency'" in result.output
    assert f"{bad}, row 3, column 'partner': 'nobody' is not an id" in result.output
    assert f"{bad}, row 4, column 'respondent'" in result.output
    assert "svar-bad" not in run(minimal, "sources", "--format", "csv").output


@pytest.mark.parametrize(
    "survey, name",
    [("", "svar-2025.csv"), ("", "svar-2025"), (",Våren 2025", "Våren 2025")],
)
def test_unload_takes_the_source_name_or_the_survey_name(minimal, tmp_path, survey, name):
    header = "respondent,partner,frequency,level,date" + (",survey" if survey else "")
    rows = "".join(f"{r}{survey}\n" for r in SVAR.splitlines()[1:])
    svar = write(tmp_path, {"svar-2025.csv": f"{header}\n{rows}"}) / "svar-2025.csv"
    assert run(minimal, "load", str(svar)).exit_code == 0
    result = run(minimal, "unload", name)
    assert result.exit_code == 0, result.output
    assert "svar-2025.csv" in result.output
    assert "svar" not in run(minimal, "sources", "--format", "csv").output


def test_a_table_at_80_columns_wraps_long_cells_instead_of_cutting_them(minimal, tmp_path):
    for year in ("2025", "2027"):
        svar = write(tmp_path, {f"svar-{year}.csv": SVAR.replace("2025", year)}) / f"svar-{year}.csv"
        assert run(minimal, "load", str(svar)).exit_code == 0
    shown = CliRunner().invoke(main, ["-w", str(minimal), "sources"], env={"COLUMNS": "80"}).output
    assert "…" not in shown and max(map(len, shown.splitlines())) <= 80
    assert "svar-2025.csv" in shown and "svar-2027.csv" in shown
    shown = CliRunner().invoke(main, ["-w", str(minimal), "brokers"], env={"COLUMNS": "80"}).output
    assert "…" not in shown and "Socialförvaltningen" in shown and "Kulturförvaltningen" in shown


def test_load_and_stats_count_the_same_relations(tmp_path):
    ws = tmp_path / "ws"
    loaded = run(ws, "--lang", "en", "load", str(SMALL)).output
    stats = run(ws, "stats", "--format", "json").output
    assert '"relations": 12' in stats  # 9 relation rows and 3 part_of columns, counted by hand
    assert "11 entities, 12 relations" in loaded
    assert ",12," in run(ws, "sources", "--format", "csv").output.splitlines()[1]


@pytest.mark.parametrize("engine", ["sparql", "cypher"])
def test_a_query_about_an_id_no_entity_has_says_so(loaded, engine):
    result = run(loaded, "--lang", "en", "query", "ego_network", "--param", "id=nosuch", "--engine", engine)
    assert result.exit_code == 1
    assert "no entity has the id 'nosuch'" in result.output


def test_a_depth_beyond_the_query_is_refused_not_capped(loaded):
    args = ["query", "ego_network", "--param", "id=trollhattan", "--param"]
    result = run(loaded, "--lang", "en", *args, "depth=9")
    assert result.exit_code == 1
    assert "parameter 'depth' goes from 1 to 3, got 9" in result.output
    assert run(loaded, *args, "depth=3").exit_code == 0
    assert "depth:int(1-3)=1" in run(loaded, "queries", "--format", "csv").output


def test_a_relation_from_an_entity_to_itself_is_refused_with_its_place(tmp_path):
    d = write(
        tmp_path / "d",
        {
            "entities.csv": "id,name,type\nx,Förening X,civil_society\ny,Ypsilon AB,company\n",
            "relations.csv": "from,relation,to\nx,collaborates_with,y\ny,collaborates_with,y\n",
        },
    )
    result = run(tmp_path / "ws", "--lang", "en", "load", str(d))
    assert result.exit_code == 1
    assert f"{d / 'relations.csv'}, row 3, column 'to': a relation from 'y' to itself" in result.output


def test_python_m_samverkan_is_the_command_line(tmp_path):
    root = str(Path(__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": root, "SAMVERKAN_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "samverkan", "-w", str(tmp_path / "ws"), "load", str(SMALL)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "loaded small: 11 entities, 12 relations" in done.stdout
    usage = subprocess.run(
        [sys.executable, "-m", "samverkan", "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert usage.stdout.startswith("Usage: samverkan")


def test_the_command_ends_with_its_whole_answer_and_its_exit_code(loaded, tmp_path):
    """The ``samverkan`` process ends without taking apart what it built (``cli.run``): its answer
    is still written whole, its exit code kept, and a reader that stops early is no error."""
    command = [sys.executable, "-m", "samverkan", "-w", str(loaded)]
    answer = subprocess.run([*command, "gaps", "--format", "json"], capture_output=True, text=True)
    assert answer.returncode == 0 and answer.stdout == run(loaded, "gaps", "--format", "json").output
    missing = subprocess.run(
        [*command[:4], str(tmp_path / "nowhere"), "stats"], capture_output=True, text=True
    )
    assert missing.returncode == 1 and "nowhere" in missing.stderr and missing.stdout == ""
    every_pair = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # far more than a pipe holds
    reader = subprocess.Popen(
        [*command, "sparql", every_pair, "--format", "csv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert reader.stdout.read(10) and reader.stdout.close() is None
    assert reader.wait(timeout=60) == 0 and reader.stderr.read() == b""
