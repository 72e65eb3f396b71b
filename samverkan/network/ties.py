"""The tie graph: a networkx projection of the records for the analyses (DESIGN.md §5).

At the organisation level (the default) the nodes are the organisations, and an edge u–v exists
when any of these reasons holds (its ``kind`` in brackets):

- u and v are related by a relation the ontology flags ``sv:direct`` (``collaborates_with``), or
  u is ``member_of`` v and v is not an arena [``direct``];
- both are members of (or take part in) the same shared arena, an actor whose type the ontology
  flags ``sv:arena`` (a network, council, forum or partnership) [``arena``, naming it]: co-members are
  tied as UCINET ties the rows of an affiliation matrix it projects (Borgatti and Everett 1997);
- both are involved (relations flagged ``sv:involvement``) in the same project or event, a
  person's involvement counting for every organisation the person is affiliated with (relations
  flagged ``sv:affiliation``) [``project`` or ``event``];
- one *person* is affiliated with both (an interlock) [``person``]; an organisation is never one.

The weight of an edge is its number of distinct reasons; each reason keeps the relations that make
it (its evidence). ``part_of`` never makes an edge: it gives each unit its top organisation.

At the person level, persons are nodes too: a person is tied to the organisations they are
affiliated with, and actors involved in the same project or event are tied.

Time: a relation or a project/event counts on ``as_of`` (default today) unless it starts after or
ends before that day; undated facts always count.

Borgatti, S. P. and Everett, M. G. (1997). Network analysis of 2-mode data. Social Networks 19.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from functools import cache, cached_property
from itertools import combinations
from typing import Callable

import networkx as nx

from samverkan.i18n import _
from samverkan.ontology import ontology
from samverkan.records import Entity, Records, Relation


@cache
def roles(flag: str) -> tuple[str, ...]:
    """The relations the ontology flags ``flag``: involvement, affiliation or direct."""
    return ontology().relations_where(flag)


def active(item: Entity | Relation, as_of: date | None) -> bool:
    """Whether a dated fact holds on ``as_of`` (undated facts always hold)."""
    if as_of is None:
        return True
    return (item.start is None or item.start <= as_of) and (item.end is None or item.end >= as_of)


def started(item: Entity | Relation, as_of: date | None) -> bool:
    return as_of is None or item.start is None or item.start <= as_of


class Index:
    """Lookups over records that every analysis needs: each entity's type and name, and each
    unit's parent. ``entities`` (the records' own) are read only when asked for, so that an
    index kept beside the records (:mod:`samverkan.network.kept`) answers without them."""

    def __init__(self, records: Records):
        onto = ontology()
        self.org_types = set(onto.organisation_types)
        self.arena_types = set(onto.arena_types)
        self.read: Callable[[], Records] = lambda: records
        self.kinds = {e.id: e.type for e in records.entities}
        self.names = {e.id: e.name for e in records.entities}
        self.parent = {r.source: r.target for r in records.relations if r.relation == "part_of"}
        self.parent.update({e.id: e.part_of for e in records.entities if e.part_of})

    @cached_property
    def entities(self) -> dict[str, Entity]:
        """id -> entity, read from the records when first asked for."""
        return {e.id: e for e in self.read().entities}

    def __getstate__(self) -> dict:
        """What is kept of an index: its lookups, not the records (``read`` is set on loading)."""
        return {k: v for k, v in self.__dict__.items() if k not in ("read", "entities")}

    def is_org(self, eid: str) -> bool:
        return self.kinds.get(eid) in self.org_types

    def is_arena(self, eid: str) -> bool:
        return self.kind(eid) in self.arena_types

    def kind(self, eid: str) -> str | None:
        return self.kinds.get(eid)

    def top(self, eid: str) -> str:
        """Follow ``part_of`` to the root organisation."""
        seen = {eid}
        while eid in self.parent and self.parent[eid] not in seen:
            eid = self.parent[eid]
            seen.add(eid)
        return eid


def relation_evidence(r: Relation) -> dict:
    """A relation as evidence: what it says, which sources say it, and the quote."""
    quote = next((ev.quote for ev in r.evidence if ev.quote), None)
    documents = sorted({ev.source for ev in r.evidence if ev.source})
    answers = {k: int(v) for k, v in r.attributes.items() if k in ("frequency", "level")}
    return {
        "from": r.source,
        "relation": r.relation,
        "to": r.target,
        "role": r.role,
        "start": r.start.isoformat() if r.start else None,
        "end": r.end.isoformat() if r.end else None,
        "sources": r.sources,
        "documents": documents,
        "quote": quote,
        **({"answers": answers} if answers else {}),
    }


Involved = dict[str, dict[str, list[Relation]]]  # project/event -> actor -> relations
Spans = dict[str, dict[str, tuple[list[Relation], list[Relation]]]]  # ... -> (begun, holding)


def spans(records: Records, index: Index, as_of: date | None, through_persons: bool) -> Spans:
    """project/event id -> actor id -> (begun, holding): the relations that made the actor
    involved by ``as_of`` (ended or not), and those of them that still hold on it.

    With ``through_persons`` a person's involvement is counted for their organisations."""
    kinds = ("project", "event")
    projects = {e.id: active(e, as_of) for e in records.entities if e.type in kinds and started(e, as_of)}
    affiliation, involvement = set(roles("affiliation")), set(roles("involvement"))
    kind_of, orgs = index.kinds.get, index.org_types
    affiliations = defaultdict(list)
    for r in records.relations:
        if r.relation in affiliation and kind_of(r.target) in orgs and started(r, as_of):
            affiliations[r.source].append(r)
    out: dict = defaultdict(lambda: defaultdict(lambda: ([], [])))
    for r in records.relations:
        if r.relation not in involvement or not started(r, as_of):
            continue
        actor, project = (r.target, r.source) if r.relation == "initiated_by" else (r.source, r.target)
        if project not in projects:
            continue
        holds = projects[project] and active(r, as_of)
        actor_kind = kind_of(actor)
        if actor_kind in orgs or (actor_kind == "person" and not through_persons):
            begun, now = out[project][actor]
            begun.append(r)
            now += [r] if holds else []
        elif actor_kind == "person":
            for a in affiliations.get(actor, []):
                begun, now = out[project][a.target]
                begun += [r, a]
                now += [r, a] if holds and active(a, as_of) else []
    return out


