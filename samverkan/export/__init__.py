"""Export formats, found by name in one registry (as rdflib's ``plugin.py`` finds serialisers).

Each entry names a function ``(workspace, out: Path, **options) -> None`` that writes the file
(or the folder, for formats made of several files).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

EXPORTERS = {
    "ttl": "samverkan.export.rdf:export",
    "jsonld": "samverkan.export.rdf:export",
    "trig": "samverkan.export.rdf:export",
    "nq": "samverkan.export.rdf:export",
}


def export(workspace, fmt: str, out: Path, **options) -> None:
    """Write the workspace in format ``fmt`` to ``out``."""
    module, _, function = EXPORTERS[fmt].partition(":")
    getattr(import_module(module), function)(workspace, Path(out), fmt=fmt, **options)
