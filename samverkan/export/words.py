"""What samverkan says to people outside tables and the report: the map's tooltips, the reasons
of a tie in words, the map page's own texts, and the lines that ``load`` and ``demo`` print —
in the language in force (:mod:`samverkan.i18n`).

A tie's reasons are those of the tie graph (:mod:`samverkan.network.ties`): a kind
(``project``, ``event``, ``person``, ``arena``, ``direct``, ``ties``) and the id of what makes it.
Each reason is said in words with the name of that project, person or network, and its evidence:
the quote and the name of the document that says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverkan.i18n import _, label, lang, n_, number

if TYPE_CHECKING:  # networkx costs a fifth of a second to import: not for a load's line
    import networkx as nx

QUOTES_PER_REASON = 2
QUOTE_CHARS = 200
# reason kind -> the sentence that says it (an English msgid; {name} is the project, person, ...)
REASONS = {
    "project": "both take part in {name}",
    "event": "both take part in {name}",
    "person": "{name} works in both",
    "arena": "both are members of {name}",
}
# a direct reason's relation -> its sentence
DIRECT = {
    "collaborates_with": "work together directly",
    "member_of": "one is a member of the other",
    "holds_role_in": "one holds a role in the other",
}
# the kind of a node that groups actors (the sector or organisation level) -> its word
GROUPS = {"sector": "sector", "organisation": "organisation"}
# the page's words, for the script: key -> English msgid
PAGE = {
    "search": "Search",
    "name": "name",
    "all": "all",
    "node": "node",
    "nodes": "nodes",
    "tie": "tie",
    "ties": "ties",
}


LOAD_STATUS = {"loaded": "loaded", "reloaded": "reloaded", "unchanged": "unchanged"}


def loaded_line(row: dict) -> str:
    """One loaded source in words: "inläst seeds: 145 entiteter, 156 relationer, 2947 tripplar"."""
    return _(
        "{status} {name}: {counts}",
        status=_(LOAD_STATUS.get(row["status"], row["status"])),
        name=row["name"],
        counts=", ".join(
            (
                n_("{n} entity", "{n} entities", row["entities"]),
                n_("{n} relation", "{n} relations", row["relations"]),
                n_("{n} triple", "{n} triples", row["triples"]),
            )
        ),
    )


def gap_counts(counts: dict[str, int]) -> str:
    """How many findings of each kind: "16 stuprörspar, 55 sektorsluckor, ..."."""
    from samverkan.network.gaps import kind_count

    return ", ".join(kind_count(kind, n) for kind, n in counts.items())


def page_texts() -> dict[str, str]:
    """The map page's own words in the language in force."""
    return {key: _(msgid) for key, msgid in PAGE.items()}


def type_label(code: str | None) -> str:
    """The label of an actor type, or the word for a grouping node (one node per sector)."""
    return _(GROUPS[code]) if code in GROUPS else label(code, of="type")


def node_tooltip(v: str, data: dict, entities: dict) -> str:
    """An actor in words: name, type, sector, organisation, and what the sources say of it."""
    organisation = data.get("organisation")
    lines = [
        data["name"],
        _("type: {type}", type=type_label(data.get("type")) or "–"),
        _("sector: {sector}", sector=label(data.get("sector"), of="sector") or "–"),
    ]
    if organisation and organisation in entities and organisation != v:
        lines.append(_("organisation: {name}", name=entities[organisation].name))
    if data.get("members"):
        lines.append(n_("{n} actor", "{n} actors", data["members"]))
    entity = entities.get(v)
    if entity is not None:
        quoted = [
            {"quote": ev.quote, "documents": [ev.source] if ev.source else []}
            for ev in entity.evidence
            if ev.quote
        ]
        lines += [evidence_line(x, entity.sources) for x in quoted[:QUOTES_PER_REASON]]
        if not quoted and entity.sources:
            lines.append(_("source: {names}", names=", ".join(entity.sources)))
    return "\n".join(lines)


