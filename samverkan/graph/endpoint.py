"""A remote SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso) over the SPARQL
protocol: run queries there, and push the workspace there with SPARQL Update, each source kept
as its named graph (``DROP SILENT GRAPH`` then ``INSERT DATA`` in batches). A user and password
in the address (``http://user:secret@host/sparql``) are sent as HTTP Basic authentication and
never shown in a message."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request

import pyoxigraph as ox

from samverkan.graph import credentials
from samverkan.i18n import _
from samverkan.ontology import META_GRAPH, PREFIXES, SOURCE

BATCH = 10_000
TIMEOUT = 300


def _post(
    url: str, body: str, content_type: str, accept: str | None = None, timeout: float = TIMEOUT
) -> bytes:
    address, user, password = credentials.split(url)
    headers = {"Content-Type": content_type + "; charset=utf-8"}
    if accept:
        headers["Accept"] = accept
    if user or password:
        token = base64.b64encode(f"{user or ''}:{password or ''}".encode("utf-8")).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    request = urllib.request.Request(address, data=body.encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        message = _(
            "{address} answered {code}: {body}",
            address=address,
            code=e.code,
            body=e.read().decode("utf-8", "replace")[:500],
        )
    except (urllib.error.URLError, OSError) as e:  # refused, unreachable, timed out
        message = _("cannot reach {address}: {reason}", address=address, reason=getattr(e, "reason", e))
    raise RuntimeError(credentials.scrub(message, url))


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
    return (
        ox.Literal(binding["value"], datatype=ox.NamedNode(datatype))
        if datatype
        else ox.Literal(binding["value"])
    )


def with_prefixes(query: str) -> str:
    """The query with samverkan's prefixes declared (as the workspace predeclares them)."""
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()) + query


def select(endpoint: str, query: str, timeout: float = TIMEOUT) -> tuple[list[str], list[list]]:
    """Run a SELECT (or ASK: one column ``ask``) query; rows hold pyoxigraph terms."""
    data = json.loads(
        _post(
            endpoint,
            with_prefixes(query),
            "application/sparql-query",
            "application/sparql-results+json",
            timeout,
        )
    )
    if "boolean" in data:
        return ["ask"], [[data["boolean"]]]
    columns = data["head"]["vars"]
    return columns, [[_term(b.get(c)) for c in columns] for b in data["results"]["bindings"]]


def graph(endpoint: str, query: str, timeout: float = TIMEOUT) -> bytes:
    """Run a CONSTRUCT or DESCRIBE query; returns Turtle."""
    return _post(endpoint, with_prefixes(query), "application/sparql-query", "text/turtle", timeout)


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
            body = " ".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples[i : i + BATCH])
            _post(update_endpoint, f"INSERT DATA {{ GRAPH {g} {{ {body} }} }}", "application/sparql-update")
    return {"graphs": len(by_graph), "triples": sum(len(t) for t in by_graph.values())}
