"""Persons and their roles: "Anna Ek (S), ordförande i socialnämnden", "Anna Ek, verksamhetschef
på Y", "kommunstyrelsens ordförande Anna Ek", "Projektledare är Anna Ek", "X, som representerades
av A och B", contact lines. A role is a title (``words.ROLE`` and ``rules/titles.csv``) with the
organisation written beside it; past roles ("f.d. generaldirektör") are left out, as the
annotation guideline (tests/data/annotations/README.md) leaves them out."""

from __future__ import annotations

import re
from functools import cache

from samverkan.extract.found import CUED, LIKELY, STATED, Found, Mention
from samverkan.extract.names import cue_type
from samverkan.extract.relations import antecedent
from samverkan.extract.rules import table
from samverkan.extract.words import NAME, ORGANISATION, ROLE, given_name, kind_of

UNITS = {"board", "department"}  # kinds a genitive before a title names ("kommunstyrelsens ordförande")
TO_ORG = (  # between a title and its organisation: "i", "vd för det kommunala bostadsbolaget"
    r"[\s,]*(?:(?:för|med\s+ansvar\s+för)\s+(?:[a-zåäö-]+\s+){1,3}?(?=(?:i|på|vid|inom|hos)\s))?"  # a field
    r"(?:(?:i|på|vid|för|inom|hos|från|till|åt)\s+)?"
    r"(?:(?:det|den|de)\s+(?:[a-zåäö-]+\s+){1,2}?|[a-zåäö]+(?:bolaget|förbundet)\s+)?"
)
FIELD = (
    r"[\s,]*(?:(?!(?:om|med|till|att|som|och|är|var)\s)[a-zåäö/-]+(?<!ar|er|ir|or|de|te)\s+){1,3}"  # no verb
)
CHAIN = r"\s*(?:,|och|samt)\s*"  # organisations written one after another: "Bobyrån, Stockholms Stadsmission"
CLAUSE_END = r"\s*(?:[.;:!?)]|$)"


@cache
def title_words(kind: str) -> str:
    """The alternatives of one kind of ``rules/titles.csv``, as a regular expression."""
    return "|".join(row["pattern"] for row in table("titles.csv") if row["kind"] == kind)


@cache
def title() -> str:
    """A person's title: "ordförande", "hälso- och sjukvårdsdirektör", "internationell samordnare"."""
    head = rf"(?:{ROLE}|[\wåäö-]*(?:{title_words('head')}))"
    return (
        rf"(?:(?:{title_words('modifier')})\s)?(?:{title_words('joined')})?{head}"
        rf"(?:\s(?:och|&)\s{head})?"
    )


@cache
def after_name() -> re.Pattern:
    """What follows a person's name when a title comes next: "(S), kommunstyrelsens ordförande"."""
    return re.compile(
        rf"(?:\s*\([A-ZÅÄÖa-zåäö]{{1,3}}\))?,?\s*(?:(?:som|är|var|blir|ny|nya)\s+)*"
        rf"(?P<past>(?:{title_words('past')})\s+)?(?:(?P<gen>[\wåäö-]+s)\s+)?(?P<role>(?i:{title()}))\b"
    )


def roles(found: Found) -> None:
    """Every person's roles, by the rules of this module."""
    _title_before_name(found)
    _title_is_name(found)
    _contacts_in_parentheses(found)
    _title_after_name(found)
    _represented_by(found)
    _listed_from(found)
    for m in re.finditer(
        rf"[Kk]ontaktperson\s(?:på|för|vid)\s([^:\n]{{2,60}}):\s*({NAME}\s{NAME})", found.text
    ):
        org = found.within(m.start(1), m.end(1), ORGANISATION)  # "Kontaktperson på GR: Patrick Gruczkun"
        person = found.within(m.start(2), m.end(2), {"person"})
        if org and person:
            found.relate(
                person[0].id, "holds_role_in", org[0].id, m.start(), m.end(), STATED, "kontaktperson"
            )


def _person_at(found: Found, name: str, start: int, end: int, confidence: float) -> str | None:
    """The person named at [start, end), recorded as one if the first word is a given name."""
    person = found.covered(start, end)
    if person and person.type == "person":
        return person.id
    if not person and given_name(name.split()[0]):
        return found.entity(name, "person", confidence, start, end)
    return None


