"""The interactive map: one HTML file that works offline (the vis-network build that the pyvis
package ships, inlined: pyvis's own template loads Bootstrap and tom-select from CDNs), with positions
computed in Python and physics off, a legend, a search box and
filters by sector, type, organisation, theme and place.

Names are data, never markup: they reach the page as JSON with ``<``, ``>`` and ``&`` escaped,
and the page writes them with ``textContent``; vis-network shows string tooltips as text.
Above ``AGGREGATE_ABOVE`` actors the map shows an aggregated view (:func:`aggregate`) and says so.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import defaultdict
from datetime import date
from pathlib import Path

import networkx as nx
import numpy as np
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape

from samverkan import i18n
from samverkan.export import words
from samverkan.export.style import SECTOR_COLORS, color_for
from samverkan.network import Network, building
from samverkan.network.brokers import betweenness
from samverkan.network.igraph_core import ig
from samverkan.records import Records

AGGREGATE_ABOVE = 5_000  # more actors than this: the view is aggregated (see aggregate)
SHOWN = 1_000  # organisations an aggregated view draws one by one; the others gathered by sector
VIEW_DEFAULTS: dict[str, object] = {
    "as_of": None,
    "level": "organisation",
    "focus": None,
    "depth": 1,
    "scope": [],
    "evidence": "all",
    "weight": "reasons",
}  # the options of a view whose positions are cached, as the CLI defaults
OTHERS = "others:"  # the id of a node gathering the other organisations of a sector, before it
LAYOUT_BUDGET = 300_000  # node moves a component's layout may make (iterations × nodes)
LAYOUT_VERSION = 3  # part of a cached layout's key: raise it when the layout changes
LAYOUTS_KEPT = 8
SIZE_SOURCES = 500  # node sizes: betweenness estimated from this many sources on larger graphs
VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
TEMPLATES = Path(__file__).parent / "templates"
CROSS_COLOR, INTERNAL_COLOR = "#D55E00", "#9a9a9a"
UNKNOWN = "(unknown)"  # the group of actors without a sector or organisation
FILTERS = [
    ("sector", "Sector"),
    ("type", "Type"),
    ("organisation", "Organisation"),
    ("theme", "Theme"),
    ("place", "Place"),
]  # facet -> its menu's label (an English msgid)


def network_view(
    records: Records,
    as_of: date | None = None,
    level: str = "organisation",
    focus: str | None = None,
    depth: int = 1,
    scope=(),
    evidence: str = "all",
    weight: str = "reasons",
    net: Network | None = None,
) -> tuple[nx.Graph, str]:
    """The graph a map or figure shows (the :class:`~samverkan.network.Network` as of ``as_of``,
    default today, cut to ``scope`` and its partners; ``net`` when it is already built), and a
    notice when it was reduced.

    ``level`` is organisation, person, or sector (one node per sector, edges weighted by the
    number of ties between them); ``focus`` keeps the actors within ``depth`` ties of one actor.
    Above ``AGGREGATE_ABOVE`` actors the view is aggregated (:func:`aggregate`).
    """
    g = (net or Network(records, as_of, network_level(level), scope, evidence, weight)).view()
    notice = ""
    if focus:
        if focus not in g:
            raise ValueError(i18n._("no actor with id {id!r} on the map", id=focus))
        g = nx.ego_graph(g, focus, radius=depth)
        notice = i18n._(
            "{n} actors within {depth} steps of {name}",
            n=g.number_of_nodes(),
            depth=depth,
            name=g.nodes[focus]["name"],
        )
    if level == "sector":
        sectors = {v: s or UNKNOWN for v, s in g.nodes(data="sector")}
        g = _collapse(g, sectors, lambda key, data: _node(_group_name(key), "sector", data.get("sector")))
        notice = i18n._("one node per sector; the width of a tie = the number of ties")
    elif g.number_of_nodes() > AGGREGATE_ABOVE:
        g, notice = aggregate(g)
    return canonical(g), notice


def canonical(g: nx.Graph) -> nx.Graph:
    """``g`` with its nodes, and its ties, in sorted order: the network is built through sets, so
    the order it comes in changes from run to run, and with it the layout and the output."""
    h = g.__class__()
    h.graph.update(g.graph)
    h.add_nodes_from(sorted(g.nodes(data=True), key=lambda item: item[0]))
    h.add_edges_from(sorted(g.edges(data=True), key=lambda e: tuple(sorted(e[:2]))))
    return h


def aggregate(g: nx.Graph) -> tuple[nx.Graph, str]:
    """A view of a large network a page can draw and a person can read, and the notice that says
    how: one node per top organisation (a unit folds into the organisation it is part of); when
    more than ``SHOWN`` remain, the ``SHOWN`` with the most ties (counted with their weight) are
    drawn one by one and the others are gathered into one node per sector, their ties summed."""
    n, names = g.number_of_nodes(), dict(g.nodes(data="name"))
    tops = {v: o or UNKNOWN for v, o in g.nodes(data="organisation")}
    h = _collapse(
        g, tops, lambda k, data: _node(names.get(k) or _group_name(k), "organisation", data.get("sector"), k)
    )
    if h.number_of_nodes() <= SHOWN:
        return h, i18n._("{n} actors are too many to draw one by one: one node per organisation", n=n)
    ties = dict(h.degree(weight="weight"))
    kept = set(sorted(h, key=lambda v: (-ties[v], v))[:SHOWN])
    groups = {v: v if v in kept else OTHERS + (s or UNKNOWN) for v, s in h.nodes(data="sector")}

    def node(key, data):
        if key in kept:
            return {**data, "members": 0}
        return _node(_group_name(key), "sector", data.get("sector"))

    notice = i18n._(
        "{n} actors are too many to draw one by one: one node per organisation for the {k} "
        "with the most ties, and one per sector for {others}",
        n=n,
        k=SHOWN,
        others=i18n.n_("{n} other organisation", "{n} other organisations", h.number_of_nodes() - SHOWN),
    )
    return _collapse(h, groups, node), notice


def _node(name: str, kind: str, sector: str | None, organisation: str | None = None) -> dict:
    return {
        "name": name,
        "type": kind,
        "sector": sector,
        "organisation": organisation,
        "level": None,
        "place": None,
        "members": 0,
    }


def _group_name(key: str) -> str:
    """A group's name in the language in force: a sector, the other organisations of a sector,
    or the unknown group."""
    if key.startswith(OTHERS):
        sector = key[len(OTHERS) :]
        label = i18n._("unknown sector") if sector == UNKNOWN else i18n.label(sector, of="sector")
        return i18n._("other organisations: {sector}", sector=label)
    return i18n._("(unknown)") if key == UNKNOWN else i18n.label(key, of="sector")


def _collapse(g: nx.Graph, groups: dict[str, str], node) -> nx.Graph:
    """One node per group (``groups``: node -> group; ``node(group, data of its first member)``
    gives its attributes) counting its members; an edge counts the ties between two groups,
    a tie of an already collapsed graph (with ``members``) by its weight. The groups and their
    ties are counted in plain dicts and the graph is built once, in the order they were met."""
    first: dict[str, dict] = {}
    members: dict[str, int] = defaultdict(int)
    own: dict[str, str | None] = {}  # a top organisation's own sector, given to its group
    for v, data in g.nodes(data=True):
        key = groups[v]
        first.setdefault(key, data)
        members[key] += data.get("members", 1)
        if v == key:
            own[key] = data.get("sector")
    h = nx.Graph()
    for key, data in first.items():
        attributes = node(key, data)
        sector = own.get(key, attributes["sector"])
        h.add_node(key, **{**attributes, "sector": sector, "members": members[key]})
    collapsed = "members" in next(iter(g.nodes.values()), {})
    ties: dict[tuple[str, str], int] = {}
    for a, b, w in g.edges(data="weight"):
        ka, kb = groups[a], groups[b]
        if ka != kb:
            pair = (kb, ka) if (kb, ka) in ties else (ka, kb)
            ties[pair] = ties.get(pair, 0) + (w if collapsed else 1)
    h.add_edges_from(
        (a, b, {"weight": w, "reasons": [{"kind": "ties", "id": str(w)}], "evidence": {}})
        for (a, b), w in ties.items()
    )
    return h


def layout(g: nx.Graph, seed: int = 1, cache: Path | None = None, marker: str | None = None) -> dict:
    """Positions in pixels, stable for a seed: each connected component laid out on its own
    (Fruchterman–Reingold in igraph) in a box whose side grows with the square root of its size,
    and the boxes packed in rows, largest first. With ``cache`` (a folder in the workspace) the
    positions are kept there, keyed by the seed and ``marker`` (the store's generation and the
    view's options: nothing to read but the marker), else by the nodes and the ties."""
    key = _layout_key(g, seed, marker)
    saved = cache / f"{key}.json" if cache else None
    if saved and saved.exists():
        pos = {v: tuple(p) for v, p in json.loads(saved.read_text(encoding="utf-8")).items()}
        if pos.keys() == set(g):
            return pos
    boxes = []
    for component in sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c))):
        side = 150 * len(component) ** 0.5
        boxes.append((side, _component_layout(g.subgraph(component), seed, side)))
    width = max(sum(side for side, _ in boxes) ** 0.5 * 30, max((side for side, _ in boxes), default=0))
    pos, x, y, row = {}, 0.0, 0.0, 0.0
    for side, local in boxes:
        if x and x + side > width:
            x, y, row = 0.0, y + row + 60, 0.0
        pos.update({v: (x + px, y + py) for v, (px, py) in local.items()})
        x, row = x + side + 60, max(row, side)
    if saved:
        _keep(saved, pos)
    return pos


