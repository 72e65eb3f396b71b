"""The command line: parse, call the library, print. Every command is documented in --help."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, NoReturn

import click

from samverkan import Workspace, WorkspaceError, i18n
from samverkan.cli_help import SpokenGroup, speak
from samverkan.export import EXPORTERS, FOLDER_FORMATS, export
from samverkan.export.persons import MODES as PERSON_MODES
from samverkan.progress import Progress
from samverkan.queries.guard import QueryRefused, QueryTimeout
from samverkan.records import LoadError


def _literal(module: str, name: str):
    """The literal constant ``name`` of a samverkan module, read from its source without
    importing it (the analyses pull in igraph and networkx, which light commands do without)."""
    import ast

    tree = ast.parse((Path(__file__).parent / (module.replace(".", "/") + ".py")).read_text("utf-8"))
    return next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets)
    )


GAP_KINDS = _literal("network.gaps", "KINDS")
DEFAULT_WORKSPACE = ".samverkan"
FORMATS = click.Choice(["table", "json", "csv"])


def output(
    rows,
    fmt: str,
    columns: list[str] | None = None,
    title: str | None = None,
    names: dict[str, str] | None = None,
) -> None:
    """Print ``rows`` (a list of dicts, or any JSON-able value for json) as a table, JSON or CSV.

    JSON and CSV keep codes and ids; the table speaks the language in force, with labels for
    codes and ``names`` (id -> name) for ids, and says "0 rader" when there is no row."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if isinstance(rows, dict):
        rows = [{"key": k, "value": v} for k, v in rows.items()]
    columns = columns or list(dict.fromkeys(k for row in rows for k in row))
    cell = lambda v: "" if v is None else (";".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v))  # noqa: E731
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(row.get(c)) for c in columns])
        click.echo(buf.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    from samverkan.export.table import header, humanise

    if not rows:
        click.echo(i18n.n_("{n} row", "{n} rows", 0))
        return
    cells, headers = humanise(rows, columns, names or {}), [header(c) for c in columns]
    if len(rows) > LONG_TABLE:
        return plain_table(headers, cells, title)
    room = Console().width
    if sum(_least(headers, cells)) + 3 * len(headers) + 1 > room:
        return record_table(headers, cells, room, title)
    table = Table(title=title, show_lines=False)
    for h, width in zip(headers, _widths(headers, cells, room)):
        table.add_column(h, overflow="fold", width=width)  # wrap, never cut
    for row in cells:
        table.add_row(*row)
    Console(soft_wrap=True).print(table)


LONG_TABLE = 500  # rows; rich measures every cell of a table, about 10 ms a row
LONGEST_WORD = 20  # characters of a word in the first column (the names) kept on one line
SHORT_WORD = 8  # characters of a word in the other columns kept on one line


def _widths(headers: list[str], cells: list[list[str]], room: int) -> list[int] | list[None]:
    """Column widths for a table in ``room`` terminal columns (None: rich chooses). When it is too
    narrow, the first column (the names) keeps its longest word (up to ``LONGEST_WORD``) so names
    wrap between words; the widest of the others give way first, down to their longest word (up
    to ``SHORT_WORD``: numbers and dates stay whole), then further if they must."""
    words = [max(len(w) for row in cells for w in [*row[i].split(), ""]) for i in range(len(headers))]
    widths = [max(len(v) for v in [h, *(row[i] for row in cells)]) for i, h in enumerate(headers)]
    spare = room - 3 * len(headers) - 1  # borders and padding
    if sum(widths) <= spare:
        return [None] * len(headers)
    widths[0] = min(widths[0], max(len(headers[0]), min(LONGEST_WORD, words[0])))
    for least in (_least(headers, cells), [1] * len(words)):
        while sum(widths) > spare:
            i = max(range(1, len(widths)), key=lambda i: widths[i] - least[i], default=0)
            if not i or widths[i] <= least[i]:
                break
            widths[i] -= 1
    return widths


def _least(headers: list[str], cells: list[list[str]]) -> list[int]:
    """Each column's narrowest width that breaks no header word and no short word of a cell."""
    return [
        max(
            max(len(w) for w in h.split()),
            max((len(w) for row in cells for w in row[i].split() if len(w) <= SHORT_WORD), default=1),
        )
        for i, h in enumerate(headers)
    ]


def record_table(headers: list[str], cells: list[list[str]], room: int, title: str | None = None) -> None:
    """A table too wide for the terminal, as one block per row: each header beside its value,
    long values wrapped between words (as psql's expanded display)."""
    import textwrap

    label = max(map(len, headers))
    lines = [title] if title else []
    for n, row in enumerate(cells, 1):
        lines.append(f"── {n} " + "─" * max(0, min(room, 40) - len(str(n)) - 4))
        for h, value in zip(headers, row):
            wrapped = textwrap.wrap(value, max(20, room - label - 2), break_on_hyphens=False) or [""]
            lines += [f"{h if i == 0 else '':<{label}}  {part}".rstrip() for i, part in enumerate(wrapped)]
    click.echo("\n".join(lines))


def plain_table(headers: list[str], cells: list[list[str]], title: str | None = None) -> None:
    """A long table as aligned columns, in time linear in its cells."""
    columns = [[c.replace("\n", " ") for c in column] for column in zip(*cells)]
    widths = [max(len(h), *map(len, column)) for h, column in zip(headers, columns)]
    line = "  ".join(f"{{:<{w}}}" for w in widths).format
    lines = [title] if title else []
    lines += [line(*headers).rstrip(), "  ".join("─" * w for w in widths)]
    lines += [line(*row).rstrip() for row in zip(*columns)]
    click.echo("\n".join(lines))


def names_in(ws, rows, fmt: str) -> dict[str, str]:
    """For the table format: the names of the entities whose ids the rows hold."""
    with names_while(ws, fmt, early=False) as names_of:
        return names_of(rows)


@contextmanager
def names_while(ws, fmt: str, early: bool = True) -> Iterator[Callable[[list[dict]], dict[str, str]]]:
    """For the table format: the names of the entities whose ids rows hold, read (``early``)
    beside a SPARQL query while it runs in its child process (``EntityNames``); for JSON and CSV,
    none."""
    from samverkan.export.table import EntityNames

    if fmt != "table":
        yield lambda _rows: {}
        return
    with EntityNames(ws) as names:
        yield (names.start() if early else names).of


def fail(message: str, code: int = 1) -> NoReturn:
    """Say on standard error what went wrong (``message`` is in the language in force) and exit."""
    click.echo(i18n._("error: {problem}", problem=message), err=True)
    sys.exit(code)


class Context:
    def __init__(self, workspace: str, progress: Progress | None = None):
        self.workspace_path = Path(workspace)
        self.progress = progress or Progress(quiet=True)

    @contextmanager
    def open(self, create: bool = False) -> Iterator[Workspace]:
        """The workspace, showing the steps of long work; the display ends with the block, so
        what the command prints after it is not taken into the display."""
        try:
            ws = Workspace.open(self.workspace_path, create=create)
        except WorkspaceError as e:
            fail(str(e))
        ws.progress = self.progress
        try:
            with ws:
                yield ws
        finally:
            self.progress.close()


pass_ctx = click.make_pass_decorator(Context)


def as_of_option(f):
    return click.option(
        "--as-of",
        type=click.DateTime(["%Y-%m-%d"]),
        default=None,
        help="The network as it stood on this day (YYYY-MM-DD); default today.",
    )(f)


def as_date(value) -> date:
    return value.date() if value else date.today()


@click.group(cls=SpokenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--workspace",
    "-w",
    envvar="SAMVERKAN_WORKSPACE",
    default=DEFAULT_WORKSPACE,
    show_default=True,
    help="Workspace folder (env SAMVERKAN_WORKSPACE).",
)
@click.option(
    "--lang",
    type=click.Choice(i18n.LANGS),
    envvar="SAMVERKAN_LANG",
    default=i18n.DEFAULT,
    show_default=True,
    is_eager=True,
    callback=speak,
    help="Language of reports, maps, tables, messages and help (env SAMVERKAN_LANG); "
    "JSON and CSV keep codes and ids.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="No progress display on long work (it shows only on a terminal anyway).",
)
@click.version_option(package_name="samverkan")
@click.pass_context
def main(ctx, workspace, lang, quiet):
    """samverkan: map who works with whom across departments, organisations and sectors."""
    ctx.obj = Context(workspace, Progress(quiet))
    ctx.call_on_close(ctx.obj.progress.close)


def run() -> NoReturn:
    """The ``samverkan`` command (:func:`command`), in a process that then ends at once (:func:`leave`)."""
    leave(command())


def command() -> int:
    """Run :func:`main` as the ``samverkan`` command, in a process that ends when the command does,
    so that what the command builds may be frozen out of the garbage collector's passes and kept
    to the end (:func:`samverkan.records.kept_alive`); its exit code."""
    from samverkan import records

    records.FREEZE = True
    try:
        main(prog_name="samverkan")
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        print(e.code, file=sys.stderr)  # sys.exit("message"), as Python does
        return 1
    return 0


def leave(code: int) -> NoReturn:
    """End the process with ``code`` without taking apart what the command built (the records and
    the network of a national workspace: 1.5 s, object by object): the exit handlers run, the
    standard streams are flushed, and then ``os._exit``."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader gone (``| head``), or a stream closed
            pass
    os._exit(code)


@main.command()
@pass_ctx
def init(ctx):
    """Create a workspace folder (see --workspace)."""
    with ctx.open(create=True) as ws:
        click.echo(i18n._("workspace ready at {path}", path=ws.path))


def _pairs(values, what):
    pairs = {}
    for value in values:
        key, sep, code = value.rpartition("=")
        if not sep or not key:
            fail(i18n._("--map-{what} takes NAME={what}, got {value!r}", what=what, value=value))
        pairs[key.strip()] = code.strip()
    return pairs


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--map-type",
    multiple=True,
    metavar="NAME=TYPE",
    help="Map a type in the file (e.g. a Kumu type) to one of samverkan's types.",
)
@click.option(
    "--map-relation",
    multiple=True,
    metavar="NAME=RELATION",
    help="Map a connection type in the file to one of samverkan's relations.",
)
@click.option(
    "--min-confidence",
    type=float,
    default=0.6,
    show_default=True,
    help="Documents: load only candidates at least this confident.",
)
@click.option(
    "--survey-map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Survey answers in a Forms export: the column map 'survey form' wrote.",
)
@pass_ctx
def load(ctx, paths, map_type, map_relation, min_confidence, survey_map):
    """Load spreadsheets (CSV folder, XLSX; template or Kumu layout), RDF, GraphML or GEXF files,
    or Swedish documents (txt, html, pdf, docx, or a web page's http(s) address: the actors and
    roles found in them).

    All files load or none: bad input is refused with file, sheet, row and column, and the
    workspace stays as it was. Loading an unchanged file again changes nothing.

    \b
    Example:
      samverkan load samverkan/examples/seeds
    """
    options = {
        "type_map": _pairs(map_type, "type"),
        "relation_map": _pairs(map_relation, "relation"),
        "min_confidence": min_confidence,
        "survey_map": survey_map,
    }
    with _undone_if_refused(ctx.workspace_path), ctx.open(create=True) as ws:
        try:
            rows = ws.load(paths, **options)
        except LoadError as e:
            fail(i18n._("nothing was loaded; the input has problems:\n{problems}", problems=e))
        view_error = ws.view_error
    from samverkan.export.words import loaded_line

    for row in rows:
        click.echo(loaded_line(row))
    if view_error:
        fail(str(view_error))


@contextmanager
def _undone_if_refused(path: Path) -> Iterator[None]:
    """A load that fails into a workspace it is creating leaves no trace: the folders and files
    the block made in or above ``path`` are removed again (what was there before stays)."""
    if (path / "samverkan.json").exists():
        yield
        return
    top = next((p for p in [*reversed(path.parents), path] if not p.exists()), None)
    before = set(os.listdir(path)) if top is None and path.is_dir() else None
    try:
        yield
    except SystemExit:
        if top is not None:
            shutil.rmtree(top, ignore_errors=True)
        elif before is not None:
            for made in (path / name for name in set(os.listdir(path)) - before):
                shutil.rmtree(made) if made.is_dir() else made.unlink()
        raise


@main.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def sources(ctx, fmt):
    """List the loaded sources with path, loader, SHA-256, time and counts."""
    with ctx.open() as ws:
        output(
            ws.sources(),
            fmt,
            ["name", "loader", "entities", "relations", "triples", "loaded_at", "path", "sha256"],
        )


@main.command()
@click.argument("name")
@pass_ctx
def unload(ctx, name):
    """Remove a source and exactly the facts it brought."""
    with ctx.open() as ws:
        try:
            source = ws.unload(name)
        except WorkspaceError as e:
            fail(str(e))
    click.echo(
        i18n._(
            "unloaded {name}: {triples}",
            name=source["name"],
            triples=i18n.n_("{n} triple", "{n} triples", source["triples"]),
        )
    )


STATS_GROUPS = {"type": "type", "sector": "sector", "relation": "relation", "total": "total"}
STATS_TOTALS = {"entities": "entities", "relations": "relations", "sources": "sources", "triples": "triples"}


def _stats_name(row: dict) -> str:
    """A count's name for people: the label of a type, sector or relation, or the word for a total."""
    return (
        i18n._(STATS_TOTALS[row["name"]])
        if row["group"] == "total"
        else i18n.label(row["name"], row["group"])
    )


@main.command()
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Count only what holds on this day (YYYY-MM-DD), as the analyses do; "
    "default: everything in the workspace.",
)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def stats(ctx, as_of, fmt):
    """Counts: entities by type and sector, relations by kind, sources, triples."""
    with ctx.open() as ws:
        data = ws.stats(as_of.date() if as_of else None)
    if fmt == "json":
        return output(data, fmt)
    rows = [
        {"group": group, "name": name, "count": count}
        for group, key in (
            ("type", "entities_by_type"),
            ("sector", "entities_by_sector"),
            ("relation", "relations_by_kind"),
        )
        for name, count in data[key].items()
    ]
    rows += [
        {"group": "total", "name": k, "count": data[k]}
        for k in ("entities", "relations", "sources", "triples")
    ]
    title = None
    if fmt == "table":
        rows = [
            {"group": i18n._(STATS_GROUPS[r["group"]]), "name": _stats_name(r), "count": r["count"]}
            for r in rows
        ]
        title = i18n._("as of {day}", day=data["as_of"]) if "as_of" in data else None
    output(rows, fmt, ["group", "name", "count"], title=title)