def _genitive_unit(found: Found, start: int, end: int) -> Mention | None:
    """The board or department a genitive names ("kommunstyrelsens", "Socialnämndens")."""
    named = found.covered(start, end)
    if named:
        return named if named.type in ORGANISATION else None
    word = found.text[start:end]
    kind = kind_of(word[:1].upper() + word[1:-1])
    if not kind or kind[0] not in UNITS:
        return None
    found.entity(word[:1].upper() + word[1:-1], kind[0], CUED, start, end - 1)
    return found.covered(start, end - 1)


def _genitive_org(found: Found, start: int, end: int) -> Mention | None:
    """An organisation a name in the genitive before a title names, read as something else
    ("DSA Elits verksamhetschef", "Städa Sveriges vd", "BID Gamlestadens säkerhetssamordnare"):
    the name without its -s, typed by its head or the words around it; None for a person's
    genitive ("Annas chef")."""
    named = found.covered(start, end)
    if named is None or named.end != end or named.type in ORGANISATION or named.type in ("place", "theme"):
        return None
    base = found.text[named.start : named.end - 1]
    if not base[:1].isupper() or given_name(base.split()[0]):
        return None
    kind = (kind_of(base) or (cue_type(found.text, base),))[0]
    if kind not in ORGANISATION:
        return None
    found.forget(named.start, named.end)
    found.entity(base, kind, CUED, named.start, named.end - 1)
    return found.covered(named.start, named.end - 1)


def _title_before_name(found: Found) -> None:
    """A title and the organisation before it, then the name: "KFUM Malmö genom verksamhetschef
    Omar Jaber", "Kommunstyrelsens ordförande Katrin Stjernfeldt Jammeh", "Ordföranden för
    Skaraborgs kommunalförbund Katarina Jonsson"."""
    text = found.text
    for m in re.finditer(rf"\b(?:([\wåäö-]+s)\s+)?((?i:{title()}))\s+({NAME}\s{NAME})", text):
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if "\n" in text[m.end(2) : m.start(3)] and line.strip():
            continue  # "Jens Sjöström (S), Region Stockholm, ordförande\nKristoffer Tamsons (M), …"
        pid = _person_at(found, m.group(3), m.start(3), m.end(3), STATED)
        before = [
            o
            for o in found.within(max(0, m.start() - 60), m.start(2), ORGANISATION)
            if re.fullmatch(r"\s*(?:genom|via|,)?\s*", text[o.end : m.start(2)])
        ]
        genitive = m.group(1) and (
            _genitive_unit(found, m.start(1), m.end(1)) or _genitive_org(found, m.start(1), m.end(1))
        )
        org = genitive or next(iter(before[-1:]), None)
        if pid and org:
            found.relate(pid, "holds_role_in", org.id, org.start, m.end(), LIKELY, m.group(2).lower())
    for m in re.finditer(rf"\b((?i:{title()}))(?:en|n)?\s+(?:för|i|på|vid)\s+", text):
        org = next((o for o in found.within(m.end(), m.end() + 80, ORGANISATION) if o.start == m.end()), None)
        who = re.match(rf"\s+({NAME}(?:\s{NAME}){{1,2}})", text[org.end : org.end + 60]) if org else None
        if org and who:  # "Ordföranden för Skaraborgs kommunalförbund Katarina Jonsson"
            pid = _person_at(found, who.group(1), org.end + who.start(1), org.end + who.end(1), CUED)
            end = org.end + who.end()
            if pid:
                found.relate(pid, "holds_role_in", org.id, m.start(), end, LIKELY, m.group(1).lower())


def _title_is_name(found: Found) -> None:
    """ "Projektledare är X vid Y", "Projektledare: X, Y", "Projektledare är docent X": the person
    holds the role in the organisation after them, and a project leader leads the project."""
    text = found.text
    for m in re.finditer(
        rf"\b((?i:{ROLE}))(?:\s+är\s+|\s*:\s*)(?:(?i:docent|professor|dr|fil\.\s?dr)\.?\s+)?"
        rf"({NAME}\s{NAME})(?:\s+(?:vid|på|i|inom|från)\s|,\s*)?",
        text,
    ):
        person = found.covered(m.start(2), m.end(2))
        pid = (
            person.id
            if person and person.type == "person"
            else found.entity(m.group(2), "person", STATED, m.start(2), m.end(2))
        )  # a role names a person
        org = found.within(m.end(), m.end() + 60, ORGANISATION)
        if org and org[0].start - m.end() <= 2:
            found.relate(pid, "holds_role_in", org[0].id, m.start(), org[0].end, CUED, m.group(1).lower())
        project = antecedent(found, "projektet", m.start())
        if re.match(r"(?i)projektledare|samordnare|processledare", m.group(1)) and project:
            found.relate(pid, "leads", project.id, m.start(), m.end(2), LIKELY)


