"""The workspace's derived state: what is computed from the RDF store (the truth) and kept beside
it so that a command does not compute it again. Each kind lives in its own folder with a marker,
``view.json``, naming the store generation it was built from
(:meth:`samverkan.graph.workspace.Workspace.generation`):

- ``records/``: the merged records (:func:`samverkan.graph.mapping.from_quads` with the identity
  decisions applied), pickled whole in ``records.pickle``, then the patches of the small
  changes since, appended to ``patches.pickle``; the marker holds the counts ``stats`` shows;
- ``cypher/``: the LadybugDB property-graph view (:mod:`samverkan.graph.ladybugdb`).

A folder is built beside its place and swapped in whole, the marker written last, so a folder
that is missing, half-built or older than the store is never read as current. A patch is
appended first and counted in the marker after, so a patch cut short is never read.
"""

from __future__ import annotations

import bisect
import json
import os
import pickle
import shutil
import signal
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from samverkan.graph import mapping
from samverkan.graph.store import Change, SourceStore, WorkspaceError, Written
from samverkan.i18n import _
from samverkan.ontology import DOC, EVIDENCE, SOURCE, STATEMENT, ontology
from samverkan.queries.guard import check_cypher
from samverkan.records import Entity, Records, kept_alive, paused_gc

MARKER = "view.json"
RECORDS = "records.pickle"  # (merged records, records before identity decisions or None)
NAMES = "names.sqlite"  # the name keys (:func:`_keys`), one row (type, key, id) each
NETWORK = "network"  # the kept tie graph of the analyses (:meth:`DerivedViews.network`)
PATCHES = "patches.pickle"
FORMAT = 3  # of the kept records: a folder of another format is read again
MAX_PATCHES = 50  # patches kept before the records are written whole again
KEEPING = "keeping"  # in the lock file after the pid of a process keeping derived state
KEEPER_NICE = 10  # the keeper gives way to the command, as background work should
KEEPER_LIMIT = 600  # seconds a keeper may take before it is stopped (and a command waits for it)
PATCH_AT_MOST = 2000  # subjects (or 5 % of the entities) a change may touch for a patch; more: read again


class Part(NamedTuple):
    """The records around some entities: ``ids``, the entities and the relations touching them
    (with the entities at their other ends, for their labels)."""

    ids: set[str]
    records: Records


class Patch(NamedTuple):
    """A small change to the kept records: the entities ``ids`` and the relations touching them
    are replaced by those of ``records``; ``keys`` are the name keys of its entities (:func:`_keys`)."""

    ids: set[str]
    records: Records
    keys: dict[tuple, set[str]]


def built_from(folder: Path, content: str) -> str | None:
    """The store generation the derived state in ``folder`` was built from; None when there is
    no complete build (no marker, or no ``content`` beside it)."""
    marker = read_marker(folder)
    return marker.get("generation") if marker and (Path(folder) / content).exists() else None


