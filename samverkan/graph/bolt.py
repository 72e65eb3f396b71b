"""Neo4j over Bolt with the official ``neo4j`` driver: push the workspace, run Cypher there.

``push`` writes the property-graph model with batched ``UNWIND $rows ... MERGE`` on ``id`` (and
on ``key`` for relationships), after an index on ``id`` per label, so running it twice leaves
the same graph. Properties without a value are not sent (``SET n += r.props``). The password
comes from the environment (``SAMVERKAN_NEO4J_PASSWORD``) or from the address
(``bolt://user:secret@host``); either way no message shows it. A server that does not answer
fails within seconds: a short connection timeout and no retries.
"""

from __future__ import annotations

import atexit
import os
from contextlib import contextmanager
from functools import cache
from typing import Callable

from neo4j import GraphDatabase, Query
from neo4j.exceptions import Neo4jError

from samverkan.graph import credentials, property_graph
from samverkan.i18n import _
from samverkan.records import Records

PASSWORD_VARIABLE = "SAMVERKAN_NEO4J_PASSWORD"
CONNECT_TIMEOUT = 5  # seconds


@cache
def driver(uri: str, user: str | None = None):
    """One driver per server and user for the whole process, closed at exit: its pool keeps
    reusing one connection (FalkorDB's Bolt endpoint can stall a second handshake for a minute)."""
    address, url_user, url_password = credentials.split(uri)
    user, password = user or url_user, url_password or os.environ.get(PASSWORD_VARIABLE)
    auth = (user or "neo4j", password) if (user or password) else None
    d = GraphDatabase.driver(  # a user without a password is sent as such
        address,
        auth=auth,  # type: ignore[arg-type]
        connection_timeout=CONNECT_TIMEOUT,
        max_transaction_retry_time=0,
    )
    atexit.register(d.close)
    return d


@contextmanager
def _reporting(uri: str):
    """Any failure of the driver or the server as a RuntimeError naming the server, no secret."""
    try:
        yield
    except Exception as e:  # the driver's own kinds: unreachable, refused, bad address, bad query
        address = credentials.split(uri)[0]
        raise RuntimeError(
            credentials.scrub(_("Neo4j at {address}: {error}", address=address, error=e), uri)
        ) from None


def _props(row: dict, skip: tuple) -> dict:
    return {k: v for k, v in row.items() if k not in skip and v not in (None, [], "")}


def push(
    records: Records,
    uri: str,
    user: str | None = None,
    database: str | None = None,
    batch_size: int = 1000,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Write ``records`` into the graph at ``uri``; returns the numbers of nodes and relationships sent."""
    with _reporting(uri):
        return _push(records, driver(uri, user), database, batch_size, progress or (lambda message: None))


def _push(records: Records, d, database: str | None, batch_size: int, say: Callable[[str], None]) -> dict:
    nodes, rels = property_graph.nodes(records), property_graph.relationships(records)
    for label in nodes:
        try:
            d.execute_query(f"CREATE INDEX FOR (n:{label}) ON (n.id)", database_=database)
        except Neo4jError:
            pass  # the index exists already
    sent = {"nodes": 0, "relationships": 0}
    for label, rows in nodes.items():
        batch = [{"id": r["id"], "props": _props(r, ("id",))} for r in rows]
        for i in range(0, len(batch), batch_size):
            d.execute_query(
                f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r.props",
                rows=batch[i : i + batch_size],
                database_=database,
            )
        sent["nodes"] += len(batch)
        say(f"{label}: {len(batch)} nodes")
    for (rtype, a, b), rows in rels.items():
        batch = [
            {"f": r["from"], "t": r["to"], "k": r["key"], "props": _props(r, ("from", "to", "key"))}
            for r in rows
        ]
        for i in range(0, len(batch), batch_size):
            d.execute_query(
                f"UNWIND $rows AS r MATCH (a:{a} {{id: r.f}}), (b:{b} {{id: r.t}}) "
                f"MERGE (a)-[e:{rtype} {{key: r.k}}]->(b) SET e += r.props",
                rows=batch[i : i + batch_size],
                database_=database,
            )
        sent["relationships"] += len(batch)
        say(f"{rtype} {a}->{b}: {len(batch)} relationships")
    return sent


def query(
    uri: str,
    text: str,
    params: dict | None = None,
    user: str | None = None,
    database: str | None = None,
    timeout: float | None = None,
) -> tuple[list[str], list[list]]:
    """Run Cypher at ``uri``, with the server's transaction time limit ``timeout`` (seconds);
    returns the column names and the rows."""
    with _reporting(uri):
        records, summary, keys = driver(uri, user).execute_query(
            Query(text, timeout=timeout), parameters_=params or {}, database_=database
        )
    return list(keys), [list(r.values()) for r in records]
