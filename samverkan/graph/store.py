"""The RDF store of a workspace, the truth: one named graph per loaded source, the source
metadata, the identity decisions and the store's generation.

Loading is atomic and idempotent. Every source is read and checked before anything is written.
A new source takes Oxigraph's bulk path and is complete when its metadata is written last (an
interrupted load leaves a graph without metadata, which the next open drops); the first sources
of a workspace go through an N-Quads file, written as text and bulk-loaded in a thread while
the derived views are built from the same facts (those of a single source from its records); a
small source is written with its metadata in one transaction; a reloaded source changes in one
SPARQL update that deletes what is gone and inserts what is new, so the store
holds either the old facts or the new ones. A source whose file has not changed (same SHA-256)
is left alone.

Every change first writes a new *generation* into the metadata graph, and ends by calling
``_changed`` (the derived views, :mod:`samverkan.graph.views`, follow).
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple

import pyoxigraph as ox

from samverkan import loaders
from samverkan.graph import bounded, mapping
from samverkan.i18n import _, label, number
from samverkan.ontology import (
    ATTR,
    DECISIONS_GRAPH,
    FILES,
    HERE,
    META_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    SOURCE,
    SV,
    ontology,
)
from samverkan.progress import Reporter
from samverkan.queries.guard import QueryRefused, check_sparql
from samverkan.records import LoadError, Origin, Records, paused_gc

N = ox.NamedNode
NQUADS = ox.RdfFormat.N_QUADS
XSD = "http://www.w3.org/2001/XMLSchema#"
META = {
    name: N(str(SV[name]))
    for name in ("path", "loader", "sha256", "entityCount", "relationCount", "tripleCount")
}
DCT_TITLE, DCT_CREATED = N("http://purl.org/dc/terms/title"), N("http://purl.org/dc/terms/created")
SOURCE_CLASS = N(str(SV.Source))
SAME_AS = N("http://www.w3.org/2002/07/owl#sameAs")
DIFFERENT_FROM = N("http://www.w3.org/2002/07/owl#differentFrom")
WORKSPACE, GENERATION = N(str(SV.workspace)), N(str(SV.generation))
BULK_FROM = 10_000  # quads of a new source from which the bulk path (~0.2 s at least) is faster
FOLLOW_AT_MOST = 200_000  # triples of a source whose unloading the derived views follow quad by quad


class WorkspaceError(Exception):
    """A workspace that cannot be opened or used as asked."""


class Written:
    """The quads of a load into an empty workspace, as written to the N-Quads file ``path`` in
    the order of their graphs (read back from it as they are iterated); ``triples``: how many
    distinct triples they state; ``source``: when they state the records of one source, those
    records and its graph, from which :meth:`read` reads the records faster."""

    def __init__(self, path: Path, triples: int, source: tuple[Records, ox.NamedNode] | None) -> None:
        self.path, self.triples, self.source = path, triples, source

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(ox.parse(path=str(self.path), format=NQUADS))

    def read(self) -> Records:
        """The records the quads state (:func:`mapping.from_quads`), the source's records let go."""
        source, self.source = self.source, None
        records = mapping.from_records(*source) if source else None
        return mapping.from_quads(self) if records is None else records


class Change(NamedTuple):
    """What a change to the source graphs did: the generation before it, the quads it added
    (a load into an empty workspace: all the source graphs hold, as written) and removed,
    what the derived views read before it (:meth:`SourceStore._will_change`) and what they
    prepared while it was written."""

    generation: str | None
    added: list | Written
    removed: list
    before: Any = None  # what only the derived views read
    ready: Any = None  # :meth:`SourceStore._prepare`