def read_marker(folder: Path) -> dict:
    """The marker in ``folder`` (empty when there is none, or it cannot be read)."""
    try:
        return json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def swap_in(folder: Path, fill: Callable[[Path], None], generation: str | None, **facts) -> None:
    """Build derived state with ``fill(new_folder)`` beside ``folder``, write the marker (the
    ``generation`` and ``facts``) last, and swap the new folder in whole. Leftovers of an
    interrupted build go first."""
    folder = Path(folder)
    for leftover in folder.parent.glob(f"{folder.name}.*-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    new = folder.with_name(f"{folder.name}.new-{os.getpid()}")
    new.mkdir(parents=True)
    try:
        fill(new)
        write_marker(new, generation, **facts)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    old = folder.with_name(f"{folder.name}.old-{os.getpid()}")
    if folder.exists():
        folder.rename(old)
    new.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def write_marker(folder: Path, generation: str | None, **facts) -> None:
    """Write the marker whole or not at all (a new file renamed over the old one)."""
    text = json.dumps({"generation": generation, **facts}) + "\n"
    new = Path(folder) / f"{MARKER}.new"
    new.write_text(text, encoding="utf-8")
    new.replace(Path(folder) / MARKER)


def save_records(
    folder: Path,
    records: Records,
    generation: str | None,
    triples: int,
    unmerged: Records | None = None,
    folded: Iterable[str] = (),
) -> None:
    """Keep ``records`` in ``folder`` with their counts (:func:`counts`) and ``triples``; and, to
    patch them later, the records as the sources state them (``unmerged``, before identity
    decisions, when any were applied), the ids identity decisions fold (``folded``) and the
    name keys of the entities (:func:`_keys`)."""

    def fill(new: Path) -> None:
        with open(new / RECORDS, "wb") as f, paused_gc():
            pickle.dump((records, unmerged), f, protocol=5)
        _save_keys(new / NAMES, _keys((unmerged or records).entities))

    facts = {"format": FORMAT, "counts": counts(records), "triples": triples, "folded": sorted(folded)}
    swap_in(folder, fill, generation, **facts, patches=0)


def load_records(folder: Path, merged_only: bool = False) -> tuple[Records, Records | None]:
    """The records kept in ``folder`` (the caller has checked they are current), with their
    patches applied, and those before identity decisions (None when none were applied, or
    with ``merged_only``)."""
    folder = Path(folder)
    with open(folder / RECORDS, "rb") as f, paused_gc():
        records, unmerged = pickle.load(f)
    patches = list(_patches(folder))
    records = _applied(records, patches)
    return records, None if merged_only or unmerged is None else _applied(unmerged, patches)


def _save_keys(path: Path, keys: dict[tuple, set[str]]) -> None:
    """Write the name keys as a table indexed by key, so a patch reads only the keys it has."""
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE keys (type TEXT, key TEXT, id TEXT)")
        rows = ((t, k, i) for (t, k), ids in keys.items() for i in ids)
        db.executemany("INSERT INTO keys VALUES (?, ?, ?)", rows)
        db.execute("CREATE INDEX by_key ON keys (type, key)")


def load_keys(folder: Path, wanted: Iterable[tuple]) -> dict[tuple, set[str]]:
    """The ids under each of the name keys ``wanted`` (:func:`_keys`) among the kept entities,
    with those of the patches since."""
    wanted = set(wanted)
    out: dict[tuple, set[str]] = {key: set() for key in wanted}
    with closing(sqlite3.connect((Path(folder) / NAMES).resolve().as_uri() + "?mode=ro", uri=True)) as db:
        for key in wanted:
            out[key].update(i for (i,) in db.execute("SELECT id FROM keys WHERE type = ? AND key = ?", key))
    for patch in _patches(folder):
        for key in wanted & patch.keys.keys():
            out[key].update(patch.keys[key])
    return out


def _patches(folder: Path) -> Iterator[Patch]:
    """The patches the marker counts, in the order they were made."""
    n = read_marker(folder).get("patches", 0)
    if n:
        with open(Path(folder) / PATCHES, "rb") as f:
            for _i in range(n):
                yield pickle.load(f)


def _applied(records: Records, patches: list[Patch]) -> Records:
    """``records`` with ``patches`` applied in order: each replaces its entities and the
    relations touching them."""
    if not patches:
        return records
    gone = set().union(*(p.ids for p in patches))
    entities = [e for e in records.entities if e.id not in gone]
    relations = [r for r in records.relations if r.source not in gone and r.target not in gone]
    latest: dict[str, Entity] = {}
    for i, p in enumerate(patches):
        later = set().union(*(q.ids for q in patches[i + 1 :]))
        for eid in p.ids:  # an entity a later patch leaves out is gone
            latest.pop(eid, None)
        latest.update({e.id: e for e in p.records.entities if e.id in p.ids})
        for r in p.records.relations:
            if r.source not in later and r.target not in later:
                bisect.insort(relations, r, key=lambda r: tuple(str(x) for x in r.key))
    for e in (e for eid, e in latest.items() if eid in gone):
        bisect.insort(entities, e, key=lambda e: e.id)
    return Records(entities=entities, relations=relations)


def _keys(entities) -> dict[tuple, set[str]]:
    """The ids of the entities of kinds folded without asking, by (type, normalised name): two
    ids under one key may be one entity (:func:`samverkan.identity.sure_pairs`)."""
    from samverkan.identity import SURE_TYPES, normalise

    out: dict[tuple, set[str]] = {}
    for e in entities:
        if e.type in SURE_TYPES:
            for name in {e.name, *e.aliases}:
                if key := normalise(name):
                    out.setdefault((e.type, key), set()).add(e.id)
    return out


def append_patch(folder: Path, patch: Patch, generation: str | None, **facts) -> None:
    """Append ``patch`` to the kept records and mark them with ``generation`` and ``facts``
    (the patch first, then the marker that counts it)."""
    marker = {k: v for k, v in read_marker(folder).items() if k != "generation"}
    n = marker.get("patches", 0)
    with open(Path(folder) / PATCHES, "r+b" if n else "wb") as f:
        if n:  # after the patches counted: a patch cut short before is dropped
            for _i in range(n):
                pickle.load(f)
            f.truncate()
        pickle.dump(patch, f, protocol=5)
    write_marker(folder, generation, **{**marker, **facts, "patches": n + 1})


def around(store, subjects: set) -> Part:
    """The records of the entities among ``subjects`` (and of those whose statement nodes are
    among them), and every relation touching them, read from their own quads as
    :func:`samverkan.graph.mapping.from_quads` would read them from every quad: a fact about an
    entity has it as subject, and evidence is reached from its fact."""
    lookup = _Lookup(store)
    entities = {s for s in subjects if not s.value.startswith((str(EVIDENCE), str(DOC), str(STATEMENT)))}
    entities |= {
        q.object
        for s in subjects
        if s.value.startswith(str(STATEMENT))
        for q in lookup.quads(s, mapping.RDF_SUBJECT)
    }
    quads, ids = [], set()
    for e in entities:
        own = lookup.quads(e)
        ids.add(
            next((q.object.value for q in own if q.predicate == mapping.IDENTIFIER), mapping.entity_id(e))
        )
        quads += own + lookup.evidence(own)
        for direct in lookup.relations(e):
            quads += [direct, *lookup.entity(direct.object), *lookup.entity(direct.subject)]
            for st in {q.subject for q in lookup.quads(None, mapping.RDF_SUBJECT, direct.subject)}:
                found = lookup.quads(st)
                if any(q.predicate == mapping.RDF_OBJECT and q.object == direct.object for q in found):
                    quads += found + lookup.evidence(found)
    part = mapping.from_quads(sorted(quads, key=mapping.graph_of))  # as source_quads
    return Part(ids, part)


def around_both(old: Records, new: Records, ids: set[str]) -> tuple[Records, Records]:
    """``old`` and ``new`` within ``ids`` (:func:`within`), each with the entities at the other
    ends of the relations of both (those are not among ``ids``: the same in both)."""
    old, new = within(old, ids, ends=True), within(new, ids, ends=True)
    ends = {e.id: e for e in old.entities + new.entities if e.id not in ids}
    return tuple(  # type: ignore[return-value]
        Records([e for e in x.entities if e.id in ids] + list(ends.values()), x.relations) for x in (old, new)
    )


def subjects_of(quads) -> set:
    """The subjects a change of ``quads`` touches: theirs, and the entity a statement node
    removed with them was about."""
    return {q.subject for q in quads} | {q.object for q in quads if q.predicate == mapping.RDF_SUBJECT}


def within(records: Records, ids: set[str], ends: bool = False) -> Records:
    """The entities ``ids`` and the relations touching them; with ``ends``, also the entities at
    the other ends of those relations."""
    relations = [r for r in records.relations if r.source in ids or r.target in ids]
    keep = ids | {x for r in relations for x in (r.source, r.target)} if ends else ids
    return Records(entities=[e for e in records.entities if e.id in keep], relations=relations)


def _detached() -> None:
    """Make this process a keeper of derived state: in a session of its own (not stopped with the
    command's terminal), without the command's standard streams (not holding the answer's pipe
    open), at a lower priority than the command answering (``KEEPER_NICE``), and to be stopped by
    an alarm (``KEEPER_LIMIT`` seconds after it starts its work: a keeper stuck on a lock that
    another thread held at the fork never holds the workspace for good)."""
    os.setsid()
    os.nice(KEEPER_NICE)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    quiet = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(quiet, fd)


class _Lookup:
    """Quads of the source graphs by pattern."""

    def __init__(self, store):
        self.store = store
        self.relation_properties = [mapping.N(str(r.property)) for r in ontology().relations.values()]

    def quads(self, s=None, p=None, o=None) -> list:
        return [
            q
            for q in self.store.quads_for_pattern(s, p, o)
            if isinstance(q.graph_name, mapping.N) and q.graph_name.value.startswith(str(SOURCE))
        ]

    def evidence(self, quads) -> list:
        """The quads of the evidence nodes ``quads`` point to, and of their documents."""
        nodes = [q.object for q in quads if q.predicate == mapping.P["evidence"]]
        found = [q for n in nodes for q in self.quads(n)]
        return found + [
            q for d in {q.object for q in found if q.predicate == mapping.QUOTED_FROM} for q in self.quads(d)
        ]

    def entity(self, e) -> list:
        """The quads of ``e`` and of its evidence (what :func:`mapping.from_quads` reads of it)."""
        own = self.quads(e)
        return own + self.evidence(own)

    def relations(self, e) -> list:
        """The direct relation triples from and to ``e``."""
        return [q for p in self.relation_properties for q in self.quads(e, p) + self.quads(None, p, e)]


def counts(records: Records, as_of: date | None = None) -> dict:
    """Entities by type and by sector, relations by kind. With ``as_of`` only what holds on that
    day counts, by the rule of the analyses (:func:`samverkan.network.ties.active`: undated facts
    always hold): an entity that holds, and a relation between two entities that hold."""
    entities, relations = records.entities, records.relations
    if as_of is not None:
        from samverkan.network.ties import active

        entities = [e for e in entities if active(e, as_of)]
        alive = {e.id for e in entities}
        relations = [r for r in relations if active(r, as_of) and r.source in alive and r.target in alive]
    by_type: dict[str, int] = {}
    by_sector: dict[str, int] = {}
    by_relation: dict[str, int] = {}
    for e in entities:
        by_type[e.type] = by_type.get(e.type, 0) + 1
        if e.sector:
            by_sector[e.sector] = by_sector.get(e.sector, 0) + 1
    for r in relations:
        by_relation[r.relation] = by_relation.get(r.relation, 0) + 1
    return {
        "entities": len(entities),
        "relations": len(relations),
        "entities_by_type": dict(sorted(by_type.items())),
        "entities_by_sector": dict(sorted(by_sector.items())),
        "relations_by_kind": dict(sorted(by_relation.items())),
    }


def shifted(before: dict, old: Records, new: Records) -> dict:
    """The counts ``before`` (:func:`counts`) after ``old`` gave way to ``new``."""
    out = dict(before)
    a, b = counts(old), counts(new)
    out["entities"] += b["entities"] - a["entities"]
    out["relations"] += b["relations"] - a["relations"]
    for kind in ("entities_by_type", "entities_by_sector", "relations_by_kind"):
        merged = dict(before[kind])
        for k in {*a[kind], *b[kind]}:
            merged[k] = merged.get(k, 0) + b[kind].get(k, 0) - a[kind].get(k, 0)
        out[kind] = {k: v for k, v in sorted(merged.items()) if v}
    return out


def _stamp(path: Path) -> list:
    """What tells one copy of the kept records from another (a network kept beside them holds
    their relations by position): their marker, and the size and time of their file."""
    kept = Path(path) / "records"
    stat = (kept / RECORDS).stat()
    return [read_marker(kept), stat.st_size, stat.st_mtime_ns]


class ViewError(WorkspaceError):
    """The Cypher view could not be built (the RDF store, the truth, is complete)."""


class DerivedViews(SourceStore):
    """The derived state of a workspace (the records and the Cypher view), kept current with the
    store of :class:`samverkan.graph.store.SourceStore`."""

    _records: Records | None
    _keeping: int | None  # the child process keeping derived state (:meth:`in_background`)
    _go: int | None  # what the keeper waits on before it starts: closed when the command lets go
    view_error: ViewError | None

    def _will_change(self, quads: list | None) -> Part | None:
        """Called before a change of ``quads`` (added or removed; None: not known) is written:
        the records around it as they are, when the kept records are current and the change is
        small enough to patch them (then :meth:`_changed` patches instead of reading again)."""
        marker = read_marker(self.path / "records")
        if quads is None or not marker or not self._records_current():
            return None
        subjects = subjects_of(quads)
        if len(subjects) > max(PATCH_AT_MOST, marker["counts"]["entities"] // 20):
            return None
        return around(self.store, subjects)

    def _changed(self, change: Change | None = None) -> None:
        """Called after every change to the sources: the derived views follow. A load into an
        empty workspace keeps the records of the quads it wrote; a change that
        :meth:`_will_change` read the records around is patched into the kept records and the
        Cypher view (:meth:`_patch`); anything else is read again when next needed."""
        self._records = None
        kept = self.path / "records"
        if change and change.ready:  # a load into an empty workspace: kept while it was written
            self._records = change.ready
        elif change and change.before is not None and built_from(kept, RECORDS) == change.generation:
            assert isinstance(change.added, list)  # read before: not a load into an empty workspace
            try:
                self._patch(change, around(self.store, subjects_of(change.added + change.removed)))
            except (OSError, EOFError, KeyError, ValueError, pickle.UnpicklingError, sqlite3.Error):
                pass  # a damaged copy: the records stay marked stale and are read again when needed
        self.refresh_view()

    def _patch(self, change: Change, after: Part) -> None:
        """Replace the records around the change (``change.before``) by those read after it
        (``after``). Entities that identity decisions fold, or whose names may now fold them,
        take the long way: every record through the decisions again."""
        kept, before = self.path / "records", change.before
        ids = before.ids | after.ids
        old, new = around_both(before.records, after.records, ids)
        marker = read_marker(kept)
        keys = _keys(e for e in new.entities if e.id in ids)
        taken = load_keys(kept, keys)
        ends = {x for r in old.relations + new.relations for x in (r.source, r.target)}
        triples = marker["triples"] + self._triples_gained(change)
        self.progress(_("updating the records"))
        if (ids | ends) & set(marker["folded"]) or any(
            len((taken.get(k, set()) - ids) | v) > 1 for k, v in keys.items()
        ):
            merged, unmerged = load_records(kept)
            self._keep(_applied(unmerged or merged, [Patch(ids, within(new, ids), {})]), triples)
            self._update_view(merged, self.records(), change.generation)
            return
        patch = Patch(ids, within(new, ids), keys)
        counted = shifted(marker["counts"], within(old, ids), patch.records)
        patched = marker.get("patched", 0) + len(ids)
        append_patch(kept, patch, self.generation(), counts=counted, triples=triples, patched=patched)
        if marker["patches"] + 1 >= MAX_PATCHES or patched > max(PATCH_AT_MOST, counted["entities"] // 20):
            self._keep_whole()
        self._update_view(old, new, change.generation)

    def _update_view(self, old: Records, new: Records, before: str | None) -> None:
        """Bring the Cypher view from ``old`` to ``new`` (all the records, or those around a
        change) with the rows that differ, if it was current before the change; a failure
        leaves it to be rebuilt."""
        from samverkan.graph import ladybugdb

        self.progress(_("updating the Cypher view"))
        try:
            ladybugdb.update(self.path / "cypher", old, new, before, self.generation())
        except Exception:  # noqa: BLE001 -- the database's own kinds; refresh_view rebuilds it
            pass

    def _prepare(self, change: Change) -> Records | None:
        """The records of a load into an empty workspace, read as from the quads it writes
        (:meth:`samverkan.graph.store.Written.read`), kept, and the Cypher view built from them,
        while the quads are written."""
        if not isinstance(change.added, Written):
            return None
        self.progress(_("updating the records"))
        records = self._keep(change.added.read(), change.added.triples)
        self.refresh_view()
        return records

    def _keep(self, unmerged: Records, triples: int) -> Records:
        """Fold the entities that are one (decided, or surely the same) and keep the records."""
        from samverkan.identity import apply_decisions, sure_pairs

        decisions = self.decisions()
        same = decisions["same"] + sure_pairs(unmerged, decisions)
        self._records = apply_decisions(unmerged, same)
        folded = {x for pair in same for x in pair}
        kept = unmerged if same else None
        save_records(self.path / "records", self._records, self.generation(), triples, kept, folded)
        return self._records

    def _keep_whole(self) -> None:
        """Write the kept records whole again, their patches folded in."""
        kept = self.path / "records"
        marker = read_marker(kept)
        merged, unmerged = load_records(kept)
        save_records(kept, merged, marker["generation"], marker["triples"], unmerged, marker["folded"])

    def _triples_gained(self, change: Change) -> int:
        """How many distinct triples the source graphs gained (or, below zero, lost) by
        ``change``: a triple counts when some source graph holds it, now or before (now, but
        the graphs it was added to, and those it was removed from)."""
        added: dict = {}
        removed: dict = {}
        for quads, graphs in ((change.added, added), (change.removed, removed)):
            for q in quads:
                graphs.setdefault(q.triple, set()).add(q.graph_name)
        gained = 0
        for t in {*added, *removed}:
            now = {
                q.graph_name
                for q in self.store.quads_for_pattern(t.subject, t.predicate, t.object)
                if isinstance(q.graph_name, mapping.N) and q.graph_name.value.startswith(str(SOURCE))
            }
            was = (now - added.get(t, set())) | removed.get(t, set())
            gained += bool(now) - bool(was)
        return gained

    def view_is_current(self) -> bool:
        """Whether the Cypher view was built, completely, from the store as it is now."""
        from samverkan.graph import ladybugdb

        generation = self.generation()
        return generation is not None and ladybugdb.built_from(self.path / "cypher") == generation

    def rebuild_view(self) -> None:
        """Build the Cypher view from the store and swap it in; raises :class:`ViewError`."""
        from samverkan.graph import ladybugdb

        if self.generation() is None:
            self._bump()
        try:
            records = self.records()
            self.progress(_("building the Cypher view"))
            ladybugdb.build(records, self.path / "cypher", self.generation())
        except Exception as e:  # the database's own kinds of error, whatever the cause
            raise ViewError(
                _(
                    "the Cypher view could not be built ({error}); the sources are loaded: "
                    "run 'samverkan rebuild' to try again",
                    error=e,
                )
            ) from None
        self.view_error = None

    def refresh_view(self) -> None:
        """Rebuild the Cypher view if it is missing or stale; a failure is kept in
        ``view_error`` (the store is complete, and the next Cypher query tries again)."""
        if self.view_is_current():
            return
        try:
            self.rebuild_view()
        except ViewError as e:
            self.view_error = e

    def cypher(
        self, text: str, params: dict | None = None, timeout: float | None = None
    ) -> tuple[list[str], list[list]]:
        """Run read-only Cypher on the embedded LadybugDB view, rebuilt first if it is missing or
        stale, stopped after ``timeout`` seconds."""
        from samverkan.graph import ladybugdb

        check_cypher(text)
        if not self.view_is_current():
            self.rebuild_view()
        return ladybugdb.query(self.path / "cypher", text, params, timeout)

    def records(self) -> Records:
        """Every entity and relation in the workspace, merged across sources, with the entities
        decided to be the same, and those surely the same, folded into one. Kept in ``records/``
        with the generation they were built from (:func:`save_records`): read from there
        when current, rebuilt from the store when not."""
        records = self._records
        if records is None and self._records_current():
            self.progress(_("reading the records"))
            try:
                records = load_records(self.path / "records", merged_only=True)[0]
            except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError):
                records = None  # a damaged copy: read again from the store
        if records is None:
            if self.generation() is None:
                self._bump()
            self.progress(_("reading the records from the store"))
            with paused_gc():
                records = self._keep(mapping.from_quads(self.source_quads()), self._count_triples())
        self._records = kept_alive(records)
        return records

    def network(
        self, as_of: date | None = None, level="organisation", scope=(), evidence="all", weight="reasons"
    ):
        """The :class:`~samverkan.network.Network` of :meth:`records` (as of a day, default today),
        kept in ``network/`` with the generation, the kept records and the options it was built
        from: read from there when they are the same (:mod:`samverkan.network.kept`), else built
        and kept. Raises ValueError for options the network refuses."""
        from samverkan.network import Network, kept

        self.wait_kept()
        as_of = as_of or date.today()
        key = [as_of.isoformat(), level, evidence, weight]
        net = self._kept_network(key)
        if net is not None:
            net.scoped(scope)
            return kept_alive(net)
        records = self.records()
        self.progress(_("building the network of ties"))
        net = Network(records, as_of, level, scope, evidence, weight)
        facts = {"format": kept.FORMAT, "key": key, "records": _stamp(self.path)}
        fill = lambda new: kept.save(net, new / kept.FILE)  # noqa: E731
        generation = self.generation()
        self.in_background(lambda: swap_in(self.path / NETWORK, fill, generation, **facts))
        return kept_alive(net)

    def in_background(self, keep: Callable[[], None]) -> None:
        """Keep derived state with ``keep()`` in a process of its own once this one has answered,
        as ``git gc --auto`` runs detached: the keeper sees the memory as it was at the fork (as
        Redis's ``BGSAVE``), starts when the command lets go of the workspace (or ends), so that
        the two never share the cores, holds the workspace lock until it is done, and the next
        command to open the workspace waits for it (:meth:`~samverkan.graph.workspace.Workspace.open`).
        What cannot be kept is built again next time. One keeper at a time; :meth:`wait_kept`
        lets it start and waits for it. Where there is no ``fork``, kept here and now."""
        self.wait_kept()
        done, go = os.pipe(), os.pipe()
        try:
            pid = os.fork()
        except (AttributeError, OSError):  # no fork on this system, or no room for a process
            for fd in done + go:
                os.close(fd)
            keep()
            return
        if pid:  # the child starts the keeper and ends at once, the keeper marked as the holder
            os.close(done[1])
            os.close(go[0])
            os.waitpid(pid, 0)
            self._keeping, self._go = done[0], go[1]
            return
        code = 1
        try:
            os.close(done[0])
            os.close(go[1])
            if keeper := os.fork():
                self._hold(f"{keeper} {KEEPING}")
                code = 0
            else:
                _detached()
                while os.read(go[0], 1):  # until the command lets go: its end closes
                    pass
                signal.alarm(KEEPER_LIMIT)  # from here, however long the command took
                keep()
                code = 0
        except (OSError, pickle.PicklingError):
            pass  # not kept: built again next time
        finally:
            os._exit(code)  # neither process returns into the command

    def let_go(self) -> None:
        """Let the keeper :meth:`in_background` made start its work."""
        if self._go is not None:
            os.close(self._go)
            self._go = None

    def wait_kept(self) -> None:
        """Let the keeper :meth:`in_background` made start, and wait for it (its end of the pipe
        closes when it ends)."""
        self.let_go()
        if self._keeping is not None:
            while os.read(self._keeping, 1):
                pass
            os.close(self._keeping)
            self._keeping = None

    def _hold(self, holder: str) -> None:
        """Say in the lock file who holds the workspace (the workspace's own)."""
        raise NotImplementedError

    def _kept_network(self, key: list):
        """The network kept for the options ``key`` when it was built from the store and the kept
        records as they are now; None when not, or when the copy is damaged."""
        from samverkan.network import kept
        from samverkan.network.survey import by_evidence

        folder = self.path / NETWORK
        marker = read_marker(folder)
        if not (marker.get("format") == kept.FORMAT and marker.get("key") == key and self._records_current()):
            return None
        if built_from(folder, kept.FILE) != self.generation() or marker.get("records") != _stamp(self.path):
            return None
        self.progress(_("reading the network"))
        try:
            return kept.load(folder / kept.FILE, lambda: by_evidence(self.records(), key[2]))
        except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError):
            return None  # a damaged copy: built again

    def kept_id(self, eid: str) -> str:
        """The id ``eid`` goes by in :meth:`records`: the kept entity's when ``eid`` was folded into
        another (a ``merge`` decision or an automatic fold), else ``eid`` itself."""
        if any(e.id == eid for e in self.records().entities):
            return eid
        from samverkan.identity import sure_pairs

        decisions = self.decisions()
        target = dict(
            (merged, keep)
            for keep, merged in decisions["same"]
            + sure_pairs(mapping.from_quads(self.source_quads()), decisions)
        )
        seen = {eid}
        while eid in target and target[eid] not in seen:
            eid = target[eid]
            seen.add(eid)
        return eid

    def _records_current(self) -> bool:
        """Whether the kept records were built, completely and in this format, from the store as
        it is now."""
        generation, kept = self.generation(), self.path / "records"
        return (
            generation is not None
            and built_from(kept, RECORDS) == generation
            and read_marker(kept).get("format") == FORMAT
        )

    def triple_count(self) -> int:
        """Distinct triples over the source graphs (kept with the records)."""
        if not self._records_current():
            self.records()
        return read_marker(self.path / "records")["triples"]

    def stats(self, as_of: date | None = None) -> dict:
        """Counts of entities by type and by sector, relations by kind (:func:`counts`),
        sources and triples; those of the whole workspace come from the marker of the kept
        records. Sources and triples are the workspace's own, undated."""
        if not self._records_current():
            self.records()
        marker = read_marker(self.path / "records")
        found = counts(self.records(), as_of) if as_of else marker["counts"]
        return {
            **found,
            "sources": len(self.sources()),
            "triples": marker["triples"],
            **({"as_of": as_of.isoformat()} if as_of else {}),
        }
