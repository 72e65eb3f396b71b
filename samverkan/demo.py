"""The demo: a fresh workspace from the bundled example, and what samverkan makes of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Callable

from samverkan.export import export
from samverkan.export.figure import draw
from samverkan.export.map import write_map
from samverkan.export.report import write_report
from samverkan.export.words import gap_counts, loaded_line
from samverkan.graph.workspace import Workspace
from samverkan.i18n import _, label, n_, number

EXAMPLE = Path(__file__).parent / "examples" / "seeds"
TEXT = Path(__file__).parent / "examples" / "texts" / "000_4455b9a8e428702b.txt"


def findings(records, out: Path, echo) -> None:
    """Write boundaries.json and gaps.json and echo the headline findings."""
    from collections import Counter
    from datetime import date

    from samverkan.network import Network

    net = Network(records, date.today())
    g = net.graph
    mixing = net.boundaries("sector")
    found = net.gaps()

    def write(name, data):
        return (out / name).write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")  # noqa: E731

    write("boundaries.json", mixing)
    write("gaps.json", found)
    cross = sum(t["cross"] for t in mixing["ties"])
    echo(
        _(
            "{organisations}, {ties}, {cross} of them across sectors; E-I index by sector {ei} "
            "(by chance {expected}, p = {p})",
            organisations=n_("{n} organisation", "{n} organisations", g.number_of_nodes()),
            ties=n_("{n} tie", "{n} ties", g.number_of_edges()),
            cross=number(cross),
            ei=_signed(mixing["ei_index"]),
            expected=_signed(mixing["expected"]),
            p=number(mixing["p_value"]),
        )
    )
    top = net.brokers("sector", top=1)[0]
    echo(
        _(
            "strongest broker: {name} (betweenness {value})",
            name=top["name"],
            value=number(top["betweenness"], 3),
        )
    )
    echo(_("gaps: {counts}", counts=gap_counts(Counter(x["kind"] for x in found))))
    for sector in ("civil_society", "private"):
        without = sum(1 for x in found if x["kind"] == "sector_gap" and sector in x["missing_sectors"])
        if without:
            echo(
                _(
                    "no organisation of the {sector} in {n} of the themes and places that projects work on",
                    sector=label(sector, of="sector"),
                    n=number(without),
                )
            )
    for x in [x for x in found if x["kind"] == "silo_pair"][:3]:
        echo(_("silo: {detail}", detail=x["detail"]))


def _signed(value: float) -> str:
    """A number with its sign, as people of the language write it: +0,25."""
    return ("+" if value >= 0 else "") + number(value)


def extraction(records, text: Path, out: Path, echo) -> dict:
    """Run the Swedish extraction on one of the texts the example was made from and compare its
    candidates with the curated example: which it already holds (same type and name or alias,
    the same relation between them), which it lacks. Writes extraction.json."""
    from samverkan.extract import extract
    from samverkan.extract.documents import main_text
    from samverkan.identity import normalise

    found = extract(main_text(text), text.name)
    known: dict[tuple[str, str], str] = {}
    for e in records.entities:
        for name in (e.name, *e.aliases):
            known.setdefault((e.type, normalise(name)), e.id)
    ids = {
        e.id: next(
            (known[(e.type, normalise(n))] for n in (e.name, *e.aliases) if (e.type, normalise(n)) in known),
            None,
        )
        for e in found.entities
    }
    held = {(r.source, r.relation, r.target) for r in records.relations}
    result: dict[str, Any] = {
        "text": text.name,
        "entities": [
            {"name": e.name, "type": e.type, "confidence": e.confidence, "in_example": ids[e.id]}
            for e in found.entities
        ],
        "relations": [
            {
                "from": r.source,
                "relation": r.relation,
                "to": r.target,
                "quote": r.evidence[0].quote,
                "in_example": (ids[r.source], r.relation, ids[r.target]) in held,
            }
            for r in found.relations
        ],
    }
    (out / "extraction.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    lacking = [f"{e['name']} ({label(e['type'])})" for e in result["entities"] if not e["in_example"]]
    echo(
        _(
            "extraction from {text}: {entities}, {relations}; the example holds {held} of the entities and "
            "{held_relations} of the relations",
            text=text.name,
            entities=n_("{n} candidate entity", "{n} candidate entities", len(found.entities)),
            relations=n_("{n} relation", "{n} relations", len(found.relations)),
            held=number(len(found.entities) - len(lacking)),
            held_relations=number(sum(r["in_example"] for r in result["relations"])),
        )
    )
    if lacking:
        echo(_("not in the example: {names}", names=", ".join(lacking)))
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
        for row in ws.load([EXAMPLE]):
            echo(loaded_line(row))
        stats = ws.stats()
        (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
        echo(
            _(
                "entities by sector: {counts}",
                counts=", ".join(
                    f"{label(k, of='sector')} {number(v)}" for k, v in stats["entities_by_sector"].items()
                ),
            )
        )
        export(ws, "ttl", out / "samverkan.ttl")
        records = ws.records()
        findings(records, out, echo)
        title = _("Collaboration in the example")
        write_map(ws, out / "map.html", title=title)
        draw(records, out / "figure.svg", title=title)
        write_report(ws, out / "report.html", title=_("{title}: report", title=title))
        echo(_("map.html, figure.svg and report.html show the network"))
        extraction(records, TEXT, out, echo)
    echo(_("wrote {path}", path=f"{out}/"))
    return out
