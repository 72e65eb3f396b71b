"""Read a spreadsheet — a folder of CSV files or one XLSX workbook — into named tables.

A table is a list of rows (dicts keyed by the header as written), each row remembering its
:class:`~samverkan.records.Origin` (file, sheet, row as a spreadsheet program numbers it).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from samverkan.i18n import _
from samverkan.loaders import fields
from samverkan.records import LoadError, Origin


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[tuple[Origin, dict[str, str]]]
    file: str
    sheet: str | None

    def origin(self, column: str | None = None) -> Origin:
        return Origin(self.file, self.sheet, None, column)


def read_tables(path: Path) -> dict[str, Table]:
    """Tables by lower-cased name: CSV files in a folder, or the sheets of an XLSX workbook."""
    path = Path(path)
    try:
        if path.is_dir():
            return {p.stem.casefold(): _read_csv(p) for p in sorted(path.glob("*.csv"))}
        if path.suffix.casefold() == ".csv":
            return {path.stem.casefold(): _read_csv(path)}
        return _read_xlsx(path)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError) as e:
        if isinstance(e, LoadError):
            raise
        raise LoadError([(Origin(str(path)), _("cannot read the file: {error}", error=e))]) from e


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(name, header, raw_rows, file, sheet, cell: Callable[[Any], str] = _cell) -> Table:
    """The rows of a table by its header; ``cell`` makes a cell's value text (a CSV's cells are
    text already: ``str.strip``)."""
    header = [cell(h) for h in header]
    problems = _unsafe(Origin(file, sheet, 1), {h: h for h in header})
    rows = []
    named = all(header)  # every column named: a row is its header zipped with its cells
    for number, raw in raw_rows:
        values = list(map(cell, raw))
        if not any(values):
            continue
        if len(values) > len(header) and any(values[len(header) :]):
            raise LoadError(
                [
                    (
                        Origin(file, sheet, number),
                        _(
                            "the row has {cells} cells but the header has {columns}",
                            cells=len(values),
                            columns=len(header),
                        ),
                    )
                ]
            )
        row = dict(zip(header, values)) if named else {h: v for h, v in zip(header, values) if h}
        rows.append((Origin(file, sheet, number), row))
        problems += _unsafe(*rows[-1])
    if problems:
        raise LoadError(problems)
    return Table(name, header, rows, file, sheet)


def _unsafe(origin: Origin, row: dict[str, str]) -> list[tuple[Origin, str]]:
    """The cells of a row that cannot be stored and exported (:func:`fields.check_text`)."""
    values = row.values()
    if max(map(len, values), default=0) <= fields.MAX_TEXT and not fields.CONTROL.search("\t".join(values)):
        return []  # the whole row at once: a cell is looked at only when something is wrong
    problems = []
    for column, value in row.items():
        try:
            fields.check_text(value)
        except ValueError as e:
            problems.append((origin.at(column), str(e)))
    return problems


def _text(path: Path) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), else Windows-1252 (what Swedish Excel
    writes as "CSV"); a file valid in neither raises the UTF-8 error."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as first:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise first from None


def _read_csv(path: Path) -> Table:
    with io.StringIO(_text(path), newline="") as f:
        sample = f.read(4096)
        f.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.reader(f, delimiter=delimiter)
        header = next(reader, None)
        if header is None:
            raise LoadError([(Origin(str(path)), _("the file is empty"))])
        rows = ((i, r) for i, r in enumerate(reader, start=2))
        return _table(path.stem, header, rows, str(path), None, str.strip)


def _read_xlsx(path: Path) -> dict[str, Table]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a broken workbook
        raise LoadError(
            [
                (
                    Origin(str(path)),
                    _("not a readable XLSX workbook ({kind}: {error})", kind=type(e).__name__, error=e),
                )
            ]
        ) from e
    tables = {}
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            try:
                header = next(rows, None)
                if header is not None:
                    numbered = ((i, r) for i, r in enumerate(rows, start=2))
                    table = _table(ws.title, list(header), numbered, str(path), ws.title)
                    tables[ws.title.strip().casefold()] = table
            except SyntaxError as e:  # the sheet's XML is broken, as a raw control character breaks it
                raise LoadError(
                    [(Origin(str(path), ws.title), _("the sheet is not well-formed XML: {error}", error=e))]
                ) from e
    finally:
        wb.close()
    return tables