def _contacts_in_parentheses(found: Found) -> None:
    """Contact persons in parentheses ("(kontakt: A, B)") of the one project before them."""
    text = found.text
    for m in re.finditer(r"\(kontakt:?\s*([^)]+)\)", text):
        people = [
            found.entity(p.group(0), "person", STATED, m.start(1) + p.start(), m.start(1) + p.end())
            for p in re.finditer(rf"{NAME}(?:\s{NAME})+", m.group(1))
        ]
        segment = max([0] + [k.end() for k in re.finditer(r"\(kontakt[^)]*\)|\n", text[: m.start()])])
        target = _section_project(found, segment, m.start())
        for person in people if target else ():
            found.relate(person, "holds_role_in", target, m.start(), m.end(), LIKELY, "kontakt")  # type: ignore[arg-type]


def _title_after_name(found: Found) -> None:
    """A person, their title and the organisations after it, before the next person or the
    clause's end: "Anna Ek (S), ordförande i socialnämnden", "Tanja Küller, Enhetschef Bobyrån,
    Stockholms Stadsmission", "Anna Ek (S), kommunstyrelsens ordförande"; "Anna Ek från X"; a
    project's title without an organisation ("Eva Wrede, projektledare") is in the project before."""
    text = found.text
    people = found.within(0, len(text), {"person"})
    for k, p in enumerate(people):
        stop = min([q.start for q in people[k + 1 :]] + [p.end + 160])
        past = after_name().match(text[p.end : stop])
        if past and past.group("past"):  # "f.d. generaldirektör på X": no role, not even a learned one
            end = p.end + past.end() + len(_clause(text[p.end + past.end() : stop]))
            found.refused |= {frozenset((p.id, o.id)) for o in found.within(p.end, end)}
            continue
        clause = _clause(text[p.end : stop])
        said = after_name().match(clause)
        origin = None if said else re.match(r"\s*(?:från|vid|på|inom)\s", clause)
        if not said and not origin:
            _organisation_then_title(found, p, p.end + len(clause))
            continue
        role = said.group("role") if said else None
        tail = p.end + (said or origin).end()  # type: ignore[union-attr]
        unit = (
            _genitive_unit(found, p.end + said.start("gen"), p.end + said.end("gen"))
            if said and said.group("gen")
            else None
        )
        orgs = [unit] if unit else []
        orgs += _organisations(found, tail, p.end + len(clause), role is not None)
        for o in orgs:
            found.relate(p.id, "holds_role_in", o.id, p.start, o.end, STATED, role)
        project = antecedent(found, "projektet", p.start) if role and not orgs else None
        if project and re.match(r"(?i)projekt\w+", role or ""):
            found.relate(p.id, "holds_role_in", project.id, p.start, tail, LIKELY, role)


def _organisation_then_title(found: Found, p: Mention, end: int) -> None:
    """A line "Jens Sjöström (S), Region Stockholm, ordförande": the person holds the title in
    the organisation between the name and it, which ends the line or clause; a line of a list
    that is only "Therez Almerfors (M), Uppsala kommun" gives the role without a title (not one
    that names a town: "Glenn Nordlund, Örnsköldsvik")."""
    text = found.text
    gap = re.match(r"(?:\s*\([A-ZÅÄÖa-zåäö]{1,3}\))?\s*,\s*", text[p.end : end])
    org = gap and next(iter(found.within(p.end + gap.end(), end, ORGANISATION)), None)
    if not org or org.start != p.end + gap.end():  # type: ignore[union-attr]
        return
    role = re.fullmatch(rf",\s*((?i:{title()}))\s*", text[org.end : end])
    if role:
        found.relate(p.id, "holds_role_in", org.id, p.start, end, STATED, role.group(1))
    elif not text[org.end : end].strip() and text[end : end + 1] in ("\n", "") and _line_start(text, p.start):
        if not _employer(found, org):
            return  # "Glenn Nordlund, Örnsköldsvik": where the person is from
        found.relate(p.id, "holds_role_in", org.id, p.start, end, LIKELY)


