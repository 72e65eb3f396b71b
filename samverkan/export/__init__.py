"""Export formats, found by name in one registry (as rdflib's ``plugin.py`` finds serialisers).

Each entry names a function ``(workspace, out: Path, persons="show", **options) -> None`` that
writes the file (or the folder, for ``csv`` and ``neo4j-admin``); :func:`export` has it write a
temporary one that replaces ``out`` only when complete.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from samverkan.export.atomic import written

FOLDER_FORMATS = {"csv", "neo4j-admin"}
EXPORTERS = {
    "ttl": "samverkan.export.rdf:export",
    "jsonld": "samverkan.export.rdf:export",
    "trig": "samverkan.export.rdf:export",
    "nq": "samverkan.export.rdf:export",
    "graphml": "samverkan.export.formats:graphml",
    "gexf": "samverkan.export.formats:gexf",
    "csv": "samverkan.export.formats:template_csv",
    "kumu": "samverkan.export.formats:kumu",
    "cypher": "samverkan.export.formats:cypher",
    "neo4j-admin": "samverkan.export.formats:neo4j_admin",
}


def export(workspace, fmt: str, out: Path, **options) -> None:
    """Write the workspace in format ``fmt`` to ``out`` (whole or not at all; missing folders are made)."""
    module, _, function = EXPORTERS[fmt].partition(":")
    with written(Path(out), folder=fmt in FOLDER_FORMATS) as tmp:
        getattr(import_module(module), function)(workspace, tmp, fmt=fmt, **options)
