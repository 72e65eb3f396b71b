"""The embedded Cypher database: LadybugDB (the maintained successor of Kùzu) in
``<workspace>/cypher``, rebuilt from the RDF store after every load and unload.

The schema is the property-graph model (:mod:`samverkan.graph.property_graph`): one node table
per label, one relationship table per relation type with the FROM/TO label pairs the data uses.
Rows go in with bulk ``COPY`` from CSV. LadybugDB's CSV reader keeps quotes inside list items,
so a list whose items hold quotes, commas or brackets is left out of the CSV and set afterwards
with one parameterised ``UNWIND`` per table.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from pathlib import Path

import ladybug

from samverkan.graph import property_graph
from samverkan.ontology import ontology
from samverkan.records import Records

SCALARS = ("id", "name", "type", "sector", "start_date", "end_date", "aliases", "sources")
REL_SCALARS = ("key", "role", "start_date", "end_date", "quote", "sources")
LISTS = ("aliases", "sources")
UNSAFE = re.compile(r"""[,\[\]{}"'\\]|^\s|\s$""")


def build(records: Records, folder: Path) -> None:
    """Replace the database in ``folder`` with one holding ``records``."""
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    db = ladybug.Database(str(folder / "db"))
    conn = ladybug.Connection(db)
    nodes = property_graph.nodes(records)
    rels = property_graph.relationships(records)
    labels = sorted({t.graph_label for t in ontology().types.values()})
    for label in labels:
        columns = ", ".join(f"{c} STRING[]" if c in LISTS else f"{c} STRING" for c in SCALARS)
        conn.execute(f"CREATE NODE TABLE {label}({columns}, PRIMARY KEY(id))")
    pairs: dict[str, list[tuple[str, str]]] = {}
    for rtype, a, b in rels:
        pairs.setdefault(rtype, []).append((a, b))
    for kind in ontology().relations.values():
        found = pairs.get(kind.relation_type) or [("Organisation", "Organisation")]
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in sorted(set(found)))
        props = ", ".join(f"{c} STRING[]" if c in LISTS else f"{c} STRING" for c in REL_SCALARS)
        conn.execute(f"CREATE REL TABLE {kind.relation_type}({ends}, {props})")
    with tempfile.TemporaryDirectory() as tmp:
        for label, rows in nodes.items():
            path = _csv(Path(tmp) / f"{label}.csv", SCALARS, rows)
            conn.execute(f"COPY {label}({', '.join(SCALARS)}) FROM '{path}' (HEADER=true)")
            lists = [{"id": r["id"], **{k: r[k] for k in LISTS}} for r in rows if not _safe(r)]
            if lists:
                conn.execute(f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET n.aliases = r.aliases, n.sources = r.sources",
                             {"rows": lists})
        for (rtype, a, b), rows in rels.items():
            path = _csv(Path(tmp) / f"{rtype}-{a}-{b}.csv", ("from", "to", *REL_SCALARS), rows)
            options = f"HEADER=true, from='{a}', to='{b}'" if len(set(pairs[rtype])) > 1 else "HEADER=true"
            conn.execute(f"COPY {rtype}({', '.join(REL_SCALARS)}) FROM '{path}' ({options})")
        for (rtype, a, b), rows in rels.items():
            unsafe = [{"f": r["from"], "t": r["to"], "k": r["key"], "s": r["sources"]} for r in rows if not _safe(r)]
            if unsafe:
                conn.execute(f"UNWIND $rows AS r MATCH (x:{a} {{id: r.f}})-[e:{rtype} {{key: r.k}}]->(y:{b} {{id: r.t}}) "
                             "SET e.sources = r.s", {"rows": unsafe})
    conn.close()
    db.close()


def _safe(row: dict) -> bool:
    """Whether the row's lists can be written in LadybugDB's CSV list syntax ``[a,b]``."""
    return not any(UNSAFE.search(item) for k in LISTS for item in row.get(k) or [])


def _csv(path: Path, columns, rows) -> Path:
    def cell(row, c):
        value = row.get(c)
        if c in LISTS:
            return "[" + ",".join(value or []) + "]" if _safe(row) else ""
        return "" if value is None else value

    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row, c) for c in columns])
    return path


def query(folder: Path, text: str, params: dict | None = None) -> tuple[list[str], list[list]]:
    """Run Cypher on the database in ``folder``; returns the column names and the rows."""
    db = ladybug.Database(str(Path(folder) / "db"))
    conn = ladybug.Connection(db)
    try:
        result = conn.execute(text, params or {})
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return columns, rows
    finally:
        conn.close()
        db.close()
