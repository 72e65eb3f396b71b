"""Named queries: each question is a ``.rq`` file and a ``.cypher`` file in this folder that answer
it the same way. A header of comment lines gives ``name``, ``description`` and ``parameters``
(``name:type=default``, types ``str``, ``int``, ``int(1-3)`` for an int within bounds, and ``id``,
an entity's id: a query that finds nothing for an id no entity has says so).

Parameters never enter the query text as text: Cypher gets them as driver parameters; SPARQL gets
them as a ``VALUES`` block of terms serialised by Oxigraph (escaped N-Triples literals) placed at
the start of the ``WHERE`` group. Rows come back with plain values, sorted, so both engines'
answers compare equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from samverkan.i18n import _

HERE = Path(__file__).parent
ENTITY = "ASK WHERE { ?entity dct:identifier ?id }"
TYPES = {"str": str, "int": int, "id": str}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    bounds: tuple[int, int] | None = None  # an int's least and greatest value


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    cypher: str

    def arguments(self, given: dict[str, str]) -> dict:
        """Typed values for every parameter, from ``given`` or the defaults."""
        unknown = set(given) - {p.name for p in self.parameters}
        if unknown:
            raise ValueError(
                _(
                    "query {name!r} has no parameter {parameter!r}; it takes: {known}",
                    name=self.name,
                    parameter=sorted(unknown)[0],
                    known=", ".join(p.name for p in self.parameters) or _("none"),
                )
            )
        out = {}
        for p in self.parameters:
            value = given.get(p.name, p.default)
            if value is None:
                raise ValueError(
                    _("query {name!r} needs --param {parameter}=...", name=self.name, parameter=p.name)
                )
            try:
                out[p.name] = TYPES[p.type](value)
            except ValueError:
                raise ValueError(
                    _(
                        "parameter {name!r} must be {type}, got {value!r}",
                        name=p.name,
                        type=p.type,
                        value=value,
                    )
                ) from None
            low, high = p.bounds or (out[p.name], out[p.name])
            if not low <= out[p.name] <= high:
                raise ValueError(
                    _(
                        "parameter {name!r} goes from {low} to {high}, got {value}",
                        name=p.name,
                        low=low,
                        high=high,
                        value=out[p.name],
                    )
                )
        return out


def _header(text: str, mark: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        if not line.startswith(mark):
            break
        key, _, value = line[len(mark) :].strip().partition(":")
        fields[key.strip()] = value.strip()
    return fields


def _parameters(spec: str) -> tuple[Parameter, ...]:
    if not spec or spec == "none":
        return ()
    out = []
    for item in spec.split(","):
        name, _, rest = item.strip().partition(":")
        kind, _, default = rest.partition("=")
        typed = re.fullmatch(r"(\w+)(?:\((\d+)-(\d+)\))?", kind or "str")
        if typed is None:
            raise ValueError(f"bad parameter {item!r}: expected name:type, name:int(LOW-HIGH) or =default")
        bounds = (int(typed[2]), int(typed[3])) if typed[2] else None
        out.append(Parameter(name, typed[1], default or None, bounds))
    return tuple(out)


def library() -> dict[str, NamedQuery]:
    """Every named query in this folder, by name."""
    out = {}
    for rq in sorted(HERE.glob("*.rq")):
        sparql = rq.read_text(encoding="utf-8")
        cypher = rq.with_suffix(".cypher").read_text(encoding="utf-8")
        head = _header(sparql, "#")
        out[head["name"]] = NamedQuery(
            head["name"], head.get("description", ""), _parameters(head.get("parameters", "")), sparql, cypher
        )
    return out


def get(name: str) -> NamedQuery:
    queries = library()
    if name not in queries:
        raise ValueError(_("no named query {name!r}; known: {known}", name=name, known=", ".join(queries)))
    return queries[name]


def with_values(sparql: str, arguments: dict) -> str:
    """Bind the arguments with a VALUES block at the start of the WHERE group."""
    if not arguments:
        return sparql
    names = " ".join(f"?{k}" for k in arguments)
    terms = " ".join(str(ox.Literal(v)) for v in arguments.values())
    match = re.search(r"WHERE\s*\{", sparql, re.IGNORECASE)
    if match is None:
        raise ValueError(_("the query has no WHERE group to bind its parameters in"))
    return f"{sparql[: match.end()]}\n  VALUES ({names}) {{ ({terms}) }}{sparql[match.end() :]}"


INTEGERS = ("#integer", "#int", "#long")  # literals of these datatypes are numbers in rows


def plain(value):
    """A SPARQL term or Cypher value as a plain Python value."""
    if isinstance(value, ox.Literal):
        if value.datatype.value.endswith(INTEGERS):
            return int(value.value)
        return value.value
    if isinstance(value, (ox.NamedNode, ox.BlankNode)):
        return value.value
    return value


def rows_of(columns: list[str], rows) -> list[dict]:
    """Rows as dicts of plain values, in a stable order."""
    return _stable([{c: plain(v) for c, v in zip(columns, row)} for row in rows])


def solution_rows(result: ox.QuerySolutions | bytes) -> tuple[list[str], list[dict]]:
    """The columns and rows (plain values, as ``rows_of``) of SPARQL solutions, read through their
    standard TSV form (SPARQL 1.1 Query Results TSV, as bytes or written now): Oxigraph writes it
    in Rust, and reading its lines as plain values costs a tenth of making a Python object of
    every term."""
    if not isinstance(result, bytes):
        result = result.serialize(format=ox.QueryResultsFormat.TSV) or b""
    lines = result.decode("utf-8").split("\n")
    columns = [c.removeprefix("?") for c in lines[0].split("\t")] if lines[0] else []
    cells = [line.split("\t") for line in lines[1:-1]]
    value = {c: _tsv_value(c) for c in set(chain.from_iterable(cells))}  # each distinct cell read once
    text = {c: "" if v is None else str(v) for c, v in value.items()}
    cells.sort(key=lambda row: list(map(text.__getitem__, row)))  # the order of ``_stable``
    return columns, [dict(zip(columns, map(value.__getitem__, row))) for row in cells]


_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}


def _unescaped(text: str) -> str:
    """The string of an N-Triples string literal's escaped characters (``\\n``, ``\\u00e5``)."""
    return re.sub(
        r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)",
        lambda m: chr(int(m[1][1:], 16)) if len(m[1]) > 1 else _ESCAPES.get(m[1], m[1]),
        text,
    )


