"""The report a strategist can hand on: what was loaded, counts by sector and type, the figure,
the boundary matrix and E-I index, the top brokers, every gap with its evidence and source, and
the sources. HTML is one self-contained file (the figure embedded); DOCX is written with
python-docx and opens in Word and LibreOffice."""

from __future__ import annotations

import base64
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from samverkan.export.atomic import written
from samverkan.export.figure import draw
from samverkan.export.persons import clean, outgoing
from samverkan.graph.projection import tie_graph
from samverkan.queries.boundaries import boundaries
from samverkan.queries.brokers import brokers
from samverkan.queries.gaps import gaps

TEMPLATES = Path(__file__).parent / "templates"
TOP_BROKERS = 10
KIND_NAMES = {"silo_pair": "Stuprör: enheter i samma organisation utan band",
              "sector_gap": "Sektorsluckor: teman och platser där en sektor saknas",
              "single_sector_project": "Projekt med bara en sektor",
              "bridge": "Broar: band som ensamma håller ihop två delar",
              "articulation_point": "Knutpunkter: aktörer som ensamma håller ihop delar",
              "key_person": "Nyckelpersoner: en person är enda länken",
              "isolated": "Isolerade aktörer",
              "suggested_partner": "Föreslagna partner",
              "fading_tie": "Band som snart upphör",
              "lost_tie": "Förlorade band"}


def evidence_lines(gap: dict) -> list[str]:
    """One readable line per piece of evidence: the fact, its quote and its documents."""
    lines = []
    for item in gap.get("evidence", []):
        relations = item.get("relations") or ([item] if "relation" in item else [])
        for r in relations:
            where = ", ".join(r.get("documents") or r.get("sources") or [])
            quote = f" – ”{r['quote']}”" if r.get("quote") else ""
            lines.append(f"{r['from']} {r['relation']} {r['to']}{quote}" + (f" ({where})" if where else ""))
        if not relations:
            if "project" in item:
                lines.append(f"{item['project']}: {', '.join(item['organisations'])}")
            elif "shared" in item:
                lines.append(f"delar {item['shared']}")
            elif "tie" in item:
                lines.append(f"{' – '.join(item['tie'])}: " + ", ".join(f"{r['kind']} {r['id']}" for r in item.get("reasons", [])))
            elif "entity" in item:
                lines.append(f"{item['entity']} ({', '.join(item.get('sources', []))})")
    return list(dict.fromkeys(lines))


def content(workspace, as_of: date | None = None, persons: str = "show", permutations: int = 1000) -> dict:
    """Everything the report shows, computed once for both formats."""
    as_of = as_of or date.today()
    out = outgoing(workspace, persons)
    records = out.records
    g = tie_graph(records, as_of)
    grouped = defaultdict(list)
    for gap in gaps(records, as_of, g=g):
        grouped[gap["kind"]].append({**gap, "lines": evidence_lines(gap)})
    stats = workspace.stats()
    stats["relations"] = len(records.relations)
    stats["entities"] = len(records.entities)
    return {"records": records, "as_of": as_of.isoformat(), "persons": persons, "stats": stats,
            "sources": out.sources, "boundaries": boundaries(g, "sector", permutations),
            "brokers": brokers(g, "sector", top=TOP_BROKERS), "gaps": dict(grouped),
            "documents": sorted({ev.source for item in records.entities + records.relations
                                 for ev in item.evidence if ev.source})}


def fmt(value) -> str:
    return "–" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def write_report(workspace, out: Path, as_of: date | None = None, persons: str = "show", public: bool = False,
                 title: str = "Samverkan: rapport", permutations: int = 1000, **_) -> Path:
    """Write the report as HTML or DOCX (from the suffix of ``out``); ``public`` shows persons by role."""
    out, title = Path(out), clean(title)
    data = content(workspace, as_of, "role" if public else persons, permutations)
    with tempfile.TemporaryDirectory() as tmp:
        suffix = ".png" if out.suffix.casefold() == ".docx" else ".svg"
        figure = draw(data["records"], Path(tmp) / f"figure{suffix}", as_of, title=title)
        with written(out) as target:
            if suffix == ".png":
                _docx(data, figure, target, title)
            else:
                env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
                html = env.get_template("report.html").render(
                    title=title, fmt=fmt, kind_names=KIND_NAMES,
                    figure=base64.b64encode(figure.read_bytes()).decode(), **data)
                target.write_text(html, encoding="utf-8")
    return out


def _docx(data: dict, figure: Path, out: Path, title: str) -> None:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    doc.add_heading(title, 0)
    doc.add_paragraph(f"Läge per {data['as_of']}. {data['stats']['entities']} aktörer och "
                      f"{data['stats']['relations']} relationer från {len(data['sources'])} källor.")

    def table(header, rows):
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, header):
            cell.text = str(text)
        for row in rows:
            for cell, text in zip(t.add_row().cells, row):
                cell.text = fmt(text)

    doc.add_heading("Vad som är inläst", 1)
    table(["Källa", "Inläsare", "Aktörer", "Relationer", "Inläst"],
          [[s["name"], s["loader"], s["entities"], s["relations"], s["loaded_at"]] for s in data["sources"]])
    doc.add_heading("Aktörer per sektor och typ", 1)
    table(["Sektor", "Antal"], data["stats"]["entities_by_sector"].items())
    table(["Typ", "Antal"], data["stats"]["entities_by_type"].items())
    doc.add_heading("Nätverket", 1)
    doc.add_picture(str(figure), width=Cm(16))
    b = data["boundaries"]
    doc.add_heading("Gränser: band inom och mellan sektorer", 1)
    doc.add_paragraph(f"E-I-index (Krackhardt & Stern 1988): {fmt(b['ei_index'])}; väntat av slumpen "
                      f"{fmt(b['expected'])} (p = {fmt(b['p_value'])}).")
    table(["", *b["matrix"], "E-I"], [[a, *row.values(), b["cells"][a]["ei_index"]] for a, row in b["matrix"].items()])
    doc.add_heading("Mellanhänder", 1)
    table(["Aktör", "Betweenness", "Constraint", "Effektiv storlek", "Koordinator", "Itinerant", "Representant", "Liaison"],
          [[r["name"], r["betweenness"], r["constraint"], r["effective_size"], *r["brokerage"].values()]
           for r in data["brokers"]])
    doc.add_heading("Luckor", 1)
    for kind, items in data["gaps"].items():
        doc.add_heading(f"{KIND_NAMES.get(kind, kind)} ({len(items)})", 2)
        for gap in items:
            doc.add_paragraph(gap["detail"], style="List Bullet")
            for line in gap["lines"]:
                doc.add_paragraph(line, style="List Bullet 2")
    doc.add_heading("Källor", 1)
    for s in data["sources"]:
        doc.add_paragraph(f"{s['name']} — {s['path']}", style="List Bullet")
    for d in data["documents"]:
        doc.add_paragraph(d, style="List Bullet")
    doc.save(out)
