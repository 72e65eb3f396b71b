"""Survey answers: who works with whom, how often, how closely, and how much each trusts and
values the other (after PARTNER: Varda, Chandra, Stern & Lurie 2012; the questions and scales
are data, in ``survey.toml``).

Two shapes load. *Long*: one row per respondent and partner (``respondent, partner, frequency,
level, reliable, mission, open, power, involvement, resources, date``; Swedish short names too).
*Wide*: one row per response, a column per grid cell, as Microsoft Forms, Google Forms and
Netigate export it; read through the column map (``kind,text,item,id``) that
``samverkan survey form`` writes beside the questionnaire.

Every answered pair becomes a ``rates`` relation respondent -> partner carrying the answers as
attributes; a pair that works together (frequency above never) is also a ``collaborates_with``
fact. Both have the evidence source "<survey> <date of the last answer>".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from samverkan.i18n import _
from samverkan.loaders.tables import Table, read_tables
from samverkan.records import Evidence, LoadError, Origin, Records, Relation

QUESTIONS = tomllib.loads((Path(__file__).with_name("survey.toml")).read_text(encoding="utf-8"))
ITEMS: dict[str, dict] = QUESTIONS["items"]
SCALES: dict[str, dict] = QUESTIONS["scales"]
COLUMNS: dict[str, list[str]] = QUESTIONS["columns"]


@dataclass
class Answer:
    """One respondent's answers about one partner."""

    origin: Origin
    respondent: str
    partner: str
    answered: date
    values: dict[str, int] = field(default_factory=dict)


def scale(item: str) -> range:
    """The values an item takes: 0–5 for frequency, 0–3 for level, 1–4 for the ratings."""
    s = SCALES[ITEMS[item]["scale"]]
    return range(s["min"], s["min"] + len(s["labels"]["sv"]))


def parse_value(item: str, text: str) -> int | None:
    """An answer as its number: the number itself or a label in Swedish or English
    (the part before a colon is enough: "samordnat"). Empty is None."""
    text = (text or "").strip()
    if not text:
        return None
    values, s = scale(item), SCALES[ITEMS[item]["scale"]]
    if re.fullmatch(r"\d+", text) and int(text) in values:
        return int(text)
    for labels in s["labels"].values():
        for i, label in enumerate(labels):
            if text.casefold() in (label.casefold(), label.split(":")[0].casefold()):
                return values[i]
    raise ValueError(
        _(
            "{text!r} is not an answer to {item!r}: expected {low}–{high} or one of {labels}",
            text=text,
            item=item,
            low=values[0],
            high=values[-1],
            labels=", ".join(s["labels"]["sv"]),
        )
    )


def _column(header: list[str], names: list[str]) -> str | None:
    folded = {h.strip().casefold(): h for h in header}
    return next((folded[n] for n in names if n in folded), None)


def item_columns(header: list[str]) -> dict[str, str]:
    """The item of each answer column in a long sheet: by code or short name (sv, en)."""
    out = {}
    for item, spec in ITEMS.items():
        found = _column(header, [item, *(n.casefold() for n in spec["short"].values())])
        if found:
            out[item] = found
    return out


def long_table(tables: dict[str, Table]) -> Table | None:
    """The table of a long answer sheet: one with respondent and partner columns."""
    for table in tables.values():
        if _column(table.header, COLUMNS["respondent"]) and _column(table.header, COLUMNS["partner"]):
            return table
    return None


def parse_answered(text: str) -> date:
    """The day of an answer from a date or a timestamp (2025-03-14, 2025-03-14 10:22:31)."""
    found = re.match(r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text or "")
    if not found:
        raise ValueError(_("{text!r} is not a date (YYYY-MM-DD, a time may follow)", text=text))
    return date(*map(int, found.groups()))


def read(path: Path, survey_map: Path | None = None, **_) -> Records:
    """Read survey answers in the long shape, or the wide shape with ``survey_map``."""
    return from_tables(read_tables(path), path, survey_map)


