"""The embedded Cypher database: LadybugDB (the maintained successor of Kùzu) in
``<workspace>/cypher``, a view derived from the RDF store, never a second truth.

The schema is the property-graph model (:mod:`samverkan.graph.property_graph`): one node table
per label, one relationship table per relation type with the FROM/TO label pairs the data uses.
Rows go in with bulk ``COPY ... FROM`` an Arrow table, typed column by column (strings and
lists of strings), so no character in a value can break the load.

A view is built in a new folder and swapped in whole when complete; its ``view.json`` names the
store generation it was built from (:meth:`samverkan.graph.workspace.Workspace.generation`), so a
view that is missing, half-built or older than the store is never read as current. A small
addition updates the view in place (:func:`update`), its marker taken away while it does. Queries
open the database read-only, with a time limit.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import ladybug

from samverkan.graph import property_graph, views
from samverkan.ontology import ontology
from samverkan.records import Records

if TYPE_CHECKING:  # pyarrow (with numpy) is imported by a whole build only, not by a patch
    import pyarrow as pa

SCALARS = ("id", "name", "type", "sector", "start_date", "end_date", "aliases", "sources")
REL_SCALARS = ("key", "role", "start_date", "end_date", "quote", "sources")
LISTS = ("aliases", "sources")


def _schema(columns) -> pa.Schema:
    import pyarrow as pa

    return pa.schema([(c, pa.list_(pa.string()) if c in LISTS else pa.string()) for c in columns])


def _table(columns, rows) -> pa.Table:
    """The rows as an Arrow table of strings and lists of strings."""
    import pyarrow as pa

    return pa.table({c: [r.get(c) for r in rows] for c in columns}, schema=_schema(columns))


def _columns(names) -> str:
    return ", ".join(f"{c} STRING[]" if c in LISTS else f"{c} STRING" for c in names)


def _fill(conn, records: Records) -> None:
    """Create the schema and copy the records in, a table at a time (its rows made just before,
    so that they are not all held while the database's own buffers grow)."""
    nodes, rels = property_graph.node_groups(records), property_graph.relationship_groups(records)
    for label in sorted({t.graph_label for t in ontology().types.values()}):
        conn.execute(f"CREATE NODE TABLE {label}({_columns(SCALARS)}, PRIMARY KEY(id))")
    pairs: dict[str, set[tuple[str, str]]] = {}
    for rtype, a, b in rels:
        pairs.setdefault(rtype, set()).add((a, b))
    for kind in ontology().relations.values():
        found = pairs.get(kind.relation_type) or {("Organisation", "Organisation")}
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in sorted(found))
        conn.execute(f"CREATE REL TABLE {kind.relation_type}({ends}, {_columns(REL_SCALARS)})")
    for label, entities in nodes.items():
        conn.execute(
            f"COPY {label} FROM $rows", {"rows": _table(SCALARS, property_graph.node_rows(entities))}
        )
    for (rtype, a, b), relations in rels.items():
        options = f" (from='{a}', to='{b}')" if len(pairs[rtype]) > 1 else ""
        table = _table(("from", "to", *REL_SCALARS), property_graph.relationship_rows(relations))
        conn.execute(f"COPY {rtype} FROM $rows{options}", {"rows": table})


def build(records: Records, folder: Path, generation: str | None = None) -> None:
    """Build the database of ``records`` beside ``folder`` and swap it in when complete, marked
    with the store ``generation`` it was built from (:func:`samverkan.graph.views.swap_in`)."""

    def fill(new: Path) -> None:
        db = ladybug.Database(str(new / "db"))
        conn = ladybug.Connection(db)
        try:
            _fill(conn, records)
        finally:
            conn.close()
            db.close()

    views.swap_in(folder, fill, generation)


def update(folder: Path, old: Records, new: Records, before: str | None, generation: str | None) -> bool:
    """Bring the view in ``folder``, built from ``old`` at generation ``before``, to ``new`` with
    the rows that differ (``MERGE`` and ``DELETE``), marked ``generation``. The marker is taken
    away first, so a view cut short is never read as current. Returns False, having done
    nothing, when the view is not of ``before`` or a relationship needs a FROM/TO pair its table
    lacks (build it then)."""
    if built_from(folder) != before:
        return False
    (old_nodes, old_rels), (new_nodes, new_rels) = _changed_rows(old, new), _changed_rows(new, old)
    db = ladybug.Database(str(Path(folder) / "db"))
    conn = ladybug.Connection(db)
    try:
        pairs = {
            (t, a, b)
            for t in {k[0] for k in new_rels}
            for a, b, *_ in _all(conn.execute(f"CALL show_connection('{t}') RETURN *"))
        }
        if any(k[:3] not in pairs for k, row in new_rels.items() if old_rels.get(k) != row):
            return False
        (Path(folder) / views.MARKER).unlink()
        _apply(conn, old_nodes, new_nodes, old_rels, new_rels)
    finally:
        conn.close()
        db.close()
    views.write_marker(folder, generation)
    return True


