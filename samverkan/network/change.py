"""Change between two days (DESIGN.md §5): ties new, ended and fading, actors started and ended.

A tie is *new* when it holds on the later day and not on the earlier, *ended* the other way
round; *fading* ties are the later network's ``fading_tie`` gaps (every reason ends within a
year). An actor (organisation, project or event) *started* when its start date falls after the
earlier day and on or before the later; it *ended* when its end date falls on or after the
earlier day and before the later. Each tie comes with the reasons (projects, arenas, persons)
and the relations, sources and quotes behind it, as the network that holds it records them.
"""

from __future__ import annotations

from samverkan import i18n
from samverkan.i18n import _

__all__ = ["compare", "rows", "CHANGES"]

CHANGES = {
    "ties_new": "new tie",
    "ties_ended": "ended tie",
    "ties_fading": "fading tie",
    "started": "started",
    "ended": "ended",
}

DATED_TYPES = ("project", "event")


def compare(before, after) -> dict:
    """What changed from network ``before`` to network ``after`` (two :class:`Network` objects
    of the same records on two days, with the same scope)."""
    if before.as_of > after.as_of:
        raise ValueError(_("--from {start} is after --to {end}", start=before.as_of, end=after.as_of))
    old, new = before.view(), after.view()
    return {
        "from": before.as_of.isoformat(),
        "to": after.as_of.isoformat(),
        "ties_new": [_tie(after, a, b) for a, b in _edges(new) if not old.has_edge(a, b)],
        "ties_ended": [_tie(before, a, b) for a, b in _edges(old) if not new.has_edge(a, b)],
        "ties_fading": [
            {
                **f,
                "reasons": [{**ev["reason"], "name": after.name(ev["reason"]["id"])} for ev in f["evidence"]],
            }
            for f in after.gaps(["fading_tie"])
        ],
        "started": _actors(after, lambda e: e.start and before.as_of < e.start <= after.as_of),
        "ended": _actors(before, lambda e: e.end and before.as_of <= e.end < after.as_of),
    }


def _edges(g) -> list[tuple[str, str]]:
    return sorted(tuple(sorted(e)) for e in g.edges)


def _tie(net, a: str, b: str) -> dict:
    data = net.graph.edges[a, b]
    return {
        "entities": [a, b],
        "names": [net.name(a), net.name(b)],
        "weight": data["weight"],
        "reasons": [{**r, "name": net.name(r["id"])} for r in data["reasons"]],
        "evidence": [
            {"tie": [a, b], "reason": r, "relations": data["evidence"][r["id"]]} for r in data["reasons"]
        ],
    }


def _actors(net, when) -> list[dict]:
    keep = net.partners
    out = []
    for e in sorted(net.records.entities, key=lambda e: e.id):
        if (net.index.is_org(e.id) or e.type in DATED_TYPES) and when(e):
            actors = set(net.involved.get(e.id, ())) | {e.id}
            if keep is None or actors & keep:
                out.append(
                    {
                        "id": e.id,
                        "name": e.name,
                        "type": e.type,
                        "start": e.start.isoformat() if e.start else None,
                        "end": e.end.isoformat() if e.end else None,
                    }
                )
    return out


def _behind(reason: dict) -> str:
    """What a reason names for people: a relation's label for a direct tie, else a name."""
    if reason.get("kind") == "direct":
        return i18n.label(reason["id"], "relation")
    return reason.get("name") or reason["id"]


def rows(result: dict) -> list[dict]:
    """One readable row per change: what changed (in the language in force), the names, what
    stands behind it (projects, arenas, persons) and a quote."""
    out = []
    for key, label in CHANGES.items():
        for item in result[key]:
            evidence = item.get("evidence", [])
            quotes = (r["quote"] for ev in evidence for r in ev.get("relations", []) if r.get("quote"))
            quote = next(quotes, None)
            reasons = item.get("reasons") or [ev["reason"] for ev in evidence if "reason" in ev]
            out.append(
                {
                    "code": key,
                    "change": _(label),
                    "ids": item.get("entities") or [item.get("id")],
                    "names": " – ".join(item.get("names") or [item.get("name")]),
                    "behind": ", ".join(map(_behind, reasons)),
                    "quote": quote,
                }
            )
    return out