@main.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def validate(ctx, fmt):
    """Check the workspace against the SHACL shapes; exit 1 if anything violates them."""
    with ctx.open() as ws:
        violations = ws.validate()
        rows = [
            {"focus": v.focus, "path": v.path, "message": v.message, "severity": v.severity}
            for v in violations
        ]
        names = names_in(ws, rows, fmt)
    if not violations:
        click.echo(i18n._("the workspace conforms to the shapes"))
        return
    if fmt == "table":  # a SHACL path is a property: people read the relation's label
        rows = [
            {"focus": r["focus"], "property": r["path"], "message": r["message"], "severity": r["severity"]}
            for r in rows
        ]
    output(rows, fmt, names=names)
    click.echo(i18n.n_("{n} violation", "{n} violations", len(violations)), err=True)
    sys.exit(1)


def persons_option(f):
    return click.option(
        "--persons",
        type=click.Choice(PERSON_MODES),
        default="show",
        show_default=True,
        help="Persons are personal data: show names, or replace them in every string by "
        "initials, a hidden mark, or their role (ids become keyed pseudonyms).",
    )(f)


@main.command("export")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(sorted(EXPORTERS)),
    help="ttl, jsonld (sources merged); trig, nq (sources as named graphs); graphml, gexf "
    "(Gephi); csv (the template, a folder); kumu (xlsx); cypher (MERGE script); "
    "neo4j-admin (import CSVs, a folder).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="File or folder to write; default: print to stdout (single-file formats).",
)
@persons_option
@pass_ctx
def export_command(ctx, fmt, out, persons):
    """Export the workspace in an exchange format.

    \b
    Examples:
      samverkan export --format gexf --out network.gexf
      samverkan export --format csv --out template/ --persons initials
    """
    import tempfile

    if out is None and fmt in FOLDER_FORMATS:
        fail(i18n._("--format {format} writes a folder: give --out DIR", format=fmt))
    with ctx.open() as ws:
        if out is not None:
            try:
                export(ws, fmt, out, persons=persons)
            except OSError as e:
                _cannot_write(out, e)
            click.echo(i18n._("wrote {path}", path=out), err=True)
            return
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / f"export.{fmt}"
            export(ws, fmt, target, persons=persons)
            sys.stdout.buffer.write(target.read_bytes())


