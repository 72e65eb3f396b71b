"""The network the analyses use is kept beside the records (issue 15): read back, it equals the
network built from the records, tie for tie and relation for relation, and gives the same
findings; kept for other options, from another store or damaged, it is built again."""

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from samverkan import Workspace
from samverkan.cli import main
from samverkan.network import Network

NETWORK = Path(__file__).parent / "data" / "network"
DAY = date(2022, 6, 1)


@pytest.fixture
def ws(tmp_path):
    with Workspace.open(tmp_path / "ws", create=True) as ws:
        ws.load([NETWORK])
        yield ws


def kept(net: Network) -> bool:
    return "kept" in net.__dict__


def same(a: Network, b: Network) -> None:
    """``a`` and ``b`` have the same ties (with their evidence), nodes, involvements and ended ties."""
    assert list(a.graph.nodes(data=True)) == list(b.graph.nodes(data=True))
    assert list(a.records.relations) == list(b.records.relations)
    assert list(a.graph.edges(data=True)) == list(b.graph.edges(data=True))
    assert a.involved == b.involved and a.ended == b.ended
    assert a.index.kinds == b.index.kinds and a.index.parent == b.index.parent


def test_kept_network_equals_the_one_built_from_the_records(ws):
    built = Network(ws.records(), DAY)
    first = ws.network(DAY)
    ws.wait_kept()  # kept by a child process while the analysis goes on
    assert not kept(first) and (ws.path / "network" / "network.pickle").exists()
    again = ws.network(DAY)
    assert kept(again) and "records" not in again.__dict__  # nothing read yet
    assert again.brokers() == built.brokers()
    assert again.boundaries("organisation", permutations=50) == built.boundaries(
        "organisation", permutations=50
    )
    assert "records" not in again.__dict__  # boundaries and brokers need no records
    assert again.ended and again.involved  # the fixture has ended ties
    same(again, built)
    assert again.involved[next(iter(built.involved))] is not None
    relation = next(iter(next(iter(again.involved.values())).values()))[0]
    assert any(relation is r for r in again.records.relations)  # the records' own relations
    assert ws.network(DAY).gaps() == built.gaps()


def test_other_options_another_store_or_a_damaged_copy_build_it_again(ws, tmp_path):
    ws.network(DAY)
    assert not kept(ws.network(date(2024, 1, 1)))  # another day: built (and kept) anew
    assert not kept(ws.network(date(2024, 1, 1), evidence="documents"))
    assert kept(ws.network(date(2024, 1, 1), evidence="documents"))
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "entities.csv").write_text(
        "id,name,type\nny-forening,Ny förening,civil_society\n", encoding="utf-8"
    )
    ws.load([extra])
    net = ws.network(date(2024, 1, 1), evidence="documents")
    assert not kept(net) and "ny-forening" in net.graph
    ws.wait_kept()
    file = ws.path / "network" / "network.pickle"
    whole = file.read_bytes()
    for damaged in (b"not a pickle", whole[:-100], whole[:-200] + bytes(100) + whole[-100:]):
        file.write_bytes(damaged)  # another file, cut short, or its end (the ended ties) overwritten
        again = ws.network(date(2024, 1, 1), evidence="documents")
        assert not kept(again) and "ny-forening" in again.graph
        ws.wait_kept()
    same(ws.network(date(2024, 1, 1), evidence="documents"), again)


def test_a_kept_network_refuses_an_unknown_scope_as_a_built_one_does(ws):
    ws.network(DAY)
    with pytest.raises(ValueError, match="nope"):
        ws.network(DAY, scope=["nope"])
    scoped = ws.network(DAY, scope=["alby-kommun"])
    assert kept(scoped) and scoped.gaps() == Network(ws.records(), DAY, scope=["alby-kommun"]).gaps()


