"""The interactive map: one HTML file that works offline (the vis-network build that the pyvis
package ships, inlined: pyvis's own template loads Bootstrap and tom-select from CDNs), with positions computed in Python and physics off, a legend, a search box and
filters by sector, type, organisation, theme and place.

Names are data, never markup: they reach the page as JSON with ``<``, ``>`` and ``&`` escaped,
and the page writes them with ``textContent``; vis-network shows string tooltips as text.
Above ``AGGREGATE_ABOVE`` nodes the map shows one node per top organisation and says so.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape

from samverkan.export.style import SECTOR_COLORS, color_for
from samverkan.network import Network
from samverkan.network.ties import Index, involvements
from samverkan.ontology import ontology
from samverkan.network.brokers import betweenness
from samverkan.records import Records

AGGREGATE_ABOVE = 5_000
VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).parent / "templates"
CROSS_COLOR, INTERNAL_COLOR = "#D55E00", "#9a9a9a"
FILTERS = [("sector", "Sektor"), ("type", "Typ"), ("organisation", "Organisation"),
           ("theme", "Tema"), ("place", "Plats")]


def network_view(records: Records, as_of: date | None = None, level: str = "organisation",
                 focus: str | None = None, depth: int = 1, scope=()) -> tuple[nx.Graph, str]:
    """The graph a map or figure shows (the :class:`~samverkan.network.Network` as of ``as_of``,
    default today, cut to ``scope`` and its partners), and a notice when it was reduced.

    ``level`` is organisation, person, or sector (one node per sector, edges weighted by the
    number of ties between them); ``focus`` keeps the actors within ``depth`` ties of one actor.
    """
    g = Network(records, as_of, "person" if level == "person" else "organisation", scope).view()
    notice = ""
    if focus:
        if focus not in g:
            raise ValueError(f"no actor with id {focus!r} on the map")
        g = nx.ego_graph(g, focus, radius=depth)
        notice = f"{g.number_of_nodes()} aktörer inom {depth} steg från {g.nodes[focus]['name']}"
    if level == "sector":
        sectors = ontology().sectors
        g = _collapse(g, "sector", lambda v: sectors[v].label_sv if v in sectors else v)
        notice = "en nod per sektor; bandens bredd = antal band"
    elif g.number_of_nodes() > AGGREGATE_ABOVE:
        n, names = g.number_of_nodes(), dict(g.nodes(data="name"))
        g = _collapse(g, "organisation", lambda v: names.get(v, v))
        notice = f"{n} aktörer är för många att rita en och en: en nod per organisation"
    return g, notice


def _collapse(g: nx.Graph, attribute: str, label) -> nx.Graph:
    """One node per value of ``attribute``; an edge counts the ties between two groups."""
    h = nx.Graph()
    for v, data in g.nodes(data=True):
        key = data.get(attribute) or "(okänd)"
        if key not in h:
            h.add_node(key, name=label(key), type=attribute, sector=data.get("sector"),
                       organisation=key if attribute == "organisation" else None, level=None, place=None, members=0)
        if v == key:  # the top organisation itself gives its group's sector
            h.nodes[key]["sector"] = data.get("sector")
        h.nodes[key]["members"] += 1
    for a, b in g.edges:
        ka, kb = g.nodes[a].get(attribute) or "(okänd)", g.nodes[b].get(attribute) or "(okänd)"
        if ka != kb:
            w = h.edges[ka, kb]["weight"] + 1 if h.has_edge(ka, kb) else 1
            h.add_edge(ka, kb, weight=w, reasons=[{"kind": "ties", "id": str(w)}], evidence={})
    return h


def layout(g: nx.Graph, seed: int = 1) -> dict:
    """Positions in pixels, stable for a seed: each connected component laid out on its own
    (Fruchterman–Reingold; igraph's DrL above 1,000 nodes) in a box whose side grows with the
    square root of its size, and the boxes packed in rows, largest first."""
    boxes = []
    for component in sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c))):
        h = g.subgraph(component)
        side = 150 * len(component) ** 0.5
        boxes.append((side, _component_layout(h, seed, side)))
    width = max(sum(side for side, _ in boxes) ** 0.5 * 30, max((side for side, _ in boxes), default=0))
    pos, x, y, row = {}, 0.0, 0.0, 0.0
    for side, local in boxes:
        if x and x + side > width:
            x, y, row = 0.0, y + row + 60, 0.0
        pos.update({v: (x + px, y + py) for v, (px, py) in local.items()})
        x, row = x + side + 60, max(row, side)
    return pos


def _component_layout(h: nx.Graph, seed: int, side: float) -> dict:
    if h.number_of_nodes() == 1:
        return {next(iter(h)): (0.0, 0.0)}
    if h.number_of_nodes() > 1000:
        import random

        import igraph as ig

        nodes = list(h)
        index = {v: i for i, v in enumerate(nodes)}
        random.seed(seed)
        coords = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in h.edges]).layout_drl().coords
        raw = {v: coords[i] for i, v in enumerate(nodes)}
    else:
        raw = nx.spring_layout(h, seed=seed, iterations=100)
    xs, ys = [p[0] for p in raw.values()], [p[1] for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1
    return {v: ((px - min(xs)) / span * side, (py - min(ys)) / span * side) for v, (px, py) in raw.items()}


def _facets(records: Records, g: nx.Graph, as_of) -> dict:
    """Themes and places each actor works on, through its projects and events."""
    index = Index(records)
    features = defaultdict(lambda: {"theme": set(), "place": set()})
    targets = defaultdict(list)
    for r in records.relations:
        if r.relation in ("about_theme", "located_in"):
            targets[r.source].append((r.relation, r.target))
    for project, actors in involvements(records, index, as_of, through_persons=True).items():
        for relation, target in targets.get(project, []):
            for a in actors:
                features[a]["theme" if relation == "about_theme" else "place"].add(target)
    for r in records.relations:  # persons at the person level
        if r.relation in ("leads", "participates_in") and r.source in g:
            for relation, target in targets.get(r.target, []):
                features[r.source]["theme" if relation == "about_theme" else "place"].add(target)
    return features


def _json(value) -> str:
    """JSON safe inside a <script> element."""
    return (json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(records: Records, as_of: date | None = None, level: str = "organisation",
           color_by: str = "sector", size_by: str = "betweenness", focus: str | None = None,
           depth: int = 1, title: str = "Samverkan", seed: int = 1, scope=()) -> str:
    """The map as one self-contained HTML document."""
    as_of = as_of or date.today()
    g, notice = network_view(records, as_of, level, focus, depth, scope)
    entities = {e.id: e for e in records.entities}
    names = {e.id: e.name for e in records.entities}
    onto = ontology()
    pos = layout(g, seed)
    size = betweenness(g) if size_by == "betweenness" else {v: d for v, d in g.degree}
    top = max(size.values(), default=0) or 1
    facets = _facets(records, g, as_of)
    communities = {}
    if color_by == "community" and g.number_of_edges():
        for i, group in enumerate(nx.community.louvain_communities(g, seed=seed)):
            communities.update({v: f"grupp {i + 1}" for v in group})
    palette, legend = {}, {}
    nodes, edges = [], []
    for v, data in g.nodes(data=True):
        sector = data.get("sector")
        if color_by == "sector":
            key, color = (onto.sectors[sector].label_sv if sector in onto.sectors else "okänd sektor"), \
                SECTOR_COLORS.get(sector, SECTOR_COLORS[None])
        else:
            key = {"type": data.get("type"), "organisation": names.get(data.get("organisation"), data.get("organisation")),
                   "community": communities.get(v, "ingen grupp")}[color_by]
            color = color_for(key, palette)
        legend[key] = color
        x, y = pos[v]
        tooltip = [data["name"], f"typ: {data.get('type')}", f"sektor: {sector or '–'}",
                   f"organisation: {names.get(data.get('organisation'), data.get('organisation') or '–')}"]
        if data.get("members"):
            tooltip.append(f"{data['members']} aktörer")
        sources = entities[v].sources if v in entities else []
        if sources:
            tooltip.append("källor: " + ", ".join(sources))
        nodes.append({
            "id": v, "label": data["name"], "title": "\n".join(tooltip), "x": x, "y": y,
            "color": color, "size": 10 + 30 * (size.get(v, 0) / top),
            "facets": {"sector": [sector] if sector else [], "type": [data.get("type")],
                       "organisation": [data.get("organisation")] if data.get("organisation") else [],
                       "theme": sorted(facets[v]["theme"]), "place": sorted(facets[v]["place"])}})
    for a, b, data in g.edges(data=True):
        cross = g.nodes[a].get("sector") != g.nodes[b].get("sector")
        lines = [f"{names.get(a, g.nodes[a]['name'])} – {names.get(b, g.nodes[b]['name'])}", f"vikt: {data.get('weight', 1)}"]
        for reason in data.get("reasons", []):
            rel = data.get("evidence", {}).get(reason["id"], [])
            roles = sorted({r["role"] for r in rel if r.get("role")})
            periods = sorted({f"{r.get('start') or '…'}–{r.get('end') or '…'}" for r in rel if r.get("start") or r.get("end")})
            project = entities.get(reason["id"])
            if project is not None and (project.start or project.end):
                periods.append(f"{project.start or '…'}–{project.end or '…'}")
            docs = sorted({d for r in rel for d in r.get("documents", [])})
            lines.append(f"{reason['kind']}: {names.get(reason['id'], reason['id'])}"
                         + (f" ({', '.join(roles)})" if roles else "") + (f" {', '.join(periods)}" if periods else "")
                         + (f" [{', '.join(docs)}]" if docs else ""))
        edges.append({"from": a, "to": b, "width": 1 + 2 * min(data.get("weight", 1), 5) ** 0.5,
                          "color": {"color": CROSS_COLOR if cross else INTERNAL_COLOR},
                          "dashes": not cross, "title": "\n".join(lines)})
    options = {"physics": {"enabled": False}, "interaction": {"hover": True, "tooltipDelay": 120},
               "nodes": {"shape": "dot", "font": {"size": 13}}, "edges": {"smooth": False}}
    values = {key: set() for key, _ in FILTERS}
    for n in nodes:
        for key in values:
            values[key].update(n["facets"][key])
    filters = [{"key": key, "label": label,
                "values": sorted(([v, names.get(v, v)] for v in values[key] if v), key=lambda x: x[1].casefold())}
               for key, label in FILTERS if values[key]]
    legend_rows = [{"label": k, "color": c} for k, c in sorted(legend.items(), key=lambda kv: str(kv[0]))]
    legend_rows += [{"label": "band över sektorsgräns", "color": CROSS_COLOR, "line": True},
                    {"label": "band inom sektor", "color": INTERNAL_COLOR, "line": True, "dashed": True}]
    data = {"nodes": nodes, "edges": edges, "options": options, "filters": filters, "legend": legend_rows}
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("map.html").render(
        title=title, notice=notice, filters=filters, data=_json(data),
        vis_js=(VIS / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        vis_css=(VIS / "vis-network.css").read_text(encoding="utf-8"))


def write_map(workspace, out: Path, persons: str = "show", **options) -> None:
    from samverkan.export.persons import apply

    Path(out).write_text(render(apply(workspace.records(), persons), **options), encoding="utf-8")