def _cannot_write(out: Path, e: OSError):
    fail(i18n._("cannot write {path}: {reason}", path=out, reason=e.strerror or e))


@main.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("samverkan-demo"),
    show_default=True,
    help="Folder for the demo workspace and its outputs.",
)
def demo(out):
    """Build a workspace from the bundled example (made from five Swedish texts) and write
    the statistics, the Turtle export and the analyses into --out."""
    from samverkan.demo import run_demo

    run_demo(out, echo=click.echo)


def level_option(f):
    return click.option(
        "--level",
        type=click.Choice(["organisation", "person"]),
        default="organisation",
        show_default=True,
        help="Organisations only, or persons and organisations together.",
    )(f)


def by_option(f):
    PARTITIONS = _literal("network.boundaries", "PARTITIONS")  # without importing the analyses

    return click.option(
        "--by",
        type=click.Choice(list(PARTITIONS)),
        default="sector",
        show_default=True,
        help="The boundary: sector, type, top organisation, level or place.",
    )(f)


def scope_option(f):
    return click.option(
        "--scope",
        "scope",
        multiple=True,
        metavar="ID",
        help="Only findings about this organisation, its units and their partners (repeatable).",
    )(f)


def evidence_option(f):
    return click.option(
        "--evidence",
        type=click.Choice(["all", "documents", "survey"]),
        default="all",
        show_default=True,
        help="Which facts tie: every source, all but survey answers, or survey answers alone.",
    )(f)