def holding(found: Spans, ever: bool = False) -> Involved:
    """The involvements that hold on the day of :func:`spans` (or, ``ever``, that had begun)."""
    i = 0 if ever else 1
    out = {}
    for project, actors in found.items():
        kept = {a: rels[i] for a, rels in actors.items() if rels[i]}
        if kept:
            out[project] = kept
    return out


def involvements(
    records: Records, index: Index, as_of: date | None, through_persons: bool, ignore_end: bool = False
) -> Involved:
    """project/event id -> actor id -> the relations that make the actor involved on ``as_of``.

    With ``through_persons`` a person's involvement is counted for their organisations.
    ``ignore_end`` keeps facts that have ended."""
    return holding(spans(records, index, as_of, through_persons), ever=ignore_end)


Reasons = dict[tuple[str, str], dict[tuple[str, str], tuple[list[Relation], list[Relation]]]]


def ties(
    records: Records,
    as_of: date | None = None,
    level: str = "organisation",
    index: Index | None = None,
    found: Spans | None = None,
) -> tuple[nx.Graph, Reasons]:
    """The tie graph on ``as_of`` (:func:`tie_graph`) and, from the same pass over the records,
    the *ended* ties: pairs tied before the day and not on it, (a, b) with a < b -> (kind, id)
    -> (the relations that made that reason, []), as found (:func:`in_order` puts them in order:
    only some analyses ask); ``found`` are the :func:`spans` of the same records, day and level
    (organisations through persons at the organisation level)."""
    as_of, index, persons, g = _empty(records, as_of, level, index)
    found = found if found is not None else spans(records, index, as_of, not persons)
    ended: Reasons = {}
    said: dict = {}  # said: id(relation) -> its evidence, each relation written once
    found_reasons, current = _reasons(records, as_of, persons, index, found, set(g))
    for (a, b), reasons in found_reasons.items():
        if (a, b) not in current:
            ended[(a, b)] = reasons
            continue
        now = {key: _unique(rels[1]) for key, rels in reasons.items() if rels[1]}
        evidence = {
            rid: [said.get(id(r)) or said.setdefault(id(r), relation_evidence(r)) for r in rels]
            for (_kind, rid), rels in now.items()
        }
        reasons_now = [{"kind": kind, "id": rid} for kind, rid in sorted(now)]
        g.add_edge(a, b, weight=len(now), evidence=evidence, reasons=reasons_now)
    _attributes(g, records, index, as_of, persons, holding(found) if not persons else None)
    return g, ended


