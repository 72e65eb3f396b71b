"""A remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso) over the SPARQL
protocol: run queries there, and push the workspace there with SPARQL Update, each source kept
as its named graph (``DROP SILENT GRAPH`` then ``INSERT DATA`` in batches)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pyoxigraph as ox

from samverkan.ontology import META_GRAPH, PREFIXES, SOURCE

BATCH = 10_000
TIMEOUT = 300


def _post(url: str, body: str, content_type: str, accept: str | None = None) -> bytes:
    headers = {"Content-Type": content_type + "; charset=utf-8"}
    if accept:
        headers["Accept"] = accept
    request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{url} answered {e.code}: {e.read().decode('utf-8', 'replace')[:500]}") from None
    except urllib.error.URLError as e:
        raise RuntimeError(f"cannot reach {url}: {e.reason}") from None


def _term(binding: dict | None):
    if binding is None:
        return None
    if binding["type"] == "uri":
        return ox.NamedNode(binding["value"])
    if binding["type"] == "bnode":
        return ox.BlankNode(binding["value"])
    if "xml:lang" in binding:
        return ox.Literal(binding["value"], language=binding["xml:lang"])
    datatype = binding.get("datatype")
    return ox.Literal(binding["value"], datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(binding["value"])


def with_prefixes(query: str) -> str:
    """The query with samverkan's prefixes declared (as the workspace predeclares them)."""
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + query


def select(endpoint: str, query: str) -> tuple[list[str], list[list]]:
    """Run a SELECT (or ASK: one column ``ask``) query; rows hold pyoxigraph terms."""
    data = json.loads(_post(endpoint, with_prefixes(query), "application/sparql-query",
                            "application/sparql-results+json"))
    if "boolean" in data:
        return ["ask"], [[data["boolean"]]]
    columns = data["head"]["vars"]
    return columns, [[_term(b.get(c)) for c in columns] for b in data["results"]["bindings"]]


def graph(endpoint: str, query: str) -> bytes:
    """Run a CONSTRUCT or DESCRIBE query; returns Turtle."""
    return _post(endpoint, with_prefixes(query), "application/sparql-query", "text/turtle")


def push(workspace, update_endpoint: str) -> dict:
    """Replace each source's named graph at the endpoint, and the metadata graph."""
    by_graph: dict = {}
    for q in workspace.store.quads_for_pattern(None, None, None, None):
        g = q.graph_name
        if isinstance(g, ox.NamedNode) and (g.value == str(META_GRAPH) or g.value.startswith(str(SOURCE))):
            by_graph.setdefault(g, []).append(q.triple)
    for g, triples in by_graph.items():
        _post(update_endpoint, f"DROP SILENT GRAPH {g}", "application/sparql-update")
        for i in range(0, len(triples), BATCH):
            body = " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples[i:i + BATCH])
            _post(update_endpoint, f"INSERT DATA {{ GRAPH {g} {{ {body} }} }}", "application/sparql-update")
    return {"graphs": len(by_graph), "triples": sum(len(t) for t in by_graph.values())}
