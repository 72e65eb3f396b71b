"""The report a strategist can hand on. It opens with what to do — the best findings of the
:class:`~samverkan.network.Network`, each with why it matters and its evidence (the quote and the
source's name) — then the network figure, then the sections: what changed (with ``since``),
boundaries, brokers, every finding by kind, counts, and the sources. Every sentence comes from the
message catalog and every label from the ontology (Swedish by default, English with ``--lang en``);
names, never ids. The content is built once as blocks that the HTML template (one self-contained
file, the figure embedded) and the DOCX writer (python-docx) both render."""

from __future__ import annotations

import base64
import csv
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from samverkan.export.atomic import written
from samverkan.export.figure import draw
from samverkan.export.map import layouts, marker
from samverkan.export.persons import clean, outgoing
from samverkan.i18n import _, label, lang, n_, number
from samverkan.network import Network, building, changes
from samverkan.network.change import rows as change_rows
from samverkan.network.gaps import KINDS, kind_label

TEMPLATES = Path(__file__).parent / "templates"
TOP_BROKERS = 10
TOP_FINDINGS = 8
SUMMARY_PER_KIND = 3  # the opening shows at most this many findings of one kind
PER_KIND = 25  # findings listed per kind; the full list goes to a CSV file beside the report
DOCX_STYLES = ("List Number", "List Bullet", "List Bullet 2")
CSV_COLUMNS = ("kind", "entities", "names", "score", "detail", "why")  # as `gaps --format csv`
PERSONS = {
    "initials": "Persons are shown by their initials.",
    "hide": "Persons are hidden.",
    "role": "Persons are shown by their role only.",
}
REASONS = {
    "direct": "direct",
    "arena": "meet in",
    "person": "through",
    "project": "project",
    "event": "event",
}


def fmt(value) -> str:
    return "–" if value is None else (number(value, 3) if isinstance(value, float) else str(value))


class _Words:
    """Names and labels for the evidence of one network."""

    def __init__(self, net: Network):
        self.net = net

    def relation(self, r: dict) -> str:
        where = ", ".join(r.get("documents") or r.get("sources") or [])
        quote = f" – ”{r['quote']}”" if r.get("quote") else ""
        fact = f"{self.net.name(r['from'])} {label(r['relation'], 'relation')} {self.net.name(r['to'])}"
        return fact + quote + (f" ({where})" if where else "")

    def reason(self, r: dict) -> str:
        what = label(r["id"], "relation") if r["kind"] == "direct" else self.net.name(r["id"])
        return f"{_(REASONS.get(r['kind'], r['kind']))} {what}".strip()

    def covered(self, eid: str, c: dict) -> str:
        """What the sources hold on an actor: "3 uppgifter i 2 dokument från 1 källa"."""
        values = {
            "name": self.net.name(eid),
            "facts": n_("{n} fact", "{n} facts", c["facts"]),
            "documents": n_("{n} document", "{n} documents", c["documents"]),
            "sources": n_("{n} source", "{n} sources", c["sources"]),
        }
        if c["documents"]:
            return _("{name}: {facts} in {documents} from {sources}", **values)
        return _("{name}: {facts} from {sources}", **values)

    def lines(self, finding: dict) -> list[str]:
        """One readable line per piece of evidence, then what the sources cover of each actor."""
        out = []
        for item in finding.get("evidence", []):
            relations = item.get("relations") or ([item] if "relation" in item else [])
            out += [self.relation(r) for r in relations]
            if relations:
                continue
            if "project" in item:
                names = ", ".join(map(self.net.name, item["organisations"]))
                out.append(f"{self.net.name(item['project'])}: {names}")
            elif "tie" in item:
                out.append(
                    " – ".join(map(self.net.name, item["tie"]))
                    + ": "
                    + ", ".join(self.reason(r) for r in item.get("reasons", []))
                )
        out += [self.covered(eid, c) for eid, c in finding.get("coverage", {}).items()]
        return list(dict.fromkeys(out))


def content(
    workspace,
    as_of: date | None = None,
    persons: str = "show",
    permutations: int = 1000,
    scope=(),
    since: date | None = None,
    full_list: str = "findings.csv",
) -> dict:
    """Everything the report shows, as blocks both formats render: computed once. Each kind of
    finding lists its ``PER_KIND`` best; ``found`` holds them all for ``full_list``, the CSV
    file named where a kind has more."""
    shown = outgoing(workspace, persons)
    records, scope = shown.records, shown.ids({"scope": scope}).get("scope", ())
    net = shown.network(workspace, as_of=as_of, scope=scope)
    if net is None:
        net = Network(records, as_of, scope=scope)
    words = _Words(net)
    workspace.progress(_("looking for gaps"))
    found = net.gaps(explained=PER_KIND)  # the full list (CSV) has no evidence column
    sources = shown.sources
    meta = _(
        "As of {date}: {actors} and {relations} from {sources}.",
        date=net.as_of.isoformat(),
        actors=n_("{n} actor", "{n} actors", len(records.entities)),
        relations=n_("{n} relation", "{n} relations", len(records.relations)),
        sources=n_("{n} source", "{n} sources", len(sources)),
    )
    if scope:
        names = ", ".join(map(net.name, scope))
        meta += " " + _("Findings about {names}, their units and partners.", names=names)
    if persons in PERSONS:
        meta += " " + _(PERSONS[persons])
    workspace.progress(_("counting the ties across the groups and finding the brokers"))
    sections = ([_changes(net, since)] if since else []) + [
        _boundaries(net, permutations),
        _brokers(net),
        *_findings(found, words, full_list),
        *_surveys(records, net.as_of),
        _counts(workspace),
        _sources(sources, records),
    ]
    return {
        "records": records,
        "net": net,
        "meta": meta,
        "summary": _summary(found, words),
        "sections": sections,
        "found": found,
        "capped": any(s.get("capped") for s in sections),
        "what_to_do": _("What to do"),
        "network": _("The network"),
        "lang": lang(),
        "caption": _(
            "Organisations and their ties. Solid ties cross a sector boundary; "
            "a node's size shows its broker position."
        ),
    }