def in_order(ended: Reasons) -> dict:
    """The ended ties of :func:`ties` in order: (a, b) -> (kind, id) -> the relations that made
    that reason."""
    return {pair: begun(ended[pair]) for pair in sorted(ended)}


def begun(reasons: dict) -> dict:
    """A pair's reasons in order, each with the relations that made it (begun), without repeats."""
    items = sorted(reasons.items()) if len(reasons) > 1 else reasons.items()
    return {key: _unique(rels[0]) for key, rels in items}


def tie_graph(
    records: Records,
    as_of: date | None = None,
    level: str = "organisation",
    ignore_end: bool = False,
    index: Index | None = None,
) -> nx.Graph:
    """Build the tie graph of ``records`` as of a day.

    Parameters
    ----------
    records : Records
        Entities and relations (``Workspace.records()``).
    as_of : date, optional
        The day the network is seen on; default today.
    level : "organisation" or "person"
    ignore_end : bool
        Count facts that have ended: every tie ever begun; such a graph has no node attributes
        and keeps each reason's relations (``relations``) rather than their ``evidence``.
    index : Index, optional; built from ``records`` when not given

    Returns
    -------
    networkx.Graph
        Node attributes ``name, type, sector, organisation, level, place``; edge attributes
        ``weight`` (number of distinct reasons), ``reasons`` (a list of ``{"kind", "id"}``)
        and ``evidence`` (reason id -> relations as :func:`relation_evidence` dicts).
    """
    if not ignore_end:
        return ties(records, as_of, level, index)[0]
    as_of, index, persons, g = _empty(records, as_of, level, index)
    found = spans(records, index, as_of, not persons)
    for (a, b), reasons in _reasons(records, as_of, persons, index, found, set(g))[0].items():
        relations = {rid: _unique(rels[0]) for (_kind, rid), rels in reasons.items()}
        reasons_begun = [{"kind": kind, "id": rid} for kind, rid in sorted(reasons)]
        g.add_edge(a, b, weight=len(reasons), relations=relations, reasons=reasons_begun)
    return g


def _empty(records: Records, as_of: date | None, level: str, index: Index | None):
    """The day (default today), the index, whether persons are nodes, and the graph of the nodes."""
    if level not in ("organisation", "person"):
        raise ValueError(_("unknown level {level!r}; expected organisation or person", level=level))
    index = index or Index(records)
    persons = level == "person"
    g = nx.Graph()
    g.add_nodes_from(e.id for e in records.entities if index.is_org(e.id) or (persons and e.type == "person"))
    return as_of or date.today(), index, persons, g


def _reasons(
    records: Records, as_of: date, persons: bool, index: Index, found: Spans, nodes: set
) -> tuple[Reasons, set[tuple[str, str]]]:
    """Every reason that tied two ``nodes`` by ``as_of``, each with the relations that made it
    (begun) and those of them that hold on the day (empty when the reason no longer holds); and
    the pairs some reason ties on the day."""
    reasons: Reasons = defaultdict(dict)
    current = set()

    def tie(a, b, kind, rid, begun, now):
        if a != b and a in nodes and b in nodes:
            pair = (a, b) if a < b else (b, a)
            entry = reasons[pair].setdefault((kind, rid), ([], []))
            entry[0].extend(begun)
            entry[1].extend(now)
            if now:
                current.add(pair)

    def both(x, y):
        return [x, y] if active(x, as_of) and active(y, as_of) else []

    direct, affiliation, involvement = (set(roles(flag)) for flag in ("direct", "affiliation", "involvement"))
    kind_of, orgs, arenas = index.kinds.get, index.org_types, index.arena_types
    by_affiliate = defaultdict(list)  # person or member -> affiliations to organisations
    for r in records.relations:
        if not started(r, as_of):
            continue
        if r.relation in direct:
            tie(r.source, r.target, "direct", r.relation, [r], [r] if active(r, as_of) else [])
        elif r.relation in affiliation and kind_of(r.target) in orgs:
            person = kind_of(r.source) == "person"
            if (persons and person) or (kind_of(r.source) in orgs and kind_of(r.target) not in arenas):
                tie(r.source, r.target, "direct", r.relation, [r], [r] if active(r, as_of) else [])
            by_affiliate[r.source].append(r)
        elif r.relation in involvement and kind_of(r.target) in arenas and kind_of(r.source) in orgs:
            by_affiliate[r.source].append(r)  # taking part in a council is sitting in it
    for project, actors in found.items():
        project_kind = kind_of(project)
        for a, b in combinations(sorted(actors), 2):
            (begun_a, now_a), (begun_b, now_b) = actors[a], actors[b]
            tie(a, b, project_kind, project, begun_a + begun_b, now_a + now_b if now_a and now_b else [])
    for actor, rels in by_affiliate.items():
        if index.kind(actor) == "person" and not persons:  # an interlock: one person, two organisations
            for x, y in combinations(rels, 2):
                tie(x.target, y.target, "person", actor, [x, y], both(x, y))
    for arena, rels in _arenas(by_affiliate, index).items():
        for x, y in combinations(rels, 2):
            tie(x.source, y.source, "arena", arena, [x, y], both(x, y))
    return reasons, current


