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
    type_map = {k.casefold(): v for k, v in (type_map or {}).items()}
    relation_map = {k.casefold(): v for k, v in (relation_map or {}).items()}
    problems: list[tuple[Origin, str]] = []
    unknown_types: dict[str, Origin] = {}
    records = Records()
    by_label: dict[str, str] = {}
    elements = tables["elements"]
    for origin, raw in elements.rows:
        row = {k.strip().casefold(): v for k, v in raw.items()}
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
        entity = Entity(
            id=row.get("id") or fields.derived_id(type_code, label),
            name=label,
            type=type_code,
            sector=sector,
            description=row.get("description") or None,
            attributes={k: v for k, v in row.items() if k not in KNOWN and v},
            origin=origin,
        )
        records.entities.append(entity)
        by_label[label.casefold()] = entity.id
        by_label[entity.id.casefold()] = entity.id
    if unknown_types:
        listed = ", ".join(f"{t!r} ({o})" for t, o in unknown_types.items())
        problems.append(
            (
                elements.origin("Type"),
                _(
                    "unknown Kumu types: {listed}. Map each to one of {known} "
                    'with --map-type "KUMU TYPE=type"',
                    listed=listed,
                    known=", ".join(fields.ontology().types),
                ),
            )
        )
    connections = tables.get("connections")
    for origin, raw in connections.rows if connections else []:
        row = {k.strip().casefold(): v for k, v in raw.items()}
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
            problems.append(
                (
                    origin.at("Type"),
                    _('{problem}; map it with --map-relation "KUMU TYPE=relation"', problem=e),
                )
            )
            continue
        source, target = ends
        if source and target:
            records.relations.append(Relation(source, relation, target, origin=origin))
    if problems:
        raise LoadError(problems)
    return records