class SourceStore:
    """The sources in the workspace's Oxigraph store (``self.store``, in ``self.path / "store"``)."""

    path: Path
    store: ox.Store
    progress: Reporter

    def refresh_view(self) -> None:
        """Bring the derived views up to date (the derived views override it)."""

    def _will_change(self, quads: list | None) -> Any:
        """Called before the quads ``quads`` (None: not known) are added or removed; what it
        returns is handed to :meth:`_changed` (the derived views override both)."""
        return None

    def _prepare(self, change: Change) -> Any:
        """Called while the first sources of a workspace are bulk-loaded (outside Python's lock):
        what the derived views build from the change alone, handed to :meth:`_changed` as
        ``change.ready`` (the derived views override it)."""
        return None

    def _changed(self, change: Change | None = None) -> None:
        """Called after every change to the sources (the derived views override it), with what
        it added and removed when known (None: anything may have changed)."""

    def _recover(self) -> None:
        """Drop what an interrupted load left (a source graph without its metadata), with a new
        generation; keep the ontology graph current."""
        complete = {
            q.subject for q in self.store.quads_for_pattern(None, None, SOURCE_CLASS, N(str(META_GRAPH)))
        }
        incomplete = [
            g
            for g in self.store.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(str(SOURCE)) and g not in complete
        ]
        if incomplete:  # what was derived while they were written is stale
            self._bump()
        for g in incomplete:
            self.store.remove_graph(g)
        onto_quads = [
            ox.Quad(t.subject, t.predicate, t.object, N(str(ONTOLOGY_GRAPH)))
            for name in FILES
            for t in ox.parse(path=str(HERE / name), format=ox.RdfFormat.TURTLE)
        ]
        current = set(self.store.quads_for_pattern(None, None, None, N(str(ONTOLOGY_GRAPH))))
        if current != set(onto_quads):
            self.store.update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}>")
            self.store.extend(onto_quads)

    def sources(self) -> list[dict]:
        """The loaded sources with their metadata, by name."""
        rows = []
        for g in self.store.quads_for_pattern(None, None, SOURCE_CLASS, N(str(META_GRAPH))):
            meta = {
                q.predicate: q.object.value
                for q in self.store.quads_for_pattern(g.subject, None, None, N(str(META_GRAPH)))
                if isinstance(q.object, ox.Literal)
            }
            rows.append(
                {
                    "name": meta[DCT_TITLE],
                    "path": meta[META["path"]],
                    "loader": meta[META["loader"]],
                    "sha256": meta[META["sha256"]],
                    "loaded_at": meta[DCT_CREATED],
                    "entities": int(meta[META["entityCount"]]),
                    "relations": int(meta[META["relationCount"]]),
                    "triples": int(meta[META["tripleCount"]]),
                }
            )
        return sorted(rows, key=lambda r: r["name"])

    @paused_gc()
    def load(self, paths: Iterable, progress: Callable[[str], None] | None = None, **options) -> list[dict]:
        """Load files or folders, all or nothing. Returns one row per source: name, status
        (loaded, reloaded, unchanged), counts. Raises :class:`LoadError` on bad input."""
        say = progress or self.progress
        loaded = self.sources()
        known = {s["path"]: s for s in loaded}
        names = {s["name"]: s["path"] for s in loaded}
        plans: list[dict[str, Any]] = []
        report: list[dict] = []
        problems: list = []
        for path in paths:
            plan = self._plan(path, known, names, say, problems, options)
            if plan.get("status") == "unchanged":
                report.append(plan)
            else:
                plans.append(plan)
        if not plans:
            self.refresh_view()
            return report
        self._check_types(plans)
        try:
            self._check_references(plans)
        except LoadError as e:
            problems += e.problems
        if problems:
            raise LoadError(problems)
        self._write(plans, say, whole=not loaded)
        return report + [
            {
                "name": plan["name"],
                "path": str(plan["path"]),
                "loader": plan["kind"],
                "status": "reloaded" if plan["replace"] else "loaded",
                "entities": plan["entities"],
                "relations": plan["relations"],
                "triples": plan["triples"],
            }
            for plan in plans
        ]

    def _plan(self, path, known: dict, names: dict, say, problems: list, options: dict) -> dict[str, Any]:
        """What loading one file or web address means: its listing marked unchanged when its
        SHA-256 is the loaded one's, else its records read and where they go. Problems found
        while reading are added to ``problems``, so every file's are reported together."""
        address = loaders.is_address(path)  # a web page: fetched once, its address kept as the path
        if address:  # the extraction takes a second to import: only for a page
            from samverkan.extract import web
        path = path if address else Path(path).resolve()
        kind = loaders.loader_name(path)
        digest = web.fetch(str(path)).sha256 if address else _sha256(path)
        old = known.get(str(path))
        if old and old["sha256"] == digest:
            return {**old, "status": "unchanged"}
        name = old["name"] if old else _free_name(web.name_of(str(path)) if address else path.name, names)
        names[name] = str(path)
        say(_("reading {name}", name=name))
        try:
            records = loaders.read(path, **options)
        except LoadError as e:  # with what could be read, so its ids are checked too
            if e.partial is None:
                raise
            records = e.partial
            problems += e.problems
        return {
            "path": path,
            "name": name,
            "kind": kind,
            "sha256": digest,
            "records": records,
            "replace": old is not None,
        }

    def _write(self, plans: list[dict], say: Callable[[str], None], whole: bool) -> None:
        """Map the plans to quads and write them: into an empty workspace by :meth:`_write_whole`;
        else a new source by the bulk path, a small one in one transaction with its metadata,
        a reloaded one by its difference (:meth:`_replace`). ``whole``: the workspace held no
        source before."""
        for plan in plans:
            say(_("mapping {name}", name=plan["name"]))
            self._map(plan, whole, single=len(plans) == 1)
        if whole:
            return self._write_whole(plans, say)
        for plan in plans:  # what each changes: a new source adds all its quads
            if plan["replace"]:
                new, old = plan.pop("lines"), self._stored(plan)
                plan["added"], plan["removed"] = _parsed(new - old), _parsed(old - new)
            else:
                plan["added"], plan["removed"] = plan["quads"], []
        added = [q for p in plans for q in p["added"]]
        removed = [q for p in plans for q in p["removed"]]
        rdf = any(p["rdf"] for p in plans)  # states anything: not followed
        seen = None if rdf else self._will_change(added + removed)
        before = self.generation()
        self._bump()
        for plan in plans:
            say(_("writing {n} triples of {name}", n=number(plan["triples"]), name=plan["name"]))
            if plan["replace"]:
                self._replace(plan)
            elif plan["triples"] < BULK_FROM:  # one transaction with its metadata
                self.store.extend(plan["quads"] + self._meta_quads(plan))
            else:  # bulk path; the metadata written last marks the source as complete
                self.store.bulk_extend(plan["quads"])
                self.store.extend(self._meta_quads(plan))
        self._changed(Change(before, added, removed, seen))

    def _map(self, plan: dict, whole: bool, single: bool) -> None:
        """Map a plan's records to what :meth:`_write` writes: into an empty workspace, the lines
        of an N-Quads file; for a reload, the set of those lines, to compare with the graph's
        (:meth:`_stored`); else quads. Made as text, a line takes a tenth of the time of a quad
        and half its memory; a line twice is stored once. The records go, but their counts (and,
        for the one source of an empty workspace, the records themselves: the kept records are
        read back faster from them than from the quads)."""
        triples, graph = self._statements(plan), mapping.source_iri(plan["name"])
        if whole:
            plan["quads"] = list(mapping.to_nquads(triples, graph))
            plan["triples"] = len(set(plan["quads"]))
        elif plan["replace"]:
            plan["lines"] = set(mapping.to_nquads(triples, graph))
            plan["triples"] = len(plan["lines"])
        else:
            plan["quads"] = list(dict.fromkeys(ox.Quad(s, p, o, graph) for s, p, o in triples))
            plan["triples"] = len(plan["quads"])
        records = plan.pop("records")
        plan.update(entities=len(records.entities), relations=records.relation_count)
        plan["rdf"] = records.rdf is not None
        if whole and single and not plan["rdf"]:
            plan["records"] = records

    def _write_whole(self, plans: list[dict], say: Callable[[str], None]) -> None:
        """Write the first sources of a workspace by Oxigraph's bulk path: their quads, in the
        order of their graphs, go to an N-Quads file, which a thread loads (``bulk_load`` runs
        outside Python's lock) while the derived views are built from the same quads
        (:meth:`_prepare`, from the records of a single source); then each source's metadata,
        which marks it complete. A failure drops what was written (:meth:`_recover`, as the next
        open would after a crash) and leaves the views marked with a generation that is gone."""
        plans = sorted(plans, key=lambda p: mapping.source_iri(p["name"]).value)
        several = len(plans) > 1
        lines = (line.rsplit(" ", 2)[0] for p in plans for line in p["quads"])  # a triple's: but its graph
        triples = len(set(lines)) if several else plans[0]["triples"]
        nquads = self.path / "load.nq"
        records = plans[0].pop("records", None)
        one = None if records is None else (records, mapping.source_iri(plans[0]["name"]))
        del records
        change = Change(self.generation(), Written(nquads, triples, one), [])
        self._bump()
        try:
            with open(nquads, "w", encoding="utf-8", newline="") as f:
                for plan in plans:
                    say(_("writing {n} triples of {name}", n=number(plan["triples"]), name=plan["name"]))
                    f.writelines(plan.pop("quads"))
            _give_back()
            with ThreadPoolExecutor(1) as pool:
                written = pool.submit(self.store.bulk_load, path=str(nquads), format=NQUADS)
                change = change._replace(ready=self._prepare(change))  # the records, kept
                written.result()
            self.store.extend([q for plan in plans for q in self._meta_quads(plan)])
        except BaseException:
            self._recover()
            self._changed()
            raise
        finally:
            nquads.unlink(missing_ok=True)
        self._changed(change)

    def _stored(self, plan) -> set[str]:
        """The N-Quads lines of the graph of the source ``plan`` replaces, as stored (but blank
        nodes, which only sources loaded before they were skolemised hold: ``plan["blank"]``
        says whether there are any, and :meth:`_replace` drops them)."""
        lines, blank = set(), False
        for q in self.store.quads_for_pattern(None, None, None, mapping.source_iri(plan["name"])):
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                blank = True
            else:
                lines.add(f"{q} .\n")
        plan["blank"] = blank
        return lines

    def _replace(self, plan) -> None:
        """Swap a source's facts for new ones in one SPARQL update: delete what is gone
        (``plan["removed"]``), insert what is new (``plan["added"]``), and rewrite the metadata
        (Oxigraph runs an update as one transaction). Blank nodes go by pattern."""
        graph = mapping.source_iri(plan["name"])
        body = lambda quads: " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)  # noqa: E731
        meta = body(self._meta_quads(plan))
        blank = (  # a scan of the whole graph: only when it holds any
            f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o "
            "FILTER(isBlank(?s) || isBlank(?o)) } } ;\n"
        )
        self.store.update(
            (blank if plan.get("blank", True) else "")
            + f"DELETE DATA {{ GRAPH {graph} {{ {body(plan['removed'])} }} }} ;\n"
            f"INSERT DATA {{ GRAPH {graph} {{ {body(plan['added'])} }} }} ;\n"
            f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {graph} ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {meta} }} }}"
        )

    def unload(self, name: str) -> dict:
        """Remove a source and exactly its facts; ``name`` is the source's name (as ``sources``
        lists it) or the name of the one survey it holds."""
        loaded = self.sources()
        survey = N(str(ATTR) + "survey"), ox.Literal(name)
        holding = {q.graph_name for q in self.store.quads_for_pattern(None, *survey, None)}
        by_survey = [s for s in loaded if mapping.source_iri(s["name"]) in holding]
        source = next((s for s in loaded if s["name"] == name), by_survey[0] if len(by_survey) == 1 else None)
        if source is None:
            known = ", ".join(s["name"] for s in loaded) or _("none loaded")
            raise WorkspaceError(_("no source named {name!r} (sources: {known})", name=name, known=known))
        graph = mapping.source_iri(source["name"])
        followed = source["loader"] != "rdf" and source["triples"] <= FOLLOW_AT_MOST
        removed = list(self.store.quads_for_pattern(None, None, None, graph)) if followed else []
        seen = self._will_change(removed if followed else None)
        before = self.generation()
        self._bump()
        self.store.update(
            f"DROP SILENT GRAPH {graph} ;\nDELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {graph} ?p ?o }} }}"
        )
        self._changed(Change(before, [], removed, seen))
        return source

    def _statements(self, plan) -> Iterable[tuple]:
        """The triples of a plan as (subject, predicate, object), streamed from its records (with
        repeats, which the caller drops)."""
        records = plan["records"]
        if records.rdf is None:
            return mapping.statements(records)
        from samverkan.graph.validation import check_triples

        triples = mapping.skolemised(records.rdf, mapping.source_iri(plan["name"]))
        check_triples(triples, str(plan["path"]))
        return ((t.subject, t.predicate, t.object) for t in triples)

    def _check_types(self, plans) -> None:
        """One id names one entity: an id given two types (in the files being loaded, or in them
        and the workspace outside the graphs being replaced) is refused, naming both places."""
        replaced = {mapping.source_iri(p["name"]) for p in plans if p["replace"]}
        sources = {mapping.source_iri(s["name"]): s["path"] for s in self.sources()}
        kept: dict[object, str] = {graph: path for graph, path in sources.items() if graph not in replaced}
        codes: dict[object, str] = {N(str(t.iri)): t.code for t in ontology().types.values()}
        seen: dict[ox.NamedNode, tuple[str, object]] = {}
        problems: list[tuple[Origin | str, str]] = []
        for plan in plans:
            for iri, code, origin in _typed(plan, codes):
                if iri not in seen:
                    quads = self.store.quads_for_pattern(iri, mapping.RDF_TYPE, None, None) if kept else ()
                    stored = (
                        (codes[q.object], kept[q.graph_name])
                        for q in quads
                        if q.object in codes and q.graph_name in kept
                    )
                    seen[iri] = next(stored, (code, origin))
                other, where = seen[iri]
                if other != code:
                    where = where() if callable(where) else where
                    problems.append(
                        (
                            origin(),
                            _(
                                "the id {id!r} has the type {type} here but {other} in {where}; one id names "
                                "one entity: give one of them another id",
                                id=mapping.entity_id(iri),
                                type=label(code),
                                other=label(other),
                                where=where,
                            ),
                        )
                    )
        if problems:
            raise LoadError(problems)

    def _check_references(self, plans) -> None:
        """Every relation must name ids defined in the files being loaded or in the workspace
        (outside the graphs being replaced)."""
        replaced = {mapping.source_iri(p["name"]) for p in plans if p["replace"]}
        defined = {e.id for p in plans for e in p["records"].entities}
        problems: list[tuple[Origin | str, str]] = []
        for plan in plans:
            refs = [(r.origin, "from", r.source) for r in plan["records"].relations]
            refs += [(r.origin, "to", r.target) for r in plan["records"].relations]
            refs += [(e.origin, "part_of", e.part_of) for e in plan["records"].entities if e.part_of]
            for origin, column, ref in refs:
                if ref in defined:
                    continue
                if any(
                    q.graph_name not in replaced and str(q.graph_name).startswith(f"<{SOURCE}")
                    for q in self.store.quads_for_pattern(mapping.entity_iri(ref), None, None, None)
                ):
                    defined.add(ref)
                    continue
                column = plan["records"].columns.get(column, column)
                where = origin.at(column) if origin else Origin(str(plan["path"]), column=column)
                problems.append((where, _("{ref!r} is not an id in the file nor in the workspace", ref=ref)))
        if problems:  # a survey answer's two relations name the same partner on the same row
            raise LoadError(list(dict.fromkeys(problems)))

    def _meta_quads(self, plan) -> list[ox.Quad]:
        g, s = N(str(META_GRAPH)), mapping.source_iri(plan["name"])
        values: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
            (ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), SOURCE_CLASS),
            (DCT_TITLE, ox.Literal(plan["name"])),
            (META["path"], ox.Literal(str(plan["path"]))),
            (META["loader"], ox.Literal(plan["kind"])),
            (META["sha256"], ox.Literal(plan["sha256"])),
            (DCT_CREATED, ox.Literal(_now(), datatype=N(XSD + "dateTime"))),
            (META["entityCount"], ox.Literal(plan["entities"])),
            (META["relationCount"], ox.Literal(plan["relations"])),
            (META["tripleCount"], ox.Literal(plan["triples"])),
        ]
        return [ox.Quad(s, p, o, g) for p, o in values]

    def generation(self) -> str | None:
        """The store's generation: a new random value written before every change, so a view
        marked with it was built from the store as it is now."""
        found = next(self.store.quads_for_pattern(WORKSPACE, GENERATION, None, N(str(META_GRAPH))), None)
        return found.object.value if found and isinstance(found.object, ox.Literal) else None

    def _bump(self, store: ox.Store | None = None) -> None:
        """Write a new generation (into ``store``, by default the workspace's), before a change:
        a crash after it leaves every view stale."""
        (store or self.store).update(
            f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ {WORKSPACE} {GENERATION} ?g }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {WORKSPACE} {GENERATION} "
            f"{ox.Literal(uuid.uuid4().hex)} }} }}"
        )

    def source_quads(self):
        """Every quad in the source graphs, graph by graph in the order of their names (where
        sources disagree on a single value, the first source by name gives it)."""
        graphs = sorted(
            (
                g
                for g in self.store.named_graphs()
                if isinstance(g, ox.NamedNode) and g.value.startswith(str(SOURCE))
            ),
            key=lambda g: g.value,
        )
        return (q for g in graphs for q in self.store.quads_for_pattern(None, None, None, g))

    def decisions(self) -> dict[str, list[tuple[str, str]]]:
        """The recorded identity decisions: ``same`` (keep, merged) and ``different`` pairs."""
        out: dict[str, list[tuple[str, str]]] = {"same": [], "different": []}
        for q in self.store.quads_for_pattern(None, None, None, N(str(DECISIONS_GRAPH))):
            kind = {SAME_AS: "same", DIFFERENT_FROM: "different"}.get(q.predicate)
            if kind and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                out[kind].append((mapping.entity_id(q.subject), mapping.entity_id(q.object)))
        return {k: sorted(v) for k, v in out.items()}

    def decide(self, a: str, b: str, same: bool) -> None:
        """Record that ``a`` and ``b`` are one entity (``b`` folds into ``a``) or two."""
        known = {e.id for e in mapping.from_quads(self.source_quads()).entities}
        for eid in (a, b):
            if eid not in known:
                raise WorkspaceError(_("no entity with id {id!r}", id=eid))
        if a == b:
            raise WorkspaceError(_("an entity is always the same as itself"))
        s, o, g = mapping.entity_iri(a), mapping.entity_iri(b), N(str(DECISIONS_GRAPH))
        self._bump()
        for x, y in ((s, o), (o, s)):
            for p in (SAME_AS, DIFFERENT_FROM):
                self.store.remove(ox.Quad(x, p, y, g))
        self.store.add(ox.Quad(s, SAME_AS if same else DIFFERENT_FROM, o, g))
        self._changed()

    def sparql(
        self,
        query: str,
        update: bool = False,
        timeout: float | None = None,
        allow_service: bool = False,
        **params,
    ):
        """Run SPARQL. The default graph is the union of the sources, the ontology and the
        decisions; the source metadata is in ``GRAPH <https://w3id.org/samverkan/graph/meta>``.
        ``params`` substitute projected variables (``?name``) with values, never pasted into text.
        With ``timeout`` (seconds) the query runs in a child process stopped at the deadline
        (:mod:`samverkan.graph.bounded`). ``SERVICE`` is refused unless ``allow_service``."""
        check_sparql(query, allow_service)
        if update:
            return self._update(query, timeout)
        substitutions = {ox.Variable(k): _term(v) for k, v in params.items()}
        default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
        default = [g for g in self.store.named_graphs() if g != N(str(META_GRAPH))]
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        if timeout:
            self.store.flush()
            return bounded.query(str(self.path / "store"), query, timeout, default, substitutions, prefixes)
        return self.store.query(query, default_graph=default, substitutions=substitutions, prefixes=prefixes)

    def _update(self, query: str, timeout: float | None) -> None:
        """Apply a SPARQL Update to a copy of the store and swap the copy in whole; refused, with
        nothing changed, when it touches the metadata or decisions graph (``sources``, ``load``
        and ``unload`` rest on them) or runs past ``timeout``."""
        copy = self.path / "store.update"
        shutil.rmtree(copy, ignore_errors=True)
        self.store.flush()
        self.store.backup(str(copy))
        try:
            bounded.update(str(copy), query, timeout)
            updated = ox.Store(str(copy))
            touched = _protected(updated) != _protected(self.store)
            if not touched:
                self._bump(updated)
            del updated
            if touched:
                raise QueryRefused(
                    _(
                        "this update changes the workspace's own records (the graphs {meta} "
                        "and {decisions}) and was refused; nothing changed",
                        meta=f"<{META_GRAPH}>",
                        decisions=f"<{DECISIONS_GRAPH}>",
                    )
                )
        except BaseException:
            shutil.rmtree(copy, ignore_errors=True)
            raise
        store, old = self.path / "store", self.path / "store.old"
        del self.store  # closes the database before its folder moves
        store.rename(old)
        copy.rename(store)
        shutil.rmtree(old)
        self.store = ox.Store(str(store))
        self._changed()

    def validate(self) -> list:
        """SHACL violations of the workspace data (empty when it conforms)."""
        from samverkan.graph.validation import check, to_rdflib

        return check(to_rdflib({q.triple for q in self.source_quads()}))

    def _count_triples(self) -> int:
        query = (
            f"SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?s ?p ?o {{ GRAPH ?g {{ ?s ?p ?o }} "
            f'FILTER(STRSTARTS(STR(?g), "{SOURCE}")) }} }}'
        )
        result = self.store.query(query)
        assert isinstance(result, ox.QuerySolutions)  # a SELECT
        return int(next(result)["n"].value)