def _arenas(by_affiliate: dict, index: Index) -> dict[str, list[Relation]]:
    """arena -> the memberships of organisations in it."""
    out = defaultdict(list)
    for actor, rels in sorted(by_affiliate.items()):
        if index.is_org(actor):
            for r in rels:
                if index.is_arena(r.target):
                    out[r.target].append(r)
    return out


def _unique(rels: list[Relation]) -> list[Relation]:
    """``rels`` without repeats, in their order (the same object, not an equal one)."""
    if len(rels) < 3:  # most reasons: one relation, or the two of a pair
        return rels[:1] if len(rels) == 2 and rels[0] is rels[1] else list(rels)
    return list({id(r): r for r in rels}.values())


def _attributes(
    g: nx.Graph, records: Records, index: Index, as_of, persons: bool, involved: dict | None = None
) -> None:
    """Name, type, sector, top organisation, level and place of every node; ``involved`` are the
    :func:`involvements` through persons, when known."""
    affiliation, kind_of, orgs = set(roles("affiliation")), index.kinds.get, index.org_types
    members: dict[str, set[str]] = defaultdict(set)
    located: dict[str, str] = {}
    role_org: dict[str, str] = {}  # person -> an organisation of theirs
    for r in records.relations:
        if r.relation == "located_in":
            located[r.source] = r.target
            continue
        if r.relation in ("member_of", "part_of") and kind_of(r.source) in orgs:
            members[r.target].add(r.source)
        if r.relation in affiliation and kind_of(r.target) in orgs and active(r, as_of):
            role_org.setdefault(r.source, r.target)
    places: dict[str, Counter] = defaultdict(Counter)
    for project, actors in (involved or involvements(records, index, as_of, True)).items():
        if project in located:
            for a in actors:
                places[a][located[project]] += 1
    entities = index.entities
    for node in g.nodes:
        e = entities[node]
        org = role_org.get(node) if e.type == "person" else node
        sector = _sector(index, org, members) if org else None
        top = index.top(org) if org else None
        if node in located:
            place = located[node]
        elif node in places:
            place = min(places[node].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        else:
            place = None
        g.nodes[node].update(
            name=e.name,
            type=e.type,
            sector=sector,
            organisation=top,
            level=_level(index, top, sector),
            place=place,
        )


def _sector(index: Index, org: str, members: dict) -> str | None:
    """An organisation's sector; a network without one takes its members' sector when they all
    share it, else it has none (and is left out of sector partitions)."""
    e = index.entities.get(org)
    if e is None:
        return None
    own = e.sector or ontology().types[e.type].default_sector
    if own:
        return own
    found = {_sector(index, m, {}) for m in members.get(org, ())} - {None}
    return found.pop() if len(found) == 1 else None


def _level(index: Index, top: str | None, sector: str | None) -> str | None:
    """local (a municipality, its units and companies), regional, national, else the sector."""
    kind = index.kind(top) if top else None
    level = ontology().types[kind].level if kind in ontology().types else None
    return level or sector
