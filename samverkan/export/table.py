"""Tables for people: the command line's ``table`` format in the language in force.

Headers are translated, codes of sectors, types and relations become the ontology's labels,
ids of entities become their names, numbers are written as people of the language write them.
JSON and CSV never pass through here: they keep codes and ids.
"""

from __future__ import annotations

import re
import threading

import pyoxigraph as ox

from samverkan.i18n import _, label, number

SCAN_FROM = 1000  # distinct values from which names are read in one scan
PLAIN_ID = re.compile(r"[A-Za-z0-9._~-]+")  # an id that is its own IRI's end (``entity_iri``)
PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")

# column -> its header (an English msgid); a column not listed keeps its own name
HEADERS = {
    "name": "name",
    "id": "id",
    "count": "count",
    "group": "group",
    "type": "type",
    "sector": "sector",
    "relation": "relation",
    "loader": "loader",
    "entities": "entities",
    "relations": "relations",
    "triples": "triples",
    "loaded_at": "loaded",
    "path": "path",
    "sha256": "SHA-256",
    "focus": "entity",
    "property": "property",
    "message": "message",
    "severity": "severity",
    "parameters": "parameters",
    "description": "description",
    "a": "entity A",
    "b": "entity B",
    "a_name": "name A",
    "b_name": "name B",
    "score": "score",
    "reason": "reason",
    "linked": "linked",
    "a_sector": "sector A",
    "b_sector": "sector B",
    "project": "project",
    "person": "person",
    "actor": "actor",
    "distance": "distance",
    "actors": "actors",
    "organisation": "organisation",
    "organisations": "organisations",
    "kind": "kind",
    "detail": "detail",
    "cell": "cell",
    "members": "members",
    "internal": "internal",
    "external": "external",
    "ei_index": "E-I index",
    "expected": "expected",
    "p_value": "p-value",
    "betweenness": "betweenness",
    "constraint": "constraint",
    "effective_size": "effective size",
    "ask": "answer",
}
# column -> the kind of code it holds, labelled from the ontology
CODES = {
    "sector": "sector",
    "a_sector": "sector",
    "b_sector": "sector",
    "missing_sector": "sector",
    "type": "type",
    "relation": "relation",
}
# column -> value -> its word (an English msgid)
WORDS = {
    "severity": {"Violation": "violation", "Warning": "warning", "Info": "note"},
    "linked": {"automatic": "automatic"},
    "loader": {"spreadsheet": "spreadsheet", "rdf": "RDF", "network": "network file", "document": "document"},
}


def header(column: str) -> str:
    """The header of ``column`` in the language in force."""
    return _(HEADERS[column]) if column in HEADERS else column


def kept_as_id(column: str, columns: list[str]) -> bool:
    """An id column stays ids where the table also names them (``id`` beside ``name``, ``a`` beside
    ``a_name``): people copy those ids into commands such as ``merge``."""
    return column == "id" or f"{column}_name" in columns


