"""What the explorer shows, read from the workspace and kept in memory.

The server never holds the workspace: it opens it for a moment to read a :class:`Snapshot`
(records, sources, positions) and for a write, then lets go, so ``samverkan gaps``, ``query``,
``map``, ``load`` … keep working while it runs. When the store's files change, the next request
looks whether the sources changed (their names, checksums and load times, and the identity
decisions) and reads a new snapshot if so.

Positions are computed in Python (:func:`samverkan.export.map.layout`) on the network of every
tie ever recorded, so an actor stays in place as the date changes, and cached in the workspace
(``serve/layout-<key>.json``) keyed by the graph's nodes and edges.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import defaultdict
from datetime import date
from functools import lru_cache
from pathlib import Path

import networkx as nx

from samverkan.graph.workspace import Workspace, WorkspaceInUse
from samverkan.network import Network, changes
from samverkan.network.ties import Index, tie_graph
from samverkan.records import Records

OPEN_TRIES, OPEN_PAUSE = 50, 0.1  # wait up to 5 s for a command that holds the workspace
CHECK_EVERY = 1.0  # seconds between looks at the store's files


def open_workspace(path: Path) -> Workspace:
    """Open the workspace, waiting a moment if another command holds it."""
    for _ in range(OPEN_TRIES - 1):
        try:
            return Workspace.open(path)
        except WorkspaceInUse:
            time.sleep(OPEN_PAUSE)
    return Workspace.open(path)


def files_state(path: Path) -> tuple:
    """A cheap fingerprint of the store's files: it changes whenever anything writes them."""
    store = path / "store"
    return tuple(
        sorted(
            (p.name, p.stat().st_size, p.stat().st_mtime_ns)
            for p in store.iterdir()
            if p.is_file() and not p.name.startswith("LOG")
        )
    )


def store_key(ws: Workspace) -> str:
    """What the records depend on: the store's generation, new at every change of the sources,
    the decisions or an update."""
    return ws.generation() or "empty"


class Snapshot:
    """The records of a workspace at one moment, with everything the pages derive from them."""

    def __init__(self, path: Path, key: str, records: Records, sources: list[dict]):
        self.path, self.key, self.records = path, key, records
        self.sources = {s["name"]: s for s in sources}
        self.index = Index(records)
        self.entities = self.index.entities
        self.relations_of: dict[str, list] = defaultdict(list)  # entity -> the relations it is an end of
        for r in records.relations:
            self.relations_of[r.source].append(r)
            if r.target != r.source:
                self.relations_of[r.target].append(r)
        self.everything = tie_graph(records, None, ignore_end=True, index=self.index)  # the layout's
        self.layout = cached_layout(path, self.everything)
        self.network = lru_cache(maxsize=4)(self._network)
        self._persons: dict[str, Snapshot] = {"show": self}
        self._cache: dict[tuple, object] = {}

    def cached(self, key: tuple, make):
        """``make(self, key)``, made once per key while this snapshot lasts (the last eight kept)."""
        if key not in self._cache:
            while len(self._cache) >= 8:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = make(self, key)
        return self._cache[key]

    def persons(self, mode: str) -> Snapshot:
        """This snapshot with persons shown as ``mode`` says (:mod:`samverkan.export.persons`)."""
        from samverkan.export.persons import Redactor, secret

        if mode not in self._persons:  # the workspace's own key: the same pseudonyms as its exports
            redactor = Redactor(self.records, mode, secret(self.path) if mode != "show" else None)
            self._persons[mode] = Snapshot(
                self.path,
                self.key,
                redactor.records(self.records),
                [redactor.source(s) for s in self.sources.values()],
            )
        return self._persons[mode]

    def _network(self, as_of: date) -> Network:
        return Network(self.records, as_of)

    def changes(self, start: date, end: date) -> dict:
        return changes(self.records, start, end)

    def name(self, eid: str) -> str:
        e = self.entities.get(eid)
        return e.name if e else eid


class Data:
    """The current snapshot of a workspace, re-read when the store changed."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._checked = 0.0
        with open_workspace(self.path) as ws:
            self.snapshot = self._read(ws)
        self._files = files_state(self.path)

    def _read(self, ws: Workspace) -> Snapshot:
        return Snapshot(self.path, store_key(ws), ws.records(), ws.sources())

    def current(self) -> Snapshot:
        """The snapshot, re-read first if another command changed the sources."""
        with self._lock:
            if time.monotonic() - self._checked < CHECK_EVERY or files_state(self.path) == self._files:
                return self.snapshot
            self._checked = time.monotonic()
            try:
                with Workspace.open(self.path) as ws:
                    if store_key(ws) != self.snapshot.key:
                        self.snapshot = self._read(ws)
            except WorkspaceInUse:  # a command is writing: look again at the next request
                return self.snapshot
            self._files = files_state(self.path)
            return self.snapshot

    def read(self, question):
        """Run ``question(ws)`` with the workspace open for a moment (queries)."""
        with self._lock, open_workspace(self.path) as ws:
            result = question(ws)
        self._files = files_state(self.path)
        return result

    def write(self, change):
        """Run ``change(ws)`` with the workspace open, then read the new snapshot."""
        with self._lock, open_workspace(self.path) as ws:
            result = change(ws)
            self.snapshot = self._read(ws)
        self._files = files_state(self.path)
        return result


def saved_views(path: Path) -> dict[str, str]:
    """The views saved by name: name -> the page's query string (``serve/views.json``)."""
    file = path / "serve" / "views.json"
    return json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}


def save_view(path: Path, name: str, query: str) -> dict[str, str]:
    """Save (or replace) a view by name; the file is replaced whole, never half-written."""
    views = saved_views(path) | {name: query}
    file = path / "serve" / "views.json"
    file.parent.mkdir(exist_ok=True)
    tmp = file.with_suffix(".tmp")
    tmp.write_text(json.dumps(views, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(file)
    return views


def cached_layout(path: Path, g: nx.Graph) -> dict:
    """Positions, community and betweenness of every node, cached by the graph's shape."""
    from samverkan.export.map import layout
    from samverkan.network.brokers import betweenness

    shape = json.dumps([sorted(g.nodes), sorted(sorted(e) for e in g.edges)]).encode()
    cache = path / "serve" / f"layout-{hashlib.sha256(shape).hexdigest()[:16]}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    pos = layout(g) if g.number_of_nodes() else {}
    groups = nx.community.louvain_communities(g, seed=1) if g.number_of_edges() else []
    community = {v: i for i, group in enumerate(sorted(groups, key=len, reverse=True)) for v in group}
    sample = 500 if g.number_of_nodes() > 2000 else None
    between = betweenness(g, sample=sample) if g.number_of_edges() else {}
    out = {
        v: [round(x, 1), round(y, 1), community.get(v, -1), round(between.get(v, 0.0), 5)]
        for v, (x, y) in pos.items()
    }
    cache.parent.mkdir(exist_ok=True)
    for old in cache.parent.glob("layout-*.json"):
        old.unlink()
    cache.write_text(json.dumps(out))
    return out
