"""Hand edits and reviews of an extraction, each kept as a source of its own.

A :class:`Journal` is the list of changes someone made, with who and when
(``serve/<name>.json`` in the workspace). It is written out as the project's spreadsheet template
(``serve/<name>/entities.csv``, ``relations.csv``) and loaded like any file, so the store keeps
it in its own named graph: loading other files again never touches it, and undo is one change
less, loaded again. A change the workspace refuses (a relation to an id it does not know) is
taken back, and the workspace stays as it was.

- ``edits``: add or change an actor, add a relation.
- ``review-<document>``: the candidates of an extraction accepted as they are, renamed, retyped,
  or merged into an existing actor (the candidate's facts then attach to that actor); rejected
  candidates are remembered so the queue shows them decided.
"""

from __future__ import annotations

import csv
import getpass
import json
from datetime import datetime, timezone
from pathlib import Path

from samverkan.graph.workspace import Workspace
from samverkan.i18n import _
from samverkan.loaders.fields import slug
from samverkan.loaders.template import ENTITY_COLUMNS, RELATION_COLUMNS
from samverkan.records import Entity, Relation

EXTRA = ["editor", "edited_at"]


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def who(editor: str | None) -> str:
    """The editor's name as given, else the account the server runs under."""
    return (editor or "").strip()[:100] or getpass.getuser()


class Journal:
    """Changes, in order, written out and loaded as the source ``name`` of the workspace."""

    def __init__(self, workspace: Path, name: str):
        self.folder = Path(workspace) / "serve" / name
        self.file = self.folder.with_suffix(".json")
        self.entries: list[dict] = (
            json.loads(self.file.read_text(encoding="utf-8")) if self.file.exists() else []
        )

    def apply(self, ws: Workspace, entry: dict | None) -> dict:
        """Add ``entry`` (None: take the last one back) and load the result; refused changes
        leave the journal, its files and the workspace as they were."""
        before = list(self.entries)
        if entry is None:
            if not self.entries:
                raise ValueError(_("There is nothing to undo."))
            self.entries.pop()
        else:
            self.entries.append(entry)
        try:
            self._load(ws)
        except Exception:
            self.entries = before
            self._write()
            raise
        self.file.parent.mkdir(exist_ok=True)
        self.file.write_text(json.dumps(self.entries, ensure_ascii=False, indent=1), encoding="utf-8")
        return {"entries": len(self.entries)}

    def _load(self, ws: Workspace) -> None:
        entities, relations = self._write()
        source = next((s["name"] for s in ws.sources() if Path(s["path"]) == self.folder.resolve()), None)
        if entities or relations:
            ws.load([self.folder])
        elif source:
            ws.unload(source)

    def _write(self) -> tuple[list, list]:
        entities, relations = rows(self.entries)
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, columns, table in (
            ("entities", ENTITY_COLUMNS + ["span"] + EXTRA, entities),
            ("relations", RELATION_COLUMNS + ["span"], relations),
        ):
            with (self.folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, columns, extrasaction="ignore")
                writer.writeheader()
                writer.writerows(table)
        return entities, relations


def rows(entries: list[dict]) -> tuple[list[dict], list[dict]]:
    """The template's rows that the journal's entries state, the latest word on an actor winning."""
    entities: dict[str, dict] = {}
    relations: dict[tuple, dict] = {}
    merged = {e["id"]: e["into"] for e in entries if e.get("op") == "merge"}
    for e in entries:
        stamp = {"editor": e["editor"], "edited_at": e["at"]}
        if e["op"] == "actor":
            entities[e["id"]] = {k: e.get(k) or "" for k in ENTITY_COLUMNS + ["span"]} | stamp
        elif e["op"] == "relation":
            row = {k: e.get(k) or "" for k in RELATION_COLUMNS + ["span"]}
            row["from"], row["to"] = merged.get(row["from"], row["from"]), merged.get(row["to"], row["to"])
            if not row["source"] and not row["quote"]:
                row["source"] = f"edit:{e['editor']}:{e['at']}"
            relations[(row["from"], row["relation"], row["to"], row["role"])] = row
        elif e["op"] in ("reject", "merge"):
            entities.pop(e["id"], None)
    return list(entities.values()), list(relations.values())


def actor_entry(given: dict, editor: str | None, known: dict[str, Entity]) -> dict:
    """An edit that adds or changes an actor: its id is the one given, else made from its type
    and name as loaders make ids."""
    name = str(given.get("name", "")).strip()
    kind = str(given.get("type", "")).strip()
    if not name or not kind:
        raise ValueError(_("An actor needs a name and a type."))
    eid = str(given.get("id") or "").strip() or f"{kind}-{slug(name)}"
    old = known.get(eid)
    aliases = given.get("aliases", ";".join(old.aliases) if old else "")
    return {
        "op": "actor",
        "id": eid,
        "name": name,
        "type": kind,
        "sector": given.get("sector") or "",
        "part_of": given.get("part_of") or "",
        "aliases": aliases,
        "source": given.get("source") or "",
        "quote": given.get("quote") or "",
        "span": given.get("span") or "",
        "editor": who(editor),
        "at": now(),
    }


def relation_entry(given: dict, editor: str | None) -> dict:
    values = {k: str(given.get(k) or "").strip() for k in RELATION_COLUMNS + ["span"]}
    if not values["from"] or not values["to"] or not values["relation"]:
        raise ValueError(_("A relation needs two actors and a kind of relation."))
    return {"op": "relation", **values, "editor": who(editor), "at": now()}


def candidate_rows(found, decisions: dict) -> dict:
    """The review queue of an extraction: every candidate with its quote and the decision taken."""

    def evidence(item: Entity | Relation) -> dict:
        ev = item.evidence[0] if item.evidence else None
        return {"quote": ev.quote if ev else None, "span": list(ev.span) if ev and ev.span else None}

    names = {e.id: e.name for e in found.entities}
    return {
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "confidence": e.confidence,
                **evidence(e),
                "decision": decisions.get(e.id),
            }
            for e in found.entities
        ],
        "relations": [
            {
                "key": relation_key(r),
                "from": names.get(r.source, r.source),
                "relation": r.relation,
                "to": names.get(r.target, r.target),
                "confidence": r.confidence,
                **evidence(r),
                "decision": decisions.get(relation_key(r)),
            }
            for r in found.relations
        ],
    }


def relation_key(r: Relation) -> str:
    return "|".join((r.source, r.relation, r.target, r.role or ""))
