"""Questions: the named queries with their parameters, and read-only SPARQL and Cypher, as
tables (:func:`samverkan.queries.named.run`, ``Workspace.sparql``, ``Workspace.cypher``)."""

from __future__ import annotations

import csv
import io

from samverkan.i18n import _
from samverkan.queries import named

ENGINES = ("sparql", "cypher")


def catalogue() -> list[dict]:
    """The named queries with their parameters and defaults, for the page's forms."""
    return [
        {
            "name": q.name,
            "description": _(q.description),
            "parameters": [{"name": p.name, "type": p.type, "default": p.default} for p in q.parameters],
        }
        for q in named.library().values()
    ]


def ask(ws, kind: str, text: str, engine: str = "sparql", given: dict | None = None) -> dict:
    """Run a question on the open workspace: ``kind`` is named (``text`` the query's name),
    sparql or cypher. Returns ``{"columns", "rows"}``; raises ValueError with the engine's words."""
    if engine not in ENGINES:
        raise ValueError(_("Unknown engine {engine}", engine=engine))
    try:
        if kind == "named":
            rows = named.run(ws, text, given or {}, engine=engine)
            columns = list(rows[0]) if rows else []
            return {"columns": columns, "rows": [[r[c] for c in columns] for r in rows]}
        if kind == "cypher":
            columns, rows = ws.cypher(text, given or {})
            return {"columns": columns, "rows": [[named.plain(v) for v in row] for row in rows]}
        if kind == "sparql":
            return _sparql(ws, text)
    except (KeyError, ValueError, SyntaxError, RuntimeError, OSError) as e:
        raise ValueError(
            _("The question could not be answered: {error}", error=str(e).strip() or type(e).__name__)
        )
    raise ValueError(_("Unknown kind of question {kind}", kind=kind))


def _sparql(ws, text: str) -> dict:
    """A SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE); an update is refused by the parser."""
    result = ws.sparql(text)
    if isinstance(result, bool):
        return {"columns": ["answer"], "rows": [[result]]}
    variables = getattr(result, "variables", None)
    if variables is None:
        return {
            "columns": ["subject", "predicate", "object"],
            "rows": [
                [named.plain(t.subject), named.plain(t.predicate), named.plain(t.object)] for t in result
            ],
        }
    columns = [v.value for v in variables]
    return {"columns": columns, "rows": [[named.plain(s[c]) for c in columns] for s in result]}


def as_csv(answer: dict) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(answer["columns"])
    writer.writerows([["" if v is None else v for v in row] for row in answer["rows"]])
    return buf.getvalue()
