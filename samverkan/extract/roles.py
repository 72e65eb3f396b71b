"""Persons, their roles and the bodies they belong to: "Anna Ek, ordförande i socialnämnden",
"Projektledare är Anna Ek", contact lines, and the members listed under a council or network."""

from __future__ import annotations

import re

from samverkan.extract.found import CUED, LIKELY, STATED, Found
from samverkan.extract.relations import _antecedent
from samverkan.extract.words import NAME, ORGANISATION, ROLE, given_name


def roles(found: Found) -> None:
    """A person with a role and the organisation or project named after it, before the next
    person or the sentence's end ("Cecilia Gustafsson, ordförande för Arbetsmarknads- och
    socialnämnden", "Cristian Lagström forskare vid KFi", "Emil Boberg från
    tillitsdelegationen", "Kontaktperson på GR: Patrick Gruczkun"); contact persons in
    parentheses ("(kontakt: A, B)") of the one project before them."""
    text = found.text
    for m in re.finditer(rf"\b({ROLE})\s+({NAME}\s{NAME})", text):  # "stadsdirektör Said Niklund"
        person = found.covered(m.start(2), m.end(2))
        if not person and given_name(m.group(2).split()[0]):
            pid = found.entity(m.group(2), "person", STATED, m.start(2), m.end(2))
        else:
            pid = person.id if person and person.type == "person" else None
        org = next(
            (
                o
                for o in reversed(found.within(max(0, m.start() - 60), m.start(), ORGANISATION))
                if re.fullmatch(r"\s*(?:genom|via|,)?\s*", text[o.end : m.start()])
            ),
            None,
        )
        if pid and org:  # "KFUM Malmö genom verksamhetschef Omar Jaber"
            found.relate(pid, "holds_role_in", org.id, org.start, m.end(), LIKELY, m.group(1))
    for m in re.finditer(
        rf"\b((?i:{ROLE}))(?:\s+är\s+|\s*:\s*)(?:(?i:docent|professor|dr|fil\.\s?dr)\.?\s+)?"
        rf"({NAME}\s{NAME})(?:\s+(?:vid|på|i|inom|från)\s|,\s*)?",
        text,
    ):
        # "Projektledare är X vid Y", "Projektledare: X, Y", "Projektledare är docent X"
        person = found.covered(m.start(2), m.end(2))
        pid = (
            person.id
            if person and person.type == "person"
            else found.entity(m.group(2), "person", STATED, m.start(2), m.end(2))
        )  # a role names a person
        org = found.within(m.end(), m.end() + 60, ORGANISATION)
        if org and org[0].start - m.end() <= 2:  # "Projektledare är Elina Virtanen vid Lapplands universitet"
            found.relate(pid, "holds_role_in", org[0].id, m.start(), org[0].end, CUED, m.group(1).lower())
        project = _antecedent(found, "projektet", m.start())
        if re.match(r"(?i)projektledare|samordnare|processledare", m.group(1)) and project:
            found.relate(pid, "leads", project.id, m.start(), m.end(2), LIKELY)
    for m in re.finditer(r"\(kontakt:?\s*([^)]+)\)", text):
        people = [
            found.entity(p.group(0), "person", STATED, m.start(1) + p.start(), m.start(1) + p.end())
            for p in re.finditer(rf"{NAME}(?:\s{NAME})+", m.group(1))
        ]
        segment = max([0] + [k.end() for k in re.finditer(r"\(kontakt[^)]*\)|\n", text[: m.start()])])
        target = _section_project(found, segment, m.start())
        for person in people if target else ():
            found.relate(person, "holds_role_in", target, m.start(), m.end(), LIKELY, "kontakt")
    people = found.within(0, len(text), {"person"})
    for k, p in enumerate(people):
        stop = min([q.start for q in people[k + 1 :]] + [p.end + 120])
        clause = re.split(r"[.!?](?:\s|$)|\n", text[p.end : stop])[0]
        role = re.match(
            rf"(?:\s*\([A-ZÅÄÖ]{{1,3}}\))?,?\s*(?:(?:som|är|ny|nya|blir)\s+)*((?:{ROLE})(?:\s(?:och|&)\s(?:{ROLE}))?)\b",
            clause,
        )
        origin = re.match(r"\s*(?:från|vid|på|inom)\s", clause)
        if not role and not origin:
            continue
        tail = p.end + (role.end() if role else origin.end())
        targets = [m for m in found.within(tail, p.end + len(clause)) if m.type in ORGANISATION | {"project"}]
        if targets and targets[0].start - tail <= (60 if role else 3):
            found.relate(
                p.id,
                "holds_role_in",
                targets[0].id,
                p.start,
                targets[0].end,
                confidence=STATED,
                role=role.group(1) if role else None,
            )
    for p in people:  # "Kommunstyrelsens ordförande Katrin Stjernfeldt Jammeh"
        before = re.search(rf"(\S+?)s?\s+({ROLE})\s+$", text[max(0, p.start - 80) : p.start])
        at = p.start - len(before.group(0)) if before else 0
        org = before and found.covered(at, at + len(before.group(1)))
        if org and org.type in ORGANISATION:
            found.relate(p.id, "holds_role_in", org.id, org.start, p.end, CUED, before.group(2))
    for m in re.finditer(rf"[Kk]ontaktperson\s(?:på|för|vid)\s([^:\n]{{2,60}}):\s*({NAME}\s{NAME})", text):
        org = found.within(m.start(1), m.end(1), ORGANISATION)
        person = found.within(m.start(2), m.end(2), {"person"})
        if org and person:
            found.relate(
                person[0].id, "holds_role_in", org[0].id, m.start(), m.end(), STATED, "kontaktperson"
            )



def _section_project(found: Found, start: int, end: int) -> str | None:
    """The project a passage is about: the one whose name, without its head word ("Temagrupp"),
    starts earliest in it ("Barnfattigdom lindra konsekvenser ..."), else the only project named."""
    passage, best = found.text[start:end].lower(), None
    for e in found.entities.values():
        core = re.sub(r"(?i)^(temagrupp(en)?|tema|projektet|projekt)\s", "", e.name).lower().split()
        if e.type == "project" and core and core != e.name.lower().split():
            at = re.search(rf"\b{re.escape(core[0])}\b", passage)
            if at and (best is None or at.start() < best[0]):
                best = (at.start(), e.id)
    if best:
        return best[1]
    projects = {m.id for m in found.within(start, end, {"project"})}
    return projects.pop() if len(projects) == 1 else None
