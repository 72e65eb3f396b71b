"""Kumu's spreadsheet layout: ``Elements`` (Label, Type, Description, Tags, ...) and
``Connections`` (From, To, Type, ...).

Kumu types map to ours by code, label or synonym (Swedish or English, any case) as the ontology
lists them, or by a mapping the user gives (``--map-type "Kommunal verksamhet=department"``).
An element's id is its ``ID`` column if there is one, else derived from type and label;
connections name elements by label (or id). A connection without a type is ``collaborates_with``.
"""

from __future__ import annotations

from samverkan.i18n import _
from samverkan.loaders import fields
from samverkan.loaders.tables import Table
from samverkan.records import Entity, LoadError, Origin, Records, Relation

KNOWN = {"label", "type", "description", "id", "sector", "sektor"}  # others, Tags too, are attributes


def matches(tables: dict[str, Table]) -> bool:
    return "elements" in tables


def to_records(
    tables: dict[str, Table],
    type_map: dict[str, str] | None = None,
    relation_map: dict[str, str] | None = None,
) -> Records:
    """Kumu's elements and connections as records; every problem of the file at once."""
    problems: list[tuple[Origin, str]] = []
    entities = _elements(tables["elements"], _folded(type_map), problems)
    by_label = {key: e.id for e in entities for key in (e.name.casefold(), e.id.casefold())}
    relations = _connections(tables.get("connections"), by_label, _folded(relation_map), problems)
    if problems:
        raise LoadError(problems)
    return Records(entities, relations)


def _folded(mapping: dict[str, str] | None) -> dict[str, str]:
    return {k.casefold(): v for k, v in (mapping or {}).items()}


def _row(raw: dict[str, str]) -> dict[str, str]:
    return {k.strip().casefold(): v for k, v in raw.items()}


def _elements(elements: Table, type_map: dict[str, str], problems: list) -> list[Entity]:
    """One entity per element row; unknown Kumu types are named together, with how to map them."""
    entities: list[Entity] = []
    unknown_types: dict[str, Origin] = {}
    for origin, raw in elements.rows:
        row = _row(raw)
        label, kumu_type = row.get("label", ""), row.get("type", "")
        if not label:
            problems.append((origin.at("Label"), _("{column!r} is empty", column="Label")))
            continue
        try:
            type_code = fields.parse_type(type_map.get(kumu_type.casefold(), kumu_type))
        except ValueError as e:
            if kumu_type:
                unknown_types.setdefault(kumu_type, origin.at("Type"))
            else:
                problems.append((origin.at("Type"), str(e)))
            continue
        try:
            sector = fields.parse_sector(row.get("sector") or row.get("sektor") or "")
        except ValueError as e:
            problems.append((origin.at("Sector" if row.get("sector") else "Sektor"), str(e)))
            continue
        entities.append(
            Entity(
                id=row.get("id") or fields.derived_id(type_code, label),
                name=label,
                type=type_code,
                sector=sector,
                description=row.get("description") or None,
                attributes={k: v for k, v in row.items() if k not in KNOWN and v},
                origin=origin,
            )
        )
    if unknown_types:
        listed = ", ".join(f"{t!r} ({o})" for t, o in unknown_types.items())
        known = ", ".join(fields.ontology().types)
        message = _(
            'unknown Kumu types: {listed}. Map each to one of {known} with --map-type "KUMU TYPE=type"',
            listed=listed,
            known=known,
        )
        problems.append((elements.origin("Type"), message))
    return entities


def _connections(
    connections: Table | None, by_label: dict[str, str], relation_map: dict[str, str], problems: list
) -> list[Relation]:
    """One relation per connection row whose ends are known elements (by label or id)."""
    relations = []
    for origin, raw in connections.rows if connections else []:
        row = _row(raw)
        ends = []
        for column in ("from", "to"):
            name = row.get(column, "")
            ends.append(by_label.get(name.casefold()))
            if ends[-1] is None:
                problems.append(
                    (origin.at(column.capitalize()), _("no element with label {name!r}", name=name))
                )
        kumu_relation = row.get("type", "")
        try:
            relation = fields.parse_relation(
                relation_map.get(kumu_relation.casefold(), kumu_relation) or "collaborates_with"
            )
        except ValueError as e:
            hint = _('{problem}; map it with --map-relation "KUMU TYPE=relation"', problem=e)
            problems.append((origin.at("Type"), hint))
            continue
        source, target = ends
        if source and target:
            relations.append(Relation(source, relation, target, origin=origin))
    return relations