def _summary(found: list[dict], words: _Words) -> list[dict]:
    """The best ``TOP_FINDINGS`` findings, at most ``SUMMARY_PER_KIND`` of a kind, best first."""
    shown: dict[str, int] = defaultdict(int)
    out: list[dict] = []
    for f in found:
        if shown[f["kind"]] < SUMMARY_PER_KIND and len(out) < TOP_FINDINGS:
            shown[f["kind"]] += 1
            out.append({**f, "lines": words.lines(f)})
    return out


def _changes(net: Network, since: date) -> dict:
    result = changes(net.records, since, net.as_of, net.scope)
    rows = [[r["change"], r["names"], r["behind"], r["quote"] or ""] for r in change_rows(result)]
    return {
        "heading": _("What changed since {date}", date=since.isoformat()),
        "table": [[_("change"), _("actors"), _("behind it"), _("quote")], *rows] if rows else None,
        "paragraphs": [] if rows else [_("Nothing changed.")],
    }


def _boundaries(net: Network, permutations: int) -> dict:
    b = net.boundaries("sector", permutations=permutations)
    text = _(
        "E-I index (Krackhardt & Stern 1988) over all ties: {ei}; expected by chance {expected} "
        "(p = {p}, {n} permutations). −1 means every tie stays inside its sector, +1 that every tie "
        "crosses.",
        ei=fmt(b["ei_index"]),
        expected=fmt(b["expected"]),
        p=fmt(b["p_value"]),
        n=b["permutations"],
    )
    if b["small_sample"]:
        text += " " + n_(
            "Only {n} tie: a small sample, so the p-value says little.",
            "Only {n} ties: a small sample, so the p-value says little.",
            len(b["ties"]),
        )
    cells = list(b["matrix"])
    table = [
        ["", *(label(c, "sector") for c in cells), _("E-I index")],
        *(
            [label(a, "sector"), *row.values(), fmt(b["cells"][a]["ei_index"])]
            for a, row in b["matrix"].items()
        ),
    ]
    return {"heading": _("Boundaries: ties within and across sectors"), "paragraphs": [text], "table": table}


def _surveys(records, as_of: date) -> list[dict]:
    from samverkan.export.words import survey_section
    from samverkan.network.survey import surveys

    return [survey_section(records, name, as_of) for name in surveys(records)]


def _brokers(net: Network) -> dict:
    header = [
        _("actor"),
        _("betweenness (normalised)"),
        _("constraint"),
        _("effective size"),
        _("coordinator"),
        _("itinerant"),
        _("representative"),
        _("liaison"),
    ]
    rows = [
        [
            r["name"],
            fmt(r["betweenness"]),
            fmt(r["constraint"]),
            fmt(r["effective_size"]),
            *r["brokerage"].values(),
        ]
        for r in net.brokers("sector", top=TOP_BROKERS)
    ]
    return {"heading": _("Brokers"), "table": [header, *rows]}


def _findings(found: list[dict], words: _Words, full_list: str) -> list[dict]:
    """A section per kind with its ``PER_KIND`` best findings and, where there are more, a
    sentence pointing to ``full_list``."""
    grouped = defaultdict(list)
    for f in found:
        grouped[f["kind"]].append(f)
    sections = []
    for kind in (k for k in KINDS if grouped[k]):
        listed = grouped[kind]
        capped = len(listed) > PER_KIND
        note = (
            _(
                "The {shown} best of {n} are listed here; every finding is in {file}.",
                shown=PER_KIND,
                n=number(len(listed)),
                file=full_list,
            )
            if capped
            else None
        )
        sections.append(
            {
                "heading": f"{kind_label(kind, plural=True)} ({len(listed)})",
                "capped": capped,
                "paragraphs": [note] if note else [],
                "findings": [{**f, "lines": words.lines(f)} for f in listed[:PER_KIND]],
            }
        )
    return sections


def _write_findings(found: list[dict], out: Path) -> None:
    """Every finding as CSV, with the columns of ``samverkan gaps --format csv``."""
    with written(out) as target, target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_COLUMNS)
        for g in found:
            writer.writerow(
                [g["kind"], ";".join(g["entities"]), ";".join(g["names"]), g["score"], g["detail"], g["why"]]
            )


