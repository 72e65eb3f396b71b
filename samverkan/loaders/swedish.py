"""Candidate actors and relations from Swedish text, by rules on spaCy's Swedish tokenizer.

A first, conservative set of rules that works from the language rather than from a list of
names: organisation names are told by their heads (``-förvaltningen``, ``-nämnden``, ``X Stad``,
``X kommun``, ``Region X``, ``-regionen``, ``Delegationen mot ...``, ``-verket``, ``Högskolan X``,
``-nätverket``, ``Föreningen X``), acronyms defined in parentheses are linked to their long form
("Delegationen mot segregation (Delmos)"), and a person is a pair of capitalised words next to a
role word ("Jane Johansson, förvaltningschef på omsorgsförvaltningen"; "Cecilia Gustafsson,
ordförande för Arbetsmarknads- och socialnämnden"). Every candidate keeps the file, the span, the
quote and a confidence.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from samverkan.loaders.fields import slug
from samverkan.records import Entity, Evidence, Records, Relation

ROLES = ("förvaltningschef", "ordförande", "vice ordförande", "kommunalråd", "hållbarhetschef", "processledare",
         "projektledare", "utvecklingsledare", "stadsdirektör", "stadsdelsdirektör", "sektorschef", "chef",
         "strateg", "integrationsstrateg", "samordnare", "forskare", "handläggare", "utbildningsledare",
         "projekt- och utbildningsledare", "verksamhetschef", "enhetschef", "rektor", "generaldirektör")
HEADS = [  # (pattern on the name, type, confidence)
    (r"\w*förvaltning(en)?$", "department", 0.9),
    (r"\w*(nämnd(en)?|styrelsen)$", "board", 0.9),
    (r"^[A-ZÅÄÖ][\w-]+(\s[A-ZÅÄÖ][\w-]+)?\s(Stad|stad|kommun)$", "municipality", 0.9),
    (r"\w*nätverket$", "network", 0.8),  # before -verket
    (r"^Region\s[A-ZÅÄÖ]\w+$|^([A-ZÅÄÖ]\w+\s)?[A-ZÅÄÖ]?\w+regionen$", "region", 0.8),
    (r"^(Delegationen|Kommissionen|Nationella\s[Kk]ommissionen)\s(mot|för)\s.+|\w+(verket|myndigheten|delegationen)$",
     "state_agency", 0.85),
    (r"^(Högskolan\s[A-ZÅÄÖ]\w+|[A-ZÅÄÖ]\w+\suniversitet|\w*[Ii]nstitutet?)$", "research", 0.85),
    (r"^Föreningen\s.+|\w+föreningen$|\w+förbundet$", "civil_society", 0.75),
]
NAME = r"[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?"
ROLE = "|".join(sorted(map(re.escape, ROLES), key=len, reverse=True))
ORG_AFTER = r"((?:[A-ZÅÄÖ][\w-]*\s(?:och\s)?)*[\wÅÄÖåäö-]+)"
PERSON = re.compile(rf"\b({NAME}\s{NAME})(?:\s{NAME})?,?\s+(?:(?:som|är|ny|nya|blir)\s+)*({ROLE})\b"
                    rf"(?:,?\s+(?:(?:på|för|i|inom|vid|hos)\s+)?(?:den\s+)?{ORG_AFTER})?")
ROLE_FIRST = re.compile(rf"\b({ROLE})\s+({NAME}\s{NAME})\b")
FROM_ORG = re.compile(rf"\b({NAME}\s+{NAME})\s+(?:från|på|vid)\s+{ORG_AFTER}")
ACRONYM = re.compile(r"((?:[A-ZÅÄÖ][\wåäö-]*)(?:\s(?:[a-zåäö]+|[A-ZÅÄÖ][\wåäö-]*)){0,5})\s\(([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,9})\)")
CAPITALISED = re.compile(r"(?:[A-ZÅÄÖ][\wåäöé-]*(?:\s(?:och|mot|för|i)\s|\s))*[A-ZÅÄÖ]?[\wåäöé-]+")


GENERIC = re.compile(r"^((lokal|ny|nya|den|det|mål|vision|för)\s)*(stadsdels|region|regionstyrelse|resurs|social\s)?"
                     r"(förvaltning(en)?|nämnd(en)?|styrelsen|nätverket|kommunförbundet|kommun|stad|regionen)$",
                     re.IGNORECASE)


def organisation_type(name: str) -> tuple[str, float] | None:
    """The type a name's head gives it, with a confidence; None for a name no rule knows, or for
    a generic word alone ("förvaltningen", "Nätverket", "Lokal nämnd")."""
    if GENERIC.match(name):
        return None
    for pattern, kind, confidence in HEADS:
        if re.search(pattern, name):
            return kind, confidence
    return None


@cache
def _tokenizer():
    import spacy

    return spacy.blank("sv")


CONNECTORS = {"och", "mot", "för", "i"}


def _well_formed(tokens) -> bool:
    """A name: one word, or words that start capitalised, end in a hyphen ("Arbetsmarknads-"),
    connect (och, mot, för, i), or follow "mot"/"för" after a Delegationen-like head word."""
    if len(tokens) == 1:
        return True
    if not tokens[0].text[:1].isupper():
        return False
    free = False
    for t in tokens[1:-1]:
        if t.text in ("mot", "för") and tokens[0].text in ("Delegationen", "Kommissionen", "Nationella"):
            free = True
        elif not (t.text[:1].isupper() or t.text.endswith("-") or t.text in CONNECTORS or free):
            return False
    return True


def _candidates(text: str):
    """Spans that name an organisation: the longest well-formed span (up to 7 words) ending in a
    word whose head gives a type, left of which no hyphenated word is cut off."""
    doc = _tokenizer()(text)
    taken = -1
    for end in range(len(doc)):
        if end <= taken or not (doc[end].is_alpha):
            continue
        for start in range(max(0, end - 6), end + 1):
            span = doc[start:end + 1]
            if any(not (t.is_alpha or t.text.endswith("-")) for t in span):
                continue
            if start > 0 and doc[start - 1].text.endswith("-"):
                continue
            if _well_formed(list(span)) and organisation_type(span.text):
                # prefer a longer name ending in the same head ("Ale kommun" over "kommun")
                yield span
                taken = end
                break


def extract(text: str, source: str) -> Records:
    """Candidate records from one text; ids from type and normalised name."""
    entities: dict[str, Entity] = {}
    relations: list[Relation] = []

    def entity(name: str, kind: str, confidence: float, start: int, end: int) -> str:
        eid = f"{kind}-{slug(name)}"
        ev = Evidence(source, text[start:end], (start, end))
        found = entities.setdefault(eid, Entity(eid, name, kind, confidence=confidence))
        if ev not in found.evidence:
            found.evidence.append(ev)
        return eid

    for span in _candidates(text):
        kind, confidence = organisation_type(span.text)
        entity(span.text, kind, confidence, span.start_char, span.end_char)
    for m in ACRONYM.finditer(text):
        long, short = m.group(1), m.group(2)
        typed = organisation_type(long)
        if typed:
            eid = entity(long, *typed, m.start(1), m.end(2) + 1)
            if short not in entities[eid].aliases:
                entities[eid].aliases.append(short)
    def role_in(m, name: int, role: int | None, org: int | None) -> None:
        person = entity(m.group(name), "person", 0.8, m.start(), m.end())
        typed = organisation_type(m.group(org)) if org and m.group(org) else None
        if typed:
            target = entity(m.group(org), *typed, m.start(org), m.end(org))
            relations.append(Relation(person, "holds_role_in", target, role=m.group(role) if role else None,
                                      evidence=[Evidence(source, m.group(0), (m.start(), m.end()))], confidence=0.75))

    for m in PERSON.finditer(text):  # "Jane Johansson, förvaltningschef på omsorgsförvaltningen"
        role_in(m, 1, 2, 3)
    for m in ROLE_FIRST.finditer(text):  # "stadsdirektör Said Niklund"
        role_in(m, 2, 1, None)
    for m in FROM_ORG.finditer(text):  # "Emil Boberg från tillitsdelegationen"
        role_in(m, 1, None, 2)
    return Records(entities=list(entities.values()), relations=relations)


def read_document(path: Path, min_confidence: float = 0.5, **_) -> Records:
    """A document's candidates at or above ``min_confidence``."""
    from samverkan.loaders.documents import main_text

    found = extract(main_text(path), Path(path).name)
    keep = {e.id for e in found.entities if (e.confidence or 0) >= min_confidence}
    return Records([e for e in found.entities if e.id in keep],
                   [r for r in found.relations if (r.confidence or 0) >= min_confidence
                    and r.source in keep and r.target in keep])


ACCEPT_FROM = 0.75  # candidates at least this confident are marked accept=ja in a review sheet


def write_review(records: Records, out: Path) -> Path:
    """The candidates in the template, with ``accept`` (ja from ACCEPT_FROM) and ``confidence``
    columns: an XLSX workbook, or entities.csv and relations.csv when ``out`` is a folder."""
    import csv

    from samverkan.loaders.template import ENTITY_COLUMNS, RELATION_COLUMNS

    def accept(c):
        return "ja" if (c or 0) >= ACCEPT_FROM else ""

    def quote(item):
        ev = item.evidence[0] if item.evidence else Evidence()
        return [ev.source or "", ev.quote or ""]

    tables = {
        "entities": (ENTITY_COLUMNS + ["accept", "confidence"],
                     [[e.id, e.name, e.type, "", "", ";".join(e.aliases), "", "", "", "", ""] + quote(e)
                      + [accept(e.confidence), e.confidence] for e in records.entities]),
        "relations": (RELATION_COLUMNS + ["accept", "confidence"],
                      [[r.source, r.relation, r.target, r.role or "", "", ""] + quote(r)
                       + [accept(r.confidence), r.confidence] for r in records.relations])}
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