def weight_option(f):
    return click.option(
        "--weight-by",
        "weight",
        type=click.Choice(["reasons", "frequency", "level"]),
        default="reasons",
        show_default=True,
        help="A tie's weight: its number of reasons, or the highest frequency or level "
        "a survey answer reports.",
    )(f)


def _headed(rows: list[dict], columns: dict[str, str], fmt: str) -> None:
    """Print ``rows``: a table has headers in the language in force, CSV keeps the codes."""
    if fmt == "table":
        shown = lambda v: i18n.number(v, 4) if isinstance(v, float) else v  # noqa: E731
        rows = [{columns[k]: shown(row.get(k)) for k in columns} for row in rows]
        return output(rows, fmt, list(columns.values()))
    output(_rounded(rows), fmt, list(columns))


def _cell_name(net, by: str, cell: str) -> str:
    return i18n.label(cell, by) if by in ("sector", "type") else net.name(cell)


@main.command()
@by_option
@as_of_option
@level_option
@scope_option
@evidence_option
@click.option("--weighted", is_flag=True, help="Count each tie by its weight (see --weight-by).")
@weight_option
@click.option(
    "--permutations",
    type=int,
    default=1000,
    show_default=True,
    help="Random relabellings for the expected E-I index and its p-value.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def boundaries(ctx, by, as_of, level, scope, evidence, weighted, weight, permutations, seed, fmt):
    """Ties within and across the cells of a partition, and Krackhardt-Stern's E-I index,
    as of --as-of (default today).

    \b
    Example:
      samverkan boundaries --by sector --weighted --format json
    """
    with ctx.open() as ws:
        net = _network(ws, as_of, level, scope, evidence, weight)
        ctx.progress(i18n._("counting the ties within and across the groups"))
        result = net.boundaries(by, weighted or weight != "reasons", permutations=permutations, seed=seed)
    if fmt == "json":
        return output(result, fmt)
    rows = [{"cell": c, "name": _cell_name(net, by, c), **v} for c, v in result["cells"].items()]
    total = lambda key: sum(v[key] for v in result["cells"].values())  # noqa: E731
    rows.append(
        {
            "cell": "",
            "name": i18n._("(all)"),
            "members": total("members"),
            "internal": total("internal"),
            "external": total("external") // 2,
            "ei_index": result["ei_index"],
            "expected": result["expected"],
            "p_value": result["p_value"],
        }
    )
    columns = {
        "name": i18n._("cell"),
        "members": i18n._("members"),
        "internal": i18n._("internal"),
        "external": i18n._("external"),
        "ei_index": i18n._("E-I index"),
        "expected": i18n._("expected"),
        "p_value": i18n._("p-value"),
    }
    _headed(rows, columns if fmt == "table" else {"cell": "cell", **columns}, fmt)


def _network(ws, as_of, level: str = "organisation", scope=(), evidence="all", weight="reasons"):
    """The network of the workspace as of a day (default today), cut to ``scope``."""
    try:
        return ws.network(as_date(as_of), level, scope, evidence, weight)
    except ValueError as e:
        fail(str(e))


def _rounded(rows):
    return [{k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()} for row in rows]


@main.command()
@by_option
@as_of_option
@level_option
@scope_option
@evidence_option
@click.option("--top", type=int, default=None, help="Only the N highest by betweenness.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def brokers(ctx, by, as_of, level, scope, evidence, top, fmt):
    """Betweenness (normalised, and raw in JSON and CSV), Burt's constraint and effective size,
    and Gould-Fernandez brokerage roles, as of --as-of (default today)."""
    with ctx.open() as ws:
        net = _network(ws, as_of, level, scope, evidence)
        ctx.progress(i18n._("finding the brokers"))
        rows = net.brokers(by, top)
    if fmt == "json":
        return output(rows, fmt)
    flat = [{**{k: v for k, v in r.items() if k != "brokerage"}, **r["brokerage"]} for r in rows]
    columns = {
        "name": i18n._("actor"),
        "betweenness": i18n._("betweenness (normalised)"),
        "betweenness_raw": i18n._("betweenness (raw)"),
        "constraint": i18n._("constraint"),
        "effective_size": i18n._("effective size"),
        "coordinator": i18n._("coordinator"),
        "itinerant": i18n._("itinerant"),
        "representative": i18n._("representative"),
        "liaison": i18n._("liaison"),
    }
    _headed(flat, columns if fmt == "table" else {"id": "id", **columns}, fmt)


@main.command()
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(GAP_KINDS), help="Only these kinds (repeatable)."
)
@click.option("--top", type=int, default=None, help="Only the N best findings (highest score).")
@as_of_option
@scope_option
@evidence_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def gaps(ctx, kinds, top, as_of, scope, evidence, fmt):
    """Where collaboration is missing, as of --as-of (default today), best first: silo pairs,
    sector gaps, single-sector projects, bridges, articulation points, key persons, isolated
    actors, actors the sources give no relation, suggested partners, fading and lost ties.
    Each finding has a score (higher = more worth acting on) and says why.

    \b
    Example:
      samverkan gaps --top 10 --scope trollhattans-stad
    """
    with ctx.open() as ws:
        net = _network(ws, as_of, scope=scope, evidence=evidence)
        ctx.progress(i18n._("looking for gaps"))
        rows = net.gaps(kinds or None, top)
    if fmt == "json":
        return output(rows, fmt)
    from samverkan.network.gaps import kind_label

    rows = [{**r, "label": kind_label(r["kind"])} for r in rows]
    columns = {
        "score": i18n._("score"),
        "label": i18n._("kind"),
        "detail": i18n._("finding"),
        "why": i18n._("why"),
    }
    if fmt == "csv":
        columns = {
            "kind": "kind",
            "entities": "entities",
            "names": "names",
            "score": "score",
            "detail": "detail",
            "why": "why",
        }
    _headed(rows, columns, fmt)


@main.command()
@click.option(
    "--from", "start", type=click.DateTime(["%Y-%m-%d"]), required=True, help="The earlier day (YYYY-MM-DD)."
)
@click.option(
    "--to",
    "end",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The later day (YYYY-MM-DD); default today.",
)
@scope_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def changes(ctx, start, end, scope, fmt):
    """Ties new, ended and fading, and actors started and ended, between two days, with the
    projects and quotes behind them.

    \b
    Example:
      samverkan changes --from 2024-01-01 --to 2025-01-01 --format json
    """
    from samverkan.network import changes as compare
    from samverkan.network.change import rows

    with ctx.open() as ws:
        try:
            result = compare(ws.records(), start.date(), as_date(end), scope)
        except ValueError as e:
            fail(str(e))
    if fmt == "json":
        return output(result, fmt)
    columns = {
        "change": i18n._("change"),
        "names": i18n._("actors"),
        "behind": i18n._("behind it"),
        "quote": i18n._("quote"),
    }
    _headed(rows(result), columns if fmt == "table" else {"code": "change", "ids": "ids", **columns}, fmt)


def view_options(f):
    """Options shared by map and figure: what part of the network to show, and as of when."""
    f = click.option("--focus", default=None, metavar="ID", help="Show only the actors around this one.")(f)
    f = click.option("--depth", type=int, default=1, show_default=True, help="Ties from --focus.")(f)
    f = click.option(
        "--level",
        type=click.Choice(["organisation", "person", "sector"]),
        default="organisation",
        show_default=True,
        help="Actors to draw; sector collapses them into one node per sector.",
    )(f)
    f = click.option("--title", default="Samverkan", show_default=True)(f)
    return persons_option(as_of_option(f))


@main.command("map")
@click.option("--out", type=click.Path(path_type=Path), default=Path("map.html"), show_default=True)
@click.option(
    "--color-by",
    type=click.Choice(["sector", "type", "community", "organisation"]),
    default="sector",
    show_default=True,
)
@click.option(
    "--size-by", type=click.Choice(["betweenness", "degree"]), default="betweenness", show_default=True
)
@view_options
@scope_option
@evidence_option
@weight_option
@pass_ctx
def map_command(
    ctx, out, color_by, size_by, focus, depth, level, title, as_of, persons, scope, evidence, weight
):
    """An interactive map in one HTML file that works offline: search, filters, tooltips.

    \b
    Example:
      samverkan map --out map.html --focus trollhattans-stad --depth 2
    """
    from samverkan.export.map import write_map

    with ctx.open() as ws:
        try:
            write_map(
                ws,
                out,
                persons=persons,
                as_of=as_date(as_of),
                level=level,
                color_by=color_by,
                size_by=size_by,
                focus=focus,
                depth=depth,
                title=title,
                scope=scope,
                evidence=evidence,
                weight=weight,
            )
        except ValueError as e:
            fail(str(e))
        except OSError as e:
            _cannot_write(out, e)
    click.echo(i18n._("wrote {path}", path=out))


@main.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("figure.svg"),
    show_default=True,
    help="SVG, PNG or PDF, from the suffix.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same layout.")
