"""The command line: parse, call the library, print. Every command is documented in --help."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import click

from samverkan import Workspace, WorkspaceError

DEFAULT_WORKSPACE = ".samverkan"
FORMATS = click.Choice(["table", "json", "csv"])


def output(rows, fmt: str, columns: list[str] | None = None, title: str | None = None) -> None:
    """Print ``rows`` (a list of dicts, or any JSON-able value for json) as a table, JSON or CSV."""
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

    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c)
    for row in rows:
        table.add_row(*(cell(row.get(c)) for c in columns), )
    Console(soft_wrap=True).print(table)


def fail(message: str, code: int = 1):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


class Context:
    def __init__(self, workspace: str):
        self.workspace_path = Path(workspace)

    def open(self, create: bool = False) -> Workspace:
        try:
            return Workspace.open(self.workspace_path, create=create)
        except WorkspaceError as e:
            fail(str(e))


pass_ctx = click.make_pass_decorator(Context)


def as_of_option(f):
    return click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None,
                        help="The network as it stood on this day (YYYY-MM-DD); default today.")(f)


def as_date(value) -> date:
    return value.date() if value else date.today()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--workspace", "-w", envvar="SAMVERKAN_WORKSPACE", default=DEFAULT_WORKSPACE,
              show_default=True, help="Workspace folder (env SAMVERKAN_WORKSPACE).")
@click.version_option(package_name="samverkan")
@click.pass_context
def main(ctx, workspace):
    """samverkan: map who works with whom across departments, organisations and sectors."""
    ctx.obj = Context(workspace)


# -- commands end --