def _layout_key(g: nx.Graph, seed: int, marker: str | None = None) -> str:
    digest = hashlib.sha256(f"{LAYOUT_VERSION} {seed}".encode())
    if marker is not None:
        digest.update(f"\n{marker}".encode())
        return digest.hexdigest()[:32]
    for v in sorted(g):
        digest.update(f"\n{v}".encode())
    for a, b in sorted((a, b) if a <= b else (b, a) for a, b in g.edges):
        digest.update(f"\n{a}\t{b}".encode())
    return digest.hexdigest()[:32]


def marker(workspace, persons: str, options: dict) -> str | None:
    """The key of a workspace view's positions: the store's generation, the persons' mode and
    the view's options (None when the store has no generation yet)."""
    generation = workspace.generation()
    view = {**VIEW_DEFAULTS, "as_of": date.today()}
    view.update({k: options[k] for k in VIEW_DEFAULTS if options.get(k) is not None})
    sizes = (AGGREGATE_ABOVE, SHOWN)
    return generation and json.dumps([generation, persons, sizes, view], default=str, sort_keys=True)


def _keep(saved: Path, pos: dict) -> None:
    """Write the positions and keep only the ``LAYOUTS_KEPT`` newest layouts beside them."""
    from samverkan.export.atomic import written

    saved.parent.mkdir(parents=True, exist_ok=True)
    with written(saved) as tmp:
        tmp.write_text(json.dumps(pos), encoding="utf-8")
    old = sorted(saved.parent.glob("*.json"), key=lambda f: f.stat().st_mtime, reverse=True)[LAYOUTS_KEPT:]
    for f in old:
        f.unlink(missing_ok=True)


