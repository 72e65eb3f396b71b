"""The network layer: one :class:`Network` that every analysis, the report, the map, the figure
and the command line use (DESIGN.md §2, §5).

>>> net = Network(workspace.records())                   # as of today      # doctest: +SKIP
>>> net.gaps(top=5); net.brokers(); net.boundaries("sector", weighted=True)  # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cached_property

import networkx as nx

from samverkan.network import boundaries as _boundaries
from samverkan.network import brokers as _brokers
from samverkan.network.ties import Index, active, involvements, roles, tie_graph
from samverkan.records import Records

__all__ = ["Network", "changes"]

LEVELS = ("organisation", "person")


class Network:
    """The tie graph of ``records`` as of a day, with the lookups every analysis needs.

    Parameters
    ----------
    records : Records
    as_of : date, optional
        The day the network is seen on; default today (as on the command line).
    level : "organisation" (default) or "person"; see :mod:`samverkan.network.ties`
    scope : iterable of ids, optional
        Organisations the findings are about: they, their units and their partners only.
    evidence : "all" (default), "documents" or "survey"
        Which facts tie: every source, all but survey answers, or survey answers alone.
    weight : "reasons" (default), "frequency" or "level"
        A tie's weight: its number of reasons, or the highest frequency (0–5) or level (0–3)
        either side reports in a survey (:func:`samverkan.network.survey.weigh`).

    Attributes
    ----------
    graph : networkx.Graph       the tie graph (:func:`~samverkan.network.ties.tie_graph`)
    index : Index                entities, types and each unit's top organisation
    involved : dict              project/event -> organisation -> relations (persons counted
                                 for their organisations)
    features : dict              organisation -> themes and places of its projects and events
    coverage : dict              entity -> ``{"facts", "relations", "sources", "documents"}``
    """

    def __init__(
        self,
        records: Records,
        as_of: date | None = None,
        level: str = "organisation",
        scope=None,
        evidence: str = "all",
        weight: str = "reasons",
    ):
        from samverkan.network.survey import by_evidence, weigh

        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; expected organisation or person")
        records = by_evidence(records, evidence)
        self.records, self.as_of, self.level = records, as_of or date.today(), level
        self.index = Index(records)
        self.involved = involvements(records, self.index, self.as_of, through_persons=True)
        self.graph = tie_graph(
            records,
            self.as_of,
            level,
            index=self.index,
            involved=self.involved if level == "organisation" else None,
        )
        weigh(self.graph, records, weight)
        self.scope = tuple(scope or ())
        unknown = [s for s in self.scope if not self.index.is_org(s)]
        if unknown:
            raise ValueError(f"--scope {unknown[0]!r}: no organisation with that id")

    # -- lookups -------------------------------------------------------------------------
    def name(self, eid: str) -> str:
        e = self.index.entities.get(eid)
        return e.name if e else eid

    @cached_property
    def features(self) -> dict[str, set[str]]:
        """organisation -> the themes and places its current projects and events work on."""
        out = defaultdict(set)
        for r in self.records.relations:
            about = r.relation in ("about_theme", "located_in") and r.source in self.involved
            if about and active(r, self.as_of):
                for actor in self.involved[r.source]:
                    out[actor].add(r.target)
        return out

    @cached_property
    def coverage(self) -> dict[str, dict]:
        """entity -> how many facts name it, how many of them could tie it (relations flagged
        direct, affiliation or involvement), in how many loaded sources and in how many documents
        (the evidence's sources inside them) they stand."""
        tying = set(roles("direct") + roles("affiliation") + roles("involvement"))
        out = {
            e.id: {"facts": 0, "relations": 0, "sources": set(e.sources), "documents": set(_documents(e))}
            for e in self.records.entities
        }
        for r in self.records.relations:
            for end in (r.source, r.target):
                if end in out:
                    out[end]["facts"] += 1
                    out[end]["relations"] += r.relation in tying
                    out[end]["sources"] |= set(r.sources)
                    out[end]["documents"] |= set(_documents(r))
        return {k: {**v, **{n: len(v[n]) for n in ("sources", "documents")}} for k, v in out.items()}

    @cached_property
    def in_scope(self) -> frozenset[str] | None:
        """The scoped organisations and their units (None without a scope)."""
        if not self.scope:
            return None
        return frozenset(v for v in self.graph if self.index.top(v) in self.scope or v in self.scope)

    @cached_property
    def partners(self) -> frozenset[str] | None:
        """The scoped organisations, their units and everyone tied to them (None without a scope)."""
        if self.in_scope is None:
            return None
        return self.in_scope | {n for v in self.in_scope for n in self.graph.neighbors(v)}

    def view(self) -> nx.Graph:
        """The tie graph, cut to the scope and its partners when there is a scope."""
        return self.graph if self.partners is None else self.graph.subgraph(self.partners).copy()

    # -- analyses ------------------------------------------------------------------------
    def boundaries(
        self, by: str = "sector", weighted: bool = False, permutations: int = 1000, seed: int = 0
    ) -> dict:
        """Mixing and the E-I index (:func:`samverkan.network.boundaries.boundaries`) of the
        scoped view; ``weighted`` counts each tie by its weight (number of reasons)."""
        return _boundaries.boundaries(self.view(), by, permutations, seed, weighted=weighted)

    def brokers(self, by: str = "sector", top: int | None = None) -> list[dict]:
        """Brokers (:func:`samverkan.network.brokers.brokers`) measured on the whole network,
        listed for the scope and its partners only when there is a scope."""
        rows = _brokers.brokers(self.graph, by)
        if self.partners is not None:
            rows = [r for r in rows if r["id"] in self.partners]
        return rows[:top] if top else rows

    def gaps(self, kinds=None, top: int | None = None) -> list[dict]:
        """Ranked findings (:func:`samverkan.network.gaps.gaps`), best first; ``top`` keeps the N best."""
        from samverkan.network.gaps import gaps

        return gaps(self, kinds, top)

    def changes(self, since: date) -> dict:
        """What changed from ``since`` to this network's day (:func:`changes`)."""
        return changes(self.records, since, self.as_of, self.scope)


def changes(records: Records, start: date, end: date | None = None, scope=None) -> dict:
    """Ties new, ended and fading, and actors started and ended, from ``start`` to ``end``
    (default today); see :mod:`samverkan.network.change`."""
    from samverkan.network.change import compare

    return compare(Network(records, start, scope=scope), Network(records, end, scope=scope))


def _documents(item) -> list[str]:
    return [ev.source for ev in item.evidence if ev.source]