def test_the_commands_give_the_same_json_built_and_kept(tmp_path):
    runner, w = CliRunner(), ["-w", str(tmp_path / "ws")]
    assert runner.invoke(main, [*w, "load", str(NETWORK)]).exit_code == 0
    for command in (["boundaries", "--by", "sector"], ["brokers"], ["gaps", "--top", "10"]):
        args = [*w, *command, "--as-of", "2022-06-01", "--format", "json"]
        built, again = (runner.invoke(main, args) for _ in range(2))
        assert built.exit_code == again.exit_code == 0
        assert json.loads(built.output) and built.output == again.output


def test_the_network_is_kept_by_a_child_process_and_a_failure_costs_only_the_copy(ws, tmp_path):
    seen = tmp_path / "pid"
    ws.in_background(lambda: seen.write_text(str(os.getpid())))
    ws.wait_kept()
    assert int(seen.read_text()) != os.getpid()  # written by another process

    def fails():
        raise RuntimeError("no room")

    ws.in_background(fails)  # the keeper dies; this process goes on
    ws.wait_kept()
    net = ws.network(DAY)
    ws.close()
    with Workspace.open(ws.path):  # waits for the keeper, which holds the lock until the file is whole
        assert not kept(net) and (ws.path / "network" / "network.pickle").exists()


def test_the_command_ends_before_the_keeper_and_the_next_one_waits_for_it(ws, tmp_path):
    done = tmp_path / "done"
    ws.in_background(lambda: (time.sleep(1.5), done.write_text("kept")))
    started = time.monotonic()
    ws.close()
    assert time.monotonic() - started < 1 and not done.exists()  # closed with the keeper at work
    assert (ws.path / "lock").read_text().endswith(" keeping")
    with Workspace.open(ws.path):
        assert done.read_text() == "kept" and time.monotonic() - started >= 1.5
        assert (ws.path / "lock").read_text() == str(os.getpid())


def test_the_keeper_starts_when_the_command_lets_go_of_the_workspace(ws, tmp_path):
    """While the command answers it has both cores: the keeper waits until the workspace is
    closed (or ``wait_kept`` lets it start)."""
    started = tmp_path / "started"
    ws.in_background(lambda: started.write_text(str(time.monotonic())))
    time.sleep(1)
    assert not started.exists()  # the command is still at work
    closed = time.monotonic()
    ws.close()
    with Workspace.open(ws.path):
        assert closed <= float(started.read_text()) < closed + 5


def test_a_long_command_does_not_use_up_its_keepers_time(ws, tmp_path, monkeypatch):
    """The keeper's time limit counts from when it starts, not from the fork."""
    from samverkan.graph import views

    monkeypatch.setattr(views, "KEEPER_LIMIT", 1)
    done = tmp_path / "done"
    ws.in_background(lambda: done.write_text("kept"))
    time.sleep(1.5)  # the command works on, longer than the limit
    ws.close()
    with Workspace.open(ws.path):
        assert done.read_text() == "kept"


def test_a_keeper_that_takes_too_long_is_stopped_and_the_workspace_freed(ws, tmp_path, monkeypatch):
    from samverkan.graph import views

    monkeypatch.setattr(views, "KEEPER_LIMIT", 1)
    done = tmp_path / "done"
    ws.in_background(lambda: (time.sleep(30), done.write_text("kept")))
    started = time.monotonic()
    ws.close()
    with Workspace.open(ws.path):  # the keeper is stopped after 1 s; waited for no longer than that
        assert 1 <= time.monotonic() - started < 10 and not done.exists()


def test_the_keeper_does_not_hold_the_commands_output_open(ws):
    """A pipe reading the command's answer ends with the command, not with the keeper."""
    ws.close()
    code = (
        "import sys, time\n"
        "from samverkan import Workspace\n"
        f"ws = Workspace.open({str(ws.path)!r})\n"
        "ws.in_background(lambda: time.sleep(4))\n"
        "ws.close()\n"
        "print('answered')\n"
    )
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "answered\n" and time.monotonic() - started < 3.5