def _tsv_value(cell: str):
    """A term of SPARQL TSV results as ``plain`` makes it: an IRI's or a blank node's value, a
    literal's lexical form (an int for the integer datatypes, written bare or quoted); None unbound."""
    if not cell:
        return None
    if cell[0] == "<":
        return cell[1:-1]
    if cell.startswith("_:"):
        return cell[2:]
    if cell[0] != '"':  # a number or boolean in Turtle's short form
        return _integer(cell) if cell.lstrip("+-").isdigit() else cell
    lexical, _quote, suffix = cell[1:].rpartition('"')
    lexical = _unescaped(lexical) if "\\" in lexical else lexical
    return _integer(lexical) if suffix.startswith("^^") and suffix[2:-1].endswith(INTEGERS) else lexical


def _integer(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:  # an integer literal that is none ("abc"^^xsd:integer) stays as written
        return text


def _stable(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: [("" if v is None else str(v)) for v in r.values()])


def run(
    workspace,
    name: str,
    given: dict[str, str] | None = None,
    engine: str = "sparql",
    uri: str | None = None,
    endpoint: str | None = None,
    timeout: float | None = None,
    **connection,
) -> list[dict]:
    """Run a named query on the workspace (or on a Neo4j server at ``uri``, or a SPARQL endpoint),
    on the workspace stopped after ``timeout`` seconds."""
    query = get(name)
    arguments = query.arguments(given or {})
    if engine == "cypher":
        if uri:
            from samverkan.graph.bolt import query as bolt_query

            columns, rows = bolt_query(uri, query.cypher, arguments, timeout=timeout, **connection)
            return rows_of(columns, rows)
        columns, rows = workspace.cypher(query.cypher, arguments, timeout=timeout)
        return _known(workspace, query, arguments, rows_of(columns, rows))
    text = with_values(query.sparql, arguments)
    if endpoint:
        from samverkan.graph.endpoint import TIMEOUT, select

        columns, rows = select(endpoint, text, timeout or TIMEOUT)
        return rows_of(columns, rows)
    _columns, found = solution_rows(workspace.sparql(text, timeout=timeout))
    return _known(workspace, query, arguments, found)


def _known(workspace, query: NamedQuery, arguments: dict, rows: list[dict]) -> list[dict]:
    """``rows``, unless there are none because an ``id`` parameter names no entity: then say so."""
    for p in query.parameters if not rows else ():
        if p.type == "id" and not workspace.sparql(with_values(ENTITY, {"id": arguments[p.name]})):
            raise ValueError(_("no entity has the id {id!r}", id=arguments[p.name]))
    return rows
