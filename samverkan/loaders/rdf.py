"""RDF files (Turtle, JSON-LD, N-Triples, N-Quads, TriG, RDF/XML) as they are, parsed by Oxigraph.

Named graphs in a dataset file are folded into the one graph of the source; the graph layer
checks the triples against the SHACL shapes before they are stored.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from samverkan.records import LoadError, Origin, Records

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
           ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
           ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}


def read(path: Path, **_) -> Records:
    """Parse an RDF file into a list of pyoxigraph Triples (``Records.rdf``)."""
    fmt = FORMATS[path.suffix.casefold()]
    try:
        triples = [q.triple for q in ox.parse(path=str(path), format=fmt)]
    except (SyntaxError, ValueError, OSError) as e:
        where = Origin(str(path), row=getattr(e, "lineno", None))
        raise LoadError([(where, f"not valid {fmt.name}: {e}")]) from e
    return Records(rdf=triples)
