"""SHACL validation of workspace data against ``ontology/shapes.ttl`` (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from samverkan.ontology import bind_prefixes, shapes
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
    """The SHACL violations of ``graph``, readable and sorted."""
    conforms, results, _ = validate(graph, shacl_graph=shapes(), inference="none",
                                    allow_warnings=True)
    if conforms:
        return []
    out = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        out.append(Violation(_short(graph, focus), _short(graph, path) if isinstance(path, URIRef) else "",
                             _message(results.objects(result, SH.resultMessage)),
                             str(severity).rsplit("#", 1)[-1]))
    return sorted(out, key=str)


def _message(messages) -> str:
    """The shape's ``sh:message`` in the language in force (shapes carry ``@sv`` and ``@en``)."""
    from samverkan.i18n import _, lang

    found = {m.language: str(m) for m in messages if isinstance(m, Literal)}
    fallback = found.get(None) or next(iter(found.values()), None)
    return found.get(lang()) or fallback or _("constraint violated")


def check_triples(triples, file: str) -> None:
    """Refuse RDF data that breaks the shapes, naming the file and each violation."""
    violations = check(to_rdflib(triples))
    if violations:
        raise LoadError([(Origin(file), f"SHACL: {v}") for v in violations])


def _short(graph: Graph, node) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:
            return str(node)
    return str(node)
