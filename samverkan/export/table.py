"""Tables for people: the command line's ``table`` format in the language in force.

Headers are translated, codes of sectors, types and relations become the ontology's labels,
ids of entities become their names, numbers are written as people of the language write them.
JSON and CSV never pass through here: they keep codes and ids.
"""

from __future__ import annotations

from samverkan.i18n import _, label, number

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
    """The cells of ``rows`` for a table of ``columns``, ids replaced by ``names``."""
    return [[cell(row.get(c), c, {} if kept_as_id(c, columns) else names) for c in columns] for row in rows]


def entity_names(workspace, rows: list[dict]) -> dict[str, str]:
    """The names of the entities whose ids (``x`` or ``id:x``) appear as values in ``rows``."""
    import pyoxigraph as ox

    from samverkan.graph.mapping import entity_iri
    from samverkan.ontology import ID

    pref_label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    cells = (x for row in rows for x in row.values())
    values = {
        v
        for x in cells
        for v in (x if isinstance(x, (list, tuple)) else [x])
        if isinstance(v, str) and 0 < len(v) < 200
    }
    found = {}
    for value in values:
        iri = entity_iri(value.removeprefix("id:").removeprefix(str(ID)))
        quad = next(workspace.store.quads_for_pattern(iri, pref_label, None, None), None)
        if quad is not None:
            found[value] = quad.object.value
    return found
