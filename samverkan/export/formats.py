"""Exchange formats from the workspace's records: GraphML and GEXF (Gephi, yEd), the CSV
template, Kumu's workbook, a Cypher script and neo4j-admin import files.

Each function writes ``out`` (a file, or a folder for ``csv`` and ``neo4j-admin``) and takes
``persons`` (show, initials, hide, role); every string passes through :func:`persons.outgoing`
(redacted, and safe for XML 1.0). Kumu cells that a spreadsheet would read as a formula are text.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from samverkan.export.persons import outgoing
from samverkan.export.style import SECTOR_COLORS
from samverkan.graph import property_graph
from samverkan.loaders.template import ENTITY_COLUMNS, RELATION_COLUMNS
from samverkan.ontology import ontology
from samverkan.records import Evidence, Records

FORMULA_START = ("=", "+", "-", "@")  # what Excel and LibreOffice read as the start of a formula


def _records(workspace, persons: str) -> Records:
    return outgoing(workspace, persons).records


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(map(str, value))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _cited(evidence: list[Evidence]) -> list[list[str]]:
    """The source and quote of each piece of evidence, or one empty pair: one CSV row each."""
    return [[_text(ev.source), _text(ev.quote)] for ev in evidence] or [["", ""]]


def network(records: Records) -> nx.MultiDiGraph:
    """Entities as nodes and relations as edges, with the template's columns as attributes
    (so the loader reads the file back) and the sector colour for Gephi."""
    g = nx.MultiDiGraph()
    onto = ontology()
    for e in records.entities:
        sector = e.sector or onto.types[e.type].default_sector
        attributes = {
            "label": e.name,
            "name": e.name,
            "type": e.type,
            "sector": sector,
            "part_of": e.part_of,
            "aliases": e.aliases,
            "org_number": e.org_number,
            "start": e.start,
            "end": e.end,
            "url": e.url,
            "description": e.description,
            "color": SECTOR_COLORS.get(sector, SECTOR_COLORS[None]),
            **e.attributes,
        }
        g.add_node(e.id, **{k: _text(v) for k, v in attributes.items() if v not in (None, "", [])})
    for i, r in enumerate(records.relations):
        attributes = {
            "relation": r.relation,
            "role": r.role,
            "start": r.start,
            "end": r.end,
            "quote": next((ev.quote for ev in r.evidence if ev.quote), None),
        }
        g.add_edge(r.source, r.target, key=f"e{i}", **{k: _text(v) for k, v in attributes.items() if v})
    return g


def graphml(workspace, out: Path, persons: str = "show", **_) -> None:
    nx.write_graphml(network(_records(workspace, persons)), out)


def gexf(workspace, out: Path, persons: str = "show", **_) -> None:
    """GEXF 1.2draft (what Gephi and networkx read); the sector colour is a node attribute, as
    the schema's viz module does not validate with the namespace Gephi writes."""
    from lxml import etree

    root = etree.fromstring("\n".join(nx.generate_gexf(network(_records(workspace, persons)))).encode())
    graph = root.find("{http://www.gexf.net/1.2draft}graph")
    graph.attrib.pop("name", None)  # networkx writes name="", which the 1.2draft schema refuses
    etree.ElementTree(root).write(str(out), encoding="utf-8", xml_declaration=True, pretty_print=True)


