"""RDF files (Turtle, JSON-LD, N-Triples, N-Quads, TriG, RDF/XML) as they are, parsed by Oxigraph.

Named graphs in a dataset file are folded into the one graph of the source; the graph layer
checks the triples against the SHACL shapes before they are stored. RDF/XML with DTD entities
is refused before parsing (:mod:`samverkan.loaders.safexml`), and every literal must pass
:func:`samverkan.loaders.fields.check_text` (no control characters, at most ``MAX_TEXT``).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from samverkan.i18n import _
from samverkan.loaders.fields import check_text
from samverkan.loaders.safexml import refuse_entities
from samverkan.records import LoadError, Origin, Records

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
XML_FORMATS = {ox.RdfFormat.RDF_XML}


def read(path: Path, **_options) -> Records:
    """Parse an RDF file into a list of pyoxigraph Triples (``Records.rdf``)."""
    fmt = FORMATS[path.suffix.casefold()]
    if fmt in XML_FORMATS:
        refuse_entities(path)
    try:
        triples = [_checked(q.triple, path) for q in ox.parse(path=str(path), format=fmt)]
    except (SyntaxError, ValueError, OSError) as e:
        if isinstance(e, LoadError):
            raise
        where = Origin(str(path), row=getattr(e, "lineno", None))
        raise LoadError([(where, _("not valid {format}: {error}", format=fmt.name, error=e))]) from e
    if not triples:
        raise LoadError([(Origin(str(path)), _("the file holds no triples"))])
    return Records(rdf=triples)


def _checked(triple: ox.Triple, path: Path) -> ox.Triple:
    """The triple, if its literal (when it has one) can be stored and exported."""
    if isinstance(triple.object, ox.Literal):
        try:
            check_text(triple.object.value)
        except ValueError as e:
            raise LoadError(
                [
                    (
                        Origin(str(path)),
                        _(
                            "the literal of {subject} {predicate}: {problem}",
                            subject=triple.subject,
                            predicate=triple.predicate,
                            problem=e,
                        ),
                    )
                ]
            ) from None
    return triple
