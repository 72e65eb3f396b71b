"""The network layer: one :class:`Network` that every analysis, the report, the map, the figure
and the command line use (DESIGN.md §2, §5).

>>> net = Network(workspace.records())                   # as of today      # doctest: +SKIP
>>> net.gaps(top=5); net.brokers(); net.boundaries("sector", weighted=True)  # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cached_property
from typing import Iterable, Iterator

import networkx as nx

from samverkan.i18n import _
from samverkan.network import boundaries as _boundaries
from samverkan.network.ties import Index, Reasons, active, begun, holding, in_order, roles, spans, ties
from samverkan.records import Records, paused_gc

__all__ = ["Network", "changes", "building"]

LEVELS = ("organisation", "person")


building = paused_gc  # the analyses build their tables with the collector paused


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
    ended : dict                 pairs tied before the day and not on it -> reason -> relations
                                 (:func:`~samverkan.network.ties.ties`, the same pass)
    index : Index                entities, types and each unit's top organisation
    involved : dict              project/event -> organisation -> relations (persons counted
                                 for their organisations)
    features : dict              organisation -> themes and places of its projects and events
    mentions : dict              entity -> the relations it is an end of

    A network kept in a file (:mod:`samverkan.network.kept`) reads its records, involvements,
    ended ties and the evidence of its ties together, when one of them is first asked for.
    """

    kept: bytes  # the rest of a network kept in a file, until it is read
    _ended: Reasons  # the ended ties of a network built here as found, until put in order

    @building()
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
            raise ValueError(_("unknown level {level!r}; expected organisation or person", level=level))
        records = by_evidence(records, evidence)
        self.records, self.as_of, self.level = records, as_of or date.today(), level
        self.index = Index(records)
        found = spans(records, self.index, self.as_of, through_persons=True)
        self.involved = holding(found)
        self.graph, self._ended = ties(
            records, self.as_of, level, self.index, found if level == "organisation" else None
        )
        weigh(self.graph, records, weight)
        self.scoped(scope)

    def scoped(self, scope) -> None:
        """Cut the findings to ``scope``, organisations known to the network."""
        self.scope = tuple(scope or ())
        unknown = [s for s in self.scope if not self.index.is_org(s)]
        if unknown:
            raise ValueError(_("--scope {id!r}: no organisation with that id", id=unknown[0]))
        for kept in ("in_scope", "partners"):
            self.__dict__.pop(kept, None)

    # -- what a network kept in a file reads only when asked (:mod:`samverkan.network.kept`) --
    @cached_property
    def _rest(self) -> tuple[Records, dict, dict]:
        from samverkan.network.kept import rest

        return rest(self)

    @cached_property
    def records(self) -> Records:
        return self._rest[0]

    @cached_property
    def involved(self) -> dict:
        return self._rest[1]

    @cached_property
    @building()
    def ended(self) -> dict:
        found = self.__dict__.pop("_ended", None)  # put in order when first asked for
        return in_order(found) if found is not None else self._rest[2]

    def ended_reasons(self) -> Iterator[tuple[tuple[str, str], Iterable[tuple[str, str]]]]:
        """Each ended tie, in no set order, with the keys (kind, id) of its reasons: what
        ``ended`` holds, without putting every reason's relations in order."""
        found = self.__dict__.get("_ended")
        return ((pair, reasons.keys()) for pair, reasons in (self.ended if found is None else found).items())

    def ended_tie(self, pair: tuple[str, str]) -> dict:
        """One ended tie, as ``ended[pair]`` (empty for a pair that is none), without putting
        the others in order."""
        found = self.__dict__.get("_ended")
        if found is None:
            return self.ended.get(pair, {})
        return begun(found[pair]) if pair in found else {}

    def evidenced(self) -> Network:
        """This network with the evidence of its ties, which a kept network reads with its records."""
        if getattr(self, "kept", b""):  # a kept network whose second part is not read yet
            _ = self.records
        return self

    # -- lookups -------------------------------------------------------------------------
    def name(self, eid: str) -> str:
        return self.index.names.get(eid, eid)

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
    def mentions(self) -> dict[str, list]:
        """entity -> the relations it is an end of."""
        out = defaultdict(list)
        for r in self.records.relations:
            out[r.source].append(r)
            if r.target != r.source:
                out[r.target].append(r)
        return out

    def coverage(self, eid: str) -> dict | None:
        """How many facts name an entity, how many of them could tie it (relations flagged
        direct, affiliation or involvement), in how many loaded sources and in how many documents
        (the evidence's sources inside them) they stand; None for an unknown id."""
        e = self.index.entities.get(eid)
        if e is None:
            return None
        tying = set(roles("direct") + roles("affiliation") + roles("involvement"))
        rels = self.mentions.get(eid, [])
        sources = {s for item in [e, *rels] for s in item.sources}
        documents = {d for item in [e, *rels] for d in _documents(item)}
        facts = sum((r.source == eid) + (r.target == eid) for r in rels)
        relations = sum(((r.source == eid) + (r.target == eid)) * (r.relation in tying) for r in rels)
        return {"facts": facts, "relations": relations, "sources": len(sources), "documents": len(documents)}

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
    @building()
    def boundaries(
        self, by: str = "sector", weighted: bool = False, permutations: int = 1000, seed: int = 0
    ) -> dict:
        """Mixing and the E-I index (:func:`samverkan.network.boundaries.boundaries`) of the
        scoped view; ``weighted`` counts each tie by its weight (number of reasons)."""
        return _boundaries.boundaries(self.view(), by, permutations, seed, weighted=weighted)

    @building()
    def brokers(self, by: str = "sector", top: int | None = None) -> list[dict]:
        """Brokers (:func:`samverkan.network.brokers.brokers`) measured on the whole network,
        listed for the scope and its partners only when there is a scope."""
        from samverkan.network.brokers import brokers  # igraph: imported only when needed

        rows = brokers(self.graph, by)
        if self.partners is not None:
            rows = [r for r in rows if r["id"] in self.partners]
        return rows[:top] if top else rows

    @building()
    def gaps(self, kinds=None, top: int | None = None, explained: int | None = None) -> list[dict]:
        """Ranked findings (:func:`samverkan.network.gaps.gaps`), best first; ``top`` keeps the N
        best; ``explained`` writes the evidence of only the N best of each kind."""
        from samverkan.network.gaps import gaps

        return gaps(self, kinds, top, explained)

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