def cell(value, column: str, names: dict[str, str]) -> str:
    """One value as people read it: a label for a code, a name for an id, a localised number."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v, column, names) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return number(value, 4)
    if column in CODES:
        return label(str(value), of=CODES[column])
    if column == "property":
        return property_label(str(value))
    if value in WORDS.get(column, {}):
        return _(WORDS[column][value])
    return names.get(str(value), str(value))


def property_label(curie: str) -> str:
    """The label of the relation whose RDF property ``curie`` is (``schema:location`` -> "ligger i")."""
    from samverkan.ontology import PREFIXES, ontology

    prefix, _sep, local = curie.partition(":")
    iri = str(PREFIXES[prefix]) + local if prefix in PREFIXES else curie
    code = next((r.code for r in ontology().relations.values() if str(r.property) == iri), None)
    return label(code, of="relation") if code else curie


def humanise(rows: list[dict], columns: list[str], names: dict[str, str]) -> list[list[str]]:
    """The cells of ``rows`` for a table of ``columns``, ids replaced by ``names``; each distinct
    value of a column is written once (a long table repeats its sectors and projects)."""
    return [list(line) for line in zip(*(_column(rows, c, columns, names) for c in columns))]


def _column(rows: list[dict], column: str, columns: list[str], names: dict[str, str]) -> list[str]:
    """The cells of one column, each distinct value written once: by the value itself when the
    column holds only strings, else by value and type (``1``, ``1.0`` and ``True`` are equal keys)."""
    values = [row.get(column) for row in rows]
    named = {} if kept_as_id(column, columns) else names
    if all(type(v) is str or v is None for v in values):
        written = {v: cell(v, column, named) for v in set(values)}
        return [written[v] for v in values]
    keys = [(tuple(v) if isinstance(v, list) else v, type(v)) for v in values]
    typed = {key: cell(v, column, named) for key, v in dict(zip(keys, values)).items()}
    return [typed[key] for key in keys]


class EntityNames:
    """The names of the entities whose ids (``x`` or ``id:x``) appear as values in rows.

    ``start()`` reads every name in one scan, on a thread of its own, so a SPARQL query (which
    runs in a child process) and the scan take a core each. ``of(rows)`` waits for the scan when
    the rows hold many ids, and otherwise stops it and looks each id up in the store's index: on
    disk a lookup is a seek, and a scan of every name costs about a thousand of them. Leaving the
    ``with`` block stops the scan; the thread holds the store only while it reads (the workspace
    closes the store by letting go of it)."""

    def __init__(self, workspace):
        self.workspace, self._named = workspace, {}  # type: ignore[var-annotated]
        self._stop, self._thread = threading.Event(), None

    def start(self) -> EntityNames:
        args = (self.workspace.store, self._named, self._stop)
        self._thread = threading.Thread(target=_read_names, args=args, daemon=True)
        self._thread.start()
        return self

    def __enter__(self) -> EntityNames:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def stop(self) -> None:
        """End the scan, if one runs, and wait for its thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def of(self, rows: list[dict]) -> dict[str, str]:
        from samverkan.graph.mapping import entity_iri
        from samverkan.ontology import ID

        values = {v for v in _values(rows) if isinstance(v, str) and 0 < len(v) < 200}
        ids = {value: value.removeprefix("id:").removeprefix(str(ID)) for value in values}
        if len(ids) > SCAN_FROM:
            (self._thread or self.start()._thread).join()  # type: ignore[union-attr]
            iris = {
                value: str(ID) + eid if PLAIN_ID.fullmatch(eid) else entity_iri(eid).value
                for value, eid in ids.items()
            }
            return {value: self._named[iri] for value, iri in iris.items() if iri in self._named}
        self.stop()
        store, found = self.workspace.store, {}
        for value, eid in ids.items():
            quad = next(store.quads_for_pattern(entity_iri(eid), PREF_LABEL, None, None), None)
            if quad is not None:
                found[value] = quad.object.value
        return found


def _values(rows: list[dict]) -> set:
    """Every value in ``rows``, the items of lists and tuples one by one."""
    found: set = set()
    try:
        for row in rows:
            found.update(row.values())
    except TypeError:  # a list among the values
        for row in rows:
            found.update(x for x in row.values() if not isinstance(x, list))
            found.update(v for x in row.values() if isinstance(x, list) for v in x)
    for kept in [x for x in found if isinstance(x, tuple)]:
        found.update(kept)
    return found


def _read_names(store, named: dict[str, str], stop: threading.Event) -> None:
    """Every entity's name into ``named`` (IRI -> the first name, as a lookup finds it) until
    ``stop`` is set."""
    for quad in store.quads_for_pattern(None, PREF_LABEL, None, None):
        if stop.is_set():
            return
        named.setdefault(quad.subject.value, quad.object.value)