def _line_start(text: str, at: int) -> bool:
    """Whether only spaces or a bullet stand between the start of the line and ``at``."""
    return re.fullmatch(r"[\s•*–-]*", text[text.rfind("\n", 0, at) + 1 : at]) is not None


def _clause(text: str) -> str:
    """The text up to the end of its first sentence or line."""
    return re.split(r"[.!?](?:\s|$)|\n", text)[0]


def _organisations(found: Found, start: int, end: int, titled: bool) -> list[Mention]:
    """The organisations (or project) right after a title, and those written after them up to
    the clause's end ("Kvinnokliniken Södersjukhuset och Karolinska Institutet"); after a field
    of work ("utvecklingsledare social hållbarhet/folkhälsa Ale kommun") only an organisation
    that ends the clause."""
    text = found.text
    named = [m for m in found.within(start, end) if m.type in ORGANISATION | {"project"}]
    gap = re.match(TO_ORG if titled else r"\s*", text[start:end])
    if not named:
        return []
    right = named[0].start == start + gap.end()  # type: ignore[union-attr]
    field = not right and titled and re.fullmatch(FIELD, text[start : named[0].start])
    if not right and not field:
        return []
    chain = named[:1]
    for m in named[1:]:
        if m.type == "project" or not re.fullmatch(CHAIN, text[chain[-1].end : m.start]):
            break
        chain.append(m)
    ends = re.match(CLAUSE_END, text[chain[-1].end : end]) or re.fullmatch(
        r"\s*(?:och\s*)?", text[chain[-1].end : end]
    )
    return chain if ends else [] if field else chain[:1]


def _represented_by(found: Found) -> None:
    """ "Högskolan Väst, som representerades av A och B": each person holds a role in it; so does
    "A (S) som representerar Y" in Y."""
    text = found.text
    for m in re.finditer(r"\s(?:\([A-ZÅÄÖ]{1,4}\)\s)?,?\s*som\s+(?:också\s+|även\s+)?representerar\s+", text):
        person = next((p for p in found.within(max(0, m.start() - 60), m.start() + 1, {"person"})), None)
        org = next((o for o in found.within(m.end(), m.end() + 80, ORGANISATION) if o.start == m.end()), None)
        if person and org and re.fullmatch(r"\s*", text[person.end : m.start()]):
            found.relate(person.id, "holds_role_in", org.id, person.start, org.end, LIKELY, "representant")
    for m in re.finditer(r",?\s*(?:som\s+)?(?:representera|företräd)(?:de|e)?s\s+av\s+", text):
        org = next(
            (o for o in found.within(max(0, m.start() - 80), m.start(), ORGANISATION) if o.end == m.start()),
            None,
        )
        people = found.within(m.end(), m.end() + 120, {"person"})
        listed = people[:1]
        for p in people[1:]:
            if not re.fullmatch(CHAIN, text[listed[-1].end : p.start]):
                break
            listed.append(p)
        if not org or not people or people[0].start != m.end():
            continue
        for p in listed:
            found.relate(p.id, "holds_role_in", org.id, org.start, p.end, LIKELY)


def _listed_from(found: Found) -> None:
    """Persons written one after another and then "från X": "universitetslektorerna A, B och C
    från Socialhögskolan" — each holds a role there."""
    text = found.text
    people = found.within(0, len(text), {"person"})
    run: list[Mention] = []
    for p in people:
        if run and not re.fullmatch(CHAIN, text[run[-1].end : p.start]):
            run = []
        run.append(p)
        origin = re.match(r"\s+(?:från|vid|på|i)\s+", text[p.end : p.end + 8])
        org = origin and next(iter(found.within(p.end + origin.end(), p.end + 120, ORGANISATION)), None)
        if org and org.start == p.end + origin.end():  # type: ignore[union-attr]
            if len(run) == 1 and not _employer(found, org):
                found.refused.add(frozenset((p.id, org.id)))  # "Anna Ek i Malmö": a town, no employer
                continue
            for q in run:
                found.relate(q.id, "holds_role_in", org.id, run[0].start, org.end, LIKELY)
            run = []


def _employer(found: Found, org: Mention) -> bool:
    """An organisation one person works in ("Gunnar Ström i Röda korset Värmland"), not a town
    they come from ("Anna Ek från Malmö")."""
    return org.type != "municipality" or bool(re.search(r"(?i)kommun|stad", found.text[org.start : org.end]))


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
