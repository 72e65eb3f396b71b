"""The embedded Cypher database: LadybugDB (the maintained successor of Kùzu) in
``<workspace>/cypher``, a view derived from the RDF store, never a second truth.

The schema is the property-graph model (:mod:`samverkan.graph.property_graph`): one node table
per label, one relationship table per relation type with the FROM/TO label pairs the data uses.
Rows go in with bulk ``COPY ... FROM`` an Arrow table, typed column by column (strings and
lists of strings), so no character in a value can break the load.

A view is built in a new folder and swapped in whole when complete; its ``view.json`` names the
store generation it was built from (:meth:`samverkan.graph.workspace.Workspace.generation`), so a
view that is missing, half-built or older than the store is never read as current. Queries open
the database read-only, with a time limit.
"""

from __future__ import annotations

import threading
from pathlib import Path

import ladybug
import pyarrow as pa

from samverkan.graph import property_graph, views
from samverkan.ontology import ontology
from samverkan.records import Records

SCALARS = ("id", "name", "type", "sector", "start_date", "end_date", "aliases", "sources")
REL_SCALARS = ("key", "role", "start_date", "end_date", "quote", "sources")
LISTS = ("aliases", "sources")


def _schema(columns) -> pa.Schema:
    return pa.schema([(c, pa.list_(pa.string()) if c in LISTS else pa.string()) for c in columns])


def _table(columns, rows) -> pa.Table:
    """The rows as an Arrow table of strings and lists of strings."""
    return pa.table({c: [r.get(c) for r in rows] for c in columns}, schema=_schema(columns))


def _columns(names) -> str:
    return ", ".join(f"{c} STRING[]" if c in LISTS else f"{c} STRING" for c in names)


def _fill(conn, records: Records) -> None:
    """Create the schema and copy the records in."""
    nodes, rels = property_graph.nodes(records), property_graph.relationships(records)
    for label in sorted({t.graph_label for t in ontology().types.values()}):
        conn.execute(f"CREATE NODE TABLE {label}({_columns(SCALARS)}, PRIMARY KEY(id))")
    pairs: dict[str, set[tuple[str, str]]] = {}
    for rtype, a, b in rels:
        pairs.setdefault(rtype, set()).add((a, b))
    for kind in ontology().relations.values():
        found = pairs.get(kind.relation_type) or {("Organisation", "Organisation")}
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in sorted(found))
        conn.execute(f"CREATE REL TABLE {kind.relation_type}({ends}, {_columns(REL_SCALARS)})")
    for label, rows in nodes.items():
        conn.execute(f"COPY {label} FROM $rows", {"rows": _table(SCALARS, rows)})
    for (rtype, a, b), rows in rels.items():
        options = f" (from='{a}', to='{b}')" if len(pairs[rtype]) > 1 else ""
        table = _table(("from", "to", *REL_SCALARS), rows)
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


def built_from(folder: Path) -> str | None:
    """The store generation the view in ``folder`` was built from (None: no complete view)."""
    return views.built_from(folder, "db")


def query(folder: Path, text: str, params: dict | None = None,
          timeout: float | None = None) -> tuple[list[str], list[list]]:
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
