"""SPARQL with a time limit: Oxigraph has none of its own, so the query is evaluated in a child
process on a read-only view of the store (``pyoxigraph.Store.read_only``) and the child is killed
at the deadline, on Ctrl-C, on SIGTERM or SIGHUP; on Linux the child also dies with its parent
(``prctl(PR_SET_PDEATHSIG)``), so a killed command leaves no query running. The parent holds
the workspace lock, so nothing writes meanwhile.

A SPARQL Update runs the same way on a copy of the store (a RocksDB checkpoint: hard links),
which the workspace swaps in when the update is complete and allowed.

The child is this file run as a script (it imports only pyoxigraph: a small query costs the
start of a Python process, about 0.2 s). It reads the query as JSON on stdin and writes the
answer in a standard format: SPARQL TSV results for SELECT, JSON for ASK, N-Triples for
CONSTRUCT and DESCRIBE. The parent parses an ASK's answer and the triples back into Oxigraph's
own terms, and keeps a SELECT's solutions as the TSV the child wrote (``Solutions``), which is read
as plain values in one step (``queries.named.solution_rows``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager

import pyoxigraph as ox

SOLUTIONS, BOOLEAN, TRIPLES = b"S", b"B", b"T"
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
ENDING = (signal.SIGTERM, signal.SIGHUP)


class Solutions(bytes):
    """The solutions of a SELECT as SPARQL 1.1 Query Results TSV."""


@contextmanager
def _ending_raises():
    """Inside the block SIGTERM and SIGHUP end the (main thread of the) process by ``SystemExit``,
    so the ``finally`` that kills the child runs; other threads cannot set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(signum, _frame):
        raise SystemExit(128 + signum)

    before = {s: signal.signal(s, leave) for s in ENDING}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child when its parent goes; exit at once if it is already gone."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        sys.exit(1)


def _run(store_path: str, request: dict, timeout: float | None) -> bytes:
    """The child's answer to ``request`` on the store at ``store_path``, within ``timeout`` s."""
    from samverkan.queries.guard import QueryTimeout

    child = subprocess.Popen(
        [sys.executable, "-P", __file__, store_path, str(os.getpid())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        with _ending_raises():
            out, err = child.communicate(json.dumps(request).encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        raise QueryTimeout(timeout or 0.0) from None  # only ever with a timeout
    finally:  # also on Ctrl-C: the child goes at once
        if child.poll() is None:
            child.kill()
            child.wait()
    if child.returncode != 0:
        raise ValueError(err.decode("utf-8", "replace").strip() or f"exit code {child.returncode}")
    return out


def query(
    store_path: str, text: str, timeout: float, default_graph: list, substitutions: dict, prefixes: dict
):
    """Evaluate ``text`` on a read-only view of the store at ``store_path`` within ``timeout``
    seconds; returns ``Solutions``, ``QueryBoolean`` or a list of triples. Raises
    ``ValueError`` with the engine's message on a bad query, ``QueryTimeout`` at the deadline."""
    out = _run(
        store_path,
        {
            "query": text,
            "default_graph": [g.value for g in default_graph],
            "substitutions": {k.value: str(v) for k, v in substitutions.items()},
            "prefixes": prefixes,
        },
        timeout,
    )
    if out[:1] == TRIPLES:
        return list(ox.parse(out[1:], format=ox.RdfFormat.N_TRIPLES))
    if out[:1] == SOLUTIONS:
        return Solutions(out[1:])
    return ox.parse_query_results(out[1:], format=ox.QueryResultsFormat.JSON)


def update(store_path: str, text: str, timeout: float | None) -> None:
    """Apply the SPARQL Update ``text`` to the store at ``store_path`` (a copy: the caller swaps
    it in) within ``timeout`` seconds; a killed update leaves the copy as it was."""
    _run(store_path, {"update": text}, timeout)


def _term(text: str):
    """A term from its N-Triples form."""
    return next(ox.parse(f"<x:s> <x:p> {text} .", format=ox.RdfFormat.N_TRIPLES)).object


def _evaluate() -> int:
    _die_with_parent(int(sys.argv[2]))
    request = json.loads(sys.stdin.buffer.read())
    try:
        if "update" in request:
            ox.Store(sys.argv[1]).update(request["update"])
            return 0
        store = ox.Store.read_only(sys.argv[1])
        result = store.query(
            request["query"],
            prefixes=request["prefixes"],
            default_graph=[ox.NamedNode(g) for g in request["default_graph"]],
            substitutions={ox.Variable(k): _term(v) for k, v in request["substitutions"].items()},
        )
        if isinstance(result, ox.QueryTriples):
            answer = TRIPLES + (result.serialize(format=ox.RdfFormat.N_TRIPLES) or b"")
        elif isinstance(result, ox.QuerySolutions):
            answer = SOLUTIONS + (result.serialize(format=ox.QueryResultsFormat.TSV) or b"")
        else:
            answer = BOOLEAN + (result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
    except (SyntaxError, ValueError, OSError) as e:
        sys.stderr.write(str(e))
        return 2
    sys.stdout.buffer.write(answer)
    return 0


if __name__ == "__main__":
    sys.exit(_evaluate())
