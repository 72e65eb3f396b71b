"""Candidate actors and relations from Swedish text, by rules on spaCy's Swedish tokenizer.

The rules work from the language, not from a list of the names in any text:

- *Names* are runs of capitalised words (with ``i``, ``och``, ``för``, ``mot`` ... between them),
  told apart from sentence-initial common words by a Swedish Hunspell dictionary (spylls +
  hunspell-sv): a word the dictionary knows in lower case is a common word.
- *Types* come from a name's head (``-förvaltningen``, ``-nämnden``, ``X kommun``, ``Region X``,
  ``-verket``, ``Föreningen X``, ``Temagrupp X``, ``-forum``, ``-gården`` ...), from word lists of
  kinds (the CC0 list of state agencies, EU funds, Sweden's regions and 290 municipalities, common
  given names), and from cue words around the name ("forskning presenterad av X",
  "X, ett projekt som", "i X", "de kommunala bolagen").
- *Persons* are a given name and a surname, or two names next to a role ("Jane Johansson,
  förvaltningschef på omsorgsförvaltningen") or a verb of saying ("... beskrev").
- *Relations* come from patterns: a role and the organisation after it (holds_role_in);
  acronyms defined in parentheses or with "=" (aliases); lists of initiatives with their
  initiators and funds in parentheses, "(JNH och Jämlikt Hisingen)", "(Jämlikt Hisingen, ERUF)"
  (initiated_by, funds, participates_in); "finansieras av medel från X" (funds); "leds av",
  "X:s satsning på Y", "X arbetar med Y" (leads); "presenterad av", "tillsammans med"
  (participates_in); "X i Y", "X en stadsdel i Y" (located_in); "med fokus på", "Tema X"
  (about_theme). A document whose title names a meeting is an event the text's guests take
  part in.

Every candidate keeps the file, the character span, the quote and a confidence. ``words`` holds
the word lists and the types they give, ``names`` the rules for names, ``relations`` the rules for
relations, ``found`` what one text yields.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from samverkan.extract.found import LIKELY, Found
from samverkan.extract.names import (
    acronyms,
    capitalised_names,
    headed_names,
    headings,
    initiative_lists,
    introduced_names,
    lowercase_projects,
    not_names,
    places_in_names,
    the_municipality,
    themes,
)
from samverkan.extract.pages import fact_box, member_lists, page_subject, subject_themes
from samverkan.extract.pairs import learned as learned_relations
from samverkan.extract.relations import relations
from samverkan.extract.retype import retype
from samverkan.extract.roles import roles
from samverkan.extract.rules import table
from samverkan.extract.words import parse
from samverkan.records import Entity, Evidence, Records, Relation

ACCEPT_FROM = LIKELY  # candidates at least this confident are marked accept=ja (see the README for why)


def extract(text: str, source: str, learned: bool = True) -> Records:
    """Candidate records from one text — the rules' and, with ``learned``, the learned steps' (types
    and relations) — ids from the name."""
    found = find(text, source, learned)
    if learned:
        learned_relations(found)
    return found.records()


def find(text: str, source: str, learned: bool = True) -> Found:
    """What the rules find in one text: entities, the span of each mention, and relations; with
    ``learned``, candidates re-typed or dropped by the learned type model (``retype``)."""
    found = Found(text, source)
    text = found.text
    doc = parse(text)
    starts = {s.start_char for s in doc.sents} | {m.end() for m in re.finditer(r"\n\s*", text)} | {0}
    acronyms(found)
    headed_names(doc, found)
    event, sections = headings(found)
    initiative_lists(found)
    introduced_names(found)
    capitalised_names(doc, found, starts)
    lowercase_projects(found)
    the_municipality(found)
    themes(doc, found)
    roles(found)
    subject = page_subject(found)
    fact_box(found, subject)
    member_lists(found, subject)
    sentences = [
        (s.start_char + a.start(), s.start_char + a.end())  # sentences, and lines within them
        for s in doc.sents
        for a in re.finditer(r"[^\n]+", s.text)
    ]
    relations(found, sentences, event, sections, subject)
    subject_themes(found, subject, sentences)
    not_names(found)
    found.subject, found.sentences = subject, sentences
    if learned:
        retype(found)
    places_in_names(found)  # after the type step, which learnt from candidates without them
    return found


@cache
def premarked_relations() -> frozenset[str]:
    """The kinds of relation the review sheet pre-marks: those the rules got right most of the
    time on real pages (``rules/premarked.csv``)."""
    return frozenset(row["relation"] for row in table("premarked.csv") if row["premark"] == "ja")


def premarked(r: Relation) -> bool:
    """Whether the review sheet marks a relation candidate accept=ja (its ends marked aside)."""
    return (r.confidence or 0) >= ACCEPT_FROM and r.relation in premarked_relations()


def read_document(path, min_confidence: float = ACCEPT_FROM, **_) -> Records:
    """A document's candidates at or above ``min_confidence``; a web address is its own source."""
    from samverkan.extract import web
    from samverkan.extract.documents import main_text

    found = extract(main_text(path), path if web.is_address(path) else Path(path).name)
    keep = {e.id for e in found.entities if (e.confidence or 0) >= min_confidence}
    return Records(
        [e for e in found.entities if e.id in keep],
        [
            r
            for r in found.relations
            if (r.confidence or 0) >= min_confidence and r.source in keep and r.target in keep
        ],
    )


