"""RDF exports. Turtle and JSON-LD hold the union of the sources (each triple once); TriG and
N-Quads keep every source as its named graph, with the source metadata and decisions graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from samverkan.ontology import DECISIONS_GRAPH, META_GRAPH, PREFIXES, SOURCE

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}
KEPT_GRAPHS = (str(META_GRAPH), str(DECISIONS_GRAPH))


def export(workspace, out: Path, fmt: str = "ttl", persons: str = "show", **_) -> None:
    rdf_format = FORMATS[fmt]
    if persons != "show":
        data = _filtered(workspace, fmt, persons)
    elif fmt in ("trig", "nq"):
        data = sorted(
            (
                q
                for q in workspace.store.quads_for_pattern(None, None, None, None)
                if isinstance(q.graph_name, ox.NamedNode)
                and (q.graph_name.value.startswith(str(SOURCE)) or q.graph_name.value in KEPT_GRAPHS)
            ),
            key=str,
        )
    else:
        data = sorted(
            {q.triple for q in workspace.source_quads()}
            | {
                q.triple
                for q in workspace.store.quads_for_pattern(
                    None, None, None, ox.NamedNode(str(DECISIONS_GRAPH))
                )
            },
            key=str,
        )
    prefixes = {k: str(v) for k, v in PREFIXES.items()} if rdf_format != ox.RdfFormat.N_QUADS else None
    ox.serialize(data, str(out), format=rdf_format, prefixes=prefixes)


def _filtered(workspace, fmt: str, persons: str) -> list:
    """The facts again from records with persons shown as asked; each source's graph holds the
    entities and relations it states."""
    from samverkan.export.persons import outgoing
    from samverkan.graph.mapping import source_iri, to_triples
    from samverkan.records import Records

    records = outgoing(workspace, persons).records
    if fmt not in ("trig", "nq"):
        return sorted(set(to_triples(records)), key=str)
    quads = set()
    for name in {n for item in records.entities + records.relations for n in item.sources}:
        part = Records(
            [e for e in records.entities if name in e.sources],
            [r for r in records.relations if name in r.sources],
        )
        quads |= {ox.Quad(t.subject, t.predicate, t.object, source_iri(name)) for t in to_triples(part)}
    return sorted(quads, key=str)
