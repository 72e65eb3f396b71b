"""Gaps: where collaboration is missing, thin, or about to end (DESIGN.md §5), ranked.

Every gap is ``{"kind", "entities", "names", "score", "why", "detail", "evidence", "coverage"}``:
the ids it is about and their names, a score (higher = more worth acting on), one plain-words
sentence saying why it matters and one saying what it is (both in the language in force), the
facts that define it (relations with their sources and quotes, or the ties and projects behind
it), and what the sources cover of each actor (facts and sources that mention it).

Scoring (the weights are ``WEIGHTS``; the reasons are what a strategist acts on first):

- ``silo_pair``: 1, plus 3 per theme or place both units work on (they have a reason to meet),
  plus 3 when they had a tie that is lost (it worked once): shared work ranks above nothing in common.
- ``sector_gap``: one finding per theme or place, listing every missing sector; 0.5 per project or
  event working there per missing sector: the more work without a sector, the larger the gap.
- ``single_sector_project``: 1.
- ``bridge`` / ``articulation_point``: 1 + log2(1 + n), n the actors cut off from the larger part.
- ``key_person``: 1 + log2(1 + the smaller of the two organisations, counted with their units),
  plus 1 when the tie is a bridge: one person between two large parts matters more.
- ``fading_tie``: 2 (still time to renew it); ``lost_tie``: 1.5.
- ``suggested_partner``: Adamic–Adar over shared themes and places (see below).
- ``isolated``: 0.5; ``unrelated_in_sources``: 0.25 (the sources name the actor, no relation:
  absence in the sources, not necessarily absence of collaboration).
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from datetime import timedelta
from functools import cached_property, partial
from itertools import combinations

import networkx as nx

from samverkan.i18n import _, label, n_
from samverkan.network.cuts import cuts
from samverkan.network.ties import active, relation_evidence, roles

__all__ = ["KINDS", "WEIGHTS", "gaps", "kind_label"]

KINDS = (
    "silo_pair",
    "sector_gap",
    "single_sector_project",
    "bridge",
    "articulation_point",
    "key_person",
    "isolated",
    "unrelated_in_sources",
    "suggested_partner",
    "fading_tie",
    "lost_tie",
)
KIND_LABELS = {  # kind -> (one finding, a heading over many)
    "silo_pair": ("silo pair", "Silos: units of one organisation without a tie"),
    "sector_gap": ("sector gap", "Sector gaps: themes and places where a sector is missing"),
    "single_sector_project": ("single-sector project", "Projects with one sector only"),
    "bridge": ("bridge", "Bridges: ties that alone hold two parts together"),
    "articulation_point": (
        "articulation point",
        "Articulation points: actors that alone hold parts together",
    ),
    "key_person": ("key person", "Key persons: one person is the only link"),
    "isolated": ("isolated", "Isolated actors"),
    "unrelated_in_sources": ("no relation in the sources", "Actors the sources give no relation"),
    "suggested_partner": ("suggested partner", "Suggested partners"),
    "fading_tie": ("fading tie", "Ties about to end"),
    "lost_tie": ("lost tie", "Lost ties"),
}
SECTORS = ("public", "private", "civil_society", "academia")
WEIGHTS = {
    "silo_pair": 1,
    "shared": 3,
    "lost": 3,
    "per_project_sector": 0.5,
    "single_sector_project": 1,
    "part": 1,
    "bridge_bonus": 1,
    "fading_tie": 2,
    "lost_tie": 1.5,
    "isolated": 0.5,
    "unrelated_in_sources": 0.25,
}
#: The kinds whose every finding has the same score. Findings of equal score keep the order of
#: their kinds, so when ``top`` findings of the kinds before one score at least its score, none
#: of it can make the top and it is not looked for (a national workspace has 190,000 lost ties).
FIXED = {
    kind: WEIGHTS[kind]
    for kind in ("single_sector_project", "isolated", "unrelated_in_sources", "fading_tie", "lost_tie")
}
OPEN_KINDS = ("sector_gap", "suggested_partner")  # in scope when one of their actors is
FADING_DAYS = 365
COMMON_FEATURE = 500  # a theme or place shared by more organisations suggests no one in particular
SUGGESTIONS = 50


# gap kind -> its singular and plural count (English msgids)
KIND_COUNTS = {
    "silo_pair": ("{n} silo pair", "{n} silo pairs"),
    "sector_gap": ("{n} sector gap", "{n} sector gaps"),
    "single_sector_project": ("{n} single-sector project", "{n} single-sector projects"),
    "bridge": ("{n} bridge", "{n} bridges"),
    "articulation_point": ("{n} articulation point", "{n} articulation points"),
    "key_person": ("{n} key person", "{n} key persons"),
    "isolated": ("{n} isolated actor", "{n} isolated actors"),
    "unrelated_in_sources": (
        "{n} actor with no relation in the sources",
        "{n} actors with no relation in the sources",
    ),
    "suggested_partner": ("{n} suggested partner", "{n} suggested partners"),
    "fading_tie": ("{n} fading tie", "{n} fading ties"),
    "lost_tie": ("{n} lost tie", "{n} lost ties"),
}


def kind_count(kind: str, n: int) -> str:
    """How many findings of a kind, with the right plural: "1 sektorslucka", "55 sektorsluckor"."""
    return n_(*KIND_COUNTS[kind], n) if kind in KIND_COUNTS else f"{n} {kind}"


def kind_label(kind: str, plural: bool = False) -> str:
    """A kind of gap in plain words, in the language in force."""
    singular, many = KIND_LABELS[kind]
    return _(many if plural else singular)


def gaps(net, kinds=None, top: int | None = None, explained: int | None = None) -> list[dict]:
    """The gaps of the kinds asked for (default every kind) in a network, best first.

    Parameters
    ----------
    net : Network
        Its day (default today) is the day the gaps are seen on; its scope, if any, keeps the
        findings about the scoped organisations, their units and their partners.
    kinds : iterable of str, optional; a subset of ``KINDS``
    top : int, optional; only the ``top`` best
    explained : int, optional
        Only the best ``explained`` of each kind carry their evidence and coverage (the others
        have them empty): a report that lists a few of each kind needs no more.
    """
    kinds = list(kinds or KINDS)
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(
            _(
                "unknown gap kind {kind!r}; expected one of {known}",
                kind=sorted(unknown)[0],
                known=", ".join(KINDS),
            )
        )
    finder = _Finder(net)
    found: list[dict] = []
    for kind in (k for k in KINDS if k in kinds):
        if top and kind in FIXED and sum(f["score"] >= FIXED[kind] for f in found) >= top:
            continue  # ``top`` found rank before any of this kind, which all score FIXED[kind]
        new = [f for f in getattr(finder, kind)() if finder.in_scope(f)]
        for f in new:
            f["score"] = round(f["score"], 4)
        found += new
    # stable: equal scores keep their order (nsmallest is sorted()[:top])
    found = heapq.nsmallest(top, found, key=_best) if top else sorted(found, key=_best)
    shown: dict[str, int] = defaultdict(int)
    out = []
    for f in found:
        shown[f["kind"]] += 1
        out.append(finder.finish(f, explained is None or shown[f["kind"]] <= explained))
    return out


def _best(f: dict) -> float:
    return -f["score"]


def _edges(g: nx.Graph):
    """Edges with their ends in order, sorted: stable output whatever order networkx keeps."""
    return sorted(
        ((a, b, d) if a <= b else (b, a, d) for a, b, d in g.edges(data=True)), key=lambda e: (e[0], e[1])
    )


def _or(words: list[str]) -> str:
    """ "a, b or c" in the language in force."""
    return ", ".join(words[:-1]) + _(" or ") + words[-1] if len(words) > 1 else "".join(words)


def _names(net, ids) -> str:
    return ", ".join(net.name(i) for i in ids)


class _Finder:
    def __init__(self, net):
        self.net, self.index, self.g, self.as_of = net, net.index, net.graph, net.as_of
        self.records, self.involved = net.records, net.involved

    def name(self, eid: str) -> str:
        return self.net.name(eid)

    def sector(self, eid: str) -> str | None:
        return self.g.nodes[eid].get("sector") if eid in self.g else None

    def tie_evidence(self, a: str, b: str) -> list[dict]:
        data = self.g.edges[a, b]
        return [
            {"tie": [a, b], "reason": reason, "relations": data["evidence"][reason["id"]]}
            for reason in data["reasons"]
        ]

    def in_scope(self, f: dict) -> bool:
        if self.net.in_scope is None:
            return True
        orgs = [e for e in f["entities"] if self.index.is_org(e)]
        if not set(f.get("actors", orgs)) & self.net.in_scope:
            return False
        return f["kind"] in OPEN_KINDS or set(orgs) <= self.net.partners

    def finish(self, f: dict, explained: bool = True) -> dict:
        """Names beside the ids; the ``why`` and ``detail`` sentences, left for later as one function
        under ``why`` that writes both (only the findings kept are written); coverage and the
        evidence written out when it was left for later (a function), or empty unless ``explained``."""
        f["names"] = [self.name(e) for e in f["entities"]]
        if callable(f["why"]):  # the sentences, written only now for the findings kept
            f["why"], f["detail"] = f["why"]()
        if not explained:
            return {**f, "evidence": [], "coverage": {}}
        if callable(f["evidence"]):
            f["evidence"] = f["evidence"]()
        f["coverage"] = {e: self.net.coverage(e) for e in f["entities"] if self.index.is_org(e)}
        return f

    @cached_property
    def edges(self) -> list:
        """The ties in order (:func:`_edges`)."""
        return _edges(self.g)

    @cached_property
    def lost(self) -> dict[tuple[str, str], dict]:
        """The lost ties (see :meth:`lost_tie`), (a, b) with a < b -> ``until`` and ``evidence``,
        a function."""
        return {(a, b): d for a, b, d in sorted(self._lost_ties(), key=lambda t: (t[0], t[1]))}

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
                    out.append(self._silo(a, b, parent))
        return out

    def _silo(self, a: str, b: str, parent: str) -> dict:
        shared = sorted(self.net.features.get(a, set()) & self.net.features.get(b, set()))
        until = self._lost(a, b)  # the day their tie was lost, if it was
        lost = until is not None
        said = partial(self._silo_said, a, b, parent, shared, until)
        return {
            "kind": "silo_pair",
            "entities": [a, b, parent],
            "shared": shared,
            "lost": lost,
            "score": WEIGHTS["silo_pair"] + WEIGHTS["shared"] * len(shared) + WEIGHTS["lost"] * lost,
            "why": said,
            "evidence": partial(self._silo_evidence, a, b, parent, shared, lost),
            "detail": None,  # written with ``why``
        }

    def _silo_said(
        self, a: str, b: str, parent: str, shared: list[str], until: str | None
    ) -> tuple[str, str]:
        if until:
            why = _("they worked together until {date} and no longer do", date=until)
        elif shared:
            why = _(
                "they work on the same themes or places ({shared}) without working together",
                shared=_names(self.net, shared),
            )
        else:
            why = _("the sources show no shared theme, place, project or person")
        return why, _(
            "{a} and {b} are both part of {parent} but share no project, event, person or collaboration",
            a=self.name(a),
            b=self.name(b),
            parent=self.name(parent),
        )

    def _silo_evidence(self, a: str, b: str, parent: str, shared: list[str], lost: bool) -> list[dict]:
        """The units' part_of relations, their shared work and the lost tie's evidence."""
        mentions = self.net.mentions
        evidence = [
            relation_evidence(r)
            for x in (a, b)
            for r in mentions.get(x, [])
            if r.source == x and r.target == parent
        ]
        projects = {p for feature in shared for p in self.work_on.get(feature, ())}
        evidence += [
            relation_evidence(r)
            for p in sorted(projects)
            for x in (a, b)
            for r in self.involved[p].get(x, [])
        ]  # the shared work
        if lost:
            evidence += self._ended_evidence(a, b)
        return evidence

    @cached_property
    def work_on(self) -> dict[str, set[str]]:
        """theme/place -> the current projects and events about it."""
        features = defaultdict(set)
        for r in self.records.relations:
            about = r.relation in ("about_theme", "located_in") and r.source in self.involved
            if about and active(r, self.as_of):
                features[r.target].add(r.source)
        return features

    def sector_gap(self) -> list[dict]:
        """A theme or place that projects and events work on where organisations of one or more
        sectors are missing: one finding per theme or place."""
        out, scope = [], self.net.in_scope
        for feature, projects in sorted(self.work_on.items()):
            if scope is not None:  # the work the scoped organisations take part in
                projects = {p for p in projects if set(self.involved[p]) & scope}
            if not projects:
                continue
            orgs = sorted({a for p in projects for a in self.involved[p]})
            present = {self.sector(a) for a in orgs}
            missing = [s for s in SECTORS if s not in present]
            if not missing:
                continue
            said = partial(self._sector_gap_said, feature, missing, len(projects), len(orgs))
            out.append(
                {
                    "kind": "sector_gap",
                    "entities": [feature],
                    "actors": orgs,
                    "missing_sectors": missing,
                    "score": WEIGHTS["per_project_sector"] * len(projects) * len(missing),
                    "why": said,
                    "detail": None,  # written with ``why``
                    "evidence": [
                        {"project": p, "organisations": sorted(self.involved[p])} for p in sorted(projects)
                    ],
                }
            )
        return out

    def _sector_gap_said(self, feature: str, missing: list[str], projects: int, orgs: int) -> tuple[str, str]:
        sectors = _or([label(s, "sector") for s in missing])
        work = n_("{n} project or event", "{n} projects or events", projects)
        return _("{projects} work on it without {sectors}", projects=work, sectors=sectors), _(
            "no {sectors} organisation works on the {kind} {name} ({projects}, {orgs})",
            sectors=sectors,
            kind=label(self.index.kind(feature)),
            name=self.name(feature),
            projects=work,
            orgs=n_("{n} organisation", "{n} organisations", orgs),
        )

    def single_sector_project(self) -> list[dict]:
        """A project whose involved organisations all share one sector."""
        out = []
        for project, actors in sorted(self.involved.items()):
            if self.index.kind(project) != "project":
                continue
            sectors = {self.sector(a) for a in actors if self.sector(a)}
            if len(sectors) == 1:
                said = partial(self._single_sector_said, project, sectors.pop(), len(actors))
                out.append(
                    {
                        "kind": "single_sector_project",
                        "entities": [project, *sorted(actors)],
                        "actors": sorted(actors),
                        "score": WEIGHTS["single_sector_project"],
                        "why": said,
                        "detail": None,  # written with ``why``
                        "evidence": [relation_evidence(r) for a in sorted(actors) for r in actors[a]],
                    }
                )
        return out

    def _single_sector_said(self, project: str, sector: str | None, n: int) -> tuple[str, str]:
        return _("only one sector's knowledge and resources shape it"), _(
            "{project} involves only {sector} organisations ({n})",
            project=self.name(project),
            sector=label(sector, "sector"),
            n=n,
        )

    @cached_property
    def cuts(self):
        return cuts(self.g)

    def bridge(self) -> list[dict]:
        """A tie whose removal disconnects its two ends (:func:`~samverkan.network.cuts.cuts`)."""
        out = []
        for (a, b), sides in self.cuts[0].items():
            n = min(sides)  # actors cut off from the larger part
            said = partial(self._bridge_said, a, b, n)
            out.append(
                {
                    "kind": "bridge",
                    "entities": [a, b],
                    "score": WEIGHTS["part"] + math.log2(1 + n),
                    "why": said,
                    "detail": None,  # written with ``why``
                    "evidence": partial(self.tie_evidence, a, b),
                }
            )
        return out

    def _bridge_said(self, a: str, b: str, n: int) -> tuple[str, str]:
        return n_(
            "if this tie ends, {n} actor loses its link to the rest",
            "if this tie ends, {n} actors lose their link to the rest",
            n,
        ), _(
            "the only tie between the parts of the network around {a} and {b}",
            a=self.name(a),
            b=self.name(b),
        )

    def articulation_point(self) -> list[dict]:
        """An organisation whose removal disconnects the network into as many parts as there
        are biconnected blocks that contain it (Hopcroft and Tarjan 1973)."""
        out = []
        for v, parts in self.cuts[1].items():
            n = sum(parts) - max(parts)  # actors cut off from the largest part
            said = partial(self._articulation_said, v, n, len(parts))
            out.append(
                {
                    "kind": "articulation_point",
                    "entities": [v],
                    "score": WEIGHTS["part"] + math.log2(1 + n),
                    "why": said,
                    "detail": None,  # written with ``why``
                    "evidence": [
                        {"tie": [v, u], "reasons": self.g.edges[v, u]["reasons"]}
                        for u in sorted(self.g.neighbors(v))
                    ],
                }
            )
        return out

    def _articulation_said(self, v: str, n: int, parts: int) -> tuple[str, str]:
        return n_(
            "without it, {n} actor loses its link to the rest",
            "without it, {n} actors lose their link to the rest",
            n,
        ), _("{name} holds {n} parts of the network together", name=self.name(v), n=parts)

    def key_person(self) -> list[dict]:
        """A tie between two organisations whose only reason is one person (an interlock)."""
        size: dict[str, int] = defaultdict(int)
        for v in self.g:
            size[self.index.top(v)] += 1
        bridges = self.cuts[0]
        out = []
        for a, b, data in self.edges:
            reasons = data["reasons"]
            if len(reasons) == 1 and reasons[0]["kind"] == "person":
                person = reasons[0]["id"]
                sa, sb = size[self.index.top(a)], size[self.index.top(b)]
                bonus = WEIGHTS["bridge_bonus"] * ((a, b) in bridges)
                said = partial(self._key_person_said, person, a, b, sa, sb)
                out.append(
                    {
                        "kind": "key_person",
                        "entities": [person, a, b],
                        "actors": [a, b],
                        "score": WEIGHTS["part"] + math.log2(1 + min(sa, sb)) + bonus,
                        "why": said,
                        "detail": None,  # written with ``why``
                        "evidence": partial(self.tie_evidence, a, b),
                    }
                )
        return out

    def _key_person_said(self, person: str, a: str, b: str, sa: int, sb: int) -> tuple[str, str]:
        names = {"person": self.name(person), "a": self.name(a), "b": self.name(b)}
        return _(
            "if {person} leaves, {a} and {b} lose their only link; their organisations count {na} and {nb}",
            **names,
            na=n_("{n} actor", "{n} actors", sa),
            nb=n_("{n} actor", "{n} actors", sb),
        ), _("{person} is the only link between {a} and {b}", **names)

    @cached_property
    def _untied(self) -> list[str]:
        """Organisations with no tie, but for top organisations whose units have ties and arenas
        whose members are tied through them."""
        tied_tops = {self.index.top(v) for v in self.g if self.g.degree(v)}
        arenas = {
            r["id"] for _a, _b, d in self.g.edges(data=True) for r in d["reasons"] if r["kind"] == "arena"
        }
        tied = tied_tops | arenas
        return [v for v in sorted(self.g) if self.g.degree(v) == 0 and v not in tied]

    @cached_property
    def _tying(self) -> dict[str, bool]:
        """untied organisation -> whether any of its relations could tie it (as
        :meth:`Network.coverage` counts them)."""
        tying = set(roles("direct") + roles("affiliation") + roles("involvement"))
        mentions = self.net.mentions
        return {v: any(r.relation in tying for r in mentions.get(v, ())) for v in self._untied}

    def isolated(self) -> list[dict]:
        """An organisation with no tie although the sources give it relations that could tie it."""
        out = []
        for v in self._untied:
            if self._tying[v]:
                out.append(
                    {
                        "kind": "isolated",
                        "entities": [v],
                        "score": WEIGHTS["isolated"],
                        "why": partial(self._isolated_said, v),
                        "detail": None,  # written with ``why``
                        "evidence": [{"entity": v, "sources": self.index.entities[v].sources}],
                    }
                )
        return out

    def _isolated_said(self, v: str) -> tuple[str, str]:
        facts = self.net.coverage(v)["facts"]
        return _(
            "{facts} in the sources, none of them with another organisation now",
            facts=n_("{n} fact", "{n} facts", facts),
        ), _("{name} has no tie to any other organisation", name=self.name(v))

    def unrelated_in_sources(self) -> list[dict]:
        """An organisation the sources mention without any relation that could tie it: what is
        absent is the sources' word on it, not necessarily its collaboration."""
        out = []
        for v in self._untied:
            if not self._tying[v]:
                out.append(
                    {
                        "kind": "unrelated_in_sources",
                        "entities": [v],
                        "score": WEIGHTS["unrelated_in_sources"],
                        "why": partial(self._unrelated_said, v),
                        "detail": None,  # written with ``why``
                        "evidence": [{"entity": v, "sources": self.index.entities[v].sources}],
                    }
                )
        return out

    def _unrelated_said(self, v: str) -> tuple[str, str]:
        c = self.net.coverage(v)
        documents, sources = c["documents"], c["sources"]
        mention = (
            n_("{n} document mentions", "{n} documents mention", documents)
            if documents
            else n_("{n} source mentions", "{n} sources mention", sources)
        )
        return _("absent from the sources' relations, not necessarily from collaboration"), _(
            "{name}: {sources} it, no relation stated", name=self.name(v), sources=mention
        )

    def suggested_partner(self) -> list[dict]:
        """Organisations without a tie that work on the same themes or places, ranked.

        Score: Σ over shared themes and places t of 1 / log(1 + n_t), n_t the number of
        organisations working on t (Adamic and Adar 2003): sharing a rare theme counts more.
        Left out: pairs inside one top organisation (silo pairs); units of two different
        municipalities (unless one is regional, national or civil society, whose level is not
        local); themes and places shared by more than ``COMMON_FEATURE`` organisations. The
        best ``SUGGESTIONS`` are kept.
        """
        features: dict[str, set[str]] = defaultdict(set)
        for feature, projects in self.work_on.items():
            for p in projects:
                features[feature] |= set(self.involved[p])
        scores: dict[tuple, float] = defaultdict(float)
        shared: dict[tuple, list[str]] = defaultdict(list)
        for feature, orgs in features.items():
            if len(orgs) > COMMON_FEATURE:
                continue
            weight = 1 / math.log(1 + len(orgs))
            for a, b in combinations(sorted(orgs), 2):
                if self._may_pair(a, b):
                    scores[(a, b)] += weight
                    shared[(a, b)].append(feature)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:SUGGESTIONS]
        return [self._suggestion(a, b, score, sorted(shared[(a, b)])) for (a, b), score in ranked]

    def _suggestion(self, a: str, b: str, score: float, shared: list[str]) -> dict:
        return {
            "kind": "suggested_partner",
            "entities": [a, b],
            "score": score,
            "shared": shared,
            "why": partial(self._suggestion_said, a, b, shared),
            "detail": None,  # written with ``why``
            "evidence": [{"shared": f} for f in shared],
        }

    def _suggestion_said(self, a: str, b: str, shared: list[str]) -> tuple[str, str]:
        names = _names(self.net, shared)
        return _("they share {shared} and are not tied", shared=names), _(
            "{a} and {b} both work on {shared} but have no tie", a=self.name(a), b=self.name(b), shared=names
        )

    @cached_property
    def _tops(self) -> dict[str, tuple[str, bool]]:
        """organisation -> its top organisation, and whether it is local."""
        return {v: (self.index.top(v), level == "local") for v, level in self.g.nodes(data="level")}

    def _may_pair(self, a: str, b: str) -> bool:
        (ta, local_a), (tb, local_b) = self._tops[a], self._tops[b]
        return ta != tb and not (local_a and local_b) and not self.g.has_edge(a, b)

    def fading_tie(self) -> list[dict]:
        """A tie all of whose reasons are projects that end within a year after the day."""
        horizon = self.as_of + timedelta(days=FADING_DAYS)
        out = []
        for a, b, data in self.edges:
            ends = [self._end(r) for r in data["reasons"]]
            if all(r["kind"] == "project" for r in data["reasons"]) and all(e and e <= horizon for e in ends):
                last = max(ends).isoformat()
                out.append(
                    {
                        "kind": "fading_tie",
                        "entities": [a, b],
                        "score": WEIGHTS["fading_tie"],
                        "why": partial(self._fading_said, a, b, last),
                        "detail": None,  # written with ``why``
                        "evidence": partial(self.tie_evidence, a, b),
                    }
                )
        return out

    def _fading_said(self, a: str, b: str, last: str) -> tuple[str, str]:
        return _("every project behind it ends by {date}", date=last), _(
            "the tie between {a} and {b} ends on {date} unless someone renews it",
            a=self.name(a),
            b=self.name(b),
            date=last,
        )

    def _lost_ties(self):
        """(a, b, {"until", "evidence"}) for ties that held before the day and have ended: the
        network's ended pairs (found in the same pass as its ties) whose every reason is a
        project or event that has ended."""
        for (a, b), reasons in self.net.ended_reasons():
            if until := self._until(reasons):
                yield a, b, {"until": until, "evidence": partial(self._ended_evidence, a, b)}

    def _lost(self, a: str, b: str) -> str | None:
        """The day (ISO) the tie of ``a`` and ``b`` (a < b) was lost, when it is a lost tie."""
        return self._until(self.net.ended_tie((a, b)))

    def _until(self, reasons) -> str | None:
        """The last day (ISO) of the projects and events behind an ended tie, when every reason
        is one of them and has ended; else None."""
        until = None
        for kind, rid in reasons:
            end = self._ends.get(rid) if kind in ("project", "event") else None
            if not end or end >= self.as_of:
                return None
            until = end if until is None else max(until, end)
        return until.isoformat() if until else None

    def _ended_evidence(self, a: str, b: str) -> list[dict]:
        """An ended tie's reasons with their relations as evidence."""
        return [
            {"tie": [a, b], "reason": {"kind": k, "id": i}, "relations": [relation_evidence(r) for r in rels]}
            for (k, i), rels in self.net.ended_tie((a, b)).items()
        ]

    def lost_tie(self) -> list[dict]:
        """Two organisations that had a tie before the day and have none on it, because every
        project or event behind it has ended."""
        return [
            {
                "kind": "lost_tie",
                "entities": [a, b],
                "score": WEIGHTS["lost_tie"],
                "why": partial(self._lost_said, a, b, d["until"]),
                "detail": None,  # written with ``why``
                "evidence": d["evidence"],
            }
            for (a, b), d in self.lost.items()
        ]

    def _lost_said(self, a: str, b: str, until: str) -> tuple[str, str]:
        return _("every project behind it has ended"), _(
            "{a} and {b} worked together until {date} and have no tie now",
            a=self.name(a),
            b=self.name(b),
            date=until,
        )

    def _end(self, reason: dict):
        return self._ends.get(reason["id"]) if reason["kind"] in ("project", "event") else None

    @cached_property
    def _ends(self) -> dict:
        """entity -> the day it ends (None: it does not)."""
        return {eid: e.end for eid, e in self.index.entities.items()}
