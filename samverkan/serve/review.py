"""The review queue: the candidates one document yields (:mod:`samverkan.extract`) or a
review sheet of ``samverkan extract`` holds, and the decisions taken on them, kept in the journal
``review-<document>`` (:mod:`.edits`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from samverkan.i18n import _
from samverkan.loaders.fields import slug
from samverkan.serve.edits import Journal, actor_entry, candidate_rows, now, relation_entry, relation_key, who


def journal_name(document: Path) -> str:
    return "review-" + slug(document.name)


@lru_cache(maxsize=8)
def _extract(path: str, mtime: int):
    """The candidates of a document, or every row of a review sheet (``samverkan extract``),
    whatever its ``accept`` column says: the queue decides."""
    from samverkan.extract import extract
    from samverkan.extract.documents import SUFFIXES, main_text

    source = Path(path)
    if source.suffix.casefold() in SUFFIXES:
        return extract(main_text(source), source.name)
    from samverkan.loaders import template
    from samverkan.loaders.tables import read_tables

    tables = read_tables(source)
    for table in tables.values():
        table.rows = [
            (o, {k: ("ja" if k.strip().casefold() == "accept" else v) for k, v in row.items()})
            for o, row in table.rows
        ]
    return template.to_records(tables)


def candidates(document: str):
    path = Path(document).expanduser()
    if not path.exists():
        raise ValueError(_("No document at {path}", path=document))
    return path, _extract(str(path.resolve()), path.stat().st_mtime_ns)


def decisions(journal: Journal) -> dict:
    """candidate -> the latest decision on it: accept, reject or merge, with who and when."""
    words = {
        "actor": "accept",
        "relation": "accept",
        "reject": "reject",
        "reject_relation": "reject",
        "merge": "merge",
    }
    return {
        e["candidate"]: {
            "action": words[e["op"]],
            "editor": e["editor"],
            "at": e["at"],
            "into": e.get("into"),
        }
        for e in journal.entries
        if "candidate" in e
    }


def queue(workspace: Path, document: str) -> dict:
    path, found = candidates(document)
    return {"document": str(path), **candidate_rows(found, decisions(Journal(workspace, journal_name(path))))}


def entry(snap, body: dict) -> dict:
    """The journal entry for a decision on one candidate: accept (with a fixed name or type),
    reject, or merge into an existing actor (by id or exact name)."""
    path, found = candidates(str(body.get("document", "")))
    action, editor, cid = body.get("action"), body.get("editor"), str(body.get("candidate", ""))
    entity = next((e for e in found.entities if e.id == cid), None)
    relation = next((r for r in found.relations if relation_key(r) == cid), None)
    item = entity or relation
    if item is None:
        raise ValueError(_("No candidate {id} in {document}", id=cid, document=path.name))
    stamp = {"candidate": cid, "editor": who(editor), "at": now()}
    if action == "reject":
        return {"op": "reject" if entity else "reject_relation", "id": cid, **stamp}
    ev = item.evidence[0] if item.evidence else None
    evidence = {
        "source": ev.source if ev and ev.source else path.name,
        "quote": ev.quote if ev else "",
        "span": "-".join(map(str, ev.span)) if ev and ev.span else "",
    }
    if relation is not None and action == "accept":
        return {
            **relation_entry(
                {
                    "from": relation.source,
                    "relation": relation.relation,
                    "to": relation.target,
                    "role": relation.role,
                    **evidence,
                },
                editor,
            ),
            **stamp,
        }
    if entity is not None and action == "merge":
        into = str(body.get("into", "")).strip()
        match = [e.id for e in snap.records.entities if into in (e.id, e.name)]
        if len(match) != 1:
            raise ValueError(_("No single actor is called {name}", name=into))
        return {"op": "merge", "id": cid, "into": match[0], **stamp}
    if entity is not None and action == "accept":
        given = {
            "id": cid,
            "name": body.get("name") or entity.name,
            "type": body.get("type") or entity.type,
            "aliases": ";".join(entity.aliases),
            **evidence,
        }
        return {**actor_entry(given, editor, {}), **stamp}
    raise ValueError(_("Unknown decision {action}", action=action))