def tie_tooltip(g: nx.Graph, a: str, b: str, entities: dict) -> str:
    """A tie in words: its two ends, and each reason with its period, roles and evidence."""
    data = g.edges[a, b]
    lines = [
        f"{g.nodes[a]['name']} – {g.nodes[b]['name']}",
        n_("{n} reason", "{n} reasons", len(data.get("reasons", [])) or 1),
    ]
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
    periods = {
        f"{r.get('start') or '…'}–{r.get('end') or '…'}" for r in rels if r.get("start") or r.get("end")
    }
    project = entities.get(reason["id"])
    if project is not None and (project.start or project.end):
        periods.add(f"{project.start or '…'}–{project.end or '…'}")
    parts = [", ".join(roles)] if roles else []
    parts += [", ".join(sorted(periods))] if periods else []
    parts += sorted({answer_words(r["answers"]) for r in rels if r.get("answers")})
    return f" ({'; '.join(parts)})" if parts else ""


def answer_words(answers: dict[str, int]) -> str:
    """A survey answer about a tie in words: "månatligen, samordnat"."""
    from samverkan.loaders.survey import ITEMS, SCALES, scale

    words = []
    for item in ("frequency", "level"):
        if item in answers:
            labels = SCALES[ITEMS[item]["scale"]]["labels"][lang()]
            words.append(labels[list(scale(item)).index(answers[item])].split(":")[0])
    return ", ".join(words)


def evidence_line(evidence: dict, sources: list[str] | None = None) -> str:
    """A quote and the name of the document it is from: »…« (000_4455b9a8e428702b.txt)."""
    quote = evidence["quote"]
    if len(quote) > QUOTE_CHARS:
        quote = quote[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    where = ", ".join(evidence.get("documents") or evidence.get("sources") or sources or [])
    return f"»{quote}«" + (f" ({where})" if where else "")


def percent(score: dict | None) -> str:
    """A trust or value score as "3,33 (83 %)"."""
    return f"{number(score['mean'])} ({number(score['percent'], 0)} %)" if score else ""


def survey_lines(result: dict, names: dict[str, str]) -> list[str]:
    """The summary of a survey in sentences."""
    n = number

    def name(i: str) -> str:
        return names.get(i, i)

    lines = [
        _(
            "Survey {survey}: {answered} of {n} organisations answered ({rate} %).",
            survey=result["survey"],
            answered=len(result["respondents"]),
            n=result["organisations"],
            rate=n(100 * (result["response_rate"] or 0), 0),
        )
    ]
    if result["non_respondents"]:
        lines.append(_("Did not answer: {names}.", names=", ".join(map(name, result["non_respondents"]))))
    lines.append(
        _(
            "Density {density}, degree centralisation {centralisation}, reciprocity {reciprocity}.",
            **{
                k: n(result[k]) if result[k] is not None else "–"
                for k in ("density", "centralisation", "reciprocity")
            },
        )
    )
    for a, b in result["unconfirmed"]:
        lines.append(_("{a} says it works with {b}; {b} does not say so.", a=name(a), b=name(b)))
    if result["network_trust_percent"] is not None:
        lines.append(
            _(
                "Trust in the network: {trust} %, value: {value} %.",
                trust=n(result["network_trust_percent"], 0),
                value=n(result["network_value_percent"] or 0, 0),
            )
        )
    return lines


def survey_section(records, survey: str, as_of=None) -> dict:
    """A report section on one survey: response, density, reciprocity, trust and value, and the
    ties the survey and the documents do not share as of ``as_of`` (the report's day)."""
    from samverkan.network.survey import against_documents, summary

    result, names = summary(records, survey), {e.id: e.name for e in records.entities}
    pair = lambda p: " – ".join(names.get(i, i) for i in p)  # noqa: E731
    table = [
        [_("organisation"), _("trust"), _("value")],
        *(
            [names.get(o, o), percent(result["trust"].get(o)), percent(result["value"].get(o))]
            for o in sorted({*result["trust"], *result["value"]}, key=lambda o: names.get(o, o))
        ),
    ]
    apart = against_documents(records, survey, as_of=as_of)
    bullets = [
        _("The survey reports {pair}; no document states it.", pair=pair(p)) for p in apart["survey_only"]
    ]
    bullets += [
        _("A document states {pair}; the survey does not report it.", pair=pair(p))
        for p in apart["documents_only"]
    ]
    return {
        "heading": _("Survey {survey}", survey=survey),
        "paragraphs": survey_lines(result, names),
        "table": table,
        "bullets": bullets,
    }
