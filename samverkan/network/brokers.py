"""Brokers: who holds the network together, and across which boundaries.

Betweenness, Burt's constraint and effective size are computed with igraph on the tie graph
(they equal networkx's ``betweenness_centrality``, ``constraint`` and ``effective_size`` on
unweighted undirected graphs, at a fraction of the time); above ``EXACT_LIMIT`` nodes,
betweenness is estimated from ``SAMPLE_SOURCES`` random source nodes (Brandes and Pich 2007),
which keeps about 95% of the exact top 20 at 10k nodes.
"""

from __future__ import annotations

import os
import random
import threading
from array import array

import networkx as nx
import numpy as np

from samverkan.network.boundaries import cells
from samverkan.network.igraph_core import ig

__all__ = ["EXACT_LIMIT", "SAMPLE_SOURCES", "betweenness", "structural_holes", "brokerage", "brokers"]

EXACT_LIMIT = 20_000
SAMPLE_SOURCES = 1_000
SPLIT_FROM = 200  # sources from which two processes count betweenness (:func:`from_sources`)
ROLES = ("coordinator", "itinerant", "representative", "liaison")


def _igraph(g: nx.Graph) -> tuple[ig.Graph, list]:
    nodes = list(g.nodes)
    position = {n: i for i, n in enumerate(nodes)}
    return ig.Graph(n=len(nodes), edges=[(position[a], position[b]) for a, b in g.edges]), nodes


def betweenness(
    g: nx.Graph, sample: int | None = None, seed: int = 0, normalised: bool = True, h=None
) -> dict:
    """Betweenness: the sum over other pairs of the share of their shortest paths that pass
    through a node (raw), divided by (n−1)(n−2)/2 on an undirected graph when ``normalised``.

    Exact when the graph has at most ``EXACT_LIMIT`` nodes (or ``sample`` is 0), else estimated
    from ``sample`` (default ``SAMPLE_SOURCES``) random sources, scaled by n / sample. ``h`` is
    ``g`` as igraph with its nodes (:func:`_igraph`), when already built.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry 40.
    Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math. Sociology 25.
    Brandes, U. and Pich, C. (2007). Centrality estimation in large networks. IJBC 17(7).
    """
    h, nodes = h or _igraph(g)
    n = len(nodes)
    if n < 3:
        return {v: 0.0 for v in nodes}
    k = sample if sample is not None else (0 if n <= EXACT_LIMIT else SAMPLE_SOURCES)
    if k and k < n:
        sources = random.Random(seed).sample(range(n), k)
        raw = [x * n / k for x in from_sources(h, sources)]
    else:
        raw = h.betweenness(directed=False)
    scale = (n - 1) * (n - 2) / 2 if normalised else 1
    return {v: raw[i] / scale for i, v in enumerate(nodes)}


def from_sources(h, sources: list[int]) -> list[float]:
    """igraph's betweenness of every node counted over the shortest paths from ``sources`` only.
    With ``SPLIT_FROM`` sources or more and a second core, a forked copy of this process counts
    the second half while this one counts the first (igraph holds Python's lock while it works,
    so threads would take turns); the counts are summed. Without ``fork``, in a process with
    other threads (a fork copies none of them, nor what they hold), or when the copy fails, all
    are counted here."""
    half = len(sources) // 2
    if len(sources) < SPLIT_FROM or (os.cpu_count() or 1) < 2 or threading.active_count() > 1:
        return h.betweenness(directed=False, sources=sources, targets=None)
    read, write = os.pipe()
    try:
        pid = os.fork()
    except (AttributeError, OSError):  # no fork here, or no room for a process
        for fd in (read, write):
            os.close(fd)
        return h.betweenness(directed=False, sources=sources, targets=None)
    if pid == 0:  # the copy: the second half, written as doubles; never returns
        code = 1
        try:
            os.close(read)
            with os.fdopen(write, "wb") as out:
                out.write(array("d", h.betweenness(directed=False, sources=sources[half:])).tobytes())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    try:
        first = h.betweenness(directed=False, sources=sources[:half])
        with os.fdopen(read, "rb") as answer:
            second = array("d", answer.read())
    finally:
        status = os.waitpid(pid, 0)[1]
    if status or len(second) != len(first):
        second = array("d", h.betweenness(directed=False, sources=sources[half:]))
    return [a + b for a, b in zip(first, second)]


