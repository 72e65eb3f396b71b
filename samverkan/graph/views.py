"""The workspace's derived state: what is computed from the RDF store (the truth) and kept beside
it so that a command does not compute it again. Each kind lives in its own folder with a marker,
``view.json``, naming the store generation it was built from
(:meth:`samverkan.graph.workspace.Workspace.generation`):

- ``records/``: the merged records (:func:`samverkan.graph.mapping.from_quads` with the identity
  decisions applied), pickled, and in the marker the counts ``stats`` shows;
- ``cypher/``: the LadybugDB property-graph view (:mod:`samverkan.graph.ladybugdb`);
- ``snapshot/``: the source graphs as N-Quads, which read-only SPARQL loads into memory.

A folder is built beside its place and swapped in whole, the marker written last, so a folder
that is missing, half-built or older than the store is never read as current.
"""

from __future__ import annotations

import bisect
import json
import os
import pickle
import shutil
from datetime import date
from pathlib import Path
from typing import Callable

from samverkan.graph import mapping
from samverkan.graph.store import Added, WorkspaceError
from samverkan.i18n import _
from samverkan.ontology import DOC, EVIDENCE, SOURCE, STATEMENT, ontology
from samverkan.queries.guard import check_cypher
from samverkan.records import Records

MARKER = "view.json"
RECORDS = "records.pickle"
PATCH_AT_MOST = 2000  # subjects (or 5 % of the entities) a load may add for a patch; more: read again


def built_from(folder: Path, content: str) -> str | None:
    """The store generation the derived state in ``folder`` was built from; None when there is
    no complete build (no marker, or no ``content`` beside it)."""
    marker = read_marker(folder)
    return marker.get("generation") if marker and (Path(folder) / content).exists() else None


def read_marker(folder: Path) -> dict | None:
    try:
        return json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


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
    text = json.dumps({"generation": generation, **facts}) + "\n"
    (Path(folder) / MARKER).write_text(text, encoding="utf-8")


def save_records(
    folder: Path, records: Records, generation: str | None, triples: int, unmerged: Records | None = None
) -> None:
    """Keep ``records`` in ``folder`` with their counts (:func:`counts`) and ``triples``, and the
    records as the sources state them (``unmerged``, before identity decisions) to patch later."""

    def fill(new: Path) -> None:
        with open(new / RECORDS, "wb") as f:
            pickle.dump((records, unmerged), f, protocol=pickle.HIGHEST_PROTOCOL)

    swap_in(folder, fill, generation, counts=counts(records), triples=triples)


def load_records(folder: Path) -> tuple[Records, Records | None]:
    """The records kept in ``folder`` (the caller has checked they are current) and those before
    identity decisions (None if not kept)."""
    with open(Path(folder) / RECORDS, "rb") as f:
        return pickle.load(f)


def patched(unmerged: Records, store, subjects: set) -> Records:
    """``unmerged`` (records as :func:`samverkan.graph.mapping.from_quads` reads them) after new
    source graphs stating ``subjects`` were added: the entities among the subjects (and those
    whose statement nodes are among them) and every relation touching them are read again from
    their own quads; the rest is kept. An addition changes nothing else (a fact about an entity
    has it as subject, and evidence is reached from its fact)."""
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
    part = mapping.from_quads(sorted(quads, key=lambda q: q.graph_name.value))  # as source_quads
    out = Records(
        entities=[e for e in unmerged.entities if e.id not in ids],
        relations=[r for r in unmerged.relations if r.source not in ids and r.target not in ids],
    )
    for e in (e for e in part.entities if e.id in ids):  # in the order from_quads gives
        bisect.insort(out.entities, e, key=lambda e: e.id)
    for r in (r for r in part.relations if r.source in ids or r.target in ids):
        bisect.insort(out.relations, r, key=lambda r: tuple(str(x) for x in r.key))
    return out


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


class ViewError(WorkspaceError):
    """The Cypher view could not be built (the RDF store, the truth, is complete)."""


class DerivedViews:
    """The derived state of a workspace (the records and the Cypher view), kept current with the
    store of :class:`samverkan.graph.store.SourceStore`, which it is mixed with."""

    _records: Records | None
    view_error: ViewError | None

    def _changed(self, added: Added | None = None) -> None:
        """Called after every change to the sources: the derived views follow. When a load only
        added sources to a store whose records were kept current, the kept records are patched
        with what it added (:func:`patched`) instead of read again from every quad."""
        self._records = None
        kept = self.path / "records"
        subjects = {q.subject for q in added.quads} if added else set()
        if (
            added
            and added.generation
            and built_from(kept, RECORDS) == added.generation
            and len(subjects) <= max(PATCH_AT_MOST, read_marker(kept)["counts"]["entities"] // 20)
        ):
            old, unmerged = load_records(kept)
            if unmerged is not None:
                self.progress(_("updating the records"))
                unmerged = patched(unmerged, self.store, subjects)
                triples = read_marker(kept)["triples"] + self._new_triples(added.quads)
                self._keep(unmerged, triples)
                self._update_view(old, added.generation)
        self.refresh_view()

    def _update_view(self, old: Records, before: str) -> None:
        """Bring the Cypher view from ``old`` to the current records with the rows that differ,
        if it was current before the change; a failure leaves it to be rebuilt."""
        from samverkan.graph import ladybugdb

        self.progress(_("updating the Cypher view"))
        try:
            ladybugdb.update(self.path / "cypher", old, self.records(), before, self.generation())
        except Exception:  # noqa: BLE001 -- the database's own kinds; refresh_view rebuilds it
            pass

    def _keep(self, unmerged: Records, triples: int) -> None:
        """Fold the entities that are one (decided, or surely the same) and keep the records."""
        from samverkan.identity import apply_decisions, sure_pairs

        decisions = self.decisions()
        self._records = apply_decisions(unmerged, decisions["same"] + sure_pairs(unmerged, decisions))
        save_records(self.path / "records", self._records, self.generation(), triples, unmerged)

    def _new_triples(self, quads: list) -> int:
        """How many distinct triples ``quads`` (of new source graphs) add to the source graphs."""
        graphs = {q.graph_name for q in quads}
        return len(
            {
                q.triple
                for q in quads
                if not any(
                    o.graph_name not in graphs and o.graph_name.value.startswith(str(SOURCE))
                    for o in self.store.quads_for_pattern(q.subject, q.predicate, q.object)
                )
            }
        )

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
        if self._records is None and self._records_current():
            self._records = load_records(self.path / "records")[0]
        if self._records is None:
            if self.generation() is None:
                self._bump()
            self.progress(_("reading the records from the store"))
            self._keep(mapping.from_quads(self.source_quads()), self._count_triples())
        return self._records

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
        generation = self.generation()
        return generation is not None and built_from(self.path / "records", RECORDS) == generation

    def triple_count(self) -> int:
        """Distinct triples over the source graphs (kept with the records)."""
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
