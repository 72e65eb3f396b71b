"""XML sources are refused when their DTD declares entities, before any parser expands them.

Nested entities (the "billion laughs" pattern, CVE-2003-1564) make a file of a few hundred bytes
grow to gigabytes in a parser that expands them; external entities (XXE) read local files. Only
the prolog is read: the DTD comes before the root element, so reading stops there.
"""

from __future__ import annotations

from pathlib import Path
from xml.parsers import expat

from samverkan.i18n import _
from samverkan.records import LoadError, Origin


class _RootReached(Exception):
    """The root element starts: the DTD, if any, is behind."""


def refuse_entities(path: Path) -> None:
    """Raise :class:`LoadError` naming ``path`` and the line if its DTD declares an entity or the
    prolog is not well-formed XML."""
    parser = expat.ParserCreate()

    def declared(name, *details):
        line = parser.CurrentLineNumber
        raise LoadError(
            [
                (
                    Origin(str(path), row=line),
                    _(
                        "the XML declares the entity {name!r} in its DTD; files with DTD entities are refused, "  # noqa: E501
                        "as their expansion can exhaust memory: save the file without a DTD",
                        name=name,
                    ),
                )
            ]
        )

    def root(*element):
        raise _RootReached

    parser.EntityDeclHandler = declared
    parser.StartElementHandler = root
    try:
        with open(path, "rb") as f:
            parser.ParseFile(f)
    except _RootReached:
        return
    except expat.ExpatError as e:
        where = Origin(str(path), row=e.lineno)
        raise LoadError([(where, _("not well-formed XML: {error}", error=e))]) from e
