"""Export buttons: the report, the figure and the exchange formats, written by
:mod:`samverkan.export` into a temporary folder and handed over as a download."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from samverkan.i18n import _

KINDS = {  # kind -> (file name, media type)
    "report": ("report.html", "text/html; charset=utf-8"),
    "figure": ("figure.svg", "image/svg+xml"),
    "gexf": ("samverkan.gexf", "application/xml"),
    "graphml": ("samverkan.graphml", "application/xml"),
    "ttl": ("samverkan.ttl", "text/turtle; charset=utf-8"),
    "csv": ("samverkan-csv.zip", "application/zip"),
}


def download(ws, kind: str, persons: str, as_of: date) -> tuple[str, str, bytes]:
    """(file name, media type, content) of one export of the open workspace."""
    from samverkan.export import export
    from samverkan.export.figure import write_figure
    from samverkan.export.report import write_report

    if kind not in KINDS:
        raise ValueError(
            _("Unknown export {kind}; expected one of {kinds}", kind=kind, kinds=", ".join(KINDS))
        )
    name, media = KINDS[kind]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / name
        if kind == "report":
            write_report(ws, out, as_of=as_of, persons=persons)
        elif kind == "figure":
            write_figure(ws, out, persons=persons, as_of=as_of)
        elif kind == "csv":
            export(ws, "csv", Path(tmp) / "csv", persons=persons)
            out = Path(shutil.make_archive(str(out.with_suffix("")), "zip", Path(tmp) / "csv"))
        else:
            export(ws, kind, out, persons=persons)
        return name, media, out.read_bytes()