def _counts(workspace) -> dict:
    stats = workspace.stats()
    by_sector = [[label(k, "sector"), v] for k, v in stats["entities_by_sector"].items()]
    by_type = [[label(k), v] for k, v in stats["entities_by_type"].items()]
    return {
        "heading": _("Actors by sector and type"),
        "table": [[_("sector"), _("count")], *by_sector],
        "table2": [[_("type"), _("count")], *by_type],
    }


def _sources(sources: list[dict], records) -> dict:
    """What is loaded, and the documents the evidence quotes."""
    header = [_("source"), _("actors"), _("relations"), _("loaded")]
    rows = [[s["name"], s["entities"], s["relations"], s["loaded_at"]] for s in sources]
    documents = {
        ev.source for item in records.entities + records.relations for ev in item.evidence if ev.source
    }
    return {
        "heading": _("Sources"),
        "table": [header, *rows],
        "bullets": [f"{s['name']} — {s['path']} (sha256 {s['sha256'][:12]}…)" for s in sources]
        + sorted(documents),
    }


@building()
def write_report(
    workspace,
    out: Path,
    as_of: date | None = None,
    persons: str = "show",
    public: bool = False,
    title: str | None = None,
    permutations: int = 1000,
    scope=(),
    since: date | None = None,
    **_options,
) -> Path:
    """Write the report as HTML or DOCX (from the suffix of ``out``), as of ``as_of`` (default
    today); ``public`` shows persons by role; ``scope`` keeps findings about those organisations,
    their units and partners; ``since`` adds what changed since that day. Where a kind has more
    than ``PER_KIND`` findings, all of them are written as CSV beside it (``<name>-findings.csv``)."""
    out = Path(out)
    title = clean(title) or _("Samverkan: report")
    full_list = out.with_name(f"{out.stem}-findings.csv")
    data = content(
        workspace, as_of, "role" if public else persons, permutations, scope, since, full_list.name
    )
    with tempfile.TemporaryDirectory() as tmp:
        suffix = ".png" if out.suffix.casefold() == ".docx" else ".svg"
        workspace.progress(_("laying out and drawing the figure"))
        figure = draw(
            data["records"],
            Path(tmp) / f"figure{suffix}",
            data["net"].as_of,
            title=title,
            scope=scope,
            layouts=layouts(workspace),
            marker=marker(workspace, "role" if public else persons, {"as_of": as_of, "scope": scope}),
            net=data["net"],
        )
        workspace.progress(_("writing the report"))
        with written(out) as target:
            if suffix == ".png":
                _docx(data, figure, target, title)
            else:
                env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
                html = env.get_template("report.html").render(
                    title=title,
                    fmt=fmt,
                    figure=base64.b64encode(figure.read_bytes()).decode(),
                    figure_alt=_("Network figure"),
                    **data,
                )
                target.write_text(html, encoding="utf-8")
    if data["capped"]:
        _write_findings(data["found"], full_list)
    else:  # a list an earlier report of the same name left would no longer match this one
        full_list.unlink(missing_ok=True)
    return out


def _docx(data: dict, figure: Path, out: Path, title: str) -> None:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    # python-docx looks a style up by scanning every style of the document for each paragraph
    # given one: each style's id is looked up once here and set on the paragraphs directly
    style = {name: doc.styles[name].style_id for name in DOCX_STYLES}
    doc.add_heading(title, 0)
    doc.add_paragraph(data["meta"])
    doc.add_heading(data["what_to_do"], 1)
    _docx_findings(doc, data["summary"], style["List Number"], style)
    doc.add_heading(data["network"], 1)
    doc.add_picture(str(figure), width=Cm(16))
    doc.add_paragraph(data["caption"])
    for section in data["sections"]:
        doc.add_heading(section["heading"], 1)
        for text in section.get("paragraphs", []):
            doc.add_paragraph(text)
        for key in ("table", "table2"):
            if section.get(key):
                _docx_table(doc, section[key])
        _docx_findings(doc, section.get("findings", []), style["List Bullet"], style)
        for text in section.get("bullets", []):
            _paragraph(doc, text, style["List Bullet"])
    doc.save(str(out))


def _paragraph(doc, text: str, style_id: str):
    """A paragraph of ``text`` in the style with ``style_id``."""
    p = doc.add_paragraph(text)
    p._p.style = style_id
    return p


def _docx_findings(doc, findings: list[dict], first: str, style: dict) -> None:
    """Each finding in the style ``first`` (an id), its evidence one level in."""
    for f in findings:
        p = _paragraph(doc, "", first)
        p.add_run(f["detail"]).bold = True
        p.add_run(f" — {f['why']}")
        for line in f["lines"]:
            _paragraph(doc, line, style["List Bullet 2"])


def _docx_table(doc, rows: list[list]) -> None:
    t = doc.add_table(rows=0, cols=len(rows[0]))
    t.style = "Table Grid"
    for row in rows:
        for cell, text in zip(t.add_row().cells, row):
            cell.text = fmt(text)