@view_options
@pass_ctx
def figure(ctx, out, seed, focus, depth, level, title, as_of, persons):
    """A print-quality network figure for reports."""
    from samverkan.export.figure import write_figure

    if out.suffix.casefold() not in (".svg", ".png", ".pdf"):
        fail(_wrong_suffix(out, ".svg, .png, .pdf"))
    with ctx.open() as ws:
        try:
            write_figure(
                ws,
                out,
                persons=persons,
                as_of=as_date(as_of),
                level=level,
                focus=focus,
                depth=depth,
                seed=seed,
                title=title,
            )
        except ValueError as e:
            fail(str(e))
        except OSError as e:
            _cannot_write(out, e)
    click.echo(i18n._("wrote {path}", path=out))


@main.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="report.html (one self-contained file) or report.docx.",
)
@click.option("--public", is_flag=True, help="For publication: persons shown by role only.")
@click.option("--title", default=None, help="The report's title (default: Samverkan: rapport).")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Add a section on what changed since this day (YYYY-MM-DD).",
)
@as_of_option
@scope_option
@persons_option
@pass_ctx
def report(ctx, out, public, title, since, as_of, scope, persons):
    """A report as of --as-of (default today) that opens with what to do: the best findings with
    why and evidence, then the figure, then changes (--since), boundaries, brokers, every finding,
    counts and sources. Swedish by default, English with --lang en.

    \b
    Example:
      samverkan report --out rapport.docx --scope trollhattans-stad --since 2024-01-01
    """
    from samverkan.export.report import write_report

    if out.suffix.casefold() not in (".html", ".docx"):
        fail(_wrong_suffix(out, ".html, .docx"))
    with ctx.open() as ws:
        try:
            write_report(
                ws,
                out,
                as_of=as_date(as_of),
                persons=persons,
                public=public,
                title=title,
                scope=scope,
                since=since.date() if since else None,
            )
        except ValueError as e:
            fail(str(e))
        except OSError as e:
            _cannot_write(out, e)
    full_list = out.with_name(f"{out.stem}-findings.csv")  # every finding, when the report lists the best
    for path in (out, full_list) if full_list.exists() else (out,):
        click.echo(i18n._("wrote {path}", path=path))


