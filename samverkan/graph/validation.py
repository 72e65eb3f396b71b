"""Validation of workspace data: the SHACL shapes of ``ontology/shapes.ttl`` (pySHACL), and the
checks SHACL Core cannot state, such as cycles of ``part_of``.

Violations name what they are about as people read it: an entity by its name and id, a relation
by both ends and its kind.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox
from pyshacl import validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, SH, SKOS

from samverkan.i18n import _, label
from samverkan.ontology import bind_prefixes, ontology, shapes
from samverkan.records import LoadError, Origin


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.path + ': ' if self.path else ''}{self.message}"


def to_rdflib(triples) -> Graph:
    """An rdflib graph of pyoxigraph triples (through N-Triples, the fast path)."""
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return bind_prefixes(Graph()).parse(data=data, format="nt")


def check(graph: Graph) -> list[Violation]:
    """The SHACL violations of ``graph`` and its ``part_of`` cycles, readable and sorted."""
    return sorted(_shacl(graph) + part_of_cycles(graph), key=str)


def _shacl(graph: Graph) -> list[Violation]:
    conforms, results, _text = validate(graph, shacl_graph=shapes(), inference="none", allow_warnings=True)
    if conforms:
        return []
    out = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        out.append(
            Violation(
                describe(graph, focus),
                _short(graph, path) if isinstance(path, URIRef) else "",
                _message(results.objects(result, SH.resultMessage)),
                str(severity).rsplit("#", 1)[-1],
            )
        )
    return out


def part_of_cycles(graph: Graph) -> list[Violation]:
    """One violation per cycle of ``part_of`` (``org:subOrganizationOf``), an entity part of
    itself included: containment is a strict partial order, so a unit cannot contain what
    contains it. SHACL Core has no constraint that follows a path back to its focus node; the
    cycles are found as the strongly connected components of the relation (Tarjan 1972)."""
    edges = nx.DiGraph(graph.subject_objects(ORG.subOrganizationOf))
    out = []
    for component in nx.strongly_connected_components(edges):
        start = min(component)
        if len(component) == 1 and not edges.has_edge(start, start):
            continue
        cycle = [start] + [b for _a, b in nx.find_cycle(edges.subgraph(component), start)]
        names = [describe(graph, node) for node in cycle]
        message = (
            _("{entity} is part of itself", entity=names[0])
            if len(cycle) == 2
            else _("part_of goes round in a circle: {cycle}", cycle=" → ".join(names))
        )
        out.append(Violation(names[0], _short(graph, ORG.subOrganizationOf), message, "Violation"))
    return out


def _message(messages) -> str:
    """The shape's ``sh:message`` in the language in force (shapes carry ``@sv`` and ``@en``)."""
    from samverkan.i18n import lang

    found = {m.language: str(m) for m in messages if isinstance(m, Literal)}
    fallback = found.get(None) or next(iter(found.values()), None)
    return found.get(lang()) or fallback or _("constraint violated")


def check_triples(triples, file: str) -> None:
    """Refuse RDF data that breaks the shapes, naming the file and each violation."""
    violations = check(to_rdflib(triples))
    if violations:
        raise LoadError([(Origin(file), f"SHACL: {v}") for v in violations])


def describe(graph: Graph, node) -> str:
    """A node as people read it: an entity as "name (id)", a relation's statement as its two
    ends and the label of its kind, anything else by its short IRI."""
    name = graph.value(node, SKOS.prefLabel)
    if name is not None:
        return f"{name} ({graph.value(node, DCTERMS.identifier) or _short(graph, node)})"
    subject, predicate = graph.value(node, RDF.subject), graph.value(node, RDF.predicate)
    if subject is not None and predicate is not None:
        kinds = {str(r.property): code for code, r in ontology().relations.items()}
        code = kinds.get(str(predicate))
        kind = label(code, "relation") if code else _short(graph, predicate)
        return f"{describe(graph, subject)} {kind} {describe(graph, graph.value(node, RDF.object))}"
    return _short(graph, node)


def _short(graph: Graph, node) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:
            return str(node)
    return str(node)
