"""What samverkan says to people outside tables and the report: the map's tooltips, the reasons
of a tie in words, the map page's own texts, and the lines that ``load`` and ``demo`` print —
in the language in force (:mod:`samverkan.i18n`).

A tie's reasons are those of the tie graph (:mod:`samverkan.network.ties`): a kind
(``project``, ``event``, ``person``, ``arena``, ``direct``, ``ties``) and the id of what makes it.
Each reason is said in words with the name of that project, person or network, and its evidence:
the quote and the name of the document that says so.
"""

from __future__ import annotations

import networkx as nx

from samverkan.i18n import _, label, n_

QUOTES_PER_REASON = 2
QUOTE_CHARS = 200
# reason kind -> the sentence that says it (an English msgid; {name} is the project, person, ...)
REASONS = {"project": "both take part in {name}", "event": "both take part in {name}",
           "person": "{name} works in both", "arena": "both are members of {name}"}
# a direct reason's relation -> its sentence
DIRECT = {"collaborates_with": "work together directly", "member_of": "one is a member of the other",
          "holds_role_in": "one holds a role in the other"}
# the kind of a node that groups actors (the sector or organisation level) -> its word
GROUPS = {"sector": "sector", "organisation": "organisation"}
# the page's words, for the script: key -> English msgid
PAGE = {"search": "Search", "name": "name", "all": "all", "node": "node", "nodes": "nodes",
        "tie": "tie", "ties": "ties"}


LOAD_STATUS = {"loaded": "loaded", "reloaded": "reloaded", "unchanged": "unchanged"}
# gap kind -> its singular and plural count (English msgids)
GAP_KINDS = {
    "silo_pair": ("{n} silo pair", "{n} silo pairs"), "sector_gap": ("{n} sector gap", "{n} sector gaps"),
    "single_sector_project": ("{n} single-sector project", "{n} single-sector projects"),
    "bridge": ("{n} bridge", "{n} bridges"),
    "articulation_point": ("{n} articulation point", "{n} articulation points"),
    "key_person": ("{n} key person", "{n} key persons"),
    "isolated": ("{n} isolated actor", "{n} isolated actors"),
    "unrelated_in_sources": ("{n} actor with no relation in the sources",
                             "{n} actors with no relation in the sources"),
    "suggested_partner": ("{n} suggested partner", "{n} suggested partners"),
    "fading_tie": ("{n} fading tie", "{n} fading ties"), "lost_tie": ("{n} lost tie", "{n} lost ties"),
}


def loaded_line(row: dict) -> str:
    """One loaded source in words: "inläst seeds: 145 entiteter, 156 relationer, 2947 tripplar"."""
    return _("{status} {name}: {counts}", status=_(LOAD_STATUS.get(row["status"], row["status"])),
             name=row["name"], counts=", ".join((n_("{n} entity", "{n} entities", row["entities"]),
                                                 n_("{n} relation", "{n} relations", row["relations"]),
                                                 n_("{n} triple", "{n} triples", row["triples"]))))


def gap_counts(counts: dict[str, int]) -> str:
    """How many findings of each kind: "16 stuprörspar, 55 sektorsluckor, ..."."""
    return ", ".join(n_(*GAP_KINDS[kind], n) if kind in GAP_KINDS else f"{n} {kind}"
                     for kind, n in counts.items())


def page_texts() -> dict[str, str]:
    """The map page's own words in the language in force."""
    return {key: _(msgid) for key, msgid in PAGE.items()}


def type_label(code: str | None) -> str:
    """The label of an actor type, or the word for a grouping node (one node per sector)."""
    return _(GROUPS[code]) if code in GROUPS else label(code, of="type")


def node_tooltip(v: str, data: dict, entities: dict) -> str:
    """An actor in words: name, type, sector, organisation, and what the sources say of it."""
    organisation = data.get("organisation")
    lines = [data["name"],
             _("type: {type}", type=type_label(data.get("type")) or "–"),
             _("sector: {sector}", sector=label(data.get("sector"), of="sector") or "–")]
    if organisation and organisation in entities and organisation != v:
        lines.append(_("organisation: {name}", name=entities[organisation].name))
    if data.get("members"):
        lines.append(n_("{n} actor", "{n} actors", data["members"]))
    entity = entities.get(v)
    if entity is not None:
        quoted = [{"quote": ev.quote, "documents": [ev.source] if ev.source else []}
                  for ev in entity.evidence if ev.quote]
        lines += [evidence_line(x, entity.sources) for x in quoted[:QUOTES_PER_REASON]]
        if not quoted and entity.sources:
            lines.append(_("source: {names}", names=", ".join(entity.sources)))
    return "\n".join(lines)


def tie_tooltip(g: nx.Graph, a: str, b: str, entities: dict) -> str:
    """A tie in words: its two ends, and each reason with its period, roles and evidence."""
    data = g.edges[a, b]
    lines = [f"{g.nodes[a]['name']} – {g.nodes[b]['name']}",
             n_("{n} reason", "{n} reasons", len(data.get("reasons", [])) or 1)]
    for reason in data.get("reasons", []):
        rels = data.get("evidence", {}).get(reason["id"], [])
        lines.append("• " + reason_words(reason, entities) + _details(reason, rels, entities))
        quoted = list({r["quote"]: r for r in rels if r.get("quote")}.values())
        lines += ["  " + evidence_line(r) for r in quoted[:QUOTES_PER_REASON]]
        if not quoted and rels:
            names = sorted({d for r in rels for d in (r.get("documents") or r.get("sources") or [])})
            lines += ["  " + _("source: {names}", names=", ".join(names))] if names else []
    return "\n".join(lines)


def reason_words(reason: dict, entities: dict) -> str:
    """One reason of a tie as a phrase: "deltar båda i Projekt X", "Anna Ek arbetar i båda"."""
    kind, rid = reason["kind"], reason["id"]
    name = entities[rid].name if rid in entities else rid
    if kind in REASONS:
        return _(REASONS[kind], name=name)
    if kind == "direct":
        return _(DIRECT[rid]) if rid in DIRECT else label(rid, of="relation")
    if kind == "ties":
        return n_("{n} tie", "{n} ties", int(rid))
    return f"{kind}: {name}"


def _details(reason: dict, rels: list[dict], entities: dict) -> str:
    """Roles and periods behind a reason, in parentheses: " (projektledare; 2019-01-01–2021-12-31)"."""
    roles = sorted({r["role"] for r in rels if r.get("role")})
    periods = {f"{r.get('start') or '…'}–{r.get('end') or '…'}" for r in rels
               if r.get("start") or r.get("end")}
    project = entities.get(reason["id"])
    if project is not None and (project.start or project.end):
        periods.add(f"{project.start or '…'}–{project.end or '…'}")
    parts = [", ".join(roles)] if roles else []
    parts += [", ".join(sorted(periods))] if periods else []
    return f" ({'; '.join(parts)})" if parts else ""


def evidence_line(evidence: dict, sources: list[str] | None = None) -> str:
    """A quote and the name of the document it is from: »…« (000_4455b9a8e428702b.txt)."""
    quote = evidence["quote"]
    if len(quote) > QUOTE_CHARS:
        quote = quote[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    where = ", ".join(evidence.get("documents") or evidence.get("sources") or sources or [])
    return f"»{quote}«" + (f" ({where})" if where else "")
