"""Cut ties and cut actors: bridges and articulation points with the sizes of the parts each
holds together, from one depth-first search (Hopcroft and Tarjan 1973), linear in the size of
the graph.

A tie p–c of the search tree is a *bridge* when nothing below c reaches above it
(low[c] > disc[p]); removing it leaves the c side, of size[c] actors, and the rest. An actor p is
an *articulation point* when a child c cannot reach above p (low[c] ≥ disc[p]): each such child's
subtree becomes a part of its own, and unless p is the root, the rest of its component another.

Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph manipulation.
Communications of the ACM 16(6), 372–378.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

__all__ = ["cuts"]


def cuts(g: nx.Graph) -> tuple[dict[tuple, tuple[int, int]], dict[str, list[int]]]:
    """Bridges and articulation points of ``g`` with the parts they hold together.

    Returns
    -------
    (bridges, points)
        ``bridges``: (a, b) with a < b -> (size of a's side, size of b's side) once the tie is gone;
        ``points``: actor -> sizes of the parts its component falls into without it.

    Examples
    --------
    >>> cuts(nx.path_graph(["a", "b", "c"]))
    ({('a', 'b'): (1, 2), ('b', 'c'): (2, 1)}, {'b': [1, 1]})
    """
    disc: dict = {}
    low: dict = {}
    size: dict = {}
    parent: dict = {}
    bridges, points = {}, {}
    for root in g:
        if root in disc:
            continue
        order = _search(g, root, disc, low, size, parent)
        total = size[root]
        parts = defaultdict(list)
        for c in order[1:]:
            p = parent[c]
            if low[c] > disc[p]:
                a, b = sorted((p, c))
                bridges[(a, b)] = (size[c], total - size[c]) if a == c else (total - size[c], size[c])
            if low[c] >= disc[p]:
                parts[p].append(size[c])
        for p, sizes in parts.items():
            if p != root:
                sizes.append(total - 1 - sum(sizes))
            if len(sizes) >= 2:
                points[p] = sizes
    return dict(sorted(bridges.items())), dict(sorted(points.items()))


def _search(g: nx.Graph, root, disc: dict, low: dict, size: dict, parent: dict) -> list:
    """Iterative depth-first search from ``root``: discovery times, low points, subtree sizes
    and parents; returns the actors in discovery order."""
    order = [root]
    disc[root] = low[root] = len(disc)
    size[root] = 1
    stack = [(root, iter(g[root]))]
    while stack:
        v, neighbours = stack[-1]
        for w in neighbours:
            if w not in disc:
                disc[w] = low[w] = len(disc)
                size[w], parent[w] = 1, v
                order.append(w)
                stack.append((w, iter(g[w])))
                break
            if w != parent.get(v):
                low[v] = min(low[v], disc[w])
        else:
            stack.pop()
            if v != root:
                p = parent[v]
                low[p] = min(low[p], low[v])
                size[p] += size[v]
    return order