def _changed_rows(records: Records, other: Records) -> tuple[dict, dict]:
    """The node and relationship rows of the entities and relations of ``records`` that ``other``
    does not hold as they are, keyed by table and id (relationships: and from, to, key)."""
    entities = {e.id: e for e in other.entities}
    relations: dict[tuple, list] = {}
    for r in other.relations:
        relations.setdefault(r.key, []).append(r)
    nodes = property_graph.nodes(Records(entities=[e for e in records.entities if entities.get(e.id) != e]))
    rels = property_graph.relationships(
        Records(  # all entities, for the labels at the ends
            entities=records.entities,
            relations=[r for r in records.relations if r not in relations.get(r.key, ())],
        )
    )
    return _rows(nodes), _rows(rels, ("from", "to", "key"))


def _rows(by_table: dict, key: tuple = ("id",)) -> dict:
    """Rows by (table..., key values...)."""
    table = lambda t: t if isinstance(t, tuple) else (t,)  # noqa: E731
    return {(*table(t), *(row[k] for k in key)): row for t, rows in by_table.items() for row in rows}


def _all(result) -> list:
    return [result.get_next() for _ in iter(result.has_next, False)]


def _apply(conn, old_nodes: dict, new_nodes: dict, old_rels: dict, new_rels: dict) -> None:
    """Delete the rows that went or changed, then merge and create the new ones."""
    for (rtype, a, b, *_), row in ((k, r) for k, r in old_rels.items() if new_rels.get(k) != r):
        conn.execute(
            f"MATCH (:{a} {{id: $from}})-[r:{rtype} {{key: $key}}]->(:{b} {{id: $to}}) DELETE r",
            {k: row[k] for k in ("from", "to", "key")},
        )
    for label, eid in (k for k in old_nodes if k not in new_nodes):
        conn.execute(f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n", {"id": eid})
    for (label, _id), row in ((k, r) for k, r in new_nodes.items() if old_nodes.get(k) != r):
        sets = ", ".join(f"n.{c} = ${c}" for c in SCALARS if c != "id")
        conn.execute(f"MERGE (n:{label} {{id: $id}}) SET {sets}", {c: row.get(c) for c in SCALARS})
    for (rtype, a, b, *_), row in ((k, r) for k, r in new_rels.items() if old_rels.get(k) != r):
        props = ", ".join(f"{c}: ${c}" for c in REL_SCALARS)
        conn.execute(
            f"MATCH (x:{a} {{id: $from}}), (y:{b} {{id: $to}}) CREATE (x)-[:{rtype} {{{props}}}]->(y)",
            {c: row.get(c) for c in ("from", "to", *REL_SCALARS)},
        )


def built_from(folder: Path) -> str | None:
    """The store generation the view in ``folder`` was built from (None: no complete view)."""
    return views.built_from(folder, "db")


def query(
    folder: Path, text: str, params: dict | None = None, timeout: float | None = None
) -> tuple[list[str], list[list]]:
    """Run Cypher on the database in ``folder``, opened read-only; returns the column names and
    the rows. The query runs in a worker thread, so a time limit (``timeout`` seconds, the
    database's own) or Ctrl-C interrupts it at once."""
    from samverkan.queries.guard import QueryTimeout

    db = ladybug.Database(str(Path(folder) / "db"), read_only=True)
    conn = ladybug.Connection(db)
    if timeout:
        conn.set_query_timeout(max(1, int(timeout * 1000)))
    answer: dict = {}

    def work():
        try:
            result = conn.execute(text, params or {})
            rows = [result.get_next() for _ in iter(result.has_next, False)]
            answer["rows"] = result.get_column_names(), rows
        except Exception as e:  # the database's own kinds, for the caller
            answer["error"] = e

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.05)
    except KeyboardInterrupt:
        conn.interrupt()
        worker.join(5)
        raise
    finally:
        if not worker.is_alive():
            conn.close()
            db.close()
    error = answer.get("error")
    if error is not None:
        raise QueryTimeout(timeout) if timeout and str(error).startswith("Interrupted") else error
    return answer["rows"]