def _component_layout(h: nx.Graph, seed: int, side: float) -> dict:
    """Fruchterman–Reingold from seeded random starting points (igraph uses a grid above 1,000
    nodes, so an iteration costs about n), with fewer iterations on large components: 500 at
    most, 30 at least, else ``LAYOUT_BUDGET`` / n."""
    nodes = sorted(h)
    n = len(nodes)
    if n <= 2:
        return dict(zip(nodes, [(0.0, 0.0), (side, side)]))
    index = {v: i for i, v in enumerate(nodes)}
    start = np.random.default_rng(seed).random((n, 2)).tolist()
    ig.set_random_number_generator(random.Random(seed))  # igraph's moves draw from it
    try:
        coords = (
            ig.Graph(n=n, edges=sorted(tuple(sorted((index[a], index[b]))) for a, b in h.edges))
            .layout_fruchterman_reingold(seed=start, niter=max(30, min(500, LAYOUT_BUDGET // n)))
            .coords
        )
    finally:
        ig.set_random_number_generator(random)
    xs, ys = [p[0] for p in coords], [p[1] for p in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1
    x0, y0 = min(xs), min(ys)
    return {v: ((px - x0) / span * side, (py - y0) / span * side) for v, (px, py) in zip(nodes, coords)}


def _facets(records: Records, g: nx.Graph, involved: dict) -> dict:
    """Themes and places each actor works on, through the projects and events it is
    ``involved`` in (:attr:`~samverkan.network.Network.involved`)."""
    features: dict = defaultdict(lambda: {"theme": set(), "place": set()})
    targets = defaultdict(list)
    for r in records.relations:
        if r.relation in ("about_theme", "located_in"):
            targets[r.source].append((r.relation, r.target))
    for project, actors in involved.items():
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
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# a survey's level of collaboration as a line: dotted (none), short dashes (cooperative),
# long dashes (coordinated), solid (integrated)
LEVEL_DASHES: dict[int, list[int] | bool] = {0: [1, 6], 1: [2, 5], 2: [10, 4], 3: False}


def _levels(data: dict) -> list[int]:
    """The levels of collaboration that survey answers give a tie."""
    evidence = data.get("evidence")
    rels = (r for rs in (evidence.values() if isinstance(evidence, dict) else ()) for r in rs)
    return [r["answers"]["level"] for r in rels if "level" in r.get("answers", {})]


def _dashes(g: nx.Graph, a: str, b: str, data: dict) -> list[int] | bool:
    """A tie's line: by the highest level a survey answer gives it, else dashed inside a sector."""
    levels = _levels(data)
    return LEVEL_DASHES[max(levels)] if levels else not _cross(g, a, b)


@building()
def render(
    records: Records,
    as_of: date | None = None,
    level: str = "organisation",
    color_by: str = "sector",
    size_by: str = "betweenness",
    focus: str | None = None,
    depth: int = 1,
    title: str = "Samverkan",
    seed: int = 1,
    scope=(),
    evidence: str = "all",
    weight: str = "reasons",
    layouts: Path | None = None,
    marker: str | None = None,
    net: Network | None = None,
) -> str:
    """The map as one self-contained HTML document, in the language in force; a tie's width
    follows its weight (``weight``: reasons, or a survey's frequency or level); ``layouts`` is
    the folder where positions are cached under ``marker`` (see :func:`layout`); ``net``: the
    network of ``records`` with these options when it is already built."""
    as_of = as_of or date.today()
    if net is None:
        net = Network(records, as_of, network_level(level), scope, evidence, weight)
    g, notice = network_view(records, as_of, level, focus, depth, scope, evidence, weight, net)
    entities = net.index.entities
    pos = layout(g, seed, layouts, marker)
    size = betweenness(g, SIZE_SOURCES) if size_by == "betweenness" else {v: d for v, d in g.degree}
    colors, legend = _colors(g, color_by, entities, seed), dict[str, str]()
    nodes = _nodes(g, pos, size, colors, legend, _facets(records, g, net.involved), entities)
    edges = _edges(g, entities)
    options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120},
        "nodes": {"shape": "dot", "font": {"size": 13}},
        "edges": {"smooth": False},
    }
    filters = _filters(nodes, entities)
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "filters": filters,
        "legend": _legend(legend, surveyed=any(_levels(d) for _, _, d in g.edges(data=True))),
        "texts": words.page_texts(),
    }
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("map.html").render(
        title=title,
        notice=notice,
        filters=filters,
        data=_json(data),
        lang=i18n.lang(),
        texts=data["texts"],
        vis_js=(VIS / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        vis_css=(VIS / "vis-network.css").read_text(encoding="utf-8"),
    )


def _nodes(
    g: nx.Graph, pos: dict, size: dict, colors: dict, legend: dict, facets: dict, entities: dict
) -> list[dict]:
    """The map's nodes: position, colour (recorded in ``legend``), size, tooltip and facets."""
    top = max(size.values(), default=0) or 1
    nodes = []
    for v, data in g.nodes(data=True):
        key, color = colors[v]
        legend[key] = color
        sector, organisation = data.get("sector"), data.get("organisation")
        nodes.append(
            {
                "id": v,
                "label": data["name"],
                "title": words.node_tooltip(v, data, entities),
                "x": pos[v][0],
                "y": pos[v][1],
                "color": color,
                "size": 10 + 30 * (size.get(v, 0) / top),
                "facets": {
                    "sector": [sector] if sector else [],
                    "type": [data.get("type")],
                    "organisation": [organisation] if organisation else [],
                    "theme": sorted(facets[v]["theme"]),
                    "place": sorted(facets[v]["place"]),
                },
            }
        )
    return nodes


def _edges(g: nx.Graph, entities: dict) -> list[dict]:
    """The map's ties: width by weight, colour across or within sectors, line by survey level."""
    return [
        {
            "from": a,
            "to": b,
            "width": 1 + 2 * min(data.get("weight", 1), 5) ** 0.5,
            "color": {"color": CROSS_COLOR if _cross(g, a, b) else INTERNAL_COLOR},
            "dashes": _dashes(g, a, b, data),
            "title": words.tie_tooltip(g, a, b, entities),
        }
        for a, b, data in g.edges(data=True)
    ]


def _cross(g: nx.Graph, a: str, b: str) -> bool:
    return g.nodes[a].get("sector") != g.nodes[b].get("sector")


def _colors(g: nx.Graph, color_by: str, entities: dict, seed: int) -> dict[str, tuple[str, str]]:
    """Each node's legend entry and colour: by sector (fixed colours), type, organisation or
    community (palette colours); legend entries are labels and names, never codes."""
    communities = {}
    if color_by == "community" and g.number_of_edges():
        for i, group in enumerate(nx.community.louvain_communities(g, seed=seed)):
            communities.update({v: i18n._("group {n}", n=i + 1) for v in group})
    palette: dict[str, str] = {}
    out: dict[str, tuple[str, str]] = {}
    for v, data in g.nodes(data=True):
        sector = data.get("sector")
        if color_by == "sector":
            key = i18n.label(sector, of="sector") if sector else i18n._("unknown sector")
            out[v] = key, SECTOR_COLORS.get(sector, SECTOR_COLORS[None])
            continue
        organisation = data.get("organisation")
        key = {
            "type": lambda: words.type_label(data.get("type")),
            "organisation": lambda: getattr(entities.get(organisation), "name", organisation),
            "community": lambda: communities.get(v, i18n._("no group")),
        }[color_by]()
        out[v] = key, color_for(key, palette)
    return out


def _legend(legend: dict[str, str], surveyed: bool = False) -> list[dict]:
    rows: list[dict] = [
        {"label": k, "color": c} for k, c in sorted(legend.items(), key=lambda kv: str(kv[0]).casefold())
    ]
    rows += [
        {"label": i18n._("tie across sectors"), "color": CROSS_COLOR, "line": True},
        {"label": i18n._("tie within a sector"), "color": INTERNAL_COLOR, "line": True, "dashed": True},
    ]
    if surveyed:
        rows.append(
            {
                "label": i18n._(
                    "survey tie: dotted none, short dashes cooperative, long dashes "
                    "coordinated, solid integrated"
                ),
                "color": INTERNAL_COLOR,
                "line": True,
            }
        )
    return rows


def _filters(nodes: list[dict], entities: dict) -> list[dict]:
    """The filter menus: a label and (value, text) pairs, texts being labels of codes or names."""
    values: dict[str, set] = {key: set() for key, _msgid in FILTERS}
    for n in nodes:
        for key in values:
            values[key].update(n["facets"][key])

    def text(key, v):
        if key == "type":
            return words.type_label(v)
        if key == "sector":
            return i18n.label(v, of=key)
        return entities[v].name if v in entities else v

    return [
        {
            "key": key,
            "label": i18n._(msgid),
            "values": sorted(([v, text(key, v)] for v in values[key] if v), key=lambda x: x[1].casefold()),
        }
        for key, msgid in FILTERS
        if values[key]
    ]


def layouts(workspace) -> Path:
    """The workspace's folder of cached map and figure positions."""
    return Path(workspace.path) / "layouts"


def network_level(level: str | None) -> str:
    """The network a map or figure at ``level`` (organisation, person or sector) is drawn from."""
    return "person" if level == "person" else "organisation"


def write_map(workspace, out: Path, persons: str = "show", **options) -> None:
    """Write the map of ``workspace``; ``focus`` may be the id of an entity merged into another."""
    from samverkan.export.atomic import written
    from samverkan.export.persons import outgoing

    if options.get("focus"):
        options["focus"] = workspace.kept_id(options["focus"])
    shown = outgoing(workspace, persons)
    options = {**options, **shown.ids(options)}
    key = marker(workspace, persons, options)
    net = shown.network(workspace, **{**options, "level": network_level(options.get("level"))})
    if net is not None:
        net.evidenced()  # the tooltips quote each tie's evidence
    workspace.progress(i18n._("laying out the map"))
    html = render(shown.records, **options, layouts=layouts(workspace), marker=key, net=net)
    with written(out) as tmp:
        tmp.write_text(html, encoding="utf-8")