def from_tables(tables: dict[str, Table], path: Path, survey_map: Path | None = None) -> Records:
    """Survey answers from tables already read (see :func:`read`)."""
    table = long_table(tables)
    if table is not None:
        answers, problems = _long(table)
    elif survey_map is not None and len(tables) == 1:
        answers, problems = _wide(next(iter(tables.values())), read_map(Path(survey_map)))
    else:
        raise LoadError(
            [
                (
                    Origin(str(path)),
                    _(
                        "not survey answers: expected columns 'respondent' and "
                        "'partner' (long), or a column map given with --survey-map (wide)"
                    ),
                )
            ]
        )
    records = to_records(answers, _survey_name(tables, path))
    if problems:  # the rows that could be read go along, so the workspace can check their ids too
        raise LoadError(problems, partial=records)
    return records


def _survey_name(tables: dict[str, Table], path: Path) -> str:
    for table in tables.values():
        column = _column(table.header, COLUMNS["survey"])
        names = {row[column] for _, row in table.rows if row.get(column)} if column else set()
        if len(names) == 1:
            return names.pop()
    return Path(path).stem


def _answer(
    origin: Origin,
    respondent: str,
    partner: str,
    answered: tuple[str | None, str],
    cells: dict[str, tuple[str, str]],
    problems: list,
) -> Answer | None:
    """The answers of one row about one partner; ``answered`` is (date column, its text),
    ``cells`` item -> (column, text). Problems are collected, not raised."""
    try:
        day = parse_answered(answered[1])
    except ValueError as e:
        problems.append((origin.at(answered[0] or "date"), str(e)))
        return None
    answer = Answer(origin, respondent, partner, day)
    for item, (column, text) in cells.items():
        try:
            value = parse_value(item, text)
        except ValueError as e:
            problems.append((origin.at(column), str(e)))
            continue
        if value is not None:
            answer.values[item] = value
    return answer


def _single(rows: list, column: str | None) -> str:
    """The one value a column holds on the rows that have it (a sheet one respondent filled in
    writes its name, or the date, once), else empty."""
    values = {row[column] for _, row in rows if column and row.get(column)}
    return values.pop() if len(values) == 1 else ""


def _long(table: Table) -> tuple[list[Answer], list]:
    """The answers of the long shape, and the problems of the rows that could not be read."""
    header = table.header
    who, partner = _column(header, COLUMNS["respondent"]), _column(header, COLUMNS["partner"])
    assert who and partner, "long_table chose a table with both columns"
    when, columns = _column(header, COLUMNS["date"]), item_columns(header)
    problems: list = []
    seen: dict[tuple[str, str], int | None] = {}
    answers = []
    rows = [(o, row) for o, row in table.rows if any(row.get(c) for c in columns.values())]
    only = {k: _single(rows, c) for k, c in (("who", who), ("when", when))}
    for origin, row in rows:
        row = {
            **row,
            who: row.get(who) or only["who"],
            **({when: row.get(when) or only["when"]} if when else {}),
        }
        r, p = row.get(who, ""), row.get(partner, "")
        if not r or not p:
            problems.append((origin.at(who if not r else partner), _("the respondent or partner is empty")))
            continue
        if (r, p) in seen:
            problems.append(
                (
                    origin.at(who),
                    _(
                        "{respondent!r} answered about {partner!r} twice (first at row {row})",
                        respondent=r,
                        partner=p,
                        row=seen[(r, p)],
                    ),
                )
            )
            continue
        seen[(r, p)] = origin.row
        cells = {item: (column, row.get(column, "")) for item, column in columns.items()}
        answer = _answer(origin, r, p, (when, row.get(when, "") if when else ""), cells, problems)
        if answer and answer.values and r != p:
            answers.append(answer)
    return answers, problems


@dataclass
class ColumnMap:
    """How a wide export's columns read: header text -> (item, partner id), and the respondent
    question's choices -> organisation id."""

    columns: dict[str, tuple[str, str | None]]
    choices: dict[str, str]


MAP_HEADER = ["kind", "text", "item", "id"]