def write_review(records: Records, out: Path) -> Path:
    """The candidates in the template, with ``accept`` (ja from ACCEPT_FROM; for a relation only
    of a kind :func:`premarked` and when both its ends are marked too, so the sheet loads as
    written), ``confidence`` and ``span``
    columns: an XLSX workbook, or entities.csv and relations.csv when ``out`` is a folder."""
    tables = _review_tables(_one_per_id(records))
    out = Path(out)
    if out.suffix.casefold() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for name, (header, rows) in tables.items():
            sheet = wb.create_sheet(name)
            sheet.append(header)
            for row in rows:
                sheet.append(row)
        wb.save(out)
        return out
    out.mkdir(parents=True, exist_ok=True)
    for name, (header, rows) in tables.items():
        with open(out / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
    return out


def _one_per_id(records: Records) -> Records:
    """The same candidate from several documents as one entity, with a row per document."""
    merged: dict[str, Entity] = {}
    for e in records.entities:
        kept = merged.setdefault(e.id, replace(e, aliases=list(e.aliases), evidence=[]))
        kept.aliases += [a for a in e.aliases if a not in kept.aliases and a != kept.name]
        kept.confidence = max(kept.confidence or 0, e.confidence or 0)
        kept.evidence += [ev for ev in e.evidence[:1] if ev.source not in {x.source for x in kept.evidence}]
    return Records(list(merged.values()), records.relations)


def _review_tables(records: Records) -> dict[str, tuple[list[str], list[list]]]:
    """The review sheet's two tables: header and rows of the entities and of the relations."""
    from samverkan.loaders.template import ENTITY_COLUMNS, RELATION_COLUMNS

    def accept(c):
        return "ja" if (c or 0) >= ACCEPT_FROM else ""

    def first(item):
        return item if isinstance(item, Evidence) else item.evidence[0] if item.evidence else Evidence()

    def quote(item):
        return [first(item).source or "", first(item).quote or ""]

    def span(item):
        ev = first(item)
        return f"{ev.span[0]}-{ev.span[1]}" if ev.span else ""

    accepted = {e.id for e in records.entities if accept(e.confidence)}  # a relation only with both ends
    return {
        "entities": (
            ENTITY_COLUMNS + ["accept", "confidence", "span"],
            [
                [e.id, e.name, e.type, "", "", ";".join(e.aliases), "", "", "", "", ""]
                + quote(ev)
                + [accept(e.confidence), e.confidence, span(ev)]
                for e in records.entities
                for ev in e.evidence or [Evidence()]
            ],
        ),
        "relations": (
            RELATION_COLUMNS + ["accept", "confidence", "span"],
            [
                [r.source, r.relation, r.target, r.role or "", "", ""]
                + quote(r)
                + ["ja" if premarked(r) and {r.source, r.target} <= accepted else "", r.confidence, span(r)]
                for r in records.relations
            ],
        ),
    }
