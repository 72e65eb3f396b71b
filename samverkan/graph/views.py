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

import json
import os
import pickle
import shutil
from datetime import date
from pathlib import Path
from typing import Callable

from samverkan.records import Records

MARKER = "view.json"
RECORDS = "records.pickle"


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
        (new / MARKER).write_text(json.dumps({"generation": generation, **facts}) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    old = folder.with_name(f"{folder.name}.old-{os.getpid()}")
    if folder.exists():
        folder.rename(old)
    new.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def save_records(folder: Path, records: Records, generation: str | None, triples: int) -> None:
    """Keep ``records`` in ``folder`` with their counts (:func:`counts`) and ``triples``."""
    def fill(new: Path) -> None:
        with open(new / RECORDS, "wb") as f:
            pickle.dump(records, f, protocol=pickle.HIGHEST_PROTOCOL)

    swap_in(folder, fill, generation, counts=counts(records), triples=triples)


def load_records(folder: Path) -> Records:
    """The records kept in ``folder`` (the caller has checked they are current)."""
    with open(Path(folder) / RECORDS, "rb") as f:
        return pickle.load(f)


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
    return {"entities": len(entities), "relations": len(relations),
            "entities_by_type": dict(sorted(by_type.items())),
            "entities_by_sector": dict(sorted(by_sector.items())),
            "relations_by_kind": dict(sorted(by_relation.items()))}