def read_map(path: Path) -> ColumnMap:
    """Read a column map written by ``samverkan survey form``."""
    tables = read_tables(path)
    table = next(iter(tables.values()), None)
    if table is None or [h.strip().casefold() for h in table.header][:4] != MAP_HEADER:
        raise LoadError(
            [
                (
                    Origin(str(path)),
                    _(
                        "not a survey column map: expected the columns {columns}",
                        columns=", ".join(MAP_HEADER),
                    ),
                )
            ]
        )
    columns, choices, problems = {}, {}, []
    for origin, row in table.rows:
        kind, text, item, ident = (row.get(c, "") for c in MAP_HEADER)
        if kind == "choice":
            choices[text.casefold()] = ident
        elif kind == "column" and (item in ITEMS or item in ("respondent", "date")):
            columns[text] = (item, ident or None)
        else:
            problems.append(
                (
                    origin.at("item" if kind == "column" else "kind"),
                    _("unknown item {item!r}", item=item)
                    if kind == "column"
                    else _("unknown kind {kind!r}", kind=kind),
                )
            )
    if problems:
        raise LoadError(problems)
    return ColumnMap(columns, choices)


def _wide(table: Table, mapping: ColumnMap) -> tuple[list[Answer], list]:
    """The answers of a wide export read through a column map, and the problems of its rows."""
    special = {}
    for kind in ("respondent", "date"):
        named = [text for text, (item, _) in mapping.columns.items() if item == kind]
        found = next((t for t in named if t in table.header), None)
        if found is None:
            raise LoadError(
                [
                    (
                        table.origin(),
                        _(
                            "no {kind} column: the column map names {named}, and the file has none of them",
                            kind=_(kind),
                            named=", ".join(map(repr, named)) or _("none"),
                        ),
                    )
                ]
            )
        special[kind] = found
    grid = {text: spec for text, spec in mapping.columns.items() if spec[0] in ITEMS and text in table.header}
    problems: list = []
    seen: dict[str, int | None] = {}
    answers = []
    for origin, row in table.rows:
        said = row.get(special["respondent"], "")
        who = mapping.choices.get(said.casefold()) or (said if said in mapping.choices.values() else None)
        if who is None:
            problems.append((origin.at(special["respondent"]), _("unknown respondent {said!r}", said=said)))
            continue
        if who in seen:
            problems.append(
                (
                    origin.at(special["respondent"]),
                    _("{said!r} answered twice (first at row {row})", said=said, row=seen[who]),
                )
            )
            continue
        seen[who] = origin.row
        cells: dict[str, dict[str, tuple[str, str]]] = {}
        for text, (item, partner) in grid.items():
            cells.setdefault(partner or "", {})[item] = (text, row.get(text, ""))
        for partner, items in cells.items():
            answer = _answer(
                origin, who, partner, (special["date"], row.get(special["date"], "")), items, problems
            )
            if answer and answer.values and partner != who:
                answers.append(answer)
    return answers, problems


def works_together(values: dict[str, int]) -> bool:
    """A pair works together when the frequency is above never (or, without one, the level
    above none)."""
    if "frequency" in values:
        return values["frequency"] > 0
    return values.get("level", 0) > 0


def to_records(answers: list[Answer], survey: str) -> Records:
    """``rates`` relations for every answer and ``collaborates_with`` for those working together."""
    out = Records(columns={"from": "respondent", "to": "partner"})
    if not answers:
        return out
    evidence = [Evidence(source=f"{survey} {max(a.answered for a in answers).isoformat()}")]
    for a in answers:
        attributes = {
            "survey": survey,
            "respondent": a.respondent,
            **{item: str(v) for item, v in a.values.items()},
        }
        said = lambda relation, kept: Relation(  # noqa: E731
            a.respondent,
            relation,
            a.partner,
            start=a.answered,
            attributes=kept,
            evidence=evidence,
            origin=a.origin,
        )
        out.relations.append(said("rates", attributes))
        if works_together(a.values):
            tie_keys = ("survey", "respondent", "frequency", "level")
            out.relations.append(
                said("collaborates_with", {k: v for k, v in attributes.items() if k in tie_keys})
            )
    return out
