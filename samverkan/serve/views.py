"""The explorer's answers as plain data: the network to draw, an actor's evidence, a document.

Ids stay in the data (the page needs them); every sentence a person reads is made here through
:mod:`samverkan.i18n`, and the page writes it with ``textContent``, never as markup.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from samverkan.export.style import PALETTE, SECTOR_COLORS
from samverkan.i18n import _, label, number
from samverkan.ontology import ontology
from samverkan.records import Entity, Evidence, Relation
from samverkan.serve.data import Snapshot

FEATURE_TYPES = {"theme": "theme", "place": "place"}


def graph(snap: Snapshot, as_of: date) -> dict:
    """Every organisation with its position, facets and measures, and the ties as of a day
    (pairs of node numbers with the tie's weight)."""
    net = snap.network(as_of)
    ids = list(snap.everything.nodes)
    number = {v: i for i, v in enumerate(ids)}
    nodes = [_node(snap, net, v) for v in ids]
    edges = [
        [number[a], number[b], d["weight"]]
        for a, b, d in net.graph.edges(data=True)
        if a in number and b in number
    ]
    items: list[Entity | Relation] = [*snap.records.entities, *snap.records.relations]
    dates = sorted({d for item in items for d in (item.start, item.end) if d})
    colors = {"sector": {k or "": c for k, c in SECTOR_COLORS.items()}, "palette": PALETTE}
    onto = ontology()
    codes = {
        of: sorted(([c, label(c, of=of)] for c in table), key=lambda p: p[1].casefold())
        for of, table in (("type", onto.types), ("sector", onto.sectors), ("relation", onto.relations))
    }
    return {
        "as_of": as_of.isoformat(),
        "nodes": nodes,
        "codes": codes,
        "edges": edges,
        "facets": facets(snap, nodes),
        "search": search_index(snap),
        "colors": colors,
        "dates": [d.isoformat() for d in (dates[0], dates[-1])] if dates else [],
    }


def _node(snap: Snapshot, net, v: str) -> dict:
    data = net.graph.nodes[v] if v in net.graph else snap.everything.nodes[v]
    x, y, community, between = snap.layout.get(v, [0, 0, -1, 0])
    features = net.features.get(v, ())
    kinds = {f: snap.index.kind(f) for f in features}
    e = snap.entities[v]
    return {
        "id": v,
        "name": e.name,
        "x": x,
        "y": y,
        "type": e.type,
        "sector": data.get("sector"),
        "community": community,
        "betweenness": between,
        "theme": sorted(f for f in features if kinds[f] == "theme"),
        "place": sorted(f for f in features if kinds[f] == "place"),
        "source": sorted(set(e.sources)),
    }


def facets(snap: Snapshot, nodes: list[dict]) -> dict:
    """For each filter, the values that occur with their labels, in the order people read them."""
    out = {}
    for key in ("sector", "type", "theme", "place", "source"):
        values = {v for n in nodes for v in (n[key] if isinstance(n[key], list) else [n[key]]) if v}
        named = {
            "sector": lambda v: label(v, of="sector"),
            "type": lambda v: label(v, of="type"),
            "source": lambda v: v,
        }.get(key, snap.name)
        out[key] = sorted(([v, named(v)] for v in values), key=lambda p: p[1].casefold())
    return out


def search_index(snap: Snapshot) -> list[list]:
    """[id, name, aliases, type label] of every entity, for completion in the page."""
    return sorted(
        ([e.id, e.name, e.aliases, label(e.type, of="type")] for e in snap.records.entities),
        key=lambda row: row[1].casefold(),
    )


def actor(snap: Snapshot, eid: str, as_of: date) -> dict | None:
    """An actor's evidence panel: who it is, where it belongs, and every tie and fact with the
    quotes and sources that state them."""
    e = snap.entities.get(eid)
    if e is None:
        return None
    net = snap.network(as_of)
    chain, seen = [], {eid}
    parent = snap.index.parent.get(eid)
    while parent and parent not in seen:
        chain.append({"id": parent, "name": snap.name(parent)})
        seen.add(parent)
        parent = snap.index.parent.get(parent)
    relations = snap.relations_of.get(eid, [])
    ties = [_tie(snap, net, eid, other) for other in net.graph[eid]] if eid in net.graph else []
    return {
        "id": eid,
        "name": e.name,
        "type": label(e.type, of="type"),
        "sector": label(
            e.sector or (net.graph.nodes[eid].get("sector") if eid in net.graph else None), of="sector"
        ),
        "part_of": chain,
        "aliases": e.aliases,
        "url": e.url,
        "description": e.description,
        "facts": [_fact(snap, ev, e.sources) for ev in e.evidence],
        "ties": sorted(ties, key=lambda t: (-t["weight"], t["name"].casefold())),
        "relations": [_relation(snap, r) for r in relations],
    }


def _tie(snap: Snapshot, net, eid: str, other: str) -> dict:
    data = net.graph.edges[eid, other]
    reasons = [{"kind": _kind(r["kind"]), "name": snap.name(r["id"]), "id": r["id"]} for r in data["reasons"]]
    return {"id": other, "name": snap.name(other), "weight": data["weight"], "reasons": reasons}


def _kind(kind: str) -> str:
    words = {
        "direct": _("direct relation"),
        "person": _("through a person"),
        "arena": _("members of the same network"),
    }
    return words.get(kind) or label(kind, of="type")


def _relation(snap: Snapshot, r: Relation) -> dict:
    period = " – ".join(d.isoformat() if d else "…" for d in (r.start, r.end)) if r.start or r.end else ""
    return {
        "from": {"id": r.source, "name": snap.name(r.source)},
        "to": {"id": r.target, "name": snap.name(r.target)},
        "relation": label(r.relation, of="relation"),
        "role": r.role,
        "period": period,
        "facts": [_fact(snap, ev, r.sources) for ev in r.evidence] or [_fact(snap, Evidence(), r.sources)],
    }


def _fact(snap: Snapshot, ev: Evidence, sources: list[str]) -> dict:
    """One piece of evidence: the quote, the document, the loaded sources with their address
    and the day they were loaded."""
    loaded = [snap.sources[s] for s in sources if s in snap.sources]
    if ev.source and ev.source.startswith("edit:"):
        _edit, editor, when = ev.source.split(":", 2)
        ev = Evidence(
            _("edited by {editor} on {when}", editor=editor, when=when[:16].replace("T", " ")),
            ev.quote,
            ev.span,
        )
    document = find_document(snap, ev.source, sources) if ev.source else None
    return {
        "quote": ev.quote,
        "document": ev.source,
        "span": list(ev.span) if ev.span else None,
        "address": str(document) if document else (ev.source if _is_web(ev.source) else None),
        "readable": document is not None,
        "sources": [{"name": s["name"], "address": s["path"], "date": s["loaded_at"][:10]} for s in loaded],
    }


def _is_web(address: str | None) -> bool:
    return address is not None and address.startswith(("http://", "https://"))


def find_document(snap: Snapshot, name: str, sources: list[str]) -> Path | None:
    """The file of a document a fact quotes, if it is still there: the loaded document itself,
    or a file of that name beside a loaded spreadsheet, or in a folder next to it. Only a plain
    file name is looked for: never a path that leads elsewhere."""
    if _is_web(name) or not name or Path(name).name != name:
        return None
    for source in sources:
        meta = snap.sources.get(source)
        if meta is None:
            continue
        path = Path(meta["path"])
        if path.is_file() and path.name == name:
            return path
        base = path if path.is_dir() else path.parent
        for folder in (base, base.parent, *sorted(p for p in base.parent.iterdir() if p.is_dir())):
            if (folder / name).is_file():
                return folder / name
    return None


def document(
    snap: Snapshot, name: str, sources: list[str], quote: str | None, span: tuple[int, int] | None
) -> dict:
    """A document's main text split around the quote: ``before``, ``quote``, ``after``; or a
    sentence saying the file is no longer there."""
    from samverkan.extract.documents import main_text

    path = find_document(snap, name, sources)
    if path is None:
        return {
            "name": name,
            "missing": _("The document {name} is no longer where it was loaded from.", name=name),
        }
    text = main_text(path)
    if span is None or (quote and text[span[0] : span[1]] != quote):
        found = text.find(quote) if quote else -1
        span = (found, found + len(quote)) if quote and found >= 0 else None
    if span is None:
        return {
            "name": name,
            "address": str(path),
            "before": text,
            "quote": "",
            "after": "",
            "note": _("The quote was not found in the document as it reads now."),
        }
    return {
        "name": name,
        "address": str(path),
        "before": text[: span[0]],
        "quote": text[span[0] : span[1]],
        "after": text[span[1] :],
    }


def findings(snap: Snapshot, as_of: date, top: int = 50) -> dict:
    """The ranked gaps, the strongest brokers and the sector boundaries, each with the actors a
    click highlights (DESIGN.md §5; :class:`samverkan.network.Network`)."""
    from samverkan.network.gaps import kind_label

    net = snap.network(as_of)
    gaps = [
        {
            "kind": kind_label(g["kind"]),
            "names": g["names"],
            "entities": g["entities"],
            "why": g["why"],
            "detail": g["detail"],
            "score": number(g["score"]),
        }
        for g in net.gaps(top=top)
    ]
    brokers = [
        {
            "name": b["name"],
            "entities": [b["id"]],
            "betweenness": number(b["betweenness"], 3),
            "why": _(
                "betweenness {b}, brokerage between sectors {n} times",
                b=number(b["betweenness"], 3),
                n=sum(b["brokerage"].values()),
            ),
        }
        for b in net.brokers(top=15)
    ]
    mixing = net.boundaries(permutations=0)
    cells = [
        {
            "name": label(cell, of="sector"),
            "entities": [v for v, d in net.graph.nodes(data=True) if d.get("sector") == cell],
            "why": _(
                "{members} actors, {internal} ties within, {external} across; E-I {ei}",
                members=c["members"],
                internal=c["internal"],
                external=c["external"],
                ei=number(c["ei_index"]) if c["ei_index"] is not None else "–",
            ),
        }
        for cell, c in mixing["cells"].items()
    ]
    overall = number(mixing["ei_index"]) if mixing["ei_index"] is not None else "–"
    return {
        "gaps": gaps,
        "brokers": brokers,
        "boundaries": cells,
        "ei_index": _("E-I index over sectors: {ei} (−1 all within, +1 all across)", ei=overall),
    }


def changes(snap: Snapshot, start: date, end: date) -> dict:
    """Ties new, ended and fading from ``start`` to ``end``, as pairs of ids."""
    found = snap.changes(start, end)

    def pairs(items):
        return [t["entities"][:2] for t in items]

    fading = [g["entities"][:2] for g in found["ties_fading"] if len(g["entities"]) >= 2]
    return {
        "from": found["from"],
        "to": found["to"],
        "new": pairs(found["ties_new"]),
        "ended": pairs(found["ties_ended"]),
        "fading": fading,
        "legend": [["new", _("new tie")], ["ended", _("ended tie")], ["fading", _("fading tie")]],
    }
