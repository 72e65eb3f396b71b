"""Gaps: where collaboration is missing, thin, or about to end (DESIGN.md §5).

Every gap is ``{"kind", "entities", "detail", "evidence"}``: the ids it is about, one readable
sentence, and the facts that define it (relations with their sources and quotes, or the ties
and projects behind it).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations

import networkx as nx

from samverkan.network.ties import active, relation_evidence, tie_graph

__all__ = ["KINDS", "gaps"]

KINDS = ("silo_pair", "sector_gap", "single_sector_project", "bridge", "articulation_point",
         "key_person", "isolated", "suggested_partner", "fading_tie", "lost_tie")
SECTORS = ("public", "private", "civil_society", "academia")
FADING_DAYS = 365
COMMON_FEATURE = 500  # a theme or place shared by more organisations suggests no one in particular
SUGGESTIONS = 50


def gaps(net, kinds=None, top: int | None = None) -> list[dict]:
    """All gaps of the kinds asked for (default: every kind) in a :class:`~samverkan.network.Network`.

    Parameters
    ----------
    net : Network (its day, default today, is the day the gaps are seen on)
    kinds : iterable of str, optional; a subset of ``KINDS``
    top : int, optional; only the ``top`` best
    """
    kinds = list(kinds or KINDS)
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown gap kind {sorted(unknown)[0]!r}; expected one of {', '.join(KINDS)}")
    context = _Context(net)
    out = []
    for kind in KINDS:
        if kind in kinds:
            out += getattr(context, kind)()
    return out[:top] if top else out


def _edges(g: nx.Graph):
    """Edges with their ends in order, sorted: stable output whatever order networkx keeps."""
    return sorted(((a, b, d) if a <= b else (b, a, d) for a, b, d in g.edges(data=True)),
                  key=lambda e: (e[0], e[1]))


class _Context:
    def __init__(self, net):
        self.net, self.records, self.index, self.g, self.as_of = net, net.records, net.index, net.graph, net.as_of
        self.involved = net.involved
        self.relations_by_pair = defaultdict(list)
        for r in self.records.relations:
            self.relations_by_pair[(r.source, r.target)].append(r)

    def name(self, eid: str) -> str:
        e = self.index.entities.get(eid)
        return e.name if e else eid

    def sector(self, eid: str) -> str | None:
        return self.g.nodes[eid].get("sector") if eid in self.g else None

    def tie_evidence(self, a: str, b: str) -> list[dict]:
        data = self.g.edges[a, b]
        return [{"tie": [a, b], "reason": reason, "relations": data["evidence"][reason["id"]]}
                for reason in data["reasons"]]

    # -- the kinds ------------------------------------------------------------------------
    def silo_pair(self) -> list[dict]:
        """Two units directly ``part_of`` the same organisation with no tie between them."""
        units = defaultdict(list)
        for child, parent in sorted(self.index.parent.items()):
            if child in self.g:
                units[parent].append(child)
        out = []
        for parent, children in sorted(units.items()):
            for a, b in combinations(sorted(children), 2):
                if not self.g.has_edge(a, b):
                    evidence = [relation_evidence(r) for x in (a, b)
                                for r in self.relations_by_pair.get((x, parent), [])]
                    out.append({"kind": "silo_pair", "entities": [a, b, parent],
                                "detail": f"{self.name(a)} and {self.name(b)} are both part of "
                                          f"{self.name(parent)} but share no project, event, person or collaboration",
                                "evidence": evidence})
        return out

    def sector_gap(self) -> list[dict]:
        """A theme or place that projects and events work on, with no organisation of a sector."""
        features = defaultdict(set)  # theme/place -> projects
        for r in self.records.relations:
            if r.relation in ("about_theme", "located_in") and r.source in self.involved and active(r, self.as_of):
                features[r.target].add(r.source)
        out = []
        for feature, projects in sorted(features.items()):
            present = {self.sector(a) for p in projects for a in self.involved[p] if self.sector(a)}
            orgs = sorted({a for p in projects for a in self.involved[p]})
            for sector in SECTORS:
                if sector not in present:
                    kind = self.index.kind(feature)
                    out.append({"kind": "sector_gap", "entities": [feature],
                                "detail": f"no {sector.replace('_', '-')} organisation works on the {kind} "
                                          f"{self.name(feature)} ({len(projects)} projects or events, "
                                          f"{len(orgs)} organisations)",
                                "missing_sector": sector,
                                "evidence": [{"project": p, "organisations": sorted(self.involved[p])}
                                             for p in sorted(projects)]})
        return out

    def single_sector_project(self) -> list[dict]:
        """A project whose involved organisations all share one sector."""
        out = []
        for project, actors in sorted(self.involved.items()):
            if self.index.kind(project) != "project":
                continue
            sectors = {self.sector(a) for a in actors if self.sector(a)}
            if len(sectors) == 1:
                sector = sectors.pop()
                out.append({"kind": "single_sector_project", "entities": [project, *sorted(actors)],
                            "detail": f"{self.name(project)} involves only {sector.replace('_', '-')} "
                                      f"organisations ({len(actors)})",
                            "evidence": [relation_evidence(r) for a in sorted(actors) for r in actors[a]]})
        return out

    def bridge(self) -> list[dict]:
        """A tie whose removal disconnects its two ends."""
        return [{"kind": "bridge", "entities": sorted((a, b)),
                 "detail": f"the only tie between the parts of the network around {self.name(a)} "
                           f"and {self.name(b)}",
                 "evidence": self.tie_evidence(a, b)}
                for a, b in sorted(tuple(sorted(e)) for e in nx.bridges(self.g))]

    def articulation_point(self) -> list[dict]:
        """An organisation whose removal disconnects the network: it then falls into as many
        parts as there are biconnected blocks that contain it (Hopcroft and Tarjan 1973)."""
        blocks = defaultdict(int)
        for block in nx.biconnected_components(self.g):
            for v in block:
                blocks[v] += 1
        return [{"kind": "articulation_point", "entities": [v],
                 "detail": f"{self.name(v)} holds {blocks[v]} parts of the network together",
                 "evidence": [{"tie": [v, n], "reasons": self.g.edges[v, n]["reasons"]}
                              for n in sorted(self.g.neighbors(v))]}
                for v in sorted(nx.articulation_points(self.g))]

    def key_person(self) -> list[dict]:
        """A tie whose only reason is one person (an interlock)."""
        out = []
        for a, b, data in _edges(self.g):
            reasons = data["reasons"]
            if len(reasons) == 1 and reasons[0]["kind"] == "person":
                person = reasons[0]["id"]
                out.append({"kind": "key_person", "entities": [person, a, b],
                            "detail": f"{self.name(person)} is the only link between {self.name(a)} "
                                      f"and {self.name(b)}",
                            "evidence": self.tie_evidence(a, b)})
        return out

    def isolated(self) -> list[dict]:
        """An organisation with no tie, unless it is a top organisation whose units have ties."""
        tied_tops = {self.index.top(v) for v in self.g if self.g.degree(v)}
        return [{"kind": "isolated", "entities": [v],
                 "detail": f"{self.name(v)} has no tie to any other organisation",
                 "evidence": [{"entity": v, "sources": self.index.entities[v].sources}]}
                for v in sorted(self.g) if self.g.degree(v) == 0 and v not in tied_tops]

    def suggested_partner(self) -> list[dict]:
        """Organisations without a tie that work on the same themes or places, ranked.

        Score: Σ over shared themes and places t of 1 / log(1 + n_t), n_t the number of
        organisations working on t (Adamic and Adar 2003): sharing a rare theme counts more.
        Pairs inside one top organisation (silo pairs) and themes or places shared by more
        than ``COMMON_FEATURE`` organisations are left out; the best ``SUGGESTIONS`` are kept.
        """
        features = defaultdict(set)
        for r in self.records.relations:
            if r.relation in ("about_theme", "located_in") and r.source in self.involved and active(r, self.as_of):
                features[r.target] |= set(self.involved[r.source])
        scores, shared = defaultdict(float), defaultdict(list)
        for feature, orgs in features.items():
            if len(orgs) > COMMON_FEATURE:
                continue
            weight = 1 / math.log(1 + len(orgs))
            for a, b in combinations(sorted(orgs), 2):
                if not self.g.has_edge(a, b) and self.index.top(a) != self.index.top(b):
                    scores[(a, b)] += weight
                    shared[(a, b)].append(feature)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:SUGGESTIONS]
        return [{"kind": "suggested_partner", "entities": [a, b], "score": round(score, 4),
                 "detail": f"{self.name(a)} and {self.name(b)} both work on "
                           f"{', '.join(self.name(f) for f in sorted(shared[(a, b)]))} but have no tie",
                 "evidence": [{"shared": f} for f in sorted(shared[(a, b)])]}
                for (a, b), score in ranked]

    def fading_tie(self) -> list[dict]:
        """A tie all of whose reasons are projects that end within a year after ``as_of``."""
        horizon = self.as_of + timedelta(days=FADING_DAYS)
        out = []
        for a, b, data in _edges(self.g):
            ends = [self._end(r) for r in data["reasons"]]
            if all(r["kind"] == "project" for r in data["reasons"]) and all(e and e <= horizon for e in ends):
                last = max(ends)
                out.append({"kind": "fading_tie", "entities": [a, b],
                            "detail": f"the tie between {self.name(a)} and {self.name(b)} ends on "
                                      f"{last.isoformat()} unless someone renews it",
                            "evidence": self.tie_evidence(a, b)})
        return out

    def lost_tie(self) -> list[dict]:
        """Two organisations that had a tie before ``as_of`` and have none on that day, because
        every project or event behind it has ended."""
        before = tie_graph(self.records, self.as_of, ignore_end=True)
        out = []
        for a, b, data in _edges(before):
            if self.g.has_edge(a, b):
                continue
            ends = [self._end(r) for r in data["reasons"]]
            if all(r["kind"] in ("project", "event") for r in data["reasons"]) and all(
                    e and e < self.as_of for e in ends):
                out.append({"kind": "lost_tie", "entities": [a, b],
                            "detail": f"{self.name(a)} and {self.name(b)} worked together until "
                                      f"{max(ends).isoformat()} and have no tie now",
                            "evidence": [{"tie": [a, b], "reason": r, "relations": data["evidence"][r["id"]]}
                                         for r in data["reasons"]]})
        return out

    def _end(self, reason: dict) -> date | None:
        e = self.index.entities.get(reason["id"])
        return e.end if e is not None and reason["kind"] in ("project", "event") else None
