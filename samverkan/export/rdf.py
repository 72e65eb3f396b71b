"""RDF exports. Turtle and JSON-LD hold the union of the sources (each triple once); TriG and
N-Quads keep every source as its named graph, with the source metadata and decisions graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from samverkan.ontology import DECISIONS_GRAPH, META_GRAPH, PREFIXES, SOURCE

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
           "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
KEPT_GRAPHS = (str(META_GRAPH), str(DECISIONS_GRAPH))


def export(workspace, out: Path, fmt: str = "ttl", **_) -> None:
    rdf_format = FORMATS[fmt]
    if fmt in ("trig", "nq"):
        data = sorted((q for q in workspace.store.quads_for_pattern(None, None, None, None)
                      if isinstance(q.graph_name, ox.NamedNode)
                      and (q.graph_name.value.startswith(str(SOURCE)) or q.graph_name.value in KEPT_GRAPHS)), key=str)
    else:
        data = sorted({q.triple for q in workspace.source_quads()} | {
            q.triple for q in workspace.store.quads_for_pattern(None, None, None, ox.NamedNode(str(DECISIONS_GRAPH)))}, key=str)
    prefixes = {k: str(v) for k, v in PREFIXES.items()} if rdf_format != ox.RdfFormat.N_QUADS else None
    ox.serialize(data, str(out), format=rdf_format, prefixes=prefixes)