def _wrong_suffix(out: Path, suffixes: str) -> str:
    return i18n._(
        "--out must end in one of {suffixes}, not {suffix}",
        suffixes=suffixes,
        suffix=repr(out.suffix) if out.suffix else i18n._("nothing"),
    )


def _text_or_file(text: str) -> str:
    """A query given inline, or as @file."""
    if text.startswith("@"):
        try:
            return Path(text[1:]).read_text(encoding="utf-8")
        except OSError as e:
            fail(i18n._("cannot read {path}: {reason}", path=text[1:], reason=e.strerror or e))
    return text


def timeout_option(f):
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=60,
        show_default=True,
        metavar="SECONDS",
        help="Stop the query after this many seconds.",
    )(f)


def uri_options(f):
    f = click.option(
        "--uri",
        default=None,
        metavar="bolt://HOST:PORT",
        help="Run on a Neo4j server (password from SAMVERKAN_NEO4J_PASSWORD).",
    )(f)
    f = click.option("--user", default=None, help="Neo4j user (default neo4j when a password is set).")(f)
    return click.option("--database", default=None, help="Neo4j database.")(f)


@main.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def queries(fmt):
    """List the named queries (each as SPARQL and Cypher) with their parameters."""
    from samverkan.queries.named import library

    output(
        [
            {
                "name": q.name,
                "parameters": ", ".join(
                    f"{p.name}:{p.type}"
                    + (f"({p.bounds[0]}-{p.bounds[1]})" if p.bounds else "")
                    + (f"={p.default}" if p.default else "")
                    for p in q.parameters
                ),
                "description": i18n._(q.description) if fmt == "table" else q.description,
            }
            for q in library().values()
        ],
        fmt,
    )


