"""The questionnaire of a partner survey, made from the workspace: an XLSX to fill in (the long
answer shape, one row per partner), a DOCX to print or send, or a CSV of grid questions to paste
into Microsoft Forms or Google Forms. Beside it, the column map that reads the forms' wide export
back (``samverkan load svar.csv --survey-map <map>``)."""

from __future__ import annotations

import csv
from pathlib import Path

from samverkan.i18n import _, lang
from samverkan.loaders.survey import COLUMNS, ITEMS, MAP_HEADER, QUESTIONS, SCALES, scale
from samverkan.ontology import ontology
from samverkan.records import Entity, Records

TIMESTAMPS = ("Tidstämpel", "Timestamp", "Completion time", "Slutförandetid", "Submitdate")


def organisations(records: Records, scope: list[str] | None = None) -> list[Entity]:
    """The organisations to ask about: all of them, or those in ``scope`` — each scoped
    organisation, its units, and the organisations any of these has a relation with."""
    orgs = {e.id: e for e in records.entities if ontology().types[e.type].is_organisation}
    if not scope:
        return sorted(orgs.values(), key=lambda e: e.name.casefold())
    missing = [s for s in scope if s not in orgs]
    if missing:
        raise ValueError(_("no organisation with id {ids}", ids=", ".join(map(repr, missing))))
    keep = set(scope)
    while True:  # units, to any depth
        more = {e.id for e in orgs.values() if e.part_of in keep} - keep
        if not more:
            break
        keep |= more
    for r in records.relations:
        for a, b in ((r.source, r.target), (r.target, r.source)):
            if a in keep and b in orgs:
                keep.add(b)
    return sorted((orgs[i] for i in keep), key=lambda e: e.name.casefold())


def _labels(item: str) -> list[str]:
    return [f"{v} = {label}" for v, label in zip(scale(item), SCALES[ITEMS[item]["scale"]]["labels"][lang()])]


def write_form(orgs: list[Entity], out: Path) -> list[Path]:
    """Write the questionnaire (by ``out``'s suffix: .xlsx, .docx or .csv) and its column map;
    returns the files written."""
    writers = {".xlsx": _xlsx, ".docx": _docx, ".csv": _forms_csv}
    writer = writers.get(out.suffix.casefold())
    if writer is None:
        raise ValueError(
            _(
                "a questionnaire is .xlsx, .docx or .csv, not {suffix}",
                suffix=repr(out.suffix) if out.suffix else _("files without a suffix"),
            )
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    writer(orgs, out)
    column_map = out.with_name(out.stem + ".columns.csv")
    _column_map(orgs, column_map)
    return [out, column_map]


def _grid(item: str) -> str:
    return ITEMS[item]["grid"][lang()]


def _column_map(orgs: list[Entity], out: Path) -> None:
    """Header texts of a wide export (Google Forms' "Question [Row]") -> item and partner."""
    rows = [["column", QUESTIONS["form"]["respondent"][lang()], "respondent", ""]]
    rows += [["column", t, "date", ""] for t in TIMESTAMPS]
    rows += [["column", f"{_grid(item)} [{o.name}]", item, o.id] for item in ITEMS for o in orgs]
    rows += [["choice", o.name, "respondent", o.id] for o in orgs]
    with open(out, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([MAP_HEADER, *rows])


def _forms_csv(orgs: list[Entity], out: Path) -> None:
    """One grid question per item, one row per partner, the options of its scale."""
    header = [_("question"), _("kind"), _("row"), _("options")]
    rows = [[QUESTIONS["form"]["respondent"][lang()], _("choice"), o.name, ""] for o in orgs]
    for item in ITEMS:
        labels = ";".join(SCALES[ITEMS[item]["scale"]]["labels"][lang()])
        rows += [[_grid(item), _("grid"), o.name, labels] for o in orgs]
    with open(out, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, *rows])


def _xlsx(orgs: list[Entity], out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    sheet = wb.active
    sheet.title = _("answers")
    short = {item: spec["short"][lang()] for item, spec in ITEMS.items()}
    first = {k: COLUMNS[k][1 if lang() == "sv" else 0] for k in ("respondent", "partner", "date")}
    sheet.append([first["respondent"], first["partner"], _("partner name"), *short.values(), first["date"]])
    for o in orgs:
        sheet.append(["", o.id, o.name, *([""] * len(short)), ""])
    last = len(orgs) + 1
    who = DataValidation(type="list", formula1=f"={_('organisations')}!$A$2:$A${last}", allow_blank=True)
    sheet.add_data_validation(who)
    who.add(f"A2:A{last}")
    for col, item in enumerate(ITEMS, start=4):
        values = scale(item)
        rule = DataValidation(
            type="whole",
            operator="between",
            formula1=str(values[0]),
            formula2=str(values[-1]),
            allow_blank=True,
            prompt="; ".join(_labels(item)),
        )
        sheet.add_data_validation(rule)
        letter = sheet.cell(row=1, column=col).column_letter
        rule.add(f"{letter}2:{letter}{last}")
    listing = wb.create_sheet(_("organisations"))
    listing.append(["id", _("name")])
    for o in orgs:
        listing.append([o.id, o.name])
    questions = wb.create_sheet(_("questions"))
    questions.append([_("column"), _("question"), _("answers")])
    for item, spec in ITEMS.items():
        questions.append(
            [short[item], spec["question"][lang()].format(partner=_("the partner")), "; ".join(_labels(item))]
        )
    wb.save(out)


def _docx(orgs: list[Entity], out: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading(_("Partner survey"), 0)
    doc.add_paragraph(
        _(
            "Answer for your own organisation. For each organisation below, say how "
            "often and how closely you work with it, and how you see it. Leave a row "
            "empty if you do not know the organisation."
        )
    )
    doc.add_paragraph(f"{QUESTIONS['form']['respondent'][lang()]} ______________________________")
    for item, spec in ITEMS.items():
        doc.add_heading(spec["grid"][lang()], 2)
        doc.add_paragraph("; ".join(_labels(item)))
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = _("organisation"), _("answer")
        for o in orgs:
            table.add_row().cells[0].text = o.name
    doc.save(str(out))