def structural_holes(g: nx.Graph, h=None) -> dict:
    """Burt's constraint and effective size of every node (unweighted).

    Constraint c_i = Σ_j (p_ij + Σ_q p_iq p_qj)², low for a broker whose contacts are not
    tied to each other; effective size = n_i − 2 t_i / n_i with t_i the ties among the n_i
    contacts (Borgatti 1997). Isolated nodes get ``None`` for both. ``h`` as for :func:`betweenness`.

    References
    ----------
    Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard UP.
    Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
    Connections 20(1), 35–38.
    """
    h, nodes = h or _igraph(g)
    constraint, degrees = h.constraint(), h.degree()
    triangles = np.bincount(np.array(h.list_triangles(), dtype=np.int64).ravel(), minlength=len(nodes))
    out = {}
    for i, v in enumerate(nodes):
        d = degrees[i]
        out[v] = (constraint[i], d - 2 * int(triangles[i]) / d) if d else (None, None)
    return out


def brokerage(g: nx.Graph, cell: dict) -> dict:
    """Gould and Fernandez's brokerage roles of every node, for an undirected graph.

    For every pair a, c of neighbours of broker b that are not tied to each other:
    *coordinator* when a, b, c share a cell; *itinerant* when a and c share a cell and b is
    outside it; *representative* when b shares its cell with exactly one of a, c (the
    undirected merge of representative and gatekeeper); *liaison* when all three differ.
    Nodes without a cell are not counted, as brokers or as ends.

    References
    ----------
    Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. Sociological Methodology 19, 89–126.
    """
    out = {}
    for b in g.nodes:
        counts = dict.fromkeys(ROLES, 0)
        if b in cell:
            neighbours = [n for n in g.neighbors(b) if n in cell]
            for i, a in enumerate(neighbours):
                for c in neighbours[i + 1 :]:
                    if not g.has_edge(a, c):
                        counts[_role(cell[a], cell[b], cell[c])] += 1
        out[b] = counts
    return out


def _role(a, b, c) -> str:
    if a == b == c:
        return "coordinator"
    if a == c:
        return "itinerant"
    if b in (a, c):
        return "representative"
    return "liaison"


def brokers(
    g: nx.Graph, by: str = "sector", top: int | None = None, sample: int | None = None, seed: int = 0
) -> list[dict]:
    """Every organisation (or actor) with betweenness, constraint, effective size and
    brokerage roles for partition ``by``, sorted by betweenness (highest first).

    ``betweenness`` is normalised (divided by (n−1)(n−2)/2, as ``betweenness_scale`` says) and
    ``betweenness_raw`` is the plain count of shortest-path shares (UCINET's and igraph's)."""
    h = _igraph(g)
    between = betweenness(g, sample, seed, h=h)
    n = g.number_of_nodes()
    scale = (n - 1) * (n - 2) / 2 if n >= 3 else 1
    holes = structural_holes(g, h)
    roles = brokerage(g, cells(g, by))
    rows = [
        {
            "id": v,
            "name": g.nodes[v].get("name", v),
            "betweenness": between[v],
            "betweenness_raw": between[v] * scale,
            "betweenness_scale": "normalised",
            "constraint": holes[v][0],
            "effective_size": holes[v][1],
            "brokerage": roles[v],
        }
        for v in g.nodes
    ]
    rows.sort(key=lambda r: (-r["betweenness"], r["id"]))
    return rows[:top] if top else rows
