"""The property-graph model of the ontology, shared by Cypher exports and databases.

Nodes carry one label for the kind of thing (``Organisation``, ``Person``, ``Project``,
``Event``, ``Place``, ``Theme``: the ontology's ``sv:graphLabel``) and the properties ``id``,
``name``, ``aliases``, ``type``, ``sector``, ``start_date``, ``end_date`` (ISO dates: ``end``
is a reserved word in Cypher), ``sources``; relationships have
one type per relation in UPPER_SNAKE_CASE (the ontology's ``sv:relationType``) and the
properties ``key`` (unique per relation), ``role``, ``start_date``, ``end_date``, ``quote``,
``sources``. The shape follows Neo4j's
neosemantics (one node per resource, ``id`` unique) with qualified relations as properties.
"""

from __future__ import annotations

from samverkan.graph.mapping import statement_hash
from samverkan.ontology import ontology
from samverkan.records import Records

NODE_PROPERTIES = ("id", "name", "aliases", "type", "sector", "start_date", "end_date", "sources")
RELATIONSHIP_PROPERTIES = ("key", "role", "start_date", "end_date", "quote", "sources")


def nodes(records: Records) -> dict[str, list[dict]]:
    """Node rows by label; dates as ISO strings, lists as lists."""
    return {label: node_rows(entities) for label, entities in node_groups(records).items()}


def node_groups(records: Records) -> dict[str, list]:
    """The entities by node label, in their order (:func:`node_rows` makes their rows)."""
    onto = ontology()
    out: dict[str, list] = {}
    for e in records.entities:
        out.setdefault(onto.types[e.type].graph_label, []).append(e)
    return out


def node_rows(entities) -> list[dict]:
    types = ontology().types
    return [
        {
            "id": e.id,
            "name": e.name,
            "aliases": list(e.aliases),
            "type": e.type,
            "sector": e.sector or types[e.type].default_sector,
            "start_date": e.start.isoformat() if e.start else None,
            "end_date": e.end.isoformat() if e.end else None,
            "sources": list(e.sources),
        }
        for e in entities
    ]


def relation_key(r) -> str:
    """A relationship's own id, so that MERGE keeps two relations of one type between the same
    nodes apart (e.g. two roles): the statement hash of the RDF mapping."""
    return statement_hash(r)


def relationships(records: Records) -> dict[tuple[str, str, str], list[dict]]:
    """Relationship rows by (type, from label, to label), with ``from`` and ``to`` ids."""
    return {key: relationship_rows(relations) for key, relations in relationship_groups(records).items()}


def relationship_groups(records: Records) -> dict[tuple[str, str, str], list]:
    """The relations by (type, from label, to label), in their order (:func:`relationship_rows`
    makes their rows)."""
    onto = ontology()
    label = {e.id: onto.types[e.type].graph_label for e in records.entities}
    out: dict[tuple[str, str, str], list] = {}
    for r in records.relations:
        key = (onto.relations[r.relation].relation_type, label[r.source], label[r.target])
        out.setdefault(key, []).append(r)
    return out


def relationship_rows(relations) -> list[dict]:
    return [
        {
            "from": r.source,
            "to": r.target,
            "key": relation_key(r),
            "role": r.role,
            "start_date": r.start.isoformat() if r.start else None,
            "end_date": r.end.isoformat() if r.end else None,
            "quote": next((ev.quote for ev in r.evidence if ev.quote), None),
            "sources": list(r.sources),
        }
        for r in relations
    ]
