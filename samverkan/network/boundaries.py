"""Boundaries: partitions of the tie graph, the mixing matrix and the E-I index.

A *boundary* is a partition of the actors by an attribute (sector, type, top organisation,
level, place); a tie is *cross-boundary* when its ends fall in different cells. Nodes without a
value for the attribute are left out of that partition's counts.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from samverkan.i18n import _

__all__ = ["PARTITIONS", "cells", "ei_index", "boundaries"]

BATCH = 50  # permutations drawn at once (memory: BATCH × the labelled nodes)
SMALL_SAMPLE = 20  # fewer ties than this: the p-value rests on a small sample
DENSE_CELLS = 50  # up to this many cells the matrix lists every pair; above, only pairs with ties
PARTITIONS = {
    "sector": "sector",
    "type": "type",
    "organisation": "organisation",
    "level": "level",
    "place": "place",
}


def cells(g: nx.Graph, by: str) -> dict[str, str]:
    """The cell of every node that has a value for partition ``by``."""
    if by not in PARTITIONS:
        raise ValueError(
            _("unknown partition {by!r}; expected one of {known}", by=by, known=", ".join(PARTITIONS))
        )
    attribute = PARTITIONS[by]
    return {n: v for n, v in g.nodes(data=attribute) if v is not None}


def _counts(g: nx.Graph, cell: dict[str, str], weight: str | None = None) -> tuple[int, int]:
    external = internal = 0
    for a, b, w in g.edges(data=weight, default=1):
        if a in cell and b in cell:
            if cell[a] == cell[b]:
                internal += w if weight else 1
            else:
                external += w if weight else 1
    return external, internal


def _ratio(external: int, internal: int) -> float | None:
    total = external + internal
    return (external - internal) / total if total else None


def ei_index(g: nx.Graph, cell: dict[str, str], weight: str | None = None) -> float | None:
    """Krackhardt and Stern's E-I index of the whole graph: (E − I) / (E + I).

    Each edge counts once (or by its ``weight`` attribute when given); E counts the edges
    between cells, I the edges inside one. −1 means every tie stays inside its cell, +1 that every tie
    crosses.

    Parameters
    ----------
    g : networkx.Graph
    cell : dict
        node -> cell; edges with an end outside ``cell`` are not counted.

    Returns
    -------
    float or None (no edge counted)

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> ei_index(g, {"a": "x", "b": "x", "c": "y", "d": "y"})  # E=1, I=2
    -0.3333333333333333

    References
    ----------
    Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational crises: an
    experimental simulation. Social Psychology Quarterly 51(2), 123–140.
    """
    return _ratio(*_counts(g, cell, weight))


def boundaries(
    g: nx.Graph, by: str = "sector", permutations: int = 1000, seed: int = 0, weighted: bool = False
) -> dict:
    """Mixing across the cells of a partition, with the E-I index overall and per cell.

    Per cell c, E_c counts edges with exactly one end in c and I_c edges with both ends in c;
    ``weighted`` counts each edge by its weight (its number of reasons) instead of once, in the
    matrix, the cells, the index and the permutations alike.
    Because the index depends on the sizes of the cells, ``expected`` and ``p_value`` compare
    it with ``permutations`` random reassignments of the cell labels to the same nodes (as
    UCINET does): ``expected`` is the mean E-I over the permutations and ``p_value`` the share of
    permutations at least as far from it as the observed index, in the observed direction.

    Returns
    -------
    dict
        ``{"by", "ei_index", "expected", "p_value", "permutations", "cells": {c: {"members",
        "internal", "external", "ei_index"}}, "matrix": {c: {c: ties}}, "ties": [...]}``;
        ``ties`` lists every counted edge with its cells, ``cross``, weight and reasons;
        ``weighted`` says how edges were counted and ``small_sample`` that fewer than
        ``SMALL_SAMPLE`` ties were counted (a p-value on so few says little).

    References
    ----------
    Krackhardt, D. and Stern, R. N. (1988), Social Psychology Quarterly 51(2), 123–140.
    Borgatti, S. P., Everett, M. G. and Freeman, L. C. (2002). UCINET for Windows.
    """
    cell = cells(g, by)
    stats, matrix, ties = _mixing(g, cell, weighted)
    weight = "weight" if weighted else None
    observed = ei_index(g, cell, weight)
    expected, p_value = _permutation_test(g, cell, observed, permutations, seed, weight)
    return {
        "by": by,
        "weighted": weighted,
        "ei_index": observed,
        "expected": expected,
        "p_value": p_value,
        "permutations": permutations,
        "small_sample": len(ties) < SMALL_SAMPLE,
        "cells": stats,
        "matrix": matrix,
        "ties": ties,
    }


def _mixing(g: nx.Graph, cell: dict[str, str], weighted: bool) -> tuple[dict, dict, list]:
    """Per cell its members, its ties inside and across and its E-I index; the mixing matrix
    (sparse above ``DENSE_CELLS``); and every counted tie, each once, its ends in sorted order."""
    names = sorted(set(cell.values()))
    stats: dict[str, dict] = {
        c: {"members": 0, "internal": 0, "external": 0, "ei_index": None} for c in names
    }
    for c in cell.values():
        stats[c]["members"] += 1
    dense = len(names) <= DENSE_CELLS  # by organisation: 22,000 cells would make 484 M pairs
    matrix: dict[str, dict[str, int]] = {a: dict.fromkeys(names, 0) if dense else {} for a in names}
    ties = []
    for a, b, data in sorted((*sorted(e[:2]), e[2]) for e in g.edges(data=True)):  # each tie one way
        if a not in cell or b not in cell:
            continue
        ca, cb = cell[a], cell[b]
        w = data.get("weight", 1) if weighted else 1
        matrix[ca][cb] = matrix[ca].get(cb, 0) + w
        if ca == cb:
            stats[ca]["internal"] += w
        else:
            matrix[cb][ca] = matrix[cb].get(ca, 0) + w
            stats[ca]["external"] += w
            stats[cb]["external"] += w
        ties.append(
            {
                "a": a,
                "b": b,
                "a_cell": ca,
                "b_cell": cb,
                "cross": ca != cb,
                "weight": data.get("weight", 1),
                "reasons": data.get("reasons", []),
            }
        )
    for s in stats.values():
        s["ei_index"] = _ratio(s["external"], s["internal"])
    if not dense:
        matrix = {a: dict(sorted(row.items())) for a, row in matrix.items() if row}
    return stats, matrix, ties


def _permutation_test(g, cell, observed, permutations, seed, weight=None):
    """The mean E-I index over ``permutations`` random reassignments of the cell labels, and
    the share of them at least as extreme as ``observed``; vectorised in batches of ``BATCH``."""
    if observed is None or permutations <= 0:
        return None, None
    nodes = sorted(cell)  # the order the graph was built in does not change the draws
    position = {n: i for i, n in enumerate(nodes)}
    codes = {c: k for k, c in enumerate(sorted(set(cell.values())))}
    small = np.int16 if len(codes) < 2**15 else np.int32  # permuted alike, moved faster
    labels = np.array([codes[cell[n]] for n in nodes], dtype=small)
    ends = sorted(
        (*sorted((position[a], position[b])), w if weight else 1)
        for a, b, w in g.edges(data=weight, default=1)
        if a in cell and b in cell
    )
    i, j, w = (np.array(column, dtype=float if k == 2 else np.int64) for k, column in enumerate(zip(*ends)))
    total = w.sum()
    rng = np.random.default_rng(seed)
    values = []
    for start in range(0, permutations, BATCH):
        rows = min(BATCH, permutations - start)  # a permutation of the nodes per row: quicker than
        shuffled = np.stack([labels[rng.permutation(len(labels))] for _ in range(rows)])  # permuted()
        crossing = shuffled[:, i] != shuffled[:, j]
        external = crossing @ w if weight else np.count_nonzero(crossing, axis=1)
        values.append((2 * external - total) / total)
    values = np.concatenate(values)
    expected = float(values.mean())
    extreme = values >= observed if observed >= expected else values <= observed
    return expected, float(extreme.mean())
