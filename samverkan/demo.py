"""The demo: a fresh workspace from the bundled example, and what samverkan makes of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

from samverkan.export import export
from samverkan.export.figure import draw
from samverkan.export.map import write_map
from samverkan.export.report import write_report
from samverkan.graph.workspace import Workspace

EXAMPLE = Path(__file__).parent / "examples" / "seeds"
TEXT = Path(__file__).parent / "examples" / "texts" / "000_4455b9a8e428702b.txt"


def findings(records, out: Path, echo) -> None:
    """Write boundaries.json and gaps.json and echo the headline findings."""
    from collections import Counter
    from datetime import date

    from samverkan.graph.projection import tie_graph
    from samverkan.queries.boundaries import boundaries
    from samverkan.queries.brokers import brokers
    from samverkan.queries.gaps import gaps

    g = tie_graph(records, date.today())
    mixing = boundaries(g, "sector")
    found = gaps(records, date.today(), g=g)
    write = lambda name, data: (out / name).write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")  # noqa: E731
    write("boundaries.json", mixing)
    write("gaps.json", found)
    cross = sum(t["cross"] for t in mixing["ties"])
    echo(f"{g.number_of_nodes()} organisations, {g.number_of_edges()} ties, {cross} of them across sectors; "
         f"E-I index by sector {mixing['ei_index']:+.2f} (by chance {mixing['expected']:+.2f}, p = {mixing['p_value']:.2f})")
    top = brokers(g, "sector", top=1)[0]
    echo(f"strongest broker: {top['name']} (betweenness {top['betweenness']:.3f})")
    counts = Counter(x["kind"] for x in found)
    echo("gaps: " + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items()))
    for sector in ("civil_society", "private"):
        without = sum(1 for x in found if x["kind"] == "sector_gap" and x["missing_sector"] == sector)
        if without:
            echo(f"no {sector.replace('_', '-')} organisation in {without} of the themes and places "
                 "that projects work on")
    for x in [x for x in found if x["kind"] == "silo_pair"][:3]:
        echo(f"silo: {x['detail']}")


def extraction(records, text: Path, out: Path, echo) -> dict:
    """Run the Swedish extraction on one of the texts the example was made from and compare its
    candidates with the curated example: which it already holds (same type and name or alias,
    the same relation between them), which it lacks. Writes extraction.json."""
    from samverkan.graph.resolve import normalise
    from samverkan.extract.documents import main_text
    from samverkan.extract import extract

    found = extract(main_text(text), text.name)
    known = {}
    for e in records.entities:
        for name in (e.name, *e.aliases):
            known.setdefault((e.type, normalise(name)), e.id)
    ids = {e.id: next((known[(e.type, normalise(n))] for n in (e.name, *e.aliases) if (e.type, normalise(n)) in known),
                      None) for e in found.entities}
    held = {(r.source, r.relation, r.target) for r in records.relations}
    result = {"text": text.name,
              "entities": [{"name": e.name, "type": e.type, "confidence": e.confidence, "in_example": ids[e.id]}
                           for e in found.entities],
              "relations": [{"from": r.source, "relation": r.relation, "to": r.target, "quote": r.evidence[0].quote,
                             "in_example": (ids[r.source], r.relation, ids[r.target]) in held}
                            for r in found.relations]}
    (out / "extraction.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    lacking = [f"{e['name']} ({e['type']})" for e in result["entities"] if not e["in_example"]]
    echo(f"extraction from {text.name}: {len(found.entities)} candidate entities, {len(found.relations)} relations; "
         f"the example holds {len(found.entities) - len(lacking)} of the entities and "
         f"{sum(r['in_example'] for r in result['relations'])} of the relations")
    if lacking:
        echo("not in the example: " + ", ".join(lacking))
    return result


def run_demo(out: Path, echo: Callable[[str], None] = print) -> Path:
    """Build ``out/workspace`` from the bundled example and write into ``out``: stats.json,
    samverkan.ttl, boundaries.json, gaps.json, map.html, figure.svg, report.html, and
    extraction.json (the extraction run on one of the example's source texts)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if (out / "workspace").exists():
        shutil.rmtree(out / "workspace")
    with Workspace.open(out / "workspace", create=True) as ws:
        for row in ws.load([EXAMPLE], progress=echo):
            echo(f"loaded {row['name']}: {row['entities']} entities, {row['relations']} relations, "
                 f"{row['triples']} triples")
        stats = ws.stats()
        (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
        echo("entities by sector: " + ", ".join(f"{k} {v}" for k, v in stats["entities_by_sector"].items()))
        export(ws, "ttl", out / "samverkan.ttl")
        records = ws.records()
        findings(records, out, echo)
        write_map(ws, out / "map.html", title="Samverkan i exemplet")
        draw(records, out / "figure.svg", title="Samverkan i exemplet")
        write_report(ws, out / "report.html", title="Samverkan i exemplet: rapport")
        echo("map.html, figure.svg and report.html show the network")
        extraction(records, TEXT, out, echo)
    echo(f"wrote {out}/")
    return out
