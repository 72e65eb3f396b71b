"""A :class:`~samverkan.network.Network` kept in a file, so that an analysis of an unchanged
workspace does not build it again from every record (the workspace keeps it beside the records,
:meth:`samverkan.graph.views.DerivedViews.network`).

The file holds two pickles. The first is what ``boundaries`` and ``brokers`` need: the day, the
level, the tie graph without the evidence of its ties, and the index (types, names and parents,
without the records). The second holds the involvements, the ended ties and the evidence of the
ties, each relation of the involvements and ended ties kept as its position in the records' list
of relations. It is unpickled, and the records are read, only when something asks for them, as
``gaps`` does; so the file is only good with the very records it was written from, which the
caller sees to.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from typing import Callable

from samverkan.network import Network, building
from samverkan.records import Records

__all__ = ["FILE", "FORMAT", "save", "load", "rest"]

FILE = "network.pickle"
FORMAT = 2  # of the file: a file of another format is built again
DIGEST = 16  # bytes of BLAKE2b at the end of the file: a damaged file is built again


def _digest(data) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST).digest()


def _positions(tables: dict, where: Callable) -> dict:
    """``{key: {key: [relation]}}`` with each relation swapped for ``where(relation)``."""
    return {k: {j: [where(r) for r in rels] for j, rels in inner.items()} for k, inner in tables.items()}


@building()
def save(net: Network, path) -> None:
    """Write ``net`` (built without a scope) to the file ``path``, its digest last."""
    g, f = net.graph, io.BytesIO()
    evidence = [d.pop("evidence") for _a, _b, d in g.edges(data=True)]
    position = {id(r): i for i, r in enumerate(net.records.relations)}.__getitem__
    try:
        pickle.dump((net.as_of, net.level, g, net.index), f, protocol=5)
        at = lambda r: position(id(r))  # noqa: E731
        pickle.dump((_positions(net.involved, at), _positions(net.ended, at), evidence), f, protocol=5)
    finally:
        for (_a, _b, d), ev in zip(g.edges(data=True), evidence):
            d["evidence"] = ev
    data = f.getbuffer()
    with open(path, "wb") as out:
        out.write(data)
        out.write(_digest(data))


@building()
def load(path, read: Callable[[], Records]) -> Network:
    """The network written to ``path`` by :func:`save`; ``read()`` gives the records it was built
    from. Its ties carry no evidence until the records, the involvements or the ended ties are
    first asked for: then all of them are read (:func:`rest`)."""
    with open(path, "rb") as file:
        data = file.read()
    if len(data) < DIGEST or _digest(memoryview(data)[:-DIGEST]) != data[-DIGEST:]:
        raise ValueError(f"{path}: damaged")
    f = io.BytesIO(data)
    net = Network.__new__(Network)
    net.as_of, net.level, net.graph, net.index = pickle.load(f)
    net.kept = data[f.tell() : -DIGEST]
    net.index.read = read
    net.scoped(())
    return net


@building()
def rest(net: Network) -> tuple[Records, dict, dict]:
    """The records, the involvements and the ended ties of a network :func:`load` read, and the
    evidence of its ties put back on them."""
    records = net.index.read()
    involved, ended, evidence = pickle.loads(net.kept)
    involved, ended = (_positions(x, records.relations.__getitem__) for x in (involved, ended))
    for (_a, _b, d), ev in zip(net.graph.edges(data=True), evidence):
        d["evidence"] = ev
    net.kept = b""
    return records, involved, ended