def template_csv(workspace, out: Path, persons: str = "show", **_) -> None:
    """The template itself: one row per piece of evidence, so a reload gives the same facts."""
    records = _records(workspace, persons)
    out.mkdir(parents=True, exist_ok=True)
    extra = sorted({k for e in records.entities for k in e.attributes} - set(ENTITY_COLUMNS))
    with open(out / "entities.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(ENTITY_COLUMNS + extra)
        for e in records.entities:
            base = [
                e.id,
                e.name,
                e.type,
                e.sector or "",
                "",
                e.aliases,
                e.org_number,
                e.start,
                e.end,
                e.url,
                e.description,
            ]
            for cited in _cited(e.evidence):
                w.writerow([_text(v) for v in base] + cited + [e.attributes.get(k, "") for k in extra])
    with open(out / "relations.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(RELATION_COLUMNS)
        for r in records.relations:
            for cited in _cited(r.evidence):
                ends = (r.source, r.relation, r.target, r.role, r.start, r.end)
                w.writerow([_text(v) for v in ends] + cited)


def kumu(workspace, out: Path, persons: str = "show", **_) -> None:
    """Kumu's import workbook: Elements (ID, Label, Type, Description, Tags, Sector) and
    Connections (From, To, Type, Role, Start, End); From and To name elements by ID. A cell
    starting with ``=``, ``+``, ``-`` or ``@`` is stored as text with a quote prefix (OWASP's
    "CSV injection"), so no value runs as a formula."""
    from openpyxl import Workbook

    records = _records(workspace, persons)
    wb = Workbook()
    elements = wb.active
    elements.title = "Elements"
    elements.append(["ID", "Label", "Type", "Description", "Tags", "Sector"])
    for e in records.entities:
        elements.append([e.id, e.name, e.type, e.description or "", "|".join(e.aliases), e.sector or ""])
    connections = wb.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Role", "Start", "End"])
    for r in records.relations:
        connections.append([r.source, r.target, r.relation, r.role or "", _text(r.start), _text(r.end)])
    for cell in (c for sheet in wb for row in sheet.iter_rows() for c in row):
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
            cell.data_type, cell.quotePrefix = "s", True  # text, never a live formula
    wb.save(out)


def cypher_literal(value) -> str:
    """A Cypher literal: strings quoted with every backslash and quote escaped."""
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False).replace("'", "\\'")


def cypher(workspace, out: Path, persons: str = "show", **_) -> None:
    """A script of MERGE statements in the property-graph model (runs in cypher-shell)."""
    records = _records(workspace, persons)
    lines = []
    for label in property_graph.nodes(records):
        lines.append(f"CREATE INDEX IF NOT EXISTS FOR (n:{label}) ON (n.id);")
    for label, rows in property_graph.nodes(records).items():
        for row in rows:
            props = ", ".join(
                f"n.{k} = {cypher_literal(v)}" for k, v in row.items() if k != "id" and v not in (None, [])
            )
            lines.append(f"MERGE (n:{label} {{id: {cypher_literal(row['id'])}}}) SET {props};")
    for (rtype, a, b), rows in property_graph.relationships(records).items():
        for row in rows:
            props = ", ".join(
                f"r.{k} = {cypher_literal(v)}"
                for k, v in row.items()
                if k not in ("from", "to", "key") and v not in (None, [])
            )
            lines.append(
                f"MATCH (a:{a} {{id: {cypher_literal(row['from'])}}}), (b:{b} {{id: {cypher_literal(row['to'])}}}) "  # noqa: E501
                f"MERGE (a)-[r:{rtype} {{key: {cypher_literal(row['key'])}}}]->(b)"
                + (f" SET {props};" if props else ";")
            )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def neo4j_admin(workspace, out: Path, persons: str = "show", **_) -> None:
    """``neo4j-admin database import`` files: nodes.csv and relationships.csv with typed headers
    (array properties separated by ``;``, the tool's default)."""
    records = _records(workspace, persons)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "nodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "id:ID",
                "name",
                "aliases:string[]",
                "type",
                "sector",
                "start_date:date",
                "end_date:date",
                "sources:string[]",
                ":LABEL",
            ]
        )
        for label, rows in property_graph.nodes(records).items():
            for row in rows:
                w.writerow([_text(row[k]) for k in property_graph.NODE_PROPERTIES] + [label])
    with open(out / "relationships.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                ":START_ID",
                ":END_ID",
                ":TYPE",
                "key",
                "role",
                "start_date:date",
                "end_date:date",
                "quote",
                "sources:string[]",
            ]
        )
        for (rtype, _a, _b), rows in property_graph.relationships(records).items():
            for row in rows:
                w.writerow(
                    [row["from"], row["to"], rtype]
                    + [_text(row[k]) for k in property_graph.RELATIONSHIP_PROPERTIES]
                )
