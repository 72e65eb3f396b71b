"""Loaders: one module per kind of source, each turning a file into typed records.

Loaders are found by name in one registry, as rdflib finds its parsers (``plugin.py``): a
suffix names the loader, and a spreadsheet's layout (template or Kumu) is told by its tables.
"""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path

from samverkan.i18n import _
from samverkan.records import LoadError, Origin, Records

LOADERS = {  # name -> "module:function" taking (path, **options) and returning Records
    "spreadsheet": "samverkan.loaders:read_spreadsheet",
    "rdf": "samverkan.loaders.rdf:read",
    "network": "samverkan.loaders.networkfile:read",
    "document": "samverkan.extract:read_document",  # also a web address,
}
SUFFIXES = {
    "/": "spreadsheet",
    ".xlsx": "spreadsheet",
    ".csv": "spreadsheet",
    **dict.fromkeys((".ttl", ".jsonld", ".json", ".nt", ".nq", ".trig", ".rdf", ".owl"), "rdf"),
    ".graphml": "network",
    ".gexf": "network",
    **dict.fromkeys((".txt", ".html", ".htm", ".pdf", ".docx"), "document"),
}
ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_address(source) -> bool:
    """A source written as an address ("https://…", also "ftp://…", which
    :func:`samverkan.extract.web.fetch` refuses)."""
    return isinstance(source, str) and bool(ADDRESS.match(source))


def loader_name(path: Path) -> str:
    """The name of the loader for a path: a folder is a spreadsheet of CSV files, else by suffix;
    a web address is a document."""
    if is_address(path):
        return "document"
    path = Path(path)
    if not path.exists():
        raise LoadError([(Origin(str(path)), _("no such file or folder"))])
    key = "/" if path.is_dir() else path.suffix.casefold()
    if key not in SUFFIXES:
        raise LoadError(
            [
                (
                    Origin(str(path)),
                    _(
                        "no loader for {suffix}; known: {known} or a folder of CSV files",
                        suffix=repr(key) if key else _("files without a suffix"),
                        known=", ".join(sorted(k for k in SUFFIXES if k != "/")),
                    ),
                )
            ]
        )
    return SUFFIXES[key]


def read(path, **options) -> Records:
    """Read any supported source into records (options go to the loader that takes them)."""
    module, _, function = LOADERS[loader_name(path)].partition(":")
    return getattr(import_module(module), function)(path if is_address(path) else Path(path), **options)


def read_spreadsheet(path: Path, type_map=None, relation_map=None, survey_map=None, **options) -> Records:
    """A folder of CSV files or an XLSX workbook in the template or Kumu layout, or survey
    answers (long, or wide with ``survey_map``)."""
    from samverkan.loaders import kumu, survey, template
    from samverkan.loaders.tables import read_tables

    tables = read_tables(path)
    if template.matches(tables):
        return template.to_records(tables)
    if kumu.matches(tables):
        return kumu.to_records(tables, type_map, relation_map)
    if survey_map is not None or survey.long_table(tables) is not None:
        return survey.from_tables(tables, path, survey_map)
    found = ", ".join(sorted(tables)) or _("none")
    raise LoadError(
        [
            (
                Origin(str(path)),
                _(
                    "expected tables 'entities' and 'relations' (the template), "
                    "'Elements' and 'Connections' (Kumu), or survey answers with columns "
                    "'respondent' and 'partner'; found: {found}",
                    found=found,
                ),
            )
        ]
    )
