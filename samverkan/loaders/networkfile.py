"""GraphML and GEXF files (Gephi, yEd, networkx), read with networkx.

Nodes become entities and edges relations through the template's own columns: a node's id is its
id, ``name`` (or ``label``) its name, and ``type``, ``sector``, ``part_of``, ``aliases``, ``start``,
``end``, ... are read as in the template (other attributes are kept); an edge's ``relation`` (or
``type``/``label``) is its relation, ``collaborates_with`` when it has none. Types may be mapped as
for Kumu (``--map-type``). Problems name the node or edge by its position in the file. A file
whose DTD declares entities is refused before it is parsed (:mod:`samverkan.loaders.safexml`).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from samverkan.i18n import _
from samverkan.loaders import template
from samverkan.loaders.safexml import refuse_entities
from samverkan.loaders.tables import Table
from samverkan.records import LoadError, Origin, Records

READERS = {".graphml": nx.read_graphml, ".gexf": nx.read_gexf}
SKIP = {"viz", "color", "size", "x", "y", "r", "g", "b", "id"}


def read(path: Path, type_map: dict | None = None, relation_map: dict | None = None, **options) -> Records:
    refuse_entities(path)
    try:
        graph = READERS[path.suffix.casefold()](path)
    except Exception as e:  # networkx and its XML parser raise many kinds for a broken file
        raise LoadError(
            [
                (
                    Origin(str(path)),
                    _("not a readable {kind} file: {error}", kind=path.suffix[1:].upper(), error=e),
                )
            ]
        ) from e
    type_map = {k.casefold(): v for k, v in (type_map or {}).items()}
    relation_map = {k.casefold(): v for k, v in (relation_map or {}).items()}
    nodes = []
    for i, (node, data) in enumerate(graph.nodes(data=True), start=1):
        row = {k: _text(v) for k, v in data.items() if k not in SKIP}
        row["name"] = row.pop("name", "") or row.pop("label", "") or str(node)
        row.pop("label", None)
        row["id"] = str(node)
        row["type"] = type_map.get(row.get("type", "").casefold(), row.get("type", ""))
        nodes.append((Origin(str(path), "nodes", i), row))
    edges = []
    for i, (a, b, data) in enumerate(graph.edges(data=True), start=1):
        row = {k: _text(v) for k, v in data.items() if k not in SKIP | {"weight"}}
        relation = (
            row.pop("relation", "") or row.pop("type", "") or row.pop("label", "") or "collaborates_with"
        )
        row.update(
            {"from": str(a), "to": str(b), "relation": relation_map.get(relation.casefold(), relation)}
        )
        edges.append((Origin(str(path), "edges", i), row))
    tables = {
        "entities": Table("nodes", ["id", "name", "type"], nodes, str(path), "nodes"),
        "relations": Table("edges", ["from", "relation", "to"], edges, str(path), "edges"),
    }
    return template.to_records(tables)


def _text(value) -> str:
    return "" if value is None else str(value).strip()
