"""The project's spreadsheet template: tables ``entities`` and ``relations``.

entities: required ``id,name,type``; optional ``sector,part_of,aliases,org_number,start,end,url,
description,source,quote``; any other column is kept as an attribute. relations: required
``from,relation,to``; optional ``role,start,end,source,quote``. A review sheet written by
``samverkan extract`` adds ``accept`` (only yes-like rows load), ``confidence`` and ``span`` (the
quote's character offsets in the document's main text, ``start-end``).
"""

from __future__ import annotations

import re

from samverkan.i18n import _
from samverkan.loaders import fields
from samverkan.loaders.tables import Table
from samverkan.records import Entity, Evidence, LoadError, Origin, Records, Relation

ENTITY_COLUMNS = [
    "id",
    "name",
    "type",
    "sector",
    "part_of",
    "aliases",
    "org_number",
    "start",
    "end",
    "url",
    "description",
    "source",
    "quote",
]
RELATION_COLUMNS = ["from", "relation", "to", "role", "start", "end", "source", "quote"]
REQUIRED = {"entities": ["id", "name", "type"], "relations": ["from", "relation", "to"]}
REVIEW_COLUMNS = {"accept", "confidence", "span"}
KNOWN = set(ENTITY_COLUMNS) | REVIEW_COLUMNS  # an entity's other columns are its attributes


def matches(tables: dict[str, Table]) -> bool:
    return "entities" in tables


def to_records(tables: dict[str, Table]) -> Records:
    """Read the template's tables into records, collecting every problem before refusing."""
    problems: list[tuple[Origin, str]] = []
    records = Records()
    for name in ("entities", "relations"):
        table = tables.get(name)
        if table is None:
            continue
        header = {h.strip().casefold() for h in table.header}
        missing = [c for c in REQUIRED[name] if c not in header]
        if missing:
            problems += [
                (
                    table.origin(c),
                    _("missing required column {column!r} in table {table!r}", column=c, table=name),
                )
                for c in missing
            ]
            continue
        read_row = _entity if name == "entities" else _relation
        review = "accept" in header
        keys = {h: h.strip().casefold() for h in table.header}  # a row's keys, made once
        for origin, raw in table.rows:
            try:
                row = {keys[k]: v for k, v in raw.items()}
            except KeyError:  # a row keyed otherwise than its header
                row = {k.strip().casefold(): v for k, v in raw.items()}
            if review and not fields.accepted(row.get("accept")):
                continue
            try:
                item = read_row(row, origin)
            except _RowError as e:
                problems.append((origin.at(e.column), e.message))
                continue
            if isinstance(item, Entity):
                records.entities.append(item)
            else:
                records.relations.append(item)
    records.entities = _unique(records.entities, problems)
    if problems:
        raise LoadError(problems)
    return records


class _RowError(Exception):
    def __init__(self, column: str, message: str):
        self.column, self.message = column, message


def _parse(row: dict, column: str, parser):
    try:
        return parser(row.get(column, ""))
    except ValueError as e:
        raise _RowError(column, str(e)) from None


def _optional(row: dict, column: str, parser):
    """:func:`_parse` of a column whose parser reads an empty cell as None: None at once."""
    return _parse(row, column, parser) if row.get(column) else None


def _required(row: dict, column: str) -> str:
    value = row.get(column, "")
    if not value:
        raise _RowError(column, _("{column!r} is empty", column=column))
    return value


def _evidence(row: dict) -> list[Evidence]:
    source, quote, span = row.get("source") or None, row.get("quote") or None, row.get("span") or None
    if span:
        bounds = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", str(span))
        if not bounds:
            raise _RowError(
                "span", _("span {span!r} is not start-end character offsets, such as 120-164", span=span)
            )
        span = (int(bounds.group(1)), int(bounds.group(2)))
    return [Evidence(source=source, quote=quote, span=span)] if source or quote else []


def _confidence(row: dict) -> float | None:
    text = row.get("confidence", "")
    try:
        return float(text) if text else None
    except ValueError:
        raise _RowError("confidence", _("confidence {text!r} is not a number", text=text)) from None


def _entity(row: dict, origin: Origin) -> Entity:
    return Entity(
        id=_required(row, "id"),
        name=_required(row, "name"),
        type=_parse(row, "type", fields.parse_type),
        sector=_optional(row, "sector", fields.parse_sector),
        part_of=row.get("part_of") or None,
        aliases=fields.split_list(row.get("aliases", "")),
        org_number=_optional(row, "org_number", fields.parse_org_number),
        start=_optional(row, "start", fields.parse_date),
        end=_optional(row, "end", fields.parse_date),
        url=row.get("url") or None,
        description=row.get("description") or None,
        attributes={k: v for k, v in row.items() if k not in KNOWN and v},
        evidence=_evidence(row),
        confidence=_confidence(row),
        origin=origin,
    )


def _relation(row: dict, origin: Origin) -> Relation:
    source, target = _required(row, "from"), _required(row, "to")
    if source == target:
        raise _RowError("to", _("a relation from {id!r} to itself", id=source))
    return Relation(
        source=source,
        relation=_parse(row, "relation", fields.parse_relation),
        target=target,
        role=row.get("role") or None,
        start=_optional(row, "start", fields.parse_date),
        end=_optional(row, "end", fields.parse_date),
        evidence=_evidence(row),
        confidence=_confidence(row),
        origin=origin,
    )


def _unique(entities: list[Entity], problems: list) -> list[Entity]:
    """Rows with the same id must say the same thing; their evidence is pooled."""
    seen: dict[str, Entity] = {}
    for e in entities:
        first = seen.get(e.id)
        if first is None:
            seen[e.id] = e
            continue
        if _facts(first) != _facts(e):
            assert e.origin and first.origin, "every row read has its origin"
            problems.append(
                (
                    e.origin.at("id"),
                    _(
                        "duplicate id {id!r} with different data (first defined at row {row})",
                        id=e.id,
                        row=first.origin.row,
                    ),
                )
            )
        else:
            first.evidence += [ev for ev in e.evidence if ev not in first.evidence]
    return list(seen.values())


def _facts(e: Entity) -> tuple:
    return (
        e.name,
        e.type,
        e.sector,
        e.part_of,
        sorted(e.aliases),
        e.org_number,
        e.start,
        e.end,
        e.url,
        e.description,
        sorted(e.attributes.items()),
    )