def _parsed(lines: set[str]) -> list[ox.Quad]:
    """The quads of N-Quads lines, in the order of the lines sorted."""
    return list(ox.parse("".join(sorted(lines)), format=NQUADS)) if lines else []


def _typed(plan, codes) -> Iterable[tuple[ox.NamedNode, str, Callable[[], Origin]]]:
    """The entities of a plan as (IRI, type code, where it is typed: made when asked)."""
    records, file = plan["records"], Origin(str(plan["path"]))
    if records.rdf is None:
        for e in records.entities:
            yield mapping.entity_iri(e.id), e.type, partial(_typed_at, e, file)
        return
    for t in records.rdf:
        if t.predicate == mapping.RDF_TYPE and t.object in codes:
            yield t.subject, codes[t.object], lambda: file


def _typed_at(e, file: Origin) -> Origin:
    return e.origin.at("type") if e.origin else file


def _protected(store: ox.Store) -> set:
    """The quads only samverkan writes: the source metadata (but the generation) and decisions."""
    graphs = (N(str(META_GRAPH)), N(str(DECISIONS_GRAPH)))
    return {
        q for g in graphs for q in store.quads_for_pattern(None, None, None, g) if q.predicate != GENERATION
    }


def _give_back() -> None:
    """Hand the memory Python has let go back to the system (glibc's ``malloc_trim``; elsewhere
    nothing): the bulk loader's threads allocate from arenas of their own, where it is no use."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _term(value):
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    return ox.Literal(value)


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for f in files:
        h.update(f.relative_to(path).as_posix().encode() if path.is_dir() else b"")
        h.update(f.read_bytes())
    return h.hexdigest()


def _free_name(name: str, taken: dict) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    return candidate