@main.command()
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A parameter (repeatable).")
@click.option("--engine", type=click.Choice(["sparql", "cypher"]), default="sparql", show_default=True)
@click.option("--endpoint", default=None, help="Run the SPARQL on a remote endpoint instead.")
@uri_options
@timeout_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def query(ctx, name, params, engine, endpoint, uri, user, database, timeout, fmt):
    """Run a named query on either engine; both give the same rows.

    \b
    Example:
      samverkan query ego_network --param id=trollhattans-stad --param depth=2 --engine cypher
    """
    from samverkan.queries.named import run

    given, names = {}, {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            fail(i18n._("--param takes KEY=VALUE, got {value!r}", value=item))
        given[key] = value
    try:
        if (engine == "cypher" and uri) or (engine == "sparql" and endpoint):
            rows = run(
                None,
                name,
                given,
                engine,
                uri=uri,
                endpoint=endpoint,
                user=user,
                database=database,
                timeout=timeout,
            )
        else:
            with ctx.open() as ws, names_while(ws, fmt, early=engine == "sparql") as names_of:
                rows = run(ws, name, given, engine, timeout=timeout)
                names = names_of(rows)
    except QueryTimeout as e:
        fail(str(e), 3)
    except (ValueError, RuntimeError, WorkspaceError) as e:
        fail(str(e))
    output(rows, fmt, names=names)


@main.command()
@click.argument("text", metavar="QUERY|@FILE")
@click.option("--update", is_flag=True, help="Allow a SPARQL Update (the store is read-only otherwise).")
@click.option("--endpoint", default=None, help="A remote SPARQL 1.1 query endpoint.")
@timeout_option
@click.option("--allow-service", is_flag=True, help="Allow SERVICE (calls to other servers from the query).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def sparql(ctx, text, update, endpoint, timeout, allow_service, fmt):
    """Run SPARQL: SELECT and ASK print rows; CONSTRUCT and DESCRIBE print Turtle.

    The default graph is the union of the sources (with the ontology); source metadata is in
    GRAPH <https://w3id.org/samverkan/graph/meta>. Prefixes sv, org, foaf, schema, skos, dct,
    prov, oa, ... are predeclared. A query stops after --timeout seconds (or at Ctrl-C) and calls
    no other server unless --allow-service. An update that would change the source metadata or
    the merge decisions is refused.
    """
    import pyoxigraph as ox

    from samverkan.ontology import PREFIXES
    from samverkan.queries.named import rows_of, solution_rows

    text = _text_or_file(text)
    if endpoint:
        from samverkan.graph import endpoint as remote

        try:
            if _kind(text) in ("CONSTRUCT", "DESCRIBE"):
                sys.stdout.buffer.write(remote.graph(endpoint, text, timeout))
                return
            columns, rows = remote.select(endpoint, text, timeout)
        except RuntimeError as e:
            fail(str(e))
        return output(rows_of(columns, rows), fmt)
    if (
        _kind(text) in ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
        and not update
    ):
        fail(i18n._("this is a SPARQL Update; add --update to change the workspace"))
    with ctx.open() as ws, names_while(ws, fmt, early=not update) as names_of:
        try:
            result = ws.sparql(text, update=update, timeout=timeout, allow_service=allow_service)
        except QueryRefused as e:
            fail(str(e))
        except QueryTimeout as e:
            fail(str(e), 3)
        except (SyntaxError, ValueError, OSError) as e:
            fail(i18n._("SPARQL: {error}", error=e))
        if update:
            click.echo(i18n._("updated"), err=True)
            return
        if isinstance(result, ox.QueryBoolean):
            return output([{"ask": bool(result)}], fmt)
        if not isinstance(result, (ox.QuerySolutions, bytes)):  # the triples of a CONSTRUCT or DESCRIBE
            sys.stdout.buffer.write(
                ox.serialize(
                    result, format=ox.RdfFormat.TURTLE, prefixes={k: str(v) for k, v in PREFIXES.items()}
                )
            )
            return
        columns, rows = solution_rows(result)
        output(rows, fmt, columns, names=names_of(rows))


def _kind(text: str) -> str:
    """The first keyword after the prologue of a SPARQL text."""
    import re

    body = re.sub(r"(?im)^\s*(#.*|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*$", "", text)
    match = re.search(r"[A-Za-z]+", body)
    return match.group(0).upper() if match else ""


@main.command()
@click.argument("text", metavar="QUERY|@FILE")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A string parameter $KEY.")
@uri_options
@timeout_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def cypher(ctx, text, params, uri, user, database, timeout, fmt):
    """Run Cypher on the workspace's embedded LadybugDB, or on a Neo4j server with --uri.

    The embedded database is a read-only view of the RDF store, rebuilt when it is out of date:
    statements that write or touch files (CREATE, SET, DELETE, COPY, LOAD FROM, ...) are refused.
    A query stops after --timeout seconds (or at Ctrl-C).
    """
    from samverkan.queries.named import rows_of

    text = _text_or_file(text)
    given, names = dict(item.partition("=")[::2] for item in params), {}
    try:
        if uri:
            from samverkan.graph.bolt import query as bolt_query

            columns, rows = bolt_query(uri, text, given, user=user, database=database, timeout=timeout)
        else:
            with ctx.open() as ws:
                columns, rows = ws.cypher(text, given, timeout=timeout)
                names = names_in(ws, rows_of(columns, rows), fmt)
    except (QueryRefused, WorkspaceError) as e:
        fail(str(e))
    except QueryTimeout as e:
        fail(str(e), 3)
    except Exception as e:  # the engines raise their own kinds for a bad query
        fail(i18n._("Cypher: {error}", error=e))
    output(rows_of(columns, rows), fmt, columns, names=names)


@main.command()
@pass_ctx
def rebuild(ctx):
    """Rebuild the Cypher view from the RDF store (any command that needs it does so when it is
    missing or out of date; this forces it).

    \b
    Example:
      samverkan rebuild
    """
    with ctx.open() as ws:
        try:
            ws.rebuild_view()
        except WorkspaceError as e:
            fail(str(e))
        click.echo(i18n._("The Cypher view was rebuilt from the store."))


@main.command()
@uri_options
@click.option(
    "--batch-size",
    type=int,
    default=1000,
    show_default=True,
    help="Rows per UNWIND (FalkorDB's Bolt endpoint needs small batches).",
)
@click.option("--sparql-endpoint", default=None, help="A SPARQL 1.1 Update endpoint to write the sources to.")
@pass_ctx
def push(ctx, uri, user, database, batch_size, sparql_endpoint):
    """Write the workspace into Neo4j (--uri bolt://...) or a SPARQL endpoint (--sparql-endpoint)."""
    if not uri and not sparql_endpoint:
        fail(i18n._("give --uri bolt://HOST:PORT or --sparql-endpoint URL"))
    with ctx.open() as ws:
        try:
            if uri:
                from samverkan.graph.bolt import push as bolt_push

                sent = bolt_push(
                    ws.records(), uri, user, database, batch_size, progress=lambda m: click.echo(m, err=True)
                )
                click.echo(
                    i18n._(
                        "pushed {nodes} nodes and {relationships} relationships to {uri}",
                        nodes=sent["nodes"],
                        relationships=sent["relationships"],
                        uri=uri,
                    )
                )
            if sparql_endpoint:
                from samverkan.graph.endpoint import push as sparql_push

                sent = sparql_push(ws, sparql_endpoint)
                click.echo(
                    i18n._(
                        "pushed {triples} triples in {graphs} graphs to {endpoint}",
                        triples=sent["triples"],
                        graphs=sent["graphs"],
                        endpoint=sparql_endpoint,
                    )
                )
        except Exception as e:  # driver and HTTP errors
            fail(str(e))


@main.command()
@click.option("--threshold", type=float, default=85, show_default=True, help="Lowest score (0-100) to list.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def duplicates(ctx, threshold, fmt):
    """Candidate pairs of entities that may be one, with a score and the reason.

    Pairs marked `linked: automatic` are surely one (the same name, of a kind whose names are
    unique in the country) and are already folded together; `samverkan distinct A B` keeps them
    apart. The others wait for a decision: `samverkan merge A B` or `samverkan distinct A B`.
    """
    from samverkan.graph.mapping import from_quads
    from samverkan.identity import candidates, sure_pairs

    with ctx.open() as ws:
        records, decisions = from_quads(ws.source_quads()), ws.decisions()
        sure = {frozenset(p) for p in sure_pairs(records, decisions)}
        rows = [
            dict(row, linked="automatic" if frozenset((row["a"], row["b"])) in sure else "")
            for row in candidates(records, decisions, threshold)
        ]
    output(rows, fmt, ["a", "b", "a_name", "b_name", "score", "reason", "linked"])


def _decide(ctx, a: str, b: str, same: bool) -> None:
    with ctx.open() as ws:
        try:
            ws.decide(a, b, same=same)
        except WorkspaceError as e:
            fail(str(e))


@main.command()
@click.argument("keep")
@click.argument("merged")
@pass_ctx
def merge(ctx, keep, merged):
    """Record that MERGED is the same entity as KEEP (kept across reloads, exported with the data)."""
    _decide(ctx, keep, merged, same=True)
    click.echo(i18n._("{merged} is now part of {keep}", merged=merged, keep=keep))


@main.command()
@click.argument("a")
@click.argument("b")
@pass_ctx
def distinct(ctx, a, b):
    """Record that A and B are two entities, so they are no longer proposed as duplicates."""
    _decide(ctx, a, b, same=False)
    click.echo(i18n._("{a} and {b} are recorded as distinct", a=a, b=b))


@main.command()
@click.argument("sources", nargs=-1, required=True, metavar="FILE_OR_URL...")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="review.xlsx, or a folder for entities.csv and relations.csv.",
)
def extract(sources, out):
    """Find actors, projects, places, themes and their relations in Swedish documents (txt, html,
    pdf, docx) or web pages (an http or https address) and write them for review: the template
    with `accept` (pre-filled ja for confident candidates), `confidence` and `span`; `load` the
    sheet after.

    \b
    Example:
      samverkan extract nyhet.txt https://www.example.se/projekt --out review.xlsx
    """
    from samverkan.extract import extract as find
    from samverkan.extract import web, write_review
    from samverkan.extract.documents import main_text
    from samverkan.i18n import _
    from samverkan.records import Records

    found = Records()
    try:
        for source in sources:
            name = source if web.is_address(source) else Path(source).name
            records = find(main_text(source), name)
            found.entities += records.entities
            found.relations += records.relations
    except LoadError as e:
        fail(str(e))
    write_review(found, out)  # one row per candidate and document, so every document keeps its quote
    click.echo(
        _(
            "wrote {out}: {entities} candidate entities and {relations} relations",
            out=out,
            entities=len(found.entities),
            relations=len(found.relations),
        )
    )


@main.group()
def survey():
    """Partner surveys (after PARTNER): a questionnaire from the workspace, and what the answers
    say. Answers load with `samverkan load svar.csv` (long shape) or
    `samverkan load svar.csv --survey-map enkät.columns.csv` (a Forms or Netigate export)."""


@survey.command("form")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="enkät.xlsx (to fill in), enkät.docx (to print) or enkät.csv (grid questions for Forms).",
)
@click.option(
    "--scope",
    "scope",
    multiple=True,
    metavar="ID",
    help="Only this organisation, its units and their partners (repeatable).",
)
@pass_ctx
def survey_form(ctx, out, scope):
    """Write a questionnaire about the organisations in the workspace, and beside it the column
    map that reads a Forms export back (<out>.columns.csv).

    \b
    Example:
      samverkan survey form --scope trollhattans-stad --out enkät.xlsx
    """
    from samverkan.export.survey_form import organisations, write_form

    with ctx.open() as ws:
        try:
            orgs = organisations(ws.records(), list(scope))
            written = write_form(orgs, out)
        except ValueError as e:
            fail(str(e))
    click.echo(i18n._("wrote {files}: {n} organisations", files=", ".join(map(str, written)), n=len(orgs)))


def _survey_name(records, name):
    from samverkan.network.survey import surveys

    names = surveys(records)
    if not names:
        fail(i18n._("no survey answers are loaded"))
    if name is None:
        return names[-1]
    if name not in names:
        fail(i18n._("no survey named {name!r}; loaded: {names}", name=name, names=", ".join(names)))
    return name


@survey.command("summary")
@click.option("--survey", "name", default=None, help="The survey's name (default: the last loaded by name).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def survey_summary(ctx, name, fmt):
    """Response rate, density, degree centralisation, reciprocity, and trust and value per
    organisation and for the network (PARTNER's scores, 1–4 and as % of 4).

    \b
    Example:
      samverkan survey summary --format json
    """
    from samverkan.network.survey import summary

    with ctx.open() as ws:
        records = ws.records()
        result = summary(records, _survey_name(records, name))
    if fmt == "json":
        output(result, fmt)
        return
    names = {e.id: e.name for e in records.entities}
    rows = [
        {"organisation": o, "trust": result["trust"].get(o), "value": result["value"].get(o)}
        for o in sorted({*result["trust"], *result["value"]})
    ]
    if fmt == "csv":
        output(
            [
                {
                    "id": r["organisation"],
                    "name": names.get(r["organisation"]),
                    "trust": (r["trust"] or {}).get("mean"),
                    "value": (r["value"] or {}).get("mean"),
                }
                for r in rows
            ],
            fmt,
        )
        return
    from samverkan.export.words import percent, survey_lines

    for line in survey_lines(result, names):
        click.echo(line)
    output(
        [
            {
                i18n._("organisation"): names.get(r["organisation"], r["organisation"]),
                i18n._("trust"): percent(r["trust"]),
                i18n._("value"): percent(r["value"]),
            }
            for r in rows
        ],
        fmt,
    )


@survey.command("changes")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_ctx
def survey_changes(ctx, old, new, fmt):
    """Compare two waves of a survey: ties new, ended, strengthened, weakened; trust and value
    up or down.

    \b
    Example:
      samverkan survey changes svar-2025 svar-2027
    """
    from samverkan.network.survey import compare

    with ctx.open() as ws:
        records = ws.records()
        for name in (old, new):
            _survey_name(records, name)
        result = compare(records, old, new)
    if fmt == "json":
        output(result, fmt)
        return
    names = {e.id: e.name for e in records.entities}
    kinds = {
        "new": i18n._("new"),
        "ended": i18n._("ended"),
        "strengthened": i18n._("strengthened"),
        "weakened": i18n._("weakened"),
    }
    rows = [{"change": kind, "a": a, "b": b} for kind in kinds for a, b in result["ties"][kind]]
    if fmt == "csv":
        output(rows, fmt, columns=["change", "a", "b"])
        return
    output(
        [
            {
                i18n._("tie"): kinds[r["change"]],
                i18n._("between"): f"{names.get(r['a'], r['a'])} – {names.get(r['b'], r['b'])}",
            }
            for r in rows
        ],
        fmt,
    )


@main.command()
@click.option("--port", type=int, default=8765, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; any other than loopback needs a token (one is made if not given).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the explorer in the web browser.")
@click.option("--read-only", is_flag=True, help="Refuse every change (edits, reviews, saved views).")
@click.option(
    "--token", default=None, help="Every request must carry this token (?token=… once, then a cookie)."
)
@pass_ctx
def serve(ctx, port, host, open_browser, read_only, token):
    """Explore the workspace in the web browser: the network, search, evidence, findings,
    questions, review and edits. Other commands keep working while it runs."""
    from samverkan import records
    from samverkan.serve import prepare, run

    records.FREEZE = False  # a long-running server drops what it builds: the collector must see it
    token = prepare(host, token)

    def ready(url):
        click.echo(i18n._("The explorer runs at {url} (Ctrl+C stops it)", url=url))
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    try:
        run(ctx.workspace_path, host, port, read_only, token, on_ready=ready)
    except WorkspaceError as e:
        fail(str(e))


# -- commands end --
